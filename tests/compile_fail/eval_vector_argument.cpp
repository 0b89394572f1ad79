// eval<E>(std::vector): a container binds a family, by name.
#include <chainrule.hpp>
#include <vector>
using namespace chainrule;
auto unused = eval<Sin<X>>(std::vector<double>{1.0});
