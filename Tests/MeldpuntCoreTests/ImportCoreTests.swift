import FluentKit
import Foundation
import MeldpuntCore
import MeldpuntDomain
import Testing

/// Taking over the CMI's cases (issue 30): thousands of generated historical cases in, every
/// refused row with its line and reason, a second run changing nothing.
@Suite("Import van meldingen van het CMI")
struct ImportCoreTests {
    static func csv(_ aantal: Int) -> String {
        var regels = ["kenmerk,ontvangenOp,melderType,naam,email,adres,postcode,woonplaats,voorkeurKanaal,registraties,betrokkenOrganisaties,watIsFout,status,uitkomst,samenvatting,geslotenOp,partners"]
        for n in 1...aantal {
            let dag = String(format: "2025-%02d-%02d", n % 12 + 1, n % 27 + 1)
            let gesloten = n % 3 != 0
            regels.append(["CMI-\(n)", dag, "burger", "Melder \(n)", "melder\(n)@example.nl", "Straat \(n)", "1234 AB", "Utrecht", n % 5 == 0 ? "post" : "email",
                           "BRP;BRV", "Gemeente Utrecht;CJIB", "\"Boete op oud adres; nummer \(n)\"", gesloten ? "gesloten" : "inBehandeling",
                           gesloten ? "opgelost" : "", gesloten ? "Het adres is aangepast." : "", gesloten ? "2025-12-31" : "", n % 7 == 0 ? "CJIB" : ""].joined(separator: ","))
        }
        return regels.joined(separator: "\n") + "\n"
    }

    @Test func duizendenErinEnNogEensVerandertNiets() async throws {
        try await metKern { k in
            let meldpunt = Handelende(organisatie: try await k.nieuweOrganisatie("Meldpunt", oin: "00000099000000001000", rollen: [.meldpunt]))
            let aantal = 2_000
            var rijen = try Importbestand.csv(Self.csv(aantal))
            // Three bad rows among them: no reference, a date in the future, closed without an outcome.
            rijen.append((aantal + 2, ImportMelding(ontvangenOp: "2025-01-01", melding: rijen[0].melding.melding, status: "ontvangen")))
            rijen.append((aantal + 3, ImportMelding(kenmerk: "CMI-TOEKOMST", ontvangenOp: "2027-01-01", melding: rijen[0].melding.melding, status: "ontvangen")))
            rijen.append((aantal + 4, ImportMelding(kenmerk: "CMI-ZONDER", ontvangenOp: "2025-01-01", melding: rijen[0].melding.melding, status: "gesloten", geslotenOp: "2025-02-01")))
            #expect(rijen.count == aantal + 3 && rijen[0].regel == 2 && rijen[aantal - 1].regel == aantal + 1)

            // A trial writes nothing.
            let proef = try await k.meldingen.intake.importeer(rijen, door: meldpunt, proef: true)
            #expect(proef.ingelezen == aantal && proef.geweigerd.count == 3 && proef.proef, "\(proef.geweigerd.prefix(2).map { $0.redenen.map { "\($0.veld.jsonPad) \($0.code) \($0.reason)" } })")
            guard proef.geweigerd.count == 3 else { return }
            #expect(try await Melding.query(on: k.db).count() == 0)

            let eerste = try await k.meldingen.intake.importeer(rijen, door: meldpunt)
            #expect(eerste.ingelezen == aantal && eerste.alBekend == 0)
            #expect(eerste.geweigerd.map(\.regel) == [aantal + 2, aantal + 3, aantal + 4])
            #expect(eerste.geweigerd[0].redenen.map(\.code) == ["required"] && eerste.geweigerd[0].redenen[0].veld.jsonPad == "kenmerk")
            #expect(eerste.geweigerd[1].redenen.map(\.veld.jsonPad) == ["ontvangenOp"] && eerste.geweigerd[1].redenen[0].code == "toekomst")
            #expect(Set(eerste.geweigerd[2].redenen.map(\.veld.jsonPad)) == ["uitkomst", "samenvatting"])
            #expect(try await Melding.query(on: k.db).count() == aantal)
            let gebeurtenissen = try await MeldingGebeurtenis.query(on: k.db).count()
            let mails = try await UitgaandBericht.query(on: k.db).count()

            // Once more: nothing changes.
            let tweede = try await k.meldingen.intake.importeer(rijen, door: meldpunt)
            #expect(tweede.ingelezen == 0 && tweede.alBekend == aantal && tweede.geweigerd.count == 3)
            #expect(try await Melding.query(on: k.db).count() == aantal)
            #expect(try await MeldingGebeurtenis.query(on: k.db).count() == gebeurtenissen)
            // Nobody was mailed or written to: these cases are history.
            let brieven = try await BriefRij.query(on: k.db).count()
            #expect(mails == 0 && brieven == 0)

            // One case as it came in: its own year's number, original dates, closed with its summary for the melder.
            let m = try #require(try await Melding.query(on: k.db).filter(\.$externKenmerk == "CMI-1").first())
            #expect(m.zaaknummer.hasPrefix("MFO-2025-") && m.binnenkomst == .overgenomen && m.status == .gesloten && m.uitkomst == .opgelost)
            #expect(Dag(m.ontvangenOp) == Dag("2025-02-02")! && m.geslotenOp.map { Dag($0) } == Dag("2025-12-31"))
            let stappen = try await MeldingGebeurtenis.query(on: k.db).filter(\.$melding.$id == m.requireID()).sort(\.$volgnummer).all()
            #expect(stappen.map(\.soort) == [.ontvangen, .notitie, .gesloten] && stappen.last?.tekst == "Het adres is aangepast." && stappen.last?.zichtbaarVoorMelder == true)
            #expect(stappen[1].tekst?.contains("Overgenomen van het CMI (kenmerk CMI-1)") == true)
            let p = try #require(try await MeldingPersoonsgegevens.find(m.id, on: k.db)).invoer()
            #expect(p.watIsFout == "Boete op oud adres; nummer 1" && p.melder?.postcode == "1234 AB" && p.betrokkenOrganisaties == ["Gemeente Utrecht", "CJIB"])
        }
    }

    @Test func jsonMetGeschiedenisEnPartners() async throws {
        try await metKern { k in
            let meldpunt = Handelende(organisatie: try await k.nieuweOrganisatie("Meldpunt", oin: "00000099000000001000", rollen: [.meldpunt]))
            _ = try await k.nieuweOrganisatie("UWV", oin: "00000001234567890000", rollen: [.partner])
            let json = """
            [{"kenmerk": "CMI-2025-77", "ontvangenOp": "2025-06-02T08:30:00Z", "toestemmingOp": "2025-06-02", "status": "wachtOpOrganisaties",
              "melding": {"melderType": "burger", "melder": {"naam": "Kees", "telefoon": "06-12345678"}, "organisatieAlBenaderd": true, "bezwaarOfBeroepLoopt": false,
                          "registraties": ["BRP"], "betrokkenOrganisaties": ["UWV"], "watIsFout": "Uitkering stopt na verhuizing."},
              "geschiedenis": [{"op": "2025-06-03T10:00:00Z", "soort": "contact", "tekst": "Gebeld met meneer.", "door": "Anna (CMI)"},
                               {"op": "2025-06-04", "soort": "berichtAanMelder", "tekst": "Wij hebben UWV gevraagd te kijken."}],
              "partners": [{"naam": "UWV", "oin": "00000001234567890000", "contactpersoon": "Piet"}]},
             {"kenmerk": "CMI-2025-78", "ontvangenOp": "2025-06-02", "status": "ontvangen",
              "melding": {"melderType": "burger", "melder": {"naam": "X", "email": "x@example.nl"}, "organisatieAlBenaderd": true, "bezwaarOfBeroepLoopt": false,
                          "registraties": ["BRP"], "betrokkenOrganisaties": ["Y"], "watIsFout": "Iets."},
              "geschiedenis": [{"op": "2025-05-01", "soort": "telefoon", "tekst": ""}],
              "partners": [{"naam": "Onbekend", "oin": "00000001999999990000"}]}]
            """
            let r = try await k.meldingen.intake.importeer(try Importbestand.json(Data(json.utf8)), door: meldpunt)
            #expect(r.ingelezen == 1 && r.geweigerd.count == 1 && r.geweigerd[0].regel == 2)
            #expect(Set(r.geweigerd[0].redenen.map(\.veld.jsonPad)) == ["geschiedenis[0].op", "geschiedenis[0].soort", "geschiedenis[0].tekst"])
            let m = try #require(try await Melding.query(on: k.db).filter(\.$externKenmerk == "CMI-2025-77").first())
            #expect(m.status == .wachtOpOrganisaties && m.eersteContactOp != nil)
            let stappen = try await MeldingGebeurtenis.query(on: k.db).filter(\.$melding.$id == m.requireID()).sort(\.$volgnummer).all()
            #expect(stappen.map(\.soort) == [.ontvangen, .notitie, .notitie, .contact, .berichtAanMelder])
            #expect(stappen[2].tekst == "Partner bij het CMI: UWV, contactpersoon Piet." && stappen[3].door == "Anna (CMI)" && stappen[4].zichtbaarVoorMelder)
            #expect(m.laatsteVolgnummer == 5)
        }
    }

    @Test func csvMetAanhalingstekensEnFouteKoppen() throws {
        let r = try Importbestand.csv("kenmerk,ontvangenOp,watIsFout,status\r\nA-1,2025-01-02,\"Regel met, komma en \"\"quote\"\"\nen een regelafbreking\",ontvangen\r\n\r\nA-2,2025-01-03,Kort,ontvangen\r\n")
        #expect(r.map(\.regel) == [2, 5] && r[0].melding.melding?.watIsFout == "Regel met, komma en \"quote\"\nen een regelafbreking")
        #expect(throws: Importbestand.Fout.self) { try Importbestand.csv("kenmerk,onbekend\nA,B\n") }
        #expect(throws: Importbestand.Fout.self) { try Importbestand.csv("kenmerk,ontvangenOp\nA,B\n") }
        #expect(throws: Importbestand.Fout.self) { try Importbestand.json(Data("{\"kenmerk\": 1}".utf8)) }
        // A quote inside a field is a character; a quoted field that never closes names its line.
        let scherm = try Importbestand.csv("kenmerk,ontvangenOp,watIsFout,status\nA-1,2025-01-02,Mijn 5\" scherm,ontvangen\n")
        #expect(scherm.first?.melding.melding?.watIsFout == "Mijn 5\" scherm")
        do {
            _ = try Importbestand.csv("kenmerk,ontvangenOp,watIsFout,status\nA-1,2025-01-02,Kort,ontvangen\nA-2,2025-01-02,\"open,ontvangen\nA-3,2025-01-02,x,ontvangen\n")
            Issue.record("an unclosed quote was accepted")
        } catch {
            #expect(error.regel == 3)
        }
    }
}
