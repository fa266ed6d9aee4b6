#!/usr/bin/env bash
# Lays out DuckDB's C API (duckdb.h + libduckdb.so, DuckDB 1.4.4, the 1.4 LTS line) under a prefix, for
# egret::duckdb (cmake/FindDuckDB.cmake finds it there; /usr/local, the default, with no flags).
#
#   duckdb.sh [PREFIX]     PREFIX/include/duckdb.h and PREFIX/lib/libduckdb.so (default PREFIX: /usr/local)
#
# Debian has no DuckDB package, so both files come from the npm registry, with `npm pack` (nothing of npm's
# install scripts runs): libduckdb.so from @duckdb/node-bindings-linux-<arch>@1.4.4-r.N (the newest N; it ships
# the library with the whole C API) and duckdb.h from duckdb@1.4.4 (src/duckdb/src/include/duckdb.h). Both
# packages' versions are checked, then a tiny program compiled against the header and linked with the library
# must print duckdb_library_version() "v1.4.4"; anything else fails with a message and installs nothing.
#
# Idempotent: when PREFIX already holds a header and library that pass that check, nothing is fetched.
# npm is installed with apt-get when missing and the script runs as root; otherwise it says what to install.
# EGRET_DUCKDB_BINDINGS_VERSION pins the bindings package (e.g. 1.4.4-r.4) instead of the newest 1.4.4-r.N.
set -euo pipefail

want=1.4.4
prefix=${1:-/usr/local}
[ $# -le 1 ] || { echo "usage: $0 [PREFIX]" >&2; exit 2; }

say() { echo "duckdb.sh: $*"; }
die() { echo "duckdb.sh: error: $*" >&2; exit 1; }

case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) die "no DuckDB npm bindings for this machine ($(uname -m)); install DuckDB's released libduckdb and configure with -DDuckDB_ROOT=<dir>" ;;
esac
bindings=@duckdb/node-bindings-linux-$arch

cc=""
for c in "${CC:-}" cc gcc clang c++ g++; do
  if [ -n "$c" ] && command -v "$c" >/dev/null 2>&1; then
    cc=$c
    break
  fi
done
[ -n "$cc" ] || die "no C compiler to check the library's version with (apt-get install gcc)"

# Prints the version of the DuckDB library in $2, as seen by a program compiled with the header in $1.
library_version() {
  local inc=$1 lib=$2 dir
  dir=$(mktemp -d)
  printf '#include <stdio.h>\n#include <duckdb.h>\nint main(void) { puts(duckdb_library_version()); return 0; }\n' \
    >"$dir/v.c"
  if ! "$cc" -x c -o "$dir/v" "$dir/v.c" -x none -I"$inc" "$lib" -Wl,-rpath,"$(dirname "$lib")" 2>"$dir/err"; then
    cat "$dir/err" >&2
    rm -rf "$dir"
    return 1
  fi
  "$dir/v" || { rm -rf "$dir"; return 1; }
  rm -rf "$dir"
}

if [ -f "$prefix/include/duckdb.h" ] && [ -f "$prefix/lib/libduckdb.so" ]; then
  have=$(library_version "$prefix/include" "$prefix/lib/libduckdb.so" 2>/dev/null || true)
  if [ "$have" = "v$want" ]; then
    say "DuckDB $want already in $prefix (include/duckdb.h, lib/libduckdb.so); nothing to do"
    exit 0
  fi
  say "$prefix holds DuckDB ${have:-of an unknown version}; installing $want over it"
fi

if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "npm not found: apt-get install -y npm"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends npm >/dev/null ||
      { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends npm >/dev/null; } ||
      die "apt-get install npm failed"
  else
    die "npm not found: install it (sudo apt-get install npm) and run this again"
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The newest 1.4.4-r.N of the bindings (npm's own list; node is there wherever npm is).
if [ -n "${EGRET_DUCKDB_BINDINGS_VERSION:-}" ]; then
  bv=$EGRET_DUCKDB_BINDINGS_VERSION
else
  npm view "$bindings" versions --json >"$work/versions.json" 2>"$work/npm.err" ||
    { cat "$work/npm.err" >&2; die "npm could not list the versions of $bindings (is the npm registry reachable?)"; }
  bv=$(node -e '
    const want = process.argv[2];
    const vs = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const rs = (Array.isArray(vs) ? vs : [vs])
      .map(v => { const m = v.match(/^(\d+\.\d+\.\d+)-r\.(\d+)$/); return m && m[1] === want ? [Number(m[2]), v] : null; })
      .filter(Boolean).sort((a, b) => a[0] - b[0]);
    if (rs.length) console.log(rs[rs.length - 1][1]);' "$work/versions.json" "$want")
  [ -n "$bv" ] || die "$bindings has no version $want-r.N"
fi
case "$bv" in "$want"-r.*) ;; *) die "bindings version $bv is not $want-r.N" ;; esac

say "fetching $bindings@$bv and duckdb@$want with npm pack"
(cd "$work" && npm pack --silent "$bindings@$bv" "duckdb@$want" >"$work/packed" 2>"$work/npm.err") ||
  { cat "$work/npm.err" >&2; die "npm pack failed (is the npm registry reachable?)"; }

bt=$(ls "$work"/duckdb-node-bindings-linux-"$arch"-*.tgz 2>/dev/null | head -n1)
ht=$(ls "$work"/duckdb-"$want".tgz 2>/dev/null | head -n1)
[ -n "$bt" ] && [ -n "$ht" ] || die "npm pack did not leave the two tarballs (got: $(cat "$work/packed"))"

mkdir -p "$work/b" "$work/h"
tar xzf "$bt" -C "$work/b" package/package.json package/libduckdb.so ||
  die "$bindings@$bv has no package/libduckdb.so"
tar xzf "$ht" -C "$work/h" package/package.json package/src/duckdb/src/include/duckdb.h \
  package/src/duckdb/src/function/table/version/pragma_version.cpp ||
  die "duckdb@$want has no package/src/duckdb/src/include/duckdb.h"

pkg_version() { node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).version)' "$1"; }
got=$(pkg_version "$work/b/package/package.json")
[ "$got" = "$bv" ] || die "$bindings says version $got, not $bv"
got=$(pkg_version "$work/h/package/package.json")
[ "$got" = "$want" ] || die "the duckdb package says version $got, not $want"
# The header's source tree: DuckDB's own version string beside it.
grep -q "^#define DUCKDB_VERSION \"v$want\"\$" "$work/h/package/src/duckdb/src/function/table/version/pragma_version.cpp" ||
  die "the duckdb package's sources are not DuckDB v$want (pragma_version.cpp)"

mkdir -p "$work/prefix/include" "$work/prefix/lib"
cp "$work/h/package/src/duckdb/src/include/duckdb.h" "$work/prefix/include/duckdb.h"
cp "$work/b/package/libduckdb.so" "$work/prefix/lib/libduckdb.so"
got=$(library_version "$work/prefix/include" "$work/prefix/lib/libduckdb.so") ||
  die "a program using duckdb.h and libduckdb.so of these packages does not build or run"
[ "$got" = "v$want" ] || die "libduckdb.so of $bindings@$bv is DuckDB $got, not v$want"

mkdir -p "$prefix/include" "$prefix/lib" || die "cannot create $prefix/include and $prefix/lib (run as root, or give another PREFIX)"
install -m 0644 "$work/prefix/include/duckdb.h" "$prefix/include/duckdb.h.egret-new"
install -m 0755 "$work/prefix/lib/libduckdb.so" "$prefix/lib/libduckdb.so.egret-new"
mv -f "$prefix/include/duckdb.h.egret-new" "$prefix/include/duckdb.h"
mv -f "$prefix/lib/libduckdb.so.egret-new" "$prefix/lib/libduckdb.so"
# So that programs find it without an rpath, where PREFIX/lib is one of the loader's directories.
if [ "$(id -u)" -eq 0 ] && command -v ldconfig >/dev/null 2>&1; then ldconfig || true; fi
say "installed DuckDB $want ($bindings@$bv): $prefix/include/duckdb.h, $prefix/lib/libduckdb.so"
