-- wrk script for bench/api-search.sh: cycles through GET /api/search queries of one kind (or all) and prints
-- latency percentiles. Usage: wrk ... -s bench/api-search.lua URL -- filter|tag|text|mix [nototal]
-- ("nototal" adds total=false: no counting of every match, as the gallery asks)
local queries = {
  filter = {
    "/api/search?source=comfyui&since=2025-06",
    "/api/search?project=personal",
    "/api/search?source=midjourney&project=client-acme",
    "/api/search?since=2026-01&until=2026-03",
  },
  tag = {
    "/api/search?tag=golden%20hour",
    "/api/search?tag=neon%20lights&source=flux",
    "/api/search?tag=snow&since=2025-09",
    "/api/search?tag=bokeh&project=book-cover",
  },
  text = {
    "/api/search?q=red%20fox%20in%20the%20snow",
    "/api/search?q=cyberpunk%20city%20street%20at%20night",
    "/api/search?q=watercolor%20owl",
    "/api/search?q=samurai%20warrior%20oil%20painting",
  },
}
queries.mix = {}
for _, kind in ipairs({"filter", "tag", "text"}) do
  for _, q in ipairs(queries[kind]) do table.insert(queries.mix, q) end
end

local list
local suffix = ""
local counter = 0

function init(args)
  list = queries[args[1] or "mix"]
  if list == nil then error("unknown query kind " .. tostring(args[1])) end
  if args[2] == "nototal" then suffix = "&total=false" end
  -- each thread starts at a different query
  counter = math.random(#list)
end

function request()
  counter = counter + 1
  return wrk.format("GET", list[(counter % #list) + 1] .. suffix)
end

function done(summary, latency, requests)
  local ms = function(us) return string.format("%.2f", us / 1000) end
  io.write(string.format("RESULT requests=%d errors=%d rps=%.1f p50=%s p90=%s p95=%s p99=%s max=%s ms\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout,
    summary.requests / (summary.duration / 1e6),
    ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(95)),
    ms(latency:percentile(99)), ms(latency.max)))
end
