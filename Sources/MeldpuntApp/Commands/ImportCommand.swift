import Fluent
import Foundation
import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// `meldpunt import --bestand cmi.csv [--proef]`: takes over the CMI's cases from a CSV or JSON
/// export (by the file's extension, or `--formaat`), as the meldpunt's organisation. Prints what
/// came in, what was there already, and every refused row with its line and reasons; exits 1 if
/// any row was refused, so a script notices.
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "bestand", help: "het exportbestand (.csv of .json)") var bestand: String?
        @Option(name: "formaat", help: "csv of json (standaard: naar de extensie)") var formaat: String?
        @Flag(name: "proef", help: "alleen controleren, niets vastleggen") var proef: Bool
    }
    let help = "Neem meldingen van het CMI over uit een CSV- of JSON-export (nog eens draaien verandert niets)."

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let pad = signature.bestand else { throw Opdrachtfout("Geef --bestand met de export (.csv of .json).") }
        guard let data = FileManager.default.contents(atPath: pad) else { throw Opdrachtfout("\(pad) is niet te lezen.") }
        let formaat = signature.formaat ?? (pad.lowercased().hasSuffix(".json") ? "json" : "csv")
        let rijen: [(regel: Int, melding: ImportMelding)]
        do {
            switch formaat {
            case "json": rijen = try Importbestand.json(data)
            case "csv":
                guard let tekst = String(data: data, encoding: .utf8) else { throw Opdrachtfout("\(pad) is geen UTF-8-tekst.") }
                rijen = try Importbestand.csv(tekst)
            default: throw Opdrachtfout("--formaat is csv of json.")
            }
        } catch let f as Importbestand.Fout {
            throw Opdrachtfout("Regel \(f.regel): \(f.uitleg.nl)")
        }
        guard let org = try await Organisatie.query(on: app.db).filter(\.$rollenTekst ~~ ",meldpunt,").first() else {
            throw Opdrachtfout("Er is geen organisatie met de rol meldpunt (meldpunt org add …).")
        }
        // One import run is one processing: its own trace in the processing log.
        let spoor = Spoor()
        let zaken = MeldingService(db: app.db, pseudoniemen: app.pseudoniemen, kalender: app.kalender, nu: app.klok.nu(), traceID: spoor.traceID,
                                   contactnormWerkdagen: app.instellingen.contactnormWerkdagen, berichten: app.berichtgeving)
        let r = try await spoor.metSpoor {
            try await zaken.intake.importeer(rijen, door: Handelende(organisatie: try OrganisatieDTO(org)), proef: signature.proef)
        }
        schrijf(context, "\(r.proef ? "Proef: zou inlezen" : "Ingelezen"): \(r.ingelezen)\nAl bekend (overgeslagen): \(r.alBekend)\nGeweigerd: \(r.geweigerd.count)")
        for g in r.geweigerd {
            schrijf(context, "regel \(g.regel)\(g.kenmerk.map { " (\($0))" } ?? ""): " + g.redenen.map { "\($0.veld.jsonPad): \($0.reason)" }.joined(separator: "; "))
        }
        if !r.geweigerd.isEmpty { throw Opdrachtfout("\(r.geweigerd.count) regel(s) geweigerd; zie hierboven.") }
    }
}
