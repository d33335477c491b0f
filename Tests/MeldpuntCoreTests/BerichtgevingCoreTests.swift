import Crypto
import FluentKit
import Foundation
import MeldpuntBezorging
import MeldpuntCore
import MeldpuntDomain
import Testing

typealias OpnameBezorgers = Geheugenbezorgers

/// Notifications and events (issue 12): written with the change, delivered by the worker with
/// retries, dead-lettered, fanned out only to readers, reminders once, summaries once.
@Suite("Kern: berichten en notificaties")
struct BerichtgevingCoreTests {
    static let sleutel = SymmetricKey(size: .bits256)

    func bezorging(_ k: Kern, _ b: any Bezorgers) -> Bezorging { Bezorging(db: k.db, bezorgers: b, sleutel: Self.sleutel) }

    func abonneer(_ k: Kern, _ org: OrganisatieDTO, _ b: OpnameBezorgers, vorm: String = "zgw", kanalen: [AbonnementKanaal]) async throws -> AbonnementDTO {
        try await Abonnementen(db: k.db, sleutel: Self.sleutel, bezorgers: b, berichten: k.berichten, alleenPubliek: false, nu: k.nu)
            .maak(AbonnementInvoer(callbackUrl: "http://127.0.0.1:9/ontvang", auth: "Bearer geheim-van-de-ontvanger", kanalen: kanalen, vorm: vorm), door: org)
    }

    @Test func bevestigingMetLinkInDezelfdeTransactieEnNietBijWeigering() async throws {
        try await metKern { k in
            var invoer = TerugmeldingCoreTests.melding()
            invoer.taal = "en"
            let ontvangen = try await k.meldingen.intake.maak(invoer, ingediendDoor: nil)
            let rijen = try await UitgaandBericht.query(on: k.db).all()
            let aanMelder = try #require(rijen.first { $0.aan == "s.moulin@example.nl" })
            #expect(aanMelder.status == .wachtend && aanMelder.soort == .mail)
            let inhoud = try JSONDecoder().decode(Mailinhoud.self, from: Data(aanMelder.inhoud.utf8))
            #expect(inhoud.taal == .en)
            #expect(inhoud.link == "https://meldpunt.test" + ontvangen.statuspagina)
            #expect(inhoud.onderwerp.contains(ontvangen.zaaknummer.description))
            // Never the BSN, the name or what the melder typed.
            for tekst in [inhoud.tekst, inhoud.html] {
                #expect(!tekst.contains("999993653") && !tekst.contains("Moulin") && !tekst.contains("oud adres"))
            }

            var fout = TerugmeldingCoreTests.melding()
            fout.watIsFout = nil
            await #expect(throws: Weigering.self) { _ = try await k.meldingen.intake.maak(fout, ingediendDoor: nil) }
            #expect(try await UitgaandBericht.query(on: k.db).count() == rijen.count)
        }
    }

    @Test func ontvangerDieDrieKeerFaaltKrijgtHetEenKeer() async throws {
        try await metKern { k in
            _ = try await k.meldingen.intake.maak(TerugmeldingCoreTests.melding(), ingediendDoor: nil)
            let b = OpnameBezorgers(fouten: 3)
            let w = bezorging(k, b)
            var nu = k.nu
            #expect(try await w.ronde(nu: nu) == 1)
            let rij = try #require(try await UitgaandBericht.query(on: k.db).first())
            #expect(rij.status == .wachtend && rij.pogingen == 1 && rij.laatsteFout?.contains("503") == true)
            // Not again before the backoff has passed: 25 s, then 100 s, then 400 s.
            #expect(try await w.ronde(nu: nu.addingTimeInterval(24)) == 0)
            for wacht in [25.0, 100, 400] {
                nu = nu.addingTimeInterval(wacht)
                #expect(try await w.ronde(nu: nu) == 1)
            }
            #expect(b.mails.count == 1 && b.pogingen == 4)
            let verzonden = try #require(try await UitgaandBericht.find(rij.id, on: k.db))
            #expect(verzonden.status == .verzonden && verzonden.pogingen == 4)
            // The mail's text (with the private link) is not kept once it went out.
            #expect(verzonden.inhoud == "{}")
            #expect(try await w.ronde(nu: nu.addingTimeInterval(86_400)) == 0)
            #expect(b.mails.first?.id == rij.id)
        }
    }

    @Test func naAlleHerhalingenMisluktEnBeheerStuurtOpnieuw() async throws {
        try await metKern { k in
            _ = try await k.meldingen.intake.maak(TerugmeldingCoreTests.melding(), ingediendDoor: nil)
            let b = OpnameBezorgers(fouten: 1 + Herhaalschema.herhalingen)
            let w = bezorging(k, b)
            var nu = k.nu
            for _ in 0...Herhaalschema.herhalingen {
                #expect(try await w.ronde(nu: nu) == 1)
                nu = nu.addingTimeInterval(Herhaalschema.maximumSeconden + 1)
            }
            let rij = try #require(try await UitgaandBericht.query(on: k.db).first())
            #expect(rij.status == .mislukt && rij.pogingen == 8)
            #expect(try await w.ronde(nu: nu) == 0)

            let meldpunt = try await k.nieuweOrganisatie("Meldpunt", oin: "00000099000000001000", rollen: [.meldpunt])
            let beheer = GebruikerDTO(id: UUID(), email: "beheer@meldpunt.test", naam: "Beheer", rol: .beheerder, organisatie: meldpunt)
            let postvak = Postvak(db: k.db, nu: nu)
            let (items, telling) = try await postvak.lijst(status: .mislukt, voor: beheer)
            #expect(telling.mislukt == 1 && items.map(\.id) == [rij.id!])
            // Another organisation's beheer does not see mail to a melder, and cannot resend it.
            let ander = GebruikerDTO(id: UUID(), email: "b@svb.test", naam: "B", rol: .beheerder,
                                     organisatie: try await k.nieuweOrganisatie("SVB", oin: "00000001002220647000", rollen: [.afnemer]))
            #expect(try await postvak.lijst(status: nil, voor: ander).items.isEmpty)
            await #expect(throws: Weigering.nietGevonden(.bericht)) { try await postvak.opnieuw(rij.id!, voor: ander) }

            try await postvak.opnieuw(rij.id!, voor: beheer)
            await #expect(throws: Weigering.conflict(.berichtNietMislukt)) { try await postvak.opnieuw(rij.id!, voor: beheer) }
            #expect(try await w.ronde(nu: nu) == 1)
            #expect(b.mails.count == 1)
            #expect(try await UitgaandBericht.find(rij.id, on: k.db)?.status == .verzonden)
        }
    }

    @Test func gebeurtenissenAlleenAanWieMagLezenGefilterdEnOndertekend() async throws {
        try await metKern { k in
            let svb = try await k.nieuweOrganisatie("SVB", oin: "00000001002220647000", rollen: [.afnemer])
            let derde = try await k.nieuweOrganisatie("UWV", oin: "00000001002220648000", rollen: [.afnemer])
            let amsterdam = try await k.organisatie(gemeentecode: "0363")
            let test = OpnameBezorgers()
            // Each subscription gets a test event first.
            let vanSVB = try await abonneer(k, svb, test, vorm: "cloudevents", kanalen: [AbonnementKanaal(naam: "terugmeldingen")])
            #expect(test.webhooks.count == 1 && vanSVB.geheim != nil)
            _ = try await abonneer(k, amsterdam, test, kanalen: [AbonnementKanaal(naam: "terugmeldingen", filters: ["status": "Afgehandeld"])])
            _ = try await abonneer(k, derde, test, kanalen: [AbonnementKanaal(naam: "terugmeldingen")])

            let gemeld = try await k.coordinatie.terugmeldingen.maak(TerugmeldingCoreTests.terugmelding(), door: svb)
            let webhooks = try await UitgaandBericht.query(on: k.db).filter(\.$soort == .webhook).all()
            // Only SVB's: Amsterdam filtered on Afgehandeld, UWV is no party to it.
            #expect(webhooks.count == 1)

            let b = OpnameBezorgers()
            try await bezorging(k, b).ronde(nu: k.nu)
            let w = try #require(b.webhooks.first)
            #expect(w.auth == "Bearer geheim-van-de-ontvanger" && w.inhoudtype == "application/cloudevents+json")
            #expect(w.url == "http://127.0.0.1:9/ontvang")
            let event = try #require(try JSONSerialization.jsonObject(with: w.body) as? [String: Any])
            #expect(event["specversion"] as? String == "1.0")
            #expect(event["type"] as? String == "nl.overheid.meldpunt.terugmelding-gemeld")
            #expect(event["source"] as? String == "urn:nld:oin:\(Berichtgeving.standaardOIN):systeem:meldpunt")
            #expect(event["id"] as? String == w.id.uuidString.lowercased())
            #expect(event["dataref"] as? String == "https://meldpunt.test/api/v1/terugmeldingen/\(gemeld.terugMeldingReferentie)")
            #expect(!String(decoding: w.body, as: UTF8.self).contains("999993653"))
            // The receiver can check the signature with the secret it was given.
            let geheim = try #require(vanSVB.geheim)
            #expect(w.handtekening == Bezorging.onderteken(id: w.id, tijdstempel: w.tijdstempel, body: w.body, geheim: geheim))
            var anders = w.body
            anders.append(contentsOf: [32])
            #expect(w.handtekening != Bezorging.onderteken(id: w.id, tijdstempel: w.tijdstempel, body: anders, geheim: geheim))

            // Afgehandeld reaches Amsterdam's ZGW subscription as well.
            let id = try #require(UUID(uuidString: gemeld.terugMeldingReferentie))
            let t = k.coordinatie.terugmeldingen
            _ = try await t.wijzigStatus(id, StatuswijzigingInvoer(status: "In behandeling"), door: amsterdam, als: [.bijhouder])
            _ = try await t.wijzigStatus(id, StatuswijzigingInvoer(status: "Afgehandeld", toelichting: "Verbeterd.", uitkomst: "verbeterd"), door: amsterdam, als: [.bijhouder])
            try await bezorging(k, b).ronde(nu: k.nu)
            let zgw = try #require(b.webhooks.compactMap { try? JSONSerialization.jsonObject(with: $0.body) as? [String: Any] }
                .first { ($0["kenmerken"] as? [String: String])?["status"] == "Afgehandeld" && $0["kanaal"] != nil })
            #expect(zgw["kanaal"] as? String == "terugmeldingen" && zgw["resource"] as? String == "terugmelding" && zgw["actie"] as? String == "update")
            #expect(zgw["resourceUrl"] as? String == "https://meldpunt.test/api/v1/terugmeldingen/\(gemeld.terugMeldingReferentie)")
            // The afnemer's contact address heard of every status change.
            let aanAfnemer = try await UitgaandBericht.query(on: k.db).filter(\.$aan == "bas@example.nl").count()
            #expect(aanAfnemer == 2)
        }
    }

    /// Answers the "traag" receiver only once the others have been delivered: if the worker sent one
    /// at a time, with the slow one first, it would give up after five seconds and fail it.
    final class TraagEnSnel: Bezorgers, @unchecked Sendable {
        let snel = Geheugenbezorgers()
        func verstuur(_ mail: UitgaandeMail) async throws { try await snel.verstuur(mail) }
        func verstuur(_ webhook: UitgaandeWebhook) async throws {
            guard webhook.url.hasSuffix("/traag") else { return try await snel.verstuur(webhook) }
            for _ in 0..<500 where snel.webhooks.count < 3 { try await Task.sleep(for: .milliseconds(10)) }
            guard snel.webhooks.count >= 3 else { throw BezorgFout("de andere wachtten op mij") }
        }
    }

    @Test func eenTrageOntvangerHoudtDeAnderenNietOp() async throws {
        try await metKern { k in
            let svb = try await k.nieuweOrganisatie("SVB", oin: "00000001002220647000", rollen: [.afnemer])
            let test = OpnameBezorgers()
            for pad in ["traag", "a", "b", "c"] {
                _ = try await Abonnementen(db: k.db, sleutel: Self.sleutel, bezorgers: test, berichten: k.berichten, alleenPubliek: false, nu: k.nu)
                    .maak(AbonnementInvoer(callbackUrl: "http://127.0.0.1:9/\(pad)", auth: "", kanalen: [AbonnementKanaal(naam: "terugmeldingen")]), door: svb)
            }
            _ = try await k.coordinatie.terugmeldingen.maak(TerugmeldingCoreTests.terugmelding(), door: svb)
            let b = TraagEnSnel()
            #expect(try await bezorging(k, b).ronde(nu: k.nu) == 4)
            #expect(b.snel.webhooks.count == 3)
            #expect(try await UitgaandBericht.query(on: k.db).filter(\.$soort == .webhook).filter(\.$status == .verzonden).count() == 4)
        }
    }

    @Test func abonnementWordtNietBewaardAlsDeTestNietAankomt() async throws {
        try await metKern { k in
            let svb = try await k.nieuweOrganisatie("SVB", oin: "00000001002220647000", rollen: [.afnemer])
            do {
                _ = try await abonneer(k, svb, OpnameBezorgers(fouten: 1), kanalen: [AbonnementKanaal(naam: "terugmeldingen")])
                Issue.record("had moeten weigeren")
            } catch let Weigering.ongeldig(fouten) {
                #expect(fouten.map(\.veld.jsonPad) == ["callbackUrl"])
            }
            do {
                _ = try await Abonnementen(db: k.db, sleutel: Self.sleutel, bezorgers: OpnameBezorgers(), berichten: k.berichten, alleenPubliek: true, nu: k.nu)
                    .maak(AbonnementInvoer(callbackUrl: "https://10.0.0.5/x", auth: nil, kanalen: [AbonnementKanaal(naam: "bestaatniet", filters: ["x": "y"])], vorm: "xml"), door: svb)
                Issue.record("had moeten weigeren")
            } catch let Weigering.ongeldig(fouten) {
                #expect(Set(fouten.map(\.veld.jsonPad)) == ["callbackUrl", "auth", "vorm", "kanalen[0].naam"])
            }
            #expect(try await Abonnement.query(on: k.db).count() == 0)
        }
    }

    /// An afnemer, and Amsterdam with a notification address that reminders go to.
    static func svbEnAmsterdamMetMeldadres(_ k: Kern) async throws -> OrganisatieDTO {
        let svb = try await k.nieuweOrganisatie("SVB", oin: "00000001002220647000", rollen: [.afnemer])
        let amsterdam = try await Organisaties.zoek(oin: nil, gemeentecode: "0363", on: k.db)
        amsterdam.meldingEmail = "terugmeldingen@amsterdam.test"
        try await amsterdam.save(on: k.db)
        return svb
    }

    @Test func herinneringDeWerkdagVoorDeTermijnEenmaalEnNaVerstrijken() async throws {
        try await metKern { k in
            let svb = try await Self.svbEnAmsterdamMetMeldadres(k)
            // Filed Monday 23 November: deadline Monday 30 November.
            _ = try await k.coordinatie.terugmeldingen.maak(TerugmeldingCoreTests.terugmelding(), door: svb)
            func aanAmsterdam() async throws -> [String] {
                try await UitgaandBericht.query(on: k.db).filter(\.$aan == "terugmeldingen@amsterdam.test").sort(\.$aangemaaktOp).all().map(\.onderwerp)
            }
            #expect(try await aanAmsterdam().count == 1)
            let planner = Planner(db: k.db, berichten: k.berichten, kalender: k.kalender)
            let dag: TimeInterval = 86_400
            // Thursday: nothing yet. Friday 27th is the working day before: one reminder, however often it runs.
            try await planner.ronde(nu: k.nu.addingTimeInterval(3 * dag))
            #expect(try await aanAmsterdam().count == 1)
            try await planner.ronde(nu: k.nu.addingTimeInterval(4 * dag))
            try await planner.ronde(nu: k.nu.addingTimeInterval(4 * dag + 600))
            #expect(try await aanAmsterdam().count == 2)
            #expect(try await aanAmsterdam().last?.hasPrefix("Herinnering") == true)
            // Tuesday 1 December: passed, one notice.
            try await planner.ronde(nu: k.nu.addingTimeInterval(8 * dag))
            try await planner.ronde(nu: k.nu.addingTimeInterval(8 * dag + 600))
            #expect(try await aanAmsterdam().count == 3)
            #expect(try await aanAmsterdam().last?.hasPrefix("Termijn verstreken") == true)
        }
    }

    @Test func herinneringenOverMeerderePaginasElkeEenmaalEnNietVoorOpgepakte() async throws {
        try await metKern { k in
            let svb = try await Self.svbEnAmsterdamMetMeldadres(k)
            var ids: [String] = []
            for _ in 0..<7 {
                ids.append(try await k.coordinatie.terugmeldingen.maak(TerugmeldingCoreTests.terugmelding(), door: svb).terugMeldingReferentie)
            }
            // One is taken into handling: it gets no notice.
            let opgepakt = try #require(UUID(uuidString: ids[3]))
            let tm = try #require(try await Terugmelding.find(opgepakt, on: k.db))
            tm.opgepaktOp = Dag(k.nu)
            tm.status = .inBehandeling
            try await tm.save(on: k.db)
            func verstreken() async throws -> Int {
                try await UitgaandBericht.query(on: k.db).filter(\.$aan == "terugmeldingen@amsterdam.test").all()
                    .filter { $0.onderwerp.hasPrefix("Termijn verstreken") }.count
            }
            var planner = Planner(db: k.db, berichten: k.berichten, kalender: k.kalender)
            planner.paginagrootte = 2
            // Tuesday 1 December: all deadlines passed; four pages of two.
            let dinsdag = k.nu.addingTimeInterval(8 * 86_400)
            #expect(try await planner.ronde(nu: dinsdag).herinneringen == 6)
            #expect(try await planner.ronde(nu: dinsdag.addingTimeInterval(600)).herinneringen == 0)
            #expect(try await verstreken() == 6)
            let sleutels = try await VerstuurdeHerinnering.query(on: k.db).all().compactMap(\.id)
            #expect(!sleutels.contains { $0.contains(ids[3]) })
            #expect(Set(sleutels.filter { $0.hasPrefix("terugmelding-verstreken:") }).count == 6)
        }
    }

    @Test func leaseBijEenInstantieTegelijk() async throws {
        try await metKern { k in
            let p = Planner(db: k.db, berichten: k.berichten, kalender: k.kalender)
            func neem(_ houder: String, na seconden: TimeInterval) async throws -> Bool {
                try await p.neemLease("planner", houder: houder, duur: 60, nu: k.nu.addingTimeInterval(seconden))
            }
            let eerst = try await neem("a", na: 0), ander = try await neem("b", na: 30), verlengd = try await neem("a", na: 30)
            #expect(eerst && !ander && verlengd)
            // Once a's lease has run out (a died), b takes over.
            let overgenomen = try await neem("b", na: 200), terug = try await neem("a", na: 210)
            #expect(overgenomen && !terug)
        }
    }

    @Test func ochtendsamenvattingVoorWieDatKiest() async throws {
        try await metKern { k in
            let svb = try await k.nieuweOrganisatie("SVB", oin: "00000001002220647000", rollen: [.afnemer])
            let amsterdam = try await Organisaties.zoek(oin: nil, gemeentecode: "0363", on: k.db)
            amsterdam.meldingEmail = "terugmeldingen@amsterdam.test"
            amsterdam.meldingBezorging = .dagelijks
            try await amsterdam.save(on: k.db)
            for bsn in ["999993653", "999990019"] {
                _ = try await k.coordinatie.terugmeldingen.maak(TerugmeldingCoreTests.terugmelding(bsn: bsn), door: svb)
            }
            let gebundeld = try await UitgaandBericht.query(on: k.db).filter(\.$status == .gebundeld).all()
            #expect(gebundeld.count == 2)
            let b = OpnameBezorgers()
            try await bezorging(k, b).ronde(nu: k.nu)
            #expect(b.mails.filter { $0.aan == "terugmeldingen@amsterdam.test" }.isEmpty)

            let planner = Planner(db: k.db, berichten: k.berichten, kalender: k.kalender)
            // Tuesday 06:00 UTC is 07:00 in Amsterdam: the summary goes, once.
            let dinsdag = ISO8601DateFormatter().date(from: "2026-11-24T06:00:00Z")!
            #expect(try await planner.ronde(nu: dinsdag).samenvattingen == 1)
            #expect(try await planner.ronde(nu: dinsdag.addingTimeInterval(60)).samenvattingen == 0)
            try await bezorging(k, b).ronde(nu: dinsdag)
            let samenvatting = try #require(b.mails.first { $0.aan == "terugmeldingen@amsterdam.test" })
            #expect(samenvatting.inhoud.onderwerp.contains("2 bericht"))
            #expect(samenvatting.inhoud.afmelden == "https://meldpunt.test/instellingen")
            #expect(try await UitgaandBericht.query(on: k.db).filter(\.$status == .samengevat).count() == 2)
        }
    }

    @Test func toestemmingIntrekkenWistDeMailsVanDeMelding() async throws {
        try await metKern { k in
            let ontvangen = try await k.meldingen.intake.maak(TerugmeldingCoreTests.melding(), ingediendDoor: nil)
            #expect(try await UitgaandBericht.query(on: k.db).filter(\.$aan == "s.moulin@example.nl").count() == 1)
            try await k.coordinatie.trekToestemmingIn(token: String(ontvangen.statuspagina.dropFirst("/status/".count)))
            #expect(try await UitgaandBericht.query(on: k.db).filter(\.$aan == "s.moulin@example.nl").count() == 0)
            // Withdrawn before analysis and contact: counted as closed without them, as withdrawn.
            let m = try #require(try await Melding.query(on: k.db).filter(\.$zaaknummer == ontvangen.zaaknummer.description).first())
            #expect(m.uitkomst == .ingetrokken && m.afsluitgrond == .ingetrokken)
        }
    }
}
