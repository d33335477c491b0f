import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// One XML element as read: local name, namespace, attributes by local name, children and text.
public struct XMLKnoop: Sendable, Equatable {
    public var naam: String
    public var namespace: String?
    public var attributen: [String: String]
    public var kinderen: [XMLKnoop]
    public var tekst: String

    public init(naam: String, namespace: String? = nil, attributen: [String: String] = [:], kinderen: [XMLKnoop] = [], tekst: String = "") {
        self.naam = naam
        self.namespace = namespace
        self.attributen = attributen
        self.kinderen = kinderen
        self.tekst = tekst
    }

    /// Children with this local name.
    public func alle(_ naam: String) -> [XMLKnoop] { kinderen.filter { $0.naam == naam } }
    public func kind(_ naam: String) -> XMLKnoop? { kinderen.first { $0.naam == naam } }
}

/// Why a document was refused before it meant anything.
public enum XMLLeesfout: Error, Equatable, Sendable {
    /// A DTD or entity declaration: refused outright (entity expansion, external entities).
    case dtd
    /// Not UTF-8 (a byte-order mark of UTF-16/32, or another declared encoding): the DTD check
    /// reads bytes, so only UTF-8 is read at all.
    case geenUTF8
    case teDiep(Int)
    case teVeelElementen(Int)
    case syntax(String)
}

/// A small, bounded XML reader. No DTD is ever processed: only UTF-8 is read, a document that
/// declares a DTD or entity is refused on its bytes before parsing (the Linux parser has no
/// callback for declarations), external entities are off, and depth and element count are
/// capped, so the work is linear in the body, which the route already limits.
public enum XMLLezer {
    public static let maxDiepte = 40
    public static let maxElementen = 50_000

    public static func lees(_ data: Data) throws(XMLLeesfout) -> XMLKnoop {
        guard isUTF8(data) else { throw .geenUTF8 }
        if bevatDTD(data) { throw .dtd }
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        let bouwer = Bouwer()
        parser.delegate = bouwer
        let gelukt = parser.parse()
        if let fout = bouwer.fout { throw fout }
        guard gelukt, let wortel = bouwer.wortel else {
            let reden = parser.parserError.map { "regel \(parser.lineNumber), kolom \(parser.columnNumber): \(($0 as NSError).code)" } ?? "leeg document"
            throw .syntax(reden)
        }
        return wortel
    }

    /// UTF-8 (with or without its byte-order mark): no UTF-16/32 mark or zero byte in the first
    /// four, and a declared encoding, if any, of UTF-8.
    static func isUTF8(_ data: Data) -> Bool {
        let begin = Array(data.prefix(4))
        if begin.starts(with: [0xFE, 0xFF]) || begin.starts(with: [0xFF, 0xFE]) || begin.contains(0) { return false }
        var kop = data.prefix(200)
        if kop.starts(with: [0xEF, 0xBB, 0xBF]) { kop = kop.dropFirst(3) }
        guard kop.starts(with: Array("<?xml".utf8)) else { return true }
        let declaratie = String(decoding: kop.prefix(while: { $0 != UInt8(ascii: ">") }), as: UTF8.self).lowercased()
        guard let r = declaratie.range(of: "encoding") else { return true }
        let rest = declaratie[r.upperBound...].drop(while: { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" })
        return rest.hasPrefix("utf-8") || rest.hasPrefix("utf8")
    }

    /// `<!DOCTYPE` or `<!ENTITY` anywhere, in any case: a SOAP message never has a DTD (SOAP 1.1 §3).
    static func bevatDTD(_ data: Data) -> Bool {
        let lt = UInt8(ascii: "<"), uitroep = UInt8(ascii: "!")
        return data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> Bool in
            let n = bytes.count
            var i = 0
            while i + 3 < n {
                if bytes[i] == lt && bytes[i + 1] == uitroep {
                    let c = bytes[i + 2] | 0x20
                    // D(octype) or E(ntity); comments (<!--) and CDATA (<![) pass.
                    if c == UInt8(ascii: "d") || c == UInt8(ascii: "e") { return true }
                }
                i += 1
            }
            return false
        }
    }

    private final class Bouwer: NSObject, XMLParserDelegate {
        var stapel: [XMLKnoop] = []
        var wortel: XMLKnoop?
        var fout: XMLLeesfout?
        var aantal = 0

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
            aantal += 1
            if stapel.count >= XMLLezer.maxDiepte { fout = .teDiep(XMLLezer.maxDiepte); parser.abortParsing(); return }
            if aantal > XMLLezer.maxElementen { fout = .teVeelElementen(XMLLezer.maxElementen); parser.abortParsing(); return }
            var attributen: [String: String] = [:]
            for (sleutel, waarde) in attributeDict {
                // Namespace declarations are not attributes of the message; prefixed names by local part.
                if sleutel == "xmlns" || sleutel.hasPrefix("xmlns:") { continue }
                attributen[sleutel.split(separator: ":").last.map(String.init) ?? sleutel] = waarde
            }
            let lokaal = elementName.split(separator: ":").last.map(String.init) ?? elementName
            stapel.append(XMLKnoop(naam: lokaal, namespace: (namespaceURI?.isEmpty ?? true) ? nil : namespaceURI, attributen: attributen))
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            guard let klaar = stapel.popLast() else { return }
            if stapel.isEmpty { wortel = klaar } else { stapel[stapel.count - 1].kinderen.append(klaar) }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard !stapel.isEmpty else { return }
            stapel[stapel.count - 1].tekst += string
        }

        func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
            guard !stapel.isEmpty else { return }
            stapel[stapel.count - 1].tekst += String(decoding: CDATABlock, as: UTF8.self)
        }
    }
}

/// Writes XML text: every value escaped, nothing else to remember.
public struct XMLSchrijver: Sendable {
    public private(set) var tekst = ""

    public init() {}

    public mutating func open(_ naam: String, _ attributen: [(String, String)] = []) {
        tekst += "<" + naam
        for (n, w) in attributen { tekst += " \(n)=\"\(Self.escape(w, attribuut: true))\"" }
        tekst += ">"
    }

    public mutating func sluit(_ naam: String) { tekst += "</\(naam)>" }

    /// An element with text; nil writes nothing (an optional element left out).
    public mutating func element(_ naam: String, _ waarde: String?, _ attributen: [(String, String)] = []) {
        guard let waarde else { return }
        open(naam, attributen)
        tekst += Self.escape(waarde, attribuut: false)
        sluit(naam)
    }

    public mutating func element(_ naam: String, _ attributen: [(String, String)] = [], _ inhoud: (inout XMLSchrijver) -> Void) {
        open(naam, attributen)
        inhoud(&self)
        sluit(naam)
    }

    /// Escapes markup and drops what XML 1.0 cannot carry (C0 controls other than tab, LF, CR).
    public static func escape(_ s: String, attribuut: Bool) -> String {
        var uit = ""
        uit.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": uit += "&amp;"
            case "<": uit += "&lt;"
            case ">": uit += "&gt;"
            case "\"" where attribuut: uit += "&quot;"
            case "\n" where attribuut: uit += "&#10;"
            case "\r": uit += "&#13;"
            case "\t", "\n": uit.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                uit.unicodeScalars.append(scalar)
            }
        }
        return uit
    }
}
