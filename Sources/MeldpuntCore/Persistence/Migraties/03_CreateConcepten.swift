import FluentKit
import Foundation

package struct CreateConcepten: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(Concept.schema)
            .id()
            .field("gebruiker_id", .uuid, .required, .references(Gebruiker.schema, .id, onDelete: .cascade))
            .field("inhoud", .string, .required)
            .field("bijgewerkt_op", .datetime)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(Concept.schema).delete()
    }
}
