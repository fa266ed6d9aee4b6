// Defines the clause nodes of a SELECT level other than FROM and the projection:
// filter_t (WHERE), having_t (HAVING), distinct_t (DISTINCT), order_t (ORDER BY), limit_t (LIMIT/OFFSET).
#pragma once

#include <cstdint>

#include <egret/expr/pack.hpp>
#include <egret/expr/value.hpp>
#include <egret/relation/relation.hpp>

namespace egret {

/// `WHERE p`; several filters are ANDed in the order written.
template <class In, class P>
struct filter_t : relation_methods<filter_t<In, P>> {
  In in;
  P pred;
  using input = In;
  using predicate = P;
  static constexpr int stage = stage::filter;
};

/// `HAVING p`, after group_by().aggregate().
template <class In, class P>
struct having_t : relation_methods<having_t<In, P>> {
  In in;
  P pred;
  using input = In;
  using predicate = P;
  static constexpr int stage = stage::having;
};

/// `SELECT DISTINCT`.
template <class In>
struct distinct_t : relation_methods<distinct_t<In>> {
  In in;
  using input = In;
  static constexpr int stage = stage::distinct;
};

/// `ORDER BY k1 [DESC], ...`.
template <class In, class... Keys>
struct order_t : relation_methods<order_t<In, Keys...>> {
  In in;
  detail::pack<Keys...> keys;
  using input = In;
  using key_types = type_list<Keys...>;
  static constexpr int stage = stage::order;

  template <class D, class S, class V>
  static constexpr void render_keys(V& v, order_t const* n) {
    render_each<D, S>(v, detail::member(n, &order_t::keys), std::index_sequence_for<Keys...>{});
  }

 private:
  template <class D, class S, class V, std::size_t... Is>
  static constexpr void render_each(V& v, detail::pack<Keys...> const* p, std::index_sequence<Is...>) {
    bool first = true;
    ((first ? void(first = false) : v.text(", "),
      render_key<D, S>(v, detail::pack<Keys...>::at(static_cast<detail::slot<Is, Keys> const*>(p)))),
     ...);
  }
  template <class D, class S, class V, class K>
  static constexpr void render_key(V& v, K const* k) {
    detail::render_sort_key<D, S>(v, k);
  }
};

/// No LIMIT, or no OFFSET.
struct no_count {};

/// `LIMIT n OFFSET m`; n and m are bound values.
template <class In, class Count, class Offset>
struct limit_t : relation_methods<limit_t<In, Count, Offset>> {
  In in;
  Count count;
  Offset offset;
  using input = In;
  static constexpr int stage = stage::limit;
  static constexpr bool has_limit = !std::is_same_v<Count, no_count>;
  static constexpr bool has_offset = !std::is_same_v<Offset, no_count>;

  template <class D, class S, class V>
  static constexpr void render_count(V& v, limit_t const* n) {
    Count::template render<D, S>(v, detail::member(n, &limit_t::count));
  }
  template <class D, class S, class V>
  static constexpr void render_offset(V& v, limit_t const* n) {
    Offset::template render<D, S>(v, detail::member(n, &limit_t::offset));
  }
};

}  // namespace egret
