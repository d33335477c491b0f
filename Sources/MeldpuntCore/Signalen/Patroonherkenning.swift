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
            let kenmerken: Zaakkenmerken? = switch rij.bron {
            case .melding: try await kenmerken(melding: rij.zaakID)
            case .terugmelding: try await kenmerken(terugmelding: rij.zaakID)
            }
            try await db.schrijf { tx in
                if let kenmerken { try await verwerk(kenmerken, zaak: rij.zaakID, nu: nu, on: tx) }
                try await PatroonWachtrij.query(on: tx).filter(\.$zaakID == rij.zaakID).filter(\.$aangemaaktOp <= rij.aangemaaktOp).delete()
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
        if let analyse = MeldingService.analyse(m) {
            k.herkomst = analyse.oorsprongOrganisatie
            if !k.registraties.contains(analyse.oorsprongRegistratie) { k.registraties.append(analyse.oorsprongRegistratie) }
        }
        // Consent withdrawn: the description and consequences are gone, the structure stays.
        if let p = try await MeldingPersoonsgegevens.find(id, on: db),
           let invoer = try? JSONDecoder().decode(MeldingInvoer.self, from: Data(p.inhoud.utf8)) {
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
        if let inhoud = try await TerugmeldingInhoud.find(id, on: db),
           let invoer = try? JSONDecoder().decode(TerugmeldingInvoer.self, from: Data(inhoud.inhoud.utf8)) {
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
        for s in sleutels where !al.contains(s.tekst) {
            let i = PatroonIndex()
            i.id = UUID.v7(nu)
            i.sleutel = s.tekst
            i.zaakID = zaak
            i.dag = k.dag
            try await i.create(on: tx)
        }
        for s in sleutels { try await beoordeel(s, rond: k.dag, nu: nu, on: tx) }
    }

    /// The burst of `sleutel` that ends at `dag`: its cases in the window before. When the rules
    /// call it a pattern, it joins the open proposal it overlaps (a burst that goes on keeps one
    /// proposal) or becomes a new one. A case that does not make a burst joins nothing new, so a
    /// key's steady inflow never stretches a proposal.
    private func beoordeel(_ sleutel: Patroonsleutel, rond dag: Dag, nu: Date, on tx: any Database) async throws {
        let vroegst = try dag.plus(dagen: -Patroonregels.vensterDagen)
        let piek = try await zaken(sleutel.tekst, van: vroegst, tot: dag, on: tx)
        guard piek.count >= Patroonregels.minimaal, let piekBegin = piek.map(\.dag).min() else { return }
        let gebruikelijk = try await gebruikelijkAantal(sleutel.tekst, voor: piekBegin, on: tx)
        guard Patroonregels.isVoorstel(aantal: piek.count, gebruikelijk: gebruikelijk, gelijkenis: try await gelijkenis(piek, on: tx)) else { return }

        let open = try await PatroonKandidaat.query(on: tx).filter(\.$sleutel == sleutel.tekst).filter(\.$status == .open)
            .filter(\.$eind >= piekBegin).sort(\.$eind, .descending).first()
        let c = open ?? PatroonKandidaat()
        let begin = open.map { min($0.begin, piekBegin) } ?? piekBegin
        let eind = open.map { max($0.eind, dag) } ?? dag
        let groep = try await zaken(sleutel.tekst, van: begin, tot: eind, on: tx)
        let gelijkenis = try await gelijkenis(groep, on: tx)
        let basis = open == nil ? gebruikelijk : try await gebruikelijkAantal(sleutel.tekst, voor: begin, on: tx)
        if open == nil {
            c.id = UUID.v7(nu)
            c.sleutel = sleutel.tekst
            c.delen = String(decoding: try JSONEncoder.compact.encode(sleutel), as: UTF8.self)
            c.status = .open
        }
        c.begin = begin
        c.eind = eind
        c.aantal = groep.count
        // The usual level of the proposal's span: per window, times the windows it spans.
        let vensters = max(1, Double(begin.dagen(tot: eind) + 1) / Double(Patroonregels.vensterDagen))
        c.gebruikelijk = basis * vensters
        c.gelijkenis = gelijkenis
        c.score = Patroonregels.score(aantal: groep.count, gebruikelijk: c.gebruikelijk, gelijkenis: gelijkenis)
        c.bijgewerktOp = nu
        try await c.save(on: tx)
    }

    /// The key's cases in the window that no dismissed proposal held and no signaal took.
    package func zaken(_ sleutel: String, van: Dag, tot: Dag, on database: any Database) async throws -> [PatroonIndex] {
        try await PatroonIndex.query(on: database).filter(\.$sleutel == sleutel).filter(\.$dag >= van).filter(\.$dag <= tot)
            .filter(\.$afgewezenIn == nil).filter(\.$signaalID == nil).sort(\.$dag).all()
    }

    /// The key's count per window before `begin`, over up to `basisVensters` windows: as many as
    /// the system has cases for (a new installation has no usual level in its first window).
    private func gebruikelijkAantal(_ sleutel: String, voor begin: Dag, on tx: any Database) async throws -> Double {
        let maximaal = Patroonregels.vensterDagen * Patroonregels.basisVensters
        guard let eerste = try await PatroonZaak.query(on: tx).min(\.$dag) else { return 0 }
        let dagen = min(maximaal, eerste.dagen(tot: begin))
        guard dagen >= Patroonregels.vensterDagen else { return 0 }
        let van = try begin.plus(dagen: -dagen)
        let n = try await PatroonIndex.query(on: tx).filter(\.$sleutel == sleutel).filter(\.$dag >= van).filter(\.$dag < begin).count()
        return Double(n) * Double(Patroonregels.vensterDagen) / Double(dagen)
    }

    /// Mean similarity of the most recent cases' descriptions.
    private func gelijkenis(_ groep: [PatroonIndex], on tx: any Database) async throws -> Double {
        let ids = groep.suffix(Patroonregels.vergelijkHoogstens).map(\.zaakID)
        let kernen = try await PatroonZaak.query(on: tx).filter(\.$id ~~ ids).all().map(\.kernSet)
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
