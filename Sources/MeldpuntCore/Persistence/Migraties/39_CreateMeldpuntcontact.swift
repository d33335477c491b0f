import FluentKit

/// The meldpunt's contact details, kept by beheer (issue 30).
package struct CreateMeldpuntcontact: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(MeldpuntcontactRij.schema)
            .id()
            .field("telefoon", .string)
            .field("bereikbaar_nl", .string)
            .field("bereikbaar_en", .string)
            .field("postadres", .string)
            .field("email", .string)
            .field("gewijzigd_op", .datetime, .required)
            .field("gewijzigd_door", .string, .required)
            .create()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(MeldpuntcontactRij.schema).delete()
    }
}
