import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain

/// Who hears of what (issue 12): each occurrence written into the outbox with the change that
/// causes it. Mails say what happened and link to the page; the page has the details. They
/// never carry a BSN, a name, or a text someone typed.
extension Berichtgeving {
    /// A person's address, language and choice between each mail at once or a morning summary.
    package struct Ontvanger: Sendable {
        package let adres: String
        package let taal: Taal
        package let bezorging: Bezorgwijze
        /// Whose beheer sees the mail in the outbox.
        package let organisatie: UUID?
        /// Where they choose how they get mail.
        package var instellingen = Webadres.account.pad
    }

    // MARK: Terugmeldingen

    /// A terugmelding arrived in the inbox of `bijhouder` (filed, or forwarded to it).
    /// The outbox rows for it, for the caller to insert with the terugmelding (`db` is only read).
    package func terugmeldingAangekomen(_ tm: Terugmelding, bij bijhouder: Organisatie, doorgestuurd: Bool, nu: Date, on db: any Database) async throws -> [UitgaandBericht] {
        let id = try tm.requireID()
        var berichten: [UitgaandBericht] = []
        if let adres = bijhouder.meldingEmail,
           let b = try mailBericht(aan: adres, taal: .nl, Self.tekst(.nl,
                    onderwerp: Tekst("Nieuwe terugmelding in uw inbox", "New data report in your inbox"),
                    [doorgestuurd ? Tekst("Een andere bronhouder heeft een terugmelding naar uw gemeente doorgestuurd.", "Another keeper forwarded a data report to your municipality.")
                                  : Tekst("Een afnemer twijfelt aan een gegeven in de \(tm.registratie) en heeft een terugmelding aan uw gemeente gestuurd.",
                                          "A user of the \(tm.registratie) doubts a data item and sent a data report to your municipality."),
                     Tekst("Neem de terugmelding uiterlijk \(Self.dag(tm.uiterlijkInBehandelingOp, .nl)) in behandeling.",
                           "Take the report into handling by \(Self.dag(tm.uiterlijkInBehandelingOp, .en)).")],
                    link: Webadres.terugmelding(id).pad, linkTekst: Tekst("Bekijk de terugmelding (na inloggen)", "View the data report (after logging in)")),
                    bezorging: bijhouder.meldingBezorging, instellingen: Webadres.instellingen.pad, organisatie: bijhouder.id, nu: nu) {
            berichten.append(b)
        }
        return berichten + (try await terugmeldingGebeurtenis(tm, doorgestuurd ? .terugmeldingDoorgestuurd : .terugmeldingGemeld, nu: nu, on: db))
    }

    /// Every status change reaches the afnemer's contact address (as Digimelding does) and the systems.
    package func terugmeldingGewijzigd(_ tm: Terugmelding, status: TerugmeldingStatus, contact: String?, gebeurtenis: Bool = true, nu: Date, on db: any Database) async throws {
        let id = try tm.requireID()
        if let contact, status != .ingetrokken {
            let naam = status.naam(.nl)
            try await mail(aan: contact, taal: .nl, Self.tekst(.nl,
                onderwerp: Tekst("Terugmelding: status ‘\(naam)’", "Data report: status ‘\(status.naam(.en))’"),
                [Tekst("De status van uw terugmelding\(tm.referentiekenmerk.map { " met uw kenmerk \($0)" } ?? "") is nu ‘\(naam)’.",
                       "The status of your data report is now ‘\(status.naam(.en))’."),
                 Tekst("De toelichting van de bronhouder staat bij de terugmelding.", "The keeper's explanation is with the data report.")],
                link: Webadres.terugmelding(id).pad, linkTekst: Tekst("Bekijk de terugmelding (na inloggen)", "View the data report (after logging in)")),
                organisatie: tm.$afnemer.id, nu: nu, on: db)
        }
        if gebeurtenis {
            for b in try await terugmeldingGebeurtenis(tm, status == .ingetrokken ? .terugmeldingIngetrokken : .terugmeldingStatusGewijzigd, nu: nu, on: db) {
                try await b.create(on: db)
            }
        }
    }

    /// The working day before the pick-up deadline, and the day after it passed.
    package func terugmeldingTermijn(_ tm: Terugmelding, verstreken: Bool, nu: Date, on db: any Database) async throws {
        guard let bijhouder = try await Organisatie.find(tm.$bijhouder.id, on: db), let adres = bijhouder.meldingEmail else { return }
        let d = tm.uiterlijkInBehandelingOp
        try await mail(aan: adres, taal: .nl, Self.tekst(.nl,
            onderwerp: verstreken ? Tekst("Termijn verstreken: terugmelding niet in behandeling genomen", "Deadline passed: data report not taken into handling")
                                  : Tekst("Herinnering: terugmelding uiterlijk \(Self.dag(d, .nl)) in behandeling nemen", "Reminder: take the data report into handling by \(Self.dag(d, .en))"),
            [verstreken ? Tekst("Een terugmelding in uw inbox had uiterlijk \(Self.dag(d, .nl)) in behandeling genomen moeten worden. Neem haar zo snel mogelijk in behandeling.",
                                "A data report in your inbox should have been taken into handling by \(Self.dag(d, .en)). Please do so as soon as possible.")
                        : Tekst("Een terugmelding in uw inbox moet uiterlijk \(Self.dag(d, .nl)) in behandeling genomen worden (5 werkdagen na ontvangst).",
                                "A data report in your inbox must be taken into handling by \(Self.dag(d, .en)) (5 working days after receipt).")],
            link: Webadres.terugmelding(try tm.requireID()).pad, linkTekst: Tekst("Bekijk de terugmelding (na inloggen)", "View the data report (after logging in)")),
            organisatie: bijhouder.id, nu: nu, on: db)
    }

    private func terugmeldingGebeurtenis(_ tm: Terugmelding, _ voorval: Voorval, nu: Date, on db: any Database) async throws -> [UitgaandBericht] {
        let id = try tm.requireID().tekst
        let pad = APIAdres.terugmelding(try tm.requireID())
        return try await gebeurtenisBerichten(voorval, object: id, kenmerken: {
            let bijhouder = try await Organisatie.find(tm.$bijhouder.id, on: db)
            let afnemer = try await Organisatie.find(tm.$afnemer.id, on: db)
            return ["status": tm.status.rawValue, "registratie": tm.registratie,
                    "bronhouder": bijhouder?.gemeentecode ?? bijhouder?.oin ?? "", "afnemer": afnemer?.oin ?? ""]
        }, lezers: [Lezer(organisatie: tm.$afnemer.id, resource: pad), Lezer(organisatie: tm.$bijhouder.id, resource: pad)], nu: nu, on: db)
    }

    // MARK: Meldingen

    /// A new melding: the melder's confirmation with the private link, staff, and the systems.
    package func meldingOntvangen(_ m: Melding, melder bereik: Melderbereik?, statuslink: String, nu: Date, on db: any Database) async throws {
        if case .brief(let taal)? = bereik {
            try await ontvangenBrief(m, taal: taal, statuslink: statuslink, nu: nu, on: db)
        }
        if case .mail(let melder)? = bereik {
            let t = melder.taal
            try await mail(aan: melder.adres, taal: t, Self.tekst(t,
                onderwerp: Tekst("Wij hebben uw melding ontvangen (\(m.zaaknummer))", "We have received your report (\(m.zaaknummer))"),
                [Tekst("Bedankt voor uw melding. Uw zaaknummer is \(m.zaaknummer).", "Thank you for your report. Your case number is \(m.zaaknummer)."),
                 Tekst("Wij nemen uiterlijk \(Self.dag(m.eersteContactUiterlijk, .nl)) persoonlijk contact met u op. Samen kijken we wat er fout is en wie het kan herstellen.",
                       "We will contact you in person by \(Self.dag(m.eersteContactUiterlijk, .en)). Together we will look at what is wrong and who can fix it."),
                 Tekst("Met de link hieronder ziet u steeds hoe het met uw melding gaat. Bewaar deze e-mail: de link is alleen voor u. Geef hem niet aan anderen.",
                       "With the link below you can always see how your report is doing. Keep this email: the link is for you alone. Do not share it."),
                 // The site, not a second deep link: the one link in this mail is the melder's own.
                 Tekst("Bent u de link later kwijt? Op \(publiekeUrl) vraagt u een nieuwe aan.",
                       "Lost the link later on? You can ask for a new one at \(publiekeUrl).")],
                link: statuslink, linkTekst: Tekst("Bekijk uw melding", "View your report")),
                melding: m.id, organisatie: nil, voorMelder: true, nu: nu, on: db)
        }
        for team in try await teamadressen(on: db) {
            try await mail(aan: team.adres, taal: team.taal, Self.tekst(team.taal,
                onderwerp: Tekst("Nieuwe melding \(m.zaaknummer)", "New report \(m.zaaknummer)"),
                [Tekst("Er is een nieuwe melding binnengekomen. Neem uiterlijk \(Self.dag(m.eersteContactUiterlijk, .nl)) persoonlijk contact op met de melder.",
                       "A new report has come in. Contact the reporter in person by \(Self.dag(m.eersteContactUiterlijk, .en)).")],
                link: Webadres.melding(zaaknummer: m.zaaknummer).pad, linkTekst: Tekst("Open de melding (na inloggen)", "Open the report (after logging in)")),
                bezorging: team.bezorging, instellingen: team.instellingen, melding: m.id, organisatie: team.organisatie, nu: nu, on: db)
        }
        try await meldingGebeurtenis(m, .meldingNieuw, nu: nu, on: db)
    }

    /// A new private link the melder asked for on the public page.
    package func nieuweLink(_ m: Melding, melder: Ontvanger, statuslink: String, nu: Date, on db: any Database) async throws {
        let t = melder.taal
        try await mail(aan: melder.adres, taal: t, Self.tekst(t,
            onderwerp: Tekst("Uw nieuwe link voor melding \(m.zaaknummer)", "Your new link for report \(m.zaaknummer)"),
            [Tekst("U vroeg een nieuwe link aan voor uw melding \(m.zaaknummer). De oude link werkt niet meer.",
                   "You asked for a new link for your report \(m.zaaknummer). The old link no longer works."),
             Tekst("Heeft u dit niet zelf gevraagd? Dan kunt u deze e-mail negeren; alleen wie deze e-mail heeft, kan de link gebruiken.",
                   "Did you not ask for this yourself? Then you can ignore this email; only someone with this email can use the link.")],
            link: statuslink, linkTekst: Tekst("Bekijk uw melding", "View your report")),
            melding: m.id, organisatie: nil, voorMelder: true, nu: nu, on: db)
    }

    /// What a step on the case's timeline means for the melder, staff and systems.
    /// `tekst` and `datum`: what the step shows the melder, for a letter.
    package func kondigAan(_ m: Melding, _ soort: Gebeurtenissoort, tekst: String? = nil, datum: Dag? = nil, nu: Date, on db: any Database) async throws {
        if [.gesloten, .heropend, .berichtAanMelder, .volgendeStap, .gevolgherstel].contains(soort), case .brief(let taal)? = try await bereik(m, on: db) {
            try await stapBrief(m, soort, taal: taal, tekst: tekst, datum: datum, nu: nu, on: db)
        }
        switch soort {
        case .statusGewijzigd:
            try await meldingGebeurtenis(m, .meldingStatusGewijzigd, nu: nu, on: db)
        case .gesloten:
            try await aanMelder(m, onderwerp: Tekst("Uw melding \(m.zaaknummer) is afgerond", "Your report \(m.zaaknummer) has been completed"),
                                [Tekst("Wij hebben uw melding afgerond. Op uw pagina leest u wat er is gebeurd.", "We have completed your report. Your page says what happened."),
                                 Tekst("Wilt u ons laten weten hoe tevreden u bent? Dat kan op dezelfde pagina, met één vraag.",
                                       "Would you tell us how satisfied you are? You can do so on the same page, with one question.")], nu: nu, on: db)
            try await meldingGebeurtenis(m, .meldingGesloten, nu: nu, on: db)
        case .toestemmingIngetrokken:
            try await meldingGebeurtenis(m, .meldingGesloten, nu: nu, on: db)
        case .heropend:
            try await aanMelder(m, onderwerp: Tekst("Uw melding \(m.zaaknummer) is weer geopend", "Your report \(m.zaaknummer) has been opened again"),
                                [Tekst("Wij hebben uw melding weer geopend en gaan er opnieuw mee aan de slag. Op uw pagina leest u waarom.",
                                       "We have opened your report again and are working on it once more. Your page says why.")], nu: nu, on: db)
        case .berichtAanMelder:
            try await aanMelder(m, onderwerp: Tekst("Nieuw bericht over uw melding \(m.zaaknummer)", "New message about your report \(m.zaaknummer)"),
                                [Tekst("Het meldpunt heeft u een bericht gestuurd. U leest het op uw pagina.", "The meldpunt sent you a message. You can read it on your page.")], nu: nu, on: db)
        case .volgendeStap:
            try await aanMelder(m, onderwerp: Tekst("Wat wij nu doen met uw melding \(m.zaaknummer)", "What we are doing now with your report \(m.zaaknummer)"),
                                [Tekst("Wij hebben opgeschreven wat de volgende stap is en wanneer. U leest het op uw pagina.",
                                       "We have written down what the next step is and when. You can read it on your page.")], nu: nu, on: db)
        case .berichtVanMelder:
            try await aanStaf(m, Tekst("De melder schreef een bericht", "The reporter wrote a message"), nu: nu, on: db)
        case .bijlageVanMelder:
            try await aanStaf(m, Tekst("De melder stuurde een bestand", "The reporter sent a file"), nu: nu, on: db)
        case .beoordeling:
            try await aanStaf(m, Tekst("De melder gaf een beoordeling", "The reporter gave a rating"), nu: nu, on: db)
        case .gevolgherstel:
            try await aanMelder(m, onderwerp: Tekst("Nieuws over een gevolg van uw melding \(m.zaaknummer)", "News about a consequence of your report \(m.zaaknummer)"),
                                [Tekst("Er is iets veranderd aan een gevolg van de fout, zoals een boete of een terugvordering. Op uw pagina leest u wat.",
                                       "Something changed about a consequence of the error, such as a fine or a claim. Your page says what.")], nu: nu, on: db)
        default:
            break
        }
    }

    /// The melder hears of a step; later mails cannot carry the private link (only its hash is kept).
    /// A melder who gets letters has had theirs written already.
    private func aanMelder(_ m: Melding, onderwerp: Tekst, _ alineas: [Tekst], nu: Date, on db: any Database) async throws {
        guard case .mail(let melder)? = try await bereik(m, on: db) else { return }
        let t = melder.taal
        try await mail(aan: melder.adres, taal: t, Self.tekst(t, onderwerp: onderwerp, alineas + [
            Tekst("Open uw pagina met de link uit de bevestiging van uw melding. Bent u die kwijt? Vraag een nieuwe link aan:",
                  "Open your page with the link from the confirmation of your report. Lost it? Ask for a new link:"),
        ], link: Webadres.statusKwijt.pad, linkTekst: Tekst("Nieuwe link aanvragen", "Ask for a new link")),
            melding: m.id, organisatie: nil, voorMelder: true, nu: nu, on: db)
    }

    /// The case's behandelaar hears of it, or the meldpunt's team address while there is none;
    /// the case shows as unread on the werkvoorraad either way.
    package func aanStaf(_ m: Melding, _ wat: Tekst, nu: Date, on db: any Database) async throws {
        m.ongelezen = true
        var ontvangers: [Ontvanger] = []
        if let id = m.$behandelaar.id, let g = try await Gebruiker.find(id, on: db), g.actief {
            ontvangers = [Ontvanger(adres: g.email, taal: g.taal, bezorging: g.bezorging, organisatie: g.$organisatie.id)]
        } else {
            ontvangers = try await teamadressen(on: db)
        }
        for o in ontvangers {
            try await mail(aan: o.adres, taal: o.taal, Self.tekst(o.taal,
                onderwerp: Tekst("\(wat.nl): \(m.zaaknummer)", "\(wat.en): \(m.zaaknummer)"),
                [Tekst("\(wat.nl) bij melding \(m.zaaknummer).", "\(wat.en) on report \(m.zaaknummer).")],
                link: Webadres.melding(zaaknummer: m.zaaknummer).pad, linkTekst: Tekst("Open de melding (na inloggen)", "Open the report (after logging in)")),
                bezorging: o.bezorging, instellingen: o.instellingen, melding: m.id, organisatie: o.organisatie, nu: nu, on: db)
        }
    }

    /// The same from the stored melding; nil once its personal data is erased.
    package static func melder(uit p: MeldingPersoonsgegevens?) throws -> Ontvanger? {
        try p.flatMap { melder(uit: try $0.invoer()) }
    }

    /// The same from what the melder sent.
    package static func melder(uit invoer: MeldingInvoer) -> Ontvanger? {
        guard let adres = invoer.melder?.email, !adres.isEmpty else { return nil }
        return Ontvanger(adres: adres, taal: invoer.taal.flatMap(Taal.init(rawValue:)) ?? .nl, bezorging: .direct, organisatie: nil)
    }

    /// The notification addresses of the organisations that run the meldpunt.
    func teamadressen(on db: any Database) async throws -> [Ontvanger] {
        try await Organisatie.query(on: db).filter(\.$rollenTekst ~~ ",meldpunt,").filter(\.$meldingEmail != nil).all().compactMap { o in
            o.meldingEmail.map { Ontvanger(adres: $0, taal: .nl, bezorging: o.meldingBezorging, organisatie: o.id, instellingen: Webadres.instellingen.pad) }
        }
    }

    private func meldingGebeurtenis(_ m: Melding, _ voorval: Voorval, nu: Date, on db: any Database) async throws {
        let pad = APIAdres.melding(zaaknummer: m.zaaknummer)
        var lezers = try await Organisatie.query(on: db).filter(\.$rollenTekst ~~ ",meldpunt,").all().compactMap { o in
            o.id.map { Lezer(organisatie: $0, resource: pad) }
        }
        if let indiener = m.$ingediendDoor.id { lezers.append(Lezer(organisatie: indiener, resource: pad)) }
        try await gebeurtenis(voorval, object: m.zaaknummer, kenmerken: { ["status": m.status.rawValue] }, lezers: lezers, nu: nu, on: db)
    }

    // MARK: Requests to partners

    /// A step in a request's thread: the partner's contact person, staff, the melder and systems.
    package func kondigAan(_ v: Verzoek, _ m: Melding, _ soort: Verzoekstapsoort, kant: Verzoekpartij, nu: Date, on db: any Database) async throws {
        let vanPartner = kant == .partner
        switch soort {
        case .verzonden:
            try await aanPartner(v, Tekst("Nieuw verzoek van het Meldpunt", "New request from the Meldpunt"),
                                 Tekst("Het Meldpunt Fouten in Overheidsregistraties vraagt uw organisatie om hulp bij een melding.",
                                       "The Meldpunt Fouten in Overheidsregistraties asks your organisation for help with a report."), nu: nu, on: db)
            try await verzoekGebeurtenis(v, m, .verzoekNieuw, nu: nu, on: db)
        case .geescaleerd:
            try await aanPartner(v, Tekst("Verzoek van het Meldpunt opgeschaald naar uw niveau", "Request from the Meldpunt escalated to your level"),
                                 Tekst("Een verzoek aan uw organisatie is niet op tijd opgelost en is nu aan u voorgelegd (niveau: \(Self.niveau(v.niveau).nl)).",
                                       "A request to your organisation was not solved in time and has now been put to you (level: \(Self.niveau(v.niveau).en))."), nu: nu, on: db)
            if vanPartner { try await aanStaf(m, Tekst("Een partner ging akkoord met escaleren", "A partner agreed to escalate"), nu: nu, on: db) }
            try await verzoekGebeurtenis(v, m, .verzoekGeescaleerd, nu: nu, on: db)
        case .escalatieVoorgesteld:
            if vanPartner {
                try await aanStaf(m, Tekst("Een partner stelt voor een verzoek te escaleren", "A partner proposes to escalate a request"), nu: nu, on: db)
            } else {
                let tot = v.escalatieVoorstelUiterlijk.map { (Self.dag($0, .nl), Self.dag($0, .en)) } ?? ("", "")
                try await aanPartner(v, Tekst("Het Meldpunt stelt voor een verzoek te escaleren", "The Meldpunt proposes to escalate a request"),
                                     Tekst("Het Meldpunt stelt voor een verzoek aan uw organisatie een niveau hoger te leggen. Laat uiterlijk \(tot.0) weten of u akkoord bent.",
                                           "The Meldpunt proposes to raise a request to your organisation one level. Please say by \(tot.1) whether you agree."),
                                     direct: true, nu: nu, on: db)
            }
        case .escalatieAfgewezen:
            if vanPartner {
                try await aanStaf(m, Tekst("Een partner is niet akkoord met escaleren", "A partner does not agree to escalate"), nu: nu, on: db)
            } else {
                try await aanPartner(v, Tekst("Het Meldpunt is niet akkoord met escaleren", "The Meldpunt does not agree to escalate"),
                                     Tekst("Het Meldpunt gaat niet akkoord met uw voorstel om een verzoek te escaleren. De reden staat bij het verzoek.",
                                           "The Meldpunt does not agree with your proposal to escalate a request. The reason is with the request."), nu: nu, on: db)
            }
        case .bericht, .verslag, .bijlage, .termijn:
            if vanPartner {
                try await aanStaf(m, Tekst("Een partner reageerde op een verzoek", "A partner responded to a request"), nu: nu, on: db)
            } else if soort != .verslag {
                try await aanPartner(v, Tekst("Nieuw bericht van het Meldpunt over een verzoek", "New message from the Meldpunt about a request"),
                                     Tekst("Het Meldpunt heeft iets toegevoegd aan een verzoek aan uw organisatie.",
                                           "The Meldpunt added something to a request to your organisation."), nu: nu, on: db)
            }
        case .geaccepteerd, .afgewezen, .uitgevoerd:
            try await aanStaf(m, Tekst("Een partner beantwoordde een verzoek", "A partner answered a request"), nu: nu, on: db)
            try await verzoekGebeurtenis(v, m, .verzoekBeantwoord, nu: nu, on: db)
            if soort == .uitgevoerd && v.soort == .opschorting {
                if case .brief(let taal)? = try await bereik(m, on: db) {
                    let organisatie = try await Organisatie.find(v.$organisatie.id, on: db)?.naam ?? ""
                    try await opschortingBrief(m, taal: taal, organisatie: organisatie, tot: v.opschortingTot, nu: nu, on: db)
                }
                try await aanMelder(m, onderwerp: Tekst("Een gevolg van uw melding is stilgezet", "A consequence of your report has been put on hold"),
                                    [Tekst("Een organisatie heeft op ons verzoek een gevolg stilgezet. Op uw pagina ziet u welk en tot wanneer.",
                                           "An organisation has put a consequence on hold at our request. Your page shows which one and until when.")], nu: nu, on: db)
                try await verzoekGebeurtenis(v, m, .opschortingBevestigd, nu: nu, on: db)
            }
        case .opgeheven:
            try await aanStaf(m, Tekst("Een partner hief een opschorting op", "A partner lifted a suspension"), nu: nu, on: db)
            try await verzoekGebeurtenis(v, m, .opschortingOpgeheven, nu: nu, on: db)
        case .terugmeldingStatus:
            break
        }
    }

    /// The agreed day is the next working day, or has passed.
    package func verzoekTermijn(_ v: Verzoek, verstreken: Bool, nu: Date, on db: any Database) async throws {
        guard let d = v.uiterlijk, let m = try await Melding.find(v.$melding.id, on: db) else { return }
        try await aanPartner(v, verstreken ? Tekst("Termijn verstreken: verzoek van het Meldpunt", "Deadline passed: request from the Meldpunt")
                                           : Tekst("Herinnering: verzoek van het Meldpunt uiterlijk \(Self.dag(d, .nl))", "Reminder: request from the Meldpunt due \(Self.dag(d, .en))"),
                             verstreken ? Tekst("De afgesproken dag (\(Self.dag(d, .nl))) van een verzoek aan uw organisatie is voorbij.", "The agreed day (\(Self.dag(d, .en))) of a request to your organisation has passed.")
                                        : Tekst("Een verzoek aan uw organisatie moet uiterlijk \(Self.dag(d, .nl)) klaar zijn.", "A request to your organisation is due by \(Self.dag(d, .en))."),
                             direct: true, nu: nu, on: db)
        if verstreken {
            try await aanStaf(m, Tekst("Een verzoek is over de afgesproken dag", "A request is past its agreed day"), nu: nu, on: db)
            try await m.save(on: db)
            try await verzoekGebeurtenis(v, m, .verzoekVerlopen, nu: nu, on: db)
        }
    }

    /// The partner did not answer the meldpunt's proposal to escalate by its day.
    package func escalatievoorstelOnbeantwoord(_ v: Verzoek, nu: Date, on db: any Database) async throws {
        guard let m = try await Melding.find(v.$melding.id, on: db) else { return }
        try await aanStaf(m, Tekst("Geen antwoord op het voorstel om te escaleren; u kunt nu zelf escaleren", "No answer to the proposal to escalate; you may now escalate yourself"),
                          nu: nu, on: db)
        try await m.save(on: db)
    }

    func aanPartner(_ v: Verzoek, _ onderwerp: Tekst, _ wat: Tekst, direct: Bool = false, nu: Date, on db: any Database) async throws {
        guard let cid = v.$contactpersoon.id, let c = try await Contactpersoon.find(cid, on: db), c.actief, let adres = c.email else { return }
        let gebruiker: Gebruiker? = if let gid = c.$gebruiker.id { try await Gebruiker.find(gid, on: db) } else { nil }
        let taal = gebruiker?.taal ?? .nl
        try await mail(aan: adres, taal: taal, Self.tekst(taal, onderwerp: onderwerp, [wat,
            Tekst("Wat er gevraagd wordt en welke gegevens gedeeld zijn, leest u in het partnerportaal.",
                  "What is asked and which data are shared, you can read in the partner portal.")],
            link: Webadres.verzoek(try v.requireID()).pad, linkTekst: Tekst("Open het verzoek (na inloggen)", "Open the request (after logging in)")),
            bezorging: direct ? .direct : (gebruiker?.bezorging ?? .direct), organisatie: v.$organisatie.id, nu: nu, on: db)
    }

    private func verzoekGebeurtenis(_ v: Verzoek, _ m: Melding, _ voorval: Voorval, nu: Date, on db: any Database) async throws {
        let id = try v.requireID().tekst
        let meldpunt = APIAdres.verzoekVanMelding(zaaknummer: m.zaaknummer, verzoek: try v.requireID())
        var lezers = try await Organisatie.query(on: db).filter(\.$rollenTekst ~~ ",meldpunt,").all().compactMap { o in
            o.id.map { Lezer(organisatie: $0, resource: meldpunt, hoofdObject: .melding(zaaknummer: m.zaaknummer)) }
        }
        lezers.append(Lezer(organisatie: v.$organisatie.id, resource: .verzoek(try v.requireID())))
        try await gebeurtenis(voorval, object: id, kenmerken: {
            let partner = try await Organisatie.find(v.$organisatie.id, on: db)
            var kenmerken = ["organisatie": partner?.oin ?? ""]
            if voorval.kanaal == .opschortingen {
                kenmerken["actie"] = v.opschortingActie?.rawValue ?? ""
            } else {
                kenmerken["soort"] = v.soort.rawValue
                kenmerken["status"] = v.status.rawValue
                kenmerken["niveau"] = v.niveau.rawValue
            }
            return kenmerken
        }, lezers: lezers, nu: nu, on: db)
    }

    // MARK: Staff reminders

    /// First personal contact is due on the next working day and has not happened.
    package func contactnormNadert(_ m: Melding, nu: Date, on db: any Database) async throws {
        try await aanStaf(m, Tekst("Persoonlijk contact uiterlijk \(Self.dag(m.eersteContactUiterlijk, .nl))", "Personal contact due \(Self.dag(m.eersteContactUiterlijk, .en))"), nu: nu, on: db)
        try await m.save(on: db)
    }

    // MARK: Texts

    static func tekst(_ taal: Taal, onderwerp: Tekst, _ alineas: [Tekst], link: String? = nil, linkTekst: Tekst? = nil) -> Mailtekst {
        Mailtekst(onderwerp: onderwerp.tekst(taal), alineas: alineas.map { $0.tekst(taal) }, link: link, linkTekst: linkTekst?.tekst(taal))
    }

    static func niveau(_ n: Escalatieniveau) -> Tekst {
        switch n {
        case .operationeel: Tekst("operationeel", "operational")
        case .tactisch: Tekst("tactisch", "tactical")
        case .strategisch: Tekst("strategisch", "strategic")
        case .interdepartementaal: Tekst("interdepartementaal", "interdepartmental")
        }
    }

    /// A day as people read it: "4 december 2026", "4 December 2026".
    package static func dag(_ d: Dag, _ taal: Taal) -> String { Datumweergave.voluit(d, taal) }
}
