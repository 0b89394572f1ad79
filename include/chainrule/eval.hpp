#pragma once

#include "chainrule/detail/dag.hpp"
#include "chainrule/detail/type_list.hpp"
#include "chainrule/expression.hpp"
#include "chainrule/functions/sqrt.hpp"
#include "chainrule/math.hpp"
#include "chainrule/variables.hpp"

#include <array>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <type_traits>
#include <utility>

// eval<E>(x): the value of E at a point, in constant expressions and at run time.
//
// Evaluation walks the distinct subexpressions of E once each, children
// first (detail/dag.hpp), so a subexpression that occurs many times, such as
// the s(x) of D<Sigmoid<X>> = s(x) (1 - s(x)), is computed once per call.
// At run time the optimiser sees straight-line code over local values, the
// same code one would write by hand; during constant evaluation the library's
// own constexpr math runs instead of <cmath> (math.hpp).
namespace chainrule {

/// The number types eval accepts: float, double, long double, and user types
/// with arithmetic operators whose exp, log, sin, ... are found by ADL
/// (boost::multiprecision::cpp_bin_float_50, an interval type, ...).
template <class T>
concept Scalar = std::floating_point<T> || (std::is_class_v<T> && std::is_constructible_v<T, long long> &&
                                            requires(const T& a) {
                                                a + a;
                                                a - a;
                                                a * a;
                                                a / a;
                                                -a;
                                            });

/// The value of the variable V at a point: an argument of eval.
template <Variable V, Scalar T>
struct binding {
    using variable = V;
    using scalar = T;
    T value;
};

/// Binds the variable V to a value: eval<Mul<X, Y>>(at<X>(2.0), at<Y>(3.0)) is 6.
template <class V, class T>
constexpr binding<V, T> at(T value) {
    static_assert(Variable<V>, "chainrule::at<V>(value): V must be a variable such as X or Var<'w'>");
    static_assert(Scalar<T>,
                  "chainrule::at<V>(value): value must be floating-point (float, double, long double) or a "
                  "user scalar type; write 2.0, not 2");
    return {value};
}

namespace detail {
template <class... Bs>
struct bindings;
}  // namespace detail

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

template <class T>
inline constexpr bool is_binding = false;
template <class V, class T>
inline constexpr bool is_binding<binding<V, T>> = true;

// ---------------------------------------------------------------- numbers

template <class T, class C>
constexpr T constant_value() {
    if constexpr (C::denominator == 1) return T(C::numerator);
    else return T(C::numerator) / T(C::denominator);
}

// x^N by squaring, unrolled at compile time: x^2 is x * x, x^3 is x * x * x.
template <long long N, class T>
constexpr T integer_power(const T& x) {
    if constexpr (N == 1) {
        return x;
    } else if constexpr (N % 2 == 0) {
        T h = integer_power<N / 2>(x);
        return h * h;
    } else {
        return T(integer_power<N - 1>(x) * x);
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
template <class T, class E>
constexpr T constant_power(const T& b) {
    constexpr long long p = E::numerator < 0 ? -E::numerator : E::numerator;
    if constexpr (E::denominator == 1) return integer_power<p>(b);
    else if constexpr (p == 1 && E::denominator == 2) return sqrt_fn::eval(b);  // x^(1/2) is sqrt(x)
    else return call_pow(b, constant_value<T, Ratio<p, E::denominator>>());
}

template <class F>
consteval bool has_part_below() {
    if constexpr (Constant<F>) return F::denominator != 1;
    else return in_denominator<F>;
}

// The parts of a product's factor above and below the fraction line: a
// coefficient P/Q puts P above (but not 1 or -1, whose sign is a negation) and
// Q below (but not 1); b^-n puts below_line<b^-n>, evaluated as b^n.
template <class F>
struct below_line {
    using factor = F;
};
template <class G>
inline constexpr bool is_below = false;
template <class F>
inline constexpr bool is_below<below_line<F>> = true;

template <class F>
struct factor_above {
    using type = if_t<in_denominator<F>, type_list<>, type_list<F>>;
};
template <Constant C>
struct factor_above<C> {
    using type = if_t<C::numerator == 1 || C::numerator == -1, type_list<>, type_list<Int<C::numerator>>>;
};
template <class F>
struct factor_below {
    using type = if_t<in_denominator<F>, type_list<below_line<F>>, type_list<>>;
};
template <Constant C>
struct factor_below<C> {
    using type = if_t<C::denominator == 1, type_list<>, type_list<Int<C::denominator>>>;
};

template <class F>
consteval bool is_minus_one() {
    if constexpr (Constant<F>) return F::numerator == -1;
    else return false;
}

// ------------------------------------------------------------ environments

template <class T>
struct single_value {
    using scalar = T;
    T x;
    template <class V>
    constexpr const T& get() const {
        return x;
    }
};

template <class... Bs>
struct bindings : Bs... {
    // The bindings are the bases (one per variable, so each base is distinct):
    // finding a variable's value is one overload resolution, where a
    // std::tuple of many bindings cost a deep recursive instantiation.
    using scalar = std::common_type_t<typename Bs::scalar...>;

    template <class V, class T>
    static constexpr const binding<V, T>& binding_of(const binding<V, T>& b) {
        return b;
    }
    template <class V>
    constexpr scalar get() const {
        return scalar(binding_of<V>(*this).value);
    }
};

// ------------------------------------------------------------- evaluation


template <class Nodes, class Env>
struct evaluator;

template <class... Ns, class Env>
struct evaluator<type_list<Ns...>, Env> {
    using T = typename Env::scalar;
    using nodes = type_list<Ns...>;
    using values = std::array<T, sizeof...(Ns)>;

    template <class C>
    static constexpr T value(const values& v) {
        if constexpr (Constant<C>) return constant_value<T, C>();
        else return v[index_of<C>(nodes{})];
    }


    template <class N>
    static constexpr T node(const values& v, const Env& env) {
        if constexpr (Variable<N>) {
            return env.template get<N>();
        } else if constexpr (kind_of<N>::value == node_kind::function) {
            return N::function::eval(value<typename N::argument>(v));
        } else if constexpr (kind_of<N>::value == node_kind::power) {
            using E = typename N::exponent;
            if constexpr (Constant<E>) {
                T p = constant_power<T, E>(value<typename N::base>(v));
                if constexpr (E::numerator < 0) return T(1) / p;
                else return p;
            } else {
                return call_pow(value<typename N::base>(v), value<E>(v));
            }
        } else if constexpr (kind_of<N>::value == node_kind::product) {
            return product(v, operands_of<N>{});
        } else {
            return sum(v, operands_of<N>{});
        }
    }

    template <class... Ts>
    static constexpr T sum(const values& v, operands<Ts...>) {
        return (... + value<Ts>(v));
    }

    template <class... Fs>
    static constexpr T product(const values& v, operands<Fs...>) {
        constexpr bool has_denominator = (has_part_below<Fs>() || ...);
        constexpr bool negated = (is_minus_one<Fs>() || ...);
        T num = multiply_all(v, typename concat_all<typename factor_above<Fs>::type...>::type{});
        if constexpr (negated) num = -num;
        if constexpr (has_denominator)
            return num / multiply_all(v, typename concat_all<typename factor_below<Fs>::type...>::type{});
        else return num;
    }

    template <class G>
    static constexpr T operand(const values& v) {
        if constexpr (is_below<G>) return constant_power<T, typename G::factor::exponent>(value<typename G::factor::base>(v));
        else return value<G>(v);
    }

    // g1 * g2 * ... from the left, without a multiplication by 1.
    static constexpr T multiply_all(const values&, type_list<>) { return T(1); }
    template <class G, class... Gs>
    static constexpr T multiply_all(const values& v, type_list<G, Gs...>) {
        T result = operand<G>(v);
        ((result = T(result * operand<Gs>(v))), ...);
        return result;
    }

    // The value of every node, in order; gradient.hpp's reverse sweep reads
    // them all, eval only the last.
    static constexpr values forward(const Env& env) {
        values v{};
        std::size_t i = 0;
        ((v[i] = node<Ns>(v, env), ++i), ...);
        return v;
    }

    static constexpr T run(const Env& env) { return forward(env)[sizeof...(Ns) - 1]; }
};

template <class E, class Env>
constexpr typename Env::scalar evaluate(const Env& env) {
    using T = typename Env::scalar;
    if constexpr (Constant<E>) return constant_value<T, E>();
    else return evaluator<dag_nodes<E>, Env>::run(env);
}

// The name of a variable as a list of characters, for diagnostics: Clang
// prints Var<"w1"> as Var<{{119, 49, 0, ...}}>, but both compilers print
// variable_named<'w', '1'> legibly.
template <char... Name>
struct variable_named {};
template <var_name Name, std::size_t... I>
variable_named<Name.chars[I]...> spell_name(std::index_sequence<I...>);
consteval std::size_t name_length(const var_name& name) {
    std::size_t n = 0;
    while (name.chars[n] != '\0') ++n;
    return n;
}
template <class V>
using spelled_name_of = decltype(spell_name<V::name>(std::make_index_sequence<name_length(V::name)>{}));

// Diagnoses a call of eval<E>(bindings...) that leaves a variable of E unbound.
// The compiler shows this template with the variable's name first, e.g.
// "variable_has_no_value<chainrule::detail::variable_named<'y'>, ...>".
template <class Name, class V, class... Bs>
struct variable_has_no_value {
    static constexpr bool bound = (std::is_same_v<V, typename Bs::variable> || ...);
    static_assert(bound, "chainrule::eval<E>(at<V>(value)...): a variable of E has no value; "
                         "the first argument of this template, variable_named<...>, spells its name");
    static constexpr bool value = bound;
};

// Diagnoses a binding of a variable that E does not have, showing its name
// the same way: "variable_not_in_expression<...variable_named<'w', '1'>, ...>".
template <class Name, class V, class Vars>
struct variable_not_in_expression {
    static_assert(contains_v<V, Vars>, "chainrule::eval<E>(at<V>(value)...): E has no variable V; "
                                       "the first argument of this template, variable_named<...>, spells its name");
    static constexpr bool value = contains_v<V, Vars>;
};

template <class... Vs>
struct check_bindings;
template <class... Vars, class... Bs>
struct check_bindings<type_list<Vars...>, Bs...> {
    static constexpr bool all_bound = (contains_v<Vars, type_list<typename Bs::variable...>> && ...);
    static constexpr bool none_extra = (contains_v<typename Bs::variable, type_list<Vars...>> && ...);
    static constexpr bool value = all_bound && none_extra;

    // Called only when value is false: instantiates the templates above, whose
    // static_asserts name the call and spell the variable. The verdict itself
    // does not depend on them, so evaluation stops there and no further
    // errors pile up.
    static constexpr void diagnose_missing() {
        ((void)variable_has_no_value<spelled_name_of<Vars>, Vars, Bs...>::value, ...);
    }
    static constexpr void diagnose() {
        ((void)variable_has_no_value<spelled_name_of<Vars>, Vars, Bs...>::value, ...);
        ((void)variable_not_in_expression<spelled_name_of<typename Bs::variable>, typename Bs::variable,
                                          type_list<Vars...>>::value,
         ...);
    }
};

// eval<E>(point(...)): every variable of E must have a value; the point may
// hold more.
template <class E, class... Bs>
constexpr auto evaluate_at_point(const point_t<Bs...>& p) {
    using check = check_bindings<variables_t<E>, Bs...>;
    if constexpr (!check::all_bound) {
        check::diagnose_missing();
        return typename bindings<Bs...>::scalar{};
    } else {
        return evaluate<E>(p.bound);
    }
}

}  // namespace detail

/// The point with the values of the bindings: point(at<X>(1.0), at<Y>(2.0)).
template <class... Bs>
constexpr point_t<Bs...> point(const Bs&... bindings) {
    static_assert((detail::is_binding<Bs> && ...),
                  "chainrule::point(at<V>(value)...): every argument must be a binding such as at<X>(1.0)");
    static_assert(detail::all_distinct<typename Bs::variable...>(),
                  "chainrule::point(at<V>(value)...): a variable is bound twice");
    return {{bindings...}};
}

/// The value of E at a point.
///
///   eval<E>(x)                          E has at most one variable
///   eval<E>(at<X>(1.0), at<Y>(2.0))     each variable bound by name, any order
///
/// x is a float, double, long double, or a user Scalar. Usable in constant
/// expressions: static_assert(eval<D<Sigmoid<X>>>(0.0) == 0.25);
/// At run time the functions follow <cmath> (log(-1) is NaN, 1/0 is inf);
/// during constant evaluation a domain error such as the log of a negative
/// number is a compile error naming the function.
template <class E, class... Args>
constexpr auto eval(const Args&... args) {
    if constexpr (detail::multi_valued<E>) {
        return E::evaluate(args...);  // Gradient, Jacobian, Hessian (gradient.hpp)
    } else if constexpr (!Expression<E>) {
        static_assert(Expression<E>, "chainrule::eval<E>(x): E must be a chainrule expression, such as Sigmoid<X>");
        return 0.0;
    } else if constexpr (sizeof...(Args) == 0) {
        static_assert(sizeof...(Args) != 0, "chainrule::eval<E>(x): give the point, as in eval<E>(0.5)");
        return 0.0;
    } else if constexpr (sizeof...(Args) == 1 && (detail::is_point<Args> && ...)) {
        return detail::evaluate_at_point<E>(args...);
    } else if constexpr ((detail::is_binding<Args> && ...)) {
        using check = detail::check_bindings<variables_t<E>, Args...>;
        if constexpr (!check::value) {
            check::diagnose();
            return 0.0;
        } else {
            return detail::evaluate<E>(detail::bindings<Args...>{args...});
        }
    } else if constexpr (sizeof...(Args) != 1 || (detail::is_binding<Args> || ...)) {
        static_assert(sizeof...(Args) == 1 && !(detail::is_binding<Args> || ...),
                      "chainrule::eval<E>(x): give either one number x, or a value for every variable "
                      "by name: eval<E>(at<X>(1.0), at<Y>(2.0))");
        return 0.0;
    } else if constexpr (!(Scalar<Args> && ...)) {
        static_assert((Scalar<Args> && ...),
                      "chainrule::eval<E>(x): x must be floating-point (float, double, long double) or a user "
                      "scalar type; write 2.0, not 2");
        return 0.0;
    } else if constexpr (variable_count_v<E> > 1) {
        static_assert(variable_count_v<E> <= 1,
                      "chainrule::eval<E>(x): E has more than one variable; give each a value by name: "
                      "eval<E>(at<X>(1.0), at<Y>(2.0))");
        return 0.0;
    } else {
        return detail::evaluate<E>(detail::single_value<Args...>{args...});
    }
}

}  // namespace chainrule
