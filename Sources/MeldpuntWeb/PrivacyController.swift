import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// The privacy statement and the register of processing activities, for everyone, in the
/// reader's language; linked from every page's footer, the consent text and every mail.
struct PrivacyController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("privacy", use: verklaring)
        routes.get("privacy", "verwerkingsactiviteiten", use: register)
        routes.get("privacy", "inzage", use: inzageFormulier)
        routes.post("privacy", "inzage", use: inzage)
        routes.post("privacy", "inzage.json", use: inzageJSON)
    }

    // MARK: Inzage on a written request (the privacy role)

    struct InzageInvoer: Content { var bsn: String?; var email: String? }

    /// The form, and under it the result with the same fields as the melder's inzage page (one
    /// partial shows both).
    struct InzageZoekpagina: Encodable, Sendable {
        let bsn: String
        let email: String
        let fouten: [String: String]
        let samenvatting: [VeldFout]
        let gezocht: Bool
        let leeg: Bool
        let opgesteldOp: String
        let zaken: [Inzagepagina.Zaak]
        let terugmeldingen: [Inzagepagina.Zaak]
        let verwerkingen: [Inzagepagina.Verwerking]

        init(bsn: String, email: String, fouten: [String: String], samenvatting: [VeldFout], resultaat: Inzagepagina?) {
            self.bsn = bsn
            self.email = email
            self.fouten = fouten
            self.samenvatting = samenvatting
            gezocht = resultaat != nil
            zaken = resultaat?.zaken ?? []
            terugmeldingen = resultaat?.terugmeldingen ?? []
            verwerkingen = resultaat?.verwerkingen ?? []
            leeg = zaken.isEmpty && terugmeldingen.isEmpty && verwerkingen.isEmpty
            opgesteldOp = resultaat?.opgesteldOp ?? ""
        }
    }

    func inzageFormulier(req: Request) async throws -> Response {
        _ = try req.vereisGebruiker(.privacy)
        return try await req.pagina("privacy-inzage", titel: "inzageZoekenTitel",
                                    inhoud: InzageZoekpagina(bsn: "", email: "", fouten: [:], samenvatting: [], resultaat: nil))
    }

    /// The answer is shown, not redirected to: the BSN never goes into a URL. A search changes
    /// nothing but the processing log, which records each export.
    func inzage(req: Request) async throws -> Response {
        let g = try req.vereisGebruiker(.privacy)
        let invoer = try req.content.decode(InzageInvoer.self)
        do {
            let overzicht = try await zoek(req, g, invoer)
            return try await req.pagina("privacy-inzage", titel: "inzageZoekenTitel", inhoud: InzageZoekpagina(
                bsn: invoer.bsn ?? "", email: invoer.email ?? "", fouten: [:], samenvatting: [],
                resultaat: Inzagepagina(overzicht, taal: req.taal, terug: nil, download: "")))
        } catch let p as Weigering where p.hoortBijFormulier {
            let t = Teksten.voor(req.taal)
            let fouten = Formulierfouten(p, taal: req.taal, voorvoegsel: "") { ["bsn": t["inzageBSN"], "email": t["emailadres"]][$0] ?? nil }
            return try await req.pagina("privacy-inzage", titel: "inzageZoekenTitel", inhoud: InzageZoekpagina(
                bsn: invoer.bsn ?? "", email: invoer.email ?? "", fouten: fouten.velden, samenvatting: fouten.lijst, resultaat: nil), status: .badRequest)
        }
    }

    func inzageJSON(req: Request) async throws -> Response {
        let g = try req.vereisGebruiker(.privacy)
        do {
            return try Inzagepagina.download(try await zoek(req, g, try req.content.decode(InzageInvoer.self)))
        } catch let p as Weigering where p.hoortBijFormulier {
            return try await inzage(req: req)
        }
    }

    private func zoek(_ req: Request, _ g: GebruikerDTO, _ invoer: InzageInvoer) async throws -> InzageDTO {
        let (bsn, email) = try Inzage.zoekvraag(bsn: invoer.bsn, email: invoer.email)
        return try await Inzage(db: req.db, pseudoniemen: req.application.pseudoniemen, traceID: req.traceID, nu: req.application.klok.nu())
            .voorBetrokkene(bsn: bsn, email: email, door: .medewerker(organisatie: g.organisatie.id, gebruiker: g.id))
    }

    struct Activiteit: Encodable, Sendable {
        let id: String
        let versie: Int
        let geldigVanaf: String
        let naam: String
        let doel: String
        let grondslag: String
        let betrokkenen: String
        let gegevens: [String]
        let ontvangers: String
        let bewaartermijn: String
        let adres: String

        init(_ a: Verwerkingsactiviteit, taal: Taal, publiekeUrl: String) {
            let nl = taal == .nl
            id = a.id
            versie = a.versie
            geldigVanaf = a.geldigVanaf
            naam = nl ? a.naam.nl : a.naam.en
            doel = nl ? a.doel.nl : a.doel.en
            grondslag = nl ? a.grondslag.nl : a.grondslag.en
            betrokkenen = nl ? a.betrokkenen.nl : a.betrokkenen.en
            gegevens = nl ? a.gegevens.nl : a.gegevens.en
            ontvangers = nl ? a.ontvangers.nl : a.ontvangers.en
            bewaartermijn = nl ? a.bewaartermijn.nl : a.bewaartermijn.en
            adres = Verwerkingsregister.adres(a.id, publiekeUrl: publiekeUrl)
        }
    }

    struct PrivacyPagina: Encodable, Sendable {
        let fgEmail: String?
        let contact: String?
        let activiteiten: [Activiteit]
    }

    private func inhoud(_ req: Request) -> PrivacyPagina {
        let i = req.application.instellingen
        return PrivacyPagina(fgEmail: i.fgEmail, contact: req.application.contactbron.huidig.regel(req.taal),
                             activiteiten: Verwerkingsregister.standaard.activiteiten.map { Activiteit($0, taal: req.taal, publiekeUrl: i.publiekeUrl) })
    }

    func verklaring(req: Request) async throws -> Response {
        try await req.pagina("privacy", titel: "privacyTitel", inhoud: inhoud(req))
    }

    func register(req: Request) async throws -> Response {
        try await req.pagina("verwerkingsactiviteiten", titel: "verwerkingsactiviteitenTitel", inhoud: inhoud(req))
    }
}
