import MeldpuntCore
import Fluent
import MeldpuntDomain
import Foundation
import Testing
import Vapor
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntAPI
@testable import MeldpuntWeb

@Suite("Portalen: terugmeldingen en toegang")
struct WebTerugmeldingTests {
    /// Users for the usual test organisations, logged in.
    private func browsers(_ t: TestApp) async throws -> (bd: Browser, svb: Browser, ams: Browser, rdam: Browser) {
        try await t.gebruiker("bd@test.nl", rol: .afnemer, oin: "00000001003214345000")
        try await t.gebruiker("svb@test.nl", rol: .afnemer, oin: "00000001002220647000")
        try await t.gebruiker("ams@test.nl", rol: .bijhouder, gemeentecode: "0363")
        try await t.gebruiker("rdam@test.nl", rol: .bijhouder, gemeentecode: "0599")
        let b = (Browser(t), Browser(t), Browser(t), Browser(t))
        try await b.0.login("bd@test.nl")
        try await b.1.login("svb@test.nl")
        try await b.2.login("ams@test.nl")
        try await b.3.login("rdam@test.nl")
        return b
    }

    @Test func bijhouderWerktInboxAf() async throws {
        try await metApp { t in
            let (bd, _, ams, rdam) = try await browsers(t)
            let ref = try await t.meld(Voorbeeld.terugmelding(bijlagen: [("brief.pdf", "application/pdf", Voorbeeld.pdf)]))
            let inbox = try await ams.get("/terugmeldingen")
            #expect(inbox.status == .ok)
            #expect(inbox.tekst.contains("/terugmeldingen/\(ref)"))
            #expect(inbox.tekst.contains("BSN 999993653") && inbox.tekst.contains("Belastingdienst"))
            let detail = try await ams.get("/terugmeldingen/\(ref)")
            #expect(detail.tekst.contains("In behandeling nemen"))
            #expect(detail.tekst.contains("t.ester@belastingdienst.nl"))   // the afnemer's contact details
            // Filed through the API with only a URN: the data item by its name, not the URN.
            #expect(detail.tekst.contains("<td>Huisnummer</td>") && !detail.tekst.contains("urn:brp:persoon:binnenlands-adres-ingezetene:huisnummer"))
            #expect(!detail.tekst.contains(">Intrekken<"))                   // the afnemer's action only

            #expect(try await ams.post("/terugmeldingen/\(ref)/status", ["status": "In behandeling"]).status == .seeOther)
            let zonderToelichting = try await ams.post("/terugmeldingen/\(ref)/status", ["status": "Afgehandeld", "uitkomst": "verbeterd", "toelichting": ""])
            #expect(zonderToelichting.status == .badRequest)
            #expect(zonderToelichting.tekst.contains("href=\"#toelichting\""))
            let klaar = try await ams.post("/terugmeldingen/\(ref)/status", ["status": "Afgehandeld", "uitkomst": "verbeterd", "toelichting": "Huisnummer verbeterd."])
            #expect(klaar.status == .seeOther)
            let api = try await t.get("/api/v1/terugmeldingen/\(ref)", t.sleutels.belastingdienst)
            #expect(api.object["status"] as? String == "Afgehandeld")

            // The afnemer sees the result and the bijhouder's explanation.
            let bijAfnemer = try await bd.get("/terugmeldingen/\(ref)")
            #expect(bijAfnemer.tekst.contains("Huisnummer verbeterd.") && bijAfnemer.tekst.contains("Afgehandeld"))
            // Both parties download the attachment; another gemeente does not.
            let bijlage = try #require((api.object["bijlagen"] as? [[String: Any]])?.first?["id"] as? String)
            #expect(try await bd.get("/terugmeldingen/\(ref)/bijlagen/\(bijlage)").body == Voorbeeld.pdf)
            #expect(try await ams.get("/terugmeldingen/\(ref)/bijlagen/\(bijlage)").body == Voorbeeld.pdf)
            #expect(try await rdam.get("/terugmeldingen/\(ref)/bijlagen/\(bijlage)").status == .notFound)
        }
    }

    @Test func doorsturenViaHetPortaal() async throws {
        try await metApp { t in
            let (_, _, ams, rdam) = try await browsers(t)
            let ref = try await t.meld()
            let r = try await ams.post("/terugmeldingen/\(ref)/status", ["status": "Verkeerde bronhouder", "gemeentecode": "0599 Rotterdam", "toelichting": ""])   // as the picker fills it
            #expect(r.status == .seeOther)
            #expect(r.headers.first(name: .location) == "/terugmeldingen")
            #expect(!(try await ams.get("/terugmeldingen").tekst.contains(ref)))
            #expect(try await rdam.get("/terugmeldingen").tekst.contains(ref))
        }
    }

    @Test func afnemerTrektInMetBevestiging() async throws {
        try await metApp { t in
            let (bd, _, ams, _) = try await browsers(t)
            let ref = try await t.meld()
            let lijst = try await bd.get("/terugmeldingen")
            #expect(lijst.tekst.contains("Mijn terugmeldingen") && lijst.tekst.contains(ref))
            let vraag = try await bd.get("/terugmeldingen/\(ref)/intrekken")
            #expect(vraag.status == .ok)
            #expect(vraag.tekst.contains("Weet u zeker"))
            #expect(try await ams.get("/terugmeldingen/\(ref)/intrekken").status == .forbidden)
            #expect(try await bd.post("/terugmeldingen/\(ref)/status", ["status": "Ingetrokken", "toelichting": ""]).status == .seeOther)
            #expect(try await t.get("/api/v1/terugmeldingen/\(ref)", t.sleutels.amsterdam).object["status"] as? String == "Ingetrokken")
        }
    }

    @Test func niemandZietTerugmeldingenVanAnderen() async throws {
        try await metApp { t in
            let (bd, svb, ams, rdam) = try await browsers(t)
            let ref = try await t.meld()
            for vreemde in [svb, rdam] {
                let d = try await vreemde.get("/terugmeldingen/\(ref)")
                #expect(d.status == .notFound)
                #expect(!d.tekst.contains("999993653"))
                #expect(!(try await vreemde.get("/terugmeldingen").tekst.contains(ref)))
                #expect(try await vreemde.post("/terugmeldingen/\(ref)/status", ["status": "In behandeling"]).status == .notFound)
                #expect(try await vreemde.post("/terugmeldingen/\(ref)/status", ["status": "Ingetrokken"]).status == .notFound)
            }
            // The wrong party of a terugmelding: the afnemer cannot handle, the bijhouder cannot withdraw.
            #expect(try await bd.post("/terugmeldingen/\(ref)/status", ["status": "In behandeling"]).status == .forbidden)
            #expect(try await ams.post("/terugmeldingen/\(ref)/status", ["status": "Ingetrokken"]).status == .forbidden)
            #expect(try await t.get("/api/v1/terugmeldingen/\(ref)", t.sleutels.amsterdam).object["status"] as? String == "Gemeld")
        }
    }

    @Test func andereRollenKomenHierNiet() async throws {
        try await metApp { t in
            _ = try await t.cli(["org", "add", "--naam", "Meldpunt", "--oin", "00000099000000001000", "--rol", "meldpunt,partner"])
            try await t.gebruiker("mp@test.nl", rol: .meldpunt, oin: "00000099000000001000")
            try await t.gebruiker("partner@test.nl", rol: .partner, oin: "00000099000000001000")
            for email in ["mp@test.nl", "partner@test.nl"] {
                let b = Browser(t)
                try await b.login(email)
                #expect(try await b.get("/terugmeldingen").status == .forbidden, "\(email)")
            }
            #expect(try await Browser(t).get("/terugmeldingen").status == .seeOther)
        }
    }

    @Test func paginaToegangWordtGelogd() async throws {
        try await metApp { t in
            let (_, _, ams, _) = try await browsers(t)
            let ref = try await t.meld()
            _ = try await ams.get("/terugmeldingen")
            _ = try await ams.get("/terugmeldingen/\(ref)")
            let acties = try await Verwerkingslog.voor(terugmelding: UUID(uuidString: ref)!, on: t.app.db).map(\.actie)
            #expect(acties == ["terugmelding.aanmaken", "terugmelding.lijst", "terugmelding.raadplegen"])
        }
    }

    @Test func filtersEnZoekenOpPersoon() async throws {
        try await metApp { t in
            let (bd, _, ams, _) = try await browsers(t)
            t.klok.zet(ISO8601DateFormatter().date(from: "2026-11-02T09:00:00Z")!)
            let oud = try await t.meld(Voorbeeld.terugmelding(kenmerk: "OUD-1"))
            t.klok.zet(ISO8601DateFormatter().date(from: "2026-11-23T09:00:00Z")!)
            let nieuw = try await t.meld(Voorbeeld.terugmelding(ids: [("urn:brp:persoon:anummer", "8940402024")], kenmerk: "NIEUW-2"))

            let teLaat = try await ams.get("/terugmeldingen?map=alle&teLaat=1")
            #expect(teLaat.tekst.contains(oud) && !teLaat.tekst.contains(nieuw))
            let periode = try await ams.get("/terugmeldingen?map=alle&vanaf=2026-11-20&tot=2026-11-23")
            #expect(!periode.tekst.contains(oud) && periode.tekst.contains(nieuw))
            let kenmerk = try await bd.get("/terugmeldingen?map=alle&kenmerk=OUD-1")
            #expect(kenmerk.tekst.contains(oud) && !kenmerk.tekst.contains(nieuw))
            let referentie = try await bd.get("/terugmeldingen?map=alle&kenmerk=\(nieuw)")
            #expect(referentie.tekst.contains(nieuw) && !referentie.tekst.contains(oud))
            let fout = try await ams.get("/terugmeldingen?map=alle&vanaf=gisteren")
            #expect(fout.status == .badRequest)
            #expect(fout.tekst.contains("href=\"#vanaf\""))

            // Person search is a POST: the BSN is in no URL.
            let bsn = try await ams.post("/terugmeldingen/zoeken", ["persoon": "999 993 653"])
            #expect(bsn.status == .ok)
            #expect(bsn.tekst.contains(oud) && !bsn.tekst.contains(nieuw))
            let anr = try await bd.post("/terugmeldingen/zoeken", ["persoon": "8940402024"])
            #expect(anr.tekst.contains(nieuw) && !anr.tekst.contains(oud))
            let ongeldig = try await ams.post("/terugmeldingen/zoeken", ["persoon": "12345"])
            #expect(ongeldig.status == .badRequest)
            #expect(!ongeldig.tekst.contains("/terugmeldingen/\(oud)"))
            #expect(!(try await ams.get("/terugmeldingen?map=alle").tekst.contains("bsn=")))
        }
    }

    @Test func bulkInBehandelingEnAfhandelen() async throws {
        try await metApp { t in
            let (_, _, ams, rdam) = try await browsers(t)
            let a = try await t.meld()
            let b = try await t.meld()
            let c = try await t.meld()
            let vreemd = try await t.meld(Voorbeeld.terugmelding(gemeentecode: "0599"))
            _ = try await ams.get("/terugmeldingen")
            let zonderKeuze = try await ams.post("/terugmeldingen/bulk", ["actie": "inBehandeling", "map": "nieuw"])
            #expect(zonderKeuze.status == .badRequest)
            #expect(zonderKeuze.tekst.contains("href=\"#bulk-keuze\""))

            let r = try await ams.postVelden("/terugmeldingen/bulk", [("referenties[]", a), ("referenties[]", b), ("referenties[]", vreemd),
                                                                       ("actie", "inBehandeling"), ("toelichting", ""), ("map", "nieuw")])
            #expect(r.status == .ok)
            #expect(r.tekst.contains("niet gelukt"))    // the other gemeente's one is refused…
            func status(_ ref: String, _ sleutel: String) async throws -> String? {
                try await t.get("/api/v1/terugmeldingen/\(ref)", sleutel).object["status"] as? String
            }
            #expect(try await status(a, t.sleutels.amsterdam) == "In behandeling")
            #expect(try await status(b, t.sleutels.amsterdam) == "In behandeling")
            #expect(try await status(c, t.sleutels.amsterdam) == "Gemeld")
            #expect(try await status(vreemd, t.sleutels.rotterdam) == "Gemeld")   // …and untouched

            let zonderToelichting = try await ams.postVelden("/terugmeldingen/bulk", [("referenties[]", a), ("actie", "afhandelen"), ("toelichting", ""), ("map", "inBehandeling")])
            #expect(zonderToelichting.status == .badRequest)
            let klaar = try await ams.postVelden("/terugmeldingen/bulk", [("referenties[]", a), ("referenties[]", b), ("actie", "afhandelen"),
                                                                           ("uitkomst", "ongewijzigd"), ("toelichting", "Gegevens gecontroleerd, klopt."), ("map", "inBehandeling")])
            #expect(klaar.status == .ok)
            #expect(try await status(a, t.sleutels.amsterdam) == "Afgehandeld")
            #expect(try await status(b, t.sleutels.amsterdam) == "Afgehandeld")
            let historie = try await t.get("/api/v1/terugmeldingen/\(a)", t.sleutels.amsterdam).object["statusHistorie"] as? [[String: Any]]
            #expect(historie?.last?["toelichting"] as? String == "Gegevens gecontroleerd, klopt.")
            #expect(historie?.last?["uitkomst"] as? String == "ongewijzigd")
            // Afnemers have no bulk action.
            try await t.gebruiker("bd2@test.nl", rol: .afnemer, oin: "00000001003214345000")
            let bd = Browser(t)
            try await bd.login("bd2@test.nl")
            #expect(try await bd.postVelden("/terugmeldingen/bulk", [("referenties[]", c), ("actie", "inBehandeling")]).status == .forbidden)
            #expect(try await rdam.postVelden("/terugmeldingen/bulk", [("referenties[]", c), ("actie", "inBehandeling")]).tekst.contains("niet gelukt"))
            #expect(try await status(c, t.sleutels.amsterdam) == "Gemeld")
        }
    }

    @Test func rvigStuurtDoorNaarRniDeelnemerViaHetPortaal() async throws {
        try await metApp { t in
            try await t.gebruiker("rni@test.nl", rol: .rni, gemeentecode: "1999")
            let rvig = Browser(t)
            try await rvig.login("rni@test.nl")
            let ref = try await t.meld(Voorbeeld.terugmelding(gemeentecode: "1999", gegeven: Voorbeeld.rniGegeven))
            let detail = try await rvig.get("/terugmeldingen/\(ref)")
            #expect(detail.tekst.contains("Doorsturen naar een RNI-deelnemer"))
            #expect(detail.tekst.contains("value=\"0101\""))
            #expect(try await rvig.post("/terugmeldingen/\(ref)/status", ["status": "Verkeerde bronhouder", "rniDeelnemer": "0101", "toelichting": ""]).status == .seeOther)
            let api = try await t.get("/api/v1/terugmeldingen/\(ref)", t.sleutels.abo).object
            #expect((api["bijhouder"] as? [String: Any])?["rniDeelnemerCode"] as? String == "0101")
            // A gemeente has no RNI forwarding.
            try await t.gebruiker("ams@test.nl", rol: .bijhouder, gemeentecode: "0363")
            let ams = Browser(t)
            try await ams.login("ams@test.nl")
            let eigen = try await t.meld()
            #expect(!(try await ams.get("/terugmeldingen/\(eigen)").tekst.contains("RNI-deelnemer")))
        }
    }
}

@Suite("Portaal: statistieken en instellingen van de bronhouder")
struct BronhouderWebTests {
    @Test func statistiekenTellenDeEigenInbox() async throws {
        try await metApp { t in
            try await t.gebruiker("ams@test.nl", rol: .bijhouder, gemeentecode: "0363")
            try await t.gebruiker("bd@test.nl", rol: .afnemer, oin: "00000001003214345000")
            t.klok.zet(ISO8601DateFormatter().date(from: "2026-10-01T09:00:00Z")!)   // deadline 2026-10-08
            let laat = try await t.meld()
            t.klok.zet(ISO8601DateFormatter().date(from: "2026-11-23T09:00:00Z")!)
            let tijdig = try await t.meld()
            try await t.meld(door: t.sleutels.svb)
            try await t.meld(Voorbeeld.terugmelding(gemeentecode: "0599"))           // Rotterdam's: not counted
            _ = try await t.wijzig(tijdig, t.sleutels.amsterdam, ["status": "In behandeling"])
            _ = try await t.wijzig(laat, t.sleutels.amsterdam, ["status": "In behandeling"])

            let amsterdam = try OrganisatieDTO(try await Organisaties.zoek(oin: nil, gemeentecode: "0363", on: t.app.db))
            let periode = Periode(van: Dag("2025-11-24")!, tot: Dag("2026-11-23")!)
            let s = try await Cijferboek(db: t.app.db, vandaag: Dag("2026-11-23")!).bronhouder(periode, organisatie: amsterdam)
            func waarde(_ tabel: String, _ sleutel: String) -> Double? { s.tabel(tabel)?.rijen.first { $0.sleutel == sleutel }?.waarde }
            #expect(waarde("perStatus", "Gemeld") == 1)
            #expect(waarde("perStatus", "In behandeling") == 2)
            #expect(s.tabel("perAfnemer")?.rijen.map(\.waarde) == [2, 1])
            #expect(s.tabel("perAfnemer")?.rijen.first?.sleutel == "Belastingdienst")
            #expect(waarde("perMaand", "2026-11") == 2 && waarde("perMaand", "2026-10") == 1)
            #expect(s.tabel("perMaand")?.rijen.count == 13)
            #expect(waarde("kerncijfers", "tijdigOpgepakt") == 50 && waarde("kerncijfers", "ontvangen") == 3)

            let b = Browser(t)
            try await b.login("ams@test.nl")
            let pagina = try await b.get("/statistieken")
            #expect(pagina.status == .ok && pagina.tekst.contains("50%"))
            let csv = try await b.get("/statistieken/perAfnemer.csv")
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(csv.tekst == "\u{FEFF}Afnemer,Waarde (aantal)\r\nBelastingdienst,2\r\nSVB,1\r\n", "\(csv.tekst)")
            // An afnemer sees its own terugmeldingen, not Amsterdam's inbox.
            let afnemer = Browser(t)
            try await afnemer.login("bd@test.nl")
            let eigen = try await afnemer.get("/statistieken")
            #expect(eigen.status == .ok && eigen.tekst.contains("Per gemeente") && !eigen.tekst.contains("Per afnemer"))
            #expect(try await afnemer.get("/instellingen").status == .forbidden)
        }
    }

    @Test func meldingEmailInstellen() async throws {
        try await metApp { t in
            try await t.gebruiker("ams@test.nl", rol: .bijhouder, gemeentecode: "0363")
            let b = Browser(t)
            try await b.login("ams@test.nl")
            _ = try await b.get("/instellingen")
            let fout = try await b.post("/instellingen", ["meldingEmail": "geen adres"])
            #expect(fout.status == .badRequest && fout.tekst.contains("href=\"#meldingEmail\""))
            #expect(try await b.post("/instellingen", ["meldingEmail": "brp@amsterdam.nl"]).status == .seeOther)
            #expect(try await Organisaties.zoek(oin: nil, gemeentecode: "0363", on: t.app.db).meldingEmail == "brp@amsterdam.nl")
            #expect(try await b.get("/instellingen?opgeslagen=1").tekst.contains("value=\"brp@amsterdam.nl\""))
            // Rotterdam's setting is untouched.
            #expect(try await Organisaties.zoek(oin: nil, gemeentecode: "0599", on: t.app.db).meldingEmail == nil)
        }
    }
}

@Suite("Portaal: beheer")
struct BeheerWebTests {
    private func beheerder(_ t: TestApp) async throws -> Browser {
        _ = try await t.cli(["org", "add", "--naam", "Meldpunt", "--oin", "00000099000000001000", "--rol", "meldpunt"])
        try await t.gebruiker("beheer@test.nl", rol: .systeembeheerder, oin: "00000099000000001000")
        let b = Browser(t)
        try await b.login("beheer@test.nl")
        return b
    }

    private func eenmalig(_ r: TestResponse) -> String? {
        guard let bereik = r.tekst.range(of: #"<code id="eenmalig">([^<]*)</code>"#, options: .regularExpression) else { return nil }
        return String(r.tekst[bereik].dropFirst(#"<code id="eenmalig">"#.count).dropLast("</code>".count))
    }

    @Test func organisatieSleutelEnGebruiker() async throws {
        try await metApp { t in
            let b = try await beheerder(t)
            let fout = try await b.post("/beheer/organisaties", ["naam": "CIBG", "oin": "123", "rollen[]": "afnemer"])
            #expect(fout.status == .badRequest && fout.tekst.contains("20 posities"))
            // The beheer pages are bilingual: the refusal too (it was Dutch only).
            _ = try await b.post("/taal", ["naar": "en", "terug": "/beheer"])
            let foutEn = try await b.post("/beheer/organisaties", ["naam": "CIBG", "oin": "123", "rollen[]": "afnemer"])
            #expect(foutEn.status == .badRequest && !foutEn.tekst.contains("20 posities") && foutEn.tekst.contains("An OIN has exactly 20 positions"))
            _ = try await b.post("/taal", ["naar": "nl", "terug": "/beheer"])
            let nieuw = try await b.post("/beheer/organisaties", ["naam": "CIBG", "oin": "00000001801109617000", "rollen[]": "afnemer"])
            #expect(nieuw.status == .seeOther)
            let pad = try #require(nieuw.headers.first(name: .location))
            #expect(try await b.get("/beheer?zoek=cibg").tekst.contains(pad))

            // An API key: shown once, works, stored only as a hash, revocable.
            let metSleutel = try await b.post("\(pad)/sleutels", ["omschrijving": "zaaksysteem"])
            let sleutel = try #require(eenmalig(metSleutel))
            #expect(try await t.get("/api/v1/terugmeldingen", sleutel).status == .ok)
            #expect(!(try await b.get(pad).tekst.contains(sleutel)))
            let id = try #require(try await ApiSleutel.query(on: t.app.db).filter(\.$sleutelHash == Sleutels.hash(apiSleutel: sleutel)).first()?.id)
            _ = try await b.get(pad)
            #expect(try await b.post("\(pad)/sleutels/\(id.tekst)/intrekken", [:]).status == .seeOther)
            #expect(try await t.get("/api/v1/terugmeldingen", sleutel).status == .unauthorized)

            // A user: first password shown once; disabling ends the session at once.
            _ = try await b.get(pad)
            let metGebruiker = try await b.post("\(pad)/gebruikers", ["naam": "C. Ibg", "email": "c@cibg.nl", "rol": "afnemer"])
            let wachtwoord = try #require(eenmalig(metGebruiker))
            #expect(metGebruiker.tekst.contains("C. Ibg (c@cibg.nl) is toegevoegd."))
            let nieuweGebruiker = Browser(t)
            // The first password opens only the step to choose an own one.
            #expect(try await nieuweGebruiker.login("c@cibg.nl", wachtwoord).headers.first(name: .location) == "/inloggen/wachtwoord")
            #expect(try await nieuweGebruiker.get("/terugmeldingen").status == .seeOther)
            #expect(try await nieuweGebruiker.post("/inloggen/wachtwoord", ["nieuw": "een eigen lange zin", "herhaal": "een eigen lange zin"]).status == .seeOther)
            #expect(try await nieuweGebruiker.get("/terugmeldingen").status == .ok)
            let g = try #require(try await Gebruiker.query(on: t.app.db).filter(\.$email == "c@cibg.nl").first())
            // Switching off is asked first, said when done, and can be undone.
            let lijst = try await b.get(pad)
            #expect(lijst.tekst.contains("href=\"/beheer/gebruikers/\(g.id!.tekst)/uitzetten\""))
            let vraag = try await b.get("/beheer/gebruikers/\(g.id!.tekst)/uitzetten")
            #expect(vraag.status == .ok && vraag.tekst.contains("Wilt u deze gebruiker uitzetten?") && vraag.tekst.contains("c@cibg.nl"))
            #expect(try await Gebruiker.find(g.id, on: t.app.db)?.actief == true)   // asking changes nothing
            let uit = try await b.post("/beheer/gebruikers/\(g.id!.tekst)/uitzetten", [:])
            #expect(uit.status == .ok && uit.tekst.contains("C. Ibg is uitgezet") && uit.tekst.contains("/beheer/gebruikers/\(g.id!.tekst)/aanzetten"))
            #expect(try await nieuweGebruiker.get("/terugmeldingen").status == .seeOther)
            let aan = try await b.post("/beheer/gebruikers/\(g.id!.tekst)/aanzetten", [:])
            #expect(aan.status == .ok && aan.tekst.contains("C. Ibg kan weer inloggen."))
            #expect(try await Gebruiker.find(g.id, on: t.app.db)?.actief == true)
            #expect(try await Browser(t).login("c@cibg.nl", "een eigen lange zin").headers.first(name: .location) != "/inloggen")

            // A user role that does not fit the organisation is refused.
            _ = try await b.get(pad)
            #expect(try await b.post("\(pad)/gebruikers", ["naam": "X", "email": "x@cibg.nl", "rol": "bijhouder"]).status == .badRequest)
            // Roles can be changed, never to none.
            #expect(try await b.post("\(pad)/rollen", [:]).status == .badRequest)
            _ = try await b.get(pad)
            #expect(try await b.postVelden("\(pad)/rollen", [("rollen[]", "afnemer"), ("rollen[]", "partner")]).status == .seeOther)
            #expect(try await Organisaties.zoek(oin: "00000001801109617000", gemeentecode: nil, on: t.app.db).rollen == [.afnemer, .partner])
        }
    }

    @Test func alleenBeheerders() async throws {
        try await metApp { t in
            try await t.gebruiker("ams@test.nl", rol: .bijhouder, gemeentecode: "0363")
            let b = Browser(t)
            try await b.login("ams@test.nl")
            let amsterdam = try await Organisaties.zoek(oin: nil, gemeentecode: "0363", on: t.app.db)
            #expect(try await b.get("/beheer").status == .forbidden)
            #expect(try await b.get("/beheer/organisaties/\(amsterdam.id!.tekst)").status == .forbidden)
            #expect(try await b.post("/beheer/organisaties/\(amsterdam.id!.tekst)/sleutels", [:]).status == .forbidden)
            #expect(try await ApiSleutel.query(on: t.app.db).filter(\.$organisatie.$id == amsterdam.id!).count() == 1)   // only the test harness's
        }
    }
}
