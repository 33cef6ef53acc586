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
select_jdk
ensure_servers
export_app_secrets
latency=$1 per_worker=$2 interval=$3 seconds=$4; shift 4
warmup=20
out=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true' EXIT
db=vigie_bench
url="jdbc:mysql://127.0.0.1:3306/$db?connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&rewriteBatchedStatements=true"
prefix=vigie-bench
export VIGIE_RABBITMQ_TASKS_EXCHANGE=$prefix.tasks VIGIE_RABBITMQ_TASKS_QUEUE=$prefix.check-tasks \
  VIGIE_RABBITMQ_RESULTS_EXCHANGE=$prefix.results VIGIE_RABBITMQ_RESULTS_QUEUE=$prefix.check-results \
  VIGIE_RABBITMQ_DEAD_LETTER_EXCHANGE=$prefix.dlx VIGIE_RABBITMQ_TASKS_DEAD_LETTER_QUEUE=$prefix.check-tasks.dlq \
  VIGIE_RABBITMQ_RESULTS_DEAD_LETTER_QUEUE=$prefix.check-results.dlq

sql() { mariadb -uroot -N -e "$1" 2>/dev/null || mysql -uroot -N -e "$1"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
queue_len() { rabbitmqctl -q list_queues name messages 2>/dev/null | awk -v q="$1" '$1 == q {n = $2} END {print n + 0}'; }
wait_ready() { # port
  for ((i = 0; i < 1200; i++)); do curl -fs "http://127.0.0.1:$1/q/health/ready" >/dev/null 2>&1 && return; sleep 0.1; done
  die "nothing ready on port $1; logs in $out"
}

python3 "$(dirname "$0")/target-server.py" 18190 "$latency" &
target_pid=$!
echo "# $(nproc) cores; target answers after $latency ms; $per_worker services per worker every $interval s" \
  "($((per_worker / interval)) checks/s offered per worker); $seconds s measured after $warmup s"
printf '| workers | offered checks/s | stored checks/s | expired/s | worker CPU %% (each) | board-web CPU %% | dispatcher CPU %% | broker CPU %% | database CPU %% | target CPU %% |\n|---|---|---|---|---|---|---|---|---|---|\n'
for workers in "$@"; do
  services=$((per_worker * workers))
  for q in check-tasks check-results check-tasks.dlq check-results.dlq; do
    rabbitmqctl -q delete_queue "$prefix.$q" >/dev/null 2>&1 || true
  done
  sql "DROP DATABASE IF EXISTS $db; CREATE DATABASE $db CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
       GRANT ALL ON $db.* TO '$APP_DB_USER'@'localhost'; GRANT ALL ON $db.* TO '$APP_DB_USER'@'127.0.0.1';"
  QUARKUS_HTTP_PORT=18180 QUARKUS_MANAGEMENT_PORT=18181 QUARKUS_DATASOURCE_JDBC_URL=$url \
    java -jar "$VIGIE_HOME/board-web/target/quarkus-app/quarkus-run.jar" >"$out/board-web.log" 2>&1 &
  board_pid=$!
  wait_ready 18181
  sql "USE $db; INSERT INTO services (slug, name, target, target_since, check_interval_s, created_at)
       SELECT CONCAT('s', seq), CONCAT('s', seq), 'http://127.0.0.1:18190/', NOW(3), $interval, NOW(3) FROM seq_1_to_$services;
       INSERT INTO check_schedules (service_id, next_check_at) SELECT id, NOW(3) FROM services;"
  worker_pids=()
  for ((w = 1; w <= workers; w++)); do
    QUARKUS_HTTP_PORT=$((18200 + w)) VIGIE_WORKER_ID=bench-$w \
      java -jar "$VIGIE_HOME/check-worker/target/quarkus-app/quarkus-run.jar" >"$out/worker-$w.log" 2>&1 &
    worker_pids+=($!)
    wait_ready $((18200 + w))
  done
  QUARKUS_HTTP_PORT=18182 QUARKUS_DATASOURCE_JDBC_URL=$url \
    java -jar "$VIGIE_HOME/check-dispatcher/target/quarkus-app/quarkus-run.jar" run >"$out/dispatcher.log" 2>&1 &
  dispatcher_pid=$!
  sleep "$warmup" # the JIT warms up and the first pass (every service due at once) drains
  broker_pid=$(pgrep -u rabbitmq -f beam.smp | head -1)
  db_pid=$(pgrep -o -x mariadbd || pgrep -o -x mysqld) # the oldest: the machine's own server
  pids=("$board_pid" "$dispatcher_pid" "$broker_pid" "$db_pid" "$target_pid" "${worker_pids[@]}")
  declare -A before=()
  for p in "${pids[@]}"; do before[$p]=$(cpu_ticks "$p"); done
  stored0=$(sql "SELECT COUNT(*) FROM $db.check_results")
  # expired tasks wait in the DLQ until board-web takes them into missed_checks
  expired0=$(( $(queue_len "$prefix.check-tasks.dlq" || echo 0) + $(sql "SELECT COUNT(*) FROM $db.missed_checks") ))
  sleep "$seconds"
  stored1=$(sql "SELECT COUNT(*) FROM $db.check_results")
  expired1=$(( $(queue_len "$prefix.check-tasks.dlq" || echo 0) + $(sql "SELECT COUNT(*) FROM $db.missed_checks") ))
  hz=$(getconf CLK_TCK)
  pct() { echo $(( ($(cpu_ticks "$1") - ${before[$1]}) * 100 / hz / seconds )); }
  each=""
  for p in "${worker_pids[@]}"; do each+="$(pct "$p") "; done
  printf '| %d | %d | %d | %d | %s| %d | %d | %d | %d | %d |\n' "$workers" $((services / interval)) \
    $(((stored1 - stored0) / seconds)) \
    $(((expired1 - expired0) / seconds)) "$each" "$(pct "$board_pid")" "$(pct "$dispatcher_pid")" \
    "$(pct "$broker_pid")" "$(pct "$db_pid")" "$(pct "$target_pid")"
  kill "$dispatcher_pid" "${worker_pids[@]}" "$board_pid" 2>/dev/null || true
  wait "$dispatcher_pid" "${worker_pids[@]}" "$board_pid" 2>/dev/null || true
  unset before
done
