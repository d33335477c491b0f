import FluentKit

/// A correction of the melder's contact data keeps the old values in the processing log only
/// (issue 30): not on the timeline, not in the case.
package struct AddVerwerkingslogGegevens: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(Verwerkingslogregel.schema).field("gegevens", .string).update()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(Verwerkingslogregel.schema).deleteField("gegevens").update()
    }
}
