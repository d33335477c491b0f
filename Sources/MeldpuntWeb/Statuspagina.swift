import MeldpuntCore
import MeldpuntDomain

/// The melder's own page behind the private link, in plain words: where the case is, what
/// happens now, which organisations are involved and what waits. Built without a request
/// (StatuspaginaTests).
struct Statuspagina: Encodable, Sendable {
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
    /// The day the melder hears from the meldpunt again at the latest.
    var weerContact: String? = nil
    let uitkomst: String?
    let samenvatting: String?
    let berichten: [Bericht]
    let gesloten: Bool
    /// After closing the melder can still write (not once consent is withdrawn).
    let kanSchrijven: Bool
    let omschrijving: String?
    let watMoetHetZijn: String?
    let bijlagen: [String]
    let ontvangen: String
    let kanBeoordelen: Bool
    let tevredenheid: Int?
    let cijfers: [Keuze]
    /// What the melder typed, kept when something was wrong.
    let ingevuld: [String: String]
    let basis: String
    let fouten: [VeldFout]
    let foutVelden: [String: String]

    /// An organisation involved, and in plain words what we asked of it and how far it is.
    struct Organisatie: Encodable, Sendable { let naam: String; let wat: String? }
    struct Stap: Encodable, Sendable { let naam: String; let huidig: Bool; let gedaan: Bool }
    /// A consequence in the melder's words: on hold, how far its repair is, and why not when it cannot be.
    struct Gevolg: Encodable, Sendable { let wat: String; let organisatie: String?; let opgeschort: Bool; let herstel: String; let hersteld: Bool; let toelichting: String? }
    struct Bericht: Encodable, Sendable { let tijdstip: String; let tekst: String; let van: String }

    static func bouw(_ m: MeldingService.MelderWeergave, taal: Taal, basis: String, fouten: [String: String] = [:],
                     ingevuld: [String: String] = [:]) -> Statuspagina {
        let t = Teksten.voor(taal)
        let labels = ["bericht": "uwBericht", "bijlage": "statusBijlageLabel", "cijfer": "beoordelingTitel", "opmerking": "beoordelingOpmerking"]
        let veldFouten = fouten.sorted { $0.key < $1.key }.map { VeldFout(veld: $0.key, label: t[labels[$0.key] ?? ""] ?? $0.key, tekst: $0.value) }
        let watNu = m.status == .inBehandeling ? m.rol.flatMap { t["statusNu_\($0.rawValue)"] } : t["statusNu_\(m.status.rawValue)"]
        var pagina = Statuspagina(
            zaaknummer: m.zaaknummer, faseTekst: t["fase_\(m.fase.rawValue)_uitleg"] ?? m.faseTekst, watNu: watNu ?? t.tekst("statusNu_analyse"),
            stappen: stappen(m, t),
            eersteContact: m.status == .ontvangen ? Datumweergave.voluit(m.eersteContactUiterlijk, taal) : nil,
            organisaties: m.organisaties.map { naam in
                let gevraagd = m.verzoeken.filter { $0.organisatie == naam }.map { "\(t.naam("statusVerzoek", $0.soort)) (\(t.naam("statusVerzoekStatus", $0.status)))" }
                return Organisatie(naam: naam, wat: gevraagd.isEmpty ? nil : t.tekst("statusWeVroegen") + " " + gevraagd.joined(separator: "; "))
            },
            opschortingen: m.opschortingen.map { o in
                let actie = t.naam("statusActie", o.actie)
                if let op = o.opgehevenOp { return "\(o.organisatie) \(t.tekst("statusWachtNietMeer")) \(actie) (\(t.tekst("statusSinds")) \(Datumweergave.voluit(op, taal)))." }
                return "\(o.organisatie) \(t.tekst("statusWachtMet")) \(actie) " + (o.tot.flatMap { Dag($0) }.map { "\(t.tekst("statusTot")) \(Datumweergave.voluit($0, taal))." } ?? t.tekst("statusZolang"))
            },
            gevolgen: m.gevolgen.map { Gevolg(wat: t.naam("gevolg", $0.soort), organisatie: $0.organisatie, opgeschort: $0.opgeschort,
                                              herstel: t.naam("statusHerstel", $0.herstel), hersteld: $0.herstel == .hersteld, toelichting: $0.toelichting) },
            volgendeStap: m.volgendeStap?.tekst, volgendeStapDatum: m.volgendeStap.map { Datumweergave.voluit($0.datum, taal) },
            uitkomst: m.uitkomst.map { t.naam("mfoUitkomst", $0) }, samenvatting: m.samenvatting,
            berichten: m.berichten.map { Bericht(tijdstip: Datumweergave.tijdstip($0.tijdstip), tekst: $0.tekst, van: t.tekst($0.vanMelder ? "statusU" : "statusMeldpunt")) },
            gesloten: m.gesloten, kanSchrijven: !m.gewist, omschrijving: m.omschrijving, watMoetHetZijn: m.watMoetHetZijn, bijlagen: m.bijlagen,
            ontvangen: Datumweergave.voluit(m.ontvangenOp, taal), kanBeoordelen: m.gesloten && m.tevredenheid == nil, tevredenheid: m.tevredenheid,
            cijfers: Beoordeling.schaal.map { Keuze(waarde: String($0), naam: t.tekst("beoordeling_\($0)")) },
            ingevuld: ingevuld, basis: basis, fouten: veldFouten,
            foutVelden: fouten)
        pagina.weerContact = m.weerContactOp.map { Datumweergave.voluit($0, taal) }
        return pagina
    }

    /// The tracker: the phases the case really went through (done), where it is now, and what
    /// normally follows. Waiting for organisations shows only once it happens.
    static func stappen(_ m: MeldingService.MelderWeergave, _ t: [String: String]) -> [Stap] {
        let gedaan = !m.doorlopen.isEmpty ? m.doorlopen : m.fase == .ontvangen ? [.ontvangen] : [.ontvangen, m.fase]
        var fasen = gedaan
        if m.fase != .afgerond {
            if !fasen.contains(.inBehandeling) { fasen.append(.inBehandeling) }
            fasen.append(.afgerond)
        }
        return fasen.enumerated().map { i, f in Stap(naam: t.naam("fase", f), huidig: i == gedaan.count - 1, gedaan: i < gedaan.count - 1)
        }
    }
}
