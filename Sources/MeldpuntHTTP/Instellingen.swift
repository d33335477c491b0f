import MeldpuntCore
import Foundation
import Vapor

/// Everything the server takes from its environment, read and checked once at start-up;
/// requests never read the environment. A wrong value stops the start with its name.
package struct Instellingen: Sendable {
    package var host = "127.0.0.1"
    package var poort = 8080
    /// Per-address limits on the anonymous doors (off only for load tests).
    package var snelheidslimieten = true
    /// Per door where not the default (`MELDPUNT_RATE_LIMITS=inloggen=30,status=120`).
    package var limietPerMinuut: [String: Int] = [:]
    /// Take the client address from the last X-Forwarded-For entry (behind one trusted proxy).
    package var vertrouwProxy = false
    /// The public address links are built from, never from a request's Host header.
    package var publiekeUrl: String
    package var uploadBufferBytes = 96 * 1024 * 1024
    package var contactnormWerkdagen = 2
    /// Cookie names: `__Host-` outside development and tests (Secure, Path=/, no Domain).
    package var cookiePrefix = ""
    package var veiligeCookies = false

    package static func uit(_ omgeving: [String: String], productie: Bool, ontwikkeling: Bool) throws -> Instellingen {
        func geheelGetal(_ naam: String, _ standaard: Int, _ bereik: ClosedRange<Int>) throws -> Int {
            guard let w = omgeving[naam], !w.isEmpty else { return standaard }
            guard let n = Int(w), bereik.contains(n) else {
                throw MeldpuntConfigFout("\(naam): verwacht een geheel getal van \(bereik.lowerBound) tot en met \(bereik.upperBound), niet '\(w)'")
            }
            return n
        }
        let host = omgeving["MELDPUNT_HOST"].flatMap { $0.isEmpty ? nil : $0 } ?? "127.0.0.1"
        let poort = try geheelGetal("MELDPUNT_PORT", 8080, 0...65535)
        let url = omgeving["MELDPUNT_PUBLIC_URL"] ?? omgeving["MELDPUNT_PUBLIEKE_URL"]
        let publiekeUrl: String
        if let url, !url.isEmpty {
            guard let c = URLComponents(string: url), ["http", "https"].contains(c.scheme ?? ""), c.host?.isEmpty == false,
                  c.query == nil, c.fragment == nil, ApiConventiesMiddleware.veiligeHeaderwaarde(url)
            else { throw MeldpuntConfigFout("MELDPUNT_PUBLIC_URL: verwacht een adres als https://meldpunt.example.nl, niet '\(url)'") }
            if productie && c.scheme != "https" {
                throw MeldpuntConfigFout("MELDPUNT_PUBLIC_URL: in productie alleen https")
            }
            publiekeUrl = url.hasSuffix("/") ? String(url.dropLast()) : url
        } else if productie {
            throw MeldpuntConfigFout("MELDPUNT_PUBLIC_URL ontbreekt: het publieke adres (https://…) waarmee links in pagina's en berichten worden gemaakt")
        } else {
            publiekeUrl = "http://\(host == "0.0.0.0" ? "127.0.0.1" : host):\(poort)"
        }
        let limieten = omgeving["MELDPUNT_RATE_LIMITS"]?.trimmingCharacters(in: .whitespaces)
        var perDeur: [String: Int] = [:]
        if let limieten, !["on", "off", ""].contains(limieten.lowercased()) {
            for deel in limieten.split(separator: ",") {
                let paar = deel.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
                guard paar.count == 2, Snelheidsbegrenzer.standaard[paar[0]] != nil, let n = Int(paar[1]), (1...100_000).contains(n) else {
                    throw MeldpuntConfigFout("MELDPUNT_RATE_LIMITS: off, on of per deur zoals inloggen=30,melden=10,status=60,publiekeApi=300; niet '\(limieten)'")
                }
                perDeur[paar[0]] = n
            }
        }
        let proxy = omgeving["MELDPUNT_TRUSTED_PROXY"]
        guard proxy == nil || ["0", "1", ""].contains(proxy!) else {
            throw MeldpuntConfigFout("MELDPUNT_TRUSTED_PROXY: 0 of 1, niet '\(proxy!)'")
        }
        let buitenOntwikkeling = !ontwikkeling
        return Instellingen(
            host: host, poort: poort,
            snelheidslimieten: limieten?.lowercased() != "off",
            limietPerMinuut: perDeur,
            vertrouwProxy: proxy == "1",
            publiekeUrl: publiekeUrl,
            uploadBufferBytes: try geheelGetal("MELDPUNT_UPLOAD_BUFFER_MB", 96, 8...4096) * 1024 * 1024,
            contactnormWerkdagen: try geheelGetal("MELDPUNT_CONTACTNORM_WERKDAGEN", 2, 0...20),
            cookiePrefix: buitenOntwikkeling ? "__Host-" : "",
            veiligeCookies: buitenOntwikkeling)
    }

    package init(host: String = "127.0.0.1", poort: Int = 8080, snelheidslimieten: Bool = true, limietPerMinuut: [String: Int] = [:],
                 vertrouwProxy: Bool = false, publiekeUrl: String, uploadBufferBytes: Int = 96 * 1024 * 1024,
                 contactnormWerkdagen: Int = 2, cookiePrefix: String = "", veiligeCookies: Bool = false) {
        self.host = host
        self.poort = poort
        self.snelheidslimieten = snelheidslimieten
        self.limietPerMinuut = limietPerMinuut
        self.vertrouwProxy = vertrouwProxy
        self.publiekeUrl = publiekeUrl
        self.uploadBufferBytes = uploadBufferBytes
        self.contactnormWerkdagen = contactnormWerkdagen
        self.cookiePrefix = cookiePrefix
        self.veiligeCookies = veiligeCookies
    }
}

extension Application {
    private struct InstellingenKey: StorageKey { typealias Value = Instellingen }
    private struct BegrenzerKey: StorageKey { typealias Value = Snelheidsbegrenzer }

    /// Set once in `configure`, before any route runs.
    package var instellingen: Instellingen {
        get { storage[InstellingenKey.self]! }
        set { storage[InstellingenKey.self] = newValue }
    }

    package var snelheidsbegrenzer: Snelheidsbegrenzer {
        get { storage[BegrenzerKey.self] ?? Snelheidsbegrenzer(aan: false) }
        set { storage[BegrenzerKey.self] = newValue }
    }
}

package struct MeldpuntConfigFout: Error, CustomStringConvertible {
    package let description: String
    package init(_ d: String) { description = d }
}
