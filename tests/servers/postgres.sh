#!/usr/bin/env bash
# Starts and stops a private PostgreSQL server for egret's tests (the CTest fixture postgres_server).
#
#   postgres.sh start <state-dir>   initdb a fresh cluster (trust auth, fsync off) in a new directory under
#                                   /tmp, start it on 127.0.0.1 and a free TCP port, and write the libpq
#                                   conninfo to <state-dir>/conninfo. Exits 0 without writing it when the
#                                   PostgreSQL server binaries are not installed.
#   postgres.sh stop <state-dir>    stop that server and delete its data.
#   postgres.sh signal <state-dir> KILL|STOP|CONT
#                                   send a signal to that server's processes (the postmaster and its children,
#                                   by pid): the fault tests kill or freeze the server under a client.
#   postgres.sh restart <state-dir> start that server again on its data directory and port (after a kill), and
#                                   wait until it accepts connections.
#
# EGRET_PG_DURABLE=1 keeps synchronous_commit on: a COMMIT has reached the kernel when it returns, so it survives
# the server being killed (fsync stays off: the machine does not crash in the tests).
#
# Run as root (CI), the server runs as an unprivileged user (EGRET_PG_USER, default nobody): PostgreSQL refuses
# to run as root. Its data directory is under /tmp, since the build tree may be in a directory that user cannot
# reach. The binaries are found on PATH, else in /usr/lib/postgresql/<newest>/bin, or in $EGRET_PG_BIN.
set -euo pipefail

# shellcheck source=process.sh
. "$(dirname "${BASH_SOURCE[0]}")/process.sh"

usage() {
  echo "usage: $0 start|stop|restart <state-dir> | signal <state-dir> KILL|STOP|CONT" >&2
  exit 2
}
[ $# -eq 2 ] || { [ $# -eq 3 ] && [ "$1" = signal ]; } || usage
cmd=$1
state=$2

find_bin() {
  if [ -n "${EGRET_PG_BIN:-}" ] && [ -x "$EGRET_PG_BIN/pg_ctl" ]; then
    echo "$EGRET_PG_BIN"
    return
  fi
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(command -v pg_ctl)"
    return
  fi
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ]; then
      echo "$d"
      return
    fi
  done
}

# Runs a command as the server's user (the current one unless we are root).
as_server_user() {
  if [ "$(id -u)" -eq 0 ]; then
    setpriv --reuid="$server_user" --regid="$(id -g "$server_user")" --clear-groups -- "$@"
  else
    "$@"
  fi
}

start() {
  mkdir -p "$state"
  rm -f "$state/conninfo"
  # A server left over from an earlier run of this state dir: stop it first.
  [ -f "$state/datadir" ] && stop || true

  local bin
  bin=$(find_bin)
  if [ -z "$bin" ]; then
    echo "egret: PostgreSQL server binaries not found (apt-get install postgresql); postgres tests will be skipped"
    exit 0
  fi

  server_user=${EGRET_PG_USER:-nobody}
  local base
  base=$(mktemp -d /tmp/egret-pg.XXXXXX)
  echo "$base" >"$state/datadir"
  chmod 0755 "$base"
  if [ "$(id -u)" -eq 0 ]; then
    id "$server_user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$server_user"
    chown "$server_user" "$base"
  else
    server_user=$(id -un)
  fi
  echo "$server_user" >"$state/user"
  echo "$bin" >"$state/bin"

  local data="$base/data"
  # cd to a directory the server user can read: initdb complains about an unreadable working directory.
  (cd "$base" && as_server_user "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C \
    --no-sync >"$base/initdb.log" 2>&1) || {
    cat "$base/initdb.log" >&2
    echo "egret: initdb failed" >&2
    exit 1
  }
  cat >>"$data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 50
shared_buffers = 32MB
logging_collector = off
EOF
  if [ "${EGRET_PG_DURABLE:-}" = 1 ]; then echo "synchronous_commit = on" >>"$data/postgresql.conf"; fi

  local tries port
  for tries in $(seq 1 20); do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    # Skip a port something already listens on (the server would fail to bind it anyway).
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
    if (cd "$base" && as_server_user "$bin/pg_ctl" -D "$data" -l "$base/server.log" -o "-p $port" -w -t 60 \
      start >/dev/null 2>&1); then
      echo "$port" >"$state/port"
      echo "host=127.0.0.1 port=$port user=postgres dbname=postgres connect_timeout=10" >"$state/conninfo"
      echo "egret: PostgreSQL ($("$bin/postgres" --version)) on 127.0.0.1:$port, data in $data"
      return 0
    fi
    # Lost a race for the port: try another; any other failure is fatal.
    if ! grep -q "could not bind\|Address already in use\|could not create any TCP/IP sockets" "$base/server.log" 2>/dev/null; then
      cat "$base/server.log" >&2 || true
      echo "egret: pg_ctl start failed" >&2
      exit 1
    fi
    : >"$base/server.log"
  done
  echo "egret: no free port found for PostgreSQL after 20 tries" >&2
  exit 1
}

# The pids of the server's processes: the postmaster first, then its children.
server_pids() {
  local base pid
  base=$(cat "$state/datadir")
  [ -f "$base/data/postmaster.pid" ] || return 0
  pid=$(head -n 1 "$base/data/postmaster.pid")
  kill -0 "$pid" 2>/dev/null || return 0
  echo "$pid"
  ps -o pid= --ppid "$pid" || true
}

signal_server() {
  local sig=$1 pid
  [ -f "$state/datadir" ] || { echo "egret: no server in $state" >&2; exit 1; }
  case "$sig" in KILL | STOP | CONT) ;; *) usage ;; esac
  # shellcheck disable=SC2046
  signal_and_wait "$sig" $(server_pids)
}

restart() {
  [ -f "$state/datadir" ] && [ -f "$state/port" ] || { echo "egret: no server in $state" >&2; exit 1; }
  local base bin port
  base=$(cat "$state/datadir")
  bin=$(cat "$state/bin")
  port=$(cat "$state/port")
  server_user=$(cat "$state/user")
  # Processes of a killed server may take a moment to go; the postmaster refuses to start while they hold its
  # shared memory.
  local tries
  for tries in $(seq 1 30); do
    if (cd "$base" && as_server_user "$bin/pg_ctl" -D "$base/data" -l "$base/server.log" -o "-p $port" -w -t 60 \
      start >/dev/null 2>&1); then
      echo "host=127.0.0.1 port=$port user=postgres dbname=postgres connect_timeout=10" >"$state/conninfo"
      return 0
    fi
    sleep 0.5
  done
  cat "$base/server.log" >&2 || true
  echo "egret: pg_ctl restart failed" >&2
  exit 1
}

stop() {
  rm -f "$state/conninfo"
  [ -f "$state/datadir" ] || return 0
  # A stopped server takes no signal but SIGCONT: let it go on first, so that it can stop.
  local pid
  for pid in $(server_pids); do kill -CONT "$pid" 2>/dev/null || true; done
  local base bin
  base=$(cat "$state/datadir")
  bin=$(cat "$state/bin" 2>/dev/null || find_bin)
  server_user=$(cat "$state/user" 2>/dev/null || id -un)
  if [ -n "$bin" ] && [ -f "$base/data/postmaster.pid" ]; then
    (cd "$base" && as_server_user "$bin/pg_ctl" -D "$base/data" -m immediate -w -t 60 stop >/dev/null 2>&1) || true
  fi
  case "$base" in
    /tmp/egret-pg.*) rm -rf "$base" ;;
  esac
  rm -f "$state/datadir" "$state/port" "$state/user" "$state/bin"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  restart) restart ;;
  signal) signal_server "$3" ;;
  *) usage ;;
esac
