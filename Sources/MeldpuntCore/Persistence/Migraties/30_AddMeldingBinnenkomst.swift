import FluentKit
import SQLKit

/// How a melding came in (issue 30). Existing ones: the form when nobody filed them for the
/// melder, an organisation's system otherwise.
package struct AddMeldingBinnenkomst: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.transaction { tx in
            try await tx.schema(Melding.schema).field("binnenkomst", .string).update()
            let sql = tx as! any SQLDatabase
            try await sql.raw("UPDATE meldingen SET binnenkomst = CASE WHEN ingediend_door_id IS NULL THEN 'web' ELSE 'api' END").run()
        }
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(Melding.schema).deleteField("binnenkomst").update()
    }
}
