import FluentKit
import Foundation
import MeldpuntDomain
import SQLKit

package struct CreateMeldingen: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(Melding.schema)
            .id()
            .field("zaaknummer", .string, .required)
            .field("status", .string, .required)
            .field("melder_type", .string, .required)
            .field("registraties", .string, .required)
            .field("ontvangen_op", .datetime, .required)
            .field("eerste_contact_uiterlijk", .string, .required)
            .field("eerste_contact_op", .datetime)
            .field("behandelaar_id", .uuid, .references(Gebruiker.schema, .id))
            .field("rol", .string)
            .field("uitkomst", .string)
            .field("ingediend_door_id", .uuid, .references(Organisatie.schema, .id))
            .field("token_hash", .string, .required)
            .field("toestemming_op", .datetime, .required)
            .field("toestemming_versie", .string, .required)
            .field("gesloten_op", .datetime)
            .field("laatste_volgnummer", .int, .required)
            .unique(on: "zaaknummer")
            .unique(on: "token_hash")
            .create()
        try await database.schema(MeldingPersoonsgegevens.schema)
            .field("melding_id", .uuid, .identifier(auto: false), .references(Melding.schema, .id, onDelete: .cascade))
            .field("inhoud", .string, .required)
            .field("bsn", .string)
            .field("naam", .string, .required)
            .create()
        try await database.schema(MeldingGebeurtenis.schema)
            .id()
            .field("melding_id", .uuid, .required, .references(Melding.schema, .id))
            .field("volgnummer", .int, .required)
            .field("soort", .string, .required)
            .field("tijdstip", .datetime, .required)
            .field("door", .string)
            .field("tekst", .string)
            .field("zichtbaar_voor_melder", .bool, .required)
            .unique(on: "melding_id", "volgnummer")
            .create()
        try await database.schema(Zaakteller.schema)
            .field("jaar", .int, .identifier(auto: false))
            .field("laatste", .int, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "idx_meldingen_status").on(Melding.schema).column("status").column("ontvangen_op").run()
    }

    package func revert(on database: any Database) async throws {
        for schema in [MeldingGebeurtenis.schema, MeldingPersoonsgegevens.schema, Melding.schema, Zaakteller.schema] {
            try await database.schema(schema).delete()
        }
    }
}
