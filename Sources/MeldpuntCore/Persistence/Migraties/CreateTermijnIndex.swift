import FluentKit
import SQLKit

/// The overdue filter's "not yet late" branch: new terugmeldingen whose deadline has not passed.
/// Within the Gemeld range of the status index that meant reading every new one of the inbox
/// for a page; this partial index holds only those not picked up (a few per cent), by deadline,
/// so the branch is one short range. Picked-up ones leave it, so it stays small. The planner's
/// reminder scan reads the same rows across all inboxes by deadline: a second partial index.
package struct CreateTermijnIndex: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("""
            CREATE INDEX idx_terugmeldingen_bijhouder_nieuw ON terugmeldingen (bijhouder_id, uiterlijk_in_behandeling_op, ontvangen_op, id)
            WHERE opgepakt_op IS NULL
            """).run()
        try await sql.raw("""
            CREATE INDEX idx_terugmeldingen_nieuw_termijn ON terugmeldingen (uiterlijk_in_behandeling_op, id)
            WHERE opgepakt_op IS NULL
            """).run()
        try await sql.raw("ANALYZE terugmeldingen").run()
    }

    package func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "idx_terugmeldingen_nieuw_termijn").run()
        try await (database as! any SQLDatabase).drop(index: "idx_terugmeldingen_bijhouder_nieuw").run()
    }
}
