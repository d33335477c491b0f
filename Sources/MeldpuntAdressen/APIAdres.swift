import Foundation
import MeldpuntDomain

/// The JSON API's resources that read models and events point at (`href`, an event's subject).
public enum APIAdres: Adrestabel {
    case melding(zaaknummer: String)
    case meldingBijlage(zaaknummer: String, bijlage: UUID)
    case verzoekVanMelding(zaaknummer: String, verzoek: UUID)
    case verzoekBijlageVanMelding(zaaknummer: String, verzoek: UUID, bijlage: UUID)
    /// A request as the partner's system sees it.
    case verzoek(UUID)
    case verzoekBijlage(UUID, bijlage: UUID)
    case terugmelding(UUID)
    case terugmeldingBijlage(UUID, bijlage: UUID)
    case signaal(nummer: Int)
    case signaalkandidaat(UUID)
    case ontvangenSignaal(nummer: Int)
    case abonnementen
    case abonnement(UUID)
    case advies(nummer: Int)
    case overleg(nummer: Int)
    /// A letter to a melder, and its printable PDF.
    case brief(UUID)
    case briefPdf(UUID)

    private static let basis: [Adresdeel] = [.vast("api"), .vast("v1")]

    public var delen: [Adresdeel] {
        switch self {
        case .melding(let z): Self.basis + [.vast("meldingen"), .parameter("zaaknummer", waarde: z)]
        case .meldingBijlage(let z, let b): APIAdres.melding(zaaknummer: z).delen + [.vast("bijlagen"), .parameter("bijlage", waarde: b.tekst)]
        case .verzoekVanMelding(let z, let v): APIAdres.melding(zaaknummer: z).delen + [.vast("verzoeken"), .parameter("verzoekId", waarde: v.tekst)]
        case .verzoekBijlageVanMelding(let z, let v, let b): APIAdres.verzoekVanMelding(zaaknummer: z, verzoek: v).delen + [.vast("bijlagen"), .parameter("bijlageId", waarde: b.tekst)]
        case .verzoek(let v): Self.basis + [.vast("verzoeken"), .parameter("verzoekId", waarde: v.tekst)]
        case .verzoekBijlage(let v, let b): APIAdres.verzoek(v).delen + [.vast("bijlagen"), .parameter("bijlageId", waarde: b.tekst)]
        case .terugmelding(let id): Self.basis + [.vast("terugmeldingen"), .parameter("referentie", waarde: id.tekst)]
        case .terugmeldingBijlage(let id, let b): APIAdres.terugmelding(id).delen + [.vast("bijlagen"), .parameter("bijlage", waarde: b.tekst)]
        case .signaal(let n): Self.basis + [.vast("signalen"), .parameter("nummer", waarde: String(n))]
        case .signaalkandidaat(let id): Self.basis + [.vast("signaalkandidaten"), .parameter("kandidaatId", waarde: id.tekst)]
        case .ontvangenSignaal(let n): Self.basis + [.vast("ontvangen-signalen"), .parameter("nummer", waarde: String(n))]
        case .abonnementen: Self.basis + [.vast("abonnementen")]
        case .abonnement(let id): APIAdres.abonnementen.delen + [.parameter("abonnementId", waarde: id.tekst)]
        case .advies(let n): Self.basis + [.vast("adviezen"), .parameter("adviesNummer", waarde: String(n))]
        case .overleg(let n): Self.basis + [.vast("overleggen"), .parameter("overlegNummer", waarde: String(n))]
        case .brief(let id): Self.basis + [.vast("brieven"), .parameter("briefId", waarde: id.tekst)]
        case .briefPdf(let id): APIAdres.brief(id).delen + [.vast("pdf")]
        }
    }

    public static var voorbeelden: [APIAdres] {
        let z = "MFO-2026-000123", id = UUID(uuidString: "0193a3c2-7f00-7000-8000-000000000001")!
        let b = UUID(uuidString: "0193a3c2-7f00-7000-8000-000000000002")!
        return [.melding(zaaknummer: z), .meldingBijlage(zaaknummer: z, bijlage: b), .verzoekVanMelding(zaaknummer: z, verzoek: id),
                .verzoekBijlageVanMelding(zaaknummer: z, verzoek: id, bijlage: b), .verzoek(id), .verzoekBijlage(id, bijlage: b),
                .terugmelding(id), .terugmeldingBijlage(id, bijlage: b), .signaal(nummer: 17), .signaalkandidaat(id),
                .ontvangenSignaal(nummer: 17), .abonnementen, .abonnement(id), .advies(nummer: 3), .overleg(nummer: 2), .brief(id), .briefPdf(id)]
    }

    public func metWaarden(_ w: [String]) -> APIAdres? {
        func uuid(_ i: Int) -> UUID? { w.indices.contains(i) ? UUID(uuidString: w[i]) : nil }
        switch self {
        case .melding: return .melding(zaaknummer: w[0])
        case .meldingBijlage: return uuid(1).map { .meldingBijlage(zaaknummer: w[0], bijlage: $0) }
        case .verzoekVanMelding: return uuid(1).map { .verzoekVanMelding(zaaknummer: w[0], verzoek: $0) }
        case .verzoekBijlageVanMelding: return uuid(1).flatMap { v in uuid(2).map { .verzoekBijlageVanMelding(zaaknummer: w[0], verzoek: v, bijlage: $0) } }
        case .verzoek: return uuid(0).map { .verzoek($0) }
        case .verzoekBijlage: return uuid(0).flatMap { v in uuid(1).map { .verzoekBijlage(v, bijlage: $0) } }
        case .terugmelding: return uuid(0).map { .terugmelding($0) }
        case .terugmeldingBijlage: return uuid(0).flatMap { a in uuid(1).map { .terugmeldingBijlage(a, bijlage: $0) } }
        case .signaal: return Int(w[0]).map { .signaal(nummer: $0) }
        case .signaalkandidaat: return uuid(0).map { .signaalkandidaat($0) }
        case .ontvangenSignaal: return Int(w[0]).map { .ontvangenSignaal(nummer: $0) }
        case .abonnementen: return self
        case .abonnement: return uuid(0).map { .abonnement($0) }
        case .advies: return Int(w[0]).map { .advies(nummer: $0) }
        case .overleg: return Int(w[0]).map { .overleg(nummer: $0) }
        case .brief: return uuid(0).map { .brief($0) }
        case .briefPdf: return uuid(0).map { .briefPdf($0) }
        }
    }
}
