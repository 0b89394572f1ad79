# Compiles SOURCE with CXX (-fsyntax-only) and prints what the compiler said,
# for a compile-fail test: the test's PASS_REGULAR_EXPRESSION matches the
# expected message in that output, and its FAIL_REGULAR_EXPRESSION catches
# the two markers printed here when the source compiles, or when the
# compiler's whole output is longer than MAX_BYTES (a misuse must be a short
# message, not a wall of internals).
#
#   cmake -DCXX=g++ -DSOURCE=f.cpp -DINCLUDE=<dir> -DMAX_BYTES=4096 -P check_compile_fail.cmake
execute_process(COMMAND ${CXX} -std=c++20 -fsyntax-only -I${INCLUDE} ${SOURCE}
                RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(all "${out}${err}")
string(LENGTH "${all}" bytes)
message("${all}")
if(result EQUAL 0)
    message("chainrule-compile-fail: the source compiled")
endif()
if(MAX_BYTES AND bytes GREATER MAX_BYTES)
    message("chainrule-compile-fail: ${bytes} bytes of compiler output, more than ${MAX_BYTES}")
endif()
