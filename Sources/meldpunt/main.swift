import Foundation
import Logging
import MeldpuntApp
import Vapor

#if canImport(Glibc)
import Glibc
// Large blocks (an upload's body and its decoded copies) go back to the system when freed. By
// default glibc raises its mmap threshold after the first such block is freed and keeps later
// ones in its heap, so the resident size stays at the high-water mark (bench: 330 → 202 MB
// peak with four 20 MB uploads at a time).
// (malloc.h is not in Swift's Glibc module: mallopt is looked up by name; M_MMAP_THRESHOLD is -3.)
if let mallopt = dlsym(nil, "mallopt") {
    _ = unsafeBitCast(mallopt, to: (@convention(c) (Int32, Int32) -> Int32).self)(-3, 256 * 1024)
}
#endif

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
