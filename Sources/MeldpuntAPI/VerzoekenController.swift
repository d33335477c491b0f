import MeldpuntHTTP
import MeldpuntCore
import MeldpuntDomain
import Vapor

/// `/api/v1/verzoeken`: a partner organisation's own systems answer the meldpunt's requests.
/// Only requests addressed to the caller's organisation exist here; any other id is a 404.
struct VerzoekenController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let v = routes.grouped("verzoeken")
        v.get(use: lijst)
        v.get(":verzoekId", use: detail)
        v.post(":verzoekId", "statuswijzigingen", use: statuswijziging)
        v.post(":verzoekId", "berichten", use: bericht)
        v.put(":verzoekId", "termijn", use: termijn)
        v.post(":verzoekId", "opheffingen", use: opheffing)
        v.post(":verzoekId", "escalaties", use: escaleer)
        v.post(":verzoekId", "escalatie-afwijzingen", use: wijsEscalatieAf)
        v.on(.POST, ":verzoekId", "bijlagen", body: .collect(maxSize: TerugmeldingenController.maxBody), use: nieuweBijlage)
        v.get(":verzoekId", "bijlagen", ":bijlageId", use: bijlage)
    }

    private func partner(_ req: Request) throws -> Handelende { Handelende(organisatie: try req.vereisOrganisatie(.partner)) }
    private func id(_ req: Request) throws -> UUID { try req.uuid("verzoekId", .verzoek) }

    func lijst(req: Request) async throws -> Response {
        let door = try partner(req)
        var fouten: [OngeldigeParameter] = []
        let paginering = Paginering(req, fouten: &fouten)
        var open = false
        if let raw = req.queryWaarde("open") {
            if let b = Bool(raw) { open = b } else { fouten.append(.init(api: "open", code: "boolean", reason: "true of false.")) }
        }
        guard fouten.isEmpty else { throw Problem.ongeldig(fouten) }
        let (items, totaal) = try await req.meldingen.partnerportaal.verzoekenVoorPartner(alleenOpen: open, pagina: paginering.pagina, grootte: paginering.grootte, door: door)
        return try await paginering.antwoord(items, totaal: totaal, req)
    }

    func detail(req: Request) async throws -> PartnerVerzoekDTO {
        let door = try partner(req)
        return try await req.meldingen.partnerportaal.verzoekVoorPartner(try id(req), door: door)
    }

    func statuswijziging(req: Request) async throws -> PartnerVerzoekDTO {
        let door = try partner(req)
        let invoer = try req.content.decode(VerzoekStatuswijzigingInvoer.self)
        return try await req.meldingen.partnerportaal.wijzigVerzoekStatus(try id(req), invoer, door: door)
    }

    func bericht(req: Request) async throws -> PartnerVerzoekDTO {
        let door = try partner(req)
        let tekst = try req.content.decode(TekstInvoer.self).tekst
        return try await req.meldingen.partnerportaal.schrijfAanMeldpunt(try id(req), tekst: tekst, door: door)
    }

    func escaleer(req: Request) async throws -> PartnerVerzoekDTO {
        let door = try partner(req)
        let reden = try req.content.decode(RedenInvoer.self).reden
        return try await req.meldingen.partnerportaal.escaleer(try id(req), reden: reden, door: door)
    }

    func wijsEscalatieAf(req: Request) async throws -> PartnerVerzoekDTO {
        let door = try partner(req)
        let reden = try req.content.decode(RedenInvoer.self).reden
        return try await req.meldingen.partnerportaal.wijsEscalatieAf(try id(req), reden: reden, door: door)
    }

    func termijn(req: Request) async throws -> PartnerVerzoekDTO {
        let door = try partner(req)
        let invoer = try req.content.decode(TermijnInvoer.self)
        return try await req.meldingen.partnerportaal.stelTermijnVoor(try id(req), invoer, door: door)
    }

    struct OpheffingInvoer: Content { var toelichting: String? }

    func opheffing(req: Request) async throws -> PartnerVerzoekDTO {
        let door = try partner(req)
        let toelichting = try req.content.decode(OpheffingInvoer.self).toelichting
        return try await req.meldingen.partnerportaal.hefOpschortingOp(try id(req), toelichting: toelichting, door: door)
    }

    func nieuweBijlage(req: Request) async throws -> Response {
        let door = try partner(req)
        let v = try req.content.decode(VerzoekBijlageInvoer.self)
        guard let inhoud = v.inhoud, let data = Data(base64Encoded: inhoud) else {
            throw Problem.ongeldig("inhoud", v.inhoud == nil ? "required" : "base64", "Stuur het bestand als base64.")
        }
        let antwoord = try await req.meldingen.partnerportaal.voegBijlageToe(try id(req), bestandsnaam: v.bestandsnaam, data: data, door: door)
        return try await antwoord.encodeResponse(status: .created, for: req)
    }

    func bijlage(req: Request) async throws -> Response {
        let door = try partner(req)
        let (naam, mime, data) = try await req.meldingen.partnerportaal.verzoekBijlageVoorPartner(try id(req), try req.uuid("bijlageId", .bijlage), door: door)
        return Response.download(naam, mime, data)
    }
}

/// The meldpunt's side of requests, under a case; and all suspensions at once.
struct MeldingVerzoekenController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let m = routes.grouped("meldingen", ":zaaknummer")
        m.post("verzoeken", use: nieuw)
        m.get("verzoeken", ":verzoekId", use: detail)
        m.post("verzoeken", ":verzoekId", "berichten", use: bericht)
        m.post("verzoeken", ":verzoekId", "verslagen", use: verslag)
        m.put("verzoeken", ":verzoekId", "termijn", use: termijn)
        m.post("verzoeken", ":verzoekId", "escalaties", use: escaleerVerzoek)
        m.post("verzoeken", ":verzoekId", "escalatie-afwijzingen", use: wijsEscalatieAf)
        m.put("verzoeken", ":verzoekId", "opschortingsbesluit", use: opschortingsbesluit)
        m.get("verzoeken", ":verzoekId", "bijlagen", ":bijlageId", use: bijlage)
        m.post("escalaties", use: escaleerMelding)
        m.on(.POST, "terugmeldingen", body: .collect(maxSize: TerugmeldingenController.maxBody), use: terugmelding)
        routes.get("opschortingen", use: opschortingen)
    }

    private func medewerker(_ req: Request) throws -> Handelende { Handelende(organisatie: try req.vereisOrganisatie(.meldpunt)) }
    private func zaaknummer(_ req: Request) throws -> Zaaknummer {
        if (req.parameters.get("zaaknummer") ?? "").hasPrefix("_") { throw AndereBron() }
        return try req.zaaknummer()
    }
    private func id(_ req: Request) throws -> UUID { try req.uuid("verzoekId", .verzoek) }

    private func aangemaakt(_ v: VerzoekDTO, _ z: Zaaknummer, _ req: Request) async throws -> Response {
        let response = try await v.encodeResponse(status: .created, for: req)
        response.headers.replaceOrAdd(name: .location, value: "/api/v1/meldingen/\(z)/verzoeken/\(v.id)")
        return response
    }

    func nieuw(req: Request) async throws -> Response {
        let door = try medewerker(req)
        let invoer = try req.content.decode(NieuwVerzoekInvoer.self)
        let z = try zaaknummer(req)
        return try await aangemaakt(try await req.meldingen.verzoeken.nieuwVerzoek(z, invoer, door: door), z, req)
    }

    func detail(req: Request) async throws -> VerzoekDTO {
        let door = try medewerker(req)
        return try await req.meldingen.verzoeken.verzoekVoorMeldpunt(try zaaknummer(req), try id(req), door: door)
    }

    func bericht(req: Request) async throws -> VerzoekDTO {
        let door = try medewerker(req)
        let tekst = try req.content.decode(TekstInvoer.self).tekst
        return try await req.meldingen.verzoeken.schrijfAanPartner(try zaaknummer(req), try id(req), tekst: tekst, door: door)
    }

    func verslag(req: Request) async throws -> VerzoekDTO {
        let door = try medewerker(req)
        let tekst = try req.content.decode(TekstInvoer.self).tekst
        return try await req.meldingen.verzoeken.schrijfAanPartner(try zaaknummer(req), try id(req), tekst: tekst, verslag: true, door: door)
    }

    func termijn(req: Request) async throws -> VerzoekDTO {
        let door = try medewerker(req)
        let invoer = try req.content.decode(TermijnInvoer.self)
        return try await req.meldingen.verzoeken.zetTermijn(try zaaknummer(req), try id(req), invoer, door: door)
    }

    func escaleerVerzoek(req: Request) async throws -> VerzoekDTO {
        let door = try medewerker(req)
        let reden = try req.content.decode(RedenInvoer.self).reden
        return try await req.meldingen.verzoeken.escaleerVerzoek(try zaaknummer(req), try id(req), reden: reden, door: door)
    }

    func wijsEscalatieAf(req: Request) async throws -> VerzoekDTO {
        let door = try medewerker(req)
        let reden = try req.content.decode(RedenInvoer.self).reden
        return try await req.meldingen.verzoeken.wijsEscalatieAf(try zaaknummer(req), try id(req), reden: reden, door: door)
    }

    func escaleerMelding(req: Request) async throws -> MeldingDetailDTO {
        let door = try medewerker(req)
        let reden = try req.content.decode(RedenInvoer.self).reden
        return try await req.meldingen.verzoeken.escaleerMelding(try zaaknummer(req), reden: reden, door: door)
    }

    struct TerugmeldingVanuitMelding: Content {
        var terugmelding: TerugmeldingInvoer?
        var vraag: String?
        var gedeeldeGegevens: [String]?
    }

    func terugmelding(req: Request) async throws -> Response {
        let door = try medewerker(req)
        let v = try req.content.decode(TerugmeldingVanuitMelding.self)
        let z = try zaaknummer(req)
        guard let tm = v.terugmelding else { throw Problem.ongeldig("terugmelding", "required", "Geef de terugmelding.") }
        let verzoek = try await req.coordinatie.terugmeldingVanuitMelding(z, tm, vraag: v.vraag, gedeeld: v.gedeeldeGegevens, door: door)
        return try await aangemaakt(verzoek, z, req)
    }

    func bijlage(req: Request) async throws -> Response {
        let door = try medewerker(req)
        let (naam, mime, data) = try await req.meldingen.verzoeken.verzoekBijlageVoorMeldpunt(try zaaknummer(req), try id(req), try req.uuid("bijlageId", .bijlage), door: door)
        return Response.download(naam, mime, data)
    }

    func opschortingsbesluit(req: Request) async throws -> VerzoekDTO {
        let door = try medewerker(req)
        return try await req.meldingen.verzoeken.besluitOverOpschorting(try zaaknummer(req), try id(req), req.content.decode(OpschortingBesluitInvoer.self), door: door)
    }

    func opschortingen(req: Request) async throws -> [OpschortingRegelDTO] {
        var actief = false
        if let raw = req.queryWaarde("actief") {
            guard let b = Bool(raw) else { throw Problem.ongeldig("actief", "boolean", "true of false.") }
            actief = b
        }
        return try await req.meldingen.verzoeken.opschortingen(alleenActief: actief, door: medewerker(req))
    }
}
