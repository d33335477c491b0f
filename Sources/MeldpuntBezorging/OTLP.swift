import AsyncHTTPClient
import Foundation
import MeldpuntCore
import NIOCore

/// Processing records to an OpenTelemetry collector over OTLP/HTTP (protobuf), as Logboek
/// Dataverwerkingen recommends. Written here rather than with swift-otel's exporter because the
/// records must keep the span ids they were written with (partners' logs join to them) and each
/// batch must be acknowledged before it counts as sent; swift-otel's exporter makes its own ids
/// and drops what a collector refuses.
package struct OTLPLogboek: Logboekontvanger {
    /// The collector's traces endpoint, e.g. `http://collector:4318/v1/traces`.
    package let url: String
    package let http: HTTPClient
    package let dienstversie: String
    package var termijn: TimeAmount = .seconds(10)

    package init(url: String, http: HTTPClient, dienstversie: String) {
        self.url = url
        self.http = http
        self.dienstversie = dienstversie
    }

    package func exporteer(_ records: [Logboekrecord]) async throws {
        var verzoek = HTTPClientRequest(url: url)
        verzoek.method = .POST
        verzoek.headers.add(name: "Content-Type", value: "application/x-protobuf")
        verzoek.headers.add(name: "User-Agent", value: "Meldpunt")
        verzoek.body = .bytes(ByteBuffer(bytes: OTLPProtobuf.exportTraceServiceRequest(records, dienst: "meldpunt", versie: dienstversie)))
        let antwoord = try await http.execute(verzoek, timeout: termijn)
        _ = try? await antwoord.body.collect(upTo: 64 * 1024)
        guard (200..<300).contains(Int(antwoord.status.code)) else { throw BezorgFout("De collector antwoordde \(antwoord.status.code).") }
    }
}

/// The few OTLP messages a trace export needs, in protobuf's wire format
/// (opentelemetry/proto/collector/trace/v1 and trace/v1; field numbers from those files).
package enum OTLPProtobuf {
    package static func exportTraceServiceRequest(_ records: [Logboekrecord], dienst: String, versie: String) -> [UInt8] {
        var verzoek = Protobuf()
        verzoek.bericht(1) { resourceSpans in                      // ExportTraceServiceRequest.resource_spans
            resourceSpans.bericht(1) { resource in                  // ResourceSpans.resource
                resource.sleutelwaarde(1, "service.name", dienst)   // Resource.attributes
                resource.sleutelwaarde(1, "service.version", versie)
            }
            resourceSpans.bericht(2) { scopeSpans in                // ResourceSpans.scope_spans
                scopeSpans.bericht(1) { scope in                    // ScopeSpans.scope
                    scope.tekst(1, "meldpunt.verwerkingslog")
                    scope.tekst(2, versie)
                }
                for r in records {
                    scopeSpans.bericht(2) { span in                 // ScopeSpans.spans
                        span.bytes(1, hex(r.traceID))
                        span.bytes(2, hex(r.spanID))
                        if let ouder = r.ouderSpanID { span.bytes(4, hex(ouder)) }
                        span.tekst(5, r.naam)
                        span.varint(6, 1)                           // SPAN_KIND_INTERNAL
                        span.fixed64(7, nanoseconden(r.start))
                        span.fixed64(8, nanoseconden(r.eind))
                        for (k, v) in r.attributen { span.sleutelwaarde(9, k, v) }
                        span.bericht(15) { status in                // Span.status
                            status.varint(3, UInt64(r.status.rawValue)) // STATUS_CODE_OK 1, ERROR 2
                        }
                    }
                }
            }
        }
        return verzoek.bytes
    }

    static func nanoseconden(_ d: Date) -> UInt64 {
        UInt64(max(0, (d.timeIntervalSince1970 * 1000).rounded())) * 1_000_000
    }

    /// Hex digits to bytes; the ids were checked when written, so a stray digit only yields 0.
    static func hex(_ s: String) -> [UInt8] {
        func waarde(_ c: UInt8) -> UInt8 {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x61...0x66: c - 0x61 + 10
            case 0x41...0x46: c - 0x41 + 10
            default: 0
            }
        }
        let b = Array(s.utf8)
        return stride(from: 0, to: b.count - 1, by: 2).map { waarde(b[$0]) << 4 | waarde(b[$0 + 1]) }
    }
}

/// Protobuf's wire format, only what the messages above use.
package struct Protobuf {
    package var bytes: [UInt8] = []

    package init() {}

    package mutating func ruw(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    package mutating func sleutel(_ veld: Int, _ soort: UInt64) { ruw(UInt64(veld) << 3 | soort) }

    package mutating func varint(_ veld: Int, _ v: UInt64) {
        sleutel(veld, 0)
        ruw(v)
    }

    package mutating func fixed64(_ veld: Int, _ v: UInt64) {
        sleutel(veld, 1)
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(i)))) }
    }

    package mutating func bytes(_ veld: Int, _ d: [UInt8]) {
        sleutel(veld, 2)
        ruw(UInt64(d.count))
        bytes.append(contentsOf: d)
    }

    package mutating func tekst(_ veld: Int, _ s: String) { bytes(veld, Array(s.utf8)) }

    package mutating func bericht(_ veld: Int, _ vul: (inout Protobuf) -> Void) {
        var sub = Protobuf()
        vul(&sub)
        bytes(veld, sub.bytes)
    }

    /// A KeyValue with a string AnyValue.
    package mutating func sleutelwaarde(_ veld: Int, _ k: String, _ v: String) {
        bericht(veld) { kv in
            kv.tekst(1, k)
            kv.bericht(2) { $0.tekst(1, v) }
        }
    }
}
