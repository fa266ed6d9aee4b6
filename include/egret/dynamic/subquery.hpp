// Defines dyn::subquery, a dynamic query used as a FROM item under a name chosen at run time
// (`q.as("op")`, joined with join / left_join), and dyn::ref<T>, the typed reference to one of its columns
// (`op[p.order_id]`, or the checked lookup `op.col<double>("coupon_amount")`).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <egret/dynamic/column.hpp>

namespace egret::dyn {

/// A result column of a dynamic query: name, SQL type, nullability.
struct column_info {
  std::string name;
  sql_type_id type;
  bool nullable;
  friend bool operator==(column_info const&, column_info const&) = default;
};

namespace detail {

/// A dynamic query as seen from a query it is nested in.
class level_base {
 public:
  virtual ~level_base() = default;
  /// Writes the SELECT; the result columns go to `cols` when given.
  virtual void render(writer& w, std::vector<column_info>* cols) const = 0;
  /// The select list's names and types (nullability by the items' own rules).
  virtual std::vector<column_info> declared_columns() const = 0;
};

}  // namespace detail

/// A column of a dynamic subquery: `"op"."credit_card_amount"`. Nullable to static rules (the subquery may
/// be on the optional side of a LEFT JOIN).
template <class T>
class ref : public expr_methods<ref<T>> {
 public:
  using value_type = T;
  using operands = type_list<>;
  static constexpr bool is_aggregate = false;
  static constexpr int precedence = prec::atom;
  template <class Ctx>
  static constexpr bool nullable_in = true;

  ref(std::string alias, std::string name) : alias_(std::move(alias)), name_(std::move(name)) {}

  template <class D, class S, class V>
  static constexpr void render(V& v, ref const* n) {
    static_assert(std::is_same_v<V, writer>,
                  "egret: a column of a dynamic subquery can only be used in a dynamic query");
    if constexpr (std::is_same_v<V, writer>) {
      D::template quote_identifier<D>(v, n->alias_);
      v.ch('.');
      D::template quote_identifier<D>(v, n->name_);
    }
  }
  /// The column's name in its subquery.
  std::string const& column_name() const { return name_; }

 private:
  std::string alias_;
  std::string name_;
};

/// A dynamic query named `alias`, to join: `auto op = payments_by_order.as("op");`
/// `dyn::from(o).left_join(op, o.order_id == op[p.order_id])`.
class subquery {
 public:
  subquery(std::shared_ptr<detail::level_base const> q, std::string alias)
      : q_(std::move(q)), alias_(std::move(alias)), cols_(q_->declared_columns()) {}

  // ---- FROM item protocol (relation/relation.hpp) ----
  static constexpr int stage = 0;
  static constexpr bool is_dyn_from = true;
  template <class D, class S, class V>
  static constexpr void render_from(V& v, subquery const* n) {
    static_assert(std::is_same_v<V, writer>, "egret: a dynamic subquery can only be used in a dynamic query");
    if constexpr (std::is_same_v<V, writer>) {
      v.ch('(');
      n->q_->render(v, nullptr);
      v.ch(')');
      v.text(D::table_alias_keyword);
      D::template quote_identifier<D>(v, n->alias_);
    }
  }

  /// The subquery's column named as E is (a column or `.as<"name">()` item), with E's SQL type: checked at
  /// run time against the subquery's select list (egret::error when missing or of another type).
  template <class E>
    requires expression<E>
  ref<value_type_t<E>> operator[](E const&) const {
    static_assert(output_name<E>::has, "egret: subquery[x] takes a column or a named expression (x.as<\"name\">())");
    if constexpr (output_name<E>::has)
      return col<value_type_t<E>>(output_name<E>::value.view());
    else
      return {alias_, {}};
  }
  /// The subquery's column that select item c became (same name and type).
  column operator[](column const& c) const {
    auto const& info = find(c.name(), c.type());
    return column(make_ref(info), info.name, info.name, info.type, true);
  }
  /// Checked lookup by name: the column `name`, which must have SQL type T.
  template <class T>
  ref<T> col(std::string_view name) const {
    return ref<T>(alias_, find(name, type_id_of<T>).name);
  }

  std::string const& alias() const { return alias_; }
  /// The result columns (nullability by the items' own rules).
  std::vector<column_info> const& columns() const { return cols_; }

 private:
  column_info const& find(std::string_view name, sql_type_id type) const {
    for (auto const& c : cols_) {
      if (c.name != name) continue;
      if (c.type != type)
        throw egret::error(fmt::format("egret: column \"{}\" of subquery \"{}\" is {}, not {}", name, alias_,
                                       type_name(c.type), type_name(type)));
      return c;
    }
    std::string list;
    for (auto const& c : cols_) list += (list.empty() ? "" : ", ") + c.name;
    throw egret::error(fmt::format("egret: no column \"{}\" in subquery \"{}\" (columns: {})", name, alias_, list));
  }
  node_ptr make_ref(column_info const& info) const {
    node_ptr out;
    visit_type(info.type, [&]<class T>() { out = erase(ref<T>(alias_, info.name)); });
    return out;
  }
  template <class F>
  static void visit_type(sql_type_id t, F&& f) {
    switch (t) {
      case sql_type_id::integer: f.template operator()<std::int32_t>(); break;
      case sql_type_id::bigint: f.template operator()<std::int64_t>(); break;
      case sql_type_id::double_precision: f.template operator()<double>(); break;
      case sql_type_id::boolean: f.template operator()<bool>(); break;
      case sql_type_id::text: f.template operator()<std::string>(); break;
      case sql_type_id::date: f.template operator()<date>(); break;
      case sql_type_id::timestamp: f.template operator()<timestamp>(); break;
    }
  }

  std::shared_ptr<detail::level_base const> q_;
  std::string alias_;
  std::vector<column_info> cols_;
};

}  // namespace egret::dyn
