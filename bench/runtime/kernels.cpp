// The small derivative kernels of derivatives.cpp, one extern function each,
// for kernels_asm.sh to read their machine code: each must stay
// one call to exp and double arithmetic. (In 222fb93 they moved to long
// double, the x87 unit on x86-64, and took three times as long, unnoticed for
// 50 commits; see sigma_polynomial_fn's working type in detail/stable.hpp.)
#include <chainrule.hpp>

using namespace chainrule;

double kernel_sigmoid_prime(double x) { return eval<D<Sigmoid<X>>>(x); }
double kernel_tanh_prime(double x) { return eval<D<Tanh<X>>>(x); }
double kernel_softplus_second(double x) { return eval<D<Softplus<X>, X, 2>>(x); }
double kernel_silu_prime(double x) { return eval<D<Mul<X, Sigmoid<X>>>>(x); }
