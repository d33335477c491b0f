import Foundation
import Testing
@testable import MeldpuntDomain

/// The 685 RvIG test persons: every BSN and A-nummer in it is valid.
private let testpersonen: [(bsn: String, anummer: String)] = {
    let url = Bundle.module.url(forResource: "Fixtures/personen-testset", withExtension: "csv")!
    let regels = try! String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
    return regels.map { regel in
        let velden = regel.split(separator: ",", omittingEmptySubsequences: false)
        return (String(velden[0]), String(velden[1]))
    }
}()

@Suite("Identificatienummers")
struct IdentifierTests {
    @Test func testsetHeeftAllePersonen() {
        #expect(testpersonen.count == 685)
    }

    @Test func alleTestBSNsZijnGeldig() {
        let ongeldig = testpersonen.map(\.bsn).filter { BSN($0) == nil }
        #expect(ongeldig.isEmpty, "ongeldig: \(ongeldig.prefix(5))")
    }

    @Test func alleTestANummersZijnGeldig() {
        let ongeldig = testpersonen.map(\.anummer).filter { !$0.isEmpty && ANummer($0) == nil }
        #expect(ongeldig.isEmpty, "ongeldig: \(ongeldig.prefix(5))")
        #expect(testpersonen.filter { !$0.anummer.isEmpty }.count > 600)
    }

    @Test(arguments: [
        ("987463264", "bsnElfproef"),   // the Logius example: fails the elfproef
        ("99999365", "bsnFormaat"),     // 8 digits
        ("9999936530", "bsnFormaat"),   // 10 digits
        ("99999365a", "bsnFormaat"),
        ("", "bsnFormaat"),
        ("000000000", "bsnElfproef"),   // sums to 0: not a number ever issued
        ("999993654", "bsnElfproef"),   // last digit off by one
        ("٩٩٩٩٩٣٦٥٣", "bsnFormaat"),    // non-ASCII digits
    ])
    func ongeldigeBSN(_ raw: String, _ code: String) {
        #expect(BSN(raw) == nil)
        #expect(throws: IdentifierError.self) { try BSN.check(raw) }
        do { try BSN.check(raw) } catch { #expect(error.code == code) }
    }

    @Test func bsnWordtNooitVoluitGetoond() {
        let bsn = BSN("999993653")!
        #expect("\(bsn)" == "*******53")
        #expect(!"\(bsn)".contains("9999936"))
    }

    @Test(arguments: [
        ("894040202", "anummerFormaat"),    // 9 digits
        ("0940402024", "anummerEersteCijfer"),
        ("8840402024", "anummerGelijkeCijfers"),
        ("8940402025", "anummerCijfersom"),
        ("89404020x4", "anummerFormaat"),
    ])
    func ongeldigANummer(_ raw: String, _ code: String) {
        #expect(ANummer(raw) == nil)
        do { try ANummer.check(raw); Issue.record("\(raw) accepted") } catch { #expect(error.code == code) }
    }

    /// A number that passes digit-sum and adjacency but not the weighted check.
    @Test func anummerMachtsproef() {
        // Search a 10-digit candidate: first ≠ 0, no equal neighbours, digit sum mod 11 ∈ {0,5},
        // weighted sum mod 11 ≠ 0 — the last rule alone must refuse it.
        var gevonden: String?
        var n = 1_234_567_890
        while gevonden == nil {
            let s = String(n)
            let d = s.map { Int(String($0))! }
            let buren = zip(d, d.dropFirst()).allSatisfy { $0 != $1 }
            let som = d.reduce(0, +) % 11
            var w = 0, f = 1
            for x in d { w += x * f; f *= 2 }
            if buren && (som == 0 || som == 5) && w % 11 != 0 { gevonden = s }
            n += 1
        }
        do { try ANummer.check(gevonden!); Issue.record("accepted") } catch { #expect(error.code == "anummerMachtsproef") }
    }

    @Test func gemeentecode() {
        #expect(Gemeentecode("0363") != nil)
        #expect(Gemeentecode("1999") == .rni)
        for bad in ["363", "03630", "03a3", "", " 363"] { #expect(Gemeentecode(bad) == nil, "\(bad)") }
    }

    @Test func postcode() {
        #expect(Postcode("1234 ab")?.value == "1234AB")
        #expect(Postcode("3077AW")?.value == "3077AW")
        for bad in ["0123AB", "123AB", "1234 A", "1234  AB", "1234-AB", "12345A", "1234ÄB"] {
            #expect(Postcode(bad) == nil, "\(bad)")
        }
    }

    @Test func oin() {
        #expect(OIN("00000001003214345000") != nil)   // RSIN + 9 + 000
        #expect(OIN("00000003273400000000") != nil)   // KvK + 8 + 0000
        #expect(OIN("00000099123456780000") != nil)   // test OIN
        let fouten: [(String, String)] = [
            ("0000000100321434500", "oinFormaat"),    // 19
            ("000000010032143450000", "oinFormaat"),  // 21
            ("00000005003214345000", "oinPrefix"),
            ("12345678003214345000", "oinPrefix"),
            ("00000001003214345001", "oinSuffix"),
            ("0000000100321434500a", "oinFormaat"),
        ]
        for (raw, code) in fouten {
            do { try OIN.check(raw); Issue.record("\(raw) accepted") } catch { #expect(error.code == code, "\(raw)") }
        }
    }
}
