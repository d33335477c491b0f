import Foundation

/// A calendar day without time or time zone ("2026-05-15"). Deadlines are days, not instants.
public struct Dag: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let jaar: Int
    public let maand: Int
    public let dag: Int

    public init?(jaar: Int, maand: Int, dag: Int) {
        guard (1...12).contains(maand), dag >= 1, dag <= Dag.dagenInMaand(jaar, maand), (1...9999).contains(jaar) else {
            return nil
        }
        self.jaar = jaar
        self.maand = maand
        self.dag = dag
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(_ iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard iso.count == 10, parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let j = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(jaar: j, maand: m, dag: d)
    }

    public init(from decoder: Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let dag = Dag(raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "Geen geldige datum (JJJJ-MM-DD): \(raw)"))
        }
        self = dag
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    public var description: String {
        func pad(_ n: Int, _ w: Int) -> String { String(repeating: "0", count: max(0, w - String(n).count)) + String(n) }
        return "\(pad(jaar, 4))-\(pad(maand, 2))-\(pad(dag, 2))"
    }

    public static func < (a: Dag, b: Dag) -> Bool {
        (a.jaar, a.maand, a.dag) < (b.jaar, b.maand, b.dag)
    }

    static func isSchrikkeljaar(_ j: Int) -> Bool { (j % 4 == 0 && j % 100 != 0) || j % 400 == 0 }

    static func dagenInMaand(_ j: Int, _ m: Int) -> Int {
        switch m {
        case 2: return isSchrikkeljaar(j) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for arithmetic.
    var dagnummer: Int {
        // Howard Hinnant's days_from_civil.
        let y = maand <= 2 ? jaar - 1 : jaar
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (maand + 9) % 12
        let doy = (153 * mp + 2) / 5 + dag - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    init(dagnummer z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        jaar = yoe + era * 400 + (m <= 2 ? 1 : 0)
        maand = m
        dag = d
    }

    /// The first and last day the calendar supports (four-digit years).
    public static let eerste = Dag(jaar: 1, maand: 1, dag: 1)!

    /// "december" / "December": the one list of month names for pages, mail and figures.
    public static func maandnaam(_ maand: Int, _ taal: Taal) -> String {
        let namen = taal == .nl
            ? ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]
            : ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        return (1...12).contains(maand) ? namen[maand - 1] : String(maand)
    }
    public static let laatste = Dag(jaar: 9999, maand: 12, dag: 31)!

    /// `dagen` days later (or earlier); a result outside the supported years is refused, so
    /// arithmetic on outside input can never make an invalid day.
    public func plus(dagen: Int) throws(KalenderFout) -> Dag {
        let (doel, overloop) = dagnummer.addingReportingOverflow(dagen)
        guard !overloop, (Dag.eerste.dagnummer...Dag.laatste.dagnummer).contains(doel) else { throw .buitenBereik }
        return Dag(dagnummer: doel)
    }

    /// Days from this day to `ander` (negative when it lies before).
    public func dagen(tot ander: Dag) -> Int { ander.dagnummer - dagnummer }

    /// For days known to stay inside one supported year (holidays of that year).
    func verschoven(_ dagen: Int) -> Dag { Dag(dagnummer: dagnummer + dagen) }

    /// 1 = Monday … 7 = Sunday (ISO).
    public var weekdag: Int { ((dagnummer % 7) + 7 + 3) % 7 + 1 }

    /// The day in Europe/Amsterdam (or another zone) at which `instant` falls.
    public init(_ instant: Date, in zone: TimeZone = .amsterdam) {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = zone
        let c = cal.dateComponents([.year, .month, .day], from: instant)
        self.init(jaar: c.year!, maand: c.month!, dag: c.day!)!
    }

    /// The instant this day starts in `zone`.
    public func begin(in zone: TimeZone = .amsterdam) -> Date {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = zone
        return cal.date(from: DateComponents(year: jaar, month: maand, day: dag))!
    }
}

/// Date arithmetic that would leave the supported calendar (years 1 to 9999).
public enum KalenderFout: Error, Equatable, Sendable {
    case buitenBereik

    public var code: String { "kalenderBereik" }
    public var reden: Tekst { Tekst("De uitkomst valt buiten de kalender (jaren 1 tot en met 9999).", "The result falls outside the calendar (years 1 to 9999).") }
}

extension TimeZone {
    /// Terms run in Dutch time, whatever the server's zone.
    public static let amsterdam = TimeZone(identifier: "Europe/Amsterdam")!
}

/// Working days per the Algemene termijnenwet: weekends, the general holidays of art. 3,
/// and the days made equal to them by decree (kept as data, `gelijkgesteldeDagen`).
public struct Werkdagkalender: Sendable {
    /// Besluiten ex art. 3 lid 3 Algemene termijnenwet (DOMAIN.md).
    public static let standaardGelijkgesteldeDagen: Set<Dag> = Set([
        "2023-04-28", "2023-05-19", "2024-05-10", "2024-12-27", "2025-05-30",
        "2026-01-02", "2026-05-15", "2027-05-07", "2028-04-28", "2028-05-26",
    ].compactMap { Dag($0) })

    public let gelijkgesteldeDagen: Set<Dag>

    public init(gelijkgesteldeDagen: Set<Dag> = Werkdagkalender.standaardGelijkgesteldeDagen) {
        self.gelijkgesteldeDagen = gelijkgesteldeDagen
    }

    public static let standaard = Werkdagkalender()

    /// Easter Sunday (anonymous Gregorian algorithm); for every year of the calendar (1 to 9999)
    /// it lies between 22 March and 25 April, so the day always exists.
    public static func paaszondag(_ jaar: Int) -> Dag {
        precondition((1...9999).contains(jaar), "paaszondag: jaar buiten de kalender")
        let a = jaar % 19, b = jaar / 100, c = jaar % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let maand = (h + l - 7 * m + 114) / 31
        let dag = (h + l - 7 * m + 114) % 31 + 1
        return Dag(jaar: jaar, maand: maand, dag: dag)!
    }

    /// The general holidays of art. 3 lid 1 in a year, with their names.
    public static func feestdagen(_ jaar: Int) -> [Dag: String] {
        let pasen = paaszondag(jaar)
        let koningsdag27 = Dag(jaar: jaar, maand: 4, dag: 27)!
        let koningsdag = koningsdag27.weekdag == 7 ? koningsdag27.verschoven(-1) : koningsdag27
        let dagen: [(Dag, String)] = [
            (Dag(jaar: jaar, maand: 1, dag: 1)!, "Nieuwjaarsdag"),
            (pasen.verschoven(-2), "Goede Vrijdag"),
            (pasen.verschoven(1), "Tweede Paasdag"),
            (koningsdag, "Koningsdag"),
            (Dag(jaar: jaar, maand: 5, dag: 5)!, "Bevrijdingsdag"),
            (pasen.verschoven(39), "Hemelvaartsdag"),
            (pasen.verschoven(50), "Tweede Pinksterdag"),
            (Dag(jaar: jaar, maand: 12, dag: 25)!, "Eerste Kerstdag"),
            (Dag(jaar: jaar, maand: 12, dag: 26)!, "Tweede Kerstdag"),
        ]
        // Movable feasts can fall on a fixed one (Hemelvaartsdag on 5 May in 2016).
        return Dictionary(dagen, uniquingKeysWith: { a, b in "\(a) en \(b)" })
    }

    public func isWerkdag(_ dag: Dag) -> Bool {
        dag.weekdag <= 5 && Self.feestdagen(dag.jaar)[dag] == nil && !gelijkgesteldeDagen.contains(dag)
    }

    /// Working days after `a` up to and including `b` (0 when `b` is not after `a`); counts at
    /// most ten years, so any pair of days costs the same bounded loop.
    public func werkdagen(na a: Dag, tot b: Dag) -> Int {
        guard a < b else { return 0 }
        var n = 0
        var dag = a
        for _ in 0..<min(a.dagen(tot: b), 3_660) {
            guard let volgende = try? dag.plus(dagen: 1) else { break }
            dag = volgende
            if isWerkdag(dag) { n += 1 }
        }
        return n
    }

    /// Where a deadline stands for whoever must meet it, in words: "2 werkdagen te laat",
    /// "vandaag", "morgen", "nog 3 werkdagen".
    public func stand(uiterlijk: Dag, vandaag: Dag, _ taal: Taal) -> String {
        func werkdagen(_ n: Int) -> String { taal.kies(n == 1 ? "1 werkdag" : "\(n) werkdagen", n == 1 ? "1 working day" : "\(n) working days") }
        if uiterlijk < vandaag {
            let n = max(1, self.werkdagen(na: uiterlijk, tot: vandaag))
            return taal.kies("\(werkdagen(n)) te laat", "\(werkdagen(n)) overdue")
        }
        if uiterlijk == vandaag { return taal.kies("vandaag", "today") }
        if (try? vandaag.plus(dagen: 1)) == uiterlijk { return taal.kies("morgen", "tomorrow") }
        let n = self.werkdagen(na: vandaag, tot: uiterlijk)
        return taal.kies("nog \(werkdagen(n))", "\(werkdagen(n)) left")
    }

    /// The `n`th working day after `start` (start itself never counts). n = 0 gives `start`;
    /// a negative n or a result past the last supported day is refused.
    public func plusWerkdagen(_ n: Int, na start: Dag) throws(KalenderFout) -> Dag {
        guard n >= 0 else { throw .buitenBereik }
        var dag = start
        var geteld = 0
        while geteld < n {
            dag = try dag.plus(dagen: 1)
            if isWerkdag(dag) { geteld += 1 }
        }
        return dag
    }
}
