extension Teksten {
    /// Intermediaries who file for clients and follow them (issue 30).
    static let clienten: [String: (String, String)] = [
        "navClienten": ("Mijn cliënten", "My clients"),
        "navMeldenVoorClient": ("Melding doen voor een cliënt", "Report for a client"),
        "clientenTitel": ("Mijn cliënten", "My clients"),
        "clientenIntro": ("Alle meldingen die uw organisatie deed voor cliënten, de nieuwste eerst. U ziet hoe het ervoor staat, zoals uw cliënt het ziet. Een nieuwe melding doet u met het meldformulier: kies daar ‘Ik meld namens iemand anders’ en verklaar dat uw cliënt toestemming gaf.",
                          "Every report your organisation made for clients, newest first. You see how it is going, as your client sees it. You make a new report with the report form: choose ‘I report on behalf of someone else’ there and declare that your client gave permission."),
        "clientenGeen": ("Uw organisatie heeft nog geen meldingen gedaan voor cliënten.", "Your organisation has not made any reports for clients yet."),
        "clientenClient": ("Cliënt", "Client"),
        "clientenFase": ("Hoe staat het ervoor", "How it is going"),
        "clientenVolgendeStap": ("Volgende stap", "Next step"),
        "clientenLaatsteBericht": ("Laatste bericht van het Meldpunt", "Latest message from the Meldpunt"),
        "clientenTotaal": ("Meldingen in totaal:", "Reports in total:"),
        "clientTitel": ("Melding", "Report"),
        "clientIntro": ("Zo ziet uw cliënt de melding op de eigen pagina. Berichten en bestanden stuurt uw cliënt via die pagina, of u belt het Meldpunt.",
                        "This is how your client sees the report on their own page. Your client sends messages and files through that page, or you call the Meldpunt."),
        "clientWaarStaatHet": ("Waar staat de melding?", "Where is the report?"),
        "clientGeenBerichten": ("Er zijn nog geen berichten.", "There are no messages yet."),
        "clientBerichtTitel": ("Bericht aan het Meldpunt", "Message to the Meldpunt"),
        "clientBerichtLabel": ("Uw bericht", "Your message"),
        "clientBerichtHint": ("Het Meldpunt ziet dit bij de melding van uw cliënt, met uw naam erbij. Uw cliënt ziet het ook op de eigen pagina.",
                              "The Meldpunt sees this with your client's case, with your name. Your client sees it on their own page too."),
        "clientBerichtVerstuurd": ("Uw bericht is verstuurd.", "Your message was sent."),
    ]
}
