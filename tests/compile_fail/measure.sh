#!/usr/bin/env bash
# Measures the compile-fail catalog: compiles every tests/compile_fail/<folder>/<rule>.cpp with g++ and
# clang++ the way cmake/EgretCompileFail.cmake does (-std=c++20 -fsyntax-only), counts the lines each
# compiler prints, and prints a markdown table (rule, g++ lines, clang lines, the rejected query, the first
# g++ error line) followed by the median and the worst line counts. docs/diagnostics.md holds its output.
#
# usage: tests/compile_fail/measure.sh [--check] [-j N] [snippet.cpp...]
#   --check   also build each control twin (-DEGRET_CONTROL) with both compilers and match the `// expect:`
#             regex like the harness does (g++: the FIRST error line; clang: anywhere); failures are listed
#             after the table and make the script exit with status 1.
#   -j N      compile N snippets at once (default 2).
#   CXX_GNU / CXX_CLANG override the compilers (default g++ and clang++-16).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
check=0
jobs=2
files=()
while [ $# -gt 0 ]; do
  case $1 in
    --check) check=1 ;;
    -j) shift; jobs=$1 ;;
    -j*) jobs=${1#-j} ;;
    *) files+=("$(cd "$(dirname "$1")" && pwd)/$(basename "$1")") ;;
  esac
  shift
done
if [ ${#files[@]} -eq 0 ]; then
  # every rule; the harness's own self-checks (core/harness_*) are not rules
  mapfile -t files < <(find "$here" -mindepth 2 -name '*.cpp' ! -path '*/core/harness_*' | LC_ALL=C sort)
fi

export EGRET_M_ROOT=$root EGRET_M_HERE=$here EGRET_M_CHECK=$check
export EGRET_M_GNU=${CXX_GNU:-g++} EGRET_M_CLANG=${CXX_CLANG:-clang++-16}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export EGRET_M_WORK=$work

# One snippet -> one record, fields separated by \037 (unit separator; a tab would collapse empty fields):
#   rule  gnu_lines  clang_lines  first_gnu_error  problems  query  clang_egret_at
measure_one() {
  local src=$1
  local rel=${src#"$EGRET_M_HERE"/}
  local rule=${rel%.cpp}
  local tag=${rule//\//_}
  local flags=(-std=c++20 -fsyntax-only -fdiagnostics-color=never "-I$EGRET_M_ROOT/include" -DFMT_SHARED)
  local problems=""
  local expect
  expect=$(head -n1 "$src" | sed -E 's@^[[:space:]]*//[[:space:]]*expect:[[:space:]]*@@; s/[[:space:]]+$//' |
           sed -E "s/['\"\`]//g; s/‘|’|“|”//g")

  count_lines() { # like the harness: newlines, plus one for an unterminated last line
    local n; n=$(wc -l < "$1")
    if [ -s "$1" ] && [ "$(tail -c1 "$1" | od -An -c | tr -d ' ')" != '\n' ]; then n=$((n + 1)); fi
    echo "$n"
  }
  unquote() { sed -E "s/['\"\`]//g; s/‘|’|“|”//g"; }

  local cc out rc lines=() first="" clang_at=-1
  for cc in "$EGRET_M_GNU" "$EGRET_M_CLANG"; do
    out=$EGRET_M_WORK/$tag.$(basename "$cc").txt
    rc=0; LC_ALL=C "$cc" "${flags[@]}" "$src" > "$out" 2>&1 || rc=$?
    lines+=("$(count_lines "$out")")
    if [ "$rc" -eq 0 ]; then problems+="$(basename "$cc"): compiled; "; continue; fi
    if [ "$cc" = "$EGRET_M_GNU" ]; then
      first=$(grep -m1 'error:' "$out" || true)
      if [ "$EGRET_M_CHECK" = 1 ] && ! printf '%s\n' "$first" | unquote | grep -Eq -- "$expect"; then
        problems+="$(basename "$cc"): first error line does not match; "
      fi
    else
      # where `egret:` starts in clang's first error line, counted after "error: " (-1: not on that line)
      clang_at=$(grep -m1 'error:' "$out" | sed -E 's/^.*error: //' | awk '{print index($0, "egret: ") - 1}')
      if [ "$EGRET_M_CHECK" = 1 ] && ! unquote < "$out" | grep -Eq -- "$expect"; then
        problems+="$(basename "$cc"): output does not match; "
      fi
    fi
    if [ "$EGRET_M_CHECK" = 1 ]; then
      rc=0; "$cc" "${flags[@]}" -DEGRET_CONTROL "$src" > "$out.control" 2>&1 || rc=$?
      [ "$rc" -eq 0 ] || problems+="$(basename "$cc"): control does not compile; "
    fi
  done
  first=$(printf '%s' "$first" | sed -E 's/^.*error: //; s/^static assertion failed: //; s/[[:space:]]+$//')
  # the rejected query: the #ifndef EGRET_CONTROL block, on one line
  local query
  query=$(awk '/#[ \t]*ifndef[ \t]+EGRET_CONTROL/{p=1;next} /#[ \t]*(else|endif)/{p=0} p' "$src" |
          sed -E 's@[[:space:]]//.*$@@' | tr '\n' ' ' | sed -E 's/[[:space:]]+/ /g; s/^ //; s/ $//; s/^auto [a-z_]+ = //')
  printf '%s\037%s\037%s\037%s\037%s\037%s\037%s\n' "$rule" "${lines[0]}" "${lines[1]}" "$first" "$problems" "$query" "$clang_at"
}
export -f measure_one

printf '%s\0' "${files[@]}" | xargs -0 -n1 -P "$jobs" bash -c 'measure_one "$1"' _ > "$work/records.tsv"
LC_ALL=C sort -o "$work/records.tsv" "$work/records.tsv"

md_cell() { sed -E 's/\|/\\|/g'; }
echo "| rule | g++ lines | clang lines | rejected query | first g++ error line |"
echo "| --- | ---: | ---: | --- | --- |"
while IFS=$'\037' read -r rule gl cl first problems query _; do
  printf '| `%s` | %s | %s | `%s` | %s |\n' "$rule" "$gl" "$cl" "$(printf '%s' "$query" | md_cell)" \
    "$(printf '%s' "$first" | md_cell)"
done < "$work/records.tsv"

# statistics over the rules (a harness self-check given on the command line is not a rule)
stats() { # column number -> "median M, worst W (rule)"
  grep -v '^core/harness_' "$work/records.tsv" | awk -F'\037' -v c="$1" '{print $c "\t" $1}' |
    sort -n | awk -F'\t' '{v[NR]=$1; r[NR]=$2} END {
      m = (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2;
      printf "median %s, worst %s (%s)", m, v[NR], r[NR] }'
}
n=$(grep -vc '^core/harness_' "$work/records.tsv" || true)
echo
echo "$n rules. g++: $(stats 2) lines; clang: $(stats 3) lines."
echo "clang's first error line: \`egret:\` after $(stats 7) characters (counted after \"error: \"; within 60: $(grep -v '^core/harness_' "$work/records.tsv" | awk -F'\037' '$7 >= 0 && $7 <= 60' | wc -l) rules)."

bad=$(awk -F'\037' '$5 != "" {print "- " $1 ": " $5}' "$work/records.tsv")
if [ -n "$bad" ]; then
  echo
  echo "Problems:"
  echo "$bad"
  exit 1
fi
