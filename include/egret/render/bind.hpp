// Defines how every backend binds a query's run-time values: the binder walks a query exactly as the renderer
// does and hands each placeholder's value (a C++ value captured in the query, or the execute() argument of a
// param<>) to a backend's parameter sink, `sink.bind(index, value)` with 1-based indexes in text order.
// Also the compile-time checks at the call of execute(): one argument per param<>, each of a type that binds
// to it, and a query that renders for the backend's dialect.
//
// Backends (sqlite/, postgres/, mysql/) supply the sink; nothing here knows a backend.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include <egret/dialect/capability.hpp>
#include <egret/render/params.hpp>
#include <egret/types/sql_type.hpp>

namespace egret::detail {

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

template <std::size_t N>
constexpr fixed_string<N> param_name_fixed(std::string_view s) {
  fixed_string<N> r;
  for (std::size_t i = 0; i != N; ++i) r.data[i] = s[i];
  return r;
}

template <class D, class Q, std::size_t I>
inline constexpr auto param_name_at = [] {
  constexpr std::string_view name = param_names<D, Q>.names[I];
  return param_name_fixed<name.size()>(name);
}();

template <class D, class Q, class Seq = std::make_index_sequence<param_names<D, Q>.size>>
struct param_name_set_of;
template <class D, class Q, std::size_t... Is>
struct param_name_set_of<D, Q, std::index_sequence<Is...>> {
  using type = param_name_set<param_name_at<D, Q, Is>...>;
};

/// The visitor that binds: renders no text, numbers the placeholders as the renderer does, and passes each
/// value to the sink.
template <class D, class Names, class Sink, class... Args>
struct query_binder {
  static constexpr bool binds_only = true;  // skips subtrees without placeholders (detail::binding_filter)
  Sink& s;
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

/// Binds q's values and args (one per param<>, in order of first appearance) to the sink.
template <class D, class Sink, class Q, class... Args>
void bind_query(Sink& s, Q const& q, Args const&... args) {
  static_assert(sizeof...(Args) == param_names<D, Q>.size,
                "egret: execute() needs one value per param<> of the query, in order of first appearance");
  if constexpr (placeholder_count_v<D, Q> != 0) {  // else nothing to bind: no walk, no instantiation
    query_binder<D, typename param_name_set_of<D, Q>::type, Sink, Args...> b{s, {args...}};
    render_query<D>(b, &q);
  }
}

/// Finds the first param<> to which the argument of the same position cannot be bound: walks the query like
/// the binder, binding nothing. (Its type does not hold the query: each render function of the walk is
/// named after its visitor.)
template <class... Args>
struct param_type_checker {
  static constexpr bool binds_only = true;  // like the binder: subtrees without placeholders are skipped
  std::string_view const* names;  // the query's param<> names, in order (param_names)
  std::size_t count;
  int first_bad = -1;
  constexpr void text(std::string_view) {}
  constexpr void ch(char) {}
  constexpr void number(long long) {}
  constexpr void use_feature(dialect::feature) {}  // features and rejections are to_sql's to report
  template <class T>
  constexpr int param(T const*) {
    return 0;
  }
  template <class P>
  constexpr int named_param() {
    std::size_t k = 0;
    while (k < count && names[k] != P::name.view()) ++k;
    if (k < count && first_bad < 0 && !bindable_at<P>(k, std::index_sequence_for<Args...>{}))
      first_bad = static_cast<int>(k);
    return 0;
  }
  template <class P, std::size_t... Is>
  static constexpr bool bindable_at(std::size_t k, std::index_sequence<Is...>) {
    return ((k != Is || bindable_v<Args, typename P::cpp_type>) && ...);
  }
};

/// The position of the first argument that cannot be bound to its param<> of Q, or -1. Only when there are
/// as many arguments as param<>s (bind_query reports a wrong count).
template <class D, class Q, class... Args>
inline constexpr int unbindable_param = [] {
  if constexpr (sizeof...(Args) != 0 && sizeof...(Args) == param_names<D, Q>.size) {
    param_type_checker<Args...> c{param_names<D, Q>.names.data(), param_names<D, Q>.size};
    render_query<D>(c, static_cast<Q const*>(nullptr));
    return c.first_bad;
  } else {
    return -1;
  }
}();

/// Whether Q renders for D: else to_sql has reported why, and the query is not bound.
template <class D, class Q>
inline constexpr bool renders_for =
    (sql_measure<D, Q>.features & (dialect::missing<D> | dialect::rejections)) == 0;

/// The param<> named Name, given a C++ value of type A (named in the compiler's note on a failed check).
template <fixed_string Name, class A>
struct param_given {};

/// Checks, at the call of execute(), that each argument binds to its param<> (the type the param<>
/// declares, a narrower integer, an integer for a double, std::nullopt for an optional). Returns whether
/// they do (the caller binds nothing otherwise, so that nothing else is reported).
template <class D, class Q, class... Args>
constexpr bool require_param_types() {
  constexpr int k = unbindable_param<D, Q, Args...>;
  if constexpr (k >= 0) {
    constexpr std::string_view name = param_names<D, Q>.names[k];
    using P = param_given<param_name_fixed<name.size()>(name), std::tuple_element_t<k, std::tuple<Args...>>>;
    static_assert(dependent_false<P>,
                  "egret: execute() gives a param<> a value of the wrong C++ type; pass the type the param<> declares");
  }
  return k < 0;
}

/// What every backend's execute() does before running q: checks that q renders for D and that args bind to
/// its param<>s; if so, binds q's values and args to the sink. Returns whether it bound.
template <class D, class Sink, class Q, class... Args>
bool check_and_bind(Sink& s, Q const& q, Args const&... args) {
  if constexpr (renders_for<D, Q> && require_param_types<D, Q, Args...>()) {
    bind_query<D>(s, q, args...);
    return true;
  } else {
    return false;
  }
}

}  // namespace egret::detail
