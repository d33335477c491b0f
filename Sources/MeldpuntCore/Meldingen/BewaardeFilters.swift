import FluentKit
import Foundation
import MeldpuntDomain

package struct BewaardFilterDTO: Sendable, Equatable {
    package let id: String
    package let naam: String
    package let zoekvraag: String
}

package enum FilterLimieten {
    package static let maxNaam = 60
    package static let maxZoekvraag = 500
    package static let maxPerPersoon = 20
}

/// The werkvoorraad filters a staff member keeps under a name (issue 30): their own, no one else's.
package struct BewaardeFilters: Sendable {
    package let db: any Database
    package let nu: Date

    package init(db: any Database, nu: Date) {
        self.db = db
        self.nu = nu
    }

    private func persoon(_ door: Handelende) throws -> UUID {
        guard door.organisatie.heeft(.meldpunt), let id = door.gebruiker?.id else {
            throw Weigering.geenToegang(.rolOntbreekt(.meldpunt))
        }
        return id
    }

    package func lijst(door: Handelende) async throws -> [BewaardFilterDTO] {
        let id = try persoon(door)
        return try await BewaardFilter.query(on: db).filter(\.$gebruiker.$id == id).sort(\.$naam).limit(FilterLimieten.maxPerPersoon).all()
            .map { BewaardFilterDTO(id: try $0.requireID().tekst, naam: $0.naam, zoekvraag: $0.zoekvraag) }
    }

    /// Kept under this name; a filter of the same name is replaced.
    package func bewaar(naam: String?, zoekvraag: String, door: Handelende) async throws {
        let id = try persoon(door)
        let n = (naam ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var fouten: [OngeldigeParameter] = []
        if n.isEmpty { fouten.append(OngeldigeParameter(.naam, code: "required", uitleg: Tekst("Geef het filter een naam.", "Give the filter a name."))) }
        else if n.schemaLengte > FilterLimieten.maxNaam || n.contains(where: \.isNewline) { fouten.append(OngeldigeParameter(.naam, code: "maxLength", uitleg: Lengteregel.hoogstens(FilterLimieten.maxNaam))) }
        if zoekvraag.isEmpty || zoekvraag.utf8.count > FilterLimieten.maxZoekvraag {
            fouten.append(OngeldigeParameter(.zoekvraag, code: "required", uitleg: Tekst("Kies eerst een filter voor de lijst.", "First choose a filter for the list.")))
        }
        guard fouten.isEmpty else { throw Weigering.ongeldig(fouten) }
        do { try await db.schrijf { [nu] tx in
            let bestaand = try await BewaardFilter.query(on: tx).filter(\.$gebruiker.$id == id).filter(\.$naam == n).first()
            if bestaand == nil, try await BewaardFilter.query(on: tx).filter(\.$gebruiker.$id == id).count() >= FilterLimieten.maxPerPersoon {
                throw Weigering.ongeldig(.naam, "maxItems", Tekst("U heeft al \(FilterLimieten.maxPerPersoon) filters. Verwijder er eerst een.", "You already have \(FilterLimieten.maxPerPersoon) filters. Delete one first."))
            }
            let f = bestaand ?? BewaardFilter()
            if bestaand == nil {
                f.id = UUID.v7(nu)
                f.$gebruiker.id = id
                f.naam = n
            }
            f.zoekvraag = zoekvraag
            f.aangemaaktOp = nu
            try await f.save(on: tx)
        } } catch let f as any DatabaseError where f.isConstraintFailure {
            // The same name kept twice at once (a double click): the first one stands.
            return
        }
    }

    package func verwijder(_ filter: UUID, door: Handelende) async throws {
        let id = try persoon(door)
        try await BewaardFilter.query(on: db).filter(\.$id == filter).filter(\.$gebruiker.$id == id).delete()
    }
}
