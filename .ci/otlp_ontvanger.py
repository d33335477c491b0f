"""A real OTLP/HTTP receiver for traces, built on the official OpenTelemetry protobuf
definitions (opentelemetry-proto from PyPI): it decodes each ExportTraceServiceRequest as any
collector would, acknowledges it, and writes every span as one JSON line.

    python .ci/otlp_ontvanger.py --port 4318 --uit spans.jsonl
"""
import argparse
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from google.protobuf.message import DecodeError
from opentelemetry.proto.collector.trace.v1 import trace_service_pb2

slot = threading.Lock()


def waarde(v):
    soort = v.WhichOneof("value")
    return getattr(v, soort) if soort else None


class Ontvanger(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path != "/v1/traces" or self.headers.get("Content-Type") != "application/x-protobuf":
            self.send_response(415 if self.path == "/v1/traces" else 404)
            self.end_headers()
            return
        verzoek = trace_service_pb2.ExportTraceServiceRequest()
        try:
            verzoek.ParseFromString(body)
        except DecodeError:
            self.send_response(400)
            self.end_headers()
            return
        regels = []
        for rs in verzoek.resource_spans:
            resource = {a.key: waarde(a.value) for a in rs.resource.attributes}
            for ss in rs.scope_spans:
                for s in ss.spans:
                    regels.append(json.dumps({
                        "traceId": s.trace_id.hex(), "spanId": s.span_id.hex(), "parentSpanId": s.parent_span_id.hex(),
                        "name": s.name, "kind": s.kind, "start": s.start_time_unix_nano, "end": s.end_time_unix_nano,
                        "status": s.status.code, "attributes": {a.key: waarde(a.value) for a in s.attributes},
                        "resource": resource, "scope": ss.scope.name,
                    }))
        with slot, open(self.server.uit, "a") as f:
            for r in regels:
                f.write(r + "\n")
        antwoord = trace_service_pb2.ExportTraceServiceResponse().SerializeToString()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", str(len(antwoord)))
        self.end_headers()
        self.wfile.write(antwoord)


if __name__ == "__main__":
    a = argparse.ArgumentParser()
    a.add_argument("--port", type=int, required=True)
    a.add_argument("--uit", required=True)
    args = a.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Ontvanger)
    server.uit = args.uit
    server.serve_forever()
