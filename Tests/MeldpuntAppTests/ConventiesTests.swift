import MeldpuntCore
import Foundation
import Testing
import Vapor
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntAPI
@testable import MeldpuntWeb

@Suite("API Design Rules en referentiedata")
struct ConventiesTests {
    @Test func gezondheidEnKoppen() async throws {
        try await metApp { t in
            let r = try await t.get("/health")
            #expect(r.status == .ok)
            for path in ["/health", "/api/v1/gemeenten", "/api/v1/bestaat-niet", "/api/v1/terugmeldingen"] {
                let r = try await t.get(path)
                #expect(r.headers.first(name: "API-Version") == "1.0.0", "\(path)")
                #expect(r.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(r.headers.first(name: "X-Frame-Options") == "DENY")
                #expect(r.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
                #expect(r.headers.first(name: "Cache-Control")?.contains("no-store") == true)
            }
        }
    }

    @Test func foutenZijnProblemJSON() async throws {
        try await metApp { t in
            let nietGevonden = try await t.get("/api/v1/bestaat-niet")
            #expect(nietGevonden.status == .notFound)
            #expect(nietGevonden.isProblem)
            #expect(Set(nietGevonden.object.keys).isSuperset(of: ["status", "title", "detail"]))

            let slash = try await t.get("/api/v1/gemeenten/")
            #expect(slash.status == .notFound)
            #expect(slash.isProblem)

            let methode = try await t.request(.PATCH, "/api/v1/gemeenten", body: Data("{}".utf8))
            #expect(methode.status == .methodNotAllowed)
            #expect(methode.headers.first(name: "Allow") == "GET, HEAD")
            let methode2 = try await t.request(.DELETE, "/api/v1/terugmeldingen/\(UUID())", sleutel: t.sleutels.svb)
            #expect(methode2.status == .methodNotAllowed)

            let type = try await t.request(.POST, "/api/v1/terugmeldingen", sleutel: t.sleutels.belastingdienst,
                                           body: Data("a=b".utf8), contentType: "application/x-www-form-urlencoded")
            #expect(type.status == .unsupportedMediaType)
            #expect(type.isProblem)
        }
    }

    @Test func traceIdVanDeAanroeper() async throws {
        try await metApp { t in
            let r = try await t.request(.GET, "/api/v1/gemeenten", headers: ["X-Request-ID": "abc-123"])
            #expect(r.headers.first(name: "X-Request-ID") == "abc-123")
            let vreemd = try await t.request(.GET, "/api/v1/gemeenten", headers: ["X-Request-ID": "<script>"])
            #expect(vreemd.headers.first(name: "X-Request-ID") != "<script>")
        }
    }

    @Test func openapiDocument() async throws {
        try await metApp { t in
            let r = try await t.get("/api/v1/openapi.json")
            #expect(r.status == .ok)
            #expect(r.headers.first(name: "Access-Control-Allow-Origin") == "*")
            let doc = r.object
            #expect((doc["openapi"] as? String)?.hasPrefix("3.") == true)
            let paths = try #require(doc["paths"] as? [String: [String: Any]])
            // Every operation has its own id (the OpenAPI validator refuses a document with two alike).
            let ids = paths.values.flatMap { $0.values.compactMap { ($0 as? [String: Any])?["operationId"] as? String } }
            #expect(ids.count == Set(ids).count, "dubbele operationId: \(Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted())")
            // Every API route is documented, and every documented operation exists.
            var echt: Set<String> = []
            for route in t.app.routes.all {
                let pad = "/" + route.path.map { c -> String in
                    if case .parameter(let p) = c { return "{\(p)}" }
                    return c.description
                }.joined(separator: "/")
                guard pad.hasPrefix("/api/v1/") else { continue }
                echt.insert("\(route.method.rawValue.lowercased()) \(pad.dropFirst("/api/v1".count))")
            }
            var gedocumenteerd: Set<String> = []
            for (pad, item) in paths {
                for methode in item.keys where ["get", "post", "put", "patch", "delete"].contains(methode) {
                    gedocumenteerd.insert("\(methode) \(pad)")
                }
            }
            #expect(echt == gedocumenteerd)
        }
    }

    @Test func gemeenten() async throws {
        try await metApp { t in
            let r = try await t.get("/api/v1/gemeenten")
            let codes = r.array.compactMap { $0["gemeentecode"] as? String }
            #expect(codes.contains("0363") && codes.contains("1999") && codes.contains("0518"))
            #expect(!codes.contains("0000"))
            #expect(!codes.contains("0457"))   // Weesp, ended 2022
            #expect(codes.count == Referentiedata.gebundeld.gemeenten.filter { $0.einde == nil }.count)
            #expect(codes.count > 300)
            let toen = try await t.get("/api/v1/gemeenten?peildatum=2021-06-01").array.compactMap { $0["gemeentecode"] as? String }
            #expect(toen.contains("0457"))
            #expect(!toen.contains("1980"))    // Dijk en Waard, from 2022
            #expect(try await t.get("/api/v1/gemeenten?peildatum=gisteren").status == .badRequest)
        }
    }

    @Test func registraties() async throws {
        try await metApp { t in
            let codes = try await t.get("/api/v1/registraties").array.compactMap { $0["code"] as? String }
            #expect(Set(codes) == ["BRP", "HR", "BRI", "BRV", "BRK", "BAG", "WOZ", "BRT", "BGT", "BRO"])
        }
    }

    @Test func termijnen() async throws {
        try await metApp { t in
            let r = try await t.get("/api/v1/termijnen?startdatum=2026-12-21&werkdagen=5")
            #expect(r.status == .ok)
            #expect(r.object["einddatum"] as? String == "2026-12-29")
            #expect(r.object["startdatum"] as? String == "2026-12-21")
            #expect(r.object["werkdagen"] as? Int == 5)
            let fout = try await t.get("/api/v1/termijnen?startdatum=21-12-2026&werkdagen=-1")
            #expect(Set(fout.ongeldigeNamen) == ["startdatum", "werkdagen"])
            #expect(Set(try await t.get("/api/v1/termijnen").ongeldigeNamen) == ["startdatum", "werkdagen"])
        }
    }

    @Test func opvolgersVolgenFusiesTotVandaag() {
        let ref = Referentiedata.gebundeld
        #expect(ref.actueleOpvolger(van: "0457") == "0363")
        #expect(ref.status(van: "0363") == .actueel(naam: "Amsterdam"))
        // Every ended gemeente with a successor code reaches a current one.
        for g in ref.gemeenten where g.einde != nil && g.nieuweCode != nil {
            if let o = ref.actueleOpvolger(van: g.code) { #expect(ref.gemeente(o)?.einde == nil) }
        }
        #expect(ref.rniDeelnemers.map(\.code).contains("0101"))
        #expect(!ref.rniDeelnemers.map(\.code).contains("0000"))
    }
}
