import MeldpuntHTTP
import MeldpuntCore
import MeldpuntDomain
import Fluent
import Vapor

/// The login pages' models.
extension AccountController {
    struct InlogFormulier: Encodable, Sendable {
        var email = ""
        var terug = "/portaal"
        var fouten: [VeldFout] = [] {
            didSet {
                emailFout = fouten.first { $0.veld == "email" }?.tekst
                wachtwoordFout = fouten.first { $0.veld == "wachtwoord" }?.tekst
            }
        }
        var fout: String?
        var emailFout: String?
        var wachtwoordFout: String?
    }
}
