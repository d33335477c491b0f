import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain

/// Who hears of advice: the organisation advised (its operational contact person, else its
/// notification address), and the meldpunt's staff when an organisation asks or answers (the
/// case's behandelaar when it is about a case: `Adviesregister` then uses `aanStaf`). Mails name
/// the number and the subject only; the texts stay in the portal.
extension Berichtgeving {
    package func adviesGegeven(_ a: AdviesRij, aan o: Organisatie, nu: Date, on db: any Database) async throws {
        try await aanOrganisatie(o, onderwerp: a.gevraagd ? Tekst("Antwoord op uw adviesvraag ADV-\(a.nummer)", "Answer to your request for advice ADV-\(a.nummer)")
                                                       : Tekst("Advies van het Meldpunt: ADV-\(a.nummer)", "Advice from the Meldpunt: ADV-\(a.nummer)"),
            [Tekst("Het Meldpunt Fouten in Overheidsregistraties geeft uw organisatie advies over \(a.onderwerp.naam(.nl).lowercased()).",
                   "The Meldpunt Fouten in Overheidsregistraties gives your organisation advice on \(a.onderwerp.naam(.en).lowercased())."),
             Tekst("U leest het advies in het portaal. Laat daar ook weten wat uw organisatie ermee doet.",
                   "You can read the advice in the portal. Please also say there what your organisation does with it.")],
            link: Webadres.advies(nummer: a.nummer).pad, linkTekst: Tekst("Open het advies (na inloggen)", "Open the advice (after logging in)"), nu: nu, on: db)
    }

    /// A partner organisation hears of something for it: its operational contact person (in that
    /// person's language and delivery), else its notification address; nothing without either.
    package func aanOrganisatie(_ o: Organisatie, onderwerp: Tekst, _ alineas: [Tekst], link: String, linkTekst: Tekst, nu: Date, on db: any Database) async throws {
        let contact = try await Contactpersoon.query(on: db).filter(\.$organisatie.$id == o.requireID()).filter(\.$niveau == .operationeel)
            .filter(\.$actief == true).filter(\.$email != nil).sort(\.$naam).first()
        guard let adres = contact?.email ?? o.meldingEmail else { return }
        let gebruiker: Gebruiker? = if let gid = contact?.$gebruiker.id { try await Gebruiker.find(gid, on: db) } else { nil }
        let taal = gebruiker?.taal ?? .nl
        try await mail(aan: adres, taal: taal, Self.tekst(taal, onderwerp: onderwerp, alineas, link: link, linkTekst: linkTekst),
                       bezorging: gebruiker?.bezorging ?? .direct, organisatie: o.id, nu: nu, on: db)
    }

    package func adviesGevraagd(_ a: AdviesRij, organisatie: String, nu: Date, on db: any Database) async throws {
        try await aanTeam(a, Tekst("\(organisatie) vraagt advies (ADV-\(a.nummer))", "\(organisatie) asks for advice (ADV-\(a.nummer))"), nu: nu, on: db)
    }

    package func adviesBeantwoord(_ a: AdviesRij, organisatie: String, nu: Date, on db: any Database) async throws {
        try await aanTeam(a, Tekst("\(organisatie) reageerde op advies ADV-\(a.nummer): \(a.status.naam(.nl).lowercased())",
                                   "\(organisatie) answered advice ADV-\(a.nummer): \(a.status.naam(.en).lowercased())"), nu: nu, on: db)
    }

    /// The follow-up day came and the organisation has not said what it does with the advice.
    package func adviesOpvolgen(_ a: AdviesRij, nu: Date, on db: any Database) async throws {
        let naam = try await Organisatie.find(a.$organisatie.id, on: db)?.naam ?? "?"
        let wat = Tekst("Vraag na wat \(naam) met advies ADV-\(a.nummer) doet", "Ask what \(naam) does with advice ADV-\(a.nummer)")
        if let mid = a.$melding.id, let m = try await Melding.find(mid, on: db) {
            try await aanStaf(m, wat, nu: nu, on: db)
            try await m.save(on: db)
        } else {
            try await aanTeam(a, wat, nu: nu, on: db)
        }
    }

    private func aanTeam(_ a: AdviesRij, _ wat: Tekst, nu: Date, on db: any Database) async throws {
        try await aanTeam(wat, link: Webadres.advies(nummer: a.nummer).pad, linkTekst: Tekst("Open het advies (na inloggen)", "Open the advice (after logging in)"), nu: nu, on: db)
    }

    /// The meldpunt's team addresses hear of something not tied to one case.
    package func aanTeam(_ wat: Tekst, link: String, linkTekst: Tekst, nu: Date, on db: any Database) async throws {
        for o in try await teamadressen(on: db) {
            try await mail(aan: o.adres, taal: o.taal, Self.tekst(o.taal, onderwerp: wat, [wat], link: link, linkTekst: linkTekst),
                           bezorging: o.bezorging, instellingen: o.instellingen, organisatie: o.organisatie, nu: nu, on: db)
        }
    }
}
