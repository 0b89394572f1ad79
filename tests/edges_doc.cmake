# docs/edges.md is what `edges_test --markdown` prints (tests/CMakeLists.txt):
# the page and the data the edges test checks cannot drift apart.
#   cmake -DEDGES_TEST=<edges_test> -DDOC=<docs/edges.md> -P edges_doc.cmake
# To regenerate the page: <build>/tests/edges_test --markdown > docs/edges.md
execute_process(COMMAND ${EDGES_TEST} --markdown OUTPUT_VARIABLE printed RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "edges_test --markdown failed (${result})")
endif()
file(READ ${DOC} page)
if(NOT page STREQUAL printed)
    message(FATAL_ERROR "docs/edges.md is not what edges_test --markdown prints from tests/edges_expected.hpp; "
                        "regenerate it: ${EDGES_TEST} --markdown > ${DOC}")
endif()
