import MeldpuntAPI
import MeldpuntWeb
import MeldpuntHTTP
import Vapor

/// Plain text to standard output (logs go to standard error).
func schrijf(_ context: CommandContext, _ tekst: String) {
    context.console.output(tekst.consoleText())
}
