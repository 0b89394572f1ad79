// The oracle's generator: from a seed, made-up expressions over x, y and z
// that use every built-in function and every arithmetic operation, each
// written twice -- as chainrule C++ (the type-level spelling, Add<Sin<X>, Y>,
// or the value-level one, sin(x) + y, in turn) and as text for GiNaC, with
// each function replaced by its defining formula in GiNaC's own functions --
// and for each four points inside every domain and away from every kink.
//
//   oracle_generate <out-dir> <seed> <count> <parts>
//       writes <out-dir>/part_<k>.cpp, k < parts, the expressions split
//       evenly, and <out-dir>/parts.cpp, which lists the parts.
//   oracle_generate --covers <header>...
//       fails, naming them, if a function header of include/chainrule/
//       functions/ has no entry in the table below (a function that landed
//       without the oracle knowing it).
//   oracle_generate --show <seed> <index>
//       prints expression <index> of <seed> and its points.
//
// Expression i of seed s is drawn from its own generator, seeded by s and i,
// so a failure names (s, i) and --show gives it back alone. Nothing here
// depends on the library: the generator evaluates the expressions itself, in
// long double with <cmath>, only to choose the points.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <numeric>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

using real = long double;

// splitmix64: the same stream on every platform and compiler (the standard
// library's distributions are not).
struct rng {
    std::uint64_t s;
    std::uint64_t next() {
        std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
    bool chance(int percent) { return below(100) < percent; }
};

// How far a point keeps from the edge of a domain, from a kink and from a
// pole, in the argument's units.
constexpr real margin = 0.05L;

std::string par(const std::string& s) { return "(" + s + ")"; }

struct function_entry {
    std::string header;      // its header in include/chainrule/functions/
    int arity;               // 0, 1 or 2
    std::string type_name;   // Sin, LeakyRelu, ...
    std::string type_extra;  // further template arguments: ", Rational<1, 5>"
    std::string value_name;  // sin, leaky_relu<Rational<1, 5>>, ...
    std::function<std::string(const std::vector<std::string>&)> ginac;
    std::function<real(const std::vector<real>&)> eval;
    std::function<bool(const std::vector<real>&)> inside;  // the point is inside the domain, away from kinks
};

bool any_real(const std::vector<real>&) { return true; }
bool away_from_zero(const std::vector<real>& a) { return std::fabs(a[0]) > margin; }

// Kinked functions in GiNaC, by formulas that agree with them away from the
// kink and are smooth there, so that GiNaC differentiates them on its own:
// |u| = sqrt(u^2), sign u = u / sqrt(u^2), step u = (1 + sign u) / 2.
std::string g_abs(const std::string& u) { return "sqrt(" + par(u) + "^2)"; }
std::string g_step(const std::string& u) { return "(1+" + par(u) + "/" + g_abs(u) + ")/2"; }
std::string g_relu(const std::string& u) { return "(" + par(u) + "+" + g_abs(u) + ")/2"; }

std::vector<function_entry> make_functions() {
    using v = const std::vector<std::string>&;
    using r = const std::vector<real>&;
    std::vector<function_entry> f;
    auto one = [&](std::string header, std::string type_name, std::string value_name,
                   std::function<std::string(const std::string&)> g, std::function<real(real)> e,
                   std::function<bool(const std::vector<real>&)> inside = any_real) {
        f.push_back(
            {header, 1, type_name, "", value_name, [g](v a) { return g(a[0]); }, [e](r a) { return e(a[0]); }, inside});
    };
    one(
        "exp", "Exp", "exp", [](auto u) { return "exp" + par(u); }, [](real u) { return std::exp(u); });
    one(
        "log", "Log", "log", [](auto u) { return "log" + par(u); }, [](real u) { return std::log(u); },
        [](r a) { return a[0] > margin; });
    one(
        "sqrt", "Sqrt", "sqrt", [](auto u) { return "sqrt" + par(u); }, [](real u) { return std::sqrt(u); },
        [](r a) { return a[0] > margin; });
    one(
        "sin", "Sin", "sin", [](auto u) { return "sin" + par(u); }, [](real u) { return std::sin(u); });
    one(
        "cos", "Cos", "cos", [](auto u) { return "cos" + par(u); }, [](real u) { return std::cos(u); });
    one(
        "tan", "Tan", "tan", [](auto u) { return "tan" + par(u); }, [](real u) { return std::tan(u); },
        [](r a) { return std::fabs(std::cos(a[0])) > 0.15L; });
    one(
        "tanh", "Tanh", "tanh", [](auto u) { return "tanh" + par(u); }, [](real u) { return std::tanh(u); });
    one(
        "sigmoid", "Sigmoid", "sigmoid", [](auto u) { return "1/(1+exp(-" + par(u) + "))"; },
        [](real u) { return 1 / (1 + std::exp(-u)); });
    one(
        "relu", "Relu", "relu", g_relu, [](real u) { return u > 0 ? u : 0; }, away_from_zero);
    one(
        "abs", "Abs", "abs", g_abs, [](real u) { return std::fabs(u); }, away_from_zero);
    one(
        "step", "Step", "step", g_step, [](real u) { return u > 0 ? 1 : 0; }, away_from_zero);
    one(
        "sign", "Sign", "sign", [](auto u) { return par(u) + "/" + g_abs(u); }, [](real u) { return u > 0 ? 1 : -1; },
        away_from_zero);
    one(
        "asin", "Asin", "asin", [](auto u) { return "asin" + par(u); }, [](real u) { return std::asin(u); },
        [](r a) { return std::fabs(a[0]) < 1 - margin; });
    one(
        "acos", "Acos", "acos", [](auto u) { return "acos" + par(u); }, [](real u) { return std::acos(u); },
        [](r a) { return std::fabs(a[0]) < 1 - margin; });
    one(
        "atan", "Atan", "atan", [](auto u) { return "atan" + par(u); }, [](real u) { return std::atan(u); });
    one(
        "sinh", "Sinh", "sinh", [](auto u) { return "sinh" + par(u); }, [](real u) { return std::sinh(u); });
    one(
        "cosh", "Cosh", "cosh", [](auto u) { return "cosh" + par(u); }, [](real u) { return std::cosh(u); });
    one(
        "asinh", "Asinh", "asinh", [](auto u) { return "asinh" + par(u); }, [](real u) { return std::asinh(u); });
    one(
        "acosh", "Acosh", "acosh", [](auto u) { return "acosh" + par(u); }, [](real u) { return std::acosh(u); },
        [](r a) { return a[0] > 1 + margin; });
    one(
        "atanh", "Atanh", "atanh", [](auto u) { return "atanh" + par(u); }, [](real u) { return std::atanh(u); },
        [](r a) { return std::fabs(a[0]) < 1 - margin; });
    // erf is not among GiNaC's functions: the test declares oracle_erf, its
    // value a series in CLN's numbers and its derivative 2/sqrt(pi) e^(-u^2);
    // |u| < 5 keeps the series' cancellation far inside the working digits.
    auto small = [](r a) { return std::fabs(a[0]) < 5; };
    one(
        "erf", "Erf", "erf", [](auto u) { return "oracle_erf" + par(u); }, [](real u) { return std::erf(u); }, small);
    one(
        "erfc", "Erfc", "erfc", [](auto u) { return "(1-oracle_erf" + par(u) + ")"; },
        [](real u) { return std::erfc(u); }, small);
    one(
        "exp2", "Exp2", "exp2", [](auto u) { return "2^" + par(u); }, [](real u) { return std::exp2(u); });
    one(
        "log2", "Log2", "log2", [](auto u) { return "log" + par(u) + "/log(2)"; }, [](real u) { return std::log2(u); },
        [](r a) { return a[0] > margin; });
    one(
        "log10", "Log10", "log10", [](auto u) { return "log" + par(u) + "/log(10)"; },
        [](real u) { return std::log10(u); }, [](r a) { return a[0] > margin; });
    one(
        "log1p", "Log1p", "log1p", [](auto u) { return "log(1+" + par(u) + ")"; }, [](real u) { return std::log1p(u); },
        [](r a) { return a[0] > -1 + margin; });
    one(
        "expm1", "Expm1", "expm1", [](auto u) { return "(exp" + par(u) + "-1)"; },
        [](real u) { return std::expm1(u); });
    // cbrt u = u (u^2)^(-1/3): real for u < 0 too; singular at 0.
    one(
        "cbrt", "Cbrt", "cbrt", [](auto u) { return par(u) + "*(" + par(u) + "^2)^(-1/3)"; },
        [](real u) { return std::cbrt(u); }, away_from_zero);
    one(
        "softplus", "Softplus", "softplus", [](auto u) { return "log(1+exp" + par(u) + ")"; },
        [](real u) { return std::log1p(std::exp(u)); });
    one(
        "log_sigmoid", "LogSigmoid", "log_sigmoid", [](auto u) { return "(-log(1+exp(-" + par(u) + ")))"; },
        [](real u) { return -std::log1p(std::exp(-u)); });
    one(
        "silu", "Silu", "silu", [](auto u) { return par(u) + "/(1+exp(-" + par(u) + "))"; },
        [](real u) { return u / (1 + std::exp(-u)); });
    one(
        "gelu", "Gelu", "gelu", [](auto u) { return par(u) + "*(1+oracle_erf(" + par(u) + "/sqrt(2)))/2"; },
        [](real u) { return u * std::erfc(-u / std::sqrt(2.0L)) / 2; }, small);
    one(
        "elu", "Elu", "elu",
        [](auto u) { return "(" + g_step(u) + "*" + par(u) + "+(1-" + g_step(u) + ")*(exp" + par(u) + "-1))"; },
        [](real u) { return u > 0 ? u : std::expm1(u); }, away_from_zero);
    one(
        "softsign", "Softsign", "softsign", [](auto u) { return par(u) + "/(1+" + g_abs(u) + ")"; },
        [](real u) { return u / (1 + std::fabs(u)); }, away_from_zero);
    // leaky_relu with the default slope 1/100, and with 1/5 (its own tag).
    one(
        "leaky_relu", "LeakyRelu", "leaky_relu",
        [](auto u) { return "(" + par(u) + "/100+(99/100)*" + g_relu(u) + ")"; },
        [](real u) { return u > 0 ? u : u / 100; }, away_from_zero);
    f.push_back({"leaky_relu", 1, "LeakyRelu", ", Rational<1, 5>", "leaky_relu<Rational<1, 5>>",
                 [](v a) { return "(" + par(a[0]) + "/5+(4/5)*" + g_relu(a[0]) + ")"; },
                 [](r a) { return a[0] > 0 ? a[0] : a[0] / 5; }, away_from_zero});
    f.push_back({"heaviside", 1, "Heaviside", ", Rational<1, 2>", "heaviside<Rational<1, 2>>",
                 [](v a) { return g_step(a[0]); }, [](r a) -> real { return a[0] > 0 ? 1 : 0; }, away_from_zero});
    // Two arguments.
    f.push_back({"atan2", 2, "Atan2", "", "atan2", [](v a) { return "atan2(" + a[0] + "," + a[1] + ")"; },
                 [](r a) { return std::atan2(a[0], a[1]); },
                 // away from the origin and from the cut along the negative x axis
                 [](r a) { return std::hypot(a[0], a[1]) > margin && !(a[1] < 0 && std::fabs(a[0]) < margin); }});
    f.push_back({"hypot", 2, "Hypot", "", "hypot", [](v a) { return "sqrt(" + par(a[0]) + "^2+" + par(a[1]) + "^2)"; },
                 [](r a) { return std::hypot(a[0], a[1]); }, [](r a) { return std::hypot(a[0], a[1]) > margin; }});
    f.push_back(
        {"max", 2, "Max", "", "max",
         [](v a) { return "(" + par(a[0]) + "+" + par(a[1]) + "+" + g_abs(par(a[0]) + "-" + par(a[1])) + ")/2"; },
         [](r a) { return std::max(a[0], a[1]); }, [](r a) { return std::fabs(a[0] - a[1]) > margin; }});
    f.push_back(
        {"min", 2, "Min", "", "min",
         [](v a) { return "(" + par(a[0]) + "+" + par(a[1]) + "-" + g_abs(par(a[0]) + "-" + par(a[1])) + ")/2"; },
         [](r a) { return std::min(a[0], a[1]); }, [](r a) { return std::fabs(a[0] - a[1]) > margin; }});
    // pi, a function of no arguments.
    f.push_back({"pi", 0, "Pi", "", "pi", [](v) { return std::string("Pi"); },
                 [](r) { return 3.14159265358979323846264338327950288L; }, any_real});
    return f;
}

const std::vector<function_entry> functions = make_functions();

// An expression tree. Arithmetic: add and mul of 2 or 3 operands, sub, div,
// neg, pow to an integer constant, to a fractional constant and to an
// expression.
struct node {
    enum kind_t { constant, variable, call, add, sub, mul, div, neg, pow_int, pow_frac, pow_expr } kind;
    explicit node(kind_t k = constant) : kind(k) {}
    long long p = 0, q = 1;  // a constant p/q; the exponent of pow_int and pow_frac
    int index = 0;           // the variable (0, 1, 2 for x, y, z) or the function
    std::vector<node> kids;
};

bool has_variable(const node& n) {
    if (n.kind == node::variable) return true;
    return std::any_of(n.kids.begin(), n.kids.end(), has_variable);
}

node make_constant(rng& g) {
    node n{node::constant};
    if (g.chance(60)) {
        static constexpr long long ints[] = {-3, -2, -1, 1, 2, 3, 5};
        n.p = ints[g.below(7)];
    } else {
        static constexpr long long qs[] = {2, 3, 4, 5};
        n.q = qs[g.below(4)];
        do n.p = g.below(9) - 4;
        while (n.p == 0 || std::gcd(n.p, n.q) != 1);
    }
    return n;
}

node make_variable(rng& g) {
    node n{node::variable};
    n.index = g.below(3);
    return n;
}

// A subexpression with at least one variable (functions, divisors and bases
// are never constants: a domain error of a constant is a compile error, by
// design, and 1/0 is one too).
node make(rng& g, int depth);

node make_with_function(rng& g, int depth, int fn) {
    node n{node::call};
    n.index = fn;
    for (int k = 0; k < functions[static_cast<std::size_t>(fn)].arity; ++k) n.kids.push_back(make(g, depth - 1));
    return n;
}

node make(rng& g, int depth) {
    if (depth <= 0 || g.chance(20)) return make_variable(g);
    const int pick = g.below(14);
    auto operand = [&] { return g.chance(25) ? make_constant(g) : make(g, depth - 1); };
    if (pick < 5) {
        int fn;
        do fn = g.below(static_cast<int>(functions.size()));
        while (functions[static_cast<std::size_t>(fn)].arity == 0);
        return make_with_function(g, depth, fn);
    }
    node n;
    switch (pick) {
        case 5:
        case 6:
            n.kind = node::add;
            n.kids = {make(g, depth - 1), operand()};
            if (g.chance(30)) n.kids.push_back(operand());
            if (g.chance(10)) {
                node pi{node::call};
                pi.index = static_cast<int>(functions.size()) - 1;
                n.kids.push_back(pi);
            }
            break;
        case 7:
            n.kind = node::sub, n.kids = {operand(), make(g, depth - 1)};
            break;
        case 8:
        case 9:
            n.kind = node::mul;
            n.kids = {operand(), make(g, depth - 1)};
            if (g.chance(30)) n.kids.push_back(operand());
            break;
        case 10:
            n.kind = node::div, n.kids = {operand(), make(g, depth - 1)};
            break;
        case 11:
            n.kind = node::neg, n.kids = {make(g, depth - 1)};
            break;
        case 12: {
            static constexpr long long exps[] = {-2, -1, 2, 3, 4};
            n.kind = node::pow_int, n.p = exps[g.below(5)], n.kids = {make(g, depth - 1)};
            break;
        }
        default:
            if (g.chance(50)) {
                static constexpr std::array<std::array<long long, 2>, 5> fr{{{1, 2}, {-1, 2}, {1, 3}, {3, 2}, {-2, 3}}};
                const auto e = fr[static_cast<std::size_t>(g.below(5))];
                n.kind = node::pow_frac, n.p = e[0], n.q = e[1], n.kids = {make(g, depth - 1)};
            } else {
                n.kind = node::pow_expr;
                // a constant base (positive: 2, 1/2, 3) or an expression, to an expression
                node base = g.chance(30) ? node{node::constant} : make(g, depth - 1);
                if (base.kind == node::constant) {
                    static constexpr std::array<std::array<long long, 2>, 3> bs{{{2, 1}, {1, 2}, {3, 1}}};
                    const auto b = bs[static_cast<std::size_t>(g.below(3))];
                    base.p = b[0], base.q = b[1];
                }
                n.kids = {base, make(g, depth - 1)};
            }
    }
    return n;
}

// The three spellings.
std::string constant_type(const node& n) {
    return n.q == 1 ? "Int<" + std::to_string(n.p) + ">"
                    : "Rational<" + std::to_string(n.p) + ", " + std::to_string(n.q) + ">";
}

std::string type_form(const node& n) {
    auto list = [&](const std::string& name, std::string extra = "") {
        std::string s = name + "<";
        for (std::size_t k = 0; k < n.kids.size(); ++k) s += (k ? ", " : "") + type_form(n.kids[k]);
        return s + extra + ">";
    };
    switch (n.kind) {
        case node::constant:
            return constant_type(n);
        case node::variable:
            return std::string(1, static_cast<char>('X' + n.index));
        case node::call: {
            const auto& f = functions[static_cast<std::size_t>(n.index)];
            return f.arity == 0 ? f.type_name : list(f.type_name, f.type_extra);
        }
        case node::add:
            return list("Add");
        case node::sub:
            return list("Sub");
        case node::mul:
            return list("Mul");
        case node::div:
            return list("Div");
        case node::neg:
            return list("Neg");
        case node::pow_int:
        case node::pow_frac: {
            node e{node::constant};
            e.p = n.p, e.q = n.q;
            return "Pow<" + type_form(n.kids[0]) + ", " + constant_type(e) + ">";
        }
        case node::pow_expr:
            return list("Pow");
    }
    return "?";
}

std::string value_form(const node& n) {
    auto k = [&](std::size_t i) { return value_form(n.kids[i]); };
    auto join = [&](const std::string& op) {
        std::string s = "(" + k(0);
        for (std::size_t i = 1; i < n.kids.size(); ++i) s += " " + op + " " + k(i);
        return s + ")";
    };
    switch (n.kind) {
        case node::constant:
            if (n.q == 1) return "int_c<" + std::to_string(n.p) + ">";
            return constant_type(n) + "{}";
        case node::variable:
            return std::string(1, static_cast<char>('x' + n.index));
        case node::call: {
            const auto& f = functions[static_cast<std::size_t>(n.index)];
            if (f.arity == 0) return f.value_name;
            return f.value_name + "(" + k(0) + (f.arity == 2 ? ", " + k(1) : "") + ")";
        }
        case node::add:
            return join("+");
        case node::sub:
            return join("-");
        case node::mul:
            return join("*");
        case node::div:
            return join("/");
        case node::neg:
            return "(-" + k(0) + ")";
        case node::pow_int:
            return "pow<" + std::to_string(n.p) + ">(" + k(0) + ")";
        case node::pow_frac: {
            node e{node::constant};
            e.p = n.p, e.q = n.q;
            return "pow(" + k(0) + ", " + constant_type(e) + "{})";
        }
        case node::pow_expr:
            return "pow(" + k(0) + ", " + k(1) + ")";
    }
    return "?";
}

std::string ginac_form(const node& n) {
    auto k = [&](std::size_t i) { return par(ginac_form(n.kids[i])); };
    auto join = [&](const std::string& op) {
        std::string s = k(0);
        for (std::size_t i = 1; i < n.kids.size(); ++i) s += op + k(i);
        return s;
    };
    switch (n.kind) {
        case node::constant:
            return n.q == 1 ? std::to_string(n.p) : par(std::to_string(n.p) + "/" + std::to_string(n.q));
        case node::variable:
            return std::string(1, static_cast<char>('x' + n.index));
        case node::call: {
            std::vector<std::string> a;
            for (const auto& c : n.kids) a.push_back(ginac_form(c));
            return par(functions[static_cast<std::size_t>(n.index)].ginac(a));
        }
        case node::add:
            return join("+");
        case node::sub:
            return join("-");
        case node::mul:
            return join("*");
        case node::div:
            return join("/");
        case node::neg:
            return "-" + k(0);
        case node::pow_int:
        case node::pow_frac:
            return k(0) + "^(" + std::to_string(n.p) + "/" + std::to_string(n.q) + ")";
        case node::pow_expr:
            return k(0) + "^" + k(1);
    }
    return "?";
}

// The value of n at a point, or false where the point is outside a domain,
// near a kink or a pole, or where a value is large. Each argument of a
// function, each divisor and each base is also recorded, so that the caller
// can reject an expression whose such subexpression is constant.
struct evaluation {
    std::vector<real> guarded;  // in a fixed order: the values that must not be constant
    bool ok = true;
};

constexpr real largest = 1e3L;  // no value beyond: keeps exp and pow in range, and derivatives moderate
constexpr real largest_argument = 8;

real evaluate(const node& n, const std::array<real, 3>& at, evaluation& ev) {
    if (!ev.ok) return 0;
    auto fail = [&] {
        ev.ok = false;
        return real(0);
    };
    auto k = [&](std::size_t i) { return evaluate(n.kids[i], at, ev); };
    real v = 0;
    switch (n.kind) {
        case node::constant:
            v = static_cast<real>(n.p) / static_cast<real>(n.q);
            break;
        case node::variable:
            v = at[static_cast<std::size_t>(n.index)];
            break;
        case node::call: {
            const auto& f = functions[static_cast<std::size_t>(n.index)];
            std::vector<real> a;
            for (std::size_t i = 0; i < n.kids.size(); ++i) {
                a.push_back(k(i));
                ev.guarded.push_back(a.back());
                if (std::fabs(a.back()) > largest_argument) return fail();
            }
            if (!ev.ok || !f.inside(a)) return fail();
            v = f.eval(a);
            break;
        }
        case node::add:
            for (std::size_t i = 0; i < n.kids.size(); ++i) v += k(i);
            break;
        case node::sub:
            v = k(0) - k(1);
            break;
        case node::mul:
            v = 1;
            for (std::size_t i = 0; i < n.kids.size(); ++i) v *= k(i);
            break;
        case node::div: {
            const real a = k(0), b = k(1);
            ev.guarded.push_back(b);
            if (std::fabs(b) < margin) return fail();
            v = a / b;
            break;
        }
        case node::neg:
            v = -k(0);
            break;
        case node::pow_int: {
            const real b = k(0);
            ev.guarded.push_back(b);
            if (n.p < 0 && std::fabs(b) < margin) return fail();
            v = std::pow(b, static_cast<real>(n.p));
            break;
        }
        case node::pow_frac: {
            const real b = k(0);
            ev.guarded.push_back(b);
            if (b < margin) return fail();
            v = std::pow(b, static_cast<real>(n.p) / static_cast<real>(n.q));
            break;
        }
        case node::pow_expr: {
            const real b = k(0), e = k(1);
            if (n.kids[0].kind != node::constant) ev.guarded.push_back(b);
            ev.guarded.push_back(e);
            if (b < margin || std::fabs(e) > largest_argument) return fail();
            v = std::pow(b, e);
            break;
        }
    }
    if (!ev.ok || !std::isfinite(v) || std::fabs(v) > largest) return fail();
    return v;
}

struct made {
    node tree;
    std::vector<std::array<real, 3>> points;
    int attempts = 0;
};

constexpr std::size_t point_count = 4;

// Expression `index` of `seed`: the expression is built around the function
// index mod (the number of functions), so every built-in is in every run of
// at least as many expressions as there are functions; if four good points
// cannot be found, or a guarded subexpression is constant, another
// expression is drawn from the same stream.
made make_expression(std::uint64_t seed, std::uint64_t index) {
    rng g{seed * 0x100000001B3ull ^ (index + 0x5DEECE66Dull)};
    g.next();
    const int fn = static_cast<int>(index % functions.size());
    for (int attempt = 1;; ++attempt) {
        made m;
        m.attempts = attempt;
        const int depth = 2 + g.below(2);
        m.tree = make_with_function(g, depth, fn);
        if (functions[static_cast<std::size_t>(fn)].arity == 0) {  // pi: in a sum or product
            node n{g.chance(50) ? node::add : node::mul};
            n.kids = {m.tree, make(g, depth)};
            m.tree = n;
        }
        if (g.chance(50)) {  // and some arithmetic around it
            node n{g.chance(50) ? node::mul : node::add};
            n.kids = {make(g, 1), m.tree};
            m.tree = n;
        }
        if (!has_variable(m.tree)) continue;
        std::vector<std::vector<real>> guarded;
        for (int tries = 0; tries < 400 && m.points.size() < point_count; ++tries) {
            // points on a grid of 1/16 in [-2.5, 2.5]: exact in binary, so
            // GiNaC and double see the same point
            std::array<real, 3> p{};
            for (auto& c : p) c = static_cast<real>(g.below(81) - 40) / 16;
            evaluation ev;
            evaluate(m.tree, p, ev);
            if (!ev.ok) continue;
            if (std::find(m.points.begin(), m.points.end(), p) != m.points.end()) continue;
            m.points.push_back(p);
            guarded.push_back(ev.guarded);
        }
        if (m.points.size() < point_count) continue;
        // A guarded subexpression that takes one value at every point is a
        // constant in disguise (x - x): reject it.
        bool constant_inside = false;
        for (std::size_t j = 0; j < guarded[0].size(); ++j) {
            real lo = guarded[0][j], hi = lo;
            for (const auto& gv : guarded) lo = std::min(lo, gv[j]), hi = std::max(hi, gv[j]);
            if (hi - lo < 1e-9L) constant_inside = true;
        }
        if (constant_inside) continue;
        return m;
    }
}

std::string c_string(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string number(real v) {
    std::ostringstream s;
    s.precision(21);
    s << static_cast<double>(v);
    std::string t = s.str();
    if (t.find('.') == std::string::npos && t.find('e') == std::string::npos) t += ".0";
    return t;
}

void write_case(std::ostream& out, std::uint64_t seed, std::uint64_t index) {
    const made m = make_expression(seed, index);
    const bool value_level = index % 2 == 1;
    const std::string spelling = value_level ? value_form(m.tree) : type_form(m.tree);
    out << "    {  // " << index << "\n";
    out << "        static constexpr oracle::points p{{";
    for (std::size_t i = 0; i < m.points.size(); ++i) {
        out << (i ? ", " : "") << "{" << number(m.points[i][0]) << ", " << number(m.points[i][1]) << ", "
            << number(m.points[i][2]) << "}";
    }
    out << "}};\n";
    if (value_level) {
        out << "        constexpr auto f = " << spelling << ";\n";
        out << "        static constexpr oracle::values at_compile_time = oracle::value_form(f, p);\n";
        out << "        out.push_back({" << index << ", " << c_string(spelling) << ", " << c_string(ginac_form(m.tree))
            << ", p, at_compile_time, oracle::value_form(f, oracle::at_run_time(p))});\n";
    } else {
        out << "        using E = " << spelling << ";\n";
        out << "        static constexpr oracle::values at_compile_time = oracle::type_form<E>(p);\n";
        out << "        out.push_back({" << index << ", " << c_string(spelling) << ", " << c_string(ginac_form(m.tree))
            << ", p, at_compile_time, oracle::type_form<E>(oracle::at_run_time(p))});\n";
    }
    out << "    }\n";
}

int generate(const std::string& dir, std::uint64_t seed, std::uint64_t count, std::uint64_t parts) {
    for (std::uint64_t k = 0; k < parts; ++k) {
        std::ofstream out(dir + "/part_" + std::to_string(k) + ".cpp");
        out << "// Written by tests/oracle/generate.cpp (seed " << seed << "): do not edit.\n";
        out << "#include \"oracle.hpp\"\n\n";
        out << "void oracle_part_" << k << "(std::vector<oracle::record>& out) {\n";
        out << "    using namespace chainrule;\n";
        out << "    [[maybe_unused]] constexpr X x{};\n    [[maybe_unused]] constexpr Y y{};\n"
            << "    [[maybe_unused]] constexpr Z z{};\n";
        for (std::uint64_t i = k; i < count; i += parts) write_case(out, seed, i);
        out << "}\n";
        if (!out) return 1;
    }
    std::ofstream out(dir + "/parts.cpp");
    out << "// Written by tests/oracle/generate.cpp: do not edit.\n#include \"record.hpp\"\n\n";
    for (std::uint64_t k = 0; k < parts; ++k) out << "void oracle_part_" << k << "(std::vector<oracle::record>&);\n";
    out << "\nconst std::uint64_t oracle::seed = " << seed << "u;\n";
    out << "const std::size_t oracle::count = " << count << "u;\n";
    out << "\nstd::vector<oracle::record> oracle::all_records() {\n    std::vector<oracle::record> out;\n";
    for (std::uint64_t k = 0; k < parts; ++k) out << "    oracle_part_" << k << "(out);\n";
    out << "    return out;\n}\n";
    return out ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (!args.empty() && args[0] == "--covers") {
        std::set<std::string> known;
        for (const auto& f : functions) known.insert(f.header);
        int missing = 0;
        for (std::size_t i = 1; i < args.size(); ++i) {
            std::string stem = args[i].substr(args[i].find_last_of('/') + 1);
            stem = stem.substr(0, stem.find('.'));
            if (stem == "function" || stem == "kinks") continue;  // the machinery, not functions
            if (!known.count(stem)) {
                std::cerr << "oracle: the function of functions/" << stem
                          << ".hpp is not in tests/oracle/generate.cpp's table; add it there\n";
                ++missing;
            }
        }
        std::cout << "oracle: " << known.size() << " functions known, " << missing << " missing\n";
        return missing ? 1 : 0;
    }
    if (args.size() == 3 && args[0] == "--show") {
        const auto seed = std::stoull(args[1]), index = std::stoull(args[2]);
        const made m = make_expression(seed, index);
        std::cout << "type form:  " << type_form(m.tree) << "\nvalue form: " << value_form(m.tree)
                  << "\nGiNaC:      " << ginac_form(m.tree) << "\npoints:";
        for (const auto& p : m.points)
            std::cout << " (" << number(p[0]) << ", " << number(p[1]) << ", " << number(p[2]) << ")";
        std::cout << "\n";
        return 0;
    }
    if (args.size() != 4) {
        std::cerr << "usage: oracle_generate <out-dir> <seed> <count> <parts> | --covers <header>... | --show <seed> "
                     "<index>\n";
        return 2;
    }
    return generate(args[0], std::stoull(args[1]), std::stoull(args[2]), std::stoull(args[3]));
}
