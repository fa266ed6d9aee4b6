// Defines egret::type_list and the few cheap operations the core needs on it (no recursion on long lists).
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

namespace egret {

template <class... Ts>
struct type_list {
  static constexpr std::size_t size = sizeof...(Ts);
};

namespace detail {

template <class... Ls>
struct concat_impl;
template <>
struct concat_impl<> {
  using type = type_list<>;
};
template <class... As>
struct concat_impl<type_list<As...>> {
  using type = type_list<As...>;
};
template <class... As, class... Bs, class... Rest>
struct concat_impl<type_list<As...>, type_list<Bs...>, Rest...> {
  using type = typename concat_impl<type_list<As..., Bs...>, Rest...>::type;
};

template <class T, class L>
struct contains_impl;
template <class T, class... Ts>
struct contains_impl<T, type_list<Ts...>> : std::bool_constant<(std::is_same_v<T, Ts> || ...)> {};

template <class T, class L>
struct index_of_impl;
template <class T, class... Ts>
constexpr std::size_t index_of(type_list<Ts...>) {
  constexpr bool hits[] = {std::is_same_v<T, Ts>..., false};
  std::size_t i = 0;
  while (i < sizeof...(Ts) && !hits[i]) ++i;
  return i;
}
template <class T, class... Ts>
struct index_of_impl<T, type_list<Ts...>> {
  static constexpr std::size_t value = index_of<T>(type_list<Ts...>{});
};

}  // namespace detail

template <class... Ls>
using concat_t = typename detail::concat_impl<Ls...>::type;

template <class T, class L>
inline constexpr bool contains_v = detail::contains_impl<T, L>::value;

/// Position of T in L, or L::size when absent.
template <class T, class L>
inline constexpr std::size_t index_of_v = detail::index_of_impl<T, L>::value;

/// Element I of a pack, through the compiler builtin where there is one (as Hana's type_at does).
#if defined(__has_builtin)
#if __has_builtin(__type_pack_element)
#define EGRET_HAS_TYPE_PACK_ELEMENT 1
#endif
#endif

namespace detail {
#ifdef EGRET_HAS_TYPE_PACK_ELEMENT
template <std::size_t I, class L>
struct at_impl;
template <std::size_t I, class... Ts>
struct at_impl<I, type_list<Ts...>> {
  using type = __type_pack_element<I, Ts...>;
};
#else
template <std::size_t I, class T>
struct indexed {
  using type = T;
};
template <class Seq, class... Ts>
struct indexer;
template <std::size_t... Is, class... Ts>
struct indexer<std::index_sequence<Is...>, Ts...> : indexed<Is, Ts>... {};
template <std::size_t I, class T>
indexed<I, T> select_indexed(indexed<I, T> const&);
template <std::size_t I, class L>
struct at_impl;
template <std::size_t I, class... Ts>
struct at_impl<I, type_list<Ts...>> {
  using type = typename decltype(select_indexed<I>(indexer<std::index_sequence_for<Ts...>, Ts...>{}))::type;
};
#endif
}  // namespace detail

template <std::size_t I, class L>
using at_t = typename detail::at_impl<I, L>::type;

/// A false that depends on T: lets a static_assert fire only when its template is instantiated.
template <class...>
inline constexpr bool dependent_false = false;

}  // namespace egret
