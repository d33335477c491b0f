import FluentKit
import SQLKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain

/// The staff's work queue and a case as staff read it.
extension MeldingService {
    // MARK: Werkvoorraad

    func query(_ f: Werkvoorraad, verzoekTeLaat: Set<UUID>) async throws -> QueryBuilder<Melding> {
        var q = Melding.query(on: db)
        if !f.statussen.isEmpty { q = q.filter(\.$status ~~ f.statussen) }
        if f.alleenOpen { q = q.filter(\.$status != .gesloten) }
        if let b = f.behandelaar { q = q.filter(\.$behandelaar.$id == b) }
        if f.zonderBehandelaar { q = q.filter(\.$behandelaar.$id == nil) }
        if let b = f.binnenkomst { q = q.filter(\.$binnenkomst == b) }
        if let t = f.team { q = q.filter(\.$team.$id == t) }
        if let r = f.registratie {
            // The codes are stored comma-separated: a whole code matches, not a part of one.
            q = q.filter(.custom(SQLQueryString("(',' || registraties || ',') LIKE \(bind: "%," + Self.likeLetterlijk(r.uppercased()) + ",%") ESCAPE '!'")))
        }
        if let z = f.zaaknummer { q = q.filter(\.$zaaknummer == (Zaaknummer(z)?.description ?? z)) }
        if let deel = f.zaaknummerDeel {
            q = q.filter(.custom(SQLQueryString("zaaknummer LIKE \(bind: "%" + Self.likeLetterlijk(deel.uppercased()) + "%") ESCAPE '!'")))
        }
        if f.naam != nil || f.bsn != nil || f.tekst != nil {
            var p = MeldingPersoonsgegevens.query(on: db)
            // A part of the name, taken literally: % and _ are text here, not wildcards.
            if let naam = f.naam { p = p.filter(.custom(SQLQueryString("zoeknaam LIKE \(bind: "%" + Self.likeLetterlijk(naam.lowercased()) + "%") ESCAPE '!'"))) }
            if let tekst = f.tekst {
                let patroon = "%" + Self.likeLetterlijk(tekst.lowercased()) + "%"
                p = p.filter(.custom(SQLQueryString("(zoeknaam LIKE \(bind: patroon) ESCAPE '!' OR zoektekst LIKE \(bind: patroon) ESCAPE '!')")))
            }
            if let bsn = f.bsn { p = p.filter(\.$bsn == bsn) }
            q = q.filter(\.$id ~~ (try await p.field(\.$id).limit(500).all()).compactMap(\.id))
        }
        if let overschreden = f.contactTermijnOverschreden {
            let vandaag = Dag(nu)
            // The same rule as contactTermijnOverschreden(_:), on plain columns.
            if overschreden {
                q = q.group(.or) { or in
                    or.group(.and) { $0.filter(\.$eersteContactOp == nil).filter(\.$eersteContactUiterlijk < vandaag).filter(\.$status != .gesloten) }
                    or.filter(\.$contactTeLaat == true)
                }
            } else {
                q = q.group(.or) { or in
                    or.group(.and) { $0.filter(\.$eersteContactOp == nil).filter(\.$eersteContactUiterlijk >= vandaag) }
                    or.group(.and) { $0.filter(\.$eersteContactOp == nil).filter(\.$status == .gesloten) }
                    or.filter(\.$contactTeLaat == false)
                }
            }
        }
        if let tot = f.contactUiterlijkTot {
            q = q.filter(\.$eersteContactOp == nil).filter(\.$status != .gesloten)
                .filter(\.$eersteContactUiterlijk >= Dag(nu)).filter(\.$eersteContactUiterlijk <= tot)
        }
        if let overschreden = f.verzoekTermijnOverschreden {
            q = overschreden ? q.filter(\.$id ~~ Array(verzoekTeLaat)) : q.filter(\.$id !~ Array(verzoekTeLaat))
        }
        if let ongelezen = f.ongelezen { q = q.filter(\.$ongelezen == ongelezen) }
        if f.volgendeStapVerlopen == true { q = q.filter(\.$status != .gesloten).filter(\.$volgendeStapOp < Dag(nu)) }
        return q
    }

    /// Continues the werkvoorraad: the rows of one page.
    func rijen(_ q: QueryBuilder<Melding>, _ f: Werkvoorraad, totaal: Int, verzoekTeLaat: Set<UUID>, door: Handelende) async throws -> (items: [MeldingSamenvattingDTO], totaal: Int) {
        let nieuwsteEerst = f.statussen == [.gesloten] || f.sortering == .nieuwste
        let richting: DatabaseQuery.Sort.Direction = nieuwsteEerst ? .descending : .ascending
        var q = q
        if f.sortering == .urgentie {
            // Days are YYYY-MM-DD text on both databases; the smallest of them, a missing one counting as never.
            let kleinste = (db as? any SQLDatabase)?.dialect.name == "sqlite" ? "MIN" : "LEAST"
            // A closed case presses no more: last.
            q = q.sort(.custom(SQLRaw("""
                CASE WHEN status = 'gesloten' THEN '9999-12-31' ELSE \
                \(kleinste)(CASE WHEN eerste_contact_op IS NULL THEN eerste_contact_uiterlijk ELSE '9999-12-31' END, COALESCE(volgende_stap_op, '9999-12-31'), \
                COALESCE(betalen_uiterlijk, '9999-12-31'), COALESCE(contact_volgende_op, '9999-12-31'), COALESCE(doorlooptijd_uiterlijk, '9999-12-31')) END ASC
                """)))
        } else if f.sortering == .termijn {
            // Dates are stored as YYYY-MM-DD, so they sort as text on both databases.
            q = q.sort(.custom(SQLRaw("CASE WHEN eerste_contact_op IS NULL AND status <> 'gesloten' THEN eerste_contact_uiterlijk ELSE COALESCE(volgende_stap_op, '9999-12-31') END ASC")))
        }
        let rijen = try await q.sort(\.$ontvangenOp, richting).sort(\.$id, richting).with(\.$behandelaar)
            .range(((f.pagina - 1) * f.paginagrootte)..<(f.pagina * f.paginagrootte)).all()
        // An export without names reads no personal data, so it logs no reads either.
        let personen = f.zonderPersoonsgegevens ? [:] : try await persoonsgegevens(rijen.compactMap(\.id))
        if !f.zonderPersoonsgegevens { try await Verwerkingslog.schrijf(rijen.map {
            Verwerkingslog.regel(.meldingLijst, organisatie: door.organisatie.id, melding: $0.id,
                                 betrokkene: betrokkene(personen[try $0.requireID()]), traceID: traceID, tijdstip: nu, gebruiker: door.gebruiker?.id)
        }, on: db) }
        let vandaag = Dag(nu)
        return (try rijen.map { m in
            var s = MeldingSamenvattingDTO(
                zaaknummer: m.zaaknummer, status: m.status, melderType: m.melderType, naam: try personen[try m.requireID()].map(Self.weergavenaam),
                registraties: Self.registraties(m), ontvangenOp: m.ontvangenOp, eersteContactUiterlijk: m.eersteContactUiterlijk,
                eersteContactOp: m.eersteContactOp, contactTermijnOverschreden: contactTermijnOverschreden(m),
                behandelaar: try m.behandelaar.map(Self.verwijzing), rol: m.rol, uitkomst: m.uitkomst,
                verzoekTermijnOverschreden: verzoekTeLaat.contains(try m.requireID()), ongelezen: m.ongelezen,
                omschrijving: try personen[try m.requireID()].flatMap(Self.korteOmschrijving), href: APIAdres.melding(zaaknummer: m.zaaknummer))
            if m.status != .gesloten {
                s.betalenUiterlijk = m.betalenUiterlijk
                s.volgendeStapOp = m.volgendeStapOp
                s.doorlooptijdVerstreken = m.doorlooptijdUiterlijk.map { $0 < vandaag } ?? false
                s.urgentOp = [m.eersteContactOp == nil ? m.eersteContactUiterlijk : nil, m.volgendeStapOp, m.betalenUiterlijk, m.contactVolgendeOp, m.doorlooptijdUiterlijk]
                    .compactMap { $0 }.min()
            }
            return s
        }, totaal)
    }

    func persoonsgegevens(_ ids: [UUID]) async throws -> [UUID: MeldingPersoonsgegevens] {
        guard !ids.isEmpty else { return [:] }
        let alle = try await MeldingPersoonsgegevens.query(on: db).filter(\.$id ~~ ids).all()
        return Dictionary(try alle.map { ((try $0.requireID()), $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The data subject in the processing log: a keyed hash of the BSN, never the BSN.
    /// Escapes LIKE's wildcards (and the escape character `!` itself) for `ESCAPE '!'`.
    package static func likeLetterlijk(_ tekst: String) -> String {
        tekst.replacingOccurrences(of: "!", with: "!!").replacingOccurrences(of: "%", with: "!%").replacingOccurrences(of: "_", with: "!_")
    }

    package func betrokkene(_ p: MeldingPersoonsgegevens?) -> String? {
        p?.bsn.map { pseudoniemen.pseudoniem("bsn:" + $0) }
    }

    /// The start of what is wrong, as the melder wrote it: one line in a list.
    package static func korteOmschrijving(_ p: MeldingPersoonsgegevens) throws -> String? {
        guard let tekst = (try p.invoer()).watIsFout?
            .split(whereSeparator: \.isNewline).joined(separator: " ").trimmingCharacters(in: .whitespaces), !tekst.isEmpty else { return nil }
        return tekst.count <= 120 ? tekst : String(tekst.prefix(119)) + "…"
    }

    package static func weergavenaam(_ p: MeldingPersoonsgegevens) throws -> String {
        let verzoek = try p.invoer()
        if let namens = verzoek.vertegenwoordigde?.naam, !namens.isEmpty { return "\(namens) (via \(p.naam))" }
        return p.naam
    }

    package static func registraties(_ m: Melding) -> [String] {
        m.registraties.split(separator: ",").map(String.init)
    }

    package static func verwijzing(_ g: Gebruiker) throws -> MedewerkerVerwijzing {
        MedewerkerVerwijzing(id: (try g.requireID()).tekst, naam: g.naam, email: g.email)
    }

    // MARK: Reading

    package func zoek(_ zaaknummer: Zaaknummer, on database: (any Database)? = nil) async throws -> Melding {
        guard let m = try await Melding.query(on: database ?? db).filter(\.$zaaknummer == zaaknummer.description).first()
        else { throw Weigering.nietGevonden(.melding) }
        return m
    }

    package func detailZonderLog(_ m: Melding) async throws -> MeldingDetailDTO {
        let id = try m.requireID()
        try await m.$behandelaar.load(on: db)
        try await m.$ingediendDoor.load(on: db)
        let p = try await MeldingPersoonsgegevens.find(id, on: db)
        let verzoek = try p?.invoer()
        let bijlagen = try await MeldingBijlage.query(on: db).filter(\.$melding.$id == id).all()
        let tijdlijn = try await MeldingGebeurtenis.query(on: db).filter(\.$melding.$id == id).sort(\.$volgnummer).all()
        let analyse = try Self.analyse(m)
        let status = m.status
        var detail = MeldingDetailDTO(
            zaaknummer: m.zaaknummer, status: m.status, fase: status.fase, melderType: m.melderType,
            registraties: Self.registraties(m), ontvangenOp: m.ontvangenOp, eersteContactUiterlijk: m.eersteContactUiterlijk,
            eersteContactOp: m.eersteContactOp, contactTermijnOverschreden: contactTermijnOverschreden(m),
            behandelaar: try m.behandelaar.map(Self.verwijzing), analyse: analyse.map(AnalyseDTO.init),
            rolVoorstel: analyse.map { let v = stelRolVoor($0); return RolVoorstelDTO(rol: v.rol, redenen: v.redenen) },
            rol: m.rol, uitkomst: m.uitkomst, geslotenOp: m.geslotenOp,
            volgendeStap: m.volgendeStapDTO,
            tevredenheid: m.tevredenheid, ingediendDoor: m.ingediendDoor.map(OrganisatieVerwijzing.init),
            toestemmingOp: m.toestemmingOp, toestemmingVersie: m.toestemmingVersie, persoonsgegevensGewist: p == nil,
            melding: verzoek,
            bijlagen: try bijlagen.map { b in
                MeldingBijlageDTO(id: try b.requireID().tekst, bestandsnaam: b.bestandsnaam, mimeType: b.mimeType, grootte: b.grootte,
                                  href: APIAdres.meldingBijlage(zaaknummer: m.zaaknummer, bijlage: try b.requireID()))
            },
            tijdlijn: try tijdlijn.map(Self.gebeurtenis),
            mogelijkeStappen: Behandelstap.allCases.filter { (try? statusNa($0, van: status)) != nil },
            verzoeken: try await verzoeken(van: id, zaaknummer: m.zaaknummer),
            escalatieniveau: m.escalatieniveau ?? .operationeel,
            aantalEscalaties: tijdlijn.filter { $0.soort == .geescaleerd || $0.soort == .verzoekGeescaleerd }.count)
        detail.afsluitgrond = m.afsluitgrond
        detail.probleemsoort = m.probleemsoort ?? .onjuistGegeven
        detail.gevolgen = try await Self.gevolgen(m, on: db)
        detail.binnenkomst = m.binnenkomst ?? (m.$ingediendDoor.id == nil ? .web : .api)
        if let team = m.$team.id { detail.team = try await Team.find(team, on: db)?.naam }
        if m.status != .gesloten {
            detail.vangnet = VangnetDTO(doorlooptijdUiterlijk: m.doorlooptijdUiterlijk, doorlooptijdVerstreken: m.doorlooptijdUiterlijk.map { $0 < Dag(nu) } ?? false,
                                        contactVolgendeOp: m.contactVolgendeOp, betalenUiterlijk: m.betalenUiterlijk)
        }
        return detail
    }

    /// The consequences the melder named, with their repair, in the melder's order.
    package static func gevolgen(_ m: Melding, on db: any Database) async throws -> [GevolgherstelDTO] {
        try await MeldingGevolg.query(on: db).filter(\.$melding.$id == m.requireID()).sort(\.$nummer).all().map {
            GevolgherstelDTO(nummer: $0.nummer, soort: $0.soort, organisatie: $0.organisatie, status: $0.status, door: $0.door, toelichting: $0.toelichting,
                             gewijzigdOp: $0.gewijzigdOp)
        }
    }

    package static func analyse(_ m: Melding) throws -> Analyse? {
        try m.analyseWaarde()
    }

    package static func gebeurtenis(_ g: MeldingGebeurtenis) throws -> GebeurtenisDTO {
        GebeurtenisDTO(volgnummer: g.volgnummer, soort: g.soort, tijdstip: g.tijdstip, door: g.door, tekst: g.tekst,
                       zichtbaarVoorMelder: g.zichtbaarVoorMelder,
                       gegevens: try g.gegevensWaarde())
    }

}
