import Foundation
import Testing
@testable import MeldpuntDomain

/// Correct data, wrong interpretation (the notitie): at intake, as the analysis' finding, as an
/// outcome, and as a pattern of its own.
@Suite("Juist gegeven, verkeerd uitgelegd")
struct InterpretatieTests {
    func melding(_ soort: String?, watIsFout: String? = nil) -> MeldingInvoer {
        var v = MeldingInvoer()
        v.melderType = "burger"
        v.melder = .init(naam: "S. Moulin", email: "s@example.nl")
        v.organisatieAlBenaderd = true
        v.bezwaarOfBeroepLoopt = false
        v.registraties = ["BRP"]
        v.betrokkenOrganisaties = ["Gemeente Utrecht"]
        v.probleemsoort = soort
        v.watIsFout = watIsFout
        v.toestemming = .init(gegeven: true, tekstVersie: Toestemmingstekst.versie)
        return v
    }

    @Test func deMelderKiestBijDeIntakeEnDeVraagPastZich() throws {
        let vandaag = Dag("2026-12-07")!
        #expect(try valideerMelding(melding(nil, watIsFout: "Mijn adres is fout."), vandaag: vandaag).isEmpty)
        #expect(try valideerMelding(melding("onjuisteInterpretatie", watIsFout: "De gemeente denkt dat ik er niet woon."), vandaag: vandaag).isEmpty)
        let fout = try valideerMelding(melding("verkeerd", watIsFout: "x"), vandaag: vandaag)
        #expect(fout.map(\.veld.jsonPad) == ["probleemsoort"] && fout.map(\.code) == ["enum"])
        // Without a description: the message asks what the melder chose to tell.
        let leeg = try valideerMelding(melding("onjuisteInterpretatie"), vandaag: vandaag)
        #expect(leeg.first { $0.veld.jsonPad == "watIsFout" }?.reden(.nl).contains("verkeerd gebruikt") == true)
        let gewoon = try valideerMelding(melding(nil), vandaag: vandaag)
        #expect(gewoon.first { $0.veld.jsonPad == "watIsFout" }?.reden(.nl) == "Beschrijf welk gegeven niet klopt.")
    }

    @Test func deAnalyseNeemtDeKeuzeVanDeMelderOverTenzijZijAndersVindt() throws {
        let basis = AnalyseInvoer(oorsprongOrganisatie: "Gemeente Utrecht", oorsprongRegistratie: "brp", complexiteit: "laag")
        #expect(try valideerAnalyse(basis).analyse.bevinding == .onjuistGegeven)
        #expect(try valideerAnalyse(basis, gemeld: .onjuisteInterpretatie).analyse.bevinding == .onjuisteInterpretatie)
        var anders = basis
        anders.bevinding = "onjuistGegeven"
        #expect(try valideerAnalyse(anders, gemeld: .onjuisteInterpretatie).analyse.bevinding == .onjuistGegeven)
        anders.bevinding = "weetniet"
        #expect(throws: ValidatieFouten.self) { try valideerAnalyse(anders) }
        do { _ = try valideerAnalyse(anders) } catch { #expect(error.fouten.map(\.veld.jsonPad) == ["bevinding"]) }
    }

    @Test func eenOudeAnalyseZonderBevindingGingOverEenOnjuistGegeven() throws {
        let oud = #"{"oorsprongOrganisatie":"RDW","oorsprongRegistratie":"BRV","geraakteOrganisaties":[],"geraakteRegistraties":[],"complexiteit":"laag"}"#
        #expect(try JSONDecoder().decode(Analyse.self, from: Data(oud.utf8)).bevinding == .onjuistGegeven)
        let nieuw = Analyse(oorsprongOrganisatie: "RDW", oorsprongRegistratie: "BRV", complexiteit: .laag, bevinding: .onjuisteInterpretatie)
        #expect(try JSONDecoder().decode(Analyse.self, from: JSONEncoder().encode(nieuw)) == nieuw)
    }

    @Test func deUitkomstVerkeerdeUitlegHerstelldHoortBijDieBevinding() throws {
        let v = SluitingInvoer(uitkomst: "interpretatieHersteld", samenvatting: "De gemeente leest uw adres nu goed.")
        #expect(try valideerSluiting(v, bevinding: .onjuisteInterpretatie).uitkomst == .interpretatieHersteld)
        for bevinding in [Probleemsoort.onjuistGegeven, nil] {
            do { _ = try valideerSluiting(v, bevinding: bevinding); Issue.record("zonder de bevinding gesloten") } catch {
                #expect(error.fouten.map(\.code) == ["pastNietBijBevinding"])
            }
        }
        #expect(MeldingUitkomst.interpretatieHersteld.isOpgelost)
        // Never without analysis and contact, like every solved outcome.
        #expect(throws: ValidatieFouten.self) {
            try controleerZorgBijSluiten(uitkomst: .interpretatieHersteld, geanalyseerd: false, gecontacteerd: false, pogingen: 3, grond: "melderOnbereikbaar")
        }
    }

    @Test func verkeerdeUitlegVormtEenEigenPatroon() {
        var k = Zaakkenmerken(bron: .melding, dag: Dag("2026-12-07")!, registraties: ["BRP"], herkomst: "Gemeente Utrecht")
        #expect(!k.sleutels.contains { $0.delen.contains(.interpretatie) })
        k.interpretatie = true
        let sleutels = k.sleutels.filter { $0.delen.contains(.interpretatie) }
        #expect(sleutels.map(\.tekst).sorted() == ["r=brp|h=gemeente utrecht|i=onjuist", "r=brp|i=onjuist"])
        #expect(sleutels.first?.uitleg(.nl).contains("juist gegeven, verkeerd uitgelegd") == true)
    }
}

/// Each consequence the melder named is followed until repaired or not repairable (point 9).
@Suite("Gevolgen: herstel tot het eind")
struct GevolgherstelTests {
    @Test func deStappenVanHetHerstel() {
        #expect(HerstelStatus.teHerstellen.volgende == [.gevraagd, .hersteld, .nietHerstelbaar])
        #expect(HerstelStatus.hersteld.volgende.isEmpty && HerstelStatus.nietHerstelbaar.volgende == [.gevraagd])
        #expect(throws: GevolgherstelFout.ongeldigeOvergang(van: .hersteld, naar: .gevraagd)) { try controleerGevolgherstel(van: .hersteld, naar: .gevraagd) }
        #expect(GevolgherstelFout.ongeldigeOvergang(van: .hersteld, naar: .gevraagd).uitleg(.nl).contains("al hersteld"))
        #expect(HerstelStatus.allCases.filter(\.isAfgerond) == [.hersteld, .nietHerstelbaar])
    }

    @Test func nietTeHerstellenVraagtWaarom() throws {
        do { _ = try valideerGevolgherstel(GevolgherstelInvoer(status: "nietHerstelbaar"), van: .gevraagd); Issue.record("zonder toelichting") } catch {
            #expect(error.fouten.map(\.veld.jsonPad) == ["toelichting"])
        }
        #expect(try valideerGevolgherstel(GevolgherstelInvoer(status: "nietHerstelbaar", toelichting: "De boete is al betaald en wordt niet terugbetaald."), van: .gevraagd).status == .nietHerstelbaar)
        do { _ = try valideerGevolgherstel(GevolgherstelInvoer(status: "weg"), van: .gevraagd); Issue.record("onbekende status") } catch {
            #expect(error.fouten.map(\.code) == ["enum"])
        }
        // "Who repairs it" is the field the form and the API call `door`.
        do { _ = try valideerGevolgherstel(GevolgherstelInvoer(status: "gevraagd", door: String(repeating: "x", count: 201)), van: .teHerstellen); Issue.record("te lang") } catch {
            #expect(error.fouten.map(\.veld.jsonPad) == ["door"])
        }
    }

    @Test func opgelostAlleenAlsElkGevolgAfIs() {
        #expect(throws: Never.self) { try controleerGevolgenBijSluiten(uitkomst: .opgelost, open: 0) }
        #expect(throws: Never.self) { try controleerGevolgenBijSluiten(uitkomst: .nietOpgelost, open: 2) }
        #expect(throws: Never.self) { try controleerGevolgenBijSluiten(uitkomst: .deelsOpgelost, open: 1) }
        do { try controleerGevolgenBijSluiten(uitkomst: .opgelost, open: 2); Issue.record("gesloten") } catch {
            #expect(error.fouten.map(\.code) == ["gevolgenOpen"] && error.fouten[0].reden(.nl).contains("2 gevolgen"))
        }
    }
}
