import Foundation

/// The life of an MFO case (melding) as meldpunt staff work it (seeds/000, DOMAIN.md "MFO").
public enum MeldingStatus: String, CaseIterable, Codable, Sendable {
    /// Received; no personal contact yet.
    case ontvangen
    /// First personal contact made and a behandelaar assigned.
    case intake
    /// Origin, impact and complexity being analysed.
    case analyse
    /// Role chosen; the meldpunt guides, coordinates or advises.
    case inBehandeling
    /// Requests to partner organisations are open.
    case wachtOpOrganisaties
    /// Closed with an outcome.
    case gesloten

    public var volgende: Set<MeldingStatus> {
        switch self {
        case .ontvangen: [.intake, .gesloten]
        case .intake: [.analyse, .gesloten]
        case .analyse: [.inBehandeling, .gesloten]
        case .inBehandeling: [.wachtOpOrganisaties, .gesloten]
        case .wachtOpOrganisaties: [.inBehandeling, .gesloten]
        case .gesloten: []
        }
    }

    public var isGesloten: Bool { self == .gesloten }

    /// What the melder sees, in plain language (B1).
    public var fase: MelderFase {
        switch self {
        case .ontvangen: .ontvangen
        case .intake, .analyse, .inBehandeling: .inBehandeling
        case .wachtOpOrganisaties: .wachtOpOrganisaties
        case .gesloten: .afgerond
        }
    }
}

/// The steps the melder's status page shows.
public enum MelderFase: String, CaseIterable, Codable, Sendable {
    case ontvangen, inBehandeling, wachtOpOrganisaties, afgerond

    public var tekst: String {
        switch self {
        case .ontvangen: "We hebben uw melding ontvangen."
        case .inBehandeling: "We werken aan uw melding."
        case .wachtOpOrganisaties: "We wachten op een antwoord van de organisaties."
        case .afgerond: "Uw melding is afgerond."
        }
    }
}

/// How a case ends.
public enum MeldingUitkomst: String, CaseIterable, Codable, Sendable {
    case opgelost, deelsOpgelost
    /// The data were right; the organisation read or applied them wrongly and put that right.
    case interpretatieHersteld
    case nietOpgelost, doorverwezen, buitenScope, ingetrokken
    /// The same question as another case, which handles it on (closed by merging, never chosen when closing).
    case samengevoegd

    /// An outcome that says the melder's problem was (partly) solved.
    public var isOpgelost: Bool { self == .opgelost || self == .deelsOpgelost || self == .interpretatieHersteld }
}

/// What a melding is about: a data item that is wrong, or a right one that an organisation read
/// or applied wrongly (the notitie: "gegevens toch blijken te kloppen, maar … door onjuiste
/// interpretatie"). The melder says which at intake; the analysis records what staff found.
public enum Probleemsoort: String, CaseIterable, Codable, Sendable {
    case onjuistGegeven, onjuisteInterpretatie
}

public enum MeldingOvergangFout: Error, Equatable, Sendable {
    case ongeldigeOvergang(van: MeldingStatus, naar: MeldingStatus)
    /// Closing needs an outcome; a role needs a finished analysis.
    case ontbreekt(Vereiste)

    /// What must be recorded before the step.
    public enum Vereiste: String, Sendable, CaseIterable {
        case eersteContact, analyse, uitkomst
    }
}

/// Checks a step of the case model. Closing always needs an outcome.
public func controleerMeldingOvergang(van: MeldingStatus, naar: MeldingStatus, uitkomst: MeldingUitkomst? = nil) throws(MeldingOvergangFout) {
    guard van.volgende.contains(naar) else { throw .ongeldigeOvergang(van: van, naar: naar) }
    if naar == .gesloten && uitkomst == nil { throw .ontbreekt(.uitkomst) }
}

// MARK: Role

/// The role the meldpunt plays, from light to heavy.
public enum MeldpuntRol: String, CaseIterable, Codable, Sendable, Comparable {
    case begeleidend, coordinerend, adviserend

    public static func < (a: MeldpuntRol, b: MeldpuntRol) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

public enum Complexiteit: String, CaseIterable, Codable, Sendable {
    case laag, midden, hoog
}

/// The analysis that must exist before a role is chosen.
public struct Analyse: Codable, Sendable, Equatable {
    /// Where the error started: organisation and registration.
    public var oorsprongOrganisatie: String
    public var oorsprongRegistratie: String
    /// Other organisations and registrations affected.
    public var geraakteOrganisaties: [String]
    public var geraakteRegistraties: [String]
    public var complexiteit: Complexiteit
    /// What staff found: a wrong data item, or a right one interpreted wrongly.
    public var bevinding: Probleemsoort

    public init(oorsprongOrganisatie: String, oorsprongRegistratie: String, geraakteOrganisaties: [String] = [],
                geraakteRegistraties: [String] = [], complexiteit: Complexiteit, bevinding: Probleemsoort = .onjuistGegeven) {
        self.oorsprongOrganisatie = oorsprongOrganisatie
        self.oorsprongRegistratie = oorsprongRegistratie
        self.geraakteOrganisaties = geraakteOrganisaties
        self.geraakteRegistraties = geraakteRegistraties
        self.complexiteit = complexiteit
        self.bevinding = bevinding
    }

    private enum CodingKeys: String, CodingKey {
        case oorsprongOrganisatie, oorsprongRegistratie, geraakteOrganisaties, geraakteRegistraties, complexiteit, bevinding
    }

    /// Analyses stored before the finding existed were all about a wrong data item.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        oorsprongOrganisatie = try c.decode(String.self, forKey: .oorsprongOrganisatie)
        oorsprongRegistratie = try c.decode(String.self, forKey: .oorsprongRegistratie)
        geraakteOrganisaties = try c.decode([String].self, forKey: .geraakteOrganisaties)
        geraakteRegistraties = try c.decode([String].self, forKey: .geraakteRegistraties)
        complexiteit = try c.decode(Complexiteit.self, forKey: .complexiteit)
        bevinding = try c.decodeIfPresent(Probleemsoort.self, forKey: .bevinding) ?? .onjuistGegeven
    }

    /// Distinct organisations involved, the origin included (names compared without case).
    public var organisaties: Set<String> {
        Set(([oorsprongOrganisatie] + geraakteOrganisaties).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })
    }

    public var registraties: Set<String> {
        Set(([oorsprongRegistratie] + geraakteRegistraties).map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty })
    }
}

/// The proposed role with the reasons that led to it.
public struct RolVoorstel: Sendable, Equatable {
    public let rol: MeldpuntRol
    public let redenen: [String]
}

/// Proposes the role from the analysis: high complexity → adviserend (advise the bronhouders on
/// route and solution); more than one organisation or registration → coördinerend; otherwise
/// begeleidend (guide the melder to the right desk). The heaviest rule that applies wins.
public func stelRolVoor(_ a: Analyse) -> RolVoorstel {
    var rol = MeldpuntRol.begeleidend
    var redenen: [String] = []
    if a.organisaties.count > 1 {
        rol = max(rol, .coordinerend)
        redenen.append("Meer dan één organisatie betrokken (\(a.organisaties.count)): hun acties moeten op elkaar worden afgestemd.")
    }
    if a.registraties.count > 1 {
        rol = max(rol, .coordinerend)
        redenen.append("Meer dan één registratie geraakt (\(a.registraties.sorted().joined(separator: ", "))).")
    }
    if a.complexiteit == .hoog {
        rol = max(rol, .adviserend)
        redenen.append("De oplossing is complex: de bronhouders hebben advies nodig over route en oplossing.")
    }
    if redenen.isEmpty {
        redenen.append("Eén organisatie en één registratie, \(a.complexiteit == .laag ? "lage" : "gemiddelde") complexiteit: de melder begeleiden naar het juiste loket.")
    }
    return RolVoorstel(rol: rol, redenen: redenen)
}

// MARK: Case number

/// "MFO-2026-000123": the year of receipt and a number counting up within that year.
public struct Zaaknummer: Hashable, Sendable, CustomStringConvertible {
    public let jaar: Int
    public let volgnummer: Int

    public init(jaar: Int, volgnummer: Int) {
        self.jaar = jaar
        self.volgnummer = volgnummer
    }

    public init?(_ tekst: String) {
        let delen = tekst.uppercased().split(separator: "-")
        guard delen.count == 3, delen[0] == "MFO", delen[1].count == 4, delen[2].count == 6,
              let j = Int(delen[1]), let n = Int(delen[2]), n > 0 else { return nil }
        self.init(jaar: j, volgnummer: n)
    }

    public var description: String {
        let n = String(volgnummer)
        return "MFO-\(jaar)-" + String(repeating: "0", count: max(0, 6 - n.count)) + n
    }
}

/// In JSON a case number is its text, "MFO-2026-000123".
extension Zaaknummer: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        guard let z = Zaaknummer(try c.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "Geen zaaknummer")
        }
        self = z
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
