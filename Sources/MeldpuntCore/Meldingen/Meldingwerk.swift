import FluentKit
import Foundation
import MeldpuntDomain

/// The case engine by job. Each job is a type of its own whose only entry points are its use
/// cases; they share the case bookkeeping in `MeldingService` (finding a case, recording a
/// step with its events, the read models), reached through `zaken`.
package protocol Meldingwerk: Sendable {
    var zaken: MeldingService { get }
}

extension Meldingwerk {
    var db: any Database { zaken.db }
    var nu: Date { zaken.nu }
    var kalender: Werkdagkalender { zaken.kalender }
    var pseudoniemen: Pseudonimiseerder { zaken.pseudoniemen }
    var traceID: String { zaken.traceID }
    var berichten: Berichtgeving { zaken.berichten }
    var contactnormWerkdagen: Int { zaken.contactnormWerkdagen }

    package typealias Ontvangen = MeldingService.Ontvangen
    package typealias Eenmalig = MeldingService.Eenmalig
    package typealias MelderWeergave = MeldingService.MelderWeergave
    package typealias Werkvoorraad = MeldingService.Werkvoorraad
    package typealias Gebeurtenis = MeldingService.Gebeurtenis
    package typealias VerzoekStap = MeldingService.VerzoekStap
    package typealias Kant = MeldingService.Kant
}

/// Taking in a melding: from the form, the API or (later) staff; once per single-use key.
package struct Meldingintake: Meldingwerk { package let zaken: MeldingService }

/// The staff's steps on a case: contact, analysis, role, messages, next step, status, closing.
package struct Meldingbehandeling: Meldingwerk { package let zaken: MeldingService }

/// The melder's side: the status page, messages and attachments, a new link, the rating.
package struct Melderportaal: Meldingwerk { package let zaken: MeldingService }

/// What staff see: the work queues and their counts, one case, its attachments.
package struct Meldingoverzicht: Meldingwerk { package let zaken: MeldingService }

/// The meldpunt's side of the requests to partners: asking, writing, deadlines, escalation.
package struct Verzoekbehandeling: Meldingwerk { package let zaken: MeldingService }

/// The partner's side of the requests: its list, answering, messages, deadlines, attachments.
package struct Partnerportaal: Meldingwerk { package let zaken: MeldingService }

extension MeldingService {
    package var intake: Meldingintake { Meldingintake(zaken: self) }
    package var behandeling: Meldingbehandeling { Meldingbehandeling(zaken: self) }
    package var melderportaal: Melderportaal { Melderportaal(zaken: self) }
    package var overzicht: Meldingoverzicht { Meldingoverzicht(zaken: self) }
    package var verzoeken: Verzoekbehandeling { Verzoekbehandeling(zaken: self) }
    package var partnerportaal: Partnerportaal { Partnerportaal(zaken: self) }
}
