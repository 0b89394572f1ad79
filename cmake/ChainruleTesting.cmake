# Helpers for chainrule's own tests, examples and benchmarks. Only the tests
# need Boost: Boost.Test to run them, and Boost.Hana for the Hana views' tests.

find_package(Boost 1.74 REQUIRED COMPONENTS unit_test_framework)

set(CHAINRULE_WARNINGS -Wall -Wextra -Wpedantic -Werror)

# CHAINRULE_SANITIZE=ON: the run-time tests and the examples are built with
# AddressSanitizer and UndefinedBehaviorSanitizer, any finding fatal, and run
# (scripts/test.sh does this with g++). What runs nothing built by this
# compiler is left out of that configuration: the compile-fail tests, the
# static tests and the header tests (only compiled: the sanitizers see
# nothing of constant evaluation), the docs' snippets, the style check, the
# browser tests, the single header and the package tests.
option(CHAINRULE_SANITIZE "Build the run-time tests and examples with -fsanitize=address,undefined" OFF)
if(CHAINRULE_SANITIZE)
    set(CHAINRULE_SANITIZER_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
    # -O0 (after the build type's -O3, so it wins): the heavy tests compile in
    # a third of the time they take at -O3 with the sanitizers, and they run
    # in seconds all the same.
    add_compile_options(${CHAINRULE_SANITIZER_FLAGS} -O0)
    add_link_options(${CHAINRULE_SANITIZER_FLAGS})
    # Warnings stay on but are not errors here: GCC's manual recommends
    # against -Werror with sanitizers, whose instrumentation makes false
    # -W(maybe-)uninitialized warnings; the same sources are compiled with
    # -Werror in the plain configurations. (scripts/test.sh uses clang++ for
    # this configuration; g++ works too, in about 1.7 times the time.)
    set(CHAINRULE_WARNINGS -Wall -Wextra -Wpedantic)
endif()

# g++ collects its garbage (GCC's own heap) often: 13% of the CPU time of the
# heaviest test, high_order_tutorial_test (-ftime-report, "garbage
# collection"). The tests and examples built here let its heap grow to
# 512 MiB before the first collection and by 400% between collections: that
# test 53.0 -> 43.3 s of g++ 12 and 1.3 -> 2.4 GB, an oracle part 20.2 ->
# 18.5 s. These are GCC's tuning parameters, not language options: they
# change nothing in the code or the diagnostics, and no user of the library
# needs them (bench/ measures without them).
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    add_compile_options(--param=ggc-min-expand=400 --param=ggc-min-heapsize=524288)
endif()

# The Boost.Test programs (chainrule_add_test) share what chainrule_test_main
# builds once per build directory:
#  - main and init_unit_test (tests/support/test_main.cpp). The test sources
#    define no BOOST_TEST_MODULE, which would make <boost/test/unit_test.hpp>
#    write the two into each source that includes it, and keep the header
#    from being precompiled once for all;
#  - a precompiled header holding <boost/test/unit_test.hpp> and
#    <chainrule.hpp>, which their sources reuse. Parsed, the two cost a
#    source with one test case 3.1 s of g++ and 3.2 s of clang++ (-O3);
#    precompiled, 1.2 and 0.7 s. Making it costs 7 to 9 s of g++, about 4 s of
#    clang++.
# A precompiled header is used only with flags that agree with the ones it
# was made with: the same -std, definitions and sanitizers (and -g, for g++);
# -O1 to -O3 may share one, but not with -O0 or -Os. Every target gets the
# configuration's flags, the header too (the sanitizer build adds its flags
# and -O0 to all); chainrule_optimise below sees to targets that set their
# own level, and a target with flags of its own that do not fit turns the
# header off (math_special_values, -fno-builtin):
#   set_target_properties(<name> PROPERTIES DISABLE_PRECOMPILE_HEADERS ON)
# as does, source by source, SKIP_PRECOMPILE_HEADERS where it does not pay
# (the oracle's generated parts).
# clang++ refuses a header that does not fit, an error; g++ skips it and
# parses the headers, saying so with -Winvalid-pch, which -Werror=invalid-pch
# (in chainrule_add_test) makes an error in every configuration.
add_library(chainrule_test_main OBJECT ${PROJECT_SOURCE_DIR}/tests/support/test_main.cpp)
target_link_libraries(chainrule_test_main PUBLIC chainrule::chainrule Boost::unit_test_framework)
target_compile_definitions(chainrule_test_main PUBLIC BOOST_TEST_DYN_LINK)
target_compile_options(chainrule_test_main PRIVATE ${CHAINRULE_WARNINGS})
set_target_properties(chainrule_test_main PROPERTIES CXX_EXTENSIONS OFF)
target_precompile_headers(chainrule_test_main PRIVATE <boost/test/unit_test.hpp> <chainrule.hpp>)

# The configuration's own optimisation: the last -O of CMAKE_CXX_FLAGS and
# the build type's flags (none: -O0), or -O0 in the sanitizer build.
string(TOUPPER "${CMAKE_BUILD_TYPE}" build_type)
string(REGEX MATCHALL "(^| )-O[^ ]*" levels " ${CMAKE_CXX_FLAGS} ${CMAKE_CXX_FLAGS_${build_type}}")
set(CHAINRULE_OPTIMISATION -O0)
if(levels AND NOT CHAINRULE_SANITIZE)
    list(POP_BACK levels CHAINRULE_OPTIMISATION)
    string(STRIP "${CHAINRULE_OPTIMISATION}" CHAINRULE_OPTIMISATION)
endif()
unset(build_type)
unset(levels)

# chainrule_optimise(<target> <-O1|-O2|-O3>)
#   Compiles <target> at that level, after the configuration's so that it
#   wins. Where the configuration's level is not -O1 to -O3 as well (Debug,
#   MinSizeRel, no build type), the Boost.Test header precompiled at that
#   level does not fit, and the target does without it.
function(chainrule_optimise target level)
    target_compile_options(${target} PRIVATE ${level})
    if(NOT CHAINRULE_OPTIMISATION MATCHES "^-O[123]?$")
        set_target_properties(${target} PROPERTIES DISABLE_PRECOMPILE_HEADERS ON)
    endif()
endfunction()

# chainrule_compile_lightly(<target>...)
#   The tests whose compile time is their cost and whose run time is a
#   second or less (numerics over hundreds of generated expressions: the
#   Gradient-vs-D batches, the accuracy groups, the oracle, the printers'
#   tests) are compiled at -O0, after the build type's -O3 so that it wins.
#   At -O1 clang++ spent most of their compile time optimising code that runs
#   once (print_ginac_test: 78 s at -O1, 17 s at -O0). The ten targets, built
#   with ninja -j2 on two cores: clang++ 302 s at -O1, 206 s at -O0; g++ 302
#   and 271 s. At -O0 they run in 0.01 to 0.9 s. A precompiled header made at
#   -O3 does not fit -O0, so they reuse chainrule_test_light's, made at -O0.
#   It holds Boost.Math's autodiff header too, which the six accuracy tests
#   compare against and which cost each of them 3.3 s of g++ and 4.3 s of
#   clang++ to parse: the header took 8.5 -> 12.9 s to make, and the light
#   targets 381 -> 352 s of g++ in all (ninja -j2).
#   (The sanitizer build is -O0 throughout: there, those of them it builds
#   keep chainrule_test_main's header, and chainrule_test_light is not made.)
if(NOT CHAINRULE_OPTIMISATION STREQUAL "-O0")
    add_library(chainrule_test_light OBJECT EXCLUDE_FROM_ALL ${PROJECT_SOURCE_DIR}/tests/support/light_pch.cpp)
    target_link_libraries(chainrule_test_light PRIVATE chainrule::chainrule Boost::unit_test_framework)
    target_compile_definitions(chainrule_test_light PRIVATE BOOST_TEST_DYN_LINK)
    target_compile_options(chainrule_test_light PRIVATE ${CHAINRULE_WARNINGS} -O0)
    set_target_properties(chainrule_test_light PROPERTIES CXX_EXTENSIONS OFF)
    target_precompile_headers(chainrule_test_light PRIVATE <boost/test/unit_test.hpp> <chainrule.hpp>
                              <boost/math/differentiation/autodiff.hpp>)
endif()
function(chainrule_compile_lightly)
    foreach(target IN LISTS ARGN)
        target_compile_options(${target} PRIVATE -O0)
        if(TARGET chainrule_test_light)
            set_target_properties(${target} PROPERTIES PRECOMPILE_HEADERS_REUSE_FROM chainrule_test_light)
            add_dependencies(${target} chainrule_test_light)
        endif()
    endforeach()
endfunction()

# chainrule_add_test(<name> <source>...)
#   A Boost.Test executable, built with warnings as errors and run by CTest.
#   Its sources include <boost/test/unit_test.hpp> without defining
#   BOOST_TEST_MODULE, and are compiled with chainrule_test_main's
#   precompiled header, as if each began with #include
#   <boost/test/unit_test.hpp> and #include <chainrule.hpp>. So every
#   Boost.Test program sees the umbrella header, even one that tests a single
#   header (tests/math/): that each header compiles on its own is for
#   chainrule_add_header_tests to check.
function(chainrule_add_test name)
    add_executable(${name} ${ARGN})
    target_link_libraries(${name} PRIVATE chainrule_test_main)  # main; chainrule, Boost.Test
    target_precompile_headers(${name} REUSE_FROM chainrule_test_main)
    target_compile_options(${name} PRIVATE ${CHAINRULE_WARNINGS})
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        target_compile_options(${name} PRIVATE -Werror=invalid-pch)
    endif()
    set_target_properties(${name} PROPERTIES CXX_EXTENSIONS OFF)
    add_test(NAME ${name} COMMAND ${name})
endfunction()

# chainrule_add_static_test(<name> <source>...)
#   Namespace-scope static_asserts: the test is that the file compiles, so it
#   is an object library (nothing to run) that the default build compiles.
function(chainrule_add_static_test name)
    if(CHAINRULE_SANITIZE)
        add_library(${name} OBJECT EXCLUDE_FROM_ALL ${ARGN})  # nothing runs: nothing to sanitize
    else()
        add_library(${name} OBJECT ${ARGN})
    endif()
    target_link_libraries(${name} PRIVATE chainrule::chainrule)
    target_compile_options(${name} PRIVATE ${CHAINRULE_WARNINGS})
    set_target_properties(${name} PROPERTIES CXX_EXTENSIONS OFF)
endfunction()

# chainrule_add_compile_fail_tests(<dir> <prefix>)
#   Every <dir>/*.cpp must fail to compile; each is the test <prefix><stem>.
#   The source says what is expected, in comment lines of its own:
#     // expected: <text>   text the compiler's output must contain, on both
#                           compilers (one line or more; every one must be
#                           there, so a typo that breaks the build for another
#                           reason cannot pass)
#     // max-bytes: <n>     the compiler's whole output may be n bytes long
#                           (4096 when absent: a misuse is a short message,
#                           not a wall of internals; 0 for no limit, with the
#                           reason on the line), counted with the checkout's
#                           directory taken out of the paths it prints
#   cmake/check_compile_fail.cmake compiles the file, with the include
#   directories of the chainrule target, and checks both.
#   A source whose first line of code is #include <chainrule.hpp> is
#   compiled with <chainrule.hpp> precompiled (chainrule_compile_fail_pch,
#   built once): each such test then takes 0.2 s of the compiler, not 1.2 s.
#   The messages are the same, less the line that names the test's own
#   #include in the "In file included from" chain (docs/testing.md).
function(chainrule_add_compile_fail_tests dir prefix)
    if(CHAINRULE_SANITIZE)
        return()  # the compiler's messages, not a program: nothing to sanitize
    endif()
    set(pch_dir ${PROJECT_BINARY_DIR}/compile_fail_pch)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
        set(pch ${pch_dir}/chainrule.hpp.gch)  # found by #include <chainrule.hpp> with -I${pch_dir} first
    else()
        set(pch ${pch_dir}/chainrule.hpp.pch)  # given with -include-pch
    endif()
    if(NOT TARGET chainrule_compile_fail_pch)
        file(GLOB_RECURSE headers CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/include/*.hpp)
        # (through a header of its own: g++ warns of #pragma once in the main file)
        file(CONFIGURE OUTPUT ${pch_dir}/precompiled.hpp CONTENT "#include <chainrule.hpp>\n")
        add_custom_command(OUTPUT ${pch}
                           COMMAND ${CMAKE_CXX_COMPILER} -std=c++20 -x c++-header -I${PROJECT_SOURCE_DIR}/include
                                   ${pch_dir}/precompiled.hpp -o ${pch}
                           DEPENDS ${headers} ${pch_dir}/precompiled.hpp
                           COMMENT "Precompiling <chainrule.hpp> for the compile-fail tests")
        add_custom_target(chainrule_compile_fail_pch ALL DEPENDS ${pch})
    endif()
    file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/${dir}/*.cpp)
    foreach(src IN LISTS sources)
        get_filename_component(stem "${src}" NAME_WE)
        add_test(NAME ${prefix}${stem}
                 COMMAND ${CMAKE_COMMAND} -DCXX=${CMAKE_CXX_COMPILER} -DSOURCE=${src}
                         "-DINCLUDE=$<JOIN:$<TARGET_PROPERTY:chainrule,INTERFACE_INCLUDE_DIRECTORIES>,|>"
                         -DPCH=${pch} -P ${PROJECT_SOURCE_DIR}/cmake/check_compile_fail.cmake)
        set_tests_properties(${prefix}${stem} PROPERTIES FAIL_REGULAR_EXPRESSION "chainrule-compile-fail:")
    endforeach()
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
    if(CHAINRULE_SANITIZE)
        add_library(header_tests OBJECT EXCLUDE_FROM_ALL ${sources})  # nothing runs: nothing to sanitize
    else()
        add_library(header_tests OBJECT ${sources})
    endif()
    target_link_libraries(header_tests PRIVATE chainrule::hana)  # chainrule/hana.hpp is among them
    target_compile_options(header_tests PRIVATE ${CHAINRULE_WARNINGS})
endfunction()
