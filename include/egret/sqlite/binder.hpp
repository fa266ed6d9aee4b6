// Defines the binder: walks a query exactly as the renderer does and binds each placeholder's value
// (captured C++ values from the query, param<> values from execute's arguments) to a SQLite statement.
#pragma once

#include <cstddef>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

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

/// The param<> names of a query, in order, as a type: what the binder needs of the query. The binder is the
/// visitor type of every render function of its walk, so a binder type holding the query itself gave each
/// of them a name as long as the query (and g++ mangles each such name in time quadratic in its length).
template <fixed_string... Names>
struct param_name_set {
  static constexpr std::size_t find(std::string_view n) {
    constexpr std::string_view names[] = {Names.view()..., {}};
    std::size_t i = 0;
    while (i < sizeof...(Names) && names[i] != n) ++i;
    return i;
  }
};

template <class D, class Q, std::size_t I>
inline constexpr auto param_name_at = [] {
  constexpr std::string_view name = param_names<D, Q>.names[I];
  fixed_string<name.size()> s;
  for (std::size_t i = 0; i < name.size(); ++i) s.data[i] = name[i];
  return s;
}();

template <class D, class Q, class Seq = std::make_index_sequence<param_names<D, Q>.size>>
struct param_name_set_of;
template <class D, class Q, std::size_t... Is>
struct param_name_set_of<D, Q, std::index_sequence<Is...>> {
  using type = param_name_set<param_name_at<D, Q, Is>...>;
};

template <class D, class Names, class... Args>
struct binder {
  static constexpr bool binds_only = true;  // skips subtrees without placeholders (detail::binding_filter)
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
    constexpr std::size_t k = Names::find(P::name.view());
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
    binder<D, typename param_name_set_of<D, Q>::type, Args...> b{s, {args...}};
    egret::detail::render_query<D>(b, &q);
  }
}

}  // namespace detail
}  // namespace egret::sqlite
