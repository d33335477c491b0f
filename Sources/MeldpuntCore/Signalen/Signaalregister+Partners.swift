import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain
import SQLKit

/// The organisations concerned: their signalen and their answers.
extension Signaalregister {
    // MARK: The organisations concerned

    /// The signalen fed back to the caller's organisation.
    package func signalenVoorPartner(door: Handelende) async throws -> [SignaalSamenvattingDTO] {
        let ids = try await SignaalOrganisatie.query(on: db).filter(\.$organisatie.$id == door.organisatie.id).filter(\.$teruggekoppeldOp != nil).all()
            .map { $0.$signaal.id }
        let signalen = try await Signaal.query(on: db).filter(\.$id ~~ ids).sort(\.$gewijzigdOp, .descending).all()
        return try await samenvattingen(signalen).map { s in
            SignaalSamenvattingDTO(nummer: s.nummer, titel: s.titel, soort: s.soort, status: s.status, niveau: s.niveau, registraties: s.registraties,
                                   aantalZaken: s.aantalZaken, aangemaaktOp: s.aangemaaktOp, gewijzigdOp: s.gewijzigdOp,
                                   href: APIAdres.ontvangenSignaal(nummer: s.nummer))
        }
    }

    /// 404 unless fed back to the caller's organisation, so other signalen are not revealed.
    func voorPartner(_ nummer: Int, _ door: Handelende) async throws -> Signaal {
        guard let s = try await Signaal.query(on: db).filter(\.$nummer == nummer).first(),
              try await SignaalOrganisatie.query(on: db).filter(\.$signaal.$id == s.requireID()).filter(\.$organisatie.$id == door.organisatie.id)
                .filter(\.$teruggekoppeldOp != nil).first() != nil
        else { throw Weigering.nietGevonden(.signaal) }
        return s
    }

    package func signaalVoorPartner(_ nummer: Int, door: Handelende) async throws -> PartnerSignaalDTO {
        let s = try await voorPartner(nummer, door)
        let aantal = try await SignaalZaak.query(on: db).filter(\.$signaal.$id == s.requireID()).count()
        return PartnerSignaalDTO(nummer: s.nummer, titel: s.titel, omschrijving: s.omschrijving, soort: s.soort, status: s.status, niveau: s.niveau,
                                 registraties: s.registratieLijst, aantalZaken: aantal, verloop: try await verloop(s, alleenVoor: door.organisatie.id),
                                 kennis: s.kennisGedeeld ? Self.kennis(s) : nil, href: APIAdres.ontvangenSignaal(nummer: s.nummer))
    }

    /// The organisation's answer; a closed signaal takes none.
    package func beantwoord(_ nummer: Int, _ invoer: SignaalStapInvoer, door: Handelende) async throws -> PartnerSignaalDTO {
        let s = try await voorPartner(nummer, door)
        guard case .antwoord(let tekst) = try valideer({ () throws(ValidatieFouten) in try SignaalStap.valideer(.antwoord, invoer) }) else {
            throw Weigering.tijdelijkBezet
        }
        if s.status.isAfgesloten { throw Weigering.conflict(.signaalOvergang(.ongeldigeOvergang(van: s.status, naar: s.status))) }
        try await db.schrijf { [nu, berichten] tx in
            guard let o = try await Organisatie.find(door.organisatie.id, on: tx) else { throw Weigering.nietGevonden(.organisatie) }
            try await stap(s, .antwoord, door: door, organisatie: door.organisatie.id, tekst: tekst, on: tx)
            try await berichten.signaalBeantwoord(s, door: o, nu: nu, on: tx)
        }
        return try await signaalVoorPartner(nummer, door: door)
    }
}
