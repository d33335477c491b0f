import FluentKit
import SQLKit

/// Search by person and by the afnemer's own reference within an inbox or sent list.
package struct CreateZoekIndexen: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.create(index: "idx_terugmeldingen_bsn").on(Terugmelding.schema).column("bsn").run()
        try await sql.create(index: "idx_terugmeldingen_anummer").on(Terugmelding.schema).column("anummer").run()
        try await sql.create(index: "idx_terugmeldingen_kenmerk").on(Terugmelding.schema).column("referentiekenmerk").run()
    }

    package func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in ["idx_terugmeldingen_bsn", "idx_terugmeldingen_anummer", "idx_terugmeldingen_kenmerk"] {
            try await sql.drop(index: index).run()
        }
    }
}
