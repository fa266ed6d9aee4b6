// Defines INSERT: insert_into(t [, columns...]) followed by .values(...) (one row, repeatable), .rows(...)
// (several rows) or .from(query), then optionally .on_conflict(...).do_nothing() / .do_update(...) and
// .returning(...). Every value is checked against its column at compile time; the SQL is fixed at compile
// time (the number of rows is part of the type).
#pragma once

#include <array>
#include <cstddef>
#include <tuple>
#include <type_traits>

#include <egret/relation/contract.hpp>
#include <egret/statement/conflict.hpp>
#include <egret/statement/returning.hpp>
#include <egret/statement/values.hpp>

namespace egret {

/// No rows given yet: such an INSERT does not render.
struct no_source {
  static constexpr bool given = false;
};

/// `INSERT ... SELECT ...`: the rows of query Q, whose columns match the inserted columns.
template <class Q>
struct select_source {
  Q query;

  static constexpr bool given = true;
  static constexpr bool is_select = true;

  /// Before ON CONFLICT, SQLite cannot tell an upsert's ON from a join's: the query is then wrapped as
  /// `SELECT * FROM (q) AS "src" WHERE TRUE`, as SQLite's documentation advises (valid everywhere).
  template <class D, bool BeforeConflict, class V>
  static constexpr void render(V& v, select_source const* n) {
    if constexpr (BeforeConflict) {
      v.text(" SELECT * FROM (");
      detail::render_query<D>(v, detail::member(n, &select_source::query));
      v.text(") AS ");
      D::template quote_identifier<D>(v, "src");
      v.text(" WHERE ");
      D::template bool_literal<D>(v, true);
    } else {
      v.ch(' ');
      detail::render_query<D>(v, detail::member(n, &select_source::query));
    }
  }
};

namespace detail {

template <class A>
inline constexpr bool is_row_array_v = false;
template <class Row, std::size_t N>
inline constexpr bool is_row_array_v<std::array<Row, N>> = is_tuple_like_v<Row>;

template <class T, class C>
constexpr void require_insert_column() {
  static_assert(is_column_v<C> && std::is_same_v<typename C::source, T>,
                "egret: insert_into(t, columns...) lists columns of t");
}
template <class Column>
constexpr void column_listed_twice() {
  static_assert(dependent_false<Column>, "egret: insert_into(t, columns...) lists this column twice");
}
template <class Column>
constexpr void column_left_out() {
  static_assert(dependent_false<Column>,
                "egret: insert_into(t, columns...) leaves out a NOT NULL column; list it (egret knows no SQL "
                "DEFAULT, only that a nullable column left out becomes NULL)");
}

template <class C, class... Cs>
inline constexpr std::size_t same_name_count = (std::size_t{0} + ... + (Cs::name == C::name ? 1 : 0));

template <class C, class... Listed>
constexpr void check_listed_once() {
  if constexpr (same_name_count<C, Listed...> > 1) column_listed_twice<C>();
}
template <class C, class... Listed>
constexpr void check_left_out_nullable() {
  if constexpr (same_name_count<C, Listed...> == 0 && !nullable_v<C>) column_left_out<C>();
}
template <class... Listed, class... All>
constexpr void check_left_out(type_list<All...>) {
  (check_left_out_nullable<All, Listed...>(), ...);
}

/// insert_into(t, cols...): columns of t, each once; every column left out is nullable.
template <class T, class... Cs>
constexpr void check_insert_columns() {
  (require_insert_column<T, Cs>(), ...);
  if constexpr (((is_column_v<Cs> && std::is_same_v<typename Cs::source, T>) && ...)) {
    (check_listed_once<Cs, Cs...>(), ...);
    check_left_out<Cs...>(typename T::egret_columns{});
  }
}

}  // namespace detail

/// `INSERT INTO "t" ("c1", ...) <source> [ON CONFLICT ...] [RETURNING ...]`, into the columns Cols of
/// table T. A statement node: `to_sql<D>(stmt)`, `db.run(stmt, params...)` (the number of rows
/// inserted), or with returning() `db.execute(stmt, params...)` (typed rows).
template <class T, class Cols, class Source = no_source, class Conflict = no_conflict, class Returning = no_returning>
struct insert_t {
  Source source;
  Conflict conflict;
  Returning ret;

  using table = T;
  using target_columns = Cols;
  using source_type = Source;
  /// The RETURNING items (none without returning()).
  using result_columns = typename Returning::columns;
  static constexpr bool is_statement = true;

  /// One row: a value per column, in the order of insert_into()'s columns (all of t's by default).
  /// Values are C++ values (bound), `std::nullopt` (NULL), or constant expressions (lit<>, str<>,
  /// param<>); each must fit its column's type and nullability. Call again to add rows.
  template <class... Vs>
  constexpr auto values(Vs const&... vs) const {
    require_rows_open();
    using R = detail::row_of<Cols>;
    R::template check<Vs...>();
    if constexpr (sizeof...(Vs) != Cols::size || requires { Source::is_select; }) {
      return *this;
    } else {
      detail::row_block<1, decltype(R::make(vs...))> b;
      b.rows[0] = R::make(vs...);
      return add_block(b);
    }
  }

  /// Several rows in one statement: `rows(std::tuple{1, "a"}, std::tuple{2, "b"})`, or a
  /// `std::array<std::tuple<...>, N>` (N rows of the same C++ types). Each row is checked as values() does.
  template <class... Rows>
  constexpr auto rows(Rows const&... rs) const {
    static_assert(sizeof...(Rows) >= 1, "egret: rows() needs at least one row");
    if constexpr (sizeof...(Rows) == 1 && (detail::is_row_array_v<Rows> && ...))
      return add_array(rs...);
    else if constexpr (sizeof...(Rows) >= 1)
      return add_tuples(rs...);
    else
      return *this;
  }

  /// `INSERT INTO t (cols) SELECT ...`: q's columns must match the inserted columns by name, order,
  /// type and nullability (as insert_from<T>() checks).
  template <class Q>
  constexpr auto from(Q const& q) const {
    static_assert(!Source::given, "egret: an INSERT takes either values() / rows() or from(query), not both");
    static_assert(query<Q>, "egret: from() takes a query (a relation, or a raw_query)");
    if constexpr (query<Q>) detail::check_contract(columns_of_t<Q>{}, Cols{});
    return insert_t<T, Cols, select_source<Q>, Conflict, Returning>{{q}, conflict, ret};
  }

  /// `ON CONFLICT (cols)`: finish with `.do_nothing()` or `.do_update(set(col, value)...)`. The columns
  /// must be the target table's primary key or a UNIQUE set (the database checks that). With no column,
  /// only do_nothing() is allowed (any conflict).
  template <class... Cs>
  constexpr auto on_conflict(Cs const&...) const {
    static_assert(!Conflict::given, "egret: on_conflict() is already given");
    (detail::require_conflict_target<T, Cs>(), ...);
    return conflict_target_t<insert_t, Cs...>{*this};
  }

  /// `... DO UPDATE SET ... WHERE p`: the conflicting row is updated only where p holds. p may read the
  /// table's columns (the existing row) and excluded(col) (the proposed one).
  template <class P>
  constexpr auto where(P const& p) const {
    constexpr bool do_update = requires { typename Conflict::action_type::where_type; };
    static_assert(do_update, "egret: where() on an INSERT restricts on_conflict(...).do_update(...); give that first");
    if constexpr (do_update) {
      using E = as_expr_t<P>;
      detail::require_statement_condition<E, true>();
      detail::require_statement_scope<detail::target_scope<T>, E>();
      static_assert(!detail::any_node_v<detail::excluded_of_other<T>::template pred, E>,
                    "egret: excluded() names a column of another table; use the inserted table's columns");
      return with_conflict(conflict.with_action(conflict.action.and_where(p)));
    } else {
      return *this;
    }
  }

  /// `RETURNING items`: the inserted (or upserted) rows' columns, or named expressions over them; the
  /// statement's result columns become these (run it with `db.execute`). `returning(t)`: every column.
  template <class... Items>
  constexpr auto returning(Items const&... items) const {
    static_assert(!Returning::given, "egret: returning() is already given; pass every item to one returning()");
    using Ret = decltype(detail::make_returning<T>(items...));
    return insert_t<T, Cols, Source, Conflict, Ret>{source, conflict, detail::make_returning<T>(items...)};
  }

  /// The same statement with conflict clause c (used by on_conflict(...).do_nothing() / do_update()).
  template <class C>
  constexpr insert_t<T, Cols, Source, C, Returning> with_conflict(C const& c) const {
    return {source, c, ret};
  }

  template <class D, class V>
  static constexpr void render_statement(V& v, insert_t const* n) {
    using S = detail::target_scope<T>;
    if constexpr (!Source::given) {
      dialect::reject<D, dialect::rejection::insert_without_rows>(v);  // once, at to_sql
    } else if constexpr (Conflict::template in_scope_of<S> && Returning::template in_scope_of<S>) {
      // (otherwise a rule already fired: render nothing rather than add errors)
      v.text("INSERT INTO ");
      D::template quote_identifier<D>(v, T::egret_name.view());
      v.text(" (");
      render_names<D>(v, Cols{});
      v.ch(')');
      if constexpr (requires { Source::is_select; })
        Source::template render<D, Conflict::given>(v, detail::member(n, &insert_t::source));
      else
        Source::template render<D, unscoped>(v, detail::member(n, &insert_t::source));  // reads no column
      Conflict::template render<D, S>(v, detail::member(n, &insert_t::conflict));
      Returning::template render<D, S>(v, detail::member(n, &insert_t::ret));
    }
  }

 private:
  static constexpr void require_rows_open() {
    static_assert(!requires { Source::is_select; },
                  "egret: an INSERT takes either values() / rows() or from(query), not both");
  }

  template <class B>
  constexpr auto add_block(B const& b) const {
    if constexpr (Source::given) {
      auto const s = source.add(b);
      return insert_t<T, Cols, std::remove_const_t<decltype(s)>, Conflict, Returning>{s, conflict, ret};
    } else {
      return insert_t<T, Cols, values_source<B>, Conflict, Returning>{{detail::make_pack(b)}, conflict, ret};
    }
  }

  template <class Tup, class... Rest>
  constexpr auto add_tuples(Tup const& t, Rest const&... rest) const {
    static_assert(detail::is_tuple_like_v<Tup>,
                  "egret: rows() takes each row as a std::tuple (or std::pair, std::array) of its values, or one "
                  "std::array of such rows");
    if constexpr (detail::is_tuple_like_v<Tup>) {
      auto const next = values_of(t, std::make_index_sequence<std::tuple_size_v<Tup>>{});
      if constexpr (sizeof...(Rest) == 0)
        return next;
      else
        return next.rows(rest...);
    } else {
      return *this;
    }
  }

  template <class Tup, std::size_t... Is>
  constexpr auto values_of(Tup const& t, std::index_sequence<Is...>) const {
    using std::get;
    return values(get<Is>(t)...);
  }

  template <class Tup, std::size_t N>
  constexpr auto add_array(std::array<Tup, N> const& a) const {
    require_rows_open();
    using F = typename detail::row_of<Cols>::template from_tuple<Tup>;
    constexpr auto seq = std::make_index_sequence<std::tuple_size_v<Tup>>{};
    F::check(seq);
    if constexpr (std::tuple_size_v<Tup> != Cols::size || requires { Source::is_select; }) {
      return *this;
    } else {
      using Row = decltype(F::make(a[0], seq));
      detail::row_block<N, Row> b;
      for (std::size_t i = 0; i < N; ++i) b.rows[i] = F::make(a[i], seq);
      return add_block(b);
    }
  }

  template <class D, class V, class... Cs>
  static constexpr void render_names(V& v, type_list<Cs...>) {
    bool first = true;
    ((first ? void(first = false) : v.text(", "), D::template quote_identifier<D>(v, Cs::name.view())), ...);
  }

  template <class, class, class, class, class>
  friend struct insert_t;
};

/// `INSERT INTO t`: every column of t, in declaration order; `insert_into(t, t.a, t.b)`: those columns
/// (the others must be nullable: they become NULL). Continue with values(), rows() or from().
template <class T, class... Cs>
constexpr auto insert_into(T const&, Cs const&...) {
  detail::require_table<T>();
  if constexpr (!detail::is_table_v<T>) {
    return insert_t<T, type_list<>>{};
  } else if constexpr (sizeof...(Cs) == 0) {
    return insert_t<T, typename T::egret_columns>{};
  } else {
    detail::check_insert_columns<T, Cs...>();
    return insert_t<T, type_list<Cs...>>{};
  }
}

}  // namespace egret
