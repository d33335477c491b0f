import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain
import SQLKit

/// The signalen register (issue 14): proposals from the detector, confirmed, merged or dismissed
/// by the meldpunt; signalen with their course (fed back, on an agenda, escalated, closed) and what
/// was learned; and the organisations they concern, which read and answer them in their portal.
/// Cases appear by number, day and registration; a proposal also shows the start of each case's
/// description (so staff see whether they share a problem), read through the processing log.
package struct Signaalregister: Sendable {
    package let db: any Database
    package let nu: Date
    package let berichten: Berichtgeving
    /// For the processing log of a proposal's descriptions (without them, none are shown).
    package var pseudoniemen: Pseudonimiseerder?
    package var traceID = ""

    package init(db: any Database, nu: Date, berichten: Berichtgeving) {
        self.db = db
        self.nu = nu
        self.berichten = berichten
    }

    func vereisMeldpunt(_ door: Handelende) throws {
        guard door.organisatie.heeft(.meldpunt) else { throw Weigering.geenToegang(.rolOntbreekt(.meldpunt)) }
    }

    // MARK: Proposals

    /// Open proposals, best first. Groups of largely the same cases under several keys (a cluster
    /// shares registration and consequence, and also origin) are shown once, under the best-ranked
    /// key (the more specific one when the scores are equal).
    /// At most `hoogstens` are shown (staff work from the top; at 100,000 cases a fresh system
    /// can hold a few hundred open ones, and each costs a few reads to explain).
    package func kandidaten(door: Handelende, hoogstens: Int = 50) async throws -> [KandidaatDTO] {
        try vereisMeldpunt(door)
        let open = try await PatroonKandidaat.query(on: db).filter(\.$status == .open).sort(\.$score, .descending).limit(500).all()
        var gezien: [Set<UUID>] = []
        var uit: [KandidaatDTO] = []
        let sleutels = try Dictionary(open.map { (ObjectIdentifier($0), try $0.patroonsleutel().delen.count) }, uniquingKeysWith: { a, _ in a })
        for k in open.sorted(by: { ($0.score, sleutels[ObjectIdentifier($0)] ?? 0) > ($1.score, sleutels[ObjectIdentifier($1)] ?? 0) }) {
            guard uit.count < hoogstens else { break }
            // Past the request's deadline: stop here rather than read on.
            try Task.checkCancellation()
            let groep = try await Patroonherkenning(db: db).zaken(k.sleutel, van: k.begin, tot: k.eind, on: db)
            let ids = Set(groep.map(\.zaakID))
            // Three quarters of it already in a better-ranked group: the same cases, shown once.
            guard ids.count >= Patroonregels.minimaal,
                  !gezien.contains(where: { 4 * ids.intersection($0).count >= 3 * ids.count }) else { continue }
            // Mostly cases staff already dismissed as a group (under another key): the same grouping.
            let afgewezen = try await PatroonIndex.query(on: db).filter(\.$zaakID ~~ ids).filter(\.$afgewezenIn != nil).unique().all(\.$zaakID)
            guard 2 * Set(afgewezen).count < ids.count else { continue }
            gezien.append(ids)
            uit.append(try await dto(k, groep))
        }
        return uit
    }

    package func kandidaat(_ id: UUID, door: Handelende) async throws -> KandidaatDetailDTO {
        try vereisMeldpunt(door)
        let k = try await vindKandidaat(id)
        let groep = try await Patroonherkenning(db: db).zaken(k.sleutel, van: k.begin, tot: k.eind, on: db)
        var zaken = try await gekoppeld(groep.map { ($0.zaakID, $0.dag) })
        let ids = Array(Set(groep.map(\.zaakID)))
        // Whether each description shares the group's problem: its mean similarity to the others'
        // (at most `maxVergelijken` cases, so the work is bounded whatever the group's size).
        let kernen = Dictionary(try await PatroonZaak.query(on: db).filter(\.$id ~~ ids.prefix(Self.maxVergelijken)).all()
            .map { (try $0.requireID(), Set($0.kern.split(separator: " ").map(String.init))) }, uniquingKeysWith: { a, _ in a })
        let groepGelijk = Patroonregels.gemiddeldeGelijkenis(Array(kernen.values)) > Patroonregels.toevalsgelijkenis
        // The start of each melding's description, logged as a list read is.
        var omschrijvingen: [UUID: String] = [:]
        if let pseudoniemen {
            let personen = try await MeldingPersoonsgegevens.query(on: db).filter(\.$id ~~ ids.prefix(Self.maxVergelijken)).all()
            for p in personen { omschrijvingen[try p.requireID()] = try MeldingService.korteOmschrijving(p) }
            try await Verwerkingslog.schrijf(personen.map {
                Verwerkingslog.regel(.meldingLijst, organisatie: door.organisatie.id, melding: $0.id, betrokkene: $0.bsn.map { pseudoniemen.pseudoniem("bsn:" + $0) },
                                     traceID: traceID, tijdstip: nu, gebruiker: door.gebruiker?.id)
            }, on: db)
        }
        let perKenmerk = try await kenmerken(ids)
        for i in zaken.indices {
            guard let id = perKenmerk[zaken[i].kenmerk] else { continue }
            zaken[i].omschrijving = omschrijvingen[id]
            if let eigen = kernen[id], !eigen.isEmpty, groepGelijk {
                let anderen = kernen.filter { $0.key != id }.values
                let gemiddeld = anderen.isEmpty ? 1 : anderen.map { Tekstgelijkenis.gelijkenis(eigen, $0) }.reduce(0, +) / Double(anderen.count)
                zaken[i].afwijkend = gemiddeld <= Patroonregels.toevalsgelijkenis
            }
        }
        return KandidaatDetailDTO(kandidaat: try await dto(k, groep), zaken: zaken)
    }

    /// The cases of a proposal whose descriptions are compared and shown.
    static let maxVergelijken = 200

    /// Case ids by number (meldingen) or reference (terugmeldingen), as pages name them.
    func kenmerken(_ ids: [UUID], on database: (any Database)? = nil) async throws -> [String: UUID] {
        let db = database ?? self.db
        var uit: [String: UUID] = [:]
        for m in try await Melding.query(on: db).filter(\.$id ~~ ids).field(\.$id).field(\.$zaaknummer).all() { uit[m.zaaknummer] = try m.requireID() }
        for t in try await Terugmelding.query(on: db).filter(\.$id ~~ ids).field(\.$id).all() { uit[try t.requireID().tekst] = try t.requireID() }
        return uit
    }

    /// Leaves one case out of a proposal: it no longer counts under this key (as a dismissal does
    /// for a whole group). A proposal left with too few cases is dismissed, as `wijsAf` does.
    /// Returns whether the proposal is still open.
    @discardableResult
    package func laatWeg(_ id: UUID, zaak kenmerk: String, door: Handelende) async throws -> Bool {
        try vereisMeldpunt(door)
        let k = try await vindKandidaat(id)
        guard k.status == .open else { throw Weigering.conflict(.kandidaatAfgehandeld) }
        return try await db.schrijf { [nu] tx in
            let groep = try await Patroonherkenning(db: tx).zaken(k.sleutel, van: k.begin, tot: k.eind, on: tx)
            // By its number or reference; a case filed under the key by its id alone, by that.
            guard let zaak = try await kenmerken(groep.map(\.zaakID), on: tx)[kenmerk] ?? groep.first(where: { $0.zaakID.tekst == kenmerk })?.zaakID
            else { throw Weigering.nietGevonden(.bron) }
            try await PatroonIndex.query(on: tx).filter(\.$sleutel == k.sleutel).filter(\.$zaakID == zaak).set(\.$afgewezenIn, to: k.id).update()
            let rest = Set(groep.map(\.zaakID)).subtracting([zaak])
            if rest.count < Patroonregels.minimaal {
                try await PatroonIndex.query(on: tx).filter(\.$sleutel == k.sleutel).filter(\.$zaakID ~~ Array(rest)).set(\.$afgewezenIn, to: k.id).update()
                try await Self.besluit(k, .afgewezen, signaal: nil, door: door, nu: nu, on: tx)
                return false
            }
            try await Self.telOpnieuw(k, rest.count, nu: nu, on: tx)
            return true
        }
    }

    /// The open proposal's new count; a proposal decided on meanwhile is a conflict.
    static func telOpnieuw(_ k: PatroonKandidaat, _ aantal: Int, nu: Date, on tx: any Database) async throws {
        let gewijzigd = try await (tx as! any SQLDatabase).update(PatroonKandidaat.schema)
            .set("aantal", to: SQLBind(aantal)).set("bijgewerkt_op", to: SQLBind(nu))
            .where("id", .equal, SQLBind(try k.requireID())).where("status", .equal, SQLBind(KandidaatStatus.open.rawValue))
            .returning("id").all()
        if gewijzigd.isEmpty { throw Weigering.conflict(.kandidaatAfgehandeld) }
    }

    func vindKandidaat(_ id: UUID) async throws -> PatroonKandidaat {
        guard let k = try await PatroonKandidaat.find(id, on: db) else { throw Weigering.nietGevonden(.kandidaat) }
        return k
    }

    func dto(_ k: PatroonKandidaat, _ groep: [PatroonIndex]) async throws -> KandidaatDTO {
        let sleutel = try k.patroonsleutel()
        // The phrases of the 50 most recent cases are enough to say what they share.
        let zaken = try await PatroonZaak.query(on: db).filter(\.$id ~~ groep.suffix(50).map(\.zaakID)).all()
        let zinsdelen = Tekstgelijkenis.gedeeld(zaken.map(\.zinsdelenSet), minimaal: 2)
        let dagen = max(1, k.begin.dagen(tot: k.eind) + 1)
        let lijktOp = try await signalenMetSleutel(k.sleutel)
        return KandidaatDTO(id: try k.requireID().tekst, status: k.status, aantal: groep.count, begin: k.begin, eind: k.eind, gebruikelijk: k.gebruikelijk,
                            gelijkenis: k.gelijkenis, score: k.score,
                            uitleg: Patroonregels.uitleg(sleutel, aantal: groep.count, dagen: dagen, zinsdelen: zinsdelen, taal: .nl),
                            uitlegEn: Patroonregels.uitleg(sleutel, aantal: groep.count, dagen: dagen, zinsdelen: zinsdelen, taal: .en),
                            kenmerken: sleutel.delen.map(Self.kenmerk), gedeeldeZinsdelen: zinsdelen.prefix(5).map { ZinsdeelDTO(zinsdeel: $0.zinsdeel, aantal: $0.aantal) },
                            lijktOp: lijktOp, href: APIAdres.signaalkandidaat(try k.requireID()))
    }

    static func kenmerk(_ d: Patroonsleutel.Deel) -> KenmerkDTO {
        switch d {
        case .registratie(let r): KenmerkDTO(soort: "registratie", waarde: r, waardeEn: r)
        case .attribuut(let a): KenmerkDTO(soort: "attribuut", waarde: a, waardeEn: a)
        case .herkomst(let h): KenmerkDTO(soort: "herkomst", waarde: h, waardeEn: h)
        case .gevolg(let g):
            KenmerkDTO(soort: "gevolg", waarde: g.organisatie.map { "\(g.soort.naam(.nl)) bij \($0)" } ?? g.soort.naam(.nl),
                       waardeEn: g.organisatie.map { "\(g.soort.naam(.en)) at \($0)" } ?? g.soort.naam(.en))
        case .bronhouder(let b): KenmerkDTO(soort: "bronhouder", waarde: b, waardeEn: b)
        case .interpretatie: KenmerkDTO(soort: "bevinding", waarde: "Juist gegeven, verkeerd uitgelegd", waardeEn: "Correct data, interpreted wrongly")
        }
    }

    /// Signalen holding cases filed under this key: a new group of it may belong there.
    func signalenMetSleutel(_ sleutel: String) async throws -> [SignaalVerwijzingDTO] {
        let ids = Set(try await PatroonIndex.query(on: db).filter(\.$sleutel == sleutel).filter(\.$signaalID != nil).limit(200).all().compactMap(\.signaalID))
        guard !ids.isEmpty else { return [] }
        return try await Signaal.query(on: db).filter(\.$id ~~ ids).sort(\.$nummer).all().map(Self.verwijzing)
    }

    static func verwijzing(_ s: Signaal) -> SignaalVerwijzingDTO {
        SignaalVerwijzingDTO(nummer: s.nummer, titel: s.titel, status: s.status, href: APIAdres.signaal(nummer: s.nummer))
    }

    /// The cases by their number (meldingen) or reference (terugmeldingen), with day and registrations.
    func gekoppeld(_ zaken: [(UUID, Dag)]) async throws -> [GekoppeldeZaakDTO] {
        let ids = zaken.map(\.0)
        let meldingen = Dictionary(try await Melding.query(on: db).filter(\.$id ~~ ids).all().map { (try $0.requireID(), $0) }, uniquingKeysWith: { a, _ in a })
        let terugmeldingen = Dictionary(try await Terugmelding.query(on: db).filter(\.$id ~~ ids).all().map { (try $0.requireID(), $0) }, uniquingKeysWith: { a, _ in a })
        return zaken.compactMap { id, dag in
            if let m = meldingen[id] {
                return GekoppeldeZaakDTO(bron: .melding, kenmerk: m.zaaknummer, ontvangenOp: Dag(m.ontvangenOp),
                                         registraties: m.registraties.split(separator: ",").map(String.init))
            }
            if let t = terugmeldingen[id] {
                return GekoppeldeZaakDTO(bron: .terugmelding, kenmerk: id.tekst, ontvangenOp: Dag(t.ontvangenOp), registraties: [t.registratie])
            }
            return nil
        }
    }

    /// Dismissed: its cases no longer count towards a proposal under this key, so the same grouping never returns.
    package func wijsAf(_ id: UUID, door: Handelende) async throws {
        try vereisMeldpunt(door)
        let k = try await vindKandidaat(id)
        guard k.status == .open else { throw Weigering.conflict(.kandidaatAfgehandeld) }
        try await db.schrijf { [nu] tx in
            let groep = try await Patroonherkenning(db: tx).zaken(k.sleutel, van: k.begin, tot: k.eind, on: tx)
            try await PatroonIndex.query(on: tx).filter(\.$id ~~ groep.compactMap(\.id)).set(\.$afgewezenIn, to: k.id).update()
            try await Self.besluit(k, .afgewezen, signaal: nil, door: door, nu: nu, on: tx)
        }
    }

    /// A new signaal from the proposal's cases, or (`alleen`, by number or reference) from those
    /// staff chose: a split. The other cases stay a proposal while they still make a group.
    package func bevestig(_ id: UUID, _ invoer: NieuwSignaalInvoer, alleen: Set<String>? = nil, door: Handelende) async throws -> SignaalDTO {
        try vereisMeldpunt(door)
        let k = try await vindKandidaat(id)
        guard k.status == .open else { throw Weigering.conflict(.kandidaatAfgehandeld) }
        // Every problem at once: the signaal's fields and, in a split, no case chosen.
        let geenZaak = alleen?.isEmpty == true
            ? [OngeldigeParameter(.zaken, code: "required", uitleg: Tekst("Kies ten minste één zaak voor het signaal.", "Choose at least one case for the signal."))] : []
        let nieuw: NieuwSignaal
        do {
            nieuw = try valideerNieuwSignaal(invoer)
        } catch let fouten as ValidatieFouten {
            throw Weigering.ongeldig(fouten.fouten + geenZaak)
        }
        if !geenZaak.isEmpty { throw Weigering.ongeldig(geenZaak) }
        let organisaties = try await organisaties(nieuw.organisatieOins)
        let nummer = try await metNieuwNummer { [nu] tx, nummer in
            let s = try await maak(nieuw, nummer: nummer, organisaties: organisaties, door: door, on: tx)
            let groep = Set(try await Patroonherkenning(db: tx).zaken(k.sleutel, van: k.begin, tot: k.eind, on: tx).map(\.zaakID))
            var ids = groep
            if let alleen { ids = Set(try await kenmerken(Array(groep), on: tx).filter { alleen.contains($0.key) }.values) }
            // A page older than the group: none of its ticked cases is still in the proposal.
            guard !ids.isEmpty else { throw Weigering.conflict(.kandidaatAfgehandeld) }
            let zaken = try await PatroonZaak.query(on: tx).filter(\.$id ~~ Array(ids)).all()
            try await koppel(zaken.map { ($0.bron, try $0.requireID()) }, aan: s, door: door, on: tx)
            let rest = groep.subtracting(ids).count
            if rest >= Patroonregels.minimaal {
                try await Self.telOpnieuw(k, rest, nu: nu, on: tx)
            } else {
                try await Self.besluit(k, .bevestigd, signaal: s.id, door: door, nu: nu, on: tx)
            }
        }
        return try await signaal(nummer, door: door)
    }

    /// The proposal's cases join an existing signaal.
    package func voegSamen(_ id: UUID, metSignaal nummer: Int, door: Handelende) async throws -> SignaalDTO {
        try vereisMeldpunt(door)
        let k = try await vindKandidaat(id)
        guard k.status == .open else { throw Weigering.conflict(.kandidaatAfgehandeld) }
        let s = try await vind(nummer)
        if s.status.isAfgesloten { throw Weigering.conflict(.signaalOvergang(.ongeldigeOvergang(van: s.status, naar: s.status))) }
        try await db.schrijf { [nu] tx in
            try await voegZakenToe(uit: k, aan: s, door: door, on: tx)
            try await Self.besluit(k, .samengevoegd, signaal: s.id, door: door, nu: nu, on: tx)
        }
        return try await signaal(nummer, door: door)
    }

    static func besluit(_ k: PatroonKandidaat, _ status: KandidaatStatus, signaal: UUID?, door: Handelende, nu: Date, on tx: any Database) async throws {
        // Only an open proposal changes: a simultaneous decision on it finds nothing to update.
        let gewijzigd = try await (tx as! any SQLDatabase).update(PatroonKandidaat.schema)
            .set("status", to: SQLBind(status.rawValue)).set("signaal_id", to: SQLBind(signaal)).set("besloten_door", to: SQLBind(door.naam))
            .set("bijgewerkt_op", to: SQLBind(nu))
            .where("id", .equal, SQLBind(try k.requireID())).where("status", .equal, SQLBind(KandidaatStatus.open.rawValue))
            .returning("id").all()
        if gewijzigd.isEmpty { throw Weigering.conflict(.kandidaatAfgehandeld) }
    }

    func voegZakenToe(uit k: PatroonKandidaat, aan s: Signaal, door: Handelende, on tx: any Database) async throws {
        let groep = try await Patroonherkenning(db: tx).zaken(k.sleutel, van: k.begin, tot: k.eind, on: tx)
        let zaken = try await PatroonZaak.query(on: tx).filter(\.$id ~~ groep.map(\.zaakID)).all()
        try await koppel(zaken.map { ($0.bron, try $0.requireID()) }, aan: s, door: door, on: tx)
    }

    /// Links cases (skipping those already linked) and records it on the course; every key of those
    /// cases then counts as taken, so they are not proposed again.
    func koppel(_ zaken: [(Zaakkenmerken.Bron, UUID)], aan s: Signaal, door: Handelende, on tx: any Database) async throws {
        let sid = try s.requireID()
        let al = Set(try await SignaalZaak.query(on: tx).filter(\.$signaal.$id == sid).all().map(\.zaakID))
        let nieuw = zaken.filter { !al.contains($0.1) }
        for (bron, id) in nieuw {
            let z = SignaalZaak()
            z.id = UUID.v7(nu)
            z.$signaal.id = sid
            z.bron = bron
            z.zaakID = id
            z.toegevoegdOp = nu
            try await z.create(on: tx)
        }
        if !nieuw.isEmpty {
            try await PatroonIndex.query(on: tx).filter(\.$zaakID ~~ nieuw.map(\.1)).filter(\.$signaalID == nil).set(\.$signaalID, to: sid).update()
            try await stap(s, .zakenToegevoegd, door: door, tekst: "\(nieuw.count)", on: tx)
        }
    }
}
