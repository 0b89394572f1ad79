#pragma once

// Every built-in function, one line each. A function lives in its own header,
// functions/<name>.hpp, which holds its alias (Sin<A>), its tag (sin_fn: name,
// derivative rule, evaluation), its constant folding and its value-level
// spelling (sin(x)); adding a built-in is that file and one line here
// (docs/guide.md, section 8).

#include "chainrule/functions/abs.hpp"
#include "chainrule/functions/acos.hpp"
#include "chainrule/functions/acosh.hpp"
#include "chainrule/functions/asin.hpp"
#include "chainrule/functions/asinh.hpp"
#include "chainrule/functions/atan.hpp"
#include "chainrule/functions/atanh.hpp"
#include "chainrule/functions/cbrt.hpp"
#include "chainrule/functions/cos.hpp"
#include "chainrule/functions/cosh.hpp"
#include "chainrule/functions/elu.hpp"
#include "chainrule/functions/erf.hpp"
#include "chainrule/functions/erfc.hpp"
#include "chainrule/functions/exp.hpp"
#include "chainrule/functions/exp2.hpp"
#include "chainrule/functions/expm1.hpp"
#include "chainrule/functions/gelu.hpp"
#include "chainrule/functions/leaky_relu.hpp"
#include "chainrule/functions/log.hpp"
#include "chainrule/functions/log10.hpp"
#include "chainrule/functions/log1p.hpp"
#include "chainrule/functions/log2.hpp"
#include "chainrule/functions/log_sigmoid.hpp"
#include "chainrule/functions/pi.hpp"
#include "chainrule/functions/relu.hpp"
#include "chainrule/functions/sigmoid.hpp"
#include "chainrule/functions/sign.hpp"
#include "chainrule/functions/silu.hpp"
#include "chainrule/functions/sin.hpp"
#include "chainrule/functions/sinh.hpp"
#include "chainrule/functions/softplus.hpp"
#include "chainrule/functions/softsign.hpp"
#include "chainrule/functions/sqrt.hpp"
#include "chainrule/functions/step.hpp"
#include "chainrule/functions/tan.hpp"
#include "chainrule/functions/tanh.hpp"
