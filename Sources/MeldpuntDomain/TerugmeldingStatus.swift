import Foundation

/// The Digimelding status model (Logius DMKS 1.3, Bijlage B), see DOMAIN.md.
public enum TerugmeldingStatus: String, CaseIterable, Codable, Sendable {
    case gemeld = "Gemeld"
    case inBehandeling = "In behandeling"
    case ingepland = "Ingepland"
    case afgehandeld = "Afgehandeld"
    case ingetrokken = "Ingetrokken"
    case onvoldoendeInformatie = "Onvoldoende informatie"
    case verkeerdeBronhouder = "Verkeerde bronhouder"

    /// Accepts the spelling variants seen in the Logius draft ("In Behandeling").
    public init?(lenient raw: String) {
        let key = raw.lowercased().trimmingCharacters(in: .whitespaces)
        guard let s = Self.allCases.first(where: { $0.rawValue.lowercased() == key }) else { return nil }
        self = s
    }

    public var isTerminal: Bool {
        switch self {
        case .afgehandeld, .ingetrokken, .onvoldoendeInformatie: true
        default: false
        }
    }

    /// Statuses one may move to from here. Verkeerde bronhouder is passed through at once:
    /// the terugmelding arrives at the new bronhouder as Gemeld.
    public var volgende: Set<TerugmeldingStatus> {
        switch self {
        case .gemeld: [.inBehandeling, .ingetrokken, .onvoldoendeInformatie, .verkeerdeBronhouder]
        case .inBehandeling: [.ingepland, .afgehandeld, .ingetrokken]
        case .ingepland: [.afgehandeld]
        case .verkeerdeBronhouder: [.gemeld]
        case .afgehandeld, .ingetrokken, .onvoldoendeInformatie: []
        }
    }

    /// Who may set a status: the afnemer only withdraws, everything else is the bijhouder's.
    public var gezetDoor: TerugmeldingPartij {
        self == .ingetrokken ? .afnemer : .bijhouder
    }
}

public enum TerugmeldingPartij: String, Sendable {
    case afnemer
    case bijhouder
}

public enum StatusovergangFout: Error, Equatable, Sendable {
    /// The caller's party may never set this status.
    case nietToegestaanVoorPartij(TerugmeldingStatus, TerugmeldingPartij)
    /// The model does not allow this step from the current status.
    case ongeldigeOvergang(van: TerugmeldingStatus, naar: TerugmeldingStatus)
    /// RvIG, as bijhouder of a terugmelding on the RNI, only forwards it.
    case rniStuurtAlleenDoor
}

/// Checks a requested status change against the model and the caller's party.
/// Party is checked first: a status you may never set is a 403, not a 409. `rni`: the bijhouder
/// is RvIG for the RNI, which "kan de terugmelding niet zelf in behandeling nemen, maar zorgt
/// ervoor dat de terugmelding doorgezet wordt naar een ABO of een gemeente" (FAQ).
public func controleerStatusovergang(
    van huidig: TerugmeldingStatus, naar nieuw: TerugmeldingStatus, door partij: TerugmeldingPartij, rni: Bool = false
) throws(StatusovergangFout) {
    // Gemeld is only ever reached by routing, never set directly.
    if nieuw == .gemeld || nieuw.gezetDoor != partij {
        throw .nietToegestaanVoorPartij(nieuw, partij)
    }
    if rni && partij == .bijhouder {
        guard nieuw == .verkeerdeBronhouder else { throw .rniStuurtAlleenDoor }
        // Also one RvIG took up before it only forwarded: it can still pass it on.
        guard !huidig.isTerminal && huidig != .verkeerdeBronhouder else { throw .ongeldigeOvergang(van: huidig, naar: nieuw) }
        return
    }
    guard huidig.volgende.contains(nieuw) else {
        throw .ongeldigeOvergang(van: huidig, naar: nieuw)
    }
}

/// Whether this party may make this change now (the pages show only what passes).
public func magStatusZetten(van huidig: TerugmeldingStatus, naar nieuw: TerugmeldingStatus, door partij: TerugmeldingPartij, rni: Bool = false) -> Bool {
    do { try controleerStatusovergang(van: huidig, naar: nieuw, door: partij, rni: rni); return true } catch { return false }
}

/// How an Afgehandeld terugmelding ended (explained in the toelichting).
public enum Afhandeluitkomst: String, CaseIterable, Codable, Sendable {
    case verbeterd, aangevuld, verwijderd, ongewijzigd
}

extension TerugmeldingStatus {
    /// The status as the Logius terugmeld draft (0.2) spells its values. Verkeerde bronhouder is
    /// passed through at once here (the new bronhouder has it as Gemeld), so it reads as Gemeld.
    public var logiusNaam: String {
        switch self {
        case .gemeld, .verkeerdeBronhouder: "Gemeld"
        case .inBehandeling: "In Behandeling"
        case .ingepland: "Ingepland"
        case .ingetrokken: "Ingetrokken"
        case .onvoldoendeInformatie: "Onvoldoende ContactInformatie"
        case .afgehandeld: "Afgehandeld"
        }
    }
}
