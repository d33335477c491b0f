import Foundation

// Repairing what the error caused (issue 29, point 9): the melder names consequences (a fine, a
// reclaim, a stopped allowance); after the correction each one is followed until it is repaired
// or cannot be, by whom and when — the melder sees each one's state.

public enum HerstelStatus: String, CaseIterable, Codable, Sendable {
    case teHerstellen, gevraagd, hersteld, nietHerstelbaar

    /// Nothing more to do for it.
    public var isAfgerond: Bool { self == .hersteld || self == .nietHerstelbaar }

    /// Repaired is final; "not repairable" can be taken up again (asked anew).
    public var volgende: Set<HerstelStatus> {
        switch self {
        case .teHerstellen: [.gevraagd, .hersteld, .nietHerstelbaar]
        case .gevraagd: [.teHerstellen, .hersteld, .nietHerstelbaar]
        case .nietHerstelbaar: [.gevraagd]
        case .hersteld: []
        }
    }

    public func naam(_ taal: Taal) -> String {
        switch self {
        case .teHerstellen: taal.kies("Nog te herstellen", "To be repaired")
        case .gevraagd: taal.kies("Gevraagd aan de organisatie", "Asked of the organisation")
        case .hersteld: taal.kies("Hersteld", "Repaired")
        case .nietHerstelbaar: taal.kies("Kan niet worden hersteld", "Cannot be repaired")
        }
    }
}

public struct GevolgherstelInvoer: Codable, Sendable, Equatable {
    public var status: String?
    /// Who repairs or repaired it (an organisation's name), optional.
    public var door: String?
    /// Required for "not repairable": the melder reads why.
    public var toelichting: String?
    public init(status: String? = nil, door: String? = nil, toelichting: String? = nil) {
        self.status = status
        self.door = door
        self.toelichting = toelichting
    }
}

public struct Gevolgherstel: Sendable, Equatable {
    public let status: HerstelStatus
    public let door: String?
    public let toelichting: String?
}

public enum GevolgherstelFout: Error, Equatable, Sendable {
    case ongeldigeOvergang(van: HerstelStatus, naar: HerstelStatus)

    public func uitleg(_ taal: Taal) -> String {
        switch self {
        case .ongeldigeOvergang(let van, let naar):
            van == .hersteld
                ? taal.kies("Dit gevolg is al hersteld; er verandert niets meer aan.", "This consequence has already been repaired; nothing changes any more.")
                : taal.kies("Van ‘\(van.naam(.nl))’ kan dit gevolg niet naar ‘\(naar.naam(.nl))’.", "From ‘\(van.naam(.en))’ this consequence cannot go to ‘\(naar.naam(.en))’.")
        }
    }
}

/// A step on one consequence: its new state, and why when it cannot be repaired.
public func valideerGevolgherstel(_ v: GevolgherstelInvoer, van huidig: HerstelStatus) throws(ValidatieFouten) -> Gevolgherstel {
    var f = Fouten()
    let status = v.status.flatMap(HerstelStatus.init(rawValue:))
    if status == nil {
        f.fout(.status, (v.status ?? "").isEmpty ? "required" : "enum", Tekst("Kies hoe het met dit gevolg staat.", "Choose the state of this consequence."))
    }
    let door = f.tekst(v.door, .door, max: BehandelLimieten.maxKort, verplicht: false)
    let toelichting = f.tekst(v.toelichting, .toelichting, max: BehandelLimieten.maxBericht, verplicht: status == .nietHerstelbaar,
                              wat: Tekst("Leg de melder uit waarom dit gevolg niet kan worden hersteld.", "Explain to the melder why this consequence cannot be repaired."))
    try f.klaar()
    return Gevolgherstel(status: status!, door: door, toelichting: toelichting)
}

public func controleerGevolgherstel(van: HerstelStatus, naar: HerstelStatus) throws(GevolgherstelFout) {
    guard van.volgende.contains(naar) else { throw .ongeldigeOvergang(van: van, naar: naar) }
}

/// A case is not "solved" while a consequence the melder named is still open ("partly solved"
/// may leave one open; it stays followed after closing).
public func controleerGevolgenBijSluiten(uitkomst: MeldingUitkomst, open: Int) throws(ValidatieFouten) {
    guard uitkomst == .opgelost || uitkomst == .interpretatieHersteld, open > 0 else { return }
    throw ValidatieFouten([OngeldigeParameter(.uitkomst, code: "gevolgenOpen", uitleg: Tekst(
        "Er \(open == 1 ? "staat nog één gevolg" : "staan nog \(open) gevolgen") voor de melder open. Zet \(open == 1 ? "het" : "ze") op ‘hersteld’ of ‘kan niet worden hersteld’, of kies een andere uitkomst.",
        "\(open == 1 ? "One consequence" : "\(open) consequences") for the melder \(open == 1 ? "is" : "are") still open. Set \(open == 1 ? "it" : "them") to ‘repaired’ or ‘cannot be repaired’, or choose another outcome."))])
}
