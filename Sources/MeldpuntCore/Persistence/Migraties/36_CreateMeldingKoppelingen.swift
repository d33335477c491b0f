import FluentKit

/// Linked and merged cases (issue 30).
package struct CreateMeldingKoppelingen: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(MeldingKoppeling.schema)
            .id()
            .field("melding_id", .uuid, .required, .references(Melding.schema, .id))
            .field("ander_id", .uuid, .required, .references(Melding.schema, .id))
            .field("soort", .string, .required)
            .field("door", .string, .required)
            .field("aangemaakt_op", .datetime, .required)
            .unique(on: "melding_id", "ander_id")
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(MeldingKoppeling.schema).delete()
    }
}
