import Foundation

/// Finding structural errors across cases (issue 14): what a melding or terugmelding has in
/// common with others, and when such a group is worth a signaal.
///
/// Each case has a few features (registration, attribute, origin organisation, consequence,
/// bronhouder, its text). Every combination of features that points at one error source is a
/// `Patroonsleutel`; cases sharing a key within a window form a group. A group is proposed when
/// it is larger than that key usually sees (a busy gemeente's steady inflow is not a pattern)
/// and its descriptions are alike enough: the rule is `Patroonregels.isVoorstel`.
public struct Zaakkenmerken: Sendable, Equatable {
    public enum Bron: String, Codable, Sendable, CaseIterable {
        case melding, terugmelding
    }

    public struct Gevolgkenmerk: Sendable, Hashable, Codable {
        public let soort: GevolgSoort
        /// The organisation imposing it, as the melder wrote it (nil when not named).
        public let organisatie: String?
        public init(soort: GevolgSoort, organisatie: String?) {
            self.soort = soort
            self.organisatie = organisatie
        }
    }

    public var bron: Bron
    public var dag: Dag
    /// Registration codes (BRP, BRV, …) or the name of another registration.
    public var registraties: [String]
    /// Attribute URNs or names (terugmeldingen).
    public var attributen: [String]
    /// Where the error comes from: the analysis' origin organisation, a terugmelding's bronhouder.
    public var herkomst: String?
    public var gevolgen: [Gevolgkenmerk]
    /// The gemeente that keeps the data (terugmeldingen).
    public var bronhouder: String?
    /// The description in the reporter's words; never stored, only its stems and phrases.
    public var tekst: String
    /// The analysis found correct data, interpreted wrongly: such cases also group on their own,
    /// so that one organisation's misreading of a registration shows as a pattern.
    public var interpretatie = false

    public init(bron: Bron, dag: Dag, registraties: [String] = [], attributen: [String] = [], herkomst: String? = nil,
                gevolgen: [Gevolgkenmerk] = [], bronhouder: String? = nil, tekst: String = "") {
        self.bron = bron
        self.dag = dag
        self.registraties = registraties
        self.attributen = attributen
        self.herkomst = herkomst
        self.gevolgen = gevolgen
        self.bronhouder = bronhouder
        self.tekst = tekst
    }

    /// The keys this case is filed under (each once).
    public var sleutels: [Patroonsleutel] {
        var uit: [Patroonsleutel] = []
        func voeg(_ s: Patroonsleutel) { if !uit.contains(s) { uit.append(s) } }
        let regs = registraties.filter { !Patroonsleutel.vouw($0).isEmpty }
        for r in regs {
            for a in attributen where !Patroonsleutel.vouw(a).isEmpty {
                voeg(Patroonsleutel([.registratie(r), .attribuut(a)]))
            }
            if let h = herkomst, !Patroonsleutel.vouw(h).isEmpty {
                voeg(Patroonsleutel([.registratie(r), .herkomst(h)]))
            }
            if interpretatie {
                voeg(Patroonsleutel([.registratie(r), .interpretatie]))
                if let h = herkomst, !Patroonsleutel.vouw(h).isEmpty {
                    voeg(Patroonsleutel([.registratie(r), .herkomst(h), .interpretatie]))
                }
            }
            for g in gevolgen {
                voeg(Patroonsleutel([.registratie(r), .gevolg(g)]))
                if let h = herkomst, !Patroonsleutel.vouw(h).isEmpty {
                    voeg(Patroonsleutel([.registratie(r), .herkomst(h), .gevolg(g)]))
                }
            }
        }
        if let b = bronhouder, !Patroonsleutel.vouw(b).isEmpty {
            for a in attributen where !Patroonsleutel.vouw(a).isEmpty {
                voeg(Patroonsleutel([.bronhouder(b), .attribuut(a)]))
            }
        }
        return uit
    }
}

/// One combination of features several cases can share. `tekst` is what is matched (folded:
/// "CJIB" and "cjib " meet); the parts keep the words as first written, for the explanation.
public struct Patroonsleutel: Sendable, Hashable, Codable {
    public enum Deel: Sendable, Hashable, Codable {
        case registratie(String)
        case attribuut(String)
        case herkomst(String)
        case gevolg(Zaakkenmerken.Gevolgkenmerk)
        case bronhouder(String)
        /// Correct data, interpreted wrongly (the analysis' finding).
        case interpretatie
    }

    public let delen: [Deel]

    public init(_ delen: [Deel]) { self.delen = delen }

    /// The matched form: kind and folded value of each part.
    public var tekst: String {
        delen.map { deel in
            switch deel {
            case .registratie(let r): "r=" + Self.vouw(r)
            case .attribuut(let a): "a=" + Self.vouw(a)
            case .herkomst(let h): "h=" + Self.vouw(h)
            case .gevolg(let g): "g=" + g.soort.rawValue + "@" + Self.vouw(g.organisatie ?? "")
            case .bronhouder(let b): "b=" + Self.vouw(b)
            case .interpretatie: "i=onjuist"
            }
        }.joined(separator: "|")
    }

    public static func == (a: Patroonsleutel, b: Patroonsleutel) -> Bool { a.tekst == b.tekst }
    public func hash(into h: inout Hasher) { h.combine(tekst) }

    /// Case, accents, spaces and punctuation folded away; a separator in a value cannot split the key.
    public static func vouw(_ s: String) -> String {
        Tekstgelijkenis.woorden(s).joined(separator: " ")
    }

    /// "registratie BRV, herkomst RDW, gevolg boete bij CJIB"
    public func uitleg(_ taal: Taal) -> String {
        delen.map { deel in
            switch deel {
            case .registratie(let r): taal.kies("registratie \(r)", "registration \(r)")
            case .attribuut(let a): taal.kies("gegeven \(a)", "data item \(a)")
            case .herkomst(let h): taal.kies("herkomst \(h)", "origin \(h)")
            case .gevolg(let g):
                g.organisatie.map { taal.kies("gevolg \(g.soort.naam(.nl)) bij \($0)", "consequence \(g.soort.naam(.en)) at \($0)") }
                    ?? taal.kies("gevolg \(g.soort.naam(.nl))", "consequence \(g.soort.naam(.en))")
            case .bronhouder(let b): taal.kies("bronhouder \(b)", "keeper \(b)")
            case .interpretatie: taal.kies("juist gegeven, verkeerd uitgelegd", "correct data, interpreted wrongly")
            }
        }.joined(separator: ", ")
    }
}

extension GevolgSoort {
    public func naam(_ taal: Taal) -> String {
        switch self {
        case .terugvordering: taal.kies("terugvordering", "recovery of payment")
        case .boete: taal.kies("boete", "fine")
        case .stopgezetteToeslag: taal.kies("stopgezette toeslag", "stopped allowance")
        case .stopgezetteUitkering: taal.kies("stopgezette uitkering", "stopped benefit")
        case .incasso: taal.kies("incasso", "debt collection")
        case .anders: taal.kies("ander gevolg", "other consequence")
        }
    }
}

/// When a group of cases is proposed, and how proposals are ranked.
public enum Patroonregels {
    /// Cases belong together when they lie within this many days of each other.
    public static let vensterDagen = 30
    /// The usual level of a key is its count in the windows before, over this many windows.
    public static let basisVensters = 6
    /// Fewer cases than this are never a group.
    public static let minimaal = 3
    /// A group is proposed from this score on (see `score`).
    public static let grens = 6.0
    /// At most this many of a group's most recent cases are compared for text similarity (190 pairs).
    public static let vergelijkHoogstens = 20

    /// Cases above the key's usual level, weighed by how alike their descriptions are:
    /// `(aantal − gebruikelijk) × gewicht(gelijkenis)`. Texts no more alike than random ones
    /// (mean Jaccard ≤ 0.05) weigh ½ and every 0.1 above that adds 1. With no usual level,
    /// twelve cases are proposed whatever their words (terugmeldingen often carry none); six
    /// need a similarity of 0.1, four 0.15, three 0.2.
    public static func score(aantal: Int, gebruikelijk: Double, gelijkenis: Double) -> Double {
        max(0, Double(aantal) - gebruikelijk) * gewicht(gelijkenis)
    }

    /// What random descriptions of this length share: below it, words say nothing.
    public static let toevalsgelijkenis = 0.05

    public static func gewicht(_ gelijkenis: Double) -> Double {
        0.5 + 10 * max(0, gelijkenis - toevalsgelijkenis)
    }

    /// A group is proposed when it has at least `minimaal` cases, at least twice the key's usual
    /// level (a steady inflow, however alike, is not a burst) and a score of at least `grens`.
    public static func isVoorstel(aantal: Int, gebruikelijk: Double, gelijkenis: Double) -> Bool {
        aantal >= minimaal && Double(aantal) >= 2 * gebruikelijk && score(aantal: aantal, gebruikelijk: gebruikelijk, gelijkenis: gelijkenis) >= grens
    }

    /// The mean Jaccard similarity over all pairs; 0 for fewer than two.
    public static func gemiddeldeGelijkenis(_ kernen: [Set<String>]) -> Double {
        guard kernen.count >= 2 else { return 0 }
        var som = 0.0
        var paren = 0
        for i in 0..<kernen.count {
            for j in (i + 1)..<kernen.count {
                som += Tekstgelijkenis.gelijkenis(kernen[i], kernen[j])
                paren += 1
            }
        }
        return som / Double(paren)
    }

    /// Why these cases were grouped, in one sentence: "9 zaken in 30 dagen: registratie BRV,
    /// herkomst RDW, gevolg boete bij CJIB; 6 delen de zin ‘adres na verhuizing’."
    public static func uitleg(_ sleutel: Patroonsleutel, aantal: Int, dagen: Int, zinsdelen: [(zinsdeel: String, aantal: Int)], taal: Taal) -> String {
        var zin = taal.kies("\(aantal) zaken in \(dagen) \(dagen == 1 ? "dag" : "dagen"): ", "\(aantal) cases in \(dagen) \(dagen == 1 ? "day" : "days"): ")
            + sleutel.uitleg(taal)
        if let eerste = zinsdelen.first {
            zin += taal.kies("; \(eerste.aantal) delen de zin ‘\(eerste.zinsdeel)’", "; \(eerste.aantal) share the phrase ‘\(eerste.zinsdeel)’")
        }
        return zin + "."
    }
}

// MARK: The signalen register

/// What kind of structural error a signaal is about.
public enum SignaalSoort: String, CaseIterable, Codable, Sendable {
    case systeem, procedure, wetEnRegelgeving, interpretatie

    public func naam(_ taal: Taal) -> String {
        switch self {
        case .systeem: taal.kies("Systeem", "System")
        case .procedure: taal.kies("Procedure", "Procedure")
        case .wetEnRegelgeving: taal.kies("Wet- en regelgeving", "Laws and regulations")
        case .interpretatie: taal.kies("Interpretatie", "Interpretation")
        }
    }
}

/// The course of a signaal: found, fed back to the organisation, put on a body's agenda, closed.
public enum SignaalStatus: String, CaseIterable, Codable, Sendable {
    case gesignaleerd, teruggekoppeld, geagendeerd, opgelost, nietOpgelost

    public var isAfgesloten: Bool { self == .opgelost || self == .nietOpgelost }

    /// Feeding back to a further organisation and putting on a further agenda stay possible;
    /// closing is possible from every open state.
    public var volgende: Set<SignaalStatus> {
        switch self {
        case .gesignaleerd: [.teruggekoppeld, .geagendeerd, .opgelost, .nietOpgelost]
        case .teruggekoppeld: [.teruggekoppeld, .geagendeerd, .opgelost, .nietOpgelost]
        case .geagendeerd: [.teruggekoppeld, .geagendeerd, .opgelost, .nietOpgelost]
        case .opgelost, .nietOpgelost: []
        }
    }

    public func naam(_ taal: Taal) -> String {
        switch self {
        case .gesignaleerd: taal.kies("Gesignaleerd", "Identified")
        case .teruggekoppeld: taal.kies("Teruggekoppeld", "Fed back")
        case .geagendeerd: taal.kies("Geagendeerd", "On the agenda")
        case .opgelost: taal.kies("Opgelost", "Solved")
        case .nietOpgelost: taal.kies("Niet opgelost", "Not solved")
        }
    }
}

/// Why a step on a signaal was refused.
public enum SignaalFout: Error, Sendable, Equatable {
    case ongeldigeOvergang(van: SignaalStatus, naar: SignaalStatus)
    case hoogsteNiveau
    /// A partner answers only once the signaal was fed back to it.
    case nietTeruggekoppeld

    public var code: String {
        switch self {
        case .ongeldigeOvergang: "signaalOvergang"
        case .hoogsteNiveau: "hoogsteNiveau"
        case .nietTeruggekoppeld: "nietTeruggekoppeld"
        }
    }

    public func uitleg(_ taal: Taal) -> String {
        switch self {
        case .ongeldigeOvergang(let van, _) where van.isAfgesloten:
            taal.kies("Het signaal is afgesloten (\(van.naam(.nl).lowercased())); er verandert niets meer aan.",
                      "The signal is closed (\(van.naam(.en).lowercased())); nothing changes any more.")
        case .ongeldigeOvergang(let van, let naar):
            taal.kies("Van ‘\(van.naam(.nl))’ kan het signaal niet naar ‘\(naar.naam(.nl))’.", "From ‘\(van.naam(.en))’ the signal cannot go to ‘\(naar.naam(.en))’.")
        case .hoogsteNiveau:
            taal.kies("Het signaal is al interdepartementaal geëscaleerd; hoger kan niet.", "The signal has already been escalated interdepartmentally; there is no higher level.")
        case .nietTeruggekoppeld:
            taal.kies("Het Meldpunt heeft dit signaal (nog) niet aan uw organisatie teruggekoppeld.", "The Meldpunt has not fed this signal back to your organisation (yet).")
        }
    }
}

public func controleerSignaalOvergang(van: SignaalStatus, naar: SignaalStatus) throws(SignaalFout) {
    guard van.volgende.contains(naar) else { throw .ongeldigeOvergang(van: van, naar: naar) }
}

public enum SignaalLimieten {
    public static let maxTitel = 200
    public static let maxTekst = 10_000
    public static let maxLijst = 20
}

/// A new signaal, by hand or from a candidate (then the candidate's cases come along).
public struct NieuwSignaalInvoer: Codable, Sendable, Equatable {
    public var titel: String?
    public var omschrijving: String?
    public var soort: String?
    /// Registration codes or names.
    public var registraties: [String]?
    /// The organisations concerned, by OIN: they see the signaal in their portal once it is fed back to them.
    public var organisatieOins: [String]?

    public init(titel: String? = nil, omschrijving: String? = nil, soort: String? = nil, registraties: [String]? = nil, organisatieOins: [String]? = nil) {
        self.titel = titel
        self.omschrijving = omschrijving
        self.soort = soort
        self.registraties = registraties
        self.organisatieOins = organisatieOins
    }
}

public struct NieuwSignaal: Sendable, Equatable {
    public let titel: String
    public let omschrijving: String
    public let soort: SignaalSoort
    public let registraties: [String]
    public let organisatieOins: [String]
}

public func valideerNieuwSignaal(_ v: NieuwSignaalInvoer) throws(ValidatieFouten) -> NieuwSignaal {
    var f = Fouten()
    let titel = f.tekst(v.titel, .titel, max: SignaalLimieten.maxTitel, verplicht: true, wat: Tekst("Geef het signaal een titel.", "Give the signal a title."))
    let omschrijving = f.tekst(v.omschrijving, .omschrijving, max: SignaalLimieten.maxTekst, verplicht: true,
                               wat: Tekst("Beschrijf de structurele fout.", "Describe the structural error."))
    let soort = v.soort.flatMap(SignaalSoort.init(rawValue:))
    if soort == nil {
        f.fout(.soort, v.soort == nil ? "required" : "enum", Tekst("Kies de soort fout.", "Choose the kind of error."))
    }
    let registraties = lijst(v.registraties, .registraties, &f)
    // An empty OIN is a mistake, not an absence: every entry is checked.
    let oins = lijst(v.organisatieOins, .organisatieOins, &f, legeWeg: false)
    for (i, oin) in oins.enumerated() {
        do { try OIN.check(oin) } catch { f.fout(Veld(.organisatieOins)[i], error.code, error.uitleg) }
    }
    try f.klaar()
    return NieuwSignaal(titel: titel!, omschrijving: omschrijving!, soort: soort!, registraties: registraties, organisatieOins: oins)
}

private func lijst(_ waarden: [String]?, _ naam: Veldnaam, _ f: inout Fouten, legeWeg: Bool = true) -> [String] {
    f.lijstGrenzen(waarden ?? [], naam, maxAantal: SignaalLimieten.maxLijst, maxLengte: BehandelLimieten.maxKort)
    let w = (waarden ?? []).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !legeWeg || !$0.isEmpty }
    var gezien: Set<String> = []
    return w.filter { gezien.insert($0).inserted }
}

/// A step on a signaal. Which fields apply depends on the step; every problem is reported at once.
public struct SignaalStapInvoer: Codable, Sendable, Equatable {
    /// Feedback: the organisation (OIN) it goes to.
    public var organisatieOin: String?
    /// Agenda: the body (e.g. "Tactisch overleg BRP-afnemers") and the meeting day.
    public var orgaan: String?
    public var datum: String?
    /// Closing: `opgelost` or `nietOpgelost`.
    public var uitkomst: String?
    /// What was fed back, agreed, answered, or why it is escalated or closed.
    public var toelichting: String?

    public init(organisatieOin: String? = nil, orgaan: String? = nil, datum: String? = nil, uitkomst: String? = nil, toelichting: String? = nil) {
        self.organisatieOin = organisatieOin
        self.orgaan = orgaan
        self.datum = datum
        self.uitkomst = uitkomst
        self.toelichting = toelichting
    }
}

/// What a step asks for, validated.
public enum SignaalStap: Sendable, Equatable {
    case terugkoppeling(organisatieOin: String, toelichting: String)
    case agendering(orgaan: String, datum: Dag, toelichting: String?)
    case afsluiting(SignaalStatus, toelichting: String)
    case escalatie(reden: String)
    case antwoord(String)

    public enum Soort: String, Sendable, CaseIterable, Codable {
        case terugkoppeling, agendering, afsluiting, escalatie, antwoord
    }

    public static func valideer(_ soort: Soort, _ v: SignaalStapInvoer) throws(ValidatieFouten) -> SignaalStap {
        var f = Fouten()
        controleerOverige(soort, v, &f)
        switch soort {
        case .terugkoppeling:
            let oin = f.tekst(v.organisatieOin, .organisatieOin, max: 20, verplicht: true, wat: Tekst("Kies de organisatie.", "Choose the organisation."))
            if let oin { do { try OIN.check(oin) } catch { f.fout(.organisatieOin, error.code, error.uitleg) } }
            let t = f.tekst(v.toelichting, .toelichting, max: SignaalLimieten.maxTekst, verplicht: true,
                            wat: Tekst("Schrijf wat u de organisatie terugkoppelt.", "Write what you feed back to the organisation."))
            try f.klaar()
            return .terugkoppeling(organisatieOin: oin!, toelichting: t!)
        case .agendering:
            let orgaan = f.tekst(v.orgaan, .orgaan, max: BehandelLimieten.maxKort, verplicht: true,
                                 wat: Tekst("Noem het overleg of orgaan.", "Name the meeting or body."))
            let datum = f.dag(v.datum, .datum, wat: Tekst("Vul de datum van het overleg in.", "Enter the date of the meeting."))
            let t = f.tekst(v.toelichting, .toelichting, max: SignaalLimieten.maxTekst, verplicht: false)
            try f.klaar()
            return .agendering(orgaan: orgaan!, datum: datum!, toelichting: t)
        case .afsluiting:
            let uitkomst = v.uitkomst.flatMap(SignaalStatus.init(rawValue:)).flatMap { $0.isAfgesloten ? $0 : nil }
            if uitkomst == nil {
                f.fout(.uitkomst, v.uitkomst == nil ? "required" : "enum", Tekst("Kies of het opgelost is.", "Choose whether it was solved."))
            }
            let t = f.tekst(v.toelichting, .toelichting, max: SignaalLimieten.maxTekst, verplicht: true,
                            wat: Tekst("Schrijf wat de uitkomst is.", "Write what the outcome is."))
            try f.klaar()
            return .afsluiting(uitkomst!, toelichting: t!)
        case .escalatie:
            let t = f.tekst(v.toelichting, .toelichting, max: SignaalLimieten.maxTekst, verplicht: true,
                            wat: Tekst("Geef de reden: wat deed de organisatie (niet) met het signaal?", "Give the reason: what did (or didn't) the organisation do with the signal?"))
            try f.klaar()
            return .escalatie(reden: t!)
        case .antwoord:
            let t = f.tekst(v.toelichting, .toelichting, max: SignaalLimieten.maxTekst, verplicht: true,
                            wat: Tekst("Schrijf uw antwoord.", "Write your answer."))
            try f.klaar()
            return .antwoord(t!)
        }
    }

    /// A field another step uses, sent anyway, must still have its documented form: a wrong
    /// value is refused rather than silently dropped.
    private static func controleerOverige(_ soort: Soort, _ v: SignaalStapInvoer, _ f: inout Fouten) {
        if soort != .terugkoppeling, let oin = v.organisatieOin,
           oin.unicodeScalars.count != 20 || !oin.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || ("A"..."Z").contains($0) }) {
            f.fout(.organisatieOin, "pattern", Tekst("Een OIN is 20 cijfers of hoofdletters.", "An OIN is 20 digits or capital letters."))
        }
        if soort != .agendering {
            if let orgaan = v.orgaan, orgaan.schemaLengte > BehandelLimieten.maxKort {
                f.fout(.orgaan, "maxLength", Lengteregel.hoogstens(BehandelLimieten.maxKort))
            }
            if let datum = v.datum, Dag(datum) == nil {
                f.fout(.datum, "date", Tekst("Vul een datum in als jjjj-mm-dd.", "Enter a date as yyyy-mm-dd."))
            }
        }
        if soort != .afsluiting, let uitkomst = v.uitkomst, !["opgelost", "nietOpgelost"].contains(uitkomst) {
            f.fout(.uitkomst, "enum", Tekst("Kies opgelost of niet opgelost.", "Choose solved or not solved."))
        }
    }

    /// The state after this step (nil: the state stays).
    public func nieuweStatus(van: SignaalStatus) throws(SignaalFout) -> SignaalStatus? {
        if van.isAfgesloten { throw .ongeldigeOvergang(van: van, naar: doelStatus ?? van) }
        guard let doel = doelStatus else { return nil }
        try controleerSignaalOvergang(van: van, naar: doel)
        return doel
    }

    private var doelStatus: SignaalStatus? {
        switch self {
        case .terugkoppeling: .teruggekoppeld
        case .agendering: .geagendeerd
        case .afsluiting(let s, _): s
        case .escalatie, .antwoord: nil
        }
    }
}

/// What was learned from a signaal: shared with the organisations concerned, so it holds no personal data.
public struct KennisInvoer: Codable, Sendable, Equatable {
    public var geleerd: String?
    public var oplossingsroute: String?
    /// Whether the organisations concerned see it in their portal.
    public var delen: Bool?

    public init(geleerd: String? = nil, oplossingsroute: String? = nil, delen: Bool? = nil) {
        self.geleerd = geleerd
        self.oplossingsroute = oplossingsroute
        self.delen = delen
    }
}

public func valideerKennis(_ v: KennisInvoer) throws(ValidatieFouten) -> (geleerd: String, oplossingsroute: String?, delen: Bool) {
    var f = Fouten()
    let geleerd = f.tekst(v.geleerd, .geleerd, max: SignaalLimieten.maxTekst, verplicht: true,
                          wat: Tekst("Schrijf wat er geleerd is.", "Write what was learned."))
    let route = f.tekst(v.oplossingsroute, .oplossingsroute, max: SignaalLimieten.maxTekst, verplicht: false)
    if let geleerd, BSN.komtVoorIn(geleerd) || BSN.komtVoorIn(route ?? "") {
        f.fout(.geleerd, "persoonsgegeven", Tekst("Kennis wordt gedeeld: laat burgerservicenummers weg.", "Knowledge is shared: leave out citizen service numbers."))
    }
    try f.klaar()
    return (geleerd!, route, v.delen ?? false)
}

/// What happened on a signaal, as its course shows it.
public enum Signaalstapsoort: String, CaseIterable, Codable, Sendable {
    case aangemaakt, zakenToegevoegd, terugkoppeling, antwoord, agendering, escalatie, afsluiting, kennisVastgelegd
}

/// What staff decided about a proposed group.
public enum KandidaatStatus: String, CaseIterable, Codable, Sendable {
    case open, bevestigd, samengevoegd, afgewezen
}
