// eval<Gradient<E, X>>(std::vector): a container binds a family, by name.
// expected: chainrule::eval<G>(values): a container of numbers binds a family of variables
#include <chainrule.hpp>
#include <vector>
using namespace chainrule;
auto unused = eval<Gradient<Sin<X>, X>>(std::vector<double>{1.0});
