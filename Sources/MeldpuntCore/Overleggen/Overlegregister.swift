import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain
import SQLKit

/// Overleg with several organisations (issue 29, point 8; intentieverklaring 7: the meldpunt
/// "zal alle benodigde partijen bij elkaar brengen"). Staff plan it (invitees, day, agenda,
/// optionally about a case), record the minutes and the actions per organisation with a day;
/// every invitee reads it all in its portal or API and reports its own actions done. The planner
/// reminds the day before an action's day, tells staff of late actions and missing minutes. The
/// meldpunt sees every overleg, an organisation only those it is invited to (anything else is a 404).
package struct Overlegregister: Sendable {
    package let meldingen: MeldingService
    package var db: any Database { meldingen.db }
    package var nu: Date { meldingen.nu }
    var berichten: Berichtgeving { meldingen.berichten }

    package init(meldingen: MeldingService) {
        self.meldingen = meldingen
    }

    package enum Map: String, CaseIterable, Sendable {
        /// Planned, soonest first.
        case komend
        /// With actions not done yet (for an organisation: its own).
        case openActies
        case alle
    }

    private static let gewist = "(gewist: de melder heeft de toestemming ingetrokken)"

    // MARK: Lists and detail

    package func lijst(_ map: Map, pagina: Int = 1, grootte: Int = 100, door: Handelende) async throws -> (items: [OverlegDTO], totaal: Int) {
        let meldpunt = try vereisDeelnemer(door)
        var q = OverlegRij.query(on: db)
        if !meldpunt {
            q = q.join(OverlegDeelnemer.self, on: \OverlegRij.$id == \OverlegDeelnemer.$overleg.$id)
                .filter(OverlegDeelnemer.self, \.$organisatie.$id == door.organisatie.id)
        }
        switch map {
        case .komend: q = q.filter(\.$status == .gepland)
        case .openActies: q = q.filter(\.$status != .geannuleerd).filter(\.$id ~~ (try await metOpenActies(door)))
        case .alle: break
        }
        let totaal = try await q.count()
        q = map == .alle ? q.sort(\.$datum, .descending).sort(\.$nummer, .descending) : q.sort(\.$datum).sort(\.$nummer)
        let rijen = try await metAlles(q).range(((pagina - 1) * grootte)..<(pagina * grootte)).all()
        for o in rijen { try await logLezen(o, door: door) }
        return (rijen.map { dto($0, voor: door) }, totaal)
    }

    /// What waits: planned overleggen, and actions not done (for an organisation: its own).
    package func teDoen(door: Handelende) async throws -> (komend: Int, openActies: Int) {
        let meldpunt = try vereisDeelnemer(door)
        var komend = OverlegRij.query(on: db).filter(\.$status == .gepland)
        if !meldpunt {
            komend = komend.join(OverlegDeelnemer.self, on: \OverlegRij.$id == \OverlegDeelnemer.$overleg.$id)
                .filter(OverlegDeelnemer.self, \.$organisatie.$id == door.organisatie.id)
        }
        return (try await komend.count(), try await openActies(door).count())
    }

    package func detail(_ nummer: Int, door: Handelende) async throws -> OverlegDTO {
        let o = try await vind(nummer, door: door)
        try await logLezen(o, door: door)
        return dto(o, voor: door)
    }

    /// An invitee reading an overleg about a case (in a list too) reads what may concern the melder.
    private func logLezen(_ o: OverlegRij, door: Handelende) async throws {
        guard !door.organisatie.heeft(.meldpunt), let mid = o.$melding.id else { return }
        let p = try await MeldingPersoonsgegevens.find(mid, on: db)
        try await Verwerkingslog.regel(.overlegRaadplegen, organisatie: door.organisatie.id, melding: mid, betrokkene: meldingen.betrokkene(p),
                                       traceID: meldingen.traceID, tijdstip: nu, gebruiker: door.gebruiker?.id).create(on: db)
    }

    /// The overleggen about a case, for its page (the meldpunt only).
    package func bijMelding(_ zaaknummer: Zaaknummer, door: Handelende) async throws -> [OverlegDTO] {
        try meldingen.vereisMeldpuntOrg(door)
        let m = try await meldingen.zoek(zaaknummer)
        return try await metAlles(OverlegRij.query(on: db).filter(\.$melding.$id == m.requireID())).sort(\.$nummer).all().map { dto($0, voor: door) }
    }

    /// The organisations an action can be for: the invitees and the meldpunt itself.
    package func actiehouders(_ nummer: Int, door: Handelende) async throws -> [OrganisatieVerwijzing] {
        try meldingen.vereisMeldpuntOrg(door)
        let o = try await vind(nummer, door: door)
        let meldpunt = try await Organisatie.find(door.organisatie.id, on: db)
        return (meldpunt.map { [OrganisatieVerwijzing($0)] } ?? []) + o.deelnemers.map { OrganisatieVerwijzing($0.organisatie) }
    }

    // MARK: Steps

    /// Staff plan an overleg and invite partner organisations; each hears of it.
    package func plan(_ invoer: OverlegInvoer, door: Handelende) async throws -> OverlegDTO {
        try meldingen.vereisMeldpuntOrg(door)
        let v = try valideer { () throws(ValidatieFouten) in try valideerOverleg(invoer, vandaag: Dag(nu)) }
        let gevonden = try await Organisatie.query(on: db).filter(\.$oin ~~ v.deelnemers).all()
        var fouten: [OngeldigeParameter] = []
        var organisaties: [Organisatie] = []
        for (i, oin) in v.deelnemers.enumerated() {
            if let o = gevonden.first(where: { $0.oin == oin }), o.rollen.contains(.partner) { organisaties.append(o) } else {
                fouten.append(OngeldigeParameter(Veld(.deelnemers)[i], code: "onbekend",
                                                 uitleg: Tekst("Deze organisatie staat niet als partner in het register.", "This organisation is not a partner in the register.")))
            }
        }
        if !fouten.isEmpty { throw Weigering.ongeldig(fouten) }
        var melding: Melding?
        if let z = v.zaaknummer {
            melding = try await Melding.query(on: db).filter(\.$zaaknummer == z.description).first()
            guard let m = melding else {
                throw Weigering.ongeldig(.zaaknummer, "onbekend", Tekst("Er is geen melding met dit zaaknummer.", "There is no case with this number."))
            }
            if try await MeldingPersoonsgegevens.find(m.requireID(), on: db) == nil {
                throw Weigering.ongeldig(.zaaknummer, "gewist", Tekst("De melder van deze melding trok de toestemming in; plan het overleg zonder zaaknummer.",
                                                                     "The melder of this case withdrew consent; plan the meeting without a case number."))
            }
        }
        let zaak = melding
        let uitgenodigd = organisaties
        let nummer = try await db.metNieuwNummer(hoogste: { try await OverlegRij.query(on: $0).max(\.$nummer) }) { [nu, berichten] tx, nummer in
            let o = OverlegRij()
            o.id = UUID.v7(nu)
            o.nummer = nummer
            o.$melding.id = try zaak?.requireID()
            o.onderwerp = v.onderwerp
            o.datum = v.datum
            o.tijd = v.tijd
            o.plaats = v.plaats
            o.agenda = v.agenda
            o.status = .gepland
            o.aangemaaktDoor = door.naam
            o.aangemaaktOp = nu
            o.gewijzigdOp = nu
            try await o.create(on: tx)
            for org in uitgenodigd {
                try await OverlegDeelnemer(overleg: try o.requireID(), organisatie: try org.requireID(), nu: nu).create(on: tx)
                try await berichten.overlegUitnodiging(o, aan: org, nu: nu, on: tx)
            }
            if let zaak { try await tijdlijn(zaak, .overlegGepland, o, tekst: v.onderwerp, door: door, on: tx) }
        }
        return try await detail(nummer, door: door)
    }

    /// Staff record the minutes (from the meeting's day on; again to correct them); every invitee hears.
    package func legVerslagVast(_ nummer: Int, _ invoer: OverlegVerslagInvoer, door: Handelende) async throws -> OverlegDTO {
        try meldingen.vereisMeldpuntOrg(door)
        let o = try await vind(nummer, door: door)
        let verslag = try valideer { () throws(ValidatieFouten) in try valideerOverlegverslag(invoer) }
        do { try controleerVerslag(status: o.status, datum: o.datum, vandaag: Dag(nu)) } catch { throw Weigering.conflict(.overleg(error)) }
        try await vereisNietGewist(o)
        let oud = (o.status, o.gewijzigdOp)
        let gecorrigeerd = o.verslag != nil
        try await db.schrijfStap { [nu, berichten] tx in
            try await opslaan(o, van: oud, on: tx)
            o.status = .gehouden
            o.verslag = verslag
            o.verslagDoor = door.naam
            o.verslagOp = nu
            o.gewijzigdOp = nu
            try await o.save(on: tx)
            for d in o.deelnemers { try await berichten.overlegVerslag(o, aan: d.organisatie, gecorrigeerd: gecorrigeerd, nu: nu, on: tx) }
            if let m = try await melding(o, on: tx) { try await tijdlijn(m, .overlegVerslag, o, tekst: verslag, door: door, on: tx) }
        }
        return try await detail(nummer, door: door)
    }

    /// Staff cancel a planned overleg, with the reason the invitees read.
    package func annuleer(_ nummer: Int, _ invoer: OverlegAnnuleringInvoer, door: Handelende) async throws -> OverlegDTO {
        try meldingen.vereisMeldpuntOrg(door)
        let o = try await vind(nummer, door: door)
        let reden = try valideer { () throws(ValidatieFouten) in try valideerOverlegannulering(invoer) }
        do { try controleerAnnulering(status: o.status) } catch { throw Weigering.conflict(.overleg(error)) }
        try await vereisNietGewist(o)
        let oud = (o.status, o.gewijzigdOp)
        try await db.schrijfStap { [nu, berichten] tx in
            try await opslaan(o, van: oud, on: tx)
            o.status = .geannuleerd
            o.annuleringsreden = reden
            o.gewijzigdOp = nu
            try await o.save(on: tx)
            for d in o.deelnemers { try await berichten.overlegGeannuleerd(o, aan: d.organisatie, nu: nu, on: tx) }
            if let m = try await melding(o, on: tx) { try await tijdlijn(m, .overlegGeannuleerd, o, tekst: reden, door: door, on: tx) }
        }
        return try await detail(nummer, door: door)
    }

    /// Staff add an action for an invitee or for the meldpunt itself; a partner hears of its own.
    package func voegActieToe(_ nummer: Int, _ invoer: OverlegActieInvoer, door: Handelende) async throws -> OverlegDTO {
        try meldingen.vereisMeldpuntOrg(door)
        let o = try await vind(nummer, door: door)
        let v = try valideer { () throws(ValidatieFouten) in try valideerOverlegactie(invoer, vandaag: Dag(nu)) }
        do { try controleerNieuweActie(status: o.status) } catch { throw Weigering.conflict(.overleg(error)) }
        try await vereisNietGewist(o)
        let houder: Organisatie
        if let d = o.deelnemers.first(where: { $0.organisatie.oin == v.organisatieOin }) {
            houder = d.organisatie
        } else if let eigen = try await Organisatie.find(door.organisatie.id, on: db), eigen.oin == v.organisatieOin {
            houder = eigen
        } else {
            throw Weigering.ongeldig(.organisatieOin, "nietUitgenodigd", Tekst("Kies een organisatie die voor dit overleg is uitgenodigd, of het Meldpunt zelf.",
                                                                              "Choose an organisation invited to this meeting, or the Meldpunt itself."))
        }
        let overlegId = try o.requireID()
        _ = try await db.metNieuwNummer(hoogste: { try await OverlegActie.query(on: $0).filter(\.$overleg.$id == overlegId).max(\.$nummer) }) { [nu, berichten] tx, n in
            // Not cancelled or erased in the meantime.
            try await nietGeannuleerd(o, on: tx)
            if try await isGewist(o, on: tx) { throw Weigering.conflict(.meldingGesloten) }
            let a = OverlegActie()
            a.id = UUID.v7(nu)
            a.$overleg.id = overlegId
            a.nummer = n
            a.$organisatie.id = try houder.requireID()
            a.omschrijving = v.omschrijving
            a.uiterlijk = v.uiterlijk
            a.status = .open
            a.aangemaaktOp = nu
            try await a.create(on: tx)
            if !houder.rollen.contains(.meldpunt) { try await berichten.overlegActie(a, o, aan: houder, nu: nu, on: tx) }
        }
        return try await detail(nummer, door: door)
    }

    /// The action's organisation reports it done (the meldpunt may do so for it, e.g. after a call).
    package func rondActieAf(_ nummer: Int, actie actieNummer: Int, _ invoer: OverlegActieAfrondingInvoer, door: Handelende) async throws -> OverlegDTO {
        let o = try await vind(nummer, door: door)
        let meldpunt = door.organisatie.heeft(.meldpunt)
        guard let a = o.acties.first(where: { $0.nummer == actieNummer }) else { throw Weigering.nietGevonden(.overlegActie) }
        guard meldpunt || a.$organisatie.id == door.organisatie.id else {
            throw Weigering.geenToegang(.alleenActiehouder)
        }
        let toelichting = try valideer { () throws(ValidatieFouten) in try valideerActieafronding(invoer) }
        if o.status == .geannuleerd { throw Weigering.conflict(.overleg(.geannuleerd)) }
        if a.status == .gedaan { throw Weigering.conflict(.overleg(.actieAlGedaan)) }
        try await db.schrijfStap { [nu, berichten] tx in
            try await nietGeannuleerd(o, on: tx)
            // A case whose melder withdrew consent: the action can still be done, without words about it.
            let gewist = try await isGewist(o, on: tx)
            let gewijzigd = try await (tx as! any SQLDatabase).update(OverlegActie.schema)
                .set("status", to: SQLBind(OverlegActieStatus.gedaan.rawValue))
                .where("id", .equal, SQLBind(try a.requireID())).where("status", .equal, SQLBind(OverlegActieStatus.open.rawValue))
                .returning("id").all()
            if gewijzigd.isEmpty { throw Weigering.conflict(.tegelijkGewijzigd) }
            a.status = .gedaan
            a.toelichting = gewist ? nil : toelichting
            a.gedaanDoor = door.naam
            a.gedaanOp = nu
            try await a.save(on: tx)
            if !gewist, let m = try await melding(o, on: tx) {
                try await tijdlijn(m, .overlegActieGedaan, o, tekst: toelichting, door: door, on: tx, organisatie: a.organisatie.naam)
            }
            if !meldpunt { try await berichten.overlegActieGedaan(a, o, organisatie: door.organisatie.naam, nu: nu, on: tx) }
        }
        return try await detail(nummer, door: door)
    }

    // MARK: Helpers

    /// True for the meldpunt; an organisation must be a partner.
    private func vereisDeelnemer(_ door: Handelende) throws -> Bool {
        let meldpunt = door.organisatie.heeft(.meldpunt)
        guard meldpunt || door.organisatie.heeft(.partner) else { throw Weigering.geenToegang(.rolOntbreekt(.partner)) }
        return meldpunt
    }

    private func metAlles(_ q: QueryBuilder<OverlegRij>) -> QueryBuilder<OverlegRij> {
        q.with(\.$melding).with(\.$deelnemers) { $0.with(\.$organisatie) }.with(\.$acties) { $0.with(\.$organisatie) }
    }

    private func openActies(_ door: Handelende) throws -> QueryBuilder<OverlegActie> {
        var q = OverlegActie.query(on: db).filter(\.$status == .open)
            .join(OverlegRij.self, on: \OverlegActie.$overleg.$id == \OverlegRij.$id).filter(OverlegRij.self, \.$status != .geannuleerd)
        if !door.organisatie.heeft(.meldpunt) { q = q.filter(\.$organisatie.$id == door.organisatie.id) }
        return q
    }

    private func metOpenActies(_ door: Handelende) async throws -> [UUID] {
        Array(Set(try await openActies(door).all().map { $0.$overleg.id }))
    }

    /// The meldpunt finds any; an organisation only one it is invited to.
    func vind(_ nummer: Int, door: Handelende) async throws -> OverlegRij {
        let meldpunt = try vereisDeelnemer(door)
        guard let o = try await metAlles(OverlegRij.query(on: db).filter(\.$nummer == nummer)).first(),
              meldpunt || o.deelnemers.contains(where: { $0.$organisatie.id == door.organisatie.id })
        else { throw Weigering.nietGevonden(.overleg) }
        return o
    }

    /// Nothing new is written about a case whose melder withdrew consent.
    private func vereisNietGewist(_ o: OverlegRij) async throws {
        if try await isGewist(o, on: db, vergrendel: false) { throw Weigering.conflict(.meldingGesloten) }
    }

    /// Inside a write: the case's row is locked first (a withdrawal at the same moment waits, or
    /// has committed), so what is read is what holds when this write commits.
    private func isGewist(_ o: OverlegRij, on tx: any Database, vergrendel: Bool = true) async throws -> Bool {
        guard let id = o.$melding.id else { return false }
        if vergrendel {
            try await (tx as! any SQLDatabase).update(Melding.schema).set("laatste_volgnummer", to: SQLColumn("laatste_volgnummer"))
                .where("id", .equal, SQLBind(id)).run()
        }
        return try await MeldingPersoonsgegevens.find(id, on: tx) == nil
    }

    /// Inside a write: the overleg is not cancelled (by a cancel at the same moment, or an erasure).
    private func nietGeannuleerd(_ o: OverlegRij, on tx: any Database) async throws {
        let rij = try await (tx as! any SQLDatabase).update(OverlegRij.schema).set("gewijzigd_op", to: SQLBind(nu))
            .where("id", .equal, SQLBind(try o.requireID())).where("status", .notEqual, SQLBind(OverlegStatus.geannuleerd.rawValue))
            .returning("id").all()
        if rij.isEmpty { throw Weigering.conflict(.overleg(.geannuleerd)) }
    }


    /// Claims the row only if it is still as it was read (state and last change): two steps at once
    /// (two corrections of the minutes, a cancel and the minutes, an erasure) are a 409, never both.
    /// Then the case's erasure is read under its lock.
    private func opslaan(_ o: OverlegRij, van oud: (OverlegStatus, Date), on tx: any Database) async throws {
        let gewijzigd = try await (tx as! any SQLDatabase).update(OverlegRij.schema)
            .set("gewijzigd_op", to: SQLBind(nu))
            .where("id", .equal, SQLBind(try o.requireID())).where("status", .equal, SQLBind(oud.0.rawValue))
            // Within a millisecond: a time read back from SQLite need not bind to the identical double.
            .where("gewijzigd_op", .greaterThanOrEqual, SQLBind(oud.1.addingTimeInterval(-0.001)))
            .where("gewijzigd_op", .lessThanOrEqual, SQLBind(oud.1.addingTimeInterval(0.001)))
            .returning("id").all()
        if gewijzigd.isEmpty { throw Weigering.conflict(.tegelijkGewijzigd) }
        if try await isGewist(o, on: tx) { throw Weigering.conflict(.meldingGesloten) }
    }

    private func melding(_ o: OverlegRij, on tx: any Database) async throws -> Melding? {
        guard let id = o.$melding.id else { return nil }
        return try await Melding.find(id, on: tx)
    }

    private func tijdlijn(_ m: Melding, _ soort: Gebeurtenissoort, _ o: OverlegRij, tekst: String?, door: Handelende, on tx: any Database,
                          organisatie: String? = nil) async throws {
        m.laatsteVolgnummer += 1
        try await meldingen.legVast(m, MeldingService.Gebeurtenis(soort: soort, tekst: tekst, gegevens: GebeurtenisGegevens(organisatie: organisatie, overlegNummer: o.nummer)),
                                    door: door.naam, on: tx)
        try await m.save(on: tx)
    }

    private func dto(_ o: OverlegRij, voor door: Handelende) -> OverlegDTO {
        let meldpunt = door.organisatie.heeft(.meldpunt)
        let vandaag = Dag(nu)
        return OverlegDTO(
            nummer: o.nummer, onderwerp: o.onderwerp, status: o.status, datum: o.datum, tijd: o.tijd, plaats: o.plaats, agenda: o.agenda,
            zaaknummer: o.melding.map(\.zaaknummer),
            deelnemers: o.deelnemers.map { OrganisatieVerwijzing($0.organisatie) }.sorted { $0.naam < $1.naam },
            verslag: o.verslag, verslagDoor: meldpunt ? o.verslagDoor : o.verslagDoor.map { _ in "Meldpunt" }, verslagOp: o.verslagOp,
            annuleringsreden: o.annuleringsreden, aangemaaktDoor: meldpunt ? o.aangemaaktDoor : "Meldpunt", aangemaaktOp: o.aangemaaktOp,
            acties: o.acties.sorted { $0.nummer < $1.nummer }.map { a in
                OverlegActieDTO(nummer: a.nummer, organisatie: OrganisatieVerwijzing(a.organisatie), omschrijving: a.omschrijving, uiterlijk: a.uiterlijk,
                                status: a.status, toelichting: a.toelichting,
                                gedaanDoor: meldpunt || a.$organisatie.id == door.organisatie.id ? a.gedaanDoor : nil, gedaanOp: a.gedaanOp,
                                teLaat: a.status == .open && o.status != .geannuleerd && a.uiterlijk < vandaag)
            },
            href: APIAdres.overleg(nummer: o.nummer))
    }

    /// Consent withdrawn: the texts of the overleggen about the case go (inside the caller's
    /// transaction); a planned one is cancelled, its invitees told. Held ones stay, their actions
    /// can still be reported done (without words).
    static func wis(melding id: UUID, reden: Wisreden = .toestemmingIngetrokken, berichten: Berichtgeving, nu: Date, on db: any Database) async throws {
        let gewist = reden.tekst
        for o in try await OverlegRij.query(on: db).filter(\.$melding.$id == id).with(\.$acties).with(\.$deelnemers) { $0.with(\.$organisatie) }.all() {
            o.onderwerp = gewist
            o.agenda = gewist
            o.plaats = o.plaats.map { _ in gewist }
            o.verslag = o.verslag.map { _ in gewist }
            o.annuleringsreden = o.annuleringsreden.map { _ in gewist }
            o.gewijzigdOp = nu
            if o.status == .gepland {
                o.status = .geannuleerd
                o.annuleringsreden = gewist
                for d in o.deelnemers { try await berichten.overlegGeannuleerd(o, aan: d.organisatie, nu: nu, on: db) }
            }
            try await o.save(on: db)
            for a in o.acties {
                a.omschrijving = gewist
                a.toelichting = nil
                try await a.save(on: db)
            }
        }
    }
}
