# docs/support-matrix.md, generated from the dialect traits by docs/support_matrix/generate.cpp.
#
# Included by the top-level CMakeLists.txt (with EGRET_BUILD_TESTS), it defines
#   egret_support_matrix       the generator: `egret_support_matrix [output.md]` (stdout without an argument)
#   support_matrix             a target that rewrites ${PROJECT_SOURCE_DIR}/docs/support-matrix.md:
#                                cmake --build --preset gcc --target support_matrix
#   docs.support_matrix_current  a CTest test: generates the matrix into the build tree and fails when the
#                                committed docs/support-matrix.md differs from it
# Run with -P, this file is that test's script (EGRET_SM_GENERATOR, EGRET_SM_OUTPUT, EGRET_SM_COMMITTED).

if(CMAKE_SCRIPT_MODE_FILE)
  cmake_minimum_required(VERSION 3.25)
  set(_regen "cmake --build --preset gcc --target support_matrix (or: cmake --build <build dir> --target support_matrix)")
  if(NOT EXISTS "${EGRET_SM_GENERATOR}")
    message(FATAL_ERROR "egret: the generator ${EGRET_SM_GENERATOR} is not built; build the target egret_support_matrix")
  endif()
  get_filename_component(_out_dir "${EGRET_SM_OUTPUT}" DIRECTORY)
  file(MAKE_DIRECTORY "${_out_dir}")
  execute_process(COMMAND "${EGRET_SM_GENERATOR}" "${EGRET_SM_OUTPUT}" RESULT_VARIABLE _rc)
  if(NOT _rc EQUAL 0)
    message(FATAL_ERROR "egret: egret_support_matrix failed (${_rc})")
  endif()
  if(NOT EXISTS "${EGRET_SM_COMMITTED}")
    message(FATAL_ERROR "egret: ${EGRET_SM_COMMITTED} does not exist; generate it with ${_regen}")
  endif()
  execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${EGRET_SM_COMMITTED}" "${EGRET_SM_OUTPUT}"
                  RESULT_VARIABLE _differ)
  if(_differ)
    # Name the first line that differs, to say what changed.
    file(STRINGS "${EGRET_SM_COMMITTED}" _old)
    file(STRINGS "${EGRET_SM_OUTPUT}" _new)
    list(LENGTH _old _n_old)
    list(LENGTH _new _n_new)
    set(_line 0)
    set(_where "")
    while(_line LESS _n_old OR _line LESS _n_new)
      set(_a "<end of file>")
      set(_b "<end of file>")
      if(_line LESS _n_old)
        list(GET _old ${_line} _a)
      endif()
      if(_line LESS _n_new)
        list(GET _new ${_line} _b)
      endif()
      if(NOT _a STREQUAL _b)
        string(REPLACE "\\;" ";" _a "${_a}")
        string(REPLACE "\\;" ";" _b "${_b}")
        math(EXPR _shown "${_line} + 1")
        set(_where "first difference, line ${_shown}:\n  committed: ${_a}\n  generated: ${_b}\n")
        break()
      endif()
      math(EXPR _line "${_line} + 1")
    endwhile()
    message(FATAL_ERROR "egret: docs/support-matrix.md is out of date: it differs from what the dialect traits "
                        "give now (${EGRET_SM_OUTPUT}).\n${_where}"
                        "Regenerate it with\n  ${_regen}\nand commit it.")
  endif()
  message(STATUS "docs/support-matrix.md is up to date")
  return()
endif()

add_executable(egret_support_matrix "${PROJECT_SOURCE_DIR}/docs/support_matrix/generate.cpp")
target_link_libraries(egret_support_matrix PRIVATE egret::egret)
egret_project_warnings(egret_support_matrix)

add_custom_target(support_matrix
  COMMAND egret_support_matrix "${PROJECT_SOURCE_DIR}/docs/support-matrix.md"
  COMMENT "Writing docs/support-matrix.md from the dialect traits"
  VERBATIM)

add_test(NAME docs.support_matrix_current
  COMMAND "${CMAKE_COMMAND}"
    "-DEGRET_SM_GENERATOR=$<TARGET_FILE:egret_support_matrix>"
    "-DEGRET_SM_OUTPUT=${PROJECT_BINARY_DIR}/docs/support-matrix.md"
    "-DEGRET_SM_COMMITTED=${PROJECT_SOURCE_DIR}/docs/support-matrix.md"
    -P "${CMAKE_CURRENT_LIST_FILE}")
set_tests_properties(docs.support_matrix_current PROPERTIES LABELS docs)
