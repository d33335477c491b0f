import FluentKit
import SQLKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain

extension Meldingoverzicht {
    /// How many cases each filter finds, without reading any of them (the folder counts).
    package func aantallen(_ filters: [Werkvoorraad], door: Handelende) async throws -> [Int] {
        try zaken.vereisMeldpunt(door)
        let verzoekTeLaat = try await zaken.meldingenMetVerzoekTeLaat()
        var r: [Int] = []
        for f in filters { r.append(try await zaken.query(f, verzoekTeLaat: verzoekTeLaat).count()) }
        return r
    }

    /// Open work oldest first (work in order of arrival); a list of only closed cases newest first.
    package func werkvoorraad(_ f: Werkvoorraad, door: Handelende) async throws -> (items: [MeldingSamenvattingDTO], totaal: Int) {
        try zaken.vereisMeldpunt(door)
        let verzoekTeLaat = try await zaken.meldingenMetVerzoekTeLaat()
        let q = try await zaken.query(f, verzoekTeLaat: verzoekTeLaat)
        let totaal = try await q.count()
        return try await zaken.rijen(q, f, totaal: totaal, verzoekTeLaat: verzoekTeLaat, door: door)
    }

    /// Every case the filter finds (at most `maxExport`), without names or descriptions: the list
    /// as a file for planning and reporting, which travels further than the screen.
    package func export(_ f: Werkvoorraad, door: Handelende) async throws -> [MeldingSamenvattingDTO] {
        var f = f
        f.zonderPersoonsgegevens = true
        f.pagina = 1
        f.paginagrootte = Self.maxExport
        return try await werkvoorraad(f, door: door).items
    }

    package static let maxExport = 5000

    /// Per case number, the other cases of the same person: the same BSN, or exactly the same names
    /// (melder, represented person, organisation). Newest first, at most 10 per case; each read is logged.
    package func zelfdePersoon(_ zaaknummers: [String], door: Handelende) async throws -> [String: [MeldingVerwijzing]] {
        try zaken.vereisMeldpunt(door)
        guard !zaaknummers.isEmpty else { return [:] }
        let eigen = try await Melding.query(on: db).filter(\.$zaaknummer ~~ zaaknummers).all()
        let personen = try await zaken.persoonsgegevens(eigen.compactMap(\.id))
        let bsns = Set(personen.values.compactMap(\.bsn)), namen = Set(personen.values.compactMap(\.zoeknaam))
        guard !bsns.isEmpty || !namen.isEmpty else { return [:] }
        let anderen = try await MeldingPersoonsgegevens.query(on: db).group(.or) { or in
            if !bsns.isEmpty { or.filter(\.$bsn ~~ Array(bsns)) }
            if !namen.isEmpty { or.filter(\.$zoeknaam ~~ Array(namen)) }
        }.limit(500).all()
        let meldingen = Dictionary(uniqueKeysWithValues: try await Melding.query(on: db).filter(\.$id ~~ anderen.compactMap(\.id))
            .sort(\.$ontvangenOp, .descending).all().map { (try $0.requireID(), $0) })
        var r: [String: [MeldingVerwijzing]] = [:]
        var gelezen: [Verwerkingslogregel] = []
        for m in eigen {
            guard let p = personen[try m.requireID()] else { continue }
            let zelfde = try anderen.filter { $0.id != m.id && (($0.bsn != nil && $0.bsn == p.bsn) || ($0.zoeknaam != nil && $0.zoeknaam == p.zoeknaam)) }
                .compactMap { a in meldingen[try a.requireID()].map { (a, $0) } }
                .sorted { $0.1.ontvangenOp > $1.1.ontvangenOp }.prefix(10)
            guard !zelfde.isEmpty else { continue }
            r[m.zaaknummer] = zelfde.map { MeldingVerwijzing(zaaknummer: $0.1.zaaknummer, status: $0.1.status) }
            gelezen += zelfde.map { Verwerkingslog.regel(.meldingLijst, organisatie: door.organisatie.id, melding: $0.1.id, betrokkene: zaken.betrokkene($0.0),
                                                         traceID: traceID, tijdstip: nu, gebruiker: door.gebruiker?.id) }
        }
        try await Verwerkingslog.schrijf(gelezen, on: db)
        return r
    }

    package func detail(_ zaaknummer: Zaaknummer, door: Handelende) async throws -> MeldingDetailDTO {
        try zaken.vereisMeldpunt(door)
        let m = try await zaken.zoek(zaaknummer)
        let p = try await MeldingPersoonsgegevens.find(m.id, on: db)
        try await Verwerkingslog.regel(.meldingRaadplegen, organisatie: door.organisatie.id, melding: m.id, betrokkene: zaken.betrokkene(p),
                                       traceID: traceID, tijdstip: nu, gebruiker: door.gebruiker?.id).create(on: db)
        if m.ongelezen && door.gebruiker != nil {
            // A person of the meldpunt opened it: no longer unread on the werkvoorraad.
            try await Melding.query(on: db).filter(\.$id == m.requireID()).set(\.$ongelezen, to: false).update()
            m.ongelezen = false
        }
        return try await zaken.detailZonderLog(m)
    }

    package func bijlage(_ zaaknummer: Zaaknummer, _ bijlageID: UUID, door: Handelende) async throws -> (MeldingBijlage, Data) {
        try zaken.vereisMeldpunt(door)
        let m = try await zaken.zoek(zaaknummer)
        guard let b = try await MeldingBijlage.query(on: db).filter(\.$id == bijlageID).filter(\.$melding.$id == m.requireID()).first(),
              let data = try await BijlageOpslag.laad(b.sha256, on: db)
        else { throw Weigering.nietGevonden(.bijlage) }
        let p = try await MeldingPersoonsgegevens.find(m.id, on: db)
        try await Verwerkingslog.regel(.meldingBijlageRaadplegen, organisatie: door.organisatie.id, melding: m.id, betrokkene: zaken.betrokkene(p),
                                       traceID: traceID, tijdstip: nu, gebruiker: door.gebruiker?.id).create(on: db)
        return (b, data)
    }
}
