#!/usr/bin/env bash
# Compile-time budget of egret: compiles representative translation units (-c, nothing linked) with each
# compiler under /usr/bin/time -v and prints markdown tables: median wall time of RUNS runs and the largest
# maximum resident set size, then the growth series (select items, joined tables) with the ratio per doubling.
#
#   bench/compile/run.sh                        # g++ and clang++-16, 3 runs each
#   RUNS=5 COMPILERS="g++" bench/compile/run.sh
#   ONLY="queries20 select_400" bench/compile/run.sh
#
# Environment: COMPILERS (default "g++ clang++-16"), RUNS (3), FLAGS (-std=c++20 -O2), ONLY (TU names),
# INCLUDE (egret's include directory, default this tree's; to compare with another version of the headers),
# OUT (scratch directory, default a fresh mktemp -d), MAX_LOAD (wait up to 10 min, before each round, for the
# 1-minute load average to drop below it; default 1.5 on this 2-core machine, 0 disables waiting).
# The TUs: bench/compile/*.cpp, examples/jaffle_shop/main.cpp, examples/tpch/main.cpp (the 22 TPC-H queries, the
# loader and the CSV writer: a real analytical program), and select_{100,200,400} / join_{5,10,20}
# written by bench/compile/gen.py into $OUT.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
COMPILERS=${COMPILERS:-"g++ clang++-16"}
RUNS=${RUNS:-3}
FLAGS=${FLAGS:-"-std=c++20 -O2"}
MAX_LOAD=${MAX_LOAD:-1.5}
INCLUDE=${INCLUDE:-$root/include}
OUT=${OUT:-$(mktemp -d "${TMPDIR:-/tmp}/egret-compile-bench.XXXXXX")}
mkdir -p "$OUT/gen" "$OUT/obj"

python3 "$here/gen.py" "$OUT/gen" --select 100 200 400 --join 5 10 20

declare -A src
src[include_only]=$here/include_only.cpp
src[include_sqlite]=$here/include_sqlite.cpp
src[jaffle_shop]=$root/examples/jaffle_shop/main.cpp
src[tpch]=$root/examples/tpch/main.cpp
src[queries20]=$here/queries20.cpp
src[wide100]=$here/wide100.cpp
src[join10]=$here/join10.cpp
src[pipeline200]=$root/bench/pipeline200.cpp
for n in 100 200 400; do src[select_$n]=$OUT/gen/select_$n.cpp; done
for n in 5 10 20; do src[join_$n]=$OUT/gen/join_$n.cpp; done
order=(include_only include_sqlite jaffle_shop tpch queries20 wide100 join10 pipeline200 select_100 select_200 select_400 join_5 join_10 join_20)
if [[ -n "${ONLY:-}" ]]; then read -r -a order <<<"$ONLY"; fi

wait_for_load() {
  [[ "$MAX_LOAD" == 0 ]] && return
  local waited=0
  while awk -v m="$MAX_LOAD" '{ exit !($1 >= m) }' /proc/loadavg && ((waited < 600)); do
    sleep 10
    waited=$((waited + 10))
  done
}

results=$OUT/results.tsv   # compiler, tu, run, wall seconds, max RSS KiB, exit status, user+sys seconds
: >"$results"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for ((r = 1; r <= RUNS; r++)); do
  wait_for_load
  echo "round $r/$RUNS (load $(cut -d' ' -f1 /proc/loadavg))" >&2
  for tu in "${order[@]}"; do
    for cxx in $COMPILERS; do
      log=$OUT/obj/$tu.$cxx.$r.time
      # shellcheck disable=SC2086
      if /usr/bin/time -v -o "$log" "$cxx" $FLAGS -I"$INCLUDE" -c "${src[$tu]}" -o "$OUT/obj/$tu.$cxx.o" \
        2>"$OUT/obj/$tu.$cxx.err"; then st=0; else st=$?; fi
      wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log")
      rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log")
      cpu=$(awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { print s }' "$log")
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$cxx" "$tu" "$r" "$wall" "$rss" "$st" "$cpu" >>"$results"
    done
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

python3 - "$results" "$COMPILERS" "${order[*]}" "$FLAGS" <<'PY'
import collections, statistics, sys
path, compilers, order, flags = sys.argv[1], sys.argv[2].split(), sys.argv[3].split(), sys.argv[4]
walls, cpus, rss, failed = collections.defaultdict(list), collections.defaultdict(list), collections.defaultdict(int), set()
for line in open(path):
    cxx, tu, _, wall, kib, st, cpu = line.rstrip("\n").split("\t")
    if st != "0":
        failed.add((cxx, tu))
        continue
    walls[cxx, tu].append(float(wall))
    cpus[cxx, tu].append(float(cpu))
    rss[cxx, tu] = max(rss[cxx, tu], int(kib))

def cell(cxx, tu):
    if (cxx, tu) in failed or not walls[cxx, tu]:
        return "failed", "failed", "failed"
    return (f"{statistics.median(walls[cxx, tu]):.2f}", f"{statistics.median(cpus[cxx, tu]):.2f}",
            f"{rss[cxx, tu] / 1024:.0f}")

print(f"`{flags} -c`: median of {max((len(v) for v in walls.values()), default=0)} runs of the wall time and of "
      "the CPU time (user + sys, less sensitive to a loaded machine), in s; largest max RSS, in MiB\n")
print("| translation unit | " + " | ".join(f"{c} wall | {c} CPU | {c} MiB" for c in compilers) + " |")
print("| --- |" + " ---: | ---: | ---: |" * len(compilers))
for tu in order:
    print(f"| {tu} | " + " | ".join(" | ".join(cell(c, tu)) for c in compilers) + " |")

for label, series in (("select items", ["select_100", "select_200", "select_400"]),
                      ("joined tables", ["join_5", "join_10", "join_20"])):
    series = [s for s in series if s in order]
    if len(series) < 2:
        continue
    print(f"\n| {label} | " + " | ".join(f"{c} CPU s | ×/doubling | MiB" for c in compilers) + " |")
    print("| ---: |" + " ---: | ---: | ---: |" * len(compilers))
    prev = {}
    for tu in series:
        row = []
        for c in compilers:
            _, s, m = cell(c, tu)
            ratio = f"{float(s) / float(prev[c]):.2f}" if c in prev and s != "failed" and prev[c] != "failed" else "—"
            prev[c] = s
            row.append(f"{s} | {ratio} | {m}")
        print(f"| {tu.split('_')[1]} | " + " | ".join(row) + " |")
PY
for f in "$OUT"/obj/*.err; do
  if [[ -s "$f" ]]; then echo "compiler output in $f" >&2; fi
done
