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
            if let opnieuw = try? await Verzoek.find(vid, on: db), opnieuw.laatsteVolgnummer != gelezen {
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
        return OpschortingDTO(actie: actie, kenmerk: v.opschortingKenmerk, tot: v.opschortingTot, bevestigdOp: v.opgeschortOp,
                              opgehevenOp: v.opgehevenOp, actief: v.opgeschortOp != nil && v.opgehevenOp == nil)
    }

    package static func overleg(_ v: Verzoek) -> OverlegDTO? {
        guard let datum = v.overlegDatum else { return nil }
        return OverlegDTO(datum: datum, deelnemers: v.overlegDeelnemers ?? "", verslag: v.overlegVerslag)
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
        try await v.$contactpersoon.load(on: db)
        try await v.$terugmelding.load(on: db)
        let vid = try v.requireID()
        var koppeling: TerugmeldingKoppelingDTO?
        if let tm = v.terugmelding {
            let bijhouder = try await Organisatie.find(tm.$bijhouder.id, on: db)
            koppeling = TerugmeldingKoppelingDTO(id: try tm.requireID().tekst, status: tm.status, bijhouder: bijhouder?.naam ?? "", href: APIAdres.terugmelding(try tm.requireID()))
        }
        return VerzoekDTO(
            id: try v.requireID().tekst, organisatie: OrganisatieVerwijzing(v.organisatie), soort: v.soort, status: v.status, vraag: v.vraag,
            gedeeldeGegevens: GedeeldGegeven.allCases.filter(v.gedeeldeGegevens.contains),
            uiterlijk: v.uiterlijk, termijnDoor: v.termijnDoor, termijnOverschreden: teLaat(v), niveau: v.niveau,
            contactpersoon: v.contactpersoon.map(ContactpersoonDTO.init), reden: v.reden,
            opschorting: Self.opschorting(v), overleg: Self.overleg(v), terugmelding: koppeling, aangemaaktOp: v.aangemaaktOp,
            berichten: try await berichten(v) { APIAdres.verzoekBijlageVanMelding(zaaknummer: zaaknummer, verzoek: vid, bijlage: $0) })
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

    /// A request to the organisation with `invoer.organisatieOin`, or to `organisatie` when the caller chose it already.
    package func nieuwVerzoek(_ zaaknummer: Zaaknummer, _ invoer: NieuwVerzoekInvoer, door: Handelende, organisatie: Organisatie? = nil,
                      terugmelding: UUID? = nil) async throws -> VerzoekDTO {
        try vereisMeldpuntOrg(door)
        let m = try await zoek(zaaknummer)
        let n = try valideer { () throws(ValidatieFouten) in try valideerNieuwVerzoek(invoer, vandaag: Dag(nu), organisatieVerplicht: organisatie == nil) }
        var gevonden = organisatie
        if gevonden == nil { gevonden = try await Organisatie.query(on: db).filter(\.$oin == n.organisatieOin).first() }
        guard let org = gevonden else {
            throw Weigering.ongeldig(.organisatieOin, "onbekend", Tekst("Er is geen organisatie met dit OIN. Voeg haar eerst toe aan het partnerregister.", "There is no organisation with this OIN. Add it to the partner register first."))
        }
        if org.id == door.organisatie.id { throw Weigering.ongeldig(.organisatieOin, "zelf", Tekst("Het Meldpunt stuurt geen verzoek aan zichzelf.", "The Meldpunt does not send a request to itself.")) }
        try vereisOpenMelding(m)
        let niveau = m.escalatieniveau ?? .operationeel
        let contact = try await contactpersoon(org.requireID(), niveau)
        // The request, its first thread entry, the timeline and the log: all or nothing.
        let v = Verzoek()
        v.id = UUID()
        v.$melding.id = try m.requireID()
        v.$organisatie.id = try org.requireID()
        v.soort = n.soort
        v.status = .verzonden
        v.vraag = n.vraag
        v.gedeeld = n.gedeeld.map(\.rawValue).joined(separator: ",")
        v.uiterlijk = n.uiterlijk
        v.termijnDoor = n.uiterlijk == nil ? nil : Kant.meldpunt
        v.niveau = niveau
        v.$contactpersoon.id = contact?.id
        v.opschortingActie = n.opschorting?.actie
        v.opschortingKenmerk = n.opschorting?.kenmerk
        v.opschortingTot = n.opschorting?.tot
        v.overlegDatum = n.overleg?.datum
        v.overlegDeelnemers = n.overleg?.deelnemers
        v.$terugmelding.id = terugmelding
        v.aangemaaktOp = nu
        v.laatsteVolgnummer = 0
        let melding = try m.requireID()
        do {
            try await db.schrijf { tx in
                v.nummer = try await Verzoek.query(on: tx).filter(\.$melding.$id == melding).count() + 1
                try await v.create(on: tx)
                try await legVerzoekStapVast(v, kant: .meldpunt, door: door.naam, organisatie: door.organisatie.id, gebruiker: door.gebruiker?.id, on: tx) { _, _, _ in
                    [VerzoekStap(soort: .verzonden, tekst: n.vraag, gegevens: GebeurtenisGegevens(datum: n.uiterlijk))]
                }
            }
        } catch let w as Weigering {
            throw w
        } catch {
            // The unique (melding, nummer): another request was sent at the same moment.
            if try await Verzoek.find(v.id, on: db) == nil, try await Verzoek.query(on: db).filter(\.$melding.$id == melding).filter(\.$nummer == v.nummer).count() > 0 {
                throw Weigering.conflict(.tegelijkGewijzigd)
            }
            throw error
        }
        return try await verzoekDTO(v, zaaknummer: m.zaaknummer)
    }

    package func verzoekVoorMeldpunt(_ zaaknummer: Zaaknummer, _ id: UUID, door: Handelende) async throws -> VerzoekDTO {
        try vereisMeldpuntOrg(door)
        let m = try await zoek(zaaknummer)
        return try await verzoekDTO(try await verzoek(m, id), zaaknummer: m.zaaknummer)
    }

    /// A message from the meldpunt to the partner, or the minutes of a meeting (overleg).
    package func schrijfAanPartner(_ zaaknummer: Zaaknummer, _ id: UUID, tekst: String?, verslag: Bool = false, door: Handelende) async throws -> VerzoekDTO {
        try vereisMeldpuntOrg(door)
        let m = try await zoek(zaaknummer)
        let v = try await verzoek(m, id)
        let t = try Self.tekst(tekst)
        if verslag && v.soort != .overleg { throw Weigering.conflict(.verslagAlleenBijOverleg) }
        if !verslag { try vereisOpenVerzoek(v) }
        try await legVerzoekStapVast(v, kant: .meldpunt, door: door.naam, organisatie: door.organisatie.id, gebruiker: door.gebruiker?.id) { v, _, _ in
            if verslag { v.overlegVerslag = t }
            return [VerzoekStap(soort: verslag ? .verslag : .bericht, tekst: t)]
        }
        return try await verzoekDTO(v, zaaknummer: m.zaaknummer)
    }

    package static func tekst(_ tekst: String?) throws -> String {
        let t = (tekst ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty, (tekst ?? "").schemaLengte <= BehandelLimieten.maxBericht else {
            throw Weigering.ongeldig(.tekst, t.isEmpty ? "required" : "maxLength", t.isEmpty ? Tekst("Schrijf eerst de tekst.", "Write the text first.") : Lengteregel.hoogstens(BehandelLimieten.maxBericht))
        }
        return t
    }

    package func zetTermijn(_ zaaknummer: Zaaknummer, _ id: UUID, _ invoer: TermijnInvoer, door: Handelende) async throws -> VerzoekDTO {
        try vereisMeldpuntOrg(door)
        let m = try await zoek(zaaknummer)
        let v = try await verzoek(m, id)
        try await termijn(v, invoer, kant: .meldpunt, door: door)
        return try await verzoekDTO(v, zaaknummer: m.zaaknummer)
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
        do { hoger = try escaleer(van: niveau ?? .operationeel, reden: reden) } catch {
            if error == .redenOntbreekt { throw Weigering.ongeldig(.reden, "required", Tekst(error.uitleg(.nl), error.uitleg(.en))) }
            throw Weigering.conflict(.verzoekOvergang(error))
        }
        if (reden ?? "").schemaLengte > BehandelLimieten.maxBericht { throw Weigering.ongeldig(.reden, "maxLength", Lengteregel.hoogstens(BehandelLimieten.maxBericht)) }
        return (hoger, reden!.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// One level up with a reason; the partner's contact person of that level becomes party to it.
    package func escaleerVerzoek(_ zaaknummer: Zaaknummer, _ id: UUID, reden: String?, door: Handelende) async throws -> VerzoekDTO {
        try vereisMeldpuntOrg(door)
        let m = try await zoek(zaaknummer)
        let v = try await verzoek(m, id)
        let (hoger, r) = try Self.eenNiveauHoger(v.niveau, reden: reden)
        try vereisOpenVerzoek(v)
        let contact = try await contactpersoon(v.$organisatie.id, hoger)
        try await legVerzoekStapVast(v, kant: .meldpunt, door: door.naam, organisatie: door.organisatie.id, gebruiker: door.gebruiker?.id) { v, _, _ in
            v.niveau = hoger
            v.$contactpersoon.id = contact?.id
            return [VerzoekStap(soort: .geescaleerd, tekst: r, gegevens: GebeurtenisGegevens(niveau: hoger, contactpersoon: contact?.naam))]
        }
        return try await verzoekDTO(v, zaaknummer: m.zaaknummer)
    }

    /// The case as a whole one level up (recurring or structural); new requests start at that level.
    package func escaleerMelding(_ zaaknummer: Zaaknummer, reden: String?, door: Handelende) async throws -> MeldingDetailDTO {
        try vereisMeldpuntOrg(door)
        let m = try await zoek(zaaknummer)
        let (hoger, r) = try Self.eenNiveauHoger(m.escalatieniveau, reden: reden)
        if m.status.isGesloten { throw Weigering.conflict(.meldingGesloten) }
        return try await voerUit(m, nil, door: door) { m, _ in
            m.escalatieniveau = hoger
            return [Gebeurtenis(soort: .geescaleerd, tekst: r, gegevens: GebeurtenisGegevens(niveau: hoger))]
        }
    }

    /// Every suspension, newest first: on hold now, asked for, or lifted.
    package func opschortingen(alleenActief: Bool, door: Handelende) async throws -> [OpschortingRegelDTO] {
        try vereisMeldpuntOrg(door)
        var q = Verzoek.query(on: db).filter(\.$soort == .opschorting).with(\.$melding).with(\.$organisatie)
        if alleenActief { q = q.filter(\.$opgeschortOp != nil).filter(\.$opgehevenOp == nil) }
        return try await q.sort(\.$aangemaaktOp, .descending).limit(1000).all().compactMap { v in
            try Self.opschorting(v).map {
                OpschortingRegelDTO(zaaknummer: v.melding.zaaknummer, verzoekId: try v.requireID().tekst, organisatie: v.organisatie.naam, status: v.status,
                                    opschorting: $0, href: APIAdres.verzoekVanMelding(zaaknummer: v.melding.zaaknummer, verzoek: try v.requireID()))
            }
        }
    }

    package func verzoekBijlageVoorMeldpunt(_ zaaknummer: Zaaknummer, _ id: UUID, _ bijlage: UUID, door: Handelende) async throws -> (String, String, Data) {
        try vereisMeldpuntOrg(door)
        let m = try await zoek(zaaknummer)
        let v = try await verzoek(m, id)
        return try await verzoekBijlage(v, bijlage, melding: m, organisatie: door.organisatie.id, gebruiker: door.gebruiker?.id, ookMelding: false)
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
