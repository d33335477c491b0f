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
        @Option(name: "rol", help: "afnemer, bijhouder, rni, meldpunt, partner, beheerder of systeembeheerder") var rol: String?
    }
    let help = "Voeg een gebruiker toe; het wachtwoord (ten minste 12 tekens) komt van standaardinvoer."

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let email = signature.email, let naam = signature.naam else { throw Organisaties.Fout.ongeldig("Geef --email en --naam.") }
        guard let rol = signature.rol.flatMap(GebruikersRol.init(rawValue:)) else {
            throw Organisaties.Fout.ongeldig("Geef --rol: \(GebruikersRol.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        let db = context.application.db
        let org = try await Organisaties.zoek(oin: signature.oin, gemeentecode: signature.gemeentecode, on: db)
        let wachtwoord = (readLine(strippingNewline: true) ?? "")
        let g = try await Gebruikers.voegToe(email: email, naam: naam, organisatie: org, rol: rol, wachtwoord: wachtwoord,
                                             hasher: context.application.wachtwoorden, on: db)
        try await Audit.schrijf(.gebruikerToegevoegd, door: nil, organisatie: org.id, onderwerp: g.email, details: rol.rawValue, nu: Date(), on: db)
        schrijf(context, "Gebruiker \(g.email) (\(rol.rawValue)) voor \(org.naam) toegevoegd.")
    }
}
