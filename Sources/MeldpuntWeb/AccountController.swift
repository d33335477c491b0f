import MeldpuntHTTP
import MeldpuntCore
import MeldpuntDomain
import Fluent
import Vapor

/// Home, accessibility statement, login/logout and the language switch.
struct AccountController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: home)
        routes.get("toegankelijkheid", use: toegankelijkheid)
        routes.get("inloggen", use: inlogformulier)
        routes.post("inloggen", use: inloggen)
        routes.post("uitloggen", use: uitloggen)
        routes.post("taal", use: taal)
    }

    func home(req: Request) async throws -> Response {
        try await req.pagina("home", titel: "homeTitel")
    }

    func toegankelijkheid(req: Request) async throws -> Response {
        try await req.pagina("toegankelijkheid", titel: "toegankelijkheid")
    }

    func inlogformulier(req: Request) async throws -> Response {
        if req.gebruiker != nil { return req.redirect(to: "/portaal", redirectType: .normal) }
        let terug = req.veiligTerugpad(try? req.query.get(String.self, at: "terug"))
        let verlopen = req.sessieVerlopen || req.queryWaarde("verlopen") != nil
        return try await req.pagina("inloggen", titel: "inloggen", inhoud: InlogFormulier(terug: terug == "/" ? "/portaal" : terug),
                                    melding: verlopen ? "sessieVerlopen" : nil)
    }

    struct InlogInvoer: Content {
        var email: String?
        var wachtwoord: String?
        var terug: String?
    }

    func inloggen(req: Request) async throws -> Response {
        let invoer = try req.content.decode(InlogInvoer.self)
        let t = Teksten.voor(req.taal)
        var formulier = InlogFormulier(email: invoer.email ?? "", terug: req.veiligTerugpad(invoer.terug))
        if (invoer.email ?? "").isEmpty { formulier.fouten.append(VeldFout(veld: "email", label: t.tekst("email"), tekst: t.tekst("veldVerplicht"))) }
        if (invoer.wachtwoord ?? "").isEmpty { formulier.fouten.append(VeldFout(veld: "wachtwoord", label: t.tekst("wachtwoord"), tekst: t.tekst("veldVerplicht"))) }
        guard formulier.fouten.isEmpty else {
            return try await req.pagina("inloggen", titel: "inloggen", inhoud: formulier, status: .badRequest)
        }
        let nu = req.application.klok.nu()
        guard let dto = try await Gebruikers.controleer(email: invoer.email!, wachtwoord: invoer.wachtwoord!,
                                                       adres: Snelheidsbegrenzer.adres(req, vertrouwProxy: req.application.instellingen.vertrouwProxy),
                                                       hasher: req.application.wachtwoorden, threadPool: req.application.threadPool,
                                                       nu: nu, logger: req.logger, on: req.db),
              let gebruiker = try await Gebruiker.find(dto.id, on: req.db)
        else {
            formulier.fout = t["inloggenMislukt"]
            return try await req.pagina("inloggen", titel: "inloggen", inhoud: formulier, status: .unauthorized)
        }
        return try await InlogstappenController.verder(req, gebruiker, Inlogvoortgang(
            gebruiker: dto.id, tot: nu.addingTimeInterval(InlogstappenController.geldigheid), terug: formulier.terug, factor: false))
    }

    func uitloggen(req: Request) async throws -> Response {
        if let token = req.cookie(.sessie) { try await Gebruikers.beeindigSessie(token, on: req.db) }
        req.gebruiker = nil
        let response = try await req.pagina("inloggen", titel: "inloggen", inhoud: InlogFormulier(), melding: "uitgelogd")
        response.zet(.sessie, nil, req)
        return response
    }

    struct TaalInvoer: Content {
        var naar: String?
        var terug: String?
    }

    func taal(req: Request) async throws -> Response {
        let invoer = try req.content.decode(TaalInvoer.self)
        let taal = invoer.naar.flatMap(Taal.init(rawValue:)) ?? .nl
        let response = req.redirect(to: req.veiligTerugpad(invoer.terug), redirectType: .normal)
        response.zet(.taal, taal.rawValue, req, maxAge: 365 * 24 * 3600)
        // The language of the user's notification mail follows the one they chose last.
        if let g = req.gebruiker {
            try await Gebruiker.query(on: req.db).filter(\.$id == g.id).set(\.$taal, to: taal).update()
        }
        return response
    }

}

/// One field error: shown in the summary at the top (linking to the field) and next to the field.
struct VeldFout: Codable, Sendable {
    let veld: String
    let label: String
    let tekst: String
}
