# Consumer tests: projects outside egret's tree (tests/consumers/) that use egret the ways a user does, each
# configured, built and run by a nested cmake from CTest (tests/CMakeLists.txt), like EgretInstallTest.cmake.
#
#   cmake -DEGRET_MODE=<mode> -DEGRET_SOURCE_DIR=... -DEGRET_BINARY_DIR=... -DEGRET_CONSUMERS_DIR=...
#         -DEGRET_WORK_DIR=... -DEGRET_CXX=... -DEGRET_GENERATOR=... [-DEGRET_CONFIG=...]
#         -DEGRET_BACKENDS=<sqlite|postgres|mysql: those egret's build defines> -P EgretConsumerTest.cmake
#
# <mode>:
#   relocated           cmake --install the build into <work>/prefix, check that no exported target names a path,
#                       move the tree to <work>/moved/egret, then build and run find_package/ against the moved
#                       tree with every backend required as a component.
#   add_subdirectory    add_subdirectory/ (egret's source as a subproject, every backend), build, run; its own
#                       cmake --install must install nothing of egret (EGRET_INSTALL is OFF there).
#   fetchcontent        the same with fetchcontent/: egret's source packed into a tarball, fetched from file://.
#   no_sqlite.subproject  add_subdirectory/ with SQLite hidden from CMake (CMAKE_DISABLE_FIND_PACKAGE_SQLite3),
#                       linking egret::egret and the server backends: egret configures, egret::sqlite is absent.
#   no_sqlite.egret     egret itself configured and installed with SQLite hidden (its tests and examples are
#                       left out with a message); find_package/ with SQLite hidden builds against egret::egret, and
#                       requiring COMPONENTS sqlite fails, saying why.
#   no_sqlite.consumer  the build's install (which has every backend) used by find_package/ with SQLite, libpq and
#                       MariaDB all hidden: egret::egret alone configures, builds and runs; requiring
#                       COMPONENTS sqlite fails, saying why. A first step checks that the hiding works: a project
#                       doing find_package(SQLite3 REQUIRED), what egret's files did before, must fail.
# Any failure fails the test.
cmake_minimum_required(VERSION 3.25)

foreach(var EGRET_MODE EGRET_SOURCE_DIR EGRET_BINARY_DIR EGRET_CONSUMERS_DIR EGRET_WORK_DIR EGRET_CXX
            EGRET_GENERATOR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "EgretConsumerTest.cmake: -D${var}=... is required")
  endif()
endforeach()
string(REPLACE "|" ";" EGRET_BACKENDS "${EGRET_BACKENDS}")
list(JOIN EGRET_BACKENDS "," _all_backends)   # the consumers' lists: "," (";" would split the -D)

set(_config_args "")
set(_build_type_args "")
if(EGRET_CONFIG)
  set(_config_args --config "${EGRET_CONFIG}")
  set(_build_type_args "-DCMAKE_BUILD_TYPE=${EGRET_CONFIG}")
endif()
set(_hide_sqlite -DCMAKE_DISABLE_FIND_PACKAGE_SQLite3=ON)

# _egret_run(<step> <command...>): runs it, fails the test unless it exits 0; the output is left in _egret_out.
function(_egret_run step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  string(REPLACE ";" " " cmd "${ARGN}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "consumer test: step '${step}' failed (exit ${rc})\nCommand: ${cmd}\n---- output ----\n${out}")
  endif()
  message(STATUS "consumer test: ${step}: OK")
  set(_egret_out "${out}" PARENT_SCOPE)
endfunction()

# _egret_expect_failure(<step> <regex> <command...>): the command must fail and its output match <regex>.
function(_egret_expect_failure step regex)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  string(REPLACE ";" " " cmd "${ARGN}")
  if(rc EQUAL 0)
    message(FATAL_ERROR "consumer test: step '${step}' succeeded, but it must fail\nCommand: ${cmd}\n---- output ----\n${out}")
  endif()
  string(REGEX REPLACE "[ \t\r\n]+" " " flat "${out}")   # CMake wraps its messages
  if(NOT flat MATCHES "${regex}")
    message(FATAL_ERROR "consumer test: step '${step}' failed, but its output does not match '${regex}'\n"
                        "Command: ${cmd}\n---- output ----\n${out}")
  endif()
  message(STATUS "consumer test: ${step}: failed as expected (${regex})")
endfunction()

# _egret_expect_output(<step> <regex>): the last step's output must match <regex>.
function(_egret_expect_output step regex)
  string(REGEX REPLACE "[ \t\r\n]+" " " flat "${_egret_out}")
  if(NOT flat MATCHES "${regex}")
    message(FATAL_ERROR "consumer test: the output of '${step}' does not match '${regex}'\n---- output ----\n${_egret_out}")
  endif()
endfunction()

# _egret_configure(<step> <source> <build> <args...>)
function(_egret_configure step source build)
  _egret_run("${step}" "${CMAKE_COMMAND}" -S "${source}" -B "${build}" -G "${EGRET_GENERATOR}"
             "-DCMAKE_CXX_COMPILER=${EGRET_CXX}" ${_build_type_args} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF ${ARGN})
  set(_egret_out "${_egret_out}" PARENT_SCOPE)
endfunction()

# _egret_build_and_run(<name> <build> [<backend>,...]): builds the consumer and runs it; it must say it used each
# backend named (and egret::egret).
function(_egret_build_and_run name build)
  _egret_run("build ${name}" "${CMAKE_COMMAND}" --build "${build}" ${_config_args})
  set(exe "${build}/consumer")
  if(NOT EXISTS "${exe}" AND EGRET_CONFIG AND EXISTS "${build}/${EGRET_CONFIG}/consumer")
    set(exe "${build}/${EGRET_CONFIG}/consumer")   # multi-config generators
  endif()
  _egret_run("run ${name}" "${exe}")
  _egret_expect_output("run ${name}" "consumer: egret [0-9.]+, SQL renders")
  string(REPLACE "," ";" backends "${ARGN}")
  foreach(backend IN LISTS backends)
    _egret_expect_output("run ${name}" "consumer: egret::${backend} ")
  endforeach()
  _egret_expect_output("run ${name}" "consumer: ok")
  message(STATUS "consumer output:\n${_egret_out}")
endfunction()

# _egret_check_found_in(<build> <dir>): the consumer's egret_DIR is under <dir> (not some pre-installed egret).
function(_egret_check_found_in build dir)
  file(STRINGS "${build}/CMakeCache.txt" line REGEX "^egret_DIR:")
  string(REGEX REPLACE "^egret_DIR:[A-Z]+=" "" egret_dir "${line}")
  file(REAL_PATH "${egret_dir}" egret_dir)
  file(REAL_PATH "${dir}" dir)
  string(FIND "${egret_dir}/" "${dir}/" pos)
  if(NOT pos EQUAL 0)
    message(FATAL_ERROR "consumer test: egret was found at '${egret_dir}', not under '${dir}'")
  endif()
endfunction()

# _egret_install_consumer_without_egret(<build> <prefix>): the consumer's own cmake --install gives its program only.
function(_egret_install_consumer_without_egret build prefix)
  _egret_run("install the consumer" "${CMAKE_COMMAND}" --install "${build}" --prefix "${prefix}" ${_config_args})
  file(GLOB_RECURSE installed RELATIVE "${prefix}" "${prefix}/*")
  set(egret_files "${installed}")
  list(FILTER egret_files INCLUDE REGEX "egret")
  if(egret_files OR NOT installed MATCHES "(^|;)bin/consumer(;|$)")
    message(FATAL_ERROR "consumer test: the consumer's cmake --install must install bin/consumer and nothing of "
                        "egret (EGRET_INSTALL is OFF in a subproject); it installed: ${installed}")
  endif()
  message(STATUS "consumer test: the consumer's cmake --install installed ${installed} only: OK")
endfunction()

# _egret_check_relocatable(<prefix>): no exported property names an absolute path (a library, an include dir).
function(_egret_check_relocatable prefix)
  file(GLOB_RECURSE target_files "${prefix}/*/egret*[Tt]argets*.cmake")
  if(NOT target_files)
    message(FATAL_ERROR "consumer test: no egret target files under ${prefix}")
  endif()
  set(bad "")
  foreach(f IN LISTS target_files)
    file(STRINGS "${f}" lines REGEX "^[ \t]*INTERFACE_[A-Z_]+ \"")
    foreach(line IN LISTS lines)
      if(line MATCHES "\"(/|[^\"]*;/)" OR line MATCHES "[A-Za-z]:/")
        list(APPEND bad "${f}: ${line}")
      endif()
    endforeach()
  endforeach()
  file(GLOB_RECURSE package_files "${prefix}/*/cmake/egret/*")
  foreach(f IN LISTS package_files)
    file(READ "${f}" text)
    string(FIND "${text}" "${prefix}" at)
    if(NOT at EQUAL -1)
      list(APPEND bad "${f} names the install prefix ${prefix}")
    endif()
  endforeach()
  if(bad)
    list(JOIN bad "\n  " bad)
    message(FATAL_ERROR "consumer test: the installed package names absolute paths:\n  ${bad}")
  endif()
  list(LENGTH target_files n)
  message(STATUS "consumer test: ${n} exported target files, none names an absolute path: OK")
endfunction()

file(REMOVE_RECURSE "${EGRET_WORK_DIR}")
file(MAKE_DIRECTORY "${EGRET_WORK_DIR}")
set(_prefix "${EGRET_WORK_DIR}/prefix")
set(_build "${EGRET_WORK_DIR}/build")
set(_server_backends ${EGRET_BACKENDS})
list(REMOVE_ITEM _server_backends sqlite)
list(JOIN _server_backends "," _server_backends)

if(EGRET_MODE STREQUAL "relocated")
  _egret_run("install" "${CMAKE_COMMAND}" --install "${EGRET_BINARY_DIR}" --prefix "${_prefix}" ${_config_args})
  _egret_check_relocatable("${_prefix}")
  set(_moved "${EGRET_WORK_DIR}/moved/egret")
  file(MAKE_DIRECTORY "${EGRET_WORK_DIR}/moved")
  file(RENAME "${_prefix}" "${_moved}")
  message(STATUS "consumer test: moved ${_prefix} to ${_moved}")
  _egret_configure("configure find_package/ against the moved tree" "${EGRET_CONSUMERS_DIR}/find_package" "${_build}"
                   "-DCMAKE_PREFIX_PATH=${_moved}" "-DEGRET_CONSUMER_COMPONENTS=${_all_backends}")
  _egret_check_found_in("${_build}" "${_moved}")
  _egret_build_and_run("find_package/" "${_build}" "${_all_backends}")

elseif(EGRET_MODE STREQUAL "add_subdirectory")
  _egret_configure("configure add_subdirectory/" "${EGRET_CONSUMERS_DIR}/add_subdirectory" "${_build}"
                   "-DEGRET_SOURCE_DIR=${EGRET_SOURCE_DIR}" "-DEGRET_CONSUMER_COMPONENTS=${_all_backends}")
  _egret_build_and_run("add_subdirectory/" "${_build}" "${_all_backends}")
  _egret_install_consumer_without_egret("${_build}" "${_prefix}")

elseif(EGRET_MODE STREQUAL "fetchcontent")
  # What a release archive holds for a consumer: one top directory with the build files and the headers.
  set(_pack "${EGRET_WORK_DIR}/pack")
  file(MAKE_DIRECTORY "${_pack}/egret")
  file(COPY "${EGRET_SOURCE_DIR}/CMakeLists.txt" "${EGRET_SOURCE_DIR}/LICENSE" "${EGRET_SOURCE_DIR}/cmake"
            "${EGRET_SOURCE_DIR}/include" DESTINATION "${_pack}/egret")
  set(_tarball "${EGRET_WORK_DIR}/egret-src.tar.gz")
  _egret_run("pack egret's source" "${CMAKE_COMMAND}" -E chdir "${_pack}" "${CMAKE_COMMAND}" -E tar czf "${_tarball}" egret)
  _egret_configure("configure fetchcontent/" "${EGRET_CONSUMERS_DIR}/fetchcontent" "${_build}"
                   "-DEGRET_TARBALL=${_tarball}" "-DEGRET_CONSUMER_COMPONENTS=${_all_backends}")
  if(NOT EXISTS "${_build}/_deps/egret-src/include/egret/egret.hpp")
    message(FATAL_ERROR "consumer test: FetchContent did not unpack egret into ${_build}/_deps/egret-src")
  endif()
  _egret_build_and_run("fetchcontent/" "${_build}" "${_all_backends}")
  _egret_install_consumer_without_egret("${_build}" "${_prefix}")

elseif(EGRET_MODE STREQUAL "no_sqlite.subproject")
  _egret_configure("configure add_subdirectory/ with SQLite hidden" "${EGRET_CONSUMERS_DIR}/add_subdirectory" "${_build}"
                   ${_hide_sqlite} "-DEGRET_SOURCE_DIR=${EGRET_SOURCE_DIR}"
                   "-DEGRET_CONSUMER_COMPONENTS=${_server_backends}" -DEGRET_CONSUMER_ABSENT=sqlite)
  _egret_expect_output("configure add_subdirectory/" "egret: SQLite3 not found.*egret::sqlite is not defined")
  _egret_build_and_run("add_subdirectory/" "${_build}" "${_server_backends}")

elseif(EGRET_MODE STREQUAL "no_sqlite.egret")
  set(_egret_build "${EGRET_WORK_DIR}/egret-build")
  _egret_configure("configure egret with SQLite hidden" "${EGRET_SOURCE_DIR}" "${_egret_build}" ${_hide_sqlite})
  _egret_expect_output("configure egret" "egret::sqlite is not defined")
  _egret_expect_output("configure egret" "SQLite3 not found, so egret's own tests \\(EGRET_BUILD_TESTS\\), examples \\(EGRET_BUILD_EXAMPLES\\) are not built")
  _egret_run("install egret" "${CMAKE_COMMAND}" --install "${_egret_build}" --prefix "${_prefix}" ${_config_args})
  file(GLOB_RECURSE _sqlite_targets "${_prefix}/*/egret-sqlite-targets.cmake")
  if(_sqlite_targets)
    message(FATAL_ERROR "consumer test: egret built without SQLite installed ${_sqlite_targets}")
  endif()
  _egret_configure("configure find_package/ (egret::egret only) with SQLite hidden" "${EGRET_CONSUMERS_DIR}/find_package"
                   "${_build}" ${_hide_sqlite} "-DCMAKE_PREFIX_PATH=${_prefix}" -DEGRET_CONSUMER_ABSENT=sqlite)
  _egret_check_found_in("${_build}" "${_prefix}")
  _egret_build_and_run("find_package/" "${_build}")
  _egret_expect_failure("configure find_package/ requiring COMPONENTS sqlite" "egret was built without SQLite3"
    "${CMAKE_COMMAND}" -S "${EGRET_CONSUMERS_DIR}/find_package" -B "${EGRET_WORK_DIR}/build-sqlite"
    -G "${EGRET_GENERATOR}" "-DCMAKE_CXX_COMPILER=${EGRET_CXX}" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
    "-DCMAKE_PREFIX_PATH=${_prefix}" -DEGRET_CONSUMER_COMPONENTS=sqlite)

elseif(EGRET_MODE STREQUAL "no_sqlite.consumer")
  # The hiding works: a REQUIRED find of SQLite3 (egret's CMakeLists.txt and egretConfig.cmake before) fails.
  set(_probe "${EGRET_WORK_DIR}/probe")
  file(WRITE "${_probe}/CMakeLists.txt"
    "cmake_minimum_required(VERSION 3.25)\nproject(probe LANGUAGES NONE)\nfind_package(SQLite3 REQUIRED)\n")
  _egret_expect_failure("configure a project requiring SQLite3 with SQLite hidden" "SQLite3"
    "${CMAKE_COMMAND}" -S "${_probe}" -B "${_probe}/build" -G "${EGRET_GENERATOR}" ${_hide_sqlite})

  _egret_run("install" "${CMAKE_COMMAND}" --install "${EGRET_BINARY_DIR}" --prefix "${_prefix}" ${_config_args})
  set(_hide_all ${_hide_sqlite} -DCMAKE_DISABLE_FIND_PACKAGE_EgretLibpq=ON -DCMAKE_DISABLE_FIND_PACKAGE_EgretMariaDB=ON)
  _egret_configure("configure find_package/ (egret::egret only) with every database library hidden"
                   "${EGRET_CONSUMERS_DIR}/find_package" "${_build}" ${_hide_all} "-DCMAKE_PREFIX_PATH=${_prefix}"
                   -DEGRET_CONSUMER_ABSENT=sqlite,postgres,mysql)
  _egret_check_found_in("${_build}" "${_prefix}")
  if("sqlite" IN_LIST EGRET_BACKENDS)
    _egret_expect_output("configure find_package/" "egret::sqlite needs SQLite3, which was not found; egret::sqlite is not defined")
  endif()
  _egret_build_and_run("find_package/" "${_build}")
  if("sqlite" IN_LIST EGRET_BACKENDS)
    _egret_expect_failure("configure find_package/ requiring COMPONENTS sqlite with SQLite hidden"
      "egret::sqlite needs SQLite3, which was not found"
      "${CMAKE_COMMAND}" -S "${EGRET_CONSUMERS_DIR}/find_package" -B "${EGRET_WORK_DIR}/build-sqlite"
      -G "${EGRET_GENERATOR}" "-DCMAKE_CXX_COMPILER=${EGRET_CXX}" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
      ${_hide_sqlite} "-DCMAKE_PREFIX_PATH=${_prefix}" -DEGRET_CONSUMER_COMPONENTS=sqlite)
  endif()

else()
  message(FATAL_ERROR "EgretConsumerTest.cmake: unknown EGRET_MODE '${EGRET_MODE}'")
endif()
message(STATUS "consumer test ${EGRET_MODE}: OK")
