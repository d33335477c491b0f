-- POST a status change for each line "id|new status" of BENCH_IDS, each line once (threads take
-- disjoint lines, starting at BENCH_VANAF so the measured runs use different ones).
-- Every change carries an explanation ('Afgehandeld' needs one).
local g = dofile(os.getenv("BENCH_WRK") .. "/gemeen.lua")
local threads = 0
function setup(thread) thread:set("nummer", threads); threads = threads + 1 end
function init(args)
  ids = g.regels(os.getenv("BENCH_IDS"))
  kop = g.kop()
  stap = tonumber(os.getenv("BENCH_THREADS") or "2")
  plek = tonumber(os.getenv("BENCH_VANAF") or "0") + (nummer or 0)
end
function request()
  local id, status = ids[(plek % #ids) + 1]:match("([^|]+)|(.+)")
  plek = plek + stap
  local body = string.format('{"status":"%s","toelichting":"Benchmark: onderzocht en gecorrigeerd.","uitkomst":"%s"}', status,
    status == "Afgehandeld" and "verbeterd" or "")
  if status ~= "Afgehandeld" then body = string.format('{"status":"%s","toelichting":"Benchmark: opgepakt."}', status) end
  return wrk.format("POST", "/api/v1/terugmeldingen/" .. id .. "/statuswijzigingen", kop, body)
end
done = g.done
