import MeldpuntHTTP
import MeldpuntCore
import Fluent
import MeldpuntDomain
import Vapor

/// The beheer pages' models.
extension BeheerController {
    struct OrgRij: Encodable, Sendable { let href: String; let naam: String; let oin: String; let code: String; let rollen: String }

    struct Overzicht: Encodable, Sendable {
        let zoek: String
        let rijen: [OrgRij]
        let rollen: [Keuze]
        let naam: String
        let oin: String
        let fout: String?
    }

    struct GebruikerRij: Encodable, Sendable {
        let naam: String; let email: String; let rol: String; let actief: Bool; let tweestaps: Bool
        let uitzetten: String; let aanzetten: String; let wachtwoord: String; let tweestapsHerstel: String
        /// Whether this beheerder may act on the row (not on themselves, not on a systeembeheerder
        /// unless they are one): only then are its actions shown.
        let beheerbaar: Bool; let zelf: Bool
    }

    struct SleutelRij: Encodable, Sendable { let id: String; let omschrijving: String; let aangemaakt: String; let actief: Bool; let intrekken: String }

    struct OrgPagina: Encodable, Sendable {
        let href: String
        let naam: String
        let oin: String
        let code: String
        let rollen: [Keuze]
        let gebruikers: [GebruikerRij]
        let gebruikersrollen: [Keuze]
        let sleutels: [SleutelRij]
        let eenmalig: String?
        let eenmaligUitleg: String?
        let fout: String?
        let email: String
        let gebruikerNaam: String
    }

    struct UitzetVraag: Encodable, Sendable { let naam: String; let email: String; let actie: String; let terug: String }

    struct AuditRij: Encodable, Sendable { let tijdstip: String; let actie: String; let door: String; let onderwerp: String; let details: String }

    struct AuditPagina: Encodable, Sendable { let uitleg: String; let rijen: [AuditRij] }

    struct PostvakRij: Encodable, Sendable {
        let id: String
        let soort: String
        let status: String
        let mislukt: Bool
        let aan: String
        let onderwerp: String
        let tijdstip: String
        let pogingen: Int
        let fout: String
    }

    struct Statusfilter: Encodable, Sendable { let href: String; let naam: String; let aantal: Int?; let huidig: Bool }

    struct PostvakPagina: Encodable, Sendable {
        let filters: [Statusfilter]
        let rijen: [PostvakRij]
    }
}
