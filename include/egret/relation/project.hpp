// Defines project_t, the projection of a SELECT level: select(...), mutate(...) and
// group_by(keys...).aggregate(...), whose first key_count items are the GROUP BY keys.
#pragma once

#include <egret/expr/pack.hpp>
#include <egret/relation/relation.hpp>

namespace egret {

namespace detail {
template <class E>
inline constexpr bool alias_is_own_name = false;
template <class Src, fixed_string N, class T, bool B, fixed_string Name>
inline constexpr bool alias_is_own_name<aliased<column_ref<Src, N, T, B>, Name>> = (N == Name);

/// One select item, `item AS "name"` when Alias and it is aliased. A free function, not a member of
/// project_t: a member's name would spell the whole select list in each of the N item instantiations.
template <class D, class S, bool Alias, class V, class E>
constexpr void render_select_item(V& v, E const* e) {
  // a binder skips an item with nothing to bind (expr/expression.hpp)
  if constexpr (!binding_filter<binds_only_v<V>>::template skips<D, S, E>) {
    D::template render_select_value<D, S>(v, e);
    if constexpr (Alias && requires { E::is_aliased; }) {
      // `x AS "x"` says nothing: a column keeps its name without it.
      if constexpr (!alias_is_own_name<E>) {
        v.text(" AS ");
        D::template quote_identifier<D>(v, E::name.view());
      }
    }
  }
}

template <class Seq, class L>
struct keys_of;
template <std::size_t... Is, class L>
struct keys_of<std::index_sequence<Is...>, L> {
  using type = type_list<typename unaliased<at_t<Is, L>>::type...>;
};
}  // namespace detail

/// `SELECT item AS "name", ... [GROUP BY keys]`. Each item becomes an output column named by its alias
/// (or its column name), typed by the item, nullable as the item is in this level's scope.
template <class In, std::size_t NKeys, bool Grouped, class... Items>
struct project_t : relation_methods<project_t<In, NKeys, Grouped, Items...>> {
  In in;
  detail::pack<Items...> items;

  using input = In;
  using item_types = type_list<Items...>;
  /// The GROUP BY keys, without their aliases.
  using key_list = typename detail::keys_of<std::make_index_sequence<NKeys>, type_list<Items...>>::type;
  static constexpr int stage = stage::project;
  static constexpr std::size_t key_count = NKeys;
  static constexpr bool grouped = Grouped;
  using nullables = detail::nullable_sources_t<detail::from_of_t<In>>;
  using output = type_list<
      column_ref<source_id_t<project_t>, output_name<Items>::value, value_type_t<Items>, nullable_in_v<Items, nullables>>...>;

  template <class D, class S, class V>
  static constexpr void render_items(V& v, project_t const* n) {
    render_all<D, S>(v, detail::member(n, &project_t::items), std::index_sequence_for<Items...>{});
  }
  template <class D, class S, class V>
  static constexpr void render_keys(V& v, project_t const* n) {
    render_each<D, S, false>(v, detail::member(n, &project_t::items), std::make_index_sequence<NKeys>{});
  }

 private:
  // Braced-list expansions, not fold expressions: clang refuses a fold of more than 256 operands (a
  // 400-item SELECT), and render_all pairs each item with its index without looking it up (at_t).
  // The pack type is named once, outside the expansion: spelled inside it, it is formed again for each item
  // (clang: O(N) per item, quadratic in the select list).
  template <class D, class S, class V, std::size_t... Is>
  static constexpr void render_all(V& v, detail::pack<Items...> const* p, std::index_sequence<Is...>) {
    using P = detail::pack<Items...>;
    bool first = true;
    [[maybe_unused]] int const in_order[] = {
        0, ((first ? void(first = false) : v.text(", ")),
            detail::render_select_item<D, S, true>(v, P::at(static_cast<detail::slot<Is, Items> const*>(p))), 0)...};
  }
  template <class D, class S, bool Alias, class V, std::size_t... Is>
  static constexpr void render_each(V& v, detail::pack<Items...> const* p, std::index_sequence<Is...>) {
    using P = detail::pack<Items...>;
    using L = type_list<Items...>;
    bool first = true;
    [[maybe_unused]] int const in_order[] = {
        0, ((first ? void(first = false) : v.text(", ")),
            detail::render_select_item<D, S, Alias>(v, P::at(static_cast<detail::slot<Is, at_t<Is, L>> const*>(p))), 0)...};
  }
};

}  // namespace egret
