import Fluent
import Foundation
import MeldpuntBezorging
import MeldpuntCore
import MeldpuntDomain
import Testing
import Vapor
@testable import MeldpuntApp
@testable import MeldpuntHTTP

/// Notifications through the front doors: subscriptions over the API, the lost-link page, the
/// unread marker on the werkvoorraad and beheer's outbox.
@Suite("Berichten: abonnementen, nieuwe link, ongelezen, uitgaande berichten")
struct BerichtgevingWebTests {
    func mails(_ t: TestApp, aan adres: String) async throws -> [UitgaandBericht] {
        try await UitgaandBericht.query(on: t.app.db).filter(\.$aan == adres).sort(\.$aangemaaktOp).all()
    }

    @Test func abonnementViaDeAPI() async throws {
        try await metApp { t in
            let ontvanger = t.app.bezorgers as! Geheugenbezorgers
            let body: [String: Any] = ["callbackUrl": "http://127.0.0.1:9/ontvang", "auth": "Bearer x",
                                       "kanalen": [["naam": "terugmeldingen", "filters": ["status": "Gemeld"]]], "vorm": "cloudevents"]
            let r = try await t.post("/api/v1/abonnementen", t.sleutels.svb, json: body)
            #expect(r.status == .created, Comment(rawValue: r.tekst))
            let a = try r.json(AbonnementDTO.self)
            #expect(r.headers.first(name: .location) == "/api/v1/abonnementen/\(a.id)")
            #expect(a.geheim?.count == 43 && a.vorm == .cloudevents)
            // The test event went out first, signed.
            #expect(ontvanger.webhooks.count == 1)
            // Listed and read without the secret; another organisation does not see it.
            let lijst = try await t.get("/api/v1/abonnementen", t.sleutels.svb).json([AbonnementDTO].self)
            #expect(lijst.map(\.id) == [a.id] && lijst[0].geheim == nil)
            #expect(try await t.get("/api/v1/abonnementen", t.sleutels.amsterdam).json([AbonnementDTO].self).isEmpty)
            #expect(try await t.get("/api/v1/abonnementen/\(a.id)", t.sleutels.amsterdam).status == .notFound)

            // Every wrong field at once, as problem+json.
            let fout = try await t.post("/api/v1/abonnementen", t.sleutels.svb, json: ["callbackUrl": "ftp://x", "kanalen": [["naam": "x"]], "vorm": "soap"])
            #expect(fout.status == .badRequest && fout.headers.contentType?.description.hasPrefix("application/problem+json") == true)
            let namen = Set(((fout.object["invalidParams"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String })
            #expect(namen == ["callbackUrl", "auth", "vorm", "kanalen[0].naam"])

            // A terugmelding of the SVB: one event waits for its subscription.
            _ = try await t.meld(door: t.sleutels.svb)
            #expect(try await UitgaandBericht.query(on: t.app.db).filter(\.$soort == .webhook).count() == 1)
            #expect(try await t.request(.DELETE, "/api/v1/abonnementen/\(a.id)", sleutel: t.sleutels.svb).status == .noContent)
            #expect(try await t.get("/api/v1/abonnementen/\(a.id)", t.sleutels.svb).status == .notFound)
            // What still waited is not sent after the end.
            #expect(try await UitgaandBericht.query(on: t.app.db).filter(\.$soort == .webhook).filter(\.$status == .wachtend).count() == 0)
        }
    }

    @Test func nieuweLinkAlleenAlsNummerEnAdresBijElkaarHoren() async throws {
        try await metApp { t in
            let (z, oud) = try await t.nieuweMelding()
            let adres = "j.devries@consumentenbond.example"
            #expect(try await mails(t, aan: adres).count == 1)
            let b = Browser(t)
            #expect(try await b.get("/status/kwijt").status == .ok)

            // A wrong address and a right one get the same answer; only the right one gets mail.
            let mis = try await b.post("/status/kwijt", ["zaaknummer": z, "email": "iemand@anders.example"])
            let raak = try await b.post("/status/kwijt", ["zaaknummer": z.lowercased(), "email": adres.uppercased()])
            #expect(mis.status == .seeOther && raak.status == .seeOther)
            #expect(mis.headers.first(name: .location) == raak.headers.first(name: .location))
            let nieuw = try #require(try await mails(t, aan: adres).last)
            #expect(nieuw.onderwerp.contains(z))
            let inhoud = try JSONDecoder().decode(Mailinhoud.self, from: Data(nieuw.inhoud.utf8))
            let link = try #require(inhoud.link)
            #expect(link.hasPrefix(t.app.instellingen.publiekeUrl + "/status/") && !link.hasSuffix(oud))
            // The new link works, the old one does not.
            #expect(try await b.get(String(link.dropFirst(t.app.instellingen.publiekeUrl.count))).status == .ok)
            #expect(try await b.get(oud).status == .notFound)
            #expect(try await b.get(oud).tekst.contains("/status/kwijt"))

            // Empty fields: messages next to the fields, with their labels, in the reader's language.
            let leeg = try await b.post("/status/kwijt", ["zaaknummer": "", "email": "geen-adres"])
            #expect(leeg.status == .badRequest)
            #expect(leeg.tekst.contains("Zaaknummer: Vul uw zaaknummer in.") && leeg.tekst.contains("E-mailadres: Vul een geldig e-mailadres in"))
            // Three new links a day at most.
            for _ in 0..<4 { _ = try await b.post("/status/kwijt", ["zaaknummer": z, "email": adres]) }
            #expect(try await mails(t, aan: adres).count == 1 + 3)
        }
    }

    @Test func ongelezenOpDeWerkvoorraadTotHetGeopendIs() async throws {
        try await metApp { t in
            let (z, link) = try await t.nieuweMelding()
            try await t.gebruiker("mira@meldpunt.nl", rol: .meldpunt, oin: TestApp.meldpuntOIN)
            let mira = Browser(t)
            #expect(try await mira.login("mira@meldpunt.nl").status == .seeOther)
            // New intake is not unread: it is new (issue 27). The melder writes: unread.
            var lijst = try await mira.get("/meldingen?map=ongelezen")
            #expect(!lijst.tekst.contains(z) && lijst.tekst.contains("Ongelezen (0)"))
            let schrijver = Browser(t)
            _ = try await schrijver.get(link)
            #expect(try await schrijver.post(link + "/berichten", ["bericht": "Nog een vraag."]).status == .seeOther)
            lijst = try await mira.get("/meldingen?map=ongelezen")
            #expect(lijst.tekst.contains(z) && lijst.tekst.contains("Ongelezen (1)"))
            // The API sees the same; a system reading it through its key does not make it read.
            func ongelezenViaAPI() async throws -> [String] {
                try await t.get("/api/v1/meldingen?ongelezen=true", t.sleutels.meldpunt).json([MeldingSamenvattingDTO].self).map(\.zaaknummer)
            }
            #expect(try await ongelezenViaAPI() == [z])
            _ = try await t.get("/api/v1/meldingen/\(z)", t.sleutels.meldpunt)
            #expect(try await ongelezenViaAPI() == [z])
            _ = try await mira.get("/meldingen/\(z)")
            lijst = try await mira.get("/meldingen?map=ongelezen")
            #expect(!lijst.tekst.contains(z) && lijst.tekst.contains("Ongelezen (0)"))
            #expect(try await ongelezenViaAPI() == [])
            // The melder writes back: unread again.
            let melder = Browser(t)
            _ = try await melder.get(link)
            #expect(try await melder.post(link + "/berichten", ["bericht": "Ik ben verhuisd."]).status == .seeOther)
            #expect(try await mira.get("/meldingen?map=ongelezen").tekst.contains(z))
        }
    }

    @Test func beheerZietUitgaandeBerichtenEnStuurtOpnieuw() async throws {
        try await metApp { t in
            _ = try await t.nieuweMelding()
            let rij = try #require(try await UitgaandBericht.query(on: t.app.db).filter(\.$aan == "j.devries@consumentenbond.example").first())
            rij.status = .mislukt
            rij.pogingen = 8
            rij.laatsteFout = "SMTP RCPT TO: 550 mailbox unavailable"
            try await rij.save(on: t.app.db)
            try await t.gebruiker("bea@meldpunt.nl", rol: .beheerder, oin: TestApp.meldpuntOIN)
            let bea = Browser(t)
            #expect(try await bea.login("bea@meldpunt.nl").status == .seeOther)
            let pagina = try await bea.get("/beheer/berichten?status=mislukt")
            #expect(pagina.status == .ok && pagina.tekst.contains("550 mailbox unavailable") && pagina.tekst.contains("Mislukt (1)"))
            let r = try await bea.post("/beheer/berichten/\(rij.id!.tekst)/opnieuw", [:])
            #expect(r.status == .seeOther)
            let weer = try #require(try await UitgaandBericht.find(rij.id, on: t.app.db))
            #expect(weer.status == .wachtend && weer.pogingen == 0)
            // The worker sends it.
            let ontvanger = t.app.bezorgers as! Geheugenbezorgers
            try await t.app.bezorging.ronde(nu: t.klok.nu)
            #expect(ontvanger.mails.contains { $0.id == rij.id })
            // Delivered messages stay a month, then housekeeping removes them.
            #expect(try await Huishouding.ruimOp(nu: t.klok.nu.addingTimeInterval(29 * 86_400), on: t.app.db).berichten == 0)
            #expect(try await Huishouding.ruimOp(nu: t.klok.nu.addingTimeInterval(31 * 86_400), on: t.app.db).berichten >= 1)
            #expect(try await UitgaandBericht.find(rij.id, on: t.app.db) == nil)
        }
    }

    @Test func bezorgkeuzeAlleenUitWatWordtAangeboden() async throws {
        try await metApp { t in
            try await t.gebruiker("bram@amsterdam.nl", rol: .bijhouder, gemeentecode: "0363")
            let bram = Browser(t)
            #expect(try await bram.login("bram@amsterdam.nl").status == .seeOther)
            // Own account: another value is said next to the choice, nothing changes.
            let fout = try await bram.post("/account/bezorging", ["bezorging": "wekelijks"])
            #expect(fout.status == .badRequest && fout.tekst.contains("Kies of u elk bericht direct wilt"))
            #expect(try await bram.post("/account/bezorging", ["bezorging": "dagelijks"]).status == .seeOther)
            #expect(try await Gebruiker.query(on: t.app.db).filter(\.$email == "bram@amsterdam.nl").first()?.bezorging == .dagelijks)
            // The gemeente's address: the same, and the address typed stays in the form.
            let instellingen = try await bram.post("/instellingen", ["meldingEmail": "brp@amsterdam.example", "bezorging": "elk uur"])
            #expect(instellingen.status == .badRequest && instellingen.tekst.contains("Hoe wilt u berichten per e-mail krijgen?: Kies of u elk bericht"))
            #expect(instellingen.tekst.contains("value=\"brp@amsterdam.example\""))
            let amsterdam = try await Organisaties.zoek(oin: nil, gemeentecode: "0363", on: t.app.db)
            #expect(amsterdam.meldingBezorging == .direct && amsterdam.meldingEmail != "brp@amsterdam.example")
            #expect(try await bram.post("/instellingen", ["meldingEmail": "brp@amsterdam.example", "bezorging": "dagelijks"]).status == .seeOther)
            let daarna = try await Organisaties.zoek(oin: nil, gemeentecode: "0363", on: t.app.db)
            #expect(daarna.meldingBezorging == .dagelijks && daarna.meldingEmail == "brp@amsterdam.example")
        }
    }
}
