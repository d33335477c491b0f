import FluentKit
import SQLKit

/// Escalating a request is decided together (issue 29, point 7): the standing proposal.
package struct AddEscalatievoorstel: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one at a time.
        try await database.schema(Verzoek.schema).field("escalatie_voorstel_door", .string).update()
        try await database.schema(Verzoek.schema).field("escalatie_voorstel_uiterlijk", .string).update()
        // The scheduler looks for proposals whose answer day passed: few rows among many requests.
        try await (database as! any SQLDatabase).create(index: "idx_verzoeken_escalatievoorstel").on(Verzoek.schema)
            .column("escalatie_voorstel_door").column("escalatie_voorstel_uiterlijk").run()
    }

    package func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "idx_verzoeken_escalatievoorstel").run()
        try await database.schema(Verzoek.schema).deleteField("escalatie_voorstel_uiterlijk").update()
        try await database.schema(Verzoek.schema).deleteField("escalatie_voorstel_door").update()
    }
}
