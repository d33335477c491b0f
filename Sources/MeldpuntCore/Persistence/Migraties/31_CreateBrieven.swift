import FluentKit
import SQLKit

/// Letters to melders (issue 30).
package struct CreateBrieven: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.transaction { tx in
            try await tx.schema(BriefRij.schema)
                .id()
                .field("melding_id", .uuid, .required, .references(Melding.schema, .id))
                .field("taal", .string, .required)
                .field("onderwerp", .string, .required)
                .field("alineas", .string, .required)
                .field("aangemaakt_op", .datetime, .required)
                .field("geprint_op", .datetime)
                .field("geprint_door", .string)
                .create()
            let sql = tx as! any SQLDatabase
            try await sql.create(index: "idx_brieven_melding").on(BriefRij.schema).column("melding_id").run()
            try await sql.create(index: "idx_brieven_geprint").on(BriefRij.schema).column("geprint_op").column("aangemaakt_op").run()
        }
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(BriefRij.schema).delete()
    }
}
