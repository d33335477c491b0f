import Foundation
import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// `/logius/terugmelden/v0.2/terugmelding`: the Logius terugmeld REST draft (0.2) as it is
/// written, for systems built on it: the draft's body in, its `Ontvangen` out, on the same
/// engine as `/api/v1/terugmeldingen`.
///
/// The draft names no bronhouder. It is taken from, in order: `terugMeldingHeader.gemeentecode`
/// (Meldpunt's extension, as in the JSON API), `registratie.houder` when that is a gemeentecode
/// (`0363` or `GM0363`), or where a BRP is configured the gemeente van inschrijving of the BSN;
/// else the request is refused with a problem that says so.
struct LogiusController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let pad = routes.grouped("logius", "terugmelden", "v0.2", "terugmelding")
        pad.on(.POST, body: .collect(maxSize: TerugmeldingenController.maxBody), use: maak)
        pad.get(use: lees)
    }

    /// The draft's `Ontvangen`. Both spellings of the reference: the schema's `referentieKenmerk`
    /// and the draft's example's `referentiekenmerk`.
    struct Ontvangen: Content {
        let terugMeldingReferentie: String
        let referentieKenmerk: String?
        let referentiekenmerk: String?
        let status: String
        let beschrijving: String

        init(_ d: TerugmeldingDetailDTO) {
            terugMeldingReferentie = d.terugMeldingReferentie
            referentieKenmerk = d.referentieKenmerk
            referentiekenmerk = d.referentieKenmerk
            status = d.status.logiusNaam
            beschrijving = d.beschrijving
        }
    }

    func maak(req: Request) async throws -> Ontvangen {
        let org = try req.vereisOrganisatie(.afnemer, .meldpunt)
        let sleutel = try req.idempotentie(org, soort: "terugmelding")
        var verzoek = try req.content.decode(TerugmeldingInvoer.self)
        // A repeat with the same Idempotency-Key answers as the first, without asking the BRP again.
        if let eerder = try await req.terugmeldingen.eerder(sleutel) { return Ontvangen(eerder) }
        if var header = verzoek.terugMeldingHeader {
            if header.gemeentecode == nil, let houder = header.registratie?.houder.flatMap(Self.gemeentecode) {
                header.gemeentecode = houder
            }
            // Else the gemeente van inschrijving, where a BRP is configured.
            if header.gemeentecode == nil, let bsn = (verzoek.terugMeldingBody?.objectIdentificatie ?? [])
                .first(where: { $0.attribuutUrn == PersoonUrn.bsn }).flatMap({ $0.idWaarde.flatMap(BSN.init) }),
               case .gevonden(let inschrijving)? = try await req.brp.inschrijving(bsn, doel: .routeren, organisatie: org.id) {
                header.gemeentecode = inschrijving.gemeentecode
            }
            // The draft has no explanation field: an `eigenvelden.toelichting`, else a note saying so.
            if (header.toelichting ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                let eigen = (verzoek.terugMeldingBody?.terugMeldingGegevens ?? []).lazy.compactMap { g -> String? in
                    if case .object(let velden)? = g.eigenvelden, case .tekst(let t)? = velden["toelichting"] { return t }
                    return nil
                }.first
                header.toelichting = eigen ?? "Geen toelichting meegestuurd: de afnemer gebruikte de Logius-terugmeldstandaard 0.2, die geen toelichting kent."
            }
            verzoek.terugMeldingHeader = header
        }
        do {
            return Ontvangen(try await req.terugmeldingen.maak(verzoek, door: org, eenmalig: sleutel))
        } catch Weigering.ongeldig(let fouten) {
            throw Weigering.ongeldig(fouten.map { f in
                guard f.veld.jsonPad == "terugMeldingHeader.gemeentecode" && f.code == "required" else { return f }
                return OngeldigeParameter(f.veld, code: "bronhouderOnbekend", uitleg: Tekst(
                    "De terugmelding noemt geen bronhouder. Geef de gemeente van inschrijving mee als terugMeldingHeader.gemeentecode (uitbreiding van Meldpunt op de Logius-standaard 0.2), of als registratie.houder (bijvoorbeeld GM0363).",
                    "The report names no keeper. Give the municipality of registration as terugMeldingHeader.gemeentecode (Meldpunt's extension of the Logius draft 0.2), or as registratie.houder (for example GM0363)."))
            })
        }
    }

    func lees(req: Request) async throws -> Ontvangen {
        let org = try req.vereisOrganisatie()
        guard let raw = req.queryWaarde("terugMeldingReferentie") else {
            throw Problem.ongeldig([OngeldigeParameter(api: "terugMeldingReferentie", code: "required", reason: "Geef de terugMeldingReferentie van de terugmelding.")])
        }
        guard let id = UUID(uuidString: raw) else {
            throw Problem.ongeldig([OngeldigeParameter(api: "terugMeldingReferentie", code: "uuid", reason: "Een terugMeldingReferentie is een UUID.")])
        }
        return Ontvangen(try await req.terugmeldingen.detail(id, voor: org, als: org.terugmeldPartijen))
    }

    /// `0363` or `GM0363`.
    static func gemeentecode(_ houder: String) -> String? {
        Gemeentecode(Gemeentecode.zonderCBSVoorvoegsel(houder))?.value
    }
}
