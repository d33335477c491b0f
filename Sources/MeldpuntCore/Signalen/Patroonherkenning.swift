import FluentKit
import Foundation
import MeldpuntDomain
import SQLKit

/// The detector of structural errors (issue 14). A case written or re-analysed leaves a row in
/// `patroon_wachtrij`; a round takes those rows, files each case under its keys in `patroon_index`
/// and looks, per key, at the cases of that key around the new one: two indexed counts and at
/// most 50 cases' stems, however many cases there are in all. Rounds run in the background
/// under a lease (one instance at a time); tests call `ronde` directly.
package struct Patroonherkenning: Sendable {
    package let db: any Database
    /// Queue rows taken per round.
    package var perRonde = 200

    package init(db: any Database) {
        self.db = db
    }

    // MARK: A round

    /// Takes up to `perRonde` queued cases; returns how many it handled.
    @discardableResult
    package func ronde(nu: Date) async throws -> Int {
        let rijen = try await PatroonWachtrij.query(on: db).sort(\.$aangemaaktOp).sort(\.$id).limit(perRonde).all()
        guard !rijen.isEmpty else { return 0 }
        var gezien: Set<UUID> = []
        for rij in rijen where gezien.insert(rij.zaakID).inserted {
            // Past the round's deadline: what is done is committed, the rest waits in the queue.
            try Task.checkCancellation()
            let kenmerken: Zaakkenmerken? = switch rij.bron {
            case .melding: try await kenmerken(melding: rij.zaakID)
            case .terugmelding: try await kenmerken(terugmelding: rij.zaakID)
            }
            try await db.schrijf { tx in
                if let kenmerken { try await verwerk(kenmerken, zaak: rij.zaakID, nu: nu, on: tx) }
                // By id, the rows this round read: a time compared after a round trip through
                // Date can miss its own row by one unit in the last place, and a row never
                // deleted kept the detector busy for ever (found in the issue-26 probes).
                let gelezen = rijen.filter { $0.zaakID == rij.zaakID }.compactMap(\.id)
                try await PatroonWachtrij.query(on: tx).filter(\.$id ~~ gelezen).delete()
            }
        }
        return rijen.count
    }

    // MARK: Features of a case

    /// Registrations (as filed, and the analysis' origin registration), the analysis' origin
    /// organisation, the consequences and the description. Nil when the case is gone.
    package func kenmerken(melding id: UUID) async throws -> Zaakkenmerken? {
        guard let m = try await Melding.find(id, on: db) else { return nil }
        var k = Zaakkenmerken(bron: .melding, dag: Dag(m.ontvangenOp))
        k.registraties = m.registraties.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        if let analyse = try MeldingService.analyse(m) {
            k.herkomst = analyse.oorsprongOrganisatie
            k.interpretatie = analyse.bevinding == .onjuisteInterpretatie
            if !k.registraties.contains(analyse.oorsprongRegistratie) { k.registraties.append(analyse.oorsprongRegistratie) }
        }
        // Consent withdrawn: the description and consequences are gone, the structure stays.
        if let invoer = try await MeldingPersoonsgegevens.find(id, on: db)?.invoer() {
            k.gevolgen = (invoer.gevolgen ?? []).compactMap { g in
                g.soort.flatMap(GevolgSoort.init(rawValue:)).map {
                    Zaakkenmerken.Gevolgkenmerk(soort: $0, organisatie: g.organisatie.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 })
                }
            }
            k.tekst = [invoer.watIsFout, invoer.watMoetHetZijn].compactMap { $0 }.joined(separator: "\n")
        }
        return k
    }

    /// The registration, the attributes doubted, the bronhouder (also the origin) and the afnemer's explanation.
    package func kenmerken(terugmelding id: UUID) async throws -> Zaakkenmerken? {
        guard let tm = try await Terugmelding.find(id, on: db) else { return nil }
        let bronhouder = try await Organisatie.find(tm.$bijhouder.id, on: db)?.naam
        var k = Zaakkenmerken(bron: .terugmelding, dag: Dag(tm.ontvangenOp), registraties: [tm.registratie], herkomst: bronhouder, bronhouder: bronhouder)
        if let invoer = try await TerugmeldingInhoud.find(id, on: db)?.invoer() {
            k.attributen = (invoer.terugMeldingBody?.terugMeldingGegevens ?? []).compactMap { $0.attribuutUrn ?? $0.attribuut ?? $0.gegevensElementNaam }
            k.tekst = invoer.terugMeldingHeader?.toelichting ?? ""
        }
        return k
    }

    // MARK: Matching

    /// Files the case under its keys (dropping keys it no longer has) and updates or proposes a
    /// group for each. Inside the caller's transaction.
    package func verwerk(_ k: Zaakkenmerken, zaak: UUID, nu: Date, on tx: any Database) async throws {
        let zaakRij = try await PatroonZaak.find(zaak, on: tx) ?? {
            let z = PatroonZaak()
            z.id = zaak
            return z
        }()
        zaakRij.bron = k.bron
        zaakRij.dag = k.dag
        zaakRij.kern = Tekstgelijkenis.kern(k.tekst).sorted().joined(separator: " ")
        zaakRij.zinsdelen = Tekstgelijkenis.zinsdelen(k.tekst).sorted().joined(separator: "\n")
        try await zaakRij.save(on: tx)

        let sleutels = k.sleutels
        let bestaand = try await PatroonIndex.query(on: tx).filter(\.$zaakID == zaak).all()
        let nieuw = Set(sleutels.map(\.tekst))
        let weg = bestaand.filter { !nieuw.contains($0.sleutel) }.compactMap(\.id)
        if !weg.isEmpty { try await PatroonIndex.query(on: tx).filter(\.$id ~~ weg).delete() }
        let al = Set(bestaand.map(\.sleutel))
        let erbij = sleutels.filter { !al.contains($0.tekst) }
        if !erbij.isEmpty {
            var insert = sql(tx).insert(into: PatroonIndex.schema).columns("id", "sleutel", "zaak_id", "dag")
            for s in erbij { insert = insert.values(SQLBind(UUID.v7(nu)), SQLBind(s.tekst), SQLBind(zaak), SQLBind(k.dag)) }
            try await insert.run()
        }
        // The first day the detector knows of: how far back a usual level can look.
        let eerste = try await PatroonZaak.query(on: tx).min(\.$dag) ?? k.dag
        for s in sleutels { try await beoordeel(s, rond: k.dag, eerste: eerste, nu: nu, on: tx) }
    }

    private func sql(_ db: any Database) -> any SQLDatabase { db as! any SQLDatabase }

    /// The burst of `sleutel` that ends at `dag`: its cases in the window before. When the rules
    /// call it a pattern, it joins the open proposal it overlaps (a burst that goes on keeps one
    /// proposal) or becomes a new one. A case that does not make a burst joins nothing new, so a
    /// key's steady inflow never stretches a proposal. The cheap tests come first: one indexed
    /// range gives the window's count and the usual level; texts are compared only when the
    /// counts leave a proposal possible.
    private func beoordeel(_ sleutel: Patroonsleutel, rond dag: Dag, eerste: Dag, nu: Date, on tx: any Database) async throws {
        let venster = Patroonregels.vensterDagen
        let vroegst = try dag.plus(dagen: -venster)
        // The usual level: the windows before this one, as many as there are cases for (up to six).
        let basisdagen = min(venster * Patroonregels.basisVensters, max(0, eerste.dagen(tot: vroegst)))
        let basisVan = try vroegst.plus(dagen: -basisdagen)
        let telling = try await tel(sleutel.tekst, venster: vroegst, basis: basisVan, tot: dag, on: tx)
        let gebruikelijk = basisdagen >= venster ? Double(telling.voor) * Double(venster) / Double(basisdagen) : 0
        let n = telling.n
        guard n >= Patroonregels.minimaal, Double(n) >= 2 * gebruikelijk,
              Patroonregels.score(aantal: n, gebruikelijk: gebruikelijk, gelijkenis: 1) >= Patroonregels.grens,
              let piekBegin = telling.begin
        else { return }
        let piekGelijkenis = try await gelijkenis(sleutel.tekst, van: vroegst, tot: dag, on: tx)
        guard Patroonregels.isVoorstel(aantal: n, gebruikelijk: gebruikelijk, gelijkenis: piekGelijkenis) else { return }

        let open = try await PatroonKandidaat.query(on: tx).filter(\.$sleutel == sleutel.tekst).filter(\.$status == .open)
            .filter(\.$eind >= piekBegin).sort(\.$eind, .descending).first()
        let c = open ?? PatroonKandidaat()
        let begin = open.map { min($0.begin, piekBegin) } ?? piekBegin
        let eind = open.map { max($0.eind, dag) } ?? dag
        let aantal = open == nil ? n : try await tel(sleutel.tekst, venster: begin, basis: begin, tot: eind, on: tx).n
        let groepGelijkenis = open == nil ? piekGelijkenis : try await gelijkenis(sleutel.tekst, van: begin, tot: eind, on: tx)
        if open == nil {
            c.id = UUID.v7(nu)
            c.sleutel = sleutel.tekst
            c.delen = String(decoding: try JSONEncoder.compact.encode(sleutel), as: UTF8.self)
            c.status = .open
        }
        c.begin = begin
        c.eind = eind
        c.aantal = aantal
        // The usual level of the proposal's span: per window, times the windows it spans.
        c.gebruikelijk = gebruikelijk * max(1, Double(begin.dagen(tot: eind) + 1) / Double(venster))
        c.gelijkenis = groepGelijkenis
        c.score = Patroonregels.score(aantal: aantal, gebruikelijk: c.gebruikelijk, gelijkenis: groepGelijkenis)
        c.bijgewerktOp = nu
        try await c.save(on: tx)
    }

    /// In one indexed range of the key: the cases from `venster` to `tot` that still count (not
    /// dismissed, not in a signaal) and the first of their days; and all its cases from `basis`
    /// up to `venster` (the usual level counts everything).
    private func tel(_ sleutel: String, venster: Dag, basis: Dag, tot: Dag, on tx: any Database) async throws -> (n: Int, voor: Int, begin: Dag?) {
        struct Rij: Decodable { let n: Int?; let voor: Int?; let begin: String? }
        let telt = SQLQueryString("dag >= \(bind: venster) AND afgewezen_in IS NULL AND signaal_id IS NULL")
        let rij = try await sql(tx).raw("""
            SELECT SUM(CASE WHEN \(telt) THEN 1 ELSE 0 END) AS n,
                   SUM(CASE WHEN dag < \(bind: venster) THEN 1 ELSE 0 END) AS voor,
                   MIN(CASE WHEN \(telt) THEN dag END) AS begin
            FROM \(ident: PatroonIndex.schema) WHERE sleutel = \(bind: sleutel) AND dag >= \(bind: basis) AND dag <= \(bind: tot)
            """).first(decoding: Rij.self)
        return (rij?.n ?? 0, rij?.voor ?? 0, rij?.begin.flatMap(Dag.init))
    }

    /// The key's cases in the window that no dismissed proposal held and no signaal took.
    package func zaken(_ sleutel: String, van: Dag, tot: Dag, on database: any Database) async throws -> [PatroonIndex] {
        try await PatroonIndex.query(on: database).filter(\.$sleutel == sleutel).filter(\.$dag >= van).filter(\.$dag <= tot)
            .filter(\.$afgewezenIn == nil).filter(\.$signaalID == nil).sort(\.$dag).all()
    }

    /// Mean similarity of the descriptions of the key's most recent counting cases in the window.
    private func gelijkenis(_ sleutel: String, van: Dag, tot: Dag, on tx: any Database) async throws -> Double {
        struct Rij: Decodable { let kern: String }
        let kernen = try await sql(tx).raw("""
            SELECT z.kern FROM \(ident: PatroonIndex.schema) i JOIN \(ident: PatroonZaak.schema) z ON z.zaak_id = i.zaak_id
            WHERE i.sleutel = \(bind: sleutel) AND i.dag >= \(bind: van) AND i.dag <= \(bind: tot)
              AND i.afgewezen_in IS NULL AND i.signaal_id IS NULL
            ORDER BY i.dag DESC LIMIT \(unsafeRaw: String(Patroonregels.vergelijkHoogstens))
            """).all(decoding: Rij.self).map { Set($0.kern.split(separator: " ").map(String.init)) }
        return Patroonregels.gemiddeldeGelijkenis(kernen)
    }

    // MARK: Privacy

    /// Erases what the detector keeps of a case (consent withdrawn): its stems, phrases and keys.
    package static func vergeet(_ zaak: UUID, on tx: any Database) async throws {
        try await PatroonWachtrij.query(on: tx).filter(\.$zaakID == zaak).delete()
        try await PatroonIndex.query(on: tx).filter(\.$zaakID == zaak).delete()
        try await PatroonZaak.query(on: tx).filter(\.$id == zaak).delete()
    }
}
