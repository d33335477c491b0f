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
            registraties: Registratie.alle.map { Keuze(waarde: $0.code, naam: "\($0.naam) (\($0.code))", gekozen: $0.code == registratie) },
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
            let bronhouder = Registratie.met(code: registratie)?.bronhouder ?? ""
            return try await req.pagina("melden-eerst-zelf", titel: "eerstZelfTitel", inhoud: EerstZelf(
                registratie: registratie, bronhouder: bronhouder, reden: reden,
                fout: s.stap == "reden" ? t["redenVerplicht"] : nil),
                status: s.stap == "reden" ? .badRequest : .ok)
        }
        var formulier = Formulier()
        formulier.organisatieAlBenaderd = s.alBenaderd == "ja" ? "ja" : "nee"
        formulier.redenNietBenaderd = reden
        formulier.registraties = registratie.isEmpty ? [] : [registratie]
        return try await toonFormulier(req, formulier, fouten: [])
    }

    // MARK: The form

    /// What the form holds; round-trips through the page so nothing typed is lost.
    struct Formulier: Content {
        var organisatieAlBenaderd: String?
        var redenNietBenaderd: String?
        var melderType: String?
        var organisatieNaam: String?
        var kvkNummer: String?
        var vertegenwoordigdeNaam: String?
        var vertegenwoordigdeBsn: String?
        var toestemmingVertegenwoordigde: String?
        var registraties: [String]?
        var andereRegistratie: String?
        var betrokkenOrganisaties: String?
        var watIsFout: String?
        var watMoetHetZijn: String?
        var sinds: String?
        var gevolgSoort: String?
        var gevolgOrganisatie: String?
        var gevolgDatum: String?
        var gevolgOmschrijving: String?
        var naam: String?
        var email: String?
        var telefoon: String?
        var adres: String?
        var postcode: String?
        var woonplaats: String?
        var bsn: String?
        var voorkeurKanaal: String?
        var toestemming: String?
        /// Attachments uploaded earlier in this form, as signed references (see `bijlageRef`).
        var bijlageRefs: [String]?
        var bijlage: [File]?
        /// Single use: a form sent twice (a refresh, the back button) files one melding.
        var formulierToken: String?
    }

    struct FormulierPagina: Encodable, Sendable {
        let f: Formulier
        let melderTypes: [Keuze]
        let registraties: [Keuze]
        let gevolgSoorten: [Keuze]
        let kanalen: [Keuze]
        let bijlagen: [BijlageWeergave]
        let toestemmingTekst: String
        let toestemmingVersie: String
        let fouten: [VeldFout]
        let foutVelden: [String: String]
    }

    struct BijlageWeergave: Encodable, Sendable { let ref: String; let naam: String }

    private func toonFormulier(_ req: Request, _ f: Formulier, fouten: [VeldFout], bijlagen: [BijlageWeergave] = []) async throws -> Response {
        let t = Teksten.voor(req.taal)
        var zonderBestanden = f
        zonderBestanden.bijlage = nil
        if (zonderBestanden.formulierToken ?? "").count != 43 { zonderBestanden.formulierToken = Sleutels.willekeurig(32) }
        return try await req.pagina("melden-formulier", titel: "melden", inhoud: FormulierPagina(
            f: zonderBestanden,
            melderTypes: MelderType.allCases.map { Keuze(waarde: $0.rawValue, naam: t.tekst("melderType_\($0.rawValue)"), gekozen: f.melderType == $0.rawValue) },
            registraties: Registratie.alle.map { r in Keuze(waarde: r.code, naam: "\(r.naam) (\(r.code))", gekozen: (f.registraties ?? []).contains(r.code)) },
            gevolgSoorten: GevolgSoort.allCases.map { Keuze(waarde: $0.rawValue, naam: t.tekst("gevolg_\($0.rawValue)"), gekozen: f.gevolgSoort == $0.rawValue) },
            kanalen: Contactkanaal.allCases.map { Keuze(waarde: $0.rawValue, naam: t.tekst("kanaal_\($0.rawValue)"), gekozen: (f.voorkeurKanaal ?? "email") == $0.rawValue) },
            bijlagen: bijlagen, toestemmingTekst: t.tekst("toestemmingTekst"), toestemmingVersie: Toestemmingstekst.versie,
            fouten: fouten, foutVelden: Dictionary(fouten.map { ($0.veld, $0.tekst) }, uniquingKeysWith: { a, _ in a })),
            status: fouten.isEmpty ? .ok : .badRequest)
    }

    struct Ontvangen: Encodable, Sendable { let zaaknummer: String; let link: String; let pad: String }

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
        for file in f.bijlage ?? [] where file.data.readableBytes > 0 {
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

        var v = MeldingInvoer()
        // Mail about the melding in the language the melder used the form in.
        v.taal = req.taal.rawValue
        v.melderType = leeg(f.melderType)
        v.melder = .init(naam: leeg(f.naam), email: leeg(f.email), telefoon: leeg(f.telefoon), adres: leeg(f.adres), postcode: leeg(f.postcode),
                         woonplaats: leeg(f.woonplaats), bsn: leeg(f.bsn)?.replacingOccurrences(of: " ", with: ""))
        v.organisatieNaam = leeg(f.organisatieNaam)
        v.kvkNummer = leeg(f.kvkNummer)
        if f.melderType == MelderType.intermediair.rawValue {
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
        if let soort = leeg(f.gevolgSoort) {
            v.gevolgen = [.init(soort: soort, organisatie: leeg(f.gevolgOrganisatie), omschrijving: leeg(f.gevolgOmschrijving), uiterlijkeDatum: leeg(f.gevolgDatum))]
        }
        v.voorkeurKanaal = leeg(f.voorkeurKanaal)
        v.bijlagen = bijlagen.map(\.1)
        v.toestemming = .init(gegeven: f.toestemming == "ja", tekstVersie: Toestemmingstekst.versie)

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
                response.zet(.ontvangen, try Verzegeld.sluit(ontvangen, geheimen.eenmaligeWeergave), req, sameSite: .strict, maxAge: 15 * 60)
                return response
            } catch let p as Weigering where p.hoortBijFormulier {
                fouten = (p.velden ?? []).map {
                    let id = Self.veldId($0.name)
                    return VeldFout(veld: id, label: t[Self.labels[id] ?? id] ?? t.tekst("melden"), tekst: $0.reden(req.taal))
                }
            }
        }
        return try await toonFormulier(req, f, fouten: fouten, bijlagen: bijlagen.map(\.0))
    }

    /// The confirmation after post-redirect-get: case number and private link, from the sealed cookie.
    func ontvangen(req: Request) async throws -> Response {
        guard let waarde = req.cookie(.ontvangen),
              let o = try Verzegeld.open(waarde, MeldingService.Ontvangen.self, req.application.geheimen.eenmaligeWeergave)
        else {
            return try await req.pagina("fout", titel: "meldingOntvangenTitel", inhoud: WebFoutPagina.Tekst(tekst: Teksten.voor(req.taal).tekst("ontvangenVerlopen")),
                                        status: .notFound)
        }
        let basis = req.application.instellingen.publiekeUrl
        return try await req.pagina("melden-ontvangen", titel: "meldingOntvangenTitel", inhoud: Ontvangen(
            zaaknummer: o.zaaknummer, link: basis + o.statuspagina, pad: o.statuspagina))
    }

    /// Field ids whose label text has another key.
    static let labels = ["toestemming": "toestemmingTitel", "melderTypeburger": "wieMeldt", "registratieBRP": "registraties", "bijlage": "bijlagen"]

    /// From an invalidParams name to the id of the field on the page.
    static func veldId(_ naam: String) -> String {
        let kaart: [String: String] = [
            "melder.naam": "naam", "melder.email": "email", "melder.telefoon": "telefoon", "melder.adres": "adres",
            "melder.postcode": "postcode", "melder.woonplaats": "woonplaats", "melder.bsn": "bsn",
            "vertegenwoordigde.naam": "vertegenwoordigdeNaam", "vertegenwoordigde.bsn": "vertegenwoordigdeBsn",
            "gevolgen[0].soort": "gevolgSoort", "gevolgen[0].organisatie": "gevolgOrganisatie",
            "gevolgen[0].uiterlijkeDatum": "gevolgDatum", "gevolgen[0].omschrijving": "gevolgOmschrijving",
            "toestemming.gegeven": "toestemming", "toestemming.tekstVersie": "toestemming", "melderType": "melderTypeburger",
        ]
        if let id = kaart[naam] { return id }
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
