#!/usr/bin/env bash
# Times board-web's pages with a large board: N services (default 1,000) with D days (default 90) of events
# and rollups, in a database of its own (vigie_bench_board). Reports the server's time to first byte for `/`
# (median of 20 requests after 5 warm-ups) with the board's window at 7 and at 90 days, and the page size.
# Needs the packaged jar (./mvnw package -DskipTests). Usage: bench/board-page.sh [services] [days]
set -euo pipefail
source "$(dirname "$0")/../deploy/lib.sh"
select_jdk
ensure_servers
export_app_secrets # the packaged app runs in production mode: the apps' own users, not the tests'
services=${1:-1000}
days=${2:-90}
db=vigie_bench_board
port=18280
management=18281
log=$(mktemp)
url="jdbc:mysql://127.0.0.1:3306/$db?createDatabaseIfNotExist=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&rewriteBatchedStatements=true"
mariadb -uroot -e "DROP DATABASE IF EXISTS $db"

start_board() {
  QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$management QUARKUS_DATASOURCE_JDBC_URL=$url java -jar "$VIGIE_HOME/board-web/target/quarkus-app/quarkus-run.jar" >"$log" 2>&1 &
  pid=$!
  for ((i = 0; i < 240; i++)); do curl -fs "http://127.0.0.1:$management/q/health/ready" >/dev/null 2>&1 && return; sleep 0.5; done
  echo "board-web did not start: $log" >&2; exit 1
}
trap 'kill $pid 2>/dev/null || true' EXIT

start_board # applies the migrations
python3 "$(dirname "$0")/board_data.py" "$services" "$days" | mariadb -uroot "$db"

measure() { # window-days
  mariadb -uroot "$db" -e "UPDATE board_settings SET history_days = $1"
  local i times=()
  for ((i = 0; i < 5; i++)); do curl -s -o /dev/null "http://127.0.0.1:$port/"; done
  for ((i = 0; i < 20; i++)); do times+=("$(curl -s -o /dev/null -w '%{time_starttransfer}' "http://127.0.0.1:$port/")"); done
  local median size gz
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 10p)
  size=$(curl -s "http://127.0.0.1:$port/" | wc -c)
  gz=$(curl -s -H 'Accept-Encoding: gzip' "http://127.0.0.1:$port/" | wc -c)
  printf '%5d services, %2d-day window: median time to first byte %6.1f ms; %d bytes (%d gzipped)\n' \
    "$services" "$1" "$(echo "$median * 1000" | bc)" "$size" "$gz"
}
echo "# $(java -version 2>&1 | head -1), $(nproc) cores, $days days of data"
measure 7
measure 90
