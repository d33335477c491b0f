import Foundation
import MeldpuntDomain
import Vapor

/// How an organisation is shown to the other party.
struct OrganisatieVerwijzing: Content, Equatable {
    let naam: String
    let oin: String?
    let gemeentecode: String?
    let rniDeelnemerCode: String?

    init(_ o: Organisatie) {
        naam = o.naam
        oin = o.oin
        gemeentecode = o.gemeentecode
        rniDeelnemerCode = o.rniDeelnemerCode
    }

    /// Whether this is the given organisation (names and codes are unique together).
    func isVan(_ o: OrganisatieDTO) -> Bool {
        naam == o.naam && oin == o.oin && gemeentecode == o.gemeentecode && rniDeelnemerCode == o.rniDeelnemerCode
    }
}

struct PersoonIdentificatie: Content, Equatable {
    let bsn: String?
    let anummer: String?
    let adres: String?
}

struct BijlageDTO: Content {
    let id: String
    let bestandsnaam: String
    let mimeType: String
    let beschrijving: String?
    let grootte: Int
    let sha256: String
    let gegevenIndex: Int?
    let href: String
}

struct StatuswijzigingDTO: Content {
    let volgnummer: Int
    let status: String
    let tijdstip: Date
    let organisatie: OrganisatieVerwijzing?
    let toelichting: String?
    let verwachteDatum: String?
    let nieuweBijhouder: OrganisatieVerwijzing?
    let uitkomst: String?
}

/// The whole terugmelding as both parties see it.
struct TerugmeldingDetailDTO: Content {
    let terugMeldingReferentie: String
    let referentieKenmerk: String?
    let status: String
    let beschrijving: String
    let registratie: String
    let afnemer: OrganisatieVerwijzing
    let bijhouder: OrganisatieVerwijzing
    let persoon: PersoonIdentificatie
    let ontvangenOp: Date
    let uiterlijkInBehandelingOp: String
    let termijnOverschreden: Bool
    let terugMelding: TerugmeldingVerzoek
    let bijlagen: [BijlageDTO]
    let statusHistorie: [StatuswijzigingDTO]
}

/// One row of an inbox or sent list: no request body, no attachments.
struct TerugmeldingSamenvattingDTO: Content {
    let terugMeldingReferentie: String
    let referentieKenmerk: String?
    let status: String
    let registratie: String
    let afnemer: OrganisatieVerwijzing
    let bijhouder: OrganisatieVerwijzing
    let persoon: PersoonIdentificatie
    let toelichtingBegin: String
    let ontvangenOp: Date
    let uiterlijkInBehandelingOp: String
    let termijnOverschreden: Bool
    let href: String
}

/// Body of `POST /terugmeldingen/{referentie}/statuswijzigingen`.
struct StatuswijzigingVerzoek: Content {
    var status: String?
    var toelichting: String?
    var verwachteDatum: String?
    var uitkomst: String?
    var gemeentecode: String?
    var rniDeelnemer: String?
}

extension UUID {
    /// UUIDs go out in lower case (RFC 9562); any case is accepted coming in.
    var tekst: String { uuidString.lowercased() }
}
