import FluentKit
import SQLKit

/// The schema, one migration per release step. Only portable types and SQLKit's index builder:
/// the same migrations run on SQLite and PostgreSQL.
package struct CreateBasis: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.schema(Organisatie.schema)
            .id()
            .field("naam", .string, .required)
            .field("oin", .string)
            .field("gemeentecode", .string)
            .field("rni_deelnemer_code", .string)
            .field("rollen", .string, .required)
            .field("aangemaakt_op", .datetime)
            .unique(on: "oin")
            .unique(on: "gemeentecode")
            .unique(on: "rni_deelnemer_code")
            .create()

        try await database.schema(ApiSleutel.schema)
            .id()
            .field("organisatie_id", .uuid, .required, .references(Organisatie.schema, .id))
            .field("sleutel_hash", .string, .required)
            .field("omschrijving", .string, .required)
            .field("aangemaakt_op", .datetime)
            .field("ingetrokken_op", .datetime)
            .unique(on: "sleutel_hash")
            .create()

        try await database.schema(Terugmelding.schema)
            .id()
            .field("afnemer_id", .uuid, .required, .references(Organisatie.schema, .id))
            .field("bijhouder_id", .uuid, .required, .references(Organisatie.schema, .id))
            .field("registratie", .string, .required)
            .field("status", .string, .required)
            .field("referentiekenmerk", .string)
            .field("ontvangen_op", .datetime, .required)
            .field("uiterlijk_in_behandeling_op", .string, .required)
            .field("opgepakt_op", .string)
            .field("bsn", .string)
            .field("anummer", .string)
            .field("adres", .string)
            .field("betrokkene_hash", .string)
            .field("toelichting_kort", .string, .required)
            .field("laatste_volgnummer", .int, .required)
            .field("gewijzigd_op", .datetime)
            .create()

        try await database.schema(TerugmeldingInhoud.schema)
            .field("terugmelding_id", .uuid, .identifier(auto: false), .references(Terugmelding.schema, .id))
            .field("inhoud", .string, .required)
            .create()

        try await database.schema(Statuswijziging.schema)
            .id()
            .field("terugmelding_id", .uuid, .required, .references(Terugmelding.schema, .id))
            .field("volgnummer", .int, .required)
            .field("status", .string, .required)
            .field("tijdstip", .datetime, .required)
            .field("organisatie_id", .uuid, .references(Organisatie.schema, .id))
            .field("toelichting", .string)
            .field("verwachte_datum", .string)
            .field("nieuwe_bijhouder_id", .uuid, .references(Organisatie.schema, .id))
            .field("uitkomst", .string)
            .unique(on: "terugmelding_id", "volgnummer")
            .create()

        try await database.schema(BijlageInhoud.schema)
            .field("sha256", .string, .identifier(auto: false))
            .field("data", .data, .required)
            .create()

        try await database.schema(Bijlage.schema)
            .id()
            .field("terugmelding_id", .uuid, .required, .references(Terugmelding.schema, .id))
            .field("bestandsnaam", .string, .required)
            .field("mime_type", .string, .required)
            .field("beschrijving", .string)
            .field("grootte", .int, .required)
            .field("sha256", .string, .required, .references(BijlageInhoud.schema, "sha256"))
            .field("gegeven_index", .int)
            .field("toegevoegd_op", .datetime)
            .create()

        try await database.schema(Verwerkingslogregel.schema)
            .id()
            .field("tijdstip", .datetime, .required)
            .field("organisatie_id", .uuid)
            .field("actie", .string, .required)
            .field("terugmelding_id", .uuid)
            .field("trace_id", .string, .required)
            .field("betrokkene_hash", .string)
            .create()

        try await database.schema(Instelling.schema)
            .field("sleutel", .string, .identifier(auto: false))
            .field("waarde", .string, .required)
            .create()

        // Inboxes and sent lists are served from these; a gemeente inbox holds tens of thousands.
        let sql = database as! any SQLDatabase
        try await sql.create(index: "idx_terugmeldingen_bijhouder").on(Terugmelding.schema)
            .column("bijhouder_id").column("status").column("ontvangen_op").run()
        try await sql.create(index: "idx_terugmeldingen_afnemer").on(Terugmelding.schema)
            .column("afnemer_id").column("ontvangen_op").run()
        try await sql.create(index: "idx_statuswijzigingen_terugmelding").on(Statuswijziging.schema)
            .column("terugmelding_id").run()
        try await sql.create(index: "idx_bijlagen_terugmelding").on(Bijlage.schema)
            .column("terugmelding_id").run()
        try await sql.create(index: "idx_verwerkingslog_terugmelding").on(Verwerkingslogregel.schema)
            .column("terugmelding_id").column("tijdstip").run()
    }

    package func revert(on database: any Database) async throws {
        for schema in [Verwerkingslogregel.schema, Bijlage.schema, BijlageInhoud.schema, Statuswijziging.schema,
                       TerugmeldingInhoud.schema, Terugmelding.schema, ApiSleutel.schema, Organisatie.schema, Instelling.schema] {
            try await database.schema(schema).delete()
        }
    }
}
