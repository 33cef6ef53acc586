# Shared by the benchmarks: the packaged apps started as processes on a database and queues of their own, an
# HTTP target, and readings from /proc. Sourced after deploy/lib.sh.

# What every benchmark starts with: the JDK, the local servers, the tools, the apps' own users (the packaged apps run
# in production mode), and BENCH_OUT for logs; on exit, whatever it started is stopped.
bench_setup() {
  select_jdk
  ensure_servers
  ensure_bench_tools
  export_app_secrets
  BENCH_OUT=$(mktemp -d)
  trap 'stop_target; kill $(jobs -p) 2>/dev/null || true; wait 2>/dev/null || true' EXIT
}

# nginx with its echo module (the target), wrk (load) and the blackbox exporter (a peer to compare probe rates with).
ensure_bench_tools() {
  local missing=()
  command -v nginx >/dev/null || missing+=(nginx-light)
  [ -e /usr/lib/nginx/modules/ngx_http_echo_module.so ] || missing+=(libnginx-mod-http-echo)
  command -v wrk >/dev/null || missing+=(wrk)
  command -v prometheus-blackbox-exporter >/dev/null || missing+=(prometheus-blackbox-exporter)
  [ ${#missing[@]} -eq 0 ] && return
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || die "install ${missing[*]} (apt-get install ${missing[*]})"
  say "installing ${missing[*]} for the benchmarks"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || die "could not install ${missing[*]}"
}

bench_sql() { mariadb -uroot -N -e "$1"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
rss_mib() { awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$1/status" 2>/dev/null || echo 0; }
# Messages ready in each queue named, in that order, from one rabbitmqctl: each call starts an Erlang VM, about a second
# of CPU taken from what is measured.
queue_len() { # queue...
  rabbitmqctl -q list_queues name messages 2>/dev/null | awk -v names="$*" '{n[$1] = $2}
    END {k = split(names, q, " "); for (i = 1; i <= k; i++) printf "%d%s", n[q[i]], (i < k ? " " : "\n")}'
}
wait_ready() { # port
  for ((i = 0; i < 1200; i++)); do curl -fs "http://127.0.0.1:$1/q/health/ready" >/dev/null 2>&1 && return; sleep 0.1; done
  die "nothing ready on port $1; logs in $BENCH_OUT"
}
broker_pid() { pgrep -u rabbitmq -f beam.smp | head -1; }
database_pid() { pgrep -o -x mariadbd || pgrep -o -x mysqld; } # the oldest: the machine's own server

# An HTTP target on PORT: `/` answers 200 after LATENCY ms, `/fail` 503 at once; one nginx worker per core, no log.
start_target() { # port latency-ms
  local dir=$BENCH_OUT/nginx sleep=""
  mkdir -p "$dir"
  # nginx's workers (nobody) must see $dir/outage
  chmod o+x "$BENCH_OUT" "$dir"
  [ "$2" -gt 0 ] && sleep="echo_sleep $(awk -v ms="$2" 'BEGIN {printf "%.3f", ms / 1000}');"
  cat >"$dir/nginx.conf" <<CONF
load_module /usr/lib/nginx/modules/ngx_http_echo_module.so;
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 16384; }
http {
  access_log off;
  client_body_temp_path $dir; proxy_temp_path $dir; fastcgi_temp_path $dir; uwsgi_temp_path $dir; scgi_temp_path $dir;
  server {
    listen 127.0.0.1:$1 backlog=8192;
    location / { $sleep echo ok; }
    location /fail { return 503; }
    # down while the file "outage" is in $dir: bench/throughput.sh times an outage reaching the board
    location /outage { if (-f $dir/outage) { return 503; } $sleep echo ok; }
  }
}
CONF
  nginx -c "$dir/nginx.conf" -p "$dir" || die "nginx did not start: $dir/error.log"
  # its workers (the master only forks them): wait until they are there
  local i
  for ((i = 0; i < 50; i++)); do
    target_pids=$(pgrep -P "$(cat "$dir/nginx.pid" 2>/dev/null || echo 0)" | tr '\n' ' ' || true)
    [ -n "${target_pids// /}" ] && return
    sleep 0.1
  done
  die "nginx started no worker: $dir/error.log"
}
stop_target() { [ -f "$BENCH_OUT/nginx/nginx.pid" ] && kill "$(cat "$BENCH_OUT/nginx/nginx.pid")" 2>/dev/null || true; }

# Queues and exchanges of the benchmark's own (PREFIX.check-tasks ...), emptied.
bench_queues() { # prefix
  export VIGIE_RABBITMQ_TASKS_EXCHANGE=$1.tasks VIGIE_RABBITMQ_TASKS_QUEUE=$1.check-tasks \
    VIGIE_RABBITMQ_RESULTS_EXCHANGE=$1.results VIGIE_RABBITMQ_RESULTS_QUEUE=$1.check-results \
    VIGIE_RABBITMQ_WORKERS_EXCHANGE=$1.workers VIGIE_RABBITMQ_DEAD_LETTER_EXCHANGE=$1.dlx \
    VIGIE_RABBITMQ_TASKS_DEAD_LETTER_QUEUE=$1.check-tasks.dlq VIGIE_RABBITMQ_RESULTS_DEAD_LETTER_QUEUE=$1.check-results.dlq
  local q
  for q in check-tasks check-results check-tasks.dlq check-results.dlq; do
    rabbitmqctl -q delete_queue "$1.$q" >/dev/null 2>&1 || true
  done
}

# An empty database of the benchmark's own; BENCH_URL is its JDBC URL.
bench_database() { # name
  bench_sql "DROP DATABASE IF EXISTS $1; CREATE DATABASE $1 CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
       GRANT ALL ON $1.* TO '$APP_DB_USER'@'localhost'; GRANT ALL ON $1.* TO '$APP_DB_USER'@'127.0.0.1';"
  BENCH_URL="jdbc:mysql://127.0.0.1:3306/$1?connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&rewriteBatchedStatements=true"
}

# The JVM flags of an app's systemd unit (deploy/systemd), what the benchmarks run it with unless told otherwise.
unit_flags() { # unit file
  sed -n 's|^ExecStart=/usr/bin/java \(.*\) -jar .*|\1|p' "$VIGIE_HOME/deploy/systemd/$1"
}

# What an app's unit sets in the JVM's environment (Environment= lines naming no instance: MALLOC_ARENA_MAX).
unit_env() { # unit file
  sed -n 's|^Environment=\([^%]*\)$|\1|p' "$VIGIE_HOME/deploy/systemd/$1"
}

# A packaged app as its unit runs it: the unit's environment and JVM flags (or BENCH_JAVA_OPTS), then its arguments.
# Only in the background (&): it execs, so that $! is the JVM's pid, what /proc is read for.
unit_java() { # unit-file module [args...]
  exec env $(unit_env "$1") java ${BENCH_JAVA_OPTS:-$(unit_flags "$1")} -jar "$VIGIE_HOME/$2/target/quarkus-app/quarkus-run.jar" "${@:3}"
}

# The packaged apps; each sets its pid variable.
start_board() { # http-port management-port
  QUARKUS_HTTP_PORT=$1 QUARKUS_MANAGEMENT_PORT=$2 QUARKUS_DATASOURCE_JDBC_URL=$BENCH_URL \
    unit_java vigie-board.service board-web >"$BENCH_OUT/board-web.log" 2>&1 &
  board_pid=$!
  wait_ready "$2"
}
start_worker() { # http-port name
  QUARKUS_HTTP_PORT=$1 VIGIE_WORKER_ID=$2 \
    unit_java vigie-worker@.service check-worker >"$BENCH_OUT/$2.log" 2>&1 &
  worker_pid=$!
  wait_ready "$1"
}
start_dispatcher() { # http-port mode...
  local port=$1
  shift
  QUARKUS_HTTP_PORT=$port QUARKUS_DATASOURCE_JDBC_URL=$BENCH_URL \
    unit_java vigie-dispatcher.service check-dispatcher "$@" >"$BENCH_OUT/dispatcher.log" 2>&1 &
  dispatcher_pid=$!
}

# N services named s1..sN checked every INTERVAL s, FAIL_PCT % of them on the target's failing path, all due now.
bench_services() { # database count interval-s target-url fail-pct
  bench_sql "USE $1; INSERT INTO services (slug, name, target, target_since, check_interval_s, created_at)
       SELECT CONCAT('s', seq), CONCAT('s', seq), IF(seq % 100 < $5, CONCAT('$4', 'fail'), '$4'), NOW(3), $3, NOW(3)
       FROM seq_1_to_$2;
       INSERT INTO check_schedules (service_id, next_check_at) SELECT id, NOW(3) FROM services;"
}
