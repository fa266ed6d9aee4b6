// Umbrella header for the SQLite backend (CMake target egret::sqlite): egret::sqlite::connection,
// typed cursors, prepared statements, transactions, CSV loading, user-defined functions.
#pragma once

#include <egret/egret.hpp>
#include <egret/types/format.hpp>
#include <egret/sqlite/connection.hpp>
#include <egret/sqlite/functions.hpp>
