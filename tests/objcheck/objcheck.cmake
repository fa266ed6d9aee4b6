# Proves that static SQL costs nothing at run time (docs/dialects.md, "Static SQL is a constant").
#
#   cmake -DEGRET_CF_SETTINGS=<settings.cmake> -DEGRET_OBJCHECK_SOURCE=<static_sql.cpp>
#         -DEGRET_OBJCHECK_WORK=<dir> -DEGRET_NM=<nm> -P objcheck.cmake
#
# EGRET_CF_SETTINGS is the file tests/CMakeLists.txt writes for the compile-fail tests: the C++ compiler
# CMake is configured with, egret's include directories and definitions. The source is compiled at -O2
# to an object file (never linked) and inspected:
#   (a) every raw string R"(...)" of the source (the expected SQL texts) is in the object's bytes;
#   (b) no symbol, defined or called, names egret's renderer (render..., ...writer), and the object calls
#       nothing but the opaque sink (no allocation, no memcpy, no std::string).
# The same source with -DEGRET_OBJCHECK_RUNTIME renders at run time (render_sql): both checks must FAIL on
# it, so a passing run means the checks can see rendering when it happens.
cmake_minimum_required(VERSION 3.25)

foreach(var EGRET_CF_SETTINGS EGRET_OBJCHECK_SOURCE EGRET_OBJCHECK_WORK EGRET_NM)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "objcheck.cmake: -D${var}=... is required")
  endif()
endforeach()
include("${EGRET_CF_SETTINGS}")
file(MAKE_DIRECTORY "${EGRET_OBJCHECK_WORK}")

set(_cmd ${EGRET_CF_COMMAND} -O2 -c)

# The expected texts: the raw strings of the source.
file(READ "${EGRET_OBJCHECK_SOURCE}" _source)
string(REGEX MATCHALL "R\"\\([^)]*(\\)[^\"][^)]*)*\\)\"" _raw "${_source}")
set(_expected "")
foreach(r IN LISTS _raw)
  string(REGEX REPLACE "^R\"\\((.*)\\)\"$" "\\1" r "${r}")
  list(APPEND _expected "${r}")
endforeach()
list(LENGTH _expected _n_expected)
if(_n_expected LESS 2)
  message(FATAL_ERROR "objcheck.cmake: expected at least two R\"(...)\" SQL texts in ${EGRET_OBJCHECK_SOURCE}")
endif()

# Compiles the source (with extra flags) to <work>/<name>.o and sets <name>_problems to what is wrong.
function(_objcheck name)
  set(obj "${EGRET_OBJCHECK_WORK}/${name}.o")
  execute_process(COMMAND ${_cmd} ${ARGN} "${EGRET_OBJCHECK_SOURCE}" -o "${obj}"
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " cmd_text "${_cmd};${ARGN}")
    message(FATAL_ERROR "objcheck: compiling ${name} failed:\n${cmd_text} ${EGRET_OBJCHECK_SOURCE}\n${out}")
  endif()
  set(problems "")
  # (a) the SQL texts are constants in the object
  file(STRINGS "${obj}" strings LENGTH_MINIMUM 16)
  string(JOIN "\n" strings_text ${strings})
  foreach(sql IN LISTS _expected)
    string(FIND "${strings_text}" "${sql}" at)
    if(at EQUAL -1)
      list(APPEND problems "the SQL text is not a constant in the object: ${sql}")
    endif()
  endforeach()
  # (b) no renderer symbol, and no call but the sink
  execute_process(COMMAND "${EGRET_NM}" "${obj}" RESULT_VARIABLE rc OUTPUT_VARIABLE syms ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "objcheck: ${EGRET_NM} ${obj} failed: ${err}")
  endif()
  string(REPLACE "\n" ";" syms "${syms}")
  foreach(line IN LISTS syms)
    if(line MATCHES "render|writer")
      string(SUBSTRING "${line}" 0 160 short)
      list(APPEND problems "renderer code in the object: ${short}...")
    elseif(line MATCHES "^ +U +(.+)$" AND NOT CMAKE_MATCH_1 STREQUAL "egret_objcheck_sink")
      list(APPEND problems "the object calls ${CMAKE_MATCH_1}")
    endif()
  endforeach()
  set(${name}_problems "${problems}" PARENT_SCOPE)
endfunction()

_objcheck(static_sql)
_objcheck(runtime_sql -DEGRET_OBJCHECK_RUNTIME)

# The checks must see run-time rendering: both (a) and (b) fail on the runtime variant.
set(_saw_a FALSE)
set(_saw_b FALSE)
foreach(p IN LISTS runtime_sql_problems)
  if(p MATCHES "^the SQL text is not a constant")
    set(_saw_a TRUE)
  else()
    set(_saw_b TRUE)
  endif()
endforeach()
if(NOT _saw_a OR NOT _saw_b)
  message(FATAL_ERROR "objcheck: the checks did not catch the run-time rendering variant "
                      "(text check failed: ${_saw_a}, code check failed: ${_saw_b}); they prove nothing")
endif()
list(LENGTH runtime_sql_problems _n_runtime)
message(STATUS "objcheck: run-time rendering variant caught (${_n_runtime} findings)")

if(static_sql_problems)
  string(REPLACE ";" "\n  " _list "${static_sql_problems}")
  message(FATAL_ERROR "objcheck: static SQL is not a constant:\n  ${_list}")
endif()
message(STATUS "objcheck: ${_n_expected} SQL texts are constants in the object; its code calls only the sink")
