import MeldpuntAdressen
import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// `/meldingen/nieuw`: a meldpunt employee takes a melding by phone, at a counter or from a letter
/// (issue 30) — the same questions and checks as `/melden`, on one page built for speed, the
/// melder's consent recorded as given to this employee now. Afterwards the private link is shown
/// once, to read out or send in the way the melder prefers.
struct IntakeWebController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let n = routes.grouped("meldingen", "nieuw")
        n.get(use: formulier)
        n.post(use: vastleggen)
        n.get("vastgelegd", use: vastgelegd)
    }

    private func medewerker(_ req: Request) throws -> GebruikerDTO { try req.vereisGebruiker(.meldpunt) }

    struct Pagina: Encodable, Sendable {
        let f: MeldenController.Formulier
        let binnenkomst: [Keuze]
        let melderTypes: [Keuze]
        let registraties: [Keuze]
        /// Two consequence rows: what a phone call usually names; more can be added on the case.
        let gevolgen: [MeldenController.GevolgRij]
        let kanalen: [Keuze]
        let ja: [Keuze]
        let toestemmingTekst: String
        let formulierToken: String
        let fouten: [VeldFout]
        let foutVelden: [String: String]
    }

    struct Extra: Content { var binnenkomst: String? }

    private func toon(_ req: Request, _ f: MeldenController.Formulier, binnenkomst: String?, fouten: [VeldFout] = []) async throws -> Response {
        let t = Teksten.voor(req.taal)
        func keuze(_ waarde: String, _ naam: String, _ gekozen: String?) -> Keuze { Keuze(waarde: waarde, naam: naam, gekozen: gekozen == waarde) }
        let inhoud = Pagina(
            f: f,
            binnenkomst: Binnenkomst.allCases.filter(\.doorMedewerker).map { keuze($0.rawValue, $0.naam(req.taal), binnenkomst) },
            melderTypes: MelderType.allCases.map { keuze($0.rawValue, t.tekst("melderType_\($0.rawValue)"), f.melderType) },
            registraties: Registratie.alle.map { Keuze(waarde: $0.code, naam: MeldenController.registratieNaam($0, t), gekozen: (f.registraties ?? []).contains($0.code)) },
            // The rows as the engine numbered them (empty ones left out), so each message stays with its row.
            gevolgen: { () -> [MeldenController.GevolgRij] in
                let ingevuld = MeldenController.gevolgen(f)
                return (0..<max(2, ingevuld.count)).map { i in
                    let g = i < ingevuld.count ? ingevuld[i] : nil
                    let fout = { (veld: String) in fouten.first { $0.veld == "\(veld)\(i + 1)" }?.tekst }
                    return MeldenController.GevolgRij(
                        nummer: i + 1,
                        soorten: [Keuze(waarde: "", naam: t.tekst("kiesGevolg"), gekozen: (g?.soort ?? "").isEmpty)]
                            + GevolgSoort.allCases.map { keuze($0.rawValue, t.naam("gevolg", $0), g?.soort) },
                        organisatie: g?.organisatie ?? "", datum: g?.uiterlijkeDatum ?? "", omschrijving: "",
                        soortFout: fout("gevolgSoort"), organisatieFout: fout("gevolgOrganisatie"), datumFout: fout("gevolgDatum"), omschrijvingFout: fout("gevolgOmschrijving"))
                }
            }(),
            kanalen: Contactkanaal.allCases.map { keuze($0.rawValue, t.tekst("kanaal_\($0.rawValue)"), f.voorkeurKanaal ?? Contactkanaal.telefoon.rawValue) },
            ja: [keuze("ja", t.tekst("ja"), nil), keuze("nee", t.tekst("nee"), nil)],
            toestemmingTekst: t.tekst("toestemmingTekst"),
            formulierToken: f.formulierToken ?? Sleutels.willekeurig(32),
            fouten: fouten, foutVelden: Dictionary(fouten.map { ($0.veld, $0.tekst) }, uniquingKeysWith: { a, _ in a }))
        return try await req.pagina("melding-nieuw", titel: "intakeTitel", inhoud: inhoud, status: fouten.isEmpty ? .ok : .badRequest)
    }

    func formulier(req: Request) async throws -> Response {
        _ = try medewerker(req)
        return try await toon(req, MeldenController.Formulier(), binnenkomst: req.queryWaarde("via"))
    }

    func vastleggen(req: Request) async throws -> Response {
        let g = try medewerker(req)
        let f = try req.content.decode(MeldenController.Formulier.self)
        let via = try req.content.decode(Extra.self).binnenkomst
        let t = Teksten.voor(req.taal)
        let type = f.melderType.flatMap(MelderType.init(rawValue:))
        var fouten: [VeldFout] = []
        let binnenkomst = via.flatMap(Binnenkomst.init(rawValue:)).flatMap { $0.doorMedewerker ? $0 : nil }
        if binnenkomst == nil {
            fouten.append(VeldFout(veld: "binnenkomst", label: t.tekst("intakeVeld_binnenkomst"), tekst: t.tekst("intakeBinnenkomstKiezen")))
        }
        // Asked out loud, so answered explicitly: an open question is not taken as "no".
        for (veld, waarde) in [("organisatieAlBenaderd", f.organisatieAlBenaderd), ("bezwaarOfBeroepLoopt", f.bezwaar)] where waarde != "ja" && waarde != "nee" {
            fouten.append(VeldFout(veld: veld, label: t.tekst("intakeVeld_\(veld)"), tekst: t.tekst("intakeJaOfNee")))
        }
        let v = MeldenController.invoer(f, taal: req.taal)
        // The same checks as the public form, every problem at once, named by this page's labels.
        let gecontroleerd = (try? valideerMelding(v, vandaag: Dag(req.application.klok.nu()))) ?? []
        fouten += staf(MeldenController.veldFouten(gecontroleerd, type: type, req.taal), t)
        guard fouten.isEmpty, let binnenkomst else { return try await toon(req, f, binnenkomst: via, fouten: fouten) }
        do {
            let geheimen = req.application.geheimen
            // A form sent twice (reload, Back) files one melding.
            let eenmalig = f.formulierToken.flatMap { $0.count == 43 ? $0 : nil }.map {
                MeldingService.Eenmalig(sleutel: "intake:" + Sleutels.sha256Hex(Data($0.utf8)), geheim: geheimen.eenmaligeWeergave)
            }
            let ontvangen = try await req.meldingen.intake.maak(v, ingediendDoor: nil, eenmalig: eenmalig, binnenkomst: binnenkomst, vastgelegdDoor: g.naam)
            let response = req.redirect(to: "/meldingen/nieuw/vastgelegd", redirectType: .normal)
            response.zet(.vastgelegd, try Verzegeld.sluit(MeldenController.Bevestiging(ontvangen: ontvangen, invoer: v), geheimen.eenmaligeWeergave),
                         req, sameSite: .strict, maxAge: 15 * 60)
            return response
        } catch let w as Weigering where w.hoortBijFormulier {
            return try await toon(req, f, binnenkomst: via, fouten: staf(MeldenController.veldFouten(w.velden ?? [], type: type, req.taal), t))
        }
    }

    /// The public form's messages named by this page's labels (staff words, not the melder's).
    private func staf(_ fouten: [VeldFout], _ t: [String: String]) -> [VeldFout] {
        fouten.map { VeldFout(veld: $0.veld, label: t["intakeVeld_\($0.veld)"] ?? $0.label, tekst: $0.tekst) }
    }

    struct Vastgelegd: Encodable, Sendable {
        let zaaknummer: String
        let href: String
        let link: String
        let sms: String
        let perMail: Bool
        let perBrief: Bool
        let contactUiterlijk: String
    }

    /// Once, after filing: the private link to read out, text or write down; then the case.
    func vastgelegd(req: Request) async throws -> Response {
        _ = try medewerker(req)
        guard let waarde = req.cookie(.vastgelegd),
              let b = try Verzegeld.open(waarde, MeldenController.Bevestiging.self, req.application.geheimen.eenmaligeWeergave)
        else { return req.redirect(to: "/meldingen", redirectType: .normal) }
        let t = Teksten.voor(req.taal)
        let o = b.ontvangen
        let link = req.application.instellingen.publiekeUrl + o.statuspagina
        return try await req.pagina("melding-vastgelegd", titel: "intakeVastgelegdTitel", inhoud: Vastgelegd(
            zaaknummer: o.zaaknummer.description, href: Webadres.melding(zaaknummer: o.zaaknummer.description).pad, link: link,
            sms: t.tekst("intakeSms").replacingOccurrences(of: "{zaak}", with: o.zaaknummer.description).replacingOccurrences(of: "{link}", with: link), perMail: b.perMail, perBrief: b.perBrief ?? false,
            contactUiterlijk: Datumweergave.voluit(o.eersteContactUiterlijk, req.taal)))
    }
}
