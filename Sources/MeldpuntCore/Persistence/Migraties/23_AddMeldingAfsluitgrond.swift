import FluentKit

/// Why a case closed without analysis or personal contact (issue 29); old closed cases keep none.
package struct AddMeldingAfsluitgrond: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(Melding.schema).field("afsluitgrond", .string).update()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(Melding.schema).deleteField("afsluitgrond").update()
    }
}
