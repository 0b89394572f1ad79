# Generates single_include/chainrule.hpp: include/chainrule.hpp with every
# chainrule header it includes pasted in place, each once, so that the one
# file is the whole library (for Compiler Explorer, or a project that copies
# one file). The Hana views (chainrule/hana.hpp) are not in the umbrella
# header and so not in the single header.
#
#   cmake -P scripts/amalgamate.cmake                    regenerate it
#   cmake -DCHECK=ON -P scripts/amalgamate.cmake         fail if it is out of date
#   cmake -DOUTPUT=<file> -P scripts/amalgamate.cmake    write elsewhere
#
# How: a line `#include "..."` names a chainrule header, looked up next to the
# including file first, then in include/ (as the compiler does for quoted
# includes); its text replaces the line the first time, and nothing does the
# next times (every header is #pragma once). `#pragma once` lines are dropped
# from the pasted headers; one stands at the top. Standard headers,
# `#include <...>`, are kept, each the first time it appears. Everything else
# is copied unchanged, comments included.
cmake_minimum_required(VERSION 3.25)

get_filename_component(root ${CMAKE_CURRENT_LIST_DIR}/.. ABSOLUTE)
set(include_dir ${root}/include)
if(NOT DEFINED OUTPUT)
    set(OUTPUT ${root}/single_include/chainrule.hpp)
endif()

# CMake lists are ';'-separated and treat '[' ']' specially, and C++ is full
# of all three: they travel as placeholders and are put back at the end.
set(semicolon "@CHAINRULE_SEMICOLON@")
set(lbracket "@CHAINRULE_LBRACKET@")
set(rbracket "@CHAINRULE_RBRACKET@")

set(seen_headers "")
set(seen_system "")
set(out "")

function(paste file)
    file(RELATIVE_PATH shown ${include_dir} ${file})
    list(APPEND seen_headers ${file})
    set(seen_headers "${seen_headers}" PARENT_SCOPE)
    file(READ ${file} text)
    string(REPLACE ";" "${semicolon}" text "${text}")
    string(REPLACE "[" "${lbracket}" text "${text}")
    string(REPLACE "]" "${rbracket}" text "${text}")
    string(REPLACE "\n" ";" lines "${text}")
    get_filename_component(dir ${file} DIRECTORY)
    string(APPEND out "\n// ---- begin ${shown}\n")
    set(depth 0)  # of #if ... #endif: an include there is not always taken
    foreach(line IN LISTS lines)
        if(line MATCHES "^[ \t]*#[ \t]*if")
            math(EXPR depth "${depth} + 1")
        elseif(line MATCHES "^[ \t]*#[ \t]*endif")
            math(EXPR depth "${depth} - 1")
        elseif(depth GREATER 0 AND line MATCHES "^[ \t]*#[ \t]*include")
            message(FATAL_ERROR "amalgamate: ${shown} has an #include inside #if ... #endif, which this script "
                                "would paste or drop unconditionally; teach it what to do first")
        endif()
        if(line MATCHES "^[ \t]*#[ \t]*pragma[ \t]+once")
            continue()
        elseif(line MATCHES "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\"")
            set(name ${CMAKE_MATCH_1})
            if(EXISTS ${dir}/${name})
                get_filename_component(target ${dir}/${name} ABSOLUTE)
            elseif(EXISTS ${include_dir}/${name})
                get_filename_component(target ${include_dir}/${name} ABSOLUTE)
            else()
                message(FATAL_ERROR "amalgamate: ${shown} includes \"${name}\", which is not a chainrule header")
            endif()
            if(NOT target IN_LIST seen_headers)
                paste(${target})
                string(APPEND out "// ---- back in ${shown}\n")
            endif()
        elseif(line MATCHES "^[ \t]*#[ \t]*include[ \t]*<([^>]+)>")
            if(NOT CMAKE_MATCH_1 IN_LIST seen_system)
                list(APPEND seen_system ${CMAKE_MATCH_1})
                string(APPEND out "${line}\n")
            endif()
        else()
            string(APPEND out "${line}\n")
        endif()
    endforeach()
    string(APPEND out "// ---- end ${shown}\n")
    set(out "${out}" PARENT_SCOPE)
    set(seen_headers "${seen_headers}" PARENT_SCOPE)
    set(seen_system "${seen_system}" PARENT_SCOPE)
endfunction()

paste(${include_dir}/chainrule.hpp)

# A file ending in a newline reads back as a last empty line; drop the blank
# line that leaves after each "end" marker's predecessor.
string(REPLACE "\n\n// ---- end" "\n// ---- end" out "${out}")
string(REPLACE "${semicolon}" ";" out "${out}")
string(REPLACE "${lbracket}" "[" out "${out}")
string(REPLACE "${rbracket}" "]" out "${out}")

set(header "// chainrule single header: the whole library (include/chainrule.hpp and every
// header it includes) in one file. Generated; do not edit. Regenerate it with
//
//     cmake -P scripts/amalgamate.cmake
//
// from the repository's root after changing a header under include/. The test
// single_include.up_to_date fails while it is out of date. The Hana views,
// chainrule/hana.hpp, are not included.
#pragma once
")
set(out "${header}${out}")

if(CHECK)
    set(current "")
    if(EXISTS ${OUTPUT})
        file(READ ${OUTPUT} current)
    endif()
    if(NOT current STREQUAL out)
        message(FATAL_ERROR "single_include/chainrule.hpp is out of date with include/: regenerate it with\n"
                            "    cmake -P scripts/amalgamate.cmake\n"
                            "from the repository's root, and commit it.")
    endif()
    message(STATUS "single_include/chainrule.hpp is up to date")
else()
    file(WRITE ${OUTPUT} "${out}")
    message(STATUS "wrote ${OUTPUT}")
endif()
