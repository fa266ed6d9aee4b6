// Defines detail::pack, the cheap storage of an n-ary node's operands (no std::tuple: it costs compile time).
#pragma once

#include <cstddef>
#include <utility>

#include <egret/expr/expression.hpp>

namespace egret::detail {

template <std::size_t I, class T>
struct slot {
  T v;
};

/// What `pack<...>::at(slot pointer)` calls: a pointer to operand I, or null when rendering from the type
/// alone. One object type for all packs: a member function template of each pack_impl<...> was one function
/// per operand whose name spells the whole pack (a 400-item SELECT: 400 names of O(400) length, mangled once
/// more for each run-time walk that binds values).
struct slot_access {
  template <std::size_t I, class T>
  constexpr T const* operator()(slot<I, T> const* s) const {
    return s ? &s->v : nullptr;
  }
};

template <class Seq, class... Es>
struct pack_impl;
template <std::size_t... Is, class... Es>
struct pack_impl<std::index_sequence<Is...>, Es...> : slot<Is, Es>... {
  static constexpr slot_access at{};

  /// Renders the operands separated by `sep`.
  template <class D, class S, class V>
  static constexpr void render(V& v, pack_impl const* p, std::string_view sep = ", ") {
    bool first = true;
    ((first ? void(first = false) : v.text(sep),
      Es::template render<D, S>(v, at(static_cast<slot<Is, Es> const*>(p)))),
     ...);
  }
};

template <class... Es>
using pack = pack_impl<std::index_sequence_for<Es...>, Es...>;

template <class... Es>
constexpr pack<Es...> make_pack(Es const&... es) {
  return {{es}...};
}

}  // namespace egret::detail
