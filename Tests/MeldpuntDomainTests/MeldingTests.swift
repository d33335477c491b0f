import Foundation
import Testing
@testable import MeldpuntDomain

@Suite("MFO: zaakmodel, rolvoorstel, zaaknummer")
struct MeldingModelTests {
    @Test func elkeToegestaneEnNietToegestaneOvergang() throws {
        var toegestaan = 0
        for van in MeldingStatus.allCases {
            for naar in MeldingStatus.allCases {
                let ok = (try? controleerMeldingOvergang(van: van, naar: naar, uitkomst: .opgelost)) != nil
                #expect(ok == van.volgende.contains(naar), "\(van) → \(naar)")
                if ok { toegestaan += 1 }
            }
        }
        #expect(toegestaan == 10)
        #expect(MeldingStatus.gesloten.volgende.isEmpty)
    }

    @Test func sluitenVraagtEenUitkomst() {
        #expect(throws: MeldingOvergangFout.ontbreekt(.uitkomst)) {
            try controleerMeldingOvergang(van: .inBehandeling, naar: .gesloten)
        }
        #expect(throws: MeldingOvergangFout.ongeldigeOvergang(van: .ontvangen, naar: .inBehandeling)) {
            try controleerMeldingOvergang(van: .ontvangen, naar: .inBehandeling)   // no role without intake and analysis
        }
    }

    @Test func elkeStatusHeeftEenFaseVoorDeMelder() {
        #expect(MeldingStatus.ontvangen.fase == .ontvangen)
        #expect([MeldingStatus.intake, .analyse, .inBehandeling].allSatisfy { $0.fase == .inBehandeling })
        #expect(MeldingStatus.wachtOpOrganisaties.fase == .wachtOpOrganisaties)
        #expect(MeldingStatus.gesloten.fase == .afgerond)
        #expect(MelderFase.allCases.allSatisfy { !$0.tekst.isEmpty })
    }

    @Test func eenOrganisatieLaagIsBegeleidend() {
        let v = stelRolVoor(Analyse(oorsprongOrganisatie: "Gemeente Utrecht", oorsprongRegistratie: "BRP", complexiteit: .laag))
        #expect(v.rol == .begeleidend)
        #expect(v.redenen.count == 1)
    }

    @Test func meerOrganisatiesIsCoordinerend() {
        let v = stelRolVoor(Analyse(oorsprongOrganisatie: "Gemeente Utrecht", oorsprongRegistratie: "BRP",
                                    geraakteOrganisaties: ["Belastingdienst/Toeslagen", "gemeente utrecht"], complexiteit: .midden))
        #expect(v.rol == .coordinerend)
        #expect(v.redenen.first?.contains("(2)") == true)   // Utrecht counted once, whatever its case
    }

    @Test func meerRegistratiesIsCoordinerend() {
        let v = stelRolVoor(Analyse(oorsprongOrganisatie: "Kadaster", oorsprongRegistratie: "BRK", geraakteRegistraties: ["woz", "BRK"], complexiteit: .laag))
        #expect(v.rol == .coordinerend)
        #expect(v.redenen.first?.contains("BRK, WOZ") == true)
    }

    @Test func hogeComplexiteitIsAdviserendOokMetMeerOrganisaties() {
        let v = stelRolVoor(Analyse(oorsprongOrganisatie: "RDW", oorsprongRegistratie: "BRV", geraakteOrganisaties: ["CJIB"], complexiteit: .hoog))
        #expect(v.rol == .adviserend)
        #expect(v.redenen.count == 2)
        #expect(MeldpuntRol.begeleidend < .coordinerend && MeldpuntRol.coordinerend < .adviserend)
    }

    @Test func zaaknummer() {
        #expect(Zaaknummer(jaar: 2026, volgnummer: 123).description == "MFO-2026-000123")
        #expect(Zaaknummer("mfo-2026-000123") == Zaaknummer(jaar: 2026, volgnummer: 123))
        for bad in ["MFO-26-000123", "MFO-2026-123", "XYZ-2026-000123", "MFO-2026-000000", "MFO-2026-00012a", ""] {
            #expect(Zaaknummer(bad) == nil, "\(bad)")
        }
    }
}

@Suite("MFO: intake")
struct MeldingIntakeTests {
    let vandaag = Dag("2026-11-23")!

    func geldig() -> MeldingInvoer {
        var v = MeldingInvoer()
        v.melderType = "burger"
        v.melder = .init(naam: "Suzanne Moulin", email: "s.moulin@example.nl", postcode: "3077 AW", bsn: "999993653")
        v.organisatieAlBenaderd = true
        v.bezwaarOfBeroepLoopt = false
        v.registraties = ["BRP", "BRI"]
        v.betrokkenOrganisaties = ["Gemeente Rotterdam", "Belastingdienst/Toeslagen"]
        v.watIsFout = "Ik sta op een oud adres ingeschreven; daardoor is mijn huurtoeslag stopgezet."
        v.gevolgen = [.init(soort: "stopgezetteToeslag", organisatie: "Belastingdienst/Toeslagen", uiterlijkeDatum: "2026-12-31")]
        v.voorkeurKanaal = "email"
        v.toestemming = .init(gegeven: true, tekstVersie: Toestemmingstekst.versie)
        return v
    }

    private func fouten(_ v: MeldingInvoer) -> [OngeldigeParameter] {
        (try? valideerMelding(v, vandaag: vandaag)) ?? []
    }

    @Test func geldigeMelding() {
        #expect(fouten(geldig()).isEmpty)
    }

    @Test func bezwaarOfBeroepStopt() {
        var v = geldig()
        v.bezwaarOfBeroepLoopt = true
        v.watIsFout = nil   // even with other problems: the stop comes first, nothing is recorded
        #expect(throws: MeldingWeigering.bezwaarOfBeroep) { try valideerMelding(v, vandaag: vandaag) }
        #expect(bezwaarVerwijzing.nl.contains("Juridisch Loket") && bezwaarVerwijzing.en.contains("Juridisch Loket"))
    }

    @Test func geenToestemmingGeenMelding() {
        var v = geldig()
        v.toestemming = nil
        #expect(fouten(v).map(\.veld.jsonPad) == ["toestemming.gegeven"])
        v.toestemming = .init(gegeven: true, tekstVersie: "2020-01")
        #expect(fouten(v).map(\.code) == ["verouderd"])
    }

    @Test func alleFoutenTegelijk() {
        var v = MeldingInvoer()
        v.melder = .init(email: "geen-adres", postcode: "0123AB", bsn: "123456789")
        v.sinds = "2030-01-01"
        v.gevolgen = [.init(soort: "gevangenis", uiterlijkeDatum: "morgen")]
        let namen = Set(fouten(v).map(\.veld.jsonPad))
        #expect(namen.isSuperset(of: [
            "melderType", "melder.naam", "melder.email", "melder.postcode", "melder.bsn", "organisatieAlBenaderd",
            "bezwaarOfBeroepLoopt", "registraties", "betrokkenOrganisaties", "watIsFout", "sinds",
            "gevolgen[0].soort", "gevolgen[0].uiterlijkeDatum", "toestemming.gegeven",
        ]))
    }

    @Test func nietZelfBenaderdVraagtDeReden() {
        var v = geldig()
        v.organisatieAlBenaderd = false
        #expect(fouten(v).map(\.veld.jsonPad) == ["redenNietBenaderd"])
        v.redenNietBenaderd = "Ik kan zelf niet bellen en de gemeente reageert niet op brieven."
        #expect(fouten(v).isEmpty)
    }

    @Test func bedrijfHeeftKvkNummer() {
        var v = geldig()
        v.melderType = "bedrijf"
        #expect(Set(fouten(v).map(\.veld.jsonPad)) == ["organisatieNaam", "kvkNummer"])
        v.organisatieNaam = "Bakkerij De Korenaar"
        v.kvkNummer = "1234567"
        #expect(fouten(v).map(\.code) == ["kvkFormaat"])
        v.kvkNummer = "1234 5678"
        #expect(fouten(v).isEmpty)
    }

    @Test func intermediairMetToestemmingVanDePersoon() {
        var v = geldig()
        v.melderType = "intermediair"
        #expect(Set(fouten(v).map(\.veld.jsonPad)) == ["organisatieNaam", "vertegenwoordigde.naam", "toestemmingVertegenwoordigde"])
        v.organisatieNaam = "Consumentenbond"
        v.vertegenwoordigde = .init(naam: "M. du Burck", bsn: "999990639")
        v.toestemmingVertegenwoordigde = true
        #expect(fouten(v).isEmpty)
    }

    @Test func andereRegistratieEnContact() {
        var v = geldig()
        v.registraties = ["XYZ"]
        v.melder = .init(naam: "A")
        #expect(Set(fouten(v).map(\.veld.jsonPad)) == ["registraties[0]", "melder.email"])
        v.registraties = []
        v.andereRegistratie = "Parkeervergunningenregister"
        v.melder = .init(naam: "A", telefoon: "06 1234 5678")
        #expect(fouten(v).isEmpty)
    }

    @Test func bijlagenVolgenDezelfdeRegels() {
        var v = geldig()
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]).base64EncodedString()
        v.bijlagen = [.init(bestandsnaam: "brief.png", mimeType: "image/png", bijlageData: png),
                      .init(bestandsnaam: "", mimeType: "application/pdf", bijlageData: png)]
        #expect(Set(fouten(v).map(\.veld.jsonPad)) == ["bijlagen[1].bestandsnaam", "bijlagen[1].bijlageData"])
        v.bijlagen = Array(repeating: .init(bestandsnaam: "a.png", mimeType: "image/png", bijlageData: png), count: 6)
        #expect(fouten(v).map(\.code) == ["maxItems"])
    }
}
