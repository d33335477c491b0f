#!/usr/bin/env bash
# kill -9 during concurrent filing loses no acknowledged write. Files terugmeldingen from
# several clients at once, kills the server with SIGKILL in the middle, starts it again on the
# same database and checks that every terugmelding that got a 201 is there.
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
start
for c in $(seq 1 6); do
  ( for i in $(seq 1 400); do
      curl -s -m 5 -o "$WERK/r-$c-$i.json" -w "%{http_code}\n" -X POST "http://127.0.0.1:$POORT/api/v1/terugmeldingen" \
        -H "Authorization: Bearer mpk_demo_belastingdienst" -H "Content-Type: application/json" -d "$BODY" > "$WERK/s-$c-$i" 2>/dev/null || true
    done ) &
done
sleep 4
kill -9 "$SERVER"
wait 2>/dev/null || true
erkend=0
for s in "$WERK"/s-*; do
  if [ "$(cat "$s")" = "201" ]; then
    erkend=$((erkend + 1))
    python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['terugMeldingReferentie'])" "${s/s-/r-}.json" >> "$WERK/refs"
  fi
done
echo "erkend voor kill -9: $erkend"
[ "$erkend" -gt 0 ] || { echo "FOUT: niets erkend voor de kill"; exit 1; }
start
ontbreekt=0
while read -r ref; do
  code=$(curl -s -o /dev/null -w "%{http_code}" "http://127.0.0.1:$POORT/api/v1/terugmeldingen/$ref" -H "Authorization: Bearer mpk_demo_belastingdienst")
  [ "$code" = "200" ] || { ontbreekt=$((ontbreekt + 1)); echo "ontbreekt: $ref ($code)"; }
done < "$WERK/refs"
kill "$SERVER" 2>/dev/null || true
wait 2>/dev/null || true
[ "$ontbreekt" -eq 0 ] || { echo "FOUT: $ontbreekt erkende terugmeldingen verloren na kill -9"; exit 1; }
echo "kill -9: alle $erkend erkende terugmeldingen zijn er nog"
rm -rf "$WERK"
