import Fluent
import Foundation
import MeldpuntCore
import MeldpuntDomain
import Testing
import Vapor
@testable import MeldpuntApp

/// `/api/v1/signaalkandidaten`, `/api/v1/signalen` and `/api/v1/ontvangen-signalen` over HTTP:
/// meldingen filed through the API grouped by the detector, confirmed, fed back to UWV, answered
/// by UWV's systems, closed; problem+json for every wrong field; a mail to UWV's contact.
@Suite("API: signalen")
struct SignalenApiTests {
    static func melding(_ tekst: String) -> [String: Any] {
        var m = MeldingApiTests.melding()
        m["registraties"] = ["BRV"]
        m["watIsFout"] = tekst
        m["gevolgen"] = [["soort": "boete", "organisatie": "CJIB"]]
        return m
    }

    static let teksten = [
        "Mijn adres na verhuizing is niet bijgewerkt en nu krijg ik boetes op het oude adres.",
        "Boete gekregen omdat het adres na verhuizing niet bijgewerkt is in het kentekenregister.",
        "Het adres na verhuizing is niet bijgewerkt, dus de boete ging naar mijn oude huis.",
        "Adres na verhuizing niet bijgewerkt: de aanmaning van de boete kwam nooit aan.",
    ]

    @Test func vanVoorstelViaTerugkoppelingTotAntwoord() async throws {
        try await metApp { t in
            let uwv = try await t.partners()
            for tekst in Self.teksten {
                #expect(try await t.post("/api/v1/meldingen", t.sleutels.svb, json: Self.melding(tekst)).status == .created)
            }
            #expect(try await Patroonherkenning(db: t.app.db).ronde(nu: t.klok.nu) == 4)

            let mp = t.sleutels.meldpunt
            let lijst = try await t.get("/api/v1/signaalkandidaten", mp)
            #expect(lijst.status == .ok)
            let voorstel = try #require(lijst.array.first)
            let id = try #require(voorstel["id"] as? String)
            #expect((voorstel["uitleg"] as? String)?.hasPrefix("4 zaken in ") == true)
            #expect(try await t.get("/api/v1/signaalkandidaten", t.sleutels.svb).status == .forbidden)
            let detail = try await t.get("/api/v1/signaalkandidaten/\(id)", mp)
            #expect((detail.object["zaken"] as? [Any])?.count == 4)
            #expect(!detail.tekst.contains("999993653") && !detail.tekst.contains("Moulin"))

            // Every wrong field at once, as problem+json.
            let fout = try await t.post("/api/v1/signaalkandidaten/\(id)/bevestigingen", mp, json: ["soort": "weetniet", "organisatieOins": ["X"]])
            #expect(fout.status == .badRequest && fout.isProblem)
            #expect(Set(fout.ongeldigeNamen) == ["titel", "omschrijving", "soort", "organisatieOins[0]"])
            let leegOin = try await t.post("/api/v1/signalen", mp, json: ["titel": "T", "omschrijving": "O", "soort": "systeem", "organisatieOins": [""]])
            #expect(leegOin.status == .badRequest && leegOin.ongeldigeNamen == ["organisatieOins[0]"])
            let nieuw = try await t.post("/api/v1/signaalkandidaten/\(id)/bevestigingen", mp, json: [
                "titel": "Adreswijziging bereikt het BRV niet", "omschrijving": "Na een verhuizing blijft het oude adres staan.",
                "soort": "systeem", "registraties": ["BRV"]])
            #expect(nieuw.status == .created, "\(nieuw.tekst)")
            let href = try #require(nieuw.headers.first(name: .location))
            #expect(href == "/api/v1/signalen/1")
            #expect(try await t.post("/api/v1/signaalkandidaten/\(id)/afwijzingen", mp, json: [:]).status == .conflict)

            // A field of another step, sent with a wrong value, is refused, not dropped.
            let vreemd = try await t.post("/api/v1/signalen/1/terugkoppelingen", mp, json: [
                "organisatieOin": TestApp.uwvOIN, "toelichting": "Ziet u dit ook?", "uitkomst": "__not_in_enum__", "datum": "morgen"])
            #expect(vreemd.ongeldigeNamen.sorted() == ["datum", "uitkomst"])
            #expect(try await t.get("/api/v1/signalen/1", mp).object["status"] as? String == "gesignaleerd")

            // Feedback to UWV: a mail to its contact, and the signaal in UWV's API.
            let terug = try await t.post("/api/v1/signalen/1/terugkoppelingen", mp, json: ["organisatieOin": TestApp.uwvOIN, "toelichting": "Ziet u dit ook?"])
            #expect(terug.status == .ok && terug.object["status"] as? String == "teruggekoppeld")
            let mail = try await UitgaandBericht.query(on: t.app.db).filter(\.$onderwerp ~~ "SIG-1").first()
            #expect(mail?.aan == "operationeel@uwv.example.nl")
            #expect(try await t.get("/api/v1/ontvangen-signalen", uwv).array.map { $0["nummer"] as? Int } == [1])
            #expect(try await t.get("/api/v1/ontvangen-signalen/1", t.sleutels.svb).status == .notFound)
            let zicht = try await t.get("/api/v1/ontvangen-signalen/1", uwv)
            #expect(zicht.status == .ok && zicht.object["aantalZaken"] as? Int == 4 && zicht.object["zaken"] == nil)

            #expect(try await t.post("/api/v1/ontvangen-signalen/1/antwoorden", uwv, json: [:]).ongeldigeNamen == ["toelichting"])
            #expect(try await t.post("/api/v1/ontvangen-signalen/1/antwoorden", uwv, json: ["toelichting": "Wij passen de koppeling aan."]).status == .ok)
            #expect(try await t.post("/api/v1/signalen/1/agenderingen", mp, json: ["orgaan": "Tactisch overleg", "datum": "2026-12-10"]).status == .ok)
            #expect(try await t.post("/api/v1/signalen/1/afsluitingen", mp, json: ["uitkomst": "misschien"]).ongeldigeNamen.sorted() == ["toelichting", "uitkomst"])
            let dicht = try await t.post("/api/v1/signalen/1/afsluitingen", mp, json: ["uitkomst": "opgelost", "toelichting": "Koppeling aangepast."])
            #expect(dicht.object["status"] as? String == "opgelost")
            let verloop = (dicht.object["verloop"] as? [[String: Any]] ?? []).compactMap { $0["soort"] as? String }
            #expect(verloop == ["aangemaakt", "zakenToegevoegd", "terugkoppeling", "antwoord", "agendering", "afsluiting"])
            let laat = try await t.post("/api/v1/ontvangen-signalen/1/antwoorden", uwv, json: ["toelichting": "Nog iets."])
            #expect(laat.status == .conflict && laat.isProblem)
            #expect(try await t.get("/api/v1/signalen?status=opgelost", mp).array.count == 1)
            #expect(try await t.get("/api/v1/signalen?status=x", mp).ongeldigeNamen == ["status"])
            #expect(try await t.get("/api/v1/signalen/abc", mp).status == .notFound)
        }
    }
}
