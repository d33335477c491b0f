import MeldpuntCore
import MeldpuntDomain
import Fluent
import Foundation
import Testing
import Vapor
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntAPI
@testable import MeldpuntWeb

/// A browser-like client: keeps cookies, reads the CSRF token from forms, sends forms.
final class Browser: @unchecked Sendable {
    let t: TestApp
    var cookies: [String: String] = [:]
    /// Each cookie's Path: sent only to that path and below, as a browser does.
    var cookiePaden: [String: String] = [:]
    var csrf = ""

    init(_ t: TestApp) { self.t = t }

    private func verwerk(_ r: TestResponse) -> TestResponse {
        for header in r.headers[canonicalForm: "set-cookie"] {
            let paar = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let naam = String(paar[0]), waarde = paar.count > 1 ? String(paar[1]) : ""
            if header.contains("Max-Age=0") || waarde.isEmpty { cookies.removeValue(forKey: naam) } else { cookies[naam] = waarde }
            let pad = header.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.first { $0.lowercased().hasPrefix("path=") }.map { String($0.dropFirst(5)) }
            cookiePaden[naam] = pad ?? "/"
        }
        if let bereik = r.tekst.range(of: #"name="_csrf" value="([^"]*)""#, options: .regularExpression) {
            csrf = String(r.tekst[bereik].split(separator: "\"")[3])
        }
        return r
    }

    private func cookieHeader(_ url: String) -> HTTPHeaders {
        let pad = String(url.split(separator: "?", maxSplits: 1).first ?? "")
        let mee = cookies.filter { naam, _ in
            let p = cookiePaden[naam] ?? "/"
            return p == "/" || pad == p || pad.hasPrefix(p.hasSuffix("/") ? p : p + "/")
        }
        return mee.isEmpty ? [:] : ["Cookie": mee.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")]
    }

    func get(_ pad: String) async throws -> TestResponse {
        verwerk(try await t.request(.GET, pad, headers: cookieHeader(pad)))
    }

    /// Follows a redirect as a browser does (POST → redirect → GET); any other answer as it is.
    func volg(_ r: TestResponse) async throws -> TestResponse {
        guard r.status == .seeOther || r.status == .found, let pad = r.headers.first(name: .location) else { return r }
        return try await get(pad)
    }

    func post(_ pad: String, _ velden: [String: String], csrf eigen: String? = nil) async throws -> TestResponse {
        var alle = velden.map { ($0.key, $0.value) }
        alle.append(("_csrf", eigen ?? csrf))
        return try await postVelden(pad, alle, metCsrf: false)
    }

    /// The hidden fields of the page's form, as a browser sends them back (the token added on posting).
    static func verborgenVelden(_ html: String) -> [(String, String)] {
        let patroon = try! NSRegularExpression(pattern: #"<input type="hidden" name="([^"]*)" value="([^"]*)">"#)
        func tekst(_ s: String) -> String {
            s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&#x27;", with: "'")
                .replacingOccurrences(of: "&#43;", with: "+").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
        return patroon.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { m in
            let naam = String(html[Range(m.range(at: 1), in: html)!])
            return naam == "_csrf" ? nil : (naam, tekst(String(html[Range(m.range(at: 2), in: html)!])))
        }
    }

    /// A form with repeated fields (checkboxes), in this order.
    func postVelden(_ pad: String, _ velden: [(String, String)], metCsrf: Bool = true) async throws -> TestResponse {
        let alle = metCsrf ? velden + [("_csrf", csrf)] : velden
        let veilig = CharacterSet.alphanumerics
        let body = alle.map { "\($0.0.addingPercentEncoding(withAllowedCharacters: veilig) ?? "")=\($0.1.addingPercentEncoding(withAllowedCharacters: veilig) ?? "")" }.joined(separator: "&")
        return verwerk(try await t.request(.POST, pad, headers: cookieHeader(pad), body: Data(body.utf8), contentType: "application/x-www-form-urlencoded"))
    }

    /// A multipart form with files, as a browser sends a form with enctype="multipart/form-data".
    func postMultipart(_ pad: String, _ velden: [String: String], bestanden: [(veld: String, naam: String, data: Data)]) async throws -> TestResponse {
        try await postMultipart(pad, velden.map { ($0.key, $0.value) }, bestanden: bestanden)
    }

    /// The same with repeated fields (lists), in this order.
    func postMultipart(_ pad: String, _ velden: [(String, String)], bestanden: [(veld: String, naam: String, data: Data)]) async throws -> TestResponse {
        let grens = "----meldpunt\(UUID().uuidString)"
        var body = Data()
        let alle = velden + [("_csrf", csrf)]
        for (k, v) in alle {
            body.append(Data("--\(grens)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n".utf8))
        }
        for b in bestanden {
            body.append(Data("--\(grens)\r\nContent-Disposition: form-data; name=\"\(b.veld)\"; filename=\"\(b.naam)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
            body.append(b.data)
            body.append(Data("\r\n".utf8))
        }
        body.append(Data("--\(grens)--\r\n".utf8))
        return verwerk(try await t.request(.POST, pad, headers: cookieHeader(pad), body: body, contentType: "multipart/form-data; boundary=\(grens)"))
    }

    @discardableResult
    /// Logs in as a person would, with the code from their authenticator app where they have one.
    func login(_ email: String, _ wachtwoord: String = "een-lang-wachtwoord") async throws -> TestResponse {
        _ = try await get("/inloggen")
        var r = try await post("/inloggen", ["email": email, "wachtwoord": wachtwoord, "terug": "/portaal"])
        if r.status == .seeOther, r.headers.first(name: .location) == "/inloggen/code" {
            _ = try await get("/inloggen/code")
            r = try await post("/inloggen/code", ["code": try await t.totpCode(email)])
        }
        // Follow the redirect as a browser would: that page carries the token rotated at login.
        if r.status == .seeOther, let pad = r.headers.first(name: .location) { _ = try await get(pad) }
        return r
    }
}

extension TestApp {
    /// Mira, meldpunt staff, logged in in a browser of her own.
    func medewerker() async throws -> Browser {
        try await gebruiker("mira@meldpunt.nl", rol: .meldpunt, oin: TestApp.meldpuntOIN)
        let b = Browser(self)
        try await b.login("mira@meldpunt.nl")
        return b
    }

    /// A user as beheer would leave them after their first login: own password, and a second
    /// factor where the role needs one (its secret kept here, as the user's phone would).
    @discardableResult
    func gebruiker(_ email: String, rol: GebruikersRol, gemeentecode: String? = nil, oin: String? = nil) async throws -> Gebruiker {
        let org = try await Organisaties.zoek(oin: oin, gemeentecode: gemeentecode, on: app.db)
        let g = try await Gebruikers.voegToe(email: email, naam: "Test \(rol.rawValue)", organisatie: org, rol: rol,
                                             wachtwoord: "een-lang-wachtwoord", moetWijzigen: false, hasher: app.wachtwoorden, on: app.db)
        if Accounts.tweestapsVerplicht(g, ontwikkeling: false) { try await zetTweestapsAan(g) }
        return g
    }

    func zetTweestapsAan(_ g: Gebruiker) async throws {
        let geheim = Totp.nieuwGeheim()
        telefoons.withLock { $0[g.email] = geheim }
        _ = try await Accounts.activeerTweestaps(g, geheim: geheim, code: Totp(geheim: geheim).code(stap: Totp.stap(klok.nu)),
                                                 sleutel: app.geheimen.tweeStaps, nu: klok.nu, on: app.db)
    }

    /// The code the user's app shows: a step not used before (the clock moves on 30 seconds
    /// when the current steps are used up, as it would between real logins).
    func totpCode(_ email: String) async throws -> String {
        let geheim = try #require(telefoons.withLock { $0[email.lowercased()] })
        let g = try #require(try await Gebruiker.query(on: app.db).filter(\.$email == email.lowercased()).first())
        var stap = Totp.stap(klok.nu) - 1
        if let laatste = g.tweestapsLaatsteStap, laatste >= stap {
            stap = laatste + 1
            if stap > Totp.stap(klok.nu) + 1 { klok.zet(klok.nu.addingTimeInterval(30)) }
        }
        return Totp(geheim: geheim).code(stap: stap)
    }
}

@Suite("Portalen: inloggen, sessies, CSRF, taal")
struct WebTests {
    @Test func inloggenEnUitloggen() async throws {
        try await metApp { t in
            try await t.gebruiker("bijhouder@amsterdam.nl", rol: .bijhouder, gemeentecode: "0363")
            let b = Browser(t)
            let formulier = try await b.get("/inloggen")
            #expect(formulier.status == .ok)
            #expect(formulier.tekst.contains("<label for=\"email\">E-mailadres</label>"))
            #expect(formulier.tekst.contains("<label for=\"wachtwoord\">Wachtwoord</label>"))
            let r = try await b.login("Bijhouder@Amsterdam.nl")
            #expect(r.status == .seeOther)
            #expect(r.headers.first(name: .location) == "/portaal")
            let sessieCookie = try #require(r.headers[canonicalForm: "set-cookie"].first { $0.hasPrefix("meldpunt_sessie=") })
            #expect(sessieCookie.contains("HttpOnly") && sessieCookie.contains("SameSite=Lax"))
            let portaal = try await b.get("/portaal")
            #expect(portaal.status == .ok)
            #expect(portaal.tekst.contains("Gemeente Amsterdam"))
            // Only the hash of the session token is stored.
            let token = try #require(b.cookies["meldpunt_sessie"])
            #expect(try await Sessie.find(token, on: t.app.db) == nil)
            #expect(try await Sessie.find(Sleutels.sha256Hex(Data(token.utf8)), on: t.app.db) != nil)

            let uit = try await b.post("/uitloggen", [:])
            #expect(uit.status == .ok)
            #expect(try await Sessie.query(on: t.app.db).count() == 0)
            #expect(try await b.get("/portaal").status == .seeOther)
        }
    }

    @Test func foutmeldingVerteltNietWatFoutWas() async throws {
        try await metApp { t in
            try await t.gebruiker("a@belastingdienst.nl", rol: .afnemer, oin: "00000001003214345000")
            let fout = try await Browser(t).login("a@belastingdienst.nl", "verkeerd-wachtwoord")
            let onbekend = try await Browser(t).login("niemand@nergens.nl", "verkeerd-wachtwoord")
            #expect(fout.status == .unauthorized && onbekend.status == .unauthorized)
            let melding = "horen niet bij elkaar"
            #expect(fout.tekst.contains(melding) && onbekend.tekst.contains(melding))
            // One row per account and one per client address for each failure.
            #expect(try await MisluktePoging.query(on: t.app.db).filter(\.$sleutel !~ "adres:").count() == 2)
            #expect(try await MisluktePoging.query(on: t.app.db).filter(\.$sleutel =~ "adres:").count() == 2)
            // Empty fields: a summary linking to each field, and the message next to it.
            let leeg = try await Browser(t).login("", "")
            #expect(leeg.status == .badRequest)
            #expect(leeg.tekst.contains("href=\"#email\"") && leeg.tekst.contains("href=\"#wachtwoord\""))
            #expect(leeg.tekst.contains("aria-invalid=\"true\" aria-describedby=\"email-fout\""))
        }
    }

    @Test func sessieVerlooptNaInactiviteitEnNa12Uur() async throws {
        try await metApp { t in
            try await t.gebruiker("b@amsterdam.nl", rol: .bijhouder, gemeentecode: "0363")
            let b = Browser(t)
            try await b.login("b@amsterdam.nl")
            let start = t.klok.nu
            // Active every 20 minutes: stays logged in past the 30-minute idle limit…
            for i in 1...3 {
                t.klok.zet(start.addingTimeInterval(Double(i) * 20 * 60))
                #expect(try await b.get("/portaal").status == .ok, "na \(i * 20) minuten")
            }
            // …but 31 idle minutes end it.
            t.klok.zet(start.addingTimeInterval(60 * 60 + 31 * 60))
            let verlopen = try await b.get("/portaal")
            #expect(verlopen.status == .seeOther)
            #expect(verlopen.headers.first(name: .location)?.hasPrefix("/inloggen") == true)

            // Never longer than 12 hours, however active.
            try await b.login("b@amsterdam.nl")
            let login = t.klok.nu
            for uur in stride(from: 0.25, through: 11.75, by: 0.25) {
                t.klok.zet(login.addingTimeInterval(uur * 3600))
                _ = try await b.get("/portaal")
            }
            t.klok.zet(login.addingTimeInterval(12 * 3600 + 60))
            #expect(try await b.get("/portaal").status == .seeOther)
        }
    }

    @Test func herhaaldeMisluktePogingenWordenVertraagd() async throws {
        try await metApp { t in
            try await t.gebruiker("f@amsterdam.nl", rol: .bijhouder, gemeentecode: "0363")
            for _ in 0..<5 { #expect(try await Browser(t).login("f@amsterdam.nl", "fout-wachtwoord").status == .unauthorized) }
            let start = ContinuousClock.now
            #expect(try await Browser(t).login("f@amsterdam.nl", "fout-wachtwoord").status == .unauthorized)
            #expect(ContinuousClock.now - start >= .seconds(1))
            // The real user still gets in (slowed down, not locked out), and success clears the count.
            #expect(try await Browser(t).login("f@amsterdam.nl").status == .seeOther)
            #expect(try await MisluktePoging.query(on: t.app.db).filter(\.$sleutel !~ "adres:").count() == 0)
        }
    }

    @Test func uitgezetteGebruikerIsMeteenUitgelogd() async throws {
        try await metApp { t in
            let g = try await t.gebruiker("c@amsterdam.nl", rol: .bijhouder, gemeentecode: "0363")
            let b = Browser(t)
            try await b.login("c@amsterdam.nl")
            #expect(try await b.get("/portaal").status == .ok)
            try await Gebruikers.zetUit(g, on: t.app.db)
            #expect(try await b.get("/portaal").status == .seeOther)
            #expect(try await Browser(t).login("c@amsterdam.nl").status == .unauthorized)
        }
    }

    @Test func sessieWordtBijInloggenVernieuwd() async throws {
        try await metApp { t in
            try await t.gebruiker("d@amsterdam.nl", rol: .bijhouder, gemeentecode: "0363")
            let b = Browser(t)
            try await b.login("d@amsterdam.nl")
            let eerste = try #require(b.cookies["meldpunt_sessie"])
            _ = try await b.get("/portaal")   // picks up the token rotated at login
            let opnieuw = try await b.post("/inloggen", ["email": "d@amsterdam.nl", "wachtwoord": "een-lang-wachtwoord"])
            #expect(opnieuw.status == .seeOther)
            let tweede = try #require(b.cookies["meldpunt_sessie"])
            #expect(eerste != tweede)
            #expect(try await Sessie.query(on: t.app.db).count() == 1)
        }
    }

    @Test func formulierZonderGeldigCsrfTokenWordtGeweigerd() async throws {
        try await metApp { t in
            try await t.gebruiker("e@amsterdam.nl", rol: .bijhouder, gemeentecode: "0363")
            let b = Browser(t)
            _ = try await b.get("/inloggen")
            let zonder = try await b.post("/inloggen", ["email": "e@amsterdam.nl", "wachtwoord": "een-lang-wachtwoord"], csrf: "")
            #expect(zonder.status == .forbidden)
            let vals = try await b.post("/inloggen", ["email": "e@amsterdam.nl", "wachtwoord": "een-lang-wachtwoord"], csrf: String(repeating: "x", count: 43))
            #expect(vals.status == .forbidden)
            #expect(try await Sessie.query(on: t.app.db).count() == 0)
            // A cross-site POST has no CSRF cookie at all.
            let vreemd = Browser(t)
            #expect(try await vreemd.post("/uitloggen", [:], csrf: b.csrf).status == .forbidden)
        }
    }

    @Test func taalkeuzeWordtOnthouden() async throws {
        try await metApp { t in
            let b = Browser(t)
            let nl = try await b.get("/")
            #expect(nl.tekst.contains("<html lang=\"nl\">"))
            let wissel = try await b.post("/taal", ["naar": "en", "terug": "/toegankelijkheid"])
            #expect(wissel.headers.first(name: .location) == "/toegankelijkheid")
            let en = try await b.get("/toegankelijkheid")
            #expect(en.tekst.contains("<html lang=\"en\">"))
            #expect(en.tekst.contains("Accessibility statement"))
            #expect(try await b.get("/inloggen").tekst.contains("Email address"))
            // Never sends anyone to another site.
            let weg = try await b.post("/taal", ["naar": "nl", "terug": "//evil.example/"])
            #expect(weg.headers.first(name: .location) == "/")
        }
    }

    @Test func beveiligingskoppenOpPaginas() async throws {
        try await metApp { t in
            for pad in ["/", "/inloggen", "/toegankelijkheid", "/bestaat-niet"] {
                let r = try await t.get(pad)
                let csp = r.headers.first(name: "Content-Security-Policy") ?? ""
                #expect(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"), "\(pad)")
                #expect(r.headers.first(name: "Referrer-Policy") == "no-referrer")
                #expect(r.headers.first(name: "X-Frame-Options") == "DENY")
                #expect(r.headers.first(name: "Cache-Control") == "no-store")
                #expect(!r.tekst.contains("<script>") && !r.tekst.contains("style=\""))
            }
            let nietGevonden = try await t.get("/bestaat-niet")
            #expect(nietGevonden.status == .notFound)
            #expect(nietGevonden.headers.first(name: .contentType)?.hasPrefix("text/html") == true)
            #expect(try await t.get("/css/meldpunt.css").status == .ok)
        }
    }

    @Test func nietIngelogdNaarInloggenMetTerugweg() async throws {
        try await metApp { t in
            let r = try await t.get("/portaal")
            #expect(r.status == .seeOther)
            #expect(r.headers.first(name: .location) == "/inloggen?terug=/portaal")
        }
    }

    @Test func gebruikerViaCLI() async throws {
        try await metApp { t in
            await #expect(throws: Weigering.self) {
                // Amsterdam is a bronhouder, not an afnemer.
                try await Gebruikers.voegToe(email: "x@amsterdam.nl", naam: "X", organisatie: Organisaties.zoek(oin: nil, gemeentecode: "0363", on: t.app.db),
                                             rol: .afnemer, wachtwoord: "een-lang-wachtwoord", hasher: t.app.wachtwoorden, on: t.app.db)
            }
            await #expect(throws: Weigering.self) {
                try await t.gebruiker("kort@amsterdam.nl", rol: .bijhouder, gemeentecode: "0363").wachtwoordHash
                try await Gebruikers.voegToe(email: "y@amsterdam.nl", naam: "Y", organisatie: Organisaties.zoek(oin: nil, gemeentecode: "0363", on: t.app.db),
                                             rol: .bijhouder, wachtwoord: "kort", hasher: t.app.wachtwoorden, on: t.app.db)
            }
            let g = try #require(try await Gebruiker.query(on: t.app.db).filter(\.$email == "kort@amsterdam.nl").first())
            #expect(g.wachtwoordHash.hasPrefix("$2"))
            #expect(!g.wachtwoordHash.contains("een-lang-wachtwoord"))
            _ = try await t.cli(["user", "disable", "--email", "kort@amsterdam.nl"])
            #expect(try await Gebruiker.find(g.id, on: t.app.db)?.actief == false)
        }
    }
}
