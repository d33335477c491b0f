import FluentKit
import Foundation
import MeldpuntAdressen
import MeldpuntDocumenten
import MeldpuntDomain

/// A letter in a list: what staff need to print and post it, no personal data.
package struct BriefDTO: Codable, Sendable, Equatable {
    package let id: String
    package let zaaknummer: String
    package let onderwerp: String
    package let taal: Taal
    package let aangemaaktOp: Date
    package let geprintOp: Date?
    package let geprintDoor: String?
    /// Street, postcode and place are all there: the letter can go in a window envelope.
    package let adresCompleet: Bool
    package let href: APIAdres
    package let pdf: APIAdres
}

/// A PDF of one or more letters.
package struct BriefPDF: Sendable {
    package let bytes: [UInt8]
    package let aantal: Int
    package let bestandsnaam: String
}

/// The letters staff print and post (issue 30): the list still to print, one letter or all of
/// them as a PDF, and marking them printed once they came out of the printer.
package struct Briefpost: Meldingwerk {
    package let zaken: MeldingService

    /// At most this many letters in one list or print run; the rest come in the next.
    package static let maxPerRonde = 200

    package enum Map: String, CaseIterable, Sendable {
        /// Not printed yet, oldest first.
        case teVersturen
        /// Printed, most recently printed first.
        case geprint
    }

    /// One page of a folder, with the folder's total.
    package func lijst(_ map: Map, pagina: Int, grootte: Int, door: Handelende) async throws -> ([BriefDTO], Int) {
        try zaken.vereisMeldpunt(door)
        let q = BriefRij.query(on: db)
        switch map {
        case .teVersturen: q.filter(\.$geprintOp == nil).sort(\.$aangemaaktOp).sort(\.$id)
        case .geprint: q.filter(\.$geprintOp != nil).sort(\.$geprintOp, .descending).sort(\.$id, .descending)
        }
        let totaal = try await q.copy().count()
        return (try await lijst(try await q.range(((pagina - 1) * grootte)..<(pagina * grootte)).all()), totaal)
    }

    package func brief(_ id: UUID, door: Handelende) async throws -> BriefDTO {
        try zaken.vereisMeldpunt(door)
        guard let r = try await BriefRij.find(id, on: db) else { throw Weigering.nietGevonden(.brief) }
        return try await lijst([r])[0]
    }

    /// Letters printed in the last 14 days, newest first: for printing one again.
    package func onlangsGeprint(door: Handelende) async throws -> [BriefDTO] {
        try zaken.vereisMeldpunt(door)
        let sinds = nu.addingTimeInterval(-14 * 86_400)
        let rijen = try await BriefRij.query(on: db).filter(\.$geprintOp >= sinds).sort(\.$geprintOp, .descending).limit(Self.maxPerRonde).all()
        return try await lijst(rijen)
    }

    /// The letters of one case, newest first.
    package func vanMelding(_ zaaknummer: Zaaknummer, door: Handelende) async throws -> [BriefDTO] {
        try zaken.vereisMeldpunt(door)
        let m = try await zaken.zoek(zaaknummer)
        return try await lijst(try await BriefRij.query(on: db).filter(\.$melding.$id == m.requireID()).sort(\.$aangemaaktOp, .descending).all())
    }

    private func lijst(_ rijen: [BriefRij]) async throws -> [BriefDTO] {
        let ids = Set(rijen.map { $0.$melding.id })
        guard !ids.isEmpty else { return [] }
        let meldingen = try await Melding.query(on: db).filter(\.$id ~~ Array(ids)).all()
        let nummers = Dictionary(meldingen.compactMap { m in m.id.map { ($0, m.zaaknummer) } }, uniquingKeysWith: { a, _ in a })
        let personen = try await MeldingPersoonsgegevens.query(on: db).filter(\.$id ~~ Array(ids)).all()
        var compleet: [UUID: Bool] = [:]
        for p in personen { if let id = p.id { compleet[id] = Self.adresregels(try p.invoer()) != nil } }
        return try rijen.map { r in
            BriefDTO(id: try r.requireID().tekst, zaaknummer: nummers[r.$melding.id] ?? "", onderwerp: r.onderwerp, taal: r.taal,
                     aangemaaktOp: r.aangemaaktOp, geprintOp: r.geprintOp, geprintDoor: r.geprintDoor, adresCompleet: compleet[r.$melding.id] ?? false,
                     href: .brief(try r.requireID()), pdf: .briefPdf(try r.requireID()))
        }
    }

    /// One letter as a PDF (also once printed: to print it again). Reading the address is logged.
    package func pdf(_ id: UUID, door: Handelende) async throws -> BriefPDF {
        try zaken.vereisMeldpunt(door)
        guard let r = try await BriefRij.find(id, on: db) else { throw Weigering.nietGevonden(.brief) }
        let pdf = try await maak([r], door: door)
        guard pdf.aantal == 1 else { throw Weigering.conflict(.adresOnvolledig) }
        return pdf
    }

    /// The letters still to print, oldest first: up to `maxPerRonde` with a complete address,
    /// and those waiting for one (read in pages, so letters without an address never hold up
    /// the others). `tot`: only letters made up to that moment (what the page listed).
    package func teVersturenPerAdres(tot: Date? = nil, door: Handelende) async throws -> (compleet: [BriefDTO], onvolledig: [BriefDTO]) {
        try zaken.vereisMeldpunt(door)
        var compleet: [BriefDTO] = [], onvolledig: [BriefDTO] = []
        var pagina = 0
        while compleet.count < Self.maxPerRonde {
            let q = BriefRij.query(on: db).filter(\.$geprintOp == nil)
            if let tot { q.filter(\.$aangemaaktOp <= tot) }
            let rijen = try await q.sort(\.$aangemaaktOp).sort(\.$id).range((pagina * 500)..<((pagina + 1) * 500)).all()
            for b in try await lijst(rijen) {
                if b.adresCompleet { if compleet.count < Self.maxPerRonde { compleet.append(b) } } else if onvolledig.count < Self.maxPerRonde { onvolledig.append(b) }
            }
            if rijen.count < 500 { break }
            pagina += 1
        }
        return (compleet, onvolledig)
    }

    /// Every letter still to print whose address is complete (made up to `tot`), in one PDF; nothing is marked.
    package func pdfTeVersturen(tot: Date? = nil, door: Handelende) async throws -> BriefPDF {
        let ids = try await teVersturenPerAdres(tot: tot, door: door).compleet.compactMap { UUID(uuidString: $0.id) }
        let rijen = ids.isEmpty ? [] : try await BriefRij.query(on: db).filter(\.$id ~~ ids).sort(\.$aangemaaktOp).sort(\.$id).all()
        return try await maak(rijen, door: door)
    }

    /// Marks letters printed (after they came out of the printer); already printed ones, and
    /// ones whose address is no longer complete (so not in the PDF), stay as they were. Once out,
    /// the confirmation's private link is taken out of the stored letter: only its hash stays
    /// anywhere, as for mail; a reprint tells the melder to call for a new link.
    package func markeerGeprint(_ ids: [UUID], door: Handelende) async throws -> Int {
        try zaken.vereisMeldpunt(door)
        guard !ids.isEmpty else { return 0 }
        let rijen = try await BriefRij.query(on: db).filter(\.$id ~~ ids).filter(\.$geprintOp == nil).all()
        let compleet = Set(try await lijst(rijen).filter(\.adresCompleet).map(\.id))
        let teMarkeren = try rijen.filter { compleet.contains(try $0.requireID().tekst) }
        let link = berichten.publiekeUrl + "/status/"
        try await db.schrijf { [nu] tx in
            for r in teMarkeren {
                r.geprintOp = nu
                r.geprintDoor = door.naam
                if r.alineas.contains(link), let alineas = try? JSONDecoder().decode([String].self, from: Data(r.alineas.utf8)) {
                    let zonder = alineas.map { $0.contains(link) ? Self.linkNaPrint.tekst(r.taal) : $0 }
                    r.alineas = String(decoding: try JSONEncoder.compact.encode(zonder), as: UTF8.self)
                }
                try await r.save(on: tx)
            }
        }
        return teMarkeren.count
    }

    static let linkNaPrint = Tekst("Wilt u ook zelf op internet zien hoe het met uw melding gaat? Bel ons, dan maken wij een link voor u.",
                                   "Would you also like to see for yourself on the internet how your report is doing? Call us and we will make a link for you.")

    /// The letters laid out with their addresses; one processing-log entry per case whose
    /// address was read. A letter without a complete address is left out.
    private func maak(_ rijen: [BriefRij], door: Handelende) async throws -> BriefPDF {
        let ids = Array(Set(rijen.map { $0.$melding.id }))
        let meldingen = try await Melding.query(on: db).filter(\.$id ~~ ids).all()
        let perId = Dictionary(meldingen.compactMap { m in m.id.map { ($0, m) } }, uniquingKeysWith: { a, _ in a })
        let personen = Dictionary(try await MeldingPersoonsgegevens.query(on: db).filter(\.$id ~~ ids).all().compactMap { p in p.id.map { ($0, p) } },
                                  uniquingKeysWith: { a, _ in a })
        var brieven: [Brief] = []
        var gelezen: [UUID: MeldingPersoonsgegevens] = [:]
        var taal: Taal = .nl
        for r in rijen {
            guard let m = perId[r.$melding.id], let p = personen[r.$melding.id], let invoer = try? p.invoer(),
                  let adres = Self.adresregels(invoer) else { continue }
            gelezen[r.$melding.id] = p
            if brieven.isEmpty { taal = r.taal }
            let alineas = (try? JSONDecoder().decode([String].self, from: Data(r.alineas.utf8))) ?? []
            brieven.append(Brief(datum: Datumweergave.voluit(r.aangemaaktOp, r.taal), kenmerk: m.zaaknummer, onderwerp: r.onderwerp, adres: adres,
                                 aanhef: Self.aanhef(invoer.melder?.naam, r.taal), alineas: alineas + Self.slot(berichten.contact, zaaknummer: m.zaaknummer, r.taal),
                                 groet: Self.groet(berichten.contact, r.taal)))
        }
        if !gelezen.isEmpty {
            try await Verwerkingslog.schrijf(gelezen.map { id, p in
                Verwerkingslog.regel(.briefAfdrukken, organisatie: door.organisatie.id, melding: id, betrokkene: zaken.betrokkene(p),
                                     traceID: traceID, tijdstip: nu, gebruiker: door.gebruiker?.id)
            }, on: db)
        }
        let naam = rijen.count == 1 && brieven.count == 1 ? "brief-\(brieven[0].kenmerk).pdf" : "brieven-\(Dag(nu)).pdf"
        let titel = brieven.count == 1 ? brieven[0].onderwerp : (taal == .nl ? "Brieven van \(Datumweergave.voluit(nu, .nl))" : "Letters of \(Datumweergave.voluit(nu, .en))")
        return BriefPDF(bytes: Briefopmaak.pdf(brieven, papier: Self.papier(berichten.contact, taal: taal, website: berichten.publiekeUrl), titel: titel, taal: taal.rawValue),
                        aantal: brieven.count, bestandsnaam: naam)
    }

    /// Name, street and number, postcode and place — nil when one is missing or it does not fit the window.
    package static func adresregels(_ invoer: MeldingInvoer) -> [String]? {
        guard let melder = invoer.melder else { return nil }
        func schoon(_ s: String?) -> String { (s ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let straat = schoon(melder.adres), postcode = schoon(melder.postcode), plaats = schoon(melder.woonplaats)
        guard !straat.isEmpty, !postcode.isEmpty, !plaats.isEmpty else { return nil }
        let regels = [schoon(melder.naam), straat, postcode + "  " + plaats.uppercased()].filter { !$0.isEmpty }
        return Briefopmaak.adresPast(regels) ? regels : nil
    }

    static func aanhef(_ naam: String?, _ taal: Taal) -> String {
        let n = (naam ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return n.isEmpty ? taal.kies("Beste meneer of mevrouw,", "Dear Sir or Madam,") : taal.kies("Beste \(n),", "Dear \(n),")
    }

    /// Every letter ends with how to reach us, with the case number to mention.
    static func slot(_ contact: Meldpuntcontact, zaaknummer: String, _ taal: Taal) -> [String] {
        var zinnen = [taal.kies("Heeft u vragen?", "Do you have questions?")]
        if let bel = contact.belZin(taal) { zinnen.append(bel) }
        if !contact.postadres.isEmpty {
            zinnen.append(taal.kies("U kunt ook een brief sturen naar: ", "You can also send a letter to: ") + ([contact.naam] + contact.postadres).joined(separator: ", ") + ".")
        }
        zinnen.append(taal.kies("Noem dan uw zaaknummer: \(zaaknummer).", "Please mention your case number: \(zaaknummer)."))
        return [zinnen.joined(separator: " ")]
    }

    static func groet(_ contact: Meldpuntcontact, _ taal: Taal) -> [String] {
        [taal.kies("Met vriendelijke groet,", "Kind regards,"), "", contact.naam]
    }

    static func papier(_ contact: Meldpuntcontact, taal: Taal, website: String) -> Briefpapier {
        var hoofd = contact.postadres
        if let t = contact.telefoon { hoofd.append(taal.kies("Telefoon ", "Phone ") + t) }
        if let b = contact.bereikbaar { hoofd.append(b.tekst(taal)) }
        if let e = contact.email { hoofd.append(e) }
        hoofd.append(website)
        // The return line as PostNL reads it, short enough for the window's top line.
        let retour = contact.postadres.isEmpty ? contact.naam : "Retouradres " + contact.postadres.joined(separator: ", ")
        return Briefpapier(naam: contact.naam, briefhoofd: hoofd, retouradres: retour,
                           labels: .init(datum: taal.kies("Datum", "Date"), kenmerk: taal.kies("Ons kenmerk", "Our reference"),
                                         onderwerp: taal.kies("Onderwerp", "Subject"), pagina: taal.kies("Pagina", "Page"), van: taal.kies("van", "of")))
    }
}

extension MeldingService {
    package var briefpost: Briefpost { Briefpost(zaken: self) }
}
