import FluentKit
import SQLKit

/// The overdue filter's branch of new terugmeldingen (Gemeld, not picked up), late or not by their
/// deadline. In the status index that meant a table lookup for every new one of the inbox, for
/// every page; this partial index holds only those not picked up (a few per cent), in list order
/// with the deadline beside it, so the branch reads the index alone and stops at a page. Picked-up
/// ones leave it, so it stays small. The planner's reminder scan reads the same rows across all
/// inboxes by deadline: a second partial index.
package struct CreateTermijnIndex: AsyncMigration {
    package init() {}

    package func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("""
            CREATE INDEX idx_terugmeldingen_bijhouder_nieuw ON terugmeldingen (bijhouder_id, status, ontvangen_op, id, uiterlijk_in_behandeling_op)
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
