import FluentKit
import Foundation
import MeldpuntDomain

/// The partner register: partner organisations (kind, registrations, intentieverklaring) and
/// their contact persons per level. Kept by beheer and meldpunt staff.
package struct Partnerregister {
    package let db: any Database
    package let nu: Date

    package struct Partner: Sendable {
        package let organisatie: Organisatie
        package let contactpersonen: [Contactpersoon]

        package init(organisatie: Organisatie, contactpersonen: [Contactpersoon]) {
            self.organisatie = organisatie
            self.contactpersonen = contactpersonen
        }
    }

    /// Organisations in the register, by name.
    package func partners() async throws -> [Organisatie] {
        try await Organisatie.query(on: db).filter(\.$partnerSoort != nil).sort(\.$naam).all()
    }

    package func partner(_ id: UUID) async throws -> Partner {
        guard let o = try await Organisatie.find(id, on: db) else { throw Weigering.nietGevonden(.organisatie) }
        let contacten = try await Contactpersoon.query(on: db).filter(\.$organisatie.$id == id).filter(\.$actief == true)
            .sort(\.$niveau).sort(\.$naam).all()
        return Partner(organisatie: o, contactpersonen: contacten.sorted {
            ($0.niveau, $0.naam) < ($1.niveau, $1.naam)
        })
    }

    /// Puts an organisation in the register (or updates it) and gives it the partner role.
    package func registreer(_ org: Organisatie, _ invoer: PartnerInvoer) async throws {
        let g = try valideer { () throws(ValidatieFouten) in try valideerPartner(invoer, vandaag: Dag(nu)) }
        org.partnerSoort = g.soort.rawValue
        org.partnerRegistraties = g.registraties.joined(separator: ",")
        org.intentieverklaringOp = g.intentieverklaringOp?.description
        org.rollen = org.rollen.union([.partner])
        try await org.save(on: db)
    }

    /// Puts the organisation with this OIN in the register; one the meldpunt does not know yet is
    /// added with its name (staff add the organisations their cases need, not only beheer).
    @discardableResult
    package func registreer(oin: String?, naam: String?, _ invoer: PartnerInvoer) async throws -> Organisatie {
        let o = (oin ?? "").trimmingCharacters(in: .whitespaces)
        let bestaand = o.isEmpty ? nil : try await Organisatie.query(on: db).filter(\.$oin == o).first()
        let g = try valideer { () throws(ValidatieFouten) in
            try valideerNieuwePartner(oin: o, naam: naam, bekend: bestaand != nil, invoer, vandaag: Dag(nu))
        }
        // A name given that is not the known organisation's: most likely a mistyped OIN.
        let genoemd = (naam ?? "").trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if let bestaand, !genoemd.isEmpty, !bestaand.naam.lowercased().contains(genoemd), !genoemd.contains(bestaand.naam.lowercased()) {
            throw Weigering.ongeldig(.oin, "andereOrganisatie", Tekst("Dit OIN hoort bij \(bestaand.naam). Kijk of het OIN klopt.", "This OIN belongs to \(bestaand.naam). Check the OIN."))
        }
        do {
            return try await opslaan(o, naam, g)
        } catch let w as Weigering {
            throw w
        } catch {
            // Added by someone else at the same moment (the OIN is unique): the register has it now.
            if bestaand == nil, try await Organisatie.query(on: db).filter(\.$oin == o).count() > 0 {
                throw Weigering.ongeldig(.oin, "bestaat", Tekst("Deze organisatie is net toegevoegd. Stuur het formulier nog een keer.", "This organisation has just been added. Send the form once more."))
            }
            throw error
        }
    }

    private func opslaan(_ o: String, _ naam: String?, _ g: Partnergegevens) async throws -> Organisatie {
        try await db.schrijf { tx in
            let org = try await Organisatie.query(on: tx).filter(\.$oin == o).first()
                ?? Organisatie(naam: (naam ?? "").trimmingCharacters(in: .whitespacesAndNewlines), oin: o, rollen: [.partner])
            org.partnerSoort = g.soort.rawValue
            org.partnerRegistraties = g.registraties.joined(separator: ",")
            org.intentieverklaringOp = g.intentieverklaringOp?.description
            org.rollen = org.rollen.union([.partner])
            try await org.save(on: tx)
            return org
        }
    }

    /// Names the meldpunt knows (registrations' holders, `genoemd`) of organisations not in the register.
    package func nietInHetRegister(genoemd: [String]) async throws -> [String] {
        MeldpuntDomain.nietInHetRegister(genoemd: genoemd, geregistreerd: try await partners().map(\.naam))
    }

    @discardableResult
    package func voegContactpersoonToe(_ org: Organisatie, _ invoer: ContactpersoonInvoer) async throws -> Contactpersoon {
        let g = try valideer { () throws(ValidatieFouten) in try valideerContactpersoon(invoer) }
        guard org.partnerSoort != nil else { throw Weigering.conflict(.eerstInPartnerregister) }
        let c = Contactpersoon()
        c.$organisatie.id = try org.requireID()
        c.niveau = g.niveau
        c.naam = g.naam
        c.functie = g.functie
        c.email = g.email
        c.telefoon = g.telefoon
        c.actief = true
        try await c.create(on: db)
        return c
    }

    package func contactpersoon(_ org: Organisatie, _ id: UUID) async throws -> Contactpersoon {
        guard let c = try await Contactpersoon.query(on: db).filter(\.$id == id).filter(\.$organisatie.$id == org.requireID()).filter(\.$actief == true).first()
        else { throw Weigering.nietGevonden(.contactpersoon) }
        return c
    }

    /// No longer a contact: off the list, and the login (if any) switched off.
    package func verwijder(_ c: Contactpersoon) async throws {
        try await db.schrijf { tx in
            c.actief = false
            try await c.save(on: tx)
            if let g = try await c.$gebruiker.get(on: tx) { try await Gebruikers.zetUit(g, on: tx) }
        }
    }

    /// A login (role partner) for the contact person; the password is returned once. Audited in
    /// the same write, as done by `door`.
    package func geefLogin(_ c: Contactpersoon, door: GebruikerDTO, hasher: any Wachtwoordhasher) async throws -> (email: String, wachtwoord: String) {
        guard c.$gebruiker.id == nil else { throw Weigering.conflict(.heeftAlLogin(naam: c.naam)) }
        guard let email = c.email else { throw Weigering.ongeldig(.email, "required", Tekst("Voor een login is een e-mailadres nodig.", "A login needs an email address.")) }
        let org = try await c.$organisatie.get(on: db)
        let wachtwoord = Sleutels.willekeurig(15)
        do {
            try await db.schrijf { tx in
                let g = try await Gebruikers.voegToe(email: email, naam: c.naam, organisatie: org, rol: .partner, wachtwoord: wachtwoord, hasher: hasher, on: tx)
                c.$gebruiker.id = g.id
                try await Audit.schrijf(.partnerLogin, door: door, organisatie: c.$organisatie.id, onderwerp: email, nu: nu, on: tx)
                try await c.save(on: tx)
            }
        } catch let w as Weigering where w.velden?.contains(where: { $0.code == "emailInGebruik" }) == true {
            throw Weigering.conflict(.emailAlInGebruik)
        }
        return (email, wachtwoord)
    }

    package init(db: any Database, nu: Date) {
        self.db = db
        self.nu = nu
    }
}

