# cmake -DEGRET_FUZZER=<harness> -DEGRET_FUZZ_DIRS=<dir>|<dir>... -P replay.cmake
#
# Runs a libFuzzer harness once on every file of the given folders (no fuzzing, nothing written): the
# minimized reproducers of past findings (tests/fuzz/regressions/<harness>/) and the seed corpus. Fails when
# one of them fails. Used by the fuzz.<harness>.replay CTest tests (cmake/EgretFuzz.cmake).
string(REPLACE "|" ";" _dirs "${EGRET_FUZZ_DIRS}")
set(_files "")
foreach(dir IN LISTS _dirs)
  file(GLOB _in LIST_DIRECTORIES false "${dir}/*")
  list(FILTER _in EXCLUDE REGEX "/(README[^/]*|\\.[^/]*)$")
  list(APPEND _files ${_in})
endforeach()
list(LENGTH _files _n)
if(_n EQUAL 0)
  message(STATUS "no input to replay in ${EGRET_FUZZ_DIRS}")
  return()
endif()
list(SORT _files)
execute_process(COMMAND "${EGRET_FUZZER}" ${_files} RESULT_VARIABLE _rc)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "${EGRET_FUZZER}: an input failed (exit ${_rc}); its report is above")
endif()
message(STATUS "replayed ${_n} inputs: all pass")
