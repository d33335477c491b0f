import MeldpuntCore
import Foundation
import Testing
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntAPI
@testable import MeldpuntWeb

@Suite("GET /api/v1/terugmeldingen")
struct LijstTests {
    private func refs(_ r: TestResponse) -> [String] { r.array.compactMap { $0["terugMeldingReferentie"] as? String } }
    private func tijd(_ s: String) -> Date { ISO8601DateFormatter().date(from: s)! }

    @Test func inboxOudsteEerstVerzondenNieuwsteEerst() async throws {
        try await metApp { t in
            var volgorde: [String] = []
            for (i, dag) in ["2026-11-02", "2026-11-09", "2026-11-16"].enumerated() {
                t.klok.zet(tijd("\(dag)T09:00:00Z"))
                volgorde.append(try await t.meld(Voorbeeld.terugmelding(kenmerk: "K\(i)")))
            }
            #expect(refs(try await t.get("/api/v1/terugmeldingen", t.sleutels.amsterdam)) == volgorde)
            #expect(refs(try await t.get("/api/v1/terugmeldingen", t.sleutels.belastingdienst)) == volgorde.reversed())
        }
    }

    @Test func paginasMetLinkHeader() async throws {
        try await metApp { t in
            var alle: [String] = []
            for i in 0..<5 {
                t.klok.zet(tijd("2026-11-23T09:0\(i):00Z"))
                alle.append(try await t.meld())
            }
            let p2 = try await t.get("/api/v1/terugmeldingen?status=Gemeld&pageSize=2&page=2", t.sleutels.amsterdam)
            #expect(p2.status == .ok)
            #expect(refs(p2) == Array(alle[2..<4]))
            #expect(p2.headers.first(name: "X-Total-Count") == "5")
            let link = try #require(p2.headers.first(name: "Link"))
            #expect(link.contains("</api/v1/terugmeldingen?status=Gemeld&page=1&pageSize=2>; rel=\"first\""))
            #expect(link.contains("page=1&pageSize=2>; rel=\"prev\""))
            #expect(link.contains("page=3&pageSize=2>; rel=\"next\""))
            #expect(link.contains("page=3&pageSize=2>; rel=\"last\""))
            let p3 = try await t.get("/api/v1/terugmeldingen?pageSize=2&page=3", t.sleutels.amsterdam)
            #expect(refs(p3) == [alle[4]])
            #expect(p3.headers.first(name: "Link")?.contains("rel=\"next\"") == false)
        }
    }

    @Test func filters() async throws {
        try await metApp { t in
            t.klok.zet(tijd("2026-11-02T09:00:00Z"))   // deadline 2026-11-09
            let oud = try await t.meld()
            t.klok.zet(tijd("2026-11-10T09:00:00Z"))   // deadline 2026-11-17
            let oudOpgepakt = try await t.meld()
            t.klok.zet(tijd("2026-11-23T09:00:00Z"))
            let nieuw = try await t.meld()
            // Picked up on the 23rd, after its deadline of the 17th: stays overdue.
            #expect(try await t.wijzig(oudOpgepakt, t.sleutels.amsterdam, ["status": "In behandeling"]).status == .ok)
            #expect(try await t.wijzig(nieuw, t.sleutels.amsterdam, ["status": "In behandeling"]).status == .ok)

            let a = t.sleutels.amsterdam
            #expect(refs(try await t.get("/api/v1/terugmeldingen?status=Gemeld", a)) == [oud])
            #expect(Set(refs(try await t.get("/api/v1/terugmeldingen?status=Gemeld,In%20behandeling", a))) == [oud, oudOpgepakt, nieuw])
            #expect(refs(try await t.get("/api/v1/terugmeldingen?termijnOverschreden=true", a)) == [oud, oudOpgepakt])
            #expect(refs(try await t.get("/api/v1/terugmeldingen?termijnOverschreden=false", a)) == [nieuw])
            #expect(refs(try await t.get("/api/v1/terugmeldingen?ontvangenVanaf=2026-11-10&ontvangenTot=2026-11-10", a)) == [oudOpgepakt])
            #expect(refs(try await t.get("/api/v1/terugmeldingen?ontvangenVanaf=2026-11-10T00:00:00Z", a)) == [oudOpgepakt, nieuw])
            let detail = try await t.get("/api/v1/terugmeldingen/\(oud)", a).object
            #expect(detail["termijnOverschreden"] as? Bool == true)
        }
    }

    @Test func ongeldigeParametersAllemaalTegelijk() async throws {
        try await metApp { t in
            let r = try await t.get("/api/v1/terugmeldingen?page=0&pageSize=1000&status=Klaar&termijnOverschreden=ja&ontvangenVanaf=gisteren&richting=beide", t.sleutels.amsterdam)
            #expect(r.status == .badRequest)
            #expect(Set(r.ongeldigeNamen) == ["page", "pageSize", "status", "termijnOverschreden", "ontvangenVanaf", "richting"])
        }
    }

    @Test func lijstLaadtGeenBijlagen() async throws {
        try await metApp { t in
            try await t.meld(Voorbeeld.terugmelding(bijlagen: [("a.pdf", "application/pdf", Voorbeeld.pdf)]))
            let r = try await t.get("/api/v1/terugmeldingen", t.sleutels.amsterdam)
            let item = try #require(r.array.first)
            #expect(item["bijlagen"] == nil)
            #expect(item["terugMelding"] == nil)
            #expect((item["persoon"] as? [String: Any])?["bsn"] as? String == "999993653")
            #expect((item["toelichtingBegin"] as? String)?.hasPrefix("De persoon woont") == true)
        }
    }
}
