import MeldpuntAPI
import MeldpuntWeb
import MeldpuntHTTP
import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Vapor

/// `meldpunt user add --email E --naam N (--oin OIN | --gemeentecode CODE) --rol ROL` (password on stdin)
/// and `meldpunt user disable --email E`.
struct UserCommand: AsyncCommandGroup {
    let help = "Gebruikers van de portalen beheren"
    var commands: [String: any AnyAsyncCommand] { ["add": UserAddCommand(), "disable": UserDisableCommand(), "reset": UserResetCommand()] }
}
