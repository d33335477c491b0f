-- POST /api/v1/terugmeldingen with a new referentiekenmerk and person each time.
local g = dofile(os.getenv("BENCH_WRK") .. "/gemeen.lua")
local threads = 0
local teller = 0
function setup(thread) thread:set("nummer", threads); threads = threads + 1 end
function init(args) kop = g.kop(); teller = 0 end
local sjabloon = [[{"terugMeldingHeader":{"registratie":{"basisRegistratieCode":"BRP"},"gemeentecode":"%s","referentiekenmerk":"WRK-%d-%d-%d","toelichting":"Benchmark: het huisnummer wijkt af van wat de burger opgeeft."},"terugMeldingBody":{"objectIdentificatie":[{"attribuutUrn":"urn:brp:persoon:bsn","idWaarde":"999993653"}],"terugMeldingGegevens":[{"attribuutUrn":"urn:brp:persoon:binnenlands-adres-ingezetene:huisnummer","betwijfeldeWaarde":"%d","voorgesteldeWaarde":"21"}]}}]]
local gemeente = os.getenv("BENCH_GEMEENTE") or "0363"
local ronde = os.time()
function request()
  teller = teller + 1
  return wrk.format("POST", "/api/v1/terugmeldingen", kop, string.format(sjabloon, gemeente, ronde, nummer or 0, teller, teller % 200 + 1))
end
done = g.done
