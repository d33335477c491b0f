/// What staff may do on a case page: decided here from the case, shown as links by the pages,
/// and checked again when a task's page is opened (never derived from a link's text).
public enum Meldingactie: String, CaseIterable, Hashable, Sendable {
    case contact, verzoek, terugmelding, analyse, rol, volgendeStap, notitie, toewijzen, escaleren
    case wacht, hervatten, nieuweLink, sluiten
    /// A reply to the melder's message (on the case page itself, no menu entry).
    case bericht

    /// The ones that open a page of their own (the others are one click on the case page).
    public static let metEigenPagina: [Meldingactie] = [.contact, .toewijzen, .analyse, .rol, .notitie, .volgendeStap, .sluiten, .verzoek, .terugmelding, .escaleren]

    /// What staff may do now on a case in `status`, given the steps its state allows.
    public static func toegestaan(status: MeldingStatus, stappen: Set<Behandelstap>, geanalyseerd: Bool, persoonsgegevensGewist: Bool) -> Set<Meldingactie> {
        let open = !status.isGesloten
        var r: Set<Meldingactie> = [.notitie]
        if stappen.contains(.contact) { r.insert(.contact) }
        if stappen.contains(.analyse) { r.insert(.analyse) }
        if stappen.contains(.rolKeuze) && geanalyseerd { r.insert(.rol) }
        if stappen.contains(.wachtOpOrganisaties) { r.insert(.wacht) }
        if stappen.contains(.hervatten) { r.insert(.hervatten) }
        if stappen.contains(.sluiten) { r.insert(.sluiten) }
        if open { r.formUnion([.verzoek, .terugmelding, .volgendeStap, .toewijzen, .escaleren]) }
        if !persoonsgegevensGewist { r.formUnion([.nieuweLink, .bericht]) }
        return r
    }
}

/// A task on a request to a partner, on its own page; which side may do which is decided here.
public enum Verzoektaak: String, CaseIterable, Hashable, Sendable {
    // The meldpunt's.
    case escaleren, verslag
    // The partner's.
    case accepteren, afwijzen, uitvoeren, opheffen, bijlage
    // Both: the meldpunt sets the deadline, the partner proposes one.
    case termijn

    /// Every task the meldpunt can have on a request, and every task a partner can have, in their
    /// menu's order: each has its own page (and route) only on its own side.
    public static let vanMeldpunt: [Verzoektaak] = [.termijn, .escaleren, .verslag]
    public static let vanPartner: [Verzoektaak] = [.accepteren, .afwijzen, .uitvoeren, .opheffen, .termijn, .bijlage]

    /// The meldpunt's tasks on a request of this kind, state and level.
    public static func voorMeldpunt(soort: VerzoekSoort, open: Bool, niveau: Escalatieniveau) -> Set<Verzoektaak> {
        var r: Set<Verzoektaak> = []
        if open { r.insert(.termijn) }
        if open && niveau != .interdepartementaal { r.insert(.escaleren) }
        if soort == .overleg { r.insert(.verslag) }
        return r
    }

    /// The partner's tasks, given the states the request may move to next.
    public static func voorPartner(mogelijk: Set<VerzoekStatus>, open: Bool, kanOpheffen: Bool) -> Set<Verzoektaak> {
        var r: Set<Verzoektaak> = [.bijlage]
        if mogelijk.contains(.geaccepteerd) { r.formUnion([.accepteren, .afwijzen]) }
        if mogelijk.contains(.uitgevoerd) { r.insert(.uitvoeren) }
        if kanOpheffen { r.insert(.opheffen) }
        if open { r.insert(.termijn) }
        return r
    }
}
