// Umbrella header for egret's core: types, schemas, expressions, relations, dialects, rendering. No backend.
#pragma once

#include <egret/core/error.hpp>
#include <egret/core/fixed_string.hpp>
#include <egret/core/type_list.hpp>
#include <egret/types/sql_type.hpp>
#include <egret/types/temporal.hpp>
#include <egret/schema/table.hpp>
#include <egret/schema/adopt.hpp>
#include <egret/expr/call.hpp>
#include <egret/expr/methods.hpp>
#include <egret/relation/methods.hpp>
#include <egret/dialect/ansi.hpp>
#include <egret/dialect/postgres.hpp>
#include <egret/dialect/sqlite.hpp>
#include <egret/render/to_sql.hpp>
#include <egret/render/ddl.hpp>
#include <egret/render/params.hpp>
#include <egret/relation/row.hpp>
#include <egret/relation/contract.hpp>
