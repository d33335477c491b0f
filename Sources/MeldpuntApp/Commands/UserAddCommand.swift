import MeldpuntAPI
import MeldpuntWeb
import MeldpuntHTTP
import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Vapor

struct UserAddCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "email", help: "E-mailadres (inlognaam)") var email: String?
        @Option(name: "naam", help: "Naam van de gebruiker") var naam: String?
        @Option(name: "oin", help: "OIN van de organisatie") var oin: String?
        @Option(name: "gemeentecode", help: "Gemeentecode van de gemeente") var gemeentecode: String?
        @Option(name: "rol", help: "afnemer, bijhouder, rni, meldpunt, partner, intermediair, beheerder of systeembeheerder") var rol: String?
    }
    let help = "Voeg een gebruiker toe; het wachtwoord (ten minste 12 tekens) komt van standaardinvoer."

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let email = signature.email, let naam = signature.naam else { throw Opdrachtfout("Geef --email en --naam.") }
        guard let rol = signature.rol.flatMap(GebruikersRol.init(rawValue:)) else {
            throw Opdrachtfout("Geef --rol: \(GebruikersRol.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let db = context.application.db
        let org = try await Organisaties.zoek(oin: signature.oin, gemeentecode: signature.gemeentecode, on: db)
        let wachtwoord = (readLine(strippingNewline: true) ?? "")
        let g = try await context.application.beheerVanuitCLI.voegGebruikerToe(email: email, naam: naam, rol: rol, organisatie: org,
                                                                              wachtwoord: wachtwoord, hasher: context.application.wachtwoorden)
        schrijf(context, "Gebruiker \(g.email) (\(rol.rawValue)) voor \(org.naam) toegevoegd.")
    }
}
