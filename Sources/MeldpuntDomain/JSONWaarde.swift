/// Any JSON value, so that free-form parts of a request (`eigenvelden`, `geometry`)
/// are kept exactly as sent instead of being refused or dropped.
public enum JSONWaarde: Codable, Sendable, Hashable {
    case null
    case bool(Bool)
    case getal(Double)
    case tekst(String)
    case lijst([JSONWaarde])
    case object([String: JSONWaarde])

    /// How deep a request may nest, counted from the body's root: one number for reading and
    /// writing. Deeper values were accepted and then failed when the answer was written (a 500
    /// whose error held the whole request, issue 26); now they are refused with a 400.
    public static let maximaleDiepte = 32

    private struct Sleutel: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: Decoder) throws {
        guard decoder.codingPath.count < Self.maximaleDiepte else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "Te diep genest: hoogstens \(Self.maximaleDiepte) niveaus."))
        }
        // Containers first and without `try?` around their contents, so an error deep inside
        // (too deep, say) reaches the client instead of being retried as every other type.
        if var lijst = try? decoder.unkeyedContainer() {
            var uit: [JSONWaarde] = []
            while !lijst.isAtEnd { uit.append(try lijst.decode(JSONWaarde.self)) }
            self = .lijst(uit)
        } else if let object = try? decoder.container(keyedBy: Sleutel.self) {
            var uit: [String: JSONWaarde] = [:]
            for k in object.allKeys { uit[k.stringValue] = try object.decode(JSONWaarde.self, forKey: k) }
            self = .object(uit)
        } else {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() {
                self = .null
            } else if let b = try? c.decode(Bool.self) {
                self = .bool(b)
            } else if let n = try? c.decode(Double.self) {
                self = .getal(n)
            } else {
                self = .tekst(try c.decode(String.self))
            }
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case .bool(let b): try c.encode(b)
        case .getal(let n): try c.encode(n)
        case .tekst(let s): try c.encode(s)
        case .lijst(let a): try c.encode(a)
        case .object(let o): try c.encode(o)
        }
    }
}
