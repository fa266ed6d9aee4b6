# FindEgretLibpq: libpq (the PostgreSQL client library, libpq-fe.h) for egret::postgres.
#
# Looked up with CMake's FindPostgreSQL (client library and libpq-fe.h only), then with pkg-config. Used by
# egret's build (cmake/EgretPostgres.cmake) and installed beside egretConfig.cmake, which finds it again in the
# consumer's project: the exported egret::postgres names the imported target below, never a library path.
#
#   EgretLibpq::EgretLibpq   imported target (links PostgreSQL::PostgreSQL or PkgConfig::EGRET_LIBPQ)
#   EgretLibpq_FOUND

set(_egret_libpq_target "")
find_package(PostgreSQL QUIET)
if(PostgreSQL_FOUND AND TARGET PostgreSQL::PostgreSQL)
  set(_egret_libpq_target PostgreSQL::PostgreSQL)
else()
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(EGRET_LIBPQ QUIET IMPORTED_TARGET libpq)
    if(EGRET_LIBPQ_FOUND)
      set(_egret_libpq_target PkgConfig::EGRET_LIBPQ)
    endif()
  endif()
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(EgretLibpq
  REQUIRED_VARS _egret_libpq_target
  REASON_FAILURE_MESSAGE "apt-get install libpq-dev")

if(EgretLibpq_FOUND AND NOT TARGET EgretLibpq::EgretLibpq)
  add_library(EgretLibpq::EgretLibpq INTERFACE IMPORTED)
  set_target_properties(EgretLibpq::EgretLibpq PROPERTIES INTERFACE_LINK_LIBRARIES "${_egret_libpq_target}")
endif()
unset(_egret_libpq_target)
