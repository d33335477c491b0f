import Foundation
import Testing
@testable import MeldpuntDomain

@Suite("Werkdagkalender (Algemene termijnenwet)")
struct KalenderTests {
    let kalender = Werkdagkalender.standaard

    private func d(_ s: String) -> Dag { Dag(s)! }

    @Test func paasdata() {
        #expect(Werkdagkalender.paaszondag(2025) == d("2025-04-20"))
        #expect(Werkdagkalender.paaszondag(2026) == d("2026-04-05"))
        #expect(Werkdagkalender.paaszondag(2027) == d("2027-03-28"))
        #expect(Werkdagkalender.paaszondag(2028) == d("2028-04-16"))
    }

    /// Every non-working weekday in 2025–2028: the holidays plus the gelijkgestelde dagen.
    @Test func vrijeWeekdagen2025tot2028() {
        let verwacht: Set<String> = [
            // 2025: Koningsdag on Saturday 26 April because the 27th is a Sunday
            "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-29", "2025-05-30",
            "2025-06-09", "2025-12-25", "2025-12-26",
            "2026-01-01", "2026-01-02", "2026-04-03", "2026-04-06", "2026-04-27", "2026-05-05",
            "2026-05-14", "2026-05-15", "2026-05-25", "2026-12-25",
            "2027-01-01", "2027-03-26", "2027-03-29", "2027-04-27", "2027-05-05", "2027-05-06",
            "2027-05-07", "2027-05-17",
            "2028-04-14", "2028-04-17", "2028-04-27", "2028-04-28", "2028-05-05", "2028-05-25",
            "2028-05-26", "2028-06-05", "2028-12-25", "2028-12-26",
        ]
        var gevonden: Set<String> = []
        var dag = d("2025-01-01")
        while dag <= d("2028-12-31") {
            if dag.weekdag <= 5 && !kalender.isWerkdag(dag) { gevonden.insert(dag.description) }
            dag = try! dag.plus(dagen: 1)
        }
        #expect(gevonden == verwacht, "extra: \(gevonden.subtracting(verwacht).sorted()) missing: \(verwacht.subtracting(gevonden).sorted())")
    }

    @Test func koningsdagOpZondagWordtZaterdag() {
        #expect(Werkdagkalender.feestdagen(2025)[d("2025-04-26")] == "Koningsdag")
        #expect(Werkdagkalender.feestdagen(2025)[d("2025-04-27")] == nil)
        #expect(Werkdagkalender.feestdagen(2026)[d("2026-04-27")] == "Koningsdag")
    }

    /// In 2016 Hemelvaartsdag fell on 5 May; the calendar must not trip over two holidays on one day.
    @Test func tweeFeestdagenOpEenDag() {
        #expect(Werkdagkalender.feestdagen(2016)[d("2016-05-05")] == "Bevrijdingsdag en Hemelvaartsdag")
        #expect(!kalender.isWerkdag(d("2016-05-05")))
        for jaar in 1...3000 { _ = Werkdagkalender.feestdagen(jaar) }
    }

    @Test func weekenden() {
        #expect(!kalender.isWerkdag(d("2026-11-21")))  // Saturday
        #expect(!kalender.isWerkdag(d("2026-11-22")))  // Sunday
        #expect(kalender.isWerkdag(d("2026-11-23")))   // Monday
        #expect(d("2026-11-23").weekdag == 1)
        #expect(d("1970-01-01").weekdag == 4)
    }

    @Test(arguments: [
        ("2026-11-23", "2026-11-30"),  // plain week
        ("2026-12-21", "2026-12-29"),  // over Christmas
        ("2025-12-31", "2026-01-09"),  // Nieuwjaar + gelijkgestelde 2 januari
        ("2026-05-13", "2026-05-22"),  // Hemelvaart + gelijkgestelde vrijdag
        ("2026-11-21", "2026-11-27"),  // received on Saturday
        ("2028-04-26", "2028-05-08"),  // Koningsdag, gelijkgestelde 28 april, 5 mei
        ("2027-03-25", "2027-04-05"),  // Goede Vrijdag + 2e Paasdag
    ])
    func vijfdeWerkdag(_ ontvangen: String, _ uiterlijk: String) throws {
        #expect(try kalender.plusWerkdagen(5, na: d(ontvangen)) == d(uiterlijk))
    }

    @Test func nulWerkdagenIsDeStartdag() throws {
        #expect(try kalender.plusWerkdagen(0, na: d("2026-11-21")) == d("2026-11-21"))
    }

    @Test func gelijkgesteldeDagenZijnData() {
        let zonder = Werkdagkalender(gelijkgesteldeDagen: [])
        #expect(zonder.isWerkdag(d("2026-05-15")))
        #expect(!kalender.isWerkdag(d("2026-05-15")))
    }

    @Test func ontvangstdagInAmsterdamseTijd() {
        // 23:30 UTC on 12 May 2026 is already 13 May in Amsterdam (CEST, UTC+2).
        let tijdstip = ISO8601DateFormatter().date(from: "2026-05-12T23:30:00Z")!
        #expect(Dag(tijdstip) == d("2026-05-13"))
        #expect(Dag(tijdstip, in: TimeZone(identifier: "UTC")!) == d("2026-05-12"))
        #expect(d("2026-05-13").begin() == ISO8601DateFormatter().date(from: "2026-05-12T22:00:00Z")!)
    }

    @Test func datumParsen() {
        #expect(Dag("2028-02-29") != nil)
        for bad in ["2027-02-29", "2026-13-01", "2026-1-01", "20260101", "2026-01-01T00:00:00Z", "abcd-ef-gh", ""] {
            #expect(Dag(bad) == nil, "\(bad)")
        }
        #expect(Dag("2026-01-09")!.description == "2026-01-09")
    }

    @Test func dagnummerHeenEnWeer() {
        var dag = d("1999-12-25")
        for _ in 0..<4000 {
            let volgende = try! dag.plus(dagen: 1)
            #expect(volgende > dag)
            #expect(Dag(volgende.description) == volgende)
            dag = volgende
        }
    }
}
