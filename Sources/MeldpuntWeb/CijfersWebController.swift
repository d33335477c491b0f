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

    private func periode(_ req: Request) throws -> Periode { try req.periode(leegIsAfwezig: true) }

    func dashboard(req: Request) async throws -> Response {
        _ = try req.vereisGebruiker(.meldpunt, .bijhouder, .rni, .afnemer)
        return try await toon(req, basis: "/statistieken", titel: "statistieken", intro: "cijfersIntroEigen") { try await overzicht(req, $0) }
    }

    func openbaar(req: Request) async throws -> Response {
        try await toon(req, basis: "/cijfers", titel: "cijfersOpenbaarTitel", intro: "cijfersIntroOpenbaar") { try await req.cijferboek.openbaar($0) }
    }

    /// The page for a period, or the period form with its errors beside the fields (and the default period's figures).
    private func toon(_ req: Request, basis: String, titel: String, intro: String,
                      _ maak: (Periode) async throws -> Cijferoverzicht) async throws -> Response {
        let t = Teksten.voor(req.taal)
        var fouten = Formulierfouten()
        let p: Periode
        do {
            p = try periode(req)
        } catch let w as Weigering where w.hoortBijFormulier {
            fouten = Formulierfouten(w, taal: req.taal, voorvoegsel: "periode") { t["cijferVeld_\($0)"] }
            p = try Periode.valideer(van: nil, tot: nil, vandaag: Dag(req.application.klok.nu()))
        }
        let o = try await maak(p)
        let inhoud = CijferPagina.bouw(o, basis: basis, intro: intro, waarden: ["periodeVan": req.queryWaarde("van") ?? p.van.description,
                                                                                 "periodeTot": req.queryWaarde("tot") ?? p.tot.description],
                                       fouten: fouten, taal: req.taal, t: t)
        return try await req.pagina("cijfers", titel: titel, inhoud: inhoud, status: fouten.lijst.isEmpty ? .ok : .badRequest)
    }

    func dashboardCSV(req: Request) async throws -> Response {
        let p = try periode(req)
        return try csv(req, try await overzicht(req, p))
    }

    func openbaarCSV(req: Request) async throws -> Response {
        try csv(req, try await req.cijferboek.openbaar(try periode(req)))
    }

    /// `perMaand.csv`: one table as RFC 4180 CSV in UTF-8, named after the table and period.
    private func csv(_ req: Request, _ o: Cijferoverzicht) throws -> Response {
        let bestand = req.parameters.get("bestand") ?? ""
        guard bestand.hasSuffix(".csv"), let tabel = o.tabel(String(bestand.dropLast(4))) else { throw Weigering.nietGevonden(.bron) }
        let naam = "\(o.soort)-\(tabel.id)-\(o.periode.van)-\(o.periode.tot).csv"
        return Response.csv(tabel.csv(req.taal), bestandsnaam: naam)
    }
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
    }

    let basis: String
    let intro: String
    let kerncijfers: [Rij]
    let tabellen: [Tabel]
    let onderdrukt: Bool
    let periodeTekst: String
    let query: String
    let waarden: [String: String]
    let fouten: [VeldFout]
    let foutVelden: [String: String]

    static func bouw(_ o: Cijferoverzicht, basis: String, intro: String, waarden: [String: String], fouten: Formulierfouten, taal: Taal, t: [String: String]) -> CijferPagina {
        func waarde(_ r: Cijferrij, _ tabel: Eenheid) -> String {
            let e = r.eenheid ?? tabel
            return r.onderdrukt ? t.tekst("cijferOnderdrukt") : r.waarde.map { e.tekst($0) + (e == .procent ? "%" : "") } ?? "–"
        }
        let query = "?van=\(o.periode.van)&tot=\(o.periode.tot)"
        func hoofdletter(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }
        return CijferPagina(
            basis: basis, intro: t.tekst(intro),
            kerncijfers: o.kerncijfers.rijen.map { Rij(naam: $0.naam.tekst(taal), waarde: waarde($0, o.kerncijfers.eenheid)) },
            tabellen: o.tabellen.map { tabel in
                Tabel(id: tabel.id, titel: tabel.titel.tekst(taal), kolom: tabel.kolom.tekst(taal), eenheid: hoofdletter(tabel.eenheid.naam(taal)),
                      svg: tabel.grafiek && !tabel.rijen.isEmpty ? Staafdiagram.svg(tabel, taal: taal) : nil,
                      rijen: tabel.rijen.map { Rij(naam: $0.naam.tekst(taal), waarde: waarde($0, tabel.eenheid)) },
                      csv: "\(basis)/\(tabel.id).csv\(query)")
            },
            onderdrukt: o.onderdrukt,
            periodeTekst: "\(Datumweergave.datum(o.periode.van)) – \(Datumweergave.datum(o.periode.tot))",
            query: query, waarden: waarden, fouten: fouten.lijst, foutVelden: fouten.velden)
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
        let beschrijving = grootste.isEmpty
            ? taal.kies("Geen waarden boven nul.", "No values above zero.")
            : taal.kies("Staafdiagram. Hoogste waarde: \(grootste.joined(separator: ", ")) met \(tabel.eenheid.tekst(hoogste)). De cijfers staan ook in de tabel.",
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
                s += "<text x=\"\(labelbreedte + lengte + 6)\" y=\"\(y + 17)\" class=\"grafiek-waarde\">\(escape(tabel.eenheid.tekst(w) + (tabel.eenheid == .procent ? "%" : "")))</text>"
            } else {
                s += "<text x=\"\(labelbreedte + 6)\" y=\"\(y + 17)\" class=\"grafiek-waarde\">\(escape(r.onderdrukt ? "< 5" : "–"))</text>"
            }
        }
        return s + "</svg>"
    }

    static func escape(_ s: String) -> String { Opmaak.html(s) }
}
