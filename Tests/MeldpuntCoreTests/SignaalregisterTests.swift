import FluentKit
import Foundation
import MeldpuntCore
import MeldpuntDomain
import Testing

/// The signalen register as use cases: real cases through the detector's queue, a proposal
/// confirmed, the course with the organisation's answer, knowledge, and erasure on withdrawal.
@Suite("Kern: het signalenregister")
struct SignaalregisterTests {
    static func melding(_ tekst: String, gevolg: String = "boete", bij: String = "CJIB") -> MeldingInvoer {
        var m = TerugmeldingCoreTests.melding()
        m.registraties = ["BRV"]
        m.watIsFout = tekst
        m.gevolgen = [.init(soort: gevolg, organisatie: bij)]
        return m
    }

    static let teksten = [
        "Mijn adres na verhuizing is niet bijgewerkt en nu krijg ik boetes op het oude adres.",
        "Boete gekregen omdat het adres na verhuizing niet bijgewerkt is in het kentekenregister.",
        "Na mijn verhuizing staat het adres niet goed, het adres na verhuizing is niet bijgewerkt, dus de boete ging naar mijn oude huis.",
        "Adres na verhuizing niet bijgewerkt: de aanmaning van de boete kwam nooit aan.",
    ]

    @Test func vanVoorstelTotAfgeslotenSignaal() async throws {
        try await metKern { k in
            let meldpunt = try await PatroonherkenningTests.meldpunt(k)
            let cjib = try await k.nieuweOrganisatie("CJIB", oin: "00000001822477348000", rollen: [.partner])
            let rdw = try await k.nieuweOrganisatie("RDW", oin: "00000001804770694000", rollen: [.partner])
            for t in Self.teksten { _ = try await k.meldingen.intake.maak(Self.melding(t), ingediendDoor: nil) }
            // Noise that shares nothing.
            _ = try await k.meldingen.intake.maak(Self.melding("Mijn toeslag is gestopt.", gevolg: "stopgezetteToeslag", bij: "Dienst Toeslagen"), ingediendDoor: nil)
            #expect(try await PatroonWachtrij.query(on: k.db).count() == 5)
            #expect(try await Patroonherkenning(db: k.db).ronde(nu: k.nu) == 5)
            #expect(try await PatroonWachtrij.query(on: k.db).count() == 0)

            let register = Signaalregister(db: k.db, nu: k.nu, berichten: k.berichten)
            let voorstellen = try await register.kandidaten(door: meldpunt)
            let voorstel = try #require(voorstellen.first)
            #expect(voorstellen.count == 1)
            #expect(voorstel.aantal == 4)
            #expect(voorstel.uitleg.contains("registratie BRV, gevolg boete bij CJIB"), "\(voorstel.uitleg)")
            #expect(voorstel.gedeeldeZinsdelen.first.map { [$0.zinsdeel, "\($0.aantal)"] } == ["adres na verhuizing", "4"])
            let detail = try await register.kandidaat(voorstel.id.uuid, door: meldpunt)
            #expect(Set(detail.zaken.map(\.kenmerk)) == ["MFO-2026-000001", "MFO-2026-000002", "MFO-2026-000003", "MFO-2026-000004"])

            // Confirming asks for a title, a description and a kind; every problem at once.
            await #expect(throws: Weigering.self) { _ = try await register.bevestig(voorstel.id.uuid, NieuwSignaalInvoer(), door: meldpunt) }
            do {
                _ = try await register.bevestig(voorstel.id.uuid, NieuwSignaalInvoer(soort: "iets", organisatieOins: ["123"]), door: meldpunt)
            } catch let Weigering.ongeldig(fouten) {
                #expect(Set(fouten.map(\.veld.jsonPad)) == ["titel", "omschrijving", "soort", "organisatieOins[0]"])
            }
            let signaal = try await register.bevestig(voorstel.id.uuid, NieuwSignaalInvoer(
                titel: "Adreswijziging bereikt het kentekenregister niet", omschrijving: "Na een verhuizing blijft het oude adres in het BRV staan.",
                soort: "systeem", registraties: ["BRV"], organisatieOins: ["00000001804770694000"]), door: meldpunt)
            #expect(signaal.nummer == 1)
            #expect(signaal.status == .gesignaleerd && signaal.zaken.count == 4)
            #expect(try await register.kandidaten(door: meldpunt).isEmpty)
            await #expect(throws: Weigering.conflict(.kandidaatAfgehandeld)) { try await register.wijsAf(voorstel.id.uuid, door: meldpunt) }

            // A fifth like case is not a new proposal: its case page names the signaal.
            _ = try await k.meldingen.intake.maak(Self.melding("Weer een boete, adres na verhuizing niet bijgewerkt."), ingediendDoor: nil)
            try await Patroonherkenning(db: k.db).ronde(nu: k.nu)
            #expect(try await register.kandidaten(door: meldpunt).isEmpty)
            let vijfde = try #require(try await Melding.query(on: k.db).filter(\.$zaaknummer == "MFO-2026-000006").first())
            #expect(try await register.signalenBijZaak(vijfde.requireID(), door: meldpunt).map(\.nummer) == [1])
            _ = try await register.koppelZaak(1, kenmerk: "mfo-2026-000006", door: meldpunt)

            // Not fed back yet: the RDW does not see it.
            let rdwDoor = Handelende(organisatie: rdw)
            #expect(try await register.signalenVoorPartner(door: rdwDoor).isEmpty)
            await #expect(throws: Weigering.nietGevonden(.signaal)) { _ = try await register.signaalVoorPartner(1, door: rdwDoor) }

            var s = try await register.zetStap(1, .terugkoppeling, SignaalStapInvoer(organisatieOin: "00000001804770694000",
                                                                                   toelichting: "Vijf melders: het adres na verhuizing komt niet in het BRV."), door: meldpunt)
            #expect(s.status == .teruggekoppeld)
            #expect(s.organisaties.first { $0.organisatie.naam == "RDW" }?.teruggekoppeldOp != nil)
            #expect(try await register.signalenVoorPartner(door: rdwDoor).map(\.nummer) == [1])
            // The CJIB was not fed back: it still sees nothing.
            await #expect(throws: Weigering.nietGevonden(.signaal)) { _ = try await register.signaalVoorPartner(1, door: Handelende(organisatie: cjib)) }

            let partnerzicht = try await register.beantwoord(1, SignaalStapInvoer(toelichting: "Bekend; de koppeling met de BRP wordt in maart hersteld."), door: rdwDoor)
            #expect(partnerzicht.aantalZaken == 5)
            #expect(partnerzicht.verloop.map(\.soort) == [.aangemaakt, .terugkoppeling, .antwoord])
            #expect(partnerzicht.kennis == nil)

            s = try await register.zetStap(1, .agendering, SignaalStapInvoer(orgaan: "Tactisch overleg BRV", datum: "2026-12-10"), door: meldpunt)
            #expect(s.status == .geagendeerd)
            s = try await register.zetStap(1, .escalatie, SignaalStapInvoer(toelichting: "Geen datum voor herstel."), door: meldpunt)
            #expect(s.niveau == .tactisch)
            s = try await register.legKennisVast(1, KennisInvoer(geleerd: "Adreswijzigingen gaan via de BRP-koppeling.", oplossingsroute: "Melden bij RDW-team BRP.", delen: true), door: meldpunt)
            await #expect(throws: Weigering.self) {
                _ = try await register.legKennisVast(1, KennisInvoer(geleerd: "Zie BSN 999993653."), door: meldpunt)
            }
            s = try await register.zetStap(1, .afsluiting, SignaalStapInvoer(uitkomst: "opgelost", toelichting: "Koppeling hersteld."), door: meldpunt)
            #expect(s.status == .opgelost && s.afgeslotenOp != nil)
            #expect(s.verloop.map(\.soort) == [.aangemaakt, .zakenToegevoegd, .zakenToegevoegd, .terugkoppeling, .antwoord, .agendering, .escalatie,
                                              .kennisVastgelegd, .afsluiting])
            await #expect(throws: Weigering.conflict(.signaalOvergang(.ongeldigeOvergang(van: .opgelost, naar: .geagendeerd)))) {
                _ = try await register.zetStap(1, .agendering, SignaalStapInvoer(orgaan: "X", datum: "2026-12-11"), door: meldpunt)
            }
            await #expect(throws: Weigering.self) { _ = try await register.beantwoord(1, SignaalStapInvoer(toelichting: "Nog iets"), door: rdwDoor) }
            #expect(try await register.signaalVoorPartner(1, door: rdwDoor).kennis?.geleerd == "Adreswijzigingen gaan via de BRP-koppeling.")

            // Who heard of it: the RDW at feedback and escalation, the meldpunt's team at the answer (if it has an address).
            let mails = try await UitgaandBericht.query(on: k.db).filter(\.$organisatie == rdw.id).all()
            #expect(mails.count == 0 || mails.allSatisfy { $0.onderwerp.contains("SIG-1") })
        }
    }

    @Test func escalerenTotHetHoogsteNiveau() async throws {
        try await metKern { k in
            let meldpunt = try await PatroonherkenningTests.meldpunt(k)
            let register = Signaalregister(db: k.db, nu: k.nu, berichten: k.berichten)
            _ = try await register.nieuwSignaal(NieuwSignaalInvoer(titel: "T", omschrijving: "O", soort: "wetEnRegelgeving"), door: meldpunt)
            for niveau in [Escalatieniveau.tactisch, .strategisch, .interdepartementaal] {
                #expect(try await register.zetStap(1, .escalatie, SignaalStapInvoer(toelichting: "Niets gebeurd."), door: meldpunt).niveau == niveau)
            }
            await #expect(throws: Weigering.conflict(.signaalOvergang(.hoogsteNiveau))) {
                _ = try await register.zetStap(1, .escalatie, SignaalStapInvoer(toelichting: "Nog steeds niets."), door: meldpunt)
            }
            await #expect(throws: Weigering.geenToegang(.rolOntbreekt(.partner))) {
                _ = try await register.zetStap(1, .antwoord, SignaalStapInvoer(toelichting: "x"), door: meldpunt)
            }
            #expect(try await register.nieuwSignaal(NieuwSignaalInvoer(titel: "T2", omschrijving: "O", soort: "procedure"), door: meldpunt).nummer == 2)
        }
    }

    /// Consent withdrawn: what the detector kept of the melder's words goes too.
    @Test func intrekkenWistWatDeDetectorBewaart() async throws {
        try await metKern { k in
            let ontvangen = try await k.meldingen.intake.maak(Self.melding(Self.teksten[0]), ingediendDoor: nil)
            try await Patroonherkenning(db: k.db).ronde(nu: k.nu)
            let id = try #require(try await Melding.query(on: k.db).first()?.id)
            #expect(try await PatroonZaak.find(id, on: k.db)?.kern.contains("verhuiz") == true)
            #expect(try await PatroonIndex.query(on: k.db).filter(\.$zaakID == id).count() > 0)
            try await k.coordinatie.trekToestemmingIn(token: String(ontvangen.statuspagina.dropFirst("/status/".count)))
            #expect(try await PatroonZaak.find(id, on: k.db) == nil)
            #expect(try await PatroonIndex.query(on: k.db).filter(\.$zaakID == id).count() == 0)
            #expect(try await PatroonWachtrij.query(on: k.db).filter(\.$zaakID == id).count() == 0)
        }
    }

    /// A terugmelding is queued with its filing and filed under registration + attribute and bronhouder + attribute.
    @Test func terugmeldingKomtInDeIndex() async throws {
        try await metKern { k in
            let svb = try await k.nieuweOrganisatie("SVB", oin: "00000001002220647000", rollen: [.afnemer])
            let gemeld = try await k.coordinatie.terugmeldingen.maak(TerugmeldingCoreTests.terugmelding(), door: svb)
            try await Patroonherkenning(db: k.db).ronde(nu: k.nu)
            let id = try #require(UUID(uuidString: gemeld.terugMeldingReferentie))
            let sleutels = Set(try await PatroonIndex.query(on: k.db).filter(\.$zaakID == id).all().map(\.sleutel))
            #expect(sleutels.contains("r=brp|a=urn brp persoon binnenlands adres ingezetene huisnummer"))
            #expect(sleutels.contains { $0.hasPrefix("b=gemeente amsterdam|a=") } || sleutels.contains { $0.hasPrefix("b=amsterdam|a=") }, "\(sleutels)")
        }
    }
}
