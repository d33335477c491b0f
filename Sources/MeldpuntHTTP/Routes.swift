import MeldpuntAdressen
import Vapor

extension Adrestabel {
    /// The route this address is registered under: its fixed parts, its parameters by name.
    package var route: [PathComponent] {
        delen.map {
            switch $0 {
            case .vast(let s): .constant(s)
            case .parameter(let naam, _): .parameter(naam)
            }
        }
    }
}
