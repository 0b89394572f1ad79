#pragma once

#include "chainrule/derivative.hpp"
#include "chainrule/detail/bindings.hpp"
#include "chainrule/detail/evaluator.hpp"
#include "chainrule/detail/graph.hpp"
#include "chainrule/detail/rational.hpp"
#include "chainrule/detail/type_list.hpp"
#include "chainrule/expression.hpp"
#include "chainrule/functions/function.hpp"
#include "chainrule/math.hpp"
#include "chainrule/variables.hpp"

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <type_traits>
#include <utility>

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
