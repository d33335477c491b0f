import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain

/// Partner coordination: requests from the meldpunt to partner organisations within a case.
/// Every step lands in the request's thread and on the case timeline, in one transaction.
extension MeldingService {
    /// One step of a request: a thread entry, and (unless `opTijdlijn` is false) a timeline event.
    package struct VerzoekStap {
        package let soort: Verzoekstapsoort
        package var tekst: String?
        package var bijlage: (naam: String, mime: String, grootte: Int, sha256: String)?
        package var gegevens = GebeurtenisGegevens()

        package init(soort: Verzoekstapsoort, tekst: String? = nil, bijlage: (naam: String, mime: String, grootte: Int, sha256: String)? = nil,
                     gegevens: GebeurtenisGegevens = GebeurtenisGegevens()) {
            self.soort = soort
            self.tekst = tekst
            self.bijlage = bijlage
            self.gegevens = gegevens
        }
    }

    package typealias Kant = Verzoekpartij

    // MARK: Shared

    func vereisMeldpuntOrg(_ door: Handelende) throws {
        guard door.organisatie.heeft(.meldpunt) else {
            throw Weigering.geenToegang(.rolOntbreekt(.meldpunt))
        }
    }

    func vereisPartner(_ door: Handelende) throws {
        guard door.organisatie.heeft(.partner) else {
            throw Weigering.geenToegang(.rolOntbreekt(.partner))
        }
    }

    /// Appends the steps to the request's thread and the case timeline, after `wijzig`, in one transaction.
    /// The unique volgnummers turn a simultaneous change into a 409.
    package func legVerzoekStapVast(_ v: Verzoek, kant: Kant, door: String?, organisatie: UUID?, gebruiker: UUID?,
                            _ wijzig: @escaping @Sendable (Verzoek, Melding, any Database) async throws -> [VerzoekStap]) async throws {
        let gelezen = v.laatsteVolgnummer
        let vid = try v.requireID()
        do {
            try await db.schrijf { tx in try await legVerzoekStapVast(v, kant: kant, door: door, organisatie: organisatie, gebruiker: gebruiker, on: tx, wijzig) }
        } catch {
            if await verlorRace(error, gelezen: gelezen, opnieuw: { try await Verzoek.find(vid, on: db)?.laatsteVolgnummer }) {
                throw Weigering.conflict(.tegelijkGewijzigd)
            }
            throw error
        }
    }

    /// The same inside a transaction the caller already holds (the terugmeld engine's).
    package func legVerzoekStapVast(_ v: Verzoek, kant: Kant, door: String?, organisatie: UUID?, gebruiker: UUID?, on tx: any Database,
                            _ wijzig: @Sendable (Verzoek, Melding, any Database) async throws -> [VerzoekStap]) async throws {
        guard let m = try await Melding.find(v.$melding.id, on: tx) else { throw Weigering.nietGevonden(.bron) }
        let orgNaam = try await Organisatie.find(v.$organisatie.id, on: tx)?.naam
        let stappen = try await wijzig(v, m, tx)
        let vid = try v.requireID()
        for s in stappen {
            v.laatsteVolgnummer += 1
            let b = VerzoekBericht()
            b.$verzoek.id = vid
            b.volgnummer = v.laatsteVolgnummer
            b.tijdstip = nu
            b.van = kant
            b.door = door
            b.soort = s.soort
            b.tekst = s.tekst
            if let bijlage = s.bijlage {
                b.bestandsnaam = bijlage.naam; b.mimeType = bijlage.mime; b.grootte = bijlage.grootte; b.sha256 = bijlage.sha256
            }
            try await b.create(on: tx)
            var gegevens = s.gegevens
            gegevens.organisatie = gegevens.organisatie ?? orgNaam
            gegevens.verzoekSoort = v.soort
            gegevens.verzoekId = vid.tekst
            gegevens.bestandsnaam = gegevens.bestandsnaam ?? s.bijlage?.naam
            m.laatsteVolgnummer += 1
            try await nieuweGebeurtenis(try m.requireID(), m.laatsteVolgnummer,
                                        Gebeurtenis(soort: Gebeurtenissoort(verzoek: s.soort), tekst: s.tekst, gegevens: gegevens),
                                        door: door).create(on: tx)
            try await berichten.kondigAan(v, m, s.soort, kant: kant, nu: nu, on: tx)
        }
        try await v.save(on: tx)
        try await m.save(on: tx)
        let p = try await MeldingPersoonsgegevens.find(m.id, on: tx)
        try await Verwerkingslog.regel(.verzoekBehandelen, organisatie: organisatie, melding: m.id, betrokkene: betrokkene(p),
                                       traceID: traceID, tijdstip: nu, gebruiker: gebruiker).create(on: tx)
    }

    package func teLaat(_ v: Verzoek) -> Bool {
        isVerzoekTeLaat(status: v.status, uiterlijk: v.uiterlijk, vandaag: Dag(nu))
    }

    /// Ids of cases with an open request past its agreed deadline (text dates compare as dates).
    package func meldingenMetVerzoekTeLaat() async throws -> Set<UUID> {
        let open = VerzoekStatus.allCases.filter(\.isOpen)
        let rijen = try await Verzoek.query(on: db).filter(\.$status ~~ open).filter(\.$uiterlijk < Dag(nu))
            .field(\.$melding.$id).all()
        return Set(rijen.map { $0.$melding.id })
    }

    package static func opschorting(_ v: Verzoek) -> OpschortingDTO? {
        guard let actie = v.opschortingActie else { return nil }
        var o = OpschortingDTO(actie: actie, kenmerk: v.opschortingKenmerk, tot: v.opschortingTot, bevestigdOp: v.opgeschortOp,
                               opgehevenOp: v.opgehevenOp, actief: v.opgeschortOp != nil && v.opgehevenOp == nil)
        o.besluit = v.opschortingBesluit
        o.teBeslissen = o.actief && v.opschortingBesluit == nil && v.$melding.value?.status == .gesloten
        return o
    }

    package static func overleg(_ v: Verzoek) -> VerzoekOverlegDTO? {
        guard let datum = v.overlegDatum else { return nil }
        return VerzoekOverlegDTO(datum: datum, deelnemers: v.overlegDeelnemers ?? "", verslag: v.overlegVerslag)
    }

    func berichten(_ v: Verzoek, href: (UUID) -> APIAdres) async throws -> [VerzoekBerichtDTO] {
        try await VerzoekBericht.query(on: db).filter(\.$verzoek.$id == v.requireID()).sort(\.$volgnummer).all().map { b in
            VerzoekBerichtDTO(volgnummer: b.volgnummer, tijdstip: b.tijdstip, van: b.van, door: b.door, soort: b.soort, tekst: b.tekst,
                              bijlage: try b.sha256.map { _ in
                                  VerzoekBijlageDTO(id: try b.requireID().tekst, bestandsnaam: b.bestandsnaam ?? "bijlage", mimeType: b.mimeType ?? "application/octet-stream",
                                                    grootte: b.grootte ?? 0, href: href(try b.requireID()))
                              })
        }
    }

    // MARK: The meldpunt's side

    func verzoekDTO(_ v: Verzoek, zaaknummer: String) async throws -> VerzoekDTO {
        try await v.$organisatie.load(on: db)
        // Whether a running suspension waits for a decision depends on its case.
        if v.opgeschortOp != nil && v.opgehevenOp == nil { try await v.$melding.load(on: db) }
        try await v.$contactpersoon.load(on: db)
        try await v.$terugmelding.load(on: db)
        let vid = try v.requireID()
        var koppeling: TerugmeldingKoppelingDTO?
        if let tm = v.terugmelding {
            let bijhouder = try await Organisatie.find(tm.$bijhouder.id, on: db)
            koppeling = TerugmeldingKoppelingDTO(id: try tm.requireID().tekst, status: tm.status, bijhouder: bijhouder?.naam ?? "", href: APIAdres.terugmelding(try tm.requireID()))
        }
        var dto = VerzoekDTO(
            id: try v.requireID().tekst, organisatie: OrganisatieVerwijzing(v.organisatie), soort: v.soort, status: v.status, vraag: v.vraag,
            gedeeldeGegevens: GedeeldGegeven.allCases.filter(v.gedeeldeGegevens.contains),
            uiterlijk: v.uiterlijk, termijnDoor: v.termijnDoor, termijnOverschreden: teLaat(v), niveau: v.niveau,
            contactpersoon: try v.contactpersoon.map(ContactpersoonDTO.init), reden: v.reden,
            opschorting: Self.opschorting(v), overleg: Self.overleg(v), terugmelding: koppeling, aangemaaktOp: v.aangemaaktOp,
            berichten: try await berichten(v) { APIAdres.verzoekBijlageVanMelding(zaaknummer: zaaknummer, verzoek: vid, bijlage: $0) })
        dto.escalatievoorstel = v.escalatievoorstel.map { EscalatievoorstelDTO($0, vandaag: Dag(nu)) }
        return dto
    }

    // MARK: Escalating together

    /// `kant` chooses to escalate the request one level with its reason: a proposal the other
    /// side answers, an agreement with the other side's proposal, or — the meldpunt, once the
    /// partner let its answer day pass — a decision alone. Each is a step in the thread and on
    /// the case's timeline; going up, the next level's contact person becomes party and hears of it.
    func escaleer(_ v: Verzoek, kant: Kant, reden: String?, door: Handelende) async throws {
        let (hoger, r) = try Self.eenNiveauHoger(v.niveau, reden: reden)
        try vereisOpenVerzoek(v)
        let besluit: Escalatiebesluit
        do { besluit = try besluitEscalatie(voorstel: v.escalatievoorstel, door: kant, vandaag: Dag(nu)) } catch { throw Weigering.conflict(.escalatie(error)) }
        if besluit == .voorgesteld {
            let uiterlijk = try kalender.plusWerkdagen(Escalatievoorstel.antwoordWerkdagen, na: Dag(nu))
            try await legVerzoekStapVast(v, kant: kant, door: door.naam, organisatie: door.organisatie.id, gebruiker: door.gebruiker?.id) { v, _, _ in
                v.escalatieVoorstelDoor = kant
                v.escalatieVoorstelUiterlijk = uiterlijk
                return [VerzoekStap(soort: .escalatieVoorgesteld, tekst: r, gegevens: GebeurtenisGegevens(datum: uiterlijk, niveau: hoger))]
            }
            return
        }
        let contact = try await contactpersoon(v.$organisatie.id, hoger)
        try await legVerzoekStapVast(v, kant: kant, door: door.naam, organisatie: door.organisatie.id, gebruiker: door.gebruiker?.id) { v, _, _ in
            v.niveau = hoger
            v.$contactpersoon.id = contact?.id
            v.escalatieVoorstelDoor = nil
            v.escalatieVoorstelUiterlijk = nil
            return [VerzoekStap(soort: .geescaleerd, tekst: r, gegevens: GebeurtenisGegevens(niveau: hoger, contactpersoon: contact?.naam, escalatiebesluit: besluit))]
        }
    }

    /// `kant` declines the other side's proposal to escalate, with its reason.
    func wijsEscalatieAf(_ v: Verzoek, kant: Kant, reden: String?, door: Handelende) async throws {
        let r = (reden ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if r.isEmpty { throw Weigering.ongeldig(.reden, "required", Tekst("Geef de reden.", "Give the reason.")) }
        if (reden ?? "").schemaLengte > BehandelLimieten.maxBericht { throw Weigering.ongeldig(.reden, "maxLength", Lengteregel.hoogstens(BehandelLimieten.maxBericht)) }
        try vereisOpenVerzoek(v)
        do { try MeldpuntDomain.wijsEscalatieAf(voorstel: v.escalatievoorstel, door: kant) } catch { throw Weigering.conflict(.escalatie(error)) }
        try await legVerzoekStapVast(v, kant: kant, door: door.naam, organisatie: door.organisatie.id, gebruiker: door.gebruiker?.id) { v, _, _ in
            v.escalatieVoorstelDoor = nil
            v.escalatieVoorstelUiterlijk = nil
            return [VerzoekStap(soort: .escalatieAfgewezen, tekst: r)]
        }
    }

    func verzoeken(van melding: UUID, zaaknummer: String) async throws -> [VerzoekDTO] {
        var uit: [VerzoekDTO] = []
        for v in try await Verzoek.query(on: db).filter(\.$melding.$id == melding).sort(\.$nummer).all() {
            uit.append(try await verzoekDTO(v, zaaknummer: zaaknummer))
        }
        return uit
    }

    /// The contact person of an organisation at a level, if it has one.
    func contactpersoon(_ organisatie: UUID, _ niveau: Escalatieniveau, on database: (any Database)? = nil) async throws -> Contactpersoon? {
        try await Contactpersoon.query(on: database ?? db).filter(\.$organisatie.$id == organisatie).filter(\.$niveau == niveau)
            .filter(\.$actief == true).sort(\.$naam).first()
    }

    func verzoek(_ m: Melding, _ id: UUID) async throws -> Verzoek {
        guard let v = try await Verzoek.query(on: db).filter(\.$id == id).filter(\.$melding.$id == m.requireID()).first()
        else { throw Weigering.nietGevonden(.verzoek) }
        return v
    }

    func vereisOpenMelding(_ m: Melding) throws {
        if m.status.isGesloten { throw Weigering.conflict(.meldingGesloten) }
    }

    func vereisOpenVerzoek(_ v: Verzoek) throws {
        guard v.status.isOpen else {
            throw Weigering.conflict(.verzoekAfgerond(v.status))
        }
    }

    package static func tekst(_ tekst: String?) throws -> String {
        let t = (tekst ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty, (tekst ?? "").schemaLengte <= BehandelLimieten.maxBericht else {
            throw Weigering.ongeldig(.tekst, t.isEmpty ? "required" : "maxLength", t.isEmpty ? Tekst("Schrijf eerst de tekst.", "Write the text first.") : Lengteregel.hoogstens(BehandelLimieten.maxBericht))
        }
        return t
    }

    func termijn(_ v: Verzoek, _ invoer: TermijnInvoer, kant: Kant, door: Handelende) async throws {
        let (dag, toelichting) = try valideer { () throws(ValidatieFouten) in try valideerTermijn(invoer, vandaag: Dag(nu)) }
        try vereisOpenVerzoek(v)
        try await legVerzoekStapVast(v, kant: kant, door: door.naam, organisatie: door.organisatie.id, gebruiker: door.gebruiker?.id) { v, _, _ in
            v.uiterlijk = dag
            v.termijnDoor = kant
            return [VerzoekStap(soort: .termijn, tekst: toelichting, gegevens: GebeurtenisGegevens(datum: dag))]
        }
    }

    /// The level above `niveau` (nil is operationeel) and the trimmed reason; a missing or too long
    /// reason is a 400, no level above a 409.
    package static func eenNiveauHoger(_ niveau: Escalatieniveau?, reden: String?) throws -> (Escalatieniveau, String) {
        let hoger: Escalatieniveau
        do { hoger = try MeldpuntDomain.escaleer(van: niveau ?? .operationeel, reden: reden) } catch {
            if error == .redenOntbreekt { throw Weigering.ongeldig(.reden, "required", Tekst(error.uitleg(.nl), error.uitleg(.en))) }
            throw Weigering.conflict(.verzoekOvergang(error))
        }
        if (reden ?? "").schemaLengte > BehandelLimieten.maxBericht { throw Weigering.ongeldig(.reden, "maxLength", Lengteregel.hoogstens(BehandelLimieten.maxBericht)) }
        return (hoger, reden!.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func verzoekBijlage(_ v: Verzoek, _ bid: UUID, melding m: Melding, organisatie: UUID, gebruiker: UUID?, ookMelding: Bool) async throws -> (String, String, Data) {
        let geen = Weigering.nietGevonden(.bijlage)
        var gevonden: (String, String, String)?
        if let b = try await VerzoekBericht.query(on: db).filter(\.$id == bid).filter(\.$verzoek.$id == v.requireID()).first(), let sha = b.sha256 {
            gevonden = (b.bestandsnaam ?? "bijlage", b.mimeType ?? "application/octet-stream", sha)
        } else if ookMelding, v.gedeeldeGegevens.contains(.bijlagen),
                  let b = try await MeldingBijlage.query(on: db).filter(\.$id == bid).filter(\.$melding.$id == m.requireID()).first() {
            gevonden = (b.bestandsnaam, b.mimeType, b.sha256)
        }
        guard let (naam, mime, sha) = gevonden, let data = try await BijlageOpslag.laad(sha, on: db) else { throw geen }
        let p = try await MeldingPersoonsgegevens.find(m.id, on: db)
        try await Verwerkingslog.regel(.meldingBijlageRaadplegen, organisatie: organisatie, melding: m.id, betrokkene: betrokkene(p),
                                       traceID: traceID, tijdstip: nu, gebruiker: gebruiker).create(on: db)
        return (naam, mime, data)
    }
}
