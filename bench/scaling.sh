#!/usr/bin/env bash
# Sustained checks per second as workers are added: the packaged apps (board-web, the dispatcher in `run`, W
# workers) on the real broker and database, W x PER_WORKER services every I seconds against a local HTTP target
# answering after LATENCY ms, so the load offered grows with the workers. Stored per second equal to offered, with
# nothing expired, means the workers keep up; with a slow target a worker's in-flight cap
# (vigie.worker.max-in-flight, 256 probes at once) bounds it, with a fast one the machine's CPU does.
#
# Usage: bench/scaling.sh LATENCY_MS PER_WORKER INTERVAL_S SECONDS WORKERS...
#   bench/scaling.sh 1000 400 2 30 1 2 4      # slow target, 200 checks/s offered per worker
#   bench/scaling.sh 0 2000 2 30 1 2          # fast target, 1,000 checks/s offered per worker
# Needs the packaged jars (./mvnw package -DskipTests), RabbitMQ and MariaDB. Own database (vigie_bench) and queues.
set -euo pipefail
source "$(dirname "$0")/../deploy/lib.sh"
source "$(dirname "$0")/lib.sh"
bench_setup
latency=$1 per_worker=$2 interval=$3 seconds=$4; shift 4
warmup=20
db=vigie_bench
prefix=vigie-bench

python3 "$(dirname "$0")/target-server.py" 18190 "$latency" &
target_pid=$!
echo "# $(nproc) cores; target answers after $latency ms; $per_worker services per worker every $interval s" \
  "($((per_worker / interval)) checks/s offered per worker); $seconds s measured after $warmup s"
printf '| workers | offered checks/s | stored checks/s | expired/s | worker CPU %% (each) | board-web CPU %% | dispatcher CPU %% | broker CPU %% | database CPU %% | target CPU %% |\n|---|---|---|---|---|---|---|---|---|---|\n'
for workers in "$@"; do
  services=$((per_worker * workers))
  bench_queues $prefix
  bench_database $db
  start_board 18180 18181
  bench_services $db "$services" "$interval" http://127.0.0.1:18190/ 0
  worker_pids=()
  for ((w = 1; w <= workers; w++)); do
    start_worker $((18200 + w)) "bench-$w"
    worker_pids+=("$worker_pid")
  done
  start_dispatcher 18182 run
  sleep "$warmup" # the JIT warms up and the first pass (every service due at once) drains
  broker=$(broker_pid)
  database=$(database_pid)
  pids=("$board_pid" "$dispatcher_pid" "$broker" "$database" "$target_pid" "${worker_pids[@]}")
  declare -A before=()
  for p in "${pids[@]}"; do before[$p]=$(cpu_ticks "$p"); done
  stored0=$(bench_sql "SELECT COUNT(*) FROM $db.check_results")
  # expired tasks wait in the DLQ until board-web takes them into missed_checks
  expired0=$(( $(queue_len "$prefix.check-tasks.dlq" || echo 0) + $(bench_sql "SELECT COUNT(*) FROM $db.missed_checks") ))
  sleep "$seconds"
  stored1=$(bench_sql "SELECT COUNT(*) FROM $db.check_results")
  expired1=$(( $(queue_len "$prefix.check-tasks.dlq" || echo 0) + $(bench_sql "SELECT COUNT(*) FROM $db.missed_checks") ))
  hz=$(getconf CLK_TCK)
  pct() { echo $(( ($(cpu_ticks "$1") - ${before[$1]}) * 100 / hz / seconds )); }
  each=""
  for p in "${worker_pids[@]}"; do each+="$(pct "$p") "; done
  printf '| %d | %d | %d | %d | %s| %d | %d | %d | %d | %d |\n' "$workers" $((services / interval)) \
    $(((stored1 - stored0) / seconds)) \
    $(((expired1 - expired0) / seconds)) "$each" "$(pct "$board_pid")" "$(pct "$dispatcher_pid")" \
    "$(pct "$broker")" "$(pct "$database")" "$(pct "$target_pid")"
  kill "$dispatcher_pid" "${worker_pids[@]}" "$board_pid" 2>/dev/null || true
  wait "$dispatcher_pid" "${worker_pids[@]}" "$board_pid" 2>/dev/null || true
  unset before
done
