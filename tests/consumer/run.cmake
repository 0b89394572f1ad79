# Drives one consumer test, in CMake script mode so that it needs nothing but
# CMake and the compiler:
#
#   cmake -DMODE=<mode> -DSOURCE_DIR=<chainrule> -DWORK_DIR=<scratch> -DCXX=<compiler>
#         -DGENERATOR=<generator> [-DPREFIX=<install prefix>] [-DPKG_CONFIG=<pkg-config>]
#         -P tests/consumer/run.cmake
#
# MODE is one of
#   find_package            the consumer finds the copy installed in PREFIX, with
#                           Boost made unfindable (CMAKE_DISABLE_FIND_PACKAGE_Boost)
#   find_package_hana       the same, asking for the hana component, with Boost
#   configure_without_boost chainrule itself configured with BUILD_TESTING=OFF and
#                           Boost unfindable, installed, then found as above
#   add_subdirectory        the consumer adds the source tree, Boost unfindable
#   add_subdirectory_hana   the same, linking chainrule::hana, with Boost
#   FetchContent            the consumer fetches a release archive of the source
#                           tree by URL (file://), Boost unfindable
#   pkg-config              `pkg-config --cflags chainrule` from the copy in PREFIX,
#                           then the compiler alone, no CMake
# Every mode builds the consumer and runs it; a failing step fails the test.
cmake_minimum_required(VERSION 3.25)

foreach(var MODE SOURCE_DIR WORK_DIR CXX GENERATOR)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "run.cmake: -D${var}=... is required")
    endif()
endforeach()
set(consumer_src ${SOURCE_DIR}/tests/consumer)
set(no_boost -DCMAKE_DISABLE_FIND_PACKAGE_Boost=ON -DCONSUMER_EXPECT_NO_BOOST=ON)

# A fresh start every time: a stale cache could hide what is being tested.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

function(step)
    string(REPLACE ";" " " shown "${ARGN}")
    message(STATUS "run.cmake: ${shown}")
    execute_process(COMMAND ${ARGN} WORKING_DIRECTORY ${WORK_DIR} RESULT_VARIABLE result)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "run.cmake (${MODE}): this step failed (${result}): ${shown}")
    endif()
endfunction()

# Configures, builds and runs the consumer project with the given options.
function(consumer)
    step(${CMAKE_COMMAND} -S ${consumer_src} -B ${WORK_DIR}/consumer -G ${GENERATOR} --no-warn-unused-cli
         -DCMAKE_CXX_COMPILER=${CXX} ${ARGN})
    step(${CMAKE_COMMAND} --build ${WORK_DIR}/consumer)
    step(${WORK_DIR}/consumer/consumer)
    if(EXISTS ${WORK_DIR}/consumer/consumer_hana)
        step(${WORK_DIR}/consumer/consumer_hana)
    endif()
endfunction()

if(MODE STREQUAL "find_package")
    consumer(-DCMAKE_PREFIX_PATH=${PREFIX} ${no_boost})
elseif(MODE STREQUAL "find_package_hana")
    consumer(-DCMAKE_PREFIX_PATH=${PREFIX} -DCONSUMER_HANA=ON)
elseif(MODE STREQUAL "configure_without_boost")
    step(${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK_DIR}/chainrule -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX}
         -DBUILD_TESTING=OFF -DCMAKE_DISABLE_FIND_PACKAGE_Boost=ON)
    step(${CMAKE_COMMAND} --build ${WORK_DIR}/chainrule)
    step(${CMAKE_COMMAND} --install ${WORK_DIR}/chainrule --prefix ${WORK_DIR}/install)
    consumer(-DCMAKE_PREFIX_PATH=${WORK_DIR}/install ${no_boost})
elseif(MODE STREQUAL "add_subdirectory")
    consumer(-DCHAINRULE_CONSUME=add_subdirectory -DCHAINRULE_SOURCE_DIR=${SOURCE_DIR} ${no_boost})
elseif(MODE STREQUAL "add_subdirectory_hana")
    consumer(-DCHAINRULE_CONSUME=add_subdirectory -DCHAINRULE_SOURCE_DIR=${SOURCE_DIR} -DCONSUMER_HANA=ON)
elseif(MODE STREQUAL "FetchContent")
    # A release archive holds one top-level folder, chainrule-<version>/, with
    # the files a consumer's build reads.
    set(stage ${WORK_DIR}/stage/chainrule)
    file(MAKE_DIRECTORY ${stage})
    file(COPY ${SOURCE_DIR}/CMakeLists.txt ${SOURCE_DIR}/cmake ${SOURCE_DIR}/include DESTINATION ${stage})
    execute_process(COMMAND ${CMAKE_COMMAND} -E tar czf ${WORK_DIR}/chainrule.tar.gz chainrule
                    WORKING_DIRECTORY ${WORK_DIR}/stage COMMAND_ERROR_IS_FATAL ANY)
    file(SHA256 ${WORK_DIR}/chainrule.tar.gz sha256)
    consumer(-DCHAINRULE_CONSUME=FetchContent -DCHAINRULE_ARCHIVE_URL=file://${WORK_DIR}/chainrule.tar.gz
             -DCHAINRULE_ARCHIVE_SHA256=${sha256} ${no_boost})
elseif(MODE STREQUAL "pkg-config")
    if(NOT PKG_CONFIG)
        message(FATAL_ERROR "run.cmake: pkg-config was not found; install it (apt-get install pkg-config)")
    endif()
    set(ENV{PKG_CONFIG_PATH} ${PREFIX}/share/pkgconfig)
    execute_process(COMMAND ${PKG_CONFIG} --modversion chainrule OUTPUT_VARIABLE version
                    OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
    if(NOT version STREQUAL EXPECTED_VERSION)
        message(FATAL_ERROR "pkg-config --modversion chainrule is '${version}', the project's version is '${EXPECTED_VERSION}'")
    endif()
    execute_process(COMMAND ${PKG_CONFIG} --cflags chainrule OUTPUT_VARIABLE cflags
                    OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
    message(STATUS "pkg-config --cflags chainrule: ${cflags}")
    separate_arguments(cflags UNIX_COMMAND "${cflags}")
    step(${CXX} -std=c++20 -Wall -Wextra -Wpedantic -Werror ${cflags} ${consumer_src}/main.cpp -o ${WORK_DIR}/consumer)
    step(${WORK_DIR}/consumer)
else()
    message(FATAL_ERROR "run.cmake: unknown MODE '${MODE}'")
endif()
