-- wrk's summary with the 95th percentile of latency, which --latency does not print.
done = function(summary, latency, requests)
  io.write(string.format("p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, %.0f requests/s, %d errors\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
