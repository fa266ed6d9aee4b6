// Umbrella header for the MySQL / MariaDB backend (CMake target egret::mysql, MariaDB Connector/C):
// egret::mysql::connection, typed cursors, prepared statements, transactions, the catalog (describe_table). Opt-in, each in a header of its
// own: CSV loading (db.load_csv(), <egret/mysql/load_csv.hpp>) and the execution of dynamic queries
// (<egret/mysql/dynamic.hpp>).
#pragma once

#include <egret/egret.hpp>
#include <egret/dialect/mysql.hpp>
#include <egret/mysql/catalog.hpp>
#include <egret/mysql/connection.hpp>
