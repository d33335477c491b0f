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

/// How a step on a case is done, for every job: the caller checked, the case changed, its
/// timeline and processing log written, its events announced, in one transaction.
extension MeldingService {
    /// Oldest received first (work in order of arrival), newest first, or the next deadline first:
    /// the first contact while there was none, else the next step's date (cases without one last).
    package enum Sortering: String, CaseIterable, Sendable {
        case ontvangen, nieuwste, termijn
        /// What is most urgent for the person first: the earliest of the first contact due, the
        /// promised next step, the pay-by day, the contact rhythm and the acceptable time.
        case urgentie
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
        /// Open cases whose next step promised to the melder is past its day.
        package var volgendeStapVerlopen: Bool?
        /// Cases about this registration (a code as the melder chose it: "BRV").
        package var registratie: String?
        /// How the case came in (web, phone, letter, …).
        package var binnenkomst: Binnenkomst?
        /// Cases no one handles yet.
        package var zonderBehandelaar: Bool = false
        package var team: UUID?
        /// The rows without the melder's name and description (an export): no personal data read.
        package var zonderPersoonsgegevens: Bool = false
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
                        events.append(Gebeurtenis(soort: .statusGewijzigd, gegevens: GebeurtenisGegevens(status: .melding(naar))))
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
            if await verlorRace(error, gelezen: gelezen, opnieuw: { try await Melding.find(id, on: db)?.laatsteVolgnummer }) {
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

}
