import MeldpuntHTTP
import MeldpuntCore
import MeldpuntDomain
import Fluent
import Vapor

/// The steps after a correct password: the second factor, replacing a first password, setting
/// up a second factor where the role needs one. Only after the last step is there a session.
/// Between steps the state travels in a sealed cookie that lives ten minutes.
struct InlogstappenController: RouteCollection {
    static let geldigheid: TimeInterval = 10 * 60

    func boot(routes: any RoutesBuilder) throws {
        let i = routes.grouped("inloggen")
        i.get("code", use: code)
        i.post("code", use: controleerCode)
        i.get("wachtwoord", use: wachtwoord)
        i.post("wachtwoord", use: zetWachtwoord)
        i.get("tweestaps", use: tweestaps)
        i.post("tweestaps", use: activeerTweestaps)
    }

    static func stap(_ req: Request, _ g: Gebruiker, _ v: Inlogvoortgang) -> Inlogstap {
        Accounts.volgendeStap(g, v, ontwikkeling: req.application.environment == .development)
    }

    /// After the password (and after each step): on to the next step, or the session.
    static func verder(_ req: Request, _ g: Gebruiker, _ v: Inlogvoortgang) async throws -> Response {
        let stap = stap(req, g, v)
        guard stap == .klaar else {
            let response = req.redirect(to: "/inloggen/\(stap.rawValue)", redirectType: .normal)
            response.zet(.inlogstap, try Verzegeld.sluit(v, req.application.geheimen.inlogstap), req, sameSite: .strict, maxAge: Int(geldigheid))
            return response
        }
        let token = try await startSessie(req, g)
        let response = req.redirect(to: v.terug, redirectType: .normal)
        zetSessie(token, req, response)
        return response
    }

    /// A new session id at every login (no fixation); the old one, if any, ends. The page of this
    /// very response already shows the user, with the new session's form token.
    @discardableResult
    static func startSessie(_ req: Request, _ g: Gebruiker) async throws -> String {
        let nu = req.application.klok.nu()
        if let oud = req.cookie(.sessie) { try await Gebruikers.beeindigSessie(oud, on: req.db) }
        let token = try await Gebruikers.nieuweSessie(voor: g, nu: nu, on: req.db)
        _ = try await g.$organisatie.get(on: req.db)
        req.gebruiker = try Gebruikers.dto(g)
        req.csrfToken = WebMiddleware.csrfToken(sessie: token, req.application)
        req.logger.info("Ingelogd", metadata: ["gebruiker": .string(g.id?.uuidString ?? "")])
        return token
    }

    static func zetSessie(_ token: String, _ req: Request, _ response: Response) {
        response.zet(.sessie, token, req)
        response.zet(.inlogstap, nil, req)
        // A fresh anonymous form token too, for after logging out.
        response.zet(.csrf, Sleutels.willekeurig(32), req, sameSite: .strict)
    }

    /// The login in progress, or back to the login page when it expired or was never started.
    private func voortgang(_ req: Request) async throws -> (Gebruiker, Inlogvoortgang)? {
        guard let waarde = req.cookie(.inlogstap),
              let v = try Verzegeld.open(waarde, Inlogvoortgang.self, req.application.geheimen.inlogstap),
              v.tot > req.application.klok.nu(),
              let g = try await Gebruiker.find(v.gebruiker, on: req.db), g.actief
        else { return nil }
        return (g, v)
    }

    private func opnieuw(_ req: Request) -> Response {
        let response = req.redirect(to: "/inloggen?verlopen=1", redirectType: .normal)
        response.zet(.inlogstap, nil, req)
        return response
    }

    // MARK: Second factor

    private func codeStap(_ req: Request, fout: Weigering? = nil) async throws -> Response {
        let t = Teksten.voor(req.taal)
        var stap = AccountStap(kop: t.tekst("tweestapsCodeTitel"), uitleg: [t.tekst("tweestapsCodeUitleg")], actie: "/inloggen/code",
                               velden: [AccountStap.codeVeld(t, herstel: true)], knop: t.tekst("inloggen"))
        if let fout { stap.fout(fout, t, taal: req.taal) }
        return try await req.accountStap(stap, titel: "tweestapsCodeTitel",
                                         status: fout == AccountFout.teVeelCodepogingen.weigering ? .tooManyRequests : fout == nil ? .ok : .badRequest)
    }

    func code(req: Request) async throws -> Response {
        guard let (_, v) = try await voortgang(req), !v.factor else { return opnieuw(req) }
        return try await codeStap(req)
    }

    func controleerCode(req: Request) async throws -> Response {
        guard let (g, v) = try await voortgang(req), !v.factor else { return opnieuw(req) }
        struct Invoer: Content { var code: String? }
        let code = try req.content.decode(Invoer.self).code ?? ""
        let nu = req.application.klok.nu()
        do {
            // A recovery code used is audited with it.
            try await Accounts.controleerTweedeFactor(g, invoer: code, sleutel: req.application.geheimen.tweeStaps, nu: nu, on: req.db)
        } catch let f as Weigering where f.velden != nil {
            req.logger.notice("Onjuiste tweestapscode", metadata: ["gebruiker": .string(g.id?.uuidString ?? "")])
            return try await codeStap(req, fout: code.isEmpty ? AccountFout.codeOnjuist.weigering : f)
        }
        var verder = v
        verder.factor = true
        return try await Self.verder(req, g, verder)
    }

    // MARK: A first password replaced

    private func wachtwoordStap(_ req: Request, invoer: [String: String?] = [:], fout: Weigering? = nil) async throws -> Response {
        let t = Teksten.voor(req.taal)
        var stap = AccountStap(kop: t.tekst("nieuwWachtwoordTitel"), uitleg: [t.tekst("nieuwWachtwoordUitleg")], actie: "/inloggen/wachtwoord",
                               velden: AccountStap.nieuwWachtwoord(t, metHuidig: false), knop: t.tekst("wachtwoordOpslaan"))
        if !invoer.isEmpty { stap.verplicht(invoer, t) }
        if let fout, stap.fouten.isEmpty { stap.fout(fout, t, taal: req.taal) }
        return try await req.accountStap(stap, titel: "nieuwWachtwoordTitel", status: stap.fouten.isEmpty ? .ok : .badRequest)
    }

    func wachtwoord(req: Request) async throws -> Response {
        guard let (g, v) = try await voortgang(req), Self.stap(req, g, v) == .wachtwoord else { return opnieuw(req) }
        return try await wachtwoordStap(req)
    }

    struct WachtwoordInvoer: Content { var huidig: String?; var nieuw: String?; var herhaal: String? }

    func zetWachtwoord(req: Request) async throws -> Response {
        guard let (g, v) = try await voortgang(req), Self.stap(req, g, v) == .wachtwoord else { return opnieuw(req) }
        let invoer = try req.content.decode(WachtwoordInvoer.self)
        guard let nieuw = invoer.nieuw, !nieuw.isEmpty, let herhaal = invoer.herhaal, !herhaal.isEmpty else {
            return try await wachtwoordStap(req, invoer: ["nieuw": invoer.nieuw, "herhaal": invoer.herhaal])
        }
        do {
            try await Accounts.zetWachtwoord(g, nieuw: nieuw, herhaal: herhaal, behoudSessie: nil, hasher: req.application.wachtwoorden,
                                             threadPool: req.application.threadPool, nu: req.application.klok.nu(), on: req.db)
        } catch let f as Weigering where f.velden != nil {
            return try await wachtwoordStap(req, fout: f)
        }
        return try await Self.verder(req, g, v)
    }

    // MARK: Setting up the second factor

    func tweestaps(req: Request) async throws -> Response {
        guard let (g, v) = try await voortgang(req), Self.stap(req, g, v) == .tweestaps else { return opnieuw(req) }
        return try await req.tweestapsInstellen(g, actie: "/inloggen/tweestaps")
    }

    /// Turned on: the session starts and the recovery codes are shown, this once.
    func activeerTweestaps(req: Request) async throws -> Response {
        guard let (g, v) = try await voortgang(req), Self.stap(req, g, v) == .tweestaps else { return opnieuw(req) }
        switch try await req.activeerTweestaps(g, actie: "/inloggen/tweestaps") {
        case .opnieuw(let pagina): return pagina
        case .aan(let codes):
            let t = Teksten.voor(req.taal)
            let token = try await Self.startSessie(req, g)
            let response = try await req.accountStap(AccountStap(kop: t.tekst("tweestapsAanTitel"), uitleg: [t.tekst("tweestapsAanUitleg")],
                                                                 codes: codes, verder: v.terug), titel: "tweestapsAanTitel")
            Self.zetSessie(token, req, response)
            return response
        }
    }
}
