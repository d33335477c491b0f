import Foundation
import MeldpuntAdressen
import MeldpuntDomain

/// An overleg with several organisations, as the meldpunt and each invitee see it.
package struct OverlegDTO: Codable, Sendable, Equatable {
    package let nummer: Int
    package let onderwerp: String
    package let status: OverlegStatus
    package let datum: Dag
    package let tijd: String?
    package let plaats: String?
    package let agenda: String
    package let zaaknummer: String?
    package let deelnemers: [OrganisatieVerwijzing]
    package let verslag: String?
    /// Staff's name for the meldpunt; "Meldpunt" for an invitee.
    package let verslagDoor: String?
    package let verslagOp: Date?
    package let annuleringsreden: String?
    package let aangemaaktDoor: String
    package let aangemaaktOp: Date
    package let acties: [OverlegActieDTO]
    package let href: APIAdres

    package init(nummer: Int, onderwerp: String, status: OverlegStatus, datum: Dag, tijd: String?, plaats: String?, agenda: String, zaaknummer: String?,
                 deelnemers: [OrganisatieVerwijzing], verslag: String?, verslagDoor: String?, verslagOp: Date?, annuleringsreden: String?,
                 aangemaaktDoor: String, aangemaaktOp: Date, acties: [OverlegActieDTO], href: APIAdres) {
        self.nummer = nummer
        self.onderwerp = onderwerp
        self.status = status
        self.datum = datum
        self.tijd = tijd
        self.plaats = plaats
        self.agenda = agenda
        self.zaaknummer = zaaknummer
        self.deelnemers = deelnemers
        self.verslag = verslag
        self.verslagDoor = verslagDoor
        self.verslagOp = verslagOp
        self.annuleringsreden = annuleringsreden
        self.aangemaaktDoor = aangemaaktDoor
        self.aangemaaktOp = aangemaaktOp
        self.acties = acties
        self.href = href
    }
}

/// One organisation's action from an overleg.
package struct OverlegActieDTO: Codable, Sendable, Equatable {
    package let nummer: Int
    package let organisatie: OrganisatieVerwijzing
    package let omschrijving: String
    package let uiterlijk: Dag
    package let status: OverlegActieStatus
    package let toelichting: String?
    /// Who reported it done: shown to the meldpunt and to the action's own organisation.
    package let gedaanDoor: String?
    package let gedaanOp: Date?
    /// Open and its day has passed.
    package let teLaat: Bool

    package init(nummer: Int, organisatie: OrganisatieVerwijzing, omschrijving: String, uiterlijk: Dag, status: OverlegActieStatus, toelichting: String?,
                 gedaanDoor: String?, gedaanOp: Date?, teLaat: Bool) {
        self.nummer = nummer
        self.organisatie = organisatie
        self.omschrijving = omschrijving
        self.uiterlijk = uiterlijk
        self.status = status
        self.toelichting = toelichting
        self.gedaanDoor = gedaanDoor
        self.gedaanOp = gedaanOp
        self.teLaat = teLaat
    }
}
