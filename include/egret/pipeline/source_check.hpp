// Defines egret::pipeline::verify_source<T>(db): checks that the live table (or view) a pipeline::source<T>
// names has T's declared columns, of T's types and nullability, so that a run can check it before anything reads
// it. The columns are what the backend's catalog says (`describe_table(db, name)`, found by argument-dependent
// lookup in the connection's namespace: <egret/BACKEND/catalog.hpp>, which each backend's umbrella header
// includes), compared with the columns create_table_sql<D, T>() declares for the connection's dialect D:
//
//   - a declared column the table lacks: an error;
//   - a column of another type: an error naming the table, the column, the declared SQL and C++ type and the
//     live type, `egret: source "rates": column "factor" is TEXT in the database, but the pipeline declares it
//     REAL (double)`. What counts as the same type is the backend's rule (`column_type_matches<U>(db, declared,
//     live, in_view)`: on SQLite the same affinity, on the servers and DuckDB the declared type or a narrower one
//     of its kind; each catalog.hpp says its engine's);
//   - a column the table lets be NULL where T's type is not std::optional: an error (a NULL would be read into a
//     non-optional value). T optional and the column NOT NULL is fine; so are columns T does not declare.
//     A view's nullability is not checked: PostgreSQL and SQLite report every column of a view nullable.
//
// Every problem of the table is in one egret::error (the error of run-time schema checks, as
// dyn::require_contract's), joined by "; ". Column names compare as the engine does (`column_name_matches`:
// exactly on PostgreSQL, without regard to ASCII case on SQLite, MariaDB and DuckDB).
#pragma once

#include <cctype>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <concepts>

#include <egret/backend/table_description.hpp>
#include <egret/core/error.hpp>
#include <egret/egret.hpp>

namespace egret::pipeline {

namespace detail {

using backend::ascii_lower;
using backend::ascii_upper;
using backend::iequal;

/// A connection whose backend describes its tables (its catalog.hpp).
template <class Db>
concept describes_tables = requires(Db& db, std::string const& name) {
  { describe_table(db, name) } -> std::same_as<backend::table_description>;
};

/// The C++ type of a declared column, for messages.
template <class U>
constexpr std::string_view cpp_type_name() {
  if constexpr (std::is_same_v<U, std::int32_t>)
    return "std::int32_t";
  else if constexpr (std::is_same_v<U, std::int64_t>)
    return "std::int64_t";
  else if constexpr (std::is_same_v<U, double>)
    return "double";
  else if constexpr (std::is_same_v<U, bool>)
    return "bool";
  else if constexpr (std::is_same_v<U, std::string>)
    return "std::string";
  else if constexpr (std::is_same_v<U, egret::date>)
    return "egret::date";
  else
    return "egret::timestamp";
}

/// Column C of table T as CREATE TABLE declares it for dialect D: its SQL type (without NOT NULL), exactly the
/// text create_table_sql<D, T>() writes for it.
template <class D, class T, class C>
std::string declared_sql_type() {
  std::string name, def;
  render::string_writer n{name};
  D::template quote_identifier<D>(n, C::name.view());
  render::string_writer w{def};
  egret::detail::create_table_text<T>::template column<D, C>(w);
  def.erase(0, name.size() + 1);  // `"name" `
  constexpr std::string_view not_null = " NOT NULL";
  if (def.size() >= not_null.size() && def.compare(def.size() - not_null.size(), not_null.size(), not_null) == 0)
    def.erase(def.size() - not_null.size());
  return def;
}

/// The backend's catalog rules (backend/table_description.hpp says which a backend gives), with their defaults.
template <class Db>
bool name_matches(Db const& db, std::string_view live, std::string_view declared) {
  if constexpr (requires { column_name_matches(db, live, declared); })
    return column_name_matches(db, live, declared);
  else
    return iequal(live, declared);
}
template <class U, class Db>
bool type_matches(Db const& db, std::string_view declared, std::string_view live, bool in_view) {
  if constexpr (requires { column_type_matches<U>(db, declared, live, in_view); }) {
    return column_type_matches<U>(db, declared, live, in_view);
  } else {
    static_assert(requires { type_kind_of(db, declared); },
                  "egret: verify_source compares types by the backend's rule: its catalog.hpp gives "
                  "type_kind_of(db, spelled) or column_type_matches<U>(db, declared, live, in_view)");
    return backend::holds(type_kind_of(db, declared), type_kind_of(db, live));
  }
}
template <class Db>
std::string type_text(Db const& db, backend::column_description const& c) {
  if constexpr (requires { column_type_text(db, c); })
    return column_type_text(db, c);
  else
    return c.type;
}

/// The problem of declared column C against the live table (empty: none).
template <class Db, class T, class C>
std::string column_problem(Db const& db, backend::table_description const& live) {
  using D = typename Db::dialect_type;
  using U = typename C::value_type;
  constexpr bool nullable = nullable_v<C>;
  std::string const col(C::name.view());
  std::string const sql = declared_sql_type<D, T, C>();
  std::string const cpp =
      nullable ? "std::optional<" + std::string(cpp_type_name<U>()) + ">" : std::string(cpp_type_name<U>());
  backend::column_description const* found = nullptr;
  for (auto const& l : live.columns)
    if (name_matches(db, l.name, col)) found = &l;
  if (found == nullptr)
    return "column \"" + col + "\" is missing in the database, but the pipeline declares it " + sql + " (" + cpp + ")";
  if (!type_matches<U>(db, sql, found->compared, live.view))
    return "column \"" + col + "\" is " + type_text(db, *found) + " in the database, but the pipeline declares it " +
           sql + " (" + cpp + ")";
  if (!nullable && found->nullable && !live.view)
    return "column \"" + col + "\" can be NULL in the database, but the pipeline declares it " + sql + " NOT NULL (" + cpp +
           "): declare it std::optional<" + std::string(cpp_type_name<U>()) + ">, or the column NOT NULL";
  return {};
}

}  // namespace detail

/// Checks that the table (or view) source<T> reads exists in db with T's declared columns, of T's types and
/// nullability as the connection's dialect declares them (the rules at the top of this file). Throws
/// egret::error listing every problem, `egret: source "rates": column "factor" is TEXT in the database, but the
/// pipeline declares it REAL (double)`; an engine's failure to answer the catalog query propagates as it is.
template <class T, class Db>
void verify_source(Db& db) {
  static_assert(detail::describes_tables<Db>,
                "egret: verify_source (a pipeline source) reads the backend's catalog: #include the backend's umbrella "
                "header (<egret/sqlite.hpp>, <egret/postgres.hpp>, ...) or its <egret/BACKEND/catalog.hpp>");
  std::string const name(T::egret_name.view());
  backend::table_description const live = describe_table(db, name);
  std::string const head = "egret: source \"" + name + "\": ";
  if (live.columns.empty()) throw egret::error(head + "there is no table or view \"" + name + "\" in the database");
  std::string problems;
  [&]<class... Cs>(type_list<Cs...>) {
    (
        [&] {
          std::string const p = detail::column_problem<Db, T, Cs>(db, live);
          if (!p.empty()) problems += (problems.empty() ? "" : "; ") + p;
        }(),
        ...);
  }(typename T::egret_columns{});
  if (!problems.empty()) throw egret::error(head + problems);
}

}  // namespace egret::pipeline
