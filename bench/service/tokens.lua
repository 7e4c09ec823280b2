-- wrk script for the residents' status page (status_page.cpp): every request asks for a ticket chosen at
-- random from WRK_TOKENS (one public token a line), under WRK_PREFIX ("/t/" or "/v1/public/tickets/").
-- done() prints one line the benchmark reads: requests, duration and latency in microseconds, errors.
local tokens = {}
local prefix = os.getenv("WRK_PREFIX") or "/v1/public/tickets/"
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("seed", threads)
end

function init(args)
  for line in io.lines(os.getenv("WRK_TOKENS")) do
    tokens[#tokens + 1] = line
  end
  math.randomseed(os.time() * 100 + (seed or 0))
end

function request()
  return wrk.format("GET", prefix .. tokens[math.random(#tokens)])
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("bench-wrk requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d status_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.timeout, e.status))
end
