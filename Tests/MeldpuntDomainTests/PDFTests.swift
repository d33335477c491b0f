import Foundation
import PropertyBased
import Testing
@testable import MeldpuntDocumenten

/// The PDF writer read back by a small independent reader: the cross-reference table must
/// point at every object, and the text drawn must be the text given, where it was put.
@Suite("PDF: brieven als A4-pagina's")
struct PDFTests {
    /// One drawn line: font, size, position from the page's bottom-left, the string's bytes.
    struct Getekend: Equatable {
        let font: String
        let x: Double
        let y: Double
        let tekst: [UInt8]
    }

    static func latin1(_ bytes: [UInt8]) -> String { String(bytes.map { Character(Unicode.Scalar($0)) }) }

    /// Checks the file's structure and returns per page what it draws.
    static func lees(_ pdf: [UInt8]) throws -> [[Getekend]] {
        let s = latin1(pdf)
        #expect(s.hasPrefix("%PDF-1.4\n"))
        #expect(s.hasSuffix("%%EOF\n"))
        // startxref → "xref", and every in-use entry → "n 0 obj".
        let start = try #require(s.range(of: "startxref\n", options: .backwards))
        let xref = try #require(Int(s[start.upperBound...].prefix { $0.isNumber }))
        let bytes = Array(s.unicodeScalars)
        #expect(String(String.UnicodeScalarView(bytes[xref..<xref + 4])) == "xref")
        let tabel = s[s.index(s.startIndex, offsetBy: xref)...].split(separator: "\n")
        let aantal = try #require(Int(tabel[1].split(separator: " ")[1]))
        for n in 1..<aantal {
            let regel = tabel[2 + n]
            #expect(regel.count == 19 && regel.hasSuffix(" 00000 n "))
            let offset = try #require(Int(regel.prefix(10)))
            #expect(String(String.UnicodeScalarView(bytes[offset..<offset + "\(n) 0 obj".count])) == "\(n) 0 obj")
        }
        // The content streams, in page order (each page object is followed by its contents).
        var paginas: [[Getekend]] = []
        var rest = s[...]
        while let stroom = rest.range(of: "stream\n") {
            let eind = try #require(rest.range(of: "endstream", range: stroom.upperBound..<rest.endIndex))
            let inhoud = rest[stroom.upperBound..<eind.lowerBound]
            paginas.append(try regels(String(inhoud)))
            rest = rest[eind.upperBound...]
        }
        return paginas
    }

    static func regels(_ stroom: String) throws -> [Getekend] {
        try stroom.split(separator: "\n").map { r in
            // BT /F1 11 Tf 62.36 700 Td (…) Tj ET
            let delen = r.split(separator: " ", maxSplits: 7)
            #expect(delen[0] == "BT" && delen[3] == "Tf" && delen[6] == "Td")
            let open = try #require(r.firstIndex(of: "(")), dicht = try #require(r.range(of: ") Tj ET", options: .backwards))
            var uit: [UInt8] = []
            var i = r.index(after: open)
            while i < dicht.lowerBound {
                let c = r[i]
                if c == "\\" {
                    let volgende = r[r.index(after: i)]
                    if volgende.isNumber {
                        let octaal = r[r.index(after: i)..<r.index(i, offsetBy: 4)]
                        uit.append(UInt8(octaal, radix: 8)!)
                        i = r.index(i, offsetBy: 4)
                        continue
                    }
                    uit.append(UInt8(volgende.unicodeScalars.first!.value))
                    i = r.index(i, offsetBy: 2)
                    continue
                }
                #expect(c != "(" && c != ")", "an unescaped parenthesis in \(r)")
                uit.append(UInt8(c.unicodeScalars.first!.value))
                i = r.index(after: i)
            }
            return Getekend(font: String(delen[1]), x: Double(delen[4])!, y: Double(delen[5])!, tekst: uit)
        }
    }

    @Test func winAnsiVoorNederlandsEnWatErNietInPastWordtEenVraagteken() {
        #expect(PDFDocument.winAnsi("café ’t € – “ë”") == [0x63, 0x61, 0x66, 0xE9, 0x20, 0x92, 0x74, 0x20, 0x80, 0x20, 0x96, 0x20, 0x93, 0xEB, 0x94])
        #expect(PDFDocument.winAnsi("łő😀") == [0x3F, 0x3F, 0x3F])
        #expect(PDFDocument.winAnsi("a\tb\u{7}") == [0x61, 0x20, 0x62, 0x20])
    }

    @Test func breedteUitDeMetriekVanHelvetica() {
        // Adobe's metrics: "W" 944, "i" 222, space 278 (regular); "W" 944, "i" 278 (bold).
        #expect(PDFDocument.breedte("W i", grootte: 10) == (944 + 278 + 222) / 100.0)
        #expect(PDFDocument.breedte("W i", grootte: 10, .vet) == (944 + 278 + 278) / 100.0)
    }

    @Test func regelsBrekenBijSpatiesEnPassen() {
        let tekst = "Wij hebben uw melding ontvangen en nemen uiterlijk vrijdag contact met u op. Samen kijken we wat er fout is."
        let regels = PDFDocument.regels(tekst, maximaal: 150, grootte: 11)
        #expect(regels.count > 2)
        for r in regels { #expect(PDFDocument.breedte(r, grootte: 11) <= 150) }
        #expect(regels.joined(separator: " ") == tekst)
        // A line break in the text stays one; an empty line stays empty.
        #expect(PDFDocument.regels("een\n\ntwee", maximaal: 500, grootte: 11) == ["een", "", "twee"])
    }

    @Test func eenWoordLangerDanDeRegelWordtGeknipt() {
        let link = "https://meldpunt.example.nl/status/" + String(repeating: "Ab9", count: 40)
        let regels = PDFDocument.regels("Adres: " + link, maximaal: 200, grootte: 11)
        for r in regels { #expect(PDFDocument.breedte(r, grootte: 11) <= 200) }
        #expect(regels.joined().replacingOccurrences(of: " ", with: "") == ("Adres:" + link))
    }

    @Test func regelsZijnAltijdSmallerDanDeMaatEnVerliezenNiets() async {
        await propertyCheck(input: Gen.letterOrNumber.array(of: 0...12).map { String($0) }.array(of: 0...40)) { woorden in
            let tekst = woorden.joined(separator: " ")
            let regels = PDFDocument.regels(tekst, maximaal: 60, grootte: 11)
            for r in regels { #expect(PDFDocument.breedte(r, grootte: 11) <= 60) }
            #expect(regels.joined().filter { $0 != " " } == tekst.filter { $0 != " " })
        }
    }

    @Test func haakjesEnBackslashWordenOntsnapt() throws {
        var doc = PDFDocument(titel: "Toets (1)", taal: "nl")
        doc.tekst("a (b) \\ c é", x: 10, y: 20, grootte: 11)
        let pagina = try #require(try Self.lees(doc.bytes()).first)
        #expect(pagina == [Getekend(font: "/F1", x: 10, y: 821.89, tekst: PDFDocument.winAnsi("a (b) \\ c é"))])
    }

    static let papier = Briefpapier(naam: "Meldpunt Fouten in Overheidsregistraties", briefhoofd: ["Postbus 12345", "2500 AA  Den Haag", "Telefoon 0800 123 45 67"],
                                    retouradres: "Meldpunt, Postbus 12345, 2500 AA  Den Haag",
                                    labels: .init(datum: "Datum", kenmerk: "Ons kenmerk", onderwerp: "Onderwerp", pagina: "Pagina", van: "van"))

    static func brief(alineas: [String]) -> Brief {
        Brief(datum: "7 december 2026", kenmerk: "MFO-2026-000042", onderwerp: "Wij hebben uw melding ontvangen",
              adres: ["J. de Vries", "Dorpsstraat 1", "1234 AB  AMSTERDAM"], aanhef: "Beste J. de Vries,", alineas: alineas,
              groet: ["Met vriendelijke groet,", "", "Meldpunt Fouten in Overheidsregistraties"])
    }

    @Test func hetAdresStaatInHetVensterVanDeEnvelop() throws {
        let pdf = Briefopmaak.pdf([Self.brief(alineas: ["Bedankt voor uw melding."])], papier: Self.papier, titel: "Brief", taal: "nl")
        let paginas = try Self.lees(pdf)
        #expect(paginas.count == 1)
        let adres = paginas[0].filter { ["J. de Vries", "Dorpsstraat 1", "1234 AB  AMSTERDAM"].map(PDFDocument.winAnsi).contains($0.tekst) }
        #expect(adres.count == 3)
        for r in adres {
            // From the top: between 50 and 80 mm; from the left: 22 mm; fits 85 mm.
            let vanBoven = PDFDocument.hoogte - r.y
            #expect(vanBoven > mm(50) && vanBoven < mm(80))
            #expect(abs(r.x - mm(22)) < 0.01)
            #expect(PDFDocument.breedte(Self.latin1(r.tekst), grootte: 10) <= mm(85))
        }
        let teksten = paginas[0].map { Self.latin1($0.tekst) }
        #expect(teksten.contains("Bedankt voor uw melding."))
        #expect(teksten.contains("MFO-2026-000042"))
        #expect(teksten.contains("Pagina 1 van 1 · MFO-2026-000042"))
        #expect(Self.latin1(pdf).contains("/Lang <FEFF006E006C>"))
    }

    @Test func eenLangeBriefLooptDoorOpEenTweedePaginaEnAllesInEenBestand() throws {
        let lang = Array(repeating: "Dit is een alinea met genoeg woorden om een paar regels te vullen op een A4-pagina van een brief aan de melder.", count: 30)
        let pdf = Briefopmaak.pdf([Self.brief(alineas: lang), Self.brief(alineas: ["Kort."])], papier: Self.papier, titel: "Brieven", taal: "nl")
        let paginas = try Self.lees(pdf)
        let n = paginas.count - 1
        #expect(n >= 2)
        let voet = paginas.map { p in p.map { Self.latin1($0.tekst) }.filter { $0.hasPrefix("Pagina ") } }
        #expect(voet == (1...n).map { ["Pagina \($0) van \(n) · MFO-2026-000042"] } + [["Pagina 1 van 1 · MFO-2026-000042"]])
        // Nothing below the footer line, nothing off the page.
        for p in paginas { for r in p { #expect(r.y >= PDFDocument.hoogte - mm(286) && r.y <= PDFDocument.hoogte) } }
    }

    @Test func eenAdresPastAlleenAlsHetInZesRegelsGaat() {
        #expect(Briefopmaak.adresPast(["A", "B", "C"]))
        #expect(!Briefopmaak.adresPast([]))
        #expect(!Briefopmaak.adresPast(Array(repeating: "Regel", count: 7)))
    }
}
