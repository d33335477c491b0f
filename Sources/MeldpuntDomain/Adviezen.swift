import Foundation

// The meldpunt's adviserende rol (notitie: "adviseren welke weg zij kunnen bewandelen … ook over
// de oplossing zelf"; intentieverklaring 7 and 14: "gevraagd en ongevraagd adviseren"): advice
// from the meldpunt to a bronhouder, beheerder or other partner, and what that organisation did
// with it. (A request of kind `advies` is the other way round: the meldpunt asks a partner.)

/// What the advice is about.
public enum AdviesOnderwerp: String, CaseIterable, Codable, Sendable {
    /// The way to a solution (which procedure, which organisation first).
    case route
    /// The solution itself.
    case oplossing
    /// The stelsel of basisregistraties, or the quality of (the use of) registrations in general.
    case stelsel
}

/// asked → given → followed, partly followed or not followed. Unasked advice starts as given.
public enum AdviesStatus: String, CaseIterable, Codable, Sendable {
    /// The organisation asked; the meldpunt has not advised yet.
    case gevraagd
    /// The meldpunt advised; the organisation has not said what it does with it.
    case gegeven
    case opgevolgd, deelsOpgevolgd, nietOpgevolgd

    public var isOpen: Bool { self == .gevraagd || self == .gegeven }

    /// The organisation's answers to advice given.
    public static let reacties: [AdviesStatus] = [.opgevolgd, .deelsOpgevolgd, .nietOpgevolgd]

    public var volgende: Set<AdviesStatus> {
        switch self {
        case .gevraagd: [.gegeven]
        case .gegeven: Set(Self.reacties)
        case .opgevolgd, .deelsOpgevolgd, .nietOpgevolgd: []
        }
    }
}

public enum AdviesFout: Error, Equatable, Sendable {
    case ongeldigeOvergang(van: AdviesStatus, naar: AdviesStatus)

    public func uitleg(_ taal: Taal) -> String {
        switch self {
        case .ongeldigeOvergang(let van, _):
            switch van {
            case .gevraagd: taal.kies("Het Meldpunt heeft nog geen advies gegeven; reageren kan daarna.", "The Meldpunt has not given advice yet; you can respond after that.")
            case .gegeven: taal.kies("Het advies is al gegeven.", "The advice has already been given.")
            case .opgevolgd, .deelsOpgevolgd, .nietOpgevolgd:
                taal.kies("Op dit advies is al gereageerd (‘\(van.naam(.nl))’); er verandert niets meer aan.",
                          "This advice has already been answered (‘\(van.naam(.en))’); nothing changes any more.")
            }
        }
    }
}

extension AdviesStatus {
    public func naam(_ taal: Taal) -> String {
        switch self {
        case .gevraagd: taal.kies("Gevraagd", "Asked")
        case .gegeven: taal.kies("Gegeven", "Given")
        case .opgevolgd: taal.kies("Opgevolgd", "Followed")
        case .deelsOpgevolgd: taal.kies("Deels opgevolgd", "Partly followed")
        case .nietOpgevolgd: taal.kies("Niet opgevolgd", "Not followed")
        }
    }
}

extension AdviesOnderwerp {
    public func naam(_ taal: Taal) -> String {
        switch self {
        case .route: taal.kies("De weg naar een oplossing", "The way to a solution")
        case .oplossing: taal.kies("De oplossing zelf", "The solution itself")
        case .stelsel: taal.kies("Het stelsel van registraties", "The system of registrations")
        }
    }
}

public func controleerAdviesOvergang(van: AdviesStatus, naar: AdviesStatus) throws(AdviesFout) {
    guard van.volgende.contains(naar) else { throw .ongeldigeOvergang(van: van, naar: naar) }
}

public enum AdviesLimieten {
    public static let maxTekst = 10_000
}

// MARK: An organisation asks

/// A partner asks the meldpunt for advice (portal or API), optionally about a case it has a
/// request on.
public struct AdviesvraagInvoer: Codable, Sendable, Equatable {
    public var onderwerp: String?
    public var vraag: String?
    public var zaaknummer: String?
    public init(onderwerp: String? = nil, vraag: String? = nil, zaaknummer: String? = nil) {
        self.onderwerp = onderwerp
        self.vraag = vraag
        self.zaaknummer = zaaknummer
    }
}

public struct Adviesvraag: Sendable, Equatable {
    public let onderwerp: AdviesOnderwerp
    public let vraag: String
    public let zaaknummer: Zaaknummer?
}

public func valideerAdviesvraag(_ v: AdviesvraagInvoer) throws(ValidatieFouten) -> Adviesvraag {
    var f = Fouten()
    let onderwerp = adviesOnderwerp(v.onderwerp, &f)
    let vraag = f.tekst(v.vraag, .vraag, max: AdviesLimieten.maxTekst, verplicht: true,
                        wat: Tekst("Schrijf uw vraag aan het Meldpunt.", "Write your question to the Meldpunt."))
    let zaak = zaaknummer(v.zaaknummer, &f)
    try f.klaar()
    return Adviesvraag(onderwerp: onderwerp!, vraag: vraag!, zaaknummer: zaak)
}

// MARK: The meldpunt advises

/// The meldpunt's advice: unasked (organisation and subject named) or on a question (both known).
public struct AdviesInvoer: Codable, Sendable, Equatable {
    public var organisatieOin: String?
    public var onderwerp: String?
    public var advies: String?
    /// The day the meldpunt asks what became of it, when the organisation has not said by then.
    public var opvolgenOp: String?
    public var zaaknummer: String?
    public init(organisatieOin: String? = nil, onderwerp: String? = nil, advies: String? = nil, opvolgenOp: String? = nil, zaaknummer: String? = nil) {
        self.organisatieOin = organisatieOin
        self.onderwerp = onderwerp
        self.advies = advies
        self.opvolgenOp = opvolgenOp
        self.zaaknummer = zaaknummer
    }
}

public struct Advies: Sendable, Equatable {
    /// Nil when answering a question (the question's organisation and subject hold).
    public let organisatieOin: String?
    public let onderwerp: AdviesOnderwerp?
    public let advies: String
    public let opvolgenOp: Dag
    public let zaaknummer: Zaaknummer?
}

/// `opVraag`: the advice answers an organisation's question, whose organisation, subject and
/// case hold; those fields are then refused rather than silently ignored.
public func valideerAdvies(_ v: AdviesInvoer, opVraag: Bool, vandaag: Dag) throws(ValidatieFouten) -> Advies {
    var f = Fouten()
    var onderwerp: AdviesOnderwerp?
    var oin: String?
    var zaak: Zaaknummer?
    if opVraag {
        for (naam, waarde) in [(Veldnaam.organisatieOin, v.organisatieOin), (.onderwerp, v.onderwerp), (.zaaknummer, v.zaaknummer)] where waarde != nil {
            f.fout(naam, "nietBijVraag", Tekst("Hoort niet bij een antwoord op een vraag: de vraag bepaalt dit al.", "Does not belong with an answer to a question: the question already decides this."))
        }
    } else {
        oin = f.tekst(v.organisatieOin, .organisatieOin, max: 20, verplicht: true, wat: Tekst("Kies de organisatie die u adviseert.", "Choose the organisation you advise."))
        onderwerp = adviesOnderwerp(v.onderwerp, &f)
        zaak = zaaknummer(v.zaaknummer, &f)
    }
    let advies = f.tekst(v.advies, .advies, max: AdviesLimieten.maxTekst, verplicht: true, wat: Tekst("Schrijf uw advies.", "Write your advice."))
    let opvolgen = f.dag(v.opvolgenOp, .opvolgenOp, wat: Tekst("Vul in wanneer u navraagt wat de organisatie met het advies deed.", "Enter when you will ask what the organisation did with the advice."),
                         vanaf: (vandaag, "verleden", Tekst("Deze datum ligt in het verleden.", "This date is in the past.")))
    try f.klaar()
    return Advies(organisatieOin: oin, onderwerp: onderwerp, advies: advies!, opvolgenOp: opvolgen!, zaaknummer: zaak)
}

// MARK: The organisation answers

public struct AdviesReactieInvoer: Codable, Sendable, Equatable {
    public var reactie: String?
    public var toelichting: String?
    public init(reactie: String? = nil, toelichting: String? = nil) {
        self.reactie = reactie
        self.toelichting = toelichting
    }
}

/// What the organisation did with the advice; not (wholly) following it needs a reason.
public func valideerAdviesreactie(_ v: AdviesReactieInvoer) throws(ValidatieFouten) -> (reactie: AdviesStatus, toelichting: String?) {
    var f = Fouten()
    let reactie = v.reactie.flatMap(AdviesStatus.init(rawValue:)).flatMap { AdviesStatus.reacties.contains($0) ? $0 : nil }
    if reactie == nil {
        f.fout(.reactie, v.reactie == nil ? "required" : "enum", Tekst("Kies wat uw organisatie met het advies doet.", "Choose what your organisation does with the advice."))
    }
    let toelichting = f.tekst(v.toelichting, .toelichting, max: AdviesLimieten.maxTekst, verplicht: reactie != nil && reactie != .opgevolgd,
                              wat: Tekst("Leg uit waarom uw organisatie het advies niet (helemaal) opvolgt.", "Explain why your organisation does not (fully) follow the advice."))
    try f.klaar()
    return (reactie!, toelichting)
}

// MARK: Shared

private func adviesOnderwerp(_ raw: String?, _ f: inout Fouten) -> AdviesOnderwerp? {
    let o = raw.flatMap(AdviesOnderwerp.init(rawValue:))
    if o == nil {
        f.fout(.onderwerp, (raw ?? "").isEmpty ? "required" : "enum",
               Tekst("Kies waar het advies over gaat: de weg naar een oplossing, de oplossing zelf of het stelsel.",
                     "Choose what the advice is about: the way to a solution, the solution itself or the system."))
    }
    return o
}

/// Absent, or exactly as the API document's pattern says (the pages send an empty field as absent).
func zaaknummer(_ raw: String?, _ f: inout Fouten) -> Zaaknummer? {
    guard let raw else { return nil }
    guard let z = Zaaknummer(raw), z.description == raw else {
        f.fout(.zaaknummer, "zaaknummer", Tekst("Een zaaknummer ziet eruit als MFO-2026-000123.", "A case number looks like MFO-2026-000123."))
        return nil
    }
    return z
}
