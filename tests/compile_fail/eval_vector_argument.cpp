// eval<E>(std::vector): a container binds a family, by name.
// expected: chainrule::eval<E>(values): a container of numbers binds a family of variables
#include <chainrule.hpp>
#include <vector>
using namespace chainrule;
auto unused = eval<Sin<X>>(std::vector<double>{1.0});
