import MeldpuntAPI
import MeldpuntWeb
import MeldpuntHTTP
import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Vapor

/// For a locked-out user (also the last systeembeheerder): a one-time password from standard
/// input, the second factor removed, every session ended.
struct UserResetCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "E-mailadres") var email: String?
    }
    let help = "Geef een gebruiker een eenmalig wachtwoord (van standaardinvoer) en verwijder de tweestapsverificatie; bij het inloggen kiest hij een eigen wachtwoord en stelt hij tweestaps opnieuw in."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let email = signature.email?.lowercased(), let g = try await Gebruiker.query(on: app.db).filter(\.$email == email).first() else {
            throw Opdrachtfout("Geen gebruiker met dit e-mailadres.")
        }
        let wachtwoord = readLine(strippingNewline: true) ?? ""
        guard wachtwoord.count >= Gebruikers.minimaleWachtwoordlengte, wachtwoord.utf8.count <= Accounts.maximaleWachtwoordBytes else {
            throw Opdrachtfout("Een wachtwoord is ten minste \(Gebruikers.minimaleWachtwoordlengte) tekens en ten hoogste \(Accounts.maximaleWachtwoordBytes) bytes lang.")
        }
        _ = try await app.beheerVanuitCLI.stelWachtwoordOpnieuwIn(g, wachtwoord: wachtwoord, hasher: app.wachtwoorden, threadPool: app.threadPool)
        try await app.beheerVanuitCLI.herstelTweestaps(g)
        schrijf(context, "Gebruiker \(email): eenmalig wachtwoord gezet, tweestapsverificatie verwijderd, sessies beëindigd.")
    }
}
