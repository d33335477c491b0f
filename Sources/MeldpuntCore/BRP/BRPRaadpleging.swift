import FluentKit
import Foundation
import MeldpuntDomain

/// Where the BRP says a person is registered: only what helps someone choose a bronhouder.
package struct BRPInschrijving: Sendable, Equatable {
    /// gemeenteVanInschrijving: the code (1999 for the RNI) and its name.
    package let gemeentecode: String?
    package let gemeentenaam: String?
    package let overleden: Bool
    /// The gemeente or the address is under investigation (inOnderzoek).
    package let inOnderzoek: Bool

    package init(gemeentecode: String?, gemeentenaam: String?, overleden: Bool = false, inOnderzoek: Bool = false) {
        self.gemeentecode = gemeentecode
        self.gemeentenaam = gemeentenaam
        self.overleden = overleden
        self.inOnderzoek = inOnderzoek
    }

    /// Registered in the RNI (niet-ingezetene): RvIG, code 1999, is the bronhouder.
    package var inRNI: Bool { gemeentecode == Gemeentecode.rni.description }
}

/// One answer of the BRP. `onbeschikbaar` covers every failure: down, slow, refused — the
/// page says the lookup is unavailable and everything else goes on.
package enum BRPAntwoord: Sendable, Equatable {
    case gevonden(BRPInschrijving)
    case nietGevonden
    case onbeschikbaar
}

/// The BRP (Haal Centraal BRP Personen): asked by BSN only, never with more than needed.
package protocol BRPBevrager: Sendable {
    /// `traceparent` names our record of the lookup as the BRP's caller.
    func raadpleeg(bsn: String, traceparent: String) async -> BRPAntwoord
}

/// Why a lookup was made: the purpose is part of every processing-log entry.
package enum BRPDoel: Sendable {
    /// The afnemer chooses the gemeente to report to.
    case gemeenteKiezen
    /// The bijhouder checks it is the right bronhouder.
    case bronhouderControleren
    /// A system filed without a bronhouder: route to the gemeente van inschrijving.
    case routeren

    var actie: Verwerkingsactie {
        switch self {
        case .gemeenteKiezen: .brpGemeenteKiezen
        case .bronhouderControleren: .brpBronhouderControleren
        case .routeren: .brpRouteren
        }
    }
}

/// A BRP lookup with its processing-log entry (who, why, which person by pseudonym), written
/// whatever the answer: asking is the processing.
package struct BRPRaadpleging: Sendable {
    package let bevrager: (any BRPBevrager)?
    package let pseudoniemen: Pseudonimiseerder
    package let db: any Database
    package let schrijver: Schrijver?
    package let traceID: String
    package let nu: Date

    package init(bevrager: (any BRPBevrager)?, pseudoniemen: Pseudonimiseerder, db: any Database, schrijver: Schrijver?, traceID: String, nu: Date) {
        self.bevrager = bevrager
        self.pseudoniemen = pseudoniemen
        self.db = db
        self.schrijver = schrijver
        self.traceID = traceID
        self.nu = nu
    }

    package var ingesteld: Bool { bevrager != nil }

    /// nil when no BRP is configured; else the answer, the lookup logged.
    package func inschrijving(_ bsn: BSN, doel: BRPDoel, organisatie: UUID?, gebruiker: UUID? = nil, terugmelding: UUID? = nil) async throws -> BRPAntwoord? {
        guard let bevrager else { return nil }
        let spanID = Spoor.huidig?.volgendeSpanID() ?? Spoor.nieuweSpanID()
        let antwoord = await bevrager.raadpleeg(bsn: bsn.value, traceparent: "00-\(Spoor.w3cTraceID(traceID))-\(spanID)-01")
        let regel = Verwerkingslog.regel(doel.actie, organisatie: organisatie, terugmelding: terugmelding, betrokkene: pseudoniemen.pseudoniem("bsn:" + bsn.value),
                                         traceID: traceID, tijdstip: nu, gebruiker: gebruiker, status: antwoord == .onbeschikbaar ? .fout : .ok, spanID: spanID)
        try await schrijver.schrijf(Verwerkingslog.rijen([regel]), op: db)
        return antwoord
    }
}
