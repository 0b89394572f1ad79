// The chain rule visualizer of the tutorial, built for real.
//
// A catalogue of compositions y = f(g(x)) (and three of three links,
// f(g(h(x)))). For each, the compiler derives the outer derivative f'(u), puts
// the inner function into it, f'(g(x)), multiplies by g'(x), and checks that
// the product is D<E> of the whole composition, symbolically and at a sample
// point (static_assert). In the terminal it prints those pieces, as formulas
// and as numbers at the sample point. It writes chain_rule_visualizer.html,
// next to the program unless --out=<dir> says where (--quiet prints only
// where): one panel per link and
// one for the composite, each with its curve, the point and the tangent; an x
// slider; the line f'(g(x)) * g'(x) = a x b = c next to D<E> at x; and the
// common mistake f'(x) * g'(x), struck through. Every number and every point
// of every curve on the page comes from this program.
#include "widgets/page.hpp"

#include <chainrule.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

using namespace chainrule;

using U = Var<'u'>;
using V = Var<'v'>;

// ------------------------------------------------------------ substitution
// E with the variable Var replaced by R: how f(u) and g(x) make f(g(x)).

template <class E, class Var, class R>
struct substitute {
    static_assert(sizeof(E) == 0, "chain_rule_visualizer: substitute<E, V, R>: a node kind it does not handle");
};
template <class E, class Var, class R>
using substitute_t = typename substitute<E, Var, R>::type;

// Add and Mul of a pack of any length, one operand at a time.
template <template <class, class> class Op, class... Ts>
struct fold;
template <template <class, class> class Op, class T>
struct fold<Op, T> {
    using type = T;
};
template <template <class, class> class Op, class A, class B, class... Rest>
struct fold<Op, A, B, Rest...> {
    using type = typename fold<Op, Op<A, B>, Rest...>::type;
};
template <class A, class B>
using add2 = Add<A, B>;
template <class A, class B>
using mul2 = Mul<A, B>;

template <long long N, class Var, class R>
struct substitute<Int<N>, Var, R> {
    using type = Int<N>;
};
template <long long P, long long Q, class Var, class R>
struct substitute<Ratio<P, Q>, Var, R> {
    using type = Ratio<P, Q>;
};
template <var_name N, class Var, class R>
struct substitute<chainrule::Var<N>, Var, R> {
    using type = std::conditional_t<std::is_same_v<chainrule::Var<N>, Var>, R, chainrule::Var<N>>;
};
template <class... Ts, class Var, class R>
struct substitute<Sum<Ts...>, Var, R> {
    using type = typename fold<add2, substitute_t<Ts, Var, R>...>::type;
};
template <class... Fs, class Var, class R>
struct substitute<Product<Fs...>, Var, R> {
    using type = typename fold<mul2, substitute_t<Fs, Var, R>...>::type;
};
template <class B, class E, class Var, class R>
struct substitute<Power<B, E>, Var, R> {
    using type = Pow<substitute_t<B, Var, R>, substitute_t<E, Var, R>>;
};
template <class Fn, class A, class Var, class R>
struct substitute<Call<Fn, A>, Var, R> {
    using type = chainrule::detail::apply_t<Fn, substitute_t<A, Var, R>>;
};

// ---------------------------------------------------------------- chains
// A chain of links from the outside in: Chain<F, G> is f(g(x)) with f in u
// and g in x; Chain<F, G, H> is f(g(h(x))) with f in v, g in u, h in x.

template <class F, class G, class H = void>
struct chain {
    static constexpr int links = 3;
    using outer = F;
    using middle = G;
    using inner = H;
    using composite = substitute_t<F, V, substitute_t<G, U, H>>;
    // f'(g(h(x))) * g'(h(x)) * h'(x), each factor written by substitution.
    using outer_prime_at = substitute_t<D<F, V>, V, substitute_t<G, U, H>>;
    using middle_prime_at = substitute_t<D<G, U>, U, H>;
    using inner_prime = D<H, X>;
    using product = Mul<outer_prime_at, middle_prime_at, inner_prime>;
};
template <class F, class G>
struct chain<F, G, void> {
    static constexpr int links = 2;
    using outer = F;
    using inner = G;
    using composite = substitute_t<F, U, G>;
    using outer_prime_at = substitute_t<D<F, U>, U, G>;
    using inner_prime = D<G, X>;
    using product = Mul<outer_prime_at, inner_prime>;
};

constexpr bool near(double a, double b) {
    const double d = a > b ? a - b : b - a, m = (a > 0 ? a : -a) + (b > 0 ? b : -b);
    return d <= 1e-12 * (1 + m);
}

// The chain rule, checked: the product of the links' derivatives is D of the
// composition, as a type and as a number at the sample point.
template <class C>
constexpr bool chain_rule_holds(double x) {
    static_assert(std::is_same_v<typename C::product, D<typename C::composite>> ||
                      equivalent_v<typename C::product, D<typename C::composite>>,
                  "the chain rule's product is D of the composition");
    return near(eval<typename C::product>(x), eval<D<typename C::composite>>(x));
}

// ------------------------------------------------------------ catalogue

struct entry_info {
    const char* title;
    double sample;
};

using Ex1 = chain<Pow<U, Int<3>>, Add<Mul<Int<2>, X>, Int<1>>>;                   // (2x + 1)^3
using Ex2 = chain<Exp<U>, Pow<X, Int<2>>>;                                        // e^(x^2)
using Ex3a = chain<Sqrt<U>, Add<Pow<X, Int<2>>, Int<5>>>;                         // sqrt(x^2 + 5)
using Ex3b = chain<Log<U>, Add<Pow<X, Int<2>>, Int<5>>>;                          // ln(x^2 + 5)
using Sig = chain<Pow<U, Int<-1>>, Add<Int<1>, Exp<Neg<X>>>>;                     // sigma(x) = 1 / (1 + e^-x)
using Sin2 = chain<Sin<U>, Add<Mul<Int<3>, X>, Int<1>>>;                          // sin(3x + 1)
using Tanh2 = chain<Tanh<U>, Pow<X, Int<2>>>;                                     // tanh(x^2)
using Triple1 = chain<Exp<V>, Sin<U>, Pow<X, Int<2>>>;                            // e^(sin(x^2))
using Triple2 = chain<Log<V>, Cos<U>, Pow<X, Int<3>>>;                            // ln(cos(x^3))
using Triple3 = chain<Pow<Sub<V, Rational<4, 5>>, Int<2>>, Sigmoid<U>, Relu<X>>;  // (sigma(relu(x)) - 0.8)^2

// The tutorial's worked examples, printed and checked.
static_assert(to_text<D<Ex1::outer, U>>() == "3*u^2");
static_assert(to_text<Ex1::outer_prime_at>() == "3*(2*x + 1)^2");
static_assert(to_text<Ex1::inner_prime>() == "2");
static_assert(to_text<D<Ex1::composite>>() == "6*(2*x + 1)^2");
static_assert(eval<D<Ex1::composite>>(1.0) == 54.0);
static_assert(to_text<D<Ex2::composite>>() == "2*x*exp(x^2)");
static_assert(to_text<D<Ex3a::composite>>() == "x/sqrt(x^2 + 5)");
static_assert(to_text<D<Ex3b::composite>>() == "2*x/(x^2 + 5)");
static_assert(to_text<D<Ex3b::outer, U>>() == "1/u");
static_assert(to_text<D<Sig::outer, U>>() == "-1/u^2");
static_assert(to_text<Triple1::outer_prime_at>() == "exp(sin(x^2))");
static_assert(to_text<Triple1::middle_prime_at>() == "cos(x^2)");
static_assert(to_text<Triple1::inner_prime>() == "2*x");
static_assert(chain_rule_holds<Ex1>(1.0) && chain_rule_holds<Ex2>(0.5) && chain_rule_holds<Ex3a>(2.0) &&
              chain_rule_holds<Ex3b>(2.0) && chain_rule_holds<Sig>(0.0) && chain_rule_holds<Sin2>(0.5) &&
              chain_rule_holds<Tanh2>(0.5) && chain_rule_holds<Triple1>(1.0) && chain_rule_holds<Triple2>(0.5) &&
              chain_rule_holds<Triple3>(2.0));
// The sigmoid written as 1/(1 + e^-x) has the derivative sigma(x)(1 - sigma(x)): 1/4 at 0.
static_assert(near(eval<D<Sig::composite>>(0.0), 0.25));

// ----------------------------------------------------------- the numbers

// x from -3 to 3 by 1/16: the tutorial's sample points 0, 1 and 2 are on it exactly.
constexpr int grid_points = 97;
constexpr double grid_x(int i) { return -3.0 + i / 16.0; }

struct panel_box {
    double x0, x1, y0, y1;  // the data range shown
};
constexpr int panel_width = 260, panel_height = 190, pad = 14;

std::string px(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.1f", v);
    return b;
}

// One link, or the composite, as a panel: its function of its own input,
// the input range it is shown over, and per grid x the input, value, slope.
struct panel {
    std::string title, formula_mathml, derivative_mathml, input_name;
    panel_box box{};
    std::vector<std::string> polylines;  // pixel coordinates, NaN gaps split them
    std::vector<double> input, value, slope;
    std::vector<std::array<double, 6>> pixels;  // point (x, y), tangent (x1, y1, x2, y2)
};

template <class F, class In>
double value_at(double v) {
    return eval<F>(point(at<In>(v)));
}

double sx(const panel_box& b, double x) { return pad + (x - b.x0) / (b.x1 - b.x0) * (panel_width - 2 * pad); }
double sy(const panel_box& b, double y) {
    return panel_height - pad - (y - b.y0) / (b.y1 - b.y0) * (panel_height - 2 * pad);
}

// A panel for F as a function of In, at the inputs given per grid x.
template <class F, class In>
panel make_panel(std::string title, const std::vector<double>& inputs) {
    panel p;
    p.title = std::move(title);
    p.formula_mathml = std::string(to_mathml<F>());
    p.derivative_mathml = std::string(to_mathml<D<F, In>>());
    p.input_name = std::string(to_text<In>());
    double lo = INFINITY, hi = -INFINITY;
    for (double v : inputs)
        if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    if (!(hi > lo)) lo -= 1, hi += 1;
    const double margin = 0.05 * (hi - lo);
    p.box.x0 = lo - margin, p.box.x1 = hi + margin;
    // The curve on 121 points of the input range; its height range, from the finite values.
    std::vector<double> cu, cv;
    double ylo = INFINITY, yhi = -INFINITY;
    for (int i = 0; i <= 120; ++i) {
        const double u = p.box.x0 + (p.box.x1 - p.box.x0) * i / 120.0;
        const double v = value_at<F, In>(u);
        cu.push_back(u), cv.push_back(v);
        if (std::isfinite(v)) ylo = std::min(ylo, v), yhi = std::max(yhi, v);
    }
    if (!(yhi > ylo)) ylo -= 1, yhi += 1;
    const double ym = 0.08 * (yhi - ylo);
    p.box.y0 = ylo - ym, p.box.y1 = yhi + ym;
    std::string line;
    for (std::size_t i = 0; i < cu.size(); ++i) {
        if (std::isfinite(cv[i])) {
            line += (line.empty() ? "" : " ") + px(sx(p.box, cu[i])) + "," + px(sy(p.box, cv[i]));
        } else if (!line.empty()) {
            p.polylines.push_back(line), line.clear();
        }
    }
    if (!line.empty()) p.polylines.push_back(line);
    const double h = 0.18 * (p.box.x1 - p.box.x0);
    for (double u : inputs) {
        const double v = value_at<F, In>(u), s = value_at<D<F, In>, In>(u);
        p.input.push_back(u), p.value.push_back(v), p.slope.push_back(s);
        p.pixels.push_back({sx(p.box, u), sy(p.box, v), sx(p.box, u - h), sy(p.box, v - h * s), sx(p.box, u + h),
                            sy(p.box, v + h * s)});
    }
    return p;
}

struct composition {
    std::string title;
    int links = 2;
    double sample = 0;
    std::vector<panel> panels;                         // the links from the inside out, then the composite
    std::vector<std::string> formulas;                 // MathML lines: f(u) = ..., f'(u) = ..., ...
    std::vector<double> product, derivative, mistake;  // per grid x
    std::vector<std::string> terminal;                 // what the terminal shows
};

std::string line(const char* label, std::string_view mathml) { return std::string(label) + " " + std::string(mathml); }

template <class C>
composition make_composition(std::string title, double sample) {
    composition c;
    c.title = std::move(title);
    c.links = C::links;
    c.sample = sample;
    using E = typename C::composite;
    std::vector<double> xs;
    for (int i = 0; i < grid_points; ++i) xs.push_back(grid_x(i));
    auto values = [&](auto f) {
        std::vector<double> out;
        for (double x : xs) out.push_back(f(x));
        return out;
    };
    char buffer[512];
    if constexpr (C::links == 2) {
        using F = typename C::outer;
        using G = typename C::inner;
        const auto gx = values([](double x) { return eval<G>(x); });
        c.panels.push_back(make_panel<G, X>("inner g(x)", xs));
        c.panels.push_back(make_panel<F, U>("outer f(u), evaluated at u = g(x)", gx));
        c.formulas = {line("f(u) =", to_mathml<F>()),
                      line("g(x) =", to_mathml<G>()),
                      line("f&#x2032;(u) =", to_mathml<D<F, U>>()),
                      line("f&#x2032;(g(x)) =", to_mathml<typename C::outer_prime_at>()),
                      line("g&#x2032;(x) =", to_mathml<typename C::inner_prime>()),
                      line("d/dx f(g(x)) =", to_mathml<D<E>>())};
        c.mistake = values([](double x) { return value_at<D<F, U>, U>(x) * eval<D<G>>(x); });
        const double u = eval<G>(sample);
        c.terminal = {"f(u) = " + std::string(to_text<F>()) + "    g(x) = " + std::string(to_text<G>()),
                      "f'(u) = " + std::string(to_text<D<F, U>>()),
                      "f'(g(x)) = " + std::string(to_text<typename C::outer_prime_at>()),
                      "g'(x) = " + std::string(to_text<typename C::inner_prime>()),
                      "f'(g(x)) * g'(x) = " + std::string(to_text<typename C::product>()) +
                          "    D<E> = " + std::string(to_text<D<E>>())};
        std::snprintf(buffer, sizeof buffer,
                      "at x = %g: u = g(x) = %.10g, f'(u) = %.10g, g'(x) = %.10g, product = %.10g, D<E>(x) = %.10g",
                      sample, u, value_at<D<F, U>, U>(u), eval<D<G>>(sample),
                      value_at<D<F, U>, U>(u) * eval<D<G>>(sample), eval<D<E>>(sample));
    } else {
        using F = typename C::outer;
        using G = typename C::middle;
        using H = typename C::inner;
        const auto hx = values([](double x) { return eval<H>(x); });
        std::vector<double> ghx;
        for (double u : hx) ghx.push_back(value_at<G, U>(u));
        c.panels.push_back(make_panel<H, X>("inner h(x)", xs));
        c.panels.push_back(make_panel<G, U>("middle g(u), at u = h(x)", hx));
        c.panels.push_back(make_panel<F, V>("outer f(v), evaluated at v = g(h(x))", ghx));
        c.formulas = {line("f(v) =", to_mathml<F>()),
                      line("g(u) =", to_mathml<G>()),
                      line("h(x) =", to_mathml<H>()),
                      line("f&#x2032;(g(h(x))) =", to_mathml<typename C::outer_prime_at>()),
                      line("g&#x2032;(h(x)) =", to_mathml<typename C::middle_prime_at>()),
                      line("h&#x2032;(x) =", to_mathml<typename C::inner_prime>()),
                      line("d/dx f(g(h(x))) =", to_mathml<D<E>>())};
        // The mistake: every outer derivative read at x instead of at what feeds it.
        c.mistake = values([](double x) { return value_at<D<F, V>, V>(x) * value_at<D<G, U>, U>(x) * eval<D<H>>(x); });
        const double u = eval<H>(sample), v = value_at<G, U>(u);
        c.terminal = {
            "f(v) = " + std::string(to_text<F>()) + "    g(u) = " + std::string(to_text<G>()) +
                "    h(x) = " + std::string(to_text<H>()),
            "f'(g(h(x))) = " + std::string(to_text<typename C::outer_prime_at>()),
            "g'(h(x)) = " + std::string(to_text<typename C::middle_prime_at>()),
            "h'(x) = " + std::string(to_text<typename C::inner_prime>()),
            "product = " + std::string(to_text<typename C::product>()) + "    D<E> = " + std::string(to_text<D<E>>())};
        std::snprintf(buffer, sizeof buffer,
                      "at x = %g: f'(v) = %.10g, g'(u) = %.10g, h'(x) = %.10g, product = %.10g, D<E>(x) = %.10g",
                      sample, value_at<D<F, V>, V>(v), value_at<D<G, U>, U>(u), eval<D<H>>(sample),
                      value_at<D<F, V>, V>(v) * value_at<D<G, U>, U>(u) * eval<D<H>>(sample), eval<D<E>>(sample));
    }
    c.terminal.push_back(buffer);
    c.panels.push_back(make_panel<E, X>("composite y = " + std::string(to_text<E>()), xs));
    c.panels.back().formula_mathml = std::string(to_mathml<E>());
    c.product.clear();
    for (std::size_t i = 0; i < xs.size(); ++i) {
        double p = 1;
        for (int k = 0; k < C::links; ++k) p *= c.panels[static_cast<std::size_t>(k)].slope[i];
        c.product.push_back(p);
    }
    c.derivative = values([](double x) { return eval<D<E>>(x); });
    return c;
}

// ----------------------------------------------------------------- page

std::string numbers(const std::vector<double>& v) {
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i) s += std::string(i ? "," : "") + widgets::json_number(v[i]);
    return s + "]";
}

std::string composition_json(const composition& c) {
    std::string j = "{\"title\":" + widgets::json_string(c.title) + ",\"links\":" + std::to_string(c.links) +
                    ",\"sample\":" + widgets::json_number(c.sample) + ",\"formulas\":[";
    for (std::size_t i = 0; i < c.formulas.size(); ++i)
        j += std::string(i ? "," : "") + widgets::json_string(c.formulas[i]);
    j += "],\"product\":" + numbers(c.product) + ",\"derivative\":" + numbers(c.derivative) +
         ",\"mistake\":" + numbers(c.mistake) + ",\"panels\":[";
    for (std::size_t k = 0; k < c.panels.size(); ++k) {
        const auto& p = c.panels[k];
        j += std::string(k ? "," : "") + "{\"title\":" + widgets::json_string(p.title) +
             ",\"formula\":" + widgets::json_string(p.formula_mathml) +
             ",\"input_name\":" + widgets::json_string(p.input_name) + ",\"lines\":[";
        for (std::size_t i = 0; i < p.polylines.size(); ++i)
            j += std::string(i ? "," : "") + widgets::json_string(p.polylines[i]);
        j += "],\"input\":" + numbers(p.input) + ",\"value\":" + numbers(p.value) + ",\"slope\":" + numbers(p.slope) +
             ",\"pixels\":[";
        for (std::size_t i = 0; i < p.pixels.size(); ++i) {
            j += std::string(i ? "," : "") + "[";
            for (int q = 0; q < 6; ++q)
                j += std::string(q ? "," : "") + widgets::json_number(std::round(p.pixels[i][q] * 10) / 10);
            j += "]";
        }
        j += "]}";
    }
    return j + "]}";
}

// A panel drawn for grid index i (the script redraws only what changes).
std::string panel_svg(std::size_t k, const panel& p, std::size_t i, bool hidden = false) {
    const auto& q = p.pixels[i];
    const bool ok = std::isfinite(q[0]) && std::isfinite(q[1]) && std::isfinite(q[3]) && std::isfinite(q[5]);
    std::string s = std::string("<figure class=\"panel\"") + (hidden ? " hidden" : "") + " id=\"panel" +
                    std::to_string(k) + "\"><figcaption id=\"panel" + std::to_string(k) + "-title\">" +
                    widgets::html_escape(p.title) + "</figcaption>";
    s += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(panel_width) + " " +
         std::to_string(panel_height) + "\" width=\"" + std::to_string(panel_width) + "\" height=\"" +
         std::to_string(panel_height) + "\"><defs><clipPath id=\"clip" + std::to_string(k) +
         "\"><rect x=\"0\" y=\"0\" width=\"" + std::to_string(panel_width) + "\" height=\"" +
         std::to_string(panel_height) + "\"/></clipPath></defs><rect class=\"frame\" x=\"0.5\" y=\"0.5\" width=\"" +
         std::to_string(panel_width - 1) + "\" height=\"" + std::to_string(panel_height - 1) + "\"/>";
    s += "<g id=\"panel" + std::to_string(k) + "-curve\" class=\"curve\">";
    for (const auto& l : p.polylines) s += "<polyline points=\"" + l + "\"/>";
    s += "</g><g clip-path=\"url(#clip" + std::to_string(k) + ")\"><line class=\"tangent\" id=\"panel" +
         std::to_string(k) + "-tangent\" x1=\"" + px(ok ? q[2] : 0) + "\" y1=\"" + px(ok ? q[3] : 0) + "\" x2=\"" +
         px(ok ? q[4] : 0) + "\" y2=\"" + px(ok ? q[5] : 0) + "\"/><circle class=\"dot\" id=\"panel" +
         std::to_string(k) + "-dot\" r=\"5\" cx=\"" + px(ok ? q[0] : -10) + "\" cy=\"" + px(ok ? q[1] : -10) +
         "\"/></g></svg>";
    s += "<div class=\"readout\"><span id=\"panel" + std::to_string(k) + "-input\">" + p.input_name + " = " +
         widgets::shown(p.input[i]) + "</span>, value <span id=\"panel" + std::to_string(k) + "-value\">" +
         widgets::shown(p.value[i]) + "</span>, slope <span id=\"panel" + std::to_string(k) + "-slope\">" +
         widgets::shown(p.slope[i]) + "</span></div></figure>";
    return s;
}

constexpr std::string_view style = R"HTML(<style>
body { font-family: system-ui, sans-serif; margin: 1.5em auto; max-width: 1150px; color: #222; padding: 0 1em; }
h1 { font-size: 1.5em; }
.controls { display: flex; flex-wrap: wrap; gap: .8em; align-items: center; margin: .8em 0; }
#x-slider { width: 20em; }
.panels { display: flex; flex-wrap: wrap; gap: 12px; }
.panel { margin: 0; border: 1px solid #ddd; border-radius: 6px; padding: 6px; }
.panel figcaption { font-size: .9em; font-weight: 600; max-width: 260px; min-height: 2.4em; }
.panel .frame { fill: #fcfcfd; stroke: #e3e3e3; }
.curve polyline { fill: none; stroke: #1a56db; stroke-width: 2; }
.tangent { stroke: #f59e0b; stroke-width: 2; }
.dot { fill: #c62828; }
.readout { font-family: ui-monospace, monospace; font-size: .85em; }
.chain { font-family: ui-monospace, monospace; font-size: 1.05em; background: #f6f8fa; border-left: 4px solid #1a56db; padding: .5em .8em; }
#mistake { color: #c62828; } #mistake s { text-decoration-thickness: 2px; }
.formulas { columns: 2; }
</style>
)HTML";

constexpr std::string_view script = R"HTML(<script>
"use strict";
const data = JSON.parse(document.getElementById("data").textContent, (k, v) =>
  v === "NaN" ? NaN : v === "Infinity" ? Infinity : v === "-Infinity" ? -Infinity : v);
const show = (v) => Number.isNaN(v) ? "NaN" : !Number.isFinite(v) ? (v > 0 ? "inf" : "-inf") : String(Number((v === 0 ? 0 : v).toPrecision(6)));
const slider = document.getElementById("x-slider"), chooser = document.getElementById("composition");
const mistakeToggle = document.getElementById("show-mistake");
let ci = 0, xi = data.default_x;
const NS = "http://www.w3.org/2000/svg";
function drawCurves() {
  const c = data.compositions[ci];
  document.querySelectorAll(".panel").forEach((el, k) => { el.hidden = k >= c.panels.length; });
  c.panels.forEach((p, k) => {
    document.getElementById("panel" + k + "-title").textContent = p.title;
    const g = document.getElementById("panel" + k + "-curve");
    g.replaceChildren(...p.lines.map(pts => { const l = document.createElementNS(NS, "polyline"); l.setAttribute("points", pts); return l; }));
  });
  const f = document.getElementById("formulas");
  f.replaceChildren(...c.formulas.map(m => { const li = document.createElement("li"); li.innerHTML = m; return li; }));
}
function render() {
  const c = data.compositions[ci];
  const x = data.grid[xi];
  document.getElementById("x-value").textContent = show(x);
  slider.value = xi;
  c.panels.forEach((p, k) => {
    const q = p.pixels[xi], ok = q.every(Number.isFinite);
    const dot = document.getElementById("panel" + k + "-dot"), t = document.getElementById("panel" + k + "-tangent");
    dot.setAttribute("cx", ok ? q[0] : -10); dot.setAttribute("cy", ok ? q[1] : -10);
    t.setAttribute("x1", ok ? q[2] : 0); t.setAttribute("y1", ok ? q[3] : 0); t.setAttribute("x2", ok ? q[4] : 0); t.setAttribute("y2", ok ? q[5] : 0);
    document.getElementById("panel" + k + "-input").textContent = p.input_name + " = " + show(p.input[xi]);
    document.getElementById("panel" + k + "-value").textContent = show(p.value[xi]);
    document.getElementById("panel" + k + "-slope").textContent = show(p.slope[xi]);
  });
  const slopes = c.panels.slice(0, c.links).map(p => p.slope[xi]).reverse();
  const names = c.links === 2 ? "f\u2032(g(x)) \u00b7 g\u2032(x)" : "f\u2032(g(h(x))) \u00b7 g\u2032(h(x)) \u00b7 h\u2032(x)";
  document.getElementById("chain").textContent = names + " = " + slopes.map(show).join(" \u00d7 ") + " = " + show(c.product[xi]);
  document.getElementById("derivative").textContent = show(c.derivative[xi]);
  const same = c.product[xi] === c.derivative[xi] || Math.abs(c.product[xi] - c.derivative[xi]) <= 1e-12 * (1 + Math.abs(c.derivative[xi]));
  document.getElementById("agree").textContent = same ? "equal" : "NOT equal";
  document.getElementById("mistake-value").textContent = show(c.mistake[xi]);
  document.getElementById("mistake").hidden = !mistakeToggle.checked;
  history.replaceState(null, "", "#c=" + ci + "&x=" + show(x));
}
slider.max = String(data.grid.length - 1);
slider.addEventListener("input", () => { xi = Number(slider.value); render(); });
chooser.addEventListener("change", () => { ci = Number(chooser.value); drawCurves(); render(); });
mistakeToggle.addEventListener("change", render);
const p = new URLSearchParams(location.hash.slice(1));
if (p.has("c")) { ci = Math.max(0, Math.min(data.compositions.length - 1, Math.trunc(Number(p.get("c"))) || 0)); chooser.value = String(ci); }
if (p.has("x")) { const x = Number(p.get("x")); let d = Infinity; data.grid.forEach((g, i) => { if (Math.abs(g - x) < d) { d = Math.abs(g - x); xi = i; } }); }
drawCurves();
render();
</script>
)HTML";

int main(int argc, char** argv) {
    std::string out_dir;
    bool quiet = false;  // only the line saying where the page is
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a.starts_with("--out=")) {
            out_dir = std::string(a.substr(6));
        } else if (a == "--quiet") {
            quiet = true;
        } else {
            std::fprintf(stderr, "usage: chain_rule_visualizer [--quiet] [--out=<dir>]\n");
            return 2;
        }
    }
    if (out_dir.empty()) {
        const std::string self = argv[0];
        const auto slash = self.find_last_of('/');
        out_dir = slash == std::string::npos ? "." : self.substr(0, slash);
    }

    std::vector<composition> all;
    all.push_back(make_composition<Ex1>("(2x + 1)^3", 1.0));
    all.push_back(make_composition<Ex2>("e^(x^2)", 0.5));
    all.push_back(make_composition<Ex3a>("sqrt(x^2 + 5)", 2.0));
    all.push_back(make_composition<Ex3b>("ln(x^2 + 5)", 2.0));
    all.push_back(make_composition<Sig>("sigma(x) = 1/(1 + e^-x)", 0.0));
    all.push_back(make_composition<Sin2>("sin(3x + 1)", 0.5));
    all.push_back(make_composition<Tanh2>("tanh(x^2)", 0.5));
    all.push_back(make_composition<Triple1>("e^(sin(x^2)), three links", 1.0));
    all.push_back(make_composition<Triple2>("ln(cos(x^3)), three links", 0.5));
    all.push_back(make_composition<Triple3>("(sigma(relu(x)) - 0.8)^2, three links", 2.0));

    for (const auto& c : all) {
        if (quiet) break;
        std::printf("%s\n", c.title.c_str());
        for (const auto& l : c.terminal) std::printf("  %s\n", l.c_str());
    }

    int default_x = 0;
    for (int i = 0; i < grid_points; ++i)
        if (grid_x(i) == 1.0) default_x = i;
    std::string grid = "[";
    for (int i = 0; i < grid_points; ++i) grid += std::string(i ? "," : "") + widgets::json_number(grid_x(i));
    grid += "]";
    std::string json = "{\"grid\":" + grid + ",\"default_x\":" + std::to_string(default_x) + ",\"compositions\":[";
    for (std::size_t i = 0; i < all.size(); ++i) json += std::string(i ? "," : "") + composition_json(all[i]);
    json += "]}";

    const auto& first = all[0];
    const auto d = static_cast<std::size_t>(default_x);
    std::string page(widgets::head);
    page += "<title>The chain rule, seen</title>\n";
    page += style;
    page +=
        "</head>\n<body>\n<h1>The chain rule, seen</h1>\n<p>For y = f(g(x)), the rate of y is the outer rate "
        "<em>read at the inner value</em> times the inner rate: d/dx f(g(x)) = f&#x2032;(g(x)) &#xB7; "
        "g&#x2032;(x). Each panel shows one link with its curve, the current point and the tangent there, "
        "whose slope is the link's derivative; the last panel is the whole composition.</p>\n";
    page += "<div class=\"controls\"><label>composition <select id=\"composition\">";
    for (std::size_t i = 0; i < all.size(); ++i)
        page += "<option value=\"" + std::to_string(i) + "\">" + widgets::html_escape(all[i].title) + "</option>";
    page +=
        "</select></label><label for=\"x-slider\">x = <output id=\"x-value\">1</output></label><input "
        "id=\"x-slider\" type=\"range\" min=\"0\" max=\"" +
        std::to_string(grid_points - 1) + "\" step=\"1\" value=\"" + std::to_string(default_x) +
        "\"><label><input type=\"checkbox\" id=\"show-mistake\"> show the common mistake</label></div>\n";
    page += "<div class=\"panels\">";
    for (std::size_t k = 0; k < 4; ++k) {
        if (k < first.panels.size()) page += panel_svg(k, first.panels[k], d);
        else page += panel_svg(k, first.panels.back(), d, true);  // for the three-link chains
    }
    page += "</div>\n";
    page += "<p class=\"chain\"><span id=\"chain\">f&#x2032;(g(x)) &#xB7; g&#x2032;(x) = " +
            widgets::shown(first.panels[1].slope[d]) + " &#xD7; " + widgets::shown(first.panels[0].slope[d]) + " = " +
            widgets::shown(first.product[d]) + "</span><br>D&lt;E&gt; at x: <span id=\"derivative\">" +
            widgets::shown(first.derivative[d]) +
            "</span> (<span id=\"agree\">equal</span>, computed by the "
            "compiler's derivative of the whole composition)<br><span id=\"mistake\" hidden><s>f&#x2032;(x) &#xB7; "
            "g&#x2032;(x) = <span id=\"mistake-value\">" +
            widgets::shown(first.mistake[d]) +
            "</span></s> &#x2014; the outer derivative read at x, not at "
            "g(x): wrong</span></p>\n";
    page += "<ul class=\"formulas\" id=\"formulas\">";
    for (const auto& f : first.formulas) page += "<li>" + f + "</li>";
    page += "</ul>\n";
    page += "<script type=\"application/json\" id=\"data\">" + json + "</script>\n";
    page += script;
    page += "</body>\n</html>\n";

    const std::string path = out_dir + "/chain_rule_visualizer.html";
    if (!widgets::write_file(path, page)) {
        std::fprintf(stderr, "cannot write %s\n", path.c_str());
        return 1;
    }
    std::printf("%swrote %s\n", quiet ? "" : "\n", path.c_str());
    return 0;
}
