import Foundation

/// Attachment rules shared by every front door: PDF, JPEG or PNG whose bytes match
/// the declared type, at most 5 per melding and 20 MiB decoded in total.
public enum BijlageRegels {
    public static let maxAantal = 5
    public static let maxTotaleGrootte = 20 * 1024 * 1024
    /// A form with the largest allowed files, plus room for its text fields and multipart framing.
    public static let maxUploadBody = maxTotaleGrootte + 1024 * 1024
    public static let maxBestandsnaamLengte = 255

    /// The name a file is kept under: its last path part, without control characters or
    /// invisible format characters (a right-to-left override, U+202E, makes "factuur‮fdp.exe"
    /// show as "factuurexe.pdf": issue 26), at most `maxBestandsnaamLengte` code points,
    /// "bijlage" when nothing is left.
    public static func naam(_ gegeven: String?) -> String {
        let laatste = (gegeven ?? "").split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let schoon = laatste.unicodeScalars.filter { ![.control, .format].contains($0.properties.generalCategory) }.prefix(maxBestandsnaamLengte)
        let uit = String(String.UnicodeScalarView(schoon)).trimmingCharacters(in: .whitespaces)
        return uit.isEmpty ? "bijlage" : uit
    }

    public enum Soort: String, CaseIterable, Sendable {
        case pdf = "application/pdf"
        case jpeg = "image/jpeg"
        case png = "image/png"

        /// The first bytes every file of this kind starts with.
        var magie: [UInt8] {
            switch self {
            case .pdf: Array("%PDF-".utf8)
            case .jpeg: [0xFF, 0xD8, 0xFF]
            case .png: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            }
        }
    }

    /// The kind the bytes really are, if any of the accepted ones.
    public static func herken(_ data: Data) -> Soort? {
        Soort.allCases.first { data.starts(with: $0.magie) }
    }

    /// Accepts "image/jpg" and case variants as JPEG, as senders commonly write them.
    public static func soort(mimeType: String) -> Soort? {
        let m = mimeType.lowercased().trimmingCharacters(in: .whitespaces)
        if m == "image/jpg" { return .jpeg }
        return Soort(rawValue: m)
    }
}

/// An attachment that passed every check, decoded.
public struct GevalideerdeBijlage: Sendable {
    public let bestandsnaam: String
    public let mimeType: String
    public let beschrijving: String?
    public let data: Data
    /// Which terugMeldingGegevens item carried it (nil: the melding as a whole).
    public let gegevenIndex: Int?
}
