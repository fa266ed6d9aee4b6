# egret::postgres, the PostgreSQL backend (header-only, include/egret/postgres/): defined when libpq is found
# (cmake/FindEgretLibpq.cmake: FindPostgreSQL, then pkg-config). Sets EGRET_HAVE_POSTGRES (ON/OFF) for the tests
# (tests/postgres/) and the conformance suite.
include_guard(GLOBAL)

set(EGRET_HAVE_POSTGRES OFF)
find_package(EgretLibpq QUIET)
if(EgretLibpq_FOUND)
  add_library(egret_postgres INTERFACE)
  add_library(egret::postgres ALIAS egret_postgres)
  set_target_properties(egret_postgres PROPERTIES EXPORT_NAME postgres)
  target_link_libraries(egret_postgres INTERFACE egret EgretLibpq::EgretLibpq)
  set(EGRET_HAVE_POSTGRES ON)
  message(STATUS "egret: libpq found; egret::postgres is defined")
else()
  message(STATUS "egret: libpq not found (apt-get install libpq-dev); egret::postgres is not defined")
endif()
set(EGRET_HAVE_POSTGRES ${EGRET_HAVE_POSTGRES} CACHE INTERNAL "egret::postgres is defined (libpq found)")
