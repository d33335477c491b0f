#!/usr/bin/env bash
# kill -9 during concurrent filing loses no acknowledged write, and SIGTERM drains it without a
# crash. Files terugmeldingen from several clients at once, kills the server in the middle
# (SIGKILL, then in a second round SIGTERM), starts it again on the same database and checks that
# every terugmelding that got a 201 is there.
# Usage: .ci/kill9.sh DATABASE_URL PORT
set -euo pipefail
DB=$1
POORT=$2
BIN=.build/debug/meldpunt
WERK=$(mktemp -d /tmp/meldpunt-kill9.XXXXXX)
start() {
  MELDPUNT_RATE_LIMITS=off MELDPUNT_PORT=$POORT MELDPUNT_DATABASE_URL=$DB $BIN serve >>"$WERK/server.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$POORT/health" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "FOUT: server startte niet"; tail -20 "$WERK/server.log"; exit 1
}
BODY='{"terugMeldingHeader":{"registratie":{"basisRegistratieCode":"BRP"},"gemeentecode":"0363","toelichting":"kill -9"},
"terugMeldingBody":{"objectIdentificatie":[{"objectType":"persoon","attribuutUrn":"urn:brp:persoon:bsn","idWaarde":"999993653"}],
"terugMeldingGegevens":[{"attribuutUrn":"urn:brp:persoon:binnenlands-adres-ingezetene:huisnummer","betwijfeldeWaarde":"23","voorgesteldeWaarde":"21"}]}}'
belast() {  # $1: round
  for c in $(seq 1 6); do
    ( for i in $(seq 1 400); do
        curl -s -m 5 -o "$WERK/r-$1-$c-$i.json" -w "%{http_code}\n" -X POST "http://127.0.0.1:$POORT/api/v1/terugmeldingen" \
          -H "Authorization: Bearer mpk_demo_belastingdienst" -H "Content-Type: application/json" -d "$BODY" > "$WERK/s-$1-$c-$i" 2>/dev/null || true
      done ) &
  done
}
erkend() {  # $1: round; writes the acknowledged references to $WERK/refs-$1
  local n=0
  : > "$WERK/refs-$1"
  for s in "$WERK"/s-"$1"-*; do
    if [ "$(cat "$s")" = "201" ]; then
      n=$((n + 1))
      python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['terugMeldingReferentie'])" "${s/s-/r-}.json" >> "$WERK/refs-$1"
    fi
  done
  echo "$n"
}
controleer() {  # $1: round, $2: what happened
  local ontbreekt=0
  while read -r ref; do
    code=$(curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$POORT/api/v1/terugmeldingen/$ref" -H "Authorization: Bearer mpk_demo_belastingdienst")
    [ "$code" = "200" ] || { ontbreekt=$((ontbreekt + 1)); echo "ontbreekt: $ref ($code)"; }
  done < "$WERK/refs-$1"
  [ "$ontbreekt" -eq 0 ] || { echo "FOUT: $ontbreekt erkende terugmeldingen verloren na $2"; exit 1; }
}

start
belast 1
sleep 4
kill -9 "$SERVER"
wait 2>/dev/null || true
n=$(erkend 1)
echo "erkend voor kill -9: $n"
[ "$n" -gt 0 ] || { echo "FOUT: niets erkend voor de kill"; exit 1; }
start
controleer 1 "kill -9"
echo "kill -9: alle $n erkende terugmeldingen zijn er nog"

# SIGTERM under the same load: running requests finish, the process ends cleanly.
belast 2
sleep 3
kill -TERM "$SERVER"
status=0
wait "$SERVER" || status=$?
wait 2>/dev/null || true
if [ "$status" -ne 0 ] || grep -q "Fatal error" "$WERK/server.log"; then
  echo "FOUT: SIGTERM eindigde met status $status"; tail -30 "$WERK/server.log"; exit 1
fi
n=$(erkend 2)
echo "erkend voor SIGTERM: $n (server stopte met status 0)"
start
controleer 2 "SIGTERM"
kill "$SERVER" 2>/dev/null || true
wait 2>/dev/null || true
echo "SIGTERM: alle $n erkende terugmeldingen zijn er nog"
rm -rf "$WERK"
