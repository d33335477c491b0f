import FluentKit
import Foundation
import MeldpuntDomain
import SQLKit

/// A dashboard or export: headline figures and tables over one period.
package struct Cijferoverzicht: Codable, Sendable, Equatable {
    /// meldpunt, bronhouder, afnemer or openbaar.
    package let soort: String
    package let periode: Periode
    /// Counts of 1 to 4 are left out (figures that leave the organisation).
    package let onderdrukt: Bool
    package let kerncijfers: Cijfertabel
    package let tabellen: [Cijfertabel]

    package func tabel(_ id: String) -> Cijfertabel? { id == kerncijfers.id ? kerncijfers : tabellen.first { $0.id == id } }

    package init(soort: String, periode: Periode, onderdrukt: Bool, kerncijfers: Cijfertabel, tabellen: [Cijfertabel]) {
        self.soort = soort
        self.periode = periode
        self.onderdrukt = onderdrukt
        self.kerncijfers = kerncijfers
        self.tabellen = tabellen
    }
}

/// The figures of the meldpunt, a bronhouder, an afnemer and the public, counted straight from
/// the tables in portable SQL (GROUP BY, ranges on indexed columns), never from a copy.
package struct Cijferboek: Sendable {
    package let db: any Database
    package let vandaag: Dag

    package init(db: any Database, vandaag: Dag) {
        self.db = db
        self.vandaag = vandaag
    }

    var sql: any SQLDatabase { db as! any SQLDatabase }

    // MARK: The meldpunt

    /// Only the meldpunt reads its own dashboard (nothing suppressed: it stays inside).
    package func meldpunt(_ p: Periode, door: Handelende) async throws -> Cijferoverzicht {
        guard door.organisatie.heeft(.meldpunt) else { throw Weigering.geenToegang(.rolOntbreekt(.meldpunt)) }
        let meldingen = try await meldingRijen(p)
        let verzoeken = try await verzoekRijen(p)
        let gesloten = meldingen.filter { $0.gesloten_op != nil }
        let contact = meldingen.compactMap { $0.contactTeLaat(vandaag: vandaag) }
        let cijfers = meldingen.compactMap(\.tevredenheid)
        let doorloop = gesloten.map { Dag($0.ontvangen_op).dagen(tot: Dag($0.gesloten_op!)) }
        let actieveOpschortingen = try await Verzoek.query(on: db).filter(\.$soort == .opschorting).filter(\.$opgeschortOp != nil)
            .filter(\.$opgehevenOp == nil).count()
        let openSignalen = try await Signaal.query(on: db).filter(\.$status !~ [.opgelost, .nietOpgelost]).count()
        let escalaties = meldingen.filter { $0.escalatieniveau != nil }.count + verzoeken.filter { $0.niveau != Escalatieniveau.operationeel.rawValue }.count

        let kern = Cijfertabel(id: "kerncijfers", titel: Tekst("Kerncijfers", "Key figures"), kolom: Tekst("Cijfer", "Figure"), grafiek: false, rijen: [
            Cijferrij(sleutel: "ontvangen", naam: Tekst("Meldingen ontvangen", "Reports received"), waarde: Double(meldingen.count)),
            Cijferrij(sleutel: "gesloten", naam: Tekst("Meldingen gesloten", "Reports closed"), waarde: Double(gesloten.count)),
            Cijferrij(sleutel: "contactnormGehaald", naam: Tekst("Eerste contact binnen de norm", "First contact within the norm"),
                      waarde: Self.procent(contact.filter { !$0 }.count, van: contact.count), eenheid: .procent),
            Cijferrij(sleutel: "gemiddeldeDoorlooptijd", naam: Tekst("Gemiddelde doorlooptijd (dagen)", "Average handling time (days)"),
                      waarde: doorloop.isEmpty ? nil : Double(doorloop.reduce(0, +)) / Double(doorloop.count), eenheid: .dagen),
            Cijferrij(sleutel: "tevredenheid", naam: Tekst("Gemiddelde tevredenheid (1–5)", "Average satisfaction (1–5)"),
                      waarde: cijfers.isEmpty ? nil : Double(cijfers.reduce(0, +)) / Double(cijfers.count), eenheid: .cijfer),
            Cijferrij(sleutel: "escalaties", naam: Tekst("Escalaties (meldingen en verzoeken)", "Escalations (reports and requests)"), waarde: Double(escalaties)),
            Cijferrij(sleutel: "actieveOpschortingen", naam: Tekst("Opschortingen die nu lopen", "Suspensions in force now"), waarde: Double(actieveOpschortingen)),
            Cijferrij(sleutel: "openSignalen", naam: Tekst("Open signalen", "Open signals"), waarde: Double(openSignalen)),
        ])

        var tabellen = [
            Self.perMaand(meldingen.map(\.ontvangen_op), p, titel: Tekst("Meldingen per maand", "Reports per month")),
            Self.telling("perMelderType", Tekst("Meldingen per soort melder", "Reports by kind of reporter"), Tekst("Melder", "Reporter"),
                         meldingen.map(\.melder_type), MelderType.allCases.map { ($0.rawValue, $0.benaming) }),
            // Reach (issue 30): how melders get in — the form, a system, or staff by phone, at a counter or from a letter.
            Self.telling("perBinnenkomst", Tekst("Meldingen per manier van binnenkomen", "Reports by way of coming in"), Tekst("Binnengekomen via", "Came in through"),
                         meldingen.map { $0.binnenkomst ?? Binnenkomst.web.rawValue }, Binnenkomst.allCases.map { ($0.rawValue, Tekst($0.naam(.nl), $0.naam(.en))) }),
            Self.telling("perRegistratie", Tekst("Meldingen per registratie", "Reports by registration"), Tekst("Registratie", "Registration"),
                         meldingen.flatMap { $0.registraties.split(separator: ",").map(String.init) }, nil),
            Self.telling("perRol", Tekst("Meldingen per rol van het Meldpunt", "Reports by role of the Meldpunt"), Tekst("Rol", "Role"),
                         meldingen.compactMap(\.rol), MeldpuntRol.allCases.map { ($0.rawValue, Tekst($0.naam(.nl), $0.naam(.en))) }),
            Self.telling("perUitkomst", Tekst("Gesloten meldingen per uitkomst", "Closed reports by outcome"), Tekst("Uitkomst", "Outcome"),
                         gesloten.compactMap(\.uitkomst), MeldingUitkomst.allCases.map { ($0.rawValue, $0.benaming) }),
            // Accountability for the duty of care: how many closed without analysis or contact, and why.
            Self.telling("zonderAnalyseOfContact", Tekst("Gesloten zonder analyse of persoonlijk contact, per reden", "Closed without analysis or personal contact, by reason"),
                         Tekst("Reden", "Reason"), gesloten.compactMap(\.afsluitgrond), Afsluitgrond.allCases.map { ($0.rawValue, $0.benaming) }),
            // Correct data, wrong interpretation (notitie): as melders named it, and as the analysis found it.
            Self.telling("perProbleemsoort", Tekst("Meldingen per soort probleem, zoals de melder het noemde", "Reports by kind of problem, as the reporter named it"),
                         Tekst("Soort probleem", "Kind of problem"), meldingen.map { $0.probleemsoort ?? Probleemsoort.onjuistGegeven.rawValue },
                         Probleemsoort.allCases.map { ($0.rawValue, $0.benaming) }),
            Self.telling("perBevinding", Tekst("Geanalyseerde meldingen per bevinding", "Analysed reports by finding"), Tekst("Bevinding", "Finding"),
                         meldingen.compactMap(\.bevinding), Probleemsoort.allCases.map { ($0.rawValue, $0.benaming) }),
            Self.telling("doorlooptijd", Tekst("Doorlooptijd van gesloten meldingen", "Handling time of closed reports"), Tekst("Doorlooptijd", "Handling time"),
                         doorloop.map { Doorlooptijd(dagen: $0).rawValue }, Doorlooptijd.allCases.map { ($0.rawValue, $0.naam) }),
            Self.telling("tevredenheid", Tekst("Tevredenheid van melders", "Satisfaction of reporters"), Tekst("Cijfer", "Mark"),
                         cijfers.map(String.init), (1...5).map { ("\($0)", Tekst("\($0)", "\($0)")) }),
        ]
        tabellen += try await perPartner(verzoeken)
        tabellen.append(try await adviezen(p))
        tabellen.append(try await overleggen(p))
        tabellen.append(try await vangnet(p))
        // Each consequence the melders named, and how far its repair came (notitie: the melder not burdened further).
        let herstel = try await MeldingGevolg.query(on: db).join(Melding.self, on: \MeldingGevolg.$melding.$id == \Melding.$id)
            .filter(Melding.self, \.$ontvangenOp >= p.van.begin()).filter(Melding.self, \.$ontvangenOp < (try p.tot.plus(dagen: 1)).begin()).all(\.$status)
        tabellen.append(Self.telling("gevolgenHerstel", Tekst("Gevolgen voor melders, naar herstel", "Consequences for reporters, by repair"), Tekst("Herstel", "Repair"),
                                     herstel.map(\.rawValue), HerstelStatus.allCases.map { ($0.rawValue, Tekst($0.naam(.nl), $0.naam(.en))) }))
        return Cijferoverzicht(soort: "meldpunt", periode: p, onderdrukt: false, kerncijfers: kern, tabellen: tabellen)
    }

    /// The adviserende rol: advice given in the period, asked or unasked, and what became of it.
    private func adviezen(_ p: Periode) async throws -> Cijfertabel {
        let rijen = try await AdviesRij.query(on: db).filter(\.$aangemaaktOp >= p.van.begin()).filter(\.$aangemaaktOp < (try p.tot.plus(dagen: 1)).begin()).all()
        func tel(_ w: (AdviesRij) -> Bool) -> Double { Double(rijen.filter(w).count) }
        return Cijfertabel(id: "adviezen", titel: Tekst("Advies van het Meldpunt aan organisaties", "Advice from the Meldpunt to organisations"),
                           kolom: Tekst("Advies", "Advice"), rijen: [
            Cijferrij(sleutel: "gevraagd", naam: Tekst("Gevraagd door de organisatie", "Asked by the organisation"), waarde: tel(\.gevraagd)),
            Cijferrij(sleutel: "ongevraagd", naam: Tekst("Ongevraagd gegeven", "Given unasked"), waarde: tel { !$0.gevraagd }),
            Cijferrij(sleutel: "nogTeGeven", naam: Tekst("Gevraagd, nog niet gegeven", "Asked, not yet given"), waarde: tel { $0.status == .gevraagd }),
            Cijferrij(sleutel: "zonderReactie", naam: Tekst("Gegeven, nog geen reactie", "Given, no answer yet"), waarde: tel { $0.status == .gegeven }),
        ] + AdviesStatus.reacties.map { s in Cijferrij(sleutel: s.rawValue, naam: Tekst(s.naam(.nl), s.naam(.en)), waarde: tel { $0.status == s }) })
    }

    /// Bringing the parties together: the overleggen of the period (by their day) and whether
    /// their actions were done by the day agreed.
    private func overleggen(_ p: Periode) async throws -> Cijfertabel {
        let rijen = try await OverlegRij.query(on: db).filter(\.$datum >= p.van).filter(\.$datum <= p.tot).with(\.$acties).all()
        let acties = rijen.filter { $0.status != .geannuleerd }.flatMap(\.acties)
        func tel(_ w: (OverlegRij) -> Bool) -> Double { Double(rijen.filter(w).count) }
        func telActies(_ w: (OverlegActie) -> Bool) -> Double { Double(acties.filter(w).count) }
        let opTijd = { (a: OverlegActie) in a.gedaanOp.map { Dag($0) <= a.uiterlijk } ?? false }
        return Cijfertabel(id: "overleggen", titel: Tekst("Overleg met meerdere organisaties", "Meetings with several organisations"),
                           kolom: Tekst("Aantal", "Number"), rijen: OverlegStatus.allCases.map { s in
            Cijferrij(sleutel: s.rawValue, naam: Tekst("Overleggen: \(s.naam(.nl).lowercased())", "Meetings: \(s.naam(.en).lowercased())"), waarde: tel { $0.status == s })
        } + [
            Cijferrij(sleutel: "actiesOpTijd", naam: Tekst("Acties op tijd gedaan", "Actions done in time"), waarde: telActies { $0.status == .gedaan && opTijd($0) }),
            Cijferrij(sleutel: "actiesTeLaat", naam: Tekst("Acties te laat gedaan", "Actions done late"), waarde: telActies { $0.status == .gedaan && !opTijd($0) }),
            Cijferrij(sleutel: "actiesOpen", naam: Tekst("Acties nog open", "Actions still open"), waarde: telActies { $0.status == .open && $0.uiterlijk >= vandaag }),
            Cijferrij(sleutel: "actiesVerlopen", naam: Tekst("Acties open na hun dag", "Actions open past their day"), waarde: telActies { $0.status == .open && $0.uiterlijk < vandaag }),
        ])
    }

    /// The safety net: cases closed within their acceptable time or not, open ones past it now, and
    /// what was decided for running suspensions when their case closed.
    private func vangnet(_ p: Periode) async throws -> Cijfertabel {
        let van = p.van.begin(), tot = (try p.tot.plus(dagen: 1)).begin()
        let gesloten = try await Melding.query(on: db).filter(\.$status == .gesloten).filter(\.$geslotenOp >= van).filter(\.$geslotenOp < tot)
            .filter(\.$doorlooptijdUiterlijk != nil).all()
        let opTijd = gesloten.filter { m in m.geslotenOp.map { Dag($0) <= m.doorlooptijdUiterlijk! } ?? false }.count
        let nuTeLang = try await Melding.query(on: db).filter(\.$status != .gesloten).filter(\.$doorlooptijdUiterlijk < vandaag).count()
        let besluiten = try await Verzoek.query(on: db).filter(\.$opschortingBesluitOp >= van).filter(\.$opschortingBesluitOp < tot).all(\.$opschortingBesluit)
        return Cijfertabel(id: "vangnet", titel: Tekst("Vangnet: doorlooptijd en opschortingen", "Safety net: case time and suspensions"),
                           kolom: Tekst("Aantal", "Number"), rijen: [
            Cijferrij(sleutel: "geslotenBinnenTijd", naam: Tekst("Gesloten binnen de aanvaardbare doorlooptijd", "Closed within the acceptable time"), waarde: Double(opTijd)),
            Cijferrij(sleutel: "geslotenTeLaat", naam: Tekst("Gesloten na de aanvaardbare doorlooptijd", "Closed after the acceptable time"), waarde: Double(gesloten.count - opTijd)),
            Cijferrij(sleutel: "openTeLang", naam: Tekst("Nu open en langer dan aanvaardbaar", "Open now and longer than acceptable"), waarde: Double(nuTeLang)),
        ] + OpschortingBesluit.allCases.map { b in
            Cijferrij(sleutel: "opschorting_\(b.rawValue)", naam: Tekst("Opschorting bij afronden: \(b.naam(.nl).lowercased())", "Suspension on completion: \(b.naam(.en).lowercased())"),
                      waarde: Double(besluiten.filter { $0 == b }.count))
        })
    }

    /// Requests per partner, the share answered in time, escalations.
    private func perPartner(_ verzoeken: [VerzoekRij]) async throws -> [Cijfertabel] {
        let namen = try await organisatienamen(Set(verzoeken.map(\.organisatie_id)))
        var aantal: [String: Int] = [:], tijdig: [String: (Int, Int)] = [:], escalaties: [String: Int] = [:]
        for v in verzoeken {
            let naam = namen[v.organisatie_id] ?? "?"
            aantal[naam, default: 0] += 1
            if let gehaald = v.termijnGehaald(vandaag: vandaag) {
                tijdig[naam, default: (0, 0)].0 += gehaald ? 1 : 0
                tijdig[naam, default: (0, 0)].1 += 1
            }
            if v.niveau != Escalatieniveau.operationeel.rawValue { escalaties[naam, default: 0] += 1 }
        }
        let partners = aantal.keys.sorted()
        func rij(_ n: String, _ w: Double?) -> Cijferrij { Cijferrij(sleutel: n, naam: Tekst(n, n), waarde: w) }
        return [
            Cijfertabel(id: "verzoekenPerPartner", titel: Tekst("Verzoeken per partner", "Requests per partner"), kolom: Tekst("Partner", "Partner"),
                        rijen: partners.map { rij($0, Double(aantal[$0] ?? 0)) }),
            Cijfertabel(id: "termijnPerPartner", titel: Tekst("Verzoeken binnen de termijn per partner (%)", "Requests within the deadline per partner (%)"),
                        kolom: Tekst("Partner", "Partner"), eenheid: .procent,
                        rijen: partners.map { n in rij(n, tijdig[n].flatMap { Self.procent($0.0, van: $0.1) }) }),
            Cijfertabel(id: "escalatiesPerPartner", titel: Tekst("Geëscaleerde verzoeken per partner", "Escalated requests per partner"),
                        kolom: Tekst("Partner", "Partner"), rijen: partners.map { rij($0, Double(escalaties[$0] ?? 0)) }),
        ]
    }

    // MARK: Bronhouders and afnemers (TMV)

    /// A bronhouder's terugmeldingen in the period: taken up in time, outcomes, per afnemer and month.
    package func bronhouder(_ p: Periode, organisatie: OrganisatieDTO) async throws -> Cijferoverzicht {
        guard organisatie.heeft(.bronhouder) || organisatie.heeft(.rni) else { throw Weigering.geenToegang(.rolOntbreekt(.bronhouder)) }
        let rijen = try await terugmeldingRijen(p, kolom: "bijhouder_id", organisatie.id)
        let namen = try await organisatienamen(Set(rijen.map(\.afnemer_id)))
        let opgepakt = rijen.filter { $0.opgepakt_op != nil || Dag($0.uiterlijk_in_behandeling_op) ?? vandaag < vandaag }
        let tijdig = opgepakt.filter { r in r.opgepakt_op.flatMap(Dag.init).map { $0 <= Dag(r.uiterlijk_in_behandeling_op)! } ?? false }.count
        let uitkomsten = try await uitkomsten(p, kolom: "bijhouder_id", organisatie.id)
        let kern = Cijfertabel(id: "kerncijfers", titel: Tekst("Kerncijfers", "Key figures"), kolom: Tekst("Cijfer", "Figure"), grafiek: false, rijen: [
            Cijferrij(sleutel: "ontvangen", naam: Tekst("Terugmeldingen ontvangen", "Data reports received"), waarde: Double(rijen.count)),
            Cijferrij(sleutel: "tijdigOpgepakt", naam: Tekst("Binnen de termijn (5 werkdagen) in behandeling genomen", "Taken up within the term (5 working days)"),
                      waarde: Self.procent(tijdig, van: opgepakt.count), eenheid: .procent),
            Cijferrij(sleutel: "afgehandeld", naam: Tekst("Afgehandeld", "Completed"), waarde: Double(uitkomsten.count)),
        ])
        return Cijferoverzicht(soort: "bronhouder", periode: p, onderdrukt: false, kerncijfers: kern, tabellen: [
            Self.perMaand(rijen.map(\.ontvangen_op), p, titel: Tekst("Terugmeldingen per maand", "Data reports per month")),
            Self.telling("perStatus", Tekst("Per status nu", "By current status"), Tekst("Status", "Status"), rijen.map(\.status),
                         TerugmeldingStatus.allCases.map { ($0.rawValue, Tekst($0.naam(.nl), $0.naam(.en))) }),
            Self.telling("perUitkomst", Tekst("Afgehandeld per uitkomst", "Completed by outcome"), Tekst("Uitkomst", "Outcome"), uitkomsten,
                         Afhandeluitkomst.allCases.map { ($0.rawValue, $0.benaming) }),
            Self.telling("perAfnemer", Tekst("Per afnemer", "By data user"), Tekst("Afnemer", "Data user"), rijen.map { namen[$0.afnemer_id] ?? "?" }, nil),
        ])
    }

    /// An afnemer's terugmeldingen in the period, by gemeente and outcome.
    package func afnemer(_ p: Periode, organisatie: OrganisatieDTO) async throws -> Cijferoverzicht {
        guard organisatie.heeft(.afnemer) || organisatie.heeft(.meldpunt) else { throw Weigering.geenToegang(.rolOntbreekt(.afnemer)) }
        let rijen = try await terugmeldingRijen(p, kolom: "afnemer_id", organisatie.id)
        let namen = try await organisatienamen(Set(rijen.map(\.bijhouder_id)))
        let uitkomsten = try await uitkomsten(p, kolom: "afnemer_id", organisatie.id)
        let kern = Cijfertabel(id: "kerncijfers", titel: Tekst("Kerncijfers", "Key figures"), kolom: Tekst("Cijfer", "Figure"), grafiek: false, rijen: [
            Cijferrij(sleutel: "verstuurd", naam: Tekst("Terugmeldingen verstuurd", "Data reports sent"), waarde: Double(rijen.count)),
            Cijferrij(sleutel: "afgehandeld", naam: Tekst("Afgehandeld", "Completed"), waarde: Double(uitkomsten.count)),
        ])
        return Cijferoverzicht(soort: "afnemer", periode: p, onderdrukt: false, kerncijfers: kern, tabellen: [
            Self.perMaand(rijen.map(\.ontvangen_op), p, titel: Tekst("Terugmeldingen per maand", "Data reports per month")),
            Self.telling("perGemeente", Tekst("Per gemeente", "By municipality"), Tekst("Gemeente", "Municipality"), rijen.map { namen[$0.bijhouder_id] ?? "?" }, nil),
            Self.telling("perStatus", Tekst("Per status nu", "By current status"), Tekst("Status", "Status"), rijen.map(\.status),
                         TerugmeldingStatus.allCases.map { ($0.rawValue, Tekst($0.naam(.nl), $0.naam(.en))) }),
            Self.telling("perUitkomst", Tekst("Afgehandeld per uitkomst", "Completed by outcome"), Tekst("Uitkomst", "Outcome"), uitkomsten,
                         Afhandeluitkomst.allCases.map { ($0.rawValue, $0.benaming) }),
        ])
    }

    // MARK: Open data

    /// Anonymised figures for everyone: counts per period, outcomes, handling times. One whole
    /// calendar year (the year of `tot`: overlapping ranges could be differenced) and complete
    /// months only (a period that ends today could be differenced with yesterday's), months put together so every period shown holds 0 or at least 5
    /// meldingen (`Maandblokken`), and in the other tables counts of 1 to 4 left out so that none
    /// can be worked back from the published totals. `periode` in the answer says what is covered.
    package func openbaar(_ gevraagd: Periode) async throws -> Cijferoverzicht {
        let jaar = min(gevraagd.tot.jaar, vandaag.jaar)
        let laatsteVolleMaand = try vandaag.eersteVanDeMaand.plus(dagen: -1)
        let begin = Dag(jaar: jaar, maand: 1, dag: 1)!
        // The year's complete months, read once: they give the periods and, up to the last
        // period published, the figures.
        let rijen = begin <= laatsteVolleMaand
            ? try await meldingRijen(Periode(van: begin, tot: min(Dag(jaar: jaar, maand: 12, dag: 31)!, laatsteVolleMaand))) : []
        var perMaand: [String: Int] = [:]
        for r in rijen { perMaand[String(Dag(r.ontvangen_op).description.prefix(7)), default: 0] += 1 }
        let maanden = (1...12).compactMap { m -> (Dag, Int)? in
            let d = Dag(jaar: jaar, maand: m, dag: 1)!
            return d <= laatsteVolleMaand ? (d, perMaand[String(d.description.prefix(7))] ?? 0) : nil
        }
        let blokken = Maandblokken.vorm(maanden, jaarKlaar: jaar < vandaag.jaar)
        guard let eind = blokken.last?.tot else {
            // Nothing to publish yet this year: last year's figures.
            return try await openbaar(Periode(van: Dag(jaar: vandaag.jaar - 1, maand: 1, dag: 1)!, tot: Dag(jaar: vandaag.jaar - 1, maand: 12, dag: 31)!))
        }
        let p = Periode(van: begin, tot: eind)
        let meldingen = rijen.filter { Dag($0.ontvangen_op) <= eind }
        let gesloten = meldingen.filter { $0.gesloten_op != nil }
        let doorloop = gesloten.map { Dag($0.ontvangen_op).dagen(tot: Dag($0.gesloten_op!)) }.sorted()
        let kern = Cijfertabel(id: "kerncijfers", titel: Tekst("Kerncijfers", "Key figures"), kolom: Tekst("Cijfer", "Figure"), grafiek: false, rijen: [
            Cijferrij(sleutel: "ontvangen", naam: Tekst("Meldingen ontvangen", "Reports received"), waarde: Double(meldingen.count)),
            Cijferrij(sleutel: "gesloten", naam: Tekst("Meldingen afgerond", "Reports completed"), waarde: Double(gesloten.count)),
            // A median of fewer than five cases is not published: marked as too few, never as a count.
            Cijferrij(sleutel: "medianeDoorlooptijd", naam: Tekst("Mediane doorlooptijd (dagen)", "Median handling time (days)"),
                      waarde: doorloop.count < Onthulling.drempel ? nil : Double(doorloop[doorloop.count / 2]), onderdrukt: Onthulling.teKlein(doorloop.count),
                      eenheid: .dagen),
        ]).onderdrukt()
        let perPeriode = Cijfertabel(id: "perMaand", titel: Tekst("Meldingen per maand", "Reports per month"), kolom: Tekst("Maand", "Month"), rijen: blokken.map { b in
            let naam = b.van.maand == b.tot.maand && b.van.jaar == b.tot.jaar ? b.van.maandnaam
                : Tekst("\(Dag.maandnaam(b.van.maand, .nl))\(b.van.jaar == b.tot.jaar ? "" : " \(b.van.jaar)") – \(Dag.maandnaam(b.tot.maand, .nl)) \(b.tot.jaar)",
                        "\(Dag.maandnaam(b.van.maand, .en))\(b.van.jaar == b.tot.jaar ? "" : " \(b.van.jaar)") – \(Dag.maandnaam(b.tot.maand, .en)) \(b.tot.jaar)")
            return Cijferrij(sleutel: String(b.van.description.prefix(7)), naam: naam, waarde: Double(b.aantal))
        })
        return Cijferoverzicht(soort: "openbaar", periode: p, onderdrukt: true, kerncijfers: kern, tabellen: [
            perPeriode.onderdrukt(totaalGepubliceerd: true),
            Self.telling("perUitkomst", Tekst("Afgeronde meldingen per uitkomst", "Completed reports by outcome"), Tekst("Uitkomst", "Outcome"),
                         gesloten.compactMap(\.uitkomst), MeldingUitkomst.allCases.map { ($0.rawValue, $0.benaming) }).onderdrukt(totaalGepubliceerd: true),
            Self.telling("doorlooptijd", Tekst("Doorlooptijd van afgeronde meldingen", "Handling time of completed reports"), Tekst("Doorlooptijd", "Handling time"),
                         doorloop.map { Doorlooptijd(dagen: $0).rawValue }, Doorlooptijd.allCases.map { ($0.rawValue, $0.naam) }).onderdrukt(totaalGepubliceerd: true),
        ])
    }

    // MARK: Reading

    struct MeldingRij: Decodable {
        let ontvangen_op: Date
        let gesloten_op: Date?
        let melder_type: String
        let registraties: String
        let rol: String?
        let uitkomst: String?
        let afsluitgrond: String?
        let probleemsoort: String?
        let bevinding: String?
        let binnenkomst: String?
        let tevredenheid: Int?
        let contact_te_laat: Bool?
        let escalatieniveau: String?
        let eerste_contact_uiterlijk: String

        /// Whether the first contact came late: as recorded, or, without contact, once the norm's
        /// day has passed (a case closed before that day without contact does not count).
        func contactTeLaat(vandaag: Dag) -> Bool? {
            if let contact_te_laat { return contact_te_laat }
            guard let uiterlijk = Dag(eerste_contact_uiterlijk) else { return nil }
            if let gesloten_op { return Dag(gesloten_op) > uiterlijk ? true : nil }
            return vandaag > uiterlijk ? true : nil
        }
    }

    /// The non-personal columns of the meldingen received in the period.
    func meldingRijen(_ p: Periode) async throws -> [MeldingRij] {
        try await sql.select()
            .columns("ontvangen_op", "gesloten_op", "melder_type", "registraties", "rol", "uitkomst", "afsluitgrond", "probleemsoort", "bevinding", "binnenkomst", "tevredenheid", "contact_te_laat", "escalatieniveau",
                     "eerste_contact_uiterlijk")
            .from(Melding.schema)
            .where("ontvangen_op", .greaterThanOrEqual, SQLBind(p.van.begin())).where("ontvangen_op", .lessThan, SQLBind(try p.tot.plus(dagen: 1).begin()))
            .all(decoding: MeldingRij.self)
    }

    struct VerzoekRij: Decodable {
        let id: UUID
        let organisatie_id: UUID
        let melding_id: UUID
        let soort: String
        let status: String
        let uiterlijk: String?
        let niveau: String
        let aangemaakt_op: Date
        let afgerond_op: Date?

        /// Answered (declined or done) by the agreed day; nil while the day has not come and it is still open, or without a deadline.
        func termijnGehaald(vandaag: Dag) -> Bool? {
            guard let u = uiterlijk.flatMap(Dag.init) else { return nil }
            if let afgerond_op { return Dag(afgerond_op) <= u }
            return vandaag > u ? false : nil
        }
    }

    /// The requests made in the period, with the moment the partner declined or completed each.
    func verzoekRijen(_ p: Periode, organisatie: UUID? = nil) async throws -> [VerzoekRij] {
        var q = sql.select()
            .columns(SQLColumn("id", table: "v"), SQLColumn("organisatie_id", table: "v"), SQLColumn("melding_id", table: "v"), SQLColumn("soort", table: "v"),
                     SQLColumn("status", table: "v"), SQLColumn("uiterlijk", table: "v"), SQLColumn("niveau", table: "v"), SQLColumn("aangemaakt_op", table: "v"))
            .column(SQLFunction("MIN", args: SQLColumn("tijdstip", table: "b")), as: "afgerond_op")
            .from(SQLAlias(SQLIdentifier(Verzoek.schema), as: SQLIdentifier("v")))
            .join(SQLAlias(SQLIdentifier(VerzoekBericht.schema), as: SQLIdentifier("b")), method: SQLJoinMethod.left,
                  on: SQLBinaryExpression(left: SQLBinaryExpression(left: SQLColumn("verzoek_id", table: "b"), op: SQLBinaryOperator.equal, right: SQLColumn("id", table: "v")),
                                          op: SQLBinaryOperator.and,
                                          right: SQLBinaryExpression(left: SQLColumn("soort", table: "b"), op: SQLBinaryOperator.in,
                                                                     right: SQLGroupExpression([SQLBind(Verzoekstapsoort.afgewezen.rawValue), SQLBind(Verzoekstapsoort.uitgevoerd.rawValue)]))))
            .where(SQLColumn("aangemaakt_op", table: "v"), .greaterThanOrEqual, SQLBind(p.van.begin()))
            .where(SQLColumn("aangemaakt_op", table: "v"), .lessThan, SQLBind(try p.tot.plus(dagen: 1).begin()))
        if let organisatie { q = q.where(SQLColumn("organisatie_id", table: "v"), .equal, SQLBind(organisatie)) }
        return try await q.groupBy(SQLColumn("id", table: "v")).groupBy(SQLColumn("organisatie_id", table: "v")).groupBy(SQLColumn("melding_id", table: "v"))
            .groupBy(SQLColumn("soort", table: "v")).groupBy(SQLColumn("status", table: "v")).groupBy(SQLColumn("uiterlijk", table: "v"))
            .groupBy(SQLColumn("niveau", table: "v")).groupBy(SQLColumn("aangemaakt_op", table: "v"))
            .all(decoding: VerzoekRij.self)
    }

    struct TerugmeldingRij: Decodable {
        let afnemer_id: UUID
        let bijhouder_id: UUID
        let status: String
        let ontvangen_op: Date
        let opgepakt_op: String?
        let uiterlijk_in_behandeling_op: String
    }

    private func terugmeldingRijen(_ p: Periode, kolom: String, _ organisatie: UUID) async throws -> [TerugmeldingRij] {
        try await sql.select().columns("afnemer_id", "bijhouder_id", "status", "ontvangen_op", "opgepakt_op", "uiterlijk_in_behandeling_op")
            .from(Terugmelding.schema).where(SQLIdentifier(kolom), .equal, SQLBind(organisatie))
            .where("ontvangen_op", .greaterThanOrEqual, SQLBind(p.van.begin())).where("ontvangen_op", .lessThan, SQLBind(try p.tot.plus(dagen: 1).begin()))
            .all(decoding: TerugmeldingRij.self)
    }

    /// The outcome of each completion in the period of the organisation's terugmeldingen.
    private func uitkomsten(_ p: Periode, kolom: String, _ organisatie: UUID) async throws -> [String] {
        struct Rij: Decodable { let uitkomst: String? }
        return try await sql.select().column(SQLColumn("uitkomst", table: "s"))
            .from(SQLAlias(SQLIdentifier(Statuswijziging.schema), as: SQLIdentifier("s")))
            .join(SQLAlias(SQLIdentifier(Terugmelding.schema), as: SQLIdentifier("t")), method: SQLJoinMethod.inner,
                  on: SQLBinaryExpression(left: SQLColumn("terugmelding_id", table: "s"), op: SQLBinaryOperator.equal, right: SQLColumn("id", table: "t")))
            .where(SQLColumn(kolom, table: "t"), .equal, SQLBind(organisatie))
            .where(SQLColumn("status", table: "s"), .equal, SQLBind(TerugmeldingStatus.afgehandeld.rawValue))
            .where(SQLColumn("tijdstip", table: "s"), .greaterThanOrEqual, SQLBind(p.van.begin()))
            .where(SQLColumn("tijdstip", table: "s"), .lessThan, SQLBind(try p.tot.plus(dagen: 1).begin()))
            .all(decoding: Rij.self).map { $0.uitkomst ?? "onbekend" }
    }

    func organisatienamen(_ ids: Set<UUID>) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(try await Organisatie.query(on: db).filter(\.$id ~~ ids).all().map { (try $0.requireID(), $0.naam) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: Building tables

    static func procent(_ deel: Int, van geheel: Int) -> Double? {
        geheel == 0 ? nil : (Double(deel) * 100 / Double(geheel)).rounded()
    }

    /// Counts per month of the period, every month present (also the empty ones).
    static func perMaand(_ momenten: [Date], _ p: Periode, titel: Tekst) -> Cijfertabel {
        var tellingen: [String: Int] = [:]
        for m in momenten { tellingen[String(Dag(m).description.prefix(7)), default: 0] += 1 }
        return Cijfertabel(id: "perMaand", titel: titel, kolom: Tekst("Maand", "Month"), rijen: p.maanden.map { m in
            let sleutel = String(m.description.prefix(7))
            return Cijferrij(sleutel: sleutel, naam: m.maandnaam, waarde: Double(tellingen[sleutel] ?? 0))
        })
    }

    /// Counts per value: the known values in their order (also at 0), then others by size.
    static func telling(_ id: String, _ titel: Tekst, _ kolom: Tekst, _ waarden: [String], _ bekend: [(String, Tekst)]?) -> Cijfertabel {
        var tellingen: [String: Int] = [:]
        for w in waarden { tellingen[w, default: 0] += 1 }
        var rijen = (bekend ?? []).map { Cijferrij(sleutel: $0.0, naam: $0.1, waarde: Double(tellingen[$0.0] ?? 0)) }
        let overig = tellingen.filter { k, _ in !(bekend ?? []).contains { $0.0 == k } }.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        rijen += overig.map { Cijferrij(sleutel: $0.key, naam: $0.key == "onbekend" ? Tekst("Onbekend", "Unknown") : Tekst($0.key, $0.key), waarde: Double($0.value)) }
        return Cijfertabel(id: id, titel: titel, kolom: kolom, rijen: rijen)
    }
}

extension MelderType {
    var benaming: Tekst {
        switch self {
        case .burger: Tekst("Burger", "Citizen")
        case .bedrijf: Tekst("Bedrijf", "Business")
        case .organisatie: Tekst("Organisatie", "Organisation")
        case .intermediair: Tekst("Intermediair", "Intermediary")
        }
    }
}

extension MeldingUitkomst {
    var benaming: Tekst {
        switch self {
        case .opgelost: Tekst("Opgelost", "Solved")
        case .deelsOpgelost: Tekst("Deels opgelost", "Partly solved")
        case .interpretatieHersteld: Tekst("Gegevens klopten, verkeerde uitleg hersteld", "Data were correct, wrong interpretation put right")
        case .nietOpgelost: Tekst("Niet opgelost", "Not solved")
        case .doorverwezen: Tekst("Doorverwezen", "Referred")
        case .buitenScope: Tekst("Buiten scope", "Out of scope")
        case .ingetrokken: Tekst("Ingetrokken", "Withdrawn")
        case .samengevoegd: Tekst("Samengevoegd met een andere melding", "Merged with another report")
        }
    }
}

extension Probleemsoort {
    var benaming: Tekst {
        switch self {
        case .onjuistGegeven: Tekst("Een gegeven klopt niet", "Information is wrong")
        case .onjuisteInterpretatie: Tekst("Juist gegeven, verkeerd uitgelegd", "Correct information, interpreted wrongly")
        }
    }
}

extension Afsluitgrond {
    var benaming: Tekst {
        switch self {
        case .melderOnbereikbaar: Tekst("Melder niet bereikbaar", "Reporter unreachable")
        case .ingetrokken: Tekst("Ingetrokken door de melder", "Withdrawn by the reporter")
        case .buitenScopeBijIntake: Tekst("Buiten de scope bij de intake", "Out of scope at intake")
        }
    }
}

extension Afhandeluitkomst {
    var benaming: Tekst {
        switch self {
        case .verbeterd: Tekst("Gegeven verbeterd", "Data corrected")
        case .aangevuld: Tekst("Gegeven aangevuld", "Data completed")
        case .verwijderd: Tekst("Gegeven verwijderd", "Data removed")
        case .ongewijzigd: Tekst("Gegeven ongewijzigd", "Data unchanged")
        }
    }
}
