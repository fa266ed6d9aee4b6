# egret::mysql, the MySQL / MariaDB backend (header-only, include/egret/mysql/): defined when the MariaDB
# Connector/C client library (libmariadb, mysql.h) is found (cmake/FindEgretMariaDB.cmake; MySQL's
# libmysqlclient has the same C API and is accepted too). Sets EGRET_HAVE_MYSQL (ON/OFF) for the tests
# (tests/mysql/) and the conformance suite.
#
# Two targets with the same usage: egret_mysql (egret::mysql in this build tree) and egret_mysql_package, the one
# installed as egret::mysql. Both link the imported EgretMariaDB::EgretMariaDB; the build tree's one also
# carries mysql.h's directory as a plain path, which tests/CMakeLists.txt reads to compile the documentation's
# code blocks, and which must not be exported (an install tree names no path of the machine it was built on).
include_guard(GLOBAL)

set(EGRET_HAVE_MYSQL OFF)
find_package(EgretMariaDB QUIET)
if(EgretMariaDB_FOUND)
  add_library(egret_mysql INTERFACE)
  add_library(egret::mysql ALIAS egret_mysql)
  target_include_directories(egret_mysql INTERFACE "${EGRET_MYSQL_INCLUDE_DIR}")
  target_link_libraries(egret_mysql INTERFACE egret EgretMariaDB::EgretMariaDB)

  add_library(egret_mysql_package INTERFACE)
  set_target_properties(egret_mysql_package PROPERTIES EXPORT_NAME mysql)
  target_link_libraries(egret_mysql_package INTERFACE egret EgretMariaDB::EgretMariaDB)

  set(EGRET_HAVE_MYSQL ON)
  message(STATUS "egret: MariaDB Connector/C found (${EGRET_MYSQL_LIBRARY}); egret::mysql is defined")
else()
  message(STATUS "egret: MariaDB Connector/C not found (apt-get install libmariadb-dev); egret::mysql is not defined")
endif()
set(EGRET_HAVE_MYSQL ${EGRET_HAVE_MYSQL} CACHE INTERNAL "egret::mysql is defined (MariaDB Connector/C found)")
