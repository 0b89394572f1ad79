#pragma once

// chainrule: compile-time symbolic differentiation.
//
// Functions are types, derivatives are types the compiler computes, values
// are constexpr:
//
//   #include <chainrule.hpp>
//   using namespace chainrule;
//   static_assert(eval<D<Sigmoid<X>>>(0.0) == 0.25);

#include "chainrule/arithmetic.hpp"
#include "chainrule/derivative.hpp"
#include "chainrule/eval.hpp"
#include "chainrule/expand.hpp"
#include "chainrule/expression.hpp"
#include "chainrule/families.hpp"
#include "chainrule/functions.hpp"
#include "chainrule/gradient.hpp"
#include "chainrule/literals.hpp"
#include "chainrule/math.hpp"
#include "chainrule/operators.hpp"
#include "chainrule/print.hpp"
#include "chainrule/size.hpp"
#include "chainrule/taylor.hpp"
#include "chainrule/variables.hpp"
#include "chainrule/version.hpp"
