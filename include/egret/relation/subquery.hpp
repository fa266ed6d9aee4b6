// Defines subqueries in expressions: scalar subqueries `(SELECT ...)`, `EXISTS (SELECT ...)`,
// `e IN (SELECT ...)`, the correlated reference `outer(c)` to a column of the enclosing query, and the
// EXISTS form of semi and anti joins.
//
// A subquery node lists as its `operands` the enclosing-query columns it refers to (through outer()),
// so the enclosing level's rules (scope, grouping) check them like any other column.
#pragma once

#include <egret/relation/columns.hpp>
#include <egret/relation/level.hpp>

namespace egret {

/// `outer(c)`: inside a subquery, the column c of the enclosing query (a correlated reference).
/// Its table must not also be in the subquery's FROM under the same name: alias one (`t.as<"t2">()`).
template <class C>
struct outer_ref : expr_methods<outer_ref<C>> {
  using value_type = typename C::value_type;
  using column = C;
  using operands = type_list<>;
  static constexpr bool is_aggregate = false;
  static constexpr int precedence = prec::atom;
  template <class Ctx>
  static constexpr bool nullable_in = C::template nullable_in<type_list<>>;

  template <class D, class S, class V>
  static constexpr void render(V& v, outer_ref const*) {
    if constexpr (!requires { typename S::outer; } || std::is_void_v<typename S::outer>) {
      static_assert(dependent_false<C>, "egret: outer() refers to the enclosing query: use it inside a subquery (exists, isin, scalar)");
    } else {
      // a table of the subquery's own FROM is rejected where the subquery is built (detail::require_subquery)
      C::template render<D, typename S::outer>(v, nullptr);
    }
  }
};

/// The column c of the enclosing query, inside a subquery.
template <class C>
constexpr outer_ref<C> outer(C const&) {
  static_assert(is_column_v<C>, "egret: outer() takes a column of the enclosing query");
  return {};
}

namespace detail {

// --- the enclosing-query columns a query refers to through outer() ---
// Direct: only the references of the query's own level, not those of subqueries nested in it (which
// refer to the query's own tables, or further out).

template <class E, bool Direct = false>
struct outer_refs_of_expr;
template <class L, bool Direct = false>
struct outer_refs_of_list;
template <class... Es, bool Direct>
struct outer_refs_of_list<type_list<Es...>, Direct> {
  using type = concat_t<typename outer_refs_of_expr<Es, Direct>::type...>;
};
template <class E, bool Direct>
struct outer_refs_of_expr {
  using type = typename outer_refs_of_list<typename E::operands, Direct>::type;
};
template <class E, bool Direct>
  requires requires { typename E::inner; }  // a sort key
struct outer_refs_of_expr<E, Direct> : outer_refs_of_expr<typename E::inner, Direct> {};
template <class E>
  requires requires { typename E::subquery_args; }  // a nested subquery: only its own arguments
struct outer_refs_of_expr<E, true> : outer_refs_of_list<typename E::subquery_args, true> {};
template <class C, bool Direct>
struct outer_refs_of_expr<outer_ref<C>, Direct> {
  using type = type_list<C>;
};

template <class R, bool Direct>
struct node_outer_refs {
  using type = type_list<>;
};
template <class R, bool Direct>
  requires requires { typename R::predicate; }
struct node_outer_refs<R, Direct> : outer_refs_of_expr<typename R::predicate, Direct> {};
template <class R, bool Direct>
  requires requires { typename R::item_types; }
struct node_outer_refs<R, Direct> : outer_refs_of_list<typename R::item_types, Direct> {};
template <class R, bool Direct>
  requires requires { typename R::key_types; }
struct node_outer_refs<R, Direct> : outer_refs_of_list<typename R::key_types, Direct> {};

template <class R, bool Direct = false>
struct outer_refs_of {
  using type = type_list<>;  // tables, derived relations, compound queries
};
template <class R, bool Direct>
  requires(R::stage > 0 && requires { typename R::input; })
struct outer_refs_of<R, Direct> {
  using type = concat_t<typename outer_refs_of<typename R::input, Direct>::type,
                        typename node_outer_refs<R, Direct>::type>;
};
template <class R, bool Direct>
  requires requires { R::is_join; }
struct outer_refs_of<R, Direct> {
  using type = concat_t<typename outer_refs_of<typename R::left, Direct>::type,
                        typename outer_refs_of<typename R::right, Direct>::type, typename node_outer_refs<R, Direct>::type>;
};

template <class Q>
using outer_refs_t = typename outer_refs_of<Q>::type;

/// The first column of L whose table the scope S provides (a shadowed outer() reference), or void.
template <class S, class L>
struct shadowed;
template <class S>
struct shadowed<S, type_list<>> {
  using type = void;
};
template <class S, class C, class... Cs>
struct shadowed<S, type_list<C, Cs...>> {
  using type = std::conditional_t<S::template provides<typename C::source>, C,
                                  typename shadowed<S, type_list<Cs...>>::type>;
};
/// The first outer() reference of query Q's own level whose table Q's FROM also has, or void.
template <class Q>
using shadowed_outer_ref_t = typename shadowed<level_scope<from_of_t<Q>, projection_of_t<Q>>,
                                               typename outer_refs_of<Q, true>::type>::type;

// --- dyn:: expressions (egret/dynamic) in a query: a static subquery cannot render them ---

template <class E>
struct dyn_in_expr;
template <class L>
inline constexpr bool dyn_in_list = false;
template <class... Es>
inline constexpr bool dyn_in_list<type_list<Es...>> = (dyn_in_expr<Es>::value || ...);
template <class E>
struct dyn_in_expr : std::bool_constant<dyn_in_list<typename E::operands>> {};
template <class E>
  requires requires { typename E::inner; }  // a sort key
struct dyn_in_expr<E> : dyn_in_expr<typename E::inner> {};
template <class E>
  requires requires { E::is_dyn_expr; }
struct dyn_in_expr<E> : std::true_type {};

template <class R>
inline constexpr bool dyn_in_node = [] {
  if constexpr (requires { typename R::predicate; })
    return dyn_in_expr<typename R::predicate>::value;
  else if constexpr (requires { typename R::item_types; })
    return dyn_in_list<typename R::item_types>;
  else if constexpr (requires { typename R::key_types; })
    return dyn_in_list<typename R::key_types>;
  else
    return false;
}();
/// Whether query Q holds a dyn:: expression (at its own level, in its joins, or in a derived table).
template <class R>
inline constexpr bool dyn_in_query = [] {
  if constexpr (requires { R::is_join; })
    return dyn_in_query<typename R::left> || dyn_in_query<typename R::right> || dyn_in_node<R>;
  else if constexpr (requires { R::is_derived; typename R::relation; })
    return dyn_in_query<typename R::relation>;
  else if constexpr (requires { R::stage; typename R::input; } && !requires { R::is_statement; })
    return R::stage > 0 && (dyn_in_query<typename R::input> || dyn_in_node<R>);
  else
    return false;
}();

/// The rules of a query used as a subquery in an expression, checked where the user builds it
/// (exists(), isin(), scalar()): its outer() references name tables of the enclosing query only, and it
/// holds no dyn:: expression. Returns whether they hold (the subquery renders as NULL otherwise).
template <class Q>
constexpr bool require_subquery() {
  if constexpr (relation<Q> && !requires { Q::is_derived; }) {
    using C = shadowed_outer_ref_t<Q>;
    static_assert(std::is_void_v<C>, "egret: outer() names a table that is also in the subquery; alias one of "
                                     "them with .as<\"name\">()");
    if constexpr (!std::is_void_v<C>) return false;
  }
  static_assert(!dyn_in_query<Q>, "egret: a dyn:: expression cannot be used inside a static subquery; keep that "
                                  "subquery static, or join a dynamic one (dyn::from(...).as(\"name\"))");
  return !dyn_in_query<Q>;
}

/// Whether query Q passed require_subquery (else its text is NULL, so that nothing else is reported).
template <class Q>
inline constexpr bool valid_subquery = [] {
  if constexpr (relation<Q> && !requires { Q::is_derived; })
    if constexpr (!std::is_void_v<shadowed_outer_ref_t<Q>>) return false;
  return !dyn_in_query<Q>;
}();

template <class S>
inline constexpr int scope_depth_v = [] {
  if constexpr (requires { S::depth; })
    return S::depth;
  else
    return 0;
}();

template <class Q>
constexpr void require_one_column() {
  static_assert(columns_of_t<Q>::size == 1,
                "egret: a scalar or isin() subquery must select exactly one column; select() it first");
}

template <class D, class S, class V, class Q>
constexpr void render_subquery(V& v, Q const* q) {
  v.ch('(');
  if constexpr (valid_subquery<Q>)
    render_select<D, S, scope_depth_v<S> + 1>(v, q);
  else
    v.text("SELECT NULL");  // require_subquery has reported it
  v.ch(')');
}

}  // namespace detail

/// `(SELECT x ...)` as a value: a query of one column, typed as that column; NULL when it has no row.
/// (SQL requires at most one row; aggregate it or limit(1) it when unsure.)
template <class Q>
struct scalar_subquery : expr_methods<scalar_subquery<Q>> {
  Q query;

  using value_type = typename at_t<0, columns_of_t<Q>>::value_type;
  using operands = detail::outer_refs_t<Q>;
  using subquery_args = type_list<>;
  static constexpr bool is_aggregate = false;
  static constexpr int precedence = prec::atom;
  template <class Ctx>
  static constexpr bool nullable_in = true;

  template <class D, class S, class V>
  static constexpr void render(V& v, scalar_subquery const* n) {
    detail::render_subquery<D, S>(v, detail::member(n, &scalar_subquery::query));
  }
};

/// The value of a one-column query: `o.amount > scalar(o2.aggregate(o2.amount.mean().as<"m">()))`.
template <class Q>
constexpr auto scalar(Q const& q) {
  static_assert(relation<Q> || statement_node<Q>, "egret: scalar() takes a query");
  detail::require_one_column<Q>();
  detail::require_subquery<Q>();
  return scalar_subquery<Q>{{}, q};
}

/// `EXISTS (SELECT ...)`; `!exists(q)` is `NOT EXISTS`.
template <class Q>
struct exists_t : expr_methods<exists_t<Q>> {
  Q query;

  using value_type = bool;
  using operands = detail::outer_refs_t<Q>;
  using subquery_args = type_list<>;
  static constexpr bool is_aggregate = false;
  static constexpr int precedence = prec::atom;
  template <class Ctx>
  static constexpr bool nullable_in = false;

  template <class D, class S, class V>
  static constexpr void render(V& v, exists_t const* n) {
    v.text("EXISTS ");
    detail::render_subquery<D, S>(v, detail::member(n, &exists_t::query));
  }
};

/// Whether q has a row: `o.filter(exists(l.filter(l.order_id == outer(o.order_id))))`.
template <class Q>
constexpr exists_t<Q> exists(Q const& q) {
  static_assert(relation<Q> || statement_node<Q>, "egret: exists() takes a query");
  detail::require_subquery<Q>();
  return {{}, q};
}

/// `e IN (SELECT c ...)`.
template <class E, class Q>
struct in_subquery_t : expr_methods<in_subquery_t<E, Q>> {
  E arg;
  Q query;

  using value_type = bool;
  using operands = concat_t<type_list<E>, detail::outer_refs_t<Q>>;
  using subquery_args = type_list<E>;
  static constexpr bool is_aggregate = is_aggregate_v<E>;
  static constexpr int precedence = prec::compare;
  template <class Ctx>
  static constexpr bool nullable_in = nullable_in_v<E, Ctx> || at_t<0, columns_of_t<Q>>::template nullable_in<Ctx>;

  template <class D, class S, class V>
  static constexpr void render(V& v, in_subquery_t const* n) {
    detail::render_operand<D, S>(v, detail::member(n, &in_subquery_t::arg), precedence, true);
    v.text(" IN ");
    detail::render_subquery<D, S>(v, detail::member(n, &in_subquery_t::query));
  }
};

namespace detail {
template <class E, class Q>
constexpr auto make_in_subquery(E const& e, Q const& q) {
  static_assert(columns_of_t<Q>::size == 1,  // = require_one_column<Q>(), one frame less in error traces
                "egret: a scalar or isin() subquery must select exactly one column; select() it first");
  using C = at_t<0, columns_of_t<Q>>;
  static_assert(comparable_v<value_type_t<E>, typename C::value_type>,
                "egret: isin(query): the query's column must have the SQL type of the value tested; cast<>() it");
  require_subquery<Q>();
  return in_subquery_t<E, Q>{{}, e, q};
}

/// `[NOT] EXISTS (SELECT 1 FROM r WHERE p)`: the semi (anti) join of the enclosing level with r on p,
/// where p refers to both. Its scope was checked when it was built, so it lists no operands.
template <bool Anti, class RF, class P>
struct exists_join : expr_methods<exists_join<Anti, RF, P>> {
  RF rel;
  P on;

  using value_type = bool;
  using operands = type_list<>;
  static constexpr bool is_aggregate = false;
  static constexpr int precedence = Anti ? prec::lnot : prec::atom;
  template <class Ctx>
  static constexpr bool nullable_in = false;

  template <class D, class S, class V>
  static constexpr void render(V& v, exists_join const* n) {
    using Inner = level_scope<RF, no_node, S, scope_depth_v<S> + 1>;
    v.text(Anti ? "NOT EXISTS (SELECT 1 FROM " : "EXISTS (SELECT 1 FROM ");
    RF::template render_from<D, Inner>(v, member(n, &exists_join::rel));
    v.text(" WHERE ");
    P::template render<D, Inner>(v, member(n, &exists_join::on));
    v.ch(')');
  }
};
}  // namespace detail

}  // namespace egret
