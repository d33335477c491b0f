import MeldpuntAPI
import MeldpuntWeb
import MeldpuntHTTP
import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Vapor

/// `meldpunt audit [--organisatie UUID] [--aantal N]`: the audit trail, newest first.
struct AuditCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "organisatie", help: "Alleen acties op deze organisatie (uuid)") var organisatie: String?
        @Option(name: "aantal", help: "Hoeveel regels (standaard 200)") var aantal: Int?
    }
    let help = "Toon het audittrail van beheeracties: organisaties, rollen, gebruikers, sleutels, inloggen van systeembeheer."

    func run(using context: CommandContext, signature: Signature) async throws {
        let org = try signature.organisatie.map { raw in
            guard let id = UUID(uuidString: raw) else { throw Opdrachtfout("--organisatie is een uuid.") }
            return id
        }
        let f = ISO8601DateFormatter()
        schrijf(context, "tijdstip (UTC)\tactie\tdoor\torganisatie\tonderwerp\tdetails")
        for r in try await Audit.regels(organisatie: org, limiet: min(max(signature.aantal ?? 200, 1), 10_000), on: context.application.db) {
            schrijf(context, "\(f.string(from: r.tijdstip))\t\(r.actie)\t\(r.door)\t\(r.organisatieID?.tekst ?? "-")\t\(r.onderwerp ?? "-")\t\(r.details ?? "-")")
        }
    }
}
