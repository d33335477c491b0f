import Crypto
import FluentKit
import Foundation

/// A melder's unsent form, kept between its pages so that Back, a reload or an error loses
/// nothing. Sealed (AES-GCM) with a key that only the melder's browser holds, in a cookie: the
/// database and its backups cannot read it. Gone once the melding is sent, or a day after the
/// last change.
package final class Meldconcept: Model, @unchecked Sendable {
    package static let schema = "meldconcepten"

    @ID(key: .id) package var id: UUID?
    @Field(key: "inhoud") package var inhoud: String
    /// SHA-256 of the files uploaded in this form (comma-separated), so housekeeping keeps their bytes.
    @Field(key: "bijlagen") package var bijlagen: String
    @Field(key: "bijgewerkt_op") package var bijgewerktOp: Date

    package init() {}
}

package enum Meldconcepten {
    /// A day after the last change: long enough to finish tomorrow, short enough for a shared computer.
    package static let bewaartermijn: TimeInterval = 24 * 3600
    /// The sealed form at its largest (every text field full, five consequences) with room to spare.
    package static let maxInhoud = 1_000_000
    /// Drafts at most at one time: far above what melders write in a day, a bound on what a flood
    /// of new drafts can store.
    package static let maxAantal = 10_000

    package enum Fout: Error, Sendable { case teGroot, vol }

    /// Which draft, and the key that opens it: what the melder's cookie holds.
    package struct Sleutel: Sendable, Equatable {
        package let id: UUID
        let sleutel: Data

        package var cookie: String { "\(id.uuidString.lowercased()).\(Sleutels.base64url(sleutel))" }

        package init?(cookie: String) {
            let delen = cookie.split(separator: ".", omittingEmptySubsequences: false)
            guard delen.count == 2, delen[0].count == 36, let id = UUID(uuidString: String(delen[0])),
                  let data = Data(base64Encoded: Self.base64(String(delen[1]))), data.count == 32 else { return nil }
            self.id = id
            sleutel = data
        }

        init() {
            id = UUID()
            sleutel = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }
        }

        private static func base64(_ url: String) -> String {
            let s = url.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            return s + String(repeating: "=", count: (4 - s.count % 4) % 4)
        }
    }

    /// The draft, or nil when it is gone (sent, expired) or the key does not open it.
    package static func laad<T: Decodable>(_ s: Sleutel, _ type: T.Type, nu: Date, on db: any Database) async throws -> T? {
        guard let c = try await Meldconcept.find(s.id, on: db), c.bijgewerktOp > nu.addingTimeInterval(-bewaartermijn) else { return nil }
        return try Verzegeld.open(c.inhoud, T.self, SymmetricKey(data: s.sleutel), maxLengte: maxInhoud)
    }

    /// Saves the draft under its key, or (without one, or when it has gone) under a new one.
    /// Refuses a draft larger than `maxInhoud` (`Fout.teGroot`) and a new one while `maxAantal` wait (`Fout.vol`).
    package static func bewaar<T: Encodable>(_ waarde: T, bijlagen: [String], sleutel: Sleutel?, nu: Date, on db: any Database) async throws -> Sleutel {
        func verzegeld(_ s: Sleutel) throws -> String {
            let tekst = try Verzegeld.sluit(waarde, SymmetricKey(data: s.sleutel))
            guard tekst.utf8.count < maxInhoud else { throw Fout.teGroot }
            return tekst
        }
        if let sleutel, let c = try await Meldconcept.find(sleutel.id, on: db) {
            c.inhoud = try verzegeld(sleutel)
            c.bijlagen = bijlagen.joined(separator: ",")
            c.bijgewerktOp = nu
            try await c.update(on: db)
            return sleutel
        }
        let nieuw = Sleutel()
        let c = Meldconcept()
        c.id = nieuw.id
        c.inhoud = try verzegeld(nieuw)
        guard try await Meldconcept.query(on: db).count() < maxAantal else { throw Fout.vol }
        c.bijlagen = bijlagen.joined(separator: ",")
        c.bijgewerktOp = nu
        try await c.create(on: db)
        return nieuw
    }

    package static func verwijder(_ s: Sleutel, on db: any Database) async throws {
        try await Meldconcept.query(on: db).filter(\.$id == s.id).delete()
    }

    /// Housekeeping: drafts untouched for the retention period. Returns how many.
    package static func ruimOp(nu: Date, on db: any Database) async throws -> Int {
        let oud = Meldconcept.query(on: db).filter(\.$bijgewerktOp < nu.addingTimeInterval(-bewaartermijn))
        let n = try await oud.count()
        try await oud.delete()
        return n
    }
}
