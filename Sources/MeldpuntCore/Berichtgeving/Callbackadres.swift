import Foundation
import MeldpuntDomain

/// Which callback URLs a subscription may have: http(s) only, no credentials in the URL, and
/// outside development no loopback, link-local or private addresses (no requests into the
/// meldpunt's own network).
package enum Callbackadres {
    package static func fout(_ url: String, alleenPubliek: Bool) -> Tekst? {
        guard url.count <= 1000, let c = URLComponents(string: url), let scheme = c.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = c.host?.lowercased(), !host.isEmpty, c.user == nil, c.password == nil, c.fragment == nil
        else { return Tekst("Geef een volledig adres dat begint met https://.", "Give a full address starting with https://.") }
        guard alleenPubliek else { return nil }
        if scheme != "https" { return Tekst("Alleen https-adressen.", "Only https addresses.") }
        if isPrivaat(host) { return Tekst("Dit adres is niet van buiten bereikbaar; geef een publiek adres.", "This address cannot be reached from outside; give a public address.") }
        return nil
    }

    static func isPrivaat(_ host: String) -> Bool {
        let h = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if h == "localhost" || h.hasSuffix(".localhost") || h.hasSuffix(".local") || h.hasSuffix(".internal") { return true }
        let delen = h.split(separator: ".").compactMap { UInt8($0) }
        if delen.count == 4 {
            switch (delen[0], delen[1]) {
            case (10, _), (127, _), (0, _), (169, 254), (192, 168): return true
            case (172, let b) where (16...31).contains(b): return true
            case (100, let b) where (64...127).contains(b): return true
            default: return false
            }
        }
        if h.contains(":") {
            return h == "::1" || h == "::" || h.hasPrefix("fc") || h.hasPrefix("fd") || h.hasPrefix("fe80") || h.hasPrefix("::ffff:")
        }
        return false
    }
}
