#include <chainrule.hpp>

#include <cstdio>

using namespace chainrule;

static_assert(eval<D<Sigmoid<X>>>(0.0) == 0.25);

int main() {
    std::printf("%g\n", eval<D<Sigmoid<X>>>(0.0));
    return eval<D<Sigmoid<X>>>(0.0) == 0.25 ? 0 : 1;
}
