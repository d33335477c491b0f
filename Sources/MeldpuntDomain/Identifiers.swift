import Foundation

/// Dutch government identifiers with their exact validity rules (DOMAIN.md, "Identifiers").
/// Each type only exists when valid: construct with `init?(_:)` or use `check(_:)` for the reason.

/// Why an identifier was refused: a stable machine code and an explanation in both languages.
public struct IdentifierError: Error, Equatable, Sendable {
    public let code: String
    public let uitleg: Tekst
    public var reason: String { uitleg.nl }
    public init(code: String, reason: Tekst) {
        self.code = code
        self.uitleg = reason
    }
}

private func digits(_ s: String) -> [Int]? {
    guard !s.isEmpty, s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    return s.map { Int($0.asciiValue! - 48) }
}

/// Burgerservicenummer: 9 digits passing the elfproef (weights 9…2 and −1).
public struct BSN: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public init?(_ raw: String) {
        guard (try? BSN.check(raw)) != nil else { return nil }
        value = raw
    }

    public static func check(_ raw: String) throws(IdentifierError) {
        guard raw.count == 9, let d = digits(raw) else {
            throw IdentifierError(code: "bsnFormaat", reason: Tekst("Een BSN bestaat uit precies 9 cijfers.", "A BSN has exactly 9 digits."))
        }
        let weights = [9, 8, 7, 6, 5, 4, 3, 2, -1]
        let sum = zip(d, weights).reduce(0) { $0 + $1.0 * $1.1 }
        guard sum % 11 == 0, sum != 0 else {
            throw IdentifierError(code: "bsnElfproef", reason: Tekst("Dit BSN bestaat niet. Kijk of u het goed heeft overgenomen.", "This BSN does not exist. Check that you copied it correctly."))
        }
    }

    /// Never print a BSN in logs; this masks all but the last two digits.
    public var description: String { "*******" + value.suffix(2) }

    /// Whether a text holds a run of exactly nine digits that is a valid BSN (texts meant to be shared).
    public static func komtVoorIn(_ tekst: String) -> Bool {
        tekst.split(whereSeparator: { !($0.isASCII && $0.isNumber) }).contains { $0.count == 9 && BSN(String($0)) != nil }
    }
}

/// A-nummer: 10 digits, first not 0, no two adjacent digits equal,
/// digit sum mod 11 in {0, 5}, and Σ dᵢ·2^(i−1) mod 11 = 0.
public struct ANummer: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public init?(_ raw: String) {
        guard (try? ANummer.check(raw)) != nil else { return nil }
        value = raw
    }

    public static func check(_ raw: String) throws(IdentifierError) {
        guard raw.count == 10, let d = digits(raw) else {
            throw IdentifierError(code: "anummerFormaat", reason: Tekst("Een A-nummer bestaat uit precies 10 cijfers.", "An A-number has exactly 10 digits."))
        }
        guard d[0] != 0 else {
            throw IdentifierError(code: "anummerEersteCijfer", reason: Tekst("Een A-nummer begint niet met 0.", "An A-number does not start with 0."))
        }
        for i in 1..<d.count where d[i] == d[i - 1] {
            throw IdentifierError(code: "anummerGelijkeCijfers", reason: Tekst("In een A-nummer staan nooit twee gelijke cijfers naast elkaar.", "An A-number never has two equal digits next to each other."))
        }
        let sum = d.reduce(0, +) % 11
        guard sum == 0 || sum == 5 else {
            throw IdentifierError(code: "anummerCijfersom", reason: Tekst("Dit A-nummer bestaat niet: het klopt niet met de controle op de cijfers.", "This A-number does not exist: it fails the digit check."))
        }
        var weighted = 0
        var weight = 1
        for digit in d {
            weighted += digit * weight
            weight *= 2
        }
        guard weighted % 11 == 0 else {
            throw IdentifierError(code: "anummerMachtsproef", reason: Tekst("Dit A-nummer bestaat niet: het klopt niet met de controle op de cijfers.", "This A-number does not exist: it fails the digit check."))
        }
    }

    public var description: String { "********" + value.suffix(2) }
}

/// Gemeentecode: 4 digits (0000 onbekend, 1999 RNI). Whether it is a current gemeente
/// is a question for the reference data, not for the format.
public struct Gemeentecode: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let value: String
    public static let rni = Gemeentecode(unchecked: "1999")
    public static let onbekend = Gemeentecode(unchecked: "0000")

    public init?(_ raw: String) {
        guard (try? Gemeentecode.check(raw)) != nil else { return nil }
        value = raw
    }

    private init(unchecked: String) { value = unchecked }

    public static func check(_ raw: String) throws(IdentifierError) {
        guard raw.count == 4, digits(raw) != nil else {
            throw IdentifierError(code: "gemeentecodeFormaat", reason: Tekst("Een gemeentecode bestaat uit precies 4 cijfers.", "A municipality code has exactly 4 digits."))
        }
    }

    /// "GM0363" as CBS writes it becomes "0363"; anything else is returned as given (trimmed).
    public static func zonderCBSVoorvoegsel(_ raw: String) -> String {
        let w = raw.trimmingCharacters(in: .whitespaces)
        return w.uppercased().hasPrefix("GM") ? String(w.dropFirst(2)) : w
    }

    public var description: String { value }
    public static func < (a: Gemeentecode, b: Gemeentecode) -> Bool { a.value < b.value }
}

/// Postcode: `^[1-9][0-9]{3} ?[A-Za-z]{2}$`, normalised to upper case without space.
public struct Postcode: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public init?(_ raw: String) {
        guard (try? Postcode.check(raw)) != nil else { return nil }
        value = raw.replacingOccurrences(of: " ", with: "").uppercased()
    }

    public static func check(_ raw: String) throws(IdentifierError) {
        let c = Array(raw)
        let compact = c.count == 7 && c[4] == " " ? Array(c[0..<4] + c[5...]) : c
        let ok = compact.count == 6
            && compact[0].isASCII && ("1"..."9").contains(compact[0])
            && compact[1..<4].allSatisfy { $0.isASCII && $0.isNumber }
            && compact[4..<6].allSatisfy { $0.isASCII && $0.isLetter }
        guard ok else {
            throw IdentifierError(code: "postcodeFormaat", reason: Tekst("Een postcode is vier cijfers (niet beginnend met 0) en twee letters, zoals 1234 AB.", "A postcode is four digits (not starting with 0) and two letters, such as 1234 AB."))
        }
    }

    public var description: String { value }
}

/// Organisatie-identificatienummer: 20 positions = 8-digit known prefix,
/// 8 or 9 position main number, suffix `000` or `0000`. No checksum.
public struct OIN: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public static let knownPrefixes: [String: String] = [
        "00000001": "RSIN",
        "00000002": "Fi-nummer",
        "00000003": "KvK-nummer",
        "00000004": "SubOIN",
        "00000006": "door Logius uitgegeven",
        "00000099": "test-OIN",
    ]

    public init?(_ raw: String) {
        guard (try? OIN.check(raw)) != nil else { return nil }
        value = raw
    }

    public static func check(_ raw: String) throws(IdentifierError) {
        guard raw.count == 20, raw.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isUppercase) }) else {
            throw IdentifierError(code: "oinFormaat", reason: Tekst("Een OIN bestaat uit precies 20 posities (cijfers of hoofdletters).", "An OIN has exactly 20 positions (digits or capital letters)."))
        }
        let prefix = String(raw.prefix(8))
        guard knownPrefixes[prefix] != nil, digits(prefix) != nil else {
            throw IdentifierError(code: "oinPrefix", reason: Tekst("Dit OIN begint niet zoals een OIN begint. Kijk of u het goed heeft overgenomen.", "This OIN does not start the way an OIN starts. Check that you copied it correctly."))
        }
        // 8-position main number + "0000", or 9 positions + "000".
        guard raw.hasSuffix("000") else {
            throw IdentifierError(code: "oinSuffix", reason: Tekst("Een OIN eindigt op 000 of 0000.", "An OIN ends in 000 or 0000."))
        }
    }

    public var description: String { value }
}

extension UUID {
    /// UUIDs go out in lower case (RFC 9562); any case is accepted coming in.
    public var tekst: String { uuidString.lowercased() }

    /// A time-ordered id (RFC 9562, version 7): 48 bits of Unix milliseconds, then random bits.
    /// New rows land at the end of every index on their id instead of all over it.
    public static func v7(_ tijd: Date = Date()) -> UUID {
        var g = SystemRandomNumberGenerator()
        let ms = UInt64(max(0, tijd.timeIntervalSince1970 * 1000))
        let r1 = g.next() as UInt64
        let r2 = g.next() as UInt64
        return UUID(uuid: (
            UInt8(truncatingIfNeeded: ms >> 40), UInt8(truncatingIfNeeded: ms >> 32), UInt8(truncatingIfNeeded: ms >> 24),
            UInt8(truncatingIfNeeded: ms >> 16), UInt8(truncatingIfNeeded: ms >> 8), UInt8(truncatingIfNeeded: ms),
            0x70 | UInt8(truncatingIfNeeded: r1 & 0x0F), UInt8(truncatingIfNeeded: r1 >> 8),
            0x80 | UInt8(truncatingIfNeeded: (r1 >> 16) & 0x3F), UInt8(truncatingIfNeeded: r1 >> 24),
            UInt8(truncatingIfNeeded: r1 >> 32), UInt8(truncatingIfNeeded: r1 >> 40), UInt8(truncatingIfNeeded: r1 >> 48),
            UInt8(truncatingIfNeeded: r2), UInt8(truncatingIfNeeded: r2 >> 8), UInt8(truncatingIfNeeded: r2 >> 16)))
    }
}
