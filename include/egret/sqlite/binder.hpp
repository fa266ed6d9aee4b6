// Defines how the SQLite backend binds a query: its dialect, and the generic binder of render/bind.hpp
// with a SQLite statement as the sink.
#pragma once

#include <egret/dialect/sqlite.hpp>
#include <egret/render/bind.hpp>
#include <egret/sqlite/statement.hpp>

namespace egret::sqlite {

using dialect_type = egret::dialect::sqlite;

namespace detail {
using egret::detail::bind_query;
using egret::detail::bindable_v;
using egret::detail::require_param_types;
template <class D, class Q>
inline constexpr bool renders = egret::detail::renders_for<D, Q>;
}  // namespace detail

}  // namespace egret::sqlite
