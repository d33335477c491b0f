import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// `/api/v1/meldingimporten`: the CMI's cases taken over (issue 30), for the meldpunt's key only.
/// The body holds the cases as JSON (`meldingen`) or a CSV export (`csv`); `?proef=true` checks
/// without writing. The same as `meldpunt import` on the command line.
struct MeldingimportenController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.on(.POST, "meldingimporten", body: .collect(maxSize: TerugmeldingenController.maxBody), use: importeer)
    }

    struct Invoer: Content {
        var meldingen: [ImportMelding]?
        var csv: String?
    }

    func importeer(req: Request) async throws -> ImportResultaat {
        let door = Handelende(organisatie: try req.vereisOrganisatie(.meldpunt))
        var proef = false
        if let raw = req.queryWaarde("proef") {
            guard let p = ["true": true, "false": false][raw] else {
                throw Problem.ongeldig([.init(api: "proef", code: "enum", reason: "proef is true of false.")])
            }
            proef = p
        }
        let invoer = try req.content.decode(Invoer.self)
        let rijen: [(regel: Int, melding: ImportMelding)]
        switch (invoer.meldingen, invoer.csv) {
        case (let m?, nil): rijen = m.enumerated().map { ($0.offset + 1, $0.element) }
        case (nil, let c?):
            do { rijen = try Importbestand.csv(c) } catch {
                throw Weigering.ongeldig(.csv, "csv", Tekst("Regel \(error.regel): \(error.uitleg.nl)", "Line \(error.regel): \(error.uitleg.en)"))
            }
        default:
            throw Weigering.ongeldig(.meldingen, "required", Tekst("Stuur de meldingen als ‘meldingen’ (JSON) of als ‘csv’, niet beide.",
                                                                    "Send the cases as ‘meldingen’ (JSON) or as ‘csv’, not both."))
        }
        return try await req.meldingen.intake.importeer(rijen, door: door, proef: proef)
    }
}
