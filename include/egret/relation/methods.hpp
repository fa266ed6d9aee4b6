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
#include <egret/relation/set_op.hpp>
#include <egret/relation/values.hpp>
#include <egret/relation/cte.hpp>
#include <egret/relation/subquery.hpp>

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

/// The columns of Cols whose names none of Drop has.
template <class Cols, class... Drop>
struct columns_without;
template <class... Cs, class... Drop>
struct columns_without<type_list<Cs...>, Drop...> {
  template <class C>
  static constexpr bool dropped = ((C::name == Drop::name) || ...);
  using type = concat_t<std::conditional_t<dropped<Cs>, type_list<>, type_list<Cs>>...>;
};

/// Each column of Cols, or the renaming (an aliased column) of Renames that names it.
template <class C, class... Renames>
struct renamed_or_self {
  using type = C;
};
template <class C, class R, class... Rs>
struct renamed_or_self<C, R, Rs...> {
  using type = std::conditional_t<(R::inner::name == C::name), aliased<C, R::name>, typename renamed_or_self<C, Rs...>::type>;
};

}  // namespace detail

namespace detail {
/// Whether C (a column, or void) is one of projection P's output columns.
template <class C, class P>
inline constexpr bool is_output_column_of_v = [] {
  if constexpr (requires { typename C::source; })
    return std::is_same_v<typename C::source, source_id_t<P>>;
  else
    return false;
}();
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
      detail::require_unique_names<Items...>();
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

  /// All columns but the given ones: `t.drop(t.note)`. drop, rename and relocate match columns by name,
  /// so after a projection the table's members still name its columns.
  template <class... Cols>
  constexpr auto drop(Cols const&...) const {
    static_assert((is_column_v<Cols> && ...), "egret: drop() takes columns of the relation");
    return select_all(typename detail::columns_without<columns_of_t<Self>, Cols...>::type{});
  }

  /// All columns, with the given ones renamed in place: `t.rename(t.note.as<"comment">())`.
  template <class... Renames>
  constexpr auto rename(Renames const&...) const {
    static_assert((requires { Renames::is_aliased; typename Renames::inner::source; } && ...),
                  "egret: rename() takes columns with their new names: t.col.as<\"new_name\">()");
    return rename_all(columns_of_t<Self>{}, type_list<Renames...>{});
  }

  /// All columns, the given ones first: `t.relocate(t.status)`.
  template <class... Cols>
  constexpr auto relocate(Cols const&...) const {
    static_assert((is_column_v<Cols> && ...), "egret: relocate() takes columns of the relation");
    return select_all(concat_t<type_list<decltype(lookup_column<Self, Cols::name>())...>,
                               typename detail::columns_without<columns_of_t<Self>, Cols...>::type>{});
  }

  /// `GROUP BY keys`; finish with `.aggregate(...)`.
  template <class... Keys>
  constexpr auto group_by(Keys const&... keys) const {
    if constexpr (Self::stage <= stage::filter) {
      detail::require_items<detail::from_scope<detail::from_of_t<Self>>, type_list<>, false, Keys...>();
      static_assert(!(is_aggregate_v<Keys> || ...), "egret: group_by() keys cannot contain an aggregate");
      static_assert(!(detail::has_window_v<Keys> || ...), "egret: group_by() keys cannot contain a window function; compute it in mutate() first");
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
      using Out = detail::out_of_scope_t<detail::from_scope<detail::from_of_t<Self>>, E>;
      if constexpr (detail::is_output_column_of_v<Out, Proj>)
        static_assert(dependent_false<Out>,
                      "egret: having() cannot name this aggregate()'s output column (HAVING is evaluated before the "
                      "select list on most engines); repeat the aggregate, having(count() > 2), or filter the "
                      "result, g.filter(g[\"n\"_c] > 2)");
      else {
        detail::require_condition<detail::from_scope<detail::from_of_t<Self>>, E, true>();
        detail::require_grouped<typename Proj::key_list, E>();
      }
    }
    return having_t<Self, E>{{}, self(), as_expr(p)};
  }

  /// `ORDER BY keys`: expressions (ascending), `asc(e)`, `desc(e)` or `e.desc()`. May use this level's
  /// output columns (`r["name"_c]`) and its input columns.
  template <class... Keys>
  constexpr auto order_by(Keys const&... keys) const {
    static_assert(Self::stage != stage::order, "egret: order_by() is already given; pass all sort keys to one order_by()");
    if constexpr (Self::stage < stage::order && (detail::names_its_column_v<Keys> || ...)) {
      return order_by(named_key(keys)...);  // "n"_c, desc("n"_c): this relation's column of that name
    } else if constexpr (Self::stage < stage::order) {
      using S = level_scope<detail::from_of_t<Self>, detail::projection_of_t<Self>>;
      (detail::require_in_scope<S, typename detail::as_sort_key<Keys>::type::inner>(), ...);
      return order_t<Self, typename detail::as_sort_key<Keys>::type...>{
          {}, self(), detail::make_pack(detail::as_sort_key<Keys>::make(keys)...)};
    } else {
      return wrap().order_by(keys...);
    }
  }

  /// A sort key by name as one by this relation's column of that name (`(*this)["n"_c]`); others unchanged.
  template <class K>
  constexpr auto named_key(K const& k) const {
    if constexpr (!detail::names_its_column_v<K>)
      return k;
    else if constexpr (requires { K::name; })
      return (*this)[k];
    else
      return sort_key<decltype((*this)[k.expr]), K::descending, K::nulls>{(*this)[k.expr]};
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

  /// The distinct rows of the given columns: `select(cols...).distinct()`.
  template <class... Cols>
    requires(sizeof...(Cols) > 0)
  constexpr auto distinct(Cols const&... cols) const {
    return select(cols...).distinct();
  }

  /// `SELECT DISTINCT`.
  constexpr auto distinct() const {
    if constexpr (Self::stage < stage::distinct)
      return distinct_t<Self>{{}, self()};
    else
      return wrap().distinct();
  }

  /// `INNER JOIN r ON p`. p may be any BOOLEAN expression over both sides (several keys: `a == b && c == d`).
  template <class R, class P>
  constexpr auto join(R const& r, P const& on) const {
    return make_join<join_kind::inner>(r, on);
  }
  /// `LEFT JOIN r ON p`: r's columns become nullable (std::optional in rows).
  template <class R, class P>
  constexpr auto left_join(R const& r, P const& on) const {
    return make_join<join_kind::left>(r, on);
  }
  /// `RIGHT JOIN r ON p`: this relation's columns become nullable.
  template <class R, class P>
  constexpr auto right_join(R const& r, P const& on) const {
    return make_join<join_kind::right>(r, on);
  }
  /// `FULL OUTER JOIN r ON p`: the columns of both sides become nullable.
  template <class R, class P>
  constexpr auto outer_join(R const& r, P const& on) const {
    return make_join<join_kind::full>(r, on);
  }
  /// The rows of this relation that have a match in r on p (a semi join): `WHERE EXISTS (SELECT 1 FROM r
  /// WHERE p)`. Keeps only this relation's columns, each row once.
  template <class R, class P>
  constexpr auto semi_join(R const& r, P const& on) const {
    return exists_filter<false>(r, on);
  }
  /// The rows of this relation with no match in r on p (an anti join): `WHERE NOT EXISTS (...)`.
  template <class R, class P>
  constexpr auto anti_join(R const& r, P const& on) const {
    return exists_filter<true>(r, on);
  }

  /// `CROSS JOIN r`: every pair of rows.
  template <class R>
  constexpr auto cross_join(R const& r) const {
    return make_join<join_kind::cross>(r, no_condition{});
  }

  /// `UNION ALL`: the rows of both queries (same column count, comparable types; L's names).
  template <class R>
  constexpr auto union_all(R const& r) const {
    return detail::make_set_op<set_kind::union_all>(self(), r);
  }
  /// `UNION`: the distinct rows of both queries.
  template <class R>
  constexpr auto union_distinct(R const& r) const {
    return detail::make_set_op<set_kind::union_distinct>(self(), r);
  }
  /// `INTERSECT`: the distinct rows found in both queries.
  template <class R>
  constexpr auto intersect(R const& r) const {
    return detail::make_set_op<set_kind::intersect>(self(), r);
  }
  /// `EXCEPT`: the distinct rows of this query not found in r.
  template <class R>
  constexpr auto difference(R const& r) const {
    return detail::make_set_op<set_kind::difference>(self(), r);
  }

  /// Names this relation: a table under another name (`FROM "orders" AS "o2"`, for self-joins and
  /// correlated subqueries; same members), or a query as a named subquery (`(SELECT ...) AS "name"`).
  template <fixed_string Name>
  constexpr auto as() const {
    if constexpr (requires { typename Self::aliased_table; })
      return table_alias<typename Self::aliased_table, Name>{};
    else if constexpr (requires { typename Self::template egret_columns_for<Self>; })
      return table_alias<Self, Name>{};
    else
      return derived<Self, Name>{{}, self()};
  }

 private:
  constexpr Self const& self() const { return static_cast<Self const&>(*this); }
  constexpr derived<Self> wrap() const { return {{}, self()}; }

  template <class... Cs>
  constexpr auto select_all(type_list<Cs...>) const {
    return select(Cs{}...);
  }
  template <class... Cs, class... Renames>
  constexpr auto rename_all(type_list<Cs...>, type_list<Renames...>) const {
    return select(typename detail::renamed_or_self<Cs, Renames...>::type{}...);
  }

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

  template <bool Anti, class R, class P>
  constexpr auto exists_filter(R const& r, P const& on) const {
    auto const rhs = as_from(r);
    using RF = std::remove_cvref_t<decltype(rhs)>;
    using Base = std::conditional_t<(Self::stage <= stage::filter), detail::from_of_t<Self>, derived<Self>>;
    static_assert(!(detail::is_table_v<RF> && contains_v<RF, detail::entries_of_t<Base>>),
                  "egret: this table is already in the query; semi/anti join it through an alias: t.as<\"t2\">()");
    using E = as_expr_t<P>;
    detail::require_condition<detail::from_scope<join_t<join_kind::inner, Base, RF, E>>, E, false>();
    return filter(detail::exists_join<Anti, RF, E>{{}, rhs, as_expr(on)});
  }

  template <join_kind K, class R, class P>
  constexpr auto make_join(R const& r, P const& on) const {
    auto const lhs = as_from(self());
    auto const rhs = as_from(r);
    using LF = std::remove_cvref_t<decltype(lhs)>;
    using RF = std::remove_cvref_t<decltype(rhs)>;
    constexpr bool table_twice = detail::is_table_v<RF> && contains_v<RF, detail::entries_of_t<LF>>;
    static_assert(!table_twice,
                  "egret: this table is already in the join; join it with itself through an alias: t.as<\"t2\">()");
    // Two FROM items reading the same columns (one query joined twice, unnamed) could not be told apart:
    // each column would be qualified by the first one's alias, a silent wrong answer.
    constexpr bool query_twice =
        !table_twice && detail::shares_source(detail::identity_sources_t<LF>{}, detail::identity_sources_t<RF>{});
    static_assert(!query_twice,
                  "egret: this query is already in the join (both sides would read the same columns); name each "
                  "use: q.as<\"a\">() and q.as<\"b\">()");
    if constexpr (K == join_kind::cross) {
      return join_t<K, LF, RF, no_condition>{{}, lhs, rhs, {}};
    } else {
      using E = as_expr_t<P>;
      using J = join_t<K, LF, RF, E>;
      if constexpr (!table_twice && !query_twice)  // after those rules, the condition's columns are moot
        detail::require_condition<detail::from_scope<J>, E, false>();
      return J{{}, lhs, rhs, as_expr(on)};
    }
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
    detail::require_unique_names<Keys..., Aggs...>();
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
