// The tutorial's driving analogy: two rates, chained, multiply.
//
//   wheel speed rises 5 mph per 100 rpm   (speed = rpm / 20)
//   rpm rises 200 per inch of pedal       (rpm = 200 * pedal)
//
// so the wheels gain 200 * 5/100 = 10 mph per inch of pedal.
#include <chainrule.hpp>

#include <cstdio>
#include <type_traits>

using namespace chainrule;

using Pedal = X;                   // inches of pedal
using Rpm = Mul<Int<200>, Pedal>;  // rpm as a function of the pedal
using Speed = Div<Rpm, Int<20>>;   // mph as a function of the pedal

static_assert(std::is_same_v<D<Rpm>, Int<200>>);
static_assert(std::is_same_v<D<Div<X, Int<20>>>, Rational<1, 20>>);
static_assert(std::is_same_v<D<Speed>, Int<10>>);  // 200 * 1/20

int main() {
    std::printf("d(rpm)/d(pedal) = %g rpm per inch\n", eval<D<Rpm>>(1.0));
    std::printf("d(speed)/d(pedal) = %g mph per inch\n", eval<D<Speed>>(1.0));
}
