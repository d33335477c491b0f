import FluentKit
import Foundation
import MeldpuntDomain
import SQLKit

/// How many terugmeldingen each organisation has per side and status, kept exact by every write
/// that moves one (in its own transaction), so a folder's count is one small read instead of a
/// COUNT(*) over the inbox.
package enum Terugmeldingtellingen {
    package static let tabel = "terugmelding_tellingen"

    /// Changes to counts not yet written: the group-commit writer gathers them per batch.
    package final class Verschuivingen: @unchecked Sendable {
        // Only the writer's task touches one of these, one write after another.
        fileprivate var deltas: [Sleutel: Int] = [:]

        package init() {}

        func voegToe(_ ander: Verschuivingen) {
            for (k, d) in ander.deltas { deltas[k, default: 0] += d }
        }
    }

    fileprivate struct Sleutel: Hashable, Comparable {
        let organisatie: UUID
        let richting: String
        let status: String

        static func < (a: Sleutel, b: Sleutel) -> Bool {
            (a.organisatie.uuidString, a.richting, a.status) < (b.organisatie.uuidString, b.richting, b.status)
        }
    }

    /// Set by the writer while a write runs: counts go there instead of straight to the table.
    @TaskLocal package static var uitgesteld: Verschuivingen?

    /// The gathered changes, in one fixed order (so two writers never wait for each other in a circle).
    package static func pasToe(_ v: Verschuivingen, on db: any Database) async throws {
        for (k, d) in v.deltas.sorted(by: { $0.key < $1.key }) where d != 0 {
            try await schrijf(k.organisatie, k.richting, k.status, d, on: db)
        }
    }

    /// `delta` terugmeldingen more (or fewer) for this organisation, side and status.
    package static func verschuif(_ organisatie: UUID, _ richting: TerugmeldingService.Richting, _ status: TerugmeldingStatus, _ delta: Int,
                                  on db: any Database) async throws {
        if let uitgesteld {
            uitgesteld.deltas[Sleutel(organisatie: organisatie, richting: richting.rawValue, status: status.rawValue), default: 0] += delta
            return
        }
        try await schrijf(organisatie, richting.rawValue, status.rawValue, delta, on: db)
    }

    private static func schrijf(_ organisatie: UUID, _ richting: String, _ status: String, _ delta: Int, on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        try await sql.raw("""
            INSERT INTO \(ident: tabel) (organisatie_id, richting, status, aantal) VALUES (\(bind: organisatie), \(bind: richting), \(bind: status), \(bind: delta))
            ON CONFLICT (organisatie_id, richting, status) DO UPDATE SET aantal = \(ident: tabel).aantal + excluded.aantal
            """).run()
    }

    /// A new terugmelding: one more in the bijhouder's inbox and in the afnemer's sent list
    /// (gathered with its rows, applied with the writer's batch).
    package static func erbij(_ tm: Terugmelding, in v: Verschuivingen) {
        v.deltas[Sleutel(organisatie: tm.$bijhouder.id, richting: TerugmeldingService.Richting.ontvangen.rawValue, status: tm.status.rawValue), default: 0] += 1
        v.deltas[Sleutel(organisatie: tm.$afnemer.id, richting: TerugmeldingService.Richting.verzonden.rawValue, status: tm.status.rawValue), default: 0] += 1
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
