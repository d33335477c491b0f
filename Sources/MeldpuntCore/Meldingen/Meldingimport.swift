import FluentKit
import Foundation
import MeldpuntDomain

/// What an import did: how many cases came in, how many were there already (their reference
/// known: a second run changes nothing), and every refused row with its line and reasons.
package struct ImportResultaat: Codable, Sendable, Equatable {
    package var ingelezen: Int = 0
    package var alBekend: Int = 0
    package var geweigerd: [GeweigerdeRij] = []
    /// A trial run: checked, nothing written.
    package var proef: Bool = false
}

package struct GeweigerdeRij: Codable, Sendable, Equatable {
    /// The line in a CSV file, the position (1 = first) in a JSON list.
    package let regel: Int
    package let kenmerk: String?
    package let redenen: [OngeldigeParameter]
}

extension Meldingintake {
    /// Takes over the CMI's cases (issue 30), each checked as a new melding against the day it
    /// came in, written with its original dates and history in one transaction per case. Nobody is
    /// mailed, no letter or event goes out: these cases are history until staff pick them up.
    package func importeer(_ rijen: [(regel: Int, melding: ImportMelding)], door: Handelende, proef: Bool = false) async throws -> ImportResultaat {
        try zaken.vereisMeldpunt(door)
        var uit = ImportResultaat(proef: proef)
        guard rijen.count <= ImportLimieten.maxRijen else {
            throw Weigering.ongeldig(.meldingen, "maxItems", Tekst("Hoogstens \(ImportLimieten.maxRijen) meldingen per keer; splits het bestand.",
                                                                  "At most \(ImportLimieten.maxRijen) cases at a time; split the file."))
        }
        // What is known already, read in chunks: references imported before, the partners' OINs.
        let kenmerken = Array(Set(rijen.compactMap { $0.melding.kenmerk?.trimmingCharacters(in: .whitespaces) }))
        var bekend: Set<String> = []
        for i in stride(from: 0, to: kenmerken.count, by: 500) {
            let deel = Array(kenmerken[i..<min(i + 500, kenmerken.count)])
            for m in try await Melding.query(on: db).filter(\.$externKenmerk ~~ deel).field(\.$id).field(\.$externKenmerk).all() {
                if let k = m.externKenmerk { bekend.insert(k) }
            }
        }
        let oins = Array(Set(rijen.flatMap { ($0.melding.partners ?? []).compactMap(\.oin) }.filter { !$0.isEmpty }))
        var organisaties: [String: String] = [:]
        for i in stride(from: 0, to: oins.count, by: 500) {
            for o in try await Organisatie.query(on: db).filter(\.$oin ~~ Array(oins[i..<min(i + 500, oins.count)])).all() {
                if let oin = o.oin { organisaties[oin] = o.naam }
            }
        }
        var gezien: [String: Int] = [:]
        for (n, (regel, rij)) in rijen.enumerated() {
            // A long trial run checks without writing: let other work through now and then.
            if n % 200 == 199 { await Task.yield() }
            switch valideerImport(rij, nu: nu) {
            case .failure(let f):
                uit.geweigerd.append(GeweigerdeRij(regel: regel, kenmerk: rij.kenmerk, redenen: f.fouten))
            case .success(let g):
                if let eerder = gezien[g.kenmerk] {
                    uit.geweigerd.append(GeweigerdeRij(regel: regel, kenmerk: g.kenmerk, redenen: [OngeldigeParameter(Veld(.kenmerk), code: "dubbel",
                        uitleg: Tekst("Dit kenmerk staat al eerder in dit bestand (regel \(eerder)).", "This reference is already in this file (line \(eerder))."))]))
                    continue
                }
                gezien[g.kenmerk] = regel
                if bekend.contains(g.kenmerk) { uit.alBekend += 1; continue }
                let onbekend = g.partners.enumerated().filter { $0.element.oin.map { organisaties[$0] == nil } ?? false }
                guard onbekend.isEmpty else {
                    uit.geweigerd.append(GeweigerdeRij(regel: regel, kenmerk: g.kenmerk, redenen: onbekend.map {
                        OngeldigeParameter(Veld(.partners)[$0.offset] / .oin, code: "onbekend",
                                           uitleg: Tekst("Geen organisatie met dit OIN in het register; voeg haar eerst toe of laat het OIN weg.",
                                                         "No organisation with this OIN in the register; add it first or leave the OIN out."))
                    }))
                    continue
                }
                if !proef {
                    do {
                        try await schrijf(g, door: door)
                    } catch where (error as? any DatabaseError)?.isConstraintFailure == true {
                        // Imported at the same moment by another run: there now.
                        uit.alBekend += 1
                        continue
                    }
                }
                uit.ingelezen += 1
            }
        }
        return uit
    }

    /// One case with its history, in one transaction.
    private func schrijf(_ g: GeldigeImport, door: Handelende) async throws {
        let id = UUID()
        let invoer = g.invoer
        let bsn = MeldingPersoonsgegevens.betrokkeneBSN(invoer)
        let inhoud = String(decoding: try JSONEncoder.compact.encode(invoer), as: UTF8.self)
        let uiterlijk = try kalender.plusWerkdagen(contactnormWerkdagen, na: Dag(g.ontvangenOp))
        let contacten = g.geschiedenis.filter { $0.soort == .contact }
        try await db.schrijf { [zaken] tx in
            let jaar = Dag(g.ontvangenOp).jaar
            let m = Melding()
            m.id = id
            m.zaaknummer = Zaaknummer(jaar: jaar, volgnummer: try await Zaakteller.volgende(jaar, on: tx)).description
            m.externKenmerk = g.kenmerk
            m.status = g.status
            m.melderType = invoer.melderType.flatMap(MelderType.init(rawValue:)) ?? .burger
            m.registraties = ((invoer.registraties ?? []).map { $0.uppercased() } + [invoer.andereRegistratie].compactMap { $0 }.filter { !$0.isEmpty }).joined(separator: ",")
            m.probleemsoort = invoer.probleemsoort.flatMap(Probleemsoort.init(rawValue:)) ?? .onjuistGegeven
            m.ontvangenOp = g.ontvangenOp
            m.eersteContactUiterlijk = uiterlijk
            m.eersteContactOp = contacten.first?.op
            m.contactTeLaat = contacten.first.map { Dag($0.op) > uiterlijk }
            // Nobody knows this link; the melder asks a new one by e-mail, or staff make one.
            m.tokenHash = Sleutels.sha256Hex(Data(Sleutels.willekeurig(32).utf8))
            m.toestemmingOp = g.toestemmingOp
            m.toestemmingVersie = "CMI"
            m.uitkomst = g.uitkomst
            m.geslotenOp = g.geslotenOp
            m.ongelezen = false
            m.binnenkomst = .overgenomen
            let gevolgen = MeldingGevolg.uit(invoer, melding: id)
            try zaken.zetVangnetdagen(m, laatsteContact: contacten.last.map { Dag($0.op) }, gevolgen: gevolgen)

            var stappen: [(Date, Gebeurtenis, String?)] = [
                (g.ontvangenOp, Gebeurtenis(soort: .ontvangen, tekst: "Melding ontvangen.", zichtbaar: true), "CMI"),
                (g.ontvangenOp, Gebeurtenis(soort: .notitie, tekst: "Overgenomen van het CMI (kenmerk \(g.kenmerk)). Toestemming van de melder gegeven aan het CMI op \(Datumweergave.datum(g.toestemmingOp)).",
                                            gegevens: GebeurtenisGegevens(binnenkomst: .overgenomen)), door.naam),
            ]
            for p in g.partners {
                stappen.append((g.ontvangenOp, Gebeurtenis(soort: .notitie, tekst: "Partner bij het CMI: \(p.naam)" + (p.contactpersoon.map { ", contactpersoon \($0)" } ?? "") + ".",
                                                           gegevens: GebeurtenisGegevens(organisatie: p.naam, contactpersoon: p.contactpersoon)), "CMI"))
            }
            for s in g.geschiedenis {
                stappen.append((s.op, Gebeurtenis(soort: s.soort, tekst: s.tekst, zichtbaar: s.soort == .berichtAanMelder || s.soort == .berichtVanMelder),
                                s.door ?? (s.soort == .berichtVanMelder ? "melder" : "CMI")))
            }
            if let gesloten = g.geslotenOp {
                stappen.append((gesloten, Gebeurtenis(soort: .gesloten, tekst: g.samenvatting, zichtbaar: true,
                                                     gegevens: GebeurtenisGegevens(status: .melding(.gesloten), uitkomst: g.uitkomst.map { .melding($0) })), "CMI"))
            }
            m.laatsteVolgnummer = stappen.count
            try await m.create(on: tx)
            try await MeldingPersoonsgegevens(melding: id, invoer: invoer, inhoud: inhoud).create(on: tx)
            for gevolg in gevolgen { try await gevolg.create(on: tx) }
            for (n, (op, e, wie)) in stappen.enumerated() {
                let r = zaken.nieuweGebeurtenis(id, n + 1, e, door: wie)
                r.tijdstip = op
                try await r.create(on: tx)
            }
            // Learning from all cases: the old ones count for the structural-error detector too.
            try await PatroonWachtrij(bron: .melding, zaakID: id, nu: zaken.nu).create(on: tx)
            try await Verwerkingslog.regel(.meldingAanmaken, organisatie: door.organisatie.id, melding: id,
                                           betrokkene: bsn.map { zaken.pseudoniemen.pseudoniem("bsn:" + $0) }, traceID: zaken.traceID, tijdstip: zaken.nu,
                                           gebruiker: door.gebruiker?.id).create(on: tx)
        }
    }
}
