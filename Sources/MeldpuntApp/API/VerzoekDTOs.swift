import Foundation
import MeldpuntDomain
import Vapor

struct ContactpersoonDTO: Content, Equatable {
    let id: String
    let niveau: String
    let naam: String
    let functie: String?
    let email: String?
    let telefoon: String?
    let heeftLogin: Bool

    init(_ c: Contactpersoon) {
        id = c.id!.tekst
        niveau = c.niveau
        naam = c.naam
        functie = c.functie
        email = c.email
        telefoon = c.telefoon
        heeftLogin = c.$gebruiker.id != nil
    }
}

struct VerzoekBijlageDTO: Content, Equatable {
    let id: String
    let bestandsnaam: String
    let mimeType: String
    let grootte: Int
    let href: String
}

/// One entry in a request's thread: a message either way, or a step.
struct VerzoekBerichtDTO: Content {
    let volgnummer: Int
    let tijdstip: Date
    /// meldpunt, partner or bronhouder (through a linked terugmelding).
    let van: String
    let door: String?
    /// bericht, verzonden, geaccepteerd, afgewezen, uitgevoerd, termijn, geescaleerd, opgeheven, verslag, bijlage, terugmeldingStatus.
    let soort: String
    let tekst: String?
    let bijlage: VerzoekBijlageDTO?
}

struct OpschortingDTO: Content, Equatable {
    let actie: String
    let kenmerk: String?
    /// Until when it is (asked to be) on hold.
    let tot: String?
    /// When the partner confirmed it is on hold; nil while not confirmed.
    let bevestigdOp: Date?
    let opgehevenOp: Date?
    /// Confirmed and not lifted.
    let actief: Bool
}

struct OverlegDTO: Content, Equatable {
    let datum: String
    let deelnemers: String
    let verslag: String?
}

struct TerugmeldingKoppelingDTO: Content, Equatable {
    let id: String
    let status: String
    let bijhouder: String
    let href: String
}

/// A request as the meldpunt sees it.
struct VerzoekDTO: Content {
    let id: String
    let organisatie: OrganisatieVerwijzing
    let soort: String
    let status: String
    let vraag: String
    let gedeeldeGegevens: [String]
    let uiterlijk: String?
    /// Who set the agreed deadline last: meldpunt or partner.
    let termijnDoor: String?
    let termijnOverschreden: Bool
    let niveau: String
    /// The partner's contact person at the current level.
    let contactpersoon: ContactpersoonDTO?
    let reden: String?
    let opschorting: OpschortingDTO?
    let overleg: OverlegDTO?
    let terugmelding: TerugmeldingKoppelingDTO?
    let aangemaaktOp: Date
    let berichten: [VerzoekBerichtDTO]
}

/// A suspension in the overall overview.
struct OpschortingRegelDTO: Content {
    let zaaknummer: String
    let verzoekId: String
    let organisatie: String
    let status: String
    let opschorting: OpschortingDTO
    let href: String
}

// MARK: The partner's side

struct PartnerVerzoekSamenvattingDTO: Content {
    let id: String
    let zaaknummer: String
    let soort: String
    let status: String
    let uiterlijk: String?
    let termijnOverschreden: Bool
    let niveau: String
    let aangemaaktOp: Date
    let href: String
}

/// Only what the meldpunt chose to share with this request; absent fields were not shared.
struct GedeeldeMeldingDTO: Content {
    let gedeeldeGegevens: [String]
    var naam: String?
    var namensNaam: String?
    var bsn: String?
    var email: String?
    var telefoon: String?
    var adres: String?
    var watIsFout: String?
    var watMoetHetZijn: String?
    var sinds: String?
    var registraties: [String]?
    var gevolgen: [MeldingVerzoek.Gevolg]?
    var bijlagen: [VerzoekBijlageDTO]?
}

struct PartnerVerzoekDTO: Content {
    let id: String
    let zaaknummer: String
    let soort: String
    let status: String
    let vraag: String
    let uiterlijk: String?
    let termijnDoor: String?
    let termijnOverschreden: Bool
    let niveau: String
    let reden: String?
    let opschorting: OpschortingDTO?
    let overleg: OverlegDTO?
    /// Filed as a terugmelding to you: handle it there; its progress moves this request.
    let terugmeldingId: String?
    let melding: GedeeldeMeldingDTO
    let berichten: [VerzoekBerichtDTO]
    /// The states the partner can move this request to now.
    let mogelijkeStatussen: [String]
    /// A confirmed suspension that is not lifted yet can be lifted.
    let kanOpheffen: Bool
}

struct VerzoekBijlageVerzoek: Content {
    var bestandsnaam: String?
    /// The file, base64.
    var inhoud: String?
}

struct RedenVerzoek: Content {
    var reden: String?
}
