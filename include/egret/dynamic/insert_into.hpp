// Defines dyn::insert_into_sql, the text of `INSERT INTO T (columns...) <query>` for a rendered dynamic query,
// written once for every backend's insert_from<T>(q): q's result columns are checked against T's first (names,
// types, nullability: dyn::require_contract), then named in the column list, quoted for dialect D.
#pragma once

#include <cstddef>
#include <string>

#include <egret/dynamic/contract.hpp>
#include <egret/dynamic/query.hpp>
#include <egret/dynamic/writer.hpp>

namespace egret::dyn {

/// `INSERT INTO T (columns...) <r.sql>` in dialect D; throws egret::error (before anything runs) unless r's result
/// columns can fill table T (EGRET_TABLE) in order. r's values bind to its placeholders unchanged.
template <class D, class T>
std::string insert_into_sql(rendered const& r) {
  require_contract<T>(r.columns);
  writer w(dialect_index<D>);
  w.text("INSERT INTO ");
  w.quoted(T::egret_name.view());
  w.text(" (");
  for (std::size_t i = 0; i < r.columns.size(); ++i) {
    if (i) w.text(", ");
    w.quoted(r.columns[i].name);
  }
  w.text(") ");
  w.text(r.sql);
  return w.str();
}

}  // namespace egret::dyn
