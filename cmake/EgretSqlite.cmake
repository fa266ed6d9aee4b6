# egret::sqlite, the SQLite backend (header-only, include/egret/sqlite/): defined when SQLite3 is found (CMake's
# FindSQLite3, imported target SQLite::SQLite3). Sets EGRET_HAVE_SQLITE (ON/OFF). egret::egret (rendering, no
# backend) never needs SQLite; configure with -DCMAKE_DISABLE_FIND_PACKAGE_SQLite3=ON to leave it out on purpose.
include_guard(GLOBAL)

set(EGRET_HAVE_SQLITE OFF)
find_package(SQLite3 QUIET)
if(SQLite3_FOUND AND TARGET SQLite::SQLite3)
  add_library(egret_sqlite INTERFACE)
  add_library(egret::sqlite ALIAS egret_sqlite)
  set_target_properties(egret_sqlite PROPERTIES EXPORT_NAME sqlite)
  target_link_libraries(egret_sqlite INTERFACE egret SQLite::SQLite3)
  set(EGRET_HAVE_SQLITE ON)
  message(STATUS "egret: SQLite3 ${SQLite3_VERSION} found; egret::sqlite is defined")
else()
  message(STATUS "egret: SQLite3 not found (apt-get install libsqlite3-dev); egret::sqlite is not defined")
endif()
set(EGRET_HAVE_SQLITE ${EGRET_HAVE_SQLITE} CACHE INTERNAL "egret::sqlite is defined (SQLite3 found)")
