import MeldpuntHTTP
import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Vapor

/// The werkvoorraad (issue 30): folders, a filter that can be kept under a name, the list as a
/// CSV file, and one step for several ticked cases at once.
extension MeldingenWebController {
    /// The list's query as name → value: from the address, or from the list a bulk form came from.
    typealias Lijstvraag = [String: String]

    /// A filter on the werkvoorraad, read from the query; an unknown value is left out, so a kept
    /// filter whose team or registration no longer exists still opens.
    struct Lijstfilter: Equatable {
        var status: MeldingStatus?
        var registratie: String?
        var binnenkomst: Binnenkomst?
        /// "niemand", "ik", or a staff member's id.
        var behandelaar: String?
        var team: String?

        init() {}

        init(_ q: Lijstvraag, teams: Set<String>) {
            status = q["status"].flatMap(MeldingStatus.init(rawValue:))
            registratie = q["registratie"].flatMap { c in Registratie.alle.first { $0.code == c }?.code }
            binnenkomst = q["binnenkomst"].flatMap(Binnenkomst.init(rawValue:))
            behandelaar = q["behandelaar"].flatMap { $0 == "niemand" || $0 == "ik" || UUID(uuidString: $0) != nil ? $0 : nil }
            team = q["team"].flatMap { teams.contains($0) ? $0 : nil }
        }

        var isLeeg: Bool { self == Lijstfilter() }

        /// The canonical query string: the same filter gives the same link.
        var zoekvraag: String {
            [("status", status?.rawValue), ("registratie", registratie), ("binnenkomst", binnenkomst?.rawValue),
             ("behandelaar", behandelaar), ("team", team)]
                .compactMap { n, w in w.map { "\(n)=\(MeldingenWebController.queryWaarde($0))" } }.joined(separator: "&")
        }

        func pasToe(_ f: inout MeldingService.Werkvoorraad, _ g: Handelende) {
            if let status { f.statussen = [status] }
            f.registratie = registratie
            f.binnenkomst = binnenkomst
            switch behandelaar {
            case "niemand": f.zonderBehandelaar = true
            case "ik": f.behandelaar = g.gebruiker?.id
            case let b?: f.behandelaar = UUID(uuidString: b)
            case nil: break
            }
            f.team = team.flatMap(UUID.init(uuidString:))
        }
    }

    /// Name → value from a query string, never trapping on what a user typed: at most 20 pairs of
    /// at most 200 bytes each, a malformed escape dropping only its own pair; the first of a name counts.
    static func lijstvraag(_ query: String?) -> Lijstvraag {
        var r: Lijstvraag = [:]
        for paar in (query ?? "").prefix(2_000).split(separator: "&", omittingEmptySubsequences: true).prefix(20) {
            guard paar.utf8.count <= 200 else { continue }
            let delen = paar.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard delen.count == 2,
                  let naam = String(delen[0]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding,
                  let waarde = String(delen[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding,
                  r[naam] == nil
            else { continue }
            r[naam] = waarde
        }
        return r
    }

    private func sortering(_ q: Lijstvraag) -> MeldingService.Sortering {
        q["sortering"].flatMap(MeldingService.Sortering.init(rawValue:)) ?? .ontvangen
    }

    /// The filter of a folder or of the filter form, as the list and the export use it.
    private func filter(_ q: Lijstvraag, _ g: Handelende, _ lf: Lijstfilter, vandaag: Dag, pagina: Int) -> (Map?, MeldingService.Werkvoorraad) {
        if !lf.isLeeg {
            var f = MeldingService.Werkvoorraad(pagina: pagina, paginagrootte: 25)
            lf.pasToe(&f, g)
            f.sortering = sortering(q)
            return (nil, f)
        }
        let map = q["map"].flatMap(Map.init(rawValue:)) ?? .nieuw
        var f = map.filter(g, vandaag: vandaag, pagina: pagina)
        // Open work by what is most urgent for the person, unless another order is chosen.
        f.sortering = [.mijn, .team, .open, .stapTeLaat].contains(map) && q["sortering"] == nil ? .urgentie : sortering(q)
        return (map, f)
    }

    private func teams(_ req: Request, _ g: Handelende) async throws -> [TeamDTO] {
        try await Teams(db: req.db, nu: req.application.klok.nu()).lijst(door: g)
    }

    func werkvoorraad(req: Request) async throws -> Response {
        try await toonWerkvoorraad(req, Self.lijstvraag(req.url.query))
    }

    private func toonWerkvoorraad(_ req: Request, _ q: Lijstvraag, fouten: [VeldFout] = [], waarden: [String: String] = [:], gekozen: Set<String> = []) async throws -> Response {
        let g = try medewerker(req)
        let pagina = max(1, min(100_000, q["pagina"].flatMap { Int($0) } ?? 1))
        let teams = try await teams(req, g)
        let lf = Lijstfilter(q, teams: Set(teams.map(\.id)))
        let (map, f) = filter(q, g, lf, vandaag: Dag(req.application.klok.nu()), pagina: pagina)
        return try await toonLijst(req, g, map: map, lijstfilter: lf, filter: f, teams: teams, fouten: fouten, waarden: waarden, gekozen: gekozen,
                                   bulkGedaan: q["bulkGedaan"].flatMap { Int($0) }, bulkActie: q["bulkActie"], bulkNietGelukt: (q["bulkNietGelukt"] ?? "").split(separator: ",").prefix(100).compactMap { deel in
                                       let d = deel.split(separator: "~", maxSplits: 1)
                                       return Zaaknummer(String(d[0])).map { ($0, d.count > 1 ? Bulkreden(rawValue: String(d[1])) ?? .anders : .anders) }
                                   })
    }

    func toonLijst(_ req: Request, _ g: Handelende, map: Map?, lijstfilter lf: Lijstfilter, filter: MeldingService.Werkvoorraad?, teams: [TeamDTO]? = nil,
                   zoekterm: String = "", fouten: [VeldFout] = [], waarden: [String: String] = [:], gekozen: Set<String> = [],
                   bulkGedaan: Int? = nil, bulkActie: String? = nil, bulkNietGelukt: [(Zaaknummer, Bulkreden)] = []) async throws -> Response {
        let t = Teksten.voor(req.taal)
        let teams = if let teams { teams } else { try await self.teams(req, g) }
        var items: [MeldingSamenvattingDTO] = []
        var totaal = 0
        if let filter { (items, totaal) = try await req.meldingen.overzicht.werkvoorraad(filter, door: g) }
        let vandaag = Dag(req.application.klok.nu())
        // Counts on the open folders; the closed one only grows. The team folder only for someone in a team.
        let mappen = Map.allCases.filter { $0 != .team || g.gebruiker?.team != nil }
        let geteld = mappen.filter { $0 != .gesloten }
        let aantallen = Dictionary(uniqueKeysWithValues: zip(geteld, try await req.meldingen.overzicht.aantallen(geteld.map { $0.filter(g, vandaag: vandaag) }, door: g)))
        let zelfde = try await req.meldingen.overzicht.zelfdePersoon(items.map(\.zaaknummer), door: g)
        let gesorteerd = filter?.sortering ?? .ontvangen
        // The list's own address (a folder or a filter), for sorting, paging, exporting and coming back.
        let basis: String? = map.map { "map=\($0.rawValue)" } ?? (lf.isLeeg ? nil : lf.zoekvraag)
        let terug = "/meldingen" + (basis.map { "?\($0)&sortering=\(gesorteerd.rawValue)&pagina=\(filter?.pagina ?? 1)" } ?? "")
        let bewaard = try await BewaardeFilters(db: req.db, nu: req.application.klok.nu()).lijst(door: g)
        let medewerkers = try await medewerkers(req, g)
        let teksten = try await Standaardteksten(db: req.db, nu: req.application.klok.nu()).lijst(doel: .melder, organisatie: g.organisatie)
        func keuzes<E: CaseIterable & RawRepresentable>(_: E.Type, _ sleutel: String, _ veld: String, leeg: String) -> [Keuze] where E.RawValue == String {
            [Keuze(waarde: "", naam: t.tekst(leeg), gekozen: (waarden[veld] ?? "").isEmpty)]
                + E.allCases.map { Keuze(waarde: $0.rawValue, naam: t.naam(sleutel, $0), gekozen: waarden[veld] == $0.rawValue) }
        }
        let inhoud = Lijst(
            mappen: mappen.map { m in
                TerugmeldingenWebController.MapLink(href: "/meldingen?map=\(m.rawValue)",
                                                    naam: (t[m.tekstSleutel] ?? m.rawValue) + (aantallen[m].map { " (\($0))" } ?? ""), actief: m == map)
            },
            rijen: items.map { s in
                var r = Rij(href: "/meldingen/\(s.zaaknummer)", zaaknummer: s.zaaknummer, naam: s.naam ?? t.tekst("mfoGewist"), omschrijving: s.omschrijving,
                            zelfdePersoon: (zelfde[s.zaaknummer] ?? []).prefix(3).map { Keuze(waarde: "/meldingen/\($0.zaaknummer)", naam: $0.zaaknummer) },
                            melderType: t.naam("mfoMelderType", s.melderType), registraties: s.registraties.isEmpty ? nil : s.registraties.joined(separator: ", "),
                            ontvangen: Datumweergave.datum(s.ontvangenOp), contactUiterlijk: Datumweergave.datum(s.eersteContactUiterlijk),
                            teLaat: s.contactTermijnOverschreden, verzoekTeLaat: s.verzoekTermijnOverschreden, ongelezen: s.ongelezen,
                            status: t.naam("mfoStatus", s.status), behandelaar: s.behandelaar?.naam,
                            urgent: [s.betalenUiterlijk.map { "\(t.tekst("mfoBetalenVoor")) \(Datumweergave.datum($0))" },
                                     s.volgendeStapOp.map { "\(t.tekst("mfoStapBeloofd")) \(Datumweergave.datum($0))" },
                                     s.doorlooptijdVerstreken ? t.tekst("mfoDoorlooptijdVerstreken") : nil].compactMap { $0 })
                r.gekozen = gekozen.contains(s.zaaknummer)
                return r
            },
            bladeren: Bladeren(totaal: totaal, pagina: filter?.pagina ?? 1, grootte: filter?.paginagrootte ?? 25,
                               link: basis.map { b in { "/meldingen?\(b)&sortering=\(gesorteerd.rawValue)&pagina=\($0)" } }),
            zoekterm: zoekterm, isZoekresultaat: basis == nil,
            sorteringen: basis == nil ? [] : MeldingService.Sortering.allCases.map { s in
                TerugmeldingenWebController.MapLink(href: "/meldingen?\(basis!)&sortering=\(s.rawValue)", naam: t.tekst("mfoSorteer_\(s.rawValue)"), actief: s == gesorteerd)
            },
            fouten: fouten,
            foutVelden: Dictionary(fouten.map { ($0.veld, $0.tekst) }, uniquingKeysWith: { a, _ in a }),
            filter: Filterkeuzes(
                statussen: [Keuze(waarde: "", naam: t.tekst("filterAlle"), gekozen: lf.status == nil)]
                    + MeldingStatus.allCases.map { Keuze(waarde: $0.rawValue, naam: t.naam("mfoStatus", $0), gekozen: $0 == lf.status) },
                registraties: [Keuze(waarde: "", naam: t.tekst("filterAlle"), gekozen: lf.registratie == nil)]
                    + Registratie.alle.map { Keuze(waarde: $0.code, naam: MeldenController.registratieNaam($0, t), gekozen: $0.code == lf.registratie) },
                binnenkomsten: [Keuze(waarde: "", naam: t.tekst("filterAlle"), gekozen: lf.binnenkomst == nil)]
                    + Binnenkomst.allCases.map { Keuze(waarde: $0.rawValue, naam: $0.naam(req.taal), gekozen: $0 == lf.binnenkomst) },
                behandelaars: [Keuze(waarde: "", naam: t.tekst("filterIedereen"), gekozen: lf.behandelaar == nil),
                               Keuze(waarde: "ik", naam: t.tekst("filterIk"), gekozen: lf.behandelaar == "ik"),
                               Keuze(waarde: "niemand", naam: t.tekst("mfoNiemand"), gekozen: lf.behandelaar == "niemand")]
                    + medewerkers.compactMap { m in m.id.map { Keuze(waarde: $0.tekst, naam: m.naam, gekozen: lf.behandelaar == $0.tekst) } },
                teams: [Keuze(waarde: "", naam: t.tekst("filterAlle"), gekozen: lf.team == nil)]
                    + teams.map { Keuze(waarde: $0.id, naam: $0.naam, gekozen: $0.id == lf.team) },
                actief: !lf.isLeeg),
            bewaardeFilters: bewaard.map {
                BewaardeFilterLink(href: "/meldingen?\($0.zoekvraag)", naam: $0.naam, verwijderHref: "/meldingen/filters/\($0.id)/verwijderen",
                                   actief: !lf.isLeeg && $0.zoekvraag == lf.zoekvraag)
            },
            zoekvraag: lf.isLeeg ? nil : lf.zoekvraag,
            exportHref: basis.map { "/meldingen/export.csv?\($0)&sortering=\(gesorteerd.rawValue)" },
            terug: terug,
            bulk: Bulkkeuzes(
                medewerkers: [Keuze(waarde: "", naam: t.tekst("bulkNietWijzigen"), gekozen: (waarden["bulkEmail"] ?? "").isEmpty)]
                    + medewerkers.map { Keuze(waarde: $0.email, naam: $0.naam, gekozen: waarden["bulkEmail"] == $0.email) },
                teams: [Keuze(waarde: "ongewijzigd", naam: t.tekst("bulkNietWijzigen"), gekozen: (waarden["bulkTeam"] ?? "ongewijzigd") == "ongewijzigd"),
                        Keuze(waarde: "", naam: t.tekst("teamGeen"), gekozen: waarden["bulkTeam"] == "")]
                    + teams.map { Keuze(waarde: $0.id, naam: $0.naam, gekozen: waarden["bulkTeam"] == $0.id) },
                standaardteksten: [Keuze(waarde: "", naam: t.tekst(teksten.isEmpty ? "bulkGeenTeksten" : "bulkKiesTekst"), gekozen: (waarden["bulkStandaardtekst"] ?? "").isEmpty)]
                    + teksten.map { Keuze(waarde: $0.id, naam: $0.titel, gekozen: waarden["bulkStandaardtekst"] == $0.id) },
                uitkomsten: keuzes(MeldingUitkomst.self, "mfoUitkomst", "bulkUitkomst", leeg: "mfoKiesUitkomst"),
                scopeRedenen: keuzes(ScopeReden.self, "mfoScope", "bulkScopeReden", leeg: "mfoGeenScopeReden"),
                afsluitgronden: keuzes(Afsluitgrond.self, "afsluitgrond", "bulkAfsluitgrond", leeg: "mfoKiesAfsluitgrond")),
            waarden: waarden, kanBulk: basis != nil,
            bulkGedaan: bulkGedaan, bulkKlaar: bulkGedaan != nil,
            bulkGedaanTekst: t.tekst("bulkGedaan_" + (["toewijzen", "bericht", "sluiten"].contains(bulkActie ?? "") ? bulkActie! : "toewijzen")),
            bulkNietGelukt: bulkNietGelukt.map { BulkWeigering(href: "/meldingen/\($0.0)", zaaknummer: $0.0.description, reden: t.tekst("bulkReden_\($0.1.rawValue)")) })
        return try await req.pagina("meldingen", titel: "werkvoorraad", inhoud: inhoud, status: fouten.isEmpty ? .ok : .badRequest)
    }

    // MARK: Bulk

    /// Why a bulk step could not be done for a case, in a word the result's address can carry.
    enum Bulkreden: String {
        case fase, grond, opschorting, velden, tegelijk, anders

        init(_ w: Weigering) {
            switch w {
            case .conflict(.tegelijkGewijzigd), .tijdelijkBezet: self = .tegelijk
            case .conflict(.meldingGesloten), .conflict(.meldingAfgerond), .conflict(.meldingOvergang): self = .fase
            case .ongeldig(let f) where f.contains { $0.veld.namen.last == .afsluitgrond }: self = .grond
            case .ongeldig(let f) where f.contains { $0.veld.namen.last == .opschortingBesluit }: self = .opschorting
            case .ongeldig: self = .velden
            default: self = .anders
            }
        }
    }

    struct BulkFormulier: Formulier {
        var zaken: [String]?
        var terug, bulkActie, bulkEmail, bulkTeam, bulkStandaardtekst, bulkUitkomst, bulkSamenvatting, bulkScopeReden, bulkAfsluitgrond: String?
        /// "ja" from the check page: closing many cases (and telling every melder) is confirmed first.
        var bevestigd: String?
    }

    /// Where a bulk form may send the person back: only a werkvoorraad list of this site.
    /// Only the list's own query characters (what `Lijstfilter.zoekvraag` and the folder links write).
    static func veiligTerug(_ terug: String?) -> String {
        let toegestaan = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~=&%".utf8)
        guard let terug, terug.utf8.count <= 600, terug.hasPrefix("/meldingen?"),
              terug.utf8.dropFirst("/meldingen?".utf8.count).allSatisfy(toegestaan.contains)
        else { return "/meldingen" }
        return terug
    }

    func bulk(req: Request) async throws -> Response {
        let g = try medewerker(req)
        let t = Teksten.voor(req.taal)
        let f = try req.content.decode(BulkFormulier.self)
        let terug = Self.veiligTerug(f.terug)
        let q = Self.lijstvraag(terug.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init))
        let actie: Bulkactie?
        switch f.bulkActie {
        case "toewijzen": actie = .toewijzen(email: leeg(f.bulkEmail), team: f.bulkTeam == "ongewijzigd" ? nil : (f.bulkTeam ?? ""))
        case "bericht": actie = .bericht(standaardtekst: leeg(f.bulkStandaardtekst))
        case "sluiten": actie = .sluiten(MeldingStatuswijzigingInvoer(status: MeldingStatus.gesloten.rawValue, uitkomst: leeg(f.bulkUitkomst), samenvatting: f.bulkSamenvatting,
                                                                       scopeReden: leeg(f.bulkScopeReden), afsluitgrond: leeg(f.bulkAfsluitgrond)))
        default: actie = nil
        }
        let zaken = (f.zaken ?? []).prefix(BulkLimieten.maxZaken + 1).map { $0 }
        do {
            guard let actie else {
                throw Weigering.ongeldig(.actie, "required", Tekst("Kies wat u met de gekozen meldingen wilt doen.", "Choose what to do with the chosen cases."))
            }
            if case .sluiten = actie, f.bevestigd != "ja" {
                _ = try await req.meldingen.behandeling.bulk(zaken, actie, alleenControleren: true, door: g)
                return try await bevestigSluiten(req, f, zaken: zaken, terug: terug)
            }
            let r = try await req.meldingen.behandeling.bulk(zaken, actie, door: g)
            let scheiding = terug.contains("?") ? "&" : "?"
            // Case numbers and a reason's name only: nothing personal in the address.
            return req.redirect(to: terug + scheiding + "bulkActie=\(f.bulkActie ?? "")&bulkGedaan=\(r.gedaan.count)"
                                + (r.nietGelukt.isEmpty ? "" : "&bulkNietGelukt=" + r.nietGelukt.map { "\($0.zaaknummer)~\(Bulkreden($0.weigering).rawValue)" }.joined(separator: ","))
                                + "#bulk-resultaat",
                                redirectType: .normal)
        } catch let w as Weigering where w.velden != nil {
            let velden: [Veldnaam: String] = [.zaken: "bulkZaken", .actie: "bulkActie", .email: "bulkEmail", .team: "bulkTeam", .standaardtekst: "bulkStandaardtekst",
                                              .uitkomst: "bulkUitkomst", .samenvatting: "bulkSamenvatting", .scopeReden: "bulkScopeReden", .afsluitgrond: "bulkAfsluitgrond"]
            let fouten = Formulierfouten(w, taal: req.taal, voorvoegsel: "", veld: { $0.namen.last.flatMap { velden[$0] } ?? "bulkActie" }) { t["bulkVeld_\($0)"] }
            return try await toonWerkvoorraad(req, q, fouten: fouten.lijst, waarden: f.ingevuld, gekozen: Set(zaken))
        }
    }

    struct BulkBevestiging: Encodable, Sendable {
        let zaken: [String]
        let terug: String
        let regels: [MeldingPagina.Regel]
        let velden: [Keuze]
    }

    /// The check page before closing several cases: which, with what outcome and summary; the
    /// form carries it all again with `bevestigd=ja`. Nothing is written before that.
    private func bevestigSluiten(_ req: Request, _ f: BulkFormulier, zaken: [String], terug: String) async throws -> Response {
        let t = Teksten.voor(req.taal)
        var regels = [MeldingPagina.Regel(label: t.tekst("bulkVeld_bulkZaken"), waarde: "\(zaken.count): " + zaken.joined(separator: ", ")),
                      MeldingPagina.Regel(label: t.tekst("bulkVeld_bulkUitkomst"), waarde: f.bulkUitkomst.flatMap(MeldingUitkomst.init(rawValue:)).map { t.naam("mfoUitkomst", $0) } ?? "–")]
        if let s = leeg(f.bulkScopeReden).flatMap(ScopeReden.init(rawValue:)) { regels.append(.init(label: t.tekst("bulkVeld_bulkScopeReden"), waarde: t.naam("mfoScope", s))) }
        if let a = leeg(f.bulkAfsluitgrond).flatMap(Afsluitgrond.init(rawValue:)) { regels.append(.init(label: t.tekst("bulkVeld_bulkAfsluitgrond"), waarde: t.naam("afsluitgrond", a))) }
        regels.append(.init(label: t.tekst("bulkVeld_bulkSamenvatting"), waarde: f.bulkSamenvatting ?? ""))
        let velden = [("bulkActie", "sluiten"), ("bulkUitkomst", f.bulkUitkomst ?? ""), ("bulkScopeReden", f.bulkScopeReden ?? ""),
                      ("bulkAfsluitgrond", f.bulkAfsluitgrond ?? ""), ("bulkSamenvatting", f.bulkSamenvatting ?? ""), ("bevestigd", "ja")]
        return try await req.pagina("meldingen-bulk-sluiten", titel: "bulkSluitenTitel", inhoud: BulkBevestiging(
            zaken: zaken, terug: terug, regels: regels, velden: velden.map { Keuze(waarde: $0.1, naam: $0.0) }))
    }

    // MARK: Export

    /// The list as CSV for a spreadsheet: the folder or filter as shown, every page, no names or
    /// descriptions (the file travels further than the screen).
    func export(req: Request) async throws -> Response {
        let g = try medewerker(req)
        let t = Teksten.voor(req.taal)
        let q = Self.lijstvraag(req.url.query)
        let lf = Lijstfilter(q, teams: Set(try await teams(req, g).map(\.id)))
        let (map, f) = filter(q, g, lf, vandaag: Dag(req.application.klok.nu()), pagina: 1)
        let rijen = try await req.meldingen.overzicht.export(f, door: g)
        let bekend = Set(Registratie.alle.map(\.code))
        req.logger.notice("Werkvoorraad als CSV", metadata: ["rijen": "\(rijen.count)", "gebruiker": "\(g.gebruiker?.id.uuidString ?? "-")"])
        var csv = [["zaaknummer", "ontvangen", "status", "melderType", "registraties", "eersteContactUiterlijk", "eersteContactOp", "contactTeLaat",
                    "verzoekTeLaat", "behandelaar", "rol", "uitkomst", "volgendeStapOp", "betalenUiterlijk"].map { t.tekst("csv_\($0)") }]
        for s in rijen {
            // Days as YYYY-MM-DD throughout: a spreadsheet sorts them.
            csv.append([s.zaaknummer, Dag(s.ontvangenOp).description, t.naam("mfoStatus", s.status), t.naam("mfoMelderType", s.melderType),
                        // Codes only: what a melder typed as "another registration" is their own words.
                        s.registraties.map { bekend.contains($0) ? $0 : t.tekst("csvAnders") }.joined(separator: " "), s.eersteContactUiterlijk.description, s.eersteContactOp.map { Dag($0).description } ?? "",
                        s.contactTermijnOverschreden ? t.tekst("ja") : t.tekst("nee"), s.verzoekTermijnOverschreden ? t.tekst("ja") : t.tekst("nee"),
                        s.behandelaar?.naam ?? "", s.rol.map { t.naam("mfoRol", $0) } ?? "", s.uitkomst.map { t.naam("mfoUitkomst", $0) } ?? "",
                        s.volgendeStapOp?.description ?? "", s.betalenUiterlijk?.description ?? ""])
        }
        let naam = "werkvoorraad-\(map?.rawValue ?? "filter")-\(Dag(req.application.klok.nu())).csv"
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(naam)\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        // A byte-order mark, so spreadsheet programs read the accents right.
        return Response(status: .ok, headers: headers, body: .init(string: "\u{FEFF}" + CSV.tekst(csv)))
    }

    // MARK: Kept filters

    struct FilterFormulier: Formulier { var naam, zoekvraag: String? }

    func bewaarFilter(req: Request) async throws -> Response {
        let g = try medewerker(req)
        let t = Teksten.voor(req.taal)
        let f = try req.content.decode(FilterFormulier.self)
        // Kept as the parser reads it back: only known names and values.
        let lf = Lijstfilter(Self.lijstvraag(f.zoekvraag), teams: Set(try await teams(req, g).map(\.id)))
        do {
            try await BewaardeFilters(db: req.db, nu: req.application.klok.nu()).bewaar(naam: f.naam, zoekvraag: lf.zoekvraag, door: g)
        } catch let w as Weigering where w.velden != nil {
            let fouten = Formulierfouten(w, taal: req.taal, voorvoegsel: "filter") { t["filterVeld_\($0)"] }
            return try await toonWerkvoorraad(req, Self.lijstvraag(lf.zoekvraag), fouten: fouten.lijst, waarden: ["filterNaam": f.naam ?? ""])
        }
        return req.redirect(to: "/meldingen?\(lf.zoekvraag)", redirectType: .normal)
    }

    func verwijderFilter(req: Request) async throws -> Response {
        let g = try medewerker(req)
        if let id = req.parameters.get("filter").flatMap(UUID.init(uuidString:)) {
            try await BewaardeFilters(db: req.db, nu: req.application.klok.nu()).verwijder(id, door: g)
        }
        return req.redirect(to: "/meldingen", redirectType: .normal)
    }
}
