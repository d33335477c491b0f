import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Testing
import Vapor
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntAPI

/// Overleg with several organisations (issue 29, point 8; IV 7: the meldpunt brings the parties
/// together): invitees, day, agenda, minutes each invitee reads, actions per organisation with a day.
@Suite("Overleg met meerdere organisaties")
struct OverleggenApiTests {
    static let bdOIN = "00000001003214345000"

    @Test func plannenVerslagEnActiesPerOrganisatie() async throws {
        try await metApp { t in
            // A time with a fraction, as a real clock has (a stored time must compare equal when read back).
            t.klok.zet(Date(timeIntervalSinceReferenceDate: TestApp.standaardTijd.timeIntervalSinceReferenceDate + 0.059453701972961))
            let uwv = try await t.partners()
            let bd = try await Organisaties.maakApiSleutel(voor: try await Organisaties.zoek(oin: Self.bdOIN, gemeentecode: nil, on: t.app.db), omschrijving: "test", on: t.app.db).1
            let (z, _) = try await t.meldingInBehandeling()
            let plan: [String: Any] = ["onderwerp": "Inkomen en adres van mevrouw", "datum": "2026-11-26", "tijd": "14:30", "plaats": "Online",
                                       "agenda": "1. Wie herstelt het adres\n2. Terugvordering stilzetten", "deelnemers": [TestApp.uwvOIN, Self.bdOIN], "zaaknummer": z]

            // Only the meldpunt plans; every problem at once, each by its field.
            #expect(try await t.post("/api/v1/overleggen", uwv, json: plan).status == .forbidden)
            let leeg = try await t.post("/api/v1/overleggen", t.sleutels.meldpunt, json: ["datum": "2026-11-01", "tijd": "25:00", "deelnemers": []])
            #expect(leeg.status == .badRequest && Set(leeg.ongeldigeNamen) == ["onderwerp", "datum", "tijd", "agenda", "deelnemers"], "\(leeg.tekst)")
            var verkeerd = plan
            verkeerd["deelnemers"] = [TestApp.uwvOIN, TestApp.svbOIN, "123"]
            let r0 = try await t.post("/api/v1/overleggen", t.sleutels.meldpunt, json: verkeerd)
            #expect(r0.status == .badRequest && r0.ongeldigeNamen == ["deelnemers[2]"], "\(r0.tekst)")
            verkeerd["deelnemers"] = [TestApp.uwvOIN, TestApp.svbOIN]
            let r1 = try await t.post("/api/v1/overleggen", t.sleutels.meldpunt, json: verkeerd)
            #expect(r1.ongeldigeNamen == ["deelnemers[1]"] && r1.ongeldigeCodes == ["onbekend"], "\(r1.tekst)")

            let r = try await t.post("/api/v1/overleggen", t.sleutels.meldpunt, json: plan)
            #expect(r.status == .created, "\(r.tekst)")
            let o = try r.json(OverlegDTO.self)
            #expect(o.status == .gepland && Set(o.deelnemers.compactMap(\.oin)) == [Self.bdOIN, TestApp.uwvOIN] && o.zaaknummer == z)
            #expect(r.headers.first(name: .location) == "/api/v1/overleggen/\(o.nummer)")
            // Each invitee's operational contact is invited, without subject or agenda.
            for adres in ["operationeel@uwv.example.nl", "operationeel@bd.example.nl"] {
                let mail = try #require(try await UitgaandBericht.query(on: t.app.db).filter(\.$aan == adres).all().first { $0.onderwerp.contains("OVL-\(o.nummer)") }, "\(adres)")
                let tekst = try mail.mailinhoud().alineas.joined()
                #expect(!tekst.contains("mevrouw") && !tekst.contains("Terugvordering") && tekst.contains("26 november 2026"))
            }
            let detail = try await t.get("/api/v1/meldingen/\(z)", t.sleutels.meldpunt).json(MeldingDetailDTO.self)
            #expect(detail.tijdlijn.last { $0.soort == .overlegGepland }?.gegevens?.overlegNummer == o.nummer)

            // Each invitee reads it (through the processing log); an organisation not invited cannot.
            let gelezen = try await t.get("/api/v1/overleggen/\(o.nummer)", uwv)
            #expect(try gelezen.status == .ok && gelezen.json(OverlegDTO.self).aangemaaktDoor == "Meldpunt")
            #expect(try await Verwerkingslogregel.query(on: t.app.db).filter(\.$actie == "overleg.raadplegen").count() == 1)
            let ander = try await Organisaties.voegToe(naam: "DUO", oin: "00000001800866472000", gemeentecode: nil, rollen: [.partner], on: t.app.db)
            let duo = try await Organisaties.maakApiSleutel(voor: ander, omschrijving: "test", on: t.app.db).1
            #expect(try await t.get("/api/v1/overleggen/\(o.nummer)", duo).status == .notFound)
            #expect(try await t.get("/api/v1/overleggen", duo).array.isEmpty)
            #expect(try await t.get("/api/v1/overleggen?map=komend", bd).array.count == 1)
            #expect(try await t.get("/api/v1/overleggen", t.sleutels.svb).status == .forbidden)

            // Minutes from the meeting's day on; actions only for invitees or the meldpunt itself.
            let teVroeg = try await t.put("/api/v1/overleggen/\(o.nummer)/verslag", t.sleutels.meldpunt, json: ["verslag": "Besproken."])
            #expect(try teVroeg.status == .conflict && teVroeg.json(Probleem.self).detail.contains("2026-11-26"))
            let actieDuo = try await t.post("/api/v1/overleggen/\(o.nummer)/acties", t.sleutels.meldpunt,
                                            json: ["organisatieOin": "00000001800866472000", "omschrijving": "Iets.", "uiterlijk": "2026-12-01"])
            #expect(actieDuo.ongeldigeCodes == ["nietUitgenodigd"])
            t.klok.zet(ISO8601DateFormatter().date(from: "2026-11-26T15:30:00Z")!.addingTimeInterval(0.654321))
            let verslag = try await t.put("/api/v1/overleggen/\(o.nummer)/verslag", t.sleutels.meldpunt,
                                          json: ["verslag": "UWV zet de terugvordering stil; de Belastingdienst wacht op het adres."])
            #expect(try verslag.status == .ok && verslag.json(OverlegDTO.self).status == .gehouden)
            #expect(try await UitgaandBericht.query(on: t.app.db).filter(\.$aan == "operationeel@bd.example.nl").all().contains { $0.onderwerp == "Verslag van overleg OVL-\(o.nummer)" })
            for (oin, wat) in [(TestApp.uwvOIN, "Terugvordering stilzetten"), (Self.bdOIN, "Aanslag aanhouden"), (TestApp.meldpuntOIN, "Melder bellen")] {
                let a = try await t.post("/api/v1/overleggen/\(o.nummer)/acties", t.sleutels.meldpunt, json: ["organisatieOin": oin, "omschrijving": wat, "uiterlijk": "2026-12-01"])
                #expect(a.status == .created, "\(a.tekst)")
            }
            let metActies = try await t.get("/api/v1/overleggen/\(o.nummer)", bd).json(OverlegDTO.self)
            #expect(metActies.acties.map(\.nummer) == [1, 2, 3] && metActies.acties.map(\.organisatie.naam).contains("UWV"))
            #expect(try await t.get("/api/v1/overleggen?map=openActies", bd).array.count == 1)

            // Each organisation reports its own action done; not another's, not twice.
            #expect(try await t.put("/api/v1/overleggen/\(o.nummer)/acties/1/afronding", bd, json: [:]).status == .forbidden)
            let gedaan = try await t.put("/api/v1/overleggen/\(o.nummer)/acties/1/afronding", uwv, json: ["toelichting": "Stilgezet per 27 november."])
            #expect(try gedaan.status == .ok && gedaan.json(OverlegDTO.self).acties[0].status == .gedaan)
            #expect(try await t.put("/api/v1/overleggen/\(o.nummer)/acties/1/afronding", uwv, json: [:]).status == .conflict)
            #expect(try await t.put("/api/v1/overleggen/\(o.nummer)/acties/9/afronding", uwv, json: [:]).status == .notFound)
            // Another invitee sees the action done, not who at UWV did it.
            let doorBd = try await t.get("/api/v1/overleggen/\(o.nummer)", bd).json(OverlegDTO.self)
            #expect(doorBd.acties[0].status == .gedaan && doorBd.acties[0].gedaanDoor == nil)
            let naActie = try await t.get("/api/v1/meldingen/\(z)", t.sleutels.meldpunt).json(MeldingDetailDTO.self)
            #expect(naActie.tijdlijn.last?.soort == .overlegActieGedaan)
            // A held overleg cannot be cancelled.
            #expect(try await t.put("/api/v1/overleggen/\(o.nummer)/annulering", t.sleutels.meldpunt, json: ["reden": "Toch niet."]).status == .conflict)

            // The day before an action's day its organisation is reminded; past it, staff hear, each once.
            let planner = Planner(db: t.app.db, berichten: t.app.berichtgeving, kalender: t.app.kalender)
            let maandag = ISO8601DateFormatter().date(from: "2026-11-30T09:00:00Z")!
            _ = try await planner.ronde(nu: maandag)
            _ = try await planner.ronde(nu: maandag.addingTimeInterval(600))
            let nadert = try await VerstuurdeHerinnering.query(on: t.app.db).all().compactMap(\.id).filter { $0.hasPrefix("overleg-actie-nadert:") }
            #expect(nadert.count == 2)
            #expect(try await UitgaandBericht.query(on: t.app.db).filter(\.$aan == "operationeel@bd.example.nl").all().contains { $0.onderwerp.hasPrefix("Herinnering: actie uit overleg") })
            _ = try await planner.ronde(nu: ISO8601DateFormatter().date(from: "2026-12-02T09:00:00Z")!)
            let verstreken = try await VerstuurdeHerinnering.query(on: t.app.db).all().compactMap(\.id).filter { $0.hasPrefix("overleg-actie-verstreken:") }
            #expect(verstreken.count == 2)
            t.klok.zet(ISO8601DateFormatter().date(from: "2026-12-02T09:00:00Z")!)
            #expect(try await t.get("/api/v1/overleggen/\(o.nummer)", t.sleutels.meldpunt).json(OverlegDTO.self).acties.filter(\.teLaat).count == 2)

            let cijfers = try await t.get("/api/v1/cijfers/meldpunt?van=2026-01-01&tot=2026-12-31", t.sleutels.meldpunt)
            let tabel = try #require((cijfers.object["tabellen"] as? [[String: Any]])?.first { $0["id"] as? String == "overleggen" })
            let rijen = try #require(tabel["rijen"] as? [[String: Any]])
            #expect(rijen.first { $0["sleutel"] as? String == "gehouden" }?["waarde"] as? Double == 1)
            #expect(rijen.first { $0["sleutel"] as? String == "actiesOpTijd" }?["waarde"] as? Double == 1)
            #expect(rijen.first { $0["sleutel"] as? String == "actiesVerlopen" }?["waarde"] as? Double == 2)
        }
    }

    /// Consent withdrawn: a planned overleg about the case is cancelled (its invitees told); a held
    /// one keeps its actions, which can still be reported done, without words about the person.
    @Test func naIntrekkenGeenOverlegDatBlijftHangen() async throws {
        try await metApp { t in
            let uwv = try await t.partners()
            let (z, link) = try await t.meldingInBehandeling()
            func plan(_ datum: String) async throws -> Int {
                try await t.post("/api/v1/overleggen", t.sleutels.meldpunt, json: ["onderwerp": "Adres", "datum": datum, "agenda": "Wie doet wat.", "plaats": "Bij mevrouw thuis, Dorpsstraat 1",
                                                                                  "deelnemers": [TestApp.uwvOIN], "zaaknummer": z]).json(OverlegDTO.self).nummer
            }
            let gehouden = try await plan("2026-11-23"), gepland = try await plan("2026-12-01")
            #expect(try await t.put("/api/v1/overleggen/\(gehouden)/verslag", t.sleutels.meldpunt, json: ["verslag": "Besproken."]).status == .ok)
            #expect(try await t.post("/api/v1/overleggen/\(gehouden)/acties", t.sleutels.meldpunt,
                                     json: ["organisatieOin": TestApp.uwvOIN, "omschrijving": "Stilzetten.", "uiterlijk": "2026-12-01"]).status == .created)
            let b = Browser(t)
            _ = try await b.get("\(link)/intrekken")
            #expect(try await b.post("\(link)/intrekken", [:]).status == .seeOther)

            let afgelast = try await t.get("/api/v1/overleggen/\(gepland)", uwv).json(OverlegDTO.self)
            #expect(afgelast.status == .geannuleerd && afgelast.plaats?.contains("Dorpsstraat") == false)
            #expect(try await UitgaandBericht.query(on: t.app.db).filter(\.$aan == "operationeel@uwv.example.nl").all().contains { $0.onderwerp.contains("OVL-\(gepland)") && $0.onderwerp.contains("gaat niet door") })
            let gedaan = try await t.put("/api/v1/overleggen/\(gehouden)/acties/1/afronding", uwv, json: ["toelichting": "Mevrouw Moulin gebeld."])
            #expect(gedaan.status == .ok, "\(gedaan.tekst)")
            #expect(try gedaan.json(OverlegDTO.self).acties[0].status == .gedaan && gedaan.json(OverlegDTO.self).acties[0].toelichting == nil)
            // Nothing new with words about the case.
            #expect(try await t.put("/api/v1/overleggen/\(gehouden)/verslag", t.sleutels.meldpunt, json: ["verslag": "Mevrouw belde."]).status == .conflict)
        }
    }

    @Test func annulerenEnDeMelderTrektToestemmingIn() async throws {
        try await metApp { t in
            let uwv = try await t.partners()
            let (z, link) = try await t.meldingInBehandeling()
            let r = try await t.post("/api/v1/overleggen", t.sleutels.meldpunt, json: ["onderwerp": "Mevrouw Moulin", "datum": "2026-11-30", "agenda": "Mevrouw Moulin woont in Utrecht.",
                                                                                       "deelnemers": [TestApp.uwvOIN], "zaaknummer": z])
            let o = try r.json(OverlegDTO.self)
            #expect(o.tijd == nil)
            let zonder = try await t.put("/api/v1/overleggen/\(o.nummer)/annulering", t.sleutels.meldpunt, json: [:])
            #expect(zonder.status == .badRequest && zonder.ongeldigeNamen == ["reden"])
            let geannuleerd = try await t.put("/api/v1/overleggen/\(o.nummer)/annulering", t.sleutels.meldpunt, json: ["reden": "De gemeente heeft het adres al hersteld."])
            #expect(try geannuleerd.json(OverlegDTO.self).status == .geannuleerd)
            #expect(try await UitgaandBericht.query(on: t.app.db).filter(\.$aan == "operationeel@uwv.example.nl").all().contains { $0.onderwerp.contains("gaat niet door") })
            // Nothing changes any more.
            #expect(try await t.post("/api/v1/overleggen/\(o.nummer)/acties", t.sleutels.meldpunt,
                                     json: ["organisatieOin": TestApp.uwvOIN, "omschrijving": "Iets.", "uiterlijk": "2026-12-01"]).status == .conflict)
            #expect(try await t.put("/api/v1/overleggen/\(o.nummer)/verslag", t.sleutels.meldpunt, json: ["verslag": "x"]).status == .conflict)

            // Consent withdrawn: what the overleg says about the melder goes, that it was held stays.
            let b = Browser(t)
            _ = try await b.get("\(link)/intrekken")
            #expect(try await b.post("\(link)/intrekken", [:]).status == .seeOther)
            let gelezen = try await t.get("/api/v1/overleggen/\(o.nummer)", uwv).json(OverlegDTO.self)
            #expect(!gelezen.onderwerp.contains("Moulin") && !gelezen.agenda.contains("Moulin") && gelezen.annuleringsreden?.contains("gemeente") == false)
            #expect(gelezen.status == .geannuleerd)
            let nieuw = try await t.post("/api/v1/overleggen", t.sleutels.meldpunt, json: ["onderwerp": "x", "datum": "2026-11-30", "agenda": "x",
                                                                                           "deelnemers": [TestApp.uwvOIN], "zaaknummer": z])
            #expect(nieuw.ongeldigeCodes == ["gewist"])
        }
    }
}
