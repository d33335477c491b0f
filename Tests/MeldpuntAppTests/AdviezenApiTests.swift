import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Testing
import Vapor
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntAPI

extension TestApp {
    func put(_ path: String, _ sleutel: String?, json: Any) async throws -> TestResponse {
        try await request(.PUT, path, sleutel: sleutel, body: JSONSerialization.data(withJSONObject: json))
    }
}

/// The meldpunt's adviserende rol (issue 29, point 6): advice to an organisation, asked or
/// unasked, about a case or the stelsel, what the organisation did with it, and the follow-up.
@Suite("Advies van het Meldpunt aan organisaties")
struct AdviezenApiTests {
    @Test func ongevraagdAdviesEnDeReactieVanDeOrganisatie() async throws {
        try await metApp { t in
            let uwv = try await t.partners()
            let (z, _) = try await t.meldingInBehandeling()
            let advies: [String: Any] = ["organisatieOin": TestApp.uwvOIN, "onderwerp": "route", "zaaknummer": z,
                                         "advies": "Herstel eerst de inschrijving en vorder daarna pas terug.", "opvolgenOp": "2026-12-07"]

            // Only the meldpunt advises; every problem at once.
            #expect(try await t.post("/api/v1/adviezen", uwv, json: advies).status == .forbidden)
            let leeg = try await t.post("/api/v1/adviezen", t.sleutels.meldpunt, json: ["onderwerp": "weetniet", "opvolgenOp": "2020-01-01"])
            #expect(leeg.status == .badRequest && Set(leeg.ongeldigeNamen) == ["organisatieOin", "onderwerp", "advies", "opvolgenOp"])
            var onbekend = advies
            onbekend["zaaknummer"] = "MFO-2026-999999"
            #expect(try await t.post("/api/v1/adviezen", t.sleutels.meldpunt, json: onbekend).ongeldigeCodes == ["onbekend"])
            var geenPartner = advies
            geenPartner["organisatieOin"] = TestApp.svbOIN
            #expect(try await t.post("/api/v1/adviezen", t.sleutels.meldpunt, json: geenPartner).ongeldigeCodes == ["onbekend"])

            let r = try await t.post("/api/v1/adviezen", t.sleutels.meldpunt, json: advies)
            #expect(r.status == .created, "\(r.tekst)")
            let a = try r.json(AdviesDTO.self)
            #expect(a.status == .gegeven && !a.gevraagd && a.zaaknummer == z && r.headers.first(name: .location) == "/api/v1/adviezen/\(a.nummer)")
            // The organisation's operational contact hears of it, without the text.
            let mail = try #require(try await UitgaandBericht.query(on: t.app.db).filter(\.$aan == "operationeel@uwv.example.nl")
                .all().first { $0.onderwerp.contains("ADV-\(a.nummer)") })
            #expect(!(try mail.mailinhoud().alineas.joined()).contains("Herstel eerst"))
            // On the case's timeline.
            let detail = try await t.get("/api/v1/meldingen/\(z)", t.sleutels.meldpunt).json(MeldingDetailDTO.self)
            #expect(detail.tijdlijn.last { $0.soort == .adviesGegeven }?.gegevens?.adviesNummer == a.nummer)

            // The organisation reads it (through the processing log); another organisation cannot.
            let gelezen = try await t.get("/api/v1/adviezen/\(a.nummer)", uwv)
            #expect(try gelezen.status == .ok && gelezen.json(AdviesDTO.self).gegevenDoor == "Meldpunt")
            #expect(try await Verwerkingslogregel.query(on: t.app.db).filter(\.$actie == "advies.raadplegen").count() == 1)
            let ander = try await Organisaties.voegToe(naam: "DUO", oin: "00000001800866472000", gemeentecode: nil, rollen: [.partner], on: t.app.db)
            let duo = try await Organisaties.maakApiSleutel(voor: ander, omschrijving: "test", on: t.app.db).1
            #expect(try await t.get("/api/v1/adviezen/\(a.nummer)", duo).status == .notFound)
            #expect(try await t.get("/api/v1/adviezen", duo).array.isEmpty)
            #expect(try await t.get("/api/v1/adviezen", t.sleutels.svb).status == .forbidden)
            #expect(try await t.put("/api/v1/adviezen/\(a.nummer)/reactie", duo, json: ["reactie": "opgevolgd"]).status == .notFound)

            // Not following needs a reason; one answer only.
            let zonder = try await t.put("/api/v1/adviezen/\(a.nummer)/reactie", uwv, json: ["reactie": "nietOpgevolgd"])
            #expect(zonder.status == .badRequest && zonder.ongeldigeNamen == ["toelichting"])
            let reactie = try await t.put("/api/v1/adviezen/\(a.nummer)/reactie", uwv, json: ["reactie": "deelsOpgevolgd", "toelichting": "Terugvordering gestopt; inschrijving ligt bij de gemeente."])
            #expect(try reactie.status == .ok && reactie.json(AdviesDTO.self).status == .deelsOpgevolgd)
            #expect(try await t.put("/api/v1/adviezen/\(a.nummer)/reactie", uwv, json: ["reactie": "opgevolgd"]).status == .conflict)
            let naReactie = try await t.get("/api/v1/meldingen/\(z)", t.sleutels.meldpunt).json(MeldingDetailDTO.self)
            #expect(naReactie.tijdlijn.last?.soort == .adviesBeantwoord)

            let cijfers = try await t.get("/api/v1/cijfers/meldpunt?van=2026-01-01&tot=2026-12-31", t.sleutels.meldpunt)
            let tabel = try #require((cijfers.object["tabellen"] as? [[String: Any]])?.first { $0["id"] as? String == "adviezen" })
            let rijen = try #require(tabel["rijen"] as? [[String: Any]])
            #expect(rijen.first { $0["sleutel"] as? String == "ongevraagd" }?["waarde"] as? Double == 1)
            #expect(rijen.first { $0["sleutel"] as? String == "deelsOpgevolgd" }?["waarde"] as? Double == 1)
        }
    }

    @Test func eenOrganisatieVraagtAdviesEnHetMeldpuntAntwoordt() async throws {
        try await metApp { t in
            let uwv = try await t.partners()
            let (z, _) = try await t.meldingInBehandeling()
            let vraag: [String: Any] = ["onderwerp": "oplossing", "vraag": "Mogen wij de terugvordering matigen zolang het adres niet klopt?", "zaaknummer": z]
            #expect(try await t.post("/api/v1/adviesvragen", t.sleutels.meldpunt, json: vraag).status == .forbidden)
            // About a case only when the meldpunt sent this organisation a request there.
            // An empty or lower-case number is not one (the document's pattern): a 400 by the field.
            for fout in ["", "mfo-2026-000001", " \(z)"] {
                var v = vraag
                v["zaaknummer"] = fout
                #expect(try await t.post("/api/v1/adviesvragen", uwv, json: v).ongeldigeCodes == ["zaaknummer"], "\(fout)")
            }
            let zonderVerzoek = try await t.post("/api/v1/adviesvragen", uwv, json: vraag)
            #expect(zonderVerzoek.status == .badRequest && zonderVerzoek.ongeldigeNamen == ["zaaknummer"] && zonderVerzoek.ongeldigeCodes == ["onbekend"])
            _ = try await t.verzoek(z, VerzoekenApiTests.opschorting)
            let r = try await t.post("/api/v1/adviesvragen", uwv, json: vraag)
            #expect(r.status == .created, "\(r.tekst)")
            let a = try r.json(AdviesDTO.self)
            #expect(a.status == .gevraagd && a.gevraagd && a.advies == nil)
            let detail = try await t.get("/api/v1/meldingen/\(z)", t.sleutels.meldpunt).json(MeldingDetailDTO.self)
            #expect(detail.tijdlijn.last { $0.soort == .adviesGevraagd }?.tekst == vraag["vraag"] as? String)
            #expect(try await t.get("/api/v1/adviezen?map=teBeantwoorden", t.sleutels.meldpunt).array.count == 1)
            #expect(try await t.get("/api/v1/adviezen?map=verkeerd", t.sleutels.meldpunt).status == .badRequest)

            // Reacting before there is advice: a conflict that says so.
            let teVroeg = try await t.put("/api/v1/adviezen/\(a.nummer)/reactie", uwv, json: ["reactie": "opgevolgd"])
            #expect(try teVroeg.status == .conflict && teVroeg.json(Probleem.self).detail.contains("nog geen advies"))
            // The question decides organisation, subject and case.
            let metOrganisatie = try await t.put("/api/v1/adviezen/\(a.nummer)/advies", t.sleutels.meldpunt,
                                                 json: ["advies": "Ja.", "opvolgenOp": "2026-12-10", "organisatieOin": TestApp.uwvOIN])
            #expect(metOrganisatie.status == .badRequest && metOrganisatie.ongeldigeCodes == ["nietBijVraag"])
            let antwoord = try await t.put("/api/v1/adviezen/\(a.nummer)/advies", t.sleutels.meldpunt,
                                           json: ["advies": "Ja: matig tot het adres is hersteld; de gemeente doet dat deze maand.", "opvolgenOp": "2026-12-10"])
            #expect(try antwoord.status == .ok && antwoord.json(AdviesDTO.self).status == .gegeven)
            #expect(try await t.put("/api/v1/adviezen/\(a.nummer)/advies", t.sleutels.meldpunt, json: ["advies": "Nogmaals.", "opvolgenOp": "2026-12-10"]).status == .conflict)
            #expect(try await t.get("/api/v1/adviezen?map=open", uwv).array.count == 1)

            // The follow-up day comes without an answer: the case's staff hear once, however often the planner runs.
            let planner = Planner(db: t.app.db, berichten: t.app.berichtgeving, kalender: t.app.kalender)
            let donderdag = ISO8601DateFormatter().date(from: "2026-12-10T09:00:00Z")!
            try await Melding.query(on: t.app.db).filter(\.$zaaknummer == z).set(\.$ongelezen, to: false).update()
            _ = try await planner.ronde(nu: donderdag)
            _ = try await planner.ronde(nu: donderdag.addingTimeInterval(600))
            let sleutels = try await VerstuurdeHerinnering.query(on: t.app.db).all().compactMap(\.id).filter { $0.hasPrefix("advies-opvolgen:") }
            #expect(sleutels.count == 1)
            #expect(try await Melding.query(on: t.app.db).filter(\.$zaaknummer == z).first()?.ongelezen == true)
            t.klok.zet(donderdag)
            #expect(try await t.get("/api/v1/adviezen?map=opvolgen", t.sleutels.meldpunt).array.count == 1)
        }
    }

    /// Withdrawn consent erases what the advice about that case says, keeping that it was given.
    @Test func intrekkenWistDeTekstenVanAdviesOverDeMelding() async throws {
        try await metApp { t in
            let uwv = try await t.partners()
            let (z, link) = try await t.meldingInBehandeling()
            _ = try await t.verzoek(z, VerzoekenApiTests.opschorting)
            let r = try await t.post("/api/v1/adviezen", t.sleutels.meldpunt, json: ["organisatieOin": TestApp.uwvOIN, "onderwerp": "oplossing", "zaaknummer": z,
                                                                                     "advies": "Mevrouw Moulin woont in Utrecht.", "opvolgenOp": "2026-12-07"])
            let nummer = try r.json(AdviesDTO.self).nummer
            let b = Browser(t)
            _ = try await b.get("\(link)/intrekken")
            #expect(try await b.post("\(link)/intrekken", [:]).status == .seeOther)
            let a = try #require(try await AdviesRij.query(on: t.app.db).filter(\.$nummer == nummer).first())
            #expect(a.advies?.contains("Moulin") == false && a.status == .gegeven)
            // The case no longer exists for the partner; nothing new is written about it.
            let vraag = try await t.post("/api/v1/adviesvragen", uwv, json: ["onderwerp": "route", "vraag": "Mevrouw belde ons.", "zaaknummer": z])
            #expect(vraag.status == .badRequest && vraag.ongeldigeCodes == ["onbekend"])
            #expect(try await t.post("/api/v1/adviezen", t.sleutels.meldpunt, json: ["organisatieOin": TestApp.uwvOIN, "onderwerp": "route", "zaaknummer": z,
                                                                                     "advies": "Nog iets.", "opvolgenOp": "2026-12-07"]).ongeldigeCodes == ["gewist"])
            #expect(try await t.put("/api/v1/adviezen/\(nummer)/reactie", uwv, json: ["reactie": "opgevolgd"]).status == .conflict)
        }
    }
}
