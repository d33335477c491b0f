import Crypto
import Foundation
import MeldpuntCore
import MeldpuntDomain

/// The mapping both ways between Digimelding annotations and the terugmeld engine.
package enum DMKSVertaling {
    package struct Vertaald: Sendable {
        package var invoer: TerugmeldingInvoer
        package var eersteStatus: UUID?
        package var bijlagen: [UUID]
    }

    // MARK: Annotations → engine

    /// A new tree as the engine's input. `bronhouder` resolves a BehandelendeBronhouder's value.
    /// `inschrijving`: the gemeente van inschrijving of a BSN (the BRP), for a tree that names no bronhouder.
    package static func terugmelding(_ wortel: Annotatie, bladeren: [Annotatie],
                                     bronhouder: (String) async throws -> (gemeente: String?, rniDeelnemer: String?),
                                     inschrijving: (BSN) async throws -> String? = { _ in nil }) async throws -> Vertaald {
        guard case .terugmelding(let basis, let bronnen, let attributen, let peilmoment) = wortel else {
            throw DMKSFout(.kanNietVerwerken, "De AnnotatieBoom bevat geen Terugmelding.")
        }
        var header = TerugmeldingInvoer.Header(registratie: .init(code: "BRP", basisRegistratieCode: "BRP"), meldingBron: "Digimelding DMKS 1.3")
        header.toelichting = basis.toelichting
        header.peilmoment = peilmoment.map(DMKSSchrijver.tijd)
        header.datumMelding = Dag(basis.geannoteerdOp).description
        var ids: [TerugmeldingInvoer.ObjectIdentificatie] = []
        for (i, bron) in bronnen.enumerated() {
            guard let (urn, waarde) = persoon(bron.uri) else {
                throw DMKSFout(.kanNietVerwerken, "Bronverwijzing[\(i + 1)]/Uri '\(bron.uri.prefix(80))' wijst geen persoon in de BRP aan. Gebruik \(PersoonUrn.bsn):<BSN>, \(PersoonUrn.anummer):<A-nummer> of \(PersoonUrn.adres):<adres>.")
            }
            ids.append(.init(objectType: bron.selectie.first ?? "persoon", attribuutUrn: urn, idWaarde: waarde))
        }
        var gegevens = attributen.map { a in
            TerugmeldingInvoer.Gegeven(attribuutUrn: a.uri, betwijfeldeWaarde: a.betwijfeldeWaarde, voorgesteldeWaarde: a.voorgesteldeWaarde)
        }
        var eersteStatus: UUID?, bijlagen: [UUID] = [], bijlageInvoer: [TerugmeldingInvoer.Bijlage] = []
        var gemeente: String?
        for blad in bladeren {
            switch blad {
            case .status(let b, let status, _):
                guard status == nil || TerugmeldingStatus(lenient: status!) == .gemeld, eersteStatus == nil else {
                    throw DMKSFout(.kanNietVerwerken, "Een nieuwe terugmelding heeft hoogstens één Annotatiestatus, met status Gemeld.")
                }
                eersteStatus = b.uuid
            case .referentiekenmerk(_, let kenmerk):
                if header.referentiekenmerk == nil { header.referentiekenmerk = kenmerk }
            case .contact(_, let type, let naam, let telefoon, let email, let afdeling):
                if type == .melder && header.melder == nil {
                    header.melder = .init(naam: naam, telefoon: telefoon, email: email, afdeling: afdeling)
                }
            case .bijlage(let b, let naam, let mime, let data, let beschrijving):
                bijlagen.append(b.uuid)
                bijlageInvoer.append(.init(bestandsnaam: naam, mimeType: mime, bijlageData: data ?? "", beschrijving: beschrijving))
            case .bronhouder(_, let waarde):
                guard gemeente == nil else { throw DMKSFout(.kanNietVerwerken, "Geef één BehandelendeBronhouder.") }
                let (code, abo) = try await bronhouder(waarde)
                guard let code, abo == nil else {
                    throw DMKSFout(.kanNietVerwerken, "Een terugmelding gaat naar een gemeente of naar de RNI (1999); RvIG stuurt door naar een RNI-deelnemer.")
                }
                gemeente = code
            case .planning:
                throw DMKSFout(.kanNietVerwerken, "Een Planningsverwachting geeft de bronhouder, niet de afnemer bij het terugmelden.")
            case .terugmelding:
                break
            }
        }
        if gemeente == nil, let bsn = ids.first(where: { $0.attribuutUrn == PersoonUrn.bsn }).flatMap({ $0.idWaarde.flatMap(BSN.init) }) {
            gemeente = try await inschrijving(bsn)
        }
        guard let gemeente else {
            throw DMKSFout(.kanNietVerwerken, "Geef de gemeente waar de persoon staat ingeschreven (of 1999 voor de RNI) in een BehandelendeBronhouder-annotatie: de gemeentecode of het OIN van de gemeente.")
        }
        header.gemeentecode = gemeente
        if !gegevens.isEmpty && !bijlageInvoer.isEmpty { gegevens[0].bijlages = bijlageInvoer }
        return Vertaald(invoer: TerugmeldingInvoer(terugMeldingHeader: header, terugMeldingBody: .init(objectIdentificatie: ids, terugMeldingGegevens: gegevens)),
                        eersteStatus: eersteStatus, bijlagen: bijlagen)
    }

    /// The person a Bronverwijzing's URI points at: `urn:brp:persoon:bsn:<BSN>` and the like,
    /// also with the BRP holder's OIN in front (`urn:oin:<OIN>:bsn:<BSN>`).
    package static func persoon(_ uri: String) -> (urn: String, waarde: String)? {
        for (soort, urn) in [("bsn", PersoonUrn.bsn), ("anummer", PersoonUrn.anummer), ("adres", PersoonUrn.adres)] {
            for scheiding in [":", "/"] {
                if let r = uri.range(of: scheiding + soort + scheiding, options: [.caseInsensitive, .backwards]) {
                    let waarde = String(uri[r.upperBound...])
                    if !waarde.isEmpty { return (urn, waarde) }
                }
            }
        }
        return nil
    }

    package static func bronverwijzing(bsn: String?, anummer: String?, adres: String?) -> Bronverwijzing {
        if let bsn { return Bronverwijzing(uri: PersoonUrn.bsn + ":" + bsn, selectie: ["persoon"]) }
        if let anummer { return Bronverwijzing(uri: PersoonUrn.anummer + ":" + anummer, selectie: ["persoon"]) }
        if let adres { return Bronverwijzing(uri: PersoonUrn.adres + ":" + adres, selectie: ["persoon"]) }
        // Erased after the person withdrew consent: the reference says so, without the person.
        return Bronverwijzing(uri: "urn:brp:persoon:gewist", selectie: [])
    }

    /// The engine's refusal as the fault DMKS 1.3 chapter 5 prescribes, fields named as elements.
    package static func fout(_ w: Weigering) -> DMKSFout {
        switch w {
        case .ongeldig(let fouten):
            let regels = fouten.map { "\(element($0.veld.jsonPad)): \($0.reason)" }
            return DMKSFout(.kanNietVerwerken, (fouten.count == 1 ? "Eén gegeven is niet in orde: " : "\(fouten.count) gegevens zijn niet in orde: ")
                            + regels.prefix(5).joined(separator: " "), details: regels)
        case .geenToegang:
            return DMKSFout(.nietGeautoriseerd, w.uitleg(.nl))
        case .nietGevonden:
            return DMKSFout(.kanNietVerwerken, "Er is geen terugmelding met deze UUID die uw organisatie mag zien.")
        case .conflict:
            return DMKSFout(.kanNietVerwerken, w.uitleg(.nl))
        case .tijdelijkBezet:
            return DMKSFout(.timeOut, w.uitleg(.nl))
        }
    }

    /// A field of the engine's input named as the DMKS element it came from.
    package static func element(_ pad: String) -> String {
        let vervangingen: [(String, String)] = [
            ("terugMeldingHeader.gemeentecode", "BehandelendeBronhouder/Bronhouder"),
            ("terugMeldingHeader.toelichting", "Terugmelding/Toelichting"),
            ("terugMeldingHeader.referentiekenmerk", "Referentiekenmerk/Kenmerk"),
            ("terugMeldingHeader.peilmoment", "Terugmelding/Peilmoment"),
            ("terugMeldingHeader.melder.naam", "Contactinformatie/Naam"),
            ("terugMeldingHeader.melder.email", "Contactinformatie/Email"),
            ("terugMeldingHeader.melder.telefoon", "Contactinformatie/Telefoon"),
            ("terugMeldingHeader.melder.afdeling", "Contactinformatie/Afdeling"),
            ("terugMeldingHeader", "Terugmelding"),
        ]
        for (van, naar) in vervangingen where pad.hasPrefix(van) { return naar + pad.dropFirst(van.count) }
        if pad.hasPrefix("terugMeldingBody.objectIdentificatie") {
            return "Terugmelding/Bronverwijzingen/Bronverwijzing" + index(pad.dropFirst("terugMeldingBody.objectIdentificatie".count)) + "/Uri"
        }
        if pad.hasPrefix("terugMeldingBody.terugMeldingGegevens") {
            let rest = pad.dropFirst("terugMeldingBody.terugMeldingGegevens".count)
            if let r = rest.range(of: ".bijlages") {
                let na = rest[r.upperBound...]
                let veld = na.split(separator: ".").last.map { $0.prefix(1).uppercased() + $0.dropFirst() } ?? ""
                return "Bijlageverwijzing" + index(na) + (veld.isEmpty || veld.hasPrefix("[") ? "" : "/" + (veld == "MimeType" ? "MIMEType" : veld))
            }
            let veld: String = if rest.hasSuffix("betwijfeldeWaarde") { "BetwijfeldeWaarde" } else if rest.hasSuffix("voorgesteldeWaarde") { "VoorgesteldeWaarde" } else { "Uri" }
            return "Terugmelding/Attributenset/Attribuut" + index(rest) + "/" + veld
        }
        return pad
    }

    /// `[2]…` in a JSON path as the XPath position `[3]`.
    static func index(_ s: Substring) -> String {
        guard s.hasPrefix("["), let sluit = s.firstIndex(of: "]"), let i = Int(s[s.index(after: s.startIndex)..<sluit]) else { return "" }
        return "[\(i + 1)]"
    }

    // MARK: Engine → annotations

    /// The whole tree of a terugmelding: what systems sent, as they sent it, and for everything
    /// else (filed in the portal or the JSON API, changed there) annotations made from the engine's state.
    package static func boom(_ tm: Terugmelding, invoer: TerugmeldingInvoer?, stappen: [Statuswijziging], bijlagen: [Bijlage],
                             opgeslagen: [(volgnummer: Int, annotatie: Annotatie)], organisaties: [UUID: Organisatie]) -> [Annotatie] {
        let root = tm.id!
        let afnemerOIN = organisaties[tm.$afnemer.id]?.oin ?? ""
        let bewaard = Dictionary(opgeslagen.map { ($0.annotatie.basis.uuid, $0.annotatie) }, uniquingKeysWith: { a, _ in a })
        func basis(_ uuid: UUID, _ oin: String, _ op: Date, _ toelichting: String? = nil) -> Annotatiebasis {
            Annotatiebasis(uuid: uuid, oin: oin, geannoteerdOp: op, toelichting: toelichting, verwijzing: uuid == root ? nil : root)
        }
        let header = invoer?.terugMeldingHeader, body = invoer?.terugMeldingBody

        let wortel: Annotatie = bewaard[root] ?? {
            var bronnen = (body?.objectIdentificatie ?? []).compactMap { o -> Bronverwijzing? in
                guard let urn = o.attribuutUrn, let w = o.idWaarde else { return nil }
                return Bronverwijzing(uri: urn + ":" + w, selectie: o.objectType.map { [$0] } ?? [])
            }
            if bronnen.isEmpty { bronnen = [bronverwijzing(bsn: tm.bsn, anummer: tm.anummer, adres: tm.adres)] }
            var attributen = (body?.terugMeldingGegevens ?? []).map { g in
                Attribuut(uri: g.attribuutUrn ?? g.attribuut ?? "", betwijfeldeWaarde: g.betwijfeldeWaarde, voorgesteldeWaarde: g.voorgesteldeWaarde)
            }
            if attributen.isEmpty { attributen = [Attribuut(uri: "(gewist)")] }
            return .terugmelding(basis(root, afnemerOIN, tm.ontvangenOp, header?.toelichting), bronverwijzingen: bronnen, attributen: attributen,
                                 peilmoment: header?.peilmoment.flatMap(parseTijdstip))
        }()

        // The engine's order: per status step, its status first, then what came with it.
        var bladeren: [(volgnummer: Int, rang: Int, annotatie: Annotatie)] = opgeslagen.filter { $0.annotatie.basis.uuid != root }.map { o in
            let isStatus = if case .status = o.annotatie { true } else { false }
            return (o.volgnummer, isStatus ? 0 : 1, o.annotatie)
        }
        // What the filing itself sent: the afnemer's reference and contact are made from the engine
        // only when the tree did not carry them (a bronhouder's later contact does not count).
        let soorten = Set(opgeslagen.filter { $0.volgnummer == 1 }.map { o -> String in
            if case .contact(_, let type, _, _, _, _) = o.annotatie { return "Contactinformatie:" + type.rawValue }
            return o.annotatie.soort
        })
        for s in stappen where bewaard[s.id!] == nil {
            let oin = s.$organisatie.id.flatMap { organisaties[$0]?.oin } ?? ""
            bladeren.append((s.volgnummer, 0, .status(basis(s.id!, oin, s.tijdstip, s.toelichting), status: s.status.rawValue, statustype: nil)))
            if let datum = s.verwachteDatum {
                bladeren.append((s.volgnummer, 1, .planning(basis(afgeleid(s.id!, "planning"), oin, s.tijdstip), aanduiding: "Afhandeling verwacht", tijdstempel: datum.begin())))
            }
            if let nieuw = s.$nieuweBijhouder.id.flatMap({ organisaties[$0] }) {
                bladeren.append((s.volgnummer, 1, .bronhouder(basis(afgeleid(s.id!, "bronhouder"), oin, s.tijdstip),
                                                              bronhouder: nieuw.gemeentecode ?? nieuw.rniDeelnemerCode ?? nieuw.oin ?? nieuw.naam)))
            }
        }
        if !soorten.contains("Referentiekenmerk"), let kenmerk = tm.referentiekenmerk {
            bladeren.append((1, 1, .referentiekenmerk(basis(afgeleid(root, "referentiekenmerk"), afnemerOIN, tm.ontvangenOp), kenmerk: kenmerk)))
        }
        if !soorten.contains("Contactinformatie:Melder"), let m = header?.melder, let naam = m.naam, let email = m.email {
            bladeren.append((1, 1, .contact(basis(afgeleid(root, "melder"), afnemerOIN, tm.ontvangenOp), type: .melder, naam: naam, telefoon: m.telefoon, email: email, afdeling: m.afdeling)))
        }
        for b in bijlagen where bewaard[b.id!] == nil {
            bladeren.append((1, 1, .bijlage(basis(b.id!, afnemerOIN, tm.ontvangenOp), bestandsnaam: b.bestandsnaam, mimeType: b.mimeType, data: nil, beschrijving: b.beschrijving)))
        }
        // A stable sort keeps the order of one step as written.
        let gesorteerd = bladeren.enumerated().sorted { ($0.element.volgnummer, $0.element.rang, $0.offset) < ($1.element.volgnummer, $1.element.rang, $1.offset) }
        return [wortel] + gesorteerd.map(\.element.annotatie)
    }

    /// The latest status as an annotation, for the Statusoverzicht.
    package static func status(_ s: Statuswijziging?, root: UUID, oin: String, terugvallend tm: Terugmelding) -> Annotatie {
        guard let s else {
            return .status(Annotatiebasis(uuid: afgeleid(root, "status"), oin: oin, geannoteerdOp: tm.ontvangenOp, verwijzing: root), status: tm.status.rawValue, statustype: nil)
        }
        return .status(Annotatiebasis(uuid: s.id!, oin: oin, geannoteerdOp: s.tijdstip, toelichting: s.toelichting, verwijzing: root), status: s.status.rawValue, statustype: nil)
    }

    /// A stable UUID for an annotation made from the engine's state (name-based, RFC 9562 v5).
    package static func afgeleid(_ id: UUID, _ naam: String) -> UUID {
        var bytes = withUnsafeBytes(of: id.uuid) { Array($0) }
        bytes += Array(naam.utf8)
        var h = Array(Insecure.SHA1.hash(data: bytes).prefix(16))
        h[6] = (h[6] & 0x0F) | 0x50
        h[8] = (h[8] & 0x3F) | 0x80
        return UUID(uuid: (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9], h[10], h[11], h[12], h[13], h[14], h[15]))
    }
}
