#pragma once

#include "chainrule/detail/rational.hpp"
#include "chainrule/detail/type_list.hpp"

#include <concepts>
#include <cstddef>
#include <type_traits>

// The node vocabulary: what an expression type is made of.
//
// Users spell expressions with the aliases of arithmetic.hpp and the
// functions/ headers (Add, Mul, Pow, Sin, ...). Those aliases build the
// canonical nodes defined here, so two spellings of the same mathematics end up
// as the same type:
//
//   Int<N>, Ratio<P, Q>      exact constants (Ratio is what Rational<P, Q> builds)
//   Var<"name">              a variable (X, Y, Z, Var<'w'>, Var<"w1">)
//   Sum<T...>                a sum of at least two terms, sorted, like terms collected
//   Product<F...>            a product: optional constant coefficient, then factors
//                            sorted by base, each base once
//   Power<B, E>              B raised to E (never E = 0 or 1)
//   Call<Fn, A...>           the function Fn (a tag such as exp_fn) applied to
//                            A... (Apply<Fn, A...> builds it)
//
// Every node is an empty literal type that can be called like a function:
// D<Sigmoid<X>>{}(0.0) is eval<D<Sigmoid<X>>>(0.0).
namespace chainrule {

namespace detail {
struct expression_tag {};
// A variable, and the stand-in for a constant that cannot be formed (below),
// are expressions even when their own checks failed: Clang takes a class
// whose instantiation failed a static_assert for one with no base, and every
// later check of it would add a message of its own. (Not the compound
// nodes: a malformed Sum is better left alone after its message than
// evaluated.)
template <class E>
inline constexpr bool is_node = false;
}  // namespace detail

namespace detail {
// A call of eval<E>(args...) or e(args...): whether it is valid, and the
// value that reports it when it is not (eval.hpp).
template <class E, class... Args>
struct eval_call;
// The function object eval<E> (eval.hpp).
template <class E>
struct eval_fn;

// The value a misused call returns instead of a result: completing it
// instantiates Diagnostic, whose static_assert is the message. It converts
// to anything, so that the caller's use of it adds no second error.
template <class Diagnostic>
struct misuse_report {
    static constexpr std::integral_constant<bool, Diagnostic::value> reported{};
    template <class T>
    constexpr operator T() const {
        return T{};
    }
};
}  // namespace detail

// The operator() that takes a misused call is constexpr on g++, which then
// completes its return type (the report) at the call, in the caller's frame;
// a call in a constant expression then adds no error. Clang instantiates a
// constexpr function as soon as it is called, and so would complete the
// report inside the function, whose frame spells the expression: there it is
// not constexpr, and a constant expression adds a note naming operator() only.
#if defined(__clang__)
#define CHAINRULE_DETAIL_MISUSE_CONSTEXPR
#else
#define CHAINRULE_DETAIL_MISUSE_CONSTEXPR constexpr
#endif

/// Base of every node: gives it the function-call syntax, e(args...) being
/// eval<E>(args...).
template <class Self>
struct expression : detail::expression_tag {
    template <class... Args>
        requires(detail::eval_call<Self, Args...>::ok)
    constexpr auto operator()(const Args&... args) const { return detail::eval_fn<Self>{}(args...); }
    template <class... Args>
        requires(!detail::eval_call<Self, Args...>::ok)
    CHAINRULE_DETAIL_MISUSE_CONSTEXPR typename detail::eval_call<Self, Args...>::report operator()(
        const Args&...) const {
        return {};
    }
};

/// True for chainrule's expression types (X, Int<2>, Sin<X>, D<Tanh<X>>, ...).
template <class E>
concept Expression = std::is_base_of<detail::expression_tag, E>::value || detail::is_node<E>;

// ---------------------------------------------------------------- constants

/// The exact integer constant N.
template <long long N>
struct Int : expression<Int<N>> {
    static constexpr long long numerator = N;
    static constexpr long long denominator = 1;
};

/// The exact fraction P/Q in lowest terms with Q > 1. Spell it Rational<P, Q>,
/// which reduces (Rational<2, 4> is Ratio<1, 2>; Rational<4, 2> is Int<2>).
template <long long P, long long Q>
struct Ratio : expression<Ratio<P, Q>> {
    static_assert(Q > 1 && detail::gcd_ll(P, Q) == 1,
                  "chainrule::Ratio<P, Q>: write Rational<P, Q>, which reduces the fraction");
    static constexpr long long numerator = P;
    static constexpr long long denominator = Q;
};

namespace detail {
template <class E>
struct is_constant : std::false_type {};
template <long long N>
struct is_constant<Int<N>> : std::true_type {};
template <long long P, long long Q>
struct is_constant<Ratio<P, Q>> : std::true_type {};

// The canonical type of an exact rational value (and for the result of a
// failed operation, rational{error, 0}, the stand-in defined below Call).
template <rational R>
struct constant_of {
    using type = Ratio<R.num, R.den>;
};
template <rational R>
    requires(R.den == 1)
struct constant_of<R> {
    using type = Int<R.num>;
};
template <rational R>
using constant_t = typename constant_of<R>::type;

template <class C>
inline constexpr rational value_of = {C::numerator, C::denominator};
}  // namespace detail

/// True for the exact constants Int<N> and Rational<P, Q>.
template <class E>
concept Constant = detail::is_constant<E>::value;

/// The exact fraction P/Q, reduced: Rational<4, 5> is 0.8 exactly.
template <long long P, long long Q>
using Rational = detail::constant_t<detail::make_rational(P, Q)>;

/// Int<N> as a value, for the value-level syntax: pow(f, int_c<3>).
template <long long N>
inline constexpr Int<N> int_c{};

// ---------------------------------------------------------------- variables

/// The name of a variable: one character ('w') or a short string ("w1"),
/// and for an indexed variable Var<"w", 1, 2> its indices (set by Var, never
/// spelled by hand). Var<'w'> and Var<"w"> are the same type.
struct var_name {
    static constexpr std::size_t capacity = 15;
    static constexpr std::size_t max_indices = 4;
    char chars[capacity + 1]{};
    unsigned char rank = 0;              // how many indices
    std::size_t indices[max_indices]{};  // the first `rank` are used

    constexpr var_name(char c) : chars{c} {}  // '\0' is the library's "no name"; Var rejects it
    constexpr bool empty() const {
        for (char c : chars)
            if (c != '\0') return false;
        return true;
    }
    template <std::size_t N>
    constexpr var_name(const char (&s)[N]) {
        static_assert(N >= 2 && N - 1 <= capacity, "chainrule::Var<name>: a variable name has 1 to 15 characters");
        for (std::size_t i = 0; i + 1 < N; ++i) chars[i] = s[i];
    }
    constexpr const char* c_str() const { return chars; }
    constexpr bool operator==(const var_name&) const = default;
};

namespace detail {
// The name of Var<Name, I...>: Name with the indices I.
template <std::size_t... I>
constexpr var_name indexed_name(var_name name) {
    const std::size_t is[] = {I..., 0};
    name.rank = static_cast<unsigned char>(sizeof...(I));
    for (std::size_t k = 0; k < sizeof...(I); ++k) name.indices[k] = is[k];
    return name;
}
}  // namespace detail

/// A variable, named by a character or a string: Var<'w'>, Var<"w1">; with
/// indices, one member of a family: Var<"w", 1, 2> is w[1][2] (a different
/// variable from Var<"w12"> and from Var<"w", 2, 1>). See Vars for families.
template <var_name Name, std::size_t... Index>
struct Var : expression<Var<Name, Index...>> {
    // (name first: Clang keeps what precedes a failed static_assert)
    static constexpr var_name name = [] {
        if constexpr (sizeof...(Index) <= var_name::max_indices) return detail::indexed_name<Index...>(Name);
        else return Name;  // reported below
    }();
    static_assert(!Name.empty(), "chainrule::Var<name>: a variable name has 1 to 15 characters");
    static_assert(Name.rank == 0, "chainrule::Var<name, I...>: write the indices as template arguments");
    static_assert(sizeof...(Index) <= var_name::max_indices,
                  "chainrule::Var<name, I...>: a variable has at most 4 indices");
};

using X = Var<'x'>;  ///< the variable x
using Y = Var<'y'>;  ///< the variable y
using Z = Var<'z'>;  ///< the variable z

namespace detail {
template <class E>
struct is_variable : std::false_type {};
template <var_name N, std::size_t... I>
struct is_variable<Var<N, I...>> : std::true_type {};
}  // namespace detail

/// True for variables: X, Y, Z, Var<'w'>, Var<"w1">.
template <class E>
concept Variable = detail::is_variable<E>::value;

// ---------------------------------------------------------- compound nodes
// These are canonical forms; build them with the aliases of arithmetic.hpp
// (Add, Mul, Pow, ...) and functions/ (Exp, Sin, ...), never by hand.

/// The function Fn applied to the arguments As...: none (a named constant
/// such as Pi), one (Sin<X>) or two (Atan2<Y, X>). Fn is a tag (exp_fn,
/// sin_fn, a user's softsign_fn); see functions/function.hpp. Build it with
/// Apply<Fn, As...>, which checks the tag and folds constants; two Calls are
/// the same function exactly when their tags are the same type.
template <class Fn, Expression... As>
struct Call : expression<Call<Fn, As...>> {
    using function = Fn;
    static constexpr std::size_t arity = sizeof...(As);
};

namespace detail {
// ------------------------------------------- constants that cannot be formed
// An exact constant that cannot be formed where the library computes one (a
// product or power of constants that overflows long long, a division by the
// constant zero) is not reported there: that place is deep inside the
// instantiation of the expression being built, and a compiler's message there
// prints every enclosing expression in full, as a tree (23 MB for the
// logistic map at depth 16; out of memory at depth 32). The operation gives
// invalid_constant<Why> instead, a small type that the arithmetic passes on
// as its result without looking into it, and that reports Why when the
// expression is used (evaluated, differentiated, printed, or made an object
// of): there, the message names no large type, and points at the user's line.
template <long long Why>
struct invalid_constant_fn {
    static constexpr const char* name = "chainrule_invalid_constant";
    template <class T>
    static constexpr T eval() {
        return T{};  // never run: Call<invalid_constant_fn> does not compile
    }
};
}  // namespace detail

/// (The stand-in for a constant that cannot be formed; see above.)
template <long long Why>
struct Call<detail::invalid_constant_fn<Why>> : expression<Call<detail::invalid_constant_fn<Why>>> {
    using function = detail::invalid_constant_fn<Why>;  // (first: Clang keeps what precedes a failed static_assert)
    static constexpr std::size_t arity = 0;
    static_assert(Why != detail::constant_overflow,
                  "chainrule::Add, Mul, Pow, D: an exact constant in this expression overflows long long "
                  "(chainrule_constant_arithmetic_overflows_long_long; see docs/limits.md)");
    static_assert(Why != detail::constant_division_by_zero,
                  "chainrule::Pow: an exact constant in this expression divides by zero "
                  "(chainrule_division_by_the_constant_zero)");
    static_assert(Why != detail::constant_divisor_zero,
                  "chainrule::Div<A, B>: B is the constant zero (division by zero)");
    static_assert(Why != detail::constant_zero_to_negative_power,
                  "chainrule::Pow<A, B>: zero raised to a negative power (division by zero)");
};

namespace detail {
template <long long Why>
using invalid_constant = Call<invalid_constant_fn<Why>>;

template <rational R>
    requires(R.den == 0)
struct constant_of<R> {
    using type = invalid_constant<R.num>;
};
// The stand-in for the error Why met in a template over Of (Of only makes it
// dependent, so that it is formed only when that template is instantiated).
template <long long Why, class Of>
struct invalid_constant_of {
    using type = invalid_constant<Why>;
};
template <long long Why, class Of>
using invalid_constant_t = typename invalid_constant_of<Why, Of>::type;

template <class E>
struct is_sum_node : std::false_type {};
template <class E>
struct is_product_node : std::false_type {};

// The checks every Sum and Product makes of its operands (canonical forms
// only: the arithmetic of arithmetic.hpp never builds anything else, and a
// hand-written node that breaks them would be evaluated or simplified wrongly).
// Flags per operand, then one loop: no fold over the operands. (Bits of a
// std::integral_constant, not a function or a variable template: those are
// symbols named after the operand, and GCC computes the mangled name of every
// symbol it meets, at a cost that grows with the operand's size.)
enum operand_flag : unsigned { flag_expression = 1, flag_constant = 2, flag_nested = 4, flag_zero = 8, flag_one = 16 };
template <std::size_t N>
constexpr bool operands_are(const unsigned (&f)[N], bool sum) {
    for (std::size_t i = 1; i < N; ++i) {
        if (!(f[i] & flag_expression) || (f[i] & flag_nested)) return false;
        if ((f[i] & flag_constant) && i != 1) return false;  // the constant, if any, comes first
        if ((f[i] & flag_constant) && ((f[i] & flag_zero) || (!sum && (f[i] & flag_one)))) return false;
    }
    return N >= 3;  // (a leading entry, then two operands or more)
}
// Whether the operands of a Sum (terms by monomial) or a Product (factors by
// base, after the coefficient) are in the canonical order, strictly
// increasing: the order itself is the algebra's (detail/order.hpp), so this
// is defined in arithmetic.hpp. Check is false when the operands failed the
// checks above, which leaves them alone.
template <bool Check, bool InSum, class... Ts>
struct canonical_order;
// Nested means a sum in a sum, a product in a product.
template <class E, bool InSum, bool IsExpression = Expression<E>>
struct flags_of : std::integral_constant<unsigned, 0> {};
template <class E, bool InSum>
struct flags_of<E, InSum, true>
    : std::integral_constant<unsigned,
                             flag_expression | (Constant<E> ? flag_constant : 0u) |
                                 ((InSum ? is_sum_node<E>::value : is_product_node<E>::value) ? flag_nested : 0u) |
                                 (std::is_same<E, Int<0>>::value ? flag_zero : 0u) |
                                 (std::is_same<E, Int<1>>::value ? flag_one : 0u)> {};
}  // namespace detail

/// Base B raised to the exponent E (E is neither 0 nor 1, B neither 0 nor 1).
template <Expression B, Expression E>
struct Power : expression<Power<B, E>> {
    static_assert(!std::is_same<E, Int<0>>::value && !std::is_same<E, Int<1>>::value &&
                      !std::is_same<B, Int<0>>::value && !std::is_same<B, Int<1>>::value,
                  "chainrule::Power<B, E>: not a canonical form (an exponent or base of 0 or 1); write Pow<B, E>, "
                  "which simplifies it");
    using base = B;
    using exponent = E;
};

// (Product and Sum check their operands with one check, not a constrained
// pack: a constraint on a pack is a fold, and Clang refuses folds over more
// than 256 operands -- a sum of 1,024 weighted inputs.)

/// A product of two factors or more, none of them a product; a constant
/// coefficient other than 0 and 1, if any, comes first. Build it with Mul.
template <class... Fs>
struct Product : expression<Product<Fs...>> {
    static_assert(detail::all_of({Expression<Fs>...}), "chainrule::Product<Fs...>: every factor is an expression");
    static_assert(detail::operands_are({0u, detail::flags_of<Fs, false>::value...}, false),
                  "chainrule::Product<Fs...>: not a canonical form (fewer than two factors, a nested product, or a "
                  "constant that is 0, 1 or not first); write Mul<...>, which simplifies it");
    static_assert(detail::canonical_order<detail::operands_are({0u, detail::flags_of<Fs, false>::value...}, false),
                                          false, Fs...>::value,
                  "chainrule::Product<Fs...>: not a canonical form (the factors are not in the canonical order, "
                  "or a base occurs twice); write Mul<...>, which sorts them");
};

/// A sum of two terms or more, none of them a sum; the constant term, other
/// than 0, if any, comes first. Build it with Add.
template <class... Ts>
struct Sum : expression<Sum<Ts...>> {
    static_assert(detail::all_of({Expression<Ts>...}), "chainrule::Sum<Ts...>: every term is an expression");
    static_assert(detail::operands_are({0u, detail::flags_of<Ts, true>::value...}, true),
                  "chainrule::Sum<Ts...>: not a canonical form (fewer than two terms, a nested sum, or a constant "
                  "that is 0 or not first); write Add<...>, which simplifies it");
    static_assert(detail::canonical_order<detail::operands_are({0u, detail::flags_of<Ts, true>::value...}, true), true,
                                          Ts...>::value,
                  "chainrule::Sum<Ts...>: not a canonical form (the terms are not in the canonical order, or two "
                  "are like terms); write Add<...>, which sorts and collects them");
};

namespace detail {
template <var_name Name, std::size_t... Index>
inline constexpr bool is_node<Var<Name, Index...>> = true;
template <long long Why>
inline constexpr bool is_node<invalid_constant<Why>> = true;

template <class... Ts>
struct is_sum_node<Sum<Ts...>> : std::true_type {};
template <class... Fs>
struct is_product_node<Product<Fs...>> : std::true_type {};
}  // namespace detail

}  // namespace chainrule
