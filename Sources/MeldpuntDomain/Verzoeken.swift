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
/// Who took a step on a request, or set its deadline.
public enum Verzoekpartij: String, CaseIterable, Codable, Sendable {
    case meldpunt, partner, bronhouder
}

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

// MARK: Escalation decided together

/// Intentieverklaring 11: "Waar nodig beslissen we samen met het MFO om tot escalatie over te
/// gaan." One side proposes to escalate a request one level, with its reason; the other side
/// agrees (the request goes up and the next level's contact hears of it) or declines with its
/// reason. A partner that does not answer the meldpunt's proposal within
/// `antwoordWerkdagen` lets the meldpunt decide alone: silence is itself the stagnation
/// escalation is for.
public struct Escalatievoorstel: Sendable, Equatable, Codable {
    public static let antwoordWerkdagen = 2
    public let door: Verzoekpartij
    /// The last day the other side answers.
    public let uiterlijk: Dag
    public init(door: Verzoekpartij, uiterlijk: Dag) {
        self.door = door
        self.uiterlijk = uiterlijk
    }
}

/// What one side's "escalate" does, given the proposal that stands.
public enum Escalatiebesluit: String, Codable, CaseIterable, Equatable, Sendable {
    /// A proposal of this side, waiting for the other's answer.
    case voorgesteld
    /// Both agreed (the other side proposed it): one level up.
    case samenBesloten
    /// The meldpunt proposed, the partner did not answer in time: one level up.
    case zonderAntwoord
}

public enum EscalatieFout: Error, Equatable, Sendable {
    /// This side's own proposal still waits for the other side, until the day given.
    case wachtOpAntwoord(tot: Dag)
    /// There is no proposal of the other side to decline.
    case geenVoorstel

    public func uitleg(_ taal: Taal) -> String {
        switch self {
        case .wachtOpAntwoord(let tot):
            taal.kies("Uw voorstel om te escaleren wacht op het antwoord van de andere kant (tot en met \(tot.dag) \(Dag.maandnaam(tot.maand, .nl)) \(tot.jaar)).",
                      "Your proposal to escalate waits for the other side's answer (up to and including \(tot.dag) \(Dag.maandnaam(tot.maand, .en)) \(tot.jaar)).")
        case .geenVoorstel:
            taal.kies("Er is geen voorstel om te escaleren van de andere kant om af te wijzen.", "There is no proposal to escalate from the other side to decline.")
        }
    }
}

/// `door` chooses to escalate (with its reason, checked by `escaleer`): a proposal, an agreement
/// with the other side's proposal, or — the meldpunt, once the partner let its answer day pass —
/// a decision alone.
public func besluitEscalatie(voorstel: Escalatievoorstel?, door: Verzoekpartij, vandaag: Dag) throws(EscalatieFout) -> Escalatiebesluit {
    guard let voorstel else { return .voorgesteld }
    if voorstel.door != door { return .samenBesloten }
    if door == .meldpunt && vandaag > voorstel.uiterlijk { return .zonderAntwoord }
    throw .wachtOpAntwoord(tot: voorstel.uiterlijk)
}

/// `door` declines the standing proposal: only one of the other side.
public func wijsEscalatieAf(voorstel: Escalatievoorstel?, door: Verzoekpartij) throws(EscalatieFout) {
    guard let voorstel, voorstel.door != door else { throw .geenVoorstel }
}

/// Overdue: still open after the agreed deadline day.
public func isVerzoekTeLaat(status: VerzoekStatus, uiterlijk: Dag?, vandaag: Dag) -> Bool {
    guard status.isOpen, let uiterlijk else { return false }
    return vandaag > uiterlijk
}

/// A case is not closed as solved while a correction is still open, unless staff say why.
public func controleerSluitenMetOpenCorrecties(uitkomst: MeldingUitkomst, openCorrecties: Int, reden: String?) throws(VerzoekFout) {
    guard uitkomst == .opgelost || uitkomst == .interpretatieHersteld, openCorrecties > 0 else { return }
    if !heeftReden(reden) { throw .redenOntbreekt }
}

// MARK: Data minimisation

/// What of a case goes along with a request. The case number and the question always do;
/// everything else only when the meldpunt chooses it.
public enum GedeeldGegeven: String, CaseIterable, Codable, Sendable {
    /// The melder's name (and of the person represented).
    case naam
    case bsn
    /// E-mail and phone.
    case contactgegevens
    case adres
    /// What is wrong, what it should be, since when, which registrations.
    case omschrijving
    /// The consequences the melder reported.
    case gevolgen
    /// The files the melder sent.
    case bijlagen
}

// MARK: A new request

public struct NieuwVerzoekInvoer: Codable, Sendable, Equatable {
    /// The partner organisation, by OIN.
    public var organisatieOin: String?
    public var soort: String?
    /// What the meldpunt asks, in its own words; always shared with the partner.
    public var vraag: String?
    /// The agreed deadline, if the meldpunt sets one (the partner may propose another).
    public var uiterlijk: String?
    public var gedeeldeGegevens: [String]?
    public var opschorting: OpschortingInvoer?
    public var overleg: OverlegInvoer?

    public struct OpschortingInvoer: Codable, Sendable, Equatable {
        public var actie: String?
        /// The partner's reference of the action (e.g. its file number).
        public var kenmerk: String?
        /// Until when it should be on hold.
        public var tot: String?
        public init(actie: String? = nil, kenmerk: String? = nil, tot: String? = nil) {
            self.actie = actie; self.kenmerk = kenmerk; self.tot = tot
        }
    }

    public struct OverlegInvoer: Codable, Sendable, Equatable {
        public var datum: String?
        public var deelnemers: String?
        public init(datum: String? = nil, deelnemers: String? = nil) { self.datum = datum; self.deelnemers = deelnemers }
    }

    public init(organisatieOin: String? = nil, soort: String? = nil, vraag: String? = nil, uiterlijk: String? = nil,
                gedeeldeGegevens: [String]? = nil, opschorting: OpschortingInvoer? = nil, overleg: OverlegInvoer? = nil) {
        self.organisatieOin = organisatieOin; self.soort = soort; self.vraag = vraag; self.uiterlijk = uiterlijk
        self.gedeeldeGegevens = gedeeldeGegevens; self.opschorting = opschorting; self.overleg = overleg
    }
}

public struct NieuwVerzoek: Sendable, Equatable {
    public let organisatieOin: String?
    public let soort: VerzoekSoort
    public let vraag: String
    public let uiterlijk: Dag?
    public let gedeeld: [GedeeldGegeven]
    public let opschorting: Opschorting?
    public let overleg: Overleg?

    public struct Opschorting: Sendable, Equatable {
        public let actie: OpschortingsActie
        public let kenmerk: String?
        public let tot: Dag?
    }

    public struct Overleg: Sendable, Equatable {
        public let datum: Dag
        public let deelnemers: String
    }
}

/// Checks a new request and reports every problem at once. Suspension details belong to
/// `opschorting` requests and meeting details to `overleg` requests only.
/// `organisatieVerplicht` is false when the caller already knows the organisation (a terugmelding's bronhouder).
public func valideerNieuwVerzoek(_ v: NieuwVerzoekInvoer, vandaag: Dag, organisatieVerplicht: Bool = true) throws(ValidatieFouten) -> NieuwVerzoek {
    var f = Fouten()
    let oin = f.tekst(v.organisatieOin, .organisatieOin, max: 20, verplicht: organisatieVerplicht, wat: Tekst("Kies de organisatie.", "Choose the organisation."))
    if let oin { do { try OIN.check(oin) } catch { f.fout(.organisatieOin, error.code, error.uitleg) } }
    let soort = v.soort.flatMap(VerzoekSoort.init(rawValue:))
    if soort == nil {
        f.fout(.soort, v.soort == nil ? "required" : "enum", Tekst("Kies wat u vraagt.", "Choose what you ask."))
    }
    let vraag = f.tekst(v.vraag, .vraag, max: BehandelLimieten.maxBericht, verplicht: true, wat: Tekst("Schrijf wat u de organisatie vraagt.", "Write what you ask the organisation."))
    let uiterlijk = v.uiterlijk == nil ? nil
        : f.dag(v.uiterlijk, .uiterlijk, wat: Tekst("Vul de datum in.", "Enter the date."), vanaf: (vandaag, "verleden", Tekst("Deze datum ligt in het verleden.", "This date is in the past.")))
    var gedeeld: [GedeeldGegeven] = []
    for (i, g) in (v.gedeeldeGegevens ?? []).enumerated() {
        if let k = GedeeldGegeven(rawValue: g) { if !gedeeld.contains(k) { gedeeld.append(k) } } else {
            f.fout(Veld(.gedeeldeGegevens)[i], "enum", Tekst("Kies gegevens uit de lijst.", "Choose items from the list."))
        }
    }
    var opschorting: NieuwVerzoek.Opschorting?
    if soort == .opschorting {
        let o = v.opschorting ?? .init()
        let actie = o.actie.flatMap(OpschortingsActie.init(rawValue:))
        if actie == nil {
            f.fout(Veld(.opschorting, .actie), o.actie == nil ? "required" : "enum",
                   Tekst("Kies wat moet worden opgeschort.", "Choose what must be suspended."))
        }
        let kenmerk = f.tekst(o.kenmerk, Veld(.opschorting, .kenmerk), max: BehandelLimieten.maxKort, verplicht: false)
        let tot = o.tot == nil ? nil
            : f.dag(o.tot, Veld(.opschorting, .tot), wat: Tekst("Vul de datum in.", "Enter the date."), vanaf: (vandaag, "verleden", Tekst("Deze datum ligt in het verleden.", "This date is in the past.")))
        if let actie { opschorting = .init(actie: actie, kenmerk: kenmerk, tot: tot) }
    } else if v.opschorting != nil {
        f.fout(.opschorting, "nietBijSoort", Tekst("Hoort alleen bij een verzoek om opschorting.", "Belongs only with a request for suspension."))
    }
    var overleg: NieuwVerzoek.Overleg?
    if soort == .overleg {
        let o = v.overleg ?? .init()
        let datum = f.dag(o.datum, Veld(.overleg, .datum), wat: Tekst("Vul de datum van het overleg in.", "Enter the date of the consultation."),
                          vanaf: (vandaag, "verleden", Tekst("Deze datum ligt in het verleden.", "This date is in the past.")))
        let deelnemers = f.tekst(o.deelnemers, Veld(.overleg, .deelnemers), max: BehandelLimieten.maxKort * 5, verplicht: true,
                                 wat: Tekst("Noem wie er aan het overleg deelnemen.", "Name who takes part in the consultation."))
        if let datum, let deelnemers { overleg = .init(datum: datum, deelnemers: deelnemers) }
    } else if v.overleg != nil {
        f.fout(.overleg, "nietBijSoort", Tekst("Hoort alleen bij een verzoek om overleg.", "Belongs only with a request for consultation."))
    }
    try f.klaar()
    return NieuwVerzoek(organisatieOin: oin, soort: soort!, vraag: vraag!, uiterlijk: uiterlijk, gedeeld: gedeeld,
                        opschorting: opschorting, overleg: overleg)
}

// MARK: The partner's answer

public struct VerzoekStatuswijzigingInvoer: Codable, Sendable, Equatable {
    public var status: String?
    /// Why it is declined (required then).
    public var reden: String?
    /// With acceptance: the deadline the partner proposes.
    public var uiterlijk: String?
    /// With a confirmed suspension: until when it is on hold (if other than asked).
    public var opgeschortTot: String?
    public var toelichting: String?

    public init(status: String? = nil, reden: String? = nil, uiterlijk: String? = nil, opgeschortTot: String? = nil, toelichting: String? = nil) {
        self.status = status; self.reden = reden; self.uiterlijk = uiterlijk; self.opgeschortTot = opgeschortTot; self.toelichting = toelichting
    }
}

public struct VerzoekStatuswijziging: Sendable, Equatable {
    public let naar: VerzoekStatus
    public let reden: String?
    public let uiterlijk: Dag?
    public let opgeschortTot: Dag?
    public let toelichting: String?
}

/// Checks the fields of a partner's step (400, all at once); whether the step is possible from
/// the request's state is `controleerVerzoekOvergang` (409).
public func valideerVerzoekStatuswijziging(_ v: VerzoekStatuswijzigingInvoer, soort: VerzoekSoort, vandaag: Dag) throws(ValidatieFouten) -> VerzoekStatuswijziging {
    var f = Fouten()
    let mogelijk: [VerzoekStatus] = [.geaccepteerd, .afgewezen, .uitgevoerd]
    let naar = v.status.flatMap(VerzoekStatus.init(rawValue:)).flatMap { mogelijk.contains($0) ? $0 : nil }
    if naar == nil {
        f.fout(.status, v.status == nil ? "required" : "enum", Tekst("Kies een status die nu kan: \(mogelijk.map { $0.naam(.nl) }.joined(separator: ", ")).", "Choose a status that is possible now: \(mogelijk.map { $0.naam(.en) }.joined(separator: ", "))."))
    }
    let reden = f.tekst(v.reden, .reden, max: BehandelLimieten.maxBericht, verplicht: naar == .afgewezen,
                        wat: Tekst("Leg uit waarom u het verzoek afwijst.", "Explain why you decline the request."))
    if reden != nil && naar != nil && naar != .afgewezen { f.fout(.reden, "nietBijStatus", Tekst("Een reden hoort alleen bij afwijzen.", "A reason belongs only with declining.")) }
    let toekomst = (vandaag, "verleden", Tekst("Deze datum ligt in het verleden.", "This date is in the past."))
    var uiterlijk: Dag?
    if v.uiterlijk != nil {
        if naar != nil && naar != .geaccepteerd { f.fout(.uiterlijk, "nietBijStatus", Tekst("Een termijn stelt u voor bij het accepteren.", "You propose a deadline when accepting.")) }
        else { uiterlijk = f.dag(v.uiterlijk, .uiterlijk, wat: Tekst("Vul de datum in.", "Enter the date."), vanaf: toekomst) }
    }
    var tot: Dag?
    if v.opgeschortTot != nil {
        if naar != nil && (naar != .uitgevoerd || soort != .opschorting) {
            f.fout(.opgeschortTot, "nietBijStatus", Tekst("Hoort alleen bij het bevestigen van een opschorting.", "Belongs only with confirming a suspension."))
        } else { tot = f.dag(v.opgeschortTot, .opgeschortTot, wat: Tekst("Vul de datum in.", "Enter the date."), vanaf: toekomst) }
    }
    let toelichting = f.tekst(v.toelichting, .toelichting, max: BehandelLimieten.maxBericht, verplicht: false)
    try f.klaar()
    return VerzoekStatuswijziging(naar: naar!, reden: reden, uiterlijk: uiterlijk, opgeschortTot: tot, toelichting: toelichting)
}

public struct TermijnInvoer: Codable, Sendable, Equatable {
    public var uiterlijk: String?
    public var toelichting: String?
    public init(uiterlijk: String? = nil, toelichting: String? = nil) { self.uiterlijk = uiterlijk; self.toelichting = toelichting }
}

/// A new agreed deadline for an open request, set by the meldpunt or proposed by the partner.
public func valideerTermijn(_ v: TermijnInvoer, vandaag: Dag) throws(ValidatieFouten) -> (uiterlijk: Dag, toelichting: String?) {
    var f = Fouten()
    let d = f.dag(v.uiterlijk, .uiterlijk, wat: Tekst("Vul de nieuwe uiterste datum in.", "Enter the new deadline."), vanaf: (vandaag, "verleden", Tekst("Deze datum ligt in het verleden.", "This date is in the past.")))
    let t = f.tekst(v.toelichting, .toelichting, max: BehandelLimieten.maxBericht, verplicht: false)
    try f.klaar()
    return (d!, t)
}

/// Which enforcement action a melder's reported consequence is, so the status page can say it is on hold.
public func opschortingsActie(voorGevolg soort: String) -> OpschortingsActie? {
    switch GevolgSoort(rawValue: soort) {
    case .terugvordering: .terugvordering
    case .boete: .boete
    case .incasso: .incasso
    case .stopgezetteToeslag, .stopgezetteUitkering: .stopzetting
    case .anders, nil: nil
    }
}
