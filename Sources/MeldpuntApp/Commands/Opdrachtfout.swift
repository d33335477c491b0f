/// A command line used wrongly (a missing or malformed option): said in the terminal, in Dutch
/// as the other CLI texts. What the core refuses comes as its `Weigering`.
import MeldpuntCore
import Vapor

extension Application {
    /// The administration use cases as the operator at the command line (audited as "cli").
    var beheerVanuitCLI: Beheer { Beheer(db: db, door: nil, nu: klok.nu()) }
}

struct Opdrachtfout: Error, CustomStringConvertible {
    let description: String
    init(_ tekst: String) { description = tekst }
}
