import FluentKit
import Foundation
import MeldpuntDomain
import SQLKit

/// One partner's year with the meldpunt: the figures and both sides' conclusions.
package struct PartnerEvaluatieDTO: Codable, Sendable, Equatable {
    package let organisatie: OrganisatieVerwijzing
    package let jaar: Int
    /// Real numbers: the evaluation is read by the meldpunt and the partner itself, about its own
    /// requests; only the melders' mean mark is left out for the partner below five marks.
    package let kerncijfers: Cijfertabel
    package let tabellen: [Cijfertabel]
    package let conclusieMeldpunt: String?
    package let conclusiePartner: String?
    package let bijgewerktOp: Date?

    package func tabel(_ id: String) -> Cijfertabel? { id == kerncijfers.id ? kerncijfers : tabellen.first { $0.id == id } }
}

extension Cijferboek {
    /// Who may read it: the meldpunt (every partner) and the partner itself.
    private func evaluatieOrganisatie(_ id: UUID, door: Handelende) async throws -> Organisatie {
        guard door.organisatie.heeft(.meldpunt) || door.organisatie.id == id,
              let o = try await Organisatie.find(id, on: db), o.partnerSoort != nil || o.rollen.contains(.partner)
        else { throw Weigering.nietGevonden(.organisatie) }
        return o
    }

    package func evaluatieOrganisatie(oin: String, door: Handelende) async throws -> Organisatie {
        guard let o = try await Organisatie.query(on: db).filter(\.$oin == oin).first() else { throw Weigering.nietGevonden(.organisatie) }
        return try await evaluatieOrganisatie(o.requireID(), door: door)
    }

    package static func jaar(_ jaar: Int) throws -> Periode {
        guard (2000...2100).contains(jaar), let van = Dag(jaar: jaar, maand: 1, dag: 1), let tot = Dag(jaar: jaar, maand: 12, dag: 31) else {
            throw Weigering.ongeldig([OngeldigeParameter(.jaar, code: "jaar", uitleg: Tekst("Kies een jaar.", "Choose a year."))])
        }
        return Periode(van: van, tot: tot)
    }

    /// The requests to the partner made that year: by kind and outcome, deadlines kept, time to
    /// the first answer, escalations by level, suspensions, the signalen about it, and the
    /// satisfaction of the melders whose cases it had a request in.
    package func evaluatie(_ organisatie: UUID, jaar: Int, door: Handelende) async throws -> PartnerEvaluatieDTO {
        let o = try await evaluatieOrganisatie(organisatie, door: door)
        let p = try Self.jaar(jaar)
        let verzoeken = try await verzoekRijen(p, organisatie: organisatie)
        let eersteAntwoord = try await eersteAntwoorden(verzoeken.map(\.id))
        let antwoordtijden = verzoeken.compactMap { v in eersteAntwoord[v.id].map { $0.timeIntervalSince(v.aangemaakt_op) / 86_400 } }
        let termijn = verzoeken.compactMap { $0.termijnGehaald(vandaag: vandaag) }
        let melding_ids = Set(verzoeken.map(\.melding_id))
        let cijfers = melding_ids.isEmpty ? [] : try await Melding.query(on: db).filter(\.$id ~~ melding_ids).filter(\.$tevredenheid != nil).all().compactMap(\.tevredenheid)
        let signalen = try await SignaalOrganisatie.query(on: db).filter(\.$organisatie.$id == organisatie).with(\.$signaal).all().map(\.signaal)
            .filter { Dag($0.aangemaaktOp).jaar <= jaar && ($0.afgeslotenOp.map { Dag($0).jaar >= jaar } ?? true) }
        let opschortingen = verzoeken.filter { $0.soort == VerzoekSoort.opschorting.rawValue }
        let alsMeldpunt = door.organisatie.heeft(.meldpunt)
        let kern = Cijfertabel(id: "kerncijfers", titel: Tekst("Kerncijfers", "Key figures"), kolom: Tekst("Cijfer", "Figure"), grafiek: false, rijen: [
            Cijferrij(sleutel: "verzoeken", naam: Tekst("Verzoeken", "Requests"), waarde: Double(verzoeken.count)),
            Cijferrij(sleutel: "geaccepteerd", naam: Tekst("Geaccepteerd of uitgevoerd", "Accepted or done"),
                      waarde: Double(verzoeken.filter { [VerzoekStatus.geaccepteerd.rawValue, VerzoekStatus.uitgevoerd.rawValue].contains($0.status) }.count)),
            Cijferrij(sleutel: "afgewezen", naam: Tekst("Afgewezen", "Declined"), waarde: Double(verzoeken.filter { $0.status == VerzoekStatus.afgewezen.rawValue }.count)),
            Cijferrij(sleutel: "termijnGehaald", naam: Tekst("Binnen de afgesproken termijn", "Within the agreed deadline"),
                      waarde: Self.procent(termijn.filter { $0 }.count, van: termijn.count), eenheid: .procent),
            Cijferrij(sleutel: "antwoordtijd", naam: Tekst("Gemiddelde tijd tot het eerste antwoord (dagen)", "Average time to the first answer (days)"),
                      waarde: antwoordtijden.isEmpty ? nil : antwoordtijden.reduce(0, +) / Double(antwoordtijden.count), eenheid: .dagen),
            Cijferrij(sleutel: "opschortingen", naam: Tekst("Verzoeken om opschorting", "Requests to suspend"), waarde: Double(opschortingen.count)),
            Cijferrij(sleutel: "escalaties", naam: Tekst("Geëscaleerde verzoeken", "Escalated requests"),
                      waarde: Double(verzoeken.filter { $0.niveau != Escalatieniveau.operationeel.rawValue }.count)),
            // The melders' marks are theirs: the partner sees their mean from five marks on.
            Cijferrij(sleutel: "tevredenheid", naam: Tekst("Tevredenheid van melders (1–5)", "Satisfaction of reporters (1–5)"),
                      waarde: cijfers.isEmpty || (!alsMeldpunt && Onthulling.teKlein(cijfers.count)) ? nil : Double(cijfers.reduce(0, +)) / Double(cijfers.count),
                      onderdrukt: !alsMeldpunt && Onthulling.teKlein(cijfers.count), eenheid: .cijfer),
        ])
        let tabellen = [
            Self.telling("perSoort", Tekst("Verzoeken per soort", "Requests by kind"), Tekst("Soort", "Kind"), verzoeken.map(\.soort),
                         VerzoekSoort.allCases.map { ($0.rawValue, $0.benaming) }),
            Self.telling("perStatus", Tekst("Verzoeken per stand", "Requests by state"), Tekst("Stand", "State"), verzoeken.map(\.status),
                         VerzoekStatus.allCases.map { ($0.rawValue, Tekst($0.naam(.nl), $0.naam(.en))) }),
            Self.telling("perNiveau", Tekst("Verzoeken per escalatieniveau", "Requests by escalation level"), Tekst("Niveau", "Level"), verzoeken.map(\.niveau),
                         Escalatieniveau.allCases.map { ($0.rawValue, $0.benaming) }),
            Self.telling("signalen", Tekst("Signalen over de organisatie", "Signals about the organisation"), Tekst("Status", "Status"),
                         signalen.map(\.status.rawValue), SignaalStatus.allCases.map { ($0.rawValue, Tekst($0.naam(.nl), $0.naam(.en))) }),
        ]
        let opgeslagen = try await PartnerEvaluatie.query(on: db).filter(\.$organisatie.$id == organisatie).filter(\.$jaar == jaar).first()
        return PartnerEvaluatieDTO(organisatie: OrganisatieVerwijzing(o), jaar: jaar, kerncijfers: kern, tabellen: tabellen,
                                   conclusieMeldpunt: opgeslagen?.conclusieMeldpunt, conclusiePartner: opgeslagen?.conclusiePartner,
                                   bijgewerktOp: opgeslagen?.bijgewerktOp)
    }

    /// The moment of the partner's first step on each request.
    private func eersteAntwoorden(_ ids: [UUID]) async throws -> [UUID: Date] {
        guard !ids.isEmpty else { return [:] }
        struct Rij: Decodable { let verzoek_id: UUID; let eerste: Date }
        let rijen = try await sql.select().column("verzoek_id").column(SQLFunction("MIN", args: SQLColumn("tijdstip")), as: "eerste")
            .from(VerzoekBericht.schema).where("van", .equal, SQLBind(Verzoekpartij.partner.rawValue)).where("verzoek_id", .in, SQLBind.group(ids))
            .groupBy("verzoek_id").all(decoding: Rij.self)
        return Dictionary(rijen.map { ($0.verzoek_id, $0.eerste) }, uniquingKeysWith: { a, _ in a })
    }

    /// The meldpunt writes its conclusion, the partner its own; each side only its own.
    package func legConclusieVast(_ organisatie: UUID, jaar: Int, conclusie: String?, door: Handelende, nu: Date) async throws -> PartnerEvaluatieDTO {
        _ = try await evaluatieOrganisatie(organisatie, door: door)
        _ = try Self.jaar(jaar)
        let tekst = try valideer { () throws(ValidatieFouten) in try valideerConclusie(conclusie) }
        let alsMeldpunt = door.organisatie.heeft(.meldpunt)
        try await db.schrijf { tx in
            let e = try await PartnerEvaluatie.query(on: tx).filter(\.$organisatie.$id == organisatie).filter(\.$jaar == jaar).first() ?? {
                let e = PartnerEvaluatie()
                e.id = UUID.v7(nu)
                e.$organisatie.id = organisatie
                e.jaar = jaar
                return e
            }()
            if alsMeldpunt { e.conclusieMeldpunt = tekst } else { e.conclusiePartner = tekst }
            e.bijgewerktOp = nu
            try await e.save(on: tx)
        }
        return try await evaluatie(organisatie, jaar: jaar, door: door)
    }

    /// The partners the meldpunt evaluates, by name.
    package func evaluatiePartners(door: Handelende) async throws -> [Organisatie] {
        guard door.organisatie.heeft(.meldpunt) else { throw Weigering.geenToegang(.rolOntbreekt(.meldpunt)) }
        return try await Organisatie.query(on: db).filter(\.$partnerSoort != nil).sort(\.$naam).all()
    }
}

extension VerzoekSoort {
    var benaming: Tekst {
        switch self {
        case .correctie: Tekst("Correctie", "Correction")
        case .opschorting: Tekst("Opschorting", "Suspension")
        case .informatie: Tekst("Informatie", "Information")
        case .advies: Tekst("Advies", "Advice")
        case .overleg: Tekst("Overleg", "Meeting")
        }
    }
}

extension Escalatieniveau {
    var benaming: Tekst {
        switch self {
        case .operationeel: Tekst("Operationeel", "Operational")
        case .tactisch: Tekst("Tactisch", "Tactical")
        case .strategisch: Tekst("Strategisch", "Strategic")
        case .interdepartementaal: Tekst("Interdepartementaal", "Interdepartmental")
        }
    }
}
