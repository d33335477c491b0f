import FluentKit
import Foundation
import MeldpuntDomain

package struct StandaardtekstDTO: Codable, Sendable, Equatable {
    package let id: String
    package let titel: String
    package let doel: Standaardtekstdoel
    package let tekstNl: String
    package let tekstEn: String?
    package let actief: Bool
    package let gewijzigdOp: Date
    package let gewijzigdDoor: String

    init(_ r: StandaardtekstRij) throws {
        id = try r.requireID().tekst
        titel = r.titel
        doel = r.doel
        tekstNl = r.tekstNl
        tekstEn = r.tekstEn
        actief = r.actief
        gewijzigdOp = r.gewijzigdOp
        gewijzigdDoor = r.gewijzigdDoor
    }

    /// The text in the reader's language (the Dutch one when there is no English one).
    package func tekst(_ taal: Taal) -> String { taal == .en ? (tekstEn ?? tekstNl) : tekstNl }
}

/// The standard texts (issue 30): beheer of the meldpunt (or the systeembeheerder) keeps them;
/// the meldpunt's staff use them. Switched off rather than deleted: a text once used stays known.
package struct Standaardteksten: Sendable {
    package let db: any Database
    package let nu: Date

    package init(db: any Database, nu: Date) {
        self.db = db
        self.nu = nu
    }

    static func magBeheren(_ g: GebruikerDTO) -> Bool {
        g.rol == .systeembeheerder || (g.rol == .beheerder && g.organisatie.heeft(.meldpunt))
    }

    static func magGebruiken(_ organisatie: OrganisatieDTO) -> Bool { organisatie.heeft(.meldpunt) }

    /// The texts, by title; `ookUit`: also those switched off (for beheer).
    package func lijst(doel: Standaardtekstdoel? = nil, ookUit: Bool = false, organisatie: OrganisatieDTO) async throws -> [StandaardtekstDTO] {
        guard Self.magGebruiken(organisatie) else { throw Weigering.geenToegang(.rolOntbreekt(.meldpunt)) }
        let q = StandaardtekstRij.query(on: db)
        if let doel { q.filter(\.$doel == doel) }
        if !ookUit { q.filter(\.$actief == true) }
        return try await q.sort(\.$titel).sort(\.$id).limit(500).all().map(StandaardtekstDTO.init)
    }

    /// For beheer: every text, also those switched off.
    package func beheerlijst(door g: GebruikerDTO) async throws -> [StandaardtekstDTO] {
        guard Self.magBeheren(g) else { throw Weigering.geenToegang(.rolOntbreekt(.meldpunt)) }
        return try await StandaardtekstRij.query(on: db).sort(\.$titel).sort(\.$id).limit(500).all().map(StandaardtekstDTO.init)
    }

    package func tekst(_ id: UUID, organisatie: OrganisatieDTO) async throws -> StandaardtekstDTO {
        guard Self.magGebruiken(organisatie) else { throw Weigering.geenToegang(.rolOntbreekt(.meldpunt)) }
        guard let r = try await StandaardtekstRij.find(id, on: db) else { throw Weigering.nietGevonden(.standaardtekst) }
        return try StandaardtekstDTO(r)
    }

    package func maak(_ v: StandaardtekstInvoer, door g: GebruikerDTO) async throws -> StandaardtekstDTO {
        guard Self.magBeheren(g) else { throw Weigering.geenToegang(.rolOntbreekt(.meldpunt)) }
        let t = try valideer { () throws(ValidatieFouten) in try valideerStandaardtekst(v) }
        let r = StandaardtekstRij()
        r.id = UUID.v7(nu)
        zet(r, t, door: g)
        r.actief = true
        try await r.create(on: db)
        return try StandaardtekstDTO(r)
    }

    package func wijzig(_ id: UUID, _ v: StandaardtekstInvoer, actief: Bool, door g: GebruikerDTO) async throws -> StandaardtekstDTO {
        guard Self.magBeheren(g) else { throw Weigering.geenToegang(.rolOntbreekt(.meldpunt)) }
        guard let r = try await StandaardtekstRij.find(id, on: db) else { throw Weigering.nietGevonden(.standaardtekst) }
        let t = try valideer { () throws(ValidatieFouten) in try valideerStandaardtekst(v) }
        zet(r, t, door: g)
        r.actief = actief
        try await r.save(on: db)
        return try StandaardtekstDTO(r)
    }

    private func zet(_ r: StandaardtekstRij, _ t: GeldigeStandaardtekst, door g: GebruikerDTO) {
        r.titel = t.titel
        r.doel = t.doel
        r.tekstNl = t.tekstNl
        r.tekstEn = t.tekstEn
        r.gewijzigdOp = nu
        r.gewijzigdDoor = "\(g.naam) (\(g.organisatie.naam))"
    }
}
