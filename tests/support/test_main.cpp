// The entry point of every Boost.Test program of the suite (chainrule_add_test
// in cmake/ChainruleTesting.cmake), compiled once per build directory.
//
// The test sources do not define BOOST_TEST_MODULE: that macro makes
// <boost/test/unit_test.hpp> write main and init_unit_test into the file that
// includes it, and the header could then not be precompiled once and shared
// by all the tests. This file writes the two instead. The master test suite,
// which BOOST_TEST_MODULE used to name, is named after the executable, which
// is also the test's name in CTest.
#include <boost/test/unit_test.hpp>

#include <string>

bool init_unit_test() {
    auto& master = boost::unit_test::framework::master_test_suite();
    if (master.argc > 0 && master.argv[0] != nullptr) {
        std::string name = master.argv[0];
        name.erase(0, name.find_last_of('/') + 1);  // npos + 1 is 0: no directory, nothing erased
        master.p_name.set(name);
    }
    return true;
}

int main(int argc, char* argv[]) { return boost::unit_test::unit_test_main(&init_unit_test, argc, argv); }
