import MeldpuntCore
import MeldpuntHTTP
import Vapor

/// `meldpunt bewaartermijnen [--proef]`: anonymise what has passed its retention period now
/// (the server does this daily by itself), or with --proef list what would go and change nothing.
struct BewaartermijnenCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "proef", help: "Alleen tonen wat zou worden geanonimiseerd; niets wijzigen.") var proef: Bool
    }
    let help = "Anonimiseer wat de bewaartermijn voorbij is (--proef: toon alleen wat zou gaan)."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let spoor = Spoor()
        let bewaring = app.bewaring(traceID: spoor.traceID)
        var rapport = Bewaarrapport(proef: signature.proef)
        // Batch after batch until a round finds nothing more (a trial lists the first batch).
        var vorige: Bewaarrapport?
        while true {
            let r = try await spoor.metSpoor { try await bewaring.ronde(proef: signature.proef) }
            // A case that would not go stops the loop instead of coming back forever.
            defer { vorige = r }
            if let vorige, vorige.meldingen == r.meldingen, vorige.terugmeldingen == r.terugmeldingen { break }
            rapport.meldingen += r.meldingen
            rapport.terugmeldingen += r.terugmeldingen
            rapport.verwerkingslogregels += r.verwerkingslogregels
            rapport.auditregels += r.auditregels
            rapport.berichten += r.berichten
            if signature.proef || (r.meldingen.isEmpty && r.terugmeldingen.isEmpty) { break }
        }
        let t = app.instellingen.bewaartermijnen
        context.console.print("Bewaartermijnen (dagen): " + Bewaartermijnen.namen.map { "\($0.0)=\(t[keyPath: $0.1])" }.joined(separator: ", "))
        context.console.print(signature.proef ? "Proef: zou anonimiseren of verwijderen:" : "Geanonimiseerd of verwijderd:")
        context.console.print("  meldingen: \(rapport.meldingen.count)\(rapport.meldingen.isEmpty ? "" : " (" + rapport.meldingen.joined(separator: ", ") + ")")")
        context.console.print("  terugmeldingen: \(rapport.terugmeldingen.count)\(rapport.terugmeldingen.isEmpty ? "" : " (" + rapport.terugmeldingen.map { $0.uuidString.lowercased() }.joined(separator: ", ") + ")")")
        context.console.print("  regels in het verwerkingslog: \(rapport.verwerkingslogregels)")
        context.console.print("  regels in het auditlog: \(rapport.auditregels)")
        context.console.print("  berichten in de uitgaande post: \(rapport.berichten)")
    }
}
