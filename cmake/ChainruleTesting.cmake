# Helpers for chainrule's own tests, examples and benchmarks. Only the tests
# need Boost: Boost.Test to run them, and Boost.Hana for the Hana views' tests.

find_package(Boost 1.74 REQUIRED COMPONENTS unit_test_framework)

set(CHAINRULE_WARNINGS -Wall -Wextra -Wpedantic -Werror)

# chainrule_add_test(<name> <source>...)
#   A Boost.Test executable (the source defines BOOST_TEST_MODULE), built with
#   warnings as errors and run by CTest.
function(chainrule_add_test name)
    add_executable(${name} ${ARGN})
    target_link_libraries(${name} PRIVATE chainrule::chainrule Boost::unit_test_framework)
    target_compile_definitions(${name} PRIVATE BOOST_TEST_DYN_LINK)
    target_compile_options(${name} PRIVATE ${CHAINRULE_WARNINGS})
    set_target_properties(${name} PROPERTIES CXX_EXTENSIONS OFF)
    add_test(NAME ${name} COMMAND ${name})
endfunction()

# chainrule_add_static_test(<name> <source>...)
#   Namespace-scope static_asserts: the test is that the file compiles, so it
#   is an object library (nothing to run) that the default build compiles.
function(chainrule_add_static_test name)
    add_library(${name} OBJECT ${ARGN})
    target_link_libraries(${name} PRIVATE chainrule::chainrule)
    target_compile_options(${name} PRIVATE ${CHAINRULE_WARNINGS})
    set_target_properties(${name} PROPERTIES CXX_EXTENSIONS OFF)
endfunction()

# chainrule_add_compile_fail_test(<name> <source> <regex> [MAX_BYTES <n>])
#   The source must fail to compile with a diagnostic matching <regex>, so a
#   typo that breaks the build for another reason cannot pass, and the
#   compiler's whole output must be at most n bytes (4096 unless given; 0
#   for no limit).
function(chainrule_add_compile_fail_test name source regex)
    cmake_parse_arguments(PARSE_ARGV 3 arg "" "MAX_BYTES" "")
    if(NOT DEFINED arg_MAX_BYTES)
        set(arg_MAX_BYTES 4096)
    endif()
    get_filename_component(src "${source}" ABSOLUTE)
    add_test(NAME ${name}
             COMMAND ${CMAKE_COMMAND} -DCXX=${CMAKE_CXX_COMPILER} -DSOURCE=${src}
                     -DINCLUDE=${PROJECT_SOURCE_DIR}/include -DMAX_BYTES=${arg_MAX_BYTES}
                     -P ${PROJECT_SOURCE_DIR}/cmake/check_compile_fail.cmake)
    set_tests_properties(${name} PROPERTIES PASS_REGULAR_EXPRESSION "${regex}"
                                            FAIL_REGULAR_EXPRESSION "chainrule-compile-fail:")
endfunction()

# chainrule_add_example(<name> <source>)
#   Examples are tests: each is built with warnings as errors and run by CTest.
function(chainrule_add_example name source)
    add_executable(${name} ${source})
    target_link_libraries(${name} PRIVATE chainrule::chainrule)
    target_compile_options(${name} PRIVATE ${CHAINRULE_WARNINGS})
    set_target_properties(${name} PROPERTIES CXX_EXTENSIONS OFF)
    add_test(NAME example.${name} COMMAND ${name})
endfunction()

# chainrule_add_header_tests()
#   Every header under include/ compiles on its own: one generated translation
#   unit per header, each including just that header.
function(chainrule_add_header_tests)
    file(GLOB_RECURSE headers RELATIVE ${PROJECT_SOURCE_DIR}/include
         CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/include/*.hpp)
    set(sources)
    foreach(header IN LISTS headers)
        string(MAKE_C_IDENTIFIER "${header}" id)
        set(source ${CMAKE_CURRENT_BINARY_DIR}/header_tests/${id}.cpp)
        file(CONFIGURE OUTPUT ${source} CONTENT "#include <${header}>\n#include <${header}>  // include guard works\n")
        list(APPEND sources ${source})
    endforeach()
    add_library(header_tests OBJECT ${sources})
    target_link_libraries(header_tests PRIVATE chainrule::hana)  # chainrule/hana.hpp is among them
    target_compile_options(header_tests PRIVATE ${CHAINRULE_WARNINGS})
endfunction()
