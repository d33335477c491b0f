import Foundation
import MeldpuntCore
import MeldpuntDigimelding
import MeldpuntDomain
import MeldpuntHTTP
import Vapor

/// `/dmks/v1`: Digimelding DMKS 1.3 over SOAP 1.1 (document/literal), its WSDL at `?wsdl` (and bare) and
/// the schema at `?xsd`. Every failure is a SOAP fault with a Digikoppeling code, never a page.
struct DMKSController: RouteCollection {
    /// As the JSON API: 20 MiB of attachments as base64 plus the XML around them.
    static let maxBody = 32 * 1024 * 1024

    func boot(routes: any RoutesBuilder) throws {
        let dmks = routes.grouped("dmks", "v1")
        dmks.get(use: beschrijving)
        dmks.grouped(UploadBudgetMiddleware()).on(.POST, body: .stream, use: verwerk)
    }

    func beschrijving(req: Request) async throws -> Response {
        // `?wsdl` as SOAP tools ask; the bare address answers the same, `?xsd` the schema alone.
        let tekst = req.url.query == "xsd" ? DMKSDefinitie.xsd : DMKSDefinitie.wsdl(adres: req.application.instellingen.publiekeUrl + "/dmks/v1")
        let response = Response(status: .ok, body: .init(string: tekst))
        response.headers.replaceOrAdd(name: .contentType, value: "text/xml; charset=utf-8")
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        return response
    }

    func verwerk(req: Request) async throws -> Response {
        let actor = req.application.instellingen.publiekeUrl + "/dmks/v1"
        do {
            guard let org = try await beller(req) else {
                throw DMKSFout(.nietGeautoriseerd, "Niet aangemeld: stuur uw API-sleutel mee (Authorization: Bearer <sleutel>) of kom binnen met uw PKIoverheid-certificaat via de proxy.")
            }
            req.logger[metadataKey: "organisatie"] = .string(org.id.uuidString)
            guard let type = req.headers.contentType, (type.type == "text" && type.subType == "xml") || (type.type == "application" && type.subType == "soap+xml") else {
                throw DMKSFout(.nietConformXSD, "Stuur het bericht als text/xml (SOAP 1.1).")
            }
            let body: ByteBuffer
            do {
                body = try await req.body.collect(max: Self.maxBody).get() ?? ByteBuffer()
            } catch {
                throw DMKSFout(.nietConformXSD, "Het bericht is groter dan \(Self.maxBody / 1024 / 1024) MiB.")
            }
            let data = Data(buffer: body)
            // Parsing is linear but can take a while for 30 MiB: not on the request's own thread.
            let verzoek = try await req.application.threadPool.runIfActive { () throws -> DMKSVerzoek in try DMKSLezer.lees(data) }
            var dienst = Digimeldingdienst(terugmeldingen: req.terugmeldingen, beller: org, oinsBasisregistratie: req.application.instellingen.dmksOINs)
            dienst.brp = req.brp
            let antwoord = try await dienst.verwerk(verzoek)
            req.logger.info("DMKS \(verzoek.operatie)", metadata: ["trace": .string(req.traceID)])
            return Self.xml(antwoord, status: .ok)
        } catch let fout as DMKSFout {
            req.logger.notice("DMKS-fout \(fout.code.rawValue)", metadata: ["trace": .string(req.traceID)])
            return Self.xml(DMKSSchrijver.fout(fout, actor: actor), status: .internalServerError)
        } catch {
            req.logger.error("DMKS: verwerking mislukt: \(Foutbeschrijving.veilig(error))", metadata: ["trace": .string(req.traceID)])
            return Self.xml(DMKSSchrijver.fout(DMKSFout(.timeOut, "Het bericht kon nu niet worden verwerkt. Probeer het later opnieuw."), actor: actor),
                            status: .internalServerError)
        }
    }

    /// As the JSON API: an API key, or behind a trusted proxy the OIN of the client certificate.
    func beller(_ req: Request) async throws -> OrganisatieDTO? {
        if let bearer = req.headers.bearerAuthorization {
            return try await Organisaties.metApiSleutel(bearer.token, on: req.db, cache: req.application.sleutelcache)
        }
        return try await Clientcertificaat.organisatie(req)
    }

    static func xml(_ tekst: String, status: HTTPResponseStatus) -> Response {
        let response = Response(status: status, body: .init(string: tekst))
        response.headers.replaceOrAdd(name: .contentType, value: "text/xml; charset=utf-8")
        return response
    }
}
