// Differential testing: a seeded generator of random, well-typed dynamic queries (egret::dyn), each run on every
// executing backend and compared with SQLite's rows (the reference).
//
// The queries are built from finitely many static node types (columns, bound values, + - * / %, comparisons,
// AND/OR/NOT, IS NULL, BETWEEN, IN lists, CASE / if_else / coalesce / nullif, upper, lower, length, substr,
// concatenation, round, abs, count / sum / min / max / mean with and without where() filters), erased into
// dyn::expr<T> and combined at run time into trees, in four shapes:
//   filter + project   SELECT items FROM dt [WHERE p] ORDER BY keys..., id [LIMIT n [OFFSET m]]
//   join               dt [LEFT] JOIN dj ON dt.id = dj.did [AND p], ordered by keys..., dt.id, dj.jid
//   aggregate          SELECT keys, aggregates FROM dt [WHERE p] GROUP BY key columns [HAVING] ORDER BY keys
//   join + aggregate   the same over dt LEFT JOIN dj
//   self-join          two subqueries of dt (one query object used twice, or two of one shape), [LEFT] JOINed,
//                      each read through its own name
// Every ORDER BY ends with the key columns (NULLS FIRST/LAST explicit), so the order is total and the rows are
// compared in order: doubles to 1e-9 relative (1e-12 absolute near zero), everything else exactly. The data
// (dt, dj: NULLs, rows NULL in every nullable column, 0, negatives, halves, large integers, empty, case-only and
// non-ASCII strings, trailing blanks)
// are created on each backend once per process.
//
// What the generator keeps away from, by construction (so every engine must agree):
//   - division and modulo by zero: the divisor is wrapped in nullif(d, 0);
//   - BIGINT overflow: every integer expression carries a bound of its magnitude; + - * and sum() are only
//     built when the bound stays below 1e17;
//   - sum() / mean() of inexact doubles (after a division), whose last bits depend on the order of summation;
//   - substr() with a start below 1 (engines disagree there; documented in text.hpp) and negative lengths;
//   - GROUP BY expressions holding bound values (PostgreSQL does not match `$1` in the select list with `$3` in
//     GROUP BY): the group keys are columns;
//   - round() of a DOUBLE beyond 1e15 (MariaDB's emulation goes through DECIMAL(65, 30)).
// Constructs left out on one backend only (real engine semantics that egret does not render away yet) are the
// `profile` of that backend (exclusions() below, each with its reason; the report prints them). On MariaDB:
//   - upper() / lower() of text that may hold non-ASCII letters (MariaDB maps them, SQLite maps ASCII only);
//   - a sort key that is a bare bound value (`ORDER BY ?` bound to an integer is a column position there).
// On DuckDB, the same two: upper() / lower() map non-ASCII letters there too, and DuckDB refuses a parameter in
// ORDER BY ("Parameter not supported in ORDER BY clause", an error rather than a wrong answer).
// Found by this test and fixed: the PostgreSQL statement cache matched a dynamic query's text by address alone
// (a new text at a reused address ran the old statement); SUBSTR / LPAD / ROUND... with a BIGINT count do not
// exist on PostgreSQL (cast to INTEGER in dialect/postgres.hpp); MariaDB's utf8mb4_bin is PAD SPACE ('a ' = 'a':
// egret::mysql now sets utf8mb4_nopad_bin); the NULLS FIRST/LAST emulation wrote `NOT x IS NULL` for a key `NOT x`
// (dialect/ansi.hpp render_null_sort_key now parenthesizes it); DuckDB has no ROUND(DOUBLE, BIGINT) (its digits
// are cast to INTEGER in dialect/duckdb.hpp).
//
// Environment: EGRET_DIFF_SEED (default 20240601), EGRET_DIFF_QUERIES (default 10000), EGRET_DIFF_ONLY=<index> (one
// query, to reproduce a reported mismatch), EGRET_DIFF_VERBOSE=1 (print every query's SQL),
// EGRET_DIFF_LOG=<file> (every mismatch written there, one block each, lines unwrapped).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <fmt/format.h>

#include <egret/sqlite/dynamic.hpp>
#ifdef EGRET_CONFORMANCE_POSTGRES
#include <egret/postgres/dynamic.hpp>
#endif
#ifdef EGRET_CONFORMANCE_MYSQL
#include <egret/mysql/dynamic.hpp>
#endif
#ifdef EGRET_CONFORMANCE_DUCKDB
#include <egret/duckdb/dynamic.hpp>
#endif

#include "backends.hpp"
#include "framework.hpp"
#include "result.hpp"

namespace differential {

namespace dyn = egret::dyn;
using conformance::cell;
using conformance::rows;

EGRET_TABLE(dt, (id, std::int64_t), (a, std::optional<std::int64_t>), (b, std::optional<std::int64_t>),
            (x, std::optional<double>), (y, std::optional<double>), (s, std::optional<std::string>),
            (flag, std::optional<bool>), (g, std::string));
EGRET_PRIMARY_KEY(dt, id);

EGRET_TABLE(dj, (jid, std::int64_t), (did, std::optional<std::int64_t>), (w, std::optional<std::int64_t>),
            (t, std::optional<std::string>));
EGRET_PRIMARY_KEY(dj, jid);

inline constexpr dt T{};
inline constexpr dj J{};

// ---- the data ----

using oi = std::optional<std::int64_t>;
using od = std::optional<double>;
using os = std::optional<std::string>;
using ob = std::optional<bool>;
inline constexpr std::nullopt_t null = std::nullopt;

struct dt_row {
  std::int64_t id;
  oi a, b;
  od x, y;
  os s;
  ob flag;
  std::string g;
};
struct dj_row {
  std::int64_t jid;
  oi did, w;
  os t;
};

/// Bounds of the columns' magnitudes (the integer generator's leaves).
inline constexpr double max_a = 1e12, max_b = 7, max_id = 25, max_w = 100;

inline std::vector<dt_row> const& dt_rows() {
  static std::vector<dt_row> const r = {
      {1, 0, 1, 0.0, 1.5, "apple", true, "g1"},
      {2, -7, 2, -2.5, 2.5, "Apple", false, "g1"},
      {3, null, 3, 2.5, null, "APPLE", null, "g2"},
      {4, 4'000'000'000, -3, null, -0.5, "", true, "g2"},
      {5, -4'000'000'000, null, 0.125, 0.0, null, false, "g3"},
      {6, 1'000'000'000'000, 7, 1'000'000.5, -1.25, "banana", true, "g3"},
      {7, 5, -5, 100.75, 3.0, "Banana", null, "G1"},
      {8, 12, 5, -0.5, -2.5, "\xC3\xA4pfel", false, "g1"},
      {9, -12, 0, 3.5, 0.5, "\xC3\x84pfel", true, "g2"},
      {10, 3, 3, 0.0, 0.0, "b", false, "g4"},
      {11, null, null, null, null, null, null, "g4"},
      {12, 2, null, -3.75, 1.0, "a b", true, "g3"},
      {13, 100, 7, 2.5, 2.5, "zeta", false, "G1"},
      {14, -1, -1, -2.5, null, "\xC3\xBC", null, "g2"},
      {15, 9, 2, 1.5, -1.5, "apple", true, "g1"},
      {16, 1, 1, 42.0, 0.25, "\xE6\x97\xA5\xE6\x9C\xAC", false, "g4"},
      {17, 0, -2, -100.5, 8.0, "x", true, "g3"},
      {18, -3, 4, 0.5, null, " lead", false, "g2"},
      {19, 7, null, 7.75, -7.75, "trail ", null, "g1"},
      {20, 999'999, 6, -0.125, 2.0, "Zeta", true, "g4"},
      // NULL-heavy rows: NULL in every nullable column, or in all but one
      {21, null, null, null, null, null, null, "g5"},
      {22, null, null, null, null, null, null, "g5"},
      {23, null, 1, null, null, null, null, "g5"},
      {24, null, null, null, 0.0, null, null, "g4"},
      {25, null, null, null, null, null, false, "g5"},
  };
  return r;
}

inline std::vector<dj_row> const& dj_rows() {
  static std::vector<dj_row> const r = {
      {1, 1, 10, "one"},   {2, 1, -10, "One"},   {3, 2, null, null},      {4, 4, 3, "four"},
      {5, 7, 0, ""},       {6, null, 5, "orphan"}, {7, 99, 1, "none"},    {8, 12, -4, "twelve"},
      {9, 13, 2, "x"},     {10, 13, 2, "X"},     {11, 20, 100, "twenty"}, {12, 15, null, "\xC3\xA4"},
      {13, 21, null, null},  {14, 22, null, null},  {15, null, null, null}, {16, 23, 7, null},
  };
  return r;
}

/// Creates and fills dt and dj on db (dropping earlier ones).
template <class Db>
void load(Db& db) {
  db.drop_table("dt");
  db.drop_table("dj");
  db.template create_table<dt>();
  db.template create_table<dj>();
  for (auto const& r : dt_rows()) db.template insert<dt>(r.id, r.a, r.b, r.x, r.y, r.s, r.flag, r.g);
  for (auto const& r : dj_rows()) db.template insert<dj>(r.jid, r.did, r.w, r.t);
}

/// Backend B's connection, the tables loaded once per process.
template <class B>
auto& database() {
  static bool const loaded = (load(B::raw_db()), true);
  (void)loaded;
  return B::raw_db();
}

// ---- what a backend leaves out ----

/// A construct the generator can leave out for one backend.
enum feature : unsigned {
  f_unicode_case,      ///< upper() / lower() of text that may hold non-ASCII letters
  f_blank_compare,     ///< comparing, IN, ordering, min/max of text that may hold a blank
  f_loose_nulls_key,   ///< NULLS FIRST/LAST on a key binding looser than IS (NOT, AND, OR, =, IN, BETWEEN)
  f_constant_sort_key, ///< a sort key that is a bare bound value
};

struct profile {
  unsigned off = 0;  ///< bit per feature left out
  bool has(feature f) const { return (off & (1u << f)) == 0; }
};

struct exclusion {
  std::string_view backend;
  feature f;
  std::string_view reason;
};

/// The constructs not generated for a backend, with the reason.
inline std::vector<exclusion> const& exclusions() {
  static std::vector<exclusion> const e = {
      {"mysql", f_unicode_case,
       "upper() / lower() of non-ASCII letters: MariaDB maps them ('\xC3\x84pfel' -> '\xC3\xA4pfel'), SQLite maps "
       "ASCII only (PostgreSQL, in the C locale the test server uses, agrees with SQLite)"},
      {"mysql", f_constant_sort_key,
       "a sort key that is a bare bound value: MariaDB reads `ORDER BY ?` bound to an integer as a column "
       "position (wrong order, or error 1054 Unknown column)"},
      {"duckdb", f_unicode_case,
       "upper() / lower() of non-ASCII letters: DuckDB maps them ('\xC3\x84pfel' -> '\xC3\xA4pfel'), SQLite maps "
       "ASCII only"},
      {"duckdb", f_constant_sort_key,
       "a sort key that is a bare bound value: DuckDB refuses a parameter in ORDER BY (\"Parameter not supported "
       "in ORDER BY clause\")"},
  };
  return e;
}

inline profile profile_of(std::string_view backend) {
  profile p;
  for (auto const& e : exclusions())
    if (e.backend == backend) p.off |= 1u << e.f;
  return p;
}

// ---- the generator ----

struct ival {
  dyn::expr<std::int64_t> e;
  double m;  ///< bound of |value|
};
struct dval {
  dyn::expr<double> e;
  double m;    ///< bound of |value| (infinity: unknown)
  bool exact;  ///< exactly representable whatever the engine's evaluation order (no division)
};

using plain_query = dyn::query<dt, dyn::runtime_columns>;
using inner_query = decltype(dyn::from(T).join(J, T.id == J.did).select(std::vector<dyn::column>{}));
using left_query = decltype(dyn::from(T).left_join(J, T.id == J.did).select(std::vector<dyn::column>{}));
using sub_query = decltype(dyn::from(T).select(std::vector<dyn::column>{}).as("a"));
using self_inner_query = decltype(dyn::from(std::declval<sub_query const&>())
                                      .join(std::declval<sub_query const&>(), std::declval<dyn::expr<bool>>())
                                      .select(std::vector<dyn::column>{}));
using self_left_query = decltype(dyn::from(std::declval<sub_query const&>())
                                     .left_join(std::declval<sub_query const&>(), std::declval<dyn::expr<bool>>())
                                     .select(std::vector<dyn::column>{}));
using any_query = std::variant<plain_query, inner_query, left_query, self_inner_query, self_left_query>;

/// One generated query: what it is (for the report) and the query.
struct generated {
  std::string shape;
  any_query q;
};

class generator {
 public:
  generator(std::uint64_t seed, std::size_t index, profile p)
      : rng_(seed * 0x9E3779B97F4A7C15ull + index * 0xBF58476D1CE4E5B9ull + 1), p_(p) {}

  generated make() {
    int const k = pick(23);
    if (k < 8) return plain();
    if (k < 13) return joined();
    if (k < 18) return grouped(false);
    if (k < 20) return grouped(true);
    return self_joined();
  }

 private:
  // ---- randomness ----
  int pick(int n) { return static_cast<int>(rng_() % static_cast<std::uint64_t>(n)); }
  bool chance(int percent) { return pick(100) < percent; }
  std::int64_t small() { return pick(11) - 5; }

  // ---- integers ----
  ival int_leaf() {
    switch (pick(dj_ ? 6 : 5)) {
      case 0: return {T.id, max_id};
      case 1: return {T.a, max_a};
      case 2:
      case 3: return {T.b, max_b};
      case 4: {
        std::int64_t const v = small();
        return {v, 5};
      }
      default: return {J.w, max_w};
    }
  }
  ival gen_int(int d) {
    if (d <= 0 || chance(25)) return int_leaf();
    switch (pick(12)) {
      case 0: {
        auto l = gen_int(d - 1), r = gen_int(d - 1);
        if (l.m + r.m < 1e17) return {l.e + r.e, l.m + r.m};
        return l;
      }
      case 1: {
        auto l = gen_int(d - 1), r = gen_int(d - 1);
        if (l.m + r.m < 1e17) return {l.e - r.e, l.m + r.m};
        return r;
      }
      case 2: {
        auto l = gen_int(d - 1), r = gen_int(d - 1);
        if (l.m * r.m < 1e17) return {l.e * r.e, l.m * r.m};
        return l;
      }
      case 3: {
        auto l = gen_int(d - 1), r = gen_int(d - 1);
        return {l.e / egret::nullif(r.e, std::int64_t{0}), l.m};
      }
      case 4: {
        auto l = gen_int(d - 1), r = gen_int(d - 1);
        return {l.e % egret::nullif(r.e, std::int64_t{0}), std::min(l.m, r.m)};
      }
      case 5: {
        auto l = gen_int(d - 1);
        return {-l.e, l.m};
      }
      case 6: {
        auto l = gen_int(d - 1), r = gen_int(d - 1);
        return {egret::coalesce(l.e, r.e), std::max(l.m, r.m)};
      }
      case 7: {
        auto c = gen_bool(d - 1);
        auto l = gen_int(d - 1), r = gen_int(d - 1);
        return {egret::if_else(c, l.e, r.e), std::max(l.m, r.m)};
      }
      case 8: {
        auto c1 = gen_bool(d - 1), c2 = gen_bool(d - 1);
        auto l = gen_int(d - 1), r = gen_int(d - 1);
        if (chance(50)) return {egret::cases(egret::when(c1, l.e), egret::when(c2, r.e)), std::max(l.m, r.m)};
        auto z = gen_int(d - 1);
        return {egret::cases(egret::when(c1, l.e), egret::when(c2, r.e), egret::otherwise(z.e)),
                std::max({l.m, r.m, z.m})};
      }
      case 9: {
        auto l = gen_int(d - 1);
        return {egret::abs(l.e), l.m};
      }
      case 10: {
        auto s = gen_text(d - 1);
        return {egret::length(s) + small(), 1000};
      }
      default: {
        auto l = gen_int(d - 1);
        return {egret::coalesce(l.e, small()), std::max(l.m, 5.0)};
      }
    }
  }

  // ---- doubles ----
  dval dbl_leaf() {
    static constexpr double lits[] = {0.5, -2.5, 2.5, 1.25, 3.0, -0.125, 0.0};
    switch (pick(5)) {
      case 0:
      case 1: return {T.x, 1e6 + 1, true};
      case 2: return {T.y, 10, true};
      case 3: return {lits[pick(7)], 3, true};
      default: {
        auto i = int_leaf();
        return {i.e.cast<double>(), i.m, true};
      }
    }
  }
  dval gen_dbl(int d) {
    if (d <= 0 || chance(25)) return dbl_leaf();
    switch (pick(11)) {
      case 0: {
        auto l = gen_dbl(d - 1), r = gen_dbl(d - 1);
        return {l.e + r.e, l.m + r.m, l.exact && r.exact && l.m + r.m < 1e9};
      }
      case 1: {
        auto l = gen_dbl(d - 1), r = gen_dbl(d - 1);
        return {l.e - r.e, l.m + r.m, l.exact && r.exact && l.m + r.m < 1e9};
      }
      case 2: {
        auto l = gen_dbl(d - 1), r = gen_dbl(d - 1);
        return {l.e * r.e, l.m * r.m, l.exact && r.exact && l.m * r.m < 1e6};
      }
      case 3: {
        auto l = gen_dbl(d - 1), r = gen_dbl(d - 1);
        return {l.e / egret::nullif(r.e, 0.0), HUGE_VAL, false};
      }
      case 4: {
        auto l = gen_int(d - 1);
        auto r = gen_dbl(d - 1);
        return {l.e + r.e, l.m + r.m, r.exact && l.m + r.m < 1e9};
      }
      case 5: {
        auto l = gen_dbl(d - 1);
        return {-l.e, l.m, l.exact};
      }
      case 6: {
        auto l = gen_dbl(d - 1), r = gen_dbl(d - 1);
        return {egret::coalesce(l.e, r.e), std::max(l.m, r.m), l.exact && r.exact};
      }
      case 7: {
        auto c = gen_bool(d - 1);
        auto l = gen_dbl(d - 1), r = gen_dbl(d - 1);
        return {egret::if_else(c, l.e, r.e), std::max(l.m, r.m), l.exact && r.exact};
      }
      case 8: {
        auto l = gen_dbl(d - 1);
        return {egret::abs(l.e), l.m, l.exact};
      }
      case 9: {
        auto l = gen_dbl(d - 1);
        if (l.m >= 1e15) return l;
        if (chance(50)) return {egret::round(l.e), l.m + 1, l.exact};
        return {egret::round(l.e, std::int64_t{pick(3)}), l.m + 1, false};
      }
      default: {
        auto l = gen_int(d - 1);
        return {l.e.cast<double>(), l.m, l.m < 9e15};
      }
    }
  }

  // ---- text ----
  /// A text expression, and whether its values are ASCII (upper / lower of them agree everywhere).
  struct tval {
    dyn::expr<std::string> e;
    bool ascii;
    bool blank;  ///< may hold a blank (PAD SPACE collations compare 'a ' = 'a')
  };
  tval text_leaf() {
    static constexpr std::string_view lits[] = {"", "a", "B", "apple", "\xC3\xA4", "x y", "Zeta"};
    switch (pick(dj_ ? 5 : 4)) {
      case 0:
      case 1: return {T.s, false, true};
      case 2: return {T.g, true, false};
      case 3: {
        int const k = pick(7);
        return {std::string(lits[k]), k != 4, k == 5};
      }
      default: return {J.t, false, false};
    }
  }
  /// upper() / lower() of t, unless the backend maps case differently beyond ASCII and t may hold more.
  template <class F>
  tval case_map(tval t, F f) {
    if (!t.ascii && !p_.has(f_unicode_case)) return t;
    return {f(t.e), t.ascii, t.blank};
  }
  tval gen_text_t(int d) {
    if (d <= 0 || chance(30)) return text_leaf();
    switch (pick(7)) {
      case 0: return case_map(gen_text_t(d - 1), [](auto const& e) { return egret::upper(e); });
      case 1: return case_map(gen_text_t(d - 1), [](auto const& e) { return egret::lower(e); });
      case 2: {
        auto s = gen_text_t(d - 1);
        std::int64_t const start = 1 + pick(4);
        if (chance(30)) return {egret::substr(s.e, start), s.ascii, s.blank};
        return {egret::substr(s.e, start, std::int64_t{pick(4)}), s.ascii, s.blank};
      }
      case 3: {
        auto l = gen_text_t(d - 1), r = gen_text_t(d - 1);
        return {l.e + r.e, l.ascii && r.ascii, l.blank || r.blank};
      }
      case 4: {
        auto l = gen_text_t(d - 1), r = gen_text_t(d - 1);
        return {egret::coalesce(l.e, r.e), l.ascii && r.ascii, l.blank || r.blank};
      }
      case 5: {
        auto c = gen_bool(d - 1);
        auto l = gen_text_t(d - 1), r = gen_text_t(d - 1);
        return {egret::if_else(c, l.e, r.e), l.ascii && r.ascii, l.blank || r.blank};
      }
      default: {
        auto l = gen_text_t(d - 1);
        return {egret::coalesce(l.e, std::string("-")), l.ascii, l.blank};
      }
    }
  }
  dyn::expr<std::string> gen_text(int d) { return gen_text_t(d).e; }
  /// A text expression the backend compares as SQLite does (no blank where the collation pads).
  tval gen_comparable_text(int d) {
    for (int tries = 0;; ++tries) {
      tval t = gen_text_t(d);
      if (!t.blank || p_.has(f_blank_compare)) return t;
      if (tries == 8) return {T.g, true, false};
    }
  }

  // ---- conditions ----
  template <class L, class R>
  dyn::expr<bool> compare(L const& l, R const& r, bool order_too) {
    switch (pick(order_too ? 6 : 2)) {
      case 0: return l == r;
      case 1: return l != r;
      case 2: return l < r;
      case 3: return l <= r;
      case 4: return l > r;
      default: return l >= r;
    }
  }
  dyn::expr<bool> bool_leaf(int d) {
    switch (pick(10)) {
      case 0:
      case 1: {
        auto l = gen_int(d), r = gen_int(d);
        return compare(l.e, r.e, true);
      }
      case 2: {
        auto l = gen_dbl(d), r = gen_dbl(d);
        return compare(l.e, r.e, true);
      }
      case 3: {
        auto l = gen_int(d);
        auto r = gen_dbl(d);
        return compare(l.e, r.e, true);
      }
      case 4: {
        auto l = gen_comparable_text(d), r = gen_comparable_text(d);
        return compare(l.e, r.e, true);
      }
      case 5: return T.flag;
      case 6: {
        switch (pick(4)) {
          case 0: return egret::is_null(gen_int(d).e);
          case 1: return egret::is_not_null(gen_dbl(d).e);
          case 2: return egret::is_null(gen_text(d));
          default: return egret::is_not_null(T.flag);
        }
      }
      case 7: {
        std::int64_t const lo = small() * 2;
        return gen_int(d).e.between(lo, lo + pick(8));
      }
      case 8: {
        std::vector<std::int64_t> v;
        for (int i = 0, n = pick(4); i < n; ++i) {
          std::int64_t const x = small();
          v.push_back(chance(20) ? x * 4 : x);
        }
        return dyn::isin(gen_int(d).e, v);
      }
      default: {
        static constexpr std::string_view lits[] = {"", "apple", "Apple", "b", "g1", "G1", "x", "trail"};
        std::vector<std::string> v;
        for (int i = 0, n = 1 + pick(3); i < n; ++i) v.emplace_back(lits[pick(8)]);
        return dyn::isin(gen_comparable_text(d).e, v);
      }
    }
  }
  dyn::expr<bool> gen_bool(int d) {
    if (d <= 0 || chance(40)) return bool_leaf(std::max(d - 1, 0));
    switch (pick(4)) {
      case 0: {
        auto l = gen_bool(d - 1), r = gen_bool(d - 1);
        return l && r;
      }
      case 1: {
        auto l = gen_bool(d - 1), r = gen_bool(d - 1);
        return l || r;
      }
      case 2: return !gen_bool(d - 1);
      default: {
        auto l = gen_bool(d - 1);
        return egret::coalesce(l, chance(50));
      }
    }
  }

  // ---- select items, sort keys ----
  dyn::column item(std::string name) {
    int const d = 1 + pick(3);
    switch (pick(6)) {
      case 0:
      case 1: return dyn::as(gen_int(d).e, std::move(name));
      case 2: return dyn::as(gen_dbl(d).e, std::move(name));
      case 3: return dyn::as(gen_text(d), std::move(name));
      case 4: return dyn::as(gen_bool(d), std::move(name));
      default: return dyn::as(egret::length(gen_text(d)), std::move(name));
    }
  }
  std::vector<dyn::column> items() {
    std::vector<dyn::column> out;
    for (int i = 0, n = 1 + pick(4); i < n; ++i) out.push_back(item(fmt::format("c{}", i)));
    return out;
  }

  /// A sort key on e, or none when the backend would read it otherwise (see the profile).
  template <class E>
  std::optional<dyn::sort_key> checked_key(E const& e) {
    if (!p_.has(f_loose_nulls_key) && dyn::expr<egret::value_type_t<E>>(e).get().precedence() <= egret::prec::compare)
      return std::nullopt;
    if (!p_.has(f_constant_sort_key) && dyn::to_sql<egret::dialect::sqlite>(dyn::expr<egret::value_type_t<E>>(e)) == "?")
      return std::nullopt;
    return key(e);
  }
  template <class E>
  dyn::sort_key key(E const& e) {
    bool const desc = chance(50), first = chance(50);
    if (desc) return first ? dyn::sort_key(egret::desc(e).nulls_first()) : dyn::sort_key(egret::desc(e).nulls_last());
    return first ? dyn::sort_key(egret::asc(e).nulls_first()) : dyn::sort_key(egret::asc(e).nulls_last());
  }
  std::vector<dyn::sort_key> keys() {
    std::vector<dyn::sort_key> out;
    for (int i = 0, n = pick(3); i < n; ++i) {
      int const d = pick(3);
      std::optional<dyn::sort_key> k;
      switch (pick(4)) {
        case 0: k = checked_key(gen_int(d).e); break;
        case 1: k = checked_key(gen_dbl(d).e); break;
        case 2: k = checked_key(gen_comparable_text(d).e); break;
        default: k = checked_key(gen_bool(d)); break;
      }
      if (k) out.push_back(*k);
    }
    return out;
  }

  template <class Q>
  void maybe_limit(Q& q, int percent) {
    if (!chance(percent)) return;
    if (chance(50))
      q.limit(pick(8));
    else
    {
      std::int64_t const n = 1 + pick(6);
      q.limit(n, pick(10));
    }
  }

  // ---- aggregates ----
  dyn::column aggregate(std::string name) {
    int const d = pick(3);
    bool const filtered = chance(30);
    auto const f = [&] { return egret::where(gen_bool(1)); };
    switch (pick(9)) {
      case 0: return filtered ? dyn::as(egret::count(f()), std::move(name)) : dyn::as(egret::count(), std::move(name));
      case 1: {
        auto e = gen_int(d).e;
        return filtered ? dyn::as(e.count(f()), std::move(name)) : dyn::as(e.count(), std::move(name));
      }
      case 2:
      case 3: {
        auto i = gen_int(d);
        if (i.m > 1e15) i = int_leaf();
        if (i.m > 1e15) i = {T.b, max_b};
        return filtered ? dyn::as(i.e.sum(f()), std::move(name)) : dyn::as(i.e.sum(), std::move(name));
      }
      case 4: {
        auto x = gen_dbl(d);
        if (!x.exact) x = dbl_leaf();
        if (chance(50)) return filtered ? dyn::as(x.e.sum(f()), std::move(name)) : dyn::as(x.e.sum(), std::move(name));
        return filtered ? dyn::as(x.e.mean(f()), std::move(name)) : dyn::as(x.e.mean(), std::move(name));
      }
      case 5: {
        auto i = gen_int(d);
        if (i.m > 1e15) i = {T.b, max_b};
        return filtered ? dyn::as(i.e.mean(f()), std::move(name)) : dyn::as(i.e.mean(), std::move(name));
      }
      case 6: {
        auto e = gen_int(d).e;
        if (chance(50)) return filtered ? dyn::as(e.min(f()), std::move(name)) : dyn::as(e.min(), std::move(name));
        return filtered ? dyn::as(e.max(f()), std::move(name)) : dyn::as(e.max(), std::move(name));
      }
      case 7: {
        auto e = gen_dbl(d).e;
        if (chance(50)) return filtered ? dyn::as(e.min(f()), std::move(name)) : dyn::as(e.min(), std::move(name));
        return filtered ? dyn::as(e.max(f()), std::move(name)) : dyn::as(e.max(), std::move(name));
      }
      default: {
        auto e = gen_comparable_text(d).e;
        if (chance(50)) return filtered ? dyn::as(e.min(f()), std::move(name)) : dyn::as(e.min(), std::move(name));
        return filtered ? dyn::as(e.max(f()), std::move(name)) : dyn::as(e.max(), std::move(name));
      }
    }
  }

  // ---- the four shapes ----
  generated plain() {
    auto q = dyn::from(T);
    if (chance(70)) q.where(gen_bool(2));
    auto s = q.select(items());
    s.order_by(keys());
    s.order_by(T.id);
    maybe_limit(s, 30);
    return {"filter + project", std::move(s)};
  }

  template <class Q>
  generated finish_join(Q q, char const* shape) {
    if (chance(50)) q.where(gen_bool(2));
    auto s = q.select(items());
    s.order_by(keys());
    s.order_by(T.id, egret::asc(J.jid).nulls_first());
    maybe_limit(s, 20);
    return {shape, std::move(s)};
  }
  generated joined() {
    dj_ = true;
    dyn::expr<bool> on = T.id == J.did;
    if (chance(30)) on = on && gen_bool(1);
    if (chance(50)) return finish_join(dyn::from(T).join(J, on), "inner join");
    return finish_join(dyn::from(T).left_join(J, on), "left join");
  }

  /// A group key column and its sort key.
  template <class Q>
  void group_key(Q& q, std::vector<dyn::sort_key>& order, int which) {
    switch (which) {
      case 0: q.group_by(T.g); order.push_back(key(T.g)); break;
      case 1: q.group_by(T.b); order.push_back(key(T.b)); break;
      case 2: q.group_by(T.flag); order.push_back(key(T.flag)); break;
      case 3: q.group_by(T.s); order.push_back(key(T.s)); break;
      case 4: q.group_by(T.a); order.push_back(key(T.a)); break;
      default: q.group_by(J.t); order.push_back(key(J.t)); break;
    }
  }
  template <class Q>
  generated finish_group(Q q, char const* shape) {
    if (chance(50)) q.where(gen_bool(2));
    std::vector<dyn::sort_key> order;
    int const nkeys = chance(15) ? 0 : 1 + pick(2);
    int const first = pick(dj_ ? 6 : 5);
    if (nkeys >= 1) group_key(q, order, first);
    if (nkeys >= 2) group_key(q, order, (first + 1 + pick(4)) % (dj_ ? 6 : 5));
    std::vector<dyn::column> aggs;
    for (int i = 0, n = 1 + pick(4); i < n; ++i) aggs.push_back(aggregate(fmt::format("c{}", i)));
    auto s = q.aggregate(aggs);
    if (nkeys > 0 && chance(20)) s.having(egret::count() > std::int64_t{pick(3)});
    s.order_by(order);
    if (nkeys > 0) maybe_limit(s, 20);
    return {shape, std::move(s)};
  }
  generated grouped(bool join) {
    if (!join) return finish_group(dyn::from(T), "aggregate");
    dj_ = true;
    return finish_group(dyn::from(T).left_join(J, T.id == J.did), "left join + aggregate");
  }

  /// Two subqueries of dt joined, each read through its own name: the same query object used twice (its
  /// filter once), or two queries of one shape with different filters (issue 12: the static layer once read
  /// every column of the second name as the first's).
  generated self_joined() {
    std::vector<dyn::column> const cols{T.id, T.a, T.b, T.x, T.s, T.g};
    auto const sub = [&] {
      auto q = dyn::from(T);
      if (chance(70)) q.where(gen_bool(2));
      return q.select(cols);
    };
    auto const first = sub();
    bool const same = chance(40);
    sub_query const sa = first.as("a");
    sub_query const sb = same ? first.as("b") : sub().as("b");
    dyn::expr<bool> on = sa[T.id] == sb[T.id];
    switch (pick(4)) {
      case 0: on = sa[T.b] == sb[T.b]; break;
      case 1: on = sa[T.g] == sb[T.g] && sa[T.id] < sb[T.id]; break;
      case 2: on = sa[T.id] + 1 == sb[T.id]; break;
      default: break;
    }
    std::vector<dyn::column> items;
    int n = 0;
    auto const add = [&](auto const& ref) { items.push_back(dyn::as(ref, fmt::format("c{}", n++))); };
    add(sa[T.id]);
    add(sb[T.id]);
    if (chance(60)) add(sa[T.a]);
    if (chance(60)) add(sb[T.a]);
    if (chance(50)) add(sa[T.x]);
    if (chance(50)) add(sb[T.x]);
    if (chance(50)) add(sb[T.s]);
    if (chance(30)) add(sa[T.s]);
    auto finish = [&](auto q, char const* shape) {
      auto s = q.select(items);
      s.order_by(egret::asc(sa[T.id]).nulls_first(), egret::asc(sb[T.id]).nulls_first());
      return generated{shape, std::move(s)};
    };
    if (chance(50)) return finish(dyn::from(sa).join(sb, on), same ? "one subquery twice" : "derived self-join");
    return finish(dyn::from(sa).left_join(sb, on), same ? "one subquery twice, left" : "derived self-join, left");
  }

  std::mt19937_64 rng_;
  profile p_;
  bool dj_ = false;
};

// ---- running and comparing ----

inline cell to_cell(dyn::datum const& d) {
  return std::visit(
      [](auto const& v) -> cell {
        using V = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::monostate>)
          return {};
        else
          return conformance::to_cell(v);
      },
      d);
}

/// Every row of q on db, as cells.
template <class Db>
rows fetch(Db& db, any_query const& q) {
  return std::visit(
      [&](auto const& x) {
        rows out;
        for (auto const& r : db.execute(x)) {
          std::vector<cell> row;
          for (std::size_t i = 0; i < r.size(); ++i) row.push_back(to_cell(r[i]));
          out.push_back(std::move(row));
        }
        return out;
      },
      q);
}

template <class D>
std::string sql_of(any_query const& q) {
  auto const r = std::visit([](auto const& x) { return dyn::render<D>(x); }, q);
  std::string values;
  for (auto const& v : r.values) values += (values.empty() ? "" : ", ") + conformance::to_string(to_cell(v));
  return r.sql + "  -- values: [" + values + "]";
}

/// Doubles to 1e-9 relative (1e-12 absolute near zero), everything else exactly.
inline bool same(cell const& a, cell const& b) {
  auto const* x = std::get_if<double>(&a);
  auto const* y = std::get_if<double>(&b);
  if (x && y) return *x == *y || std::abs(*x - *y) <= 1e-9 * std::max({std::abs(*x), std::abs(*y), 1e-3});
  return a == b;
}

/// "" when equal, else the first difference.
inline std::string difference(rows const& got, rows const& want) {
  if (got.size() != want.size()) return fmt::format("{} rows, the reference {}", got.size(), want.size());
  for (std::size_t r = 0; r < got.size(); ++r) {
    if (got[r].size() != want[r].size())
      return fmt::format("row {}: {} values, the reference {}", r + 1, got[r].size(), want[r].size());
    for (std::size_t c = 0; c < got[r].size(); ++c)
      if (!same(got[r][c], want[r][c]))
        return fmt::format("row {}, column {}: {} vs the reference's {}", r + 1, c + 1,
                           conformance::to_string(got[r][c]), conformance::to_string(want[r][c]));
  }
  return "";
}

struct settings {
  std::uint64_t seed = 20240601;
  std::size_t queries = 10000;
  std::optional<std::size_t> only;
  bool verbose = false;
  std::FILE* log = nullptr;  ///< EGRET_DIFF_LOG: every mismatch, unwrapped
};

inline settings const& config() {
  static settings const s = [] {
    settings r;
    if (char const* v = std::getenv("EGRET_DIFF_SEED"); v && *v) r.seed = std::strtoull(v, nullptr, 10);
    if (char const* v = std::getenv("EGRET_DIFF_QUERIES"); v && *v) r.queries = std::strtoull(v, nullptr, 10);
    if (char const* v = std::getenv("EGRET_DIFF_ONLY"); v && *v) r.only = std::strtoull(v, nullptr, 10);
    if (char const* v = std::getenv("EGRET_DIFF_VERBOSE"); v && *v) r.verbose = std::string_view(v) == "1";
    if (char const* v = std::getenv("EGRET_DIFF_LOG"); v && *v) r.log = std::fopen(v, "w");
    return r;
  }();
  return s;
}

/// Runs the generated queries on backend B and on SQLite, compares, and reports.
template <class B>
void differential() {
  using sqlite_dialect = conformance::sqlite_backend::dialect;
  constexpr bool reference_itself = std::is_same_v<B, conformance::sqlite_backend>;
  settings const& cfg = config();
  profile const prof = profile_of(B::name);
  conformance::run<B>({}, [&](auto&, conformance::context& c) {
    auto& ref_db = database<conformance::sqlite_backend>();
    auto& db = database<B>();
    std::size_t ran = 0, compared = 0, mismatches = 0, errors = 0, nonempty = 0, total_rows = 0;
    std::size_t const begin = cfg.only ? *cfg.only : 0, end = cfg.only ? *cfg.only + 1 : cfg.queries;
    for (std::size_t i = begin; i < end; ++i) {
      generated const g = generator(cfg.seed, i, prof).make();
      if (cfg.verbose) std::printf("[%zu] %s\n", i, sql_of<typename B::dialect>(g.q).c_str());
      rows want;
      try {
        want = fetch(ref_db, g.q);
      } catch (std::exception const& e) {
        ++errors;
        c.check(false, fmt::format("query {} (seed {}, {}) fails on the reference (SQLite): {}\n  SQL: {}", i, cfg.seed,
                                   g.shape, e.what(), sql_of<sqlite_dialect>(g.q)));
        continue;
      }
      ++ran;
      nonempty += want.empty() ? 0 : 1;
      total_rows += want.size();
      if constexpr (!reference_itself) {
        std::string diff;
        rows got;
        try {
          got = fetch(db, g.q);
          diff = difference(got, want);
        } catch (std::exception const& e) {
          diff = fmt::format("threw: {}", e.what());
        }
        ++compared;
        if (!diff.empty()) {
          ++mismatches;
          if (cfg.log) {
            std::string const text = fmt::format(
                "query {} ({}) on {}: {}\n  SQLite SQL: {}\n  {} SQL: {}\n  SQLite rows: {}\n  {} rows: {}\n\n", i,
                g.shape, B::name, diff, sql_of<sqlite_dialect>(g.q), B::name, sql_of<typename B::dialect>(g.q),
                conformance::to_string(want), B::name, conformance::to_string(got));
            std::fputs(text.c_str(), cfg.log);
            std::fflush(cfg.log);
          }
          c.check(false, fmt::format("query {} (seed {}, {}) differs on {}: {}\n  SQLite SQL: {}\n  {} SQL: {}\n"
                                     "  SQLite rows: {}\n  {} rows: {}",
                                     i, cfg.seed, g.shape, B::name, diff, sql_of<sqlite_dialect>(g.q), B::name,
                                     sql_of<typename B::dialect>(g.q), conformance::to_string(want), B::name,
                                     conformance::to_string(got)));
        }
      }
    }
    std::printf("differential on %s: seed %llu, %zu queries run (%zu returned rows, %zu rows in all), %zu compared "
                "with SQLite, %zu mismatches, %zu failed on SQLite\n",
                std::string(B::name).c_str(), static_cast<unsigned long long>(cfg.seed), ran, nonempty, total_rows,
                compared, mismatches, errors);
    for (auto const& e : exclusions())
      if (e.backend == B::name) std::printf("  not generated on %s: %s\n", std::string(B::name).c_str(), e.reason.data());
    c.check(cfg.only || cfg.queries == 0 || ran > 0, "no query ran");
  });
}

}  // namespace differential

TEMPLATE_TEST_CASE("differential: random queries agree with SQLite", "[differential]", CONFORMANCE_BACKENDS) {
  differential::differential<TestType>();
}
