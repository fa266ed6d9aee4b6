#!/usr/bin/env bash
# Runs egret's server backend benchmarks (bench/postgres_rows.cpp, bench/mysql_rows.cpp) against private
# PostgreSQL and MariaDB servers that it starts (tests/servers/*.sh) in a temporary directory and stops on exit.
#
#   bench/run_servers.sh [build-dir] [extra google benchmark flags...]
#
# build-dir holds bench/bench_postgres_rows and bench/bench_mysql_rows (default: build/bench, the `bench`
# preset). Each runs its four benchmarks 5 times, interleaved at random, and prints the aggregates; then a
# table of the medians and the egret / hand-written ratios. ONLY=postgres or ONLY=mysql runs one of them.
#
#   LOAD=1 bench/run_servers.sh [build-dir] [rows] [runs]
#
# runs the bulk load benchmarks instead (bench/load_postgres.cpp against psql's \copy, bench/load_mysql.cpp against
# LOAD DATA LOCAL INFILE; bench_load_postgres and bench_load_mysql in build-dir; default 1000000 rows, 3 runs
# each), each printing its table; ONLY= works alike.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
build=${1:-$root/build/bench}
[ $# -gt 0 ] && shift
bench_dir=$build/bench
[ -d "$bench_dir" ] || bench_dir=$build

state=$(mktemp -d /tmp/egret-bench-servers.XXXXXX)
cleanup() {
  "$root/tests/servers/postgres.sh" stop "$state/pg" >/dev/null 2>&1 || true
  "$root/tests/servers/mariadb.sh" stop "$state/mariadb" >/dev/null 2>&1 || true
  rm -rf "$state"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

flags=(--benchmark_repetitions=5 --benchmark_report_aggregates_only=true
       --benchmark_enable_random_interleaving=true "$@")

# Prints the medians of one benchmark's JSON output and the ratios egret / hand-written.
summarize() {
  python3 - "$1" "$2" <<'EOF'
import json, sys
name, path = sys.argv[1], sys.argv[2]
runs = json.load(open(path))["benchmarks"]
med = {b["run_name"].split("/")[0]: b for b in runs if b.get("aggregate_name") == "median"}
cv = {b["run_name"].split("/")[0]: b for b in runs if b.get("aggregate_name") == "cv"}
print(f"{name}: medians of 5 repetitions (cv = stddev/mean of the wall times)")
for case in ("point", "scan"):
    c, e = med.get(case + "_c"), med.get(case + "_egret")
    if not c or not e:
        continue
    cvs = "/".join(f"{cv[k]['real_time'] * 100:.1f}%" for k in (case + "_c", case + "_egret") if k in cv)
    print(f"  {case:5}  wall: hand-written {c['real_time']:7.2f} {c['time_unit']}, egret {e['real_time']:7.2f} "
          f"{e['time_unit']}, egret/hand-written {e['real_time'] / c['real_time']:.3f} (cv {cvs});  "
          f"client CPU: {c['cpu_time']:6.2f} / {e['cpu_time']:6.2f} {e['time_unit']}, {e['cpu_time'] / c['cpu_time']:.3f}")
EOF
}

run() {  # run <name> <binary> <env var> <server script> <state subdir>
  local name=$1 bin=$2 var=$3 script=$4 dir=$5
  if [ ! -x "$bin" ]; then
    echo "run_servers.sh: $bin not built (cmake -DEGRET_BUILD_BENCH=ON, with libpq / libmariadb found); skipped"
    return 0
  fi
  "$root/tests/servers/$script" start "$dir"
  if [ ! -f "$dir/conninfo" ]; then
    echo "run_servers.sh: no $name server could be started; skipped"
    return 0
  fi
  local json=$state/$name.json
  env "$var=$(cat "$dir/conninfo")" "$bin" "${flags[@]}" --benchmark_out="$json" --benchmark_out_format=json
  "$root/tests/servers/$script" stop "$dir"
  summaries+=("$(summarize "$name" "$json")")
}

# run_load <binary> <env var> <server script> <state subdir> [rows] [runs]
run_load() {
  local bin=$1 var=$2 script=$3 dir=$4
  shift 4
  if [ ! -x "$bin" ]; then
    echo "run_servers.sh: $bin not built (cmake -DEGRET_BUILD_BENCH=ON, with libpq / libmariadb found); skipped"
    return 0
  fi
  "$root/tests/servers/$script" start "$dir"
  if [ ! -f "$dir/conninfo" ]; then
    echo "run_servers.sh: no server could be started for $bin; skipped"
    return 0
  fi
  env "$var=$(cat "$dir/conninfo")" "$bin" "$@"
  "$root/tests/servers/$script" stop "$dir"
}

if [ "${LOAD:-0}" = 1 ]; then
  case ${ONLY:-all} in all | postgres)
    run_load "$bench_dir/bench_load_postgres" EGRET_BENCH_PG_CONNINFO postgres.sh "$state/pg" "$@" ;;
  esac
  case ${ONLY:-all} in all | mysql)
    run_load "$bench_dir/bench_load_mysql" EGRET_BENCH_MYSQL_CONNINFO mariadb.sh "$state/mariadb" "$@" ;;
  esac
  exit 0
fi

summaries=()
case ${ONLY:-all} in all | postgres)
  run postgres "$bench_dir/bench_postgres_rows" EGRET_BENCH_PG_CONNINFO postgres.sh "$state/pg" ;;
esac
case ${ONLY:-all} in all | mysql)
  run mariadb "$bench_dir/bench_mysql_rows" EGRET_BENCH_MYSQL_CONNINFO mariadb.sh "$state/mariadb" ;;
esac
echo
for s in "${summaries[@]}"; do echo "$s"; done
