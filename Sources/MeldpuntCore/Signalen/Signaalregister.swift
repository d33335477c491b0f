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

    private func vereisMeldpunt(_ door: Handelende) throws {
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

    package func kandidaat(_ id: String, door: Handelende) async throws -> KandidaatDetailDTO {
        try vereisMeldpunt(door)
        let k = try await vindKandidaat(id)
        let groep = try await Patroonherkenning(db: db).zaken(k.sleutel, van: k.begin, tot: k.eind, on: db)
        var zaken = try await gekoppeld(groep.map { ($0.zaakID, $0.dag) })
        let ids = Array(Set(groep.map(\.zaakID)))
        // Whether each description shares the group's problem: its mean similarity to the others'
        // (at most `maxVergelijken` cases, so the work is bounded whatever the group's size).
        let kernen = Dictionary(try await PatroonZaak.query(on: db).filter(\.$id ~~ ids.prefix(Self.maxVergelijken)).all()
            .map { ($0.id!, Set($0.kern.split(separator: " ").map(String.init))) }, uniquingKeysWith: { a, _ in a })
        let groepGelijk = Patroonregels.gemiddeldeGelijkenis(Array(kernen.values)) > Patroonregels.toevalsgelijkenis
        // The start of each melding's description, logged as a list read is.
        var omschrijvingen: [UUID: String] = [:]
        if let pseudoniemen {
            let personen = try await MeldingPersoonsgegevens.query(on: db).filter(\.$id ~~ ids.prefix(Self.maxVergelijken)).all()
            for p in personen { omschrijvingen[p.id!] = try MeldingService.korteOmschrijving(p) }
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
    private func kenmerken(_ ids: [UUID], on database: (any Database)? = nil) async throws -> [String: UUID] {
        let db = database ?? self.db
        var uit: [String: UUID] = [:]
        for m in try await Melding.query(on: db).filter(\.$id ~~ ids).field(\.$id).field(\.$zaaknummer).all() { uit[m.zaaknummer] = m.id! }
        for t in try await Terugmelding.query(on: db).filter(\.$id ~~ ids).field(\.$id).all() { uit[t.id!.tekst] = t.id! }
        return uit
    }

    /// Leaves one case out of a proposal: it no longer counts under this key (as a dismissal does
    /// for a whole group). A proposal left with too few cases is dismissed, as `wijsAf` does.
    /// Returns whether the proposal is still open.
    @discardableResult
    package func laatWeg(_ id: String, zaak kenmerk: String, door: Handelende) async throws -> Bool {
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
    private static func telOpnieuw(_ k: PatroonKandidaat, _ aantal: Int, nu: Date, on tx: any Database) async throws {
        let gewijzigd = try await (tx as! any SQLDatabase).update(PatroonKandidaat.schema)
            .set("aantal", to: SQLBind(aantal)).set("bijgewerkt_op", to: SQLBind(nu))
            .where("id", .equal, SQLBind(k.id!)).where("status", .equal, SQLBind(KandidaatStatus.open.rawValue))
            .returning("id").all()
        if gewijzigd.isEmpty { throw Weigering.conflict(.kandidaatAfgehandeld) }
    }

    private func vindKandidaat(_ id: String) async throws -> PatroonKandidaat {
        guard let uuid = UUID(uuidString: id), let k = try await PatroonKandidaat.find(uuid, on: db) else { throw Weigering.nietGevonden(.kandidaat) }
        return k
    }

    private func dto(_ k: PatroonKandidaat, _ groep: [PatroonIndex]) async throws -> KandidaatDTO {
        let sleutel = try k.patroonsleutel()
        // The phrases of the 50 most recent cases are enough to say what they share.
        let zaken = try await PatroonZaak.query(on: db).filter(\.$id ~~ groep.suffix(50).map(\.zaakID)).all()
        let zinsdelen = Tekstgelijkenis.gedeeld(zaken.map(\.zinsdelenSet), minimaal: 2)
        let dagen = max(1, k.begin.dagen(tot: k.eind) + 1)
        let lijktOp = try await signalenMetSleutel(k.sleutel)
        return KandidaatDTO(id: k.id!.tekst, status: k.status, aantal: groep.count, begin: k.begin, eind: k.eind, gebruikelijk: k.gebruikelijk,
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
        }
    }

    /// Signalen holding cases filed under this key: a new group of it may belong there.
    private func signalenMetSleutel(_ sleutel: String) async throws -> [SignaalVerwijzingDTO] {
        let ids = Set(try await PatroonIndex.query(on: db).filter(\.$sleutel == sleutel).filter(\.$signaalID != nil).limit(200).all().compactMap(\.signaalID))
        guard !ids.isEmpty else { return [] }
        return try await Signaal.query(on: db).filter(\.$id ~~ ids).sort(\.$nummer).all().map(Self.verwijzing)
    }

    static func verwijzing(_ s: Signaal) -> SignaalVerwijzingDTO {
        SignaalVerwijzingDTO(nummer: s.nummer, titel: s.titel, status: s.status, href: APIAdres.signaal(nummer: s.nummer))
    }

    /// The cases by their number (meldingen) or reference (terugmeldingen), with day and registrations.
    private func gekoppeld(_ zaken: [(UUID, Dag)]) async throws -> [GekoppeldeZaakDTO] {
        let ids = zaken.map(\.0)
        let meldingen = Dictionary(try await Melding.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let terugmeldingen = Dictionary(try await Terugmelding.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
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
    package func wijsAf(_ id: String, door: Handelende) async throws {
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
    package func bevestig(_ id: String, _ invoer: NieuwSignaalInvoer, alleen: Set<String>? = nil, door: Handelende) async throws -> SignaalDTO {
        try vereisMeldpunt(door)
        let k = try await vindKandidaat(id)
        guard k.status == .open else { throw Weigering.conflict(.kandidaatAfgehandeld) }
        // Every problem at once: the signaal's fields and, in a split, no case chosen.
        let geenZaak = alleen?.isEmpty == true
            ? [OngeldigeParameter(name: "zaken", code: "required", uitleg: Tekst("Kies ten minste één zaak voor het signaal.", "Choose at least one case for the signal."))] : []
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
            try await koppel(zaken.map { ($0.bron, $0.id!) }, aan: s, door: door, on: tx)
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
    package func voegSamen(_ id: String, metSignaal nummer: Int, door: Handelende) async throws -> SignaalDTO {
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

    private static func besluit(_ k: PatroonKandidaat, _ status: KandidaatStatus, signaal: UUID?, door: Handelende, nu: Date, on tx: any Database) async throws {
        // Only an open proposal changes: a simultaneous decision on it finds nothing to update.
        let gewijzigd = try await (tx as! any SQLDatabase).update(PatroonKandidaat.schema)
            .set("status", to: SQLBind(status.rawValue)).set("signaal_id", to: SQLBind(signaal)).set("besloten_door", to: SQLBind(door.naam))
            .set("bijgewerkt_op", to: SQLBind(nu))
            .where("id", .equal, SQLBind(k.id!)).where("status", .equal, SQLBind(KandidaatStatus.open.rawValue))
            .returning("id").all()
        if gewijzigd.isEmpty { throw Weigering.conflict(.kandidaatAfgehandeld) }
    }

    private func voegZakenToe(uit k: PatroonKandidaat, aan s: Signaal, door: Handelende, on tx: any Database) async throws {
        let groep = try await Patroonherkenning(db: tx).zaken(k.sleutel, van: k.begin, tot: k.eind, on: tx)
        let zaken = try await PatroonZaak.query(on: tx).filter(\.$id ~~ groep.map(\.zaakID)).all()
        try await koppel(zaken.map { ($0.bron, $0.id!) }, aan: s, door: door, on: tx)
    }

    /// Links cases (skipping those already linked) and records it on the course; every key of those
    /// cases then counts as taken, so they are not proposed again.
    private func koppel(_ zaken: [(Zaakkenmerken.Bron, UUID)], aan s: Signaal, door: Handelende, on tx: any Database) async throws {
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

    // MARK: Signalen

    /// A signaal by hand (a pattern staff saw themselves).
    package func nieuwSignaal(_ invoer: NieuwSignaalInvoer, door: Handelende) async throws -> SignaalDTO {
        try vereisMeldpunt(door)
        let nieuw = try valideer { () throws(ValidatieFouten) in try valideerNieuwSignaal(invoer) }
        let organisaties = try await organisaties(nieuw.organisatieOins)
        let nummer = try await metNieuwNummer { tx, nummer in
            _ = try await maak(nieuw, nummer: nummer, organisaties: organisaties, door: door, on: tx)
        }
        return try await signaal(nummer, door: door)
    }

    /// Numbers count up; a clash with a simultaneous new signaal (the unique number) is retried.
    private func metNieuwNummer(_ body: @escaping @Sendable (any Database, Int) async throws -> Void) async throws -> Int {
        for poging in 1...5 {
            do {
                return try await db.schrijf { tx in
                    let hoogste = try await Signaal.query(on: tx).max(\.$nummer) ?? 0
                    try await body(tx, hoogste + 1)
                    return hoogste + 1
                }
            } catch let w as Weigering {
                throw w
            } catch where poging < 5 {
                continue
            }
        }
        throw Weigering.tijdelijkBezet
    }

    private func organisaties(_ oins: [String]) async throws -> [Organisatie] {
        guard !oins.isEmpty else { return [] }
        let gevonden = try await Organisatie.query(on: db).filter(\.$oin ~~ oins).all()
        let fouten = oins.enumerated().filter { _, oin in !gevonden.contains { $0.oin == oin } }.map { i, _ in
            OngeldigeParameter(name: "organisatieOins[\(i)]", code: "onbekend", uitleg: Tekst("Deze organisatie is niet bij het Meldpunt bekend.", "This organisation is not known to the Meldpunt."))
        }
        if !fouten.isEmpty { throw Weigering.ongeldig(fouten) }
        return gevonden
    }

    private func maak(_ n: NieuwSignaal, nummer: Int, organisaties: [Organisatie], door: Handelende, on tx: any Database) async throws -> Signaal {
        let s = Signaal()
        s.id = UUID.v7(nu)
        s.nummer = nummer
        s.titel = n.titel
        s.omschrijving = n.omschrijving
        s.soort = n.soort
        s.status = .gesignaleerd
        s.niveau = .operationeel
        s.registraties = n.registraties.joined(separator: ",")
        s.aangemaaktOp = nu
        s.gewijzigdOp = nu
        s.laatsteVolgnummer = 0
        s.kennisGedeeld = false
        try await s.create(on: tx)
        for o in organisaties { try await betrek(o, bij: s, on: tx) }
        try await stap(s, .aangemaakt, door: door, status: .gesignaleerd, on: tx)
        return s
    }

    @discardableResult
    private func betrek(_ o: Organisatie, bij s: Signaal, on tx: any Database) async throws -> SignaalOrganisatie {
        if let al = try await SignaalOrganisatie.query(on: tx).filter(\.$signaal.$id == s.requireID()).filter(\.$organisatie.$id == o.requireID()).first() {
            return al
        }
        let so = SignaalOrganisatie()
        so.id = UUID.v7(nu)
        so.$signaal.id = try s.requireID()
        so.$organisatie.id = try o.requireID()
        try await so.create(on: tx)
        return so
    }

    private func stap(_ s: Signaal, _ soort: Signaalstapsoort, door: Handelende, organisatie: UUID? = nil, status: SignaalStatus? = nil,
                      niveau: Escalatieniveau? = nil, orgaan: String? = nil, datum: Dag? = nil, tekst: String? = nil, on tx: any Database) async throws {
        s.laatsteVolgnummer += 1
        s.gewijzigdOp = nu
        try await s.save(on: tx)
        let r = SignaalStapRij()
        r.id = UUID.v7(nu)
        r.$signaal.id = try s.requireID()
        r.volgnummer = s.laatsteVolgnummer
        r.soort = soort
        r.tijdstip = nu
        r.door = door.naam
        r.$organisatie.id = organisatie
        r.status = status
        r.niveau = niveau
        r.orgaan = orgaan
        r.datum = datum
        r.tekst = tekst
        try await r.create(on: tx)
    }

    private func vind(_ nummer: Int) async throws -> Signaal {
        guard let s = try await Signaal.query(on: db).filter(\.$nummer == nummer).first() else { throw Weigering.nietGevonden(.signaal) }
        return s
    }

    package func signalen(status: SignaalStatus? = nil, door: Handelende) async throws -> [SignaalSamenvattingDTO] {
        try vereisMeldpunt(door)
        var q = Signaal.query(on: db).sort(\.$gewijzigdOp, .descending)
        if let status { q = q.filter(\.$status == status) }
        return try await samenvattingen(try await q.limit(1000).all())
    }

    private func samenvattingen(_ signalen: [Signaal]) async throws -> [SignaalSamenvattingDTO] {
        let ids = signalen.compactMap(\.id)
        var aantallen: [UUID: Int] = [:]
        for z in try await SignaalZaak.query(on: db).filter(\.$signaal.$id ~~ ids).all() { aantallen[z.$signaal.id, default: 0] += 1 }
        return signalen.map { s in
            SignaalSamenvattingDTO(nummer: s.nummer, titel: s.titel, soort: s.soort, status: s.status, niveau: s.niveau, registraties: s.registratieLijst,
                                   aantalZaken: aantallen[s.id!] ?? 0, aangemaaktOp: s.aangemaaktOp, gewijzigdOp: s.gewijzigdOp,
                                   href: APIAdres.signaal(nummer: s.nummer))
        }
    }

    package func signaal(_ nummer: Int, door: Handelende) async throws -> SignaalDTO {
        try vereisMeldpunt(door)
        let s = try await vind(nummer)
        let sid = try s.requireID()
        let betrokken = try await SignaalOrganisatie.query(on: db).filter(\.$signaal.$id == sid).with(\.$organisatie).all()
        let zaken = try await SignaalZaak.query(on: db).filter(\.$signaal.$id == sid).sort(\.$toegevoegdOp).all()
        return SignaalDTO(nummer: s.nummer, titel: s.titel, omschrijving: s.omschrijving, soort: s.soort, status: s.status, niveau: s.niveau,
                          registraties: s.registratieLijst,
                          organisaties: betrokken.map { SignaalOrganisatieDTO(organisatie: OrganisatieVerwijzing($0.organisatie), teruggekoppeldOp: $0.teruggekoppeldOp) }
                            .sorted { $0.organisatie.naam < $1.organisatie.naam },
                          zaken: try await gekoppeld(zaken.map { ($0.zaakID, Dag($0.toegevoegdOp)) }),
                          verloop: try await verloop(s, alleenVoor: nil), kennis: Self.kennis(s), aangemaaktOp: s.aangemaaktOp, gewijzigdOp: s.gewijzigdOp,
                          afgeslotenOp: s.afgeslotenOp, href: APIAdres.signaal(nummer: s.nummer))
    }

    private static func kennis(_ s: Signaal) -> KennisDTO? {
        s.kennisGeleerd.map { KennisDTO(geleerd: $0, oplossingsroute: s.kennisRoute, gedeeld: s.kennisGedeeld) }
    }

    /// The course; for a partner only the steps meant for it (feedback to it, its answers) and
    /// the steps everyone concerned may know (agenda, escalation, closing).
    private func verloop(_ s: Signaal, alleenVoor organisatie: UUID?) async throws -> [SignaalStapDTO] {
        let stappen = try await SignaalStapRij.query(on: db).filter(\.$signaal.$id == s.requireID()).sort(\.$volgnummer).all()
        let orgs = Dictionary(try await Organisatie.query(on: db).filter(\.$id ~~ stappen.compactMap { $0.$organisatie.id }).all().map { ($0.id!, $0) },
                              uniquingKeysWith: { a, _ in a })
        return stappen.filter { r in
            guard let organisatie else { return true }
            switch r.soort {
            case .terugkoppeling, .antwoord: return r.$organisatie.id == organisatie
            case .agendering, .escalatie, .afsluiting, .aangemaakt: return true
            case .zakenToegevoegd, .kennisVastgelegd: return false
            }
        }.map { r in
            SignaalStapDTO(volgnummer: r.volgnummer, soort: r.soort, tijdstip: r.tijdstip, door: r.door,
                           organisatie: r.$organisatie.id.flatMap { orgs[$0] }.map(OrganisatieVerwijzing.init), status: r.status, niveau: r.niveau,
                           orgaan: r.orgaan, datum: r.datum, tekst: r.tekst)
        }
    }

    /// A case joins a signaal by hand: a melding by its number, a terugmelding by its reference.
    package func koppelZaak(_ nummer: Int, kenmerk: String?, door: Handelende) async throws -> SignaalDTO {
        try vereisMeldpunt(door)
        let s = try await vind(nummer)
        if s.status.isAfgesloten { throw Weigering.conflict(.signaalOvergang(.ongeldigeOvergang(van: s.status, naar: s.status))) }
        let k = (kenmerk ?? "").trimmingCharacters(in: .whitespaces)
        let zaak: (Zaakkenmerken.Bron, UUID)
        if let m = try await Melding.query(on: db).filter(\.$zaaknummer == k.uppercased()).first() {
            zaak = (.melding, try m.requireID())
        } else if let id = UUID(uuidString: k), try await Terugmelding.find(id, on: db) != nil {
            zaak = (.terugmelding, id)
        } else {
            throw Weigering.ongeldig([OngeldigeParameter(name: "kenmerk", code: k.isEmpty ? "required" : "onbekend",
                                                          uitleg: k.isEmpty ? Tekst("Vul het zaaknummer of de referentie in.", "Enter the case number or the reference.")
                                                                            : Tekst("Er is geen melding of terugmelding met dit nummer.", "There is no case or data report with this number."))])
        }
        try await db.schrijf { tx in try await koppel([zaak], aan: s, door: door, on: tx) }
        return try await signaal(nummer, door: door)
    }

    /// Checks a step as `zetStap` would, without writing: for a check page before closing.
    package func controleerStap(_ nummer: Int, _ soort: SignaalStap.Soort, _ invoer: SignaalStapInvoer, door: Handelende) async throws {
        _ = try await voorbereid(nummer, soort, invoer, door: door)
    }

    private func voorbereid(_ nummer: Int, _ soort: SignaalStap.Soort, _ invoer: SignaalStapInvoer,
                            door: Handelende) async throws -> (Signaal, SignaalStap, SignaalStatus?) {
        try vereisMeldpunt(door)
        guard soort != .antwoord else { throw Weigering.geenToegang(.rolOntbreekt(.partner)) }
        let s = try await vind(nummer)
        let stap = try valideer { () throws(ValidatieFouten) in try SignaalStap.valideer(soort, invoer) }
        do { return (s, stap, try stap.nieuweStatus(van: s.status)) } catch { throw Weigering.conflict(.signaalOvergang(error)) }
    }

    /// A step in the course: feedback, agenda, closing or escalation (staff).
    package func zetStap(_ nummer: Int, _ soort: SignaalStap.Soort, _ invoer: SignaalStapInvoer, door: Handelende) async throws -> SignaalDTO {
        let (s, stap, nieuweStatus) = try await voorbereid(nummer, soort, invoer, door: door)
        var hoger: Escalatieniveau?
        if case .escalatie = stap {
            guard let h = s.niveau.hoger else { throw Weigering.conflict(.signaalOvergang(.hoogsteNiveau)) }
            hoger = h
        }
        var organisatie: Organisatie?
        if case .terugkoppeling(let oin, _) = stap {
            guard let o = try await Organisatie.query(on: db).filter(\.$oin == oin).first() else {
                throw Weigering.ongeldig([OngeldigeParameter(name: "organisatieOin", code: "onbekend",
                                                              uitleg: Tekst("Deze organisatie is niet bij het Meldpunt bekend.", "This organisation is not known to the Meldpunt."))])
            }
            organisatie = o
        }
        let gelezen = s.laatsteVolgnummer
        try await db.schrijf { [nu, berichten, organisatie, hoger] tx in
            // Someone else changed it since it was read: refuse rather than overwrite.
            guard let vers = try await Signaal.find(s.requireID(), on: tx), vers.laatsteVolgnummer == gelezen else {
                throw Weigering.conflict(.tegelijkGewijzigd)
            }
            if let nieuweStatus { vers.status = nieuweStatus }
            switch stap {
            case .terugkoppeling(_, let toelichting):
                let o = organisatie!
                let so = try await betrek(o, bij: vers, on: tx)
                so.teruggekoppeldOp = nu
                try await so.save(on: tx)
                try await self.stap(vers, .terugkoppeling, door: door, organisatie: o.id, status: nieuweStatus, tekst: toelichting, on: tx)
                try await berichten.signaalTeruggekoppeld(vers, aan: o, nu: nu, on: tx)
            case .agendering(let orgaan, let datum, let toelichting):
                try await self.stap(vers, .agendering, door: door, status: nieuweStatus, orgaan: orgaan, datum: datum, tekst: toelichting, on: tx)
            case .afsluiting(let uitkomst, let toelichting):
                vers.afgeslotenOp = nu
                try await self.stap(vers, .afsluiting, door: door, status: uitkomst, tekst: toelichting, on: tx)
            case .escalatie(let reden):
                vers.niveau = hoger!
                try await self.stap(vers, .escalatie, door: door, niveau: hoger, tekst: reden, on: tx)
                let betrokken = try await SignaalOrganisatie.query(on: tx).filter(\.$signaal.$id == vers.requireID()).filter(\.$teruggekoppeldOp != nil)
                    .with(\.$organisatie).all()
                for so in betrokken { try await berichten.signaalGeescaleerd(vers, aan: so.organisatie, nu: nu, on: tx) }
            case .antwoord:
                break
            }
        }
        return try await signaal(nummer, door: door)
    }

    package func legKennisVast(_ nummer: Int, _ invoer: KennisInvoer, door: Handelende) async throws -> SignaalDTO {
        try vereisMeldpunt(door)
        let s = try await vind(nummer)
        let k = try valideer { () throws(ValidatieFouten) in try valideerKennis(invoer) }
        try await db.schrijf { tx in
            s.kennisGeleerd = k.geleerd
            s.kennisRoute = k.oplossingsroute
            s.kennisGedeeld = k.delen
            try await stap(s, .kennisVastgelegd, door: door, on: tx)
        }
        return try await signaal(nummer, door: door)
    }

    /// The same for a melding by its case number.
    package func signalenBijMelding(_ zaaknummer: String, door: Handelende) async throws -> [SignaalVerwijzingDTO] {
        guard let m = try await Melding.query(on: db).filter(\.$zaaknummer == zaaknummer).first() else { return [] }
        return try await signalenBijZaak(m.requireID(), door: door)
    }

    /// Signalen that cases like this one belong to (they share a key), for the case page: the
    /// knowledge staff can use now.
    package func signalenBijZaak(_ zaakID: UUID, door: Handelende) async throws -> [SignaalVerwijzingDTO] {
        try vereisMeldpunt(door)
        let sleutels = try await PatroonIndex.query(on: db).filter(\.$zaakID == zaakID).all().map(\.sleutel)
        let direct = try await SignaalZaak.query(on: db).filter(\.$zaakID == zaakID).all().map { $0.$signaal.id }
        var ids = Set(direct)
        if !sleutels.isEmpty {
            ids.formUnion(try await PatroonIndex.query(on: db).filter(\.$sleutel ~~ sleutels).filter(\.$signaalID != nil).limit(200).all().compactMap(\.signaalID))
        }
        guard !ids.isEmpty else { return [] }
        return try await Signaal.query(on: db).filter(\.$id ~~ ids).sort(\.$nummer).all().map(Self.verwijzing)
    }

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
    private func voorPartner(_ nummer: Int, _ door: Handelende) async throws -> Signaal {
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
