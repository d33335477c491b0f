/// A PDF 1.4 of text pages in the standard fonts Helvetica and Helvetica-Bold.
///
/// Why our own writer: no Swift PDF library is available, and letters need only positioned
/// lines of text. The standard fonts are in every PDF reader, so nothing is embedded; the widths
/// (Adobe's metrics) let us wrap lines exactly, so a page is the same on every printer — which a
/// browser's print of an HTML page does not promise (its margins, headers and scaling are the
/// reader's settings, and the address must land in the envelope's window).
public struct PDFDocument: Sendable {
    public enum Lettertype: Sendable { case gewoon, vet }

    struct Regel: Sendable {
        let x: Double
        let y: Double
        let grootte: Double
        let lettertype: Lettertype
        let bytes: [UInt8]
    }

    /// A4 in points.
    public static let breedte = 595.28
    public static let hoogte = 841.89

    public let titel: String
    public let taal: String
    var paginas: [[Regel]] = []

    public init(titel: String, taal: String) {
        self.titel = titel
        self.taal = taal
    }

    public var aantalPaginas: Int { paginas.count }

    public mutating func nieuwePagina() { paginas.append([]) }

    /// One line of text with its baseline `y` points from the top of the page at `x` from the left.
    public mutating func tekst(_ s: String, x: Double, y: Double, grootte: Double, _ lettertype: Lettertype = .gewoon) {
        if paginas.isEmpty { nieuwePagina() }
        paginas[paginas.count - 1].append(Regel(x: x, y: Self.hoogte - y, grootte: grootte, lettertype: lettertype, bytes: Self.winAnsi(s)))
    }

    // MARK: Text

    /// The text in WinAnsiEncoding: what it cannot hold becomes "?", control characters a space.
    public static func winAnsi(_ s: String) -> [UInt8] {
        var uit: [UInt8] = []
        uit.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u.value {
            case 0x20...0x7E, 0xA0...0xFF: uit.append(UInt8(u.value))
            case 0..<0x20, 0x7F...0x9F: uit.append(0x20)
            default: uit.append(extra[u.value] ?? 0x3F)
            }
        }
        return uit
    }

    /// Windows-1252's characters in 0x80–0x9F.
    static let extra: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02C6: 0x88,
        0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91, 0x2019: 0x92, 0x201C: 0x93,
        0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98, 0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B,
        0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]

    /// The width in points of the text as printed.
    public static func breedte(_ s: String, grootte: Double, _ lettertype: Lettertype = .gewoon) -> Double {
        breedte(winAnsi(s)[...], grootte: grootte, lettertype)
    }

    static func breedte(_ bytes: ArraySlice<UInt8>, grootte: Double, _ lettertype: Lettertype) -> Double {
        let tabel = lettertype == .vet ? Helvetica.vet : Helvetica.gewoon
        var som = 0
        for b in bytes where b >= 32 { som += Int(tabel[Int(b) - 32]) }
        return Double(som) * grootte / 1000
    }

    /// The text broken into lines of at most `maximaal` points: at spaces, a line break where the
    /// text has one, and inside a word only when the word alone is wider than a line. Linear in the
    /// text's length.
    public static func regels(_ s: String, maximaal: Double, grootte: Double, _ lettertype: Lettertype = .gewoon) -> [String] {
        var uit: [String] = []
        // Any line break: a browser's textarea sends "\r\n", which Swift reads as one Character.
        for alinea in s.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            var regel = ""
            var regelBreedte = 0.0
            let spatie = breedte(" ", grootte: grootte, lettertype)
            for woord in alinea.split(separator: " ", omittingEmptySubsequences: true) {
                var w = String(woord)
                var wb = breedte(w, grootte: grootte, lettertype)
                if !regel.isEmpty && regelBreedte + spatie + wb <= maximaal {
                    regel += " " + w
                    regelBreedte += spatie + wb
                    continue
                }
                if !regel.isEmpty { uit.append(regel) }
                // A word wider than a line is cut where it no longer fits.
                while wb > maximaal {
                    var deel = ""
                    var db = 0.0
                    for c in w {
                        let cb = breedte(String(c), grootte: grootte, lettertype)
                        if db + cb > maximaal && !deel.isEmpty { break }
                        deel.append(c)
                        db += cb
                    }
                    uit.append(deel)
                    w.removeFirst(deel.count)
                    wb -= db
                }
                regel = w
                regelBreedte = wb
            }
            uit.append(regel)
        }
        return uit
    }

    // MARK: File

    /// The file: catalog, page tree, two fonts, per page its content stream, the info, and the
    /// cross-reference table with each object's byte offset.
    public func bytes() -> [UInt8] {
        var uit: [UInt8] = Array("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
        var offsets: [Int] = []
        func object(_ inhoud: [UInt8]) {
            offsets.append(uit.count)
            uit += Array("\(offsets.count) 0 obj\n".utf8) + inhoud + Array("\nendobj\n".utf8)
        }
        func object(_ tekst: String) { object(Array(tekst.utf8)) }

        let paginas = self.paginas.isEmpty ? [[]] : self.paginas
        // Objects: 1 catalog, 2 pages, 3–4 fonts, 5 info, then per page its page and contents.
        let eerste = 6
        let kinderen = paginas.indices.map { "\(eerste + 2 * $0) 0 R" }.joined(separator: " ")
        object("<< /Type /Catalog /Pages 2 0 R /Lang \(Self.tekstString(taal)) /ViewerPreferences << /DisplayDocTitle true >> >>")
        object("<< /Type /Pages /Kids [\(kinderen)] /Count \(paginas.count) >>")
        object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        object("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
        object("<< /Title \(Self.tekstString(titel)) /Producer (Meldpunt) >>")
        for (i, regels) in paginas.enumerated() {
            object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(Self.getal(Self.breedte)) \(Self.getal(Self.hoogte))] "
                   + "/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents \(eerste + 2 * i + 1) 0 R >>")
            var stroom: [UInt8] = []
            for r in regels {
                stroom += Array("BT /\(r.lettertype == .vet ? "F2" : "F1") \(Self.getal(r.grootte)) Tf \(Self.getal(r.x)) \(Self.getal(r.y)) Td ".utf8)
                stroom += Self.letterlijk(r.bytes) + Array(" Tj ET\n".utf8)
            }
            object(Array("<< /Length \(stroom.count) >>\nstream\n".utf8) + stroom + Array("endstream".utf8))
        }
        let xref = uit.count
        var tabel = "xref\n0 \(offsets.count + 1)\n0000000000 65535 f \n"
        for o in offsets {
            let s = String(o)
            tabel += String(repeating: "0", count: max(0, 10 - s.count)) + s + " 00000 n \n"
        }
        tabel += "trailer\n<< /Size \(offsets.count + 1) /Root 1 0 R /Info 5 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return uit + Array(tabel.utf8)
    }

    /// A literal string: parentheses and backslash escaped, bytes outside ASCII as octal.
    static func letterlijk(_ bytes: [UInt8]) -> [UInt8] {
        var uit: [UInt8] = [0x28]
        for b in bytes {
            switch b {
            case 0x28, 0x29, 0x5C: uit += [0x5C, b]
            case 0x20...0x7E: uit.append(b)
            default:
                let o = String(b, radix: 8)
                uit += Array(("\\" + String(repeating: "0", count: 3 - o.count) + o).utf8)
            }
        }
        return uit + [0x29]
    }

    /// A text string for the document's metadata: UTF-16BE with its byte order mark, in hex.
    static func tekstString(_ s: String) -> String {
        var h = "<FEFF"
        for u in s.utf16 {
            let x = String(u, radix: 16, uppercase: true)
            h += String(repeating: "0", count: 4 - x.count) + x
        }
        return h + ">"
    }

    /// A number with at most two decimals, as PDF wants it (no exponent).
    static func getal(_ d: Double) -> String {
        let honderdsten = Int((d * 100).rounded())
        let heel = honderdsten / 100, rest = abs(honderdsten % 100)
        let teken = honderdsten < 0 && heel == 0 ? "-" : ""
        if rest == 0 { return teken + String(heel) }
        return teken + String(heel) + "." + (rest < 10 ? "0" : "") + String(rest)
    }
}

/// Millimetres in points.
public func mm(_ waarde: Double) -> Double { waarde * 72 / 25.4 }
