import Foundation
import MeldpuntDomain

/// The messages of the Digimelding koppelvlakspecificatie (DMKS 1.3, chapter 4), as types.
public enum DMKS {
    /// The namespace of the messages, as the specification's fault example shows it.
    public static let namespace = "http://webservices.digimelding.nl/dmks/cookiebox/"
    public static let soapNamespace = "http://schemas.xmlsoap.org/soap/envelope/"
}

/// What every annotation carries (DMKS 1.3 §4.1, "Annotatiebasis").
public struct Annotatiebasis: Codable, Sendable, Equatable {
    public var uuid: UUID
    public var oin: String
    public var vestiging: String?
    public var persoonsaanduiding: String
    public var geannoteerdOp: Date
    public var toelichting: String?
    public var verwijzing: UUID?

    public init(uuid: UUID, oin: String, vestiging: String? = nil, persoonsaanduiding: String = "anoniem", geannoteerdOp: Date,
                toelichting: String? = nil, verwijzing: UUID? = nil) {
        self.uuid = uuid
        self.oin = oin
        self.vestiging = vestiging
        self.persoonsaanduiding = persoonsaanduiding
        self.geannoteerdOp = geannoteerdOp
        self.toelichting = toelichting
        self.verwijzing = verwijzing
    }
}

public struct Bronverwijzing: Codable, Sendable, Equatable {
    public var uri: String
    public var selectie: [String]
    public init(uri: String, selectie: [String] = []) { self.uri = uri; self.selectie = selectie }
}

public struct Attribuut: Codable, Sendable, Equatable {
    public var uri: String
    public var betwijfeldeWaarde: String?
    public var voorgesteldeWaarde: String?
    public init(uri: String, betwijfeldeWaarde: String? = nil, voorgesteldeWaarde: String? = nil) {
        self.uri = uri; self.betwijfeldeWaarde = betwijfeldeWaarde; self.voorgesteldeWaarde = voorgesteldeWaarde
    }
}

public enum Contacttype: String, Codable, Sendable, CaseIterable { case melder = "Melder", behandelaar = "Behandelaar" }

/// One annotation: exactly one of the kinds the specification names, with its basis.
public enum Annotatie: Codable, Sendable, Equatable {
    case terugmelding(Annotatiebasis, bronverwijzingen: [Bronverwijzing], attributen: [Attribuut], peilmoment: Date?)
    case status(Annotatiebasis, status: String?, statustype: String?)
    case referentiekenmerk(Annotatiebasis, kenmerk: String)
    case contact(Annotatiebasis, type: Contacttype, naam: String, telefoon: String?, email: String, afdeling: String?)
    /// `data`: base64 as received; never stored or returned (left out of every answer).
    case bijlage(Annotatiebasis, bestandsnaam: String, mimeType: String, data: String?, beschrijving: String?)
    case planning(Annotatiebasis, aanduiding: String?, tijdstempel: Date?)
    case bronhouder(Annotatiebasis, bronhouder: String)

    public var basis: Annotatiebasis {
        switch self {
        case .terugmelding(let b, _, _, _), .status(let b, _, _), .referentiekenmerk(let b, _), .contact(let b, _, _, _, _, _),
             .bijlage(let b, _, _, _, _), .planning(let b, _, _), .bronhouder(let b, _): b
        }
    }

    /// The element name of this kind in the messages.
    public var soort: String {
        switch self {
        case .terugmelding: "Terugmelding"
        case .status: "Annotatiestatus"
        case .referentiekenmerk: "Referentiekenmerk"
        case .contact: "Contactinformatie"
        case .bijlage: "Bijlageverwijzing"
        case .planning: "Planningsverwachting"
        case .bronhouder: "BehandelendeBronhouder"
        }
    }

    /// The same annotation without attachment bytes: what is kept and answered.
    public var zonderBijlagedata: Annotatie {
        if case .bijlage(let b, let naam, let mime, _, let beschrijving) = self { return .bijlage(b, bestandsnaam: naam, mimeType: mime, data: nil, beschrijving: beschrijving) }
        return self
    }
}

public struct Statusfilter: Sendable, Equatable {
    public var kenmerken: [String] = []
    public var ingediendVanaf: Date?
    public var ingediendTotEnMet: Date?
    public var gewijzigdVanaf: Date?
    public var gewijzigdTotEnMet: Date?
    public var status: String?
    public var objectidentificatie: String?
    public init() {}
}

/// A request, once read.
public enum DMKSVerzoek: Sendable, Equatable {
    public enum Toevoeging: Sendable, Equatable {
        case annotatie(Annotatie)
        case boom([Annotatie])
    }

    case annotatieToevoegen(oinBasisregistratie: String, registratie: String?, Toevoeging)
    case statusoverzicht(oinVragendeOrganisatie: String, oinBasisregistratie: String, registratie: String?, filter: Statusfilter)
    case details(oinVragendeOrganisatie: String, oinBasisregistratie: String, registratie: String?, uuid: UUID)
    case echo(oinBasisregistratie: String, registratie: String?, echo: String)

    public var oinBasisregistratie: String {
        switch self {
        case .annotatieToevoegen(let o, _, _), .statusoverzicht(_, let o, _, _), .details(_, let o, _, _), .echo(let o, _, _): o
        }
    }

    public var registratie: String? {
        switch self {
        case .annotatieToevoegen(_, let r, _), .statusoverzicht(_, _, let r, _), .details(_, _, let r, _), .echo(_, let r, _): r
        }
    }

    /// The operation's name, for logs and the fault's actor.
    public var operatie: String {
        switch self {
        case .annotatieToevoegen: "AnnotatieToevoegen"
        case .statusoverzicht: "Statusoverzicht"
        case .details: "DetailsTerugmelding"
        case .echo: "Echo"
        }
    }
}

/// A Digimelding fault (DMKS 1.3 chapter 5): the Digikoppeling code, who is at fault, a text a
/// person can read, and details.
public struct DMKSFout: Error, Sendable, Equatable {
    public enum Code: String, Sendable {
        case nietGeautoriseerd = "DK0002"
        case nietConformXSD = "DK0004"
        case kanNietVerwerken = "DK0050"
        case timeOut = "DK0051"

        /// The Digikoppeling description, without spaces (it ends the SOAP fault code).
        public var omschrijvingKort: String {
            switch self {
            case .nietGeautoriseerd: "RequesterSysteemNietGeautoriseerd"
            case .nietConformXSD: "ElementNietConformXSD"
            case .kanNietVerwerken: "ProcesVoorAfhandelenBerichtGeeftFout"
            case .timeOut: "AntwoordendSysteemGeeftTimeOut"
            }
        }

        /// Client: the request must change; Server: trying again later may work.
        public var isClient: Bool { self != .timeOut }
    }

    public let code: Code
    public let faultstring: String
    public let details: [String]

    public init(_ code: Code, _ faultstring: String, details: [String] = []) {
        self.code = code
        self.faultstring = faultstring
        self.details = details
    }
}
