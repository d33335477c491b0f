import Foundation
import MeldpuntDomain

/// The pages' addresses that are linked from outside their own page: from mail, from the
/// case engine's read models, from one front door to another.
public enum Webadres: Adrestabel {
    case portaal
    case account
    case instellingen
    /// The melder's private status page; the token is the key.
    case status(token: String)
    case statusKwijt
    case terugmelding(UUID)
    case melding(zaaknummer: String)
    case meldingTaak(zaaknummer: String, Meldingactie)
    case verzoekVanMelding(zaaknummer: String, verzoek: UUID)
    case verzoekTaakVanMelding(zaaknummer: String, verzoek: UUID, Verzoektaak)
    /// A request as the partner sees it.
    case verzoek(UUID)
    case verzoekTaak(UUID, Verzoektaak)
    case signaal(nummer: Int)
    case ontvangenSignaal(nummer: Int)
    /// The meldpunt's advice to an organisation: the meldpunt and that organisation read it here.
    case advies(nummer: Int)
    /// One consequence the melder named, and its repair (staff).
    case gevolg(zaaknummer: String, nummer: Int)
    /// An overleg with several organisations: the meldpunt and every invitee read it here.
    case overleg(nummer: Int)

    public var delen: [Adresdeel] {
        switch self {
        case .portaal: [.vast("portaal")]
        case .account: [.vast("account")]
        case .instellingen: [.vast("instellingen")]
        case .status(let token): [.vast("status"), .parameter("token", waarde: token)]
        case .statusKwijt: [.vast("status"), .vast("kwijt")]
        case .terugmelding(let id): [.vast("terugmeldingen"), .parameter("referentie", waarde: id.tekst)]
        case .melding(let z): [.vast("meldingen"), .parameter("zaaknummer", waarde: z)]
        case .meldingTaak(let z, let a): Webadres.melding(zaaknummer: z).delen + [.vast(Self.segment(a))]
        case .verzoekVanMelding(let z, let v): Webadres.melding(zaaknummer: z).delen + [.vast("verzoeken"), .parameter("verzoek", waarde: v.tekst)]
        case .verzoekTaakVanMelding(let z, let v, let t): Webadres.verzoekVanMelding(zaaknummer: z, verzoek: v).delen + [.vast(t.rawValue)]
        case .verzoek(let v): [.vast("verzoeken"), .parameter("verzoek", waarde: v.tekst)]
        case .verzoekTaak(let v, let t): Webadres.verzoek(v).delen + [.vast(t.rawValue)]
        case .signaal(let n): [.vast("signalen"), .parameter("nummer", waarde: String(n))]
        case .ontvangenSignaal(let n): [.vast("ontvangen-signalen"), .parameter("nummer", waarde: String(n))]
        case .advies(let n): [.vast("adviezen"), .parameter("adviesNummer", waarde: String(n))]
        case .gevolg(let z, let n): Webadres.melding(zaaknummer: z).delen + [.vast("gevolgen"), .parameter("gevolg", waarde: String(n))]
        case .overleg(let n): [.vast("overleggen"), .parameter("overlegNummer", waarde: String(n))]
        }
    }

    /// A case action's last segment.
    public static func segment(_ a: Meldingactie) -> String {
        switch a {
        case .volgendeStap: "volgende-stap"
        case .nieuweLink: "link"
        default: a.rawValue
        }
    }

    public static var voorbeelden: [Webadres] {
        let z = "MFO-2026-000123", id = UUID(uuidString: "0193a3c2-7f00-7000-8000-000000000001")!
        return [.portaal, .account, .instellingen, .statusKwijt, .status(token: "abc123"), .terugmelding(id), .melding(zaaknummer: z)]
            + Meldingactie.allCases.map { .meldingTaak(zaaknummer: z, $0) }
            + [.verzoekVanMelding(zaaknummer: z, verzoek: id)] + Verzoektaak.vanMeldpunt.map { .verzoekTaakVanMelding(zaaknummer: z, verzoek: id, $0) }
            + [.verzoek(id)] + Verzoektaak.vanPartner.map { .verzoekTaak(id, $0) }
            + [.signaal(nummer: 17), .ontvangenSignaal(nummer: 17), .advies(nummer: 3), .gevolg(zaaknummer: z, nummer: 1), .overleg(nummer: 2)]
    }

    public func metWaarden(_ w: [String]) -> Webadres? {
        func uuid(_ i: Int) -> UUID? { w.indices.contains(i) ? UUID(uuidString: w[i]) : nil }
        switch self {
        case .portaal, .account, .instellingen, .statusKwijt: return self
        case .status: return .status(token: w[0])
        case .terugmelding: return uuid(0).map { .terugmelding($0) }
        case .melding: return .melding(zaaknummer: w[0])
        case .meldingTaak(_, let a): return .meldingTaak(zaaknummer: w[0], a)
        case .verzoekVanMelding: return uuid(1).map { .verzoekVanMelding(zaaknummer: w[0], verzoek: $0) }
        case .verzoekTaakVanMelding(_, _, let t): return uuid(1).map { .verzoekTaakVanMelding(zaaknummer: w[0], verzoek: $0, t) }
        case .verzoek: return uuid(0).map { .verzoek($0) }
        case .verzoekTaak(_, let t): return uuid(0).map { .verzoekTaak($0, t) }
        case .signaal: return Int(w[0]).map { .signaal(nummer: $0) }
        case .ontvangenSignaal: return Int(w[0]).map { .ontvangenSignaal(nummer: $0) }
        case .advies: return Int(w[0]).map { .advies(nummer: $0) }
        case .gevolg: return w.count > 1 ? Int(w[1]).map { .gevolg(zaaknummer: w[0], nummer: $0) } : nil
        case .overleg: return Int(w[0]).map { .overleg(nummer: $0) }
        }
    }
}
