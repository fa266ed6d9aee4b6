// Defines egret::backend::throw_column_error, the message every backend gives when a result column cannot be read
// as the C++ type asked for, written once: `column <col> "<name>" <problem>; in SQL: <sql>`, or `column <col> does
// not exist (the query has <n> columns); in SQL: <sql>`. The source (a backend's statement or result) gives
// column_count(), column_name(int) and sql(). A cold path: nothing of it is inlined into the reading code.
#pragma once

#include <string>
#include <string_view>

#include <egret/core/error.hpp>

namespace egret::backend {

/// Throws egret::type_error naming column `col` of `s` and what is wrong with it.
template <class Source>
[[noreturn, gnu::cold, gnu::noinline]] void throw_column_error(Source const& s, int col, std::string_view problem) {
  std::string msg = "column " + std::to_string(col);
  int const n = s.column_count();
  if (col < 0 || col >= n) {
    msg += " does not exist (the query has " + std::to_string(n) + " columns)";
  } else {
    msg += " \"";
    msg += s.column_name(col);
    msg += "\" ";
    msg += problem;
  }
  msg += "; in SQL: ";
  msg += s.sql();
  throw egret::type_error(msg);
}

}  // namespace egret::backend
