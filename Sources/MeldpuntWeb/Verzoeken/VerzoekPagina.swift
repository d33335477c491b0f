import MeldpuntHTTP
import MeldpuntAdressen
import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Vapor

/// One request as a page: the meldpunt's view (`/meldingen/…/verzoeken/…`) and the partner's
/// (`/verzoeken/…`) share the template; each side gets only its own forms.
struct VerzoekPagina: Encodable, Sendable {
    struct Bericht: Encodable, Sendable { let tijdstip: String; let van: String; let wat: String; let tekst: String?; let bijlage: String?; let bijlageNaam: String? }
    struct Regel: Encodable, Sendable { let label: String; let waarde: String }

    let titel: String
    let terug: String
    let terugNaam: String
    let basis: String
    let isMeldpunt: Bool
    /// The meldpunt's standard texts for partners, each a link that fills the message box.
    var standaardteksten: [Keuze] = []
    let zaaknummer: String
    let regels: [Regel]
    let gedeeld: [Regel]
    let gedeeldeBijlagen: [Keuze]
    let berichten: [Bericht]
    let open: Bool
    let kanAccepteren: Bool
    let kanUitvoeren: Bool
    let isOpschorting: Bool
    let isOverleg: Bool
    let kanOpheffen: Bool
    let kanEscaleren: Bool
    let terugmelding: String?
    /// The request's state in words, for the line under a task page's title.
    let status: String
    /// The tasks this side has now, each on its own page; a message is written on the request itself.
    let acties: [ActieLink]
    /// The same tasks as a set, for the check when a task's page is opened (not encoded).
    let taken: Set<Verzoektaak>
    let kanBericht: Bool
    /// On a task page: which form it shows, and its title.
    var taak: String? = nil
    var taakTitel: String = ""
    /// How escalating reads for this side now: "voorstellen" (nothing proposed), "akkoord" (the
    /// other side proposed), "zonderAntwoord" (the meldpunt's own proposal went unanswered).
    var escalatie = "voorstellen"
    /// The standing proposal to escalate, in words: who, why, answer by (on the task pages).
    var escalatievoorstel: String?
    let waarden: [String: String]
    let fouten: [VeldFout]
    let foutVelden: [String: String]

    private enum CodingKeys: String, CodingKey {
        case titel, terug, terugNaam, basis, isMeldpunt, zaaknummer, regels, gedeeld, gedeeldeBijlagen, berichten, open, kanAccepteren, kanUitvoeren
        case isOpschorting, isOverleg, kanOpheffen, kanEscaleren, terugmelding, status, acties, kanBericht, taak, taakTitel, escalatie, escalatievoorstel, waarden, fouten, foutVelden, standaardteksten
    }
}
