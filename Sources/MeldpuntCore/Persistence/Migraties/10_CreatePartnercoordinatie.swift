import FluentKit
import Foundation
import MeldpuntDomain
import SQLKit

/// The partner register (on organisations), contact persons, requests and their threads,
/// the case's escalation level and the link from a terugmelding to its case.
package struct CreatePartnercoordinatie: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        for veld in ["partner_soort", "partner_registraties", "intentieverklaring_op"] {
            try await database.schema(Organisatie.schema).field(.string(veld), .string).update()
        }
        try await database.schema(Melding.schema).field("escalatieniveau", .string).update()
        try await database.schema(Contactpersoon.schema)
            .id()
            .field("organisatie_id", .uuid, .required, .references(Organisatie.schema, .id))
            .field("niveau", .string, .required)
            .field("naam", .string, .required)
            .field("functie", .string)
            .field("email", .string)
            .field("telefoon", .string)
            .field("gebruiker_id", .uuid, .references(Gebruiker.schema, .id))
            .field("actief", .bool, .required)
            .create()
        try await database.schema(Verzoek.schema)
            .id()
            .field("melding_id", .uuid, .required, .references(Melding.schema, .id))
            .field("organisatie_id", .uuid, .required, .references(Organisatie.schema, .id))
            .field("nummer", .int, .required)
            .field("soort", .string, .required)
            .field("status", .string, .required)
            .field("vraag", .string, .required)
            .field("gedeeld", .string, .required)
            .field("uiterlijk", .string)
            .field("termijn_door", .string)
            .field("niveau", .string, .required)
            .field("contactpersoon_id", .uuid, .references(Contactpersoon.schema, .id))
            .field("reden", .string)
            .field("opschorting_actie", .string)
            .field("opschorting_kenmerk", .string)
            .field("opschorting_tot", .string)
            .field("opgeschort_op", .datetime)
            .field("opgeheven_op", .datetime)
            .field("overleg_datum", .string)
            .field("overleg_deelnemers", .string)
            .field("overleg_verslag", .string)
            .field("terugmelding_id", .uuid, .references(Terugmelding.schema, .id))
            .field("aangemaakt_op", .datetime, .required)
            .field("laatste_volgnummer", .int, .required)
            .unique(on: "melding_id", "nummer")
            .create()
        try await database.schema(VerzoekBericht.schema)
            .id()
            .field("verzoek_id", .uuid, .required, .references(Verzoek.schema, .id))
            .field("volgnummer", .int, .required)
            .field("tijdstip", .datetime, .required)
            .field("van", .string, .required)
            .field("door", .string)
            .field("soort", .string, .required)
            .field("tekst", .string)
            .field("bestandsnaam", .string)
            .field("mime_type", .string)
            .field("grootte", .int)
            .field("sha256", .string, .references(BijlageInhoud.schema, "sha256"))
            .unique(on: "verzoek_id", "volgnummer")
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "idx_verzoeken_melding").on(Verzoek.schema).column("melding_id").run()
        try await sql.create(index: "idx_verzoeken_organisatie").on(Verzoek.schema).column("organisatie_id").column("status").run()
        try await sql.create(index: "idx_verzoeken_terugmelding").on(Verzoek.schema).column("terugmelding_id").run()
    }

    package func revert(on database: any Database) async throws {
        for schema in [VerzoekBericht.schema, Verzoek.schema, Contactpersoon.schema] {
            try await database.schema(schema).delete()
        }
        try await database.schema(Melding.schema).deleteField("escalatieniveau").update()
        for veld in ["partner_soort", "partner_registraties", "intentieverklaring_op"] {
            try await database.schema(Organisatie.schema).deleteField(.string(veld)).update()
        }
    }
}
