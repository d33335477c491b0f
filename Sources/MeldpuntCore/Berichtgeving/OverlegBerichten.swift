import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain

/// Who hears of an overleg: each invited organisation (its operational contact, else its
/// notification address) of the invitation, the minutes, a cancellation and its own actions;
/// the meldpunt's staff (the case's behandelaar, else the team) of actions done or late and of
/// minutes still missing. Mails name the number and dates only; subject, agenda and minutes stay
/// in the portal.
extension Berichtgeving {
    private static let open = Tekst("Open het overleg (na inloggen)", "Open the meeting (after logging in)")

    private static func wanneer(_ o: OverlegRij) -> Tekst {
        Tekst(Datumweergave.voluit(o.datum, .nl) + (o.tijd.map { " om \($0)" } ?? ""), Datumweergave.voluit(o.datum, .en) + (o.tijd.map { " at \($0)" } ?? ""))
    }

    package func overlegUitnodiging(_ o: OverlegRij, aan org: Organisatie, nu: Date, on db: any Database) async throws {
        let w = Self.wanneer(o)
        try await aanOrganisatie(org, onderwerp: Tekst("Uitnodiging voor overleg OVL-\(o.nummer) op \(w.nl)", "Invitation to meeting OVL-\(o.nummer) on \(w.en)"),
            [Tekst("Het Meldpunt Fouten in Overheidsregistraties nodigt uw organisatie uit voor een overleg met meerdere organisaties op \(w.nl).",
                   "The Meldpunt Fouten in Overheidsregistraties invites your organisation to a meeting with several organisations on \(w.en)."),
             Tekst("Onderwerp, plaats, agenda en de andere genodigden leest u in het portaal. Daar komt na het overleg ook het verslag, met de acties voor uw organisatie.",
                   "Subject, place, agenda and the other invitees are in the portal. After the meeting the minutes appear there too, with the actions for your organisation.")],
            link: Webadres.overleg(nummer: o.nummer).pad, linkTekst: Self.open, nu: nu, on: db)
    }

    package func overlegVerslag(_ o: OverlegRij, aan org: Organisatie, gecorrigeerd: Bool, nu: Date, on db: any Database) async throws {
        try await aanOrganisatie(org, onderwerp: gecorrigeerd ? Tekst("Verslag van overleg OVL-\(o.nummer) aangepast", "Minutes of meeting OVL-\(o.nummer) updated")
                                                              : Tekst("Verslag van overleg OVL-\(o.nummer)", "Minutes of meeting OVL-\(o.nummer)"),
            [gecorrigeerd ? Tekst("Het Meldpunt heeft het verslag van het overleg aangepast.", "The Meldpunt has updated the minutes of the meeting.")
                          : Tekst("Het verslag van het overleg staat in het portaal, met de afgesproken acties per organisatie.",
                                  "The minutes of the meeting are in the portal, with the actions agreed per organisation.")],
            link: Webadres.overleg(nummer: o.nummer).pad, linkTekst: Self.open, nu: nu, on: db)
    }

    package func overlegGeannuleerd(_ o: OverlegRij, aan org: Organisatie, nu: Date, on db: any Database) async throws {
        let w = Self.wanneer(o)
        try await aanOrganisatie(org, onderwerp: Tekst("Overleg OVL-\(o.nummer) op \(w.nl) gaat niet door", "Meeting OVL-\(o.nummer) on \(w.en) is cancelled"),
            [Tekst("Het Meldpunt heeft het overleg geannuleerd. Waarom, leest u in het portaal.", "The Meldpunt has cancelled the meeting. The portal says why.")],
            link: Webadres.overleg(nummer: o.nummer).pad, linkTekst: Self.open, nu: nu, on: db)
    }

    /// A new action for a partner organisation.
    package func overlegActie(_ a: OverlegActie, _ o: OverlegRij, aan org: Organisatie, nu: Date, on db: any Database) async throws {
        try await aanOrganisatie(org, onderwerp: Tekst("Actie voor uw organisatie uit overleg OVL-\(o.nummer)", "Action for your organisation from meeting OVL-\(o.nummer)"),
            [Tekst("Uit het overleg komt een actie voor uw organisatie, uiterlijk \(Datumweergave.voluit(a.uiterlijk, .nl)) te doen. Wat, leest u in het portaal; meld daar ook wanneer het gedaan is.",
                   "The meeting gave your organisation an action, to be done by \(Datumweergave.voluit(a.uiterlijk, .en)). The portal says what; please also report there when it is done.")],
            link: Webadres.overleg(nummer: o.nummer).pad, linkTekst: Self.open, nu: nu, on: db)
    }

    /// The working day before an action's day: the organisation that holds it (staff for the meldpunt's own).
    package func overlegActieNadert(_ a: OverlegActie, _ o: OverlegRij, nu: Date, on db: any Database) async throws {
        guard let org = try await Organisatie.find(a.$organisatie.id, on: db) else { return }
        let d = a.uiterlijk
        if org.rollen.contains(.meldpunt) {
            try await aanStaf(o, Tekst("Actie \(a.nummer) uit overleg OVL-\(o.nummer) moet uiterlijk \(Datumweergave.datum(d)) gedaan zijn",
                                       "Action \(a.nummer) from meeting OVL-\(o.nummer) is due by \(Datumweergave.datum(d))"), nu: nu, on: db)
        } else {
            try await aanOrganisatie(org, onderwerp: Tekst("Herinnering: actie uit overleg OVL-\(o.nummer) uiterlijk \(Datumweergave.voluit(d, .nl))",
                                                         "Reminder: action from meeting OVL-\(o.nummer) due \(Datumweergave.voluit(d, .en))"),
                [Tekst("Uw organisatie heeft een actie uit het overleg die uiterlijk \(Datumweergave.voluit(d, .nl)) gedaan moet zijn. Meld in het portaal wanneer het gedaan is.",
                       "Your organisation has an action from the meeting due by \(Datumweergave.voluit(d, .en)). Please report in the portal when it is done.")],
                link: Webadres.overleg(nummer: o.nummer).pad, linkTekst: Self.open, nu: nu, on: db)
        }
    }

    /// An action's day passed and it is not done: staff follow it up.
    package func overlegActieVerlopen(_ a: OverlegActie, _ o: OverlegRij, nu: Date, on db: any Database) async throws {
        let naam = try await Organisatie.find(a.$organisatie.id, on: db)?.naam ?? "?"
        try await aanStaf(o, Tekst("Actie \(a.nummer) van \(naam) uit overleg OVL-\(o.nummer) is niet op tijd gedaan",
                                   "Action \(a.nummer) of \(naam) from meeting OVL-\(o.nummer) was not done in time"), nu: nu, on: db)
    }

    package func overlegActieGedaan(_ a: OverlegActie, _ o: OverlegRij, organisatie: String, nu: Date, on db: any Database) async throws {
        try await aanStaf(o, Tekst("\(organisatie) deed actie \(a.nummer) uit overleg OVL-\(o.nummer)", "\(organisatie) did action \(a.nummer) from meeting OVL-\(o.nummer)"), nu: nu, on: db)
    }

    /// The meeting's day passed and its minutes are not recorded.
    package func overlegVerslagOntbreekt(_ o: OverlegRij, nu: Date, on db: any Database) async throws {
        try await aanStaf(o, Tekst("Leg het verslag vast van overleg OVL-\(o.nummer)", "Record the minutes of meeting OVL-\(o.nummer)"), nu: nu, on: db)
    }

    /// About a case: its behandelaar (or the team) and the werkvoorraad; otherwise the team.
    private func aanStaf(_ o: OverlegRij, _ wat: Tekst, nu: Date, on db: any Database) async throws {
        if let mid = o.$melding.id, let m = try await Melding.find(mid, on: db) {
            try await aanStaf(m, wat, nu: nu, on: db)
            try await m.save(on: db)
        } else {
            try await aanTeam(wat, link: Webadres.overleg(nummer: o.nummer).pad, linkTekst: Self.open, nu: nu, on: db)
        }
    }
}
