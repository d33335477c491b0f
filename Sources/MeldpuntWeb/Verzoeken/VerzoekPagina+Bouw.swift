import Foundation
import MeldpuntAdressen
import MeldpuntCore
import MeldpuntDomain

extension Verzoektaak {
    func titel(isMeldpunt: Bool, isOpschorting: Bool, escalatie: String = "voorstellen") -> String {
        switch self {
        case .termijn: isMeldpunt ? "verzoekActie_termijn" : "verzoekActie_termijnVoorstellen"
        case .uitvoeren: isOpschorting ? "verzoekActie_opschortingBevestigen" : "verzoekActie_uitvoeren"
        case .escaleren: "verzoekActie_escaleren_\(escalatie)"
        case .escalatieAfwijzen: "verzoekActie_escalatieAfwijzen"
        default: "verzoekActie_\(rawValue)"
        }
    }

    /// A form's field ids start with this (a task's route may hold a hyphen, an id does not).
    var voorvoegsel: String { self == .escalatieAfwijzen ? "escalatieAfwijzen" : rawValue }
}

/// The request page for each side, built from the request without a request (VerzoekPaginaTests).
extension VerzoekPagina {
    /// Whether this side may open the task's page now.
    func kan(_ taak: Verzoektaak) -> Bool { taken.contains(taak) }

    /// The same page as one task's page.
    func alsTaak(_ taak: Verzoektaak, taal: Taal) -> VerzoekPagina {
        var p = self
        p.taak = taak.rawValue
        p.taakTitel = Teksten.voor(taal).tekst(taak.titel(isMeldpunt: isMeldpunt, isOpschorting: isOpschorting, escalatie: escalatie))
        return p
    }

    /// The links to the tasks this side has now, in the menu's order.
    private static func acties(_ taken: Set<Verzoektaak>, menu: [Verzoektaak], adres: (Verzoektaak) -> Webadres?, isMeldpunt: Bool, isOpschorting: Bool,
                               escalatie: String, _ t: [String: String]) -> [ActieLink] {
        menu.filter(taken.contains).compactMap { taak in
            adres(taak).map { ActieLink(href: $0.pad, naam: t.tekst(taak.titel(isMeldpunt: isMeldpunt, isOpschorting: isOpschorting, escalatie: escalatie))) }
        }
    }

    /// How escalating reads for `kant`, and the standing proposal as a row of the page, with the
    /// proposer's reason (the latest proposal in the thread) so the other side decides knowing why.
    static func escalatie(_ e: EscalatievoorstelDTO?, kant: Verzoekpartij, organisatie: String?, berichten: [VerzoekBerichtDTO],
                          _ t: [String: String], _ taal: Taal) -> (String, Regel?) {
        guard let e else { return ("voorstellen", nil) }
        let wie = e.door == .meldpunt ? t.tekst("verzoekVan_meldpunt") : organisatie ?? t.tekst("verzoekVan_partner")
        let reden = berichten.last { $0.soort == .escalatieVoorgesteld }?.tekst.map { ": \($0)" } ?? ""
        let regel = Regel(label: t.tekst("verzoekEscalatievoorstel"),
                          waarde: "\(t.tekst("verzoekEscalatievoorstelVan")) \(wie)\(reden) · \(t.tekst("verzoekEscalatievoorstelAntwoord")) \(Datumweergave.voluit(e.uiterlijk, taal))")
        return (e.door != kant ? "akkoord" : e.verlopen ? "zonderAntwoord" : "voorstellen", regel)
    }

    /// The meldpunt's view: the whole request, its contact person, and the meldpunt's own forms.
    static func voorMeldpunt(_ v: VerzoekDTO, zaaknummer z: String, taal: Taal, waarden: [String: String] = [:],
                             fouten: Formulierfouten = .init()) -> VerzoekPagina {
        let t = Teksten.voor(taal)
        let basis = "/meldingen/\(z)/verzoeken/\(v.id)"
        let vid = UUID(uuidString: v.id)
        var regels = [VerzoekPagina.Regel(label: t.tekst("verzoekOrganisatie"), waarde: v.organisatie.naam)]
        regels += CoordinatieWebController.kop(soort: v.soort, status: v.status, uiterlijk: v.uiterlijk, teLaat: v.termijnOverschreden, niveau: v.niveau, reden: v.reden,
                           opschorting: v.opschorting, overleg: v.overleg, t)
        if let c = v.contactpersoon {
            regels.append(.init(label: t.tekst("verzoekContactpersoon"), waarde: [c.naam, c.functie, c.email, c.telefoon].compactMap { $0 }.joined(separator: " · ")))
        }
        regels.append(.init(label: t.tekst("verzoekGedeeld"), waarde: v.gedeeldeGegevens.isEmpty ? t.tekst("verzoekAlleenVraag") : v.gedeeldeGegevens.map { t.naam("gedeeld", $0) }.joined(separator: ", ")))
        let open = v.status.isOpen
        let taken = v.taken
        let kanEscaleren = taken.contains(.escaleren)
        let (escalatie, voorstel) = escalatie(v.escalatievoorstel, kant: .meldpunt, organisatie: v.organisatie.naam, berichten: v.berichten, t, taal)
        if let voorstel { regels.append(voorstel) }
        var pagina = VerzoekPagina(
            titel: "\(t.naam("verzoekSoort", v.soort)) – \(v.organisatie.naam)", terug: "/meldingen/\(z)", terugNaam: "\(t.tekst("mfoMelding")) \(z)",
            basis: basis, isMeldpunt: true, zaaknummer: z, regels: regels, gedeeld: [], gedeeldeBijlagen: [],
            berichten: CoordinatieWebController.berichten(v.berichten, t) { "\(basis)/bijlagen/\($0.id)" }, open: open, kanAccepteren: false, kanUitvoeren: false,
            isOpschorting: v.soort == .opschorting, isOverleg: v.soort == .overleg, kanOpheffen: false,
            kanEscaleren: kanEscaleren,
            terugmelding: v.terugmelding.map { "\(t.tekst("verzoekTerugmelding")) \($0.id) – \($0.status.naam(taal)) (\($0.bijhouder))" },
            status: t.naam("verzoekStatus", v.status),
            acties: acties(taken, menu: Verzoektaak.vanMeldpunt, adres: { t in vid.map { .verzoekTaakVanMelding(zaaknummer: z, verzoek: $0, t) } }, isMeldpunt: true,
                           isOpschorting: v.soort == .opschorting, escalatie: escalatie, t),
            taken: taken, kanBericht: open,
            waarden: ["termijnUiterlijk": v.uiterlijk?.description ?? ""].merging(waarden) { _, b in b }, fouten: fouten.lijst, foutVelden: fouten.velden)
        pagina.escalatie = escalatie
        pagina.escalatievoorstel = voorstel?.waarde
        return pagina
    }

    /// The partner's view: only what the meldpunt shares, and the partner's forms.
    static func voorPartner(_ v: PartnerVerzoekDTO, taal: Taal, waarden: [String: String] = [:], fouten: Formulierfouten = .init()) -> VerzoekPagina {
        let t = Teksten.voor(taal)
        let basis = "/verzoeken/\(v.id)"
        let vid = UUID(uuidString: v.id)
        var regels = [VerzoekPagina.Regel(label: t.tekst("zaaknummer"), waarde: v.zaaknummer)]
        regels += CoordinatieWebController.kop(soort: v.soort, status: v.status, uiterlijk: v.uiterlijk, teLaat: v.termijnOverschreden, niveau: v.niveau, reden: v.reden,
                           opschorting: v.opschorting, overleg: v.overleg, t)
        let d = v.melding
        let gedeeld: [VerzoekPagina.Regel] = [
            ("gedeeld_naam", [d.naam, d.namensNaam.map { "\(t.tekst("verzoekNamens")) \($0)" }].compactMap { $0 }.joined(separator: " ")),
            ("gedeeld_bsn", d.bsn), ("gedeeld_email", d.email), ("gedeeld_telefoon", d.telefoon), ("gedeeld_adres", d.adres),
            ("mfoLabel_watIsFout", d.watIsFout), ("mfoLabel_watMoetHetZijn", d.watMoetHetZijn), ("mfoLabel_sinds", d.sinds.map(Datumweergave.datum)),
            ("mfoLabel_registraties", d.registraties?.joined(separator: ", ")),
        ].compactMap { sleutel, w in w.flatMap { $0.isEmpty ? nil : VerzoekPagina.Regel(label: t[sleutel] ?? sleutel, waarde: $0) } }
            + (d.gevolgen ?? []).map { VerzoekPagina.Regel(label: t.tekst("mfoGevolg"), waarde: [$0.soort.map { t.naam("gevolg", $0) }, $0.organisatie, $0.omschrijving].compactMap { $0 }.joined(separator: " · ")) }
        let mogelijk = Set(v.mogelijkeStatussen)
        let open = v.status.isOpen
        let taken = v.taken
        let (escalatie, voorstel) = escalatie(v.escalatievoorstel, kant: .partner, organisatie: nil, berichten: v.berichten, t, taal)
        if let voorstel { regels.append(voorstel) }
        var pagina = VerzoekPagina(
            titel: "\(t.naam("verzoekSoort", v.soort)) – \(v.zaaknummer)", terug: "/verzoeken", terugNaam: t.tekst("verzoekenTitel"),
            basis: basis, isMeldpunt: false, zaaknummer: v.zaaknummer, regels: regels, gedeeld: [VerzoekPagina.Regel(label: t.tekst("verzoekVraag"), waarde: v.vraag)] + gedeeld,
            gedeeldeBijlagen: (d.bijlagen ?? []).map { Keuze(waarde: "\(basis)/bijlagen/\($0.id)", naam: $0.bestandsnaam) },
            berichten: CoordinatieWebController.berichten(v.berichten, t) { "\(basis)/bijlagen/\($0.id)" }, open: open,
            kanAccepteren: mogelijk.contains(.geaccepteerd), kanUitvoeren: mogelijk.contains(.uitgevoerd),
            isOpschorting: v.soort == .opschorting, isOverleg: v.soort == .overleg,
            kanOpheffen: v.kanOpheffen, kanEscaleren: false,
            terugmelding: v.terugmeldingId.map { _ in t.tekst("verzoekViaTerugmelding") },
            status: t.naam("verzoekStatus", v.status),
            acties: acties(taken, menu: Verzoektaak.vanPartner, adres: { t in vid.map { .verzoekTaak($0, t) } }, isMeldpunt: false,
                           isOpschorting: v.soort == .opschorting, escalatie: escalatie, t),
            taken: taken, kanBericht: true,
            waarden: ["uitvoerenOpgeschortTot": v.opschorting?.tot?.description ?? ""].merging(waarden) { _, b in b }, fouten: fouten.lijst, foutVelden: fouten.velden)
        pagina.escalatie = escalatie
        pagina.escalatievoorstel = voorstel?.waarde
        return pagina
    }
}
