/// What staff may do on a case page: decided here from the case, shown as links by the pages,
/// and checked again when a task's page is opened (never derived from a link's text).
public enum Meldingactie: String, CaseIterable, Hashable, Sendable {
    case contact, verzoek, terugmelding, analyse, rol, volgendeStap, notitie, toewijzen, escaleren
    case wacht, hervatten, nieuweLink, sluiten
    /// Correct the melder's contact data (a new address, a changed phone number).
    case contactgegevens
    /// Open a closed case again, with a reason the melder reads.
    case heropenen
    /// Link this case to a related one, or merge it into one that carries on.
    case koppelen
    /// A reply to the melder's message (on the case page itself, no menu entry).
    case bericht

    /// The ones that open a page of their own (the others are one click on the case page).
    public static let metEigenPagina: [Meldingactie] = [.contact, .toewijzen, .analyse, .rol, .notitie, .volgendeStap, .sluiten, .verzoek, .terugmelding, .escaleren, .contactgegevens, .heropenen, .koppelen]

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
        if !persoonsgegevensGewist { r.formUnion([.nieuweLink, .bericht, .contactgegevens]) }
        if stappen.contains(.heropenen) && !persoonsgegevensGewist { r.insert(.heropenen) }
        if !persoonsgegevensGewist { r.insert(.koppelen) }
        return r
    }
}

/// A task on a request to a partner, on its own page; which side may do which is decided here.
public enum Verzoektaak: String, CaseIterable, Hashable, Sendable {
    // The meldpunt's.
    case verslag
    // The partner's.
    case accepteren, afwijzen, uitvoeren, opheffen, bijlage
    // Both: the meldpunt sets the deadline, the partner proposes one.
    case termijn
    // Both, decided together (intentieverklaring 11): propose or agree to escalate, or decline
    // the other side's proposal.
    case escaleren
    case escalatieAfwijzen = "escalatie-afwijzen"

    /// Every task the meldpunt can have on a request, and every task a partner can have, in their
    /// menu's order: each has its own page (and route) only on its own side.
    public static let vanMeldpunt: [Verzoektaak] = [.termijn, .escaleren, .escalatieAfwijzen, .verslag]
    public static let vanPartner: [Verzoektaak] = [.accepteren, .afwijzen, .uitvoeren, .opheffen, .termijn, .escaleren, .escalatieAfwijzen, .bijlage]

    /// The meldpunt's tasks on a request of this kind, state and level, given who proposed to
    /// escalate (its own proposal only once the partner let its answer day pass: `verlopen`).
    public static func voorMeldpunt(soort: VerzoekSoort, open: Bool, niveau: Escalatieniveau, voorstel: Verzoekpartij? = nil, verlopen: Bool = false) -> Set<Verzoektaak> {
        var r: Set<Verzoektaak> = []
        if open { r.insert(.termijn) }
        r.formUnion(escalatie(open: open, niveau: niveau, voorstel: voorstel, verlopen: verlopen, kant: .meldpunt))
        if soort == .overleg { r.insert(.verslag) }
        return r
    }

    /// The partner's tasks, given the states the request may move to next.
    public static func voorPartner(mogelijk: Set<VerzoekStatus>, open: Bool, kanOpheffen: Bool, niveau: Escalatieniveau = .operationeel,
                                   voorstel: Verzoekpartij? = nil) -> Set<Verzoektaak> {
        var r: Set<Verzoektaak> = [.bijlage]
        if mogelijk.contains(.geaccepteerd) { r.formUnion([.accepteren, .afwijzen]) }
        if mogelijk.contains(.uitgevoerd) { r.insert(.uitvoeren) }
        if kanOpheffen { r.insert(.opheffen) }
        if open { r.insert(.termijn) }
        r.formUnion(escalatie(open: open, niveau: niveau, voorstel: voorstel, verlopen: false, kant: .partner))
        return r
    }

    /// Escalating is possible below the top while the side's own proposal does not wait for an
    /// answer; declining only the other side's proposal.
    static func escalatie(open: Bool, niveau: Escalatieniveau, voorstel: Verzoekpartij?, verlopen: Bool, kant: Verzoekpartij) -> Set<Verzoektaak> {
        guard open && niveau != .interdepartementaal else { return [] }
        guard let voorstel else { return [.escaleren] }
        if voorstel != kant { return [.escaleren, .escalatieAfwijzen] }
        return kant == .meldpunt && verlopen ? [.escaleren] : []
    }
}
