import Foundation
import MeldpuntDomain
#if canImport(Glibc)
import Glibc
#endif

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

    /// By the text of the host: local names, and every form of an address literal that the
    /// resolver accepts (`0x7f000001`, `2130706433`, `127.1`, `017700000001`, `[::ffff:127.0.0.1]`).
    /// The delivery checks again on the resolved addresses (`isPubliek`), which also catches a
    /// public name that resolves to a private address.
    static func isPrivaat(_ host: String) -> Bool {
        var h = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        while h.hasSuffix(".") { h.removeLast() }
        if h.isEmpty || h == "localhost" || h.hasSuffix(".localhost") || h.hasSuffix(".local") || h.hasSuffix(".internal") { return true }
        var v4 = in_addr()
        if inet_aton(h, &v4) != 0 { return !isPubliek(ipv4: UInt32(bigEndian: v4.s_addr)) }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, h, &v6) == 1 { return !isPubliek(ipv6: withUnsafeBytes(of: &v6) { Array($0) }) }
        return false
    }

    /// An IPv4 address (host order) on the public internet: not this network, private (RFC 1918),
    /// shared (RFC 6598), loopback, link-local, IETF protocol assignments, documentation,
    /// benchmarking, multicast, reserved or broadcast.
    package static func isPubliek(ipv4 a: UInt32) -> Bool {
        let blokken: [(UInt32, Int)] = [
            (0x0000_0000, 8), (0x0A00_0000, 8), (0x6440_0000, 10), (0x7F00_0000, 8), (0xA9FE_0000, 16), (0xAC10_0000, 12),
            (0xC000_0000, 24), (0xC000_0200, 24), (0xC058_6300, 24), (0xC0A8_0000, 16), (0xC612_0000, 15), (0xC633_6400, 24),
            (0xCB00_7100, 24), (0xE000_0000, 4), (0xF000_0000, 4),
        ]
        return !blokken.contains { net, lengte in a >> (32 - lengte) == net >> (32 - lengte) }
    }

    /// An IPv6 address (16 bytes) on the public internet; an IPv4 address inside one (mapped,
    /// NAT64, 6to4) is judged as IPv4.
    package static func isPubliek(ipv6 b: [UInt8]) -> Bool {
        guard b.count == 16 else { return false }
        func v4(_ i: Int) -> UInt32 { b[i..<(i + 4)].reduce(0) { $0 << 8 | UInt32($1) } }
        if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xFF && b[11] == 0xFF { return isPubliek(ipv4: v4(12)) }  // ::ffff:a.b.c.d
        if b[0..<12].allSatisfy({ $0 == 0 }) { return false }                                                     // ::, ::1, ::a.b.c.d
        if b[0..<12].elementsEqual([0, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0]) { return isPubliek(ipv4: v4(12)) } // 64:ff9b::/96
        if b[0] == 0x20 && b[1] == 0x02 { return isPubliek(ipv4: v4(2)) }                                         // 2002::/16
        if b[0] & 0xFE == 0xFC { return false }                                                                   // fc00::/7
        if b[0] == 0xFE && b[1] & 0xC0 == 0x80 { return false }                                                   // fe80::/10
        if b[0] == 0xFF { return false }                                                                          // multicast
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8 { return false }                          // documentation
        if b[0] == 0x01 && b[1...7].allSatisfy({ $0 == 0 }) { return false }                                      // 100::/64 discard
        return true
    }
}
