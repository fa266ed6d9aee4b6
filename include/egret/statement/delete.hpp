// Defines DELETE: delete_from(t).where(p) [.returning(...)]. A DELETE needs where(p) or an explicit
// .all() to render, so a forgotten where() is a compile error, not an emptied table.
#pragma once

#include <egret/statement/returning.hpp>
#include <egret/statement/where.hpp>

namespace egret {

/// `DELETE FROM "t" [WHERE p] [RETURNING ...]`. A statement node: `to_sql<D>(stmt)`,
/// `db.run(stmt, params...)` (the number of rows deleted), with returning() `db.execute(stmt, params...)`.
template <class T, class Where = no_where, class Returning = no_returning>
struct delete_t {
  Where filter;
  Returning ret;

  using table = T;
  using result_columns = typename Returning::columns;
  static constexpr bool is_statement = true;

  /// `WHERE p`: only the rows where p holds are deleted. Calling it again ANDs the conditions.
  template <class P>
  constexpr auto where(P const& p) const {
    static_assert(!std::is_same_v<Where, all_rows>, "egret: where() after all(); choose one");
    using E = as_expr_t<P>;
    detail::require_statement_condition<E>();
    detail::require_statement_scope<detail::target_scope<T>, E>();
    auto const w = detail::and_where(filter, p);
    return delete_t<T, std::remove_const_t<decltype(w)>, Returning>{w, ret};
  }

  /// Every row: `DELETE FROM t` without WHERE, spelled out so that it is never an accident.
  constexpr auto all() const {
    static_assert(!Where::given, "egret: all() after where(); choose one");
    return delete_t<T, all_rows, Returning>{{}, ret};
  }

  /// `RETURNING items`: columns of the deleted rows, or named expressions over them; the statement's
  /// result columns become these (run it with `db.execute`). `returning(t)`: every column.
  template <class... Items>
  constexpr auto returning(Items const&... items) const {
    static_assert(!Returning::given, "egret: returning() is already given; pass every item to one returning()");
    using Ret = decltype(detail::make_returning<T>(items...));
    return delete_t<T, Where, Ret>{filter, detail::make_returning<T>(items...)};
  }

  template <class D, class V>
  static constexpr void render_statement(V& v, delete_t const* n) {
    if constexpr (!Where::given) dialect::reject<D, dialect::rejection::delete_without_where>(v);  // once, at to_sql
    using S = detail::target_scope<T>;
    // Out of scope, a rule already fired: render nothing rather than add errors.
    if constexpr (Where::template in_scope_of<S> && Returning::template in_scope_of<S>) {
      v.text("DELETE FROM ");
      D::template quote_identifier<D>(v, T::egret_name.view());
      detail::render_where<D, S>(v, detail::member(n, &delete_t::filter));
      Returning::template render<D, S>(v, detail::member(n, &delete_t::ret));
    }
  }
};

/// `DELETE FROM t`: continue with .where(p), or .all() to delete every row.
template <class T>
constexpr auto delete_from(T const&) {
  detail::require_table<T>();
  return delete_t<T>{};
}

}  // namespace egret
