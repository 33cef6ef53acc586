#!/usr/bin/env bash
# What pruning raw results past their retention costs the database, against what storing them cost: ROWS results
# like the bench's (a UUID task id, "HTTP 200", finished 8 days ago) in a database of its own (vigie_bench_prune),
# then deleted as ResultRetention deletes them (`DELETE FROM check_results WHERE id < ? LIMIT CHUNK`, one
# transaction per chunk, until a chunk comes back short), and InnoDB's purge of the deleted rows awaited. Reports
# rows/s and the database's CPU while deleting, and its CPU per 1,000 rows a second: the share of a core that
# pruning takes at that storing rate, in steady state.
# Needs the packaged board-web (it applies the migrations). Usage: bench/prune.sh [ROWS=1000000] [CHUNK=5000]
set -euo pipefail
source "$(dirname "$0")/../deploy/lib.sh"
source "$(dirname "$0")/lib.sh"
bench_setup
rows=${1:-1000000} chunk=${2:-5000}
db=vigie_bench_prune
bench_queues vigie-bench-prune
bench_database $db
VIGIE_RESULTS_PRUNE_EVERY=off start_board 18380 18381 # applies the migrations, prunes nothing itself
kill "$board_pid"
wait "$board_pid" 2>/dev/null || true
bench_sql "USE $db; INSERT INTO services (slug, name, target, target_since, check_interval_s, created_at)
  SELECT CONCAT('s', seq), CONCAT('s', seq), 'http://127.0.0.1:9/', NOW(3), 10, NOW(3) FROM seq_1_to_1000"
first=$(bench_sql "SELECT MIN(id) FROM $db.services")
bench_sql "USE $db; INSERT INTO check_results (task_id, service_id, outcome, latency_ms, reason, public_reason,
    worker_id, started_at, finished_at, evidence, pool)
  SELECT UUID(), $first + seq % 1000, 'UP', 50, 'HTTP 200', 'HTTP 200', 'bench-1', NOW(3) - INTERVAL 8 DAY,
    NOW(3) - INTERVAL 8 DAY + INTERVAL 50000 MICROSECOND, NULL, 'default'
  FROM seq_1_to_$rows"
size=$(bench_sql "SELECT ROUND((data_length + index_length) / 1048576) FROM information_schema.tables
  WHERE table_schema = '$db' AND table_name = 'check_results'")

purge_backlog() { mariadb -uroot -e 'SHOW ENGINE INNODB STATUS\G' | sed -n 's/^History list length \([0-9]*\).*/\1/p'; }
settle() { # until InnoDB has purged what was deleted (or 5 minutes)
  local i
  for ((i = 0; i < 600; i++)); do [ "$(purge_backlog)" -lt 1000 ] && return; sleep 0.5; done
  say "InnoDB's history list still holds $(purge_backlog) transactions"
}
settle
dbpid=$(database_pid)
boundary=$(($(bench_sql "SELECT MAX(id) FROM $db.check_results") + 1))
cpu0=$(cpu_ticks "$dbpid") t0=$(date +%s%N) deleted=0
while :; do
  n=$(bench_sql "USE $db; DELETE FROM check_results WHERE id < $boundary LIMIT $chunk; SELECT ROW_COUNT()")
  deleted=$((deleted + n))
  [ "$n" -lt "$chunk" ] && break
done
t1=$(date +%s%N) cpu1=$(cpu_ticks "$dbpid")
settle
t2=$(date +%s%N) cpu2=$(cpu_ticks "$dbpid")
hz=$(getconf CLK_TCK)
awk -v rows="$deleted" -v size="$size" -v chunk="$chunk" -v d=$(((t1 - t0) / 1000000)) -v p=$(((t2 - t1) / 1000000)) \
  -v c1=$((cpu1 - cpu0)) -v c2=$((cpu2 - cpu0)) -v hz="$hz" 'BEGIN {
  printf "# %d raw results (%d MiB, data and indexes), deleted in chunks of %d\n", rows, size, chunk
  printf "deleting: %.1f s, %d rows/s, the database at %.0f %% of a core\n", d / 1000, rows / (d / 1000), 100 * c1 / hz / (d / 1000)
  printf "then InnoDB purging them: %.1f s more\n", p / 1000
  printf "database CPU per 1,000 rows/s pruned, purge included: %.1f %% of a core\n", 100 * (c2 / hz) / rows * 1000
}'
