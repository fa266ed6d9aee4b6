// Defines egret::dialect::all, every dialect egret ships, as a type list: what the support matrix
// (docs/support-matrix.md) and the golden tests iterate over. Including it includes every dialect.
#pragma once

#include <egret/core/type_list.hpp>
#include <egret/dialect/postgres.hpp>
#include <egret/dialect/sqlite.hpp>

namespace egret::dialect {

/// Every dialect egret ships, executed ones first.
using all = type_list<sqlite, postgres>;

}  // namespace egret::dialect
