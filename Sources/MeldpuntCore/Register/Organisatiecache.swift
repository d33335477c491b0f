import FluentKit
import Foundation
import Synchronization

/// How organisations are named in answers, by id, kept for a minute: lists and details show the
/// afnemer and bijhouder of every row without a query each time. Display only: access is always
/// decided on the caller's own organisation, never on this.
package final class Organisatiecache: Sendable {
    package let geldigheid: TimeInterval
    private let bekend = Mutex<[UUID: (verwijzing: OrganisatieVerwijzing, tot: Date)]>([:])

    package init(geldigheid: TimeInterval = 60) {
        self.geldigheid = geldigheid
    }

    package func verwijzingen(_ ids: some Sequence<UUID>, on db: any Database, nu: Date = Date()) async throws -> [UUID: OrganisatieVerwijzing] {
        var gevonden: [UUID: OrganisatieVerwijzing] = [:]
        var ontbreekt: [UUID] = []
        bekend.withLock { b in
            for id in Set(ids) {
                if let r = b[id], r.tot > nu { gevonden[id] = r.verwijzing } else { ontbreekt.append(id) }
            }
        }
        guard !ontbreekt.isEmpty else { return gevonden }
        let opgehaald = try await Organisatie.query(on: db).filter(\.$id ~~ ontbreekt).all()
        try bekend.withLock { b in
            if b.count > 10_000 { b.removeAll(keepingCapacity: true) }
            for o in opgehaald {
                let v = OrganisatieVerwijzing(o)
                gevonden[(try o.requireID())] = v
                b[(try o.requireID())] = (v, nu.addingTimeInterval(geldigheid))
            }
        }
        return gevonden
    }

    /// After an organisation's name or codes changed here.
    package func leeg() { bekend.withLock { $0.removeAll() } }
}
