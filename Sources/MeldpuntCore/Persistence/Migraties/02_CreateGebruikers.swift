import FluentKit
import FluentSQL
import Foundation
import SQLKit

package struct CreateGebruikers: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(Gebruiker.schema)
            .id()
            .field("email", .string, .required)
            .field("naam", .string, .required)
            .field("organisatie_id", .uuid, .required, .references(Organisatie.schema, .id))
            .field("rol", .string, .required)
            .field("wachtwoord_hash", .string, .required)
            .field("actief", .bool, .required)
            .field("aangemaakt_op", .datetime)
            .unique(on: "email")
            .create()
        try await database.schema(Sessie.schema)
            .field("token_hash", .string, .identifier(auto: false))
            .field("gebruiker_id", .uuid, .required, .references(Gebruiker.schema, .id, onDelete: .cascade))
            .field("aangemaakt_op", .datetime, .required)
            .field("laatst_gezien_op", .datetime, .required)
            .create()
        try await database.schema(MisluktePoging.schema)
            .id()
            .field("sleutel", .string, .required)
            .field("tijdstip", .datetime, .required)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(MisluktePoging.schema).delete()
        try await database.schema(Sessie.schema).delete()
        try await database.schema(Gebruiker.schema).delete()
    }
}
