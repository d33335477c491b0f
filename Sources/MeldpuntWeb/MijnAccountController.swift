import MeldpuntHTTP
import MeldpuntCore
import Fluent
import MeldpuntDomain
import Vapor

/// A user's own account: change the password, set up or renew the second factor and its
/// recovery codes, switch it off where the role allows.
struct MijnAccountController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let a = routes.grouped("account")
        a.get(use: overzicht)
        a.post("wachtwoord", use: wijzigWachtwoord)
        a.post("bezorging", use: bewaarBezorging)
        a.get("tweestaps", use: tweestaps)
        a.post("tweestaps", use: activeerTweestaps)
        a.post("herstelcodes", use: herstelcodes)
        a.get("tweestaps", "uit", use: tweestapsUitFormulier)
        a.post("tweestaps", "uit", use: zetTweestapsUit)
    }

    private func gebruiker(_ req: Request) async throws -> Gebruiker {
        let dto = try req.vereisGebruiker()
        guard let g = try await Gebruiker.find(dto.id, on: req.db) else { throw WebFout.nietIngelogd }
        return g
    }

    private func overzichtStap(_ req: Request, _ g: Gebruiker, fout: Weigering? = nil, invoer: [String: String?] = [:]) async throws -> AccountStap {
        let t = Teksten.voor(req.taal)
        var uitleg: [String]
        var links: [Keuze] = []
        var acties: [Keuze] = []
        if g.tweestapsGeheim != nil {
            let over = try await Accounts.ongebruikteHerstelcodes(g, on: req.db)
            uitleg = [t.tekst("tweestapsStaatAan"), String(format: t.tekst("herstelcodesOver"), over)]
            acties.append(Keuze(waarde: "/account/herstelcodes", naam: t.tekst("herstelcodesVernieuwen")))
            if !Accounts.tweestapsVerplicht(g, ontwikkeling: req.application.environment == .development) {
                links.append(Keuze(waarde: "/account/tweestaps/uit", naam: t.tekst("tweestapsUitzetten")))
            }
        } else {
            uitleg = [t.tekst("tweestapsStaatUit")]
            links.append(Keuze(waarde: "/account/tweestaps", naam: t.tekst("tweestapsInstellenTitel")))
        }
        var stap = AccountStap(kop: t.tekst("mijnAccount"), uitleg: [String(format: t.tekst("accountVan"), g.email)] + uitleg,
                               actie: "/account/wachtwoord", velden: AccountStap.nieuwWachtwoord(t, metHuidig: true),
                               knop: t.tekst("wachtwoordWijzigen"), links: links, andereActies: acties)
        stap.bezorging = Keuze.bezorging(g.bezorging, t)
        if !invoer.isEmpty { stap.verplicht(invoer, t) }
        if let fout, stap.fouten.isEmpty { stap.fout(fout, t, taal: req.taal) }
        return stap
    }

    struct BezorgingInvoer: Content { var bezorging: String? }

    /// Each notification at once, or one summary each working morning.
    func bewaarBezorging(req: Request) async throws -> Response {
        let g = try await gebruiker(req)
        // Only the two offered values; anything else leaves the choice as it was.
        guard let keuze = try req.content.decode(BezorgingInvoer.self).bezorging.flatMap(Bezorgwijze.init(rawValue:)) else {
            let t = Teksten.voor(req.taal)
            var stap = try await overzichtStap(req, g)
            stap.bezorgingFout = t.tekst("bezorgingKies")
            stap.fouten = [VeldFout(veld: "bezorging-direct", label: t.tekst("bezorgingVraag"), tekst: t.tekst("bezorgingKies"))]
            return try await req.accountStap(stap, titel: "mijnAccount", status: .badRequest)
        }
        g.bezorging = keuze
        try await g.save(on: req.db)
        return req.redirect(to: "/account?gedaan=bezorging", redirectType: .normal)
    }

    func overzicht(req: Request) async throws -> Response {
        let g = try await gebruiker(req)
        let gedaan = req.queryWaarde("gedaan").flatMap { ["wachtwoord", "tweestapsUit", "bezorging"].contains($0) ? "accountGedaan_" + $0 : nil }
        return try await req.accountStap(try await overzichtStap(req, g), titel: "mijnAccount", melding: gedaan)
    }

    /// Needs the current password; every other session of the user ends.
    func wijzigWachtwoord(req: Request) async throws -> Response {
        let g = try await gebruiker(req)
        let invoer = try req.content.decode(InlogstappenController.WachtwoordInvoer.self)
        let velden = ["huidig": invoer.huidig, "nieuw": invoer.nieuw, "herhaal": invoer.herhaal]
        guard velden.values.allSatisfy({ !($0 ?? "").isEmpty }) else {
            return try await req.accountStap(try await overzichtStap(req, g, invoer: velden), titel: "mijnAccount", status: .badRequest)
        }
        do {
            try await Accounts.controleerHuidig(g, invoer.huidig!, hasher: req.application.wachtwoorden, threadPool: req.application.threadPool)
            try await Accounts.zetWachtwoord(g, nieuw: invoer.nieuw!, herhaal: invoer.herhaal!, behoudSessie: req.cookie(.sessie),
                                             hasher: req.application.wachtwoorden, threadPool: req.application.threadPool,
                                             nu: req.application.klok.nu(), on: req.db)
        } catch let f as Weigering where f.velden != nil {
            return try await req.accountStap(try await overzichtStap(req, g, fout: f), titel: "mijnAccount", status: .badRequest)
        }
        return req.redirect(to: "/account?gedaan=wachtwoord", redirectType: .normal)
    }

    func tweestaps(req: Request) async throws -> Response {
        let g = try await gebruiker(req)
        guard g.tweestapsGeheim == nil else { return req.redirect(to: "/account", redirectType: .normal) }
        return try await req.tweestapsInstellen(g, actie: "/account/tweestaps")
    }

    func activeerTweestaps(req: Request) async throws -> Response {
        let g = try await gebruiker(req)
        guard g.tweestapsGeheim == nil else { return req.redirect(to: "/account", redirectType: .normal) }
        switch try await req.activeerTweestaps(g, actie: "/account/tweestaps") {
        case .opnieuw(let pagina): return pagina
        case .aan(let codes): return try await toonCodes(req, codes, kop: "tweestapsAanTitel", uitleg: "tweestapsAanUitleg")
        }
    }

    /// New codes replace every old one; shown this once.
    func herstelcodes(req: Request) async throws -> Response {
        let g = try await gebruiker(req)
        guard g.tweestapsGeheim != nil else { return req.redirect(to: "/account", redirectType: .normal) }
        let codes = try await Accounts.nieuweHerstelcodes(g, nu: req.application.klok.nu(), on: req.db)
        return try await toonCodes(req, codes, kop: "herstelcodesNieuwTitel", uitleg: "herstelcodesNieuwUitleg")
    }

    private func toonCodes(_ req: Request, _ codes: [String], kop: String, uitleg: String) async throws -> Response {
        let t = Teksten.voor(req.taal)
        return try await req.accountStap(AccountStap(kop: t[kop]!, uitleg: [t[uitleg]!], codes: codes, verder: "/account"), titel: kop)
    }

    private func uitStap(_ req: Request, fout: Weigering? = nil, leeg: Bool = false) async throws -> Response {
        let t = Teksten.voor(req.taal)
        var stap = AccountStap(kop: t.tekst("tweestapsUitzetten"), uitleg: [t.tekst("tweestapsUitUitleg")], actie: "/account/tweestaps/uit",
                               velden: [AccountStap.Veld(naam: "huidig", label: t.tekst("huidigWachtwoord"), autocomplete: "current-password")],
                               knop: t.tekst("tweestapsUitzetten"))
        if leeg { stap.verplicht(["huidig": ""], t) }
        if let fout { stap.fout(fout, t, taal: req.taal) }
        return try await req.accountStap(stap, titel: "tweestapsUitzetten", status: stap.fouten.isEmpty ? .ok : .badRequest)
    }

    /// Only where the role does not need a second factor.
    private func magUitzetten(_ req: Request, _ g: Gebruiker) -> Bool {
        g.tweestapsGeheim != nil && !Accounts.tweestapsVerplicht(g, ontwikkeling: req.application.environment == .development)
    }

    func tweestapsUitFormulier(req: Request) async throws -> Response {
        let g = try await gebruiker(req)
        guard magUitzetten(req, g) else { throw WebFout.geenToegang }
        return try await uitStap(req)
    }

    func zetTweestapsUit(req: Request) async throws -> Response {
        let g = try await gebruiker(req)
        guard magUitzetten(req, g) else { throw WebFout.geenToegang }
        struct Invoer: Content { var huidig: String? }
        guard let huidig = try req.content.decode(Invoer.self).huidig, !huidig.isEmpty else { return try await uitStap(req, leeg: true) }
        do {
            try await Accounts.controleerHuidig(g, huidig, hasher: req.application.wachtwoorden, threadPool: req.application.threadPool)
        } catch let f as Weigering where f.velden != nil {
            return try await uitStap(req, fout: f)
        }
        try await Accounts.zetTweestapsUit(g, nu: req.application.klok.nu(), on: req.db)
        return req.redirect(to: "/account?gedaan=tweestapsUit", redirectType: .normal)
    }
}
