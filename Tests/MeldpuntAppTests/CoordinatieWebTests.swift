import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Testing
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntAPI
@testable import MeldpuntWeb

@Suite("Partnercoördinatie op de pagina's: partnerportaal, verzoeken vanuit de melding, partnerregister")
struct CoordinatieWebTests {
    /// Escalating decided together on the pages: staff propose, the partner declines (a reason by
    /// the field) or agrees; the next level's contact becomes party.
    @Test func escalerenSamenOpDePaginas() async throws {
        try await metApp { t in
            _ = try await t.partners()
            let (z, _) = try await t.meldingInBehandeling()
            let id = try await t.verzoek(z, ["organisatieOin": TestApp.uwvOIN, "soort": "correctie", "vraag": "Corrigeer de polis."])
            try await t.gebruiker("pim@uwv.nl", rol: .partner, oin: TestApp.uwvOIN)
            let staf = try await t.medewerker()
            let meldpuntPad = "/meldingen/\(z)/verzoeken/\(id)"
            #expect(try await staf.get(meldpuntPad).tekst.contains(">Voorstellen één niveau hoger te escaleren</a>"))
            #expect(try await staf.get("\(meldpuntPad)/escaleren").tekst.contains(">Voorstel versturen</button>"))
            #expect(try await staf.post("\(meldpuntPad)/escaleren", ["reden": "Al twee weken geen reactie."]).status == .seeOther)

            let uwv = Browser(t)
            try await uwv.login("pim@uwv.nl")
            var p = try await uwv.get("/verzoeken/\(id)")
            #expect(p.tekst.contains("Voorstel om te escaleren") && p.tekst.contains("van Meldpunt: Al twee weken geen reactie. · antwoord uiterlijk"))
            #expect(p.tekst.contains("href=\"/verzoeken/\(id)/escaleren\">Akkoord: één niveau hoger escaleren</a>"))
            #expect(p.tekst.contains("href=\"/verzoeken/\(id)/escalatie-afwijzen\">Niet akkoord met escaleren</a>"))
            let akkoordPagina = try await uwv.get("/verzoeken/\(id)/escaleren").tekst
            #expect(akkoordPagina.contains(">Akkoord, escaleren</button>") && akkoordPagina.contains("Al twee weken geen reactie."))
            p = try await uwv.post("/verzoeken/\(id)/escalatie-afwijzen", ["reden": ""])
            #expect(p.status == .badRequest && p.tekst.contains("href=\"#escalatieAfwijzenReden\">Waarom niet?: Geef de reden."))
            p = try await uwv.post("/verzoeken/\(id)/escaleren", ["reden": "Eens, ons team kan dit niet oplossen."])
            #expect(p.status == .seeOther)
            #expect(try await uwv.get("/verzoeken/\(id)?gedaan=escaleren").tekst.contains("Het verzoek is geëscaleerd."))
            p = try await staf.get(meldpuntPad)
            #expect(p.tekst.contains("UWV tactisch") && !p.tekst.contains("antwoord uiterlijk"))
            #expect(try await staf.get("/meldingen/\(z)").tekst.contains("samen besloten"))
        }
    }

    @Test func partnerZietAlleenEigenVerzoekenEnGedeeldeGegevens() async throws {
        try await metApp { t in
            _ = try await t.partners()
            let (z, _) = try await t.meldingInBehandeling()
            let uwvID = try await t.verzoek(z, ["organisatieOin": TestApp.uwvOIN, "soort": "opschorting", "vraag": "Graag de terugvordering stilzetten.",
                                                "gedeeldeGegevens": ["omschrijving"], "opschorting": ["actie": "terugvordering"]])
            let bdID = try await t.verzoek(z, ["organisatieOin": TestApp.belastingdienstOIN, "soort": "informatie", "vraag": "Welk adres?"])
            try await t.gebruiker("pim@uwv.nl", rol: .partner, oin: TestApp.uwvOIN)
            let b = Browser(t)
            try await b.login("pim@uwv.nl")
            let lijst = try await b.get("/verzoeken")
            #expect(lijst.status == .ok && lijst.tekst.contains("/verzoeken/\(uwvID)") && !lijst.tekst.contains(bdID))
            let pagina = try await b.get("/verzoeken/\(uwvID)")
            #expect(pagina.tekst.contains("Graag de terugvordering stilzetten.") && pagina.tekst.contains("Wat is fout"))
            #expect(!pagina.tekst.contains("Suzanne Moulin") && !pagina.tekst.contains("999993653"))
            // A workspace: the tasks as links to their own pages, a message written on the request itself.
            for taak in ["accepteren", "afwijzen", "termijn", "bijlage"] { #expect(pagina.tekst.contains("href=\"/verzoeken/\(uwvID)/\(taak)\""), "\(taak)") }
            #expect(pagina.tekst.contains("action=\"/verzoeken/\(uwvID)/bericht\"") && !pagina.tekst.contains("action=\"/verzoeken/\(uwvID)/accepteren\""))
            let taak = try await b.get("/verzoeken/\(uwvID)/afwijzen")
            #expect(taak.status == .ok && taak.tekst.contains("<h1>Verzoek afwijzen</h1>") && taak.tekst.contains("action=\"/verzoeken/\(uwvID)/afwijzen\""))
            #expect(try await b.get("/verzoeken/\(bdID)").status == .notFound)
            #expect(try await b.post("/verzoeken/\(bdID)/bericht", ["tekst": "hallo"]).status == .notFound)
            #expect(try await b.get("/meldingen/\(z)").status == .forbidden)

            // Declining without a reason: the message next to the field, nothing changed.
            let fout = try await b.post("/verzoeken/\(uwvID)/afwijzen", ["reden": ""])
            #expect(fout.status == .badRequest && fout.tekst.contains("id=\"afwijzenReden-fout\"") && fout.tekst.contains("<h1>Verzoek afwijzen</h1>"))
            #expect(try await Verzoek.find(UUID(uuidString: uwvID), on: t.app.db)?.status == .verzonden)
            #expect(try await b.post("/verzoeken/\(uwvID)/accepteren", ["uiterlijk": "2026-12-04"]).status == .seeOther)
            let bevestigd = try await b.post("/verzoeken/\(uwvID)/uitvoeren", ["opgeschortTot": "2027-02-01"])
            #expect(bevestigd.status == .seeOther)
            let v = try #require(try await Verzoek.find(UUID(uuidString: uwvID), on: t.app.db))
            #expect(v.status == .uitgevoerd && v.opschortingTot == Dag("2027-02-01") && v.opgeschortOp != nil)
            // No file chosen: the file task's own page, the message by its field.
            let geenBestand = try await b.postMultipart("/verzoeken/\(uwvID)/bijlage", [:], bestanden: [])
            #expect(geenBestand.status == .badRequest && geenBestand.tekst.contains("<h1>Een bestand toevoegen</h1>")
                    && geenBestand.tekst.contains("id=\"bijlageBestand-fout\""))
            let bijlage = try await b.postMultipart("/verzoeken/\(uwvID)/bijlage", [:], bestanden: [("bijlage", "besluit.pdf", Voorbeeld.pdf)])
            #expect(bijlage.status == .seeOther)
            #expect(try await b.get("/verzoeken/\(uwvID)").tekst.contains("besluit.pdf"))
            // Done: accepting is no longer a step this request has.
            let nietMeer = try await b.get("/verzoeken/\(uwvID)/accepteren")
            #expect(nietMeer.status == .conflict && nietMeer.tekst.contains("Die stap kan nu niet bij dit verzoek."))
        }
    }

    /// An organisation the case needs but the register lacks (RDW): named on the request's page,
    /// added from there with its OIN and name, and chosen when staff come back.
    @Test func organisatieBuitenHetRegisterToevoegenVanafHetVerzoek() async throws {
        try await metApp { t in
            _ = try await t.partners()
            let (z, _) = try await t.meldingInBehandeling()
            let b = try await t.medewerker()
            // First the kind of request, then its form with only that kind's fields.
            let soorten = try await b.get("/meldingen/\(z)/verzoek")
            #expect(soorten.tekst.contains("href=\"/meldingen/\(z)/verzoek?soort=opschorting\"") && !soorten.tekst.contains("id=\"verzoekVraag\""))
            let taak = try await b.get("/meldingen/\(z)/verzoek?soort=informatie")
            #expect(taak.tekst.contains("id=\"verzoekVraag\"") && !taak.tekst.contains("id=\"verzoekActie\"") && !taak.tekst.contains("id=\"verzoekOverlegDatum\""))
            let terug = "%2Fmeldingen%2F\(z)%2Fverzoek%3Fsoort%3Dinformatie"
            #expect(taak.tekst.contains("href=\"/partners?naam=RDW&amp;terug=\(terug)#toevoegen\""), "\(taak.tekst.components(separatedBy: "niet-in-register").last?.prefix(600) ?? "")")
            #expect(!taak.tekst.contains("naam=Belastingdienst"))            // in the register already

            let formulier = try await b.get("/partners?naam=RDW&terug=/meldingen/\(z)/verzoek")
            #expect(formulier.tekst.contains("id=\"nieuwNaam\" name=\"naam\" value=\"RDW\"") && formulier.tekst.contains("name=\"terug\" value=\"/meldingen/\(z)/verzoek\""))
            // Every problem at once: the OIN's form, the kind.
            let fout = try await b.post("/partners", ["oin": "123", "naam": "", "soort": "", "terug": "/meldingen/\(z)/verzoek"])
            #expect(fout.status == .badRequest && fout.tekst.contains("href=\"#nieuwOin\"") && fout.tekst.contains("href=\"#nieuwNaam\"") && fout.tekst.contains("href=\"#nieuwSoort\""))
            // A known OIN with another name: most likely mistyped, refused.
            let ander = try await b.post("/partners", ["oin": TestApp.uwvOIN, "naam": "RDW", "soort": "bronhouder"])
            #expect(ander.status == .badRequest && ander.tekst.contains("Dit OIN hoort bij UWV"), "\(ander.tekst.prefix(200))")
            let oin = "00000001812345678000"
            let ok = try await b.post("/partners", ["oin": oin, "naam": "RDW", "soort": "bronhouder", "registraties": "BRV", "terug": "/meldingen/\(z)/verzoek?soort=informatie"])
            let rdw = try #require(try await Organisatie.query(on: t.app.db).filter(\.$oin == oin).first())
            #expect(rdw.naam == "RDW" && rdw.partnerSoort == "bronhouder" && rdw.rollen.contains(.partner))
            #expect(ok.status == .seeOther && ok.headers.first(name: .location) == "/meldingen/\(z)/verzoek?soort=informatie&organisatie=\(rdw.id!.tekst)")
            let terugOpTaak = try await b.get(try #require(ok.headers.first(name: .location)))
            #expect(terugOpTaak.tekst.contains("<option value=\"\(rdw.id!.tekst)\" selected>RDW</option>") && !terugOpTaak.tekst.contains("naam=RDW&amp;"))
            #expect(terugOpTaak.tekst.contains("De organisatie staat nu in het partnerregister en is gekozen."))
            // Every problem in one round, also without an organisation; the kind stays chosen.
            let fouten = try await b.post("/meldingen/\(z)/verzoek", ["organisatie": "", "soort": "opschorting", "vraag": "", "actie": ""])
            #expect(fouten.status == .badRequest && fouten.tekst.contains("href=\"#verzoekOrganisatie\"") && fouten.tekst.contains("href=\"#verzoekVraag\"")
                    && fouten.tekst.contains("href=\"#verzoekActie\""), "\(fouten.tekst.components(separatedBy: "foutsamenvatting").dropFirst().first?.prefix(800) ?? "")")
            #expect(fouten.tekst.contains("id=\"verzoekActie\"") && !fouten.tekst.contains("id=\"verzoekOverlegDatum\""))

            // Back only to a task page: another address is ignored.
            let elders = try await b.post("/partners", ["oin": "00000001812345679000", "naam": "CJIB", "soort": "afnemer", "terug": "https://example.org/"])
            #expect(elders.headers.first(name: .location)?.hasPrefix("/partners/") == true)
            #expect(PartnersWebController.terug("//example.org") == nil && PartnersWebController.terug("/meldingen/x\r\nSet-Cookie: a") == nil)
        }
    }

    @Test func medewerkerStuurtVerzoekEnTerugmeldingVanafDeMelding() async throws {
        try await metApp { t in
            _ = try await t.partners()
            let (z, _) = try await t.meldingInBehandeling()
            let b = try await t.medewerker()
            let uwv = try await Organisaties.zoek(oin: TestApp.uwvOIN, gemeentecode: nil, on: t.app.db)
            // Suspension without its action: the error next to that field, the question kept.
            let fout = try await b.postVelden("/meldingen/\(z)/verzoek", [("organisatie", uwv.id!.tekst), ("soort", "opschorting"),
                                                                          ("vraag", "Stil graag."), ("gedeeld[]", "omschrijving")])
            #expect(fout.status == .badRequest && fout.tekst.contains("id=\"verzoekActie-fout\"") && fout.tekst.contains("Stil graag."))
            let goed = try await b.postVelden("/meldingen/\(z)/verzoek", [("organisatie", uwv.id!.tekst), ("soort", "opschorting"), ("vraag", "Stil graag."),
                                                                          ("actie", "terugvordering"), ("gedeeld[]", "omschrijving"), ("gedeeld[]", "gevolgen")])
            #expect(goed.status == .seeOther)
            let v = try #require(try await Verzoek.query(on: t.app.db).first())
            #expect(v.gedeeldeGegevens == [.omschrijving, .gevolgen] && v.opschortingActie == .terugvordering)
            let pagina = try await b.get("/meldingen/\(z)")
            #expect(pagina.tekst.contains("UWV") && pagina.tekst.contains("UWV operationeel"))

            // A terugmelding with an invalid BSN: the message next to the BSN field.
            let tmFout = try await b.post("/meldingen/\(z)/terugmelding", ["gemeentecode": "0363", "bsn": "123456789", "gegeven": "urn:brp:persoon:binnenlands-adres-ingezetene:huisnummer",
                                                                          "betwijfeld": "23", "voorgesteld": "21"])
            #expect(tmFout.status == .badRequest && tmFout.tekst.contains("id=\"tmBsn-fout\""), "\(tmFout.tekst.prefix(0))")
            let zonderToelichting = try await b.post("/meldingen/\(z)/terugmelding", ["gemeentecode": "0363", "bsn": "999993653", "gegeven": "urn:brp:persoon:binnenlands-adres-ingezetene:huisnummer",
                                                                                     "betwijfeld": "23", "voorgesteld": "21"])
            #expect(zonderToelichting.status == .badRequest && zonderToelichting.tekst.contains("id=\"tmToelichting-fout\""))
            let tm = try await b.post("/meldingen/\(z)/terugmelding", ["gemeentecode": "0363", "bsn": "999993653", "gegeven": "urn:brp:persoon:binnenlands-adres-ingezetene:huisnummer",
                                                                      "betwijfeld": "23", "voorgesteld": "21", "toelichting": "De melder woont sinds maart op nummer 21."])
            #expect(tm.status == .seeOther)
            #expect(try await Terugmelding.query(on: t.app.db).count() == 1)

            // Proposing to escalate the request (decided together: UWV answers), then the overview of suspensions (none confirmed yet).
            let e = try await b.post("/meldingen/\(z)/verzoeken/\(v.id!.tekst)/escaleren", ["reden": "Geen reactie."])
            #expect(e.status == .seeOther)
            let verzoekpagina = try await b.get("/meldingen/\(z)/verzoeken/\(v.id!.tekst)?gedaan=escaleren").tekst
            #expect(verzoekpagina.contains("Uw voorstel om te escaleren is verstuurd.") && verzoekpagina.contains("Voorstel om te escaleren"))
            #expect(!verzoekpagina.contains("UWV tactisch") && !verzoekpagina.contains("/escaleren\""))
            #expect(try await b.get("/opschortingen").tekst.contains("Er zijn geen opschortingen."))
            #expect(try await b.get("/opschortingen?actief=false").tekst.contains(z))
        }
    }

    @Test func partnerregisterMetContactpersoonEnLogin() async throws {
        try await metApp { t in
            let b = try await t.medewerker()
            let onbekend = try await b.post("/partners", ["oin": "00000099000000009000", "soort": "gemeente"])
            // An OIN the meldpunt does not know: its name is asked (staff add it to the register themselves).
            #expect(onbekend.status == .badRequest && onbekend.tekst.contains("id=\"nieuwNaam-fout\"") && !onbekend.tekst.contains("id=\"nieuwOin-fout\""))
            let toegevoegd = try await b.post("/partners", ["oin": TestApp.belastingdienstOIN, "soort": "uitvoeringsorganisatie", "registraties": "BRI"])
            #expect(toegevoegd.status == .seeOther)
            let bd = try await Organisaties.zoek(oin: TestApp.belastingdienstOIN, gemeentecode: nil, on: t.app.db)
            #expect(bd.rollen.contains(.partner) && bd.partnerRegistraties == "BRI")
            let pad = "/partners/\(bd.id!.tekst)"
            let fout = try await b.post("\(pad)/contactpersonen", ["niveau": "operationeel", "naam": "Ria", "email": "geen-adres"])
            #expect(fout.status == .badRequest && fout.tekst.contains("id=\"contactEmail-fout\"") && fout.tekst.contains("value=\"Ria\""))
            #expect(try await b.post("\(pad)/contactpersonen", ["niveau": "operationeel", "naam": "Ria", "email": "ria@bd.example.nl"]).status == .seeOther)
            let c = try #require(try await Contactpersoon.query(on: t.app.db).first())
            // Staff cannot give a login (they would act as the partner); the meldpunt's beheer can.
            #expect(try await b.post("\(pad)/contactpersonen/\(c.id!.tekst)/login", [:]).status == .forbidden)
            try await t.gebruiker("beheer@meldpunt.nl", rol: .beheerder, oin: TestApp.meldpuntOIN)
            let beheer = Browser(t)
            try await beheer.login("beheer@meldpunt.nl")
            _ = try await beheer.get(pad)
            let login = try await beheer.post("\(pad)/contactpersonen/\(c.id!.tekst)/login", [:])
            #expect(login.status == .ok && login.tekst.contains("id=\"eenmalig\""))
            let g = try #require(try await Gebruiker.query(on: t.app.db).filter(\.$email == "ria@bd.example.nl").first())
            #expect(g.rol == .partner)
            // Removing the contact switches the login off.
            #expect(try await b.post("\(pad)/contactpersonen/\(c.id!.tekst)/verwijderen", [:]).status == .seeOther)
            #expect(try await Gebruiker.find(g.id, on: t.app.db)?.actief == false)
            // A partner cannot keep the register.
            try await t.gebruiker("pim@bd.nl", rol: .partner, oin: TestApp.belastingdienstOIN)
            let p = Browser(t)
            try await p.login("pim@bd.nl")
            #expect(try await p.get("/partners").status == .forbidden)
        }
    }
}
