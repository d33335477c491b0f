import FluentKit

/// Every migration, in the order they run. Never edit one that has shipped: add a new one.
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
    ]
}
