-- GET one of the paths in BENCH_PADEN (one per line), round-robin from a per-thread start.
local g = dofile(os.getenv("BENCH_WRK") .. "/gemeen.lua")
local teller = 0
local threads = 0
function setup(thread) thread:set("nummer", threads); threads = threads + 1 end
function init(args)
  paden = g.regels(os.getenv("BENCH_PADEN"))
  kop = g.kop()
  teller = (nummer or 0) * 7919
end
function request()
  teller = teller + 1
  return wrk.format("GET", paden[(teller % #paden) + 1], kop)
end
done = g.done
