import Foundation
import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// Figures as pages: `/statistieken` is each organisation's own dashboard (the meldpunt's,
/// a bronhouder's, an afnemer's), `/cijfers` the public figures. Every table is drawn as an SVG
/// chart on the server, shown as a table beside it, and downloadable as CSV; no JavaScript.
struct CijfersWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("statistieken", use: dashboard)
        routes.get("statistieken", ":bestand", use: dashboardCSV)
        routes.get("cijfers", use: openbaar)
        routes.get("cijfers", ":bestand", use: openbaarCSV)
    }

    /// The dashboard that goes with the user's role.
    private func overzicht(_ req: Request, _ p: Periode) async throws -> Cijferoverzicht {
        let g = try req.vereisGebruiker(.meldpunt, .bijhouder, .rni, .afnemer)
        let boek = req.cijferboek
        switch g.rol {
        case .meldpunt: return try await boek.meldpunt(p, door: Handelende(g))
        case .afnemer: return try await boek.afnemer(p, organisatie: g.organisatie)
        default: return try await boek.bronhouder(p, organisatie: g.organisatie)
        }
    }

    private func periode(_ req: Request, openbaar: Bool = false) throws -> Periode { try req.periode(leegIsAfwezig: true, vanafJaarbegin: openbaar) }

    func dashboard(req: Request) async throws -> Response {
        _ = try req.vereisGebruiker(.meldpunt, .bijhouder, .rni, .afnemer)
        return try await toon(req, basis: "/statistieken", titel: "statistieken", intro: "cijfersIntroEigen") { try await overzicht(req, $0) }
    }

    func openbaar(req: Request) async throws -> Response {
        try await toon(req, basis: "/cijfers", titel: "cijfersOpenbaarTitel", intro: "cijfersIntroOpenbaar", openbaar: true) { try await req.cijferboek.openbaar($0) }
    }

    /// The page for a period, or the period form with its errors beside the fields (and the default period's figures).
    private func toon(_ req: Request, basis: String, titel: String, intro: String, openbaar: Bool = false,
                      _ maak: (Periode) async throws -> Cijferoverzicht) async throws -> Response {
        let t = Teksten.voor(req.taal)
        var fouten = Formulierfouten()
        let p: Periode
        do {
            p = try periode(req, openbaar: openbaar)
        } catch let w as Weigering where w.hoortBijFormulier {
            fouten = Formulierfouten(w, taal: req.taal, voorvoegsel: "periode") { t["cijferVeld_\($0)"] }
            p = try Periode.valideer(van: nil, tot: nil, vandaag: Dag(req.application.klok.nu()), vanafJaarbegin: openbaar)
        }
        let o = try await maak(p)
        // The public figures cover whole years and months: the form shows what they cover.
        let inhoud = CijferPagina.bouw(o, basis: basis, intro: intro, waarden: ["periodeVan": openbaar && fouten.lijst.isEmpty ? o.periode.van.description : req.queryWaarde("van") ?? p.van.description,
                                                                                 "periodeTot": openbaar && fouten.lijst.isEmpty ? o.periode.tot.description : req.queryWaarde("tot") ?? p.tot.description],
                                       fouten: fouten, taal: req.taal, t: t)
        return try await req.pagina("cijfers", titel: titel, inhoud: inhoud, status: fouten.lijst.isEmpty ? .ok : .badRequest)
    }

    func dashboardCSV(req: Request) async throws -> Response {
        let p = try periode(req)
        return try csv(req, try await overzicht(req, p))
    }

    func openbaarCSV(req: Request) async throws -> Response {
        try csv(req, try await req.cijferboek.openbaar(try periode(req, openbaar: true)))
    }

    /// `perMaand.csv`: one table as RFC 4180 CSV in UTF-8, named after the table and period.
    private func csv(_ req: Request, _ o: Cijferoverzicht) throws -> Response {
        let bestand = req.parameters.get("bestand") ?? ""
        guard bestand.hasSuffix(".csv"), let tabel = o.tabel(String(bestand.dropLast(4))) else { throw Weigering.nietGevonden(.bron) }
        let naam = "\(o.soort)-\(tabel.id)-\(o.periode.van)-\(o.periode.tot).csv"
        return Response.csv(tabel.csv(req.taal, vorm: req.csvVorm), bestandsnaam: naam)
    }
}

extension Request {
    /// `?vorm=spreadsheet`: the form a spreadsheet in the reader's language opens; else RFC 4180.
    var csvVorm: Cijfertabel.CSVVorm { queryWaarde("vorm").flatMap(Cijfertabel.CSVVorm.init(rawValue:)) ?? .rfc4180 }
}

extension Response {
    /// A CSV download: UTF-8 (with a byte-order mark, so spreadsheets read the accents), as an attachment.
    static func csv(_ tekst: String, bestandsnaam: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8", "header": "present"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(bestandsnaam)\"")
        return Response(status: .ok, headers: headers, body: .init(string: "\u{FEFF}" + tekst))
    }
}

/// One figures page: headline figures, then each table as a chart (where it helps) beside the
/// same numbers in a table, with its CSV link. Built without a request.
struct CijferPagina: Encodable, Sendable {
    struct Rij: Encodable, Sendable { let naam: String; let waarde: String }
    struct Tabel: Encodable, Sendable {
        let id: String
        let titel: String
        let kolom: String
        let eenheid: String
        let svg: String?
        let rijen: [Rij]
        let csv: String
        let csvSpreadsheet: String
    }

    let basis: String
    let intro: String
    let kerncijfers: [Rij]
    let tabellen: [Tabel]
    let onderdrukt: Bool
    let periodeTekst: String
    let query: String
    /// The key figures' downloads (the tables carry their own).
    let kernCSV: String
    let kernCSVSpreadsheet: String
    let waarden: [String: String]
    let fouten: [VeldFout]
    let foutVelden: [String: String]

    static func bouw(_ o: Cijferoverzicht, basis: String, intro: String, waarden: [String: String], fouten: Formulierfouten, taal: Taal, t: [String: String]) -> CijferPagina {
        func waarde(_ r: Cijferrij, _ tabel: Eenheid) -> String {
            let e = r.eenheid ?? tabel
            if r.onderdrukt { return t.tekst(e == .aantal ? "cijferOnderdrukt" : "cijferTeWeinig") }
            return r.waarde.map { e.tekst($0, taal) + (e == .procent ? "%" : "") } ?? "–"
        }
        // The public and own dashboards name their period; an evaluation's address holds its year.
        let query = o.soort == "evaluatie" ? "" : "?van=\(o.periode.van)&tot=\(o.periode.tot)"
        func spreadsheet(_ href: String) -> String { href + (href.contains("?") ? "&" : "?") + "vorm=spreadsheet" }
        func hoofdletter(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }
        return CijferPagina(
            basis: basis, intro: t.tekst(intro),
            kerncijfers: o.kerncijfers.rijen.map { Rij(naam: $0.naam.tekst(taal), waarde: waarde($0, o.kerncijfers.eenheid)) },
            tabellen: o.tabellen.map { tabel in
                Tabel(id: tabel.id, titel: tabel.titel.tekst(taal), kolom: tabel.kolom.tekst(taal), eenheid: hoofdletter(tabel.eenheid.naam(taal)),
                      svg: tabel.grafiek && !tabel.rijen.isEmpty ? Staafdiagram.svg(tabel, taal: taal) : nil,
                      rijen: tabel.rijen.map { Rij(naam: $0.naam.tekst(taal), waarde: waarde($0, tabel.eenheid)) },
                      csv: "\(basis)/\(tabel.id).csv\(query)", csvSpreadsheet: spreadsheet("\(basis)/\(tabel.id).csv\(query)"))
            },
            onderdrukt: o.onderdrukt,
            periodeTekst: "\(Datumweergave.datum(o.periode.van)) – \(Datumweergave.datum(o.periode.tot))",
            query: query, kernCSV: "\(basis)/kerncijfers.csv\(query)", kernCSVSpreadsheet: spreadsheet("\(basis)/kerncijfers.csv\(query)"), waarden: waarden, fouten: fouten.lijst, foutVelden: fouten.velden)
    }
}

/// A horizontal bar chart as SVG, drawn on the server: a title and a description for screen
/// readers (the largest value in words), the numbers beside the bars, and the same numbers in
/// the table next to it. Suppressed values get no bar and say so.
enum Staafdiagram {
    static func svg(_ tabel: Cijfertabel, taal: Taal) -> String {
        let rijhoogte = 26, labelbreedte = 170, staafbreedte = 200, breedte = 440
        let hoogte = rijhoogte * tabel.rijen.count + 10
        let hoogste = tabel.rijen.compactMap(\.waarde).max() ?? 0
        let id = "grafiek-\(tabel.id)"
        let grootste = tabel.rijen.filter { $0.waarde == hoogste && hoogste > 0 }.map { $0.naam.tekst(taal) }
        let verborgen = tabel.rijen.contains { $0.onderdrukt }
        let beschrijving = grootste.isEmpty
            ? (verborgen ? taal.kies("Alleen kleine aantallen; die tonen we niet. Zie de tabel.", "Only small counts, which we do not show. See the table.")
                         : taal.kies("Geen waarden boven nul.", "No values above zero."))
            : taal.kies("Staafdiagram. Hoogste waarde: \(grootste.joined(separator: ", ")) met \(tabel.eenheid.tekst(hoogste, .nl)). De cijfers staan ook in de tabel.",
                        "Bar chart. Highest value: \(grootste.joined(separator: ", ")) with \(tabel.eenheid.tekst(hoogste)). The figures are also in the table.")
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"grafiek\" viewBox=\"0 0 \(breedte) \(hoogte)\" role=\"img\" aria-labelledby=\"\(id)-titel \(id)-beschrijving\">"
        s += "<title id=\"\(id)-titel\">\(escape(tabel.titel.tekst(taal)))</title><desc id=\"\(id)-beschrijving\">\(escape(beschrijving))</desc>"
        for (i, r) in tabel.rijen.enumerated() {
            let y = i * rijhoogte + 5
            let naam = r.naam.tekst(taal)
            let kort = naam.count > 22 ? String(naam.prefix(21)) + "…" : naam
            s += "<text x=\"\(labelbreedte - 8)\" y=\"\(y + 17)\" text-anchor=\"end\" class=\"grafiek-label\">\(escape(kort))</text>"
            if let w = r.waarde {
                let lengte = hoogste > 0 ? max(w > 0 ? 2 : 0, Int((w / hoogste * Double(staafbreedte)).rounded())) : 0
                s += "<rect x=\"\(labelbreedte)\" y=\"\(y + 3)\" width=\"\(lengte)\" height=\"\(rijhoogte - 8)\" class=\"grafiek-staaf\"/>"
                s += "<text x=\"\(labelbreedte + lengte + 6)\" y=\"\(y + 17)\" class=\"grafiek-waarde\">\(escape(tabel.eenheid.tekst(w, taal) + (tabel.eenheid == .procent ? "%" : "")))</text>"
            } else {
                s += "<text x=\"\(labelbreedte + 6)\" y=\"\(y + 17)\" class=\"grafiek-waarde\">\(escape(r.onderdrukt ? (tabel.eenheid == .aantal ? taal.kies("niet getoond", "not shown") : taal.kies("te weinig meldingen", "too few reports")) : "–"))</text>"
            }
        }
        return s + "</svg>"
    }

    static func escape(_ s: String) -> String { Opmaak.html(s) }
}
