import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain

/// One case an organisation filed for someone (an intermediary for a client), as it follows it:
/// whose it is, where it stands as the melder sees it, and what comes next.
package struct IngediendeMeldingDTO: Codable, Sendable, Equatable {
    package let zaaknummer: String
    /// The person the case is for (the client), or the melder; nil once their data are erased.
    package let client: String?
    package let ontvangenOp: Date
    package let fase: MelderFase
    package let gesloten: Bool
    package let volgendeStap: VolgendeStapDTO?
    /// The latest message from the meldpunt to the melder, when there is one.
    package let laatsteBerichtOp: Date?
    package let href: APIAdres
}

extension Melderportaal {
    /// The cases `org` filed, newest first, one page; reading the clients' names is logged per case.
    package func ingediend(door org: OrganisatieDTO, gebruiker: UUID? = nil, pagina: Int, grootte: Int) async throws -> ([IngediendeMeldingDTO], Int) {
        let q = Melding.query(on: db).filter(\.$ingediendDoor.$id == org.id)
        let totaal = try await q.copy().count()
        let meldingen = try await q.sort(\.$ontvangenOp, .descending).sort(\.$id, .descending)
            .range(((pagina - 1) * grootte)..<(pagina * grootte)).all()
        let ids = meldingen.compactMap(\.id)
        guard !ids.isEmpty else { return ([], totaal) }
        let personen = Dictionary(try await MeldingPersoonsgegevens.query(on: db).filter(\.$id ~~ ids).all().compactMap { p in p.id.map { ($0, p) } },
                                  uniquingKeysWith: { a, _ in a })
        var laatste: [UUID: Date] = [:]
        for g in try await MeldingGebeurtenis.query(on: db).filter(\.$melding.$id ~~ ids).filter(\.$soort == .berichtAanMelder).all() {
            laatste[g.$melding.id] = max(laatste[g.$melding.id] ?? g.tijdstip, g.tijdstip)
        }
        try await Verwerkingslog.schrijf(personen.map { id, p in
            Verwerkingslog.regel(.meldingLijst, organisatie: org.id, melding: id, betrokkene: zaken.betrokkene(p), traceID: traceID, tijdstip: nu, gebruiker: gebruiker)
        }, on: db)
        return (try meldingen.map { m in
            let id = try m.requireID()
            let invoer = try personen[id]?.invoer()
            let naam = [invoer?.vertegenwoordigde?.naam, invoer?.melder?.naam].compactMap { $0 }.first { !$0.isEmpty }
            return IngediendeMeldingDTO(zaaknummer: m.zaaknummer, client: naam, ontvangenOp: m.ontvangenOp, fase: m.status.fase, gesloten: m.status.isGesloten,
                                        volgendeStap: m.volgendeStap.flatMap { t in m.volgendeStapOp.map { VolgendeStapDTO(tekst: t, datum: $0) } },
                                        laatsteBerichtOp: laatste[id], href: .melding(zaaknummer: m.zaaknummer))
        }, totaal)
    }
}
