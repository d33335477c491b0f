import FluentKit
import SQLKit

package struct AddMeldingEmail: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(Organisatie.schema).field("melding_email", .string).update()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(Organisatie.schema).deleteField("melding_email").update()
    }
}
