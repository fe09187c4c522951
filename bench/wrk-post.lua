-- wrk script: POST one fixed, signed 2.0 body with the headers Qualifio sends.
-- Body and headers come from the environment so the harness controls them.
wrk.method = "POST"
wrk.body = io.open(os.getenv("QWH_BENCH_BODY"), "rb"):read("*a")
wrk.headers["Content-Type"] = "application/json"
local sig = os.getenv("QWH_BENCH_SIGNATURE")
if sig and sig ~= "" then wrk.headers["X-Qualifio-Signature"] = sig end
local auth = os.getenv("QWH_BENCH_AUTH")
if auth and auth ~= "" then wrk.headers["Authorization"] = auth end

done = function(summary, latency, requests)
  io.write(string.format("QWH_RESULT {\"requests\":%d,\"seconds\":%f,\"p50\":%f,\"p99\":%f,\"max\":%f,\"non2xx\":%d,\"errors\":%d}\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
