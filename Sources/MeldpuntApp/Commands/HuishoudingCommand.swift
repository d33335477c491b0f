import MeldpuntAPI
import MeldpuntWeb
import MeldpuntHTTP
import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Vapor

/// `meldpunt huishouding`: one round of housekeeping now (the server also runs it every ten minutes).
struct HuishoudingCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    let help = "Ruim nu op: verlopen sessies, oude concepten en mislukte inlogpogingen, gebruikte eenmalige sleutels, bijlagen zonder verwijzing."

    func run(using context: CommandContext, signature: Signature) async throws {
        let r = try await Huishouding.ruimOp(nu: Date(), on: context.application.db)
        schrijf(context, "sessies \(r.sessies), concepten \(r.concepten), inlogpogingen \(r.inlogpogingen), eenmalige sleutels \(r.eenmaligeSleutels), bijlagen \(r.bijlagen), berichten \(r.berichten), herinneringen \(r.herinneringen)")
    }
}
