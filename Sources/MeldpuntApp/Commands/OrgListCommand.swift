import MeldpuntAPI
import MeldpuntWeb
import MeldpuntHTTP
import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Vapor

struct OrgListCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "rol", help: "Alleen organisaties met deze rol") var rol: String?
    }
    let help = "Toon organisaties (zonder de honderden gemeenten, tenzij --rol bronhouder)."

    func run(using context: CommandContext, signature: Signature) async throws {
        var q = Organisatie.query(on: context.application.db).sort(\.$naam)
        if let rol = signature.rol { q = q.filter(\.$rollenTekst ~~ ",\(rol),") } else { q = q.filter(\.$gemeentecode == nil).filter(\.$rniDeelnemerCode == nil) }
        for o in try await q.all() {
            schrijf(context, "\(o.naam)\t\(o.oin ?? "-")\t\(o.gemeentecode ?? o.rniDeelnemerCode ?? "-")\t\(o.rollen.map(\.rawValue).sorted().joined(separator: ","))")
        }
    }
}
