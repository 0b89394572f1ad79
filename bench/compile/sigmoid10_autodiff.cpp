// The 10th derivative of the sigmoid at a point, with Boost.Math's autodiff
// (forward mode, Taylor coefficients up to order 10).
#include <boost/math/differentiation/autodiff.hpp>

#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv) {
    using namespace boost::math::differentiation;
    double x0 = argc > 1 ? std::atof(argv[1]) : 0.5;
    auto x = make_fvar<double, 10>(x0);
    auto s = 1 / (1 + exp(-x));
    std::printf("%.17g\n", s.derivative(10));
}
