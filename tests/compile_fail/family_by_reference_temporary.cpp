// at<Vars<"w", 2>>(std::cref(std::array{...})): a temporary cannot be bound by
// reference; the binding would outlive it (std::cref of an rvalue is deleted).
// expected: cref
// expected: delete
#include <chainrule.hpp>

#include <array>
#include <functional>

using namespace chainrule;
auto unused = at<Vars<"w", 2>>(std::cref(std::array<double, 2>{1.0, 2.0}));
