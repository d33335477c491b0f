import Foundation

// Notifications and events (issue 12): what happened, on which channel, and how often a
// delivery is tried before it is given up and shown to beheer.

/// A channel systems subscribe to (the ZGW Notificaties `kanaal`).
public enum Kanaal: String, CaseIterable, Codable, Sendable {
    case terugmeldingen, meldingen, verzoeken, opschortingen

    /// The filter keys (`kenmerken`) each event on this channel carries.
    public var kenmerken: [String] {
        switch self {
        case .terugmeldingen: ["status", "registratie", "bronhouder", "afnemer"]
        case .meldingen: ["status"]
        case .verzoeken: ["soort", "status", "niveau", "organisatie"]
        case .opschortingen: ["actie", "organisatie"]
        }
    }
}

/// Something that happened that systems may hear of.
public enum Voorval: String, CaseIterable, Codable, Sendable {
    case terugmeldingGemeld = "terugmelding-gemeld"
    case terugmeldingStatusGewijzigd = "terugmelding-status-gewijzigd"
    case terugmeldingDoorgestuurd = "terugmelding-doorgestuurd"
    case terugmeldingIngetrokken = "terugmelding-ingetrokken"
    case meldingNieuw = "melding-nieuw"
    case meldingStatusGewijzigd = "melding-status-gewijzigd"
    case meldingGesloten = "melding-gesloten"
    case verzoekNieuw = "verzoek-nieuw"
    case verzoekBeantwoord = "verzoek-beantwoord"
    case verzoekGeescaleerd = "verzoek-geescaleerd"
    case verzoekVerlopen = "verzoek-verlopen"
    case opschortingBevestigd = "opschorting-bevestigd"
    case opschortingOpgeheven = "opschorting-opgeheven"

    public var kanaal: Kanaal {
        switch self {
        case .terugmeldingGemeld, .terugmeldingStatusGewijzigd, .terugmeldingDoorgestuurd, .terugmeldingIngetrokken: .terugmeldingen
        case .meldingNieuw, .meldingStatusGewijzigd, .meldingGesloten: .meldingen
        case .verzoekNieuw, .verzoekBeantwoord, .verzoekGeescaleerd, .verzoekVerlopen: .verzoeken
        case .opschortingBevestigd, .opschortingOpgeheven: .opschortingen
        }
    }

    /// The resource the event is about (ZGW `resource`).
    public var resource: String {
        switch kanaal {
        case .terugmeldingen: "terugmelding"
        case .meldingen: "melding"
        case .verzoeken: "verzoek"
        case .opschortingen: "opschorting"
        }
    }

    /// ZGW `actie`: create for a new object, update otherwise.
    public var actie: String {
        switch self {
        case .terugmeldingGemeld, .meldingNieuw, .verzoekNieuw, .opschortingBevestigd: "create"
        default: "update"
        }
    }

    /// The CloudEvents `type`, in reverse-DNS notation (NL GOV profile).
    public var cloudEventType: String { "nl.overheid.meldpunt.\(rawValue)" }
}

/// When a failed delivery is tried again: as Open Notificaties does, 7 retries with
/// exponential backoff (25 s × 4ⁿ, capped at 12 hours): about a day and a half in all.
/// After the last one the message is dead-lettered and waits for beheer.
public enum Herhaalschema {
    public static let herhalingen = 7
    public static let basisSeconden = 25.0
    public static let factor = 4.0
    public static let maximumSeconden = 12.0 * 3600

    /// The wait after the `poging`-th failed attempt (1-based), or nil when it is given up.
    public static func wachttijd(naPoging poging: Int, basis: Double = basisSeconden) -> TimeInterval? {
        guard poging >= 1, poging <= herhalingen else { return nil }
        return min(maximumSeconden, basis * pow(factor, Double(poging - 1)))
    }
}

/// How a recipient wants to hear: each message at once, or one summary each working morning.
public enum Bezorgwijze: String, CaseIterable, Codable, Sendable {
    case direct, dagelijks
}

/// The shape of the events a subscription receives.
public enum Gebeurtenisvorm: String, CaseIterable, Codable, Sendable {
    /// ZGW Notificaties API 1.0 (`kanaal`, `hoofdObject`, `resource`, `actie`, `kenmerken`).
    case zgw
    /// NL GOV profile for CloudEvents 1.0, data-poor (`dataref`).
    case cloudevents
}
