# Runs one compile-fail test:  cmake -DEGRET_CF_SETTINGS=<file> -DEGRET_CF_SOURCE=<snippet.cpp> -P EgretCompileFail.cmake
#
# Contract for snippet writers (tests/compile_fail/<folder>/<name>.cpp => CTest
# "compile_fail.<folder>.<name>"):
#
#   // expect: <regex>          <- MUST be the very first line
#   #include <egret/egret.hpp>
#   ... code that is fine ...
#   #ifndef EGRET_CONTROL
#   ... the ONE thing that must not compile ...
#   #endif
#
#  (a) Control build: the file is compiled with -DEGRET_CONTROL (-std=c++20
#      -fsyntax-only, egret's include dirs, the project's C++ compiler). It MUST
#      compile; this proves the snippet fails for the intended reason only.
#  (b) Real build: without EGRET_CONTROL. It MUST fail, and the compiler output
#      must match <regex>.
#  (c) "diagnostic-lines: N" is printed (lines of compiler output of (b)).
#
#  <regex> is a CMake regular expression (see string(REGEX)). With GCC
#  (EGRET_CF_COMPILER_ID GNU) it must match the FIRST line that contains
#  "error:": the first error g++ prints must name the problem, not a cascade
#  or a type dump before it. With other compilers it is searched anywhere in
#  the combined stdout+stderr. The match is QUOTE-AGNOSTIC:
#  the characters  ' " `  and the UTF-8 curly quotes  ‘ ’ “ ”  are deleted from
#  the compiler output (and from the regex) before matching, because GCC and
#  Clang quote differently and GCC's quotes depend on the locale.
#  => WRITE THE REGEX WITHOUT ANY QUOTES, e.g.
#       // expect: no member named frobnicate
#     not  // expect: no member named 'frobnicate'
#  Prefer matching the text of your own static_assert message (identical in
#  GCC and Clang) over compiler-specific wording.

cmake_minimum_required(VERSION 3.25)

foreach(var EGRET_CF_SETTINGS EGRET_CF_SOURCE)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "EgretCompileFail.cmake: -D${var}=... is required")
  endif()
endforeach()
include("${EGRET_CF_SETTINGS}")

# --- read the contract -------------------------------------------------------
file(READ "${EGRET_CF_SOURCE}" _text)
string(REGEX MATCH "^[^\n]*" _first_line "${_text}")
if(NOT _first_line MATCHES "^[ \t]*//[ \t]*expect:[ \t]*(.*[^ \t\r])[ \t\r]*$")
  message(FATAL_ERROR "${EGRET_CF_SOURCE}: the first line must be '// expect: <regex>' "
                      "(got: '${_first_line}')")
endif()
set(_expect "${CMAKE_MATCH_1}")

if(NOT _text MATCHES "#[ \t]*ifndef[ \t]+EGRET_CONTROL")
  message(FATAL_ERROR "${EGRET_CF_SOURCE}: the offending code must be wrapped in "
                      "'#ifndef EGRET_CONTROL ... #endif'")
endif()

function(_egret_strip_quotes var)
  set(s "${${var}}")
  foreach(q "'" "\"" "`" "‘" "’" "“" "”")
    string(REPLACE "${q}" "" s "${s}")
  endforeach()
  set(${var} "${s}" PARENT_SCOPE)
endfunction()
_egret_strip_quotes(_expect)

# --- compiler command --------------------------------------------------------
set(_cmd ${EGRET_CF_COMMAND} -fsyntax-only -fdiagnostics-color=never)

string(REPLACE ";" " " _cmd_text "${_cmd}")

# Prints the compiler output verbatim (message(FATAL_ERROR) would re-wrap it), then fails.
function(_egret_fail reason command output)
  message(NOTICE "compile-fail FAILED: ${EGRET_CF_SOURCE}\n${reason}\n"
                 "Command: ${command}\n"
                 "---- compiler output ----\n${output}"
                 "---- end of compiler output ----")
  message(FATAL_ERROR "compile-fail test failed (see above)")
endfunction()

# (a) control build: must succeed
execute_process(
  COMMAND ${_cmd} -DEGRET_CONTROL "${EGRET_CF_SOURCE}"
  RESULT_VARIABLE _control_rc
  OUTPUT_VARIABLE _control_out
  ERROR_VARIABLE _control_out)
if(NOT _control_rc EQUAL 0)
  _egret_fail(
    "CONTROL build (with -DEGRET_CONTROL) failed, but it must compile: the snippet is broken outside its '#ifndef EGRET_CONTROL' block."
    "${_cmd_text} -DEGRET_CONTROL ${EGRET_CF_SOURCE}" "${_control_out}")
endif()

# (b) real build: must fail with matching diagnostics
execute_process(
  COMMAND ${_cmd} "${EGRET_CF_SOURCE}"
  RESULT_VARIABLE _rc
  OUTPUT_VARIABLE _out
  ERROR_VARIABLE _out)

# (c) diagnostic size
string(LENGTH "${_out}" _len_all)
string(REPLACE "\n" "" _no_nl "${_out}")
string(LENGTH "${_no_nl}" _len_no_nl)
math(EXPR _lines "${_len_all} - ${_len_no_nl}")
if(NOT _out STREQUAL "" AND NOT _out MATCHES "\n$")
  math(EXPR _lines "${_lines} + 1")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" -E echo "diagnostic-lines: ${_lines}")

if(_rc EQUAL 0)
  _egret_fail("The snippet COMPILED, but it must fail to compile."
    "${_cmd_text} ${EGRET_CF_SOURCE}" "${_out}")
endif()

set(_out_stripped "${_out}")
_egret_strip_quotes(_out_stripped)
if(EGRET_CF_COMPILER_ID STREQUAL "GNU")
  # the first line holding "error:" (a line is a run of characters other than a newline)
  string(REGEX MATCH "[^\n]*error:[^\n]*" _first_error "${_out_stripped}")
  if(NOT _first_error MATCHES "${_expect}")
    _egret_fail("Compilation failed as expected, but the FIRST error line does not match the expected regex (quotes removed): ${_expect}\nFirst error line: ${_first_error}"
      "${_cmd_text} ${EGRET_CF_SOURCE}" "${_out}")
  endif()
elseif(NOT _out_stripped MATCHES "${_expect}")
  _egret_fail("Compilation failed as expected, but the output does not match the expected regex (quotes removed): ${_expect}"
    "${_cmd_text} ${EGRET_CF_SOURCE}" "${_out}")
endif()

execute_process(COMMAND "${CMAKE_COMMAND}" -E echo
  "compile-fail OK: failed as expected, output matches: ${_expect}")
