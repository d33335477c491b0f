import MeldpuntCore
import AsyncHTTPClient
import Fluent
import Foundation
import MeldpuntDomain
import NIOCore
import SQLKit
import Testing
import Vapor
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntAPI
@testable import MeldpuntWeb

/// Issue 10: each finding has a regression test here that failed on the code before it.
@Suite("Hardening: vijandige invoer, toegang, wissen, geheimen, limieten")
struct HardeningTests {
    // MARK: No input reaches a crash

    @Test func termijnAanHetEindVanDeKalenderIsEen400() async throws {
        try await metApp { t in
            let r = try await t.get("/api/v1/termijnen?startdatum=9999-12-28&werkdagen=5")
            #expect(r.status == .badRequest && r.isProblem)
            #expect(r.ongeldigeNamen == ["startdatum"] && r.ongeldigeCodes == ["kalenderBereik"])
            // The server is still there.
            #expect(try await t.get("/api/v1/termijnen?startdatum=9999-12-28&werkdagen=1").status == .ok)
            #expect(try await t.get("/health").status == .ok)
        }
    }

    // MARK: No input reaches a header

    static let kwaadaardigeTerugpaden = [
        "/portaal\r\nSet-Cookie: meldpunt_sessie=overgenomen", "/portaal\nSet-Cookie: x=y", "/\t/evil.example", "/\u{0}/evil.example",
        "/x\u{2028}y", "/x\u{85}y", "//evil.example", "/\\evil.example", "https://evil.example", " /portaal", "/api/v1/meldingen",
    ]

    @Test func terugpadAlleenZelfdeSiteZonderStuurtekens() {
        for pad in Self.kwaadaardigeTerugpaden { #expect(Terugpad.veilig(pad) == "/", "\(pad.debugDescription)") }
        #expect(Terugpad.veilig("/terugmeldingen?map=nieuw&pagina=2") == "/terugmeldingen?map=nieuw&pagina=2")
    }

    @Test func inloggenMetKwaadaardigTerugpadBlijftOpDezeSite() async throws {
        try await metApp { t in
            try await t.gebruiker("ams@test.nl", rol: .bijhouder, gemeentecode: "0363")
            // Nine: the tenth login from one address within a minute would meet the rate limit.
            for pad in Self.kwaadaardigeTerugpaden.prefix(9) {
                let b = Browser(t)
                _ = try await b.get("/inloggen")
                let r = try await b.post("/inloggen", ["email": "ams@test.nl", "wachtwoord": "een-lang-wachtwoord", "terug": pad])
                #expect(r.status == .seeOther)
                #expect(r.headers.first(name: .location) == "/", "\(pad.debugDescription)")
                #expect(!r.headers[canonicalForm: "set-cookie"].contains { $0.contains("overgenomen") || $0.hasPrefix("x=") })
                _ = try await b.get("/portaal")
                // The language switch takes a return path too.
                let taal = try await b.post("/taal", ["naar": "en", "terug": pad])
                #expect(taal.headers.first(name: .location) == "/")
            }
        }
    }

    @Test func bestandsnaamInContentDispositionIsOnschadelijk() {
        for naam in ["brief\r\nSet-Cookie: x=y.pdf", "a\u{0}b.pdf", "a\tb\u{2028}.pdf", "\"; filename=evil.exe", "überweisung.pdf", ""] {
            let waarde = Response.contentDisposition(naam)
            #expect(ApiConventiesMiddleware.veiligeHeaderwaarde(waarde), "\(naam.debugDescription)")
            #expect(waarde.hasPrefix("attachment; filename*=UTF-8''"))
            #expect(!waarde.dropFirst("attachment; filename*=UTF-8''".count).contains { " \";\r\n\t".contains($0) })
        }
        #expect(Response.contentDisposition("brief 1.pdf") == "attachment; filename*=UTF-8''brief%201.pdf")
    }

    @Test func partnerBijlageMetStuurtekensInDeNaam() async throws {
        try await metApp { t in
            let uwv = try await t.partners()
            let (z, _) = try await t.meldingInBehandeling()
            let id = try await t.verzoek(z, ["organisatieOin": TestApp.uwvOIN, "soort": "informatie", "vraag": "Klopt het adres?"])
            let r = try await t.post("/api/v1/verzoeken/\(id)/bijlagen", uwv, json: ["bestandsnaam": "brief\r\nSet-Cookie: x=y.pdf", "inhoud": Voorbeeld.pdf.base64EncodedString()])
            #expect(r.status == .created, "\(r.tekst)")
            let d = try await t.get("/api/v1/meldingen/\(z)/verzoeken/\(id)", t.sleutels.meldpunt)
            let berichten = (d.object["berichten"] as? [[String: Any]]) ?? []
            let hrefs: [String] = berichten.compactMap { b in (b["bijlage"] as? [String: Any]).flatMap { $0["href"] as? String } }
            let href = try #require(hrefs.first, "\(d.tekst)")
            let download = try await t.get(href, t.sleutels.meldpunt)
            #expect(download.status == .ok)
            #expect(download.headers.first(name: "Set-Cookie") == nil)
            #expect(download.headers.allSatisfy { ApiConventiesMiddleware.veiligeHeaderwaarde($0.value) })
        }
    }

    // MARK: Limits before work

    @Test func groteAnoniemeBodyWordtVoorafGeweigerd() async throws {
        try await metApp { t in
            let groot = Data(repeating: 0x61, count: 2 * 1024 * 1024)
            let login = try await t.request(.POST, "/inloggen", body: groot, contentType: "application/x-www-form-urlencoded")
            #expect(login.status == .payloadTooLarge)
            // An upload route without the form's cookie: refused before a byte is stored.
            let melden = try await t.request(.POST, "/melden/formulier", body: groot, contentType: "multipart/form-data; boundary=x")
            #expect(melden.status == .forbidden)
            // An upload route that needs a role: not for an anonymous visitor.
            let b = Browser(t)
            _ = try await b.get("/inloggen")
            let anoniem = try await t.request(.POST, "/terugmeldingen/nieuw/\(UUID().uuidString)/gegevens", headers: ["Cookie": b.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")],
                                              body: groot, contentType: "multipart/form-data; boundary=x")
            #expect(anoniem.status == .seeOther)
            #expect(try await BijlageInhoud.query(on: t.app.db).count() == 0)
        }
    }

    @Test func uploadbudgetWeigertMetRetryAfter() {
        let budget = UploadBudget(limiet: 50)
        #expect(budget.reserveer(30))
        #expect(!budget.reserveer(30))
        budget.geefVrij(30)
        #expect(budget.reserveer(50))
    }

    @Test func grotePostViaDeAPIWachtOpRuimteInHetUploadbudget() async throws {
        try await metApp { t in
            // Room for one such filing at a time (1.5 MB of PDF is ~2 MB of JSON, held three times).
            t.app.uploadBudget = UploadBudget(limiet: 8 * 1024 * 1024, wachttijd: .milliseconds(300))
            let groot = Voorbeeld.terugmelding(bijlagen: [("scan.pdf", "application/pdf", Voorbeeld.pdf + Data(count: 1_500_000))])
            // All room taken and not given back in time: 503 with Retry-After, nothing filed.
            #expect(t.app.uploadBudget.reserveer(8 * 1024 * 1024))
            let vol = try await t.post("/api/v1/terugmeldingen", t.sleutels.belastingdienst, json: groot)
            #expect(vol.status == .serviceUnavailable)
            #expect(vol.isProblem)
            #expect(vol.headers.first(name: "Retry-After") == "10")
            #expect(try await Terugmelding.query(on: t.app.db).count() == 0)
            // Room given back while it waits: filed.
            t.app.uploadBudget = UploadBudget(limiet: 8 * 1024 * 1024, wachttijd: .seconds(10))
            let budget = t.app.uploadBudget
            #expect(budget.reserveer(8 * 1024 * 1024))
            async let antwoord = t.post("/api/v1/terugmeldingen", t.sleutels.belastingdienst, json: groot)
            try await Task.sleep(for: .milliseconds(200))
            #expect(try await Terugmelding.query(on: t.app.db).count() == 0)
            budget.geefVrij(8 * 1024 * 1024)
            #expect(try await antwoord.status == .created)
            #expect(budget.bezet == 0)
            // Small bodies never wait for it.
            #expect(budget.reserveer(8 * 1024 * 1024))
            #expect(try await t.post("/api/v1/terugmeldingen", t.sleutels.belastingdienst, json: Voorbeeld.terugmelding()).status == .created)
            budget.geefVrij(8 * 1024 * 1024)
        }
    }

    @Test func teVeelInlogpogingenPerAdresGeven429() async throws {
        try await metApp { t in
            // Time stands still for the limiter: the outcome does not depend on the machine's speed.
            t.app.snelheidsbegrenzer.zetTijdStil(true)
            var statussen: [HTTPResponseStatus] = []
            var retryAfter: String?
            for _ in 0..<12 {
                let r = try await t.request(.POST, "/inloggen", body: Data("email=a%40b.nl&wachtwoord=x".utf8), contentType: "application/x-www-form-urlencoded")
                statussen.append(r.status)
                if r.status == .tooManyRequests { retryAfter = r.headers.first(name: "Retry-After") }
            }
            #expect(statussen.prefix(10).allSatisfy { $0 != .tooManyRequests })
            #expect(statussen.last == .tooManyRequests)
            #expect(Int(retryAfter ?? "") ?? 0 >= 1)
            // The API's public reference data has its own, larger allowance.
            #expect(try await t.get("/api/v1/registraties").status == .ok)
        }
    }

    @Test func snelheidsbegrenzerVultBij() {
        let b = Snelheidsbegrenzer(aan: true)
        let regel = Snelheidsbegrenzer.Regel(naam: "test", perMinuut: 2)
        let start = ContinuousClock.now
        #expect(b.neem(regel, adres: "1.2.3.4", nu: start) == nil)
        #expect(b.neem(regel, adres: "1.2.3.4", nu: start) == nil)
        #expect(b.neem(regel, adres: "1.2.3.4", nu: start) != nil)
        #expect(b.neem(regel, adres: "5.6.7.8", nu: start) == nil)           // per address
        #expect(b.neem(regel, adres: "1.2.3.4", nu: start + .seconds(31)) == nil)   // one token back after half a minute
        #expect(Snelheidsbegrenzer(aan: false).neem(regel, adres: "1.2.3.4") == nil)
    }

    @Test func onverzondenUploadsWordenOpgeruimd() async throws {
        try await metApp { t in
            let b = Browser(t)
            _ = try await b.get("/melden")
            // An invalid form with a file: the file waits in the draft for the form to be corrected...
            let fout = try await b.postMultipart("/melden/formulier", ["melderType": "burger"], bestanden: [("bijlage[]", "foto.png", Voorbeeld.png)])
            #expect(fout.status == .seeOther && fout.headers.first(name: .location) == "/melden/controle")
            #expect(try await BijlageInhoud.query(on: t.app.db).count() == 1)
            // ...a filed melding's file stays; the abandoned one goes with its draft, a day later.
            _ = try await t.nieuweMelding()
            #expect(try await BijlageInhoud.query(on: t.app.db).count() == 2)
            #expect(try await Huishouding.ruimOp(nu: t.klok.nu, on: t.app.db).bijlagen == 0)
            #expect(try await Huishouding.ruimOp(nu: t.klok.nu.addingTimeInterval(3 * 3600), on: t.app.db).bijlagen == 0)
            let r = try await Huishouding.ruimOp(nu: t.klok.nu.addingTimeInterval(25 * 3600), on: t.app.db)
            #expect(r.meldconcepten == 1 && r.bijlagen == 1)
            #expect(try await BijlageInhoud.query(on: t.app.db).all().map(\.id) == [Sleutels.sha256Hex(Voorbeeld.pdf)])
        }
    }

    // MARK: Access by role and organisation

    @Test func afnemerGebruikerVanEenGemeenteBehandeltGeenInbox() async throws {
        try await metApp { t in
            _ = try await t.cli(["org", "add", "--gemeentecode", "0363", "--rol", "afnemer"])
            try await t.gebruiker("afnemer@amsterdam.nl", rol: .afnemer, gemeentecode: "0363")
            let ref = try await t.meld()   // Belastingdienst → Amsterdam's inbox
            let b = Browser(t)
            try await b.login("afnemer@amsterdam.nl")
            #expect(try await b.get("/terugmeldingen/\(ref)").status == .notFound)
            let r = try await b.post("/terugmeldingen/\(ref)/status", ["status": "In behandeling"])
            #expect(r.status == .notFound)
            #expect(try await t.get("/api/v1/terugmeldingen/\(ref)", t.sleutels.amsterdam).object["status"] as? String == "Gemeld")
        }
    }

    @Test func beheerderBeheertAlleenDeEigenOrganisatie() async throws {
        try await metApp { t in
            try await t.gebruiker("beheer@amsterdam.nl", rol: .beheerder, gemeentecode: "0363")
            let amsterdam = try await Organisaties.zoek(oin: nil, gemeentecode: "0363", on: t.app.db)
            let rotterdam = try await Organisaties.zoek(oin: nil, gemeentecode: "0599", on: t.app.db)
            let b = Browser(t)
            try await b.login("beheer@amsterdam.nl")
            let eigen = "/beheer/organisaties/\(amsterdam.id!.tekst)", ander = "/beheer/organisaties/\(rotterdam.id!.tekst)"
            #expect(try await b.get("/beheer").headers.first(name: .location) == eigen)
            #expect(try await b.get(eigen).status == .ok)
            #expect(try await b.get(ander).status == .forbidden)
            #expect(try await b.post("\(ander)/sleutels", [:]).status == .forbidden)
            #expect(try await b.post("\(ander)/gebruikers", ["naam": "X", "email": "x@rotterdam.nl", "rol": "bijhouder"]).status == .forbidden)
            #expect(try await b.postVelden("\(eigen)/rollen", [("rollen[]", "bronhouder"), ("rollen[]", "meldpunt")]).status == .forbidden)
            #expect(try await b.post("/beheer/organisaties", ["naam": "Nep", "oin": "00000001801109617000", "rollen[]": "meldpunt"]).status == .forbidden)
            #expect(try await b.post("\(eigen)/gebruikers", ["naam": "S", "email": "s@amsterdam.nl", "rol": "systeembeheerder"]).status == .badRequest)
            let g = try await t.gebruiker("ams@rotterdam.nl", rol: .bijhouder, gemeentecode: "0599")
            _ = try await b.get(eigen)
            #expect(try await b.post("/beheer/gebruikers/\(g.id!.tekst)/uitzetten", [:]).status == .forbidden)
            #expect(try await Gebruiker.find(g.id, on: t.app.db)?.actief == true)
            // Its own organisation: a key, in the audit trail.
            #expect(try await b.post("\(eigen)/sleutels", ["omschrijving": "zaaksysteem"]).status == .ok)
            #expect(try await ApiSleutel.query(on: t.app.db).filter(\.$organisatie.$id == rotterdam.id!).count() == 1)   // only the harness's
            let audit = try await Audit.regels(on: t.app.db)
            // Newest first; before it only the harness's own set-up of the second factors.
            #expect(audit.first?.actie == "apisleutel.gemaakt" && audit.first?.door.contains("beheer@amsterdam.nl") == true)
            #expect(audit.dropFirst().allSatisfy { $0.actie == "gebruiker.tweestaps.aan" })
        }
    }

    @Test func meldpuntMedewerkerGeeftGeenPartnerlogin() async throws {
        try await metApp { t in
            _ = try await t.partners()
            try await t.gebruiker("mira@meldpunt.nl", rol: .meldpunt, oin: TestApp.meldpuntOIN)
            let uwv = try await Organisaties.zoek(oin: TestApp.uwvOIN, gemeentecode: nil, on: t.app.db)
            let contact = try #require(try await Contactpersoon.query(on: t.app.db).filter(\.$organisatie.$id == uwv.id!).first())
            contact.email = "mira.prive@example.nl"
            try await contact.save(on: t.app.db)
            let b = Browser(t)
            try await b.login("mira@meldpunt.nl")
            _ = try await b.get("/partners/\(uwv.id!.tekst)")
            #expect(try await b.post("/partners/\(uwv.id!.tekst)/contactpersonen/\(contact.id!.tekst)/login", [:]).status == .forbidden)
            #expect(try await Gebruiker.query(on: t.app.db).filter(\.$email == "mira.prive@example.nl").count() == 0)
        }
    }

    // MARK: Erasure is complete

    @Test func intrekkenLaatNergensPersoonsgegevensAchter() async throws {
        try await metApp { t in
            let uwv = try await t.partners()
            let (z, link) = try await t.meldingInBehandeling()
            let id = try await t.verzoek(z, ["organisatieOin": TestApp.uwvOIN, "soort": "informatie", "vraag": "Klopt het adres van mevrouw Moulin?",
                                             "gedeeldeGegevens": ["naam", "bsn"]])
            #expect(try await t.post("/api/v1/verzoeken/\(id)/berichten", uwv, json: ["tekst": "Mevrouw Moulin staat bij ons op de Lijnbaan."]).status == .ok)
            #expect(try await t.post("/api/v1/verzoeken/\(id)/bijlagen", uwv, json: ["bestandsnaam": "moulin-brief.pdf", "inhoud": Voorbeeld.jpeg.base64EncodedString()]).status == .created)
            let tm = try await t.stap(z, "terugmeldingen", ["terugmelding": Voorbeeld.terugmelding(toelichting: "Mevrouw Moulin woont op nummer 21."), "gedeeldeGegevens": ["omschrijving"]])
            #expect(tm.status == .created, "\(tm.tekst)")
            #expect(try await t.stap(z, "notities", ["tekst": "J. de Vries belde namens mevrouw Moulin."]).status == .ok)

            let b = Browser(t)
            _ = try await b.get("\(link)/intrekken")
            #expect(try await b.post("\(link)/intrekken", [:]).status == .seeOther)

            let sporen = ["Moulin", "999993653", "j.devries@consumentenbond.example", "J. de Vries", "moulin-brief.pdf"]
            for (tabel, kolom, waarde) in try await alleTekst(t) {
                for spoor in sporen { #expect(!waarde.contains(spoor), "\(tabel).\(kolom) bevat nog \(spoor)") }
            }
            // The bytes of every file of the case are gone (reference-counted store).
            #expect(try await BijlageInhoud.find(Sleutels.sha256Hex(Voorbeeld.jpeg), on: t.app.db) == nil)
            #expect(try await BijlageInhoud.find(Sleutels.sha256Hex(Voorbeeld.pdf), on: t.app.db) == nil)
            // The terugmelding the meldpunt filed for the melder is withdrawn.
            let ref = try #require((tm.object["terugmelding"] as? [String: Any])?["id"] as? String)
            #expect(try await Terugmelding.find(UUID(uuidString: ref), on: t.app.db)?.status == .ingetrokken)
            // The partner can add nothing any more.
            #expect(try await t.post("/api/v1/verzoeken/\(id)/berichten", uwv, json: ["tekst": "Nog iets over mevrouw Moulin."]).status == .notFound)
        }
    }

    /// Every text value in every table of the test database.
    private func alleTekst(_ t: TestApp) async throws -> [(String, String, String)] {
        let sql = t.app.db as! any SQLDatabase
        let tabellen: [String]
        if sql.dialect.name == "sqlite" {
            tabellen = try await sql.raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all().map { try $0.decode(column: "name", as: String.self) }
        } else {
            tabellen = try await sql.raw("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()").all()
                .map { try $0.decode(column: "table_name", as: String.self) }
        }
        var gevonden: [(String, String, String)] = []
        for tabel in tabellen where tabel != BijlageInhoud.schema {
            for rij in try await sql.raw("SELECT * FROM \(ident: tabel)").all() {
                for kolom in rij.allColumns {
                    if let tekst = try? rij.decode(column: kolom, as: String?.self) { gevonden.append((tabel, kolom, tekst)) }
                }
            }
        }
        return gevonden
    }

    @Test func sqliteWistVeilig() async throws {
        try await metApp { t in
            let sql = t.app.db as! any SQLDatabase
            guard sql.dialect.name == "sqlite" else { return }
            let rij = try #require(try await sql.raw("PRAGMA secure_delete").first())
            #expect(try rij.decode(column: "secure_delete", as: Int.self) == 1)
        }
    }

    // MARK: Search takes text literally

    @Test func zoekenOpNaamKentGeenJokers() async throws {
        try await metApp { t in
            _ = try await t.nieuweMelding()
            for joker in ["%%", "_", "%", "!%"] {
                #expect(try await t.post("/api/v1/meldingen/_zoek", t.sleutels.meldpunt, json: ["naam": joker]).array.isEmpty, "\(joker)")
            }
            #expect(try await t.post("/api/v1/meldingen/_zoek", t.sleutels.meldpunt, json: ["naam": "oulin"]).array.count == 1)
        }
    }

    // MARK: Every multi-step write is one transaction; retries create nothing twice

    @Test func terugmeldingVanuitMeldingMetFoutLaatNietsAchter() async throws {
        try await metApp { t in
            let (z, _) = try await t.meldingInBehandeling()
            let fout = try await t.stap(z, "terugmeldingen", ["terugmelding": Voorbeeld.terugmelding(), "gedeeldeGegevens": ["geheim"]])
            #expect(fout.status == .badRequest, "\(fout.tekst)")
            #expect(try await Terugmelding.query(on: t.app.db).count() == 0)
            #expect(try await Verzoek.query(on: t.app.db).count() == 0)
            #expect(try await t.stap(z, "terugmeldingen", ["terugmelding": Voorbeeld.terugmelding()]).status == .created)
            #expect(try await Terugmelding.query(on: t.app.db).count() == 1)
            #expect(try await Verzoek.query(on: t.app.db).count() == 1)
        }
    }

    @Test func idempotencyKeyMaaktNietsTweeKeer() async throws {
        try await metApp { t in
            let sleutel: HTTPHeaders = ["Idempotency-Key": UUID().uuidString]
            let body = try JSONSerialization.data(withJSONObject: Voorbeeld.terugmelding())
            let eerste = try await t.request(.POST, "/api/v1/terugmeldingen", sleutel: t.sleutels.belastingdienst, headers: sleutel, body: body)
            let tweede = try await t.request(.POST, "/api/v1/terugmeldingen", sleutel: t.sleutels.belastingdienst, headers: sleutel, body: body)
            #expect(eerste.status == .created && tweede.status == .created)
            #expect(eerste.object["terugMeldingReferentie"] as? String == tweede.object["terugMeldingReferentie"] as? String)
            #expect(try await Terugmelding.query(on: t.app.db).count() == 1)
            // The same key from another organisation is its own key.
            #expect(try await t.request(.POST, "/api/v1/terugmeldingen", sleutel: t.sleutels.svb, headers: sleutel, body: body).status == .created)
            #expect(try await Terugmelding.query(on: t.app.db).count() == 2)

            let melding = try JSONSerialization.data(withJSONObject: MeldingApiTests.melding())
            let m1 = try await t.request(.POST, "/api/v1/meldingen", sleutel: t.sleutels.svb, headers: sleutel, body: melding)
            let m2 = try await t.request(.POST, "/api/v1/meldingen", sleutel: t.sleutels.svb, headers: sleutel, body: melding)
            #expect(m1.status == .created && m2.status == .created)
            #expect(m1.object["zaaknummer"] as? String == m2.object["zaaknummer"] as? String)
            #expect(m1.object["statuspagina"] as? String == m2.object["statuspagina"] as? String)
            #expect(try await Melding.query(on: t.app.db).count() == 1)

            let onzin = try await t.request(.POST, "/api/v1/meldingen", sleutel: t.sleutels.svb, headers: ["Idempotency-Key": String(repeating: "k", count: 300)], body: melding)
            #expect(onzin.status == .badRequest && onzin.ongeldigeNamen == ["Idempotency-Key"])
            // The same key with another body is a client error, not a silent replay.
            let ander = try JSONSerialization.data(withJSONObject: Voorbeeld.terugmelding(kenmerk: "ANDER"))
            let hergebruik = try await t.request(.POST, "/api/v1/terugmeldingen", sleutel: t.sleutels.belastingdienst, headers: sleutel, body: ander)
            #expect(hergebruik.status == .conflict)
            #expect(hergebruik.headers.first(name: .contentType)?.hasPrefix("application/problem+json") == true)
            let andereMelding = try JSONSerialization.data(withJSONObject: MeldingApiTests.melding(bezwaar: true))
            #expect(try await t.request(.POST, "/api/v1/meldingen", sleutel: t.sleutels.svb, headers: sleutel, body: andereMelding).status == .conflict)
            #expect(try await Terugmelding.query(on: t.app.db).count() == 2)
        }
    }

    @Test func bevestigingVernieuwenMeldtNietTweeKeer() async throws {
        try await metApp { t in
            let b = Browser(t)
            _ = try await b.get("/melden")
            let formulier = try await b.volg(try await b.post("/melden", ["alBenaderd": "ja", "bezwaar": "nee", "registratie": "BRP"]))
            let bereik = try #require(formulier.tekst.range(of: #"name="formulierToken" value="[^"]*""#, options: .regularExpression))
            let token = String(formulier.tekst[bereik].split(separator: "\"")[3])
            let velden: [(String, String)] = [
                ("organisatieAlBenaderd", "ja"), ("melderType", "burger"), ("registraties[]", "BRP"), ("betrokkenOrganisaties", "Gemeente Rotterdam"),
                ("watIsFout", "Ik sta op een oud adres."), ("naam", "Suzanne Moulin"), ("email", "s.moulin@example.nl"), ("postcode", "3077 AW"),
                ("voorkeurKanaal", "email"), ("toestemming", "ja"), ("formulierToken", token),
            ]
            let eerste = try await b.postVelden("/melden/formulier", velden)
            #expect(eerste.status == .seeOther && eerste.headers.first(name: .location) == "/melden/ontvangen", "\(eerste.tekst.prefix(3000))")
            let bevestiging = try await b.get("/melden/ontvangen")
            #expect(bevestiging.status == .ok && bevestiging.tekst.contains("MFO-2026-000001") && bevestiging.tekst.contains("/status/"))
            // A refresh of the confirmation shows it again; sending the form again files nothing new.
            #expect(try await b.get("/melden/ontvangen").tekst.contains("MFO-2026-000001"))
            let nogmaals = try await b.postVelden("/melden/formulier", velden)
            #expect(nogmaals.status == .seeOther)
            #expect(try await b.get("/melden/ontvangen").tekst.contains("MFO-2026-000001"))
            #expect(try await Melding.query(on: t.app.db).count() == 1)
            // Without the sealed cookie: a plain message, no link.
            #expect(try await Browser(t).get("/melden/ontvangen").status == .notFound)
        }
    }

    // MARK: Secrets

    @Test func geheimeSleutelUitDeOmgeving() throws {
        #expect(try Geheimen.uitOmgeving([:]) == nil)
        #expect(throws: Geheimen.Fout.self) { try Geheimen.uitOmgeving(["MELDPUNT_SLEUTEL": "te-kort"]) }
        let sleutel = Data((0..<32).map { UInt8($0) }).base64EncodedString()
        let a = try #require(try Geheimen.uitOmgeving(["MELDPUNT_SLEUTEL": sleutel]))
        let pad = FileManager.default.temporaryDirectory.appendingPathComponent("meldpunt-sleutel-\(UUID().uuidString)").path
        try Data((sleutel + "\n").utf8).write(to: URL(fileURLWithPath: pad))
        defer { try? FileManager.default.removeItem(atPath: pad) }
        let b = try #require(try Geheimen.uitOmgeving(["MELDPUNT_SLEUTEL_BESTAND": pad]))
        #expect(a == b)
        // One key per purpose: the pseudonym key signs no upload reference.
        let g = Geheimen(master: a)
        #expect(g.pseudoniemen.pseudoniem("x") != Geheimen.mac("x", g.uploadReferenties))
    }

    @Test func productieZonderSleutelStartNietEnDemoSleutelsWerkenNiet() async throws {
        let pad = FileManager.default.temporaryDirectory.appendingPathComponent("meldpunt-prod-\(UUID().uuidString).sqlite").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: pad + s) } }
        // Once in development: demo keys and users.
        let dev = try await Application.make(.development)
        dev.logger.logLevel = .error
        try await configure(dev, database: .sqlite(path: pad), omgeving: [:])
        try await dev.asyncShutdown()

        let zonder = try await Application.make(.production)
        zonder.logger.logLevel = .critical
        await #expect(throws: Geheimen.Fout.self) {
            try await configure(zonder, database: .sqlite(path: pad), omgeving: ["MELDPUNT_PUBLIC_URL": "https://meldpunt.example.nl", "MELDPUNT_SMTP_URL": "smtp://127.0.0.1:25"])
        }
        try await zonder.asyncShutdown()

        let prod = try await Application.make(.production)
        prod.logger.logLevel = .critical
        try await configure(prod, database: .sqlite(path: pad), omgeving: ["MELDPUNT_SLEUTEL": String(repeating: "k", count: 40),
                                                                          "MELDPUNT_PUBLIC_URL": "https://meldpunt.example.nl", "MELDPUNT_SMTP_URL": "smtp://127.0.0.1:25"])
        #expect(try await Organisaties.metApiSleutel("mpk_demo_meldpunt", on: prod.db) == nil)
        #expect(try await Gebruiker.query(on: prod.db).filter(\.$email == "meldpunt@demo.meldpunt.nl").first()?.actief == false)
        try await prod.asyncShutdown()
    }
}
