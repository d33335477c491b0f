/// Standard texts for messages to melders and partners (issue 30), kept by beheer in Dutch and
/// English, with fields filled in when used: `{naam}`, `{zaaknummer}`, `{datum}`,
/// `{contactUiterlijk}`, `{volgendeStapDatum}`, `{organisatie}`.
public enum Standaardtekstdoel: String, CaseIterable, Codable, Sendable {
    /// A message to the melder (the case page's reply box).
    case melder
    /// A message to a partner organisation in a request.
    case partner
}

public struct StandaardtekstInvoer: Codable, Sendable, Equatable {
    public var titel: String?
    public var doel: String?
    public var tekstNl: String?
    public var tekstEn: String?

    public init(titel: String? = nil, doel: String? = nil, tekstNl: String? = nil, tekstEn: String? = nil) {
        self.titel = titel
        self.doel = doel
        self.tekstNl = tekstNl
        self.tekstEn = tekstEn
    }
}

public struct GeldigeStandaardtekst: Sendable, Equatable {
    public let titel: String
    public let doel: Standaardtekstdoel
    public let tekstNl: String
    /// nil: the Dutch text is used for English readers too.
    public let tekstEn: String?
}

public enum Standaardtekstvelden {
    public static let namen = ["naam", "zaaknummer", "datum", "contactUiterlijk", "volgendeStapDatum", "organisatie"]

    /// The text with each `{veld}` replaced by its value (an unknown or empty field: the brackets
    /// go, the name stays readable). One pass over the text.
    public static func vul(_ tekst: String, _ waarden: [String: String]) -> String {
        var uit = ""
        uit.reserveCapacity(tekst.utf8.count)
        var rest = Substring(tekst)
        while let open = rest.firstIndex(of: "{") {
            uit += rest[..<open]
            let na = rest[rest.index(after: open)...]
            guard let dicht = na.prefix(30).firstIndex(of: "}") else {
                uit.append("{")
                rest = na
                continue
            }
            let naam = String(na[..<dicht])
            uit += waarden[naam].flatMap { $0.isEmpty ? nil : $0 } ?? (namen.contains(naam) ? "…" : "{\(naam)}")
            rest = na[na.index(after: dicht)...]
        }
        return uit + rest
    }

    /// The `{…}` names in a text that are no field.
    public static func onbekend(_ tekst: String) -> [String] {
        var gevonden: [String] = []
        var rest = Substring(tekst)
        while let open = rest.firstIndex(of: "{") {
            let na = rest[rest.index(after: open)...]
            guard let dicht = na.prefix(30).firstIndex(of: "}") else { rest = na; continue }
            let naam = String(na[..<dicht])
            if !namen.contains(naam) && !gevonden.contains(naam) { gevonden.append(naam) }
            rest = na[na.index(after: dicht)...]
        }
        return gevonden
    }
}

/// A title, what it is for, the Dutch text (English optional), only known fields; every problem at once.
public func valideerStandaardtekst(_ v: StandaardtekstInvoer) throws(ValidatieFouten) -> GeldigeStandaardtekst {
    var f = Fouten()
    let titel = f.tekst(v.titel, .titel, max: 100, verplicht: true, wat: Tekst("Geef de tekst een titel, zoals ‘Wij wachten op de gemeente’.", "Give the text a title, such as ‘We are waiting for the municipality’.")) ?? ""
    let doel = v.doel.flatMap(Standaardtekstdoel.init(rawValue:))
    if doel == nil { f.fout(.doel, v.doel == nil ? "required" : "enum", Tekst("Kies voor wie de tekst is: de melder of een partner.", "Choose who the text is for: the melder or a partner.")) }
    let nl = f.tekst(v.tekstNl, .tekstNl, max: BehandelLimieten.maxBericht, verplicht: true, wat: Tekst("Schrijf de Nederlandse tekst.", "Write the Dutch text.")) ?? ""
    let en = f.tekst(v.tekstEn, .tekstEn, max: BehandelLimieten.maxBericht, verplicht: false) ?? ""
    for (veld, t) in [(Veldnaam.tekstNl, nl), (.tekstEn, en)] {
        let fout = Standaardtekstvelden.onbekend(t)
        if !fout.isEmpty {
            f.fout(Veld(veld), "onbekendVeld", Tekst("Onbekend veld \(fout.map { "{\($0)}" }.joined(separator: ", ")). Velden: \(Standaardtekstvelden.namen.map { "{\($0)}" }.joined(separator: ", ")).",
                                                   "Unknown field \(fout.map { "{\($0)}" }.joined(separator: ", ")). Fields: \(Standaardtekstvelden.namen.map { "{\($0)}" }.joined(separator: ", "))."))
        }
    }
    try f.klaar()
    guard let doel else { throw ValidatieFouten(f.lijst) }
    return GeldigeStandaardtekst(titel: titel, doel: doel, tekstNl: nl, tekstEn: en.isEmpty ? nil : en)
}
