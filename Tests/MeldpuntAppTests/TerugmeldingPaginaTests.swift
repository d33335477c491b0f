import Foundation
@testable import MeldpuntCore
import MeldpuntDomain
@testable import MeldpuntWeb
import Testing

/// The terugmelding page as a value: what each reader may do, in their language.
@Suite("Terugmeldingpagina: paginamodel")
struct TerugmeldingPaginaTests {
    static let amsterdam = try! OrganisatieDTO(Organisatie(id: UUID(), naam: "Gemeente Amsterdam", gemeentecode: "0363", rollen: [.bronhouder]))
    static let rvig = try! OrganisatieDTO(Organisatie(id: UUID(), naam: "RvIG", gemeentecode: "1999", rollen: [.bronhouder, .rni]))
    static let belastingdienst = try! OrganisatieDTO(Organisatie(id: UUID(), naam: "Belastingdienst", oin: "00000001003214345000", rollen: [.afnemer]))

    static func terugmelding(_ status: TerugmeldingStatus, bijhouder: OrganisatieDTO = amsterdam) -> TerugmeldingDetailDTO {
        func verwijzing(_ o: OrganisatieDTO) -> OrganisatieVerwijzing {
            OrganisatieVerwijzing(Organisatie(id: o.id, naam: o.naam, oin: o.oin, gemeentecode: o.gemeentecode, rollen: o.rollen))
        }
        let invoer = TerugmeldingInvoer(
            terugMeldingHeader: .init(melder: .init(naam: "A. Afnemer", telefoon: nil, email: "a@bd.example", bedrijf: nil, afdeling: nil),
                                      gemeentecode: bijhouder.gemeentecode, toelichting: "Adres klopt niet"),
            terugMeldingBody: .init(objectIdentificatie: [], geometry: nil, terugMeldingGegevens: [
                .init(objectType: "persoon", gegevensElementNaam: "Straatnaam", attribuut: nil, attribuutUrn: nil,
                      betwijfeldeWaarde: "Damrak", voorgesteldeWaarde: nil, eigenvelden: nil, bijlages: nil)]))
        return TerugmeldingDetailDTO(
            terugMeldingReferentie: "0f6a1d2e-0000-4000-8000-000000000001", referentieKenmerk: "BD-1", status: status,
            beschrijving: "Ontvangen", registratie: "BRP", afnemer: verwijzing(belastingdienst), bijhouder: verwijzing(bijhouder),
            persoon: PersoonIdentificatie(bsn: "999993653", anummer: nil, adres: nil),
            ontvangenOp: Date(timeIntervalSince1970: 1_795_000_000), uiterlijkInBehandelingOp: Dag("2026-11-30")!, termijnOverschreden: true,
            terugMelding: invoer, bijlagen: [],
            statusHistorie: [StatuswijzigingDTO(volgnummer: 1, status: .gemeld, tijdstip: Date(timeIntervalSince1970: 1_795_000_000),
                                                organisatie: verwijzing(belastingdienst), toelichting: nil, verwachteDatum: nil, nieuweBijhouder: nil, uitkomst: nil)])
    }

    static func kijker(_ o: OrganisatieDTO, afnemer: Bool = false, taal: Taal = .nl) -> TerugmeldingPagina.Kijker {
        .init(taal: taal, isAfnemer: afnemer, organisatie: o, vandaag: Dag("2026-11-23")!, kalender: .standaard, referentiedata: .gebundeld)
    }

    @Test func deBronhouderPaktEenNieuweOp() {
        let p = TerugmeldingPagina.bouw(Self.terugmelding(.gemeld), Self.kijker(Self.amsterdam, taal: .en))
        #expect(p.status == "Reported" && p.historie.first?.status == "Reported")
        #expect(p.kanOppakken && p.kanDoorsturen && !p.kanIntrekken && !p.kanDoorsturenRni)
        #expect(p.uiterlijk == "30-11-2026" && p.teLaat)
        #expect(p.waarden.first?.gegeven == "Straatnaam" && p.waarden.first?.voorgesteld == "–")
        #expect(p.persoon == "BSN 999993653")
        // Forwarding offers every current gemeente but its own, by name, as "code name" like the wizard's picker.
        #expect(!p.gemeenten.isEmpty && !p.gemeenten.contains { $0.waarde == "0363" })
        let namen = p.gemeenten.map { String($0.naam.dropFirst(5)) }
        #expect(namen == namen.sorted() && p.gemeenten.allSatisfy { $0.naam.hasPrefix($0.waarde + " ") })
        #expect(p.rniDeelnemers.isEmpty)
        #expect(p.uitkomsten.allSatisfy { $0.naam != $0.waarde })
    }

    /// Issue 27: the bronhouder reads its own deadline in its own tense, not the afnemer's
    /// "wordt uiterlijk … in behandeling genomen" next to "Te laat".
    @Test func deBronhouderLeestZijnTermijnInZijnEigenWoorden() {
        func pagina(vandaag: String, _ o: OrganisatieDTO = Self.amsterdam, afnemer: Bool = false, taal: Taal = .nl) -> TerugmeldingPagina {
            TerugmeldingPagina.bouw(Self.terugmelding(.gemeld), .init(taal: taal, isAfnemer: afnemer, organisatie: o, vandaag: Dag(vandaag)!,
                                                                  kalender: .standaard, referentiedata: .gebundeld))
        }
        // Deadline Monday 30 November; Wednesday 2 December is two working days late.
        let laat = pagina(vandaag: "2026-12-02")
        #expect(laat.termijn == "2 werkdagen te laat")
        #expect(laat.beschrijving == "Deze terugmelding had uiterlijk 30 november 2026 in behandeling genomen moeten worden (2 werkdagen te laat). Neem haar zo snel mogelijk in behandeling.")
        #expect(pagina(vandaag: "2026-12-02", taal: .en).termijn == "2 working days overdue")
        #expect(pagina(vandaag: "2026-11-30").termijn == "vandaag")
        #expect(pagina(vandaag: "2026-11-29").termijn == "morgen")
        #expect(pagina(vandaag: "2026-11-27").termijn == "nog 1 werkdag")
        #expect(pagina(vandaag: "2026-11-25").beschrijving == "Neem deze terugmelding uiterlijk 30 november 2026 in behandeling (nog 3 werkdagen).")
        // The afnemer keeps the status description; the stand is shown to both.
        let afnemer = pagina(vandaag: "2026-12-02", Self.belastingdienst, afnemer: true)
        #expect(afnemer.beschrijving == "Ontvangen")
        #expect(afnemer.termijn == "2 werkdagen te laat")
        // Taken up: the deadline no longer stands.
        let opgepakt = TerugmeldingPagina.bouw(Self.terugmelding(.inBehandeling), Self.kijker(Self.amsterdam))
        #expect(opgepakt.termijn == nil)
    }

    @Test func deAfnemerKanAlleenIntrekken() {
        let p = TerugmeldingPagina.bouw(Self.terugmelding(.gemeld), Self.kijker(Self.belastingdienst, afnemer: true))
        #expect(p.kanIntrekken && !p.kanOppakken && !p.kanAfhandelen && !p.kanDoorsturen && p.gemeenten.isEmpty)
        #expect(p.contactEmail == "a@bd.example")
    }

    @Test func eenAndereGemeenteKanNiets() throws {
        let rotterdam = try OrganisatieDTO(Organisatie(id: UUID(), naam: "Gemeente Rotterdam", gemeentecode: "0599", rollen: [.bronhouder]))
        let p = TerugmeldingPagina.bouw(Self.terugmelding(.gemeld), Self.kijker(rotterdam))
        #expect(!p.kanOppakken && !p.kanInplannen && !p.kanAfhandelen && !p.kanDoorsturen && !p.kanIntrekken)
    }

    /// RvIG does not take an RNI terugmelding up itself: it only forwards (FAQ).
    @Test func rvigStuurtAlleenDoor() {
        let p = TerugmeldingPagina.bouw(Self.terugmelding(.gemeld, bijhouder: Self.rvig), Self.kijker(Self.rvig))
        #expect(p.kanDoorsturen && p.kanDoorsturenRni)
        #expect(!p.kanOppakken && !p.kanInplannen && !p.kanAfhandelen && !p.kanOnvoldoende && !p.kanIntrekken)
        #expect(p.rniDeelnemers.contains { $0.waarde == "0101" })
    }

    @Test func inBehandelingKomtPlannenEnAfhandelen() {
        let p = TerugmeldingPagina.bouw(Self.terugmelding(.inBehandeling), Self.kijker(Self.amsterdam))
        #expect(p.kanInplannen && p.kanAfhandelen && !p.kanOppakken && !p.kanDoorsturen && p.gemeenten.isEmpty)
    }

    @Test func eenAfgehandeldeTerugmeldingIsKlaar() {
        let p = TerugmeldingPagina.bouw(Self.terugmelding(.afgehandeld), Self.kijker(Self.amsterdam))
        #expect(p.status == "Afgehandeld")
        #expect(!p.kanOppakken && !p.kanInplannen && !p.kanAfhandelen && !p.kanOnvoldoende && !p.kanDoorsturen && !p.kanIntrekken)
    }
}
