# Fails when a C++ file under the given folders is not formatted as
# .clang-format says (clang-format --dry-run --Werror).
#
#   cmake -DCLANG_FORMAT=<clang-format> -DROOT=<chainrule> -DDIRS="tests examples bench"
#         -P tests/style/check_format.cmake
#
# The files are found when the test runs, so new ones are covered at once.
# To fix what it reports: clang-format -i <file> (clang-format 14, Debian 12's;
# another version may lay some lines out differently).
cmake_minimum_required(VERSION 3.25)

if(NOT CLANG_FORMAT)
    message(FATAL_ERROR "clang-format was not found; install it (Debian: apt-get install clang-format)")
endif()
separate_arguments(DIRS)
set(files "")
foreach(dir IN LISTS DIRS)
    file(GLOB_RECURSE found ${ROOT}/${dir}/*.cpp ${ROOT}/${dir}/*.hpp ${ROOT}/${dir}/*.h)
    list(APPEND files ${found})
endforeach()
list(LENGTH files count)
if(count EQUAL 0)
    message(FATAL_ERROR "check_format: no C++ files under ${DIRS} in ${ROOT}")
endif()
execute_process(COMMAND ${CLANG_FORMAT} --version OUTPUT_VARIABLE version OUTPUT_STRIP_TRAILING_WHITESPACE)
execute_process(COMMAND ${CLANG_FORMAT} --dry-run --Werror ${files}
                WORKING_DIRECTORY ${ROOT} RESULT_VARIABLE result ERROR_VARIABLE errors)
if(NOT result EQUAL 0)
    string(REGEX MATCHALL "[^\n]*: error: code should be clang-formatted" lines "${errors}")
    set(bad "")
    foreach(line IN LISTS lines)
        string(REGEX REPLACE ":[0-9]+:[0-9]+: error: code should be clang-formatted" "" file "${line}")
        file(RELATIVE_PATH file ${ROOT} ${file})
        list(APPEND bad ${file})
    endforeach()
    list(REMOVE_DUPLICATES bad)
    string(REPLACE ";" "\n  " bad "${bad}")
    message(FATAL_ERROR "${errors}\nNot formatted as .clang-format says (${version}):\n  ${bad}\n"
                        "Fix with: clang-format -i <file>")
endif()
message(STATUS "${count} files under ${DIRS} follow .clang-format (${version})")
