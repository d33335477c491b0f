import MeldpuntAPI
import MeldpuntWeb
import MeldpuntHTTP
import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Vapor

/// `meldpunt logboek --referentie UUID`: the processing-log entries of one terugmelding.
struct LogboekCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "referentie", help: "terugMeldingReferentie (uuid)") var referentie: String?
        @Option(name: "zaaknummer", help: "zaaknummer van een melding, zoals MFO-2026-000123") var zaaknummer: String?
    }
    let help = "Toon het verwerkingslog van één terugmelding (--referentie) of melding (--zaaknummer)."

    func run(using context: CommandContext, signature: Signature) async throws {
        let db = context.application.db
        let regels: [Verwerkingslogregel]
        let wat: String
        switch (signature.referentie, signature.zaaknummer) {
        case (let raw?, nil):
            guard let id = UUID(uuidString: raw) else { throw Opdrachtfout("--referentie is de uuid van een terugmelding.") }
            regels = try await Verwerkingslog.voor(terugmelding: id, on: db)
            wat = id.tekst
        case (nil, let raw?):
            guard let nummer = Zaaknummer(raw) else { throw Opdrachtfout("--zaaknummer ziet eruit als MFO-2026-000123.") }
            guard let m = try await Melding.query(on: db).filter(\.$zaaknummer == nummer.description).first() else {
                throw Opdrachtfout("Er is geen melding \(nummer).")
            }
            regels = try await Verwerkingslogregel.query(on: db).filter(\.$meldingID == m.requireID()).sort(\.$tijdstip).all()
            wat = nummer.description
        default:
            throw Opdrachtfout("Geef --referentie (terugmelding) of --zaaknummer (melding).")
        }
        let orgIDs = Set(regels.compactMap(\.organisatieID))
        let namen = Dictionary(try await Organisatie.query(on: db).filter(\.$id ~~ orgIDs).all().map { ((try $0.requireID()), $0.naam) }, uniquingKeysWith: { a, _ in a })
        let gebruikerIDs = Set(regels.compactMap(\.gebruikerID))
        let gebruikers = Dictionary(try await Gebruiker.query(on: db).filter(\.$id ~~ gebruikerIDs).all().map { ((try $0.requireID()), $0.email) }, uniquingKeysWith: { a, _ in a })
        let f = ISO8601DateFormatter()
        schrijf(context, "tijdstip (UTC)\tactie\torganisatie\tgebruiker\ttrace\tbetrokkene")
        for r in regels {
            schrijf(context, "\(f.string(from: r.tijdstip))\t\(r.actie)\t\(r.organisatieID.flatMap { namen[$0] } ?? "-")\t\(r.gebruikerID.flatMap { gebruikers[$0] } ?? "-")\t\(r.traceID)\t\(r.betrokkeneHash.map { String($0.prefix(16)) } ?? "-")")
        }
        if regels.isEmpty { schrijf(context, "(geen regels voor \(wat))") }
    }
}
