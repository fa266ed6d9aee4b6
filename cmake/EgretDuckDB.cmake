# egret::duckdb, the DuckDB backend (header-only, include/egret/duckdb/): defined when DuckDB's C API is found
# (cmake/FindDuckDB.cmake: duckdb.h and libduckdb, under DuckDB_ROOT or the usual prefixes; tests/servers/duckdb.sh
# installs DuckDB 1.4.4 into /usr/local). Sets EGRET_HAVE_DUCKDB (ON/OFF) for the tests (tests/duckdb/).
include_guard(GLOBAL)

set(EGRET_HAVE_DUCKDB OFF)
find_package(DuckDB QUIET)
if(DuckDB_FOUND)
  add_library(egret_duckdb INTERFACE)
  add_library(egret::duckdb ALIAS egret_duckdb)
  set_target_properties(egret_duckdb PROPERTIES EXPORT_NAME duckdb)
  target_link_libraries(egret_duckdb INTERFACE egret DuckDB::DuckDB)
  set(EGRET_HAVE_DUCKDB ON)
  if(DuckDB_VERSION)
    set(_egret_duckdb_version " ${DuckDB_VERSION}")
  else()
    set(_egret_duckdb_version " (version unknown)")
  endif()
  message(STATUS "egret: DuckDB${_egret_duckdb_version} found (${DuckDB_LIBRARY}); egret::duckdb is defined")
  unset(_egret_duckdb_version)
else()
  message(STATUS "egret: DuckDB not found (bash tests/servers/duckdb.sh, or -DDuckDB_ROOT=<libduckdb dir>); "
                 "egret::duckdb is not defined")
endif()
set(EGRET_HAVE_DUCKDB ${EGRET_HAVE_DUCKDB} CACHE INTERNAL "egret::duckdb is defined (DuckDB's C API found)")
