import Crypto
import Fluent
import Foundation

/// Secrets: API keys (stored as SHA-256 only) and the pseudonym key for data subjects.
enum Sleutels {
    /// A new API key: "mpk_" + 32 random bytes, base64url. High entropy, so a plain SHA-256 suffices.
    static func nieuweApiSleutel() -> String {
        "mpk_" + willekeurig(32)
    }

    static func willekeurig(_ bytes: Int) -> String {
        var g = SystemRandomNumberGenerator()
        let data = Data((0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &g) })
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func sha256Hex(_ data: some DataProtocol) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    static func hash(apiSleutel: String) -> String { sha256Hex(Data(apiSleutel.utf8)) }
}

/// Keyed hash (HMAC-SHA256) of a data subject's identifier: the processing log can be
/// searched per person without ever holding the BSN.
struct Pseudonimiseerder: Sendable {
    let sleutel: SymmetricKey

    func pseudoniem(_ identificatie: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(identificatie.utf8), using: sleutel)
        return Data(mac).map { String(format: "%02x", $0) }.joined()
    }

    static let instellingNaam = "pseudoniem_sleutel"

    /// From MELDPUNT_PSEUDONIEM_SLEUTEL, else a key generated once and kept in the database.
    static func laad(uit omgeving: String?, db: any Database) async throws -> Pseudonimiseerder {
        if let omgeving, !omgeving.isEmpty {
            return Pseudonimiseerder(sleutel: SymmetricKey(data: Data(omgeving.utf8)))
        }
        if let bestaand = try await Instelling.find(instellingNaam, on: db), let data = Data(base64Encoded: bestaand.waarde) {
            return Pseudonimiseerder(sleutel: SymmetricKey(data: data))
        }
        let nieuw = SymmetricKey(size: .bits256)
        let tekst = nieuw.withUnsafeBytes { Data($0).base64EncodedString() }
        do {
            try await Instelling(sleutel: instellingNaam, waarde: tekst).create(on: db)
            return Pseudonimiseerder(sleutel: nieuw)
        } catch {
            // Another instance created it first: use theirs.
            guard let bestaand = try await Instelling.find(instellingNaam, on: db), let data = Data(base64Encoded: bestaand.waarde) else { throw error }
            return Pseudonimiseerder(sleutel: SymmetricKey(data: data))
        }
    }
}
