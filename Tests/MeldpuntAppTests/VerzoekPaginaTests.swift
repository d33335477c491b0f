import Foundation
@testable import MeldpuntCore
import MeldpuntDomain
@testable import MeldpuntWeb
import Testing

/// A request's page for each side, as a value.
@Suite("Verzoekpagina: paginamodel voor Meldpunt en partner")
struct VerzoekPaginaTests {
    static let opschorting = OpschortingDTO(actie: .terugvordering, kenmerk: "TV-1", tot: Dag("2027-03-01"), bevestigdOp: nil, opgehevenOp: nil, actief: false)

    static func voorPartner(status: VerzoekStatus = .verzonden, mogelijk: [VerzoekStatus] = [.geaccepteerd, .afgewezen],
                            melding: GedeeldeMeldingDTO) -> PartnerVerzoekDTO {
        PartnerVerzoekDTO(id: "0193a3c2-7f00-7000-8000-0000000000a1", zaaknummer: "MFO-2026-000007", soort: .opschorting, status: status, vraag: "Zet de vordering stil.",
                          uiterlijk: Dag("2026-12-01"), termijnDoor: .meldpunt, termijnOverschreden: false, niveau: .operationeel, reden: nil,
                          opschorting: opschorting, overleg: nil, terugmeldingId: nil, melding: melding, berichten: [],
                          mogelijkeStatussen: mogelijk, kanOpheffen: false)
    }

    @Test func dePartnerZietAlleenWatGedeeldIs() {
        let gedeeld = GedeeldeMeldingDTO(gedeeldeGegevens: [.omschrijving], watIsFout: "Verkeerd adres")
        let p = VerzoekPagina.voorPartner(Self.voorPartner(melding: gedeeld), taal: .en)
        #expect(!p.isMeldpunt && p.isOpschorting && p.open)
        #expect(p.kanAccepteren && !p.kanUitvoeren && !p.kanEscaleren)
        // The question always, then only the shared description; no name, BSN or address lines.
        #expect(p.gedeeld.map(\.waarde) == ["Zet de vordering stil.", "Verkeerd adres"])
        #expect(p.titel.hasSuffix("MFO-2026-000007") && !p.titel.contains("opschorting"))
        #expect(p.regels.contains { $0.waarde.contains("01-12-2026") })
        #expect(p.regels.contains { $0.waarde.contains("TV-1") && $0.waarde.contains("01-03-2027") })
        #expect(p.waarden["uitvoerenOpgeschortTot"] == "2027-03-01")
        #expect(p.basis == "/verzoeken/0193a3c2-7f00-7000-8000-0000000000a1")
    }

    @Test func naAccepterenKanDePartnerUitvoeren() {
        let p = VerzoekPagina.voorPartner(Self.voorPartner(status: .geaccepteerd, mogelijk: [.uitgevoerd], melding: GedeeldeMeldingDTO(gedeeldeGegevens: [])),
                                          taal: .nl, waarden: ["uitvoerenOpgeschortTot": "2027-04-01"])
        #expect(!p.kanAccepteren && p.kanUitvoeren)
        // The menu holds the tasks this request has now, by their titles (a suspension is confirmed, not "done").
        #expect(p.acties.map(\.naam) == ["Opschorting bevestigen", "Andere termijn voorstellen", "Voorstellen één niveau hoger te escaleren", "Een bestand toevoegen"])
        #expect(p.kan(.uitvoeren) && !p.kan(.accepteren) && p.alsTaak(.uitvoeren, taal: .en).taakTitel == "Confirm the suspension")
        // What was typed wins over what is stored.
        #expect(p.waarden["uitvoerenOpgeschortTot"] == "2027-04-01")
    }

    @Test func hetMeldpuntEscaleertTotHetHoogsteNiveau() {
        func verzoek(_ niveau: Escalatieniveau, _ status: VerzoekStatus) -> VerzoekDTO {
            VerzoekDTO(id: "0193a3c2-7f00-7000-8000-0000000000a2", organisatie: OrganisatieVerwijzing(Organisatie(id: UUID(), naam: "UWV", rollen: [.partner])),
                       soort: .correctie, status: status, vraag: "Corrigeer", gedeeldeGegevens: [], uiterlijk: nil, termijnDoor: nil,
                       termijnOverschreden: false, niveau: niveau, contactpersoon: nil, reden: nil, opschorting: nil, overleg: nil,
                       terugmelding: nil, aangemaaktOp: Date(), berichten: [])
        }
        let open = VerzoekPagina.voorMeldpunt(verzoek(.tactisch, .verzonden), zaaknummer: "MFO-2026-000007", taal: .nl)
        #expect(open.isMeldpunt && open.kanEscaleren && open.basis == "/meldingen/MFO-2026-000007/verzoeken/0193a3c2-7f00-7000-8000-0000000000a2")
        #expect(open.regels.first?.waarde == "UWV")
        #expect(open.regels.contains { $0.waarde == Teksten.voor(.nl).tekst("verzoekAlleenVraag") })
        #expect(!VerzoekPagina.voorMeldpunt(verzoek(.interdepartementaal, .verzonden), zaaknummer: "MFO-2026-000007", taal: .nl).kanEscaleren)
        #expect(!VerzoekPagina.voorMeldpunt(verzoek(.operationeel, .uitgevoerd), zaaknummer: "MFO-2026-000007", taal: .nl).kanEscaleren)
        #expect(open.acties.map(\.href) == ["/meldingen/MFO-2026-000007/verzoeken/0193a3c2-7f00-7000-8000-0000000000a2/termijn", "/meldingen/MFO-2026-000007/verzoeken/0193a3c2-7f00-7000-8000-0000000000a2/escaleren"])
        #expect(VerzoekPagina.voorMeldpunt(verzoek(.interdepartementaal, .verzonden), zaaknummer: "MFO-2026-000007", taal: .nl).acties.map(\.href)
                == ["/meldingen/MFO-2026-000007/verzoeken/0193a3c2-7f00-7000-8000-0000000000a2/termijn"])
        let klaar = VerzoekPagina.voorMeldpunt(verzoek(.operationeel, .uitgevoerd), zaaknummer: "MFO-2026-000007", taal: .nl)
        #expect(klaar.acties.isEmpty && !klaar.kanBericht)
    }
}
