// Defines how the DuckDB backend binds a query: its dialect, and the generic binder of render/bind.hpp with a
// DuckDB prepared statement as the sink.
#pragma once

#include <egret/dialect/duckdb.hpp>
#include <egret/duckdb/statement.hpp>
#include <egret/render/bind.hpp>

namespace egret::duckdb {

using dialect_type = egret::dialect::duckdb;

namespace detail {
using egret::detail::bindable_v;
using egret::detail::check_and_bind;
}  // namespace detail

}  // namespace egret::duckdb
