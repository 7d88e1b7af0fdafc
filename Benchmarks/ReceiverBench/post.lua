-- wrk script for the receiver benchmark: POSTs one prepared OTLP body
-- (BODY=path, CT=content type) again and again, and counts the answers by
-- status so the summary says how many were acknowledged (200) and how many
-- were told to retry (429/503).
local f = assert(io.open(os.getenv("BODY"), "rb"))
local payload = f:read("*a")
f:close()

wrk.method = "POST"
wrk.body = payload
wrk.headers["Content-Type"] = os.getenv("CT") or "application/x-protobuf"
-- CE=gzip: the body is already compressed; say so.
local encoding = os.getenv("CE")
if encoding and encoding ~= "" then
  wrk.headers["Content-Encoding"] = encoding
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    local c = t:get("counts")
    for status, n in pairs(c) do
      total[status] = (total[status] or 0) + n
    end
  end
  local line = "statuses:"
  for status, n in pairs(total) do
    line = line .. " " .. status .. "=" .. n
  end
  io.write(line .. "\n")
  io.write(string.format("p50_us=%d p99_us=%d max_us=%d\n",
    latency:percentile(50), latency:percentile(99), latency.max))
end
