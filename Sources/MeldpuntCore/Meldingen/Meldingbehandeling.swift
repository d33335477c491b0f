import FluentKit
import SQLKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain

/// Every step checks the caller is the meldpunt, writes the timeline and the processing log,
/// and answers with the case as staff see it.
extension Meldingbehandeling {
    /// A personal contact; the first one ends "ontvangen". Without a behandelaar yet, the staff
    /// member who made the contact becomes it.
    package func legContactVast(_ zaaknummer: Zaaknummer, _ v: ContactInvoer, door: Handelende) async throws -> MeldingDetailDTO {
        try zaken.vereisMeldpunt(door)
        let m = try await zaken.zoek(zaaknummer)
        let contact = try valideer { () throws(ValidatieFouten) in try valideerContactmoment(v, ontvangen: Dag(m.ontvangenOp), vandaag: Dag(nu)) }
        guard contact.bereikt else {
            try zaken.vereisOpen(m)
            // An attempt is on record (it counts towards "unreachable"), but it is no contact:
            // the case stays where it is and the contact deadline keeps running.
            return try await zaken.voerUit(m, nil, door: door) { _, _ in
                [Gebeurtenis(soort: .contactpoging, tekst: contact.samenvatting, gegevens: GebeurtenisGegevens(kanaal: contact.kanaal, datum: contact.datum))]
            }
        }
        return try await zaken.voerUit(m, .contact, door: door) { m, _ in
            var events = [Gebeurtenis(soort: .contact, tekst: contact.samenvatting,
                                      gegevens: GebeurtenisGegevens(kanaal: contact.kanaal, datum: contact.datum))]
            if m.eersteContactOp == nil {
                // The day of the contact counts, at the time it was recorded if that was today.
                m.eersteContactOp = contact.datum == Dag(nu) ? nu : contact.datum.begin()
                m.contactTeLaat = contact.datum > m.eersteContactUiterlijk
            }
            if m.$behandelaar.id == nil, let g = door.gebruiker {
                m.$behandelaar.id = g.id
                events.append(Gebeurtenis(soort: .toegewezen, tekst: g.naam))
            }
            // The next contact follows the rhythm of the case's complexity.
            m.contactVolgendeOp = try zaken.volgendContact(m, na: contact.datum)
            return events
        }
    }

    /// To a staff member, to a team, or both. `team`: nil leaves it, "" takes the case out of its
    /// team, an id puts it in that team; the staff member may then be left out.
    package func wijsToe(_ zaaknummer: Zaaknummer, email: String?, team: String? = nil, door: Handelende) async throws -> MeldingDetailDTO {
        try zaken.vereisMeldpunt(door)
        let m = try await zaken.zoek(zaaknummer)
        let (g, nieuwTeam) = try await toewijzing(email: email, team: team)
        if g == nil, nieuwTeam.map({ $0?.id == m.$team.id }) ?? true {
            // Neither a person nor another team: nothing would change.
            throw Weigering.ongeldig(.email, "required", Tekst("Kies een behandelaar of een ander team.", "Choose a handler or another team."))
        }
        try zaken.vereisOpen(m)
        return try await zaken.voerUit(m, nil, door: door) { m, _ in
            var events: [Gebeurtenis] = []
            // The same handler again is no news on the timeline (a team move keeps them).
            if let g, m.$behandelaar.id != g.id || nieuwTeam == nil {
                m.$behandelaar.id = g.id
                events.append(Gebeurtenis(soort: .toegewezen, tekst: g.naam))
            }
            if let nieuwTeam, m.$team.id != nieuwTeam?.id {
                m.$team.id = nieuwTeam?.id
                events.append(Gebeurtenis(soort: .toegewezen, tekst: nieuwTeam.map { "Team \($0.naam)" } ?? "Geen team"))
            }
            return events
        }
    }

    /// The staff member and the team of an assignment, both checked before any case is touched.
    func toewijzing(email: String?, team: String?) async throws -> (Gebruiker?, Team??) {
        var fouten: [OngeldigeParameter] = []
        var g: Gebruiker?
        if team == nil || !(email ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            do { g = try await medewerker(email) } catch let w as Weigering { fouten += w.velden ?? [] }
        }
        var nieuwTeam: Team??
        if let team {
            if team.isEmpty {
                nieuwTeam = .some(nil)
            } else if let id = UUID(uuidString: team), let t = try await Team.find(id, on: db) {
                nieuwTeam = .some(t)
            } else {
                fouten.append(OngeldigeParameter(.team, code: "enum", uitleg: Tekst("Kies een team uit de lijst.", "Choose a team from the list.")))
            }
        }
        guard fouten.isEmpty else { throw Weigering.ongeldig(fouten) }
        return (g, nieuwTeam)
    }

    package func legAnalyseVast(_ zaaknummer: Zaaknummer, _ v: AnalyseInvoer, door: Handelende) async throws -> MeldingDetailDTO {
        try zaken.vereisMeldpunt(door)
        let m = try await zaken.zoek(zaaknummer)
        let gemeld = m.probleemsoort ?? .onjuistGegeven
        let (analyse, toelichting) = try valideer { () throws(ValidatieFouten) in try valideerAnalyse(v, gemeld: gemeld) }
        let voorstel = stelRolVoor(analyse)
        return try await zaken.voerUit(m, .analyse, door: door) { [nu] m, tx in
            m.analyse = String(decoding: try JSONEncoder.compact.encode(analyse), as: UTF8.self)
            m.bevinding = analyse.bevinding
            m.voorgesteldeRol = voorstel.rol
            // The origin is known now: the detector files the case under its new keys.
            try await PatroonWachtrij(bron: .melding, zaakID: try m.requireID(), nu: nu).create(on: tx)
            // The complexity sets the acceptable time and the contact rhythm.
            try await zaken.werkVangnetBij(m, on: tx)
            return [Gebeurtenis(soort: .analyse, tekst: toelichting,
                                gegevens: GebeurtenisGegevens(rol: voorstel.rol, bevinding: analyse.bevinding))]
        }
    }

    /// One consequence the melder named moves towards repair (also after closing: a fine is
    /// sometimes repaired later). The melder hears of each change.
    package func zetGevolgherstel(_ zaaknummer: Zaaknummer, nummer: Int, _ v: GevolgherstelInvoer, door: Handelende) async throws -> MeldingDetailDTO {
        try zaken.vereisMeldpunt(door)
        let m = try await zaken.zoek(zaaknummer)
        guard let g = try await MeldingGevolg.query(on: db).filter(\.$melding.$id == m.requireID()).filter(\.$nummer == nummer).first() else {
            throw Weigering.nietGevonden(.gevolg)
        }
        // Consent withdrawn: nothing new is written about the person's consequences.
        if try await MeldingPersoonsgegevens.find(m.id, on: db) == nil { throw Weigering.conflict(.meldingGesloten) }
        let herstel = try valideer { () throws(ValidatieFouten) in try valideerGevolgherstel(v, van: g.status) }
        do { try controleerGevolgherstel(van: g.status, naar: herstel.status) } catch { throw Weigering.conflict(.gevolgherstel(error)) }
        return try await zaken.voerUit(m, nil, door: door) { [nu] m, tx in
            g.status = herstel.status
            g.door = herstel.door
            g.toelichting = herstel.toelichting
            g.gewijzigdOp = nu
            try await g.save(on: tx)
            try await zaken.werkVangnetBij(m, on: tx)
            return [Gebeurtenis(soort: .gevolgherstel, tekst: herstel.toelichting, zichtbaar: herstel.status.isAfgerond,
                                gegevens: GebeurtenisGegevens(organisatie: herstel.door ?? g.organisatie, gevolgSoort: g.soort, herstel: herstel.status))]
        }
    }

    package func kiesRol(_ zaaknummer: Zaaknummer, _ v: RolkeuzeInvoer, door: Handelende) async throws -> MeldingDetailDTO {
        try zaken.vereisMeldpunt(door)
        let m = try await zaken.zoek(zaaknummer)
        // The proposal comes from the analysis: without one, the step itself is not possible yet.
        guard let analyse = try MeldingService.analyse(m) else {
            do { _ = try statusNa(.rolKeuze, van: m.status) } catch { throw Weigering.conflict(.meldingOvergang(error)) }
            throw Weigering.conflict(.meldingOvergang(.ontbreekt(.analyse)))
        }
        let keuze = try valideer { () throws(ValidatieFouten) in try valideerRolkeuze(v, voorstel: stelRolVoor(analyse)) }
        return try await zaken.voerUit(m, .rolKeuze, door: door) { m, _ in
            m.rol = keuze.rol
            return [Gebeurtenis(soort: .rolGekozen, tekst: keuze.afwijkingsreden, gegevens: GebeurtenisGegevens(rol: keuze.rol))]
        }
    }

    /// An internal note (never shown to the melder) or a message to the melder.
    package func schrijf(_ zaaknummer: Zaaknummer, tekst: String?, aanMelder: Bool, door: Handelende) async throws -> MeldingDetailDTO {
        try zaken.vereisMeldpunt(door)
        let m = try await zaken.zoek(zaaknummer)
        let max = aanMelder ? BehandelLimieten.maxBericht : BehandelLimieten.maxTekst
        let t = (tekst ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty, (tekst ?? "").schemaLengte <= max else {
            throw Weigering.ongeldig(.tekst, t.isEmpty ? "required" : "maxLength", t.isEmpty ? Tekst("Schrijf eerst de tekst.", "Write the text first.") : Lengteregel.hoogstens(max))
        }
        // A message to the melder also after closing (the melder may have answered), not once their data is erased.
        if aanMelder, try await MeldingPersoonsgegevens.find(m.id, on: db) == nil { throw Weigering.conflict(.meldingGesloten) }
        return try await zaken.voerUit(m, nil, door: door) { _, _ in
            [Gebeurtenis(soort: aanMelder ? .berichtAanMelder : .notitie, tekst: t, zichtbaar: aanMelder)]
        }
    }

    package func zetVolgendeStap(_ zaaknummer: Zaaknummer, _ v: VolgendeStapInvoer, door: Handelende) async throws -> MeldingDetailDTO {
        try zaken.vereisMeldpunt(door)
        let m = try await zaken.zoek(zaaknummer)
        let (tekst, datum) = try valideer { () throws(ValidatieFouten) in try valideerVolgendeStap(v, vandaag: Dag(nu)) }
        try zaken.vereisOpen(m)
        return try await zaken.voerUit(m, nil, door: door) { m, _ in
            m.volgendeStap = tekst
            m.volgendeStapOp = datum
            return [Gebeurtenis(soort: .volgendeStap, tekst: tekst, gegevens: GebeurtenisGegevens(datum: datum))]
        }
    }

    /// Waiting for organisations and back, and closing with an outcome and a summary for the melder.
    package func wijzigStatus(_ zaaknummer: Zaaknummer, _ v: MeldingStatuswijzigingInvoer, door: Handelende) async throws -> MeldingDetailDTO {
        try zaken.vereisMeldpunt(door)
        let m = try await zaken.zoek(zaaknummer)
        let toegestaan = [MeldingStatus.wachtOpOrganisaties, .inBehandeling, .gesloten]
        guard let status = v.status.flatMap(MeldingStatus.init(rawValue:)), toegestaan.contains(status) else {
            throw Weigering.ongeldig(.status, v.status == nil ? "required" : "enum",
                                     Tekst("Kies: wacht op organisaties, in behandeling of gesloten. Intake, analyse en de rol hebben elk hun eigen stap.",
                                           "Choose: waiting for organisations, in progress or closed. Intake, analysis and the role each have their own step."))
        }
        switch status {
        case .gesloten:
            let (s, reden, grond, besluit) = try await sluiting(m, v)
            let gecontroleerd = try await actieveOpschortingen(m, on: db).count
            return try await zaken.voerUit(m, .sluiten, door: door) { [nu, berichten = zaken.berichten] m, tx in
                // Every running suspension decided, the partner told: none left running unseen. One
                // confirmed since the check is a 409: the decision must be asked again.
                let lopend = try await Self.actieveOpschortingen(m, on: tx)
                if lopend.count != gecontroleerd { throw Weigering.conflict(.tegelijkGewijzigd) }
                if let besluit {
                    for o in lopend {
                        o.opschortingBesluit = besluit
                        o.opschortingBesluitOp = nu
                        try await o.save(on: tx)
                        try await berichten.opschortingBesluit(o, besluit, nu: nu, on: tx)
                    }
                }
                m.uitkomst = s.uitkomst
                m.afsluitgrond = grond
                m.volgendeStap = nil
                m.volgendeStapOp = nil
                return (reden.map { [Gebeurtenis(soort: .geslotenMetOpenCorrecties, tekst: $0)] } ?? []) + [Gebeurtenis(soort: .gesloten, tekst: s.samenvatting, zichtbaar: true,
                                    gegevens: GebeurtenisGegevens(status: .melding(.gesloten), uitkomst: .melding(s.uitkomst),
                                                                  scopeReden: s.scopeReden, afsluitgrond: grond))]
            }
        default:
            let velden = [(Veldnaam.uitkomst, v.uitkomst), (.samenvatting, v.samenvatting), (.scopeReden, v.scopeReden), (.redenOpenCorrecties, v.redenOpenCorrecties),
                          (.afsluitgrond, v.afsluitgrond), (.opschortingBesluit, v.opschortingBesluit)].filter { $0.1 != nil }
            guard velden.isEmpty else {
                throw Weigering.ongeldig(velden.map { OngeldigeParameter($0.0, code: "nietBijStatus", uitleg: Tekst("Hoort alleen bij het sluiten van de melding.", "Belongs only with closing the case.")) })
            }
            return try await zaken.voerUit(m, status == .gesloten ? .sluiten : status == .inBehandeling ? .hervatten : .wachtOpOrganisaties, door: door) { _, _ in [] }
        }
    }

    /// Whether the case may be closed like this, without closing it: the check page before closing.
    package func controleerSluiting(_ zaaknummer: Zaaknummer, _ v: MeldingStatuswijzigingInvoer, door: Handelende) async throws {
        try zaken.vereisMeldpunt(door)
        let m = try await zaken.zoek(zaaknummer)
        do { _ = try statusNa(.sluiten, van: m.status) } catch { throw Weigering.conflict(.meldingOvergang(error)) }
        _ = try await sluiting(m, v)
    }

    /// The closing's fields checked, the reason for closing with correction requests still open (if
    /// any), and the ground for closing without analysis or personal contact (if needed).
    /// Every problem in one round: the fields, the duty of care, open corrections.
    func sluiting(_ m: Melding, _ v: MeldingStatuswijzigingInvoer) async throws -> (Sluiting, String?, Afsluitgrond?, OpschortingBesluit?) {
        var fouten: [OngeldigeParameter] = []
        var besluit: OpschortingBesluit?
        let lopend = try await actieveOpschortingen(m, on: db).count
        do { besluit = try controleerOpschortingenBijSluiten(actief: lopend, besluit: v.opschortingBesluit) } catch { fouten += error.fouten }
        var sluiting: Sluiting?
        let analyse = try MeldingService.analyse(m)
        do { sluiting = try valideerSluiting(SluitingInvoer(uitkomst: v.uitkomst, samenvatting: v.samenvatting, scopeReden: v.scopeReden), bevinding: analyse?.bevinding) } catch { fouten += error.fouten }
        var grond: Afsluitgrond?
        if let uitkomst = sluiting?.uitkomst ?? v.uitkomst.flatMap(MeldingUitkomst.init(rawValue:)) {
            let pogingen = try await MeldingGebeurtenis.query(on: db).filter(\.$melding.$id == m.requireID()).filter(\.$soort == .contactpoging).count()
            let geanalyseerd = analyse != nil
            do {
                grond = try controleerZorgBijSluiten(uitkomst: uitkomst, geanalyseerd: geanalyseerd, gecontacteerd: m.eersteContactOp != nil,
                                                     pogingen: pogingen, grond: v.afsluitgrond)
            } catch { fouten += error.fouten }
            let openGevolgen = try await MeldingGevolg.query(on: db).filter(\.$melding.$id == m.requireID())
                .filter(\.$status ~~ HerstelStatus.allCases.filter { !$0.isAfgerond }).count()
            do { try controleerGevolgenBijSluiten(uitkomst: uitkomst, open: openGevolgen) } catch { fouten += error.fouten }
            let openCorrecties = try await Verzoek.query(on: db).filter(\.$melding.$id == m.requireID())
                .filter(\.$soort == .correctie).filter(\.$status ~~ VerzoekStatus.allCases.filter(\.isOpen)).count()
            do { try controleerSluitenMetOpenCorrecties(uitkomst: uitkomst, openCorrecties: openCorrecties, reden: v.redenOpenCorrecties) } catch {
                fouten.append(OngeldigeParameter(.redenOpenCorrecties, code: "required",
                    uitleg: Tekst("Er \(openCorrecties == 1 ? "staat nog een correctieverzoek" : "staan nog \(openCorrecties) correctieverzoeken") open. Leg uit waarom de melding toch opgelost is.",
                                  "\(openCorrecties == 1 ? "A correction request is" : "\(openCorrecties) correction requests are") still open. Explain why the case is solved anyway.")))
            }
            if openCorrecties == 0 { return try klaar(fouten, sluiting, nil, grond, besluit) }
        }
        return try klaar(fouten, sluiting, v.redenOpenCorrecties?.trimmingCharacters(in: .whitespacesAndNewlines), grond, besluit)
    }

    private func klaar(_ fouten: [OngeldigeParameter], _ s: Sluiting?, _ reden: String?, _ grond: Afsluitgrond?,
                       _ besluit: OpschortingBesluit?) throws -> (Sluiting, String?, Afsluitgrond?, OpschortingBesluit?) {
        guard fouten.isEmpty, let s else { throw Weigering.ongeldig(fouten) }
        return (s, reden, grond, besluit)
    }

    /// The case's suspensions confirmed by the partner and not lifted.
    func actieveOpschortingen(_ m: Melding, on db: (any Database)? = nil) async throws -> [Verzoek] {
        try await Self.actieveOpschortingen(m, on: db ?? self.db)
    }

    static func actieveOpschortingen(_ m: Melding, on db: any Database) async throws -> [Verzoek] {
        try await Verzoek.query(on: db).filter(\.$melding.$id == m.requireID()).filter(\.$opgeschortOp != nil).filter(\.$opgehevenOp == nil).all()
    }

    /// A new private link for the melder (e.g. the old one was lost); the old one stops working at once.
    package func vernieuwLink(_ zaaknummer: Zaaknummer, door: Handelende) async throws -> StatuspaginaLinkDTO {
        try zaken.vereisMeldpunt(door)
        let m = try await zaken.zoek(zaaknummer)
        let token = Sleutels.willekeurig(32)
        _ = try await zaken.voerUit(m, nil, door: door) { m, _ in
            m.tokenHash = Sleutels.sha256Hex(Data(token.utf8))
            return [Gebeurtenis(soort: .linkVernieuwd)]
        }
        return StatuspaginaLinkDTO(zaaknummer: m.zaaknummer, statuspagina: Webadres.status(token: token).pad)
    }
}

extension Meldingbehandeling {
    /// Staff correct the melder's contact data (a new address, a changed phone number). The case
    /// and its timeline get the new values and which fields changed; the old values go to the
    /// processing log only. Letters not yet printed use the new address.
    package func corrigeerContactgegevens(_ zaaknummer: Zaaknummer, _ v: ContactgegevensInvoer, door: Handelende) async throws -> MeldingDetailDTO {
        try zaken.vereisMeldpunt(door)
        let m = try await zaken.zoek(zaaknummer)
        guard let p = try await MeldingPersoonsgegevens.find(m.id, on: db) else { throw Weigering.conflict(.meldingGesloten) }
        let oud = try p.invoer()
        let (nieuw, gewijzigd) = try valideer { () throws(ValidatieFouten) in try valideerContactgegevens(v, oud: oud) }
        // Nothing changed: the case as read, logged as any read of it.
        guard !gewijzigd.isEmpty else { return try await zaken.overzicht.detail(zaaknummer, door: door) }
        let velden = gewijzigd.map(\.rawValue)
        var vorige: [String: String] = [:]
        for veld in gewijzigd {
            let waarde: String? = switch veld {
            case .naam: oud.melder?.naam
            case .email: oud.melder?.email
            case .telefoon: oud.melder?.telefoon
            case .adres: oud.melder?.adres
            case .postcode: oud.melder?.postcode
            case .woonplaats: oud.melder?.woonplaats
            default: oud.voorkeurKanaal
            }
            vorige[veld.rawValue] = waarde ?? ""
        }
        let inhoud = String(decoding: try JSONEncoder.compact.encode(nieuw), as: UTF8.self)
        let oudTekst = String(decoding: try JSONEncoder.utc.encode(vorige), as: UTF8.self)
        return try await zaken.voerUit(m, nil, door: door) { [nu, traceID, betrokkene = zaken.betrokkene(p)] m, tx in
            // The row is read again under the transaction: a withdrawal in between leaves nothing to correct.
            guard let rij = try await MeldingPersoonsgegevens.find(m.id, on: tx) else { throw Weigering.conflict(.meldingGesloten) }
            rij.inhoud = inhoud
            rij.naam = nieuw.melder?.naam ?? ""
            rij.zoeknaam = MeldingPersoonsgegevens.zoeknaam(nieuw, naam: rij.naam)
            rij.zoektekst = MeldingPersoonsgegevens.zoektekst(nieuw)
            try await rij.save(on: tx)
            let log = Verwerkingslog.regel(.meldingContactCorrigeren, organisatie: door.organisatie.id, melding: m.id, betrokkene: betrokkene,
                                           traceID: traceID, tijdstip: nu, gebruiker: door.gebruiker?.id)
            log.gegevens = oudTekst
            try await log.create(on: tx)
            return [Gebeurtenis(soort: .contactgegevensGewijzigd, gegevens: GebeurtenisGegevens(velden: velden))]
        }
    }
}

extension Meldingbehandeling {
    /// A closed case opened again (the melder rang back, an organisation undid its repair): the
    /// outcome is cleared, the reason goes to the melder. Not once consent is withdrawn.
    package func heropen(_ zaaknummer: Zaaknummer, reden: String?, door: Handelende) async throws -> MeldingDetailDTO {
        try zaken.vereisMeldpunt(door)
        let m = try await zaken.zoek(zaaknummer)
        let r = (reden ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !r.isEmpty, (reden ?? "").schemaLengte <= BehandelLimieten.maxBericht else {
            throw Weigering.ongeldig(.reden, r.isEmpty ? "required" : "maxLength",
                                     r.isEmpty ? Tekst("Schrijf waarom de melding weer open gaat; de melder leest het.", "Write why the case opens again; the melder reads it.")
                                               : Lengteregel.hoogstens(BehandelLimieten.maxBericht))
        }
        if m.status.isGesloten, try await MeldingPersoonsgegevens.find(m.id, on: db) == nil { throw Weigering.conflict(.meldingGesloten) }
        return try await zaken.voerUit(m, .heropenen, door: door) { m, tx in
            m.uitkomst = nil
            m.afsluitgrond = nil
            m.geslotenOp = nil
            try await zaken.werkVangnetBij(m, on: tx)
            return [Gebeurtenis(soort: .heropend, tekst: r, zichtbaar: true)]
        }
    }
}

extension Meldingbehandeling {
    /// Staff add a document to the case (a letter received, notes of a call), with the checks of
    /// the melder's files: PDF, JPEG or PNG by its bytes, at most 20 MB, at most the case's number
    /// of files. The melder does not see it; staff may share it with a partner in a request.
    package func voegDocumentToe(_ zaaknummer: Zaaknummer, bestandsnaam: String, data: Data, door: Handelende) async throws -> MeldingDetailDTO {
        try zaken.vereisMeldpunt(door)
        let m = try await zaken.zoek(zaaknummer)
        let id = try m.requireID()
        if try await MeldingPersoonsgegevens.find(id, on: db) == nil { throw Weigering.conflict(.meldingGesloten) }
        guard !data.isEmpty else { throw Weigering.ongeldig(.bijlage, "required", Tekst("Kies eerst een bestand.", "Choose a file first.")) }
        guard let soort = BijlageRegels.herken(data) else {
            throw Weigering.ongeldig(.bijlage, "soort", Tekst("Dit bestand kan niet bij de melding. Voeg een PDF, JPEG of PNG toe.", "This file cannot be added to the case. Add a PDF, JPEG or PNG."))
        }
        guard data.count <= BijlageRegels.maxTotaleGrootte else { throw Weigering.ongeldig(.bijlage, "maxSize", Tekst("Een bestand is hoogstens 20 MB.", "A file is at most 20 MB.")) }
        guard try await MeldingBijlage.query(on: db).filter(\.$melding.$id == id).count() < MeldingService.maxBijlagenPerZaak else {
            throw Weigering.ongeldig(.bijlage, "maxItems", Tekst("Bij één melding passen hoogstens \(MeldingService.maxBijlagenPerZaak) bestanden.", "One case can have at most \(MeldingService.maxBijlagenPerZaak) files."))
        }
        let naam = BijlageRegels.naam(bestandsnaam)
        let hash = try await BijlageOpslag.bewaar(data, nu: nu, on: db)
        return try await zaken.voerUit(m, nil, door: door) { m, tx in
            let b = MeldingBijlage()
            b.$melding.id = try m.requireID()
            b.bestandsnaam = naam
            b.mimeType = soort.rawValue
            b.grootte = data.count
            b.sha256 = hash
            b.vanMeldpunt = true
            try await b.create(on: tx)
            return [Gebeurtenis(soort: .documentToegevoegd, tekst: naam, gegevens: GebeurtenisGegevens(bestandsnaam: naam))]
        }
    }
}
