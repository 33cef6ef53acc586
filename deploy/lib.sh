# Shared by Vigie's local scripts: picks the JDK, starts the local RabbitMQ and MariaDB when they are down,
# and creates Vigie's database user. Sourced, not run.

VIGIE_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VIGIE_STATE="$VIGIE_HOME/.vigie"

say() { printf 'vigie: %s\n' "$*"; }
die() { printf 'vigie: %s\n' "$*" >&2; exit 1; }

# Vigie builds for Java 21 and runs best on 25. The machine's default java may be older: choose explicitly.
select_jdk() {
  local candidate
  if [ -n "${JAVA_HOME:-}" ] && "$JAVA_HOME/bin/java" -version 2>&1 | grep -Eq 'version "(2[1-9]|[3-9][0-9])'; then
    export PATH="$JAVA_HOME/bin:$PATH"; return
  fi
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25* /usr/lib/jvm/*-25-* /usr/lib/jvm/temurin-21* /usr/lib/jvm/*-21-*; do
    if [ -x "$candidate/bin/java" ]; then
      export JAVA_HOME="$candidate" PATH="$candidate/bin:$PATH"; return
    fi
  done
  die "no JDK 21 or newer found under /usr/lib/jvm; install one or set JAVA_HOME"
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

wait_port() { # host port what seconds
  local i
  for ((i = 0; i < $4 * 4; i++)); do port_open "$1" "$2" && return 0; sleep 0.25; done
  die "$3 did not open $1:$2 within $4 s"
}

ensure_rabbitmq() {
  port_open 127.0.0.1 5672 && return
  command -v rabbitmq-server >/dev/null || die "RabbitMQ is not running on 127.0.0.1:5672 and rabbitmq-server is not installed"
  say "starting RabbitMQ"
  rabbitmq-server -detached >/dev/null 2>&1 || true
  wait_port 127.0.0.1 5672 RabbitMQ 120
}

ensure_mariadb() {
  port_open 127.0.0.1 3306 && return
  [ -x /usr/sbin/mariadbd ] || die "MariaDB/MySQL is not running on 127.0.0.1:3306 and /usr/sbin/mariadbd is not installed"
  say "starting MariaDB"
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
  wait_port 127.0.0.1 3306 MariaDB 60
}

# The user every Vigie app and test connects as; databases vigie* belong to it (tests create their own).
ensure_database() {
  local sql="CREATE DATABASE IF NOT EXISTS vigie CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'vigie'@'localhost' IDENTIFIED BY 'vigie';
CREATE USER IF NOT EXISTS 'vigie'@'127.0.0.1' IDENTIFIED BY 'vigie';
GRANT ALL ON \`vigie%\`.* TO 'vigie'@'localhost';
GRANT ALL ON \`vigie%\`.* TO 'vigie'@'127.0.0.1';"
  local i
  for ((i = 0; i < 60; i++)); do
    if mariadb -uroot -e "$sql" 2>/dev/null || mysql -uroot -e "$sql" 2>/dev/null; then return; fi
    sleep 1
  done
  die "cannot create Vigie's database user as root on 127.0.0.1:3306"
}

# The users the apps started by deploy/local/start connect as, with passwords made once and kept in .vigie/: in the
# prod profile the apps refuse the well-known ones the tests use (vigie, guest). Database: vigie_app on `vigie%`
# (the board's and the benchmarks' databases); broker: vigie, on the local RabbitMQ (rabbitmqctl). Sets APP_DB_USER, APP_DB_PASSWORD, APP_MQ_USER, APP_MQ_PASSWORD.
ensure_app_users() {
  APP_DB_USER=vigie_app
  APP_DB_PASSWORD=$(state_secret db-password)
  APP_MQ_USER=vigie
  APP_MQ_PASSWORD=$(state_secret broker-password)
  local host sql=""
  for host in localhost 127.0.0.1; do
    sql+="CREATE USER IF NOT EXISTS '$APP_DB_USER'@'$host' IDENTIFIED BY '$APP_DB_PASSWORD';
ALTER USER '$APP_DB_USER'@'$host' IDENTIFIED BY '$APP_DB_PASSWORD';
GRANT ALL ON \`vigie%\`.* TO '$APP_DB_USER'@'$host';
"
  done
  mariadb -uroot -e "$sql" 2>/dev/null || mysql -uroot -e "$sql" 2>/dev/null \
    || die "cannot create the apps' database user $APP_DB_USER as root on 127.0.0.1:3306"
  command -v rabbitmqctl >/dev/null || die "rabbitmqctl is not installed: cannot create the apps' broker user"
  if rabbitmqctl -q list_users 2>/dev/null | grep -q "^$APP_MQ_USER[[:space:]]"; then
    rabbitmqctl -q change_password "$APP_MQ_USER" "$APP_MQ_PASSWORD" >/dev/null 2>&1
  else
    rabbitmqctl -q add_user "$APP_MQ_USER" "$APP_MQ_PASSWORD" >/dev/null 2>&1
  fi || die "cannot set the broker user $APP_MQ_USER's password with rabbitmqctl"
  rabbitmqctl -q set_permissions -p / "$APP_MQ_USER" '.*' '.*' '.*' >/dev/null 2>&1 \
    || die "cannot give the broker user $APP_MQ_USER its permissions with rabbitmqctl"
}

# The apps' users and the login cookie key, in the environment of the apps started from here on (the benchmarks).
export_app_secrets() {
  ensure_app_users
  export QUARKUS_DATASOURCE_USERNAME=$APP_DB_USER QUARKUS_DATASOURCE_PASSWORD=$APP_DB_PASSWORD
  export RABBITMQ_USERNAME=$APP_MQ_USER RABBITMQ_PASSWORD=$APP_MQ_PASSWORD
  QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY=$(state_secret session-key)
  export QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY
  VIGIE_NOTIFY_SECRET_KEY=$(state_key notify-key)
  export VIGIE_NOTIFY_SECRET_KEY
}

# A random AES key (32 bytes in base64) made once and kept in .vigie/<name>, readable by its owner only.
state_key() { # name
  local file="$VIGIE_STATE/$1"
  mkdir -p "$VIGIE_STATE"
  [ -s "$file" ] || (umask 077; head -c 32 /dev/urandom | base64 >"$file")
  cat "$file"
}

# A random secret made once and kept in .vigie/<name>, readable by its owner only.
state_secret() { # name
  local file="$VIGIE_STATE/$1"
  mkdir -p "$VIGIE_STATE"
  [ -s "$file" ] || (umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$file")
  cat "$file"
}

# What the tests need beyond the servers: Debian's Chromium and its WebDriver (browser tests), the system
# ping (the worker's ping probe runs it) and libfaketime (the clock-skew drill). Installed when missing and we
# may (root with apt); otherwise the browser tests skip and say why, and the ping tests and that drill fail.
ensure_test_tools() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
  command -v ping >/dev/null || missing+=(iputils-ping)
  # The fault drills (drills/) run a worker with its clock an hour ahead through libfaketime.
  [ -e /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1 ] || missing+=(faketime)
  [ ${#missing[@]} -eq 0 ] && return
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing ${missing[*]} for the tests"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 \
      || say "could not install ${missing[*]}"
  else
    say "missing ${missing[*]}: install them (apt-get install ${missing[*]}) for the browser and ping tests"
  fi
}

ensure_servers() {
  ensure_rabbitmq
  ensure_mariadb
  ensure_database
}
