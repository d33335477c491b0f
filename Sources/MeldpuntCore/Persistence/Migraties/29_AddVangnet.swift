import FluentKit
import Foundation
import SQLKit

/// The safety net (issue 29): the pay-by day of each consequence, the case's days the planner and
/// the werkvoorraad read (earliest pay-by day, acceptable time, next contact), and the decision
/// on a running suspension when its case closed. The case days of existing open cases are filled
/// by the planner (they need the working-day calendar and the configured norms).
package struct AddVangnet: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.transaction { tx in
            try await tx.schema(MeldingGevolg.schema).field("uiterlijk", .string).update()
            try await tx.schema(Melding.schema).field("betalen_uiterlijk", .string).update()
            try await tx.schema(Melding.schema).field("doorlooptijd_uiterlijk", .string).update()
            try await tx.schema(Melding.schema).field("contact_volgende_op", .string).update()
            try await tx.schema(Verzoek.schema).field("opschorting_besluit", .string).update()
            try await tx.schema(Verzoek.schema).field("opschorting_besluit_op", .datetime).update()
            let sql = tx as! any SQLDatabase
            try await sql.create(index: "idx_meldingen_betalen_uiterlijk").on(Melding.schema).column("betalen_uiterlijk").run()
            try await sql.create(index: "idx_meldingen_doorlooptijd_uiterlijk").on(Melding.schema).column("doorlooptijd_uiterlijk").run()
            try await sql.create(index: "idx_meldingen_contact_volgende_op").on(Melding.schema).column("contact_volgende_op").run()
            try await sql.create(index: "idx_meldingen_volgende_stap_op").on(Melding.schema).column("volgende_stap_op").run()
            try await sql.create(index: "idx_verzoeken_opschorting_tot").on(Verzoek.schema).column("opschorting_tot").run()
            // The pay-by days the melders of open cases named.
            var na: UUID?
            while true {
                // Only the columns this migration knows: later ones add columns to the model.
                var q = Melding.query(on: tx).field(\.$id).filter(\.$status != .gesloten).sort(\.$id).limit(500)
                if let na { q = q.filter(\.$id > na) }
                let pagina = try await q.all()
                let ids = pagina.compactMap(\.id)
                for p in try await MeldingPersoonsgegevens.query(on: tx).field(\.$id).field(\.$inhoud).filter(\.$id ~~ ids).all() {
                    guard let id = p.id else { continue }
                    // Only the columns this migration knows, and updates of exactly those.
                    let gevolgen = try await MeldingGevolg.query(on: tx).field(\.$id).field(\.$nummer).field(\.$status).filter(\.$melding.$id == id).all()
                    for (g, invoer) in zip(gevolgen.sorted { $0.nummer < $1.nummer }, MeldingGevolg.uit(try p.invoer(), melding: id)) {
                        guard let dag = invoer.uiterlijk else { continue }
                        g.uiterlijk = dag
                        try await MeldingGevolg.query(on: tx).filter(\.$id == g.requireID()).set(\.$uiterlijk, to: dag).update()
                    }
                    if let dag = MeldingGevolg.betalenUiterlijk(gevolgen) {
                        try await Melding.query(on: tx).filter(\.$id == id).set(\.$betalenUiterlijk, to: dag).update()
                    }
                }
                guard pagina.count == 500, let laatste = ids.last else { break }
                na = laatste
            }
        }
    }

    package func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for i in ["idx_meldingen_betalen_uiterlijk", "idx_meldingen_doorlooptijd_uiterlijk", "idx_meldingen_contact_volgende_op", "idx_meldingen_volgende_stap_op", "idx_verzoeken_opschorting_tot"] {
            try await sql.drop(index: i).run()
        }
        try await database.schema(Verzoek.schema).deleteField("opschorting_besluit_op").deleteField("opschorting_besluit").update()
        try await database.schema(Melding.schema).deleteField("contact_volgende_op").deleteField("doorlooptijd_uiterlijk").deleteField("betalen_uiterlijk").update()
        try await database.schema(MeldingGevolg.schema).deleteField("uiterlijk").update()
    }
}
