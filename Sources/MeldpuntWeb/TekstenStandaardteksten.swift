extension Teksten {
    /// Standard texts for messages (issue 30).
    static let standaardteksten: [String: (String, String)] = [
        "standaardteksten": ("Standaardteksten", "Standard texts"),
        "standaardtekstenLink": ("Standaardteksten", "Standard texts"),
        "standaardtekstenIntro": ("Teksten die medewerkers van het Meldpunt vaak sturen, aan melders of aan partners. Velden tussen accolades worden ingevuld als een medewerker de tekst gebruikt. Schrijf voor melders in gewone taal (B1).",
                                  "Texts Meldpunt staff often send, to melders or to partners. Fields between braces are filled in when staff use the text. Write for melders in plain language (B1)."),
        "standaardtekstenGeen": ("Er zijn nog geen standaardteksten.", "There are no standard texts yet."),
        "standaardtekstNieuw": ("Nieuwe standaardtekst", "New standard text"),
        "standaardtekstBewerken": ("Standaardtekst bewerken", "Edit standard text"),
        "standaardtekstVeld_titel": ("Titel", "Title"),
        "standaardtekstVeld_doel": ("Voor wie is de tekst?", "Who is the text for?"),
        "standaardtekstVeld_tekstNl": ("Tekst in het Nederlands", "Text in Dutch"),
        "standaardtekstVeld_tekstEn": ("Tekst in het Engels", "Text in English"),
        "standaardtekstVeldenHint": ("Velden die worden ingevuld:", "Fields that are filled in:"),
        "standaardtekstDoel_melder": ("De melder", "The melder"),
        "standaardtekstDoel_partner": ("Een partnerorganisatie", "A partner organisation"),
        "standaardtekstGewijzigd": ("Laatst gewijzigd", "Last changed"),
        "standaardtekstStaat": ("In gebruik", "In use"),
        "standaardtekstAan": ("ja", "yes"),
        "standaardtekstUit": ("nee", "no"),
        "standaardtekstActief": ("In gebruik (medewerkers kunnen de tekst kiezen)", "In use (staff can choose the text)"),
        "standaardtekstOpslaan": ("Opslaan", "Save"),
        "standaardtekstToevoegen": ("Standaardtekst toevoegen", "Add standard text"),
        "mfoStandaardtekstKies": ("Of begin met een standaardtekst:", "Or start from a standard text:"),
    ]
}
