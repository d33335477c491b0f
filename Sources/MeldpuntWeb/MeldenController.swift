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
        // Three doors: moving between pages (text only, a small body, a loose limit), adding files and
        // sending (large bodies, the strict "melden" limit): files are stored when they arrive.
        routes.upload("melden", "stap", max: Self.maxStapBody, rollen: [], use: formulier)
        routes.upload("melden", "bestanden", max: BijlageRegels.maxUploadBody, rollen: [], use: formulier)
        routes.upload("melden", "formulier", max: BijlageRegels.maxUploadBody, rollen: [], use: formulier)
        routes.get("melden", "ontvangen", use: ontvangen)
    }

    struct ScopePagina: Encodable, Sendable {
        let registraties: [Keuze]
        let registratie: String
        let alBenaderd: String
        let bezwaar: String
        let fouten: [VeldFout]
        let foutVelden: [String: String]
    }

    func scope(req: Request) async throws -> Response {
        try await toonScope(req, registratie: "", alBenaderd: "", bezwaar: "", fouten: [])
    }

    private func toonScope(_ req: Request, registratie: String, alBenaderd: String, bezwaar: String, fouten: [VeldFout]) async throws -> Response {
        try await req.pagina("melden-scope", titel: "melden", inhoud: ScopePagina(
            registraties: Self.registraties(voor: .bedrijf).map { Keuze(waarde: $0.code, naam: Self.registratieNaam($0, Teksten.voor(req.taal)), gekozen: $0.code == registratie) },
            registratie: registratie, alBenaderd: alBenaderd, bezwaar: bezwaar, fouten: fouten,
            foutVelden: Dictionary(fouten.map { ($0.veld, $0.tekst) }, uniquingKeysWith: { a, _ in a })),
            status: fouten.isEmpty ? .ok : .badRequest)
    }

    struct ScopeInvoer: Content {
        var registratie: String?
        var alBenaderd: String?
        var bezwaar: String?
        var redenNietBenaderd: String?
        var stap: String?
    }

    struct Verwijzing: Encodable, Sendable { let tekst: String }
    struct EerstZelf: Encodable, Sendable { let registratie: String; let bronhouder: String; let reden: String; let fout: String? }

    func scopeBeantwoord(req: Request) async throws -> Response {
        let s = try req.content.decode(ScopeInvoer.self)
        let t = Teksten.voor(req.taal)
        var fouten: [VeldFout] = []
        if !["ja", "nee"].contains(s.alBenaderd ?? "") { fouten.append(VeldFout(veld: "alBenaderdJa", label: t.tekst("alBenaderd"), tekst: t.tekst("kiesAntwoord"))) }
        if !["ja", "nee"].contains(s.bezwaar ?? "") { fouten.append(VeldFout(veld: "bezwaarJa", label: t.tekst("bezwaarVraag"), tekst: t.tekst("kiesAntwoord"))) }
        let registratie = Registratie.met(code: s.registratie ?? "")?.code ?? ""
        guard fouten.isEmpty else {
            return try await toonScope(req, registratie: registratie, alBenaderd: s.alBenaderd ?? "", bezwaar: s.bezwaar ?? "", fouten: fouten)
        }
        // A running bezwaar or beroep: say where to go, record nothing.
        if s.bezwaar == "ja" {
            return try await req.pagina("melden-verwijzing", titel: "nietVoorOnsTitel", inhoud: Verwijzing(tekst: bezwaarVerwijzing))
        }
        let reden = (s.redenNietBenaderd ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if s.alBenaderd == "nee" && (s.stap != "reden" || reden.isEmpty) {
            let bronhouder = Registratie.met(code: registratie).map { t["registratieWaar_\($0.code)"] ?? $0.bronhouder } ?? ""
            return try await req.pagina("melden-eerst-zelf", titel: "eerstZelfTitel", inhoud: EerstZelf(
                registratie: registratie, bronhouder: bronhouder, reden: reden,
                fout: s.stap == "reden" ? t["redenVerplicht"] : nil),
                status: s.stap == "reden" ? .badRequest : .ok)
        }
        var formulier = Formulier()
        formulier.organisatieAlBenaderd = s.alBenaderd == "ja" ? "ja" : "nee"
        formulier.redenNietBenaderd = reden
        formulier.registraties = registratie.isEmpty ? [] : [registratie]
        return try await toonStap(req, .wie, formulier)
    }

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
            verborgen: Self.verborgen(f, behalve: stap),
            melderTypes: MelderType.allCases.map { Keuze(waarde: $0.rawValue, naam: t.tekst("melderType_\($0.rawValue)"), gekozen: f.melderType == $0.rawValue) },
            registraties: Self.registraties(voor: type).map { r in Keuze(waarde: r.code, naam: Self.registratieNaam(r, t), gekozen: (f.registraties ?? []).contains(r.code)) },
            gevolgen: gevolgen, kanGevolgToevoegen: rijen < Self.maxGevolgen,
            kanalen: Contactkanaal.allCases.map { Keuze(waarde: $0.rawValue, naam: t.tekst("kanaal_\($0.rawValue)"), gekozen: (f.voorkeurKanaal ?? "email") == $0.rawValue) },
            bijlagen: bijlagen, isBedrijf: type == .bedrijf, isVoorIemandAnders: type == .intermediair, vraagBsn: type == .burger || type == nil,
            secties: stap == .controle ? Self.secties(f, type, bijlagen, t, req.taal) : [],
            toestemmingTekst: t.tekst("toestemmingTekst"), toestemmingVersie: Toestemmingstekst.versie,
            fouten: fouten, foutVelden: foutVelden,
            vanControle: f.vanControle == "ja" && stap != .controle,
            knop: t.tekst(stap == .controle ? "meldingVersturen" : f.vanControle == "ja" ? "terugNaarControle" : "verder"))
        return try await req.pagina("melden-stap", titel: "\(t.tekst("melden")): \(pagina.titel)", inhoud: pagina, status: fouten.isEmpty ? .ok : .badRequest)
    }

    struct Ontvangen: Encodable, Sendable {
        let zaaknummer: String
        let link: String
        let pad: String
        let contactUiterlijk: String
        let perMail: Bool
    }

    /// What the confirmation page needs, sealed in a cookie for that one page.
    struct Bevestiging: Codable, Sendable {
        let ontvangen: MeldingService.Ontvangen
        let perMail: Bool
    }

    func formulier(req: Request) async throws -> Response {
        var f = try req.content.decode(Formulier.self)
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
        let weergave = bijlagen.map(\.0)

        var v = MeldingInvoer()
        // Mail about the melding in the language the melder used the form in.
        v.taal = req.taal.rawValue
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
        v.bezwaarOfBeroepLoopt = false
        v.registraties = f.registraties ?? []
        v.andereRegistratie = leeg(f.andereRegistratie)
        v.betrokkenOrganisaties = (f.betrokkenOrganisaties ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        v.watIsFout = leeg(f.watIsFout)
        v.watMoetHetZijn = leeg(f.watMoetHetZijn)
        v.sinds = leeg(f.sinds)
        let gevolgen = Self.gevolgen(f)
        v.gevolgen = gevolgen.isEmpty ? nil : gevolgen
        v.voorkeurKanaal = leeg(f.voorkeurKanaal)
        v.bijlagen = bijlagen.map(\.1)
        v.toestemming = .init(gegeven: f.toestemming == "ja", tekstVersie: Toestemmingstekst.versie)

        func veldFouten(_ lijst: [OngeldigeParameter]) -> [VeldFout] {
            lijst.map {
                let id = Self.veldId($0.name)
                // A consequence's field is named with its row: "Gevolg 2: Wat gebeurt er?".
                if id.hasPrefix("gevolg"), let n = id.last, n.isNumber {
                    return VeldFout(veld: id, label: "\(t.tekst("gevolg")) \(n): \(t[String(id.dropLast())] ?? "")", tekst: $0.reden(req.taal))
                }
                // The name field's label depends on who reports: the summary names it as the page does.
                let sleutel = id == "organisatieNaam" ? (type == .bedrijf ? "bedrijfNaam" : type == .intermediair ? "uwOrganisatieNaam" : "organisatieNaamB1")
                    : Self.labels[id] ?? id
                return VeldFout(veld: id, label: t[sleutel] ?? t.tekst("melden"), tekst: $0.reden(req.taal))
            }
        }
        let stappen = Stap.allCases.filter { $0.geldt(type) }
        // Without a page (an old bookmark or a script): the whole form at once, as the check page does.
        let versturen = req.url.path == "/melden/formulier"
        let stap = versturen ? .controle : f.stap.flatMap(Stap.init(rawValue:)) ?? .controle
        let actie = versturen ? "versturen" : f.actie == "versturen" ? "controle" : f.actie ?? "verder"

        if stap != .controle || actie != "versturen" {
            // Going back, adding a consequence row or changing from the check page: no checks.
            if actie == "terug" {
                let vorige = stappen.last { $0.rawValue != stap.rawValue && (stappen.firstIndex(of: $0) ?? 0) < (stappen.firstIndex(of: stap) ?? 0) } ?? .wie
                return try await toonStap(req, vorige, f, bijlagen: weergave)
            }
            if actie == "gevolg" { return try await toonStap(req, .gevolgen, f, bijlagen: weergave) }
            if let naar = Stap(rawValue: actie), stap == .controle {
                f.vanControle = "ja"
                return try await toonStap(req, naar, f, bijlagen: weergave)
            }
            // Onward: this page's problems all at once, or the next page.
            var hier = fouten
            if stap != .controle {
                let alle = (try? valideerMelding(v, vandaag: Dag(req.application.klok.nu()))) ?? []
                hier += veldFouten(alle).filter { Stap.van(foutVeld: $0.veld) == stap }
            }
            guard hier.isEmpty else { return try await toonStap(req, stap, f, fouten: hier, bijlagen: weergave) }
            let volgende = f.vanControle == "ja" ? .controle : (stappen.first { (stappen.firstIndex(of: $0) ?? 0) > (stappen.firstIndex(of: stap) ?? 0) } ?? .controle)
            if volgende == .controle { f.vanControle = nil }
            return try await toonStap(req, volgende, f, bijlagen: weergave)
        }

        if fouten.isEmpty {
            do {
                let geheimen = req.application.geheimen
                let eenmalig = f.formulierToken.flatMap { $0.count == 43 ? $0 : nil }.map {
                    MeldingService.Eenmalig(sleutel: "formulier:" + Sleutels.sha256Hex(Data($0.utf8)), geheim: geheimen.eenmaligeWeergave)
                }
                let ontvangen = try await req.meldingen.maak(v, ingediendDoor: nil, eenmalig: eenmalig)
                // Post-redirect-get: the confirmation (with the private link) travels sealed in a
                // short-lived cookie for this one page, so a refresh shows it again and files nothing.
                let response = req.redirect(to: "/melden/ontvangen", redirectType: .normal)
                response.zet(.ontvangen, try Verzegeld.sluit(Bevestiging(ontvangen: ontvangen, perMail: v.melder?.email != nil), geheimen.eenmaligeWeergave),
                             req, sameSite: .strict, maxAge: 15 * 60)
                return response
            } catch let p as Weigering where p.hoortBijFormulier {
                fouten = veldFouten(p.velden ?? [])
            }
        }
        // The check page with every problem at once, each linking to the part that has it.
        let opControle = fouten.map { e in
            Stap.van(foutVeld: e.veld) == .controle ? e : VeldFout(veld: "stap-\(Stap.van(foutVeld: e.veld).rawValue)", label: e.label, tekst: e.tekst)
        }
        return try await toonStap(req, .controle, f, fouten: opControle, bijlagen: weergave)
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
            zaaknummer: o.zaaknummer, link: basis + o.statuspagina, pad: o.statuspagina,
            contactUiterlijk: Datumweergave.voluit(o.eersteContactUiterlijk, req.taal), perMail: b.perMail))
    }

    /// Field ids whose label text has another key.
    static let labels = ["naam": "uwNaam", "toestemming": "toestemmingTitel", "melderTypeburger": "wieMeldt", "registratieBRP": "registraties", "bijlage": "bijlagen"]

    /// From an invalidParams name to the id of the field on the page.
    static func veldId(_ naam: String) -> String {
        let kaart: [String: String] = [
            "melder.naam": "naam", "melder.email": "email", "melder.telefoon": "telefoon", "melder.adres": "adres",
            "melder.postcode": "postcode", "melder.woonplaats": "woonplaats", "melder.bsn": "bsn",
            "vertegenwoordigde.naam": "vertegenwoordigdeNaam", "vertegenwoordigde.bsn": "vertegenwoordigdeBsn",
            "toestemming.gegeven": "toestemming", "toestemming.tekstVersie": "toestemming", "melderType": "melderTypeburger",
        ]
        if let id = kaart[naam] { return id }
        // gevolgen[2].soort → gevolgSoort3: the third row's field.
        if naam.hasPrefix("gevolgen["), let sluit = naam.firstIndex(of: "]"), let i = Int(naam[naam.index(naam.startIndex, offsetBy: 9)..<sluit]) {
            let veld = naam[naam.index(after: sluit)...].dropFirst()
            let namen = ["soort": "Soort", "organisatie": "Organisatie", "uiterlijkeDatum": "Datum", "omschrijving": "Omschrijving"]
            return "gevolg" + (namen[String(veld)] ?? "Soort") + String(i + 1)
        }
        if naam.hasPrefix("gevolgen") { return "gevolgSoort1" }
        if naam.hasPrefix("registraties") { return "registratieBRP" }
        if naam.hasPrefix("betrokkenOrganisaties") { return "betrokkenOrganisaties" }
        if naam.hasPrefix("bijlagen") { return "bijlage" }
        return naam
    }

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
