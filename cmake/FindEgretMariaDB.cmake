# FindEgretMariaDB: the MariaDB Connector/C client library (libmariadb, mysql.h), or MySQL's own libmysqlclient
# (same C API), for egret::mysql.
#
# Used by egret's build (cmake/EgretMysql.cmake) and installed beside egretConfig.cmake, which finds it again in
# the consumer's project: the exported egret::mysql names the imported target below, never a library path, so
# an install tree stays valid when it is moved or copied to another machine.
#
#   EgretMariaDB::EgretMariaDB   imported target (library + its include directory)
#   EgretMariaDB_FOUND
#   EGRET_MYSQL_INCLUDE_DIR      cache: the directory of mysql.h (include/mariadb or include/mysql)
#   EGRET_MYSQL_LIBRARY          cache: the client library (mariadb, libmariadb or mysqlclient)

find_path(EGRET_MYSQL_INCLUDE_DIR mysql.h PATH_SUFFIXES mariadb mysql)
find_library(EGRET_MYSQL_LIBRARY NAMES mariadb libmariadb mysqlclient)
mark_as_advanced(EGRET_MYSQL_INCLUDE_DIR EGRET_MYSQL_LIBRARY)

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(EgretMariaDB
  REQUIRED_VARS EGRET_MYSQL_LIBRARY EGRET_MYSQL_INCLUDE_DIR
  REASON_FAILURE_MESSAGE "apt-get install libmariadb-dev")

if(EgretMariaDB_FOUND AND NOT TARGET EgretMariaDB::EgretMariaDB)
  add_library(EgretMariaDB::EgretMariaDB UNKNOWN IMPORTED)
  set_target_properties(EgretMariaDB::EgretMariaDB PROPERTIES
    IMPORTED_LOCATION "${EGRET_MYSQL_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${EGRET_MYSQL_INCLUDE_DIR}")
endif()
