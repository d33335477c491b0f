import FluentKit
import Foundation
import MeldpuntDomain
import SQLKit

package struct CreateMeldingBijlagen: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(MeldingBijlage.schema)
            .id()
            .field("melding_id", .uuid, .required, .references(Melding.schema, .id))
            .field("bestandsnaam", .string, .required)
            .field("mime_type", .string, .required)
            .field("grootte", .int, .required)
            .field("sha256", .string, .required, .references(BijlageInhoud.schema, "sha256"))
            .create()
        // The processing log covers meldingen too.
        try await database.schema(Verwerkingslogregel.schema).field("melding_id", .uuid).update()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(Verwerkingslogregel.schema).deleteField("melding_id").update()
        try await database.schema(MeldingBijlage.schema).delete()
    }
}
