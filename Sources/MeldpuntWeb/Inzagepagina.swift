import Foundation
import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// The printable page of an inzage (AVG art. 15): the data as labelled rows in the reader's
/// language, the history, and who used the data when and why.
struct Inzagepagina: Encodable, Sendable {
    struct Regel: Encodable, Sendable { let label: String; let waarde: String }
    struct Zaak: Encodable, Sendable {
        let kop: String
        let gegevens: [Regel]
        let bijlagen: [String]
        let geschiedenis: [Regel]
    }
    struct Verwerking: Encodable, Sendable {
        let tijdstip: String
        let wie: String
        let wat: String
        let waarom: String
    }

    let opgesteldOp: String
    let zaken: [Zaak]
    let terugmeldingen: [Zaak]
    let verwerkingen: [Verwerking]
    let terug: String?
    let download: String?

    init(_ i: InzageDTO, taal: Taal, terug: String?, download: String? = nil) {
        let nl = taal == .nl
        func l(_ a: String, _ b: String) -> String { nl ? a : b }
        opgesteldOp = Datumweergave.tijdstip(i.opgesteldOp)
        zaken = i.meldingen.map { m in
            var rijen: [Regel] = [Regel(label: l("Zaaknummer", "Case number"), waarde: m.zaaknummer),
                                  Regel(label: l("Ontvangen", "Received"), waarde: Datumweergave.voluit(m.ontvangenOp, taal))]
            if let g = m.gegevens {
                for (wie, p) in [(l("Melder", "Reporter"), g.melder), (l("Gemeld voor", "Reported for"), g.vertegenwoordigde)] {
                    guard let p else { continue }
                    let velden: [(String, String, String?)] = [("Naam", "Name", p.naam), ("E-mailadres", "Email address", p.email), ("Telefoon", "Phone", p.telefoon),
                                                                 ("Adres", "Address", p.adres), ("Postcode", "Postcode", p.postcode), ("Woonplaats", "Town", p.woonplaats),
                                                                 ("BSN", "BSN", p.bsn)]
                    for (a, b, w) in velden { if let w, !w.isEmpty { rijen.append(Regel(label: "\(wie): \(l(a, b))", waarde: w)) } }
                }
                let overig: [(String, String, String?)] = [
                    ("Organisatie", "Organisation", g.organisatieNaam), ("KvK-nummer", "Chamber of Commerce number", g.kvkNummer),
                    ("Wat is er fout", "What is wrong", g.watIsFout), ("Wat moet het zijn", "What it should be", g.watMoetHetZijn),
                    ("Sinds", "Since", g.sinds), ("Registraties", "Registrations", g.registraties?.joined(separator: ", ")),
                    ("Betrokken organisaties", "Organisations involved", g.betrokkenOrganisaties?.joined(separator: ", ")),
                ]
                for (a, b, w) in overig { if let w, !w.isEmpty { rijen.append(Regel(label: l(a, b), waarde: w)) } }
            } else {
                rijen.append(Regel(label: l("Persoonsgegevens", "Personal data"), waarde: l("Gewist: de toestemming is ingetrokken.", "Erased: consent was withdrawn.")))
            }
            return Zaak(kop: m.zaaknummer, gegevens: rijen, bijlagen: m.bijlagen,
                        geschiedenis: m.geschiedenis.map { Regel(label: Datumweergave.voluit($0.tijdstip, taal) + ($0.door.map { " · " + $0 } ?? ""), waarde: $0.tekst ?? "") })
        }
        terugmeldingen = i.terugmeldingen.map { t in
            Zaak(kop: l("Terugmelding", "Terugmelding") + " " + t.referentie.uuidString.lowercased(),
                 gegevens: [Regel(label: l("Registratie", "Registry"), waarde: t.registratie), Regel(label: "Status", waarde: t.status),
                            Regel(label: l("Ontvangen", "Received"), waarde: Datumweergave.voluit(t.ontvangenOp, taal)),
                            Regel(label: l("Gemeld door", "Reported by"), waarde: t.afnemer), Regel(label: l("Bronhouder", "Source holder"), waarde: t.bronhouder)]
                    + (t.gegevens?.terugMeldingBody?.terugMeldingGegevens ?? []).map {
                        Regel(label: $0.attribuutUrn ?? "", waarde: l("betwijfeld: ", "doubted: ") + ($0.betwijfeldeWaarde ?? "") + l(", voorgesteld: ", ", proposed: ") + ($0.voorgesteldeWaarde ?? ""))
                    },
                 bijlagen: [], geschiedenis: [])
        }
        let register = Verwerkingsregister.standaard
        verwerkingen = i.verwerkingen.map { v in
            let rol = switch v.rol {
            case "melder": l("u (via de statuspagina of het formulier)", "you (through the status page or the form)")
            case "medewerker": l("een medewerker", "an employee")
            default: l("het systeem", "its system")
            }
            let activiteit = v.activiteit.flatMap { register.activiteit($0) }
            return Verwerking(tijdstip: Datumweergave.tijdstip(v.tijdstip),
                              wie: v.organisatie.map { "\($0), \(rol)" } ?? rol,
                              wat: Self.actie(v.actie, nl: nl) + (v.zaak.map { " (\($0))" } ?? ""),
                              waarom: activiteit.map { nl ? $0.naam.nl : $0.naam.en } ?? "")
        }
        self.terug = terug
        self.download = download ?? terug.map { $0 + "/inzage.json" }
    }

    /// The action in words a person understands.
    static func actie(_ a: String, nl: Bool) -> String {
        let namen: [String: (String, String)] = [
            "melding.aanmaken": ("melding ontvangen", "report received"), "melding.raadplegen": ("melding bekeken", "report viewed"),
            "melding.statuspagina": ("statuspagina bekeken", "status page viewed"), "melding.lijst": ("melding in een lijst getoond", "report shown in a list"),
            "melding.behandelen": ("aan de melding gewerkt", "worked on the report"), "melding.bijlage.raadplegen": ("bijlage bekeken", "attachment viewed"),
            "melding.contactgegevens.corrigeren": ("contactgegevens verbeterd", "contact details corrected"), "brief.afdrukken": ("brief gemaakt", "letter made"),
            "verzoek.raadplegen": ("verzoek aan een organisatie bekeken", "request to an organisation viewed"), "verzoek.behandelen": ("aan een verzoek gewerkt", "worked on a request"),
            "advies.raadplegen": ("advies bekeken", "advice viewed"), "overleg.raadplegen": ("overleg bekeken", "meeting viewed"),
            "terugmelding.aanmaken": ("terugmelding ontvangen", "terugmelding received"), "terugmelding.raadplegen": ("terugmelding bekeken", "terugmelding viewed"),
            "terugmelding.lijst": ("terugmelding in een lijst getoond", "terugmelding shown in a list"), "terugmelding.statuswijziging": ("status van de terugmelding gewijzigd", "terugmelding status changed"),
            "terugmelding.annotatie": ("gegevens bij de terugmelding aangevuld", "details added to the terugmelding"), "bijlage.raadplegen": ("bijlage bekeken", "attachment viewed"),
            "brp.raadplegen.gemeenteKiezen": ("in de BRP gekeken waar u staat ingeschreven", "checked in the BRP where you are registered"),
            "brp.raadplegen.bronhouderControleren": ("in de BRP gekeken waar u staat ingeschreven", "checked in the BRP where you are registered"),
            "brp.raadplegen.routeren": ("in de BRP gekeken waar u staat ingeschreven", "checked in the BRP where you are registered"),
            "inzage.verstrekken": ("inzage gegeven", "access given"),
            "bewaartermijn.anonimiseren": ("persoonsgegevens gewist na de bewaartermijn", "personal data erased after the retention period"),
        ]
        return namen[a].map { nl ? $0.0 : $0.1 } ?? a
    }

    /// The inzage as a JSON file to keep.
    static func download(_ i: InzageDTO) throws -> Response {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"inzage-meldpunt.json\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(data: try encoder.encode(i)))
    }
}
