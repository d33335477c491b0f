import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain

/// Requests as the partner sees and answers them.
extension MeldingService {
    // MARK: The partner's side

    /// A partner's access follows the case: another organisation's request, or one whose case
    /// was erased, answers as if it did not exist; a closed case is read-only.
    func verzoekVanPartner(_ id: UUID, _ door: Handelende, schrijven: Bool = true) async throws -> Verzoek {
        try vereisPartner(door)
        guard let v = try await Verzoek.query(on: db).filter(\.$id == id).filter(\.$organisatie.$id == door.organisatie.id).with(\.$melding).first(),
              v.melding.uitkomst != .ingetrokken
        else { throw Weigering.nietGevonden(.verzoek) }
        if schrijven && v.melding.status.isGesloten {
            throw Weigering.conflict(.meldingGesloten)
        }
        return v
    }

    package func verzoekenVoorPartner(alleenOpen: Bool, pagina: Int, grootte: Int, door: Handelende) async throws -> (items: [PartnerVerzoekSamenvattingDTO], totaal: Int) {
        try vereisPartner(door)
        var q = verzoekenVan(door)
        if alleenOpen { q = q.filter(\.$status ~~ VerzoekStatus.allCases.filter(\.isOpen)) }
        let totaal = try await q.count()
        let rijen = try await q.with(\.$melding).sort(\.$aangemaaktOp, .descending).sort(\.$nummer, .descending)
            .range(((pagina - 1) * grootte)..<(pagina * grootte)).all()
        return (try rijen.map(samenvatting), totaal)
    }

    /// A partner's start page: the counts, counted in the database (a large partner has thousands
    /// open), and the first requests to act on: overdue ones by deadline, then new ones oldest first.
    package func werkVoorPartner(eerst aantal: Int, door: Handelende) async throws -> PartnerWerkDTO {
        try vereisPartner(door)
        let vandaag = Dag(nu)
        let open = VerzoekStatus.allCases.filter(\.isOpen)
        let teLaat = { self.verzoekenVan(door).filter(\.$status ~~ open).filter(\.$uiterlijk < vandaag) }
        let nieuwOpTijd = {
            self.verzoekenVan(door).filter(\.$status == .verzonden).group(.or) { $0.filter(\.$uiterlijk == nil).filter(\.$uiterlijk >= vandaag) }
        }
        let eerstTeLaat = try await teLaat().with(\.$melding).sort(\.$uiterlijk).sort(\.$nummer).limit(aantal).all()
        let eerstNieuw = eerstTeLaat.count < aantal
            ? try await nieuwOpTijd().with(\.$melding).sort(\.$aangemaaktOp).sort(\.$nummer).limit(aantal - eerstTeLaat.count).all() : []
        return PartnerWerkDTO(
            open: try await verzoekenVan(door).filter(\.$status ~~ open).count(),
            nieuw: try await verzoekenVan(door).filter(\.$status == .verzonden).count(),
            teLaat: try await teLaat().count(),
            eerst: try (eerstTeLaat + eerstNieuw).map(samenvatting))
    }

    /// The partner's requests; those of erased cases are gone for the partner.
    func verzoekenVan(_ door: Handelende) -> QueryBuilder<Verzoek> {
        Verzoek.query(on: db).filter(\.$organisatie.$id == door.organisatie.id)
            .join(Melding.self, on: \Verzoek.$melding.$id == \Melding.$id)
            .group(.or) { $0.filter(Melding.self, \.$uitkomst == nil).filter(Melding.self, \.$uitkomst != MeldingUitkomst.ingetrokken) }
    }

    func samenvatting(_ v: Verzoek) throws -> PartnerVerzoekSamenvattingDTO {
        PartnerVerzoekSamenvattingDTO(id: try v.requireID().tekst, zaaknummer: v.melding.zaaknummer, soort: v.soort, status: v.status, uiterlijk: v.uiterlijk,
                                      termijnOverschreden: teLaat(v), niveau: v.niveau, aangemaaktOp: v.aangemaaktOp,
                                      href: APIAdres.verzoek(try v.requireID()))
    }

    /// The request with only the case data the meldpunt chose to share; the read is logged.
    package func verzoekVoorPartner(_ id: UUID, door: Handelende) async throws -> PartnerVerzoekDTO {
        let v = try await verzoekVanPartner(id, door, schrijven: false)
        guard let m = try await Melding.find(v.$melding.id, on: db) else { throw Weigering.nietGevonden(.bron) }
        let p = try await MeldingPersoonsgegevens.find(m.id, on: db)
        try await Verwerkingslog.regel(.verzoekRaadplegen, organisatie: door.organisatie.id, melding: m.id, betrokkene: betrokkene(p),
                                       traceID: traceID, tijdstip: nu, gebruiker: door.gebruiker?.id).create(on: db)
        return try await partnerDTO(v, m, p)
    }

    func partnerDTO(_ v: Verzoek, _ m: Melding, _ p: MeldingPersoonsgegevens?) async throws -> PartnerVerzoekDTO {
        let vid = try v.requireID()
        let delen = v.gedeeldeGegevens
        var g = GedeeldeMeldingDTO(gedeeldeGegevens: GedeeldGegeven.allCases.filter(delen.contains))
        if let p {
            let mv = try p.invoer()
            // The person the melding is about: the one represented, if an intermediary reported.
            let persoon = mv.vertegenwoordigde ?? mv.melder
            if delen.contains(.naam) { g.naam = mv.melder?.naam; g.namensNaam = mv.vertegenwoordigde?.naam }
            if delen.contains(.bsn) { g.bsn = p.bsn }
            if delen.contains(.contactgegevens) { g.email = mv.melder?.email; g.telefoon = mv.melder?.telefoon }
            if delen.contains(.adres), let persoon {
                g.adres = [persoon.adres, persoon.postcode, persoon.woonplaats].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            }
            if delen.contains(.omschrijving) {
                g.watIsFout = mv.watIsFout; g.watMoetHetZijn = mv.watMoetHetZijn; g.sinds = mv.sinds
                g.registraties = Self.registraties(m)
            }
            if delen.contains(.gevolgen) { g.gevolgen = mv.gevolgen ?? [] }
        }
        if delen.contains(.bijlagen) {
            g.bijlagen = try await MeldingBijlage.query(on: db).filter(\.$melding.$id == m.requireID()).all().map {
                VerzoekBijlageDTO(id: try $0.requireID().tekst, bestandsnaam: $0.bestandsnaam, mimeType: $0.mimeType, grootte: $0.grootte, href: APIAdres.verzoekBijlage(vid, bijlage: try $0.requireID()))
            }
        }
        let status = v.status
        return PartnerVerzoekDTO(
            id: try v.requireID().tekst, zaaknummer: m.zaaknummer, soort: v.soort, status: v.status, vraag: v.vraag, uiterlijk: v.uiterlijk,
            termijnDoor: v.termijnDoor, termijnOverschreden: teLaat(v), niveau: v.niveau, reden: v.reden,
            opschorting: Self.opschorting(v), overleg: Self.overleg(v), terugmeldingId: v.$terugmelding.id?.tekst, melding: g,
            berichten: try await berichten(v) { APIAdres.verzoekBijlage(vid, bijlage: $0) },
            mogelijkeStatussen: VerzoekStatus.allCases.filter(status.volgende.contains),
            kanOpheffen: v.opgeschortOp != nil && v.opgehevenOp == nil)
    }

    func partnerAntwoord(_ v: Verzoek) async throws -> PartnerVerzoekDTO {
        guard let m = try await Melding.find(v.$melding.id, on: db) else { throw Weigering.nietGevonden(.bron) }
        return try await partnerDTO(v, m, try await MeldingPersoonsgegevens.find(m.id, on: db))
    }

    /// Accept (optionally proposing a deadline), decline with a reason, or report it done
    /// (a correction made, a suspension confirmed until a day).
    package func wijzigVerzoekStatus(_ id: UUID, _ invoer: VerzoekStatuswijzigingInvoer, door: Handelende) async throws -> PartnerVerzoekDTO {
        let v = try await verzoekVanPartner(id, door)
        let stap = try valideer { () throws(ValidatieFouten) in try valideerVerzoekStatuswijziging(invoer, soort: v.soort, vandaag: Dag(nu)) }
        do { try controleerVerzoekOvergang(van: v.status, naar: stap.naar, reden: stap.reden) } catch {
            throw Weigering.conflict(.verzoekOvergang(error))
        }
        let tijdstip = nu
        try await legVerzoekStapVast(v, kant: .partner, door: door.naam, organisatie: door.organisatie.id, gebruiker: door.gebruiker?.id) { v, _, _ in
            v.status = stap.naar
            var stappen = [VerzoekStap(soort: Verzoekstapsoort(stap.naar), tekst: stap.reden ?? stap.toelichting, gegevens: GebeurtenisGegevens(status: stap.naar.rawValue))]
            switch stap.naar {
            case .afgewezen: v.reden = stap.reden
            case .geaccepteerd:
                if let d = stap.uiterlijk {
                    v.uiterlijk = d
                    v.termijnDoor = Kant.partner
                    stappen.append(VerzoekStap(soort: .termijn, gegevens: GebeurtenisGegevens(datum: d)))
                }
            case .uitgevoerd:
                if v.soort == .opschorting {
                    v.opgeschortOp = tijdstip
                    if let tot = stap.opgeschortTot { v.opschortingTot = tot }
                }
            case .verzonden: break
            }
            return stappen
        }
        return try await partnerAntwoord(v)
    }

    package func schrijfAanMeldpunt(_ id: UUID, tekst: String?, door: Handelende) async throws -> PartnerVerzoekDTO {
        let v = try await verzoekVanPartner(id, door)
        let t = try Self.tekst(tekst)
        try await legVerzoekStapVast(v, kant: .partner, door: door.naam, organisatie: door.organisatie.id, gebruiker: door.gebruiker?.id) { _, _, _ in
            [VerzoekStap(soort: .bericht, tekst: t)]
        }
        return try await partnerAntwoord(v)
    }

    package func stelTermijnVoor(_ id: UUID, _ invoer: TermijnInvoer, door: Handelende) async throws -> PartnerVerzoekDTO {
        let v = try await verzoekVanPartner(id, door)
        try await termijn(v, invoer, kant: .partner, door: door)
        return try await partnerAntwoord(v)
    }

    /// The enforcement action runs again: the suspension is lifted.
    package func hefOpschortingOp(_ id: UUID, toelichting: String?, door: Handelende) async throws -> PartnerVerzoekDTO {
        let v = try await verzoekVanPartner(id, door)
        let t = toelichting?.trimmingCharacters(in: .whitespacesAndNewlines)
        if (toelichting ?? "").schemaLengte > BehandelLimieten.maxBericht { throw Weigering.ongeldig(.toelichting, "maxLength", Lengteregel.hoogstens(BehandelLimieten.maxBericht)) }
        guard v.opgeschortOp != nil, v.opgehevenOp == nil else {
            throw Weigering.conflict(v.opgehevenOp != nil ? .opschortingAlOpgeheven : .geenOpschortingOmOpTeHeffen)
        }
        let tijdstip = nu
        try await legVerzoekStapVast(v, kant: .partner, door: door.naam, organisatie: door.organisatie.id, gebruiker: door.gebruiker?.id) { v, _, _ in
            v.opgehevenOp = tijdstip
            return [VerzoekStap(soort: .opgeheven, tekst: (t ?? "").isEmpty ? nil : t)]
        }
        return try await partnerAntwoord(v)
    }

    package static let maxBijlagenPerVerzoek = 10

    package func voegBijlageToe(_ id: UUID, bestandsnaam: String?, data: Data, door: Handelende) async throws -> PartnerVerzoekDTO {
        let v = try await verzoekVanPartner(id, door)
        guard !data.isEmpty else { throw Weigering.ongeldig(.inhoud, "required", Tekst("Kies eerst een bestand.", "Choose a file first.")) }
        guard let soort = BijlageRegels.herken(data) else { throw Weigering.ongeldig(.inhoud, "soort", Tekst("Stuur een PDF, JPEG of PNG.", "Send a PDF, JPEG or PNG.")) }
        guard data.count <= BijlageRegels.maxTotaleGrootte else { throw Weigering.ongeldig(.inhoud, "maxSize", Tekst("Een bestand is hoogstens 20 MB.", "A file is at most 20 MB.")) }
        let aantal = try await VerzoekBericht.query(on: db).filter(\.$verzoek.$id == v.requireID()).filter(\.$sha256 != nil).count()
        guard aantal < Self.maxBijlagenPerVerzoek else {
            throw Weigering.ongeldig(.inhoud, "maxItems", Tekst("Bij één verzoek passen hoogstens \(Self.maxBijlagenPerVerzoek) bestanden.", "One request can have at most \(Self.maxBijlagenPerVerzoek) files."))
        }
        let naam = BijlageRegels.naam(bestandsnaam)
        let hash = try await BijlageOpslag.bewaar(data, nu: nu, on: db)
        try await legVerzoekStapVast(v, kant: .partner, door: door.naam, organisatie: door.organisatie.id, gebruiker: door.gebruiker?.id) { _, _, _ in
            [VerzoekStap(soort: .bijlage, tekst: nil, bijlage: (naam, soort.rawValue, data.count, hash))]
        }
        return try await partnerAntwoord(v)
    }

    package func verzoekBijlageVoorPartner(_ id: UUID, _ bijlage: UUID, door: Handelende) async throws -> (String, String, Data) {
        let v = try await verzoekVanPartner(id, door, schrijven: false)
        guard let m = try await Melding.find(v.$melding.id, on: db) else { throw Weigering.nietGevonden(.bron) }
        return try await verzoekBijlage(v, bijlage, melding: m, organisatie: door.organisatie.id, gebruiker: door.gebruiker?.id, ookMelding: true)
    }
}
