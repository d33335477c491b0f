import FluentKit
import Foundation
import MeldpuntDomain

/// Makes sure every current gemeente (bronhouder for the BRP), RvIG (1999) and every
/// RNI-deelnemer exists as an organisation. Idempotent: run at every start.
package enum ReferentiedataLader {
    package static func laad(_ ref: Referentiedata, on db: any Database) async throws {
        let bestaand = try await Organisatie.query(on: db).group(.or) {
            $0.filter(\.$gemeentecode != nil).filter(\.$rniDeelnemerCode != nil)
        }.all()
        let perGemeente = Dictionary(bestaand.compactMap { o in o.gemeentecode.map { ($0, o) } }, uniquingKeysWith: { a, _ in a })
        let perAbo = Dictionary(bestaand.compactMap { o in o.rniDeelnemerCode.map { ($0, o) } }, uniquingKeysWith: { a, _ in a })

        var nieuw: [Organisatie] = []
        for g in ref.actueleGemeenten() {
            let isRni = g.code == Gemeentecode.rni.value
            let naam = isRni ? "RvIG – Registratie Niet-Ingezetenen (RNI)" : "Gemeente \(g.naam)"
            let rollen: Set<Organisatierol> = isRni ? [.bronhouder, .rni] : [.bronhouder]
            if let o = perGemeente[g.code] {
                if !o.rollen.isSuperset(of: rollen) || o.naam != naam {
                    o.rollen = o.rollen.union(rollen)
                    o.naam = naam
                    try await o.save(on: db)
                }
            } else {
                nieuw.append(Organisatie(naam: naam, gemeentecode: g.code, rollen: rollen))
            }
        }
        for abo in ref.rniDeelnemers where abo.einde == nil && perAbo[abo.code] == nil {
            nieuw.append(Organisatie(naam: abo.naam, rniDeelnemerCode: abo.code, rollen: [.bronhouder]))
        }
        if !nieuw.isEmpty {
            let teMaken = nieuw
            try await db.schrijf { tx in try await teMaken.create(on: tx) }
        }
    }
}
