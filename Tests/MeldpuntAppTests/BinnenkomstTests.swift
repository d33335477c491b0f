import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Testing
import Vapor
@testable import MeldpuntApp
@testable import MeldpuntHTTP

/// How a melding came in (issue 30, first part): kept on the case, shown to staff, counted.
@Suite("Binnenkomst van een melding")
struct BinnenkomstTests {
    @Test func bewaardGetoondEnGeteld() async throws {
        try await metApp { t in
            let (viaSysteem, _) = try await t.nieuweMelding()
            let invoer = try JSONDecoder().decode(MeldingInvoer.self, from: JSONSerialization.data(withJSONObject: MeldingApiTests.melding()))
            let service = MeldingService(db: t.app.db, pseudoniemen: t.app.pseudoniemen, kalender: t.app.kalender, nu: t.klok.nu, traceID: "test",
                                         contactnormWerkdagen: 2, berichten: t.app.berichtgeving)
            let telefonisch = try await service.intake.maak(invoer, ingediendDoor: nil, binnenkomst: .telefoon).zaaknummer
            #expect(try await t.get("/api/v1/meldingen/\(viaSysteem)", t.sleutels.meldpunt).json(MeldingDetailDTO.self).binnenkomst == .api)
            #expect(try await t.get("/api/v1/meldingen/\(telefonisch)", t.sleutels.meldpunt).json(MeldingDetailDTO.self).binnenkomst == .telefoon)

            try await t.gebruiker("mira@meldpunt.nl", rol: .meldpunt, oin: TestApp.meldpuntOIN)
            let staf = Browser(t)
            try await staf.login("mira@meldpunt.nl")
            #expect(try await staf.get("/meldingen/\(telefonisch)").tekst.contains("<dt>Binnengekomen via</dt><dd>Telefoon</dd>"))

            let cijfers = try await t.get("/api/v1/cijfers/meldpunt?van=2026-01-01&tot=2026-12-31", t.sleutels.meldpunt)
            let tabel = try #require((cijfers.object["tabellen"] as? [[String: Any]])?.first { $0["id"] as? String == "perBinnenkomst" })
            let rijen = try #require(tabel["rijen"] as? [[String: Any]])
            #expect(rijen.first { $0["sleutel"] as? String == "api" }?["waarde"] as? Double == 1)
            #expect(rijen.first { $0["sleutel"] as? String == "telefoon" }?["waarde"] as? Double == 1)
            #expect(rijen.first { $0["sleutel"] as? String == "web" }?["waarde"] as? Double == 0)
        }
    }
}
