import FluentKit
import Foundation
import SQLKit

/// Attachment bytes, stored once per SHA-256 and apart from every row that refers to them.
/// Reference-counted by the rows themselves: bytes no row refers to are removed, at once when
/// a melding is erased, after a grace period for uploads of forms that were never sent.
package enum BijlageOpslag {
    /// How long bytes of an unsent form may wait for the form to be sent.
    package static let wachttijd: TimeInterval = 2 * 60 * 60

    /// Stores the bytes (if new) and returns their hash. Safe to call twice at the same moment.
    package static func bewaar(_ data: Data, nu: Date = Date(), on db: any Database) async throws -> String {
        let hash = Sleutels.sha256Hex(data)
        if try await BijlageInhoud.query(on: db).filter(\.$id == hash).count() > 0 { return hash }
        do {
            try await BijlageInhoud(sha256: hash, data: data, aangemaaktOp: nu).create(on: db)
        } catch {
            // The same bytes arrived at the same moment through another request.
            guard try await BijlageInhoud.query(on: db).filter(\.$id == hash).count() > 0 else { throw error }
        }
        return hash
    }

    package static func laad(_ sha256: String, on db: any Database) async throws -> Data? {
        try await BijlageInhoud.find(sha256, on: db)?.data
    }

    /// Rows that refer to bytes; a draft terugmelding keeps its files in its JSON, a melder's draft beside its sealed content.
    private static let nietVerwezen: SQLQueryString = """
        NOT EXISTS (SELECT 1 FROM bijlagen r WHERE r.sha256 = b.sha256)
        AND NOT EXISTS (SELECT 1 FROM melding_bijlagen r WHERE r.sha256 = b.sha256)
        AND NOT EXISTS (SELECT 1 FROM verzoek_berichten r WHERE r.sha256 = b.sha256)
        AND NOT EXISTS (SELECT 1 FROM concepten c WHERE c.inhoud LIKE '%' || b.sha256 || '%')
        AND NOT EXISTS (SELECT 1 FROM meldconcepten m WHERE m.bijlagen LIKE '%' || b.sha256 || '%')
        """

    /// Removes these bytes if nothing refers to them any more (after an erasure).
    package static func ruimOp(_ hashes: Set<String>, on db: any Database) async throws {
        guard !hashes.isEmpty, let sql = db as? any SQLDatabase else { return }
        let lijst = SQLList(hashes.sorted().map { SQLBind($0) })
        try await sql.raw("DELETE FROM bijlage_inhoud AS b WHERE b.sha256 IN (\(lijst)) AND \(nietVerwezen)").run()
    }

    /// Housekeeping: bytes nothing refers to, older than the grace period. Returns how many.
    @discardableResult
    package static func ruimOnverwezenOp(nu: Date, on db: any Database) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { return 0 }
        let grens = nu.addingTimeInterval(-wachttijd)
        let rijen = try await sql.raw("""
            DELETE FROM bijlage_inhoud AS b WHERE (b.aangemaakt_op IS NULL OR b.aangemaakt_op < \(bind: grens)) AND \(nietVerwezen) RETURNING sha256
            """).all()
        return rijen.count
    }
}
