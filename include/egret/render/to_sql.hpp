// Defines to_sql<D>(q): the SQL text of a query or expression for dialect D, computed at compile time
// from the query's type (two passes: count, then write into a fixed_string), stored once in the binary.
#pragma once

#include <string>
#include <string_view>

#include <egret/core/fixed_string.hpp>
#include <egret/dialect/names.hpp>
#include <egret/relation/level.hpp>
#include <egret/relation/relation.hpp>
#include <egret/render/writer.hpp>

namespace egret {

namespace detail {

/// Renders a query (a relation) or a standalone expression through visitor v.
template <class D, class V, class Q>
constexpr void render_query(V& v, Q const* q) {
  if constexpr (requires { Q::is_statement; } || relation<Q>) {
    render_select<D>(v, q);
  } else {
    Q::template render<D, unscoped>(v, q);
  }
}

/// What to render: a query or expression Q.
template <class Q>
struct query_text {
  template <class D, class V>
  static constexpr void write(V& v) {
    render_query<D>(v, static_cast<Q const*>(nullptr));
  }
};

/// Text produced by T::write<D>(v), measured (first pass), then written (second pass), at compile time.
template <class D, class T>
inline constexpr render::counter text_measure = [] {
  render::counter c;
  T::template write<D>(c);
  return c;
}();

/// Written only when D has every feature the first pass recorded: to_sql and sql_c_str check that first,
/// so that a missing feature is reported once, at their call.
template <class D, class T>
inline constexpr auto static_text = [] {
  fixed_string<text_measure<D, T>.size> s;
  render::counter w;  // the first pass's visitor type: the render functions are instantiated once
  w.out = s.data;
  T::template write<D>(w);
  return s;
}();

template <class D, class Q>
inline constexpr auto& sql_text = static_text<D, query_text<Q>>;
template <class D, class Q>
inline constexpr auto& sql_measure = text_measure<D, query_text<Q>>;

}  // namespace detail

/// The SQL of q for dialect D, fixed at compile time: `static_assert(to_sql<dialect::sqlite>(q) == "...")`.
/// Runtime values in q are placeholders (`?`, `$1`); the text depends on q's type only.
template <class D, class Q>
constexpr std::string_view to_sql(Q const&) {
  if constexpr (!dialect::require_defined<D>())
    return {};
  else if constexpr (dialect::require_features<D, detail::sql_measure<D, Q>.features>())
    return detail::sql_text<D, Q>.view();
  else
    return {};
}

/// The same text as a NUL-terminated C string (its address identifies the statement in caches).
template <class D, class Q>
constexpr char const* sql_c_str() {
  if constexpr (!dialect::require_defined<D>())
    return "";
  else if constexpr (dialect::require_features<D, detail::sql_measure<D, Q>.features>())
    return detail::sql_text<D, Q>.c_str();
  else
    return "";
}

/// How many placeholders the SQL of q has for dialect D.
template <class D, class Q>
inline constexpr int placeholder_count_v = detail::sql_measure<D, Q>.params;

/// Renders at run time into a std::string: the same code as to_sql, for queries built at run time.
/// D's features are checked first, as to_sql does (one short diagnostic at this call).
template <class D, class Q>
std::string render_sql(Q const& q) {
  std::string out;
  render::string_writer w{out};
  if constexpr (!dialect::require_defined<D>())
    return out;
  else if constexpr (dialect::require_features<D, detail::sql_measure<D, Q>.features>())
    detail::render_query<D>(w, &q);
  return out;
}

/// Renders at run time with every captured value inlined as an escaped literal (for CREATE VIEW).
template <class D, class Q>
std::string render_sql_inline(Q const& q) {
  std::string out;
  render::inline_writer w{{out}};
  if constexpr (!dialect::require_defined<D>())
    return out;
  else if constexpr (dialect::require_features<D, detail::sql_measure<D, Q>.features>())
    detail::render_query<D>(w, &q);
  return out;
}

}  // namespace egret
