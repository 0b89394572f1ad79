#pragma once

// The loss of a two-layer network with N inputs and M hidden units,
//
//   L = (sigmoid(sum_j v_j relu(sum_i w_ji x_i + b_j) + c) - 0.8)^2,
//
// as a chainrule type. Its parameters are the k = M N weights w_ji, the M
// biases b_j, the M output weights v_j and the output bias c; the inputs x_i
// are variables too, bound at evaluation but not differentiated by.

#include <chainrule.hpp>

#include <array>
#include <cstddef>
#include <utility>

namespace two_layer_net {

using namespace chainrule;

// Var<"w21"> for w_21, ...: names built at compile time (indices below 10).
constexpr var_name name(char letter, std::size_t i) {
    var_name n(letter);
    n.chars[1] = static_cast<char>('0' + i);
    return n;
}
constexpr var_name name(char letter, std::size_t j, std::size_t i) {
    var_name n = name(letter, j);
    n.chars[2] = static_cast<char>('0' + i);
    return n;
}

template <std::size_t N, std::size_t M>
struct net {
    static_assert(N < 10 && M < 10, "indices are single digits");
    static constexpr std::size_t inputs = N, hidden = M, weights = M * N;
    static constexpr std::size_t parameters = M * N + 2 * M + 1;

    template <std::size_t J, std::size_t I>
    using w = Var<name('w', J, I)>;
    template <std::size_t J>
    using b = Var<name('b', J)>;
    template <std::size_t J>
    using v = Var<name('v', J)>;
    using c = Var<'c'>;
    template <std::size_t I>
    using x = Var<name('x', I)>;

    template <class... Ts>
    struct sum;
    template <class T>
    struct sum<T> {
        using type = T;
    };
    template <class T, class U, class... Ts>
    struct sum<T, U, Ts...> {
        using type = typename sum<Add<T, U>, Ts...>::type;
    };

    template <std::size_t J, std::size_t... I>
    static auto hidden_unit(std::index_sequence<I...>) -> Relu<typename sum<Mul<w<J, I>, x<I>>..., b<J>>::type>;
    template <std::size_t J>
    using h = decltype(hidden_unit<J>(std::make_index_sequence<N>{}));

    template <std::size_t... J>
    static auto output(std::index_sequence<J...>) -> Sigmoid<typename sum<Mul<v<J>, h<J>>..., c>::type>;
    using loss = Pow<Sub<decltype(output(std::make_index_sequence<M>{})), Rational<4, 5>>, Int<2>>;

    // The parameters in a fixed order: w (row by row), b, v, c.
    template <std::size_t P>
    static auto parameter() {
        if constexpr (P < M * N) return w<P / N, P % N>{};
        else if constexpr (P < M * N + M) return b<P - M * N>{};
        else if constexpr (P < M * N + 2 * M) return v<P - M * N - M>{};
        else return c{};
    }
    template <std::size_t P>
    using param = decltype(parameter<P>());

    template <std::size_t... P>
    static auto gradient_type(std::index_sequence<P...>) -> Gradient<loss, param<P>...>;
    using gradient = decltype(gradient_type(std::make_index_sequence<parameters>{}));

    // Deterministic, varied values: some hidden units active, some not.
    template <class T>
    static constexpr T parameter_value(std::size_t p) {
        long long k = static_cast<long long>((p * 37 + 11) % 19) - 9;  // -9 .. 9
        return T(k) / T(10);
    }
    template <class T>
    static constexpr T input_value(std::size_t i) {
        return T(static_cast<long long>(i % 5) + 1) / T(4);
    }

    template <class T>
    struct point {
        std::array<T, parameters> p;
        std::array<T, N> x;
    };
    template <class T>
    static constexpr point<T> sample_point() {
        point<T> at{};
        for (std::size_t k = 0; k < parameters; ++k) at.p[k] = parameter_value<T>(k);
        for (std::size_t i = 0; i < N; ++i) at.x[i] = input_value<T>(i);
        return at;
    }

    // eval<G>(at<w00>(...), ..., at<x0>(...), ...) for G = loss, gradient, D<loss, V>.
    template <class G, class T, std::size_t... P, std::size_t... I>
    static constexpr auto evaluate_at(const point<T>& at_, std::index_sequence<P...>, std::index_sequence<I...>) {
        return eval<G>(at<param<P>>(at_.p[P])..., at<x<I>>(at_.x[I])...);
    }
    template <class G, class T>
    static constexpr auto evaluate(const point<T>& at_) {
        return evaluate_at<G>(at_, std::make_index_sequence<parameters>{}, std::make_index_sequence<N>{});
    }
};

}  // namespace two_layer_net
