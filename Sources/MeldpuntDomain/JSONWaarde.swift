/// Any JSON value, so that free-form parts of a request (`eigenvelden`, `geometry`)
/// are kept exactly as sent instead of being refused or dropped.
public enum JSONWaarde: Codable, Sendable, Hashable {
    case null
    case bool(Bool)
    case getal(Double)
    case tekst(String)
    case lijst([JSONWaarde])
    case object([String: JSONWaarde])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? c.decode(Double.self) {
            self = .getal(n)
        } else if let s = try? c.decode(String.self) {
            self = .tekst(s)
        } else if let a = try? c.decode([JSONWaarde].self) {
            self = .lijst(a)
        } else {
            self = .object(try c.decode([String: JSONWaarde].self))
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
