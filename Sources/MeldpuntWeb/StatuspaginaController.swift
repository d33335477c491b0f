import MeldpuntHTTP
import MeldpuntCore
import MeldpuntDomain
import Vapor

/// The melder's private status page, reached by the link with the token.
struct StatuspaginaController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("status", ":token", use: toon)
        routes.post("status", ":token", "berichten", use: bericht)
        routes.get("status", ":token", "intrekken", use: intrekkenVraag)
        routes.post("status", ":token", "intrekken", use: intrekken)
        routes.upload("status", ":token", "bijlagen", max: BijlageRegels.maxUploadBody, rollen: [], use: bijlage)
        routes.post("status", ":token", "beoordeling", use: beoordeling)
    }

    struct BijlageInvoer: Content { var bijlage: File? }

    func bijlage(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        do {
            let file = try req.content.decode(BijlageInvoer.self).bijlage
            try await req.meldingen.bijlageVanMelder(token: token, bestandsnaam: file?.filename ?? "", data: Data(buffer: file?.data ?? ByteBuffer()))
        } catch let p as Weigering where p.hoortBijFormulier {
            return try await toon(req, fouten: ["bijlage": p.velden?.first?.reden(req.taal) ?? p.uitleg(req.taal)])
        } catch let p as Weigering where p.isNietGevonden {
            return try await req.pagina("status-onbekend", titel: "statusOnbekendTitel", status: .notFound)
        }
        return req.redirect(to: "/status/\(token)?bijlage=1", redirectType: .normal)
    }

    struct BeoordelingInvoer: Content { var cijfer: String?; var opmerking: String? }

    func beoordeling(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let invoer = try req.content.decode(BeoordelingInvoer.self)
        do {
            try await req.meldingen.beoordeel(token: token, cijfer: invoer.cijfer, opmerking: invoer.opmerking)
        } catch let p as Weigering where p.hoortBijFormulier {
            let fouten = Dictionary((p.velden ?? [OngeldigeParameter(name: "cijfer", code: "conflict", reason: p.uitleg(req.taal))]).map { ($0.name, $0.reden(req.taal)) },
                                    uniquingKeysWith: { a, _ in a })
            return try await toon(req, fouten: fouten, ingevuld: ["opmerking": invoer.opmerking ?? ""])
        } catch let p as Weigering where p.isNietGevonden {
            return try await req.pagina("status-onbekend", titel: "statusOnbekendTitel", status: .notFound)
        }
        return req.redirect(to: "/status/\(token)?beoordeeld=1", redirectType: .normal)
    }

    struct BerichtInvoer: Content { var bericht: String? }

    func bericht(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let bericht = try req.content.decode(BerichtInvoer.self).bericht ?? ""
        do {
            try await req.meldingen.berichtVanMelder(token: token, tekst: bericht)
        } catch let p as Weigering where p.hoortBijFormulier {
            return try await toon(req, fouten: ["bericht": p.velden?.first?.reden(req.taal) ?? p.uitleg(req.taal)], ingevuld: ["bericht": bericht])
        } catch let p as Weigering where p.isNietGevonden {
            return try await req.pagina("status-onbekend", titel: "statusOnbekendTitel", status: .notFound)
        }
        return req.redirect(to: "/status/\(token)?verstuurd=1", redirectType: .normal)
    }

    struct Intrekken: Encodable, Sendable { let actie: String; let terug: String }

    func intrekkenVraag(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        _ = try await geldig(req, token)
        return try await req.pagina("status-intrekken", titel: "toestemmingIntrekken",
                                    inhoud: Intrekken(actie: "/status/\(token)/intrekken", terug: "/status/\(token)"))
    }

    func intrekken(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        do {
            try await req.meldingen.trekToestemmingIn(token: token)
        } catch let p as Weigering where p.isNietGevonden {
            return try await req.pagina("status-onbekend", titel: "statusOnbekendTitel", status: .notFound)
        }
        return req.redirect(to: "/status/\(token)", redirectType: .normal)
    }

    private func geldig(_ req: Request, _ token: String) async throws -> MeldingService.MelderWeergave {
        do {
            return try await req.meldingen.voorMelder(token: token)
        } catch let p as Weigering where p.isNietGevonden {
            throw Weigering.nietGevonden(.bron)
        }
    }

    /// An organisation involved, and in plain words what we asked of it and how far it is.
    struct Organisatie: Encodable, Sendable { let naam: String; let wat: String? }
    struct Stap: Encodable, Sendable { let naam: String; let huidig: Bool; let gedaan: Bool }
    struct Gevolg: Encodable, Sendable { let wat: String; let organisatie: String?; let opgeschort: Bool }
    struct Weergave: Encodable, Sendable {
        let zaaknummer: String
        let faseTekst: String
        let watNu: String
        let stappen: [Stap]
        let eersteContact: String?
        let organisaties: [Organisatie]
        let opschortingen: [String]
        let gevolgen: [Gevolg]
        let volgendeStap: String?
        let volgendeStapDatum: String?
        let uitkomst: String?
        let samenvatting: String?
        let berichten: [Bericht]
        let gesloten: Bool
        let kanBeoordelen: Bool
        let tevredenheid: Int?
        let cijfers: [Keuze]
        /// What the melder typed, kept when something was wrong.
        let ingevuld: [String: String]
        let basis: String
        let fouten: [VeldFout]
        let foutVelden: [String: String]
    }
    struct Bericht: Encodable, Sendable { let tijdstip: String; let tekst: String; let van: String }

    func toon(req: Request) async throws -> Response {
        try await toon(req, fouten: [:])
    }

    private func toon(_ req: Request, fouten: [String: String], ingevuld: [String: String] = [:]) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        let m: MeldingService.MelderWeergave
        do {
            m = try await req.meldingen.voorMelder(token: token)
        } catch let p as Weigering where p.isNietGevonden {
            // The same page for an unknown, wrong or old link: it reveals nothing.
            return try await req.pagina("status-onbekend", titel: "statusOnbekendTitel", status: .notFound)
        }
        let t = Teksten.voor(req.taal)
        let huidig = MelderFase.allCases.firstIndex(of: m.fase) ?? 0
        let labels = ["bericht": "uwBericht", "bijlage": "statusBijlageLabel", "cijfer": "beoordelingTitel", "opmerking": "beoordelingOpmerking"]
        let veldFouten = fouten.sorted { $0.key < $1.key }.map { VeldFout(veld: $0.key, label: t[labels[$0.key] ?? ""] ?? $0.key, tekst: $0.value) }
        let watNu = m.status == .inBehandeling ? m.rol.flatMap { t["statusNu_\($0)"] } : t["statusNu_\(m.status.rawValue)"]
        let weergave = Weergave(
            zaaknummer: m.zaaknummer, faseTekst: t["fase_\(m.fase.rawValue)_uitleg"] ?? m.faseTekst, watNu: watNu ?? t.tekst("statusNu_analyse"),
            stappen: MelderFase.allCases.enumerated().map { i, f in Stap(naam: t.naam("fase", f), huidig: i == huidig, gedaan: i < huidig) },
            eersteContact: m.status == .ontvangen ? Datumweergave.datum(m.eersteContactUiterlijk) : nil,
            organisaties: m.organisaties.map { naam in
                let gevraagd = m.verzoeken.filter { $0.organisatie == naam }.map { "\(t.naam("statusVerzoek", $0.soort)) (\(t.naam("statusVerzoekStatus", $0.status)))" }
                return Organisatie(naam: naam, wat: gevraagd.isEmpty ? nil : t.tekst("statusWeVroegen") + " " + gevraagd.joined(separator: "; "))
            },
            opschortingen: m.opschortingen.map { o in
                let actie = t.naam("statusActie", o.actie)
                if let op = o.opgehevenOp { return "\(o.organisatie) \(t.tekst("statusWachtNietMeer")) \(actie) (\(t.tekst("statusSinds")) \(Datumweergave.datum(op)))." }
                return "\(o.organisatie) \(t.tekst("statusWachtMet")) \(actie) " + (o.tot.map { "\(t.tekst("statusTot")) \(Datumweergave.datum($0))." } ?? t.tekst("statusZolang"))
            },
            gevolgen: m.gevolgen.map { Gevolg(wat: t.naam("gevolg", $0.soort), organisatie: $0.organisatie, opgeschort: $0.opgeschort) },
            volgendeStap: m.volgendeStap?.tekst, volgendeStapDatum: m.volgendeStap.map { Datumweergave.datum($0.datum) },
            uitkomst: m.uitkomst.map { t.naam("mfoUitkomst", $0) }, samenvatting: m.samenvatting,
            berichten: m.berichten.map { Bericht(tijdstip: Datumweergave.tijdstip($0.tijdstip), tekst: $0.tekst, van: t[$0.vanMelder ? "statusU" : "statusMeldpunt"]!) },
            gesloten: m.gesloten, kanBeoordelen: m.gesloten && m.tevredenheid == nil, tevredenheid: m.tevredenheid,
            cijfers: Beoordeling.schaal.map { Keuze(waarde: String($0), naam: t.tekst("beoordeling_\($0)")) },
            ingevuld: ingevuld, basis: "/status/\(token)", fouten: veldFouten,
            foutVelden: fouten)
        let melding = req.queryWaarde("verstuurd") != nil ? "berichtVerstuurd" : req.queryWaarde("bijlage") != nil ? "statusBijlageVerstuurd"
            : req.queryWaarde("beoordeeld") != nil ? "beoordelingDank" : nil
        return try await req.pagina("status", titel: "statusTitel", inhoud: weergave, melding: melding, status: fouten.isEmpty ? .ok : .badRequest)
    }
}
