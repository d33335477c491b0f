import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// `/beheer/contactgegevens`: beheer of the meldpunt sets how people reach it — phone, hours,
/// postal address, e-mail — shown on every citizen page, letter and mail (issue 30).
struct ContactgegevensWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("beheer", "contactgegevens", use: toon)
        routes.post("beheer", "contactgegevens", use: wijzig)
    }

    private func beheerder(_ req: Request) throws -> GebruikerDTO {
        let g = try req.vereisGebruiker(.beheerder, .systeembeheerder)
        guard g.rol == .systeembeheerder || g.organisatie.heeft(.meldpunt) else { throw Weigering.geenToegang(.rolOntbreekt(.meldpunt)) }
        return g
    }

    struct Formulier: MeldpuntWeb.Formulier {
        var telefoon, bereikbaarNl, bereikbaarEn, postadres, email: String?
    }

    struct Pagina: Encodable, Sendable {
        let waarden: [String: String]
        let fouten: [VeldFout]
        let foutVelden: [String: String]
        let voorbeeld: String
        let gedaan: Bool
    }

    private func pagina(_ req: Request, waarden: [String: String], fouten: Weigering? = nil, gedaan: Bool = false) async throws -> Response {
        let t = Teksten.voor(req.taal)
        let veldFouten = fouten.map { Formulierfouten($0, taal: req.taal, voorvoegsel: "contact") { t["contactVeld_\($0)"] }.lijst } ?? []
        return try await req.pagina("beheer-contactgegevens", titel: "contactgegevensTitel", inhoud: Pagina(
            waarden: waarden, fouten: veldFouten, foutVelden: Dictionary(veldFouten.map { ($0.veld, $0.tekst) }, uniquingKeysWith: { a, _ in a }),
            voorbeeld: req.application.contactbron.huidig.regel(req.taal) ?? t.tekst("contactGeen"), gedaan: gedaan),
            status: fouten == nil ? .ok : .badRequest)
    }

    func toon(req: Request) async throws -> Response {
        _ = try beheerder(req)
        let c = req.application.contactbron.huidig
        return try await pagina(req, waarden: [
            "contactTelefoon": c.telefoon ?? "", "contactBereikbaarNl": c.bereikbaar?.nl ?? "", "contactBereikbaarEn": c.bereikbaar?.en ?? "",
            "contactPostadres": c.postadres.joined(separator: "\n"), "contactEmail": c.email ?? "",
        ], gedaan: req.queryWaarde("gedaan") != nil)
    }

    func wijzig(req: Request) async throws -> Response {
        let g = try beheerder(req)
        let f = try req.content.decode(Formulier.self)
        do {
            _ = try await req.application.contactbron.wijzig(MeldpuntcontactInvoer(telefoon: f.telefoon, bereikbaarNl: f.bereikbaarNl, bereikbaarEn: f.bereikbaarEn,
                                                                                  postadres: f.postadres, email: f.email),
                                                             door: g, nu: req.application.klok.nu(), on: req.db)
        } catch let w as Weigering where w.hoortBijFormulier {
            return try await pagina(req, waarden: Dictionary(f.ingevuld.map { ("contact" + $0.key.prefix(1).uppercased() + $0.key.dropFirst(), $0.value) }, uniquingKeysWith: { a, _ in a }),
                                    fouten: w)
        }
        return req.redirect(to: "/beheer/contactgegevens?gedaan=1", redirectType: .normal)
    }
}
