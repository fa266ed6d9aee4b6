# egret_project_warnings(<target>)
#
# Warning flags for egret's OWN targets (tests, examples, benchmarks, header
# check). Never apply this to the INTERFACE targets egret / egret_sqlite: that
# would push our warning policy onto every consumer.
include_guard(GLOBAL)

function(egret_project_warnings target)
  if(MSVC)
    target_compile_options(${target} PRIVATE /W4 /permissive-)
    if(EGRET_WERROR)
      target_compile_options(${target} PRIVATE /WX)
    endif()
  else()
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
    if(EGRET_WERROR)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  endif()
endfunction()
