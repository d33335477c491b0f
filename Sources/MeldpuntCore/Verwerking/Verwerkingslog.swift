import FluentKit
import Foundation
import MeldpuntDomain
import SQLKit

/// What was done with personal data; one entry per terugmelding touched.
package enum Verwerkingsactie: String, Sendable, CaseIterable {
    case aanmaken = "terugmelding.aanmaken"
    case raadplegen = "terugmelding.raadplegen"
    case inLijst = "terugmelding.lijst"
    case statuswijziging = "terugmelding.statuswijziging"
    case bijlageRaadplegen = "bijlage.raadplegen"
    case meldingAanmaken = "melding.aanmaken"
    case meldingRaadplegen = "melding.raadplegen"
    case meldingStatuspagina = "melding.statuspagina"
    case meldingLijst = "melding.lijst"
    case meldingBehandelen = "melding.behandelen"
    case meldingBijlageRaadplegen = "melding.bijlage.raadplegen"
    case verzoekRaadplegen = "verzoek.raadplegen"
    case verzoekBehandelen = "verzoek.behandelen"
    case adviesRaadplegen = "advies.raadplegen"
    case overlegRaadplegen = "overleg.raadplegen"
    case briefAfdrukken = "brief.afdrukken"
    case meldingContactCorrigeren = "melding.contactgegevens.corrigeren"
    /// A BRP lookup (Haal Centraal), by purpose.
    case brpGemeenteKiezen = "brp.raadplegen.gemeenteKiezen"
    case brpBronhouderControleren = "brp.raadplegen.bronhouderControleren"
    case brpRouteren = "brp.raadplegen.routeren"
    /// A Digimelding system added contact details or a reference to a terugmelding.
    case annotatieToevoegen = "terugmelding.annotatie"
    /// What is held about a person was handed to them (AVG art. 15), by the status page or by staff.
    case inzageVerstrekken = "inzage.verstrekken"
    /// The retention job anonymised a case's personal data.
    case anonimiseren = "bewaartermijn.anonimiseren"
}

/// The status of a processing record (Logboek Dataverwerkingen): Error only when it failed on
/// our or a source's side, such as a BRP that did not answer.
package enum Verwerkingsstatus: Int, Sendable {
    case ok = 1
    case fout = 2
}

package enum Verwerkingslog {
    /// One record; its span comes from the work's trace context (the first record of a request
    /// gets the span its outgoing messages name).
    package static func regel(_ actie: Verwerkingsactie, organisatie: UUID?, terugmelding: UUID? = nil, melding: UUID? = nil, betrokkene: String?,
                      traceID: String, tijdstip: Date = Date(), gebruiker: UUID? = nil, status: Verwerkingsstatus = .ok,
                      spanID: String? = nil) -> Verwerkingslogregel {
        let r = Verwerkingslogregel()
        let spoor = Spoor.huidig
        r.spanID = spanID ?? spoor?.volgendeSpanID() ?? Spoor.nieuweSpanID()
        r.ouderSpanID = spoor?.ouderSpanID
        r.status = status.rawValue
        r.id = UUID.v7(tijdstip)
        r.tijdstip = tijdstip
        r.organisatieID = organisatie
        r.actie = actie.rawValue
        r.terugmeldingID = terugmelding
        r.meldingID = melding
        r.traceID = traceID
        r.betrokkeneHash = betrokkene
        r.gebruikerID = gebruiker
        return r
    }

    /// One multi-row INSERT, built directly: a list page writes 50 entries, and Fluent's model
    /// insert reflects over every model.
    package static func schrijf(_ regels: [Verwerkingslogregel], on db: any Database) async throws {
        guard !regels.isEmpty else { return }
        try await Rijen.voegIn([rijen(regels)], op: db)
    }

    /// The entries as rows, for the writer to insert with its batch.
    package static func rijen(_ regels: [Verwerkingslogregel]) throws -> Rijen {
        var rijen = Rijen()
        for r in regels { try rijen.voegToe(r) }
        return rijen
    }

    package static func voor(terugmelding id: UUID, on db: any Database) async throws -> [Verwerkingslogregel] {
        try await Verwerkingslogregel.query(on: db).filter(\.$terugmeldingID == id).sort(\.$tijdstip).all()
    }
}
