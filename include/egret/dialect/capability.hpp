// Defines dialect capabilities: the features an engine may lack, or gained in a later version
// (`feature`), whether a dialect has one (`supports<D, F>`, read from its `has_<feature>` flag), and the
// one check every gated construct goes through (`use<D, F>(v)` while rendering, `require_features<D, set>()`),
// with one message per feature: for SQLite "egret: <engine> before <version> has no <feature>; <what to do>",
// for any other dialect "egret: <construct> is not supported by this dialect (see docs/support-matrix.md); <what
// to do>" (the dialect is named in the compiler's "[with D = ...]" line).
//
// This header depends on nothing else in egret, so that nodes in expr/ and relation/ (which come before
// dialect/ in the pipeline) can name the feature they need.
#pragma once

#include <cstdint>
#include <string_view>
#include <type_traits>

namespace egret::dialect {

struct sqlite_family;  // dialect/sqlite.hpp

/// Whether D is an SQLite dialect (sqlite_v<Version>): its messages name the SQLite version that added a
/// feature; every other dialect's name the construct and docs/support-matrix.md.
template <class D>
inline constexpr bool is_sqlite_family = [] {
  if constexpr (requires { typename D::family; })
    return std::is_same_v<typename D::family, sqlite_family>;
  else
    return false;
}();

/// A feature a dialect may lack. Each is one `static constexpr bool has_<name>` in the dialect traits
/// (dialect/ansi.hpp: all true; sqlite_v<Version> derives each from the version it targets).
enum class feature : std::uint8_t {
  right_full_join,   ///< RIGHT JOIN: `has_right_full_join` (named when it also meant FULL OUTER JOIN)
  returning,         ///< INSERT / UPDATE / DELETE ... RETURNING: `has_returning`
  upsert,            ///< INSERT ... ON CONFLICT: `has_upsert`
  update_from,       ///< UPDATE t SET ... FROM u: `has_update_from`
  window_functions,  ///< f OVER (...): `has_window_functions`
  math_functions,    ///< SQRT, LN, LOG, POW, CEIL, SIGN, ...: `has_math_functions`
  filter_clause,     ///< SUM(x) FILTER (WHERE p): `has_filter_clause`; emulated, never required
  nulls_order,       ///< ORDER BY x NULLS FIRST / LAST: `has_nulls_order`; emulated, never required
  full_join,         ///< FULL OUTER JOIN: `has_full_join` (MySQL and MariaDB have RIGHT JOIN, not this)
};

/// The number of features (`feature` values are 0 ... feature_count - 1).
inline constexpr unsigned feature_count = static_cast<unsigned>(feature::full_join) + 1;

/// What feature f is, in the words of docs/support-matrix.md.
constexpr std::string_view feature_description(feature f) {
  switch (f) {
    case feature::right_full_join: return "RIGHT JOIN";
    case feature::returning: return "INSERT / UPDATE / DELETE ... RETURNING";
    case feature::upsert: return "upsert: INSERT ... ON CONFLICT (MySQL, MariaDB: ON DUPLICATE KEY UPDATE)";
    case feature::update_from: return "UPDATE ... FROM";
    case feature::window_functions: return "window functions (OVER)";
    case feature::math_functions: return "math functions (SQRT, LN, POW, SIGN...)";
    case feature::filter_clause: return "aggregate FILTER (WHERE ...)";
    case feature::nulls_order: return "ORDER BY ... NULLS FIRST / LAST";
    case feature::full_join: return "FULL OUTER JOIN";
  }
  return {};
}

/// Whether egret emulates feature f on a dialect that lacks it (rather than rejecting the query).
constexpr bool emulated_when_missing(feature f) {
  return f == feature::filter_clause || f == feature::nulls_order;
}

/// A set of features, one bit each (what a query uses).
using feature_set = std::uint32_t;

constexpr feature_set bit(feature f) { return feature_set{1} << static_cast<unsigned>(f); }

/// The SQLite version that added feature f (3'035'000 is 3.35.0), 0 for what SQLite always had.
/// sqlite_v<Version> compares its Version with these; the messages below name the same versions.
constexpr int sqlite_since(feature f) {
  switch (f) {
    case feature::right_full_join: return 3'039'000;
    case feature::returning: return 3'035'000;
    case feature::upsert: return 3'024'000;
    case feature::update_from: return 3'033'000;
    case feature::window_functions: return 3'025'000;
    case feature::math_functions: return 3'035'000;
    case feature::filter_clause: return 3'030'000;
    case feature::nulls_order: return 3'030'000;
    case feature::full_join: return 3'039'000;
  }
  return 0;
}

/// A construct dialect D cannot render although each of its parts is valid: an emulation that does not reach
/// it, a run-time node in compile-time SQL, or a statement not finished yet (no dialect renders those). Rendering one records it like a missing feature
/// (`reject<D, R>(v)`), and require_features reports it once, at the call of to_sql. Bits 16 and up of a
/// feature_set, after the features.
enum class rejection : std::uint8_t {
  emulated_aggregate_over = 16,    ///< over() on an aggregate the engine lacks (egret computes it from others)
  range_offset_nulls_order,        ///< NULLS FIRST/LAST emulated with a second ORDER BY term, in a range() offset frame
  emulated_function_of_aggregate,  ///< a function emulated with a subquery, applied to an aggregate
  bound_emulation_of_aggregate,    ///< the same with run-time values, bound once in a subquery
  dyn_in_static_query,             ///< a dyn:: expression in a static query (compile-time SQL)
  delete_without_where,            ///< delete_from(t) with neither where() nor all()
  update_without_where,            ///< update(t).set(...) with neither where() nor all()
  insert_without_rows,             ///< insert_into(t) with neither values() / rows() nor from()
  upsert_update_where,             ///< do_update(...).where(p) where the upsert is ON DUPLICATE KEY UPDATE (no WHERE)
  upsert_reads_earlier_set,        ///< a do_update() value reading a column an earlier set() changes, ON DUPLICATE KEY
};

constexpr feature_set bit(rejection r) { return feature_set{1} << static_cast<unsigned>(r); }

/// True unless the set Used holds R. (The compiler's note on a failed check names the rejection.)
template <feature_set Used, rejection R>
inline constexpr bool renderable = (Used & bit(R)) == 0;

/// Every rejection bit.
inline constexpr feature_set rejections = feature_set{0xffff} << 16;

/// Whether dialect D has feature f (its `has_<feature>` flag).
template <class D>
constexpr bool has(feature f) {
  switch (f) {
    case feature::right_full_join: return D::has_right_full_join;
    case feature::returning: return D::has_returning;
    case feature::upsert: return D::has_upsert;
    case feature::update_from: return D::has_update_from;
    case feature::window_functions: return D::has_window_functions;
    case feature::math_functions: return D::has_math_functions;
    case feature::filter_clause: return D::has_filter_clause;
    case feature::nulls_order: return D::has_nulls_order;
    case feature::full_join: return D::has_full_join;
  }
  return false;
}

/// Whether dialect D has feature F.
template <class D, feature F>
inline constexpr bool supports = has<D>(F);

/// The features dialect D lacks.
template <class D>
inline constexpr feature_set missing = [] {
  feature_set m = 0;
  for (unsigned i = 0; i < feature_count; ++i)
    if (!has<D>(static_cast<feature>(i))) m |= bit(static_cast<feature>(i));
  return m;
}();

/// True unless the set Used holds F and dialect D lacks it. (Named so that the compiler's note on a
/// failed check reads `available<sqlite_v<3038000>, 1, feature::right_full_join>' evaluates to false`.)
template <class D, feature_set Used, feature F>
inline constexpr bool available = (Used & bit(F)) == 0 || supports<D, F>;

/// Checks that dialect D has every feature in Used: one static_assert per feature, each naming the
/// engine, the feature and the version that added it. The dialect and its version are in the compiler's
/// first line ("In instantiation of ... [with D = egret::dialect::sqlite_v<3038000>; ...]").
/// Returns whether all are there (the caller renders nothing more otherwise).
template <class D, feature_set Used>
constexpr bool require_features() {
  if constexpr (is_sqlite_family<D>) {
    // RIGHT and FULL OUTER JOIN came together (3.39): one message for both
    static_assert(available<D, Used, feature::right_full_join> && available<D, Used, feature::full_join>,
                  "egret: SQLite before 3.39 has no RIGHT or FULL OUTER JOIN; target sqlite_v<3039000> or newer, or "
                  "swap the sides of a left_join()");
    static_assert(available<D, Used, feature::returning>,
                  "egret: SQLite before 3.35 has no RETURNING clause; target sqlite_v<3035000> or newer, or read the "
                  "rows with a SELECT");
    static_assert(available<D, Used, feature::upsert>,
                  "egret: SQLite before 3.24 has no ON CONFLICT (upsert); target sqlite_v<3024000> or newer");
    static_assert(available<D, Used, feature::update_from>,
                  "egret: SQLite before 3.33 has no UPDATE ... FROM; target sqlite_v<3033000> or newer, or use a "
                  "scalar subquery in set()");
    static_assert(available<D, Used, feature::window_functions>,
                  "egret: SQLite before 3.25 has no window functions (OVER); target sqlite_v<3025000> or newer");
    static_assert(available<D, Used, feature::math_functions>,
                  "egret: SQLite before 3.35 has no math functions (SQRT, LN, LOG, POW, CEIL, SIGN...); target "
                  "sqlite_v<3035000> or newer");
  } else {
    // Any other dialect: the dialect's name is in the compiler's "[with D = ...]" line.
    static_assert(available<D, Used, feature::right_full_join>,
                  "egret: RIGHT JOIN is not supported by this dialect (see docs/support-matrix.md); swap the sides "
                  "of a left_join()");
    static_assert(available<D, Used, feature::full_join>,
                  "egret: FULL OUTER JOIN is not supported by this dialect (see docs/support-matrix.md); union a "
                  "left_join() and the unmatched rows of a right_join()");
    static_assert(available<D, Used, feature::returning>,
                  "egret: INSERT / UPDATE / DELETE ... RETURNING is not supported by this dialect (see "
                  "docs/support-matrix.md); read the rows with a SELECT in the same transaction");
    static_assert(available<D, Used, feature::upsert>,
                  "egret: INSERT ... ON CONFLICT (upsert) is not supported by this dialect (see "
                  "docs/support-matrix.md); write the engine's MERGE with raw_query, or update then insert");
    static_assert(available<D, Used, feature::update_from>,
                  "egret: UPDATE ... FROM is not supported by this dialect (see docs/support-matrix.md); use a "
                  "scalar subquery in set() and an exists() in where()");
    static_assert(available<D, Used, feature::window_functions>,
                  "egret: window functions (OVER) are not supported by this dialect (see docs/support-matrix.md); "
                  "aggregate per group and join the result back");
    static_assert(available<D, Used, feature::math_functions>,
                  "egret: math functions (SQRT, LN, LOG, POW, CEIL, SIGN...) are not supported by this dialect "
                  "(see docs/support-matrix.md); compute the value in C++ after reading the rows");
  }
  static_assert((Used & (bit(feature::filter_clause) | bit(feature::nulls_order))) == 0,
                "egret: internal: FILTER and NULLS FIRST/LAST are emulated where missing, never required");
  static_assert(renderable<Used, rejection::emulated_aggregate_over>,
                "egret: this aggregate has no native spelling on this engine (egret computes it from other "
                "aggregates), so it cannot take over(); aggregate per group and join, or target another engine");
  static_assert(renderable<Used, rejection::range_offset_nulls_order>,
                "egret: this engine has no NULLS FIRST/LAST, and its emulation adds an ORDER BY term that a "
                "range() offset frame does not allow; drop .nulls_first()/.nulls_last() or use rows()");
  static_assert(renderable<Used, rejection::emulated_function_of_aggregate>,
                "egret: this function is emulated by a subquery on this engine and cannot take an aggregate; "
                "aggregate in a subquery first, then apply it");
  static_assert(renderable<Used, rejection::bound_emulation_of_aggregate>,
                "egret: this engine emulates the function with a subquery that binds each run-time value once, "
                "and a subquery cannot take an aggregate; write the constants as lit<>/str<>, or aggregate in "
                "a subquery first");
  static_assert(renderable<Used, rejection::dyn_in_static_query>,
                "egret: a dyn:: expression can only be rendered in a dynamic query (egret::dyn::from), not in a "
                "static one whose SQL is fixed at compile time");
  static_assert(renderable<Used, rejection::delete_without_where>,
                "egret: DELETE without where() would delete every row; add .where(condition), or .all() to "
                "mean every row");
  static_assert(renderable<Used, rejection::update_without_where>,
                "egret: UPDATE without where() would change every row; add .where(condition), or .all() to "
                "mean every row");
  static_assert(renderable<Used, rejection::insert_without_rows>,
                "egret: this INSERT has no rows: add .values(...), .rows(...) or .from(query)");
  static_assert(renderable<Used, rejection::upsert_update_where>,
                "egret: this engine's upsert (ON DUPLICATE KEY UPDATE) takes no WHERE; drop .where() from "
                "do_update(), or insert with do_nothing() and then run an update(t).set(...).where(p)");
  static_assert(renderable<Used, rejection::upsert_reads_earlier_set>,
                "egret: ON DUPLICATE KEY UPDATE assigns left to right, so a value reading a column that an earlier "
                "set() of the same do_update() changes would read the new value (ON CONFLICT reads the old one); "
                "put that set() first, or read excluded() instead");
  return (Used & (missing<D> | rejections)) == 0;
}

/// Checks that dialect D has feature F (require_features with one feature).
template <class D, feature F>
constexpr bool require() {
  return require_features<D, bit(F)>();
}

/// Called by a construct that needs feature F, with the visitor v rendering it. The counting pass of
/// compile-time SQL (render::counter) records F, and to_sql checks the record before writing, so a
/// missing feature is one short diagnostic at the call of to_sql; any other visitor checks at once.
template <class D, feature F, class V>
constexpr void use(V& v) {
  if constexpr (requires { v.use_feature(F); })
    v.use_feature(F);
  else
    require<D, F>();
}

/// Called instead of rendering a construct dialect D cannot render (R), with the visitor v rendering it:
/// the counting pass of compile-time SQL records R and to_sql reports it (one short diagnostic at the call
/// of to_sql); any other visitor reports it at once. The caller then renders nothing for the construct.
template <class D, rejection R, class V>
constexpr void reject(V& v) {
  if constexpr (requires { v.use_feature(feature{}); })
    v.use_feature(static_cast<feature>(R));  // recorded as bit R of the same set
  else
    require_features<D, bit(R)>();
}

}  // namespace egret::dialect
