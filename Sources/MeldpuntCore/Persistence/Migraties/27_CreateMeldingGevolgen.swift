import FluentKit
import Foundation
import SQLKit

/// Each consequence followed to its repair (issue 29, point 9). Existing cases get theirs from
/// what their melder sent (erased cases have none left to follow).
package struct CreateMeldingGevolgen: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(MeldingGevolg.schema)
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
        // A page at a time: a national meldpunt holds many cases.
        var na: UUID?
        while true {
            var q = MeldingPersoonsgegevens.query(on: database).sort(\.$id).limit(500)
            if let na { q = q.filter(\.$id > na) }
            let pagina = try await q.all()
            for p in pagina {
                guard let id = p.id else { continue }
                for g in MeldingGevolg.uit(try p.invoer(), melding: id) { try await g.create(on: database) }
            }
            guard pagina.count == 500, let laatste = pagina.last?.id else { break }
            na = laatste
        }
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(MeldingGevolg.schema).delete()
    }
}
