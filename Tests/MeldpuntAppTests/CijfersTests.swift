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

            // Public: 7 received is shown, the one closed case is not (fewer than 5).
            let open = try await t.get("/api/v1/cijfers/openbaar")
            #expect(open.status == .ok && open.object["onderdrukt"] as? Bool == true)
            #expect(Self.waarde(open.object, "kerncijfers", "ontvangen") == 7)
            #expect(Self.waarde(open.object, "kerncijfers", "gesloten") == nil)
            #expect(!open.tekst.contains("\"waarde\":1,") && !open.tekst.contains("\"waarde\":1}"))

            let fout = try await t.get("/api/v1/cijfers/openbaar?van=2026-13-01&tot=gisteren")
            #expect(fout.status == .badRequest && fout.isProblem && Set(fout.ongeldigeNamen) == ["van", "tot"])

            // The public page: a chart with title and description, the table, the CSV.
            let pagina = try await Browser(t).get("/cijfers")
            #expect(pagina.status == .ok && pagina.tekst.contains("<svg") && pagina.tekst.contains("<title id=\"grafiek-perMaand-titel\">"))
            #expect(pagina.tekst.contains("minder dan 5"))
            let csv = try await Browser(t).get("/cijfers/perMaand.csv?van=2026-11-01&tot=2026-11-30")
            #expect(csv.tekst == "\u{FEFF}Maand,Waarde (aantal)\r\nnovember 2026,7\r\n")
            #expect(try await Browser(t).get("/cijfers/bestaatniet.csv").status == .notFound)
            let foutePeriode = try await Browser(t).get("/cijfers?van=2026-12-01&tot=2026-11-01")
            #expect(foutePeriode.status == .badRequest && foutePeriode.tekst.contains("Van: De begindatum ligt na de einddatum."))
        }
    }
}
