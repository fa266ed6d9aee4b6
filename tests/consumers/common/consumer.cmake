# Included by each consumer project of tests/consumers/ (cache variables the test sets, with "," between items):
#   EGRET_CONSUMER_COMPONENTS  the egret backends the consumer links besides egret::egret (sqlite,postgres,mysql)
#   EGRET_CONSUMER_ABSENT      backends whose library the test hid from CMake: their target must not be defined
set(EGRET_CONSUMER_COMPONENTS "" CACHE STRING "egret backends to link besides egret::egret (a,b,...)")
set(EGRET_CONSUMER_ABSENT "" CACHE STRING "egret backends that must not be defined (a,b,...)")
string(REPLACE "," ";" EGRET_CONSUMER_COMPONENTS "${EGRET_CONSUMER_COMPONENTS}")
string(REPLACE "," ";" EGRET_CONSUMER_ABSENT "${EGRET_CONSUMER_ABSENT}")

# egret_consumer(<egret targets...>): the executable `consumer` (common/consumer.cpp) linking the targets named
# (egret::egret, egret::sqlite, egret::postgres, egret::mysql), with EGRET_CONSUMER_<BACKEND> defined for each
# backend it links, and installed to bin/ (a consumer's own `cmake --install`: the tests check that, with egret
# added as a subproject, it installs nothing of egret).
# Fails when a backend of EGRET_CONSUMER_ABSENT is defined.
function(egret_consumer)
  foreach(backend IN LISTS EGRET_CONSUMER_ABSENT)
    if(TARGET egret::${backend})
      message(FATAL_ERROR "consumer: egret::${backend} is defined, but its library was hidden from CMake")
    endif()
  endforeach()
  add_executable(consumer "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/consumer.cpp")
  foreach(target IN LISTS ARGN)
    if(NOT TARGET ${target})
      message(FATAL_ERROR "consumer: ${target} is not defined")
    endif()
    target_link_libraries(consumer PRIVATE ${target})
    if(target MATCHES "^egret::(sqlite|postgres|mysql)$")
      string(TOUPPER "${CMAKE_MATCH_1}" backend)
      target_compile_definitions(consumer PRIVATE EGRET_CONSUMER_${backend})
    endif()
  endforeach()
  install(TARGETS consumer)
  list(JOIN ARGN " " targets)
  message(STATUS "consumer: links ${targets}")
endfunction()

# egret_consumer_targets(<out var> <components...>): egret::egret and egret::<component> for each component.
function(egret_consumer_targets out)
  set(targets egret::egret)
  foreach(component IN LISTS ARGN)
    list(APPEND targets egret::${component})
  endforeach()
  set(${out} ${targets} PARENT_SCOPE)
endfunction()

