import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Testing
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntAPI
@testable import MeldpuntWeb

@Suite("MFO: werkvoorraad en behandelpagina's, statuspagina van de melder")
struct MeldingBehandelingWebTests {
    @Test func alleenMedewerkersVanHetMeldpunt() async throws {
        try await metApp { t in
            let (z, _) = try await t.nieuweMelding()
            #expect(try await Browser(t).get("/meldingen").status == .seeOther)   // to the login page
            try await t.gebruiker("bijhouder@amsterdam.nl", rol: .bijhouder, gemeentecode: "0363")
            try await t.gebruiker("afnemer@bd.nl", rol: .afnemer, oin: "00000001003214345000")
            for email in ["bijhouder@amsterdam.nl", "afnemer@bd.nl"] {
                let b = Browser(t)
                try await b.login(email)
                #expect(try await b.get("/meldingen").status == .forbidden)
                #expect(try await b.get("/meldingen/\(z)").status == .forbidden)
                #expect(try await b.post("/meldingen/\(z)/bericht", ["tekst": "x"]).status == .forbidden)
            }
            #expect(try await Melding.query(on: t.app.db).first()?.laatsteVolgnummer == 1)
        }
    }

    @Test func werkvoorraadEnZoeken() async throws {
        try await metApp { t in
            let (z, _) = try await t.nieuweMelding()
            let b = try await t.medewerker()
            let portaal = try await b.get("/portaal")
            #expect(portaal.tekst.contains("href=\"/meldingen\""))
            let nieuw = try await b.get("/meldingen")
            #expect(nieuw.status == .ok && nieuw.tekst.contains(z) && nieuw.tekst.contains("Suzanne Moulin (via J. de Vries)"))
            #expect(try await b.get("/meldingen?map=mijn").tekst.contains("Er zijn hier geen meldingen."))
            #expect(try await b.get("/meldingen?map=gesloten").tekst.contains("Er zijn hier geen meldingen."))
            #expect(try await b.get("/meldingen?status=intake").tekst.contains("Er zijn hier geen meldingen."))
            let opStatus = try await b.get("/meldingen?status=ontvangen")
            #expect(opStatus.tekst.contains(z) && opStatus.tekst.contains("<option value=\"ontvangen\" selected>"))

            let opBsn = try await b.post("/meldingen/zoeken", ["zoekterm": "999 993 653"])
            #expect(opBsn.status == .ok && opBsn.tekst.contains(z))
            #expect(try await b.post("/meldingen/zoeken", ["zoekterm": "moulin"]).tekst.contains(z))
            #expect(try await b.post("/meldingen/zoeken", ["zoekterm": z.lowercased()]).tekst.contains(z))
            let fout = try await b.post("/meldingen/zoeken", ["zoekterm": "123456789"])
            #expect(fout.status == .badRequest && fout.tekst.contains("href=\"#zoekterm\"") && fout.tekst.contains("geen geldig BSN"))
            #expect(fout.tekst.contains("value=\"123456789\""))   // what was typed stays

            // A part of the case number, a word from the description or the place, case-insensitive.
            let deel = String(z.suffix(4))
            #expect(try await b.post("/meldingen/zoeken", ["zoekterm": deel]).tekst.contains("href=\"/meldingen/\(z)\""))
            #expect(try await b.post("/meldingen/zoeken", ["zoekterm": "OUD ADRES"]).tekst.contains("href=\"/meldingen/\(z)\""))
            #expect(!(try await b.post("/meldingen/zoeken", ["zoekterm": "Maastricht"]).tekst.contains("href=\"/meldingen/\(z)\"")))
            // The short description and the same-person hint in the list.
            t.klok.zet(TestApp.standaardTijd.addingTimeInterval(60))   // received a minute later
            let tweede = try await t.nieuweMelding()
            let lijst = try await b.get("/meldingen?map=nieuw")
            #expect(lijst.tekst.contains("<span class=\"omschrijving\">Mevrouw staat op een oud adres ingeschreven"))
            #expect(lijst.tekst.contains("Ook van deze persoon: <a href=\"/meldingen/\(tweede.zaaknummer)\">"))
            // Sorting: oldest first by default, newest first on request.
            let nieuwste = try await b.get("/meldingen?map=nieuw&sortering=nieuwste").tekst
            let oudste = try await b.get("/meldingen?map=nieuw&sortering=ontvangen").tekst
            func eerst(_ html: String) -> Bool { html.range(of: "<td class=\"stapel-kop\"><a href=\"/meldingen/\(z)\">")!.lowerBound < html.range(of: "<td class=\"stapel-kop\"><a href=\"/meldingen/\(tweede.zaaknummer)\">")!.lowerBound }
            #expect(eerst(oudste) && !eerst(nieuwste))
            #expect(nieuwste.contains("aria-current=\"true\" class=\"actief\">Nieuwste eerst"))
        }
    }

    /// A case without analysis or contact: the closing form asks why (a fixed list), refuses by the
    /// field without one, shows the ground on the check page; attempts are recorded as such.
    @Test func sluitenZonderAnalyseOfContactOpDePagina() async throws {
        try await metApp { t in
            let (z, _) = try await t.nieuweMelding()
            let b = try await t.medewerker()
            let pad = "/meldingen/\(z)"
            let contact = try await b.get("\(pad)/contact")
            #expect(contact.tekst.contains("Hebt u de melder bereikt?") && contact.tekst.contains("value=\"nee\""))
            #expect(try await b.post("\(pad)/contact", ["datum": "2026-11-23", "kanaal": "telefoon", "samenvatting": "Geen gehoor.", "bereikt": "nee"]).status == .seeOther)
            var pagina = try await b.get(pad)
            #expect(pagina.tekst.contains("Poging om de melder te bereiken (niet bereikt)"))
            #expect(pagina.tekst.contains("<a class=\"knop\" href=\"\(pad)/contact\">"), "still no contact: contact stays the next step")

            let formulier = try await b.get("\(pad)/sluiten")
            #expect(formulier.tekst.contains("Waarom sluit u zonder analyse of contact?") && formulier.tekst.contains("value=\"melderOnbereikbaar\""))
            let zonder = try await b.post("\(pad)/sluiten", ["uitkomst": "ingetrokken", "samenvatting": "U trok uw melding in.", "afsluitgrond": "", "stap": "controle"])
            #expect(zonder.status == .badRequest && zonder.tekst.contains("href=\"#sluitenAfsluitgrond\"") && zonder.tekst.contains(">U trok uw melding in.</textarea>"))
            let sluiting = ["uitkomst": "ingetrokken", "samenvatting": "U trok uw melding in.", "afsluitgrond": "ingetrokken"]
            let controle = try await b.post("\(pad)/sluiten", sluiting.merging(["stap": "controle"]) { $1 })
            #expect(controle.status == .ok && controle.tekst.contains("De melder heeft de melding ingetrokken") && controle.tekst.contains("name=\"afsluitgrond\" value=\"ingetrokken\""))
            #expect(try await b.post("\(pad)/sluiten", sluiting.merging(["stap": "bevestig"]) { $1 }).status == .seeOther)
            pagina = try await b.get(pad)
            #expect(pagina.tekst.contains("Gesloten") && pagina.tekst.contains("De melder heeft de melding ingetrokken"))
            let m = try #require(try await Melding.query(on: t.app.db).filter(\.$zaaknummer == z).first())
            #expect(m.afsluitgrond == .ingetrokken)
        }
    }

    @Test func eenMeldingBehandelenOpDePagina() async throws {
        try await metApp { t in
            let (z, link) = try await t.nieuweMelding()
            let b = try await t.medewerker()
            let pad = "/meldingen/\(z)"
            var pagina = try await b.get(pad)
            #expect(pagina.status == .ok)
            #expect(pagina.tekst.contains("Mevrouw staat op een oud adres ingeschreven") && pagina.tekst.contains("BSN 999993653"))
            #expect(pagina.tekst.contains("brief.pdf"))
            // The workspace: summary, latest messages with a reply box, and an action menu of task pages.
            #expect(pagina.tekst.contains("href=\"\(pad)/contact\"") && !pagina.tekst.contains("href=\"\(pad)/rol\""))
            #expect(pagina.tekst.contains("action=\"\(pad)/bericht\"") && !pagina.tekst.contains("action=\"\(pad)/contact\""))
            #expect(pagina.tekst.contains("Eerste contact uiterlijk"))
            // The next step first: contact, at the top and first in the menu, marked.
            #expect(pagina.tekst.contains("<section class=\"volgende-actie\"") && pagina.tekst.contains("<a class=\"knop\" href=\"\(pad)/contact\">"))
            let menu = try #require(pagina.tekst.components(separatedBy: "class=\"actiemenu-breed\"").last)
            #expect(menu.firstMatch(of: /<li[^>]*><a href="([^"]+)"/).map { String($0.1) } == "\(pad)/contact" && menu.contains("(volgende stap)"))
            let gelezenVoor = try await Verwerkingslogregel.query(on: t.app.db).filter(\.$actie == "melding.raadplegen").count()
            let taak = try await b.get("\(pad)/contact")
            // A task page reads the case once: one processing-log entry, as the case page itself.
            #expect(try await Verwerkingslogregel.query(on: t.app.db).filter(\.$actie == "melding.raadplegen").count() == gelezenVoor + 1)
            #expect(taak.status == .ok && taak.tekst.contains("action=\"\(pad)/contact\"") && !taak.tekst.contains("action=\"\(pad)/analyse\""))
            #expect(try await b.get("\(pad)/rol").status == .conflict)   // no analysis yet: no role to choose

            // Errors next to the fields, and what was typed is kept.
            let fout = try await b.post("\(pad)/contact", ["datum": "2030-01-01", "kanaal": "telefoon", "samenvatting": "Gebeld met mevrouw."])
            #expect(fout.status == .badRequest)
            #expect(fout.tekst.contains("href=\"#contactDatum\"") && fout.tekst.contains("Deze datum ligt in de toekomst."))
            #expect(fout.tekst.contains(">Gebeld met mevrouw.</textarea>") && fout.tekst.contains("value=\"2030-01-01\""))

            let ok = try await b.post("\(pad)/contact", ["datum": "2026-11-23", "kanaal": "telefoon", "samenvatting": "Gebeld met mevrouw."])
            #expect(ok.status == .seeOther && ok.headers.first(name: .location) == "\(pad)?gedaan=contact")
            pagina = try await b.get("\(pad)?gedaan=contact")
            #expect(pagina.tekst.contains("Het contact is vastgelegd.") && pagina.tekst.contains("Test meldpunt"))   // assigned to who made contact
            // Then the analysis, its form holding what the melder named.
            #expect(pagina.tekst.contains("<a class=\"knop\" href=\"\(pad)/analyse\">"))
            let analyse = try await b.get("\(pad)/analyse")
            #expect(analyse.tekst.contains(">Gemeente Rotterdam\nBelastingdienst/Toeslagen</textarea>") && analyse.tekst.contains("Ingevuld met wat de melder gaf"), "\(analyse.tekst)")

            let analyseFout = try await b.post("\(pad)/analyse", ["oorsprongOrganisatie": "Gemeente Rotterdam", "oorsprongRegistratie": "", "geraakteOrganisaties": "Belastingdienst/Toeslagen"])
            #expect(analyseFout.status == .badRequest && analyseFout.tekst.contains("href=\"#analyseOorsprongRegistratie\"") && analyseFout.tekst.contains("href=\"#analyseComplexiteit\""))
            #expect(analyseFout.tekst.contains("value=\"Gemeente Rotterdam\"") && analyseFout.tekst.contains(">Belastingdienst/Toeslagen</textarea>"))
            #expect(try await b.post("\(pad)/analyse", ["oorsprongOrganisatie": "Gemeente Rotterdam", "oorsprongRegistratie": "BRP",
                                                        "geraakteOrganisaties": "Belastingdienst/Toeslagen\nUWV", "complexiteit": "laag"]).status == .seeOther)
            pagina = try await b.get(pad)
            #expect(pagina.tekst.contains("Voorgestelde rol: Coördinerend") && pagina.tekst.contains("Meer dan één organisatie betrokken (3)"))
            // Then the role: the proposal at the top, a link to choose it.
            let volgende = try #require(pagina.tekst.components(separatedBy: "<section class=\"volgende-actie\"").dropFirst().first?.components(separatedBy: "</section>").first)
            #expect(volgende.contains("Voorstel: Coördinerend") && volgende.contains("href=\"\(pad)/rol\""))
            #expect(try await b.get("\(pad)/rol").tekst.contains("id=\"rol-coordinerend\" name=\"rol\" value=\"coordinerend\" checked"))

            let rolFout = try await b.post("\(pad)/rol", ["rol": "begeleidend", "reden": ""])
            #expect(rolFout.status == .badRequest && rolFout.tekst.contains("href=\"#keuzeReden\""))
            #expect(rolFout.tekst.contains("value=\"begeleidend\" checked"))
            #expect(try await b.post("\(pad)/rol", ["rol": "coordinerend", "reden": ""]).status == .seeOther)
            #expect(try await b.post("\(pad)/bericht", ["tekst": "We hebben de gemeente gevraagd uw adres te herstellen."]).status == .seeOther)
            #expect(try await b.post("\(pad)/notitie", ["tekst": "Alleen intern."]).status == .seeOther)
            #expect(try await b.post("\(pad)/wacht", [:]).status == .seeOther)

            let melder = Browser(t)
            var status = try await melder.get(link)
            #expect(status.tekst.contains("We brengen de organisaties bij elkaar") == false)   // waiting: says so instead
            #expect(status.tekst.contains("We hebben de organisaties om een antwoord gevraagd"))
            #expect(status.tekst.contains("We hebben de gemeente gevraagd uw adres te herstellen.") && !status.tekst.contains("Alleen intern."))

            #expect(try await b.post("\(pad)/hervatten", [:]).status == .seeOther)
            status = try await melder.get(link)
            #expect(status.tekst.contains("We brengen de organisaties bij elkaar"))

            let sluitFout = try await b.post("\(pad)/sluiten", ["uitkomst": "buitenScope", "scopeReden": "", "samenvatting": "Zie de rechtbank.", "stap": "controle"])
            #expect(sluitFout.status == .badRequest && sluitFout.tekst.contains("href=\"#sluitenScopeReden\"") && sluitFout.tekst.contains(">Zie de rechtbank.</textarea>"))
            // Closing goes through a check page: it shows the choice in words and closes nothing yet.
            // Solved only once the consequence the melder named is repaired.
            #expect(try await b.post("\(pad)/sluiten", ["uitkomst": "opgelost", "scopeReden": "", "samenvatting": "Uw adres is hersteld.", "stap": "controle"])
                .tekst.contains("Er staat nog één gevolg voor de melder open."))
            #expect(try await b.post("\(pad)/gevolgen/1", ["status": "hersteld", "door": "Belastingdienst/Toeslagen"]).status == .seeOther)
            let sluiting = ["uitkomst": "opgelost", "scopeReden": "", "samenvatting": "Uw adres is hersteld."]
            let controle = try await b.post("\(pad)/sluiten", sluiting.merging(["stap": "controle"]) { $1 })
            #expect(controle.status == .ok && controle.tekst.contains("<dd class=\"toelichting-kort\">Opgelost</dd>") && controle.tekst.contains("value=\"bevestig\""))
            #expect(try await MeldingGebeurtenis.query(on: t.app.db).filter(\.$soort == .gesloten).count() == 0)
            let wijzig = try await b.post("\(pad)/sluiten", sluiting.merging(["stap": "wijzig"]) { $1 })
            #expect(wijzig.tekst.contains(">Uw adres is hersteld.</textarea>") && wijzig.tekst.contains("value=\"opgelost\" selected"))
            #expect(try await b.post("\(pad)/sluiten", sluiting.merging(["stap": "bevestig"]) { $1 }).status == .seeOther)
            pagina = try await b.get(pad)
            #expect(pagina.tekst.contains("Gesloten") && !pagina.tekst.contains("href=\"\(pad)/contact\"") && !pagina.tekst.contains("href=\"\(pad)/sluiten\""))
            #expect(try await b.get("\(pad)/sluiten").status == .conflict)
            // The melder's page shows what they sent, and invites a reply.
            let eigen = try await melder.get(link)
            #expect(eigen.tekst.contains("Wat u ons stuurde") && eigen.tekst.contains("Mevrouw staat op een oud adres ingeschreven") && eigen.tekst.contains("<li>brief.pdf</li>"))
            #expect(eigen.tekst.contains("Uw melding is afgerond. Heeft u nog een vraag"))
            // The melder can still answer after closing; staff see it unread and can reply.
            #expect(try await melder.post("\(link)/berichten", ["bericht": "Mijn toeslag is nog niet terug."]).status == .seeOther)
            #expect(try await Melding.query(on: t.app.db).filter(\.$zaaknummer == z).first()?.ongelezen == true)
            let ongelezen = try await b.get("/meldingen?map=ongelezen")
            #expect(ongelezen.tekst.contains(z))
            pagina = try await b.get(pad)
            #expect(pagina.tekst.contains("Mijn toeslag is nog niet terug.") && pagina.tekst.contains("action=\"\(pad)/bericht\""))
            #expect(try await b.post("\(pad)/bericht", ["tekst": "We kijken ernaar."]).status == .seeOther)
            #expect(try await melder.get(link).tekst.contains("We kijken ernaar."))

            let tijdlijn = try await MeldingGebeurtenis.query(on: t.app.db).sort(\.$volgnummer).all()
            #expect(tijdlijn.filter { $0.soort == .contact }.first?.door == "Test meldpunt (Meldpunt)")
            let log = try await Verwerkingslogregel.query(on: t.app.db).filter(\.$actie == "melding.behandelen").all()
            let mira = try #require(try await Gebruiker.query(on: t.app.db).filter(\.$email == "mira@meldpunt.nl").first())
            #expect(!log.isEmpty && log.allSatisfy { $0.gebruikerID == mira.id })
        }
    }

    /// A terugmelding from the case starts from its person: the BSN, and the gemeente where they live.
    @Test func terugmeldingVanuitDeZaakIsVoorgevuld() async throws {
        try await metApp { t in
            var body = MeldingApiTests.melding(bijlage: nil)
            body["vertegenwoordigde"] = ["naam": "Suzanne Moulin", "bsn": "999993653", "woonplaats": "rotterdam"]
            let (z, _) = try await t.nieuweMelding(body)
            let b = try await t.medewerker()
            let taak = try await b.get("/meldingen/\(z)/terugmelding")
            #expect(taak.status == .ok && taak.tekst.contains("name=\"gemeentecode\" list=\"gemeenten\""))
            #expect(taak.tekst.contains("value=\"0599 Rotterdam\"") && taak.tekst.contains("id=\"tmBsn\" name=\"bsn\" value=\"999993653\""))
            #expect(taak.tekst.contains("<option value=\"0363 Amsterdam\">"))
        }
    }

    @Test func nieuweLinkEenmaligOpDePagina() async throws {
        try await metApp { t in
            let (z, oud) = try await t.nieuweMelding()
            let b = try await t.medewerker()
            _ = try await b.get("/meldingen/\(z)")
            let r = try await b.post("/meldingen/\(z)/link", [:])
            #expect(r.status == .ok)
            let bereik = try #require(r.tekst.range(of: #"/status/[A-Za-z0-9_-]{43}"#, options: .regularExpression))
            let nieuw = String(r.tekst[bereik])
            #expect(try await Browser(t).get(oud).status == .notFound)
            #expect(try await Browser(t).get(nieuw).status == .ok)
            #expect(!(try await b.get("/meldingen/\(z)").tekst.contains(nieuw)))
        }
    }

    @Test func melderStuurtEenBestandEnBeoordeeltNaAfloop() async throws {
        try await metApp { t in
            let (z, link) = try await t.nieuweMelding()
            let melder = Browser(t)
            var pagina = try await melder.get(link)
            #expect(pagina.tekst.contains("Mijn toeslag is gestopt (Belastingdienst/Toeslagen) – Wordt nog hersteld"))
            #expect(pagina.tekst.contains("<li>Gemeente Rotterdam</li>"))
            #expect(!pagina.tekst.contains("Hoe tevreden bent u"))

            let verkeerd = try await melder.postMultipart("\(link)/bijlagen", [:], bestanden: [("bijlage", "virus.exe", Data("MZ....".utf8))])
            #expect(verkeerd.status == .badRequest && verkeerd.tekst.contains("href=\"#bijlage\"") && verkeerd.tekst.contains("PDF, JPEG of PNG"))
            let goed = try await melder.postMultipart("\(link)/bijlagen", [:], bestanden: [("bijlage", "brief-gemeente.png", Voorbeeld.png)])
            #expect(goed.status == .seeOther)
            pagina = try await melder.get(try #require(goed.headers.first(name: .location)))
            #expect(pagina.tekst.contains("Uw bestand is verstuurd.") && pagina.tekst.contains("brief-gemeente.png"))
            let m = try #require(try await Melding.query(on: t.app.db).filter(\.$zaaknummer == z).first())
            #expect(try await MeldingBijlage.query(on: t.app.db).filter(\.$melding.$id == m.id!).count() == 2)
            #expect(try await melder.post("\(link)/beoordeling", ["cijfer": "5"]).status == .badRequest)   // not closed yet

            try await t.contactEnAnalyse(z)
            _ = try await t.stap(z, "statuswijzigingen", ["status": "gesloten", "uitkomst": "deelsOpgelost", "samenvatting": "Uw adres is hersteld; de toeslag nog niet."])
            pagina = try await melder.get(link)
            #expect(pagina.tekst.contains("Hoe tevreden bent u") && !pagina.tekst.contains("action=\"\(link)/bijlagen\""))
            #expect(try await melder.postMultipart("\(link)/bijlagen", [:], bestanden: [("bijlage", "nog.pdf", Voorbeeld.pdf)]).status == .badRequest)
            let zonderCijfer = try await melder.post("\(link)/beoordeling", ["cijfer": "", "opmerking": "Duurde lang."])
            #expect(zonderCijfer.status == .badRequest && zonderCijfer.tekst.contains("href=\"#cijfer\"") && zonderCijfer.tekst.contains(">Duurde lang.</textarea>"))
            #expect(try await melder.post("\(link)/beoordeling", ["cijfer": "4", "opmerking": "Duurde lang, maar goed geholpen."]).status == .seeOther)
            pagina = try await melder.get(link)
            #expect(pagina.tekst.contains("U gaf het Meldpunt een 4/5.") && !pagina.tekst.contains("Beoordeling versturen"))
            #expect(try await melder.post("\(link)/beoordeling", ["cijfer": "1"]).status == .badRequest)   // once
            let d = try await t.get("/api/v1/meldingen/\(z)", t.sleutels.meldpunt)
            #expect(d.object["tevredenheid"] as? Int == 4)
            #expect((d.object["tijdlijn"] as? [[String: Any]])?.last?["tekst"] as? String == "Duurde lang, maar goed geholpen.")
        }
    }
}
