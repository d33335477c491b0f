import Foundation
import MeldpuntAdressen
import MeldpuntDomain

package struct ContactpersoonDTO: Codable, Sendable, Equatable {
    package let id: String
    package let niveau: Escalatieniveau
    package let naam: String
    package let functie: String?
    package let email: String?
    package let telefoon: String?
    package let heeftLogin: Bool

    package init(_ c: Contactpersoon) throws {
        id = (try c.requireID()).tekst
        niveau = c.niveau
        naam = c.naam
        functie = c.functie
        email = c.email
        telefoon = c.telefoon
        heeftLogin = c.$gebruiker.id != nil
    }
}

package struct VerzoekBijlageDTO: Codable, Sendable, Equatable {
    package let id: String
    package let bestandsnaam: String
    package let mimeType: String
    package let grootte: Int
    package let href: APIAdres

    package init(id: String, bestandsnaam: String, mimeType: String, grootte: Int, href: APIAdres) {
        self.id = id
        self.bestandsnaam = bestandsnaam
        self.mimeType = mimeType
        self.grootte = grootte
        self.href = href
    }
}

/// One entry in a request's thread: a message either way, or a step.
package struct VerzoekBerichtDTO: Codable, Sendable {
    package let volgnummer: Int
    package let tijdstip: Date
    /// meldpunt, partner or bronhouder (through a linked terugmelding).
    package let van: Verzoekpartij
    package let door: String?
    package let soort: Verzoekstapsoort
    package let tekst: String?
    package let bijlage: VerzoekBijlageDTO?

    package init(volgnummer: Int, tijdstip: Date, van: Verzoekpartij, door: String?, soort: Verzoekstapsoort, tekst: String?, bijlage: VerzoekBijlageDTO?) {
        self.volgnummer = volgnummer
        self.tijdstip = tijdstip
        self.van = van
        self.door = door
        self.soort = soort
        self.tekst = tekst
        self.bijlage = bijlage
    }
}

package struct OpschortingDTO: Codable, Sendable, Equatable {
    package let actie: OpschortingsActie
    package let kenmerk: String?
    /// Until when it is (asked to be) on hold.
    package let tot: Dag?
    /// When the partner confirmed it is on hold; nil while not confirmed.
    package let bevestigdOp: Date?
    package let opgehevenOp: Date?
    /// Confirmed and not lifted.
    package let actief: Bool
    /// What the meldpunt decided for it when the case closed: lift or keep until its end date.
    package var besluit: OpschortingBesluit? = nil
    /// Running, its case closed (the melder withdrew consent) and nothing decided yet: staff decide.
    package var teBeslissen: Bool = false

    package init(actie: OpschortingsActie, kenmerk: String?, tot: Dag?, bevestigdOp: Date?, opgehevenOp: Date?, actief: Bool) {
        self.actie = actie
        self.kenmerk = kenmerk
        self.tot = tot
        self.bevestigdOp = bevestigdOp
        self.opgehevenOp = opgehevenOp
        self.actief = actief
    }
}

package struct VerzoekOverlegDTO: Codable, Sendable, Equatable {
    package let datum: Dag
    package let deelnemers: String
    package let verslag: String?

    package init(datum: Dag, deelnemers: String, verslag: String?) {
        self.datum = datum
        self.deelnemers = deelnemers
        self.verslag = verslag
    }
}

package struct TerugmeldingKoppelingDTO: Codable, Sendable, Equatable {
    package let id: String
    package let status: TerugmeldingStatus
    package let bijhouder: String
    package let href: APIAdres

    package init(id: String, status: TerugmeldingStatus, bijhouder: String, href: APIAdres) {
        self.id = id
        self.status = status
        self.bijhouder = bijhouder
        self.href = href
    }
}

/// A request as the meldpunt sees it.
package struct VerzoekDTO: Codable, Sendable {
    package let id: String
    package let organisatie: OrganisatieVerwijzing
    package let soort: VerzoekSoort
    package let status: VerzoekStatus
    package let vraag: String
    package let gedeeldeGegevens: [GedeeldGegeven]
    package let uiterlijk: Dag?
    /// Who set the agreed deadline last: meldpunt or partner.
    package let termijnDoor: Verzoekpartij?
    package let termijnOverschreden: Bool
    package let niveau: Escalatieniveau
    /// The partner's contact person at the current level.
    package let contactpersoon: ContactpersoonDTO?
    package let reden: String?
    package let opschorting: OpschortingDTO?
    package let overleg: VerzoekOverlegDTO?
    package let terugmelding: TerugmeldingKoppelingDTO?
    package let aangemaaktOp: Date
    package let berichten: [VerzoekBerichtDTO]
    /// A standing proposal to escalate, decided together (intentieverklaring 11).
    package var escalatievoorstel: EscalatievoorstelDTO?

    package init(id: String, organisatie: OrganisatieVerwijzing, soort: VerzoekSoort, status: VerzoekStatus, vraag: String, gedeeldeGegevens: [GedeeldGegeven], uiterlijk: Dag?, termijnDoor: Verzoekpartij?, termijnOverschreden: Bool, niveau: Escalatieniveau, contactpersoon: ContactpersoonDTO?, reden: String?, opschorting: OpschortingDTO?, overleg: VerzoekOverlegDTO?, terugmelding: TerugmeldingKoppelingDTO?, aangemaaktOp: Date, berichten: [VerzoekBerichtDTO]) {
        self.id = id
        self.organisatie = organisatie
        self.soort = soort
        self.status = status
        self.vraag = vraag
        self.gedeeldeGegevens = gedeeldeGegevens
        self.uiterlijk = uiterlijk
        self.termijnDoor = termijnDoor
        self.termijnOverschreden = termijnOverschreden
        self.niveau = niveau
        self.contactpersoon = contactpersoon
        self.reden = reden
        self.opschorting = opschorting
        self.overleg = overleg
        self.terugmelding = terugmelding
        self.aangemaaktOp = aangemaaktOp
        self.berichten = berichten
    }
}

/// A suspension in the overall overview.
package struct OpschortingRegelDTO: Codable, Sendable {
    package let zaaknummer: String
    package let verzoekId: String
    package let organisatie: String
    package let status: VerzoekStatus
    package let opschorting: OpschortingDTO
    package let href: APIAdres

    package init(zaaknummer: String, verzoekId: String, organisatie: String, status: VerzoekStatus, opschorting: OpschortingDTO, href: APIAdres) {
        self.zaaknummer = zaaknummer
        self.verzoekId = verzoekId
        self.organisatie = organisatie
        self.status = status
        self.opschorting = opschorting
        self.href = href
    }
}

// MARK: The partner's side

/// What a partner's start page shows: how many requests wait, and the first to act on.
package struct PartnerWerkDTO: Sendable {
    package let open: Int
    package let nieuw: Int
    package let teLaat: Int
    package let eerst: [PartnerVerzoekSamenvattingDTO]
}

package struct PartnerVerzoekSamenvattingDTO: Codable, Sendable {
    package let id: String
    package let zaaknummer: String
    package let soort: VerzoekSoort
    package let status: VerzoekStatus
    package let uiterlijk: Dag?
    package let termijnOverschreden: Bool
    package let niveau: Escalatieniveau
    package let aangemaaktOp: Date
    package let href: APIAdres

    package init(id: String, zaaknummer: String, soort: VerzoekSoort, status: VerzoekStatus, uiterlijk: Dag?, termijnOverschreden: Bool, niveau: Escalatieniveau, aangemaaktOp: Date, href: APIAdres) {
        self.id = id
        self.zaaknummer = zaaknummer
        self.soort = soort
        self.status = status
        self.uiterlijk = uiterlijk
        self.termijnOverschreden = termijnOverschreden
        self.niveau = niveau
        self.aangemaaktOp = aangemaaktOp
        self.href = href
    }
}

/// Only what the meldpunt chose to share with this request; absent fields were not shared.
package struct GedeeldeMeldingDTO: Codable, Sendable {
    package let gedeeldeGegevens: [GedeeldGegeven]
    package var naam: String?
    package var namensNaam: String?
    package var bsn: String?
    package var email: String?
    package var telefoon: String?
    package var adres: String?
    package var watIsFout: String?
    package var watMoetHetZijn: String?
    package var sinds: String?
    package var registraties: [String]?
    package var gevolgen: [MeldingInvoer.Gevolg]?
    package var bijlagen: [VerzoekBijlageDTO]?

    package init(gedeeldeGegevens: [GedeeldGegeven], naam: String? = nil, namensNaam: String? = nil, bsn: String? = nil, email: String? = nil, telefoon: String? = nil, adres: String? = nil, watIsFout: String? = nil, watMoetHetZijn: String? = nil, sinds: String? = nil, registraties: [String]? = nil, gevolgen: [MeldingInvoer.Gevolg]? = nil, bijlagen: [VerzoekBijlageDTO]? = nil) {
        self.gedeeldeGegevens = gedeeldeGegevens
        self.naam = naam
        self.namensNaam = namensNaam
        self.bsn = bsn
        self.email = email
        self.telefoon = telefoon
        self.adres = adres
        self.watIsFout = watIsFout
        self.watMoetHetZijn = watMoetHetZijn
        self.sinds = sinds
        self.registraties = registraties
        self.gevolgen = gevolgen
        self.bijlagen = bijlagen
    }
}

package struct PartnerVerzoekDTO: Codable, Sendable {
    package let id: String
    package let zaaknummer: String
    package let soort: VerzoekSoort
    package let status: VerzoekStatus
    package let vraag: String
    package let uiterlijk: Dag?
    package let termijnDoor: Verzoekpartij?
    package let termijnOverschreden: Bool
    package let niveau: Escalatieniveau
    package let reden: String?
    package let opschorting: OpschortingDTO?
    package let overleg: VerzoekOverlegDTO?
    /// Filed as a terugmelding to you: handle it there; its progress moves this request.
    package let terugmeldingId: String?
    package let melding: GedeeldeMeldingDTO
    package let berichten: [VerzoekBerichtDTO]
    package var escalatievoorstel: EscalatievoorstelDTO?
    /// The states the partner can move this request to now.
    package let mogelijkeStatussen: [VerzoekStatus]
    /// A confirmed suspension that is not lifted yet can be lifted.
    package let kanOpheffen: Bool

    package init(id: String, zaaknummer: String, soort: VerzoekSoort, status: VerzoekStatus, vraag: String, uiterlijk: Dag?, termijnDoor: Verzoekpartij?, termijnOverschreden: Bool, niveau: Escalatieniveau, reden: String?, opschorting: OpschortingDTO?, overleg: VerzoekOverlegDTO?, terugmeldingId: String?, melding: GedeeldeMeldingDTO, berichten: [VerzoekBerichtDTO], mogelijkeStatussen: [VerzoekStatus], kanOpheffen: Bool) {
        self.id = id
        self.zaaknummer = zaaknummer
        self.soort = soort
        self.status = status
        self.vraag = vraag
        self.uiterlijk = uiterlijk
        self.termijnDoor = termijnDoor
        self.termijnOverschreden = termijnOverschreden
        self.niveau = niveau
        self.reden = reden
        self.opschorting = opschorting
        self.overleg = overleg
        self.terugmeldingId = terugmeldingId
        self.melding = melding
        self.berichten = berichten
        self.mogelijkeStatussen = mogelijkeStatussen
        self.kanOpheffen = kanOpheffen
    }
}

package struct VerzoekBijlageInvoer: Codable, Sendable {
    package var bestandsnaam: String?
    /// The file, base64.
    package var inhoud: String?

    package init(bestandsnaam: String? = nil, inhoud: String? = nil) {
        self.bestandsnaam = bestandsnaam
        self.inhoud = inhoud
    }
}

package struct RedenInvoer: Codable, Sendable {
    package var reden: String?

    package init(reden: String? = nil) {
        self.reden = reden
    }
}

/// Who proposed to escalate a request one level, the other side's last day to answer, and
/// whether that day has passed (then the meldpunt may decide alone on its own proposal).
package struct EscalatievoorstelDTO: Codable, Sendable, Equatable {
    package let door: Verzoekpartij
    package let uiterlijk: Dag
    package let verlopen: Bool

    package init(_ v: Escalatievoorstel, vandaag: Dag) {
        door = v.door
        uiterlijk = v.uiterlijk
        verlopen = vandaag > v.uiterlijk
    }
}
