import Foundation
import MeldpuntCore
import MeldpuntHTTP
import Vapor

/// `meldpunt berichten test <adres>` sends one mail now through the configured SMTP server (or
/// folder) and says whether it was accepted; `meldpunt berichten samenvatten` makes today's
/// morning summaries now (the running server delivers them).
struct BerichtenCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "actie", help: "test of samenvatten")
        var actie: String
        @Option(name: "aan", help: "Bij test: het e-mailadres")
        var aan: String?
    }

    let help = "Berichten: een testmail via de ingestelde SMTP-server (test --aan adres), of de ochtendsamenvattingen nu maken (samenvatten)."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        switch signature.actie {
        case "test":
            guard let aan = signature.aan, Berichtgeving.isAdres(aan) else {
                throw MeldpuntConfigFout("Geef het adres: meldpunt berichten test --aan naam@voorbeeld.nl")
            }
            let inhoud = Mailinhoud(taal: .nl, onderwerp: "Testbericht van Meldpunt", alineas: ["Dit is een testbericht: de e-mail van Meldpunt komt aan."],
                                    link: app.instellingen.publiekeUrl, linkTekst: "Meldpunt", afmelden: nil)
            try await app.bezorgers.verstuur(UitgaandeMail(id: UUID(), aan: aan, inhoud: inhoud, datum: Date()))
            schrijf(context, "verstuurd aan \(aan)")
        case "samenvatten":
            let n = try await app.planner.samenvattingen(nu: Date())
            schrijf(context, "samenvattingen \(n)")
        default:
            throw MeldpuntConfigFout("Kies test of samenvatten")
        }
    }
}
