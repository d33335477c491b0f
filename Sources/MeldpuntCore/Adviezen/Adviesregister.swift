import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain
import SQLKit

/// The meldpunt's adviserende rol (issue 29, point 6): advice to an organisation, asked by it (its
/// portal or API) or given unasked, about a case or the stelsel; what the organisation did with it;
/// a follow-up day on which staff ask, reminded by the planner. The meldpunt sees all advice, an
/// organisation only its own (anything else is a 404). Linked to a case, each step lands on the
/// case's timeline and a partner's read goes through the processing log.
package struct Adviesregister: Sendable {
    package let meldingen: MeldingService
    package var db: any Database { meldingen.db }
    package var nu: Date { meldingen.nu }
    var berichten: Berichtgeving { meldingen.berichten }

    package init(meldingen: MeldingService) {
        self.meldingen = meldingen
    }

    /// Which advice a list shows.
    package enum Map: String, CaseIterable, Sendable {
        /// Asked and not yet answered by the meldpunt.
        case teBeantwoorden
        /// Given, no answer yet, and the follow-up day has come.
        case opvolgen
        /// Asked or given, no answer yet.
        case open
        case alle
    }

    // MARK: Lists and detail

    package func lijst(_ map: Map, pagina: Int = 1, grootte: Int = 100, door: Handelende) async throws -> (items: [AdviesDTO], totaal: Int) {
        let meldpunt = door.organisatie.heeft(.meldpunt)
        guard meldpunt || door.organisatie.heeft(.partner) else { throw Weigering.geenToegang(.rolOntbreekt(.partner)) }
        var q = AdviesRij.query(on: db).with(\.$organisatie).with(\.$melding)
        if !meldpunt { q = q.filter(\.$organisatie.$id == door.organisatie.id) }
        switch map {
        case .teBeantwoorden: q = q.filter(\.$status == .gevraagd)
        case .opvolgen: q = q.filter(\.$status == .gegeven).filter(\.$opvolgenOp <= Dag(nu))
        case .open: q = q.filter(\.$status ~~ [.gevraagd, .gegeven])
        case .alle: break
        }
        let totaal = try await q.count()
        // What waits longest first while open; the newest first over all.
        q = map == .alle ? q.sort(\.$gewijzigdOp, .descending).sort(\.$nummer, .descending) : q.sort(\.$aangemaaktOp).sort(\.$nummer)
        let rijen = try await q.range(((pagina - 1) * grootte)..<(pagina * grootte)).all()
        return (try rijen.map { try dto($0, voor: door) }, totaal)
    }

    /// How many wait for the meldpunt: questions to answer, and advice whose follow-up day came.
    package func teDoen(door: Handelende) async throws -> (teBeantwoorden: Int, opvolgen: Int) {
        try meldingen.vereisMeldpuntOrg(door)
        return (try await AdviesRij.query(on: db).filter(\.$status == .gevraagd).count(),
                try await AdviesRij.query(on: db).filter(\.$status == .gegeven).filter(\.$opvolgenOp <= Dag(nu)).count())
    }

    package func detail(_ nummer: Int, door: Handelende) async throws -> AdviesDTO {
        let a = try await vind(nummer, door: door)
        // An organisation reading advice about a case reads what may concern the melder.
        if !door.organisatie.heeft(.meldpunt), let mid = a.$melding.id {
            let p = try await MeldingPersoonsgegevens.find(mid, on: db)
            try await Verwerkingslog.regel(.adviesRaadplegen, organisatie: door.organisatie.id, melding: mid, betrokkene: meldingen.betrokkene(p),
                                           traceID: meldingen.traceID, tijdstip: nu, gebruiker: door.gebruiker?.id).create(on: db)
        }
        return try dto(a, voor: door)
    }

    /// The advice on a case, for its page (the meldpunt only).
    package func bijMelding(_ zaaknummer: Zaaknummer, door: Handelende) async throws -> [AdviesDTO] {
        try meldingen.vereisMeldpuntOrg(door)
        let m = try await meldingen.zoek(zaaknummer)
        return try await AdviesRij.query(on: db).filter(\.$melding.$id == m.requireID()).with(\.$organisatie).with(\.$melding)
            .sort(\.$nummer).all().map { try dto($0, voor: door) }
    }

    // MARK: Steps

    /// A partner asks. About a case only when the meldpunt sent it a request on that case (any
    /// other number is refused as unknown, so no case is revealed).
    package func vraag(_ invoer: AdviesvraagInvoer, door: Handelende) async throws -> AdviesDTO {
        guard door.organisatie.heeft(.partner) else { throw Weigering.geenToegang(.rolOntbreekt(.partner)) }
        let v = try valideer { () throws(ValidatieFouten) in try valideerAdviesvraag(invoer) }
        var gevonden: Melding?
        if let z = v.zaaknummer {
            gevonden = try await Melding.query(on: db).filter(\.$zaaknummer == z.description).first()
            var heeftVerzoek = false
            // A case whose melder withdrew consent does not exist for a partner any more.
            if let m = gevonden, try await !isGewist(m.requireID()) {
                heeftVerzoek = try await Verzoek.query(on: db).filter(\.$melding.$id == m.requireID()).filter(\.$organisatie.$id == door.organisatie.id).count() > 0
            }
            guard heeftVerzoek else {
                throw Weigering.ongeldig(.zaaknummer, "onbekend", Tekst("Uw organisatie heeft geen verzoek van het Meldpunt bij deze melding. Laat het zaaknummer leeg, of kies een melding waarover het Meldpunt u iets vroeg.",
                                                                        "Your organisation has no request from the Meldpunt on this case. Leave the case number empty, or choose a case the Meldpunt asked you about."))
            }
        }
        let melding = gevonden
        let nummer = try await metNieuwNummer { [nu, berichten] tx, nummer in
            let a = AdviesRij(nummer: nummer, organisatie: door.organisatie.id, melding: try melding?.requireID(), onderwerp: v.onderwerp, status: .gevraagd, nu: nu)
            a.vraag = v.vraag
            a.gevraagdDoor = door.naam
            try await a.create(on: tx)
            if let melding {
                try await tijdlijn(melding, .adviesGevraagd, a, tekst: v.vraag, door: door, on: tx)
            } else {
                try await berichten.adviesGevraagd(a, organisatie: door.organisatie.naam, nu: nu, on: tx)
            }
        }
        return try await detail(nummer, door: door)
    }

    /// The meldpunt advises unasked: an organisation in the register with the partner role.
    package func geef(_ invoer: AdviesInvoer, door: Handelende) async throws -> AdviesDTO {
        try meldingen.vereisMeldpuntOrg(door)
        let v = try valideer { () throws(ValidatieFouten) in try valideerAdvies(invoer, opVraag: false, vandaag: Dag(nu)) }
        guard let o = try await Organisatie.query(on: db).filter(\.$oin == v.organisatieOin!).first(), o.rollen.contains(.partner) else {
            throw Weigering.ongeldig(.organisatieOin, "onbekend", Tekst("Deze organisatie staat niet als partner in het register.", "This organisation is not a partner in the register."))
        }
        var gevonden: Melding?
        if let z = v.zaaknummer {
            gevonden = try await Melding.query(on: db).filter(\.$zaaknummer == z.description).first()
            guard let m = gevonden else {
                throw Weigering.ongeldig(.zaaknummer, "onbekend", Tekst("Er is geen melding met dit zaaknummer.", "There is no case with this number."))
            }
            if try await isGewist(m.requireID()) {
                throw Weigering.ongeldig(.zaaknummer, "gewist", Tekst("De melder van deze melding trok de toestemming in; geef het advies zonder zaaknummer.",
                                                                     "The melder of this case withdrew consent; give the advice without a case number."))
            }
        }
        let melding = gevonden
        let nummer = try await metNieuwNummer { [nu, berichten] tx, nummer in
            let a = AdviesRij(nummer: nummer, organisatie: try o.requireID(), melding: try melding?.requireID(), onderwerp: v.onderwerp!, status: .gegeven, nu: nu)
            a.advies = v.advies
            a.gegevenDoor = door.naam
            a.gegevenOp = nu
            a.opvolgenOp = v.opvolgenOp
            try await a.create(on: tx)
            if let melding { try await tijdlijn(melding, .adviesGegeven, a, tekst: v.advies, door: door, on: tx) }
            try await berichten.adviesGegeven(a, aan: o, nu: nu, on: tx)
        }
        return try await detail(nummer, door: door)
    }

    /// The meldpunt answers an organisation's question.
    package func beantwoordVraag(_ nummer: Int, _ invoer: AdviesInvoer, door: Handelende) async throws -> AdviesDTO {
        try meldingen.vereisMeldpuntOrg(door)
        let a = try await vind(nummer, door: door)
        let v = try valideer { () throws(ValidatieFouten) in try valideerAdvies(invoer, opVraag: true, vandaag: Dag(nu)) }
        try stap(a, naar: .gegeven)
        try await vereisNietGewist(a)
        let oud = a.status
        try await db.schrijfStap { [nu, berichten] tx in
            a.status = .gegeven
            a.advies = v.advies
            a.gegevenDoor = door.naam
            a.gegevenOp = nu
            a.opvolgenOp = v.opvolgenOp
            a.gewijzigdOp = nu
            try await opslaan(a, van: oud, on: tx)
            if let m = try await melding(a, on: tx) { try await tijdlijn(m, .adviesGegeven, a, tekst: v.advies, door: door, on: tx) }
            try await berichten.adviesGegeven(a, aan: a.organisatie, nu: nu, on: tx)
        }
        return try await detail(nummer, door: door)
    }

    /// The organisation says what it does with the advice.
    package func reageer(_ nummer: Int, _ invoer: AdviesReactieInvoer, door: Handelende) async throws -> AdviesDTO {
        guard door.organisatie.heeft(.partner) else { throw Weigering.geenToegang(.rolOntbreekt(.partner)) }
        let a = try await vind(nummer, door: door)
        guard a.$organisatie.id == door.organisatie.id else { throw Weigering.nietGevonden(.advies) }
        let r = try valideer { () throws(ValidatieFouten) in try valideerAdviesreactie(invoer) }
        try stap(a, naar: r.reactie)
        try await vereisNietGewist(a)
        let oud = a.status
        try await db.schrijfStap { [nu, berichten] tx in
            a.status = r.reactie
            a.toelichting = r.toelichting
            a.beantwoordDoor = door.naam
            a.beantwoordOp = nu
            a.gewijzigdOp = nu
            try await opslaan(a, van: oud, on: tx)
            if let m = try await melding(a, on: tx) {
                try await tijdlijn(m, .adviesBeantwoord, a, tekst: r.toelichting, door: door, on: tx)
            } else {
                try await berichten.adviesBeantwoord(a, organisatie: door.organisatie.naam, nu: nu, on: tx)
            }
        }
        return try await detail(nummer, door: door)
    }

    // MARK: Helpers

    /// The meldpunt finds any; an organisation only its own.
    func vind(_ nummer: Int, door: Handelende) async throws -> AdviesRij {
        let meldpunt = door.organisatie.heeft(.meldpunt)
        guard meldpunt || door.organisatie.heeft(.partner) else { throw Weigering.geenToegang(.rolOntbreekt(.partner)) }
        guard let a = try await AdviesRij.query(on: db).filter(\.$nummer == nummer).with(\.$organisatie).with(\.$melding).first(),
              meldpunt || a.$organisatie.id == door.organisatie.id
        else { throw Weigering.nietGevonden(.advies) }
        return a
    }

    /// The melder of the case withdrew consent: its personal data are gone.
    private func isGewist(_ melding: UUID) async throws -> Bool {
        try await MeldingPersoonsgegevens.find(melding, on: db) == nil
    }

    /// Nothing new is written about a case whose melder withdrew consent.
    private func vereisNietGewist(_ a: AdviesRij) async throws {
        if let id = a.$melding.id, try await isGewist(id) { throw Weigering.conflict(.meldingGesloten) }
    }


    private func stap(_ a: AdviesRij, naar: AdviesStatus) throws {
        do { try controleerAdviesOvergang(van: a.status, naar: naar) } catch { throw Weigering.conflict(.adviesOvergang(error)) }
    }

    /// Saved only if it is still in the state it was read in: a second answer at the same moment
    /// (another tab, another instance) is a 409, never two answers.
    private func opslaan(_ a: AdviesRij, van oud: AdviesStatus, on tx: any Database) async throws {
        let gewijzigd = try await (tx as! any SQLDatabase).update(AdviesRij.schema)
            .set("status", to: SQLBind(a.status.rawValue))
            .where("id", .equal, SQLBind(try a.requireID())).where("status", .equal, SQLBind(oud.rawValue))
            .returning("id").all()
        if gewijzigd.isEmpty { throw Weigering.conflict(.tegelijkGewijzigd) }
        try await a.save(on: tx)
    }

    private func melding(_ a: AdviesRij, on tx: any Database) async throws -> Melding? {
        guard let id = a.$melding.id else { return nil }
        return try await Melding.find(id, on: tx)
    }

    /// A step on the case's timeline; the meldpunt's staff hear of the organisation's steps.
    private func tijdlijn(_ m: Melding, _ soort: Gebeurtenissoort, _ a: AdviesRij, tekst: String?, door: Handelende, on tx: any Database) async throws {
        m.laatsteVolgnummer += 1
        var organisatie = a.$organisatie.value?.naam
        if organisatie == nil { organisatie = try await Organisatie.find(a.$organisatie.id, on: tx)?.naam }
        try await meldingen.legVast(m, MeldingService.Gebeurtenis(soort: soort, tekst: tekst, gegevens: GebeurtenisGegevens(organisatie: organisatie, adviesNummer: a.nummer)),
                                    door: door.naam, on: tx)
        if soort != .adviesGegeven {
            try await berichten.aanStaf(m, soort == .adviesGevraagd ? Tekst("Een partner vraagt advies (ADV-\(a.nummer))", "A partner asks for advice (ADV-\(a.nummer))")
                                                               : Tekst("Een partner reageerde op advies ADV-\(a.nummer)", "A partner answered advice ADV-\(a.nummer)"),
                                        nu: nu, on: tx)
        }
        try await m.save(on: tx)
    }

    /// Numbers count up (ADV-n).
    private func metNieuwNummer(_ body: @escaping @Sendable (any Database, Int) async throws -> Void) async throws -> Int {
        try await db.metNieuwNummer(hoogste: { try await AdviesRij.query(on: $0).max(\.$nummer) }, body)
    }

    private func dto(_ a: AdviesRij, voor door: Handelende) throws -> AdviesDTO {
        let meldpunt = door.organisatie.heeft(.meldpunt)
        return AdviesDTO(
            nummer: a.nummer, organisatie: OrganisatieVerwijzing(a.organisatie), onderwerp: a.onderwerp, status: a.status, gevraagd: a.gevraagd,
            zaaknummer: a.melding.map(\.zaaknummer), vraag: a.vraag, gevraagdDoor: a.gevraagdDoor, advies: a.advies,
            gegevenDoor: meldpunt ? a.gegevenDoor : a.gegevenDoor.map { _ in "Meldpunt" }, gegevenOp: a.gegevenOp, opvolgenOp: a.opvolgenOp,
            toelichting: a.toelichting, beantwoordDoor: a.beantwoordDoor, beantwoordOp: a.beantwoordOp, aangemaaktOp: a.aangemaaktOp,
            opvolgenVerstreken: a.status == .gegeven && (a.opvolgenOp.map { $0 <= Dag(nu) } ?? false),
            href: APIAdres.advies(nummer: a.nummer))
    }
}
