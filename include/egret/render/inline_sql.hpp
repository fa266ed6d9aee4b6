// Defines to_sql_inline<D>(q, args...): the SQL of q with every value written as a literal of dialect D, for
// pasting into a database client while debugging. Only for that: a program runs queries with execute(), whose
// values are bound, never spliced into the text (to_sql gives the text it sends).
#pragma once

#include <string>
#include <tuple>

#include <egret/dialect/names.hpp>
#include <egret/render/bind.hpp>
#include <egret/render/params.hpp>
#include <egret/render/to_sql.hpp>
#include <egret/render/writer.hpp>

namespace egret {

namespace detail {

/// Writes captured values as escaped literals (as inline_writer does for views) and each param<> as the
/// literal of its argument.
template <class D, class Names, class... Args>
struct debug_inline_writer : render::string_writer {
  static constexpr bool inline_values = true;
  std::tuple<Args const&...> args;
  template <class P>
  int named_param() {
    constexpr std::size_t k = Names::find(P::name.view());
    check_bind_type<P, std::tuple_element_t<k, std::tuple<Args...>>>();
    D::template inline_literal<D>(*this, std::get<k>(args));
    return 0;
  }
};

}  // namespace detail

/// FOR DEBUGGING ONLY. The SQL of q for dialect D with each C++ value it captured written as an escaped
/// literal of D (`/ 100.0`, `'it''s'`, `DATE '1998-12-01'`) and each param<> as the literal of the argument
/// given for it, in order of first appearance (as execute() takes them): text to paste into a client.
/// Never run it: execute(q, args...) binds the same values, which is what keeps SQL injection out.
template <class D, class Q, class... Args>
std::string to_sql_inline(Q const& q, Args const&... args) {
  std::string out;
  if constexpr (!dialect::require_defined<D>()) {
    return out;
  } else if constexpr (dialect::require_features<D, detail::sql_measure<D, Q>.features>()) {
    static_assert(sizeof...(Args) == param_names<D, Q>.size,
                  "egret: to_sql_inline() needs one value per param<> of the query, in order of first appearance");
    if constexpr (sizeof...(Args) == param_names<D, Q>.size) {
      detail::debug_inline_writer<D, typename detail::param_name_set_of<D, Q>::type, Args...> w{{out}, {args...}};
      detail::render_query<D>(w, &q);
    }
  }
  return out;
}

}  // namespace egret
