-- wrk script for http-benchmark.sh: one route per run, chosen by ROUTE; random points in Kraków.
-- Prints one machine-readable line at the end: RESULT <req/s> <p50 ms> <p99 ms> <non-2xx/3xx> <requests>
local route = os.getenv("ROUTE") or "live"
local slug = os.getenv("SLUG") or ""
local etag = os.getenv("ETAG") or ""
local queries = { "Rynek Główny", "Wielicka 2", "kalwaryjska", "Nowa Huta", "os. Piastów", "Długa 1", "Bronowice",
                  "Zabłocie", "Podgórze", "Krowoderska 5", "Czyżyny", "rondo mogilskie", "Dębniki", "Kurdwanów" }
-- A box around Kraków's built-up area (lat 49.98–50.10, lon 19.85–20.15).
local function enc(s) return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end)) end
local function point() return 49.98 + math.random() * 0.12, 19.85 + math.random() * 0.30 end

request = function()
  local lat, lon = point()
  local path
  if route == "live" then path = "/health/live"
  elseif route == "clubs" then path = "/api/clubs"
  elseif route == "nearest" then path = string.format("/api/clubs/nearest?lat=%.5f&lon=%.5f", lat, lon)
  elseif route == "district" then path = "/api/clubs?district=" .. math.random(1, 18)
  elseif route == "bbox" then
    -- a 1.4 km wide view (0.0196° of longitude at 50° N), 0.9 km high
    path = string.format("/api/clubs.geojson?bbox=%.5f,%.5f,%.5f,%.5f", lon, lat, lon + 0.0196, lat + 0.008)
  elseif route == "upcoming" then path = string.format("/api/sessions/upcoming?lat=%.5f&lon=%.5f", lat, lon)
  elseif route == "places" then path = "/api/places?q=" .. enc(queries[math.random(#queries)])
  elseif route == "club" then path = "/api/clubs/" .. slug
  elseif route == "clubics" then path = "/api/clubs/" .. slug .. "/calendar.ics"
  elseif route == "allics" then path = "/api/calendar.ics"
  elseif route == "districtics" then path = "/api/calendar.ics?district=" .. math.random(1, 18)
  elseif route == "revalidate" then
    return wrk.format("GET", "/api/clubs", { ["If-None-Match"] = etag })
  elseif route == "districtbr" then
    -- as a browser asks: the kept answer comes compressed
    return wrk.format("GET", "/api/clubs?district=" .. math.random(1, 18), { ["Accept-Encoding"] = "br, gzip" })
  elseif route == "index" then
    return wrk.format("GET", "/", { ["Accept-Encoding"] = "br, gzip" })
  end
  return wrk.format("GET", path)
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.3f %.3f %d %d\n", summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, bad, summary.requests))
end
