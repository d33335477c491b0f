"""A real SMTP server for the tests (aiosmtpd): plain, STARTTLS or implicit TLS, optionally
with AUTH; every accepted message is written to a folder as one .eml file.

    python .ci/smtp_server.py --port 2525 --map /tmp/mail [--modus starttls --cert c.pem --key k.pem --auth user:pass]
"""
import argparse
import os
import ssl
import time
import uuid

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Opslag:
    def __init__(self, map):
        self.map = map
        os.makedirs(map, exist_ok=True)

    async def handle_DATA(self, server, session, envelope):
        naam = os.path.join(self.map, f"{time.time():.6f}-{uuid.uuid4().hex}.eml")
        with open(naam + ".tmp", "wb") as f:
            f.write(b"X-Envelope-To: " + ",".join(envelope.rcpt_tos).encode() + b"\r\n")
            f.write(envelope.original_content or envelope.content)
        os.rename(naam + ".tmp", naam)
        return "250 OK"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--map", required=True)
    p.add_argument("--modus", choices=["plain", "starttls", "tls"], default="plain")
    p.add_argument("--cert")
    p.add_argument("--key")
    p.add_argument("--auth", help="gebruiker:wachtwoord")
    a = p.parse_args()

    kwargs = {}
    context = None
    if a.modus != "plain":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(a.cert, a.key)
    if a.modus == "starttls":
        kwargs.update(tls_context=context, require_starttls=True)
    if a.auth:
        gebruiker, wachtwoord = a.auth.split(":", 1)

        def controleer(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == gebruiker and auth_data.password.decode() == wachtwoord
            return AuthResult(success=ok)

        # With implicit TLS aiosmtpd does not see the connection as TLS (it only tracks STARTTLS):
        # the whole session is encrypted there, so its own check is left off.
        kwargs.update(authenticator=controleer, auth_required=True, auth_require_tls=a.modus != "tls")
    controller = Controller(Opslag(a.map), hostname="127.0.0.1", port=a.port,
                            ssl_context=context if a.modus == "tls" else None, server_hostname="localhost", **kwargs)
    controller.start()
    print(f"smtp {a.modus} op 127.0.0.1:{a.port}", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
