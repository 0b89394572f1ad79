#pragma once

#include "chainrule/detail/dag.hpp"
#include "chainrule/detail/order.hpp"
#include "chainrule/detail/type_list.hpp"
#include "chainrule/eval.hpp"
#include "chainrule/expression.hpp"
#include "chainrule/functions/log.hpp"

#include <array>
#include <concepts>
#include <cstddef>
#include <type_traits>
#include <utility>

// Reverse mode: the gradient of one or more expressions by some variables,
// for a small constant times the cost of evaluating them.
//
// 1. Forward sweep. The distinct subexpressions of the roots (dag_nodes), plus
//    the local derivative f'(u) of every function node f(u) that depends on a
//    requested variable, are evaluated once each by eval.hpp's evaluator. The
//    local derivatives are appended to the DAG of the roots, so any of their
//    subexpressions that the roots already compute is looked up, not
//    recomputed: sigmoid's s(u)(1 - s(u)) reuses s(u) and costs one
//    subtraction and one multiplication, never a second exp.
// 2. Backward sweep, once per root. The root's adjoint is 1; the nodes are
//    visited parents first, and each passes adjoint * (local partial) to each
//    of its operands:
//      sum        a + b + ...      1 to each term
//      product    c f g ...        c * (the other factors), without division
//                                  (one factor: a product of the others;
//                                  several: prefix and suffix products), and
//                                  e P / b for a factor b^e below the line
//      power      b^n, n constant  n b^(n-1) (by squaring for an integer
//                                  n >= 2; e P / b otherwise, P = b^e)
//      power      b^e              e P / b to b, P ln b to e
//      function   f(u)             f'(u), from the forward sweep
//    Only operands that depend on a requested variable receive an adjoint
//    (activity analysis, decided at compile time), and the first contribution
//    to an adjoint is stored rather than added to zero, so no work is done
//    that a hand-written backpropagation would skip.
//
// The plan of each sweep (which node reaches which, which parent writes an
// adjoint first) is computed by constexpr functions over index arrays, once per
// root, rather than by template recursion over the graph.
namespace chainrule::detail {

inline constexpr std::size_t no_node = static_cast<std::size_t>(-1);

// The local derivative f'(u) the backward sweep needs at a function node;
// other nodes need none (Int<0> is not a node, so it adds nothing to the DAG).
template <class N>
struct local_derivative {
    using type = Int<0>;
};
template <class Fn, class A>
struct local_derivative<Apply<Fn, A>> {
    using type = typename Fn::template derivative<A>;
};

// The shape of the DAG: its edges (node -> operand, as the evaluator reads
// operands, constants left out) as index pairs, parents in increasing order.
template <class Nodes>
struct graph;

template <class... Ns>
struct graph<type_list<Ns...>> {
    using nodes = type_list<Ns...>;
    static constexpr std::size_t size = sizeof...(Ns);

    template <class N>
    static constexpr std::size_t operand_count = [] {
        return []<class... Cs>(type_list<Cs...>) { return (std::size_t{0} + ... + (Constant<Cs> ? 0 : 1)); }(
            typename children<N>::type{});
    }();
    static constexpr std::size_t edge_count = (std::size_t{0} + ... + operand_count<Ns>);

    struct edge {
        std::size_t parent;
        std::size_t operand;
    };

    static constexpr std::array<edge, edge_count> edges = [] {
        std::array<edge, edge_count> out{};
        std::size_t k = 0, parent = 0;
        auto add = [&]<class N>(std::type_identity<N>) {
            [&]<class... Cs>(type_list<Cs...>) {
                auto one = [&]<class C>(std::type_identity<C>) {
                    if constexpr (!Constant<C>) out[k++] = {parent, index_of<C>(nodes{})};
                };
                (one(std::type_identity<Cs>{}), ...);
                (void)one;  // a variable has no operands
            }(typename children<N>::type{});
            ++parent;
        };
        (add(std::type_identity<Ns>{}), ...);
        (void)add;  // the DAG of a constant is empty
        return out;
    }();

    template <class N, class... Vs>
    static constexpr bool is_one_of = (std::is_same_v<N, Vs> || ...);

    // Which nodes depend on one of the variables Vs.
    template <class... Vs>
    static constexpr std::array<bool, size> depends_on = [] {
        std::array<bool, size> out{is_one_of<Ns, Vs...>...};
        for (const edge& e : edges)  // operands come before their parents
            if (out[e.operand]) out[e.parent] = true;
        return out;
    }();

    // One backward sweep from Root: which nodes it reaches through active
    // operands, and which parent writes each adjoint first (the latest one,
    // since parents are visited in decreasing order).
    struct plan {
        std::array<bool, size> reached{};
        std::array<std::size_t, size> first_writer{};
    };
    static constexpr plan make_plan(std::size_t root, const std::array<bool, size>& active) {
        plan p{};
        for (auto& w : p.first_writer) w = no_node;
        p.reached[root] = true;
        for (std::size_t k = edge_count; k-- > 0;) {
            const edge& e = edges[k];
            if (!p.reached[e.parent] || !active[e.operand]) continue;
            p.reached[e.operand] = true;
            if (p.first_writer[e.operand] == no_node) p.first_writer[e.operand] = e.parent;
        }
        return p;
    }
};

template <class Roots, class Vars, class Env>
struct reverse_mode;

template <class... Es, class... Vs, class Env>
struct reverse_mode<type_list<Es...>, type_list<Vs...>, Env> {
    using T = typename Env::scalar;
    using forward_nodes = dag_nodes<Es...>;
    using shape = graph<forward_nodes>;
    static constexpr std::size_t size = shape::size;
    static constexpr std::array<bool, size> active = shape::template depends_on<Vs...>;

    // The local derivatives of the active function nodes, appended to the
    // roots' DAG: forward_nodes is a prefix of all_nodes.
    template <class... Ns, std::size_t... I>
    static auto needed_derivatives(type_list<Ns...>, std::index_sequence<I...>)
        -> type_list<std::conditional_t<active[I], typename local_derivative<Ns>::type, Int<0>>...>;
    using all_nodes = typename collect_all<
        false, forward_nodes,
        decltype(needed_derivatives(forward_nodes{}, std::make_index_sequence<size>{}))>::type;

    using forward_sweep = evaluator<all_nodes, Env>;
    using values = typename forward_sweep::values;
    using adjoints = std::array<T, size>;
    using row = std::array<T, sizeof...(Vs)>;

    template <class C>
    static constexpr std::size_t index = index_of<C>(forward_nodes{});

    template <class C>
    static constexpr T value(const values& v) {
        return forward_sweep::template value<C>(v);
    }

    static constexpr std::array<row, sizeof...(Es)> run(const Env& env) {
        const values v = forward_sweep::forward(env);
        return {gradient_of<Es>(v)...};
    }

    template <class E>
    static constexpr row gradient_of(const values& v) {
        if constexpr (Constant<E>) return {((void)sizeof(Vs), T(0))...};
        else return sweep<index<E>>::run(v);
    }

    template <std::size_t Root>
    struct sweep {
        static constexpr typename shape::plan plan = shape::make_plan(Root, active);

        static constexpr row run(const values& v) {
            adjoints a{};
            a[Root] = T(1);
            visit(v, a, forward_nodes{}, std::make_index_sequence<size>{});
            return {component<Vs>(a)...};
        }

        template <class V>
        static constexpr T component(const adjoints& a) {
            if constexpr (contains_v<V, forward_nodes>) {
                if constexpr (plan.reached[index<V>]) return a[index<V>];
                else return T(0);
            } else {
                return T(0);
            }
        }

        // Parents before operands: the nodes in reverse order. The operands of
        // a right fold over "=" are evaluated right to left (C++17
        // sequencing), so step<size - 1> runs first.
        template <class... Ns, std::size_t... I>
        static constexpr void visit(const values& v, adjoints& a, type_list<Ns...>, std::index_sequence<I...>) {
            int sequence = 0;
            ((step<I, Ns>(v, a), sequence) = ... = 0);
        }

        template <class C>
        static constexpr bool receives = [] {
            if constexpr (Constant<C>) return false;
            else return active[index<C>];
        }();

        // Adds x to the adjoint of C; the first contribution is stored.
        template <std::size_t Parent, class C>
        static constexpr void give(adjoints& a, const T& x) {
            if constexpr (plan.first_writer[index<C>] == Parent) a[index<C>] = x;
            else a[index<C>] = T(a[index<C>] + x);
        }

        // adjoint * local partial; the root's adjoint is 1, so there it is free.
        template <std::size_t I>
        static constexpr T chain(const adjoints& a, const T& local) {
            if constexpr (I == Root) return local;
            else return T(a[I] * local);
        }

        template <std::size_t I, class N>
        static constexpr void step(const values& v, adjoints& a) {
            if constexpr (Variable<N> || !plan.reached[I] || !active[I]) {
                return;
            } else if constexpr (kind_of<N>::value == node_kind::sum) {
                sum_step<I>(a, operands_of<N>{});
            } else if constexpr (kind_of<N>::value == node_kind::function) {
                function_step<I, N>(v, a);
            } else if constexpr (kind_of<N>::value == node_kind::power) {
                power_step<I, typename N::base, typename N::exponent>(v, a);
            } else {
                product_step<I>(v, a, operands_of<N>{});
            }
        }

        // d(a + b + ...)/da = 1
        template <std::size_t I, class... Ts>
        static constexpr void sum_step(adjoints& a, operands<Ts...>) {
            auto one = [&]<class C>(std::type_identity<C>) {
                if constexpr (receives<C>) {
                    if constexpr (I == Root) give<I, C>(a, T(1));
                    else give<I, C>(a, a[I]);
                }
            };
            (one(std::type_identity<Ts>{}), ...);
        }

        // d f(u)/du = f'(u), already computed by the forward sweep.
        template <std::size_t I, class N>
        static constexpr void function_step(const values& v, adjoints& a) {
            using U = typename N::argument;
            using derivative = typename local_derivative<N>::type;
            if constexpr (!receives<U> || std::is_same_v<derivative, Int<0>>) return;
            else give<I, U>(a, chain<I>(a, value<derivative>(v)));
        }

        template <std::size_t I, class B, class E>
        static constexpr void power_step(const values& v, adjoints& a) {
            if constexpr (Constant<E>) {
                // d b^n/db = n b^(n-1)
                if constexpr (!receives<B>) {
                    return;
                } else if constexpr (E::denominator == 1 && E::numerator >= 2) {
                    T below = integer_power<E::numerator - 1>(value<B>(v));
                    give<I, B>(a, chain<I>(a, T(T(E::numerator) * below)));
                } else {
                    // b^e e / b: reuses b^e; at b = 0 this is 0/0 where the
                    // symbolic derivative may be finite or infinite.
                    T local = T(constant_value<T, E>() * v[I]) / value<B>(v);
                    give<I, B>(a, chain<I>(a, local));
                }
            } else {
                // d b^e = b^e (e/b db + ln b de)
                const T& p = v[I];
                if constexpr (std::is_same_v<B, E>) {  // x^x: one operand, two partials
                    T local = T(T(value<E>(v) * p) / value<B>(v)) + T(p * log_fn::eval(value<B>(v)));
                    give<I, B>(a, chain<I>(a, local));
                } else {
                    if constexpr (receives<B>)
                        give<I, B>(a, chain<I>(a, T(T(value<E>(v) * p) / value<B>(v))));
                    if constexpr (receives<E>) give<I, E>(a, chain<I>(a, T(p * log_fn::eval(value<B>(v)))));
                }
            }
        }

        // A factor of a product seen by the backward sweep: its operand node,
        // and whether it sits below the line (b^-n is read through b).
        template <class F>
        using operand = typename product_operand<F>::type;

        // d(c f g h / (b^n))/df = c g h / b^n; d(...)/db = -n P / b.
        template <std::size_t I, class... Fs>
        static constexpr void product_step(const values& v, adjoints& a, operands<Fs...>) {
            constexpr std::size_t above = ((!Constant<Fs> && !in_denominator<Fs> ? 1 : 0) + ...);
            constexpr std::size_t above_active =
                ((!Constant<Fs> && !in_denominator<Fs> && receives<operand<Fs>> ? 1 : 0) + ...);
            // As the forward sweep does: P = (coefficient's numerator * factors
            // above the line) / (coefficient's denominator * factors below).
            constexpr bool has_below = (has_part_below<Fs>() || ...);

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
                        scale = T(scale * x);
                    }
                };
                if constexpr (I != Root) times(a[I]);
                auto coefficient = [&]<class F>(std::type_identity<F>) {
                    if constexpr (Constant<F>)
                        if constexpr (F::numerator != 1) times(T(F::numerator));
                };
                (coefficient(std::type_identity<Fs>{}), ...);
                if constexpr (has_below) {
                    T below = forward_sweep::multiply_all(
                        v, typename concat_all<typename factor_below<Fs>::type...>::type{});
                    scale = one ? T(T(1) / below) : T(scale / below);
                    one = false;
                }

                std::array<T, above> f{};
                std::array<bool, above> wanted{};
                std::size_t k = 0;
                auto collect_factor = [&]<class F>(std::type_identity<F>) {
                    if constexpr (!Constant<F> && !in_denominator<F>) {
                        f[k] = value<F>(v);
                        wanted[k] = receives<F>;
                        ++k;
                    }
                };
                (collect_factor(std::type_identity<Fs>{}), ...);

                // others[i] = scale * (every factor above the line but f[i])
                std::array<T, above> others{};
                if constexpr (above_active == 1) {
                    for (std::size_t i = 0; i < above; ++i) {
                        if (!wanted[i]) continue;
                        T p = scale;
                        bool p_one = one;
                        for (std::size_t j = 0; j < above; ++j) {
                            if (j == i) continue;
                            p = p_one ? f[j] : T(p * f[j]);
                            p_one = false;
                        }
                        others[i] = p_one ? T(1) : p;
                    }
                } else {
                    // prefix[i] = scale f[0] ... f[i-1]; suffix runs right to left.
                    std::array<T, above> prefix{};
                    std::array<bool, above> prefix_one{};
                    T p = scale;
                    bool p_one = one;
                    for (std::size_t i = 0; i < above; ++i) {
                        prefix[i] = p;
                        prefix_one[i] = p_one;
                        if (i + 1 < above) {
                            p = p_one ? f[i] : T(p * f[i]);
                            p_one = false;
                        }
                    }
                    T s = T(1);
                    bool s_one = true;
                    for (std::size_t i = above; i-- > 0;) {
                        if (wanted[i]) {
                            if (prefix_one[i] && s_one) others[i] = T(1);
                            else if (prefix_one[i]) others[i] = s;
                            else if (s_one) others[i] = prefix[i];
                            else others[i] = T(prefix[i] * s);
                        }
                        if (i > 0) {
                            s = s_one ? f[i] : T(s * f[i]);
                            s_one = false;
                        }
                    }
                }

                std::size_t m = 0;
                auto pass = [&]<class F>(std::type_identity<F>) {
                    if constexpr (!Constant<F> && !in_denominator<F>) {
                        if constexpr (receives<F>) give<I, F>(a, others[m]);
                        ++m;
                    }
                };
                (pass(std::type_identity<Fs>{}), ...);
            }

            // Factors below the line: d(P)/db = e P / b for a factor b^e, e < 0.
            auto below_line = [&]<class F>(std::type_identity<F>) {
                if constexpr (in_denominator<F>) {
                    using B = typename F::base;
                    if constexpr (receives<B>) {
                        T local = T(constant_value<T, typename F::exponent>() * v[I]) / value<B>(v);
                        give<I, B>(a, chain<I>(a, local));
                    }
                }
            };
            (below_line(std::type_identity<Fs>{}), ...);
        }
    };
};

}  // namespace chainrule::detail
