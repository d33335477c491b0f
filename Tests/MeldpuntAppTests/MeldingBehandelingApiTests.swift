import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Testing
import Vapor
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntAPI
@testable import MeldpuntWeb

extension TestApp {
    /// Files the standard melding (an intermediary for Suzanne Moulin, BSN 999993653) and returns
    /// its case number and the melder's private link.
    func nieuweMelding(_ body: [String: Any] = MeldingApiTests.melding(bijlage: Voorbeeld.pdf)) async throws -> (zaaknummer: String, link: String) {
        let r = try await post("/api/v1/meldingen", sleutels.svb, json: body)
        #expect(r.status == .created, "\(r.tekst)")
        let ontvangen = try r.json(MeldingService.Ontvangen.self)
        return (ontvangen.zaaknummer.description, ontvangen.statuspagina)
    }

    func stap(_ method: HTTPMethod, _ zaaknummer: String, _ pad: String, _ body: [String: Any], sleutel: String? = nil) async throws -> TestResponse {
        try await request(method, "/api/v1/meldingen/\(zaaknummer)/\(pad)", sleutel: sleutel ?? sleutels.meldpunt,
                          body: JSONSerialization.data(withJSONObject: body))
    }

    func stap(_ zaaknummer: String, _ pad: String, _ body: [String: Any], sleutel: String? = nil) async throws -> TestResponse {
        try await stap(.POST, zaaknummer, pad, body, sleutel: sleutel)
    }

    /// Every consequence the melder named, repaired: a case may then close as solved.
    func herstelGevolgen(_ zaaknummer: String) async throws {
        let d = try await get("/api/v1/meldingen/\(zaaknummer)", sleutels.meldpunt).json(MeldingDetailDTO.self)
        for g in d.gevolgen where !g.status.isAfgerond {
            #expect(try await stap(.PUT, zaaknummer, "gevolgen/\(g.nummer)", ["status": "hersteld"]).status == .ok)
        }
    }

    /// What every melding gets before it may close as handled: personal contact and the analysis.
    func contactEnAnalyse(_ zaaknummer: String) async throws {
        let contact = try await stap(zaaknummer, "contactmomenten", ["datum": Dag(klok.nu).description, "kanaal": "telefoon", "samenvatting": "Gebeld."])
        #expect(contact.status == HTTPStatus.created || contact.status == HTTPStatus.ok, "\(contact.tekst)")
        let analyse = try await stap(.PUT, zaaknummer, "analyse", MeldingBehandelingApiTests.analyse)
        #expect(analyse.status == .ok, "\(analyse.tekst)")
    }
}

@Suite("MFO: behandeling door het Meldpunt via de API")
struct MeldingBehandelingApiTests {
    nonisolated(unsafe) static let contact: [String: Any] = ["datum": "2026-11-23", "kanaal": "telefoon", "samenvatting": "Gebeld; mevrouw woont sinds maart in Utrecht."]
    nonisolated(unsafe) static let analyse: [String: Any] = ["oorsprongOrganisatie": "Gemeente Rotterdam", "oorsprongRegistratie": "BRP",
                                         "geraakteOrganisaties": ["Belastingdienst/Toeslagen"], "geraakteRegistraties": ["BRI"], "complexiteit": "midden"]

    @Test func vanOntvangstTotSluiting() async throws {
        try await metApp { t in
            let mira = try await t.gebruiker("mira@meldpunt.nl", rol: .meldpunt, oin: TestApp.meldpuntOIN)
            let (z, link) = try await t.nieuweMelding()

            // Analysis and role need the steps before them: 409 with what to do first.
            let teVroeg = try await t.stap(.PUT, z, "analyse", Self.analyse)
            #expect(teVroeg.status == .conflict)
            #expect(try teVroeg.json(Probleem.self).detail.contains("eerste persoonlijke contact"))
            #expect(try await t.stap(.PUT, z, "rol", ["rol": "coordinerend"]).status == .conflict)

            let contact = try await t.stap(z, "contactmomenten", Self.contact)
            #expect(contact.status == .ok, "\(contact.tekst)")
            let naContact = try contact.json(MeldingDetailDTO.self)
            #expect(naContact.status == .intake && !naContact.contactTermijnOverschreden && naContact.eersteContactOp != nil)
            let rolTeVroeg = try await t.stap(.PUT, z, "rol", ["rol": "coordinerend"])
            #expect(rolTeVroeg.status == .conflict)
            #expect(try rolTeVroeg.json(Probleem.self).detail.contains("analyse"))

            let toegewezen = try await t.stap(.PUT, z, "behandelaar", ["email": "Mira@Meldpunt.nl"])
            #expect(try toegewezen.json(MeldingDetailDTO.self).behandelaar?.id == mira.id!.tekst)

            let a = try await t.stap(.PUT, z, "analyse", Self.analyse)
            let naAnalyse = try a.json(MeldingDetailDTO.self)
            #expect(naAnalyse.status == .analyse)
            let voorstel = try #require(naAnalyse.rolVoorstel)
            #expect(voorstel.rol == .coordinerend && voorstel.redenen.count == 2)
            #expect(naAnalyse.mogelijkeStappen == [.contact, .analyse, .rolKeuze, .sluiten])

            let zonderReden = try await t.stap(.PUT, z, "rol", ["rol": "begeleidend"])
            #expect(zonderReden.status == .badRequest && zonderReden.ongeldigeNamen == ["reden"])
            let rol = try await t.stap(.PUT, z, "rol", ["rol": "adviserend", "reden": "De gemeente vraagt advies over de route."])
            let naRol = try rol.json(MeldingDetailDTO.self)
            #expect(naRol.status == .inBehandeling && naRol.rol == .adviserend)

            #expect(try await t.stap(z, "notities", ["tekst": "Intern: dossier bij de gemeente opgevraagd."]).status == .ok)
            #expect(try await t.stap(z, "berichten", ["tekst": "We hebben de gemeente gevraagd uw adres te herstellen."]).status == .ok)
            #expect(try await t.stap(.PUT, z, "volgende-stap", ["tekst": "We bellen u als de gemeente heeft geantwoord.", "datum": "2026-12-04"]).status == .ok)
            #expect(try await t.stap(z, "statuswijzigingen", ["status": "wachtOpOrganisaties"]).json(MeldingDetailDTO.self).status == .wachtOpOrganisaties)

            // The melder sees the message, the organisations, the next step, and the waiting phase; not the note.
            let b = Browser(t)
            var pagina = try await b.get(link)
            #expect(pagina.tekst.contains("We hebben de gemeente gevraagd uw adres te herstellen."))
            #expect(pagina.tekst.contains("We bellen u als de gemeente heeft geantwoord.") && pagina.tekst.contains("4 december 2026"))
            #expect(pagina.tekst.contains("<li>Gemeente Rotterdam</li>") && pagina.tekst.contains("<li>Belastingdienst/Toeslagen</li>"))
            #expect(pagina.tekst.contains("aria-current=\"step\" class=\"huidig\">Wacht op organisaties"))
            #expect(!pagina.tekst.contains("dossier bij de gemeente"))

            #expect(try await t.stap(z, "statuswijzigingen", ["status": "inBehandeling"]).json(MeldingDetailDTO.self).status == .inBehandeling)
            try await t.herstelGevolgen(z)
            let half = try await t.stap(z, "statuswijzigingen", ["status": "gesloten", "uitkomst": "opgelost"])
            #expect(half.status == .badRequest && half.ongeldigeNamen == ["samenvatting"])
            let dicht = try await t.stap(z, "statuswijzigingen", ["status": "gesloten", "uitkomst": "opgelost",
                                                                  "samenvatting": "Uw adres is hersteld en uw huurtoeslag loopt weer."])
            #expect(dicht.status == .ok)
            let gesloten = try dicht.json(MeldingDetailDTO.self)
            #expect(gesloten.status == .gesloten && gesloten.uitkomst == .opgelost)
            #expect(gesloten.mogelijkeStappen == [.heropenen] && gesloten.volgendeStap == nil)
            // Nothing changes a closed case; a message to the melder still goes (the melder may answer after closing).
            #expect(try await t.stap(z, "berichten", ["tekst": "Nog iets"]).status == .ok)
            #expect(try await t.stap(z, "contactmomenten", Self.contact).status == .conflict)
            #expect(try await t.stap(z, "statuswijzigingen", ["status": "inBehandeling"]).status == .conflict)

            let tijdlijn = gesloten.tijdlijn
            #expect(tijdlijn.map(\.soort) == [
                .ontvangen, .contact, .statusGewijzigd, .toegewezen, .analyse, .statusGewijzigd, .rolGekozen, .statusGewijzigd,
                .notitie, .berichtAanMelder, .volgendeStap, .statusGewijzigd, .statusGewijzigd, .gevolgherstel, .gesloten])
            #expect(tijdlijn.map(\.volgnummer) == Array(1...15))
            #expect(tijdlijn[1].door == "Meldpunt (API)" && tijdlijn[1].gegevens?.kanaal == .telefoon)
            #expect(tijdlijn[6].tekst == "De gemeente vraagt advies over de route.")

            pagina = try await b.get(link)
            #expect(pagina.tekst.contains("Uw adres is hersteld en uw huurtoeslag loopt weer.") && pagina.tekst.contains("Opgelost"))
            #expect(pagina.tekst.contains("Hoe tevreden bent u"))
        }
    }

    @Test func alleenHetMeldpuntBehandelt() async throws {
        try await metApp { t in
            let (z, _) = try await t.nieuweMelding()
            // The organisation that filed it follows its progress as the melder does; others see nothing.
            let indiener = try await t.get("/api/v1/meldingen/\(z)", t.sleutels.svb)
            #expect(indiener.status == .ok)
            #expect(try indiener.json(MeldingService.MelderWeergave.self).fase == .ontvangen)
            // The melder's view, not the meldpunt's: no timeline, no content.
            #expect(indiener.object["tijdlijn"] == nil && indiener.object["melding"] == nil)
            #expect(try await t.get("/api/v1/meldingen/\(z)", t.sleutels.amsterdam).status == .notFound)
            for sleutel in [t.sleutels.svb, t.sleutels.amsterdam] {
                #expect(try await t.get("/api/v1/meldingen", sleutel).status == .forbidden)
                #expect(try await t.stap(z, "contactmomenten", Self.contact, sleutel: sleutel).status == .forbidden)
                #expect(try await t.request(.POST, "/api/v1/meldingen/\(z)/statuspagina-links", sleutel: sleutel).status == .forbidden)
            }
            #expect(try await t.get("/api/v1/meldingen/\(z)", nil).status == .unauthorized)
            #expect(try await t.get("/api/v1/meldingen/MFO-2026-999999", t.sleutels.meldpunt).status == .notFound)
            #expect(try await t.get("/api/v1/meldingen/onzin", t.sleutels.meldpunt).status == .notFound)
            let m = try #require(try await Melding.query(on: t.app.db).first())
            #expect(m.status == .ontvangen && m.laatsteVolgnummer == 1)
            // An internal note never reaches the filing organisation; a message to the melder does.
            _ = try await t.stap(z, "notities", ["tekst": "Intern: dossier opgevraagd."])
            _ = try await t.stap(z, "berichten", ["tekst": "We nemen morgen contact op."])
            let na = try await t.get("/api/v1/meldingen/\(z)", t.sleutels.svb)
            #expect(na.tekst.contains("We nemen morgen contact op.") && !na.tekst.contains("dossier opgevraagd"))
        }
    }

    @Test func werkvoorraadFiltersEnZoeken() async throws {
        try await metApp { t in
            let mira = try await t.gebruiker("mira@meldpunt.nl", rol: .meldpunt, oin: TestApp.meldpuntOIN)
            let (eerste, _) = try await t.nieuweMelding()
            t.klok.zet(TestApp.standaardTijd.addingTimeInterval(60))
            var burger = MeldingApiTests.melding()
            burger["melderType"] = "burger"
            burger["melder"] = ["naam": "Piet Puk", "email": "p@example.nl", "bsn": "999990019"]
            burger.removeValue(forKey: "vertegenwoordigde")
            burger.removeValue(forKey: "organisatieNaam")
            let (tweede, _) = try await t.nieuweMelding(burger)
            _ = try await t.stap(tweede, "contactmomenten", Self.contact)
            _ = try await t.stap(.PUT, tweede, "behandelaar", ["email": "mira@meldpunt.nl"])

            func zaken(_ query: String) async throws -> [String] {
                let r = try await t.get("/api/v1/meldingen\(query)", t.sleutels.meldpunt)
                #expect(r.status == .ok, "\(query): \(r.tekst)")
                return try r.json([MeldingSamenvattingDTO].self).map(\.zaaknummer)
            }
            #expect(try await zaken("") == [eerste, tweede])
            #expect(try await zaken("?status=ontvangen") == [eerste])
            #expect(try await zaken("?status=intake,ontvangen") == [eerste, tweede])
            #expect(try await zaken("?behandelaar=\(mira.id!.tekst)") == [tweede])
            #expect(try await zaken("?contactTermijnOverschreden=true") == [])

            // Three working days later the case still without contact is overdue (norm: 2 working days).
            t.klok.zet(ISO8601DateFormatter().date(from: "2026-11-26T09:00:00Z")!)
            #expect(try await zaken("?contactTermijnOverschreden=true") == [eerste])
            #expect(try await zaken("?contactTermijnOverschreden=false") == [tweede])
            let lijst = try await t.get("/api/v1/meldingen?pageSize=1&page=2", t.sleutels.meldpunt)
            let pagina2 = try lijst.json([MeldingSamenvattingDTO].self)
            #expect(pagina2.map(\.zaaknummer) == [tweede] && pagina2.first?.naam == "Piet Puk")
            #expect(lijst.headers.first(name: "X-Total-Count") == "2")
            #expect(lijst.headers.first(name: "Link")?.contains("rel=\"prev\"") == true)

            let fout = try await t.get("/api/v1/meldingen?status=klaar&behandelaar=mira&contactTermijnOverschreden=ja&pageSize=0", t.sleutels.meldpunt)
            #expect(fout.status == .badRequest)
            #expect(Set(fout.ongeldigeNamen) == ["status", "behandelaar", "contactTermijnOverschreden", "pageSize"])

            func zoek(_ body: [String: Any]) async throws -> TestResponse {
                try await t.post("/api/v1/meldingen/_zoek", t.sleutels.meldpunt, json: body)
            }
            func gevonden(_ body: [String: Any]) async throws -> [String] {
                try await zoek(body).json([MeldingSamenvattingDTO].self).map(\.zaaknummer)
            }
            #expect(try await gevonden(["naam": "moulin"]) == [eerste])
            #expect(try await gevonden(["naam": "consumentenbond"]).count == 1)
            #expect(try await gevonden(["bsn": "999993653"]) == [eerste])
            #expect(try await gevonden(["bsn": "999990019"]) == [tweede])
            #expect(try await gevonden(["zaaknummer": tweede.lowercased()]) == [tweede])
            let zoekFout = try await zoek(["bsn": "123456789", "naam": "x", "zaaknummer": "MFO-1"])
            #expect(zoekFout.status == .badRequest && Set(zoekFout.ongeldigeNamen) == ["bsn", "naam", "zaaknummer"])
            #expect(try await zoek([:]).status == .badRequest)
            let leeg = try await zoek(["naam": "", "bsn": NSNull(), "zaaknummer": ""])
            #expect(leeg.status == .badRequest && Set(leeg.ongeldigeNamen) == ["naam", "zaaknummer"])
            // Lengths as the document counts them, in code points: 120 letters with a combining mark each are 240.
            #expect(try await zoek(["naam": String(repeating: "e\u{0301}", count: 120)]).ongeldigeNamen == ["naam"])
            #expect(try await gevonden(["zaaknummer": " \(tweede) "]) == [tweede])
            #expect(try await t.post("/api/v1/meldingen/_zoek", t.sleutels.svb, json: ["naam": "moulin"]).status == .forbidden)
        }
    }

    @Test func contactNaDeTermijnBlijftTeLaat() async throws {
        try await metApp { t in
            let (z, _) = try await t.nieuweMelding()
            t.klok.zet(ISO8601DateFormatter().date(from: "2026-11-27T09:00:00Z")!)
            let r = try await t.stap(z, "contactmomenten", ["datum": "2026-11-26", "kanaal": "email", "samenvatting": "Gemaild."])
            #expect(try r.json(MeldingDetailDTO.self).contactTermijnOverschreden)
            #expect(try await t.get("/api/v1/meldingen?contactTermijnOverschreden=true", t.sleutels.meldpunt).array.count == 1)
            let voorOntvangst = try await t.stap(z, "contactmomenten", ["datum": "2026-11-20", "kanaal": "email", "samenvatting": "x"])
            #expect(voorOntvangst.status == .badRequest && voorOntvangst.ongeldigeCodes == ["voorOntvangst"])
        }
    }

    /// Correct data, wrong interpretation through the API: filed as such, found by the analysis,
    /// closed with its own outcome (only with that finding), shown to the melder.
    @Test func juistGegevenVerkeerdUitgelegdViaDeAPI() async throws {
        try await metApp { t in
            var body = MeldingApiTests.melding()
            body["probleemsoort"] = "verkeerd"
            let fout = try await t.post("/api/v1/meldingen", t.sleutels.svb, json: body)
            #expect(fout.status == .badRequest && fout.ongeldigeNamen == ["probleemsoort"])
            body["probleemsoort"] = "onjuisteInterpretatie"
            let (z, link) = try await t.nieuweMelding(body)
            #expect(try await t.get("/api/v1/meldingen/\(z)", t.sleutels.meldpunt).object["probleemsoort"] as? String == "onjuisteInterpretatie")
            _ = try await t.stap(z, "contactmomenten", ["datum": Dag(t.klok.nu).description, "kanaal": "telefoon", "samenvatting": "Gebeld."])
            var analyse = Self.analyse
            analyse["bevinding"] = "onjuistGegeven"
            #expect(try await t.stap(.PUT, z, "analyse", analyse).status == .ok)
            let sluit: [String: Any] = ["status": "gesloten", "uitkomst": "interpretatieHersteld", "samenvatting": "Uw gegevens klopten. De Belastingdienst las ze verkeerd en heeft dat hersteld."]
            try await t.herstelGevolgen(z)
            let past = try await t.stap(z, "statuswijzigingen", sluit)
            #expect(past.status == .badRequest && past.ongeldigeCodes == ["pastNietBijBevinding"])
            analyse["bevinding"] = "onjuisteInterpretatie"
            let r = try await t.stap(.PUT, z, "analyse", analyse)
            #expect(try r.json(MeldingDetailDTO.self).analyse?.bevinding == .onjuisteInterpretatie)
            #expect(try await t.stap(z, "statuswijzigingen", sluit).status == .ok)
            let pagina = try await Browser(t).get(link)
            #expect(pagina.tekst.contains("Gegevens klopten, verkeerde uitleg hersteld"))
        }
    }

    /// Each consequence the melder named is followed to its repair: "solved" waits for all of
    /// them; the melder sees each one's state and why one cannot be repaired.
    @Test func gevolgenWordenHersteldTotHetEind() async throws {
        try await metApp { t in
            let (z, link) = try await t.nieuweMelding()
            try await t.contactEnAnalyse(z)
            var d = try await t.get("/api/v1/meldingen/\(z)", t.sleutels.meldpunt).json(MeldingDetailDTO.self)
            #expect(d.gevolgen.map(\.soort) == [.stopgezetteToeslag] && d.gevolgen.first?.status == .teHerstellen && d.gevolgen.first?.organisatie == "Belastingdienst/Toeslagen")
            let sluit: [String: Any] = ["status": "gesloten", "uitkomst": "opgelost", "samenvatting": "Uw adres is hersteld."]
            let teVroeg = try await t.stap(z, "statuswijzigingen", sluit)
            #expect(teVroeg.status == .badRequest && teVroeg.ongeldigeCodes == ["gevolgenOpen"])

            #expect(try await t.stap(.PUT, z, "gevolgen/2", ["status": "hersteld"]).status == .notFound)
            #expect(try await t.stap(.PUT, z, "gevolgen/1", ["status": "nietHerstelbaar"]).ongeldigeNamen == ["toelichting"])
            let r = try await t.stap(.PUT, z, "gevolgen/1", ["status": "nietHerstelbaar", "door": "Belastingdienst/Toeslagen",
                                                             "toelichting": "De toeslag over 2025 is definitief vastgesteld en kan niet meer worden herzien."])
            #expect(r.status == .ok, "\(r.tekst)")
            d = try r.json(MeldingDetailDTO.self)
            #expect(d.gevolgen.first?.status == .nietHerstelbaar && d.tijdlijn.last?.gegevens?.herstel == .nietHerstelbaar && d.tijdlijn.last?.zichtbaarVoorMelder == true)
            #expect(try await t.stap(.PUT, z, "gevolgen/1", ["status": "hersteld"]).status == .conflict)
            let pagina = try await Browser(t).get(link)
            #expect(pagina.tekst.contains("Kan niet worden hersteld") && pagina.tekst.contains("kan niet meer worden herzien"))
            #expect(try await t.stap(z, "statuswijzigingen", sluit).status == .ok)

            let cijfers = try await t.get("/api/v1/cijfers/meldpunt?van=2026-01-01&tot=2026-12-31", t.sleutels.meldpunt)
            let tabel = try #require((cijfers.object["tabellen"] as? [[String: Any]])?.first { $0["id"] as? String == "gevolgenHerstel" })
            #expect((tabel["rijen"] as? [[String: Any]])?.first { $0["sleutel"] as? String == "nietHerstelbaar" }?["waarde"] as? Double == 1)
        }
    }

    @Test func buitenScopeVerwijstDeMelderDoor() async throws {
        try await metApp { t in
            let (z, link) = try await t.nieuweMelding()
            let zonderReden = try await t.stap(z, "statuswijzigingen", ["status": "gesloten", "uitkomst": "buitenScope", "samenvatting": "Ga naar de rechtbank."])
            #expect(zonderReden.status == .badRequest && zonderReden.ongeldigeNamen == ["scopeReden", "afsluitgrond"])
            let r = try await t.stap(z, "statuswijzigingen", ["status": "gesloten", "uitkomst": "buitenScope", "scopeReden": "bezwaarOfBeroep",
                                                               "afsluitgrond": "buitenScopeBijIntake",
                                                               "samenvatting": "Uw bezwaar bij de Belastingdienst loopt nog. Het Juridisch Loket helpt u gratis."])
            #expect(r.status == .ok, "\(r.tekst)")
            #expect(try r.json(MeldingDetailDTO.self).afsluitgrond == .buitenScopeBijIntake)
            let laatste = try #require(try r.json(MeldingDetailDTO.self).tijdlijn.last)
            #expect(laatste.gegevens?.scopeReden == .bezwaarOfBeroep && laatste.zichtbaarVoorMelder)
            let pagina = try await Browser(t).get(link)
            #expect(pagina.tekst.contains("Het Juridisch Loket helpt u gratis.") && pagina.tekst.contains("Buiten scope"))
            let ongeldig = try await t.stap(z, "statuswijzigingen", ["status": "analyse"])
            #expect(ongeldig.status == .badRequest && ongeldig.ongeldigeNamen == ["status"])
        }
    }

    @Test func nieuweLinkMaaktDeOudeOngeldig() async throws {
        try await metApp { t in
            let (z, oud) = try await t.nieuweMelding()
            let r = try await t.request(.POST, "/api/v1/meldingen/\(z)/statuspagina-links", sleutel: t.sleutels.meldpunt)
            #expect(r.status == .created, "\(r.tekst)")
            let nieuw = try r.json(StatuspaginaLinkDTO.self).statuspagina
            #expect(nieuw != oud && nieuw.count == oud.count)
            let b = Browser(t)
            #expect(try await b.get(oud).status == .notFound)
            #expect(try await b.get(nieuw).status == .ok)
            let m = try #require(try await Melding.query(on: t.app.db).filter(\.$zaaknummer == z).first())
            #expect(m.tokenHash == Sleutels.sha256Hex(Data(String(nieuw.dropFirst("/status/".count)).utf8)))
        }
    }

    @Test func bijlageVoorHetMeldpuntEnVerwerkingslog() async throws {
        try await metApp { t in
            let (z, _) = try await t.nieuweMelding()
            let d = try await t.get("/api/v1/meldingen/\(z)", t.sleutels.meldpunt).json(MeldingDetailDTO.self)
            #expect(d.melding?.watIsFout != nil)
            let href = try #require(d.bijlagen.first?.href)
            let download = try await t.get(href.pad, t.sleutels.meldpunt)
            #expect(download.status == .ok && download.body == Voorbeeld.pdf)
            #expect(download.headers.first(name: .contentType) == "application/pdf")
            #expect(try await t.get(href.pad, t.sleutels.svb).status == .forbidden)
            #expect(try await t.get("/api/v1/meldingen/\(z)/bijlagen/\(UUID())", t.sleutels.meldpunt).status == .notFound)

            let m = try #require(try await Melding.query(on: t.app.db).filter(\.$zaaknummer == z).first())
            let log = try await Verwerkingslogregel.query(on: t.app.db).filter(\.$meldingID == m.id!).sort(\.$tijdstip).all()
            #expect(log.map(\.actie) == ["melding.aanmaken", "melding.raadplegen", "melding.bijlage.raadplegen"])
            // The data subject is the person represented, pseudonymised: never the BSN itself.
            let pseudoniem = t.app.pseudoniemen.pseudoniem("bsn:999993653")
            #expect(log.allSatisfy { $0.betrokkeneHash == pseudoniem })
            #expect(!log.contains { ($0.betrokkeneHash ?? "").contains("999993653") })
        }
    }

    @Test func naIntrekkenZietHetMeldpuntAlleenFeiten() async throws {
        try await metApp { t in
            let (z, link) = try await t.nieuweMelding()
            _ = try await t.stap(z, "contactmomenten", Self.contact)
            _ = try await t.stap(.PUT, z, "analyse", Self.analyse)
            let b = Browser(t)
            _ = try await b.get(link)
            #expect(try await b.post("\(link)/intrekken", [:]).status == .seeOther)
            let d = try await t.get("/api/v1/meldingen/\(z)", t.sleutels.meldpunt).json(MeldingDetailDTO.self)
            #expect(d.persoonsgegevensGewist && d.melding == nil && d.uitkomst == .ingetrokken)
            #expect(d.analyse?.oorsprongOrganisatie == "Gemeente Rotterdam")
            #expect(d.tijdlijn.dropLast().allSatisfy { $0.tekst == nil })
            #expect(d.tijdlijn[1].gegevens?.kanaal == .telefoon)
            let lijst = try await t.get("/api/v1/meldingen", t.sleutels.meldpunt).json([MeldingSamenvattingDTO].self)
            #expect(lijst.count == 1 && lijst.first?.naam == nil)
            #expect(try await t.post("/api/v1/meldingen/_zoek", t.sleutels.meldpunt, json: ["naam": "moulin"]).array.isEmpty)
        }
    }
}
