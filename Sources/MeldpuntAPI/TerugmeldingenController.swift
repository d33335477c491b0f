import MeldpuntHTTP
import MeldpuntCore
import MeldpuntDomain
import Vapor

/// `/api/v1/terugmeldingen`: thin handlers around `TerugmeldingService`.
struct TerugmeldingenController: RouteCollection {
    /// 20 MiB of attachments as base64 is ~26.7 MiB; the rest is room for the JSON around it,
    /// so that slightly too many attachments still get a precise 400 rather than a 413.
    static let maxBody: ByteCount = "32mb"

    func boot(routes: any RoutesBuilder) throws {
        let tm = routes.grouped("terugmeldingen")
        tm.on(.POST, body: .collect(maxSize: Self.maxBody), use: maak)
        tm.get(use: lijst)
        tm.get(":referentie", use: detail)
        tm.on(.POST, ":referentie", "statuswijzigingen", body: .collect(maxSize: "1mb"), use: wijzigStatus)
        tm.get(":referentie", "bijlagen", ":bijlage", use: bijlage)
    }

    func maak(req: Request) async throws -> Response {
        let org = try req.vereisOrganisatie()
        let sleutel = try req.idempotentie(org, soort: "terugmelding")
        let verzoek = try req.content.decode(TerugmeldingInvoer.self)
        let detail = try await req.terugmeldingen.maak(verzoek, door: org, eenmalig: sleutel)
        let response = try await detail.encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/terugmeldingen/\(detail.terugMeldingReferentie)")
        return response
    }

    func detail(req: Request) async throws -> TerugmeldingDetailDTO {
        try await req.terugmeldingen.detail(referentie(req), voor: req.vereisOrganisatie(), als: req.vereisOrganisatie().terugmeldPartijen)
    }

    func wijzigStatus(req: Request) async throws -> TerugmeldingDetailDTO {
        let id = try referentie(req)
        let verzoek = try req.content.decode(StatuswijzigingInvoer.self)
        return try await req.terugmeldingen.wijzigStatus(id, verzoek, door: req.vereisOrganisatie(), als: req.vereisOrganisatie().terugmeldPartijen)
    }

    func lijst(req: Request) async throws -> Response {
        let org = try req.vereisOrganisatie(.afnemer, .bronhouder, .meldpunt)
        var fouten: [OngeldigeParameter] = []
        let paginering = Paginering(req, fouten: &fouten)
        let standaard: TerugmeldingService.Richting = org.heeft(.bronhouder) ? .ontvangen : .verzonden
        var filter = TerugmeldingService.Filter(richting: standaard, pagina: paginering.pagina, paginagrootte: paginering.grootte)
        if let r = req.queryWaarde("richting") {
            if let richting = TerugmeldingService.Richting(rawValue: r) { filter.richting = richting } else {
                fouten.append(.init(api: "richting", code: "enum", reason: "Kies ontvangen of verzonden."))
            }
        }
        if let s = req.queryWaarde("status") {
            for deel in s.split(separator: ",", omittingEmptySubsequences: false) {
                if let status = TerugmeldingStatus(lenient: String(deel)) { filter.statussen.append(status) } else {
                    fouten.append(.init(api: "status", code: "enum", reason: "Onbekende status '\(deel)'. Kies uit: \(TerugmeldingStatus.allCases.map(\.rawValue).joined(separator: ", "))."))
                }
            }
        }
        filter.ontvangenVanaf = tijdgrens(req, "ontvangenVanaf", totEnMet: false, &fouten)
        filter.ontvangenTot = tijdgrens(req, "ontvangenTot", totEnMet: true, &fouten)
        if let t = req.queryWaarde("termijnOverschreden") {
            switch t {
            case "true": filter.termijnOverschreden = true
            case "false": filter.termijnOverschreden = false
            default: fouten.append(.init(api: "termijnOverschreden", code: "boolean", reason: "Gebruik true of false."))
            }
        }
        if let raw = req.queryWaarde("after") {
            if let na = UUID(uuidString: raw) { filter.na = na } else {
                fouten.append(.init(api: "after", code: "uuid", reason: "after is de terugMeldingReferentie van het laatste item van de vorige pagina."))
            }
            if req.queryWaarde("page") != nil {
                fouten.append(.init(api: "page", code: "nietMetAfter", reason: "Gebruik page of after, niet allebei."))
            }
        }
        guard fouten.isEmpty else { throw Problem.ongeldig(fouten) }

        let pagina = try await req.terugmeldingen.lijst(filter, voor: org)
        let response = try await pagina.items.encodeResponse(for: req)
        response.headers.replaceOrAdd(name: "Link", value: paginering.linkHeader(req, na: pagina.items.last?.terugMeldingReferentie, meer: pagina.meer, totaal: pagina.totaal))
        // Known exactly for a folder (kept counts) and for a search; not counted for other filters.
        if let totaal = pagina.totaal { response.headers.replaceOrAdd(name: "X-Total-Count", value: String(totaal)) }
        return response
    }

    func bijlage(req: Request) async throws -> Response {
        let id = try referentie(req)
        guard let bijlageID = req.parameters.get("bijlage").flatMap(UUID.init(uuidString:)) else {
            throw Problem.nietGevonden("Er is geen bijlage met dit id.")
        }
        let (b, data) = try await req.terugmeldingen.bijlage(id, bijlageID, voor: req.vereisOrganisatie(), als: req.vereisOrganisatie().terugmeldPartijen)
        let response = Response.download(b, data)
        response.headers.replaceOrAdd(name: "Digest", value: "sha-256=\(Data(hex: b.sha256)?.base64EncodedString() ?? "")")
        return response
    }

    /// A date (whole day, Amsterdam) or an instant; `totEnMet` makes a date include its whole day.
    private func tijdgrens(_ req: Request, _ naam: String, totEnMet: Bool, _ fouten: inout [OngeldigeParameter]) -> Date? {
        guard let raw = req.query[String.self, at: naam] else { return nil }
        if let dag = Dag(raw) {
            // Up to and including the last day of the calendar: no upper bound at all.
            guard totEnMet else { return dag.begin() }
            return (try? dag.plus(dagen: 1))?.begin() ?? .distantFuture
        }
        if let t = parseTijdstip(raw) { return totEnMet ? t.addingTimeInterval(0.001) : t }
        fouten.append(.init(api: naam, code: "date", reason: "Gebruik een datum (JJJJ-MM-DD) of tijdstip (ISO 8601)."))
        return nil
    }

    private func referentie(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("referentie").flatMap(UUID.init(uuidString:)) else {
            throw Problem.nietGevonden("Er is geen terugmelding met deze referentie die u mag zien.")
        }
        return id
    }
}

extension Data {
    init?(hex: String) {
        guard hex.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            guard let b = UInt8(hex[i..<j], radix: 16) else { return nil }
            bytes.append(b)
            i = j
        }
        self.init(bytes)
    }
}
