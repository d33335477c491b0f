import Foundation
import MeldpuntDomain
import Testing
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntAPI
@testable import MeldpuntWeb

/// The interface texts: no key twice, every key in both languages, every key the code and the
/// templates use exists, and every kind of event or status has its name.
@Suite("Teksten: sleutels bestaan in beide talen")
struct TekstenGebruikTests {
    static let bron = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func bestanden(_ map: String, _ extensie: String) throws -> [String] {
        let basis = bron.appendingPathComponent(map)
        let paden = FileManager.default.enumerator(atPath: basis.path)?.compactMap { $0 as? String } ?? []
        return try paden.filter { $0.hasSuffix(extensie) }.map { try String(contentsOf: basis.appendingPathComponent($0), encoding: .utf8) }
    }

    static func sleutels(_ teksten: [String], _ patroon: String) throws -> Set<String> {
        let regex = try NSRegularExpression(pattern: patroon)
        return Set(teksten.flatMap { tekst in
            regex.matches(in: tekst, range: NSRange(tekst.startIndex..., in: tekst)).compactMap { Range($0.range(at: 1), in: tekst).map { String(tekst[$0]) } }
        })
    }

    @Test func geenSleutelDubbelEnAllesInTweeTalen() {
        #expect(Teksten.dubbel.isEmpty, "keys in two tables: \(Teksten.dubbel)")
        let nl = Teksten.voor(.nl), en = Teksten.voor(.en)
        #expect(Set(nl.keys) == Set(en.keys))
        for (k, v) in nl { #expect(!v.isEmpty && !(en[k] ?? "").isEmpty, "\(k)") }
    }

    @Test func elkeGebruikteSleutelBestaat() throws {
        let nl = Teksten.voor(.nl)
        let code = try Self.sleutels(Self.bestanden("Sources/MeldpuntWeb", ".swift"), #"\.tekst\("([A-Za-z0-9_]+)"\)"#)
        let sjablonen = try Self.sleutels(Self.bestanden("Resources/Views", ".leaf"), #"\bt\.([A-Za-z0-9_]+)"#)
        #expect(code.count > 100 && sjablonen.count > 100, "the scan should find the keys: \(code.count), \(sjablonen.count)")
        for k in code.union(sjablonen) { #expect(nl[k] != nil, "text key \(k) is used but does not exist") }
    }

    @Test func elkeSoortEnStatusHeeftEenNaam() {
        let nl = Teksten.voor(.nl)
        let nodig = Gebeurtenissoort.allCases.map { "mfoSoort_\($0.rawValue)" } + Verzoekstapsoort.allCases.map { "verzoekStap_\($0.rawValue)" }
            + VerzoekSoort.allCases.map { "verzoekSoort_\($0.rawValue)" } + VerzoekStatus.allCases.map { "verzoekStatus_\($0.rawValue)" }
            + MeldingStatus.allCases.map { "mfoStatus_\($0.rawValue)" } + MeldpuntRol.allCases.map { "mfoRol_\($0.rawValue)" }
            + PartnerSoort.allCases.map { "partnerSoort_\($0.rawValue)" } + Signaalstapsoort.allCases.map { "signaalStap_\($0.rawValue)" }
            + Zaakkenmerken.Bron.allCases.map { "signaalBron_\($0.rawValue)" }
        for k in nodig { #expect(nl[k] != nil, "\(k)") }
    }
}
