import FluentKit

/// Escalating a request is decided together (issue 29, point 7): the standing proposal.
package struct AddEscalatievoorstel: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one at a time.
        try await database.schema(Verzoek.schema).field("escalatie_voorstel_door", .string).update()
        try await database.schema(Verzoek.schema).field("escalatie_voorstel_uiterlijk", .string).update()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(Verzoek.schema).deleteField("escalatie_voorstel_uiterlijk").update()
        try await database.schema(Verzoek.schema).deleteField("escalatie_voorstel_door").update()
    }
}
