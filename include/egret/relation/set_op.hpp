// Defines set_op_t, the set operations on queries: UNION ALL, UNION, INTERSECT, EXCEPT.
#pragma once

#include <string_view>

#include <egret/relation/columns.hpp>
#include <egret/relation/level.hpp>

namespace egret {

/// The set operations. SQL's INTERSECT binds tighter than UNION and EXCEPT in PostgreSQL but not in
/// SQLite; egret never relies on either rule (a nested operation of another kind becomes a subquery).
enum class set_kind { union_all, union_distinct, intersect, difference };

namespace detail {

/// The operator's keyword, written by the dialect (`render_set_operator`, with ALL for union_all).
template <set_kind K>
inline constexpr std::string_view set_keyword = K == set_kind::union_all || K == set_kind::union_distinct ? "UNION"
                                                : K == set_kind::intersect                               ? "INTERSECT"
                                                                                                         : "EXCEPT";

/// The set-operation kind of a query when it is a chain of one (flat) kind, for flattening.
template <class Q>
inline constexpr int flat_kind_v = -1;
template <class Q>
  requires requires { Q::flat_kind; }
inline constexpr int flat_kind_v<Q> = static_cast<int>(Q::flat_kind);

/// One operand of a set operation: a SELECT, or a subquery `SELECT * FROM (...) AS "u"` when it
/// carries ORDER BY / LIMIT or is a set operation of another kind (or on the right, any set operation).
template <class D, class Outer, int Depth, int FlatKind, class V, class Q>
constexpr void render_set_operand(V& v, Q const* q) {
  constexpr bool ordered = Q::stage >= stage::order && Q::stage < stage::compound;
  constexpr bool compound = Q::stage == stage::compound;
  if constexpr (is_table_v<Q>) {
    v.text("SELECT * FROM ");
    Q::template render_from<D, level_scope<Q, no_node>>(v, q);
  } else if constexpr (ordered || (compound && flat_kind_v<Q> != FlatKind)) {
    v.text("SELECT * FROM (");
    render_select<D, Outer, Depth + 1>(v, q);
    v.ch(')');
    v.text(D::table_alias_keyword);
    v.ch(D::quote_open);
    v.text("u");
    v.number(Depth);
    v.ch(D::quote_close);
  } else {
    render_select<D, Outer, Depth>(v, q);
  }
}

template <class L, class R>
struct set_columns;
template <class... Ls, class... Rs>
struct set_columns<type_list<Ls...>, type_list<Rs...>> {
  static constexpr bool same_count = sizeof...(Ls) == sizeof...(Rs);
  template <class Source>
  using type = type_list<column_ref<Source, Ls::name, common_t<typename Ls::value_type, typename Rs::value_type>,
                                    Ls::template nullable_in<type_list<>> || Rs::template nullable_in<type_list<>>>...>;
  static constexpr bool comparable = (comparable_v<typename Ls::value_type, typename Rs::value_type> && ...);
};

}  // namespace detail

/// `L <op> R`: both queries must have as many columns, of comparable SQL types, position by position.
/// The result's columns take L's names; a column is nullable when either side's is. Further clauses
/// (filter, order_by, limit...) make it a subquery.
template <set_kind K, class L, class R>
struct set_op_t : relation_methods<set_op_t<K, L, R>> {
  L l;
  R r;

  using left = L;
  using right = R;
  static constexpr int stage = stage::compound;
  static constexpr bool is_statement = true;
  static constexpr bool is_compound = true;
  static constexpr set_kind flat_kind = K;
  using result_columns = typename detail::set_columns<columns_of_t<L>, columns_of_t<R>>::template type<source_id_t<set_op_t>>;

  template <class D, class Outer = void, int Depth = 0, class V>
  static constexpr void render_statement(V& v, set_op_t const* n) {
    detail::render_set_operand<D, Outer, Depth, static_cast<int>(K)>(v, detail::member(n, &set_op_t::l));
    if constexpr (K == set_kind::difference)
      v.text(D::except_keyword);
    else
      D::template render_set_operator<D>(v, detail::set_keyword<K>, K == set_kind::union_all);
    detail::render_set_operand<D, Outer, Depth, -2>(v, detail::member(n, &set_op_t::r));
  }
};

namespace detail {
template <set_kind K, class L, class R>
constexpr auto make_set_op(L const& l, R const& r) {
  static_assert(query<R>, "egret: a set operation takes a query (a table or a relation) on the right");
  constexpr bool same_count = columns_of_t<L>::size == columns_of_t<R>::size;
  static_assert(same_count, "egret: both sides of a set operation (union, intersect, difference) must have as many columns; select() the same number on each side");
  if constexpr (same_count) {
    static_assert(set_columns<columns_of_t<L>, columns_of_t<R>>::comparable, "egret: a set operation's columns must have comparable SQL types, position by position; cast<>() one side");
    return set_op_t<K, L, R>{{}, l, r};
  } else {
    return l;
  }
}
}  // namespace detail

}  // namespace egret
