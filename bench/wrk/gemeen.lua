-- Shared by every scenario: the Authorization header and a JSON summary on stdout that
-- bench/bench.py reads (wrk's own text stays on stderr-free stdout above it).
local M = {}

function M.kop()
  local h = { ["Content-Type"] = "application/json" }
  local sleutel = os.getenv("BENCH_SLEUTEL")
  if sleutel and sleutel ~= "" then h["Authorization"] = "Bearer " .. sleutel end
  return h
end

-- Lines of a file, for ids and paths; a thread takes every n-th from its own start.
function M.regels(pad)
  local t = {}
  for r in io.lines(pad) do if r ~= "" then t[#t + 1] = r end end
  return t
end

function M.done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH {"requests":%d,"duration_us":%d,"p50_us":%d,"p99_us":%d,"max_us":%d,"errors":%d,"status_errors":%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout + e.status, e.status))
end

return M
