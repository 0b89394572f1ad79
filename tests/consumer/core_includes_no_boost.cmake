# Fails when chainrule.hpp, the core, includes any Boost header, directly or
# through another header. Boost may well be installed in /usr/include, where
# no include path can hide it; the compiler's dependency list (-M) says
# whether the core reaches for it.
#
#   cmake -DCXX=<compiler> -DINCLUDE_DIR=<chainrule>/include -P core_includes_no_boost.cmake
cmake_minimum_required(VERSION 3.25)
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/core_includes_no_boost.cpp "#include <chainrule.hpp>\n")
execute_process(COMMAND ${CXX} -std=c++20 -M -I${INCLUDE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/core_includes_no_boost.cpp
                OUTPUT_VARIABLE deps COMMAND_ERROR_IS_FATAL ANY)
if(NOT deps MATCHES "chainrule/eval\\.hpp")
    message(FATAL_ERROR "the dependency list does not look like one:\n${deps}")
endif()
if(deps MATCHES "[^ ]*/boost/[^ ]*")
    message(FATAL_ERROR "chainrule.hpp includes a Boost header (${CMAKE_MATCH_0}); only chainrule/hana.hpp may")
endif()
message(STATUS "chainrule.hpp includes no Boost header")
