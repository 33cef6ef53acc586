#!/usr/bin/env bash
# End-to-end throughput and freshness: the packaged apps (board-web, the dispatcher in `run`, W workers) on the
# real broker and database, N services checked every I seconds against a local nginx target answering after
# LATENCY ms (FAIL % of the services on a path answering 503). After a warm-up (BENCH_WARMUP s, default 60: the
# JIT, and the first pass with every service due at once), it measures for SECONDS and stops by itself, reporting:
# checks stored per second, tasks expired, the lag from a task issued to its probe started and to its result stored
# (p50/p95/p99, from board-web's histograms), the queues every 10 s, and CPU and resident memory per process
# (Vigie's, the broker's, the database's, the target's), CPU also per 1,000 checks/s.
#
# Usage: bench/throughput.sh SERVICES INTERVAL_S SECONDS [WORKERS=1] [LATENCY_MS=50] [FAIL_PCT=0]
#   bench/throughput.sh 30000 10 300        # 3,000 checks/s for 5 minutes, one worker, target at 50 ms
# JVM flags: each app's systemd unit's (deploy/systemd), or BENCH_JAVA_OPTS for all three.
# Needs the packaged jars (./mvnw package -DskipTests), RabbitMQ and MariaDB; installs nginx and its echo module.
set -euo pipefail
source "$(dirname "$0")/../deploy/lib.sh"
source "$(dirname "$0")/lib.sh"
bench_setup
services=$1 interval=$2 seconds=$3 workers=${4:-1} latency=${5:-50} fail=${6:-0}
warmup=${BENCH_WARMUP:-60}
db=vigie_bench
bench_queues vigie-bench
bench_database $db
start_target 18190 "$latency"
start_board 18180 18181
# one more service, on the target's /outage: after the measure it goes down and up again, timed to the public API
bench_sql "INSERT INTO $db.services (slug, name, target, target_since, check_interval_s, created_at)
  VALUES ('outage', 'outage', 'http://127.0.0.1:18190/outage', NOW(3), $interval, NOW(3))"
bench_services $db "$services" "$interval" http://127.0.0.1:18190/ "$fail"
worker_pids=()
for ((w = 1; w <= workers; w++)); do
  start_worker $((18200 + w)) "bench-$w"
  worker_pids+=("$worker_pid")
done
start_dispatcher 18182 run
echo "# $(nproc) cores, $(java -version 2>&1 | head -1); $services services every $interval s" \
  "($((services / interval)) checks/s offered), $workers worker(s), target after $latency ms, $fail % failing;" \
  "$seconds s measured after $warmup s; logs in $BENCH_OUT"
sleep "$warmup"

metrics() { curl -fs "http://127.0.0.1:18181/q/metrics" >"$1"; }
metric() { awk -v m="$1" '$1 == m {s += $2} END {printf "%d", s}' "$2"; }
expired() { echo $(( $(queue_len vigie-bench.check-tasks.dlq) + $(bench_sql "SELECT COUNT(*) FROM $db.missed_checks") )); }
names=(board-web dispatcher broker database target)
pids=("$board_pid" "$dispatcher_pid" "$(broker_pid)" "$(database_pid)" "$target_pids")
for ((w = 1; w <= workers; w++)); do names+=("worker-$w"); pids+=("${worker_pids[w - 1]}"); done
ticks() { local t=0 p; for p in $1; do t=$((t + $(cpu_ticks "$p"))); done; echo $t; }
rss() { local t=0 p; for p in $1; do t=$((t + $(rss_mib "$p"))); done; echo $t; }
declare -A before=() peak=()
for i in "${!pids[@]}"; do before[$i]=$(ticks "${pids[i]}"); peak[$i]=0; done
metrics "$BENCH_OUT/before.txt"
expired0=$(expired)
start=$(date +%s)
echo
echo '| s | stored/s (last 10 s) | tasks queued | results queued | RSS MiB (board-web, dispatcher, workers) |'
echo '|---|---|---|---|---|'
last=$(metric vigie_results_stored_total "$BENCH_OUT/before.txt") last_at=$start
while (( $(date +%s) - start < seconds )); do
  sleep 10
  metrics "$BENCH_OUT/now.txt"
  now=$(metric vigie_results_stored_total "$BENCH_OUT/now.txt") at=$(date +%s)
  memory=""
  for i in "${!pids[@]}"; do
    r=$(rss "${pids[i]}")
    (( r > peak[$i] )) && peak[$i]=$r
    [[ ${names[i]} == board-web || ${names[i]} == dispatcher || ${names[i]} == worker-* ]] && memory+="$r "
  done
  read -r tasks results < <(queue_len vigie-bench.check-tasks vigie-bench.check-results)
  printf '| %d | %d | %d | %d | %s|\n' $((at - start)) $(( (now - last) / (at - last_at) )) "$tasks" "$results" "$memory"
  last=$now last_at=$at
done
elapsed=$(( $(date +%s) - start ))
metrics "$BENCH_OUT/after.txt"
stored=$(( $(metric vigie_results_stored_total "$BENCH_OUT/after.txt") - $(metric vigie_results_stored_total "$BENCH_OUT/before.txt") ))
rate=$(( stored / elapsed ))
read -r n f50 f95 f99 < <(python3 "$(dirname "$0")/quantiles.py" vigie_results_freshness_seconds "$BENCH_OUT/before.txt" "$BENCH_OUT/after.txt")
read -r _ s50 s95 s99 < <(python3 "$(dirname "$0")/quantiles.py" vigie_results_start_delay_seconds "$BENCH_OUT/before.txt" "$BENCH_OUT/after.txt")
echo
echo '| offered checks/s | stored checks/s | expired tasks | issued → stored p50 / p95 / p99 (s) | issued → probe started p50 / p95 / p99 (s) |'
echo '|---|---|---|---|---|'
printf '| %d | %d | %d | %s / %s / %s | %s / %s / %s |\n' $((services / interval)) "$rate" $(( $(expired) - expired0 )) \
  "$f50" "$f95" "$f99" "$s50" "$s95" "$s99"
echo
echo '| process | CPU % of a core | CPU % per 1,000 checks/s | peak RSS MiB |'
echo '|---|---|---|---|'
hz=$(getconf CLK_TCK)
for i in "${!pids[@]}"; do
  used=$(( ($(ticks "${pids[i]}") - before[$i]) * 100 / hz ))
  printf '| %s | %d | %s | %d |\n' "${names[i]}" $(( used / elapsed )) \
    "$( (( rate > 0 )) && awk -v u="$used" -v e="$elapsed" -v r="$rate" 'BEGIN {printf "%.1f", u / e * 1000 / r}' || echo -)" "${peak[$i]}"
done
# What the raw results cost on disk: InnoDB's data and index pages over the rows stored (ANALYZE refreshes both).
bench_sql "ANALYZE TABLE $db.check_results" >/dev/null
read -r rows bytes < <(bench_sql "SELECT (SELECT COUNT(*) FROM $db.check_results), data_length + index_length
  FROM information_schema.tables WHERE table_schema = '$db' AND table_name = 'check_results'")
echo
awk -v r="$rows" -v b="$bytes" -v rate="$rate" 'BEGIN {
  if (r == 0) exit
  printf "storage: %d raw results in %.0f MiB, %.0f bytes each (data and indexes); at %d checks/s that is %.1f GiB a day\n",
    r, b / 1048576, b / r, rate, b / r * rate * 86400 / 1073741824 }'

# Freshness under this load: the outage service's target starts failing, then answers again; how long until the
# public API (as visitors get it: fresh copies included) says so. A check a slot every interval, and board-web's
# vigie.checks.failures-before-down (2 by default) failing checks before Down.
status() { curl -fs "http://127.0.0.1:18180/api/v1/services/outage" | python3 -c 'import json, sys; print(json.load(sys.stdin)["status"]["id"])' 2>/dev/null || echo "?"; }
until_status() { # status; prints the seconds it took, or "over 3 intervals"
  local from=$(date +%s.%N) limit=$(( 3 * interval + 10 )) now
  while :; do
    now=$(date +%s.%N)
    [ "$(status)" = "$1" ] && { awk -v a="$from" -v b="$now" 'BEGIN {printf "%.1f s", b - a}'; return; }
    awk -v a="$from" -v b="$now" -v l="$limit" 'BEGIN {exit !(b - a > l)}' && { echo "over $limit s"; return; }
    sleep 0.2
  done
}
until_status up >/dev/null
touch "$BENCH_OUT/nginx/outage"
down_after=$(until_status down)
rm -f "$BENCH_OUT/nginx/outage"
up_after=$(until_status up)
echo "freshness: the outage target failing reached the board as Down after $down_after, its recovery as Up after" \
  "$up_after (interval $interval s, ${VIGIE_CHECKS_FAILURES_BEFORE_DOWN:-2} failing checks before Down)"
