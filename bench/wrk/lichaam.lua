-- POST the file BENCH_LICHAAM to BENCH_PAD (the anchor's insert, a filing with 20 MB of attachments).
local g = dofile(os.getenv("BENCH_WRK") .. "/gemeen.lua")
local threads = 0
function setup(thread) thread:set("nummer", threads); threads = threads + 1 end
function init(args)
  kop = g.kop()
  local f = assert(io.open(os.getenv("BENCH_LICHAAM"), "rb"))
  sjabloon = f:read("*a")
  f:close()
  teller = 0
  pad = os.getenv("BENCH_PAD")
end
function request()
  teller = teller + 1
  -- A different kenmerk each time, so nothing is deduplicated away.
  local body = sjabloon:gsub("@N@", string.format("%d-%d-%d", os.time(), nummer or 0, teller), 1)
  return wrk.format("POST", pad, kop, body)
end
done = g.done
