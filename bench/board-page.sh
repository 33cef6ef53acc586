#!/usr/bin/env bash
# Times board-web's pages with a large board: N services (default 1,000) with D days (default 90) of events
# and rollups, in a database of its own (vigie_bench_board). Reports the server's time to first byte for `/`
# (median of 20 requests after 5 warm-ups) with the board's window at 7 and at 90 days, the page size, and wrk's
# latency (p50/p95/p99) and requests/s with 32 connections. VIGIE_BOARD_FULL_BOARD_UP_TO=100000 measures `/` with
# every service listed rather than folded past 500.
# Needs the packaged jar (./mvnw package -DskipTests). Usage: bench/board-page.sh [services] [days]
set -euo pipefail
source "$(dirname "$0")/../deploy/lib.sh"
source "$(dirname "$0")/lib.sh"
bench_setup
services=${1:-1000}
days=${2:-90}
db=vigie_bench_board
port=18280
bench_database $db
start_board $port 18281 # applies the migrations
python3 "$(dirname "$0")/board_data.py" "$services" "$days" | mariadb -uroot "$db"

measure() { # window-days
  mariadb -uroot "$db" -e "UPDATE board_settings SET history_days = $1"
  sleep 3 # the copies board-web keeps for vigie.board.fresh-for (2 s) end: the next answer shows the new window
  local i times=()
  for ((i = 0; i < 5; i++)); do curl -s -o /dev/null "http://127.0.0.1:$port/"; done
  for ((i = 0; i < 20; i++)); do times+=("$(curl -s -o /dev/null -w '%{time_starttransfer}' "http://127.0.0.1:$port/")"); done
  local median size gz
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 10p)
  size=$(curl -s "http://127.0.0.1:$port/" | wc -c)
  gz=$(curl -s -H 'Accept-Encoding: gzip' "http://127.0.0.1:$port/" | wc -c)
  printf '%5d services, %2d-day window: median time to first byte %6.1f ms; %d bytes (%d gzipped); ' \
    "$services" "$1" "$(echo "$median * 1000" | bc)" "$size" "$gz"
  # 32 connections for 10 s, gzip accepted as browsers do
  wrk -t2 -c32 -d10s -H 'Accept-Encoding: gzip' -s "$(dirname "$0")/p95.lua" "http://127.0.0.1:$port/" | tail -1
}
echo "# $(java -version 2>&1 | head -1), $(nproc) cores, $days days of data"
measure 7
measure 90
