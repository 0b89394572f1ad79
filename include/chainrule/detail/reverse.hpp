#pragma once

#include "chainrule/detail/bindings.hpp"
#include "chainrule/detail/evaluator.hpp"
#include "chainrule/detail/graph.hpp"
#include "chainrule/detail/type_list.hpp"
#include "chainrule/expression.hpp"

#include <array>
#include <concepts>
#include <cstddef>
#include <initializer_list>
#include <type_traits>
#include <utility>

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
