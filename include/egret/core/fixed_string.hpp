// Defines egret::fixed_string, the compile-time string used for names (as template arguments) and SQL text.
#pragma once

#include <cstddef>
#include <string_view>

namespace egret {

/// A string of N characters usable as a class-type template argument (`col<"order_id">`).
/// It is also the storage of compile-time SQL text: `to_sql<D>(q)` returns a view of one.
template <std::size_t N>
struct fixed_string {
  char data[N + 1]{};

  constexpr fixed_string() = default;
  constexpr fixed_string(char const (&s)[N + 1]) {  // NOLINT: implicit by design
    for (std::size_t i = 0; i != N + 1; ++i) data[i] = s[i];
  }

  static constexpr std::size_t size() { return N; }
  constexpr char const* c_str() const { return data; }
  constexpr std::string_view view() const { return {data, N}; }
  constexpr operator std::string_view() const { return view(); }  // NOLINT: a fixed_string is a string

  template <std::size_t M>
  constexpr bool operator==(fixed_string<M> const& o) const {
    return view() == o.view();
  }
  constexpr bool operator==(std::string_view o) const { return view() == o; }
};

template <std::size_t N>
fixed_string(char const (&)[N]) -> fixed_string<N - 1>;

template <std::size_t N, std::size_t M>
constexpr fixed_string<N + M> operator+(fixed_string<N> const& a, fixed_string<M> const& b) {
  fixed_string<N + M> r;
  for (std::size_t i = 0; i != N; ++i) r.data[i] = a.data[i];
  for (std::size_t i = 0; i != M + 1; ++i) r.data[N + i] = b.data[i];
  return r;
}
template <std::size_t N, std::size_t M>
constexpr fixed_string<N + M - 1> operator+(fixed_string<N> const& a, char const (&b)[M]) {
  return a + fixed_string<M - 1>(b);
}
template <std::size_t N, std::size_t M>
constexpr fixed_string<N - 1 + M> operator+(char const (&a)[N], fixed_string<M> const& b) {
  return fixed_string<N - 1>(a) + b;
}

/// A name as a type: the result of the `"order_id"_c` literal, used to look columns up by name.
template <fixed_string Name>
struct name_tag {
  static constexpr auto name = Name;
};

/// A name is not a column: `"n"_c > 2` is refused with what to write instead (`r["n"_c] > 2`).
namespace detail {
template <class T>
inline constexpr bool name_is_not_a_column = false;
}  // namespace detail
#define EGRET_NAME_TAG_MISUSE(op)                                                                                  \
  template <fixed_string Name, class T>                                                                           \
  constexpr bool operator op(name_tag<Name>, T const&) {                                                          \
    static_assert(detail::name_is_not_a_column<T>,                                                                \
                  "egret: \"name\"_c is only a name; for the column, write rel[\"name\"_c] (rel: the relation that " \
                  "has it), e.g. g.filter(g[\"n\"_c] > 2)");                                                      \
    return false;                                                                                                 \
  }                                                                                                               \
  template <class T, fixed_string Name>                                                                           \
    requires(!requires { T::name; })                                                                             \
  constexpr bool operator op(T const&, name_tag<Name>) {                                                          \
    static_assert(detail::name_is_not_a_column<T>,                                                                \
                  "egret: \"name\"_c is only a name; for the column, write rel[\"name\"_c] (rel: the relation that " \
                  "has it), e.g. g.filter(g[\"n\"_c] > 2)");                                                      \
    return false;                                                                                                 \
  }
EGRET_NAME_TAG_MISUSE(==)
EGRET_NAME_TAG_MISUSE(!=)
EGRET_NAME_TAG_MISUSE(<)
EGRET_NAME_TAG_MISUSE(<=)
EGRET_NAME_TAG_MISUSE(>)
EGRET_NAME_TAG_MISUSE(>=)
EGRET_NAME_TAG_MISUSE(+)
EGRET_NAME_TAG_MISUSE(-)
EGRET_NAME_TAG_MISUSE(*)
EGRET_NAME_TAG_MISUSE(/)
EGRET_NAME_TAG_MISUSE(&&)
EGRET_NAME_TAG_MISUSE(||)
#undef EGRET_NAME_TAG_MISUSE

namespace literals {
/// `"order_id"_c` names a column of a derived relation: `op["order_id"_c]`.
template <fixed_string Name>
constexpr name_tag<Name> operator""_c() {
  return {};
}
}  // namespace literals

}  // namespace egret
