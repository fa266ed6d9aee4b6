// Defines the binder: walks a query exactly as the renderer does and binds each placeholder's value
// (captured C++ values from the query, param<> values from execute's arguments) to a SQLite statement.
#pragma once

#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>

#include <egret/dialect/sqlite.hpp>
#include <egret/render/params.hpp>
#include <egret/sqlite/statement.hpp>

namespace egret::sqlite {

using dialect_type = egret::dialect::sqlite;

namespace detail {

/// Whether a C++ argument A may be bound to a param<> declared with C++ type P.
template <class A, class P>
inline constexpr bool bindable_v = [] {
  using PA = identity_of_t<A>;
  using PP = identity_of_t<P>;
  if constexpr (std::is_same_v<std::remove_cvref_t<A>, std::nullopt_t>)
    return egret::declared<P>::nullable;
  else if constexpr (std::is_void_v<PA>)
    return false;
  else if constexpr (std::is_same_v<PA, PP>)
    return true;
  else if constexpr (is_integer_v<PA> && is_integer_v<PP>)
    return sizeof(PA) <= sizeof(PP);
  else
    return std::is_same_v<PP, double> && is_integer_v<PA>;
}();

template <class P, class A>
constexpr void check_bind_type() {
  static_assert(bindable_v<A, typename P::cpp_type>,
                "egret: execute() gives a param<> a value of the wrong C++ type; pass the type the param<> declares");
}

template <class D, class Q, class... Args>
struct binder {
  statement& s;
  std::tuple<Args const&...> args;
  int index = 0;

  void text(std::string_view) {}
  void ch(char) {}
  void number(long long) {}
  template <class T>
  int param(T const* v) {
    s.bind(++index, *v);
    return index;
  }
  template <class P>
  int named_param() {
    constexpr std::size_t k = param_names<D, Q>.find(P::name.view());
    using A = std::tuple_element_t<k, std::tuple<Args...>>;
    check_bind_type<P, A>();
    s.bind(++index, std::get<k>(args));
    return index;
  }
};

template <class D, class Q, class... Args>
void bind_query(statement& s, Q const& q, Args const&... args) {
  static_assert(sizeof...(Args) == param_names<D, Q>.size,
                "egret: execute() needs one value per param<> of the query, in order of first appearance");
  if constexpr (placeholder_count_v<D, Q> != 0) {  // else nothing to bind: no walk, no instantiation
    binder<D, Q, Args...> b{s, {args...}};
    egret::detail::render_query<D>(b, &q);
  }
}

}  // namespace detail
}  // namespace egret::sqlite
