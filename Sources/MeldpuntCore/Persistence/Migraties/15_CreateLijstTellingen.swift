import FluentKit
import SQLKit

/// Lists at national scale (issue 13): exact counts per organisation, side and status kept by
/// the writes; whether a picked-up terugmelding was late, stored; and indexes in list order for
/// every folder and the overdue filter, so any page is one index range (keyset paging). The two
/// indexes they make redundant go, so a filing maintains fewer trees.
package struct CreateLijstTellingen: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await database.schema(Terugmeldingtellingen.tabel)
            .field("organisatie_id", .uuid, .required)
            .field("richting", .string, .required)
            .field("status", .string, .required)
            .field("aantal", .int64, .required)
            .unique(on: "organisatie_id", "richting", "status")
            .create()
        try await database.schema(Terugmelding.schema).field("termijn_te_laat", .bool).update()
        try await Terugmeldingtellingen.herbereken(on: database)
        try await sql.create(index: "idx_terugmeldingen_bijhouder_status").on(Terugmelding.schema)
            .column("bijhouder_id").column("status").column("ontvangen_op").column("id").run()
        try await sql.create(index: "idx_terugmeldingen_afnemer_status").on(Terugmelding.schema)
            .column("afnemer_id").column("status").column("ontvangen_op").column("id").run()
        try await sql.create(index: "idx_terugmeldingen_bijhouder_termijn").on(Terugmelding.schema)
            .column("bijhouder_id").column("termijn_te_laat").column("ontvangen_op").column("id").run()
        try await sql.drop(index: "idx_terugmeldingen_bijhouder").run()
        try await sql.drop(index: "idx_terugmeldingen_afnemer").run()
    }

    package func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.create(index: "idx_terugmeldingen_bijhouder").on(Terugmelding.schema).column("bijhouder_id").column("status").column("ontvangen_op").run()
        try await sql.create(index: "idx_terugmeldingen_afnemer").on(Terugmelding.schema).column("afnemer_id").column("ontvangen_op").run()
        for index in ["idx_terugmeldingen_bijhouder_status", "idx_terugmeldingen_afnemer_status", "idx_terugmeldingen_bijhouder_termijn"] {
            try await sql.drop(index: index).run()
        }
        try await database.schema(Terugmelding.schema).deleteField("termijn_te_laat").update()
        try await database.schema(Terugmeldingtellingen.tabel).delete()
    }
}
