#!/usr/bin/env bash
# Probes per second of one check-worker against prometheus-blackbox-exporter, in the same run, on the same nginx
# target (answering after LATENCY ms), a new connection per probe for both. The worker drains TASKS tasks queued
# beforehand (`dispatcher once --all`, nothing else consuming; results pile up in their queue, unread); the exporter
# is driven by wrk at the same concurrency as the worker's probes in flight (vigie.worker.max-in-flight, 256).
# Each is measured for SECONDS after 10 s of warm-up: probes/s, and CPU % of a core of the prober alone.
#
# Usage: bench/probe-rate.sh [TASKS=300000] [SECONDS=20] [LATENCY_MS=0] [CONCURRENCY=256]
set -euo pipefail
source "$(dirname "$0")/../deploy/lib.sh"
source "$(dirname "$0")/lib.sh"
bench_setup
tasks=${1:-300000} seconds=${2:-20} latency=${3:-0} concurrency=${4:-256}
db=vigie_bench_probe
bench_queues vigie-bench-probe
bench_database $db
start_target 18190 "$latency"
hz=$(getconf CLK_TCK)
echo "# $(nproc) cores, $(java -version 2>&1 | head -1); target after $latency ms; $concurrency probes at once;" \
  "$seconds s measured after 10 s; logs in $BENCH_OUT"
echo
echo '| prober | probes/s | CPU % of a core | probes per CPU-second | RSS MiB |'
echo '|---|---|---|---|---|'

# The worker: board-web only applies the schema, then stops, so the results stay in their queue.
start_board 18180 18181
kill "$board_pid"; wait "$board_pid" 2>/dev/null || true
bench_services $db "$tasks" 3600 http://127.0.0.1:18190/ 0 # tasks live an hour: none expires while queued
start_dispatcher 18182 once --all
wait "$dispatcher_pid" || die "the dispatcher failed: $BENCH_OUT/dispatcher.log"
VIGIE_WORKER_MAX_IN_FLIGHT=$concurrency start_worker 18201 bench-probe
checks() { curl -fs http://127.0.0.1:18201/q/metrics | awk '$1 ~ /^vigie_worker_checks_total/ {s += $2} END {printf "%d", s}'; }
sleep 10
n0=$(checks) t0=$(cpu_ticks "$worker_pid") s0=$(date +%s.%N)
sleep "$seconds"
n1=$(checks) t1=$(cpu_ticks "$worker_pid") s1=$(date +%s.%N) rss=$(rss_mib "$worker_pid")
# the queue must still hold tasks when the measure ends, or the rate counts idle time: a worker at 10,000 probes/s
# drains 80,000 tasks in 8 s
(( n1 < tasks - 1000 )) || die "the worker ran out of queued tasks before the measure ended ($n1 of $tasks checked): raise TASKS"
awk -v n=$((n1 - n0)) -v c=$((t1 - t0)) -v hz="$hz" -v s0="$s0" -v s1="$s1" -v rss="$rss" \
  'BEGIN {e = s1 - s0; printf "| check-worker | %d | %d | %d | %d |\n", n / e, c / hz / e * 100, n / (c / hz), rss}'
kill "$worker_pid"; wait "$worker_pid" 2>/dev/null || true

# The blackbox exporter, its http_2xx module, probed through its /probe endpoint.
cat >"$BENCH_OUT/blackbox.yml" <<CONF
modules:
  http_2xx:
    prober: http
    timeout: 5s
CONF
prometheus-blackbox-exporter --config.file="$BENCH_OUT/blackbox.yml" --web.listen-address=127.0.0.1:19115 \
  >"$BENCH_OUT/blackbox.log" 2>&1 &
exporter_pid=$!
wait_port 127.0.0.1 19115 "blackbox exporter" 10
probe="http://127.0.0.1:19115/probe?module=http_2xx&target=http://127.0.0.1:18190/"
wrk -t1 -c"$concurrency" -d10s "$probe" >/dev/null
t0=$(cpu_ticks "$exporter_pid")
wrk -t1 -c"$concurrency" -d"${seconds}s" "$probe" >"$BENCH_OUT/wrk.txt"
t1=$(cpu_ticks "$exporter_pid") rss=$(rss_mib "$exporter_pid")
grep -q 'probe_success 1' <(curl -fs "$probe") || die "the exporter's probe does not succeed: $BENCH_OUT/blackbox.log"
rate=$(awk '/^Requests\/sec/ {print int($2)}' "$BENCH_OUT/wrk.txt")
awk -v n="$rate" -v c=$((t1 - t0)) -v hz="$hz" -v e="$seconds" -v rss="$rss" \
  'BEGIN {printf "| blackbox_exporter | %d | %d | %d | %d |\n", n, c / hz / e * 100, n * e / (c / hz), rss}'
