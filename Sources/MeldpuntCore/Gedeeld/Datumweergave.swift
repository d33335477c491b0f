import Foundation
import MeldpuntDomain

/// Dates and times as people read them, in Dutch time: 23-11-2026 and 23-11-2026 10:00 in tables and
/// lists, "23 november 2026" in running text (both languages).
package enum Datumweergave {
    /// "4 december 2026" / "4 December 2026": for sentences.
    package static func voluit(_ d: Dag, _ taal: Taal) -> String {
        "\(d.dag) \(Dag.maandnaam(d.maand, taal)) \(d.jaar)"
    }

    package static func voluit(_ d: Date, _ taal: Taal) -> String { voluit(Dag(d), taal) }

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
