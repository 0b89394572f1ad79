// The 10th derivative of the sigmoid at a point, with chainrule.
// Measured for compile time and memory by bench/compile/measure.sh.
#include <chainrule.hpp>

#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
    double x = argc > 1 ? std::atof(argv[1]) : 0.5;
    std::printf("%.17g\n", chainrule::eval<chainrule::D<chainrule::Sigmoid<chainrule::X>, chainrule::X, 10>>(x));
}
