// Nothing of its own: the source through which chainrule_test_light (in
// cmake/ChainruleTesting.cmake) makes its precompiled header at -O0, for the
// tests that chainrule_compile_lightly compiles at that level.
