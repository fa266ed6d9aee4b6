# Install test: cmake -DEGRET_BINARY_DIR=... -DEGRET_CONSUMER_DIR=... -DEGRET_WORK_DIR=...
#                     -DEGRET_CXX=... -DEGRET_GENERATOR=... [-DEGRET_CONFIG=...] -P EgretInstallTest.cmake
#
# 1. cmake --install <build dir> --prefix <work>/prefix   (fresh: <work> is wiped first)
# 2. configure tests/install/consumer into <work>/build with CMAKE_PREFIX_PATH=<work>/prefix
#    and check that egret was found in that prefix (not in some system location)
# 3. build it, 4. run it. Any failure fails the test.
cmake_minimum_required(VERSION 3.25)

foreach(var EGRET_BINARY_DIR EGRET_CONSUMER_DIR EGRET_WORK_DIR EGRET_CXX EGRET_GENERATOR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "EgretInstallTest.cmake: -D${var}=... is required")
  endif()
endforeach()

set(_prefix "${EGRET_WORK_DIR}/prefix")
set(_build  "${EGRET_WORK_DIR}/build")
set(_config_args "")
if(EGRET_CONFIG)
  set(_config_args --config "${EGRET_CONFIG}")
endif()

function(_egret_run step)
  execute_process(COMMAND ${ARGN}
    RESULT_VARIABLE rc
    OUTPUT_VARIABLE out
    ERROR_VARIABLE out)
  string(REPLACE ";" " " cmd "${ARGN}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "install test: step '${step}' failed (exit ${rc})\n"
                        "Command: ${cmd}\n---- output ----\n${out}")
  endif()
  message(STATUS "install test: ${step}: OK")
  if(step STREQUAL "run consumer")
    message(STATUS "consumer output: ${out}")
  endif()
endfunction()

file(REMOVE_RECURSE "${EGRET_WORK_DIR}")
file(MAKE_DIRECTORY "${EGRET_WORK_DIR}")

_egret_run("install"
  "${CMAKE_COMMAND}" --install "${EGRET_BINARY_DIR}" --prefix "${_prefix}" ${_config_args})

set(_configure_args
  -S "${EGRET_CONSUMER_DIR}" -B "${_build}"
  -G "${EGRET_GENERATOR}"
  "-DCMAKE_CXX_COMPILER=${EGRET_CXX}"
  "-DCMAKE_PREFIX_PATH=${_prefix}"
  -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
if(EGRET_CONFIG)
  list(APPEND _configure_args "-DCMAKE_BUILD_TYPE=${EGRET_CONFIG}")
endif()
_egret_run("configure consumer" "${CMAKE_COMMAND}" ${_configure_args})

# egret must come from the fresh prefix, never from a pre-installed copy.
file(STRINGS "${_build}/CMakeCache.txt" _egret_dir_line REGEX "^egret_DIR:")
string(REGEX REPLACE "^egret_DIR:[A-Z]+=" "" _egret_dir "${_egret_dir_line}")
file(REAL_PATH "${_egret_dir}" _egret_dir)
file(REAL_PATH "${_prefix}" _prefix_real)
string(FIND "${_egret_dir}/" "${_prefix_real}/" _pos)
if(NOT _pos EQUAL 0)
  message(FATAL_ERROR "install test: egret was found at '${_egret_dir}', not in the test prefix '${_prefix_real}'")
endif()

_egret_run("build consumer" "${CMAKE_COMMAND}" --build "${_build}" ${_config_args})

set(_exe "${_build}/consumer")
if(NOT EXISTS "${_exe}" AND EGRET_CONFIG AND EXISTS "${_build}/${EGRET_CONFIG}/consumer")
  set(_exe "${_build}/${EGRET_CONFIG}/consumer")   # multi-config generators
endif()
_egret_run("run consumer" "${_exe}")
message(STATUS "install test: find_package(egret CONFIG REQUIRED) from ${_prefix}: OK")
