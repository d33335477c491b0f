import MeldpuntHTTP
import MeldpuntCore
import MeldpuntDomain
import Vapor

/// Public reference data and the working-day calendar.
struct ReferentieController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("gemeenten", use: gemeenten)
        routes.get("registraties", use: registraties)
        routes.get("termijnen", use: termijn)
        routes.get("verwerkingsactiviteiten", use: verwerkingsactiviteiten)
        routes.get("verwerkingsactiviteiten", ":activiteit", use: verwerkingsactiviteit)
    }

    /// The register of processing activities: what every processing record names.
    func verwerkingsactiviteiten(req: Request) async throws -> [Verwerkingsactiviteit] {
        Verwerkingsregister.standaard.activiteiten
    }

    func verwerkingsactiviteit(req: Request) async throws -> Verwerkingsactiviteit {
        guard let id = req.parameters.get("activiteit"), let a = Verwerkingsregister.standaard.activiteit(id) else {
            throw Problem.nietGevonden("Er is geen verwerkingsactiviteit met dit id; de lijst staat op /api/v1/verwerkingsactiviteiten.")
        }
        return a
    }

    struct GemeenteDTO: Content {
        let gemeentecode: String
        let naam: String
        let ingangsdatum: String?
        let einddatum: String?
        let isRni: Bool
    }

    func gemeenten(req: Request) async throws -> [GemeenteDTO] {
        var peildatum: Dag?
        if let raw = req.queryWaarde("peildatum") {
            guard let d = Dag(raw) else { throw Problem.ongeldig("peildatum", "date", "Gebruik een datum als JJJJ-MM-DD.") }
            peildatum = d
        }
        return req.application.referentiedata.actueleGemeenten(op: peildatum)
            .sorted { $0.naam.localizedCompare($1.naam) == .orderedAscending }
            .map { GemeenteDTO(gemeentecode: $0.code, naam: $0.naam, ingangsdatum: $0.ingang?.description,
                               einddatum: $0.einde?.description, isRni: $0.code == Gemeentecode.rni.value) }
    }

    func registraties(req: Request) async throws -> [Registratie] {
        Registratie.alle
    }

    struct TermijnDTO: Content {
        let startdatum: String
        let werkdagen: Int
        let einddatum: String
    }

    func termijn(req: Request) async throws -> TermijnDTO {
        var fouten: [OngeldigeParameter] = []
        let start = req.queryWaarde("startdatum")
        let werkdagen = req.queryWaarde("werkdagen")
        if start == nil { fouten.append(.init(api: "startdatum", code: "required", reason: "Geef de startdatum (JJJJ-MM-DD).")) }
        else if Dag(start!) == nil { fouten.append(.init(api: "startdatum", code: "date", reason: "Gebruik een datum als JJJJ-MM-DD.")) }
        if werkdagen == nil { fouten.append(.init(api: "werkdagen", code: "required", reason: "Geef het aantal werkdagen.")) }
        else if Int(werkdagen!).map({ !(0...1000).contains($0) }) ?? true {
            fouten.append(.init(api: "werkdagen", code: "range", reason: "werkdagen is een geheel getal van 0 tot en met 1000."))
        }
        guard fouten.isEmpty, let dag = start.flatMap(Dag.init), let n = werkdagen.flatMap({ Int($0) }) else {
            throw Problem.ongeldig(fouten)
        }
        let eind: Dag
        do {
            eind = try req.application.kalender.plusWerkdagen(n, na: dag)
        } catch {
            // Typed throws: `error` is a KalenderFout.
            throw Problem.ongeldig([.init(api: "startdatum", code: error.code, reason: error.reden.nl)])
        }
        return TermijnDTO(startdatum: dag.description, werkdagen: n, einddatum: eind.description)
    }
}

extension Verwerkingsactiviteit: Content {}
