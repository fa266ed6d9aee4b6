# CTest script: fails when a build, test, example or benchmark file names the directory beside the repository
# (the parent directory's `shared` folder, or a path into its `data/`): a user's clone has nothing beside it, so
# nothing may read there. (The patterns are spelled with a character class so that this file does not name it.)
#   cmake -DEGRET_SOURCE_DIR=<repo> -P EgretNoOutsideData.cmake
file(GLOB_RECURSE _files LIST_DIRECTORIES false
  "${EGRET_SOURCE_DIR}/CMakeLists.txt" "${EGRET_SOURCE_DIR}/CMakePresets.json" "${EGRET_SOURCE_DIR}/.ci/*"
  "${EGRET_SOURCE_DIR}/cmake/*" "${EGRET_SOURCE_DIR}/include/*" "${EGRET_SOURCE_DIR}/tests/*"
  "${EGRET_SOURCE_DIR}/examples/*" "${EGRET_SOURCE_DIR}/bench/*")
set(_bad "")
foreach(f IN LISTS _files)
  if(f MATCHES "/examples/tpch/data/|/examples/jaffle_shop/seeds/|/tests/fuzz/corpus/|/tests/fuzz/regressions/|EgretNoOutsideData.cmake$")
    continue()
  endif()
  file(STRINGS "${f}" _hits REGEX "\\.\\./s[h]ared|s[h]ared/data/")
  if(_hits)
    list(APPEND _bad "${f}: ${_hits}")
  endif()
endforeach()
if(_bad)
  string(REPLACE ";" "\n  " _bad "${_bad}")
  message(FATAL_ERROR "these files read outside the repository (a fresh clone has nothing beside it):\n  ${_bad}")
endif()
list(LENGTH _files _n)
message(STATUS "${_n} files checked: none reads outside the repository")
