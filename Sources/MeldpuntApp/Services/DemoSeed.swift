import MeldpuntAPI
import MeldpuntWeb
import MeldpuntHTTP
import MeldpuntCore
import Fluent
import MeldpuntDomain
import Vapor

/// Demo organisations and well-known API keys, development only: lets a new user try the
/// whole flow at once (README). `--env production` never runs this.
enum DemoSeed {
    struct DemoOrganisatie {
        let naam: String
        let oin: String?
        let gemeentecode: String?
        let rollen: Set<Organisatierol>
        let sleutel: String
    }

    static let organisaties: [DemoOrganisatie] = [
        .init(naam: "Belastingdienst (demo)", oin: "00000001003214345000", gemeentecode: nil, rollen: [.afnemer], sleutel: "mpk_demo_belastingdienst"),
        .init(naam: "Sociale Verzekeringsbank (demo)", oin: "00000001002220647000", gemeentecode: nil, rollen: [.afnemer], sleutel: "mpk_demo_svb"),
        .init(naam: "Gemeente Amsterdam", oin: "00000099000000004000", gemeentecode: "0363", rollen: [.bronhouder], sleutel: "mpk_demo_amsterdam"),
        .init(naam: "Gemeente Rotterdam", oin: "00000099000000005000", gemeentecode: "0599", rollen: [.bronhouder], sleutel: "mpk_demo_rotterdam"),
        .init(naam: "RvIG (RNI)", oin: "00000099000000006000", gemeentecode: "1999", rollen: [.bronhouder, .rni], sleutel: "mpk_demo_rvig"),
        .init(naam: "Meldpunt Fouten in Overheidsregistraties (demo)", oin: "00000099000000001000", gemeentecode: nil, rollen: [.meldpunt], sleutel: "mpk_demo_meldpunt"),
        .init(naam: "UWV (demo)", oin: "00000099000000002000", gemeentecode: nil, rollen: [.partner, .afnemer], sleutel: "mpk_demo_uwv"),
        .init(naam: "Schuldhulp Utrecht (demo)", oin: "00000099000000003000", gemeentecode: nil, rollen: [.intermediair], sleutel: "mpk_demo_schuldhulp"),
    ]

    static let demoDomein = Accounts.demoDomein
    /// One demo user per role; all share this password (development only).
    static let wachtwoord = "demo-wachtwoord-2026"
    static let gebruikers: [(email: String, naam: String, rol: GebruikersRol, oin: String?, gemeentecode: String?)] = [
        ("afnemer@demo.meldpunt.nl", "Anna Afnemer", .afnemer, "00000001003214345000", nil),
        ("bijhouder@demo.meldpunt.nl", "Bram Bijhouder", .bijhouder, nil, "0363"),
        ("rni@demo.meldpunt.nl", "Rik RvIG", .rni, nil, "1999"),
        ("meldpunt@demo.meldpunt.nl", "Mira Meldpunt", .meldpunt, "00000099000000001000", nil),
        ("partner@demo.meldpunt.nl", "Pim Partner", .partner, "00000099000000002000", nil),
        ("intermediair@demo.meldpunt.nl", "Ilse Intermediair", .intermediair, "00000099000000003000", nil),
        ("privacy@demo.meldpunt.nl", "Pia Privacy", .privacy, "00000099000000001000", nil),
        ("beheer@demo.meldpunt.nl", "Bea Beheer", .beheerder, "00000099000000001000", nil),
        ("systeem@demo.meldpunt.nl", "Sam Systeem", .systeembeheerder, "00000099000000001000", nil),
    ]

    static func zaai(_ app: Application) async throws {
        let db = app.db
        for demo in organisaties {
            let org = try await Organisaties.voegToe(naam: demo.naam, oin: demo.oin, gemeentecode: demo.gemeentecode, rollen: demo.rollen, on: db)
            let hash = Sleutels.hash(apiSleutel: demo.sleutel)
            if try await ApiSleutel.query(on: db).filter(\.$sleutelHash == hash).first() == nil {
                _ = try await Organisaties.maakApiSleutel(voor: org, omschrijving: "demo", sleutel: demo.sleutel, on: db)
            }
        }
        for demo in gebruikers where try await Gebruiker.query(on: db).filter(\.$email == demo.email).first() == nil {
            let org = try await Organisaties.zoek(oin: demo.oin, gemeentecode: demo.gemeentecode, on: db)
            _ = try await Gebruikers.voegToe(email: demo.email, naam: demo.naam, organisatie: org, rol: demo.rol,
                                             wachtwoord: wachtwoord, moetWijzigen: false, hasher: app.wachtwoorden, on: db)
        }
        try await zaaiPartners(app)
        try await zaaiTeam(app)
        try await zaaiMeldingen(app)
        try await zaaiTerugmeldingen(app)
        let commando = app.environment.arguments.dropFirst().first
        if commando == nil || commando == "serve" {
            app.logger.info("Ontwikkelomgeving: demo-API-sleutels (nooit in productie):")
            for demo in organisaties {
                app.logger.info("  \(demo.naam): \(demo.sleutel)")
            }
            app.logger.info("Demo-gebruikers (wachtwoord \(wachtwoord)): \(gebruikers.map { "\($0.email) (\($0.rol.rawValue))" }.joined(separator: ", "))")
        }
    }

    /// Production on a database that once ran in development: the demo API keys are revoked
    /// and the demo users switched off (their sessions end), so their published secrets open
    /// nothing. Said in the log, once per key or user.
    static func schakelUit(_ app: Application) async throws {
        let hashes = organisaties.map { Sleutels.hash(apiSleutel: $0.sleutel) }
        let sleutels = try await ApiSleutel.query(on: app.db).filter(\.$sleutelHash ~~ hashes).filter(\.$ingetrokkenOp == nil).all()
        for s in sleutels {
            s.ingetrokkenOp = app.klok.nu()
            try await s.save(on: app.db)
        }
        let demo = try await Gebruiker.query(on: app.db).filter(\.$email ~~ gebruikers.map(\.email)).filter(\.$actief == true).all()
        for g in demo { try await Gebruikers.zetUit(g, on: app.db) }
        if !sleutels.isEmpty || !demo.isEmpty {
            app.logger.warning("Productie: \(sleutels.count) demo-API-sleutel(s) ingetrokken en \(demo.count) demo-gebruiker(s) uitgezet; deze database draaide eerder in ontwikkelmodus.")
        }
    }

    /// UWV and Gemeente Amsterdam in the partner register, with contact persons per level; the
    /// demo partner user is UWV's operational contact.
    static func zaaiPartners(_ app: Application) async throws {
        let register = Partnerregister(db: app.db, nu: app.klok.nu())
        let uwv = try await Organisaties.zoek(oin: "00000099000000002000", gemeentecode: nil, on: app.db)
        guard uwv.partnerSoort == nil else { return }
        let amsterdam = try await Organisaties.zoek(oin: nil, gemeentecode: "0363", on: app.db)
        // Notification addresses, once: Amsterdam's inbox, and the meldpunt's team.
        amsterdam.meldingEmail = "terugmeldingen@amsterdam.demo.meldpunt.nl"
        try await amsterdam.save(on: app.db)
        let meldpunt = try await Organisaties.zoek(oin: "00000099000000001000", gemeentecode: nil, on: app.db)
        meldpunt.meldingEmail = "team@demo.meldpunt.nl"
        try await meldpunt.save(on: app.db)
        try await register.registreer(uwv, PartnerInvoer(soort: PartnerSoort.uitvoeringsorganisatie.rawValue, registraties: "Polisadministratie",
                                                         intentieverklaringOp: "2025-06-01"))
        try await register.registreer(amsterdam, PartnerInvoer(soort: PartnerSoort.gemeente.rawValue, registraties: "BRP", intentieverklaringOp: "2025-09-15"))
        let pim = try await register.voegContactpersoonToe(uwv, ContactpersoonInvoer(niveau: "operationeel", naam: "Pim Partner", functie: "Klantadviseur",
                                                                                    email: "partner@demo.meldpunt.nl", telefoon: "088-8980000"))
        pim.$gebruiker.id = try await Gebruiker.query(on: app.db).filter(\.$email == "partner@demo.meldpunt.nl").first()?.id
        try await pim.save(on: app.db)
        try await register.voegContactpersoonToe(uwv, ContactpersoonInvoer(niveau: "tactisch", naam: "Tessa de Wit", functie: "Teammanager handhaving",
                                                                          email: "t.dewit@uwv.example.nl", telefoon: "088-8980001"))
        try await register.voegContactpersoonToe(uwv, ContactpersoonInvoer(niveau: "strategisch", naam: "Sven Bakker", functie: "Directeur klantprocessen",
                                                                          email: "s.bakker@uwv.example.nl"))
        try await register.voegContactpersoonToe(amsterdam, ContactpersoonInvoer(niveau: "operationeel", naam: "Bram Bijhouder", functie: "Medewerker BRP",
                                                                                email: "bijhouder@demo.meldpunt.nl"))
        try await register.voegContactpersoonToe(amsterdam, ContactpersoonInvoer(niveau: "tactisch", naam: "Ilse Jansen", functie: "Teamleider Basisinformatie",
                                                                                email: "i.jansen@amsterdam.example.nl", telefoon: "020-2550000"))
    }

    /// MFO cases for the werkvoorraad, once: one new, one whose first contact is overdue, one being
    /// coordinated, and four that share an error for the detector. They go through the same engine as real ones.
    /// One team, so the routing shows: vehicle cases go to Mira's team.
    static func zaaiTeam(_ app: Application) async throws {
        guard try await Team.query(on: app.db).count() == 0,
              let beheer = try await Gebruiker.query(on: app.db).filter(\.$rol == .systeembeheerder).with(\.$organisatie).first().flatMap(Gebruikers.dto),
              let mira = try await Gebruiker.query(on: app.db).filter(\.$email == "meldpunt@demo.meldpunt.nl").first()
        else { return }
        let teams = Teams(db: app.db, nu: app.klok.nu())
        let team = try await teams.maak(naam: "Voertuigen en verkeer", door: beheer)
        try await teams.wijzig(UUID(uuidString: team.id)!, naam: team.naam, leden: [try mira.requireID().uuidString], registraties: ["BRV"], door: beheer)
    }

    static func zaaiMeldingen(_ app: Application) async throws {
        guard try await Melding.query(on: app.db).count() == 0,
              let g = try await Gebruiker.query(on: app.db).filter(\.$email == "meldpunt@demo.meldpunt.nl").with(\.$organisatie).first(),
              let mira = try Gebruikers.dto(g)
        else { return }
        let uwv = try OrganisatieDTO(try await Organisaties.zoek(oin: "00000099000000002000", gemeentecode: nil, on: app.db))
        let nu = app.klok.nu()
        func service(_ dagenGeleden: Double) -> MeldingService {
            MeldingService(db: app.db, pseudoniemen: app.pseudoniemen, kalender: app.kalender, nu: nu.addingTimeInterval(-dagenGeleden * 86_400),
                           traceID: "demo", contactnormWerkdagen: 2, berichten: app.berichtgeving)
        }
        func melding(_ naam: String, _ email: String, bsn: String? = nil, fout: String, organisaties: [String], registraties: [String], gevolg: GevolgSoort?) -> MeldingInvoer {
            var v = MeldingInvoer()
            v.melderType = MelderType.burger.rawValue
            v.melder = .init(naam: naam, email: email, bsn: bsn)
            v.organisatieAlBenaderd = true
            v.bezwaarOfBeroepLoopt = false
            v.registraties = registraties
            v.betrokkenOrganisaties = organisaties
            v.watIsFout = fout
            v.gevolgen = gevolg.map { [.init(soort: $0.rawValue, organisatie: organisaties.last)] }
            v.voorkeurKanaal = Contactkanaal.email.rawValue
            v.toestemming = .init(gegeven: true, tekstVersie: Toestemmingstekst.versie)
            return v
        }
        let oud = try await service(7).intake.maak(melding("Jan Jansen", "j.jansen@example.nl", fout: "Mijn auto staat nog op mijn naam, terwijl ik hem in 2024 heb verkocht.",
                                                    organisaties: ["RDW", "CJIB"], registraties: ["BRV"], gevolg: .boete), ingediendDoor: nil)
        let bezig = try await service(3).intake.maak(melding("Suzanne Moulin", "s.moulin@example.nl", bsn: "999993653", fout: "Ik sta op een oud adres ingeschreven; UWV vordert daarom mijn WW terug.",
                                                      organisaties: ["Gemeente Rotterdam", "UWV"], registraties: ["BRP"], gevolg: .terugvordering),
                                              ingediendDoor: uwv)
        _ = try await service(0).intake.maak(melding("Fatima El Amrani", "f.elamrani@example.nl", fout: "Mijn WOZ-waarde is veel te hoog; de oppervlakte van mijn woning klopt niet in de BAG.",
                                              organisaties: ["Gemeente Utrecht"], registraties: ["BAG", "WOZ"], gevolg: nil), ingediendDoor: nil)
        let s = service(2)
        let door = Handelende(mira)
        _ = try await s.behandeling.legContactVast(bezig.zaaknummer, ContactInvoer(datum: Dag(nu.addingTimeInterval(-2 * 86_400)).description, kanaal: Contactvorm.telefoon.rawValue,
                                                                     samenvatting: "Gebeld. Mevrouw woont sinds maart in Utrecht; Rotterdam heeft de verhuizing niet verwerkt."), door: door)
        _ = try await s.behandeling.legAnalyseVast(bezig.zaaknummer, AnalyseInvoer(oorsprongOrganisatie: "Gemeente Rotterdam", oorsprongRegistratie: "BRP",
                                                                       geraakteOrganisaties: ["UWV (demo)"], geraakteRegistraties: ["Polisadministratie"],
                                                                       complexiteit: Complexiteit.midden.rawValue), door: door)
        _ = try await s.behandeling.kiesRol(bezig.zaaknummer, RolkeuzeInvoer(rol: MeldpuntRol.coordinerend.rawValue), door: door)
        // Asked two days ago to hold off the claim until yesterday: now overdue, ready to escalate.
        _ = try await s.verzoeken.nieuwVerzoek(bezig.zaaknummer, NieuwVerzoekInvoer(
            organisatieOin: "00000099000000002000", soort: VerzoekSoort.opschorting.rawValue,
            vraag: "Mevrouw Moulin woont sinds maart in Utrecht; de BRP wordt hersteld. Wilt u de terugvordering stilzetten tot het adres klopt?",
            uiterlijk: Dag(nu.addingTimeInterval(-86_400)).description, gedeeldeGegevens: [GedeeldGegeven.omschrijving.rawValue, GedeeldGegeven.gevolgen.rawValue],
            opschorting: .init(actie: OpschortingsActie.terugvordering.rawValue, kenmerk: "UWV-TV-2026-118")), door: door)
        // Advice to UWV on the way to a solution, not yet answered; its follow-up day lies ahead.
        _ = try await Adviesregister(meldingen: s).geef(AdviesInvoer(
            organisatieOin: "00000099000000002000", onderwerp: AdviesOnderwerp.route.rawValue,
            advies: "Stel de terugvordering uit tot Rotterdam de verhuizing heeft verwerkt. Daarna klopt het adres in de polisadministratie vanzelf en kunt u het bedrag opnieuw berekenen.",
            opvolgenOp: try app.kalender.plusWerkdagen(5, na: Dag(nu)).description, zaaknummer: bezig.zaaknummer.description), door: door)
        // An overleg about it, two working days ahead, with UWV invited.
        _ = try await Overlegregister(meldingen: s).plan(OverlegInvoer(
            onderwerp: "Adres en terugvordering", datum: try app.kalender.plusWerkdagen(2, na: Dag(nu)).description, tijd: "10:00", plaats: "Online",
            agenda: "1. Wanneer verwerkt Rotterdam de verhuizing?\n2. Stilzetten van de terugvordering tot dan.\n3. Wie laat mevrouw weten wat er gebeurt?",
            deelnemers: ["00000099000000002000"], zaaknummer: bezig.zaaknummer.description), door: door)
        // A structural error for the detector to find: four more melders whose fine went to an old address.
        for (dagen, naam, tekst) in [
            (6.0, "Kees de Boer", "Mijn adres na verhuizing is niet bijgewerkt in het kentekenregister; de boete van het CJIB ging naar mijn oude adres."),
            (5.0, "Lotte Visser", "Boete verhoogd omdat het adres na verhuizing niet is bijgewerkt bij de RDW. De brief kwam nooit aan."),
            (3.0, "Ahmed Yilmaz", "Het adres na verhuizing is niet bijgewerkt; aanmaning van de boete naar het oude adres gestuurd."),
            (1.0, "Sanne Bakker", "Adres na verhuizing niet bijgewerkt in het BRV, nu een verhoogde boete van het CJIB."),
        ] {
            _ = try await service(dagen).intake.maak(melding(naam, "\(naam.lowercased().replacingOccurrences(of: " ", with: "."))@example.nl", fout: tekst,
                                                      organisaties: ["RDW", "CJIB"], registraties: ["BRV"], gevolg: .boete), ingediendDoor: nil)
        }
        // Filed by the intermediary for a client, so its clients page has a case to follow and write about.
        let schuldhulp = try OrganisatieDTO(try await Organisaties.zoek(oin: "00000099000000003000", gemeentecode: nil, on: app.db))
        var client = melding("Ilse Intermediair", "intermediair@demo.meldpunt.nl", fout: "Mijn cliënt staat nog op een oud adres; de gemeente stuurt de aanslag daarheen.",
                             organisaties: ["Gemeente Utrecht"], registraties: ["BRP"], gevolg: .incasso)
        client.melderType = MelderType.intermediair.rawValue
        client.organisatieNaam = schuldhulp.naam
        client.vertegenwoordigde = .init(naam: "Kees Jansen", postcode: "3511 AA")
        client.toestemmingVertegenwoordigde = true
        _ = try await service(0.5).intake.maak(client, ingediendDoor: schuldhulp)
        app.logger.info("Demo-meldingen: \(oud.zaaknummer) (\(oud.statuspagina)), \(bezig.zaaknummer) (\(bezig.statuspagina)) en één nieuwe.")
    }

    /// Terugmeldingen from the Belastingdienst to Amsterdam, once, so the gemeente's and the
    /// afnemer's start pages have work: one past its pick-up deadline, one nearly, one of today,
    /// and one Amsterdam answered. Dated in working days back, as the deadline counts.
    static func zaaiTerugmeldingen(_ app: Application) async throws {
        guard try await Terugmelding.query(on: app.db).count() == 0 else { return }
        let belastingdienst = try OrganisatieDTO(try await Organisaties.zoek(oin: "00000001003214345000", gemeentecode: nil, on: app.db))
        let amsterdam = try OrganisatieDTO(try await Organisaties.zoek(oin: nil, gemeentecode: "0363", on: app.db))
        let nu = app.klok.nu()
        func werkdagenGeleden(_ n: Int) throws -> Date {
            var dag = Dag(nu), geteld = 0
            while geteld < n {
                dag = try dag.plus(dagen: -1)
                if app.kalender.isWerkdag(dag) { geteld += 1 }
            }
            return n == 0 ? nu : dag.begin().addingTimeInterval(10 * 3_600)
        }
        func service(_ op: Date) -> TerugmeldingService {
            TerugmeldingService(db: app.db, referentie: app.referentiedata, pseudoniemen: app.pseudoniemen, kalender: app.kalender, nu: op,
                                traceID: "demo", berichten: app.berichtgeving)
        }
        func invoer(_ kenmerk: String, bsn: String, _ toelichting: String, _ urn: String, _ betwijfeld: String, _ voorgesteld: String) throws -> TerugmeldingInvoer {
            let json: [String: Any] = [
                "terugMeldingHeader": ["registratie": ["basisRegistratieCode": "BRP"], "gemeentecode": "0363", "referentiekenmerk": kenmerk,
                                       "toelichting": toelichting,
                                       "melder": ["naam": "Anna Afnemer", "email": "afnemer@demo.meldpunt.nl", "telefoon": "+31-70-1234567"]],
                "terugMeldingBody": ["objectIdentificatie": [["objectType": "persoon", "attribuutUrn": "urn:brp:persoon:bsn", "idWaarde": bsn]],
                                     "terugMeldingGegevens": [["attribuutUrn": urn, "betwijfeldeWaarde": betwijfeld, "voorgesteldeWaarde": voorgesteld]]],
            ]
            return try JSONDecoder().decode(TerugmeldingInvoer.self, from: JSONSerialization.data(withJSONObject: json))
        }
        let huisnummer = "urn:brp:persoon:binnenlands-adres-ingezetene:huisnummer"
        _ = try await service(werkdagenGeleden(8)).maak(invoer("BD-2026-0412", bsn: "999993793", "Volgens de aangifte inkomstenbelasting woont betrokkene op nummer 53.",
                                                              huisnummer, "35", "53"), door: belastingdienst)
        _ = try await service(werkdagenGeleden(5)).maak(invoer("BD-2026-0431", bsn: "999991802", "Post komt onbestelbaar retour; betrokkene woont volgens de werkgever in Utrecht.",
                                                              "urn:brp:persoon:binnenlands-adres-ingezetene:postcode", "1079VW", "3511AB"), door: belastingdienst)
        _ = try await service(werkdagenGeleden(0)).maak(invoer("BD-2026-0450", bsn: "999991565", "Geboortedatum wijkt af van het paspoort dat bij ons is getoond.",
                                                              "urn:brp:persoon:geboorte:datum", "19450505", "19450515"), door: belastingdienst)
        let beantwoord = try await service(werkdagenGeleden(10)).maak(invoer("BD-2026-0398", bsn: "999994542", "Huisletter ontbreekt volgens de gegevens van de verhuurder.",
                                                                            "urn:brp:persoon:binnenlands-adres-ingezetene:huisletter", "H", "A"), door: belastingdienst)
        guard let id = UUID(uuidString: beantwoord.terugMeldingReferentie) else { return }
        _ = try await service(werkdagenGeleden(8)).wijzigStatus(id, StatuswijzigingInvoer(status: "In behandeling", toelichting: "Wij controleren het huurcontract."),
                                                               door: amsterdam, als: [.bijhouder])
        _ = try await service(werkdagenGeleden(6)).wijzigStatus(id, StatuswijzigingInvoer(status: "Afgehandeld", toelichting: "Onderzocht: de huisletter H klopt, de verhuurder had een oude lijst.",
                                                                                         uitkomst: "ongewijzigd"), door: amsterdam, als: [.bijhouder])
    }
}
