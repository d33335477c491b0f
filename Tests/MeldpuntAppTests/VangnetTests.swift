import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Testing
import Vapor
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntWeb

/// The safety net under every open case (issue 29; the notitie: the melder not burdened further):
/// suspensions decided on, the pay-by day first, the promised step kept, the acceptable time and
/// the contact rhythm by complexity, the team's workload.
@Suite("Vangnet: de melder niet verder belast")
struct VangnetTests {
    static func iso(_ s: String) -> Date { ISO8601DateFormatter().date(from: s)! }

    func sleutels(_ t: TestApp, _ prefix: String) async throws -> [String] {
        try await VerstuurdeHerinnering.query(on: t.app.db).all().compactMap(\.id).filter { $0.hasPrefix(prefix) }
    }

    @Test func betaaldagGaatVoorEnHetRitmeVolgtDeComplexiteit() async throws {
        try await metApp { t in
            // Two cases; the later one's melder must pay within a few working days.
            let (ouder, _) = try await t.nieuweMelding()
            t.klok.zet(TestApp.standaardTijd.addingTimeInterval(600))
            var body = MeldingApiTests.melding()
            body["gevolgen"] = [["soort": "boete", "organisatie": "CJIB", "uiterlijkeDatum": "2026-11-26"]]
            let (dringend, link) = try await t.nieuweMelding(body)
            let d = try await t.get("/api/v1/meldingen/\(dringend)", t.sleutels.meldpunt).json(MeldingDetailDTO.self)
            let maandag = Dag("2026-11-23")!
            let midden = try t.app.kalender.plusWerkdagen(40, na: maandag)
            #expect(d.vangnet?.betalenUiterlijk == Dag("2026-11-26") && d.vangnet?.doorlooptijdUiterlijk == midden)
            // The older case's melder was called: its first contact no longer presses.
            #expect(try await t.stap(ouder, "contactmomenten", MeldingBehandelingApiTests.contact).status == .ok)
            // By urgency the person who must pay comes first; by arrival the older case.
            let opUrgentie = try await t.get("/api/v1/meldingen?open=true&sortering=urgentie", t.sleutels.meldpunt).json([MeldingSamenvattingDTO].self)
            #expect(opUrgentie.map(\.zaaknummer) == [dringend, ouder] && opUrgentie[0].urgentOp == Dag("2026-11-25"))
            #expect(try await t.get("/api/v1/meldingen?open=true", t.sleutels.meldpunt).json([MeldingSamenvattingDTO].self).map(\.zaaknummer) == [ouder, dringend])
            #expect(try await t.get("/api/v1/meldingen?sortering=wild", t.sleutels.meldpunt).ongeldigeNamen == ["sortering"])

            // Staff hear of the pay-by day once, however often the planner runs.
            let planner = Planner(db: t.app.db, berichten: t.app.berichtgeving, kalender: t.app.kalender)
            _ = try await planner.ronde(nu: Self.iso("2026-11-23T09:00:00Z"))
            _ = try await planner.ronde(nu: Self.iso("2026-11-23T09:10:00Z"))
            #expect(try await sleutels(t, "betaaldag:").count == 1)

            // Contact: the melder hears again within the rhythm of midden (10 working days); hoog makes it 5.
            #expect(try await t.stap(dringend, "contactmomenten", MeldingBehandelingApiTests.contact).status == .ok)
            var detail = try await t.get("/api/v1/meldingen/\(dringend)", t.sleutels.meldpunt).json(MeldingDetailDTO.self)
            #expect(detail.vangnet?.contactVolgendeOp == Dag("2026-12-07"))
            var hoog = MeldingBehandelingApiTests.analyse
            hoog["complexiteit"] = "hoog"
            #expect(try await t.stap(.PUT, dringend, "analyse", hoog).status == .ok)
            detail = try await t.get("/api/v1/meldingen/\(dringend)", t.sleutels.meldpunt).json(MeldingDetailDTO.self)
            let hoogTot = try t.app.kalender.plusWerkdagen(60, na: maandag)
            #expect(detail.vangnet?.contactVolgendeOp == Dag("2026-11-30") && detail.vangnet?.doorlooptijdUiterlijk == hoogTot)
            // The melder's page says by when they hear again.
            let b = Browser(t)
            #expect(try await b.get(link).tekst.contains("U hoort uiterlijk op deze dag weer van ons: <strong>30 november 2026</strong>"))
            _ = try await planner.ronde(nu: Self.iso("2026-11-30T09:00:00Z"))
            #expect(try await sleutels(t, "contactritme:").count == 1)   // the urgent case's; the other one's is a week later

            // The promised next step: the working day before, then the overdue folder.
            #expect(try await t.stap(.PUT, dringend, "volgende-stap", ["tekst": "We bellen u terug.", "datum": "2026-12-02"]).status == .ok)
            _ = try await planner.ronde(nu: Self.iso("2026-12-01T09:00:00Z"))
            #expect(try await sleutels(t, "volgende-stap:").count == 1)
            t.klok.zet(Self.iso("2026-12-03T09:00:00Z"))
            #expect(try await t.get("/api/v1/meldingen?volgendeStapVerlopen=true", t.sleutels.meldpunt).json([MeldingSamenvattingDTO].self).map(\.zaaknummer) == [dringend])

            // Past the acceptable time (midden: 40 working days): a proposal to escalate, once.
            let daarna = try t.app.kalender.plusWerkdagen(1, na: midden).begin().addingTimeInterval(9 * 3600)
            t.klok.zet(daarna)
            _ = try await planner.ronde(nu: daarna)
            #expect(try await sleutels(t, "doorlooptijd:").count == 1)
            let oud = try await t.get("/api/v1/meldingen/\(ouder)", t.sleutels.meldpunt).json(MeldingDetailDTO.self)
            #expect(oud.vangnet?.doorlooptijdVerstreken == true)
            try await t.gebruiker("mira@meldpunt.nl", rol: .meldpunt, oin: TestApp.meldpuntOIN)
            let staf = Browser(t)
            try await staf.login("mira@meldpunt.nl")
            #expect(try await staf.get("/meldingen/\(ouder)").tekst.contains("langer dan aanvaardbaar is voor haar complexiteit"))
            #expect(try await staf.get("/meldingen?map=open").tekst.contains("Langer dan aanvaardbaar"))

            // The workload: nobody holds the older case, the contacted one is its contact's.
            let werklast = try await t.get("/api/v1/werklast", t.sleutels.meldpunt).json(WerklastOverzichtDTO.self)
            #expect(werklast.team.open == 2 && werklast.team.doorlooptijdVerstreken == 1 && werklast.nietToegewezen?.open == 2)
            #expect(werklast.team.stapTeLaat == 1 && werklast.team.contactTeLaat == 0 && werklast.team.contactritmeVerstreken == 2 && werklast.perBehandelaar.isEmpty)
            #expect(try await t.get("/api/v1/werklast", t.sleutels.svb).status == .forbidden)
            let pagina = try await staf.get("/werklast")
            #expect(pagina.status == .ok && pagina.tekst.contains("Het hele team"))
        }
    }

    @Test func eenLopendeOpschortingWordtBijSluitenBesloten() async throws {
        try await metApp { t in
            let uwv = try await t.partners()
            let (z, _) = try await t.meldingInBehandeling()
            let id = try await t.verzoek(z, VerzoekenApiTests.opschorting)
            #expect(try await t.post("/api/v1/verzoeken/\(id)/statuswijzigingen", uwv, json: ["status": "geaccepteerd"]).status == .ok)
            #expect(try await t.post("/api/v1/verzoeken/\(id)/statuswijzigingen", uwv, json: ["status": "uitgevoerd", "opgeschortTot": "2026-11-27"]).status == .ok)
            // Its end nears while the case is open: staff and UWV hear once.
            let planner = Planner(db: t.app.db, berichten: t.app.berichtgeving, kalender: t.app.kalender)
            _ = try await planner.ronde(nu: Self.iso("2026-11-23T09:00:00Z"))
            _ = try await planner.ronde(nu: Self.iso("2026-11-23T09:05:00Z"))
            #expect(try await sleutels(t, "opschorting-einde:").count == 1)
            #expect(try await UitgaandBericht.query(on: t.app.db).filter(\.$aan == "operationeel@uwv.example.nl").all().contains { $0.onderwerp.hasPrefix("De opschorting loopt af") })

            // On the closing page: the question, and without an answer a message by it.
            try await t.gebruiker("mira@meldpunt.nl", rol: .meldpunt, oin: TestApp.meldpuntOIN)
            let staf = Browser(t)
            try await staf.login("mira@meldpunt.nl")
            #expect(try await staf.get("/meldingen/\(z)/sluiten").tekst.contains("<legend>Wat gebeurt er met de lopende opschorting?</legend>"))
            let controle = try await staf.post("/meldingen/\(z)/sluiten", ["uitkomst": "nietOpgelost", "samenvatting": "Niet meer te doen.", "stap": "controle"])
            #expect(controle.status == .badRequest && controle.tekst.contains("href=\"#sluitenOpschortingBesluit\">Wat gebeurt er met de lopende opschorting?: Er loopt nog een opschorting."))

            // Closing needs a decision for it; one that is not needed is refused too.
            let sluiten: [String: Any] = ["status": "gesloten", "uitkomst": "nietOpgelost", "samenvatting": "De gemeente herstelt het adres nog; wij konden niet meer doen."]
            let zonder = try await t.stap(z, "statuswijzigingen", sluiten)
            #expect(zonder.status == .badRequest && zonder.ongeldigeNamen.contains("opschortingBesluit"), "\(zonder.tekst)")
            var met = sluiten
            met["opschortingBesluit"] = "aanhouden"
            let gesloten = try await t.stap(z, "statuswijzigingen", met)
            #expect(gesloten.status == .ok, "\(gesloten.tekst)")
            let v = try await t.get("/api/v1/meldingen/\(z)/verzoeken/\(id)", t.sleutels.meldpunt).json(VerzoekDTO.self)
            #expect(v.opschorting?.besluit == .aanhouden && v.opschorting?.teBeslissen == false)
            #expect(try await UitgaandBericht.query(on: t.app.db).filter(\.$aan == "operationeel@uwv.example.nl").all().contains { $0.onderwerp == "De opschorting blijft staan" })
            // Decided at closing: not again.
            #expect(try await t.put("/api/v1/meldingen/\(z)/verzoeken/\(id)/opschortingsbesluit", t.sleutels.meldpunt, json: ["besluit": "opheffen"]).status == .conflict)

            let cijfers = try await t.get("/api/v1/cijfers/meldpunt?van=2026-01-01&tot=2026-12-31", t.sleutels.meldpunt)
            let tabel = try #require((cijfers.object["tabellen"] as? [[String: Any]])?.first { $0["id"] as? String == "vangnet" })
            let rijen = try #require(tabel["rijen"] as? [[String: Any]])
            #expect(rijen.first { $0["sleutel"] as? String == "opschorting_aanhouden" }?["waarde"] as? Double == 1)
            #expect(rijen.first { $0["sleutel"] as? String == "geslotenBinnenTijd" }?["waarde"] as? Double == 1)
        }
    }

    @Test func naIntrekkenBeslistDeMedewerkerOverDeOpschorting() async throws {
        try await metApp { t in
            let uwv = try await t.partners()
            let (z, link) = try await t.meldingInBehandeling()
            let id = try await t.verzoek(z, VerzoekenApiTests.opschorting)
            #expect(try await t.post("/api/v1/verzoeken/\(id)/statuswijzigingen", uwv, json: ["status": "geaccepteerd"]).status == .ok)
            #expect(try await t.post("/api/v1/verzoeken/\(id)/statuswijzigingen", uwv, json: ["status": "uitgevoerd", "opgeschortTot": "2027-03-01"]).status == .ok)
            // Open: the decision belongs with closing.
            #expect(try await t.put("/api/v1/meldingen/\(z)/verzoeken/\(id)/opschortingsbesluit", t.sleutels.meldpunt, json: ["besluit": "opheffen"]).status == .conflict)

            let melder = Browser(t)
            _ = try await melder.get("\(link)/intrekken")
            #expect(try await melder.post("\(link)/intrekken", [:]).status == .seeOther)
            let rij = try #require(try await t.get("/api/v1/opschortingen?actief=true", t.sleutels.meldpunt).json([OpschortingRegelDTO].self).first)
            #expect(rij.opschorting.teBeslissen)
            #expect(try await t.get("/api/v1/meldingen/\(z)/verzoeken/\(id)", t.sleutels.meldpunt).json(VerzoekDTO.self).opschorting?.teBeslissen == true)
            #expect(try await Melding.query(on: t.app.db).filter(\.$zaaknummer == z).first()?.ongelezen == true)

            try await t.gebruiker("mira@meldpunt.nl", rol: .meldpunt, oin: TestApp.meldpuntOIN)
            let staf = Browser(t)
            try await staf.login("mira@meldpunt.nl")
            var p = try await staf.get("/opschortingen?map=beslissen")
            #expect(p.tekst.contains("Te beslissen (1)") && p.tekst.contains("action=\"/meldingen/\(z)/verzoeken/\(id)/opschortingsbesluit\""))
            p = try await staf.post("/meldingen/\(z)/verzoeken/\(id)/opschortingsbesluit", [:])
            #expect(p.status == .badRequest && p.tekst.contains("Wat gebeurt er met de lopende opschorting?: Kies of de organisatie"))
            p = try await staf.volg(try await staf.post("/meldingen/\(z)/verzoeken/\(id)/opschortingsbesluit", ["besluit": "opheffen"]))
            #expect(p.tekst.contains("Het besluit is doorgegeven aan de organisatie.") && p.tekst.contains("Te beslissen (0)"))
            #expect(try await UitgaandBericht.query(on: t.app.db).filter(\.$aan == "operationeel@uwv.example.nl").all().contains { $0.onderwerp == "Het Meldpunt vraagt u de opschorting op te heffen" })
            #expect(try await t.put("/api/v1/meldingen/\(z)/verzoeken/\(id)/opschortingsbesluit", t.sleutels.meldpunt, json: ["besluit": "aanhouden"]).status == .conflict)
        }
    }

    @Test func normenUitDeOmgeving() throws {
        let basis = ["MELDPUNT_PUBLIC_URL": "http://127.0.0.1:8080"]
        let i = try Instellingen.uit(basis.merging(["MELDPUNT_DOORLOOPTIJD": "laag=10,midden=20,hoog=30", "MELDPUNT_WAARSCHUWING_WERKDAGEN": "3"]) { a, _ in a },
                                     productie: false, ontwikkeling: true)
        #expect(i.zorgnormen.doorlooptijd(.hoog) == 30 && i.zorgnormen.doorlooptijd(nil) == 20 && i.zorgnormen.contactritme(.hoog) == 5 && i.zorgnormen.waarschuwing == 3)
        for fout in ["laag=10,midden=20", "laag=10,midden=20,hoog=0", "laag=10,laag=20,hoog=30", "laag:10"] {
            #expect(throws: MeldpuntConfigFout.self, "\(fout)") {
                try Instellingen.uit(basis.merging(["MELDPUNT_CONTACTRITME": fout]) { a, _ in a }, productie: false, ontwikkeling: true)
            }
        }
    }
}
