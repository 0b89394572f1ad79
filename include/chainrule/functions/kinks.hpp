#pragma once

#include "chainrule/detail/rational.hpp"

// What the derivative is at a kink, where a function has none: relu, abs,
// leaky relu and elu at 0, min and max where their arguments tie.
//
// The rules are written with two functions, Step (the derivative of relu) and
// Sign (the derivative of abs), and min and max with their tie weights; one
// policy sets all of them at once, at compile time. Define CHAINRULE_KINKS
// before including chainrule, the same in every translation unit, to choose
// another policy than PyTorch's:
//
//   #define CHAINRULE_KINKS chainrule::kinks::midpoint
//   #include <chainrule.hpp>
//
//                       step(0)  sign(0)  relu'(0)  |u|'(0)  leaky'(0)   elu''(0)  max/min tie (first, second)
//   kinks::pytorch      0        0        0         0        slope       1         1/2, 1/2
//   kinks::midpoint     1/2      0        1/2       0        (1+slope)/2 1/2       1/2, 1/2
//   kinks::right        1        1        1         1        1           0         max 1, 1; min 0, 0
//
// pytorch is the default: torch.relu, abs and leaky_relu give these values
// at 0, elu's second derivative at 0 is its left one (e^0), and
// torch.maximum and torch.minimum split the gradient evenly on a tie
// (torch.fmax and torch.fmin give all of it to the first argument instead).
// midpoint is the middle of the subdifferential; right is the one-sided
// derivative from the right, argument by argument.
namespace chainrule::kinks {

/// PyTorch's choices (the default).
struct pytorch {
    static constexpr detail::rational step_at_zero{0, 1};
    static constexpr detail::rational sign_at_zero{0, 1};
    static constexpr detail::rational max_tie_first{1, 2};
    static constexpr detail::rational max_tie_second{1, 2};
    static constexpr detail::rational min_tie_first{1, 2};
    static constexpr detail::rational min_tie_second{1, 2};
};

/// The middle of the subdifferential: relu'(0) = 1/2, |u|'(0) = 0.
struct midpoint {
    static constexpr detail::rational step_at_zero{1, 2};
    static constexpr detail::rational sign_at_zero{0, 1};
    static constexpr detail::rational max_tie_first{1, 2};
    static constexpr detail::rational max_tie_second{1, 2};
    static constexpr detail::rational min_tie_first{1, 2};
    static constexpr detail::rational min_tie_second{1, 2};
};

/// The one-sided derivative from the right: relu'(0) = 1, |u|'(0) = 1.
struct right {
    static constexpr detail::rational step_at_zero{1, 1};
    static constexpr detail::rational sign_at_zero{1, 1};
    static constexpr detail::rational max_tie_first{1, 1};
    static constexpr detail::rational max_tie_second{1, 1};
    static constexpr detail::rational min_tie_first{0, 1};
    static constexpr detail::rational min_tie_second{0, 1};
};

}  // namespace chainrule::kinks

#ifndef CHAINRULE_KINKS
#define CHAINRULE_KINKS ::chainrule::kinks::pytorch
#endif

namespace chainrule {

/// The kink policy in force: CHAINRULE_KINKS, kinks::pytorch by default.
using kink_policy = CHAINRULE_KINKS;

}  // namespace chainrule
