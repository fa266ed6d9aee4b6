// Defines relation_methods, the operations every relation offers (Ibis vocabulary):
// filter, select, mutate, group_by(...).aggregate(...), aggregate, having, order_by, limit, distinct,
// join / left_join, `r["name"_c]`, and `.as<"name">()` to name a derived relation.
#pragma once

#include <cstdint>

#include <egret/expr/methods.hpp>
#include <egret/relation/checks.hpp>
#include <egret/relation/clauses.hpp>
#include <egret/relation/columns.hpp>
#include <egret/relation/derived.hpp>
#include <egret/relation/join.hpp>
#include <egret/relation/project.hpp>

namespace egret {

template <class Self, class... Keys>
struct grouped_t;

namespace detail {

/// The columns of Cols whose names no item of Items takes (mutate replaces same-named columns).
template <class Cols, class... Items>
struct kept_columns;
template <class... Cs, class... Items>
struct kept_columns<type_list<Cs...>, Items...> {
  template <class C>
  static constexpr bool replaced = ((output_name<Items>::has && output_name<Items>::value == C::name) || ...);
  using type = concat_t<std::conditional_t<replaced<Cs>, type_list<>, type_list<Cs>>...>;
};

template <class F>
using from_scope = level_scope<F, no_node>;

}  // namespace detail

template <class Self>
struct relation_methods : relation_tag {
  /// The column `name` of this relation: `op["total_amount"_c]`. A compile error when there is none, or
  /// when several inputs of a join have it.
  template <fixed_string Name>
  constexpr auto operator[](name_tag<Name>) const {
    return lookup_column<Self, Name>();
  }
  template <fixed_string Name>
  constexpr auto col() const {
    return lookup_column<Self, Name>();
  }

  /// `WHERE p`. After a projection, the relation becomes a subquery first.
  template <class P>
  constexpr auto filter(P const& p) const {
    if constexpr (Self::stage <= stage::filter) {
      using E = as_expr_t<P>;
      detail::require_condition<detail::from_scope<detail::from_of_t<Self>>, E, false>();
      return filter_t<Self, E>{{}, self(), as_expr(p)};
    } else {
      return wrap().filter(p);
    }
  }

  /// `SELECT items`: columns, or expressions named with `.as<"name">()`.
  template <class... Items>
  constexpr auto select(Items const&... items) const {
    if constexpr (Self::stage <= stage::filter) {
      detail::require_items<detail::from_scope<detail::from_of_t<Self>>, type_list<>, false, Items...>();
      return project_t<Self, 0, false, Items...>{{}, self(), detail::make_pack(items...)};
    } else {
      return wrap().select(items...);
    }
  }

  /// All columns, plus the new items; an item named like an existing column replaces it.
  template <class... Items>
  constexpr auto mutate(Items const&... items) const {
    if constexpr (Self::stage <= stage::filter) {
      return mutate_impl(typename detail::kept_columns<columns_of_t<Self>, Items...>::type{}, items...);
    } else {
      return wrap().mutate(items...);
    }
  }

  /// `GROUP BY keys`; finish with `.aggregate(...)`.
  template <class... Keys>
  constexpr auto group_by(Keys const&... keys) const {
    if constexpr (Self::stage <= stage::filter) {
      detail::require_items<detail::from_scope<detail::from_of_t<Self>>, type_list<>, false, Keys...>();
      static_assert(!(is_aggregate_v<Keys> || ...), "egret: group_by() keys cannot contain an aggregate");
      return grouped_t<Self, Keys...>{self(), detail::make_pack(keys...)};
    } else {
      return wrap().group_by(keys...);
    }
  }

  /// Aggregates over the whole relation (no GROUP BY): `t.aggregate(count().as<"n">())`.
  template <class... Aggs>
  constexpr auto aggregate(Aggs const&... aggs) const {
    return group_by().aggregate(aggs...);
  }

  /// `HAVING p`, right after group_by().aggregate(): conditions on aggregates of the input columns.
  template <class P>
  constexpr auto having(P const& p) const {
    constexpr bool grouped = [] {
      if constexpr (Self::stage == stage::project)
        return Self::grouped;
      else
        return Self::stage == stage::having;
    }();
    static_assert(grouped, "egret: having() needs group_by().aggregate() right before it; use filter() otherwise");
    using E = as_expr_t<P>;
    using Proj = detail::projection_of_t<Self>;
    if constexpr (grouped) {
      detail::require_condition<detail::from_scope<detail::from_of_t<Self>>, E, true>();
      detail::require_grouped<typename Proj::key_list, E>();
    }
    return having_t<Self, E>{{}, self(), as_expr(p)};
  }

  /// `ORDER BY keys`: expressions (ascending), `asc(e)`, `desc(e)` or `e.desc()`. May use this level's
  /// output columns (`r["name"_c]`) and its input columns.
  template <class... Keys>
  constexpr auto order_by(Keys const&... keys) const {
    static_assert(Self::stage != stage::order, "egret: order_by() is already given; pass all sort keys to one order_by()");
    if constexpr (Self::stage < stage::order) {
      using S = level_scope<detail::from_of_t<Self>, detail::projection_of_t<Self>>;
      (detail::require_in_scope<S, typename detail::as_sort_key<Keys>::type::inner>(), ...);
      return order_t<Self, typename detail::as_sort_key<Keys>::type...>{
          {}, self(), detail::make_pack(detail::as_sort_key<Keys>::make(keys)...)};
    } else {
      return wrap().order_by(keys...);
    }
  }

  /// `LIMIT n` (bound).
  constexpr auto limit(std::int64_t n) const {
    if constexpr (Self::stage < stage::limit)
      return limit_t<Self, value<std::int64_t>, no_count>{{}, self(), {{}, n}, {}};
    else
      return wrap().limit(n);
  }
  /// `LIMIT n OFFSET m` (both bound).
  constexpr auto limit(std::int64_t n, std::int64_t offset) const {
    if constexpr (Self::stage < stage::limit)
      return limit_t<Self, value<std::int64_t>, value<std::int64_t>>{{}, self(), {{}, n}, {{}, offset}};
    else
      return wrap().limit(n, offset);
  }

  /// `SELECT DISTINCT`.
  constexpr auto distinct() const {
    if constexpr (Self::stage < stage::distinct)
      return distinct_t<Self>{{}, self()};
    else
      return wrap().distinct();
  }

  /// `INNER JOIN r ON p`.
  template <class R, class P>
  constexpr auto join(R const& r, P const& on) const {
    return make_join<false>(r, on);
  }
  /// `LEFT JOIN r ON p`: r's columns become nullable (std::optional in rows).
  template <class R, class P>
  constexpr auto left_join(R const& r, P const& on) const {
    return make_join<true>(r, on);
  }

  /// Names this relation for use as a subquery: `(SELECT ...) AS "name"`.
  template <fixed_string Name>
  constexpr derived<Self, Name> as() const {
    return {{}, self()};
  }

 private:
  constexpr Self const& self() const { return static_cast<Self const&>(*this); }
  constexpr derived<Self> wrap() const { return {{}, self()}; }

  template <class... Cs, class... Items>
  constexpr auto mutate_impl(type_list<Cs...>, Items const&... items) const {
    return select(Cs{}..., items...);
  }

  template <class R>
  static constexpr auto as_from(R const& r) {
    static_assert(relation<R>, "egret: join() needs a relation (a table or a query) on the right");
    if constexpr (R::stage == stage::from)
      return r;
    else
      return derived<R>{{}, r};
  }

  template <bool Left, class R, class P>
  constexpr auto make_join(R const& r, P const& on) const {
    auto const lhs = as_from(self());
    auto const rhs = as_from(r);
    using LF = std::remove_cvref_t<decltype(lhs)>;
    using RF = std::remove_cvref_t<decltype(rhs)>;
    using E = as_expr_t<P>;
    using J = join_t<Left, LF, RF, E>;
    static_assert(!(detail::is_table_v<RF> && contains_v<RF, detail::entries_of_t<LF>>),
                  "egret: this table is already in the join; joining a table with itself needs an alias");
    detail::require_condition<detail::from_scope<J>, E, false>();
    return J{{}, lhs, rhs, as_expr(on)};
  }
};

/// The result of group_by(keys...): call `.aggregate(aggs...)`.
template <class Self, class... Keys>
struct grouped_t {
  Self rel;
  detail::pack<Keys...> keys;

  /// `SELECT keys..., aggs... GROUP BY keys...`: every column beside an aggregate must be a key.
  template <class... Aggs>
  constexpr auto aggregate(Aggs const&... aggs) const {
    using S = detail::from_scope<detail::from_of_t<Self>>;
    detail::require_items<S, type_list<typename detail::unaliased<Keys>::type...>, true, Aggs...>();
    return make(std::index_sequence_for<Keys...>{}, aggs...);
  }

 private:
  template <std::size_t... Is, class... Aggs>
  constexpr auto make(std::index_sequence<Is...>, Aggs const&... aggs) const {
    using P = project_t<Self, sizeof...(Keys), true, Keys..., Aggs...>;
    return P{{}, rel, detail::make_pack(static_cast<detail::slot<Is, Keys> const&>(keys).v..., aggs...)};
  }
};

}  // namespace egret
