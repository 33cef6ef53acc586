#!/usr/bin/env bash
# Measures each app's start time (to its readiness check passing, and as Quarkus reports it) and resident
# memory once ready and idle. Needs the packaged jars (./mvnw package -DskipTests), RabbitMQ and MariaDB.
# Uses its own database (vigie_bench) and the default queue names. Usage: bench/startup.sh [runs]
set -euo pipefail
source "$(dirname "$0")/../deploy/lib.sh"
select_jdk
ensure_servers
export_app_secrets # the packaged apps run in production mode: the apps' own users, not the tests'
runs=${1:-3}
out=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$out"' EXIT
url="jdbc:mysql://127.0.0.1:3306/vigie_bench?createDatabaseIfNotExist=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"

measure() { # name port health-port jar args... (board-web's health is on its management port)
  local name=$1 port=$2 health=$3 jar=$4; shift 4
  local start ready pid rss i
  start=$(date +%s%N)
  QUARKUS_HTTP_PORT=$port QUARKUS_MANAGEMENT_PORT=$health QUARKUS_DATASOURCE_JDBC_URL=$url \
    java -jar "$VIGIE_HOME/$jar" "$@" >"$out/$name.log" 2>&1 &
  pid=$!
  for ((i = 0; i < 1200; i++)); do
    curl -fs "http://127.0.0.1:$health/q/health/ready" >/dev/null 2>&1 && break
    sleep 0.05
  done
  ready=$(date +%s%N)
  sleep 5 # idle a moment so the figure is the settled footprint, not the start-up peak
  rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")
  printf '%-16s ready in %5d ms (Quarkus: %s), RSS %4d MiB\n' "$name" $(((ready - start) / 1000000)) \
    "$(grep -o 'started in [0-9.]*s' "$out/$name.log" | head -1 | cut -d' ' -f3)" "$rss"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

echo "# $(java -version 2>&1 | head -1), default JVM flags, $(nproc) cores"
for ((r = 1; r <= runs; r++)); do
  measure board-web 18180 18181 board-web/target/quarkus-app/quarkus-run.jar
  measure check-worker 18183 18183 check-worker/target/quarkus-app/quarkus-run.jar
  measure check-dispatcher 18182 18182 check-dispatcher/target/quarkus-app/quarkus-run.jar run
done
