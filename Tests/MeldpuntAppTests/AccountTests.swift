import MeldpuntCore
import MeldpuntDomain
import AsyncHTTPClient
import Fluent
import Foundation
import NIOCore
import Testing
import Vapor
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntAPI
@testable import MeldpuntWeb

@Suite("Accounts: TOTP, herstelcodes, wachtwoorden")
struct TotpTests {
    /// RFC 6238, appendix B (SHA-1, the 20-byte ASCII secret), with 8 digits as in the RFC.
    @Test(arguments: [(59, "94287082"), (1_111_111_109, "07081804"), (1_111_111_111, "14050471"),
                      (1_234_567_890, "89005924"), (2_000_000_000, "69279037"), (20_000_000_000, "65353130")])
    func rfc6238Testvectoren(tijd: Int64, verwacht: String) {
        let totp = Totp(geheim: Data("12345678901234567890".utf8))
        #expect(totp.code(stap: tijd / 30, cijfers: 8) == verwacht)
    }

    @Test func codeWerktEenStapOpzijEnNooitTweeKeer() {
        let totp = Totp(geheim: Data("12345678901234567890".utf8))
        let nu = Date(timeIntervalSince1970: 1_234_567_890)
        let stap = Totp.stap(nu)
        #expect(totp.controleer(totp.code(stap: stap), nu: nu, naStap: nil) == stap)
        #expect(totp.controleer(totp.code(stap: stap - 1), nu: nu, naStap: nil) == stap - 1)
        #expect(totp.controleer(totp.code(stap: stap - 2), nu: nu, naStap: nil) == nil)
        #expect(totp.controleer(totp.code(stap: stap), nu: nu, naStap: stap) == nil)      // used once
        #expect(totp.controleer("12345", nu: nu, naStap: nil) == nil)
        #expect(totp.controleer("１２３４５６", nu: nu, naStap: nil) == nil)                // full-width digits
    }

    @Test func base32VolgensRfc4648() {
        #expect(Base32.codeer(Data("foobar".utf8)) == "MZXW6YTBOI")
        #expect(Base32.codeer(Data("f".utf8)) == "MY")
        #expect(Base32.decodeer("mzxw 6ytb oi") == Data("foobar".utf8))
        #expect(Base32.decodeer("MZ1") == nil)
        for _ in 0..<50 {
            let d = Totp.nieuwGeheim()
            #expect(Base32.decodeer(Base32.codeer(d)) == d)
        }
    }

    @Test func herstelcodesZijnUniekEnTolerantGetypt() {
        let codes = Herstelcodes.nieuw()
        #expect(Set(codes).count == Herstelcodes.aantal)
        let c = codes[0]
        #expect(Herstelcodes.hash(c.uppercased().replacingOccurrences(of: "-", with: " ")) == Herstelcodes.hash(c))
        #expect(Herstelcodes.hash("kort") == nil)
    }

    @Test func wachtwoordregels() {
        #expect(throws: AccountFout.wachtwoordTeKort.weigering) { try Accounts.controleerNieuwWachtwoord("kort", herhaal: "kort", email: "a@b.nl") }
        let lang = String(repeating: "é", count: 40)
        #expect(throws: AccountFout.wachtwoordTeLang.weigering) { try Accounts.controleerNieuwWachtwoord(lang, herhaal: lang, email: "a@b.nl") }
        #expect(throws: AccountFout.wachtwoordIsEmail.weigering) {
            try Accounts.controleerNieuwWachtwoord("mira.meldpunt-2026!", herhaal: "mira.meldpunt-2026!", email: "mira.meldpunt@x.nl")
        }
        #expect(throws: AccountFout.wachtwoordenVerschillen.weigering) {
            try Accounts.controleerNieuwWachtwoord("een lange zin hier", herhaal: "een lange zin daar", email: "a@b.nl")
        }
        #expect(throws: Never.self) { try Accounts.controleerNieuwWachtwoord("een lange zin hier", herhaal: "een lange zin hier", email: "a@b.nl") }
    }

    @Test func tweestapsVerplichtPerRolDemoAlleenInOntwikkeling() {
        func g(_ email: String, _ rol: GebruikersRol) -> Gebruiker {
            let g = Gebruiker()
            g.email = email
            g.rol = rol
            return g
        }
        #expect(Accounts.tweestapsVerplicht(g("a@x.nl", .meldpunt), ontwikkeling: false))
        #expect(Accounts.tweestapsVerplicht(g("a@x.nl", .beheerder), ontwikkeling: true))
        #expect(Accounts.tweestapsVerplicht(g("a@x.nl", .systeembeheerder), ontwikkeling: false))
        #expect(!Accounts.tweestapsVerplicht(g("a@x.nl", .bijhouder), ontwikkeling: false))
        #expect(!Accounts.tweestapsVerplicht(g("meldpunt@demo.meldpunt.nl", .meldpunt), ontwikkeling: true))
        #expect(Accounts.tweestapsVerplicht(g("meldpunt@demo.meldpunt.nl", .meldpunt), ontwikkeling: false))
    }
}

extension TestResponse {
    var locatie: String? { headers.first(name: .location) }
}

@Suite("Accounts: inloggen in stappen, eigen account, beheer")
struct AccountWebTests {
    /// The key and the sealed secret from the enrolment page, as a user copies the key to an app.
    private func sleutel(uit pagina: TestResponse) throws -> Data {
        let tekst = pagina.tekst
        let r = try #require(tekst.range(of: #"<code id="tweestaps-sleutel">([A-Z2-7 ]+)</code>"#, options: .regularExpression))
        let code = tekst[r].replacingOccurrences(of: #"<code id="tweestaps-sleutel">"#, with: "").replacingOccurrences(of: "</code>", with: "")
        return try #require(Base32.decodeer(code))
    }

    private func herstelcodes(uit pagina: TestResponse) -> [String] {
        let regex = try! NSRegularExpression(pattern: #"<li><code>([a-z0-9]{5}-[a-z0-9]{5})</code></li>"#)
        let t = pagina.tekst
        return regex.matches(in: t, range: NSRange(t.startIndex..., in: t)).map { String(t[Range($0.range(at: 1), in: t)!]) }
    }

    @Test func meldpuntMedewerkerSteltTweestapsInBijDeEersteLogin() async throws {
        try await metApp { t in
            let org = try await Organisaties.zoek(oin: TestApp.meldpuntOIN, gemeentecode: nil, on: t.app.db)
            _ = try await Gebruikers.voegToe(email: "nieuw@meldpunt.nl", naam: "Nieuw", organisatie: org, rol: .meldpunt,
                                             wachtwoord: "een-lang-wachtwoord", moetWijzigen: false, hasher: t.app.wachtwoorden, on: t.app.db)
            let b = Browser(t)
            let r = try await b.login("nieuw@meldpunt.nl")
            #expect(r.locatie == "/inloggen/tweestaps")
            #expect(b.cookies["meldpunt_sessie"] == nil)
            // The password alone opens nothing.
            #expect(try await b.get("/meldingen").status == .seeOther)
            let pagina = try await b.get("/inloggen/tweestaps")
            #expect(pagina.tekst.contains("Tweestapsverificatie instellen"))
            let geheim = try sleutel(uit: pagina)
            let verborgen = try #require(pagina.tekst.range(of: #"name="geheim" value="([^"]+)""#, options: .regularExpression))
            let geheimVeld = String(pagina.tekst[verborgen].split(separator: "\"")[3])
            // A wrong code: the message next to the field, by its label.
            let fout = try await b.post("/inloggen/tweestaps", ["geheim": geheimVeld, "code": "000000"])
            #expect(fout.status == .badRequest)
            #expect(fout.tekst.contains("Code: Deze code klopt niet"))
            let goed = try await b.post("/inloggen/tweestaps", ["geheim": geheimVeld, "code": Totp(geheim: geheim).code(stap: Totp.stap(t.klok.nu))])
            #expect(goed.status == .ok)
            let codes = herstelcodes(uit: goed)
            #expect(codes.count == 10)
            #expect(b.cookies["meldpunt_sessie"] != nil)
            // That page already shows the user, with a form token of the new session.
            #expect(goed.tekst.contains("Uitloggen"))
            let vernieuwd = herstelcodes(uit: try await b.post("/account/herstelcodes", [:]))
            #expect(vernieuwd.count == 10)
            #expect(try await b.get("/meldingen").status == .ok)
            // Stored sealed, never the key itself; recovery codes only as hashes.
            let g = try #require(try await Gebruiker.query(on: t.app.db).filter(\.$email == "nieuw@meldpunt.nl").first())
            #expect(g.tweestapsGeheim != nil && !(g.tweestapsGeheim!.contains(Base32.codeer(geheim))))
            let hashes = try await Herstelcode.query(on: t.app.db).all().map(\.codeHash)
            #expect(hashes.count == 10 && !hashes.contains(vernieuwd[0]))
            // New codes were made above: the first ten no longer work.
            #expect(hashes.allSatisfy { h in !codes.contains { Herstelcodes.hash($0) == h } })
            #expect(try await AuditRegel.query(on: t.app.db).filter(\.$actie == "gebruiker.tweestaps.aan").count() == 1)

            // Next login: the code from the app, a recovery code once, then never again.
            let c = Browser(t)
            t.telefoons.withLock { $0["nieuw@meldpunt.nl"] = geheim }
            #expect(try await c.login("nieuw@meldpunt.nl").locatie == "/portaal")
            let d = Browser(t)
            _ = try await d.get("/inloggen")
            #expect(try await d.post("/inloggen", ["email": "nieuw@meldpunt.nl", "wachtwoord": "een-lang-wachtwoord"]).locatie == "/inloggen/code")
            #expect(try await d.post("/inloggen/code", ["code": vernieuwd[3].uppercased()]).locatie == "/")
            let e = Browser(t)
            _ = try await e.get("/inloggen")
            _ = try await e.post("/inloggen", ["email": "nieuw@meldpunt.nl", "wachtwoord": "een-lang-wachtwoord"])
            let opnieuw = try await e.post("/inloggen/code", ["code": vernieuwd[3]])
            #expect(opnieuw.status == .badRequest)
            #expect(e.cookies["meldpunt_sessie"] == nil)
        }
    }

    @Test func codesRadenLooptVast() async throws {
        try await metApp { t in
            try await t.gebruiker("mira@meldpunt.nl", rol: .meldpunt, oin: TestApp.meldpuntOIN)
            let b = Browser(t)
            _ = try await b.get("/inloggen")
            #expect(try await b.post("/inloggen", ["email": "mira@meldpunt.nl", "wachtwoord": "een-lang-wachtwoord"]).locatie == "/inloggen/code")
            for i in 0..<5 { #expect(try await b.post("/inloggen/code", ["code": String(format: "%06d", 111111 + i)]).status == .badRequest) }
            // Even the right code now waits: guessing a million codes is out of reach.
            let vast = try await b.post("/inloggen/code", ["code": try await t.totpCode("mira@meldpunt.nl")])
            #expect(vast.status == .tooManyRequests)
            #expect(vast.tekst.contains("Wacht 15 minuten"))
            #expect(b.cookies["meldpunt_sessie"] == nil)
            t.klok.zet(t.klok.nu.addingTimeInterval(16 * 60))
            #expect(try await b.login("mira@meldpunt.nl").locatie == "/portaal")
        }
    }

    @Test func inlogstapVerlooptEnIsNietTeVervalsen() async throws {
        try await metApp { t in
            try await t.gebruiker("mira@meldpunt.nl", rol: .meldpunt, oin: TestApp.meldpuntOIN)
            let b = Browser(t)
            #expect(try await b.get("/inloggen/code").locatie == "/inloggen?verlopen=1")
            b.cookies["meldpunt_inlogstap"] = "dGVzdA"
            #expect(try await b.get("/inloggen/code").locatie == "/inloggen?verlopen=1")
            _ = try await b.get("/inloggen")
            _ = try await b.post("/inloggen", ["email": "mira@meldpunt.nl", "wachtwoord": "een-lang-wachtwoord"])
            t.klok.zet(t.klok.nu.addingTimeInterval(11 * 60))
            #expect(try await b.post("/inloggen/code", ["code": try await t.totpCode("mira@meldpunt.nl")]).locatie == "/inloggen?verlopen=1")
        }
    }

    @Test func eersteWachtwoordVanBeheerWordtBijInloggenVervangen() async throws {
        try await metApp { t in
            try await t.gebruiker("beheer@amsterdam.nl", rol: .beheerder, gemeentecode: "0363")
            let org = try await Organisaties.zoek(oin: nil, gemeentecode: "0363", on: t.app.db)
            let beheer = Browser(t)
            _ = try await beheer.login("beheer@amsterdam.nl")
            let toegevoegd = try await beheer.post("/beheer/organisaties/\(org.id!.tekst)/gebruikers",
                                                   ["naam": "Bea Bijhouder", "email": "bea@amsterdam.nl", "rol": "bijhouder"])
            let r = try #require(toegevoegd.tekst.range(of: #"<code id="eenmalig">([^<]+)</code>"#, options: .regularExpression))
            let eerste = toegevoegd.tekst[r].replacingOccurrences(of: #"<code id="eenmalig">"#, with: "").replacingOccurrences(of: "</code>", with: "")

            let bea = Browser(t)
            #expect(try await bea.login("bea@amsterdam.nl", eerste).locatie == "/inloggen/wachtwoord")
            #expect(bea.cookies["meldpunt_sessie"] == nil)
            let kort = try await bea.post("/inloggen/wachtwoord", ["nieuw": "kort", "herhaal": "kort"])
            #expect(kort.status == .badRequest)
            #expect(kort.tekst.contains("Nieuw wachtwoord: Gebruik ten minste 12 tekens."))
            let leeg = try await bea.post("/inloggen/wachtwoord", ["nieuw": "", "herhaal": ""])
            #expect(leeg.tekst.contains("Herhaal het nieuwe wachtwoord: "))
            let zelfde = try await bea.post("/inloggen/wachtwoord", ["nieuw": eerste, "herhaal": eerste])
            #expect(zelfde.tekst.contains("Kies een ander wachtwoord"))
            let goed = try await bea.post("/inloggen/wachtwoord", ["nieuw": "mijn eigen lange zin", "herhaal": "mijn eigen lange zin"])
            #expect(goed.locatie == "/portaal")
            #expect(try await bea.get("/terugmeldingen").status == .ok)
            #expect(try await Browser(t).login("bea@amsterdam.nl", eerste).status == .unauthorized)
            #expect(try await Browser(t).login("bea@amsterdam.nl", "mijn eigen lange zin").locatie == "/portaal")
        }
    }

    @Test func eigenWachtwoordWijzigenBeeindigtAndereSessies() async throws {
        try await metApp { t in
            try await t.gebruiker("bram@amsterdam.nl", rol: .bijhouder, gemeentecode: "0363")
            let laptop = Browser(t), telefoon = Browser(t)
            _ = try await laptop.login("bram@amsterdam.nl")
            _ = try await telefoon.login("bram@amsterdam.nl")
            let account = try await laptop.get("/account")
            #expect(account.tekst.contains("Mijn account") && account.tekst.contains("Tweestapsverificatie staat uit"))
            let fout = try await laptop.post("/account/wachtwoord", ["huidig": "verkeerd-wachtwoord", "nieuw": "een nieuwe lange zin", "herhaal": "een nieuwe lange zin"])
            #expect(fout.status == .badRequest)
            #expect(fout.tekst.contains("Huidig wachtwoord: Dit is niet uw huidige wachtwoord."))
            let goed = try await laptop.post("/account/wachtwoord", ["huidig": "een-lang-wachtwoord", "nieuw": "een nieuwe lange zin", "herhaal": "een nieuwe lange zin"])
            #expect(goed.locatie == "/account?gedaan=wachtwoord")
            #expect(try await laptop.get("/terugmeldingen").status == .ok)
            #expect(try await telefoon.get("/terugmeldingen").status == .seeOther)
            #expect(try await AuditRegel.query(on: t.app.db).filter(\.$actie == "gebruiker.wachtwoord").count() == 1)
        }
    }

    @Test func optioneleTweestapsAanEnUit() async throws {
        try await metApp { t in
            try await t.gebruiker("bram@amsterdam.nl", rol: .bijhouder, gemeentecode: "0363")
            let b = Browser(t)
            _ = try await b.login("bram@amsterdam.nl")
            let pagina = try await b.get("/account/tweestaps")
            let geheim = try sleutel(uit: pagina)
            let verborgen = try #require(pagina.tekst.range(of: #"name="geheim" value="([^"]+)""#, options: .regularExpression))
            let veld = String(pagina.tekst[verborgen].split(separator: "\"")[3])
            let aan = try await b.post("/account/tweestaps", ["geheim": veld, "code": Totp(geheim: geheim).code(stap: Totp.stap(t.klok.nu))])
            #expect(herstelcodes(uit: aan).count == 10)
            #expect(try await b.get("/account").tekst.contains("U heeft nog 10 ongebruikte herstelcodes"))
            // Someone else's sealed secret does not fit this account.
            let nieuw = try await b.post("/account/herstelcodes", [:])
            #expect(herstelcodes(uit: nieuw).count == 10)
            #expect(try await b.post("/account/tweestaps/uit", ["huidig": "fout-wachtwoord"]).status == .badRequest)
            #expect(try await b.post("/account/tweestaps/uit", ["huidig": "een-lang-wachtwoord"]).locatie == "/account?gedaan=tweestapsUit")
            #expect(try await Herstelcode.query(on: t.app.db).count() == 0)
        }
    }

    @Test func verplichteTweestapsKanNietUit() async throws {
        try await metApp { t in
            try await t.gebruiker("mira@meldpunt.nl", rol: .meldpunt, oin: TestApp.meldpuntOIN)
            let b = Browser(t)
            _ = try await b.login("mira@meldpunt.nl")
            #expect(!(try await b.get("/account").tekst.contains("/account/tweestaps/uit")))
            #expect(try await b.post("/account/tweestaps/uit", ["huidig": "een-lang-wachtwoord"]).status == .forbidden)
        }
    }

    @Test func beheerHerstelWachtwoordEnTweestapsAlleenInEigenOrganisatie() async throws {
        try await metApp { t in
            try await t.gebruiker("beheer@meldpunt.nl", rol: .beheerder, oin: TestApp.meldpuntOIN)
            try await t.gebruiker("beheer@amsterdam.nl", rol: .beheerder, gemeentecode: "0363")
            let mira = try await t.gebruiker("mira@meldpunt.nl", rol: .meldpunt, oin: TestApp.meldpuntOIN)
            let miraBrowser = Browser(t)
            _ = try await miraBrowser.login("mira@meldpunt.nl")

            let ander = Browser(t)
            _ = try await ander.login("beheer@amsterdam.nl")
            #expect(try await ander.post("/beheer/gebruikers/\(mira.id!.tekst)/wachtwoord", [:]).status == .forbidden)
            #expect(try await ander.post("/beheer/gebruikers/\(mira.id!.tekst)/tweestaps", [:]).status == .forbidden)

            let beheer = Browser(t)
            _ = try await beheer.login("beheer@meldpunt.nl")
            let hersteld = try await beheer.post("/beheer/gebruikers/\(mira.id!.tekst)/tweestaps", [:])
            #expect(hersteld.status == .seeOther)
            #expect(try await miraBrowser.get("/meldingen").status == .seeOther)     // logged out
            let r = try await beheer.post("/beheer/gebruikers/\(mira.id!.tekst)/wachtwoord", [:])
            let bereik = try #require(r.tekst.range(of: #"<code id="eenmalig">([^<]+)</code>"#, options: .regularExpression))
            let tijdelijk = r.tekst[bereik].replacingOccurrences(of: #"<code id="eenmalig">"#, with: "").replacingOccurrences(of: "</code>", with: "")
            // Next login: own password first, then the second factor set up again.
            let opnieuw = Browser(t)
            #expect(try await opnieuw.login("mira@meldpunt.nl", tijdelijk).locatie == "/inloggen/wachtwoord")
            #expect(try await opnieuw.post("/inloggen/wachtwoord", ["nieuw": "weer een eigen zin", "herhaal": "weer een eigen zin"]).locatie == "/inloggen/tweestaps")
            let acties = try await AuditRegel.query(on: t.app.db).all().map(\.actie)
            #expect(acties.contains("gebruiker.tweestaps.hersteld") && acties.contains("gebruiker.wachtwoord.hersteld"))
        }
    }

    @Test func csrfTokenHoortBijDeSessie() async throws {
        try await metApp { t in
            try await t.gebruiker("bram@amsterdam.nl", rol: .bijhouder, gemeentecode: "0363")
            try await t.gebruiker("rik@amsterdam.nl", rol: .bijhouder, gemeentecode: "0363")
            let anoniem = Browser(t)
            _ = try await anoniem.get("/inloggen")
            let tokenVoorLogin = anoniem.csrf
            let a = Browser(t), b = Browser(t)
            _ = try await a.login("bram@amsterdam.nl")
            _ = try await b.login("rik@amsterdam.nl")
            #expect(a.csrf != b.csrf && a.csrf != tokenVoorLogin)
            // b's session with a's token, or with the anonymous double-submit pair: refused.
            b.csrf = a.csrf
            #expect(try await b.post("/account/herstelcodes", [:]).status == .forbidden)
            b.cookies["meldpunt_csrf"] = tokenVoorLogin
            b.csrf = tokenVoorLogin
            #expect(try await b.post("/uitloggen", [:]).status == .forbidden)
        }
    }

    @Test func buitenOntwikkelingHostCookies() async throws {
        let pad = FileManager.default.temporaryDirectory.appendingPathComponent("meldpunt-host-\(UUID().uuidString).sqlite").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: pad + s) } }
        let app = try await Application.make(.production)
        app.logger.logLevel = .critical
        do {
            try await configure(app, database: .sqlite(path: pad), omgeving: ["MELDPUNT_SLEUTEL": String(repeating: "k", count: 40),
                                                                             "MELDPUNT_PUBLIC_URL": "https://meldpunt.example.nl", "MELDPUNT_SMTP_URL": "smtp://127.0.0.1:25"])
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = app.http.server.shared.localAddress!.port!
            let r = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/inloggen"), timeout: .seconds(30))
            let cookie = try #require(r.headers[canonicalForm: "set-cookie"].first)
            #expect(cookie.hasPrefix("__Host-meldpunt_csrf="))
            #expect(cookie.contains("Secure") && cookie.contains("Path=/") && !cookie.lowercased().contains("domain="))
            await app.server.shutdown()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
        // Production without a public address does not start.
        let zonder = try await Application.make(.production)
        zonder.logger.logLevel = .critical
        await #expect(throws: MeldpuntConfigFout.self) {
            try await configure(zonder, database: .sqlite(path: pad), omgeving: ["MELDPUNT_SLEUTEL": String(repeating: "k", count: 40)])
        }
        try await zonder.asyncShutdown()
    }

    @Test func instellingenWordenBijDeStartGecontroleerd() throws {
        #expect(throws: MeldpuntConfigFout.self) { try Instellingen.uit(["MELDPUNT_PORT": "tachtig"], productie: false, ontwikkeling: true) }
        #expect(throws: MeldpuntConfigFout.self) { try Instellingen.uit(["MELDPUNT_RATE_LIMITS": "inloggen=veel"], productie: false, ontwikkeling: true) }
        #expect(throws: MeldpuntConfigFout.self) {
            try Instellingen.uit(["MELDPUNT_PUBLIC_URL": "http://meldpunt.example.nl"], productie: true, ontwikkeling: false)
        }
        #expect(throws: MeldpuntConfigFout.self) { try Instellingen.uit(["MELDPUNT_PUBLIC_URL": "https://x.nl/\r\nX: y"], productie: false, ontwikkeling: true) }
        let i = try Instellingen.uit(["MELDPUNT_RATE_LIMITS": "inloggen=30", "MELDPUNT_PUBLIC_URL": "https://meldpunt.example.nl/", "MELDPUNT_SMTP_URL": "smtp://127.0.0.1:25"], productie: true, ontwikkeling: false)
        #expect(i.limietPerMinuut == ["inloggen": 30] && i.snelheidslimieten)
        #expect(i.publiekeUrl == "https://meldpunt.example.nl" && i.cookiePrefix == "__Host-")
        #expect(Snelheidsbegrenzer(aan: true, perMinuut: i.limietPerMinuut).regel(.POST, "/inloggen/code")?.perMinuut == 30)
        #expect(i.mail == .smtp(SMTPInstelling(host: "127.0.0.1", poort: 25, beveiliging: .geen)) && !i.privateCallbacks)
        // Mail: production needs an SMTP server; a password never travels in the clear.
        #expect(throws: MeldpuntConfigFout.self) { try Instellingen.uit(["MELDPUNT_PUBLIC_URL": "https://meldpunt.example.nl"], productie: true, ontwikkeling: false) }
        #expect(throws: MeldpuntConfigFout.self) { try SMTPInstelling.uit("smtp://gebruiker:geheim@relay.example.nl") }
        #expect(throws: MeldpuntConfigFout.self) { try SMTPInstelling.uit("imap://relay.example.nl") }
        #expect(try SMTPInstelling.uit("smtp+starttls://mp%40x.nl:ge%3Aheim@relay.example.nl")
                == SMTPInstelling(host: "relay.example.nl", poort: 587, beveiliging: .starttls, gebruiker: "mp@x.nl", wachtwoord: "ge:heim"))
        #expect(try SMTPInstelling.uit("smtps://u:p@relay.example.nl").poort == 465)
        #expect(throws: MeldpuntConfigFout.self) { try Instellingen.uit(["MELDPUNT_MAIL_FROM": "Meldpunt <a@b.nl>\r\nBcc: x@y.nl"], productie: false, ontwikkeling: true) }
        let dev = try Instellingen.uit([:], productie: false, ontwikkeling: true)
        #expect(dev.mail == .map("data/mail") && dev.privateCallbacks)
    }
}

@Suite("Beheer: audittrail")
struct AuditWebTests {
    @Test func beheerderZietDeEigenAuditSysteembeheerderAlles() async throws {
        try await metApp { t in
            try await t.gebruiker("beheer@amsterdam.nl", rol: .beheerder, gemeentecode: "0363")
            try await t.gebruiker("beheer@rotterdam.nl", rol: .beheerder, gemeentecode: "0599")
            try await t.gebruiker("systeem@meldpunt.nl", rol: .systeembeheerder, oin: TestApp.meldpuntOIN)
            let amsterdam = try await Organisaties.zoek(oin: nil, gemeentecode: "0363", on: t.app.db)
            let rotterdam = try await Organisaties.zoek(oin: nil, gemeentecode: "0599", on: t.app.db)
            let a = Browser(t), r = Browser(t), s = Browser(t)
            _ = try await a.login("beheer@amsterdam.nl")
            _ = try await r.login("beheer@rotterdam.nl")
            _ = try await a.post("/beheer/organisaties/\(amsterdam.id!.tekst)/sleutels", ["omschrijving": "zaaksysteem-amsterdam"])
            _ = try await r.post("/beheer/organisaties/\(rotterdam.id!.tekst)/sleutels", ["omschrijving": "zaaksysteem-rotterdam"])
            let eigen = try await a.get("/beheer/audit")
            #expect(eigen.status == .ok)
            #expect(eigen.tekst.contains("API-sleutel gemaakt") && eigen.tekst.contains("beheer@amsterdam.nl"))
            #expect(!eigen.tekst.contains("beheer@rotterdam.nl"))
            _ = try await s.login("systeem@meldpunt.nl")
            let alles = try await s.get("/beheer/audit")
            #expect(alles.tekst.contains("beheer@amsterdam.nl") && alles.tekst.contains("beheer@rotterdam.nl"))
            #expect(alles.tekst.contains("Systeembeheerder ingelogd"))
            try await t.gebruiker("bram@amsterdam.nl", rol: .bijhouder, gemeentecode: "0363")
            let bram = Browser(t)
            _ = try await bram.login("bram@amsterdam.nl")
            #expect(try await bram.get("/beheer/audit").status == .forbidden)
        }
    }
}

@Suite("Accounts: CLI")
struct AccountCLITests {
    @Test func resetWeigertZonderGoedWachtwoordEnLaatNietsHalf() async throws {
        try await metApp { t in
            try await t.gebruiker("sam@meldpunt.nl", rol: .systeembeheerder, oin: TestApp.meldpuntOIN)
            await #expect(throws: Opdrachtfout.self) { _ = try await t.cli(["user", "reset", "--email", "onbekend@meldpunt.nl"]) }
            // No password on standard input: refused before anything changes.
            await #expect(throws: Opdrachtfout.self) { _ = try await t.cli(["user", "reset", "--email", "sam@meldpunt.nl"]) }
            let g = try #require(try await Gebruiker.query(on: t.app.db).filter(\.$email == "sam@meldpunt.nl").first())
            #expect(g.tweestapsGeheim != nil && !g.moetWachtwoordWijzigen)
        }
    }
}

@Suite("Beheer: schrijven en auditeren in één transactie")
struct BeheerTransactieTests {
    /// A refused action leaves neither its change nor an audit entry; a done one both, as the
    /// beheerder who did it; the CLI as "cli".
    @Test func eenActieEnHaarAuditregelSamenOfGeenVanBeide() async throws {
        try await metApp { t in
            let amsterdam = try await Organisaties.zoek(oin: nil, gemeentecode: "0363", on: t.app.db)
            let b = try await t.gebruiker("beheer@amsterdam.nl", rol: .beheerder, gemeentecode: "0363")
            _ = try await b.$organisatie.get(on: t.app.db)
            let beheerder = try #require(try Gebruikers.dto(b))
            let voor = try await AuditRegel.query(on: t.app.db).count()
            let beheer = Beheer(db: t.app.db, door: beheerder, nu: t.klok.nu)
            await #expect(throws: Weigering.self) {
                _ = try await beheer.voegGebruikerToe(email: "beheer@amsterdam.nl", naam: "Dubbel", rol: .bijhouder, organisatie: amsterdam,
                                                      wachtwoord: "een-lang-wachtwoord", hasher: t.app.wachtwoorden)
            }
            await #expect(throws: Weigering.self) { try await beheer.zetRollen(amsterdam, []) }
            #expect(try await AuditRegel.query(on: t.app.db).count() == voor)
            #expect(try await Organisaties.zoek(oin: nil, gemeentecode: "0363", on: t.app.db).rollen == amsterdam.rollen)

            let g = try await beheer.voegGebruikerToe(email: "nieuw@amsterdam.nl", naam: "Nieuw", rol: .bijhouder, organisatie: amsterdam,
                                                      wachtwoord: "een-lang-wachtwoord", hasher: t.app.wachtwoorden)
            try await beheer.zetActief(g, false)
            let regels = try await AuditRegel.query(on: t.app.db).sort(\.$tijdstip).all().suffix(2)
            #expect(regels.map(\.actie) == ["gebruiker.toegevoegd", "gebruiker.uitgezet"])
            #expect(regels.allSatisfy { $0.door.contains("beheer@amsterdam.nl") && $0.onderwerp == "nieuw@amsterdam.nl" })
            #expect(try await Gebruiker.find(g.id, on: t.app.db)?.actief == false)

            _ = try await t.app.beheerVanuitCLI.trekSleutelsIn(van: amsterdam, id: nil, cache: nil)
            #expect(try await AuditRegel.query(on: t.app.db).sort(\.$tijdstip, .descending).first()?.door == "cli")
        }
    }
}
