/// The interface texts in Dutch (default) and English. Plain language (B1) for citizens.
enum Taal: String, Sendable, CaseIterable {
    case nl, en
}

enum Teksten {
    /// key → (nl, en)
    static let alle: [String: (String, String)] = [
        "dienst": ("Meldpunt", "Meldpunt"),
        "dienstOndertitel": ("Fouten in overheidsregistraties melden en oplossen", "Report and fix errors in government registrations"),
        "naarInhoud": ("Direct naar de inhoud", "Skip to content"),
        "hoofdmenu": ("Hoofdmenu", "Main menu"),
        "home": ("Home", "Home"),
        "inloggen": ("Inloggen", "Log in"),
        "uitloggen": ("Uitloggen", "Log out"),
        "ingelogdAls": ("Ingelogd als", "Logged in as"),
        "taalWissel": ("English", "Nederlands"),
        "taalWisselLabel": ("Switch to English", "Schakel naar Nederlands"),
        "email": ("E-mailadres", "Email address"),
        "wachtwoord": ("Wachtwoord", "Password"),
        "inloggenUitleg": ("Log in met het account dat uw organisatie voor u heeft aangemaakt.", "Log in with the account your organisation created for you."),
        "inloggenMislukt": ("Dit e-mailadres en wachtwoord horen niet bij elkaar, of het account is uitgezet. Probeer het opnieuw.", "This email address and password do not match, or the account is disabled. Please try again."),
        "veldVerplicht": ("Vul dit veld in.", "Please fill in this field."),
        "foutenSamenvatting": ("Er is iets niet goed ingevuld", "Something is not filled in correctly"),
        "uitgelogd": ("U bent uitgelogd.", "You have been logged out."),
        "sessieVerlopen": ("Uw sessie is verlopen. Log opnieuw in.", "Your session has expired. Please log in again."),
        "toegankelijkheid": ("Toegankelijkheid", "Accessibility"),
        "homeTitel": ("Fouten in overheidsgegevens melden", "Report errors in government data"),
        "homeIntro": ("Staat er iets verkeerd in een overheidsregistratie, zoals uw adres of uw inkomen? Hier ziet u waar u terecht kunt.", "Is something wrong in a government registration, such as your address or income? Here you can see where to go."),
        "homeBurgerTitel": ("Voor burgers en bedrijven", "For citizens and businesses"),
        "homeBurger": ("Ga eerst naar de organisatie die het gegeven beheert, bijvoorbeeld uw gemeente. Lukt het daar niet, of zijn er meer organisaties bij betrokken? Dan helpt het Meldpunt u. Het online meldformulier komt binnenkort beschikbaar.", "First contact the organisation that holds the data, for example your municipality. If that does not work, or more organisations are involved, the Meldpunt will help you. The online form will be available soon."),
        "homeOrganisatieTitel": ("Voor overheidsorganisaties", "For government organisations"),
        "homeOrganisatie": ("Twijfelt u als afnemer aan een gegeven in de BRP? Doe een terugmelding bij de gemeente van bijhouding. Gemeenten en RvIG behandelen hier de terugmeldingen die zij ontvangen.", "As a data user, do you doubt an item in the BRP? Report it to the municipality that keeps it. Municipalities and RvIG handle the reports they receive here."),
        "homeSystemenTitel": ("Voor systemen", "For systems"),
        "homeSystemen": ("Koppel uw eigen systeem via de API. De beschrijving staat in het OpenAPI-document.", "Connect your own system through the API. It is described in the OpenAPI document."),
        "naarPortaal": ("Naar uw portaal", "To your portal"),
        "welkom": ("Welkom", "Welcome"),
        "uwOrganisatie": ("Uw organisatie", "Your organisation"),
        "uwRol": ("Uw rol", "Your role"),
        "paginaNietGevonden": ("Deze pagina bestaat niet of u heeft er geen toegang toe.", "This page does not exist or you do not have access to it."),
        "geenToegang": ("U heeft geen toegang tot deze pagina.", "You do not have access to this page."),
        "ongeldigFormulier": ("Het formulier was verlopen. Probeer het opnieuw.", "The form had expired. Please try again."),
        "foutTitel": ("Er ging iets mis", "Something went wrong"),
        "terugNaarHome": ("Terug naar de homepagina", "Back to the home page"),
    ]

    static func voor(_ taal: Taal) -> [String: String] {
        alle.mapValues { taal == .nl ? $0.0 : $0.1 }
    }
}
