// Umbrella header for the SQLite backend (CMake target egret::sqlite): egret::sqlite::connection,
// typed cursors, prepared statements, transactions, user-defined functions, the catalog (describe_table). Opt-in, each in a header of
// its own so that only the programs using them pay for compiling them: CSV loading (db.load_csv(),
// <egret/sqlite/load_csv.hpp>), the execution of dynamic queries (<egret/sqlite/dynamic.hpp>), the regex
// functions (<egret/sqlite/regex.hpp>) and fmt formatters for dates (<egret/types/format.hpp>).
#pragma once

#include <egret/egret.hpp>
#include <egret/sqlite/catalog.hpp>
#include <egret/sqlite/connection.hpp>
#include <egret/sqlite/functions.hpp>
