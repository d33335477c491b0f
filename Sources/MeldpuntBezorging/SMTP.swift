import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// An SMTP client for one message per connection (RFC 5321): plain for a relay on the same host
/// or network, STARTTLS (RFC 3207) or implicit TLS (RFC 8314), AUTH PLAIN or LOGIN over TLS only.
package struct SMTPClient: Sendable {
    package enum Beveiliging: Sendable { case geen, starttls, tls }

    package let host: String
    package let poort: Int
    package let beveiliging: Beveiliging
    package let gebruiker: String?
    package let wachtwoord: String?
    /// The name this side gives in EHLO.
    package let helo: String
    package let tls: TLSConfiguration
    package let group: any EventLoopGroup
    package var tijdslimiet: TimeAmount = .seconds(30)

    package init(host: String, poort: Int, beveiliging: Beveiliging, gebruiker: String?, wachtwoord: String?, helo: String,
                 tls: TLSConfiguration = .makeClientConfiguration(), group: any EventLoopGroup) {
        self.host = host
        self.poort = poort
        self.beveiliging = beveiliging
        self.gebruiker = gebruiker
        self.wachtwoord = wachtwoord
        self.helo = helo
        self.tls = tls
        self.group = group
    }

    /// Hands one message (headers and body, CRLF line ends) to the server for `aan`.
    package func verstuur(van: String, aan: String, bericht: String) async throws {
        let (antwoorden, voortzetting) = AsyncThrowingStream<SMTPAntwoord, any Error>.makeStream()
        let sslContext = try NIOSSLContext(configuration: tls)
        let host = host, implicietTLS = beveiliging == .tls
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(.seconds(10))
            .channelInitializer { ch in
                ch.eventLoop.makeCompletedFuture {
                    if implicietTLS {
                        try ch.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: sslContext, serverHostname: host))
                    }
                    try ch.pipeline.syncOperations.addHandler(SMTPRegels(voortzetting))
                }
            }
            .connect(host: host, port: poort).get()
        // A server that stops answering ends the conversation instead of holding the worker.
        let wacht = channel.eventLoop.scheduleTask(in: tijdslimiet) { channel.close(promise: nil) }
        defer {
            wacht.cancel()
            channel.close(promise: nil)
        }
        var lijn = antwoorden.makeAsyncIterator()

        func antwoord(_ verwacht: Set<Int>, op opdracht: String) async throws -> SMTPAntwoord {
            guard let a = try await lijn.next() else { throw SMTPFout("De SMTP-server verbrak de verbinding (na \(opdracht)).") }
            guard verwacht.contains(a.code) else { throw SMTPFout("SMTP \(opdracht): \(a.code) \(a.regels.joined(separator: " "))") }
            return a
        }
        func stuur(_ tekst: String, _ verwacht: Set<Int>, _ naam: String) async throws -> SMTPAntwoord {
            try await channel.writeAndFlush(ByteBuffer(string: tekst + "\r\n"))
            return try await antwoord(verwacht, op: naam)
        }

        _ = try await antwoord([220], op: "verbinden")
        var ehlo = try await stuur("EHLO \(helo)", [250], "EHLO")
        if beveiliging == .starttls {
            guard ehlo.kan("STARTTLS") else { throw SMTPFout("De SMTP-server biedt geen STARTTLS aan.") }
            _ = try await stuur("STARTTLS", [220], "STARTTLS")
            try await channel.pipeline.addHandler(try NIOSSLClientHandler(context: sslContext, serverHostname: host), position: .first)
            ehlo = try await stuur("EHLO \(helo)", [250], "EHLO")
        }
        if let gebruiker, let wachtwoord {
            guard beveiliging != .geen else { throw SMTPFout("Inloggen bij SMTP alleen over TLS.") }
            if ehlo.authMethoden.contains("PLAIN") || ehlo.authMethoden.isEmpty {
                let token = Data("\0\(gebruiker)\0\(wachtwoord)".utf8).base64EncodedString()
                _ = try await stuur("AUTH PLAIN \(token)", [235], "AUTH PLAIN")
            } else {
                _ = try await stuur("AUTH LOGIN", [334], "AUTH LOGIN")
                _ = try await stuur(Data(gebruiker.utf8).base64EncodedString(), [334], "AUTH LOGIN")
                _ = try await stuur(Data(wachtwoord.utf8).base64EncodedString(), [235], "AUTH LOGIN")
            }
        }
        _ = try await stuur("MAIL FROM:<\(van)>", [250], "MAIL FROM")
        _ = try await stuur("RCPT TO:<\(aan)>", [250, 251], "RCPT TO")
        _ = try await stuur("DATA", [354], "DATA")
        _ = try await stuur(Self.puntGevuld(bericht) + "\r\n.", [250], "einde DATA")
        try? await channel.writeAndFlush(ByteBuffer(string: "QUIT\r\n"))
    }

    /// RFC 5321 §4.5.2: a line that starts with a dot gets one more.
    static func puntGevuld(_ bericht: String) -> String {
        bericht.components(separatedBy: "\r\n").map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n")
    }
}

package struct SMTPFout: Error, CustomStringConvertible {
    package let description: String
    init(_ d: String) { description = d }
}

/// One reply: its code and the text of each of its lines.
struct SMTPAntwoord: Sendable {
    let code: Int
    let regels: [String]

    func kan(_ uitbreiding: String) -> Bool { regels.contains { $0.uppercased().hasPrefix(uitbreiding) } }

    var authMethoden: [String] {
        regels.first { $0.uppercased().hasPrefix("AUTH") }.map { $0.uppercased().split(separator: " ").dropFirst().map(String.init) } ?? []
    }
}

/// Splits what the server sends into replies ("250-…" lines continue, "250 …" ends one).
final class SMTPRegels: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = ByteBuffer

    private let voortzetting: AsyncThrowingStream<SMTPAntwoord, any Error>.Continuation
    private var buffer = ""
    private var regels: [String] = []

    init(_ voortzetting: AsyncThrowingStream<SMTPAntwoord, any Error>.Continuation) {
        self.voortzetting = voortzetting
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        buffer += bytes.readString(length: bytes.readableBytes) ?? ""
        guard buffer.count < 64 * 1024 else {
            voortzetting.finish(throwing: SMTPFout("Het antwoord van de SMTP-server is te lang."))
            context.close(promise: nil)
            return
        }
        while let einde = buffer.range(of: "\n") {
            let regel = buffer[..<einde.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
            buffer.removeSubrange(..<einde.upperBound)
            guard regel.count >= 3, let code = Int(regel.prefix(3)) else {
                voortzetting.finish(throwing: SMTPFout("Onverwacht antwoord van de SMTP-server."))
                return
            }
            let rest = regel.dropFirst(4)
            regels.append(String(rest))
            if regel.count == 3 || regel[regel.index(regel.startIndex, offsetBy: 3)] != "-" {
                voortzetting.yield(SMTPAntwoord(code: code, regels: regels))
                regels = []
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        voortzetting.finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        voortzetting.finish(throwing: error)
        context.close(promise: nil)
    }
}
