// Defines dyn::row, a result row of a dynamic query whose select list was chosen at run time: fields are
// datums, read with get<T>(name) or get<T>(i), the column's SQL type checked at run time.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <egret/core/error.hpp>
#include <egret/dynamic/subquery.hpp>

namespace egret::dyn {

/// A row of a dynamic query's result; owns its fields. `row.get<double>("credit_card_amount")`,
/// `row.get<std::optional<double>>(4)`: T (or the T in std::optional<T>) must be the column's SQL type
/// identity, else egret::type_error names the column and both types; NULL needs std::optional<T>.
class row {
 public:
  row(std::shared_ptr<std::vector<column_info> const> cols, std::vector<datum> fields)
      : cols_(std::move(cols)), fields_(std::move(fields)) {}

  std::size_t size() const { return fields_.size(); }
  std::vector<column_info> const& columns() const { return *cols_; }
  /// The raw field i.
  datum const& operator[](std::size_t i) const { return fields_.at(i); }
  bool is_null(std::size_t i) const { return fields_.at(i).index() == 0; }
  bool is_null(std::string_view name) const { return is_null(index_of(name)); }

  /// Position of the column `name`; egret::error listing the columns when there is none.
  std::size_t index_of(std::string_view name) const {
    for (std::size_t i = 0; i < cols_->size(); ++i)
      if ((*cols_)[i].name == name) return i;
    std::string list;
    for (auto const& c : *cols_) list += (list.empty() ? "" : ", ") + c.name;
    throw egret::error(fmt::format("egret: dyn::row: no column \"{}\" in this result (columns: {})", name, list));
  }

  /// Field i as T (a SQL type identity, or std::optional of one).
  template <class T>
  T get(std::size_t i) const {
    using U = typename egret::declared<T>::type;
    static_assert(is_sql_type_v<U>, "egret: dyn::row::get<T>() reads a SQL type identity (std::int32_t, std::int64_t, "
                                    "double, bool, std::string, egret::date, egret::timestamp) or std::optional of one");
    if (i >= fields_.size())
      throw egret::error(fmt::format("egret: dyn::row: no column {} (the result has {})", i, fields_.size()));
    auto const& c = (*cols_)[i];
    if (c.type != type_id_of<U>)
      throw egret::type_error(fmt::format("egret: dyn::row: column \"{}\" is {}, but get<>() asks for {}", c.name,
                                          type_name(c.type), type_name(type_id_of<U>)));
    if (fields_[i].index() == 0) {
      if constexpr (egret::declared<T>::nullable)
        return std::nullopt;
      else
        throw egret::type_error(fmt::format("egret: dyn::row: column \"{}\" is NULL; read it as std::optional<{}>",
                                            c.name, type_name(c.type)));
    } else {
      return std::get<U>(fields_[i]);
    }
  }
  /// The field named `name` as T.
  template <class T>
  T get(std::string_view name) const {
    return get<T>(index_of(name));
  }

  friend bool operator==(row const& a, row const& b) { return a.fields_ == b.fields_; }

 private:
  std::shared_ptr<std::vector<column_info> const> cols_;
  std::vector<datum> fields_;
};

}  // namespace egret::dyn
