// Defines dyn::column, a select item chosen at run time: a type-erased expression that remembers its SQL
// type, its nullability and its output name. A vector of columns of mixed types is a run-time select list.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

#include <egret/core/error.hpp>
#include <egret/dynamic/expr.hpp>

namespace egret::dyn {

/// A named, typed select item whose type is known at run time. From a column (`dyn::column(o.status)`),
/// a named expression (`dyn::column(x.as<"total">())`), or any typed expression with a name given at run
/// time (`dyn::as(sum(p.amount), method + "_amount")`; names are quoted by the dialect, never spliced raw).
class column {
 public:
  /// A column, an expression named with `.as<"name">()`, or a column of a dynamic subquery; its output
  /// name is that name.
  template <class E>
    requires(expression<E> && !std::is_same_v<E, column>)
  column(E const& e)  // NOLINT: implicit, so select lists can mix static columns and dyn::columns
      : column(e, name_of(e)) {}

  /// Any expression (or dyn::expr), named `name` at run time.
  template <class E>
    requires expression<E>
  column(E const& e, std::string name)
      : column(expr<value_type_t<E>>(e).ptr(), std::move(name), own_name_of(e), type_id_of<value_type_t<E>>,
               nullable_of(e)) {}

  /// Assembles a column from its parts (the dynamic layer's own use).
  column(node_ptr n, std::string name, std::string own, sql_type_id type, bool nullable)
      : node_(std::move(n)), name_(std::move(name)), own_(std::move(own)), type_(type), nullable_(nullable) {
    // An empty name would be written as no alias at all (the engine then names the column), and no engine
    // keeps a NUL in an identifier (SQLite ends the statement there): refuse both, the same on every engine.
    if (name_.empty()) throw egret::error("egret: dyn::as() / renamed(): a column name cannot be empty");
    if (name_.find('\0') != std::string::npos)
      throw egret::error("egret: dyn::as() / renamed(): a column name cannot hold a NUL byte (at offset " +
                         std::to_string(name_.find('\0')) + ")");
  }

  /// The output name.
  std::string const& name() const { return name_; }
  /// The SQL type of its values.
  sql_type_id type() const { return type_; }
  /// May it be NULL (by its own rules; the query adds outer joins)?
  bool nullable() const { return nullable_; }
  node const& get() const { return *node_; }
  node_ptr const& ptr() const { return node_; }
  /// Whether the select list needs `AS "name"`: not for a column keeping its own name.
  bool needs_alias() const { return own_ != name_; }
  /// The same expression under another output name.
  column renamed(std::string name) const { return column(node_, std::move(name), own_, type_, nullable_); }

 private:
  template <class E>
  static constexpr std::string_view static_name() {
    static_assert(output_name<E>::has, "egret: a dyn::column needs a name: a column, x.as<\"name\">(), or "
                                       "dyn::as(x, name)");
    if constexpr (output_name<E>::has)
      return output_name<E>::value.view();
    else
      return {};
  }
  template <class E>
  static std::string name_of(E const& e) {
    if constexpr (requires { e.column_name(); })
      return e.column_name();  // a column of a dynamic subquery
    else
      return std::string(static_name<E>());
  }
  /// The name the expression has without an alias: a column's own name.
  template <class E>
  static constexpr std::string_view own_name() {
    using U = typename egret::detail::unaliased<E>::type;
    if constexpr (is_column_v<U>)
      return U::name.view();
    else
      return {};
  }
  template <class E>
  static std::string own_name_of(E const& e) {
    if constexpr (requires { e.column_name(); })
      return e.column_name();  // a column of a dynamic subquery
    else
      return std::string(own_name<E>());
  }
  template <class E>
  static bool nullable_of(E const& e) {
    if constexpr (requires { E::is_dyn_expr; })
      return e.nullable();
    else
      return nullable_v<E>;
  }

  node_ptr node_;
  std::string name_;
  std::string own_;
  sql_type_id type_;
  bool nullable_;
};

/// `e AS "name"`, the name chosen at run time: `dyn::as(coalesce(total, 0.0), method + "_amount")`.
template <class E>
column as(E const& e, std::string name) {
  static_assert(expression<E>, "egret: dyn::as() names an expression");
  return column(e, std::move(name));
}

}  // namespace egret::dyn
