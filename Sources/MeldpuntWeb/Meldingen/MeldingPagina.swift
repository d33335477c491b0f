import Foundation
import MeldpuntAdressen
import MeldpuntCore
import MeldpuntDomain

/// The case page of the meldpunt's staff as a value: built from the case and what the page
/// offers to choose from, without a request, so it is tested as a value (MeldingPaginaTests).
struct MeldingPagina: Encodable, Sendable {

        let zaaknummer: String
        let href: String
        let status: String
        let fase: String
        let gesloten: Bool
        let uitkomst: String?
        let rol: String?
        let ontvangen: String
        let contactUiterlijk: String
        let contactOp: String?
        let teLaat: Bool
        let behandelaar: String?
        let volgendeStap: String?
        let tevredenheid: Int?
        let gewist: Bool
        let gegevens: [Regel]
        let bijlagen: [BijlageRij]
        let analyse: [Regel]
        let voorstel: String?
        let voorstelRedenen: [String]
        let tijdlijn: [TijdlijnRij]
        let kan: Kan
        let kanalen: [Keuze]
        /// How the melder wants to hear from us (e-mail, phone, post), for correcting it.
        let voorkeurKanalen: [Keuze]
        let complexiteiten: [Keuze]
        /// The analysis' finding: a wrong data item, or a right one interpreted wrongly.
        let bevindingen: [Keuze]
        let rollen: [Keuze]
        let uitkomsten: [Keuze]
        let scopeRedenen: [Keuze]
        let medewerkers: [Keuze]
        /// The teams to move the case to ("no team" first); empty when there are none.
        var teams: [Keuze] = []
        var team: String?
        let waarden: [String: String]
        let fouten: [VeldFout]
        let foutVelden: [String: String]
        /// The melder's contact fields on the correction page, each with its value and message.
        var contactvelden: [Contactveld] = []
        let nieuweLink: String?
        let verzoeken: [VerzoekRij]
        let escalatieniveau: String
        let aantalEscalaties: Int
        let partners: [Keuze]
        let nietInRegister: [Keuze]
        let verzoekSoorten: [Keuze]
        let opschortingsActies: [Keuze]
        let gedeeld: [Keuze]
        let brpGegevens: [Keuze]
        let openCorrecties: Bool
        /// Signalen whose cases share this case's features: what was learned there may help here.
        let signalen: [Keuze]
        /// The meldpunt's advice to organisations about this case.
        var adviezen: [Keuze] = []
        /// The overleggen with several organisations about this case.
        var overleggen: [Keuze] = []
        /// The letters the melder was sent (or is still to be sent).
        var brieven: [Keuze] = []
        /// Cases linked to this one, or merged with it.
        var koppelingen: [Keuze] = []
        /// Standard texts for the reply to the melder: each a link that fills the reply box.
        var standaardteksten: [Keuze] = []
        /// Each consequence the melder named, its repair, and the link to record it.
        var gevolgen: [Regel] = []
        var gevolgLinks: [Keuze] = []
        // The workspace at the top: who, what, when next, who is involved, the latest messages, what can be done.
        let melderNaam: String?
        let melderType: String
        let korteOmschrijving: String?
        let volgendeDatum: String
        let volgendeDatumTeLaat: Bool
        let betrokken: String?
        let berichten: [BerichtRij]
        let acties: [ActieLink]
        var heeftMeerActies = false
        /// What this case needs next (contact, then analysis, then the role), first on the page.
        let volgendeActie: VolgendeActie?
        /// The request's kinds as links: the form then shows only that kind's fields.
        let verzoekSoortLinks: [Keuze]
        /// The analysis form holds what the melder gave (not yet saved).
        let analyseVoorgevuld: Bool
        /// Other cases of the same person (same BSN, or exactly the same names: a melding has no birth date).
        let zelfdePersoon: [Keuze]
        /// On a task page: which form it shows ("contact", …, "sluiten-controle"), its title and what it does.
        let taak: String?
        let taakTitel: String?
        let taakUitleg: String?
        /// The check page before closing: what was chosen, label by label.
        let controle: [Regel]
        /// "0363 Amsterdam", …: the same gemeente picker as the terugmeld wizard.
        let gemeenten: [String]
        /// Closing a case that lacks its analysis or personal contact: what is missing, and the
        /// grounds to choose from (nil and empty when it has both).
        var zonderZorg: String? = nil
        /// Running suspensions to decide on when closing: how many, and the choices.
        /// How it came in, in words.
        var binnenkomst = ""
        /// The safety net's days as label–value lines, and whether the acceptable time has passed.
        var vangnet: [Regel] = []
        var doorlooptijdVerstreken = false
        var lopendeOpschortingen = 0
        var opschortingBesluiten: [Keuze] = []
        var afsluitgronden: [Keuze] = []


    struct Regel: Encodable, Sendable { let label: String; let waarde: String }
    struct BijlageRij: Encodable, Sendable { let href: String; let naam: String; let grootte: String }
    struct Contactveld: Encodable, Sendable {
        let id, naam, label, type, waarde: String
        let fout: String?
        let kort: Bool
    }

    struct TijdlijnRij: Encodable, Sendable { let tijdstip: String; let wat: String; let door: String; let tekst: String?; let extra: String?; let voorMelder: Bool }

    struct Kan: Encodable, Sendable {
        let contact, analyse, rolKeuze, wacht, hervatten, sluiten, schrijven, bericht: Bool
    }

    /// A message in the workspace: from the melder, to the melder, or in a partner's thread.
    struct BerichtRij: Encodable, Sendable { let tijdstip: String; let door: String; let wat: String; let tekst: String; let vanMelder: Bool }

    /// One entry of the action menu: a task page, or a one-click step (`post`).

    /// One row of the coordinating view.
    struct VerzoekRij: Encodable, Sendable {
        let href: String
        let organisatie: String
        let soort: String
        let status: String
        let uiterlijk: String
        let teLaat: Bool
        let niveau: String
        let contactpersoon: String
        let opschorting: String?
        let terugmelding: String?
    }

    /// What the page needs besides the case itself.
    struct Omgeving: Sendable {
        let taal: Taal
        let vandaag: Dag
        /// The signed-in staff member, proposed as handler when the case has none.
        let eigenEmail: String?
        let medewerkers: [Keuze]
        let partners: [Keuze]
        var signalen: [Keuze] = []
        var adviezen: [Keuze] = []
        var overleggen: [Keuze] = []
        var brieven: [Keuze] = []
        var koppelingen: [Keuze] = []
        var standaardteksten: [Keuze] = []
        var teams: [Keuze] = []
        var zelfdePersoon: [Keuze] = []
        var gemeenten: [String] = []
        var gemeenteVoorstel: String? = nil
        /// Organisations the case names or a registration's holder, not in the register: a link to add each.
        var nietInRegister: [Keuze] = []
    }

    /// `invoer`: what was typed in a refused form, by field id, shown again; `fouten` next to their fields.
    static func bouw(_ d: MeldingDetailDTO, _ o: Omgeving, invoer: [String: String] = [:], fouten: [VeldFout] = [],
                     nieuweLink: String? = nil, taak: String? = nil) -> MeldingPagina {
        let t = Teksten.voor(o.taal)
        let stappen = Set(d.mogelijkeStappen)
        let volgende = volgendeDatum(d, o.taal, t)
        // The task's name in the texts: "volgende-stap" → "volgendeStap", the check page "sluitenControle".
        let taakSleutel = taak.map { Meldingactie(segment: $0)?.tekst ?? ($0 == "sluiten-controle" ? "sluitenControle" : $0) }
        var waarden: [String: String] = [
            "contactDatum": o.vandaag.description,
            // With teams to choose from, an unassigned case is not given to oneself unasked.
            "toewijzenEmail": d.behandelaar?.email ?? (o.teams.isEmpty ? o.eigenEmail : nil) ?? "",
            "keuzeRol": (d.rol ?? d.rolVoorstel?.rol)?.rawValue ?? "",
            "stapTekst": d.volgendeStap?.tekst ?? "",
            "stapDatum": d.volgendeStap?.datum.description ?? "",
            // The terugmelding starts from the person the case is about.
            "tmBsn": d.melding.flatMap { $0.vertegenwoordigde?.bsn ?? $0.melder?.bsn } ?? "",
            "tmGemeentecode": o.gemeenteVoorstel ?? "",
            // No kind chosen yet: the request's page first asks which kind.
            "verzoekSoort": "",
        ]
        // The melder's contact data as they stand, to correct.
        if let m = d.melding {
            let c = ContactgegevensInvoer(m)
            for (veld, waarde) in [("Naam", c.naam), ("Email", c.email), ("Telefoon", c.telefoon), ("Adres", c.adres), ("Postcode", c.postcode),
                                   ("Woonplaats", c.woonplaats), ("VoorkeurKanaal", c.voorkeurKanaal)] {
                waarden["contactgegevens" + veld] = waarde ?? ""
            }
        }
        if d.analyse == nil, let m = d.melding {
            // What the melder gave, as a start: the organisations and registrations they named.
            var organisaties: [String] = []
            for o in (m.betrokkenOrganisaties ?? []) + (m.gevolgen ?? []).compactMap(\.organisatie) {
                let n = o.trimmingCharacters(in: .whitespacesAndNewlines)
                if !n.isEmpty && !organisaties.contains(where: { $0.lowercased() == n.lowercased() }) { organisaties.append(n) }
            }
            let registraties = (m.registraties ?? []) + [m.andereRegistratie].compactMap { $0 }.filter { !$0.isEmpty }
            waarden["analyseGeraakteOrganisaties"] = organisaties.joined(separator: "\n")
            waarden["analyseGeraakteRegistraties"] = registraties.joined(separator: "\n")
            if registraties.count == 1 { waarden["analyseOorsprongRegistratie"] = registraties[0] }
            if organisaties.count == 1 { waarden["analyseOorsprongOrganisatie"] = organisaties[0] }
        }
        if let a = d.analyse {
            waarden["analyseOorsprongOrganisatie"] = a.oorsprongOrganisatie
            waarden["analyseOorsprongRegistratie"] = a.oorsprongRegistratie
            waarden["analyseGeraakteOrganisaties"] = a.geraakteOrganisaties.joined(separator: "\n")
            waarden["analyseGeraakteRegistraties"] = a.geraakteRegistraties.joined(separator: "\n")
            waarden["analyseComplexiteit"] = a.complexiteit.rawValue
        }
        // The finding starts from what the melder said, until the analysis says otherwise.
        waarden["analyseBevinding"] = (d.analyse?.bevinding ?? d.probleemsoort).rawValue
        waarden.merge(invoer) { _, nieuw in nieuw }
        func keuzes<E: CaseIterable & RawRepresentable>(_: E.Type, sleutel: String, veld: String) -> [Keuze] where E.RawValue == String {
            E.allCases.map { Keuze(waarde: $0.rawValue, naam: t.naam(sleutel, $0), gekozen: waarden[veld] == $0.rawValue) }
        }
        func leegeKeuze(_ sleutel: String, veld: String) -> Keuze {
            Keuze(waarde: "", naam: t.tekst(sleutel), gekozen: (waarden[veld] ?? "").isEmpty)
        }
        var pagina = MeldingPagina(
            zaaknummer: d.zaaknummer, href: "/meldingen/\(d.zaaknummer)", status: t.naam("mfoStatus", d.status),
            fase: t.naam("fase", d.fase), gesloten: d.status == .gesloten,
            uitkomst: d.uitkomst.map { t.naam("mfoUitkomst", $0) }, rol: d.rol.map { t.naam("mfoRol", $0) },
            ontvangen: Datumweergave.tijdstip(d.ontvangenOp), contactUiterlijk: Datumweergave.datum(d.eersteContactUiterlijk),
            contactOp: d.eersteContactOp.map(Datumweergave.datum), teLaat: d.contactTermijnOverschreden,
            behandelaar: d.behandelaar?.naam, volgendeStap: d.volgendeStap.map { "\($0.tekst) (\(Datumweergave.datum($0.datum)))" },
            tevredenheid: d.tevredenheid, gewist: d.persoonsgegevensGewist,
            gegevens: d.melding.map { regels($0, t) } ?? [],
            bijlagen: d.bijlagen.map { BijlageRij(href: "/meldingen/\(d.zaaknummer)/bijlagen/\($0.id)", naam: $0.bestandsnaam,
                                                  grootte: ByteCountFormatter.string(fromByteCount: Int64($0.grootte), countStyle: .file)) },
            analyse: d.analyse.map { a in [
                Regel(label: t.tekst("mfoOorsprong"), waarde: "\(a.oorsprongOrganisatie) · \(a.oorsprongRegistratie)"),
                Regel(label: t.tekst("mfoGeraakteOrganisaties"), waarde: a.geraakteOrganisaties.isEmpty ? "–" : a.geraakteOrganisaties.joined(separator: ", ")),
                Regel(label: t.tekst("mfoGeraakteRegistraties"), waarde: a.geraakteRegistraties.isEmpty ? "–" : a.geraakteRegistraties.joined(separator: ", ")),
                Regel(label: t.tekst("mfoComplexiteit"), waarde: t.naam("mfoComplexiteit", a.complexiteit)),
                Regel(label: t.tekst("mfoBevinding"), waarde: t.naam("mfoBevinding", a.bevinding)),
            ] } ?? [],
            voorstel: d.rolVoorstel.map { t.naam("mfoRol", $0.rol) }, voorstelRedenen: d.rolVoorstel?.redenen ?? [],
            tijdlijn: d.tijdlijn.reversed().map { tijdlijnRij($0, t, taal: o.taal) },
            kan: Kan(contact: stappen.contains(.contact), analyse: stappen.contains(.analyse), rolKeuze: stappen.contains(.rolKeuze) && d.analyse != nil,
                     wacht: stappen.contains(.wachtOpOrganisaties), hervatten: stappen.contains(.hervatten), sluiten: stappen.contains(.sluiten),
                     schrijven: !stappen.isEmpty, bericht: !d.persoonsgegevensGewist),
            kanalen: keuzes(Contactvorm.self, sleutel: "mfoKanaal", veld: "contactKanaal"),
            voorkeurKanalen: [leegeKeuze("mfoGeenVoorkeur", veld: "contactgegevensVoorkeurKanaal")] + keuzes(Contactkanaal.self, sleutel: "kanaal", veld: "contactgegevensVoorkeurKanaal"),
            complexiteiten: keuzes(Complexiteit.self, sleutel: "mfoComplexiteit", veld: "analyseComplexiteit"),
            bevindingen: keuzes(Probleemsoort.self, sleutel: "mfoBevinding", veld: "analyseBevinding"),
            rollen: MeldpuntRol.allCases.map { r in
                Keuze(waarde: r.rawValue, naam: t.naam("mfoRol", r) + (r == d.rolVoorstel?.rol ? " (\(t.tekst("mfoVoorgesteld")))" : ""),
                      gekozen: waarden["keuzeRol"] == r.rawValue)
            },
            uitkomsten: [leegeKeuze("mfoKiesUitkomst", veld: "sluitenUitkomst")] + keuzes(MeldingUitkomst.self, sleutel: "mfoUitkomst", veld: "sluitenUitkomst"),
            scopeRedenen: [leegeKeuze("mfoGeenScopeReden", veld: "sluitenScopeReden")] + keuzes(ScopeReden.self, sleutel: "mfoScope", veld: "sluitenScopeReden"),
            medewerkers: (o.teams.isEmpty ? [] : [Keuze(waarde: "", naam: t.tekst("bulkNietWijzigen"), gekozen: (waarden["toewijzenEmail"] ?? "").isEmpty)])
                + o.medewerkers.map { Keuze(waarde: $0.waarde, naam: $0.naam, gekozen: waarden["toewijzenEmail"] == $0.waarde) },
            waarden: waarden, fouten: fouten,
            foutVelden: Dictionary(fouten.map { ($0.veld, $0.tekst) }, uniquingKeysWith: { a, _ in a }),
            nieuweLink: nieuweLink,
            verzoeken: d.verzoeken.map { v in
                VerzoekRij(href: "/meldingen/\(d.zaaknummer)/verzoeken/\(v.id)", organisatie: v.organisatie.naam, soort: t.naam("verzoekSoort", v.soort),
                           status: t.naam("verzoekStatus", v.status), uiterlijk: v.uiterlijk.map(Datumweergave.datum) ?? "–", teLaat: v.termijnOverschreden,
                           niveau: t.naam("niveau", v.niveau),
                           contactpersoon: v.contactpersoon.map { [$0.naam, $0.email, $0.telefoon].compactMap { $0 }.joined(separator: " · ") } ?? "–",
                           opschorting: v.opschorting.map { CoordinatieWebController.opschortingTekst($0, t) },
                           terugmelding: v.terugmelding.map { "\($0.status.naam(o.taal)) (\($0.bijhouder))" })
            },
            escalatieniveau: t.naam("niveau", d.escalatieniveau), aantalEscalaties: d.aantalEscalaties,
            partners: [leegeKeuze("partnerKies", veld: "verzoekOrganisatie")]
                + o.partners.map { Keuze(waarde: $0.waarde, naam: $0.naam, gekozen: waarden["verzoekOrganisatie"] == $0.waarde) },
            nietInRegister: o.nietInRegister,
            verzoekSoorten: keuzes(VerzoekSoort.self, sleutel: "verzoekSoort", veld: "verzoekSoort"),
            opschortingsActies: [leegeKeuze("verzoekKiesActie", veld: "verzoekActie")] + keuzes(OpschortingsActie.self, sleutel: "opschortingsActie", veld: "verzoekActie"),
            gedeeld: GedeeldGegeven.allCases.map { g in
                Keuze(waarde: g.rawValue, naam: t.naam("gedeeld", g), gekozen: (waarden["verzoekGedeeld"] ?? "omschrijving").split(separator: ",").contains { $0 == g.rawValue })
            },
            brpGegevens: BRPAttribuut.alle.map { Keuze(waarde: $0.urn, naam: $0.naam, gekozen: waarden["tmGegeven"] == $0.urn) },
            openCorrecties: d.verzoeken.contains { $0.soort == .correctie && $0.status.isOpen }, signalen: o.signalen, adviezen: o.adviezen, overleggen: o.overleggen, brieven: o.brieven, koppelingen: o.koppelingen, standaardteksten: o.standaardteksten,
            gevolgen: d.gevolgen.map { g in Regel(label: "\(t.tekst("gevolg")) \(g.nummer): \(t.naam("gevolg", g.soort))" + (g.organisatie.map { " (\($0))" } ?? ""),
                                                  waarde: g.status.naam(o.taal) + (g.toelichting.map { " – \($0)" } ?? "")) },
            gevolgLinks: d.gevolgen.map { g in Keuze(waarde: "/meldingen/\(d.zaaknummer)/gevolgen/\(g.nummer)", naam: "\(t.tekst("gevolgBijwerken")) \(g.nummer)") },
            melderNaam: d.melding.flatMap { v in v.melder?.naam.map { m in v.vertegenwoordigde?.naam.map { "\($0) (via \(m))" } ?? m } },
            melderType: t.naam("mfoMelderType", d.melderType),
            korteOmschrijving: d.melding?.watIsFout.map { kort($0, 160) },
            volgendeDatum: volgende.tekst, volgendeDatumTeLaat: volgende.dag.map { $0 < o.vandaag } ?? false,
            betrokken: betrokken(d),
            berichten: d.tijdlijn.filter { berichtSoorten.contains($0.soort) && $0.tekst != nil }.suffix(3).reversed().map { e in
                BerichtRij(tijdstip: Datumweergave.tijdstip(e.tijdstip), door: e.door ?? "–", wat: t.naam("mfoSoort", e.soort),
                           tekst: kort(e.tekst ?? "", 400), vanMelder: e.soort == .berichtVanMelder)
            },
            acties: acties(d, stappen, t), volgendeActie: volgendeActie(d, stappen, t, o.taal),
            verzoekSoortLinks: VerzoekSoort.allCases.map { s in
                Keuze(waarde: "/meldingen/\(d.zaaknummer)/verzoek?soort=\(s.rawValue)"
                        + (invoer["verzoekOrganisatie"].flatMap(UUID.init(uuidString:)).map { "&organisatie=\($0.tekst)" } ?? ""),
                      naam: t.tekst("verzoekSoortKies_\(s.rawValue)"))
            },
            analyseVoorgevuld: d.analyse == nil && taak == Meldingactie.analyse.segment && invoer.isEmpty,
            zelfdePersoon: o.zelfdePersoon,
            taak: taak, taakTitel: taakSleutel.map { t["mfoActie_\($0)"] ?? $0 }, taakUitleg: taakSleutel.flatMap { t["mfoTaakUitleg_\($0)"] },
            controle: taak == "sluiten-controle" ? controleRegels(waarden, t) : [], gemeenten: o.gemeenten)
        let geanalyseerd = d.analyse != nil, gesproken = d.eersteContactOp != nil
        if !(geanalyseerd && gesproken) {
            pagina.zonderZorg = t.tekst(!geanalyseerd && !gesproken ? "mfoZonderAnalyseEnContact" : !geanalyseerd ? "mfoZonderAnalyse" : "mfoZonderContact")
            pagina.afsluitgronden = [leegeKeuze("mfoKiesAfsluitgrond", veld: "sluitenAfsluitgrond")] + keuzes(Afsluitgrond.self, sleutel: "afsluitgrond", veld: "sluitenAfsluitgrond")
        }
        pagina.binnenkomst = d.binnenkomst.naam(o.taal)
        pagina.heeftMeerActies = pagina.acties.contains(where: \.meer)
        pagina.team = d.team
        if !o.teams.isEmpty {
            let gekozen = waarden["toewijzenTeam"] ?? o.teams.first { $0.naam == d.team }?.waarde ?? ""
            pagina.teams = ([Keuze(waarde: "", naam: t.tekst("teamGeen"))] + o.teams).map { Keuze(waarde: $0.waarde, naam: $0.naam, gekozen: $0.waarde == gekozen) }
        }
        if taak == Meldingactie.contactgegevens.segment {
            pagina.contactvelden = [("Naam", "naam", "text", false), ("Email", "email", "email", false), ("Telefoon", "telefoon", "tel", true),
                                    ("Adres", "adres", "text", false), ("Postcode", "postcode", "text", true), ("Woonplaats", "woonplaats", "text", false)].map { v in
                let id = "contactgegevens" + v.0
                return Contactveld(id: id, naam: v.1, label: t.tekst("mfoVeld_" + id), type: v.2, waarde: waarden[id] ?? "", fout: pagina.foutVelden[id], kort: v.3)
            }
        }
        if let v = d.vangnet {
            pagina.vangnet = [v.betalenUiterlijk.map { Regel(label: t.tekst("mfoBetalenVoor"), waarde: Datumweergave.datum($0)) },
                              v.contactVolgendeOp.map { Regel(label: t.tekst("mfoContactVolgende"), waarde: Datumweergave.datum($0)) },
                              v.doorlooptijdUiterlijk.map { Regel(label: t.tekst("mfoDoorlooptijdTot"), waarde: Datumweergave.datum($0)) }].compactMap { $0 }
            pagina.doorlooptijdVerstreken = v.doorlooptijdVerstreken
        }
        pagina.lopendeOpschortingen = d.verzoeken.filter { $0.opschorting?.actief == true }.count
        if pagina.lopendeOpschortingen > 0 {
            pagina.opschortingBesluiten = keuzes(OpschortingBesluit.self, sleutel: "opschortingBesluit", veld: "sluitenOpschortingBesluit")
        }
        return pagina
    }

    /// What counts as a message in the workspace.
    static let berichtSoorten: Set<Gebeurtenissoort> = [.berichtVanMelder, .berichtAanMelder, .verzoekBericht, .verzoekAfgewezen, .verzoekUitgevoerd]

    static func kort(_ tekst: String, _ max: Int) -> String {
        let t = tekst.trimmingCharacters(in: .whitespacesAndNewlines)
        return t.count <= max ? t : String(t.prefix(max - 1)).trimmingCharacters(in: .whitespaces) + "…"
    }

    /// The date that matters next: first contact while there was none, else the next step, else the earliest open request.
    static func volgendeDatum(_ d: MeldingDetailDTO, _ taal: Taal, _ t: [String: String]) -> (tekst: String, dag: Dag?) {
        if d.status == .gesloten { return (d.geslotenOp.map { t.tekst("mfoGeslotenOp") + " " + Datumweergave.voluit($0, taal) } ?? "–", nil) }
        if d.eersteContactOp == nil {
            return (t.tekst("mfoEersteContactUiterlijk") + " " + Datumweergave.voluit(d.eersteContactUiterlijk, taal), d.eersteContactUiterlijk)
        }
        if let s = d.volgendeStap { return ("\(s.tekst): " + Datumweergave.voluit(s.datum, taal), s.datum) }
        if let v = d.verzoeken.filter({ $0.status.isOpen }).compactMap({ v in v.uiterlijk.map { (v, $0) } }).min(by: { $0.1 < $1.1 }) {
            return (t.tekst("mfoAntwoordVan") + " \(v.0.organisatie.naam): " + Datumweergave.voluit(v.1, taal), v.1)
        }
        return ("–", nil)
    }

    static func betrokken(_ d: MeldingDetailDTO) -> String? {
        var namen: [String] = []
        for v in d.verzoeken where !namen.contains(v.organisatie.naam) { namen.append(v.organisatie.naam) }
        return namen.isEmpty ? nil : namen.joined(separator: ", ")
    }

    /// The action menu: what this case allows now, everyday work first, closing last and apart.
    struct VolgendeActie: Encodable, Sendable {
        let href: String
        let naam: String
        /// Why this is next, in one line ("Uiterlijk 2 december"; "Voorstel: coördinerend, omdat …").
        let waarom: String
    }

    /// The case's next step in the meldpunt's way of working: first contact, then the analysis
    /// (origin, impact, complexity), then the role. Nil once those are done (the menu has the rest).
    static func volgendeActie(_ d: MeldingDetailDTO, _ stappen: Set<Behandelstap>, _ t: [String: String], _ taal: Taal) -> VolgendeActie? {
        func href(_ a: Meldingactie) -> String { Webadres.meldingTaak(zaaknummer: d.zaaknummer, a).pad }
        if stappen.contains(.contact) && d.eersteContactOp == nil {
            return VolgendeActie(href: href(.contact), naam: t.tekst("mfoActie_contact"),
                                 waarom: "\(t.tekst("mfoVolgendeContact")) \(Datumweergave.voluit(d.eersteContactUiterlijk, taal))"
                                    + (d.contactTermijnOverschreden ? " (\(t.tekst("teLaat").lowercased()))" : ""))
        }
        if stappen.contains(.analyse) && d.analyse == nil {
            return VolgendeActie(href: href(.analyse), naam: t.tekst("mfoActie_analyse"), waarom: t.tekst("mfoVolgendeAnalyse"))
        }
        if stappen.contains(.rolKeuze) && d.analyse != nil && d.rol == nil {
            let voorstel = d.rolVoorstel.map { "\(t.tekst("mfoVoorgesteldeRol")): \(t.naam("mfoRol", $0.rol))" + ($0.redenen.isEmpty ? "" : " – \($0.redenen.joined(separator: "; "))") }
            return VolgendeActie(href: href(.rol), naam: t.tekst("mfoActie_rol"), waarom: voorstel ?? t.tekst("mfoVolgendeRol"))
        }
        return nil
    }

    /// The case menu's order: tasks with a page, then one-click steps, closing apart at the end.
    static let menu: [Meldingactie] = [.contact, .verzoek, .terugmelding, .analyse, .rol, .volgendeStap, .notitie, .toewijzen,
                                                       .escaleren, .wacht, .hervatten, .nieuweLink, .contactgegevens, .koppelen, .heropenen, .sluiten]

    /// The menu: the actions the core allows on this case now, as links made from the address table.
    static func acties(_ d: MeldingDetailDTO, _ stappen: Set<Behandelstap>, _ t: [String: String]) -> [ActieLink] {
        let toegestaan = d.acties
        var r: [ActieLink] = menu.filter { toegestaan.contains($0) }.map { a in
            let href = Webadres.meldingTaak(zaaknummer: d.zaaknummer, a).pad
            switch a {
            case .wacht, .hervatten: return ActieLink(href: href, naam: t.tekst("mfoKnop_\(a.tekst)"), post: true)
            case .nieuweLink: return ActieLink(href: href, naam: t.tekst("mfoActie_link"), post: true, meer: true)
            case .sluiten: var s = ActieLink(href: href, naam: t.tekst("mfoActie_\(a.tekst)")); s.apart = true; return s
            case .contactgegevens, .koppelen: var s = ActieLink(href: href, naam: t.tekst("mfoActie_\(a.tekst)")); s.meer = true; return s
            default: return ActieLink(href: href, naam: t.tekst("mfoActie_\(a.tekst)"))
            }
        }
        // The next step first in the menu, marked.
        if let volgende = volgendeActie(d, stappen, t, .nl), let i = r.firstIndex(where: { $0.href == volgende.href }) {
            var v = r.remove(at: i)
            v.volgende = true
            r.insert(v, at: 0)
        }
        return r
    }

    /// The check page's rows: the choices in words, never their codes.
    static func controleRegels(_ w: [String: String], _ t: [String: String]) -> [Regel] {
        var r = [Regel(label: t.tekst("mfoVeld_sluitenUitkomst"), waarde: w["sluitenUitkomst"].flatMap(MeldingUitkomst.init(rawValue:)).map { t.naam("mfoUitkomst", $0) } ?? "–")]
        if let s = w["sluitenScopeReden"].flatMap(ScopeReden.init(rawValue:)) { r.append(Regel(label: t.tekst("mfoVeld_sluitenScopeReden"), waarde: t.naam("mfoScope", s))) }
        r.append(Regel(label: t.tekst("mfoVeld_sluitenSamenvatting"), waarde: w["sluitenSamenvatting"] ?? ""))
        if let o = leeg(w["sluitenRedenOpenCorrecties"]) { r.append(Regel(label: t.tekst("mfoVeld_sluitenRedenOpenCorrecties"), waarde: o)) }
        if let g = w["sluitenAfsluitgrond"].flatMap(Afsluitgrond.init(rawValue:)) { r.append(Regel(label: t.tekst("mfoVeld_sluitenAfsluitgrond"), waarde: t.naam("afsluitgrond", g))) }
        if let b = w["sluitenOpschortingBesluit"].flatMap(OpschortingBesluit.init(rawValue:)) {
            r.append(Regel(label: t.tekst("mfoVeld_sluitenOpschortingBesluit"), waarde: t.naam("opschortingBesluit", b)))
        }
        return r
    }

    /// What the melder sent, as label–value lines; empty parts are left out.
    static func regels(_ v: MeldingInvoer, _ t: [String: String]) -> [Regel] {
        var r: [Regel] = []
        func voeg(_ sleutel: String, _ waarde: String?) {
            if let w = waarde?.trimmingCharacters(in: .whitespacesAndNewlines), !w.isEmpty { r.append(Regel(label: t[sleutel] ?? sleutel, waarde: w)) }
        }
        voeg("mfoWieMeldt", v.melderType.map { t.naam("mfoMelderType", $0) })
        voeg("mfoLabel_organisatieNaam", v.organisatieNaam)
        voeg("mfoLabel_kvkNummer", v.kvkNummer)
        for (rol, p) in [("mfoMelder", v.melder), ("mfoVertegenwoordigde", v.vertegenwoordigde)] {
            guard let p else { continue }
            voeg(rol, [p.naam, p.email, p.telefoon, [p.adres, p.postcode, p.woonplaats].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", "),
                       p.bsn.flatMap { $0.isEmpty ? nil : "BSN \($0)" }]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · "))
        }
        if v.melderType == MelderType.intermediair.rawValue {
            voeg("mfoToestemmingVertegenwoordigde", v.toestemmingVertegenwoordigde == true ? t["ja"] : t["nee"])
        }
        voeg("mfoLabel_voorkeurKanaal", v.voorkeurKanaal.map { t.naam("kanaal", $0) })
        voeg("mfoAlBenaderd", v.organisatieAlBenaderd.map { $0 ? t.tekst("ja") : t.tekst("nee") })
        voeg("mfoLabel_redenNietBenaderd", v.redenNietBenaderd)
        voeg("mfoLabel_registraties", ((v.registraties ?? []) + [v.andereRegistratie].compactMap { $0 }).joined(separator: ", "))
        voeg("mfoLabel_betrokkenOrganisaties", (v.betrokkenOrganisaties ?? []).joined(separator: ", "))
        voeg("mfoLabel_probleemsoort", v.probleemsoort.flatMap(Probleemsoort.init(rawValue:)).map { t.naam("mfoBevinding", $0) })
        voeg("mfoLabel_watIsFout", v.watIsFout)
        voeg("mfoLabel_watMoetHetZijn", v.watMoetHetZijn)
        voeg("mfoLabel_sinds", v.sinds.map(Datumweergave.datum))
        for g in v.gevolgen ?? [] {
            voeg("mfoGevolg", [g.soort.map { t.naam("gevolg", $0) }, g.organisatie, g.omschrijving, g.uiterlijkeDatum.map { "\(t.tekst("mfoUiterlijk")) \(Datumweergave.datum($0))" }]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · "))
        }
        return r
    }

    static func tijdlijnRij(_ e: GebeurtenisDTO, _ t: [String: String], taal: Taal = .nl) -> TijdlijnRij {
        let g = e.gegevens
        let extra = [g?.kanaal.map { t.naam("mfoKanaal", $0) }, g?.datum.map(Datumweergave.datum), g?.status.map { s in switch s { case .melding(let s): t.naam("mfoStatus", s); case .verzoek(let s): t.naam("verzoekStatus", s) } },
                     g?.rol.map { t.naam("mfoRol", $0) }, g?.bevinding.map { t.naam("mfoBevinding", $0) }, g?.afsluitgrond.map { t.naam("afsluitgrond", $0) }, g?.uitkomst.map { u in switch u { case .melding(let u): t.naam("mfoUitkomst", u); case .terugmelding(let u): t.naam("uitkomst", u) } }, g?.scopeReden.map { t.naam("mfoScope", $0) },
                     g?.cijfer.map { "\($0)/5" }, g?.adviesNummer.map { "ADV-\($0)" }, g?.overlegNummer.map { "OVL-\($0)" }, g?.organisatie, g?.verzoekSoort.map { t.naam("verzoekSoort", $0) },
                     g?.gevolgSoort.map { t.naam("gevolg", $0) }, g?.herstel.map { $0.naam(taal) }, g?.niveau.map { t.naam("niveau", $0) }, g?.escalatiebesluit.map { t.naam("escalatiebesluit", $0) }, g?.contactpersoon, g?.terugmeldingStatus?.naam(taal),
                     g?.velden.map { $0.map { t.tekst("mfoVeld_contactgegevens" + $0.prefix(1).uppercased() + $0.dropFirst()) }.joined(separator: ", ") }, g?.gekoppeld].compactMap { $0 }
        return TijdlijnRij(tijdstip: Datumweergave.tijdstip(e.tijdstip), wat: t.naam("mfoSoort", e.soort), door: e.door ?? "–",
                           tekst: e.tekst, extra: extra.isEmpty ? nil : extra.joined(separator: " · "), voorMelder: e.zichtbaarVoorMelder)
    }
}
