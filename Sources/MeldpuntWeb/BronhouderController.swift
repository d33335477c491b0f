import MeldpuntHTTP
import MeldpuntCore
import Fluent
import MeldpuntDomain
import Vapor

/// A bronhouder's own pages: statistics of its inbox and its settings; the meldpunt's staff set
/// their team's notification address on the same settings page.
struct BronhouderController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("instellingen", use: instellingen)
        routes.post("instellingen", use: bewaarInstellingen)
    }

    private func bijhouder(_ req: Request) throws -> GebruikerDTO {
        try req.vereisGebruiker(.bijhouder, .rni)
    }

    /// Who sets the organisation's notification address: its bronhouder users, or the meldpunt's staff.
    private func instellingenGebruiker(_ req: Request) throws -> GebruikerDTO {
        try req.vereisGebruiker(.bijhouder, .rni, .meldpunt)
    }

    func instellingen(req: Request) async throws -> Response {
        let g = try instellingenGebruiker(req)
        let org = try await Organisatie.find(g.organisatie.id, on: req.db)
        return try await req.pagina("instellingen", titel: "instellingen",
                                    inhoud: InstellingenPagina(organisatie: g.organisatie.naam, meldingEmail: org?.meldingEmail ?? "", hint: hint(g, req), fout: nil,
                                                               bezorging: Keuze.bezorging(org?.meldingBezorging ?? .direct, Teksten.voor(req.taal))),
                                    melding: req.queryWaarde("opgeslagen") != nil ? "instellingenOpgeslagen" : nil)
    }

    struct InstellingenInvoer: Content { var meldingEmail: String?; var bezorging: String? }

    func bewaarInstellingen(req: Request) async throws -> Response {
        let g = try instellingenGebruiker(req)
        let invoer = try req.content.decode(InstellingenInvoer.self)
        let email = (invoer.meldingEmail ?? "").trimmingCharacters(in: .whitespaces)
        let bezorging = invoer.bezorging.flatMap(Bezorgwijze.init(rawValue:))
        if invoer.bezorging != nil && bezorging == nil {
            // Not one of the two offered: said next to the choice, nothing saved.
            let t = Teksten.voor(req.taal)
            let org = try await Organisatie.find(g.organisatie.id, on: req.db)
            return try await req.pagina("instellingen", titel: "instellingen", inhoud: InstellingenPagina(
                organisatie: g.organisatie.naam, meldingEmail: email, hint: hint(g, req), fout: nil,
                bezorging: Keuze.bezorging(org?.meldingBezorging ?? .direct, t), foutBezorging: t.tekst("bezorgingKies")), status: .badRequest)
        }
        guard email.isEmpty || isEmailadres(email) else {
            return try await req.pagina("instellingen", titel: "instellingen",
                                        inhoud: InstellingenPagina(organisatie: g.organisatie.naam, meldingEmail: email, hint: hint(g, req),
                                                                   fout: Teksten.voor(req.taal)["emailOngeldig"],
                                                                   bezorging: Keuze.bezorging(bezorging ?? .direct, Teksten.voor(req.taal))), status: .badRequest)
        }
        guard let org = try await Organisatie.find(g.organisatie.id, on: req.db) else { throw WebFout.geenToegang }
        org.meldingEmail = email.isEmpty ? nil : email
        if let bezorging { org.meldingBezorging = bezorging }
        try await org.save(on: req.db)
        return req.redirect(to: "/instellingen?opgeslagen=1", redirectType: .normal)
    }

    private func hint(_ g: GebruikerDTO, _ req: Request) -> String {
        Teksten.voor(req.taal).tekst(g.rol == .meldpunt ? "meldingEmailHintMeldpunt" : "meldingEmailHint")
    }
}
