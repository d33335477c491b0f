import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain

extension Partnerportaal {
    package func verzoekenVoorPartner(alleenOpen: Bool, pagina: Int, grootte: Int, door: Handelende) async throws -> (items: [PartnerVerzoekSamenvattingDTO], totaal: Int) {
        try zaken.vereisPartner(door)
        var q = zaken.verzoekenVan(door)
        if alleenOpen { q = q.filter(\.$status ~~ VerzoekStatus.allCases.filter(\.isOpen)) }
        let totaal = try await q.count()
        let rijen = try await q.with(\.$melding).sort(\.$aangemaaktOp, .descending).sort(\.$nummer, .descending)
            .range(((pagina - 1) * grootte)..<(pagina * grootte)).all()
        return (try rijen.map(zaken.samenvatting), totaal)
    }

    /// A partner's start page: the counts, counted in the database (a large partner has thousands
    /// open), and the first requests to act on: overdue ones by deadline, then new ones oldest first.
    package func werkVoorPartner(eerst aantal: Int, door: Handelende) async throws -> PartnerWerkDTO {
        try zaken.vereisPartner(door)
        let vandaag = Dag(nu)
        let open = VerzoekStatus.allCases.filter(\.isOpen)
        let teLaat = { zaken.verzoekenVan(door).filter(\.$status ~~ open).filter(\.$uiterlijk < vandaag) }
        let nieuwOpTijd = {
            zaken.verzoekenVan(door).filter(\.$status == .verzonden).group(.or) { $0.filter(\.$uiterlijk == nil).filter(\.$uiterlijk >= vandaag) }
        }
        let eerstTeLaat = try await teLaat().with(\.$melding).sort(\.$uiterlijk).sort(\.$nummer).limit(aantal).all()
        let eerstNieuw = eerstTeLaat.count < aantal
            ? try await nieuwOpTijd().with(\.$melding).sort(\.$aangemaaktOp).sort(\.$nummer).limit(aantal - eerstTeLaat.count).all() : []
        return PartnerWerkDTO(
            open: try await zaken.verzoekenVan(door).filter(\.$status ~~ open).count(),
            nieuw: try await zaken.verzoekenVan(door).filter(\.$status == .verzonden).count(),
            teLaat: try await teLaat().count(),
            eerst: try (eerstTeLaat + eerstNieuw).map(zaken.samenvatting))
    }

    /// The request with only the case data the meldpunt chose to share; the read is logged.
    package func verzoekVoorPartner(_ id: UUID, door: Handelende) async throws -> PartnerVerzoekDTO {
        let v = try await zaken.verzoekVanPartner(id, door, schrijven: false)
        guard let m = try await Melding.find(v.$melding.id, on: db) else { throw Weigering.nietGevonden(.bron) }
        let p = try await MeldingPersoonsgegevens.find(m.id, on: db)
        try await Verwerkingslog.regel(.verzoekRaadplegen, organisatie: door.organisatie.id, melding: m.id, betrokkene: zaken.betrokkene(p),
                                       traceID: traceID, tijdstip: nu, gebruiker: door.gebruiker?.id).create(on: db)
        return try await zaken.partnerDTO(v, m, p)
    }

    /// Accept (optionally proposing a deadline), decline with a reason, or report it done
    /// (a correction made, a suspension confirmed until a day).
    package func wijzigVerzoekStatus(_ id: UUID, _ invoer: VerzoekStatuswijzigingInvoer, door: Handelende) async throws -> PartnerVerzoekDTO {
        let v = try await zaken.verzoekVanPartner(id, door)
        let stap = try valideer { () throws(ValidatieFouten) in try valideerVerzoekStatuswijziging(invoer, soort: v.soort, vandaag: Dag(nu)) }
        do { try controleerVerzoekOvergang(van: v.status, naar: stap.naar, reden: stap.reden) } catch {
            throw Weigering.conflict(.verzoekOvergang(error))
        }
        let tijdstip = nu
        try await zaken.legVerzoekStapVast(v, kant: .partner, door: door.naam, organisatie: door.organisatie.id, gebruiker: door.gebruiker?.id) { v, _, _ in
            v.status = stap.naar
            var stappen = [VerzoekStap(soort: Verzoekstapsoort(stap.naar), tekst: stap.reden ?? stap.toelichting, gegevens: GebeurtenisGegevens(status: .verzoek(stap.naar)))]
            switch stap.naar {
            case .afgewezen: v.reden = stap.reden
            case .geaccepteerd:
                if let d = stap.uiterlijk {
                    v.uiterlijk = d
                    v.termijnDoor = MeldingService.Kant.partner
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
        return try await zaken.partnerAntwoord(v)
    }

    /// The partner proposes to escalate, or agrees with the meldpunt's proposal (intentieverklaring 11).
    package func escaleer(_ id: UUID, reden: String?, door: Handelende) async throws -> PartnerVerzoekDTO {
        let v = try await zaken.verzoekVanPartner(id, door)
        try await zaken.escaleer(v, kant: .partner, reden: reden, door: door)
        return try await zaken.partnerAntwoord(v)
    }

    /// The partner declines the meldpunt's proposal to escalate, with the reason.
    package func wijsEscalatieAf(_ id: UUID, reden: String?, door: Handelende) async throws -> PartnerVerzoekDTO {
        let v = try await zaken.verzoekVanPartner(id, door)
        try await zaken.wijsEscalatieAf(v, kant: .partner, reden: reden, door: door)
        return try await zaken.partnerAntwoord(v)
    }

    package func schrijfAanMeldpunt(_ id: UUID, tekst: String?, door: Handelende) async throws -> PartnerVerzoekDTO {
        let v = try await zaken.verzoekVanPartner(id, door)
        let t = try MeldingService.tekst(tekst)
        try await zaken.legVerzoekStapVast(v, kant: .partner, door: door.naam, organisatie: door.organisatie.id, gebruiker: door.gebruiker?.id) { _, _, _ in
            [VerzoekStap(soort: .bericht, tekst: t)]
        }
        return try await zaken.partnerAntwoord(v)
    }

    package func stelTermijnVoor(_ id: UUID, _ invoer: TermijnInvoer, door: Handelende) async throws -> PartnerVerzoekDTO {
        let v = try await zaken.verzoekVanPartner(id, door)
        try await zaken.termijn(v, invoer, kant: .partner, door: door)
        return try await zaken.partnerAntwoord(v)
    }

    /// The enforcement action runs again: the suspension is lifted.
    package func hefOpschortingOp(_ id: UUID, toelichting: String?, door: Handelende) async throws -> PartnerVerzoekDTO {
        let v = try await zaken.verzoekVanPartner(id, door)
        let t = toelichting?.trimmingCharacters(in: .whitespacesAndNewlines)
        if (toelichting ?? "").schemaLengte > BehandelLimieten.maxBericht { throw Weigering.ongeldig(.toelichting, "maxLength", Lengteregel.hoogstens(BehandelLimieten.maxBericht)) }
        guard v.opgeschortOp != nil, v.opgehevenOp == nil else {
            throw Weigering.conflict(v.opgehevenOp != nil ? .opschortingAlOpgeheven : .geenOpschortingOmOpTeHeffen)
        }
        let tijdstip = nu
        try await zaken.legVerzoekStapVast(v, kant: .partner, door: door.naam, organisatie: door.organisatie.id, gebruiker: door.gebruiker?.id) { v, _, _ in
            v.opgehevenOp = tijdstip
            return [VerzoekStap(soort: .opgeheven, tekst: (t ?? "").isEmpty ? nil : t)]
        }
        return try await zaken.partnerAntwoord(v)
    }

    package func voegBijlageToe(_ id: UUID, bestandsnaam: String?, data: Data, door: Handelende) async throws -> PartnerVerzoekDTO {
        let v = try await zaken.verzoekVanPartner(id, door)
        guard !data.isEmpty else { throw Weigering.ongeldig(.inhoud, "required", Tekst("Kies eerst een bestand.", "Choose a file first.")) }
        guard let soort = BijlageRegels.herken(data) else { throw Weigering.ongeldig(.inhoud, "soort", Tekst("Stuur een PDF, JPEG of PNG.", "Send a PDF, JPEG or PNG.")) }
        guard data.count <= BijlageRegels.maxTotaleGrootte else { throw Weigering.ongeldig(.inhoud, "maxSize", Tekst("Een bestand is hoogstens 20 MB.", "A file is at most 20 MB.")) }
        let aantal = try await VerzoekBericht.query(on: db).filter(\.$verzoek.$id == v.requireID()).filter(\.$sha256 != nil).count()
        guard aantal < MeldingService.maxBijlagenPerVerzoek else {
            throw Weigering.ongeldig(.inhoud, "maxItems", Tekst("Bij één verzoek passen hoogstens \(MeldingService.maxBijlagenPerVerzoek) bestanden.", "One request can have at most \(MeldingService.maxBijlagenPerVerzoek) files."))
        }
        let naam = BijlageRegels.naam(bestandsnaam)
        let hash = try await BijlageOpslag.bewaar(data, nu: nu, on: db)
        try await zaken.legVerzoekStapVast(v, kant: .partner, door: door.naam, organisatie: door.organisatie.id, gebruiker: door.gebruiker?.id) { _, _, _ in
            [VerzoekStap(soort: .bijlage, tekst: nil, bijlage: (naam, soort.rawValue, data.count, hash))]
        }
        return try await zaken.partnerAntwoord(v)
    }

    package func verzoekBijlageVoorPartner(_ id: UUID, _ bijlage: UUID, door: Handelende) async throws -> (String, String, Data) {
        let v = try await zaken.verzoekVanPartner(id, door, schrijven: false)
        guard let m = try await Melding.find(v.$melding.id, on: db) else { throw Weigering.nietGevonden(.bron) }
        return try await zaken.verzoekBijlage(v, bijlage, melding: m, organisatie: door.organisatie.id, gebruiker: door.gebruiker?.id, ookMelding: true)
    }
}
