# egret::postgres, the PostgreSQL backend (header-only, include/egret/postgres/): defined when libpq is found.
# Sets EGRET_HAVE_POSTGRES (ON/OFF) for the tests (tests/postgres/) and the conformance suite.
#
# libpq is looked up with CMake's FindPostgreSQL (client library and libpq-fe.h only), then pkg-config.
include_guard(GLOBAL)

set(EGRET_HAVE_POSTGRES OFF)
set(_egret_pq_target "")

find_package(PostgreSQL QUIET)
if(PostgreSQL_FOUND AND TARGET PostgreSQL::PostgreSQL)
  set(_egret_pq_target PostgreSQL::PostgreSQL)
else()
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(EGRET_LIBPQ QUIET IMPORTED_TARGET libpq)
    if(EGRET_LIBPQ_FOUND)
      set(_egret_pq_target PkgConfig::EGRET_LIBPQ)
    endif()
  endif()
endif()

if(_egret_pq_target)
  add_library(egret_postgres INTERFACE)
  add_library(egret::postgres ALIAS egret_postgres)
  set_target_properties(egret_postgres PROPERTIES EXPORT_NAME postgres)
  target_link_libraries(egret_postgres INTERFACE egret ${_egret_pq_target})
  install(TARGETS egret_postgres EXPORT egretTargets)
  set(EGRET_HAVE_POSTGRES ON)
  message(STATUS "egret: libpq found; egret::postgres is defined")
else()
  message(STATUS "egret: libpq not found (apt-get install libpq-dev); egret::postgres is not defined")
endif()
set(EGRET_HAVE_POSTGRES ${EGRET_HAVE_POSTGRES} CACHE INTERNAL "egret::postgres is defined (libpq found)")
unset(_egret_pq_target)
