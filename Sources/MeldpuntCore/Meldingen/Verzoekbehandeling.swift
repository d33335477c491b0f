import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain

extension Verzoekbehandeling {
    /// A request to the organisation with `invoer.organisatieOin`, or to `organisatie` when the caller chose it already.
    package func nieuwVerzoek(_ zaaknummer: Zaaknummer, _ invoer: NieuwVerzoekInvoer, door: Handelende, organisatie: Organisatie? = nil,
                      terugmelding: UUID? = nil) async throws -> VerzoekDTO {
        try zaken.vereisMeldpuntOrg(door)
        let m = try await zaken.zoek(zaaknummer)
        let n = try valideer { () throws(ValidatieFouten) in try valideerNieuwVerzoek(invoer, vandaag: Dag(nu), organisatieVerplicht: organisatie == nil) }
        var gevonden = organisatie
        if gevonden == nil { gevonden = try await Organisatie.query(on: db).filter(\.$oin == n.organisatieOin).first() }
        guard let org = gevonden else {
            throw Weigering.ongeldig(.organisatieOin, "onbekend", Tekst("Er is geen organisatie met dit OIN. Voeg haar eerst toe aan het partnerregister.", "There is no organisation with this OIN. Add it to the partner register first."))
        }
        if org.id == door.organisatie.id { throw Weigering.ongeldig(.organisatieOin, "zelf", Tekst("Het Meldpunt stuurt geen verzoek aan zichzelf.", "The Meldpunt does not send a request to itself.")) }
        try zaken.vereisOpenMelding(m)
        let niveau = m.escalatieniveau ?? .operationeel
        let contact = try await zaken.contactpersoon(org.requireID(), niveau)
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
        v.termijnDoor = n.uiterlijk == nil ? nil : MeldingService.Kant.meldpunt
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
                try await zaken.legVerzoekStapVast(v, kant: .meldpunt, door: door.naam, organisatie: door.organisatie.id, gebruiker: door.gebruiker?.id, on: tx) { _, _, _ in
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
        return try await zaken.verzoekDTO(v, zaaknummer: m.zaaknummer)
    }

    package func verzoekVoorMeldpunt(_ zaaknummer: Zaaknummer, _ id: UUID, door: Handelende) async throws -> VerzoekDTO {
        try zaken.vereisMeldpuntOrg(door)
        let m = try await zaken.zoek(zaaknummer)
        return try await zaken.verzoekDTO(try await zaken.verzoek(m, id), zaaknummer: m.zaaknummer)
    }

    /// A message from the meldpunt to the partner, or the minutes of a meeting (overleg).
    package func schrijfAanPartner(_ zaaknummer: Zaaknummer, _ id: UUID, tekst: String?, verslag: Bool = false, door: Handelende) async throws -> VerzoekDTO {
        try zaken.vereisMeldpuntOrg(door)
        let m = try await zaken.zoek(zaaknummer)
        let v = try await zaken.verzoek(m, id)
        let t = try MeldingService.tekst(tekst)
        if verslag && v.soort != .overleg { throw Weigering.conflict(.verslagAlleenBijOverleg) }
        if !verslag { try zaken.vereisOpenVerzoek(v) }
        try await zaken.legVerzoekStapVast(v, kant: .meldpunt, door: door.naam, organisatie: door.organisatie.id, gebruiker: door.gebruiker?.id) { v, _, _ in
            if verslag { v.overlegVerslag = t }
            return [VerzoekStap(soort: verslag ? .verslag : .bericht, tekst: t)]
        }
        return try await zaken.verzoekDTO(v, zaaknummer: m.zaaknummer)
    }

    package func zetTermijn(_ zaaknummer: Zaaknummer, _ id: UUID, _ invoer: TermijnInvoer, door: Handelende) async throws -> VerzoekDTO {
        try zaken.vereisMeldpuntOrg(door)
        let m = try await zaken.zoek(zaaknummer)
        let v = try await zaken.verzoek(m, id)
        try await zaken.termijn(v, invoer, kant: .meldpunt, door: door)
        return try await zaken.verzoekDTO(v, zaaknummer: m.zaaknummer)
    }

    /// One level up with a reason, decided together with the partner: a proposal, or agreeing
    /// with the partner's, or alone once the partner let its answer day pass (`MeldingService.escaleer`).
    package func escaleerVerzoek(_ zaaknummer: Zaaknummer, _ id: UUID, reden: String?, door: Handelende) async throws -> VerzoekDTO {
        try zaken.vereisMeldpuntOrg(door)
        let m = try await zaken.zoek(zaaknummer)
        let v = try await zaken.verzoek(m, id)
        try await zaken.escaleer(v, kant: .meldpunt, reden: reden, door: door)
        return try await zaken.verzoekDTO(v, zaaknummer: m.zaaknummer)
    }

    /// Declines the partner's proposal to escalate, with the reason.
    package func wijsEscalatieAf(_ zaaknummer: Zaaknummer, _ id: UUID, reden: String?, door: Handelende) async throws -> VerzoekDTO {
        try zaken.vereisMeldpuntOrg(door)
        let m = try await zaken.zoek(zaaknummer)
        let v = try await zaken.verzoek(m, id)
        try await zaken.wijsEscalatieAf(v, kant: .meldpunt, reden: reden, door: door)
        return try await zaken.verzoekDTO(v, zaaknummer: m.zaaknummer)
    }

    /// The case as a whole one level up (recurring or structural); new requests start at that level.
    package func escaleerMelding(_ zaaknummer: Zaaknummer, reden: String?, door: Handelende) async throws -> MeldingDetailDTO {
        try zaken.vereisMeldpuntOrg(door)
        let m = try await zaken.zoek(zaaknummer)
        let (hoger, r) = try MeldingService.eenNiveauHoger(m.escalatieniveau, reden: reden)
        if m.status.isGesloten { throw Weigering.conflict(.meldingGesloten) }
        return try await zaken.voerUit(m, nil, door: door) { m, _ in
            m.escalatieniveau = hoger
            return [Gebeurtenis(soort: .geescaleerd, tekst: r, gegevens: GebeurtenisGegevens(niveau: hoger))]
        }
    }

    /// A running suspension of a closed case not decided on when it closed (the melder withdrew
    /// consent): staff decide to lift or keep it; the partner is told. Open cases decide on closing.
    package func besluitOverOpschorting(_ zaaknummer: Zaaknummer, _ id: UUID, _ invoer: OpschortingBesluitInvoer, door: Handelende) async throws -> VerzoekDTO {
        try zaken.vereisMeldpuntOrg(door)
        let m = try await zaken.zoek(zaaknummer)
        let v = try await zaken.verzoek(m, id)
        guard let besluit = invoer.besluit.flatMap(OpschortingBesluit.init(rawValue:)) else {
            throw Weigering.ongeldig(.opschortingBesluit, invoer.besluit == nil ? "required" : "enum",
                                     Tekst("Kies of de organisatie de opschorting opheft of aanhoudt tot de einddatum.", "Choose whether the organisation lifts the suspension or keeps it until its end date."))
        }
        guard v.opgeschortOp != nil, v.opgehevenOp == nil else {
            throw Weigering.conflict(v.opgehevenOp != nil ? .opschortingAlOpgeheven : .geenOpschortingOmOpTeHeffen)
        }
        guard m.status == .gesloten, v.opschortingBesluit == nil else { throw Weigering.conflict(.opschortingBesluitBijSluiten) }
        // The decision is a state of the request (shown in its own words to each reader), not a message in its thread.
        try await zaken.legVerzoekStapVast(v, kant: .meldpunt, door: door.naam, organisatie: door.organisatie.id, gebruiker: door.gebruiker?.id) { [nu, berichten = zaken.berichten] v, m, tx in
            guard m.status == .gesloten, v.opschortingBesluit == nil else { throw Weigering.conflict(.opschortingBesluitBijSluiten) }
            v.opschortingBesluit = besluit
            v.opschortingBesluitOp = nu
            try await berichten.opschortingBesluit(v, besluit, nu: nu, on: tx)
            return []
        }
        return try await zaken.verzoekDTO(v, zaaknummer: m.zaaknummer)
    }

    /// Every suspension, newest first: on hold now, asked for, or lifted.
    package func opschortingen(alleenActief: Bool, door: Handelende) async throws -> [OpschortingRegelDTO] {
        try zaken.vereisMeldpuntOrg(door)
        var q = Verzoek.query(on: db).filter(\.$soort == .opschorting).with(\.$melding).with(\.$organisatie)
        if alleenActief { q = q.filter(\.$opgeschortOp != nil).filter(\.$opgehevenOp == nil) }
        return try await q.sort(\.$aangemaaktOp, .descending).limit(1000).all().compactMap { v in
            try MeldingService.opschorting(v).map {
                OpschortingRegelDTO(zaaknummer: v.melding.zaaknummer, verzoekId: try v.requireID().tekst, organisatie: v.organisatie.naam, status: v.status,
                                    opschorting: $0, href: APIAdres.verzoekVanMelding(zaaknummer: v.melding.zaaknummer, verzoek: try v.requireID()))
            }
        }
    }

    package func verzoekBijlageVoorMeldpunt(_ zaaknummer: Zaaknummer, _ id: UUID, _ bijlage: UUID, door: Handelende) async throws -> (String, String, Data) {
        try zaken.vereisMeldpuntOrg(door)
        let m = try await zaken.zoek(zaaknummer)
        let v = try await zaken.verzoek(m, id)
        return try await zaken.verzoekBijlage(v, bijlage, melding: m, organisatie: door.organisatie.id, gebruiker: door.gebruiker?.id, ookMelding: false)
    }
}
