import FluentKit
import SQLKit

/// Finding a person's other cases (same BSN, same names) for the werkvoorraad's "same person" hint.
package struct CreateZelfdePersoonIndexen: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.create(index: "idx_melding_personen_bsn").on(MeldingPersoonsgegevens.schema).column("bsn").run()
        try await sql.create(index: "idx_melding_personen_zoeknaam").on(MeldingPersoonsgegevens.schema).column("zoeknaam").run()
    }

    package func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in ["idx_melding_personen_bsn", "idx_melding_personen_zoeknaam"] { try await sql.drop(index: index).run() }
    }
}
