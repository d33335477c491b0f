import FluentKit
import Foundation
import MeldpuntDomain
import SQLKit

/// Case handling by staff: the analysis, role, next step and rating on the case; structured
/// timeline facts; the user in the processing log; names to search on.
package struct CreateMeldingBehandeling: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        // One column per statement: SQLite alters a table one column at a time.
        for (veld, type) in [("analyse", DatabaseSchema.DataType.string), ("voorgestelde_rol", .string), ("volgende_stap", .string),
                             ("volgende_stap_op", .string), ("tevredenheid", .int), ("contact_te_laat", .bool)] {
            try await database.schema(Melding.schema).field(.string(veld), type).update()
        }
        try await database.schema(MeldingGebeurtenis.schema).field("gegevens", .string).update()
        try await database.schema(MeldingPersoonsgegevens.schema).field("zoeknaam", .string).update()
        try await database.schema(Verwerkingslogregel.schema).field("gebruiker_id", .uuid).update()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "idx_meldingen_behandelaar").on(Melding.schema).column("behandelaar_id").column("status").run()
        // Cases filed before this step get their search names from what was sent.
        // Only the columns that exist at this step: later steps add more to the model.
        for p in try await MeldingPersoonsgegevens.query(on: database).field(\.$id).field(\.$inhoud).field(\.$naam).all() {
            // Shipped: a row that does not read gets an empty search name, as it always did.
            let verzoek: MeldingInvoer?
            do { verzoek = try p.invoer() } catch { verzoek = nil }
            try await MeldingPersoonsgegevens.query(on: database).filter(\.$id == p.requireID())
                .set(\.$zoeknaam, to: MeldingPersoonsgegevens.zoeknaam(verzoek ?? MeldingInvoer(), naam: p.naam)).update()
        }
    }

    package func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "idx_meldingen_behandelaar").run()
        try await database.schema(Verwerkingslogregel.schema).deleteField("gebruiker_id").update()
        try await database.schema(MeldingPersoonsgegevens.schema).deleteField("zoeknaam").update()
        try await database.schema(MeldingGebeurtenis.schema).deleteField("gegevens").update()
        for veld in ["analyse", "voorgestelde_rol", "volgende_stap", "volgende_stap_op", "tevredenheid", "contact_te_laat"] {
            try await database.schema(Melding.schema).deleteField(.string(veld)).update()
        }
    }
}
