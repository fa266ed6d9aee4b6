// Umbrella header for the PostgreSQL backend (CMake target egret::postgres, libpq): egret::postgres::connection,
// typed cursors, prepared statements, transactions and savepoints, errors with their SQLSTATE, the catalog
// (describe_table). Opt-in, each in
// a header of its own: CSV / .tbl loading through COPY (db.load_csv(), <egret/postgres/load_csv.hpp>) and the
// execution of dynamic queries (<egret/postgres/dynamic.hpp>).
#pragma once

#include <egret/egret.hpp>
#include <egret/postgres/catalog.hpp>
#include <egret/postgres/connection.hpp>
