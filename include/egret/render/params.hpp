// Defines param_names<D, Q>: the names of a query's param<> placeholders, in order of first appearance —
// the order in which execute(q, args...) takes their values. Found by walking the query at compile time.
#pragma once

#include <array>
#include <cstddef>
#include <string_view>

#include <egret/render/to_sql.hpp>

namespace egret {

namespace detail {

template <std::size_t N>
struct name_list {
  std::array<std::string_view, N + 1> names{};
  std::size_t size = 0;

  constexpr std::size_t find(std::string_view n) const {
    for (std::size_t i = 0; i < size; ++i)
      if (names[i] == n) return i;
    return size;
  }
};

template <std::size_t N>
struct name_collector {
  name_list<N> list;
  int params = 0;
  constexpr void text(std::string_view) {}
  constexpr void ch(char) {}
  constexpr void number(long long) {}
  template <class T>
  constexpr int param(T const*) {
    return ++params;
  }
  template <class P>
  constexpr int named_param() {
    if (list.find(P::name.view()) == list.size) list.names[list.size++] = P::name.view();
    return ++params;
  }
};

}  // namespace detail

/// The distinct param<> names of Q, in order of first appearance in D's SQL. Walks the query only when the
/// first pass saw a param<> (most queries have none: no instantiation of the renderer for this walk).
template <class D, class Q>
inline constexpr auto param_names = [] {
  constexpr std::size_t n = static_cast<std::size_t>(detail::sql_measure<D, Q>.named);
  detail::name_collector<n> c;
  if constexpr (n != 0) detail::render_query<D>(c, static_cast<Q const*>(nullptr));
  return c.list;
}();

}  // namespace egret
