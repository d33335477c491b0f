import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain

/// The safety net's notices (issue 29): to the case's behandelaar (or the team) and, for a
/// suspension, to the partner's contact person on the request. Each is sent once per case and day
/// (the planner's keys); none names the melder.
extension Berichtgeving {
    /// A running suspension's end date nears while the case is open: extend it, or let it end.
    package func opschortingEindeNadert(_ v: Verzoek, nu: Date, on db: any Database) async throws {
        guard let d = v.opschortingTot, let m = try await Melding.find(v.$melding.id, on: db) else { return }
        try await aanPartner(v, Tekst("De opschorting loopt af op \(Self.dag(d, .nl))", "The suspension ends on \(Self.dag(d, .en))"),
                             Tekst("Een opschorting op verzoek van het Meldpunt loopt af op \(Self.dag(d, .nl)), terwijl de melding nog loopt. Het Meldpunt neemt contact met u op als de opschorting langer moet duren.",
                                   "A suspension at the Meldpunt's request ends on \(Self.dag(d, .en)) while the case is still open. The Meldpunt will contact you if it needs to last longer."),
                             nu: nu, on: db)
        try await aanStaf(m, Tekst("Een opschorting loopt af op \(Datumweergave.datum(d)); verleng haar of laat haar aflopen",
                                   "A suspension ends on \(Datumweergave.datum(d)); extend it or let it end"), nu: nu, on: db)
        try await m.save(on: db)
    }

    /// A case closed (or its melder withdrew consent) with this suspension running: what was decided.
    package func opschortingBesluit(_ v: Verzoek, _ besluit: OpschortingBesluit, nu: Date, on db: any Database) async throws {
        let tot = v.opschortingTot.map { (Self.dag($0, .nl), Self.dag($0, .en)) }
        let onderwerp = besluit == .opheffen ? Tekst("Het Meldpunt vraagt u de opschorting op te heffen", "The Meldpunt asks you to lift the suspension")
                                             : Tekst("De opschorting blijft staan", "The suspension stays in place")
        let wat = besluit == .opheffen
            ? Tekst("De melding is afgerond. U kunt de opschorting opheffen; meld in het portaal wanneer dat is gedaan.",
                    "The case has been completed. You may lift the suspension; please report in the portal when that is done.")
            : Tekst("De melding is afgerond, maar houd de opschorting aan\(tot.map { " tot \($0.0)" } ?? ""): de correctie moet uw systeem nog bereiken.",
                    "The case has been completed, but please keep the suspension\(tot.map { " until \($0.1)" } ?? ""): the correction still has to reach your system.")
        // The request's contact person; without one who has an address, the organisation.
        if let cid = v.$contactpersoon.id, let c = try await Contactpersoon.find(cid, on: db), c.actief, c.email != nil {
            try await aanPartner(v, onderwerp, wat, nu: nu, on: db)
        } else if let org = try await Organisatie.find(v.$organisatie.id, on: db) {
            try await aanOrganisatie(org, onderwerp: onderwerp, [wat], link: Webadres.verzoek(try v.requireID()).pad,
                                     linkTekst: Tekst("Open het verzoek (na inloggen)", "Open the request (after logging in)"), nu: nu, on: db)
        }
    }

    /// The melder's pay-by day nears and the consequence is not repaired yet.
    package func betaaldagNadert(_ m: Melding, _ d: Dag, nu: Date, on db: any Database) async throws {
        try await aanStaf(m, Tekst("De melder moet uiterlijk \(Datumweergave.datum(d)) betalen of iets doen; zorg dat het gevolg is opgeschort of hersteld",
                                   "The melder must pay or act by \(Datumweergave.datum(d)); make sure the consequence is suspended or repaired"), nu: nu, on: db)
        try await m.save(on: db)
    }

    /// The next step promised to the melder is due.
    package func volgendeStapNadert(_ m: Melding, _ d: Dag, nu: Date, on db: any Database) async throws {
        try await aanStaf(m, Tekst("De melder is beloofd dat u uiterlijk \(Datumweergave.datum(d)) de volgende stap zet",
                                   "The melder was promised the next step by \(Datumweergave.datum(d))"), nu: nu, on: db)
        try await m.save(on: db)
    }

    /// The case runs longer than is acceptable for its complexity: a proposal to escalate.
    package func doorlooptijdVerstreken(_ m: Melding, nu: Date, on db: any Database) async throws {
        try await aanStaf(m, Tekst("De melding loopt langer dan aanvaardbaar is; overweeg te escaleren", "The case runs longer than is acceptable; consider escalating"),
                          nu: nu, on: db)
        try await m.save(on: db)
    }

    /// The contact rhythm of the case's complexity says the melder is due a contact.
    package func contactritmeVerstreken(_ m: Melding, nu: Date, on db: any Database) async throws {
        try await aanStaf(m, Tekst("Tijd om de melder weer te spreken", "Time to speak to the melder again"), nu: nu, on: db)
        try await m.save(on: db)
    }
}
