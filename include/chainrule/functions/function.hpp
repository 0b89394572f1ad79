#pragma once

#include "chainrule/expression.hpp"


// What every function of the library (and, later, of its users) provides.
//
// A function is a tag type with
//   name                        its name ("tanh")
// and, optionally, how it prints (print.hpp), each a const char*:
//   text                        the name in to_text, if not name ("sigma")
//   latex                       "\\tanh", or a template where # is the argument ("e^{#}")
//   mathml                      "<mi>tanh</mi>", or a template ("<msqrt>#</msqrt>")
//   cpp                         the C++ function to_cpp calls ("std::tanh")
//   eval(u)                     its value, constexpr (the library's own math
//                               during constant evaluation, <cmath> at run time)
//   derivative<U>               the derivative of the outer function,
//                               written at the argument U: for tanh,
//                               Sub<Int<1>, Pow<Tanh<U>, Int<2>>>
// The chain rule itself is written once, in derivative.hpp:
//   D<Apply<Fn, U>> = Mul<Fn::derivative<U>, D<U>>.
namespace chainrule {

namespace detail {
// Fn applied to A. Function headers specialise this for exact values at
// constants, such as exp(0) = 1, so that constants fold like arithmetic does.
template <class Fn, class A>
struct apply {
    using type = Apply<Fn, A>;
};
template <class Fn, class A>
using apply_t = typename apply<Fn, A>::type;
}  // namespace detail

}  // namespace chainrule
