#!/usr/bin/env python3
"""What the database alone can do: the rows of N filings, written by its own shell in transactions
of 100 (as the writer's batches), one connection. The bound for the filing goal of issue 13.

    python3 bench/plafond.py sqlite:///abs/copy.sqlite [--aantal 20000]
    python3 bench/plafond.py postgres://user@host:port/db [--aantal 20000]

Writes into the database it is given (a copy of a bench template, or a template you regenerate):
per filing a terugmelding, its content, its first status row, its processing-log entry and the two
counts (not the outbox row). Prints filings per second. Standard library only, sqlite3 / psql.
"""
import argparse, subprocess, time

PER = 100
INHOUD = '{"terugMeldingHeader":{"gemeentecode":"0363","referentiekenmerk":"x"},"terugMeldingBody":{"objectIdentificatie":[{"attribuutUrn":"urn:brp:persoon:bsn","idWaarde":"999993653"}]}}'
KOLOMMEN = ("id, afnemer_id, bijhouder_id, registratie, status, referentiekenmerk, ontvangen_op, uiterlijk_in_behandeling_op, opgepakt_op, "
            "bsn, anummer, adres, betrokkene_hash, toelichting_kort, laatste_volgnummer, gewijzigd_op, termijn_te_laat")


def tellingen(ams, afn):
    return (f"UPDATE terugmelding_tellingen SET aantal = aantal + {PER} WHERE organisatie_id = '{ams}' AND richting = 'ontvangen' AND status = 'Gemeld';\n"
            f"UPDATE terugmelding_tellingen SET aantal = aantal + {PER} WHERE organisatie_id = '{afn}' AND richting = 'verzonden' AND status = 'Gemeld';")


def sqlite(n, ams, afn):
    nu = "CAST(strftime('%s','now') AS REAL)"
    uit = ["PRAGMA synchronous=FULL;", "PRAGMA busy_timeout=10000;", "CREATE TEMP TABLE nieuw(i, id);"]
    for b in range(n // PER):
        uit.append(f"""BEGIN IMMEDIATE;
DELETE FROM nieuw;
INSERT INTO nieuw WITH RECURSIVE t(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM t WHERE i < {PER - 1})
  SELECT i, upper(printf('%s-%s-7%s-8%s-%s', hex(randomblob(4)), hex(randomblob(2)), substr(hex(randomblob(2)), 2), substr(hex(randomblob(2)), 2), hex(randomblob(6)))) FROM t;
INSERT INTO terugmeldingen ({KOLOMMEN}) SELECT id, '{afn}', '{ams}', 'BRP', 'Gemeld', 'PLAFOND-{b}-' || i, {nu}, date('now', '+7 days'), NULL,
  '999993653', NULL, NULL, hex(randomblob(32)), 'Plafond: huisnummer wijkt af.', 1, {nu}, NULL FROM nieuw;
INSERT INTO terugmelding_inhoud (terugmelding_id, inhoud) SELECT id, '{INHOUD}' FROM nieuw;
INSERT INTO statuswijzigingen (id, terugmelding_id, volgnummer, status, tijdstip, organisatie_id) SELECT substr(id, 1, 19) || 'A' || substr(id, 21), id, 1, 'Gemeld', {nu}, '{afn}' FROM nieuw;
INSERT INTO verwerkingslog (id, tijdstip, organisatie_id, actie, terugmelding_id, trace_id, betrokkene_hash)
  SELECT substr(id, 1, 19) || 'B' || substr(id, 21), {nu}, '{afn}', 'aanmaken', id, 'plafond', hex(randomblob(32)) FROM nieuw;
{tellingen(ams, afn)}
COMMIT;""")
    return "\n".join(uit)


def postgres(n, ams, afn):
    uit = ["CREATE TEMP TABLE nieuw(i int, id uuid);"]
    for b in range(n // PER):
        uit.append(f"""BEGIN;
TRUNCATE nieuw;
INSERT INTO nieuw SELECT i, gen_random_uuid() FROM generate_series(1, {PER}) i;
INSERT INTO terugmeldingen ({KOLOMMEN}) SELECT id, '{afn}', '{ams}', 'BRP', 'Gemeld', 'PLAFOND-{b}-' || i, now(), to_char(now() + interval '7 days', 'YYYY-MM-DD'), NULL,
  '999993653', NULL, NULL, md5(random()::text) || md5(random()::text), 'Plafond: huisnummer wijkt af.', 1, now(), NULL FROM nieuw;
INSERT INTO terugmelding_inhoud (terugmelding_id, inhoud) SELECT id, '{INHOUD}' FROM nieuw;
INSERT INTO statuswijzigingen (id, terugmelding_id, volgnummer, status, tijdstip, organisatie_id) SELECT gen_random_uuid(), id, 1, 'Gemeld', now(), '{afn}' FROM nieuw;
INSERT INTO verwerkingslog (id, tijdstip, organisatie_id, actie, terugmelding_id, trace_id, betrokkene_hash)
  SELECT gen_random_uuid(), now(), '{afn}', 'aanmaken', id, 'plafond', md5(random()::text) FROM nieuw;
{tellingen(ams, afn)}
COMMIT;""")
    return "\n".join(uit)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("database")
    p.add_argument("--aantal", type=int, default=20_000)
    args = p.parse_args()
    if args.database.startswith("sqlite://"):
        pad = args.database[len("sqlite://"):]
        vraag = lambda sql: subprocess.run(["sqlite3", pad, sql], capture_output=True, text=True, check=True).stdout.strip()
        opdracht, sql = ["sqlite3", "-bail", pad], sqlite
    else:
        vraag = lambda sql: subprocess.run(["psql", "-qAt", args.database, "-c", sql], capture_output=True, text=True, check=True).stdout.strip()
        opdracht, sql = ["psql", "-q", "-v", "ON_ERROR_STOP=1", args.database], postgres
    ams = vraag("SELECT id FROM organisaties WHERE gemeentecode = '0363'")
    afn = vraag("SELECT id FROM organisaties WHERE naam LIKE 'Belastingdienst%' LIMIT 1")
    script = sql(args.aantal, ams, afn)
    t = time.time()
    subprocess.run(opdracht, input=script, text=True, check=True, stdout=subprocess.DEVNULL)
    duur = time.time() - t
    print(f"{args.aantal} filings' rows in {duur:.2f} s = {args.aantal / duur:,.0f}/s")


if __name__ == "__main__":
    main()
