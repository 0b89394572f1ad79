// Mirrors chainrule/version.hpp.
// The version macros agree with the CMake package's version: the test build
// passes project(VERSION)'s parts as CHAINRULE_EXPECTED_VERSION_*.
#include <chainrule.hpp>

static_assert(CHAINRULE_VERSION_MAJOR == CHAINRULE_EXPECTED_VERSION_MAJOR,
              "include/chainrule/version.hpp: CHAINRULE_VERSION_MAJOR differs from project(VERSION) in CMakeLists.txt");
static_assert(CHAINRULE_VERSION_MINOR == CHAINRULE_EXPECTED_VERSION_MINOR,
              "include/chainrule/version.hpp: CHAINRULE_VERSION_MINOR differs from project(VERSION) in CMakeLists.txt");
static_assert(CHAINRULE_VERSION_PATCH == CHAINRULE_EXPECTED_VERSION_PATCH,
              "include/chainrule/version.hpp: CHAINRULE_VERSION_PATCH differs from project(VERSION) in CMakeLists.txt");
static_assert(CHAINRULE_VERSION ==
                  CHAINRULE_VERSION_MAJOR * 10000 + CHAINRULE_VERSION_MINOR * 100 + CHAINRULE_VERSION_PATCH,
              "include/chainrule/version.hpp: CHAINRULE_VERSION is MAJOR * 10000 + MINOR * 100 + PATCH");
