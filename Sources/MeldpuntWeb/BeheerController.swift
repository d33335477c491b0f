import MeldpuntHTTP
import MeldpuntCore
import Fluent
import MeldpuntDomain
import Vapor

/// Beheer: organisations and their roles, users (add, disable) and API keys (create once, revoke).
/// The same services as the CLI, so the rules are the same.
struct BeheerController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let b = routes.grouped("beheer")
        b.get(use: organisaties)
        b.get("audit", use: audit)
        b.get("bewaartermijnen", use: bewaartermijnen)
        b.get("berichten", use: postvak)
        b.post("berichten", ":bericht", "opnieuw", use: opnieuw)
        b.post("organisaties", use: nieuweOrganisatie)
        b.get("organisaties", ":org", use: organisatie)
        b.post("organisaties", ":org", "rollen", use: rollen)
        b.post("organisaties", ":org", "sleutels", use: nieuweSleutel)
        b.post("organisaties", ":org", "sleutels", ":sleutel", "intrekken", use: trekSleutelIn)
        b.post("organisaties", ":org", "gebruikers", use: nieuweGebruiker)
        b.get("gebruikers", ":gebruiker", "uitzetten", use: vraagUitzetten)
        b.post("gebruikers", ":gebruiker", "uitzetten", use: zetGebruikerUit)
        b.post("gebruikers", ":gebruiker", "aanzetten", use: zetGebruikerAan)
        b.post("gebruikers", ":gebruiker", "wachtwoord", use: stelWachtwoordOpnieuwIn)
        b.post("gebruikers", ":gebruiker", "tweestaps", use: herstelTweestaps)
    }

    private func beheerder(_ req: Request) throws -> GebruikerDTO { try req.vereisGebruiker(.beheerder, .systeembeheerder) }

    /// A beheerder manages its own organisation; only the system role manages every one.
    private func beheerder(_ req: Request, van org: Organisatie) throws -> GebruikerDTO {
        let g = try beheerder(req)
        guard g.rol == .systeembeheerder || g.organisatie.id == org.id else { throw WebFout.geenToegang }
        return g
    }

    private func systeembeheerder(_ req: Request) throws -> GebruikerDTO { try req.vereisGebruiker(.systeembeheerder) }

    struct BewaarPagina: Encodable, Sendable {
        struct Termijn: Encodable, Sendable { let soort: String; let dagen: Int }
        struct Ronde: Encodable, Sendable { let op: String; let meldingen: Int; let terugmeldingen: Int; let verwerkingslog: Int; let audit: Int; let berichten: Int }
        let termijnen: [Termijn]
        let rondes: [Ronde]
    }

    /// Retention: the periods in force and the last runs of the daily job (system-wide, so the
    /// systeembeheerder's).
    func bewaartermijnen(req: Request) async throws -> Response {
        _ = try systeembeheerder(req)
        let t = req.application.instellingen.bewaartermijnen
        let rondes = try await Bewaring.laatsteRondes(on: req.db).map { op, r in
            BewaarPagina.Ronde(op: Datumweergave.tijdstip(op), meldingen: r.meldingen.count, terugmeldingen: r.terugmeldingen.count,
                               verwerkingslog: r.verwerkingslogregels, audit: r.auditregels, berichten: r.berichten)
        }
        return try await req.pagina("beheer-bewaartermijnen", titel: "bewaartermijnenTitel", inhoud: BewaarPagina(
            termijnen: Bewaartermijnen.namen.map { BewaarPagina.Termijn(soort: Teksten.voor(req.taal).tekst("bewaar_\($0.0)"), dagen: t[keyPath: $0.1]) },
            rondes: rondes))
    }

    func organisaties(req: Request) async throws -> Response {
        let g = try beheerder(req)
        guard g.rol == .systeembeheerder else {
            return req.redirect(to: "/beheer/organisaties/\(g.organisatie.id.tekst)", redirectType: .normal)
        }
        return try await toonOverzicht(req, zoek: req.queryWaarde("zoek") ?? "")
    }

    private func toonOverzicht(_ req: Request, zoek: String, naam: String = "", oin: String = "", fout: String? = nil) async throws -> Response {
        // A few hundred rows: filtered here, case-insensitively the same on SQLite and PostgreSQL.
        let z = zoek.trimmingCharacters(in: .whitespaces)
        let alle = try await Organisatie.query(on: req.db).sort(\.$naam).all()
        let gevonden = z.isEmpty
            ? alle.filter { $0.gemeentecode == nil && $0.rniDeelnemerCode == nil }   // the gemeenten only when asked for
            : alle.filter { $0.naam.localizedCaseInsensitiveContains(z) || [$0.oin, $0.gemeentecode, $0.rniDeelnemerCode].contains(z) }
        let rijen = try gevonden.prefix(200).map {
            OrgRij(href: "/beheer/organisaties/\((try $0.requireID()).tekst)", naam: $0.naam, oin: $0.oin ?? "–",
                   code: $0.gemeentecode ?? $0.rniDeelnemerCode ?? "–", rollen: $0.rollen.map(\.rawValue).sorted().joined(separator: ", "))
        }
        return try await req.pagina("beheer", titel: "organisaties", inhoud: Overzicht(
            zoek: z, rijen: rijen, rollen: Organisatierol.allCases.map { Keuze(waarde: $0.rawValue, naam: $0.rawValue) },
            naam: naam, oin: oin, fout: fout), status: fout == nil ? .ok : .badRequest)
    }

    /// The administration use cases, acting as this beheerder.
    private func beheer(_ req: Request, _ g: GebruikerDTO) -> Beheer { Beheer(db: req.db, door: g, nu: req.application.klok.nu()) }

    /// A refusal in the reader's language, each field's problem on its own line.
    static func tekst(_ w: Weigering, _ taal: Taal) -> String {
        (w.velden ?? []).map { $0.reden(taal) }.joined(separator: " ")
    }

    struct NieuweOrgInvoer: Content { var naam: String?; var oin: String?; var rollen: [String]? }

    func nieuweOrganisatie(req: Request) async throws -> Response {
        let g = try systeembeheerder(req)
        let invoer = try req.content.decode(NieuweOrgInvoer.self)
        let naam = (invoer.naam ?? "").trimmingCharacters(in: .whitespaces)
        let oin = (invoer.oin ?? "").trimmingCharacters(in: .whitespaces)
        let rollen = Set((invoer.rollen ?? []).compactMap(Organisatierol.init(rawValue:)))
        do {
            let org = try await beheer(req, g).voegOrganisatieToe(naam: naam, oin: oin.isEmpty ? nil : oin, gemeentecode: nil, rollen: rollen)
            let id = try org.requireID()
            req.logger.notice("Beheer: organisatie toegevoegd of bijgewerkt", metadata: ["organisatie": .string(id.uuidString)])
            return req.redirect(to: "/beheer/organisaties/\(id.tekst)", redirectType: .normal)
        } catch let w as Weigering where w.velden != nil {
            return try await toonOverzicht(req, zoek: "", naam: naam, oin: oin, fout: Self.tekst(w, req.taal))
        }
    }

    func organisatie(req: Request) async throws -> Response {
        let o = try await org(req)
        _ = try beheerder(req, van: o)
        return try await toonOrganisatie(req, o, melding: req.queryWaarde("gedaan") == "tweestaps" ? "beheerGedaan_tweestaps" : nil)
    }

    private func toonOrganisatie(_ req: Request, _ org: Organisatie, eenmalig: String? = nil, eenmaligUitleg: String? = nil,
                                 fout: String? = nil, email: String = "", gebruikerNaam: String = "", melding: String? = nil) async throws -> Response {
        let id = try org.requireID()
        let gebruikers = try await Gebruiker.query(on: req.db).filter(\.$organisatie.$id == id).sort(\.$email).all()
        let sleutels = try await ApiSleutel.query(on: req.db).filter(\.$organisatie.$id == id).sort(\.$aangemaaktOp, .descending).all()
        let href = "/beheer/organisaties/\(id.tekst)"
        let t = Teksten.voor(req.taal)
        return try await req.pagina("beheer-organisatie", titel: "organisatie", inhoud: OrgPagina(
            href: href, naam: org.naam, oin: org.oin ?? "–", code: org.gemeentecode ?? org.rniDeelnemerCode ?? "–",
            rollen: Organisatierol.allCases.map { Keuze(waarde: $0.rawValue, naam: $0.rawValue, gekozen: org.rollen.contains($0)) },
            gebruikers: gebruikers.map {
                let pad = "/beheer/gebruikers/\((try $0.requireID()).tekst)"
                let zelf = $0.id == req.gebruiker?.id
                return GebruikerRij(naam: $0.naam, email: $0.email, rol: $0.rol.rawValue, actief: $0.actief, tweestaps: $0.tweestapsGeheim != nil,
                                    uitzetten: pad + "/uitzetten", aanzetten: pad + "/aanzetten", wachtwoord: pad + "/wachtwoord", tweestapsHerstel: pad + "/tweestaps",
                                    beheerbaar: Self.magBeheren($0, door: req.gebruiker), zelf: zelf)
            },
            gebruikersrollen: GebruikersRol.allCases.filter { $0 != .systeembeheerder && Gebruikers.past($0, bij: org) }.map { Keuze(waarde: $0.rawValue, naam: $0.rawValue) },
            sleutels: sleutels.map { SleutelRij(id: String((try $0.requireID()).tekst.prefix(8)), omschrijving: $0.omschrijving,
                                                aangemaakt: $0.aangemaaktOp.map(Datumweergave.tijdstip) ?? "–",
                                                actief: $0.ingetrokkenOp == nil, intrekken: "\(href)/sleutels/\((try $0.requireID()).tekst)/intrekken") },
            eenmalig: eenmalig, eenmaligUitleg: eenmaligUitleg.map { t[$0] ?? $0 }, fout: fout, email: email, gebruikerNaam: gebruikerNaam),
            melding: melding, status: fout == nil ? .ok : .badRequest)
    }

    struct RollenInvoer: Content { var rollen: [String]? }

    /// Organisation roles decide what its keys and users may do: only the system role changes them.
    func rollen(req: Request) async throws -> Response {
        let g = try systeembeheerder(req)
        let o = try await org(req)
        do {
            let rollen = Set((try req.content.decode(RollenInvoer.self).rollen ?? []).compactMap(Organisatierol.init(rawValue:)))
            try await beheer(req, g).zetRollen(o, rollen)
        } catch let w as Weigering where w.velden != nil {
            return try await toonOrganisatie(req, o, fout: Self.tekst(w, req.taal))
        }
        return req.redirect(to: "/beheer/organisaties/\((try o.requireID()).tekst)", redirectType: .normal)
    }

    struct SleutelInvoer: Content { var omschrijving: String? }

    /// The key is shown on this one response only.
    func nieuweSleutel(req: Request) async throws -> Response {
        let o = try await org(req)
        let g = try beheerder(req, van: o)
        let omschrijving = (try req.content.decode(SleutelInvoer.self).omschrijving ?? "").trimmingCharacters(in: .whitespaces)
        let (_, sleutel) = try await beheer(req, g).maakSleutel(voor: o, omschrijving: omschrijving.isEmpty ? "portaal (\(g.email))" : String(omschrijving.prefix(200)))
        let orgID = try o.requireID()
        req.logger.notice("Beheer: API-sleutel gemaakt", metadata: ["organisatie": .string(orgID.uuidString), "door": .string(g.id.uuidString)])
        return try await toonOrganisatie(req, o, eenmalig: sleutel, eenmaligUitleg: "eenmaligSleutel")
    }

    func trekSleutelIn(req: Request) async throws -> Response {
        let o = try await org(req)
        let g = try beheerder(req, van: o)
        let id = try req.uuid("sleutel", .bron)
        _ = try await beheer(req, g).trekSleutelsIn(van: o, id: id, cache: req.application.sleutelcache)
        req.logger.notice("Beheer: API-sleutel ingetrokken", metadata: ["sleutel": .string(id.uuidString), "door": .string(g.id.uuidString)])
        return req.redirect(to: "/beheer/organisaties/\((try o.requireID()).tekst)", redirectType: .normal)
    }

    struct GebruikerInvoer: Content { var email: String?; var naam: String?; var rol: String? }

    /// A new user gets a generated first password, shown once.
    func nieuweGebruiker(req: Request) async throws -> Response {
        let o = try await org(req)
        let beheerder = try beheerder(req, van: o)
        let invoer = try req.content.decode(GebruikerInvoer.self)
        let wachtwoord = Sleutels.willekeurig(15)
        do {
            _ = try await beheer(req, beheerder).voegGebruikerToe(email: invoer.email ?? "", naam: invoer.naam ?? "", rol: invoer.rol.flatMap(GebruikersRol.init(rawValue:)),
                                                                organisatie: o, wachtwoord: wachtwoord, hasher: req.application.wachtwoorden)
        } catch let w as Weigering where w.velden != nil {
            return try await toonOrganisatie(req, o, fout: Self.tekst(w, req.taal), email: invoer.email ?? "", gebruikerNaam: invoer.naam ?? "")
        }
        return try await toonOrganisatie(req, o, eenmalig: wachtwoord, eenmaligUitleg: "eenmaligWachtwoord",
                                         melding: Teksten.voor(req.taal).tekst("beheerGedaan_toegevoegd")
                                            .replacingOccurrences(of: "{naam}", with: invoer.naam ?? "").replacingOccurrences(of: "{email}", with: invoer.email ?? ""))
    }

    /// A user of an organisation this beheerder manages; the system role's users only by that role.
    private func beheerdeGebruiker(_ req: Request) async throws -> (Gebruiker, GebruikerDTO) {
        guard let id = req.parameters.get("gebruiker").flatMap(UUID.init(uuidString:)),
              let gebruiker = try await Gebruiker.query(on: req.db).filter(\.$id == id).with(\.$organisatie).first() else { throw Weigering.nietGevonden(.bron) }
        let g = try beheerder(req, van: gebruiker.organisatie)
        guard Self.magBeheren(gebruiker, door: g) else { throw WebFout.geenToegang }
        return (gebruiker, g)
    }

    /// Not oneself (that is Mijn account), and a systeembeheerder only by another one.
    static func magBeheren(_ gebruiker: Gebruiker, door g: GebruikerDTO?) -> Bool {
        guard let g else { return false }
        return (gebruiker.rol != .systeembeheerder || g.rol == .systeembeheerder) && gebruiker.id != g.id
    }

    /// A generated password, shown once; the user replaces it at the next login.
    func stelWachtwoordOpnieuwIn(req: Request) async throws -> Response {
        let (gebruiker, g) = try await beheerdeGebruiker(req)
        let wachtwoord = try await beheer(req, g).stelWachtwoordOpnieuwIn(gebruiker, hasher: req.application.wachtwoorden, threadPool: req.application.threadPool)
        return try await toonOrganisatie(req, gebruiker.organisatie, eenmalig: wachtwoord, eenmaligUitleg: "eenmaligWachtwoordHersteld")
    }

    /// For a lost phone: the second factor is removed; the user sets it up again at the next login.
    func herstelTweestaps(req: Request) async throws -> Response {
        let (gebruiker, g) = try await beheerdeGebruiker(req)
        try await beheer(req, g).herstelTweestaps(gebruiker)
        return req.redirect(to: "/beheer/organisaties/\(gebruiker.$organisatie.id.tekst)?gedaan=tweestaps", redirectType: .normal)
    }

    /// Switching someone off ends their sessions at once: asked first, and undone with "Weer aanzetten".
    func vraagUitzetten(req: Request) async throws -> Response {
        let (gebruiker, _) = try await beheerdeGebruiker(req)
        return try await req.pagina("beheer-uitzetten", titel: "uitzettenVraagTitel", inhoud: UitzetVraag(
            naam: gebruiker.naam, email: gebruiker.email, actie: "/beheer/gebruikers/\((try gebruiker.requireID()).tekst)/uitzetten",
            terug: "/beheer/organisaties/\(gebruiker.$organisatie.id.tekst)"))
    }

    func zetGebruikerUit(req: Request) async throws -> Response { try await zetActief(req, false) }

    func zetGebruikerAan(req: Request) async throws -> Response { try await zetActief(req, true) }

    /// Off (sessions end) or back on, with its audit entry in the same transaction; the page says which.
    private func zetActief(_ req: Request, _ aan: Bool) async throws -> Response {
        let (gebruiker, g) = try await beheerdeGebruiker(req)
        try await beheer(req, g).zetActief(gebruiker, aan)
        let melding = Teksten.voor(req.taal).tekst(aan ? "beheerGedaan_aangezet" : "beheerGedaan_uitgezet").replacingOccurrences(of: "{naam}", with: gebruiker.naam)
        return try await toonOrganisatie(req, gebruiker.organisatie, melding: melding)
    }

    /// The audit trail, newest first: a beheerder sees its own organisation, the system role all.
    func audit(req: Request) async throws -> Response {
        let g = try beheerder(req)
        let t = Teksten.voor(req.taal)
        let regels = try await Audit.regels(organisatie: g.rol == .systeembeheerder ? nil : g.organisatie.id, limiet: 500, on: req.db)
        let rijen = regels.map {
            AuditRij(tijdstip: Datumweergave.tijdstip($0.tijdstip), actie: t["audit_" + $0.actie] ?? $0.actie, door: $0.door,
                     onderwerp: $0.onderwerp ?? "–", details: $0.details ?? "")
        }
        return try await req.pagina("beheer-audit", titel: "auditTitel", inhoud: AuditPagina(
            uitleg: t[g.rol == .systeembeheerder ? "auditUitlegAlles" : "auditUitlegEigen"]!, rijen: rijen))
    }

    // MARK: Outbox

    func postvak(req: Request) async throws -> Response {
        let g = try beheerder(req)
        let t = Teksten.voor(req.taal)
        let gekozen = req.queryWaarde("status").flatMap(Bezorgstatus.init(rawValue:))
        let (items, telling) = try await req.postvak.lijst(status: gekozen, voor: g)
        let aantallen: [Bezorgstatus: Int] = [.wachtend: telling.wachtend, .mislukt: telling.mislukt, .verzonden: telling.verzonden, .gebundeld: telling.gebundeld]
        var filters = [Statusfilter(href: "/beheer/berichten", naam: t["postvakAlle"]!, aantal: nil, huidig: gekozen == nil)]
        for s in [Bezorgstatus.wachtend, .mislukt, .verzonden, .gebundeld] {
            filters.append(Statusfilter(href: "/beheer/berichten?status=\(s.rawValue)", naam: t.naam("postvakStatus", s), aantal: aantallen[s], huidig: gekozen == s))
        }
        let rijen = items.map { b in
            PostvakRij(id: b.id.tekst, soort: t.naam("postvakSoort", b.soort), status: t.naam("postvakStatus", b.status), mislukt: b.status == .mislukt,
                       aan: b.aan, onderwerp: b.onderwerp, tijdstip: Datumweergave.tijdstip(b.aangemaaktOp), pogingen: b.pogingen, fout: b.laatsteFout ?? "")
        }
        return try await req.pagina("beheer-berichten", titel: "postvakTitel", inhoud: PostvakPagina(filters: filters, rijen: rijen),
                                    melding: req.queryWaarde("opnieuw") != nil ? "postvakOpnieuwGedaan" : nil)
    }

    func opnieuw(req: Request) async throws -> Response {
        let g = try beheerder(req)
        let id = try req.uuid("bericht", .bericht)
        try await req.postvak.opnieuw(id, voor: g)
        return req.redirect(to: "/beheer/berichten?status=mislukt&opnieuw=1", redirectType: .normal)
    }

    private func org(_ req: Request) async throws -> Organisatie {
        guard let id = req.parameters.get("org").flatMap(UUID.init(uuidString:)), let o = try await Organisatie.find(id, on: req.db) else {
            throw Weigering.nietGevonden(.bron)
        }
        return o
    }
}
