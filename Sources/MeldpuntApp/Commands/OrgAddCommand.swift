import MeldpuntAPI
import MeldpuntWeb
import MeldpuntHTTP
import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Vapor

struct OrgAddCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "naam", help: "Naam van de organisatie") var naam: String?
        @Option(name: "oin", help: "OIN (20 posities)") var oin: String?
        @Option(name: "gemeentecode", help: "Bestaande gemeente (4 cijfers) die een rol bijkrijgt") var gemeentecode: String?
        @Option(name: "rol", help: "Rollen, komma-gescheiden: afnemer, bronhouder, rni, meldpunt, partner, intermediair") var rol: String?
    }
    let help = "Voeg een organisatie toe, of geef een bestaande gemeente of organisatie een rol erbij."

    func run(using context: CommandContext, signature: Signature) async throws {
        let rollen = try parseRollen(signature.rol)
        let org = try await context.application.beheerVanuitCLI.voegOrganisatieToe(naam: signature.naam, oin: signature.oin,
                                                                                 gemeentecode: signature.gemeentecode, rollen: rollen)
        schrijf(context, "\(org.naam) — rollen: \(org.rollen.map(\.rawValue).sorted().joined(separator: ", "))"
            + (org.oin.map { " — OIN \($0)" } ?? "") + (org.gemeentecode.map { " — gemeentecode \($0)" } ?? ""))
    }

    func parseRollen(_ raw: String?) throws -> Set<Organisatierol> {
        guard let raw, !raw.isEmpty else { throw Opdrachtfout("Geef ten minste één rol met --rol.") }
        var rollen: Set<Organisatierol> = []
        for deel in raw.split(separator: ",") {
            let naam = deel.trimmingCharacters(in: .whitespaces)
            guard let rol = Organisatierol(rawValue: naam) else {
                throw Opdrachtfout("Onbekende rol '\(naam)'. Kies uit: \(Organisatierol.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            rollen.insert(rol)
        }
        return rollen
    }
}
