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

    /// The same table with every count of 1 to 4 left out (figures that leave the organisation).
    public func onderdrukt() -> Cijfertabel {
        Cijfertabel(id: id, titel: titel, kolom: kolom, eenheid: eenheid, grafiek: grafiek, rijen: rijen.map { r in
            guard (r.eenheid ?? eenheid) == .aantal, let w = r.waarde, Onthulling.teKlein(Int(w)) else { return r }
            return Cijferrij(sleutel: r.sleutel, naam: r.naam, waarde: nil, onderdrukt: true, eenheid: r.eenheid)
        })
    }

    /// RFC 4180: a header row, CRLF line ends, fields quoted where needed; UTF-8 is the caller's.
    public func csv(_ taal: Taal) -> String {
        let gemengd = rijen.contains { $0.eenheid != nil && $0.eenheid != eenheid }
        let waardekop = gemengd ? Tekst("Waarde", "Value").tekst(taal) : Tekst("Waarde (\(eenheid.naam(.nl)))", "Value (\(eenheid.naam(.en)))").tekst(taal)
        var regels = [[kolom.tekst(taal), waardekop]]
        for r in rijen {
            regels.append([r.naam.tekst(taal), r.onderdrukt ? "<5" : r.waarde.map { (r.eenheid ?? eenheid).tekst($0) } ?? ""])
        }
        return CSV.tekst(regels)
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

    /// A value as written in a table or file: counts and percentages whole, days and marks with one decimal.
    public func tekst(_ w: Double) -> String {
        switch self {
        case .aantal, .procent: String(Int(w.rounded()))
        case .dagen, .cijfer: String(format: "%.1f", w)
        }
    }
}

/// Small counts about people can point at someone: figures that leave the organisation (the
/// public page, the yearly evaluation with a partner) leave out every count from 1 to 4, and
/// any share or average computed from fewer than 5 cases.
public enum Onthulling {
    public static let drempel = 5
    public static func teKlein(_ n: Int) -> Bool { n > 0 && n < drempel }
}

/// Comma-separated values as RFC 4180 writes them.
public enum CSV {
    public static func tekst(_ regels: [[String]]) -> String {
        regels.map { $0.map(veld).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Quoted when it holds a comma, quote or line break; a cell whose first character after
    /// any spaces is =, +, -, @ (or its full-width form), a tab or a CR gets a quote mark first,
    /// so a spreadsheet never runs it as a formula (CSV injection). Plain numbers stay numbers.
    static func veld(_ s: String) -> String {
        var w = s
        let begin = w.unicodeScalars.first { $0 != " " }
        if let begin, "=+-@\t\r＝＋－＠".unicodeScalars.contains(begin), Double(w.trimmingCharacters(in: .whitespaces)) == nil {
            w = "'" + w
        }
        guard w.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return w }
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
    public static func valideer(van: String?, tot: String?, vandaag: Dag, leegIsAfwezig: Bool = true) throws(ValidatieFouten) -> Periode {
        var f = Fouten()
        func gegeven(_ w: String?) -> Bool { w != nil && !(leegIsAfwezig && w!.isEmpty) }
        let t = !gegeven(tot) ? vandaag : f.dag(tot, "tot", wat: Tekst("Vul de einddatum in als jjjj-mm-dd.", "Enter the end date as yyyy-mm-dd."))
        // Without a start: the year up to the end date.
        let standaardVan = (try? (t ?? vandaag).plus(dagen: -364)) ?? vandaag
        let v = !gegeven(van) ? standaardVan : f.dag(van, "van", wat: Tekst("Vul de begindatum in als jjjj-mm-dd.", "Enter the start date as yyyy-mm-dd."))
        let bereik = Dag(jaar: 2000, maand: 1, dag: 1)!...Dag(jaar: 2100, maand: 12, dag: 31)!
        for (naam, d) in [("van", v), ("tot", t)] where d.map({ !bereik.contains($0) }) ?? false {
            f.fout(naam, "buitenBereik", Tekst("Kies een datum tussen 2000 en 2100.", "Choose a date between 2000 and 2100."))
        }
        if let v, let t, v > t {
            f.fout("van", "naTot", Tekst("De begindatum ligt na de einddatum.", "The start date is after the end date."))
        }
        if let v, let t, v.dagen(tot: t) > 3660 {
            f.fout("van", "teLang", Tekst("Kies een periode van hoogstens tien jaar.", "Choose a period of at most ten years."))
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
    /// "november 2026", as a month is named in a table.
    public var maandnaam: Tekst {
        Tekst("\(Dag.maandnaam(maand, .nl)) \(jaar)", "\(Dag.maandnaam(maand, .en)) \(jaar)")
    }
}

/// A side's conclusion of a yearly evaluation: text, may be emptied.
public func valideerConclusie(_ tekst: String?) throws(ValidatieFouten) -> String? {
    var f = Fouten()
    let t = f.tekst(tekst, "conclusie", max: 20_000, verplicht: false)
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
