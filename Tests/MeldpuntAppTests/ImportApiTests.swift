import Fluent
import Foundation
import MeldpuntCore
import MeldpuntDomain
import Testing
import Vapor
@testable import MeldpuntApp
@testable import MeldpuntHTTP

/// The import through the API (issue 30): the meldpunt's key only, CSV or JSON, a trial run, every
/// refused row named; the imported case is a case like any other for staff.
@Suite("Import via de API")
struct ImportApiTests {
    @Test func csvEnJsonVoorDeSleutelVanHetMeldpunt() async throws {
        try await metApp { t in
            let csv = "kenmerk,ontvangenOp,naam,email,registraties,betrokkenOrganisaties,watIsFout,status,uitkomst,samenvatting,geslotenOp\n"
                + "CMI-1,2025-03-04,Kees,kees@example.nl,BRP,Gemeente Utrecht,Oud adres,gesloten,opgelost,Aangepast.,2025-04-01\n"
                + "CMI-2,2025-03-05,Els,els@example.nl,BRP,Gemeente Utrecht,,ontvangen,,,\n"
            var r = try await t.post("/api/v1/meldingimporten?proef=true", t.sleutels.meldpunt, json: ["csv": csv])
            #expect(r.status == .ok && r.object["ingelezen"] as? Int == 1 && r.object["proef"] as? Bool == true)
            #expect(try await Melding.query(on: t.app.db).count() == 0)
            r = try await t.post("/api/v1/meldingimporten", t.sleutels.meldpunt, json: ["csv": csv])
            let resultaat = try r.json(ImportResultaat.self)
            #expect(resultaat.ingelezen == 1 && resultaat.geweigerd.map(\.regel) == [3] && resultaat.geweigerd[0].redenen.map(\.veld.jsonPad) == ["melding.watIsFout"])
            #expect((r.object["geweigerd"] as? [[String: Any]])?.first?["redenen"].flatMap { ($0 as? [[String: Any]])?.first?["name"] as? String } == "melding.watIsFout")
            r = try await t.post("/api/v1/meldingimporten", t.sleutels.meldpunt, json: ["csv": csv])
            #expect(try r.json(ImportResultaat.self).alBekend == 1)

            // The case is there for staff, as it came in.
            let lijst = try await t.post("/api/v1/meldingen/_zoek", t.sleutels.meldpunt, json: ["naam": "Kees"])
            #expect(lijst.array.count == 1)
            let z = try #require(lijst.array.first?["zaaknummer"] as? String)
            let d = try await t.get("/api/v1/meldingen/\(z)", t.sleutels.meldpunt).json(MeldingDetailDTO.self)
            #expect(z.hasPrefix("MFO-2025-") && d.binnenkomst == .overgenomen && d.status == .gesloten)

            // Bad requests, and only the meldpunt.
            #expect(try await t.post("/api/v1/meldingimporten", t.sleutels.meldpunt, json: ["csv": "a,b\n1,2\n"]).ongeldigeCodes == ["csv"])
            #expect(try await t.post("/api/v1/meldingimporten", t.sleutels.meldpunt, json: [:] as [String: Any]).ongeldigeNamen == ["meldingen"])
            #expect(try await t.post("/api/v1/meldingimporten?proef=ja", t.sleutels.meldpunt, json: ["csv": csv]).ongeldigeNamen == ["proef"])
            #expect(try await t.post("/api/v1/meldingimporten", t.sleutels.svb, json: ["csv": csv]).status == .forbidden)
            let json: [[String: Any]] = [["kenmerk": "CMI-9", "ontvangenOp": "2025-05-01", "status": "ontvangen",
                                          "melding": ["melderType": "burger", "melder": ["naam": "A", "telefoon": "06-12345678"], "organisatieAlBenaderd": true,
                                                      "bezwaarOfBeroepLoopt": false, "registraties": ["BRP"], "betrokkenOrganisaties": ["X"], "watIsFout": "Fout."]]]
            #expect(try await t.post("/api/v1/meldingimporten", t.sleutels.meldpunt, json: ["meldingen": json]).json(ImportResultaat.self).ingelezen == 1)
        }
    }
}
