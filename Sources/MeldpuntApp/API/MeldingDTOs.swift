import Foundation
import MeldpuntDomain
import Vapor

/// A meldpunt staff member as shown on a case.
struct MedewerkerVerwijzing: Content, Equatable {
    let id: String
    let naam: String
    let email: String
}

struct AnalyseDTO: Content, Equatable {
    let oorsprongOrganisatie: String
    let oorsprongRegistratie: String
    let geraakteOrganisaties: [String]
    let geraakteRegistraties: [String]
    let complexiteit: String

    init(_ a: Analyse) {
        oorsprongOrganisatie = a.oorsprongOrganisatie
        oorsprongRegistratie = a.oorsprongRegistratie
        geraakteOrganisaties = a.geraakteOrganisaties
        geraakteRegistraties = a.geraakteRegistraties
        complexiteit = a.complexiteit.rawValue
    }
}

struct RolVoorstelDTO: Content, Equatable {
    let rol: String
    let redenen: [String]
}

struct VolgendeStapDTO: Content, Equatable {
    let tekst: String
    let datum: String
}

/// The non-personal facts of a timeline event; they survive erasure of the texts.
struct GebeurtenisGegevens: Codable, Sendable, Equatable {
    var kanaal: String?
    var datum: String?
    var status: String?
    var rol: String?
    var uitkomst: String?
    var scopeReden: String?
    var cijfer: Int?
    var bestandsnaam: String?
    /// Partner coordination: the organisation, the request and its kind, an escalation level.
    var organisatie: String?
    var verzoekSoort: String?
    var verzoekId: String?
    var niveau: String?
    var contactpersoon: String?
    var terugmeldingStatus: String?
}

struct GebeurtenisDTO: Content {
    let volgnummer: Int
    let soort: String
    let tijdstip: Date
    let door: String?
    /// Nil when it never had a text, or the melder's personal data was erased.
    let tekst: String?
    let zichtbaarVoorMelder: Bool
    let gegevens: GebeurtenisGegevens?
}

struct MeldingBijlageDTO: Content {
    let id: String
    let bestandsnaam: String
    let mimeType: String
    let grootte: Int
    let href: String
}

/// One row of the werkvoorraad.
struct MeldingSamenvattingDTO: Content {
    let zaaknummer: String
    let status: String
    let melderType: String
    /// The melder's name (and the person represented); nil once personal data is erased.
    let naam: String?
    let registraties: [String]
    let ontvangenOp: Date
    let eersteContactUiterlijk: String
    let eersteContactOp: Date?
    let contactTermijnOverschreden: Bool
    let behandelaar: MedewerkerVerwijzing?
    let rol: String?
    let uitkomst: String?
    /// An open request to a partner is past its agreed deadline.
    let verzoekTermijnOverschreden: Bool
    let href: String
}

/// The whole case as meldpunt staff see it.
struct MeldingDetailDTO: Content {
    let zaaknummer: String
    let status: String
    let fase: String
    let melderType: String
    let registraties: [String]
    let ontvangenOp: Date
    let eersteContactUiterlijk: String
    let eersteContactOp: Date?
    let contactTermijnOverschreden: Bool
    let behandelaar: MedewerkerVerwijzing?
    let analyse: AnalyseDTO?
    /// The role the analysis points to, with its reasons; present once there is an analysis.
    let rolVoorstel: RolVoorstelDTO?
    let rol: String?
    let uitkomst: String?
    let geslotenOp: Date?
    let volgendeStap: VolgendeStapDTO?
    let tevredenheid: Int?
    let ingediendDoor: OrganisatieVerwijzing?
    let toestemmingOp: Date
    let toestemmingVersie: String
    let persoonsgegevensGewist: Bool
    /// The melding as sent, without attachment contents; nil once erased.
    let melding: MeldingVerzoek?
    let bijlagen: [MeldingBijlageDTO]
    let tijdlijn: [GebeurtenisDTO]
    /// The steps staff can take now: contact, analyse, rolKeuze, wachtOpOrganisaties, hervatten, sluiten.
    let mogelijkeStappen: [String]
    /// The requests to partner organisations: the coordinating view.
    let verzoeken: [VerzoekDTO]
    /// The case's own escalation level, and how often the case or one of its requests was escalated.
    let escalatieniveau: String
    let aantalEscalaties: Int
}

/// `POST /meldingen/{zaaknummer}/statuswijzigingen`.
struct MeldingStatuswijzigingVerzoek: Content {
    var status: String?
    var uitkomst: String?
    var samenvatting: String?
    var scopeReden: String?
    /// Needed to close as opgelost while a correctie request is still open.
    var redenOpenCorrecties: String?
}

struct TekstVerzoek: Content {
    var tekst: String?
}

struct ToewijzingVerzoek: Content {
    /// The e-mail address of a meldpunt staff member.
    var email: String?
}

/// `POST /meldingen/_zoek`: search by case number, name or BSN without putting them in a URL.
struct MeldingZoekVerzoek: Content {
    var zaaknummer: String?
    var naam: String?
    var bsn: String?
}

struct StatuspaginaLinkDTO: Content {
    let zaaknummer: String
    let statuspagina: String
}
