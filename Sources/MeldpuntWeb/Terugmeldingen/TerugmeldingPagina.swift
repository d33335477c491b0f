import Foundation
import MeldpuntCore
import MeldpuntDomain

/// A terugmelding as its bronhouder or afnemer sees it, with what this reader may do now.
/// Built without a request, so it is tested as a value (TerugmeldingPaginaTests).
struct TerugmeldingPagina: Encodable, Sendable {

        let referentie: String
        let href: String
        let kenmerk: String?
        let status: String
        let beschrijving: String
        let persoon: String
        let afnemer: String
        let bijhouder: String
        let ontvangen: String
        let uiterlijk: String
        let teLaat: Bool
        /// While it waits to be taken up: where the deadline stands ("2 werkdagen te laat").
        let termijn: String?
        let toelichting: String?
        let waarden: [Waarde]
        let bijlagen: [BijlageRij]
        let historie: [HistorieRij]
        let contactNaam: String?
        let contactEmail: String?
        let contactTelefoon: String?
        // What this user may do now.
        let kanOppakken: Bool
        let kanInplannen: Bool
        let kanAfhandelen: Bool
        let kanOnvoldoende: Bool
        let kanDoorsturen: Bool
        let kanDoorsturenRni: Bool
        let kanIntrekken: Bool
        let gemeenten: [Keuze]
        let rniDeelnemers: [Keuze]
        let uitkomsten: [Keuze]
        let fouten: [VeldFout]
        let foutVelden: [String: String]
        /// What the BRP says of where the person is registered (bijhouder, open terugmelding, BRP configured).
        var brp: BRPMelding?

    /// The BRP's answer in a sentence, with forwarding offered when it names another bronhouder.
    struct BRPMelding: Encodable, Sendable, Equatable {
        let tekst: String
        /// The gemeentecode to forward to, and the button's text.
        let doorsturenNaar: String?
        let knop: String?
    }

    /// `eigen`: the reader's gemeentecode (1999 for RvIG); `kanDoorsturen`: the status model allows it now.
    static func brpMelding(_ antwoord: BRPAntwoord, eigen: String?, kanDoorsturen: Bool, taal: Taal) -> BRPMelding {
        switch antwoord {
        case .onbeschikbaar:
            return BRPMelding(tekst: taal.kies("De BRP kon nu niet worden geraadpleegd. U kunt gewoon verder werken; kijk later nog eens.",
                                                "The BRP could not be consulted just now. You can carry on; look again later."), doorsturenNaar: nil, knop: nil)
        case .nietGevonden:
            return BRPMelding(tekst: taal.kies("De BRP kent geen levende persoon met dit BSN.", "The BRP knows no living person with this BSN."), doorsturenNaar: nil, knop: nil)
        case .gevonden(let i):
            guard let code = i.gemeentecode else {
                return BRPMelding(tekst: taal.kies("De BRP noemt geen gemeente van inschrijving.", "The BRP names no municipality of registration."), doorsturenNaar: nil, knop: nil)
            }
            let naam = i.inRNI ? taal.kies("de RNI (niet-ingezetenen)", "the RNI (non-residents)") : (i.gemeentenaam ?? code)
            var tekst: String
            var naar: String?
            if code == eigen {
                tekst = taal.kies("Volgens de BRP staat deze persoon ingeschreven in \(naam) (\(code)): u bent de juiste bronhouder.",
                                  "According to the BRP this person is registered in \(naam) (\(code)): you are the right keeper.")
            } else {
                tekst = i.inRNI
                    ? taal.kies("Volgens de BRP staat deze persoon in \(naam). RvIG (1999) is dan de bronhouder.", "According to the BRP this person is in \(naam). RvIG (1999) is then the keeper.")
                    : taal.kies("Volgens de BRP staat deze persoon ingeschreven in \(naam) (\(code)), niet bij u.", "According to the BRP this person is registered in \(naam) (\(code)), not with you.")
                if kanDoorsturen {
                    naar = code
                    tekst += taal.kies(" Stuur de terugmelding door als dat klopt.", " Forward the data report if that is right.")
                }
            }
            if i.overleden { tekst += taal.kies(" De BRP meldt dat deze persoon is overleden.", " The BRP says this person has died.") }
            if i.inOnderzoek { tekst += taal.kies(" De gemeente van inschrijving is in onderzoek.", " The municipality of registration is under investigation.") }
            return BRPMelding(tekst: tekst, doorsturenNaar: naar,
                              knop: naar.map { _ in taal.kies("Doorsturen naar \(i.inRNI ? "RvIG (RNI)" : naam)", "Forward to \(i.inRNI ? "RvIG (RNI)" : naam)") })
        }
    }

    struct Waarde: Encodable, Sendable { let gegeven: String; let betwijfeld: String; let voorgesteld: String }
    struct BijlageRij: Encodable, Sendable { let href: String; let naam: String; let grootte: String; let type: String }
    struct HistorieRij: Encodable, Sendable { let tijdstip: String; let status: String; let door: String; let toelichting: String?; let extra: String? }

    /// Who reads the page, and the reference data its choices come from.
    struct Kijker {
        let taal: Taal
        let isAfnemer: Bool
        let organisatie: OrganisatieDTO
        let vandaag: Dag
        let kalender: Werkdagkalender
        let referentiedata: Referentiedata
    }

    /// The status in a sentence for its reader: the bronhouder that has yet to take it up reads
    /// what it must do and by when, in its own tense; everyone else the status description.
    static func beschrijving(_ d: TerugmeldingDetailDTO, _ k: Kijker, isBijhouder: Bool) -> String {
        guard isBijhouder, d.status == .gemeld else { return d.beschrijving }
        let datum = Datumweergave.voluit(d.uiterlijkInBehandelingOp, k.taal)
        let stand = k.kalender.stand(uiterlijk: d.uiterlijkInBehandelingOp, vandaag: k.vandaag, k.taal)
        if k.organisatie.heeft(.rni) {
            return k.taal.kies("RvIG neemt een terugmelding op de RNI niet zelf in behandeling: stuur haar uiterlijk \(datum) door naar een RNI-deelnemer of een gemeente (\(stand)).",
                               "RvIG does not handle a data report on the RNI itself: forward it to an RNI participant or a municipality by \(datum) (\(stand)).")
        }
        if d.uiterlijkInBehandelingOp < k.vandaag {
            return k.taal.kies("Deze terugmelding had uiterlijk \(datum) in behandeling genomen moeten worden (\(stand)). Neem haar zo snel mogelijk in behandeling.",
                               "This data report should have been taken up by \(datum) (\(stand)). Please take it up as soon as possible.")
        }
        return k.taal.kies("Neem deze terugmelding uiterlijk \(datum) in behandeling (\(stand)).",
                           "Please take this data report up by \(datum) (\(stand)).")
    }

    static func bouw(_ d: TerugmeldingDetailDTO, _ k: Kijker, fouten: [VeldFout] = []) -> TerugmeldingPagina {
        let t = Teksten.voor(k.taal)
        let huidig = d.status
        let isBijhouder = !k.isAfnemer && d.bijhouder.isVan(k.organisatie)
        func mag(_ s: TerugmeldingStatus) -> Bool {
            (s.gezetDoor == .afnemer ? k.isAfnemer : isBijhouder)
                && magStatusZetten(van: huidig, naar: s, door: s.gezetDoor, rni: isBijhouder && k.organisatie.heeft(.rni))
        }
        let doorsturen = mag(.verkeerdeBronhouder)
        let header = d.terugMelding.terugMeldingHeader
        return TerugmeldingPagina(
            referentie: d.terugMeldingReferentie, href: "/terugmeldingen/\(d.terugMeldingReferentie)",
            kenmerk: d.referentieKenmerk, status: d.status.naam(k.taal), beschrijving: beschrijving(d, k, isBijhouder: isBijhouder),
            persoon: TerugmeldingenWebController.persoonTekst(d.persoon), afnemer: d.afnemer.naam, bijhouder: d.bijhouder.naam,
            ontvangen: Datumweergave.tijdstip(d.ontvangenOp), uiterlijk: Datumweergave.datum(d.uiterlijkInBehandelingOp), teLaat: d.termijnOverschreden,
            termijn: huidig == .gemeld ? k.kalender.stand(uiterlijk: d.uiterlijkInBehandelingOp, vandaag: k.vandaag, k.taal) : nil,
            toelichting: header?.toelichting,
            waarden: (d.terugMelding.terugMeldingBody?.terugMeldingGegevens ?? []).map {
                // A known URN by its name (filed through the API it may come without one); an unknown one as sent.
                Waarde(gegeven: $0.gegevensElementNaam ?? $0.attribuutUrn.flatMap { BRPAttribuut.met(urn: $0)?.naam } ?? $0.attribuutUrn ?? $0.attribuut ?? "",
                       betwijfeld: $0.betwijfeldeWaarde ?? "–", voorgesteld: $0.voorgesteldeWaarde ?? "–")
            },
            bijlagen: d.bijlagen.map {
                BijlageRij(href: "/terugmeldingen/\(d.terugMeldingReferentie)/bijlagen/\($0.id)", naam: $0.bestandsnaam,
                           grootte: ByteCountFormatter.string(fromByteCount: Int64($0.grootte), countStyle: .file), type: $0.mimeType)
            },
            historie: d.statusHistorie.reversed().map { s in
                HistorieRij(tijdstip: Datumweergave.tijdstip(s.tijdstip), status: s.status.naam(k.taal), door: s.organisatie?.naam ?? "–", toelichting: s.toelichting,
                            extra: s.verwachteDatum.map { "\(t.tekst("verwachteDatum")): \(Datumweergave.datum($0))" }
                                ?? s.nieuweBijhouder.map { "→ \($0.naam)" }
                                ?? s.uitkomst.map { t.naam("uitkomst", $0) })
            },
            contactNaam: header?.melder?.naam, contactEmail: header?.melder?.email, contactTelefoon: header?.melder?.telefoon,
            kanOppakken: mag(.inBehandeling), kanInplannen: mag(.ingepland), kanAfhandelen: mag(.afgehandeld),
            kanOnvoldoende: mag(.onvoldoendeInformatie), kanDoorsturen: doorsturen,
            kanDoorsturenRni: doorsturen && k.organisatie.heeft(.rni), kanIntrekken: mag(.ingetrokken),
            gemeenten: doorsturen
                ? k.referentiedata.actueleGemeenten().filter { $0.code != k.organisatie.gemeentecode }
                    .sorted { $0.naam < $1.naam }.map { Keuze(waarde: $0.code, naam: "\($0.code) \($0.naam)") }   // as the wizard's picker
                : [],
            rniDeelnemers: doorsturen && k.organisatie.heeft(.rni)
                ? k.referentiedata.rniDeelnemers.filter { $0.einde == nil }.map { Keuze(waarde: $0.code, naam: "\($0.naam) (\($0.code))") }
                : [],
            uitkomsten: Afhandeluitkomst.allCases.map { Keuze(waarde: $0.rawValue, naam: t.naam("uitkomst", $0)) },
            fouten: fouten,
            foutVelden: Dictionary(fouten.map { ($0.veld, $0.tekst) }, uniquingKeysWith: { a, _ in a }))
    }
}
