// Expressions made up by a seeded generator, for the printing tests: sums,
// products, quotients, powers (integer, negative, fractional and symbolic
// exponents) and every function, in x and y, a few levels deep.
#pragma once

#include <chainrule.hpp>

#include <cstddef>
#include <type_traits>
#include <utility>

namespace random_expressions {

using namespace chainrule;

constexpr unsigned long long step(unsigned long long s) { return s * 6364136223846793005ull + 1442695040888963407ull; }
constexpr unsigned long long draw(unsigned long long s, unsigned long long n) { return (s >> 33) % n; }

template <unsigned long long S, int Depth>
struct make;

template <unsigned long long S>
struct leaf {
    static constexpr auto k = draw(S, 8);
    using type = std::conditional_t < k < 3, X,
          std::conditional_t < k<5, Y,
                                 std::conditional_t<k<7, Int<static_cast<long long>(draw(step(S), 7)) - 3>,
                                                      Rational<static_cast<long long>(draw(step(S), 5)) - 2,
                                                               static_cast<long long>(draw(step(step(S)), 3)) + 2>>>>;
};

// Division by a constant zero and zero to a negative power do not compile
// (by design); the generator steers around them.
template <class A, class B>
auto safe_div_impl() {
    if constexpr (std::is_same_v<B, Int<0>>) return std::type_identity<Add<A, B>>{};
    else return std::type_identity<Div<A, B>>{};
}
template <class A, class B>
auto safe_pow_impl() {
    if constexpr (std::is_same_v<A, Int<0>>) return std::type_identity<Add<A, B>>{};
    else return std::type_identity<Pow<A, B>>{};
}
template <class A, class B>
using safe_div = typename decltype(safe_div_impl<A, B>())::type;
template <class A, class B>
using safe_pow = typename decltype(safe_pow_impl<A, B>())::type;

template <unsigned long long S, int Depth>
struct node {
    static constexpr unsigned long long s1 = step(S), s2 = step(s1), s3 = step(s2);
    using a = typename make<s1, Depth - 1>::type;
    using b = typename make<s2, Depth - 1>::type;
    // A function of a constant is kept away: D<Log<Int<0>>, X> does not
    // compile today (the chain rule divides by the constant 0 before
    // multiplying by its derivative 0).
    using u = std::conditional_t<Constant<a>, Add<a, X>, a>;
    template <int K>
    static auto pick() {
        if constexpr (K == 0) return std::type_identity<Add<a, b>>{};
        else if constexpr (K == 1) return std::type_identity<Sub<a, b>>{};
        else if constexpr (K == 2) return std::type_identity<Mul<a, b>>{};
        else if constexpr (K == 3) return std::type_identity<safe_div<a, b>>{};
        else if constexpr (K == 4)
            return std::type_identity<safe_pow<u, Int<static_cast<long long>(draw(s3, 5)) - 2>>>{};
        else if constexpr (K == 5) return std::type_identity<safe_pow<u, Rational<1, 2>>>{};
        else if constexpr (K == 6) return std::type_identity<safe_pow<a, b>>{};
        else if constexpr (K == 7) return std::type_identity<Neg<a>>{};
        else if constexpr (K == 8) return std::type_identity<Exp<u>>{};
        else if constexpr (K == 9) return std::type_identity<Log<u>>{};
        else if constexpr (K == 10) return std::type_identity<Sqrt<u>>{};
        else if constexpr (K == 11) return std::type_identity<Sin<u>>{};
        else if constexpr (K == 12) return std::type_identity<Cos<u>>{};
        else if constexpr (K == 13) return std::type_identity<Tan<u>>{};
        else if constexpr (K == 14) return std::type_identity<Tanh<u>>{};
        else if constexpr (K == 15) return std::type_identity<Sigmoid<u>>{};
        else if constexpr (K == 16) return std::type_identity<Relu<u>>{};
        else if constexpr (K == 17) return std::type_identity<Abs<u>>{};
        else if constexpr (K == 18) return std::type_identity<Add<Mul<a, b>, a>>{};
        else return std::type_identity<Sub<Int<1>, Mul<Rational<3, 2>, a, b>>>{};
    }
    using type = typename decltype(pick<static_cast<int>(draw(S, 20))>())::type;
};

template <unsigned long long S, int Depth>
struct make : std::conditional_t<(Depth <= 0 || draw(S * 7 + 3, 5) == 0), leaf<S>, node<S, Depth>> {};

/// The I-th made-up expression.
template <std::size_t I>
using expression = typename make<step(step(I * 2654435761ull + 12345)), 3>::type;

inline constexpr std::size_t count = 150;

}  // namespace random_expressions
