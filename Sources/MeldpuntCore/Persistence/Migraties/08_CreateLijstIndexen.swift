import FluentKit
import SQLKit

/// Lists sort by (ontvangen_op, id) within one bijhouder or afnemer: an index in that order lets
/// the database read a page instead of sorting the whole inbox (bench/RESULTS.md).
package struct CreateLijstIndexen: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.create(index: "idx_terugmeldingen_bijhouder_volgorde").on(Terugmelding.schema)
            .column("bijhouder_id").column("ontvangen_op").column("id").run()
        try await sql.create(index: "idx_terugmeldingen_afnemer_volgorde").on(Terugmelding.schema)
            .column("afnemer_id").column("ontvangen_op").column("id").run()
    }

    package func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.drop(index: "idx_terugmeldingen_bijhouder_volgorde").run()
        try await sql.drop(index: "idx_terugmeldingen_afnemer_volgorde").run()
    }
}
