import MeldpuntAPI
import MeldpuntWeb
import MeldpuntHTTP
import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Vapor

/// `meldpunt apikey create (--oin OIN | --gemeentecode CODE)` and `meldpunt apikey revoke …`.
struct ApiKeyCommand: AsyncCommandGroup {
    let help = "API-sleutels maken en intrekken"
    var commands: [String: any AnyAsyncCommand] { ["create": ApiKeyCreateCommand(), "revoke": ApiKeyRevokeCommand()] }
}
