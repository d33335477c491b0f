import Foundation
import MeldpuntAdressen
import MeldpuntDomain

/// Advice from the meldpunt to an organisation, as the meldpunt and that organisation see it.
package struct AdviesDTO: Codable, Sendable, Equatable {
    package let nummer: Int
    package let organisatie: OrganisatieVerwijzing
    package let onderwerp: AdviesOnderwerp
    package let status: AdviesStatus
    /// Asked by the organisation, or given unasked.
    package let gevraagd: Bool
    package let zaaknummer: String?
    package let vraag: String?
    package let gevraagdDoor: String?
    package let advies: String?
    /// Staff's name for the meldpunt; "Meldpunt" for the organisation.
    package let gegevenDoor: String?
    package let gegevenOp: Date?
    package let opvolgenOp: Dag?
    package let toelichting: String?
    package let beantwoordDoor: String?
    package let beantwoordOp: Date?
    package let aangemaaktOp: Date
    /// Given, unanswered, and the follow-up day has come.
    package let opvolgenVerstreken: Bool
    package let href: APIAdres

    package init(nummer: Int, organisatie: OrganisatieVerwijzing, onderwerp: AdviesOnderwerp, status: AdviesStatus, gevraagd: Bool, zaaknummer: String?,
                 vraag: String?, gevraagdDoor: String?, advies: String?, gegevenDoor: String?, gegevenOp: Date?, opvolgenOp: Dag?, toelichting: String?,
                 beantwoordDoor: String?, beantwoordOp: Date?, aangemaaktOp: Date, opvolgenVerstreken: Bool, href: APIAdres) {
        self.nummer = nummer
        self.organisatie = organisatie
        self.onderwerp = onderwerp
        self.status = status
        self.gevraagd = gevraagd
        self.zaaknummer = zaaknummer
        self.vraag = vraag
        self.gevraagdDoor = gevraagdDoor
        self.advies = advies
        self.gegevenDoor = gegevenDoor
        self.gegevenOp = gegevenOp
        self.opvolgenOp = opvolgenOp
        self.toelichting = toelichting
        self.beantwoordDoor = beantwoordDoor
        self.beantwoordOp = beantwoordOp
        self.aangemaaktOp = aangemaaktOp
        self.opvolgenVerstreken = opvolgenVerstreken
        self.href = href
    }
}
