import Foundation
import MeldpuntAdressen
@testable import MeldpuntCore
import MeldpuntDomain
@testable import MeldpuntWeb
import Testing

/// The staff's case page as a value, and the forms on it, without HTTP.
@Suite("Meldingpagina: paginamodel en formulieren")
struct MeldingPaginaTests {
    static let vandaag = Dag("2026-11-30")!

    static func melding(status: MeldingStatus = .ontvangen, stappen: [Behandelstap] = [.contact],
                        uitkomst: MeldingUitkomst? = nil, verzoeken: [VerzoekDTO] = [], behandelaar: MedewerkerVerwijzing? = nil) -> MeldingDetailDTO {
        MeldingDetailDTO(
            zaaknummer: "MFO-2026-000042", status: status, fase: status.fase, melderType: .burger, registraties: ["BRP"],
            ontvangenOp: Date(timeIntervalSince1970: 1_795_000_000), eersteContactUiterlijk: Dag("2026-12-02")!, eersteContactOp: nil,
            contactTermijnOverschreden: false, behandelaar: behandelaar, analyse: nil, rolVoorstel: RolVoorstelDTO(rol: .begeleidend, redenen: ["Eén organisatie"]),
            rol: nil, uitkomst: uitkomst, geslotenOp: nil, volgendeStap: VolgendeStapDTO(tekst: "Bellen", datum: Dag("2026-12-04")!),
            tevredenheid: nil, ingediendDoor: nil, toestemmingOp: Date(timeIntervalSince1970: 1_795_000_000), toestemmingVersie: "2026-11-1",
            persoonsgegevensGewist: false, melding: nil, bijlagen: [], tijdlijn: [], mogelijkeStappen: stappen, verzoeken: verzoeken,
            escalatieniveau: .operationeel, aantalEscalaties: 0)
    }

    static func omgeving(_ taal: Taal) -> MeldingPagina.Omgeving {
        .init(taal: taal, vandaag: vandaag, eigenEmail: "ik@meldpunt.example",
              medewerkers: [Keuze(waarde: "ik@meldpunt.example", naam: "Ik"), Keuze(waarde: "jij@meldpunt.example", naam: "Jij")],
              partners: [Keuze(waarde: "p1", naam: "UWV")])
    }

    @Test func eenNieuweMeldingInHetEngels() {
        let p = MeldingPagina.bouw(Self.melding(), Self.omgeving(.en))
        #expect(p.status == "Received" && p.fase == "Received" && !p.gesloten)
        #expect(p.contactUiterlijk == "02-12-2026")
        #expect(p.volgendeStap == "Bellen (04-12-2026)")
        #expect(p.kan.contact && !p.kan.sluiten && !p.kan.analyse && p.kan.schrijven)
        #expect(p.voorstel == Teksten.voor(.en).naam("mfoRol", MeldpuntRol.begeleidend) && p.voorstel != "begeleidend")
        // The form proposes today and the signed-in person as handler.
        #expect(p.waarden["contactDatum"] == "2026-11-30" && p.waarden["toewijzenEmail"] == "ik@meldpunt.example")
        #expect(p.medewerkers.first { $0.gekozen }?.naam == "Ik")
        // Every choice is named, never its raw value; the first of a select asks to choose.
        #expect(p.uitkomsten.first?.waarde == "" && p.uitkomsten.first?.gekozen == true)
        #expect(p.uitkomsten.dropFirst().allSatisfy { $0.naam != $0.waarde })
        #expect(p.rollen.contains { $0.waarde == "begeleidend" && $0.naam.hasSuffix(")") })
    }

    @Test func eenGeslotenMeldingKanNietsMeer() {
        let p = MeldingPagina.bouw(Self.melding(status: .gesloten, stappen: [], uitkomst: .opgelost), Self.omgeving(.nl))
        #expect(p.gesloten && p.uitkomst == "Opgelost")
        #expect(!p.kan.contact && !p.kan.sluiten && !p.kan.schrijven)
    }

    @Test func geweigerdeInvoerStaatWeerInHetFormulier() {
        let fout = VeldFout(veld: "contactSamenvatting", label: "Samenvatting", tekst: "Vul dit in.")
        let p = MeldingPagina.bouw(Self.melding(behandelaar: MedewerkerVerwijzing(id: "1", naam: "Jij", email: "jij@meldpunt.example")), Self.omgeving(.nl),
                                   invoer: ["contactDatum": "2026-11-29", "contactKanaal": "telefoon"], fouten: [fout])
        #expect(p.waarden["contactDatum"] == "2026-11-29")
        #expect(p.kanalen.first { $0.gekozen }?.waarde == "telefoon")
        #expect(p.foutVelden == ["contactSamenvatting": "Vul dit in."])
        // The case's own handler wins over the signed-in person.
        #expect(p.waarden["toewijzenEmail"] == "jij@meldpunt.example")
    }

    @Test func verzoekenEnTerugmeldingInDeTaalVanDePagina() {
        let v = VerzoekDTO(id: "v1", organisatie: OrganisatieVerwijzing(Organisatie(id: UUID(), naam: "Gemeente Utrecht", gemeentecode: "0344", rollen: [.bronhouder])),
                           soort: .correctie, status: .verzonden, vraag: "Corrigeer het adres", gedeeldeGegevens: [.omschrijving],
                           uiterlijk: Dag("2026-12-10"), termijnDoor: .meldpunt, termijnOverschreden: false, niveau: .operationeel,
                           contactpersoon: nil, reden: nil, opschorting: nil, overleg: nil,
                           terugmelding: TerugmeldingKoppelingDTO(id: "t1", status: .inBehandeling, bijhouder: "Gemeente Utrecht", href: .terugmelding(UUID())),
                           aangemaaktOp: Date(), berichten: [])
        let en = MeldingPagina.bouw(Self.melding(verzoeken: [v]), Self.omgeving(.en))
        #expect(en.verzoeken.first?.terugmelding == "In progress (Gemeente Utrecht)")
        #expect(en.verzoeken.first?.uiterlijk == "10-12-2026")
        #expect(en.openCorrecties)
        let nl = MeldingPagina.bouw(Self.melding(verzoeken: [v]), Self.omgeving(.nl))
        #expect(nl.verzoeken.first?.terugmelding == "In behandeling (Gemeente Utrecht)")
        #expect(nl.verzoeken.first?.soort == "Gegevens corrigeren")
    }

    // MARK: Forms

    @Test func eenFormulierGeeftTerugWatErIngevuldWas() {
        let f = VerzoekFormulier(organisatie: "p1", soort: "opschorting", vraag: "Stop", uiterlijk: nil, actie: "terugvordering",
                                 kenmerk: nil, tot: "2027-01-01", overlegDatum: nil, deelnemers: nil, gedeeld: ["naam", "bsn"])
        #expect(f.ingevuld == ["organisatie": "p1", "soort": "opschorting", "vraag": "Stop", "actie": "terugvordering", "tot": "2027-01-01", "gedeeld": "naam,bsn"])
        #expect(VerzoekFormulier.veld(Veld(.opschorting, .tot)) == "tot")
        #expect(VerzoekFormulier.veld(Veld(.gedeeldeGegevens)[2]) == "gedeeld")
        #expect(VerzoekFormulier.veld(Veld(.vraag)) == "vraag")
        #expect(ContactFormulier.veld(Veld(.samenvatting)) == "samenvatting")
    }

    @Test func deTerugmeldingVanuitEenMeldingIsEenGeldigBericht() throws {
        let f = TerugmeldingFormulier(gemeentecode: " 0344 ", bsn: "999993653", gegeven: "urn:brp:persoon:verblijfplaats:straat",
                                      betwijfeld: "Oudegracht", voorgesteld: "", toelichting: "Verhuisd", gedeeld: nil)
        let org = try OrganisatieDTO(Organisatie(id: UUID(), naam: "Meldpunt", rollen: [.meldpunt]))
        let tm = f.terugmelding(door: Handelende(organisatie: org), vandaag: Self.vandaag)
        #expect(tm.terugMeldingHeader?.gemeentecode == "0344")
        #expect(tm.terugMeldingHeader?.datumMelding == "2026-11-30")
        #expect(tm.terugMeldingBody?.objectIdentificatie?.first?.idWaarde == "999993653")
        #expect(tm.terugMeldingBody?.terugMeldingGegevens?.first?.voorgesteldeWaarde == nil)
        #expect(TerugmeldingFormulier.veld(Veld(.terugMeldingBody, .objectIdentificatie)[0] / .idWaarde) == "bsn")
        #expect(TerugmeldingFormulier.veld(Veld(.terugMeldingBody, .terugMeldingGegevens)[0] / .betwijfeldeWaarde) == "betwijfeld")
    }

    /// The pages' one mapping from the engine's typed fields to their own form fields.
    @Test func veldenOpDeFormulieren() {
        #expect((Veld(.gevolgen)[2] / .uiterlijkeDatum).meldformulierveld == "gevolgDatum3")
        #expect((Veld(.gevolgen)[0] / .soort).meldformulierveld == "gevolgSoort1")
        #expect(Veld(.gevolgen).meldformulierveld == "gevolgSoort1")
        #expect(Veld(.melder, .email).meldformulierveld == "email")
        #expect(Veld(.vertegenwoordigde, .bsn).meldformulierveld == "vertegenwoordigdeBsn")
        #expect(Veld(.toestemming, .tekstVersie).meldformulierveld == "toestemming")
        #expect(Veld(.registraties)[3].meldformulierveld == "registratieBRP")
        #expect(Veld(.watIsFout).meldformulierveld == "watIsFout")
        #expect((Veld(.terugMeldingBody, .terugMeldingGegevens)[0] / .bijlages).terugmeldstap == "bijlagen")
        #expect(Veld(.terugMeldingHeader, .gemeentecode).terugmeldstap == "gemeente")
        #expect(Veld(.terugMeldingHeader, .melder, .email).terugmeldstap == "contact")
        #expect(Veld(.toelichting).terugmeldstap == "toelichting")
        #expect(Formulierfouten.veld("sluiten", Veld(.uitkomst).formulierveld) == "sluitenUitkomst")
    }

    /// Links, routes and the check on a task's page use one table: every web action's segment is
    /// the address table's, and the menu shows exactly what the core allows (nothing decided
    /// from a link's text).
    @Test func hetMenuIsWatDeKernToestaat() {
        for a in Meldingactie.allCases {
            #expect(Meldingactie(segment: a.segment) == a, "\(a)")
        }
        #expect(Meldingactie.volgendeStap.segment == "volgende-stap" && Meldingactie.nieuweLink.segment == "link")
        for (status, stappen) in [(MeldingStatus.ontvangen, [Behandelstap.contact]), (.intake, [.contact, .analyse, .sluiten]),
                                  (.inBehandeling, [.contact, .wachtOpOrganisaties, .sluiten]), (.gesloten, [])] {
            let d = Self.melding(status: status, stappen: stappen)
            let menu = MeldingPagina.acties(d, Set(stappen), Teksten.voor(.nl))
            let getoond = Set(menu.compactMap { link -> Meldingactie? in
                guard case .meldingTaak(let z, let a)? = Webadres(pad: link.href), z == d.zaaknummer else { return nil }
                return a
            })
            #expect(getoond.count == menu.count, "every link is a case action from the table")
            #expect(getoond == d.acties.subtracting([.bericht]), "\(status)")
        }
        #expect(!Self.melding(status: .gesloten, stappen: []).acties.contains(.verzoek))
        #expect(!Self.melding(status: .intake, stappen: [.rolKeuze]).acties.contains(.rol), "no role before the analysis")
    }

    /// The timeline's facts are typed: a terugmelding's status is named in the page's language,
    /// never shown as its stored value.
    @Test func tijdlijnNoemtGegevensInDeTaalVanDePagina() {
        let e = GebeurtenisDTO(volgnummer: 3, soort: .verzoekTerugmeldingStatus, tijdstip: Date(timeIntervalSince1970: 1_795_000_000), door: "Gemeente Utrecht",
                               tekst: nil, zichtbaarVoorMelder: false,
                               gegevens: GebeurtenisGegevens(kanaal: .telefoon, niveau: .tactisch, terugmeldingStatus: .inBehandeling))
        let en = MeldingPagina.tijdlijnRij(e, Teksten.voor(.en), taal: .en).extra ?? ""
        #expect(en.contains(TerugmeldingStatus.inBehandeling.naam(.en)) && !en.contains(TerugmeldingStatus.inBehandeling.rawValue))
        #expect(!en.contains("telefoon") && !en.contains("tactisch"))
    }

    /// A request's status and a terugmelding's outcome on the case timeline are named as such,
    /// not looked up as the case's own status or outcome; stored, they stay the bare value.
    @Test func stapstatusEnUitkomstMetHunEigenWoorden() throws {
        let e = GebeurtenisDTO(volgnummer: 4, soort: .verzoekTerugmeldingStatus, tijdstip: Date(timeIntervalSince1970: 1_795_000_000), door: nil,
                               tekst: nil, zichtbaarVoorMelder: false,
                               gegevens: GebeurtenisGegevens(status: .verzoek(.geaccepteerd), uitkomst: .terugmelding(.verbeterd)))
        let nl = MeldingPagina.tijdlijnRij(e, Teksten.voor(.nl)).extra ?? ""
        #expect(nl.contains("Geaccepteerd") && nl.contains("Gegeven verbeterd"), "\(nl)")
        let json = try JSONEncoder().encode(e.gegevens)
        #expect(String(decoding: json, as: UTF8.self).contains(#""status":"geaccepteerd""#))
        #expect(try JSONDecoder().decode(GebeurtenisGegevens.self, from: json) == e.gegevens)
        let gesloten = try JSONDecoder().decode(GebeurtenisGegevens.self, from: Data(#"{"status":"gesloten","uitkomst":"opgelost"}"#.utf8))
        #expect(gesloten.status == .melding(.gesloten) && gesloten.uitkomst == .melding(.opgelost))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(GebeurtenisGegevens.self, from: Data(#"{"status":"onbekend"}"#.utf8)) }
    }
}
