// Defines UPDATE: update(t).set(column, value)... [.from(u)] .where(p) [.returning(...)]. Each value is
// checked against its column at compile time; an UPDATE needs where(p) or an explicit .all() to render,
// so a forgotten where() is a compile error, not a table rewritten.
#pragma once

#include <egret/relation/derived.hpp>
#include <egret/statement/assignment.hpp>
#include <egret/statement/returning.hpp>
#include <egret/statement/where.hpp>

namespace egret {

/// No FROM item.
struct no_from {};

namespace detail {
/// A relation as the FROM item of UPDATE ... FROM: tables, joins and derived relations as they are,
/// other queries as a subquery.
template <class U>
constexpr auto as_from_item(U const& u) {
  if constexpr (U::stage == stage::from)
    return u;
  else
    return derived<U>{{}, u};
}
}  // namespace detail

/// `UPDATE "t" SET "c" = v, ... [FROM f] [WHERE p] [RETURNING ...]`. A statement node: `to_sql<D>(stmt)`,
/// `db.run(stmt, params...)` (the number of rows changed), with returning() `db.execute(stmt, params...)`.
template <class T, class Sets = detail::assignments<>, class From = no_from, class Where = no_where,
          class Returning = no_returning>
struct update_t {
  Sets sets;
  From source;
  Where filter;
  Returning ret;

  using table = T;
  using result_columns = typename Returning::columns;
  static constexpr bool is_statement = true;
  static constexpr bool has_from = !std::is_same_v<From, no_from>;
  /// The scope of SET values and WHERE: the table (and the FROM item's sources), qualified by name.
  using scope = std::conditional_t<has_from, level_scope<detail::target_and_from<T, From>, detail::no_node>,
                                   detail::target_scope<T>>;

  /// `SET column = value`: `set(t.price, t.price * 1.1)`, `set(t.tag, std::nullopt)`; or assignments
  /// made with egret::set: `set(egret::set(t.a, 1), egret::set(t.b, "x"))`. Chain to add more. The value's
  /// type must fit the column's; a NOT NULL column takes no value that can be NULL.
  template <class... Args>
  constexpr auto set(Args const&... args) const {
    if constexpr (sizeof...(Args) == 2 && is_column_v<at_t<0, type_list<Args...>>>) {
      return add(egret::set(args...));
    } else {
      static_assert(sizeof...(Args) >= 1 && (is_assignment_v<Args> && ...),
                    "egret: set() takes a column and its new value (set(t.price, 9.5)), or assignments made with "
                    "egret::set(column, value)");
      if constexpr (sizeof...(Args) >= 1 && (is_assignment_v<Args> && ...))
        return add_all(args...);
      else
        return *this;
    }
  }

  /// `FROM u`: another table (or a join, or a query as a subquery) whose columns SET values and WHERE may
  /// read: `update(t).set(t.price, p.price).from(p).where(t.id == p.id)`. RETURNING still sees only t.
  template <class U>
  constexpr auto from(U const& u) const {
    static_assert(!has_from, "egret: from() is already given; join the other tables inside it");
    static_assert(relation<U>, "egret: from() takes a table or a query");
    if constexpr (relation<U> && !has_from) {
      auto const f = detail::as_from_item(u);
      using F = std::remove_const_t<decltype(f)>;
      static_assert(!contains_v<T, detail::entries_of_t<F>>,
                    "egret: from() names the table being updated; it is already the statement's target");
      return update_t<T, Sets, F, Where, Returning>{sets, f, filter, ret};
    } else {
      return *this;
    }
  }

  /// `WHERE p`: only the rows where p holds are changed. Calling it again ANDs the conditions.
  template <class P>
  constexpr auto where(P const& p) const {
    static_assert(!std::is_same_v<Where, all_rows>, "egret: where() after all(); choose one");
    using E = as_expr_t<P>;
    detail::require_statement_condition<E>();
    auto const w = detail::and_where(filter, p);
    return update_t<T, Sets, From, std::remove_const_t<decltype(w)>, Returning>{sets, source, w, ret};
  }

  /// Every row: `UPDATE ... SET ...` without WHERE, spelled out so that it is never an accident.
  constexpr auto all() const {
    static_assert(!Where::given, "egret: all() after where(); choose one");
    return update_t<T, Sets, From, all_rows, Returning>{sets, source, {}, ret};
  }

  /// `RETURNING items`: columns of the updated rows (their new values), or named expressions over them;
  /// the statement's result columns become these (run it with `db.execute`). `returning(t)`: every column.
  template <class... Items>
  constexpr auto returning(Items const&... items) const {
    static_assert(!Returning::given, "egret: returning() is already given; pass every item to one returning()");
    using Ret = decltype(detail::make_returning<T>(items...));
    return update_t<T, Sets, From, Where, Ret>{sets, source, filter, detail::make_returning<T>(items...)};
  }

  template <class D, class V>
  static constexpr void render_statement(V& v, update_t const* n) {
    require_complete();
    D::template require_update_statement<D>();
    if constexpr (!Where::given) dialect::reject<D, dialect::rejection::update_without_where>(v);  // once, at to_sql
    // Out of scope, a rule already fired: render nothing rather than add errors.
    if constexpr (Sets::template in_scope_of<scope> && Where::template in_scope_of<scope> &&
                  Returning::template in_scope_of<detail::target_scope<T>>) {
      v.text("UPDATE ");
      D::template quote_identifier<D>(v, T::egret_name.view());
      v.text(" SET ");
      Sets::template render<D, scope>(v, detail::member(n, &update_t::sets));
      if constexpr (has_from) {
        detail::require_update_from<D>(v);
        v.text(" FROM ");
        From::template render_from<D, scope>(v, detail::member(n, &update_t::source));
      }
      detail::render_where<D, scope>(v, detail::member(n, &update_t::filter));
      Returning::template render<D, detail::target_scope<T>>(v, detail::member(n, &update_t::ret));
    }
  }

 private:
  // Not templated on the visitor: each message is printed once, not once per rendering pass.
  static constexpr void require_complete() {
    static_assert(Sets::size > 0, "egret: this UPDATE sets nothing: add .set(column, value)");
    Sets::template require_in_scope<scope>();
    if constexpr (requires { typename Where::predicate; })
      detail::require_statement_scope<scope, typename Where::predicate>();
  }

  template <class A>
  constexpr auto add(A const& a) const {
    add_check<A>(Sets{});
    auto const s = sets.add(a);
    return update_t<T, std::remove_const_t<decltype(s)>, From, Where, Returning>{s, source, filter, ret};
  }
  template <class A, class... As>
  static constexpr void add_check(detail::assignments<As...>) {
    detail::check_new_assignment<T, A, As...>();
    detail::require_no_excluded<typename A::expr>();
  }
  template <class A, class... Rest>
  constexpr auto add_all(A const& a, Rest const&... rest) const {
    if constexpr (sizeof...(Rest) == 0)
      return add(a);
    else
      return add(a).add_all(rest...);
  }

  template <class, class, class, class, class>
  friend struct update_t;
};

/// `UPDATE t`: continue with .set(column, value), then .where(p) (or .all()).
template <class T>
constexpr auto update(T const&) {
  detail::require_table<T>();
  return update_t<T>{};
}

}  // namespace egret
