import MeldpuntHTTP
import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Vapor

/// The partner register, for meldpunt staff and beheer: partner organisations and their
/// contact persons per level, and logins for those contact persons.
struct PartnersWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let p = routes.grouped("partners")
        p.get(use: lijst)
        p.post(use: nieuw)
        p.get(":org", use: detail)
        p.post(":org", use: wijzig)
        p.post(":org", "contactpersonen", use: nieuweContactpersoon)
        p.post(":org", "contactpersonen", ":contact", "login", use: login)
        p.post(":org", "contactpersonen", ":contact", "verwijderen", use: verwijder)
    }

    /// The register is the meldpunt's: its staff and its beheer, and the system role.
    private func toegang(_ req: Request) throws {
        let g = try req.vereisGebruiker(.meldpunt, .beheerder, .systeembeheerder)
        guard g.rol == .systeembeheerder || g.organisatie.heeft(.meldpunt) else { throw WebFout.geenToegang }
    }

    struct Invoer: Content { var oin, naam, soort, registraties, intentieverklaringOp, terug: String? }

    /// Back to a case's or signaal's task page only (never elsewhere: an open redirect).
    static func terug(_ pad: String?) -> String? {
        guard let pad, pad.hasPrefix("/meldingen/") || pad.hasPrefix("/signalen/"), !pad.contains("//"), !pad.contains("\\"),
              pad.utf8.count < 300, pad.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 32 }) else { return nil }
        return pad
    }

    /// `?naam=RDW&terug=…`: staff came from a task to add an organisation the case needs.
    func lijst(req: Request) async throws -> Response {
        try toegang(req)
        return try await toonLijst(req, waarden: ["nieuwNaam": String((req.queryWaarde("naam") ?? "").prefix(200))], terug: Self.terug(req.queryWaarde("terug")))
    }

    private func toonLijst(_ req: Request, waarden: [String: String] = [:], fouten: Formulierfouten = .init(), terug: String? = nil) async throws -> Response {
        let t = Teksten.voor(req.taal)
        let rijen = try await req.partnerregister.partners().map {
            Rij(href: "/partners/\((try $0.requireID()).tekst)", naam: $0.naam, soort: $0.partnerSoort.map { t.naam("partnerSoort", $0) } ?? "–",
                registraties: ($0.partnerRegistraties ?? "").replacingOccurrences(of: ",", with: ", "),
                intentieverklaring: $0.intentieverklaringOp.map(Datumweergave.datum) ?? t.tekst("nee"))
        }
        return try await req.pagina("partners", titel: "partnersTitel", inhoud: Lijst(
            rijen: rijen, terug: terug, soorten: soorten(t, waarden["nieuwSoort"]), waarden: waarden, fouten: fouten.lijst, foutVelden: fouten.velden),
            status: fouten.lijst.isEmpty ? .ok : .badRequest)
    }

    private func soorten(_ t: [String: String], _ gekozen: String?) -> [Keuze] {
        [Keuze(waarde: "", naam: t.tekst("partnerKiesSoort"), gekozen: (gekozen ?? "").isEmpty)]
            + PartnerSoort.allCases.map { Keuze(waarde: $0.rawValue, naam: t.naam("partnerSoort", $0), gekozen: gekozen == $0.rawValue) }
    }

    private func fout(_ req: Request, _ p: Weigering, _ voorvoegsel: String) -> Formulierfouten {
        let t = Teksten.voor(req.taal)
        return Formulierfouten(p, taal: req.taal, voorvoegsel: voorvoegsel) { t["partnerVeld_\($0)"] }
    }

    /// An organisation (by OIN; one new to the meldpunt with its name) goes into the register.
    func nieuw(req: Request) async throws -> Response {
        try toegang(req)
        let i = try req.content.decode(Invoer.self)
        let oin = (i.oin ?? "").trimmingCharacters(in: .whitespaces)
        let waarden = ["nieuwOin": oin, "nieuwNaam": i.naam ?? "", "nieuwSoort": i.soort ?? "", "nieuwRegistraties": i.registraties ?? "",
                       "nieuwIntentieverklaringOp": i.intentieverklaringOp ?? ""]
        let terug = Self.terug(i.terug)
        do {
            let org = try await req.partnerregister.registreer(oin: oin, naam: i.naam,
                                                               PartnerInvoer(soort: i.soort, registraties: i.registraties, intentieverklaringOp: i.intentieverklaringOp))
            // Back to the task, the organisation chosen (a signaal chooses by OIN, a case by id).
            if let terug {
                let keuze = terug.hasPrefix("/signalen/") ? org.oin ?? "" : (try org.requireID()).tekst
                return req.redirect(to: terug + (terug.contains("?") ? "&" : "?") + "organisatie=" + keuze, redirectType: .normal)
            }
            return req.redirect(to: "/partners/\((try org.requireID()).tekst)?gedaan=opgeslagen", redirectType: .normal)
        } catch let p as Weigering where p.hoortBijFormulier {
            return try await toonLijst(req, waarden: waarden, fouten: fout(req, p, "nieuw"), terug: terug)
        }
    }

    private func org(_ req: Request) throws -> UUID {
        let id = try req.uuid("org", .bron)
        return id
    }

    func detail(req: Request) async throws -> Response {
        try toegang(req)
        return try await toonDetail(req, melding: req.queryWaarde("gedaan").map { "partnerGedaan_\($0)" })
    }

    private func toonDetail(_ req: Request, waarden: [String: String] = [:], fouten: Formulierfouten = .init(), melding: String? = nil,
                            login: (String, String)? = nil) async throws -> Response {
        let t = Teksten.voor(req.taal)
        let p = try await req.partnerregister.partner(org(req))
        let o = p.organisatie
        var w = ["wijzigSoort": o.partnerSoort ?? "", "wijzigRegistraties": (o.partnerRegistraties ?? "").replacingOccurrences(of: ",", with: "\n"),
                 "wijzigIntentieverklaringOp": o.intentieverklaringOp ?? ""]
        w.merge(waarden) { _, b in b }
        let niveaus: [Escalatieniveau] = [.operationeel, .tactisch, .strategisch]
        return try await req.pagina("partner", titel: "partnersTitel", inhoud: Detail(
            href: "/partners/\((try o.requireID()).tekst)", naam: o.naam, oin: o.oin ?? o.gemeentecode ?? "–",
            contacten: p.contactpersonen.map {
                Contact(id: (try $0.requireID()).tekst, niveau: t.naam("niveau", $0.niveau), naam: $0.naam, functie: $0.functie ?? "", email: $0.email ?? "",
                        telefoon: $0.telefoon ?? "", heeftLogin: $0.$gebruiker.id != nil, kanLogin: $0.$gebruiker.id == nil && $0.email != nil && o.partnerSoort != nil)
            },
            soorten: soorten(t, w["wijzigSoort"]),
            niveaus: niveaus.map { Keuze(waarde: $0.rawValue, naam: t.naam("niveau", $0), gekozen: w["contactNiveau"] == $0.rawValue) },
            waarden: w, fouten: fouten.lijst, foutVelden: fouten.velden, login: login?.0, wachtwoord: login?.1),
            melding: melding, status: fouten.lijst.isEmpty ? .ok : .badRequest)
    }

    func wijzig(req: Request) async throws -> Response {
        try toegang(req)
        let i = try req.content.decode(Invoer.self)
        let p = try await req.partnerregister.partner(org(req))
        do {
            try await req.partnerregister.registreer(p.organisatie, PartnerInvoer(soort: i.soort, registraties: i.registraties, intentieverklaringOp: i.intentieverklaringOp))
        } catch let e as Weigering where e.hoortBijFormulier {
            return try await toonDetail(req, waarden: ["wijzigSoort": i.soort ?? "", "wijzigRegistraties": i.registraties ?? "",
                                                       "wijzigIntentieverklaringOp": i.intentieverklaringOp ?? ""], fouten: fout(req, e, "wijzig"))
        }
        return req.redirect(to: "/partners/\((try p.organisatie.requireID()).tekst)?gedaan=opgeslagen", redirectType: .normal)
    }

    func nieuweContactpersoon(req: Request) async throws -> Response {
        try toegang(req)
        let i = try req.content.decode(ContactpersoonInvoer.self)
        let p = try await req.partnerregister.partner(org(req))
        do {
            try await req.partnerregister.voegContactpersoonToe(p.organisatie, i)
        } catch let e as Weigering where e.hoortBijFormulier {
            let w = ["contactNiveau": i.niveau, "contactNaam": i.naam, "contactFunctie": i.functie, "contactEmail": i.email, "contactTelefoon": i.telefoon]
            return try await toonDetail(req, waarden: w.compactMapValues { $0 }, fouten: fout(req, e, "contact"))
        }
        return req.redirect(to: "/partners/\((try p.organisatie.requireID()).tekst)?gedaan=contact", redirectType: .normal)
    }

    private func contact(_ req: Request) async throws -> Contactpersoon {
        let p = try await req.partnerregister.partner(org(req))
        let id = try req.uuid("contact", .bron)
        return try await req.partnerregister.contactpersoon(p.organisatie, id)
    }

    /// The password is shown once, on this page, for the staff member to pass on.
    /// A login acts as the partner: only the meldpunt's beheer (or the system role) gives one,
    /// never the staff who would then answer their own requests.
    func login(req: Request) async throws -> Response {
        let g = try req.vereisGebruiker(.beheerder, .systeembeheerder)
        guard g.rol == .systeembeheerder || g.organisatie.heeft(.meldpunt) else { throw WebFout.geenToegang }
        let c = try await contact(req)
        do {
            let (email, wachtwoord) = try await req.partnerregister.geefLogin(c, door: g, hasher: req.application.wachtwoorden)
            return try await toonDetail(req, melding: "partnerGedaan_login", login: (email, wachtwoord))
        } catch let e as Weigering where e.hoortBijFormulier {
            return try await toonDetail(req, fouten: fout(req, e, "login"))
        }
    }

    func verwijder(req: Request) async throws -> Response {
        try toegang(req)
        let c = try await contact(req)
        try await req.partnerregister.verwijder(c)
        return req.redirect(to: "/partners/\(req.parameters.get("org") ?? "")?gedaan=verwijderd", redirectType: .normal)
    }
}
