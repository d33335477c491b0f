import FluentKit
import Foundation
import MeldpuntDomain

/// The Sendable view of an organisation that handlers and services pass around.
package struct OrganisatieDTO: Sendable, Equatable, Codable {
    package let id: UUID
    package let naam: String
    package let oin: String?
    package let gemeentecode: String?
    package let rniDeelnemerCode: String?
    package let rollen: Set<Organisatierol>

    package init(_ o: Organisatie) throws {
        id = (try o.requireID())
        naam = o.naam
        oin = o.oin
        gemeentecode = o.gemeentecode
        rniDeelnemerCode = o.rniDeelnemerCode
        rollen = o.rollen
    }

    package func heeft(_ rol: Organisatierol) -> Bool { rollen.contains(rol) }
}

/// Organisations and their keys: what the CLI and the demo seed call.
package enum Organisaties {
    /// Adds an organisation, or adds roles (and a missing OIN) to the gemeente or organisation
    /// that already has this gemeentecode or OIN.
    package static func voegToe(naam: String?, oin: String?, gemeentecode: String?, rollen: Set<Organisatierol>, on db: any Database) async throws -> Organisatie {
        if let oin { do { try OIN.check(oin) } catch { throw Weigering.ongeldig(.oin, error.code, Tekst("OIN \(oin): \(error.uitleg.nl)", "OIN \(oin): \(error.uitleg.en)")) } }
        if let gemeentecode { do { try Gemeentecode.check(gemeentecode) } catch { throw Weigering.ongeldig(.gemeentecode, error.code, error.uitleg) } }
        guard !rollen.isEmpty else { throw Weigering.ongeldig(.rollen, "required", Tekst("Kies ten minste één rol.", "Choose at least one role.")) }

        var bestaand: Organisatie?
        if let gemeentecode {
            bestaand = try await Organisatie.query(on: db).filter(\.$gemeentecode == gemeentecode).first()
            if bestaand == nil { throw Weigering.ongeldig(.gemeentecode, "gemeenteOnbekend", Tekst("Gemeentecode \(gemeentecode) is geen actuele gemeente.", "Code \(gemeentecode) is not a current municipality.")) }
        } else if let oin {
            bestaand = try await Organisatie.query(on: db).filter(\.$oin == oin).first()
        }
        if let org = bestaand {
            if let oin, org.oin != nil, org.oin != oin {
                throw Weigering.ongeldig(.oin, "andereOIN", Tekst("\(org.naam) heeft al een ander OIN (\(org.oin ?? "")).", "\(org.naam) already has another OIN (\(org.oin ?? ""))."))
            }
            if let oin, org.oin == nil {
                if try await Organisatie.query(on: db).filter(\.$oin == oin).first() != nil {
                    throw Weigering.ongeldig(.oin, "oinInGebruik", Tekst("OIN \(oin) hoort al bij een andere organisatie.", "OIN \(oin) already belongs to another organisation."))
                }
                org.oin = oin
            }
            org.rollen = org.rollen.union(rollen)
            try await org.save(on: db)
            return org
        }
        guard let naam, !naam.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw Weigering.ongeldig(.naam, "required", Tekst("Geef de naam van de nieuwe organisatie.", "Give the new organisation's name."))
        }
        guard oin != nil else { throw Weigering.ongeldig(.oin, "required", Tekst("Een nieuwe organisatie heeft een OIN nodig.", "A new organisation needs an OIN.")) }
        let org = Organisatie(naam: naam, oin: oin, rollen: rollen)
        try await org.create(on: db)
        return org
    }

    /// Replaces an organisation's roles (at least one).
    package static func zetRollen(_ org: Organisatie, _ rollen: Set<Organisatierol>, on db: any Database) async throws {
        guard !rollen.isEmpty else { throw Weigering.ongeldig(.rollen, "required", Tekst("Een organisatie heeft ten minste één rol.", "An organisation has at least one role.")) }
        org.rollen = rollen
        try await org.save(on: db)
    }

    package static func zoek(oin: String?, gemeentecode: String?, on db: any Database) async throws -> Organisatie {
        let gevonden: Organisatie?
        if let gemeentecode {
            gevonden = try await Organisatie.query(on: db).filter(\.$gemeentecode == gemeentecode).first()
        } else if let oin {
            gevonden = try await Organisatie.query(on: db).filter(\.$oin == oin).first()
        } else {
            throw Weigering.ongeldig(.oin, "required", Tekst("Geef een OIN of een gemeentecode.", "Give an OIN or a municipality code."))
        }
        guard let gevonden else { throw Weigering.nietGevonden(.organisatie) }
        return gevonden
    }

    /// Creates a key and returns it in plain text: the only time it is ever visible.
    package static func maakApiSleutel(voor org: Organisatie, omschrijving: String, sleutel: String = Sleutels.nieuweApiSleutel(), on db: any Database) async throws -> (ApiSleutel, String) {
        let record = ApiSleutel(organisatieID: try org.requireID(), sleutelHash: Sleutels.hash(apiSleutel: sleutel), omschrijving: omschrijving)
        try await record.create(on: db)
        return (record, sleutel)
    }

    /// Revokes one key (by id) or all keys of an organisation; returns how many.
    package static func trekSleutelsIn(van org: Organisatie, id: UUID?, on db: any Database, cache: Sleutelcache? = nil) async throws -> Int {
        defer { cache?.leeg() }
        let orgID = try org.requireID()
        var q = ApiSleutel.query(on: db).filter(\.$organisatie.$id == orgID).filter(\.$ingetrokkenOp == nil)
        if let id { q = q.filter(\.$id == id) }
        let sleutels = try await q.all()
        for s in sleutels {
            s.ingetrokkenOp = Date()
            try await s.save(on: db)
        }
        return sleutels.count
    }

    /// The organisation a key belongs to, if the key is known and not revoked.
    package static func metApiSleutel(_ sleutel: String, on db: any Database, cache: Sleutelcache? = nil, nu: Date = Date()) async throws -> OrganisatieDTO? {
        guard sleutel.hasPrefix("mpk_"), sleutel.utf8.count < 200 else { return nil }
        let hash = Sleutels.hash(apiSleutel: sleutel)
        if let bekend = cache?.zoek(hash, nu: nu) { return bekend }
        guard let record = try await ApiSleutel.query(on: db)
            .filter(\.$sleutelHash == hash)
            .filter(\.$ingetrokkenOp == nil)
            .with(\.$organisatie)
            .first()
        else { return nil }
        let org = try OrganisatieDTO(record.organisatie)
        cache?.bewaar(hash, org, nu: nu)
        return org
    }
}
