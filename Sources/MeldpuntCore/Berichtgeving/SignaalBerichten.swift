import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain

/// Who hears of a signaal's course: the organisation it is fed back to (its contact person at the
/// signaal's level, else its notification address), and the meldpunt's team when a partner answers.
/// Mails name the signaal's number and title only (staff write them for partners; nothing personal).
extension Berichtgeving {
    package func signaalTeruggekoppeld(_ s: Signaal, aan organisatie: Organisatie, nu: Date, on db: any Database) async throws {
        try await aanOrganisatie(organisatie, s, { Tekst("Signaal van het Meldpunt: \($0)", "Signal from the Meldpunt: \($0)") },
            Tekst("Het Meldpunt koppelt een structurele fout aan uw organisatie terug.", "The Meldpunt feeds back a structural error to your organisation."),
            nu: nu, on: db)
    }

    package func signaalGeescaleerd(_ s: Signaal, aan organisatie: Organisatie, nu: Date, on db: any Database) async throws {
        let niveau = Self.niveau(s.niveau)
        try await aanOrganisatie(organisatie, s, { Tekst("Signaal geëscaleerd naar \(niveau.nl) niveau: \($0)", "Signal escalated to \(niveau.en) level: \($0)") },
            Tekst("Het Meldpunt heeft dit signaal een niveau hoger gelegd, omdat er nog geen oplossing is.",
                  "The Meldpunt has raised this signal one level, because there is no solution yet."),
            nu: nu, on: db)
    }

    package func signaalBeantwoord(_ s: Signaal, door organisatie: Organisatie, nu: Date, on db: any Database) async throws {
        for o in try await teamadressen(on: db) {
            try await mail(aan: o.adres, taal: o.taal, Self.tekst(o.taal,
                onderwerp: Tekst("Antwoord op signaal SIG-\(s.nummer)", "Answer on signal SIG-\(s.nummer)"),
                [Tekst("\(organisatie.naam) heeft geantwoord op het signaal ‘\(s.titel)’.", "\(organisatie.naam) answered on the signal ‘\(s.titel)’.")],
                link: Webadres.signaal(nummer: s.nummer).pad, linkTekst: Tekst("Open het signaal (na inloggen)", "Open the signal (after logging in)")),
                bezorging: o.bezorging, instellingen: o.instellingen, organisatie: o.organisatie, nu: nu, on: db)
        }
    }

    /// To the organisation's contact person at the signaal's level, else its notification address.
    private func aanOrganisatie(_ o: Organisatie, _ s: Signaal, _ onderwerp: (String) -> Tekst, _ wat: Tekst, nu: Date, on db: any Database) async throws {
        let contact = try await Contactpersoon.query(on: db).filter(\.$organisatie.$id == o.requireID()).filter(\.$niveau == s.niveau)
            .filter(\.$actief == true).filter(\.$email != nil).sort(\.$naam).first()
        guard let adres = contact?.email ?? o.meldingEmail else { return }
        let gebruiker: Gebruiker? = if let gid = contact?.$gebruiker.id { try await Gebruiker.find(gid, on: db) } else { nil }
        let taal = gebruiker?.taal ?? .nl
        try await mail(aan: adres, taal: taal, Self.tekst(taal, onderwerp: onderwerp("SIG-\(s.nummer): \(s.titel)"), [wat,
            Tekst("U leest het signaal en kunt antwoorden in het portaal.", "You can read the signal and answer in the portal.")],
            link: Webadres.ontvangenSignaal(nummer: s.nummer).pad, linkTekst: Tekst("Open het signaal (na inloggen)", "Open the signal (after logging in)")),
            bezorging: gebruiker?.bezorging ?? .direct, organisatie: o.id, nu: nu, on: db)
    }
}
