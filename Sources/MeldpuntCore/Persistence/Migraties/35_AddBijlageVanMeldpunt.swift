import FluentKit

/// Documents staff add to a case (issue 30) sit beside the melder's files, marked.
package struct AddBijlageVanMeldpunt: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(MeldingBijlage.schema).field("van_meldpunt", .bool).update()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(MeldingBijlage.schema).deleteField("van_meldpunt").update()
    }
}
