import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain
import SQLKit

/// Structural errors (signalen): made, handled step by step, linked to cases.
extension Signaalregister {
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

    /// Numbers count up (SIG-n).
    func metNieuwNummer(_ body: @escaping @Sendable (any Database, Int) async throws -> Void) async throws -> Int {
        try await db.metNieuwNummer(hoogste: { try await Signaal.query(on: $0).max(\.$nummer) }, body)
    }

    func organisaties(_ oins: [String]) async throws -> [Organisatie] {
        guard !oins.isEmpty else { return [] }
        let gevonden = try await Organisatie.query(on: db).filter(\.$oin ~~ oins).all()
        let fouten = oins.enumerated().filter { _, oin in !gevonden.contains { $0.oin == oin } }.map { i, _ in
            OngeldigeParameter(Veld(.organisatieOins)[i], code: "onbekend", uitleg: Tekst("Deze organisatie is niet bij het Meldpunt bekend.", "This organisation is not known to the Meldpunt."))
        }
        if !fouten.isEmpty { throw Weigering.ongeldig(fouten) }
        return gevonden
    }

    func maak(_ n: NieuwSignaal, nummer: Int, organisaties: [Organisatie], door: Handelende, on tx: any Database) async throws -> Signaal {
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
    func betrek(_ o: Organisatie, bij s: Signaal, on tx: any Database) async throws -> SignaalOrganisatie {
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

    func stap(_ s: Signaal, _ soort: Signaalstapsoort, door: Handelende, organisatie: UUID? = nil, status: SignaalStatus? = nil,
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

    func vind(_ nummer: Int) async throws -> Signaal {
        guard let s = try await Signaal.query(on: db).filter(\.$nummer == nummer).first() else { throw Weigering.nietGevonden(.signaal) }
        return s
    }

    package func signalen(status: SignaalStatus? = nil, door: Handelende) async throws -> [SignaalSamenvattingDTO] {
        try vereisMeldpunt(door)
        var q = Signaal.query(on: db).sort(\.$gewijzigdOp, .descending)
        if let status { q = q.filter(\.$status == status) }
        return try await samenvattingen(try await q.limit(1000).all())
    }

    func samenvattingen(_ signalen: [Signaal]) async throws -> [SignaalSamenvattingDTO] {
        let ids = signalen.compactMap(\.id)
        var aantallen: [UUID: Int] = [:]
        for z in try await SignaalZaak.query(on: db).filter(\.$signaal.$id ~~ ids).all() { aantallen[z.$signaal.id, default: 0] += 1 }
        return try signalen.map { s in
            SignaalSamenvattingDTO(nummer: s.nummer, titel: s.titel, soort: s.soort, status: s.status, niveau: s.niveau, registraties: s.registratieLijst,
                                   aantalZaken: aantallen[try s.requireID()] ?? 0, aangemaaktOp: s.aangemaaktOp, gewijzigdOp: s.gewijzigdOp,
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

    static func kennis(_ s: Signaal) -> KennisDTO? {
        s.kennisGeleerd.map { KennisDTO(geleerd: $0, oplossingsroute: s.kennisRoute, gedeeld: s.kennisGedeeld) }
    }

    /// The course; for a partner only the steps meant for it (feedback to it, its answers) and
    /// the steps everyone concerned may know (agenda, escalation, closing).
    func verloop(_ s: Signaal, alleenVoor organisatie: UUID?) async throws -> [SignaalStapDTO] {
        let stappen = try await SignaalStapRij.query(on: db).filter(\.$signaal.$id == s.requireID()).sort(\.$volgnummer).all()
        let orgs = Dictionary(try await Organisatie.query(on: db).filter(\.$id ~~ stappen.compactMap { $0.$organisatie.id }).all().map { (try $0.requireID(), $0) },
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
            throw Weigering.ongeldig([OngeldigeParameter(.kenmerk, code: k.isEmpty ? "required" : "onbekend",
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

    func voorbereid(_ nummer: Int, _ soort: SignaalStap.Soort, _ invoer: SignaalStapInvoer,
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
                throw Weigering.ongeldig([OngeldigeParameter(.organisatieOin, code: "onbekend",
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
    package func signalenBijMelding(_ zaaknummer: Zaaknummer, door: Handelende) async throws -> [SignaalVerwijzingDTO] {
        guard let m = try await Melding.query(on: db).filter(\.$zaaknummer == zaaknummer.description).first() else { return [] }
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
}
