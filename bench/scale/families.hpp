#pragma once

// The four families of programs that bench/scale measures (issue 8), as
// templates over their size, each with a hand-written reference:
//
//   logistic<N>   l_0 = x, l_{k+1} = r l_k (1 - l_k); D<l_N, X> and
//                 Gradient<l_N, X>, against the forward loop d = r d (1 - 2l).
//                 r is a variable bound to 4 (see docs/performance.md for why
//                 it is not Int<4>: the flattened coefficient 4^N overflows
//                 long long from N = 32).
//   net<S>        a two-layer network with S inputs and S hidden units, relu
//                 then sigmoid, squared error; k = S^2 weights and S^2 + 2S + 1
//                 parameters; each sum is one Add of many operands; the full
//                 gradient, against hand-written backpropagation.
//   chain<N>      tanh(w_N tanh(... tanh(w_1 x))); the gradient over the N
//                 weights, against a hand-written reverse loop.
//   flat<N>       w_0 x_0 + ... + w_{N-1} x_{N-1}; the gradient over the w_i.
//
// net_view<S> and flat_view<N> are the same programs over families of
// variables (Vars<"w", S, S>, ...) bound by reference where the data keeps
// them, at<Vars<...>>(std::cref(values)), instead of one variable at a time
// into a point of copies: FAMILIES="net_view:16 flat_view:256" run.sh ...
//
// Each family has `function` (the type), `derivative` (D<function, X> for the
// logistic map, the gradient otherwise), `gradient`, `outputs` (the size of
// the derivative), a `data` struct with `sample()`, `point(data)` (the
// bindings), and `hand_function` / `hand_derivative`.

#include <chainrule.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <functional>
#include <span>
#include <type_traits>
#include <utility>

namespace scale {

using namespace chainrule;

// The name "w12_3" for w[12][3]: built at compile time.
constexpr var_name name(char letter, std::size_t i) {
    var_name n(letter);
    std::size_t at = 1;
    char digits[8]{};
    std::size_t k = 0;
    do {
        digits[k++] = static_cast<char>('0' + i % 10);
        i /= 10;
    } while (i != 0);
    while (k > 0) n.chars[at++] = digits[--k];
    return n;
}
constexpr var_name name(char letter, std::size_t j, std::size_t i) {
    var_name n = name(letter, j);
    std::size_t at = 0;
    while (n.chars[at] != '\0') ++at;
    n.chars[at++] = '_';
    var_name tail = name('_', i);
    for (std::size_t k = 1; tail.chars[k] != '\0'; ++k) n.chars[at++] = tail.chars[k];
    return n;
}

// t_0 + t_1 + ...: one Add of many operands (a left fold of the two-operand
// Add costs O(n^2) merges and a template recursion as deep as the sum).
template <class T, class U, class... Ts>
struct sum {
    using type = Add<T, U, Ts...>;
};

// ------------------------------------------------------------ logistic map

template <int N>
struct logistic {
    using R = Var<'r'>;
    template <int K, class = void>
    struct level {
        using prev = typename level<K - 1>::type;
        using type = Mul<R, Mul<prev, Sub<Int<1>, prev>>>;
    };
    template <class Void>
    struct level<0, Void> {
        using type = X;
    };
    using function = typename level<N>::type;
    using derivative = D<function, X>;
    using gradient = Gradient<function, X>;

    static constexpr double r = 4.0;
    static constexpr std::size_t outputs = 1;
    struct data {
        double x;
    };
    static constexpr data sample() { return {0.3}; }
    static constexpr auto point(const data& d) { return chainrule::point(at<X>(d.x), at<R>(r)); }

    static double hand_function(const data& d) {
        double l = d.x;
        for (int k = 0; k < N; ++k) l = r * l * (1 - l);
        return l;
    }
    static void hand_derivative(const data& at_, double* out) {
        double l = at_.x, d = 1;
        for (int k = 0; k < N; ++k) {
            d = r * d * (1 - 2 * l);
            l = r * l * (1 - l);
        }
        out[0] = d;
    }
};

// ------------------------------------------------------------ two-layer net

template <std::size_t S, bool View = false>
struct net {
    static constexpr std::size_t inputs = S, hidden = S, weights = S * S;
    static constexpr std::size_t parameters = S * S + 2 * S + 1;

    using Ws = Vars<"w", S, S>;
    using Bs = Vars<"b", S>;
    using Vs = Vars<"v", S>;
    using Xs = Vars<"x", S>;
    template <std::size_t J, std::size_t I>
    using w = std::conditional_t<View, typename Ws::template member<J * S + I>, Var<name('w', J, I)>>;
    template <std::size_t J>
    using b = std::conditional_t<View, typename Bs::template member<J>, Var<name('b', J)>>;
    template <std::size_t J>
    using v = std::conditional_t<View, typename Vs::template member<J>, Var<name('v', J)>>;
    using c = Var<'c'>;
    template <std::size_t I>
    using x = std::conditional_t<View, typename Xs::template member<I>, Var<name('x', I)>>;

    template <std::size_t J, std::size_t... I>
    static auto hidden_unit(std::index_sequence<I...>) -> Relu<typename sum<Mul<w<J, I>, x<I>>..., b<J>>::type>;
    template <std::size_t J>
    using h = decltype(hidden_unit<J>(std::make_index_sequence<S>{}));

    template <std::size_t... J>
    static auto output(std::index_sequence<J...>) -> Sigmoid<typename sum<Mul<v<J>, h<J>>..., c>::type>;
    using function = Pow<Sub<decltype(output(std::make_index_sequence<S>{})), Rational<4, 5>>, Int<2>>;

    // The parameters in a fixed order: w (row by row), b, v, c.
    template <std::size_t P>
    static auto parameter() {
        if constexpr (P < S * S) return w<P / S, P % S>{};
        else if constexpr (P < S * S + S) return b<P - S * S>{};
        else if constexpr (P < S * S + 2 * S) return v<P - S * S - S>{};
        else return c{};
    }
    template <std::size_t P>
    using param = decltype(parameter<P>());

    template <std::size_t... P>
    static auto gradient_type(std::index_sequence<P...>) -> Gradient<function, param<P>...>;
    using gradient = decltype(gradient_type(std::make_index_sequence<parameters>{}));

    static constexpr double parameter_value(std::size_t p) {
        return static_cast<double>(static_cast<long long>((p * 37 + 11) % 19) - 9) / 10.0;
    }
    static constexpr double input_value(std::size_t i) { return static_cast<double>(i % 5 + 1) / 4.0; }

    using derivative = gradient;
    static constexpr std::size_t outputs = parameters;
    struct data {
        double p[parameters];
        double x[S];
    };
    static constexpr data sample() {
        data d{};
        for (std::size_t k = 0; k < parameters; ++k) d.p[k] = parameter_value(k);
        for (std::size_t i = 0; i < S; ++i) d.x[i] = input_value(i);
        return d;
    }
    template <std::size_t... P, std::size_t... I>
    static constexpr auto point_of(const data& d, std::index_sequence<P...>, std::index_sequence<I...>) {
        return chainrule::point(at<param<P>>(d.p[P])..., at<x<I>>(d.x[I])...);
    }
    static constexpr auto point(const data& d) {
        if constexpr (View) {
            // the rows of p that hold w, b and v, each bound by reference
            const std::span<const double, S * S> ws(d.p, S * S);
            const std::span<const double, S> bs(d.p + S * S, S), vs(d.p + S * S + S, S);
            return chainrule::point(at<Ws>(std::cref(ws)), at<Bs>(std::cref(bs)), at<Vs>(std::cref(vs)),
                                    at<c>(d.p[S * S + 2 * S]), at<Xs>(std::cref(d.x)));
        } else {
            return point_of(d, std::make_index_sequence<parameters>{}, std::make_index_sequence<S>{});
        }
    }

    // Hand-written forward pass and backpropagation over the same parameters.
    static double hand_function(const data& d) {
        const double* p = d.p;
        const double* xs = d.x;
        const double* W = p;
        const double* B = p + S * S;
        const double* V = p + S * S + S;
        const double C = p[S * S + 2 * S];
        double z = C;
        for (std::size_t j = 0; j < S; ++j) {
            double a = B[j];
            for (std::size_t i = 0; i < S; ++i) a += W[j * S + i] * xs[i];
            z += V[j] * (a > 0 ? a : 0);
        }
        const double s = 1 / (1 + std::exp(-z));
        return (s - 0.8) * (s - 0.8);
    }
    static void hand_derivative(const data& d, double* g) {
        const double* p = d.p;
        const double* xs = d.x;
        const double* W = p;
        const double* B = p + S * S;
        const double* V = p + S * S + S;
        const double C = p[S * S + 2 * S];
        double a[S], hv[S];
        double z = C;
        for (std::size_t j = 0; j < S; ++j) {
            double acc = B[j];
            for (std::size_t i = 0; i < S; ++i) acc += W[j * S + i] * xs[i];
            a[j] = acc;
            hv[j] = acc > 0 ? acc : 0;
            z += V[j] * hv[j];
        }
        const double s = 1 / (1 + std::exp(-z));
        const double dz = 2 * (s - 0.8) * s * (1 - s);
        for (std::size_t j = 0; j < S; ++j) {
            g[S * S + S + j] = dz * hv[j];
            const double da = a[j] > 0 ? dz * V[j] : 0;
            g[S * S + j] = da;
            for (std::size_t i = 0; i < S; ++i) g[j * S + i] = da * xs[i];
        }
        g[S * S + 2 * S] = dz;
    }
};

// ------------------------------------------------------------- tanh chain

template <std::size_t N>
struct chain {
    static constexpr std::size_t parameters = N;
    template <std::size_t K>
    using w = Var<name('w', K)>;
    template <std::size_t K, class = void>
    struct level {
        using type = Tanh<Mul<w<K - 1>, typename level<K - 1>::type>>;
    };
    template <class Void>
    struct level<0, Void> {
        using type = X;
    };
    using function = typename level<N>::type;

    template <std::size_t... K>
    static auto gradient_type(std::index_sequence<K...>) -> Gradient<function, w<K>...>;
    using gradient = decltype(gradient_type(std::make_index_sequence<N>{}));

    static constexpr double parameter_value(std::size_t k) { return 0.5 + static_cast<double>(k % 7) / 10.0; }
    static constexpr double input_value() { return 0.3; }

    using derivative = gradient;
    static constexpr std::size_t outputs = parameters;
    struct data {
        double p[N];
        double x;
    };
    static constexpr data sample() {
        data d{};
        for (std::size_t k = 0; k < N; ++k) d.p[k] = parameter_value(k);
        d.x = input_value();
        return d;
    }
    template <std::size_t... K>
    static constexpr auto point_of(const data& d, std::index_sequence<K...>) {
        return chainrule::point(at<w<K>>(d.p[K])..., at<X>(d.x));
    }
    static constexpr auto point(const data& d) { return point_of(d, std::make_index_sequence<N>{}); }

    static double hand_function(const data& d) {
        const double* p = d.p;
        double h = d.x;
        for (std::size_t k = 0; k < N; ++k) h = std::tanh(p[k] * h);
        return h;
    }
    static void hand_derivative(const data& d, double* g) {
        const double* p = d.p;
        double h[N + 1];
        h[0] = d.x;
        for (std::size_t k = 0; k < N; ++k) h[k + 1] = std::tanh(p[k] * h[k]);
        double adj = 1;
        for (std::size_t k = N; k-- > 0;) {
            const double da = adj * (1 - h[k + 1] * h[k + 1]);  // d/d(w_k h_k) of tanh
            g[k] = da * h[k];
            adj = da * p[k];
        }
    }
};

// --------------------------------------------------------------- flat sum

// (View = true: the members of the families Vars<"w", N> and Vars<"x", N>,
// bound by reference where the data keeps them; flat_view below.)
template <std::size_t N, bool View = false>
struct flat {
    static constexpr std::size_t parameters = N;
    using W = Vars<"w", N>;
    using Xs = Vars<"x", N>;
    template <std::size_t I>
    using w = std::conditional_t<View, typename W::template member<I>, Var<name('w', I)>>;
    template <std::size_t I>
    using x = std::conditional_t<View, typename Xs::template member<I>, Var<name('x', I)>>;

    template <std::size_t... I>
    static auto function_type(std::index_sequence<I...>) -> typename sum<Mul<w<I>, x<I>>...>::type;
    using function = decltype(function_type(std::make_index_sequence<N>{}));

    template <std::size_t... I>
    static auto gradient_type(std::index_sequence<I...>) -> Gradient<function, w<I>...>;
    using gradient = decltype(gradient_type(std::make_index_sequence<N>{}));

    static constexpr double parameter_value(std::size_t i) { return static_cast<double>(i % 11) / 8.0 - 0.6; }
    static constexpr double input_value(std::size_t i) { return static_cast<double>(i % 5 + 1) / 4.0; }

    using derivative = gradient;
    static constexpr std::size_t outputs = parameters;
    struct data {
        double p[N];
        double x[N];
    };
    static constexpr data sample() {
        data d{};
        for (std::size_t i = 0; i < N; ++i) d.p[i] = parameter_value(i), d.x[i] = input_value(i);
        return d;
    }
    template <std::size_t... I>
    static constexpr auto point_of(const data& d, std::index_sequence<I...>) {
        return chainrule::point(at<w<I>>(d.p[I])..., at<x<I>>(d.x[I])...);
    }
    static constexpr auto point(const data& d) {
        if constexpr (View) return chainrule::point(at<W>(std::cref(d.p)), at<Xs>(std::cref(d.x)));
        else return point_of(d, std::make_index_sequence<N>{});
    }

    static double hand_function(const data& d) {
        double s = 0;
        for (std::size_t i = 0; i < N; ++i) s += d.p[i] * d.x[i];
        return s;
    }
    static void hand_derivative(const data& d, double* g) {
        for (std::size_t i = 0; i < N; ++i) g[i] = d.x[i];
    }
};

// The flat sum and the net with their parameters and inputs bound as families
// by reference (at<Vars<"w", N>>(std::cref(values))): evaluation reads them
// where the data keeps them, as the hand-written code does, instead of from
// a point of copies.
template <std::size_t N>
using flat_view = flat<N, true>;
template <std::size_t S>
using net_view = net<S, true>;

}  // namespace scale
