import Foundation
import Logging
import MeldpuntApp
import Vapor

var env = try Environment.detect()
let level = try Logger.Level.detect(from: &env)
// Logs go to standard error, so that a command's own output (an API key) stands alone on stdout.
LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = level
    return handler
}

let app = try await Application.make(env)
var code: Int32 = 0
do {
    try await configure(app)
} catch {
    FileHandle.standardError.write(Data("meldpunt: starten mislukt: \(error)\n".utf8))
    code = 1
}
if code == 0 {
    do {
        try await app.execute()
    } catch {
        // Vapor already logged the command's error; a clear exit code is what scripts need.
        code = 1
    }
}
try? await app.asyncShutdown()
exit(code)
