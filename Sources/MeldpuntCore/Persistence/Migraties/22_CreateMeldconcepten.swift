import FluentKit

/// The citizen's sealed drafts (issue 27).
package struct CreateMeldconcepten: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(Meldconcept.schema)
            .id()
            .field("inhoud", .string, .required)
            .field("bijlagen", .string, .required)
            .field("bijgewerkt_op", .datetime, .required)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(Meldconcept.schema).delete()
    }
}
