import FluentKit
import Foundation
import MeldpuntCore
import MeldpuntDomain
import Testing

/// The terugmeld and case engines as use cases: real database, no HTTP, typed refusals.
@Suite("Kern: terugmelden, behandelen en coördineren zonder HTTP")
struct TerugmeldingCoreTests {
    static func terugmelding(gemeente: String = "0363", bsn: String = "999993653") -> TerugmeldingInvoer {
        let json = """
        {"terugMeldingHeader":{"registratie":{"naam":"Basisregistratie Personen","code":"BRP","basisRegistratieCode":"BRP"},
          "melder":{"naam":"Bas Kooij","email":"bas@example.nl"},"datumMelding":"2026-11-23","gemeentecode":"\(gemeente)",
          "toelichting":"Volgens het huurcontract woont de persoon op nummer 21."},
         "terugMeldingBody":{"objectIdentificatie":[{"objectType":"persoon","attribuutUrn":"urn:brp:persoon:bsn","idWaarde":"\(bsn)"}],
          "terugMeldingGegevens":[{"attribuutUrn":"urn:brp:persoon:binnenlands-adres-ingezetene:huisnummer","betwijfeldeWaarde":"23","voorgesteldeWaarde":"21"}]}}
        """
        return try! JSONDecoder().decode(TerugmeldingInvoer.self, from: Data(json.utf8))
    }

    static func melding() -> MeldingInvoer {
        let json = """
        {"melderType":"burger","melder":{"naam":"Suzanne Moulin","email":"s.moulin@example.nl","bsn":"999993653"},
         "organisatieAlBenaderd":true,"bezwaarOfBeroepLoopt":false,"registraties":["BRP"],"betrokkenOrganisaties":["Gemeente Amsterdam"],
         "watIsFout":"Ik sta op een oud adres.","voorkeurKanaal":"email","toestemming":{"gegeven":true,"tekstVersie":"\(Toestemmingstekst.versie)"}}
        """
        return try! JSONDecoder().decode(MeldingInvoer.self, from: Data(json.utf8))
    }

    @Test func terugmeldingGaatNaarDeBronhouderEnDoorHetStatusmodel() async throws {
        try await metKern { k in
            let svb = try await k.nieuweOrganisatie("SVB", oin: "00000001002220647000", rollen: [.afnemer])
            let amsterdam = try await k.organisatie(gemeentecode: "0363")
            let rotterdam = try await k.organisatie(gemeentecode: "0599")
            let t = k.coordinatie.terugmeldingen

            let gemeld = try await t.maak(Self.terugmelding(), door: svb)
            let id = try #require(UUID(uuidString: gemeld.terugMeldingReferentie))
            #expect(gemeld.status == .gemeld)
            let inbox = try await t.lijst(.init(richting: .ontvangen), voor: amsterdam)
            #expect(inbox.totaal == 1 && inbox.items.first?.terugMeldingReferentie == gemeld.terugMeldingReferentie)
            #expect(try await t.lijst(.init(richting: .ontvangen), voor: rotterdam).totaal == 0)

            // Another gemeente does not know it exists; the afnemer may not take it up.
            await #expect(throws: Weigering.nietGevonden(.terugmelding)) {
                _ = try await t.detail(id, voor: rotterdam, als: [.bijhouder])
            }
            await #expect(throws: Weigering.geenToegang(.alleenBijhouder(.inBehandeling))) {
                _ = try await t.wijzigStatus(id, .init(status: "In behandeling"), door: svb, als: [.afnemer])
            }
            _ = try await t.wijzigStatus(id, .init(status: "In behandeling"), door: amsterdam, als: [.bijhouder])
            _ = try await t.wijzigStatus(id, .init(status: "Afgehandeld", toelichting: "Huisnummer gecorrigeerd.", uitkomst: "verbeterd"),
                                         door: amsterdam, als: [.bijhouder])
            await #expect(throws: Weigering.conflict(.terugmeldingOvergang(van: .afgehandeld, naar: .inBehandeling))) {
                _ = try await t.wijzigStatus(id, .init(status: "In behandeling"), door: amsterdam, als: [.bijhouder])
            }
            #expect(try await t.detail(id, voor: svb, als: [.afnemer]).status == .afgehandeld)
        }
    }

    @Test func ongeldigeInvoerGeeftAlleVeldenTegelijk() async throws {
        try await metKern { k in
            let svb = try await k.nieuweOrganisatie("SVB", oin: "00000001002220647000", rollen: [.afnemer])
            do {
                _ = try await k.coordinatie.terugmeldingen.maak(Self.terugmelding(gemeente: "12", bsn: "123456789"), door: svb)
                Issue.record("had moeten weigeren")
            } catch let Weigering.ongeldig(fouten) {
                #expect(Set(fouten.map(\.code)) == ["gemeentecodeFormaat", "bsnElfproef"])
                #expect(fouten.allSatisfy { $0.reasonEn != nil })
            }
            #expect(try await Terugmelding.query(on: k.db).count() == 0)
        }
    }

    /// A terugmelding filed from a case moves the case's correctie request through the callback.
    @Test func gekoppeldVerzoekVolgtDeTerugmelding() async throws {
        try await metKern { k in
            let meldpunt = try await k.nieuweOrganisatie("Meldpunt", oin: "00000099000000001000", rollen: [.meldpunt])
            let amsterdam = try await k.organisatie(gemeentecode: "0363")
            let door = Handelende(organisatie: meldpunt)
            let ontvangen = try await k.meldingen.intake.maak(Self.melding(), ingediendDoor: nil)

            await #expect(throws: Weigering.nietGevonden(.melding)) {
                _ = try await k.coordinatie.terugmeldingVanuitMelding("MFO-2026-999999".zaak, Self.terugmelding(), vraag: nil, gedeeld: [], door: door)
            }
            let verzoek = try await k.coordinatie.terugmeldingVanuitMelding(ontvangen.zaaknummer, Self.terugmelding(), vraag: nil, gedeeld: [], door: door)
            #expect(verzoek.status == .verzonden)
            let id = try #require(verzoek.terugmelding.flatMap { UUID(uuidString: $0.id) })

            let later = k.later(3600)
            _ = try await later.coordinatie.terugmeldingen.wijzigStatus(id, .init(status: "In behandeling"), door: amsterdam, als: [.bijhouder])
            #expect(try await Verzoek.query(on: k.db).first()?.status == .geaccepteerd)
            _ = try await later.coordinatie.terugmeldingen.wijzigStatus(id, .init(status: "Afgehandeld", toelichting: "Gecorrigeerd.", uitkomst: "verbeterd"),
                                                                       door: amsterdam, als: [.bijhouder])
            #expect(try await Verzoek.query(on: k.db).first()?.status == .uitgevoerd)
            let tijdlijn = try await MeldingGebeurtenis.query(on: k.db).sort(\.$volgnummer).all().map(\.soort)
            #expect(tijdlijn.contains(.verzoekVerzonden) && tijdlijn.contains(.verzoekGeaccepteerd) && tijdlijn.contains(.verzoekUitgevoerd))
            #expect(tijdlijn.filter { $0 == .verzoekTerugmeldingStatus }.count == 2)
        }
    }
    /// Consent withdrawn on a case with a terugmelding filed from it: the terugmeld engine itself
    /// withdraws and erases it, so the folder counts move with it (they drifted when the case
    /// engine wrote those tables) and the bronhouder's systems hear of the withdrawal.
    @Test func toestemmingIntrekkenHoudtDeMappenTellingenKloppend() async throws {
        try await metKern { k in
            let meldpunt = try await k.nieuweOrganisatie("Meldpunt", oin: "00000099000000001000", rollen: [.meldpunt])
            let amsterdam = try await k.organisatie(gemeentecode: "0363")
            let ontvangen = try await k.meldingen.intake.maak(Self.melding(), ingediendDoor: nil)
            let verzoek = try await k.coordinatie.terugmeldingVanuitMelding(ontvangen.zaaknummer, Self.terugmelding(), vraag: nil, gedeeld: [],
                                                                           door: Handelende(organisatie: meldpunt))
            let id = try #require(verzoek.terugmelding.flatMap { UUID(uuidString: $0.id) })
            #expect(try await Terugmeldingtellingen.aantal(amsterdam.id, .ontvangen, statussen: [.gemeld], on: k.db) == 1)

            try await k.later(60).coordinatie.trekToestemmingIn(token: String(ontvangen.statuspagina.dropFirst("/status/".count)))

            let tm = try #require(try await Terugmelding.find(id, on: k.db))
            #expect(tm.status == .ingetrokken && tm.bsn == nil && tm.adres == nil)
            for (org, richting) in [(amsterdam, TerugmeldingService.Richting.ontvangen), (meldpunt, .verzonden)] {
                for status in TerugmeldingStatus.allCases {
                    var q = Terugmelding.query(on: k.db).filter(\.$status == status)
                    q = richting == .ontvangen ? q.filter(\.$bijhouder.$id == org.id) : q.filter(\.$afnemer.$id == org.id)
                    #expect(try await Terugmeldingtellingen.aantal(org.id, richting, statussen: [status], on: k.db) == (try await q.count()),
                            "\(org.naam) \(richting) \(status)")
                }
            }
            #expect(try await Terugmeldingtellingen.aantal(amsterdam.id, .ontvangen, statussen: [.ingetrokken], on: k.db) == 1)
            // The withdrawal is a status change like any other: in the history and in the processing log.
            let stappen = try await Statuswijziging.query(on: k.db).filter(\.$terugmelding.$id == id).sort(\.$volgnummer).all()
            #expect(stappen.map(\.status) == [.gemeld, .ingetrokken])
            #expect(try await Verwerkingslogregel.query(on: k.db).filter(\.$actie == Verwerkingsactie.statuswijziging.rawValue)
                .filter(\.$terugmeldingID == id).count() == 1)
        }
    }
    /// One length rule in every layer: the status change's explanation counts code points, as
    /// the domain and the OpenAPI document do. "é" written as e + accent is one Character and
    /// two code points: the API document refuses such a text at the limit, so the engine must too.
    @Test func toelichtingTeltCodepuntenZoalsHetAPIDocument() async throws {
        try await metKern { k in
            let svb = try await k.nieuweOrganisatie("SVB", oin: "00000001002220647000", rollen: [.afnemer])
            let amsterdam = try await k.organisatie(gemeentecode: "0363")
            let t = k.coordinatie.terugmeldingen
            let id = UUID(uuidString: try await t.maak(Self.terugmelding(), door: svb).terugMeldingReferentie)!
            _ = try await t.wijzigStatus(id, .init(status: "In behandeling"), door: amsterdam, als: [.bijhouder])
            let max = TerugmeldingLimieten.maxToelichting
            let samengesteld = String(repeating: "e\u{301}", count: max / 2 + 1)
            #expect(samengesteld.count <= max && samengesteld.schemaLengte > max)
            do {
                _ = try await t.wijzigStatus(id, .init(status: "Afgehandeld", toelichting: samengesteld, uitkomst: "verbeterd"), door: amsterdam, als: [.bijhouder])
                Issue.record("a text over the limit in code points was accepted")
            } catch let Weigering.ongeldig(fouten) {
                #expect(fouten.map(\.veld.jsonPad) == ["toelichting"] && fouten.map(\.code) == ["maxLength"])
            }
            let precies = String(repeating: "e\u{301}", count: max / 2)
            #expect(precies.schemaLengte == max)
            let af = try await t.wijzigStatus(id, .init(status: "Afgehandeld", toelichting: precies, uitkomst: "verbeterd"), door: amsterdam, als: [.bijhouder])
            #expect(af.status == .afgehandeld)
        }
    }
}
