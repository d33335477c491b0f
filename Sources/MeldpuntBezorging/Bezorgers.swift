import AsyncHTTPClient
import Foundation
import MeldpuntCore
import MeldpuntDomain
import NIOCore
import NIOHTTP1

/// The delivery worker's transports: mail over SMTP or into a folder, events over HTTP.
package struct Netwerkbezorgers: Bezorgers {
    package enum Mailweg: Sendable {
        case smtp(SMTPClient)
        /// One .eml file per message: development without an SMTP server.
        case map(String)
    }

    package let mailweg: Mailweg
    package let van: String
    /// The domain of Message-IDs: the host of the public address.
    package let domein: String
    package let http: HTTPClient
    /// Refuse callbacks to loopback and private addresses (production).
    package let alleenPubliek: Bool

    /// The client for webhooks: no redirects (a receiver cannot send us into the meldpunt's own
    /// network), a short connect timeout and no retried connects, so an unreachable receiver
    /// fails at once instead of holding the worker until the request's deadline.
    package static func webhookClient(_ group: any EventLoopGroup, vastAdres: [String: String] = [:]) -> HTTPClient {
        var c = HTTPClient.Configuration(redirectConfiguration: .disallow,
                                         timeout: .init(connect: .seconds(5), read: .seconds(15)))
        c.connectionPool.retryConnectionEstablishment = false
        c.decompression = .disabled
        c.dnsOverride = vastAdres
        return HTTPClient(eventLoopGroup: group, configuration: c)
    }

    package init(mailweg: Mailweg, van: String, domein: String, http: HTTPClient, alleenPubliek: Bool) {
        self.mailweg = mailweg
        self.van = van
        self.domein = domein
        self.http = http
        self.alleenPubliek = alleenPubliek
    }

    package func verstuur(_ mail: UitgaandeMail) async throws {
        // The address goes into a header and an SMTP command: checked again here, whatever stored it.
        guard isEmailadres(mail.aan) else { throw BezorgFout("Geen geldig e-mailadres.") }
        let bericht = Mailopmaak.bericht(mail, van: van, domein: domein)
        switch mailweg {
        case .smtp(let client):
            try await client.verstuur(van: Mailopmaak.adres(van), aan: mail.aan, bericht: bericht)
        case .map(let map):
            try FileManager.default.createDirectory(atPath: map, withIntermediateDirectories: true)
            let naam = "\(Int(mail.datum.timeIntervalSince1970))-\(mail.id.uuidString.lowercased()).eml"
            // Written aside and renamed: a reader never sees half a message.
            let tijdelijk = (map as NSString).appendingPathComponent("." + naam + ".tmp")
            try Data(bericht.utf8).write(to: URL(fileURLWithPath: tijdelijk))
            let doel = (map as NSString).appendingPathComponent(naam)
            try? FileManager.default.removeItem(atPath: doel)
            try FileManager.default.moveItem(atPath: tijdelijk, toPath: doel)
        }
    }

    package func verstuur(_ webhook: UitgaandeWebhook) async throws {
        if let fout = Callbackadres.fout(webhook.url, alleenPubliek: alleenPubliek) { throw BezorgFout(fout.nl) }
        guard alleenPubliek else { return try await verstuur(webhook, met: http) }
        // Decided on the resolved address, and connected to that address (certificate and SNI
        // still for the name): a client of its own, pinned for this one call.
        guard let c = URLComponents(string: webhook.url), let host = c.host else { throw BezorgFout("Geen geldig adres.") }
        let ip = try await Callbackbestemming.controleer(host: host, poort: c.port ?? (c.scheme == "http" ? 80 : 443))
        let vast = Self.webhookClient(http.eventLoopGroup, vastAdres: [host: ip])
        do {
            try await verstuur(webhook, met: vast)
            try await vast.shutdown()
        } catch {
            try? await vast.shutdown()
            throw error
        }
    }

    private func verstuur(_ webhook: UitgaandeWebhook, met http: HTTPClient) async throws {
        var verzoek = HTTPClientRequest(url: webhook.url)
        verzoek.method = .POST
        for (naam, waarde) in webhook.headers { verzoek.headers.add(name: naam, value: waarde) }
        verzoek.headers.add(name: "User-Agent", value: "Meldpunt")
        verzoek.body = .bytes(ByteBuffer(bytes: webhook.body))
        let antwoord = try await http.execute(verzoek, timeout: .seconds(Int64(webhook.tijdslimiet)))
        // Only the status matters; a little of the body is read so the connection can be reused.
        _ = try? await antwoord.body.collect(upTo: 64 * 1024)
        guard (200..<300).contains(Int(antwoord.status.code)) else {
            throw BezorgFout("De ontvanger antwoordde \(antwoord.status.code).")
        }
    }
}

