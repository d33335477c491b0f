import FluentKit
import SQLKit

/// Overleg with several organisations (issue 29, point 8).
package struct CreateOverleggen: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.transaction { tx in
            try await tx.schema(OverlegRij.schema)
                .id()
                .field("nummer", .int, .required)
                .field("melding_id", .uuid, .references(Melding.schema, .id))
                .field("onderwerp", .string, .required)
                .field("datum", .string, .required)
                .field("tijd", .string)
                .field("plaats", .string)
                .field("agenda", .string, .required)
                .field("status", .string, .required)
                .field("verslag", .string)
                .field("verslag_door", .string)
                .field("verslag_op", .datetime)
                .field("annuleringsreden", .string)
                .field("aangemaakt_door", .string, .required)
                .field("aangemaakt_op", .datetime, .required)
                .field("gewijzigd_op", .datetime, .required)
                .unique(on: "nummer")
                .create()
            try await tx.schema(OverlegDeelnemer.schema)
                .id()
                .field("overleg_id", .uuid, .required, .references(OverlegRij.schema, .id))
                .field("organisatie_id", .uuid, .required, .references(Organisatie.schema, .id))
                .unique(on: "overleg_id", "organisatie_id")
                .create()
            try await tx.schema(OverlegActie.schema)
                .id()
                .field("overleg_id", .uuid, .required, .references(OverlegRij.schema, .id))
                .field("nummer", .int, .required)
                .field("organisatie_id", .uuid, .required, .references(Organisatie.schema, .id))
                .field("omschrijving", .string, .required)
                .field("uiterlijk", .string, .required)
                .field("status", .string, .required)
                .field("toelichting", .string)
                .field("gedaan_door", .string)
                .field("gedaan_op", .datetime)
                .field("aangemaakt_op", .datetime, .required)
                .unique(on: "overleg_id", "nummer")
                .create()
            let sql = tx as! any SQLDatabase
            try await sql.create(index: "idx_overleggen_status_datum").on(OverlegRij.schema).column("status").column("datum").run()
            try await sql.create(index: "idx_overleggen_melding").on(OverlegRij.schema).column("melding_id").run()
            try await sql.create(index: "idx_overleg_deelnemers_organisatie").on(OverlegDeelnemer.schema).column("organisatie_id").run()
            try await sql.create(index: "idx_overleg_acties_status_uiterlijk").on(OverlegActie.schema).column("status").column("uiterlijk").run()
            try await sql.create(index: "idx_overleg_acties_organisatie").on(OverlegActie.schema).column("organisatie_id").column("status").run()
        }
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(OverlegActie.schema).delete()
        try await database.schema(OverlegDeelnemer.schema).delete()
        try await database.schema(OverlegRij.schema).delete()
    }
}
