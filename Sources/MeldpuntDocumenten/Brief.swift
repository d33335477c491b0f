/// A letter to a melder as the server prints it: A4, the meldpunt's letterhead top right, the
/// address where a window envelope shows it, the date, our reference and the subject, then the
/// text in 11 pt with generous spacing (B1: short paragraphs, nothing in small print that matters).
public struct Brief: Sendable, Equatable {
    public var datum: String
    public var kenmerk: String
    public var onderwerp: String
    /// The address lines as they go on the envelope: name, street and number, postcode and place.
    public var adres: [String]
    public var aanhef: String
    public var alineas: [String]
    public var groet: [String]

    public init(datum: String, kenmerk: String, onderwerp: String, adres: [String], aanhef: String, alineas: [String], groet: [String]) {
        self.datum = datum
        self.kenmerk = kenmerk
        self.onderwerp = onderwerp
        self.adres = adres
        self.aanhef = aanhef
        self.alineas = alineas
        self.groet = groet
    }
}

/// What every letter carries of the sender: the letterhead lines and the return address line.
public struct Briefpapier: Sendable, Equatable {
    public var naam: String
    public var briefhoofd: [String]
    public var retouradres: String
    /// "Datum", "Ons kenmerk", "Onderwerp", "Pagina", "van" in the letter's language.
    public var labels: Labels

    public struct Labels: Sendable, Equatable {
        public var datum: String
        public var kenmerk: String
        public var onderwerp: String
        public var pagina: String
        public var van: String

        public init(datum: String, kenmerk: String, onderwerp: String, pagina: String, van: String) {
            self.datum = datum
            self.kenmerk = kenmerk
            self.onderwerp = onderwerp
            self.pagina = pagina
            self.van = van
        }
    }

    public init(naam: String, briefhoofd: [String], retouradres: String, labels: Labels) {
        self.naam = naam
        self.briefhoofd = briefhoofd
        self.retouradres = retouradres
        self.labels = labels
    }
}

public enum Briefopmaak {
    /// The address field: 22 mm from the left edge and 50–80 mm from the top, at most 85 mm wide.
    /// That lies inside the window of the usual Dutch window envelopes for A4 (C5 and EA5/6 with the
    /// window on the left: about 15–20 mm from the left, 40–45 mm from the top, 35–45 mm high).
    public static let adresLinks = mm(22)
    public static let adresBoven = mm(50)
    public static let adresOnder = mm(80)
    public static let adresBreedte = mm(85)

    static let links = mm(22)
    static let tekstBreedte = mm(210 - 22 - 25)
    static let tekstGrootte = 11.0
    static let regelafstand = mm(5.4)
    static let onderkant = mm(272)

    /// One PDF with every letter, each starting on a new page (print-all is one file).
    public static func pdf(_ brieven: [Brief], papier: Briefpapier, titel: String, taal: String) -> [UInt8] {
        var doc = PDFDocument(titel: titel, taal: taal)
        for b in brieven { zet(b, papier: papier, in: &doc) }
        return doc.bytes()
    }

    /// The address lines that fit the field: long lines wrap, and what does not fit below the
    /// field's bottom is left off (the caller checks `adresPast` before a letter is offered).
    public static func adresregels(_ adres: [String]) -> [String] {
        // A line that fits stays as written (two spaces between postcode and place, as PostNL asks).
        adres.flatMap { PDFDocument.breedte($0, grootte: 10) <= adresBreedte ? [$0] : PDFDocument.regels($0, maximaal: adresBreedte, grootte: 10) }
    }

    /// Whether the address fits the window: at most six lines of 10 pt.
    public static func adresPast(_ adres: [String]) -> Bool {
        let r = adresregels(adres)
        return !r.isEmpty && r.count <= 6
    }

    static func zet(_ b: Brief, papier: Briefpapier, in doc: inout PDFDocument) {
        let begin = doc.aantalPaginas
        doc.nieuwePagina()
        // Letterhead, top right.
        var y = mm(18)
        doc.tekst(papier.naam, x: mm(118), y: y, grootte: 10, .vet)
        for r in papier.briefhoofd {
            for regel in PDFDocument.regels(r, maximaal: mm(72), grootte: 8.5) {
                y += mm(4)
                doc.tekst(regel, x: mm(118), y: y, grootte: 8.5)
            }
        }
        // Return address, small, at the top of the window; then the address.
        doc.tekst(PDFDocument.regels(papier.retouradres, maximaal: adresBreedte, grootte: 7).first ?? "", x: adresLinks, y: mm(47), grootte: 7)
        y = adresBoven + mm(4)
        for regel in adresregels(b.adres).prefix(6) {
            doc.tekst(regel, x: adresLinks, y: y, grootte: 10)
            y += mm(4.5)
        }
        // Date, reference and subject.
        y = mm(100)
        for (label, waarde) in [(papier.labels.datum, b.datum), (papier.labels.kenmerk, b.kenmerk)] {
            doc.tekst(label, x: links, y: y, grootte: 9)
            doc.tekst(waarde, x: links + mm(32), y: y, grootte: 9)
            y += mm(4.5)
        }
        doc.tekst(papier.labels.onderwerp, x: links, y: y, grootte: 9)
        for regel in PDFDocument.regels(b.onderwerp, maximaal: tekstBreedte - mm(32), grootte: 9, .vet) {
            doc.tekst(regel, x: links + mm(32), y: y, grootte: 9, .vet)
            y += mm(4.5)
        }
        // The text: salutation, paragraphs with a blank line between, the closing.
        y += mm(10)
        func alinea(_ s: String, _ lettertype: PDFDocument.Lettertype = .gewoon) {
            for regel in PDFDocument.regels(s, maximaal: tekstBreedte, grootte: tekstGrootte, lettertype) {
                if y > onderkant {
                    doc.nieuwePagina()
                    y = mm(25)
                }
                doc.tekst(regel, x: links, y: y, grootte: tekstGrootte, lettertype)
                y += regelafstand
            }
            y += regelafstand * 0.6
        }
        alinea(b.aanhef)
        for a in b.alineas { alinea(a) }
        y += regelafstand * 0.4
        alinea(b.groet.joined(separator: "\n"))
        // Page numbers with the reference, so a loose page finds its letter.
        let aantal = doc.aantalPaginas - begin
        for p in 0..<aantal {
            doc.zetOpPagina(begin + p, "\(papier.labels.pagina) \(p + 1) \(papier.labels.van) \(aantal) · \(b.kenmerk)", x: links, y: mm(285), grootte: 8)
        }
    }
}

extension PDFDocument {
    mutating func zetOpPagina(_ index: Int, _ s: String, x: Double, y: Double, grootte: Double) {
        paginas[index].append(Regel(x: x, y: Self.hoogte - y, grootte: grootte, lettertype: .gewoon, bytes: Self.winAnsi(s)))
    }
}
