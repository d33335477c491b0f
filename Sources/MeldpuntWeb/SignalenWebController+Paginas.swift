import Fluent
import Foundation
import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// The signalen pages' models: what each page shows, built by the controller from the register's read models.
extension SignalenWebController {
    struct VoorstelRij: Encodable, Sendable { let href: String; let uitleg: String; let aantal: Int; let periode: String }

    struct SignaalRij: Encodable, Sendable {
        let href: String; let nummer: String; let titel: String; let soort: String; let status: String; let niveau: String; let zaken: Int; let gewijzigd: String
    }

    struct Overzicht: Encodable, Sendable {
        let voorstellen: [VoorstelRij]
        let signalen: [SignaalRij]
        let statussen: [Keuze]
    }

    struct Regel: Encodable, Sendable { let label: String; let waarde: String }

    struct Zaak: Encodable, Sendable {
        let kenmerk: String; let href: String?; let bron: String; let dag: String; let registraties: String
        /// In a proposal: the start of its description, and whether it seems to be about something else.
        var omschrijving: String? = nil
        var afwijkend = false
        var gekozen = false
    }

    struct Voorstel: Encodable, Sendable {
        let href: String
        let uitleg: String
        let open: Bool
        let kenmerken: [Regel]
        let zinsdelen: [Regel]
        let zaken: [Zaak]
        let lijktOp: [Keuze]
        let signalen: [Keuze]
        let soorten: [Keuze]
        let waarden: [String: String]
        let fouten: [VeldFout]
        let foutVelden: [String: String]
    }

    struct Stapregel: Encodable, Sendable { let tijdstip: String; let wat: String; let door: String; let details: String?; let tekst: String? }

    struct Kennis: Encodable, Sendable { let geleerd: String; let route: String?; let gedeeld: Bool }

    /// The signaal as a workspace: what it is and who is involved, the tasks it allows now, its cases and course.
    struct SignaalPagina: Encodable, Sendable {
        let href: String
        let nummer: String
        let titel: String
        let omschrijving: String
        let regels: [Regel]
        let organisaties: [Regel]
        let zaken: [Zaak]
        let verloop: [Stapregel]
        let kennis: Kennis?
        let acties: [ActieLink]
    }

    /// One task on a signaal, or the check page before closing (`taak` "afsluiten-controle").
    struct SignaalTaak: Encodable, Sendable {
        let href: String
        let nummer: String
        let titel: String
        let status: String
        let taak: String
        let taakTitel: String
        let organisatieKeuzes: [Keuze]
        /// Organisations the meldpunt knows by name but not in the register: a link to add each.
        let nietInRegister: [Keuze]
        let uitkomsten: [Keuze]
        let controle: [Regel]
        let waarden: [String: String]
        let fouten: [VeldFout]
        let foutVelden: [String: String]
    }

    struct OntvangenLijst: Encodable, Sendable { let signalen: [SignaalRij] }

    struct OntvangenPagina: Encodable, Sendable {
        let href: String
        let nummer: String
        let titel: String
        let omschrijving: String
        let regels: [Regel]
        let verloop: [Stapregel]
        let kennis: Kennis?
        let open: Bool
        let waarden: [String: String]
        let fouten: [VeldFout]
        let foutVelden: [String: String]
    }
}
