import Foundation
import MeldpuntAdressen
import MeldpuntDomain

/// A meldpunt staff member as shown on a case.
package struct MedewerkerVerwijzing: Codable, Sendable, Equatable {
    package let id: String
    package let naam: String
    package let email: String

    package init(id: String, naam: String, email: String) {
        self.id = id
        self.naam = naam
        self.email = email
    }
}

package struct AnalyseDTO: Codable, Sendable, Equatable {
    package let oorsprongOrganisatie: String
    package let oorsprongRegistratie: String
    package let geraakteOrganisaties: [String]
    package let geraakteRegistraties: [String]
    package let complexiteit: Complexiteit
    package let bevinding: Probleemsoort

    package init(_ a: Analyse) {
        oorsprongOrganisatie = a.oorsprongOrganisatie
        oorsprongRegistratie = a.oorsprongRegistratie
        geraakteOrganisaties = a.geraakteOrganisaties
        geraakteRegistraties = a.geraakteRegistraties
        complexiteit = a.complexiteit
        bevinding = a.bevinding
    }
}

package struct RolVoorstelDTO: Codable, Sendable, Equatable {
    package let rol: MeldpuntRol
    package let redenen: [String]

    package init(rol: MeldpuntRol, redenen: [String]) {
        self.rol = rol
        self.redenen = redenen
    }
}

package struct VolgendeStapDTO: Codable, Sendable, Equatable {
    package let tekst: String
    package let datum: Dag

    package init(tekst: String, datum: Dag) {
        self.tekst = tekst
        self.datum = datum
    }
}

/// The non-personal facts of a timeline event; they survive erasure of the texts. Typed where one
/// type holds for every event; `status` and `uitkomst` are a case's or a request's, a case's or a
/// terugmelding's (by the event's kind), so they stay their raw text.
/// The status a step reached: the case's or a request's. Stored and sent as the bare value
/// (the two sets share none), typed in Swift so that each is named with its own words.
package enum Stapstatus: RawRepresentable, Codable, Sendable, Equatable, CaseIterable {
    case melding(MeldingStatus)
    case verzoek(VerzoekStatus)

    package init?(rawValue: String) {
        if let s = MeldingStatus(rawValue: rawValue) { self = .melding(s) }
        else if let s = VerzoekStatus(rawValue: rawValue) { self = .verzoek(s) }
        else { return nil }
    }

    package var rawValue: String {
        switch self {
        case .melding(let s): s.rawValue
        case .verzoek(let s): s.rawValue
        }
    }

    package static var allCases: [Stapstatus] { MeldingStatus.allCases.map(Self.melding) + VerzoekStatus.allCases.map(Self.verzoek) }
}

/// The outcome a step recorded: closing the case, or the bronhouder completing a terugmelding.
package enum Stapuitkomst: RawRepresentable, Codable, Sendable, Equatable, CaseIterable {
    case melding(MeldingUitkomst)
    case terugmelding(Afhandeluitkomst)

    package init?(rawValue: String) {
        if let u = MeldingUitkomst(rawValue: rawValue) { self = .melding(u) }
        else if let u = Afhandeluitkomst(rawValue: rawValue) { self = .terugmelding(u) }
        else { return nil }
    }

    package var rawValue: String {
        switch self {
        case .melding(let u): u.rawValue
        case .terugmelding(let u): u.rawValue
        }
    }

    package static var allCases: [Stapuitkomst] { MeldingUitkomst.allCases.map(Self.melding) + Afhandeluitkomst.allCases.map(Self.terugmelding) }
}

package struct GebeurtenisGegevens: Codable, Sendable, Equatable {
    package var kanaal: Contactvorm?
    package var datum: Dag?
    package var status: Stapstatus?
    package var rol: MeldpuntRol?
    package var uitkomst: Stapuitkomst?
    package var scopeReden: ScopeReden?
    package var afsluitgrond: Afsluitgrond?
    /// The analysis' finding.
    package var bevinding: Probleemsoort?
    package var cijfer: Int?
    package var bestandsnaam: String?
    /// Partner coordination: the organisation, the request and its kind, an escalation level.
    package var organisatie: String?
    package var verzoekSoort: VerzoekSoort?
    package var verzoekId: String?
    package var niveau: Escalatieniveau?
    package var contactpersoon: String?
    package var terugmeldingStatus: TerugmeldingStatus?
    /// The meldpunt's advice this step is about (ADV-n).
    package var adviesNummer: Int?
    /// The overleg with several organisations this step is about (OVL-n).
    package var overlegNummer: Int?
    /// How the melding came in, when staff took it (and the melder's consent).
    package var binnenkomst: Binnenkomst?
    /// How a request's escalation was decided: together, or alone after the partner's silence.
    package var escalatiebesluit: Escalatiebesluit?
    /// A consequence's kind and its new state of repair.
    package var gevolgSoort: GevolgSoort?
    package var herstel: HerstelStatus?
    /// Which of the melder's contact fields a correction changed (API names), never their values.
    package var velden: [String]?
    /// The other case of a link or merge.
    package var gekoppeld: String?

    package init(kanaal: Contactvorm? = nil, datum: Dag? = nil, status: Stapstatus? = nil, rol: MeldpuntRol? = nil, uitkomst: Stapuitkomst? = nil, scopeReden: ScopeReden? = nil, afsluitgrond: Afsluitgrond? = nil, bevinding: Probleemsoort? = nil, cijfer: Int? = nil, bestandsnaam: String? = nil, organisatie: String? = nil, verzoekSoort: VerzoekSoort? = nil, verzoekId: String? = nil, niveau: Escalatieniveau? = nil, contactpersoon: String? = nil, terugmeldingStatus: TerugmeldingStatus? = nil, adviesNummer: Int? = nil, escalatiebesluit: Escalatiebesluit? = nil, gevolgSoort: GevolgSoort? = nil, herstel: HerstelStatus? = nil, overlegNummer: Int? = nil, binnenkomst: Binnenkomst? = nil, velden: [String]? = nil, gekoppeld: String? = nil) {
        self.velden = velden
        self.gekoppeld = gekoppeld
        self.kanaal = kanaal
        self.datum = datum
        self.status = status
        self.rol = rol
        self.uitkomst = uitkomst
        self.scopeReden = scopeReden
        self.afsluitgrond = afsluitgrond
        self.bevinding = bevinding
        self.cijfer = cijfer
        self.bestandsnaam = bestandsnaam
        self.organisatie = organisatie
        self.verzoekSoort = verzoekSoort
        self.verzoekId = verzoekId
        self.niveau = niveau
        self.contactpersoon = contactpersoon
        self.terugmeldingStatus = terugmeldingStatus
        self.adviesNummer = adviesNummer
        self.overlegNummer = overlegNummer
        self.binnenkomst = binnenkomst
        self.escalatiebesluit = escalatiebesluit
        self.gevolgSoort = gevolgSoort
        self.herstel = herstel
    }
}

package struct GebeurtenisDTO: Codable, Sendable {
    package let volgnummer: Int
    package let soort: Gebeurtenissoort
    package let tijdstip: Date
    package let door: String?
    /// Nil when it never had a text, or the melder's personal data was erased.
    package let tekst: String?
    package let zichtbaarVoorMelder: Bool
    package let gegevens: GebeurtenisGegevens?

    package init(volgnummer: Int, soort: Gebeurtenissoort, tijdstip: Date, door: String?, tekst: String?, zichtbaarVoorMelder: Bool, gegevens: GebeurtenisGegevens?) {
        self.volgnummer = volgnummer
        self.soort = soort
        self.tijdstip = tijdstip
        self.door = door
        self.tekst = tekst
        self.zichtbaarVoorMelder = zichtbaarVoorMelder
        self.gegevens = gegevens
    }
}

package struct MeldingBijlageDTO: Codable, Sendable {
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

/// Another case of the same person (same BSN, or exactly the same names), as the werkvoorraad and
/// the case page hint at it.
package struct MeldingVerwijzing: Sendable, Equatable {
    package let zaaknummer: String
    package let status: MeldingStatus
}

/// One row of the werkvoorraad.
package struct MeldingSamenvattingDTO: Codable, Sendable {
    package let zaaknummer: String
    package let status: MeldingStatus
    package let melderType: MelderType
    /// The melder's name (and the person represented); nil once personal data is erased.
    package let naam: String?
    package let registraties: [String]
    package let ontvangenOp: Date
    package let eersteContactUiterlijk: Dag
    package let eersteContactOp: Date?
    package let contactTermijnOverschreden: Bool
    package let behandelaar: MedewerkerVerwijzing?
    package let rol: MeldpuntRol?
    package let uitkomst: MeldingUitkomst?
    /// An open request to a partner is past its agreed deadline.
    package let verzoekTermijnOverschreden: Bool
    /// Something new from the melder or a partner that no one at the meldpunt has opened yet.
    package let ongelezen: Bool
    /// The start of the melder's description; nil once personal data is erased.
    package let omschrijving: String?
    package let href: APIAdres
    /// The safety net (open cases): the earliest day the melder must pay or act by, the day of
    /// the next step promised to them, whether the case is past its acceptable time, and the
    /// earliest of all the case's days — what the werkvoorraad sorts on by urgency.
    package var betalenUiterlijk: Dag? = nil
    package var volgendeStapOp: Dag? = nil
    package var doorlooptijdVerstreken: Bool = false
    package var urgentOp: Dag? = nil

    package init(zaaknummer: String, status: MeldingStatus, melderType: MelderType, naam: String?, registraties: [String], ontvangenOp: Date, eersteContactUiterlijk: Dag, eersteContactOp: Date?, contactTermijnOverschreden: Bool, behandelaar: MedewerkerVerwijzing?, rol: MeldpuntRol?, uitkomst: MeldingUitkomst?, verzoekTermijnOverschreden: Bool, ongelezen: Bool = false, omschrijving: String? = nil, href: APIAdres) {
        self.ongelezen = ongelezen
        self.omschrijving = omschrijving
        self.zaaknummer = zaaknummer
        self.status = status
        self.melderType = melderType
        self.naam = naam
        self.registraties = registraties
        self.ontvangenOp = ontvangenOp
        self.eersteContactUiterlijk = eersteContactUiterlijk
        self.eersteContactOp = eersteContactOp
        self.contactTermijnOverschreden = contactTermijnOverschreden
        self.behandelaar = behandelaar
        self.rol = rol
        self.uitkomst = uitkomst
        self.verzoekTermijnOverschreden = verzoekTermijnOverschreden
        self.href = href
    }
}

/// The whole case as meldpunt staff see it.
package struct MeldingDetailDTO: Codable, Sendable {
    package let zaaknummer: String
    package let status: MeldingStatus
    package let fase: MelderFase
    package let melderType: MelderType
    package let registraties: [String]
    package let ontvangenOp: Date
    package let eersteContactUiterlijk: Dag
    package let eersteContactOp: Date?
    package let contactTermijnOverschreden: Bool
    package let behandelaar: MedewerkerVerwijzing?
    package let analyse: AnalyseDTO?
    /// The role the analysis points to, with its reasons; present once there is an analysis.
    package let rolVoorstel: RolVoorstelDTO?
    package let rol: MeldpuntRol?
    package let uitkomst: MeldingUitkomst?
    package let geslotenOp: Date?
    package let volgendeStap: VolgendeStapDTO?
    package let tevredenheid: Int?
    package let ingediendDoor: OrganisatieVerwijzing?
    package let toestemmingOp: Date
    package let toestemmingVersie: String
    package let persoonsgegevensGewist: Bool
    /// The melding as sent, without attachment contents; nil once erased.
    package let melding: MeldingInvoer?
    package let bijlagen: [MeldingBijlageDTO]
    package let tijdlijn: [GebeurtenisDTO]
    /// The steps staff can take now: contact, analyse, rolKeuze, wachtOpOrganisaties, hervatten, sluiten.
    package let mogelijkeStappen: [Behandelstap]
    /// The requests to partner organisations: the coordinating view.
    package let verzoeken: [VerzoekDTO]
    /// The case's own escalation level, and how often the case or one of its requests was escalated.
    package let escalatieniveau: Escalatieniveau
    package let aantalEscalaties: Int
    /// Why it closed without analysis or personal contact, when it did.
    package var afsluitgrond: Afsluitgrond?
    /// What the melder said the problem is; stays after erasure (not personal).
    package var probleemsoort: Probleemsoort = .onjuistGegeven
    /// Each consequence the melder named, and how far its repair is.
    package var gevolgen: [GevolgherstelDTO] = []
    /// The safety net's days while the case is open (nil once closed).
    package var vangnet: VangnetDTO? = nil
    /// How it came in: the form, an organisation's system, or taken by staff (phone, counter, letter).
    package var binnenkomst: Binnenkomst = .web
    /// The meldpunt team that handles it (routed by registration, or chosen by staff).
    package var team: String? = nil

    package init(zaaknummer: String, status: MeldingStatus, fase: MelderFase, melderType: MelderType, registraties: [String], ontvangenOp: Date, eersteContactUiterlijk: Dag, eersteContactOp: Date?, contactTermijnOverschreden: Bool, behandelaar: MedewerkerVerwijzing?, analyse: AnalyseDTO?, rolVoorstel: RolVoorstelDTO?, rol: MeldpuntRol?, uitkomst: MeldingUitkomst?, geslotenOp: Date?, volgendeStap: VolgendeStapDTO?, tevredenheid: Int?, ingediendDoor: OrganisatieVerwijzing?, toestemmingOp: Date, toestemmingVersie: String, persoonsgegevensGewist: Bool, melding: MeldingInvoer?, bijlagen: [MeldingBijlageDTO], tijdlijn: [GebeurtenisDTO], mogelijkeStappen: [Behandelstap], verzoeken: [VerzoekDTO], escalatieniveau: Escalatieniveau, aantalEscalaties: Int) {
        self.zaaknummer = zaaknummer
        self.status = status
        self.fase = fase
        self.melderType = melderType
        self.registraties = registraties
        self.ontvangenOp = ontvangenOp
        self.eersteContactUiterlijk = eersteContactUiterlijk
        self.eersteContactOp = eersteContactOp
        self.contactTermijnOverschreden = contactTermijnOverschreden
        self.behandelaar = behandelaar
        self.analyse = analyse
        self.rolVoorstel = rolVoorstel
        self.rol = rol
        self.uitkomst = uitkomst
        self.geslotenOp = geslotenOp
        self.volgendeStap = volgendeStap
        self.tevredenheid = tevredenheid
        self.ingediendDoor = ingediendDoor
        self.toestemmingOp = toestemmingOp
        self.toestemmingVersie = toestemmingVersie
        self.persoonsgegevensGewist = persoonsgegevensGewist
        self.melding = melding
        self.bijlagen = bijlagen
        self.tijdlijn = tijdlijn
        self.mogelijkeStappen = mogelijkeStappen
        self.verzoeken = verzoeken
        self.escalatieniveau = escalatieniveau
        self.aantalEscalaties = aantalEscalaties
    }
}

/// `POST /meldingen/{zaaknummer}/statuswijzigingen`.
package struct MeldingStatuswijzigingInvoer: Codable, Sendable {
    package var status: String?
    package var uitkomst: String?
    package var samenvatting: String?
    package var scopeReden: String?
    /// Needed to close as opgelost while a correctie request is still open.
    package var redenOpenCorrecties: String?
    /// Needed to close without analysis or personal contact: one of `Afsluitgrond`.
    package var afsluitgrond: String?
    /// Needed to close while a suspension runs: one of `OpschortingBesluit`, for all of them.
    package var opschortingBesluit: String?

    package init(status: String? = nil, uitkomst: String? = nil, samenvatting: String? = nil, scopeReden: String? = nil, redenOpenCorrecties: String? = nil,
                 afsluitgrond: String? = nil, opschortingBesluit: String? = nil) {
        self.afsluitgrond = afsluitgrond
        self.opschortingBesluit = opschortingBesluit
        self.status = status
        self.uitkomst = uitkomst
        self.samenvatting = samenvatting
        self.scopeReden = scopeReden
        self.redenOpenCorrecties = redenOpenCorrecties
    }
}

/// The decision on a running suspension after its case closed.
package struct OpschortingBesluitInvoer: Codable, Sendable {
    package var besluit: String?
    package init(besluit: String? = nil) { self.besluit = besluit }
}

package struct TekstInvoer: Codable, Sendable {
    package var tekst: String?

    package init(tekst: String? = nil) {
        self.tekst = tekst
    }
}

package struct ToewijzingInvoer: Codable, Sendable {
    /// The e-mail address of a meldpunt staff member.
    package var email: String?

    package init(email: String? = nil) {
        self.email = email
    }
}

/// `POST /meldingen/_zoek`: search by case number, name or BSN without putting them in a URL.
package struct MeldingZoekInvoer: Codable, Sendable {
    package var zaaknummer: String?
    package var naam: String?
    package var bsn: String?

    package init(zaaknummer: String? = nil, naam: String? = nil, bsn: String? = nil) {
        self.zaaknummer = zaaknummer
        self.naam = naam
        self.bsn = bsn
    }
}

package struct StatuspaginaLinkDTO: Codable, Sendable {
    package let zaaknummer: String
    package let statuspagina: String

    package init(zaaknummer: String, statuspagina: String) {
        self.zaaknummer = zaaknummer
        self.statuspagina = statuspagina
    }
}

/// What the meldpunt holds itself to for an open case (`Zorgnormen`).
package struct VangnetDTO: Codable, Sendable, Equatable {
    /// The case should be done by this day (acceptable time for its complexity); past it: propose to escalate.
    package let doorlooptijdUiterlijk: Dag?
    package let doorlooptijdVerstreken: Bool
    /// The melder is due a contact by this day (the rhythm of the case's complexity).
    package let contactVolgendeOp: Dag?
    /// The earliest day the melder must pay or act by, of a consequence not yet repaired.
    package let betalenUiterlijk: Dag?

    package init(doorlooptijdUiterlijk: Dag?, doorlooptijdVerstreken: Bool, contactVolgendeOp: Dag?, betalenUiterlijk: Dag?) {
        self.doorlooptijdUiterlijk = doorlooptijdUiterlijk
        self.doorlooptijdVerstreken = doorlooptijdVerstreken
        self.contactVolgendeOp = contactVolgendeOp
        self.betalenUiterlijk = betalenUiterlijk
    }
}

/// One consequence the melder named (a fine, a reclaim, a stopped allowance) and its repair.
package struct GevolgherstelDTO: Codable, Sendable, Equatable {
    /// 1, 2, … in the order the melder named them.
    package let nummer: Int
    package let soort: GevolgSoort
    /// The organisation imposing it, as the melder named it.
    package let organisatie: String?
    package let status: HerstelStatus
    /// Who repairs or repaired it.
    package let door: String?
    package let toelichting: String?
    package let gewijzigdOp: Date?

    package init(nummer: Int, soort: GevolgSoort, organisatie: String?, status: HerstelStatus, door: String?, toelichting: String?, gewijzigdOp: Date?) {
        self.nummer = nummer
        self.soort = soort
        self.organisatie = organisatie
        self.status = status
        self.door = door
        self.toelichting = toelichting
        self.gewijzigdOp = gewijzigdOp
    }
}
