#!/usr/bin/env bash
# SMTP against a real server (aiosmtpd): plain, STARTTLS with AUTH, implicit TLS with AUTH; a
# wrong password and an untrusted certificate are refused. Reads the delivered messages back.
# Usage: bash .ci/smtp.sh <python of the venv> <workdir>
set -euo pipefail
PY=$1; WORK=$2
cd "$(dirname "$0")/.."
mkdir -p "$WORK/smtp"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/smtp/key.pem" -out "$WORK/smtp/cert.pem" -days 2 \
  -subj "/CN=localhost" -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" 2>/dev/null
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
"$PY" .ci/smtp_server.py --port 12525 --map "$WORK/smtp/plain" >"$WORK/smtp/plain.log" 2>&1 & PIDS+=($!)
"$PY" .ci/smtp_server.py --port 12526 --map "$WORK/smtp/starttls" --modus starttls --cert "$WORK/smtp/cert.pem" --key "$WORK/smtp/key.pem" --auth mp:geheim >"$WORK/smtp/starttls.log" 2>&1 & PIDS+=($!)
"$PY" .ci/smtp_server.py --port 12527 --map "$WORK/smtp/tls" --modus tls --cert "$WORK/smtp/cert.pem" --key "$WORK/smtp/key.pem" --auth mp:geheim >"$WORK/smtp/tls.log" 2>&1 & PIDS+=($!)
sleep 2
stuur() {
  MELDPUNT_DATABASE_URL="sqlite://$WORK/smtp/m.sqlite" MELDPUNT_SMTP_URL="$1" MELDPUNT_SMTP_CA_FILE="${2:-}" \
    .build/debug/meldpunt berichten test --aan ontvanger@example.nl >"$WORK/smtp/stuur.log" 2>&1
}
stuur smtp://127.0.0.1:12525
stuur "smtp+starttls://mp:geheim@localhost:12526" "$WORK/smtp/cert.pem"
stuur "smtps://mp:geheim@localhost:12527" "$WORK/smtp/cert.pem"
if stuur "smtp+starttls://mp:fout@localhost:12526" "$WORK/smtp/cert.pem"; then echo "FOUT: verkeerd wachtwoord geaccepteerd"; exit 1; fi
if stuur "smtps://mp:geheim@localhost:12527"; then echo "FOUT: onvertrouwd certificaat geaccepteerd"; exit 1; fi
"$PY" - "$WORK/smtp" <<'PYEOF'
import email, glob, sys
for modus in ["plain", "starttls", "tls"]:
    bestanden = glob.glob(f"{sys.argv[1]}/{modus}/*.eml")
    assert len(bestanden) == 1, (modus, bestanden)
    m = email.message_from_bytes(open(bestanden[0], "rb").read())
    assert m["Auto-Submitted"] == "auto-generated" and m["Message-ID"].startswith("<") and m["Date"], modus
    delen = {p.get_content_type(): p.get_payload(decode=True).decode() for p in m.walk() if not p.is_multipart()}
    assert "testbericht" in delen["text/plain"] and "<html" in delen["text/html"], modus
    print(f"smtp {modus}: afgeleverd, {m['Subject']}")
PYEOF
