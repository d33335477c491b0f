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
    static let uwvOIN = "00000099000000002000"
    static let belastingdienstOIN = "00000001003214345000"
    static let svbOIN = "00000001002220647000"

    /// UWV (new, with a key) and the Belastingdienst in the partner register, each with contact
    /// persons at the three levels; returns UWV's key.
    func partners() async throws -> String {
        let db = app.db
        let register = Partnerregister(db: db, nu: klok.nu)
        let uwv = try await Organisaties.voegToe(naam: "UWV", oin: Self.uwvOIN, gemeentecode: nil, rollen: [.partner], on: db)
        let bd = try await Organisaties.zoek(oin: Self.belastingdienstOIN, gemeentecode: nil, on: db)
        try await register.registreer(uwv, PartnerInvoer(soort: "uitvoeringsorganisatie", registraties: "Polisadministratie", intentieverklaringOp: "2025-06-01"))
        try await register.registreer(bd, PartnerInvoer(soort: "uitvoeringsorganisatie", registraties: "BRI\nToeslagen"))
        for (org, naam) in [(uwv, "UWV"), (bd, "BD")] {
            for niveau in ["operationeel", "tactisch", "strategisch"] {
                try await register.voegContactpersoonToe(org, ContactpersoonInvoer(niveau: niveau, naam: "\(naam) \(niveau)", functie: "Teamleider",
                                                                                   email: "\(niveau)@\(naam.lowercased()).example.nl"))
            }
        }
        return try await Organisaties.maakApiSleutel(voor: uwv, omschrijving: "test", on: db).1
    }

    /// A melding taken through contact, analysis and role: ready for coordination.
    func meldingInBehandeling() async throws -> (zaaknummer: String, link: String) {
        let (z, link) = try await nieuweMelding()
        #expect(try await stap(z, "contactmomenten", MeldingBehandelingApiTests.contact).status == .ok)
        #expect(try await stap(.PUT, z, "analyse", MeldingBehandelingApiTests.analyse).status == .ok)
        #expect(try await stap(.PUT, z, "rol", ["rol": "coordinerend"]).status == .ok)
        return (z, link)
    }

    func verzoek(_ z: String, _ body: [String: Any]) async throws -> String {
        let r = try await stap(z, "verzoeken", body)
        #expect(r.status == .created, "\(r.tekst)")
        return try r.json(VerzoekDTO.self).id
    }
}

@Suite("Partnercoördinatie: verzoeken, opschortingen, escalatie, terugmeldingen vanuit een melding")
struct VerzoekenApiTests {
    nonisolated(unsafe) static let opschorting: [String: Any] = [
        "organisatieOin": TestApp.uwvOIN, "soort": "opschorting", "vraag": "Wilt u de terugvordering stopzetten tot het adres is hersteld?",
        "uiterlijk": "2026-11-30", "gedeeldeGegevens": ["omschrijving", "gevolgen"],
        "opschorting": ["actie": "terugvordering", "kenmerk": "TV-2026-0042", "tot": "2027-03-01"],
    ]

    @Test func verzoekenAanTweePartnersMetDataminimalisatie() async throws {
        try await metApp { t in
            let uwv = try await t.partners()
            let (z, link) = try await t.meldingInBehandeling()

            // Every problem at once: unknown organisation, suspension without its action, an unknown data item.
            let fout = try await t.stap(z, "verzoeken", ["organisatieOin": "00000099000000009000", "soort": "opschorting", "vraag": " ",
                                                         "gedeeldeGegevens": ["naam", "schoenmaat"], "uiterlijk": "2026-11-01"])
            #expect(fout.status == .badRequest && fout.isProblem)
            #expect(Set(fout.ongeldigeNamen) == ["vraag", "uiterlijk", "gedeeldeGegevens[1]", "opschorting.actie"], "an unknown OIN is checked after the fields")
            let onbekend = try await t.stap(z, "verzoeken", ["organisatieOin": "00000099000000009000", "soort": "advies", "vraag": "Advies graag."])
            #expect(onbekend.status == .badRequest && onbekend.ongeldigeCodes == ["onbekend"])

            let r = try await t.stap(z, "verzoeken", Self.opschorting)
            let verstuurd = try r.json(VerzoekDTO.self)
            #expect(r.status == .created && r.headers.first(name: .location) == "/api/v1/meldingen/\(z)/verzoeken/\(verstuurd.id)")
            #expect(verstuurd.status == .verzonden && verstuurd.niveau == .operationeel && verstuurd.contactpersoon?.naam == "UWV operationeel")
            let opschortingID = verstuurd.id
            let infoID = try await t.verzoek(z, ["organisatieOin": TestApp.belastingdienstOIN, "soort": "informatie",
                                                 "vraag": "Welk adres gebruikt u voor de toeslag?", "gedeeldeGegevens": ["naam", "bsn"]])

            // UWV sees only its own request, and only what was shared with it.
            let lijst = try await t.get("/api/v1/verzoeken", uwv)
            #expect(lijst.status == .ok)
            #expect(try lijst.json([PartnerVerzoekSamenvattingDTO].self).map(\.id) == [opschortingID])
            #expect(lijst.headers.first(name: "Link") != nil)
            let gezien = try await t.get("/api/v1/verzoeken/\(opschortingID)", uwv)
            #expect(gezien.status == .ok, "\(gezien.tekst)")
            let voorUWV = try gezien.json(PartnerVerzoekDTO.self)
            let gedeeld = voorUWV.melding
            #expect(gedeeld.watIsFout != nil && gedeeld.gevolgen?.isEmpty == false)
            #expect(gedeeld.naam == nil && gedeeld.bsn == nil && gedeeld.email == nil && gedeeld.bijlagen == nil)
            #expect(!gezien.tekst.contains("999993653") && !gezien.tekst.contains("Moulin"))
            #expect(voorUWV.mogelijkeStatussen == [.geaccepteerd, .afgewezen])
            // Another organisation's request does not exist for UWV; the Belastingdienst sees name and BSN but not the story.
            #expect(try await t.get("/api/v1/verzoeken/\(infoID)", uwv).status == .notFound)
            #expect(try await t.post("/api/v1/verzoeken/\(infoID)/berichten", uwv, json: ["tekst": "hallo"]).status == .notFound)
            let bd = try await t.get("/api/v1/verzoeken/\(infoID)", t.sleutels.belastingdienst)
            let bdGedeeld = try bd.json(PartnerVerzoekDTO.self).melding
            #expect(bdGedeeld.bsn == "999993653" && bdGedeeld.naam != nil && bdGedeeld.watIsFout == nil)
            // A case through a request's back door: no. Meldpunt-only routes refuse partners.
            #expect(try await t.get("/api/v1/meldingen/\(z)", uwv).status == .notFound)
            #expect(try await t.get("/api/v1/meldingen/\(z)/verzoeken/\(opschortingID)", uwv).status == .forbidden)
            #expect(try await t.get("/api/v1/opschortingen", uwv).status == .forbidden)
            // Organisations without the partner role get no requests list at all.
            #expect(try await t.get("/api/v1/verzoeken", t.sleutels.svb).status == .forbidden)

            // Accept with a proposed deadline, then confirm the suspension until a later day.
            let teVroeg = try await t.post("/api/v1/verzoeken/\(opschortingID)/statuswijzigingen", uwv, json: ["status": "uitgevoerd"])
            #expect(teVroeg.status == .conflict)
            let geaccepteerd = try await t.post("/api/v1/verzoeken/\(opschortingID)/statuswijzigingen", uwv,
                                                json: ["status": "geaccepteerd", "uiterlijk": "2026-12-10"])
            let na = try geaccepteerd.json(PartnerVerzoekDTO.self)
            #expect(na.status == .geaccepteerd && na.uiterlijk == Dag("2026-12-10") && na.termijnDoor == .partner)
            let bericht = try await t.post("/api/v1/verzoeken/\(opschortingID)/berichten", uwv, json: ["tekst": "We zetten de vordering stil."])
            #expect(bericht.status == .ok)
            let pdf = try await t.post("/api/v1/verzoeken/\(opschortingID)/bijlagen", uwv, json: ["bestandsnaam": "besluit.pdf", "inhoud": Voorbeeld.pdf.base64EncodedString()])
            #expect(pdf.status == .created, "\(pdf.tekst)")
            let geenPdf = try await t.post("/api/v1/verzoeken/\(opschortingID)/bijlagen", uwv, json: ["bestandsnaam": "x.exe", "inhoud": Data("MZ".utf8).base64EncodedString()])
            #expect(geenPdf.status == .badRequest && geenPdf.ongeldigeNamen == ["inhoud"])
            let uitgevoerd = try await t.post("/api/v1/verzoeken/\(opschortingID)/statuswijzigingen", uwv,
                                              json: ["status": "uitgevoerd", "opgeschortTot": "2027-04-01"])
            let naUitvoeren = try uitgevoerd.json(PartnerVerzoekDTO.self)
            let o = try #require(naUitvoeren.opschorting)
            #expect(o.actief && o.tot == Dag("2027-04-01") && o.kenmerk == "TV-2026-0042" && o.actie == .terugvordering)
            #expect(naUitvoeren.kanOpheffen)

            // Declining needs a reason; a finished request does not move again.
            let zonderReden = try await t.post("/api/v1/verzoeken/\(infoID)/statuswijzigingen", t.sleutels.belastingdienst, json: ["status": "afgewezen"])
            #expect(zonderReden.status == .badRequest && zonderReden.ongeldigeNamen == ["reden"])
            let afgewezen = try await t.post("/api/v1/verzoeken/\(infoID)/statuswijzigingen", t.sleutels.belastingdienst,
                                             json: ["status": "afgewezen", "reden": "Wij gebruiken het BRP-adres; vraag het de gemeente."])
            #expect(try afgewezen.json(PartnerVerzoekDTO.self).status == .afgewezen)
            #expect(try await t.post("/api/v1/verzoeken/\(infoID)/statuswijzigingen", t.sleutels.belastingdienst, json: ["status": "geaccepteerd"]).status == .conflict)

            // The meldpunt's coordinating view: both organisations, their states, the thread and the timeline.
            let d = try await t.get("/api/v1/meldingen/\(z)", t.sleutels.meldpunt)
            let coordinerend = try d.json(MeldingDetailDTO.self)
            #expect(coordinerend.verzoeken.map(\.organisatie.naam) == ["UWV", "Belastingdienst"])
            #expect(coordinerend.verzoeken.map(\.status) == [.uitgevoerd, .afgewezen])
            let draad = try #require(coordinerend.verzoeken.first?.berichten)
            #expect(draad.map(\.soort) == [.verzonden, .geaccepteerd, .termijn, .bericht, .bijlage, .uitgevoerd])
            let bijlageHref = try #require(draad[4].bijlage?.href)
            #expect(try await t.get(bijlageHref.pad, t.sleutels.meldpunt).body == Voorbeeld.pdf)
            let soorten = Set(coordinerend.tijdlijn.map(\.soort))
            #expect(soorten.isSuperset(of: [.verzoekVerzonden, .verzoekUitgevoerd, .verzoekAfgewezen]))

            // Overall overview, and the lifting of the suspension.
            let actief = try await t.get("/api/v1/opschortingen?actief=true", t.sleutels.meldpunt)
            let regels = try actief.json([OpschortingRegelDTO].self)
            #expect(regels.count == 1 && regels.first?.zaaknummer == z && regels.first?.organisatie == "UWV")

            // The melder sees the organisations and, in plain words, what is on hold.
            let b = Browser(t)
            let pagina = try await b.get(link)
            #expect(pagina.tekst.contains("UWV") && pagina.tekst.contains("Belastingdienst"))
            #expect(pagina.tekst.contains("UWV wacht met de terugvordering tot 1 april 2027"), "\(pagina.tekst)")

            let opgeheven = try await t.post("/api/v1/verzoeken/\(opschortingID)/opheffingen", uwv, json: ["toelichting": "Adres hersteld; vordering vervalt."])
            #expect(try opgeheven.json(PartnerVerzoekDTO.self).opschorting?.actief == false)
            #expect(try await t.post("/api/v1/verzoeken/\(opschortingID)/opheffingen", uwv, json: [:] as [String: Any]).status == .conflict)
            #expect(try await t.get("/api/v1/opschortingen?actief=true", t.sleutels.meldpunt).array.isEmpty)
            #expect(try await t.get("/api/v1/opschortingen", t.sleutels.meldpunt).array.count == 1)

            // Every partner read of case data is in the processing log, with the partner organisation.
            let m = try #require(try await Melding.query(on: t.app.db).filter(\.$zaaknummer == z).first())
            let uwvOrg = try await Organisaties.zoek(oin: TestApp.uwvOIN, gemeentecode: nil, on: t.app.db)
            let log = try await Verwerkingslogregel.query(on: t.app.db).filter(\.$meldingID == m.id!).filter(\.$organisatieID == uwvOrg.id!).all()
            #expect(log.contains { $0.actie == "verzoek.raadplegen" } && log.contains { $0.actie == "verzoek.behandelen" })
            #expect(log.allSatisfy { $0.betrokkeneHash != nil && $0.betrokkeneHash != "999993653" })
        }
    }

    /// Who may ask is decided before what is asked for: a caller without the role hears 403 even for
    /// an id that cannot exist; one with the role hears 404; a malformed body with the role is 400.
    @Test func eerstDeRolDanHetId() async throws {
        try await metApp { t in
            let uwv = try await t.partners()
            #expect(try await t.get("/api/v1/verzoeken/geen-uuid", t.sleutels.svb).status == .forbidden)
            #expect(try await t.get("/api/v1/verzoeken/geen-uuid", uwv).status == .notFound)
            #expect(try await t.get("/api/v1/meldingen/GEEN-ZAAK/verzoeken/geen-uuid", t.sleutels.svb).status == .forbidden)
            #expect(try await t.get("/api/v1/meldingen/GEEN-ZAAK/verzoeken/geen-uuid", t.sleutels.meldpunt).status == .notFound)
            #expect(try await t.get("/api/v1/signaalkandidaten/geen-uuid", t.sleutels.svb).status == .forbidden)
        }
    }

    @Test func terugmeldingVanuitEenMeldingBeweegtHetCorrectieverzoek() async throws {
        try await metApp { t in
            let (z, _) = try await t.meldingInBehandeling()
            let r = try await t.stap(z, "terugmeldingen", ["terugmelding": Voorbeeld.terugmelding(), "gedeeldeGegevens": ["omschrijving"]])
            #expect(r.status == .created, "\(r.tekst)")
            let correctie = try r.json(VerzoekDTO.self)
            #expect(correctie.soort == .correctie && correctie.organisatie.naam == "Gemeente Amsterdam")
            let tm = try #require(correctie.terugmelding)
            let ref = tm.id
            #expect(tm.status == .gemeld)
            // The terugmelding is the meldpunt's own: the bronhouder sees it in its inbox.
            let inbox = try await t.get("/api/v1/terugmeldingen/\(ref)", t.sleutels.amsterdam)
            #expect(try inbox.json(TerugmeldingDetailDTO.self).afnemer.oin == TestApp.meldpuntOIN)

            #expect(try await t.wijzig(ref, t.sleutels.amsterdam, ["status": "In behandeling"]).status == .ok)
            var d = try await t.get("/api/v1/meldingen/\(z)", t.sleutels.meldpunt).json(MeldingDetailDTO.self)
            #expect(d.verzoeken.first?.status == .geaccepteerd)

            // Closing as solved while the correction is open needs a reason.
            try await t.herstelGevolgen(z)
            let sluiten: [String: Any] = ["status": "gesloten", "uitkomst": "opgelost", "samenvatting": "Uw adres is hersteld."]
            let zonder = try await t.stap(z, "statuswijzigingen", sluiten)
            #expect(zonder.status == .badRequest && zonder.ongeldigeNamen == ["redenOpenCorrecties"])

            #expect(try await t.wijzig(ref, t.sleutels.amsterdam, ["status": "Afgehandeld", "uitkomst": "verbeterd", "toelichting": "Huisnummer gecorrigeerd."]).status == .ok)
            d = try await t.get("/api/v1/meldingen/\(z)", t.sleutels.meldpunt).json(MeldingDetailDTO.self)
            #expect(d.verzoeken.first?.status == .uitgevoerd && d.verzoeken.first?.terugmelding?.status == .afgehandeld)
            let stappen = d.tijdlijn.filter { $0.soort == .verzoekTerugmeldingStatus }.compactMap(\.gegevens?.terugmeldingStatus)
            #expect(stappen == [.inBehandeling, .afgehandeld])
            // Now nothing is open: closing needs no extra reason.
            #expect(try await t.stap(z, "statuswijzigingen", sluiten).status == .ok)
            // A closed case sends no requests.
            #expect(try await t.stap(z, "terugmeldingen", ["terugmelding": Voorbeeld.terugmelding()]).status == .conflict)
        }
    }

    @Test func sluitenMetOpenCorrectieMetReden() async throws {
        try await metApp { t in
            _ = try await t.partners()
            let (z, _) = try await t.meldingInBehandeling()
            _ = try await t.verzoek(z, ["organisatieOin": TestApp.uwvOIN, "soort": "correctie", "vraag": "Corrigeer de polis."])
            try await t.herstelGevolgen(z)
            let r = try await t.stap(z, "statuswijzigingen", ["status": "gesloten", "uitkomst": "opgelost", "samenvatting": "Opgelost.",
                                                              "redenOpenCorrecties": "UWV bevestigde telefonisch; de bevestiging volgt."])
            #expect(r.status == .ok, "\(r.tekst)")
            #expect(try r.json(MeldingDetailDTO.self).tijdlijn.contains { $0.soort == .geslotenMetOpenCorrecties })
            // Not as solved: no reason needed, and one given at another status is refused.
            #expect(try await t.stap(z, "statuswijzigingen", ["status": "inBehandeling", "redenOpenCorrecties": "x"]).status == .badRequest)
        }
    }

    @Test func escalatieNaVerlopenTermijn() async throws {
        try await metApp { t in
            let uwv = try await t.partners()
            let (z, _) = try await t.meldingInBehandeling()
            let id = try await t.verzoek(z, ["organisatieOin": TestApp.uwvOIN, "soort": "correctie", "vraag": "Corrigeer de polis.", "uiterlijk": "2026-11-25"])
            #expect(try await t.get("/api/v1/meldingen?verzoekTermijnOverschreden=true", t.sleutels.meldpunt).array.isEmpty)

            t.klok.zet(TestApp.standaardTijd.addingTimeInterval(4 * 86_400))
            let teLaat = try await t.get("/api/v1/meldingen?verzoekTermijnOverschreden=true", t.sleutels.meldpunt)
            let lijst = try teLaat.json([MeldingSamenvattingDTO].self)
            #expect(lijst.map(\.zaaknummer) == [z] && lijst.first?.verzoekTermijnOverschreden == true)
            #expect(try await t.get("/api/v1/meldingen?verzoekTermijnOverschreden=false", t.sleutels.meldpunt).array.isEmpty)
            #expect(try await t.get("/api/v1/meldingen?verzoekTermijnOverschreden=soms", t.sleutels.meldpunt).status == .badRequest)

            // Escalating is decided together (intentieverklaring 11): the meldpunt proposes, the partner agrees.
            let pad = "verzoeken/\(id)/escalaties"
            #expect(try await t.stap(z, pad, [:]).ongeldigeNamen == ["reden"])
            let voorstel = try await t.stap(z, pad, ["reden": "Geen reactie na de afgesproken datum."]).json(VerzoekDTO.self)
            #expect(voorstel.niveau == .operationeel && voorstel.escalatievoorstel?.door == .meldpunt && voorstel.escalatievoorstel?.verlopen == false)
            let wacht = try await t.stap(z, pad, ["reden": "Nog eens."])
            #expect(try wacht.status == .conflict && wacht.json(Probleem.self).detail.contains("wacht op het antwoord"))
            // The partner hears of the proposal and agrees: one level up, the next level's contact is party and told.
            #expect(try await UitgaandBericht.query(on: t.app.db).filter(\.$aan == "operationeel@uwv.example.nl").all().contains { $0.onderwerp.contains("stelt voor een verzoek te escaleren") })
            #expect(try await t.post("/api/v1/verzoeken/\(id)/escalaties", uwv, json: [:]).ongeldigeNamen == ["reden"])
            let akkoord = try await t.post("/api/v1/verzoeken/\(id)/escalaties", uwv, json: ["reden": "Eens: ons team heeft geen mandaat."])
            #expect(akkoord.status == .ok, "\(akkoord.tekst)")
            var v = try await t.get("/api/v1/meldingen/\(z)/verzoeken/\(id)", t.sleutels.meldpunt).json(VerzoekDTO.self)
            #expect(v.niveau == .tactisch && v.contactpersoon?.naam == "UWV tactisch" && v.escalatievoorstel == nil)
            #expect(try await UitgaandBericht.query(on: t.app.db).filter(\.$aan == "tactisch@uwv.example.nl").count() >= 1)

            // The partner proposes; the meldpunt declines with its reason (required); both on the timeline.
            #expect(try await t.post("/api/v1/verzoeken/\(id)/escalaties", uwv, json: ["reden": "Dit moet hoger."]).json(PartnerVerzoekDTO.self).escalatievoorstel?.door == .partner)
            #expect(try await t.post("/api/v1/verzoeken/\(id)/escalatie-afwijzingen", uwv, json: ["reden": "Toch niet."]).status == .conflict)
            #expect(try await t.stap(z, "verzoeken/\(id)/escalatie-afwijzingen", [:]).ongeldigeNamen == ["reden"])
            v = try await t.stap(z, "verzoeken/\(id)/escalatie-afwijzingen", ["reden": "Het tactisch niveau is pas sinds gisteren betrokken."]).json(VerzoekDTO.self)
            #expect(v.niveau == .tactisch && v.escalatievoorstel == nil)
            let tijdlijn = try await t.get("/api/v1/meldingen/\(z)", t.sleutels.meldpunt).json(MeldingDetailDTO.self).tijdlijn
            #expect(tijdlijn.filter { $0.soort == .verzoekEscalatieVoorgesteld }.count == 2 && tijdlijn.last?.soort == .verzoekEscalatieAfgewezen)
            #expect(tijdlijn.last { $0.soort == .verzoekGeescaleerd }?.gegevens?.escalatiebesluit == .samenBesloten)

            // The meldpunt's proposal left unanswered past its day: the meldpunt decides alone.
            #expect(try await t.stap(z, pad, ["reden": "Nog steeds niets."]).json(VerzoekDTO.self).escalatievoorstel?.door == .meldpunt)
            t.klok.zet(TestApp.standaardTijd.addingTimeInterval(10 * 86_400))
            // Staff hear once that the answer day passed.
            try await Melding.query(on: t.app.db).filter(\.$zaaknummer == z).set(\.$ongelezen, to: false).update()
            let planner = Planner(db: t.app.db, berichten: t.app.berichtgeving, kalender: t.app.kalender)
            _ = try await planner.ronde(nu: t.klok.nu)
            _ = try await planner.ronde(nu: t.klok.nu.addingTimeInterval(60))
            #expect(try await VerstuurdeHerinnering.query(on: t.app.db).all().compactMap(\.id).filter { $0.hasPrefix("escalatievoorstel-onbeantwoord:") }.count == 1)
            #expect(try await Melding.query(on: t.app.db).filter(\.$zaaknummer == z).first()?.ongelezen == true)
            v = try await t.stap(z, pad, ["reden": "Geen antwoord op ons voorstel."]).json(VerzoekDTO.self)
            #expect(v.niveau == .strategisch)
            let alleen = try await t.get("/api/v1/meldingen/\(z)", t.sleutels.meldpunt).json(MeldingDetailDTO.self).tijdlijn.last { $0.soort == .verzoekGeescaleerd }
            #expect(alleen?.gegevens?.escalatiebesluit == .zonderAntwoord)
            _ = try await t.post("/api/v1/verzoeken/\(id)/escalaties", uwv, json: ["reden": "Structureel probleem."])
            let top = try await t.stap(z, pad, ["reden": "Eens."]).json(VerzoekDTO.self)
            #expect(top.niveau == .interdepartementaal && top.contactpersoon == nil)
            #expect(try await t.stap(z, pad, ["reden": "Hoger?"]).status == .conflict)
            #expect(try await t.post("/api/v1/verzoeken/\(id)/escalaties", uwv, json: ["reden": "Hoger?"]).status == .conflict)

            let melding = try await t.stap(z, "escalaties", ["reden": "Terugkerende fout bij meerdere melders."])
            let geescaleerd = try melding.json(MeldingDetailDTO.self)
            #expect(geescaleerd.escalatieniveau == .tactisch && geescaleerd.aantalEscalaties == 4)
            // A new request starts at the case's level.
            let nieuw = try await t.stap(z, "verzoeken", ["organisatieOin": TestApp.uwvOIN, "soort": "advies", "vraag": "Hoe voorkomen we dit?"])
            #expect(try nieuw.json(VerzoekDTO.self).niveau == .tactisch)
            // The meldpunt moves the deadline; the overdue mark goes.
            #expect(try await t.stap(.PUT, z, "verzoeken/\(id)/termijn", ["uiterlijk": "2026-12-15"]).json(VerzoekDTO.self).termijnOverschreden == false)
        }
    }
}

@Suite("Partnercoördinatie: intrekken van toestemming")
struct VerzoekenIntrekkenTests {
    @Test func intrekkenWistOokWatAanPartnersGing() async throws {
        try await metApp { t in
            let uwv = try await t.partners()
            let (z, link) = try await t.meldingInBehandeling()
            let id = try await t.verzoek(z, ["organisatieOin": TestApp.uwvOIN, "soort": "informatie", "vraag": "Klopt het adres van mevrouw Moulin?",
                                             "gedeeldeGegevens": ["naam", "bsn"]])
            #expect(try await t.post("/api/v1/verzoeken/\(id)/bijlagen", uwv, json: ["bestandsnaam": "moulin.pdf", "inhoud": Voorbeeld.pdf.base64EncodedString()]).status == .created)
            let b = Browser(t)
            _ = try await b.get("\(link)/intrekken")
            #expect(try await b.post("\(link)/intrekken", [:]).status == .seeOther)
            // Nothing is left for the partner: the request answers as if it never existed, and
            // nothing can be added to it (issue 10: messages and files after the withdrawal).
            let gezien = try await t.get("/api/v1/verzoeken/\(id)", uwv)
            #expect(gezien.status == .notFound && !gezien.tekst.contains("Moulin") && !gezien.tekst.contains("999993653") && !gezien.tekst.contains("moulin.pdf"))
            #expect(try await t.post("/api/v1/verzoeken/\(id)/berichten", uwv, json: ["tekst": "Mevrouw Moulin belde nog."]).status == .notFound)
            #expect(try await t.post("/api/v1/verzoeken/\(id)/bijlagen", uwv, json: ["bestandsnaam": "moulin2.pdf", "inhoud": Voorbeeld.pdf.base64EncodedString()]).status == .notFound)
            #expect(try await t.get("/api/v1/verzoeken", uwv).array.isEmpty)
        }
    }
}
