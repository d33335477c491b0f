import Foundation
import Synchronization

/// API keys already checked, by hash, for a few seconds: a request then needs no query to know
/// its organisation. Emptied at once when this instance revokes a key; a key revoked elsewhere
/// (the CLI, another instance) stops working within `geldigheid` (SECURITY.md).
package final class Sleutelcache: Sendable {
    package let geldigheid: TimeInterval
    private let maximaal: Int
    private let bekend = Mutex<[String: (org: OrganisatieDTO, tot: Date)]>([:])

    package init(geldigheid: TimeInterval = 10, maximaal: Int = 10_000) {
        self.geldigheid = geldigheid
        self.maximaal = maximaal
    }

    package func zoek(_ hash: String, nu: Date) -> OrganisatieDTO? {
        bekend.withLock { b in
            guard let r = b[hash] else { return nil }
            guard r.tot > nu else { b[hash] = nil; return nil }
            return r.org
        }
    }

    package func bewaar(_ hash: String, _ org: OrganisatieDTO, nu: Date) {
        bekend.withLock { b in
            // Only valid keys get here, so this bounds memory against nothing but many real keys.
            if b.count >= maximaal { b.removeAll(keepingCapacity: true) }
            b[hash] = (org, nu.addingTimeInterval(geldigheid))
        }
    }

    package func leeg() { bekend.withLock { $0.removeAll() } }
}
