#pragma once

// Every built-in function; each lives in functions/<name>.hpp with its rule.

#include "chainrule/functions/abs.hpp"
#include "chainrule/functions/cos.hpp"
#include "chainrule/functions/exp.hpp"
#include "chainrule/functions/log.hpp"
#include "chainrule/functions/relu.hpp"
#include "chainrule/functions/sigmoid.hpp"
#include "chainrule/functions/sign.hpp"
#include "chainrule/functions/sin.hpp"
#include "chainrule/functions/sqrt.hpp"
#include "chainrule/functions/step.hpp"
#include "chainrule/functions/tan.hpp"
#include "chainrule/functions/tanh.hpp"
