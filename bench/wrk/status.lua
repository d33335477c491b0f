-- POST a status change to terugmeldingen from BENCH_IDS, each id once (threads take disjoint
-- ids, starting at BENCH_VANAF so the three measured runs use different ones).
-- BENCH_STATUS is the new status; 'Afgehandeld' comes with the explanation it needs.
local g = dofile(os.getenv("BENCH_WRK") .. "/gemeen.lua")
local threads = 0
function setup(thread) thread:set("nummer", threads); threads = threads + 1 end
function init(args)
  ids = g.regels(os.getenv("BENCH_IDS"))
  kop = g.kop()
  stap = tonumber(os.getenv("BENCH_THREADS") or "2")
  plek = tonumber(os.getenv("BENCH_VANAF") or "0") + (nummer or 0)
  body = string.format('{"status":"%s","toelichting":"Benchmark: onderzocht en gecorrigeerd."}', os.getenv("BENCH_STATUS") or "In behandeling")
end
function request()
  local id = ids[(plek % #ids) + 1]
  plek = plek + stap
  return wrk.format("POST", "/api/v1/terugmeldingen/" .. id .. "/statuswijzigingen", kop, body)
end
done = g.done
