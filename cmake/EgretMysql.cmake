# egret::mysql, the MySQL / MariaDB backend (header-only, include/egret/mysql/): defined when the MariaDB
# Connector/C client library (libmariadb, mysql.h) is found. Sets EGRET_HAVE_MYSQL (ON/OFF) for the tests
# (tests/mysql/) and the conformance suite.
#
# mysql.h is looked up under include/mariadb (libmariadb-dev) or include/mysql, the library as mariadb (or
# mysqlclient, MySQL's own client library, which has the same C API).
include_guard(GLOBAL)

set(EGRET_HAVE_MYSQL OFF)
find_path(EGRET_MYSQL_INCLUDE_DIR mysql.h PATH_SUFFIXES mariadb mysql)
find_library(EGRET_MYSQL_LIBRARY NAMES mariadb libmariadb mysqlclient)
mark_as_advanced(EGRET_MYSQL_INCLUDE_DIR EGRET_MYSQL_LIBRARY)

if(EGRET_MYSQL_INCLUDE_DIR AND EGRET_MYSQL_LIBRARY)
  add_library(egret_mysql INTERFACE)
  add_library(egret::mysql ALIAS egret_mysql)
  set_target_properties(egret_mysql PROPERTIES EXPORT_NAME mysql)
  target_include_directories(egret_mysql INTERFACE "${EGRET_MYSQL_INCLUDE_DIR}")
  target_link_libraries(egret_mysql INTERFACE egret "${EGRET_MYSQL_LIBRARY}")
  install(TARGETS egret_mysql EXPORT egretTargets)
  set(EGRET_HAVE_MYSQL ON)
  message(STATUS "egret: MariaDB Connector/C found (${EGRET_MYSQL_LIBRARY}); egret::mysql is defined")
else()
  message(STATUS "egret: MariaDB Connector/C not found (apt-get install libmariadb-dev); egret::mysql is not defined")
endif()
set(EGRET_HAVE_MYSQL ${EGRET_HAVE_MYSQL} CACHE INTERNAL "egret::mysql is defined (MariaDB Connector/C found)")
