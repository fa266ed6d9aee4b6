// Defines egret::backend::connection_base, what every backend's connection does the same way, written once:
// the DROP / CREATE VIEW / CREATE TABLE AS statements, a view checked against its contract, the text of
// `INSERT INTO T (columns...) <query>`, and the compile-time check of insert<T>(values...). A backend derives
// from it (CRTP) and gives what only its engine knows:
//
//   using dialect_type = ...;        // the dialect its SQL is rendered in
//   void exec(std::string const&);   // runs one statement without parameters
//
// Everything else a connection has (prepare, bind, step, read a column, report an error, transactions, the
// statement cache, bulk loads) stays in the backend's own headers.
#pragma once

#include <array>
#include <concepts>
#include <iosfwd>
#include <utility>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <egret/core/type_list.hpp>
#include <egret/csv/options.hpp>
#include <egret/relation/contract.hpp>
#include <egret/relation/relation.hpp>
#include <egret/render/bind.hpp>
#include <egret/render/inline_sql.hpp>
#include <egret/render/to_sql.hpp>
#include <egret/render/writer.hpp>

namespace egret::backend {

/// `name` quoted as an identifier of dialect D (`"name"`, `` `name` ``).
template <class D>
std::string quoted(std::string_view name) {
  std::string out;
  render::string_writer w{out};
  D::template quote_identifier<D>(w, name);
  return out;
}

/// The column names of a table's egret_columns, in declaration order.
template <class... Cs>
constexpr std::array<std::string_view, sizeof...(Cs)> column_names(type_list<Cs...>) {
  return {Cs::name.view()...};
}

/// `INSERT INTO "T" ("c1", ...) <Q's SQL>` in dialect D: built once per (D, T, Q), kept for the program's life.
template <class D, class T, class Q>
std::string const& insert_from_sql() {
  static std::string const sql = [] {
    std::string s = "INSERT INTO " + quoted<D>(T::egret_name.view()) + " (";
    auto const names = column_names(typename T::egret_columns{});
    for (std::size_t i = 0; i < names.size(); ++i) s += (i ? ", " : "") + quoted<D>(names[i]);
    return s + ") " + std::string(egret::detail::sql_text<D, Q>.view());
  }();
  return sql;
}

namespace detail {
template <class C, class V>
constexpr void check_insert_value() {
  static_assert(egret::detail::bindable_v<V, std::conditional_t<nullable_v<C>, std::optional<typename C::value_type>,
                                                                typename C::value_type>>,
                "egret: insert() gives a column a value of the wrong type (or NULL to a NOT NULL column)");
}
template <class T, class... Vs, class... Cs>
constexpr void check_insert_values(type_list<Cs...>) {
  static_assert(sizeof...(Vs) == sizeof...(Cs), "egret: insert<T>() needs one value per column of T, in declaration order");
  if constexpr (sizeof...(Vs) == sizeof...(Cs)) (check_insert_value<Cs, Vs>(), ...);
}
}  // namespace detail

/// insert<T>(vs...)'s rule: one value per column of T, in declaration order, each of its column's type (a
/// compile error naming the rule otherwise).
template <class T, class... Vs>
constexpr void check_insert_values() {
  detail::check_insert_values<T, Vs...>(typename T::egret_columns{});
}

/// How a pipeline program's `--target` names a backend (egret::pipeline::main): `scheme:location`, e.g.
/// `sqlite:PATH`, `postgres:CONNINFO`. A connection gives `static constexpr backend::target_syntax target{...};`.
struct target_syntax {
  std::string_view scheme;    ///< what chooses this connection: "sqlite"
  std::string_view location;  ///< what follows the colon, for the help text: "PATH"
};

/// The statements above as member functions of a backend's connection (CRTP). A connection brings the members
/// it also overloads into scope: `using connection_base::execute; using connection_base::insert_from;`. Derived's dialect is read inside
/// the member functions only: Derived is incomplete where this base is instantiated.
template <class Derived>
class connection_base {
 public:
  /// `DROP TABLE IF EXISTS "name"` (PostgreSQL refuses while a view reads it: drop the view first).
  void drop_table(std::string_view name) { self().exec(drop_sql("TABLE", name)); }
  /// `DROP VIEW IF EXISTS "name"`.
  void drop_view(std::string_view name) { self().exec(drop_sql("VIEW", name)); }

  /// `CREATE VIEW "name" AS <q>`; values captured in q are written as escaped literals (views take no
  /// parameters).
  template <relation Q>
  void create_view(std::string_view name, Q const& q) {
    self().exec(create_as_sql("VIEW", name) + render_sql_inline<typename Derived::dialect_type>(q));
  }

  /// `CREATE TABLE "name" AS <q>`.
  template <relation Q>
  void create_table_as(std::string_view name, Q const& q) {
    self().exec(create_as_sql("TABLE", name) + render_sql_inline<typename Derived::dialect_type>(q));
  }

  /// `CREATE VIEW` named after table type T, whose declared columns q must match (names, order, types,
  /// nullability: a compile error otherwise). Downstream queries then read the view through T.
  template <class T, relation Q>
  void create_view(Q const& q) {
    egret::detail::require_contract<Q, T>();
    create_view(T::egret_name.view(), q);
  }

  /// All rows of q read into S (a BOOST_HANA_DEFINE_STRUCT checked against q's columns at compile time).
  template <class S, query Q, class... Args>
  std::vector<S> fetch_as(Q const& q, Args const&... args) {
    return self().execute(q, args...).template as<S>();
  }

  /// Runs a dynamic query (egret::dyn::query): typed rows when its select list is static, dyn::row rows (the
  /// backend's dyn_cursor) when it was chosen at run time. Its statement is cached by its SQL text. Defined by the
  /// backend's <egret/BACKEND/dynamic.hpp> (execute_dynamic), which a program running dynamic queries includes; a
  /// backend's connection brings this in with `using connection_base::execute;`.
  template <class Q>
    requires requires { Q::is_dynamic_query; }
  auto execute(Q const& q) {
    return execute_dynamic(self(), q);
  }
  /// `INSERT INTO T (columns...) <q>` for a dynamic query, its columns checked against T's at run time (the
  /// backend's insert_dynamic).
  template <class T, class Q>
    requires requires { Q::is_dynamic_query; }
  decltype(auto) insert_from(Q const& q) {
    return insert_dynamic<T>(self(), q);
  }

  /// Loads a CSV file into table T (which must exist), all rows or none: the header must name T's columns in
  /// order; every field is parsed as its column's type by egret's CSV reader (csv/). On bad input, or a record the
  /// table refuses, throws egret::load_error (file, line, column, reason) and the table is left as it was. Returns
  /// the number of rows loaded. How the rows reach the engine is the backend's (its <egret/BACKEND/load_csv.hpp>,
  /// which a program calling this includes: Derived::csv_loader_included<T>() stops the compilation with its name
  /// otherwise). `file` may be a std::filesystem::path (it converts to std::string on POSIX).
  template <class T>
  std::size_t load_csv(std::string const& file, csv::options opts = {}) {
    if constexpr (Derived::template csv_loader_included<T>())
      return Derived::template csv_loader<T>::load_file(self(), file, opts);
    else
      return 0;
  }
  /// load_csv from a std::istream or a class derived from it (a stream over a decompressing streambuf, an
  /// istringstream): `display_name` names it in errors.
  template <class T, class Stream>
    requires std::derived_from<Stream, std::istream>
  std::size_t load_csv(Stream& in, std::string display_name, csv::options opts = {}) {
    if constexpr (Derived::template csv_loader_included<T>())
      return Derived::template csv_loader<T>::load_stream(self(), in, std::move(display_name), opts);
    else
      return 0;
  }

  /// `"name"`, quoted as an identifier of the connection's dialect.
  static std::string quoted(std::string_view name) { return backend::quoted<typename Derived::dialect_type>(name); }
  /// T's column names, in declaration order: column_names(typename T::egret_columns{}).
  template <class... Cs>
  static constexpr std::array<std::string_view, sizeof...(Cs)> column_names(type_list<Cs...> cs) {
    return backend::column_names(cs);
  }

 protected:
  connection_base() = default;

  /// `DROP kind IF EXISTS "name"`.
  static std::string drop_sql(std::string_view kind, std::string_view name) {
    return std::string("DROP ").append(kind).append(" IF EXISTS ") + quoted(name);
  }
  /// `CREATE kind "name" AS `.
  static std::string create_as_sql(std::string_view kind, std::string_view name) {
    return std::string("CREATE ").append(kind).append(" ") + quoted(name) + " AS ";
  }

 private:
  Derived& self() { return static_cast<Derived&>(*this); }
};

}  // namespace egret::backend
