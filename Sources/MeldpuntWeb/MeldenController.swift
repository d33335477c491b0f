import MeldpuntHTTP
import MeldpuntCore
import Crypto
import Foundation
import MeldpuntDomain
import Vapor

/// `/melden`: the public intake, no account needed. First the scope questions (answered with
/// guidance, not a dead end), then the form. The case number and private link are shown once.
struct MeldenController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("melden", use: scope)
        routes.post("melden", use: scopeBeantwoord)
        routes.get("melden", "bezwaar", use: bezwaar)
        routes.get("melden", "eerst-zelf", use: eerstZelf)
        routes.post("melden", "eerst-zelf", use: eerstZelfBeantwoord)
        routes.post("melden", "wissen", use: wissen)
        // Every page of the form has its own address (reload, Back, a bookmark); what was typed
        // lives in the melder's draft (Meldconcepten).
        routes.get("melden", ":stap", use: stapTonen)
        // Three doors: moving between pages (text only, a small body, a loose limit), adding files and
        // sending (large bodies, the strict "melden" limit): files are stored when they arrive.
        routes.upload("melden", "stap", max: Self.maxStapBody, rollen: [], use: formulier)
        routes.upload("melden", "bestanden", max: BijlageRegels.maxUploadBody, rollen: [], use: formulier)
        routes.upload("melden", "formulier", max: BijlageRegels.maxUploadBody, rollen: [], use: formulier)
        routes.get("melden", "ontvangen", use: ontvangen)
    }

    // MARK: The melder's draft

    /// The draft this browser is writing, if any (gone after sending, or a day after the last change).
    private func concept(_ req: Request) async throws -> (Meldconcepten.Sleutel, Formulier)? {
        guard let waarde = req.cookie(.meldconcept), let sleutel = Meldconcepten.Sleutel(cookie: waarde),
              let f = try await Meldconcepten.laad(sleutel, Formulier.self, nu: req.application.klok.nu(), on: req.db) else { return nil }
        return (sleutel, f)
    }

    /// Saves the draft and hands its key to the browser with this response.
    private func bewaar(_ f: Formulier, _ sleutel: Meldconcepten.Sleutel?, _ req: Request, _ response: Response) async throws {
        var f = f
        f.bijlage = nil
        if (f.formulierToken ?? "").count != 43 { f.formulierToken = Sleutels.willekeurig(32) }
        let hashes = bijlageHashes(f, req)
        let s: Meldconcepten.Sleutel
        do {
            s = try await Meldconcepten.bewaar(f, bijlagen: hashes, sleutel: sleutel, nu: req.application.klok.nu(), on: req.db)
        } catch Meldconcepten.Fout.teGroot {
            throw Abort(.payloadTooLarge)
        } catch Meldconcepten.Fout.vol {
            throw Abort(.serviceUnavailable, headers: ["Retry-After": "600"])
        }
        response.zet(.meldconcept, s.cookie, req, sameSite: .lax, maxAge: Int(Meldconcepten.bewaartermijn))
    }

    /// The content hashes of the files the draft holds (only references this server signed).
    private func bijlageHashes(_ f: Formulier, _ req: Request) -> [String] {
        (f.bijlageRefs ?? []).compactMap { leesBijlageRef($0, req)?.1 }
    }

    private func naar(_ pad: String, _ req: Request) -> Response { req.redirect(to: pad, redirectType: .normal) }

    /// "Stoppen en wissen": the draft and its key go at once (a shared computer, a change of mind).
    func wissen(req: Request) async throws -> Response {
        if let (sleutel, f) = try await concept(req) {
            try await Meldconcepten.verwijder(sleutel, on: req.db)
            // Its files go too (at once, not after the grace period), unless something else holds them.
            try await BijlageOpslag.ruimOp(Set(bijlageHashes(f, req)), on: req.db)
        }
        let r = naar("/melden?gewist=1", req)
        r.zet(.meldconcept, nil, req)
        return r
    }

    // MARK: Before the form: is the meldpunt the right place?

    func scope(req: Request) async throws -> Response {
        let f = try await concept(req)?.1
        return try await toonScope(req, registratie: f?.gekozenRegistratie ?? "", probleemsoort: f?.probleemsoort, alBenaderd: f?.organisatieAlBenaderd ?? "",
                                   bezwaar: f?.bezwaar ?? "", bezig: f.map { Self.eerst($0) == nil } ?? false, fouten: f?.fouten(op: "vragen") ?? [])
    }

    private func toonScope(_ req: Request, registratie: String, probleemsoort: String?, alBenaderd: String, bezwaar: String, bezig: Bool = false, fouten: [VeldFout]) async throws -> Response {
        let t = Teksten.voor(req.taal)
        return try await req.pagina("melden-scope", titel: "melden", inhoud: ScopePagina(
            registraties: Self.registraties(voor: .bedrijf).map { Keuze(waarde: $0.code, naam: Self.registratieNaam($0, t), gekozen: $0.code == registratie) },
            // Most melders report a wrong data item: that is chosen until they say otherwise.
            probleemsoorten: Probleemsoort.allCases.map { Keuze(waarde: $0.rawValue, naam: t.tekst("probleemsoort_\($0.rawValue)"),
                                                               gekozen: (probleemsoort ?? Probleemsoort.onjuistGegeven.rawValue) == $0.rawValue) },
            registratie: registratie, alBenaderd: alBenaderd, bezwaar: bezwaar, bezig: bezig, gewist: req.queryWaarde("gewist") == "1",
            fouten: fouten, foutVelden: Dictionary(fouten.map { ($0.veld, $0.tekst) }, uniquingKeysWith: { a, _ in a })))
    }

    struct ScopeInvoer: Content {
        var registratie: String?
        var probleemsoort: String?
        var alBenaderd: String?
        var bezwaar: String?
    }

    func scopeBeantwoord(req: Request) async throws -> Response {
        let s = try req.content.decode(ScopeInvoer.self)
        let t = Teksten.voor(req.taal)
        var fouten: [VeldFout] = []
        if !["ja", "nee"].contains(s.alBenaderd ?? "") { fouten.append(VeldFout(veld: "alBenaderdJa", label: t.tekst("alBenaderd"), tekst: t.tekst("kiesAntwoord"))) }
        // "ja": a procedure still running; "afgerond": decided, so the meldpunt may help.
        if !["ja", "afgerond", "nee"].contains(s.bezwaar ?? "") { fouten.append(VeldFout(veld: "bezwaarJa", label: t.tekst("bezwaarVraag"), tekst: t.tekst("kiesAntwoord"))) }
        let registratie = Registratie.met(code: s.registratie ?? "")?.code ?? ""
        let bestaand = try await concept(req)
        var f = bestaand?.1 ?? Formulier()
        // An intermediary starts as one: its organisation, and its own name and address as contact.
        if bestaand == nil, let g = req.gebruiker, g.rol == .intermediair {
            f.melderType = MelderType.intermediair.rawValue
            f.organisatieNaam = g.organisatie.naam
            f.naam = g.naam
            f.email = g.email
        }
        f.fouten = nil
        f.foutenOp = nil
        // Only a known answer is kept (the radio group always sends one of its own).
        f.probleemsoort = s.probleemsoort.flatMap(Probleemsoort.init(rawValue:))?.rawValue
        guard fouten.isEmpty else {
            // The questions again, with what was answered and every problem (after a redirect).
            f.gekozenRegistratie = registratie
            f.bezwaar = s.bezwaar
            f.fouten = fouten
            f.foutenOp = "vragen"
            let r = naar("/melden", req)
            try await bewaar(f, bestaand?.0, req, r)
            return r
        }
        // The registration chosen here is ticked in the form, unless the melder chose there already.
        let eerder = f.gekozenRegistratie ?? ""
        if (f.registraties ?? []).isEmpty || f.registraties == [eerder] { f.registraties = registratie.isEmpty ? [] : [registratie] }
        f.gekozenRegistratie = registratie
        f.organisatieAlBenaderd = s.alBenaderd
        f.bezwaar = s.bezwaar
        // A running bezwaar or beroep: say where to go; the answers stay so that a slip can be undone.
        let verder = s.bezwaar == "ja" ? "/melden/bezwaar"
            : s.alBenaderd == "nee" && (f.redenNietBenaderd ?? "").isEmpty ? "/melden/eerst-zelf" : "/melden/\(Stap.wie.rawValue)"
        let r = naar(verder, req)
        try await bewaar(f, bestaand?.0, req, r)
        return r
    }

    /// A running bezwaar or beroep: where to get help, and the way back for one already decided.
    func bezwaar(req: Request) async throws -> Response {
        try await req.pagina("melden-verwijzing", titel: "bezwaarTitel")
    }

    func eerstZelf(req: Request) async throws -> Response {
        guard let (_, f) = try await concept(req), f.organisatieAlBenaderd == "nee" else { return naar("/melden", req) }
        return try await toonEerstZelf(req, f, reden: f.redenNietBenaderd ?? "", fout: f.fouten(op: "eerst-zelf").first?.tekst)
    }

    private func toonEerstZelf(_ req: Request, _ f: Formulier, reden: String, fout: String?) async throws -> Response {
        let t = Teksten.voor(req.taal)
        let code = f.gekozenRegistratie ?? ""
        let contact = Self.contactgegevens[code]
        return try await req.pagina("melden-eerst-zelf", titel: "eerstZelfTitel", inhoud: EerstZelf(
            organisatie: t["registratieWaar_\(code)"] ?? Registratie.met(code: code)?.bronhouder ?? "",
            website: contact?.website, telefoon: contact.map { t[$0.telefoon] ?? $0.telefoon }, reden: reden, fout: fout))
    }

    struct EerstZelfInvoer: Content { var redenNietBenaderd: String? }

    func eerstZelfBeantwoord(req: Request) async throws -> Response {
        guard let (sleutel, opgeslagen) = try await concept(req) else { return naar("/melden", req) }
        var f = opgeslagen
        let reden = (try req.content.decode(EerstZelfInvoer.self).redenNietBenaderd ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        f.redenNietBenaderd = reden
        f.fouten = reden.isEmpty ? [VeldFout(veld: "redenNietBenaderd", label: "", tekst: Teksten.voor(req.taal).tekst("redenVerplicht"))] : nil
        f.foutenOp = reden.isEmpty ? "eerst-zelf" : nil
        let r = naar(reden.isEmpty ? "/melden/eerst-zelf" : "/melden/\(Stap.wie.rawValue)", req)
        try await bewaar(f, sleutel, req, r)
        return r
    }

    /// Where a melder can ask the organisation itself: its website and phone number (a text key
    /// where the number depends on the melder, as the gemeente's 14 + area code does).
    static let contactgegevens: [String: (website: String?, telefoon: String)] = [
        "BRP": (nil, "telefoonGemeente"),
        "BAG": (nil, "telefoonGemeente"),
        "WOZ": (nil, "telefoonGemeente"),
        "BRI": ("https://www.belastingdienst.nl", "0800 0543"),
        "BRV": ("https://www.rdw.nl", "0900 0739"),
        "BRK": ("https://www.kadaster.nl", "088 183 2000"),
        "BRT": ("https://www.kadaster.nl", "088 183 2000"),
        "HR": ("https://www.kvk.nl", "0800 2117"),
    ]

    // MARK: The form, one topic per page (its model: Melden/Meldformulier.swift)

    private func toonStap(_ req: Request, _ stap: Stap, _ f: Formulier, fouten: [VeldFout] = [], bijlagen: [BijlageWeergave] = []) async throws -> Response {
        let t = Teksten.voor(req.taal)
        var f = f
        f.bijlage = nil
        if (f.formulierToken ?? "").count != 43 { f.formulierToken = Sleutels.willekeurig(32) }
        f.bijlageRefs = bijlagen.map(\.ref)
        let type = f.melderType.flatMap(MelderType.init(rawValue:))
        let stappen = Stap.allCases.filter { $0.geldt(type) }
        let nummer = (stappen.firstIndex(of: stap) ?? 0) + 1
        let foutVelden = Dictionary(fouten.map { ($0.veld, $0.tekst) }, uniquingKeysWith: { a, _ in a })
        let gevuld = Self.gevolgen(f).count
        let rijen = max(1, min(Self.maxGevolgen, gevuld + (f.actie == "gevolg" ? 1 : 0)))
        let gevolgen = (0..<rijen).map { i in
            GevolgRij(nummer: i + 1,
                      soorten: [Keuze(waarde: "", naam: t.tekst("kiesGevolg"), gekozen: Self.element(f.gevolgSoort, i).isEmpty)]
                        + GevolgSoort.allCases.map { Keuze(waarde: $0.rawValue, naam: t.tekst("gevolg_\($0.rawValue)"), gekozen: Self.element(f.gevolgSoort, i) == $0.rawValue) },
                      organisatie: Self.element(f.gevolgOrganisatie, i), datum: Self.element(f.gevolgDatum, i), omschrijving: Self.element(f.gevolgOmschrijving, i),
                      soortFout: foutVelden["gevolgSoort\(i + 1)"], organisatieFout: foutVelden["gevolgOrganisatie\(i + 1)"],
                      datumFout: foutVelden["gevolgDatum\(i + 1)"], omschrijvingFout: foutVelden["gevolgOmschrijving\(i + 1)"])
        }
        let pagina = StapPagina(
            stap: stap.rawValue, nummer: nummer, aantal: stappen.count, titel: t.tekst("meldStap_\(stap.rawValue)"), f: f,
            melderTypes: MelderType.allCases.map { Keuze(waarde: $0.rawValue, naam: t.tekst("melderType_\($0.rawValue)"), gekozen: f.melderType == $0.rawValue) },
            registraties: Self.registraties(voor: type, gekozen: f.registraties ?? []).map { r in Keuze(waarde: r.code, naam: Self.registratieNaam(r, t), gekozen: (f.registraties ?? []).contains(r.code)) },
            gevolgen: gevolgen, kanGevolgToevoegen: rijen < Self.maxGevolgen,
            kanalen: Contactkanaal.allCases.map { Keuze(waarde: $0.rawValue, naam: t.tekst("kanaal_\($0.rawValue)"), gekozen: (f.voorkeurKanaal ?? "email") == $0.rawValue) },
            bijlagen: bijlagen, isBedrijf: type == .bedrijf, isVoorIemandAnders: type == .intermediair, vraagBsn: type == .burger || type == nil,
            secties: stap == .controle ? Self.secties(f, type, bijlagen, t, req.taal) : [],
            toestemmingTekst: t.tekst("toestemmingTekst"), toestemmingVersie: Toestemmingstekst.versie,
            fouten: fouten, foutVelden: foutVelden,
            vanControle: f.vanControle == "ja" && stap != .controle,
            knop: t.tekst(stap == .controle ? "meldingVersturen" : f.vanControle == "ja" ? "terugNaarControle" : "verder"))
        return try await req.pagina("melden-stap", titel: "\(t.tekst("melden")): \(pagina.titel)", inhoud: pagina)
    }

    /// A page of the form by its address: what the draft holds, or the start without a draft.
    func stapTonen(req: Request) async throws -> Response {
        guard let stap = req.parameters.get("stap").flatMap(Stap.init(rawValue:)) else { throw Abort(.notFound) }
        guard let (_, f) = try await concept(req) else { return naar("/melden", req) }
        if let terug = Self.eerst(f) { return naar(terug, req) }
        let type = f.melderType.flatMap(MelderType.init(rawValue:))
        // "Over" is not asked of a citizen: its address leads on to the next page.
        guard stap.geldt(type) else { return naar("/melden/\(Stap.wat.rawValue)", req) }
        return try await toonStap(req, stap, f, fouten: f.fouten(op: stap.rawValue), bijlagen: weergave(f, req))
    }

    /// Where a melder must go before the form: the questions (unanswered), the bezwaar page (one is
    /// running: the meldpunt does not take it on) or the reason for not asking the organisation.
    static func eerst(_ f: Formulier) -> String? {
        if f.organisatieAlBenaderd == nil || f.bezwaar == nil { return "/melden" }
        if f.bezwaar == "ja" { return "/melden/bezwaar" }
        if f.organisatieAlBenaderd == "nee" && (f.redenNietBenaderd ?? "").isEmpty { return "/melden/eerst-zelf" }
        return nil
    }

    /// The files of the draft as shown (name only; the bytes are read when the melding is sent).
    private func weergave(_ f: Formulier, _ req: Request) -> [BijlageWeergave] {
        (f.bijlageRefs ?? []).compactMap { ref in leesBijlageRef(ref, req).map { BijlageWeergave(ref: ref, naam: $0.0) } }
    }

    /// What the confirmation page needs, sealed in a cookie for that one page.
    struct Bevestiging: Codable, Sendable {
        let ontvangen: MeldingService.Ontvangen
        let perMail: Bool
        /// The confirmation goes by letter (the melder chose post, or has only an address).
        var perBrief: Bool? = nil

        init(ontvangen: MeldingService.Ontvangen, invoer: MeldingInvoer) {
            self.ontvangen = ontvangen
            switch Berichtgeving.bereik(uit: invoer) {
            case .mail?: perMail = true
            case .brief?: perMail = false; perBrief = true
            case nil: perMail = false
            }
        }
    }

    func formulier(req: Request) async throws -> Response {
        let gepost = try req.content.decode(Formulier.self)
        let bestaand = try await concept(req)
        var f: Formulier
        if let opgeslagen = bestaand?.1, let stap = gepost.stap.flatMap(Stap.init(rawValue:)) {
            // Before the form's questions are answered as they must be, no page of it is taken.
            if let terug = Self.eerst(opgeslagen) { return naar(terug, req) }
            f = opgeslagen.metVelden(van: gepost, stap: stap)
        } else if req.url.path == "/melden/formulier" {
            // Without a page (a script, an old bookmark): the whole form as sent, its token with it,
            // so a form sent twice files one melding. Its question about a bezwaar is not on it: none runs.
            f = gepost
            if f.bezwaar == nil { f.bezwaar = "nee" }
        } else {
            // A page of a draft that has gone (sent, erased, a day old): from the start, with a
            // new draft; never a page's old token, which belongs to a melding already sent.
            return naar("/melden", req)
        }
        f.bijlage = gepost.bijlage
        f.fouten = nil
        f.foutenOp = nil
        let t = Teksten.voor(req.taal)
        func leeg(_ s: String?) -> String? {
            let w = (s ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            return w.isEmpty ? nil : w
        }

        // Uploaded files are stored at once (by hash) so that an error elsewhere loses none of them.
        var fouten: [VeldFout] = []
        var bijlagen: [(BijlageWeergave, TerugmeldingInvoer.Bijlage)] = []
        for ref in f.bijlageRefs ?? [] {
            if let (naam, hash, soort) = leesBijlageRef(ref, req), let data = try await BijlageOpslag.laad(hash, on: req.db) {
                bijlagen.append((BijlageWeergave(ref: ref, naam: naam), .init(bestandsnaam: naam, mimeType: soort, bijlageData: data.base64EncodedString())))
            }
        }
        // Files only through the doors made for them (/melden/stap has a loose rate limit).
        for file in f.bijlage ?? [] where file.data.readableBytes > 0 && req.url.path != "/melden/stap" {
            let data = Data(buffer: file.data)
            guard let soort = BijlageRegels.herken(data) else {
                fouten.append(VeldFout(veld: "bijlage", label: t.tekst("bijlagen"), tekst: "\(file.filename): \(t.tekst("bijlageSoort"))"))
                continue
            }
            let naam = String(String(file.filename.split(separator: "/").last ?? "bijlage").prefix(BijlageRegels.maxBestandsnaamLengte))
            let hash = try await BijlageOpslag.bewaar(data, nu: req.application.klok.nu(), on: req.db)
            let ref = bijlageRef(naam: naam, hash: hash, soort: soort.rawValue, req)
            bijlagen.append((BijlageWeergave(ref: ref, naam: naam), .init(bestandsnaam: naam, mimeType: soort.rawValue, bijlageData: data.base64EncodedString())))
        }
        f.bijlageRefs = bijlagen.map(\.0.ref)

        var v = Self.invoer(f, taal: req.taal)
        v.bijlagen = bijlagen.map(\.1)
        let type = f.melderType.flatMap(MelderType.init(rawValue:))
        func veldFouten(_ lijst: [OngeldigeParameter]) -> [VeldFout] { Self.veldFouten(lijst, type: type, req.taal) }
        let stappen = Stap.allCases.filter { $0.geldt(type) }
        // Without a page (an old bookmark or a script): the whole form at once, as the check page does.
        let versturen = req.url.path == "/melden/formulier"
        let stap = versturen ? .controle : f.stap.flatMap(Stap.init(rawValue:)) ?? .controle
        let actie = versturen ? "versturen" : f.actie == "versturen" ? "controle" : f.actie ?? "verder"

        // Each answer is saved before the page moves on, so Back and reload lose nothing.
        func verder(_ naar: Stap) async throws -> Response {
            let r = self.naar("/melden/\(naar.rawValue)", req)
            try await bewaar(f, bestaand?.0, req, r)
            return r
        }
        // A page with problems: saved with them, and shown again at its own address.
        func opnieuw(_ stap: Stap, _ fouten: [VeldFout]) async throws -> Response {
            f.fouten = fouten
            f.foutenOp = stap.rawValue
            return try await verder(stap)
        }

        if stap != .controle || actie != "versturen" {
            // Going back, adding a consequence row or changing from the check page: no checks.
            if actie == "terug" {
                let vorige = stappen.last { $0.rawValue != stap.rawValue && (stappen.firstIndex(of: $0) ?? 0) < (stappen.firstIndex(of: stap) ?? 0) } ?? .wie
                return try await verder(vorige)
            }
            if actie == "gevolg" { return try await verder(.gevolgen) }
            if let naar = Stap(rawValue: actie), stap == .controle {
                f.vanControle = "ja"
                return try await verder(naar)
            }
            // Onward: this page's problems all at once, or the next page.
            var hier = fouten
            if stap != .controle {
                let alle = (try? valideerMelding(v, vandaag: Dag(req.application.klok.nu()))) ?? []
                hier += veldFouten(alle).filter { Stap.van(foutVeld: $0.veld) == stap }
            }
            guard hier.isEmpty else { return try await opnieuw(stap, hier) }
            let volgende = f.vanControle == "ja" ? .controle : (stappen.first { (stappen.firstIndex(of: $0) ?? 0) > (stappen.firstIndex(of: stap) ?? 0) } ?? .controle)
            if volgende == .controle { f.vanControle = nil }
            return try await verder(volgende)
        }

        if fouten.isEmpty {
            do {
                let geheimen = req.application.geheimen
                let eenmalig = f.formulierToken.flatMap { $0.count == 43 ? $0 : nil }.map {
                    MeldingService.Eenmalig(sleutel: "formulier:" + Sleutels.sha256Hex(Data($0.utf8)), geheim: geheimen.eenmaligeWeergave)
                }
                // An intermediary signed in files for a client: its organisation follows the case.
                // Only for someone else (the client's consent asked): filing as oneself is a citizen's melding.
                let indiener = req.gebruiker.flatMap { $0.rol == .intermediair && $0.organisatie.heeft(.intermediair) && v.melderType == MelderType.intermediair.rawValue ? $0.organisatie : nil }
                let ontvangen = try await req.meldingen.intake.maak(v, ingediendDoor: indiener, eenmalig: eenmalig, binnenkomst: .web)
                // Post-redirect-get: the confirmation (with the private link) travels sealed in a
                // short-lived cookie for this one page, so a refresh shows it again and files nothing.
                // The draft has done its work: it goes, with its key.
                if let sleutel = bestaand?.0 { try await Meldconcepten.verwijder(sleutel, on: req.db) }
                let response = naar("/melden/ontvangen", req)
                response.zet(.ontvangen, try Verzegeld.sluit(Bevestiging(ontvangen: ontvangen, invoer: v), geheimen.eenmaligeWeergave),
                             req, sameSite: .strict, maxAge: 15 * 60)
                response.zet(.meldconcept, nil, req)
                return response
            } catch let p as Weigering where p.hoortBijFormulier {
                fouten = veldFouten(p.velden ?? [])
            }
        }
        // The check page with every problem at once, each linking to the part that has it.
        let opControle = fouten.map { e in
            Stap.van(foutVeld: e.veld) == .controle ? e : VeldFout(veld: "stap-\(Stap.van(foutVeld: e.veld).rawValue)", label: e.label, tekst: e.tekst)
        }
        return try await opnieuw(.controle, opControle)
    }

    /// The confirmation after post-redirect-get: case number and private link, from the sealed cookie.
    func ontvangen(req: Request) async throws -> Response {
        guard let waarde = req.cookie(.ontvangen),
              let b = try Verzegeld.open(waarde, Bevestiging.self, req.application.geheimen.eenmaligeWeergave)
        else {
            return try await req.pagina("fout", titel: "meldingOntvangenTitel", inhoud: WebFoutPagina.Tekst(tekst: Teksten.voor(req.taal).tekst("ontvangenVerlopen")),
                                        status: .notFound)
        }
        let basis = req.application.instellingen.publiekeUrl
        let o = b.ontvangen
        return try await req.pagina("melden-ontvangen", titel: "meldingOntvangenTitel", inhoud: Ontvangen(
            zaaknummer: o.zaaknummer.description, link: basis + o.statuspagina, pad: o.statuspagina,
            contactUiterlijk: Datumweergave.voluit(o.eersteContactUiterlijk, req.taal), perMail: b.perMail, perBrief: b.perBrief ?? false))
    }

    /// What the form holds as the intake's input (without files): the citizen's pages and the
    /// staff's one-page intake send the same fields.
    static func invoer(_ f: Formulier, taal: Taal) -> MeldingInvoer {
        func leeg(_ s: String?) -> String? {
            let w = (s ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            return w.isEmpty ? nil : w
        }
        var v = MeldingInvoer()
        // Mail about the melding in the language the form was used in.
        v.taal = taal.rawValue
        v.melderType = leeg(f.melderType)
        let type = f.melderType.flatMap(MelderType.init(rawValue:))
        v.melder = .init(naam: leeg(f.naam), email: leeg(f.email), telefoon: leeg(f.telefoon), adres: leeg(f.adres), postcode: leeg(f.postcode),
                         woonplaats: leeg(f.woonplaats), bsn: type == .burger || type == nil ? leeg(f.bsn)?.replacingOccurrences(of: " ", with: "") : nil)
        // Only what applies to who reports: a citizen's form never sends business fields.
        if type != .burger {
            v.organisatieNaam = leeg(f.organisatieNaam)
            v.kvkNummer = type == .bedrijf ? leeg(f.kvkNummer) : nil
        }
        if type == .intermediair {
            v.vertegenwoordigde = .init(naam: leeg(f.vertegenwoordigdeNaam), bsn: leeg(f.vertegenwoordigdeBsn)?.replacingOccurrences(of: " ", with: ""))
            v.toestemmingVertegenwoordigde = f.toestemmingVertegenwoordigde == "ja"
        }
        v.organisatieAlBenaderd = f.organisatieAlBenaderd == "ja"
        v.redenNietBenaderd = leeg(f.redenNietBenaderd)
        v.bezwaarOfBeroepLoopt = f.bezwaar == "ja"
        v.registraties = f.registraties ?? []
        v.andereRegistratie = leeg(f.andereRegistratie)
        v.betrokkenOrganisaties = (f.betrokkenOrganisaties ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        v.probleemsoort = leeg(f.probleemsoort)
        v.watIsFout = leeg(f.watIsFout)
        v.watMoetHetZijn = leeg(f.watMoetHetZijn)
        v.sinds = leeg(f.sinds)
        let gevolgen = gevolgen(f)
        v.gevolgen = gevolgen.isEmpty ? nil : gevolgen
        v.voorkeurKanaal = leeg(f.voorkeurKanaal)
        v.toestemming = .init(gegeven: f.toestemming == "ja", tekstVersie: Toestemmingstekst.versie)
        return v
    }

    /// The intake's refusals as the form's messages, each named by its field's label.
    static func veldFouten(_ lijst: [OngeldigeParameter], type: MelderType?, _ taal: Taal) -> [VeldFout] {
        let t = Teksten.voor(taal)
        return lijst.map {
            let id = $0.veld.meldformulierveld
            // A consequence's field is named with its row: "Gevolg 2: Wat gebeurt er?".
            if id.hasPrefix("gevolg"), let n = id.last, n.isNumber {
                return VeldFout(veld: id, label: "\(t.tekst("gevolg")) \(n): \(t[String(id.dropLast())] ?? "")", tekst: $0.reden(taal))
            }
            // The name field's label depends on who reports: the summary names it as the page does.
            let sleutel = id == "organisatieNaam" ? (type == .bedrijf ? "bedrijfNaam" : type == .intermediair ? "uwOrganisatieNaam" : "organisatieNaamB1")
                : labels[id] ?? id
            return VeldFout(veld: id, label: t[sleutel] ?? t.tekst("melden"), tekst: $0.reden(taal))
        }
    }

    /// Field ids whose label text has another key.
    static let labels = ["probleemsoort": "probleemsoortVraag", "naam": "uwNaam", "toestemming": "toestemmingTitel", "melderTypeburger": "wieMeldt", "registratieBRP": "registraties", "bijlage": "bijlagen"]

    /// "name|sha256|type|hmac": a reference to an upload that only this server could have made.
    private func bijlageRef(naam: String, hash: String, soort: String, _ req: Request) -> String {
        let inhoud = "\(Data(naam.utf8).base64EncodedString())|\(hash)|\(soort)"
        return inhoud + "|" + Geheimen.mac(inhoud, req.application.geheimen.uploadReferenties)
    }

    private func leesBijlageRef(_ ref: String, _ req: Request) -> (String, String, String)? {
        let delen = ref.split(separator: "|").map(String.init)
        guard delen.count == 4, let naamData = Data(base64Encoded: delen[0]), let naam = String(data: naamData, encoding: .utf8) else { return nil }
        let inhoud = delen[0...2].joined(separator: "|")
        guard Sleutels.gelijk(Geheimen.mac(inhoud, req.application.geheimen.uploadReferenties), delen[3]) else { return nil }
        return (naam, delen[1], delen[2])
    }
}
