import Foundation
import Testing
import MeldpuntAdressen
import Vapor
@testable import MeldpuntApp

/// docs/architecture.md stays true: its route table is the running app's routes with who may use
/// each (the access matrix's rule). `MELDPUNT_DOCS_BIJWERKEN=1 swift test --filter Documentatie`
/// writes the table anew after a route changes.
@Suite("Documentatie: de routetabel is die van de app")
struct DocumentatieTests {
    static let bestand = TekstenGebruikTests.bron.appendingPathComponent("docs/architecture.md")
    static let begin = "<!-- routes:begin (DocumentatieTests) -->", eind = "<!-- routes:end -->"

    static func wie(_ regel: Set<String>?) -> String {
        guard let regel else { return "inlogstap" }
        if regel == ToegangsmatrixTests.iedereen { return "iedereen" }
        if regel.isEmpty { return "geen van de rollen in de matrix" }
        return regel.sorted().joined(separator: ", ")
    }

    @Test func routetabelKlopt() async throws {
        try await metApp { t in
            let routes = t.app.routes.all.filter { !$0.path.contains(.catchall) }.map(ToegangsmatrixTests.sleutel)
            func tabel(_ titel: String, _ rijen: [String]) -> String {
                "\n### \(titel)\n\n| Route | Wie (toegangsmatrix) |\n| --- | --- |\n"
                    + rijen.sorted { ($0.split(separator: " ")[1], $0) < ($1.split(separator: " ")[1], $1) }
                        .map { "| `\($0)` | \(Self.wie(ToegangsmatrixTests.regels[$0])) |" }.joined(separator: "\n") + "\n"
            }
            let api = routes.filter { $0.contains(" /api/") }, web = routes.filter { !$0.contains(" /api/") }
            let nieuw = Self.begin + "\n" + tabel("JSON API (\(api.count))", api) + tabel("Pagina's (\(web.count))", web) + Self.eind
            let tekst = try String(contentsOf: Self.bestand, encoding: .utf8)
            guard let a = tekst.range(of: Self.begin), let b = tekst.range(of: Self.eind) else {
                Issue.record("docs/architecture.md mist de markeringen van de routetabel")
                return
            }
            let huidig = String(tekst[a.lowerBound..<b.upperBound])
            if ProcessInfo.processInfo.environment["MELDPUNT_DOCS_BIJWERKEN"] == "1" {
                try tekst.replacingCharacters(in: a.lowerBound..<b.upperBound, with: nieuw).write(to: Self.bestand, atomically: true, encoding: .utf8)
            } else {
                #expect(huidig == nieuw, "De routetabel in docs/architecture.md is verouderd: MELDPUNT_DOCS_BIJWERKEN=1 swift test --filter Documentatie")
            }
        }
    }
}

/// Every address the tables link to is a route the app serves: a renamed route fails here
/// instead of leaving dead links in mail, read models and pages.
@Suite("Adressen: elk adres uit de tabellen is een route")
struct AdresroutesTests {
    @Test func elkAdresIsEenGeregistreerdeRoute() async throws {
        try await metApp { t in
            var routes: [String: Set<String>] = [:]
            for r in t.app.routes.all {
                let pad = "/" + r.path.map { if case .parameter(let n) = $0 { "{\(n)}" } else { $0.description } }.joined(separator: "/")
                routes[pad, default: []].insert(r.method.rawValue)
            }
            for a in Webadres.voorbeelden {
                let methoden = routes[a.sjabloon] ?? []
                #expect(!methoden.isEmpty, "\(a.sjabloon) wordt gelinkt maar is geen route")
            }
            for a in APIAdres.voorbeelden {
                #expect(routes[a.sjabloon]?.contains("GET") == true, "\(a.sjabloon) staat in read models maar is geen GET-route")
            }
        }
    }
}
