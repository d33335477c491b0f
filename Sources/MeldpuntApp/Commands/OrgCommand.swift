import MeldpuntAPI
import MeldpuntWeb
import MeldpuntHTTP
import MeldpuntCore
import Fluent
import Foundation
import MeldpuntDomain
import Vapor

/// `meldpunt org add --naam NAAM [--oin OIN] [--gemeentecode CODE] --rol ROL[,ROL]` and `meldpunt org list`.
struct OrgCommand: AsyncCommandGroup {
    let help = "Organisaties beheren"
    var commands: [String: any AnyAsyncCommand] { ["add": OrgAddCommand(), "list": OrgListCommand()] }
}
