#pragma once

#include "chainrule/arithmetic.hpp"
#include "chainrule/detail/names.hpp"
#include "chainrule/detail/order.hpp"
#include "chainrule/detail/rational.hpp"
#include "chainrule/detail/type_list.hpp"
#include "chainrule/expression.hpp"
#include "chainrule/functions/function.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <type_traits>

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
