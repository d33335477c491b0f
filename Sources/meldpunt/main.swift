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
do {
    try await configure(app)
    try await app.execute()
} catch {
    app.logger.report(error: error)
    try? await app.asyncShutdown()
    throw error
}
try await app.asyncShutdown()
