import Foundation

/// Figures as tables (issue 14): what dashboards, exports, the public page and the yearly
/// evaluation show. One shape for all, so a table is drawn as a chart, shown as a table,
/// downloaded as CSV and served as JSON from the same value. Names are `Tekst`: both languages.
public enum Eenheid: String, Codable, Sendable, CaseIterable {
    /// A count of cases, requests, …
    case aantal
    /// Whole percent.
    case procent
    /// Days, one decimal.
    case dagen
    /// A mark from 1 to 5, one decimal.
    case cijfer
}

public struct Cijferrij: Codable, Sendable, Equatable {
    /// Stable key of the row (a raw value, a month "2026-11", an organisation's name).
    public let sleutel: String
    public let naam: Tekst
    /// Nil when suppressed (see `Onthulling`) or when there is nothing to compute it from.
    public let waarde: Double?
    /// True when the value is left out because it is too small to publish.
    public let onderdrukt: Bool
    /// The row's own unit where it differs from its table's (headline figures mix them).
    public let eenheid: Eenheid?

    public init(sleutel: String, naam: Tekst, waarde: Double?, onderdrukt: Bool = false, eenheid: Eenheid? = nil) {
        self.sleutel = sleutel
        self.naam = naam
        self.waarde = waarde
        self.onderdrukt = onderdrukt
        self.eenheid = eenheid
    }
}

public struct Cijfertabel: Codable, Sendable, Equatable {
    /// Stable id within its overview ("perMaand"), also the CSV's file name.
    public let id: String
    public let titel: Tekst
    /// What the rows are ("Maand", "Melder").
    public let kolom: Tekst
    public let eenheid: Eenheid
    /// Whether a chart helps (a distribution or a trend), or the table alone says it.
    public let grafiek: Bool
    public let rijen: [Cijferrij]

    public init(id: String, titel: Tekst, kolom: Tekst, eenheid: Eenheid = .aantal, grafiek: Bool = true, rijen: [Cijferrij]) {
        self.id = id
        self.titel = titel
        self.kolom = kolom
        self.eenheid = eenheid
        self.grafiek = grafiek
        self.rijen = rijen
    }

    /// The same table for publication: every count of 1 to 4 left out, and where the rows add up
    /// to a published total (`totaalGepubliceerd`), more counts left out until the hidden ones
    /// cannot be worked back from it (see `Onthulling.teHerleiden`). Only counts: a duration, a
    /// share or a mark is never hidden as if it were a count.
    public func onderdrukt(totaalGepubliceerd: Bool = false) -> Cijfertabel {
        func isTelling(_ r: Cijferrij) -> Bool { (r.eenheid ?? eenheid) == .aantal }
        var verborgen = Set(rijen.indices.filter { i in isTelling(rijen[i]) && rijen[i].waarde.map { Onthulling.teKlein(Int($0)) } ?? false })
        if totaalGepubliceerd {
            func waarde(_ i: Int) -> Int { Int(rijen[i].waarde ?? 0) }
            while !verborgen.isEmpty && Onthulling.teHerleiden(verborgen.map(waarde)) {
                // The smallest count still shown goes too (never a zero: it hides nobody).
                let kandidaten = rijen.indices.filter { !verborgen.contains($0) && isTelling(rijen[$0]) && waarde($0) > 0 }
                guard let volgende = kandidaten.min(by: { (waarde($0), $0) < (waarde($1), $1) }) else { break }
                verborgen.insert(volgende)
            }
        }
        return Cijfertabel(id: id, titel: titel, kolom: kolom, eenheid: eenheid, grafiek: grafiek, rijen: rijen.indices.map { i in
            let r = rijen[i]
            return verborgen.contains(i) ? Cijferrij(sleutel: r.sleutel, naam: r.naam, waarde: nil, onderdrukt: true, eenheid: r.eenheid) : r
        })
    }

    /// How a table is written to a file: RFC 4180 for systems (comma, decimal point, whatever the
    /// language), or the form a spreadsheet in the reader's language opens in columns (Dutch:
    /// semicolon and decimal comma).
    public enum CSVVorm: String, Sendable, CaseIterable { case rfc4180, spreadsheet }

    /// A header row, CRLF line ends, fields quoted where needed; UTF-8 is the caller's. A hidden
    /// count is "x" (as CBS writes it), a value there is nothing to compute from is empty.
    public func csv(_ taal: Taal, vorm: CSVVorm = .rfc4180) -> String {
        let gemengd = rijen.contains { $0.eenheid != nil && $0.eenheid != eenheid }
        let waardekop = gemengd ? Tekst("Waarde", "Value").tekst(taal) : Tekst("Waarde (\(eenheid.naam(.nl)))", "Value (\(eenheid.naam(.en)))").tekst(taal)
        let nederlands = vorm == .spreadsheet && taal == .nl
        var regels = [[kolom.tekst(taal), waardekop]]
        for r in rijen {
            let e = r.eenheid ?? eenheid
            let w = r.onderdrukt && e == .aantal ? "x" : r.waarde.map { nederlands ? e.tekst($0, .nl) : e.tekst($0) } ?? ""
            regels.append([r.naam.tekst(taal), w])
        }
        return CSV.tekst(regels, scheiding: nederlands ? ";" : ",")
    }
}

extension Eenheid {
    public func naam(_ taal: Taal) -> String {
        switch self {
        case .aantal: taal.kies("aantal", "count")
        case .procent: taal.kies("procent", "percent")
        case .dagen: taal.kies("dagen", "days")
        case .cijfer: taal.kies("cijfer 1–5", "mark 1–5")
        }
    }

    /// A value as written in a file for systems: counts and percentages whole, days and marks with one decimal.
    public func tekst(_ w: Double) -> String {
        switch self {
        case .aantal, .procent: String(Int(w.rounded()))
        case .dagen, .cijfer: String(format: "%.1f", w)
        }
    }

    /// The same for a reader: a decimal comma in Dutch ("4,5"), a point in English.
    public func tekst(_ w: Double, _ taal: Taal) -> String {
        let t = tekst(w)
        return taal == .nl ? t.replacingOccurrences(of: ".", with: ",") : t
    }
}

/// Small counts about people can point at someone: the public figures leave out every count
/// from 1 to 4, so that no count can be worked back from a total, and publish a median only of
/// 5 cases or more. Staff, and a partner in its own evaluation, see the real numbers.
public enum Onthulling {
    public static let drempel = 5
    public static func teKlein(_ n: Int) -> Bool { n > 0 && n < drempel }

    /// Whether hidden counts could be worked back from their published total: the reader knows
    /// how many are hidden (k) and what they add up to (s), and that each is at least 1. One hidden
    /// count is its own sum; k hidden counts adding up to k are all 1, to 4k all 4 (the most a
    /// count hidden for being small can be).
    public static func teHerleiden(_ verborgen: [Int]) -> Bool {
        let k = verborgen.count, s = verborgen.reduce(0, +)
        return k == 1 || s <= k || s >= 4 * k && verborgen.allSatisfy { $0 < drempel }
    }
}

/// Months put together for publication: each period shown holds 0 or at least 5 meldingen, so
/// that no total of the public figures, nor the difference of two, is a small count. A complete
/// year's small remainder joins the periods before it; the running year's waits for the next month.
public enum Maandblokken {
    public struct Blok: Sendable, Equatable {
        public let van: Dag
        public let tot: Dag
        public let aantal: Int
    }

    /// `maanden`: the first day of each complete month, in order, with its count.
    public static func vorm(_ maanden: [(Dag, Int)], jaarKlaar: Bool) -> [Blok] {
        var blokken: [Blok] = []
        var begin: Dag?, som = 0
        for (m, n) in maanden {
            let start = begin ?? m
            som += n
            begin = start
            if som == 0 || som >= Onthulling.drempel {
                blokken.append(Blok(van: start, tot: m.laatsteVanDeMaand, aantal: som))
                begin = nil
                som = 0
            }
        }
        if let begin, jaarKlaar, let laatste = maanden.last?.0 {
            // The year's small remainder joins the periods before it until together they hold 5
            // (a period of 0 before it would leave it small), or stands alone if it is all there is.
            var van = begin, aantal = som
            while aantal < Onthulling.drempel, let vorige = blokken.popLast() {
                van = vorige.van
                aantal += vorige.aantal
            }
            blokken.append(Blok(van: van, tot: laatste.laatsteVanDeMaand, aantal: aantal))
        }
        return blokken
    }
}

/// Comma-separated values as RFC 4180 writes them.
public enum CSV {
    public static func tekst(_ regels: [[String]], scheiding: Character = ",") -> String {
        regels.map { $0.map { veld($0, scheiding) }.joined(separator: String(scheiding)) }.joined(separator: "\r\n") + "\r\n"
    }

    /// Quoted when it holds a comma, quote or line break; a cell whose first character after
    /// any spaces is =, +, -, @ (or its full-width form), a tab or a CR gets a quote mark first,
    /// so a spreadsheet never runs it as a formula (CSV injection). Plain numbers stay numbers.
    static func veld(_ s: String, _ scheiding: Character = ",") -> String {
        var w = s
        let begin = w.unicodeScalars.first { $0 != " " }
        if let begin, "=+-@\t\r＝＋－＠".unicodeScalars.contains(begin), Double(w.trimmingCharacters(in: .whitespaces)) == nil {
            w = "'" + w
        }
        guard w.contains(where: { $0 == scheiding || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return w }
        return "\"" + w.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// How long a case took, in the buckets the dashboards show.
public enum Doorlooptijd: String, CaseIterable, Codable, Sendable {
    case week, tweeWeken, maand, tweeMaanden, kwartaal, langer

    public init(dagen: Int) {
        switch dagen {
        case ..<8: self = .week
        case ..<15: self = .tweeWeken
        case ..<31: self = .maand
        case ..<61: self = .tweeMaanden
        case ..<91: self = .kwartaal
        default: self = .langer
        }
    }

    public var naam: Tekst {
        switch self {
        case .week: Tekst("0–7 dagen", "0–7 days")
        case .tweeWeken: Tekst("8–14 dagen", "8–14 days")
        case .maand: Tekst("15–30 dagen", "15–30 days")
        case .tweeMaanden: Tekst("31–60 dagen", "31–60 days")
        case .kwartaal: Tekst("61–90 dagen", "61–90 days")
        case .langer: Tekst("meer dan 90 dagen", "more than 90 days")
        }
    }
}

/// A period of whole days, both ends included, as dashboards filter on.
public struct Periode: Sendable, Equatable, Codable {
    public let van: Dag
    public let tot: Dag

    public init(van: Dag, tot: Dag) {
        self.van = van
        self.tot = tot
    }

    /// From query text: both optional (default: up to today, and the year up to the end); every problem at once.
    /// `leegIsAfwezig`: an empty value counts as not given (a form's cleared date field); the API
    /// refuses it, as its document says a date.
    /// `vanafJaarbegin`: without a start, the calendar year of the end (the public figures).
    public static func valideer(van: String?, tot: String?, vandaag: Dag, leegIsAfwezig: Bool = true, vanafJaarbegin: Bool = false) throws(ValidatieFouten) -> Periode {
        var f = Fouten()
        func gegeven(_ w: String?) -> Bool { w != nil && !(leegIsAfwezig && w!.isEmpty) }
        let t = !gegeven(tot) ? vandaag : f.dag(tot, .tot, wat: Tekst("Vul de einddatum in als jjjj-mm-dd.", "Enter the end date as yyyy-mm-dd."))
        // Without a start: the year up to the end date.
        let standaardVan = vanafJaarbegin ? Dag(jaar: (t ?? vandaag).jaar, maand: 1, dag: 1)! : (try? (t ?? vandaag).plus(dagen: -364)) ?? vandaag
        let v = !gegeven(van) ? standaardVan : f.dag(van, .van, wat: Tekst("Vul de begindatum in als jjjj-mm-dd.", "Enter the start date as yyyy-mm-dd."))
        let bereik = Dag(jaar: 2000, maand: 1, dag: 1)!...Dag(jaar: 2100, maand: 12, dag: 31)!
        for (naam, d) in [(Veldnaam.van, v), (.tot, t)] where d.map({ !bereik.contains($0) }) ?? false {
            f.fout(naam, "buitenBereik", Tekst("Kies een datum tussen 2000 en 2100.", "Choose a date between 2000 and 2100."))
        }
        if let v, let t, v > t {
            f.fout(.van, "naTot", Tekst("De begindatum ligt na de einddatum.", "The start date is after the end date."))
        }
        if let v, let t, v.dagen(tot: t) > 3660 {
            f.fout(.van, "teLang", Tekst("Kies een periode van hoogstens tien jaar.", "Choose a period of at most ten years."))
        }
        try f.klaar()
        return Periode(van: v!, tot: t!)
    }

    /// The first days of the months the period touches, oldest first.
    public var maanden: [Dag] {
        var uit: [Dag] = []
        var m = Dag(jaar: van.jaar, maand: van.maand, dag: 1)!
        while m <= tot {
            uit.append(m)
            m = m.maand == 12 ? Dag(jaar: m.jaar + 1, maand: 1, dag: 1)! : Dag(jaar: m.jaar, maand: m.maand + 1, dag: 1)!
        }
        return uit
    }
}

extension Dag {
    /// The first day of this day's month.
    public var eersteVanDeMaand: Dag { Dag(jaar: jaar, maand: maand, dag: 1)! }

    /// The last day of this day's month.
    public var laatsteVanDeMaand: Dag {
        let volgende = maand == 12 ? Dag(jaar: jaar + 1, maand: 1, dag: 1)! : Dag(jaar: jaar, maand: maand + 1, dag: 1)!
        return (try? volgende.plus(dagen: -1)) ?? self
    }

    /// "november 2026", as a month is named in a table.
    public var maandnaam: Tekst {
        Tekst("\(Dag.maandnaam(maand, .nl)) \(jaar)", "\(Dag.maandnaam(maand, .en)) \(jaar)")
    }
}

/// A side's conclusion of a yearly evaluation: text, may be emptied.
public func valideerConclusie(_ tekst: String?) throws(ValidatieFouten) -> String? {
    var f = Fouten()
    let t = f.tekst(tekst, .conclusie, max: 20_000, verplicht: false)
    try f.klaar()
    return t
}

/// Text into HTML or SVG markup.
public enum Opmaak {
    /// The characters markup gives meaning escaped, in one pass over the scalars (Foundation's
    /// replacing, once per character, was most of a mail's CPU); `regels`: line breaks as `<br>`.
    public static func html(_ s: String, regels: Bool = false) -> String {
        var uit = ""
        uit.reserveCapacity(s.utf8.count + 16)
        for c in s.unicodeScalars {
            switch c {
            case "&": uit += "&amp;"
            case "<": uit += "&lt;"
            case ">": uit += "&gt;"
            case "\"": uit += "&quot;"
            case "'": uit += "&#39;"
            case "\n" where regels: uit += "<br>"
            default: uit.unicodeScalars.append(c)
            }
        }
        return uit
    }
}
