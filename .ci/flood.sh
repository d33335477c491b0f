#!/usr/bin/env bash
# Limits before work: 16 parallel anonymous 30 MB POSTs (with and without Content-Length) to the
# login page and the public form must be refused without the server's peak memory growing past
# 300 MB, and the server must keep answering. Usage: .ci/flood.sh PORT PID
set -euo pipefail
POORT=$1
PID=$2
BESTAND=$(mktemp /tmp/meldpunt-flood.XXXXXX)
head -c $((30 * 1024 * 1024)) /dev/zero > "$BESTAND"
voor=$(awk '/VmHWM/ {print $2}' "/proc/$PID/status")
for i in $(seq 1 8); do
  curl -s -o /dev/null -w "%{http_code}\n" -X POST --data-binary "@$BESTAND" -H "Content-Type: application/x-www-form-urlencoded" \
    "http://127.0.0.1:$POORT/inloggen" &
  curl -s -o /dev/null -w "%{http_code}\n" -X POST -T "$BESTAND" -H "Transfer-Encoding: chunked" -H "Content-Type: multipart/form-data; boundary=x" \
    "http://127.0.0.1:$POORT/melden/formulier" &
done > /tmp/meldpunt-flood-codes.txt 2>/dev/null
# With the form's cookie (as an attacker who loaded the page first): the upload route reads
# at most its limit, and only as many at once as the memory budget allows.
JAR=$(mktemp /tmp/meldpunt-flood-jar.XXXXXX)
curl -s -c "$JAR" -o /tmp/meldpunt-flood-form.html "http://127.0.0.1:$POORT/melden"
CSRF=$(grep -o 'name="_csrf" value="[^"]*"' /tmp/meldpunt-flood-form.html | head -1 | cut -d'"' -f4)
for i in $(seq 1 16); do
  curl -s -b "$JAR" -o /dev/null -w "%{http_code}\n" -X POST -T "$BESTAND" -H "Transfer-Encoding: chunked" \
    -H "Content-Type: multipart/form-data; boundary=x" "http://127.0.0.1:$POORT/melden/formulier?_csrf=$CSRF" &
done >> /tmp/meldpunt-flood-codes.txt 2>/dev/null
wait
rm -f "$JAR"
rm -f "$BESTAND"
na=$(awk '/VmHWM/ {print $2}' "/proc/$PID/status")
echo "statuscodes: $(sort /tmp/meldpunt-flood-codes.txt | uniq -c | tr '\n' ' ')"
echo "piekgeheugen: $((voor / 1024)) MB voor, $((na / 1024)) MB na"
if grep -q "^2" /tmp/meldpunt-flood-codes.txt; then echo "FOUT: een grote anonieme POST werd aangenomen"; exit 1; fi
if [ "$na" -gt $((300 * 1024)) ]; then echo "FOUT: piekgeheugen boven 300 MB"; exit 1; fi
curl -fs "http://127.0.0.1:$POORT/health" >/dev/null || { echo "FOUT: server antwoordt niet meer"; exit 1; }
echo "flood: geweigerd, server antwoordt"
