import Fluent
import Foundation

/// Attachment bytes, stored once per SHA-256 and apart from every row that refers to them.
enum BijlageOpslag {
    /// Stores the bytes (if new) and returns their hash. Safe to call twice at the same moment.
    static func bewaar(_ data: Data, on db: any Database) async throws -> String {
        let hash = Sleutels.sha256Hex(data)
        if try await BijlageInhoud.query(on: db).filter(\.$id == hash).count() > 0 { return hash }
        do {
            try await BijlageInhoud(sha256: hash, data: data).create(on: db)
        } catch {
            // The same bytes arrived at the same moment through another request.
            guard try await BijlageInhoud.query(on: db).filter(\.$id == hash).count() > 0 else { throw error }
        }
        return hash
    }

    static func laad(_ sha256: String, on db: any Database) async throws -> Data? {
        try await BijlageInhoud.find(sha256, on: db)?.data
    }
}
