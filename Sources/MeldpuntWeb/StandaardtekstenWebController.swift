import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// `/beheer/standaardteksten`: beheer of the meldpunt keeps the standard texts for messages to
/// melders and partners, in Dutch and English, with fields filled in when staff use them.
struct StandaardtekstenWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let s = routes.grouped("beheer", "standaardteksten")
        s.get(use: lijst)
        s.post(use: maak)
        s.get(":standaardtekst", use: toon)
        s.post(":standaardtekst", use: wijzig)
    }

    private func beheerder(_ req: Request) throws -> GebruikerDTO { try req.vereisGebruiker(.beheerder, .systeembeheerder) }
    private func register(_ req: Request) -> Standaardteksten { Standaardteksten(db: req.db, nu: req.application.klok.nu()) }

    struct Formulier: Content {
        var titel, doel, tekstNl, tekstEn, actief: String?
        var invoer: StandaardtekstInvoer { StandaardtekstInvoer(titel: titel, doel: doel, tekstNl: tekstNl, tekstEn: tekstEn) }
    }

    struct Pagina: Encodable, Sendable {
        let rijen: [Rij]
        let href: String
        let waarden: [String: String]
        let doelen: [Keuze]
        let fouten: [VeldFout]
        let foutVelden: [String: String]
        let velden: String
        let bewerken: Bool
        let actief: Bool
    }

    struct Rij: Encodable, Sendable {
        let href, titel, doel, gewijzigd: String
        let actief: Bool
    }

    private func pagina(_ req: Request, _ g: GebruikerDTO, href: String, waarden: [String: String] = [:], fouten: Weigering? = nil,
                        bewerken: Bool = false, actief: Bool = true, status: HTTPResponseStatus = .ok) async throws -> Response {
        let t = Teksten.voor(req.taal)
        let rijen = bewerken ? [] : try await register(req).beheerlijst(door: g).map {
            Rij(href: "/beheer/standaardteksten/\($0.id)", titel: $0.titel, doel: t.naam("standaardtekstDoel", $0.doel),
                gewijzigd: Datumweergave.tijdstip($0.gewijzigdOp) + " · " + $0.gewijzigdDoor, actief: $0.actief)
        }
        let veldFouten = fouten.map { w in
            Formulierfouten(w, taal: req.taal, voorvoegsel: "") { t["standaardtekstVeld_\($0)"] }.lijst
        } ?? []
        return try await req.pagina(bewerken ? "beheer-standaardtekst" : "beheer-standaardteksten", titel: bewerken ? "standaardtekstBewerken" : "standaardteksten",
                                    inhoud: Pagina(rijen: rijen, href: href, waarden: waarden,
                                                   doelen: Standaardtekstdoel.allCases.map { Keuze(waarde: $0.rawValue, naam: t.naam("standaardtekstDoel", $0), gekozen: waarden["doel"] == $0.rawValue) },
                                                   fouten: veldFouten, foutVelden: Dictionary(veldFouten.map { ($0.veld, $0.tekst) }, uniquingKeysWith: { a, _ in a }),
                                                   velden: Standaardtekstvelden.namen.map { "{\($0)}" }.joined(separator: ", "), bewerken: bewerken, actief: actief),
                                    status: status)
    }

    func lijst(req: Request) async throws -> Response {
        try await pagina(req, try beheerder(req), href: "/beheer/standaardteksten", waarden: ["doel": Standaardtekstdoel.melder.rawValue])
    }

    func maak(req: Request) async throws -> Response {
        let g = try beheerder(req)
        let f = try req.content.decode(Formulier.self)
        do {
            _ = try await register(req).maak(f.invoer, door: g)
        } catch let w as Weigering where w.hoortBijFormulier {
            return try await pagina(req, g, href: "/beheer/standaardteksten", waarden: f.ingevuld, fouten: w, status: .badRequest)
        }
        return req.redirect(to: "/beheer/standaardteksten", redirectType: .normal)
    }

    private func id(_ req: Request) throws -> UUID {
        guard let id = req.parameters.get("standaardtekst").flatMap(UUID.init(uuidString:)) else { throw Weigering.nietGevonden(.standaardtekst) }
        return id
    }

    func toon(req: Request) async throws -> Response {
        let g = try beheerder(req)
        let s = try await register(req).tekst(try id(req), organisatie: g.organisatie)
        return try await pagina(req, g, href: "/beheer/standaardteksten/\(s.id)",
                                waarden: ["titel": s.titel, "doel": s.doel.rawValue, "tekstNl": s.tekstNl, "tekstEn": s.tekstEn ?? ""], bewerken: true, actief: s.actief)
    }

    func wijzig(req: Request) async throws -> Response {
        let g = try beheerder(req)
        let f = try req.content.decode(Formulier.self)
        let id = try id(req)
        do {
            _ = try await register(req).wijzig(id, f.invoer, actief: f.actief == "ja", door: g)
        } catch let w as Weigering where w.hoortBijFormulier {
            return try await pagina(req, g, href: "/beheer/standaardteksten/\(id.tekst)", waarden: f.ingevuld, fouten: w, bewerken: true,
                                    actief: f.actief == "ja", status: .badRequest)
        }
        return req.redirect(to: "/beheer/standaardteksten", redirectType: .normal)
    }
}

extension StandaardtekstenWebController.Formulier {
    var ingevuld: [String: String] {
        ["titel": titel ?? "", "doel": doel ?? "", "tekstNl": tekstNl ?? "", "tekstEn": tekstEn ?? ""]
    }
}
