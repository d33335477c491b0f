import Fluent
import Foundation
import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// Structural errors as pages. The meldpunt's staff: `/signalen` (the detector's proposals and
/// the register), a proposal to confirm, merge or dismiss, and a signaal with its course. An
/// organisation the meldpunt fed a signaal back to: `/ontvangen-signalen`, where it answers.
struct SignalenWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let s = routes.grouped("signalen")
        s.get(use: overzicht)
        s.get("voorstellen", ":kandidaat", use: voorstel)
        s.post("voorstellen", ":kandidaat", "bevestigen", use: bevestig)
        s.post("voorstellen", ":kandidaat", "samenvoegen", use: voegSamen)
        s.post("voorstellen", ":kandidaat", "afwijzen", use: wijsAf)
        s.post("voorstellen", ":kandidaat", "zaken", ":zaak", "weglaten", use: laatWeg)
        s.get(":nummer", use: signaal)
        for stap in Stap.allCases {
            s.get(":nummer", PathComponent(stringLiteral: stap.rawValue)) { req in try await taak(req, stap) }
            s.post(":nummer", PathComponent(stringLiteral: stap.rawValue)) { req in try await zetStap(req, stap) }
        }
        let o = routes.grouped("ontvangen-signalen")
        o.get(use: ontvangen)
        o.get(":nummer", use: ontvangenSignaal)
        o.post(":nummer", "antwoord", use: antwoord)
    }

    /// The staff's tasks on a signaal: each its own page (GET) and form (POST) under the signaal's path.
    enum Stap: String, CaseIterable, Sendable {
        case terugkoppelen, agenderen, escaleren, zaak, kennis, afsluiten

        /// The text key of the task's title.
        var tekst: String {
            switch self {
            case .terugkoppelen: "signaalTerugkoppelen"
            case .agenderen: "signaalAgenderen"
            case .escaleren: "signaalEscaleren"
            case .zaak: "signaalZaakKoppelen"
            case .kennis: "signaalKennisVastleggen"
            case .afsluiten: "signaalAfsluiten"
            }
        }

        /// Whether the signaal allows this task now; what was learned can still be written down after closing.
        func kan(_ s: SignaalDTO) -> Bool {
            switch self {
            case .kennis: true
            case .escaleren: !s.status.isAfgesloten && s.niveau.hoger != nil
            case .terugkoppelen, .agenderen, .zaak, .afsluiten: !s.status.isAfgesloten
            }
        }
    }

    private func medewerker(_ req: Request) throws -> Handelende { Handelende(try req.vereisGebruiker(.meldpunt)) }

    private func nummer(_ req: Request) throws -> Int {
        guard let n = req.parameters.get("nummer").flatMap(Int.init), n > 0 else { throw Weigering.nietGevonden(.signaal) }
        return n
    }

    private func kandidaat(_ req: Request) throws -> UUID { try req.uuid("kandidaat", .kandidaat) }

    private func fouten(_ req: Request, _ w: Weigering, _ voorvoegsel: String) -> Formulierfouten {
        let t = Teksten.voor(req.taal)
        return Formulierfouten(w, taal: req.taal, voorvoegsel: voorvoegsel) { t["signaalVeld_\($0)"] }
    }

    /// A confirmation after a step, only for the steps that exist (never text from the address).
    private func gedaan(_ req: Request) -> String? {
        let bekend = ["bevestigd", "samengevoegd", "afgewezen"] + Stap.allCases.map(\.rawValue) + ["antwoord"]
        return req.queryWaarde("gedaan").flatMap { bekend.contains($0) ? "signaalGedaan_\($0)" : nil }
    }

    // MARK: Overview

    static func rij(_ s: SignaalSamenvattingDTO, _ t: [String: String], _ taal: Taal, basis: String) -> SignaalRij {
        SignaalRij(href: "\(basis)/\(s.nummer)", nummer: "SIG-\(s.nummer)", titel: s.titel, soort: s.soort.naam(taal), status: s.status.naam(taal),
                   niveau: t.naam("niveau", s.niveau), zaken: s.aantalZaken, gewijzigd: Datumweergave.datum(s.gewijzigdOp))
    }

    func overzicht(req: Request) async throws -> Response {
        let door = try medewerker(req)
        let t = Teksten.voor(req.taal)
        let gekozen = req.queryWaarde("status").flatMap(SignaalStatus.init(rawValue:))
        let voorstellen = try await req.signaalregister.kandidaten(door: door).map { k in
            VoorstelRij(href: "/signalen/voorstellen/\(k.id)", uitleg: req.taal == .nl ? k.uitleg : k.uitlegEn, aantal: k.aantal,
                        periode: "\(Datumweergave.datum(k.begin)) – \(Datumweergave.datum(k.eind))")
        }
        let signalen = try await req.signaalregister.signalen(status: gekozen, door: door).map { Self.rij($0, t, req.taal, basis: "/signalen") }
        let statussen = [Keuze(waarde: "", naam: t.tekst("signaalAlleStatussen"), gekozen: gekozen == nil)]
            + SignaalStatus.allCases.map { Keuze(waarde: $0.rawValue, naam: $0.naam(req.taal), gekozen: $0 == gekozen) }
        return try await req.pagina("signalen", titel: "signalenTitel", inhoud: Overzicht(voorstellen: voorstellen, signalen: signalen, statussen: statussen),
                                    melding: gedaan(req))
    }

    // MARK: A proposal

    static func zaken(_ zaken: [GekoppeldeZaakDTO], _ t: [String: String]) -> [Zaak] {
        zaken.map { z in
            Zaak(kenmerk: z.kenmerk, href: z.bron == .melding ? "/meldingen/\(z.kenmerk)" : nil, bron: t.naam("signaalBron", z.bron),
                 dag: Datumweergave.datum(z.ontvangenOp), registraties: z.registraties.joined(separator: ", "),
                 omschrijving: z.omschrijving, afwijkend: z.afwijkend ?? false)
        }
    }

    func voorstel(req: Request) async throws -> Response {
        try await toonVoorstel(req, door: medewerker(req), melding: req.queryWaarde("gedaan") == "weggelaten" ? "signaalZaakWeggelaten" : nil)
    }

    /// One case out of the proposal (it seems to be about something else); back to what is left.
    func laatWeg(req: Request) async throws -> Response {
        let door = try medewerker(req)
        let id = try kandidaat(req)
        let open = try await req.signaalregister.laatWeg(id, zaak: req.parameters.get("zaak") ?? "", door: door)
        return req.redirect(to: open ? "/signalen/voorstellen/\(id.tekst)?gedaan=weggelaten" : "/signalen?gedaan=afgewezen", redirectType: .normal)
    }

    private func toonVoorstel(_ req: Request, door: Handelende, waarden: [String: String] = [:], fouten: Formulierfouten = .init(),
                              melding: String? = nil, gekozen: Set<String>? = nil) async throws -> Response {
        let t = Teksten.voor(req.taal)
        let d = try await req.signaalregister.kandidaat(try kandidaat(req), door: door)
        let k = d.kandidaat
        let open = try await req.signaalregister.signalen(door: door).filter { !$0.status.isAfgesloten }
        // Cases grouped on a wrong interpretation propose a signaal of that kind.
        var w = ["bevestigTitel": "", "bevestigOmschrijving": k.uitleg,
                 "bevestigSoort": k.kenmerken.contains { $0.soort == "bevinding" } ? SignaalSoort.interpretatie.rawValue : "",
                 "bevestigRegistraties": k.kenmerken.filter { $0.soort == "registratie" }.map(\.waarde).joined(separator: "\n")]
        w.merge(waarden) { _, b in b }
        let inhoud = Voorstel(
            href: "/signalen/voorstellen/\(k.id)", uitleg: req.taal == .nl ? k.uitleg : k.uitlegEn, open: k.status == .open,
            kenmerken: k.kenmerken.map { Regel(label: t.naam("signaalKenmerk", $0.soort), waarde: req.taal == .nl ? $0.waarde : $0.waardeEn) },
            zinsdelen: k.gedeeldeZinsdelen.map { Regel(label: $0.zinsdeel, waarde: "\($0.aantal)") },
            // Ticked for the signaal: what staff chose, else every case that shares the problem.
            zaken: Self.zaken(d.zaken, t).map { z in
                var z = z
                z.gekozen = gekozen?.contains(z.kenmerk) ?? !z.afwijkend
                return z
            },
            lijktOp: k.lijktOp.map { Keuze(waarde: "/signalen/\($0.nummer)", naam: "SIG-\($0.nummer) \($0.titel)") },
            signalen: [Keuze(waarde: "", naam: t.tekst("signaalKies"), gekozen: (w["samenvoegenSignaal"] ?? "").isEmpty)]
                + open.map { Keuze(waarde: "\($0.nummer)", naam: "SIG-\($0.nummer) \($0.titel)", gekozen: w["samenvoegenSignaal"] == "\($0.nummer)") },
            soorten: [Keuze(waarde: "", naam: t.tekst("signaalKies"), gekozen: (w["bevestigSoort"] ?? "").isEmpty)]
                + SignaalSoort.allCases.map { Keuze(waarde: $0.rawValue, naam: $0.naam(req.taal), gekozen: w["bevestigSoort"] == $0.rawValue) },
            waarden: w, fouten: fouten.lijst, foutVelden: fouten.velden)
        return try await req.pagina("signaal-voorstel", titel: "signaalVoorstelTitel", inhoud: inhoud, melding: melding, status: fouten.lijst.isEmpty ? .ok : .badRequest)
    }

    struct BevestigFormulier: Content {
        var titel, omschrijving, soort, registraties: String?
        /// The cases ticked for the signaal; `keuze` says the page offered the choice (none ticked is then an error).
        var zaken: [String]?
        var keuze: String?
    }

    func bevestig(req: Request) async throws -> Response {
        let door = try medewerker(req)
        let f = try req.content.decode(BevestigFormulier.self)
        let registraties = (f.registraties ?? "").split(whereSeparator: { $0 == "\n" || $0 == "," }).map { $0.trimmingCharacters(in: .whitespaces) }
        do {
            let s = try await req.signaalregister.bevestig(try kandidaat(req), NieuwSignaalInvoer(titel: f.titel, omschrijving: f.omschrijving, soort: f.soort,
                                                                                             registraties: registraties),
                                                           alleen: f.keuze == "ja" ? Set(f.zaken ?? []) : nil, door: door)
            return req.redirect(to: "/signalen/\(s.nummer)?gedaan=bevestigd", redirectType: .normal)
        } catch let w as Weigering where w.hoortBijFormulier {
            return try await toonVoorstel(req, door: door, waarden: ["bevestigTitel": f.titel ?? "", "bevestigOmschrijving": f.omschrijving ?? "",
                                                                     "bevestigSoort": f.soort ?? "", "bevestigRegistraties": f.registraties ?? ""],
                                          fouten: fouten(req, w, "bevestig"), gekozen: f.keuze == "ja" ? Set(f.zaken ?? []) : nil)
        }
    }

    struct SamenvoegFormulier: Content { var signaal: String? }

    func voegSamen(req: Request) async throws -> Response {
        let door = try medewerker(req)
        let f = try req.content.decode(SamenvoegFormulier.self)
        do {
            guard let n = f.signaal.flatMap(Int.init) else {
                throw Weigering.ongeldig([OngeldigeParameter(.signaal, code: "required", uitleg: Tekst("Kies het signaal.", "Choose the signal."))])
            }
            let s = try await req.signaalregister.voegSamen(try kandidaat(req), metSignaal: n, door: door)
            return req.redirect(to: "/signalen/\(s.nummer)?gedaan=samengevoegd", redirectType: .normal)
        } catch let w as Weigering where w.hoortBijFormulier {
            return try await toonVoorstel(req, door: door, waarden: ["samenvoegenSignaal": f.signaal ?? ""], fouten: fouten(req, w, "samenvoegen"))
        }
    }

    func wijsAf(req: Request) async throws -> Response {
        let door = try medewerker(req)
        do {
            try await req.signaalregister.wijsAf(try kandidaat(req), door: door)
        } catch let w as Weigering where w.hoortBijFormulier {
            return try await toonVoorstel(req, door: door, fouten: fouten(req, w, "afwijzen"))
        }
        return req.redirect(to: "/signalen?gedaan=afgewezen", redirectType: .normal)
    }

    // MARK: A signaal

    static func verloop(_ stappen: [SignaalStapDTO], _ t: [String: String], _ taal: Taal) -> [Stapregel] {
        stappen.reversed().map { s in
            var details: [String] = []
            if let o = s.organisatie { details.append(o.naam) }
            if let orgaan = s.orgaan { details.append(orgaan) }
            if let datum = s.datum { details.append(Datumweergave.datum(datum)) }
            if let n = s.niveau { details.append(t.naam("niveau", n)) }
            if s.soort == .afsluiting, let st = s.status { details.append(st.naam(taal)) }
            let tekst = s.soort == .zakenToegevoegd ? s.tekst.map { "\($0) \(t.tekst("signaalZakenErbij"))" } : s.tekst
            return Stapregel(tijdstip: Datumweergave.tijdstip(s.tijdstip), wat: t.naam("signaalStap", s.soort), door: s.door ?? "",
                             details: details.isEmpty ? nil : details.joined(separator: " · "), tekst: tekst)
        }
    }

    func signaal(req: Request) async throws -> Response {
        let door = try medewerker(req)
        return try await toonSignaal(req, try await req.signaalregister.signaal(nummer(req), door: door), melding: gedaan(req))
    }

    private func toonSignaal(_ req: Request, _ s: SignaalDTO, melding: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let t = Teksten.voor(req.taal)
        let href = "/signalen/\(s.nummer)"
        let inhoud = SignaalPagina(
            href: href, nummer: "SIG-\(s.nummer)", titel: s.titel, omschrijving: s.omschrijving,
            regels: [Regel(label: t.tekst("signaalStatus"), waarde: s.status.naam(req.taal)), Regel(label: t.tekst("signaalSoort"), waarde: s.soort.naam(req.taal)),
                     Regel(label: t.tekst("verzoekNiveau"), waarde: t.naam("niveau", s.niveau)),
                     Regel(label: t.tekst("signaalRegistraties"), waarde: s.registraties.isEmpty ? "–" : s.registraties.joined(separator: ", ")),
                     Regel(label: t.tekst("signaalAangemaakt"), waarde: Datumweergave.datum(s.aangemaaktOp))],
            organisaties: s.organisaties.map {
                Regel(label: $0.organisatie.naam, waarde: $0.teruggekoppeldOp.map { "\(t.tekst("signaalTeruggekoppeldOp")) \(Datumweergave.datum($0))" } ?? t.tekst("signaalNogNiet"))
            },
            zaken: Self.zaken(s.zaken, t), verloop: Self.verloop(s.verloop, t, req.taal),
            kennis: s.kennis.map { Kennis(geleerd: $0.geleerd, route: $0.oplossingsroute, gedeeld: $0.gedeeld) },
            acties: Stap.allCases.filter { $0.kan(s) }.map { ActieLink(href: "\(href)/\($0.rawValue)", naam: t.tekst($0.tekst), apart: $0 == .afsluiten) })
        return try await req.pagina("signaal", titel: "signaalTitel", inhoud: inhoud, melding: melding, status: status)
    }

    /// A task's page; one the signaal does not allow now answers 409 on the signaal with why.
    func taak(_ req: Request, _ stap: Stap) async throws -> Response {
        let door = try medewerker(req)
        let s = try await req.signaalregister.signaal(nummer(req), door: door)
        guard stap.kan(s) else { return try await toonSignaal(req, s, melding: "signaalTaakNietMogelijk", status: .conflict) }
        // Back from adding an organisation to the register: it is the one chosen.
        let gekozen = stap == .terugkoppelen ? req.queryWaarde("organisatie").flatMap(OIN.init).map { ["terugkoppelenOrganisatieOin": $0.description] } : nil
        return try await toonTaak(req, s, stap.rawValue, titel: stap.tekst, waarden: gekozen ?? [:])
    }

    private func toonTaak(_ req: Request, _ s: SignaalDTO, _ taak: String, titel: String, waarden: [String: String] = [:],
                          fouten: Formulierfouten = .init()) async throws -> Response {
        let t = Teksten.voor(req.taal)
        // Only feeding back chooses an organisation.
        let partners = taak == Stap.terugkoppelen.rawValue ? try await req.partnerregister.partners() : []
        var w: [String: String] = ["kennisGeleerd": s.kennis?.geleerd ?? "", "kennisOplossingsroute": s.kennis?.oplossingsroute ?? "",
                                   "kennisDelen": (s.kennis?.gedeeld ?? false) ? "ja" : ""]
        w.merge(waarden) { _, b in b }
        let uitkomsten = [SignaalStatus.opgelost, .nietOpgelost].map { Keuze(waarde: $0.rawValue, naam: $0.naam(req.taal), gekozen: w["afsluitenUitkomst"] == $0.rawValue) }
        let inhoud = SignaalTaak(
            href: "/signalen/\(s.nummer)", nummer: "SIG-\(s.nummer)", titel: s.titel, status: s.status.naam(req.taal), taak: taak, taakTitel: t.tekst(titel),
            organisatieKeuzes: [Keuze(waarde: "", naam: t.tekst("signaalKies"), gekozen: (w["terugkoppelenOrganisatieOin"] ?? "").isEmpty)]
                + partners.compactMap { o in o.oin.map { Keuze(waarde: $0, naam: o.naam, gekozen: w["terugkoppelenOrganisatieOin"] == $0) } },
            nietInRegister: taak == Stap.terugkoppelen.rawValue
                ? try await req.partnerregister.nietInHetRegister(genoemd: []).map {
                    Keuze(waarde: "/partners?naam=\(MeldingenWebController.queryWaarde($0))&terug=\(MeldingenWebController.queryWaarde("/signalen/\(s.nummer)/terugkoppelen"))#toevoegen", naam: $0)
                } : [],
            uitkomsten: uitkomsten,
            controle: taak == "afsluiten-controle"
                ? [Regel(label: t.tekst("signaalVeld_afsluitenUitkomst"), waarde: uitkomsten.first(where: \.gekozen)?.naam ?? ""),
                   Regel(label: t.tekst("signaalVeld_afsluitenToelichting"), waarde: w["afsluitenToelichting"] ?? "")]
                : [],
            waarden: w, fouten: fouten.lijst, foutVelden: fouten.velden)
        return try await req.pagina("signaal-taak", titel: titel, inhoud: inhoud, status: fouten.lijst.isEmpty ? .ok : .badRequest)
    }

    struct StapFormulier: Content {
        var organisatieOin, orgaan, datum, uitkomst, toelichting, geleerd, oplossingsroute, delen, kenmerk: String?
        /// Closing only: "controle" (to the check page, the default), "wijzig" (back to the form) or "bevestig" (close).
        var stap: String?
    }

    func zetStap(_ req: Request, _ stap: Stap) async throws -> Response {
        let door = try medewerker(req)
        let n = try nummer(req)
        let f = try req.content.decode(StapFormulier.self)
        let invoer = SignaalStapInvoer(organisatieOin: f.organisatieOin, orgaan: f.orgaan, datum: f.datum, uitkomst: f.uitkomst, toelichting: f.toelichting)
        let v = stap.rawValue
        let waarden = ["\(v)OrganisatieOin": f.organisatieOin, "\(v)Orgaan": f.orgaan, "\(v)Datum": f.datum, "\(v)Uitkomst": f.uitkomst,
                       "\(v)Toelichting": f.toelichting, "kennisGeleerd": stap == .kennis ? f.geleerd : nil,
                       "kennisOplossingsroute": stap == .kennis ? f.oplossingsroute : nil, "kennisDelen": stap == .kennis ? (f.delen ?? "") : nil,
                       "zaakKenmerk": f.kenmerk].compactMapValues { $0 }
        let r = req.signaalregister
        do {
            switch stap {
            case .terugkoppelen: _ = try await r.zetStap(n, .terugkoppeling, invoer, door: door)
            case .agenderen: _ = try await r.zetStap(n, .agendering, invoer, door: door)
            case .escaleren: _ = try await r.zetStap(n, .escalatie, invoer, door: door)
            case .afsluiten where f.stap == "bevestig": _ = try await r.zetStap(n, .afsluiting, invoer, door: door)
            case .afsluiten where f.stap == "wijzig":
                return try await toonTaak(req, r.signaal(n, door: door), v, titel: stap.tekst, waarden: waarden)
            case .afsluiten:
                // Checked as closing would, nothing written: the check page in words first.
                try await r.controleerStap(n, .afsluiting, invoer, door: door)
                return try await toonTaak(req, r.signaal(n, door: door), "afsluiten-controle", titel: "signaalAfsluitenControle", waarden: waarden)
            case .kennis: _ = try await r.legKennisVast(n, KennisInvoer(geleerd: f.geleerd, oplossingsroute: f.oplossingsroute, delen: f.delen == "ja"), door: door)
            case .zaak: _ = try await r.koppelZaak(n, kenmerk: f.kenmerk, door: door)
            }
        } catch let w as Weigering where w.hoortBijFormulier {
            return try await toonTaak(req, r.signaal(n, door: door), v, titel: stap.tekst, waarden: waarden, fouten: fouten(req, w, v))
        }
        return req.redirect(to: "/signalen/\(n)?gedaan=\(stap.rawValue)", redirectType: .normal)
    }

    // MARK: The organisation's side

    func ontvangen(req: Request) async throws -> Response {
        let door = Handelende(try req.vereisGebruiker())
        let t = Teksten.voor(req.taal)
        let rijen = try await req.signaalregister.signalenVoorPartner(door: door).map { Self.rij($0, t, req.taal, basis: "/ontvangen-signalen") }
        return try await req.pagina("ontvangen-signalen", titel: "ontvangenSignalenTitel", inhoud: OntvangenLijst(signalen: rijen))
    }

    func ontvangenSignaal(req: Request) async throws -> Response {
        try await toonOntvangen(req, door: Handelende(try req.vereisGebruiker()), melding: gedaan(req))
    }

    private func toonOntvangen(_ req: Request, door: Handelende, waarden: [String: String] = [:], fouten: Formulierfouten = .init(),
                               melding: String? = nil) async throws -> Response {
        let t = Teksten.voor(req.taal)
        let s = try await req.signaalregister.signaalVoorPartner(nummer(req), door: door)
        let inhoud = OntvangenPagina(
            href: "/ontvangen-signalen/\(s.nummer)", nummer: "SIG-\(s.nummer)", titel: s.titel, omschrijving: s.omschrijving,
            regels: [Regel(label: t.tekst("signaalStatus"), waarde: s.status.naam(req.taal)), Regel(label: t.tekst("signaalSoort"), waarde: s.soort.naam(req.taal)),
                     Regel(label: t.tekst("verzoekNiveau"), waarde: t.naam("niveau", s.niveau)),
                     Regel(label: t.tekst("signaalRegistraties"), waarde: s.registraties.isEmpty ? "–" : s.registraties.joined(separator: ", ")),
                     Regel(label: t.tekst("signaalAantalZaken"), waarde: "\(s.aantalZaken)")],
            verloop: Self.verloop(s.verloop, t, req.taal), kennis: s.kennis.map { Kennis(geleerd: $0.geleerd, route: $0.oplossingsroute, gedeeld: $0.gedeeld) },
            open: !s.status.isAfgesloten, waarden: waarden, fouten: fouten.lijst, foutVelden: fouten.velden)
        return try await req.pagina("ontvangen-signaal", titel: "ontvangenSignalenTitel", inhoud: inhoud, melding: melding,
                                    status: fouten.lijst.isEmpty ? .ok : .badRequest)
    }

    struct AntwoordFormulier: Content { var toelichting: String? }

    func antwoord(req: Request) async throws -> Response {
        let door = Handelende(try req.vereisGebruiker())
        let f = try req.content.decode(AntwoordFormulier.self)
        let n = try nummer(req)
        do {
            _ = try await req.signaalregister.beantwoord(n, SignaalStapInvoer(toelichting: f.toelichting), door: door)
        } catch let w as Weigering where w.hoortBijFormulier {
            return try await toonOntvangen(req, door: door, waarden: ["antwoordToelichting": f.toelichting ?? ""], fouten: fouten(req, w, "antwoord"))
        }
        return req.redirect(to: "/ontvangen-signalen/\(n)?gedaan=antwoord", redirectType: .normal)
    }
}
