#pragma once

#include "chainrule/detail/graph.hpp"
#include "chainrule/detail/rational.hpp"
#include "chainrule/detail/stable.hpp"
#include "chainrule/detail/type_list.hpp"
#include "chainrule/expression.hpp"
#include "chainrule/math.hpp"

#include <array>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <initializer_list>
#include <limits>
#include <type_traits>
#include <utility>

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
