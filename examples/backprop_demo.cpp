// The backpropagation demo of the tutorial, built for real.
//
// The tutorial's network, z -> relu -> sigma -> (a2 - 0.8)^2, and the same
// network with a weight and a bias in each layer, are written as graphs of
// nodes. Each node is an expression of its parents' values (a2 = sigma(a1));
// the compiler derives, for every edge, the local derivative (d a2 / d a1 =
// sigma(a1)*(1 - sigma(a1))), prints it (text and MathML), and the program
// runs the two passes by hand: forward, node by node, and backward, one
// chain-rule factor per line. The result is checked against D and Gradient
// of the whole composition by static_assert.
//
// In the terminal it prints the trace at z = 2 (or at --z=<value>). It writes
// backprop_demo.html, next to the program unless --out=<dir> says where: the
// graph as SVG with values and gradients on its edges, a z slider, steps
// through both passes. Every number on the page comes from this program.
#include "widgets/page.hpp"

#include <chainrule.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

using namespace chainrule;

// ---------------------------------------------------------------- graphs

/// A node: the variable that names its value, the expression that computes
/// it from its parents' variables, and the parents (none for an input).
template <class V, class E, class... Parents>
struct node {
    using var = V;
    using expr = E;
    static constexpr std::size_t parent_count = sizeof...(Parents);
    static constexpr std::array<var_name, sizeof...(Parents)> parents{Parents::name...};

    template <std::size_t N>
    static constexpr double value(const std::array<double, N>& values, const auto& index_of) {
        return eval<E>(point(at<Parents>(values[index_of(Parents::name)])...));
    }
    // d(this node) / d(parent P), at the parents' values.
    template <class P, std::size_t N>
    static constexpr double local(const std::array<double, N>& values, const auto& index_of) {
        return eval<D<E, P>>(point(at<Parents>(values[index_of(Parents::name)])...));
    }
    template <std::size_t N>
    static constexpr void locals(const std::array<double, N>& values, const auto& index_of, double* out) {
        ((*out++ = local<Parents>(values, index_of)), ...);
    }
    template <class F>
    static void for_each_parent(F f) {
        (f.template operator()<Parents>(), ...);
        (void)f;  // an input has no parents
    }
};

struct edge {
    std::size_t from, to;
};

template <class... Nodes>
struct network {
    static constexpr std::size_t size = sizeof...(Nodes);
    static constexpr std::array<var_name, size> names{Nodes::var::name...};
    static constexpr std::size_t edge_count = (std::size_t{0} + ... + Nodes::parent_count);
    static constexpr std::size_t index_of(const var_name& n) {
        for (std::size_t i = 0; i < size; ++i)
            if (names[i] == n) return i;
        return size;
    }
    static constexpr std::array<edge, edge_count> edges = [] {
        std::array<edge, edge_count> out{};
        std::size_t k = 0, to = 0;
        auto add = [&](const auto& parents) {
            for (const auto& p : parents) out[k++] = {index_of(p), to};
            ++to;
        };
        (add(Nodes::parents), ...);
        return out;
    }();

    struct state {
        std::array<double, size> value{};        // forward values
        std::array<double, size> grad{};         // dL/d(node), L the last node
        std::array<double, edge_count> local{};  // d(to)/d(from) per edge
    };

    /// Both passes, the inputs taken from `inputs` (by node index).
    static constexpr state run(const std::array<double, size>& inputs) {
        state s;
        auto lookup = [](const var_name& n) { return index_of(n); };
        std::size_t i = 0;
        auto forward = [&]<class N>() {
            if constexpr (N::parent_count == 0) s.value[i] = inputs[i];
            else s.value[i] = N::value(s.value, lookup);
            ++i;
        };
        (forward.template operator()<Nodes>(), ...);
        double* out = s.local.data();
        auto locals = [&]<class N>() {
            N::locals(s.value, lookup, out);
            out += N::parent_count;
        };
        (locals.template operator()<Nodes>(), ...);
        // Backward: each edge passes its child's gradient times its local derivative.
        s.grad[size - 1] = 1.0;
        for (std::size_t k = edge_count; k-- > 0;) s.grad[edges[k].from] += s.grad[edges[k].to] * s.local[k];
        return s;
    }
};

// -------------------------------------------------------- the two networks

using A1 = Var<"a1">;
using A2 = Var<"a2">;
using L = Var<"L">;
using W1 = Var<"w1">;
using B1 = Var<"b1">;
using W2 = Var<"w2">;
using B2 = Var<"b2">;

using Target = Rational<4, 5>;
using LossOfA2 = Pow<Sub<A2, Target>, Int<2>>;

// The tutorial's: a1 = relu(z), a2 = sigma(a1), L = (a2 - 0.8)^2.
using Tutorial = network<node<Z, Z>, node<A1, Relu<Z>, Z>, node<A2, Sigmoid<A1>, A1>, node<L, LossOfA2, A2>>;

// With a weight and a bias per layer: a1 = relu(w1 z + b1), a2 = sigma(w2 a1 + b2).
using Layered =
    network<node<Z, Z>, node<W1, W1>, node<B1, B1>, node<A1, Relu<Add<Mul<W1, Z>, B1>>, W1, Z, B1>, node<W2, W2>,
            node<B2, B2>, node<A2, Sigmoid<Add<Mul<W2, A1>, B2>>, W2, A1, B2>, node<L, LossOfA2, A2>>;

// The same losses as single expressions of the inputs, for D and Gradient.
using TutorialLoss = Pow<Sub<Sigmoid<Relu<Z>>, Target>, Int<2>>;
using LayeredLoss = Pow<Sub<Sigmoid<Add<Mul<W2, Relu<Add<Mul<W1, Z>, B1>>>, B2>>, Target>, Int<2>>;

constexpr std::array<double, 4> tutorial_inputs(double z) { return {z, 0, 0, 0}; }
// w1 = 1, b1 = 0, w2 = 1, b2 = 0: the tutorial's numbers again, now with gradients for the parameters.
constexpr std::array<double, 8> layered_inputs(double z) { return {z, 1.0, 0.0, 0, 1.0, 0.0, 0, 0}; }

constexpr bool near(double a, double b, double tolerance) { return (a > b ? a - b : b - a) <= tolerance; }

// The backward pass by hand agrees with D of the composition: at z = 2 it is
// 2 (s(2) - 0.8) s(2) (1 - s(2)) = 0.016966349814049152 (mpmath), what PyTorch prints.
constexpr double pytorch_dl_dz = 0.016966349814049152;
static_assert(near(Tutorial::run(tutorial_inputs(2.0)).grad[0], pytorch_dl_dz, 1e-15));
static_assert(near(Tutorial::run(tutorial_inputs(2.0)).grad[0], eval<D<TutorialLoss>>(2.0), 1e-15));
static_assert(Tutorial::run(tutorial_inputs(-1.0)).grad[0] == 0.0);  // a dead relu passes nothing back
// The factors of the issue's line: dL/da1 = dL/da2 * s'(a1) = 0.161594 * 0.104994.
static_assert(near(Tutorial::run(tutorial_inputs(2.0)).grad[2], 0.1615941559557646, 1e-12));
static_assert(near(Tutorial::run(tutorial_inputs(2.0)).local[1], 0.10499358540350652, 1e-12));

// With parameters: the hand-run backward pass is Gradient's reverse mode.
constexpr auto layered_at_2 = Layered::run(layered_inputs(2.0));
constexpr auto layered_gradient =
    eval<Gradient<LayeredLoss, Z, W1, B1, W2, B2>>(at<Z>(2.0), at<W1>(1.0), at<B1>(0.0), at<W2>(1.0), at<B2>(0.0));
static_assert(near(layered_at_2.grad[0], layered_gradient[0], 1e-15));  // dL/dz
static_assert(near(layered_at_2.grad[1], layered_gradient[1], 1e-15));  // dL/dw1
static_assert(near(layered_at_2.grad[2], layered_gradient[2], 1e-15));  // dL/db1
static_assert(near(layered_at_2.grad[4], layered_gradient[3], 1e-15));  // dL/dw2
static_assert(near(layered_at_2.grad[5], layered_gradient[4], 1e-15));  // dL/db2
static_assert(near(layered_at_2.grad[2], pytorch_dl_dz, 1e-15));        // dL/db1: the tutorial's chain

// The printed formulas, checked too.
static_assert(to_text<D<Sigmoid<A1>, A1>>() == "sigma(a1)*(1 - sigma(a1))");
static_assert(to_text<D<LossOfA2, A2>>() == "2*(a2 - 4/5)");
static_assert(to_text<D<Relu<Z>, Z>>() == "step(z)");

// ------------------------------------------------------ what is printed

// The z values of the page's slider: -4 to 4 by 1/8, which holds the
// tutorial's points 2, 0 and -1 exactly.
constexpr int grid_steps = 64;
constexpr double grid_z(int i) { return -4.0 + i / 8.0; }

struct described_node {
    std::string name_text, name_mathml, formula_text, formula_mathml;
    bool input = false, relu = false;
};
struct described_edge {
    std::size_t from, to;
    std::string text, mathml;  // the local derivative d(to)/d(from)
};
struct description {
    std::vector<described_node> nodes;
    std::vector<described_edge> edges;
};

template <class Net, class... Nodes>
description describe(network<Nodes...>*) {
    description d;
    auto add_node = [&]<class N>() {
        described_node n;
        n.name_text = std::string(to_text<typename N::var>());
        n.name_mathml = std::string(to_mathml<typename N::var>());
        n.formula_text = std::string(to_text<typename N::expr>());
        n.formula_mathml = std::string(to_mathml<typename N::expr>());
        n.input = N::parent_count == 0;
        n.relu = std::string_view(n.formula_text).starts_with("relu(");
        d.nodes.push_back(n);
        const std::size_t to = d.nodes.size() - 1;
        N::for_each_parent([&]<class P>() {
            d.edges.push_back({Net::index_of(P::name), to, std::string(to_text<D<typename N::expr, P>>()),
                               std::string(to_mathml<D<typename N::expr, P>>())});
        });
    };
    (add_node.template operator()<Nodes>(), ...);
    return d;
}

template <class Net>
description describe() {
    return describe<Net>(static_cast<Net*>(nullptr));
}

// The trace: forward values, then the backward pass, one factor per line.
template <class Net>
std::string trace(const description& d, const typename Net::state& s) {
    std::string out = "forward\n";
    for (std::size_t i = 0; i < d.nodes.size(); ++i) {
        const auto& n = d.nodes[i];
        if (n.input) out += "  " + n.name_text + " = " + widgets::shown(s.value[i]) + "\n";
        else out += "  " + n.name_text + " = " + n.formula_text + " = " + widgets::shown(s.value[i]) + "\n";
    }
    out += "backward\n";
    const std::string loss = d.nodes.back().name_text;
    out += "  dL/d" + loss + " = 1\n";
    for (std::size_t k = d.edges.size(); k-- > 0;) {
        const auto& e = d.edges[k];
        const std::string from = d.nodes[e.from].name_text, to = d.nodes[e.to].name_text;
        out += "  dL/d" + from + " = dL/d" + to + " * d" + to + "/d" + from + " = " + widgets::shown(s.grad[e.to]) +
               " x " + widgets::shown(s.local[k]) + " = " + widgets::shown(s.grad[e.to] * s.local[k]) + "    (d" + to +
               "/d" + from + " = " + e.text + ")\n";
    }
    return out;
}

// ----------------------------------------------------------------- page

template <class Net>
std::string network_json(const std::string& title, const description& d, const std::array<int, 2>* cells, auto inputs) {
    std::string j = "{\"title\":" + widgets::json_string(title) + ",\"nodes\":[";
    for (std::size_t i = 0; i < d.nodes.size(); ++i) {
        const auto& n = d.nodes[i];
        j += std::string(i ? "," : "") + "{\"name\":" + widgets::json_string(n.name_text) +
             ",\"formula\":" + widgets::json_string(n.formula_text) + ",\"input\":" + (n.input ? "true" : "false") +
             ",\"relu\":" + (n.relu ? "true" : "false") + ",\"col\":" + std::to_string(cells[i][0]) +
             ",\"row\":" + std::to_string(cells[i][1]) + "}";
    }
    j += "],\"edges\":[";
    for (std::size_t k = 0; k < d.edges.size(); ++k) {
        const auto& e = d.edges[k];
        j += std::string(k ? "," : "") + "{\"from\":" + std::to_string(e.from) + ",\"to\":" + std::to_string(e.to) +
             ",\"local\":" + widgets::json_string(e.text) + "}";
    }
    j += "],\"values\":[";
    std::string grads = "],\"grads\":[", locals = "],\"locals\":[";
    for (int g = 0; g <= grid_steps; ++g) {
        const auto s = Net::run(inputs(grid_z(g)));
        const std::string sep = g ? "," : "";
        j += sep + "[";
        grads += sep + "[";
        locals += sep + "[";
        for (std::size_t i = 0; i < Net::size; ++i) {
            j += std::string(i ? "," : "") + widgets::json_number(s.value[i]);
            grads += std::string(i ? "," : "") + widgets::json_number(s.grad[i]);
        }
        for (std::size_t k = 0; k < Net::edge_count; ++k)
            locals += std::string(k ? "," : "") + widgets::json_number(s.local[k]);
        j += "]";
        grads += "]";
        locals += "]";
    }
    return j + grads + locals + "]}";
}

constexpr int cell_width = 200, cell_height = 150, margin_x = 60, margin_y = 50;

// The graph, drawn for one state: values above each edge, gradients below,
// the local derivative's formula (MathML) in the middle, as in the CS231n
// circuit diagrams. The script redraws only the numbers.
template <class Net>
std::string network_svg(int which, const description& d, const std::array<int, 2>* cells, const typename Net::state& s,
                        bool dead_relu) {
    int max_col = 0, max_row = 0;
    for (std::size_t i = 0; i < d.nodes.size(); ++i)
        max_col = std::max(max_col, cells[i][0]), max_row = std::max(max_row, cells[i][1]);
    const int width = 2 * margin_x + max_col * cell_width, height = 2 * margin_y + max_row * cell_height;
    auto x = [&](std::size_t i) { return margin_x + cells[i][0] * cell_width; };
    auto y = [&](std::size_t i) { return margin_y + cells[i][1] * cell_height; };
    const std::string id = "n" + std::to_string(which);
    std::string svg = "<svg id=\"" + id + "-svg\" class=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                      std::to_string(width) + " " + std::to_string(height) + "\" width=\"" + std::to_string(width) +
                      "\" height=\"" + std::to_string(height) +
                      "\" role=\"img\" aria-label=\"the network as a graph\">\n";
    for (std::size_t k = 0; k < d.edges.size(); ++k) {
        const auto& e = d.edges[k];
        const int x1 = x(e.from) + 22, y1 = y(e.from), x2 = x(e.to) - 22, y2 = y(e.to);
        // The labels sit 40% of the way along, where edges into one node are still apart.
        const int mx = x1 + (x2 - x1) * 2 / 5, my = y1 + (y2 - y1) * 2 / 5;
        const bool dead = dead_relu && d.nodes[e.to].relu;
        const std::string ek = id + "-e" + std::to_string(k);
        svg += "<g id=\"" + ek + "\" class=\"edge" + (dead ? " dead" : "") + "\">";
        svg += "<line x1=\"" + std::to_string(x1) + "\" y1=\"" + std::to_string(y1) + "\" x2=\"" + std::to_string(x2) +
               "\" y2=\"" + std::to_string(y2) + "\"/>";
        svg += "<text class=\"fwd\" id=\"" + ek + "-v\" x=\"" + std::to_string(mx) + "\" y=\"" +
               std::to_string(my - 8) + "\">" + widgets::shown(s.value[e.from]) + "</text>";
        svg += "<text class=\"bwd\" id=\"" + ek + "-g\" x=\"" + std::to_string(mx) + "\" y=\"" +
               std::to_string(my + 18) + "\">" + widgets::shown(s.grad[e.from]) + "</text>";
        svg += "<foreignObject x=\"" + std::to_string(mx - 100) + "\" y=\"" + std::to_string(my + 22) +
               "\" width=\"200\" height=\"34\"><div xmlns=\"http://www.w3.org/1999/xhtml\" class=\"local\">" +
               d.edges[k].mathml + "</div></foreignObject>";
        svg += "</g>\n";
    }
    for (std::size_t i = 0; i < d.nodes.size(); ++i) {
        const bool dead = dead_relu && d.nodes[i].relu;
        svg += "<g id=\"" + id + "-node" + std::to_string(i) + "\" class=\"node" + (d.nodes[i].input ? " input" : "") +
               (dead ? " dead" : "") + "\"><circle cx=\"" + std::to_string(x(i)) + "\" cy=\"" + std::to_string(y(i)) +
               "\" r=\"22\"/><text x=\"" + std::to_string(x(i)) + "\" y=\"" + std::to_string(y(i) + 5) + "\">" +
               widgets::html_escape(d.nodes[i].name_text) + "</text></g>\n";
    }
    return svg + "</svg>\n";
}

std::string formulas_html(const description& d) {
    std::string h = "<ul class=\"formulas\">";
    for (const auto& n : d.nodes)
        if (!n.input) h += "<li>" + n.name_mathml + " = " + n.formula_mathml + "</li>";
    for (const auto& e : d.edges)
        h += "<li><span class=\"d\">&#x2202;" + widgets::html_escape(d.nodes[e.to].name_text) + "/&#x2202;" +
             widgets::html_escape(d.nodes[e.from].name_text) + "</span> = " + e.mathml + "</li>";
    return h + "</ul>";
}

constexpr std::string_view style = R"HTML(<style>
body { font-family: system-ui, sans-serif; margin: 1.5em auto; max-width: 980px; color: #222; padding: 0 1em; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
.controls { display: flex; flex-wrap: wrap; gap: .6em; align-items: center; margin: .8em 0; }
.controls button { font-size: 1em; padding: .2em .7em; }
#z-slider { width: 18em; }
svg.graph { display: block; margin: .5em 0; overflow: visible; }
svg .edge line { stroke: #555; stroke-width: 2; }
svg .edge text { font-size: 14px; text-anchor: middle; font-family: ui-monospace, monospace; }
svg .fwd { fill: #1a7f37; } svg .bwd { fill: #c62828; }
svg .node circle { fill: #e8f0fe; stroke: #1a56db; stroke-width: 2; }
svg .node.input circle { fill: #fff; }
svg .node text { text-anchor: middle; font-size: 15px; font-style: italic; }
svg .dead line, svg .dead circle { stroke: #bbb; fill: #f3f3f3; } svg .dead text { fill: #aaa; }
svg .node.active circle { stroke: #f59e0b; stroke-width: 4; }
svg .hidden { visibility: hidden; }
.local { font-size: 12px; text-align: center; color: #444; }
#sentence { min-height: 2.6em; background: #f6f8fa; border-left: 4px solid #1a56db; padding: .5em .8em; font-family: ui-monospace, monospace; }
#product { font-family: ui-monospace, monospace; }
.formulas { columns: 2; font-size: .95em; }
.legend .fwd { color: #1a7f37; } .legend .bwd { color: #c62828; }
</style>
)HTML";

// The script: it reads the numbers of the JSON block and shows them; it
// computes nothing but the index of the slider's z and of the step.
constexpr std::string_view script = R"HTML(<script>
"use strict";
const data = JSON.parse(document.getElementById("data").textContent, (k, v) =>
  v === "NaN" ? NaN : v === "Infinity" ? Infinity : v === "-Infinity" ? -Infinity : v);
const show = (v) => Number.isNaN(v) ? "NaN" : !Number.isFinite(v) ? (v > 0 ? "inf" : "-inf") : String(Number((v === 0 ? 0 : v).toPrecision(6)));
const slider = document.getElementById("z-slider");
let zi = data.default_z, step = 0, timer = null;
// The steps: inputs, each computed node forward, then dL/dL and one per edge backward.
function steps(net) {
  const s = [{ kind: "inputs" }];
  net.nodes.forEach((n, i) => { if (!n.input) s.push({ kind: "forward", node: i }); });
  s.push({ kind: "seed" });
  for (let k = net.edges.length - 1; k >= 0; --k) s.push({ kind: "backward", edge: k });
  return s;
}
const net0 = data.networks[0];
const allSteps = steps(net0);
function sentence(net, st) {
  const v = net.values[zi], g = net.grads[zi], l = net.locals[zi], L = net.nodes[net.nodes.length - 1].name;
  if (st.kind === "inputs") return "Inputs: " + net.nodes.filter(n => n.input).map(n => n.name + " = " + show(v[net.nodes.indexOf(n)])).join(", ") + ". The forward pass starts.";
  if (st.kind === "forward") { const n = net.nodes[st.node]; return "Forward: " + n.name + " = " + n.formula + " = " + show(v[st.node]) + "."; }
  if (st.kind === "seed") return "Backward: dL/d" + L + " = 1, the seed of the backward pass (L = " + show(v[net.nodes.length - 1]) + ").";
  const e = net.edges[st.edge], from = net.nodes[e.from].name, to = net.nodes[e.to].name;
  return "Backward: dL/d" + from + " = dL/d" + to + " \u00b7 d" + to + "/d" + from + " = " + show(g[e.to]) + " \u00d7 " + show(l[st.edge]) + " = " + show(g[e.from]) + ", with d" + to + "/d" + from + " = " + e.local + ".";
}
function render() {
  const z = data.grid[zi];
  document.getElementById("z-value").textContent = show(z);
  slider.value = zi;
  data.networks.forEach((net, w) => {
    const st = steps(net), here = w === 0 ? allSteps[step] : st[st.length - 1];
    const last = w === 0 ? step : st.length - 1;
    const v = net.values[zi], g = net.grads[zi], l = net.locals[zi];
    const forwardDone = new Set(), backwardDone = new Set();
    st.slice(0, last + 1).forEach(s => {
      if (s.kind === "inputs") net.nodes.forEach((n, i) => { if (n.input) forwardDone.add(i); });
      if (s.kind === "forward") forwardDone.add(s.node);
      if (s.kind === "seed") backwardDone.add(net.nodes.length - 1);
      if (s.kind === "backward") backwardDone.add(net.edges[s.edge].from);
    });
    net.edges.forEach((e, k) => {
      const fv = document.getElementById("n" + w + "-e" + k + "-v"), gv = document.getElementById("n" + w + "-e" + k + "-g");
      fv.textContent = show(v[e.from]); fv.classList.toggle("hidden", !forwardDone.has(e.from));
      gv.textContent = show(g[e.from]); gv.classList.toggle("hidden", !backwardDone.has(e.from));
      const dead = net.nodes[e.to].relu && l[k] === 0;
      document.getElementById("n" + w + "-e" + k).classList.toggle("dead", dead);
    });
    net.nodes.forEach((n, i) => {
      const el = document.getElementById("n" + w + "-node" + i);
      const into = net.edges.findIndex(e => e.to === i);
      el.classList.toggle("dead", n.relu && into >= 0 && l[into] === 0);
      el.classList.toggle("active", w === 0 && ((here.kind === "forward" && here.node === i) || (here.kind === "backward" && net.edges[here.edge].from === i)));
    });
    document.getElementById("n" + w + "-loss").textContent = show(v[net.nodes.length - 1]);
    document.getElementById("n" + w + "-grads").textContent = net.nodes.map((n, i) => n.input ? "dL/d" + n.name + " = " + show(g[i]) : null).filter(x => x).join(",  ");
  });
  document.getElementById("sentence").textContent = sentence(net0, allSteps[step]);
  document.getElementById("step-index").textContent = String(step);
  document.getElementById("step-count").textContent = String(allSteps.length - 1);
  const l = net0.locals[zi];
  document.getElementById("product").textContent = "dL/dz = " + l.slice().reverse().map(show).join(" \u00d7 ") + " = " + show(net0.grads[zi][0]);
  history.replaceState(null, "", "#z=" + show(z) + "&step=" + step);
}
function setStep(s) { step = Math.max(0, Math.min(allSteps.length - 1, s)); render(); }
function stop() { if (timer !== null) { clearInterval(timer); timer = null; document.getElementById("play").textContent = "play"; } }
slider.max = String(data.grid.length - 1);
slider.addEventListener("input", () => { zi = Number(slider.value); render(); });
document.getElementById("prev").addEventListener("click", () => { stop(); setStep(step - 1); });
document.getElementById("next").addEventListener("click", () => { stop(); setStep(step + 1); });
document.getElementById("reset").addEventListener("click", () => { stop(); setStep(0); });
document.getElementById("play").addEventListener("click", () => {
  if (timer !== null) { stop(); return; }
  if (step === allSteps.length - 1) setStep(0);
  document.getElementById("play").textContent = "pause";
  timer = setInterval(() => { if (step >= allSteps.length - 1) stop(); else setStep(step + 1); }, 900);
});
document.addEventListener("keydown", (ev) => {
  if (ev.target === slider) return;
  if (ev.key === "ArrowRight") { stop(); setStep(step + 1); }
  if (ev.key === "ArrowLeft") { stop(); setStep(step - 1); }
});
// The state from the URL: #z=2&step=5 (z snaps to the grid's nearest point).
function fromHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  if (p.has("z")) { const z = Number(p.get("z")); let best = zi, d = Infinity; data.grid.forEach((g, i) => { if (Math.abs(g - z) < d) { d = Math.abs(g - z); best = i; } }); zi = best; }
  step = p.has("step") ? Math.max(0, Math.min(allSteps.length - 1, Math.trunc(Number(p.get("step"))) || 0)) : allSteps.length - 1;
}
window.addEventListener("hashchange", () => { fromHash(); render(); });
fromHash();
render();
</script>
)HTML";

int main(int argc, char** argv) {
    double z = 2.0;
    std::string out_dir;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a.starts_with("--z=")) z = std::strtod(argv[i] + 4, nullptr);
        else if (a.starts_with("--out=")) out_dir = std::string(a.substr(6));
        else {
            std::fprintf(stderr, "usage: backprop_demo [--z=<value>] [--out=<dir>]\n");
            return 2;
        }
    }
    if (out_dir.empty()) {  // next to the program
        const std::string self = argv[0];
        const auto slash = self.find_last_of('/');
        out_dir = slash == std::string::npos ? "." : self.substr(0, slash);
    }

    const description tutorial = describe<Tutorial>(), layered = describe<Layered>();
    const auto ts = Tutorial::run(tutorial_inputs(z));
    const auto ls = Layered::run(layered_inputs(z));

    std::printf("The tutorial's network at z = %s:  a1 = relu(z), a2 = sigma(a1), L = (a2 - 4/5)^2\n%s",
                widgets::shown(z).c_str(), trace<Tutorial>(tutorial, ts).c_str());
    std::printf("dL/dz = %.15g   (D<Loss>: %.15g; PyTorch prints 0.016966 at z = 2)\n", ts.grad[0],
                eval<D<TutorialLoss>>(z));
    std::printf("\nWith a weight and a bias per layer (w1 = 1, b1 = 0, w2 = 1, b2 = 0):\n%s",
                trace<Layered>(layered, ls).c_str());
    const auto g =
        eval<Gradient<LayeredLoss, Z, W1, B1, W2, B2>>(at<Z>(z), at<W1>(1.0), at<B1>(0.0), at<W2>(1.0), at<B2>(0.0));
    std::printf("Gradient: dL/dz = %.15g  dL/dw1 = %.15g  dL/db1 = %.15g  dL/dw2 = %.15g  dL/db2 = %.15g\n", g[0], g[1],
                g[2], g[3], g[4]);
    for (std::size_t i : {0u, 1u, 2u}) {
        if (!(std::fabs(ls.grad[i] - g[i]) <= 1e-12 * (1 + std::fabs(g[i])))) {
            std::fprintf(stderr, "the backward pass disagrees with Gradient\n");
            return 1;
        }
    }

    // The page.
    int default_index = 0;
    for (int i = 0; i <= grid_steps; ++i)
        if (grid_z(i) == 2.0) default_index = i;
    static constexpr std::array<int, 2> tutorial_cells[] = {{0, 0}, {1, 0}, {2, 0}, {3, 0}};
    static constexpr std::array<int, 2> layered_cells[] = {{0, 0}, {0, 1}, {0, 2}, {1, 1},
                                                           {1, 2}, {1, 3}, {2, 2}, {3, 2}};
    std::string grid = "[";
    for (int i = 0; i <= grid_steps; ++i) grid += std::string(i ? "," : "") + widgets::json_number(grid_z(i));
    grid += "]";
    const std::string json = "{\"grid\":" + grid + ",\"default_z\":" + std::to_string(default_index) +
                             ",\"pytorch\":0.016966,\"networks\":[" +
                             network_json<Tutorial>("tutorial", tutorial, tutorial_cells, tutorial_inputs) + "," +
                             network_json<Layered>("layered", layered, layered_cells, layered_inputs) + "]}";
    const auto ts2 = Tutorial::run(tutorial_inputs(2.0));
    const auto ls2 = Layered::run(layered_inputs(2.0));
    std::string page(widgets::head);
    page += "<title>Backpropagation, step by step</title>\n";
    page += style;
    page += "</head>\n<body>\n<h1>Backpropagation, step by step</h1>\n";
    page +=
        "<p>The tutorial's network: <em>a</em><sub>1</sub> = relu(<em>z</em>), <em>a</em><sub>2</sub> = "
        "&#x3C3;(<em>a</em><sub>1</sub>), <em>L</em> = (<em>a</em><sub>2</sub> &#x2212; 0.8)<sup>2</sup>. "
        "<span class=\"legend\">Above each edge, in <span class=\"fwd\">green</span>, the value flowing "
        "forward; below it, in <span class=\"bwd\">red</span>, the gradient dL/d(value) flowing back; under "
        "that, the edge's local derivative, derived by the compiler.</span></p>\n";
    page +=
        "<div class=\"controls\"><label for=\"z-slider\">z = <output id=\"z-value\">2</output></label>"
        "<input id=\"z-slider\" type=\"range\" min=\"0\" max=\"" +
        std::to_string(grid_steps) + "\" step=\"1\" value=\"" + std::to_string(default_index) +
        "\"><button id=\"prev\" title=\"previous step (left arrow)\">&#x25C0;</button>"
        "<button id=\"next\" title=\"next step (right arrow)\">&#x25B6;</button>"
        "<button id=\"play\">play</button><button id=\"reset\">reset</button>"
        "<span>step <span id=\"step-index\">" +
        std::to_string(1 + 3 + 1 + 3 - 1) + "</span> of <span id=\"step-count\">" + std::to_string(7) +
        "</span></span></div>\n";
    page += network_svg<Tutorial>(0, tutorial, tutorial_cells, ts2, false);
    page += "<p id=\"sentence\">Backward: dL/dz = dL/da1 &#xB7; da1/dz = " + widgets::shown(ts2.grad[1]) + " &#xD7; " +
            widgets::shown(ts2.local[0]) + " = " + widgets::shown(ts2.grad[0]) +
            ", with da1/dz = " + widgets::html_escape(tutorial.edges[0].text) + ".</p>\n";
    page +=
        "<p>The chain's factors, multiplied: <span id=\"product\">dL/dz = " + widgets::shown(ts2.local[2]) +
        " &#xD7; " + widgets::shown(ts2.local[1]) + " &#xD7; " + widgets::shown(ts2.local[0]) + " = " +
        widgets::shown(ts2.grad[0]) +
        "</span>. The tutorial's PyTorch program prints <code>&#x2202;L/&#x2202;z = 0.016966</code> at z = 2.</p>\n";
    page += "<p>Loss <em>L</em> = <span id=\"n0-loss\">" + widgets::shown(ts2.value[3]) +
            "</span>; <span id=\"n0-grads\">dL/dz = " + widgets::shown(ts2.grad[0]) + "</span></p>\n";
    page += formulas_html(tutorial);
    page +=
        "<h2>With a weight and a bias per layer</h2>\n<p><em>a</em><sub>1</sub> = relu(<em>w</em><sub>1</sub> "
        "<em>z</em> + <em>b</em><sub>1</sub>), <em>a</em><sub>2</sub> = &#x3C3;(<em>w</em><sub>2</sub> "
        "<em>a</em><sub>1</sub> + <em>b</em><sub>2</sub>), at <em>w</em><sub>1</sub> = <em>w</em><sub>2</sub> = "
        "1, <em>b</em><sub>1</sub> = <em>b</em><sub>2</sub> = 0: one backward pass gives the gradient for every "
        "parameter (the same numbers as <code>Gradient</code>).</p>\n";
    page += network_svg<Layered>(1, layered, layered_cells, ls2, false);
    std::string grads;
    for (std::size_t i = 0; i < layered.nodes.size(); ++i)
        if (layered.nodes[i].input)
            grads += std::string(grads.empty() ? "" : ",  ") + "dL/d" + layered.nodes[i].name_text + " = " +
                     widgets::shown(ls2.grad[i]);
    page += "<p>Loss <em>L</em> = <span id=\"n1-loss\">" + widgets::shown(ls2.value[7]) +
            "</span>; <span id=\"n1-grads\">" + grads + "</span></p>\n";
    page += formulas_html(layered);
    page += "<script type=\"application/json\" id=\"data\">" + json + "</script>\n";
    page += script;
    page += "</body>\n</html>\n";

    const std::string path = out_dir + "/backprop_demo.html";
    if (!widgets::write_file(path, page)) {
        std::fprintf(stderr, "cannot write %s\n", path.c_str());
        return 1;
    }
    std::printf("\nwrote %s\n", path.c_str());
    return 0;
}
