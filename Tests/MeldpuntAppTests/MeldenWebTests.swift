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
            let leeg = try await b.post("/melden", ["registratie": "BRP"])
            #expect(leeg.status == .badRequest)
            #expect(leeg.tekst.contains("href=\"#alBenaderdJa\"") && leeg.tekst.contains("href=\"#bezwaarJa\""))

            let bezwaar = try await b.post("/melden", ["registratie": "BRP", "alBenaderd": "ja", "bezwaar": "ja"])
            #expect(bezwaar.status == .ok && bezwaar.tekst.contains("Juridisch Loket"))
            #expect(try await Melding.query(on: t.app.db).count() == 0)

            let eerstZelf = try await b.post("/melden", ["registratie": "BRV", "alBenaderd": "nee", "bezwaar": "nee"])
            #expect(eerstZelf.tekst.contains("RDW"))                                  // who holds the data
            let zonderReden = try await b.post("/melden", ["registratie": "BRV", "alBenaderd": "nee", "bezwaar": "nee", "stap": "reden", "redenNietBenaderd": ""])
            #expect(zonderReden.status == .badRequest)
            let metReden = try await b.post("/melden", ["registratie": "BRV", "alBenaderd": "nee", "bezwaar": "nee", "stap": "reden",
                                                        "redenNietBenaderd": "Ik kan niet zelf bellen."])
            // On to the form's first page; the answers so far travel along.
            #expect(metReden.status == .ok && metReden.tekst.contains("name=\"melderType\"") && metReden.tekst.contains("Stap 1 van 6"))
            #expect(metReden.tekst.contains("name=\"redenNietBenaderd\" value=\"Ik kan niet zelf bellen.\""))
            #expect(metReden.tekst.contains("name=\"registraties[]\" value=\"BRV\""))
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
            let fout = try await b.postMultipart("/melden/formulier", onvolledig, bestanden: [("bijlage[]", "foto.png", Voorbeeld.png)])
            #expect(fout.status == .badRequest)
            // Sent at once (no page given): the check page lists every problem, each linking to its part.
            for id in ["stap-contact", "toestemming"] { #expect(fout.tekst.contains("href=\"#\(id)\""), "\(id)") }
            #expect(fout.tekst.contains("Uw naam: Vul uw naam in.") && fout.tekst.contains("Postcode: Vul een postcode in"))
            #expect(fout.tekst.contains("Uw toestemming: Zonder uw toestemming"))   // a label, never a parameter name
            #expect(!fout.tekst.contains("toestemming.gegeven") && !fout.tekst.contains("melder.naam"))
            #expect(fout.tekst.contains("Ik sta op een oud adres"))          // typed text kept
            #expect(fout.tekst.contains(">foto.png</dd>"))                    // upload kept
            #expect(try await Melding.query(on: t.app.db).count() == 0)

            // Resubmit what the page now holds, with the missing parts filled in.
            let ref = try #require(fout.tekst.range(of: #"name="bijlageRefs\[\]" value="[^"]*""#, options: .regularExpression))
            let waarde = String(fout.tekst[ref].split(separator: "\"")[3]).replacingOccurrences(of: "&#43;", with: "+")
            var velden = geldig.map { ($0.key, $0.value) }
            velden.append(("bijlageRefs[]", waarde))
            let ok = try await b.postVelden("/melden/formulier", velden)
            #expect(ok.status == .seeOther, "\(ok.tekst.prefix(300))")
            let m = try #require(try await Melding.query(on: t.app.db).first())
            #expect(try await MeldingBijlage.query(on: t.app.db).filter(\.$melding.$id == m.id!).first()?.bestandsnaam == "foto.png")

            // A forged reference is ignored, not trusted.
            var vals = geldig.map { ($0.key, $0.value) }
            vals.append(("bijlageRefs[]", "YQ==|\(Sleutels.sha256Hex(Voorbeeld.pdf))|application/pdf|0000"))
            _ = try await b.postVelden("/melden/formulier", vals)
            let tweede = try #require(try await Melding.query(on: t.app.db).filter(\.$zaaknummer == "MFO-2026-000002").first())
            #expect(try await MeldingBijlage.query(on: t.app.db).filter(\.$melding.$id == tweede.id!).count() == 0)
        }
    }

    /// Sends the page's form as a browser would: its hidden fields, then what the melder filled in.
    private func verder(_ b: Browser, _ pagina: TestResponse, _ stap: String, _ velden: [(String, String)], actie: String = "verder",
                        bestanden: [(veld: String, naam: String, data: Data)] = []) async throws -> TestResponse {
        let verborgen = Browser.verborgenVelden(pagina.tekst).filter { v in v.0 != "stap" && !velden.contains { $0.0 == v.0 } }
        let alle = verborgen + velden + [("stap", stap), ("actie", actie)]
        // As the page's form and buttons say: sending and files have their own doors.
        let pad = actie == "versturen" ? "/melden/formulier" : stap == "bijlagen" ? "/melden/bestanden" : "/melden/stap"
        return bestanden.isEmpty ? try await b.postVelden(pad, alle) : try await b.postMultipart(pad, alle, bestanden: bestanden)
    }

    /// The form in steps: one topic per page, each page checked (all its problems at once) before the
    /// next opens, only what applies to who reports, several consequences, a check page with
    /// "Wijzigen" per part, and a confirmation that says what happens next.
    @Test func inStappenMetControle() async throws {
        try await metApp { t in
            let b = Browser(t)
            _ = try await b.get("/melden")
            var p = try await b.post("/melden", ["registratie": "BRP", "alBenaderd": "ja", "bezwaar": "nee"])
            #expect(p.tekst.contains("<h1>Voor wie meldt u?</h1>"))

            p = try await verder(b, p, "wie", [])
            #expect(p.status == .badRequest && p.tekst.contains("href=\"#melderTypeburger\">Wie meldt?: Kies wie meldt.") && !p.tekst.contains("Vul uw naam in"))
            p = try await verder(b, p, "wie", [("melderType", "burger")])
            #expect(p.tekst.contains("Stap 2 van 6") && p.tekst.contains("<h1>Wat is er fout?</h1>"))
            // A citizen is offered the registrations citizens have, in their words; never a KvK field.
            #expect(p.tekst.contains("Auto, motor of ander voertuig (RDW)") && !p.tekst.contains("value=\"BGT\"") && !p.tekst.contains("kvkNummer"))
            #expect(p.tekst.contains("id=\"registratieBRP\" name=\"registraties[]\" value=\"BRP\" checked"))

            // Every problem of this page at once, none of later pages.
            p = try await verder(b, p, "wat", [("watIsFout", "")])
            #expect(p.status == .badRequest && p.tekst.contains("href=\"#watIsFout\"") && p.tekst.contains("href=\"#registratieBRP\""))
            #expect(!p.tekst.contains("href=\"#betrokkenOrganisaties\""))
            #expect(!p.tekst.contains("href=\"#naam\"") && !p.tekst.contains("href=\"#toestemming\""))
            p = try await verder(b, p, "wat", [("registraties[]", "BRP"), ("registraties[]", "BRV"), ("watIsFout", "Ik sta op een oud adres.")])
            #expect(p.tekst.contains("<h1>Wat merkt u ervan?</h1>") && p.tekst.contains("id=\"gevolgSoort1\"") && !p.tekst.contains("id=\"gevolgSoort2\""))

            // Several consequences: a row more on request, what was typed kept.
            let eerste: [(String, String)] = [("betrokkenOrganisaties", "Gemeente Rotterdam"), ("gevolgSoort[]", "boete"), ("gevolgOrganisatie[]", "CJIB"), ("gevolgDatum[]", "2026-12-31"), ("gevolgOmschrijving[]", "")]
            p = try await verder(b, p, "gevolgen", eerste, actie: "gevolg")
            #expect(p.tekst.contains("id=\"gevolgSoort2\"") && p.tekst.contains("value=\"CJIB\""))
            p = try await verder(b, p, "gevolgen", [("betrokkenOrganisaties", "Gemeente Rotterdam"), ("gevolgSoort[]", "boete"), ("gevolgSoort[]", ""), ("gevolgOrganisatie[]", "CJIB"), ("gevolgOrganisatie[]", "Belastingdienst"),
                                                    ("gevolgDatum[]", "2026-12-31"), ("gevolgDatum[]", "morgen"), ("gevolgOmschrijving[]", ""), ("gevolgOmschrijving[]", "")])
            #expect(p.status == .badRequest && p.tekst.contains("Gevolg 2: Wat gebeurt er?: Kies wat er gebeurt.") && p.tekst.contains("Gevolg 2: Voor welke datum"), "\(p.tekst.components(separatedBy: "foutsamenvatting").last?.prefix(900) ?? "")")
            let gevolgen: [(String, String)] = [("betrokkenOrganisaties", "Gemeente Rotterdam"), ("gevolgSoort[]", "boete"), ("gevolgSoort[]", "stopgezetteToeslag"), ("gevolgOrganisatie[]", "CJIB"),
                                                ("gevolgOrganisatie[]", "Belastingdienst"), ("gevolgDatum[]", "2026-12-31"), ("gevolgDatum[]", ""),
                                                ("gevolgOmschrijving[]", ""), ("gevolgOmschrijving[]", "")]
            p = try await verder(b, p, "gevolgen", gevolgen)
            #expect(p.tekst.contains("<h1>Hoe kunnen we u bereiken?</h1>") && p.tekst.contains("id=\"bsn\""))

            p = try await verder(b, p, "contact", [("naam", "Suzanne Moulin"), ("email", "geen-adres"), ("voorkeurKanaal", "email")])
            #expect(p.status == .badRequest && p.tekst.contains("href=\"#email\"") && p.tekst.contains("value=\"Suzanne Moulin\""))
            p = try await verder(b, p, "contact", [("naam", "Suzanne Moulin"), ("email", "s.moulin@example.nl"), ("voorkeurKanaal", "email")])
            #expect(p.tekst.contains("<h1>Wilt u iets meesturen?</h1>"))
            p = try await verder(b, p, "bijlagen", [], bestanden: [("bijlage[]", "brief.pdf", Voorbeeld.pdf)])
            #expect(p.tekst.contains("<h1>Kijk uw melding na</h1>") && p.tekst.contains(">brief.pdf</dd>"))
            #expect(p.tekst.contains("Boete · CJIB · uiterlijk 31 december 2026") || p.tekst.contains("CJIB · uiterlijk 31 december 2026"))
            #expect(p.tekst.contains("value=\"contact\" class=\"link-knop\">Wijzigen"))

            // Change from the check page, and straight back to it.
            p = try await verder(b, p, "controle", [], actie: "contact")
            #expect(p.tekst.contains("<h1>Hoe kunnen we u bereiken?</h1>") && p.tekst.contains("Opslaan en terug naar het overzicht"))
            p = try await verder(b, p, "contact", [("naam", "S. Moulin"), ("email", "s.moulin@example.nl"), ("voorkeurKanaal", "email")])
            #expect(p.tekst.contains("<h1>Kijk uw melding na</h1>") && p.tekst.contains(">S. Moulin</dd>"))

            p = try await verder(b, p, "controle", [], actie: "versturen")
            #expect(p.status == .badRequest && p.tekst.contains("href=\"#toestemming\""))
            #expect(try await Melding.query(on: t.app.db).count() == 0)
            p = try await verder(b, p, "controle", [("toestemming", "ja")], actie: "versturen")
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

    /// Files arrive only through /melden/bestanden (strictly limited); /melden/stap stores none.
    @Test func bestandenAlleenViaHunEigenDeur() async throws {
        try await metApp { t in
            let b = Browser(t)
            _ = try await b.get("/melden")
            let p = try await b.post("/melden", ["registratie": "BRP", "alBenaderd": "ja", "bezwaar": "nee"])
            let voor = try await BijlageInhoud.query(on: t.app.db).count()
            let stap = try await verder(b, p, "wie", [("melderType", "burger")], bestanden: [("bijlage[]", "brief.pdf", Voorbeeld.pdf)])
            #expect(stap.status == .ok && !stap.tekst.contains("bijlageRefs"))
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
            var p = try await b.post("/melden", ["registratie": "HR", "alBenaderd": "ja", "bezwaar": "nee"])
            p = try await verder(b, p, "wie", [("melderType", "bedrijf")])
            #expect(p.tekst.contains("Stap 2 van 7") && p.tekst.contains("id=\"kvkNummer\"") && !p.tekst.contains("id=\"vertegenwoordigdeNaam\""))
            p = try await verder(b, p, "over", [("organisatieNaam", ""), ("kvkNummer", "123")])
            #expect(p.status == .badRequest && p.tekst.contains("href=\"#organisatieNaam\"") && p.tekst.contains("Een KvK-nummer bestaat uit 8 cijfers."))
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
            let fout = try await b.postMultipart("/melden/formulier", onvolledig, bestanden: [])
            #expect(fout.status == .badRequest)
            #expect(fout.tekst.contains("Enter your name."), "\(fout.tekst.prefix(300))")
            #expect(fout.tekst.contains("Enter a valid email address"))
            #expect(fout.tekst.contains("Without your consent we cannot handle your report."))
            for dutch in ["Vul uw naam in", "Zonder uw toestemming", "Vul een geldig e-mailadres"] { #expect(!fout.tekst.contains(dutch), "\(dutch)") }
            for technisch in ["melder.naam", "melder.email", "toestemming.gegeven", "urn:"] { #expect(!fout.tekst.contains(technisch), "\(technisch)") }
        }
    }
}
