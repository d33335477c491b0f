import Foundation
import MeldpuntCore
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// After login: per role what needs this person now, as counts that link to the list holding them
/// and the first few items themselves.
struct StartpaginaController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("portaal", use: toon)
    }

    func toon(req: Request) async throws -> Response {
        let g = try req.vereisGebruiker()
        let t = Teksten.voor(req.taal)
        let vandaag = Dag(req.application.klok.nu())
        let inhoud: Startpagina
        switch g.rol {
        case .meldpunt: inhoud = try await meldpunt(req, Handelende(g), t, vandaag)
        case .bijhouder, .rni: inhoud = try await bijhouder(req, g, t, vandaag)
        case .afnemer: inhoud = try await afnemer(req, g, t)
        case .partner: inhoud = try await partner(req, Handelende(g), t)
        case .intermediair:
            _ = try ClientenWebController.intermediair(req)
            let (laatste, totaal) = try await req.meldingen.melderportaal.ingediend(door: g.organisatie, gebruiker: g.id, pagina: 1, grootte: 8)
            inhoud = Startpagina(tellers: [Teller(aantal: totaal, tekst: t.tekst("clientenTotaal"), href: "/clienten", dringend: false)],
                                 lijstTitel: t.tekst("clientenTitel"),
                                 lijst: laatste.map { i in
                                     Item(href: "/clienten/\(i.zaaknummer)", titel: "\(i.zaaknummer) · \(i.client ?? t.tekst("mfoGewist"))",
                                          detail: t.tekst("fase_\(i.fase.rawValue)"), teLaat: false, tekst: i.volgendeStap?.tekst)
                                 },
                                 leegTekst: t.tekst("clientenGeen"),
                                 links: [Keuze(waarde: "/clienten", naam: t.tekst("navClienten")), Keuze(waarde: "/melden", naam: t.tekst("navMeldenVoorClient"))])
        case .privacy:
            inhoud = Startpagina(tellers: [], lijstTitel: nil, lijst: [], leegTekst: "",
                                 links: [Keuze(waarde: "/privacy/inzage", naam: t.tekst("inzageZoekenTitel")), Keuze(waarde: "/privacy/verwerkingsactiviteiten", naam: t.tekst("verwerkingsactiviteitenTitel"))])
        case .beheerder, .systeembeheerder:
            // The partner register only where it is theirs to keep (as in the menu).
            let partners = GebruikerWeergave(g).partners ? [Keuze(waarde: "/partners", naam: t.tekst("navPartners"))] : []
            inhoud = Startpagina(tellers: [], lijstTitel: nil, lijst: [], leegTekst: "",
                                 links: [Keuze(waarde: "/beheer", naam: t.tekst("beheer"))] + partners)
        }
        return try await req.pagina("portaal", titel: "welkom", inhoud: inhoud)
    }

    private func meldpunt(_ req: Request, _ g: Handelende, _ t: [String: String], _ vandaag: Dag) async throws -> Startpagina {
        typealias Map = MeldingenWebController.Map
        let mappen: [(Map, String, Bool)] = [
            (.ongelezen, "startOngelezen", true), (.contactVandaag, "startContactVandaag", true), (.teLaat, "startContactTeLaat", true),
            (.verzoekTeLaat, "startVerzoekTeLaat", true), (.nieuw, "startNieuw", false), (.mijn, "startMijn", false),
        ]
        let aantallen = try await req.meldingen.overzicht.aantallen(mappen.map { $0.0.filter(g, vandaag: vandaag) }, door: g)
        // First what the melder was promised: a first contact that is overdue or due today (news
        // piling up after a weekend must not push these off the list), then news since staff
        // looked, then new intake; each item says why it is there.
        // A case with two reasons (overdue and news from the melder) shows both.
        var eerst: [(MeldingSamenvattingDTO, [String])] = []
        for (map, waarom) in [(Map.teLaat, "startWaaromTeLaat"), (.contactVandaag, "startWaaromVandaag"), (.ongelezen, "startWaaromOngelezen"),
                              (.nieuw, "startWaaromNieuw")] where map != .nieuw || eerst.count < 8 {
            var f = map.filter(g, vandaag: vandaag)
            f.paginagrootte = 8
            for s in try await req.meldingen.overzicht.werkvoorraad(f, door: g).items {
                if let i = eerst.firstIndex(where: { $0.0.zaaknummer == s.zaaknummer }) {
                    if map != .nieuw { eerst[i].1.append(waarom) }
                } else if eerst.count < 8 {
                    eerst.append((s, [waarom]))
                }
            }
        }
        return Startpagina(
            tellers: zip(mappen, aantallen).map { m, n in
                Teller(aantal: n, tekst: t.tekst(m.1), href: "/meldingen?map=\(m.0.rawValue)", dringend: m.2 && n > 0)
            },
            lijstTitel: t.tekst("startEerstTeDoen"),
            lijst: eerst.prefix(8).map { s, waarom in
                Item(href: "/meldingen/\(s.zaaknummer)", titel: "\(s.zaaknummer) · \(s.naam ?? t.tekst("mfoGewist"))",
                     detail: waarom.map { t.tekst($0) }.joined(separator: " · "), teLaat: s.contactTermijnOverschreden, tekst: s.omschrijving)
            },
            leegTekst: t.tekst("startNietsDringends"),
            links: [Keuze(waarde: "/meldingen", naam: t.tekst("naarWerkvoorraad")), Keuze(waarde: "/signalen", naam: t.tekst("navSignalen"))])
    }

    private func bijhouder(_ req: Request, _ g: GebruikerDTO, _ t: [String: String], _ vandaag: Dag) async throws -> Startpagina {
        let s = req.terugmeldingen
        let nieuw = TerugmeldingService.Filter(richting: .ontvangen, statussen: [.gemeld])
        var teLaat = nieuw
        teLaat.termijnOverschreden = true
        var bijna = nieuw
        bijna.bijnaTeLaatTot = (try? req.application.kalender.plusWerkdagen(1, na: vandaag)) ?? vandaag
        var lijst = nieuw
        lijst.paginagrootte = 8
        // The folder's page also gives its size (from the kept counts, not a count over the table).
        let pagina = try await s.lijst(lijst, voor: g.organisatie)
        let eerste = pagina.items
        let aantalNieuw = if let n = pagina.totaal { n } else { try await s.aantal(nieuw, voor: g.organisatie) }
        return Startpagina(
            tellers: [
                Teller(aantal: try await s.aantal(teLaat, voor: g.organisatie), tekst: t.tekst("startTmTeLaat"), href: "/terugmeldingen?map=nieuw&teLaat=1", dringend: true),
                Teller(aantal: try await s.aantal(bijna, voor: g.organisatie), tekst: t.tekst("startTmBijnaTeLaat"), href: "/terugmeldingen?map=nieuw", dringend: true),
                Teller(aantal: aantalNieuw, tekst: t.tekst("startTmNieuw"), href: "/terugmeldingen?map=nieuw", dringend: false),
            ].map { Teller(aantal: $0.aantal, tekst: $0.tekst, href: $0.href, dringend: $0.dringend && $0.aantal > 0) },
            lijstTitel: t.tekst("startOudsteNieuwe"),
            lijst: eerste.map { i in
                Item(href: "/terugmeldingen/\(i.terugMeldingReferentie)", titel: "\(i.afnemer.naam) · \(i.registratie)",
                     detail: t.tekst(g.rol == .rni ? "startDoorsturenUiterlijk" : "startOppakkenUiterlijk") + " " + Datumweergave.voluit(i.uiterlijkInBehandelingOp, req.taal),
                     teLaat: i.termijnOverschreden,
                     tekst: i.toelichtingBegin.isEmpty ? nil : i.toelichtingBegin)
            },
            leegTekst: t.tekst("startGeenNieuwe"),
            links: [Keuze(waarde: "/terugmeldingen", naam: t.tekst("terugmeldingen")), Keuze(waarde: "/ontvangen-signalen", naam: t.tekst("navSignalen"))])
    }

    private func afnemer(_ req: Request, _ g: GebruikerDTO, _ t: [String: String]) async throws -> Startpagina {
        let s = req.terugmeldingen
        let beantwoord = TerugmeldingService.Filter(richting: .verzonden, statussen: [.afgehandeld, .onvoldoendeInformatie])
        let lopend = TerugmeldingService.Filter(richting: .verzonden, statussen: [.gemeld, .inBehandeling, .ingepland])
        var lijst = beantwoord
        lijst.paginagrootte = 8
        let laatste = try await s.lijst(lijst, voor: g.organisatie).items
        return Startpagina(
            tellers: [
                Teller(aantal: try await s.aantal(beantwoord, voor: g.organisatie), tekst: t.tekst("startTmBeantwoord"), href: "/terugmeldingen?map=archief", dringend: false),
                Teller(aantal: try await s.aantal(lopend, voor: g.organisatie), tekst: t.tekst("startTmLopend"), href: "/terugmeldingen?map=alle", dringend: false),
            ],
            lijstTitel: t.tekst("startLaatsteAntwoorden"),
            lijst: laatste.map { i in
                Item(href: "/terugmeldingen/\(i.terugMeldingReferentie)", titel: "\(i.bijhouder.naam) · \(i.registratie)",
                     detail: "\(i.status.naam(req.taal)) · \(i.referentieKenmerk ?? String(i.terugMeldingReferentie.prefix(8)))", teLaat: false)
            },
            leegTekst: t.tekst("startGeenAntwoorden"),
            links: [Keuze(waarde: "/terugmeldingen/nieuw", naam: t.tekst("nieuweTerugmelding")), Keuze(waarde: "/terugmeldingen", naam: t.tekst("terugmeldingen"))])
    }

    private func partner(_ req: Request, _ g: Handelende, _ t: [String: String]) async throws -> Startpagina {
        let werk = try await req.meldingen.partnerportaal.werkVoorPartner(eerst: 8, door: g)
        return Startpagina(
            tellers: [
                Teller(aantal: werk.teLaat, tekst: t.tekst("startVzTeLaat"), href: "/verzoeken", dringend: werk.teLaat > 0),
                Teller(aantal: werk.nieuw, tekst: t.tekst("startVzNieuw"), href: "/verzoeken", dringend: werk.nieuw > 0),
                Teller(aantal: werk.open, tekst: t.tekst("startVzOpen"), href: "/verzoeken", dringend: false),
            ],
            lijstTitel: t.tekst("startEerstTeDoen"),
            lijst: werk.eerst.map { v in
                Item(href: "/verzoeken/\(v.id)", titel: "\(t.naam("verzoekSoort", v.soort)) · \(v.zaaknummer)",
                     detail: v.uiterlijk.map { t.tekst("startAntwoordUiterlijk") + " " + Datumweergave.voluit($0, req.taal) } ?? t.naam("verzoekStatus", v.status),
                     teLaat: v.termijnOverschreden)
            },
            leegTekst: t.tekst("startGeenVerzoeken"),
            links: [Keuze(waarde: "/verzoeken", naam: t.tekst("navVerzoeken")), Keuze(waarde: "/ontvangen-signalen", naam: t.tekst("navSignalen"))])
    }
}
