import Fluent
import Foundation
import MeldpuntCore
import MeldpuntDomain
import SQLKit
import Testing
import Vapor
@testable import MeldpuntApp

/// The dashboards over HTTP: their numbers equal a direct count in the database, the public
/// figures leave out 1–4, a wrong period is a problem+json with every field.
@Suite("Cijfers: dashboards en open data")
struct CijfersAppTests {
    static func waarde(_ o: [String: Any], _ tabel: String, _ sleutel: String) -> Double? {
        let tabellen = [o["kerncijfers"] as? [String: Any]].compactMap { $0 } + (o["tabellen"] as? [[String: Any]] ?? [])
        let rijen = tabellen.first { $0["id"] as? String == tabel }?["rijen"] as? [[String: Any]]
        return rijen?.first { $0["sleutel"] as? String == sleutel }?["waarde"] as? Double
    }

    @Test func meldpuntDashboardTeltWatInDeDatabaseStaat() async throws {
        try await metApp { t in
            _ = try await t.partners()
            for _ in 0..<6 { _ = try await t.nieuweMelding() }
            let (z, _) = try await t.meldingInBehandeling()
            _ = try await t.verzoek(z, VerzoekenApiTests.opschorting)
            try await t.herstelGevolgen(z)
            let sluiten: [String: Any] = ["status": "gesloten", "uitkomst": "opgelost", "samenvatting": "Opgelost.", "redenOpenCorrecties": "Afgestemd."]
            #expect(try await t.stap(z, "statuswijzigingen", sluiten).status == .ok)

            let r = try await t.get("/api/v1/cijfers/meldpunt", t.sleutels.meldpunt)
            #expect(r.status == .ok, "\(r.tekst)")
            let o = r.object
            let sql = t.app.db as! any SQLDatabase
            struct N: Decodable { let n: Int }
            func tel(_ query: SQLQueryString) async throws -> Double { Double(try await sql.raw(query).first(decoding: N.self)?.n ?? -1) }
            #expect(Self.waarde(o, "kerncijfers", "ontvangen") == (try await tel("SELECT COUNT(*) AS n FROM meldingen")))
            #expect(Self.waarde(o, "kerncijfers", "gesloten") == (try await tel("SELECT COUNT(*) AS n FROM meldingen WHERE gesloten_op IS NOT NULL")))
            #expect(Self.waarde(o, "perUitkomst", "opgelost") == (try await tel("SELECT COUNT(*) AS n FROM meldingen WHERE uitkomst = 'opgelost'")))
            #expect(Self.waarde(o, "perMelderType", "intermediair") == (try await tel("SELECT COUNT(*) AS n FROM meldingen WHERE melder_type = 'intermediair'")))
            #expect(Self.waarde(o, "verzoekenPerPartner", "UWV") == (try await tel("SELECT COUNT(*) AS n FROM verzoeken v JOIN organisaties o ON o.id = v.organisatie_id WHERE o.naam = 'UWV'")))
            #expect(Self.waarde(o, "perMaand", "2026-11") == 7)
            #expect(try await t.get("/api/v1/cijfers/meldpunt", t.sleutels.svb).status == .forbidden)

            // Staff see real numbers; a case past the contact norm without contact counts as late.
            #expect(Self.waarde(o, "kerncijfers", "gesloten") == 1)
            #expect(Self.waarde(o, "kerncijfers", "contactnormGehaald") == 100)
            t.klok.zet(Dag("2026-12-10")!.begin().addingTimeInterval(12 * 3600))
            let later = try await t.get("/api/v1/cijfers/meldpunt?van=2026-11-01&tot=2026-12-10", t.sleutels.meldpunt).object
            #expect(Self.waarde(later, "kerncijfers", "contactnormGehaald") == Double((100.0 / 7).rounded()), "\(later["kerncijfers"] ?? "")")

            // Public: whole years up to the last complete month; 7 received is shown, the one closed case is not.
            let open = try await t.get("/api/v1/cijfers/openbaar")
            #expect(open.status == .ok && open.object["onderdrukt"] as? Bool == true)
            let periode = open.object["periode"] as? [String: Any]
            #expect(periode?["van"] as? String == "2026-01-01" && periode?["tot"] as? String == "2026-11-30", "\(periode ?? [:])")
            #expect(Self.waarde(open.object, "kerncijfers", "ontvangen") == 7)
            #expect(Self.waarde(open.object, "kerncijfers", "gesloten") == nil)
            #expect(!open.tekst.contains("\"waarde\":1,") && !open.tekst.contains("\"waarde\":1}"))
            // A period ending today is not published (it could be differenced with yesterday's).
            let vandaag = try await t.get("/api/v1/cijfers/openbaar?van=2026-12-01&tot=2026-12-10").object["periode"] as? [String: Any]
            #expect(vandaag?["tot"] as? String == "2026-11-30")

            let fout = try await t.get("/api/v1/cijfers/openbaar?van=2026-13-01&tot=gisteren")
            #expect(fout.status == .badRequest && fout.isProblem && Set(fout.ongeldigeNamen) == ["van", "tot"])
            // The API's document says a date: an empty one is refused (a page's cleared field means "not given").
            #expect(try await t.get("/api/v1/cijfers/openbaar?van=").ongeldigeNamen == ["van"])
            #expect(try await Browser(t).get("/cijfers?van=&tot=").status == .ok)

            // The public page: a chart with title and description, the table, the CSV.
            let pagina = try await Browser(t).get("/cijfers")
            #expect(pagina.status == .ok && pagina.tekst.contains("<svg") && pagina.tekst.contains("<title id=\"grafiek-perMaand-titel\">"))
            // A hidden count says so; a median of one case is "too few", never a count.
            #expect(pagina.tekst.contains("<dt>Meldingen afgerond</dt><dd>niet getoond</dd>"), "\(pagina.tekst)")
            #expect(pagina.tekst.contains("<dt>Mediane doorlooptijd (dagen)</dt><dd>te weinig meldingen</dd>"))
            #expect(!pagina.tekst.contains(">minder dan 5<") && !pagina.tekst.contains("&lt; 5"))
            let csv = try await Browser(t).get("/cijfers/perMaand.csv?van=2026-11-01&tot=2026-11-30")
            #expect(csv.tekst.hasPrefix("\u{FEFF}Maand,Waarde (aantal)\r\njanuari 2026,0\r\n") && csv.tekst.hasSuffix("oktober 2026,0\r\nnovember 2026,7\r\n"), "\(csv.tekst)")
            let uitkomst = try await Browser(t).get("/cijfers/perUitkomst.csv?vorm=spreadsheet")
            #expect(uitkomst.tekst.hasPrefix("\u{FEFF}Uitkomst;Waarde (aantal)\r\nOpgelost;x\r\n"), "\(uitkomst.tekst)")
            #expect(try await Browser(t).get("/cijfers/bestaatniet.csv").status == .notFound)
            let foutePeriode = try await Browser(t).get("/cijfers?van=2026-12-01&tot=2026-11-01")
            #expect(foutePeriode.status == .badRequest && foutePeriode.tekst.contains("Van: De begindatum ligt na de einddatum."))
        }
    }
}

@Suite("Cijfers: de jaarevaluatie met een partner")
struct JaarevaluatieTests {
    @Test func evaluatieMetConclusiesVanBeideKanten() async throws {
        try await metApp { t in
            let uwv = try await t.partners()
            let (z, _) = try await t.meldingInBehandeling()
            var ids: [String] = []
            for _ in 0..<6 { ids.append(try await t.verzoek(z, ["organisatieOin": TestApp.uwvOIN, "soort": "informatie", "vraag": "Klopt het adres?", "uiterlijk": "2026-11-30"])) }
            _ = try await t.verzoek(z, VerzoekenApiTests.opschorting)
            for id in ids.prefix(5) {
                #expect(try await t.post("/api/v1/verzoeken/\(id)/statuswijzigingen", uwv, json: ["status": "geaccepteerd"]).status == .ok)
                #expect(try await t.post("/api/v1/verzoeken/\(id)/statuswijzigingen", uwv, json: ["status": "uitgevoerd", "toelichting": "Gecontroleerd."]).status == .ok)
            }
            #expect(try await t.post("/api/v1/verzoeken/\(ids[5])/statuswijzigingen", uwv, json: ["status": "afgewezen", "reden": "Niet bij ons."]).status == .ok)

            let pad = "/api/v1/partner-evaluaties/\(TestApp.uwvOIN)/2026"
            let e = try await t.get(pad, t.sleutels.meldpunt)
            #expect(e.status == .ok, "\(e.tekst)")
            #expect(CijfersAppTests.waarde(e.object, "kerncijfers", "verzoeken") == 7)
            #expect(CijfersAppTests.waarde(e.object, "kerncijfers", "geaccepteerd") == 5)
            // Real numbers: the evaluation stays between the meldpunt and the partner.
            #expect(CijfersAppTests.waarde(e.object, "kerncijfers", "afgewezen") == 1)
            #expect(CijfersAppTests.waarde(e.object, "kerncijfers", "opschortingen") == 1)
            #expect(CijfersAppTests.waarde(e.object, "kerncijfers", "termijnGehaald") == 100)
            #expect(CijfersAppTests.waarde(e.object, "perSoort", "informatie") == 6)
            // UWV reads its own; the Belastingdienst (another partner) does not exist for it.
            #expect(try await t.get(pad, uwv).status == .ok)
            let bd = try await Organisaties.maakApiSleutel(voor: try await Organisaties.zoek(oin: TestApp.belastingdienstOIN, gemeentecode: nil, on: t.app.db),
                                                           omschrijving: "test", on: t.app.db).1
            #expect(try await t.get(pad, bd).status == .notFound)

            #expect(try await t.request(.PUT, "\(pad)/conclusie", sleutel: t.sleutels.meldpunt,
                                        body: try JSONSerialization.data(withJSONObject: ["conclusie": "Goede samenwerking; termijnen gehaald."])).status == .ok)
            let beide = try await t.request(.PUT, "\(pad)/conclusie", sleutel: uwv, body: try JSONSerialization.data(withJSONObject: ["conclusie": "Eens."]))
            #expect(beide.object["conclusieMeldpunt"] as? String == "Goede samenwerking; termijnen gehaald.")
            #expect(beide.object["conclusiePartner"] as? String == "Eens.")

            // The printable page for the partner's user, its CSV, and the conclusion form's errors beside the field.
            try await t.gebruiker("pim@uwv.nl", rol: .partner, oin: TestApp.uwvOIN)
            let b = Browser(t)
            try await b.login("pim@uwv.nl")
            let keuze = try await b.get("/evaluaties")
            let uwvID = try await Organisaties.zoek(oin: TestApp.uwvOIN, gemeentecode: nil, on: t.app.db).requireID().tekst
            #expect(keuze.status == .seeOther && keuze.headers.first(name: .location) == "/evaluaties/\(uwvID)/2025")
            let pagina = try await b.get("/evaluaties/\(uwvID)/2026")
            #expect(pagina.status == .ok && pagina.tekst.contains("Jaarevaluatie UWV 2026") && pagina.tekst.contains("Goede samenwerking"))
            #expect(pagina.tekst.contains("class=\"evaluatie-deel pagina-einde\""))
            let csv = try await b.get("/evaluaties/\(uwvID)/2026/perSoort.csv")
            #expect(csv.tekst.hasPrefix("\u{FEFF}Soort,Waarde (aantal)\r\nCorrectie,0\r\nOpschorting,1\r\nInformatie,6\r\n"), "\(csv.tekst)")
            // The spreadsheet form in the reader's language: semicolons and a decimal comma.
            let kern = try await b.get("/evaluaties/\(uwvID)/2026/kerncijfers.csv?vorm=spreadsheet")
            #expect(kern.tekst.contains("Verzoeken;7\r\n") && !kern.tekst.contains("Verzoeken,7"), "\(kern.tekst)")
            #expect(!pagina.tekst.contains("niet getoond") && pagina.tekst.contains("vorm=spreadsheet"))
            let lang = try await b.post("/evaluaties/\(uwvID)/2026/conclusie", ["conclusie": String(repeating: "x", count: 20_001)])
            #expect(lang.status == .badRequest && lang.tekst.contains("Conclusie: Hoogstens 20000 tekens."))
        }
    }
}
