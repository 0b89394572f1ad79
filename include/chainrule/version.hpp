#pragma once

// The version of chainrule, the same as the CMake package's (project(VERSION)
// in CMakeLists.txt; tests/version_test.cpp checks that they agree).
//
//   #if CHAINRULE_VERSION >= 100  // 0.1.0 or later
//
// CHAINRULE_VERSION is MAJOR * 10000 + MINOR * 100 + PATCH.

#define CHAINRULE_VERSION_MAJOR 0
#define CHAINRULE_VERSION_MINOR 1
#define CHAINRULE_VERSION_PATCH 0
#define CHAINRULE_VERSION (CHAINRULE_VERSION_MAJOR * 10000 + CHAINRULE_VERSION_MINOR * 100 + CHAINRULE_VERSION_PATCH)
