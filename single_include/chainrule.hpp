// chainrule single header: the whole library (include/chainrule.hpp and every
// header it includes) in one file. Generated; do not edit. Regenerate it with
//
//     cmake -P scripts/amalgamate.cmake
//
// from the repository's root after changing a header under include/. The test
// single_include.up_to_date fails while it is out of date. The Hana views,
// chainrule/hana.hpp, are not included.
#pragma once

// ---- begin chainrule.hpp

// chainrule: compile-time symbolic differentiation.
//
// Functions are types, derivatives are types the compiler computes, values
// are constexpr:
//
//   #include <chainrule.hpp>
//   using namespace chainrule;
//   static_assert(eval<D<Sigmoid<X>>>(0.0) == 0.25);


// ---- begin chainrule/arithmetic.hpp


// ---- begin chainrule/detail/order.hpp


// ---- begin chainrule/detail/names.hpp


// ---- begin chainrule/expression.hpp


// ---- begin chainrule/detail/rational.hpp

// Exact arithmetic on the compile-time constants Int<N> and Rational<P, Q>.
//
// Everything here runs inside template arguments. An operation that cannot
// give an exact long long fraction (an overflow, a division by zero) does not
// stop the compiler where it happens: that place is deep inside the
// instantiation of the expression being built, and a compiler's message
// there prints every enclosing expression in full, as a tree (23 MB for the
// logistic map at depth 16, and out of memory at depth 32). The checked_*
// functions return a rational with den == 0 instead, whose num says what went
// wrong (constant_error); constant_t (expression.hpp) turns it into a
// message with no expression in it, and an inert stand-in so that the
// compiler goes on without further errors. The unchecked functions
// (rational_add, ...) are for callers that want the error where they are:
// they call a non-constexpr function whose name says what happened.
namespace chainrule::detail {

struct rational {
    long long num;
    long long den;  // > 0, gcd(num, den) == 1; 0 for the result of a failed operation, num a constant_error
};

/// Why an exact constant could not be formed (rational{error, 0}).
enum constant_error : long long {
    constant_overflow = 1,               // the exact value does not fit in long long
    constant_division_by_zero = 2,       // Rational<P, 0>, or a constant to a negative power of 0
    constant_divisor_zero = 3,           // Div<A, Int<0>>
    constant_zero_to_negative_power = 4  // Pow<Int<0>, B> with a constant B < 0
};

constexpr bool failed(rational r) { return r.den == 0; }

// Called only when exact constant arithmetic would not fit in long long; it
// is not constexpr on purpose, so the compile error names the problem.
void chainrule_constant_arithmetic_overflows_long_long();
// Called only for a compile-time constant divided by zero (Div<E, Int<0>>,
// Pow<Int<0>, Int<-1>>, Rational<1, 0>).
void chainrule_division_by_the_constant_zero();

// ------------------------------------------------------- checked arithmetic
// Each sets ok to false, and returns 0, when the result does not fit.

constexpr long long abs_ll(long long a, bool& ok) {
    if (a == -9223372036854775807LL - 1) {
        ok = false;
        return 0;
    }
    return a < 0 ? -a : a;
}

constexpr long long gcd_ll(long long a, long long b, bool& ok) {
    a = abs_ll(a, ok);
    b = abs_ll(b, ok);
    while (b != 0) {
        long long t = a % b;
        a = b;
        b = t;
    }
    return a;
}

constexpr long long add_ll(long long a, long long b, bool& ok) {
    constexpr long long max = 9223372036854775807LL;
    constexpr long long min = -max - 1;
    if ((b > 0 && a > max - b) || (b < 0 && a < min - b)) {
        ok = false;
        return 0;
    }
    return a + b;
}

constexpr long long mul_ll(long long a, long long b, bool& ok) {
    if (a == 0 || b == 0) return 0;
    constexpr long long max = 9223372036854775807LL;
    long long ua = abs_ll(a, ok), ub = abs_ll(b, ok);
    if (!ok || ua > max / ub) {
        ok = false;
        return 0;
    }
    return a * b;
}

constexpr rational checked_make_rational(long long p, long long q) {
    if (q == 0) return {constant_division_by_zero, 0};
    bool ok = true;
    if (q < 0) {
        p = mul_ll(p, -1, ok);
        q = mul_ll(q, -1, ok);
    }
    long long g = gcd_ll(p, q, ok);
    if (!ok) return {constant_overflow, 0};
    if (g == 0) return {0, 1};
    return {p / g, q / g};
}

constexpr rational checked_add(rational a, rational b) {
    if (failed(a)) return a;
    if (failed(b)) return b;
    bool ok = true;
    long long g = gcd_ll(a.den, b.den, ok);
    long long den = mul_ll(a.den / g, b.den, ok);
    long long num = add_ll(mul_ll(a.num, b.den / g, ok), mul_ll(b.num, a.den / g, ok), ok);
    if (!ok) return {constant_overflow, 0};
    return checked_make_rational(num, den);
}

constexpr rational checked_mul(rational a, rational b) {
    if (failed(a)) return a;
    if (failed(b)) return b;
    // Cross-reduce first so intermediate products stay as small as possible.
    bool ok = true;
    long long g1 = gcd_ll(a.num, b.den, ok), g2 = gcd_ll(b.num, a.den, ok);
    if (g1 == 0) g1 = 1;
    if (g2 == 0) g2 = 1;
    long long num = mul_ll(a.num / g1, b.num / g2, ok), den = mul_ll(a.den / g2, b.den / g1, ok);
    if (!ok) return {constant_overflow, 0};
    return checked_make_rational(num, den);
}

constexpr rational checked_pow(rational a, long long n) {
    if (failed(a)) return a;
    if (n < 0) {
        if (a.num == 0) return {constant_division_by_zero, 0};
        if (n == -9223372036854775807LL - 1) return {constant_overflow, 0};
        return checked_pow(checked_make_rational(a.den, a.num), -n);
    }
    rational r{1, 1};
    for (; n > 0 && !failed(r) && !failed(a); n /= 2) {  // by squaring: Int<-1>^N must not loop N times
        if (n % 2 == 1) r = checked_mul(r, a);
        if (n > 1) a = checked_mul(a, a);
    }
    return failed(a) ? a : r;
}

// ----------------------------------------- the same, failing where they are

constexpr rational or_fail(rational r) {
    if (failed(r)) {
        if (r.num == constant_division_by_zero) chainrule_division_by_the_constant_zero();
        else chainrule_constant_arithmetic_overflows_long_long();
    }
    return r;
}

constexpr long long abs_ll(long long a) {
    bool ok = true;
    a = abs_ll(a, ok);
    if (!ok) chainrule_constant_arithmetic_overflows_long_long();
    return a;
}
constexpr long long gcd_ll(long long a, long long b) {
    bool ok = true;
    a = gcd_ll(a, b, ok);
    if (!ok) chainrule_constant_arithmetic_overflows_long_long();
    return a;
}
constexpr long long add_ll(long long a, long long b) {
    bool ok = true;
    a = add_ll(a, b, ok);
    if (!ok) chainrule_constant_arithmetic_overflows_long_long();
    return a;
}
constexpr long long mul_ll(long long a, long long b) {
    bool ok = true;
    a = mul_ll(a, b, ok);
    if (!ok) chainrule_constant_arithmetic_overflows_long_long();
    return a;
}
constexpr rational make_rational(long long p, long long q) { return or_fail(checked_make_rational(p, q)); }
constexpr rational rational_add(rational a, rational b) { return or_fail(checked_add(a, b)); }
constexpr rational rational_mul(rational a, rational b) { return or_fail(checked_mul(a, b)); }
constexpr rational rational_pow(rational a, long long n) { return or_fail(checked_pow(a, n)); }

// Three-way comparison without forming a.num * b.den (which could overflow):
// compare integer parts, then the reciprocals of the fractional parts.
constexpr int rational_compare(rational a, rational b) {
    for (;;) {
        long long qa = a.num / a.den, ra = a.num % a.den;
        if (ra < 0) {
            --qa;
            ra += a.den;
        }
        long long qb = b.num / b.den, rb = b.num % b.den;
        if (rb < 0) {
            --qb;
            rb += b.den;
        }
        if (qa != qb) return qa < qb ? -1 : 1;
        if (ra == 0 || rb == 0) return ra == rb ? 0 : (ra == 0 ? -1 : 1);
        // a - qa = ra/a.den, b - qb = rb/b.den; larger fraction <=> smaller reciprocal
        rational ia{a.den, ra}, ib{b.den, rb};
        a = ib;
        b = ia;
    }
}

}  // namespace chainrule::detail
// ---- end chainrule/detail/rational.hpp
// ---- back in chainrule/expression.hpp

// ---- begin chainrule/detail/type_list.hpp

#include <cstddef>
#include <initializer_list>
#include <type_traits>
#include <utility>

// Plain type lists for the hot paths of canonicalisation and evaluation.
// Hana's type-level algorithms are used where they read better (see
// variables.hpp); here every expression construction goes through these, and
// std::is_same folds cost a fraction of hana::type comparisons at compile time.
namespace chainrule::detail {

template <std::size_t I, class... Ts>
struct nth;
template <class T, class... Ts>
struct nth<0, T, Ts...> {
    using type = T;
};
template <std::size_t I, class T, class... Ts>
struct nth<I, T, Ts...> {
    using type = typename nth<I - 1, Ts...>::type;
};

// if_t<C, T, F>: T when C, else F. Unlike std::conditional_t it instantiates
// no class per use (two in all: select<true> and select<false>), which matters
// in the constructors that run for every expression the compiler builds.
template <bool C>
struct select {
    template <class T, class F>
    using f = T;
};
template <>
struct select<false> {
    template <class T, class F>
    using f = F;
};
template <bool C, class T, class F>
using if_t = typename select<C>::template f<T, F>;

// all_of({P<Ts>...}) and any_of({P<Ts>...}) where a fold (P<Ts> && ...)
// would do: Clang refuses fold expressions over more than 256 operands, and
// a gradient by 1,089 parameters checks each of them.
constexpr bool all_of(std::initializer_list<bool> l) {
    for (bool b : l)
        if (!b) return false;
    return true;
}
constexpr bool any_of(std::initializer_list<bool> l) {
    for (bool b : l)
        if (b) return true;
    return false;
}
// first_true({P<Ts>...}): the index of the first Ts for which P holds (the
// number of Ts where none does).
constexpr std::size_t first_true(std::initializer_list<bool> l) {
    std::size_t k = 0;
    for (bool b : l) {
        if (b) return k;
        ++k;
    }
    return k;
}
// add_up({N<Ts>...}) for (N<Ts> + ...), for the same reason.
template <class T>
constexpr T add_up(std::initializer_list<T> l) {
    T total{};
    for (T v : l) total += v;
    return total;
}
// multiply_up({N<Ts>...}) for (N<Ts> * ...), likewise.
template <class T>
constexpr T multiply_up(std::initializer_list<T> l) {
    T product{1};
    for (T v : l) product *= v;
    return product;
}

// (The size is a member of a base named by the size alone: a static member
// of type_list itself would be a symbol named after every type in the list,
// and GCC computes the mangled name of each symbol it meets.)
template <std::size_t N>
struct list_size {
    static constexpr std::size_t size = N;
};
template <class... Ts>
struct type_list : list_size<sizeof...(Ts)> {
    template <std::size_t I>
    using at = typename nth<I, Ts...>::type;
};

// at_t<I, L>: the I-th type of the list L, without a recursion as deep as I.
// On Clang its builtin __type_pack_element does it in O(1); elsewhere the
// list's types are the bases of one class (made once per list), and the one
// at I is found by deduction.
template <std::size_t I, class T>
struct list_slot {
    using type = T;
};
template <class Seq, class... Ts>
struct list_slots;
template <std::size_t... I, class... Ts>
struct list_slots<std::index_sequence<I...>, Ts...> : list_slot<I, Ts>... {};
template <std::size_t I, class T>
list_slot<I, T> pick_slot(const list_slot<I, T>*);
template <class L>
struct slots_of;
template <class... Ts>
struct slots_of<type_list<Ts...>> {
    using type = list_slots<std::index_sequence_for<Ts...>, Ts...>;
};
#if defined(__clang__)
template <std::size_t I, class L>
struct at_of;
template <std::size_t I, class... Ts>
struct at_of<I, type_list<Ts...>> {
    using type = __type_pack_element<I, Ts...>;
};
template <std::size_t I, class L>
using at_t = typename at_of<I, L>::type;
#else
template <std::size_t I, class L>
using at_t = typename decltype(detail::pick_slot<I>(static_cast<const typename slots_of<L>::type*>(nullptr)))::type;
#endif

// slice_t<Offset, Count, L>: the Count types of L from Offset on.
template <std::size_t Offset, class L, class Seq>
struct slice_of;
template <std::size_t Offset, class L, std::size_t... K>
struct slice_of<Offset, L, std::index_sequence<K...>> {
    using type = type_list<at_t<Offset + K, L>...>;
};
template <std::size_t Offset, std::size_t Count, class L>
using slice_t = typename slice_of<Offset, L, std::make_index_sequence<Count>>::type;

template <class T, class List>
struct push_back;
template <class T, class... Ts>
struct push_back<T, type_list<Ts...>> {
    using type = type_list<Ts..., T>;
};

template <class A, class B>
struct concat;
template <class... As, class... Bs>
struct concat<type_list<As...>, type_list<Bs...>> {
    using type = type_list<As..., Bs...>;
};

template <class... Lists>
struct concat_all {
    using type = type_list<>;
};
template <class... Ts, class... Lists>
struct concat_all<type_list<Ts...>, Lists...> {
    using type = typename concat<type_list<Ts...>, typename concat_all<Lists...>::type>::type;
};
// Eight lists at a time, so that joining n lists (a Gradient by 1,024
// variables flattens 1,024 one-member lists) recurses n/7 deep, not n.
template <class... T1, class... T2, class... T3, class... T4, class... T5, class... T6, class... T7, class... T8,
          class... Lists>
struct concat_all<type_list<T1...>, type_list<T2...>, type_list<T3...>, type_list<T4...>, type_list<T5...>,
                  type_list<T6...>, type_list<T7...>, type_list<T8...>, Lists...> {
    using type = typename concat_all<type_list<T1..., T2..., T3..., T4..., T5..., T6..., T7..., T8...>, Lists...>::type;
};

template <class List, template <class...> class To>
struct rename;
template <class... Ts, template <class...> class To>
struct rename<type_list<Ts...>, To> {
    using type = To<Ts...>;
};

}  // namespace chainrule::detail
// ---- end chainrule/detail/type_list.hpp
// ---- back in chainrule/expression.hpp

#include <concepts>

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
// ---- end chainrule/expression.hpp
// ---- back in chainrule/detail/names.hpp

#include <array>
#include <cstdint>

// Variable names as values: compared on every character, sorted once, looked
// up by binary search. The graph, the bindings and the reverse sweep all find
// variables this way, in O(log n) constexpr steps per lookup.
namespace chainrule::detail {

// The decimal digits of u written at out (at most 20; no terminator), and
// how many: the one digit writer of names, printed numbers and order keys.
constexpr std::size_t write_decimal(unsigned long long u, char* out) {
    char reversed[20]{};
    std::size_t n = 0;
    do {
        reversed[n++] = static_cast<char>('0' + u % 10);
        u /= 10;
    } while (u != 0);
    for (std::size_t k = 0; k < n; ++k) out[k] = reversed[n - 1 - k];
    return n;
}
// Where evaluation finds a bound value: in which array of the point (0, its
// own copies, or a family bound by reference) and where in it, as one
// number. (Each array may hold 2^32 values, 2^16 on a 32-bit target.)
inline constexpr std::size_t location_shift = sizeof(std::size_t) * 4;
constexpr std::size_t value_location(std::size_t base, std::size_t offset) { return base << location_shift | offset; }
template <class T>
constexpr const T& bound_value(const T* const* bases, std::size_t location) {
    return bases[location >> location_shift][location & ((std::size_t(1) << location_shift) - 1)];
}

// |n| as an unsigned number (n may be LLONG_MIN).
constexpr unsigned long long magnitude_of(long long n) {
    return n < 0 ? 0ULL - static_cast<unsigned long long>(n) : static_cast<unsigned long long>(n);
}

// Names compared on every character (Var<"a"> and Var<"a\0b"> differ), then
// by indices: w < w[0] < w[0][1] < w[1].
constexpr int compare_names(const var_name& a, const var_name& b) {
    for (std::size_t i = 0; i < var_name::capacity + 1; ++i) {
        const auto x = static_cast<unsigned char>(a.chars[i]), y = static_cast<unsigned char>(b.chars[i]);
        if (x != y) return x < y ? -1 : 1;
    }
    for (std::size_t k = 0; k < a.rank && k < b.rank; ++k)
        if (a.indices[k] != b.indices[k]) return a.indices[k] < b.indices[k] ? -1 : 1;
    return a.rank == b.rank ? 0 : (a.rank < b.rank ? -1 : 1);
}

/// A variable's name as text, "w" or "w[1][2]", in a fixed buffer.
struct name_text {
    static constexpr std::size_t capacity = var_name::capacity + var_name::max_indices * 22;
    char chars[capacity + 1]{};
    std::size_t size = 0;
    constexpr const char* c_str() const { return chars; }
};
constexpr name_text text_of(const var_name& name) {
    name_text t;
    for (std::size_t i = 0; i < var_name::capacity && name.chars[i] != '\0'; ++i) t.chars[t.size++] = name.chars[i];
    for (std::size_t k = 0; k < name.rank; ++k) {
        t.chars[t.size++] = '[';
        t.size += write_decimal(name.indices[k], t.chars + t.size);
        t.chars[t.size++] = ']';
    }
    return t;
}

// The variable type whose name is N: Var<"w", 1, 2> from the name of w[1][2].
// (A class, not an alias over N's members: GCC 12 crashes on the alias.)
template <var_name N>
struct variable_from_name {
    static constexpr var_name base = [] {
        var_name b = N;
        b.rank = 0;
        for (auto& i : b.indices) i = 0;
        return b;
    }();
    template <std::size_t... K>
    static auto make(std::index_sequence<K...>) -> Var<base, N.indices[K]...>;
    using type = decltype(make(std::make_index_sequence<N.rank>{}));
};
template <var_name N>
using variable_t = typename variable_from_name<N>::type;

struct named_position {
    var_name name{'\0'};
    std::size_t position = 0;
    std::uint64_t digest = 0;  // set by sorted_by_name
};

// A digest of a name, from all its characters and indices: tables of names
// are ordered by it first, so that sorting and looking up n names costs
// O(n log n) comparisons of two integers, not of two names (a Gradient by
// 1,089 parameters sorts and searches them several times, within Clang's
// budget of constexpr steps). Equal digests fall back to compare_names.
constexpr std::uint64_t name_digest(const var_name& n) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (std::size_t i = 0; i < var_name::capacity + 1; ++i)
        h = (h ^ static_cast<unsigned char>(n.chars[i])) * 0x100000001b3ULL;
    h = (h ^ n.rank) * 0x100000001b3ULL;
    for (std::size_t k = 0; k < n.rank; ++k) h = (h ^ n.indices[k]) * 0x100000001b3ULL;
    return h;
}
constexpr int compare_entries(std::uint64_t da, const var_name& a, std::uint64_t db, const var_name& b) {
    if (da != db) return da < db ? -1 : 1;
    return compare_names(a, b);
}

// Sorts by digest, then name (heapsort: no <algorithm>, O(n log n) in
// constant evaluation). The order serves lookups only (find_name). It sorts
// positions, not the entries, through plain pointers: Clang bounds the steps
// of one constant evaluation (1,048,576 by default) and counts every call of
// std::array::operator[] and every copy of an entry; sorting the entries
// themselves ran out of steps at 2,049 names (the flat sum of 1,024 weighted
// inputs), this takes about a third as many.
template <std::size_t N>
constexpr std::array<named_position, N> sorted_by_name(std::array<named_position, N> a) {
    named_position* const p = a.data();
    for (std::size_t i = 0; i < N; ++i) p[i].digest = name_digest(p[i].name);
    if constexpr (N < 2) {
        return a;
    } else {
        std::size_t order[N];
        for (std::size_t i = 0; i < N; ++i) order[i] = i;
        auto less = [p](std::size_t x, std::size_t y) {  // compare_entries < 0, written out
            return p[x].digest != p[y].digest ? p[x].digest < p[y].digest : compare_names(p[x].name, p[y].name) < 0;
        };
        auto sift = [&](std::size_t root, std::size_t end) {
            const std::size_t moving = order[root];
            for (std::size_t child = 2 * root + 1; child < end; child = 2 * root + 1) {
                if (child + 1 < end && less(order[child], order[child + 1])) ++child;
                if (!less(moving, order[child])) break;
                order[root] = order[child];
                root = child;
            }
            order[root] = moving;
        };
        for (std::size_t i = N / 2; i-- > 0;) sift(i, N);
        for (std::size_t end = N; end-- > 1;) {
            const std::size_t t = order[0];
            order[0] = order[end];
            order[end] = t;
            sift(0, end);
        }
        std::array<named_position, N> out{};
        for (std::size_t i = 0; i < N; ++i) out[i] = p[order[i]];
        return out;
    }
}

// The index of a name in a table of n names from sorted_by_name, or n.
constexpr std::size_t find_name(const named_position* sorted, std::size_t n, const var_name& name) {
    const std::uint64_t d = name_digest(name);
    std::size_t lo = 0, hi = n;
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        const int c = compare_entries(sorted[mid].digest, sorted[mid].name, d, name);
        if (c == 0) return mid;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return n;
}
template <std::size_t N>
constexpr std::size_t find_name(const std::array<named_position, N>& sorted, const var_name& name) {
    return find_name(sorted.data(), N, name);
}

}  // namespace chainrule::detail
// ---- end chainrule/detail/names.hpp
// ---- back in chainrule/detail/order.hpp


// The canonical order of expressions, used to sort the terms of a Sum and the
// factors of a Product so that Add<X, Y> and Add<Y, X> are one type.
//
// The order is structural and depends only on values the program spells:
// numbers, variable names, function names. It never looks at mangled names,
// type_info or anything else a compiler is free to choose, so GCC and Clang
// (and any conforming compiler) sort identically.
//
//   1. by kind: constant < variable < function < power < product < sum
//   2. within a kind:
//        constants   by numeric value
//        variables   by name (lexicographic: x < y < z, w1 < w2), then by
//                    indices (w < w[0] < w[0][1] < w[1])
//        functions   by function name, then by the tag's `key` (a string
//                    the tag may carry; its name when absent), then by
//                    arguments. Two different tags that agree on name and
//                    key are a compile error (distinct_function_tags_
//                    share_a_name_and_key<F, G>): the order could not tell
//                    them apart without reading what the compiler chooses,
//                    and taking them as one function would be wrong. The same
//                    tag is the same function: functions are told apart by
//                    their tag type, and only ordered by what the tag spells.
//        powers      by base, then by exponent
//        products,
//        sums        by number of operands, then operand by operand
namespace chainrule::detail {

enum class node_kind { constant, variable, function, power, product, sum };

template <class E>
struct kind_of;
template <long long N>
struct kind_of<Int<N>> : std::integral_constant<node_kind, node_kind::constant> {};
template <long long P, long long Q>
struct kind_of<Ratio<P, Q>> : std::integral_constant<node_kind, node_kind::constant> {};
template <var_name N, std::size_t... I>
struct kind_of<Var<N, I...>> : std::integral_constant<node_kind, node_kind::variable> {};
template <class Fn, class... As>
struct kind_of<Call<Fn, As...>> : std::integral_constant<node_kind, node_kind::function> {};
template <class B, class E>
struct kind_of<Power<B, E>> : std::integral_constant<node_kind, node_kind::power> {};
template <class... Fs>
struct kind_of<Product<Fs...>> : std::integral_constant<node_kind, node_kind::product> {};
template <class... Ts>
struct kind_of<Sum<Ts...>> : std::integral_constant<node_kind, node_kind::sum> {};

template <class A, class B, bool SameKind = (kind_of<A>::value == kind_of<B>::value)>
struct compare_nodes;

/// -1, 0 or 1 as A sorts before, equal to, or after B (compare_nodes<A,
/// B>::value; each pair is compared once per translation unit).
template <class A, class B>
inline constexpr int compare_v = compare_nodes<A, B>::value;

// Lexicographic comparison of two names (strcmp, usable at compile time).
constexpr int three_way(const char* a, const char* b) {
    for (; *a != '\0' && *a == *b; ++a, ++b) {
    }
    return *a == *b ? 0 : (static_cast<unsigned char>(*a) < static_cast<unsigned char>(*b) ? -1 : 1);
}

template <class... Ts>
struct operands {};

template <class E>
struct operands_of_impl;
template <class... Fs>
struct operands_of_impl<Product<Fs...>> {
    using type = operands<Fs...>;
};
template <class... Ts>
struct operands_of_impl<Sum<Ts...>> {
    using type = operands<Ts...>;
};
template <class Fn, class... As>
struct operands_of_impl<Call<Fn, As...>> {
    using type = operands<As...>;
};
template <class E>
using operands_of = typename operands_of_impl<E>::type;

// Left where it decides (is not 0), else Then::value: Then is named, and
// instantiated only when Left is 0.
template <int Left, class Then>
struct or_else : std::integral_constant<int, Left> {};
template <class Then>
struct or_else<0, Then> : std::integral_constant<int, Then::value> {};

// Whether two types are one type, answered by the compiler without
// instantiating anything (GCC and Clang: __is_same, which libstdc++ and
// libc++ use for std::is_same_v).
#if defined(__GNUC__) || defined(__clang__)
#define CHAINRULE_SAME_TYPE(A, B) __is_same(A, B)
#else
#define CHAINRULE_SAME_TYPE(A, B) std::is_same<A, B>::value
#endif

// Two operand lists of one length: the first pair of operands that differ
// decides. Which pair that is needs no comparison: one flag per pair (are they
// two types?), in a list (not a fold: Clang limits folds to 256 operands),
// and the first set one is the pair compared, recursively; the pairs around it
// are never compared. (Until 2026-12-01 the lists were compared by halves, a
// class per range named after both lists, down to the first difference: the
// terms of D<l_n>, the logistic map's derivative, are products of about n
// factors that differ in one, so each comparison cost O(n) classes. D<l_32>
// as a type: clang++ 10.6 -> 7.3 s, 859 -> 623 MiB; g++ 8.9 -> 7.7 s,
// 1.39 -> 1.04 GiB.)
//
// Every result of the order is a class deriving from std::integral_constant,
// never a variable template, a static data member of its own or a function:
// those are symbols named after the types compared, and GCC computes the
// mangled name of every symbol it has met, whose length grows with the
// types' size (for the logistic map at depth 24, 63% of the compile time).
template <class L1, class L2, std::size_t I, std::size_t N>
struct compare_at : std::integral_constant<int, compare_nodes<at_t<I, L1>, at_t<I, L2>>::value> {};
template <class L1, class L2, std::size_t N>
struct compare_at<L1, L2, N, N> : std::integral_constant<int, 0> {};

template <class A, class B>
struct compare_lists;
template <class... As, class... Bs>
struct compare_lists<operands<As...>, operands<Bs...>>
    : std::integral_constant<int, (sizeof...(As) == sizeof...(Bs)  ? 0
                                   : sizeof...(As) < sizeof...(Bs) ? -1
                                                                   : 1)> {};
template <class... As, class... Bs>
    requires(sizeof...(As) == sizeof...(Bs) && sizeof...(As) > 0)
struct compare_lists<operands<As...>, operands<Bs...>>
    : compare_at<type_list<As...>, type_list<Bs...>, first_true({!CHAINRULE_SAME_TYPE(As, Bs)...}), sizeof...(As)> {};

// The order key of a function tag: its `key` if it has one, else its name.
template <class Fn>
constexpr const char* order_key() {
    if constexpr (requires { Fn::key; }) return Fn::key;
    else return Fn::name;
}

template <class F, class G>
inline constexpr bool always_false = false;

// Two different tags with one name and key: see the order above.
template <class F, class G>
struct distinct_function_tags_share_a_name_and_key {
    // (In a function, not the class: Clang makes a class whose static_assert
    // failed unusable in constant expressions, and cascades.)
    static constexpr int check() {
        static_assert(always_false<F, G>,
                      "chainrule::Add, Mul, ... (the canonical order): two different function tags have the same "
                      "name (and key); functions are told apart by their tag, so give one of them static constexpr "
                      "const char* key = \"...\", a string no other tag of that name has");
        return -1;
    }
};

// Functions: by the tag's name, then its key, then (one tag) the arguments.
template <class A, class B, class F = typename A::function, class G = typename B::function,
          int ByName = three_way(F::name, G::name), int ByKey = three_way(order_key<F>(), order_key<G>())>
struct compare_functions : std::integral_constant<int, ByName != 0 ? ByName : ByKey> {};
template <class A, class B, class F, class G>
struct compare_functions<A, B, F, G, 0, 0>
    : std::integral_constant<int, distinct_function_tags_share_a_name_and_key<F, G>::check()> {};
template <class A, class B, class F>
struct compare_functions<A, B, F, F, 0, 0> : compare_lists<operands_of<A>, operands_of<B>> {};

template <class A, class B, node_kind Kind = kind_of<A>::value>
struct compare_same_kind : compare_lists<operands_of<A>, operands_of<B>> {};  // products, sums
template <class A, class B>
struct compare_same_kind<A, B, node_kind::constant>
    : std::integral_constant<int, rational_compare(value_of<A>, value_of<B>)> {};
// (variables by every character of the name, as the bindings compare them)
template <class A, class B>
struct compare_same_kind<A, B, node_kind::variable> : std::integral_constant<int, compare_names(A::name, B::name)> {};
template <class A, class B>
struct compare_same_kind<A, B, node_kind::function> : compare_functions<A, B> {};
template <class A, class B>
struct compare_same_kind<A, B, node_kind::power> : or_else<compare_nodes<typename A::base, typename B::base>::value,
                                                           compare_nodes<typename A::exponent, typename B::exponent>> {
};

template <class A, class B, bool SameKind>
struct compare_nodes : std::integral_constant<int, (kind_of<A>::value < kind_of<B>::value ? -1 : 1)> {};
template <class A, class B>
struct compare_nodes<A, B, true> : std::integral_constant<int, compare_same_kind<A, B>::value> {};
template <class A>
struct compare_nodes<A, A, true> : std::integral_constant<int, 0> {};

}  // namespace chainrule::detail
// ---- end chainrule/detail/order.hpp
// ---- back in chainrule/arithmetic.hpp


// Arithmetic: Add, Sub, Mul, Div, Neg, Pow.
//
// These aliases are the constructors of canonical forms. Each one flattens,
// sorts and collects its operands so that equal mathematics is one type:
//
//   Add<X, Y>                      is  Add<Y, X>
//   Add<X, X>                      is  Mul<Int<2>, X>
//   Mul<X, X>                      is  Pow<X, Int<2>>
//   Mul<Pow<X, Int<2>>, Pow<X, Int<3>>>  is  Pow<X, Int<5>>
//   Sub<X, X>, Mul<Int<0>, X>      are Int<0>
//   Div<X, X>, Pow<X, Int<0>>      are Int<1>
//   Mul<Int<2>, Rational<1, 2>>    is  Int<1>   (constants fold exactly)
//
// Cancellation is algebraic, as in every computer algebra system: Div<X, X>
// is 1 and Mul<Int<0>, Log<X>> is 0 even where x = 0 would make the original
// spelling NaN. Sums are never multiplied out; Expand<E> does that on request.
namespace chainrule {

namespace detail {

template <class A, class B>
struct add;
template <class A, class B>
struct multiply;
template <class B, class E>
struct power;

template <class A, class B>
using add_t = typename add<A, B>::type;
template <class A, class B>
using multiply_t = typename multiply<A, B>::type;
template <class B, class E>
using power_t = typename power<B, E>::type;

// --------------------------------------------------------------- products

// A factor is base^exponent; a factor that is not a Power has exponent 1.
template <class F>
struct factor_parts {
    using base = F;
    using exponent = Int<1>;
};
template <class B, class E>
struct factor_parts<Power<B, E>> {
    using base = B;
    using exponent = E;
};

// An expression seen as coefficient * (sorted factors).
template <class E>
struct product_parts {
    using coefficient = Int<1>;
    using factors = type_list<E>;
};
template <Constant C>
struct product_parts<C> {
    using coefficient = C;
    using factors = type_list<>;
};
template <class F, class... Fs>
struct product_parts<Product<F, Fs...>> {
    using coefficient = if_t<Constant<F>, F, Int<1>>;
    using factors = if_t<Constant<F>, type_list<Fs...>, type_list<F, Fs...>>;
};

// Merges two sorted factor lists, combining equal bases: x^a * x^b = x^(a+b).
// A combined factor that is no longer a plain factor (x^(1/2) * x^(1/2) * ...
// giving a constant or a product) is set aside in Rest and multiplied back in
// at the end; that path is rare and keeps the common one a linear merge.
template <class Out, class Rest, class L1, class L2>
struct merge_factors;
template <int Order, class Out, class Rest, class L1, class L2>
struct merge_factors_step;

template <class... Os, class Rest, class... Gs>
struct merge_factors<type_list<Os...>, Rest, type_list<>, type_list<Gs...>> {
    using factors = type_list<Os..., Gs...>;
    using rest = Rest;
};
template <class... Os, class Rest, class F, class... Fs>
struct merge_factors<type_list<Os...>, Rest, type_list<F, Fs...>, type_list<>> {
    using factors = type_list<Os..., F, Fs...>;
    using rest = Rest;
};
template <class Out, class Rest, class F, class... Fs, class G, class... Gs>
struct merge_factors<Out, Rest, type_list<F, Fs...>, type_list<G, Gs...>>
    : merge_factors_step<compare_nodes<typename factor_parts<F>::base, typename factor_parts<G>::base>::value, Out,
                         Rest, type_list<F, Fs...>, type_list<G, Gs...>> {};

template <class... Os, class Rest, class F, class... Fs, class L2>
struct merge_factors_step<-1, type_list<Os...>, Rest, type_list<F, Fs...>, L2>
    : merge_factors<type_list<Os..., F>, Rest, type_list<Fs...>, L2> {};
template <class... Os, class Rest, class L1, class G, class... Gs>
struct merge_factors_step<1, type_list<Os...>, Rest, L1, type_list<G, Gs...>>
    : merge_factors<type_list<Os..., G>, Rest, L1, type_list<Gs...>> {};

// x^a * x^b = x^(a+b): dropped when it is 1, kept in place when it is a
// plain factor of the same base x, set aside otherwise -- also when its base
// changed, as (x^6)^(-3/4) * (x^6)^(-1/4) = x^-6, whose place in the order is
// x's and which may meet another power of x.
template <class Combined, class Base>
constexpr bool stays_in_place() {
    if constexpr (product_parts<Combined>::factors::size == 1 &&
                  std::is_same<typename product_parts<Combined>::coefficient, Int<1>>::value)
        return std::is_same<typename factor_parts<Combined>::base, Base>::value;
    else return false;
}
template <class Combined, class Base, class Out, class Rest, class L1, class L2>
struct append_combined
    : if_t<stays_in_place<Combined, Base>(), merge_factors<typename push_back<Combined, Out>::type, Rest, L1, L2>,
           merge_factors<Out, typename push_back<Combined, Rest>::type, L1, L2>> {};
template <class Base, class Out, class Rest, class L1, class L2>
struct append_combined<Int<1>, Base, Out, Rest, L1, L2> : merge_factors<Out, Rest, L1, L2> {};

template <class Out, class Rest, class F, class... Fs, class G, class... Gs>
struct merge_factors_step<0, Out, Rest, type_list<F, Fs...>, type_list<G, Gs...>>
    : append_combined<power_t<typename factor_parts<F>::base,
                              add_t<typename factor_parts<F>::exponent, typename factor_parts<G>::exponent>>,
                      typename factor_parts<F>::base, Out, Rest, type_list<Fs...>, type_list<Gs...>> {};

// One factor G placed among the sorted factors L, whose bases are distinct:
// its place is found by bisection (O(log n) comparisons) and the list is
// built in one step, where the merge walks L factor by factor (O(n) steps,
// each a class named after the lists so far). A product times one factor --
// each term of the product rule -- is the common case. A factor whose base is
// already in L goes through the merge, which combines the two.
//
// The place is an integral_constant base, 2 p + 1 when the base at p is G's,
// 2 p when G goes before p (never a static member of its own: see compare_at
// in detail/order.hpp).
template <class L, class GBase, std::size_t Lo, std::size_t Hi, int Order>
struct insertion_step;
template <class L, class GBase, std::size_t Lo, std::size_t Hi>
struct insertion_point
    : insertion_step<L, GBase, Lo, Hi,
                     compare_nodes<typename factor_parts<at_t<Lo + (Hi - Lo) / 2, L>>::base, GBase>::value> {};
template <class L, class GBase, std::size_t N>
struct insertion_point<L, GBase, N, N> : std::integral_constant<std::size_t, 2 * N> {};
template <class L, class GBase, std::size_t Lo, std::size_t Hi>
struct insertion_step<L, GBase, Lo, Hi, -1> : insertion_point<L, GBase, Lo + (Hi - Lo) / 2 + 1, Hi> {};
template <class L, class GBase, std::size_t Lo, std::size_t Hi>
struct insertion_step<L, GBase, Lo, Hi, 1> : insertion_point<L, GBase, Lo, Lo + (Hi - Lo) / 2> {};
template <class L, class GBase, std::size_t Lo, std::size_t Hi>
struct insertion_step<L, GBase, Lo, Hi, 0> : std::integral_constant<std::size_t, 2 * (Lo + (Hi - Lo) / 2) + 1> {};

template <class L, class G, std::size_t P, class Before, class After>
struct insert_at;
template <class L, class G, std::size_t P, std::size_t... I, std::size_t... J>
struct insert_at<L, G, P, std::index_sequence<I...>, std::index_sequence<J...>> {
    using factors = type_list<at_t<I, L>..., G, at_t<P + J, L>...>;
    using rest = type_list<>;
};

template <class L, class G, std::size_t Place = insertion_point<L, typename factor_parts<G>::base, 0, L::size>::value,
          bool SameBase = Place % 2 == 1>
struct insert_factor
    : insert_at<L, G, Place / 2, std::make_index_sequence<Place / 2>, std::make_index_sequence<L::size - Place / 2>> {};
template <class L, class G, std::size_t Place>
struct insert_factor<L, G, Place, true> : merge_factors<type_list<>, type_list<>, L, type_list<G>> {};

// The factors of a product of two: one inserted when either side has one.
template <class L1, class L2>
struct merge_factor_lists : merge_factors<type_list<>, type_list<>, L1, L2> {};
template <class L1, class G>
    requires(L1::size > 1)
struct merge_factor_lists<L1, type_list<G>> : insert_factor<L1, G> {};
template <class F, class L2>
    requires(L2::size > 1)
struct merge_factor_lists<type_list<F>, L2> : insert_factor<L2, F> {};

template <class Coefficient, class Factors>
struct make_product;
template <class C>
struct make_product<C, type_list<>> {
    using type = C;
};
template <class F>
struct make_product<Int<1>, type_list<F>> {
    using type = F;
};
template <class C, class... Fs>
struct make_product<C, type_list<Fs...>> {
    using type = if_t<std::is_same<C, Int<0>>::value, Int<0>,
                      if_t<std::is_same<C, Int<1>>::value, Product<Fs...>, Product<C, Fs...>>>;
};
// A coefficient that could not be formed makes the whole product the
// stand-in that reports it (expression.hpp).
template <long long Why, class... Fs>
struct make_product<invalid_constant<Why>, type_list<Fs...>> {
    using type = invalid_constant<Why>;
};
template <long long Why>
struct make_product<invalid_constant<Why>, type_list<>> {
    using type = invalid_constant<Why>;
};

template <class Acc, class Rest>
struct multiply_rest {
    using type = Acc;
};
template <class Acc, class R, class... Rs>
struct multiply_rest<Acc, type_list<R, Rs...>> {
    using type = typename multiply_rest<multiply_t<Acc, R>, type_list<Rs...>>::type;
};

template <class A, class B>
struct multiply {
    using pa = product_parts<A>;
    using pb = product_parts<B>;
    using coefficient = constant_t<checked_mul(value_of<typename pa::coefficient>, value_of<typename pb::coefficient>)>;
    using merged = merge_factor_lists<typename pa::factors, typename pb::factors>;
    using type = typename multiply_rest<
        typename make_product<
            coefficient, if_t<std::is_same<coefficient, Int<0>>::value, type_list<>, typename merged::factors>>::type,
        if_t<std::is_same<coefficient, Int<0>>::value, type_list<>, typename merged::rest>>::type;
};

// ------------------------------------------------------------------- sums

// A term is coefficient * monomial; a constant is c * 1.
template <class T>
struct term_parts {
    using coefficient = typename product_parts<T>::coefficient;
    using monomial = typename make_product<Int<1>, typename product_parts<T>::factors>::type;
};

template <class Coefficient, class Monomial>
struct term_parts_of {};

template <class Coefficient, class Monomial>
struct make_term {
    using type = typename make_product<Coefficient, typename product_parts<Monomial>::factors>::type;
};

// ------------------------------------------------- the order of a node
// (expression.hpp: every Sum and Product checks it, so a node spelled by hand
// out of order -- Sum<Y, X> -- is an error, not a second spelling of one sum.)
// Keys strictly increasing: each key against the next, in one pack expansion
// (the keys, zipped with the keys shifted by one), no recursion over the pack.
struct order_end {};
// (Classes deriving from std::bool_constant, not variable templates or
// static members of their own: see compare_at in detail/order.hpp.)
template <class A, class B>
struct sorts_before : std::bool_constant<(compare_nodes<A, B>::value < 0)> {};
template <class A>
struct sorts_before<A, order_end> : std::true_type {};

template <class... Keys>
struct keys_increase : std::true_type {};
template <class... Lhs>
struct keys_against {
    template <class... Rhs>
    struct next : std::bool_constant<all_of({sorts_before<Lhs, Rhs>::value...})> {};
};
template <class K, class... Ks>
struct keys_increase<K, Ks...> : keys_against<K, Ks...>::template next<Ks..., order_end> {};

template <bool Check, bool InSum, class... Ts>
struct canonical_order : std::true_type {};  // operands already rejected: not looked into
template <class... Ts>
struct canonical_order<true, true, Ts...> : keys_increase<typename term_parts<Ts>::monomial...> {};
template <class F, class... Fs>
struct canonical_order<true, false, F, Fs...>
    : if_t<Constant<F>, keys_increase<typename factor_parts<Fs>::base...>,
           keys_increase<typename factor_parts<F>::base, typename factor_parts<Fs>::base...>> {};

// Merging two sorted lists of terms, collecting like terms. Written as class
// templates selected by the comparison (no function bodies to instantiate):
// this merge is the hottest path of compiling higher derivatives.
template <class Out, class L1, class L2>
struct merge_terms;
template <int Order, class Out, class L1, class L2>
struct merge_terms_step;

template <class... Os, class... Us>
struct merge_terms<type_list<Os...>, type_list<>, type_list<Us...>> {
    using type = type_list<Os..., Us...>;
};
template <class... Os, class T, class... Ts>
struct merge_terms<type_list<Os...>, type_list<T, Ts...>, type_list<>> {
    using type = type_list<Os..., T, Ts...>;
};
template <class Out, class T, class... Ts, class U, class... Us>
struct merge_terms<Out, type_list<T, Ts...>, type_list<U, Us...>>
    : merge_terms_step<compare_nodes<typename term_parts<T>::monomial, typename term_parts<U>::monomial>::value, Out,
                       type_list<T, Ts...>, type_list<U, Us...>> {};

template <class... Os, class T, class... Ts, class L2>
struct merge_terms_step<-1, type_list<Os...>, type_list<T, Ts...>, L2>
    : merge_terms<type_list<Os..., T>, type_list<Ts...>, L2> {};
template <class... Os, class L1, class U, class... Us>
struct merge_terms_step<1, type_list<Os...>, L1, type_list<U, Us...>>
    : merge_terms<type_list<Os..., U>, L1, type_list<Us...>> {};

// Like terms: c1 m + c2 m = (c1 + c2) m, dropped when the sum is 0.
template <class Out, class Collected, class L1, class L2>
struct append_collected;
template <class... Os, class C, class M, class L1, class L2>
struct append_collected<type_list<Os...>, term_parts_of<C, M>, L1, L2>
    : merge_terms<type_list<Os..., typename make_term<C, M>::type>, L1, L2> {};
template <class... Os, class M, class L1, class L2>
struct append_collected<type_list<Os...>, term_parts_of<Int<0>, M>, L1, L2> : merge_terms<type_list<Os...>, L1, L2> {};
// A coefficient that could not be formed: the merge stops, and the sum is
// the stand-in that reports it (expression.hpp).
template <class... Os, long long Why, class M, class L1, class L2>
struct append_collected<type_list<Os...>, term_parts_of<invalid_constant<Why>, M>, L1, L2> {
    using type = type_list<invalid_constant<Why>>;
};

template <class Out, class T, class... Ts, class U, class... Us>
struct merge_terms_step<0, Out, type_list<T, Ts...>, type_list<U, Us...>>
    : append_collected<Out,
                       term_parts_of<constant_t<checked_add(value_of<typename term_parts<T>::coefficient>,
                                                            value_of<typename term_parts<U>::coefficient>)>,
                                     typename term_parts<T>::monomial>,
                       type_list<Ts...>, type_list<Us...>> {};

// Lists of more than 256 terms in all are merged by halves: the middle term
// of the first list is placed in the second by binary search, and the parts
// on either side are merged in turn, so the template recursion is O(log^2 n)
// deep, not O(n) (a sum of 1,024 terms merged term by term exceeds GCC's
// limit of 900). Shorter lists are merged term by term, which is cheaper:
// taking a list apart by position costs the compiler O(n) per lookup.
template <class M, class L, std::size_t Lo, std::size_t Hi>
struct terms_lower_bound {  // the first index in [Lo, Hi) whose monomial is not below M
    static constexpr std::size_t mid = Lo + (Hi - Lo) / 2;
    static constexpr std::size_t value =
        if_t<(compare_nodes<typename term_parts<at_t<mid, L>>::monomial, M>::value < 0),
             terms_lower_bound<M, L, mid + 1, Hi>, terms_lower_bound<M, L, Lo, mid>>::value;
};
template <class M, class L, std::size_t N>
struct terms_lower_bound<M, L, N, N> {
    static constexpr std::size_t value = N;
};

// left, middle and right joined, or the stand-in for a constant that could not
// be formed if one of them is that (append_collected).
template <class... Lists>
struct stop_at_invalid : concat_all<Lists...> {};
template <long long Why, class... Lists>
struct stop_at_invalid<type_list<invalid_constant<Why>>, Lists...> {
    using type = type_list<invalid_constant<Why>>;
};
template <class L, long long Why, class R>
struct stop_at_invalid<L, type_list<invalid_constant<Why>>, R> {
    using type = type_list<invalid_constant<Why>>;
};
template <class L, class M, long long Why>
struct stop_at_invalid<L, M, type_list<invalid_constant<Why>>> {
    using type = type_list<invalid_constant<Why>>;
};

template <class L1, class L2, bool Long = (L1::size + L2::size > 256 && L1::size > 0 && L2::size > 0)>
struct merge_sorted_terms {
    using type = typename merge_terms<type_list<>, L1, L2>::type;
};
template <class L1, class L2>
struct merge_sorted_terms<L1, L2, true> {
    static constexpr std::size_t m = L1::size / 2;
    using pivot = at_t<m, L1>;
    using monomial = typename term_parts<pivot>::monomial;
    static constexpr std::size_t j = terms_lower_bound<monomial, L2, 0, L2::size>::value;
    static constexpr bool like =
        j < L2::size &&
        compare_nodes<typename term_parts<at_t<(j < L2::size ? j : 0), L2>>::monomial, monomial>::value == 0;
    // the pivot, or the pivot and its like term collected as the term-by-term
    // merge collects them (nothing if they cancel)
    static auto middle() {
        if constexpr (!like) {
            return type_list<pivot>{};
        } else {
            using U = at_t<j, L2>;
            return typename append_collected<
                type_list<>,
                term_parts_of<constant_t<checked_add(value_of<typename term_parts<pivot>::coefficient>,
                                                     value_of<typename term_parts<U>::coefficient>)>,
                              monomial>,
                type_list<>, type_list<>>::type{};
        }
    }
    static constexpr std::size_t after = like ? j + 1 : j;
    using left = typename merge_sorted_terms<slice_t<0, m, L1>, slice_t<0, j, L2>>::type;
    using right =
        typename merge_sorted_terms<slice_t<m + 1, L1::size - m - 1, L1>, slice_t<after, L2::size - after, L2>>::type;
    using type = typename stop_at_invalid<left, decltype(middle()), right>::type;
};

template <class E>
struct sum_terms {
    using type = if_t<std::is_same<E, Int<0>>::value, type_list<>, type_list<E>>;
};
template <class... Ts>
struct sum_terms<Sum<Ts...>> {
    using type = type_list<Ts...>;
};

template <class Terms>
struct make_sum {
    using type = typename rename<Terms, Sum>::type;
};
template <>
struct make_sum<type_list<>> {
    using type = Int<0>;
};
template <class T>
struct make_sum<type_list<T>> {
    using type = T;
};

template <class A, class B>
struct add {
    using type = typename make_sum<
        typename merge_sorted_terms<typename sum_terms<A>::type, typename sum_terms<B>::type>::type>::type;
};
template <Constant A, Constant B>
struct add<A, B> {
    using type = constant_t<checked_add(value_of<A>, value_of<B>)>;
};

// ----------------------------------------------------------------- powers

template <class E>
inline constexpr bool is_integer = false;
template <long long N>
inline constexpr bool is_integer<Int<N>> = true;

template <class B, class E>
struct power {
    static auto pick() {
        if constexpr (std::is_same<B, Int<0>>::value && Constant<E> && !std::is_same<E, Int<0>>::value) {
            // 0^e = 0 for e > 0; for e < 0 a division by zero, reported with
            // no expression in the message (expression.hpp)
            if constexpr (E::numerator > 0) return std::type_identity<Int<0>>{};
            else return std::type_identity<invalid_constant_t<constant_zero_to_negative_power, E>>{};
        } else if constexpr (std::is_same<E, Int<0>>::value) {
            return std::type_identity<Int<1>>{};  // x^0 = 1, and 0^0 = 1 as std::pow
        } else if constexpr (std::is_same<E, Int<1>>::value || std::is_same<B, Int<1>>::value) {
            return std::type_identity<B>{};
        } else if constexpr (Constant<B> && is_integer<E>) {
            return std::type_identity<constant_t<checked_pow(value_of<B>, E::numerator)>>{};
        } else if constexpr (is_integer<E> && kind_of<B>::value == node_kind::product) {
            // (c * f * g)^n = c^n * f^n * g^n for integer n
            return distribute(typename product_parts<B>::factors{});
        } else if constexpr (is_integer<E> && kind_of<B>::value == node_kind::power) {
            // (b^e)^n = b^(e n) for integer n
            return std::type_identity<power_t<typename B::base, multiply_t<typename B::exponent, E>>>{};
        } else {
            return std::type_identity<Power<B, E>>{};
        }
    }
    template <class... Fs>
    static auto distribute(type_list<Fs...>) {
        using c = constant_t<checked_pow(value_of<typename product_parts<B>::coefficient>, E::numerator)>;
        return std::type_identity<typename multiply_rest<c, type_list<power_t<Fs, E>...>>::type>{};
    }
    using type = typename decltype(pick())::type;
};

// An operand that is the stand-in for a constant that could not be formed
// (expression.hpp) makes the result that stand-in, not looked into.
template <long long Why, class B>
struct add<invalid_constant<Why>, B> {
    using type = invalid_constant<Why>;
};
template <class A, long long Why>
struct add<A, invalid_constant<Why>> {
    using type = invalid_constant<Why>;
};
template <long long Why, long long Why2>
struct add<invalid_constant<Why>, invalid_constant<Why2>> {
    using type = invalid_constant<Why>;
};
template <long long Why, class B>
struct multiply<invalid_constant<Why>, B> {
    using type = invalid_constant<Why>;
};
template <class A, long long Why>
struct multiply<A, invalid_constant<Why>> {
    using type = invalid_constant<Why>;
};
template <long long Why, long long Why2>
struct multiply<invalid_constant<Why>, invalid_constant<Why2>> {
    using type = invalid_constant<Why>;
};
template <long long Why, class E>
struct power<invalid_constant<Why>, E> {
    using type = invalid_constant<Why>;
};
template <class B, long long Why>
struct power<B, invalid_constant<Why>> {
    using type = invalid_constant<Why>;
};
template <long long Why, long long Why2>
struct power<invalid_constant<Why>, invalid_constant<Why2>> {
    using type = invalid_constant<Why>;
};

// Sums and products of many operands, combined as a balanced tree: each
// combination is a merge of sorted operand lists, so the tree costs
// O(n log n) merges where a left fold would cost O(n^2), and the
// intermediate types stay small. Up to 256 operands they are combined in
// adjacent pairs, level by level (a recursion n/2 deep, cheap); above, each
// half is combined and then the two, so the recursion stays O(log n) deep.
template <template <class, class> class Op, class Out, class... Ts>
struct combine_pairs;
template <template <class, class> class Op, class... Os>
struct combine_pairs<Op, type_list<Os...>> {
    using type = type_list<Os...>;
};
template <template <class, class> class Op, class... Os, class T>
struct combine_pairs<Op, type_list<Os...>, T> {
    using type = type_list<Os..., T>;
};
template <template <class, class> class Op, class... Os, class A, class B, class... Ts>
struct combine_pairs<Op, type_list<Os...>, A, B, Ts...> {
    using type = typename combine_pairs<Op, type_list<Os..., typename Op<A, B>::type>, Ts...>::type;
};

template <template <class, class> class Op, class List, bool Halve = (List::size > 256)>
struct combine_all;
template <template <class, class> class Op, class T>
struct combine_all<Op, type_list<T>, false> {
    using type = T;
};
template <template <class, class> class Op, class... Ts>
struct combine_all<Op, type_list<Ts...>, false> {
    using type = typename combine_all<Op, typename combine_pairs<Op, type_list<>, Ts...>::type>::type;
};
template <template <class, class> class Op, class List>
struct combine_all<Op, List, true> {
    static constexpr std::size_t half = List::size / 2;
    using type = typename Op<typename combine_all<Op, slice_t<0, half, List>>::type,
                             typename combine_all<Op, slice_t<half, List::size - half, List>>::type>::type;
};

// Acc op T1 op T2 ..., with the common short cases taken directly: most sums
// and products the rules build have an identity accumulator and one or two
// operands, and need none of the pairing machinery.
template <template <class, class> class Op, class Identity, class Acc, class... Ts>
struct combine {
    using type = typename combine_all<Op, type_list<Acc, Ts...>>::type;
};
template <template <class, class> class Op, class Identity, class Acc>
struct combine<Op, Identity, Acc> {
    using type = Acc;
};
template <template <class, class> class Op, class Identity, class A, class B>
struct combine<Op, Identity, A, B> {
    using type = typename Op<A, B>::type;
};
template <template <class, class> class Op, class Identity, class T>
struct combine<Op, Identity, Identity, T> {
    using type = T;
};
template <template <class, class> class Op, class Identity, class A, class B>
struct combine<Op, Identity, Identity, A, B> {
    using type = typename Op<A, B>::type;
};

/// Acc + T1 + T2 + ...
template <class Acc, class... Ts>
struct sum_all : combine<add, Int<0>, Acc, Ts...> {};

/// Acc * T1 * T2 * ...
template <class Acc, class... Ts>
struct product_all : combine<multiply, Int<1>, Acc, Ts...> {};

template <class A, class B>
struct divide {
    using type = multiply_t<A, power_t<B, Int<-1>>>;
};
// Division by the constant zero, reported with no expression in the message
// (expression.hpp): A may be large.
template <class A>
struct divide<A, Int<0>> {
    using type = invalid_constant_t<constant_divisor_zero, A>;
};

}  // namespace detail

namespace detail {
// Add and Mul of many operands combine them pairwise as a balanced tree
// (sum_all, product_all): a pre-activation of 1,024 terms is built by
// O(n log n) merges instead of the O(n^2) of a left fold, and with no
// template recursion as deep as the sum.
template <class... Ts>
struct add_many;  // Add's constraint requires two operands or more
template <class A, class B>
struct add_many<A, B> : add<A, B> {};
template <class A, class B, class C, class... Cs>
struct add_many<A, B, C, Cs...> : sum_all<A, B, C, Cs...> {};
template <class... Ts>
struct multiply_many;
template <class A, class B>
struct multiply_many<A, B> : multiply<A, B> {};
template <class A, class B, class C, class... Cs>
struct multiply_many<A, B, C, Cs...> : product_all<A, B, C, Cs...> {};
}  // namespace detail

// (Add and Mul take one pack, so that a pack expansion may fill any of
// their operands: Add<Mul<W<I>, X<I>>..., B>. Their constraint is one
// check, not a fold: Clang refuses folds over more than 256 operands.)

/// A + B + C + ...: Add<X, Y, Z> is Add<Add<X, Y>, Z>; two operands or more.
template <class... Ts>
    requires(sizeof...(Ts) >= 2 && detail::all_of({Expression<Ts>...}))
using Add = typename detail::add_many<Ts...>::type;

/// A * B * C * ...: Mul<X, Y, Z> is Mul<Mul<X, Y>, Z>; two operands or more.
template <class... Ts>
    requires(sizeof...(Ts) >= 2 && detail::all_of({Expression<Ts>...}))
using Mul = typename detail::multiply_many<Ts...>::type;

/// -A, which is Mul<Int<-1>, A>.
template <Expression A>
using Neg = detail::multiply_t<Int<-1>, A>;

/// A - B, which is Add<A, Neg<B>>.
template <Expression A, Expression B>
using Sub = detail::add_t<A, Neg<B>>;

/// A raised to B. A constant rational exponent differentiates by the power
/// rule; any other exponent by d(a^b) = a^b (b' ln a + b a'/a).
template <Expression A, Expression B>
using Pow = detail::power_t<A, B>;

/// A / B, which is Mul<A, Pow<B, Int<-1>>>.
template <Expression A, Expression B>
using Div = typename detail::divide<A, B>::type;

}  // namespace chainrule
// ---- end chainrule/arithmetic.hpp
// ---- back in chainrule.hpp

// ---- begin chainrule/derivative.hpp


// ---- begin chainrule/expand.hpp


// ---- begin chainrule/functions/function.hpp



// What a function is: a tag type. Built-in and user functions are made the
// same way, and work the same everywhere (D, canonical forms, Expand,
// printing, gradients, constexpr).
//
// A tag of one argument has
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
// A tag of two arguments has eval(u, w) and derivative<U, W>, the list of
// its partial derivatives, Partials<df/du, df/dw>. A tag of no arguments is a
// named constant (Pi): name and eval<T>().
//
// The chain rule itself is written once, in derivative.hpp:
//   D<Apply<Fn, U>, V>    = Mul<Fn::derivative<U>, D<U, V>>
//   D<Apply<Fn, U, W>, V> = df/du D<U, V> + df/dw D<W, V>
//
// A function is identified by its tag type, never by its name: two tags with
// the same name are two functions. The canonical order (detail/order.hpp)
// sorts functions by name, then by the optional `key` (a string; the name when
// absent), and rejects two different tags that agree on both, since it could
// not tell them apart the same way on every compiler.
namespace chainrule {

/// The partial derivatives of a function of several arguments, one per
/// argument, as a tag's derivative<U, W> gives them.
template <Expression... Ps>
struct Partials {};

namespace detail {
// Fn applied to As. Function headers specialise this for exact values at
// constants, such as exp(0) = 1, so that constants fold like arithmetic does.
template <class Fn, class... As>
struct apply {
    using type = Call<Fn, As...>;
};
template <class Fn, class... As>
using apply_t = typename apply<Fn, As...>::type;

// Whether a tag has a rule for one or two arguments, seen without
// instantiating it (a rule may name other functions, whose checks would then
// run inside this one).
template <template <class> class>
struct rule_of_one {};
template <template <class, class> class>
struct rule_of_two {};

template <class Fn>
concept named_tag = requires {
    { Fn::name } -> std::convertible_to<const char*>;
};
template <class Fn>
concept unary_rule = requires {
    typename rule_of_one<Fn::template derivative>;
};
template <class Fn>
concept binary_rule = requires {
    typename rule_of_two<Fn::template derivative>;
};
template <class Fn>
concept unary_eval = requires(double u) {
    { Fn::eval(u) } -> std::convertible_to<double>;
};
template <class Fn>
concept binary_eval = requires(double u, double w) {
    { Fn::eval(u, w) } -> std::convertible_to<double>;
};
template <class Fn>
concept nullary_eval = requires {
    { Fn::template eval<double>() } -> std::convertible_to<double>;
};

template <class Fn, std::size_t N>
inline constexpr bool has_rule = N == 0 || (N == 1 && unary_rule<Fn>) || (N == 2 && binary_rule<Fn>);
template <class Fn, std::size_t N>
inline constexpr bool has_eval = (N == 0 && nullary_eval<Fn>) || (N == 1 && unary_eval<Fn>) ||
                                 (N == 2 && binary_eval<Fn>);

// The checks of Apply, one message each; the tag is named by the
// instantiation the compiler reports (function_tag_check<my_fn, 1>).
template <class Fn, std::size_t N>
struct function_tag_check {
    static_assert(N <= 2, "chainrule::Apply<Fn, A...>: a function takes at most two arguments");
    static_assert(named_tag<Fn>,
                  "chainrule::Apply<Fn, A...>: Fn is not a function tag: it needs static constexpr const char* name");
    static_assert(!named_tag<Fn> || has_rule<Fn, N>,
                  "chainrule::Apply<Fn, A...>: the tag Fn has no derivative rule for this many arguments "
                  "(one argument: template <class U> using derivative = ...; two: template <class U, class W> "
                  "using derivative = Partials<...>)");
    static_assert(!named_tag<Fn> || !has_rule<Fn, N> || has_eval<Fn, N>,
                  "chainrule::Apply<Fn, A...>: the tag Fn has no evaluation for this many arguments "
                  "(one argument: template <class T> static constexpr T eval(T u))");
    static constexpr bool value = true;
};

template <class Fn, class... As>
struct checked_apply {
    static_assert((Expression<As> && ...), "chainrule::Apply<Fn, A...>: each argument must be a chainrule expression");
    static_assert(function_tag_check<Fn, sizeof...(As)>::value);
    using type = apply_t<Fn, As...>;
};
}  // namespace detail

/// True for a function tag: a name, and for some number of arguments (none,
/// one or two) a derivative rule and an evaluation. See functions/function.hpp.
template <class Fn>
concept Function = detail::named_tag<Fn> &&
    ((detail::unary_rule<Fn> && detail::unary_eval<Fn>) || (detail::binary_rule<Fn> && detail::binary_eval<Fn>) ||
     detail::nullary_eval<Fn>);

/// The function with tag Fn applied to As...: the canonical node, with the
/// tag checked and exact constants folded (Apply<exp_fn, Int<0>> is Int<1>).
/// Sin<A> is Apply<sin_fn, A>; a user's tag is applied the same way.
template <class Fn, class... As>
using Apply = typename detail::checked_apply<Fn, As...>::type;

}  // namespace chainrule
// ---- end chainrule/functions/function.hpp
// ---- back in chainrule/expand.hpp

// ---- begin chainrule/size.hpp


// ---- begin chainrule/detail/graph.hpp



// The graph of an expression: its distinct subexpressions, children before
// parents, as constexpr tables of plain values.
//
// This is how evaluation, gradients and the size traits see an expression.
// The graph is built once per set of roots by a depth-first walk written as a
// constexpr function template, add<E>(), instantiated once per distinct node
// type (the compiler memoises it). Which nodes the walk has already met is a
// value -- a hash set keyed by a structural hash of the node, confirmed by the
// node's identity -- not a growing list of types, so building the graph of n
// nodes and m operands costs O(n + m) instantiations and O(n + m) constexpr
// steps. (A type-level walk carries the list of nodes met so far in its
// template arguments and costs O(n^2); that was the scale limit of issue 8.)
//
// Every node kind is handled by name below; a kind not handled stops the
// build with a message naming it.
//
// Constants are not nodes unless asked for (dag_size_v counts them): their
// values are known, and the evaluator writes them in place.
namespace chainrule {
struct log_fn;
struct step_fn;
template <Constant AtZero>
struct heaviside_fn;
}  // namespace chainrule

// What the graph builder instantiates once per node is consteval on GCC,
// which then never compiles or emits it (see identity_of). On Clang 14 it stays
// constexpr: Clang 14 rejects the address of an immediate function in some
// places where the standard allows it, and its cost is elsewhere (the graph
// of the logistic map's derivative at depth 24 builds as fast as before).
#if defined(__clang__)
#define CHAINRULE_GRAPH_BUILD constexpr
#else
#define CHAINRULE_GRAPH_BUILD consteval
#endif

namespace chainrule::detail {

inline constexpr std::size_t no_node = static_cast<std::size_t>(-1);

template <class Fn>
inline constexpr bool is_step_tag = false;
template <>
inline constexpr bool is_step_tag<step_fn> = true;
template <class AtZero>
inline constexpr bool is_step_tag<heaviside_fn<AtZero>> = true;

// ------------------------------------------------------------- fusions
//
// Reverse mode passes an adjoint through each node apart, multiplying
// partials as numbers. Where one partial is 0 and the next infinite
// (ln(y^x) where y^x overflows: 1/inf, then x y^(x-1) = inf; sigma(x)^a at
// x = -800: a sigma^(a-1) = inf, then sigma(1 - sigma) = 0) that is NaN,
// where D, which multiplies the two as types, cancels them in its canonical
// form and is finite. Such pairs are joined in reverse mode: their
// partials are the canonical products D writes, and the adjoint passes
// straight to the inner node's operands.
enum class fusion : unsigned char {
    none,
    // f(b^e), e not constant, where f'(u) u is a constant (the logarithms:
    // 1, 1/ln 2, 1/ln 10): its partials by b and by e, e/(b ln) and ln b/ln
    log_of_power,
    // f(w)^e, e not a positive integer (whose partial n f^(n-1) is finite), f
    // one argument, where f'(w)/f(w) has no power of f below the line
    // (sigmoid: 1 - sigma; exp: 1): its partials by w and by e, e f^e f'/f and
    // f^e ln f
    power_of_function,
    // f(c) or f(c, d), where an argument c is a function of one argument
    // g(w) or a power w^n with n constant, and f's partial by c or c's by w
    // divides by g (by w) and their product does not (log2 sigma(w): 1/(sigma
    // ln 2), inf at w = -800, times sigma' = 0, is (1 - sigma)/ln 2;
    // hypot(a, sqrt(u)) at u = 0: sqrt(u)/hypot = 0 times 1/(2 sqrt(u)) = inf
    // is 1/(2 hypot)): its partial by w is that product, by the other
    // arguments f's own, and on down where w joins in turn (join_leaves)
    inner_arguments,
};

// ln b, as D writes it in the derivative of b^e (functions/log.hpp, which
// every program that meets a joined pair includes through derivative.hpp).
template <class B>
struct log_of_base;

// A constant, a function of constants (ln 2), a constant power of one, or a
// product of those: what f'(u) u is for a logarithm. (Two levels, not a
// recursive walk: anything else is not such a constant.)
template <class E>
struct constant_factor : std::bool_constant<Constant<E>> {};
template <class Fn, class... As>
struct constant_factor<Call<Fn, As...>> : std::bool_constant<all_of({Constant<As>...})> {};
template <class B, class E>
struct constant_factor<Power<B, E>> : std::bool_constant<constant_factor<B>::value && Constant<E>> {};
template <class E>
struct constant_form : constant_factor<E> {};
template <class... Fs>
struct constant_form<Product<Fs...>> : std::bool_constant<all_of({constant_factor<Fs>::value...})> {};

// Whether the canonical form Q divides by F: F^e with e negative or not
// constant, alone or as a factor.
template <class Q, class F>
struct divides_by : std::false_type {};
template <class F, class E>
struct divides_by<Power<F, E>, F> : std::bool_constant<!Constant<E> || (value_of<E>.num < 0)> {};
template <class... Fs, class F>
struct divides_by<Product<Fs...>, F> : std::bool_constant<any_of({divides_by<Fs, F>::value...})> {};

template <class E>
struct fusion_of : std::integral_constant<fusion, fusion::none> {};
template <class Fn, class B, class Ex>
    requires(!Constant<Ex>)
struct fusion_of<Call<Fn, Power<B, Ex>>>
    : std::integral_constant<
          fusion, constant_form<multiply_t<typename Fn::template derivative<Power<B, Ex>>, Power<B, Ex>>>::value
                      ? fusion::log_of_power
                      : fusion::none> {};
// An argument c of its operands w (one, or two distinct), as inner_arguments
// joins it: dc/dw by each as D writes them, and what "divides by c" looks for
// in a canonical form (g itself for g(w) and g(u, w), w for w^n).
template <class C>
struct inner_node {
    static constexpr std::size_t operands = 0;
};
template <class Gn, class W>
struct inner_node<Call<Gn, W>> {
    static constexpr std::size_t operands = 1;
    using operand_types = type_list<W>;
    using partials = Partials<typename Gn::template derivative<W>>;
    using divisor = Call<Gn, W>;
};
template <class Gn, class U, class W>
    requires(!std::is_same<U, W>::value)
struct inner_node<Call<Gn, U, W>> {
    static constexpr std::size_t operands = 2;
    using operand_types = type_list<U, W>;
    using partials = typename Gn::template derivative<U, W>;  // Partials<dg/du, dg/dw>
    using divisor = Call<Gn, U, W>;
};
template <class T, Constant N>
struct inner_node<Power<T, N>> {
    static constexpr std::size_t operands = 1;
    using operand_types = type_list<T>;
    using partials = Partials<multiply_t<N, power_t<T, add_t<N, Int<-1>>>>>;
    using divisor = T;
};
// Whether the argument C, by which f's partial is P, is joined to f: P or
// one of C's own partials divides by C, and none of their products does.
template <class P, class C, class Inner, class Ps>
struct joins_through : std::false_type {};
template <class P, class C, class Inner, class... Qs>
struct joins_through<P, C, Inner, Partials<Qs...>> {
    using divisor = typename Inner::divisor;
    static constexpr bool value = (divides_by<P, divisor>::value || any_of({divides_by<Qs, divisor>::value...})) &&
                                  !any_of({divides_by<multiply_t<P, Qs>, divisor>::value...});
};
template <class P, class C, bool = (inner_node<C>::operands > 0)>
struct joins_argument : std::false_type {};
template <class P, class C>
struct joins_argument<P, C, true> : joins_through<P, C, inner_node<C>, typename inner_node<C>::partials> {};
// How many partials a node keeps at most (node_record::local): f(c, d) with
// c and d each joined through two operands passes its adjoint to four, and a
// join goes deeper only while it stays within them (join_leaves).
inline constexpr std::size_t local_partials = 4;
// Bit k: the k-th argument of the function node E is joined (E of one or two
// distinct arguments).
template <class E>
inline constexpr unsigned joined_arguments = 0;
template <class Fn, class A>
inline constexpr unsigned joined_arguments<Call<Fn, A>> =
    joins_argument<typename Fn::template derivative<A>, A>::value ? 1u : 0u;
template <class A, class B, class P, class Q>
constexpr unsigned joined_pair(Partials<P, Q>) {
    const bool a = joins_argument<P, A>::value, b = joins_argument<Q, B>::value;
    return (a ? 1u : 0u) | (b ? 2u : 0u);
}
template <class Fn, class A, class B>
    requires(!std::is_same<A, B>::value)
inline constexpr unsigned joined_arguments<Call<Fn, A, B>> =
    joined_pair<A, B>(typename Fn::template derivative<A, B>{});
template <class Fn, class... As>
    requires(joined_arguments<Call<Fn, As...>> != 0)
struct fusion_of<Call<Fn, As...>> : std::integral_constant<fusion, fusion::inner_arguments> {};

// The operands a joined node passes its adjoint to, and their partials. A
// joined argument c passes on to its own operands w, by the product of the
// partials (f's by c times c's by w), and where that product joins w to f
// in turn the join goes on down, level by level, while the node passes to
// at most local_partials operands: h = hypot(hypot(hypot(x, y), z), w)
// passes to x, y, z and w, by x/h, y/h, z/h and w/h, as D writes them, so
// that where hypot(x, y) = 0 nothing is 0 * (0/0). An operand reached twice is
// passed to once, by the canonical sum of its partials.

// One such operand: W, reached from the node by the operand indices Path
// (the argument first), with the partial P.
template <class W, class P, std::size_t... Path>
struct join_leaf {};
template <class Leaf>
inline constexpr bool leaf_joins = false;
template <class W, class P, std::size_t... Path>
inline constexpr bool leaf_joins<join_leaf<W, P, Path...>> = joins_argument<P, W>::value;
// The operands of a leaf's operand W, which it joins, as leaves.
template <class Leaf, class Ws, class Qs, class Seq>
struct leaf_children_of;
template <class W, class P, std::size_t... Path, class... Ws, class... Qs, std::size_t... J>
struct leaf_children_of<join_leaf<W, P, Path...>, type_list<Ws...>, Partials<Qs...>, std::index_sequence<J...>> {
    using type = type_list<join_leaf<Ws, multiply_t<P, Qs>, Path..., J>...>;
};
template <class Leaf>
struct leaf_children;
template <class W, class P, std::size_t... Path>
struct leaf_children<join_leaf<W, P, Path...>>
    : leaf_children_of<join_leaf<W, P, Path...>, typename inner_node<W>::operand_types,
                       typename inner_node<W>::partials, std::make_index_sequence<inner_node<W>::operands>> {};
// Adds a leaf to a list: to the partial of the leaf with the same operand,
// or at the end.
template <class Leaf, class List>
struct add_leaf;
template <class Leaf>
struct add_leaf<Leaf, type_list<>> {
    using type = type_list<Leaf>;
};
template <class W, class P, std::size_t... A, class Q, std::size_t... B, class... Rest>
struct add_leaf<join_leaf<W, P, A...>, type_list<join_leaf<W, Q, B...>, Rest...>> {
    using type = type_list<join_leaf<W, add_t<Q, P>, B...>, Rest...>;
};
template <class Leaf, class First, class... Rest>
struct add_leaf<Leaf, type_list<First, Rest...>> {
    using type = typename concat<type_list<First>, typename add_leaf<Leaf, type_list<Rest...>>::type>::type;
};
template <class List, class Leaves>
struct add_leaves {
    using type = List;
};
template <class List, class Leaf, class... Leaves>
struct add_leaves<List, type_list<Leaf, Leaves...>>
    : add_leaves<typename add_leaf<Leaf, List>::type, type_list<Leaves...>> {};
// The list with its I-th leaf replaced by that leaf's operands.
template <std::size_t I, class List>
struct expanded_at : add_leaves<typename concat<slice_t<0, I, List>, slice_t<I + 1, List::size - I - 1, List>>::type,
                                typename leaf_children<at_t<I, List>>::type> {};
template <std::size_t I, class List>
constexpr bool expansion_fits() {
    if constexpr (leaf_joins<at_t<I, List>>) return expanded_at<I, List>::type::size <= local_partials;
    else return false;
}
// Expands the first leaf whose expansion fits, until none does; children go
// to the end of the list, so the join goes down level by level.
template <class List, class Seq = std::make_index_sequence<List::size>>
struct expand_leaves;
template <class List, std::size_t I, bool Fits = (I < List::size)>
struct expand_leaves_at {
    using type = List;
};
template <class List, std::size_t I>
struct expand_leaves_at<List, I, true> : expand_leaves<typename expanded_at<I, List>::type> {};
template <class List, std::size_t... I>
struct expand_leaves<List, std::index_sequence<I...>>
    : expand_leaves_at<List, first_true({expansion_fits<I, List>()...})> {};
template <class E>
struct join_leaves;
template <class Fn, class A>
struct join_leaves<Call<Fn, A>> : expand_leaves<type_list<join_leaf<A, typename Fn::template derivative<A>, 0>>> {};
template <class Fn, class A, class B, class P, class Q>
auto join_leaves_pair(Partials<P, Q>) -> expand_leaves<type_list<join_leaf<A, P, 0>, join_leaf<B, Q, 1>>>;
template <class Fn, class A, class B>
struct join_leaves<Call<Fn, A, B>> : decltype(join_leaves_pair<Fn, A, B>(typename Fn::template derivative<A, B>{})) {};
template <class E>
using join_leaves_t = typename join_leaves<E>::type;
template <class Fn, class W, class Ex>
    requires(!Constant<Ex> || value_of<Ex>.den != 1 || value_of<Ex>.num < 1)
struct fusion_of<Power<Call<Fn, W>, Ex>>
    : std::integral_constant<
          fusion,
          divides_by<multiply_t<typename Fn::template derivative<W>, power_t<Call<Fn, W>, Int<-1>>>, Call<Fn, W>>::value
              ? fusion::none
              : fusion::power_of_function> {};

// ------------------------------------------------------------- identities

// One function per type: two node types are the same type exactly when the
// addresses of their identity functions are equal, which constant evaluation
// can test. (consteval, as is everything the graph builder instantiates once
// per node: a compiler never emits an immediate function. A static member or
// a constexpr function named after each node is emitted, and GCC handled each
// such name of many kilobytes slowly -- building the graph of the derivative
// of the logistic map at depth 32 took 27 s, most of it there. GCC 12 still
// computes the mangled name of an immediate function, at 10 to 50 ms for a
// node near the root of a large net: docs/performance.md, fourteenth pass.)
using node_identity = void (*)();
template <class E>
CHAINRULE_GRAPH_BUILD void identity_of() {}

constexpr std::uint64_t hash_mix(std::uint64_t h, std::uint64_t v) {
    h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
    h ^= h >> 30;
    h *= 0xbf58476d1ce4e5b9ULL;
    h ^= h >> 27;
    h *= 0x94d049bb133111ebULL;
    h ^= h >> 31;
    return h;
}

constexpr std::uint64_t hash_text(std::uint64_t h, const char* s) {
    for (; *s != '\0'; ++s) h = hash_mix(h, static_cast<unsigned char>(*s));
    return h;
}

// A structural hash, from the values the program spells; computed once per
// type. Equal hashes are confirmed by identity_of, so a collision costs a
// probe, never a wrong answer. Each level of an expression adds one
// instantiation (structural_hash of each child, combined by a plain
// function), so a chain of 128 tanh layers, 384 types deep, stays within
// Clang's template depth of 1,024.
template <class E, node_kind Kind = kind_of<E>::value>
struct structural_hash;

// (Each an integral_constant base, whose member is named after the number,
// not a static member of its own, named after the node.)
template <std::uint64_t H>
using hash_constant = std::integral_constant<std::uint64_t, H>;

template <class E>
struct structural_hash<E, node_kind::constant>
    : hash_constant<hash_mix(hash_mix(1, static_cast<std::uint64_t>(E::numerator)),
                             static_cast<std::uint64_t>(E::denominator))> {};
// (A function of the name, not a lambda per variable type: GCC gives every
// captureless lambda a conversion to a function pointer, a function of its
// own, and a net of 289 parameters has 305 variables.)
constexpr std::uint64_t hash_name(const var_name& name) {
    std::uint64_t h = hash_text(2, name.c_str());
    for (std::size_t k = 0; k < name.rank; ++k) h = hash_mix(h, name.indices[k]);
    return h;
}
template <class E>
struct structural_hash<E, node_kind::variable> : hash_constant<hash_name(E::name)> {};
// (a list, not a fold: Clang limits fold expressions to 256 operands)
constexpr std::uint64_t hash_list(std::uint64_t h, std::initializer_list<std::uint64_t> children) {
    for (std::uint64_t c : children) h = hash_mix(h, c);
    return h;
}
template <class E>
struct structural_hash<E, node_kind::power>
    : hash_constant<hash_list(
          4, {structural_hash<typename E::base>::value, structural_hash<typename E::exponent>::value})> {};
// (A function's name and its order key: two tags that share a name, such as
// LeakyRelu's of two slopes, hash apart, so that telling them apart never
// needs their identities compared -- which g++ refuses during constant
// evaluation under -fsanitize=undefined.)
template <class Fn, class... As>
struct structural_hash<Call<Fn, As...>, node_kind::function>
    : hash_constant<hash_list(hash_text(hash_text(3, Fn::name), order_key<Fn>()), {structural_hash<As>::value...})> {};
template <class... Fs>
struct structural_hash<Product<Fs...>, node_kind::product>
    : hash_constant<hash_list(5, {structural_hash<Fs>::value...})> {};
template <class... Ts>
struct structural_hash<Sum<Ts...>, node_kind::sum> : hash_constant<hash_list(6, {structural_hash<Ts>::value...})> {};

// --------------------------------------------------- the fraction line

// A Product evaluates as (numerator) / (denominator) rather than multiplying
// by reciprocals: x / y is one division, rounded once, as written by hand.
// A factor b^-n is therefore read through its base b.
template <class F>
struct in_denominator : std::false_type {};
template <class B, class E>
    requires Constant<E>
struct in_denominator<Power<B, E>> : std::bool_constant<(E::numerator < 0)> {
};

// ------------------------------------------------------------ the records

/// An operand of a node: another node (slot), or a constant written in place.
struct operand_ref {
    bool constant = false;
    std::size_t slot = no_node;
    rational value{0, 1};
    // In a product: the factor b^e (e < 0) is read through its base b, and
    // sits below the fraction line as b^|e|.
    bool below = false;
    rational power{1, 1};
    // In the code of a sweep: a variable operand, read where the bindings
    // hold it (its position there) rather than from a copy in the sweep.
    std::size_t bound = no_node;
};

// f(u, u): a function of two arguments called with the same one twice.
template <class... As>
inline constexpr bool repeated_argument = false;
template <class A>
inline constexpr bool repeated_argument<A, A> = true;

/// A distinct subexpression. Fn is what the graph's user keeps for function
/// nodes (the evaluator: a pointer to a function calling Fn::eval).
template <class Fn>
struct node_record {
    node_kind kind = node_kind::constant;
    std::size_t first = 0;  // operands: ops[first, first + count)
    std::size_t count = 0;
    var_name name{'\0'};             // variables
    rational value{0, 1};            // constants (only when constants are nodes)
    bool constant_exponent = false;  // powers: b^value with value constant
    Fn function{};
    // reverse mode: the partial derivatives of a function node f(u) or
    // f(u, w) by each argument, where that argument is active
    std::array<operand_ref, local_partials> local{};
    bool active = false;  // reverse mode: depends on a requested variable
    // the natural logarithm (the evaluator's x^y ln x at x = 0), told by its tag,
    // not by comparing function addresses, which g++ refuses in constant
    // evaluation under -fsanitize=undefined
    bool is_log = false;
    // a step (step, heaviside): a value of exactly 0 where its argument is on
    // its flat side, which reverse mode passes on as nothing (reverse.hpp)
    bool is_step = false;
    // reverse mode: joined to its operand (see fusion), and then a step
    // whose operands are that operand's (log_of_power: b and e of b^e;
    // power_of_function: w of f(w), and the exponent; inner_arguments: the
    // operands w of each joined argument g(w), g(u, w) or w^n, on down where
    // they join in turn, and the other arguments)
    fusion fused = fusion::none;
    // joined: the operands it passes its adjoint to, as positions in ops,
    // and how many
    std::array<std::uint32_t, local_partials> through{};
    unsigned char leaves = 0;
};

// A vector for constant evaluation (new and delete are allowed there, as long
// as nothing allocated outlives the evaluation).
template <class T>
struct growing {
    T* data = nullptr;
    std::size_t size = 0, capacity = 0;
    constexpr growing() = default;
    growing(const growing&) = delete;
    growing& operator=(const growing&) = delete;
    constexpr ~growing() { delete[] data; }
    // n copies of x, in place of what was held
    constexpr void assign(std::size_t n, const T& x) {
        delete[] data;
        data = new T[n];
        size = capacity = n;
        for (std::size_t i = 0; i < n; ++i) data[i] = x;
    }
    constexpr void push(const T& x) {
        if (size == capacity) {
            std::size_t c = capacity == 0 ? 16 : 2 * capacity;
            T* d = new T[c];
            for (std::size_t i = 0; i < size; ++i) d[i] = data[i];
            delete[] data;
            data = d;
            capacity = c;
        }
        data[size++] = x;
    }
    constexpr T& operator[](std::size_t i) { return data[i]; }
    constexpr const T& operator[](std::size_t i) const { return data[i]; }
};

/// What a graph is built with: whether constants are nodes (dag_size_v), and
/// whether function nodes keep a payload (Payload::value<Fn, arity>) and can
/// add their local derivatives f'(u) to the graph (reverse mode).
struct no_payload {
    template <class Fn, std::size_t Arity>
    static constexpr int value = 0;
    using type = int;
};

template <class Payload = no_payload, bool WithConstants = false, bool LocalDerivatives = false>
struct graph_builder {
    using function_payload = typename Payload::type;
    using record = node_record<function_payload>;
    using local_adder = void (*)(graph_builder&, std::size_t);
    // whether products are computed from the products they contain (the
    // evaluator's and reverse mode's graphs; see product_sharing)
    static constexpr bool shares_products = requires { Payload::shares_products; };
    // whether sums are computed from the sums they contain (the evaluator's
    // graph only; see sum_sharing)
    static constexpr bool shares_sums = shares_products && !LocalDerivatives;

    growing<record> nodes;
    growing<operand_ref> ops;
    growing<local_adder> adders;  // per node; null but for function nodes
    growing<std::size_t> table;   // open addressing: slot + 1, 0 when empty
    growing<std::uint64_t> hashes;
    growing<node_identity> ids;

    constexpr graph_builder() { table.assign(64, 0); }

    constexpr std::size_t find(std::uint64_t h, node_identity id) const {
        const std::size_t mask = table.size - 1;
        for (std::size_t i = h & mask;; i = (i + 1) & mask) {
            const std::size_t s = table[i];
            if (s == 0) return no_node;
            if (hashes[s - 1] == h && ids[s - 1] == id) return s - 1;
        }
    }
    constexpr void insert(std::uint64_t h, std::size_t slot) {
        const std::size_t mask = table.size - 1;
        std::size_t i = h & mask;
        while (table[i] != 0) i = (i + 1) & mask;
        table[i] = slot + 1;
    }
    constexpr void grow_table() {
        table.assign(table.size * 2, 0);
        for (std::size_t s = 0; s < nodes.size; ++s) insert(hashes[s], s);
    }

    template <class E>
    static CHAINRULE_GRAPH_BUILD operand_ref constant_operand() {
        operand_ref o;
        o.constant = true;
        o.value = value_of<E>;
        return o;
    }

    // The walk is depth first with an explicit stack of steps, each a
    // pointer to a function instantiated once per node type: visit<E> looks
    // E up and, the first time, schedules finish<E> after the visits of its
    // children; finish<E> takes the children's operands from the results and
    // records E. No constexpr call nests deeper than one step, however deep
    // the expression (a chain of 128 tanh layers nests 384 types).
    using step = void (*)(graph_builder&);
    growing<step> work;
    growing<operand_ref> results;

    constexpr operand_ref pop_result() { return results[--results.size]; }

    template <class... Ts>
    static CHAINRULE_GRAPH_BUILD std::size_t count(operands<Ts...>) {
        return sizeof...(Ts);
    }
    template <class E>
    static CHAINRULE_GRAPH_BUILD std::size_t child_count() {
        constexpr node_kind kind = kind_of<E>::value;
        if constexpr (kind == node_kind::power) return 2;
        else if constexpr (kind == node_kind::function || kind == node_kind::product || kind == node_kind::sum)
            return count(operands_of<E>{});
        else return 0;
    }

    template <class F>
    static CHAINRULE_GRAPH_BUILD void below(graph_builder& b) {
        operand_ref o = b.pop_result();
        o.below = true;
        o.power = value_of<typename F::exponent>;
        b.results.push(o);
    }

    template <class E, bool Below = false>
    static CHAINRULE_GRAPH_BUILD void visit(graph_builder& b) {
        constexpr node_kind kind = kind_of<E>::value;
        if constexpr (Below) {
            b.work.push(&below<E>);
            b.work.push(&visit<typename E::base>);
        } else if constexpr (kind == node_kind::constant && !WithConstants) {
            b.results.push(constant_operand<E>());
        } else {
            if (const std::size_t s = b.find(structural_hash<E>::value, &identity_of<E>); s != no_node) {
                operand_ref o;
                o.slot = s;
                b.results.push(o);
                return;
            }
            b.work.push(&finish<E>);
            if constexpr (kind == node_kind::power) {
                b.work.push(&visit<typename E::exponent>);
                b.work.push(&visit<typename E::base>);
            } else if constexpr (kind == node_kind::function || kind == node_kind::product || kind == node_kind::sum) {
                push_children<kind == node_kind::product>(b, operands_of<E>{});
            }
        }
    }

    // Schedules the visits of E's operands (a product's factor b^e with e < 0
    // is read through its base b: visit<F, true>); the stack runs the last
    // pushed first, so they are pushed in reverse. Clang instantiates a
    // function template as soon as its address is taken, so visit<E>
    // instantiates its operands' visits inside its own instantiation, as deep
    // as the expression: two frames per level (visit, push_children), as the
    // arrays of child steps this replaces had: a chain of 128 tanh layers
    // evaluates on both compilers (one more frame per level exhausted Clang's
    // stack).
    template <bool Factors, class... Cs>
    static CHAINRULE_GRAPH_BUILD void push_children(graph_builder& b, operands<Cs...>) {
        step steps[sizeof...(Cs) + 1]{};
        std::size_t n = 0;
        (void)std::initializer_list<int>{(steps[n++] = &visit<Cs, (Factors && in_denominator<Cs>::value)>, 0)...};
        while (n > 0) b.work.push(steps[--n]);
    }
    template <class E>
    static CHAINRULE_GRAPH_BUILD void finish(graph_builder& b) {
        constexpr node_kind kind = kind_of<E>::value;
        constexpr std::size_t n = child_count<E>();
        record r;
        r.kind = kind;
        r.first = b.ops.size;
        r.count = n;
        // the children's operands are the top n results, in order
        for (std::size_t k = 0; k < n; ++k) b.ops.push(b.results[b.results.size - n + k]);
        b.results.size -= n;
        local_adder adder = nullptr;
        if constexpr (kind == node_kind::constant) {
            r.value = value_of<E>;
        } else if constexpr (kind == node_kind::variable) {
            r.name = E::name;
        } else if constexpr (kind == node_kind::function) {
            r.function = Payload::template value<typename E::function, E::arity>;
            r.is_log = std::is_same<typename E::function, log_fn>::value && E::arity == 1;
            r.is_step = is_step_tag<typename E::function>;
            if constexpr (LocalDerivatives && E::arity > 0) adder = &add_locals<E>;
        } else if constexpr (kind == node_kind::power) {
            r.constant_exponent = Constant<typename E::exponent>;
            if constexpr (Constant<typename E::exponent>) r.value = value_of<typename E::exponent>;
            if constexpr (LocalDerivatives && fusion_of<E>::value != fusion::none) adder = &add_fused_locals<E>;
        } else if constexpr (kind != node_kind::product && kind != node_kind::sum) {
            static_assert(kind == node_kind::sum, "chainrule::detail::graph_builder: a node kind is not handled");
        }
        const std::size_t slot = b.nodes.size;
        constexpr std::uint64_t h = structural_hash<E>::value;
        b.nodes.push(r);
        b.adders.push(adder);
        b.hashes.push(h);
        b.ids.push(&identity_of<E>);
        if (2 * b.nodes.size > b.table.size) b.grow_table();
        b.insert(h, slot);
        operand_ref o;
        o.slot = slot;
        b.results.push(o);
    }

    // f'(u) of the function node E in slot i, or its partials by each active
    // argument (the graph may grow while they are added: nothing is held by
    // reference across add).
    constexpr bool operand_active(std::size_t i, std::size_t k) const {
        const operand_ref& o = ops[nodes[i].first + k];
        return !o.constant && nodes[o.slot].active;
    }
    template <class P>
    CHAINRULE_GRAPH_BUILD void add_local(std::size_t i, std::size_t k) {
        if (!operand_active(i, k)) return;
        const operand_ref local = this->template add<P>();
        nodes[i].local[k] = local;
    }
    template <class Fn, class... Ps>
    CHAINRULE_GRAPH_BUILD void add_partials(std::size_t i, Partials<Ps...>) {
        std::size_t k = 0;
        (void)std::initializer_list<int>{(add_local<Ps>(i, k++), 0)...};
    }
    // f(u, u): the operand's one adjoint gets the canonical sum of the two
    // partials, as D writes the derivative (f_1 + f_2) u', and the second
    // argument passes nothing (a partial of constant 0). Two partials that
    // cancel symbolically then cancel here too: atan2(u, u)'s are
    // u/(2u^2) and -u/(2u^2), each 0/0 at u = 0, whose sum D writes as 0.
    template <class P, class Q>
    CHAINRULE_GRAPH_BUILD void add_repeated(std::size_t i, Partials<P, Q>) {
        add_local<Add<P, Q>>(i, 0);
        operand_ref zero;
        zero.constant = true;
        nodes[i].local[1] = zero;
    }
    // A node joined to its operand (see fusion) passes its adjoint to the
    // operands at ops[through[k]], k < leaves, by the partials local[k],
    // each the canonical product D writes (reverse_operand, in reverse.hpp,
    // reads them so, whatever the kind of join).
    CHAINRULE_GRAPH_BUILD void set_leaves(std::size_t i, fusion kind, std::size_t n) {
        nodes[i].fused = kind;
        nodes[i].leaves = static_cast<unsigned char>(n);
    }
    template <class P>
    CHAINRULE_GRAPH_BUILD void add_local_through(std::size_t i, std::size_t k, std::size_t position) {
        nodes[i].through[k] = static_cast<std::uint32_t>(position);
        const operand_ref o = ops[position];
        if (o.constant || !nodes[o.slot].active) return;
        const operand_ref local = this->template add<P>();
        nodes[i].local[k] = local;
    }
    // f(b^e): f'(b^e) b^e e / b by b, f'(b^e) b^e ln b by e
    template <class Fn, class B, class Ex>
    CHAINRULE_GRAPH_BUILD void add_fused(std::size_t i, std::type_identity<Call<Fn, Power<B, Ex>>>) {
        using U = Power<B, Ex>;
        using fu = typename Fn::template derivative<U>;
        set_leaves(i, fusion::log_of_power, 2);
        const std::size_t u = ops[nodes[i].first].slot;
        const std::size_t b = nodes[u].first, e = nodes[u].first + 1;
        add_local_through<multiply_t<fu, multiply_t<multiply_t<U, Ex>, power_t<B, Int<-1>>>>>(i, 0, b);
        add_local_through<multiply_t<fu, multiply_t<U, typename log_of_base<B>::type>>>(i, 1, e);
    }
    // f(w)^e: e f^(e-1) f'(w) by w for a constant e, f^e e f'(w) / f
    // otherwise, and f^e ln f by e
    template <class Fn, class W, class Ex>
    CHAINRULE_GRAPH_BUILD void add_fused(std::size_t i, std::type_identity<Power<Call<Fn, W>, Ex>>) {
        using F = Call<Fn, W>;
        using fw = typename Fn::template derivative<W>;
        set_leaves(i, fusion::power_of_function, 2);
        const std::size_t w = nodes[ops[nodes[i].first].slot].first, e = nodes[i].first + 1;
        if constexpr (Constant<Ex>) {
            add_local_through<multiply_t<multiply_t<Ex, power_t<F, add_t<Ex, Int<-1>>>>, fw>>(i, 0, w);
            nodes[i].through[1] = static_cast<std::uint32_t>(e);  // (a constant: it receives nothing)
        } else {
            using P = Power<F, Ex>;
            add_local_through<multiply_t<P, multiply_t<multiply_t<Ex, fw>, power_t<F, Int<-1>>>>>(i, 0, w);
            add_local_through<multiply_t<P, typename log_of_base<F>::type>>(i, 1, e);
        }
    }
    // f(c) or f(c, d) with joined arguments: the operands of join_leaves,
    // each reached from the node by its path of operand indices.
    template <class W, class P, std::size_t Argument, std::size_t... Path>
    CHAINRULE_GRAPH_BUILD void add_leaf_partial(std::size_t i, std::size_t k, join_leaf<W, P, Argument, Path...>) {
        std::size_t o = nodes[i].first + Argument;
        (void)std::initializer_list<int>{(o = nodes[ops[o].slot].first + Path, 0)...};
        add_local_through<P>(i, k, o);
    }
    template <class... Leaves>
    CHAINRULE_GRAPH_BUILD void add_leaf_partials(std::size_t i, type_list<Leaves...>) {
        static_assert(sizeof...(Leaves) <= local_partials);
        set_leaves(i, fusion::inner_arguments, sizeof...(Leaves));
        std::size_t k = 0;
        (void)std::initializer_list<int>{(add_leaf_partial(i, k++, Leaves{}), 0)...};
    }
    template <class E>
    CHAINRULE_GRAPH_BUILD void add_joined(std::size_t i, std::type_identity<E>) {
        add_leaf_partials(i, join_leaves_t<E>{});
    }
    template <class E>
    static CHAINRULE_GRAPH_BUILD void add_fused_locals(graph_builder& b, std::size_t i) {
        b.add_fused(i, std::type_identity<E>{});
    }
    template <class E>
    static CHAINRULE_GRAPH_BUILD void add_locals(graph_builder& b, std::size_t i) {
        [&]<class Fn, class... As>(std::type_identity<Call<Fn, As...>>) CHAINRULE_GRAPH_BUILD {
            using partials = typename Fn::template derivative<As...>;
            if constexpr (fusion_of<E>::value == fusion::log_of_power) b.add_fused(i, std::type_identity<E>{});
            else if constexpr (fusion_of<E>::value == fusion::inner_arguments) b.add_joined(i, std::type_identity<E>{});
            else if constexpr (sizeof...(As) == 1) b.template add_local<partials>(i, 0);
            else if constexpr (repeated_argument<As...>) b.add_repeated(i, partials{});
            else b.template add_partials<Fn>(i, partials{});
        }(std::type_identity<E>{});
    }

    /// Adds E and every subexpression of it not yet in the graph; returns
    /// how E is read as an operand.
    template <class E>
    CHAINRULE_GRAPH_BUILD operand_ref add() {
        work.push(&visit<E>);
        while (work.size > 0) work[--work.size](*this);
        return pop_result();
    }

    /// Reverse mode: marks the nodes that depend on one of the named
    /// variables (operands come before parents), then adds f'(u) of every
    /// active function node among the first `forward` nodes, and the
    /// partials of every node joined to its operand (fusion).
    CHAINRULE_GRAPH_BUILD void add_local_derivatives(const named_position* requested, std::size_t n_requested) {
        const std::size_t forward = nodes.size;
        for (std::size_t i = 0; i < forward; ++i) {
            record& r = nodes[i];
            if (r.kind == node_kind::variable) {
                r.active = find_name(requested, n_requested, r.name) < n_requested;
            } else {
                for (std::size_t k = r.first; k < r.first + r.count; ++k)
                    if (!ops[k].constant && nodes[ops[k].slot].active) r.active = true;
            }
        }
        // (function nodes, and the powers reverse mode joins to their base)
        for (std::size_t i = 0; i < forward; ++i) {
            if (adders[i] != nullptr && nodes[i].active) {
                adders[i](*this, i);
            }
        }
    }
};

// ----------------------------------------------------- shared products
//
// A product whose factors include every factor of an earlier product Q
// is computed from Q: P = Q * (the rest). The canonical form flattens
// nested products, so the logistic map's l_k = r l_(k-1) (1 - l_(k-1)) is
// the product r^k x (1 - x) (1 - l_1) ... (1 - l_(k-1)), and without this
// each level would multiply all its k factors again: O(n^2) for a map of
// depth n, forward and backward, where the loop a user writes is O(n).
// Only the evaluation's graph is rewritten (the operands of P), never a
// type: P's value is the same product, associated differently (the
// rounding of a product of floating-point numbers depends on the order
// of its factors, as it does when one writes it by hand).
//
// A factor is read as (base, multiplicity): b^k for a positive integer k
// is (b, k), any other node operand (node, 1). Q fits in P when each of
// its factors (b, m) is in P as (b, m') with m' = m or m' = m + 1 (then b
// itself is left to multiply); Q has no factor below the fraction line
// and covers at least two; P has no factor ln b (the evaluator's pair
// b^e ln b, make_node_code) and is not written longer than it was. Of
// the products that fit, the one covering the most is taken. Candidates
// are found by their last factor's base (the highest slot: the factor
// most particular to a product) and rejected by a 64-bit signature of
// their bases before their factors are compared.
//
// It runs on the built tables, in place, as a constant evaluation of its own
// (graph::tables), and reads them through plain pointers into arrays sized
// once: Clang bounds the steps of one constant evaluation (1,048,576 by
// default), counting every statement and every call, and on deep products
// this pass costs about as much as building the graph.
// A factor of a product as the sharing passes read it: b^k for an integer
// k >= 2 (and a base that is not a constant) is (b, k), any other node
// operand (node, 1).
struct factor_entry {
    std::size_t base = 0;
    long long times = 1;
};
template <class Record>
constexpr factor_entry factor_in(const Record* nodes, const operand_ref* ops, const operand_ref& o) {
    const Record& r = nodes[o.slot];
    return r.kind == node_kind::power && r.constant_exponent && r.value.den == 1 && r.value.num >= 2 &&
                   !ops[r.first].constant
               ? factor_entry{ops[r.first].slot, r.value.num}
               : factor_entry{o.slot, 1};
}

template <class Record>
class product_sharing {
public:
    // (live, where given, says which nodes the roots read: the others are
    // neither rewritten nor read as Q)
    constexpr product_sharing(Record* nodes, std::size_t n, operand_ref* ops, std::size_t m, const bool* live = nullptr)
        : nodes_(nodes),
          live_(live),
          ops_(ops),
          n_(n),
          facts_(new product_facts[n]),
          head_(new std::size_t[n]),
          in_p_(new long long[n]),
          in_q_(new long long[n]),
          factors_(new factor_entry[m]),
          rewritten_(new operand_ref[m + 1]) {
        for (std::size_t i = 0; i < n; ++i) head_[i] = no_node, in_p_[i] = 0, in_q_[i] = 0;
    }
    product_sharing(const product_sharing&) = delete;
    product_sharing& operator=(const product_sharing&) = delete;
    constexpr ~product_sharing() {
        delete[] facts_;
        delete[] head_;
        delete[] in_p_;
        delete[] in_q_;
        delete[] factors_;
        delete[] rewritten_;
    }

    constexpr void run() {
        std::size_t used = 0;  // factors_ in use
        for (std::size_t i = 0; i < n_; ++i) {
            const Record& r = nodes_[i];
            if (r.kind != node_kind::product || (live_ != nullptr && !live_[i])) continue;
            product_facts& f = facts_[i];
            f.first = used;
            bool below = false, log = false, ok = true;
            std::size_t highest = 0;
            for (const operand_ref *o = ops_ + r.first, *end = o + r.count; o != end; ++o) {
                if (o->below) {
                    // (a constant base below the line, the 2 of 2^(-1/2), is
                    // not a coefficient: it is divided by, as a root)
                    below = true;
                } else if (o->constant) {
                    f.coefficient = checked_mul(f.coefficient, o->value);
                    ok = ok && !failed(f.coefficient);
                } else {
                    const factor_entry e = factor_of(*o);
                    factors_[used++] = e;
                    f.units += e.times;
                    highest = e.base > highest ? e.base : highest;
                    f.signature |= std::uint64_t{1} << (e.base % 64);
                    log = log || (nodes_[o->slot].kind == node_kind::function && nodes_[o->slot].is_log);
                }
            }
            f.count = used - f.first;
            f.may_share = ok && !log && f.units >= 3;
            if (f.may_share) {
                const factor_entry *begin = factors_ + f.first, *end = begin + f.count;
                for (const factor_entry* a = begin; a != end; ++a) in_p_[a->base] = a->times;
                choose(i);
                for (const factor_entry* a = begin; a != end; ++a) in_p_[a->base] = 0;
            }
            f.can_be_shared = ok && !below && f.units >= 2;
            if (f.can_be_shared) {
                f.next = head_[highest];
                head_[highest] = i;
            }
        }
    }

private:
    struct product_facts {
        std::size_t first = 0, count = 0;  // in factors_
        rational coefficient{1, 1};
        long long units = 0;          // sum of the multiplicities
        std::uint64_t signature = 0;  // a bit per base (slot mod 64): Q fits in P only if sig Q <= sig P
        bool can_be_shared = false;   // may serve as Q
        bool may_share = false;       // may be written from a Q
        std::size_t next = no_node;   // the next product with the same highest base
    };

    Record* nodes_;
    const bool* live_;
    operand_ref* ops_;
    std::size_t n_;
    product_facts* facts_;
    std::size_t* head_;  // per base slot: the latest product whose highest base it is
    long long* in_p_;    // per base slot: its multiplicity in the P at hand, 0 if none
    long long* in_q_;    // per base slot: its multiplicity in the chosen Q, 0 if none
    factor_entry* factors_;
    operand_ref* rewritten_;

    constexpr factor_entry factor_of(const operand_ref& o) const { return factor_in(nodes_, ops_, o); }

    // P = facts_[i]: finds the best Q among the products whose last base is
    // one of P's bases and rewrites P's operands as Q * (the rest).
    constexpr void choose(std::size_t i) {
        const product_facts& p = facts_[i];
        std::size_t best = no_node;
        long long best_units = 1;
        rational best_ratio{1, 1};
        for (const factor_entry *a = factors_ + p.first, *a_end = a + p.count; a != a_end; ++a) {
            for (std::size_t q = head_[a->base]; q != no_node; q = facts_[q].next) {
                const product_facts& c = facts_[q];
                if (c.units <= best_units || c.units > p.units || (c.signature & ~p.signature) != 0) continue;
                bool fits = true;
                for (const factor_entry *j = factors_ + c.first, *j_end = j + c.count; j != j_end && fits; ++j)
                    fits = in_p_[j->base] == j->times || in_p_[j->base] == j->times + 1;
                if (!fits) continue;
                const rational ratio =
                    checked_mul(p.coefficient, checked_make_rational(c.coefficient.den, c.coefficient.num));
                if (failed(ratio)) continue;
                best = q;
                best_units = c.units;
                best_ratio = ratio;
            }
        }
        if (best == no_node) return;
        // P's operands: Q, each operand Q does not cover (a power b^(m+1)
        // of which Q covers b^m leaves b), the factors below the line, and
        // the coefficient where it is not 1
        const product_facts& q = facts_[best];
        const factor_entry *q_begin = factors_ + q.first, *q_end = q_begin + q.count;
        for (const factor_entry* j = q_begin; j != q_end; ++j) in_q_[j->base] = j->times;
        std::size_t size = 0;
        rewritten_[size++] = operand_ref{.slot = best};
        Record& r = nodes_[i];
        for (const operand_ref *o = ops_ + r.first, *end = o + r.count; o != end; ++o) {
            if (o->constant && !o->below) continue;  // the coefficient, written last
            const factor_entry e = o->below ? factor_entry{} : factor_of(*o);
            const long long covered = o->below ? 0 : in_q_[e.base];
            if (covered == 0) rewritten_[size++] = *o;
            else if (covered < e.times) rewritten_[size++] = operand_ref{.slot = e.base};
        }
        for (const factor_entry* j = q_begin; j != q_end; ++j) in_q_[j->base] = 0;
        if (best_ratio.num != 1 || best_ratio.den != 1)
            rewritten_[size++] = operand_ref{.constant = true, .value = best_ratio};
        if (size > r.count) return;
        for (std::size_t k = 0; k < size; ++k) ops_[r.first + k] = rewritten_[k];
        r.count = size;
    }
};

struct graph_sizes {
    std::size_t nodes, ops;
};

// ------------------------------------------------------- shared sums
//
// A sum that holds, term by term, c times an earlier sum S' is computed as
// c * S' plus its other terms. The product rule on a flattened product
// makes such sums: the logistic map's l_k is r^k x (1 - x) (1 - l_1) ...
// (1 - l_(k-1)), so D(l_k) is a sum of k + 1 products, k of which are
// r (1 - l_(k-1)) times the terms of D(l_(k-1)); computed as written, D(l_n)
// costs O(n^2) where the loop a user writes, d = r d (1 - 2 l), is O(n).
// With this pass D(l_k) is r (1 - l_(k-1)) D(l_(k-1)) plus one term, and the
// k products it no longer reads are not computed (the evaluator computes
// what its roots read). Only eval's graph is rewritten, never a type: the
// value is the same sum, associated differently (c * (a + b) against
// c * a + c * b), which changes its rounding as factoring it by hand would.
//
// Terms are read as products: a coefficient times factors (base,
// multiplicity), b^k for an integer k >= 2 being (b, k), as product_sharing
// reads them; a constant term is its coefficient with no factors. c is
// found from one term a of S' and a term t of S as t / a, and must be made
// of operands the graph has: t's factors that a lacks, and b where t has
// b^(m+1) and a has b^m. Then every term of S' times c must be a term of
// S: looked up by a hash of its factors (a sum of one 64-bit hash per
// base, so the hash of t / a is a difference) and its coefficient, then
// compared factor by factor. Terms with a factor below the fraction line
// or a logarithm (the evaluator's pair b^e ln b) are not read. Candidates
// S' are the earlier sums with at least two terms and at least half as
// many as S (a bound on the compile-time search: each candidate costs one
// probe per term of S), the largest first; the first that fits is taken.
//
// It runs on the built tables as a constant evaluation of its own and
// writes the rewritten graph (the sums' new products before their sums)
// into tables it is given, or only counts them (graph::final_sizes).
template <class Record>
class sum_sharing {
public:
    constexpr sum_sharing(const Record* nodes, std::size_t n, const operand_ref* ops, std::size_t m)
        : nodes_(nodes),
          ops_(ops),
          n_(n),
          facts_(new term_facts[n]),
          factors_(new factor_entry[m + n]),
          mult_(new long long[n]),
          check_(new long long[n]),
          sources_(new std::size_t[n]),
          remap_(new std::size_t[n]) {
        std::size_t terms = 1, factors = 1;
        for (std::size_t i = 0; i < n; ++i) {
            mult_[i] = 0, check_[i] = 0;
            if (nodes[i].kind == node_kind::sum && nodes[i].count > terms) terms = nodes[i].count;
            if (nodes[i].kind == node_kind::product && nodes[i].count > factors) factors = nodes[i].count;
        }
        probe_ = new std::size_t[4 * terms];
        matched_ = new std::size_t[terms];
        c_ = new operand_ref[factors];
        std::size_t used = 0;
        for (std::size_t i = 0; i < n; ++i) used = read_term(i, used);
    }
    sum_sharing(const sum_sharing&) = delete;
    sum_sharing& operator=(const sum_sharing&) = delete;
    constexpr ~sum_sharing() {
        delete[] facts_;
        delete[] factors_;
        delete[] mult_;
        delete[] check_;
        delete[] sources_;
        delete[] probe_;
        delete[] matched_;
        delete[] c_;
        delete[] remap_;
    }

    /// Writes the rewritten graph into out_nodes / out_ops (when not null)
    /// and its roots in place; returns its sizes.
    constexpr graph_sizes run(Record* out_nodes, operand_ref* out_ops, operand_ref* roots, std::size_t n_roots) {
        std::size_t nodes = 0, ops = 0, n_sources = 0;
        for (std::size_t i = 0; i < n_; ++i) {
            const Record& r = nodes_[i];
            choice c{};
            if (r.kind == node_kind::sum) c = choose(i, n_sources);
            if (c.source != no_node) {
                // c * S' (or S' itself), then S: that product in the place
                // of its first matched term, and the terms not matched
                std::size_t product = c.source;
                const bool times = c.count > 0 || c.coefficient.num != 1 || c.coefficient.den != 1;
                if (times) {
                    product = nodes;
                    if (out_nodes != nullptr) {
                        Record p{};
                        p.kind = node_kind::product;
                        p.first = ops;
                        out_nodes[nodes] = p;
                    }
                    std::size_t k = 0;
                    for (; k < c.count; ++k) put(out_ops, ops + k, c_[k]);
                    put(out_ops, ops + k++, operand_ref{.slot = c.source});
                    if (c.coefficient.num != 1 || c.coefficient.den != 1)
                        put(out_ops, ops + k++, operand_ref{.constant = true, .value = c.coefficient});
                    if (out_nodes != nullptr) out_nodes[nodes].count = k;
                    ops += k;
                    ++nodes;
                }
                std::size_t k = 0;
                bool placed = false;
                for (std::size_t t = 0; t < r.count; ++t) {
                    if (!matched_[t]) put(out_ops, ops + k++, ops_[r.first + t]);
                    else if (!placed) {
                        placed = true;
                        operand_ref o{};
                        o.slot = product;
                        // (product is a new slot already; a source is remapped by put)
                        if (times) put_new(out_ops, ops + k++, o);
                        else put(out_ops, ops + k++, o);
                    }
                }
                if (out_nodes != nullptr) {
                    Record s = r;
                    s.first = ops;
                    s.count = k;
                    out_nodes[nodes] = s;
                }
                ops += k;
            } else {
                if (out_nodes != nullptr) {
                    Record s = r;
                    s.first = ops;
                    out_nodes[nodes] = s;
                }
                for (std::size_t t = 0; t < r.count; ++t) put(out_ops, ops + t, ops_[r.first + t]);
                ops += r.count;
            }
            remap_[i] = nodes++;
            if (r.kind == node_kind::sum && facts_[i].source_ok) insert_source(i, n_sources++);
        }
        for (std::size_t k = 0; k < n_roots; ++k)
            if (!roots[k].constant) roots[k].slot = remap_[roots[k].slot];
        return graph_sizes{nodes, ops};
    }

private:
    struct term_facts {
        std::size_t first = 0, count = 0;  // in factors_
        rational coefficient{1, 1};
        std::uint64_t hash = 0;       // sum of key(base) * multiplicity
        std::uint64_t signature = 0;  // a bit per base (slot mod 64)
        long long units = 0;
        bool ok = false;         // may be read as a term
        bool source_ok = false;  // a sum whose terms are all ok, at least two
    };
    struct choice {
        std::size_t source = no_node;
        std::size_t count = 0;  // c's operands, in c_
        rational coefficient{1, 1};
    };

    const Record* nodes_;
    const operand_ref* ops_;
    std::size_t n_;
    term_facts* facts_;
    factor_entry* factors_;
    long long* mult_;                 // per base: its multiplicity in the anchor a, 0 if none
    long long* check_;                // scratch of the factor-by-factor comparison
    std::size_t* sources_;            // the sums that may serve as S', largest first
    std::size_t* remap_;              // old slot -> new slot
    std::size_t* probe_ = nullptr;    // open addressing over the terms of S: term + 1
    std::size_t* matched_ = nullptr;  // per operand of S: whether a term of c * S' is it
    operand_ref* c_ = nullptr;        // c's operands

    static constexpr std::uint64_t key(std::size_t base) {
        std::uint64_t z = static_cast<std::uint64_t>(base) + 0x9e3779b97f4a7c15ULL;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    constexpr void put(operand_ref* out, std::size_t at, operand_ref o) const {
        if (out == nullptr) return;
        if (!o.constant && o.slot != no_node) o.slot = remap_[o.slot];
        out[at] = o;
    }
    static constexpr void put_new(operand_ref* out, std::size_t at, operand_ref o) {
        if (out != nullptr) out[at] = o;
    }

    constexpr factor_entry factor_of(const operand_ref& o) const { return factor_in(nodes_, ops_, o); }
    constexpr void add_factor(term_facts& f, std::size_t& used, factor_entry e) const {
        factors_[used++] = e;
        f.hash += key(e.base) * static_cast<std::uint64_t>(e.times);
        f.signature |= std::uint64_t{1} << (e.base % 64);
        f.units += e.times;
    }
    // Node i read as a term.
    constexpr std::size_t read_term(std::size_t i, std::size_t used) const {
        const Record& r = nodes_[i];
        term_facts& f = facts_[i];
        f.first = used;
        f.ok = true;
        if (r.kind == node_kind::product) {
            for (const operand_ref *o = ops_ + r.first, *end = o + r.count; o != end && f.ok; ++o) {
                if (o->below) f.ok = false;
                else if (o->constant) {
                    f.coefficient = checked_mul(f.coefficient, o->value);
                    f.ok = !failed(f.coefficient) && f.coefficient.num != 0;
                } else {
                    const Record& b = nodes_[o->slot];
                    if (b.kind == node_kind::function && b.is_log) f.ok = false;
                    else add_factor(f, used, factor_of(*o));
                }
            }
        } else if (r.kind == node_kind::function && r.is_log) {
            f.ok = false;
        } else {
            add_factor(f, used, factor_of(operand_ref{.slot = i}));
        }
        f.count = used - f.first;
        if (r.kind == node_kind::sum) {
            bool all = r.count >= 2;
            for (const operand_ref *o = ops_ + r.first, *end = o + r.count; o != end && all; ++o)
                all = o->constant ? o->value.num != 0 : facts_[o->slot].ok;
            f.source_ok = all;
        }
        return used;
    }

    // Operand o of a sum as a term: its hash, coefficient, whether it is ok.
    constexpr std::uint64_t hash_of(const operand_ref& o) const { return o.constant ? 0 : facts_[o.slot].hash; }
    constexpr rational coefficient_of(const operand_ref& o) const {
        return o.constant ? o.value : facts_[o.slot].coefficient;
    }
    constexpr bool term_ok(const operand_ref& o) const { return o.constant ? o.value.num != 0 : facts_[o.slot].ok; }
    constexpr std::size_t size_of_sum(std::size_t s) const { return nodes_[s].count; }

    constexpr void insert_source(std::size_t s, std::size_t n_sources) {
        std::size_t k = n_sources;
        while (k > 0 && size_of_sum(sources_[k - 1]) < size_of_sum(s)) {
            sources_[k] = sources_[k - 1];
            --k;
        }
        sources_[k] = s;
    }

    // The operand of S whose term has this hash, not yet matched (no_node if
    // none). (The terms of a canonical sum differ in their factors.)
    constexpr std::size_t find_term(const Record& s, std::size_t mask, std::uint64_t h) const {
        for (std::size_t k = h & mask;; k = (k + 1) & mask) {
            const std::size_t t = probe_[k];
            if (t == 0) return no_node;
            if (hash_of(ops_[s.first + t - 1]) == h && !matched_[t - 1]) return t - 1;
        }
    }
    static constexpr bool same(rational a, rational b) { return a.num == b.num && a.den == b.den; }

    // Whether the term t is the term a times c's factors (c_[0, count)).
    constexpr bool equals_times(const operand_ref& t, const operand_ref& a, std::size_t count) const {
        const auto each = [&](const operand_ref& o, long long sign) {
            if (o.constant) return;
            const term_facts& f = facts_[o.slot];
            for (const factor_entry *e = factors_ + f.first, *end = e + f.count; e != end; ++e)
                check_[e->base] += sign * e->times;
        };
        each(t, 1);
        each(a, -1);
        for (std::size_t k = 0; k < count; ++k) {
            const factor_entry e = factor_of(c_[k]);
            check_[e.base] -= e.times;
        }
        bool zero = true;
        const auto settle = [&](const operand_ref& o) {
            if (o.constant) return;
            const term_facts& f = facts_[o.slot];
            for (const factor_entry *e = factors_ + f.first, *end = e + f.count; e != end; ++e) {
                zero = zero && check_[e->base] == 0;
                check_[e->base] = 0;
            }
        };
        settle(t);
        settle(a);
        for (std::size_t k = 0; k < count; ++k) {
            const std::size_t b = factor_of(c_[k]).base;
            zero = zero && check_[b] == 0;
            check_[b] = 0;
        }
        return zero;
    }

    // c = t / a from the operands of t (a term of S) and the anchor a (its
    // factors' multiplicities in mult_); false if c is not made of the
    // graph's operands or a does not divide t.
    constexpr bool quotient(const operand_ref& t, long long anchor_units, std::size_t& count) const {
        count = 0;
        if (t.constant) return anchor_units == 0;
        const Record& r = nodes_[t.slot];
        long long covered = 0;
        const auto take = [&](const operand_ref& o) {
            const factor_entry e = factor_of(o);
            const long long m = mult_[e.base];
            if (m == 0) c_[count++] = o;
            else if (m == e.times) covered += m;
            else if (e.times == m + 1) covered += m, c_[count++] = operand_ref{.slot = e.base};
            else return false;
            return true;
        };
        if (r.kind == node_kind::product) {
            for (const operand_ref *o = ops_ + r.first, *end = o + r.count; o != end; ++o)
                if (!o->constant && !take(*o)) return false;
        } else if (!take(operand_ref{.slot = t.slot})) {
            return false;
        }
        return covered == anchor_units;
    }

    constexpr choice choose(std::size_t s, std::size_t n_sources) {
        const Record& r = nodes_[s];
        choice best{};
        if (r.count < 2) return best;
        std::size_t mask = 1;
        while (mask < 2 * r.count) mask *= 2;
        for (std::size_t k = 0; k < mask; ++k) probe_[k] = 0;
        --mask;
        for (std::size_t t = 0; t < r.count; ++t) {
            matched_[t] = 0;
            const operand_ref& o = ops_[r.first + t];
            if (!term_ok(o)) continue;
            std::size_t k = hash_of(o) & mask;
            while (probe_[k] != 0) k = (k + 1) & mask;
            probe_[k] = t + 1;
        }
        for (std::size_t q = 0; q < n_sources; ++q) {
            const std::size_t src = sources_[q];
            const Record& sp = nodes_[src];
            if (sp.count > r.count) continue;
            if (2 * sp.count < r.count) break;  // the rest are smaller still
            const operand_ref& a = ops_[sp.first];
            const rational ac = coefficient_of(a);
            const term_facts* af = a.constant ? nullptr : &facts_[a.slot];
            if (af != nullptr)
                for (const factor_entry *e = factors_ + af->first, *end = e + af->count; e != end; ++e)
                    mult_[e->base] = e->times;
            for (std::size_t t = 0; t < r.count && best.source == no_node; ++t) {
                const operand_ref& to = ops_[r.first + t];
                if (!term_ok(to)) continue;
                if (af != nullptr && (to.constant || (af->signature & ~facts_[to.slot].signature) != 0)) continue;
                const std::uint64_t hc = hash_of(to) - hash_of(a);
                // a cheap test first: the second term of S' times c
                if (find_term(r, mask, hash_of(ops_[sp.first + 1]) + hc) == no_node) continue;
                const rational ratio = checked_mul(coefficient_of(to), checked_make_rational(ac.den, ac.num));
                if (failed(ratio)) continue;
                std::size_t count = 0;
                if (!quotient(to, af == nullptr ? 0 : af->units, count)) continue;
                // every term of S' times c, each a different term of S
                bool all = true;
                std::size_t found = 0;
                for (std::size_t i = 0; i < sp.count && all; ++i) {
                    const operand_ref& ti = ops_[sp.first + i];
                    const rational ci = checked_mul(coefficient_of(ti), ratio);
                    const std::size_t j = failed(ci) ? no_node : find_term(r, mask, hash_of(ti) + hc);
                    all = j != no_node && same(coefficient_of(ops_[r.first + j]), ci) &&
                          equals_times(ops_[r.first + j], ti, count);
                    if (all) matched_[j] = 1, ++found;
                }
                if (all) {
                    best = choice{src, count, ratio};
                } else {
                    for (std::size_t k = 0; k < r.count; ++k) matched_[k] = 0;
                }
            }
            if (af != nullptr)
                for (const factor_entry *e = factors_ + af->first, *end = e + af->count; e != end; ++e)
                    mult_[e->base] = 0;
            if (best.source != no_node) break;
        }
        return best;
    }
};

/// The graph as fixed-size tables: nodes in evaluation order, their operands,
/// and the roots' operands.
template <class Record, std::size_t N, std::size_t M, std::size_t R>
struct graph_tables {
    std::array<Record, N> nodes{};
    std::array<operand_ref, M> ops{};
    std::array<operand_ref, R> roots{};
    std::size_t forward = N;  // reverse mode: nodes before the local derivatives
};

/// Marks what the marked nodes of g are computed from: the operands of a
/// marked node, and theirs, down to the leaves (operands come before their
/// parents, so one pass from the last node down does it).
template <class Tables, std::size_t N>
constexpr void mark_operands(const Tables& g, std::array<bool, N>& marked) {
    for (std::size_t i = g.nodes.size(); i-- > 0;) {
        if (!marked[i]) continue;
        for (std::size_t k = g.nodes[i].first; k < g.nodes[i].first + g.nodes[i].count; ++k)
            if (!g.ops[k].constant) marked[g.ops[k].slot] = true;
    }
}

/// The graph of Roots..., built with Builder; with Requested a type_list of
/// variables, reverse mode's local derivatives are added for them.
template <class Builder, class Requested, class... Roots>
struct graph;

template <class Builder, class... Vs, class... Roots>
struct graph<Builder, type_list<Vs...>, Roots...> {
    static constexpr std::array<named_position, sizeof...(Vs)> requested_names =
        sorted_by_name(std::array<named_position, sizeof...(Vs)>{named_position{Vs::name, 0}...});
    // (Sharing products rewrites operands in place, so the sizes do not
    // depend on it: it runs on the tables, below.)
    static CHAINRULE_GRAPH_BUILD void build(Builder& b, std::array<operand_ref, sizeof...(Roots)>& roots,
                                            std::size_t& forward) {
        std::size_t i = 0;
        (void)std::initializer_list<int>{(roots[i++] = b.template add<Roots>(), 0)...};
        forward = b.nodes.size;
        if constexpr (sizeof...(Vs) > 0) {
            b.add_local_derivatives(requested_names.data(), sizeof...(Vs));
        }
    }
    static constexpr graph_sizes sizes = []() CHAINRULE_GRAPH_BUILD {
        Builder b;
        std::array<operand_ref, sizeof...(Roots)> roots{};
        std::size_t forward = 0;
        build(b, roots, forward);
        return graph_sizes{b.nodes.size, b.ops.size};
    }();
    using record = typename Builder::record;
    using built_type = graph_tables<record, sizes.nodes, sizes.ops, sizeof...(Roots)>;
    static CHAINRULE_GRAPH_BUILD built_type build_tables() {
        Builder b;
        built_type t;
        build(b, t.roots, t.forward);
        for (std::size_t i = 0; i < sizes.nodes; ++i) t.nodes[i] = b.nodes[i];
        for (std::size_t i = 0; i < sizes.ops; ++i) t.ops[i] = b.ops[i];
        return t;
    }
    // Where the builder shares products, the graph as built is a constant of
    // its own and the sharing of sums and of products further constant
    // evaluations over it: Clang bounds the steps of each evaluation
    // (1,048,576 by default), and the passes cost about as much as the build
    // on deep products, so apart each has the whole budget. (`built` is
    // instantiated only there: elsewhere the tables are built in place, not
    // kept twice.)
    static constexpr built_type built = build_tables();
    // the sizes once sums are shared (sum_sharing adds a product per sum it
    // rewrites)
    static constexpr graph_sizes final_sizes = []() CHAINRULE_GRAPH_BUILD {
        if constexpr (Builder::shares_sums) {
            std::array<operand_ref, sizeof...(Roots)> roots = built.roots;
            return sum_sharing<record>(built.nodes.data(), sizes.nodes, built.ops.data(), sizes.ops)
                .run(nullptr, nullptr, roots.data(), roots.size());
        } else {
            return sizes;
        }
    }();
    using tables_type = graph_tables<record, final_sizes.nodes, final_sizes.ops, sizeof...(Roots)>;
    // the graph with its sums shared, before its products are
    static CHAINRULE_GRAPH_BUILD tables_type share_sums() {
        tables_type t;
        t.roots = built.roots;
        sum_sharing<record>(built.nodes.data(), sizes.nodes, built.ops.data(), sizes.ops)
            .run(t.nodes.data(), t.ops.data(), t.roots.data(), t.roots.size());
        t.forward = final_sizes.nodes;
        return t;
    }
#if defined(__clang__)
    // On Clang the two passes are two constant evaluations, each with the
    // whole budget of steps (together they exceed it on the Hessian of the
    // logistic map at depth 8); on GCC one, since every constant kept is one
    // more large name and more garbage (fifteenth pass).
    static constexpr tables_type summed = share_sums();
#endif
    static constexpr tables_type tables = []() CHAINRULE_GRAPH_BUILD {
        if constexpr (Builder::shares_sums) {
#if defined(__clang__)
            tables_type t = summed;
#else
            tables_type t = share_sums();
#endif
            // what the roots read now (the terms a shared sum no longer reads
            // are not)
            bool* live = new bool[final_sizes.nodes + 1];
            for (std::size_t i = 0; i < final_sizes.nodes; ++i) live[i] = false;
            for (const operand_ref& o : t.roots)
                if (!o.constant) live[o.slot] = true;
            for (std::size_t i = final_sizes.nodes; i-- > 0;)
                if (live[i])
                    for (std::size_t k = t.nodes[i].first; k < t.nodes[i].first + t.nodes[i].count; ++k)
                        if (!t.ops[k].constant) live[t.ops[k].slot] = true;
            product_sharing<record>(t.nodes.data(), final_sizes.nodes, t.ops.data(), final_sizes.ops, live).run();
            delete[] live;
            return t;
        } else if constexpr (Builder::shares_products) {
            built_type t = built;
            product_sharing<record>(t.nodes.data(), sizes.nodes, t.ops.data(), sizes.ops).run();
            return t;
        } else {
            return build_tables();
        }
    }();
    static constexpr std::size_t size = final_sizes.nodes;
};

}  // namespace chainrule::detail

#undef CHAINRULE_GRAPH_BUILD
// ---- end chainrule/detail/graph.hpp
// ---- back in chainrule/size.hpp


// How big an expression is, two ways: as the tree its type spells, and as
// the graph of its distinct subexpressions (what evaluation computes).
namespace chainrule {

namespace detail {
// (std::integral_constant bases, not static members: see compare_at in
// detail/order.hpp)
template <class E>
struct node_count : std::integral_constant<std::size_t, 1> {};  // Int, Ratio, Var
template <class Fn, class... As>
struct node_count<Call<Fn, As...>>
    : std::integral_constant<std::size_t, 1 + add_up<std::size_t>({node_count<As>::value...})> {};
template <class B, class E>
struct node_count<Power<B, E>> : std::integral_constant<std::size_t, 1 + node_count<B>::value + node_count<E>::value> {
};
template <class... Fs>
struct node_count<Product<Fs...>>
    : std::integral_constant<std::size_t, 1 + add_up<std::size_t>({node_count<Fs>::value...})> {};
template <class... Ts>
struct node_count<Sum<Ts...>>
    : std::integral_constant<std::size_t, 1 + add_up<std::size_t>({node_count<Ts>::value...})> {};
}  // namespace detail

/// The number of nodes of E's tree, counting every template node, constants
/// included: node_count_v<Mul<Int<2>, X>> is 3 (the product, 2, x).
template <Expression E>
inline constexpr std::size_t node_count_v = detail::node_count<E>::value;

/// The number of distinct subexpressions of E, constants included: a
/// subexpression that occurs many times counts once.
/// dag_size_v<Mul<Sin<X>, Cos<Sin<X>>>> is 4 (x, sin x, cos(sin x), the product).
template <Expression E>
inline constexpr std::size_t dag_size_v =
    detail::graph<detail::graph_builder<detail::no_payload, true>, detail::type_list<>, E>::size;

}  // namespace chainrule
// ---- end chainrule/size.hpp
// ---- back in chainrule/expand.hpp


// Expand<E>: the polynomial normal form of E, multiplying out every product
// of sums and every positive integer power of a sum, over the atoms that are
// not polynomial (exp(..), sin(..), x^(1/2), 1/(x + 1), ...), whose arguments
// are expanded in turn. Two expressions are equivalent_v when their expanded
// forms are one type, which proves polynomial identities at compile time:
//
//   static_assert(equivalent_v<Pow<Add<X, Int<1>>, Int<2>>,
//                              Add<Add<Pow<X, Int<2>>, Mul<Int<2>, X>>, Int<1>>>);
//
// Expansion is never applied behind the user's back to what they write.
// Derivatives use one step of it (detail::compact_t) where that makes the
// result strictly smaller; see derivative.hpp.
namespace chainrule {

namespace detail {

template <class Terms>
struct sum_of;
template <class... Ts>
struct sum_of<type_list<Ts...>> {
    using type = typename sum_all<Int<0>, Ts...>::type;
};

// (a1 + a2 + ...) (t1 + t2 + ...) as the list of products ai tj.
template <class Acc, class Terms>
struct times_sum;
template <class... As, class Terms>
struct times_sum<type_list<As...>, Terms> {
    template <class A, class... Ts>
    static auto row(type_list<Ts...>) -> type_list<multiply_t<A, Ts>...>;
    using type = typename concat_all<decltype(row<As>(Terms{}))...>::type;
};

template <class Terms, long long N>
struct power_of_terms {
    using type = typename times_sum<typename power_of_terms<Terms, N - 1>::type, Terms>::type;
};
template <class Terms>
struct power_of_terms<Terms, 1> {
    using type = Terms;
};

// ------------------------------------------------------ one step (compact)

// How many products multiplying out a factor or a term one level gives, and
// a bound on the size of their coefficients (the sum of their magnitudes), so
// that a step that could overflow exact arithmetic is never tried. Kept apart
// from the expansions themselves: asking the size must not build them.
//
// Nothing here is a symbol named after the sum or term it measures: counts
// are std::integral_constant bases (their member is named after the number),
// and so are the weights, which are not integers: a weight w > 0 is held
// as two integers, w = m 2^(e - 63) with 2^63 <= m < 2^64, exactly where a
// long double has a 64-bit significand or less (x86-64; neither a
// floating-point nor a class template argument is open to Clang 14 here). A static member or a
// function, consteval or not, of a class named after a large sum is a symbol
// GCC 12 mangles, at a cost that grows with the square of the name (the
// derivative of the logistic map at depth 32: a quarter of its compile time).
template <class C>
consteval long double magnitude() {
    long double m = static_cast<long double>(C::numerator) / static_cast<long double>(C::denominator);
    return m < 0 ? -m : m;
}

// The products of (t1 + ... + tn)^N multiplied out, counted up to past 4,096.
consteval std::size_t power_count(std::size_t n, long long N) {
    std::size_t c = 1;
    for (long long i = 0; i < N && c <= 4096; ++i) c *= n;
    return c;
}

template <class F>
struct factor_size : std::integral_constant<std::size_t, 1> {};
template <class... Ts>
struct factor_size<Sum<Ts...>> : std::integral_constant<std::size_t, sizeof...(Ts)> {};
template <class... Ts, long long N>
    requires(N > 0)
struct factor_size<Power<Sum<Ts...>, Int<N>>> : std::integral_constant<std::size_t, power_count(sizeof...(Ts), N)> {};

// A weight's significand and exponent, and the weight again (exact: only
// scalings by two).
consteval int weight_exponent(long double w) {
    int e = 0;
    if (w <= 0) return 0;
    for (; w >= 2; w /= 2) ++e;
    for (; w < 1; w *= 2) --e;
    return e;
}
consteval unsigned long long weight_significand(long double w) {
    if (w <= 0) return 0;
    while (w >= 2) w /= 2;
    while (w < 1) w *= 2;
    return static_cast<unsigned long long>(w * 9223372036854775808.0L);  // w in [1, 2), times 2^63
}
constexpr long double weight_value(unsigned long long m, int e) {
    long double w = static_cast<long double>(m) / 9223372036854775808.0L;
    for (; e > 0; --e) w *= 2;
    for (; e < 0; ++e) w /= 2;
    return w;
}
template <unsigned long long M, int E>
struct weight_constant {
    static constexpr unsigned long long significand = M;
    static constexpr int exponent = E;
};
#define CHAINRULE_WEIGHT(w) weight_constant<weight_significand(w), weight_exponent(w)>

consteval long double capped_power(long double w, long long n) {
    long double p = 1;
    for (long long i = 0; i < n && p < 1e30L; ++i) p *= w;
    return p;
}

template <class F>
struct factor_weight : CHAINRULE_WEIGHT(1.0L) {};
template <class... Ts>
struct factor_weight<Sum<Ts...>>
    : CHAINRULE_WEIGHT(add_up<long double>({magnitude<typename product_parts<Ts>::coefficient>()...})) {};
template <class... Ts, long long N>
    requires(N > 0)
struct factor_weight<Power<Sum<Ts...>, Int<N>>>
    : CHAINRULE_WEIGHT(
          capped_power(weight_value(factor_weight<Sum<Ts...>>::significand, factor_weight<Sum<Ts...>>::exponent), N)) {
};

template <class T, class Factors = typename product_parts<T>::factors>
struct term_size;
template <class T, class... Fs>
struct term_size<T, type_list<Fs...>>
    : std::integral_constant<std::size_t, multiply_up<std::size_t>({factor_size<Fs>::value...})> {};
template <class T, class Factors = typename product_parts<T>::factors>
struct term_weight;
template <class T, class... Fs>
struct term_weight<T, type_list<Fs...>>
    : CHAINRULE_WEIGHT(multiply_up<long double>({magnitude<typename product_parts<T>::coefficient>(),
                                                 weight_value(factor_weight<Fs>::significand,
                                                              factor_weight<Fs>::exponent)...})) {};
#undef CHAINRULE_WEIGHT

// The terms one factor contributes when multiplied out one level.
template <class F>
struct factor_terms {
    using type = type_list<F>;
};
template <class... Ts>
struct factor_terms<Sum<Ts...>> {
    using type = type_list<Ts...>;
};
template <class... Ts, long long N>
    requires(N > 0)
struct factor_terms<Power<Sum<Ts...>, Int<N>>> {
    using type = typename power_of_terms<type_list<Ts...>, N>::type;
};

template <class Acc, class... Fs>
struct multiply_out_once {
    using type = Acc;
};
template <class Acc, class F, class... Fs>
struct multiply_out_once<Acc, F, Fs...> {
    using type = typename multiply_out_once<typename times_sum<Acc, typename factor_terms<F>::type>::type, Fs...>::type;
};

template <class T, class Factors = typename product_parts<T>::factors>
struct term_expansion;
template <class T, class... Fs>
struct term_expansion<T, type_list<Fs...>> {
    using type = typename multiply_out_once<type_list<typename product_parts<T>::coefficient>, Fs...>::type;
};

// Products of sums in a derivative are multiplied out one level when that
// yields a strictly smaller tree: the product rule turns s (1 - s) into
// s (1 - s)^2 - s^2 (1 - s), which collects to s - 3 s^2 + 2 s^3, and the
// derivatives of the sigmoid stay polynomials in s instead of doubling at
// every order. A limit on the number of products keeps this cheap where it
// cannot pay, such as the nested factors of the logistic map.
inline constexpr std::size_t compact_product_limit = 64;
inline constexpr std::size_t compact_node_limit = 400;

// Whether to try: some term is a product with a sum among its factors, the
// step gives few products, its coefficients cannot overflow, and the sum is
// not already large. (A class, not a consteval function named after the sum.)
template <class... Ts>
struct worth_compacting
    : std::bool_constant<detail::any_of({(term_size<Ts>::value > 1)...}) &&
                         add_up<std::size_t>({term_size<Ts>::value...}) <= compact_product_limit &&
                         // 2^62: any coefficient of the result is at most this, so exact
                         // arithmetic on long long cannot overflow while trying.
                         add_up<long double>(
                             {weight_value(term_weight<Ts>::significand, term_weight<Ts>::exponent)...}) < 4.6e18L &&
                         node_count<Sum<Ts...>>::value <= compact_node_limit> {};
// (Classes selected by the condition, not a function returning the type: a
// function is a symbol named after the sum.)
template <class S, bool Try>
struct compact_step {
    using type = S;
};
template <class... Ts>
struct compact_step<Sum<Ts...>, true> {
    using expanded = typename sum_of<typename concat_all<typename term_expansion<Ts>::type...>::type>::type;
    using type = if_t<(node_count<expanded>::value < node_count<Sum<Ts...>>::value), expanded, Sum<Ts...>>;
};

template <class E>
struct compact {
    using type = E;
};
template <class... Ts>
struct compact<Sum<Ts...>> : compact_step<Sum<Ts...>, worth_compacting<Ts...>::value> {};
template <class E>
using compact_t = typename compact<E>::type;

// ------------------------------------------------------------ full expand

template <class E>
struct expand;
template <class E>
using expand_t = typename expand<E>::type;

template <class E>
struct expand {
    using type = E;  // constants and variables
};
template <class Fn, class... As>
struct expand<Call<Fn, As...>> {
    using type = apply_t<Fn, expand_t<As>...>;
};
template <class B, class E>
struct expand<Power<B, E>> {
    // Only a positive integer power of a sum is multiplied out. The tests
    // nest: E::numerator is read only once E is known to be an integer (an
    // exponent may be a variable or any expression, which has none; a &&
    // inside one condition would still instantiate it).
    static constexpr bool multiplies_out() {
        if constexpr (is_integer<E>) return E::numerator > 0 && kind_of<expand_t<B>>::value == node_kind::sum;
        else return false;
    }
    static auto pick() {
        using b = expand_t<B>;
        if constexpr (multiplies_out()) {
            return std::type_identity<
                typename sum_of<typename power_of_terms<typename sum_terms<b>::type, E::numerator>::type>::type>{};
        } else {
            return std::type_identity<power_t<b, expand_t<E>>>{};
        }
    }
    using type = typename decltype(pick())::type;
};
template <class... Fs>
struct expand<Product<Fs...>> {
    template <class Acc, class... Gs>
    struct multiply_out {
        using type = Acc;
    };
    template <class Acc, class G, class... Gs>
    struct multiply_out<Acc, G, Gs...> {
        using type =
            typename multiply_out<typename times_sum<Acc, typename sum_terms<expand_t<G>>::type>::type, Gs...>::type;
    };
    using type = typename sum_of<typename multiply_out<type_list<Int<1>>, Fs...>::type>::type;
};
template <class... Ts>
struct expand<Sum<Ts...>> {
    using type = typename sum_all<Int<0>, expand_t<Ts>...>::type;
};

}  // namespace detail

/// The polynomial normal form of E: products of sums and positive integer
/// powers of sums multiplied out, like terms collected.
/// Expand<Mul<Add<X, Int<1>>, Add<X, Int<-1>>>> is Sub<Pow<X, Int<2>>, Int<1>>.
template <Expression E>
using Expand = detail::expand_t<E>;

/// True when A and B have the same polynomial normal form, which proves
/// A = B for every value of the variables.
template <Expression A, Expression B>
inline constexpr bool equivalent_v = std::is_same<Expand<A>, Expand<B>>::value;

}  // namespace chainrule
// ---- end chainrule/expand.hpp
// ---- back in chainrule/derivative.hpp

// ---- begin chainrule/functions/log.hpp


// ---- begin chainrule/math.hpp

// chainrule/math.hpp -- constexpr elementary functions that match <cmath>.
//
// Every function f(x) below is `constexpr` and behaves as follows:
//   * during constant evaluation it runs chainrule's own implementation
//     (detail::f_impl), accurate to <= 1 ulp for float and double, with the
//     special values of <cmath> (NaN, +-inf, signed zeros, overflow to inf,
//     poles such as log(0) = -inf);
//   * at run time the call *is* the <cmath> call (std::f), so it costs nothing
//     more than calling <cmath> directly.
// The <cmath> functions themselves are not constexpr in standard C++20 (GCC
// evaluates some as an extension, Clang none), so they are never relied on
// during constant evaluation.
//
// Domain errors during constant evaluation (log of a negative number, sqrt of
// a negative number, acos(2), sin(inf), ...) are compile errors that name the
// function and the problem, e.g.
//   call to non-constexpr function
//   'chainrule::math::error::log_of_a_negative_number_is_undefined()'
// At run time such calls return what <cmath> returns (NaN).  NaN arguments are
// not errors: they propagate silently, as in <cmath>.
//
// Types: float, double and long double (x87 80-bit on x86-64).  See
// docs/math.md for the measured accuracy of each function and type.

#include <cmath>


// ---- begin chainrule/math/detail/ieee.hpp

// IEEE arithmetic that constant evaluation accepts: a + b, a - b, a * b and
// a / b with the results IEEE 754 gives at run time, NaN and the infinities
// included.
//
// Constant evaluation refuses some floating-point operations whose IEEE result
// is well defined: Clang any operation whose result is a NaN (NaN + 1,
// inf - inf, 0 * inf), GCC an operation that overflows (max * 2), divides by
// zero (1 / 0.0) or makes a NaN of numbers (inf - inf, 0 * inf). These
// functions find those cases first and return the IEEE result from
// std::numeric_limits; a product, quotient or sum that would overflow is
// computed scaled down by 4 (exactly: no bit is lost where overflow is
// possible) and rounded the way the hardware would. Every other case is the
// plain operator, so the value is the run-time value, bit for bit.
//
// At run time each function is the operator itself (the test of
// std::is_constant_evaluated() folds away).

#include <limits>


// ---- begin chainrule/math/detail/core.hpp

// Building blocks of chainrule's constexpr math: classification, exact
// scaling by powers of two, error-free transformations, and the conversion of
// the internal long double result to the caller's type.
//
// Everything here is plain constexpr C++20 that is also callable at run time.
// No compiler builtins are used; the only bit-level operation is std::bit_cast
// of float and double (long double is never bit_cast: Clang cannot do that in
// constant evaluation, and its padding bytes would be indeterminate).
//
// Constant evaluation rejects arithmetic that produces an infinity or a NaN
// (Clang) and division by zero (both compilers), so the code never does such
// arithmetic: special values are handled first, results that overflow are
// produced from std::numeric_limits.

#include <bit>


// ---- begin chainrule/math/detail/constants.hpp
// clang-format off: generated tables and polynomials, laid out by the generator
// Generated by scripts/gen_math_reference.py constants -- do not edit.
// Every value is the exact x87 long double (64-bit significand) nearest to
// the mathematical constant, computed with mpmath; "hi/mid/lo" splits hold
// few-bit leading parts so that k * hi is exact (Cody-Waite reduction).


namespace chainrule::math::detail::k {

// ln 2 = ln2_hi + ln2_mid + ln2_lo; ln2_hi and ln2_mid have 44 bits (k * ln2_hi / 32 exact for |k| < 2^20)
inline constexpr long double ln2_hi = 0xb17217f7d1c00000p-64L;
inline constexpr long double ln2_mid = 0xf79abc9e3b300000p-108L;
inline constexpr long double ln2_lo = 0x9803f2f6af40f343p-152L;
inline constexpr long double ln2 = 0xb17217f7d1cf79acp-64L;
// ln 2 - ln2 (the rounding error of the constant ln2)
inline constexpr long double ln2_lo2 = -0xd871319ff0342543p-130L;
// log2(e) = 1/ln 2, split in two
inline constexpr long double log2e = 0xb8aa3b295c17f0bcp-63L;
inline constexpr long double log2e_lo = -0x82f0025f2dc582eep-128L;
// log10(e) = 1/ln 10, split in two
inline constexpr long double log10e = 0xde5bd8a937287195p-65L;
inline constexpr long double log10e_lo = 0xd56eaabeb4cf70c9p-131L;
// pi/2 = pio2_1 + ... + pio2_6, the first five with 32 significant bits each,
// so that k * pio2_i is exact for |k| < 2^32 (Cody-Waite reduction of sin/cos/tan).
inline constexpr long double pio2_1 = 0xc90fdaa200000000p-63L;
inline constexpr long double pio2_2 = 0x85a308d300000000p-97L;
inline constexpr long double pio2_3 = 0x98cc517000000000p-132L;
inline constexpr long double pio2_4 = 0xdc1cd12900000000p-167L;
inline constexpr long double pio2_5 = 0x9382229900000000p-205L;
inline constexpr long double pio2_6 = 0xf31d0082efa98ec5p-237L;
// pi and pi/2 as hi + lo pairs
inline constexpr long double pi = 0xc90fdaa22168c235p-62L;
inline constexpr long double pi_lo = -0xece675d1fc8f8cbbp-128L;
inline constexpr long double pio2 = 0xc90fdaa22168c235p-63L;
inline constexpr long double pio2_lo = -0xece675d1fc8f8cbbp-129L;
inline constexpr long double two_over_pi = 0xa2f9836e4e44152ap-64L;
inline constexpr long double two_over_sqrt_pi = 0x906eba8214db688dp-63L;
inline constexpr long double one_over_sqrt_pi = 0x906eba8214db688dp-64L;
inline constexpr long double sqrt2 = 0xb504f333f9de6484p-63L;
// atan(j/8), j = 0..8, hi and lo parts
inline constexpr long double atan_j8_hi[9] = {
    0.0L,
    0xfeadd4d5617b6e33p-67L,
    0xfadbafc96406eb15p-66L,
    0xb7b0ca0f26f78474p-65L,
    0xed63382b0dda7b45p-65L,
    0x8f005d5ef7f59f9bp-64L,
    0xa4bc7d1934f70924p-64L,
    0xb8053e2bc2319e74p-64L,
    0xc90fdaa22168c235p-64L,
};
inline constexpr long double atan_j8_lo[9] = {
    0.0L,
    -0xdda19d8305ddc422p-133L,
    0xdb8f3debef442fcbp-131L,
    -0xeab9bdba460376fap-130L,
    0xdfc88bd978751a07p-130L,
    0xb906bc2ccb886e8fp-129L,
    0xcd43f9522bed64f7p-131L,
    -0xd3496ab7bd6eef0bp-130L,
    -0xece675d1fc8f8cbbp-130L,
};
// 2^(j/32), j = 0..31, as hi + lo (table-driven exp)
inline constexpr long double exp2_j32_hi[32] = {
    0x8000000000000000p-63L, 0x82cd8698ac2ba1d7p-63L, 0x85aac367cc487b15p-63L, 0x88980e8092da8527p-63L,
    0x8b95c1e3ea8bd6e7p-63L, 0x8ea4398b45cd53c0p-63L, 0x91c3d373ab11c336p-63L, 0x94f4efa8fef70961p-63L,
    0x9837f0518db8a96fp-63L, 0x9b8d39b9d54e5539p-63L, 0x9ef5326091a111aep-63L, 0xa27043030c496819p-63L,
    0xa5fed6a9b15138eap-63L, 0xa9a15ab4ea7c0ef8p-63L, 0xad583eea42a14ac6p-63L, 0xb123f581d2ac2590p-63L,
    0xb504f333f9de6484p-63L, 0xb8fbaf4762fb9ee9p-63L, 0xbd08a39f580c36bfp-63L, 0xc12c4cca66709456p-63L,
    0xc5672a115506daddp-63L, 0xc9b9bd866e2f27a3p-63L, 0xce248c151f8480e4p-63L, 0xd2a81d91f12ae45ap-63L,
    0xd744fccad69d6af4p-63L, 0xdbfbb797daf23755p-63L, 0xe0ccdeec2a94e111p-63L, 0xe5b906e77c8348a8p-63L,
    0xeac0c6e7dd24392fp-63L, 0xefe4b99bdcdaf5cbp-63L, 0xf5257d152486cc2cp-63L, 0xfa83b2db722a033ap-63L,
};
inline constexpr long double exp2_j32_lo[32] = {
    0.0L,
    0xf8a91d6d19482ffdp-129L,
    -0xe8da91cf7aacf938p-129L,
    0xbbf1aed9318ceac6p-128L,
    -0x8373af14eb586dfdp-132L,
    0xb70051321e0f5317p-129L,
    0xfd6d8e0ae5ac9d82p-131L,
    0xba2beb4495477951p-129L,
    0x8d5a46305c85ededp-128L,
    -0xbaafd0bab86781c2p-128L,
    -0xbeddc1ec288c045dp-128L,
    -0xc90bf620fe6042b1p-128L,
    0xe5ebfb10b88380d9p-130L,
    0xa83c49d86a63f4e6p-128L,
    0x93015191eb345d89p-128L,
    -0xf05f902d25bd44e3p-128L,
    0xb2fb1366ea957d3ep-128L,
    0xdc3cbbc2b35b2d0dp-130L,
    -0xaefdc09325e0a10cp-128L,
    0xf88afab34a010f6bp-128L,
    0xf8ab432593767cdep-129L,
    -0xfe3c0dabf5dd2d04p-128L,
    -0xee53e3835069c895p-130L,
    0x912472be1ef20143p-130L,
    0xe69a2ee640b4ff78p-129L,
    0xf610356a78a6a991p-129L,
    0xcb12a091ba667944p-132L,
    0xf2f47a5276dd8765p-130L,
    -0xbf4a29323e46ac15p-129L,
    0x8cac39ed291b7226p-128L,
    0xf73a18f5db301f87p-128L,
    0xf84b762862baff99p-128L,
};
// log table: c[i + 38] ~ 1/(1 + i/128) with 10 significant bits, i = -38..54,
// and -log(c) as hi + lo.
inline constexpr long double log_c[93] = {
    0xb600000000000000p-63L, 0xb400000000000000p-63L, 0xb200000000000000p-63L, 0xb040000000000000p-63L,
    0xae40000000000000p-63L, 0xac80000000000000p-63L, 0xaac0000000000000p-63L, 0xa900000000000000p-63L,
    0xa740000000000000p-63L, 0xa580000000000000p-63L, 0xa3c0000000000000p-63L, 0xa240000000000000p-63L,
    0xa0c0000000000000p-63L, 0x9f00000000000000p-63L, 0x9d80000000000000p-63L, 0x9c00000000000000p-63L,
    0x9a80000000000000p-63L, 0x9900000000000000p-63L, 0x97c0000000000000p-63L, 0x9640000000000000p-63L,
    0x9500000000000000p-63L, 0x9380000000000000p-63L, 0x9240000000000000p-63L, 0x9100000000000000p-63L,
    0x8fc0000000000000p-63L, 0x8e80000000000000p-63L, 0x8d40000000000000p-63L, 0x8c00000000000000p-63L,
    0x8ac0000000000000p-63L, 0x89c0000000000000p-63L, 0x8880000000000000p-63L, 0x8780000000000000p-63L,
    0x8640000000000000p-63L, 0x8540000000000000p-63L, 0x8440000000000000p-63L, 0x8300000000000000p-63L,
    0x8200000000000000p-63L, 0x8100000000000000p-63L, 0x8000000000000000p-63L, 0xfe00000000000000p-64L,
    0xfc00000000000000p-64L, 0xfa40000000000000p-64L, 0xf840000000000000p-64L, 0xf680000000000000p-64L,
    0xf480000000000000p-64L, 0xf2c0000000000000p-64L, 0xf100000000000000p-64L, 0xef40000000000000p-64L,
    0xed80000000000000p-64L, 0xebc0000000000000p-64L, 0xea00000000000000p-64L, 0xe880000000000000p-64L,
    0xe6c0000000000000p-64L, 0xe540000000000000p-64L, 0xe380000000000000p-64L, 0xe200000000000000p-64L,
    0xe080000000000000p-64L, 0xdf00000000000000p-64L, 0xdd80000000000000p-64L, 0xdc00000000000000p-64L,
    0xda80000000000000p-64L, 0xd900000000000000p-64L, 0xd780000000000000p-64L, 0xd640000000000000p-64L,
    0xd4c0000000000000p-64L, 0xd380000000000000p-64L, 0xd200000000000000p-64L, 0xd0c0000000000000p-64L,
    0xcf80000000000000p-64L, 0xce00000000000000p-64L, 0xccc0000000000000p-64L, 0xcb80000000000000p-64L,
    0xca40000000000000p-64L, 0xc900000000000000p-64L, 0xc7c0000000000000p-64L, 0xc680000000000000p-64L,
    0xc580000000000000p-64L, 0xc440000000000000p-64L, 0xc300000000000000p-64L, 0xc200000000000000p-64L,
    0xc0c0000000000000p-64L, 0xbfc0000000000000p-64L, 0xbe80000000000000p-64L, 0xbd80000000000000p-64L,
    0xbc40000000000000p-64L, 0xbb40000000000000p-64L, 0xba40000000000000p-64L, 0xb940000000000000p-64L,
    0xb800000000000000p-64L, 0xb700000000000000p-64L, 0xb600000000000000p-64L, 0xb500000000000000p-64L,
    0xb400000000000000p-64L,
};
inline constexpr long double log_neg_log_c_hi[93] = {
    -0xb43640f4d8a57622p-65L, -0xae8dedfac04e5284p-65L, -0xa8d56c396fc1684ep-65L,
    -0xa3c66acacd9ec89cp-65L, -0x9dee92758a5b5097p-65L, -0x98c38e4aa20c27d6p-65L,
    -0x938b0c89fc29e9e4p-65L, -0x8e44c60b4ccfd7dep-65L, -0x88f0716d6ce5b807p-65L,
    -0x838dc2fe6ac868e9p-65L, -0xfc38d944aa82280ap-66L, -0xf2cc76ad43f1765ap-66L,
    -0xe949ac0db59f3640p-66L, -0xde1433a16c66b150p-66L, -0xd45f67e44178c617p-66L,
    -0xca92d4e7a2b5a3b2p-66L, -0xc0ae050a1abf56b4p-66L, -0xb6b07f38ce90e46bp-66L,
    -0xae4a003acb95c9aep-66L, -0xa41de667371eea52p-66L, -0x9b8fe100f47ba1dep-66L,
    -0x913378c852d65bebp-66L, -0x887c721129cd898fp-66L, -0xff64898edf55d551p-67L,
    -0xeda9380c3ec93bc3p-67L, -0xdbc6415d876d0842p-67L, -0xc9baf2aacaf6ee1cp-67L,
    -0xb78694572b5a5cdfp-67L, -0xa52869d50d82007bp-67L, -0x9658141faef0f716p-67L,
    -0x83acc1acc7238981p-67L, -0xe93b5c56d85a908fp-68L, -0xc34541841fb67718p-68L,
    -0xa4a5661a6c88e3c5p-68L, -0x85ca7be0cb0bb3b5p-68L, -0xbdc8d83ead88d549p-69L,
    -0xfe054587e01f1e7dp-70L, -0xff015358833c47e2p-71L, 0.0L,
    0x8080abac46f38946p-70L,  0x8102b2c49ac23a50p-69L,  0xba190e9e803694d2p-69L,
    0xfbd4d8b3c142ad92p-69L,  0x9ae45fd5098357d6p-68L,  0xbc42cad1abbdd3ccp-68L,
    0xd9aeecdac5d5674dp-68L,  0xf7518e0035c3dd83p-68L,  0x8a95bccdd9e644d7p-67L,
    0x999ebfc0c1fa5b52p-67L,  0xa8c43a11309850edp-67L,  0xb8069857560707a3p-67L,
    0xc5323bd48ee14605p-67L,  0xd4ab69f656f31bcap-67L,  0xe206b212d2e58891p-67L,
    0xf1b83f718243da14p-67L,  0xff4489cedeab2ca7p-67L,  0x8673f66e6614652ep-66L,
    0x8d515bf11fb94f1dp-66L,  0x943a9de08d5d2539p-66L,  0x9b2fe580ac80b17dp-66L,
    0xa2315cee4d9ede9dp-66L,  0xa93f2f250dac67d2p-66L,  0xb059880584a3aea5p-66L,
    0xb64e83e901fe38c0p-66L,  0xbd8048b28a946281p-66L,  0xc38909ba874ca3adp-66L,
    0xcad2d6e7b80bf914p-66L,  0xd0efe2078dbf87c4p-66L,  0xd716537b395ea357p-66L,
    0xde8439c1dec56877p-66L,  0xe4bfc03cea2762c3p-66L,  0xeb050bfc81a8a47ep-66L,
    0xf1543bd359608e06p-66L,  0xf7ad6f26e7ff2ef7p-66L,  0xfe10c5f31052ee92p-66L,
    0x823f3066f41dbdf1p-65L,  0x84d52b973636a144p-65L,  0x88156051ae60e042p-65L,
    0x8b5ae65d67db9acep-65L,  0x8dfccb1ad35ca6edp-65L,  0x914c0fdf7bcbd7bdp-65L,
    0x93f5d7ac6c64e678p-65L,  0x974f15e70914300cp-65L,  0x9a00f095765d0719p-65L,
    0x9d64651c72e2f410p-65L,  0xa01e8436753cddebp-65L,  0xa2dc6050bef89bb8p-65L,
    0xa59e03b933f4d25dp-65L,  0xa9157039c51ebe71p-65L,  0xabdfba9e468fd6f7p-65L,
    0xaeadeefacaf97d35p-65L,  0xb1801859d56249dcp-65L,  0xb45641f4e350a0d3p-65L,
};
inline constexpr long double log_neg_log_c_lo[93] = {
    -0xaf840538e1a592dfp-132L, -0xd8e0f71ff84567cep-130L, -0x93d60cfaaf188ea8p-130L,
    0xf372f6825c2f0267p-133L,  0xb87376cb06079aa7p-131L,  0xd662604d9bca3341p-131L,
    0x9ea9b4c4a3cc41eep-132L,  -0xd1cea8071dde19dcp-131L, -0xe066348b81155b5ap-130L,
    0x8f80684217fdfe6cp-130L,  -0xad6c8812d31a6049p-131L, -0xc3859d7cd3b52149p-133L,
    0x945552f591b85ae3p-131L,  0xc62ede3c2ac3c3a8p-132L,  -0xf21b9cf1854562c1p-132L,
    -0x983a9c5c4b3b1328p-134L, -0xdbfc62fd4e286b7cp-133L, 0xb89a3b345e43904cp-131L,
    0xcd233218cebab5e1p-132L,  -0xe47ec6d2c88e935fp-131L, -0xd96c55e313f97410p-131L,
    0xe1039fd85de115bbp-131L,  -0xf31a73e36fae01cdp-131L, -0xe5199f9324e3bfe9p-132L,
    0x951e7e0b54e87d8dp-132L,  -0xf19e064fc4127a76p-134L, 0xc7f3c9bb23f0da7cp-132L,
    -0x93373da336c819cap-133L, -0xf768c1dd57b49ee0p-133L, -0xa65702175226d65ap-132L,
    0x96b330ee9202ef5bp-133L,  -0xf14c95ff51c73b32p-135L, 0x9a5634943dadf601p-133L,
    -0xadfa48e6627e9619p-134L, 0xf022782c8ee56b31p-133L,  -0xfea98e2d7803b9aap-135L,
    0x92c59642a1549054p-138L,  0x896fc6e23d7d2d4cp-136L,  0.0L,
    0xcc5a82f9da00f48cp-135L,  -0xdc5efa4638446591p-134L, 0xfe9477840b8d29e0p-136L,
    0xe37cfae22a7c10eep-134L,  -0x830a65543a3800cfp-135L, -0x83b3a4c36e6e5338p-134L,
    0xd9eab1c8620b90c0p-133L,  0xc0db121264f15271p-133L,  -0xe0610521fd971779p-136L,
    0xabf23bdc2c4f786ep-132L,  -0x9da74c27570830dep-132L, 0xd4cef69917d845c2p-132L,
    0xf9bd6df6f7b7b037p-132L,  0xc02c4af5576d21f4p-132L,  -0xb9b3c8dd4cc0eaf7p-134L,
    -0xcc4caa1899aa7147p-132L, -0xfa10afc9c9b5b84fp-133L, -0xa8015772565a46afp-131L,
    -0xef1d9b2ef7e68680p-131L, -0xa6cfd199888e2a51p-132L, 0x8234b72895950e10p-131L,
    0xc7727cf38f6cd83cp-131L,  -0xd4b411cadfead482p-132L, -0x988f81405abf1badp-132L,
    0xa04c9a46c60dcdf7p-131L,  -0xb067e5739bfc005ap-132L, 0xbe6bdd453fcb5470p-134L,
    0xb141fede8f42fda7p-132L,  -0x9e6f018fe85e66d8p-137L, -0x8d58557ddd8983a3p-131L,
    0x9aafb528b6ba1555p-131L,  0xa31b9b13b9d4411dp-131L,  0x81ef96392188aa6fp-131L,
    -0x878f7e650c16fc1ap-132L, 0xa9a4471eebf2d361p-131L,  -0x87184b030fe1af4bp-131L,
    0xd397f3c6884b8aa4p-133L,  -0xf465e5ecab5f2a70p-131L, 0x8080a5e68b3b128dp-131L,
    -0x85ae97ed95a74665p-133L, 0xa28f7b6dbb95eb39p-130L,  0xfb53f9314200a7a2p-131L,
    -0xb4bda6c969fdf1f4p-137L, 0x9468ee0f65e7291ep-132L,  0xaa475b8b93f9aaf8p-130L,
    0x87fa836b0460586fp-130L,  -0xbb78cf7cda5b840fp-132L, -0xe7d0a852effbe344p-131L,
    -0x81052b9ebe05ae69p-130L, -0xfd36714d2f2bbbeep-130L, -0x8d15f88b631942cdp-133L,
    0xfbadcd11d7627605p-130L,  0xc6728fffcca3ce6ap-132L,  0x9d5bae802f0ce5dep-131L,
};
// 2^e = p2_1[e & 63] * p2_64[(e >> 6) + 16] for -1024 <= e <= 1023 (exact;
// cheaper to constant-evaluate than building the double from its bits).
inline constexpr long double p2_1[64] = {
    0x1p0L,  0x1p1L,  0x1p2L,  0x1p3L,  0x1p4L,  0x1p5L,  0x1p6L,  0x1p7L,  0x1p8L,  0x1p9L,  0x1p10L, 0x1p11L, 0x1p12L,
    0x1p13L, 0x1p14L, 0x1p15L, 0x1p16L, 0x1p17L, 0x1p18L, 0x1p19L, 0x1p20L, 0x1p21L, 0x1p22L, 0x1p23L, 0x1p24L, 0x1p25L,
    0x1p26L, 0x1p27L, 0x1p28L, 0x1p29L, 0x1p30L, 0x1p31L, 0x1p32L, 0x1p33L, 0x1p34L, 0x1p35L, 0x1p36L, 0x1p37L, 0x1p38L,
    0x1p39L, 0x1p40L, 0x1p41L, 0x1p42L, 0x1p43L, 0x1p44L, 0x1p45L, 0x1p46L, 0x1p47L, 0x1p48L, 0x1p49L, 0x1p50L, 0x1p51L,
    0x1p52L, 0x1p53L, 0x1p54L, 0x1p55L, 0x1p56L, 0x1p57L, 0x1p58L, 0x1p59L, 0x1p60L, 0x1p61L, 0x1p62L, 0x1p63L,
};
inline constexpr long double p2_64[32] = {
    0x1p-1024L, 0x1p-960L, 0x1p-896L, 0x1p-832L, 0x1p-768L, 0x1p-704L, 0x1p-640L, 0x1p-576L,
    0x1p-512L,  0x1p-448L, 0x1p-384L, 0x1p-320L, 0x1p-256L, 0x1p-192L, 0x1p-128L, 0x1p-64L,
    0x1p0L,     0x1p64L,   0x1p128L,  0x1p192L,  0x1p256L,  0x1p320L,  0x1p384L,  0x1p448L,
    0x1p512L,   0x1p576L,  0x1p640L,  0x1p704L,  0x1p768L,  0x1p832L,  0x1p896L,  0x1p960L,
};

// The binary expansion of 2/pi: 2/pi = sum_j two_over_pi_bits[j] * 2^(-32(j+1)).
inline constexpr std::uint32_t two_over_pi_bits[524] = {
    0xa2f9836e, 0x4e441529, 0xfc2757d1, 0xf534ddc0, 0xdb629599, 0x3c439041, 0xfe5163ab, 0xdebbc561, 0xb7246e3a,
    0x424dd2e0, 0x06492eea, 0x09d1921c, 0xfe1deb1c, 0xb129a73e, 0xe88235f5, 0x2ebb4484, 0xe99c7026, 0xb45f7e41,
    0x3991d639, 0x835339f4, 0x9c845f8b, 0xbdf9283b, 0x1ff897ff, 0xde05980f, 0xef2f118b, 0x5a0a6d1f, 0x6d367ecf,
    0x27cb09b7, 0x4f463f66, 0x9e5fea2d, 0x7527bac7, 0xebe5f17b, 0x3d0739f7, 0x8a5292ea, 0x6bfb5fb1, 0x1f8d5d08,
    0x56033046, 0xfc7b6bab, 0xf0cfbc20, 0x9af4361d, 0xa9e39161, 0x5ee61b08, 0x6599855f, 0x14a06840, 0x8dffd880,
    0x4d732731, 0x06061556, 0xca73a8c9, 0x60e27bc0, 0x8c6b47c4, 0x19c367cd, 0xdce8092a, 0x8359c476, 0x8b961ca6,
    0xddaf44d1, 0x5719053e, 0xa5ff0705, 0x3f7e33e8, 0x32c2de4f, 0x98327dbb, 0xc33d26ef, 0x6b1e5ef8, 0x9f3a1f35,
    0xcaf27f1d, 0x87f12190, 0x7c7c246a, 0xfa6ed577, 0x2d30433b, 0x15c614b5, 0x9d19c3c2, 0xc4ad414d, 0x2c5d000c,
    0x467d862d, 0x71e39ac6, 0x9b006233, 0x7cd2b497, 0xa7b4d555, 0x37f63ed7, 0x1810a3fc, 0x764d2a9d, 0x64abd770,
    0xf87c6357, 0xb07ae715, 0x175649c0, 0xd9d63b38, 0x84a7cb23, 0x24778ad6, 0x23545ab9, 0x1f001b0a, 0xf1dfce19,
    0xff319f6a, 0x1e666157, 0x9947fbac, 0xd87f7eb7, 0x652289e8, 0x3260bfe6, 0xcdc4ef09, 0x366cd43f, 0x5dd7de16,
    0xde3b5892, 0x9bde2822, 0xd2e88628, 0x4d58e232, 0xcac616e3, 0x08cb7de0, 0x50c017a7, 0x1df35be0, 0x1834132e,
    0x62128301, 0x48835b8e, 0xf57fb0ad, 0xf2e91e43, 0x4a48d367, 0x10d8ddaa, 0x425faece, 0x616aa428, 0x0ab499d3,
    0xf2a6067f, 0x775c83c2, 0xa3883c61, 0x78738a5a, 0x8cafbdd7, 0x6f63a62d, 0xcbbff4ef, 0x818d67c1, 0x2645ca55,
    0x36d9cad2, 0xa8288d61, 0xc277c912, 0x1426049b, 0x4612c459, 0xc444c5c8, 0x91b24df3, 0x1700ad43, 0xd4e54929,
    0x10d5fdfc, 0xbe00cc94, 0x1eeece70, 0xf53e1380, 0xf1ecc3e7, 0xb328f8c7, 0x9405933e, 0x71c1b309, 0x2ef3450b,
    0x9c12887b, 0x20ab9fb5, 0x2ec29247, 0x2f327b6d, 0x550c90a7, 0x721fe76b, 0x96cb314a, 0x1679e279, 0x4189dff4,
    0x9794e884, 0xe6e29731, 0x996bed88, 0x365f5f0e, 0xfdbbb49a, 0x486ca467, 0x42727132, 0x5d8db815, 0x9f09e5bc,
    0x25318d39, 0x74f71c05, 0x30010c0d, 0x68084b58, 0xee2c90aa, 0x4702e774, 0x24d6bda6, 0x7df77248, 0x6eef169f,
    0xa6948ef6, 0x91b45153, 0xd1f20acf, 0x3398207e, 0x4bf56863, 0xb25f3edd, 0x035d407f, 0x89852952, 0x55c06437,
    0x10d86d32, 0x4832754c, 0x5bd4714e, 0x6e5445c1, 0x090b69f5, 0x2ad56614, 0x9d072750, 0x045ddb3b, 0xb4c576ea,
    0x17f9877d, 0x6b49ba27, 0x1d296996, 0xacccc654, 0x14ad6ae2, 0x9089d988, 0x50722cbe, 0xa4049407, 0x777030f3,
    0x27fc00a8, 0x71ea49c2, 0x663de064, 0x83dd9797, 0x3fa3fd94, 0x438c860d, 0xde41319d, 0x39928c70, 0xdde7b717,
    0x3bdf082b, 0x3715a080, 0x5c93805a, 0x921110d8, 0xe80faf80, 0x6c4bffdb, 0x0f903876, 0x185915a5, 0x62bbcb61,
    0xb989c7bd, 0x401004f2, 0xd2277549, 0xf6b6ebbb, 0x22dbaa14, 0x0a2f2689, 0x76836433, 0x3b091a94, 0x0eaa3a51,
    0xc2a31dae, 0xedaf1226, 0x5c4dc26d, 0x9c7a2d97, 0x56c0833f, 0x03f6f009, 0x8c402b99, 0x316d07b4, 0x3915200c,
    0x5bc3d8c4, 0x92f54bad, 0xc6a5ca4e, 0xcd37a736, 0xa9e69492, 0xab6842dd, 0xde6319ef, 0x8c76528b, 0x6837dbfc,
    0xaba1ae31, 0x15dfa1ae, 0x00dafb0c, 0x664d64b7, 0x05ed3065, 0x29bf5657, 0x3aff47b9, 0xf96af3be, 0x75df9328,
    0x3080abf6, 0x8c6615cb, 0x040622fa, 0x1de4d9a4, 0xb33d8f1b, 0x5709cd36, 0xe9424ea4, 0xbe13b523, 0x331aaaf0,
    0xa8654fa5, 0xc1d20f3f, 0x0bcd785b, 0x76f92304, 0x8b7b7217, 0x8953a6c6, 0xe26e6f00, 0xebef584a, 0x9bb7dac4,
    0xba66aacf, 0xcf761d02, 0xd12df1b1, 0xc1998c77, 0xadc3da48, 0x86a05df7, 0xf480c62f, 0xf0ac9aec, 0xddbc5c3f,
    0x6dded01f, 0xc790b6db, 0x2a3a25a3, 0x9aaf0093, 0x53ad0457, 0xb6b42d29, 0x7e804ba7, 0x07da0eaa, 0x76a1597b,
    0x2a12162d, 0xb7dcfde5, 0xfafedb89, 0xfdbe896c, 0x76e4fca9, 0x0670803e, 0x156e85ff, 0x87fd073e, 0x28336761,
    0x86182aea, 0xbd4dafe7, 0xb36e6d8f, 0x3967955b, 0xbf3148d7, 0x8416df30, 0x432dc735, 0x6125ce70, 0xc9b8cb30,
    0xfd6cbfa2, 0x00a4e46c, 0x05a0dd5a, 0x476f21d2, 0x1262845c, 0xb9496170, 0xe0566b01, 0x52993755, 0x50b7d51e,
    0xc4f1335f, 0x6e13e430, 0x5da92e85, 0xc3b21d36, 0x32a1a4b7, 0x08d4b1ea, 0x21f716e4, 0x698f77ff, 0x2780030c,
    0x2d408da0, 0xcd4f99a5, 0x20d3a2b3, 0x0a5d2f42, 0xf9b4cbda, 0x11d0be7d, 0xc1db9bbd, 0x17ab81a2, 0xca5c6a08,
    0x17552e55, 0x0027f014, 0x7f8607e1, 0x640b148d, 0x4196debe, 0x872afdda, 0xb6256b34, 0x897bfef3, 0x059ebfb9,
    0x4f6a68a8, 0x2a4a5ac4, 0x4fbcf82d, 0x985ad795, 0xc7f48d4d, 0x0da63a20, 0x5f57a4b1, 0x3f149538, 0x800120cc,
    0x86dd71b6, 0xdec9f560, 0xbf11654d, 0x6b0701ac, 0xb08cd0c0, 0xb2485551, 0x0efb1ec3, 0x72953b06, 0xa33540c0,
    0x7bdc06cc, 0x45e0fa29, 0x4ec8cad6, 0x41f3e8de, 0x647cd864, 0x9b31bed9, 0xc397a4d4, 0x5877c5e3, 0x6913daf0,
    0x3c3aba46, 0x18465f75, 0x55f5bdd2, 0xc6926e5d, 0x2eaced44, 0x0e423e1c, 0x87c461e9, 0xfd29f3d6, 0xe7ca7c22,
    0x35916fc5, 0xe0088dd7, 0xffe26a6e, 0xc6fdb0c1, 0x0893745d, 0x7cb2ad6b, 0x9d6ecd7b, 0x723e6a11, 0xc6a9cff7,
    0xdf7329ba, 0xc9b55100, 0xb70db2e2, 0x24ba7460, 0x7de58ad8, 0x742c150d, 0x0c188194, 0x667e1629, 0x01767a9f,
    0xbefdfdef, 0x4556367e, 0xd913d9ec, 0xb9ba8bfc, 0x97c427a8, 0x31c36ef1, 0x36c59456, 0xa8d8b5a8, 0xb40ecccf,
    0x2d891234, 0x576f8956, 0x2ce3ce99, 0xb920d6aa, 0x5e6b9c2a, 0x3ecc5f11, 0x4a0bfdfb, 0xf4e16d3b, 0x8e2c86e2,
    0x84d4e9a9, 0xb4fcd1ee, 0xefc9352e, 0x61392f44, 0x2138c8d9, 0x1b0afc81, 0x6a4afbd8, 0x1c2f84b4, 0x538c994e,
    0xcc2254dc, 0x552ad6c6, 0xc096190b, 0xb8701a64, 0x9569605a, 0x26ee523f, 0x0f117f11, 0xb5f4f5cb, 0xfc2dbc34,
    0xeebc34cc, 0x5de8605e, 0xdd9b8e67, 0xef3392b8, 0x17c99b58, 0x61bc57e1, 0xc6835110, 0x3ed84871, 0xdddd1c2d,
    0xa118af46, 0x2c21d7f3, 0x59987ad9, 0xc0549efa, 0x864ffc06, 0x56ae79e5, 0x36228922, 0xad38dc93, 0x67aae855,
    0x3826829b, 0xe7caa40d, 0x51b13399, 0x0ed7a948, 0x0569f0b2, 0x65a7887f, 0x974c8836, 0xd1f9b392, 0x214a827b,
    0x21cf98dc, 0x9f405547, 0xdc3a74e1, 0x42eb67df, 0x9dfe5fd4, 0x5ea4677b, 0x7aacbaa2, 0xf6552388, 0x2b55ba41,
    0x086e5986, 0x2a218347, 0x39e6e389, 0xd49ee540, 0xfb49e956, 0xffca0f1c, 0x8a59c52b, 0xfa94c5c1, 0xd3cfc50f,
    0xae5adb86, 0xc5476243, 0x853b8621, 0x94792c87, 0x61107b4c, 0x2a1a2c80, 0x12bf4390, 0x2688893c, 0x78e4c4a8,
    0x7bdbe5c2, 0x3ac4eaf4, 0x268a67f7, 0xbf920d2b, 0xa365b193, 0x3d0b7cbd, 0xdc51a463, 0xdd27dde1, 0x6919949a,
    0x9529a828, 0xce68b4ed, 0x09209f44, 0xca984e63, 0x8270237c, 0x7e32b90f, 0x8ef5a7e7, 0x561408f1, 0x212a9db5,
    0x4d7e6f51, 0x19a5abf9, 0xb5d6df82, 0x61dd9602, 0x36169f3a, 0xc4a1a283, 0x6ded727a, 0x8d39a9b8, 0x825c326b,
    0x5b2746ed, 0x34007700, 0xd255f4fc, 0x4d590180, 0x71e0e13f, 0x89b295f3, 0x64a8f1ae, 0xa74b38fc, 0x4ceab2bb,
    0x47270bab, 0xc3a734ba,
};

}  // namespace chainrule::math::detail::k
// clang-format on
// ---- end chainrule/math/detail/constants.hpp
// ---- back in chainrule/math/detail/core.hpp

namespace chainrule::math::detail {

/// The internal working type.  On x86-64 it is the x87 80-bit format with a
/// 64-bit significand, 11 bits more than double, and both GCC and Clang
/// constant-evaluate it in exactly that format.
using L = long double;

static_assert(std::numeric_limits<L>::digits >= 64 && std::numeric_limits<L>::max_exponent >= 16384,
              "chainrule::math computes in long double and needs at least the x87 80-bit format "
              "(64-bit significand), as on x86-64 Linux");
static_assert(std::numeric_limits<double>::is_iec559 && std::numeric_limits<float>::is_iec559,
              "chainrule::math needs IEEE 754 float and double");

template <class T>
inline constexpr T inf_v = std::numeric_limits<T>::infinity();
template <class T>
inline constexpr T nan_v = std::numeric_limits<T>::quiet_NaN();

template <class T>
constexpr bool is_nan(T x) noexcept {
    return x != x;
}

template <class T>
constexpr bool is_inf(T x) noexcept {
    return x == inf_v<T> || x == -inf_v<T>;
}

template <class T>
constexpr bool is_finite(T x) noexcept {
    return !is_nan(x) && !is_inf(x);
}

/// Sign bit, including that of -0.0 and of NaNs.
template <class T>
constexpr bool sign_bit(T x) noexcept {
    if constexpr (std::is_same_v<T, float>) {
        return (std::bit_cast<std::uint32_t>(x) >> 31) != 0;
    } else if constexpr (sizeof(T) == sizeof(std::uint64_t)) {
        return (std::bit_cast<std::uint64_t>(x) >> 63) != 0;
    } else {
        // long double: zeros and NaNs convert to double exactly with their
        // sign; every other value is ordered.
        if (x < 0) return true;
        if (x > 0) return false;
        return sign_bit(static_cast<double>(x));
    }
}

template <class T>
constexpr T abs_v(T x) noexcept {
    return sign_bit(x) ? -x : x;
}

template <class T>
constexpr T copy_sign(T mag, T sgn) noexcept {
    return sign_bit(mag) == sign_bit(sgn) ? mag : -mag;
}

// ---------------------------------------------------------------------------
// Powers of two.  2^(2^i) and 2^-(2^i), i = 0..13, cover the whole long
// double exponent range; products of them are exact.
// ---------------------------------------------------------------------------
inline constexpr L pow2_pos[14] = {0x1p1L,   0x1p2L,   0x1p4L,   0x1p8L,    0x1p16L,   0x1p32L,   0x1p64L,
                                   0x1p128L, 0x1p256L, 0x1p512L, 0x1p1024L, 0x1p2048L, 0x1p4096L, 0x1p8192L};
inline constexpr L pow2_neg[14] = {0x1p-1L,   0x1p-2L,   0x1p-4L,   0x1p-8L,    0x1p-16L,   0x1p-32L,   0x1p-64L,
                                   0x1p-128L, 0x1p-256L, 0x1p-512L, 0x1p-1024L, 0x1p-2048L, 0x1p-4096L, 0x1p-8192L};

/// 2^e for -1024 <= e <= 1023 from two small tables (exact, no loop).
constexpr L pow2_d(int e) noexcept { return k::p2_1[e & 63] * k::p2_64[(e >> 6) + 16]; }

/// 2^e for |e| < 16384 (exact; 2^e must be a normal long double).
constexpr L pow2(int e) noexcept {
    if (e >= -1022 && e <= 1023) return pow2_d(e);
    L r = 1;
    const L* t = e >= 0 ? pow2_pos : pow2_neg;
    unsigned u = static_cast<unsigned>(e >= 0 ? e : -e);
    for (int i = 0; u != 0; ++i, u >>= 1)
        if (u & 1u) r *= t[i];
    return r;
}

/// x * 2^e, rounded once.  The caller guarantees the result does not overflow
/// long double (see scale_checked); underflow rounds correctly once.
constexpr L scale2(L x, int e) noexcept {
    if (e >= -1022 && e <= 1023) return x * pow2_d(e);
    while (e > 8000) {
        x *= 0x1p8000L;
        e -= 8000;
    }
    while (e < -8000) {
        x *= 0x1p-8000L;
        e += 8000;
    }
    return x * pow2(e);
}

/// Exponent of a finite nonzero long double: 2^e <= |x| < 2^(e+1).
constexpr int ilogb(L x) noexcept {
    if (x < 0) x = -x;
    if (x >= 0x1p-1022L && x < 0x1p1023L) {
        // in the range of normal doubles: read the exponent of (double)x and
        // correct it if the conversion rounded up to the next power of two
        const auto bits = std::bit_cast<std::uint64_t>(static_cast<double>(x));
        int e = static_cast<int>(bits >> 52) - 1023;
        if (x < pow2_d(e)) --e;
        return e;
    }
    // elsewhere a binary search over the table of 2^(2^i): 14 comparisons
    int e = 0;
    if (x < 0x1p-16000L) {
        x *= 0x1p200L;
        e -= 200;
    }  // long double subnormals
    if (x >= 1) {
        for (int i = 13; i >= 0; --i)
            if (x >= pow2_pos[i]) {
                x *= pow2_neg[i];
                e += 1 << i;
            }
    } else {
        for (int i = 13; i >= 0; --i)
            if (x < pow2_neg[i]) {
                x *= pow2_pos[i];
                e -= 1 << i;
            }
        // now x in [1/2, 1)
        e -= 1;
    }
    return e;
}

/// x = m * 2^e with m in [1, 2), for finite x > 0 (exact).  One function for
/// both because calls dominate the cost of constant evaluation.
constexpr L frexp_l(L x, int& e) noexcept {
    if (x >= 0x1p-1022L && x < 0x1p1022L) {
        // exponent of (double)x, then scale by 2^-e built from its bits; if the
        // conversion rounded up to the next power of two, m is just below 1
        e = static_cast<int>(std::bit_cast<std::uint64_t>(static_cast<double>(x)) >> 52) - 1023;
        const L m = x * (k::p2_1[-e & 63] * k::p2_64[(-e >> 6) + 16]);  // x 2^-e
        if (m < 1) {
            --e;
            return m * 2;
        }
        return m;
    }
    e = ilogb(x);
    return scale2(x, -e);
}

/// Nearest integer (ties away from zero) of |x| < 2^62, as a long long.
constexpr long long nearest(L x) noexcept { return static_cast<long long>(x >= 0 ? x + 0.5L : x - 0.5L); }

/// Is x (finite) an integer?  Is it an odd integer?
constexpr bool is_integer(L x) noexcept {
    if (x >= 0x1p63L || x <= -0x1p63L) return true;  // all such values are integers
    return static_cast<L>(static_cast<long long>(x)) == x;
}
constexpr bool is_odd_integer(L x) noexcept {
    if (x >= 0x1p64L || x <= -0x1p64L) return false;  // multiples of 2
    if (x >= 0x1p63L || x <= -0x1p63L) {
        // |x| in [2^63, 2^64): the quantum is 1; take x/2 and check
        const L h = x * 0.5L;  // exact
        return !is_integer(h);
    }
    if (!is_integer(x)) return false;
    return (static_cast<long long>(x) & 1) != 0;
}

// ---------------------------------------------------------------------------
// Error-free transformations (Dekker / Knuth) in long double.  A "dd" is an
// unevaluated sum hi + lo with |lo| <= ulp(hi)/2: ~128 significant bits.
// ---------------------------------------------------------------------------
struct dd {
    L hi;
    L lo;
};

constexpr dd two_sum(L a, L b) noexcept {
    const L s = a + b;
    const L bb = s - a;
    const L e = (a - (s - bb)) + (b - bb);
    return {s, e};
}

/// Requires |a| >= |b| (or a == 0).
constexpr dd fast_two_sum(L a, L b) noexcept {
    const L s = a + b;
    return {s, b - (s - a)};
}

/// Veltkamp's constant: splits a 64-bit significand into two 32-bit halves.
inline constexpr L split_c = static_cast<L>(1ull << ((std::numeric_limits<L>::digits + 1) / 2)) + 1;

/// a * b = hi + lo exactly (Dekker; no overflow / underflow assumed).  The
/// splits are written out: a call returning a struct is expensive to
/// constant-evaluate.
constexpr dd two_prod(L a, L b) noexcept {
    const L p = a * b;
    const L ta = split_c * a;
    const L ah = ta - (ta - a);
    const L al = a - ah;
    const L tb = split_c * b;
    const L bh = tb - (tb - b);
    const L bl = b - bh;
    return {p, ((ah * bh - p) + ah * bl + al * bh) + al * bl};
}

/// (a.hi + a.lo) * (b.hi + b.lo), ~126 bits.
constexpr dd dd_mul(dd a, dd b) noexcept {
    dd p = two_prod(a.hi, b.hi);
    p.lo += a.hi * b.lo + a.lo * b.hi;
    return fast_two_sum(p.hi, p.lo);
}

constexpr dd dd_add(dd a, dd b) noexcept {
    dd s = two_sum(a.hi, b.hi);
    s.lo += a.lo + b.lo;
    return fast_two_sum(s.hi, s.lo);
}

// ---------------------------------------------------------------------------
// Conversion of the long double result to the caller's type.
// ---------------------------------------------------------------------------

/// Beyond this magnitude round-to-nearest gives infinity: max + half an ulp.
/// (A variable, not a local constexpr: Clang re-evaluates locals each call.)
template <class T>
inline constexpr L overflow_limit = static_cast<L>(std::numeric_limits<T>::max()) +
                                    pow2(std::numeric_limits<T>::max_exponent - std::numeric_limits<T>::digits - 1);

/// Round v to T once.  Values that round beyond the largest finite T become
/// infinities (produced from numeric_limits: constant evaluation does not allow
/// an overflowing conversion).
template <class T>
constexpr T narrow(L v) noexcept {
    if constexpr (std::is_same_v<T, L>) {
        return v;
    } else {
        if (v < overflow_limit<T> && v > -overflow_limit<T>) return static_cast<T>(v);
        if (v != v) return nan_v<T>;
        return v > 0 ? inf_v<T> : -inf_v<T>;
    }
}

}  // namespace chainrule::math::detail
// ---- end chainrule/math/detail/core.hpp
// ---- back in chainrule/math/detail/ieee.hpp

namespace chainrule::math::detail {

template <class T>
inline constexpr T max_v = std::numeric_limits<T>::max();

template <class T>
constexpr T signed_inf(bool negative) noexcept {
    return negative ? -inf_v<T> : inf_v<T>;
}

template <class T>
constexpr T ieee_add_constant(T a, T b) noexcept {
    if (is_nan(a)) return a;
    if (is_nan(b)) return b;
    if (is_inf(a) || is_inf(b)) {
        if (is_inf(a) && is_inf(b) && sign_bit(a) != sign_bit(b)) return nan_v<T>;  // inf - inf
        return is_inf(a) ? a : b;
    }
    if (abs_v(a) > max_v<T> / 2 || abs_v(b) > max_v<T> / 2) {
        // a/2 + b/2 cannot overflow and rounds as (a + b)/2 would (halving is
        // exact here but for a subnormal operand, far below the result's ulp)
        const T h = a / 2 + b / 2;
        if (abs_v(h) > max_v<T> / 2) return signed_inf<T>(sign_bit(h));
        return h * 2;
    }
    return a + b;
}

template <class T>
constexpr T ieee_mul_constant(T a, T b) noexcept {
    if (is_nan(a)) return a;
    if (is_nan(b)) return b;
    const bool negative = sign_bit(a) != sign_bit(b);
    if (is_inf(a) || is_inf(b)) {
        if (a == 0 || b == 0) return nan_v<T>;  // 0 * inf
        return signed_inf<T>(negative);
    }
    const T x = abs_v(a), y = abs_v(b);
    if (x > 1 && y > 1 && x > max_v<T> / y / 2) {
        // |a b| is near the largest number or beyond: (a/4) b is exact in
        // scale (a/4 is a normal number) and cannot overflow
        if (x / 4 > max_v<T> / y / 2) return signed_inf<T>(negative);  // |a b| > 2 max
        const T q = (a / 4) * b;
        if (abs_v(q) > max_v<T> / 4) return signed_inf<T>(negative);
        return q * 4;
    }
    return a * b;
}

template <class T>
constexpr T ieee_div_constant(T a, T b) noexcept {
    if (is_nan(a)) return a;
    if (is_nan(b)) return b;
    const bool negative = sign_bit(a) != sign_bit(b);
    if (is_inf(a)) return is_inf(b) ? nan_v<T> : signed_inf<T>(negative);
    if (is_inf(b)) return negative ? -T(0) : T(0);
    if (b == 0) return a == 0 ? nan_v<T> : signed_inf<T>(negative);
    const T x = abs_v(a), y = abs_v(b);
    if (y < 1 && x > max_v<T> * y / 2) {
        // the quotient is near the largest number or beyond; a is then at
        // least max * denorm_min / 2, a normal number, so a/4 is exact
        if (x / 4 > max_v<T> * y / 2) return signed_inf<T>(negative);  // |a / b| > 2 max
        const T q = (a / 4) / b;
        if (abs_v(q) > max_v<T> / 4) return signed_inf<T>(negative);
        return q * 4;
    }
    return a / b;
}

/// a + b, a - b, a * b, a / b with IEEE results (NaN, +-inf) also during
/// constant evaluation; at run time the operators themselves.
template <class T>
constexpr T ieee_add(T a, T b) noexcept {
    if (std::is_constant_evaluated()) return ieee_add_constant(a, b);
    return a + b;
}
template <class T>
constexpr T ieee_sub(T a, T b) noexcept {
    if (std::is_constant_evaluated()) return ieee_add_constant(a, -b);
    return a - b;
}
template <class T>
constexpr T ieee_mul(T a, T b) noexcept {
    if (std::is_constant_evaluated()) return ieee_mul_constant(a, b);
    return a * b;
}
template <class T>
constexpr T ieee_div(T a, T b) noexcept {
    if (std::is_constant_evaluated()) return ieee_div_constant(a, b);
    return a / b;
}

}  // namespace chainrule::math::detail
// ---- end chainrule/math/detail/ieee.hpp
// ---- back in chainrule/math.hpp

// ---- begin chainrule/math/detail/impl.hpp

// The constexpr implementations behind chainrule::math.
//
// Design: every function is evaluated in long double (x87, 64-bit
// significand) and rounded once to the caller's type.  For float and double
// the internal error is a few long double ulps, i.e. a few thousandths of a
// double ulp, so the rounded result is within 1 ulp of the exact value (and
// usually the correctly rounded one).  For long double itself the same
// algorithms give a few ulps (see docs/math.md for the measured table).
//
// The argument reductions are what makes this work:
//   * exp:  x = (32m + j) ln2/32 + r, e^x = 2^m 2^(j/32) e^r with a table of
//           2^(j/32) and ln 2 split Cody-Waite style (44-bit leading parts);
//   * log:  x = 2^e m, m in [sqrt(1/2), sqrt(2)), log m = -log c + log1p(r)
//           with c ~ 1/m from a table and r = m c - 1 exact, carried as hi + lo
//           (~2^-75) where pow needs it;
//   * sin/cos/tan: x = k pi/2 + r with pi/2 in six parts of 32 bits for
//           |x| < 2^31, Payne-Hanek with the bits of 2/pi beyond that (exact
//           for every finite argument);
//   * atan: |x| > 1 -> pi/2 - atan(1/x), then atan(x) = atan(j/8) + atan(u).
//
// Special values and domain errors are handled in the *_impl templates before
// any arithmetic (constant evaluation rejects arithmetic producing inf/NaN).


// ---- begin chainrule/math/detail/kernels.hpp
// clang-format off: generated tables and polynomials, laid out by the generator
// Generated by scripts/gen_math_reference.py constants -- do not edit.
// Polynomial kernels of chainrule::math with literal coefficients (exact
// long double values of the mathematical coefficients, or mpmath Chebyshev
// fits): reading a literal is free in constant evaluation, reading a named
// constant costs about as much as a multiplication.

namespace chainrule::math::detail {

/// expm1(r) for |r| <= ln2/64 (+ a tiny lo): Taylor series to degree 8, the
/// first omitted term < 2^-73 relative.
constexpr long double expm1_poly(long double r) noexcept {
    return r * (1 + r * (0x8000000000000000p-64L +
                         r * (0xaaaaaaaaaaaaaaabp-66L +
                              r * (0xaaaaaaaaaaaaaaabp-68L +
                                   r * (0x8888888888888889p-70L +
                                        r * (0xb60b60b60b60b60bp-73L +
                                             r * (0xd00d00d00d00d00dp-76L + r * (0xd00d00d00d00d00dp-79L))))))));
}

/// sin(r) for |r| <= pi/4 (+ tiny): Taylor series to degree 23.
constexpr long double sin_kernel(long double r) noexcept {
    const long double z = r * r;
    return r + r * z *
                   (-0xaaaaaaaaaaaaaaabp-66L +
                    z * (0x8888888888888889p-70L +
                         z * (-0xd00d00d00d00d00dp-76L +
                              z * (0xb8ef1d2ab6399c7dp-82L +
                                   z * (-0xd7322b3faa271c7fp-89L +
                                        z * (0xb092309d43684be5p-96L +
                                             z * (-0xd73f9f399dc0f88fp-104L +
                                                  z * (0xca963b81856a5359p-112L +
                                                       z * (-0x97a4da340a0ab926p-120L +
                                                            z * (0xb8dc77b6e7ab8c5fp-129L +
                                                                 z * (-0xbb0da098b1c0ceccp-138L)))))))))));
}

/// cos(r) for |r| <= pi/4 (+ tiny): Taylor series to degree 24.
constexpr long double cos_kernel(long double r) noexcept {
    const long double z = r * r;
    return 1 + z * (-0x8000000000000000p-64L +
                    z * (0xaaaaaaaaaaaaaaabp-68L +
                         z * (-0xb60b60b60b60b60bp-73L +
                              z * (0xd00d00d00d00d00dp-79L +
                                   z * (-0x93f27dbbc4fae397p-85L +
                                        z * (0x8f76c77fc6c4bdaap-92L +
                                             z * (-0xc9cba54603e4e906p-100L +
                                                  z * (0xd73f9f399dc0f88fp-108L +
                                                       z * (-0xb413c31dcbecbbdep-116L +
                                                            z * (0xf2a15d201011283dp-125L +
                                                                 z * (-0x8671cb6dbfc294a3p-133L +
                                                                      z * (0xf96780cb97abbe65p-143L))))))))))));
}

/// atan(u) for |u| <= 1/16: Taylor series to degree 21.
constexpr long double atan_series(long double u) noexcept {
    const long double z = u * u;
    return u + u * z *
                   (-0xaaaaaaaaaaaaaaabp-65L +
                    z * (0xcccccccccccccccdp-66L +
                         z * (-0x9249249249249249p-66L +
                              z * (0xe38e38e38e38e38ep-67L +
                                   z * (-0xba2e8ba2e8ba2e8cp-67L +
                                        z * (0x9d89d89d89d89d8ap-67L +
                                             z * (-0x8888888888888889p-67L +
                                                  z * (0xf0f0f0f0f0f0f0f1p-68L +
                                                       z * (-0xd79435e50d79435ep-68L +
                                                            z * (0xc30c30c30c30c30cp-68L))))))))));
}

/// erf(x) for |x| < 0.5: 2/sqrt(pi) sum (-1)^n x^(2n+1) / (n! (2n+1)) to x^31.
constexpr long double erf_taylor(long double x) noexcept {
    const long double z = x * x;
    return x *
           (0x906eba8214db688dp-63L +
            z * (-0xc093a3581bcf3612p-65L +
                 z * (0xe71790d0215f0dafp-67L +
                      z * (-0xdc167189445a86f0p-69L +
                           z * (0xab2de6873529f72cp-71L +
                                z * (-0xe016da00205c2c4dp-74L +
                                     z * (0xfcd1937cdc4dbbd3p-77L +
                                          z * (-0xfa692e1f06175af3p-80L +
                                               z * (0xdcf364ee328d1404p-83L +
                                                    z * (-0xafba17621f38cf8bp-86L +
                                                         z * (0xfe62b9031260de6dp-90L +
                                                              z * (-0xa8eb8c0e2e9b6424p-93L +
                                                                   z * (0xcf356af2ad397e41p-97L +
                                                                        z * (-0xec229e5862374ef7p-101L +
                                                                             z * (0xfb41d7254b8035c2p-105L +
                                                                                  z * (-0xfab7838d442e7467p-109L))))))))))))))));
}

/// g(x) = erfc(x) e^(x^2) for 0.5 <= x < 8: 15 Chebyshev fits (mpmath chebyfit,
/// relative error < 2^-69) of degree 16 in t = x - (0.75 + i/2) on
/// [0.5 + i/2, 1 + i/2).
constexpr long double erfc_scaled(int i, long double t) noexcept {
    switch (i) {
        case 0:
            return 0x81c6aa751ec19c28p-64L +
                   t * (-0xbc66eaa8f728cdbep-65L +
                        t * (0xec8049d708493c01p-66L +
                             t * (-0x84f3bea07011cb6cp-66L +
                                  t * (0x88c97adeb43be5c9p-67L +
                                       t * (-0x82a6b414ad8bf261p-68L +
                                            t * (0xea1d3e3d33066d14p-70L +
                                                 t * (-0xc64beea765b01a55p-71L +
                                                      t * (0x9fc0c4be7f741007p-72L +
                                                           t * (-0xf6067a5148416796p-74L +
                                                                t * (0xb5cc15fbe6090cfdp-75L +
                                                                     t * (-0x8158bf62c793df59p-76L +
                                                                          t * (0xb1b92c6284577254p-78L +
                                                                               t * (-0xec4d174132c6da84p-80L +
                                                                                    t * (0x986cdb3cd5bb1a2bp-81L +
                                                                                         t * (-0xc3cdda1b0794d650p-83L +
                                                                                              t * (0xeea9bb8c77bb6194p-85L))))))))))))))));
        case 1:
            return 0xbc534909c3b3d005p-65L +
                   t * (-0xd5d566dfd4583452p-66L +
                        t * (0xdab7a2f77bf2bd48p-67L +
                             t * (-0xcdb1ad631256a5f6p-68L +
                                  t * (0xb4512d3320f92c21p-69L +
                                       t * (-0x94cb1b6b62c2a84cp-70L +
                                            t * (0xe8db4ad55df93567p-72L +
                                                 t * (-0xadc5e4a63736031dp-73L +
                                                      t * (0xf87f37db058f1d23p-75L +
                                                           t * (-0xaae03e86d995ce8dp-76L +
                                                                t * (0xe2b81ac1d5001766p-78L +
                                                                     t * (-0x917e2a30a1045f05p-79L +
                                                                          t * (0xb50c68c3ac8af97ap-81L +
                                                                               t * (-0xdad3870d7495a5afp-83L +
                                                                                    t * (0x80b9168cd3f9bb39p-84L +
                                                                                         t * (-0x96a973ece51079abp-86L +
                                                                                              t * (0xa87755e03f64e21cp-88L))))))))))))))));
        case 2:
            return 0x91e7e178ee3f013bp-65L +
                   t * (-0x861ea9c223223bcep-66L +
                        t * (0xe46867787c086736p-68L +
                             t * (-0xb65a97f244a2f8ebp-69L +
                                  t * (0x89b24508fff39b11p-70L +
                                       t * (-0xc5fb8b54755e9f7bp-72L +
                                            t * (0x8835eae02199e835p-73L +
                                                 t * (-0xb41c44255dd9120fp-75L +
                                                      t * (0xe5a6343f28fbeae5p-77L +
                                                           t * (-0x8d9489627c41d35bp-78L +
                                                                t * (0xa939f99e127bf43fp-80L +
                                                                     t * (-0xc47d9fa4646c89c7p-82L +
                                                                          t * (0xde081af6be5226dap-84L +
                                                                               t * (-0xf486800a059e85c7p-86L +
                                                                                    t * (0x8374793ddf1e1747p-87L +
                                                                                         t * (-0x8c8da0a5175e8128p-89L +
                                                                                              t * (0x906c34041b363ccbp-91L))))))))))))))));
        case 3:
            return 0xeca2236b13c98e58p-66L +
                   t * (-0xb538695d9ba087c0p-67L +
                        t * (0x830ab38712d3d680p-68L +
                             t * (-0xb441fcc8cd0bcd0ap-70L +
                                  t * (0xed2caab0fbe99976p-72L +
                                       t * (-0x95e928dd978118e6p-73L +
                                            t * (0xb6bba1e9d9403e4fp-75L +
                                                 t * (-0xd76bf5e4d0432899p-77L +
                                                      t * (0xf63b9e64941f8651p-79L +
                                                           t * (-0x88bd33303e8d7756p-80L +
                                                                t * (0x93d7a144c85152dbp-82L +
                                                                     t * (-0x9bdcd6894a831980p-84L +
                                                                          t * (0xa073ca7fb44bbddfp-86L +
                                                                               t * (-0xa17b4a2574b04a7fp-88L +
                                                                                    t * (0x9f1840cee913b21fp-90L +
                                                                                         t * (-0x9bdbb27a2ecc8944p-92L +
                                                                                              t * (0x937c68b076367c75p-94L))))))))))))))));
        case 4:
            return 0xc64f5b47f93eb489p-66L +
                   t * (-0x8182bc099804c6f0p-67L +
                        t * (0xa1dcc5d641c117fdp-69L +
                             t * (-0xc274d59873559a19p-71L +
                                  t * (0xe16397eb93b1f069p-73L +
                                       t * (-0xfccf20f658480468p-75L +
                                            t * (0x898dd8b092ab92cap-76L +
                                                 t * (-0x9189592cb400f928p-78L +
                                                      t * (0x95fdad875cd5f47dp-80L +
                                                           t * (-0x96d194e132f68cecp-82L +
                                                                t * (0x942b7d5808264a4ep-84L +
                                                                     t * (-0x8e67cfbbf7111297p-86L +
                                                                          t * (0x860b018b65612595p-88L +
                                                                               t * (-0xf75f4320d843810dp-91L +
                                                                                    t * (0xdfffb135ef1d2d8ep-93L +
                                                                                         t * (-0xc9b6780338a11b5fp-95L +
                                                                                              t * (0xb03a423ca0e610d7p-97L))))))))))))))));
        case 5:
            return 0xaa53d046a5da27d3p-66L +
                   t * (-0xc1542915c3450647p-68L +
                        t * (0xd3f6ee4f73212b92p-70L +
                             t * (-0xe125a4e23d161eadp-72L +
                                  t * (0xe842c2bd0bf99534p-74L +
                                       t * (-0xe92f5dd0e24880d9p-76L +
                                            t * (0xe4417811c0a36cfcp-78L +
                                                 t * (-0xda2e812fd16a8538p-80L +
                                                      t * (0xcbeebc6b9ac90db0p-82L +
                                                           t * (-0xba9e55ab5c7be470p-84L +
                                                                t * (0xa76048fedcddb3f8p-86L +
                                                                     t * (-0x93461f7188981c8dp-88L +
                                                                          t * (0xfe7c5a14c9eefb07p-91L +
                                                                               t * (-0xd80ef03bf9e6769bp-93L +
                                                                                    t * (0xb466c996d2d1ceaap-95L +
                                                                                         t * (-0x95d568754d6c3216p-97L +
                                                                                              t * (0xf2610c4383de3b88p-100L))))))))))))))));
        case 6:
            return 0x951578ce0a497c0cp-66L +
                   t * (-0x9553281d66d08847p-68L +
                        t * (0x917833279e5fc492p-70L +
                             t * (-0x8a1a5702c39d5548p-72L +
                                  t * (0xfff819506fc449ecp-75L +
                                       t * (-0xe7e6f50d8faa84fcp-77L +
                                            t * (0xcda86869306cdfd7p-79L +
                                                 t * (-0xb2bbc5569cb9d376p-81L +
                                                      t * (0x98617d9ff650a606p-83L +
                                                           t * (-0xff1f195970635e2ep-86L +
                                                                t * (0xd1df718b2d0e0f57p-88L +
                                                                     t * (-0xa9ca89636aded339p-90L +
                                                                          t * (0x872eda5db7992bdfp-92L +
                                                                               t * (-0xd3f7213e92bc1822p-95L +
                                                                                    t * (0xa3bec52d4201d0bap-97L +
                                                                                         t * (-0xfbbb958b426d6aa6p-100L +
                                                                                              t * (0xbd0bb7dd849cfad7p-102L))))))))))))))));
        case 7:
            return 0x84731674644d6447p-66L +
                   t * (-0xed1ca99a924b808ap-69L +
                        t * (0xcf7b8b48d2a8ffadp-71L +
                             t * (-0xb1b991376faa096cp-73L +
                                  t * (0x953307ef6022ad53p-75L +
                                       t * (-0xf5c4707479dc0ef4p-78L +
                                            t * (0xc6c72cbaa43d86d6p-80L +
                                                 t * (-0x9e03bb1c33ef85d4p-82L +
                                                      t * (0xf719af6568c554ebp-85L +
                                                           t * (-0xbe2b469e94f9b9bfp-87L +
                                                                t * (0x9025745bb354f540p-89L +
                                                                     t * (-0xd75a1228d4a90507p-92L +
                                                                          t * (0x9e9de67f3a67b3bfp-94L +
                                                                               t * (-0xe67fd3e4ffda04eep-97L +
                                                                                    t * (0xa54d17bfb8b12884p-99L +
                                                                                         t * (-0xebfe5b8b06cf898cp-102L +
                                                                                              t * (0xa509395a637f5effp-104L))))))))))))))));
        case 8:
            return 0xee301d1f3bf4d62bp-67L +
                   t * (-0xc08a4de2508258f7p-69L +
                        t * (0x98be0a27c5a0c859p-71L +
                             t * (-0xee0d7c41d19e4114p-74L +
                                  t * (0xb660860b12ad1b59p-76L +
                                       t * (-0x8978ba1de2d136c5p-78L +
                                            t * (0xcc0c6050e38714b4p-81L +
                                                 t * (-0x95312d10fd7a7946p-83L +
                                                      t * (0xd70fd665b4532915p-86L +
                                                           t * (-0x98e1f020a449304ep-88L +
                                                                t * (0xd67d07f86a58957cp-91L +
                                                                     t * (-0x9489e58e2c1c9901p-93L +
                                                                          t * (0xcb317f4d571276d8p-96L +
                                                                               t * (-0x89508525152ddec8p-98L +
                                                                                    t * (0xb77149f014fba3ecp-101L +
                                                                                         t * (-0xf40502c75a0a5ecdp-104L +
                                                                                              t * (0x9f60f0fccab4c6e4p-106L))))))))))))))));
        case 9:
            return 0xd84b7d670a37f198p-67L +
                   t * (-0x9f4c0d9d89ac8074p-69L +
                        t * (0xe6f57108b0b11fdep-72L +
                             t * (-0xa4ea4951cf5af63ep-74L +
                                  t * (0xe81f0cd5089bcac9p-77L +
                                       t * (-0xa11871e67c3c752ep-79L +
                                            t * (0xdc9fa39ae5da086bp-82L +
                                                 t * (-0x9521a97555e9bc7dp-84L +
                                                      t * (0xc71ba98728ce7c40p-87L +
                                                           t * (-0x8351d6cb98d8ff9bp-89L +
                                                                t * (0xab34ca4bf7c1f7d2p-92L +
                                                                     t * (-0xdcb0d23ded822198p-95L +
                                                                          t * (0x8caeadd082f21d22p-97L +
                                                                               t * (-0xb17338bd8c1051d8p-100L +
                                                                                    t * (0xdd84650b956b5404p-103L +
                                                                                         t * (-0x89b8698696d60266p-105L +
                                                                                              t * (0xa8811bb991d0613fp-108L))))))))))))))));
        case 10:
            return 0xc60a024e6aa8eefap-67L +
                   t * (-0x85e2366e0c7f3272p-69L +
                        t * (0xb29a82071642ceb3p-72L +
                             t * (-0xeb317ed36a87a591p-75L +
                                  t * (0x98eeedf21b14fb36p-77L +
                                       t * (-0xc480705e94796c1ap-80L +
                                            t * (0xf98d192d5d247458p-83L +
                                                 t * (-0x9cadf036a042f5bap-85L +
                                                      t * (0xc2987ef6b62d800ep-88L +
                                                           t * (-0xef212a1277ffbdd3p-91L +
                                                                t * (0x916a9e3c250a25f8p-93L +
                                                                     t * (-0xaf16b246e0ffb9c8p-96L +
                                                                          t * (0xd0c342aed78d8b53p-99L +
                                                                               t * (-0xf68c8562def9c33bp-102L +
                                                                                    t * (0x903e1d21b7abd67fp-104L +
                                                                                         t * (-0xa82b1384a93c6cecp-107L +
                                                                                              t * (0xc142dfd71b6afe53p-110L))))))))))))))));
        case 11:
            return 0xb697c08dfb9cbb03p-67L +
                   t * (-0xe4160994247b3987p-70L +
                        t * (0x8cd12247e38ec236p-72L +
                             t * (-0xabf055a6be58d6ddp-75L +
                                  t * (0xcfabebb3db2b4b2ep-78L +
                                       t * (-0xf833c0391cb39ce5p-81L +
                                            t * (0x92cfe5a287f5060bp-83L +
                                                 t * (-0xabf60cf84b99d08bp-86L +
                                                      t * (0xc77ab808ce5521a3p-89L +
                                                           t * (-0xe53b664cfe6d77fbp-92L +
                                                                t * (0x828200b73b265931p-94L +
                                                                     t * (-0x934764140fd94a40p-97L +
                                                                          t * (0xa4c271546ce7c02bp-100L +
                                                                               t * (-0xb6bf5cf4b84034d9p-103L +
                                                                                    t * (0xc904c751a4eda2bdp-106L +
                                                                                         t * (-0xdc6278c53185363ep-109L +
                                                                                              t * (0xee85f158c0577351p-112L))))))))))))))));
        case 12:
            return 0xa95c06a31e237c1ap-67L +
                   t * (-0xc48a7439b6bbebbcp-70L +
                        t * (0xe1cd249afd3b4cebp-73L +
                             t * (-0x807271e96c283c70p-75L +
                                  t * (0x90c046116b766ee7p-78L +
                                       t * (-0xa19f1445bfa17c74p-81L +
                                            t * (0xb2d669e17b2e7d8dp-84L +
                                                 t * (-0xc427a3648cbbf33ep-87L +
                                                      t * (0xd54f804a47037974p-90L +
                                                           t * (-0xe607f3e1ce2b0cb6p-93L +
                                                                t * (0xf60a202fd7c9ee5dp-96L +
                                                                     t * (-0x828832d3c669c2c5p-98L +
                                                                          t * (0x896c383988a8be17p-101L +
                                                                               t * (-0x8f924d4b98baf558p-104L +
                                                                                    t * (0x94e00229491bafc8p-107L +
                                                                                         t * (-0x99e7e2ef8abef7cbp-110L +
                                                                                              t * (0x9d464b68d5cbe1bep-113L))))))))))))))));
        case 13:
            return 0x9de62cd141ac6149p-67L +
                   t * (-0xab10f238ab9831b4p-70L +
                        t * (0xb7b453798a9d0f64p-73L +
                             t * (-0xc3966dc0fef9f585p-76L +
                                  t * (0xce80005471511c73p-79L +
                                       t * (-0xd83e253f3a71f946p-82L +
                                            t * (0xe0a3e1985cd18b7fp-85L +
                                                 t * (-0xe78b7c5e2a93dbe0p-88L +
                                                      t * (0xecd78e3063bc43c8p-91L +
                                                           t * (-0xf073c020e3455fffp-94L +
                                                                t * (0xf2553420f0c28ebfp-97L +
                                                                     t * (-0xf27a960b9f48ff48p-100L +
                                                                          t * (0xf0ebd7e199888925p-103L +
                                                                               t * (-0xedb93f1722f75e13p-106L +
                                                                                    t * (0xe8fc1de753439dc1p-109L +
                                                                                         t * (-0xe3b44ac2dc2b91cep-112L +
                                                                                              t * (0xdc3ae9f11744efc2p-115L))))))))))))))));
        default:
            return 0x93e15a697c4c3e67p-67L +
                   t * (-0x963575f238c60cf4p-70L +
                        t * (0x976409b55318768dp-73L +
                             t * (-0x976cc1c2b66459e0p-76L +
                                  t * (0x9655c0164ce7ef96p-79L +
                                       t * (-0x942b2ae9305dc6fcp-82L +
                                            t * (0x90fe8b0881173c23p-85L +
                                                 t * (-0x8ce604116117463ap-88L +
                                                      t * (0x87fb717ab08c4f67p-91L +
                                                           t * (-0x825b73b21c3cc592p-94L +
                                                                t * (0xf848f09d358bdccap-98L +
                                                                     t * (-0xeaeb8f266c4d28acp-101L +
                                                                          t * (0xdcdd40095881f353p-104L +
                                                                               t * (-0xce5a8ad5cfcb96cdp-107L +
                                                                                    t * (0xbf9db517c6f2e86cp-110L +
                                                                                         t * (-0xb179b612c380a102p-113L +
                                                                                              t * (0xa2d48e050d84d2f4p-116L))))))))))))))));
    }
}

/// F(u) with erfc(x) = e^(-x^2) / (x sqrt(pi)) F(1/x^2) for x >= 8: a
/// Chebyshev fit on [0, 1/64] (error < 2^-70).
constexpr long double erfc_asymptotic(long double u) noexcept {
    return 0x8000000000000000p-63L +
           u * (-0xffffffffffffffeap-65L +
                u * (0xbfffffffffff6259p-64L +
                     u * (-0xeffffffffe4c2140p-63L +
                          u * (0xd1fffffec61bf641p-61L +
                               u * (-0xec3fff7908cfd8c9p-59L +
                                    u * (0xa26bed4ba5804a0ep-56L +
                                         u * (-0x83f600a853104bafp-53L +
                                              u * (0xf736cdd53e9193e4p-51L +
                                                   u * (-0x8227a7b7e441e0a5p-47L +
                                                        u * (0x91c19b12d05800dbp-44L +
                                                             u * (-0x94db528a47eb1226p-41L +
                                                                  u * (0xbd8dc19a97947876p-39L))))))))))));
}

}  // namespace chainrule::math::detail
// clang-format on
// ---- end chainrule/math/detail/kernels.hpp
// ---- back in chainrule/math/detail/impl.hpp

namespace chainrule::math {

/// Functions whose names state a domain error.  They are deliberately not
/// constexpr: reaching one during constant evaluation makes the compiler report
/// "call to non-constexpr function 'chainrule::math::error::<problem>()'" at the
/// offending evaluation.  At run time they do nothing (the result is then the
/// NaN that <cmath> returns).
namespace error {
inline void log_of_a_negative_number_is_undefined() noexcept {}
inline void log2_of_a_negative_number_is_undefined() noexcept {}
inline void log10_of_a_negative_number_is_undefined() noexcept {}
inline void log1p_of_a_number_below_minus_one_is_undefined() noexcept {}
inline void sqrt_of_a_negative_number_is_undefined() noexcept {}
inline void pow_of_a_negative_base_with_a_non_integer_exponent_is_undefined() noexcept {}
inline void sin_of_infinity_is_undefined() noexcept {}
inline void cos_of_infinity_is_undefined() noexcept {}
inline void tan_of_infinity_is_undefined() noexcept {}
inline void asin_of_a_number_outside_minus_one_to_one_is_undefined() noexcept {}
inline void acos_of_a_number_outside_minus_one_to_one_is_undefined() noexcept {}
inline void acosh_of_a_number_below_one_is_undefined() noexcept {}
inline void atanh_of_a_number_outside_minus_one_to_one_is_undefined() noexcept {}
}  // namespace error

namespace detail {

// ===========================================================================
// exp family
// ===========================================================================

/// e^(hi + lo) = 2^e * 2^(j/32) * (1 + p): returns p = expm1 of the reduced
/// argument (|p| < 0.011) and sets e and j.  Requires |hi| < 22000.
/// (Written as one function with out-parameters: in constant evaluation a
/// call, or a returned struct, costs as much as several multiplications.)
constexpr L exp_reduce(L hi, L lo, int& e, int& j) noexcept {
    // k = nearest(x * 32 / ln 2), x = k ln2/32 + r, |r| <= ln2/64.
    const L t = hi * 0xb8aa3b295c17f0bcp-58L;  // 32 / ln 2
    const long long kk = static_cast<long long>(t >= 0 ? t + 0.5L : t - 0.5L);
    const L kl = static_cast<L>(kk);
    // (ln 2)/32 in three parts, the first two with 44 bits so that k * them is
    // exact for |k| < 2^20 (Cody-Waite); the first subtraction is exact
    // (Sterbenz) and the others only round at the level of the small result.
    // (literals: k::ln2_hi / 32, k::ln2_mid / 32, k::ln2_lo / 32, exactly)
    L r = (hi - kl * 0xb17217f7d1c00000p-69L) - kl * 0xf79abc9e3b300000p-113L;
    r += lo - kl * 0x9803f2f6af40f343p-157L;
    j = static_cast<int>(kk & 31);
    e = static_cast<int>((kk - j) / 32);
    // expm1(r): Taylor series to degree 8, the first omitted term < 2^-73
    return expm1_poly(r);
}

/// p * 2^e, or +inf when that overflows long double.
constexpr L scale_checked(L p, int e) noexcept {
    if (e >= -1022 && e <= 1023) return p * (k::p2_1[e & 63] * k::p2_64[(e >> 6) + 16]);  // p 2^e
    if (e > 16385) return inf_v<L>;                                                       // p >= 0.7
    if (e > 16000) {
        const L t = scale2(p, e - 2);
        if (t >= 0x1p16382L) return inf_v<L>;
        return t * 4;
    }
    return scale2(p, e);
}

/// e^(hi + lo) * 2^extra in long double; +inf on overflow.  Requires
/// |hi| < 22000.
constexpr L exp_dd(L hi, L lo, int extra = 0) noexcept {
    int e = 0;
    int j = 0;
    const L p = exp_reduce(hi, lo, e, j);
    const L th = k::exp2_j32_hi[j];
    return scale_checked(th + (th * p + k::exp2_j32_lo[j] * (1 + p)), e + extra);
}

/// e^x in long double for |x| < 11000 (no overflow).
constexpr L exp_l(L x) noexcept { return exp_dd(x, 0); }

/// e^x - 1 in long double for x < 11000.  For |x| < 0.35, 2^e t_hi - 1 is
/// exact (e is 0 or -1 and t_hi in [1, 2)), so there is no cancellation.
constexpr L expm1_l(L x) noexcept {
    int e = 0;
    int j = 0;
    const L p = exp_reduce(x, 0, e, j);
    const L th = k::exp2_j32_hi[j];
    const L tl = k::exp2_j32_lo[j];
    if (e == 0) return (th - 1) + (th * p + tl * (1 + p));
    if (e == -1) return (0.5L * th - 1) + 0.5L * (th * p + tl * (1 + p));
    return scale_checked(th + (th * p + tl * (1 + p)), e) - 1;
}

template <class T>
constexpr T exp_impl(T x) noexcept {
    if ((x != x)) return x;
    if (x == inf_v<T>) return x;
    if (x == -inf_v<T>) return 0;
    const L xl = x;
    if (xl > 11400) return inf_v<T>;
    if (xl < -11500) return 0;
    return narrow<T>(exp_dd(xl, 0));
}

template <class T>
constexpr T exp2_impl(T x) noexcept {
    if ((x != x)) return x;
    if (x == inf_v<T>) return x;
    if (x == -inf_v<T>) return 0;
    const L xl = x;
    if (xl > 16400) return inf_v<T>;
    if (xl < -16500) return 0;
    // x = (32 e + j)/32 + r exactly, |r| <= 1/64: 2^x = 2^e 2^(j/32) e^(r ln 2)
    const long long kk = nearest(xl * 32);
    const L r = (xl - static_cast<L>(kk) * 0.03125L) * k::ln2;
    const int j = static_cast<int>(kk & 31);
    const int e = static_cast<int>((kk - j) / 32);
    const L p = expm1_poly(r);
    const L th = k::exp2_j32_hi[j];
    return narrow<T>(scale_checked(th + (th * p + k::exp2_j32_lo[j] * (1 + p)), e));
}

template <class T>
constexpr T expm1_impl(T x) noexcept {
    if ((x != x)) return x;
    if (x == inf_v<T>) return x;
    if (x == -inf_v<T>) return -1;
    if (x == 0) return x;  // keeps the sign of zero
    const L xl = x;
    if (xl > 11400) return inf_v<T>;
    if (xl < -100) return -1;
    if (xl > 11000) {
        return narrow<T>(exp_dd(xl, 0));  // e^x - 1 == e^x here
    }
    return narrow<T>(expm1_l(xl));
}

// ===========================================================================
// log family
// ===========================================================================

/// log m for x = m 2^e, m in [sqrt(1/2), sqrt(2)), x (+ x_lo, |x_lo| <=
/// ulp(x)/2) finite and > 0: returns the high part, sets the low part `lo`
/// (~2^-75 relative error together) and e.  No division, no struct returned,
/// few calls: that is what constant evaluation is slow at.
constexpr L log_m(L x, L x_lo, int& e, L& lo) noexcept {
    L m = frexp_l(x, e);
    if (m > 0xb504f333f9de6484p-63L) {  // sqrt(2)
        m *= 0.5L;
        ++e;
    }
    // m c - 1 with c ~ 1/m from a table of 10-bit numbers, exactly as r + r_lo:
    // m = m_hi + m_lo with a 53-bit m_hi, so m_hi c (63 bits) and m_lo c are
    // exact products, and m_hi c - 1 is exact (Sterbenz).
    const int i = static_cast<int>((m - 1) * 128 + (m >= 1 ? 0.5L : -0.5L)) + 38;  // nearest
    const L c = k::log_c[i];
    const L m_hi = static_cast<double>(m);
    const L r = m_hi * c - 1;
    L r_lo = (m - m_hi) * c;
    if (x_lo != 0) r_lo += scale2(x_lo, -e) * c;
    // log(1 + r + r_lo) = r + r_lo - r^2/2 + r^3/3 - ..., |r| < 0.0067: the
    // terms to r^9 leave < 2^-70 relative.
    const L r2 = r * r;
    // r_lo (up to 2^-53 for a 64-bit m) enters as r_lo / (1 + r) - r_lo^2 / 2
    const L tail = r_lo * ((1 - r + r2) - 0.5L * r_lo) - 0.5L * r2 +
                   r * r2 *
                       (0xaaaaaaaaaaaaaaabp-65L +
                        r * (-0x8000000000000000p-65L +
                             r * (0xcccccccccccccccdp-66L +
                                  r * (-0xaaaaaaaaaaaaaaabp-66L +
                                       r * (0x9249249249249249p-66L +
                                            r * (-0x8000000000000000p-66L + r * (0xe38e38e38e38e38ep-67L)))))));
    // -log c + r + tail, the first sum error-free (two_sum, written out)
    const L a = k::log_neg_log_c_hi[i];
    const L s = a + r;
    const L bb = s - a;
    const L s_lo = (a - (s - bb)) + (r - bb) + (k::log_neg_log_c_lo[i] + tail);
    const L h = s + s_lo;
    lo = s_lo - (h - s);
    return h;
}

/// log(x + x_lo) as hi + lo, ~2^-75 relative error (for pow and log10).
constexpr dd log_dd(L x, L x_lo = 0) noexcept {
    int e = 0;
    L lm_lo = 0;
    const L lm = log_m(x, x_lo, e, lm_lo);
    const L el = static_cast<L>(e);
    // e*ln2_hi and e*ln2_mid are exact (44-bit parts, |e| < 2^15)
    const dd eln2 = fast_two_sum(el * k::ln2_hi, el * k::ln2_mid + el * k::ln2_lo);
    return dd_add(eln2, {lm, lm_lo});
}

/// log(x + x_lo) rounded once to long double (cheaper than log_dd).
constexpr L log_l(L x, L x_lo = 0) noexcept {
    int e = 0;
    L lm_lo = 0;
    const L lm = log_m(x, x_lo, e, lm_lo);
    const L el = static_cast<L>(e);
    // literals: k::ln2_hi and k::ln2_mid + k::ln2_lo
    return el * 0xb17217f7d1c00000p-64L + (lm + (el * 0xf79abc9e3b39803fp-108L + lm_lo));
}

/// log(1 + x) for finite x > -1.
constexpr L log1p_l(L x) noexcept {
    const L u = 1 + x;  // 1 + x = u + u_lo exactly (two_sum, written out)
    const L b = u - 1;
    const L u_lo = (1 - (u - b)) + (x - b);
    return log_l(u, u_lo);
}

template <class T>
constexpr T log_impl(T x) noexcept {
    if ((x != x)) return x;
    if (x < 0) {
        error::log_of_a_negative_number_is_undefined();
        return nan_v<T>;
    }
    if (x == 0) return -inf_v<T>;  // pole, as <cmath>
    if (x == inf_v<T>) return x;
    return narrow<T>(log_l(x));
}

template <class T>
constexpr T log2_impl(T x) noexcept {
    if ((x != x)) return x;
    if (x < 0) {
        error::log2_of_a_negative_number_is_undefined();
        return nan_v<T>;
    }
    if (x == 0) return -inf_v<T>;
    if (x == inf_v<T>) return x;
    int e = 0;
    L lo = 0;
    const L hi = log_m(x, 0, e, lo);
    // e + log(m) log2(e); exact for powers of two (log m = 0)
    const L l2 = hi * k::log2e + (lo * k::log2e + hi * k::log2e_lo);
    return narrow<T>(static_cast<L>(e) + l2);
}

template <class T>
constexpr T log10_impl(T x) noexcept {
    if ((x != x)) return x;
    if (x < 0) {
        error::log10_of_a_negative_number_is_undefined();
        return nan_v<T>;
    }
    if (x == 0) return -inf_v<T>;
    if (x == inf_v<T>) return x;
    if constexpr (std::is_same_v<T, L>) return dd_mul(log_dd(x), {k::log10e, k::log10e_lo}).hi;
    else return narrow<T>(log_l(x) * k::log10e);
}

template <class T>
constexpr T log1p_impl(T x) noexcept {
    if ((x != x)) return x;
    if (x < -1) {
        error::log1p_of_a_number_below_minus_one_is_undefined();
        return nan_v<T>;
    }
    if (x == -1) return -inf_v<T>;
    if (x == inf_v<T>) return x;
    if (x == 0) return x;  // keeps the sign of zero
    return narrow<T>(log1p_l(x));
}

// ===========================================================================
// sqrt, cbrt, hypot
// ===========================================================================

/// sqrt(m), m = x 2^-2e in [1, 4), for finite x > 0: returns sqrt(m) in [1, 2]
/// within ~2 ulps (refine: ~0.5 ulp) and sets e (sqrt x = result 2^e).
/// Newton's iteration for 1/sqrt (products only, no division), then
/// optionally one correction with the exact residual.
constexpr L sqrt_m(L x, int& e, L& m, bool refine) noexcept {
    m = frexp_l(x, e);
    if (e & 1) {  // even exponent: m in [1, 4)
        --e;
        m *= 2;
    }
    e /= 2;
    L y = 1.3143245040136766L + m * (-0.391746352408189L + m * 0.04759950544647554L);  // 3%
    const L hm = 0.5L * m;
    y = y * (1.5L - hm * y * y);  // 1.4e-3
    y = y * (1.5L - hm * y * y);  // 2.7e-6
    y = y * (1.5L - hm * y * y);  // 1.1e-11
    y = y * (1.5L - hm * y * y);  // 2e-22
    L r = m * y;                  // within ~2 ulps
    if (refine) {                 // to ~0.5 ulp, for the long double result
        const dd rr = two_prod(r, r);
        r += ((m - rr.hi) - rr.lo) * (0.5L * y);
    }
    return r;
}

/// sqrt of a finite x > 0 in long double.
constexpr L sqrt_l(L x, bool refine = false) noexcept {
    int e = 0;
    L m = 0;
    const L r = sqrt_m(x, e, m, refine);
    return scale2(r, e);
}

/// Correctly rounded sqrt for float and double: the long double result is
/// rounded and, when it is close to a midpoint between two T, checked
/// against that midpoint with an exact square, so the compile-time value is
/// the one the hardware gives.
template <class T>
constexpr T sqrt_impl(T x) noexcept {
    if ((x != x)) return x;
    if (x == 0) return x;  // sqrt(-0) == -0
    if (x < 0) {
        error::sqrt_of_a_negative_number_is_undefined();
        return nan_v<T>;
    }
    if (x == inf_v<T>) return x;
    if constexpr (std::is_same_v<T, L>) {
        return sqrt_l(x, true);
    } else {
        // sqrt(x) = sqrt(m) 2^e with sqrt(m) in [1, 2]: round there (the result
        // is never subnormal), where half an ulp of T is h for every value
        int e = 0;
        L m = 0;
        const L y = sqrt_m(x, e, m, false);
        L t = static_cast<T>(y);
        const L h = std::is_same_v<T, float> ? 0x1p-24L : 0x1p-53L;  // 2^-digits
        const L d = y - t;
        if (d > h - h * 0x1p-8L || d < h * 0x1p-8L - h) {
            // y may be on the wrong side of the midpoint t +- h: compare the
            // midpoint's exact square with m
            const L mid = d > 0 ? t + h : t - h;
            const dd sq = two_prod(mid, mid);
            const bool above = sq.hi < m || (sq.hi == m && sq.lo < 0);  // sqrt(m) > mid
            if (d > 0 && above) t += 2 * h;
            if (d < 0 && !above) t -= 2 * h;
        }
        return static_cast<T>(t * pow2_d(e));
    }
}

/// cbrt of a finite ax > 0: Newton's iteration for m^(-1/3) (products only),
/// cbrt m = m y^2 (within ~2 ulps), then optionally (refine, for the long
/// double result) one correction with the exact residual.
constexpr L cbrt_l(L ax, bool refine) noexcept {
    int e = 0;
    L m = frexp_l(ax, e);
    const int e3 = (e >= 0 ? e / 3 : -((-e + 2) / 3)) * 3;                            // floor(e/3)*3
    m *= static_cast<L>(1 << (e - e3));                                               // [1, 8)
    L y = 1.0766783808446L + m * (-0.1483637898121959L + m * 0.009711878399390673L);  // 6%
    const L third = 0xaaaaaaaaaaaaaaabp-65L;                                          // 1/3
    y += y * (1 - m * (y * y * y)) * third;                                           // 7.7e-3
    y += y * (1 - m * (y * y * y)) * third;                                           // 1.2e-4
    y += y * (1 - m * (y * y * y)) * third;                                           // 3e-8
    y += y * (1 - m * (y * y * y)) * third;                                           // 2e-15
    y += y * (1 - m * (y * y * y)) * third;                                           // 5e-30
    L c = m * y * y;                                                                  // within ~2 ulps
    if (refine) {  // to ~0.5 ulp, for the long double result
        // m - c^3 exactly: c^2 = a + b, c^3 = a c + b c with a c = p + q
        const dd c2 = two_prod(c, c);
        const dd c3 = two_prod(c2.hi, c);
        const L res = ((m - c3.hi) - c3.lo) - c2.lo * c;
        c += res * (y * y) * third;
    }
    return scale2(c, e3 / 3);
}

template <class T>
constexpr T cbrt_impl(T x) noexcept {
    if ((x != x) || x == 0 || (x == inf_v<T> || x == -inf_v<T>)) return x;
    const L ax = abs_v(static_cast<L>(x));
    const L r = cbrt_l(ax, std::is_same_v<T, L>);
    return narrow<T>(x < 0 ? -r : r);
}

template <class T>
constexpr T hypot_impl(T x, T y) noexcept {
    if ((x == inf_v<T> || x == -inf_v<T>) || (y == inf_v<T> || y == -inf_v<T>))
        return inf_v<T>;  // even if the other is NaN
    if ((x != x) || (y != y)) return nan_v<T>;
    L ax = abs_v(static_cast<L>(x));
    L ay = abs_v(static_cast<L>(y));
    if (ax < ay) {
        const L t = ax;
        ax = ay;
        ay = t;
    }
    if (ay == 0) return static_cast<T>(ax);
    if constexpr (!std::is_same_v<T, L>) {
        // float/double: the squares cannot overflow or underflow long double,
        // and a 2^-63 relative error is far below half an ulp of T
        return narrow<T>(sqrt_l(ax * ax + ay * ay));
    }
    // scale so that the squares neither overflow nor underflow (exact scaling)
    const int e = ilogb(ax);
    const L sx = scale2(ax, -e);
    const L sy = scale2(ay, -e);
    // ax^2 + ay^2 with the square of the larger one exact
    const dd x2 = two_prod(sx, sx);
    const dd y2 = two_prod(sy, sy);
    const dd s = dd_add(x2, y2);
    L r = sqrt_l(s.hi);
    r += (s.lo) / (2 * r);
    return narrow<T>(scale_checked(r, e));
}

// ===========================================================================
// sin, cos, tan
// ===========================================================================

/// Bits [pos, pos + 64) of a little-endian array of 32-bit limbs.
constexpr std::uint64_t extract64(const std::uint32_t* p, int n, int pos) noexcept {
    const int i = pos / 32;
    const int b = pos % 32;
    const std::uint64_t l0 = i < n ? p[i] : 0;
    const std::uint64_t l1 = i + 1 < n ? p[i + 1] : 0;
    const std::uint64_t l2 = i + 2 < n ? p[i + 2] : 0;
    return (l0 >> b) | (l1 << (32 - b)) | (b != 0 ? l2 << (64 - b) : 0);
}

/// Payne-Hanek reduction of a finite ax >= 2^31: multiply the 64-bit integer
/// significand by the window of bits of 2/pi that matter at this exponent.
/// Returns r in [-pi/4, pi/4] and sets the quadrant q: ax = (4j + q) pi/2 + r.
constexpr L reduce_payne_hanek(L ax, int& quadrant) noexcept {
    const int e = ilogb(ax);
    const auto M = static_cast<std::uint64_t>(scale2(ax, 63 - e));  // exact
    const int E = e - 63;                                           // ax = M 2^E
    // Words j with E - 32j - 32 >= 2 only add multiples of 4: skip them.
    const int j0 = E >= 34 ? (E - 34) / 32 + 1 : 0;
    constexpr int K = 8;  // 256 bits of 2/pi
    // p = M * window, in 32-bit limbs, least significant first (unrolled:
    // loops are expensive to constant-evaluate).
    std::uint32_t p[K + 2] = {};
    const std::uint64_t m0 = M & 0xffffffffu;
    const std::uint64_t m1 = M >> 32;
    const std::uint32_t* const w = k::two_over_pi_bits + j0;  // w[K - 1] is the lowest
    std::uint64_t t = 0;
    t = m0 * w[7] + p[0];
    p[0] = static_cast<std::uint32_t>(t);
    t = m0 * w[6] + p[1] + (t >> 32);
    p[1] = static_cast<std::uint32_t>(t);
    t = m0 * w[5] + p[2] + (t >> 32);
    p[2] = static_cast<std::uint32_t>(t);
    t = m0 * w[4] + p[3] + (t >> 32);
    p[3] = static_cast<std::uint32_t>(t);
    t = m0 * w[3] + p[4] + (t >> 32);
    p[4] = static_cast<std::uint32_t>(t);
    t = m0 * w[2] + p[5] + (t >> 32);
    p[5] = static_cast<std::uint32_t>(t);
    t = m0 * w[1] + p[6] + (t >> 32);
    p[6] = static_cast<std::uint32_t>(t);
    t = m0 * w[0] + p[7] + (t >> 32);
    p[7] = static_cast<std::uint32_t>(t);
    p[8] = static_cast<std::uint32_t>(t >> 32);
    t = m1 * w[7] + p[1];
    p[1] = static_cast<std::uint32_t>(t);
    t = m1 * w[6] + p[2] + (t >> 32);
    p[2] = static_cast<std::uint32_t>(t);
    t = m1 * w[5] + p[3] + (t >> 32);
    p[3] = static_cast<std::uint32_t>(t);
    t = m1 * w[4] + p[4] + (t >> 32);
    p[4] = static_cast<std::uint32_t>(t);
    t = m1 * w[3] + p[5] + (t >> 32);
    p[5] = static_cast<std::uint32_t>(t);
    t = m1 * w[2] + p[6] + (t >> 32);
    p[6] = static_cast<std::uint32_t>(t);
    t = m1 * w[1] + p[7] + (t >> 32);
    p[7] = static_cast<std::uint32_t>(t);
    t = m1 * w[0] + p[8] + (t >> 32);
    p[8] = static_cast<std::uint32_t>(t);
    p[9] = static_cast<std::uint32_t>(t >> 32);
    // The product is (x * 2/pi mod 4) * 2^s, s fraction bits.
    const int s = 32 * (j0 + K) - E;
    int q = static_cast<int>(extract64(p, K + 2, s) & 3u);
    std::uint64_t f1 = extract64(p, K + 2, s - 64);
    std::uint64_t f2 = extract64(p, K + 2, s - 128);
    bool neg = false;
    if (f1 >> 63) {  // fraction >= 1/2: go to the next quadrant, r < 0
        q = (q + 1) & 3;
        f2 = ~f2 + 1;
        f1 = ~f1 + (f2 == 0 ? 1 : 0);
        neg = true;
    }
    const dd frac = fast_two_sum(static_cast<L>(f1) * 0x1p-64L, static_cast<L>(f2) * 0x1p-128L);
    L r = dd_mul(frac, {k::pio2, k::pio2_lo}).hi;
    quadrant = q;
    return neg ? -r : r;
}

/// Returns r in [-pi/4, pi/4] and sets q with ax = (4j + q) pi/2 + r (finite ax >= 0).
constexpr L reduce_pio2(L ax, int& q) noexcept {
    q = 0;
    if (ax <= 0.785398L) return ax;
    if (ax < 0x1p31L) {
        const long long kk = nearest(ax * k::two_over_pi);
        const L kl = static_cast<L>(kk);
        // Cody-Waite: each k * pio2_i is exact (32-bit parts, k < 2^31); the
        // subtractions are exact until the remainder is small.
        L r = ax - kl * k::pio2_1;
        r -= kl * k::pio2_2;
        r -= kl * k::pio2_3;
        r -= kl * k::pio2_4;
        r -= kl * k::pio2_5;
        r -= kl * k::pio2_6;
        q = static_cast<int>(kk & 3);
        return r;
    }
    return reduce_payne_hanek(ax, q);
}

template <class T>
constexpr T sin_impl(T x) noexcept {
    if ((x != x)) return x;
    if ((x == inf_v<T> || x == -inf_v<T>)) {
        error::sin_of_infinity_is_undefined();
        return nan_v<T>;
    }
    const L xl = x;
    const L ax = (xl < 0 ? -xl : xl);
    if (ax < 0x1p-33L) return x;  // sin x = x (1 - x^2/6), incl. signed zeros
    int q = 0;
    const L r = reduce_pio2(ax, q);
    L v = (q & 1) ? cos_kernel(r) : sin_kernel(r);
    if (q & 2) v = -v;
    return narrow<T>(xl < 0 ? -v : v);
}

template <class T>
constexpr T cos_impl(T x) noexcept {
    if ((x != x)) return x;
    if ((x == inf_v<T> || x == -inf_v<T>)) {
        error::cos_of_infinity_is_undefined();
        return nan_v<T>;
    }
    const L ax = abs_v(static_cast<L>(x));
    if (ax < 0x1p-33L) return 1;
    int q = 0;
    const L r = reduce_pio2(ax, q);
    L v = (q & 1) ? sin_kernel(r) : cos_kernel(r);
    if (q == 1 || q == 2) v = -v;
    return narrow<T>(v);
}

template <class T>
constexpr T tan_impl(T x) noexcept {
    if ((x != x)) return x;
    if ((x == inf_v<T> || x == -inf_v<T>)) {
        error::tan_of_infinity_is_undefined();
        return nan_v<T>;
    }
    const L xl = x;
    const L ax = (xl < 0 ? -xl : xl);
    if (ax < 0x1p-33L) return x;
    int q = 0;
    const L r = reduce_pio2(ax, q);
    const L s = sin_kernel(r);
    const L c = cos_kernel(r);
    const L v = (q & 1) ? -c / s : s / c;
    return narrow<T>(xl < 0 ? -v : v);
}

// ===========================================================================
// atan, atan2, asin, acos
// ===========================================================================

/// atan(num / den) for 0 <= num <= den, den > 0, both finite: atan(j/8) from
/// a table plus atan(u), u = (num - c den) / (den + c num), c = j/8, |u| <=
/// 1/16.  Only one division (constant evaluation of divisions is expensive).
constexpr L atan_ratio(L num, L den) noexcept {
    // j = nearest(8 num / den) by a binary search on (2j+1)/16 den
    int j = num < 0.5625L * den ? (num < 0.3125L * den ? (num < 0.1875L * den ? (num < 0.0625L * den ? 0 : 1) : 2)
                                                       : (num < 0.4375L * den ? 3 : 4))
                                : (num < 0.8125L * den ? (num < 0.6875L * den ? 5 : 6) : (num < 0.9375L * den ? 7 : 8));
    const L c = static_cast<L>(j) * 0.125L;
    const L u = (num - c * den) / (den + c * num);
    const L z = u * u;
    const L series =
        u +
        u * z *
            (-0xaaaaaaaaaaaaaaabp-65L +
             z * (0xcccccccccccccccdp-66L +
                  z * (-0x9249249249249249p-66L +
                       z * (0xe38e38e38e38e38ep-67L +
                            z * (-0xba2e8ba2e8ba2e8cp-67L +
                                 z * (0x9d89d89d89d89d8ap-67L +
                                      z * (-0x8888888888888889p-67L +
                                           z * (0xf0f0f0f0f0f0f0f1p-68L +
                                                z * (-0xd79435e50d79435ep-68L + z * (0xc30c30c30c30c30cp-68L))))))))));
    return k::atan_j8_hi[j] + (k::atan_j8_lo[j] + series);
}

/// atan2 for finite y, x, not both zero; result in [-pi, pi].
constexpr L atan2_l(L y, L x) noexcept {
    const L ay = abs_v(y);
    const L ax = abs_v(x);
    L a;
    if (ay <= ax) {
        const L b = atan_ratio(ay, ax);
        a = sign_bit(x) ? (k::pi - b) + k::pi_lo : b;
    } else {
        const L b = atan_ratio(ax, ay);
        a = sign_bit(x) ? (k::pio2 + b) + k::pio2_lo : (k::pio2 - b) + k::pio2_lo;
    }
    return sign_bit(y) ? -a : a;
}

template <class T>
constexpr T atan_impl(T x) noexcept {
    if ((x != x)) return x;
    if (x == inf_v<T>) return narrow<T>(k::pio2);
    if (x == -inf_v<T>) return narrow<T>(-k::pio2);
    const L xl = x;
    const L ax = (xl < 0 ? -xl : xl);
    if (ax < 0x1p-33L) return x;
    L a;
    if (ax <= 1) a = atan_ratio(ax, 1);
    else a = (k::pio2 - atan_ratio(1, ax)) + k::pio2_lo;
    return narrow<T>(xl < 0 ? -a : a);
}

template <class T>
constexpr T atan2_impl(T y, T x) noexcept {
    if ((x != x) || (y != y)) return nan_v<T>;
    const bool ny = sign_bit(y);
    const bool nx = sign_bit(x);
    if (y == 0) {  // atan2(+-0, x>=+0) = +-0, atan2(+-0, x<=-0) = +-pi
        if (!nx) return y;
        return narrow<T>(ny ? -k::pi : k::pi);
    }
    if ((y == inf_v<T> || y == -inf_v<T>)) {
        L a = k::pio2;
        if ((x == inf_v<T> || x == -inf_v<T>)) a = nx ? 3 * k::pio2 / 2 : k::pio2 / 2;  // 3pi/4 or pi/4
        return narrow<T>(ny ? -a : a);
    }
    if ((x == inf_v<T> || x == -inf_v<T>)) {
        if (!nx) return ny ? -T(0) : T(0);
        return narrow<T>(ny ? -k::pi : k::pi);
    }
    if (x == 0) return narrow<T>(ny ? -k::pio2 : k::pio2);
    return narrow<T>(atan2_l(y, x));
}

template <class T>
constexpr T asin_impl(T x) noexcept {
    if ((x != x)) return x;
    const L xl = x;
    const L ax = (xl < 0 ? -xl : xl);
    if (ax > 1) {
        error::asin_of_a_number_outside_minus_one_to_one_is_undefined();
        return nan_v<T>;
    }
    if (ax < 0x1p-33L) return x;
    if (ax == 1) return narrow<T>(xl < 0 ? -k::pio2 : k::pio2);
    const L c = sqrt_l((1 - ax) * (1 + ax));
    const L a = ax <= c ? atan_ratio(ax, c) : (k::pio2 - atan_ratio(c, ax)) + k::pio2_lo;
    return narrow<T>(xl < 0 ? -a : a);
}

template <class T>
constexpr T acos_impl(T x) noexcept {
    if ((x != x)) return x;
    const L xl = x;
    if (xl > 1 || xl < -1) {
        error::acos_of_a_number_outside_minus_one_to_one_is_undefined();
        return nan_v<T>;
    }
    if (xl == 1) return 0;
    if (xl == -1) return narrow<T>(k::pi);
    const L s = sqrt_l((1 - xl) * (1 + xl));
    const L ax = xl < 0 ? -xl : xl;
    // a = atan(s / |x|) in [0, pi/2]; acos x = a (x >= 0) or pi - a (x < 0)
    const L a = s <= ax ? atan_ratio(s, ax) : (k::pio2 - atan_ratio(ax, s)) + k::pio2_lo;
    return narrow<T>(xl < 0 ? (k::pi - a) + k::pi_lo : a);
}

// ===========================================================================
// hyperbolic functions
// ===========================================================================

template <class T>
constexpr T sinh_impl(T x) noexcept {
    if ((x != x) || (x == inf_v<T> || x == -inf_v<T>) || x == 0) return x;
    const L xl = x;
    const L ax = (xl < 0 ? -xl : xl);
    if (ax < 0x1p-33L) return x;
    L v;
    if (ax > 11400) {
        return xl < 0 ? -inf_v<T> : inf_v<T>;
    } else if (ax > 11000) {
        v = exp_dd(ax, 0, -1);  // e^x / 2
    } else if (ax < 1) {
        const L em = expm1_l(ax);
        v = 0.5L * (em + em / (em + 1));  // no cancellation for small x
    } else {
        const L ex = exp_l(ax);
        v = 0.5L * (ex - 1 / ex);
    }
    if (v == inf_v<L> || v == -inf_v<L>) return xl < 0 ? -inf_v<T> : inf_v<T>;
    return narrow<T>(xl < 0 ? -v : v);
}

template <class T>
constexpr T cosh_impl(T x) noexcept {
    if ((x != x)) return x;
    if ((x == inf_v<T> || x == -inf_v<T>)) return inf_v<T>;
    const L ax = abs_v(static_cast<L>(x));
    if (ax < 0x1p-33L) return 1;
    if (ax > 11400) return inf_v<T>;
    if (ax > 11000) {
        return narrow<T>(exp_dd(ax, 0, -1));
    }
    const L ex = exp_l(ax);
    return narrow<T>(0.5L * (ex + 1 / ex));
}

template <class T>
constexpr T tanh_impl(T x) noexcept {
    if ((x != x) || x == 0) return x;
    if (x == inf_v<T>) return 1;
    if (x == -inf_v<T>) return -1;
    const L xl = x;
    const L ax = (xl < 0 ? -xl : xl);
    if (ax < 0x1p-33L) return x;
    L v = 1;
    if (ax < 50) {
        const L em = expm1_l(2 * ax);
        v = em / (em + 2);
    }
    return narrow<T>(xl < 0 ? -v : v);
}

template <class T>
constexpr T asinh_impl(T x) noexcept {
    if ((x != x) || (x == inf_v<T> || x == -inf_v<T>) || x == 0) return x;
    const L xl = x;
    const L ax = (xl < 0 ? -xl : xl);
    if (ax < 0x1p-33L) return x;
    L v;
    if (ax > 0x1p33L) {
        v = dd_add(log_dd(ax), {k::ln2, k::ln2_lo2}).hi;  // log(2x)
    } else {
        const L x2 = ax * ax;
        v = log1p_l(ax + x2 / (1 + sqrt_l(1 + x2)));
    }
    return narrow<T>(xl < 0 ? -v : v);
}

template <class T>
constexpr T acosh_impl(T x) noexcept {
    if ((x != x)) return x;
    if (x < 1) {
        error::acosh_of_a_number_below_one_is_undefined();
        return nan_v<T>;
    }
    if (x == inf_v<T>) return x;
    if (x == 1) return 0;
    const L xl = x;
    L v;
    if (xl > 0x1p33L) {
        v = dd_add(log_dd(xl), {k::ln2, k::ln2_lo2}).hi;
    } else if (xl < 2) {
        const L f = xl - 1;  // exact
        v = log1p_l(f + sqrt_l(2 * f + f * f));
    } else {
        v = log_l(xl + sqrt_l(xl * xl - 1));
    }
    return narrow<T>(v);
}

template <class T>
constexpr T atanh_impl(T x) noexcept {
    if ((x != x) || x == 0) return x;
    const L xl = x;
    const L ax = (xl < 0 ? -xl : xl);
    if (ax > 1) {
        error::atanh_of_a_number_outside_minus_one_to_one_is_undefined();
        return nan_v<T>;
    }
    if (ax == 1) return xl < 0 ? -inf_v<T> : inf_v<T>;  // pole
    if (ax < 0x1p-33L) return x;
    const L v = 0.5L * log1p_l(2 * ax / (1 - ax));  // 1 - ax exact near 1
    return narrow<T>(xl < 0 ? -v : v);
}

// ===========================================================================
// pow
// ===========================================================================

template <class T>
constexpr T pow_impl(T x, T y) noexcept {
    // C Annex F special cases, in the order the standard lists them.
    if (y == 0) return 1;
    if (x == 1) return 1;
    if ((x != x) || (y != y)) return nan_v<T>;
    const L xl = x;
    const L yl = y;
    bool neg = false;
    if (!(xl > 0 && xl < inf_v<L> && yl > -0x1p80L && yl < 0x1p80L)) {
        // everything but the common case: zeros, infinities, negative bases,
        // huge exponents (|y ln x| > 2^15 for every x != 1 with 64 bits)
        const bool y_inf = (y == inf_v<T> || y == -inf_v<T>);
        const bool y_odd = !y_inf && is_odd_integer(yl);
        const bool y_int = y_inf || is_integer(yl);
        if (x == 0) {
            const bool neg0 = sign_bit(x) && y_odd;
            if (yl < 0) return neg0 ? -inf_v<T> : inf_v<T>;  // pole
            return neg0 ? -T(0) : T(0);
        }
        const L ax = (xl < 0 ? -xl : xl);
        if (y_inf) {
            if (ax == 1) return 1;
            if ((ax < 1) == (yl < 0)) return inf_v<T>;
            return 0;
        }
        if ((x == inf_v<T> || x == -inf_v<T>)) {
            const bool ng = x < 0 && y_odd;
            if (yl < 0) return ng ? -T(0) : T(0);
            return ng ? -inf_v<T> : inf_v<T>;
        }
        if (xl < 0 && !y_int) {
            error::pow_of_a_negative_base_with_a_non_integer_exponent_is_undefined();
            return nan_v<T>;
        }
        neg = xl < 0 && y_odd;
        if (ax == 1) return neg ? -T(1) : T(1);  // (-1)^y for an integer y
        if (yl >= 0x1p80L || yl <= -0x1p80L) return ((ax > 1) == (yl > 0)) ? inf_v<T> : 0;
        if (xl < 0) {  // |x|^y with the sign of an odd power
            const T r = pow_impl<T>(static_cast<T>(-x), y);
            return neg ? -r : r;
        }
    }
    // x > 0 finite, |y| < 2^80: x^y = e^(y log x), with log x to ~2^-75 and
    // y log x as an exact product (the error of y log x is the relative error
    // of the result).  The dd operations are written out: calls are expensive
    // to constant-evaluate.
    int e = 0;
    L lm_lo = 0;
    const L lm = log_m(xl, 0, e, lm_lo);
    const L el = static_cast<L>(e);
    // log x = e ln2_hi (exact) + lm + (e (ln2_mid + ln2_lo) + lm_lo)
    const L a = el * k::ln2_hi;
    const L s = a + lm;
    const L bb = s - a;
    const L s_lo = ((a - (s - bb)) + (lm - bb)) + (el * k::ln2_mid + el * k::ln2_lo + lm_lo);
    // z = y (s + s_lo): y s exactly (Dekker), plus y s_lo
    const L p = yl * s;
    const L ty = split_c * yl;
    const L yh = ty - (ty - yl);
    const L yt = yl - yh;
    const L ts = split_c * s;
    const L sh = ts - (ts - s);
    const L st = s - sh;
    const L p_lo = (((yh * sh - p) + yh * st + yt * sh) + yt * st) + yl * s_lo;
    const L z = p + p_lo;
    if (z > 11400) return inf_v<T>;
    if (z < -11500) return 0;
    const L v = exp_dd(z, p_lo - (z - p));
    if (v == inf_v<L>) return inf_v<T>;
    return narrow<T>(v);
}

// ===========================================================================
// erf, erfc
// ===========================================================================

/// e^(-x^2) with x^2 carried exactly (x^2 = hi + lo), for 0 <= x < 110.
constexpr L exp_minus_sq(L x) noexcept {
    // x^2 = p + e exactly (Dekker's product, written out)
    const L p = x * x;
    const L t = split_c * x;
    const L h = t - (t - x);
    const L l = x - h;
    const L e = ((h * h - p) + 2 * h * l) + l * l;
    return exp_dd(-p, -e);
}

/// erfc(x) for 0.5 <= x: e^(-x^2) g(x) with g from the table of Chebyshev
/// fits (x < 8), or the fitted asymptotic factor (x >= 8).  Loops and
/// divisions are avoided: they dominate the cost of constant evaluation.
constexpr L erfc_large(L x) noexcept {
    if (x < 8) {
        const int i = static_cast<int>((x - 0.5L) * 2);
        return exp_minus_sq(x) * erfc_scaled(i, x - (0.75L + 0.5L * static_cast<L>(i)));
    }
    return exp_minus_sq(x) * k::one_over_sqrt_pi * erfc_asymptotic(1 / (x * x)) / x;
}

/// erf(|x|) for finite x.
constexpr L erf_pos(L ax) noexcept {
    if (ax < 0x1p-33L) return k::two_over_sqrt_pi * ax;
    if (ax < 0.5L) return erf_taylor(ax);
    if (ax < 7) return 1 - erfc_large(ax);
    return 1;
}

template <class T>
constexpr T erf_impl(T x) noexcept {
    if ((x != x) || x == 0) return x;
    if (x == inf_v<T>) return 1;
    if (x == -inf_v<T>) return -1;
    const L xl = x;
    const L v = erf_pos((xl < 0 ? -xl : xl));
    return narrow<T>(xl < 0 ? -v : v);
}

template <class T>
constexpr T erfc_impl(T x) noexcept {
    if ((x != x)) return x;
    if (x == inf_v<T>) return 0;
    if (x == -inf_v<T>) return 2;
    const L xl = x;
    if (xl < 0.5L) {
        if (xl < 0) return narrow<T>(1 + erf_pos(-xl));
        return narrow<T>(1 - erf_pos(xl));
    }
    if (xl >= 110) return 0;
    return narrow<T>(erfc_large(xl));
}

}  // namespace detail
}  // namespace chainrule::math
// ---- end chainrule/math/detail/impl.hpp
// ---- back in chainrule/math.hpp

namespace chainrule::math {

// ---------------------------------------------------------------------------
// Classification and sign helpers: constexpr at compile time and at run time
// (no compiler builtins; float/double use std::bit_cast).
// ---------------------------------------------------------------------------

/// True if x is a NaN.
template <std::floating_point T>
constexpr bool isnan(T x) noexcept {
    return detail::is_nan(x);
}

/// True if x is +inf or -inf.
template <std::floating_point T>
constexpr bool isinf(T x) noexcept {
    return detail::is_inf(x);
}

/// True if x is neither infinite nor NaN.
template <std::floating_point T>
constexpr bool isfinite(T x) noexcept {
    return detail::is_finite(x);
}

/// True if the sign bit of x is set (also for -0.0 and negative NaNs).
template <std::floating_point T>
constexpr bool signbit(T x) noexcept {
    return detail::sign_bit(x);
}

/// |x|, clearing the sign of -0.0 too (abs(-0.0) == +0.0).
template <std::floating_point T>
constexpr T abs(T x) noexcept {
    return detail::abs_v(x);
}

/// The magnitude of mag with the sign of sgn (also for zeros and NaNs).
template <std::floating_point T>
constexpr T copysign(T mag, T sgn) noexcept {
    return detail::copy_sign(mag, sgn);
}

// ---------------------------------------------------------------------------
// Elementary functions.
// ---------------------------------------------------------------------------

/// e raised to the power x.
/// Domain: all x; overflows to +inf above ~709.78 (double), underflows to +0 below ~-745.13.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::exp.
template <std::floating_point T>
constexpr T exp(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::exp_impl(x);
    else return std::exp(x);
}

namespace detail {
// e^(-|x|) at run time: declared const (its value is of x alone: it never
// overflows, and the errno an underflow may set is not the library's to
// observe) and kept out of line, so that the compiler merges the calls at
// one x into one exp: sigma(u) and a polynomial in sigma(u)
// (detail/stable.hpp) in one expression, as in the derivative of x sigma(x),
// each need e^(-|u|).
template <std::floating_point T>
[[gnu::const, gnu::noinline]] T exp_minus_magnitude_at_run_time(T x) noexcept {
    return std::exp(x < T(0) ? x : -x);
}

// e^(-|x|) (for x < 0 e^x, else e^-x; NaN for NaN), one exp.
template <std::floating_point T>
constexpr T exp_minus_magnitude(T x) noexcept {
    if (std::is_constant_evaluated()) return exp_impl(x < T(0) ? x : -x);
    else return exp_minus_magnitude_at_run_time(x);
}
}  // namespace detail

/// 2 raised to the power x.
/// Domain: all x; overflows to +inf at x >= 1024 (double).
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::exp2.
template <std::floating_point T>
constexpr T exp2(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::exp2_impl(x);
    else return std::exp2(x);
}

/// e^x - 1, accurate for small |x|.
/// Domain: all x; -1 at -inf.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::expm1.
template <std::floating_point T>
constexpr T expm1(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::expm1_impl(x);
    else return std::expm1(x);
}

/// Natural logarithm.
/// Domain: x >= 0; log(+-0) = -inf (pole), x < 0 is a domain error.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::log.
template <std::floating_point T>
constexpr T log(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::log_impl(x);
    else return std::log(x);
}

/// Base-2 logarithm (exact for powers of two).
/// Domain: x >= 0; log2(+-0) = -inf (pole), x < 0 is a domain error.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::log2.
template <std::floating_point T>
constexpr T log2(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::log2_impl(x);
    else return std::log2(x);
}

/// Base-10 logarithm.
/// Domain: x >= 0; log10(+-0) = -inf (pole), x < 0 is a domain error.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::log10.
template <std::floating_point T>
constexpr T log10(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::log10_impl(x);
    else return std::log10(x);
}

/// log(1 + x), accurate for small |x|.
/// Domain: x >= -1; log1p(-1) = -inf (pole), x < -1 is a domain error.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::log1p.
template <std::floating_point T>
constexpr T log1p(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::log1p_impl(x);
    else return std::log1p(x);
}

/// Square root (correctly rounded for float and double).
/// Domain: x >= 0; sqrt(-0) = -0, x < 0 is a domain error.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::sqrt.
template <std::floating_point T>
constexpr T sqrt(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::sqrt_impl(x);
    else return std::sqrt(x);
}

/// Cube root.
/// Domain: all x.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::cbrt.
template <std::floating_point T>
constexpr T cbrt(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::cbrt_impl(x);
    else return std::cbrt(x);
}

/// Sine of x radians.
/// Domain: finite x (exact argument reduction for every finite x); +-inf is a domain error; sin(-0) = -0.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::sin.
template <std::floating_point T>
constexpr T sin(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::sin_impl(x);
    else return std::sin(x);
}

/// Cosine of x radians.
/// Domain: finite x (exact argument reduction for every finite x); +-inf is a domain error.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::cos.
template <std::floating_point T>
constexpr T cos(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::cos_impl(x);
    else return std::cos(x);
}

/// Tangent of x radians.
/// Domain: finite x (exact argument reduction for every finite x); +-inf is a domain error.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::tan.
template <std::floating_point T>
constexpr T tan(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::tan_impl(x);
    else return std::tan(x);
}

/// Arc sine, in [-pi/2, pi/2].
/// Domain: -1 <= x <= 1; outside is a domain error.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::asin.
template <std::floating_point T>
constexpr T asin(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::asin_impl(x);
    else return std::asin(x);
}

/// Arc cosine, in [0, pi].
/// Domain: -1 <= x <= 1; outside is a domain error.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::acos.
template <std::floating_point T>
constexpr T acos(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::acos_impl(x);
    else return std::acos(x);
}

/// Arc tangent, in [-pi/2, pi/2].
/// Domain: all x.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::atan.
template <std::floating_point T>
constexpr T atan(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::atan_impl(x);
    else return std::atan(x);
}

/// Hyperbolic sine.
/// Domain: all x; overflows to +-inf.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::sinh.
template <std::floating_point T>
constexpr T sinh(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::sinh_impl(x);
    else return std::sinh(x);
}

/// Hyperbolic cosine.
/// Domain: all x; overflows to +inf.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::cosh.
template <std::floating_point T>
constexpr T cosh(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::cosh_impl(x);
    else return std::cosh(x);
}

/// Hyperbolic tangent.
/// Domain: all x.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::tanh.
template <std::floating_point T>
constexpr T tanh(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::tanh_impl(x);
    else return std::tanh(x);
}

/// Inverse hyperbolic sine.
/// Domain: all x.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::asinh.
template <std::floating_point T>
constexpr T asinh(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::asinh_impl(x);
    else return std::asinh(x);
}

/// Inverse hyperbolic cosine.
/// Domain: x >= 1; x < 1 is a domain error.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::acosh.
template <std::floating_point T>
constexpr T acosh(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::acosh_impl(x);
    else return std::acosh(x);
}

/// Inverse hyperbolic tangent.
/// Domain: -1 <= x <= 1; atanh(+-1) = +-inf (pole), |x| > 1 is a domain error.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::atanh.
template <std::floating_point T>
constexpr T atanh(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::atanh_impl(x);
    else return std::atanh(x);
}

/// Error function.
/// Domain: all x.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::erf.
template <std::floating_point T>
constexpr T erf(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::erf_impl(x);
    else return std::erf(x);
}

/// Complementary error function 1 - erf(x), accurate where it is tiny.
/// Domain: all x; underflows to +0 above ~27.2 (double).
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::erfc.
template <std::floating_point T>
constexpr T erfc(T x) noexcept {
    if (std::is_constant_evaluated()) return detail::erfc_impl(x);
    else return std::erfc(x);
}

/// x raised to the power y (real exponent).
/// Domain: C Annex F special values (pow(x, +-0) = 1, pow(1, y) = 1, pow(+-0, y < 0) = +-inf pole, ...); a negative
/// finite x with a finite non-integer y is a domain error. Accuracy during constant evaluation: <= 1 ulp for float and
/// double, a few ulps for long double (docs/math.md); at run time this is std::pow.
template <std::floating_point T>
constexpr T pow(T x, T y) noexcept {
    if (std::is_constant_evaluated()) return detail::pow_impl(x, y);
    else return std::pow(x, y);
}

/// sqrt(x^2 + y^2) without undue overflow or underflow.
/// Domain: all x, y; hypot(+-inf, NaN) = +inf.
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::hypot.
template <std::floating_point T>
constexpr T hypot(T x, T y) noexcept {
    if (std::is_constant_evaluated()) return detail::hypot_impl(x, y);
    else return std::hypot(x, y);
}

/// Arc tangent of y/x using the signs of both to pick the quadrant, in [-pi, pi].
/// Domain: all y, x, with the C Annex F signed-zero and infinity cases (atan2(+-0, -0) = +-pi, ...).
/// Accuracy during constant evaluation: <= 1 ulp for float and double, a few
/// ulps for long double (docs/math.md); at run time this is std::atan2.
template <std::floating_point T>
constexpr T atan2(T y, T x) noexcept {
    if (std::is_constant_evaluated()) return detail::atan2_impl(y, x);
    else return std::atan2(y, x);
}

}  // namespace chainrule::math
// ---- end chainrule/math.hpp
// ---- back in chainrule/functions/log.hpp


namespace chainrule {

struct log_fn;

/// The natural logarithm of A.
template <Expression A>
using Log = detail::apply_t<log_fn, A>;

/// The function log: d/dx ln(u) = u'/u. Log of a negative number is NaN at run time (as std::log) and a
/// compile error during constant evaluation; Log at 0 is -inf.
struct log_fn {
    static constexpr const char* name = "log";
    static constexpr const char* latex = "\\ln";
    static constexpr const char* cpp = "std::log";

    template <class U>
    using derivative = Pow<U, Int<-1>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::log(u);
        } else {
            using std::log;  // a user scalar's log is found by argument-dependent lookup
            return log(u);
        }
    }
};

namespace detail {
template <>
struct apply<log_fn, Int<1>> {
    using type = Int<0>;
};
// A domain error known when the type is formed is reported then, naming the
// function (as during constant evaluation, where it would be one anyway).
template <Constant C>
    requires(C::numerator < 0)
struct apply<log_fn, C> {
    static_assert(!(C::numerator < 0),
                  "chainrule::Log<A>: A is a negative constant, and the logarithm of a negative number is undefined");
    using type = Call<log_fn, C>;
};

// ln b in the derivative of b^e (derivative.hpp, and reverse mode's partials
// of a power, detail/graph.hpp). For a negative constant base the node is
// formed as it stands, not through Log<B> (which reports ln of a negative
// constant when the type is formed): (-2)^e has a derivative by x of 0 when
// e does not depend on x, and of NaN at run time when it does.
template <class B>
struct log_of_base {
    using type = Log<B>;
};
template <Constant B>
    requires(B::numerator < 0)
struct log_of_base<B> {
    using type = Call<log_fn, B>;
};
}  // namespace detail

/// ln a, as Log<A>.
template <Expression A>
constexpr Log<A> log(A) {
    return {};
}

}  // namespace chainrule

// ln sigmoid(u) is LogSigmoid<U> (log_sigmoid.hpp), wherever Log is known.

// ---- begin chainrule/functions/log_sigmoid.hpp


// ---- begin chainrule/functions/sigmoid.hpp



namespace chainrule {

struct sigmoid_fn;

/// The logistic sigmoid of A: 1 / (1 + e^-A).
template <Expression A>
using Sigmoid = detail::apply_t<sigmoid_fn, A>;

/// The function sigmoid: d/dx s(u) = s(u) (1 - s(u)) u', the form backpropagation uses.
struct sigmoid_fn {
    static constexpr const char* name = "sigmoid";
    static constexpr const char* text = "sigma";
    static constexpr const char* latex = "\\sigma";

    template <class U>
    using derivative = Mul<Sigmoid<U>, Sub<Int<1>, Sigmoid<U>>>;

    template <class T>
    static constexpr T eval(T u) {
        // Written so that neither branch overflows: for u < 0, e^u / (1 + e^u)
        // keeps the tiny values of the left tail that 1 / (1 + e^-u) rounds to 0.
        if constexpr (std::floating_point<T>) {
            // (ieee_*: the operators, but NaN stays a value in constant evaluation)
            // (e^-|u| through the one function a polynomial in sigma(u) uses
            // too, so that the compiler computes it once for both)
            const T e = math::detail::exp_minus_magnitude(u);
            if (u < T(0)) return math::detail::ieee_div(e, math::detail::ieee_add(T(1), e));
            return math::detail::ieee_div(T(1), math::detail::ieee_add(T(1), e));
        } else {
            using std::exp;
            return T(1) / (T(1) + exp(-u));
        }
    }
};

namespace detail {
template <>
struct apply<sigmoid_fn, Int<0>> {
    using type = Ratio<1, 2>;
};
}  // namespace detail

/// The logistic sigmoid of a, as Sigmoid<A>.
template <Expression A>
constexpr Sigmoid<A> sigmoid(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/sigmoid.hpp
// ---- back in chainrule/functions/log_sigmoid.hpp


namespace chainrule {

struct log_sigmoid_fn;

/// The logarithm of the sigmoid of A: ln(1 / (1 + e^-A)) = -softplus(-A).
template <Expression A>
using LogSigmoid = detail::apply_t<log_sigmoid_fn, A>;

/// The function log_sigmoid: d/dx ln sigmoid(u) = sigmoid(-u) u'. Computed as u - ln(1 + e^u) for u < 0
/// and -ln(1 + e^-u) otherwise: log_sigmoid(-800) is -800.
struct log_sigmoid_fn {
    static constexpr const char* name = "log_sigmoid";
    static constexpr const char* latex = "\\log\\sigma";

    template <class U>
    using derivative = Sigmoid<Neg<U>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            if (u < T(0)) return u - math::log1p(math::exp(u));
            return -math::log1p(math::exp(-u));
        } else {
            using std::exp;
            using std::log;
            return -log(T(1) + exp(-u));
        }
    }
};

namespace detail {
template <>
struct apply<log_sigmoid_fn, Int<0>> {
    using type = Neg<Log<Int<2>>>;
};
// Log<Sigmoid<A>> is LogSigmoid<A>: one function, whose value and derivative
// sigmoid(-u) stay finite in the left tail, where ln of sigmoid(u) = 0 gives
// -inf and reverse mode's (1 / sigmoid) * sigmoid' gives inf * 0 (issue 12).
// (log.hpp includes this header, so the two spellings are one type wherever
// Log is known.)
template <class A>
struct apply<log_fn, Call<sigmoid_fn, A>> {
    using type = Call<log_sigmoid_fn, A>;
};
}  // namespace detail

/// ln sigmoid(a), as LogSigmoid<A>.
template <Expression A>
constexpr LogSigmoid<A> log_sigmoid(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/log_sigmoid.hpp
// ---- back in chainrule/functions/log.hpp
// ---- end chainrule/functions/log.hpp
// ---- back in chainrule/derivative.hpp

// ---- begin chainrule/variables.hpp


// ---- begin chainrule/detail/bindings.hpp


// ---- begin chainrule/families.hpp



// Families of variables: the weights of a layer, written the way models are.
//
//   Vars<"w", 2, 3>      w[0][0], w[0][1], ..., w[1][2]   (Var<"w", i, j>)
//   Vars<"b", 2>         b[0], b[1]                        (Var<"b", i>)
//
// A family stands wherever a list of variables does (Gradient, Jacobian,
// Hessian, ValueAndGradient), flattened row-major in the order written, and
// at<Vars<...>>(values) binds all its members from an array, a span or a
// vector (eval.hpp).
namespace chainrule {

/// The family of variables Name[0..N0)[0..N1)...: Vars<"w", 2, 3> is the six
/// variables Var<"w", i, j>, row-major. Not an expression: a list of variables.
template <var_name Name, std::size_t... N>
struct Vars {
    static_assert(Name.rank == 0, "chainrule::Vars<name, N...>: write the sizes as template arguments");
    static_assert(sizeof...(N) >= 1 && sizeof...(N) <= var_name::max_indices,
                  "chainrule::Vars<name, N...>: a family has 1 to 4 dimensions, as in Vars<\"w\", 2, 3>");
    static_assert(detail::all_of({(N > 0)...}), "chainrule::Vars<name, N...>: every size must be at least 1");

    /// The number of dimensions and their sizes.
    static constexpr std::size_t rank = sizeof...(N);
    static constexpr std::array<std::size_t, sizeof...(N)> shape{N...};
    /// The number of variables in the family.
    static constexpr std::size_t size = [] {
        std::size_t n = 1;
        for (std::size_t s : std::array<std::size_t, sizeof...(N)>{N...}) n *= s;
        return n;
    }();
    /// The name the members share ("w").
    static constexpr var_name base = Name;

    /// The name of the K-th member, row-major.
    static constexpr var_name name_of(std::size_t k) {
        var_name n = Name;
        n.rank = static_cast<unsigned char>(rank);
        for (std::size_t d = rank; d-- > 0;) {
            n.indices[d] = k % shape[d];
            k /= shape[d];
        }
        return n;
    }
    /// The K-th member as a type: Vars<"w", 2, 3>::member<4> is Var<"w", 1, 1>.
    template <std::size_t K>
    using member = detail::variable_t<name_of(K)>;
};

namespace detail {

template <class T>
inline constexpr bool is_family = false;
template <var_name Name, std::size_t... N>
inline constexpr bool is_family<Vars<Name, N...>> = true;

// A variable or a family: what a list of variables may hold.
template <class T>
inline constexpr bool is_variable_or_family = Variable<T> || is_family<T>;

// The members of a family, or the variable itself, as a type_list.
template <class T>
struct members_of {
    using type = type_list<T>;
};
template <class F, std::size_t... K>
auto family_members(std::index_sequence<K...>) -> type_list<typename F::template member<K>...>;
template <var_name Name, std::size_t... N>
struct members_of<Vars<Name, N...>> {
    using type = decltype(family_members<Vars<Name, N...>>(std::make_index_sequence<Vars<Name, N...>::size>{}));
};

/// The variables of a list that may hold families, flattened in order:
/// flatten_variables<Vars<"b", 2>, X> is type_list<Var<"b", 0>, Var<"b", 1>, X>.
template <class... Ts>
using flatten_variables = typename concat_all<typename members_of<Ts>::type...>::type;

}  // namespace detail
}  // namespace chainrule
// ---- end chainrule/families.hpp
// ---- back in chainrule/detail/bindings.hpp

#include <span>
#include <stdexcept>
#include <string>
#include <vector>

// Where evaluation finds the values of variables, and how a call's bindings
// are checked against the variables an expression has (for eval and for
// Gradient, Jacobian and Hessian alike).
//
// Every lookup is by name, in constexpr tables sorted once per set of
// bindings: finding n variables among n bindings costs O(n log n) constexpr
// steps and no template instantiation per pair.
namespace chainrule {

namespace detail {

// A user type whose division truncates (an integer-like type: x/2 at 3 would
// be 1, and every derivative with a fraction in it wrong) is not a scalar.
// It is known by std::numeric_limits<T>::is_integer where T specialises
// numeric_limits, or by T(1) / T(2) == T(0) where that is a constant
// expression (a literal type with constexpr operators). A type that says
// neither (no numeric_limits, operators not constexpr) is taken at its word.
template <class T>
consteval bool integer_by_numeric_limits() {
    if constexpr (std::numeric_limits<T>::is_specialized) return std::numeric_limits<T>::is_integer;
    else return false;
}
template <class T>
consteval bool half_is_constant_zero() {
    if constexpr (requires { typename std::bool_constant<(T(1LL) / T(2LL) == T(0LL))>; })
        return T(1LL) / T(2LL) == T(0LL);
    else return false;
}
template <class T>
concept division_does_not_truncate = !integer_by_numeric_limits<T>() && !half_is_constant_zero<T>();

}  // namespace detail

/// The number types eval accepts: float, double, long double, and user types
/// with arithmetic operators whose exp, log, sin, ... are found by ADL
/// (boost::multiprecision::cpp_bin_float_50, an interval type, ...). A user
/// type whose division truncates is not one: numeric_limits says it is an
/// integer, or T(1) / T(2) is T(0) in a constant expression.
// clang-format 14 lays out a requires-expression inside a concept's
// conjunction as if && were a reference (T&& ...), so it is left as written.
// clang-format off
template <class T>
concept Scalar = std::floating_point<T> || (std::is_class_v<T> && std::is_constructible_v<T, long long> &&
                                            requires(const T& a) {
                                                a + a;
                                                a - a;
                                                a * a;
                                                a / a;
                                                -a;
                                            } &&
                                            detail::division_does_not_truncate<T>);
// clang-format on

/// The value of the variable V at a point: an argument of eval.
template <Variable V, Scalar T>
struct binding {
    using variable = V;
    using scalar = T;
    T value;

    static constexpr std::size_t count = 1;
    static constexpr bool strict = true;  // eval rejects it when E lacks V
    static constexpr var_name name_at(std::size_t) { return V::name; }
    template <class S>
    constexpr void write(S* out) const {
        out[0] = S(value);
    }
};

/// The values of every member of the family F, row-major: what
/// at<Vars<"w", 2, 3>>(values) returns.
template <class F, Scalar T>
struct family_binding {
    using family = F;
    using scalar = T;
    std::array<T, F::size> values;

    static constexpr std::size_t count = F::size;
    static constexpr bool strict = false;  // E may use some of the family
    static constexpr var_name name_at(std::size_t k) { return F::name_of(k); }
    template <class S>
    constexpr void write(S* out) const {
        for (std::size_t k = 0; k < F::size; ++k) out[k] = S(values[k]);
    }
};

/// The members of the family F read where the caller keeps them, row-major:
/// what at<Vars<"w", 2, 3>>(std::cref(values)) returns. It holds a pointer,
/// not a copy: the values must outlive every use of the binding, and a
/// change to them is seen by the next evaluation.
template <class F, Scalar T>
struct family_view {
    using family = F;
    using scalar = T;
    const T* values = nullptr;

    static constexpr std::size_t count = F::size;
    static constexpr bool strict = false;  // E may use some of the family
    static constexpr var_name name_at(std::size_t k) { return F::name_of(k); }
    template <class S>
    constexpr void write(S* out) const {
        for (std::size_t k = 0; k < F::size; ++k) out[k] = S(values[k]);
    }
};

namespace detail {

template <class T>
inline constexpr bool is_binding = false;
template <class V, class T>
inline constexpr bool is_binding<binding<V, T>> = true;
template <class F, class T>
inline constexpr bool is_binding<family_binding<F, T>> = true;
template <class F, class T>
inline constexpr bool is_binding<family_view<F, T>> = true;

template <class B>
inline constexpr bool is_view = false;

// std::reference_wrapper<C>, what std::cref(values) and std::ref(values) make,
// known by what it is -- convertible to the C& it returns from get() --
// without <functional> (a header of 60 MiB and 0.3 s of compiling, which a
// user who writes std::cref includes anyway).
template <class R>
concept reference_wrapper_like = std::is_class_v<R> && requires(const R& r) {
    typename R::type;
    { r.get() } -> std::same_as<typename R::type&>;
    requires std::is_convertible_v<const R&, typename R::type&>;
};
template <class F, class T>
inline constexpr bool is_view<family_view<F, T>> = true;

// A sorted table of names with their positions, and lookups in it.
template <std::size_t N>
struct sorted_names {
    static constexpr std::size_t size = N;
    std::array<named_position, N> sorted{};
    // The name's position, or N.
    constexpr std::size_t position(const var_name& name) const {
        const std::size_t i = find_name(sorted, name);
        return i < N ? sorted[i].position : N;
    }
    // The index in `sorted` of the first name that occurs twice, or N.
    constexpr std::size_t first_repeated() const {
        for (std::size_t i = 1; i < N; ++i)
            if (compare_names(sorted[i - 1].name, sorted[i].name) == 0) return i;
        return N;
    }
};

/// The names of Vs..., sorted, with their positions in the pack.
template <class... Vs>
struct name_table {
    static constexpr std::size_t size = sizeof...(Vs);
    static constexpr sorted_names<size> table{[] {
        std::array<named_position, size> a{};
        std::size_t i = 0;
        (void)std::initializer_list<int>{(a[i] = named_position{Vs::name, i}, ++i, 0)...};
        return sorted_by_name(a);
    }()};
    static constexpr auto& sorted = table.sorted;
    // The name's position in Vs, or size.
    static constexpr std::size_t position(const var_name& name) { return table.position(name); }
    // True when no name occurs twice.
    static constexpr bool distinct = table.first_repeated() == size;
};

// Writes the names binding B gives values to, with their positions (a free
// function: as a member of binding_names<Bs...> its name would spell every
// binding, O(n) characters for each of n bindings).
template <class B>
constexpr void put_names(named_position* out, std::size_t& at) {
    for (std::size_t k = 0; k < B::count; ++k, ++at) out[at] = named_position{B::name_at(k), at};
}

/// The names the bindings Bs... give values to, each family member on its
/// own, with their positions among the bound values.
template <class... Bs>
struct binding_names {
    static constexpr std::size_t size = [] {
        std::size_t n = 0;
        for (std::size_t c : {std::size_t(0), Bs::count...}) n += c;
        return n;
    }();
    static constexpr sorted_names<size> table{[] {
        std::array<named_position, size> a{};
        std::size_t at = 0;
        (void)std::initializer_list<int>{(put_names<Bs>(a.data(), at), 0)...};
        return sorted_by_name(a);
    }()};
    static constexpr auto& sorted = table.sorted;
    static constexpr std::size_t position(const var_name& name) { return table.position(name); }
    static constexpr std::size_t repeated = table.first_repeated();

    // The names bound one by one (not as a family): each must be a variable
    // of the expression, or it is likely a typo.
    struct strict_names {
        static constexpr std::size_t size = [] {
            std::size_t n = 0;
            for (bool b : {false, Bs::strict...}) n += b ? 1 : 0;
            return n;
        }();
        static constexpr std::array<named_position, size> sorted = [] {
            std::array<named_position, size> a{};
            std::size_t at = 0;
            std::size_t k = 0;
            (void)std::initializer_list<int>{
                (Bs::strict ? (a[at++] = named_position{Bs::name_at(0), k}, 0) : 0, k += Bs::count, 0)...};
            return sorted_by_name(a);
        }();
    };
    static constexpr bool distinct = repeated == size;
};

// ------------------------------------------------- families from data

// What at<Vars<...>>(values) accepts: std::array, C arrays and std::span of
// static extent, nested to any depth (a shape known at compile time); and
// std::span of dynamic extent and std::vector of numbers (a size known at
// run time).
template <class C>
struct container_shape {
    static constexpr bool known = false;  // not a container of numbers
};
template <class T>
    requires Scalar<T>
struct container_shape<T> {
    static constexpr bool known = true, is_static = true;
    static constexpr std::size_t rank = 0, size = 1;
    using scalar = T;
    static constexpr std::array<std::size_t, 0> shape{};
};
template <class E, std::size_t N>
struct static_shape {
    using inner = container_shape<std::remove_cv_t<E>>;
    static constexpr bool known = inner::known && inner::is_static && inner::rank < var_name::max_indices;
    static constexpr bool is_static = true;
    static constexpr std::size_t rank = inner::rank + 1, size = N * inner::size;
    using scalar = typename inner::scalar;
    static constexpr std::array<std::size_t, rank> shape = [] {
        std::array<std::size_t, rank> s{N};
        for (std::size_t d = 0; d < inner::rank; ++d) s[d + 1] = inner::shape[d];
        return s;
    }();
    template <class S, class C>
    static constexpr void write(const C& c, S* out) {
        for (std::size_t i = 0; i < N; ++i) {
            if constexpr (inner::rank == 0) out[i] = S(c[i]);
            else inner::write(c[i], out + i * inner::size);
        }
    }
};
template <class E, std::size_t N>
requires container_shape<std::remove_cv_t<E>>::known struct container_shape<std::array<E, N>> : static_shape<E, N> {
};
template <class E, std::size_t N>
requires container_shape<std::remove_cv_t<E>>::known struct container_shape<E[N]> : static_shape<E, N> {
};
template <class E, std::size_t N>
    requires(N != std::dynamic_extent && container_shape<std::remove_cv_t<E>>::known)
struct container_shape<std::span<E, N>> : static_shape<E, N> {};
template <class E>
    requires Scalar<std::remove_cv_t<E>>
struct dynamic_shape {
    static constexpr bool known = true, is_static = false;
    static constexpr std::size_t rank = 1;
    using scalar = std::remove_cv_t<E>;
};
template <class E>
    requires Scalar<std::remove_cv_t<E>>
struct container_shape<std::span<E, std::dynamic_extent>> : dynamic_shape<E> {
};
template <class E, class A>
    requires Scalar<E>
struct container_shape<std::vector<E, A>> : dynamic_shape<E> {
};

// A container of numbers (what at<Vars<...>>(values) takes).
template <class C>
inline constexpr bool is_number_container = [] {
    if constexpr (container_shape<C>::known) return container_shape<C>::rank > 0;
    else return false;
}();

// Diagnoses a container whose size is not the family's: the compiler shows
// "family_size_mismatch<variable_named<'w'>, 6, 5>" -- the family, its
// size, the container's size.
template <class Name, std::size_t FamilySize, std::size_t ContainerSize>
struct family_size_mismatch {
    static_assert(FamilySize == ContainerSize,
                  "chainrule::at<Vars<name, N...>>(values): the container does not hold one value per member; "
                  "this template's arguments are the family's name, its size and the container's size");
    static constexpr bool value = FamilySize == ContainerSize;
};
template <std::size_t... N>
struct sizes {};
// Diagnoses nested containers whose shape is not the family's:
// "family_shape_mismatch<variable_named<'w'>, sizes<2, 3>, sizes<3, 2>>".
template <class Name, class FamilyShape, class ContainerShape>
struct family_shape_mismatch {
    static_assert(std::is_same<FamilyShape, ContainerShape>::value,
                  "chainrule::at<Vars<name, N...>>(values): the nested containers do not have the family's shape; "
                  "this template's arguments are the family's name, its shape and the containers' shape");
    static constexpr bool value = std::is_same<FamilyShape, ContainerShape>::value;
};
template <std::size_t N, std::size_t M>
constexpr bool same_sizes(const std::array<std::size_t, N>& a, const std::array<std::size_t, M>& b) {
    if constexpr (N != M) return false;
    else {
        for (std::size_t i = 0; i < N; ++i)
            if (a[i] != b[i]) return false;
        return true;
    }
}
template <auto Shape, std::size_t... D>
auto sizes_of(std::index_sequence<D...>) -> sizes<Shape[D]...>;
template <auto Shape>
using sizes_t = decltype(sizes_of<Shape>(std::make_index_sequence<Shape.size()>{}));

// The message of the exception a run-time size mismatch throws.
template <class F>
std::string family_size_message(std::size_t given) {
    std::string family = "Vars<\"" + std::string(text_of(F::base).c_str()) + "\"";
    for (std::size_t s : F::shape) family += ", " + std::to_string(s);
    return "chainrule::at<" + family + ">>(values): the family has " + std::to_string(F::size) +
           " members, but the container holds " + std::to_string(given) + " values";
}

// ------------------------------------------------------------ environments

/// One number for an expression of at most one variable.
template <class T>
struct single_value {
    using scalar = T;
    T x;
    static constexpr std::size_t location(const var_name&) { return 0; }
    constexpr std::array<const T*, 1> bases() const { return {&x}; }
};

// The scalar of several bindings: their common type, looked up only when
// they differ (std::common_type recurses once per binding).
template <bool Same, class First, class... Ts>
struct common_scalar_of {
    using type = First;
};
template <class First, class... Ts>
struct common_scalar_of<false, First, Ts...> {
    using type = std::common_type_t<First, Ts...>;
};
template <class First, class... Ts>
struct common_scalar : common_scalar_of<all_of({std::is_same<First, Ts>::value...}), First, Ts...> {};

// Whether a binding is of one variable (at<X>(1.0)), whose value the point
// reads as a member, with no function per binding.
template <class B>
inline constexpr bool is_single_binding = false;
template <class V, class T>
inline constexpr bool is_single_binding<binding<V, T>> = true;

// Every family bound by reference is of the bindings' common scalar type.
template <class... Bs>
inline constexpr bool views_of_scalar =
    all_of({!is_view<Bs> ||
            std::is_same<typename Bs::scalar, typename common_scalar<typename Bs::scalar...>::type>::value...});
// The report of a call whose bindings fail views_of_scalar (eval_diagnosis).
template <bool Match>
struct view_scalar_mismatch {
    static_assert(Match,
                  "chainrule::at<Vars<name, N...>>(std::cref(values)): a family bound by reference is read "
                  "where it is, so its numbers must be of the point's scalar type; bind a copy instead, "
                  "at<Vars<name, N...>>(values), which converts them");
    static constexpr bool value = Match;
};

/// Values for variables by name: the bound part of a point. Bindings by
/// value are copied into `values`, family members laid out one by one; a
/// family bound by reference (family_view) stays where the caller keeps it.
/// Evaluation reads a variable through its location (names.hpp): which of
/// bases() holds it, values (0) or the i-th view (i + 1), and where in it.
template <class... Bs>
struct bindings {
    using scalar = typename common_scalar<typename Bs::scalar...>::type;
    using names = binding_names<Bs...>;
    static constexpr std::size_t view_count = [] {
        std::size_t n = 0;
        for (bool v : {false, is_view<Bs>...}) n += v ? 1 : 0;
        return n;
    }();
    static constexpr std::size_t stored = names::size - [] {
        std::size_t n = 0;
        for (std::size_t c : {std::size_t(0), (is_view<Bs> ? Bs::count : 0)...}) n += c;
        return n;
    }();
    static_assert(views_of_scalar<Bs...>,  // (the message of view_scalar_mismatch)
                  "chainrule::at<Vars<name, N...>>(std::cref(values)): a family bound by reference is read "
                  "where it is, so its numbers must be of the point's scalar type; bind a copy instead, "
                  "at<Vars<name, N...>>(values), which converts them");

    std::array<scalar, stored> values;
    std::array<const scalar*, view_count> views;

    constexpr bindings(const Bs&... bs) : values(gather(bs...)), views(gather_views(bs...)) {}

    template <class B>
    static constexpr void store(const B& b, scalar* out, std::size_t& at) {
        if constexpr (!is_view<B>) {
            b.write(out + at);
            at += B::count;
        }
    }
    static constexpr std::array<scalar, stored> gather(const Bs&... bs) {
        if constexpr (all_of({is_single_binding<Bs>...})) {
            return std::array<scalar, stored>{scalar(bs.value)...};
        } else {
            std::array<scalar, stored> v{};
            std::size_t at = 0;
            (void)std::initializer_list<int>{(store(bs, v.data(), at), 0)...};
            return v;
        }
    }
    template <class B>
    static constexpr void store_view(const B& b, const scalar** out, std::size_t& at) {
        if constexpr (is_view<B>) {
            if constexpr (std::is_same<typename B::scalar, scalar>::value) out[at] = b.values;  // (else reported above)
            ++at;
        }
    }
    static constexpr std::array<const scalar*, view_count> gather_views(const Bs&... bs) {
        std::array<const scalar*, view_count> p{};
        if constexpr (view_count > 0) {
            std::size_t at = 0;
            (void)std::initializer_list<int>{(store_view(bs, p.data(), at), 0)...};
        }
        return p;
    }

    // The location of each bound value, in the order of the bindings
    // (names::position): with no view, location k is position k.
    static constexpr std::array<std::size_t, names::size> locations = [] {
        std::array<std::size_t, names::size> out{};
        std::size_t at = 0, kept = 0, view = 0;
        const bool views_of[] = {false, is_view<Bs>...};
        const std::size_t counts[] = {std::size_t(0), Bs::count...};
        for (std::size_t b = 1; b <= sizeof...(Bs); ++b) {
            if (views_of[b]) ++view;
            for (std::size_t k = 0; k < counts[b]; ++k, ++at)
                out[at] = views_of[b] ? value_location(view, k) : value_location(0, kept++);
        }
        return out;
    }();

    static constexpr std::size_t location(const var_name& name) {
        const std::size_t p = names::position(name);
        if constexpr (view_count == 0) return p;
        else return p < names::size ? locations[p] : p;
    }
    constexpr std::array<const scalar*, 1 + view_count> bases() const {
        std::array<const scalar*, 1 + view_count> b{values.data()};
        for (std::size_t i = 0; i < view_count; ++i) b[i + 1] = views[i];
        return b;
    }
};

// ------------------------------------------------------------ the checks

// The name of a variable as a list of characters, for diagnostics: Clang
// prints Var<"w1"> as Var<{{119, 49, 0, ...}}>, but both compilers print
// variable_named<'w', '1'> legibly (and w[1][2] as 'w', '[', '1', ']', ...).
template <char... Name>
struct variable_named {};
template <var_name Name>
struct spelled {
    static constexpr name_text text = text_of(Name);
    template <std::size_t... I>
    static auto spell(std::index_sequence<I...>) -> variable_named<text.chars[I]...>;
    using type = decltype(spell(std::make_index_sequence<text.size>{}));
};
template <var_name Name>
using spelled_name = typename spelled<Name>::type;
template <class V>
using spelled_name_of = spelled_name<V::name>;

// Diagnoses a call of eval<E>(bindings...) that leaves a variable of E unbound.
// The compiler shows this template with the variable's name first, e.g.
// "variable_has_no_value<chainrule::detail::variable_named<'y'>, ...>".
template <class Name, bool Bound>
struct variable_has_no_value {
    static constexpr bool bound = Bound;
    static_assert(bound,
                  "chainrule::eval<E>(at<V>(value)...): a variable of E has no value; "
                  "the first argument of this template, variable_named<...>, spells its name");
    static constexpr bool value = bound;
};

// Diagnoses a binding of a variable that E does not have, showing its name
// the same way: "variable_not_in_expression<...variable_named<'w', '1'>, ...>".
template <class Name, bool Known>
struct variable_not_in_expression {
    static constexpr bool known = Known;
    static_assert(known,
                  "chainrule::eval<E>(at<V>(value)...): E has no variable V; "
                  "the first argument of this template, variable_named<...>, spells its name");
    static constexpr bool value = known;
};

// Diagnoses a variable given two values: "variable_bound_twice<variable_named<'x'>>".
template <class Name>
struct variable_bound_twice {
    static_assert(sizeof(Name) == 0,
                  "chainrule: a variable is bound twice; the argument of this template, "
                  "variable_named<...>, spells its name");
    static constexpr bool value = false;
};

// Every name of A's table is in B's.
template <class A, class B>
consteval bool names_within() {
    for (const named_position& n : A::sorted)
        if (B::position(n.name) >= B::size) return false;
    return true;
}

// The diagnostic of bindings Bound that name a variable twice (instantiate
// it only then).
template <class Bound>
using bound_twice_diagnostic = variable_bound_twice<spelled_name<Bound::sorted[Bound::repeated].name>>;

template <class Bound>
constexpr bool diagnose_repeated() {
    if constexpr (!Bound::distinct) return bound_twice_diagnostic<Bound>::value;
    else return true;
}

/// The checks of a call's bindings against the variables Wanted (a class
/// with size, names in the order met, sorted and position(name): see
/// graph_variable_names) that the expression needs.
template <class Wanted, class... Bs>
struct check_bindings {
    using wanted = Wanted;
    using bound = binding_names<Bs...>;
    static constexpr bool distinct = bound::distinct;
    static constexpr bool all_bound = names_within<wanted, bound>();
    static constexpr bool none_extra = names_within<typename bound::strict_names, wanted>();
    static constexpr bool value = distinct && all_bound && none_extra;

    // The first variable wanted and not bound, and the first bound and not
    // wanted (the sizes when there is none).
    static constexpr std::size_t first_missing = [] {
        std::size_t k = 0;
        while (k < wanted::size && bound::position(wanted::names[k].name) < bound::size) ++k;
        return k;
    }();
    static constexpr std::size_t first_extra = [] {
        std::size_t k = 0;
        while (k < bound::strict_names::size && wanted::position(bound::strict_names::sorted[k].name) < wanted::size)
            ++k;
        return k;
    }();

    // What is wrong, first: a variable bound twice (1), one unbound (2), one
    // bound that is not wanted (3); 0 when nothing is.
    static constexpr int diagnosis = !distinct ? 1 : !all_bound ? 2 : first_extra < bound::strict_names::size ? 3 : 0;
};

// The template whose static_assert reports a failed check (variable_bound_twice,
// variable_has_no_value or variable_not_in_expression, spelling the name),
// chosen without being instantiated. The function that checks writes
// `(void)binding_diagnostic<check>::value;`, which instantiates it right
// there: the message then shows that function and its callers, and no frame
// of a helper that would print the check's long types once more (a member
// of check_bindings did: 0.9 KB of the message of a gradient with a missing
// binding).
template <class Check, int Case>
struct pick_binding_diagnostic {
    using type = std::true_type;
};
template <class Check>
struct pick_binding_diagnostic<Check, 1> {
    using type = bound_twice_diagnostic<typename Check::bound>;
};
template <class Check>
struct pick_binding_diagnostic<Check, 2> {
    using type = variable_has_no_value<spelled_name<Check::wanted::names[Check::first_missing].name>, false>;
};
template <class Check>
struct pick_binding_diagnostic<Check, 3> {
    using type =
        variable_not_in_expression<spelled_name<Check::bound::strict_names::sorted[Check::first_extra].name>, false>;
};
template <class Check>
using binding_diagnostic = typename pick_binding_diagnostic<Check, Check::diagnosis>::type;
// A point may bind more than is wanted: only a missing variable is an error.
template <class Check>
using missing_binding_diagnostic = typename pick_binding_diagnostic<Check, Check::all_bound ? 0 : 2>::type;

}  // namespace detail
}  // namespace chainrule
// ---- end chainrule/detail/bindings.hpp
// ---- back in chainrule/variables.hpp


// The variables an expression depends on.
namespace chainrule {

namespace detail {
// The variables of a graph as values: their names in the order the graph
// meets them (children first) and sorted, for lookups. This is what the
// checks of eval's and Gradient's arguments read; no type is made per
// variable.
template <class Shape>
struct graph_variable_names {
    using shape = Shape;
    static constexpr std::size_t size = [] {
        std::size_t n = 0;
        for (const auto& r : shape::tables.nodes) n += r.kind == node_kind::variable ? 1 : 0;
        return n;
    }();
    static constexpr std::size_t count = size;
    static constexpr std::array<named_position, size> names = [] {
        std::array<named_position, size> out{};
        std::size_t n = 0;
        for (const auto& r : shape::tables.nodes)
            if (r.kind == node_kind::variable) out[n] = {r.name, n}, ++n;
        return out;
    }();
    static constexpr sorted_names<size> table{sorted_by_name(names)};
    static constexpr auto& sorted = table.sorted;
    static constexpr std::size_t position(const var_name& name) { return table.position(name); }
};

// The names of Names (a class with size and names) rebuilt as a type_list of
// variables.
template <class Names>
struct names_as_types {
    template <std::size_t... I>
    static auto list(std::index_sequence<I...>) -> type_list<variable_t<Names::names[I].name>...>;
    using type = decltype(list(std::make_index_sequence<Names::size>{}));
};

// The same variables as types, for variables_t.
template <class Shape>
struct graph_variables : graph_variable_names<Shape> {
    using type = typename names_as_types<graph_variable_names<Shape>>::type;
};

// The variables of Es..., from a graph built for nothing else.
template <class... Es>
struct variables_of : graph_variables<graph<graph_builder<>, type_list<>, Es...>> {};
}  // namespace detail

/// The variables of E, as a detail::type_list in the order they are first met.
template <Expression E>
using variables_t = typename detail::variables_of<E>::type;

/// How many distinct variables E depends on: 0 for Int<3>, 1 for Sin<X>,
/// 2 for Mul<X, Y>.
template <Expression E>
inline constexpr std::size_t variable_count_v = detail::variables_of<E>::count;

}  // namespace chainrule
// ---- end chainrule/variables.hpp
// ---- back in chainrule/derivative.hpp


// D<E, V, N>: the derivative of E, computed by the compiler.
//
// The rules of arithmetic live here; the rule of each function lives in its
// own header (functions/tanh.hpp holds tanh's), written as the derivative of
// the outer function at its argument. The chain rule joins them, once:
//
//   d/dv f(u) = f'(u) * du/dv
//
// Every rule builds its result with the canonical constructors (Add, Mul,
// Pow), so a derivative is simplified as it is made: no zero terms, no
// factors of one, like terms and powers collected.
namespace chainrule {

namespace detail {

template <class E, class V>
struct derivative;
template <class E, class V>
using derivative_t = typename derivative<E, V>::type;

// d/dv c = 0
template <Constant C, class V>
struct derivative<C, V> {
    using type = Int<0>;
};

// d/dv v = 1, d/dv w = 0
template <var_name N, std::size_t... I, class V>
struct derivative<Var<N, I...>, V> {
    using type = Int<std::is_same<Var<N, I...>, V>::value ? 1 : 0>;
};

// d/dv (a + b + ...) = a' + b' + ...
template <class... Ts, class V>
struct derivative<Sum<Ts...>, V> {
    using type = compact_t<typename sum_all<Int<0>, derivative_t<Ts, V>...>::type>;
};

// d/dv (f g h) = f' g h + f g' h + f g h'
template <class... Fs, class V>
struct derivative<Product<Fs...>, V> {
    using factors = type_list<Fs...>;

    // f1 ... f(i-1) f(i)' f(i+1) ... fn: the other factors, in order, are
    // already a canonical product (sorted, no two with one base, no
    // coefficient), which is formed as it stands; only f(i)' is merged in.
    template <std::size_t I, std::size_t... J>
    static auto others(std::index_sequence<J...>) ->
        typename make_product<Int<1>, type_list<at_t<(J < I ? J : J + 1), factors>...>>::type;
    template <std::size_t I, class Fi>
    static auto term()
        -> multiply_t<derivative_t<Fi, V>, decltype(others<I>(std::make_index_sequence<sizeof...(Fs) - 1>{}))>;
    template <std::size_t... I>
    static auto terms(std::index_sequence<I...>)
        -> compact_t<typename sum_all<Int<0>, decltype(term<I, Fs>())...>::type>;
    using type = decltype(terms(std::index_sequence_for<Fs...>{}));
};

// d/dv (c f) = c f': a constant coefficient is carried, not differentiated
// into a zero term (the canonical product puts it first).
template <Constant C, class F, class... Fs, class V>
struct derivative<Product<C, F, Fs...>, V> {
    using type = multiply_t<C, derivative_t<typename make_product<Int<1>, type_list<F, Fs...>>::type, V>>;
};

// d/dv b^e: the power rule for a constant exponent (no logarithm, so x^3 has
// derivative 0 at 0, not NaN); otherwise d(b^e) = b^e (e' ln b + e b'/b).
template <class B, class E, class V>
struct derivative<Power<B, E>, V> {
    static auto pick() {
        if constexpr (Constant<E>) {
            using n_minus_1 = add_t<E, Int<-1>>;
            return std::type_identity<multiply_t<multiply_t<E, power_t<B, n_minus_1>>, derivative_t<B, V>>>{};
        } else {
            using inner = add_t<multiply_t<derivative_t<E, V>, typename log_of_base<B>::type>,
                                multiply_t<multiply_t<E, derivative_t<B, V>>, power_t<B, Int<-1>>>>;
            return std::type_identity<multiply_t<Power<B, E>, inner>>{};
        }
    }
    using type = typename decltype(pick())::type;
};

// The chain rule: d/dv f(u) = f'(u) u'; for two arguments
// d/dv f(u, w) = f_u(u, w) u' + f_w(u, w) w'; a constant (no arguments) has
// derivative 0.
template <class Fn, class V>
struct derivative<Call<Fn>, V> {
    using type = Int<0>;
};
// The stand-in for a constant that could not be formed (expression.hpp) is
// not a constant whose derivative is 0: its derivative is itself, so that the
// error it carries reaches the user however often the expression is
// differentiated (D<Sqrt<X>, X, 20> reports the overflow of its coefficient
// rather than silently being Int<0>).
template <long long Why, class V>
struct derivative<detail::invalid_constant<Why>, V> {
    using type = detail::invalid_constant<Why>;
};
template <class E>
struct is_invalid_constant : std::false_type {};
template <long long Why>
struct is_invalid_constant<invalid_constant<Why>> : std::true_type {};
template <class Fn, class U, class V>
struct derivative<Call<Fn, U>, V> {
    using type = multiply_t<typename Fn::template derivative<U>, derivative_t<U, V>>;
};
template <class Partials, class U, class W, class V>
struct two_argument_chain;
template <class Pu, class Pw, class U, class W, class V>
struct two_argument_chain<Partials<Pu, Pw>, U, W, V> {
    using type = add_t<multiply_t<Pu, derivative_t<U, V>>, multiply_t<Pw, derivative_t<W, V>>>;
};
template <class Fn, class U, class W, class V>
struct derivative<Call<Fn, U, W>, V> : two_argument_chain<typename Fn::template derivative<U, W>, U, W, V> {};

// The variable D<E> differentiates by: E's only variable. A constant has
// none, and its derivative by any variable is 0, so X stands in.
template <class E>
struct sole_variable {
    static auto pick() {
        if constexpr (!Expression<E>) {
            static_assert(Expression<E>, "chainrule::D<E>: E must be a chainrule expression, such as Sigmoid<X>");
            return std::type_identity<X>{};
        } else {
            using vars = variables_t<E>;
            static_assert(vars::size <= 1,
                          "chainrule::D<E>: E has more than one variable; name the one to differentiate by, "
                          "as in D<E, X> or D<E, Var<'w'>>");
            if constexpr (vars::size == 1) return std::type_identity<typename vars::template at<0>>{};
            else return std::type_identity<X>{};
        }
    }
    using type = typename decltype(pick())::type;
};

// The N-th derivative by differentiating N times, stopping early where the
// answer is known: a constant's derivatives are 0 (so D<E, X, 1000> of a
// polynomial stops past its degree), a constant that could not be formed
// stays itself (D<Sqrt<X>, X, 1000> reports the overflow, not the template
// depth), and a derivative that returns to E (exp, sin, cos) repeats with
// that period, so only N mod period steps remain.
template <class E0, class E, class V, int Done, int N>
struct derivatives_from {
    static auto pick() {
        if constexpr (N == 0) {
            return std::type_identity<E>{};
        } else if constexpr (Constant<E>) {
            return std::type_identity<Int<0>>{};
        } else if constexpr (is_invalid_constant<E>::value) {
            return std::type_identity<E>{};  // its derivatives are itself: stop here too
        } else if constexpr (Done > 0 && std::is_same<E, E0>::value) {
            // back at the start after Done steps: the sequence has period Done
            return std::type_identity<typename derivatives_from<E0, E, V, -1, N % Done>::type>{};
        } else {
            return std::type_identity<
                typename derivatives_from<E0, derivative_t<E, V>, V, (Done < 0 ? Done : Done + 1), N - 1>::type>{};
        }
    }
    using type = typename decltype(pick())::type;
};

template <class E, class V, int N>
struct nth_derivative {
    static auto pick() {
        if constexpr (!Expression<E>) {
            static_assert(Expression<E>, "chainrule::D<E, V, N>: E must be a chainrule expression, such as Sigmoid<X>");
            return std::type_identity<Int<0>>{};
        } else if constexpr (!Variable<V>) {
            static_assert(Variable<V>, "chainrule::D<E, V>: V must be a variable such as X or Var<'w'>");
            return std::type_identity<Int<0>>{};
        } else if constexpr (N < 0) {
            static_assert(N >= 0, "chainrule::D<E, V, N>: N, the order of the derivative, must be zero or more");
            return std::type_identity<Int<0>>{};
        } else {
            return std::type_identity<typename derivatives_from<E, E, V, 0, N>::type>{};
        }
    }
    using type = typename decltype(pick())::type;
};

}  // namespace detail

/// The derivative of E by V, taken N times.
///
///   D<E>          E's derivative by its only variable (Int<0> if E is constant)
///   D<E, V>       the partial derivative by V
///   D<E, V, N>    the N-th derivative by V (D<E, V, 0> is E)
///
/// static_assert(std::is_same<D<Sin<X>, X, 4>, Sin<X>>::value);
/// E may be const: decltype of a constexpr auto expression names const E.
template <class E, class V = typename detail::sole_variable<std::remove_cv_t<E>>::type, int N = 1>
using D = typename detail::nth_derivative<std::remove_cv_t<E>, V, N>::type;

}  // namespace chainrule
// ---- end chainrule/derivative.hpp
// ---- back in chainrule.hpp

// ---- begin chainrule/eval.hpp


// ---- begin chainrule/detail/evaluator.hpp


// ---- begin chainrule/detail/stable.hpp



// Stable evaluation of polynomials in sigma and tanh.
//
// The canonical forms multiply out: D<Sigmoid<X>, X, 2> is
// sigma - 3 sigma^2 + 2 sigma^3, and the tenth derivative has coefficients up
// to 6e7. Evaluated as written, the terms cancel: at x = 30, where sigma is
// 1 - 9.4e-14, 1 - 3 + 2 leaves only rounding error, and the tenth derivative
// came out with the wrong sign. The forms are right; the arithmetic that
// evaluates them is not. So before a graph is evaluated (evaluator.hpp), each
// sum or product that is a polynomial P(s) in s = sigma(u) -- its factors
// sigma(u), powers of it, sums of those and constants; the other factors
// of a term are its coefficient -- is evaluated through one function node,
// sigma_polynomial_fn<P>(u), which computes P exactly this way:
//
//   with c = 1 - s = sigma(-u), P(s) = sum_i b_i s^i c^(m-i) (Bernstein form,
//   exact integer coefficients b_i computed at compile time: for the n-th
//   derivative of sigma they are the Eulerian numbers), and with
//   e = exp(-|u|) <= 1, s^i c^(m-i) = e^(m-i) / (1 + e)^m for u >= 0 (e^i /
//   (1 + e)^m for u < 0), so P is one exp, a Horner sum in e -- in a type
//   wider than the result's where its terms cancel (sigma_polynomial_fn's
//   working type) -- and one division.
//
// Nothing is subtracted from 1, so the tails keep their digits, and the
// coefficients are those of the well-conditioned basis. A polynomial in
// t = tanh(u) is the same with t = 2 sigma(2u) - 1.
//
// The types D, printing and gradients see are not touched: only the graph
// the forward sweep builds for eval, Jacobian and Hessian entries, in a
// floating-point type (a user's scalar type sees the expression as written). A sum is
// rewritten only where that can matter (a polynomial of two or more terms);
// what holds no sum or product that may be rewritten is not walked at all
// (walk_flags).
//
// Rational sums. A sum of terms c u^j q(u)^e over one polynomial q, as the
// derivatives of atan, asinh, acosh and sqrt(x^2 + 5) are written, is
// evaluated over its common denominator, q^(e_min) P(u), by one node
// (rational_polynomial_fn; "rational sums" below).
//
// Gaussian polynomial sums. A sum of terms c u^j e R, e = exp(c' u^(2k)) and R
// the same constants in every term, as the derivatives of erf, erfc and gelu
// are written, is evaluated as R P(u) e, P(u) e by one node
// (gaussian_polynomial_fn; "Gaussian polynomial sums" below).
//
// Trigonometric polynomial sums. A sum of terms c u^j cos(v)^a sin(v)^b R,
// v a polynomial in u and R the same factors in every term, as the
// derivatives of e^(sin x^2) are written, is evaluated as R P(u) by one node
// (trig_polynomial_fn: v, sin v, cos v and P in the wider type;
// "trigonometric polynomial sums" below).
//
// Gaussian tails. D<Gelu<X>, X, 2> is 2 phi - x^2 phi, phi = e^(-x^2/2) /
// sqrt(2 pi); as written, x^2 overflows to inf for |x| > 1.3e154 while
// e^(-x^2/2) underflows to 0, and inf * 0 is NaN where the true value is 0.
// So, likewise for floating-point evaluation only, a product's factors u^m
// (m a positive integer, u^1 = u itself) and exp(c u^(2k)) (c < 0 an exact
// constant) are evaluated as one node, gaussian_tail_fn<m, c, k>(u, exp(c
// u^(2k))): u^m times the exponential as before (the exponential stays a node
// of its own, shared with the other terms), and where the exponential is not
// a normal number or u^m overflows, the product in log space, exp(m ln|u| +
// c u^(2k)) in a wider type, with its sign: 0 with u^m's sign where the true
// value underflows, also at u = +-inf; NaN for NaN. A product without such a
// pair is not walked.
namespace chainrule {
struct sigmoid_fn;
struct tanh_fn;
struct cbrt_fn;
struct exp_fn;
struct sqrt_fn;
struct sin_fn;
struct cos_fn;
}  // namespace chainrule

namespace chainrule::detail {

// --------------------------------------------------- exact wide integers

// A signed integer of 128 bits (four 32-bit limbs), enough for the
// coefficients of the 20th derivative of tanh (about 1e26) and their
// products; what does not fit is reported (ok = false) and that sum is then
// evaluated as written.
inline constexpr std::size_t wide_limbs = 4;
struct wide {
    std::array<std::uint32_t, wide_limbs> limb{};
    bool negative = false;
};

constexpr wide wide_of(long long v) {
    wide w{};
    w.negative = v < 0;
    unsigned long long m = v < 0 ? 0ULL - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
    w.limb[0] = static_cast<std::uint32_t>(m & 0xffffffffULL);
    w.limb[1] = static_cast<std::uint32_t>(m >> 32);
    return w;
}
constexpr bool is_zero(const wide& w) {
    for (std::uint32_t l : w.limb)
        if (l != 0) return false;
    return true;
}
// |a| <=> |b|
constexpr int compare_magnitude(const wide& a, const wide& b) {
    for (std::size_t k = wide_limbs; k-- > 0;)
        if (a.limb[k] != b.limb[k]) return a.limb[k] < b.limb[k] ? -1 : 1;
    return 0;
}
constexpr wide add_magnitudes(const wide& a, const wide& b, bool& ok) {
    wide r{};
    std::uint64_t carry = 0;
    for (std::size_t k = 0; k < wide_limbs; ++k) {
        std::uint64_t s = std::uint64_t{a.limb[k]} + b.limb[k] + carry;
        r.limb[k] = static_cast<std::uint32_t>(s & 0xffffffffULL);
        carry = s >> 32;
    }
    if (carry != 0) ok = false;
    return r;
}
// |a| - |b|, where |a| >= |b|
constexpr wide subtract_magnitudes(const wide& a, const wide& b) {
    wide r{};
    std::int64_t borrow = 0;
    for (std::size_t k = 0; k < wide_limbs; ++k) {
        std::int64_t d = std::int64_t{a.limb[k]} - b.limb[k] - borrow;
        borrow = d < 0 ? 1 : 0;
        r.limb[k] = static_cast<std::uint32_t>(d < 0 ? d + (std::int64_t{1} << 32) : d);
    }
    return r;
}
constexpr wide wide_add(const wide& a, const wide& b, bool& ok) {
    wide r{};
    if (a.negative == b.negative) {
        r = add_magnitudes(a, b, ok);
        r.negative = a.negative;
    } else if (compare_magnitude(a, b) >= 0) {
        r = subtract_magnitudes(a, b);
        r.negative = a.negative;
    } else {
        r = subtract_magnitudes(b, a);
        r.negative = b.negative;
    }
    if (is_zero(r)) r.negative = false;
    return r;
}
constexpr wide wide_multiply(const wide& a, const wide& b, bool& ok) {
    std::array<std::uint64_t, 2 * wide_limbs> acc{};
    for (std::size_t i = 0; i < wide_limbs; ++i) {
        if (a.limb[i] == 0) continue;
        std::uint64_t carry = 0;
        for (std::size_t j = 0; j < wide_limbs; ++j) {
            std::uint64_t p = std::uint64_t{a.limb[i]} * b.limb[j] + acc[i + j] + carry;
            acc[i + j] = p & 0xffffffffULL;
            carry = p >> 32;
        }
        acc[i + wide_limbs] += carry;
    }
    wide r{};
    for (std::size_t k = 0; k < 2 * wide_limbs; ++k) {
        if (k < wide_limbs) r.limb[k] = static_cast<std::uint32_t>(acc[k]);
        else if (acc[k] != 0) ok = false;
    }
    r.negative = !is_zero(r) && (a.negative != b.negative);
    return r;
}
constexpr bool fits_in_sign_bit(const wide& w) { return (w.limb[wide_limbs - 1] & 0x80000000U) == 0; }

// The value of w in a floating type F, rounded at most a few times.
template <class F>
constexpr F wide_value(const wide& w) {
    F r = F(0);
    for (std::size_t k = wide_limbs; k-- > 0;) r = F(r * F(4294967296.0L) + F(w.limb[k]));
    return w.negative ? -r : r;
}
// ------------------------------------------------ exact polynomials

inline constexpr std::size_t polynomial_capacity = 24;

/// A polynomial with exact rational coefficients num[k] / den.
struct exact_polynomial {
    std::array<wide, polynomial_capacity + 1> num{};
    wide den = wide_of(1);
    std::size_t degree = 0;
    bool ok = true;
};

constexpr exact_polynomial polynomial_constant(long long p, long long q) {
    exact_polynomial r{};
    r.num[0] = wide_of(q < 0 ? -p : p);
    r.den = wide_of(q < 0 ? -q : q);
    return r;
}
constexpr exact_polynomial polynomial_variable() {
    exact_polynomial r{};
    r.num[1] = wide_of(1);
    r.degree = 1;
    return r;
}
constexpr void trim(exact_polynomial& p) {
    while (p.degree > 0 && is_zero(p.num[p.degree])) --p.degree;
}
constexpr exact_polynomial operator+(const exact_polynomial& a, const exact_polynomial& b) {
    exact_polynomial r{};
    r.ok = a.ok && b.ok;
    if (!r.ok) return r;
    r.degree = a.degree > b.degree ? a.degree : b.degree;
    const bool same_den = compare_magnitude(a.den, b.den) == 0;
    for (std::size_t k = 0; k <= r.degree; ++k) {
        wide x = k <= a.degree ? a.num[k] : wide{};
        wide y = k <= b.degree ? b.num[k] : wide{};
        if (!same_den) {
            x = wide_multiply(x, b.den, r.ok);
            y = wide_multiply(y, a.den, r.ok);
        }
        r.num[k] = wide_add(x, y, r.ok);
    }
    r.den = same_den ? a.den : wide_multiply(a.den, b.den, r.ok);
    trim(r);
    return r;
}
constexpr exact_polynomial operator*(const exact_polynomial& a, const exact_polynomial& b) {
    exact_polynomial r{};
    r.ok = a.ok && b.ok && a.degree + b.degree <= polynomial_capacity;
    if (!r.ok) return r;
    r.degree = a.degree + b.degree;
    for (std::size_t i = 0; i <= a.degree; ++i) {
        if (is_zero(a.num[i])) continue;
        for (std::size_t j = 0; j <= b.degree; ++j)
            if (!is_zero(b.num[j]))
                r.num[i + j] = wide_add(r.num[i + j], wide_multiply(a.num[i], b.num[j], r.ok), r.ok);
    }
    r.den = wide_multiply(a.den, b.den, r.ok);
    trim(r);
    return r;
}
constexpr exact_polynomial polynomial_power(const exact_polynomial& a, long long k) {
    if (a.degree == 1 && is_zero(a.num[0]) && !a.num[1].negative && compare_magnitude(a.num[1], wide_of(1)) == 0 &&
        compare_magnitude(a.den, wide_of(1)) == 0 && k <= static_cast<long long>(polynomial_capacity)) {
        exact_polynomial r{};  // x^k, the common case, without k multiplications
        r.num[static_cast<std::size_t>(k)] = wide_of(1);
        r.degree = static_cast<std::size_t>(k);
        return r;
    }
    exact_polynomial r = polynomial_constant(1, 1);
    for (long long j = 0; j < k && r.ok; ++j) r = r * a;
    return r;
}
constexpr std::size_t nonzero_terms(const exact_polynomial& p) {
    std::size_t n = 0;
    for (std::size_t k = 0; k <= p.degree; ++k) n += is_zero(p.num[k]) ? 0 : 1;
    return n;
}
// P(2 p - 1): a polynomial in tanh(u) as one in sigma(2u).
constexpr exact_polynomial tanh_to_sigmoid(const exact_polynomial& p) {
    exact_polynomial two_p_minus_one{};
    two_p_minus_one.num[0] = wide_of(-1);
    two_p_minus_one.num[1] = wide_of(2);
    two_p_minus_one.degree = 1;
    exact_polynomial r{};
    r.ok = p.ok;
    for (std::size_t k = p.degree + 1; k-- > 0 && r.ok;) {
        r = r * two_p_minus_one;
        exact_polynomial c{};
        c.num[0] = p.num[k];
        r = r + c;
    }
    r.den = p.den;
    return r;
}

// ----------------------------------------- the function sigma_polynomial

/// What a sigma_polynomial_fn carries: P(s) of degree M in the Bernstein
/// basis, sum_i b[i] / den s^i (1 - s)^(M - i) (the basis it is evaluated
/// in; computed once, where the node is formed). ok: b and den fit.
template <std::size_t M>
struct sigma_polynomial_data {
    std::array<wide, M + 1> b{};
    wide den{};
    bool ok = true;
};

// The Bernstein coefficients of P (num[0..m]) of degree m, over its den:
// s^k = s^k (s + c)^(m - k) = sum_j C(m - k, j) s^(k + j) c^(m - k - j).
template <std::size_t N>
constexpr std::array<wide, N> bernstein_of(const wide* num, std::size_t m, bool& ok) {
    std::array<wide, N> b{};
    for (std::size_t k = 0; k <= m; ++k) {
        if (is_zero(num[k])) continue;
        wide binomial = wide_of(1);  // C(m - k, j)
        for (std::size_t j = 0; k + j <= m; ++j) {
            b[k + j] = wide_add(b[k + j], wide_multiply(num[k], binomial, ok), ok);
            binomial = wide_multiply(binomial, wide_of(static_cast<long long>(m - k - j)), ok);
            // / (j + 1), exact: C(n, j + 1) = C(n, j) (n - j) / (j + 1)
            std::uint64_t rem = 0;
            const std::uint64_t by = j + 1;
            for (std::size_t l = wide_limbs; l-- > 0;) {
                std::uint64_t cur = (rem << 32) | binomial.limb[l];
                binomial.limb[l] = static_cast<std::uint32_t>(cur / by);
                rem = cur % by;
            }
        }
    }
    for (std::size_t k = 0; k <= m; ++k) ok = ok && fits_in_sign_bit(b[k]) && fits_in_sign_bit(num[k]);
    return b;
}

// The data with every limb of every coefficient written explicitly. A
// node's data is a template argument, and g++ 12 takes two such values for
// the same where one has a nonzero element in a slot of an array the other
// left value-initialized and vice versa ({[0] = 1} and {[1] = 1}: `template
// <auto D> struct T` gives T<{1, 0}> and T<{0, 1}> one type); written out
// in full, they compare slot by slot.
template <std::size_t M>
constexpr sigma_polynomial_data<M> written_out(const std::array<wide, M + 1>& b, const wide& den, bool ok) {
    sigma_polynomial_data<M> d{};
    auto copy = [](wide& to, const wide& from) {
        for (std::size_t l = 0; l < wide_limbs; ++l) to.limb[l] = from.limb[l];
        to.negative = from.negative;
    };
    for (std::size_t k = 0; k <= M; ++k) copy(d.b[k], b[k]);
    copy(d.den, den);
    d.ok = ok;
    return d;
}

// P (degree M) as a node's data.
template <std::size_t M>
constexpr sigma_polynomial_data<M> data_of(const exact_polynomial& p) {
    bool ok = p.ok && p.degree == M;
    const std::array<wide, M + 1> b = bernstein_of<M + 1>(p.num.data(), M, ok);
    return written_out<M>(b, p.den, ok && fits_in_sign_bit(p.den));
}

// The order key of a polynomial: its coefficients spelled out, so that two
// polynomials of one argument order by their coefficients on every compiler.
template <std::size_t M>
constexpr std::array<char, (M + 2) * (8 * wide_limbs + 2) + 1> polynomial_key(const sigma_polynomial_data<M>& d) {
    std::array<char, (M + 2) * (8 * wide_limbs + 2) + 1> key{};
    std::size_t n = 0;
    auto put = [&](const wide& w) {
        key[n++] = w.negative ? '-' : '+';
        for (std::size_t l = wide_limbs; l-- > 0;)
            for (int nibble = 7; nibble >= 0; --nibble)
                key[n++] = "0123456789abcdef"[(w.limb[l] >> (4 * nibble)) & 0xfU];
        key[n++] = ',';
    };
    for (std::size_t k = 0; k <= M; ++k) put(d.b[k]);
    put(d.den);
    key[n] = '\0';
    return key;
}

template <class T>
struct wider_scalar {
    using type = T;
};
template <>
struct wider_scalar<float> {
    using type = double;
};
template <>
struct wider_scalar<double> {
    using type = long double;
};

// When a double may be evaluated in double. The wider type of a double is
// long double, which on x86-64 is the x87 unit: sigma' took 15 ns in it
// against 5 ns in double. So the polynomial nodes below evaluate a double in
// double where that is as accurate:
//  - a Horner sum whose terms have one sign (over e >= 0 in the sigma
//    polynomials): each rounding is relative to the result;
//  - else, for a polynomial of degree at most double_degree_limit, where the
//    terms' magnitudes sum to at most cancellation_limit times the sum (the
//    error is then within that factor of the one-sign case; terms_cancel
//    below), and in long double where they do. Without the degree limit
//    those bounded errors reached 1.4e-14 in Taylor mode's combinations
//    (tests/accuracy, loss_taylor at order 14, where Boost.Math is within
//    5e-15).
// A float is evaluated in double (as fast as float), a long double in long
// double.
inline constexpr std::size_t double_degree_limit = 4;
inline constexpr int cancellation_limit = 2;
template <class T>
constexpr bool double_when_no_cancellation(std::size_t degree) {
    return std::is_same_v<T, double> && degree <= double_degree_limit;
}
template <class W>
constexpr bool terms_cancel(W sum, W magnitudes) {
    return magnitudes > W(cancellation_limit) * math::abs(sum);
}

// d/du P(sigma(u)), in the Bernstein basis of degree M + 1: with s' = s c,
// d/du s^i c^(M - i) = i s^i c^(M + 1 - i) - (M - i) s^(i + 1) c^(M - i), so
// b'[j] = j b[j] - (M + 1 - j) b[j - 1].
template <std::size_t M>
constexpr sigma_polynomial_data<M + 1> derivative_data(const sigma_polynomial_data<M>& d) {
    std::array<wide, M + 2> b{};
    bool ok = d.ok;
    for (std::size_t j = 0; j <= M + 1; ++j) {
        wide t = j <= M ? wide_multiply(d.b[j], wide_of(static_cast<long long>(j)), ok) : wide{};
        if (j > 0) {
            wide u = wide_multiply(d.b[j - 1], wide_of(-static_cast<long long>(M + 1 - j)), ok);
            t = wide_add(t, u, ok);
        }
        b[j] = t;
        ok = ok && fits_in_sign_bit(t);
    }
    return written_out<M + 1>(b, d.den, ok);
}

/// P(sigma(u)) for the polynomial Data, evaluated in the Bernstein form
/// (see the top of this file). An internal function: eval, Jacobian and
/// Hessian entries use it; it has a derivative rule, as every function does.
template <auto Data>
struct sigma_polynomial_fn {
    static_assert(Data.ok, "chainrule::detail::sigma_polynomial_fn: not a polynomial the node can carry");
    static constexpr std::size_t degree = Data.b.size() - 1;
    static constexpr const char* name = "sigma_polynomial";
    static constexpr auto key_text = polynomial_key(Data);
    static constexpr const char* key = key_text.data();

    template <class U>
    using derivative = apply_t<sigma_polynomial_fn<derivative_data(Data)>, U>;

    // b[i] / den in the working type W
    template <class W>
    static constexpr std::array<W, degree + 1> coefficients = [] {
        std::array<W, degree + 1> b{};
        const W den = wide_value<W>(Data.den);
        for (std::size_t i = 0; i <= degree; ++i) b[i] = wide_value<W>(Data.b[i]) / den;
        return b;
    }();

    // The nonzero coefficients are b[low..high]; one_sign: they have one sign.
    static constexpr std::size_t low = [] {
        std::size_t i = 0;
        while (i < degree && is_zero(Data.b[i])) ++i;
        return i;
    }();
    static constexpr std::size_t high = [] {
        std::size_t i = degree;
        while (i > low && is_zero(Data.b[i])) --i;
        return i;
    }();
    static constexpr bool one_sign = [] {
        bool positive = false, negative = false;
        for (const wide& w : Data.b)
            if (!is_zero(w)) (w.negative ? negative : positive) = true;
        return !(positive && negative);
    }();

    // sum_i b_i e^(m - i) (right) or sum_i b_i e^i, in W, by Horner: the same
    // operations as Horner over every coefficient, less those on the zeros it
    // starts with (0 e + 0 is 0 exactly); the zeros it ends with still add
    // +0, which keeps a -0 product +0 as before. Magnitudes: with |b_i|.
    template <class W, bool Magnitudes = false>
    static constexpr W sum_in(W e, bool right) {
        constexpr const std::array<W, degree + 1>& c = coefficients<W>;
        auto b = [&](std::size_t i) { return Magnitudes && c[i] < W(0) ? -c[i] : c[i]; };
        W acc = b(right ? low : high);
        if (right) {
            for (std::size_t i = low + 1; i <= high; ++i) acc = acc * e + b(i);
            for (std::size_t i = high; i < degree; ++i) acc = acc * e + W(0);
        } else {
            for (std::size_t i = high; i-- > low;) acc = acc * e + b(i);
            for (std::size_t i = 0; i < low; ++i) acc = acc * e + W(0);
        }
        return acc;
    }
    template <class W>
    static constexpr W scale_in(W e) {
        W scale = W(1) + e;
        for (std::size_t i = 1; i < degree; ++i) scale *= W(1) + e;
        return scale;
    }

    // (The working type: double_when_no_cancellation, above.)
    template <std::floating_point T>
    static constexpr T eval(T u) {
        using W = typename wider_scalar<T>::type;
        if (u != u) return u;  // NaN in, NaN out (and no NaN arithmetic, which Clang refuses in constant evaluation)
        const bool right = !(u < T(0));
        const T e = math::detail::exp_minus_magnitude(u);  // (the exp sigma(u) computes: see that function)
        if constexpr (std::is_same_v<T, double> && one_sign) {
            return sum_in<T>(e, right) / scale_in<T>(e);
        } else if constexpr (double_when_no_cancellation<T>(degree)) {
            const T sum = sum_in<T>(e, right);
            if (!terms_cancel(sum, sum_in<T, true>(e, right))) return sum / scale_in<T>(e);
        }
        return T(sum_in<W>(W(e), right) / scale_in<W>(W(e)));
    }
};

// Whether P (in sigma) can be a node: exact, of degree 1 or more, its
// Bernstein coefficients within the wide integers.
constexpr bool usable(const exact_polynomial& p) {
    if (!p.ok || p.degree == 0) return false;
    bool ok = true;
    (void)bernstein_of<polynomial_capacity + 1>(p.num.data(), p.degree, ok);
    return ok && fits_in_sign_bit(p.den);
}

// ---------------------------------------------------- Gaussian tails

// x^N as the evaluator computes a power node (evaluator.hpp, which defines it).
template <long long N, class T>
constexpr T integer_power(const T& x);

// c u^(2k), c < 0 an exact constant, k >= 1: the argument of a Gaussian tail.
template <class A>
struct gaussian_exponent : std::false_type {};
template <class C, class U, long long N>
    requires(is_constant<C>::value&& N > 0 && N % 2 == 0)
struct gaussian_exponent<Product<C, Power<U, Int<N>>>> : std::bool_constant<(C::numerator < 0)> {
    using base = U;
    static constexpr long long c_num = C::numerator, c_den = C::denominator, k = N / 2;
};

// exp(c u^(2k)) as a factor.
template <class F>
struct gaussian_factor : std::false_type {};
template <class A>
struct gaussian_factor<Call<exp_fn, A>> : gaussian_exponent<A> {};

// The degree m of a factor u^m (m > 0) in U, else 0.
template <class F, class U>
inline constexpr long long monomial_degree = 0;
template <class U>
inline constexpr long long monomial_degree<U, U> = 1;
template <class U, long long M>
inline constexpr long long monomial_degree<Power<U, Int<M>>, U> = M > 0 ? M : 0;

// In the factors Fs of a product: the first factor exp(c u^(2k)) with a factor
// u^m beside it, and that factor (found = false where there is none).
struct gaussian_match {
    bool found = false;
    std::size_t exponential = 0, monomial = 0;
};
// For G = exp(c u^(2k)), the index of the first factor u^m among Fs; n when
// G is not such a factor or no factor is its partner.
template <bool Gaussian, class G, class... Fs>
struct gaussian_partner : std::integral_constant<std::size_t, sizeof...(Fs)> {};
template <class G, class... Fs>
struct gaussian_partner<true, G, Fs...>
    : std::integral_constant<std::size_t,
                             first_true({(monomial_degree<Fs, typename gaussian_factor<G>::base> > 0)...})> {};
constexpr gaussian_match first_gaussian_pair(std::initializer_list<std::size_t> partners) {
    std::size_t i = 0;
    for (const std::size_t p : partners) {
        if (p < partners.size()) return gaussian_match{true, i, p};
        ++i;
    }
    return {};
}
template <gaussian_match M>
struct gaussian_match_constant {
    static constexpr gaussian_match value = M;
};
// The first factor exp(c u^(2k)) of a product with a partner u^m, and that
// partner. (Each an integral_constant base or a plain function of values,
// never a member of its own named after the factors: see compare_at in
// detail/order.hpp.)
template <class... Fs>
struct gaussian_pair : gaussian_match_constant<first_gaussian_pair(
                           {gaussian_partner<gaussian_factor<Fs>::value, Fs, Fs...>::value...})> {};

// The order key of a node: its integer parameters spelled out.
template <long long... Vs>
constexpr std::array<char, 21 * sizeof...(Vs) + 1> integers_key() {
    std::array<char, 21 * sizeof...(Vs) + 1> key{};
    std::size_t n = 0;
    for (long long v : {Vs...}) {
        if (v < 0) key[n++] = '-';
        n += write_decimal(magnitude_of(v), key.data() + n);
        key[n++] = ',';
    }
    key[n - 1] = '\0';
    return key;
}

// c u^(2k), c = c_num / c_den, in W: -inf where the power overflows.
template <class W>
constexpr W gaussian_exponent_value(W w, long long c_num, long long c_den, long long k) {
    using math::detail::ieee_mul;
    const W square = ieee_mul(w, w);
    W power = square;
    for (long long j = 1; j < k; ++j) power = ieee_mul(power, square);
    return math::detail::ieee_div(ieee_mul(W(c_num), power), W(c_den));
}

// u^m e^(c u^(2k)) where e^(c u^(2k)) is below the normal range or u^m
// overflows: exp(m ln|u| + c u^(2k)) in a wider type where there is one (its
// exponent range holds u^(2k) for every u of T), with its sign: 0 where the
// true value underflows, also at u = +-inf. (One function for every m, c, k:
// the rare path of gaussian_tail_fn::eval.)
template <class T>
constexpr T gaussian_tail_in_log_space(T u, long long m, long long c_num, long long c_den, long long k) {
    const bool negative = m % 2 == 1 && u < T(0);
    if (math::isinf(u)) return negative ? T(-0.0) : T(0.0);
    using W = typename wider_scalar<T>::type;
    const W w = W(u);
    const W r =
        math::exp(math::detail::ieee_add(W(m) * math::log(math::abs(w)), gaussian_exponent_value(w, c_num, c_den, k)));
    return T(negative ? -r : r);
}

/// u^M e, where e is exp(c u^(2K)), c = CNum / CDen < 0: an internal function
/// of two arguments (see the top of this file), which eval, Jacobian and
/// Hessian entries use; it has its partial derivatives, as every function does.
template <long long M, long long CNum, long long CDen, long long K>
struct gaussian_tail_fn {
    static_assert(M > 0 && CNum < 0 && CDen > 0 && K > 0, "chainrule::detail::gaussian_tail_fn: not a Gaussian tail");
    static constexpr const char* name = "gaussian_tail";
    static constexpr auto key_text = integers_key<M, CNum, CDen, K>();
    static constexpr const char* key = key_text.data();

    template <class U, class E>
    using derivative = Partials<Mul<Int<M>, Pow<U, Int<M - 1>>, E>, Pow<U, Int<M>>>;

    template <std::floating_point T>
    static constexpr T eval(T u, T e) {
        if (u != u) return u;  // NaN in, NaN out (and no NaN arithmetic: Clang refuses it in constant evaluation)
        // u^M e as the product computed it, where that is sound: u^M as the
        // power node does (x^3 = x * x * x), e not below the normal range.
        const T power = integer_power<M>(u);
        if (!(e < std::numeric_limits<T>::min()) && !math::isinf(power)) return math::detail::ieee_mul(power, e);
        return gaussian_tail_in_log_space(u, M, CNum, CDen, K);
    }
};

// ------------------------------------------------------- the analysis

// sigmoid and tanh: polynomials in sigma(U) or tanh(U); variable: polynomials
// in U itself (rational sums, below).
enum class atom_kind : unsigned char { none, sigmoid, tanh, variable };

// A factor q^e of a rational sum's term (see "Rational sums" below): q a sum
// or a product, e a negative integer or an odd number of halves, q^-3,
// q^(-7/2), sqrt(q), sqrt(q)^-5; halves is 2e.
template <class B>
inline constexpr bool is_compound = false;
template <class... Ts>
inline constexpr bool is_compound<Sum<Ts...>> = true;
template <class... Fs>
inline constexpr bool is_compound<Product<Fs...>> = true;
// (value and halves as an integral base, not members of their own: see
// compare_at in detail/order.hpp)
template <bool Value, long long Halves>
struct base_factor_info {
    static constexpr bool value = Value;
    static constexpr long long halves = Halves;
};
template <class F>
struct base_factor : base_factor_info<false, 0> {
    using base = void;
};
template <class B, long long K>
struct base_factor<Power<B, Int<K>>> : base_factor_info<(is_compound<B> && K < 0), 2 * K> {
    using base = B;
};
template <class B, long long P, long long Q>
struct base_factor<Power<B, Ratio<P, Q>>> : base_factor_info<(is_compound<B> && Q == 2), P> {
    using base = B;
};
template <class B>
struct base_factor<Call<sqrt_fn, B>> : base_factor_info<is_compound<B>, 1> {
    using base = B;
};
template <class B, long long K>
struct base_factor<Power<Call<sqrt_fn, B>, Int<K>>> : base_factor_info<is_compound<B>, K> {
    using base = B;
};
// Whether a term has such a factor.
template <class T>
struct term_has_base : std::bool_constant<base_factor<T>::value> {};
template <class... Fs>
struct term_has_base<Product<Fs...>> : std::bool_constant<any_of({base_factor<Fs>::value...})> {};

// The first sigma(u) or tanh(u) met in a sum or product, through positive
// integer powers and nested sums and products (not through function
// arguments).
template <class E>
struct atom_search {
    static constexpr atom_kind kind = atom_kind::none;
    using argument = void;
};
template <class U>
struct atom_search<Call<sigmoid_fn, U>> {
    static constexpr atom_kind kind = atom_kind::sigmoid;
    using argument = U;
};
template <class U>
struct atom_search<Call<tanh_fn, U>> {
    static constexpr atom_kind kind = atom_kind::tanh;
    using argument = U;
};
template <class B, long long K>
struct atom_search<Power<B, Int<K>>> : if_t<(K > 0), atom_search<B>, atom_search<void>> {};

template <class... Ts>
constexpr std::size_t first_atom_index() {
    constexpr bool found[] = {(atom_search<Ts>::kind != atom_kind::none)...};
    for (std::size_t k = 0; k < sizeof...(Ts); ++k)
        if (found[k]) return k;
    return sizeof...(Ts);
}
template <class... Ts>
struct first_atom
    : if_t<(first_atom_index<Ts...>() < sizeof...(Ts)),
           atom_search<at_t<first_atom_index<Ts...>() % sizeof...(Ts), type_list<Ts...>>>, atom_search<void>> {};
template <class... Ts>
struct atom_search<Sum<Ts...>> : first_atom<Ts...> {};
template <class... Fs>
struct atom_search<Product<Fs...>> : first_atom<Fs...> {};

// Whether something in E may be rewritten: a sum of two terms or more one
// of which has sigma or tanh at its top (atom_search), sin or cos (a
// candidate trigonometric polynomial sum) or a factor q^e (base_factor, a
// candidate rational sum); a product with two factors or
// more that have sigma or tanh at their top, or with a Gaussian tail
// (gaussian_pair); or such a sum or product anywhere inside. Anything else
// is left as it is, unwalked: a lone sigma(u) or tanh(u)^k gains nothing, so
// that a chain tanh(w_n tanh(... tanh(w_1 x))) is not walked level by level
// (a walk 128 levels deep exceeded Clang's template depth). One
// instantiation per subexpression: atom, whether sigma or tanh is at E's top
// (as atom_search finds it); rewrite, whether E may be rewritten; trig,
// whether sin or cos is at E's top (through products, sums and integer
// powers), so that a program without them never forms the analysis.
template <bool Atom, bool Rewrite, bool Trig = false>
struct walk_result {
    static constexpr bool atom = Atom, rewrite = Rewrite, trig = Trig;
};
template <class E>
struct walk_flags : walk_result<false, false> {};
template <class U>
struct walk_flags<Call<sigmoid_fn, U>> : walk_result<true, walk_flags<U>::rewrite> {};
template <class U>
struct walk_flags<Call<tanh_fn, U>> : walk_result<true, walk_flags<U>::rewrite> {};
template <class U>
struct walk_flags<Call<sin_fn, U>> : walk_result<false, walk_flags<U>::rewrite, true> {};
template <class U>
struct walk_flags<Call<cos_fn, U>> : walk_result<false, walk_flags<U>::rewrite, true> {};
template <class Fn, class... As>
struct walk_flags<Call<Fn, As...>> : walk_result<false, any_of({walk_flags<As>::rewrite...})> {};
template <class B, class E>
struct walk_flags<Power<B, E>> : walk_result<false, (walk_flags<B>::rewrite || walk_flags<E>::rewrite)> {};
template <class B, long long K>
struct walk_flags<Power<B, Int<K>>>
    : walk_result<(K > 0 && walk_flags<B>::atom), walk_flags<B>::rewrite, (K != 0 && walk_flags<B>::trig)> {};
// cbrt(u)^k for |k| >= 3 is rewritten (cbrt_power, below).
template <class U, long long K>
struct walk_flags<Power<Call<cbrt_fn, U>, Int<K>>> : walk_result<false, (K >= 3 || K <= -3 || walk_flags<U>::rewrite)> {
};
// A sum of two terms or more may be rewritten where one has sigma or tanh at
// its top (Atom), sin or cos (Trig) or a factor q^e.
template <bool Atom, bool Trig, class... Ts>
struct sum_walk : walk_result<Atom,
                              ((sizeof...(Ts) >= 2 && (Atom || Trig || any_of({term_has_base<Ts>::value...}))) ||
                               any_of({walk_flags<Ts>::rewrite...})),
                              Trig> {};
template <class... Ts>
struct walk_flags<Sum<Ts...>> : sum_walk<any_of({walk_flags<Ts>::atom...}), any_of({walk_flags<Ts>::trig...}), Ts...> {
};
template <class... Fs>
struct walk_flags<Product<Fs...>>
    : walk_result<any_of({walk_flags<Fs>::atom...}),
                  (add_up<std::size_t>({std::size_t{walk_flags<Fs>::atom}...}) >= 2 ||
                   gaussian_pair<Fs...>::value.found || any_of({walk_flags<Fs>::rewrite...})),
                  any_of({walk_flags<Fs>::trig...})> {};

// F as a polynomial in a = sigma(U) (K = sigmoid) or tanh(U) (K = tanh),
// where it is one: a, its positive integer powers, constants, and sums and
// products of those.
template <class F, atom_kind K, class U>
struct polynomial_info {
    static constexpr bool ok = false;
    static constexpr exact_polynomial value{};
};
template <class U>
struct polynomial_info<Call<sigmoid_fn, U>, atom_kind::sigmoid, U> {
    static constexpr bool ok = true;
    static constexpr exact_polynomial value = polynomial_variable();
};
template <class U>
struct polynomial_info<Call<tanh_fn, U>, atom_kind::tanh, U> {
    static constexpr bool ok = true;
    static constexpr exact_polynomial value = polynomial_variable();
};
template <class U>
struct polynomial_info<U, atom_kind::variable, U> {
    static constexpr bool ok = true;
    static constexpr exact_polynomial value = polynomial_variable();
};
template <long long N, atom_kind K, class U>
struct polynomial_info<Int<N>, K, U> {
    static constexpr bool ok = true;
    static constexpr exact_polynomial value = polynomial_constant(N, 1);
};
template <long long P, long long Q, atom_kind K, class U>
struct polynomial_info<Ratio<P, Q>, K, U> {
    static constexpr bool ok = true;
    static constexpr exact_polynomial value = polynomial_constant(P, Q);
};
template <class B, long long N, atom_kind K, class U>
struct polynomial_info<Power<B, Int<N>>, K, U> {
    static constexpr bool ok = N > 0 && polynomial_info<B, K, U>::ok;
    static constexpr exact_polynomial value = [] {
        if constexpr (!ok) {
            return exact_polynomial{};
        } else {
            return polynomial_power(polynomial_info<B, K, U>::value, N);
        }
    }();
};
template <class... Ts, atom_kind K, class U>
struct polynomial_info<Sum<Ts...>, K, U> {
    static constexpr bool ok = all_of({polynomial_info<Ts, K, U>::ok...});
    static constexpr exact_polynomial value = [] {
        exact_polynomial r = polynomial_constant(0, 1);
        if constexpr (ok)
            for (const exact_polynomial* p : {&polynomial_info<Ts, K, U>::value...}) r = r + *p;
        return r;
    }();
};
template <class... Fs, atom_kind K, class U>
struct polynomial_info<Product<Fs...>, K, U> {
    static constexpr bool ok = all_of({polynomial_info<Fs, K, U>::ok...});
    static constexpr exact_polynomial value = [] {
        exact_polynomial r = polynomial_constant(1, 1);
        if constexpr (ok)
            for (const exact_polynomial* p : {&polynomial_info<Fs, K, U>::value...}) r = r * *p;
        return r;
    }();
};

template <class L>
struct product_of_list;
template <>
struct product_of_list<type_list<>> {
    using type = Int<1>;
};
template <class F>
struct product_of_list<type_list<F>> {
    using type = F;
};
template <class F, class G, class... Fs>
struct product_of_list<type_list<F, G, Fs...>> : multiply_many<F, G, Fs...> {};

template <class L>
struct sum_of_list;
template <>
struct sum_of_list<type_list<>> {
    using type = Int<0>;
};
template <class T>
struct sum_of_list<type_list<T>> {
    using type = T;
};
template <class T, class S, class... Ts>
struct sum_of_list<type_list<T, S, Ts...>> : add_many<T, S, Ts...> {};

// A term of a sum as pairs (coefficient, P(a)), whose products summed are
// the term: P from the factors that are polynomials in a, the coefficient
// (rest) from the others. A factor that is a sum of such terms is
// multiplied out, so that c (s^2 + 2 x s^2 (1 - s)) -- the canonical forms
// keep such factors where the coefficients would grow -- is the pairs
// (1, c s^2) and (x, 2 c s^2 (1 - s)). ok: the term is a polynomial in a (a
// constant is one, of degree 0); otherwise the term is its one pair (T, 1).
template <class T, atom_kind K, class U>
struct polynomial_term {
    static constexpr bool ok = polynomial_info<T, K, U>::ok;
    static constexpr std::size_t count = 1;
    using rests = type_list<if_t<ok, Int<1>, T>>;
    static constexpr std::array<exact_polynomial, 1> values = {ok ? polynomial_info<T, K, U>::value
                                                                  : polynomial_constant(1, 1)};
};

// A factor that is a sum, as the pairs of its terms, where each is a polynomial.
template <class S, atom_kind K, class U>
struct polynomial_sum_pairs {
    static constexpr bool ok = false;
};
// The pairs of terms Ts, one list (a sum's factor, or a sum itself).
template <atom_kind K, class U, class... Ts>
struct polynomial_pairs {
    static constexpr bool ok = all_of({polynomial_term<Ts, K, U>::ok...});
    static constexpr std::array<std::size_t, sizeof...(Ts)> counts = {polynomial_term<Ts, K, U>::count...};
    static constexpr std::size_t count = [] {
        std::size_t c = 0;
        for (std::size_t k : counts) c += k;
        return c;
    }();
    using rests = typename concat_all<typename polynomial_term<Ts, K, U>::rests...>::type;
    static constexpr std::array<exact_polynomial, count> values = [] {
        std::array<exact_polynomial, count> v{};
        std::size_t n = 0, k = 0;
        for (const exact_polynomial* p : {polynomial_term<Ts, K, U>::values.data()...}) {
            for (std::size_t j = 0; j < counts[k]; ++j) v[n++] = p[j];
            ++k;
        }
        return v;
    }();
};
template <class... Ts, atom_kind K, class U>
struct polynomial_sum_pairs<Sum<Ts...>, K, U> : polynomial_pairs<K, U, Ts...> {};

template <class F, atom_kind K, class U>
using rest_of_factor = if_t<polynomial_info<F, K, U>::ok, type_list<>, type_list<F>>;

// A product: its polynomial factors' product p0, and the other factors.
template <atom_kind K, class U, class... Fs>
struct polynomial_product_parts {
    static constexpr exact_polynomial p0 = [] {
        exact_polynomial r = polynomial_constant(1, 1);
        constexpr bool factor_ok[] = {polynomial_info<Fs, K, U>::ok...};
        std::size_t k = 0;
        for (const exact_polynomial* p : {&polynomial_info<Fs, K, U>::value...})
            if (factor_ok[k++]) r = r * *p;
        return r;
    }();
    using others = typename concat_all<rest_of_factor<Fs, K, U>...>::type;
};

template <class Parts, class Others>
struct polynomial_product_unsplit {
    static constexpr bool ok = Parts::p0.degree > 0;
    static constexpr std::size_t count = 1;
    using rests = type_list<typename product_of_list<Others>::type>;
    static constexpr std::array<exact_polynomial, 1> values = {Parts::p0};
};

// The first of the other factors that is a sum of polynomial terms, where
// multiplying it out leaves every pair a polynomial of degree 1 or more.
template <atom_kind K, class U, class Parts, class Others>
struct polynomial_split_index;
template <atom_kind K, class U, class Parts, class... Os>
struct polynomial_split_index<K, U, Parts, type_list<Os...>> {
    template <class O>
    static constexpr bool splits() {
        if constexpr (!polynomial_sum_pairs<O, K, U>::ok) {
            return false;
        } else {
            if (Parts::p0.degree > 0) return true;
            for (const exact_polynomial& v : polynomial_sum_pairs<O, K, U>::values)
                if (v.degree == 0) return false;
            return true;
        }
    }
    static constexpr std::size_t value = [] {
        constexpr bool can[] = {splits<Os>()..., false};
        for (std::size_t k = 0; k < sizeof...(Os); ++k)
            if (can[k]) return k;
        return sizeof...(Os);
    }();
};

template <class R, class... Others>
struct polynomial_pair_rest : product_of_list<type_list<R, Others...>> {};
template <class... Others>
struct polynomial_pair_rest<Int<1>, Others...> : product_of_list<type_list<Others...>> {};

template <atom_kind K, class U, class Parts, class S, class Rests, class Others>
struct polynomial_product_split;
template <atom_kind K, class U, class Parts, class S, class... Rs, class... Os>
struct polynomial_product_split<K, U, Parts, S, type_list<Rs...>, type_list<Os...>> {
    static constexpr bool ok = true;
    static constexpr std::size_t count = sizeof...(Rs);
    using rests = type_list<typename polynomial_pair_rest<Rs, Os...>::type...>;
    static constexpr std::array<exact_polynomial, count> values = [] {
        std::array<exact_polynomial, count> v{};
        for (std::size_t j = 0; j < count; ++j) v[j] = Parts::p0 * polynomial_sum_pairs<S, K, U>::values[j];
        return v;
    }();
};

template <atom_kind K, class U, class Parts, class Others, std::size_t Split>
struct polynomial_product_term : polynomial_product_unsplit<Parts, Others> {};
template <atom_kind K, class U, class Parts, class... Os, std::size_t Split>
    requires(Split < sizeof...(Os))
struct polynomial_product_term<K, U, Parts, type_list<Os...>, Split>
    : polynomial_product_split<K, U, Parts, at_t<Split, type_list<Os...>>,
                               typename polynomial_sum_pairs<at_t<Split, type_list<Os...>>, K, U>::rests,
                               typename concat_all<if_t<std::is_same<Os, at_t<Split, type_list<Os...>>>::value,
                                                        type_list<>, type_list<Os>>...>::type> {};

template <class... Fs, atom_kind K, class U>
struct polynomial_term<Product<Fs...>, K, U>
    : polynomial_product_term<K, U, polynomial_product_parts<K, U, Fs...>,
                              typename polynomial_product_parts<K, U, Fs...>::others,
                              polynomial_split_index<K, U, polynomial_product_parts<K, U, Fs...>,
                                                     typename polynomial_product_parts<K, U, Fs...>::others>::value> {};

template <class E, bool = walk_flags<E>::rewrite>
struct stable {
    using type = E;
};
/// E as the forward sweep evaluates it: polynomials in sigma and tanh
/// through sigma_polynomial_fn, the rest as it is.
template <class E>
using stable_t = typename stable<E>::type;

// P(a) as a node: sigma_polynomial_fn at U, or for tanh at 2U; P is
// Source::value. (P is named by the type that holds it, not passed as a
// value: g++ 12 takes two exact_polynomial template arguments for the same
// where one has a value-initialized coefficient in a slot the other has set
// and vice versa -- {0, 1, -1} and {1, 0, -1} -- and so evaluated 1 - s^2 as
// s - s^2 in a program that had formed the node of s - s^2 first.)
template <atom_kind K, class U, class Source>
struct polynomial_node {
    static constexpr exact_polynomial in_sigma = K == atom_kind::tanh ? tanh_to_sigmoid(Source::value) : Source::value;
    static constexpr bool ok = in_sigma.ok && in_sigma.degree > 0;
    static constexpr auto data = data_of < ok ? in_sigma.degree : 1 > (in_sigma);
    using argument =
        typename if_t<K == atom_kind::tanh, multiply_many<Int<2>, stable_t<U>>, std::type_identity<stable_t<U>>>::type;
    using type = apply_t<sigma_polynomial_fn<data>, argument>;
};

template <class R, class List>
struct first_same;
template <class R, class... Rs>
struct first_same<R, type_list<Rs...>> {
    static constexpr std::size_t in(const bool* eligible) {
        constexpr bool same[] = {std::is_same<R, Rs>::value...};
        for (std::size_t k = 0; k < sizeof...(Rs); ++k)
            if (eligible[k] && same[k]) return k;
        return sizeof...(Rs);
    }
};

// A sum of more pairs than this (see polynomial_term) is evaluated as
// written (grouping its terms compares every pair).
inline constexpr std::size_t polynomial_terms_limit = 192;

// The terms Ts of a sum (or the one term of a product), as their pairs
// (polynomial_term), grouped by coefficient: the sum of coefficient x
// P_group(a) over the groups, and the terms that are not polynomials as
// they are.
template <atom_kind K, class U, class... Ts>
struct polynomial_rewrite {
    using terms = type_list<Ts...>;
    using pairs = polynomial_pairs<K, U, Ts...>;
    static constexpr std::size_t n_terms = sizeof...(Ts);
    static constexpr const auto& counts = pairs::counts;
    static constexpr std::array<bool, sizeof...(Ts)> term_ok = {polynomial_term<Ts, K, U>::ok...};
    static constexpr std::size_t n = pairs::count;
    using rests = typename pairs::rests;
    // pair p: its term, whether that is a polynomial, its polynomial
    static constexpr std::array<std::size_t, n> origin = [] {
        std::array<std::size_t, n> o{};
        std::size_t p = 0;
        for (std::size_t k = 0; k < n_terms; ++k)
            for (std::size_t j = 0; j < counts[k]; ++j) o[p++] = k;
        return o;
    }();
    static constexpr std::array<bool, n> pair_ok = [] {
        std::array<bool, n> r{};
        for (std::size_t p = 0; p < n; ++p) r[p] = term_ok[origin[p]];
        return r;
    }();
    static constexpr const auto& values = pairs::values;

    // leader[p]: the first polynomial pair with pair p's coefficient
    template <std::size_t... I>
    static constexpr std::array<std::size_t, n> leaders(std::index_sequence<I...>) {
        return {(pair_ok[I] ? first_same<at_t<I, rests>, rests>::in(pair_ok.data()) : n)...};
    }
    static constexpr std::array<std::size_t, n> leader = leaders(std::make_index_sequence<n>{});

    static constexpr std::array<exact_polynomial, n> group = [] {
        std::array<exact_polynomial, n> g{};
        for (std::size_t p = 0; p < n; ++p)
            if (leader[p] != n) g[leader[p]] = g[leader[p]] + values[p];
        return g;
    }();
    // the polynomial of the group led by pair P, as polynomial_node takes it
    template <std::size_t P>
    struct group_source {
        static constexpr const exact_polynomial& value = group[P];
    };
    static constexpr std::array<std::size_t, n> members = [] {
        std::array<std::size_t, n> m{};
        for (std::size_t p = 0; p < n; ++p)
            if (leader[p] != n) ++m[leader[p]];
        return m;
    }();

    // Rewritten where every group can be a node (or is the sum's constant
    // term, alone) and one of them has two terms or more (a lone a^k gains
    // nothing).
    static constexpr bool applies = [] {
        if (n > polynomial_terms_limit) return false;
        bool worth = false;
        for (std::size_t p = 0; p < n; ++p) {
            if (leader[p] != p) continue;
            if (group[p].degree == 0) {
                if (members[p] != 1 || counts[origin[p]] != 1) return false;
                continue;  // a constant stays as it is
            }
            if (!usable(K == atom_kind::tanh ? tanh_to_sigmoid(group[p]) : group[p])) return false;
            if (nonzero_terms(group[p]) >= 2) worth = true;
        }
        return worth;
    }();

    template <std::size_t P, int Role = (!pair_ok[P] || group[leader[P]].degree == 0 ? 0
                                         : leader[P] == P                            ? 1
                                                                                     : 2)>
    struct output {  // a term that is not a polynomial (its one pair), or the constant
        using type = type_list<stable_t<at_t<origin[P], terms>>>;
    };
    template <std::size_t P>
    struct output<P, 1> {  // a group's leader
        using type = type_list<typename multiply_many<stable_t<at_t<P, rests>>,
                                                      typename polynomial_node<K, U, group_source<P>>::type>::type>;
    };
    template <std::size_t P>
    struct output<P, 2> {  // in a group led by an earlier pair
        using type = type_list<>;
    };
    template <std::size_t... P>
    static auto outputs(std::index_sequence<P...>) -> typename concat_all<typename output<P>::type...>::type;
};
// (Apart from the class, so that asking whether it applies does not form it.)
template <class Rewrite>
struct rewritten : sum_of_list<decltype(Rewrite::outputs(std::make_index_sequence<Rewrite::n>{}))> {};

// A sum or product rewritten, where that applies, else rebuilt from its
// stabilised operands (or left as it is, where none changed).
template <template <class...> class Rebuild, class Node, class... Ts>
struct rebuilt {
    using type = if_t<all_of({std::is_same<stable_t<Ts>, Ts>::value...}), std::type_identity<Node>, Rebuild<Ts...>>;
};
template <class... Ts>
struct rebuild_sum : sum_of_list<type_list<stable_t<Ts>...>> {};
template <class... Fs>
struct rebuild_product : product_of_list<type_list<stable_t<Fs>...>> {};

// Otherwise's result (rebuilt: type::type). It is formed only where the
// rewrite does not apply: forming it stabilises every operand, work thrown
// away where the whole sum becomes nodes.
template <class Otherwise>
struct otherwise_type {
    using type = typename Otherwise::type::type;
};
// Rewrite's result (rewritten<Rewrite>) where Try and Rewrite::applies, else
// Otherwise's; Rewrite is not formed where Try is false.
template <class Rewrite, class Otherwise, bool Try>
struct rewrite_or : otherwise_type<Otherwise> {};
template <class Rewrite, class Otherwise>
struct rewrite_or<Rewrite, Otherwise, true> {
    using type = typename if_t<Rewrite::applies, rewritten<Rewrite>, otherwise_type<Otherwise>>::type;
};

// ------------------------------------------------------- rational sums

// The derivatives of atan, asinh, acosh, sqrt(x^2 + 5) and ln(x^2 + 5) are
// sums of terms c u^j q(u)^e, q a polynomial in u and the exponents e
// integers or halves that differ by integers: atan's fourth derivative is
// -2 (24 x^3 (x^2 + 1)^-4 - 12 x (x^2 + 1)^-3). Evaluated as written, the
// terms cancel where |x| is 1 to 6; at x = -5 the terms of atan's 16th
// derivative are 4.5e6 times their sum. Over a common denominator,
// q^(e_min) P(u) with P = sum c u^j q^(e - e_min) multiplied out exactly at
// compile time, the terms of P are about 400 times its value there
// (scripts/gap_conditioning.py, docs/accuracy.md), and Horner's rule in a
// wider type loses nothing a double can see. So a sum whose every term is
// c u^j q^e -- one q, a sum or product that is a polynomial in u, two terms
// or more, e_min negative or a half -- is evaluated through one node,
// rational_polynomial_fn<Data>(u): q from its factors as the expression
// writes them ((u - 1)(u + 1) for acosh, not u^2 - 1, which cancels near 1),
// q^(e_min) and P(u), all in the wider type. Where |u| is so large that
// those powers would leave the wider type's range, it computes the same in
// v = 1/u: P(u) = u^(deg P) Pr(v) and q(u) = u^(deg q) qr(v), Pr and qr the
// reversed polynomials, so that the values at +-inf are the limits (0, not
// 0 * inf = NaN).

// Factors of q as a node keeps them: at most this many, each of at most this
// degree, with integer coefficients.
inline constexpr std::size_t rational_factors_max = 3;
inline constexpr std::size_t rational_factor_degree_max = 4;

/// What a rational_polynomial_fn carries: its value at u is
/// q(u)^(halves / 2) (sum_k num[k] u^k) / den, where q is the product of
/// (sum_k factor[i][k] u^k)^power[i] over i < factors, of degree q_degree.
template <std::size_t M>
struct rational_data {
    std::array<wide, M + 1> num{};
    wide den{};
    std::array<std::array<wide, rational_factor_degree_max + 1>, rational_factors_max> factor{};
    std::array<std::size_t, rational_factors_max> factor_degree{};
    std::array<long long, rational_factors_max> power{};
    std::size_t factors = 0;
    std::size_t q_degree = 0;
    long long halves = 0;
    bool ok = true;
};

// q's factors as exact polynomials (den 1), with their powers.
struct rational_factors {
    std::array<exact_polynomial, rational_factors_max> poly{};
    std::array<long long, rational_factors_max> power{};
    std::size_t count = 0;
    bool ok = true;
};
constexpr exact_polynomial expanded(const rational_factors& f) {
    exact_polynomial q = polynomial_constant(1, 1);
    for (std::size_t i = 0; i < f.count && q.ok; ++i) q = q * polynomial_power(f.poly[i], f.power[i]);
    return q;
}

// As a node's data, every element written (see written_out: g++ 12 and
// template arguments of class type).
template <std::size_t M>
constexpr rational_data<M> rational_data_of(const exact_polynomial& p, const rational_factors& f,
                                            const exact_polynomial& q, long long halves) {
    rational_data<M> d{};
    auto copy = [](wide& to, const wide& from) {
        for (std::size_t l = 0; l < wide_limbs; ++l) to.limb[l] = from.limb[l];
        to.negative = from.negative;
    };
    d.ok = p.ok && f.ok && q.ok && q.degree > 0 && p.degree == M && fits_in_sign_bit(p.den) &&
           (halves % 2 == 0 || q.degree % 2 == 0);
    for (std::size_t k = 0; k <= M; ++k) {
        copy(d.num[k], k <= p.degree ? p.num[k] : wide{});
        d.ok = d.ok && fits_in_sign_bit(d.num[k]);
    }
    copy(d.den, p.den);
    for (std::size_t i = 0; i < rational_factors_max; ++i) {
        const bool used = i < f.count;
        const std::size_t degree = used ? f.poly[i].degree : 0;
        d.ok = d.ok && degree <= rational_factor_degree_max;
        if (used) d.ok = d.ok && !f.poly[i].den.negative && compare_magnitude(f.poly[i].den, wide_of(1)) == 0;
        for (std::size_t k = 0; k <= rational_factor_degree_max; ++k) {
            copy(d.factor[i][k], used && k <= degree ? f.poly[i].num[k] : wide{});
            d.ok = d.ok && fits_in_sign_bit(d.factor[i][k]);
        }
        d.factor_degree[i] = degree;
        d.power[i] = used ? f.power[i] : 0;
    }
    d.factors = f.count;
    d.q_degree = q.degree;
    d.halves = halves;
    return d;
}

template <std::size_t M>
constexpr rational_factors factors_of(const rational_data<M>& d) {
    rational_factors f{};
    f.count = d.factors;
    for (std::size_t i = 0; i < d.factors; ++i) {
        f.poly[i].degree = d.factor_degree[i];
        for (std::size_t k = 0; k <= d.factor_degree[i]; ++k) f.poly[i].num[k] = d.factor[i][k];
        f.power[i] = d.power[i];
    }
    return f;
}

// The order key of a node: its data spelled out, each number in hexadecimal
// without leading zeros (the factors only as far as they go).
template <std::size_t M>
inline constexpr std::size_t rational_sum_key_size = (M + 2 + rational_factors_max * (rational_factor_degree_max + 1)) *
                                                         (8 * wide_limbs + 2) +
                                                     (rational_factors_max + 2) * 18 + 1;
template <std::size_t M>
constexpr std::array<char, rational_sum_key_size<M>> rational_sum_key(const rational_data<M>& d) {
    std::array<char, rational_sum_key_size<M>> key{};
    std::size_t n = 0;
    auto digits = [&](const std::uint32_t* limb, std::size_t limbs, bool negative) {
        key[n++] = negative ? '-' : '+';
        bool leading = true;
        for (std::size_t l = limbs; l-- > 0;)
            for (int nibble = 7; nibble >= 0; --nibble) {
                const unsigned digit = (limb[l] >> (4 * nibble)) & 0xfU;
                if (leading && digit == 0 && !(l == 0 && nibble == 0)) continue;
                leading = false;
                key[n++] = "0123456789abcdef"[digit];
            }
        key[n++] = ',';
    };
    auto put = [&](const wide& w) { digits(w.limb.data(), wide_limbs, w.negative); };
    auto put_integer = [&](long long v) {
        const unsigned long long m =
            v < 0 ? 0ULL - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
        const std::uint32_t limb[2] = {static_cast<std::uint32_t>(m & 0xffffffffULL),
                                       static_cast<std::uint32_t>(m >> 32)};
        digits(limb, 2, v < 0);
    };
    for (std::size_t k = 0; k <= M; ++k) put(d.num[k]);
    put(d.den);
    put_integer(d.halves);
    put_integer(static_cast<long long>(d.factors));
    for (std::size_t i = 0; i < d.factors; ++i) {
        put_integer(d.power[i]);
        put_integer(static_cast<long long>(d.factor_degree[i]));
        for (std::size_t k = 0; k <= d.factor_degree[i]; ++k) put(d.factor[i][k]);
    }
    key[n] = '\0';
    return key;
}

constexpr exact_polynomial polynomial_derivative(const exact_polynomial& p) {
    exact_polynomial r{};
    r.ok = p.ok;
    r.den = p.den;
    for (std::size_t k = 1; k <= p.degree; ++k)
        r.num[k - 1] = wide_multiply(p.num[k], wide_of(static_cast<long long>(k)), r.ok);
    r.degree = p.degree > 0 ? p.degree - 1 : 0;
    trim(r);
    return r;
}

// d/du q^(h/2) P / den = q^((h - 2)/2) (2 q P' + h q' P) / (2 den).
template <auto Data>
struct rational_derivative {
    static constexpr rational_factors factors = factors_of(Data);
    static constexpr exact_polynomial q = expanded(factors);
    static constexpr exact_polynomial numerator = [] {
        exact_polynomial p{};
        p.degree = Data.num.size() - 1;
        for (std::size_t k = 0; k <= p.degree; ++k) p.num[k] = Data.num[k];
        p.den = Data.den;
        exact_polynomial r = polynomial_constant(2, 1) * q * polynomial_derivative(p) +
                             polynomial_constant(Data.halves, 1) * polynomial_derivative(q) * p;
        r.den = wide_multiply(r.den, wide_of(2), r.ok);
        return r;
    }();
    static constexpr auto data = rational_data_of<numerator.degree>(numerator, factors, q, Data.halves - 2);
};

/// The numbers of a rational_polynomial_fn in the working type W.
template <class W>
struct rational_numbers {
    std::array<W, polynomial_capacity + 1> num{};
    W den{};
    std::array<std::array<W, rational_factor_degree_max + 1>, rational_factors_max> factor{};
    std::array<std::size_t, rational_factors_max> factor_degree{};
    std::array<long long, rational_factors_max> power{};
    std::size_t degree = 0, factors = 0, q_degree = 0;
    long long halves = 0;
    W threshold{};  // computed as written for |u| <= threshold, in 1/u beyond
};

// x^n, n >= 0, by squaring (with IEEE results in constant evaluation too).
template <class W>
constexpr W power_of(W x, long long n) {
    W r = W(1);
    while (n > 0) {
        if (n % 2 != 0) r = math::detail::ieee_mul(r, x);
        n /= 2;
        if (n > 0) x = math::detail::ieee_mul(x, x);
    }
    return r;
}
// q^(halves / 2)
template <class W>
constexpr W half_power(W q, long long halves) {
    const long long n = halves < 0 ? -halves : halves;
    const W r = n % 2 != 0 ? power_of(math::sqrt(q), n) : power_of(q, n / 2);
    return halves < 0 ? math::detail::ieee_div(W(1), r) : r;
}
// sum_k c[k] x^k (Reversed: sum_k c[k] x^(degree - k)); where cancels is not
// null, it is set if the terms cancel (terms_cancel).
template <bool Reversed = false, class W>
constexpr W horner(const W* c, std::size_t degree, W x, bool* cancels = nullptr) {
    auto at = [&](std::size_t k) { return c[Reversed ? degree - k : k]; };
    W acc = at(degree);
    W magnitudes = math::abs(acc);
    for (std::size_t k = degree; k-- > 0;) {
        acc = acc * x + at(k);
        if (cancels != nullptr) magnitudes = magnitudes * math::abs(x) + math::abs(at(k));
    }
    if (cancels != nullptr && terms_cancel(acc, magnitudes)) *cancels = true;
    return acc;
}

// The value of a rational_polynomial_fn (one function per T, not per node).
// cancels: where not null, set where a Horner sum's terms cancel.
template <class T, class W>
constexpr T rational_value(T u, const rational_numbers<W>& c, bool* cancels = nullptr) {
    if (u != u) return u;  // NaN in, NaN out (and no NaN arithmetic, which Clang refuses in constant evaluation)
    const W w = W(u);
    const W magnitude = w < 0 ? -w : w;
    W q = W(1), p{};
    W scale = W(1);
    if (magnitude <= c.threshold) {
        for (std::size_t i = 0; i < c.factors; ++i)
            q *= power_of(horner(c.factor[i].data(), c.factor_degree[i], w, cancels), c.power[i]);
        p = horner(c.num.data(), c.degree, w, cancels);
    } else {  // in v = 1/u, the powers of |u| apart
        const W v = math::detail::ieee_div(W(1), w);
        for (std::size_t i = 0; i < c.factors; ++i)
            q *= power_of(horner<true>(c.factor[i].data(), c.factor_degree[i], v, cancels), c.power[i]);
        p = horner<true>(c.num.data(), c.degree, v, cancels);
        // q^(h/2) = |u|^(deg q h / 2) qr^(h/2), times u^(deg q h / 2) / |u|^... for whole powers
        const long long q_part = static_cast<long long>(c.q_degree) * c.halves / 2;
        const long long s = static_cast<long long>(c.degree) + q_part;
        const W size = s < 0 ? math::detail::ieee_div(W(1), power_of(magnitude, -s)) : power_of(magnitude, s);
        const long long sign_power = static_cast<long long>(c.degree) + (c.halves % 2 == 0 ? q_part : 0);
        scale = w < 0 && sign_power % 2 != 0 ? -size : size;
    }
    const W value = math::detail::ieee_mul(
        math::detail::ieee_div(math::detail::ieee_mul(p, half_power(q, c.halves)), c.den), scale);
    return math::detail::narrow<T>(static_cast<long double>(value));
}

/// q(u)^(halves / 2) P(u) / den for the data Data (see "rational sums"
/// above). An internal function: eval, Jacobian and Hessian entries use it;
/// it has a derivative rule, as every function does.
template <auto Data>
struct rational_polynomial_fn {
    static_assert(Data.ok, "chainrule::detail::rational_polynomial_fn: not a rational sum the node can carry");
    static constexpr std::size_t degree = Data.num.size() - 1;
    static constexpr const char* name = "rational_polynomial";
    static constexpr auto key_text = rational_sum_key(Data);
    static constexpr const char* key = key_text.data();

    template <class U>
    using derivative = apply_t<rational_polynomial_fn<rational_derivative<Data>::data>, U>;

    template <class W>
    static constexpr rational_numbers<W> numbers = [] {
        rational_numbers<W> c{};
        for (std::size_t k = 0; k <= degree; ++k) c.num[k] = wide_value<W>(Data.num[k]);
        c.den = wide_value<W>(Data.den);
        for (std::size_t i = 0; i < Data.factors; ++i) {
            for (std::size_t k = 0; k <= Data.factor_degree[i]; ++k) c.factor[i][k] = wide_value<W>(Data.factor[i][k]);
            c.factor_degree[i] = Data.factor_degree[i];
            c.power[i] = Data.power[i];
        }
        c.degree = degree;
        c.factors = Data.factors;
        c.q_degree = Data.q_degree;
        c.halves = Data.halves;
        // |u|^(deg P + deg q |e| + 1), times coefficients below 2^128, within W's range
        const long long e = (Data.halves < 0 ? -Data.halves : Data.halves) / 2 + 1;
        const long long powers = static_cast<long long>(degree + Data.q_degree * static_cast<std::size_t>(e)) + 1;
        const long long t = (std::numeric_limits<W>::max_exponent - 160) / powers;
        c.threshold = power_of(W(2), t > 0 ? t : 0);
        return c;
    }();

    // (The working type: double_when_no_cancellation, above; the third
    // derivative of atan took 32 ns in long double, 13 ns so.)
    template <std::floating_point T>
    static constexpr T eval(T u) {
        if constexpr (double_when_no_cancellation<T>(degree)) {
            bool cancels = false;
            const T value = rational_value<T>(u, numbers<T>, &cancels);
            if (!cancels) return value;
        }
        return rational_value<T>(u, numbers<typename wider_scalar<T>::type>);
    }
};

// The variable of q: its first operand that is not a constant, a sum, a
// product or a positive integer power (void where there is none, and where
// that operand is another power of integer exponent).
template <class E>
struct leaf_of {
    using type = E;
};
template <long long N>
struct leaf_of<Int<N>> {
    using type = void;
};
template <long long P, long long Q>
struct leaf_of<Ratio<P, Q>> {
    using type = void;
};
template <class B, long long K>
struct leaf_of<Power<B, Int<K>>> : if_t<(K > 0), leaf_of<B>, std::type_identity<void>> {};
// Get<T>::type for the first T of Ts with Has<T>::value (void where none has).
template <template <class> class Has, template <class> class Get, class... Ts>
struct first_with {
    static constexpr std::size_t index = first_true({Has<Ts>::value...});
    using type = if_t<(index < sizeof...(Ts)), typename Get<at_t<index % sizeof...(Ts), type_list<Ts...>>>::type, void>;
};
template <class T>
struct has_leaf : std::bool_constant<!std::is_void<typename leaf_of<T>::type>::value> {};
template <class... Ts>
struct leaf_of<Sum<Ts...>> : first_with<has_leaf, leaf_of, Ts...> {};
template <class... Fs>
struct leaf_of<Product<Fs...>> : first_with<has_leaf, leaf_of, Fs...> {};

// The q of a term's first factor q^e, and of a sum's first term with one.
template <class F>
struct base_of {
    using type = typename base_factor<F>::base;
};
template <class T>
struct term_base : first_with<base_factor, base_of, T> {};
template <class... Fs>
struct term_base<Product<Fs...>> : first_with<base_factor, base_of, Fs...> {};
// A constant times a sum, c (t1 + t2 + ...): where a coefficient of the
// distributed form would not fit, the canonical form keeps it so (atan's
// derivatives from order 17: 439378587648000 (3x^2/(x^2 + 1)^10 - 20x^4/(x^2 +
// 1)^11) + ...). Its terms are terms of the rational sum too.
template <class C, class... Us>
requires is_constant<C>::value struct term_has_base<Product<C, Sum<Us...>>>
    : std::bool_constant<any_of({term_has_base<Us>::value...})> {
};
template <class C, class... Us>
requires is_constant<C>::value struct term_base<Product<C, Sum<Us...>>> : first_with<term_has_base, term_base, Us...> {
};

// One factor of q: a polynomial in U, to a positive integer power.
template <class G, class U>
struct q_factor {
    using info = polynomial_info<G, atom_kind::variable, U>;
    static constexpr bool ok = info::ok;
    static constexpr long long power = 1;
};
template <class S, long long M, class U>
struct q_factor<Power<S, Int<M>>, U> {
    using info = polynomial_info<S, atom_kind::variable, U>;
    static constexpr bool ok = M > 0 && info::ok;
    static constexpr long long power = M;
};
template <class... Factors>
constexpr rational_factors collect_factors() {
    rational_factors f{};
    if constexpr (sizeof...(Factors) > rational_factors_max) {
        f.ok = false;
    } else {
        for (bool ok : {Factors::ok...}) f.ok = f.ok && ok;
        if (f.ok) {
            std::size_t i = 0;
            for (const exact_polynomial* p : {&Factors::info::value...}) f.poly[i++] = *p;
            i = 0;
            for (long long m : {Factors::power...}) f.power[i++] = m;
            f.count = sizeof...(Factors);
        }
    }
    return f;
}
template <class Q, class U>
struct q_factors {
    static constexpr rational_factors value = collect_factors<q_factor<Q, U>>();
};
template <class... Gs, class U>
struct q_factors<Product<Gs...>, U> {
    static constexpr rational_factors value = collect_factors<q_factor<Gs, U>...>();
};

// A term c u^j q^e (or a factor of one) as P and 2e.
struct rational_part {
    exact_polynomial poly{};
    long long halves = 0;
    bool ok = false;
};
template <class F, class Q, class U>
struct rational_factor_part {
    static constexpr rational_part value = [] {
        if constexpr (base_factor<F>::value) {
            if constexpr (std::is_same<typename base_factor<F>::base, Q>::value) {
                return rational_part{polynomial_constant(1, 1), base_factor<F>::halves, true};
            } else {
                return rational_part{};  // a power of another sum
            }
        } else {
            using info = polynomial_info<F, atom_kind::variable, U>;
            return rational_part{info::value, 0, info::ok};
        }
    }();
};
template <class T, class Q, class U>
struct rational_term : rational_factor_part<T, Q, U> {};
template <class... Fs, class Q, class U>
struct rational_term<Product<Fs...>, Q, U> {
    static constexpr rational_part value = [] {
        rational_part r{polynomial_constant(1, 1), 0, true};
        for (const rational_part* f : {&rational_factor_part<Fs, Q, U>::value...}) {
            if (!f->ok) return rational_part{};
            r.poly = r.poly * f->poly;
            r.halves += f->halves;
        }
        r.ok = r.poly.ok;
        return r;
    }();
};

// Terms over their common denominator q^(e_min): P = sum_k A_k q^k, A_k the
// sum of the polynomials of the terms whose e is e_min + k (Horner's rule in
// q), and 2 e_min; not ok where two terms are q^(1/2) apart.
constexpr rational_part over_common_denominator(const rational_part* const* parts, std::size_t n,
                                                const exact_polynomial& q) {
    rational_part r{};
    long long low = 0;
    for (std::size_t k = 0; k < n; ++k) {
        if (!parts[k]->ok) return r;
        if (k == 0 || parts[k]->halves < low) low = parts[k]->halves;
    }
    std::size_t top = 0;
    for (std::size_t k = 0; k < n; ++k) {
        if ((parts[k]->halves - low) % 2 != 0) return r;  // q^(1/2) apart: not one P
        const auto j = static_cast<std::size_t>((parts[k]->halves - low) / 2);
        if (j > polynomial_capacity) return r;
        if (j > top) top = j;
    }
    exact_polynomial p = polynomial_constant(0, 1);
    for (std::size_t j = top + 1; j-- > 0 && p.ok;) {
        if (j < top) p = p * q;
        for (std::size_t k = 0; k < n; ++k)
            if (static_cast<std::size_t>((parts[k]->halves - low) / 2) == j) p = p + parts[k]->poly;
    }
    if (!p.ok) return r;
    r.poly = p;
    r.halves = low;
    r.ok = true;
    return r;
}

// q multiplied out, once per q and u (rational_sum and the terms below).
template <class Q, class U>
struct q_polynomial {
    static constexpr rational_factors factors = q_factors<Q, U>::value;
    static constexpr exact_polynomial value = expanded(factors);
    static constexpr bool ok = factors.ok && value.ok && value.degree > 0;
};

// c (t1 + t2 + ...), c a constant (see term_base): c times its terms over
// their common denominator.
template <class C, class... Us, class Q, class U>
requires is_constant<C>::value struct rational_term<Product<C, Sum<Us...>>, Q, U> {
    static constexpr rational_part value = [] {
        if (!q_polynomial<Q, U>::ok) return rational_part{};
        const rational_part* parts[] = {&rational_term<Us, Q, U>::value...};
        rational_part r = over_common_denominator(parts, sizeof...(Us), q_polynomial<Q, U>::value);
        if (!r.ok) return r;
        r.poly = polynomial_constant(C::numerator, C::denominator) * r.poly;
        r.ok = r.poly.ok;
        return r;
    }();
};

// The sum of the terms Ts over the common denominator: P and 2 e_min.
struct rational_analysis {
    exact_polynomial p{};
    long long halves = 0;
    bool ok = false;
};
template <class U, class Q, class... Ts>
struct rational_sum {
    static constexpr rational_factors factors = q_polynomial<Q, U>::factors;
    static constexpr exact_polynomial q = q_polynomial<Q, U>::value;
    static constexpr rational_analysis analysis = [] {
        rational_analysis a{};
        if (!q_polynomial<Q, U>::ok) return a;
        const rational_part* parts[] = {&rational_term<Ts, Q, U>::value...};
        const rational_part all = over_common_denominator(parts, sizeof...(Ts), q);
        if (!all.ok || (all.halves >= 0 && all.halves % 2 == 0)) return a;  // a polynomial: as written
        a.p = all.poly;
        a.halves = all.halves;
        a.ok = true;
        return a;
    }();
    static constexpr auto data = rational_data_of<analysis.p.degree>(analysis.p, factors, q, analysis.halves);
    static constexpr bool applies = analysis.ok && data.ok;
};
// The node, as rewrite_or takes a rewrite's result.
template <class U, class Q, class... Ts>
struct rewritten<rational_sum<U, Q, Ts...>> {
    using type = apply_t<rational_polynomial_fn<rational_sum<U, Q, Ts...>::data>, stable_t<U>>;
};

// ------------------------------------------- Gaussian polynomial sums

// The derivatives of erf, erfc and gelu from the second on are sums of terms
// c u^j e R, e = exp(c' u^(2k)) one Gaussian factor and R the same constant
// factors in every term (1/sqrt(pi), 1/sqrt(2)): erf's fourth derivative is
// -4 (4 x^3 e / sqrt(pi) - 6 x e / sqrt(pi)), a Hermite polynomial times e.
// Evaluated as written, the terms cancel near the polynomial's zeros (x = -3
// for the 14th derivative of erf: 5.7 times Boost's error). So such a sum,
// two terms or more and one of them of degree 1 or more, is evaluated as R
// P(u) e, P(u) e through one node, gaussian_polynomial_fn(u, e): P by
// Horner's rule in the wider type, times e, rounded once; where e is below
// the normal range or P(u) overflows, in log space as gaussian_tail_fn does.

// A term's Gaussian factor: the term itself or its first factor exp(c
// u^(2k)) (void where it has none).
template <class T>
struct gaussian_of_term {
    using type = if_t<gaussian_factor<T>::value, T, void>;
};
template <class... Fs>
struct gaussian_of_term<Product<Fs...>> : first_with<gaussian_factor, std::type_identity, Fs...> {};
template <class T>
struct has_gaussian : std::bool_constant<!std::is_void<typename gaussian_of_term<T>::type>::value> {};

// A closed constant: numbers, pi, and their powers, sums and products (no
// variable, so R P(u) e is the terms' value; only where R is negative and
// the value underflows may the sign of its zero differ from the terms as
// written, which the derivatives of erf, erfc and gelu never meet: their R
// is 1/sqrt(pi) or 1/sqrt(2 pi)).
template <class F>
struct closed : std::false_type {};
template <long long N>
struct closed<Int<N>> : std::true_type {};
template <long long P, long long Q>
struct closed<Ratio<P, Q>> : std::true_type {};
template <class Fn>
struct closed<Call<Fn>> : std::true_type {};
template <class Fn, class... As>
    requires(sizeof...(As) > 0)
struct closed<Call<Fn, As...>> : std::bool_constant<all_of({closed<As>::value...})> {};
template <class B, class E>
struct closed<Power<B, E>> : std::bool_constant<closed<B>::value && closed<E>::value> {};
template <class... Fs>
struct closed<Product<Fs...>> : std::bool_constant<all_of({closed<Fs>::value...})> {};
template <class... Ts>
struct closed<Sum<Ts...>> : std::bool_constant<all_of({closed<Ts>::value...})> {};
template <class... Fs>
struct closed<type_list<Fs...>> : std::bool_constant<all_of({closed<Fs>::value...})> {};

// A term c u^j G R as its parts: the coefficient p / q, j, and R (the
// factors that are neither the number, nor u^j, nor G).
struct gaussian_term_parts {
    long long p = 1, q = 1, j = 0;
    bool ok = false;
};
template <class F, class G, class U>
using gaussian_rest_of =
    if_t<is_constant<F>::value || std::is_same<F, G>::value || (monomial_degree<F, U> > 0), type_list<>, type_list<F>>;
template <class T, class G, class U>
struct gaussian_term {
    static constexpr gaussian_term_parts value{1, 1, 0, std::is_same<T, G>::value};
    using rest = type_list<>;
};
template <class F>
constexpr long long number_part(bool numerator) {
    if constexpr (is_constant<F>::value) {
        return numerator ? F::numerator : F::denominator;
    } else {
        return 1;
    }
}
template <class... Fs, class G, class U>
struct gaussian_term<Product<Fs...>, G, U> {
    static constexpr gaussian_term_parts value = [] {
        gaussian_term_parts t{};
        constexpr std::size_t numbers = add_up<std::size_t>({std::size_t{is_constant<Fs>::value}...});
        constexpr std::size_t gaussians = add_up<std::size_t>({std::size_t{std::is_same<Fs, G>::value}...});
        constexpr std::size_t monomials = add_up<std::size_t>({std::size_t{(monomial_degree < Fs, U >> 0)}...});
        if (numbers > 1 || gaussians != 1 || monomials > 1 || !all_of({closed<gaussian_rest_of<Fs, G, U>>::value...}))
            return t;
        const long long ps[] = {number_part<Fs>(true)...}, qs[] = {number_part<Fs>(false)...};
        const long long js[] = {monomial_degree<Fs, U>...};
        for (std::size_t i = 0; i < sizeof...(Fs); ++i) {
            t.p *= ps[i];  // one number at most: no product of two
            t.q *= qs[i];
            t.j += js[i];
        }
        t.ok = true;
        return t;
    }();
    using rest = typename concat_all<gaussian_rest_of<Fs, G, U>...>::type;
};

// P(u) (Derivative = false) or P'(u) as an expression, P = sum_j (Cs[2 j] /
// Cs[2 j + 1]) u^j: the node's partial derivatives.
template <class U, bool Derivative, long long... Cs>
struct gaussian_polynomial_expression {
    static constexpr std::array<long long, sizeof...(Cs)> c = {Cs...};
    static constexpr long long first = Derivative ? 1 : 0;
    template <std::size_t J>
    using term = Mul<Rational<(Derivative ? static_cast<long long>(J) : 1) * c[2 * J], c[2 * J + 1]>,
                     Pow<U, Int<static_cast<long long>(J) - first>>>;
    template <std::size_t... J>
    static auto sum(std::index_sequence<J...>) -> Add<term<J + first>...>;
    using type = decltype(sum(std::make_index_sequence<sizeof...(Cs) / 2 - first>{}));
};

// The value of a gaussian_polynomial_fn (one function per T and W, not per
// node): c[0..degree] P's coefficients in W, e = exp(c_num / c_den u^(2k)).
template <class T, class W>
constexpr T gaussian_polynomial_value(T u, T e, const W* c, std::size_t degree, long long c_num, long long c_den,
                                      long long k) {
    using math::detail::ieee_add;
    using math::detail::ieee_mul;
    if (u != u) return u;  // NaN in, NaN out (and no NaN arithmetic: Clang refuses it in constant evaluation)
    const W w = W(u);
    const W p = math::isinf(u) ? W(0) : horner(c, degree, w);
    if (!(e < std::numeric_limits<T>::min()) && !math::isinf(p)) return math::detail::narrow<T>(ieee_mul(p, W(e)));
    // The rare path: e below T's normal range, u infinite or P(u) beyond W's
    // range. exp(ln|P(u)| + c u^(2k)) in W, with P(u)'s sign; where that
    // rounds to 0 in T, the zero the terms as written sum to: -0 where every
    // term is -0, else +0 (the second derivative of gelu is +0 at +-40).
    W r = W(0);
    if (!math::isinf(u) && !math::isinf(p) && p != W(0)) {
        r = math::exp(ieee_add(math::log(math::abs(p)), gaussian_exponent_value(w, c_num, c_den, k)));
        if (p < W(0)) r = -r;
    }
    const T t = math::detail::narrow<T>(r);
    if (t != T(0)) return t;
    bool all_negative = true;
    for (std::size_t j = 0; j <= degree; ++j)
        if (c[j] != W(0)) all_negative = all_negative && ((c[j] < W(0)) != (u < T(0) && j % 2 == 1));
    return all_negative ? T(-0.0) : T(0.0);
}

/// P(u) e, where e is exp(CNum / CDen u^(2K)) and P = sum_j (Cs[2 j] /
/// Cs[2 j + 1]) u^j: an internal function of two arguments (see "Gaussian
/// polynomial sums" above), which eval, Jacobian and Hessian entries use; it
/// has its partial derivatives, as every function does.
template <long long CNum, long long CDen, long long K, long long... Cs>
struct gaussian_polynomial_fn {
    static_assert(CNum < 0 && CDen > 0 && K > 0 && sizeof...(Cs) >= 4 && sizeof...(Cs) % 2 == 0,
                  "chainrule::detail::gaussian_polynomial_fn: not a Gaussian polynomial");
    static constexpr std::size_t degree = sizeof...(Cs) / 2 - 1;
    static constexpr const char* name = "gaussian_polynomial";
    static constexpr auto key_text = integers_key<CNum, CDen, K, Cs...>();
    static constexpr const char* key = key_text.data();

    template <class U, class E>
    using derivative = Partials<Mul<typename gaussian_polynomial_expression<U, true, Cs...>::type, E>,
                                typename gaussian_polynomial_expression<U, false, Cs...>::type>;

    template <class W>
    static constexpr std::array<W, degree + 1> coefficients = [] {
        constexpr std::array<long long, sizeof...(Cs)> c = {Cs...};
        std::array<W, degree + 1> r{};
        for (std::size_t j = 0; j <= degree; ++j) r[j] = math::detail::ieee_div(W(c[2 * j]), W(c[2 * j + 1]));
        return r;
    }();

    // (The working type: double_when_no_cancellation, above, where the
    // common path applies: u finite, e normal, P(u) finite.)
    template <std::floating_point T>
    static constexpr T eval(T u, T e) {
        using W = typename wider_scalar<T>::type;
        if constexpr (double_when_no_cancellation<T>(degree)) {
            if (math::isfinite(u) && !(e < std::numeric_limits<T>::min())) {
                bool cancels = false;
                const T p = horner(coefficients<T>.data(), degree, u, &cancels);
                if (!cancels && !math::isinf(p)) return math::detail::ieee_mul(p, e);
            }
        }
        return gaussian_polynomial_value<T, W>(u, e, coefficients<W>.data(), degree, CNum, CDen, K);
    }
};

// A sum of terms c u^j G R, G = exp(c' u^(2k)) and R the same closed
// constants in every term: applies where there are two terms or more, one
// of degree 1 or more, the degree within polynomial_capacity and the
// coefficients of P and of its first two derivatives within long long.
template <class G, class... Ts>
struct gaussian_sum {
    using info = gaussian_factor<G>;
    using U = typename info::base;
    using rest = typename gaussian_term<at_t<0, type_list<Ts...>>, G, U>::rest;
    static constexpr std::array<gaussian_term_parts, sizeof...(Ts)> terms = {gaussian_term<Ts, G, U>::value...};
    static constexpr long long degree = [] {
        long long d = -1;
        for (const gaussian_term_parts& t : terms) {
            if (!t.ok || t.j > static_cast<long long>(polynomial_capacity)) return -1LL;
            if (t.j > d) d = t.j;
        }
        return d;
    }();
    static constexpr bool applies = [] {
        if (degree < 1 || !all_of({std::is_same<typename gaussian_term<Ts, G, U>::rest, rest>::value...})) return false;
        bool seen[polynomial_capacity + 1] = {};
        const long long limit = (static_cast<long long>(1) << 62) / (degree * degree + 1);
        for (const gaussian_term_parts& t : terms) {
            if (seen[t.j] || t.p > limit || t.p < -limit) return false;  // (a canonical sum has each j once)
            seen[t.j] = true;
        }
        return true;
    }();
};
// P's coefficients: numerator (I even) and denominator of degree I / 2.
template <std::size_t N>
constexpr long long gaussian_coefficient(const std::array<gaussian_term_parts, N>& terms, std::size_t i) {
    for (const gaussian_term_parts& t : terms)
        if (t.j == static_cast<long long>(i / 2)) return i % 2 == 0 ? t.p : t.q;
    return i % 2 == 0 ? 0 : 1;
}
template <class Sum, std::size_t... I>
auto gaussian_node_of(std::index_sequence<I...>)
    -> gaussian_polynomial_fn<Sum::info::c_num, Sum::info::c_den, Sum::info::k, gaussian_coefficient(Sum::terms, I)...>;
template <class G, class... Ts>
struct rewritten<gaussian_sum<G, Ts...>> {
    using sum = gaussian_sum<G, Ts...>;
    using fn =
        decltype(gaussian_node_of<sum>(std::make_index_sequence<2 * static_cast<std::size_t>(sum::degree + 1)>{}));
    template <class... Rs>
    static auto with_node(type_list<Rs...>) -> product_of_list<type_list<Rs..., apply_t<fn, typename sum::U, G>>>;
    using type = stable_t<typename decltype(with_node(typename sum::rest{}))::type>;
};

// --------------------------------------- trigonometric polynomial sums

// The derivatives of a composition through sin or cos, e^(sin x^2) as the
// tutorial writes it, are sums of terms c u^j cos(v)^a sin(v)^b R: v a
// polynomial in u (x^2), R the same factors in every term (e^(sin x^2)).
// The canonical form keeps constants outside sub-sums (the fifth derivative
// is 2 (6 (2 x cos^3 e - 4 x cos e sin) - 6 (...) - ...)), so one monomial
// occurs in several of them, and the terms cancel near the derivative's
// zeros: evaluated as written, the fifth derivative of e^(sin x^2) was 3.4
// times Boost.Math's error at x = -39; and the polynomial summed exactly
// from the rounded sin v and cos v is only as good as Boost's
// (scripts/exp_sin_square_gap.py): the atoms must be more accurate than a
// double. So such a sum -- two terms or more, one with a power of sin v or
// cos v -- is evaluated as R times one node, trig_polynomial_fn(u): P =
// sum c u^j cos(v)^a sin(v)^b, its like monomials collected exactly at
// compile time, and v, sin v, cos v and P computed in the wider type, then
// rounded once. R is evaluated by the graph as before: a factor common to
// the terms, its rounding is not amplified by their cancellation.

// sin(V) or cos(V) to a nonzero integer power, as a factor: V and the powers
// of cos (a) and sin (b) it contributes.
template <class F>
struct trig_factor : std::false_type {
    using argument = void;
    static constexpr long long a = 0, b = 0;
};
template <class V>
struct trig_factor<Call<sin_fn, V>> : std::true_type {
    using argument = V;
    static constexpr long long a = 0, b = 1;
};
template <class V>
struct trig_factor<Call<cos_fn, V>> : std::true_type {
    using argument = V;
    static constexpr long long a = 1, b = 0;
};
template <class F, long long K>
    requires(K != 0 && trig_factor<F>::value)
struct trig_factor<Power<F, Int<K>>> : std::true_type {
    using argument = typename trig_factor<F>::argument;
    static constexpr long long a = K * trig_factor<F>::a, b = K * trig_factor<F>::b;
};

// The argument v of a term's first trigonometric factor, through products
// and the sums of c (t1 + t2 + ...) (void where there is none).
template <class T>
struct trig_argument {
    using type = typename trig_factor<T>::argument;
};
template <class T>
struct has_trig_argument : std::bool_constant<!std::is_void<typename trig_argument<T>::type>::value> {};
template <class... Fs>
struct trig_argument<Product<Fs...>> : first_with<has_trig_argument, trig_argument, Fs...> {};
template <class... Ts>
struct trig_argument<Sum<Ts...>> : first_with<has_trig_argument, trig_argument, Ts...> {};

// u, the node's argument: v's variable where v is a polynomial in it of
// degree at most trig_argument_degree_max, else v itself.
inline constexpr std::size_t trig_argument_degree_max = 4;
template <class V, class Leaf = typename leaf_of<V>::type>
struct trig_variable {
    static constexpr bool polynomial =
        polynomial_info<V, atom_kind::variable, Leaf>::ok &&
        polynomial_info<V, atom_kind::variable, Leaf>::value.degree <= trig_argument_degree_max;
    using type = if_t<polynomial, Leaf, V>;
};
template <class V>
struct trig_variable<V, void> {
    using type = V;
};

// One monomial c u^j cos(v)^a sin(v)^b.
struct trig_monomial {
    rational c{0, 1};
    long long j = 0, a = 0, b = 0;
};
// A factor of a term as a monomial: a number, u^j, cos(v)^a sin(v)^b, or 1
// for a factor of R.
template <class F, class V, class U>
constexpr trig_monomial trig_monomial_of_factor() {
    if constexpr (is_constant<F>::value) {
        return {checked_make_rational(F::numerator, F::denominator), 0, 0, 0};
    } else if constexpr (monomial_degree<F, U> > 0) {
        return {{1, 1}, monomial_degree<F, U>, 0, 0};
    } else if constexpr (std::is_same<typename trig_factor<F>::argument, V>::value) {
        return {{1, 1}, 0, trig_factor<F>::a, trig_factor<F>::b};
    } else {
        return {{1, 1}, 0, 0, 0};
    }
}
template <class F, class V, class U>
using trig_rest_of = if_t<is_constant<F>::value || (monomial_degree<F, U> > 0) ||
                              std::is_same<typename trig_factor<F>::argument, V>::value,
                          type_list<>, type_list<F>>;

// A term as its monomials -- one, or for c (t1 + t2 + ...) those of its
// terms times c -- and R, the list of its other factors. ok: the
// coefficients fit, and the terms of c (...) have one R.
template <class T, class V, class U>
struct trig_term {
    static constexpr std::size_t count = 1;
    static constexpr std::array<trig_monomial, 1> value = {trig_monomial_of_factor<T, V, U>()};
    static constexpr bool ok = !failed(value[0].c);
    using rest = trig_rest_of<T, V, U>;
};
template <class... Fs, class V, class U>
struct trig_term<Product<Fs...>, V, U> {
    static constexpr std::size_t count = 1;
    static constexpr std::array<trig_monomial, 1> value = [] {
        trig_monomial m{{1, 1}, 0, 0, 0};
        for (const trig_monomial& f : {trig_monomial_of_factor<Fs, V, U>()...}) {
            m.c = checked_mul(m.c, f.c);
            m.j += f.j;
            m.a += f.a;
            m.b += f.b;
        }
        return std::array<trig_monomial, 1>{m};
    }();
    static constexpr bool ok = !failed(value[0].c);
    using rest = typename concat_all<trig_rest_of<Fs, V, U>...>::type;
};
template <class C, class... Us, class V, class U>
requires is_constant<C>::value struct trig_term<Product<C, Sum<Us...>>, V, U> {
    static constexpr std::size_t count = add_up<std::size_t>({trig_term<Us, V, U>::count...});
    using rest = typename trig_term<at_t<0, type_list<Us...>>, V, U>::rest;
    static constexpr bool ok =
        all_of({(trig_term<Us, V, U>::ok && std::is_same<typename trig_term<Us, V, U>::rest, rest>::value)...});
    static constexpr std::array<trig_monomial, count> value = [] {
        std::array<trig_monomial, count> r{};
        const rational c = checked_make_rational(C::numerator, C::denominator);
        const trig_monomial* parts[] = {trig_term<Us, V, U>::value.data()...};
        const std::size_t counts[] = {trig_term<Us, V, U>::count...};
        std::size_t n = 0;
        for (std::size_t k = 0; k < sizeof...(Us); ++k)
            for (std::size_t i = 0; i < counts[k]; ++i, ++n) {
                r[n] = parts[k][i];
                r[n].c = checked_mul(c, r[n].c);
            }
        return r;
    }();
};

// What a trig_polynomial_fn carries (as a list of integers, see
// trig_datum): v = sum_k v[k] u^k / v_den, and P = sum_i p_i u^(j_i)
// cos(v)^(a_i) sin(v)^(b_i) / den, its monomials in the order of (a, b, j).
inline constexpr std::size_t trig_terms_max = 256;
struct trig_term_data {
    long long p = 0, j = 0, a = 0, b = 0;
};
struct trig_polynomial {
    std::array<long long, trig_argument_degree_max + 1> v{};
    long long v_den = 1;
    std::size_t v_degree = 0;
    std::array<trig_term_data, trig_terms_max> t{};
    std::size_t n = 0;
    long long den = 1;
    bool ok = true;
};

// Collects like monomials m[0..count) exactly over one denominator, without
// the zeros, in the order of (a, b, j), into d (whose v is set).
constexpr void collect_trig_monomials(trig_polynomial& d, const trig_monomial* m, std::size_t count) {
    auto before = [](const trig_monomial& x, const trig_monomial& y) {
        return x.a != y.a ? x.a < y.a : x.b != y.b ? x.b < y.b : x.j < y.j;
    };
    std::array<trig_monomial, trig_terms_max> s{};
    std::size_t n = 0;
    for (std::size_t i = 0; i < count && d.ok; ++i) {
        if (failed(m[i].c)) d.ok = false;
        std::size_t k = 0;
        while (k < n && before(s[k], m[i])) ++k;
        if (k < n && !before(m[i], s[k])) {  // like s[k]
            s[k].c = checked_add(s[k].c, m[i].c);
            d.ok = d.ok && !failed(s[k].c);
            continue;
        }
        if (n == trig_terms_max) {
            d.ok = false;
            break;
        }
        for (std::size_t l = n; l > k; --l) s[l] = s[l - 1];
        s[k] = m[i];
        ++n;
    }
    long long den = 1;
    for (std::size_t i = 0; i < n && d.ok; ++i)
        if (s[i].c.num != 0) den = mul_ll(den / gcd_ll(den, s[i].c.den, d.ok), s[i].c.den, d.ok);
    d.n = 0;
    d.den = den;
    for (std::size_t i = 0; i < n && d.ok; ++i)
        if (s[i].c.num != 0) d.t[d.n++] = {mul_ll(s[i].c.num, den / s[i].c.den, d.ok), s[i].j, s[i].a, s[i].b};
}

// v (an exact polynomial in u) into d.
constexpr long long wide_to_ll(const wide& w, bool& ok) {
    for (std::size_t l = 2; l < wide_limbs; ++l) ok = ok && w.limb[l] == 0;
    ok = ok && (w.limb[1] & 0x80000000U) == 0;
    const long long m = static_cast<long long>((std::uint64_t{w.limb[1]} << 32) | w.limb[0]);
    return w.negative ? -m : m;
}
constexpr void set_trig_argument(trig_polynomial& d, const exact_polynomial& v) {
    d.ok = d.ok && v.ok && v.degree <= trig_argument_degree_max;
    if (!d.ok) return;
    d.v_degree = v.degree;
    for (std::size_t k = 0; k <= v.degree; ++k) d.v[k] = wide_to_ll(v.num[k], d.ok);
    d.v_den = wide_to_ll(v.den, d.ok);
}

// The node's data as its list of integers: v's degree, v[0..], v_den, den,
// then p, j, a, b of each monomial.
constexpr std::size_t trig_data_size(const trig_polynomial& d) { return d.v_degree + 4 + 4 * d.n; }
constexpr long long trig_datum(const trig_polynomial& d, std::size_t i) {
    if (i == 0) return static_cast<long long>(d.v_degree);
    if (i <= d.v_degree + 1) return d.v[i - 1];
    if (i == d.v_degree + 2) return d.v_den;
    if (i == d.v_degree + 3) return d.den;
    const std::size_t k = i - (d.v_degree + 4);
    const trig_term_data& t = d.t[k / 4];
    return k % 4 == 0 ? t.p : k % 4 == 1 ? t.j : k % 4 == 2 ? t.a : t.b;
}
template <long long... Cs>
constexpr trig_polynomial trig_polynomial_of() {
    constexpr long long c[] = {Cs...};
    trig_polynomial d{};
    d.v_degree = static_cast<std::size_t>(c[0]);
    for (std::size_t k = 0; k <= d.v_degree; ++k) d.v[k] = c[k + 1];
    d.v_den = c[d.v_degree + 2];
    d.den = c[d.v_degree + 3];
    d.n = (sizeof...(Cs) - (d.v_degree + 4)) / 4;
    for (std::size_t i = 0; i < d.n; ++i) {
        const long long* q = c + d.v_degree + 4 + 4 * i;
        d.t[i] = {q[0], q[1], q[2], q[3]};
    }
    return d;
}

// d/du P: with c' = -s v', s' = c v', each monomial p u^j c^a s^b gives
// j p u^(j-1) c^a s^b + p u^j v' (b c^(a+1) s^(b-1) - a c^(a-1) s^(b+1)),
// over den v_den.
constexpr trig_polynomial trig_derivative_of(const trig_polynomial& d) {
    std::array<trig_monomial, trig_terms_max> m{};
    std::size_t n = 0;
    trig_polynomial r{};
    r.v = d.v;
    r.v_den = d.v_den;
    r.v_degree = d.v_degree;
    auto put = [&](long long p, long long j, long long a, long long b) {
        if (p == 0) return;
        if (n == trig_terms_max) {
            r.ok = false;
            return;
        }
        m[n++] = {checked_make_rational(p, 1), j, a, b};
    };
    for (std::size_t i = 0; i < d.n && r.ok; ++i) {
        const trig_term_data& t = d.t[i];
        put(mul_ll(mul_ll(t.p, t.j, r.ok), d.v_den, r.ok), t.j - 1, t.a, t.b);
        for (std::size_t k = 1; k <= d.v_degree; ++k) {
            const long long pv = mul_ll(mul_ll(t.p, static_cast<long long>(k), r.ok), d.v[k], r.ok);
            const long long j = t.j + static_cast<long long>(k) - 1;
            put(mul_ll(pv, t.b, r.ok), j, t.a + 1, t.b - 1);
            put(mul_ll(pv, -t.a, r.ok), j, t.a - 1, t.b + 1);
        }
    }
    collect_trig_monomials(r, m.data(), n);
    r.den = mul_ll(r.den, mul_ll(d.den, d.v_den, r.ok), r.ok);
    return r;
}

// The node of the data Source::value (a trig_polynomial), and the node of
// its derivative.
template <long long... Cs>
struct trig_polynomial_fn;
template <class Source, std::size_t... I>
auto trig_node_of(std::index_sequence<I...>) -> trig_polynomial_fn<trig_datum(Source::value, I)...>;
template <class Source>
using trig_node = decltype(trig_node_of<Source>(std::make_index_sequence<trig_data_size(Source::value)>{}));
template <long long... Cs>
struct trig_derivative {
    static constexpr trig_polynomial value = trig_derivative_of(trig_polynomial_of<Cs...>());
    static_assert(value.ok, "chainrule::detail::trig_polynomial_fn: a derivative whose coefficients do not fit");
};

/// The numbers of a trig_polynomial_fn in the working type W: v's
/// coefficients, P's coefficients p and the exponents j, a, b of each
/// monomial.
template <class W, std::size_t N>
struct trig_numbers {
    std::array<W, trig_argument_degree_max + 1> v{};
    W v_den{}, den{};
    std::size_t v_degree = 0;
    std::array<W, N> p{};
    std::array<long long, 3 * N> exponents{};
};
// The same as trig_polynomial_value sees them (one function per T and W, not
// per node).
template <class W>
struct trig_view {
    const W* v;
    std::size_t v_degree;
    W v_den, den;
    const W* p;
    const long long* exponents;
    std::size_t n;
};
template <class W, std::size_t N>
constexpr trig_view<W> view_of(const trig_numbers<W, N>& c) {
    return {c.v.data(), c.v_degree, c.v_den, c.den, c.p.data(), c.exponents.data(), N};
}

// x^n for any integer n (x^-n = 1 / x^n).
template <class W>
constexpr W integer_power_of(W x, long long n) {
    return n < 0 ? math::detail::ieee_div(W(1), power_of(x, -n)) : power_of(x, n);
}

// sin v and cos v in W. In long double from one argument reduction and
// math.hpp's constexpr kernels (within 1 ulp), at run time too: glibc's sinl
// and cosl took 240 ns together for v = x^2 up to 1600 (g++, x86-64). Below
// 2^31 the reduction is math.hpp's (Cody-Waite), but with the quotient
// rounded by adding and subtracting 1.5 2^63 and its residue mod 4 read by
// comparisons: a conversion to an integer type costs two changes of the x87
// control word, which made the whole take 180 ns on g++. (An infinite v is
// math::sin's: NaN at run time, a domain error in constant evaluation, as
// the sum as written.)
template <class W>
struct sine_and_cosine {
    W s, c;
};
template <class W>
constexpr sine_and_cosine<W> sin_and_cos(W v) {
    if constexpr (std::is_same_v<W, long double>) {
        if (math::isfinite(v)) {
            namespace k = math::detail::k;
            const W av = v < W(0) ? -v : v;
            int q = 0;
            W r = av;
            if (av >= W(0x1p31L)) {
                r = math::detail::reduce_pio2(av, q);
            } else if (av > W(0.785398L)) {
                constexpr W magic = 0x1.8p63L;
                const W n = (av * k::two_over_pi + magic) - magic;  // the nearest integer, exactly
                r = av - n * k::pio2_1 - n * k::pio2_2 - n * k::pio2_3 - n * k::pio2_4 - n * k::pio2_5 - n * k::pio2_6;
                const W m = n - W(4) * ((W(0.25L) * n + magic) - magic);  // n mod 4, in -2..2
                q = m < W(-1.5L) ? 2 : m < W(-0.5L) ? 3 : m < W(0.5L) ? 0 : m < W(1.5L) ? 1 : 2;
            }
            const W sine = math::detail::sin_kernel(r), cosine = math::detail::cos_kernel(r);
            W s = (q & 1) != 0 ? cosine : sine, c = (q & 1) != 0 ? sine : cosine;
            if ((q & 2) != 0) s = -s;
            if (q == 1 || q == 2) c = -c;
            return {v < W(0) ? -s : s, c};
        }
    }
    return {math::sin(v), math::cos(v)};
}

// The value of a trig_polynomial_fn at u: v, sin v, cos v and P in W,
// rounded once. cancels: where not null, set where P's terms cancel
// (terms_cancel).
template <class T, class W>
constexpr T trig_polynomial_value(T u, const trig_view<W>& c, bool* cancels = nullptr) {
    using math::detail::ieee_add;
    using math::detail::ieee_div;
    using math::detail::ieee_mul;
    if (u != u) return u;  // NaN in, NaN out (and no NaN arithmetic, which Clang refuses in constant evaluation)
    const W w = W(u);
    const W v = ieee_div(horner(c.v, c.v_degree, w), c.v_den);
    const sine_and_cosine<W> sc = sin_and_cos(v);
    W sum = W(0), magnitudes = W(0);
    for (std::size_t i = 0; i < c.n; ++i) {
        const long long* e = c.exponents + 3 * i;
        const W term = ieee_mul(ieee_mul(c.p[i], power_of(w, e[0])),
                                ieee_mul(integer_power_of(sc.c, e[1]), integer_power_of(sc.s, e[2])));
        sum = ieee_add(sum, term);
        if (cancels != nullptr) magnitudes = ieee_add(magnitudes, math::abs(term));
    }
    if (cancels != nullptr && terms_cancel(sum, magnitudes)) *cancels = true;
    return math::detail::narrow<T>(static_cast<long double>(ieee_div(sum, c.den)));
}

/// P(u) = sum_i p_i u^(j_i) cos(v(u))^(a_i) sin(v(u))^(b_i) / den for the
/// data Cs (trig_datum; see "trigonometric polynomial sums" above). An
/// internal function: eval, Jacobian and Hessian entries use it; it has a
/// derivative rule, as every function does.
template <long long... Cs>
struct trig_polynomial_fn {
    static constexpr trig_polynomial data = trig_polynomial_of<Cs...>();
    static constexpr const char* name = "trig_polynomial";
    static constexpr auto key_text = integers_key<Cs...>();
    static constexpr const char* key = key_text.data();

    template <class U>
    using derivative = apply_t<trig_node<trig_derivative<Cs...>>, U>;

    template <class W>
    static constexpr trig_numbers<W, data.n> numbers = [] {
        trig_numbers<W, data.n> c{};
        c.v_degree = data.v_degree;
        for (std::size_t k = 0; k <= data.v_degree; ++k) c.v[k] = W(data.v[k]);
        c.v_den = W(data.v_den);
        c.den = W(data.den);
        for (std::size_t i = 0; i < data.n; ++i) {
            c.p[i] = W(data.t[i].p);
            c.exponents[3 * i] = data.t[i].j;
            c.exponents[3 * i + 1] = data.t[i].a;
            c.exponents[3 * i + 2] = data.t[i].b;
        }
        return c;
    }();
    template <class W>
    static constexpr trig_view<W> view = view_of(numbers<W>);

    // The powers of sin v and cos v a monomial has at most, |a| + |b|.
    static constexpr std::size_t degree = [] {
        long long d = 0;
        for (std::size_t i = 0; i < data.n; ++i) {
            const long long m =
                (data.t[i].a < 0 ? -data.t[i].a : data.t[i].a) + (data.t[i].b < 0 ? -data.t[i].b : data.t[i].b);
            d = m > d ? m : d;
        }
        return static_cast<std::size_t>(d);
    }();

    // (The working type: double_when_no_cancellation, above, of the powers
    // of sin v and cos v, which are then in double too; else v, sin v and cos
    // v in W as well.)
    template <std::floating_point T>
    static constexpr T eval(T u) {
        using W = typename wider_scalar<T>::type;
        if constexpr (double_when_no_cancellation<T>(degree)) {
            bool cancels = false;
            const T value = trig_polynomial_value<T, T>(u, view<T>, &cancels);
            if (!cancels) return value;
        }
        return trig_polynomial_value<T, W>(u, view<W>);
    }
};

// A sum of terms c u^j cos(v)^a sin(v)^b R, R the same in every term:
// applies where every coefficient fits, P has two monomials or more and one
// with a power of sin v or cos v.
template <class... Ts>
struct trig_sum {
    using V = typename first_with<has_trig_argument, trig_argument, Ts...>::type;
    using U = typename trig_variable<V>::type;
    using rest = typename trig_term<at_t<0, type_list<Ts...>>, V, U>::rest;
    static constexpr bool terms_ok =
        all_of({(trig_term<Ts, V, U>::ok && std::is_same<typename trig_term<Ts, V, U>::rest, rest>::value)...});
    static constexpr trig_polynomial value = [] {
        trig_polynomial d{};
        if constexpr (!terms_ok) {
            d.ok = false;
        } else {
            constexpr std::size_t count = add_up<std::size_t>({trig_term<Ts, V, U>::count...});
            std::array<trig_monomial, count> m{};
            const trig_monomial* parts[] = {trig_term<Ts, V, U>::value.data()...};
            const std::size_t counts[] = {trig_term<Ts, V, U>::count...};
            std::size_t n = 0;
            for (std::size_t k = 0; k < sizeof...(Ts); ++k)
                for (std::size_t i = 0; i < counts[k]; ++i) m[n++] = parts[k][i];
            if constexpr (std::is_same<U, V>::value) {
                set_trig_argument(d, polynomial_variable());
            } else {
                set_trig_argument(d, polynomial_info<V, atom_kind::variable, U>::value);
            }
            if (count > trig_terms_max) d.ok = false;
            else collect_trig_monomials(d, m.data(), count);
        }
        return d;
    }();
    static constexpr bool applies = [] {
        if (!value.ok || value.n < 2) return false;
        for (std::size_t i = 0; i < value.n; ++i)
            if (value.t[i].a != 0 || value.t[i].b != 0) return true;
        return false;
    }();
};
// R times the node at u, as rewrite_or takes a rewrite's result.
template <class... Ts>
struct rewritten<trig_sum<Ts...>> {
    using sum = trig_sum<Ts...>;
    template <class... Rs>
    static auto with_node(type_list<Rs...>)
        -> product_of_list<type_list<Rs..., apply_t<trig_node<sum>, typename sum::U>>>;
    using type = stable_t<typename decltype(with_node(typename sum::rest{}))::type>;
};

// A sum without sigma, tanh, a rational or a Gaussian form: one
// trigonometric polynomial node where it is such a sum (Trig: a term has sin
// or cos at its top, walk_flags), else rebuilt from its stabilised terms
// (rewrite_or's Otherwise: type::type is the result).
template <bool Trig, class... Ts>
struct trig_or_rebuilt {
    static constexpr bool try_it = Trig && sizeof...(Ts) >= 2 && sizeof...(Ts) <= polynomial_terms_limit;
    using type =
        std::type_identity<typename rewrite_or<trig_sum<Ts...>, rebuilt<rebuild_sum, Sum<Ts...>, Ts...>, try_it>::type>;
};

// A sum without sigma or tanh that is not a rational sum: one Gaussian
// polynomial node where it is a Gaussian sum, else rebuilt from its
// stabilised terms (rewrite_or's Otherwise: type::type is the result).
template <class... Ts>
struct gaussian_or_rebuilt {
    using gaussian = typename first_with<has_gaussian, gaussian_of_term, Ts...>::type;
    static constexpr bool try_it =
        sizeof...(Ts) >= 2 && sizeof...(Ts) <= polynomial_terms_limit && !std::is_void<gaussian>::value;
    using type =
        std::type_identity<typename rewrite_or<gaussian_sum<gaussian, Ts...>,
                                               trig_or_rebuilt<walk_flags<Sum<Ts...>>::trig, Ts...>, try_it>::type>;
};

// A sum without sigma or tanh: one rational node where it is a rational sum
// (and U, Q found), else a Gaussian polynomial node where it is a Gaussian
// sum, else rebuilt from its stabilised terms.
template <class... Ts>
struct stable_rational_sum {
    using base = typename first_with<term_has_base, term_base, Ts...>::type;
    using variable = typename if_t<std::is_void<base>::value, std::type_identity<void>, leaf_of<base>>::type;
    static constexpr bool try_it = sizeof...(Ts) >= 2 && sizeof...(Ts) <= polynomial_terms_limit &&
                                   !std::is_void<base>::value && !std::is_void<variable>::value;
    using type = typename rewrite_or<rational_sum<variable, base, Ts...>, gaussian_or_rebuilt<Ts...>, try_it>::type;
};

// ------------------------------------------- the common case, directly

// Every derivative of sigma and tanh to order 17 is a sum of terms c a^k (c
// an Int or a Ratio, a = sigma(U) or tanh(U), k >= 0). Such a sum's
// polynomial is read off its terms in one pass, and any other sum that is
// wholly a polynomial in a is taken as one (polynomial_info), without the
// pairs above, whose grouping cost the most compile time of this file. What
// either finds is what the pairs would: one group, of coefficient 1.
struct monomial_entry {
    long long p = 0, q = 1;  // the coefficient p / q
    std::size_t k = 0;       // the power of a
    bool ok = false;
};
template <class T, atom_kind K, class U>
struct monomial_of {
    static constexpr monomial_entry value{};
};
template <long long N, atom_kind K, class U>
struct monomial_of<Int<N>, K, U> {
    static constexpr monomial_entry value{N, 1, 0, true};
};
template <long long P, long long Q, atom_kind K, class U>
struct monomial_of<Ratio<P, Q>, K, U> {
    static constexpr monomial_entry value{P, Q, 0, true};
};
template <class U>
struct monomial_of<Call<sigmoid_fn, U>, atom_kind::sigmoid, U> {
    static constexpr monomial_entry value{1, 1, 1, true};
};
template <class U>
struct monomial_of<Call<tanh_fn, U>, atom_kind::tanh, U> {
    static constexpr monomial_entry value{1, 1, 1, true};
};
template <class B, long long N, atom_kind K, class U>
struct monomial_of<Power<B, Int<N>>, K, U> {
    static constexpr monomial_entry value = [] {
        monomial_entry e = monomial_of<B, K, U>::value;
        if (!(N > 0 && e.ok && e.k == 1 && e.p == 1 && e.q == 1)) return monomial_entry{};
        e.k = static_cast<std::size_t>(N);
        return e;
    }();
};
template <class C, class A, atom_kind K, class U>
struct monomial_of<Product<C, A>, K, U> {
    static constexpr monomial_entry value = [] {
        const monomial_entry c = monomial_of<C, K, U>::value, a = monomial_of<A, K, U>::value;
        if (!(c.ok && a.ok && c.k == 0 && a.k > 0 && a.p == 1 && a.q == 1)) return monomial_entry{};
        return monomial_entry{c.p, c.q, a.k, true};
    }();
};

// The polynomial of the sum of the terms e[0..n) (ok = false where the
// common denominator or a power does not fit).
template <std::size_t N>
constexpr exact_polynomial polynomial_of_monomials(const std::array<monomial_entry, N>& e) {
    exact_polynomial r{};
    long long den = 1;
    for (const monomial_entry& m : e) {
        if (!m.ok || m.k > polynomial_capacity) {
            r.ok = false;
            return r;
        }
        const long long g = gcd_ll(den, m.q, r.ok);
        if (!r.ok || den / g > (static_cast<long long>(1) << 62) / m.q) {
            r.ok = false;
            return r;
        }
        den = den / g * m.q;
    }
    r.den = wide_of(den);
    for (const monomial_entry& m : e) {
        r.num[m.k] = wide_add(r.num[m.k], wide_multiply(wide_of(m.p), wide_of(den / m.q), r.ok), r.ok);
        if (m.k > r.degree) r.degree = m.k;
    }
    trim(r);
    return r;
}
template <atom_kind K, class U, class... Ts>
struct monomial_sum {
    static constexpr std::array<monomial_entry, sizeof...(Ts)> entries = {monomial_of<Ts, K, U>::value...};
    static constexpr bool all_monomials = [] {
        for (const monomial_entry& m : entries)
            if (!m.ok) return false;
        return true;
    }();
    // Or, where some term is not c a^k (orders 18 and above of sigma keep
    // factors such as (1 - sigma), see compact in expand.hpp), the whole sum
    // as one polynomial, where it is one.
    static constexpr bool whole = all_monomials || polynomial_info<Sum<Ts...>, K, U>::ok;
    static constexpr exact_polynomial value = [] {
        if constexpr (all_monomials) {
            return polynomial_of_monomials(entries);
        } else if constexpr (whole) {
            return polynomial_info<Sum<Ts...>, K, U>::value;
        } else {
            exact_polynomial none{};
            none.ok = false;
            return none;
        }
    }();
};
// As the pairs decide: Source::value becomes a node where that is exact and
// not a lone a^k.
template <atom_kind K, class U, class Source>
constexpr bool worth_a_node() {
    return Source::value.ok && nonzero_terms(Source::value) >= 2 && polynomial_node<K, U, Source>::data.ok;
}
template <atom_kind K, class U, class... Ts>
struct monomial_sum_node {  // (as rebuilt: type::type is the result)
    using type = std::type_identity<typename polynomial_node<K, U, monomial_sum<K, U, Ts...>>::type>;
};

template <class Sum, bool Monomials, class Atom, class... Ts>
struct stable_sum;
template <class... Ts, class Atom>
struct stable_sum<Sum<Ts...>, true, Atom> {
    using type = typename if_t<
        worth_a_node<Atom::kind, typename Atom::argument, monomial_sum<Atom::kind, typename Atom::argument, Ts...>>(),
        monomial_sum_node<Atom::kind, typename Atom::argument, Ts...>,
        rebuilt<rebuild_sum, Sum<Ts...>, Ts...>>::type::type;
};
template <class... Ts, class Atom>
struct stable_sum<Sum<Ts...>, false, Atom> {
    static constexpr bool try_it = Atom::kind != atom_kind::none && sizeof...(Ts) <= polynomial_terms_limit;
    using type = typename rewrite_or<polynomial_rewrite<Atom::kind, typename Atom::argument, Ts...>,
                                     rebuilt<rebuild_sum, Sum<Ts...>, Ts...>, try_it>::type;
};
template <class Atom, class... Ts>
constexpr bool whole_polynomial() {
    if constexpr (Atom::kind == atom_kind::none || sizeof...(Ts) > polynomial_terms_limit) {
        return false;
    } else {
        return monomial_sum<Atom::kind, typename Atom::argument, Ts...>::whole;
    }
}

template <class... Ts>
struct stable_sum_with_atom {
    using atom = first_atom<Ts...>;
    using type = typename stable_sum<Sum<Ts...>, whole_polynomial<atom, Ts...>(), atom>::type;
};
// A sum: polynomials in sigma or tanh where there are any, else a rational
// sum where it is one.
template <class... Ts>
struct stable<Sum<Ts...>, true> {
    using type = typename if_t<first_atom<Ts...>::kind == atom_kind::none, stable_rational_sum<Ts...>,
                               stable_sum_with_atom<Ts...>>::type;
};
// Whether a product's factors are apart: each is wholly a polynomial in the
// sigma or tanh at its top (1 - tanh(u)^2, sigma(u)^3), and no two share
// theirs. Such a product is its factors stabilised one by one: the pairs
// would find one group per factor, the factor's own polynomial, and reach
// the same product through the rest of the factors, rewritten again, one
// factor fewer each time -- O(n^2) products formed for n factors (the
// derivative of a composition n tanh deep, the product of the 1 -
// tanh(t_k)^2, took longer to stabilise than to form). (A factor without
// sigma or tanh at its top, a constant or (3 + tanh(u))^-2, is not apart:
// the pairs can give it another place, so the product keeps to them.)
template <class Atom, bool = Atom::kind != atom_kind::none>
struct atom_key {
    using type = void;
};
template <class Atom>
struct atom_key<Atom, true> {
    using type = Call<if_t<Atom::kind == atom_kind::tanh, tanh_fn, sigmoid_fn>, typename Atom::argument>;
};
template <class F, class Atom = atom_search<F>, bool = Atom::kind != atom_kind::none>
struct factor_apart : std::false_type {};
template <class F, class Atom>
struct factor_apart<F, Atom, true> : std::bool_constant<polynomial_info<F, Atom::kind, typename Atom::argument>::ok> {};
template <class Key, class... Keys>
struct key_once {
    static constexpr bool value = [] {
        if constexpr (std::is_void<Key>::value) {
            return true;
        } else {
            constexpr bool same[] = {std::is_same<Key, Keys>::value...};
            std::size_t n = 0;
            for (bool b : same) n += b ? 1 : 0;
            return n == 1;
        }
    }();
};
template <class... Fs>
struct keys_once {
    static constexpr bool value = all_of(
        {key_once<typename atom_key<atom_search<Fs>>::type, typename atom_key<atom_search<Fs>>::type...>::value...});
};
// (The keys, n^2 comparisons, are compared only where every factor is a
// polynomial in its own atom.)
template <class... Fs>
struct factors_apart : if_t<all_of({factor_apart<Fs>::value...}), keys_once<Fs...>, std::false_type> {};

template <class... Fs>
struct stable_product_by_pairs {
    using atom = first_atom<Fs...>;
    static constexpr bool try_it = atom::kind != atom_kind::none && !factors_apart<Fs...>::value;
    using type = typename rewrite_or<polynomial_rewrite<atom::kind, typename atom::argument, Product<Fs...>>,
                                     rebuilt<rebuild_product, Product<Fs...>, Fs...>, try_it>::type;
};
// A product that is wholly a polynomial in a, -2 (c1 (t - t^3) + ...) as
// the derivatives of tanh are written, is one node at once: what the pairs
// would find (one group, of coefficient 1), without forming them.
template <class Atom, class... Fs>
constexpr bool whole_polynomial_product() {
    if constexpr (Atom::kind == atom_kind::none) {
        return false;
    } else {
        using info = polynomial_info<Product<Fs...>, Atom::kind, typename Atom::argument>;
        if constexpr (!info::ok) {
            return false;
        } else {
            return worth_a_node<Atom::kind, typename Atom::argument, info>();
        }
    }
}
template <class... Fs>
struct stable_product {
    using atom = first_atom<Fs...>;
    using type = typename if_t<whole_polynomial_product<atom, Fs...>(),
                               polynomial_node<atom::kind, typename atom::argument,
                                               polynomial_info<Product<Fs...>, atom::kind, typename atom::argument>>,
                               stable_product_by_pairs<Fs...>>::type;
};
// A product with the factors u^m and exp(c u^(2k)): the two as one node
// gaussian_tail_fn(u, exp(c u^(2k))), beside the other factors; then the
// product again (another pair, or a polynomial in sigma or tanh).
template <class... Fs>
struct gaussian_rewrite {
    static constexpr gaussian_match match = gaussian_pair<Fs...>::value;
    using exponential = at_t<match.exponential, type_list<Fs...>>;
    using monomial = at_t<match.monomial, type_list<Fs...>>;
    using info = gaussian_factor<exponential>;
    using node =
        apply_t<gaussian_tail_fn<monomial_degree<monomial, typename info::base>, info::c_num, info::c_den, info::k>,
                typename info::base, exponential>;
    using others = typename concat_all<if_t<std::is_same<Fs, exponential>::value || std::is_same<Fs, monomial>::value,
                                            type_list<>, type_list<Fs>>...>::type;
    template <class... Os>
    static auto with_node(type_list<Os...>) -> product_of_list<type_list<Os..., node>>;
    using type = stable_t<typename decltype(with_node(others{}))::type>;
};
template <class... Fs>
struct stable<Product<Fs...>, true> {
    using type = typename if_t<gaussian_pair<Fs...>::value.found, gaussian_rewrite<Fs...>, stable_product<Fs...>>::type;
};
template <class Fn, class... As>
struct stable<Call<Fn, As...>, true> {
    using type = typename if_t<all_of({std::is_same<stable_t<As>, As>::value...}), std::type_identity<Call<Fn, As...>>,
                               apply<Fn, stable_t<As>...>>::type;
};
// A power rebuilt from its stabilised base and exponent (or left as it is).
template <class B, class E>
struct stable_power {
    using type = typename if_t<std::is_same<stable_t<B>, B>::value && std::is_same<stable_t<E>, E>::value,
                               std::type_identity<Power<B, E>>, power<stable_t<B>, stable_t<E>>>::type;
};
// cbrt(u)^k as u^q cbrt(u)^r, k = 3q + r, r of k's sign and |r| <= 2: the
// derivatives of cbrt are c cbrt(x)^(1 - 3n), and raising the rounded
// cbrt(x) to the 47th power (n = 16) multiplies its rounding error by 47;
// x^-15 cbrt(x)^-2 carries that error twice and x's none. The same value
// wherever it is defined: cbrt(u)^3 = u for every real u, and q and r have
// the same sign, so no 0 * inf appears at 0 or at infinity, and the sign of
// a zero or an infinity is sign(u)^(q + r) = sign(u)^k.
template <class U, long long K>
struct cbrt_power {
    static constexpr long long q = K / 3, r = K % 3;  // both of K's sign (C++ division truncates)
    using base = stable_t<U>;
    using type = typename multiply_many<typename power<base, Int<q>>::type,
                                        typename power<Call<cbrt_fn, base>, Int<r>>::type>::type;
};
template <class U, long long K>
struct stable<Power<Call<cbrt_fn, U>, Int<K>>, true>
    : if_t<(K >= 3 || K <= -3), cbrt_power<U, K>, stable_power<Call<cbrt_fn, U>, Int<K>>> {};
template <class B, class E>
struct stable<Power<B, E>, true> : stable_power<B, E> {};

}  // namespace chainrule::detail
// ---- end chainrule/detail/stable.hpp
// ---- back in chainrule/detail/evaluator.hpp


namespace chainrule {
struct log_fn;  // functions/log.hpp; named here only to recognise log nodes
}  // namespace chainrule

// The forward sweep: the value of every node of a graph (detail/graph.hpp),
// children first, each computed once.
//
// The code for node I is generated from the constexpr record of node I (its
// kind, its operands' slots, its constant exponent, its function), so at run
// time the optimiser sees straight-line code over local values, the code one
// would write by hand, and during constant evaluation the library's own
// constexpr math runs instead of <cmath> (math.hpp). No fold expression runs
// over the nodes or over the operands of a node: Clang limits those to 256.

// Whether a call is a constant expression, asked during constant evaluation
// without failing it: GCC and Clang evaluate the argument of
// __builtin_constant_p there quietly (undone if it fails). With another
// compiler every call is taken to succeed, and a domain error is reported
// where it happens, as before (a longer message, the same error).
#if defined(__GNUC__) || defined(__clang__)
#define CHAINRULE_SUCCEEDS(...) __builtin_constant_p(__VA_ARGS__)
#else
#define CHAINRULE_SUCCEEDS(...) true
#endif

// The table of node values is not cleared before a sweep at run time: each
// entry is written before it is read, in the order of the sweep. GCC at -O1
// and -Og, where the nodes' functions stay out of line, cannot see that, and
// warns of the table passed to them as "maybe uninitialized"; not here.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace chainrule::detail {

// ---------------------------------------------------------------- numbers

template <class T>
constexpr T rational_value(const rational& r) {
    if (r.den == 1) return T(r.num);
    return T(r.num) / T(r.den);
}

// a * b, a / b and a + b as the sweeps compute them: in floating point with
// the IEEE results (NaN, +-inf) also during constant evaluation, where the
// operators themselves are refused for 1/0, 0*inf, inf-inf, overflow and (on
// Clang) any NaN result (math/detail/ieee.hpp); a user scalar's own operators.
template <class T>
constexpr T mul_values(const T& a, const T& b) {
    if constexpr (std::floating_point<T>) return math::detail::ieee_mul(a, b);
    else return T(a * b);
}
template <class T>
constexpr T div_values(const T& a, const T& b) {
    if constexpr (std::floating_point<T>) return math::detail::ieee_div(a, b);
    else return T(a / b);
}
template <class T>
constexpr T add_values(const T& a, const T& b) {
    if constexpr (std::floating_point<T>) return math::detail::ieee_add(a, b);
    else return T(a + b);
}

// x^N by squaring, unrolled at compile time: x^2 is x * x, x^3 is x * x * x.
template <long long N, class T>
constexpr T integer_power(const T& x) {
    if constexpr (N == 1) {
        return x;
    } else if constexpr (N % 2 == 0) {
        T h = integer_power<N / 2>(x);
        return mul_values(h, h);
    } else {
        return mul_values(integer_power<N - 1>(x), x);
    }
}

// sqrt and log as the engine itself needs them (x^(1/2), and the partial of
// b^e by e): the math layer in floating point, a user scalar's own by
// argument-dependent lookup -- as the functions Sqrt and Log evaluate.
template <class T>
constexpr T call_sqrt(const T& x) {
    if constexpr (std::floating_point<T>) {
        return math::sqrt(x);
    } else {
        using std::sqrt;
        return sqrt(x);
    }
}
template <class T>
constexpr T call_log(const T& x) {
    if constexpr (std::floating_point<T>) {
        return math::log(x);
    } else {
        using std::log;
        return log(x);
    }
}

template <class T>
constexpr T call_pow(const T& x, const T& y) {
    if constexpr (std::floating_point<T>) {
        return math::pow(x, y);
    } else {
        using std::pow;
        return pow(x, y);
    }
}

// |b^E| for a constant exponent E, written the way one would by hand:
// x^3 = x*x*x, x^(1/2) = sqrt(x), others through pow.
// |b^e| for a constant e that is not an integer: x^(1/2) is sqrt(x), others
// go through pow. (A function of the exponent's value, so that a failed call
// can be made again from the values alone: see find_failed_call; inlined,
// the branch is decided at compile time.)
template <class T>
[[gnu::always_inline]] constexpr T fractional_power(const T& b, const rational& e) {
    const long long p = e.num < 0 ? -e.num : e.num;
    if (p == 1 && e.den == 2) return call_sqrt(b);
    return call_pow(b, rational_value<T>(rational{p, e.den}));
}
template <class T, rational E>
constexpr T constant_power(const T& b) {
    constexpr long long p = E.num < 0 ? -E.num : E.num;
    if constexpr (E.den == 1) return integer_power<p>(b);
    else return fractional_power(b, E);
}

// Fn's value at the arguments args[0], ..., args[Arity - 1].
template <class T, class Fn, std::size_t Arity>
constexpr T call_function(const T* args) {
    if constexpr (Arity == 0) return Fn::template eval<T>();
    else if constexpr (Arity == 1) return Fn::eval(args[0]);
    else if constexpr (Arity == 2) return Fn::eval(args[0], args[1]);
    else static_assert(Arity <= 2, "chainrule::detail::call_function: a function takes at most two arguments");
}

// The value of a log node: log_fn::eval, which is call_log (a function of its
// own, so that a product can tell its log factors by their payload).
template <class T>
constexpr T call_log_node(const T* args) {
    return call_log(args[0]);
}

// What the forward sweep keeps for a function node: a pointer to the call of
// Fn::eval with its arguments (one type for every arity).
template <class T>
struct eval_payload {
    using type = T (*)(const T*);
    static constexpr bool shares_products = true;  // detail::product_sharing (graph.hpp)
    template <class Fn, std::size_t Arity>
    static constexpr type pick() {
        if constexpr (std::is_same<Fn, log_fn>::value && Arity == 1 && std::floating_point<T>) return &call_log_node<T>;
        else return &call_function<T, Fn, Arity>;
    }
    template <class Fn, std::size_t Arity>
    static constexpr type value = pick<Fn, Arity>();
};

// ------------------------------------------------------ the fraction line

// How a product is computed: P = (p * factors above the line) / (q * factors
// below), for a coefficient p/q; p is left out where it is 1 or -1 (-1 is a
// negation), q where it is 1; a factor b^-n sits below as b^n.
struct line_item {
    enum kind_t : unsigned char { integer, node, node_power } kind = integer;
    long long integer_value = 1;
    std::size_t op = 0;  // index of the operand in the graph's ops
    rational exponent{1, 1};
};

template <std::size_t N>
struct fraction_line {
    std::array<line_item, N + 1> above{}, below{};
    std::size_t n_above = 0, n_below = 0;
    bool negated = false;
    bool has_below = false;
    // Reverse mode: the factors above the line that are nodes, and the
    // coefficient's numerator p (1 when absent).
    std::size_t n_nodes_above = 0;
};

template <std::size_t N>
constexpr fraction_line<N> make_fraction_line(const operand_ref* ops) {
    fraction_line<N> f{};
    for (std::size_t k = 0; k < N; ++k) {
        const operand_ref& o = ops[k];
        if (o.below) {
            // b^e, e < 0, below the line as b^|e| (b may be a constant: 2^(-1/2))
            f.below[f.n_below++] = {line_item::node_power, 1, k, o.power};
            f.has_below = true;
        } else if (o.constant) {
            if (o.value.num == -1) f.negated = true;
            if (o.value.num != 1 && o.value.num != -1)
                f.above[f.n_above++] = {line_item::integer, o.value.num, k, {1, 1}};
            if (o.value.den != 1) {
                f.below[f.n_below++] = {line_item::integer, o.value.den, k, {1, 1}};
                f.has_below = true;
            }
        } else {
            f.above[f.n_above++] = {line_item::node, 1, k, {1, 1}};
            ++f.n_nodes_above;
        }
    }
    return f;
}

// ------------------------------------------------------------- node code

/// What the forward sweep needs to compute one node, as a value: the code
/// of node I is a function template instantiated on this value, so its name
/// (which the compiler hashes and the object file stores) stays short however
/// large the expression is, and equal nodes of different expressions share it.
template <std::size_t N>
struct node_code {
    std::size_t slot = 0;  // where the value goes
    node_kind kind = node_kind::constant;
    std::array<operand_ref, N> ops{};
    std::size_t binding = 0;  // variables: position among the bound values
    bool constant_exponent = false;
    rational value{0, 1};  // powers: the constant exponent
    // products: a factor ln b (log_factor) beside a factor b^e with e not
    // constant (power_factor), b and e its operands; no_node when there is none
    std::size_t log_factor = no_node, power_factor = no_node;
    operand_ref power_base{}, power_exponent{};
};
// (A function node's call of Fn::eval is passed beside the code, as a template
// argument of its own: GCC 12 rejects a pointer to a function template
// specialisation inside a class-type template argument.)

template <auto Code>
inline constexpr fraction_line<Code.ops.size()> line_of = make_fraction_line<Code.ops.size()>(Code.ops.data());

template <class T, operand_ref O>
constexpr T read(const T* v, const T* const* bound) {
    if constexpr (O.constant) return rational_value<T>(O.value);
    else if constexpr (O.bound != no_node) return bound_value(bound, O.bound);
    else return v[O.slot];
}

// One item of a product's line; O is its operand (named by the item and the
// operand, not by the whole product, so a product of k factors costs O(k)).
template <class T, line_item It, operand_ref O>
constexpr T line_value(const T* v, const T* const* bound) {
    if constexpr (It.kind == line_item::integer) return T(It.integer_value);
    else if constexpr (It.kind == line_item::node) return read<T, O>(v, bound);
    else return constant_power<T, It.exponent>(read<T, O>(v, bound));
}

// The items of one side of a product's line multiplied from the left,
// without a multiplication by 1: J runs over the items after the first (a
// function per side of a product, its loop written out by the fold); an
// empty side is 1.
template <class T, auto Code, bool Above, std::size_t... J>
constexpr T multiply_items(const T* v, const T* const* bound, std::index_sequence<J...>) {
    constexpr auto& line = line_of<Code>;
    constexpr auto& side = Above ? line.above : line.below;
    if constexpr ((Above ? line.n_above : line.n_below) == 0) {
        return T(1);
    } else {
        T result = line_value<T, side[0], Code.ops[side[0].op]>(v, bound);
        (void)std::initializer_list<int>{
            (result = mul_values(result, line_value<T, side[J + 1], Code.ops[side[J + 1].op]>(v, bound)), 0)...};
        return result;
    }
}
template <class T, auto Code, bool Above>
constexpr T multiply_side(const T* v, const T* const* bound) {
    constexpr std::size_t n = Above ? line_of<Code>.n_above : line_of<Code>.n_below;
    constexpr std::size_t after_first = n == 0 ? 0 : n - 1;
    return multiply_items<T, Code, Above>(v, bound, std::make_index_sequence<after_first>{});
}

// A product with the factors b^e and ln b where b = 0 and e >= 0: the pair
// counts as 0 (the limit of b^e ln b for e > 0), so that D(b^e, e) = b^e ln b
// is 0 there, as PyTorch's gradient of pow by the exponent is (reverse.hpp,
// pow_by_exponent); the other factors multiply that 0.
template <class T, auto Code>
constexpr bool log_pair_is_zero(const T* v, const T* const* bound) {
    if constexpr (!std::floating_point<T> || Code.log_factor == no_node) return false;
    else return read<T, Code.power_base>(v, bound) == T(0) && read<T, Code.power_exponent>(v, bound) >= T(0);
}
template <class T, auto Code, std::size_t K>
constexpr T times_other_factor(const T& acc, const T* v, const T* const* bound) {
    constexpr operand_ref o = Code.ops[K];
    if constexpr (K == Code.log_factor || K == Code.power_factor) return acc;
    else if constexpr (o.below) return div_values(acc, constant_power<T, o.power>(read<T, o>(v, bound)));
    else return mul_values(acc, read<T, o>(v, bound));
}
template <class T, auto Code>
constexpr T product_with_log_pair_zero(const T* v, const T* const* bound) {
    T p = T(0);
    [&]<std::size_t... K>(std::index_sequence<K...>) {
        (void)std::initializer_list<int>{(p = times_other_factor<T, Code, K>(p, v, bound), 0)...};
    }
    (std::make_index_sequence<Code.ops.size()>{});
    return p;
}

// A domain error met during constant evaluation (ln of a negative number,
// asin 2, a user function that is not constexpr) is a compile error, raised
// by the function itself. Raised inside the sweep, the compiler's message
// would list every call down to it, and the sweep's calls are named by the
// expression and by the codes of up to 64 nodes (7.5 KB from g++ for
// eval<ln x + 1/x>(-1), more for larger expressions). So, in a floating-point
// type, a call of a function or a power that would fail gives NaN there, and
// once the sweep is done, the sweep's own frame calls it again
// (find_failed_call), where it fails with the function's own message. (In a
// user scalar type the call fails where it is.)
template <class T>
constexpr bool quiet_failure() {
    if constexpr (std::floating_point<T>) return std::is_constant_evaluated();
    else return false;
}
template <class T>
constexpr T not_a_number() {
    return std::numeric_limits<T>::quiet_NaN();
}

// Reached only if the sweep gave NaN for a call that, made again, succeeds.
inline void chainrule_internal_error_a_quiet_call_failed_that_succeeds_when_repeated() {}

// An operand as a sweep's code reads it: a variable from the bindings.
template <class Tables>
constexpr operand_ref bound_operand(const Tables& g, operand_ref o, std::size_t (*position)(const var_name&)) {
    if (!o.constant && o.slot != no_node && g.nodes[o.slot].kind == node_kind::variable)
        o.bound = position(g.nodes[o.slot].name);
    return o;
}

/// A call of the sweep that gave NaN from arguments that are not NaN: its
/// node (no_node if there is none), its arguments, and what it called, so
/// that it can be made again from a frame that is not the sweep's (again()).
/// (Not every such call failed: a function may return NaN.)
template <class T>
struct failed_call {
    std::size_t node = no_node;
    T args[2] = {T(0), T(0)};
    node_kind kind = node_kind::function;
    T (*function)(const T*) = nullptr;  // function nodes: the call of Fn::eval
    bool constant_exponent = false;     // powers: b^value, or pow(b, e)
    rational exponent{1, 1};

    // The call made again: the function's own error, if it fails.
    constexpr T again() const {
        if (kind == node_kind::function) return function(args);
        if (constant_exponent) return exponent.den == 1 ? args[0] : fractional_power(args[0], exponent);
        return call_pow(args[0], args[1]);
    }
    // Makes the call again if there is one: during constant evaluation, where
    // it fails, this is the compile error, raised from the caller's frame.
    constexpr void raise() const {
        if (node == no_node) return;
        const T value = kind == node_kind::function ? function(args) : again();  // (a frame fewer)
        if (value == value) chainrule_internal_error_a_quiet_call_failed_that_succeeds_when_repeated();
    }
};
/// The first such call of the sweep from node `from` on.
template <class T, class Tables>
constexpr failed_call<T> find_failed_call(const Tables& g, std::size_t from, std::size_t n, const bool* computed,
                                          const T* v, const T* const* bound, std::size_t (*position)(const var_name&)) {
    for (std::size_t i = from; i < n; ++i) {
        const auto& r = g.nodes[i];
        if (!computed[i] || v[i] == v[i] || (r.kind != node_kind::function && r.kind != node_kind::power)) continue;
        failed_call<T> f{i};
        f.kind = r.kind;
        f.function = r.function;
        f.constant_exponent = r.constant_exponent;
        f.exponent = r.value;
        bool nan_argument = false;
        for (std::size_t k = 0; k < r.count && k < 2; ++k) {
            const operand_ref o = bound_operand(g, g.ops[r.first + k], position);
            f.args[k] = o.constant           ? rational_value<T>(o.value)
                        : o.bound != no_node ? bound_value(bound, o.bound)
                                             : v[o.slot];
            nan_argument = nan_argument || f.args[k] != f.args[k];
        }
        if (!nan_argument) return f;
    }
    return {};
}

template <class T, auto Code, auto Function>
constexpr T compute_node(const T* v, const T* const* bound) {
    if constexpr (Code.kind == node_kind::variable) {
        return bound_value(bound, Code.binding);
    } else if constexpr (Code.kind == node_kind::function) {
        if constexpr (Code.ops.size() == 0) {
            return Function(nullptr);
        } else if constexpr (Code.ops.size() == 1) {
            const T args[1] = {read<T, Code.ops[0]>(v, bound)};
            if (quiet_failure<T>() && !CHAINRULE_SUCCEEDS(Function(args))) return not_a_number<T>();
            return Function(args);
        } else {
            const T args[2] = {read<T, Code.ops[0]>(v, bound), read<T, Code.ops[1]>(v, bound)};
            if (quiet_failure<T>() && !CHAINRULE_SUCCEEDS(Function(args))) return not_a_number<T>();
            return Function(args);
        }
    } else if constexpr (Code.kind == node_kind::power) {
        if constexpr (Code.constant_exponent) {
            const T b = read<T, Code.ops[0]>(v, bound);
            if (quiet_failure<T>() && !CHAINRULE_SUCCEEDS(constant_power<T, Code.value>(b))) return not_a_number<T>();
            T p = constant_power<T, Code.value>(b);
            if constexpr (Code.value.num < 0) return div_values(T(1), p);
            else return p;
        } else {
            const T b = read<T, Code.ops[0]>(v, bound), e = read<T, Code.ops[1]>(v, bound);
            if (quiet_failure<T>() && !CHAINRULE_SUCCEEDS(call_pow(b, e))) return not_a_number<T>();
            return call_pow(b, e);
        }
    } else if constexpr (Code.kind == node_kind::product) {
        if constexpr (Code.log_factor != no_node)
            if (log_pair_is_zero<T, Code>(v, bound)) return product_with_log_pair_zero<T, Code>(v, bound);
        T num = multiply_side<T, Code, true>(v, bound);
        if constexpr (line_of<Code>.negated) num = -num;
        if constexpr (line_of<Code>.has_below) return div_values(num, multiply_side<T, Code, false>(v, bound));
        else return num;
    } else if constexpr (Code.kind == node_kind::sum) {
        return [&]<std::size_t... K>(std::index_sequence<K...>) {
            T s = read<T, Code.ops[0]>(v, bound);
            (void)std::initializer_list<int>{(s = add_values(s, read<T, Code.ops[K + 1]>(v, bound)), 0)...};
            return s;
        }
        (std::make_index_sequence<Code.ops.size() - 1>{});
    } else {
        static_assert(Code.kind == node_kind::sum, "chainrule::detail::compute_node: a node kind is not handled");
        return T(0);
    }
}

template <std::size_t N, class Tables>
constexpr node_code<N> make_node_code(const Tables& g, std::size_t i, std::size_t (*position)(const var_name&)) {
    const auto& r = g.nodes[i];
    node_code<N> c{};
    c.slot = i;
    c.kind = r.kind;
    for (std::size_t k = 0; k < N; ++k) c.ops[k] = bound_operand(g, g.ops[r.first + k], position);
    if (r.kind == node_kind::variable) c.binding = position(r.name);
    c.constant_exponent = r.constant_exponent;
    c.value = r.value;
    if (r.kind == node_kind::product) {
        // the factors ln b and b^e of D(b^e, e) = b^e ln b
        auto node = [&](std::size_t k) -> const auto& { return g.nodes[g.ops[r.first + k].slot]; };
        auto plain = [&](std::size_t k) { return !g.ops[r.first + k].constant && !g.ops[r.first + k].below; };
        for (std::size_t k = 0; k < N && c.log_factor == no_node; ++k) {
            if (!plain(k) || node(k).kind != node_kind::function || !node(k).is_log) continue;
            const operand_ref& u = g.ops[node(k).first];
            for (std::size_t j = 0; j < N; ++j) {
                if (!plain(j) || node(j).kind != node_kind::power || node(j).constant_exponent) continue;
                const operand_ref& b = g.ops[node(j).first];
                if (u.constant || b.constant || u.slot != b.slot) continue;
                c.log_factor = k;
                c.power_factor = j;
                c.power_base = bound_operand(g, b, position);
                c.power_exponent = bound_operand(g, g.ops[node(j).first + 1], position);
                break;
            }
        }
    }
    return c;
}

// Nodes computed in order, each into its slot; Functions holds each
// node's call of Fn::eval (null but for function nodes).
template <auto... Functions>
struct function_list {};
template <class T, class Functions, auto... Codes>
struct node_block;
template <class T, auto... Functions, auto... Codes>
struct node_block<T, function_list<Functions...>, Codes...> {
    // Inlined into the sweep, as the code of one expression written by hand
    // would be: its values stay in registers instead of passing through memory.
    // (Measured, callgrind, g++ -O2: left out of line, eval of the net with 81
    // parameters costs 1,013 instructions against 492 inlined, hand-written
    // 491; only the derivative of the deep logistic map l_16 runs faster out
    // of line, 2,509 against 3,208.)
    [[gnu::always_inline]] static constexpr void run(T* v, const T* const* bound) {
        (void)std::initializer_list<int>{(v[Codes.slot] = compute_node<T, Codes, Functions>(v, bound), 0)...};
    }
};

// ------------------------------------------------------------- the sweep

/// Which nodes a forward sweep computes: all of them (eval), or the ones a
/// reverse sweep reads and what they need (Selection::need).
struct all_nodes {};

template <class Graph, class Env, class Selection = all_nodes>
struct evaluator {
    using graph_type = Graph;
    using T = typename Env::scalar;
    static constexpr const auto& g = Graph::tables;
    static constexpr std::size_t size = Graph::size;
    using values = std::array<T, size == 0 ? 1 : size>;

    // Variables are read where they are bound; only a variable that is a
    // root is copied into the table, when the root's value is wanted.
    static constexpr bool everything = std::is_same<Selection, all_nodes>::value;
    // Everything, for eval, is what the roots are computed from: a node that
    // a shared product left without a user (r^k, once l_k is computed from
    // l_(k-1); product_sharing) is not computed.
    static constexpr std::array<bool, size == 0 ? 1 : size> reachable = [] {
        std::array<bool, size == 0 ? 1 : size> r{};
        for (const operand_ref& o : g.roots)
            if (!o.constant) r[o.slot] = true;
        mark_operands(g, r);
        return r;
    }();
    static constexpr std::array<bool, size == 0 ? 1 : size> computed = [] {
        std::array<bool, size == 0 ? 1 : size> c{};
        for (std::size_t i = 0; i < size; ++i) {
            if constexpr (everything) c[i] = reachable[i];
            else c[i] = Selection::need[i];
            if (g.nodes[i].kind == node_kind::variable) c[i] = false;
        }
        for (const operand_ref& r : g.roots) {
            if (r.constant || g.nodes[r.slot].kind != node_kind::variable) continue;
            if constexpr (everything) c[r.slot] = true;
            else c[r.slot] = Selection::need[r.slot];
        }
        return c;
    }();
    static constexpr std::size_t count = [] {
        std::size_t n = 0;
        for (std::size_t i = 0; i < size; ++i) n += computed[i] ? 1 : 0;
        return n;
    }();
    static constexpr std::array<std::size_t, count> slots = [] {
        std::array<std::size_t, count> out{};
        std::size_t n = 0;
        for (std::size_t i = 0; i < size; ++i)
            if (computed[i]) out[n++] = i;
        return out;
    }();
    static constexpr std::size_t slot(std::size_t k) { return slots[k]; }

    // The value of every selected node, in order; the reverse sweep reads
    // them, eval only the roots. Nothing else is written: at run time the
    // table is not cleared first (its other entries are never read); during
    // constant evaluation it is, since copying an indeterminate value is not
    // a constant expression.
    //
    // During constant evaluation a call that failed quietly (quiet_failure)
    // is made again once the sweep is done: here, or, given `report`, by the
    // caller: the first call that fails is stored there, and the request's
    // evaluate raises it once the sweep has returned (request_report in
    // gradient.hpp; from here, the message would list every frame between,
    // each spelling the expression).
    static constexpr values forward(const Env& env, failed_call<T>* report = nullptr) {
        values v;
        if (std::is_constant_evaluated()) v = values{};
        // (A lambda the optimiser may keep out of line: forced into its
        // caller, g++ spills; callgrind, eval of the net of 81 parameters: 452
        // instructions as it is, 581 inlined, hand-written 451.)
        const auto bases = env.bases();
        [&]<std::size_t... B>(std::index_sequence<B...>) {
            (void)std::initializer_list<int>{(block_t<B>::run(v.data(), bases.data()), 0)...};
        }
        (std::make_index_sequence<(count + block - 1) / block>{});
        if constexpr (std::floating_point<T>) {
            if (std::is_constant_evaluated()) {
                // each call that gave NaN is made again, and the first that
                // fails stops the evaluation with its own message (an integer
                // power of a number cannot fail: it stands for itself)
                for (failed_call<T> f =
                         find_failed_call(g, 0, size, computed.data(), v.data(), bases.data(), &Env::location);
                     f.node != no_node; f = find_failed_call(g, f.node + 1, size, computed.data(), v.data(),
                                                             bases.data(), &Env::location)) {
                    if (report == nullptr) {
                        // (made in this frame: a frame fewer in the message)
                        const T again = f.kind == node_kind::function ? f.function(f.args) : f.again();
                        if (again == again) chainrule_internal_error_a_quiet_call_failed_that_succeeds_when_repeated();
                    } else if (!CHAINRULE_SUCCEEDS(f.again())) {
                        *report = f;
                        break;
                    }
                }
            }
        }
        return v;
    }

    // eval's sweep at run time: only the roots are wanted, so the table is
    // the sweep's own and the optimiser keeps its values in registers.
    static T value(const Env& env) {
        const auto bases = env.bases();
        return [&]<std::size_t... B>(std::index_sequence<B...>) {
            values v;
            (void)std::initializer_list<int>{(block_t<B>::run(v.data(), bases.data()), 0)...};
            return root(v);
        }
        (std::make_index_sequence<(count + block - 1) / block>{});
    }

    // The nodes run in blocks of 64, each a function named by its nodes'
    // codes (node_block), not by this evaluator. Nothing here is
    // instantiated once per node as a member of this class: a member is
    // named after the whole expression, and GCC's cost per such name grows
    // with the expression, which made the whole quadratic. The codes are
    // computed in place, as template arguments, by make_node_code; block_type
    // is only declared, to name the block's type.
    static constexpr std::size_t block = 64;
    template <std::size_t First, std::size_t... K>
    static auto block_type(std::index_sequence<K...>)
        -> node_block<T, function_list<g.nodes[slot(First + K)].function...>,
                      make_node_code<g.nodes[slot(First + K)].count>(g, slot(First + K), &Env::location)...>;
    template <std::size_t B>
    using block_t = decltype(block_type<B * block>(
        std::make_index_sequence<(count - B * block < block ? count - B * block : block)>{}));

    template <std::size_t R = 0>
    static constexpr T root(const values& v) {
        return read<T, g.roots[R]>(v.data(), nullptr);  // a variable root is in the table
    }
};
/// The forward sweep over the graph of Roots... in the scalar type of Env;
/// in a floating-point type, polynomials in sigma and tanh are evaluated
/// stably (stable.hpp). A user's scalar type sees the expression as written.
template <class E, class T>
using evaluated_form = typename if_t<std::floating_point<T>, stable<E>, std::type_identity<E>>::type;
template <class Env, class... Roots>
using evaluator_for = evaluator<graph<graph_builder<eval_payload<typename Env::scalar>>, type_list<>,
                                      evaluated_form<Roots, typename Env::scalar>...>,
                                Env>;

}  // namespace chainrule::detail

#undef CHAINRULE_SUCCEEDS

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
// ---- end chainrule/detail/evaluator.hpp
// ---- back in chainrule/eval.hpp


// eval<E>(x): the value of E at a point, in constant expressions and at run time.
//
// This header is the public face: eval, at, point. Evaluation walks the
// distinct subexpressions of E once each, children first (detail/graph.hpp,
// detail/evaluator.hpp), so a subexpression that occurs many times, such as
// the s(x) of D<Sigmoid<X>> = s(x) (1 - s(x)), is computed once per call.
// At run time the optimiser sees straight-line code over local values, the
// same code one would write by hand; during constant evaluation the library's
// own constexpr math runs instead of <cmath> (math.hpp). Variables are found
// by name (detail/bindings.hpp).
namespace chainrule {

/// Binds the variable V to a value: eval<Mul<X, Y>>(at<X>(2.0), at<Y>(3.0)) is 6.
template <class V, class T>
    requires(!detail::is_family<V>)
constexpr binding<V, T> at(T value) {
    static_assert(Variable<V>,
                  "chainrule::at<V>(value): V must be a variable such as X or Var<'w'>, or a family "
                  "such as Vars<\"w\", 3>");
    static_assert(Scalar<T>,
                  "chainrule::at<V>(value): value must be floating-point (float, double, long double) or a "
                  "user scalar type whose division does not truncate; write 2.0, not 2");
    return {value};
}

/// Binds every member of the family F from one container, row-major:
///
///   std::array<double, 6> w = ...;            // or double[2][3], double[6],
///   at<Vars<"w", 2, 3>>(w)                    // nested std::arrays, std::span,
///                                             // std::vector
///
/// A container whose size (or, nested, whose shape) is known at compile time
/// must match the family's, or the call does not compile; a std::vector or a
/// std::span of dynamic extent is checked when the call runs and throws
/// std::invalid_argument naming the family and both sizes.
template <class F, class C>
    requires(detail::is_family<F> && !detail::reference_wrapper_like<C>)
constexpr auto at(const C& values) {
    using shape = detail::container_shape<C>;
    if constexpr (!shape::known || shape::rank == 0) {
        static_assert(shape::known && shape::rank > 0,
                      "chainrule::at<Vars<name, N...>>(values): values must be a std::array, a C array, nested "
                      "std::arrays, a std::span or a std::vector of numbers, one per member of the family");
        return family_binding<F, double>{};
    } else {
        using T = typename shape::scalar;
        family_binding<F, T> b{};
        if constexpr (!shape::is_static) {
            if (values.size() != F::size) throw std::invalid_argument(detail::family_size_message<F>(values.size()));
            for (std::size_t k = 0; k < F::size; ++k) b.values[k] = values[k];
        } else if constexpr (shape::rank > 1 && !detail::same_sizes(shape::shape, F::shape)) {
            static_assert(detail::family_shape_mismatch<detail::spelled_name<F::base>, detail::sizes_t<F::shape>,
                                                        detail::sizes_t<shape::shape>>::value);
        } else if constexpr (shape::size != F::size) {
            static_assert(detail::family_size_mismatch<detail::spelled_name<F::base>, F::size, shape::size>::value);
        } else {
            shape::write(values, b.values.data());
        }
        return b;
    }
}

/// Binds every member of the family F to numbers the caller keeps, without
/// copying them: evaluation reads them where they are.
///
///   std::array<double, 6> w = ...;            // or double[6], std::span,
///   at<Vars<"w", 2, 3>>(std::cref(w))         // std::vector; row-major
///
/// values is one row of numbers of the point's scalar type (a C array, a
/// std::array, a std::span or a std::vector); it must outlive every use of
/// the binding and of a point made from it, and a change to it is seen by
/// the next evaluation. Sizes are checked as for at<F>(values).
template <class F, class R>
    requires(detail::is_family<F>&& detail::reference_wrapper_like<R>)
constexpr auto at(R values) {
    using C = std::remove_reference_t<decltype(values.get())>;
    using shape = detail::container_shape<std::remove_cv_t<C>>;
    if constexpr (!shape::known || shape::rank != 1) {
        static_assert(shape::known && shape::rank == 1,
                      "chainrule::at<Vars<name, N...>>(std::cref(values)): values must be one row of numbers, "
                      "one per member of the family: a C array, a std::array, a std::span or a std::vector "
                      "(nested containers are bound by copy, at<Vars<name, N...>>(values))");
        return family_view<F, double>{};
    } else {
        using T = typename shape::scalar;
        const C& c = values.get();
        if constexpr (!shape::is_static) {
            if (c.size() != F::size) throw std::invalid_argument(detail::family_size_message<F>(c.size()));
        } else if constexpr (shape::size != F::size) {
            static_assert(detail::family_size_mismatch<detail::spelled_name<F::base>, F::size, shape::size>::value);
        }
        if constexpr (std::is_array_v<C>) return family_view<F, T>{&c[0]};
        else return family_view<F, T>{c.data()};
    }
}

/// Values for several variables at once, a point of the whole space:
///
///   constexpr auto p = point(at<X>(1.0), at<Y>(2.0));
///   eval<D<Mul<X, Y>, Y>>(p)            // 1.0: the partial has no y, and need not
///
/// Bound one by one, eval<E>(at<X>(..), ...) rejects a value for a variable E
/// does not have (a likely typo); evaluated at a point, E takes the values of
/// its own variables and leaves the rest, which is what evaluating several
/// partial derivatives at one point needs. A variable of E that the point
/// lacks is still an error.
template <class... Bs>
struct point_t {
    detail::bindings<Bs...> bound;
};

namespace detail {
template <class T>
inline constexpr bool is_point = false;
template <class... Bs>
inline constexpr bool is_point<point_t<Bs...>> = true;

// Values that are not one number (Gradient, Jacobian, Hessian in
// gradient.hpp) specialise this to true; eval<G>(...) forwards to
// G::evaluate(...), which returns a std::array. A trait rather than a base
// class, so that asking does not instantiate G: a misused G then reports its
// own error, and only that.
template <class E>
inline constexpr bool multi_valued = false;

// The variables of E read from the graph its evaluation in Env builds, so
// checking the arguments does not build a second graph of E.
template <class E, class Env>
using evaluated_variables = graph_variable_names<typename evaluator_for<Env, E>::graph_type>;

// The environment of a valid call of eval<E>(args...): a point's bindings
// (read in place, not copied), the bindings, or the one value.
template <class... Bs>
constexpr const bindings<Bs...>& environment_of(const point_t<Bs...>& p) {
    return p.bound;
}
template <class... Args>
    requires(all_of({is_binding<Args>...}))
constexpr bindings<Args...> environment_of(const Args&... args) { return bindings<Args...>{args...}; }
template <class A>
    requires(!is_binding<A> && !is_point<A>)
constexpr single_value<A> environment_of(const A& a) { return single_value<A>{a}; }

// ------------------------------------------------- the checks of a call

// What can be wrong with the arguments of eval<E>(args...), besides the
// bindings (check_bindings). Each case is a message of eval_message.
enum class eval_misuse {
    not_an_expression,
    no_point,
    point_not_alone,
    container,
    not_one_number,
    not_scalar,
    many_variables
};

// The message of a misuse M: instantiating eval_message<M> fails the one
// static_assert whose case is M.
template <eval_misuse M>
struct eval_message {
    static_assert(M != eval_misuse::not_an_expression,
                  "chainrule::eval<E>(x): E must be a chainrule expression, such as Sigmoid<X>");
    static_assert(M != eval_misuse::no_point, "chainrule::eval<E>(x): give the point, as in eval<E>(0.5)");
    static_assert(M != eval_misuse::point_not_alone,
                  "chainrule::eval<E>(p): a point must be the only argument; put every binding in it: "
                  "eval<E>(point(at<X>(1.0), at<Y>(2.0)))");
    static_assert(M != eval_misuse::container,
                  "chainrule::eval<E>(values): a container of numbers binds a family of variables, by name: "
                  "eval<E>(at<Vars<\"w\", 3>>(values))");
    static_assert(M != eval_misuse::not_one_number,
                  "chainrule::eval<E>(x): give either one number x, or a value for every variable "
                  "by name: eval<E>(at<X>(1.0), at<Y>(2.0))");
    static_assert(M != eval_misuse::not_scalar,
                  "chainrule::eval<E>(x): x must be floating-point (float, double, long double) or a user "
                  "scalar type whose division does not truncate; write 2.0, not 2");
    static_assert(M != eval_misuse::many_variables,
                  "chainrule::eval<E>(x): E has more than one variable; give each a value by name: "
                  "eval<E>(at<X>(1.0), at<Y>(2.0))");
    static constexpr bool value = false;
};

template <class E, class... Bs>
constexpr auto point_diagnosis(const point_t<Bs...>*) {
    using check = check_bindings<evaluated_variables<E, bindings<Bs...>>, Bs...>;
    if constexpr (!check::all_bound) return std::type_identity<missing_binding_diagnostic<check>>{};
    else return std::type_identity<void>{};
}

// Whether the request R checks the arguments Args itself (diagnosis). A
// trait, not a requires-expression: Clang 14 keeps the text of a failed
// requirement, which spells R and so its expression as a tree.
template <class R, class Args, class = void>
struct has_diagnosis : std::false_type {};
template <class R, class... Args>
struct has_diagnosis<R, type_list<Args...>, std::void_t<decltype(R::template diagnosis<Args...>())>> : std::true_type {
};

// The diagnostic of eval<E>(args...) (a class whose instantiation reports
// what is wrong), or void when the call is valid. Decided from the types
// alone, without instantiating anything that reports.
template <class E, class... Args>
constexpr auto eval_diagnosis() {
    using misuse = eval_misuse;
    if constexpr (multi_valued<E>) {
        // Gradient, Jacobian, Hessian, ... (gradient.hpp) check their own
        // arguments; a class that only reports its misuse does not.
        if constexpr (has_diagnosis<E, type_list<Args...>>::value) return E::template diagnosis<Args...>();
        else return std::type_identity<void>{};
    } else if constexpr (!Expression<E>) {
        return std::type_identity<eval_message<misuse::not_an_expression>>{};
    } else if constexpr (sizeof...(Args) == 0) {
        return std::type_identity<eval_message<misuse::no_point>>{};
    } else if constexpr (sizeof...(Args) == 1 && all_of({is_point<Args>...})) {
        return point_diagnosis<E>(static_cast<const Args*>(nullptr)...);
    } else if constexpr (all_of({is_binding<Args>...})) {
        if constexpr (!views_of_scalar<Args...>) {
            return std::type_identity<view_scalar_mismatch<false>>{};
        } else {
            using check = check_bindings<evaluated_variables<E, bindings<Args...>>, Args...>;
            if constexpr (!check::value) return std::type_identity<binding_diagnostic<check>>{};
            else return std::type_identity<void>{};
        }
    } else if constexpr (any_of({is_point<Args>...})) {
        return std::type_identity<eval_message<misuse::point_not_alone>>{};
    } else if constexpr (any_of({is_number_container<Args>...})) {
        return std::type_identity<eval_message<misuse::container>>{};
    } else if constexpr (sizeof...(Args) != 1 || any_of({is_binding<Args>...})) {
        return std::type_identity<eval_message<misuse::not_one_number>>{};
    } else if constexpr (!all_of({Scalar<Args>...})) {
        return std::type_identity<eval_message<misuse::not_scalar>>{};
    } else if constexpr (evaluated_variables<E, single_value<Args...>>::count > 1) {
        return std::type_identity<eval_message<misuse::many_variables>>{};
    } else {
        return std::type_identity<void>{};
    }
}

// A call eval<E>(args...), or e(args...) on an expression object: whether
// it is valid, and if not, the value it returns instead (misuse_report).
template <class E, class... Args>
struct eval_call {
    using diagnostic = typename decltype(eval_diagnosis<E, Args...>())::type;
    static constexpr bool ok = std::is_void<diagnostic>::value;
    using report = misuse_report<diagnostic>;
};

// Gradient, Jacobian, Hessian, ValueAndGradient and TaylorPartial are
// callable_requests (gradient.hpp), which eval<G>(...) makes itself (see
// eval_fn) with these.
template <class Self>
struct callable_request;
template <class... Args>
struct scalar_of_arguments;
template <class T, bool Quiet = std::floating_point<T>>
struct request_report;
template <bool WellFormed, class Wanted, class Empty, class Run, class Report, class... Args>
constexpr auto evaluate_request(Report report, const Args&... args);

// Whether the request R formed (Clang gives a class whose instantiation
// failed no members); asked only of requests.
template <class R, class = void>
struct request_formed : std::false_type {};
template <class R>
struct request_formed<R, std::void_t<decltype(R::well_formed)>> : std::true_type {};

/// The function object eval<E> (below).
///
/// A misused call is not reported from inside a function of E: both
/// compilers print the frames of a report, and a frame of a function whose
/// class or template has E as an argument spells E out, as a tree (a
/// shared subexpression written at each use): 6.6 MB from g++ and 17 MB
/// from clang++ for one number given to the logistic map of depth 16 with
/// a variable rate. So a misuse selects the second operator(), whose body
/// does nothing, and whose return type, misuse_report<diagnostic>, reports
/// when the caller's own expression completes it, in the caller's frame.
template <class E>
struct eval_fn {
    // Whether E is a request (Gradient, ...): asking completes E here, when
    // eval<E> is named, so that a request misused in its own spelling
    // (Gradient<E, X, X>) reports from the caller's line, and only that.
    using request = std::bool_constant<std::is_base_of<callable_request<E>, E>::value>;
    //
    // During constant evaluation a call that fails in the sweep (a domain
    // error) is made again here, from this frame, not from inside the sweep
    // (for a request, when its report leaves this frame): g++ prints every
    // frame of a failed constant evaluation as the call it makes, and the
    // sweep's, or the request's own evaluate, would spell E once more.
    template <class... Args>
        requires(eval_call<E, Args...>::ok)
    constexpr auto operator()(const Args&... args) const {
        // (A requires-expression is never checked on an expression: Clang
        // spells the type, as a tree, in the note of each one that fails;
        // 70 s for D of the logistic map of depth 16.)
        if constexpr (request::value && request_formed<E>::value) {
            request_report<typename scalar_of_arguments<Args...>::type> report;
            return evaluate_request<E::well_formed, typename E::request_names, typename E::empty_value,
                                    typename E::sweep>(report.slot(), args...);
        } else if constexpr (multi_valued<E>) {
            // a class that only reports its misuse (gradient.hpp), or a
            // request whose class failed to form (Clang then sees no member)
            if constexpr (requires { E::evaluate(args...); }) return E::evaluate(args...);
            else return 0.0;
        } else {
            const auto& env = environment_of(args...);
            using Env = std::remove_cvref_t<decltype(env)>;
            using sweep = evaluator_for<Env, E>;
            if (std::is_constant_evaluated()) {
                if constexpr (std::floating_point<typename Env::scalar>) {
                    failed_call<typename Env::scalar> failed{};
                    const typename sweep::values v = sweep::forward(env, &failed);
                    failed.raise();
                    return sweep::root(v);
                } else {
                    return sweep::root(sweep::forward(env));
                }
            }
            return sweep::value(env);
        }
    }
    template <class... Args>
        requires(!eval_call<E, Args...>::ok)
    CHAINRULE_DETAIL_MISUSE_CONSTEXPR typename eval_call<E, Args...>::report operator()(const Args&...) const {
        return {};
    }
};

}  // namespace detail

/// The point with the values of the bindings: point(at<X>(1.0), at<Y>(2.0)).
template <class... Bs>
constexpr point_t<Bs...> point(const Bs&... bindings) {
    static_assert(detail::all_of({detail::is_binding<Bs>...}),
                  "chainrule::point(at<V>(value)...): every argument must be a binding such as at<X>(1.0)");
    if constexpr (detail::all_of({detail::is_binding<Bs>...})) {
        static_assert(detail::diagnose_repeated<detail::binding_names<Bs...>>(),
                      "chainrule::point(at<V>(value)...): a variable is bound twice");
    }
    return {{bindings...}};
}

/// The value of E at a point.
///
///   eval<E>(x)                          E has at most one variable
///   eval<E>(at<X>(1.0), at<Y>(2.0))     each variable bound by name, any order
///   eval<E>(point(at<X>(1.0), ...))     a point, which may bind more
///
/// x is a float, double, long double, or a user Scalar. Usable in constant
/// expressions: static_assert(eval<D<Sigmoid<X>>>(0.0) == 0.25);
/// At run time the functions follow <cmath> (log(-1) is NaN, 1/0 is inf);
/// during constant evaluation a domain error such as the log of a negative
/// number is a compile error naming the function.
///
/// eval<E> is a function object (detail::eval_fn), so that a misused call
/// is reported in a few lines that name the misuse, never E: see eval_fn.
/// E may be const (decltype of a constexpr auto).
template <class E>
inline constexpr detail::eval_fn<std::remove_cv_t<E>> eval{};

}  // namespace chainrule
// ---- end chainrule/eval.hpp
// ---- back in chainrule.hpp

// ---- begin chainrule/functions.hpp

// Every built-in function, one line each. A function lives in its own header,
// functions/<name>.hpp, which holds its alias (Sin<A>), its tag (sin_fn: name,
// derivative rule, evaluation), its constant folding and its value-level
// spelling (sin(x)); adding a built-in is that file and one line here
// (docs/guide.md, section 8).


// ---- begin chainrule/functions/abs.hpp


// ---- begin chainrule/functions/sign.hpp


// ---- begin chainrule/functions/kinks.hpp


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
// ---- end chainrule/functions/kinks.hpp
// ---- back in chainrule/functions/sign.hpp


namespace chainrule {

struct sign_fn;

/// The sign of A: -1, 0 or 1 (NaN stays NaN). It is the derivative of Abs; at 0 it takes the kink
/// policy's value (kinks.hpp): 0 by default, as PyTorch's derivative of abs.
template <Expression A>
using Sign = detail::apply_t<sign_fn, A>;

/// The function sign: its derivative is 0 wherever it exists (everywhere but 0, where it jumps); we use
/// 0 there too.
struct sign_fn {
    static constexpr const char* name = "sign";
    static constexpr const char* latex = "\\operatorname{sgn}";

    template <class U>
    using derivative = Int<0>;

    template <class T>
    static constexpr T eval(T u) {
        if (u > T(0)) return T(1);
        if (u < T(0)) return T(-1);
        if (u == T(0)) return T(kink_policy::sign_at_zero.num) / T(kink_policy::sign_at_zero.den);
        return u;  // NaN
    }
};

namespace detail {
template <Constant C>
struct apply<sign_fn, C> {
    using type =
        if_t<(C::numerator > 0), Int<1>, if_t<(C::numerator < 0), Int<-1>, constant_t<kink_policy::sign_at_zero>>>;
};
}  // namespace detail

/// The sign of a, as Sign<A>.
template <Expression A>
constexpr Sign<A> sign(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/sign.hpp
// ---- back in chainrule/functions/abs.hpp


namespace chainrule {

struct abs_fn;

/// The absolute value of A.
template <Expression A>
using Abs = detail::apply_t<abs_fn, A>;

/// The function abs: d/dx |u| = sign(u) u'. At u = 0, where |u| has no derivative, the rule gives
/// sign(0): 0 by default, as PyTorch does (kinks.hpp).
struct abs_fn {
    static constexpr const char* name = "abs";
    static constexpr const char* latex = "\\left|#\\right|";
    static constexpr const char* mathml = "<mrow><mo>|</mo>#<mo>|</mo></mrow>";
    static constexpr const char* cpp = "std::abs";

    template <class U>
    using derivative = Sign<U>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::abs(u);
        } else {
            using std::abs;  // a user scalar's abs is found by argument-dependent lookup
            return abs(u);
        }
    }
};

namespace detail {
template <Constant C>
struct apply<abs_fn, C> {
    using type = constant_t<rational{C::numerator < 0 ? -C::numerator : C::numerator, C::denominator}>;
};
}  // namespace detail

/// |a|, as Abs<A>.
template <Expression A>
constexpr Abs<A> abs(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/abs.hpp
// ---- back in chainrule/functions.hpp

// ---- begin chainrule/functions/acos.hpp


// ---- begin chainrule/functions/pi.hpp


#include <numbers>

// pi, an exact symbolic constant: a function of no arguments. Its derivative
// is 0, it is never rounded while expressions are built (Sin<Pi> is Int<0>,
// Cos<Pi> is Int<-1>, Asin<Int<1>> is Mul<Rational<1, 2>, Pi>), and it is
// rounded once, correctly, when an expression is evaluated.
namespace chainrule {

/// The tag of pi: a named constant, a function of no arguments.
struct pi_fn {
    static constexpr const char* name = "pi";
    static constexpr const char* latex = "\\pi";

    /// pi correctly rounded to T (std::numbers::pi_v) for the floating-point
    /// types; for a user scalar, acos(-1) found by argument-dependent lookup.
    template <class T>
    static constexpr T eval() {
        if constexpr (std::floating_point<T>) {
            return std::numbers::pi_v<T>;
        } else {
            using std::acos;
            return acos(T(-1));
        }
    }
};

/// The number pi, exactly: Mul<Pi, X> is pi x, Sin<Pi> is Int<0>.
using Pi = detail::apply_t<pi_fn>;

/// pi as a value, for the value-level syntax: sin(pi * x).
inline constexpr Pi pi{};

namespace detail {
// The rational r of an expression r pi (Pi itself, or a product of an exact
// constant and Pi), for folding sin, cos and tan at multiples of pi.
template <class A>
struct pi_multiple {
    static constexpr bool value = false;
};
template <>
struct pi_multiple<Pi> {
    static constexpr bool value = true;
    static constexpr rational r{1, 1};
};
template <class C>
    requires Constant<C>
struct pi_multiple<Product<C, Pi>> {
    static constexpr bool value = true;
    static constexpr rational r = value_of<C>;
};

// An exact value, when there is one.
struct exact_value {
    bool exact = false;
    rational value{0, 1};
};

// r mod m for rational r and integer m > 0, in [0, m).
constexpr rational rational_mod(rational r, long long m) {
    const long long period = r.den * m;  // r = num/den, reduced modulo m = period/den
    long long n = r.num % period;
    if (n < 0) n += period;
    return make_rational(n, r.den);
}

// sin(r pi) where it is rational: 0, +-1/2, +-1.
constexpr exact_value sin_of_pi_multiple(rational r) {
    const rational m = rational_mod(r, 2);  // in [0, 2)
    const long long n = m.num, d = m.den;
    if (n == 0 || (n == 1 && d == 1)) return {true, {0, 1}};
    if (d == 2) return {true, {n == 1 ? 1 : -1, 1}};
    if (d == 6) {
        if (n == 1 || n == 5) return {true, {1, 2}};
        if (n == 7 || n == 11) return {true, {-1, 2}};
    }
    return {};
}
// tan(r pi) where it is rational: 0, +-1 (tan(pi/2) is a pole: not folded).
constexpr exact_value tan_of_pi_multiple(rational r) {
    const rational m = rational_mod(r, 1);  // in [0, 1)
    if (m.num == 0) return {true, {0, 1}};
    if (m.den == 4) return {true, {m.num == 1 ? 1 : -1, 1}};
    return {};
}
}  // namespace detail

}  // namespace chainrule
// ---- end chainrule/functions/pi.hpp
// ---- back in chainrule/functions/acos.hpp


namespace chainrule {

struct acos_fn;

/// The arc cosine of A, in [0, pi].
template <Expression A>
using Acos = detail::apply_t<acos_fn, A>;

/// The function acos: d/dx acos(u) = -u' / sqrt(1 - u^2), written with ((1 - u)(1 + u))^(-1/2) as
/// asin's. Outside [-1, 1] the value is NaN at run time and a compile error during constant evaluation.
struct acos_fn {
    static constexpr const char* name = "acos";
    static constexpr const char* latex = "\\arccos";

    template <class U>
    using derivative = Neg<Pow<Mul<Sub<Int<1>, U>, Add<Int<1>, U>>, Rational<-1, 2>>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::acos(u);
        } else {
            using std::acos;  // a user scalar's acos is found by argument-dependent lookup
            return acos(u);
        }
    }
};

namespace detail {
template <>
struct apply<acos_fn, Int<1>> {
    using type = Int<0>;
};
template <>
struct apply<acos_fn, Int<0>> {
    using type = multiply_t<Ratio<1, 2>, Pi>;
};
template <>
struct apply<acos_fn, Int<-1>> {
    using type = Pi;
};
template <>
struct apply<acos_fn, Ratio<1, 2>> {
    using type = multiply_t<Ratio<1, 3>, Pi>;
};
template <>
struct apply<acos_fn, Ratio<-1, 2>> {
    using type = multiply_t<Ratio<2, 3>, Pi>;
};
// A domain error known when the type is formed is reported then, naming the
// function (as during constant evaluation, where it would be one anyway).
template <Constant C>
    requires(C::numerator > C::denominator || C::numerator < -C::denominator)
struct apply<acos_fn, C> {
    static_assert(!(C::numerator > C::denominator || C::numerator < -C::denominator),
                  "chainrule::Acos<A>: A is a constant outside [-1, 1], where acos is undefined");
    using type = Call<acos_fn, C>;
};
}  // namespace detail

/// acos a, as Acos<A>.
template <Expression A>
constexpr Acos<A> acos(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/acos.hpp
// ---- back in chainrule/functions.hpp

// ---- begin chainrule/functions/acosh.hpp



namespace chainrule {

struct acosh_fn;

/// The inverse hyperbolic cosine of A (A >= 1), in [0, inf).
template <Expression A>
using Acosh = detail::apply_t<acosh_fn, A>;

/// The function acosh: d/dx acosh(u) = u' / sqrt(u^2 - 1), written ((u - 1)(u + 1))^(-1/2), which keeps
/// its digits near u = 1. Below 1 the value is NaN at run time and a compile error during constant
/// evaluation.
struct acosh_fn {
    static constexpr const char* name = "acosh";
    static constexpr const char* latex = "\\operatorname{arcosh}";

    template <class U>
    using derivative = Pow<Mul<Add<U, Int<-1>>, Add<U, Int<1>>>, Rational<-1, 2>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::acosh(u);
        } else {
            using std::acosh;  // a user scalar's acosh is found by argument-dependent lookup
            return acosh(u);
        }
    }
};

namespace detail {
template <>
struct apply<acosh_fn, Int<1>> {
    using type = Int<0>;
};
// A domain error known when the type is formed is reported then, naming the
// function (as during constant evaluation, where it would be one anyway).
template <Constant C>
    requires(C::numerator < C::denominator)
struct apply<acosh_fn, C> {
    static_assert(!(C::numerator < C::denominator),
                  "chainrule::Acosh<A>: A is a constant below 1, where acosh is undefined");
    using type = Call<acosh_fn, C>;
};
}  // namespace detail

/// acosh a, as Acosh<A>.
template <Expression A>
constexpr Acosh<A> acosh(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/acosh.hpp
// ---- back in chainrule/functions.hpp

// ---- begin chainrule/functions/asin.hpp



namespace chainrule {

struct asin_fn;

/// The arc sine of A, in [-pi/2, pi/2].
template <Expression A>
using Asin = detail::apply_t<asin_fn, A>;

/// The function asin: d/dx asin(u) = u' / sqrt(1 - u^2), written ((1 - u)(1 + u))^(-1/2), which keeps
/// its digits near u = +-1 where 1 - u^2 would cancel. Outside [-1, 1] the value is NaN at run time and
/// a compile error during constant evaluation.
struct asin_fn {
    static constexpr const char* name = "asin";
    static constexpr const char* latex = "\\arcsin";

    template <class U>
    using derivative = Pow<Mul<Sub<Int<1>, U>, Add<Int<1>, U>>, Rational<-1, 2>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::asin(u);
        } else {
            using std::asin;  // a user scalar's asin is found by argument-dependent lookup
            return asin(u);
        }
    }
};

namespace detail {
template <>
struct apply<asin_fn, Int<0>> {
    using type = Int<0>;
};
template <>
struct apply<asin_fn, Int<1>> {
    using type = multiply_t<Ratio<1, 2>, Pi>;
};
template <>
struct apply<asin_fn, Int<-1>> {
    using type = multiply_t<Ratio<-1, 2>, Pi>;
};
template <>
struct apply<asin_fn, Ratio<1, 2>> {
    using type = multiply_t<Ratio<1, 6>, Pi>;
};
template <>
struct apply<asin_fn, Ratio<-1, 2>> {
    using type = multiply_t<Ratio<-1, 6>, Pi>;
};
// A domain error known when the type is formed is reported then, naming the
// function (as during constant evaluation, where it would be one anyway).
template <Constant C>
    requires(C::numerator > C::denominator || C::numerator < -C::denominator)
struct apply<asin_fn, C> {
    static_assert(!(C::numerator > C::denominator || C::numerator < -C::denominator),
                  "chainrule::Asin<A>: A is a constant outside [-1, 1], where asin is undefined");
    using type = Call<asin_fn, C>;
};
}  // namespace detail

/// asin a, as Asin<A>.
template <Expression A>
constexpr Asin<A> asin(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/asin.hpp
// ---- back in chainrule/functions.hpp

// ---- begin chainrule/functions/asinh.hpp



namespace chainrule {

struct asinh_fn;

/// The inverse hyperbolic sine of A.
template <Expression A>
using Asinh = detail::apply_t<asinh_fn, A>;

/// The function asinh: d/dx asinh(u) = u' / sqrt(u^2 + 1).
struct asinh_fn {
    static constexpr const char* name = "asinh";
    static constexpr const char* latex = "\\operatorname{arsinh}";

    template <class U>
    using derivative = Pow<Add<Pow<U, Int<2>>, Int<1>>, Rational<-1, 2>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::asinh(u);
        } else {
            using std::asinh;  // a user scalar's asinh is found by argument-dependent lookup
            return asinh(u);
        }
    }
};

namespace detail {
template <>
struct apply<asinh_fn, Int<0>> {
    using type = Int<0>;
};
}  // namespace detail

/// asinh a, as Asinh<A>.
template <Expression A>
constexpr Asinh<A> asinh(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/asinh.hpp
// ---- back in chainrule/functions.hpp

// ---- begin chainrule/functions/atan.hpp



namespace chainrule {

struct atan_fn;

/// The arc tangent of A, in (-pi/2, pi/2).
template <Expression A>
using Atan = detail::apply_t<atan_fn, A>;

/// The function atan: d/dx atan(u) = u' / (1 + u^2).
struct atan_fn {
    static constexpr const char* name = "atan";
    static constexpr const char* latex = "\\arctan";

    template <class U>
    using derivative = Pow<Add<Int<1>, Pow<U, Int<2>>>, Int<-1>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::atan(u);
        } else {
            using std::atan;  // a user scalar's atan is found by argument-dependent lookup
            return atan(u);
        }
    }
};

namespace detail {
template <>
struct apply<atan_fn, Int<0>> {
    using type = Int<0>;
};
template <>
struct apply<atan_fn, Int<1>> {
    using type = multiply_t<Ratio<1, 4>, Pi>;
};
template <>
struct apply<atan_fn, Int<-1>> {
    using type = multiply_t<Ratio<-1, 4>, Pi>;
};
}  // namespace detail

/// atan a, as Atan<A>.
template <Expression A>
constexpr Atan<A> atan(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/atan.hpp
// ---- back in chainrule/functions.hpp

// ---- begin chainrule/functions/atan2.hpp


// ---- begin chainrule/functions/hypot.hpp


// ---- begin chainrule/functions/max.hpp


// ---- begin chainrule/functions/heaviside.hpp


// ---- begin chainrule/functions/leaky_relu.hpp


// ---- begin chainrule/functions/step.hpp



namespace chainrule {

struct step_fn;

/// The Heaviside step of A: 1 where A > 0, 0 where A < 0 (NaN stays NaN). It is the derivative of Relu;
/// at 0 it takes the kink policy's value (kinks.hpp): 0 by default, as PyTorch's derivative of relu.
template <Expression A>
using Step = detail::apply_t<step_fn, A>;

/// The function step: its derivative is 0 wherever it exists (everywhere but 0, where it has a jump);
/// like PyTorch we use 0 there too.
struct step_fn {
    static constexpr const char* name = "step";

    template <class U>
    using derivative = Int<0>;

    template <class T>
    static constexpr T eval(T u) {
        if (u > T(0)) return T(1);
        if (u < T(0)) return T(0);
        if (u == T(0)) return T(kink_policy::step_at_zero.num) / T(kink_policy::step_at_zero.den);
        return u;  // NaN
    }
};

namespace detail {
template <Constant C>
struct apply<step_fn, C> {
    using type =
        if_t<(C::numerator > 0), Int<1>, if_t<(C::numerator < 0), Int<0>, constant_t<kink_policy::step_at_zero>>>;
};
}  // namespace detail

/// The Heaviside step of a, as Step<A>.
template <Expression A>
constexpr Step<A> step(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/step.hpp
// ---- back in chainrule/functions/leaky_relu.hpp


namespace chainrule {

namespace detail {
// "P/Q" spelled from the digits of P and Q: the key that orders functions of
// one name told apart by an exact constant (leaky relus of different slopes).
template <long long P, long long Q>
struct rational_key {
    static constexpr std::size_t digits(long long n) {
        std::size_t d = 1;
        for (unsigned long long m = magnitude_of(n); m >= 10; m /= 10) ++d;
        return d + (n < 0 ? 1 : 0);
    }
    static constexpr std::size_t size = digits(P) + 1 + digits(Q);
    struct chars {
        char c[size + 1]{};
    };
    static constexpr chars make() {
        chars out{};
        std::size_t i = 0;
        auto put = [&](long long n) {
            if (n < 0) out.c[i++] = '-';
            i += write_decimal(magnitude_of(n), out.c + i);
        };
        put(P);
        out.c[i++] = '/';
        put(Q);
        return out;
    }
    static constexpr chars value = make();
};
}  // namespace detail

template <Constant Slope>
struct leaky_relu_fn;

/// The leaky rectified linear unit of A: A for A > 0, Slope A otherwise; Slope
/// is an exact constant, 1/100 by default as in PyTorch.
template <Expression A, Constant Slope = Rational<1, 100>>
using LeakyRelu = detail::apply_t<leaky_relu_fn<Slope>, A>;

/// The function leaky_relu: d/dx leaky_relu(u) = (slope + (1 - slope) step(u)) u'. At u = 0 the rule
/// gives slope + (1 - slope) step(0): the slope by default, as PyTorch does (kinks.hpp).
template <Constant Slope>
struct leaky_relu_fn {
    static constexpr const char* name = "leaky_relu";
    /// Leaky relus of different slopes are different functions with one name.
    static constexpr const char* key = detail::rational_key<Slope::numerator, Slope::denominator>::value.c;
    using slope = Slope;

    template <class U>
    using derivative = Add<Slope, Mul<Sub<Int<1>, Slope>, Step<U>>>;

    template <class T>
    static constexpr T eval(T u) {
        // NaN fails the test and comes back times the slope, still NaN.
        if (u > T(0)) return u;
        if constexpr (std::floating_point<T>) {
            if (math::isnan(u)) return u;  // (NaN * slope is refused in constant evaluation)
        }
        if constexpr (Slope::denominator == 1) return T(u * T(Slope::numerator));
        else return T(u * T(T(Slope::numerator) / T(Slope::denominator)));
    }
};

namespace detail {
template <Constant C, Constant Slope>
struct apply<leaky_relu_fn<Slope>, C> {
    using type = if_t<(C::numerator > 0), C, multiply_t<Slope, C>>;
};
}  // namespace detail

/// leaky_relu(a) with the slope 1/100, as LeakyRelu<A>.
template <Expression A>
constexpr LeakyRelu<A> leaky_relu(A) {
    return {};
}
/// leaky_relu(a) with the slope Slope, as LeakyRelu<A, Slope>: leaky_relu<Rational<1, 5>>(x).
template <Constant Slope, Expression A>
constexpr LeakyRelu<A, Slope> leaky_relu(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/leaky_relu.hpp
// ---- back in chainrule/functions/heaviside.hpp

namespace chainrule {

template <Constant AtZero>
struct heaviside_fn;

/// The Heaviside step of A with the value AtZero at 0: 1 where A > 0, 0 where
/// A < 0 (NaN stays NaN). The partial derivatives of Max and Min are
/// Heaviside steps of the difference of their arguments, AtZero being the
/// kink policy's share of a tie (kinks.hpp). Step<A> is the derivative of
/// relu, with the policy's step(0).
template <Expression A, Constant AtZero>
using Heaviside = detail::apply_t<heaviside_fn<AtZero>, A>;

/// The function heaviside: its derivative is 0 wherever it exists.
template <Constant AtZero>
struct heaviside_fn {
    static constexpr const char* name = "heaviside";
    static constexpr const char* text = "H";
    static constexpr const char* latex = "H";
    /// Heaviside steps of different values at 0 are different functions.
    static constexpr const char* key = detail::rational_key<AtZero::numerator, AtZero::denominator>::value.c;

    template <class U>
    using derivative = Int<0>;

    template <class T>
    static constexpr T eval(T u) {
        if (u > T(0)) return T(1);
        if (u < T(0)) return T(0);
        if (u == T(0)) return T(AtZero::numerator) / T(AtZero::denominator);
        return u;  // NaN
    }
};

namespace detail {
template <Constant C, Constant AtZero>
struct apply<heaviside_fn<AtZero>, C> {
    using type = if_t<(C::numerator > 0), Int<1>, if_t<(C::numerator < 0), Int<0>, AtZero>>;
};
}  // namespace detail

/// heaviside(a) with the value AtZero at 0, as Heaviside<A, AtZero>.
template <Constant AtZero, Expression A>
constexpr Heaviside<A, AtZero> heaviside(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/heaviside.hpp
// ---- back in chainrule/functions/max.hpp

namespace chainrule {

struct max_fn;

namespace detail {
// A symmetric function of two arguments (max, min, hypot) has them sorted, so
// that Max<X, Y> and Max<Y, X> are one type.
template <class Fn, class A, class B>
using sorted_call = if_t<(compare_v<A, B> <= 0), Call<Fn, A, B>, Call<Fn, B, A>>;
}  // namespace detail

/// The larger of A and B (NaN if either is NaN, as torch.maximum). Max<A, B>
/// is Max<B, A>, and Max<A, A> is A.
template <Expression A, Expression B>
using Max = detail::apply_t<max_fn, A, B>;

/// The function max: d max(u, w) = H(u - w) du + H(w - u) dw, H the Heaviside
/// step. On a tie (u = w) each partial is the kink policy's share: 1/2 by
/// default, as torch.maximum splits the gradient evenly (kinks.hpp).
struct max_fn {
    static constexpr const char* name = "max";
    static constexpr const char* latex = "\\max";

    template <class U, class W>
    using derivative = Partials<Heaviside<Sub<U, W>, detail::constant_t<kink_policy::max_tie_first>>,
                                Heaviside<Sub<W, U>, detail::constant_t<kink_policy::max_tie_second>>>;

    template <class T>
    static constexpr T eval(T u, T w) {
        if (!(u == u)) return u;
        if (!(w == w)) return w;
        return u < w ? w : u;
    }
};

namespace detail {
template <class A, class B>
struct apply<max_fn, A, B> {
    using type = sorted_call<max_fn, A, B>;
};
template <class A>
struct apply<max_fn, A, A> {
    using type = A;
};
template <Constant A, Constant B>
struct apply<max_fn, A, B> {
    using type = if_t<(rational_compare(value_of<A>, value_of<B>) < 0), B, A>;
};
template <Constant A>
struct apply<max_fn, A, A> {
    using type = A;
};
}  // namespace detail

/// max(a, b), as Max<A, B>.
template <Expression A, Expression B>
constexpr Max<A, B> max(A, B) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/max.hpp
// ---- back in chainrule/functions/hypot.hpp


namespace chainrule {

struct hypot_fn;

/// sqrt(A^2 + B^2), computed without undue overflow or underflow. Hypot<A, B>
/// is Hypot<B, A>.
template <Expression A, Expression B>
using Hypot = detail::apply_t<hypot_fn, A, B>;

/// The function hypot: d hypot(u, w) = (u du + w dw) / hypot(u, w). At (0, 0),
/// where it has no derivative, the partials are 0/0 = NaN, as PyTorch's.
struct hypot_fn {
    static constexpr const char* name = "hypot";

    template <class U, class W>
    using derivative = Partials<Div<U, Hypot<U, W>>, Div<W, Hypot<U, W>>>;

    template <class T>
    static constexpr T eval(T u, T w) {
        if constexpr (std::floating_point<T>) {
            return math::hypot(u, w);
        } else {
            using std::sqrt;
            return sqrt(u * u + w * w);
        }
    }
};

namespace detail {
// The integer square root of n >= 0, or -1 when n is not a square.
constexpr long long exact_square_root(long long n) {
    if (n < 0) return -1;
    long long lo = 0, hi = 3037000499LL;  // floor(sqrt(2^63 - 1))
    while (lo < hi) {
        const long long mid = lo + (hi - lo + 1) / 2;
        if (mid <= n / mid) lo = mid;
        else hi = mid - 1;
    }
    return lo * lo == n ? lo : -1;
}
// hypot of exact constants where the result is exact: hypot(3, 4) = 5 (for
// numerators and denominators below 2^15, so that a^2 d^2 + c^2 b^2 cannot
// overflow).
template <class C>
inline constexpr bool small_constant = (C::numerator > -32768) && (C::numerator < 32768) && (C::denominator < 32768);
template <class C>
concept small_constant_c = Constant<C> && small_constant<C>;
template <class A, class B>
struct hypot_of_constants {
    using type = sorted_call<hypot_fn, A, B>;
};
template <small_constant_c A, small_constant_c B>
struct hypot_of_constants<A, B> {
    static constexpr rational square =
        rational_add(rational_mul(value_of<A>, value_of<A>), rational_mul(value_of<B>, value_of<B>));
    static constexpr long long num = exact_square_root(square.num), den = exact_square_root(square.den);
    using type = if_t<(num >= 0 && den > 0), constant_t<make_rational(num < 0 ? 0 : num, den <= 0 ? 1 : den)>,
                      sorted_call<hypot_fn, A, B>>;
};
template <class A, class B>
struct apply<hypot_fn, A, B> {
    using type = sorted_call<hypot_fn, A, B>;
};
template <Constant A, Constant B>
struct apply<hypot_fn, A, B> : hypot_of_constants<A, B> {};
}  // namespace detail

/// hypot(a, b), as Hypot<A, B>.
template <Expression A, Expression B>
constexpr Hypot<A, B> hypot(A, B) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/hypot.hpp
// ---- back in chainrule/functions/atan2.hpp


namespace chainrule {

struct atan2_fn;

/// The angle of the point (X, Y) from the positive x axis, in [-pi, pi]:
/// atan2(y, x), the arc tangent of Y/X in the right quadrant.
template <Expression Y, Expression X>
using Atan2 = detail::apply_t<atan2_fn, Y, X>;

/// The function atan2: d atan2(y, x) = (x dy - y dx) / (x^2 + y^2), written
/// with hypot(y, x)^2, which keeps the partials finite where x^2 + y^2 would
/// overflow. At (0, 0), where it has no derivative, they are 0/0 = NaN.
struct atan2_fn {
    static constexpr const char* name = "atan2";

    template <class Y, class X>
    using derivative = Partials<Mul<X, Pow<Hypot<Y, X>, Int<-2>>>, Neg<Mul<Y, Pow<Hypot<Y, X>, Int<-2>>>>>;

    template <class T>
    static constexpr T eval(T y, T x) {
        if constexpr (std::floating_point<T>) {
            return math::atan2(y, x);
        } else {
            using std::atan2;
            return atan2(y, x);
        }
    }
};

namespace detail {
// atan2 of exact constants on the axes and the diagonals: multiples of pi/4.
template <Constant Y, Constant X>
constexpr exact_value atan2_of_constants() {
    constexpr int sy = (Y::numerator > 0) - (Y::numerator < 0), sx = (X::numerator > 0) - (X::numerator < 0);
    if (sy == 0 && sx > 0) return {true, {0, 1}};
    if (sy == 0 && sx < 0) return {true, {1, 1}};
    if (sx == 0 && sy != 0) return {true, {sy, 2}};
    if (sx != 0 && sy != 0 && rational_compare(value_of<Y>, value_of<X>) * sy * sx == 0)
        return {true, {sy * (sx > 0 ? 1 : 3), 4}};  // |y| = |x|
    if (sx != 0 && sy != 0 && Y::numerator == -X::numerator && Y::denominator == X::denominator)
        return {true, {sy * (sx > 0 ? 1 : 3), 4}};
    return {};
}
template <Constant Y, Constant X>
    requires(atan2_of_constants<Y, X>().exact)
struct apply<atan2_fn, Y, X> {
    using type = multiply_t<constant_t<atan2_of_constants<Y, X>().value>, Pi>;
};
}  // namespace detail

/// atan2(y, x), as Atan2<Y, X>.
template <Expression Y, Expression X>
constexpr Atan2<Y, X> atan2(Y, X) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/atan2.hpp
// ---- back in chainrule/functions.hpp

// ---- begin chainrule/functions/atanh.hpp



namespace chainrule {

struct atanh_fn;

/// The inverse hyperbolic tangent of A (-1 < A < 1).
template <Expression A>
using Atanh = detail::apply_t<atanh_fn, A>;

namespace error {
/// Reached when atanh(1) or atanh(-1), a pole, is evaluated during constant
/// evaluation: not constexpr, so the compiler reports its name there.
inline void atanh_of_plus_or_minus_one_is_infinite() noexcept {}
}  // namespace error

/// The function atanh: d/dx atanh(u) = u' / (1 - u^2), written 1 / ((1 - u)(1 + u)). Outside [-1, 1]
/// the value is NaN at run time; at +-1 it is +-inf (a pole). During constant evaluation both are
/// compile errors.
struct atanh_fn {
    static constexpr const char* name = "atanh";
    static constexpr const char* latex = "\\operatorname{artanh}";

    template <class U>
    using derivative = Pow<Mul<Sub<Int<1>, U>, Add<Int<1>, U>>, Int<-1>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            if (std::is_constant_evaluated() && (u == T(1) || u == T(-1)))
                error::atanh_of_plus_or_minus_one_is_infinite();
            return math::atanh(u);
        } else {
            using std::atanh;
            return atanh(u);
        }
    }
};

namespace detail {
template <>
struct apply<atanh_fn, Int<0>> {
    using type = Int<0>;
};
// A domain error known when the type is formed is reported then, naming the
// function (as during constant evaluation, where it would be one anyway).
template <Constant C>
    requires(C::numerator > C::denominator || C::numerator < -C::denominator)
struct apply<atanh_fn, C> {
    static_assert(!(C::numerator > C::denominator || C::numerator < -C::denominator),
                  "chainrule::Atanh<A>: A is a constant outside [-1, 1], where atanh is undefined");
    using type = Call<atanh_fn, C>;
};
template <Constant C>
    requires(C::numerator == C::denominator || C::numerator == -C::denominator)
struct apply<atanh_fn, C> {
    static_assert(!(C::numerator == C::denominator || C::numerator == -C::denominator),
                  "chainrule::Atanh<A>: A is the constant 1 or -1, where atanh is infinite");
    using type = Call<atanh_fn, C>;
};
}  // namespace detail

/// atanh a, as Atanh<A>.
template <Expression A>
constexpr Atanh<A> atanh(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/atanh.hpp
// ---- back in chainrule/functions.hpp

// ---- begin chainrule/functions/cbrt.hpp



namespace chainrule {

struct cbrt_fn;

/// The cube root of A (real, for every A).
template <Expression A>
using Cbrt = detail::apply_t<cbrt_fn, A>;

/// The function cbrt: d/dx cbrt(u) = u' / (3 cbrt(u)^2); +inf at 0.
struct cbrt_fn {
    static constexpr const char* name = "cbrt";

    template <class U>
    using derivative = Mul<Rational<1, 3>, Pow<Cbrt<U>, Int<-2>>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::cbrt(u);
        } else {
            using std::cbrt;  // a user scalar's cbrt is found by argument-dependent lookup
            return cbrt(u);
        }
    }
};

namespace detail {
// The exact cube root of a constant whose numerator and denominator are cubes.
constexpr long long exact_cube_root(long long n) {
    const bool negative = n < 0;
    const long long m = negative ? -n : n;
    long long r = 0;
    while ((r + 1) <= 2097151 && (r + 1) * (r + 1) * (r + 1) <= m) ++r;
    if (r * r * r != m) return -1;
    return negative ? -r : r;
}
constexpr bool is_cube(long long n) { return n == 0 || exact_cube_root(n) != -1 || n == -1; }
template <Constant C>
    requires(C::numerator >= -1000000 && C::numerator <= 1000000 && C::denominator <= 1000000 &&
             is_cube(C::numerator) && is_cube(C::denominator))
struct apply<cbrt_fn, C> {
    using type = constant_t<make_rational(exact_cube_root(C::numerator), exact_cube_root(C::denominator))>;
};
}  // namespace detail

/// cbrt a, as Cbrt<A>.
template <Expression A>
constexpr Cbrt<A> cbrt(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/cbrt.hpp
// ---- back in chainrule/functions.hpp

// ---- begin chainrule/functions/cos.hpp



namespace chainrule {

struct cos_fn;

/// The cosine of A (radians).
template <Expression A>
using Cos = detail::apply_t<cos_fn, A>;

}  // namespace chainrule

// The headers of the functions the rule names; they may name this one, which
// is declared above, before they are read.

// ---- begin chainrule/functions/sin.hpp



namespace chainrule {

struct sin_fn;

/// The sine of A (radians).
template <Expression A>
using Sin = detail::apply_t<sin_fn, A>;

}  // namespace chainrule

// The headers of the functions the rule names; they may name this one, which
// is declared above, before they are read.

namespace chainrule {

/// The function sin: d/dx sin(u) = cos(u) u'.
struct sin_fn {
    static constexpr const char* name = "sin";
    static constexpr const char* latex = "\\sin";
    static constexpr const char* cpp = "std::sin";

    template <class U>
    using derivative = Cos<U>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::sin(u);
        } else {
            using std::sin;  // a user scalar's sin is found by argument-dependent lookup
            return sin(u);
        }
    }
};

namespace detail {
template <>
struct apply<sin_fn, Int<0>> {
    using type = Int<0>;
};
// sin(r pi) where it is rational: Sin<Pi> is Int<0>, Sin<Mul<Rational<1, 6>, Pi>> is Rational<1, 2>.
template <class A>
    requires(pi_multiple<A>::value&& sin_of_pi_multiple(pi_multiple<A>::r).exact)
struct apply<sin_fn, A> {
    using type = constant_t<sin_of_pi_multiple(pi_multiple<A>::r).value>;
};
}  // namespace detail

/// sin a, as Sin<A>.
template <Expression A>
constexpr Sin<A> sin(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/sin.hpp
// ---- back in chainrule/functions/cos.hpp

namespace chainrule {

/// The function cos: d/dx cos(u) = -sin(u) u'.
struct cos_fn {
    static constexpr const char* name = "cos";
    static constexpr const char* latex = "\\cos";
    static constexpr const char* cpp = "std::cos";

    template <class U>
    using derivative = Neg<Sin<U>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::cos(u);
        } else {
            using std::cos;  // a user scalar's cos is found by argument-dependent lookup
            return cos(u);
        }
    }
};

namespace detail {
template <>
struct apply<cos_fn, Int<0>> {
    using type = Int<1>;
};
// cos(r pi) = sin((r + 1/2) pi) where it is rational: Cos<Pi> is Int<-1>.
template <class A>
    requires(pi_multiple<A>::value&& sin_of_pi_multiple(rational_add(pi_multiple<A>::r, rational{1, 2})).exact)
struct apply<cos_fn, A> {
    using type = constant_t<sin_of_pi_multiple(rational_add(pi_multiple<A>::r, rational{1, 2})).value>;
};
}  // namespace detail

/// cos a, as Cos<A>.
template <Expression A>
constexpr Cos<A> cos(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/cos.hpp
// ---- back in chainrule/functions.hpp

// ---- begin chainrule/functions/cosh.hpp



namespace chainrule {

struct cosh_fn;

/// The hyperbolic cosine of A.
template <Expression A>
using Cosh = detail::apply_t<cosh_fn, A>;

}  // namespace chainrule

// The headers of the functions the rule names; they may name this one, which
// is declared above, before they are read.

// ---- begin chainrule/functions/sinh.hpp



namespace chainrule {

struct sinh_fn;

/// The hyperbolic sine of A.
template <Expression A>
using Sinh = detail::apply_t<sinh_fn, A>;

}  // namespace chainrule

// The headers of the functions the rule names; they may name this one, which
// is declared above, before they are read.

namespace chainrule {

/// The function sinh: d/dx sinh(u) = cosh(u) u'.
struct sinh_fn {
    static constexpr const char* name = "sinh";
    static constexpr const char* latex = "\\sinh";

    template <class U>
    using derivative = Cosh<U>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::sinh(u);
        } else {
            using std::sinh;  // a user scalar's sinh is found by argument-dependent lookup
            return sinh(u);
        }
    }
};

namespace detail {
template <>
struct apply<sinh_fn, Int<0>> {
    using type = Int<0>;
};
}  // namespace detail

/// sinh a, as Sinh<A>.
template <Expression A>
constexpr Sinh<A> sinh(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/sinh.hpp
// ---- back in chainrule/functions/cosh.hpp

namespace chainrule {

/// The function cosh: d/dx cosh(u) = sinh(u) u'.
struct cosh_fn {
    static constexpr const char* name = "cosh";
    static constexpr const char* latex = "\\cosh";

    template <class U>
    using derivative = Sinh<U>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::cosh(u);
        } else {
            using std::cosh;  // a user scalar's cosh is found by argument-dependent lookup
            return cosh(u);
        }
    }
};

namespace detail {
template <>
struct apply<cosh_fn, Int<0>> {
    using type = Int<1>;
};
}  // namespace detail

/// cosh a, as Cosh<A>.
template <Expression A>
constexpr Cosh<A> cosh(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/cosh.hpp
// ---- back in chainrule/functions.hpp

// ---- begin chainrule/functions/elu.hpp


// ---- begin chainrule/functions/exp.hpp



namespace chainrule {

struct exp_fn;

/// e raised to A.
template <Expression A>
using Exp = detail::apply_t<exp_fn, A>;

/// The function exp: d/dx e^u = e^u u'. It is its own derivative.
struct exp_fn {
    static constexpr const char* name = "exp";
    static constexpr const char* latex = "e^{#}";
    static constexpr const char* mathml = "<msup><mi>e</mi><mrow>#</mrow></msup>";
    static constexpr const char* cpp = "std::exp";

    template <class U>
    using derivative = Exp<U>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::exp(u);
        } else {
            using std::exp;  // a user scalar's exp is found by argument-dependent lookup
            return exp(u);
        }
    }
};

namespace detail {
template <>
struct apply<exp_fn, Int<0>> {
    using type = Int<1>;
};
}  // namespace detail

/// e^a, as Exp<A>.
template <Expression A>
constexpr Exp<A> exp(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/exp.hpp
// ---- back in chainrule/functions/elu.hpp


namespace chainrule {

struct elu_fn;

/// The exponential linear unit of A with alpha = 1: A for A > 0, e^A - 1 otherwise.
template <Expression A>
using Elu = detail::apply_t<elu_fn, A>;

/// The function elu: d/dx elu(u) = e^min(u, 0) u', written e^(u (1 - step(u))) so that no branch
/// overflows (e^800 is never formed). Its derivative is continuous; its second derivative jumps at 0,
/// where it is 1 - step(0): 1 by default, the left one, as PyTorch's (kinks.hpp).
struct elu_fn {
    static constexpr const char* name = "elu";
    static constexpr const char* latex = "\\operatorname{ELU}";

    template <class U>
    using derivative = Exp<Mul<U, Sub<Int<1>, Step<U>>>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return u > T(0) ? u : math::expm1(u);
        } else {
            using std::exp;
            return u > T(0) ? u : T(exp(u) - T(1));
        }
    }
};

namespace detail {
template <Constant C>
    requires(C::numerator >= 0)
struct apply<elu_fn, C> {
    using type = C;
};
}  // namespace detail

/// elu a, as Elu<A>.
template <Expression A>
constexpr Elu<A> elu(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/elu.hpp
// ---- back in chainrule/functions.hpp

// ---- begin chainrule/functions/erf.hpp



namespace chainrule {

struct erf_fn;

/// The error function of A.
template <Expression A>
using Erf = detail::apply_t<erf_fn, A>;

/// The function erf: d/dx erf(u) = 2/sqrt(pi) e^(-u^2) u'.
struct erf_fn {
    static constexpr const char* name = "erf";

    template <class U>
    using derivative = Mul<Int<2>, Pow<Pi, Rational<-1, 2>>, Exp<Neg<Pow<U, Int<2>>>>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::erf(u);
        } else {
            using std::erf;  // a user scalar's erf is found by argument-dependent lookup
            return erf(u);
        }
    }
};

namespace detail {
template <>
struct apply<erf_fn, Int<0>> {
    using type = Int<0>;
};
}  // namespace detail

/// erf a, as Erf<A>.
template <Expression A>
constexpr Erf<A> erf(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/erf.hpp
// ---- back in chainrule/functions.hpp

// ---- begin chainrule/functions/erfc.hpp



namespace chainrule {

struct erfc_fn;

/// The complementary error function of A, 1 - erf(A), accurate where it is tiny.
template <Expression A>
using Erfc = detail::apply_t<erfc_fn, A>;

/// The function erfc: d/dx erfc(u) = -2/sqrt(pi) e^(-u^2) u'.
struct erfc_fn {
    static constexpr const char* name = "erfc";

    template <class U>
    using derivative = Mul<Int<-2>, Pow<Pi, Rational<-1, 2>>, Exp<Neg<Pow<U, Int<2>>>>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::erfc(u);
        } else {
            using std::erfc;  // a user scalar's erfc is found by argument-dependent lookup
            return erfc(u);
        }
    }
};

namespace detail {
template <>
struct apply<erfc_fn, Int<0>> {
    using type = Int<1>;
};
}  // namespace detail

/// erfc a, as Erfc<A>.
template <Expression A>
constexpr Erfc<A> erfc(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/erfc.hpp
// ---- back in chainrule/functions.hpp

// ---- begin chainrule/functions/exp2.hpp



namespace chainrule {

struct exp2_fn;

/// 2 raised to A.
template <Expression A>
using Exp2 = detail::apply_t<exp2_fn, A>;

/// The function exp2: d/dx 2^u = ln 2 2^u u'.
struct exp2_fn {
    static constexpr const char* name = "exp2";

    template <class U>
    using derivative = Mul<Log<Int<2>>, Exp2<U>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::exp2(u);
        } else {
            using std::exp2;  // a user scalar's exp2 is found by argument-dependent lookup
            return exp2(u);
        }
    }
};

namespace detail {
// 2^n for an integer n with |n| <= 62.
template <long long N>
    requires(N >= 0 && N <= 62)
struct apply<exp2_fn, Int<N>> {
    using type = Int<(1LL << N)>;
};
template <long long N>
    requires(N < 0 && N >= -62)
struct apply<exp2_fn, Int<N>> {
    using type = Ratio<1, (1LL << -N)>;
};
}  // namespace detail

/// 2^a, as Exp2<A>.
template <Expression A>
constexpr Exp2<A> exp2(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/exp2.hpp
// ---- back in chainrule/functions.hpp

// ---- begin chainrule/functions/expm1.hpp



namespace chainrule {

struct expm1_fn;

/// e^A - 1, accurate for small A.
template <Expression A>
using Expm1 = detail::apply_t<expm1_fn, A>;

/// The function expm1: d/dx (e^u - 1) = e^u u'.
struct expm1_fn {
    static constexpr const char* name = "expm1";

    template <class U>
    using derivative = Exp<U>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::expm1(u);
        } else {
            using std::expm1;  // a user scalar's expm1 is found by argument-dependent lookup
            return expm1(u);
        }
    }
};

namespace detail {
template <>
struct apply<expm1_fn, Int<0>> {
    using type = Int<0>;
};
}  // namespace detail

/// e^a - 1, as Expm1<A>.
template <Expression A>
constexpr Expm1<A> expm1(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/expm1.hpp
// ---- back in chainrule/functions.hpp

// ---- begin chainrule/functions/gelu.hpp



namespace chainrule {

struct gelu_fn;

/// The Gaussian error linear unit of A, the erf form: A Phi(A), Phi the standard normal distribution
/// function (PyTorch's gelu with approximate='none').
template <Expression A>
using Gelu = detail::apply_t<gelu_fn, A>;

/// The function gelu: d/dx u Phi(u) = (Phi(u) + u phi(u)) u', phi(u) = e^(-u^2/2) / sqrt(2 pi). Phi(u)
/// is written erfc(-u/sqrt 2) / 2, which keeps its digits in the left tail where 1 + erf(u/sqrt 2)
/// would cancel.
struct gelu_fn {
    static constexpr const char* name = "gelu";
    static constexpr const char* latex = "\\operatorname{GELU}";

    template <class U>
    using derivative =
        Add<Mul<Rational<1, 2>, Erfc<Mul<Int<-1>, U, Pow<Int<2>, Rational<-1, 2>>>>>,
            Mul<U, Pow<Int<2>, Rational<-1, 2>>, Pow<Pi, Rational<-1, 2>>, Exp<Mul<Rational<-1, 2>, Pow<U, Int<2>>>>>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            // -u / sqrt 2 in long double, so that the argument of erfc is not
            // rounded to T first (erfc magnifies that error by 2 u^2 in the tail).
            using L = long double;
            constexpr L one_over_sqrt2 = 0.70710678118654752440084436210484903928L;
            if constexpr (sizeof(T) < sizeof(L)) {
                // (ieee_mul: u * ..., but gelu(-inf) = -inf * 0 and NaN stay
                // values in constant evaluation)
                const L v = static_cast<L>(u);
                return static_cast<T>(math::detail::ieee_mul(
                    v, math::detail::ieee_mul(math::erfc(math::detail::ieee_mul(-v, one_over_sqrt2)), L(0.5))));
            } else {
                return math::detail::ieee_mul(
                    u, math::detail::ieee_mul(math::erfc(math::detail::ieee_mul(-u, one_over_sqrt2)), L(0.5)));
            }
        } else {
            using std::erfc;
            using std::sqrt;
            return u * erfc(-u / sqrt(T(2))) / T(2);
        }
    }
};

namespace detail {
template <>
struct apply<gelu_fn, Int<0>> {
    using type = Int<0>;
};
}  // namespace detail

/// a Phi(a), as Gelu<A>.
template <Expression A>
constexpr Gelu<A> gelu(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/gelu.hpp
// ---- back in chainrule/functions.hpp

// ---- begin chainrule/functions/log10.hpp



namespace chainrule {

struct log10_fn;

/// The base-10 logarithm of A.
template <Expression A>
using Log10 = detail::apply_t<log10_fn, A>;

/// The function log10: d/dx log10(u) = u' / (u ln 10). Below 0, as Log.
struct log10_fn {
    static constexpr const char* name = "log10";
    static constexpr const char* latex = "\\log_{10}";

    template <class U>
    using derivative = Pow<Mul<U, Log<Int<10>>>, Int<-1>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::log10(u);
        } else {
            using std::log10;  // a user scalar's log10 is found by argument-dependent lookup
            return log10(u);
        }
    }
};

namespace detail {
// The exact logarithm of a power of 10: log_10(10^n) = n, log_10(10^-n) = -n.
constexpr long long log10_fn_exponent(long long n) {
    long long e = 0;
    while (n % 10 == 0) {
        n /= 10;
        ++e;
    }
    return n == 1 ? e : -1;
}
template <long long N>
    requires(N > 1 && log10_fn_exponent(N) > 0)
struct apply<log10_fn, Int<N>> {
    using type = Int<log10_fn_exponent(N)>;
};
template <long long Q>
    requires(log10_fn_exponent(Q) > 0)
struct apply<log10_fn, Ratio<1, Q>> {
    using type = Int<-log10_fn_exponent(Q)>;
};
template <>
struct apply<log10_fn, Int<1>> {
    using type = Int<0>;
};
// A domain error known when the type is formed is reported then, naming the
// function (as during constant evaluation, where it would be one anyway).
template <Constant C>
    requires(C::numerator < 0)
struct apply<log10_fn, C> {
    static_assert(!(C::numerator < 0),
                  "chainrule::Log10<A>: A is a negative constant, and the logarithm of a negative number is undefined");
    using type = Call<log10_fn, C>;
};
}  // namespace detail

/// log10 a, as Log10<A>.
template <Expression A>
constexpr Log10<A> log10(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/log10.hpp
// ---- back in chainrule/functions.hpp

// ---- begin chainrule/functions/log1p.hpp



namespace chainrule {

struct log1p_fn;

/// ln(1 + A), accurate for small A.
template <Expression A>
using Log1p = detail::apply_t<log1p_fn, A>;

/// The function log1p: d/dx ln(1 + u) = u' / (1 + u). Below -1 the value is NaN at run time and a
/// compile error during constant evaluation; at -1 it is -inf.
struct log1p_fn {
    static constexpr const char* name = "log1p";

    template <class U>
    using derivative = Pow<Add<Int<1>, U>, Int<-1>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::log1p(u);
        } else {
            using std::log1p;  // a user scalar's log1p is found by argument-dependent lookup
            return log1p(u);
        }
    }
};

namespace detail {
template <>
struct apply<log1p_fn, Int<0>> {
    using type = Int<0>;
};
// A domain error known when the type is formed is reported then, naming the
// function (as during constant evaluation, where it would be one anyway).
template <Constant C>
    requires(C::numerator < -C::denominator)
struct apply<log1p_fn, C> {
    static_assert(!(C::numerator < -C::denominator),
                  "chainrule::Log1p<A>: A is a constant below -1, where log1p is undefined");
    using type = Call<log1p_fn, C>;
};
}  // namespace detail

/// ln(1 + a), as Log1p<A>.
template <Expression A>
constexpr Log1p<A> log1p(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/log1p.hpp
// ---- back in chainrule/functions.hpp

// ---- begin chainrule/functions/log2.hpp



namespace chainrule {

struct log2_fn;

/// The base-2 logarithm of A.
template <Expression A>
using Log2 = detail::apply_t<log2_fn, A>;

/// The function log2: d/dx log2(u) = u' / (u ln 2). Below 0, as Log.
struct log2_fn {
    static constexpr const char* name = "log2";
    static constexpr const char* latex = "\\log_2";

    template <class U>
    using derivative = Pow<Mul<U, Log<Int<2>>>, Int<-1>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::log2(u);
        } else {
            using std::log2;  // a user scalar's log2 is found by argument-dependent lookup
            return log2(u);
        }
    }
};

namespace detail {
// The exact logarithm of a power of 2: log_2(2^n) = n, log_2(2^-n) = -n.
constexpr long long log2_fn_exponent(long long n) {
    long long e = 0;
    while (n % 2 == 0) {
        n /= 2;
        ++e;
    }
    return n == 1 ? e : -1;
}
template <long long N>
    requires(N > 1 && log2_fn_exponent(N) > 0)
struct apply<log2_fn, Int<N>> {
    using type = Int<log2_fn_exponent(N)>;
};
template <long long Q>
    requires(log2_fn_exponent(Q) > 0)
struct apply<log2_fn, Ratio<1, Q>> {
    using type = Int<-log2_fn_exponent(Q)>;
};
template <>
struct apply<log2_fn, Int<1>> {
    using type = Int<0>;
};
// A domain error known when the type is formed is reported then, naming the
// function (as during constant evaluation, where it would be one anyway).
template <Constant C>
    requires(C::numerator < 0)
struct apply<log2_fn, C> {
    static_assert(!(C::numerator < 0),
                  "chainrule::Log2<A>: A is a negative constant, and the logarithm of a negative number is undefined");
    using type = Call<log2_fn, C>;
};
}  // namespace detail

/// log2 a, as Log2<A>.
template <Expression A>
constexpr Log2<A> log2(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/log2.hpp
// ---- back in chainrule/functions.hpp

// ---- begin chainrule/functions/min.hpp


namespace chainrule {

struct min_fn;

/// The smaller of A and B (NaN if either is NaN, as torch.minimum). Min<A, B>
/// is Min<B, A>, and Min<A, A> is A.
template <Expression A, Expression B>
using Min = detail::apply_t<min_fn, A, B>;

/// The function min: d min(u, w) = H(w - u) du + H(u - w) dw, H the Heaviside
/// step. On a tie (u = w) each partial is the kink policy's share: 1/2 by
/// default, as torch.minimum splits the gradient evenly (kinks.hpp).
struct min_fn {
    static constexpr const char* name = "min";
    static constexpr const char* latex = "\\min";

    template <class U, class W>
    using derivative = Partials<Heaviside<Sub<W, U>, detail::constant_t<kink_policy::min_tie_first>>,
                                Heaviside<Sub<U, W>, detail::constant_t<kink_policy::min_tie_second>>>;

    template <class T>
    static constexpr T eval(T u, T w) {
        if (!(u == u)) return u;
        if (!(w == w)) return w;
        return w < u ? w : u;
    }
};

namespace detail {
template <class A, class B>
struct apply<min_fn, A, B> {
    using type = sorted_call<min_fn, A, B>;
};
template <class A>
struct apply<min_fn, A, A> {
    using type = A;
};
template <Constant A, Constant B>
struct apply<min_fn, A, B> {
    using type = if_t<(rational_compare(value_of<A>, value_of<B>) > 0), B, A>;
};
template <Constant A>
struct apply<min_fn, A, A> {
    using type = A;
};
}  // namespace detail

/// min(a, b), as Min<A, B>.
template <Expression A, Expression B>
constexpr Min<A, B> min(A, B) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/min.hpp
// ---- back in chainrule/functions.hpp

// ---- begin chainrule/functions/relu.hpp


namespace chainrule {

struct relu_fn;

/// The rectified linear unit of A: max(A, 0). NaN stays NaN; relu(-0.0) is +0.
template <Expression A>
using Relu = detail::apply_t<relu_fn, A>;

/// The function relu: d/dx relu(u) = step(u) u'. At u = 0, where relu has no derivative, the rule gives
/// step(0): 0 by default, as PyTorch does (kinks.hpp).
struct relu_fn {
    static constexpr const char* name = "relu";

    template <class U>
    using derivative = Step<U>;

    template <class T>
    static constexpr T eval(T u) {
        // One test: NaN fails it and is returned as it is, -0.0 becomes +0.0.
        return u <= T(0) ? T(0) : u;
    }
};

namespace detail {
template <Constant C>
struct apply<relu_fn, C> {
    using type = if_t<(C::numerator > 0), C, Int<0>>;
};
}  // namespace detail

/// max(a, 0), as Relu<A>.
template <Expression A>
constexpr Relu<A> relu(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/relu.hpp
// ---- back in chainrule/functions.hpp

// ---- begin chainrule/functions/silu.hpp



namespace chainrule {

struct silu_fn;

/// The sigmoid linear unit (swish) of A: A sigmoid(A).
template <Expression A>
using Silu = detail::apply_t<silu_fn, A>;

/// The function silu: d/dx u s(u) = s(u) (1 + u (1 - s(u))) u', s the sigmoid; 1 - s(u) is the factor
/// of the sigmoid's own rule, so the two share it.
struct silu_fn {
    static constexpr const char* name = "silu";
    static constexpr const char* latex = "\\operatorname{SiLU}";

    template <class U>
    using derivative = Mul<Sigmoid<U>, Add<Int<1>, Mul<U, Sub<Int<1>, Sigmoid<U>>>>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) return math::detail::ieee_mul(u, sigmoid_fn::eval(u));  // NaN a value
        else return u * sigmoid_fn::eval(u);
    }
};

namespace detail {
template <>
struct apply<silu_fn, Int<0>> {
    using type = Int<0>;
};
}  // namespace detail

/// a sigmoid(a), as Silu<A>.
template <Expression A>
constexpr Silu<A> silu(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/silu.hpp
// ---- back in chainrule/functions.hpp

// ---- begin chainrule/functions/softplus.hpp



namespace chainrule {

struct softplus_fn;

/// The softplus of A: ln(1 + e^A), a smooth relu.
template <Expression A>
using Softplus = detail::apply_t<softplus_fn, A>;

/// The function softplus: d/dx ln(1 + e^u) = sigmoid(u) u'. Computed as u + ln(1 + e^-u) for u > 0 and
/// ln(1 + e^u) otherwise, so that neither tail overflows: softplus(800) is 800, and its derivative 1.
struct softplus_fn {
    static constexpr const char* name = "softplus";

    template <class U>
    using derivative = Sigmoid<U>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            if (u > T(0)) return u + math::log1p(math::exp(-u));
            return math::log1p(math::exp(u));
        } else {
            using std::exp;
            using std::log;
            return log(T(1) + exp(u));
        }
    }
};

namespace detail {
template <>
struct apply<softplus_fn, Int<0>> {
    using type = Log<Int<2>>;
};
}  // namespace detail

/// ln(1 + e^a), as Softplus<A>.
template <Expression A>
constexpr Softplus<A> softplus(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/softplus.hpp
// ---- back in chainrule/functions.hpp

// ---- begin chainrule/functions/softsign.hpp



namespace chainrule {

struct softsign_fn;

/// The softsign of A: A / (1 + |A|).
template <Expression A>
using Softsign = detail::apply_t<softsign_fn, A>;

/// The function softsign: d/dx u / (1 + |u|) = u' / (1 + |u|)^2.
struct softsign_fn {
    static constexpr const char* name = "softsign";

    template <class U>
    using derivative = Pow<Add<Int<1>, Abs<U>>, Int<-2>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::detail::ieee_div(u, math::detail::ieee_add(T(1), math::abs(u)));  // inf/inf a value
        } else {
            using std::abs;
            return u / (T(1) + abs(u));
        }
    }
};

namespace detail {
template <Constant C>
struct apply<softsign_fn, C> {
    using type = constant_t<rational_mul(
        value_of<C>,
        make_rational(C::denominator, C::denominator + (C::numerator < 0 ? -C::numerator : C::numerator)))>;
};
}  // namespace detail

/// a / (1 + |a|), as Softsign<A>.
template <Expression A>
constexpr Softsign<A> softsign(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/softsign.hpp
// ---- back in chainrule/functions.hpp

// ---- begin chainrule/functions/sqrt.hpp



namespace chainrule {

struct sqrt_fn;

/// The square root of A.
template <Expression A>
using Sqrt = detail::apply_t<sqrt_fn, A>;

/// The function sqrt: d/dx sqrt(u) = u' / (2 sqrt(u)). Its derivative at 0 is +inf (1/0), as IEEE
/// division gives.
struct sqrt_fn {
    static constexpr const char* name = "sqrt";
    static constexpr const char* latex = "\\sqrt{#}";
    static constexpr const char* mathml = "<msqrt>#</msqrt>";
    static constexpr const char* cpp = "std::sqrt";

    template <class U>
    using derivative = Div<Int<1>, Mul<Int<2>, Sqrt<U>>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::sqrt(u);
        } else {
            using std::sqrt;  // a user scalar's sqrt is found by argument-dependent lookup
            return sqrt(u);
        }
    }
};

namespace detail {
template <>
struct apply<sqrt_fn, Int<0>> {
    using type = Int<0>;
};
template <>
struct apply<sqrt_fn, Int<1>> {
    using type = Int<1>;
};
// A domain error known when the type is formed is reported then, naming the
// function (as during constant evaluation, where it would be one anyway).
template <Constant C>
    requires(C::numerator < 0)
struct apply<sqrt_fn, C> {
    static_assert(
        !(C::numerator < 0),
        "chainrule::Sqrt<A>: A is a negative constant, and the square root of a negative number is undefined");
    using type = Call<sqrt_fn, C>;
};
}  // namespace detail

/// sqrt(a), as Sqrt<A>.
template <Expression A>
constexpr Sqrt<A> sqrt(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/sqrt.hpp
// ---- back in chainrule/functions.hpp

// ---- begin chainrule/functions/tan.hpp



namespace chainrule {

struct tan_fn;

/// The tangent of A (radians).
template <Expression A>
using Tan = detail::apply_t<tan_fn, A>;

/// The function tan: d/dx tan(u) = (1 + tan^2(u)) u', which is sec^2(u) u' written with tan alone.
struct tan_fn {
    static constexpr const char* name = "tan";
    static constexpr const char* latex = "\\tan";
    static constexpr const char* cpp = "std::tan";

    template <class U>
    using derivative = Add<Int<1>, Pow<Tan<U>, Int<2>>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::tan(u);
        } else {
            using std::tan;  // a user scalar's tan is found by argument-dependent lookup
            return tan(u);
        }
    }
};

namespace detail {
template <>
struct apply<tan_fn, Int<0>> {
    using type = Int<0>;
};
// tan(r pi) where it is rational: 0 at multiples of pi, +-1 at pi/4 + k pi/2.
template <class A>
    requires(pi_multiple<A>::value&& tan_of_pi_multiple(pi_multiple<A>::r).exact)
struct apply<tan_fn, A> {
    using type = constant_t<tan_of_pi_multiple(pi_multiple<A>::r).value>;
};
}  // namespace detail

/// tan a, as Tan<A>.
template <Expression A>
constexpr Tan<A> tan(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/tan.hpp
// ---- back in chainrule/functions.hpp

// ---- begin chainrule/functions/tanh.hpp



namespace chainrule {

struct tanh_fn;

/// The hyperbolic tangent of A.
template <Expression A>
using Tanh = detail::apply_t<tanh_fn, A>;

/// The function tanh: d/dx tanh(u) = (1 - tanh^2(u)) u'.
struct tanh_fn {
    static constexpr const char* name = "tanh";
    static constexpr const char* latex = "\\tanh";
    static constexpr const char* cpp = "std::tanh";

    template <class U>
    using derivative = Sub<Int<1>, Pow<Tanh<U>, Int<2>>>;

    template <class T>
    static constexpr T eval(T u) {
        if constexpr (std::floating_point<T>) {
            return math::tanh(u);
        } else {
            using std::tanh;  // a user scalar's tanh is found by argument-dependent lookup
            return tanh(u);
        }
    }
};

namespace detail {
template <>
struct apply<tanh_fn, Int<0>> {
    using type = Int<0>;
};
}  // namespace detail

/// tanh a, as Tanh<A>.
template <Expression A>
constexpr Tanh<A> tanh(A) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/functions/tanh.hpp
// ---- back in chainrule/functions.hpp
// ---- end chainrule/functions.hpp
// ---- back in chainrule.hpp

// ---- begin chainrule/gradient.hpp


// ---- begin chainrule/detail/reverse.hpp



// Reverse mode: the gradient of one or more expressions by some variables,
// for a small constant times the cost of evaluating them.
//
// 1. Forward sweep. The graph of the roots (detail/graph.hpp) is built with
//    the local derivative f'(u) of every function node f(u) that depends on a
//    requested variable appended to it, so any of their subexpressions that
//    the roots already compute is looked up, not recomputed: sigmoid's
//    s(u)(1 - s(u)) reuses s(u) and costs one subtraction and one
//    multiplication, never a second exp. The evaluator computes every node.
// 2. Backward sweep, once per root. The root's adjoint is 1; the nodes are
//    visited parents first, and each passes adjoint * (local partial) to each
//    of its operands:
//      sum        a + b + ...      1 to each term (a term that only the sum
//                                  passes to keeps no adjoint of its own: it
//                                  reads the sum's, and the root sum's is 1,
//                                  by which nothing is multiplied)
//      product    c f g ...        c * (the other factors), without division
//                                  (one factor: a product of the others;
//                                  several: prefix and suffix products), and
//                                  e P / b for a factor b^e below the line
//      power      b^n, n constant  n b^(n-1), as D writes it (by squaring
//                                  for an integer n >= 2), so that at b = 0
//                                  it is D's value, not 0/0
//      power      b^e              e P / b to b, P ln b to e
//      function   f(u)             f'(u), from the forward sweep
//                 f(u, u)          f_1 + f_2 as one canonical sum, as D
//                                  writes it (atan2(u, u): 0, not 0/0 at 0)
//      ln(b^e), f(w)^e, f(g(w))    joined to the operand: the partials by
//      f(a, g(w)), f(a, w^n)       b and e (by w and e; by w), as D writes them
//                                  (fusion, graph.hpp), so that ln(y^x)
//                                  where y^x overflows is x/y, not 0 * inf
//    A node whose only contribution comes through the flat side of a step
//    (max, min, relu) passes 0 where that step is 0, not 0 * its partial.
//    Only operands that depend on a requested variable receive an adjoint
//    (activity analysis, decided at compile time), and the first contribution
//    to an adjoint is stored rather than added to zero, so no work is done
//    that a hand-written backpropagation would skip.
//
// The plan of each sweep (which node reaches which, which parent writes an
// adjoint first) is computed by constexpr functions over the graph's tables,
// once per root.
namespace chainrule::detail {

// The operands a node passes its adjoint to: its own, or, for a node joined
// to its operand (fusion, graph.hpp), those the graph recorded -- b and e of
// ln(b^e), w of f(w)^e and e, the operands of f(g(w)) and f(a, g(u, w))
// down as far as the join goes (join_leaves), and a -- with the partials
// the graph added (local), as a function's.
template <class Tables>
constexpr std::size_t reverse_count(const Tables& g, std::size_t i) {
    const auto& r = g.nodes[i];
    return r.fused == fusion::none ? r.count : r.leaves;
}
template <class Tables>
constexpr operand_ref reverse_operand(const Tables& g, std::size_t i, std::size_t k) {
    const auto& r = g.nodes[i];
    return g.ops[r.fused == fusion::none ? r.first + k : r.through[k]];
}
template <class Record>
constexpr bool passes_locals(const Record& r) {
    return r.kind == node_kind::function || r.fused != fusion::none;
}

/// What the backward sweep needs to pass on the adjoint of one node, as a
/// value (see node_code in evaluator.hpp for why a value): the node, its
/// operands, which of them receive an adjoint and which it writes first.
template <std::size_t N>
struct step_code {
    node_kind kind = node_kind::constant;
    std::size_t slot = 0;     // where the node's value is
    std::size_t adjoint = 0;  // where its adjoint is: its slot, or the slot of the sum it is the term of
    bool root = false;        // its adjoint is the root's, 1
    std::array<operand_ref, N> ops{};
    std::array<bool, N> receives{};  // an active node, not a constant
    std::array<bool, N> first{};     // this node writes that operand's adjoint first
    std::array<bool, N> shares{};    // a sum's term whose adjoint is the sum's: nothing to write
    bool constant_exponent = false;
    rational value{0, 1};
    std::array<operand_ref, local_partials> local{};  // functions: f'(u), or the partials by each argument
    // its only contribution is through the flat side of a step: the slot of
    // that step's value, where 0 means it passes 0 on (make_plan)
    std::size_t zero_if = no_node;
};

// Every step of the backward sweep (sum_step, function_step, power_step,
// product_above, product_below and backward) is [[gnu::always_inline]],
// which a compiler that does not know it ignores: each is instantiated for
// one node and called once, from the block that runs it, but as a function
// of vague linkage g++ -O2 does not inline it, and a call per node kept the
// adjoints in memory.
// Measured (bench/scale, docs/performance.md, seventh pass): the logistic
// map's gradient at depth 16, 417 instructions against 232 hand-written
// without it, 247 with it; the net of 81 parameters 1,515 against 1,120 (982
// by hand). The price is compile time: the net of 289 parameters, loss and
// gradient, g++ 15.0 -> 17.1 s, clang++ 9.9 -> 10.9 s.

// Adds x to the adjoint of the node in Slot; the first contribution is
// stored. (Named by the slot, not by the step code: a helper per operand
// named after a node of k operands would cost O(k^2) to compile.)
template <class T, std::size_t Slot, bool First>
constexpr void give_to(T* a, const T& x) {
    if constexpr (First) a[Slot] = x;
    else a[Slot] = add_values(a[Slot], x);
}

// adjoint * local partial; the root's adjoint is 1, so there it is free.
// A node whose only contribution comes through the flat side of a step
// (ZeroIf, the step's value: make_plan) passes 0 where that step is 0,
// whatever its local partial.
template <class T, bool Root, std::size_t Slot, std::size_t ZeroIf = no_node>
constexpr T chain(const T* v, const T* a, const T& local) {
    if constexpr (Root) return local;
    else if constexpr (ZeroIf != no_node) return v[ZeroIf] == T(0) ? T(0) : mul_values(a[Slot], local);
    else return mul_values(a[Slot], local);
}

// d(a + b + ...)/da = 1
template <class T, std::size_t Slot, bool Receives, bool First>
constexpr void give_if(T* a, const T& x) {
    if constexpr (Receives) give_to<T, Slot, First>(a, x);
}
template <class T, auto S>
[[gnu::always_inline]] constexpr void sum_step(T* a) {
    const T x = S.root ? T(1) : a[S.adjoint];
    [&]<std::size_t... K>(std::index_sequence<K...>) {
        (void)std::initializer_list<int>{
            (give_if < T, S.ops[K].slot, S.receives[K] && !S.shares[K], S.first[K] > (a, x), 0)...};
    }
    (std::make_index_sequence<S.ops.size()>{});
}

// d f(u)/du = f'(u), and d f(u, w) = f_u du + f_w dw, the partials already
// computed by the forward sweep.
template <class T, auto S, std::size_t K>
constexpr void function_give(const T* v, const T* const* bound, T* a) {
    if constexpr (!S.receives[K] || (S.local[K].constant && S.local[K].value.num == 0)) return;
    else
        give_to<T, S.ops[K].slot, S.first[K]>(
            a, chain<T, S.root, S.adjoint, S.zero_if>(v, a, read<T, S.local[K]>(v, bound)));
}
template <class T, auto S>
[[gnu::always_inline]] constexpr void function_step(const T* v, const T* const* bound, T* a) {
    [&]<std::size_t... K>(std::index_sequence<K...>) {
        (void)std::initializer_list<int>{(function_give<T, S, K>(v, bound, a), 0)...};
    }
    (std::make_index_sequence<S.ops.size()>{});
}

// The partials of p = b^e by b and by e, as PyTorch's pow_backward_self and
// pow_backward_exponent compute them (tools/autograd/FunctionsManual.cpp):
// by b, e b^(e-1), read as e p / b (reusing p) except at b = 0, where that is
// 0/0: there e 0^(e-1), and 0 for e = 0; by e, p ln b, except where b = 0 and
// e >= 0, where it is 0 (PyTorch's masked_fill; the limit of b^e ln b as b
// goes to 0 for e > 0). The evaluator gives D's form b^e ln b the same zero
// (product_with_log_zero in evaluator.hpp). A user scalar: e p / b and p ln b.
template <class T>
constexpr T pow_by_base(const T& b, const T& e, const T& p) {
    if constexpr (std::floating_point<T>) {
        if (b == T(0)) return e == T(0) ? T(0) : mul_values(e, call_pow(b, add_values(e, T(-1))));
    }
    return div_values(mul_values(e, p), b);
}
template <class T>
constexpr T pow_by_exponent(const T& b, const T& e, const T& p) {
    if constexpr (std::floating_point<T>) {
        if (b == T(0) && e >= T(0)) return T(0);
    }
    return mul_values(p, call_log(b));
}

template <class T, auto S>
[[gnu::always_inline]] constexpr void power_step(const T* v, const T* const* bound, T* a) {
    if constexpr (S.constant_exponent) {
        // d b^n/db = n b^(n-1)
        if constexpr (!S.receives[0]) {
            return;
        } else if constexpr (S.value.den == 1 && S.value.num >= 2) {
            T below = integer_power<S.value.num - 1>(read<T, S.ops[0]>(v, bound));
            give_to<T, S.ops[0].slot, S.first[0]>(
                a, chain<T, S.root, S.adjoint, S.zero_if>(v, a, mul_values(T(S.value.num), below)));
        } else {
            // e b^(e-1), as D writes it, so that both agree where b = 0 (for
            // b^(1/2): +inf, where e b^e / b, reusing b^e, gave 0/0 = NaN).
            constexpr rational lowered{S.value.num - S.value.den, S.value.den};
            const T b = read<T, S.ops[0]>(v, bound);
            T local;
            if constexpr (lowered.num < 0)
                local = div_values(rational_value<T>(S.value), constant_power<T, lowered>(b));
            else local = mul_values(rational_value<T>(S.value), constant_power<T, lowered>(b));
            give_to<T, S.ops[0].slot, S.first[0]>(a, chain<T, S.root, S.adjoint, S.zero_if>(v, a, local));
        }
    } else {
        // d b^e = e b^(e-1) db + b^e ln b de, each as PyTorch's pow computes
        // it (by_base, by_exponent), so that both agree with D where b = 0
        const T& p = v[S.slot];
        const T b = read<T, S.ops[0]>(v, bound);
        const T e = read<T, S.ops[1]>(v, bound);
        if constexpr (!S.ops[0].constant && !S.ops[1].constant && S.ops[0].slot == S.ops[1].slot) {
            // x^x: one operand, two partials
            T local = add_values(pow_by_base(b, e, p), pow_by_exponent(b, e, p));
            give_to<T, S.ops[0].slot, S.first[0]>(a, chain<T, S.root, S.adjoint, S.zero_if>(v, a, local));
        } else {
            if constexpr (S.receives[0])
                give_to<T, S.ops[0].slot, S.first[0]>(
                    a, chain<T, S.root, S.adjoint, S.zero_if>(v, a, pow_by_base(b, e, p)));
            if constexpr (S.receives[1])
                give_to<T, S.ops[1].slot, S.first[1]>(
                    a, chain<T, S.root, S.adjoint, S.zero_if>(v, a, pow_by_exponent(b, e, p)));
        }
    }
}

// What the backward step of a product needs to know of its operands, worked
// out once per product: the factors above the line that are nodes (as
// operand indices), which of them receive an adjoint (the adjoint of a
// constant is not kept), the first and last of those, the numerators of the
// constant factors other than 1, and the factors below the line that
// receive. (One constant per product; a function of the operand count only,
// so that products of the same size share it.)
template <std::size_t N>
struct product_plan {
    std::array<std::size_t, N + 1> factors{};
    std::array<bool, N + 1> wanted{};
    std::size_t count = 0, first = 0, last = 0;  // (how many: line.n_nodes_above)
    std::array<long long, N + 1> numerators{};
    std::size_t n_numerators = 0;
    std::array<std::size_t, N + 1> below{};
    std::size_t n_below = 0;
};
template <std::size_t N>
constexpr product_plan<N> make_product_plan(const step_code<N>& s, const fraction_line<N>& line) {
    product_plan<N> p{};
    std::size_t j = 0;  // the factor's place among the nodes above the line
    for (std::size_t k = 0; k < line.n_above; ++k) {
        if (line.above[k].kind != line_item::node) continue;
        const std::size_t op = line.above[k].op;
        p.factors[j] = op;
        p.wanted[j] = s.receives[op];
        if (s.receives[op]) {
            if (p.count == 0) p.first = j;
            p.last = j;
            ++p.count;
        }
        ++j;
    }
    for (std::size_t k = 0; k < N; ++k) {
        const operand_ref& o = s.ops[k];
        if (o.constant && !o.below && o.value.num != 1) p.numerators[p.n_numerators++] = o.value.num;
        if (s.receives[k] && o.below) p.below[p.n_below++] = k;
    }
    return p;
}
template <auto S>
inline constexpr product_plan<S.ops.size()> plan_of_product = make_product_plan(S, line_of<S>);

// x * y, where x is known at compile time to be 1 when XOne (and y when
// YOne): no multiplication by 1 is written. (Named by T and the flags only,
// so every product shares these.)
template <class T, bool XOne, bool YOne = false>
[[gnu::always_inline]] constexpr T times_known(const T& x, const T& y) {
    if constexpr (XOne && YOne) return T(1);
    else if constexpr (XOne) return y;
    else if constexpr (YOne) return x;
    else return mul_values(x, y);
}

// A factor b^e (e < 0) below the line of the product in Slot passes e P / b.
template <class T, bool Root, std::size_t Slot, std::size_t Adjoint, operand_ref O, bool First, std::size_t ZeroIf>
constexpr void below_give(const T* v, const T* const* bound, T* a) {
    T local = div_values(mul_values(rational_value<T>(O.power), v[Slot]), read<T, O>(v, bound));
    give_to<T, O.slot, First>(a, chain<T, Root, Adjoint, ZeroIf>(v, a, local));
}

// d(c f g h / (b^n))/df = c g h / b^n, to the factors above the line that
// receive: J runs over the factors above the line that are nodes, M over the
// numerators c. Every index is a constant and every branch is decided at
// compile time (conditions on constants, which the optimiser removes), so
// the code is what one writes by hand: no loop over arrays of flags, which
// g++ -O2 neither unrolls nor keeps in registers, and no helper function per
// factor or per step of the loops (each was a function of its own for every
// product, 4,000 of them in the gradient of a net of 289 parameters).
template <class T, auto S, std::size_t... J, std::size_t... M>
[[gnu::always_inline]] constexpr void product_above(const T* v, const T* const* bound, T* a, std::index_sequence<J...>,
                                                    std::index_sequence<M...>) {
    constexpr auto& p = plan_of_product<S>;
    constexpr std::size_t above = sizeof...(J);
    // scale = adjoint * c / (q * factors below the line), each part left out
    // where it is 1; scale_one: all of them are.
    constexpr bool scale_one = S.root && sizeof...(M) == 0 && !line_of<S>.has_below;
    T scale = T(1);
    if constexpr (!S.root) scale = a[S.adjoint];
    // (Each loop below is a braced list, evaluated left to right, not a
    // fold: Clang limits a fold to 256 operands, and a product may have more
    // factors.)
    (void)std::initializer_list<int>{(scale = times_known<T, (S.root && M == 0)>(scale, T(p.numerators[M])), 0)...};
    if constexpr (line_of<S>.has_below) scale = div_values(scale, multiply_side<T, S, false>(v, bound));

    const T f[above] = {read<T, S.ops[p.factors[J]]>(v, bound)...};

    // prefix[i] = scale f[0] ... f[i-1], up to the last factor that receives
    // (prefix[0] is 1 where scale_one)
    T prefix[above + 1]{};
    prefix[0] = scale;
    (void)std::initializer_list<int>{
        (J < p.last ? (void)(prefix[J + 1] = times_known<T, (J == 0 && scale_one)>(prefix[J], f[J])) : (void)0, 0)...};

    // others[i] = scale * (every factor above the line but f[i])
    T others[above]{};
    if constexpr (p.count == 1) {
        // one factor receives: its product left to right, from its prefix
        constexpr std::size_t w = p.first;
        constexpr bool start_one = w == 0 && scale_one;
        T q = prefix[w];
        (void)std::initializer_list<int>{
            (J > w ? (void)(q = times_known<T, (start_one && J == w + 1)>(q, f[J])) : (void)0, 0)...};
        others[w] = q;  // 1 where start_one and w is the last factor: prefix[0] = scale = 1
    } else {
        // several: suffix products run right to left, down to the first
        // factor that receives; before factor i = above - 1 - J is passed,
        // s = f[i+1] ... f[above-1] (1 for the last factor).
        T s = T(1);
        (void)std::initializer_list<int>{
            (above - 1 - J >= p.first && p.wanted[above - 1 - J]
                 ? (void)(others[above - 1 - J] =
                              times_known<T, (above - 1 - J == 0 && scale_one), (J == 0)>(prefix[above - 1 - J], s))
                 : (void)0,
             above - 1 - J > p.first ? (void)(s = times_known<T, (J == 0)>(s, f[above - 1 - J])) : (void)0, 0)...};
    }
    (void)std::initializer_list<int>{
        (give_if<T, S.ops[p.factors[J]].slot, p.wanted[J], S.first[p.factors[J]]>(a, others[J]), 0)...};
}

// d(P)/db = e P / b for a factor b^e, e < 0, below the line; B runs over
// those that receive.
template <class T, auto S, std::size_t... B>
[[gnu::always_inline]] constexpr void product_below(const T* v, const T* const* bound, T* a,
                                                    std::index_sequence<B...>) {
    constexpr auto& p = plan_of_product<S>;
    (void)std::initializer_list<int>{
        (below_give<T, S.root, S.slot, S.adjoint, S.ops[p.below[B]], S.first[p.below[B]], S.zero_if>(v, bound, a),
         0)...};
}

template <class T, auto S>
[[gnu::always_inline]] constexpr void backward(const T* v, const T* const* bound, T* a) {
    if constexpr (S.kind == node_kind::sum) sum_step<T, S>(a);
    else if constexpr (S.kind == node_kind::function) function_step<T, S>(v, bound, a);
    else if constexpr (S.kind == node_kind::power) power_step<T, S>(v, bound, a);
    else if constexpr (S.kind == node_kind::product) {
        // (the two parts called from here: a function per product is one
        // more name spelling its step's code)
        if constexpr (plan_of_product<S>.count > 0)
            product_above<T, S>(v, bound, a, std::make_index_sequence<line_of<S>.n_nodes_above>{},
                                std::make_index_sequence<plan_of_product<S>.n_numerators>{});
        if constexpr (plan_of_product<S>.n_below > 0)
            product_below<T, S>(v, bound, a, std::make_index_sequence<plan_of_product<S>.n_below>{});
    } else static_assert(S.kind == node_kind::product, "chainrule::detail::backward: a node kind is not handled");
}

// The step code of node i in the sweep from root (a function, not a lambda in
// the sweep: see make_node_code).
template <std::size_t N, class Tables, class Plan>
constexpr step_code<N> make_step_code(const Tables& g, const Plan& plan, std::size_t i, std::size_t root,
                                      std::size_t (*position)(const var_name&)) {
    const auto& r = g.nodes[i];
    step_code<N> c{};
    c.kind = passes_locals(r) ? node_kind::function : r.kind;
    c.slot = i;
    c.adjoint = plan.adjoint_slot[i];
    c.root = c.adjoint == root;
    for (std::size_t k = 0; k < N; ++k) {
        const operand_ref o = reverse_operand(g, i, k);
        c.ops[k] = bound_operand(g, o, position);
        c.receives[k] = !o.constant && g.nodes[o.slot].active;
        c.first[k] = c.receives[k] && plan.first_writer[o.slot] == i;
        c.shares[k] = c.receives[k] && plan.adjoint_slot[o.slot] != o.slot;
        // an operand that occurs twice (min(u, u)) is written first once; only
        // a function's arguments can repeat (the terms of a canonical sum and
        // the factors of a product are distinct), so a sum of n terms costs
        // O(n) here, not O(n^2)
        if (c.kind == node_kind::function)
            for (std::size_t j = 0; j < k; ++j)
                if (c.receives[j] && c.ops[j].slot == o.slot) c.first[k] = false;
    }
    c.constant_exponent = r.constant_exponent;
    c.value = r.value;
    for (std::size_t k = 0; k < c.local.size(); ++k) c.local[k] = bound_operand(g, r.local[k], position);
    // (a sum passes its adjoint as it is; a product uses it for the factors
    // below the line, whose partial divides)
    if (r.kind != node_kind::sum) c.zero_if = plan.zero_if[i];
    return c;
}

// One component of a gradient: the adjoint in Slot, or 0 where the sweep does
// not reach the variable. (A free function named by the slot: as a member of
// the sweep, n of them would each be named after the whole expression.)
template <class T, std::size_t Slot>
[[gnu::always_inline]] constexpr T component_at(const T* a) {
    if constexpr (Slot == no_node) return T(0);
    else return a[Slot];
}

// The components of a gradient, read from the slots Slots, each where its slot
// is known at compile time (a loop over the table would load and test it at
// run time). (A free function: inside the sweep, each Slots[K] of the pack
// expansion would substitute the sweep's template arguments -- every
// requested variable -- again, O(n^2).)
template <class T, auto Slots, std::size_t... K>
[[gnu::always_inline]] constexpr std::array<T, sizeof...(K)> gather_components(const T* a, std::index_sequence<K...>) {
    return {component_at<T, Slots[K]>(a)...};
}

// Steps run in the order given (parents first).
template <class T, auto... Codes>
struct step_block {
    [[gnu::always_inline]] static constexpr void run(const T* v, const T* const* bound, T* a) {
        (void)std::initializer_list<int>{(backward<T, Codes>(v, bound, a), 0)...};
    }
};

/// The graph reverse mode builds for the roots Es and the variables Vs in
/// the scalar T: the roots' nodes and the local derivatives of their active
/// function nodes.
template <class T, class Roots, class Vars>
struct reverse_graph;
template <class T, class... Es, class... Vs>
struct reverse_graph<T, type_list<Es...>, type_list<Vs...>> {
    using type = graph<graph_builder<eval_payload<T>, false, true>, type_list<Vs...>, Es...>;
};

/// The name table (bindings.hpp) of a list of variables: the one the
/// request's check of distinct names (variable_request) has made already.
template <class Vars>
struct name_table_of;
template <class... Vs>
struct name_table_of<type_list<Vs...>> {
    using type = name_table<Vs...>;
};

// Reverse mode for the roots of the list Roots, by the variables of the list
// Vars, at a point of type Env. Its parameters are the two lists, not their
// packs: every template instantiated inside this class (a sweep, a block of
// steps, a selection) is substituted with its enclosing class's arguments,
// and g++ copies a pack argument there element by element -- with the
// variables of a large gradient, once per node, O(n^2); above about 500
// variables each copy is more than a page, which GCC's allocator takes by
// searching its free pages. (The gradient of the net of 625 parameters, g++
// -O2: 60 s with the packs, 23 s without; docs/performance.md, twelfth pass.)
// The variables' names are read from their name table, once.
template <class Roots, class Vars, class Env>
struct reverse_mode {
    using T = typename Env::scalar;
    using shape = typename reverse_graph<T, Roots, Vars>::type;
    static constexpr std::size_t root_count = Roots::size;
    static constexpr std::size_t variables = Vars::size;
    static constexpr const auto& g = shape::tables;
    static constexpr std::size_t size = g.forward;  // nodes that take an adjoint
    using adjoints = std::array<T, size == 0 ? 1 : size>;
    using row = std::array<T, variables>;

    // The slot of each requested variable among the forward nodes, or
    // no_node: looked up by name in the graph's variables, sorted once.
    static constexpr std::size_t variable_count = [] {
        std::size_t n = 0;
        for (std::size_t i = 0; i < size; ++i) n += g.nodes[i].kind == node_kind::variable ? 1 : 0;
        return n;
    }();
    static constexpr auto sorted_variables = [] {
        std::array<named_position, variable_count> out{};
        std::size_t n = 0;
        for (std::size_t i = 0; i < size; ++i)
            if (g.nodes[i].kind == node_kind::variable) out[n++] = {g.nodes[i].name, i};
        return sorted_by_name(out);
    }();
    static constexpr std::size_t slot_of(const var_name& name) {
        const std::size_t i = find_name(sorted_variables, name);
        return i < variable_count ? sorted_variables[i].position : no_node;
    }
    static constexpr std::array<std::size_t, variables> variable_slots = [] {
        std::array<std::size_t, variables> out{};
        for (const named_position& n : name_table_of<Vars>::type::sorted) out[n.position] = slot_of(n.name);
        return out;
    }();

    // One backward sweep from Root: which nodes it reaches through active
    // operands, and which parent writes each adjoint first (the latest one,
    // since parents are visited in decreasing order).
    struct plan_t {
        std::array<bool, size == 0 ? 1 : size> reached{};
        std::array<std::size_t, size == 0 ? 1 : size> first_writer{};
        // Where each node's adjoint is kept: a term of a sum that only that
        // sum writes to has the sum's adjoint (d(a + b)/da = 1), so it reads
        // the sum's rather than a copy (a hidden unit's w_i x_i are terms of
        // its sum); any other node its own slot.
        std::array<std::size_t, size == 0 ? 1 : size> adjoint_slot{};
        std::array<std::size_t, size == 0 ? 1 : size> writes{};
        std::array<std::size_t, size == 0 ? 1 : size> steps{};  // the nodes that pass on an adjoint, last first
        std::size_t step_count = 0;
        // For a node whose only writer reaches it through the flat side of a
        // step (the partial of max or min by the argument not taken, of relu
        // below 0), the slot of that step's value: where it is 0 the node's
        // adjoint is exactly 0, and it passes 0 on, not 0 * f'(u). So the
        // operand of a branch not taken that meets a pole (max(ln(xy), ...)
        // at x = 0, where ln's partial 1/(xy) is inf) passes 0, D's value
        // there, not NaN. (Only then: an adjoint of 0 from anything else, an
        // underflow, is multiplied as it is.)
        std::array<std::size_t, size == 0 ? 1 : size> zero_if{};
    };
    static constexpr plan_t make_plan(std::size_t root) {
        plan_t p{};
        for (auto& w : p.first_writer) w = no_node;
        for (auto& z : p.zero_if) z = no_node;
        p.reached[root] = true;
        for (std::size_t parent = size; parent-- > 0;) {
            if (!p.reached[parent]) continue;
            const auto& r = g.nodes[parent];
            if (r.kind != node_kind::variable && r.active) p.steps[p.step_count++] = parent;
            const bool locals = passes_locals(r);
            for (std::size_t k = reverse_count(g, parent); k-- > 0;) {
                const operand_ref o = reverse_operand(g, parent, k);
                if (o.constant || !g.nodes[o.slot].active) continue;
                // a function whose partial is the constant 0 (sign, step) passes
                // nothing on (function_give), so it neither reaches the operand
                // nor writes its adjoint first: that adjoint would be read unwritten
                if (locals && r.local[k].constant && r.local[k].value.num == 0) continue;
                // (r.local is read for a function or a joined node only: it
                // holds their two partials)
                const bool step_side = locals && !r.local[k].constant &&
                                       g.nodes[r.local[k].slot].kind == node_kind::function &&
                                       g.nodes[r.local[k].slot].is_step;
                p.zero_if[o.slot] = p.writes[o.slot] == 0 && step_side ? r.local[k].slot : no_node;
                p.reached[o.slot] = true;
                ++p.writes[o.slot];
                if (p.first_writer[o.slot] == no_node) p.first_writer[o.slot] = parent;
            }
        }
        // parents first, so a sum's own place is known before its terms'
        for (std::size_t i = size; i-- > 0;) {
            const std::size_t w = p.first_writer[i];
            p.adjoint_slot[i] = i;
            if (p.reached[i] && i != root && p.writes[i] == 1 && w != no_node && g.nodes[w].kind == node_kind::sum)
                p.adjoint_slot[i] = p.adjoint_slot[w];
        }
        return p;
    }

    // The forward values the backward sweeps read, and the values those
    // need: the forward sweep computes these and nothing else (the gradient
    // of w . x reads x and never computes the products). With RootValues,
    // the roots' own values too.
    static constexpr void mark_reads(std::size_t i, bool* need) {
        const auto& r = g.nodes[i];
        auto receives = [&](std::size_t k) {
            const operand_ref o = reverse_operand(g, i, k);
            return !o.constant && g.nodes[o.slot].active;
        };
        auto operand = [&](std::size_t k) {
            if (!g.ops[r.first + k].constant) need[g.ops[r.first + k].slot] = true;
        };
        if (passes_locals(r)) {
            for (std::size_t k = 0; k < reverse_count(g, i); ++k)
                if (receives(k) && !r.local[k].constant) need[r.local[k].slot] = true;
        } else if (r.kind == node_kind::power) {
            if (r.constant_exponent) {
                if (!receives(0)) return;
                operand(0);
            } else {
                operand(0), operand(1), need[i] = true;
            }
        } else if (r.kind == node_kind::product) {
            bool any = false, below = false;
            for (std::size_t k = 0; k < r.count; ++k) {
                any = any || receives(k);
                below = below || (receives(k) && g.ops[r.first + k].below);
            }
            if (any)
                for (std::size_t k = 0; k < r.count; ++k) operand(k);
            if (below) need[i] = true;
        }
    }
    template <bool RootValues>
    struct selection {
        static constexpr std::size_t all = shape::size;
        static constexpr std::array<bool, all == 0 ? 1 : all> need = [] {
            std::array<bool, all == 0 ? 1 : all> n{};
            for (const operand_ref& root : g.roots) {
                if (root.constant) continue;
                if (RootValues) n[root.slot] = true;
                const plan_t p = make_plan(root.slot);
                for (std::size_t k = 0; k < p.step_count; ++k) mark_reads(p.steps[k], n.data());
            }
            mark_operands(g, n);  // what a needed node is computed from
            return n;
        }();
        static constexpr std::size_t count = [] {
            std::size_t c = 0;
            for (std::size_t i = 0; i < all; ++i) c += need[i] ? 1 : 0;
            return c;
        }();
        static constexpr std::array<std::size_t, count> slots = [] {
            std::array<std::size_t, count> out{};
            std::size_t c = 0;
            for (std::size_t i = 0; i < all; ++i)
                if (need[i]) out[c++] = i;
            return out;
        }();
    };
    using forward_sweep = evaluator<shape, Env, selection<false>>;
    using values = typename forward_sweep::values;
    using with_value = evaluator<shape, Env, selection<true>>;  // the forward sweep that keeps the root

    static constexpr std::array<row, root_count> run(const Env& env) {
        const values v = forward_sweep::forward(env);
        const auto bases = env.bases();
        return [&]<std::size_t... R>(std::index_sequence<R...>)->std::array<row, root_count> {
            return {gradient_of<R>(v, bases.data())...};
        }
        (std::make_index_sequence<root_count>{});
    }

    // The gradient of the only root, returned where it is built (run's array
    // of one row would be copied out of: a memcpy of the whole gradient,
    // about 100 instructions at 81 variables).
    static constexpr row run_one(const Env& env) {
        static_assert(root_count == 1, "chainrule::detail::reverse_mode::run_one: one root");
        const values v = forward_sweep::forward(env);
        const auto bases = env.bases();
        return gradient_of<0>(v, bases.data());
    }

    // The value of the first root and its gradient, from one forward and one
    // backward sweep.
    static constexpr std::pair<T, row> value_and_gradient(const Env& env) {
        const values v = with_value::forward(env);
        const auto bases = env.bases();
        return {with_value::template root<0>(v), gradient_of<0>(v, bases.data())};
    }

    // The same with a report (evaluator::forward), during constant
    // evaluation; at run time (and with a null report) they call the
    // functions above, which have no parameter for it: with one, unused, g++
    // compiled a clone of run_one without it, and the gradient of the
    // logistic map l_16 cost 230 instructions, not 224.
    static constexpr std::array<row, root_count> run(const Env& env, failed_call<T>* report) {
        if (!std::is_constant_evaluated() || report == nullptr) return run(env);
        const values v = forward_sweep::forward(env, report);
        const auto bases = env.bases();
        return [&]<std::size_t... R>(std::index_sequence<R...>)->std::array<row, root_count> {
            return {gradient_of<R>(v, bases.data())...};
        }
        (std::make_index_sequence<root_count>{});
    }
    static constexpr row run_one(const Env& env, failed_call<T>* report) {
        if (!std::is_constant_evaluated() || report == nullptr) return run_one(env);
        const values v = forward_sweep::forward(env, report);
        const auto bases = env.bases();
        return gradient_of<0>(v, bases.data());
    }
    static constexpr std::pair<T, row> value_and_gradient(const Env& env, failed_call<T>* report) {
        if (!std::is_constant_evaluated() || report == nullptr) return value_and_gradient(env);
        const values v = with_value::forward(env, report);
        const auto bases = env.bases();
        return {with_value::template root<0>(v), gradient_of<0>(v, bases.data())};
    }

    // The backward sweep is inlined into the function that ran the forward
    // sweep, so the optimiser can keep forward values in registers instead of
    // storing the table for an out-of-line reader. (Callgrind, -O2: the
    // gradient of the net of 81 parameters 1,028 -> 844 instructions on g++,
    // hand-written 982; of the logistic map l_16 239 -> 215 on clang++; no
    // change beyond 1-2% elsewhere; compile time within noise.)
    template <std::size_t R>
    [[gnu::always_inline]] static constexpr row gradient_of(const values& v, const T* const* bound) {
        constexpr operand_ref root = g.roots[R];
        if constexpr (root.constant) {
            row zeros{};
            for (T& z : zeros) z = T(0);
            return zeros;
        } else return sweep<root.slot>::run(v, bound);
    }

    template <std::size_t Root>
    struct sweep {
        static constexpr plan_t plan = make_plan(Root);

        [[gnu::always_inline]] static constexpr row run(const values& v, const T* const* bound) {
            // Every adjoint is written before it is read (the first
            // contribution is stored), so the table is not cleared at run time.
            adjoints a;
            if (std::is_constant_evaluated()) a = adjoints{};
            a[Root] = T(1);
            run_blocks(v.data(), bound, a.data(), std::make_index_sequence<(plan.step_count + block - 1) / block>{});
            return gather_components<T, result_slots>(a.data(), std::make_index_sequence<variables>{});
        }
        // (Functions, not lambdas, so that they can be inlined by force: the
        // adjoints then live in one function, where the optimiser keeps them
        // in registers and forwards the stores it can see.)
        template <std::size_t... B>
        [[gnu::always_inline]] static constexpr void run_blocks([[maybe_unused]] const T* v,
                                                                [[maybe_unused]] const T* const* bound,
                                                                [[maybe_unused]] T* a, std::index_sequence<B...>) {
            (void)std::initializer_list<int>{(block_t<B>::run(v, bound, a), 0)...};
        }
        // The slot each component is read from, or no_node where the sweep
        // does not reach the variable (its partial is 0): one table, computed
        // once, rather than a lookup in the plan per component.
        static constexpr std::array<std::size_t, variables> result_slots = [] {
            std::array<std::size_t, variables> out{};
            for (std::size_t k = 0; k < variables; ++k)
                out[k] = variable_slots[k] != no_node && plan.reached[variable_slots[k]]
                             ? plan.adjoint_slot[variable_slots[k]]
                             : no_node;
            return out;
        }();

        // Steps in blocks of 64, named by their codes (see evaluator::forward).
        static constexpr std::size_t block = 64;
        template <std::size_t First, std::size_t... K>
        static auto block_type(std::index_sequence<K...>)
            -> step_block<T, make_step_code<reverse_count(g, plan.steps[First + K])>(g, plan, plan.steps[First + K],
                                                                                     Root, &Env::location)...>;
        template <std::size_t B>
        using block_t = decltype(block_type<B * block>(
            std::make_index_sequence<(plan.step_count - B * block < block ? plan.step_count - B * block : block)>{}));
    };
};

}  // namespace chainrule::detail
// ---- end chainrule/detail/reverse.hpp
// ---- back in chainrule/gradient.hpp


// Many variables: mixed partials, gradients, Jacobians and Hessians.
//
//   Partial<E, X, Y>                   d/dy d/dx E, a type (D<D<E, X>, Y>)
//   Gradient<E, X, Y>                  (dE/dx, dE/dy)
//   Jacobian<Functions<F, G>, X, Y>    ((dF/dx, dF/dy), (dG/dx, dG/dy))
//   Hessian<E, X, Y>                   ((E_xx, E_xy), (E_yx, E_yy))
//
// Gradient, Jacobian and Hessian are types that name a value; evaluating one
// returns std::array (of std::array), in constant expressions too:
//
//   using F = Mul<X, Sin<Y>>;
//   constexpr auto g = eval<Gradient<F, X, Y>>(at<X>(2.0), at<Y>(0.0));   // {0, 2}
//   constexpr auto h = Hessian<F, X, Y>{}(at<X>(2.0), at<Y>(0.0));
//
// Gradients and Jacobians run reverse mode (detail/reverse.hpp): one forward
// sweep over the distinct subexpressions, then adjoints flow back through the
// same graph, so a gradient by any number of variables costs a small constant
// times one evaluation of E -- backpropagation. The Hessian evaluates the
// symbolic second partials of its upper triangle in one shared sweep (every
// distinct subexpression of all of them once) and mirrors them.
namespace chainrule {

namespace detail {

template <class E, class... Vs>
struct partial_impl {
    using type = E;
};
template <class E, class V, class... Vs>
struct partial_impl<E, V, Vs...> {
    static auto pick() {
        if constexpr (!Expression<E>) {
            static_assert(Expression<E>,
                          "chainrule::Partial<E, Vs...>: E must be a chainrule expression, such as Mul<X, Y>");
            return std::type_identity<Int<0>>{};
        } else if constexpr (!Variable<V>) {
            static_assert(Variable<V>,
                          "chainrule::Partial<E, Vs...>: each of Vs must be a variable such as X or Var<'w'>");
            return std::type_identity<Int<0>>{};
        } else {
            return std::type_identity<typename partial_impl<derivative_t<E, V>, Vs...>::type>{};
        }
    }
    using type = typename decltype(pick())::type;
};

// The variables a Gradient, Jacobian or Hessian is a function of, as names:
// those of its expressions (Own, a graph_variable_names), then the requested
// ones they lack (the partial by a variable E lacks is 0, but the variable
// still takes a value).
template <class Own, class Vs>
struct request_names;
template <class Own, class... Vs>
struct request_names<Own, type_list<Vs...>> {
    static constexpr std::array<named_position, sizeof...(Vs)> requested = {named_position{Vs::name, 0}...};
    static constexpr std::size_t extra_count = [] {
        std::size_t n = 0;
        for (const named_position& v : requested) n += Own::position(v.name) < Own::size ? 0 : 1;
        return n;
    }();
    static constexpr std::size_t size = Own::size + extra_count;
    static constexpr std::array<named_position, size> names = [] {
        std::array<named_position, size> out{};
        std::size_t n = 0;
        for (const named_position& v : Own::names) out[n] = {v.name, n}, ++n;
        for (const named_position& v : requested)
            if (Own::position(v.name) >= Own::size) out[n] = {v.name, n}, ++n;
        return out;
    }();
    static constexpr sorted_names<size> table{sorted_by_name(names)};
    static constexpr auto& sorted = table.sorted;
    static constexpr std::size_t position(const var_name& name) { return table.position(name); }
};

// The same, for the roots Es, from a graph built for nothing else.
template <class Es, class Vs>
struct request_variable_names;
template <class... Es, class Vs>
struct request_variable_names<type_list<Es...>, Vs>
    : request_names<graph_variable_names<graph<graph_builder<>, type_list<>, Es...>>, Vs> {};

// The variables of Gradient<...>::variables and its siblings: a class
// derived from the type_list, so that it is made only where it is used.
template <class Es, class Vs>
using variables_of_request = names_as_types<request_variable_names<Es, Vs>>;

// What reverse mode checks a call's bindings against: the variables of the
// graph it builds anyway for the roots Es in the scalar T (no second graph).
template <class Es, class Vs>
struct reverse_request_names {
    template <class T>
    using in = request_names<graph_variable_names<typename reverse_graph<T, Es, Vs>::type>, Vs>;
};
// The same interface over request_variable_names, for Hessian.
template <class Es, class Vs>
struct plain_request_names {
    template <class T>
    using in = request_variable_names<Es, Vs>;
};

// The scalar type of the arguments of eval<G>(...), before they are checked
// (double where they are not valid; the check then says why).
template <class... Args>
struct scalar_of_arguments {
    using type = double;
};
template <class... Bs>
struct scalar_of_arguments<point_t<Bs...>> {
    using type = typename bindings<Bs...>::scalar;
};
template <class... Args>
    requires(sizeof...(Args) > 0 && all_of({is_binding<Args>...}))
struct scalar_of_arguments<Args...> {
    using type = typename common_scalar<typename Args::scalar...>::type;
};
template <class A>
    requires Scalar<A>
struct scalar_of_arguments<A> {
    using type = A;
};

// What a list of variables (Gradient<E, Vs...>, ...) asks for: Vs with
// every family flattened row-major, and whether the list is well formed.
template <class... Vs>
struct variable_request {
    static constexpr bool all_variables = all_of({is_variable_or_family<Vs>...});
    using list = typename select<all_variables>::template f<flatten_variables<Vs...>, type_list<>>;
    template <class... Ws>
    static consteval bool distinct(type_list<Ws...>) {
        return name_table<Ws...>::distinct;
    }
    static constexpr bool distinct_variables = distinct(list{});
    static constexpr std::size_t size = list::size;
};

template <class Vars, class... Bs>
auto point_check(const point_t<Bs...>&) -> check_bindings<Vars, Bs...>;

// Turns the arguments of eval<G>(...) into an environment for the evaluator,
// or diagnoses them; invalid_point stops evaluation after a diagnostic.
struct invalid_point {};

// (A point alone, which may hold more variables than G needs, is read in
// place by evaluate_request.)
template <class Vars, class... Args>
constexpr auto point_for(const Args&... args) {
    if constexpr (sizeof...(Args) == 0) {
        static_assert(sizeof...(Args) != 0,
                      "chainrule::eval<G>(x): give the point, as in eval<G>(at<X>(1.0), at<Y>(2.0))");
        return invalid_point{};
    } else if constexpr (detail::all_of({is_binding<Args>...})) {
        using check = check_bindings<Vars, Args...>;
        if constexpr (!check::value) {
            (void)binding_diagnostic<check>::value;
            return invalid_point{};
        } else {
            return bindings<Args...>{args...};
        }
    } else if constexpr (detail::any_of({is_point<Args>...})) {
        static_assert(!detail::any_of({is_point<Args>...}),
                      "chainrule::eval<G>(p): a point must be the only argument; put every binding in it: "
                      "eval<G>(point(at<X>(1.0), at<Y>(2.0)))");
        return invalid_point{};
    } else if constexpr (detail::any_of({is_number_container<Args>...})) {
        static_assert(!detail::any_of({is_number_container<Args>...}),
                      "chainrule::eval<G>(values): a container of numbers binds a family of variables, by name: "
                      "eval<G>(at<Vars<\"w\", 3>>(values))");
        return invalid_point{};
    } else if constexpr (sizeof...(Args) != 1 || detail::any_of({is_binding<Args>...})) {
        static_assert(sizeof...(Args) == 1 && !detail::any_of({is_binding<Args>...}),
                      "chainrule::eval<G>(x): give either one number x, or a value for every variable by name: "
                      "eval<G>(at<X>(1.0), at<Y>(2.0))");
        return invalid_point{};
    } else if constexpr (!detail::all_of({Scalar<Args>...})) {
        static_assert(detail::all_of({Scalar<Args>...}),
                      "chainrule::eval<G>(x): x must be floating-point (float, double, long double) or a user "
                      "scalar type whose division does not truncate; write 2.0, not 2");
        return invalid_point{};
    } else if constexpr (Vars::size > 1) {
        static_assert(Vars::size <= 1,
                      "chainrule::eval<G>(x): G depends on more than one variable; give each a "
                      "value by name: eval<G>(at<X>(1.0), at<Y>(2.0))");
        return invalid_point{};
    } else {
        return single_value<Args...>{args...};  // one argument here
    }
}

template <class Point>
inline constexpr bool is_valid_point = !std::is_same<Point, invalid_point>::value;

// The variables Wanted names, in the arguments' scalar.
template <class Wanted, class... Args>
using wanted_in = typename Wanted::template in<typename scalar_of_arguments<Args...>::type>;

// The messages of point_for, for eval<G>(...) misused (see eval_message).
template <eval_misuse M>
struct request_message {
    static_assert(M != eval_misuse::no_point,
                  "chainrule::eval<G>(x): give the point, as in eval<G>(at<X>(1.0), at<Y>(2.0))");
    static_assert(M != eval_misuse::point_not_alone,
                  "chainrule::eval<G>(p): a point must be the only argument; put every binding in it: "
                  "eval<G>(point(at<X>(1.0), at<Y>(2.0)))");
    static_assert(M != eval_misuse::container,
                  "chainrule::eval<G>(values): a container of numbers binds a family of variables, by name: "
                  "eval<G>(at<Vars<\"w\", 3>>(values))");
    static_assert(M != eval_misuse::not_one_number,
                  "chainrule::eval<G>(x): give either one number x, or a value for every variable by name: "
                  "eval<G>(at<X>(1.0), at<Y>(2.0))");
    static_assert(M != eval_misuse::not_scalar,
                  "chainrule::eval<G>(x): x must be floating-point (float, double, long double) or a user "
                  "scalar type whose division does not truncate; write 2.0, not 2");
    static_assert(M != eval_misuse::many_variables,
                  "chainrule::eval<G>(x): G depends on more than one variable; give each a "
                  "value by name: eval<G>(at<X>(1.0), at<Y>(2.0))");
    static constexpr bool value = false;
};

// The diagnostic of eval<G>(args...) for a G of evaluate_request (void when
// the call is valid, or when G is not WellFormed: G reported that itself):
// the checks of evaluate_request and point_for, decided from the types.
template <bool WellFormed, class Wanted, class... Args>
constexpr auto request_diagnosis() {
    using misuse = eval_misuse;
    if constexpr (!WellFormed) {
        return std::type_identity<void>{};
    } else if constexpr (sizeof...(Args) == 1 && all_of({is_point<Args>...})) {
        using check = decltype(point_check<wanted_in<Wanted, Args...>>(std::declval<const Args&>()...));
        if constexpr (!check::all_bound) return std::type_identity<missing_binding_diagnostic<check>>{};
        else return std::type_identity<void>{};
    } else if constexpr (sizeof...(Args) == 0) {
        return std::type_identity<request_message<misuse::no_point>>{};
    } else if constexpr (all_of({is_binding<Args>...})) {
        if constexpr (!views_of_scalar<Args...>) {
            return std::type_identity<view_scalar_mismatch<false>>{};
        } else {
            using check = check_bindings<wanted_in<Wanted, Args...>, Args...>;
            if constexpr (!check::value) return std::type_identity<binding_diagnostic<check>>{};
            else return std::type_identity<void>{};
        }
    } else if constexpr (any_of({is_point<Args>...})) {
        return std::type_identity<request_message<misuse::point_not_alone>>{};
    } else if constexpr (any_of({is_number_container<Args>...})) {
        return std::type_identity<request_message<misuse::container>>{};
    } else if constexpr (sizeof...(Args) != 1 || any_of({is_binding<Args>...})) {
        return std::type_identity<request_message<misuse::not_one_number>>{};
    } else if constexpr (!all_of({Scalar<Args>...})) {
        return std::type_identity<request_message<misuse::not_scalar>>{};
    } else if constexpr (wanted_in<Wanted, Args...>::size > 1) {
        return std::type_identity<request_message<misuse::many_variables>>{};
    } else {
        return std::type_identity<void>{};
    }
}

// The evaluation shared by Gradient, Jacobian and Hessian: bind the arguments
// to a point of the variables Wanted names (Wanted::in<T>) and hand it to
// run. After a diagnostic (the type is not WellFormed, or point_for found a
// bad argument) it returns an Empty value instead, so that no further errors
// pile up. (wanted_in: the variables Wanted names, in the arguments' scalar.)
//
// Run is a class with a static run(point), never an object: Clang names the
// LLVM type of an object after its class, printed in full, and a class
// nested in Gradient<E, ...> prints E as a tree (a megabyte for the logistic
// map at depth 12, gigabytes at 24: 4.7 GB and 55 s of clang++ for that
// gradient, against 0.4 GB and 4.7 s with a lambda or with this).
//
// report is where the sweep leaves a call that failed during constant
// evaluation (a failed_call<T>*, null at run time), for the caller to
// raise (request_report).
template <bool WellFormed, class Wanted, class Empty, class Run, class Report, class... Args>
constexpr auto evaluate_request(Report report, const Args&... args) {
    if constexpr (WellFormed && sizeof...(Args) == 1 && detail::all_of({is_point<Args>...})) {
        // A point may hold more variables than G needs; every one G needs
        // must be there. It is read where it is, not copied (a copy of its
        // values cost clang++ about 100 instructions at 90 variables, a tenth
        // of the gradient of a net with 81 parameters).
        return [&](const auto& point) {
            using check = decltype(point_check<wanted_in<Wanted, Args...>>(point));
            if constexpr (!check::all_bound) {
                (void)missing_binding_diagnostic<check>::value;
                return Empty{};
            } else {
                return Run::run(point.bound, report);
            }
        }(args...);
    } else {
        const auto p = [&] {
            if constexpr (WellFormed) return point_for<wanted_in<Wanted, Args...>>(args...);
            else return invalid_point{};
        }();
        if constexpr (!is_valid_point<std::remove_const_t<decltype(p)>>) return Empty{};
        else return Run::run(p, report);
    }
}

// Where a request's sweep leaves a call that failed during constant
// evaluation, for evaluate to make again from its own frame (failed_call::
// raise): in a floating-point scalar, a failed_call; otherwise nothing. So a
// domain error in the constant evaluation of a gradient is reported below
// the user's call and evaluate alone, not below the frames of
// evaluate_request and reverse mode, which each spell the expression (g++,
// ln x at -1 in Gradient<y ln x, X, Y>: 6.8 KB of output before, 3.3 KB now).
template <class T, bool Quiet>  // (Quiet = std::floating_point<T>: eval.hpp declares it)
struct request_report {
    static constexpr failed_call<T>* slot() { return nullptr; }
};
template <class T>
struct request_report<T, true> {
    failed_call<T> failed{};
    constexpr failed_call<T>* slot() { return std::is_constant_evaluated() ? &failed : nullptr; }
    // Raised when evaluate returns, after its result is made in place: a
    // named result returned instead (raise, then return it) is copied by
    // clang++, a memcpy of the whole gradient (about 90 instructions at 81
    // partials).
    constexpr ~request_report() { failed.raise(); }
};

// The evaluation of Gradient, ValueAndGradient, Jacobian, Hessian and
// TaylorPartial: Self::evaluate(...), which eval<Self>(...) calls, and the
// call syntax Self{}(at<X>(1.0), ...). Self names what evaluate_request
// takes: well_formed, request_names, empty_value (returned after a
// diagnostic) and sweep. (One call of evaluate_request, whose report is
// null at run time: two, one for each, would repeat every diagnostic.)
//
// A misused call of eval<Self>(...) or Self{}(...) is reported from the
// caller's frame, not from evaluate's, which would spell Self and so E as a
// tree (eval_fn in eval.hpp): eval_diagnosis asks diagnosis<Args...>(), which
// mirrors the checks of evaluate_request and point_for. (evaluate called by
// itself keeps those checks.)
//
// eval<Self>(...) makes the request in eval_fn's frame, and Self{}(...) in
// this operator()'s, not through evaluate: g++ prints each frame of a domain
// error during constant evaluation with Self, so a frame fewer is a copy of
// Self fewer.
template <class Self>
struct callable_request {
    template <class... Args>
    static constexpr auto evaluate(const Args&... args) {
        return Self{}(args...);
    }
    template <class... Args>
    static constexpr auto diagnosis() {
        return request_diagnosis<Self::well_formed, typename Self::request_names, Args...>();
    }
    template <class... Args>
        requires(eval_call<Self, Args...>::ok)
    constexpr auto operator()(const Args&... args) const {
        request_report<typename scalar_of_arguments<Args...>::type> report;
        return evaluate_request<Self::well_formed, typename Self::request_names, typename Self::empty_value,
                                typename Self::sweep>(report.slot(), args...);
    }
    template <class... Args>
        requires(!eval_call<Self, Args...>::ok)
    CHAINRULE_DETAIL_MISUSE_CONSTEXPR typename eval_call<Self, Args...>::report operator()(const Args&...) const {
        return {};
    }
};

template <class Point>
using scalar_of = typename Point::scalar;

// The (row, column) of the K-th entry of the upper triangle of an n x n
// matrix, row by row: (0,0), (0,1), ..., (0,n-1), (1,1), ...
consteval std::pair<std::size_t, std::size_t> upper_entry(std::size_t n, std::size_t k) {
    std::size_t i = 0;
    while (k >= n - i) {
        k -= n - i;
        ++i;
    }
    return {i, i + k};
}

template <class E, class Vars>
struct hessian_impl;
template <class E, class... Vs>
struct hessian_impl<E, type_list<Vs...>> {
    static constexpr std::size_t n = sizeof...(Vs);
    using vars = type_list<Vs...>;

    template <std::size_t K>
    using entry = derivative_t<derivative_t<E, typename vars::template at<upper_entry(n, K).first>>,
                               typename vars::template at<upper_entry(n, K).second>>;

    template <std::size_t... K>
    static auto list(std::index_sequence<K...>) -> type_list<entry<K>...>;
    using entries = decltype(list(std::make_index_sequence<n*(n + 1) / 2>{}));

    template <class Sweep, class Matrix, std::size_t... K>
    static constexpr void fill(Matrix& h, const typename Sweep::values& v, std::index_sequence<K...>) {
        (void)std::initializer_list<int>{
            (put<Sweep, upper_entry(n, K).first, upper_entry(n, K).second, K>(h, v), 0)...};
    }
    template <class Sweep, std::size_t I, std::size_t J, std::size_t K, class Matrix>
    static constexpr void put(Matrix& h, const typename Sweep::values& v) {
        h[I][J] = Sweep::template root<K>(v);
        if constexpr (I != J) h[J][I] = h[I][J];
    }

    template <class Env, class... Entries>
    static auto sweep_of(type_list<Entries...>) -> evaluator_for<Env, Entries...>;

    template <class Env>
    static constexpr auto run(const Env& env, failed_call<typename Env::scalar>* report) {
        using T = typename Env::scalar;
        using sweep = decltype(sweep_of<Env>(entries{}));
        const typename sweep::values v = sweep::forward(env, report);
        std::array<std::array<T, n>, n> h{};
        fill<sweep>(h, v, std::make_index_sequence<n*(n + 1) / 2>{});
        return h;
    }
};

}  // namespace detail

/// The mixed partial derivative of E by each of Vs in turn, as a type:
/// Partial<E, X, Y> is D<D<E, X>, Y>, the derivative d/dy (d/dx E).
/// Partial<E, X, X> is D<E, X, 2>; Partial<E> is E.
///
///   static_assert(std::is_same<Partial<Mul<X, Y>, X, Y>, Int<1>>::value);
template <class E, class... Vs>
using Partial = typename detail::partial_impl<E, Vs...>::type;

/// A list of functions, the rows of a Jacobian: Jacobian<Functions<F, G>, X, Y>.
template <class... Es>
struct Functions {};

/// The gradient of E by the variables Vs, in that order:
/// grad E = (dE/dv1, ..., dE/dvn), computed in reverse mode for at most a
/// few times the cost of E itself, however many variables. Each of Vs is a
/// variable or a family (Vars<"w", 2, 3>), flattened row-major in place.
///
///   eval<Gradient<Mul<X, Y>, X, Y>>(at<X>(2.0), at<Y>(3.0))   // std::array{3.0, 2.0}
///
/// Every variable of E and every one of Vs takes a value; a Gradient of a
/// function of one variable also takes a single number.
template <class E, class... Vs>
struct Gradient : detail::callable_request<Gradient<E, Vs...>> {
    using request = detail::variable_request<Vs...>;
    static_assert(Expression<E>, "chainrule::Gradient<E, Vs...>: E must be a chainrule expression, such as Sigmoid<X>");
    static_assert(sizeof...(Vs) > 0, "chainrule::Gradient<E, Vs...>: name the variables, as in Gradient<E, X, Y>");
    static_assert(request::all_variables,
                  "chainrule::Gradient<E, Vs...>: each of Vs must be a variable such as X or "
                  "Var<'w'>, or a family such as Vars<\"w\", 3>");
    static_assert(request::distinct_variables, "chainrule::Gradient<E, Vs...>: a variable is named twice");
    static constexpr bool well_formed =
        Expression<E> && sizeof...(Vs) > 0 && request::all_variables&& request::distinct_variables;

    /// The variables the gradient's value depends on.
    struct variables
        : detail::variables_of_request<detail::type_list<std::remove_cv_t<E>>, typename request::list>::type {};

    /// (dE/dv1, ..., dE/dvn) at a point: evaluate(...), which eval<Gradient<...>>(...) calls
    /// (detail::callable_request), from these.
    using request_names = detail::reverse_request_names<detail::type_list<std::remove_cv_t<E>>, typename request::list>;
    using empty_value = std::array<double, request::size>;
    // What evaluate_request runs at the bound point: a class, not a lambda,
    // because a message from inside the sweep (a domain error during
    // constant evaluation) prints it in several frames, and a lambda is
    // spelled with its enclosing function and that function's arguments.
    struct sweep {
        template <class Env>
        static constexpr auto run(const Env& p, detail::failed_call<typename Env::scalar>* report) {
            return detail::reverse_mode<detail::type_list<std::remove_cv_t<E>>, typename request::list, Env>::run_one(
                p, report);
        }
    };
};

/// What eval<ValueAndGradient<E, Vs...>>(...) returns: E's value and its
/// gradient, from one sweep. auto [value, gradient] = eval<...>(...) works.
template <class T, std::size_t N>
struct value_and_gradient_result {
    T value;
    std::array<T, N> gradient;
};

/// E's value and its gradient by Vs (as Gradient<E, Vs...>) from one forward
/// and one backward sweep: what a training step needs.
///
///   auto [loss, grad] = eval<ValueAndGradient<L, Vars<"w", 3>>>(at<Vars<"w", 3>>(w), at<X>(x));
template <class E, class... Vs>
struct ValueAndGradient : detail::callable_request<ValueAndGradient<E, Vs...>> {
    using request = detail::variable_request<Vs...>;
    static_assert(Expression<E>,
                  "chainrule::ValueAndGradient<E, Vs...>: E must be a chainrule expression, such as Sigmoid<X>");
    static_assert(sizeof...(Vs) > 0,
                  "chainrule::ValueAndGradient<E, Vs...>: name the variables, as in ValueAndGradient<E, X, Y>");
    static_assert(request::all_variables,
                  "chainrule::ValueAndGradient<E, Vs...>: each of Vs must be a variable such "
                  "as X or Var<'w'>, or a family such as Vars<\"w\", 3>");
    static_assert(request::distinct_variables, "chainrule::ValueAndGradient<E, Vs...>: a variable is named twice");
    static constexpr bool well_formed =
        Expression<E> && sizeof...(Vs) > 0 && request::all_variables&& request::distinct_variables;

    /// The variables the value depends on.
    struct variables
        : detail::variables_of_request<detail::type_list<std::remove_cv_t<E>>, typename request::list>::type {};

    /// {value, gradient} at a point: evaluate(...), which eval<ValueAndGradient<...>>(...) calls
    /// (detail::callable_request), from these.
    using request_names = detail::reverse_request_names<detail::type_list<std::remove_cv_t<E>>, typename request::list>;
    using empty_value = value_and_gradient_result<double, request::size>;
    // (a class, not a lambda: see Gradient::sweep)
    struct sweep {
        template <class Env>
        static constexpr auto run(const Env& p, detail::failed_call<typename Env::scalar>* report) {
            using T = typename Env::scalar;
            const auto r = detail::reverse_mode<detail::type_list<std::remove_cv_t<E>>, typename request::list,
                                                Env>::value_and_gradient(p, report);
            return value_and_gradient_result<T, request::size>{r.first, r.second};
        }
    };
};

template <class Es, class... Vs>
struct Jacobian;

/// The Jacobian of the functions Es by the variables Vs: row i is the
/// gradient of the i-th function, J[i][j] = dE_i/dv_j. One forward sweep is
/// shared by all rows, then one reverse sweep runs per row.
///
///   using J = Jacobian<Functions<Mul<X, Y>, Add<X, Y>>, X, Y>;
///   eval<J>(at<X>(2.0), at<Y>(3.0))   // {{3, 2}, {1, 1}}
template <class... Es, class... Vs>
struct Jacobian<Functions<Es...>, Vs...> : detail::callable_request<Jacobian<Functions<Es...>, Vs...>> {
    static_assert(sizeof...(Es) > 0 && detail::all_of({Expression<Es>...}),
                  "chainrule::Jacobian<Functions<Es...>, Vs...>: each of Es must be a chainrule expression, "
                  "as in Jacobian<Functions<Mul<X, Y>, Sin<X>>, X, Y>");
    using request = detail::variable_request<Vs...>;
    static_assert(sizeof...(Vs) > 0,
                  "chainrule::Jacobian<Functions<Es...>, Vs...>: name the variables, as in "
                  "Jacobian<Functions<F, G>, X, Y>");
    static_assert(request::all_variables,
                  "chainrule::Jacobian<Functions<Es...>, Vs...>: each of Vs must be a variable "
                  "such as X or Var<'w'>, or a family such as Vars<\"w\", 3>");
    static_assert(request::distinct_variables,
                  "chainrule::Jacobian<Functions<Es...>, Vs...>: a variable is named twice");
    static constexpr bool well_formed = sizeof...(Es) > 0 && detail::all_of({Expression<Es>...}) &&
                                        sizeof...(Vs) > 0 && request::all_variables&& request::distinct_variables;

    /// The variables the Jacobian's value depends on.
    struct variables
        : detail::variables_of_request<detail::type_list<std::remove_cv_t<Es>...>, typename request::list>::type {};

    /// J at a point, as std::array of rows: evaluate(...), which eval<Jacobian<...>>(...) calls
    /// (detail::callable_request), from these.
    using request_names =
        detail::reverse_request_names<detail::type_list<std::remove_cv_t<Es>...>, typename request::list>;
    using empty_value = std::array<std::array<double, request::size>, sizeof...(Es)>;
    // (a class, not a lambda: see Gradient::sweep)
    struct sweep {
        template <class Env>
        static constexpr auto run(const Env& p, detail::failed_call<typename Env::scalar>* report) {
            return detail::reverse_mode<detail::type_list<std::remove_cv_t<Es>...>, typename request::list, Env>::run(
                p, report);
        }
    };
};

/// Diagnoses a Jacobian whose first argument is not Functions<...>.
template <class Es, class... Vs>
struct Jacobian {
    static_assert(sizeof(Es) == 0,
                  "chainrule::Jacobian<Functions<Es...>, Vs...>: list the functions in Functions<...>, as in "
                  "Jacobian<Functions<F, G>, X, Y>");
    template <class... Args>
    static constexpr auto evaluate(const Args&...) {
        return 0.0;
    }
};

/// The Hessian of E by the variables Vs: H[i][j] = d^2 E / dv_i dv_j, a
/// symmetric matrix. Each entry of the upper triangle is the symbolic second
/// partial Partial<E, Vi, Vj>; they are evaluated together in one sweep, each
/// distinct subexpression once, and mirrored below the diagonal, so each
/// mixed partial is evaluated once.
///
///   eval<Hessian<Mul<X, Y>, X, Y>>(at<X>(2.0), at<Y>(3.0))   // {{0, 1}, {1, 0}}
template <class E, class... Vs>
struct Hessian : detail::callable_request<Hessian<E, Vs...>> {
    static_assert(Expression<E>, "chainrule::Hessian<E, Vs...>: E must be a chainrule expression, such as Sigmoid<X>");
    using request = detail::variable_request<Vs...>;
    static_assert(sizeof...(Vs) > 0, "chainrule::Hessian<E, Vs...>: name the variables, as in Hessian<E, X, Y>");
    static_assert(request::all_variables,
                  "chainrule::Hessian<E, Vs...>: each of Vs must be a variable such as X or "
                  "Var<'w'>, or a family such as Vars<\"w\", 3>");
    static_assert(request::distinct_variables, "chainrule::Hessian<E, Vs...>: a variable is named twice");
    static constexpr bool well_formed =
        Expression<E> && sizeof...(Vs) > 0 && request::all_variables&& request::distinct_variables;

    /// The variables the Hessian's value depends on.
    struct variables
        : detail::variables_of_request<detail::type_list<std::remove_cv_t<E>>, typename request::list>::type {};

    /// H at a point, as std::array of rows: evaluate(...), which eval<Hessian<...>>(...) calls
    /// (detail::callable_request), from these.
    using request_names = detail::plain_request_names<detail::type_list<std::remove_cv_t<E>>, typename request::list>;
    using empty_value = std::array<std::array<double, request::size>, request::size>;
    // (a class, not a lambda: see Gradient::sweep)
    struct sweep {
        template <class Env>
        static constexpr auto run(const Env& p, detail::failed_call<typename Env::scalar>* report) {
            return detail::hessian_impl<std::remove_cv_t<E>, typename request::list>::run(p, report);
        }
    };
};

/// Diagnoses a Hessian of several functions (Functions<...> is Jacobian's).
template <class... Es, class... Vs>
struct Hessian<Functions<Es...>, Vs...> : detail::callable_request<Hessian<Functions<Es...>, Vs...>> {
    static_assert(sizeof...(Es) == 0 && sizeof...(Es) != 0,  // (always false, but dependent)
                  "chainrule::Hessian<E, Vs...>: E is one function; Functions<...> lists the rows of a Jacobian: "
                  "take the Hessian of each function, Hessian<F, X, Y> and Hessian<G, X, Y>");
    struct variables {};
    // (a request that is not well formed: its evaluation returns 0 and adds
    // no message)
    static constexpr bool well_formed = false;
    using request_names = void;
    using empty_value = double;
    struct sweep {};
};

namespace detail {
template <class E, class... Vs>
inline constexpr bool multi_valued<Gradient<E, Vs...>> = true;
template <class Es, class... Vs>
inline constexpr bool multi_valued<Jacobian<Es, Vs...>> = true;
template <class E, class... Vs>
inline constexpr bool multi_valued<Hessian<E, Vs...>> = true;
template <class E, class... Vs>
inline constexpr bool multi_valued<ValueAndGradient<E, Vs...>> = true;
}  // namespace detail

}  // namespace chainrule
// ---- end chainrule/gradient.hpp
// ---- back in chainrule.hpp

// ---- begin chainrule/literals.hpp



// Exact constants in the value syntax:
//
//   using namespace chainrule::literals;
//   constexpr auto f = 3_c * x + 0.8_c;     // Add<Mul<Int<3>, X>, Rational<4, 5>>
//
// The literal is read digit by digit at compile time, so 0.8_c is exactly
// 4/5 (not the double nearest 0.8) and 2.5e-3_c is 1/400. A literal whose
// exact value does not fit a long long numerator and denominator does not
// compile.
namespace chainrule {

namespace detail {

struct literal_value {
    bool valid = true;  // decimal digits, '.', an exponent, separators
    bool fits = true;   // numerator and denominator fit in long long
    long long num = 0, den = 1;
};

constexpr bool multiply_fits(unsigned long long& x, unsigned long long by) {
    if (x != 0 && by > static_cast<unsigned long long>(-1) / x) return false;
    x *= by;
    return true;
}

// Reads a decimal literal: digits with ' separators, an optional fraction,
// an optional exponent e[+-]digits.
constexpr literal_value parse_literal(const char* s, std::size_t n) {
    literal_value r;
    unsigned long long mantissa = 0;
    long long exponent = 0;  // value = mantissa * 10^exponent
    std::size_t i = 0;
    bool digits = false, point = false;
    if (n >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X' || s[1] == 'b' || s[1] == 'B')) {
        r.valid = false;
        return r;
    }
    for (; i < n; ++i) {
        const char c = s[i];
        if (c == '\'') continue;
        if (c == '.') {
            if (point) r.valid = false;
            point = true;
            continue;
        }
        if (c < '0' || c > '9') break;
        digits = true;
        if (!multiply_fits(mantissa, 10) || mantissa + static_cast<unsigned>(c - '0') < mantissa) {
            r.fits = false;
            return r;
        }
        mantissa += static_cast<unsigned>(c - '0');
        if (point) --exponent;
    }
    if (i < n) {
        if (s[i] != 'e' && s[i] != 'E') {
            r.valid = false;
            return r;
        }
        ++i;
        bool negative = false;
        if (i < n && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
        long long e = 0;
        bool any = false;
        for (; i < n; ++i) {
            if (s[i] == '\'') continue;
            if (s[i] < '0' || s[i] > '9' || e > 100000) {
                r.valid = false;
                return r;
            }
            e = 10 * e + (s[i] - '0');
            any = true;
        }
        if (!any) r.valid = false;
        exponent += negative ? -e : e;
    }
    if (!digits || !r.valid) {
        r.valid = false;
        return r;
    }
    if (mantissa == 0) return r;
    // Trailing zeros of the mantissa move into the exponent; then the
    // factors 2 and 5 of the mantissa cancel those of the denominator 10^k.
    while (mantissa % 10 == 0) mantissa /= 10, ++exponent;
    unsigned long long num = mantissa, den = 1;
    if (exponent >= 0) {
        for (long long k = 0; k < exponent; ++k)
            if (!multiply_fits(num, 10)) {
                r.fits = false;
                return r;
            }
    } else {
        long long twos = -exponent, fives = -exponent;
        while (twos > 0 && num % 2 == 0) num /= 2, --twos;
        while (fives > 0 && num % 5 == 0) num /= 5, --fives;
        for (long long k = 0; k < twos; ++k)
            if (!multiply_fits(den, 2)) {
                r.fits = false;
                return r;
            }
        for (long long k = 0; k < fives; ++k)
            if (!multiply_fits(den, 5)) {
                r.fits = false;
                return r;
            }
    }
    constexpr unsigned long long limit = static_cast<unsigned long long>(static_cast<long long>(~0ULL >> 1));
    if (num > limit || den > limit) {
        r.fits = false;
        return r;
    }
    r.num = static_cast<long long>(num);
    r.den = static_cast<long long>(den);
    return r;
}

template <char... Cs>
struct literal_constant {
    static constexpr char text[] = {Cs..., '\0'};
    static constexpr literal_value v = parse_literal(text, sizeof...(Cs));
    static_assert(v.valid, "chainrule::operator\"\"_c: write a decimal number, such as 3_c, 0.8_c or 2.5e-3_c");
    static_assert(!v.valid || v.fits,
                  "chainrule::operator\"\"_c: the literal's exact value does not fit in a fraction of two long longs");
    using type = Rational<(v.valid && v.fits) ? v.num : 0, (v.valid && v.fits) ? v.den : 1>;
};

}  // namespace detail

namespace literals {

/// An exact constant from a decimal literal: 3_c is Int<3>, 0.8_c is
/// Rational<4, 5>, 2.5e-3_c is Rational<1, 400>.
template <char... Cs>
constexpr typename detail::literal_constant<Cs...>::type operator""_c() {
    return {};
}

}  // namespace literals
}  // namespace chainrule
// ---- end chainrule/literals.hpp
// ---- back in chainrule.hpp

// ---- begin chainrule/operators.hpp



// Value-level syntax: write expressions as ordinary C++ and get the same
// types the aliases build.
//
//   constexpr auto x = X{};
//   constexpr auto f = sigmoid(x) * x + int_c<1>;
//   constexpr auto df = d(f, x);          // a value of type D<decltype(f), X>
//   static_assert(df(0.0) == 0.5);
//
// Every value is an empty object; all the information is in its type, so
// these functions compute nothing at run time.
namespace chainrule {

/// a + b, as Add<A, B>.
template <Expression A, Expression B>
constexpr Add<A, B> operator+(A, B) {
    return {};
}
/// a - b, as Sub<A, B>.
template <Expression A, Expression B>
constexpr Sub<A, B> operator-(A, B) {
    return {};
}
/// a * b, as Mul<A, B>.
template <Expression A, Expression B>
constexpr Mul<A, B> operator*(A, B) {
    return {};
}
/// a / b, as Div<A, B>.
template <Expression A, Expression B>
constexpr Div<A, B> operator/(A, B) {
    return {};
}
/// -a, as Neg<A>.
template <Expression A>
constexpr Neg<A> operator-(A) {
    return {};
}
/// +a is a.
template <Expression A>
constexpr A operator+(A a) {
    return a;
}

namespace detail {
template <class N>
inline constexpr bool plain_number = std::is_arithmetic_v<N>;
template <class N>
constexpr void reject_plain_number() {
    static_assert(!plain_number<N>,
                  "chainrule: a plain number in an expression; write an exact constant: 3_c or "
                  "0.8_c (using namespace chainrule::literals;), or int_c<3>");
}
}  // namespace detail

// A plain number beside an expression (3 * x, x + 0.5) is one short error
// that names the fix: its exact value is not in its type.
template <class N, Expression A>
    requires detail::plain_number<N>
constexpr A operator+(N, A a) { return detail::reject_plain_number<N>(), a; }
template <Expression A, class N>
    requires detail::plain_number<N>
constexpr A operator+(A a, N) { return detail::reject_plain_number<N>(), a; }
template <class N, Expression A>
    requires detail::plain_number<N>
constexpr A operator-(N, A a) { return detail::reject_plain_number<N>(), a; }
template <Expression A, class N>
    requires detail::plain_number<N>
constexpr A operator-(A a, N) { return detail::reject_plain_number<N>(), a; }
template <class N, Expression A>
    requires detail::plain_number<N>
constexpr A operator*(N, A a) { return detail::reject_plain_number<N>(), a; }
template <Expression A, class N>
    requires detail::plain_number<N>
constexpr A operator*(A a, N) { return detail::reject_plain_number<N>(), a; }
template <class N, Expression A>
    requires detail::plain_number<N>
constexpr A operator/(N, A a) { return detail::reject_plain_number<N>(), a; }
template <Expression A, class N>
    requires detail::plain_number<N>
constexpr A operator/(A a, N) { return detail::reject_plain_number<N>(), a; }
template <Expression A, class N>
    requires detail::plain_number<N>
constexpr A pow(A a, N) { return detail::reject_plain_number<N>(), a; }

/// a raised to b, as Pow<A, B>: pow(f, int_c<3>).
template <Expression A, Expression B>
constexpr Pow<A, B> pow(A, B) {
    return {};
}
/// a raised to the integer N, as Pow<A, Int<N>>: pow<3>(f).
template <long long N, Expression A>
constexpr Pow<A, Int<N>> pow(A) {
    return {};
}

// The functions' own spellings, exp(a), sin(a), sigmoid(a), ..., live with
// each function, in functions/<name>.hpp.

/// The derivative of f by its only variable, as D<F>.
template <Expression F>
constexpr D<F> d(F) {
    return {};
}
/// The derivative of f by the variable v, as D<F, V>.
template <Expression F, Variable V>
constexpr D<F, V> d(F, V) {
    return {};
}
/// The N-th derivative of f by v, as D<F, V, N>: d<2>(f, x).
template <int N, Expression F, Variable V>
constexpr D<F, V, N> d(F, V) {
    return {};
}

}  // namespace chainrule
// ---- end chainrule/operators.hpp
// ---- back in chainrule.hpp

// ---- begin chainrule/print.hpp


#include <iosfwd>
#include <string_view>

// Printing an expression, at compile time, in four notations:
//
//   to_text<E>()    6*(2*x + 1)^2                  parses back in a CAS, ^ is power
//   to_latex<E>()   6 \left(2 x + 1\right)^{2}
//   to_mathml<E>()  <math><mrow><mn>6</mn>...</mrow></math>
//   to_cpp<E>()     6*std::pow(2*x + 1, 2)         a C++ expression of the variables
//
// Each returns a fixed_string, so the printed form can be checked by
// static_assert; std::cout << e prints to_text of an expression value e.
//
// The notation is the conventional one: as few parentheses as precedence and
// associativity allow; a term with a negative coefficient is subtracted
// (x - y); a negative constant power is a division (1/x^2); the constant term
// of a sum comes last (2*x + 1) unless every other term is subtracted
// (1 - sigma(x)).
//
// How a function is printed is up to its tag (functions/function.hpp), through
// optional static members, each a const char*:
//   text     the name in text, to_text: sigmoid_fn::text = "sigma" (default: name)
//   latex    the LaTeX: "\\sin" (an operator name), or a template where # stands
//            for the argument: exp_fn::latex = "e^{#}" (default: \operatorname{name})
//   mathml   the MathML, the same way: "<mi>sin</mi>" or "<msqrt>#</msqrt>"
//            (default: from latex when it is a Greek letter or an operator name)
//   cpp      the C++ function to call: "std::exp" (default, for chainrule's own
//            tags only: chainrule::<name>_fn::eval; a tag of yours without
//            cpp cannot be printed by to_cpp, and says so)

// Whether a tag is one of chainrule's, told by argument-dependent lookup: the
// probe below is called from outside namespace chainrule, where ordinary
// lookup finds only the fallback, so the overload of namespace chainrule is
// seen only for a type of that namespace. (Not by its name or type_info,
// which would be the compiler's choice.)
namespace chainrule {
template <class Fn>
constexpr bool chainrule_namespace_probe(const Fn*) {
    return true;
}
}  // namespace chainrule
namespace chainrule_adl::detail {
constexpr bool chainrule_namespace_probe(const void*) { return false; }
template <class Fn>
inline constexpr bool in_chainrule_namespace = chainrule_namespace_probe(static_cast<const Fn*>(nullptr));
}  // namespace chainrule_adl::detail

namespace chainrule {

namespace detail {
// Not constexpr: reached in a constant expression, it stops the compilation
// there, with this name in the message.
inline void fixed_string_capacity_exceeded() {}
}  // namespace detail

/// A string of at most N characters, usable in constant expressions: what
/// to_text<E>() and the other printers return. It compares with string
/// literals and std::string_view, and converts to std::string_view and
/// std::string.
template <std::size_t N>
struct fixed_string {
    char chars[N + 1]{};
    std::size_t length = 0;

    static constexpr std::size_t capacity() { return N; }
    constexpr std::size_t size() const { return length; }
    constexpr bool empty() const { return length == 0; }
    constexpr const char* data() const { return chars; }
    constexpr const char* c_str() const { return chars; }
    constexpr const char* begin() const { return chars; }
    constexpr const char* end() const { return chars + length; }
    constexpr char operator[](std::size_t i) const { return chars[i]; }

    constexpr std::string_view view() const { return {chars, length}; }
    constexpr operator std::string_view() const { return view(); }
    operator std::string() const { return std::string(chars, length); }

    /// Appends a character or a string. Beyond the capacity nothing is
    /// written, and in a constant expression that is a compile error.
    constexpr void append(char c) {
        if (length < N) chars[length++] = c;
        else if (std::is_constant_evaluated()) detail::fixed_string_capacity_exceeded();
    }
    constexpr void append(std::string_view s) {
        for (char c : s) append(c);
    }

    template <std::size_t M>
    friend constexpr bool operator==(const fixed_string& a, const fixed_string<M>& b) {
        return a.view() == b.view();
    }
    friend constexpr bool operator==(const fixed_string& a, std::string_view b) { return a.view() == b; }
    template <std::size_t M>
    friend constexpr bool operator==(const fixed_string& a, const char (&b)[M]) {
        return a.view() == std::string_view(b, M - 1);
    }

    template <class CharT, class Traits>
    friend std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os, const fixed_string& s) {
        return os.write(s.chars, static_cast<std::streamsize>(s.length));
    }
};

namespace detail {

enum class notation { text, latex, mathml, cpp };

constexpr std::size_t length_of(const char* s) {
    std::size_t n = 0;
    while (s[n] != '\0') ++n;
    return n;
}

// By index, not string_view::find: libstdc++'s find tests the pointer it
// gets for null, which g++ cannot decide during constant evaluation for a
// static object under -fno-delete-null-pointer-checks (as -fsanitize=null
// implies), so the page would not compile there.
constexpr bool contains(std::string_view s, char c) {
    for (char x : s)
        if (x == c) return true;
    return false;
}
constexpr bool contains(std::string_view s, std::string_view t) {
    for (std::size_t i = 0; i + t.size() <= s.size(); ++i)
        if (s.substr(i, t.size()) == t) return true;
    return false;
}

// Where the argument goes in a function's template: the first # that is not
// part of a character reference (&#x3C3;) or an escape (\#); npos for a name.
constexpr std::size_t find_hole(std::string_view form) {
    for (std::size_t i = 0; i < form.size(); ++i)
        if (form[i] == '#' && (i == 0 || (form[i - 1] != '&' && form[i - 1] != '\\'))) return i;
    return std::string_view::npos;
}

// Digits of |n| (n may be LLONG_MIN).
constexpr fixed_string<20> digits_of(long long n) {
    char digits[20]{};
    const std::size_t k = write_decimal(magnitude_of(n), digits);
    fixed_string<20> out;
    for (std::size_t i = 0; i < k; ++i) out.append(digits[i]);
    return out;
}

constexpr long long magnitude(long long n) { return n < 0 ? -n : n; }

// Lower-case Greek letters: the LaTeX command's name and the character as an
// HTML numeric reference (MathML is written in ASCII).
struct greek_letter {
    const char* name;
    const char* entity;
};
inline constexpr greek_letter greek_letters[] = {
    {"alpha", "&#x3B1;"},  {"beta", "&#x3B2;"},  {"gamma", "&#x3B3;"}, {"delta", "&#x3B4;"},   {"epsilon", "&#x3B5;"},
    {"zeta", "&#x3B6;"},   {"eta", "&#x3B7;"},   {"theta", "&#x3B8;"}, {"iota", "&#x3B9;"},    {"kappa", "&#x3BA;"},
    {"lambda", "&#x3BB;"}, {"mu", "&#x3BC;"},    {"nu", "&#x3BD;"},    {"xi", "&#x3BE;"},      {"pi", "&#x3C0;"},
    {"rho", "&#x3C1;"},    {"sigma", "&#x3C3;"}, {"tau", "&#x3C4;"},   {"upsilon", "&#x3C5;"}, {"phi", "&#x3C6;"},
    {"chi", "&#x3C7;"},    {"psi", "&#x3C8;"},   {"omega", "&#x3C9;"},
};
constexpr const char* greek_entity(std::string_view name) {
    for (const auto& g : greek_letters)
        if (name == g.name) return g.entity;
    return nullptr;
}

// Characters that MathML (XML) and LaTeX cannot take as they are.
template <std::size_t N>
constexpr void append_escaped(fixed_string<N>& out, std::string_view s, notation how) {
    for (char c : s) {
        if (how == notation::mathml) {
            if (c == '<') out.append("&lt;");
            else if (c == '>') out.append("&gt;");
            else if (c == '&') out.append("&amp;");
            else out.append(c);
        } else if (how == notation::latex &&
                   (c == '_' || c == '#' || c == '$' || c == '%' || c == '&' || c == '{' || c == '}')) {
            out.append('\\');
            out.append(c);
        } else {
            out.append(c);
        }
    }
}

// The longest printed variable name: 15 characters, escaped and marked up.
inline constexpr std::size_t variable_capacity = 128;

// How a variable is printed, in every notation: the one place that reads a
// variable's name. A name of letters then digits has the digits as a
// subscript in LaTeX and MathML (w1 is w_{1}); a Greek letter's name is the
// letter (theta is \theta).
template <notation How>
constexpr fixed_string<variable_capacity> print_variable(const var_name& name) {
    const std::string_view all(name.c_str());
    std::size_t split = all.size();
    if (name.rank == 0) {  // w1 prints as w_{1}; an indexed w[1][2] keeps its name whole
        while (split > 0 && all[split - 1] >= '0' && all[split - 1] <= '9') --split;
        if (split == 0) split = all.size();  // all digits: no subscript
    }
    const std::string_view letters = all.substr(0, split), index = all.substr(split);
    const bool subscript = !index.empty() || name.rank > 0;
    // the indices of w[1][2]: "1,2" (LaTeX) or <mn>1</mn><mo>,</mo><mn>2</mn> (MathML)
    auto put_indices = [&](fixed_string<variable_capacity>& out) {
        for (std::size_t k = 0; k < name.rank; ++k) {
            if (k > 0) out.append(How == notation::mathml ? "<mo>,</mo>" : ",");
            if (How == notation::mathml) out.append("<mn>");
            out.append(digits_of(static_cast<long long>(name.indices[k])).view());
            if (How == notation::mathml) out.append("</mn>");
        }
    };
    fixed_string<variable_capacity> out;
    if constexpr (How == notation::text || How == notation::cpp) {
        out.append(text_of(name).c_str());  // w, w1, w[1][2]
    } else if constexpr (How == notation::latex) {
        if (greek_entity(letters) != nullptr) {
            out.append('\\');
            out.append(letters);
        } else if (letters.size() > 1) {
            out.append("\\mathit{");
            append_escaped(out, letters, How);
            out.append('}');
        } else {
            append_escaped(out, letters, How);
        }
        if (subscript) {
            out.append("_{");
            out.append(index);
            put_indices(out);
            out.append('}');
        }
    } else {
        if (subscript) out.append("<msub>");
        out.append("<mi>");
        if (const char* entity = greek_entity(letters)) out.append(entity);
        else append_escaped(out, letters, How);
        out.append("</mi>");
        if (!index.empty()) {
            out.append("<mn>");
            out.append(index);
            out.append("</mn></msub>");
        } else if (name.rank > 0) {
            out.append("<mrow>");
            put_indices(out);
            out.append("</mrow></msub>");
        }
    }
    return out;
}

// ------------------------------------------------------------- precedence
// How tightly a printed expression holds together: a parent puts parentheses
// around a child that binds less tightly than the parent's operator needs.
enum precedence : int { sum_level = 1, product_level = 2, power_level = 3, atom_level = 4 };

template <std::size_t N>
struct rendering {
    fixed_string<N> str;
    int level = atom_level;
};

// Room for a node's own symbols (signs, parentheses, digits of constants,
// MathML tags) on top of what its children print.
inline constexpr std::size_t node_overhead = 160;

template <class E, notation How>
struct render;

/// The rendering of E, computed once per type and notation. Each is a
/// constant evaluation of its own, which only concatenates its children's.
template <class E, notation How>
inline constexpr auto rendered = render<E, How>::value();

template <class E, notation How>
inline constexpr std::size_t rendered_size = rendered<E, How>.str.size();

// ------------------------------------------------------- function members

template <class Fn>
constexpr const char* function_text() {
    if constexpr (requires { Fn::text; }) return Fn::text;
    else return Fn::name;
}

template <class Fn>
constexpr bool function_has_latex = requires {
    Fn::latex;
};
template <class Fn>
constexpr bool function_has_mathml = requires {
    Fn::mathml;
};
template <class Fn>
constexpr bool function_has_cpp = requires {
    Fn::cpp;
};

// The template of a function in a notation, # standing for the argument.
// A template without # is a name, followed by the argument in parentheses.
template <class Fn, notation How>
constexpr fixed_string<256> function_template() {
    fixed_string<256> out;
    if constexpr (How == notation::text) {
        out.append(function_text<Fn>());
    } else if constexpr (How == notation::latex) {
        if constexpr (function_has_latex<Fn>) {
            out.append(Fn::latex);
        } else {
            out.append("\\operatorname{");
            append_escaped(out, function_text<Fn>(), How);
            out.append('}');
        }
    } else if constexpr (How == notation::mathml) {
        if constexpr (function_has_mathml<Fn>) {
            out.append(Fn::mathml);
        } else {
            // From the LaTeX: \sigma is the letter, \sin and \operatorname{relu}
            // are names.
            std::string_view latex;
            if constexpr (function_has_latex<Fn>) latex = Fn::latex;
            std::string_view name = function_text<Fn>();
            if (latex.size() > 1 && latex[0] == '\\' && !contains(latex, '#') && !contains(latex, '{')) {
                name = latex.substr(1);
            } else if (latex.starts_with("\\operatorname{") && latex.ends_with('}')) {
                name = latex.substr(14, latex.size() - 15);
            }
            out.append("<mi>");
            if (const char* entity = greek_entity(name)) out.append(entity);
            else append_escaped(out, name, How);
            out.append("</mi>");
        }
    } else {
        if constexpr (function_has_cpp<Fn>) {
            out.append(Fn::cpp);
        } else {
            static_assert(chainrule_adl::detail::in_chainrule_namespace<Fn>,
                          "chainrule::to_cpp: a function tag of yours has no cpp member, so the code cannot name "
                          "the function; give the tag static constexpr const char* cpp = \"...\", the C++ "
                          "function to call with the argument(s), as exp_fn's is \"std::exp\"");
            out.append("chainrule::");
            out.append(Fn::name);
            out.append("_fn::eval");
        }
    }
    return out;
}

template <class Fn, notation How>
inline constexpr fixed_string<256> function_form = function_template<Fn, How>();

// ------------------------------------------------------------- leaf nodes

constexpr std::size_t total(std::initializer_list<std::size_t> sizes) {
    std::size_t n = 0;
    for (std::size_t k : sizes) n += k;
    return n;
}

template <std::size_t N, class Source>
constexpr void append_all(fixed_string<N>& out, const Source& s) {
    out.append(s.view());
}

template <std::size_t N, class Source>
constexpr void append_parenthesized(fixed_string<N>& out, const Source& s, notation how) {
    if (how == notation::latex) out.append("\\left(");
    else if (how == notation::mathml) out.append("<mrow><mo>(</mo>");
    else out.append('(');
    out.append(s.view());
    if (how == notation::latex) out.append("\\right)");
    else if (how == notation::mathml) out.append("<mo>)</mo></mrow>");
    else out.append(')');
}

template <std::size_t N>
constexpr void append_minus(fixed_string<N>& out, notation how) {
    if (how == notation::mathml) out.append("<mo>-</mo>");
    else out.append('-');
}

template <std::size_t N>
constexpr void append_number(fixed_string<N>& out, long long magnitude_value, notation how) {
    if (how == notation::mathml) out.append("<mn>");
    out.append(digits_of(magnitude_value).view());
    if (how == notation::mathml) out.append("</mn>");
}

// ---------------------------------------------------------------- products
// A product coefficient * factors, the coefficient P/Q given apart so that a
// sum can print a term's magnitude after its minus sign. Factors that are
// powers with a negative constant exponent go below the fraction bar.

template <class F>
struct denominator_factor : std::false_type {};
template <class B, class C>
    requires Constant<C>
struct denominator_factor<Power<B, C>> : std::bool_constant<(C::numerator < 0)> {
};

template <notation How, long long P, long long Q, class... Fs>
struct render_product;

// An exponent's printed form; 1/2 is a square root, written by the parent.
template <class E, notation How>
constexpr bool is_one_half = std::is_same<E, Ratio<1, 2>>::value;

// base^E for a constant or symbolic exponent E (E is not 0 or 1, nor negative
// constant: those are quotients).
template <class B, class E, notation How>
struct render_power {
    static constexpr std::size_t capacity = rendered_size<B, How> + rendered_size<E, How> + node_overhead;
    static constexpr rendering<capacity> value() {
        rendering<capacity> r;
        const auto& base = rendered<B, How>;
        const auto& exponent = rendered<E, How>;
        if constexpr (How == notation::cpp) {
            if constexpr (is_one_half<E, How>) {
                r.str.append("std::sqrt(");
                r.str.append(base.str.view());
                r.str.append(')');
            } else {
                r.str.append("std::pow(");
                r.str.append(base.str.view());
                r.str.append(", ");
                r.str.append(exponent.str.view());
                r.str.append(')');
            }
            r.level = atom_level;
        } else if constexpr (is_one_half<E, How>) {
            if constexpr (How == notation::text) {
                r.str.append("sqrt(");
                r.str.append(base.str.view());
                r.str.append(')');
            } else if constexpr (How == notation::latex) {
                r.str.append("\\sqrt{");
                r.str.append(base.str.view());
                r.str.append('}');
            } else {
                r.str.append("<msqrt>");
                r.str.append(base.str.view());
                r.str.append("</msqrt>");
            }
            r.level = atom_level;
        } else {
            const bool base_atomic = base.level >= atom_level;
            if constexpr (How == notation::mathml) r.str.append("<msup>");
            if (base_atomic) {
                if constexpr (How == notation::mathml) r.str.append("<mrow>");
                r.str.append(base.str.view());
                if constexpr (How == notation::mathml) r.str.append("</mrow>");
            } else {
                append_parenthesized(r.str, base.str, How);
            }
            if constexpr (How == notation::text) {
                r.str.append('^');
                // Integers and variables need no parentheses: x^2, 2^x.
                if (exponent.level >= atom_level && (Variable<E> || Constant<E>)) r.str.append(exponent.str.view());
                else append_parenthesized(r.str, exponent.str, How);
            } else if constexpr (How == notation::latex) {
                r.str.append("^{");
                r.str.append(exponent.str.view());
                r.str.append('}');
            } else {
                r.str.append("<mrow>");
                r.str.append(exponent.str.view());
                r.str.append("</mrow></msup>");
            }
            r.level = power_level;
        }
        return r;
    }
};

// The magnitude of a negative constant exponent C, for the denominator.
template <class C>
using negated_constant = constant_t<rational{-C::numerator, C::denominator}>;

// A factor's form in a product, with parentheses if it is a sum; bare() is
// the form without them, for a factor alone above or below a fraction bar.
template <class F, notation How>
struct factor_form {  // a factor above the bar
    static constexpr std::size_t capacity = rendered_size<F, How> + node_overhead;
    static constexpr fixed_string<capacity> value() {
        fixed_string<capacity> out;
        const auto& f = rendered<F, How>;
        if (f.level <= sum_level) append_parenthesized(out, f.str, How);
        else out.append(f.str.view());
        return out;
    }
};
template <class B, class C, notation How>
    requires Constant<C> &&
        (C::numerator < 0) struct factor_form<Power<B, C>, How> {  // a factor below the bar, as B^|C|
        using magnitude = negated_constant<C>;
        static constexpr std::size_t capacity =
            rendered_size<B, How> + rendered_size<magnitude, How> + 2 * node_overhead;
        static constexpr fixed_string<capacity> value() {
            fixed_string<capacity> out;
            if constexpr (std::is_same<magnitude, Int<1>>::value) {
                const auto& b = rendered<B, How>;
                if (b.level <= sum_level) append_parenthesized(out, b.str, How);
                else out.append(b.str.view());
            } else {
                const auto r = render_power<B, magnitude, How>::value();
                out.append(r.str.view());
            }
            return out;
        }
    };

    template <class F, notation How>
    inline constexpr auto factor_string = factor_form<F, How>::value();

    template <class F, notation How>
    constexpr std::string_view bare_factor() {
        if constexpr (!denominator_factor<F>::value) return rendered<F, How>.str.view();
        else if constexpr (std::is_same<typename factor_form<F, How>::magnitude, Int<1>>::value)
            return rendered<typename F::base, How>.str.view();
        else return factor_string<F, How>.view();
    }

    // Joins the items of one side of a fraction: 2*x*y, 2 x y, <mn>2</mn><mo>&#x2062;</mo>...
    template <std::size_t N>
    constexpr void append_times(fixed_string<N>& out, std::string_view next, notation how) {
        const bool digit_follows = !next.empty() && ((next[0] >= '0' && next[0] <= '9') || next.starts_with("<mn>"));
        if (how == notation::text || how == notation::cpp) out.append('*');
        else if (how == notation::latex) out.append(digit_follows ? " \\cdot " : " ");
        else out.append(digit_follows ? "<mo>&#xB7;</mo>" : "<mo>&#x2062;</mo>");
    }

    template <notation How, long long P, long long Q, class... Fs>
    struct render_product {
        static_assert(Q > 0, "chainrule::to_text<E>(): a product's coefficient has a positive denominator");
        // (sums over arrays, not folds: Clang refuses folds over 256 operands)
        static constexpr std::size_t capacity =
            total({std::size_t{0}, factor_string<Fs, How>.size()...}) + (sizeof...(Fs) + 2) * node_overhead;
        static constexpr std::size_t below = total({std::size_t{0}, std::size_t(denominator_factor<Fs>::value)...});
        static constexpr std::size_t above = sizeof...(Fs) - below;

        static constexpr rendering<capacity> value() {
            rendering<capacity> r;
            // Above the bar: |P| unless it is a 1 with factors after it; then the factors.
            fixed_string<capacity> top, bottom;
            std::size_t top_items = 0, bottom_items = 0;
            if (magnitude(P) != 1 || above == 0) {
                append_number(top, magnitude(P), How);
                if (How == notation::cpp && above == 0 && below == 0 && Q != 1) top.append(".0");
                ++top_items;
            }
            if (Q != 1) {
                append_number(bottom, Q, How);
                ++bottom_items;
            }
            int top_level = atom_level;  // the level of a lone item above the bar
            // In LaTeX and MathML the bar groups its sides: a lone sum above or
            // below it needs no parentheses.
            std::string_view top_bare, bottom_bare;
            auto place = [&](bool is_below, std::string_view s, std::string_view bare, int level) {
                fixed_string<capacity>& side = is_below ? bottom : top;
                std::size_t& count = is_below ? bottom_items : top_items;
                if (count > 0) append_times(side, s, How);
                side.append(s);
                ++count;
                if (is_below) bottom_bare = bare;
                else top_bare = bare, top_level = level;
            };
            (place(denominator_factor<Fs>::value, factor_string<Fs, How>.view(), bare_factor<Fs, How>(),
                   factor_level<Fs>()),
             ...);
            (void)place;  // no factors: a constant
            if constexpr (How == notation::latex || How == notation::mathml) {
                if (top_items == 1 && !top_bare.empty()) top = {}, top.append(top_bare);
                if (bottom_items == 1 && !bottom_bare.empty()) bottom = {}, bottom.append(bottom_bare);
            }

            if (P < 0) append_minus(r.str, How);
            if (bottom_items == 0) {
                r.str.append(top.view());
                r.level = (P < 0 || top_items > 1) ? product_level : top_level;
            } else if constexpr (How == notation::latex) {
                r.str.append("\\frac{");
                r.str.append(top.view());
                r.str.append("}{");
                r.str.append(bottom.view());
                r.str.append('}');
                r.level = product_level;
            } else if constexpr (How == notation::mathml) {
                r.str.append("<mfrac><mrow>");
                r.str.append(top.view());
                r.str.append("</mrow><mrow>");
                r.str.append(bottom.view());
                r.str.append("</mrow></mfrac>");
                r.level = product_level;
            } else {
                r.str.append(top.view());
                r.str.append('/');
                if (bottom_items > 1) append_parenthesized(r.str, bottom, How);
                else r.str.append(bottom.view());
                r.level = product_level;
            }
            return r;
        }
        // A factor above the bar keeps its level (a sum is in parentheses).
        template <class F>
        static constexpr int factor_level() {
            if constexpr (denominator_factor<F>::value) return atom_level;
            else return rendered<F, How>.level <= sum_level ? atom_level : rendered<F, How>.level;
        }
    };

    // ------------------------------------------------------------------- sums
    // Terms print in the canonical order with the constant moved last (2*x + 1),
    // except that the first term added comes first when the sum would otherwise
    // open with a minus (y - x, 1 - sigma(x)).

    template <class T>
    struct term_sign {  // the coefficient's sign, the term seen as coefficient * rest
        static constexpr bool negative = false;
    };
    template <long long N>
    struct term_sign<Int<N>> {
        static constexpr bool negative = N < 0;
    };
    template <long long P, long long Q>
    struct term_sign<Ratio<P, Q>> {
        static constexpr bool negative = P < 0;
    };
    template <class C, class... Fs>
        requires Constant<C>
    struct term_sign<Product<C, Fs...>> {
        static constexpr bool negative = C::numerator < 0;
    };

    // A term's magnitude, printed.
    template <class T, notation How>
    struct term_magnitude {
        static constexpr auto value() { return rendered<T, How>; }
    };
    template <long long N, notation How>
        requires(N < 0)
    struct term_magnitude<Int<N>, How> {
        static constexpr auto value() { return render_product<How, -N, 1>::value(); }
    };
    template <long long P, long long Q, notation How>
        requires(P < 0)
    struct term_magnitude<Ratio<P, Q>, How> {
        static constexpr auto value() { return render_product<How, -P, Q>::value(); }
    };
    template <class C, class... Fs, notation How>
        requires Constant<C> &&(C::numerator < 0) struct term_magnitude<Product<C, Fs...>, How> {
            static constexpr auto value() { return render_product<How, -C::numerator, C::denominator, Fs...>::value(); }
        };

        template <class T, notation How>
        inline constexpr auto term_string = term_magnitude<T, How>::value();

        template <notation How, class... Ts>
        struct render_sum {
            static constexpr std::size_t capacity =
                total({std::size_t{0}, term_string<Ts, How>.str.size()...}) + (sizeof...(Ts) + 1) * node_overhead;

            static constexpr rendering<capacity> value() {
                rendering<capacity> r;
                constexpr std::size_t n = sizeof...(Ts);
                const std::string_view terms[] = {term_string<Ts, How>.str.view()...};
                constexpr bool negative[] = {term_sign<Ts>::negative...};
                constexpr bool constant[] = {Constant<Ts>...};
                // The order: the terms that are not constants, then the constant.
                std::size_t order[n]{};
                std::size_t k = 0;
                for (std::size_t i = 0; i < n; ++i)
                    if (!constant[i]) order[k++] = i;
                for (std::size_t i = 0; i < n; ++i)
                    if (constant[i]) order[k++] = i;
                // A sum does not open with a minus if it has a term to add.
                std::size_t lead = 0;
                while (lead < n && negative[order[lead]]) ++lead;
                if (lead == n) lead = 0;
                bool first = true;
                auto put = [&](std::size_t i) {
                    if (first) {
                        if (negative[i]) append_minus(r.str, How);
                    } else if constexpr (How == notation::mathml) {
                        r.str.append(negative[i] ? "<mo>-</mo>" : "<mo>+</mo>");
                    } else {
                        r.str.append(negative[i] ? " - " : " + ");
                    }
                    r.str.append(terms[i]);
                    first = false;
                };
                put(order[lead]);
                for (std::size_t j = 0; j < n; ++j)
                    if (j != lead) put(order[j]);
                r.level = sum_level;
                return r;
            }
        };

        // -------------------------------------------------------------- the nodes
        // One specialisation per node kind of expression.hpp; anything else stops
        // at the static_assert of the primary template.

        template <class E, notation How>
        struct render {
            static_assert(
                sizeof(E) == 0,
                "chainrule::to_text<E>() (and to_latex, to_mathml, to_cpp): E is a node kind the printer does "
                "not handle; it prints Int, Ratio, Var, Sum, Product, Power and Call");
            static constexpr rendering<1> value() { return {}; }
        };

        template <long long N, notation How>
        struct render<Int<N>, How> {
            static constexpr rendering<64> value() {
                rendering<64> r;
                if (N < 0) append_minus(r.str, How);
                append_number(r.str, N, How);
                r.level = N < 0 ? product_level : atom_level;
                return r;
            }
        };

        template <long long P, long long Q, notation How>
        struct render<Ratio<P, Q>, How> {
            static constexpr auto value() { return render_product<How, P, Q>::value(); }
        };

        template <var_name Name, std::size_t... I, notation How>
        struct render<Var<Name, I...>, How> {
            static constexpr rendering<variable_capacity> value() {
                return {print_variable<How>(Var<Name, I...>::name), atom_level};
            }
        };

        template <class... Ts, notation How>
        struct render<Sum<Ts...>, How> {
            static constexpr auto value() { return render_sum<How, Ts...>::value(); }
        };

        template <class... Fs, notation How>
        struct render<Product<Fs...>, How> {
            static constexpr auto value() { return render_product<How, 1, 1, Fs...>::value(); }
        };
        template <class C, class... Fs, notation How>
            requires Constant<C>
        struct render<Product<C, Fs...>, How> {
            static constexpr auto value() { return render_product<How, C::numerator, C::denominator, Fs...>::value(); }
        };

        template <class B, class E, notation How>
        struct render<Power<B, E>, How> {
            static constexpr auto value() {
                if constexpr (denominator_factor<Power<B, E>>::value)
                    return render_product<How, 1, 1, Power<B, E>>::value();
                else return render_power<B, E, How>::value();
            }
        };

        // A named constant (a function of no arguments, Pi): its name.
        template <class Fn, notation How>
        struct render<Call<Fn>, How> {
            static constexpr rendering<256> value() {
                rendering<256> r;
                r.str.append(function_form<Fn, How>.view());
                if constexpr (How == notation::cpp && !function_has_cpp<Fn>) r.str.append("<double>()");
                r.level = atom_level;
                return r;
            }
        };

        // A function of two arguments: atan2(y, x).
        template <class Fn, class A, class B, notation How>
        struct render<Call<Fn, A, B>, How> {
            static constexpr std::size_t capacity = rendered_size<A, How> + rendered_size<B, How> + 256 + node_overhead;
            template <class C>
            static constexpr void argument(fixed_string<capacity>& out) {
                if constexpr (How == notation::cpp && Constant<C>) {  // in double, as for one argument
                    out.append('(');
                    if (C::numerator < 0) out.append('-');
                    out.append(digits_of(C::numerator).view());
                    out.append(".0");
                    if (C::denominator != 1) {
                        out.append('/');
                        out.append(digits_of(C::denominator).view());
                    }
                    out.append(')');
                } else {
                    out.append(rendered<C, How>.str.view());
                }
            }
            static constexpr rendering<capacity> value() {
                rendering<capacity> r;
                r.str.append(function_form<Fn, How>.view());
                if constexpr (How == notation::mathml) r.str.append("<mo>&#x2061;</mo><mrow><mo>(</mo>");
                else if constexpr (How == notation::latex) r.str.append("\\left(");
                else r.str.append('(');
                argument<A>(r.str);
                r.str.append(How == notation::mathml ? "<mo>,</mo>" : ", ");
                argument<B>(r.str);
                if constexpr (How == notation::mathml) r.str.append("<mo>)</mo></mrow>");
                else if constexpr (How == notation::latex) r.str.append("\\right)");
                else r.str.append(')');
                r.level = atom_level;
                return r;
            }
        };

        template <class Fn, class A, notation How>
        struct render<Call<Fn, A>, How> {
            static constexpr std::size_t capacity = rendered_size<A, How> + 256 + node_overhead;
            static constexpr rendering<capacity> value() {
                rendering<capacity> r;
                const std::string_view form = function_form<Fn, How>.view();
                const auto& argument = rendered<A, How>;
                const std::size_t hole = find_hole(form);
                if (hole != std::string_view::npos) {  // a template: e^{#}, \sqrt{#}
                    r.str.append(form.substr(0, hole));
                    r.str.append(argument.str.view());
                    r.str.append(form.substr(hole + 1));
                    // e^{x} as a base needs parentheses; \sqrt{x} does not.
                    r.level =
                        contains(form, '^') || contains(form, std::string_view("msup")) ? power_level : atom_level;
                    return r;
                }
                r.str.append(form);
                if constexpr (How == notation::mathml) r.str.append("<mo>&#x2061;</mo>");
                if constexpr (How == notation::cpp && Constant<A>) {
                    // A constant argument is written as a double, so that the call
                    // computes in double: chainrule::sigmoid_fn::eval(2.0).
                    r.str.append('(');
                    if (A::numerator < 0) r.str.append('-');
                    r.str.append(digits_of(A::numerator).view());
                    r.str.append(".0");
                    if (A::denominator != 1) {
                        r.str.append('/');
                        r.str.append(digits_of(A::denominator).view());
                    }
                    r.str.append(')');
                } else {
                    append_parenthesized(r.str, argument.str, How);
                }
                r.level = atom_level;
                return r;
            }
        };

        // The exact-size string of a rendering.
        template <class E, notation How>
        constexpr auto exact() {
            constexpr auto& r = rendered<E, How>;
            fixed_string<r.str.size()> out;
            out.append(r.str.view());
            return out;
        }

}  // namespace detail

/// E in plain text, parsable by a computer algebra system: "6*(2*x + 1)^2".
template <Expression E>
constexpr auto to_text() {
    return detail::exact<E, detail::notation::text>();
}

/// E in LaTeX: "6 \left(2 x + 1\right)^{2}".
template <Expression E>
constexpr auto to_latex() {
    return detail::exact<E, detail::notation::latex>();
}

/// E in MathML, a complete <math> element.
template <Expression E>
constexpr auto to_mathml() {
    constexpr auto& r = detail::rendered<E, detail::notation::mathml>;
    constexpr std::string_view open = "<math><mrow>", close = "</mrow></math>";
    fixed_string<r.str.size() + open.size() + close.size()> out;
    out.append(open);
    out.append(r.str.view());
    out.append(close);
    return out;
}

/// E as a C++ expression of its variables (in scope as double variables of
/// the same names) that computes E's value: "6*std::pow(2*x + 1, 2)". It uses
/// <cmath> and, for functions without a standard counterpart, chainrule.
template <Expression E>
constexpr auto to_cpp() {
    return detail::exact<E, detail::notation::cpp>();
}

/// Prints an expression value as to_text does: std::cout << D<Sigmoid<X>>{}.
template <class CharT, class Traits, Expression E>
std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os, const E&) {
    constexpr auto text = to_text<E>();
    return os.write(text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace chainrule
// ---- end chainrule/print.hpp
// ---- back in chainrule.hpp

// ---- begin chainrule/taylor.hpp


// ---- begin chainrule/detail/taylor.hpp



// Taylor-mode evaluation: the mixed partial derivative of high order of an
// expression at a point, from truncated multivariate Taylor series propagated
// over the expression's graph (detail/graph.hpp), not from the symbolic
// derivative (whose size grows about four times per order).
//
// A value is the array of Taylor coefficients c[k] of the expression in the
// requested variables v_1..v_m around the point, for every multi-index k in
// the box 0 <= k_i <= n_i (n_i the order asked for v_i): a dense array of
// prod (n_i + 1) numbers, stored in mixed radix (variable 1 varies fastest).
// The mixed partial is c[n] n_1! ... n_m!, the corner of the box.
//
// Sums add arrays; products convolve them, truncated to the box; a power with
// a constant exponent, and every function, is composed with its argument
// u = u0 + h by Horner's rule in the nilpotent h (h^(K+1) = 0 for K the total
// order), with the univariate Taylor coefficients of the outer function at u0.
// A function's coefficients come from the library's own symbolic derivatives
// of the function alone, f^(k)(u0) / k! = eval<D<f(u), u, k>>(u0) / k!, and of
// a function of two arguments from its mixed partials D<D<f(u, w), u, i>, w, j>:
// built-in and user functions alike, no per-function code. A power b^e whose
// exponent varies is exp(e log b).
//
// The sweep over the nodes is a loop over the graph's constexpr tables, not
// code generated per node, and the same loop, with an empty box, evaluates a
// function's derivatives: compile cost is the graph (linear in the
// expression) plus, per distinct function, its symbolic derivatives up to the
// total order; it does not grow with the size of the box.
//
// Each value also carries the set of requested variables it depends on (a
// bit mask), and a product or a composition runs only over the coefficients
// those variables can reach: log(y) in a partial of order (3, 2, 4, 3) costs
// a series of 5 coefficients, not 240. In Horner's rule, a partial sum that
// is still to be multiplied by h^k keeps only the terms of degree up to
// K - k, the others cannot reach the box.
namespace chainrule {
struct sqrt_fn;  // functions/sqrt.hpp and cbrt.hpp; named here only to recognise the roots
struct cbrt_fn;
}  // namespace chainrule

namespace chainrule::detail {

using taylor_mask = std::uint64_t;
inline constexpr std::size_t taylor_max_rank = 64;  // the bits of a mask

// ------------------------------------------------------------- the box

/// The box of Taylor coefficients as the machine reads it: per variable its
/// order and its stride.
struct taylor_box {
    const std::size_t* order = nullptr;
    const std::size_t* stride = nullptr;
    std::size_t rank = 0;   // the variables
    std::size_t size = 1;   // prod (order + 1)
    std::size_t total = 0;  // sum of the orders
    // The total order reachable by the variables of the mask.
    constexpr std::size_t order_within(taylor_mask m) const {
        std::size_t n = 0;
        for (std::size_t v = 0; v < rank; ++v)
            if ((m >> v) & 1U) n += order[v];
        return n;
    }
};

/// The box of M variables, held where the machine can point at it.
template <std::size_t M>
struct taylor_shape {
    std::array<std::size_t, M> order{};
    std::array<std::size_t, M> stride{};
    std::size_t size = 1;
    std::size_t total = 0;
    constexpr taylor_box box() const { return {order.data(), stride.data(), M, size, total}; }
};

template <std::size_t M>
constexpr taylor_shape<M> make_taylor_shape(const std::array<std::size_t, M>& orders) {
    taylor_shape<M> s{};
    for (std::size_t v = 0; v < M; ++v) {
        s.order[v] = orders[v];
        s.stride[v] = s.size;
        s.size *= orders[v] + 1;
        s.total += orders[v];
    }
    return s;
}

/// What a Taylor partial asks for: the variables with an order above 0 (the
/// box), by name, and their orders.
template <std::size_t M>
struct taylor_request {
    std::array<var_name, M> names;
    std::array<std::size_t, M> orders;
};

// ------------------------------------------ the coefficients of a function

// The stand-ins for a function's arguments in its symbolic derivatives.
using taylor_u = Var<"taylor_u">;
using taylor_w = Var<"taylor_w">;

template <class T>
constexpr T taylor_factorial(std::size_t k) {
    T f = T(1);
    for (std::size_t i = 2; i <= k; ++i) f = mul_values(f, T(static_cast<long long>(i)));
    return f;
}

// The (i, j) of the k-th mixed partial of order i + j <= K, by total order
// and then by i: (0, 0), (0, 1), (1, 0), (0, 2), ...
constexpr std::pair<std::size_t, std::size_t> taylor_pair(std::size_t k) {
    std::size_t total = 0;
    while (k > total) {
        k -= total + 1;
        ++total;
    }
    return {k, total - k};
}

template <class T, class Fn, std::size_t Arity, std::size_t K>
constexpr void taylor_function_coefficients(const T* args, T* out);

// The roots u^(1/q): their coefficients by formula, not from their symbolic
// derivatives, whose exact constants overflow a long long from order 19
// (sqrt) and 17 (cbrt), so that TaylorPartial of any expression holding one
// would stop compiling at that total order.
template <class Fn>
inline constexpr long long taylor_root_of = 0;
template <>
inline constexpr long long taylor_root_of<sqrt_fn> = 2;
template <>
inline constexpr long long taylor_root_of<cbrt_fn> = 3;

/// binom(1/q, k) a^(1/q - k) for k = 0..K, into out: f(a) = a^(1/q) (Fn::eval,
/// the real root for q odd) times prod_{j < k} (1 - j q) / (q (j + 1)), over
/// a^k; where a is 0 or infinite, over r^(q k - 1) instead, r = f(a), so that
/// every derivative is the limit D's forms give there (+-inf at 0, +-0 at
/// +-inf; NaN stays NaN).
template <class T, class Fn, std::size_t K>
constexpr void taylor_root_coefficients(const T& a, T* out) {
    constexpr long long q = taylor_root_of<Fn>;
    const T r = Fn::eval(a);
    out[0] = r;
    T binom = T(1);  // binom(1/q, k)
    T a_k = T(1);    // a^k
    for (std::size_t k = 1; k <= K; ++k) {
        const long long j = static_cast<long long>(k) - 1;
        binom = div_values(mul_values(binom, T(1 - j * q)), T(q * (j + 1)));
        a_k = mul_values(a_k, a);
        bool finite = true;
        if constexpr (std::floating_point<T>) finite = math::isfinite(a);
        if (a != T(0) && finite) {
            out[k] = mul_values(binom, div_values(r, a_k));
        } else {
            T power = T(1);  // r^(q k - 1)
            for (long long i = 0; i < q * static_cast<long long>(k) - 1; ++i) power = mul_values(power, r);
            out[k] = div_values(binom, power);
        }
    }
}

/// What the graph keeps for a function node in Taylor mode: its
/// taylor_function_coefficients up to the total order K.
template <class T, std::size_t K>
struct taylor_payload {
    using type = void (*)(const T*, T*);
    template <class Fn, std::size_t Arity>
    static constexpr type value = &taylor_function_coefficients<T, Fn, Arity, K>;
};

// ------------------------------------------------------------ the machine

/// The graph Taylor mode walks: the expression's distinct subexpressions,
/// each function node with its coefficients up to the total order K.
template <class T, std::size_t K, class E>
using taylor_graph = graph<graph_builder<taylor_payload<T, K>>, type_list<>, E>;

/// The sweep itself, over a graph given as plain tables: one instance per
/// scalar type, shared by every expression and every order (the tables, the
/// box and the point are its data, not template arguments, so a translation
/// unit with many partials compiles this code once per scalar type).
template <class T>
struct taylor_machine {
    using record = node_record<typename taylor_payload<T, 0>::type>;

    // What the sweep reads.
    taylor_box shape;
    const record* nodes;
    const operand_ref* ops;
    std::size_t n;                       // the nodes
    const std::size_t* binding_of;       // per variable node: the location of its bound value
    const std::size_t* box_variable_of;  // per variable node: its variable of the box, or the rank
    const T* const* bound;               // the bound values

    constexpr taylor_machine(taylor_box box, const record* nodes_, const operand_ref* ops_, std::size_t n_,
                             const std::size_t* binding_of_, const std::size_t* box_variable_of_,
                             const T* const* bound_)
        : shape(box),
          nodes(nodes_),
          ops(ops_),
          n(n_),
          binding_of(binding_of_),
          box_variable_of(box_variable_of_),
          bound(bound_) {}

    // Scratch arrays of S numbers, after the nodes' series.
    enum scratch : std::size_t { load0, load1, nil0, nil1, temp1, temp2, temp3, factor, partial, scratch_count };
    growing<T> series;  // the nodes' series, then the scratch arrays
    growing<taylor_mask> masks;
    growing<T> coeff;  // a function's coefficients, (K + 1)^2 of them

    constexpr std::size_t size() const { return shape.size; }
    constexpr T* at(std::size_t slot) { return series.data + slot * shape.size; }
    constexpr T* scratch_at(scratch s) { return series.data + (n + s) * shape.size; }

    // ---------------------------------------------------- the arithmetic

    constexpr void zero(T* c) const {
        for (std::size_t k = 0; k < size(); ++k) c[k] = T(0);
    }
    constexpr void copy(T* out, const T* a) const {
        for (std::size_t k = 0; k < size(); ++k) out[k] = a[k];
    }
    constexpr void add(T* out, const T* a) const {
        for (std::size_t k = 0; k < size(); ++k) out[k] = add_values(out[k], a[k]);
    }
    static constexpr bool is_zero(const T& x) {
        if constexpr (std::floating_point<T>) return x == T(0);
        else return false;  // a user scalar: every coefficient counts
    }

    /// c += a b, truncated to the box and to the total degree `limit`; a
    /// depends on the variables of ma, b on those of mb (their other
    /// coefficients are 0 and are not read). c may alias neither.
    constexpr void mul_add(T* c, const T* a, taylor_mask ma, const T* b, taylor_mask mb, std::size_t limit) const {
        const std::size_t m = shape.rank;
        if (m == 0) {
            c[0] = add_values(c[0], mul_values(a[0], b[0]));
            return;
        }
        // Only the variables of each operand are walked: i over a's box, and
        // for each i, j over what b's variables can add to i within the box,
        // the first variable (stride 1) as one run; di and dj are their total
        // degrees. (Locals only, each read after it is written, so that the
        // walk stays in registers.)
        std::array<std::size_t, taylor_max_rank> da, av, bv, db, lim_b;
        std::size_t na = 0, nb = 0;
        for (std::size_t v = 0; v < m; ++v) {
            da[v] = 0;
            if ((ma >> v) & 1U) av[na++] = v;
            if (v > 0 && ((mb >> v) & 1U)) bv[nb++] = v;
        }
        const bool run_b = (mb & 1U) != 0;
        std::size_t i = 0, di = 0;
        for (;;) {
            if (di <= limit && !is_zero(a[i])) {
                const T ai = a[i];
                const std::size_t full = run_b ? shape.order[0] - da[0] + 1 : 1;
                for (std::size_t k = 0; k < nb; ++k) {
                    lim_b[k] = shape.order[bv[k]] - da[bv[k]];
                    db[k] = 0;
                }
                std::size_t j = 0, dj = 0;
                for (;;) {
                    if (di + dj <= limit) {
                        const std::size_t allowed = limit - di - dj + 1;
                        const std::size_t run = full < allowed ? full : allowed;
                        T* cc = c + i + j;
                        const T* bb = b + j;
                        for (std::size_t r = 0; r < run; ++r) cc[r] = add_values(cc[r], mul_values(ai, bb[r]));
                    }
                    std::size_t k = 0;
                    for (; k < nb; ++k) {
                        if (db[k] < lim_b[k]) {
                            ++db[k];
                            ++dj;
                            j += shape.stride[bv[k]];
                            break;
                        }
                        j -= db[k] * shape.stride[bv[k]];
                        dj -= db[k];
                        db[k] = 0;
                    }
                    if (k >= nb) break;
                }
            }
            std::size_t k = 0;
            for (; k < na; ++k) {
                const std::size_t v = av[k];
                if (da[v] < shape.order[v]) {
                    ++da[v];
                    ++di;
                    i += shape.stride[v];
                    break;
                }
                i -= da[v] * shape.stride[v];
                di -= da[v];
                da[v] = 0;
            }
            if (k >= na) break;
        }
    }

    /// out = sum_{k <= kp} c[k] h^k by Horner's rule, h with h[0] = 0
    /// depending on the variables of mh; t is scratch. Returns out's mask.
    constexpr taylor_mask compose(T* out, const T* c, std::size_t kp, const T* h, taylor_mask mh, T* t) const {
        zero(out);
        out[0] = c[kp];
        if (kp == 0) return 0;
        T* r = out;
        T* s = t;
        taylor_mask mr = 0;
        // (r is multiplied by h^k after this step, and h has no constant
        // term: its terms of degree above total - k cannot reach the box)
        for (std::size_t k = kp; k-- > 0;) {
            zero(s);
            mul_add(s, r, mr, h, mh, shape.total - k);
            s[0] = add_values(s[0], c[k]);
            mr = mh;
            T* swap = r;
            r = s;
            s = swap;
        }
        if (r != out) copy(out, r);
        return mh;
    }

    /// out = sum_{i + j <= kp} f[i (K + 1) + j] h^i g^j, Horner's rule in h
    /// outside and in g inside; t1..t3 are scratch. Returns out's mask.
    constexpr taylor_mask compose2(T* out, const T* f, std::size_t kp, const T* h, taylor_mask mh, const T* g,
                                   taylor_mask mg, T* t1, T* t2, T* t3) const {
        const std::size_t row = shape.total + 1;
        zero(out);
        out[0] = f[kp * row];
        if (kp == 0) return 0;
        T* r = out;
        T* s = t1;
        taylor_mask mr = 0;
        for (std::size_t i = kp; i-- > 0;) {
            zero(s);
            mul_add(s, r, mr, h, mh, shape.total - i);
            const taylor_mask mq = compose(t2, f + i * row, kp - i, g, mg, t3);
            add(s, t2);
            mr = mh | mq;
            T* swap = r;
            r = s;
            s = swap;
        }
        if (r != out) copy(out, r);
        return mr;
    }

    // x^n for a whole n >= 0, by squaring
    static constexpr T whole_power(T x, unsigned long long e) {
        T p = T(1);
        while (e > 0) {
            if (e & 1U) p = mul_values(p, x);
            e >>= 1U;
            if (e > 0) x = mul_values(x, x);
        }
        return p;
    }

    /// The Taylor coefficients of u^p at u = a, p constant: binom(p, k) a^(p-k)
    /// for k = 0..kp (exactly 0 past a whole p >= 0, so x^3 at 0 is exact).
    static constexpr void power_coefficients(T* c, const T& a, const rational& p, std::size_t kp) {
        const T pt = rational_value<T>(p);
        if (p.den == 1) {
            T binom = T(1);
            for (std::size_t k = 0; k <= kp; ++k) {
                if (k > 0)
                    binom = div_values(mul_values(binom, pt - T(static_cast<long long>(k - 1))),
                                       T(static_cast<long long>(k)));
                const long long e = p.num - static_cast<long long>(k);
                if (p.num >= 0 && e < 0) {
                    c[k] = T(0);
                } else {
                    const T x = whole_power(a, static_cast<unsigned long long>(e < 0 ? -e : e));
                    c[k] = mul_values(binom, e < 0 ? div_values(T(1), x) : x);
                }
            }
        } else {
            const long long q = p.num < 0 ? -p.num : p.num;
            T c0 = q == 1 && p.den == 2 ? call_sqrt(a) : call_pow(a, rational_value<T>(rational{q, p.den}));
            if (p.num < 0) c0 = div_values(T(1), c0);
            c[0] = c0;
            for (std::size_t k = 1; k <= kp; ++k) {
                const T step =
                    div_values(pt - T(static_cast<long long>(k - 1)), mul_values(T(static_cast<long long>(k)), a));
                c[k] = mul_values(c[k - 1], step);
            }
        }
    }

    // ------------------------------------------------------- the nodes

    // The series of an operand: its node's, or a constant's, written to buf.
    constexpr const T* load(const operand_ref& o, T* buf, taylor_mask& m) {
        if (o.constant) {
            zero(buf);
            buf[0] = rational_value<T>(o.value);
            m = 0;
            return buf;
        }
        m = masks[o.slot];
        return at(o.slot);
    }
    // The nilpotent part h = u - u[0] of a series, into buf.
    constexpr const T* nilpotent(const T* u, T* buf) const {
        copy(buf, u);
        buf[0] = T(0);
        return buf;
    }

    // out = u^p, p a constant.
    constexpr taylor_mask power(T* out, const T* u, taylor_mask mu, const rational& p) {
        const std::size_t kp = shape.order_within(mu);
        power_coefficients(coeff.data, u[0], p, kp);
        return compose(out, coeff.data, kp, nilpotent(u, scratch_at(nil0)), mu, scratch_at(temp1));
    }

    // out = b^e = exp(e log b), e not constant; its value is pow(b0, e0).
    constexpr taylor_mask variable_power(T* out, const T* b, taylor_mask mb, const T* e, taylor_mask me) {
        const std::size_t kp = shape.order_within(mb | me);
        const T p0 = call_pow(b[0], e[0]);
        if (kp == 0) {
            zero(out);
            out[0] = p0;
            return 0;
        }
        T* c = coeff.data;
        // log b: log b0, then (-1)^(k+1) / (k b0^k)
        const std::size_t kb = shape.order_within(mb);
        const T inv = div_values(T(1), b[0]);
        T pw = inv;
        c[0] = call_log(b[0]);
        for (std::size_t k = 1; k <= kb; ++k) {
            const T term = div_values(pw, T(static_cast<long long>(k)));
            c[k] = k % 2 == 1 ? term : -term;
            pw = mul_values(pw, inv);
        }
        T* log_b = scratch_at(factor);
        const taylor_mask ml = compose(log_b, c, kb, nilpotent(b, scratch_at(nil0)), mb, scratch_at(temp1));
        T* l = scratch_at(partial);  // e log b
        zero(l);
        mul_add(l, log_b, ml, e, me, shape.total);
        // exp: p0 / k!
        T f = T(1);
        for (std::size_t k = 0; k <= kp; ++k) {
            if (k > 0) f = mul_values(f, T(static_cast<long long>(k)));
            c[k] = div_values(p0, f);
        }
        return compose(out, c, kp, nilpotent(l, scratch_at(nil0)), ml | me, scratch_at(temp1));
    }

    constexpr taylor_mask function(const record& r, T* out) {
        T* c = coeff.data;
        if (r.count == 0) {
            r.function(nullptr, c);
            zero(out);
            out[0] = c[0];
            return 0;
        }
        taylor_mask mu = 0, mw = 0;
        const T* u = load(ops[r.first], scratch_at(load0), mu);
        if (r.count == 1) {
            const T args[1] = {u[0]};
            r.function(args, c);
            return compose(out, c, shape.order_within(mu), nilpotent(u, scratch_at(nil0)), mu, scratch_at(temp1));
        }
        const T* w = load(ops[r.first + 1], scratch_at(load1), mw);
        const T args[2] = {u[0], w[0]};
        r.function(args, c);
        return compose2(out, c, shape.order_within(mu | mw), nilpotent(u, scratch_at(nil0)), mu,
                        nilpotent(w, scratch_at(nil1)), mw, scratch_at(temp1), scratch_at(temp2), scratch_at(temp3));
    }

    constexpr taylor_mask product(const record& r, T* out) {
        long long num = 1, den = 1;
        bool first = true;
        taylor_mask mo = 0;
        for (std::size_t k = r.first; k < r.first + r.count; ++k) {
            const operand_ref& o = ops[k];
            if (o.constant && !o.below) {
                num *= o.value.num;  // (a canonical product has one constant)
                den *= o.value.den;
                continue;
            }
            taylor_mask mf = 0;
            const T* f = load(o, scratch_at(load0), mf);
            if (o.below) {  // b^e, e < 0, read through its base b
                mf = power(scratch_at(factor), f, mf, o.power);
                f = scratch_at(factor);
            }
            if (first) {
                copy(out, f);
                first = false;
            } else {
                T* p = scratch_at(partial);
                zero(p);
                mul_add(p, out, mo, f, mf, shape.total);
                copy(out, p);
            }
            mo |= mf;
        }
        if (first) {  // (no factor but constants: not a canonical product, kept total)
            zero(out);
            out[0] = T(1);
        }
        if (num != 1 || den != 1)
            for (std::size_t k = 0; k < size(); ++k) out[k] = div_values(mul_values(out[k], T(num)), T(den));
        return mo;
    }

    constexpr taylor_mask node(std::size_t i) {
        const record& r = nodes[i];
        T* out = at(i);
        switch (r.kind) {
            case node_kind::constant: {
                zero(out);
                out[0] = rational_value<T>(r.value);
                return 0;
            }
            case node_kind::variable: {
                zero(out);
                out[0] = bound_value(bound, binding_of[i]);
                const std::size_t v = box_variable_of[i];
                if (v == shape.rank) return 0;
                out[shape.stride[v]] = T(1);
                return taylor_mask{1} << v;
            }
            case node_kind::sum: {
                zero(out);
                taylor_mask m = 0;
                for (std::size_t k = r.first; k < r.first + r.count; ++k) {
                    const operand_ref& o = ops[k];
                    if (o.constant) {
                        out[0] = add_values(out[0], rational_value<T>(o.value));
                    } else {
                        add(out, at(o.slot));
                        m |= masks[o.slot];
                    }
                }
                return m;
            }
            case node_kind::product:
                return product(r, out);
            case node_kind::power: {
                taylor_mask mb = 0, me = 0;
                const T* b = load(ops[r.first], scratch_at(load0), mb);
                if (r.constant_exponent) return power(out, b, mb, r.value);
                const T* e = load(ops[r.first + 1], scratch_at(load1), me);
                return variable_power(out, b, mb, e, me);
            }
            case node_kind::function:
                return function(r, out);
        }
        return 0;  // (unreachable: taylor_all_handled holds for every graph the machine is given)
    }

    /// The series of every node, children first.
    constexpr void sweep() {
        series.assign((n + scratch_count) * size(), T(0));
        masks.assign(n == 0 ? 1 : n, 0);
        coeff.assign((shape.total + 1) * (shape.total + 1), T(0));
        for (std::size_t i = 0; i < n; ++i) masks[i] = node(i);
    }
    /// The constant term of an operand, after the sweep.
    constexpr T value(const operand_ref& o) const {
        return o.constant ? rational_value<T>(o.value) : series[o.slot * size()];
    }

    /// The mixed partial at the root: the corner coefficient of its series,
    /// times the factorials of the orders.
    constexpr T run(const operand_ref& root) {
        sweep();
        taylor_mask m = 0;
        const T* c = load(root, scratch_at(load0), m);
        T scale = T(1);
        for (std::size_t k = 0; k < shape.rank; ++k) scale = mul_values(scale, taylor_factorial<T>(shape.order[k]));
        return mul_values(c[size() - 1], scale);
    }
};

// Every node kind the machine computes; a graph with another stops the build.
constexpr bool taylor_handles(node_kind k) {
    switch (k) {
        case node_kind::constant:
        case node_kind::variable:
        case node_kind::function:
        case node_kind::power:
        case node_kind::product:
        case node_kind::sum:
            return true;
    }
    return false;
}
template <class Tables>
constexpr bool taylor_all_handled(const Tables& g) {
    for (const auto& r : g.nodes)
        if (!taylor_handles(r.kind)) return false;
    return true;
}

// ------------------------------------------ the coefficients of a function

template <class G, std::size_t... K>
auto taylor_univariate_roots(std::index_sequence<K...>) -> type_list<D<G, taylor_u, static_cast<int>(K)>...>;
template <class G, std::size_t... K>
auto taylor_bivariate_roots(std::index_sequence<K...>) -> type_list<
    D<D<G, taylor_u, static_cast<int>(taylor_pair(K).first)>, taylor_w, static_cast<int>(taylor_pair(K).second)>...>;

/// The values of the roots of a list, at taylor_u = args[0] and taylor_w =
/// args[1]: the graph of the roots (as eval would evaluate them, stably in
/// floating point), interpreted by the machine with an empty box, so that no
/// code is generated per node of the derivatives.
template <class T, class Roots>
struct taylor_root_values;
template <class T, class... Roots>
struct taylor_root_values<T, type_list<Roots...>> {
    using graph_type = graph<graph_builder<taylor_payload<T, 0>>, type_list<>, evaluated_form<Roots, T>...>;
    static constexpr const auto& g = graph_type::tables;
    static constexpr std::size_t N = graph_type::size;
    static constexpr taylor_shape<0> shape{};
    static_assert(taylor_all_handled(g),
                  "chainrule::TaylorPartial: a node kind is not handled by Taylor-mode evaluation");
    static constexpr std::array<std::size_t, N == 0 ? 1 : N> binding_of = [] {
        std::array<std::size_t, N == 0 ? 1 : N> b{};
        for (std::size_t i = 0; i < N; ++i)
            if (g.nodes[i].kind == node_kind::variable) b[i] = g.nodes[i].name == taylor_u::name ? 0 : 1;
        return b;
    }();
    static constexpr std::array<std::size_t, N == 0 ? 1 : N> box_variable_of{};  // (M = 0: none in the box)

    // out[k] = (value of the k-th root) / scale(k)
    template <class Scale>
    static constexpr void run(const T* args, T* out, Scale scale) {
        const T* const bases[1] = {args};  // binding_of: locations in args
        taylor_machine<T> m(shape.box(), g.nodes.data(), g.ops.data(), N, binding_of.data(), box_variable_of.data(),
                            bases);
        m.sweep();
        for (std::size_t k = 0; k < sizeof...(Roots); ++k) out[k] = div_values(m.value(g.roots[k]), scale(k));
    }
};

/// The univariate Taylor coefficients of the function Fn at its argument
/// args[0], f^(k)(a) / k! for k = 0..K, into out[0..K]; for two arguments
/// f_ij(a, b) / (i! j!) for i + j <= K, into out[i (K + 1) + j]; for none, its
/// value into out[0]. The derivatives are the library's symbolic ones of the
/// function alone, evaluated in one sweep that shares their common
/// subexpressions.
template <class T, class Fn, std::size_t Arity, std::size_t K>
constexpr void taylor_function_coefficients(const T* args, T* out) {
    if constexpr (Arity == 0) {
        out[0] = Fn::template eval<T>();
    } else if constexpr (K == 0 && Arity == 1) {
        out[0] = Fn::eval(args[0]);
    } else if constexpr (K == 0 && Arity == 2) {
        out[0] = Fn::eval(args[0], args[1]);
    } else if constexpr (Arity == 1 && taylor_root_of<Fn> != 0) {
        taylor_root_coefficients<T, Fn, K>(args[0], out);
    } else if constexpr (Arity == 1) {
        using roots = decltype(taylor_univariate_roots<apply_t<Fn, taylor_u>>(std::make_index_sequence<K + 1>{}));
        taylor_root_values<T, roots>::run(args, out, [](std::size_t k) { return taylor_factorial<T>(k); });
    } else if constexpr (Arity == 2) {
        constexpr std::size_t n = (K + 1) * (K + 2) / 2;
        using roots = decltype(taylor_bivariate_roots<apply_t<Fn, taylor_u, taylor_w>>(std::make_index_sequence<n>{}));
        std::array<T, n> values{};
        taylor_root_values<T, roots>::run(args, values.data(), [](std::size_t k) {
            return mul_values(taylor_factorial<T>(taylor_pair(k).first), taylor_factorial<T>(taylor_pair(k).second));
        });
        for (std::size_t k = 0; k < n; ++k) out[taylor_pair(k).first * (K + 1) + taylor_pair(k).second] = values[k];
    } else {
        static_assert(Arity <= 2, "chainrule::detail::taylor_function_coefficients: at most two arguments");
    }
}

/// The mixed partial of E asked for by Request (a taylor_request) at the
/// point Env: E's graph in Taylor mode, and the tables that tie it to the
/// box and to the point, handed to the machine.
template <class E, auto Request, class Env>
struct taylor_sweep {
    using T = typename Env::scalar;
    static constexpr std::size_t M = Request.orders.size();
    static_assert(M <= taylor_max_rank, "chainrule::TaylorPartial: at most 64 variables of order above 0");
    static constexpr taylor_shape<M> shape = make_taylor_shape(Request.orders);
    using graph_type = taylor_graph<T, shape.total, E>;
    static constexpr const auto& g = graph_type::tables;
    static constexpr std::size_t N = graph_type::size;

    static_assert(taylor_all_handled(g),
                  "chainrule::TaylorPartial: a node kind is not handled by Taylor-mode evaluation");

    static constexpr std::array<std::size_t, N == 0 ? 1 : N> binding_of = [] {
        std::array<std::size_t, N == 0 ? 1 : N> b{};
        for (std::size_t i = 0; i < N; ++i)
            if (g.nodes[i].kind == node_kind::variable) b[i] = Env::location(g.nodes[i].name);
        return b;
    }();
    static constexpr std::array<std::size_t, N == 0 ? 1 : N> box_variable_of = [] {
        std::array<std::size_t, N == 0 ? 1 : N> b{};
        for (std::size_t i = 0; i < N; ++i) {
            b[i] = M;
            if (g.nodes[i].kind != node_kind::variable) continue;
            for (std::size_t v = 0; v < M; ++v)
                if (Request.names[v] == g.nodes[i].name) b[i] = v;
        }
        return b;
    }();

    static constexpr T run(const Env& env) {
        const auto bases = env.bases();
        taylor_machine<T> m(shape.box(), g.nodes.data(), g.ops.data(), N, binding_of.data(), box_variable_of.data(),
                            bases.data());
        return m.run(g.roots[0]);
    }
};

}  // namespace chainrule::detail
// ---- end chainrule/detail/taylor.hpp
// ---- back in chainrule/taylor.hpp


// Mixed partial derivatives of high order, evaluated in Taylor mode.
//
//   TaylorPartial<F, Order<W, 3>, Order<X, 2>, Y>      d^6 F / dw^3 dx^2 dy, a value
//
// Partial<F, W, W, W, X, X, Y> is the same derivative as a type, which the
// compiler builds by differentiating six times; its size grows about four
// times per order, so that order 12 of a small expression is out of reach.
// TaylorPartial never builds it: it propagates truncated Taylor series over
// the graph of F itself (detail/taylor.hpp), so its compile cost is that of
// F plus, for each distinct function in F, the function's own derivatives up
// to the total order; its run time grows with the box of coefficients,
// prod (order + 1).
namespace chainrule {

/// The N-th derivative by the variable V, in TaylorPartial<F, Order<V, N>, ...>;
/// a bare variable V there means Order<V, 1>.
template <class V, int N>
struct Order {
    using variable = V;
    static constexpr int order = N;
};

namespace detail {

// What one argument Vs of TaylorPartial<E, Vs...> asks for.
template <class S>
struct taylor_spec {
    static constexpr bool variable_ok = Variable<S>;
    static constexpr bool non_negative = true;
    static constexpr long long order = 1;
    using variable = S;
};
template <class V, int N>
struct taylor_spec<Order<V, N>> {
    static constexpr bool variable_ok = Variable<V>;
    static constexpr bool non_negative = N >= 0;
    static constexpr long long order = N >= 0 ? N : 0;
    using variable = V;
};

template <std::size_t... I>
constexpr std::array<var_name, sizeof...(I)> taylor_blank_names(std::index_sequence<I...>) {
    return {((void)I, var_name{'\0'})...};
}

// The arguments of TaylorPartial, checked, and the box they ask for.
template <class... Specs>
struct taylor_specs {
    static constexpr bool all_variables = all_of({taylor_spec<Specs>::variable_ok...});
    static constexpr bool all_non_negative = all_of({taylor_spec<Specs>::non_negative...});
    template <class... Vs>
    static consteval bool distinct(type_list<Vs...>) {
        return name_table<Vs...>::distinct;
    }
    using variables = type_list<typename taylor_spec<Specs>::variable...>;
    static constexpr bool distinct_variables = [] {
        if constexpr (all_variables) return distinct(variables{});
        else return true;  // (reported as not variables)
    }();
    static constexpr bool well_formed = all_variables && all_non_negative && distinct_variables;

    static constexpr std::size_t count = sizeof...(Specs);
    static constexpr std::array<long long, count> orders = {taylor_spec<Specs>::order...};
    static constexpr std::size_t box_rank = [] {
        std::size_t m = 0;
        for (long long n : orders) m += n > 0 ? 1 : 0;
        return m;
    }();
    // The variables of order above 0, in the order given, with their orders.
    static constexpr taylor_request<box_rank> request = [] {
        taylor_request<box_rank> r{taylor_blank_names(std::make_index_sequence<box_rank>{}), {}};
        if constexpr (all_variables) {  // (else reported above)
            const std::array<var_name, count> names = {taylor_spec<Specs>::variable::name...};
            std::size_t m = 0;
            for (std::size_t k = 0; k < count; ++k) {
                if (orders[k] <= 0) continue;
                r.names[m] = names[k];
                r.orders[m] = static_cast<std::size_t>(orders[k]);
                ++m;
            }
        }
        return r;
    }();
    static constexpr std::size_t total_order = [] {
        std::size_t n = 0;
        for (long long k : orders) n += static_cast<std::size_t>(k);
        return n;
    }();
};

// What a call's bindings are checked against: the variables of E's graph in
// Taylor mode, and the requested ones E lacks (which still take a value).
template <class E, std::size_t K, class Vs>
struct taylor_request_names {
    template <class T>
    using in = request_names<graph_variable_names<taylor_graph<T, K, E>>, Vs>;
};

}  // namespace detail

/// The mixed partial derivative of E by the variables of Vs, each to its
/// order, as a value: Vs are variables (order 1) or Order<V, N> (order N >= 0),
/// each variable named once, in any order (the partials commute).
///
///   using F = Mul<Exp<X>, Sin<Y>>;
///   eval<TaylorPartial<F, Order<X, 3>, Order<Y, 2>>>(point(at<X>(0.5), at<Y>(1.0)))   // -e^0.5 sin(1)
///
/// It is computed in Taylor mode: truncated multivariate Taylor series
/// propagated over the graph of E, never the symbolic derivative, so that
/// orders such as 12 compile in the time of E and run in a few milliseconds.
/// Every variable of E and every one of Vs takes a value, as for Gradient;
/// usable in constant expressions; float, double, long double.
template <class E, class... Vs>
struct TaylorPartial : detail::callable_request<TaylorPartial<E, Vs...>> {
    using specs = detail::taylor_specs<Vs...>;
    static_assert(Expression<E>,
                  "chainrule::TaylorPartial<E, Vs...>: E must be a chainrule expression, such as Sigmoid<X>");
    static_assert(specs::all_variables,
                  "chainrule::TaylorPartial<E, Vs...>: each of Vs must be a variable such as X or Var<'w'>, or "
                  "Order<V, N> for the N-th derivative by the variable V");
    static_assert(specs::all_non_negative,
                  "chainrule::TaylorPartial<E, Vs...>: in Order<V, N>, N, the order of the derivative by V, must be "
                  "zero or more");
    static_assert(specs::distinct_variables,
                  "chainrule::TaylorPartial<E, Vs...>: a variable is named twice; give its whole order once, as in "
                  "Order<X, 2>");
    static constexpr bool well_formed = Expression<E> && specs::well_formed;

    /// The partial at a point: evaluate(...), which eval<TaylorPartial<...>>(...)
    /// calls (detail::callable_request), from these.
    using request_names =
        detail::taylor_request_names<std::remove_cv_t<E>, specs::total_order, typename specs::variables>;
    using empty_value = double;
    // (a class, not a lambda, as Gradient's: see gradient.hpp; a domain error
    // is raised where it arises, so nothing is reported)
    struct sweep {
        template <class Env>
        static constexpr auto run(const Env& p, detail::failed_call<typename Env::scalar>*) {
            return detail::taylor_sweep<std::remove_cv_t<E>, specs::request, Env>::run(p);
        }
    };
};

namespace detail {
// (eval<TaylorPartial<...>>(...) forwards to TaylorPartial::evaluate, as for
// Gradient; the value is one number.)
template <class E, class... Vs>
inline constexpr bool multi_valued<TaylorPartial<E, Vs...>> = true;
}  // namespace detail

}  // namespace chainrule
// ---- end chainrule/taylor.hpp
// ---- back in chainrule.hpp

// ---- begin chainrule/version.hpp

// The version of chainrule, the same as the CMake package's (project(VERSION)
// in CMakeLists.txt; tests/version_test.cpp checks that they agree).
//
//   #if CHAINRULE_VERSION >= 100  // 0.1.0 or later
//
// CHAINRULE_VERSION is MAJOR * 10000 + MINOR * 100 + PATCH.

#define CHAINRULE_VERSION_MAJOR 0
#define CHAINRULE_VERSION_MINOR 1
#define CHAINRULE_VERSION_PATCH 0
#define CHAINRULE_VERSION (CHAINRULE_VERSION_MAJOR * 10000 + CHAINRULE_VERSION_MINOR * 100 + CHAINRULE_VERSION_PATCH)
// ---- end chainrule/version.hpp
// ---- back in chainrule.hpp
// ---- end chainrule.hpp
