import MeldpuntHTTP
import MeldpuntCore
import MeldpuntDomain
import Fluent
import Vapor

/// One step of a login or of the account page: a heading, explanation, perhaps a key or
/// recovery codes to copy, and one small form. One template for all of them.
struct AccountStap: Encodable, Sendable {
    struct Veld: Encodable, Sendable {
        let naam: String
        let label: String
        var type = "password"
        var autocomplete = "off"
        var invoermodus = "text"
        var hint: String?
        var fout: String?
    }

    struct Verborgen: Encodable, Sendable { let naam: String; let waarde: String }

    var kop: String
    var uitleg: [String] = []
    var fouten: [VeldFout] = []
    var sleutel: String?
    var sleutelLink: String?
    var codes: [String] = []
    var verder: String?
    var actie: String?
    var verborgen: [Verborgen] = []
    var velden: [Veld] = []
    var knop = ""
    var links: [Keuze] = []
    var andereActies: [Keuze] = []
    /// How the user gets notification mail (on the account overview only).
    var bezorging: [Keuze] = []
    /// A choice that is not one of the two offered.
    var bezorgingFout: String?

    /// Puts a rejection next to its field and in the summary.
    mutating func fout(_ w: Weigering, _ t: [String: String], taal: Taal) {
        for f in w.velden ?? [OngeldigeParameter(.geheel, code: w.code, uitleg: Tekst(w.uitleg(.nl), w.uitleg(.en)))] {
            let tekst = f.reden(taal)
            let naam = f.veld.formulierveld
            for i in velden.indices where velden[i].naam == naam { velden[i].fout = tekst }
            let label = velden.first { $0.naam == naam }?.label ?? t.tekst("inloggen")
            fouten.append(VeldFout(veld: naam, label: label, tekst: tekst))
        }
    }

    mutating func verplicht(_ invoer: [String: String?], _ t: [String: String]) {
        for i in velden.indices where (invoer[velden[i].naam] ?? nil)?.isEmpty ?? true {
            velden[i].fout = t["veldVerplicht"]
            fouten.append(VeldFout(veld: velden[i].naam, label: velden[i].label, tekst: t.tekst("veldVerplicht")))
        }
    }

    static func nieuwWachtwoord(_ t: [String: String], metHuidig: Bool) -> [Veld] {
        (metHuidig ? [Veld(naam: "huidig", label: t.tekst("huidigWachtwoord"), autocomplete: "current-password")] : []) + [
            Veld(naam: "nieuw", label: t.tekst("nieuwWachtwoord"), autocomplete: "new-password", hint: t["nieuwWachtwoordHint"]),
            Veld(naam: "herhaal", label: t.tekst("herhaalWachtwoord"), autocomplete: "new-password"),
        ]
    }

    static func codeVeld(_ t: [String: String], herstel: Bool) -> Veld {
        Veld(naam: "code", label: t.tekst("tweestapsCode"), type: "text", autocomplete: "one-time-code", invoermodus: herstel ? "text" : "numeric",
             hint: t[herstel ? "tweestapsCodeHint" : "tweestapsCodeInstellenHint"])
    }
}

/// The secret being set up travels sealed in the form, bound to the user: it is stored only
/// once a code from the app proves it was copied correctly.
struct NieuwTweestapsGeheim: Codable, Sendable {
    let gebruiker: UUID
    let geheim: Data
}

enum TweestapsUitkomst {
    case aan(herstelcodes: [String])
    /// The form again, with what was wrong.
    case opnieuw(Response)
}

extension Request {
    func accountStap(_ stap: AccountStap, titel: String, status: HTTPResponseStatus = .ok, melding: String? = nil) async throws -> Response {
        try await pagina("account-stap", titel: titel, inhoud: stap, melding: melding, status: status)
    }

    /// The enrolment page: a new secret for this user, to type or open in an authenticator app.
    func tweestapsInstellen(_ g: Gebruiker, actie: String, fout: Weigering? = nil, geheim bestaand: Data? = nil) async throws -> Response {
        let t = Teksten.voor(taal)
        let geheim = bestaand ?? Totp.nieuwGeheim()
        var stap = AccountStap(kop: t.tekst("tweestapsInstellenTitel"), uitleg: [t.tekst("tweestapsInstellenUitleg1"), t.tekst("tweestapsInstellenUitleg2")])
        stap.sleutel = Base32.inGroepen(Base32.codeer(geheim))
        stap.sleutelLink = Totp.uri(geheim: geheim, account: g.email)
        stap.actie = actie
        stap.verborgen = [.init(naam: "geheim", waarde: try Verzegeld.sluit(NieuwTweestapsGeheim(gebruiker: try g.requireID(), geheim: geheim), application.geheimen.tweeStaps))]
        stap.velden = [AccountStap.codeVeld(t, herstel: false)]
        stap.knop = t.tekst("tweestapsAanzetten")
        if let fout { stap.fout(fout, t, taal: taal) }
        return try await accountStap(stap, titel: "tweestapsInstellenTitel", status: fout == nil ? .ok : .badRequest)
    }

    /// Checks the code against the sealed secret of the form and turns the second factor on.
    func activeerTweestaps(_ g: Gebruiker, actie: String) async throws -> TweestapsUitkomst {
        struct Invoer: Content { var geheim: String?; var code: String? }
        let invoer = try content.decode(Invoer.self)
        guard let verzegeld = invoer.geheim, let nieuw = try Verzegeld.open(verzegeld, NieuwTweestapsGeheim.self, application.geheimen.tweeStaps),
              nieuw.gebruiker == g.id
        else { return .opnieuw(try await tweestapsInstellen(g, actie: actie)) }
        do {
            let codes = try await Accounts.activeerTweestaps(g, geheim: nieuw.geheim, code: invoer.code ?? "", sleutel: application.geheimen.tweeStaps,
                                                            nu: application.klok.nu(), on: db)
            return .aan(herstelcodes: codes)
        } catch let f as Weigering where f.velden != nil {
            return .opnieuw(try await tweestapsInstellen(g, actie: actie, fout: f, geheim: nieuw.geheim))
        }
    }
}
