import Foundation
import MeldpuntDomain

/// One part of an address: fixed text, or a parameter with its route name and its value.
public enum Adresdeel: Hashable, Sendable {
    case vast(String)
    case parameter(String, waarde: String)
}

/// An address table: typed cases, each one path. Links are made from it (never typed out), routes
/// registered from it (`delen` with the values left out), and every case reads back from its
/// own path (AdressenTests), so a renamed route renames its links.
public protocol Adrestabel: Hashable, Sendable {
    var delen: [Adresdeel] { get }
    /// One example of every case, for the round-trip test and the route table in the docs.
    static var voorbeelden: [Self] { get }
    /// The same case with other parameter values (in order), for reading a path back.
    func metWaarden(_ waarden: [String]) -> Self?
}

extension Adrestabel {
    /// The path, parameters filled in (percent-encoded where a value needs it).
    public var pad: String {
        "/" + delen.map {
            switch $0 {
            case .vast(let s): s
            case .parameter(_, let w): w.addingPercentEncoding(withAllowedCharacters: Self.toegestaan) ?? w
            }
        }.joined(separator: "/")
    }

    /// The route pattern as the docs show it: `/meldingen/{zaaknummer}`.
    public var sjabloon: String {
        "/" + delen.map {
            switch $0 {
            case .vast(let s): s
            case .parameter(let n, _): "{\(n)}"
            }
        }.joined(separator: "/")
    }

    /// The case this path names, if any: the path matched against every case's pattern.
    public init?(pad: String) {
        let stukken = pad.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        for voorbeeld in Self.voorbeelden {
            let delen = voorbeeld.delen
            guard delen.count == stukken.count else { continue }
            var waarden: [String] = []
            var past = true
            for (deel, stuk) in zip(delen, stukken) {
                switch deel {
                case .vast(let s): if s != stuk { past = false }
                case .parameter: waarden.append(stuk.removingPercentEncoding ?? stuk)
                }
                if !past { break }
            }
            if past, let gevonden = voorbeeld.metWaarden(waarden), gevonden.pad == pad {
                self = gevonden
                return
            }
        }
        return nil
    }

    private static var toegestaan: CharacterSet { .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/")) }
}

/// In JSON an address is its path: `href` fields carry the typed case, the wire the string.
extension Adrestabel where Self: Codable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(pad)
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let pad = try c.decode(String.self)
        guard let adres = Self(pad: pad) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "Geen bekend adres: \(pad)")
        }
        self = adres
    }
}

extension Webadres: Codable {}
extension APIAdres: Codable {}
