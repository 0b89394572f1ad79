#include <chainrule.hpp>

#include <cstdio>

using namespace chainrule;

static_assert(eval<D<Sigmoid<X>>>(0.0) == 0.25);

int main() {
    std::printf("chainrule %d.%d.%d: %g\n", CHAINRULE_VERSION_MAJOR, CHAINRULE_VERSION_MINOR, CHAINRULE_VERSION_PATCH,
                eval<D<Sigmoid<X>>>(0.0));
    return eval<D<Sigmoid<X>>>(0.0) == 0.25 ? 0 : 1;
}
