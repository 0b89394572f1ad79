# Fails when a public name of the library is missing from docs/reference.md.
#
#   cmake -DINCLUDE_DIR=<chainrule>/include -DREFERENCE=<chainrule>/docs/reference.md
#         [-DLIST=ON] -P tests/docs/check_reference.cmake
#
# The public names are read from the headers the umbrella header includes:
# include/chainrule.hpp and, recursively, every chainrule header it includes
# with #include "...". Reading is line by line and relies on two habits of
# the headers (which clang-format keeps):
#   - declarations at namespace scope start in column 0 (namespaces are not
#     indented), and members of classes do not;
#   - every namespace opens on a line `namespace name {` and closes on a line
#     `}  // namespace name`.
# A declaration is public when no namespace around it is a detail namespace
# (chainrule::detail, chainrule::math::detail, ...). Comment lines are
# skipped. At column 0 in a public namespace, a line declares the name
#   using Name = ...                                an alias (D, Add, X, ...)
#   struct Name / class Name                        a class template or class
#   concept Name = ...                              a concept
#   inline constexpr <type> name = / name{          a variable (equivalent_v, int_c)
#   [template <...> ](constexpr|consteval|inline) <type> name(
#                                                   a function (eval, at, math::exp,
#                                                   operator+); the name is the last
#                                                   word before the first '('
# Names are compared without their namespace: `exp` is documented once for
# the value syntax and math::exp alike. A name counts as documented when
# reference.md has it with no letter, digit or '_' on either side.
# -DLIST=ON prints every name found, with its header.
cmake_minimum_required(VERSION 3.25)

set(semicolon "@CHAINRULE_SEMICOLON@")
set(lbracket "@CHAINRULE_LBRACKET@")
set(rbracket "@CHAINRULE_RBRACKET@")

set(files "")
function(collect file)
    if(file IN_LIST files)
        return()
    endif()
    list(APPEND files ${file})
    set(files "${files}" PARENT_SCOPE)
    get_filename_component(dir ${file} DIRECTORY)
    file(STRINGS ${file} includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
    foreach(line IN LISTS includes)
        string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\".*" "\\1" name "${line}")
        if(EXISTS ${dir}/${name})
            get_filename_component(next ${dir}/${name} ABSOLUTE)
        else()
            get_filename_component(next ${INCLUDE_DIR}/${name} ABSOLUTE)
        endif()
        collect(${next})
    endforeach()
    set(files "${files}" PARENT_SCOPE)
endfunction()
collect(${INCLUDE_DIR}/chainrule.hpp)

set(names "")
set(where "")
set(identifier "[A-Za-z_][A-Za-z0-9_]*")
foreach(file IN LISTS files)
    file(RELATIVE_PATH shown ${INCLUDE_DIR} ${file})
    file(READ ${file} text)
    string(REPLACE ";" "${semicolon}" text "${text}")
    string(REPLACE "[" "${lbracket}" text "${text}")
    string(REPLACE "]" "${rbracket}" text "${text}")
    string(REPLACE "\n" ";" lines "${text}")
    set(namespaces "")
    foreach(line IN LISTS lines)
        if(line MATCHES "^namespace ([A-Za-z_:0-9]+) {")
            list(APPEND namespaces ${CMAKE_MATCH_1})
            continue()
        elseif(line MATCHES "^}  // namespace")
            list(POP_BACK namespaces)
            continue()
        endif()
        string(JOIN "::" path ${namespaces})
        if(NOT path MATCHES "^chainrule" OR path MATCHES "(^|::)detail(::|$)" OR line MATCHES "^//")
            continue()
        endif()
        set(name "")
        if(line MATCHES "^using (${identifier}) =")
            set(name ${CMAKE_MATCH_1})
        elseif(line MATCHES "^(struct|class) (${identifier})")
            set(name ${CMAKE_MATCH_2})
        elseif(line MATCHES "^concept (${identifier})")
            set(name ${CMAKE_MATCH_1})
        elseif(line MATCHES "^inline constexpr [^=({]* (${identifier}) *(=|{)")
            set(name ${CMAKE_MATCH_1})
        elseif(line MATCHES "^(template <[^(]*> )?(constexpr|consteval|inline) [^(]*\\(")
            string(REGEX REPLACE "\\(.*" "" before "${line}")
            if(before MATCHES "(operator[^A-Za-z0-9_ ]+)$")
                set(name ${CMAKE_MATCH_1})
            elseif(before MATCHES "(${identifier})$")
                set(name ${CMAKE_MATCH_1})
            endif()
        endif()
        if(name AND NOT name IN_LIST names)
            list(APPEND names ${name})
            list(APPEND where "${path}::${name} (${shown})")
        endif()
    endforeach()
endforeach()

list(LENGTH names count)
if(count LESS 50)
    message(FATAL_ERROR "check_reference: only ${count} public names found in ${INCLUDE_DIR}; "
                        "the reading of the headers has gone wrong:\n${where}")
endif()
if(LIST)
    string(REPLACE ";" "\n" shown_list "${where}")
    message(STATUS "public names:\n${shown_list}")
endif()

file(READ ${REFERENCE} reference)
set(missing "")
foreach(name entry IN ZIP_LISTS names where)
    string(REGEX REPLACE "([][+*/.^$?|()-])" "\\\\\\1" pattern "${name}")
    if(NOT reference MATCHES "(^|[^A-Za-z0-9_])${pattern}([^A-Za-z0-9_]|$)")
        string(APPEND missing "  ${entry}\n")
    endif()
endforeach()
if(missing)
    message(FATAL_ERROR "docs/reference.md does not document these public names:\n${missing}"
                        "Add each to docs/reference.md (tests/docs/check_reference.cmake says how names are found).")
endif()
message(STATUS "docs/reference.md documents all ${count} public names of the headers chainrule.hpp includes")
