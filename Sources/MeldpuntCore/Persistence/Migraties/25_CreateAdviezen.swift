import FluentKit
import SQLKit

/// The meldpunt's advice to organisations (issue 29, point 6).
package struct CreateAdviezen: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(AdviesRij.schema)
            .id()
            .field("nummer", .int, .required)
            .field("organisatie_id", .uuid, .required, .references(Organisatie.schema, .id))
            .field("melding_id", .uuid, .references(Melding.schema, .id))
            .field("onderwerp", .string, .required)
            .field("status", .string, .required)
            .field("gevraagd", .bool, .required)
            .field("vraag", .string)
            .field("gevraagd_door", .string)
            .field("advies", .string)
            .field("gegeven_door", .string)
            .field("gegeven_op", .datetime)
            .field("opvolgen_op", .string)
            .field("toelichting", .string)
            .field("beantwoord_door", .string)
            .field("beantwoord_op", .datetime)
            .field("aangemaakt_op", .datetime, .required)
            .field("gewijzigd_op", .datetime, .required)
            .unique(on: "nummer")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "idx_adviezen_organisatie").on(AdviesRij.schema).column("organisatie_id").column("nummer").run()
        try await sql.create(index: "idx_adviezen_status").on(AdviesRij.schema).column("status").column("opvolgen_op").run()
        try await sql.create(index: "idx_adviezen_melding").on(AdviesRij.schema).column("melding_id").run()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(AdviesRij.schema).delete()
    }
}
