import Fluent
import Foundation
import MeldpuntCore
import MeldpuntDomain
import Testing
import Vapor
@testable import MeldpuntApp

/// The signalen pages as staff and a partner use them: a proposal confirmed, fed back to UWV,
/// answered in UWV's portal, put on an agenda and closed; every wrong field next to its field
/// under its label, in the reader's language.
@Suite("Web: signalen")
struct SignalenWebTests {
    /// A proposal shows what each melder wrote (through the processing log), marks a case about
    /// something else, lets staff leave one out, and splits: a signaal of the ticked cases while
    /// the rest stays a proposal.
    @Test func voorstelToontOmschrijvingenEnLaatSplitsen() async throws {
        try await metApp { t in
            _ = try await t.partners()
            let zelfde = SignalenApiTests.teksten + ["Na mijn verhuizing is het adres niet bijgewerkt; de boete kwam op het oude adres.",
                                                     "Boete naar oud adres: verhuizing niet bijgewerkt in het register."]
            for tekst in zelfde + ["Ik heb mijn auto verkocht maar hij staat nog steeds op mijn naam."] {
                #expect(try await t.post("/api/v1/meldingen", t.sleutels.svb, json: SignalenApiTests.melding(tekst)).status == .created)
            }
            try await Patroonherkenning(db: t.app.db).ronde(nu: t.klok.nu)
            let staf = try await t.medewerker()
            let overzicht = try await staf.get("/signalen")
            let pad = try #require(overzicht.tekst.firstMatch(of: /href="(\/signalen\/voorstellen\/[0-9A-Fa-f-]+)"/).map { String($0.1) })
            let voor = try await Verwerkingslogregel.query(on: t.app.db).filter(\.$actie == "melding.lijst").count()
            let voorstel = try await staf.get(pad)
            #expect(voorstel.tekst.contains("Mijn adres na verhuizing is niet bijgewerkt") && voorstel.tekst.contains("auto verkocht"))
            #expect(voorstel.tekst.components(separatedBy: "Lijkt over iets anders te gaan").count == 2, "\(voorstel.tekst)")
            #expect(voorstel.tekst.contains("value=\"MFO-2026-000007\" form=\"bevestig-formulier\">") && voorstel.tekst.contains("value=\"MFO-2026-000001\" form=\"bevestig-formulier\" checked>"))
            #expect(try await Verwerkingslogregel.query(on: t.app.db).filter(\.$actie == "melding.lijst").count() == voor + 7)

            // Nothing ticked: an error, nothing made.
            let niets = try await staf.post("\(pad)/bevestigen", ["titel": "Oud adres", "omschrijving": "x", "soort": "systeem", "keuze": "ja"])
            #expect(niets.status == .badRequest && niets.tekst.contains("Kies ten minste één zaak voor het signaal."))
            #expect(try await Signaal.query(on: t.app.db).count() == 0)

            // Leave the car out: it no longer counts here.
            let weg = try await staf.post("\(pad)/zaken/MFO-2026-000007/weglaten", [:])
            #expect(weg.status == .seeOther && weg.headers.first(name: .location)?.hasSuffix("?gedaan=weggelaten") == true)
            let zonder = try await staf.get(try #require(weg.headers.first(name: .location)))
            #expect(!zonder.tekst.contains("auto verkocht") && zonder.tekst.contains("De zaak is uit het voorstel gehaald."))

            // Split: three ticked become the signaal, the other three stay a proposal.
            var velden: [(String, String)] = [("titel", "Adres na verhuizing"), ("omschrijving", "Oud adres."), ("soort", "systeem"), ("keuze", "ja")]
            velden += ["MFO-2026-000001", "MFO-2026-000002", "MFO-2026-000003"].map { ("zaken[]", $0) }
            let gesplitst = try await staf.postVelden("\(pad)/bevestigen", velden)
            #expect(gesplitst.status == .seeOther, "\(gesplitst.tekst.prefix(400))")
            let zaken = try await SignaalZaak.query(on: t.app.db).all()
            #expect(zaken.count == 3)
            let rest = try await staf.get(pad)
            #expect(rest.tekst.contains("MFO-2026-000004") && !rest.tekst.contains("value=\"MFO-2026-000001\"") && rest.tekst.contains("action=\"\(pad)/bevestigen\""))
        }
    }

    @Test func medewerkerEnPartnerDoorlopenEenSignaal() async throws {
        try await metApp { t in
            _ = try await t.partners()
            for tekst in SignalenApiTests.teksten {
                #expect(try await t.post("/api/v1/meldingen", t.sleutels.svb, json: SignalenApiTests.melding(tekst)).status == .created)
            }
            try await Patroonherkenning(db: t.app.db).ronde(nu: t.klok.nu)
            try await t.gebruiker("mira@meldpunt.nl", rol: .meldpunt, oin: TestApp.meldpuntOIN)
            try await t.gebruiker("pim@uwv.nl", rol: .partner, oin: TestApp.uwvOIN)
            let staf = Browser(t)
            try await staf.login("mira@meldpunt.nl")

            let overzicht = try await staf.get("/signalen")
            #expect(overzicht.status == .ok && overzicht.tekst.contains("href=\"/signalen\" aria-current=\"page\">Signalen</a>"))   // in the menu, marked as where we are
            let voorstelPad = try #require(overzicht.tekst.firstMatch(of: /href="(\/signalen\/voorstellen\/[0-9A-Fa-f-]+)"/).map { String($0.1) })
            let voorstel = try await staf.get(voorstelPad)
            #expect(voorstel.tekst.contains("4 zaken in") && voorstel.tekst.contains("registratie BRV, gevolg boete bij CJIB"))
            #expect(voorstel.tekst.contains("MFO-2026-000001") && !voorstel.tekst.contains("Moulin"))

            // Without title and kind: both named by their label next to the field; the description kept.
            let fout = try await staf.post("\(voorstelPad)/bevestigen", ["titel": "", "omschrijving": "Oud adres blijft staan.", "soort": ""])
            #expect(fout.status == .badRequest)
            #expect(fout.tekst.contains("id=\"bevestigTitel-fout\"") && fout.tekst.contains("id=\"bevestigSoort-fout\""))
            #expect(fout.tekst.contains("Titel: Geef het signaal een titel.") && fout.tekst.contains("Oud adres blijft staan."))
            #expect(!fout.tekst.contains("wetEnRegelgeving:") && !fout.tekst.contains("soort:"))
            let bevestigd = try await staf.post("\(voorstelPad)/bevestigen", ["titel": "Adres na verhuizing niet in het BRV", "omschrijving": "Oud adres blijft staan.",
                                                                             "soort": "systeem", "registraties": "BRV"])
            #expect(bevestigd.status == .seeOther && bevestigd.headers.first(name: .location) == "/signalen/1?gedaan=bevestigd")
            let signaal = try await staf.get("/signalen/1?gedaan=bevestigd")
            #expect(signaal.tekst.contains("Het signaal is vastgelegd.") && signaal.tekst.contains("SIG-1: Adres na verhuizing niet in het BRV"))
            #expect(signaal.tekst.contains("href=\"/meldingen/MFO-2026-000004\""))
            // The case page points to the signaal and its knowledge.
            let zaak = try await staf.get("/meldingen/MFO-2026-000002")
            #expect(zaak.tekst.contains("lijkt op een bekende structurele fout") && zaak.tekst.contains("href=\"/signalen/1\""))
            #expect(try await staf.get("/signalen/1?gedaan=%3Cscript%3E").tekst.contains("&lt;script") == false)

            // The signaal as a workspace: tasks as links in a menu, each on its own page.
            for taak in ["terugkoppelen", "agenderen", "escaleren", "zaak", "kennis", "afsluiten"] {
                #expect(signaal.tekst.contains("href=\"/signalen/1/\(taak)\""), "\(taak)")
            }
            #expect(!signaal.tekst.contains("<form method=\"post\" action=\"/signalen/1/"))
            let taakpagina = try await staf.get("/signalen/1/terugkoppelen")
            #expect(taakpagina.status == .ok && taakpagina.tekst.contains("action=\"/signalen/1/terugkoppelen\"")
                    && !taakpagina.tekst.contains("action=\"/signalen/1/agenderen\""))

            // Feedback without a choice: the message by the organisation field.
            let geenOrg = try await staf.post("/signalen/1/terugkoppelen", ["organisatieOin": "", "toelichting": "Ziet u dit ook?"])
            #expect(geenOrg.status == .badRequest && geenOrg.tekst.contains("Organisatie: Kies de organisatie."))
            #expect(try await staf.post("/signalen/1/terugkoppelen", ["organisatieOin": TestApp.uwvOIN, "toelichting": "Ziet u dit ook?"]).status == .seeOther)

            // UWV's portal: the signaal, without cases; the answer goes to the meldpunt.
            let uwv = Browser(t)
            try await uwv.login("pim@uwv.nl")
            let lijst = try await uwv.get("/ontvangen-signalen")
            #expect(lijst.tekst.contains("href=\"/ontvangen-signalen/1\""))
            let pagina = try await uwv.get("/ontvangen-signalen/1")
            #expect(pagina.status == .ok && pagina.tekst.contains("Ziet u dit ook?") && !pagina.tekst.contains("MFO-2026-000001"))
            let leeg = try await uwv.post("/ontvangen-signalen/1/antwoord", ["toelichting": ""])
            #expect(leeg.status == .badRequest && leeg.tekst.contains("Uw antwoord: Schrijf uw antwoord."))
            #expect(try await uwv.post("/ontvangen-signalen/1/antwoord", ["toelichting": "Wij passen de koppeling in maart aan."]).status == .seeOther)
            #expect(try await uwv.get("/signalen/1").status == .forbidden)

            #expect(try await staf.get("/signalen/1").tekst.contains("Wij passen de koppeling in maart aan."))
            #expect(try await staf.post("/signalen/1/agenderen", ["orgaan": "Tactisch overleg BRV", "datum": "2026-12-10"]).status == .seeOther)
            let sluiten = try await staf.post("/signalen/1/afsluiten", ["toelichting": "Opgelost."])
            #expect(sluiten.status == .badRequest && sluiten.tekst.contains("Uitkomst: Kies of het opgelost is."))
            // Closing goes through a check page that writes nothing; "Wijzigen" returns to the filled form.
            let controle = try await staf.post("/signalen/1/afsluiten", ["uitkomst": "opgelost", "toelichting": "Koppeling aangepast."])
            #expect(controle.status == .ok && controle.tekst.contains("Controleer en sluit het signaal af")
                    && controle.tekst.contains("<dd class=\"toelichting-kort\">Opgelost</dd>") && controle.tekst.contains("value=\"bevestig\""))
            #expect(try await staf.get("/signalen/1").tekst.contains("Geagendeerd"))
            let wijzig = try await staf.post("/signalen/1/afsluiten", ["uitkomst": "opgelost", "toelichting": "Koppeling aangepast.", "stap": "wijzig"])
            #expect(wijzig.tekst.contains("id=\"afsluitenUitkomst-opgelost\" name=\"uitkomst\" value=\"opgelost\" checked")
                    && wijzig.tekst.contains(">Koppeling aangepast.</textarea>"))
            #expect(try await staf.post("/signalen/1/afsluiten", ["uitkomst": "opgelost", "toelichting": "Koppeling aangepast.", "stap": "bevestig"]).status == .seeOther)
            let dicht = try await staf.get("/signalen/1")
            #expect(dicht.tekst.contains("Opgelost") && !dicht.tekst.contains("href=\"/signalen/1/terugkoppelen\"")
                    && dicht.tekst.contains("href=\"/signalen/1/kennis\""))
            // A task a closed signaal does not allow: 409 on the signaal, saying why.
            let nietMeer = try await staf.get("/signalen/1/terugkoppelen")
            #expect(nietMeer.status == .conflict && nietMeer.tekst.contains("Die stap kan nu niet bij dit signaal"))
            #expect(try await staf.get("/signalen/1/kennis").status == .ok)
            // Closed: the partner reads it, with no form to answer.
            let gesloten = try await uwv.get("/ontvangen-signalen/1")
            #expect(gesloten.status == .ok && !gesloten.tekst.contains("action=\"/ontvangen-signalen/1/antwoord\""))

            // In English, the labels too.
            _ = try await staf.post("/taal", ["naar": "en", "terug": "/signalen"])
            let engels = try await staf.post("/signalen/1/zaak", ["kenmerk": "MFO-9999-000001"])
            #expect(engels.status == .badRequest)
            let samenvatting = engels.tekst.firstMatch(of: #/<ul><li><a href="[^"]*">([^<]*)</a>/#).map { String($0.1) }
            #expect(samenvatting?.hasPrefix("Case: The signal is closed") == true, "\(samenvatting ?? "")")
        }
    }
}
