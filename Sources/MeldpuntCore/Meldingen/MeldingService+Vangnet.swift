import FluentKit
import Foundation
import MeldpuntDomain

/// The safety net's days of a case (`Zorgnormen`), kept on the case so that the planner and the
/// werkvoorraad read them from an index: the day it passes its acceptable time (from its arrival
/// and complexity), the day the melder is due a contact (from the last one), and the earliest
/// pay-by day of a consequence not yet repaired.
package struct Vangnetdagen: Sendable {
    package let kalender: Werkdagkalender
    package let normen: Zorgnormen

    func zet(_ m: Melding, laatsteContact: Dag?, gevolgen: [MeldingGevolg]) throws {
        m.doorlooptijdUiterlijk = try kalender.plusWerkdagen(normen.doorlooptijd(try MeldingService.analyse(m)?.complexiteit), na: Dag(m.ontvangenOp))
        m.contactVolgendeOp = try laatsteContact.map { try volgendContact(m, na: $0) }
        m.betalenUiterlijk = MeldingGevolg.betalenUiterlijk(gevolgen)
    }

    func volgendContact(_ m: Melding, na dag: Dag) throws -> Dag {
        try kalender.plusWerkdagen(normen.contactritme(try MeldingService.analyse(m)?.complexiteit), na: dag)
    }

    /// The same, reading the last contact and the consequences (after the analysis, a repair, or
    /// for a case from before the safety net).
    func werkBij(_ m: Melding, on db: any Database) async throws {
        let id = try m.requireID()
        let laatste = try await MeldingGebeurtenis.query(on: db).filter(\.$melding.$id == id).filter(\.$soort == .contact)
            .sort(\.$tijdstip, .descending).first()
        let gevolgen = try await MeldingGevolg.query(on: db).filter(\.$melding.$id == id).all()
        // The contact's own day (a call recorded later counts from when it was made).
        try zet(m, laatsteContact: try laatste.map { try $0.gegevensWaarde()?.datum ?? Dag($0.tijdstip) }, gevolgen: gevolgen)
    }
}

extension MeldingService {
    var vangnet: Vangnetdagen { Vangnetdagen(kalender: kalender, normen: zorgnormen) }

    func zetVangnetdagen(_ m: Melding, laatsteContact: Dag?, gevolgen: [MeldingGevolg]) throws {
        try vangnet.zet(m, laatsteContact: laatsteContact, gevolgen: gevolgen)
    }

    func volgendContact(_ m: Melding, na dag: Dag) throws -> Dag { try vangnet.volgendContact(m, na: dag) }

    func werkVangnetBij(_ m: Melding, on db: any Database) async throws { try await vangnet.werkBij(m, on: db) }
}
