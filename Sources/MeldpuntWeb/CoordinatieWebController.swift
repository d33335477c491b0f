import MeldpuntHTTP
import MeldpuntAdressen
import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Vapor

struct CoordinatieWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        // The meldpunt's side of one request.
        let m = routes.grouped("meldingen", ":zaaknummer", "verzoeken", ":verzoek")
        m.get(use: verzoekVoorMeldpunt)
        for taak in Verzoektaak.vanMeldpunt {
            routes.get(Webadres.verzoekTaakVanMelding(zaaknummer: "", verzoek: UUID(), taak).route) { req in
                try await toonVoorMeldpunt(req, try medewerker(req), taak: taak)
            }
        }
        m.get("bijlagen", ":bijlage", use: bijlageVoorMeldpunt)
        let meldpuntFormulieren: [any MeldpuntVerzoekFormulier.Type] = [
            BerichtAanPartnerFormulier.self, VerslagFormulier.self, TermijnZettenFormulier.self, VerzoekEscalerenFormulier.self, EscalatieAfwijzenFormulier.self,
        ]
        for formulier in meldpuntFormulieren { registreer(formulier, op: m) }
        routes.get("opschortingen", use: opschortingen)
        m.post("opschortingsbesluit", use: besluitOverOpschorting)

        // The partner portal.
        let p = routes.grouped("verzoeken")
        p.get(use: partnerLijst)
        p.get(":verzoek", use: verzoekVoorPartner)
        for taak in Verzoektaak.vanPartner {
            routes.get(Webadres.verzoekTaak(UUID(), taak).route) { req in try await toonVoorPartner(req, try partner(req), taak: taak) }
        }
        p.get(":verzoek", "bijlagen", ":bijlage", use: bijlageVoorPartner)
        p.upload(":verzoek", "bijlage", max: BijlageRegels.maxUploadBody, rollen: [.partner], use: partnerBijlage)
        let partnerFormulieren: [any PartnerFormulier.Type] = [
            AccepterenFormulier.self, AfwijzenFormulier.self, UitvoerenFormulier.self, TermijnVoorstellenFormulier.self,
            BerichtAanMeldpuntFormulier.self, OpheffenFormulier.self, PartnerEscalerenFormulier.self, PartnerEscalatieAfwijzenFormulier.self,
        ]
        for formulier in partnerFormulieren { registreer(formulier, op: p) }
    }

    private func registreer<F: MeldpuntVerzoekFormulier>(_: F.Type, op m: any RoutesBuilder) {
        m.post(.constant(F.actie.rawValue)) { req in try await meldpuntActie(F.self, req) }
    }

    private func registreer<F: PartnerFormulier>(_: F.Type, op p: any RoutesBuilder) {
        p.post(":verzoek", .constant(F.actie.rawValue)) { req in try await partnerActie(F.self, req) }
    }

    private func medewerker(_ req: Request) throws -> Handelende { Handelende(try req.vereisGebruiker(.meldpunt)) }
    private func partner(_ req: Request) throws -> Handelende { Handelende(try req.vereisGebruiker(.partner)) }
    private func zaaknummer(_ req: Request) throws -> Zaaknummer { try req.zaaknummer() }
    private func id(_ req: Request) throws -> UUID { try req.uuid("verzoek", .verzoek) }

    static func berichten(_ b: [VerzoekBerichtDTO], _ t: [String: String], href: (VerzoekBijlageDTO) -> String) -> [VerzoekPagina.Bericht] {
        b.reversed().map {
            VerzoekPagina.Bericht(tijdstip: Datumweergave.tijdstip($0.tijdstip), van: $0.door ?? t.naam("verzoekVan", $0.van),
                                  wat: t.naam("verzoekStap", $0.soort), tekst: $0.tekst, bijlage: $0.bijlage.map(href), bijlageNaam: $0.bijlage?.bestandsnaam)
        }
    }

    static func opschortingTekst(_ o: OpschortingDTO, _ t: [String: String]) -> String {
        [t.naam("opschortingsActie", o.actie), o.kenmerk.map { "\(t.tekst("verzoekKenmerk")) \($0)" },
         o.tot.map { "\(t.tekst("statusTot")) \(Datumweergave.datum($0))" },
         o.bevestigdOp.map { "\(t.tekst("verzoekBevestigd")) \(Datumweergave.datum($0))" } ?? t["verzoekNietBevestigd"],
         o.opgehevenOp.map { "\(t.tekst("verzoekOpgeheven")) \(Datumweergave.datum($0))" },
         o.besluit.map { "\(t.tekst("opschortingBesluitBijAfronden")): \(t.naam("opschortingBesluit", $0).lowercased())" },
         o.teBeslissen ? t.tekst("opschortingenBeslissen") : nil].compactMap { $0 }.joined(separator: " · ")
    }

    static func kop(soort: VerzoekSoort, status: VerzoekStatus, uiterlijk: Dag?, teLaat: Bool, niveau: Escalatieniveau, reden: String?, opschorting: OpschortingDTO?,
                    overleg: VerzoekOverlegDTO?, _ t: [String: String]) -> [VerzoekPagina.Regel] {
        var r = [VerzoekPagina.Regel(label: t.tekst("verzoekSoort"), waarde: t.naam("verzoekSoort", soort)),
                 VerzoekPagina.Regel(label: t.tekst("status"), waarde: t.naam("verzoekStatus", status)),
                 VerzoekPagina.Regel(label: t.tekst("verzoekUiterlijk"), waarde: (uiterlijk.map(Datumweergave.datum) ?? "–") + (teLaat ? " – \(t.tekst("teLaat"))" : "")),
                 VerzoekPagina.Regel(label: t.tekst("verzoekNiveau"), waarde: t.naam("niveau", niveau))]
        if let reden { r.append(.init(label: t.tekst("verzoekReden"), waarde: reden)) }
        if let o = opschorting { r.append(.init(label: t.tekst("verzoekOpschorting"), waarde: opschortingTekst(o, t))) }
        if let o = overleg {
            r.append(.init(label: t.tekst("verzoekOverleg"), waarde: "\(Datumweergave.datum(o.datum)) · \(o.deelnemers)"))
            if let v = o.verslag { r.append(.init(label: t.tekst("verzoekVerslag"), waarde: v)) }
        }
        return r
    }

    // MARK: The meldpunt's side

    enum MeldpuntActie: String, CaseIterable {
        case bericht, termijn, escaleren, verslag
        case escalatieAfwijzen = "escalatie-afwijzen"
        /// Its form's field ids start with this.
        var voorvoegsel: String { Verzoektaak(rawValue: rawValue)?.voorvoegsel ?? rawValue }
    }

    func verzoekVoorMeldpunt(req: Request) async throws -> Response {
        let g = try medewerker(req)
        if let id = req.queryWaarde("standaardtekst").flatMap(UUID.init(uuidString:)) {
            // A standard text for partners in the message box, filled in for this request; staff read it and change what is needed.
            let s = try await Standaardteksten(db: req.db, nu: req.application.klok.nu()).tekst(id, organisatie: g.organisatie)
            guard s.actief, s.doel == .partner else { throw Weigering.nietGevonden(.standaardtekst) }
            let v = try await req.meldingen.verzoeken.verzoekVoorMeldpunt(try zaaknummer(req), try self.id(req), door: g)
            let tekst = Standaardtekstvelden.vul(s.tekstNl, [
                "naam": v.contactpersoon?.naam ?? "", "organisatie": v.organisatie.naam, "zaaknummer": try zaaknummer(req).description,
                "datum": Datumweergave.voluit(Dag(req.application.klok.nu()), .nl), "contactUiterlijk": v.uiterlijk.map { Datumweergave.voluit($0, .nl) } ?? "",
            ])
            return try await toonVoorMeldpunt(req, g, waarden: ["berichtTekst": tekst], gelezen: v)
        }
        let gedaan = req.queryWaarde("gedaan").flatMap(MeldpuntActie.init(rawValue:)).map { "verzoekGedaan_\($0.voorvoegsel)" }
        return try await toonVoorMeldpunt(req, g, melding: gedaan)
    }

    /// After "escalate": a proposal of this side still stands (it waits for the other), or the request went up.
    static func gedaan(_ melding: String?, voorstel: EscalatievoorstelDTO?, kant: Verzoekpartij) -> String? {
        melding == "verzoekGedaan_escaleren" && voorstel?.door == kant ? "verzoekGedaan_escalatieVoorgesteld" : melding
    }

    private func toonVoorMeldpunt(_ req: Request, _ g: Handelende, taak: Verzoektaak? = nil, waarden: [String: String] = [:], fouten: Formulierfouten = .init(),
                                  melding: String? = nil, gelezen: VerzoekDTO? = nil) async throws -> Response {
        let z = try zaaknummer(req)
        let v = if let gelezen { gelezen } else { try await req.meldingen.verzoeken.verzoekVoorMeldpunt(z, try id(req), door: g) }
        var pagina = VerzoekPagina.voorMeldpunt(v, zaaknummer: z.description, taal: req.taal, waarden: waarden, fouten: fouten)
        if taak == nil {
            pagina.standaardteksten = try await Standaardteksten(db: req.db, nu: req.application.klok.nu()).lijst(doel: .partner, organisatie: g.organisatie).map {
                Keuze(waarde: "\(pagina.basis)?standaardtekst=\($0.id)#berichtTekst", naam: $0.titel)
            }
        }
        return try await toon(req, pagina, taak: taak, melding: Self.gedaan(melding, voorstel: v.escalatievoorstel, kant: .meldpunt))
    }

    /// The request, or one task's page; a task the request does not allow now answers 409 on the
    /// request with why (a refused form stays on its task page, its problems beside the fields).
    private func toon(_ req: Request, _ pagina: VerzoekPagina, taak: Verzoektaak?, melding: String?) async throws -> Response {
        let status: HTTPResponseStatus = pagina.fouten.isEmpty ? .ok : .badRequest
        guard let taak else { return try await req.pagina("verzoek", titel: "verzoekTitel", inhoud: pagina, melding: melding, status: status) }
        guard pagina.kan(taak) || !pagina.fouten.isEmpty else {
            return try await req.pagina("verzoek", titel: "verzoekTitel", inhoud: pagina, melding: "verzoekTaakNietMogelijk", status: .conflict)
        }
        return try await req.pagina("verzoek-taak", titel: "verzoekTitel", inhoud: pagina.alsTaak(taak, taal: req.taal), status: status)
    }

    private func meldpuntActie<F: MeldpuntVerzoekFormulier>(_: F.Type, _ req: Request) async throws -> Response {
        let g = try medewerker(req)
        let formulier = try req.content.decode(F.self)
        let (z, vid) = (try zaaknummer(req), try id(req))
        do {
            try await formulier.voerUit(z, vid, door: g, req)
        } catch let p as Weigering where p.hoortBijFormulier {
            let t = Teksten.voor(req.taal)
            let fouten = Formulierfouten(p, taal: req.taal, voorvoegsel: F.actie.voorvoegsel) { t["verzoekVeld_\($0)"] }
            return try await toonVoorMeldpunt(req, g, taak: Verzoektaak(rawValue: F.actie.rawValue), waarden: Self.waarden(formulier.ingevuld, F.actie.voorvoegsel),
                                              fouten: fouten)
        }
        return req.redirect(to: Webadres.verzoekVanMelding(zaaknummer: z.description, verzoek: vid).pad + "?gedaan=\(F.actie.rawValue)", redirectType: .normal)
    }

    /// What was typed, under the field ids of the form it came from.
    static func waarden(_ ingevuld: [String: String], _ voorvoegsel: String) -> [String: String] {
        Dictionary(ingevuld.map { (Formulierfouten.veld(voorvoegsel, $0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    func bijlageVoorMeldpunt(req: Request) async throws -> Response {
        let door = try medewerker(req)
        let (naam, mime, data) = try await req.meldingen.verzoeken.verzoekBijlageVoorMeldpunt(try zaaknummer(req), try id(req), try req.uuid("bijlage", .bijlage), door: door)
        return Response.download(naam, mime, data)
    }

    func opschortingen(req: Request) async throws -> Response {
        try await toonOpschortingen(req, map: req.queryWaarde("map") ?? (req.queryWaarde("actief") == "false" ? "alle" : "actief"))
    }

    private func toonOpschortingen(_ req: Request, map gevraagd: String, fouten: Formulierfouten = .init()) async throws -> Response {
        let t = Teksten.voor(req.taal)
        let map = ["actief", "beslissen", "alle"].contains(gevraagd) ? gevraagd : "actief"
        let alle = try await req.meldingen.verzoeken.opschortingen(alleenActief: map != "alle", door: medewerker(req))
        let teBeslissen = alle.filter(\.opschorting.teBeslissen)
        let rijen = (map == "beslissen" ? teBeslissen : alle).map { o in
            var r = OpschortingRij(href: "/meldingen/\(o.zaaknummer)/verzoeken/\(o.verzoekId)", zaaknummer: o.zaaknummer, organisatie: o.organisatie,
                                   wat: Self.opschortingTekst(o.opschorting, t), actief: o.opschorting.actief)
            if o.opschorting.teBeslissen {
                r.besluitActie = "/meldingen/\(o.zaaknummer)/verzoeken/\(o.verzoekId)/opschortingsbesluit"
                r.besluitVeld = "besluit-\(o.verzoekId)"
                r.besluitFout = fouten.velden[r.besluitVeld]
            }
            return r
        }
        let besluiten = OpschortingBesluit.allCases.map { Keuze(waarde: $0.rawValue, naam: t.naam("opschortingBesluit", $0), gekozen: false) }
        return try await req.pagina("opschortingen", titel: "opschortingenTitel",
                                    inhoud: Opschortingen(rijen: rijen, map: map, teBeslissen: teBeslissen.count, besluiten: besluiten,
                                                          fouten: fouten.lijst, foutVelden: fouten.velden),
                                    melding: req.queryWaarde("gedaan") == "besluit" ? "opschortingBesluitGedaan" : nil,
                                    status: fouten.lijst.isEmpty ? .ok : .badRequest)
    }

    struct OpschortingBesluitFormulier: Content { var besluit: String? }

    /// A running suspension of a case closed without a decision (consent withdrawn): lift or keep.
    func besluitOverOpschorting(req: Request) async throws -> Response {
        let door = try medewerker(req)
        let f = try req.content.decode(OpschortingBesluitFormulier.self)
        let id = try self.id(req)
        do {
            _ = try await req.meldingen.verzoeken.besluitOverOpschorting(try zaaknummer(req), id, OpschortingBesluitInvoer(besluit: f.besluit), door: door)
        } catch let w as Weigering where w.hoortBijFormulier {
            let t = Teksten.voor(req.taal)
            return try await toonOpschortingen(req, map: "beslissen", fouten: Formulierfouten(w, taal: req.taal, voorvoegsel: "", veld: { _ in "besluit-\(id.tekst)" }) { _ in
                t["mfoVeld_sluitenOpschortingBesluit"]
            })
        }
        return req.redirect(to: "/opschortingen?map=beslissen&gedaan=besluit", redirectType: .normal)
    }

    // MARK: The partner portal

    func partnerLijst(req: Request) async throws -> Response {
        let t = Teksten.voor(req.taal)
        let open = req.queryWaarde("alle") == nil
        let pagina = max(1, min(100_000, req.queryWaarde("pagina").flatMap { Int($0) } ?? 1))
        let (items, totaal) = try await req.meldingen.partnerportaal.verzoekenVoorPartner(alleenOpen: open, pagina: pagina, grootte: 25, door: partner(req))
        let rijen = items.map {
            PartnerRij(href: "/verzoeken/\($0.id)", zaaknummer: $0.zaaknummer, soort: t.naam("verzoekSoort", $0.soort),
                       status: t.naam("verzoekStatus", $0.status), uiterlijk: $0.uiterlijk.map(Datumweergave.datum) ?? "–", teLaat: $0.termijnOverschreden)
        }
        return try await req.pagina("verzoeken", titel: "verzoekenTitel", inhoud: PartnerLijst(
            rijen: rijen, alleenOpen: open,
            bladeren: Bladeren(totaal: totaal, pagina: pagina, grootte: 25, link: { "/verzoeken?\(open ? "" : "alle=1&")pagina=\($0)" })))
    }

    enum PartnerActie: String, CaseIterable {
        case accepteren, afwijzen, uitvoeren, termijn, bericht, opheffen, escaleren
        case escalatieAfwijzen = "escalatie-afwijzen"
        /// Its form's field ids start with this.
        var voorvoegsel: String { Verzoektaak(rawValue: rawValue)?.voorvoegsel ?? rawValue }
    }

    func verzoekVoorPartner(req: Request) async throws -> Response {
        // Only a confirmation that exists, never text from the address.
        let gedaan = req.queryWaarde("gedaan").flatMap { g in
            g == "bijlage" ? "verzoekGedaan_bijlage" : PartnerActie(rawValue: g).map { "verzoekGedaan_\($0.voorvoegsel)" }
        }
        return try await toonVoorPartner(req, try partner(req), melding: gedaan)
    }

    private func toonVoorPartner(_ req: Request, _ g: Handelende, taak: Verzoektaak? = nil, waarden: [String: String] = [:], fouten: Formulierfouten = .init(),
                                 melding: String? = nil) async throws -> Response {
        let v = try await req.meldingen.partnerportaal.verzoekVoorPartner(try id(req), door: g)
        return try await toon(req, VerzoekPagina.voorPartner(v, taal: req.taal, waarden: waarden, fouten: fouten), taak: taak,
                              melding: Self.gedaan(melding, voorstel: v.escalatievoorstel, kant: .partner))
    }

    private func partnerActie<F: PartnerFormulier>(_: F.Type, _ req: Request) async throws -> Response {
        let g = try partner(req)
        let formulier = try req.content.decode(F.self)
        let vid = try id(req)
        do {
            try await formulier.voerUit(vid, door: g, req)
        } catch let p as Weigering where p.hoortBijFormulier {
            return try await partnerFout(req, g, F.actie.rawValue, p, formulier.ingevuld, voorvoegsel: F.actie.voorvoegsel)
        }
        return req.redirect(to: Webadres.verzoek(vid).pad + "?gedaan=\(F.actie.rawValue)", redirectType: .normal)
    }

    private func partnerFout(_ req: Request, _ g: Handelende, _ taak: String, _ p: Weigering, _ ingevuld: [String: String], voorvoegsel: String? = nil,
                             veld: (Veld) -> String = \.formulierveld) async throws -> Response {
        let t = Teksten.voor(req.taal)
        let voorvoegsel = voorvoegsel ?? taak
        let fouten = Formulierfouten(p, taal: req.taal, voorvoegsel: voorvoegsel, veld: veld) { t["verzoekVeld_\($0)"] }
        return try await toonVoorPartner(req, g, taak: Verzoektaak(rawValue: taak), waarden: Self.waarden(ingevuld, voorvoegsel), fouten: fouten)
    }

    struct BijlageInvoer: Content { var bijlage: File? }

    func partnerBijlage(req: Request) async throws -> Response {
        let g = try partner(req)
        let vid = try id(req)
        do {
            let file = try req.content.decode(BijlageInvoer.self).bijlage
            _ = try await req.meldingen.partnerportaal.voegBijlageToe(vid, bestandsnaam: file?.filename, data: Data(buffer: file?.data ?? ByteBuffer()), door: g)
        } catch let p as Weigering where p.hoortBijFormulier {
            // Whatever is wrong with the upload, the page has one field for it: the file.
            return try await partnerFout(req, g, "bijlage", p, [:]) { _ in "bestand" }
        }
        return req.redirect(to: Webadres.verzoek(vid).pad + "?gedaan=bijlage", redirectType: .normal)
    }

    func bijlageVoorPartner(req: Request) async throws -> Response {
        let door = try partner(req)
        let (naam, mime, data) = try await req.meldingen.partnerportaal.verzoekBijlageVoorPartner(try id(req), try req.uuid("bijlage", .bijlage), door: door)
        return Response.download(naam, mime, data)
    }
}
