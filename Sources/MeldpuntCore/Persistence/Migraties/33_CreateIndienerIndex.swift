import FluentKit
import SQLKit

/// An intermediary's page lists all cases it filed, newest first (issue 30).
package struct CreateIndienerIndex: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).create(index: "idx_meldingen_indiener").on(Melding.schema).column("ingediend_door_id").column("ontvangen_op").run()
    }

    package func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "idx_meldingen_indiener").run()
    }
}
