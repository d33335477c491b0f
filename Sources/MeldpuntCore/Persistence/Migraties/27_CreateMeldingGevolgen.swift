import FluentKit
import Foundation
import SQLKit

/// Each consequence followed to its repair (issue 29, point 9). Existing open cases get theirs
/// from what their melder sent (erased cases have none left to follow).
package struct CreateMeldingGevolgen: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        // One transaction: a failure leaves no half-made table that the next start trips over.
        try await database.transaction { tx in
            try await tx.schema(MeldingGevolg.schema)
                .id()
                .field("melding_id", .uuid, .required, .references(Melding.schema, .id))
                .field("nummer", .int, .required)
                .field("soort", .string, .required)
                .field("organisatie", .string)
                .field("status", .string, .required)
                .field("door", .string)
                .field("toelichting", .string)
                .field("gewijzigd_op", .datetime)
                .unique(on: "melding_id", "nummer")
                .create()
            // Only open cases: a closed one was finished before its consequences were followed, and
            // its melder must not read "still to be repaired" now.
            var na: UUID?
            while true {
                // Only the columns this migration knows: later ones add columns to the model.
                var q = Melding.query(on: tx).field(\.$id).filter(\.$status != .gesloten).sort(\.$id).limit(500)
                if let na { q = q.filter(\.$id > na) }
                let pagina = try await q.all()
                let ids = pagina.compactMap(\.id)
                for p in try await MeldingPersoonsgegevens.query(on: tx).field(\.$id).field(\.$inhoud).filter(\.$id ~~ ids).all() {
                    guard let id = p.id else { continue }
                    // Written as SQL with this migration's columns: the model has more since (29).
                    for g in MeldingGevolg.uit(try p.invoer(), melding: id) {
                        try await (tx as! any SQLDatabase).insert(into: MeldingGevolg.schema)
                            .columns("id", "melding_id", "nummer", "soort", "organisatie", "status")
                            .values(SQLBind(g.id), SQLBind(id), SQLBind(g.nummer), SQLBind(g.soort.rawValue), SQLBind(g.organisatie), SQLBind(g.status.rawValue))
                            .run()
                    }
                }
                guard pagina.count == 500, let laatste = ids.last else { break }
                na = laatste
            }
        }
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(MeldingGevolg.schema).delete()
    }
}
