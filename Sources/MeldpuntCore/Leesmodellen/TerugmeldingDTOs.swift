import Foundation
import MeldpuntAdressen
import MeldpuntDomain

/// How an organisation is shown to the other party.
package struct OrganisatieVerwijzing: Codable, Sendable, Equatable {
    package let naam: String
    package let oin: String?
    package let gemeentecode: String?
    package let rniDeelnemerCode: String?

    package init(_ o: Organisatie) {
        naam = o.naam
        oin = o.oin
        gemeentecode = o.gemeentecode
        rniDeelnemerCode = o.rniDeelnemerCode
    }

    package init(_ o: OrganisatieDTO) {
        naam = o.naam
        oin = o.oin
        gemeentecode = o.gemeentecode
        rniDeelnemerCode = o.rniDeelnemerCode
    }

    /// Whether this is the given organisation (names and codes are unique together).
    package func isVan(_ o: OrganisatieDTO) -> Bool {
        naam == o.naam && oin == o.oin && gemeentecode == o.gemeentecode && rniDeelnemerCode == o.rniDeelnemerCode
    }
}

package struct PersoonIdentificatie: Codable, Sendable, Equatable {
    package let bsn: String?
    package let anummer: String?
    package let adres: String?

    package init(bsn: String?, anummer: String?, adres: String?) {
        self.bsn = bsn
        self.anummer = anummer
        self.adres = adres
    }
}

package struct BijlageDTO: Codable, Sendable {
    package let id: String
    package let bestandsnaam: String
    package let mimeType: String
    package let beschrijving: String?
    package let grootte: Int
    package let sha256: String
    package let gegevenIndex: Int?
    package let href: APIAdres

    package init(id: String, bestandsnaam: String, mimeType: String, beschrijving: String?, grootte: Int, sha256: String, gegevenIndex: Int?, href: APIAdres) {
        self.id = id
        self.bestandsnaam = bestandsnaam
        self.mimeType = mimeType
        self.beschrijving = beschrijving
        self.grootte = grootte
        self.sha256 = sha256
        self.gegevenIndex = gegevenIndex
        self.href = href
    }
}

package struct StatuswijzigingDTO: Codable, Sendable {
    package let volgnummer: Int
    package let status: TerugmeldingStatus
    package let tijdstip: Date
    package let organisatie: OrganisatieVerwijzing?
    package let toelichting: String?
    package let verwachteDatum: Dag?
    package let nieuweBijhouder: OrganisatieVerwijzing?
    package let uitkomst: Afhandeluitkomst?

    package init(volgnummer: Int, status: TerugmeldingStatus, tijdstip: Date, organisatie: OrganisatieVerwijzing?, toelichting: String?, verwachteDatum: Dag?, nieuweBijhouder: OrganisatieVerwijzing?, uitkomst: Afhandeluitkomst?) {
        self.volgnummer = volgnummer
        self.status = status
        self.tijdstip = tijdstip
        self.organisatie = organisatie
        self.toelichting = toelichting
        self.verwachteDatum = verwachteDatum
        self.nieuweBijhouder = nieuweBijhouder
        self.uitkomst = uitkomst
    }
}

/// The whole terugmelding as both parties see it.
package struct TerugmeldingDetailDTO: Codable, Sendable {
    package let terugMeldingReferentie: String
    package let referentieKenmerk: String?
    package let status: TerugmeldingStatus
    package let beschrijving: String
    package let registratie: String
    package let afnemer: OrganisatieVerwijzing
    package let bijhouder: OrganisatieVerwijzing
    package let persoon: PersoonIdentificatie
    package let ontvangenOp: Date
    package let uiterlijkInBehandelingOp: Dag
    package let termijnOverschreden: Bool
    package let terugMelding: TerugmeldingInvoer
    package let bijlagen: [BijlageDTO]
    package let statusHistorie: [StatuswijzigingDTO]

    package init(terugMeldingReferentie: String, referentieKenmerk: String?, status: TerugmeldingStatus, beschrijving: String, registratie: String, afnemer: OrganisatieVerwijzing, bijhouder: OrganisatieVerwijzing, persoon: PersoonIdentificatie, ontvangenOp: Date, uiterlijkInBehandelingOp: Dag, termijnOverschreden: Bool, terugMelding: TerugmeldingInvoer, bijlagen: [BijlageDTO], statusHistorie: [StatuswijzigingDTO]) {
        self.terugMeldingReferentie = terugMeldingReferentie
        self.referentieKenmerk = referentieKenmerk
        self.status = status
        self.beschrijving = beschrijving
        self.registratie = registratie
        self.afnemer = afnemer
        self.bijhouder = bijhouder
        self.persoon = persoon
        self.ontvangenOp = ontvangenOp
        self.uiterlijkInBehandelingOp = uiterlijkInBehandelingOp
        self.termijnOverschreden = termijnOverschreden
        self.terugMelding = terugMelding
        self.bijlagen = bijlagen
        self.statusHistorie = statusHistorie
    }
}

/// One row of an inbox or sent list: no request body, no attachments.
package struct TerugmeldingSamenvattingDTO: Codable, Sendable {
    package let terugMeldingReferentie: String
    package let referentieKenmerk: String?
    package let status: TerugmeldingStatus
    package let registratie: String
    package let afnemer: OrganisatieVerwijzing
    package let bijhouder: OrganisatieVerwijzing
    package let persoon: PersoonIdentificatie
    package let toelichtingBegin: String
    package let ontvangenOp: Date
    package let uiterlijkInBehandelingOp: Dag
    package let termijnOverschreden: Bool
    package let href: APIAdres

    package init(terugMeldingReferentie: String, referentieKenmerk: String?, status: TerugmeldingStatus, registratie: String, afnemer: OrganisatieVerwijzing, bijhouder: OrganisatieVerwijzing, persoon: PersoonIdentificatie, toelichtingBegin: String, ontvangenOp: Date, uiterlijkInBehandelingOp: Dag, termijnOverschreden: Bool, href: APIAdres) {
        self.terugMeldingReferentie = terugMeldingReferentie
        self.referentieKenmerk = referentieKenmerk
        self.status = status
        self.registratie = registratie
        self.afnemer = afnemer
        self.bijhouder = bijhouder
        self.persoon = persoon
        self.toelichtingBegin = toelichtingBegin
        self.ontvangenOp = ontvangenOp
        self.uiterlijkInBehandelingOp = uiterlijkInBehandelingOp
        self.termijnOverschreden = termijnOverschreden
        self.href = href
    }
}

/// Body of `POST /terugmeldingen/{referentie}/statuswijzigingen`.
package struct StatuswijzigingInvoer: Codable, Sendable {
    package var status: String?
    package var toelichting: String?
    package var verwachteDatum: String?
    package var uitkomst: String?
    package var gemeentecode: String?
    package var rniDeelnemer: String?

    package init(status: String? = nil, toelichting: String? = nil, verwachteDatum: String? = nil, uitkomst: String? = nil, gemeentecode: String? = nil, rniDeelnemer: String? = nil) {
        self.status = status
        self.toelichting = toelichting
        self.verwachteDatum = verwachteDatum
        self.uitkomst = uitkomst
        self.gemeentecode = gemeentecode
        self.rniDeelnemer = rniDeelnemer
    }
}

