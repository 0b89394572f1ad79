// Writes a C++ source file of functions whose bodies are to_cpp of the
// made-up expressions and of their derivatives by x: the test build compiles
// that file into print_cpp_test, which compares what the functions compute
// with eval.
#include "random_expressions.hpp"

#include <chainrule.hpp>
#include <cstdio>
#include <utility>

namespace {

template <class E>
void write_function(std::FILE* out, std::size_t index) {
    std::fprintf(out, "double generated_%zu(double x, double y) {\n    (void)x, (void)y;\n    return %s;\n}\n", index,
                 chainrule::to_cpp<E>().c_str());
}

template <std::size_t... I>
void write_all(std::FILE* out, std::index_sequence<I...>) {
    (write_function<random_expressions::expression<I>>(out, 2 * I), ...);
    (write_function<chainrule::D<random_expressions::expression<I>, chainrule::X>>(out, 2 * I + 1), ...);
    std::fprintf(out, "extern double (*const generated[])(double, double);\n");
    std::fprintf(out, "double (*const generated[])(double, double) = {\n");
    for (std::size_t i = 0; i < 2 * sizeof...(I); ++i) std::fprintf(out, "    generated_%zu,\n", i);
    std::fprintf(out, "};\n");
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) return 2;
    std::FILE* out = std::fopen(argv[1], "w");
    if (out == nullptr) return 1;
    std::fprintf(out, "// Written by tests/print/cpp_generate.cpp: to_cpp of made-up expressions.\n");
    std::fprintf(out, "#include <chainrule.hpp>\n#include <cmath>\n\n");
    write_all(out, std::make_index_sequence<random_expressions::count>{});
    return std::fclose(out) == 0 ? 0 : 1;
}
