// Umbrella header for the DuckDB backend (CMake target egret::duckdb): egret::duckdb::connection, typed cursors
// read a data chunk at a time, prepared statements with bound parameters, transactions, the catalog
// (describe_table). Needs DuckDB's C API
// (duckdb.h, libduckdb; docs/duckdb.md says how to get it).
#pragma once

#include <egret/duckdb/catalog.hpp>
#include <egret/duckdb/connection.hpp>
#include <egret/egret.hpp>
