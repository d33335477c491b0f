import Foundation

// Partner coordination (issue 5): requests from the meldpunt to partner organisations within
// a case, their states, escalation, and the rule for closing a case as solved.

/// What kind of organisation a partner is.
public enum PartnerSoort: String, CaseIterable, Codable, Sendable {
    case bronhouder, afnemer, gemeente, uitvoeringsorganisatie, toezichthouder, intermediair
}

/// A contact person's mandate, and the ladder a case or request is escalated up.
public enum Escalatieniveau: String, CaseIterable, Codable, Sendable, Comparable {
    /// Solves individual meldingen: corrects data, puts consequences on hold.
    case operationeel
    /// May deviate from procedure for recurring and structural errors.
    case tactisch
    case strategisch
    /// Across ministries: beyond the partners' own hierarchy.
    case interdepartementaal

    public static func < (a: Escalatieniveau, b: Escalatieniveau) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// One level up; nil at the top.
    public var hoger: Escalatieniveau? {
        let i = Self.allCases.firstIndex(of: self)!
        return i + 1 < Self.allCases.count ? Self.allCases[i + 1] : nil
    }
}

/// What the meldpunt asks of a partner.
public enum VerzoekSoort: String, CaseIterable, Codable, Sendable {
    /// Correct the data (optionally through a linked terugmelding).
    case correctie
    /// Put an enforcement action on hold.
    case opschorting
    /// Analysis or facts needed.
    case informatie
    /// Advise on the route or the solution.
    case advies
    /// Bring parties together.
    case overleg
}

/// The enforcement action a suspension is about.
public enum OpschortingsActie: String, CaseIterable, Codable, Sendable {
    case terugvordering, boete, incasso, stopzetting, anders
}

/// verzonden → geaccepteerd | afgewezen (with reason); geaccepteerd → uitgevoerd.
public enum VerzoekStatus: String, CaseIterable, Codable, Sendable {
    case verzonden, geaccepteerd, afgewezen, uitgevoerd

    public var volgende: Set<VerzoekStatus> {
        switch self {
        case .verzonden: [.geaccepteerd, .afgewezen]
        case .geaccepteerd: [.uitgevoerd]
        case .afgewezen, .uitgevoerd: []
        }
    }

    /// Still waiting for the partner.
    public var isOpen: Bool { self == .verzonden || self == .geaccepteerd }
}

public enum VerzoekFout: Error, Equatable, Sendable {
    case ongeldigeOvergang(van: VerzoekStatus, naar: VerzoekStatus)
    case redenOntbreekt
    case hoogsteNiveau

    public var uitleg: String {
        switch self {
        case .ongeldigeOvergang(let van, let naar):
            van.volgende.isEmpty ? "Het verzoek is \(van.rawValue); er verandert niets meer aan."
                                 : "Van \(van.rawValue) kan het verzoek niet naar \(naar.rawValue)."
        case .redenOntbreekt: "Geef de reden."
        case .hoogsteNiveau: "Het verzoek is al interdepartementaal geëscaleerd; hoger kan niet."
        }
    }
}

private func heeftReden(_ reden: String?) -> Bool {
    !(reden ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
}

/// A step of a request; declining needs a reason.
public func controleerVerzoekOvergang(van: VerzoekStatus, naar: VerzoekStatus, reden: String?) throws(VerzoekFout) {
    guard van.volgende.contains(naar) else { throw .ongeldigeOvergang(van: van, naar: naar) }
    if naar == .afgewezen && !heeftReden(reden) { throw .redenOntbreekt }
}

/// One level up, with a stated reason.
public func escaleer(van niveau: Escalatieniveau, reden: String?) throws(VerzoekFout) -> Escalatieniveau {
    guard let hoger = niveau.hoger else { throw .hoogsteNiveau }
    if !heeftReden(reden) { throw .redenOntbreekt }
    return hoger
}

/// Overdue: still open after the agreed deadline day.
public func isVerzoekTeLaat(status: VerzoekStatus, uiterlijk: Dag?, vandaag: Dag) -> Bool {
    guard status.isOpen, let uiterlijk else { return false }
    return vandaag > uiterlijk
}

/// A case is not closed as solved while a correction is still open, unless staff say why.
public func controleerSluitenMetOpenCorrecties(uitkomst: MeldingUitkomst, openCorrecties: Int, reden: String?) throws(VerzoekFout) {
    guard uitkomst == .opgelost, openCorrecties > 0 else { return }
    if !heeftReden(reden) { throw .redenOntbreekt }
}
