# CTests "demo.tpch" and "demo.tpch.duckdb": run the tpch example on the SF 0.01 data for Q1, Q6, Q13 and Q14 and
# check the CSV answers.
#   cmake -DTPCH=<tpch executable> -DDATA_DIR=<dir of .tbl[.gz]> -DWORK_DIR=<scratch dir> [-DTARGET=sqlite|duckdb]
#         -P demo_test.cmake
# Without TARGET, runs the earlier positional form `tpch DATA_DIR WORK_DIR/tpch.db WORK_DIR/out ...` (SQLite); with
# it, `tpch --target TARGET:WORK_DIR/tpch.<TARGET> DATA_DIR WORK_DIR/out ...`.
foreach(var IN ITEMS TPCH DATA_DIR WORK_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "demo_test.cmake: -D${var}=... is required")
  endif()
endforeach()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
if("${TARGET}" STREQUAL "")
  set(args "${DATA_DIR}" "${WORK_DIR}/tpch.db" "${WORK_DIR}/out")
elseif("${TARGET}" STREQUAL "sqlite" OR "${TARGET}" STREQUAL "duckdb")
  set(args --target "${TARGET}:${WORK_DIR}/tpch.${TARGET}" "${DATA_DIR}" "${WORK_DIR}/out")
else()
  message(FATAL_ERROR "demo_test.cmake: -DTARGET=${TARGET}: expected sqlite or duckdb")
endif()
execute_process(
  COMMAND "${TPCH}" ${args} 1 6 13 14
  RESULT_VARIABLE rc
  ERROR_VARIABLE log)
message(STATUS "tpch output:\n${log}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tpch exited with ${rc}")
endif()

# expect_csv(<query> <header> <data lines>): the file exists, its first line and its number of data lines.
function(expect_csv name header rows)
  set(file "${WORK_DIR}/out/${name}.csv")
  if(NOT EXISTS "${file}")
    message(FATAL_ERROR "${file} was not written")
  endif()
  file(STRINGS "${file}" lines)
  list(GET lines 0 first)
  if(NOT first STREQUAL header)
    message(FATAL_ERROR "${file}: header is\n  ${first}\nexpected\n  ${header}")
  endif()
  list(LENGTH lines n)
  math(EXPR n "${n} - 1")
  if(NOT n EQUAL rows)
    message(FATAL_ERROR "${file}: ${n} data lines, expected ${rows}")
  endif()
  if(NOT log MATCHES "${name}: +[0-9.]+ ms")
    message(FATAL_ERROR "no time reported for ${name}")
  endif()
endfunction()

expect_csv(q01 "l_returnflag,l_linestatus,sum_qty,sum_base_price,sum_disc_price,sum_charge,avg_qty,avg_price,avg_disc,count_order" 4)
expect_csv(q06 "revenue" 1)
expect_csv(q13 "c_count,custdist" 33)
expect_csv(q14 "promo_revenue" 1)

# Known values of the SF 0.01 answer: Q1's A/F group, Q13's first row (500 customers without orders).
file(STRINGS "${WORK_DIR}/out/q01.csv" q01)
list(GET q01 1 af)
if(NOT af MATCHES "^A,F,380456,532348211\\.6[0-9]*,.*,14876$")
  message(FATAL_ERROR "q01.csv: unexpected A/F row: ${af}")
endif()
file(STRINGS "${WORK_DIR}/out/q13.csv" q13)
list(GET q13 1 first)
if(NOT first STREQUAL "0,500")
  message(FATAL_ERROR "q13.csv: first row is ${first}, expected 0,500")
endif()
