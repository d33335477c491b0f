import Fluent
import Foundation
import MeldpuntDomain
import Vapor

/// The partner register: partner organisations (kind, registrations, intentieverklaring) and
/// their contact persons per level. Kept by beheer and meldpunt staff.
struct Partnerregister {
    let db: any Database
    let nu: Date

    struct Partner: Sendable {
        let organisatie: Organisatie
        let contactpersonen: [Contactpersoon]
    }

    /// Organisations in the register, by name.
    func partners() async throws -> [Organisatie] {
        try await Organisatie.query(on: db).filter(\.$partnerSoort != nil).sort(\.$naam).all()
    }

    func partner(_ id: UUID) async throws -> Partner {
        guard let o = try await Organisatie.find(id, on: db) else { throw Weigering.nietGevonden(.organisatie) }
        let contacten = try await Contactpersoon.query(on: db).filter(\.$organisatie.$id == id).filter(\.$actief == true)
            .sort(\.$niveau).sort(\.$naam).all()
        return Partner(organisatie: o, contactpersonen: contacten.sorted {
            (Escalatieniveau(rawValue: $0.niveau) ?? .operationeel, $0.naam) < (Escalatieniveau(rawValue: $1.niveau) ?? .operationeel, $1.naam)
        })
    }

    /// Puts an organisation in the register (or updates it) and gives it the partner role.
    func registreer(_ org: Organisatie, _ invoer: PartnerInvoer) async throws {
        let g = try valideer { () throws(ValidatieFouten) in try valideerPartner(invoer, vandaag: Dag(nu)) }
        org.partnerSoort = g.soort.rawValue
        org.partnerRegistraties = g.registraties.joined(separator: ",")
        org.intentieverklaringOp = g.intentieverklaringOp?.description
        org.rollen = org.rollen.union([.partner])
        try await org.save(on: db)
    }

    @discardableResult
    func voegContactpersoonToe(_ org: Organisatie, _ invoer: ContactpersoonInvoer) async throws -> Contactpersoon {
        let g = try valideer { () throws(ValidatieFouten) in try valideerContactpersoon(invoer) }
        guard org.partnerSoort != nil else { throw Weigering.conflict(.eerstInPartnerregister) }
        let c = Contactpersoon()
        c.$organisatie.id = try org.requireID()
        c.niveau = g.niveau.rawValue
        c.naam = g.naam
        c.functie = g.functie
        c.email = g.email
        c.telefoon = g.telefoon
        c.actief = true
        try await c.create(on: db)
        return c
    }

    func contactpersoon(_ org: Organisatie, _ id: UUID) async throws -> Contactpersoon {
        guard let c = try await Contactpersoon.query(on: db).filter(\.$id == id).filter(\.$organisatie.$id == org.requireID()).filter(\.$actief == true).first()
        else { throw Weigering.nietGevonden(.contactpersoon) }
        return c
    }

    /// No longer a contact: off the list, and the login (if any) switched off.
    func verwijder(_ c: Contactpersoon) async throws {
        try await db.schrijf { tx in
            c.actief = false
            try await c.save(on: tx)
            if let g = try await c.$gebruiker.get(on: tx) { try await Gebruikers.zetUit(g, on: tx) }
        }
    }

    /// A login (role partner) for the contact person; the password is returned once.
    func geefLogin(_ c: Contactpersoon, hasher: any PasswordHasher) async throws -> (email: String, wachtwoord: String) {
        guard c.$gebruiker.id == nil else { throw Weigering.conflict(.heeftAlLogin(naam: c.naam)) }
        guard let email = c.email else { throw Weigering.ongeldig("email", "required", "Voor een login is een e-mailadres nodig.") }
        let org = try await c.$organisatie.get(on: db)
        let wachtwoord = Sleutels.willekeurig(15)
        do {
            try await db.schrijf { tx in
                let g = try await Gebruikers.voegToe(email: email, naam: c.naam, organisatie: org, rol: .partner, wachtwoord: wachtwoord, hasher: hasher, on: tx)
                c.$gebruiker.id = g.id
                try await c.save(on: tx)
            }
        } catch let f as Organisaties.Fout {
            throw Weigering.conflict(.emailAlInGebruik)
        }
        return (email, wachtwoord)
    }
}

extension Request {
    var partnerregister: Partnerregister { Partnerregister(db: db, nu: application.klok.nu()) }
}
