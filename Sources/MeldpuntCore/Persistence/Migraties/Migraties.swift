import FluentKit

/// Every migration, in the order they run (the files are numbered in the same order). Never edit
/// one that has shipped: add a new one, with the next number.
package enum Migraties {
    package static let alle: [any Migration] = [
        CreateBasis(),
        CreateGebruikers(),
        CreateConcepten(),
        CreateZoekIndexen(),
        AddMeldingEmail(),
        CreateMeldingen(),
        CreateMeldingBijlagen(),
        CreateLijstIndexen(),
        CreateMeldingBehandeling(),
        CreatePartnercoordinatie(),
        CreateBeveiliging(),
        CreateAccountbeveiliging(),
        AddEenmaligVingerafdruk(),
        CreateBerichtgeving(),
        CreateLijstTellingen(),
        AnalyseerLijstIndexen(),
        CreateTermijnIndex(),
        CreateSignalen(),
        CreatePartnerEvaluaties(),
        CreateZelfdePersoonIndexen(),
        AddMeldingZoektekst(),
        CreateMeldconcepten(),
        AddMeldingAfsluitgrond(),
        AddMeldingProbleemsoort(),
        CreateAdviezen(),
        AddEscalatievoorstel(),
        CreateMeldingGevolgen(),
        CreateOverleggen(),
        AddVangnet(),
        AddMeldingBinnenkomst(),
        CreateBrieven(),
        AddVerwerkingslogGegevens(),
        CreateIndienerIndex(),
        AddExternKenmerk(),
        AddBijlageVanMeldpunt(),
        CreateMeldingKoppelingen(),
    ]
}
