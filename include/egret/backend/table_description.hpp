// Defines egret::backend::table_description, a table or view as an engine's catalog describes it (its columns'
// names, types as the engine spells them, nullability), which each backend's catalog.hpp reads
// (`describe_table(db, name)`) and the pipeline's source check compares with a declared table. Also the
// backend-neutral pieces of those comparisons: ASCII case folding and type_kind, what a server type holds.
//
// What a backend's catalog.hpp gives, found by argument-dependent lookup from its connection:
//   describe_table(db, name)                      required: the table_description (no columns: no such table)
//   type_kind_of(db, spelled)                      the kind of a type name, for the rule "the same kind, no wider"
//   or column_type_matches<U>(db, declared, live, in_view)   a rule of its own (SQLite's affinities)
//   column_type_text(db, column)                   optional: how a live type reads in a message (default: as spelled)
//   column_name_matches(db, live, declared)        optional: name comparison (default: without regard to ASCII case)
#pragma once

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace egret::backend {

/// A column of a live table, as the engine's catalog has it.
struct column_description {
  std::string name;
  std::string type;      // as the engine spells it, for messages: SQLite's declared type, PostgreSQL's and DuckDB's
                         // data_type (upper case), MariaDB's COLUMN_TYPE (upper case)
  std::string compared;  // what the type comparison reads: SQLite's declared type, PostgreSQL's and DuckDB's
                         // data_type, MariaDB's DATA_TYPE (+ " unsigned")
  bool nullable = true;
};

/// A live table: whether it is a view, its columns in order (none: the catalog does not know the name).
struct table_description {
  bool view = false;
  std::vector<column_description> columns;
};

inline std::string ascii_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}
inline std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
inline bool iequal(std::string_view a, std::string_view b) { return ascii_lower(a) == ascii_lower(b); }

/// A table described from information_schema rows of (column name, data_type, is_nullable, table_type), as
/// PostgreSQL and DuckDB give them: a view when table_type is "VIEW", the type upper-cased for messages and
/// lower-cased for the comparison.
template <class Rows>
table_description from_information_schema(Rows&& rows) {
  table_description t;
  for (auto const& [col, data_type, is_nullable, table_type] : rows) {
    t.view = table_type == "VIEW";
    t.columns.push_back({std::string(col), ascii_upper(data_type), ascii_lower(data_type), is_nullable == "YES"});
  }
  return t;
}

/// What a server type holds: its kind and, for numbers, its width in bytes (an UNSIGNED integer counting one
/// more). A backend maps its engine's type names to it.
struct type_kind {
  enum kind_t : unsigned char { unknown, integer, floating, boolean, text, date, timestamp } kind = unknown;
  int width = 0;
};

/// Whether a live column of kind `live` reads without loss into what a column of kind `declared` holds: the
/// same kind, no wider.
inline bool holds(type_kind declared, type_kind live) {
  return declared.kind != type_kind::unknown && live.kind == declared.kind && live.width <= declared.width;
}

}  // namespace egret::backend
