import Foundation
import Testing
@testable import MeldpuntDomain

@Suite("MFO: behandelstappen en hun regels")
struct MeldingBehandelingTests {
    let vandaag = Dag("2026-11-25")!
    let ontvangen = Dag("2026-11-23")!

    @Test func welkeStapInWelkeStatus() throws {
        // Expected state after each step, or nil where the step is refused.
        let verwacht: [Behandelstap: [MeldingStatus: MeldingStatus?]] = [
            .contact: [.ontvangen: .intake, .intake: .intake, .analyse: .analyse, .inBehandeling: .inBehandeling, .wachtOpOrganisaties: .wachtOpOrganisaties, .gesloten: nil],
            .analyse: [.ontvangen: nil, .intake: .analyse, .analyse: .analyse, .inBehandeling: .inBehandeling, .wachtOpOrganisaties: .wachtOpOrganisaties, .gesloten: nil],
            .rolKeuze: [.ontvangen: nil, .intake: nil, .analyse: .inBehandeling, .inBehandeling: .inBehandeling, .wachtOpOrganisaties: .wachtOpOrganisaties, .gesloten: nil],
            .wachtOpOrganisaties: [.ontvangen: nil, .intake: nil, .analyse: nil, .inBehandeling: .wachtOpOrganisaties, .wachtOpOrganisaties: nil, .gesloten: nil],
            .hervatten: [.ontvangen: nil, .intake: nil, .analyse: nil, .inBehandeling: nil, .wachtOpOrganisaties: .inBehandeling, .gesloten: nil],
            .sluiten: [.ontvangen: .gesloten, .intake: .gesloten, .analyse: .gesloten, .inBehandeling: .gesloten, .wachtOpOrganisaties: .gesloten, .gesloten: nil],
        ]
        for (stap, perStatus) in verwacht {
            for status in MeldingStatus.allCases {
                let uitkomst = try? statusNa(stap, van: status)
                #expect(uitkomst == perStatus[status]!, "\(stap) in \(status)")
            }
        }
    }

    @Test func eenGeweigerdeStapZegtWatEerstMoet() {
        #expect(throws: MeldingOvergangFout.ontbreekt(.eersteContact)) { try statusNa(.analyse, van: .ontvangen) }
        #expect(throws: MeldingOvergangFout.ontbreekt(.analyse)) { try statusNa(.rolKeuze, van: .intake) }
        #expect(MeldingOvergangFout.ontbreekt(.analyse).uitleg(.nl).contains("analyse"))
        #expect(MeldingOvergangFout.ongeldigeOvergang(van: .gesloten, naar: .gesloten).uitleg(.nl).contains("gesloten"))
    }

    @Test func contactAlleFoutenTegelijk() {
        do {
            _ = try valideerContactmoment(ContactInvoer(datum: "2026-11-26", kanaal: "fax", samenvatting: "  "), ontvangen: ontvangen, vandaag: vandaag)
            Issue.record("had moeten weigeren")
        } catch {
            #expect(error.fouten.map(\.veld.jsonPad) == ["datum", "kanaal", "samenvatting"])
            #expect(error.fouten.map(\.code) == ["toekomst", "enum", "required"])
        }
        #expect(throws: ValidatieFouten.self) {
            try valideerContactmoment(ContactInvoer(datum: "2026-11-22", kanaal: "telefoon", samenvatting: "x"), ontvangen: ontvangen, vandaag: vandaag)
        }
        #expect(throws: ValidatieFouten.self) {
            try valideerContactmoment(ContactInvoer(datum: "25-11-2026", kanaal: "telefoon", samenvatting: "x"), ontvangen: ontvangen, vandaag: vandaag)
        }
        let c = try? valideerContactmoment(ContactInvoer(datum: "2026-11-23", kanaal: "gesprek", samenvatting: " Aan de balie. "), ontvangen: ontvangen, vandaag: vandaag)
        #expect(c == Contactmoment(datum: ontvangen, kanaal: .gesprek, samenvatting: "Aan de balie."))
    }

    @Test func analyseVerplichtEnOpgeschoond() throws {
        do {
            _ = try valideerAnalyse(AnalyseInvoer(complexiteit: "extreem"))
            Issue.record("had moeten weigeren")
        } catch {
            #expect(error.fouten.map(\.veld.jsonPad) == ["oorsprongOrganisatie", "oorsprongRegistratie", "complexiteit"])
        }
        let (a, toelichting) = try valideerAnalyse(AnalyseInvoer(
            oorsprongOrganisatie: " Gemeente Rotterdam ", oorsprongRegistratie: "brp",
            geraakteOrganisaties: ["Belastingdienst/Toeslagen", "", "belastingdienst/toeslagen", "UWV"],
            geraakteRegistraties: ["bri", "Schuldenregister"], complexiteit: "midden"))
        #expect(a.oorsprongOrganisatie == "Gemeente Rotterdam")
        #expect(a.oorsprongRegistratie == "BRP")
        #expect(a.geraakteOrganisaties == ["Belastingdienst/Toeslagen", "UWV"])
        #expect(a.geraakteRegistraties == ["BRI", "Schuldenregister"])
        #expect(toelichting == nil)
        let teVeel = AnalyseInvoer(oorsprongOrganisatie: "A", oorsprongRegistratie: "BRP", geraakteOrganisaties: (1...21).map { "Org \($0)" }, complexiteit: "laag")
        #expect(throws: ValidatieFouten.self) { try valideerAnalyse(teVeel) }
    }

    /// Limits count as the API document's schema does (schemathesis found a list of 21 empty
    /// entries accepted under maxItems 20): every entry sent, and lengths in code points — a line
    /// break "\r\n" is one Character but two code points.
    @Test func grenzenTellenZoalsHetSchema() {
        func namen(_ fout: () throws(ValidatieFouten) -> Void) -> [String] {
            do { try fout(); return [] } catch { return error.fouten.map(\.veld.jsonPad) }
        }
        let leeg = Array(repeating: "", count: BehandelLimieten.maxLijst + 1)
        #expect(namen { () throws(ValidatieFouten) in
            _ = try valideerAnalyse(AnalyseInvoer(oorsprongOrganisatie: "A", oorsprongRegistratie: "BRP", geraakteOrganisaties: leeg, complexiteit: "laag"))
        } == ["geraakteOrganisaties"])
        #expect(namen { () throws(ValidatieFouten) in
            _ = try valideerNieuwSignaal(NieuwSignaalInvoer(titel: "T", omschrijving: "O", soort: "systeem", registraties: leeg))
        } == ["registraties"])
        let crlf = String(repeating: "a\r\n", count: 70)   // 140 Characters, 210 code points
        #expect(crlf.count <= MeldingLimieten.maxKort && crlf.schemaLengte > MeldingLimieten.maxKort)
        #expect(namen { () throws(ValidatieFouten) in
            _ = try valideerAnalyse(AnalyseInvoer(oorsprongOrganisatie: "A", oorsprongRegistratie: "BRP", geraakteOrganisaties: [crlf], complexiteit: "laag"))
        } == ["geraakteOrganisaties[0]"])
    }

    @Test func eenAndereRolDanVoorgesteldVraagtEenReden() throws {
        let voorstel = RolVoorstel(rol: .coordinerend, redenen: ["twee organisaties"])
        #expect(try valideerRolkeuze(RolkeuzeInvoer(rol: "coordinerend"), voorstel: voorstel) == RolKeuze(rol: .coordinerend, afwijkingsreden: nil))
        // A reason given while following the proposal is not kept as a deviation.
        #expect(try valideerRolkeuze(RolkeuzeInvoer(rol: "coordinerend", reden: "eens"), voorstel: voorstel).afwijkingsreden == nil)
        do {
            _ = try valideerRolkeuze(RolkeuzeInvoer(rol: "begeleidend", reden: " "), voorstel: voorstel)
            Issue.record("had moeten weigeren")
        } catch {
            #expect(error.fouten.map(\.veld.jsonPad) == ["reden"])
            #expect(error.fouten[0].reason.contains("coördinerend"))
            #expect(error.fouten[0].reden(.en).contains("coordinating"))
        }
        let anders = try valideerRolkeuze(RolkeuzeInvoer(rol: "adviserend", reden: "De gemeente vraagt advies over de route."), voorstel: voorstel)
        #expect(anders == RolKeuze(rol: .adviserend, afwijkingsreden: "De gemeente vraagt advies over de route."))
        #expect(throws: ValidatieFouten.self) { try valideerRolkeuze(RolkeuzeInvoer(rol: "baas"), voorstel: voorstel) }
        #expect(throws: ValidatieFouten.self) { try valideerRolkeuze(RolkeuzeInvoer(), voorstel: voorstel) }
    }

    @Test func sluitenMetUitkomstEnSamenvatting() throws {
        do {
            _ = try valideerSluiting(SluitingInvoer())
            Issue.record("had moeten weigeren")
        } catch {
            #expect(error.fouten.map(\.veld.jsonPad) == ["uitkomst", "samenvatting"])
        }
        do {
            _ = try valideerSluiting(SluitingInvoer(uitkomst: "buitenScope", samenvatting: "Ga naar de rechtbank."))
            Issue.record("buiten scope zonder reden")
        } catch {
            #expect(error.fouten.map(\.veld.jsonPad) == ["scopeReden"])
        }
        do {
            _ = try valideerSluiting(SluitingInvoer(uitkomst: "opgelost", samenvatting: "Hersteld.", scopeReden: "anders"))
            Issue.record("scopereden bij opgelost")
        } catch {
            #expect(error.fouten.map(\.code) == ["nietBijUitkomst"])
        }
        let s = try valideerSluiting(SluitingInvoer(uitkomst: "buitenScope", samenvatting: "Uw bezwaar loopt nog.", scopeReden: "bezwaarOfBeroep"))
        #expect(s == Sluiting(uitkomst: .buitenScope, samenvatting: "Uw bezwaar loopt nog.", scopeReden: .bezwaarOfBeroep))
    }

    @Test func volgendeStapEnBeoordeling() throws {
        #expect(throws: ValidatieFouten.self) { try valideerVolgendeStap(VolgendeStapInvoer(tekst: "Bellen", datum: "2026-11-24"), vandaag: vandaag) }
        #expect(throws: ValidatieFouten.self) { try valideerVolgendeStap(VolgendeStapInvoer(tekst: "", datum: "2026-11-30"), vandaag: vandaag) }
        let stap = try valideerVolgendeStap(VolgendeStapInvoer(tekst: "We bellen u.", datum: "2026-11-25"), vandaag: vandaag)
        #expect(stap.tekst == "We bellen u." && stap.datum == vandaag)

        for fout in ["0", "6", "", "vijf"] {
            #expect(throws: ValidatieFouten.self, "\(fout)") { try valideerBeoordeling(cijfer: fout, opmerking: nil) }
        }
        #expect(throws: ValidatieFouten.self) { try valideerBeoordeling(cijfer: nil, opmerking: nil) }
        #expect(try valideerBeoordeling(cijfer: "4", opmerking: "  Snel geholpen. ") == Beoordeling(cijfer: 4, opmerking: "Snel geholpen."))
        #expect(try valideerBeoordeling(cijfer: "1", opmerking: "") == Beoordeling(cijfer: 1, opmerking: nil))
    }
}
