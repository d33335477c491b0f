import FluentKit
import Foundation
import MeldpuntDomain
import SQLKit

/// How many terugmeldingen each organisation has per side and status, kept exact by every write
/// that moves one (in its own transaction), so a folder's count is one small read instead of a
/// COUNT(*) over the inbox.
package enum Terugmeldingtellingen {
    package static let tabel = "terugmelding_tellingen"

    /// `delta` terugmeldingen more (or fewer) for this organisation, side and status.
    package static func verschuif(_ organisatie: UUID, _ richting: TerugmeldingService.Richting, _ status: TerugmeldingStatus, _ delta: Int,
                                  on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("""
            INSERT INTO \(ident: tabel) (organisatie_id, richting, status, aantal) VALUES (\(bind: organisatie), \(bind: richting.rawValue), \(bind: status.rawValue), \(bind: delta))
            ON CONFLICT (organisatie_id, richting, status) DO UPDATE SET aantal = \(ident: tabel).aantal + excluded.aantal
            """).run()
    }

    /// A new terugmelding: one more in the bijhouder's inbox and in the afnemer's sent list.
    package static func erbij(_ tm: Terugmelding, on db: any Database) async throws {
        try await verschuif(tm.$bijhouder.id, .ontvangen, tm.status, 1, on: db)
        try await verschuif(tm.$afnemer.id, .verzonden, tm.status, 1, on: db)
    }

    /// A terugmelding moved from (bijhouder, status) to its current ones.
    package static func verplaatst(_ tm: Terugmelding, van bijhouder: UUID, _ status: TerugmeldingStatus, on db: any Database) async throws {
        guard bijhouder != tm.$bijhouder.id || status != tm.status else { return }
        try await verschuif(bijhouder, .ontvangen, status, -1, on: db)
        try await verschuif(tm.$bijhouder.id, .ontvangen, tm.status, 1, on: db)
        if status != tm.status {
            try await verschuif(tm.$afnemer.id, .verzonden, status, -1, on: db)
            try await verschuif(tm.$afnemer.id, .verzonden, tm.status, 1, on: db)
        }
    }

    /// The number in these statuses (all when empty).
    package static func aantal(_ organisatie: UUID, _ richting: TerugmeldingService.Richting, statussen: [TerugmeldingStatus], on db: any Database) async throws -> Int {
        let sql = db as! any SQLDatabase
        var vraag: SQLQueryString = "SELECT CAST(COALESCE(SUM(aantal), 0) AS BIGINT) AS n FROM \(ident: tabel) WHERE organisatie_id = \(bind: organisatie) AND richting = \(bind: richting.rawValue)"
        if !statussen.isEmpty { vraag += " AND status IN (\(binds: statussen.map(\.rawValue)))" }
        return try await sql.raw(vraag).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Counts everything again from the terugmeldingen themselves (after a migration or a bulk load).
    package static func herbereken(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("DELETE FROM \(ident: tabel)").run()
        try await sql.raw("""
            INSERT INTO \(ident: tabel) (organisatie_id, richting, status, aantal)
            SELECT bijhouder_id, 'ontvangen', status, COUNT(*) FROM terugmeldingen GROUP BY bijhouder_id, status
            """).run()
        try await sql.raw("""
            INSERT INTO \(ident: tabel) (organisatie_id, richting, status, aantal)
            SELECT afnemer_id, 'verzonden', status, COUNT(*) FROM terugmeldingen GROUP BY afnemer_id, status
            """).run()
        // Picked up after the deadline day: fixed once picked up, so stored (the overdue filter reads it).
        try await sql.raw("""
            UPDATE terugmeldingen SET termijn_te_laat = CASE WHEN opgepakt_op IS NULL THEN NULL
                WHEN opgepakt_op > uiterlijk_in_behandeling_op THEN \(true) ELSE \(false) END
            """).run()
    }
}
