import MeldpuntHTTP
import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Vapor

/// "Nieuwe terugmelding" in steps, like Digimelding: registratie → persoon → gegevens →
/// aanvullend (toelichting, kenmerk, contact, bijlagen) → controleren en verzenden.
/// Every step is saved in a server-side concept, so going back or an error loses nothing.
struct NieuweTerugmeldingController: RouteCollection {
    enum Stap: String, CaseIterable {
        case registratie, persoon, gegevens, aanvullend, controleren

        var volgende: Stap? { Stap.allCases.firstIndex(of: self).flatMap { $0 + 1 < Stap.allCases.count ? Stap.allCases[$0 + 1] : nil } }
        var vorige: Stap? { Stap.allCases.firstIndex(of: self).flatMap { $0 > 0 ? Stap.allCases[$0 - 1] : nil } }
    }

    func boot(routes: any RoutesBuilder) throws {
        let nieuw = routes.grouped("terugmeldingen", "nieuw")
        nieuw.get(use: begin)
        nieuw.post(use: start)
        nieuw.get(":concept", ":stap", use: toon)
        nieuw.upload(":concept", ":stap", max: BijlageRegels.maxUploadBody, rollen: [.afnemer], use: bewaar)
    }

    private func afnemer(_ req: Request) throws -> GebruikerDTO {
        let g = try req.vereisGebruiker(.afnemer)
        guard g.organisatie.heeft(.afnemer) else { throw WebFout.geenToegang }
        return g
    }

    /// The address people follow or bookmark: what comes, and the button that starts a draft
    /// (a GET never creates one).
    func begin(req: Request) async throws -> Response {
        _ = try afnemer(req)
        return try await req.pagina("nieuw-start", titel: "nieuweTerugmelding")
    }

    func start(req: Request) async throws -> Response {
        let g = try afnemer(req)
        let c = Concept()
        c.$gebruiker.id = g.id
        c.inhoud = try Self.json(TerugmeldingConcept(contactNaam: g.naam, contactEmail: g.email))
        try await c.create(on: req.db)
        return req.redirect(to: "/terugmeldingen/nieuw/\((try c.requireID()).tekst)/registratie", redirectType: .normal)
    }

    // MARK: Showing a step

    func toon(req: Request) async throws -> Response {
        let (concept, model, stap) = try await laad(req)
        // A later step opens only once the ones before it are complete.
        let open = Self.eersteOnvolledige(concept, req.application.referentiedata, req.taal)?.0
        if let open, Stap.allCases.firstIndex(of: stap)! > Stap.allCases.firstIndex(of: open)! {
            return req.redirect(to: "/terugmeldingen/nieuw/\((try model.requireID()).tekst)/\(open.rawValue)", redirectType: .normal)
        }
        return try await render(req, concept, model, stap, fouten: [], eersteOpen: open, terug: req.queryWaarde("terug") == "controleren")
    }

    /// `eersteOpen`: the first incomplete step, when the caller already knows it.
    private func render(_ req: Request, _ concept: TerugmeldingConcept, _ model: Concept, _ stap: Stap, fouten: [VeldFout],
                        eersteOpen: Stap?? = nil, status: HTTPResponseStatus = .ok, terug: Bool = false) async throws -> Response {
        let t = Teksten.voor(req.taal)
        let basis = "/terugmeldingen/nieuw/\((try model.requireID()).tekst)"
        let ref = req.application.referentiedata
        let foutVelden = Dictionary(fouten.map { ($0.veld, $0.tekst) }, uniquingKeysWith: { a, _ in a })
        // Steps after the first incomplete one are not links: they cannot be reached yet.
        let open = eersteOpen ?? Self.eersteOnvolledige(concept, ref, req.taal)?.0
        let bereikbaar = open.flatMap { Stap.allCases.firstIndex(of: $0) } ?? Stap.allCases.count - 1
        let wizard = Wizard(
            stap: stap.rawValue, stapNummer: (Stap.allCases.firstIndex(of: stap) ?? 0) + 1,
            stappen: Stap.allCases.enumerated().map { i, s in
                StapLink(naam: t.naam("stap", s), href: i <= bereikbaar ? "\(basis)/\(s.rawValue)" : nil, huidig: s == stap, nummer: i + 1)
            },
            terugNaarControle: terug, basis: basis,
            actie: "\(basis)/\(stap.rawValue)", concept: concept,
            gemeenten: ref.actueleGemeenten().sorted { $0.naam < $1.naam }.map { "\($0.code) \($0.naam)" },
            gegevens: concept.gegevens.enumerated().map { i, g in
                GegevenRij(index: i, attribuut: g.attribuut, betwijfeld: g.betwijfeld, voorgesteld: g.voorgesteld,
                           attribuutFout: foutVelden["gegevens_\(i)_attribuut"], waardeFout: foutVelden["gegevens_\(i)_betwijfeld"],
                           attributen: BRPAttribuut.alle.map { Keuze(waarde: $0.urn, naam: $0.naam, gekozen: $0.urn == g.attribuut) })
            },
            bijlagen: concept.bijlagen.map {
                BijlageRij(id: $0.id.tekst, naam: $0.bestandsnaam, grootte: ByteCountFormatter.string(fromByteCount: Int64($0.grootte), countStyle: .file))
            },
            fouten: fouten, foutVelden: foutVelden,
            gemeenteNaam: Self.gemeentecode(concept.gemeente, ref).flatMap { ref.gemeente($0).map { "\($0.naam) (\($0.code))" } } ?? concept.gemeente,
            persoon: TerugmeldingenWebController.persoonTekst(PersoonIdentificatie(
                bsn: concept.bsn.isEmpty ? nil : concept.bsn, anummer: concept.anummer.isEmpty ? nil : concept.anummer,
                adres: concept.adres.isEmpty ? nil : concept.adres)),
            gegevensTekst: concept.gegevens.map {
                "\(BRPAttribuut.met(urn: $0.attribuut)?.naam ?? $0.attribuut): \($0.betwijfeld.isEmpty ? "–" : $0.betwijfeld) → \($0.voorgesteld.isEmpty ? "–" : $0.voorgesteld)"
            })
        var pagina = wizard
        pagina.naarRNI = Self.gemeentecode(concept.gemeente, ref) == Gemeentecode.rni.description
        // Known once the person is: on the first step (to choose) and every step after the person's.
        if stap != .persoon { pagina.brp = Self.brpSuggestie(concept, ref, req.taal) }
        return try await req.pagina("nieuw", titel: "nieuweTerugmelding", inhoud: pagina, status: status)
    }

    // MARK: Saving a step

    struct Invoer: Content {
        var actie: String?
        var gemeente: String?
        var bsn: String?
        var anummer: String?
        var adres: String?
        var gegevens: [ConceptGegeven]?
        var toelichting: String?
        var kenmerk: String?
        var contactNaam: String?
        var contactEmail: String?
        var contactTelefoon: String?
        var contactAfdeling: String?
        var bijlage: [File]?
        /// "controleren" when the step was opened with "Wijzigen" on the check page.
        var terug: String?
    }

    func bewaar(req: Request) async throws -> Response {
        let g = try afnemer(req)
        var (concept, model, stap) = try await laad(req)
        let invoer = try req.content.decode(Invoer.self)
        let actie = invoer.actie ?? "volgende"
        let t = Teksten.voor(req.taal)
        var fouten: [VeldFout] = []
        func fout(_ veld: String, _ label: String, _ tekst: String) { fouten.append(VeldFout(veld: veld, label: t[label] ?? label, tekst: tekst)) }
        func schoon(_ s: String?) -> String { (s ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

        // "Choose the BRP's gemeente": only the gemeente changes, whatever step it was offered on.
        if actie == "brpGemeente" {
            if concept.brpBSN == concept.bsn, let code = concept.brpGemeente, let g = req.application.referentiedata.gemeente(code) {
                concept.gemeente = "\(g.code) \(g.naam)"
                model.inhoud = try Self.json(concept)
                try await model.save(on: req.db)
            }
            return req.redirect(to: "/terugmeldingen/nieuw/\((try model.requireID()).tekst)/\(stap.rawValue)", redirectType: .normal)
        }

        switch stap {
        case .registratie:
            concept.gemeente = schoon(invoer.gemeente)
        case .persoon:
            concept.bsn = schoon(invoer.bsn).replacingOccurrences(of: " ", with: "")
            concept.anummer = schoon(invoer.anummer).replacingOccurrences(of: " ", with: "")
            concept.adres = schoon(invoer.adres)
        case .gegevens:
            var rijen = (invoer.gegevens ?? []).map {
                ConceptGegeven(attribuut: schoon($0.attribuut), betwijfeld: schoon($0.betwijfeld), voorgesteld: schoon($0.voorgesteld))
            }.filter { !$0.attribuut.isEmpty || !$0.betwijfeld.isEmpty || !$0.voorgesteld.isEmpty }
            if actie == "toevoegen" || rijen.isEmpty { rijen.append(ConceptGegeven()) }
            concept.gegevens = rijen
        case .aanvullend:
            concept.toelichting = schoon(invoer.toelichting)
            concept.kenmerk = schoon(invoer.kenmerk)
            concept.contactNaam = schoon(invoer.contactNaam)
            concept.contactEmail = schoon(invoer.contactEmail)
            concept.contactTelefoon = schoon(invoer.contactTelefoon)
            concept.contactAfdeling = schoon(invoer.contactAfdeling)
            if actie.hasPrefix("verwijder:") {
                concept.bijlagen.removeAll { $0.id.tekst == actie.dropFirst("verwijder:".count) }
            }
            // Files are kept even when other fields have errors: nothing uploaded is lost.
            for file in (invoer.bijlage ?? []) where file.data.readableBytes > 0 {
                let data = Data(buffer: file.data)
                let totaal = concept.bijlagen.reduce(0) { $0 + $1.grootte } + data.count
                if concept.bijlagen.count >= BijlageRegels.maxAantal {
                    fout("bijlage", "bijlagen", t.tekst("teVeelBijlagen"))
                } else if totaal > BijlageRegels.maxTotaleGrootte {
                    fout("bijlage", "bijlagen", t.tekst("bijlagenTeGroot"))
                } else if let soort = BijlageRegels.herken(data) {
                    let naam = String(file.filename.split(separator: "/").last ?? "bijlage").prefix(BijlageRegels.maxBestandsnaamLengte)
                    let hash = try await BijlageOpslag.bewaar(data, nu: req.application.klok.nu(), on: req.db)
                    concept.bijlagen.append(ConceptBijlage(sha256: hash, bestandsnaam: String(naam), mimeType: soort.rawValue, grootte: data.count))
                } else {
                    fout("bijlage", "bijlagen", "\(file.filename): \(t.tekst("bijlageSoort"))")
                }
            }
        case .controleren:
            break
        }
        if actie == "volgende" { fouten += Self.controleer(stap, concept, req.application.referentiedata, req.taal) }
        // A new, valid BSN: ask the BRP once where the person is registered (logged, with its purpose).
        if stap == .persoon, fouten.isEmpty, concept.brpBSN != concept.bsn || concept.brpUitkomst == "onbeschikbaar", let bsn = BSN(concept.bsn),
           let antwoord = try await req.brp.inschrijving(bsn, doel: .gemeenteKiezen, organisatie: g.organisatie.id, gebruiker: g.id) {
            concept.brpBSN = concept.bsn
            switch antwoord {
            case .gevonden(let i):
                (concept.brpUitkomst, concept.brpGemeente, concept.brpGemeentenaam) = ("gevonden", i.gemeentecode, i.gemeentenaam)
            case .nietGevonden:
                (concept.brpUitkomst, concept.brpGemeente, concept.brpGemeentenaam) = ("nietGevonden", nil, nil)
            case .onbeschikbaar:
                // Said on the next steps; saving this step again asks again.
                (concept.brpUitkomst, concept.brpGemeente, concept.brpGemeentenaam) = ("onbeschikbaar", nil, nil)
            }
        }

        model.inhoud = try Self.json(concept)
        try await model.save(on: req.db)

        if stap == .controleren && actie == "verzenden" {
            // Every step checked again: a step skipped (by its address) is shown with its problems, never sent.
            if let (open, fouten) = Self.eersteOnvolledige(concept, req.application.referentiedata, req.taal) {
                return try await render(req, concept, model, open, fouten: fouten, status: .badRequest)
            }
            return try await verzend(req, g, concept, model)
        }
        guard fouten.isEmpty else {
            return try await render(req, concept, model, stap, fouten: fouten, status: .badRequest)
        }
        let basis = "/terugmeldingen/nieuw/\((try model.requireID()).tekst)"
        switch actie {
        case "vorige": return req.redirect(to: "\(basis)/\((stap.vorige ?? stap).rawValue)", redirectType: .normal)
        // Changed from the check page: straight back there.
        case "volgende" where invoer.terug == "controleren": return req.redirect(to: "\(basis)/controleren", redirectType: .normal)
        case "volgende": return req.redirect(to: "\(basis)/\((stap.volgende ?? stap).rawValue)", redirectType: .normal)
        default: return req.redirect(to: "\(basis)/\(stap.rawValue)", redirectType: .normal)
        }
    }

    /// Builds the Logius-shaped request and files it through the same engine as the API.
    private func verzend(_ req: Request, _ g: GebruikerDTO, _ c: TerugmeldingConcept, _ model: Concept) async throws -> Response {
        let ref = req.application.referentiedata
        func leeg(_ s: String) -> String? { s.isEmpty ? nil : s }
        var bijlages: [TerugmeldingInvoer.Bijlage] = []
        for b in c.bijlagen {
            guard let data = try await BijlageOpslag.laad(b.sha256, on: req.db) else { continue }
            bijlages.append(.init(bestandsnaam: b.bestandsnaam, mimeType: b.mimeType, bijlageData: data.base64EncodedString(), beschrijving: nil))
        }
        let ids: [TerugmeldingInvoer.ObjectIdentificatie] = [
            (PersoonUrn.bsn, c.bsn), (PersoonUrn.anummer, c.anummer), (PersoonUrn.adres, c.adres),
        ].filter { !$0.1.isEmpty }.map { .init(objectType: "persoon", attribuutUrn: $0.0, idWaarde: $0.1) }
        let gegevens = c.gegevens.enumerated().map { i, r in
            TerugmeldingInvoer.Gegeven(objectType: "persoon", gegevensElementNaam: BRPAttribuut.met(urn: r.attribuut)?.naam, attribuut: nil,
                                        attribuutUrn: r.attribuut, betwijfeldeWaarde: leeg(r.betwijfeld), voorgesteldeWaarde: leeg(r.voorgesteld),
                                        eigenvelden: nil, bijlages: i == 0 ? bijlages : [])
        }
        let verzoek = TerugmeldingInvoer(
            terugMeldingHeader: .init(
                registratie: .init(naam: Registratie.brp.naam, code: "BRP", houder: nil, basisRegistratieCode: "BRP"),
                melder: .init(naam: leeg(c.contactNaam), telefoon: leeg(c.contactTelefoon), email: leeg(c.contactEmail),
                              bedrijf: g.organisatie.naam, afdeling: leeg(c.contactAfdeling)),
                datumMelding: Dag(req.application.klok.nu()).description, referentiekenmerk: leeg(c.kenmerk), peilmoment: nil,
                meldingBron: "Meldpunt portaal", gemeentecode: Self.gemeentecode(c.gemeente, ref) ?? c.gemeente, toelichting: leeg(c.toelichting)),
            terugMeldingBody: .init(objectIdentificatie: ids, geometry: nil, terugMeldingGegevens: gegevens))
        do {
            let detail = try await req.terugmeldingen.maak(verzoek, door: g.organisatie)
            try await model.delete(on: req.db)
            return req.redirect(to: "/terugmeldingen/\(detail.terugMeldingReferentie)?verzonden=1", redirectType: .normal)
        } catch let w as Weigering where w.velden != nil {
            let t = Teksten.voor(req.taal)
            let fouten = (w.velden ?? []).map { VeldFout(veld: "controle", label: t[$0.veld.terugmeldstap]!, tekst: $0.reden(req.taal)) }
            return try await render(req, c, model, .controleren, fouten: fouten, status: .badRequest)
        }
    }

    // MARK: Checking a step

    /// A step's problems as shown next to its fields (attachments are checked on upload).
    static func controleer(_ stap: Stap, _ c: TerugmeldingConcept, _ ref: Referentiedata, _ taal: Taal) -> [VeldFout] {
        let t = Teksten.voor(taal)
        var fouten: [VeldFout] = []
        func fout(_ veld: String, _ label: String, _ tekst: String) { fouten.append(VeldFout(veld: veld, label: t[label] ?? label, tekst: tekst)) }
        switch stap {
        case .registratie:
            if c.gemeente.isEmpty {
                fout("gemeente", "gemeenteVanBijhouding", t.tekst("kiesGemeenteUitleg"))
            } else if let code = gemeentecode(c.gemeente, ref) {
                if case .beeindigd(let naam, let opvolger) = ref.status(van: code) {
                    fout("gemeente", "gemeenteVanBijhouding", "\(naam) bestaat niet meer." + (opvolger.flatMap { ref.gemeente($0) }.map { " Kies \($0.naam) (\($0.code))." } ?? ""))
                }
            } else {
                fout("gemeente", "gemeenteVanBijhouding", t.tekst("gemeenteOnbekend"))
            }
        case .persoon:
            if c.bsn.isEmpty && c.anummer.isEmpty && c.adres.isEmpty { fout("bsn", "bsn", t.tekst("persoonVerplicht")) }
            if !c.bsn.isEmpty { do { try BSN.check(c.bsn) } catch { fout("bsn", "bsn", error.uitleg.tekst(taal)) } }
            if !c.anummer.isEmpty { do { try ANummer.check(c.anummer) } catch { fout("anummer", "anummer", error.uitleg.tekst(taal)) } }
            if c.adres.isLanger(dan: TerugmeldingLimieten.maxAdres) { fout("adres", "adres", t.tekst("adresTeLang")) }
        case .gegevens:
            let rijen = c.gegevens.isEmpty ? [ConceptGegeven()] : c.gegevens
            let naarRNI = gemeentecode(c.gemeente, ref) == Gemeentecode.rni.description
            for (i, r) in rijen.enumerated() {
                if BRPAttribuut.met(urn: r.attribuut) == nil { fout("gegevens_\(i)_attribuut", "gegeven", t.tekst("kiesGegeven")) }
                else if naarRNI, let reden = BRPAttribuut.nietVoorRNI(r.attribuut) {
                    fout("gegevens_\(i)_attribuut", "gegeven", reden.tekst(taal))
                }
                if r.betwijfeld.isEmpty && r.voorgesteld.isEmpty { fout("gegevens_\(i)_betwijfeld", "betwijfeldeWaarde", t.tekst("waardeVerplicht")) }
                if r.betwijfeld.isLanger(dan: TerugmeldingLimieten.maxWaarde) || r.voorgesteld.isLanger(dan: TerugmeldingLimieten.maxWaarde) {
                    fout("gegevens_\(i)_betwijfeld", "betwijfeldeWaarde", Lengteregel.hoogstens(TerugmeldingLimieten.maxWaarde).tekst(taal))
                }
            }
        case .aanvullend:
            if c.toelichting.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { fout("toelichting", "toelichting", t.tekst("toelichtingVerplicht")) }
            if c.toelichting.isLanger(dan: TerugmeldingLimieten.maxToelichting) { fout("toelichting", "toelichting", Lengteregel.hoogstens(TerugmeldingLimieten.maxToelichting).tekst(taal)) }
            if c.kenmerk.isLanger(dan: TerugmeldingLimieten.maxReferentiekenmerk) { fout("kenmerk", "kenmerk", Lengteregel.hoogstens(TerugmeldingLimieten.maxReferentiekenmerk).tekst(taal)) }
            if !c.contactEmail.isEmpty && !isEmailadres(c.contactEmail) { fout("contactEmail", "email", t.tekst("emailOngeldig")) }
            if !c.contactTelefoon.isEmpty && !isTelefoonnummer(c.contactTelefoon) { fout("contactTelefoon", "telefoon", t.tekst("telefoonOngeldig")) }
        case .controleren:
            break
        }
        return fouten
    }

    /// The first step that is not complete yet, with its problems; nil when all are.
    static func eersteOnvolledige(_ c: TerugmeldingConcept, _ ref: Referentiedata, _ taal: Taal) -> (Stap, [VeldFout])? {
        for stap in Stap.allCases where stap != .controleren {
            let f = controleer(stap, c, ref, taal)
            if !f.isEmpty { return (stap, f) }
        }
        return nil
    }

    // MARK: Helpers

    /// The concept of this user (404 for anyone else's) and the step asked for.
    private func laad(_ req: Request) async throws -> (TerugmeldingConcept, Concept, Stap) {
        let g = try afnemer(req)
        guard let id = req.parameters.get("concept").flatMap(UUID.init(uuidString:)),
              let stap = req.parameters.get("stap").flatMap(Stap.init(rawValue:)),
              let model = try await Concept.query(on: req.db).filter(\.$id == id).filter(\.$gebruiker.$id == g.id).first()
        else { throw Weigering.nietGevonden(.bron) }
        let concept = try JSONDecoder().decode(TerugmeldingConcept.self, from: Data(model.inhoud.utf8))
        return (concept, model, stap)
    }

    /// "0363", "0363 Amsterdam" or "Amsterdam" → "0363".
    static func gemeentecode(_ invoer: String, _ ref: Referentiedata) -> String? {
        let s = invoer.trimmingCharacters(in: .whitespaces)
        let code = String(s.prefix(4))
        if code.count == 4, code.allSatisfy(\.isNumber), ref.gemeente(code) != nil { return code }
        return ref.actueleGemeenten().first { $0.naam.compare(s, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame }?.code
    }

    static func json(_ c: TerugmeldingConcept) throws -> String {
        String(decoding: try JSONEncoder.compact.encode(c), as: UTF8.self)
    }
}
