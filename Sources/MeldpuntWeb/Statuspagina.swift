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

    /// An organisation involved, and in plain words what we asked of it and how far it is.
    struct Organisatie: Encodable, Sendable { let naam: String; let wat: String? }
    struct Stap: Encodable, Sendable { let naam: String; let huidig: Bool; let gedaan: Bool }
    struct Gevolg: Encodable, Sendable { let wat: String; let organisatie: String?; let opgeschort: Bool }
    struct Bericht: Encodable, Sendable { let tijdstip: String; let tekst: String; let van: String }

    static func bouw(_ m: MeldingService.MelderWeergave, taal: Taal, basis: String, fouten: [String: String] = [:],
                     ingevuld: [String: String] = [:]) -> Statuspagina {
        let t = Teksten.voor(taal)
        let huidig = MelderFase.allCases.firstIndex(of: m.fase) ?? 0
        let labels = ["bericht": "uwBericht", "bijlage": "statusBijlageLabel", "cijfer": "beoordelingTitel", "opmerking": "beoordelingOpmerking"]
        let veldFouten = fouten.sorted { $0.key < $1.key }.map { VeldFout(veld: $0.key, label: t[labels[$0.key] ?? ""] ?? $0.key, tekst: $0.value) }
        let watNu = m.status == .inBehandeling ? m.rol.flatMap { t["statusNu_\($0.rawValue)"] } : t["statusNu_\(m.status.rawValue)"]
        return Statuspagina(
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
            berichten: m.berichten.map { Bericht(tijdstip: Datumweergave.tijdstip($0.tijdstip), tekst: $0.tekst, van: t.tekst($0.vanMelder ? "statusU" : "statusMeldpunt")) },
            gesloten: m.gesloten, kanBeoordelen: m.gesloten && m.tevredenheid == nil, tevredenheid: m.tevredenheid,
            cijfers: Beoordeling.schaal.map { Keuze(waarde: String($0), naam: t.tekst("beoordeling_\($0)")) },
            ingevuld: ingevuld, basis: basis, fouten: veldFouten,
            foutVelden: fouten)
    }
}
