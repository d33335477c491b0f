import AsyncHTTPClient
import MeldpuntCore
import NIOCore
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// Where a callback really goes, decided on the resolved addresses rather than the text of
/// the URL (issue 26: `https://2130706433/` and `https://localhost./` passed a text check, and a
/// public name can resolve to a private address). Every address the name resolves to must be
/// public, and the connection goes to the address that was checked, so a second lookup
/// (DNS rebinding) cannot send it elsewhere. Redirects stay off (`webhookClient`).
package enum Callbackbestemming {
    /// The checked address to connect to for `host`, or a `BezorgFout`.
    package static func controleer(host: String, poort: Int) async throws -> String {
        // getaddrinfo blocks: on the thread pool, never on an event loop.
        let gevonden: [SocketAddress] = try await NIOThreadPool.singleton.runIfActive { try Self.adressen(host, poort: poort) }
        guard let eerste = gevonden.first else { throw BezorgFout("Het adres \(host) is niet te vinden.") }
        guard gevonden.allSatisfy(isPubliek) else {
            throw BezorgFout("Het adres \(host) wijst naar een adres dat niet van buiten bereikbaar is.")
        }
        guard let ip = eerste.ipAddress else { throw BezorgFout("Het adres \(host) is niet te vinden.") }
        return ip
    }

    static func isPubliek(_ a: SocketAddress) -> Bool {
        switch a {
        case .v4(let v4): Callbackadres.isPubliek(ipv4: UInt32(bigEndian: v4.address.sin_addr.s_addr))
        case .v6(let v6): Callbackadres.isPubliek(ipv6: withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) })
        case .unixDomainSocket: false
        }
    }

    /// Every address of `host` (getaddrinfo, as the HTTP client itself would resolve it).
    static func adressen(_ host: String, poort: Int) throws -> [SocketAddress] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var lijst: UnsafeMutablePointer<addrinfo>?
        let naam = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        guard getaddrinfo(naam, String(poort), &hints, &lijst) == 0, let begin = lijst else { return [] }
        defer { freeaddrinfo(begin) }
        var uit: [SocketAddress] = []
        var p: UnsafeMutablePointer<addrinfo>? = begin
        while let ai = p, uit.count < 64 {
            if let adres = ai.pointee.ai_addr {
                switch ai.pointee.ai_family {
                case AF_INET: uit.append(adres.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { SocketAddress($0.pointee, host: naam) })
                case AF_INET6: uit.append(adres.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { SocketAddress($0.pointee, host: naam) })
                default: break
                }
            }
            p = ai.pointee.ai_next
        }
        return uit
    }
}
