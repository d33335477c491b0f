import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain

/// Requests as the partner sees and answers them.
extension MeldingService {
    // MARK: The partner's side

    /// A partner's access follows the case: another organisation's request, or one whose case
    /// was erased, answers as if it did not exist; a closed case is read-only.
    func verzoekVanPartner(_ id: UUID, _ door: Handelende, schrijven: Bool = true) async throws -> Verzoek {
        try vereisPartner(door)
        guard let v = try await Verzoek.query(on: db).filter(\.$id == id).filter(\.$organisatie.$id == door.organisatie.id).with(\.$melding).first(),
              v.melding.uitkomst != .ingetrokken
        else { throw Weigering.nietGevonden(.verzoek) }
        if schrijven && v.melding.status.isGesloten {
            throw Weigering.conflict(.meldingGesloten)
        }
        return v
    }

    /// The partner's requests; those of erased cases are gone for the partner.
    func verzoekenVan(_ door: Handelende) -> QueryBuilder<Verzoek> {
        Verzoek.query(on: db).filter(\.$organisatie.$id == door.organisatie.id)
            .join(Melding.self, on: \Verzoek.$melding.$id == \Melding.$id)
            .group(.or) { $0.filter(Melding.self, \.$uitkomst == nil).filter(Melding.self, \.$uitkomst != MeldingUitkomst.ingetrokken) }
    }

    func samenvatting(_ v: Verzoek) throws -> PartnerVerzoekSamenvattingDTO {
        PartnerVerzoekSamenvattingDTO(id: try v.requireID().tekst, zaaknummer: v.melding.zaaknummer, soort: v.soort, status: v.status, uiterlijk: v.uiterlijk,
                                      termijnOverschreden: teLaat(v), niveau: v.niveau, aangemaaktOp: v.aangemaaktOp,
                                      href: APIAdres.verzoek(try v.requireID()))
    }

    func partnerDTO(_ v: Verzoek, _ m: Melding, _ p: MeldingPersoonsgegevens?) async throws -> PartnerVerzoekDTO {
        let vid = try v.requireID()
        let delen = v.gedeeldeGegevens
        var g = GedeeldeMeldingDTO(gedeeldeGegevens: GedeeldGegeven.allCases.filter(delen.contains))
        if let p {
            let mv = try p.invoer()
            // The person the melding is about: the one represented, if an intermediary reported.
            let persoon = mv.vertegenwoordigde ?? mv.melder
            if delen.contains(.naam) { g.naam = mv.melder?.naam; g.namensNaam = mv.vertegenwoordigde?.naam }
            if delen.contains(.bsn) { g.bsn = p.bsn }
            if delen.contains(.contactgegevens) { g.email = mv.melder?.email; g.telefoon = mv.melder?.telefoon }
            if delen.contains(.adres), let persoon {
                g.adres = [persoon.adres, persoon.postcode, persoon.woonplaats].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            }
            if delen.contains(.omschrijving) {
                g.watIsFout = mv.watIsFout; g.watMoetHetZijn = mv.watMoetHetZijn; g.sinds = mv.sinds
                g.registraties = Self.registraties(m)
            }
            if delen.contains(.gevolgen) { g.gevolgen = mv.gevolgen ?? [] }
        }
        if delen.contains(.bijlagen) {
            g.bijlagen = try await MeldingBijlage.query(on: db).filter(\.$melding.$id == m.requireID()).all().map {
                VerzoekBijlageDTO(id: try $0.requireID().tekst, bestandsnaam: $0.bestandsnaam, mimeType: $0.mimeType, grootte: $0.grootte, href: APIAdres.verzoekBijlage(vid, bijlage: try $0.requireID()))
            }
        }
        let status = v.status
        var dto = PartnerVerzoekDTO(
            id: try v.requireID().tekst, zaaknummer: m.zaaknummer, soort: v.soort, status: v.status, vraag: v.vraag, uiterlijk: v.uiterlijk,
            termijnDoor: v.termijnDoor, termijnOverschreden: teLaat(v), niveau: v.niveau, reden: v.reden,
            opschorting: Self.opschorting(v), overleg: Self.overleg(v), terugmeldingId: v.$terugmelding.id?.tekst, melding: g,
            berichten: try await berichten(v) { APIAdres.verzoekBijlage(vid, bijlage: $0) },
            mogelijkeStatussen: VerzoekStatus.allCases.filter(status.volgende.contains),
            kanOpheffen: v.opgeschortOp != nil && v.opgehevenOp == nil)
        dto.escalatievoorstel = v.escalatievoorstel.map { EscalatievoorstelDTO($0, vandaag: Dag(nu)) }
        return dto
    }

    func partnerAntwoord(_ v: Verzoek) async throws -> PartnerVerzoekDTO {
        guard let m = try await Melding.find(v.$melding.id, on: db) else { throw Weigering.nietGevonden(.bron) }
        return try await partnerDTO(v, m, try await MeldingPersoonsgegevens.find(m.id, on: db))
    }

    package static let maxBijlagenPerVerzoek = 10

}
