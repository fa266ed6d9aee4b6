# One CTest test of jaffle_shop's command line (egret/pipeline/cli.hpp): runs
#   PROGRAM ARGS...   (ARGS: the arguments separated by "|")
# and checks its exit status (EXPECT_STATUS), that its output (stdout then stderr) matches EXPECT_REGEX and, when
# given, does not match REJECT_REGEX. Run as cmake -DPROGRAM=... -DARGS=... -DEXPECT_STATUS=... -P cli_test.cmake.
string(REPLACE "|" ";" _args "${ARGS}")
execute_process(COMMAND "${PROGRAM}" ${_args}
  RESULT_VARIABLE _status OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
set(_all "${_out}${_err}")
# "\n" in a regex (two characters: a -D value holds no line break) is a line break.
string(REPLACE "\\n" "\n" EXPECT_REGEX "${EXPECT_REGEX}")
message("$ jaffle_shop ${_args}\n${_all}(exit status ${_status})")
if(NOT "${_status}" STREQUAL "${EXPECT_STATUS}")
  message(FATAL_ERROR "exit status ${_status}, expected ${EXPECT_STATUS}")
endif()
if(DEFINED EXPECT_REGEX AND NOT _all MATCHES "${EXPECT_REGEX}")
  message(FATAL_ERROR "the output does not match: ${EXPECT_REGEX}")
endif()
if(DEFINED REJECT_REGEX AND NOT REJECT_REGEX STREQUAL "" AND _all MATCHES "${REJECT_REGEX}")
  message(FATAL_ERROR "the output matches what it must not: ${REJECT_REGEX}")
endif()
