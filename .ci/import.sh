#!/usr/bin/env bash
# The CMI's cases taken over (issue 30): 3,000 generated historical cases and one bad row,
# imported with `meldpunt import` into a fresh database, then again — the second run must change
# nothing. Usage: .ci/import.sh DATABASE_URL   (sqlite://… or postgres://…)
set -euo pipefail
URL="$1"
WERK=$(mktemp -d /tmp/meldpunt-import.XXXXXX)
python3 - > "$WERK/cmi.csv" <<'PY'
print("kenmerk,ontvangenOp,naam,email,registraties,betrokkenOrganisaties,watIsFout,status,uitkomst,samenvatting,geslotenOp")
for n in range(1, 3001):
    g = n % 3 != 0
    print(f"CMI-{n},2025-{n % 12 + 1:02d}-{n % 27 + 1:02d},Melder {n},m{n}@example.nl,BRP,Gemeente Utrecht,\"Fout {n}, oud adres\","
          f"{'gesloten' if g else 'inBehandeling'},{'opgelost' if g else ''},{'Het adres is aangepast.' if g else ''},{'2025-12-31' if g else ''}")
print("CMI-fout,2025-01-01,Zonder contact,,BRP,Gemeente Utrecht,,ontvangen,,,")
PY
for ronde in 1 2; do
  status=0
  MELDPUNT_DATABASE_URL="$URL" .build/debug/meldpunt import --bestand "$WERK/cmi.csv" >"$WERK/ronde$ronde.log" 2>&1 || status=$?
  # (tail, not head: a reader that stops early would end the pipeline with SIGPIPE under pipefail)
  grep -v -e "^\s*$" -e "Migrator" "$WERK/ronde$ronde.log" | tail -n 6 || true
  # One row is refused every time, with its line and reasons: the command says so with exit 1.
  [ "$status" = 1 ] || { echo "FOUT: import ronde $ronde eindigde met $status (verwacht 1: één geweigerde regel)"; exit 1; }
  grep -q "regel 3002 (CMI-fout): melding.melder.email" "$WERK/ronde$ronde.log" || { echo "FOUT: de geweigerde regel is niet gemeld"; exit 1; }
done
grep -q "^Ingelezen: 3000$" "$WERK/ronde1.log" || { echo "FOUT: eerste ronde las niet 3000 meldingen in"; exit 1; }
grep -q "^Ingelezen: 0$" "$WERK/ronde2.log" && grep -q "^Al bekend (overgeslagen): 3000$" "$WERK/ronde2.log" \
  || { echo "FOUT: tweede ronde veranderde iets"; exit 1; }
rm -rf "$WERK"
echo "import: 3000 in, tweede ronde niets veranderd"
