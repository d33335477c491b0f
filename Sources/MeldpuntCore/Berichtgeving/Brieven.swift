import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDomain

/// Letters (issue 30): a melder who asked for post, or gave an address but no e-mail, gets a
/// letter for every message others get by e-mail. A letter may say what the page says (the
/// message, the next step, the outcome): it goes in a closed envelope to the melder's home, and
/// a person without internet cannot read the page.
extension Berichtgeving {
    /// How the melder hears from us.
    package enum Melderbereik: Sendable {
        case mail(Ontvanger)
        case brief(Taal)
    }

    /// A letter when the melder chose post and gave a full address; a mail when there is an
    /// e-mail address; else a letter to whatever address there is (it waits on the letters page
    /// until staff complete it); else nothing (staff phone).
    package static func bereik(uit invoer: MeldingInvoer) -> Melderbereik? {
        let taal = invoer.taal.flatMap(Taal.init(rawValue:)) ?? .nl
        let volledig = Briefpost.adresregels(invoer) != nil
        let enigAdres = !(invoer.melder?.adres ?? "").trimmingCharacters(in: .whitespaces).isEmpty
        if volledig && invoer.voorkeurKanaal == Contactkanaal.post.rawValue { return .brief(taal) }
        if let mail = melder(uit: invoer) { return .mail(mail) }
        return volledig || enigAdres ? .brief(taal) : nil
    }

    package func bereik(_ m: Melding, on db: any Database) async throws -> Melderbereik? {
        try await MeldingPersoonsgegevens.find(m.id, on: db).flatMap { Self.bereik(uit: try $0.invoer()) }
    }

    /// Writes the letter with the change that causes it; staff print it from the letters page.
    package func brief(_ m: Melding, taal: Taal, onderwerp: Tekst, _ alineas: [Tekst], nu: Date, on db: any Database) async throws {
        let b = BriefRij()
        b.id = UUID.v7(nu)
        b.$melding.id = try m.requireID()
        b.taal = taal
        b.onderwerp = onderwerp.tekst(taal)
        b.alineas = String(decoding: try JSONEncoder.compact.encode(alineas.map { $0.tekst(taal) }), as: UTF8.self)
        b.aangemaaktOp = nu
        try await b.create(on: db)
    }

    /// A text typed by staff, the same in either language.
    static func letterlijk(_ s: String) -> Tekst { Tekst(s, s) }

    // MARK: The letters' texts (B1: short sentences, "u", what happens and what the melder can do)

    func ontvangenBrief(_ m: Melding, taal: Taal, statuslink: String, nu: Date, on db: any Database) async throws {
        try await brief(m, taal: taal, onderwerp: Tekst("Wij hebben uw melding ontvangen", "We have received your report"), [
            Tekst("Bedankt voor uw melding. Uw zaaknummer is \(m.zaaknummer). Noem dit nummer als u ons belt of schrijft.",
                  "Thank you for your report. Your case number is \(m.zaaknummer). Please mention this number when you call or write to us."),
            Tekst("Wij nemen uiterlijk \(Self.dag(m.eersteContactUiterlijk, .nl)) contact met u op. Samen kijken we wat er fout is en wie het kan herstellen.",
                  "We will contact you by \(Self.dag(m.eersteContactUiterlijk, .en)). Together we will look at what is wrong and who can fix it."),
            Tekst("Wij sturen u een brief als er iets verandert aan uw melding. U hoeft daarvoor niets te doen.",
                  "We will send you a letter when something changes about your report. You do not need to do anything for that."),
            Tekst("Heeft u internet? Dan kunt u ook zelf zien hoe het met uw melding gaat. Typ dit adres in uw browser:\n\(publiekeUrl + statuslink)\nDit adres is alleen voor u. Geef het niet aan anderen.",
                  "Do you have internet? Then you can also see for yourself how your report is doing. Type this address into your browser:\n\(publiekeUrl + statuslink)\nThis address is for you alone. Do not give it to others."),
        ], nu: nu, on: db)
    }

    /// The letter of a step, with what the page shows of it.
    func stapBrief(_ m: Melding, _ soort: Gebeurtenissoort, taal: Taal, tekst: String?, datum: Dag?, nu: Date, on db: any Database) async throws {
        let t = tekst.map(Self.letterlijk)
        switch soort {
        case .gesloten:
            try await brief(m, taal: taal, onderwerp: Tekst("Uw melding is afgerond", "Your report has been completed"), [
                Tekst("Wij hebben uw melding \(m.zaaknummer) afgerond. Dit is wat er is gebeurd:", "We have completed your report \(m.zaaknummer). This is what happened:"),
            ] + (t.map { [$0] } ?? []) + [
                Tekst("Wilt u ons laten weten hoe tevreden u bent? Bel ons, of geef een cijfer op uw pagina op internet.",
                      "Would you tell us how satisfied you are? Call us, or give a mark on your page on the internet."),
            ], nu: nu, on: db)
        case .heropend:
            try await brief(m, taal: taal, onderwerp: Tekst("Uw melding is weer geopend", "Your report has been opened again"), [
                Tekst("Wij hebben uw melding \(m.zaaknummer) weer geopend. Wij gaan er opnieuw mee aan de slag. Dit is de reden:",
                      "We have opened your report \(m.zaaknummer) again. We are working on it once more. This is the reason:"),
            ] + (t.map { [$0] } ?? []) + [
                Tekst("Wij laten u weten wat er verder gebeurt.", "We will let you know what happens next."),
            ], nu: nu, on: db)
        case .berichtAanMelder:
            try await brief(m, taal: taal, onderwerp: Tekst("Een bericht over uw melding", "A message about your report"), [
                Tekst("Wij hebben een bericht voor u over uw melding \(m.zaaknummer):", "We have a message for you about your report \(m.zaaknummer):"),
            ] + (t.map { [$0] } ?? []), nu: nu, on: db)
        case .volgendeStap:
            try await brief(m, taal: taal, onderwerp: Tekst("Wat wij nu doen met uw melding", "What we are doing now with your report"), [
                Tekst("Dit is de volgende stap bij uw melding \(m.zaaknummer):", "This is the next step with your report \(m.zaaknummer):"),
            ] + (t.map { [$0] } ?? []) + (datum.map { [Tekst("Dit doen wij uiterlijk \(Self.dag($0, .nl)).", "We will do this by \(Self.dag($0, .en)).")] } ?? []),
            nu: nu, on: db)
        case .gevolgherstel:
            try await brief(m, taal: taal, onderwerp: Tekst("Nieuws over een gevolg van de fout", "News about a consequence of the error"), [
                Tekst("Er is iets veranderd aan een gevolg van de fout in uw melding \(m.zaaknummer), zoals een boete of een terugvordering.",
                      "Something changed about a consequence of the error in your report \(m.zaaknummer), such as a fine or a claim."),
            ] + (t.map { [$0] } ?? [Tekst("Wilt u weten wat er precies is veranderd? Bel ons.", "Would you like to know exactly what changed? Call us.")]),
            nu: nu, on: db)
        default:
            break
        }
    }

    func opschortingBrief(_ m: Melding, taal: Taal, organisatie: String, tot: Dag?, nu: Date, on db: any Database) async throws {
        try await brief(m, taal: taal, onderwerp: Tekst("Een gevolg van de fout is stilgezet", "A consequence of the error has been put on hold"), [
            Tekst("\(organisatie) heeft op ons verzoek een gevolg van de fout stilgezet, bijvoorbeeld een inning of een boete. Dat hoort bij uw melding \(m.zaaknummer).",
                  "At our request, \(organisatie) has put a consequence of the error on hold, for example a collection or a fine. This is part of your report \(m.zaaknummer)."),
            tot.map { Tekst("Dit geldt tot en met \(Self.dag($0, .nl)). Wij laten u weten wat er daarna gebeurt.", "This applies up to and including \(Self.dag($0, .en)). We will tell you what happens next.") }
                ?? Tekst("Wij laten u weten wanneer dit verandert.", "We will let you know when this changes."),
        ], nu: nu, on: db)
    }
}
