// Defines the upsert clause of INSERT: `ON CONFLICT (target) DO NOTHING` and
// `ON CONFLICT (target) DO UPDATE SET ... [WHERE ...]`, and excluded(column), the value the conflicting
// INSERT proposed for a column (SQL `excluded."qty"`). On a dialect with `upsert_on_duplicate_key` (MySQL,
// MariaDB) the same clause is `ON DUPLICATE KEY UPDATE "c" = x, ...` with `VALUES("c")` for excluded(c), and
// DO NOTHING is the no-op `ON DUPLICATE KEY UPDATE "k" = "t"."k"`; such an engine takes no WHERE there and
// assigns left to right, so a do_update() with where(), or whose value reads a column an earlier set() of it
// changes, is rejected at to_sql.
#pragma once

#include <egret/statement/assignment.hpp>
#include <egret/statement/where.hpp>

namespace egret {

/// `excluded."name"`: inside on_conflict(...).do_update(...), the value the INSERT proposed for column C
/// (the row that conflicted is reached through the table's own columns). Typed and nullable as C.
template <class C>
struct excluded_t : expr_methods<excluded_t<C>> {
  using value_type = typename C::value_type;
  using column = C;
  using operands = type_list<>;
  static constexpr bool is_excluded = true;
  static constexpr bool is_aggregate = false;
  static constexpr int precedence = prec::atom;
  template <class Ctx>
  static constexpr bool nullable_in = nullable_v<C>;

  template <class D, class S, class V>
  static constexpr void render(V& v, excluded_t const*) {
    if constexpr (D::upsert_on_duplicate_key) {
      v.text("VALUES(");
      D::template quote_identifier<D>(v, C::name.view());
      v.ch(')');
    } else {
      v.text("excluded.");
      D::template quote_identifier<D>(v, C::name.view());
    }
  }
};

/// The value the INSERT proposed for column c, for on_conflict(...).do_update(set(t.qty, excluded(t.qty) + t.qty)).
template <class C>
constexpr excluded_t<C> excluded(C const&) {
  static_assert(is_column_v<C> && detail::is_table_v<typename C::source>,
                "egret: excluded() takes a column of the table inserted into (excluded(t.qty))");
  return {};
}

/// No ON CONFLICT clause.
struct no_conflict {
  static constexpr bool given = false;
  template <class S>
  static constexpr bool in_scope_of = true;
  template <class D, class S, class V>
  static constexpr void render(V&, no_conflict const*) {}
};

/// `DO NOTHING`; with ON DUPLICATE KEY, `"k" = "t"."k"` (no change) on column K, the first conflict target
/// column (or the table's first column).
template <class K>
struct do_nothing_t {
  template <class S>
  static constexpr bool in_scope_of = true;
  template <class D, class S, class V>
  static constexpr void render(V& v, do_nothing_t const*) {
    v.text(" DO NOTHING");
  }
  template <class D, class S, class V>
  static constexpr void render_on_duplicate_key(V& v, do_nothing_t const*) {
    D::template quote_identifier<D>(v, K::name.view());
    v.text(" = ");
    K::template render<D, S>(v, static_cast<K const*>(nullptr));
  }
};

namespace detail {
template <class... Cs>
struct is_one_of_columns {
  template <class E>
  struct pred : std::bool_constant<(std::is_same_v<E, Cs> || ...)> {};
};

/// Whether the value of an assignment in Rest reads a column that an assignment before it (Done) sets.
template <class... Done>
constexpr bool reads_earlier_set(type_list<Done...>, type_list<>) {
  return false;
}
template <class... Done, class A, class... Rest>
constexpr bool reads_earlier_set(type_list<Done...>, type_list<A, Rest...>) {
  return any_node_v<is_one_of_columns<typename Done::column...>::template pred, typename A::expr> ||
         reads_earlier_set(type_list<Done..., A>{}, type_list<Rest...>{});
}
}  // namespace detail

/// `DO UPDATE SET a = x, ... [WHERE p]`.
template <class W, class... As>
struct do_update_t {
  detail::assignments<As...> sets;
  W where;

  using where_type = W;
  template <class S>
  static constexpr bool in_scope_of = detail::assignments<As...>::template in_scope_of<S> && W::template in_scope_of<S>;

  /// The same action with condition p added to its WHERE.
  template <class P>
  constexpr auto and_where(P const& p) const {
    auto const w = detail::and_where(where, p);
    return do_update_t<std::remove_const_t<decltype(w)>, As...>{sets, w};
  }

  template <class D, class S, class V>
  static constexpr void render(V& v, do_update_t const* n) {
    v.text(" DO UPDATE SET ");
    detail::assignments<As...>::template render<D, S>(v, detail::member(n, &do_update_t::sets));
    detail::render_where<D, S>(v, detail::member(n, &do_update_t::where));
  }

  /// `"a" = x, ...` after ON DUPLICATE KEY UPDATE: no WHERE there, and each value sees the assignments
  /// before it, so both are rejected (the caller renders nothing more).
  template <class D, class S, class V>
  static constexpr void render_on_duplicate_key(V& v, do_update_t const* n) {
    if constexpr (W::given)
      dialect::reject<D, dialect::rejection::upsert_update_where>(v);
    else if constexpr (detail::reads_earlier_set(type_list<>{}, type_list<As...>{}))
      dialect::reject<D, dialect::rejection::upsert_reads_earlier_set>(v);
    else
      detail::assignments<As...>::template render<D, S>(v, detail::member(n, &do_update_t::sets));
  }
};

/// `ON CONFLICT [(c1, c2)] action`.
template <class Targets, class Action>
struct on_conflict_t;
template <class... Cs, class Action>
struct on_conflict_t<type_list<Cs...>, Action> {
  Action action;

  using action_type = Action;
  static constexpr bool given = true;
  template <class S>
  static constexpr bool in_scope_of = Action::template in_scope_of<S>;

  /// The same target with another action.
  template <class A>
  constexpr on_conflict_t<type_list<Cs...>, A> with_action(A const& a) const {
    return {a};
  }

  template <class D, class S, class V>
  static constexpr void render(V& v, on_conflict_t const* n) {
    detail::require_upsert<D>(v);
    if constexpr (D::upsert_on_duplicate_key) {
      v.text(" ON DUPLICATE KEY UPDATE ");
      Action::template render_on_duplicate_key<D, S>(v, detail::member(n, &on_conflict_t::action));
    } else {
      v.text(" ON CONFLICT");
      if constexpr (sizeof...(Cs) > 0) {
        v.text(" (");
        bool first = true;
        ((first ? void(first = false) : v.text(", "), D::template quote_identifier<D>(v, Cs::name.view())), ...);
        v.ch(')');
      }
      Action::template render<D, S>(v, detail::member(n, &on_conflict_t::action));
    }
  }
};

namespace detail {

template <class T>
struct excluded_of_other {
  template <class E>
  struct pred : std::false_type {};
  template <class C>
  struct pred<excluded_t<C>> : std::bool_constant<!std::is_same_v<typename C::source, T>> {};
};

template <class T, class C>
constexpr void require_conflict_target() {
  static_assert(is_column_v<C> && std::is_same_v<typename C::source, T>,
                "egret: on_conflict() takes columns of the table inserted into (its primary key or a UNIQUE set)");
}

template <class T, class... Done>
constexpr void check_do_update(type_list<Done...>, type_list<>) {}
template <class T, class... Done, class A, class... Rest>
constexpr void check_do_update(type_list<Done...>, type_list<A, Rest...>) {
  check_new_assignment<T, A, Done...>();
  require_statement_scope<target_scope<T>, typename A::expr>();
  static_assert(!any_node_v<excluded_of_other<T>::template pred, typename A::expr>,
                "egret: excluded() names a column of another table; use the inserted table's columns");
  check_do_update<T>(type_list<Done..., A>{}, type_list<Rest...>{});
}

}  // namespace detail

/// What `insert.on_conflict(cols...)` returns: finish with `.do_nothing()` or `.do_update(set(...), ...)`.
template <class Insert, class... Cs>
struct conflict_target_t {
  Insert insert;

  /// `ON CONFLICT (cols) DO NOTHING`: the conflicting row is skipped (no error, no change). (MySQL, MariaDB:
  /// `ON DUPLICATE KEY UPDATE "c" = "t"."c"` on the first of cols, or the table's first column.)
  constexpr auto do_nothing() const {
    using K = at_t<0, type_list<Cs..., at_t<0, typename Insert::table::egret_columns>>>;
    return insert.with_conflict(on_conflict_t<type_list<Cs...>, do_nothing_t<K>>{});
  }

  /// `ON CONFLICT (cols) DO UPDATE SET ...`: the row already there is updated instead; `excluded(col)`
  /// is the value the INSERT proposed. Add a condition with `.where(p)` on the result.
  template <class... As>
  constexpr auto do_update(As const&... as) const {
    using T = typename Insert::table;
    static_assert(sizeof...(Cs) >= 1,
                  "egret: do_update() needs the conflicting columns: on_conflict(t.id).do_update(...)");
    static_assert(sizeof...(As) >= 1, "egret: do_update() needs at least one set(column, value)");
    static_assert((is_assignment_v<As> && ...),
                  "egret: do_update() takes assignments made with set(column, value)");
    if constexpr ((is_assignment_v<As> && ...)) detail::check_do_update<T>(type_list<>{}, type_list<As...>{});
    return insert.with_conflict(
        on_conflict_t<type_list<Cs...>, do_update_t<no_where, As...>>{{{detail::make_pack(as...)}, {}}});
  }
};

}  // namespace egret
