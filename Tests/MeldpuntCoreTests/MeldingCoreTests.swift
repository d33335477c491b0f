import FluentKit
import Foundation
import MeldpuntCore
import MeldpuntDomain
import Testing

/// The case engine as use cases: intake, the handling steps, and who may do what.
@Suite("Kern: een melding van ontvangst tot sluiten")
struct MeldingCoreTests {
    @Test func ontvangenMetZaaknummerEnContactnorm() async throws {
        try await metKern { k in
            let ontvangen = try await k.meldingen.intake.maak(TerugmeldingCoreTests.melding(), ingediendDoor: nil)
            #expect(ontvangen.zaaknummer.description == "MFO-2026-000001")
            // Monday 23 November plus three working days.
            #expect(ontvangen.eersteContactUiterlijk == Dag("2026-11-26"))
            #expect(ontvangen.statuspagina.hasPrefix("/status/"))
            let tweede = try await k.meldingen.intake.maak(TerugmeldingCoreTests.melding(), ingediendDoor: nil)
            #expect(tweede.zaaknummer.description == "MFO-2026-000002")
            // The melder's data is stored apart from the case, and the intake is in the log.
            #expect(try await MeldingPersoonsgegevens.query(on: k.db).count() == 2)
            #expect(try await Verwerkingslogregel.query(on: k.db).count() >= 2)
        }
    }

    @Test func onvolledigeMeldingWordtNietVastgelegd() async throws {
        try await metKern { k in
            var leeg = MeldingInvoer()
            leeg.bezwaarOfBeroepLoopt = false
            do {
                _ = try await k.meldingen.intake.maak(leeg, ingediendDoor: nil)
                Issue.record("had moeten weigeren")
            } catch let Weigering.ongeldig(fouten) {
                #expect(Set(fouten.map(\.veld.jsonPad)).isSuperset(of: ["melderType", "watIsFout", "toestemming.gegeven"]))
            }
            var bezwaar = TerugmeldingCoreTests.melding()
            bezwaar.bezwaarOfBeroepLoopt = true
            await #expect(throws: Weigering.self) { _ = try await k.meldingen.intake.maak(bezwaar, ingediendDoor: nil) }
            #expect(try await Melding.query(on: k.db).count() == 0)
        }
    }

    @Test func behandelstappenAlleenDoorHetMeldpuntEnNietNaSluiten() async throws {
        try await metKern { k in
            let meldpunt = Handelende(organisatie: try await k.nieuweOrganisatie("Meldpunt", oin: "00000099000000001000", rollen: [.meldpunt]))
            let afnemer = Handelende(organisatie: try await k.nieuweOrganisatie("SVB", oin: "00000001002220647000", rollen: [.afnemer]))
            let z = try await k.meldingen.intake.maak(TerugmeldingCoreTests.melding(), ingediendDoor: nil).zaaknummer

            await #expect(throws: Weigering.geenToegang(.rolOntbreekt(.meldpunt))) { _ = try await k.meldingen.overzicht.detail(z, door: afnemer) }
            await #expect(throws: Weigering.conflict(.meldingOvergang(.ontbreekt(.eersteContact)))) {
                _ = try await k.meldingen.behandeling.kiesRol(z, RolkeuzeInvoer(rol: "begeleidend"), door: meldpunt)
            }
            var d = try await k.meldingen.behandeling.legContactVast(z, ContactInvoer(datum: "2026-11-23", kanaal: "telefoon", samenvatting: "Gebeld."), door: meldpunt)
            #expect(d.status == .intake)
            d = try await k.meldingen.behandeling.legAnalyseVast(z, AnalyseInvoer(oorsprongOrganisatie: "Gemeente Amsterdam", oorsprongRegistratie: "BRP",
                                                                     geraakteOrganisaties: ["Belastingdienst"], complexiteit: "laag"), door: meldpunt)
            #expect(d.status == .analyse)
            d = try await k.meldingen.behandeling.wijzigStatus(z, MeldingStatuswijzigingInvoer(status: "gesloten", uitkomst: "opgelost",
                                                                                   samenvatting: "Uw adres is verbeterd."), door: meldpunt)
            #expect(d.status == .gesloten)
            await #expect(throws: Weigering.conflict(.meldingGesloten)) {
                _ = try await k.meldingen.behandeling.zetVolgendeStap(z, VolgendeStapInvoer(tekst: "Nog iets doen.", datum: "2026-12-30"), door: meldpunt)
            }
            // A message to the melder still goes (the melder can answer after closing).
            _ = try await k.meldingen.behandeling.schrijf(z, tekst: "Nog iets.", aanMelder: true, door: meldpunt)
            await #expect(throws: Weigering.nietGevonden(.melding)) { _ = try await k.meldingen.overzicht.detail("MFO-2026-999999".zaak, door: meldpunt) }
        }
    }

    /// Every melding analysed and its melder contacted, or a fixed ground: attempts that did not
    /// reach the melder are recorded (no contact, the case stays where it is) and, from two on,
    /// allow closing as unreachable; the ground is on the case, its timeline and in the figures.
    @Test func sluitenZonderAnalyseOfContactAlleenMetEenVasteReden() async throws {
        try await metKern { k in
            let meldpunt = Handelende(organisatie: try await k.nieuweOrganisatie("Meldpunt", oin: "00000099000000001000", rollen: [.meldpunt]))
            let z = try await k.meldingen.intake.maak(TerugmeldingCoreTests.melding(), ingediendDoor: nil).zaaknummer
            let sluit = MeldingStatuswijzigingInvoer(status: "gesloten", uitkomst: "nietOpgelost", samenvatting: "We konden u niet bereiken.")
            func weigering(_ v: MeldingStatuswijzigingInvoer) async -> [String] {
                do { _ = try await k.meldingen.behandeling.wijzigStatus(z, v, door: meldpunt); return [] } catch { return (error as? Weigering)?.velden?.map(\.code) ?? ["\(error)"] }
            }
            #expect(await weigering(sluit) == ["required"])
            // Every problem in one round: the fields and the duty of care together.
            #expect(await weigering(MeldingStatuswijzigingInvoer(status: "gesloten", uitkomst: "opgelost")) == ["required", "required"])
            var metGrond = sluit
            metGrond.afsluitgrond = "melderOnbereikbaar"
            #expect(await weigering(metGrond) == ["tePogingen"])

            for dag in ["2026-11-23", "2026-11-23"] {
                let d = try await k.meldingen.behandeling.legContactVast(z, ContactInvoer(datum: dag, kanaal: "telefoon", samenvatting: "Niet opgenomen.", bereikt: false),
                                                                        door: meldpunt)
                #expect(d.status == .ontvangen && d.eersteContactOp == nil)
                #expect(d.tijdlijn.last?.soort == .contactpoging)
            }
            var opgelost = metGrond
            opgelost.uitkomst = "opgelost"
            #expect(await weigering(opgelost) == ["nietZonderAnalyse"])
            let d = try await k.meldingen.behandeling.wijzigStatus(z, metGrond, door: meldpunt)
            #expect(d.status == .gesloten && d.afsluitgrond == .melderOnbereikbaar)
            #expect(d.tijdlijn.last { $0.soort == .gesloten }?.gegevens?.afsluitgrond == .melderOnbereikbaar)

            await #expect(throws: Weigering.conflict(.meldingGesloten)) {
                _ = try await k.meldingen.behandeling.legContactVast(z, ContactInvoer(datum: "2026-11-23", kanaal: "telefoon", samenvatting: "Nog eens.", bereikt: false), door: meldpunt)
            }
            let cijfers = try await Cijferboek(db: k.db, vandaag: Dag(k.nu)).meldpunt(Periode(van: Dag("2026-01-01")!, tot: Dag("2026-12-31")!), door: meldpunt)
            let tabel = try #require(cijfers.tabellen.first { $0.id == "zonderAnalyseOfContact" })
            #expect(tabel.rijen.first { $0.sleutel == "melderOnbereikbaar" }?.waarde == 1)
        }
    }

    /// Correct data, wrong interpretation: the melder's choice is kept (also after erasure), the
    /// analysis takes it unless staff find otherwise, the outcome fits the finding, the figures
    /// count both, and the detector files the case under the interpretation keys.
    @Test func juistGegevenVerkeerdUitgelegd() async throws {
        try await metKern { k in
            let meldpunt = Handelende(organisatie: try await k.nieuweOrganisatie("Meldpunt", oin: "00000099000000001000", rollen: [.meldpunt]))
            var invoer = TerugmeldingCoreTests.melding()
            invoer.probleemsoort = "onjuisteInterpretatie"
            invoer.watIsFout = "Mijn adres klopt, maar de gemeente denkt dat ik er niet woon."
            let z = try await k.meldingen.intake.maak(invoer, ingediendDoor: nil).zaaknummer
            let gewoon = try await k.meldingen.intake.maak(TerugmeldingCoreTests.melding(), ingediendDoor: nil).zaaknummer
            #expect(try await k.meldingen.overzicht.detail(z, door: meldpunt).probleemsoort == .onjuisteInterpretatie)
            #expect(try await k.meldingen.overzicht.detail(gewoon, door: meldpunt).probleemsoort == .onjuistGegeven)

            _ = try await k.meldingen.behandeling.legContactVast(z, ContactInvoer(datum: "2026-11-23", kanaal: "telefoon", samenvatting: "Gebeld."), door: meldpunt)
            let analyse = AnalyseInvoer(oorsprongOrganisatie: "Gemeente Amsterdam", oorsprongRegistratie: "BRP", complexiteit: "laag")
            var d = try await k.meldingen.behandeling.legAnalyseVast(z, analyse, door: meldpunt)
            #expect(d.analyse?.bevinding == .onjuisteInterpretatie)
            #expect(d.tijdlijn.last { $0.soort == .analyse }?.gegevens?.bevinding == .onjuisteInterpretatie)
            let sluit = MeldingStatuswijzigingInvoer(status: "gesloten", uitkomst: "interpretatieHersteld", samenvatting: "De gemeente leest uw adres nu goed.")

            // Staff found a wrong data item after all: the outcome no longer fits.
            var anders = analyse
            anders.bevinding = "onjuistGegeven"
            _ = try await k.meldingen.behandeling.legAnalyseVast(z, anders, door: meldpunt)
            do { _ = try await k.meldingen.behandeling.wijzigStatus(z, sluit, door: meldpunt); Issue.record("gesloten") } catch {
                #expect((error as? Weigering)?.velden?.map(\.code) == ["pastNietBijBevinding"])
            }
            _ = try await k.meldingen.behandeling.legAnalyseVast(z, analyse, door: meldpunt)
            #expect(try await k.meldingen.overzicht.detail(z, door: meldpunt).analyse?.bevinding == .onjuisteInterpretatie)
            d = try await k.meldingen.behandeling.wijzigStatus(z, sluit, door: meldpunt)
            #expect(d.status == .gesloten && d.uitkomst == .interpretatieHersteld && d.afsluitgrond == nil)

            let cijfers = try await Cijferboek(db: k.db, vandaag: Dag(k.nu)).meldpunt(Periode(van: Dag("2026-01-01")!, tot: Dag("2026-12-31")!), door: meldpunt)
            let gemeld = try #require(cijfers.tabellen.first { $0.id == "perProbleemsoort" })
            #expect(gemeld.rijen.map(\.waarde) == [1, 1])
            let gevonden = try #require(cijfers.tabellen.first { $0.id == "perBevinding" })
            #expect(gevonden.rijen.first { $0.sleutel == "onjuisteInterpretatie" }?.waarde == 1 && gevonden.rijen.first { $0.sleutel == "onjuistGegeven" }?.waarde == 0)
            #expect(cijfers.tabellen.first { $0.id == "perUitkomst" }?.rijen.first { $0.sleutel == "interpretatieHersteld" }?.waarde == 1)

            let id = try #require(try await Melding.query(on: k.db).filter(\.$zaaknummer == z.description).first()?.id)
            let kenmerken = try #require(try await Patroonherkenning(db: k.db).kenmerken(melding: id))
            #expect(kenmerken.interpretatie && kenmerken.sleutels.contains { $0.delen.contains(.interpretatie) })
        }
    }

    /// Cases from before consequences were followed get theirs from what their melder sent; consent
    /// withdrawal erases what staff wrote about their repair and keeps kind and state.
    @Test func gevolgenVanOudeMeldingenEnWissen() async throws {
        try await metKern { k in
            let meldpunt = Handelende(organisatie: try await k.nieuweOrganisatie("Meldpunt", oin: "00000099000000001000", rollen: [.meldpunt]))
            var invoer = TerugmeldingCoreTests.melding()
            invoer.gevolgen = [.init(soort: "boete", organisatie: "CJIB"), .init(soort: "incasso")]
            let ontvangen = try await k.meldingen.intake.maak(invoer, ingediendDoor: nil)
            #expect(try await MeldingGevolg.query(on: k.db).sort(\.$nummer).all().map(\.nummer) == [1, 2])
            // A case closed before consequences were followed gets none: its melder must not read "still to be repaired".
            let afgerond = try await k.meldingen.intake.maak(invoer, ingediendDoor: nil).zaaknummer
            try await Melding.query(on: k.db).filter(\.$zaaknummer == afgerond.description).set(\.$status, to: .gesloten).update()
            try await CreateMeldingGevolgen().revert(on: k.db)
            try await CreateMeldingGevolgen().prepare(on: k.db)
            // The column a later migration (29) adds to the table 27 makes.
            try await k.db.schema(MeldingGevolg.schema).field("uiterlijk", .string).update()
            let opnieuw = try await MeldingGevolg.query(on: k.db).sort(\.$nummer).all()
            #expect(opnieuw.map(\.soort) == [.boete, .incasso] && opnieuw.first?.organisatie == "CJIB" && opnieuw.allSatisfy { $0.status == .teHerstellen })

            _ = try await k.meldingen.behandeling.zetGevolgherstel(ontvangen.zaaknummer, nummer: 1,
                GevolgherstelInvoer(status: "nietHerstelbaar", door: "CJIB", toelichting: "Mevrouw Moulin heeft al betaald."), door: meldpunt)
            let token = String(ontvangen.statuspagina.split(separator: "/").last ?? "")
            try await k.coordinatie.trekToestemmingIn(token: token)
            let na = try #require(try await MeldingGevolg.query(on: k.db).filter(\.$nummer == 1).first())
            #expect(na.toelichting == nil && na.door == nil && na.organisatie == nil && na.status == .nietHerstelbaar && na.soort == .boete)
            let stap = try #require(try await MeldingGebeurtenis.query(on: k.db).filter(\.$soort == .gevolgherstel).first())
            #expect(try stap.gegevensWaarde()?.organisatie == nil && stap.tekst == nil && stap.gegevensWaarde()?.herstel == .nietHerstelbaar)
            // Nothing new is written about an erased case's consequences.
            await #expect(throws: Weigering.conflict(.meldingGesloten)) {
                _ = try await k.meldingen.behandeling.zetGevolgherstel(ontvangen.zaaknummer, nummer: 2, GevolgherstelInvoer(status: "gevraagd", door: "CJIB"), door: meldpunt)
            }
        }
    }

    /// A stored payload that no longer decodes is an error naming its row, never an empty field:
    /// the case page would otherwise show a melding without its description as if it had none.
    @Test func eenOnleesbareRijIsEenFoutMetHaarID() async throws {
        try await metKern { k in
            let meldpunt = try await k.nieuweOrganisatie("Meldpunt", oin: "00000099000000001000", rollen: [.meldpunt])
            let ontvangen = try await k.meldingen.intake.maak(TerugmeldingCoreTests.melding(), ingediendDoor: nil)
            let m = try #require(try await Melding.query(on: k.db).filter(\.$zaaknummer == ontvangen.zaaknummer.description).first())
            let id = try m.requireID()
            try await MeldingPersoonsgegevens.query(on: k.db).filter(\.$id == id).set(\.$inhoud, to: #"{"watIsFout": 999993653}"#).update()
            do {
                _ = try await k.meldingen.overzicht.detail(ontvangen.zaaknummer, door: Handelende(organisatie: meldpunt))
                Issue.record("an unreadable row was read as empty")
            } catch let fout as OnleesbareRij {
                #expect(fout.tabel == MeldingPersoonsgegevens.schema && fout.id == "\(id)" && fout.kolom == "inhoud")
                #expect(fout.description.contains(id.uuidString) && !fout.description.contains("999993653"))
            }
        }
    }
}
