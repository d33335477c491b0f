import FluentKit
import FluentSQL
import Foundation
import SQLKit

/// The outbox, subscriptions, the scheduler's lease, sent reminders, and the recipients' choices.
package struct CreateBerichtgeving: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await database.schema(Abonnement.schema)
            .id()
            .field("organisatie_id", .uuid, .required, .references(Organisatie.schema, .id, onDelete: .cascade))
            .field("callback_url", .string, .required)
            .field("auth_verzegeld", .string, .required)
            .field("geheim_verzegeld", .string, .required)
            .field("kanalen", .string, .required)
            .field("vorm", .string, .required)
            .field("aangemaakt_op", .datetime, .required)
            .create()
        try await sql.create(index: "idx_abonnementen_organisatie").on(Abonnement.schema).column("organisatie_id").run()

        try await database.schema(UitgaandBericht.schema)
            .id()
            .field("soort", .string, .required)
            .field("status", .string, .required)
            .field("aan", .string, .required)
            .field("abonnement_id", .uuid, .references(Abonnement.schema, .id, onDelete: .setNull))
            .field("onderwerp", .string, .required)
            .field("inhoud", .string, .required)
            .field("pogingen", .int, .required)
            .field("volgende_poging_op", .datetime, .required)
            .field("vergrendeld_tot", .datetime)
            .field("laatste_fout", .string)
            .field("aangemaakt_op", .datetime, .required)
            .field("verzonden_op", .datetime)
            .field("melding_id", .uuid)
            .field("organisatie_id", .uuid)
            .field("bundel", .string)
            .create()
        // The worker's question: what is due now, oldest first.
        try await sql.create(index: "idx_uitgaand_te_bezorgen").on(UitgaandBericht.schema).column("status").column("volgende_poging_op").run()
        try await sql.create(index: "idx_uitgaand_bundel").on(UitgaandBericht.schema).column("bundel").run()
        try await sql.create(index: "idx_uitgaand_melding").on(UitgaandBericht.schema).column("melding_id").run()
        try await sql.create(index: "idx_uitgaand_aangemaakt").on(UitgaandBericht.schema).column("aangemaakt_op").run()

        try await database.schema(Taaklease.schema)
            .field("naam", .string, .identifier(auto: false))
            .field("houder", .string, .required)
            .field("tot", .datetime, .required)
            .create()
        try await database.schema(VerstuurdeHerinnering.schema)
            .field("sleutel", .string, .identifier(auto: false))
            .field("verstuurd_op", .datetime, .required)
            .create()

        // How an organisation's notification address wants its mail, and a user's own choice.
        try await database.schema(Organisatie.schema).field("melding_bezorging", .string, .required, .sql(.default("direct"))).update()
        try await database.schema(Gebruiker.schema).field("bezorging", .string, .required, .sql(.default("direct"))).update()
        try await database.schema(Gebruiker.schema).field("taal", .string, .required, .sql(.default("nl"))).update()
        // Something new from the melder or a partner that staff have not seen yet.
        try await database.schema(Melding.schema).field("ongelezen", .bool, .required, .sql(.default(false))).update()
    }

    package func revert(on database: any Database) async throws {
        try await database.schema(Melding.schema).deleteField("ongelezen").update()
        try await database.schema(Gebruiker.schema).deleteField("taal").update()
        try await database.schema(Gebruiker.schema).deleteField("bezorging").update()
        try await database.schema(Organisatie.schema).deleteField("melding_bezorging").update()
        try await database.schema(VerstuurdeHerinnering.schema).delete()
        try await database.schema(Taaklease.schema).delete()
        try await database.schema(UitgaandBericht.schema).delete()
        try await database.schema(Abonnement.schema).delete()
    }
}
