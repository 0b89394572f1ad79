#pragma once

// A scalar that counts what is done with it: every +, -, *, / and every call
// of exp, log, sin, ... . The tests use it to show that evaluation shares
// work (exp is called once for D<Sigmoid<X>>) and that a gradient costs a
// small constant times its function.
//
// The counters are global: run-time tests reset them, evaluate, and read them.
// The value inside is a double, so results can be checked too.

#include <cmath>
#include <concepts>
#include <cstdio>

namespace counting {

struct counters {
    long long add = 0;  // a + b, a - b
    long long neg = 0;  // -a
    long long mul = 0;  // a * b
    long long div = 0;  // a / b
    long long exp = 0, log = 0, sin = 0, cos = 0, tan = 0, tanh = 0, sqrt = 0, pow = 0, abs = 0;
    long long compare = 0;  // not arithmetic; relu and step compare with 0

    long long functions() const { return exp + log + sin + cos + tan + tanh + sqrt + pow + abs; }
    /// Every arithmetic operation and function call: the cost that the
    /// cheap-gradient principle bounds.
    long long operations() const { return add + neg + mul + div + functions(); }
    void print(const char* what) const {
        std::printf("%-34s ops %5lld  (+- %4lld, neg %3lld, * %4lld, / %3lld, exp %3lld, other fns %3lld)\n", what,
                    operations(), add, neg, mul, div, exp, functions() - exp);
    }
};

inline counters count;

inline void reset() { count = counters{}; }

/// A double that counts the operations done with it.
struct scalar {
    double v = 0;

    constexpr scalar() = default;
    constexpr scalar(long long n) : v(static_cast<double>(n)) {}  // what the library writes: T(2)
    template <std::floating_point F>
    constexpr explicit scalar(F x) : v(static_cast<double>(x)) {}

    friend scalar operator+(scalar a, scalar b) { return ++count.add, scalar(a.v + b.v); }
    friend scalar operator-(scalar a, scalar b) { return ++count.add, scalar(a.v - b.v); }
    friend scalar operator*(scalar a, scalar b) { return ++count.mul, scalar(a.v * b.v); }
    friend scalar operator/(scalar a, scalar b) { return ++count.div, scalar(a.v / b.v); }
    friend scalar operator-(scalar a) { return ++count.neg, scalar(-a.v); }

    friend bool operator<(scalar a, scalar b) { return ++count.compare, a.v < b.v; }
    friend bool operator>(scalar a, scalar b) { return ++count.compare, a.v > b.v; }
    friend bool operator<=(scalar a, scalar b) { return ++count.compare, a.v <= b.v; }
    friend bool operator>=(scalar a, scalar b) { return ++count.compare, a.v >= b.v; }
    friend bool operator==(scalar a, scalar b) { return ++count.compare, a.v == b.v; }

    // Found by argument-dependent lookup, as the library calls them.
    friend scalar exp(scalar a) { return ++count.exp, scalar(std::exp(a.v)); }
    friend scalar log(scalar a) { return ++count.log, scalar(std::log(a.v)); }
    friend scalar sin(scalar a) { return ++count.sin, scalar(std::sin(a.v)); }
    friend scalar cos(scalar a) { return ++count.cos, scalar(std::cos(a.v)); }
    friend scalar tan(scalar a) { return ++count.tan, scalar(std::tan(a.v)); }
    friend scalar tanh(scalar a) { return ++count.tanh, scalar(std::tanh(a.v)); }
    friend scalar sqrt(scalar a) { return ++count.sqrt, scalar(std::sqrt(a.v)); }
    friend scalar pow(scalar a, scalar b) { return ++count.pow, scalar(std::pow(a.v, b.v)); }
    friend scalar abs(scalar a) { return ++count.abs, scalar(std::abs(a.v)); }
};

}  // namespace counting
