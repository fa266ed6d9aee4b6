#!/usr/bin/env bash
# A private MariaDB server for the tests (CTest fixture mariadb_server, see tests/mysql/CMakeLists.txt).
#
#   mariadb.sh start <state-dir>   initializes a data directory of its own (mktemp -d under /tmp, so that
#                                  the unprivileged server user can reach it), starts mariadbd on 127.0.0.1
#                                  with a free TCP port and a unix socket, waits until it answers, and writes
#                                  the connection string to <state-dir>/conninfo
#   mariadb.sh stop <state-dir>    shuts the server down and deletes its data
#   mariadb.sh signal <state-dir> KILL|STOP|CONT
#                                  sends a signal to that server (mariadbd, by its pid): the fault tests kill or
#                                  freeze the server under a client
#   mariadb.sh restart <state-dir> starts that server again on its data directory and port (after a kill), and
#                                  waits until it answers
#
# The server runs without grant tables (any user name, no password), without a binary log, with small InnoDB
# buffers. Run as root (CI), the server runs as the user `nobody`. When the MariaDB binaries are missing,
# `start` prints what to install and exits 0 without writing conninfo: the tests then report SKIPPED.
set -u

# shellcheck source=process.sh
. "$(dirname "${BASH_SOURCE[0]}")/process.sh"

cmd=${1:-}
state=${2:-}
if [[ -z "$cmd" || -z "$state" ]]; then
  echo "usage: $0 start|stop|restart <state-dir> | signal <state-dir> KILL|STOP|CONT" >&2
  exit 2
fi

find_bin() {
  local name
  for name in "$@"; do
    if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return 0; fi
    for dir in /usr/sbin /usr/local/sbin /usr/bin /usr/local/bin; do
      if [[ -x "$dir/$name" ]]; then echo "$dir/$name"; return 0; fi
    done
  done
  return 1
}

stop_server() {
  local pidfile datadir pid
  [[ -f "$state/datadir" ]] || { rm -f "$state/conninfo"; return 0; }
  datadir=$(cat "$state/datadir")
  pidfile="$datadir/mariadbd.pid"
  if [[ -f "$pidfile" ]]; then
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill -CONT "$pid" 2>/dev/null  # a stopped server (the fault tests) must go on to shut down
      kill -TERM "$pid" 2>/dev/null
      for _ in $(seq 1 100); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
    fi
  fi
  # only ever delete what start created: a directory under /tmp named egret-mariadb.*
  case "$datadir" in
    /tmp/egret-mariadb.*) rm -rf "$datadir" ;;
  esac
  rm -f "$state/conninfo" "$state/datadir" "$state/port"
}

# Starts mariadbd on $datadir, port $1, in the background ($server is its pid); 0 once it answers a ping.
launch() {
  local port=$1
  started=""
  rm -f "$datadir/error.log"
  "$mariadbd" --no-defaults --datadir="$datadir/data" --tmpdir="$datadir/tmp" "${user_args[@]}" \
    --bind-address=127.0.0.1 --port="$port" --socket="$socket" --pid-file="$datadir/mariadbd.pid" \
    --log-error="$datadir/error.log" --skip-grant-tables --skip-log-bin --skip-name-resolve \
    --local-infile=1 --character-set-server=utf8mb4 --collation-server=utf8mb4_bin \
    --innodb-buffer-pool-size=32M --innodb-log-file-size=16M --innodb-flush-log-at-trx-commit=2 \
    --max-connections=200 --max-allowed-packet=64M </dev/null >/dev/null 2>&1 &
  server=$!
  for _ in $(seq 1 600); do
    if "$admin" --no-defaults --socket="$socket" --user=root ping >/dev/null 2>&1; then
      started=yes
      return 0
    fi
    kill -0 "$server" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

case "$cmd" in
  stop)
    stop_server
    exit 0
    ;;
  signal)
    sig=${3:-}
    [[ "$sig" == KILL || "$sig" == STOP || "$sig" == CONT ]] || { echo "usage: $0 signal <state-dir> KILL|STOP|CONT" >&2; exit 2; }
    [[ -f "$state/datadir" ]] || { echo "egret: no server in $state" >&2; exit 1; }
    pid=$(cat "$(cat "$state/datadir")/mariadbd.pid" 2>/dev/null) || exit 1
    signal_and_wait "$sig" "$pid"
    exit $?
    ;;
  start | restart) ;;
  *)
    echo "usage: $0 start|stop|restart <state-dir> | signal <state-dir> KILL|STOP|CONT" >&2
    exit 2
    ;;
esac

if [[ "$cmd" == start ]]; then
  mkdir -p "$state"
  stop_server  # a server left over from an interrupted run
fi

mariadbd=$(find_bin mariadbd mysqld) || mariadbd=""
install_db=$(find_bin mariadb-install-db mysql_install_db) || install_db=""
admin=$(find_bin mariadb-admin mysqladmin) || admin=""
if [[ -z "$mariadbd" || -z "$install_db" || -z "$admin" ]]; then
  echo "egret: no MariaDB server found (mariadbd, mariadb-install-db, mariadb-admin); the MariaDB tests are"
  echo "skipped. Install it with: apt-get install mariadb-server"
  exit 0
fi

user_args=()
[[ $(id -u) -eq 0 ]] && user_args=(--user=nobody)

if [[ "$cmd" == restart ]]; then
  [[ -f "$state/datadir" && -f "$state/port" ]] || { echo "egret: no server in $state" >&2; exit 1; }
  datadir=$(cat "$state/datadir")
  socket="$datadir/mariadbd.sock"
  port=$(cat "$state/port")
  # The killed server's socket file stays behind; the port may take a moment to be free again.
  for _ in $(seq 1 20); do
    rm -f "$socket" "$socket.lock"
    launch "$port" && break
    kill -TERM "$server" 2>/dev/null
    wait "$server" 2>/dev/null
    sleep 0.5
  done
  if [[ -z "$started" ]]; then
    echo "egret: mariadbd did not restart:" >&2
    cat "$datadir/error.log" >&2
    exit 1
  fi
  echo "host=127.0.0.1 port=$port user=root" >"$state/conninfo"
  exit 0
fi

datadir=$(mktemp -d /tmp/egret-mariadb.XXXXXX) || exit 1
echo "$datadir" >"$state/datadir"
if [[ $(id -u) -eq 0 ]]; then
  chown nobody "$datadir" || exit 1
fi
chmod 0755 "$datadir"
# A temporary directory of its own: two servers bootstrapping at once in /tmp can collide on the names of their
# temporary tables ("Could not remove temporary table: '/tmp/#sql-temptable-...'", then mysql.tmp_user_sys).
mkdir -p "$datadir/tmp" || exit 1
if [[ $(id -u) -eq 0 ]]; then
  chown nobody "$datadir/tmp" || exit 1
fi

if ! "$install_db" --no-defaults --datadir="$datadir/data" --tmpdir="$datadir/tmp" "${user_args[@]}" --skip-test-db \
    --auth-root-authentication-method=normal >"$datadir/install.log" 2>&1; then
  echo "egret: mariadb-install-db failed:" >&2
  cat "$datadir/install.log" >&2
  stop_server
  exit 1
fi

socket="$datadir/mariadbd.sock"
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

started=""
base=$((20000 + ($$ % 20000)))
for attempt in $(seq 0 29); do
  port=$((base + attempt * 7))
  port_in_use "$port" && continue
  launch "$port" && break
  kill -TERM "$server" 2>/dev/null
  wait "$server" 2>/dev/null
  grep -qi "address already in use\|bind on tcp/ip port" "$datadir/error.log" 2>/dev/null && continue
  echo "egret: mariadbd did not start:" >&2
  cat "$datadir/error.log" >&2
  stop_server
  exit 1
done

if [[ -z "$started" ]]; then
  echo "egret: found no free TCP port for mariadbd" >&2
  stop_server
  exit 1
fi

echo "$port" >"$state/port"
echo "host=127.0.0.1 port=$port user=root" >"$state/conninfo"
echo "egret: MariaDB $("$mariadbd" --version | sed 's/.*Ver \([^ ]*\).*/\1/') at 127.0.0.1:$port (socket $socket)"
exit 0
