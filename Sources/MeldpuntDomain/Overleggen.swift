import Foundation

// The meldpunt brings the parties together (intentieverklaring 7: "zal alle benodigde partijen bij
// elkaar brengen"): an overleg with several organisations at once — who is invited, when, the
// agenda, minutes every invitee reads in its portal, and actions per organisation with a day by
// which each is done. (A request of kind `overleg` stays the one-to-one meeting with one partner.)

/// planned → held (minutes recorded) or cancelled.
public enum OverlegStatus: String, CaseIterable, Codable, Sendable {
    case gepland, gehouden, geannuleerd

    public func naam(_ taal: Taal) -> String {
        switch self {
        case .gepland: taal.kies("Gepland", "Planned")
        case .gehouden: taal.kies("Gehouden", "Held")
        case .geannuleerd: taal.kies("Geannuleerd", "Cancelled")
        }
    }
}

public enum OverlegActieStatus: String, CaseIterable, Codable, Sendable {
    case open, gedaan

    public func naam(_ taal: Taal) -> String {
        switch self {
        case .open: taal.kies("Open", "Open")
        case .gedaan: taal.kies("Gedaan", "Done")
        }
    }
}

/// A step an overleg in its state does not allow; each with its stable code.
public enum OverlegFout: Error, Equatable, Sendable {
    /// Minutes before the meeting's day.
    case nogNietGehouden(Dag)
    /// Cancelled: nothing changes any more.
    case geannuleerd
    /// Only a planned overleg can be cancelled.
    case alGehouden
    case actieAlGedaan

    public var code: String {
        switch self {
        case .nogNietGehouden: "overlegNogNietGehouden"
        case .geannuleerd: "overlegGeannuleerd"
        case .alGehouden: "overlegAlGehouden"
        case .actieAlGedaan: "overlegActieAlGedaan"
        }
    }

    public func uitleg(_ taal: Taal) -> String {
        switch self {
        case .nogNietGehouden(let d):
            taal.kies("Het overleg is op \(d.description); het verslag kan vanaf die dag.", "The meeting is on \(d.description); the minutes can be recorded from that day.")
        case .geannuleerd: taal.kies("Dit overleg is geannuleerd; er verandert niets meer aan.", "This meeting was cancelled; nothing changes any more.")
        case .alGehouden: taal.kies("Dit overleg is al gehouden; annuleren kan niet meer.", "This meeting has already been held; it can no longer be cancelled.")
        case .actieAlGedaan: taal.kies("Deze actie is al gedaan.", "This action has already been done.")
        }
    }
}

/// Minutes: from the meeting's day on, and again to correct them; never for a cancelled overleg.
public func controleerVerslag(status: OverlegStatus, datum: Dag, vandaag: Dag) throws(OverlegFout) {
    if status == .geannuleerd { throw .geannuleerd }
    if vandaag < datum { throw .nogNietGehouden(datum) }
}

/// Actions: added to a planned or held overleg, not a cancelled one.
public func controleerNieuweActie(status: OverlegStatus) throws(OverlegFout) {
    if status == .geannuleerd { throw .geannuleerd }
}

public func controleerAnnulering(status: OverlegStatus) throws(OverlegFout) {
    switch status {
    case .gepland: return
    case .gehouden: throw .alGehouden
    case .geannuleerd: throw .geannuleerd
    }
}

public enum OverlegLimieten {
    public static let maxTekst = 20_000
    public static let maxKort = 200
    public static let maxDeelnemers = 20
    /// The OIN is 20 digits; a list entry longer than this is refused by its length first.
    public static let maxOin = 20
}

// MARK: Planning

public struct OverlegInvoer: Codable, Sendable, Equatable {
    public var onderwerp: String?
    public var datum: String?
    /// "14:30"; empty when the time is not set yet.
    public var tijd: String?
    /// A room, an address or "online".
    public var plaats: String?
    public var agenda: String?
    /// The OINs of the invited organisations (partners in the register).
    public var deelnemers: [String]?
    public var zaaknummer: String?
    public init(onderwerp: String? = nil, datum: String? = nil, tijd: String? = nil, plaats: String? = nil, agenda: String? = nil, deelnemers: [String]? = nil, zaaknummer: String? = nil) {
        self.onderwerp = onderwerp
        self.datum = datum
        self.tijd = tijd
        self.plaats = plaats
        self.agenda = agenda
        self.deelnemers = deelnemers
        self.zaaknummer = zaaknummer
    }
}

public struct NieuwOverleg: Sendable, Equatable {
    public let onderwerp: String
    public let datum: Dag
    public let tijd: String?
    public let plaats: String?
    public let agenda: String
    /// Distinct, in the order given.
    public let deelnemers: [String]
    public let zaaknummer: Zaaknummer?
}

public func valideerOverleg(_ v: OverlegInvoer, vandaag: Dag) throws(ValidatieFouten) -> NieuwOverleg {
    var f = Fouten()
    let onderwerp = f.tekst(v.onderwerp, .onderwerp, max: OverlegLimieten.maxKort, verplicht: true,
                            wat: Tekst("Geef het overleg een onderwerp.", "Give the meeting a subject."))
    let datum = f.dag(v.datum, .datum, wat: Tekst("Vul de datum van het overleg in.", "Enter the date of the meeting."),
                      vanaf: (vandaag, "verleden", Tekst("Deze datum ligt in het verleden.", "This date is in the past.")))
    let tijd = tijdstip(v.tijd, &f)
    let plaats = f.tekst(v.plaats, .plaats, max: OverlegLimieten.maxKort, verplicht: false)
    let agenda = f.tekst(v.agenda, .agenda, max: OverlegLimieten.maxTekst, verplicht: true,
                         wat: Tekst("Schrijf de agenda: wat bespreekt u met wie?", "Write the agenda: what will you discuss with whom?"))
    let ruw = v.deelnemers ?? []
    f.lijstGrenzen(ruw, .deelnemers, maxAantal: OverlegLimieten.maxDeelnemers, maxLengte: OverlegLimieten.maxOin)
    var deelnemers: [String] = []
    for (i, oin) in ruw.enumerated() {
        guard isOin(oin) else {
            if oin.schemaLengte <= OverlegLimieten.maxOin {
                f.fout(Veld(.deelnemers)[i], "oin", Tekst("Een OIN bestaat uit 20 cijfers.", "An OIN consists of 20 digits."))
            }
            continue
        }
        if !deelnemers.contains(oin) { deelnemers.append(oin) }
    }
    if ruw.isEmpty {
        f.fout(.deelnemers, "required", Tekst("Kies ten minste één organisatie om uit te nodigen.", "Choose at least one organisation to invite."))
    }
    let zaak = zaaknummer(v.zaaknummer, &f)
    try f.klaar()
    return NieuwOverleg(onderwerp: onderwerp!, datum: datum!, tijd: tijd, plaats: plaats, agenda: agenda!, deelnemers: deelnemers, zaaknummer: zaak)
}

/// Absent, or a time of day exactly as HH:MM (the pages send an empty field as absent).
private func tijdstip(_ raw: String?, _ f: inout Fouten) -> String? {
    guard let raw else { return nil }
    let b = Array(raw.utf8)
    func cijfer(_ i: Int) -> Int? { (48...57).contains(b[i]) ? Int(b[i]) - 48 : nil }
    guard b.count == 5, b[2] == UInt8(ascii: ":"), let u1 = cijfer(0), let u2 = cijfer(1), let m1 = cijfer(3), cijfer(4) != nil,
          u1 * 10 + u2 <= 23, m1 <= 5
    else {
        f.fout(.tijd, "time", Tekst("Vul een tijd in als uu:mm, bijvoorbeeld 14:30.", "Enter a time as hh:mm, for example 14:30."))
        return nil
    }
    return raw
}

/// An OIN as the register holds it: 20 digits.
func isOin(_ s: String) -> Bool {
    s.utf8.count == 20 && s.utf8.allSatisfy { (48...57).contains($0) }
}

// MARK: Minutes, actions, cancelling

public struct OverlegVerslagInvoer: Codable, Sendable, Equatable {
    public var verslag: String?
    public init(verslag: String? = nil) { self.verslag = verslag }
}

public func valideerOverlegverslag(_ v: OverlegVerslagInvoer) throws(ValidatieFouten) -> String {
    var f = Fouten()
    let verslag = f.tekst(v.verslag, .verslag, max: OverlegLimieten.maxTekst, verplicht: true,
                          wat: Tekst("Schrijf het verslag: wat is besproken en afgesproken?", "Write the minutes: what was discussed and agreed?"))
    try f.klaar()
    return verslag!
}

/// An action for one organisation: what it does and by which day.
public struct OverlegActieInvoer: Codable, Sendable, Equatable {
    public var organisatieOin: String?
    public var omschrijving: String?
    public var uiterlijk: String?
    public init(organisatieOin: String? = nil, omschrijving: String? = nil, uiterlijk: String? = nil) {
        self.organisatieOin = organisatieOin
        self.omschrijving = omschrijving
        self.uiterlijk = uiterlijk
    }
}

public struct NieuweOverlegActie: Sendable, Equatable {
    public let organisatieOin: String
    public let omschrijving: String
    public let uiterlijk: Dag
}

public func valideerOverlegactie(_ v: OverlegActieInvoer, vandaag: Dag) throws(ValidatieFouten) -> NieuweOverlegActie {
    var f = Fouten()
    var oin: String?
    if let raw = v.organisatieOin, !raw.isEmpty {
        if isOin(raw) { oin = raw } else { f.fout(.organisatieOin, "oin", Tekst("Een OIN bestaat uit 20 cijfers.", "An OIN consists of 20 digits.")) }
    } else {
        f.fout(.organisatieOin, "required", Tekst("Kies de organisatie die de actie uitvoert.", "Choose the organisation that carries out the action."))
    }
    let omschrijving = f.tekst(v.omschrijving, .omschrijving, max: OverlegLimieten.maxTekst, verplicht: true,
                               wat: Tekst("Beschrijf wat de organisatie doet.", "Describe what the organisation does."))
    let uiterlijk = f.dag(v.uiterlijk, .uiterlijk, wat: Tekst("Vul in wanneer de actie uiterlijk gedaan is.", "Enter the day by which the action is done."),
                          vanaf: (vandaag, "verleden", Tekst("Deze datum ligt in het verleden.", "This date is in the past.")))
    try f.klaar()
    return NieuweOverlegActie(organisatieOin: oin!, omschrijving: omschrijving!, uiterlijk: uiterlijk!)
}

/// The organisation (or the meldpunt for it) reports the action done, with what it did.
public struct OverlegActieAfrondingInvoer: Codable, Sendable, Equatable {
    public var toelichting: String?
    public init(toelichting: String? = nil) { self.toelichting = toelichting }
}

public func valideerActieafronding(_ v: OverlegActieAfrondingInvoer) throws(ValidatieFouten) -> String? {
    var f = Fouten()
    let t = f.tekst(v.toelichting, .toelichting, max: OverlegLimieten.maxTekst, verplicht: false)
    try f.klaar()
    return t
}

public struct OverlegAnnuleringInvoer: Codable, Sendable, Equatable {
    public var reden: String?
    public init(reden: String? = nil) { self.reden = reden }
}

public func valideerOverlegannulering(_ v: OverlegAnnuleringInvoer) throws(ValidatieFouten) -> String {
    var f = Fouten()
    let reden = f.tekst(v.reden, .reden, max: OverlegLimieten.maxTekst, verplicht: true,
                        wat: Tekst("Schrijf waarom het overleg niet doorgaat; de genodigden lezen het.", "Write why the meeting is cancelled; the invitees read it."))
    try f.klaar()
    return reden!
}
