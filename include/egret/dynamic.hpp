// Umbrella header for egret's dynamic layer (egret::dyn): queries whose shape is chosen at run time, still
// typed and parameterized, rendered with fmt through the static nodes' own render code. See docs/dynamic.md.
// The SQLite backend runs them through <egret/sqlite.hpp> (egret/sqlite/dynamic.hpp).
#pragma once

#include <egret/egret.hpp>
#include <egret/dynamic/datum.hpp>
#include <egret/dynamic/writer.hpp>
#include <egret/dynamic/node.hpp>
#include <egret/dynamic/expr.hpp>
#include <egret/dynamic/in_list.hpp>
#include <egret/dynamic/column.hpp>
#include <egret/dynamic/sort_key.hpp>
#include <egret/dynamic/lookup.hpp>
#include <egret/dynamic/subquery.hpp>
#include <egret/dynamic/query.hpp>
#include <egret/dynamic/row.hpp>
#include <egret/dynamic/contract.hpp>
