import Foundation
@testable import MeldpuntCore
import MeldpuntDomain
@testable import MeldpuntWeb
import Testing

/// The melder's status page as a value: plain words, the melder's language, nothing of the staff's.
@Suite("Statuspagina van de melder: paginamodel")
struct StatuspaginaTests {
    typealias W = MeldingService.MelderWeergave

    static func weergave(status: MeldingStatus, rol: MeldpuntRol? = nil, uitkomst: MeldingUitkomst? = nil, tevredenheid: Int? = nil) -> W {
        W(zaaknummer: "MFO-2026-000003", status: status, fase: status.fase, faseTekst: status.fase.tekst, fasen: MelderFase.allCases.map(\.rawValue),
          rol: rol, uitkomst: uitkomst, ontvangenOp: Date(timeIntervalSince1970: 1_795_000_000), eersteContactUiterlijk: Dag("2026-11-25")!,
          organisaties: ["UWV", "Gemeente Rotterdam"],
          gevolgen: [MeldingService.GevolgWeergave(soort: "terugvordering", organisatie: "UWV", opgeschort: true)],
          verzoeken: [MeldingService.MelderVerzoek(organisatie: "UWV", soort: "opschorting", status: "uitgevoerd")],
          opschortingen: [MeldingService.MelderOpschorting(organisatie: "UWV", actie: "terugvordering", tot: "2027-03-01", opgehevenOp: nil)],
          volgendeStap: VolgendeStapDTO(tekst: "We bellen u", datum: Dag("2026-12-04")!),
          berichten: [MeldingService.Bericht(tijdstip: Date(timeIntervalSince1970: 1_795_100_000), tekst: "Hoe staat het?", vanMelder: true)],
          samenvatting: uitkomst == nil ? nil : "Uw adres is hersteld.", gesloten: status == .gesloten, tevredenheid: tevredenheid, aantalBijlagen: 0)
    }

    @Test func eenNieuweMeldingZegtWanneerWeBellen() {
        let p = Statuspagina.bouw(Self.weergave(status: .ontvangen), taal: .nl, basis: "/status/abc")
        #expect(p.eersteContact == "25 november 2026")
        #expect(p.watNu.hasPrefix("We lezen uw melding"))
        #expect(p.stappen.map(\.naam) == ["Ontvangen", "Wordt behandeld", "Afgerond"])   // waiting shows only once it happens
        #expect(p.stappen.map(\.huidig) == [true, false, false] && p.stappen.allSatisfy { !$0.gedaan })
        #expect(!p.kanBeoordelen && p.basis == "/status/abc")
    }

    @Test func inBehandelingInHetEngelsMetWatWacht() {
        let p = Statuspagina.bouw(Self.weergave(status: .inBehandeling, rol: .coordinerend), taal: .en, basis: "/status/abc")
        #expect(p.watNu == Teksten.voor(.en).tekst("statusNu_coordinerend"))
        #expect(p.eersteContact == nil)
        #expect(p.stappen.map(\.gedaan) == [true, false, false] && p.stappen[1].huidig)
        #expect(p.opschortingen == ["UWV holds off the claim for repayment until 1 March 2027."])
        #expect(p.organisaties.first { $0.naam == "UWV" }?.wat != nil && p.organisaties.first { $0.naam == "Gemeente Rotterdam" }?.wat == nil)
        #expect(p.berichten.first?.van == "You")
        #expect(p.volgendeStapDatum == "4 December 2026")
    }

    @Test func naSluitenDeUitkomstEnDeVraagOmEenCijfer() {
        let p = Statuspagina.bouw(Self.weergave(status: .gesloten, uitkomst: .opgelost), taal: .nl, basis: "/status/abc")
        #expect(p.gesloten && p.kanBeoordelen && p.uitkomst == "Opgelost" && p.samenvatting == "Uw adres is hersteld.")
        #expect(p.stappen.last?.huidig == true)
        let beoordeeld = Statuspagina.bouw(Self.weergave(status: .gesloten, uitkomst: .opgelost, tevredenheid: 4), taal: .nl, basis: "/status/abc")
        #expect(!beoordeeld.kanBeoordelen && beoordeeld.tevredenheid == 4)
    }

    /// The tracker shows what really happened: a case closed straight from handling never "waited".
    @Test func deVoortgangKloptMetWatErGebeurde() {
        func met(_ status: MeldingStatus, _ doorlopen: [MelderFase]) -> MeldingService.MelderWeergave {
            let w = Self.weergave(status: status, uitkomst: status == .gesloten ? .opgelost : nil)
            return W(zaaknummer: w.zaaknummer, status: w.status, fase: w.fase, faseTekst: w.faseTekst, fasen: w.fasen, rol: nil, uitkomst: w.uitkomst,
                     ontvangenOp: w.ontvangenOp, eersteContactUiterlijk: w.eersteContactUiterlijk, organisaties: [], gevolgen: [], verzoeken: [], opschortingen: [],
                     volgendeStap: nil, berichten: [], samenvatting: nil, gesloten: w.gesloten, tevredenheid: nil, aantalBijlagen: 0, doorlopen: doorlopen)
        }
        let direct = Statuspagina.bouw(met(.gesloten, [.ontvangen, .inBehandeling, .afgerond]), taal: .nl, basis: "/s")
        #expect(direct.stappen.map(\.naam) == ["Ontvangen", "Wordt behandeld", "Afgerond"] && direct.stappen.map(\.gedaan) == [true, true, false])
        #expect(direct.stappen.last?.huidig == true)
        let gewacht = Statuspagina.bouw(met(.gesloten, [.ontvangen, .inBehandeling, .wachtOpOrganisaties, .inBehandeling, .afgerond]), taal: .nl, basis: "/s")
        #expect(gewacht.stappen.map(\.naam) == ["Ontvangen", "Wordt behandeld", "Wacht op organisaties", "Wordt behandeld", "Afgerond"])
        let wacht = Statuspagina.bouw(met(.wachtOpOrganisaties, [.ontvangen, .inBehandeling, .wachtOpOrganisaties]), taal: .nl, basis: "/s")
        #expect(wacht.stappen.map(\.naam) == ["Ontvangen", "Wordt behandeld", "Wacht op organisaties", "Afgerond"] && wacht.stappen[2].huidig)
    }

    @Test func foutenStaanBijHunVeldMetHetLabel() {
        let p = Statuspagina.bouw(Self.weergave(status: .gesloten, uitkomst: .opgelost), taal: .en, basis: "/status/abc",
                                  fouten: ["cijfer": "Choose a mark."], ingevuld: ["opmerking": "Snel"])
        #expect(p.fouten.map(\.label) == [Teksten.voor(.en).tekst("beoordelingTitel")])
        #expect(p.foutVelden == ["cijfer": "Choose a mark."] && p.ingevuld["opmerking"] == "Snel")
    }
}
