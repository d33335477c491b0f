import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Testing
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntAPI
@testable import MeldpuntWeb

@Suite("MFO: het openbare meldformulier")
struct MeldenWebTests {
    @Test func scopevragenLeidenDeWeg() async throws {
        try await metApp { t in
            let b = Browser(t)
            _ = try await b.get("/melden")
            let leeg = try await b.volg(try await b.post("/melden", ["registratie": "BRP"]))
            #expect(heeftFouten(leeg))
            #expect(leeg.tekst.contains("href=\"#alBenaderdJa\"") && leeg.tekst.contains("href=\"#bezwaarJa\""))

            // A running bezwaar: where to get help (with a phone number), and the way back.
            let bezwaar = try await b.post("/melden", ["registratie": "BRP", "alBenaderd": "ja", "bezwaar": "ja"])
            #expect(bezwaar.status == .seeOther && bezwaar.headers.first(name: .location) == "/melden/bezwaar")
            let verwijzing = try await b.get("/melden/bezwaar")
            #expect(verwijzing.tekst.contains("Juridisch Loket") && verwijzing.tekst.contains("0800 8020") && verwijzing.tekst.contains("href=\"/melden\">Pas uw antwoord aan"))
            #expect(try await Melding.query(on: t.app.db).count() == 0)
            // Back to the questions: the answers are still there.
            let terug = try await b.get("/melden")
            #expect(terug.tekst.contains("id=\"bezwaarJa\" name=\"bezwaar\" value=\"ja\" checked") && terug.tekst.contains("value=\"BRP\" selected"))

            // Decided long ago: the melder may report; no contact yet: who to ask, and how.
            let eerstZelf = try await b.volg(try await b.post("/melden", ["registratie": "BRV", "alBenaderd": "nee", "bezwaar": "afgerond"]))
            #expect(eerstZelf.tekst.contains("De RDW") && eerstZelf.tekst.contains("https://www.rdw.nl") && eerstZelf.tekst.contains("0900 0739"))
            #expect(!eerstZelf.tekst.contains("Lukte dat niet"))
            let zonderReden = try await b.volg(try await b.post("/melden/eerst-zelf", ["redenNietBenaderd": " "]))
            #expect(heeftFouten(zonderReden) && zonderReden.tekst.contains("href=\"#redenNietBenaderd\""))
            let metReden = try await b.post("/melden/eerst-zelf", ["redenNietBenaderd": "Ik kan niet zelf bellen."])
            #expect(metReden.status == .seeOther && metReden.headers.first(name: .location) == "/melden/wie")
            // The form's first page has its own address: a reload shows it again.
            for _ in 0..<2 {
                let wie = try await b.get("/melden/wie")
                #expect(wie.status == .ok && wie.tekst.contains("name=\"melderType\"") && wie.tekst.contains("Stap 1 van 6"))
            }
            #expect(try await b.get("/melden/eerst-zelf").tekst.contains("Ik kan niet zelf bellen."))
            let wat = try await b.volg(try await b.postVelden("/melden/stap", [("melderType", "burger"), ("stap", "wie"), ("actie", "verder")]))
            #expect(wat.tekst.contains("name=\"registraties[]\" value=\"BRV\" checked"))
            // Nothing personal travels in the page: the draft is kept on the server, sealed.
            #expect(!wat.tekst.contains("Ik kan niet zelf bellen."))
            let concept = try #require(try await Meldconcept.query(on: t.app.db).first())
            #expect(!concept.inhoud.contains("bellen"))
        }
    }

    /// A registration named at the start stays chosen, also one the form does not offer a citizen.
    @Test func gekozenRegistratieBlijft() async throws {
        try await metApp { t in
            let b = Browser(t)
            _ = try await b.get("/melden")
            _ = try await b.post("/melden", ["registratie": "HR", "alBenaderd": "ja", "bezwaar": "nee"])
            let wat = try await b.volg(try await b.postVelden("/melden/stap", [("melderType", "burger"), ("stap", "wie"), ("actie", "verder")]))
            #expect(wat.tekst.contains("<h1>Wat is er fout?</h1>") && wat.tekst.contains("id=\"registratieHR\" name=\"registraties[]\" value=\"HR\" checked"))
        }
    }

    /// Back, reload and a bookmark never lose what was typed; stopping erases it; sending ends it.
    @Test func terugEnHerladenVerliezenNiets() async throws {
        try await metApp { t in
            let b = Browser(t)
            _ = try await b.get("/melden")
            // Without a draft a page of the form leads to the start.
            let zonder = try await b.get("/melden/contact")
            #expect(zonder.status == .seeOther && zonder.headers.first(name: .location) == "/melden")
            _ = try await b.post("/melden", ["registratie": "BRP", "alBenaderd": "ja", "bezwaar": "nee"])
            _ = try await verder(b, "wie", [("melderType", "burger")])
            _ = try await verder(b, "wat", [("registraties[]", "BRP"), ("watIsFout", "Mijn adres klopt niet.")])
            // An error: shown at once (400), and what was typed is kept for Back and reload.
            let fout = try await b.volg(try await b.postVelden("/melden/stap", [("betrokkenOrganisaties", "Gemeente Delft"), ("gevolgSoort[]", ""), ("gevolgOrganisatie[]", ""),
                                                                             ("gevolgDatum[]", "gisteren"), ("gevolgOmschrijving[]", ""), ("stap", "gevolgen"), ("actie", "verder")]))
            #expect(heeftFouten(fout))
            #expect(fout.tekst.contains(">Gemeente Delft</textarea>"))
            // A reload shows the same page with the same problems; another page shows none of them.
            let herladen = try await b.get("/melden/gevolgen")
            #expect(heeftFouten(herladen) && herladen.tekst.contains(">Gemeente Delft</textarea>"))
            // Back in the browser: the earlier page as it was filled in.
            let watTerug = try await b.get("/melden/wat")
            #expect(!heeftFouten(watTerug))
            #expect(watTerug.tekst.contains(">Mijn adres klopt niet.</textarea>") && watTerug.tekst.contains("value=\"BRP\" checked"))
            // "Vorige stap" saves this page without checks and goes back.
            let vorige = try await b.postVelden("/melden/stap", [("betrokkenOrganisaties", "Gemeente Delft, CJIB"), ("stap", "gevolgen"), ("actie", "terug")])
            #expect(vorige.status == .seeOther && vorige.headers.first(name: .location) == "/melden/wat")
            #expect(try await b.get("/melden/gevolgen").tekst.contains(">Gemeente Delft, CJIB</textarea>"))
            // A page that does not apply to a citizen leads on.
            #expect(try await b.get("/melden/over").headers.first(name: .location) == "/melden/wat")

            // Stopping erases the draft and its key.
            #expect(try await Meldconcept.query(on: t.app.db).count() == 1)
            let gewist = try await b.volg(try await b.post("/melden/wissen", [:]))
            #expect(gewist.tekst.contains("Wat u had ingevuld, is gewist."))
            #expect(try await Meldconcept.query(on: t.app.db).count() == 0 && b.cookies["meldpunt_meldconcept"] == nil)
            #expect(try await b.get("/melden/wat").headers.first(name: .location) == "/melden")
        }
    }

    /// The questions come first: a running bezwaar never reaches the form, "no contact yet" needs its
    /// reason, and a page of a draft that has gone starts over (never with a sent melding's token).
    @Test func vragenEerstEnGeenOudeToken() async throws {
        try await metApp { t in
            let b = Browser(t)
            _ = try await b.get("/melden")
            _ = try await b.post("/melden", ["registratie": "BRP", "alBenaderd": "ja", "bezwaar": "ja"])
            #expect(try await b.get("/melden/wie").headers.first(name: .location) == "/melden/bezwaar")
            #expect(try await b.postVelden("/melden/stap", [("melderType", "burger"), ("stap", "wie"), ("actie", "verder")]).headers.first(name: .location) == "/melden/bezwaar")
            #expect(!(try await b.get("/melden")).tekst.contains("U was al bezig"))
            _ = try await b.post("/melden", ["registratie": "BRP", "alBenaderd": "nee", "bezwaar": "nee"])
            #expect(try await b.get("/melden/contact").headers.first(name: .location) == "/melden/eerst-zelf")

            // Send one melding; then post an old page of it (Back): from the start, not with its token.
            let c = Browser(t)
            _ = try await c.get("/melden")
            _ = try await c.post("/melden", ["registratie": "BRP", "alBenaderd": "ja", "bezwaar": "nee"])
            let wie = try await c.get("/melden/wie")
            let token = try #require(wie.tekst.firstMatch(of: /name="formulierToken" value="([^"]+)"/).map { String($0.1) })
            var velden = geldig.map { ($0.key, $0.value) }.filter { $0.0 != "toestemming" }
            velden += [("stap", "controle"), ("actie", "versturen"), ("toestemming", "ja")]
            for (stap, v) in [("wie", [("melderType", "burger")]), ("wat", [("registraties[]", "BRP"), ("watIsFout", "Oud adres.")]),
                              ("gevolgen", [("betrokkenOrganisaties", "Gemeente Rotterdam")]), ("contact", [("naam", "Jan"), ("email", "jan@example.nl")])] {
                _ = try await c.postVelden("/melden/stap", v + [("stap", stap), ("actie", "verder")])
            }
            #expect(try await c.postVelden("/melden/formulier", [("toestemming", "ja"), ("stap", "controle"), ("actie", "versturen")]).status == .seeOther)
            #expect(try await Melding.query(on: t.app.db).count() == 1)
            let oud = try await c.postVelden("/melden/stap", [("melderType", "burger"), ("stap", "wie"), ("actie", "verder"), ("formulierToken", token)])
            let concepten = try await Meldconcept.query(on: t.app.db).count()
            #expect(oud.headers.first(name: .location) == "/melden" && concepten == 1)   // only b's
            // A new melding from the start is filed as a new one.
            _ = try await c.post("/melden", ["registratie": "BRP", "alBenaderd": "ja", "bezwaar": "nee"])
            for (stap, v) in [("wie", [("melderType", "burger")]), ("wat", [("registraties[]", "BRP"), ("watIsFout", "Nog een fout.")]),
                              ("gevolgen", [("betrokkenOrganisaties", "RDW")]), ("contact", [("naam", "Jan"), ("email", "jan@example.nl")])] {
                _ = try await c.postVelden("/melden/stap", v + [("stap", stap), ("actie", "verder")])
            }
            #expect(try await c.postVelden("/melden/formulier", [("toestemming", "ja"), ("stap", "controle"), ("actie", "versturen")]).status == .seeOther)
            #expect(try await Melding.query(on: t.app.db).count() == 2)
            _ = velden
        }
    }

    /// "Stoppen en wissen" takes the draft's files with it at once.
    @Test func wissenNeemtBestandenMee() async throws {
        try await metApp { t in
            let b = Browser(t)
            _ = try await b.get("/melden")
            _ = try await b.post("/melden", ["registratie": "BRP", "alBenaderd": "ja", "bezwaar": "nee"])
            _ = try await verder(b, "bijlagen", [], bestanden: [("bijlage[]", "brief.pdf", Voorbeeld.pdf)])
            #expect(try await BijlageInhoud.query(on: t.app.db).count() == 1)
            _ = try await b.post("/melden/wissen", [:])
            let bestanden = try await BijlageInhoud.query(on: t.app.db).count(), concepten = try await Meldconcept.query(on: t.app.db).count()
            #expect(bestanden == 0 && concepten == 0)
            // A draft too large to keep is refused, never kept unreadable.
            await #expect(throws: Meldconcepten.Fout.self) {
                _ = try await Meldconcepten.bewaar(String(repeating: "x", count: Meldconcepten.maxInhoud), bijlagen: [], sleutel: nil, nu: t.klok.nu, on: t.app.db)
            }
        }
    }

    /// A draft is kept a day after its last change, then housekeeping removes it.
    @Test func conceptVerlooptNaEenDag() async throws {
        try await metApp { t in
            let b = Browser(t)
            _ = try await b.get("/melden")
            _ = try await b.post("/melden", ["registratie": "BRP", "alBenaderd": "ja", "bezwaar": "nee"])
            let nu = t.app.klok.nu()
            #expect(try await Meldconcepten.ruimOp(nu: nu.addingTimeInterval(23 * 3600), on: t.app.db) == 0)
            #expect(try await Meldconcepten.ruimOp(nu: nu.addingTimeInterval(25 * 3600), on: t.app.db) == 1)
            // Another key does not open a draft.
            let cookie = try #require(b.cookies["meldpunt_meldconcept"])
            let sleutel = try #require(Meldconcepten.Sleutel(cookie: cookie))
            let vals = try #require(Meldconcepten.Sleutel(cookie: "\(sleutel.id.uuidString.lowercased()).\(Sleutels.base64url(Data(repeating: 7, count: 32)))"))
            let nieuw = try await Meldconcepten.bewaar(["a": "b"], bijlagen: [], sleutel: nil, nu: nu, on: t.app.db)
            #expect(try await Meldconcepten.laad(nieuw, [String: String].self, nu: nu, on: t.app.db) == ["a": "b"])
            #expect(try await Meldconcepten.laad(vals, [String: String].self, nu: nu, on: t.app.db) == nil)
            #expect(Meldconcepten.Sleutel(cookie: "kapot") == nil && Meldconcepten.Sleutel(cookie: "\(UUID().uuidString).a") == nil)
        }
    }

    private let geldig: [String: String] = [
        "organisatieAlBenaderd": "ja", "melderType": "burger", "registraties[]": "BRP",
        "betrokkenOrganisaties": "Gemeente Rotterdam\nBelastingdienst/Toeslagen",
        "watIsFout": "Ik sta op een oud adres; mijn huurtoeslag is gestopt.", "gevolgSoort[]": "stopgezetteToeslag",
        "gevolgOrganisatie[]": "Belastingdienst/Toeslagen", "gevolgDatum[]": "2026-12-31", "naam": "Suzanne Moulin",
        "email": "s.moulin@example.nl", "postcode": "3077 AW", "voorkeurKanaal": "email", "toestemming": "ja",
    ]

    @Test func meldingDoenMetBijlage() async throws {
        try await metApp { t in
            let b = Browser(t)
            _ = try await b.get("/melden")
            let verstuurd = try await b.postMultipart("/melden/formulier", geldig, bestanden: [("bijlage[]", "brief.pdf", Voorbeeld.pdf)])
            #expect(verstuurd.status == .seeOther && verstuurd.headers.first(name: .location) == "/melden/ontvangen", "\(verstuurd.tekst.prefix(400))")
            let r = try await b.get("/melden/ontvangen")
            #expect(r.status == .ok, "\(r.tekst.prefix(400))")
            #expect(r.tekst.contains("MFO-2026-000001"))
            let bereik = try #require(r.tekst.range(of: #"<code id="statuslink">[^<]*</code>"#, options: .regularExpression))
            let link = String(r.tekst[bereik]).replacingOccurrences(of: "<code id=\"statuslink\">", with: "").replacingOccurrences(of: "</code>", with: "")
            let pad = try #require(link.range(of: "/status/").map { String(link[$0.lowerBound...]) })
            #expect(try await Browser(t).get(pad).tekst.contains("MFO-2026-000001"))
            let m = try #require(try await Melding.query(on: t.app.db).first())
            #expect(m.$ingediendDoor.id == nil)
            #expect(try await MeldingBijlage.query(on: t.app.db).filter(\.$melding.$id == m.id!).count() == 1)
            let p = try #require(try await MeldingPersoonsgegevens.find(m.id, on: t.app.db))
            #expect(p.naam == "Suzanne Moulin")
            #expect(p.inhoud.contains("Belastingdienst/Toeslagen"))
        }
    }

    @Test func foutenZonderVerlies() async throws {
        try await metApp { t in
            let b = Browser(t)
            _ = try await b.get("/melden")
            var onvolledig = geldig
            onvolledig["naam"] = ""
            onvolledig["toestemming"] = nil
            onvolledig["postcode"] = "0000 XX"
            let fout = try await b.volg(try await b.postMultipart("/melden/formulier", onvolledig, bestanden: [("bijlage[]", "foto.png", Voorbeeld.png)]))
            #expect(heeftFouten(fout))
            // Sent at once (no page given): the check page lists every problem, each linking to its part.
            for id in ["stap-contact", "toestemming"] { #expect(fout.tekst.contains("href=\"#\(id)\""), "\(id)") }
            #expect(fout.tekst.contains("Uw naam: Vul uw naam in.") && fout.tekst.contains("Postcode: Vul een postcode in"))
            #expect(fout.tekst.contains("Uw toestemming: Zonder uw toestemming"))   // a label, never a parameter name
            #expect(!fout.tekst.contains("toestemming.gegeven") && !fout.tekst.contains("melder.naam"))
            #expect(fout.tekst.contains("Ik sta op een oud adres"))          // typed text kept
            #expect(fout.tekst.contains(">foto.png</dd>"))                    // upload kept
            #expect(try await Melding.query(on: t.app.db).count() == 0)

            // What was sent is now the draft: fix the contact part from the check page, then send.
            #expect(try await b.get("/melden/controle").tekst.contains(">foto.png</dd>"))
            #expect(try await verder(b, "controle", [], actie: "contact").tekst.contains("<h1>Hoe kunnen we u bereiken?</h1>"))
            let controle = try await verder(b, "contact", [("naam", "Suzanne Moulin"), ("email", "s.moulin@example.nl"), ("postcode", "3077 AW"), ("voorkeurKanaal", "email")])
            #expect(controle.tekst.contains("<h1>Kijk uw melding na</h1>"), "\(controle.tekst.prefix(300))")
            let ok = try await b.postVelden("/melden/formulier", [("toestemming", "ja"), ("stap", "controle"), ("actie", "versturen")])
            #expect(ok.status == .seeOther, "\(ok.tekst.prefix(300))")
            let m = try #require(try await Melding.query(on: t.app.db).first())
            #expect(try await MeldingBijlage.query(on: t.app.db).filter(\.$melding.$id == m.id!).first()?.bestandsnaam == "foto.png")
            #expect(try await Meldconcept.query(on: t.app.db).count() == 0)

            // A forged reference is ignored, not trusted.
            let ander = Browser(t)
            _ = try await ander.get("/melden")
            var vals = geldig.map { ($0.key, $0.value) }
            vals.append(("bijlageRefs[]", "YQ==|\(Sleutels.sha256Hex(Voorbeeld.pdf))|application/pdf|0000"))
            _ = try await ander.postVelden("/melden/formulier", vals)
            let tweede = try #require(try await Melding.query(on: t.app.db).filter(\.$zaaknummer == "MFO-2026-000002").first())
            #expect(try await MeldingBijlage.query(on: t.app.db).filter(\.$melding.$id == tweede.id!).count() == 0)
        }
    }

    /// A page showing problems: the summary at its top (shown after a redirect, so a GET's 200).
    private func heeftFouten(_ p: TestResponse) -> Bool { p.status == .ok && p.tekst.contains("class=\"foutsamenvatting\"") }

    /// Sends one page of the form as a browser would (its own fields; the rest is in the draft) and
    /// follows the redirect to the next page; a page with errors comes back as it is.
    private func verder(_ b: Browser, _ stap: String, _ velden: [(String, String)], actie: String = "verder",
                        bestanden: [(veld: String, naam: String, data: Data)] = []) async throws -> TestResponse {
        let alle = velden + [("stap", stap), ("actie", actie)]
        // As the page's form and buttons say: sending and files have their own doors.
        let pad = actie == "versturen" ? "/melden/formulier" : stap == "bijlagen" ? "/melden/bestanden" : "/melden/stap"
        let r = bestanden.isEmpty ? try await b.postVelden(pad, alle) : try await b.postMultipart(pad, alle, bestanden: bestanden)
        return r.headers.first(name: .location) == "/melden/ontvangen" ? r : try await b.volg(r)
    }

    /// The form in steps: one topic per page, each page checked (all its problems at once) before the
    /// next opens, only what applies to who reports, several consequences, a check page with
    /// "Wijzigen" per part, and a confirmation that says what happens next.
    @Test func inStappenMetControle() async throws {
        try await metApp { t in
            let b = Browser(t)
            _ = try await b.get("/melden")
            var p = try await b.volg(try await b.post("/melden", ["registratie": "BRP", "alBenaderd": "ja", "bezwaar": "nee"]))
            #expect(p.tekst.contains("<h1>Voor wie meldt u?</h1>"))

            p = try await verder(b, "wie", [])
            #expect(heeftFouten(p) && p.tekst.contains("href=\"#melderTypeburger\">Wie meldt?: Kies wie meldt.") && !p.tekst.contains("Vul uw naam in"))
            p = try await verder(b, "wie", [("melderType", "burger")])
            #expect(p.tekst.contains("Stap 2 van 6") && p.tekst.contains("<h1>Wat is er fout?</h1>"))
            // A citizen is offered the registrations citizens have, in their words; never a KvK field.
            #expect(p.tekst.contains("Auto, motor of ander voertuig (RDW)") && !p.tekst.contains("value=\"BGT\"") && !p.tekst.contains("kvkNummer"))
            #expect(p.tekst.contains("id=\"registratieBRP\" name=\"registraties[]\" value=\"BRP\" checked"))

            // Every problem of this page at once, none of later pages.
            p = try await verder(b, "wat", [("watIsFout", "")])
            #expect(heeftFouten(p) && p.tekst.contains("href=\"#watIsFout\"") && p.tekst.contains("href=\"#registratieBRP\""))
            #expect(!p.tekst.contains("href=\"#betrokkenOrganisaties\""))
            #expect(!p.tekst.contains("href=\"#naam\"") && !p.tekst.contains("href=\"#toestemming\""))
            p = try await verder(b, "wat", [("registraties[]", "BRP"), ("registraties[]", "BRV"), ("watIsFout", "Ik sta op een oud adres.")])
            #expect(p.tekst.contains("<h1>Wat merkt u ervan?</h1>") && p.tekst.contains("id=\"gevolgSoort1\"") && !p.tekst.contains("id=\"gevolgSoort2\""))

            // Several consequences: a row more on request, what was typed kept.
            let eerste: [(String, String)] = [("betrokkenOrganisaties", "Gemeente Rotterdam"), ("gevolgSoort[]", "boete"), ("gevolgOrganisatie[]", "CJIB"), ("gevolgDatum[]", "2026-12-31"), ("gevolgOmschrijving[]", "")]
            p = try await verder(b, "gevolgen", eerste, actie: "gevolg")
            #expect(p.tekst.contains("id=\"gevolgSoort2\"") && p.tekst.contains("value=\"CJIB\""))
            p = try await verder(b, "gevolgen", [("betrokkenOrganisaties", "Gemeente Rotterdam"), ("gevolgSoort[]", "boete"), ("gevolgSoort[]", ""), ("gevolgOrganisatie[]", "CJIB"), ("gevolgOrganisatie[]", "Belastingdienst"),
                                                    ("gevolgDatum[]", "2026-12-31"), ("gevolgDatum[]", "morgen"), ("gevolgOmschrijving[]", ""), ("gevolgOmschrijving[]", "")])
            #expect(heeftFouten(p) && p.tekst.contains("Gevolg 2: Wat gebeurt er?: Kies wat er gebeurt.") && p.tekst.contains("Gevolg 2: Voor welke datum"), "\(p.tekst.components(separatedBy: "foutsamenvatting").last?.prefix(900) ?? "")")
            let gevolgen: [(String, String)] = [("betrokkenOrganisaties", "Gemeente Rotterdam"), ("gevolgSoort[]", "boete"), ("gevolgSoort[]", "stopgezetteToeslag"), ("gevolgOrganisatie[]", "CJIB"),
                                                ("gevolgOrganisatie[]", "Belastingdienst"), ("gevolgDatum[]", "2026-12-31"), ("gevolgDatum[]", ""),
                                                ("gevolgOmschrijving[]", ""), ("gevolgOmschrijving[]", "")]
            p = try await verder(b, "gevolgen", gevolgen)
            #expect(p.tekst.contains("<h1>Hoe kunnen we u bereiken?</h1>") && p.tekst.contains("id=\"bsn\""))

            p = try await verder(b, "contact", [("naam", "Suzanne Moulin"), ("email", "geen-adres"), ("voorkeurKanaal", "email")])
            #expect(heeftFouten(p) && p.tekst.contains("href=\"#email\"") && p.tekst.contains("value=\"Suzanne Moulin\""))
            p = try await verder(b, "contact", [("naam", "Suzanne Moulin"), ("email", "s.moulin@example.nl"), ("voorkeurKanaal", "email")])
            #expect(p.tekst.contains("<h1>Wilt u iets meesturen?</h1>"))
            p = try await verder(b, "bijlagen", [], bestanden: [("bijlage[]", "brief.pdf", Voorbeeld.pdf)])
            #expect(p.tekst.contains("<h1>Kijk uw melding na</h1>") && p.tekst.contains(">brief.pdf</dd>"))
            #expect(p.tekst.contains("Boete · CJIB · uiterlijk 31 december 2026") || p.tekst.contains("CJIB · uiterlijk 31 december 2026"))
            #expect(p.tekst.contains("value=\"contact\" class=\"link-knop\">Wijzigen"))

            // Change from the check page, and straight back to it.
            p = try await verder(b, "controle", [], actie: "contact")
            #expect(p.tekst.contains("<h1>Hoe kunnen we u bereiken?</h1>") && p.tekst.contains("Opslaan en terug naar het overzicht"))
            p = try await verder(b, "contact", [("naam", "S. Moulin"), ("email", "s.moulin@example.nl"), ("voorkeurKanaal", "email")])
            #expect(p.tekst.contains("<h1>Kijk uw melding na</h1>") && p.tekst.contains(">S. Moulin</dd>"))

            p = try await verder(b, "controle", [], actie: "versturen")
            #expect(heeftFouten(p) && p.tekst.contains("href=\"#toestemming\""))
            #expect(try await Melding.query(on: t.app.db).count() == 0)
            p = try await verder(b, "controle", [("toestemming", "ja")], actie: "versturen")
            #expect(p.status == .seeOther, "\(p.tekst.prefix(500))")
            let bevestiging = try await b.get("/melden/ontvangen")
            #expect(bevestiging.tekst.contains("Uiterlijk op <strong>25 november 2026</strong> nemen wij persoonlijk contact met u op."))
            #expect(bevestiging.tekst.contains("Wij hebben u ook een e-mail gestuurd met deze link."))
            let m = try #require(try await Melding.query(on: t.app.db).first())
            let invoer = try JSONDecoder().decode(MeldingInvoer.self, from: Data(try #require(try await MeldingPersoonsgegevens.find(m.id, on: t.app.db)).inhoud.utf8))
            #expect(invoer.gevolgen?.map(\.soort) == ["boete", "stopgezetteToeslag"] && invoer.melder?.naam == "S. Moulin" && invoer.kvkNummer == nil)
            #expect(m.registraties == "BRP,BRV")
            #expect(try await MeldingBijlage.query(on: t.app.db).filter(\.$melding.$id == m.id!).count() == 1)
        }
    }

    /// "My data are right, an organisation reads them wrongly" is a choice in plain words among
    /// the questions before the form; the question about the description follows it, going back
    /// keeps it, the check page names it, and the staff's analysis starts from it.
    @Test func juistGegevenVerkeerdGebruikt() async throws {
        try await metApp { t in
            let b = Browser(t)
            let vragen = try await b.get("/melden")
            #expect(vragen.tekst.contains("<legend>Wat is er aan de hand?</legend>"))
            #expect(vragen.tekst.contains("id=\"probleemsoort-onjuistGegeven\" name=\"probleemsoort\" value=\"onjuistGegeven\" checked"))
            #expect(vragen.tekst.contains("Mijn gegevens kloppen, maar een organisatie leest of gebruikt ze verkeerd"))
            _ = try await b.volg(try await b.post("/melden", ["registratie": "BRP", "alBenaderd": "ja", "bezwaar": "nee", "probleemsoort": "onjuisteInterpretatie"]))
            _ = try await verder(b, "wie", [("melderType", "burger")])
            var p = try await verder(b, "wat", [("registraties[]", "BRP"), ("watIsFout", "")])
            #expect(heeftFouten(p) && p.tekst.contains("welk gegeven de organisatie verkeerd gebruikt"))
            p = try await verder(b, "wat", [("registraties[]", "BRP"), ("watIsFout", "Mijn adres klopt, maar de gemeente denkt dat ik er niet woon.")])
            #expect(p.tekst.contains("<h1>Wat merkt u ervan?</h1>"))
            // Back to the questions: the choice is still there.
            #expect(try await b.get("/melden").tekst.contains("value=\"onjuisteInterpretatie\" checked"))
            _ = try await verder(b, "gevolgen", [("betrokkenOrganisaties", "Gemeente Utrecht")])
            _ = try await verder(b, "contact", [("naam", "Suzanne Moulin"), ("email", "s.moulin@example.nl"), ("voorkeurKanaal", "email")])
            p = try await verder(b, "bijlagen", [])
            #expect(p.tekst.contains("<dt>Wat is er aan de hand?</dt><dd class=\"toelichting-kort\">Mijn gegevens kloppen, maar een organisatie leest of gebruikt ze verkeerd</dd>"))
            #expect(try await verder(b, "controle", [("toestemming", "ja")], actie: "versturen").status == .seeOther)
            let m = try #require(try await Melding.query(on: t.app.db).first())
            #expect(m.probleemsoort == .onjuisteInterpretatie)

            let staf = try await t.medewerker()
            #expect(try await staf.post("/meldingen/\(m.zaaknummer)/contact", ["datum": Dag(t.klok.nu).description, "kanaal": "telefoon", "samenvatting": "Gebeld."]).status == .seeOther)
            let analyse = try await staf.get("/meldingen/\(m.zaaknummer)/analyse")
            #expect(analyse.tekst.contains("<legend>Wat vond de analyse?</legend>"))
            #expect(analyse.tekst.contains("id=\"bevinding-onjuisteInterpretatie\" name=\"bevinding\" value=\"onjuisteInterpretatie\" checked"))
            #expect(try await staf.get("/meldingen/\(m.zaaknummer)").tekst.contains("Soort probleem volgens de melder"))
        }
    }

    /// Files arrive only through /melden/bestanden (strictly limited); /melden/stap stores none.
    @Test func bestandenAlleenViaHunEigenDeur() async throws {
        try await metApp { t in
            let b = Browser(t)
            _ = try await b.get("/melden")
            _ = try await b.post("/melden", ["registratie": "BRP", "alBenaderd": "ja", "bezwaar": "nee"])
            let voor = try await BijlageInhoud.query(on: t.app.db).count()
            let stap = try await verder(b, "wie", [("melderType", "burger")], bestanden: [("bijlage[]", "brief.pdf", Voorbeeld.pdf)])
            #expect(stap.status == .ok && stap.tekst.contains("<h1>Wat is er fout?</h1>"))
            #expect(try await BijlageInhoud.query(on: t.app.db).count() == voor)
            #expect(t.app.snelheidsbegrenzer.regel(.POST, "/melden/bestanden")?.naam == "melden")
            #expect(t.app.snelheidsbegrenzer.regel(.POST, "/melden/stap")?.naam == "meldenStap")
        }
    }

    /// A business gets its own page with name and KvK number; a citizen never does.
    @Test func bedrijfKrijgtEigenStap() async throws {
        try await metApp { t in
            let b = Browser(t)
            _ = try await b.get("/melden")
            _ = try await b.post("/melden", ["registratie": "HR", "alBenaderd": "ja", "bezwaar": "nee"])
            var p = try await verder(b, "wie", [("melderType", "bedrijf")])
            #expect(p.tekst.contains("Stap 2 van 7") && p.tekst.contains("id=\"kvkNummer\"") && !p.tekst.contains("id=\"vertegenwoordigdeNaam\""))
            p = try await verder(b, "over", [("organisatieNaam", ""), ("kvkNummer", "123")])
            #expect(heeftFouten(p) && p.tekst.contains("href=\"#organisatieNaam\"") && p.tekst.contains("Een KvK-nummer bestaat uit 8 cijfers."))
        }
    }

    /// An English reader gets English messages next to the fields, named by their labels.
    @Test func foutenInHetEngels() async throws {
        try await metApp { t in
            let b = Browser(t)
            _ = try await b.get("/melden")
            b.cookies["meldpunt_taal"] = "en"
            var onvolledig = geldig
            onvolledig["naam"] = ""
            onvolledig["email"] = "geen-adres"
            onvolledig["toestemming"] = nil
            let fout = try await b.volg(try await b.postMultipart("/melden/formulier", onvolledig, bestanden: []))
            #expect(heeftFouten(fout))
            #expect(fout.tekst.contains("Enter your name."), "\(fout.tekst.prefix(300))")
            #expect(fout.tekst.contains("Enter a valid email address"))
            #expect(fout.tekst.contains("Without your consent we cannot handle your report."))
            for dutch in ["Vul uw naam in", "Zonder uw toestemming", "Vul een geldig e-mailadres"] { #expect(!fout.tekst.contains(dutch), "\(dutch)") }
            for technisch in ["melder.naam", "melder.email", "toestemming.gegeven", "urn:"] { #expect(!fout.tekst.contains(technisch), "\(technisch)") }
        }
    }
}
