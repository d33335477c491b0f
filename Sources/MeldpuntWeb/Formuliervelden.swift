import MeldpuntDomain

/// The one place where the domain's typed fields meet the pages' form fields: which field of
/// which form a rejection is shown next to. (The API's side is `Veld.jsonPad`.)
extension Veld {
    /// Forms whose fields carry the engine's names (task, beheer, account and status forms):
    /// the outermost name; a rejection of the form as a whole has none.
    var formulierveld: String { hoofdveld?.rawValue ?? "" }

    /// The request form has the suspension and meeting fields flat and picks the organisation.
    var verzoekformulierveld: String {
        switch (namen.first, namen.dropFirst().first) {
        case (.opschorting?, .actie?): "actie"
        case (.opschorting?, .kenmerk?): "kenmerk"
        case (.opschorting?, .tot?): "tot"
        case (.overleg?, .datum?): "overlegDatum"
        case (.overleg?, .deelnemers?): "deelnemers"
        case (.organisatieOin?, _): "organisatie"
        case (.gedeeldeGegevens?, _): "gedeeld"
        default: formulierveld
        }
    }

    /// The terugmelding a case handler files from a case: the Logius message's places, on a
    /// form of six simple fields.
    var terugmeldformulierveld: String {
        if valtOnder(.objectIdentificatie) { return "bsn" }
        switch namen.last {
        case .attribuutUrn?, .terugMeldingGegevens?: return "gegeven"
        case .betwijfeldeWaarde?: return "betwijfeld"
        case .voorgesteldeWaarde?: return "voorgesteld"
        case .toelichting?: return "toelichting"
        default: return "gemeentecode"
        }
    }

    /// The step of the terugmeld wizard (its label key) this field is asked on.
    var terugmeldstap: String {
        if valtOnder(.gemeentecode) || valtOnder(.registratie) { return "gemeente" }
        if valtOnder(.objectIdentificatie) { return "persoon" }
        if valtOnder(.bijlages) { return "bijlagen" }
        if valtOnder(.terugMeldingGegevens) { return "gegevens" }
        if valtOnder(.melder) { return "contact" }
        if valtOnder(.referentiekenmerk) { return "kenmerk" }
        return "toelichting"
    }

    /// The id of the field on the melding form (`/melden`).
    var meldformulierveld: String {
        let namen = namen
        switch (namen.first, namen.dropFirst().first) {
        case (.melder?, let veld?): return veld.rawValue
        case (.vertegenwoordigde?, .naam?): return "vertegenwoordigdeNaam"
        case (.vertegenwoordigde?, .bsn?): return "vertegenwoordigdeBsn"
        case (.toestemming?, _): return "toestemming"
        case (.melderType?, _): return "melderTypeburger"
        case (.gevolgen?, let veld):
            // gevolgen[2].soort → gevolgSoort3: the third row's field.
            guard let i = rij else { return "gevolgSoort1" }
            let kolom = switch veld {
            case .organisatie?: "Organisatie"
            case .uiterlijkeDatum?: "Datum"
            case .omschrijving?: "Omschrijving"
            default: "Soort"
            }
            return "gevolg\(kolom)\(i + 1)"
        case (.registraties?, _): return "registratieBRP"
        case (.bijlagen?, _): return "bijlage"
        default: return formulierveld
        }
    }
}
