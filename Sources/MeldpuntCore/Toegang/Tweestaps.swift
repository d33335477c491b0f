import Crypto
import Foundation

/// Time-based one-time passwords (RFC 6238 over RFC 4226): HMAC-SHA1, 6 digits, 30 seconds,
/// as every authenticator app expects.
package struct Totp: Sendable {
    package let geheim: Data
    package static let periode: Int64 = 30
    package static let cijfers = 6

    /// The time step a moment falls in.
    package static func stap(_ tijd: Date) -> Int64 { Int64(floor(tijd.timeIntervalSince1970)) / periode }

    package func code(stap: Int64, cijfers: Int = Totp.cijfers) -> String {
        var teller = UInt64(bitPattern: stap).bigEndian
        let bericht = withUnsafeBytes(of: &teller) { Data($0) }
        let mac = Array(HMAC<Insecure.SHA1>.authenticationCode(for: bericht, using: SymmetricKey(data: geheim)))
        let offset = Int(mac[mac.count - 1] & 0x0f)
        let getal = (UInt32(mac[offset] & 0x7f) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8) | UInt32(mac[offset + 3])
        var macht: UInt32 = 1
        for _ in 0..<cijfers { macht *= 10 }
        let tekst = String(getal % macht)
        return String(repeating: "0", count: cijfers - tekst.count) + tekst
    }

    /// The step a typed code belongs to: the current one or one either side (clock drift),
    /// never one at or before `naStap` (a code is used once).
    package func controleer(_ invoer: String, nu: Date, naStap: Int64?) -> Int64? {
        let code = invoer.filter { !$0.isWhitespace }
        guard code.count == Totp.cijfers, code.allSatisfy(\.isASCII), code.allSatisfy(\.isNumber) else { return nil }
        let huidig = Totp.stap(nu)
        for stap in [huidig - 1, huidig, huidig + 1] where stap > (naStap ?? .min) {
            if Sleutels.gelijk(self.code(stap: stap), code) { return stap }
        }
        return nil
    }

    package static func nieuwGeheim() -> Data {
        var g = SystemRandomNumberGenerator()
        return Data((0..<20).map { _ in UInt8.random(in: .min ... .max, using: &g) })
    }

    /// What an authenticator app takes: `otpauth://totp/…` (the key also shown in groups of four).
    package static func uri(geheim: Data, account: String, uitgever: String = "Meldpunt") -> String {
        let label = "\(uitgever):\(account)".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(.init(charactersIn: ":@"))) ?? uitgever
        return "otpauth://totp/\(label)?secret=\(Base32.codeer(geheim))&issuer=\(uitgever)&algorithm=SHA1&digits=\(cijfers)&period=\(periode)"
    }

    package init(geheim: Data) {
        self.geheim = geheim
    }
}

/// RFC 4648 base32 without padding, the alphabet of authenticator keys.
package enum Base32 {
    package static let alfabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    package static func codeer(_ data: Data) -> String {
        var uit = "", buffer = 0, bits = 0
        for byte in data {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                uit.append(alfabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { uit.append(alfabet[(buffer << (5 - bits)) & 31]) }
        return uit
    }

    package static func decodeer(_ tekst: String) -> Data? {
        var uit = Data(), buffer = 0, bits = 0
        for teken in tekst.uppercased() where teken != "=" && !teken.isWhitespace {
            guard let waarde = alfabet.firstIndex(of: teken) else { return nil }
            buffer = ((buffer << 5) | waarde) & 0xfff
            bits += 5
            if bits >= 8 {
                uit.append(UInt8((buffer >> (bits - 8)) & 0xff))
                bits -= 8
            }
        }
        return uit
    }

    /// Groups of four, easier to type over.
    package static func inGroepen(_ tekst: String) -> String {
        stride(from: 0, to: tekst.count, by: 4).map { i in
            let start = tekst.index(tekst.startIndex, offsetBy: i)
            return String(tekst[start..<(tekst.index(start, offsetBy: 4, limitedBy: tekst.endIndex) ?? tekst.endIndex)])
        }.joined(separator: " ")
    }
}

/// One-time recovery codes for when the phone is gone: ten of them, `xxxxx-xxxxx` from an
/// alphabet without look-alikes (50 bits each); only their SHA-256 is stored.
package enum Herstelcodes {
    package static let aantal = 10
    private static let alfabet = Array("abcdefghjkmnpqrstuvwxyz23456789")

    package static func nieuw() -> [String] {
        var g = SystemRandomNumberGenerator()
        return (0..<aantal).map { _ in
            let tekens = (0..<10).map { _ in alfabet[Int.random(in: 0..<alfabet.count, using: &g)] }
            return String(tekens[0..<5]) + "-" + String(tekens[5..<10])
        }
    }

    /// What a typed code is compared as: lower case, without spaces or dashes.
    package static func genormaliseerd(_ invoer: String) -> String? {
        let s = invoer.lowercased().filter { $0 != "-" && !$0.isWhitespace }
        guard s.count == 10, s.allSatisfy({ alfabet.contains($0) }) else { return nil }
        return s
    }

    package static func hash(_ code: String) -> String? { genormaliseerd(code).map { Sleutels.sha256Hex(Data($0.utf8)) } }
}
