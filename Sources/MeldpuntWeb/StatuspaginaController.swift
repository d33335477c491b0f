import MeldpuntHTTP
import MeldpuntCore
import MeldpuntDomain
import Vapor

/// The melder's private status page, reached by the link with the token.
struct StatuspaginaController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("status", "kwijt", use: kwijt)
        routes.post("status", "kwijt", use: stuurNieuweLink)
        routes.get("status", ":token", use: toon)
        routes.post("status", ":token", "berichten", use: bericht)
        routes.get("status", ":token", "intrekken", use: intrekkenVraag)
        routes.post("status", ":token", "intrekken", use: intrekken)
        routes.upload("status", ":token", "bijlagen", max: BijlageRegels.maxUploadBody, rollen: [], use: bijlage)
        routes.post("status", ":token", "beoordeling", use: beoordeling)
        routes.get("status", ":token", "inzage", use: inzage)
        routes.get("status", ":token", "inzage.json", use: inzageJSON)
    }

    // MARK: Inzage (AVG art. 15)

    func inzage(req: Request) async throws -> Response {
        try await metInzage(req) { inzage, token in
            try await req.pagina("inzage", titel: "inzageTitel", inhoud: Inzagepagina(inzage, taal: req.taal, terug: "/status/\(token)"))
        }
    }

    /// The same as data: a file the melder keeps.
    func inzageJSON(req: Request) async throws -> Response {
        try await metInzage(req) { inzage, _ in try Inzagepagina.download(inzage) }
    }

    /// The inzage behind the link, or the page that reveals nothing for an unknown one.
    private func metInzage(_ req: Request, _ toon: (InzageDTO, String) async throws -> Response) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let inzage: InzageDTO
        do {
            inzage = try await req.meldingen.melderportaal.inzage(token: token)
        } catch let p as Weigering where p.isNietGevonden {
            return try await req.pagina("status-onbekend", titel: "statusOnbekendTitel", status: .notFound)
        }
        return try await toon(inzage, token)
    }

    struct BijlageInvoer: Content { var bijlage: File? }

    func bijlage(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        do {
            let file = try req.content.decode(BijlageInvoer.self).bijlage
            try await req.meldingen.melderportaal.bijlageVanMelder(token: token, bestandsnaam: file?.filename ?? "", data: Data(buffer: file?.data ?? ByteBuffer()))
        } catch let p as Weigering where p.hoortBijFormulier {
            return try await toon(req, fouten: ["bijlage": p.velden?.first?.reden(req.taal) ?? p.uitleg(req.taal)])
        } catch let p as Weigering where p.isNietGevonden {
            return try await req.pagina("status-onbekend", titel: "statusOnbekendTitel", status: .notFound)
        }
        return req.redirect(to: "/status/\(token)?bijlage=1", redirectType: .normal)
    }

    struct BeoordelingInvoer: Content { var cijfer: String?; var opmerking: String? }

    func beoordeling(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let invoer = try req.content.decode(BeoordelingInvoer.self)
        do {
            try await req.meldingen.melderportaal.beoordeel(token: token, cijfer: invoer.cijfer, opmerking: invoer.opmerking)
        } catch let p as Weigering where p.hoortBijFormulier {
            let fouten = Dictionary((p.velden ?? [OngeldigeParameter(.cijfer, code: "conflict", uitleg: Tekst(p.uitleg(.nl), p.uitleg(.en)))]).map { ($0.veld.formulierveld, $0.reden(req.taal)) },
                                    uniquingKeysWith: { a, _ in a })
            return try await toon(req, fouten: fouten, ingevuld: ["opmerking": invoer.opmerking ?? ""])
        } catch let p as Weigering where p.isNietGevonden {
            return try await req.pagina("status-onbekend", titel: "statusOnbekendTitel", status: .notFound)
        }
        return req.redirect(to: "/status/\(token)?beoordeeld=1", redirectType: .normal)
    }

    struct BerichtInvoer: Content { var bericht: String? }

    func bericht(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let bericht = try req.content.decode(BerichtInvoer.self).bericht ?? ""
        do {
            try await req.meldingen.melderportaal.berichtVanMelder(token: token, tekst: bericht)
        } catch let p as Weigering where p.hoortBijFormulier {
            return try await toon(req, fouten: ["bericht": p.velden?.first?.reden(req.taal) ?? p.uitleg(req.taal)], ingevuld: ["bericht": bericht])
        } catch let p as Weigering where p.isNietGevonden {
            return try await req.pagina("status-onbekend", titel: "statusOnbekendTitel", status: .notFound)
        }
        return req.redirect(to: "/status/\(token)?verstuurd=1", redirectType: .normal)
    }

    // MARK: Lost link

    struct KwijtInvoer: Content { var zaaknummer: String?; var email: String? }

    func kwijt(req: Request) async throws -> Response {
        try await req.pagina("status-kwijt", titel: "linkKwijtTitel",
                             inhoud: KwijtPagina(zaaknummer: "", email: "", fouten: [:], samenvatting: [], verstuurd: req.queryWaarde("verstuurd") != nil))
    }

    func stuurNieuweLink(req: Request) async throws -> Response {
        let invoer = try req.content.decode(KwijtInvoer.self)
        do {
            try await req.meldingen.melderportaal.nieuweLinkPerMail(zaaknummer: invoer.zaaknummer, email: invoer.email)
        } catch let p as Weigering where p.hoortBijFormulier {
            let t = Teksten.voor(req.taal)
            let velden = p.velden ?? []
            let fouten = Dictionary(velden.map { ($0.veld.formulierveld, $0.reden(req.taal)) }, uniquingKeysWith: { a, _ in a })
            let samenvatting = velden.map { Foutregel(veld: $0.veld.formulierveld, tekst: (t[$0.veld.hoofdveld == .email ? "emailadres" : "zaaknummer"] ?? "") + ": " + $0.reden(req.taal)) }
            return try await req.pagina("status-kwijt", titel: "linkKwijtTitel", inhoud: KwijtPagina(
                zaaknummer: invoer.zaaknummer ?? "", email: invoer.email ?? "", fouten: fouten, samenvatting: samenvatting, verstuurd: false), status: .badRequest)
        }
        // The same answer whether or not the number and address belong together.
        return req.redirect(to: "/status/kwijt?verstuurd=1", redirectType: .normal)
    }

    func intrekkenVraag(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        _ = try await geldig(req, token)
        return try await req.pagina("status-intrekken", titel: "toestemmingIntrekken",
                                    inhoud: Intrekken(actie: "/status/\(token)/intrekken", terug: "/status/\(token)"))
    }

    func intrekken(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        do {
            try await req.coordinatie.trekToestemmingIn(token: token)
        } catch let p as Weigering where p.isNietGevonden {
            return try await req.pagina("status-onbekend", titel: "statusOnbekendTitel", status: .notFound)
        }
        return req.redirect(to: "/status/\(token)", redirectType: .normal)
    }

    private func geldig(_ req: Request, _ token: String) async throws -> MeldingService.MelderWeergave {
        do {
            return try await req.meldingen.melderportaal.voorMelder(token: token)
        } catch let p as Weigering where p.isNietGevonden {
            throw Weigering.nietGevonden(.bron)
        }
    }

    func toon(req: Request) async throws -> Response {
        try await toon(req, fouten: [:])
    }

    private func toon(_ req: Request, fouten: [String: String], ingevuld: [String: String] = [:]) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let m: MeldingService.MelderWeergave
        do {
            m = try await req.meldingen.melderportaal.voorMelder(token: token)
        } catch let p as Weigering where p.isNietGevonden {
            // The same page for an unknown, wrong or old link: it reveals nothing.
            return try await req.pagina("status-onbekend", titel: "statusOnbekendTitel", status: .notFound)
        }
        let weergave = Statuspagina.bouw(m, taal: req.taal, basis: "/status/\(token)", fouten: fouten, ingevuld: ingevuld)
        let melding = req.queryWaarde("verstuurd") != nil ? "berichtVerstuurd" : req.queryWaarde("bijlage") != nil ? "statusBijlageVerstuurd"
            : req.queryWaarde("beoordeeld") != nil ? "beoordelingDank" : nil
        return try await req.pagina("status", titel: "statusTitel", inhoud: weergave, melding: melding, status: fouten.isEmpty ? .ok : .badRequest)
    }
}
