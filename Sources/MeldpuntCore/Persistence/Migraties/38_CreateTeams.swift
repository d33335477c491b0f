import FluentKit
import SQLKit

/// Teams with routing by registration, a case's and a person's team, and saved werkvoorraad filters (issue 30).
package struct CreateTeams: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.transaction { tx in
            try await tx.schema(Team.schema)
                .id()
                .field("naam", .string, .required)
                .field("aangemaakt_op", .datetime, .required)
                .unique(on: "naam")
                .create()
            try await tx.schema(Teamroute.schema)
                .id()
                .field("registratie", .string, .required)
                .field("team_id", .uuid, .required, .references(Team.schema, .id))
                .unique(on: "registratie")
                .create()
            try await tx.schema(BewaardFilter.schema)
                .id()
                .field("gebruiker_id", .uuid, .required, .references(Gebruiker.schema, .id))
                .field("naam", .string, .required)
                .field("zoekvraag", .string, .required)
                .field("aangemaakt_op", .datetime, .required)
                .unique(on: "gebruiker_id", "naam")
                .create()
            // Teams are renamed, never deleted: no constraint needed on these two columns.
            try await tx.schema(Melding.schema).field("team_id", .uuid).update()
            try await tx.schema(Gebruiker.schema).field("team_id", .uuid).update()
            try await (tx as! any SQLDatabase).create(index: "idx_meldingen_team").on(Melding.schema).column("team_id").run()
        }
    }

    package func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "idx_meldingen_team").run()
        try await database.schema(Melding.schema).deleteField("team_id").update()
        try await database.schema(Gebruiker.schema).deleteField("team_id").update()
        try await database.schema(BewaardFilter.schema).delete()
        try await database.schema(Teamroute.schema).delete()
        try await database.schema(Team.schema).delete()
    }
}
