/// What can happen in a request's thread: a step or a message, from either side.
public enum Verzoekstapsoort: String, CaseIterable, Codable, Sendable {
    case verzonden, geaccepteerd, afgewezen, uitgevoerd, termijn, bericht, verslag, bijlage, geescaleerd, opgeheven
    /// One side proposes to escalate; the other declines (agreeing is `geescaleerd`).
    case escalatieVoorgesteld, escalatieAfgewezen
    /// The linked terugmelding moved.
    case terugmeldingStatus

    /// The request's status step of the same name.
    public init(_ status: VerzoekStatus) {
        switch status {
        case .verzonden: self = .verzonden
        case .geaccepteerd: self = .geaccepteerd
        case .afgewezen: self = .afgewezen
        case .uitgevoerd: self = .uitgevoerd
        }
    }
}

/// What can happen on a case's timeline. A request's steps appear there too, as `verzoek…`.
public enum Gebeurtenissoort: String, CaseIterable, Codable, Sendable {
    case ontvangen, contact, toegewezen, analyse, rolGekozen, statusGewijzigd, volgendeStap
    /// An attempt to reach the melder that did not succeed (a phone not answered, a letter unanswered).
    case contactpoging
    case berichtAanMelder, notitie, berichtVanMelder, bijlageVanMelder, linkVernieuwd
    case geescaleerd, gesloten, geslotenMetOpenCorrecties, beoordeling, toestemmingIngetrokken
    case verzoekVerzonden, verzoekGeaccepteerd, verzoekAfgewezen, verzoekUitgevoerd, verzoekTermijn, verzoekBericht
    case verzoekVerslag, verzoekBijlage, verzoekGeescaleerd, verzoekOpgeheven, verzoekTerugmeldingStatus
    case verzoekEscalatieVoorgesteld, verzoekEscalatieAfgewezen
    /// The meldpunt's advice to an organisation about this case: asked, given, answered.
    case adviesGevraagd, adviesGegeven, adviesBeantwoord
    /// A consequence the melder named moved towards repair.
    case gevolgherstel
    /// An overleg with several organisations about this case: planned, its minutes, cancelled, an action done.
    case overlegGepland, overlegVerslag, overlegGeannuleerd, overlegActieGedaan
    /// Staff corrected the melder's contact data (which fields, never the values).
    case contactgegevensGewijzigd
    /// A closed case opened again; the reason is for the melder.
    case heropend
    /// Staff added a document to the case (a letter received, a call note).
    case documentToegevoegd
    /// Linked with another case about the same problem, or merged into it (the zaaknummer in `gekoppeld`).
    case gekoppeld, samengevoegd

    /// A request's step as it shows on the case's timeline.
    public init(verzoek stap: Verzoekstapsoort) {
        switch stap {
        case .verzonden: self = .verzoekVerzonden
        case .geaccepteerd: self = .verzoekGeaccepteerd
        case .afgewezen: self = .verzoekAfgewezen
        case .uitgevoerd: self = .verzoekUitgevoerd
        case .termijn: self = .verzoekTermijn
        case .bericht: self = .verzoekBericht
        case .verslag: self = .verzoekVerslag
        case .bijlage: self = .verzoekBijlage
        case .geescaleerd: self = .verzoekGeescaleerd
        case .escalatieVoorgesteld: self = .verzoekEscalatieVoorgesteld
        case .escalatieAfgewezen: self = .verzoekEscalatieAfgewezen
        case .opgeheven: self = .verzoekOpgeheven
        case .terugmeldingStatus: self = .verzoekTerugmeldingStatus
        }
    }
}
