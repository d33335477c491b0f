import FluentKit
import SQLKit

/// Cases imported from the CMI keep their old reference, unique, so an import runs twice safely (issue 30).
package struct AddExternKenmerk: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        try await database.transaction { tx in
            try await tx.schema(Melding.schema).field("extern_kenmerk", .string).update()
            try await (tx as! any SQLDatabase).create(index: "idx_meldingen_extern_kenmerk").unique().on(Melding.schema).column("extern_kenmerk").run()
        }
    }

    package func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "idx_meldingen_extern_kenmerk").run()
        try await database.schema(Melding.schema).deleteField("extern_kenmerk").update()
    }
}
