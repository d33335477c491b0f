import MeldpuntAPI
import MeldpuntWeb
import MeldpuntHTTP
import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Vapor

struct ApiKeyCreateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "oin", help: "OIN van de organisatie") var oin: String?
        @Option(name: "gemeentecode", help: "Gemeentecode van de gemeente") var gemeentecode: String?
        @Option(name: "omschrijving", help: "Waarvoor de sleutel is (bijv. het systeem)") var omschrijving: String?
    }
    let help = "Maak een API-sleutel. De sleutel staat alleen op de laatste regel van de uitvoer en wordt nergens bewaard."

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        let org = try await Organisaties.zoek(oin: signature.oin, gemeentecode: signature.gemeentecode, on: db)
        let (record, sleutel) = try await context.application.beheerVanuitCLI.maakSleutel(voor: org, omschrijving: signature.omschrijving ?? "CLI")
        schrijf(context, "API-sleutel \(try record.requireID()) voor \(org.naam). Bewaar hem nu: hij wordt niet opnieuw getoond.")
        schrijf(context, sleutel)
    }
}
