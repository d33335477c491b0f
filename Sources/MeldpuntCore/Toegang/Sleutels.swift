import Crypto
import FluentKit
import Foundation

/// Secrets: API keys (stored as SHA-256 only) and the pseudonym key for data subjects.
package enum Sleutels {
    /// A new API key: "mpk_" + 32 random bytes, base64url. High entropy, so a plain SHA-256 suffices.
    package static func nieuweApiSleutel() -> String {
        "mpk_" + willekeurig(32)
    }

    package static func willekeurig(_ bytes: Int) -> String {
        var g = SystemRandomNumberGenerator()
        return base64url(Data((0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &g) }))
    }

    /// URL- and cookie-safe base64 without padding.
    package static func base64url(_ data: some DataProtocol) -> String {
        Data(data).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Constant-time comparison: a secret must not leak through timing.
    package static func gelijk(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    package static func sha256Hex(_ data: some DataProtocol) -> String {
        hex(SHA256.hash(data: data))
    }

    private static let cijfers = Array("0123456789abcdef".utf8)

    /// Lowercase hex, without a formatter per byte (this runs on every API request).
    package static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var uit: [UInt8] = []
        uit.reserveCapacity(64)
        for b in bytes {
            uit.append(cijfers[Int(b >> 4)])
            uit.append(cijfers[Int(b & 0x0F)])
        }
        return String(decoding: uit, as: UTF8.self)
    }

    package static func hash(apiSleutel: String) -> String { sha256Hex(Data(apiSleutel.utf8)) }
}

/// Keyed hash (HMAC-SHA256) of a data subject's identifier: the processing log can be
/// searched per person without ever holding the BSN.
package struct Pseudonimiseerder: Sendable {
    package let sleutel: SymmetricKey

    package func pseudoniem(_ identificatie: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(identificatie.utf8), using: sleutel)
        return Data(mac).map { String(format: "%02x", $0) }.joined()
    }


    package init(sleutel: SymmetricKey) {
        self.sleutel = sleutel
    }
}

/// The server's secrets, each derived for one purpose (HKDF-SHA256) from one master key, so a
/// key that leaks for one purpose opens nothing else.
///
/// The master key comes from `MELDPUNT_SLEUTEL` or the file named by `MELDPUNT_SLEUTEL_BESTAND`
/// (at least 32 bytes, e.g. `openssl rand -base64 32`), never from the database it protects.
/// Production refuses to start without one; development and tests fall back to a key kept in the
/// database, with a warning, so the README's first command needs nothing.
package struct Geheimen: Sendable {
    package let pseudoniemen: Pseudonimiseerder
    /// Signs references to uploads held while a public form is being corrected.
    package let uploadReferenties: SymmetricKey
    /// Encrypts one-time values handed to the browser (the confirmation of a new melding).
    package let eenmaligeWeergave: SymmetricKey
    /// Encrypts second-factor secrets at rest and while they are being set up.
    package let tweeStaps: SymmetricKey
    /// Encrypts the state between the steps of a login (password done, code to come).
    package let inlogstap: SymmetricKey
    /// Binds form tokens to the session they belong to.
    package let csrf: SymmetricKey
    /// Seals what a subscriber gave or got (the Authorization value to send, the signing secret).
    package let abonnementen: SymmetricKey

    package static let minimaleLengte = 32

    package init(master: SymmetricKey) {
        func afgeleid(_ doel: String) -> SymmetricKey {
            HKDF<SHA256>.deriveKey(inputKeyMaterial: master, salt: Data("meldpunt".utf8), info: Data(doel.utf8), outputByteCount: 32)
        }
        pseudoniemen = Pseudonimiseerder(sleutel: afgeleid("pseudoniem-betrokkene-v1"))
        uploadReferenties = afgeleid("upload-referentie-v1")
        eenmaligeWeergave = afgeleid("eenmalige-weergave-v1")
        tweeStaps = afgeleid("tweestaps-geheim-v1")
        inlogstap = afgeleid("inlogstap-v1")
        csrf = afgeleid("csrf-sessie-v1")
        abonnementen = afgeleid("abonnementen-v1")
    }

    package enum Fout: Error, CustomStringConvertible {
        case ontbreekt, teKort(Int), onleesbaar(String)
        package var description: String {
            switch self {
            case .ontbreekt:
                "Geen geheime sleutel: zet MELDPUNT_SLEUTEL of MELDPUNT_SLEUTEL_BESTAND (ten minste 32 willekeurige bytes, bv. `openssl rand -base64 32`). In productie start de server niet zonder."
            case .teKort(let n):
                "De geheime sleutel is \(n) bytes; nodig zijn er ten minste \(Geheimen.minimaleLengte) (bv. `openssl rand -base64 32`)."
            case .onleesbaar(let pad):
                "MELDPUNT_SLEUTEL_BESTAND: \(pad) is niet te lezen."
            }
        }
    }

    /// The master key from the environment or its file; nil when neither is set.
    package static func uitOmgeving(_ omgeving: [String: String]) throws(Fout) -> SymmetricKey? {
        var tekst = omgeving["MELDPUNT_SLEUTEL"]
        if tekst?.isEmpty ?? true, let pad = omgeving["MELDPUNT_SLEUTEL_BESTAND"], !pad.isEmpty {
            guard let data = FileManager.default.contents(atPath: pad) else { throw .onleesbaar(pad) }
            tekst = String(decoding: data, as: UTF8.self)
        }
        guard let tekst = tekst?.trimmingCharacters(in: .whitespacesAndNewlines), !tekst.isEmpty else { return nil }
        // Base64 of 32+ random bytes, as `openssl rand -base64 32` prints; else the text itself.
        let bytes = Data(base64Encoded: tekst).flatMap { $0.count >= minimaleLengte ? $0 : nil } ?? Data(tekst.utf8)
        guard bytes.count >= minimaleLengte else { throw .teKort(bytes.count) }
        return SymmetricKey(data: bytes)
    }

    package static let instellingNaam = "ontwikkel_sleutel"

    /// Production: only from the environment. Elsewhere: the environment, else a key generated
    /// once and kept in the database (development convenience; never the production path).
    package static func laad(omgeving: [String: String], productie: Bool, db: any Database, logger: Logger) async throws -> Geheimen {
        if let master = try uitOmgeving(omgeving) { return Geheimen(master: master) }
        guard !productie else { throw Fout.ontbreekt }
        logger.warning("MELDPUNT_SLEUTEL is niet gezet: de ontwikkelsleutel staat in de database. Nooit zo in productie.")
        if let bestaand = try await Instelling.find(instellingNaam, on: db), let data = Data(base64Encoded: bestaand.waarde) {
            return Geheimen(master: SymmetricKey(data: data))
        }
        let nieuw = SymmetricKey(size: .bits256)
        let tekst = nieuw.withUnsafeBytes { Data($0).base64EncodedString() }
        do {
            try await Instelling(sleutel: instellingNaam, waarde: tekst).create(on: db)
            return Geheimen(master: nieuw)
        } catch {
            // Another instance created it first: use theirs.
            guard let bestaand = try await Instelling.find(instellingNaam, on: db), let data = Data(base64Encoded: bestaand.waarde) else { throw error }
            return Geheimen(master: SymmetricKey(data: data))
        }
    }

    /// HMAC-SHA256 of `tekst` with one of these keys, hex.
    package static func mac(_ tekst: String, _ sleutel: SymmetricKey) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(tekst.utf8), using: sleutel)).map { String(format: "%02x", $0) }.joined()
    }
}

/// A value sealed for the server alone (AES-GCM): kept or handed out, readable and unforgeable
/// only with the key.
package enum Verzegeld {
    package static func sluit<T: Encodable>(_ waarde: T, _ sleutel: SymmetricKey) throws -> String {
        let box = try AES.GCM.seal(try JSONEncoder.compact.encode(waarde), using: sleutel)
        guard let combined = box.combined else { throw CryptoKitError.incorrectParameterSize }
        return combined.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    }

    package static func open<T: Decodable>(_ tekst: String, _ type: T.Type, _ sleutel: SymmetricKey, maxLengte: Int = 8192) throws -> T? {
        guard tekst.utf8.count < maxLengte, let data = Data(base64Encoded: tekst.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")),
              let box = try? AES.GCM.SealedBox(combined: data), let open = try? AES.GCM.open(box, using: sleutel)
        else { return nil }
        // Opened, so written by this server: a value that no longer decodes is a drift, not a forgery.
        return try JSONDecoder().decode(T.self, from: open)
    }
}
