import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Testing
import Vapor
@testable import MeldpuntApp
@testable import MeldpuntHTTP
@testable import MeldpuntAPI
@testable import MeldpuntWeb

/// Every route of the running app × every kind of caller (each role, of the organisation the
/// object belongs to and of another one, anonymous), against one rule table. A route without a
/// rule fails this test, so no route is added without deciding who may use it.
///
/// The objects: a terugmelding the SVB filed at Amsterdam (with a file), a case the SVB filed,
/// in coordination with a request to UWV (with files), a wizard draft of the SVB's user.
/// "Allowed" means the access check passed (any answer but 401/403, 404 or a redirect to the
/// login page); "refused" means one of those. Bodies are empty, so allowed writes stop at
/// validation and change nothing.
@Suite("Toegang: matrix van routes, rollen en organisaties")
struct ToegangsmatrixTests {
    typealias Regel = Set<String>

    // Callers of the pages.
    static let webRollen = ["anoniem", "afnemer", "bijhouder", "andereBijhouder", "rni", "meldpunt", "partner", "intermediair", "privacy", "beheerder", "andereBeheerder", "systeem"]
    // Callers of the API ("afnemer" is the SVB, which also filed the case: it follows its progress).
    static let apiRollen = ["anoniem", "afnemer", "bronhouder", "andereBronhouder", "meldpunt", "partner"]

    static let iedereen: Regel = Set(webRollen + apiRollen)
    static let ingelogd: Regel = Set(webRollen).subtracting(["anoniem"])
    static let terugmeldportaal: Regel = ["afnemer", "bijhouder", "andereBijhouder", "rni"]
    static let beheer: Regel = ["beheerder", "andereBeheerder", "systeem"]

    /// Route (method and path as registered) → who may pass.
    static let regels: [String: Regel] = [
        // Public
        "GET /": iedereen, "GET /health": iedereen, "GET /toegankelijkheid": iedereen,
        "GET /api/v1/openapi.json": iedereen, "GET /api/v1/gemeenten": iedereen, "GET /api/v1/registraties": iedereen, "GET /api/v1/termijnen": iedereen,
        "GET /api/v1/verwerkingsactiviteiten": iedereen, "GET /api/v1/verwerkingsactiviteiten/:activiteit": iedereen,
        "GET /privacy": iedereen, "GET /privacy/verwerkingsactiviteiten": iedereen,
        // Inzage on a written request: only the privacy role.
        "GET /privacy/inzage": ["privacy"], "POST /privacy/inzage": ["privacy"], "POST /privacy/inzage.json": ["privacy"],
        "GET /melden": iedereen, "POST /melden": iedereen, "POST /melden/formulier": iedereen, "POST /melden/stap": iedereen, "POST /melden/bestanden": iedereen,
        "GET /melden/ontvangen": iedereen, "GET /melden/bezwaar": iedereen, "GET /melden/eerst-zelf": iedereen, "POST /melden/eerst-zelf": iedereen,
        "GET /melden/:stap": iedereen, "POST /melden/wissen": iedereen,
        "GET /inloggen": iedereen, "POST /inloggen": iedereen, "POST /taal": iedereen,
        // The melder's status page: whoever holds the private link.
        "GET /status/kwijt": iedereen, "POST /status/kwijt": iedereen,
        "GET /status/:token": iedereen, "GET /status/:token/intrekken": iedereen, "POST /status/:token/intrekken": iedereen,
        "POST /status/:token/berichten": iedereen, "POST /status/:token/bijlagen": iedereen, "POST /status/:token/beoordeling": iedereen,
        "GET /status/:token/inzage": iedereen, "GET /status/:token/inzage.json": iedereen,

        // Own account
        "GET /portaal": ingelogd, "POST /uitloggen": iedereen,
        "GET /account": ingelogd, "POST /account/wachtwoord": ingelogd, "GET /account/tweestaps": ingelogd, "POST /account/tweestaps": ingelogd,
        "POST /account/herstelcodes": ingelogd, "POST /account/bezorging": ingelogd,
        // Switching off is only for roles that do not need a second factor (none of these has one on).
        "GET /account/tweestaps/uit": [], "POST /account/tweestaps/uit": [],

        // Terugmeldingen in the portal: the afnemer that filed it and the bronhouder it went to.
        "GET /terugmeldingen": terugmeldportaal, "POST /terugmeldingen/zoeken": terugmeldportaal,
        "GET /terugmeldingen/:referentie": ["afnemer", "bijhouder"],
        "GET /terugmeldingen/:referentie/bijlagen/:bijlage": ["afnemer", "bijhouder"],
        "GET /terugmeldingen/:referentie/intrekken": ["afnemer"],
        "POST /terugmeldingen/:referentie/status": ["afnemer", "bijhouder"],
        "POST /terugmeldingen/bulk": ["bijhouder", "andereBijhouder", "rni"],
        "GET /instellingen": ["bijhouder", "andereBijhouder", "rni", "meldpunt"], "POST /instellingen": ["bijhouder", "andereBijhouder", "rni", "meldpunt"],
        // Each organisation's own figures; the public figures for everyone.
        "GET /statistieken": ["afnemer", "bijhouder", "andereBijhouder", "rni", "meldpunt"],
        "GET /statistieken/:bestand": ["afnemer", "bijhouder", "andereBijhouder", "rni", "meldpunt"],
        "GET /cijfers": iedereen, "GET /cijfers/:bestand": iedereen,
        "POST /terugmeldingen/nieuw": ["afnemer"], "GET /terugmeldingen/nieuw": ["afnemer"],
        "GET /terugmeldingen/nieuw/:concept/:stap": ["afnemer"], "POST /terugmeldingen/nieuw/:concept/:stap": ["afnemer"],

        // The meldpunt's cases
        "GET /meldingen": ["meldpunt"], "POST /meldingen/zoeken": ["meldpunt"], "GET /opschortingen": ["meldpunt"], "GET /werklast": ["meldpunt"],
        "GET /meldingen/nieuw": ["meldpunt"], "POST /meldingen/nieuw": ["meldpunt"], "GET /meldingen/nieuw/vastgelegd": ["meldpunt"],
        // A suspension still running after its case closed is decided on by staff (the fixture's is not: a 400 or 409 after the role check).
        "POST /meldingen/:zaaknummer/verzoeken/:verzoek/opschortingsbesluit": ["meldpunt"],
        "GET /meldingen/:zaaknummer": ["meldpunt"], "GET /meldingen/:zaaknummer/bijlagen/:bijlage": ["meldpunt"],
        "GET /meldingen/:zaaknummer/verzoeken/:verzoek": ["meldpunt"], "GET /meldingen/:zaaknummer/verzoeken/:verzoek/bijlagen/:bijlage": ["meldpunt"],
"GET /meldingen/:zaaknummer/contact": ["meldpunt"], "GET /meldingen/:zaaknummer/toewijzen": ["meldpunt"], "GET /meldingen/:zaaknummer/analyse": ["meldpunt"], "GET /meldingen/:zaaknummer/rol": ["meldpunt"], "GET /meldingen/:zaaknummer/notitie": ["meldpunt"], "GET /meldingen/:zaaknummer/volgende-stap": ["meldpunt"], "GET /meldingen/:zaaknummer/sluiten": ["meldpunt"], "GET /meldingen/:zaaknummer/verzoek": ["meldpunt"], "GET /meldingen/:zaaknummer/terugmelding": ["meldpunt"], "GET /meldingen/:zaaknummer/escaleren": ["meldpunt"],
                "POST /meldingen/:zaaknummer/analyse": ["meldpunt"], "POST /meldingen/:zaaknummer/bericht": ["meldpunt"], "GET /meldingen/:zaaknummer/contactgegevens": ["meldpunt"], "POST /meldingen/:zaaknummer/contactgegevens": ["meldpunt"], "GET /meldingen/:zaaknummer/heropenen": ["meldpunt"], "POST /meldingen/:zaaknummer/documenten": ["meldpunt"], "GET /meldingen/:zaaknummer/koppelen": ["meldpunt"], "POST /meldingen/:zaaknummer/koppelen": ["meldpunt"], "POST /meldingen/:zaaknummer/heropenen": ["meldpunt"],
        "POST /meldingen/:zaaknummer/contact": ["meldpunt"], "POST /meldingen/:zaaknummer/escaleren": ["meldpunt"],
        "POST /meldingen/:zaaknummer/hervatten": ["meldpunt"], "POST /meldingen/:zaaknummer/link": ["meldpunt"],
        "POST /meldingen/:zaaknummer/notitie": ["meldpunt"], "POST /meldingen/:zaaknummer/rol": ["meldpunt"],
        "POST /meldingen/:zaaknummer/sluiten": ["meldpunt"], "POST /meldingen/:zaaknummer/terugmelding": ["meldpunt"],
        "POST /meldingen/:zaaknummer/toewijzen": ["meldpunt"], "POST /meldingen/:zaaknummer/verzoek": ["meldpunt"],
        "POST /meldingen/:zaaknummer/volgende-stap": ["meldpunt"], "POST /meldingen/:zaaknummer/wacht": ["meldpunt"],
        "POST /meldingen/:zaaknummer/verzoeken/:verzoek/bericht": ["meldpunt"], "POST /meldingen/:zaaknummer/verzoeken/:verzoek/escaleren": ["meldpunt"],
        "POST /meldingen/:zaaknummer/verzoeken/:verzoek/escalatie-afwijzen": ["meldpunt"], "GET /meldingen/:zaaknummer/verzoeken/:verzoek/escalatie-afwijzen": ["meldpunt"],
        "GET /verzoeken/:verzoek/escaleren": ["partner"], "POST /verzoeken/:verzoek/escaleren": ["partner"],
        "GET /verzoeken/:verzoek/escalatie-afwijzen": ["partner"], "POST /verzoeken/:verzoek/escalatie-afwijzen": ["partner"],
        "POST /meldingen/:zaaknummer/verzoeken/:verzoek/termijn": ["meldpunt"], "POST /meldingen/:zaaknummer/verzoeken/:verzoek/verslag": ["meldpunt"],

        // The partner register: the meldpunt's staff and beheer; logins only by beheer of the meldpunt or the system role.
        "GET /partners": ["meldpunt", "beheerder", "systeem"], "POST /partners": ["meldpunt", "beheerder", "systeem"],
        "GET /partners/:org": ["meldpunt", "beheerder", "systeem"], "POST /partners/:org": ["meldpunt", "beheerder", "systeem"],
        "POST /partners/:org/contactpersonen": ["meldpunt", "beheerder", "systeem"],
        "POST /partners/:org/contactpersonen/:contact/verwijderen": ["meldpunt", "beheerder", "systeem"],
        "POST /partners/:org/contactpersonen/:contact/login": ["beheerder", "systeem"],

        // The partner's portal: requests to its own organisation.
        "GET /verzoeken": ["partner"], "GET /verzoeken/:verzoek": ["partner"], "GET /verzoeken/:verzoek/bijlagen/:bijlage": ["partner"],
        "POST /verzoeken/:verzoek/accepteren": ["partner"], "POST /verzoeken/:verzoek/afwijzen": ["partner"],
        "POST /verzoeken/:verzoek/bericht": ["partner"], "POST /verzoeken/:verzoek/bijlage": ["partner"],
        "POST /verzoeken/:verzoek/opheffen": ["partner"], "POST /verzoeken/:verzoek/termijn": ["partner"],
        "POST /verzoeken/:verzoek/uitvoeren": ["partner"],
        "GET /verzoeken/:verzoek/accepteren": ["partner"], "GET /verzoeken/:verzoek/afwijzen": ["partner"],
        "GET /verzoeken/:verzoek/uitvoeren": ["partner"], "GET /verzoeken/:verzoek/opheffen": ["partner"],
        "GET /verzoeken/:verzoek/termijn": ["partner"], "GET /verzoeken/:verzoek/bijlage": ["partner"],
        "GET /meldingen/:zaaknummer/verzoeken/:verzoek/termijn": ["meldpunt"], "GET /meldingen/:zaaknummer/verzoeken/:verzoek/escaleren": ["meldpunt"],
        "GET /meldingen/:zaaknummer/verzoeken/:verzoek/verslag": ["meldpunt"],

        // Structural errors: the register is the meldpunt's staff's; a signaal fed back to UWV is UWV's.
        "GET /signalen": ["meldpunt"], "GET /signalen/voorstellen/:kandidaat": ["meldpunt"],
        "POST /signalen/voorstellen/:kandidaat/bevestigen": ["meldpunt"], "POST /signalen/voorstellen/:kandidaat/samenvoegen": ["meldpunt"],
        "POST /signalen/voorstellen/:kandidaat/afwijzen": ["meldpunt"], "POST /signalen/voorstellen/:kandidaat/zaken/:zaak/weglaten": ["meldpunt"], "GET /signalen/:nummer": ["meldpunt"],
        "POST /signalen/:nummer/terugkoppelen": ["meldpunt"], "POST /signalen/:nummer/agenderen": ["meldpunt"],
        "POST /signalen/:nummer/escaleren": ["meldpunt"], "POST /signalen/:nummer/afsluiten": ["meldpunt"],
        "POST /signalen/:nummer/kennis": ["meldpunt"], "POST /signalen/:nummer/zaak": ["meldpunt"],
        "GET /signalen/:nummer/terugkoppelen": ["meldpunt"], "GET /signalen/:nummer/agenderen": ["meldpunt"],
        "GET /signalen/:nummer/escaleren": ["meldpunt"], "GET /signalen/:nummer/afsluiten": ["meldpunt"],
        "GET /signalen/:nummer/kennis": ["meldpunt"], "GET /signalen/:nummer/zaak": ["meldpunt"],
        // The meldpunt's advice: staff give and answer, the organisation advised (UWV) asks and responds.
        "GET /meldingen/:zaaknummer/gevolgen/:gevolg": ["meldpunt"], "POST /meldingen/:zaaknummer/gevolgen/:gevolg": ["meldpunt"],
        "GET /adviezen": ["meldpunt", "partner"], "GET /adviezen/nieuw": ["meldpunt"], "POST /adviezen/nieuw": ["meldpunt"],
        "GET /adviezen/vragen": ["partner"], "POST /adviezen/vragen": ["partner"], "GET /adviezen/:adviesNummer": ["meldpunt", "partner"],
        "POST /adviezen/:adviesNummer/advies": ["meldpunt"], "POST /adviezen/:adviesNummer/reactie": ["partner"],
        // Overleg with several organisations: staff plan and record, the invitee (UWV) reads and reports its action done.
        "GET /overleggen": ["meldpunt", "partner"], "GET /overleggen/nieuw": ["meldpunt"], "POST /overleggen/nieuw": ["meldpunt"],
        "GET /overleggen/:overlegNummer": ["meldpunt", "partner"], "POST /overleggen/:overlegNummer/verslag": ["meldpunt"],
        "POST /overleggen/:overlegNummer/acties": ["meldpunt"], "POST /overleggen/:overlegNummer/annulering": ["meldpunt"],
        "POST /overleggen/:overlegNummer/acties/:actieNummer/afronding": ["meldpunt", "partner"],
        // An intermediary follows the cases its organisation filed (the world's case was filed by the SVB: no one sees it there).
        "GET /clienten": ["intermediair"], "GET /clienten/:zaaknummer": [], "POST /clienten/:zaaknummer/berichten": [],
        // Standard texts: the meldpunt's beheer keeps them (the systeembeheerder too).
        "GET /beheer/standaardteksten": ["beheerder", "systeem"], "POST /beheer/standaardteksten": ["beheerder", "systeem"],
        "GET /beheer/standaardteksten/:standaardtekst": ["beheerder", "systeem"], "POST /beheer/standaardteksten/:standaardtekst": ["beheerder", "systeem"],
        // Teams and their routing: the meldpunt's beheer. The werkvoorraad's bulk steps, kept filters (each person's own) and export: staff.
        "GET /beheer/contactgegevens": ["beheerder", "systeem"], "POST /beheer/contactgegevens": ["beheerder", "systeem"],
        "GET /beheer/teams": ["beheerder", "systeem"], "POST /beheer/teams": ["beheerder", "systeem"],
        "GET /beheer/teams/:team": ["beheerder", "systeem"], "POST /beheer/teams/:team": ["beheerder", "systeem"],
        "POST /meldingen/bulk": ["meldpunt"], "GET /meldingen/export.csv": ["meldpunt"], "POST /meldingen/filters": ["meldpunt"],
        "POST /meldingen/filters/:filter/verwijderen": ["meldpunt"],
        // Letters to melders who get post: the meldpunt's staff print them.
        "GET /brieven": ["meldpunt"], "GET /brieven/te-versturen.pdf": ["meldpunt"], "POST /brieven/geprint": ["meldpunt"], "GET /brieven/:brief/pdf": ["meldpunt"],
        "GET /ontvangen-signalen": ingelogd, "GET /ontvangen-signalen/:nummer": ["partner"], "POST /ontvangen-signalen/:nummer/antwoord": ["partner"],

        // The yearly evaluation: the meldpunt's staff, and the partner (UWV) its own.
        "GET /evaluaties": ["meldpunt", "partner"], "GET /evaluaties/:org/:jaar": ["meldpunt", "partner"],
        "GET /evaluaties/:org/:jaar/:bestand": ["meldpunt", "partner"], "POST /evaluaties/:org/:jaar/conclusie": ["meldpunt", "partner"],

        // Beheer: its own organisation (the meldpunt's, here), the system role everything.
        "GET /beheer": beheer, "GET /beheer/audit": beheer, "GET /beheer/bewaartermijnen": ["systeem"],
        "GET /beheer/organisaties/:org": ["beheerder", "systeem"],
        "POST /beheer/organisaties": ["systeem"], "POST /beheer/organisaties/:org/rollen": ["systeem"],
        "POST /beheer/organisaties/:org/gebruikers": ["beheerder", "systeem"], "POST /beheer/organisaties/:org/sleutels": ["beheerder", "systeem"],
        "POST /beheer/organisaties/:org/sleutels/:sleutel/intrekken": ["beheerder", "systeem"],
        "POST /beheer/gebruikers/:gebruiker/uitzetten": ["beheerder", "systeem"], "GET /beheer/gebruikers/:gebruiker/uitzetten": ["beheerder", "systeem"],
        "POST /beheer/gebruikers/:gebruiker/aanzetten": ["beheerder", "systeem"],
        "POST /beheer/gebruikers/:gebruiker/wachtwoord": ["beheerder", "systeem"],
        "POST /beheer/gebruikers/:gebruiker/tweestaps": ["beheerder", "systeem"],
        // The outbox: every beheerder sees its own organisation's part (the one here is mail to a melder: the meldpunt's).
        "GET /beheer/berichten": beheer, "POST /beheer/berichten/:bericht/opnieuw": ["beheerder", "systeem"],

        // API: terugmeldingen
        "GET /api/v1/terugmeldingen": ["afnemer", "bronhouder", "andereBronhouder", "meldpunt"],
        "POST /api/v1/terugmeldingen": ["afnemer", "meldpunt"],
        "GET /api/v1/terugmeldingen/:referentie": ["afnemer", "bronhouder"],
        "GET /api/v1/terugmeldingen/:referentie/bijlagen/:bijlage": ["afnemer", "bronhouder"],
        "POST /api/v1/terugmeldingen/:referentie/statuswijzigingen": ["afnemer", "bronhouder"],
        // API: meldingen (any organisation may file one; only the meldpunt handles them)
        "POST /api/v1/meldingen": ["afnemer", "bronhouder", "andereBronhouder", "meldpunt", "partner"],
        "GET /api/v1/meldingen": ["meldpunt"], "POST /api/v1/meldingen/_zoek": ["meldpunt"], "GET /api/v1/opschortingen": ["meldpunt"], "GET /api/v1/werklast": ["meldpunt"],
        "PUT /api/v1/meldingen/:zaaknummer/verzoeken/:verzoekId/opschortingsbesluit": ["meldpunt"],
        "GET /api/v1/meldingen/:zaaknummer": ["meldpunt", "afnemer"], "GET /api/v1/meldingen/:zaaknummer/bijlagen/:bijlage": ["meldpunt"],
        "POST /api/v1/meldingen/:zaaknummer/berichten": ["meldpunt"], "PUT /api/v1/meldingen/:zaaknummer/contactgegevens": ["meldpunt"], "POST /api/v1/meldingen/:zaaknummer/heropeningen": ["meldpunt"], "POST /api/v1/meldingen/:zaaknummer/bijlagen": ["meldpunt"], "GET /api/v1/meldingen/:zaaknummer/koppelingen": ["meldpunt"], "POST /api/v1/meldingen/:zaaknummer/koppelingen": ["meldpunt"], "POST /api/v1/meldingen/:zaaknummer/contactmomenten": ["meldpunt"],
        "POST /api/v1/meldingen/:zaaknummer/escalaties": ["meldpunt"], "POST /api/v1/meldingen/:zaaknummer/notities": ["meldpunt"],
        "POST /api/v1/meldingen/:zaaknummer/statuspagina-links": ["meldpunt"], "POST /api/v1/meldingen/:zaaknummer/statuswijzigingen": ["meldpunt"],
        "POST /api/v1/meldingen/:zaaknummer/terugmeldingen": ["meldpunt"], "POST /api/v1/meldingen/:zaaknummer/verzoeken": ["meldpunt"],
        "PUT /api/v1/meldingen/:zaaknummer/analyse": ["meldpunt"], "PUT /api/v1/meldingen/:zaaknummer/behandelaar": ["meldpunt"],
        "PUT /api/v1/meldingen/:zaaknummer/rol": ["meldpunt"], "PUT /api/v1/meldingen/:zaaknummer/volgende-stap": ["meldpunt"],
        "GET /api/v1/meldingen/:zaaknummer/verzoeken/:verzoekId": ["meldpunt"],
        "GET /api/v1/meldingen/:zaaknummer/verzoeken/:verzoekId/bijlagen/:bijlageId": ["meldpunt"],
        "POST /api/v1/meldingen/:zaaknummer/verzoeken/:verzoekId/berichten": ["meldpunt"],
        "POST /api/v1/meldingen/:zaaknummer/verzoeken/:verzoekId/escalaties": ["meldpunt"],
        "POST /api/v1/meldingen/:zaaknummer/verzoeken/:verzoekId/escalatie-afwijzingen": ["meldpunt"],
        "POST /api/v1/verzoeken/:verzoekId/escalaties": ["partner"], "POST /api/v1/verzoeken/:verzoekId/escalatie-afwijzingen": ["partner"],
        "POST /api/v1/meldingen/:zaaknummer/verzoeken/:verzoekId/verslagen": ["meldpunt"],
        "PUT /api/v1/meldingen/:zaaknummer/verzoeken/:verzoekId/termijn": ["meldpunt"],
        // API: the partner's side of a request
        "GET /api/v1/verzoeken": ["partner"], "GET /api/v1/verzoeken/:verzoekId": ["partner"],
        "GET /api/v1/verzoeken/:verzoekId/bijlagen/:bijlageId": ["partner"],
        "POST /api/v1/verzoeken/:verzoekId/berichten": ["partner"], "POST /api/v1/verzoeken/:verzoekId/bijlagen": ["partner"],
        "POST /api/v1/verzoeken/:verzoekId/opheffingen": ["partner"], "POST /api/v1/verzoeken/:verzoekId/statuswijzigingen": ["partner"],
        "PUT /api/v1/verzoeken/:verzoekId/termijn": ["partner"],
        // API: structural errors — the register is the meldpunt's; a signaal fed back to UWV is UWV's to read and answer.
        "GET /api/v1/signaalkandidaten": ["meldpunt"], "GET /api/v1/signaalkandidaten/:kandidaatId": ["meldpunt"],
        "POST /api/v1/signaalkandidaten/:kandidaatId/bevestigingen": ["meldpunt"], "POST /api/v1/signaalkandidaten/:kandidaatId/samenvoegingen": ["meldpunt"],
        "POST /api/v1/signaalkandidaten/:kandidaatId/afwijzingen": ["meldpunt"],
        "GET /api/v1/signalen": ["meldpunt"], "POST /api/v1/signalen": ["meldpunt"], "GET /api/v1/signalen/:nummer": ["meldpunt"],
        "POST /api/v1/signalen/:nummer/terugkoppelingen": ["meldpunt"], "POST /api/v1/signalen/:nummer/agenderingen": ["meldpunt"],
        "POST /api/v1/signalen/:nummer/afsluitingen": ["meldpunt"], "POST /api/v1/signalen/:nummer/escalaties": ["meldpunt"],
        "POST /api/v1/signalen/:nummer/zaken": ["meldpunt"], "PUT /api/v1/signalen/:nummer/kennis": ["meldpunt"],
        "GET /api/v1/ontvangen-signalen": ["afnemer", "bronhouder", "andereBronhouder", "meldpunt", "partner"],
        "GET /api/v1/ontvangen-signalen/:nummer": ["partner"], "POST /api/v1/ontvangen-signalen/:nummer/antwoorden": ["partner"],
        // API: the meldpunt's advice to organisations — ADV-1 was given to UWV.
        "GET /api/v1/adviezen": ["meldpunt", "partner"], "POST /api/v1/adviezen": ["meldpunt"], "POST /api/v1/adviesvragen": ["partner"],
        "GET /api/v1/adviezen/:adviesNummer": ["meldpunt", "partner"], "PUT /api/v1/adviezen/:adviesNummer/advies": ["meldpunt"],
        "PUT /api/v1/adviezen/:adviesNummer/reactie": ["partner"],
        "PUT /api/v1/meldingen/:zaaknummer/gevolgen/:gevolgNummer": ["meldpunt"],
        // API: overleg with several organisations — OVL-1 invites UWV, its action 1 is UWV's.
        "GET /api/v1/overleggen": ["meldpunt", "partner"], "POST /api/v1/overleggen": ["meldpunt"],
        "GET /api/v1/overleggen/:overlegNummer": ["meldpunt", "partner"], "PUT /api/v1/overleggen/:overlegNummer/verslag": ["meldpunt"],
        "PUT /api/v1/overleggen/:overlegNummer/annulering": ["meldpunt"], "POST /api/v1/overleggen/:overlegNummer/acties": ["meldpunt"],
        "PUT /api/v1/overleggen/:overlegNummer/acties/:actieNummer/afronding": ["meldpunt", "partner"],
        "GET /api/v1/ingediende-meldingen": Set(apiRollen).subtracting(["anoniem"]), "POST /api/v1/meldingimporten": ["meldpunt"],
        "GET /api/v1/brieven": ["meldpunt"], "GET /api/v1/standaardteksten": ["meldpunt"], "GET /api/v1/brieven/:briefId": ["meldpunt"], "GET /api/v1/brieven/:briefId/pdf": ["meldpunt"],
        "PUT /api/v1/brieven/:briefId/verzending": ["meldpunt"],
        // API: figures — each organisation its own, the public ones for everyone.
        "GET /api/v1/cijfers/openbaar": iedereen, "GET /api/v1/cijfers/meldpunt": ["meldpunt"],
        "GET /api/v1/cijfers/bronhouder": ["bronhouder", "andereBronhouder"], "GET /api/v1/cijfers/afnemer": ["afnemer"],
        // API: a partner's yearly evaluation (UWV here): the meldpunt and UWV itself.
        "GET /api/v1/partner-evaluaties/:oin/:jaar": ["meldpunt", "partner"], "PUT /api/v1/partner-evaluaties/:oin/:jaar/conclusie": ["meldpunt", "partner"],
        // API: subscriptions (any organisation; its own only — the one here is the SVB's)
        "GET /api/v1/abonnementen": ["afnemer", "bronhouder", "andereBronhouder", "meldpunt", "partner"],
        "POST /api/v1/abonnementen": ["afnemer", "bronhouder", "andereBronhouder", "meldpunt", "partner"],
        "GET /api/v1/abonnementen/:abonnementId": ["afnemer"], "DELETE /api/v1/abonnementen/:abonnementId": ["afnemer"],
        // The Logius draft's path: filing as the JSON API, reading for any organisation (its own only).
        "POST /logius/terugmelden/v0.2/terugmelding": ["afnemer", "meldpunt"],
        "GET /logius/terugmelden/v0.2/terugmelding": Set(apiRollen).subtracting(["anoniem"]),
        // Digimelding: the description for everyone; the messages for any organisation with a key,
        // each deciding by OIN and party (DigimeldingHTTPTests: SOAP answers every refusal as a 500 fault).
        "GET /dmks/v1": iedereen, "POST /dmks/v1": Set(apiRollen).subtracting(["anoniem"]),
    ]

    /// SOAP answers a refusal as a fault with status 500: the status says nothing about access here.
    static let soap: Set<String> = ["POST /dmks/v1"]

    /// Steps of a login in progress (without one they send the visitor back to the login page,
    /// whoever asks), the one-time confirmation of the public form (nothing to show without
    /// its cookie) and the form's pages (without a draft they lead to its start): only "no server
    /// error" is checked.
    static let inlogstappen: Set<String> = ["GET /melden/ontvangen", "GET /melden/eerst-zelf", "POST /melden/eerst-zelf", "GET /melden/:stap", "GET /inloggen/code", "POST /inloggen/code", "GET /inloggen/wachtwoord", "POST /inloggen/wachtwoord",
                                            "GET /inloggen/tweestaps", "POST /inloggen/tweestaps"]

    /// Writes that end something for everyone after them: run last.
    static let opHetEind = ["DELETE /api/v1/abonnementen/:abonnementId", "POST /api/v1/meldingen/:zaaknummer/statuspagina-links", "POST /meldingen/:zaaknummer/link",
                            "POST /partners/:org/contactpersonen/:contact/verwijderen", "POST /status/:token/intrekken",
                            "POST /beheer/gebruikers/:gebruiker/uitzetten", "POST /beheer/organisaties/:org/rollen", "POST /uitloggen"]
    /// After the first allowed caller the object is gone: the others are not asked.
    static let eenKeer: Set<String> = ["POST /partners/:org/contactpersonen/:contact/verwijderen", "POST /status/:token/intrekken"]

    static func sleutel(_ route: Route) -> String {
        "\(route.method.rawValue) /" + route.path.map { $0.description }.joined(separator: "/")
    }

    /// The routes in four parts, each against a world of its own, so the parts run in parallel.
    static let delen = 4

    @Test(arguments: 0..<delen) func elkeRouteHeeftEenRegelEnElkeRegelKlopt(deel: Int) async throws {
        try await metApp { t in
            let alle = t.app.routes.all.filter { !$0.path.contains(.catchall) }
            if deel == 0 {
                // A new route without a rule fails here.
                let zonderRegel = alle.map(Self.sleutel).filter { Self.regels[$0] == nil && !Self.inlogstappen.contains($0) }
                #expect(zonderRegel.isEmpty, "Routes zonder toegangsregel: \(zonderRegel.sorted())")
                let verouderd = Set(Self.regels.keys).subtracting(alle.map(Self.sleutel))
                #expect(verouderd.isEmpty, "Regels zonder route: \(verouderd.sorted())")
            }
            let routes = alle.sorted { Self.sleutel($0) < Self.sleutel($1) }.enumerated().filter { $0.offset % Self.delen == deel }.map(\.element)

            let w = try await Wereld.bouw(t)
            var fouten: [String] = []
            let eind = Self.opHetEind.compactMap { n in routes.first { Self.sleutel($0) == n } }
            let volgorde = routes.filter { !Self.opHetEind.contains(Self.sleutel($0)) } + eind
            for route in volgorde {
                let naam = Self.sleutel(route)
                if Self.soap.contains(naam) { continue }
                let api = naam.contains(" /api/v1/") || naam.contains(" /logius/") || naam.contains(" /dmks/")
                let pad = try w.pad(route)
                // Refused callers first: an allowed write may end the object for those after it.
                let regel = Self.regels[naam] ?? []
                var rollen = (api ? Self.apiRollen : Self.webRollen).sorted { !regel.contains($0) && regel.contains($1) }
                if Self.eenKeer.contains(naam), let eerste = rollen.firstIndex(where: regel.contains) { rollen = Array(rollen[...eerste]) }
                for rol in rollen {
                    let r = try await w.verzoek(route.method, pad, als: rol, api: api)
                    if r.status.code >= 500 { fouten.append("\(naam) als \(rol): \(r.status.code)") }
                    guard !Self.inlogstappen.contains(naam) else { continue }
                    let mag = Self.regels[naam]?.contains(rol) ?? false
                    let geweigerd = [401, 403, 404].contains(r.status.code)
                        || (r.status == .seeOther && (r.headers.first(name: .location) ?? "").hasPrefix("/inloggen"))
                    if mag == geweigerd {
                        fouten.append("\(naam) als \(rol): \(r.status.code)\(r.headers.first(name: .location).map { " → " + $0 } ?? "") (verwacht: \(mag ? "toegang" : "geweigerd"))")
                    }
                }
            }
            #expect(fouten.isEmpty, Comment(rawValue: "\(fouten.count) afwijkingen:\n" + fouten.joined(separator: "\n")))
        }
    }
}

extension ToegangsmatrixTests {
    /// The third axis: the object's state. The same callers, on the same objects, once they are
    /// closed and once erased: reading stays for who may read, writing ends (409), an erased
    /// case does not exist for the partner any more (404).
    @Test func toegangVolgtDeToestandVanHetObject() async throws {
        try await metApp { t in
            let w = try await Wereld.bouw(t)
            let v = w.waarden["verzoek"]!, z = w.waarden["zaaknummer"]!, ref = w.waarden["referentie"]!
            let partner = w.sleutels["partner"]!, bronhouder = w.sleutels["bronhouder"]!
            func partnerLeest() async throws -> HTTPResponseStatus { try await t.get("/api/v1/verzoeken/\(v)", partner).status }
            func partnerSchrijft() async throws -> HTTPResponseStatus {
                try await t.post("/api/v1/verzoeken/\(v)/berichten", partner, json: ["tekst": "Stand van zaken."]).status
            }
            func partnerPortaal() async throws -> HTTPResponseStatus { try await w.browsers["partner"]!.get("/verzoeken/\(v)").status }

            // Open: read and write.
            #expect(try await partnerLeest() == .ok)
            #expect(try await partnerSchrijft() == .ok)
            // Closed case: still readable, no longer writable.
            try await t.herstelGevolgen(z)
            let sluiten: [String: Any] = ["status": "gesloten", "uitkomst": "opgelost", "samenvatting": "Opgelost.", "redenOpenCorrecties": "Afgestemd."]
            #expect(try await t.stap(z, "statuswijzigingen", sluiten).status == .ok)
            #expect(try await partnerLeest() == .ok)
            #expect(try await partnerPortaal() == .ok)
            #expect(try await partnerSchrijft() == .conflict)
            // The page says so next to the form (a 4xx) and adds nothing to the thread.
            func berichten() async throws -> Int { (try await t.get("/api/v1/verzoeken/\(v)", partner).object["berichten"] as? [Any])?.count ?? -1 }
            let voor = try await berichten()
            #expect(voor > 0)
            #expect(try await w.browsers["partner"]!.post("/verzoeken/\(v)/bericht", ["tekst": "Nog iets."]).status.code / 100 == 4)
            #expect(try await berichten() == voor)
            // Erased (the melder withdrew consent): gone for the partner, read or write.
            let melder = Browser(t)
            _ = try await melder.get("/status/\(w.waarden["token"]!)/intrekken")
            #expect(try await melder.post("/status/\(w.waarden["token"]!)/intrekken", [:]).status == .seeOther)
            #expect(try await partnerLeest() == .notFound)
            #expect(try await partnerPortaal() == .notFound)
            #expect(try await partnerSchrijft() == .notFound)
            #expect(try await t.get("/api/v1/verzoeken", partner).tekst.contains(v) == false)

            // A terugmelding once completed: the bronhouder reads it, the model allows no further step.
            #expect(try await t.wijzig(ref, bronhouder, ["status": "In behandeling"]).status == .ok)
            #expect(try await t.wijzig(ref, bronhouder, ["status": "Afgehandeld", "toelichting": "Verbeterd.", "uitkomst": "verbeterd"]).status == .ok)
            #expect(try await t.get("/api/v1/terugmeldingen/\(ref)", bronhouder).status == .ok)
            #expect(try await t.wijzig(ref, bronhouder, ["status": "In behandeling"]).status == .conflict)
            #expect(try await t.wijzig(ref, w.sleutels["afnemer"]!, ["status": "Ingetrokken"]).status == .conflict)
            #expect(try await w.browsers["bijhouder"]!.post("/terugmeldingen/\(ref)/status", ["status": "In behandeling"]).status.code / 100 == 4)
            #expect(try await t.get("/api/v1/terugmeldingen/\(ref)", bronhouder).object["status"] as? String == "Afgehandeld")
        }
    }
}

/// The objects and callers of the matrix.
private struct Wereld {
    let t: TestApp
    let browsers: [String: Browser]
    let sleutels: [String: String]
    let waarden: [String: String]

    static func bouw(_ t: TestApp) async throws -> Wereld {
        let uwvSleutel = try await t.partners()
        // A terugmelding of the Belastingdienst at Amsterdam, with a file.
        let ref = try await t.meld(Voorbeeld.terugmelding(bijlagen: [("bewijs.pdf", "application/pdf", Voorbeeld.pdf)]), door: t.sleutels.svb)
        let tm = try await t.get("/api/v1/terugmeldingen/\(ref)", t.sleutels.svb)
        let tmBijlage = Self.id(van: "bewijs.pdf", in: try JSONSerialization.jsonObject(with: tm.body)) ?? UUID().uuidString
        // A case in coordination, with a file, and a request to UWV with a file from the partner.
        let (z, link) = try await t.meldingInBehandeling()
        // Withdrawing consent erases its case: a case of its own.
        let (_, link2) = try await t.nieuweMelding()
        let m = try await t.get("/api/v1/meldingen/\(z)", t.sleutels.meldpunt)
        let mBijlage = ((m.object["bijlagen"] as? [[String: Any]])?.first?["id"] as? String) ?? UUID().uuidString
        let verzoek = try await t.verzoek(z, VerzoekenApiTests.opschorting)
        let upload = try await t.request(.POST, "/api/v1/verzoeken/\(verzoek)/bijlagen", sleutel: uwvSleutel,
                                         body: try JSONSerialization.data(withJSONObject: ["bestandsnaam": "besluit.pdf", "inhoud": Voorbeeld.pdf.base64EncodedString()]))
        #expect(upload.status == .created, Comment(rawValue: upload.tekst))
        let vBijlage = Self.id(van: "besluit.pdf", in: try JSONSerialization.jsonObject(with: upload.body)) ?? UUID().uuidString

        let uwv = try await Organisaties.zoek(oin: TestApp.uwvOIN, gemeentecode: nil, on: t.app.db)
        let meldpuntOrg = try await Organisaties.zoek(oin: TestApp.meldpuntOIN, gemeentecode: nil, on: t.app.db)
        let contact = try await Contactpersoon.query(on: t.app.db).filter(\.$organisatie.$id == uwv.requireID()).first()
        // A mail to a melder that was given up after every retry: beheer may send it again.
        let rij = try await UitgaandBericht.query(on: t.app.db).filter(\.$soort == .mail).filter(\.$organisatie == nil).first()
        rij?.status = .mislukt
        try await rij?.save(on: t.app.db)
        let mislukt = try rij?.requireID().tekst ?? UUID().uuidString
        let svb = try OrganisatieDTO(try await Organisaties.zoek(oin: TestApp.svbOIN, gemeentecode: nil, on: t.app.db))
        let abonnement = try await t.app.abonnementen(nu: t.klok.nu).maak(
            AbonnementInvoer(callbackUrl: "http://127.0.0.1:9/ontvang", auth: "", kanalen: [AbonnementKanaal(naam: "terugmeldingen")]), door: svb)
        let slachtoffer = try await t.gebruiker("collega@meldpunt.nl", rol: .meldpunt, oin: TestApp.meldpuntOIN)
        // A signaal fed back to UWV, and a proposal of the detector (three alike cases).
        let register = Signaalregister(db: t.app.db, nu: t.klok.nu, berichten: t.app.berichtgeving)
        let meldpuntDoor = Handelende(organisatie: try OrganisatieDTO(meldpuntOrg))
        let signaal = try await register.nieuwSignaal(NieuwSignaalInvoer(titel: "Uitkering stopt na verhuizing", omschrijving: "Adres komt niet door.",
                                                                         soort: "systeem", organisatieOins: [TestApp.uwvOIN]), door: meldpuntDoor)
        _ = try await register.zetStap(signaal.nummer, .terugkoppeling, SignaalStapInvoer(organisatieOin: TestApp.uwvOIN, toelichting: "Graag uw reactie."),
                                       door: meldpuntDoor)
        // Advice given to UWV about the case.
        let advies = try await Adviesregister(meldingen: MeldingService(db: t.app.db, pseudoniemen: t.app.pseudoniemen, kalender: t.app.kalender, nu: t.klok.nu,
                                                                        traceID: "test", contactnormWerkdagen: 2, berichten: t.app.berichtgeving))
            .geef(AdviesInvoer(organisatieOin: TestApp.uwvOIN, onderwerp: "route", advies: "Eerst de inschrijving.", opvolgenOp: Dag(t.klok.nu).description, zaaknummer: z),
                  door: meldpuntDoor)
        // An overleg about the case with UWV invited, and an action for UWV.
        let overlegregister = Overlegregister(meldingen: MeldingService(db: t.app.db, pseudoniemen: t.app.pseudoniemen, kalender: t.app.kalender, nu: t.klok.nu,
                                                                        traceID: "test", contactnormWerkdagen: 2, berichten: t.app.berichtgeving))
        let overleg = try await overlegregister.plan(OverlegInvoer(onderwerp: "Adres en uitkering", datum: Dag(t.klok.nu).description, agenda: "Wie herstelt wat.",
                                                                   deelnemers: [TestApp.uwvOIN], zaaknummer: z), door: meldpuntDoor)
        _ = try await overlegregister.voegActieToe(overleg.nummer, OverlegActieInvoer(organisatieOin: TestApp.uwvOIN, omschrijving: "Terugvordering stilzetten.",
                                                                                      uiterlijk: Dag(t.klok.nu).description), door: meldpuntDoor)
        // A letter to the case's melder.
        let brief = BriefRij()
        brief.id = UUID()
        brief.$melding.id = try #require(try await Melding.query(on: t.app.db).filter(\.$zaaknummer == z).first()).requireID()
        brief.taal = .nl
        brief.onderwerp = "Een bericht over uw melding"
        brief.alineas = "[\"Wij bellen u.\"]"
        brief.aangemaaktOp = t.klok.nu
        try await brief.create(on: t.app.db)
        let standaardtekst = StandaardtekstRij()
        standaardtekst.id = UUID()
        standaardtekst.titel = "Wij wachten op de gemeente"
        standaardtekst.doel = .melder
        standaardtekst.tekstNl = "Beste {naam}, wij wachten op de gemeente."
        standaardtekst.actief = true
        standaardtekst.gewijzigdOp = t.klok.nu
        standaardtekst.gewijzigdDoor = "Bea"
        try await standaardtekst.create(on: t.app.db)
        let team = Team()
        team.id = UUID()
        team.naam = "Wonen"
        team.aangemaaktOp = t.klok.nu
        try await team.create(on: t.app.db)
        let detector = Patroonherkenning(db: t.app.db)
        for _ in 0..<3 {
            let k = Zaakkenmerken(bron: .melding, dag: Dag(t.klok.nu), registraties: ["BRV"], gevolgen: [.init(soort: .boete, organisatie: "CJIB")],
                                  tekst: "adres na verhuizing niet bijgewerkt boete")
            try await t.app.db.transaction { tx in try await detector.verwerk(k, zaak: UUID(), nu: t.klok.nu, on: tx) }
        }
        let kandidaatRij = try #require(try await PatroonKandidaat.query(on: t.app.db).first())
        let kandidaat = try kandidaatRij.requireID().tekst
        // A case of the proposal, by the name its page gives it (to leave it out).
        let kandidaatZaak = try #require(try await PatroonIndex.query(on: t.app.db).filter(\.$sleutel == kandidaatRij.sleutel).first()).zaakID
        let zaakKenmerk = try await Melding.find(kandidaatZaak, on: t.app.db)?.zaaknummer ?? kandidaatZaak.tekst

        let gebruikers: [(String, String, GebruikersRol, String?, String?)] = [
            ("afnemer", "anna@svb.nl", .afnemer, TestApp.svbOIN, nil),
            ("bijhouder", "bram@amsterdam.nl", .bijhouder, nil, "0363"),
            ("andereBijhouder", "rob@rotterdam.nl", .bijhouder, nil, "0599"),
            ("rni", "rik@rvig.nl", .rni, nil, "1999"),
            ("meldpunt", "mira@meldpunt.nl", .meldpunt, TestApp.meldpuntOIN, nil),
            ("partner", "pim@uwv.nl", .partner, TestApp.uwvOIN, nil),
            ("intermediair", "ilse@schuldhulp.nl", .intermediair, ClientenTests.oin, nil),
            ("privacy", "fg@meldpunt.nl", .privacy, TestApp.meldpuntOIN, nil),
            ("beheerder", "bea@meldpunt.nl", .beheerder, TestApp.meldpuntOIN, nil),
            ("andereBeheerder", "ab@amsterdam.nl", .beheerder, nil, "0363"),
            ("systeem", "sam@meldpunt.nl", .systeembeheerder, TestApp.meldpuntOIN, nil),
        ]
        _ = try await Organisaties.voegToe(naam: "Schuldhulp Utrecht", oin: ClientenTests.oin, gemeentecode: nil, rollen: [.intermediair], on: t.app.db)
        t.app.snelheidsbegrenzer.zetAan(false)
        var browsers: [String: Browser] = ["anoniem": Browser(t)]
        _ = try await browsers["anoniem"]!.get("/inloggen")
        for (rol, email, gRol, oin, code) in gebruikers {
            try await t.gebruiker(email, rol: gRol, gemeentecode: code, oin: oin)
            let b = Browser(t)
            let r = try await b.login(email)
            #expect(r.status == .seeOther, "login \(email)")
            browsers[rol] = b
        }
        // A wizard draft of the Belastingdienst's user.
        let concept = try await browsers["afnemer"]!.post("/terugmeldingen/nieuw", [:]).headers.first(name: .location)?
            .split(separator: "/").dropFirst(2).first.map(String.init) ?? UUID().uuidString

        return Wereld(t: t, browsers: browsers, sleutels: [
            "afnemer": t.sleutels.svb, "bronhouder": t.sleutels.amsterdam, "andereBronhouder": t.sleutels.rotterdam,
            "meldpunt": t.sleutels.meldpunt, "partner": uwvSleutel,
        ], waarden: [
            "referentie": ref, "zaaknummer": z, "token": String(link.split(separator: "/").last ?? ""),
            "token2": String(link2.split(separator: "/").last ?? ""),
            "verzoek": verzoek, "verzoekId": verzoek, "concept": concept, "stap": "registratie", "activiteit": "terugmelden",
            "org": try meldpuntOrg.requireID().tekst, "partnerOrg": try uwv.requireID().tekst,
            "gebruiker": try slachtoffer.requireID().tekst, "sleutel": UUID().uuidString,
            "contact": try contact?.requireID().tekst ?? UUID().uuidString,
            "tmBijlage": tmBijlage, "mBijlage": mBijlage, "vBijlage": vBijlage, "abonnementId": abonnement.id, "bericht": mislukt,
            "nummer": String(signaal.nummer), "kandidaatId": kandidaat, "kandidaat": kandidaat, "adviesNummer": String(advies.nummer), "overlegNummer": String(overleg.nummer), "actieNummer": "1", "brief": brief.id!.uuidString, "standaardtekst": standaardtekst.id!.uuidString, "team": team.id!.uuidString, "filter": UUID().uuidString, "briefId": brief.id!.uuidString, "gevolg": "1", "gevolgNummer": "1", "zaak": zaakKenmerk, "bestand": "kerncijfers.csv", "oin": TestApp.uwvOIN, "jaar": "2026",
        ])
    }

    /// The id of the object with this file name, wherever it sits in a JSON answer.
    static func id(van bestandsnaam: String, in json: Any) -> String? {
        if let o = json as? [String: Any] {
            if o["bestandsnaam"] as? String == bestandsnaam, let id = o["id"] as? String { return id }
            return o.values.lazy.compactMap { id(van: bestandsnaam, in: $0) }.first
        }
        if let a = json as? [Any] { return a.lazy.compactMap { id(van: bestandsnaam, in: $0) }.first }
        return nil
    }

    /// The route's path with real objects in its parameters.
    func pad(_ route: Route) throws -> String {
        let tekst = route.path.map(\.description).joined(separator: "/")
        var delen: [String] = []
        for component in route.path {
            guard case .parameter(let naam) = component else { delen.append(component.description); continue }
            switch naam {
            case "bijlage", "bijlageId":
                delen.append(tekst.contains("terugmeldingen") ? waarden["tmBijlage"]! : tekst.contains("verzoek") ? waarden["vBijlage"]! : waarden["mBijlage"]!)
            case "org":
                delen.append(tekst.hasPrefix("partners") || tekst.hasPrefix("evaluaties") ? waarden["partnerOrg"]! : waarden["org"]!)
            case "token" where tekst.hasSuffix("intrekken") && route.method == .POST:
                delen.append(waarden["token2"]!)
            default:
                delen.append(try #require(waarden[naam], Comment(rawValue: "geen waarde voor :" + naam)))
            }
        }
        return "/" + delen.joined(separator: "/")
    }

    func verzoek(_ method: HTTPMethod, _ pad: String, als rol: String, api: Bool) async throws -> TestResponse {
        if api {
            let body: Data? = [.POST, .PUT].contains(method) ? Data("{}".utf8) : nil
            return try await t.request(method, pad, sleutel: sleutels[rol], body: body)
        }
        let b = browsers[rol]!
        return method == .GET ? try await b.get(pad) : try await b.post(pad, [:])
    }
}
