import FluentKit

/// What the melder said the problem is, and what the analysis found (issue 29: correct data,
/// wrong interpretation). Old cases keep none: they were all about a wrong data item.
package struct AddMeldingProbleemsoort: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one at a time.
        try await database.schema(Melding.schema).field("probleemsoort", .string).update()
        try await database.schema(Melding.schema).field("bevinding", .string).update()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(Melding.schema).deleteField("bevinding").update()
        try await database.schema(Melding.schema).deleteField("probleemsoort").update()
    }
}
