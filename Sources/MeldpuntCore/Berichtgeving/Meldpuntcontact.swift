import MeldpuntDomain

/// How people reach the meldpunt itself (issue 30): on every citizen page, letter and mail.
/// Configured by the operator (`MELDPUNT_CONTACT_*`); what is not configured is left out, never
/// made up.
package struct Meldpuntcontact: Sendable, Equatable {
    package var naam = "Meldpunt Fouten in Overheidsregistraties"
    package var telefoon: String?
    /// When the phone is answered, in Dutch and English ("maandag tot en met vrijdag, 9.00–17.00 uur").
    package var bereikbaar: Tekst?
    /// The postal address, one line each ("Postbus 20011", "2500 EA  Den Haag").
    package var postadres: [String] = []
    package var email: String?

    package init(telefoon: String? = nil, bereikbaar: Tekst? = nil, postadres: [String] = [], email: String? = nil) {
        self.telefoon = telefoon
        self.bereikbaar = bereikbaar
        self.postadres = postadres
        self.email = email
    }

    /// The demo meldpunt's details in development and tests: plainly example values.
    package static let voorbeeld = Meldpuntcontact(
        telefoon: "0800 123 45 67",
        bereikbaar: Tekst("maandag tot en met vrijdag, 9.00–17.00 uur", "Monday to Friday, 9:00–17:00"),
        postadres: ["Postbus 12345", "2500 AA  Den Haag"],
        email: "meldpunt@meldpunt.example.nl")

    /// "Bel ons op 0800 123 45 67 (maandag … uur)." — nil without a phone number.
    package func belZin(_ taal: Taal) -> String? {
        guard let telefoon else { return nil }
        let wanneer = bereikbaar.map { " (\($0.tekst(taal)))" } ?? ""
        return taal == .nl ? "Bel ons op \(telefoon)\(wanneer)." : "Call us on \(telefoon)\(wanneer)."
    }

    /// One line for a mail's or page's footer: phone, hours and postal address as far as known.
    package func regel(_ taal: Taal) -> String? {
        var delen: [String] = []
        if let b = belZin(taal) { delen.append(b) }
        if !postadres.isEmpty {
            delen.append("Post: " + naam + ", " + postadres.joined(separator: ", ") + ".")
        }
        if let email { delen.append((taal == .nl ? "E-mail: " : "Email: ") + email + ".") }
        return delen.isEmpty ? nil : delen.joined(separator: " ")
    }
}
