import FluentKit
import FluentSQL
import Foundation
import SQLKit

package struct CreateAccountbeveiliging: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one at a time.
        try await database.schema(Gebruiker.schema).field("moet_wachtwoord_wijzigen", .bool, .required, .sql(.default(false))).update()
        try await database.schema(Gebruiker.schema).field("wachtwoord_gewijzigd_op", .datetime).update()
        try await database.schema(Gebruiker.schema).field("tweestaps_geheim", .string).update()
        try await database.schema(Gebruiker.schema).field("tweestaps_laatste_stap", .int64).update()
        try await database.schema(Herstelcode.schema)
            .id()
            .field("gebruiker_id", .uuid, .required, .references(Gebruiker.schema, .id, onDelete: .cascade))
            .field("code_hash", .string, .required)
            .field("gebruikt_op", .datetime)
            .create()
        try await (database as! any SQLDatabase).create(index: "idx_herstelcodes_gebruiker").on(Herstelcode.schema).column("gebruiker_id").run()
        try await (database as! any SQLDatabase).create(index: "idx_sessies_gebruiker").on(Sessie.schema).column("gebruiker_id").run()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(Herstelcode.schema).delete()
        for veld in ["tweestaps_laatste_stap", "tweestaps_geheim", "wachtwoord_gewijzigd_op", "moet_wachtwoord_wijzigen"] {
            try await database.schema(Gebruiker.schema).deleteField(.string(veld)).update()
        }
    }
}
