# FindDuckDB: DuckDB's C API (duckdb.h and libduckdb) for egret::duckdb.
#
# Looks for duckdb.h and libduckdb (shared) under DuckDB_ROOT (a CMake variable or an environment variable: the
# directory of DuckDB's released libduckdb-<os>-<arch>.zip unpacked, or a prefix with include/ and lib/), then in
# the usual prefixes (/usr/local, where tests/servers/duckdb.sh puts them by default). The version is asked of the
# library itself: a tiny program compiled against the header found and linked with the library found prints
# duckdb_library_version() (cached; not when cross-compiling, where DuckDB_VERSION stays empty). Used by egret's build
# (cmake/EgretDuckDB.cmake) and installed beside egretConfig.cmake, which finds DuckDB again in the consumer's project.
#
#   DuckDB::DuckDB        imported target (the library, its include directory)
#   DuckDB_FOUND
#   DuckDB_VERSION        e.g. 1.4.4 (find_package(DuckDB 1.4) checks it)
#   DuckDB_INCLUDE_DIR    cache: the directory holding duckdb.h
#   DuckDB_LIBRARY        cache: the library

find_path(DuckDB_INCLUDE_DIR NAMES duckdb.h
  HINTS "${DuckDB_ROOT}" "$ENV{DuckDB_ROOT}"
  PATH_SUFFIXES include)
find_library(DuckDB_LIBRARY NAMES duckdb
  HINTS "${DuckDB_ROOT}" "$ENV{DuckDB_ROOT}"
  PATH_SUFFIXES lib lib64)
mark_as_advanced(DuckDB_INCLUDE_DIR DuckDB_LIBRARY)

# The version of the library found, asked once per library (and again when the library file changes).
if(DuckDB_INCLUDE_DIR AND DuckDB_LIBRARY AND NOT CMAKE_CROSSCOMPILING)
  file(TIMESTAMP "${DuckDB_LIBRARY}" _duckdb_stamp "%s" UTC)
  set(_duckdb_key "${DuckDB_INCLUDE_DIR}|${DuckDB_LIBRARY}|${_duckdb_stamp}")
  if(NOT _DuckDB_VERSION_KEY STREQUAL _duckdb_key)
    get_property(_duckdb_languages GLOBAL PROPERTY ENABLED_LANGUAGES)
    set(_duckdb_lang "")
    if("CXX" IN_LIST _duckdb_languages)
      set(_duckdb_lang CXX)
      set(_duckdb_source "duckdb_version.cpp")
      set(_duckdb_code "#include <cstdio>\n#include <duckdb.h>\nint main() { std::puts(duckdb_library_version()); }\n")
    elseif("C" IN_LIST _duckdb_languages)
      set(_duckdb_lang C)
      set(_duckdb_source "duckdb_version.c")
      set(_duckdb_code "#include <stdio.h>\n#include <duckdb.h>\nint main(void) { puts(duckdb_library_version()); return 0; }\n")
    endif()
    set(_duckdb_version "")
    if(_duckdb_lang)
      get_filename_component(_duckdb_libdir "${DuckDB_LIBRARY}" DIRECTORY)
      try_run(_duckdb_run _duckdb_compiled
        SOURCE_FROM_CONTENT "${_duckdb_source}" "${_duckdb_code}"
        CMAKE_FLAGS "-DINCLUDE_DIRECTORIES=${DuckDB_INCLUDE_DIR}"
        LINK_LIBRARIES "${DuckDB_LIBRARY}"
        LINK_OPTIONS "-Wl,-rpath,${_duckdb_libdir}"
        COMPILE_OUTPUT_VARIABLE _duckdb_compile_output
        RUN_OUTPUT_VARIABLE _duckdb_run_output)
      if(_duckdb_compiled AND _duckdb_run EQUAL 0 AND _duckdb_run_output MATCHES "v?([0-9]+\\.[0-9]+\\.[0-9]+)")
        set(_duckdb_version "${CMAKE_MATCH_1}")
      endif()
    endif()
    set(DuckDB_VERSION "${_duckdb_version}" CACHE INTERNAL "The version of DuckDB_LIBRARY (duckdb_library_version())")
    set(_DuckDB_VERSION_KEY "${_duckdb_key}" CACHE INTERNAL "The library DuckDB_VERSION was read from")
  endif()
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(DuckDB
  REQUIRED_VARS DuckDB_LIBRARY DuckDB_INCLUDE_DIR
  VERSION_VAR DuckDB_VERSION
  REASON_FAILURE_MESSAGE "run tests/servers/duckdb.sh (DuckDB 1.4.4 into /usr/local), or unpack DuckDB's released libduckdb and configure with -DDuckDB_ROOT=<dir>")

if(DuckDB_FOUND AND NOT TARGET DuckDB::DuckDB)
  add_library(DuckDB::DuckDB UNKNOWN IMPORTED)
  set_target_properties(DuckDB::DuckDB PROPERTIES
    IMPORTED_LOCATION "${DuckDB_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${DuckDB_INCLUDE_DIR}")
endif()
unset(_duckdb_stamp)
unset(_duckdb_key)
unset(_duckdb_languages)
unset(_duckdb_lang)
unset(_duckdb_source)
unset(_duckdb_code)
unset(_duckdb_version)
unset(_duckdb_libdir)
