import Fluent
import Foundation
import MeldpuntCore
import MeldpuntDomain
import Testing
import Vapor
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntWeb

/// The staff's daily tools on the werkvoorraad (issue 30): teams with routing, bulk steps, kept
/// filters and the list as CSV.
@Suite("Werkvoorraad: teams, bulk, filters, export")
struct WerkvoorraadTests {
    static func scopeReden() -> String { ScopeReden.allCases.first!.rawValue }

    @Test func beheerMaaktEenTeamEnNieuweMeldingenGaanErheen() async throws {
        try await metApp { t in
            try await t.gebruiker("bea@meldpunt.nl", rol: .beheerder, oin: TestApp.meldpuntOIN)
            let bea = Browser(t)
            _ = try await bea.login("bea@meldpunt.nl")
            let staf = try await t.medewerker()
            var p = try await bea.get("/beheer/teams")
            #expect(p.status == .ok && p.tekst.contains("Er zijn nog geen teams."))
            // A name is needed, once.
            p = try await bea.post("/beheer/teams", ["naam": "  "])
            #expect(p.status == .badRequest && p.tekst.contains("href=\"#teamNaam\">Naam van het team:") && p.tekst.contains("Geef het team een naam."))
            p = try await bea.post("/beheer/teams", ["naam": "Wonen"])
            #expect(p.status == .seeOther)
            let team = try #require(try await Team.query(on: t.app.db).first())
            #expect(p.headers.first(name: .location) == "/beheer/teams/\(team.id!.tekst)")
            #expect(try await bea.post("/beheer/teams", ["naam": "Wonen"]).tekst.contains("Er is al een team met deze naam."))

            // Mira in the team; WOZ cases go there. Someone who is not meldpunt staff cannot be put in.
            let mira = try #require(try await Gebruiker.query(on: t.app.db).filter(\.$email == "mira@meldpunt.nl").first())
            p = try await bea.postVelden("/beheer/teams/\(team.id!.tekst)", [("naam", "Wonen"), ("leden[]", UUID().uuidString), ("registraties[]", "WOZ")])
            #expect(p.status == .badRequest && p.tekst.contains("Kies medewerkers van het Meldpunt uit de lijst."))
            // Back and the ticks are still there.
            #expect(p.tekst.contains("id=\"reg-WOZ\" value=\"WOZ\" checked"))
            p = try await bea.postVelden("/beheer/teams/\(team.id!.tekst)", [("naam", "Wonen"), ("leden[]", mira.id!.tekst), ("registraties[]", "WOZ")])
            #expect(p.status == .seeOther)
            p = try await bea.get("/beheer/teams")
            #expect(p.tekst.contains("Wonen") && p.tekst.contains("Test meldpunt") && p.tekst.contains("WOZ"))

            // A new WOZ case lands in the team; a BRP one does not.
            let (woz, _) = try await t.nieuweMelding(BrievenTests.perPost())
            let (brp, _) = try await t.nieuweMelding()
            #expect(try await t.get("/api/v1/meldingen/\(woz)", t.sleutels.meldpunt).json(MeldingDetailDTO.self).team == "Wonen")
            #expect(try await t.get("/api/v1/meldingen/\(brp)", t.sleutels.meldpunt).json(MeldingDetailDTO.self).team == nil)
            // Mira logs in again (her team is read at login) and sees her team's folder.
            let mira2 = Browser(t)
            try await mira2.login("mira@meldpunt.nl")
            p = try await mira2.get("/meldingen?map=team")
            #expect(p.tekst.contains("Mijn team (1)") && p.tekst.contains(woz) && !p.tekst.contains(brp))
            p = try await mira2.get("/meldingen/\(woz)")
            #expect(p.tekst.contains("Team Wonen"))

            // Staff move the BRP case into the team from its assign page, without changing the handler.
            p = try await staf.get("/meldingen/\(brp)/toewijzen")
            // Nobody handles it yet: the handler is left as it is unless chosen.
            #expect(p.tekst.contains("<option value=\"\" selected>Geen team</option>") && p.tekst.contains("<option value=\"\" selected>– niet wijzigen –</option>"))
            p = try await staf.post("/meldingen/\(brp)/toewijzen", ["email": "", "team": team.id!.tekst])
            #expect(p.status == .seeOther)
            let d = try await t.get("/api/v1/meldingen/\(brp)", t.sleutels.meldpunt).json(MeldingDetailDTO.self)
            #expect(d.team == "Wonen" && d.behandelaar == nil && d.tijdlijn.contains { $0.soort == .toegewezen && $0.tekst == "Team Wonen" })
            // The same again changes nothing and says what is missing.
            p = try await staf.post("/meldingen/\(brp)/toewijzen", ["email": "", "team": team.id!.tekst])
            #expect(p.status == .badRequest && p.tekst.contains("Kies een behandelaar of een ander team."))
            #expect(try await staf.post("/meldingen/\(brp)/toewijzen", ["email": "", "team": UUID().uuidString]).tekst.contains("Kies een team uit de lijst."))

            // Staff do not keep teams; the list of teams is beheer's.
            #expect(try await staf.get("/beheer/teams").status == .forbidden)
        }
    }

    @Test func eenStapVoorVeelMeldingenTegelijk() async throws {
        try await metApp { t in
            let staf = try await t.medewerker()
            let (a, _) = try await t.nieuweMelding(BrievenTests.perPost())
            let (b, _) = try await t.nieuweMelding()
            let (c, _) = try await t.nieuweMelding()
            try await t.gebruiker("bea@meldpunt.nl", rol: .beheerder, oin: TestApp.meldpuntOIN)

            // Nothing ticked, nothing chosen: both said, next to their fields, on the list as it was.
            var p = try await staf.postVelden("/meldingen/bulk", [("terug", "/meldingen?map=nieuw&sortering=ontvangen&pagina=1")])
            #expect(p.status == .badRequest && p.tekst.contains("Kies wat u met de gekozen meldingen wilt doen."))
            p = try await staf.postVelden("/meldingen/bulk", [("terug", "/meldingen?map=nieuw"), ("bulkActie", "toewijzen"), ("bulkEmail", "mira@meldpunt.nl"), ("bulkTeam", "ongewijzigd")])
            #expect(p.status == .badRequest && p.tekst.contains("href=\"#bulkZaken\">Meldingen:") && p.tekst.contains("Kies eerst een of meer meldingen in de lijst."))
            // A wrong handler: nothing is done, the ticks stay.
            p = try await staf.postVelden("/meldingen/bulk", [("terug", "/meldingen?map=nieuw"), ("zaken[]", a), ("zaken[]", b), ("bulkActie", "toewijzen"),
                                                               ("bulkEmail", "niemand@example.org"), ("bulkTeam", "ongewijzigd")])
            #expect(p.status == .badRequest && p.tekst.contains("href=\"#bulkEmail\">Behandelaar:") && p.tekst.contains("id=\"kies-\(a)\" checked"))
            #expect(try await t.get("/api/v1/meldingen/\(a)", t.sleutels.meldpunt).json(MeldingDetailDTO.self).behandelaar == nil)

            // Assign two at once; back on the list with what was done.
            p = try await staf.postVelden("/meldingen/bulk", [("terug", "/meldingen?map=nieuw&sortering=ontvangen&pagina=1"), ("zaken[]", a), ("zaken[]", b),
                                                               ("bulkActie", "toewijzen"), ("bulkEmail", "mira@meldpunt.nl"), ("bulkTeam", "ongewijzigd")])
            #expect(p.status == .seeOther && p.headers.first(name: .location) == "/meldingen?map=nieuw&sortering=ontvangen&pagina=1&bulkActie=toewijzen&bulkGedaan=2#bulk-resultaat")
            p = try await staf.volg(p)
            #expect(p.tekst.contains("Toegewezen, aantal meldingen: 2"))
            for z in [a, b] { #expect(try await t.get("/api/v1/meldingen/\(z)", t.sleutels.meldpunt).json(MeldingDetailDTO.self).behandelaar?.email == "mira@meldpunt.nl") }
            // A return address elsewhere is not followed.
            p = try await staf.postVelden("/meldingen/bulk", [("terug", "https://evil.example/"), ("zaken[]", c), ("bulkActie", "toewijzen"), ("bulkEmail", "mira@meldpunt.nl"), ("bulkTeam", "ongewijzigd")])
            #expect(p.headers.first(name: .location)?.hasPrefix("/meldingen?bulkActie=toewijzen&bulkGedaan=1") == true)

            // A standard message, filled in per melder.
            let bea = Browser(t)
            _ = try await bea.login("bea@meldpunt.nl")
            _ = try await bea.post("/beheer/standaardteksten", ["titel": "Even geduld", "doel": "melder", "tekstNl": "Beste {naam}, wij werken aan melding {zaaknummer}.", "tekstEn": ""])
            let s = try #require(try await StandaardtekstRij.query(on: t.app.db).first())
            p = try await staf.postVelden("/meldingen/bulk", [("terug", "/meldingen?map=nieuw"), ("zaken[]", a), ("zaken[]", b), ("bulkActie", "bericht"), ("bulkStandaardtekst", "")])
            #expect(p.status == .badRequest && p.tekst.contains("Kies een standaardtekst voor melders."))
            p = try await staf.postVelden("/meldingen/bulk", [("terug", "/meldingen?map=nieuw"), ("zaken[]", a), ("zaken[]", b), ("bulkActie", "bericht"), ("bulkStandaardtekst", s.id!.tekst)])
            #expect(p.status == .seeOther)
            let da = try await t.get("/api/v1/meldingen/\(a)", t.sleutels.meldpunt).json(MeldingDetailDTO.self)
            let db = try await t.get("/api/v1/meldingen/\(b)", t.sleutels.meldpunt).json(MeldingDetailDTO.self)
            #expect(da.tijdlijn.contains { $0.soort == .berichtAanMelder && $0.tekst == "Beste Fatima El Amrani, wij werken aan melding \(a)." })
            #expect(db.tijdlijn.contains { $0.soort == .berichtAanMelder && $0.tekst == "Beste J. de Vries, wij werken aan melding \(b)." })
            // Fatima gets hers by post.
            #expect(try await BriefRij.query(on: t.app.db).count() >= 2)

            // Close b and c with the same outcome; b again afterwards cannot (already closed): said per case.
            let sluit: [(String, String)] = [("bulkActie", "sluiten"), ("bulkUitkomst", "buitenScope"), ("bulkScopeReden", Self.scopeReden()),
                                             ("bulkAfsluitgrond", "buitenScopeBijIntake"), ("bulkSamenvatting", "Dit kan de gemeente zelf oplossen: bel 14 020.")]
            p = try await staf.postVelden("/meldingen/bulk", [("terug", "/meldingen?map=nieuw"), ("zaken[]", b), ("bulkActie", "sluiten"), ("bulkUitkomst", "buitenScope")])
            #expect(p.status == .badRequest && p.tekst.contains("Zeg waarom de melding buiten de scope valt.") && p.tekst.contains("href=\"#bulkSamenvatting\""))
            // First a check page: which cases, the outcome in words, the summary; nothing closed yet.
            p = try await staf.postVelden("/meldingen/bulk", [("terug", "/meldingen?map=nieuw"), ("zaken[]", b), ("zaken[]", c)] + sluit)
            #expect(p.status == .ok && p.tekst.contains("Deze meldingen sluiten?") && p.tekst.contains("2: \(b), \(c)") && p.tekst.contains("Dit kan de gemeente zelf oplossen"))
            #expect(p.tekst.contains("name=\"bevestigd\" value=\"ja\"") && !p.tekst.contains("buitenScopeBijIntake</dd>"))
            #expect(try await t.get("/api/v1/meldingen/\(b)", t.sleutels.meldpunt).json(MeldingDetailDTO.self).status != .gesloten)
            p = try await staf.postVelden("/meldingen/bulk", [("terug", "/meldingen?map=nieuw"), ("zaken[]", b), ("zaken[]", c)] + sluit + [("bevestigd", "ja")])
            #expect(p.headers.first(name: .location) == "/meldingen?map=nieuw&bulkActie=sluiten&bulkGedaan=2#bulk-resultaat")
            p = try await staf.postVelden("/meldingen/bulk", [("terug", "/meldingen?map=nieuw"), ("zaken[]", b), ("zaken[]", a)] + sluit + [("bevestigd", "ja")])
            #expect(p.headers.first(name: .location) == "/meldingen?map=nieuw&bulkActie=sluiten&bulkGedaan=1&bulkNietGelukt=\(b)~fase#bulk-resultaat")
            p = try await staf.volg(p)
            #expect(p.tekst.contains("Niet gelukt bij deze meldingen") && p.tekst.contains("<a href=\"/meldingen/\(b)\">\(b)</a>: de melding is al gesloten"))
            #expect(try await t.get("/api/v1/meldingen/\(a)", t.sleutels.meldpunt).json(MeldingDetailDTO.self).status == .gesloten)

            // Only the meldpunt's staff.
            try await t.gebruiker("beheer@amsterdam.nl", rol: .beheerder, gemeentecode: "0363")
            let ander = Browser(t)
            _ = try await ander.login("beheer@amsterdam.nl")
            #expect(try await ander.postVelden("/meldingen/bulk", [("zaken[]", c), ("bulkActie", "toewijzen"), ("bulkEmail", "mira@meldpunt.nl")]).status == .forbidden)
        }
    }

    @Test func filtersBewarenEnDeLijstAlsCSV() async throws {
        try await metApp { t in
            let staf = try await t.medewerker()
            let (woz, _) = try await t.nieuweMelding(BrievenTests.perPost())
            let (brp, _) = try await t.nieuweMelding()
            // The filter: WOZ cases nobody handles.
            var p = try await staf.get("/meldingen?registratie=WOZ&behandelaar=niemand&binnenkomst=onzin")
            #expect(p.status == .ok && p.tekst.contains(woz) && !p.tekst.contains("href=\"/meldingen/\(brp)\""))
            #expect(p.tekst.contains("<option value=\"WOZ\" selected>") && p.tekst.contains("<details class=\"filterblok\" open"))
            // Kept under a name: a link of its own; an empty name is said next to the field.
            p = try await staf.post("/meldingen/filters", ["naam": "", "zoekvraag": "registratie=WOZ&behandelaar=niemand"])
            #expect(p.status == .badRequest && p.tekst.contains("href=\"#filterNaam\">Naam van het filter:") && p.tekst.contains("Geef het filter een naam."))
            p = try await staf.post("/meldingen/filters", ["naam": "WOZ zonder behandelaar", "zoekvraag": "registratie=WOZ&behandelaar=niemand&onbekend=1"])
            #expect(p.status == .seeOther && p.headers.first(name: .location) == "/meldingen?registratie=WOZ&behandelaar=niemand")
            p = try await staf.get("/meldingen")
            #expect(p.tekst.contains("Mijn filters") && p.tekst.contains("<a href=\"/meldingen?registratie=WOZ&amp;behandelaar=niemand\">WOZ zonder behandelaar</a>"))
            // Someone else does not see it.
            try await t.gebruiker("noor@meldpunt.nl", rol: .meldpunt, oin: TestApp.meldpuntOIN)
            let noor = Browser(t)
            try await noor.login("noor@meldpunt.nl")
            #expect(try await noor.get("/meldingen").tekst.contains("WOZ zonder behandelaar") == false)
            let f = try #require(try await BewaardFilter.query(on: t.app.db).first())
            // Noor cannot delete Mira's; Mira can.
            _ = try await noor.post("/meldingen/filters/\(f.id!.tekst)/verwijderen", [:])
            #expect(try await BewaardFilter.query(on: t.app.db).count() == 1)
            _ = try await staf.post("/meldingen/filters/\(f.id!.tekst)/verwijderen", [:])
            #expect(try await BewaardFilter.query(on: t.app.db).count() == 0)

            // The list as CSV: every case the folder holds, no names or descriptions.
            p = try await staf.get("/meldingen")
            #expect(p.tekst.contains("href=\"/meldingen/export.csv?map=nieuw&amp;sortering=ontvangen\""))
            let csv = try await staf.get("/meldingen/export.csv?map=nieuw&sortering=ontvangen")
            #expect(csv.status == .ok && csv.headers.contentType?.subType == "csv")
            #expect(csv.headers.first(name: .contentDisposition)?.contains("werkvoorraad-nieuw-") == true)
            let regels = csv.tekst.split(separator: "\r\n")
            #expect(regels.count == 3 && regels[0].hasPrefix("\u{FEFF}zaaknummer,ontvangen,status"))
            #expect(csv.tekst.contains(woz) && csv.tekst.contains(brp) && csv.tekst.contains("WOZ"))
            #expect(!csv.tekst.contains("Fatima") && !csv.tekst.contains("Suzanne") && !csv.tekst.contains("oppervlakte"))
            // Filtered.
            let en = try await staf.get("/meldingen/export.csv?registratie=BRP")
            #expect(en.tekst.contains(brp) && !en.tekst.contains(woz))
            #expect(CSV.tekst([["=1+1", "a,b"]]) == "'=1+1,\"a,b\"\r\n")
        }
    }
}

/// The meldpunt's own contact details, kept by beheer (issue 30): on every citizen page, in mails and letters.
@Suite("Contactgegevens van het Meldpunt")
struct MeldpuntcontactTests {
    @Test func beheerZetZeEnElkePaginaMailEnBriefToontZe() async throws {
        try await metApp { t in
            try await t.gebruiker("bea@meldpunt.nl", rol: .beheerder, oin: TestApp.meldpuntOIN)
            let bea = Browser(t)
            _ = try await bea.login("bea@meldpunt.nl")
            var p = try await bea.get("/beheer/contactgegevens")
            // The operator's values (the example ones in tests) until beheer sets its own.
            #expect(p.status == .ok && p.tekst.contains("value=\"0800 123 45 67\""))
            // Every problem at once, next to its field, what was typed kept.
            p = try await bea.post("/beheer/contactgegevens", ["telefoon": "bel ons", "bereikbaarNl": "", "bereikbaarEn": "weekdays",
                                                                "postadres": "1\n2\n3\n4\n5", "email": "geen adres"])
            #expect(p.status == .badRequest)
            for f in ["href=\"#contactTelefoon\">Telefoonnummer:", "href=\"#contactBereikbaarNl\">Wanneer bereikbaar (Nederlands):",
                      "href=\"#contactPostadres\">Postadres:", "href=\"#contactEmail\">E-mailadres:", "value=\"bel ons\"", "1\n2\n3\n4\n5</textarea>"] {
                #expect(p.tekst.contains(f), "\(f)")
            }
            // More digits than any phone number has.
            #expect(try await bea.post("/beheer/contactgegevens", ["telefoon": "+31 6 1234 5678 9999 0000 1234"]).tekst.contains("Geef een telefoonnummer met cijfers"))
            p = try await bea.post("/beheer/contactgegevens", ["telefoon": "088 123 00 00", "bereikbaarNl": "werkdagen 8.30–16.30 uur", "bereikbaarEn": "working days 8:30–16:30",
                                                                "postadres": "Postbus 99\n2500 AB  Den Haag", "email": ""])
            #expect(p.status == .seeOther)
            #expect(try await bea.volg(p).tekst.contains("De contactgegevens zijn opgeslagen."))
            // At once on the citizen's pages.
            for pad in ["/", "/melden"] {
                #expect(try await Browser(t).get(pad).tekst.contains("Bel ons op 088 123 00 00 (werkdagen 8.30–16.30 uur)."), "\(pad)")
            }
            // In the mail to a melder (letters are made from the same details).
            _ = try await t.nieuweMelding(BrievenTests.perPost(email: "fatima@example.nl", voorkeur: "email"))
            let mail = try #require(try await UitgaandBericht.query(on: t.app.db).filter(\.$aan == "fatima@example.nl").first())
            #expect(mail.inhoud.contains("Bel ons op 088 123 00 00 (werkdagen 8.30–16.30 uur). Post: Meldpunt Fouten in Overheidsregistraties, Postbus 99, 2500 AB  Den Haag."))
            // A gemeente's beheer does not set them; staff do not either.
            try await t.gebruiker("beheer@amsterdam.nl", rol: .beheerder, gemeentecode: "0363")
            let a = Browser(t)
            _ = try await a.login("beheer@amsterdam.nl")
            #expect(try await a.get("/beheer/contactgegevens").status == .forbidden)
            #expect(try await t.medewerker().post("/beheer/contactgegevens", ["telefoon": "1"]).status == .forbidden)
            // Another instance reads them from the database.
            let ander = Contactbron(standaard: .voorbeeld)
            try await ander.vernieuw(t.app.db)
            #expect(ander.huidig.telefoon == "088 123 00 00" && ander.huidig.postadres == ["Postbus 99", "2500 AB  Den Haag"])
        }
    }
}
