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
//    Only operands that depend on a requested variable receive an adjoint
//    (activity analysis, decided at compile time), and the first contribution
//    to an adjoint is stored rather than added to zero, so no work is done
//    that a hand-written backpropagation would skip.
//
// The plan of each sweep (which node reaches which, which parent writes an
// adjoint first) is computed by constexpr functions over the graph's tables,
// once per root.
namespace chainrule::detail {

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
    std::array<operand_ref, 2> local{};  // functions: f'(u), or the partials by each argument
};

// Every step of the backward sweep (sum_step, function_step, power_step,
// product_step and backward) is [[gnu::always_inline]], which a compiler that
// does not know it ignores: each is instantiated for one node and called
// once, from the block that runs it, but as a function of vague linkage g++
// -O2 does not inline it, and a call per node kept the adjoints in memory.
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
template <class T, bool Root, std::size_t Slot>
constexpr T chain(const T* a, const T& local) {
    if constexpr (Root) return local;
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
constexpr void function_give(const T* v, const T* bound, T* a) {
    if constexpr (!S.receives[K] || (S.local[K].constant && S.local[K].value.num == 0)) return;
    else give_to<T, S.ops[K].slot, S.first[K]>(a, chain<T, S.root, S.adjoint>(a, read<T, S.local[K]>(v, bound)));
}
template <class T, auto S>
[[gnu::always_inline]] constexpr void function_step(const T* v, const T* bound, T* a) {
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
[[gnu::always_inline]] constexpr void power_step(const T* v, const T* bound, T* a) {
    if constexpr (S.constant_exponent) {
        // d b^n/db = n b^(n-1)
        if constexpr (!S.receives[0]) {
            return;
        } else if constexpr (S.value.den == 1 && S.value.num >= 2) {
            T below = integer_power<S.value.num - 1>(read<T, S.ops[0]>(v, bound));
            give_to<T, S.ops[0].slot, S.first[0]>(a, chain<T, S.root, S.adjoint>(a, mul_values(T(S.value.num), below)));
        } else {
            // e b^(e-1), as D writes it, so that both agree where b = 0 (for
            // b^(1/2): +inf, where e b^e / b, reusing b^e, gave 0/0 = NaN).
            constexpr rational lowered{S.value.num - S.value.den, S.value.den};
            const T b = read<T, S.ops[0]>(v, bound);
            T local;
            if constexpr (lowered.num < 0)
                local = div_values(rational_value<T>(S.value), constant_power<T, lowered>(b));
            else local = mul_values(rational_value<T>(S.value), constant_power<T, lowered>(b));
            give_to<T, S.ops[0].slot, S.first[0]>(a, chain<T, S.root, S.adjoint>(a, local));
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
            give_to<T, S.ops[0].slot, S.first[0]>(a, chain<T, S.root, S.adjoint>(a, local));
        } else {
            if constexpr (S.receives[0])
                give_to<T, S.ops[0].slot, S.first[0]>(a, chain<T, S.root, S.adjoint>(a, pow_by_base(b, e, p)));
            if constexpr (S.receives[1])
                give_to<T, S.ops[1].slot, S.first[1]>(a, chain<T, S.root, S.adjoint>(a, pow_by_exponent(b, e, p)));
        }
    }
}

// The numerators of a product's constant factors other than 1, in order.
template <auto S>
inline constexpr auto numerators_of = [] {
    struct {
        std::array<long long, S.ops.size() + 1> values{};
        std::size_t count = 0;
    } out;
    for (const operand_ref& o : S.ops)
        if (o.constant && !o.below && o.value.num != 1) out.values[out.count++] = o.value.num;
    return out;
}();

// The factors of a product above the line that are nodes, as operand indices.
template <auto S>
inline constexpr auto above_factors = [] {
    constexpr auto& line = line_of<S>;
    std::array<std::size_t, line.n_nodes_above + 1> out{};
    std::size_t n = 0;
    for (std::size_t k = 0; k < line.n_above; ++k)
        if (line.above[k].kind == line_item::node) out[n++] = line.above[k].op;
    return out;
}();

// A factor b^e (e < 0) below the line of the product in Slot passes e P / b.
template <class T, bool Root, std::size_t Slot, std::size_t Adjoint, operand_ref O, bool Active, bool First>
constexpr void below_give(const T* v, const T* bound, T* a) {
    if constexpr (Active) {
        T local = div_values(mul_values(rational_value<T>(O.power), v[Slot]), read<T, O>(v, bound));
        give_to<T, O.slot, First>(a, chain<T, Root, Adjoint>(a, local));
    }
}

// Which factors above the line receive an adjoint (the adjoint of a
// constant is not kept), how many, and the first and last of them.
template <std::size_t N>
struct receiving {
    std::array<bool, N> wanted{};
    std::size_t count = 0, first = 0, last = 0;
};
template <auto S>
inline constexpr auto receiving_factors = [] {
    constexpr std::size_t above = line_of<S>.n_nodes_above;
    receiving<above> r{};
    for (std::size_t k = 0; k < above; ++k) {
        r.wanted[k] = S.receives[above_factors<S>[k]];
        if (r.wanted[k]) {
            if (r.count == 0) r.first = k;
            r.last = k;
            ++r.count;
        }
    }
    return r;
}();

// Calls f.template operator()<I>() for I = 0, 1, ..., N - 1, in order: a
// loop written out at compile time, each index a constant.
template <std::size_t N, class F>
[[gnu::always_inline]] constexpr void in_order(F&& f) {
    [&]<std::size_t... I>(std::index_sequence<I...>) {
        (void)std::initializer_list<int>{(f.template operator()<I>(), 0)...};
    }
    (std::make_index_sequence<N>{});
}

// d(c f g h / (b^n))/df = c g h / b^n; d(...)/db = -n P / b.
template <class T, auto S>
[[gnu::always_inline]] constexpr void product_step(const T* v, const T* bound, T* a) {
    constexpr auto& line = line_of<S>;
    constexpr std::size_t above = line.n_nodes_above;
    constexpr auto& factors = above_factors<S>;
    constexpr std::size_t above_active = receiving_factors<S>.count;

    if constexpr (above_active > 0) {
        // scale = adjoint * p / (q * factors below the line) for the
        // coefficient p/q, each part left out where it is 1.
        T scale = T(1);
        bool one = true;
        auto times = [&](const T& x) {
            if (one) {
                scale = x;
                one = false;
            } else {
                scale = mul_values(scale, x);
            }
        };
        if constexpr (!S.root) times(a[S.adjoint]);
        // the coefficient's numerator, where it is not 1 (expanded at compile
        // time, so the optimiser sees constants, not a loop over a table)
        [&]<std::size_t... J>(std::index_sequence<J...>) {
            (void)std::initializer_list<int>{(times(T(numerators_of<S>.values[J])), 0)...};
        }
        (std::make_index_sequence<numerators_of<S>.count>{});
        if constexpr (line.has_below) {
            T below = multiply_side<T, S, false>(v, bound);
            scale = one ? div_values(T(1), below) : div_values(scale, below);
            one = false;
        }

        // The factors above the line, and which of them receive an adjoint.
        // Every index below is a constant: the steps are written out at
        // compile time (folds over index sequences, not loops over arrays of
        // flags, which g++ -O2 neither unrolls nor keeps in registers).
        std::array<T, above> f{};
        [&]<std::size_t... J>(std::index_sequence<J...>) {
            (void)std::initializer_list<int>{(f[J] = read<T, S.ops[factors[J]]>(v, bound), 0)...};
        }
        (std::make_index_sequence<above>{});
        constexpr auto& wanted = receiving_factors<S>.wanted;
        constexpr std::size_t first_wanted = receiving_factors<S>.first;
        constexpr std::size_t last_wanted = receiving_factors<S>.last;

        // prefix[i] = scale f[0] ... f[i-1], for i up to the last factor that
        // receives (prefix_one<i>: it is the empty product 1).
        std::array<T, above> prefix{};
        const bool scale_one = one;
        auto prefix_step = [&]<std::size_t I>() {
            if constexpr (I == 0) {
                if (!scale_one) prefix[0] = scale;
            } else if constexpr (I <= last_wanted) {
                if (I == 1 && scale_one) prefix[1] = f[0];
                else prefix[I] = mul_values(prefix[I - 1], f[I - 1]);
            }
        };
        in_order<above>(prefix_step);
        auto prefix_one = [&](std::size_t i) { return i == 0 && scale_one; };

        // others[i] = scale * (every factor above the line but f[i])
        std::array<T, above> others{};
        if constexpr (above_active == 1) {
            // one factor receives: its product left to right, from its prefix
            constexpr std::size_t w = first_wanted;
            T p = prefix_one(w) ? T(1) : prefix[w];
            bool p_one = prefix_one(w);
            auto extend = [&]<std::size_t J>() {
                if constexpr (J > w) {
                    p = p_one ? f[J] : mul_values(p, f[J]);
                    p_one = false;
                }
            };
            in_order<above>(extend);
            others[w] = p_one ? T(1) : p;
        } else {
            // several: suffix products run right to left, down to the first
            // factor that receives; suffix<i> = f[i+1] ... f[above-1].
            T s = T(1);
            auto suffix_step = [&]<std::size_t K>() {
                constexpr std::size_t i = above - 1 - K;
                if constexpr (i >= first_wanted) {
                    constexpr bool s_one = i == above - 1;
                    if constexpr (wanted[i]) {
                        if (prefix_one(i) && s_one) others[i] = T(1);
                        else if (prefix_one(i)) others[i] = s;
                        else if constexpr (s_one) others[i] = prefix[i];
                        else others[i] = mul_values(prefix[i], s);
                    }
                    if constexpr (i > first_wanted) {
                        if constexpr (s_one) s = f[i];
                        else s = mul_values(s, f[i]);
                    }
                }
            };
            in_order<above>(suffix_step);
        }
        [&]<std::size_t... J>(std::index_sequence<J...>) {
            (void)std::initializer_list<int>{
                (give_if<T, S.ops[factors[J]].slot, S.receives[factors[J]], S.first[factors[J]]>(a, others[J]), 0)...};
        }
        (std::make_index_sequence<above>{});
    }

    // Factors below the line: d(P)/db = e P / b for a factor b^e, e < 0.
    [&]<std::size_t... K>(std::index_sequence<K...>) {
        (void)std::initializer_list<int>{(below_give < T, S.root, S.slot, S.adjoint, S.ops[K],
                                          S.receives[K] && S.ops[K].below, S.first[K] > (v, bound, a), 0)...};
    }
    (std::make_index_sequence<S.ops.size()>{});
}

template <class T, auto S>
[[gnu::always_inline]] constexpr void backward(const T* v, const T* bound, T* a) {
    if constexpr (S.kind == node_kind::sum) sum_step<T, S>(a);
    else if constexpr (S.kind == node_kind::function) function_step<T, S>(v, bound, a);
    else if constexpr (S.kind == node_kind::power) power_step<T, S>(v, bound, a);
    else if constexpr (S.kind == node_kind::product) product_step<T, S>(v, bound, a);
    else static_assert(S.kind == node_kind::product, "chainrule::detail::backward: a node kind is not handled");
}

// The step code of node i in the sweep from root (a function, not a lambda in
// the sweep: see make_node_code).
template <std::size_t N, class Tables, class Plan>
constexpr step_code<N> make_step_code(const Tables& g, const Plan& plan, std::size_t i, std::size_t root,
                                      std::size_t (*position)(const var_name&)) {
    const auto& r = g.nodes[i];
    step_code<N> c{};
    c.kind = r.kind;
    c.slot = i;
    c.adjoint = plan.adjoint_slot[i];
    c.root = c.adjoint == root;
    for (std::size_t k = 0; k < N; ++k) {
        const operand_ref& o = g.ops[r.first + k];
        c.ops[k] = bound_operand(g, o, position);
        c.receives[k] = !o.constant && g.nodes[o.slot].active;
        c.first[k] = c.receives[k] && plan.first_writer[o.slot] == i;
        c.shares[k] = c.receives[k] && plan.adjoint_slot[o.slot] != o.slot;
        // an operand that occurs twice (min(u, u)) is written first once; only
        // a function's arguments can repeat (the terms of a canonical sum and
        // the factors of a product are distinct), so a sum of n terms costs
        // O(n) here, not O(n^2)
        if (r.kind == node_kind::function)
            for (std::size_t j = 0; j < k; ++j)
                if (c.receives[j] && c.ops[j].slot == o.slot) c.first[k] = false;
    }
    c.constant_exponent = r.constant_exponent;
    c.value = r.value;
    for (std::size_t k = 0; k < c.local.size(); ++k) c.local[k] = bound_operand(g, r.local[k], position);
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
    [[gnu::always_inline]] static constexpr void run(const T* v, const T* bound, T* a) {
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

template <class Roots, class Vars, class Env>
struct reverse_mode;

template <class... Es, class... Vs, class Env>
struct reverse_mode<type_list<Es...>, type_list<Vs...>, Env> {
    using T = typename Env::scalar;
    using shape = typename reverse_graph<T, type_list<Es...>, type_list<Vs...>>::type;
    static constexpr const auto& g = shape::tables;
    static constexpr std::size_t size = g.forward;  // nodes that take an adjoint
    using adjoints = std::array<T, size == 0 ? 1 : size>;
    using row = std::array<T, sizeof...(Vs)>;

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
    static constexpr std::array<std::size_t, sizeof...(Vs)> variable_slots = {slot_of(Vs::name)...};

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
    };
    static constexpr plan_t make_plan(std::size_t root) {
        plan_t p{};
        for (auto& w : p.first_writer) w = no_node;
        p.reached[root] = true;
        for (std::size_t parent = size; parent-- > 0;) {
            if (!p.reached[parent]) continue;
            const auto& r = g.nodes[parent];
            if (r.kind != node_kind::variable && r.active) p.steps[p.step_count++] = parent;
            for (std::size_t k = r.first + r.count; k-- > r.first;) {
                const operand_ref& o = g.ops[k];
                if (o.constant || !g.nodes[o.slot].active) continue;
                // a function whose partial is the constant 0 (sign, step) passes
                // nothing on (function_give), so it neither reaches the operand
                // nor writes its adjoint first: that adjoint would be read unwritten
                if (r.kind == node_kind::function && r.local[k - r.first].constant &&
                    r.local[k - r.first].value.num == 0)
                    continue;
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
            return !g.ops[r.first + k].constant && g.nodes[g.ops[r.first + k].slot].active;
        };
        auto operand = [&](std::size_t k) {
            if (!g.ops[r.first + k].constant) need[g.ops[r.first + k].slot] = true;
        };
        if (r.kind == node_kind::function) {
            for (std::size_t k = 0; k < r.count; ++k)
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

    static constexpr std::array<row, sizeof...(Es)> run(const Env& env) {
        const values v = forward_sweep::forward(env);
        return [&]<std::size_t... R>(std::index_sequence<R...>)->std::array<row, sizeof...(Es)> {
            return {gradient_of<R>(v, env.bound_values())...};
        }
        (std::index_sequence_for<Es...>{});
    }

    // The value of the first root and its gradient, from one forward and one
    // backward sweep.
    static constexpr std::pair<T, row> value_and_gradient(const Env& env) {
        using with_value = evaluator<shape, Env, selection<true>>;
        const values v = with_value::forward(env);
        return {with_value::template root<0>(v), gradient_of<0>(v, env.bound_values())};
    }

    template <std::size_t R>
    static constexpr row gradient_of(const values& v, const T* bound) {
        constexpr operand_ref root = g.roots[R];
        if constexpr (root.constant) return {((void)sizeof(Vs), T(0))...};
        else return sweep<root.slot>::run(v, bound);
    }

    template <std::size_t Root>
    struct sweep {
        static constexpr plan_t plan = make_plan(Root);

        static constexpr row run(const values& v, const T* bound) {
            // Every adjoint is written before it is read (the first
            // contribution is stored), so the table is not cleared at run time.
            adjoints a;
            if (std::is_constant_evaluated()) a = adjoints{};
            a[Root] = T(1);
            run_blocks(v.data(), bound, a.data(), std::make_index_sequence<(plan.step_count + block - 1) / block>{});
            return gather_components<T, result_slots>(a.data(), std::index_sequence_for<Vs...>{});
        }
        // (Functions, not lambdas, so that they can be inlined by force: the
        // adjoints then live in one function, where the optimiser keeps them
        // in registers and forwards the stores it can see.)
        template <std::size_t... B>
        [[gnu::always_inline]] static constexpr void run_blocks([[maybe_unused]] const T* v,
                                                                [[maybe_unused]] const T* bound, [[maybe_unused]] T* a,
                                                                std::index_sequence<B...>) {
            (void)std::initializer_list<int>{(block_t<B>::run(v, bound, a), 0)...};
        }
        // The slot each component is read from, or no_node where the sweep
        // does not reach the variable (its partial is 0): one table, computed
        // once, rather than a lookup in the plan per component.
        static constexpr std::array<std::size_t, sizeof...(Vs)> result_slots = [] {
            std::array<std::size_t, sizeof...(Vs)> out{};
            for (std::size_t k = 0; k < sizeof...(Vs); ++k)
                out[k] = variable_slots[k] != no_node && plan.reached[variable_slots[k]]
                             ? plan.adjoint_slot[variable_slots[k]]
                             : no_node;
            return out;
        }();

        // Steps in blocks of 64, named by their codes (see evaluator::forward).
        static constexpr std::size_t block = 64;
        template <std::size_t First, std::size_t... K>
        static auto block_type(std::index_sequence<K...>)
            -> step_block<T, make_step_code<g.nodes[plan.steps[First + K]].count>(g, plan, plan.steps[First + K], Root,
                                                                                  &Env::position)...>;
        template <std::size_t B>
        using block_t = decltype(block_type<B * block>(
            std::make_index_sequence<(plan.step_count - B * block < block ? plan.step_count - B * block : block)>{}));
    };
};

}  // namespace chainrule::detail
