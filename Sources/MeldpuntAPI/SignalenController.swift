import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// `/api/v1/signaalkandidaten` and `/api/v1/signalen`: the meldpunt's own systems read the
/// detector's proposals and keep the signalen register. `/api/v1/ontvangen-signalen`: an
/// organisation reads the signalen fed back to it and answers.
struct SignalenController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let k = routes.grouped("signaalkandidaten")
        k.get(use: kandidaten)
        k.get(":kandidaatId", use: kandidaat)
        k.post(":kandidaatId", "bevestigingen", use: bevestig)
        k.post(":kandidaatId", "samenvoegingen", use: voegSamen)
        k.post(":kandidaatId", "afwijzingen", use: wijsAf)

        let s = routes.grouped("signalen")
        s.get(use: signalen)
        s.post(use: nieuw)
        s.get(":nummer", use: signaal)
        for soort in [SignaalStap.Soort.terugkoppeling, .agendering, .afsluiting, .escalatie] {
            s.post(":nummer", PathComponent(stringLiteral: Self.pad(soort))) { req async throws -> SignaalDTO in
                let door = try meldpunt(req)
                return try await req.signaalregister.zetStap(try nummer(req), soort, req.content.decode(SignaalStapInvoer.self), door: door)
            }
        }
        s.post(":nummer", "zaken", use: koppelZaak)
        s.put(":nummer", "kennis", use: kennis)

        let o = routes.grouped("ontvangen-signalen")
        o.get(use: ontvangen)
        o.get(":nummer", use: ontvangenSignaal)
        o.post(":nummer", "antwoorden", use: antwoord)
    }

    /// The path segment of a step: plural, as the resource it adds to.
    static func pad(_ soort: SignaalStap.Soort) -> String {
        switch soort {
        case .terugkoppeling: "terugkoppelingen"
        case .agendering: "agenderingen"
        case .afsluiting: "afsluitingen"
        case .escalatie: "escalaties"
        case .antwoord: "antwoorden"
        }
    }

    private func meldpunt(_ req: Request) throws -> Handelende { Handelende(organisatie: try req.vereisOrganisatie(.meldpunt)) }
    private func kandidaatId(_ req: Request) throws -> UUID { try req.uuid("kandidaatId", .kandidaat) }

    private func nummer(_ req: Request) throws -> Int {
        guard let n = req.parameters.get("nummer").flatMap(Int.init), n > 0 else { throw Weigering.nietGevonden(.signaal) }
        return n
    }

    func kandidaten(req: Request) async throws -> [KandidaatDTO] {
        try await req.signaalregister.kandidaten(door: meldpunt(req))
    }

    func kandidaat(req: Request) async throws -> KandidaatDetailDTO {
        let door = try meldpunt(req)
        return try await req.signaalregister.kandidaat(try kandidaatId(req), door: door)
    }

    func bevestig(req: Request) async throws -> Response {
        let door = try meldpunt(req)
        let invoer = try req.content.decode(NieuwSignaalInvoer.self)
        let signaal = try await req.signaalregister.bevestig(try kandidaatId(req), invoer, door: door)
        return try await aangemaakt(signaal, req)
    }

    struct SamenvoegingInvoer: Content {
        var signaalNummer: Int?
    }

    func voegSamen(req: Request) async throws -> SignaalDTO {
        let door = try meldpunt(req)
        guard let n = try req.content.decode(SamenvoegingInvoer.self).signaalNummer else {
            throw Weigering.ongeldig([OngeldigeParameter(.signaalNummer, code: "required", uitleg: Tekst("Kies het signaal.", "Choose the signal."))])
        }
        return try await req.signaalregister.voegSamen(try kandidaatId(req), metSignaal: n, door: door)
    }

    func wijsAf(req: Request) async throws -> HTTPStatus {
        let door = try meldpunt(req)
        try await req.signaalregister.wijsAf(try kandidaatId(req), door: door)
        return .noContent
    }

    func signalen(req: Request) async throws -> [SignaalSamenvattingDTO] {
        let door = try meldpunt(req)
        var status: SignaalStatus?
        if let raw = req.queryWaarde("status") {
            guard let s = SignaalStatus(rawValue: raw) else {
                throw Problem.ongeldig([.init(api: "status", code: "enum", reason: "Een van: \(SignaalStatus.allCases.map(\.rawValue).joined(separator: ", ")).")])
            }
            status = s
        }
        return try await req.signaalregister.signalen(status: status, door: door)
    }

    func nieuw(req: Request) async throws -> Response {
        let door = try meldpunt(req)
        return try await aangemaakt(try await req.signaalregister.nieuwSignaal(req.content.decode(NieuwSignaalInvoer.self), door: door), req)
    }

    private func aangemaakt(_ signaal: SignaalDTO, _ req: Request) async throws -> Response {
        let response = try await signaal.encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: signaal.href.pad)
        return response
    }

    func signaal(req: Request) async throws -> SignaalDTO {
        try await req.signaalregister.signaal(nummer(req), door: meldpunt(req))
    }

    struct ZaakInvoer: Content {
        /// A melding's case number or a terugmelding's reference.
        var kenmerk: String?
    }

    func koppelZaak(req: Request) async throws -> SignaalDTO {
        let door = try meldpunt(req)
        return try await req.signaalregister.koppelZaak(nummer(req), kenmerk: req.content.decode(ZaakInvoer.self).kenmerk, door: door)
    }

    func kennis(req: Request) async throws -> SignaalDTO {
        let door = try meldpunt(req)
        return try await req.signaalregister.legKennisVast(nummer(req), req.content.decode(KennisInvoer.self), door: door)
    }

    func ontvangen(req: Request) async throws -> [SignaalSamenvattingDTO] {
        try await req.signaalregister.signalenVoorPartner(door: Handelende(organisatie: req.vereisOrganisatie()))
    }

    func ontvangenSignaal(req: Request) async throws -> PartnerSignaalDTO {
        try await req.signaalregister.signaalVoorPartner(nummer(req), door: Handelende(organisatie: req.vereisOrganisatie()))
    }

    func antwoord(req: Request) async throws -> PartnerSignaalDTO {
        let door = Handelende(organisatie: try req.vereisOrganisatie())
        return try await req.signaalregister.beantwoord(nummer(req), req.content.decode(SignaalStapInvoer.self), door: door)
    }
}
