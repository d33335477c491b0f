import MeldpuntDomain

// What a person may do now, decided by the core from the object and shown by the pages as links;
// a task's page checks the same set (never a link's text).

extension MeldingDetailDTO {
    /// What staff may do on this case now.
    package var acties: Set<Meldingactie> {
        Meldingactie.toegestaan(status: status, stappen: Set(mogelijkeStappen), geanalyseerd: analyse != nil,
                                persoonsgegevensGewist: persoonsgegevensGewist)
    }
}

extension VerzoekDTO {
    /// The meldpunt's tasks on this request now.
    package var taken: Set<Verzoektaak> {
        Verzoektaak.voorMeldpunt(soort: soort, open: status.isOpen, niveau: niveau, voorstel: escalatievoorstel?.door, verlopen: escalatievoorstel?.verlopen ?? false)
    }
}

extension PartnerVerzoekDTO {
    /// The partner's tasks on this request now.
    package var taken: Set<Verzoektaak> {
        Verzoektaak.voorPartner(mogelijk: Set(mogelijkeStatussen), open: status.isOpen, kanOpheffen: kanOpheffen, niveau: niveau,
                                voorstel: escalatievoorstel?.door)
    }
}
