import MeldpuntAPI
import MeldpuntWeb
import MeldpuntHTTP
import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Vapor

struct UserDisableCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "E-mailadres") var email: String?
    }
    let help = "Zet een gebruiker uit; al zijn sessies eindigen meteen."

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        guard let email = signature.email?.lowercased(), let g = try await Gebruiker.query(on: db).filter(\.$email == email).first() else {
            throw Opdrachtfout("Geen gebruiker met dit e-mailadres.")
        }
        try await context.application.beheerVanuitCLI.zetActief(g, false)
        schrijf(context, "Gebruiker \(email) uitgezet.")
    }
}
