# egret_add_fuzzer(<name> SOURCES <files...> [LIBRARIES <targets...>] [INCLUDES <dirs...>])
#
# A libFuzzer harness (tests/fuzz/, docs/reliability.md "Sanitizers and fuzzing"): built with clang's
# -fsanitize=fuzzer,address,undefined (Debian: apt-get install clang-16 libclang-rt-16-dev), and two CTest tests:
#
#   fuzz.<name>              runs it for EGRET_FUZZ_SECONDS over its seed corpus (tests/fuzz/corpus/<name>/, read
#                            only) and a working copy in the build tree (<build>/fuzz-corpus/<name>/, where new
#                            inputs go); a crash is written to <build>/fuzz-artifacts/<name>/ and fails the test.
#   fuzz.<name>.replay       runs it once on every file of tests/fuzz/regressions/<name>/ (the minimized inputs
#                            of past findings) and of the seed corpus, without fuzzing: a quick check that a
#                            fixed finding stays fixed (tests/fuzz/replay.cmake). The findings not fixed yet
#                            (regressions/<name>/open/) join them with EGRET_FUZZ_STRICT=ON, which also makes
#                            the harnesses stop tolerating the known ones.
#
# Only for EGRET_FUZZ=ON builds (the `fuzz` preset); the harnesses are egret's own targets, so they get
# egret_project_warnings (-Werror under EGRET_WERROR).
include_guard(GLOBAL)

set(EGRET_FUZZ_SECONDS 60 CACHE STRING "How long each fuzz.<harness> CTest test fuzzes (-max_total_time, seconds)")
set(EGRET_FUZZ_FLAGS "" CACHE STRING "More libFuzzer flags for the fuzz.<harness> tests (e.g. -jobs=2 -workers=2)")
option(EGRET_FUZZ_STRICT "Harnesses fail on the known findings they otherwise tolerate (tests/fuzz/regressions/)" OFF)
set(EGRET_FUZZ_SANITIZERS "fuzzer,address,undefined" CACHE STRING "The -fsanitize= list the harnesses are built with")

if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "egret: EGRET_FUZZ needs clang (libFuzzer): configure with the `fuzz` preset "
                      "(clang++-16; Debian: apt-get install clang-16 libclang-rt-16-dev)")
endif()

# Fail at configure time, with the package to install, when clang has no libFuzzer runtime.
include(CheckCXXSourceCompiles)
set(CMAKE_REQUIRED_FLAGS "-fsanitize=${EGRET_FUZZ_SANITIZERS}")
set(CMAKE_REQUIRED_LINK_OPTIONS "-fsanitize=${EGRET_FUZZ_SANITIZERS}")
check_cxx_source_compiles([[
#include <cstddef>
#include <cstdint>
extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const*, std::size_t) { return 0; }
]] EGRET_HAVE_LIBFUZZER)
unset(CMAKE_REQUIRED_FLAGS)
unset(CMAKE_REQUIRED_LINK_OPTIONS)
if(NOT EGRET_HAVE_LIBFUZZER)
  message(FATAL_ERROR "egret: ${CMAKE_CXX_COMPILER} cannot link -fsanitize=${EGRET_FUZZ_SANITIZERS} "
                      "(Debian: apt-get install libclang-rt-16-dev)")
endif()

function(egret_add_fuzzer name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;LIBRARIES;INCLUDES")
  set(_target "fuzz_${name}")
  add_executable(${_target} ${arg_SOURCES})
  target_link_libraries(${_target} PRIVATE egret::sqlite ${arg_LIBRARIES})
  target_include_directories(${_target} PRIVATE "${PROJECT_SOURCE_DIR}/tests" ${arg_INCLUDES})
  target_compile_options(${_target} PRIVATE -fsanitize=${EGRET_FUZZ_SANITIZERS} -fno-omit-frame-pointer
                                            -fno-sanitize-recover=all)
  target_link_options(${_target} PRIVATE -fsanitize=${EGRET_FUZZ_SANITIZERS})
  target_compile_definitions(${_target} PRIVATE EGRET_FUZZ_TMP_DIR="${CMAKE_CURRENT_BINARY_DIR}/tmp"
                                                 EGRET_FUZZ_STRICT=$<BOOL:${EGRET_FUZZ_STRICT}>)
  egret_project_warnings(${_target})

  set(_seeds "${CMAKE_CURRENT_SOURCE_DIR}/corpus/${name}")
  set(_work "${PROJECT_BINARY_DIR}/fuzz-corpus/${name}")
  set(_artifacts "${PROJECT_BINARY_DIR}/fuzz-artifacts/${name}/")
  file(MAKE_DIRECTORY "${_work}" "${_artifacts}" "${CMAKE_CURRENT_BINARY_DIR}/tmp")
  separate_arguments(_extra UNIX_COMMAND "${EGRET_FUZZ_FLAGS}")
  set(_dict "")
  if(EXISTS "${CMAKE_CURRENT_SOURCE_DIR}/${name}.dict")
    set(_dict "-dict=${CMAKE_CURRENT_SOURCE_DIR}/${name}.dict")
  endif()
  add_test(NAME fuzz.${name}
    COMMAND ${_target} -max_total_time=${EGRET_FUZZ_SECONDS} -timeout=25 -rss_limit_mb=2048
            -print_final_stats=1 -artifact_prefix=${_artifacts} ${_dict} ${_extra} "${_work}" "${_seeds}")
  math(EXPR _timeout "${EGRET_FUZZ_SECONDS} * 2 + 120")
  set_tests_properties(fuzz.${name} PROPERTIES LABELS fuzz TIMEOUT ${_timeout})

  # Open findings (regressions/<name>/open/: not fixed yet, they fail) are replayed only by strict builds.
  set(_replay "${CMAKE_CURRENT_SOURCE_DIR}/regressions/${name}|${_seeds}")
  if(EGRET_FUZZ_STRICT)
    string(APPEND _replay "|${CMAKE_CURRENT_SOURCE_DIR}/regressions/${name}/open")
  endif()
  add_test(NAME fuzz.${name}.replay
    COMMAND "${CMAKE_COMMAND}" "-DEGRET_FUZZER=$<TARGET_FILE:${_target}>"
            "-DEGRET_FUZZ_DIRS=${_replay}"
            -P "${CMAKE_CURRENT_SOURCE_DIR}/replay.cmake")
  set_tests_properties(fuzz.${name}.replay PROPERTIES LABELS fuzz TIMEOUT 300)
endfunction()
