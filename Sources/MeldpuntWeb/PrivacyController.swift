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
