# Compiles SOURCE with CXX (-fsyntax-only), prints what the compiler said, and
# checks it against what the source expects (chainrule_add_compile_fail_tests
# in ChainruleTesting.cmake): every "// expected: <text>" line's text is in
# the output, and the whole output is at most "// max-bytes: <n>" bytes (4096
# when the source does not say), counted with the checkout's directory taken
# out of every path, so that the figure does not depend on where the sources
# live (a clone under /check/work/main/ would otherwise print 7 more bytes per
# line of context than one under /work/main/). Anything else prints a line starting with
# "chainrule-compile-fail:" (the test's FAIL_REGULAR_EXPRESSION) and fails.
#
#   cmake -DCXX=g++ -DSOURCE=f.cpp -DINCLUDE=<dir>[|<dir>...] -P check_compile_fail.cmake
file(STRINGS ${SOURCE} expected_lines REGEX "^// expected: ")
file(STRINGS ${SOURCE} limit_lines REGEX "^// max-bytes: ")
string(REPLACE "|" ";" include_dirs "${INCLUDE}")
list(TRANSFORM include_dirs PREPEND "-I")
# PCH: <chainrule.hpp> precompiled, used where the source's first line of
# code includes it (g++: a .gch in a directory searched first; clang++:
# -include-pch, which is the same as including it first).
set(precompiled "")
if(DEFINED PCH AND EXISTS "${PCH}")
    file(STRINGS ${SOURCE} code_lines REGEX "^[ \t]*[^ \t/]")
    list(GET code_lines 0 first_line)
    if(first_line STREQUAL "#include <chainrule.hpp>")
        if(PCH MATCHES "\\.gch$")
            get_filename_component(pch_dir "${PCH}" DIRECTORY)
            set(precompiled "-I${pch_dir}")
        else()
            set(precompiled -include-pch "${PCH}")
        endif()
    endif()
endif()
execute_process(COMMAND ${CXX} -std=c++20 -fsyntax-only ${precompiled} ${include_dirs} ${SOURCE}
                RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(all "${out}${err}")
get_filename_component(root "${CMAKE_CURRENT_LIST_DIR}/.." ABSOLUTE)
string(REPLACE "${root}/" "" relative "${all}")
string(LENGTH "${relative}" bytes)
message("${all}")
set(problems "")
if(result EQUAL 0)
    list(APPEND problems "the source compiled")
endif()
if(NOT expected_lines)
    list(APPEND problems "the source has no \"// expected: <text>\" line")
endif()
foreach(line IN LISTS expected_lines)
    string(REGEX REPLACE "^// expected: " "" text "${line}")
    string(FIND "${all}" "${text}" at)
    if(at EQUAL -1)
        list(APPEND problems "the output lacks the expected text: ${text}")
    endif()
endforeach()
set(max_bytes 4096)
if(limit_lines)
    list(GET limit_lines 0 line)
    string(REGEX MATCH "^// max-bytes: ([0-9]+)" _ "${line}")
    set(max_bytes ${CMAKE_MATCH_1})
endif()
if(max_bytes AND bytes GREATER max_bytes)
    list(APPEND problems "${bytes} bytes of compiler output, more than ${max_bytes}")
endif()
message("chainrule-compile-fail-size: ${bytes} bytes")
foreach(problem IN LISTS problems)
    message("chainrule-compile-fail: ${problem}")
endforeach()
if(problems)
    message(FATAL_ERROR "chainrule-compile-fail: ${SOURCE}")
endif()
