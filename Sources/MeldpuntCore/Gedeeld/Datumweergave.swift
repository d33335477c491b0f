import Foundation
import MeldpuntDomain

/// Dates and times as people read them: 23-11-2026 and 23-11-2026 10:00, in Dutch time.
package enum Datumweergave {
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
