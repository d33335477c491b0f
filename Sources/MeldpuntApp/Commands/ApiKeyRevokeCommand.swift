import MeldpuntAPI
import MeldpuntWeb
import MeldpuntHTTP
import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Vapor

struct ApiKeyRevokeCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "oin", help: "OIN van de organisatie") var oin: String?
        @Option(name: "gemeentecode", help: "Gemeentecode van de gemeente") var gemeentecode: String?
        @Option(name: "id", help: "Alleen deze sleutel (id uit 'apikey create'); zonder: alle sleutels") var id: String?
    }
    let help = "Trek één of alle API-sleutels van een organisatie in."

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        let org = try await Organisaties.zoek(oin: signature.oin, gemeentecode: signature.gemeentecode, on: db)
        var id: UUID?
        if let raw = signature.id {
            guard let u = UUID(uuidString: raw) else { throw Opdrachtfout("--id is geen geldig sleutel-id.") }
            id = u
        }
        // Another process (the CLI) empties only its own cache: running servers stop the key within its lifetime.
        let aantal = try await context.application.beheerVanuitCLI.trekSleutelsIn(van: org, id: id, cache: context.application.sleutelcache)
        if id != nil && aantal == 0 { throw Opdrachtfout("Geen actieve sleutel met dit id bij \(org.naam).") }
        schrijf(context, "\(aantal) sleutel(s) van \(org.naam) ingetrokken.")
    }
}
