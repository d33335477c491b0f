import FluentKit

/// Standard texts for messages to melders and partners (issue 30).
package struct CreateStandaardteksten: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(StandaardtekstRij.schema)
            .id()
            .field("titel", .string, .required)
            .field("doel", .string, .required)
            .field("tekst_nl", .string, .required)
            .field("tekst_en", .string)
            .field("actief", .bool, .required)
            .field("gewijzigd_op", .datetime, .required)
            .field("gewijzigd_door", .string, .required)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(StandaardtekstRij.schema).delete()
    }
}
