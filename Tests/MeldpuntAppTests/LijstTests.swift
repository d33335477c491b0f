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
            #expect(link.contains("</api/v1/terugmeldingen?status=Gemeld&pageSize=2>; rel=\"first\""))
            #expect(link.contains("page=1&pageSize=2>; rel=\"prev\""))
            #expect(link.contains("page=3&pageSize=2>; rel=\"next\""))
            #expect(link.contains("page=3&pageSize=2>; rel=\"last\""))
            let p3 = try await t.get("/api/v1/terugmeldingen?pageSize=2&page=3", t.sleutels.amsterdam)
            #expect(refs(p3) == [alle[4]])
            #expect(p3.headers.first(name: "Link")?.contains("rel=\"next\"") == false)
        }
    }

    @Test func volgendeLinkBladertMetEenCursor() async throws {
        try await metApp { t in
            var alle: [String] = []
            for i in 0..<7 {
                t.klok.zet(tijd("2026-11-23T09:0\(i):00Z"))
                alle.append(try await t.meld())
            }
            // Following rel="next" (after= the last item) visits every item once, in order.
            var pad: String? = "/api/v1/terugmeldingen?pageSize=3"
            var gezien: [String] = []
            while let p = pad, gezien.count <= alle.count {
                let r = try await t.get(p, t.sleutels.amsterdam)
                #expect(r.status == .ok)
                #expect(r.headers.first(name: "X-Total-Count") == "7")
                gezien += refs(r)
                let link = r.headers.first(name: "Link") ?? ""
                pad = link.split(separator: ",").first { $0.contains("rel=\"next\"") }
                    .map { String($0.drop { $0 != "<" }.dropFirst().prefix { $0 != ">" }) }
                if let pad { #expect(pad.contains("after=") && !pad.contains("page=")) }
            }
            #expect(gezien == alle)
            // Other filters are not counted: no total, but the next link is there.
            let teLaat = try await t.get("/api/v1/terugmeldingen?termijnOverschreden=false&pageSize=3", t.sleutels.amsterdam)
            #expect(refs(teLaat) == Array(alle.prefix(3)))
            #expect(teLaat.headers.first(name: "X-Total-Count") == nil)
            #expect(teLaat.headers.first(name: "Link")?.contains("after=\(alle[2])") == true)
            // A cursor that is no referentie, one from another list, or with page: a clear 400.
            let fout = try await t.get("/api/v1/terugmeldingen?after=gisteren&page=2", t.sleutels.amsterdam)
            #expect(fout.status == .badRequest)
            #expect(Set(fout.ongeldigeNamen) == ["after", "page"])
            let vreemd = try await t.get("/api/v1/terugmeldingen?after=\(alle[0])", t.sleutels.rotterdam)
            #expect(vreemd.status == .badRequest)
            #expect(vreemd.ongeldigeNamen == ["after"])
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
