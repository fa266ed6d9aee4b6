// Defines common table expressions: `cte<"name">(q)` (a named query, used like a table),
// `cte<T>(q)` (a query under a declared table's name and columns: the form recursive CTEs need),
// and `with(ctes...).query(q)` / `with_recursive(...)`, which renders `WITH ... <q>`.
#pragma once

#include <egret/expr/pack.hpp>
#include <egret/relation/columns.hpp>
#include <egret/relation/contract.hpp>
#include <egret/relation/level.hpp>
#include <egret/schema/table.hpp>

namespace egret {

/// A named query, used in FROM like a table (`"name"`); its columns are the query's, found by name
/// (`c["total"_c]`). Defined once at the top of the statement by with(...).
template <fixed_string Name, class R>
struct cte_t : table_base<cte_t<Name, R>> {
  R rel;

  static constexpr auto egret_name = Name;
  static constexpr bool is_cte = true;
  using definition = R;
  using egret_columns = detail::retag_t<cte_t, columns_of_t<R>>;

  template <class D, class Outer, int Depth, class V>
  static constexpr void render_definition(V& v, cte_t const* n) {
    D::template quote_identifier<D>(v, Name.view());
    v.text(" AS (");
    detail::render_select<D, void, Depth + 1>(v, detail::member(n, &cte_t::rel));
    v.ch(')');
  }
};

/// The definition of declared table T as a query (a CTE named and typed by T; queries use T itself).
/// The query's columns must match T's (names, order, types, nullability). A recursive CTE's query
/// refers to T: `cte<cnt>(egret::values<cnt>(std::tuple{1}).union_all(c.filter(c.n < 10).select((c.n + 1).as<"n">())))`.
template <class T, class R>
struct cte_decl {
  R rel;

  static constexpr bool is_cte = true;
  using definition = R;

  template <class D, class Outer, int Depth, class V>
  static constexpr void render_definition(V& v, cte_decl const* n) {
    D::template quote_identifier<D>(v, T::egret_name.view());
    if constexpr (D::has_cte_column_list) render_names<D>(v, typename T::egret_columns{});
    v.text(" AS (");
    detail::render_select<D, void, Depth + 1>(v, detail::member(n, &cte_decl::rel));
    v.ch(')');
  }

 private:
  template <class D, class V, class... Cs>
  static constexpr void render_names(V& v, type_list<Cs...>) {
    v.ch('(');
    bool first = true;
    ((first ? void(first = false) : v.text(", "), D::template quote_identifier<D>(v, Cs::name.view())), ...);
    v.ch(')');
  }
};

/// A named query: `auto big = cte<"big_orders">(o.filter(o.amount > 100));`.
template <fixed_string Name, class R>
constexpr cte_t<Name, R> cte(R const& r) {
  static_assert(query<R>, "egret: cte() takes a query");
  return {{}, r};
}
/// A query under declared table T's name and columns.
template <class T, class R>
constexpr cte_decl<T, R> cte(R const& r) {
  static_assert(query<R>, "egret: cte<T>() takes a query");
  detail::require_contract<R, T>();
  return {r};
}

/// `WITH [RECURSIVE] c1 AS (...), c2 AS (...) <q>`. Its columns are q's; further clauses make it a subquery.
template <bool Recursive, class Q, class... Cs>
struct with_t : relation_methods<with_t<Recursive, Q, Cs...>> {
  detail::pack<Cs...> ctes;
  Q q;

  static constexpr int stage = stage::compound;
  static constexpr bool is_statement = true;
  static constexpr bool is_compound = true;
  using result_columns = detail::retag_t<source_id_t<with_t>, columns_of_t<Q>>;

  template <class D, class Outer = void, int Depth = 0, class V>
  static constexpr void render_statement(V& v, with_t const* n) {
    v.text(Recursive ? D::with_recursive_keyword : std::string_view("WITH "));
    render_ctes<D, Depth>(v, detail::member(n, &with_t::ctes), std::index_sequence_for<Cs...>{});
    v.ch(' ');
    detail::render_select<D, Outer, Depth>(v, detail::member(n, &with_t::q));
  }

 private:
  template <class D, int Depth, class V, std::size_t... Is>
  static constexpr void render_ctes(V& v, detail::pack<Cs...> const* p, std::index_sequence<Is...>) {
    ((Is ? v.text(", ") : void(),
      Cs::template render_definition<D, void, Depth>(
          v, detail::pack<Cs...>::at(static_cast<detail::slot<Is, Cs> const*>(p)))),
     ...);
  }
};

/// The CTEs of a WITH clause, waiting for the query that uses them.
template <bool Recursive, class... Cs>
struct with_clause {
  detail::pack<Cs...> ctes;

  /// The statement `WITH ... q`.
  template <class Q>
  constexpr with_t<Recursive, Q, Cs...> query(Q const& q) const {
    static_assert(egret::query<Q>, "egret: with(...).query() takes a query");
    return {{}, ctes, q};
  }
};

/// `with(c1, c2).query(q)`: q (and later CTEs) may use the earlier CTEs as tables.
template <class... Cs>
constexpr with_clause<false, Cs...> with(Cs const&... cs) {
  static_assert((requires { Cs::is_cte; } && ...), "egret: with() takes CTEs made with cte<\"name\">(query) or cte<T>(query)");
  return {detail::make_pack(cs...)};
}
/// `WITH RECURSIVE`: a CTE's query may refer to its own table (declare it with cte<T>(query)).
template <class... Cs>
constexpr with_clause<true, Cs...> with_recursive(Cs const&... cs) {
  static_assert((requires { Cs::is_cte; } && ...), "egret: with_recursive() takes CTEs made with cte<T>(query)");
  return {detail::make_pack(cs...)};
}

}  // namespace egret
