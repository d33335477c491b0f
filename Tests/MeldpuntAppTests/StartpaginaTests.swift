import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Testing
import Vapor
import MeldpuntHTTP
@testable import MeldpuntApp
@testable import MeldpuntWeb

/// The page after login answers "what needs me now?" per role, with counts that link to where the work is.
@Suite("Startpagina per rol: wat vraagt nu aandacht")
struct StartpaginaTests {
    /// The number on the count that links to `href` and reads `tekst`.
    private func teller(_ pagina: TestResponse, _ href: String, _ tekst: String) -> Int? {
        let html = pagina.tekst
        guard let a = html.range(of: "<a href=\"\(href)\"><span class=\"teller-getal\">") else { return nil }
        let rest = html[a.upperBound...]
        let getal = rest.prefix { $0.isNumber }
        return rest.dropFirst(getal.count).hasPrefix("</span> <span class=\"teller-tekst\">\(tekst)</span>") ? Int(getal) : teller(in: String(rest), href, tekst)
    }

    private func teller(in html: String, _ href: String, _ tekst: String) -> Int? {
        guard let a = html.range(of: "<a href=\"\(href)\"><span class=\"teller-getal\">") else { return nil }
        let rest = html[a.upperBound...]
        let getal = rest.prefix { $0.isNumber }
        return rest.dropFirst(getal.count).hasPrefix("</span> <span class=\"teller-tekst\">\(tekst)</span>") ? Int(getal) : teller(in: String(rest), href, tekst)
    }

    @Test func meldpuntZietOngelezenEnContactTermijnen() async throws {
        try await metApp { t in
            try await t.gebruiker("mira@meldpunt.nl", rol: .meldpunt, oin: TestApp.meldpuntOIN)
            let (z, link) = try await t.nieuweMelding()
            let b = Browser(t)
            let na = try await b.login("mira@meldpunt.nl")
            #expect(na.headers.first(name: .location) == "/portaal")
            var start = try await b.get("/portaal")
            #expect(start.status == .ok)
            // New intake is new, not a message from the melder (issue 27).
            #expect(teller(start, "/meldingen?map=ongelezen", "met iets nieuws sinds u keek") == 0 && teller(start, "/meldingen?map=nieuw", "nieuwe meldingen") == 1)
            #expect(teller(start, "/meldingen?map=teLaat", "eerste contact is te laat") == 0 && teller(start, "/meldingen?map=mijn", "open meldingen bij u") == 0)
            #expect(start.tekst.contains("href=\"/meldingen/\(z)\"") && start.tekst.contains("Nieuwe melding: neem persoonlijk contact op"))
            #expect(!start.tekst.contains("Iets nieuws sinds u keek"))

            // Opened: no longer unread. Three working days later its first contact is due today, then overdue.
            _ = try await b.get("/meldingen/\(z)")
            let d = try #require(try await Melding.query(on: t.app.db).filter(\.$zaaknummer == z).first())
            t.klok.zet(d.eersteContactUiterlijk.begin().addingTimeInterval(10 * 3600))
            try await b.login("mira@meldpunt.nl")
            start = try await b.get("/portaal")
            #expect(teller(start, "/meldingen?map=ongelezen", "met iets nieuws sinds u keek") == 0 && teller(start, "/meldingen?map=contactVandaag", "eerste contact moet vandaag") == 1)
            #expect(start.tekst.contains("Eerste contact moet vandaag"))
            t.klok.zet(try d.eersteContactUiterlijk.plus(dagen: 1).begin().addingTimeInterval(10 * 3600))
            try await b.login("mira@meldpunt.nl")
            start = try await b.get("/portaal")
            #expect(teller(start, "/meldingen?map=contactVandaag", "eerste contact moet vandaag") == 0 && teller(start, "/meldingen?map=teLaat", "eerste contact is te laat") == 1)

            // The melder writes: unread again, first in the list.
            let melder = Browser(t)
            _ = try await melder.get(link)
            #expect(try await melder.post("\(link)/berichten", ["bericht": "Is er al nieuws?"]).status == .seeOther)
            start = try await b.get("/portaal")
            #expect(teller(start, "/meldingen?map=ongelezen", "met iets nieuws sinds u keek") == 1)
            #expect(start.tekst.contains("Iets nieuws sinds u keek: van de melder"))
            let lijst = try await b.get("/meldingen?map=contactVandaag")
            #expect(lijst.status == .ok && lijst.tekst.contains("Eerste contact vandaag (0)"))
        }
    }

    @Test func bijhouderZietNieuweEnBijnaTeLateTerugmeldingen() async throws {
        try await metApp { t in
            try await t.gebruiker("bas@amsterdam.nl", rol: .bijhouder, gemeentecode: "0363")
            _ = try await t.meld()
            _ = try await t.meld()
            let b = Browser(t)
            try await b.login("bas@amsterdam.nl")
            var start = try await b.get("/portaal")
            #expect(teller(start, "/terugmeldingen?map=nieuw", "nieuwe terugmeldingen") == 2 && teller(start, "/terugmeldingen?map=nieuw&amp;teLaat=1", "niet op tijd opgepakt") == 0)
            #expect(start.tekst.contains("Oppakken uiterlijk 30 november 2026"))   // 5 working days after Monday 23 November
            // Each item says what it is about, so the list reads without opening them.
            #expect(start.tekst.contains("<span class=\"startlijst-tekst\">De persoon woont volgens onze gegevens op nummer 21."))
            // On the deadline's eve both are nearly late; a day after it, late.
            t.klok.zet(ISO8601DateFormatter().date(from: "2026-11-27T09:00:00Z")!)
            try await b.login("bas@amsterdam.nl")
            start = try await b.get("/portaal")
            #expect(start.tekst.contains("<span class=\"teller-getal\">2</span> <span class=\"teller-tekst\">uiterlijk morgen (werkdag) oppakken"))
            t.klok.zet(ISO8601DateFormatter().date(from: "2026-12-01T09:00:00Z")!)
            try await b.login("bas@amsterdam.nl")
            start = try await b.get("/portaal")
            #expect(teller(start, "/terugmeldingen?map=nieuw&amp;teLaat=1", "niet op tijd opgepakt") == 2)
        }
    }

    @Test func partnerZietNieuweVerzoekenEnAfnemerAntwoorden() async throws {
        try await metApp { t in
            _ = try await t.partners()
            let (z, _) = try await t.meldingInBehandeling()
            let id = try await t.verzoek(z, ["organisatieOin": TestApp.uwvOIN, "soort": "informatie", "vraag": "Welk adres?"])
            // A second new one past its deadline, a third accepted: counted in the database, overdue first.
            let laat = try await t.verzoek(z, ["organisatieOin": TestApp.uwvOIN, "soort": "informatie", "vraag": "Welke datum?"])
            let geaccepteerd = try await t.verzoek(z, ["organisatieOin": TestApp.uwvOIN, "soort": "informatie", "vraag": "Welke naam?"])
            let v2 = try #require(try await Verzoek.find(UUID(uuidString: laat), on: t.app.db))
            v2.uiterlijk = Dag("2026-01-05")
            try await v2.save(on: t.app.db)
            let v3 = try #require(try await Verzoek.find(UUID(uuidString: geaccepteerd), on: t.app.db))
            v3.status = .geaccepteerd
            try await v3.save(on: t.app.db)
            try await t.gebruiker("pim@uwv.nl", rol: .partner, oin: TestApp.uwvOIN)
            let p = Browser(t)
            try await p.login("pim@uwv.nl")
            let start = try await p.get("/portaal")
            for (aantal, tekst) in [(1, "verzoeken over de termijn"), (2, "nieuwe verzoeken om te beoordelen"), (3, "open verzoeken")] {
                #expect(start.tekst.contains("<span class=\"teller-getal\">\(aantal)</span> <span class=\"teller-tekst\">\(tekst)"), "\(tekst)")
            }
            let eerst = try #require(start.tekst.range(of: "href=\"/verzoeken/\(laat)\""))
            let dan = try #require(start.tekst.range(of: "href=\"/verzoeken/\(id)\""))
            #expect(eerst.lowerBound < dan.lowerBound && !start.tekst.contains("href=\"/verzoeken/\(geaccepteerd)\""))

            try await t.gebruiker("ans@belastingdienst.nl", rol: .afnemer, oin: "00000001003214345000")
            let ref = try await t.meld()
            #expect(try await t.wijzig(ref, t.sleutels.amsterdam, ["status": "In behandeling", "toelichting": "Wij zoeken het uit."]).status == .ok)
            #expect(try await t.wijzig(ref, t.sleutels.amsterdam, ["status": "Afgehandeld", "uitkomst": "verbeterd", "toelichting": "Adres aangepast."]).status == .ok)
            let a = Browser(t)
            try await a.login("ans@belastingdienst.nl")
            let antwoorden = try await a.get("/portaal")
            #expect(teller(antwoorden, "/terugmeldingen?map=archief", "terugmeldingen afgehandeld door de bronhouder") == 1 && antwoorden.tekst.contains("href=\"/terugmeldingen/\(ref)\""))
        }
    }

    /// `swift run meldpunt serve` on a fresh database: every role's start page has work to show.
    @Test func demogegevensGevenElkeRolWerk() async throws {
        let pad = FileManager.default.temporaryDirectory.appendingPathComponent("meldpunt-demo-\(UUID().uuidString).sqlite").path
        defer { for s in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: pad + s) } }
        let dev = try await Application.make(.development)
        dev.logger.logLevel = .error
        do {
            try await configure(dev, database: .sqlite(path: pad), omgeving: [:])
            let tm = TerugmeldingService(db: dev.db, referentie: dev.referentiedata, pseudoniemen: dev.pseudoniemen, kalender: dev.kalender,
                                         nu: dev.klok.nu(), traceID: "test", berichten: dev.berichtgeving)
            let amsterdam = try OrganisatieDTO(try await Organisaties.zoek(oin: nil, gemeentecode: "0363", on: dev.db))
            let belastingdienst = try OrganisatieDTO(try await Organisaties.zoek(oin: "00000001003214345000", gemeentecode: nil, on: dev.db))
            let nieuw = TerugmeldingService.Filter(richting: .ontvangen, statussen: [.gemeld])
            var teLaat = nieuw
            teLaat.termijnOverschreden = true
            var bijna = nieuw
            bijna.bijnaTeLaatTot = try dev.kalender.plusWerkdagen(1, na: Dag(dev.klok.nu()))
            #expect(try await tm.aantal(nieuw, voor: amsterdam) == 3)
            #expect(try await tm.aantal(teLaat, voor: amsterdam) == 1)
            #expect(try await tm.aantal(bijna, voor: amsterdam) == 1)
            #expect(try await tm.aantal(TerugmeldingService.Filter(richting: .verzonden, statussen: [.afgehandeld]), voor: belastingdienst) == 1)
            #expect(try await Melding.query(on: dev.db).count() == 8)
            // The intermediary's client case, in Mira's team's folder the vehicle cases.
            #expect(try await Melding.query(on: dev.db).filter(\.$ingediendDoor.$id != nil).count() == 2)
            #expect(try await Melding.query(on: dev.db).filter(\.$team.$id != nil).count() == 5)
            #expect(try await Verzoek.query(on: dev.db).count() == 1)
            // A second start adds nothing.
            try await DemoSeed.zaai(dev)
            #expect(try await Terugmelding.query(on: dev.db).count() == 4)
        } catch {
            try await dev.asyncShutdown()
            throw error
        }
        try await dev.asyncShutdown()
    }
}
