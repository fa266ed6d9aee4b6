// Defines dialect capabilities: the features an engine may lack, or gained in a later version
// (`feature`), whether a dialect has one (`supports<D, F>`, read from its `has_<feature>` flag), and the
// one check every gated construct goes through (`use<D, F>(v)` while rendering, `require_features<D, set>()`),
// with one message per feature in one shape: "egret: <engine> before <version> has no <feature>; <what to do>".
//
// This header depends on nothing else in egret, so that nodes in expr/ and relation/ (which come before
// dialect/ in the pipeline) can name the feature they need.
#pragma once

#include <cstdint>

namespace egret::dialect {

/// A feature a dialect may lack. Each is one `static constexpr bool has_<name>` in the dialect traits
/// (dialect/ansi.hpp: all true; sqlite_v<Version> derives each from the version it targets).
enum class feature : std::uint8_t {
  right_full_join,   ///< RIGHT JOIN, FULL OUTER JOIN: `has_right_full_join`
  returning,         ///< INSERT / UPDATE / DELETE ... RETURNING: `has_returning`
  upsert,            ///< INSERT ... ON CONFLICT: `has_upsert`
  update_from,       ///< UPDATE t SET ... FROM u: `has_update_from`
  window_functions,  ///< f OVER (...): `has_window_functions`
  math_functions,    ///< SQRT, LN, LOG, POW, CEIL, SIGN, ...: `has_math_functions`
  filter_clause,     ///< SUM(x) FILTER (WHERE p): `has_filter_clause`; emulated, never required
  nulls_order,       ///< ORDER BY x NULLS FIRST / LAST: `has_nulls_order`; emulated, never required
};

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
  }
  return 0;
}

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
  for (unsigned i = 0; i <= static_cast<unsigned>(feature::nulls_order); ++i)
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
  static_assert(available<D, Used, feature::right_full_join>,
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
  static_assert((Used & (bit(feature::filter_clause) | bit(feature::nulls_order))) == 0,
                "egret: internal: FILTER and NULLS FIRST/LAST are emulated where missing, never required");
  return (Used & missing<D>) == 0;
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

}  // namespace egret::dialect
