import Foundation
import MeldpuntDomain

/// Dates and times as people read them, in Dutch time: 23-11-2026 and 23-11-2026 10:00 in tables and
/// lists, "23 november 2026" in running text (both languages).
package enum Datumweergave {
    private static let maanden: [Taal: [String]] = [
        .nl: ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
        .en: ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"],
    ]

    /// "4 december 2026" / "4 December 2026": for sentences.
    package static func voluit(_ d: Dag, _ taal: Taal) -> String {
        "\(d.dag) \(maanden[taal]![d.maand - 1]) \(d.jaar)"
    }

    package static func voluit(_ d: Date, _ taal: Taal) -> String { voluit(Dag(d), taal) }

    /// "november 2026": a month as a heading or a row.
    package static func maand(jaar: Int, maand: Int, _ taal: Taal) -> String {
        (1...12).contains(maand) ? "\(maanden[taal]![maand - 1]) \(jaar)" : "\(jaar)-\(maand)"
    }

    package static func datum(_ d: Date) -> String { datum(Dag(d).description) }

    package static func datum(_ d: Dag) -> String { datum(d.description) }

    package static func datum(_ iso: String) -> String {
        let p = iso.split(separator: "-")
        return p.count == 3 ? "\(p[2])-\(p[1])-\(p[0])" : iso
    }

    package static func tijdstip(_ d: Date) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = .amsterdam
        let c = cal.dateComponents([.hour, .minute], from: d)
        return datum(d) + String(format: " %02d:%02d", c.hour ?? 0, c.minute ?? 0)
    }
}
