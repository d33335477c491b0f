import FluentKit
import SQLKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain

/// The acting party: an organisation through its API key (meldpunt, partner, afnemer), or one of its
/// users in the portal. Every use case decides access on its organisation, role and the object.
package struct Handelende: Sendable {
    package let organisatie: OrganisatieDTO
    package let gebruiker: GebruikerDTO?

    package init(organisatie: OrganisatieDTO, gebruiker: GebruikerDTO? = nil) {
        self.organisatie = organisatie
        self.gebruiker = gebruiker
    }

    package init(_ g: GebruikerDTO) { self.init(organisatie: g.organisatie, gebruiker: g) }

    /// Shown on the timeline as "who did it".
    package var naam: String { gebruiker.map { "\($0.naam) (\(organisatie.naam))" } ?? "\(organisatie.naam) (API)" }
}

/// Case handling by meldpunt staff. Every method checks the caller is the meldpunt, writes
/// the timeline and the processing log, and answers with the case as staff see it.
extension MeldingService {
    /// Oldest received first (work in order of arrival), newest first, or the next deadline first:
    /// the first contact while there was none, else the next step's date (cases without one last).
    package enum Sortering: String, CaseIterable, Sendable {
        case ontvangen, nieuwste, termijn
    }

    package struct Werkvoorraad {
        package var statussen: [MeldingStatus] = []
        /// Only cases that are not closed.
        package var alleenOpen: Bool = false
        package var behandelaar: UUID?
        package var contactTermijnOverschreden: Bool?
        /// Open, no contact yet, and the first contact due on or before this day (and not overdue yet: from today).
        package var contactUiterlijkTot: Dag?
        /// Exact case number, a part of a name (any case), or a BSN: search only, never from a URL.
        package var zaaknummer: String?
        /// A part of a case number ("000123", "2026-0001").
        package var zaaknummerDeel: String?
        package var naam: String?
        /// A part of a name, address, place, organisation or the description (any case).
        package var tekst: String?
        package var sortering: Sortering = .ontvangen
        package var bsn: String?
        /// Cases with an open request past its agreed deadline.
        package var verzoekTermijnOverschreden: Bool?
        /// Cases with something new from the melder or a partner that no one has opened yet.
        package var ongelezen: Bool?
        package var pagina: Int = 1
        package var paginagrootte: Int = 20

        package init(statussen: [MeldingStatus] = [], alleenOpen: Bool = false, behandelaar: UUID? = nil, contactTermijnOverschreden: Bool? = nil, zaaknummer: String? = nil, naam: String? = nil, bsn: String? = nil, verzoekTermijnOverschreden: Bool? = nil, pagina: Int = 1, paginagrootte: Int = 20) {
            self.statussen = statussen
            self.alleenOpen = alleenOpen
            self.behandelaar = behandelaar
            self.contactTermijnOverschreden = contactTermijnOverschreden
            self.zaaknummer = zaaknummer
            self.naam = naam
            self.bsn = bsn
            self.verzoekTermijnOverschreden = verzoekTermijnOverschreden
            self.pagina = pagina
            self.paginagrootte = paginagrootte
        }
    }

    func vereisMeldpunt(_ door: Handelende) throws {
        guard door.organisatie.heeft(.meldpunt) else {
            throw Weigering.geenToegang(.rolOntbreekt(.meldpunt))
        }
    }

    func vereisOpen(_ m: Melding) throws {
        if m.status.isGesloten {
            throw Weigering.conflict(.meldingGesloten)
        }
    }

    /// The first personal contact came (or is still to come) after the service norm's last day.
    /// A case closed without any contact was never overdue.
    package func contactTermijnOverschreden(_ m: Melding) -> Bool {
        if let laat = m.contactTeLaat { return laat }
        return m.eersteContactOp == nil && !m.status.isGesloten && Dag(nu) > m.eersteContactUiterlijk
    }

    // MARK: Changing a case

    package struct Gebeurtenis {
        package let soort: Gebeurtenissoort
        package var tekst: String?
        package var zichtbaar: Bool = false
        package var gegevens: GebeurtenisGegevens?

        package init(soort: Gebeurtenissoort, tekst: String? = nil, zichtbaar: Bool = false, gegevens: GebeurtenisGegevens? = nil) {
            self.soort = soort
            self.tekst = tekst
            self.zichtbaar = zichtbaar
            self.gegevens = gegevens
        }
    }

    /// Checks the step against the case model, then applies `wijzig` and appends its events in
    /// one transaction. The unique (melding, volgnummer) turns a simultaneous change into a 409.
    package func voerUit(_ m: Melding, _ stap: Behandelstap?, door: Handelende,
                         _ wijzig: @escaping @Sendable (Melding, any Database) async throws -> [Gebeurtenis]) async throws -> MeldingDetailDTO {
        let van = m.status
        let naar: MeldingStatus
        if let stap {
            do { naar = try statusNa(stap, van: van) } catch { throw Weigering.conflict(.meldingOvergang(error)) }
        } else {
            naar = van
        }
        let gelezen = m.laatsteVolgnummer
        let id = try m.requireID()
        let p = try await MeldingPersoonsgegevens.find(id, on: db)
        do {
            try await db.schrijf { tx in
                var events = try await wijzig(m, tx)
                if naar != van {
                    m.status = naar
                    if naar == .gesloten { m.geslotenOp = nu }
                    if !events.contains(where: { $0.soort == .gesloten }) {
                        events.append(Gebeurtenis(soort: .statusGewijzigd, gegevens: GebeurtenisGegevens(status: naar.rawValue)))
                    }
                }
                for e in events {
                    m.laatsteVolgnummer += 1
                    try await legVast(m, e, door: door.naam, on: tx)
                }
                try await m.save(on: tx)
                try await Verwerkingslog.regel(.meldingBehandelen, organisatie: door.organisatie.id, melding: id, betrokkene: betrokkene(p),
                                               traceID: traceID, tijdstip: nu, gebruiker: door.gebruiker?.id).create(on: tx)
            }
        } catch {
            if let opnieuw = try? await Melding.find(id, on: db), opnieuw.laatsteVolgnummer != gelezen {
                throw Weigering.conflict(.tegelijkGewijzigd)
            }
            throw error
        }
        return try await detailZonderLog(m)
    }

    package func nieuweGebeurtenis(_ melding: UUID, _ volgnummer: Int, _ e: Gebeurtenis, door: String?) -> MeldingGebeurtenis {
        let g = MeldingGebeurtenis()
        g.$melding.id = melding
        g.volgnummer = volgnummer
        g.soort = e.soort
        g.tijdstip = nu
        g.door = door
        g.tekst = e.tekst
        g.zichtbaarVoorMelder = e.zichtbaar
        g.gegevens = e.gegevens.flatMap { try? String(decoding: JSONEncoder.compact.encode($0), as: UTF8.self) }
        return g
    }

    /// A personal contact; the first one ends "ontvangen". Without a behandelaar yet, the staff
    /// member who made the contact becomes it.
    package func legContactVast(_ zaaknummer: Zaaknummer, _ v: ContactInvoer, door: Handelende) async throws -> MeldingDetailDTO {
        try vereisMeldpunt(door)
        let m = try await zoek(zaaknummer)
        let contact = try valideer { () throws(ValidatieFouten) in try valideerContactmoment(v, ontvangen: Dag(m.ontvangenOp), vandaag: Dag(nu)) }
        return try await voerUit(m, .contact, door: door) { m, _ in
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
            return events
        }
    }

    package func wijsToe(_ zaaknummer: Zaaknummer, email: String?, door: Handelende) async throws -> MeldingDetailDTO {
        try vereisMeldpunt(door)
        let m = try await zoek(zaaknummer)
        let adres = (email ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        guard !adres.isEmpty else { throw Weigering.ongeldig(.email, "required", Tekst("Geef het e-mailadres van de behandelaar.", "Give the handler\'s email address.")) }
        guard let g = try await Gebruiker.query(on: db).filter(\.$email == adres).filter(\.$actief == true).with(\.$organisatie).first(),
              g.rol == .meldpunt
        else { throw Weigering.ongeldig(.email, "geenMedewerker", Tekst("Er is geen actieve medewerker van het Meldpunt met dit e-mailadres.", "There is no active Meldpunt staff member with this email address.")) }
        try vereisOpen(m)
        return try await voerUit(m, nil, door: door) { m, _ in
            m.$behandelaar.id = g.id
            return [Gebeurtenis(soort: .toegewezen, tekst: g.naam)]
        }
    }

    package func legAnalyseVast(_ zaaknummer: Zaaknummer, _ v: AnalyseInvoer, door: Handelende) async throws -> MeldingDetailDTO {
        try vereisMeldpunt(door)
        let m = try await zoek(zaaknummer)
        let (analyse, toelichting) = try valideer { () throws(ValidatieFouten) in try valideerAnalyse(v) }
        let voorstel = stelRolVoor(analyse)
        return try await voerUit(m, .analyse, door: door) { [nu] m, tx in
            m.analyse = String(decoding: try JSONEncoder.compact.encode(analyse), as: UTF8.self)
            m.voorgesteldeRol = voorstel.rol
            // The origin is known now: the detector files the case under its new keys.
            try await PatroonWachtrij(bron: .melding, zaakID: try m.requireID(), nu: nu).create(on: tx)
            return [Gebeurtenis(soort: .analyse, tekst: toelichting,
                                gegevens: GebeurtenisGegevens(rol: voorstel.rol))]
        }
    }

    package func kiesRol(_ zaaknummer: Zaaknummer, _ v: RolkeuzeInvoer, door: Handelende) async throws -> MeldingDetailDTO {
        try vereisMeldpunt(door)
        let m = try await zoek(zaaknummer)
        // The proposal comes from the analysis: without one, the step itself is not possible yet.
        guard let analyse = try Self.analyse(m) else {
            do { _ = try statusNa(.rolKeuze, van: m.status) } catch { throw Weigering.conflict(.meldingOvergang(error)) }
            throw Weigering.conflict(.meldingOvergang(.ontbreekt(.analyse)))
        }
        let keuze = try valideer { () throws(ValidatieFouten) in try valideerRolkeuze(v, voorstel: stelRolVoor(analyse)) }
        return try await voerUit(m, .rolKeuze, door: door) { m, _ in
            m.rol = keuze.rol
            return [Gebeurtenis(soort: .rolGekozen, tekst: keuze.afwijkingsreden, gegevens: GebeurtenisGegevens(rol: keuze.rol))]
        }
    }

    /// An internal note (never shown to the melder) or a message to the melder.
    package func schrijf(_ zaaknummer: Zaaknummer, tekst: String?, aanMelder: Bool, door: Handelende) async throws -> MeldingDetailDTO {
        try vereisMeldpunt(door)
        let m = try await zoek(zaaknummer)
        let max = aanMelder ? BehandelLimieten.maxBericht : BehandelLimieten.maxTekst
        let t = (tekst ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty, (tekst ?? "").schemaLengte <= max else {
            throw Weigering.ongeldig(.tekst, t.isEmpty ? "required" : "maxLength", t.isEmpty ? Tekst("Schrijf eerst de tekst.", "Write the text first.") : Lengteregel.hoogstens(max))
        }
        // A message to the melder also after closing (the melder may have answered), not once their data is erased.
        if aanMelder, try await MeldingPersoonsgegevens.find(m.id, on: db) == nil { throw Weigering.conflict(.meldingGesloten) }
        return try await voerUit(m, nil, door: door) { _, _ in
            [Gebeurtenis(soort: aanMelder ? .berichtAanMelder : .notitie, tekst: t, zichtbaar: aanMelder)]
        }
    }

    package func zetVolgendeStap(_ zaaknummer: Zaaknummer, _ v: VolgendeStapInvoer, door: Handelende) async throws -> MeldingDetailDTO {
        try vereisMeldpunt(door)
        let m = try await zoek(zaaknummer)
        let (tekst, datum) = try valideer { () throws(ValidatieFouten) in try valideerVolgendeStap(v, vandaag: Dag(nu)) }
        try vereisOpen(m)
        return try await voerUit(m, nil, door: door) { m, _ in
            m.volgendeStap = tekst
            m.volgendeStapOp = datum
            return [Gebeurtenis(soort: .volgendeStap, tekst: tekst, gegevens: GebeurtenisGegevens(datum: datum))]
        }
    }

    /// Waiting for organisations and back, and closing with an outcome and a summary for the melder.
    package func wijzigStatus(_ zaaknummer: Zaaknummer, _ v: MeldingStatuswijzigingInvoer, door: Handelende) async throws -> MeldingDetailDTO {
        try vereisMeldpunt(door)
        let m = try await zoek(zaaknummer)
        let toegestaan = [MeldingStatus.wachtOpOrganisaties, .inBehandeling, .gesloten]
        guard let status = v.status.flatMap(MeldingStatus.init(rawValue:)), toegestaan.contains(status) else {
            throw Weigering.ongeldig(.status, v.status == nil ? "required" : "enum",
                                     Tekst("Kies: wacht op organisaties, in behandeling of gesloten. Intake, analyse en de rol hebben elk hun eigen stap.",
                                           "Choose: waiting for organisations, in progress or closed. Intake, analysis and the role each have their own step."))
        }
        switch status {
        case .gesloten:
            let (s, reden) = try await sluiting(m, v)
            return try await voerUit(m, .sluiten, door: door) { m, _ in
                m.uitkomst = s.uitkomst
                m.volgendeStap = nil
                m.volgendeStapOp = nil
                return (reden.map { [Gebeurtenis(soort: .geslotenMetOpenCorrecties, tekst: $0)] } ?? []) + [Gebeurtenis(soort: .gesloten, tekst: s.samenvatting, zichtbaar: true,
                                    gegevens: GebeurtenisGegevens(status: MeldingStatus.gesloten.rawValue, uitkomst: s.uitkomst.rawValue,
                                                                  scopeReden: s.scopeReden))]
            }
        default:
            let velden = [(Veldnaam.uitkomst, v.uitkomst), (.samenvatting, v.samenvatting), (.scopeReden, v.scopeReden), (.redenOpenCorrecties, v.redenOpenCorrecties)].filter { $0.1 != nil }
            guard velden.isEmpty else {
                throw Weigering.ongeldig(velden.map { OngeldigeParameter($0.0, code: "nietBijStatus", uitleg: Tekst("Hoort alleen bij het sluiten van de melding.", "Belongs only with closing the case.")) })
            }
            return try await voerUit(m, status == .gesloten ? .sluiten : status == .inBehandeling ? .hervatten : .wachtOpOrganisaties, door: door) { _, _ in [] }
        }
    }

    /// Whether the case may be closed like this, without closing it: the check page before closing.
    package func controleerSluiting(_ zaaknummer: Zaaknummer, _ v: MeldingStatuswijzigingInvoer, door: Handelende) async throws {
        try vereisMeldpunt(door)
        let m = try await zoek(zaaknummer)
        do { _ = try statusNa(.sluiten, van: m.status) } catch { throw Weigering.conflict(.meldingOvergang(error)) }
        _ = try await sluiting(m, v)
    }

    /// The closing's fields checked, and the reason for closing with correction requests still open (if any).
    func sluiting(_ m: Melding, _ v: MeldingStatuswijzigingInvoer) async throws -> (Sluiting, String?) {
        let s = try valideer { () throws(ValidatieFouten) in
            try valideerSluiting(SluitingInvoer(uitkomst: v.uitkomst, samenvatting: v.samenvatting, scopeReden: v.scopeReden))
        }
        let openCorrecties = try await Verzoek.query(on: db).filter(\.$melding.$id == m.requireID())
            .filter(\.$soort == .correctie).filter(\.$status ~~ VerzoekStatus.allCases.filter(\.isOpen)).count()
        do { try controleerSluitenMetOpenCorrecties(uitkomst: s.uitkomst, openCorrecties: openCorrecties, reden: v.redenOpenCorrecties) } catch {
            throw Weigering.ongeldig(.redenOpenCorrecties, "required",
                                   Tekst("Er \(openCorrecties == 1 ? "staat nog een correctieverzoek" : "staan nog \(openCorrecties) correctieverzoeken") open. Leg uit waarom de melding toch opgelost is.",
                                         "\(openCorrecties == 1 ? "A correction request is" : "\(openCorrecties) correction requests are") still open. Explain why the case is solved anyway."))
        }
        return (s, openCorrecties > 0 ? v.redenOpenCorrecties?.trimmingCharacters(in: .whitespacesAndNewlines) : nil)
    }

    /// A new private link for the melder (e.g. the old one was lost); the old one stops working at once.
    package func vernieuwLink(_ zaaknummer: Zaaknummer, door: Handelende) async throws -> StatuspaginaLinkDTO {
        try vereisMeldpunt(door)
        let m = try await zoek(zaaknummer)
        let token = Sleutels.willekeurig(32)
        _ = try await voerUit(m, nil, door: door) { m, _ in
            m.tokenHash = Sleutels.sha256Hex(Data(token.utf8))
            return [Gebeurtenis(soort: .linkVernieuwd)]
        }
        return StatuspaginaLinkDTO(zaaknummer: m.zaaknummer, statuspagina: Webadres.status(token: token).pad)
    }
}
