// Mirrors chainrule/families.hpp.
// Indexed variables, families of variables, binding a family from data, and
// ValueAndGradient (chainrule/families.hpp, eval.hpp, gradient.hpp): in
// constant expressions and at run time.
#include <boost/test/unit_test.hpp>

#include <chainrule.hpp>

#include <array>
#include <cmath>
#include <functional>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

using namespace chainrule;

namespace {

// ------------------------------------------------------- indexed variables

static_assert(Variable<Var<"w", 1, 2>>);
static_assert(!std::is_same_v<Var<"w", 1, 2>, Var<"w12">>);
static_assert(!std::is_same_v<Var<"w", 1, 2>, Var<"w", 2, 1>>);
static_assert(!std::is_same_v<Var<"w", 1>, Var<"w">>);
static_assert(std::is_same_v<Var<"w">, Var<'w'>>);  // unchanged
static_assert(std::is_same_v<X, Var<'x'>>);
static_assert(Var<"w", 1, 2>::name.rank == 2 && Var<"w", 1, 2>::name.indices[1] == 2);

// Canonical order: by name, then by indices (w < w[0] < w[0][1] < w[1] < w[10]).
static_assert(std::is_same_v<Add<Var<"w", 10>, Var<"w", 1>, Var<"w", 0, 1>, Var<"w", 0>, Var<"w">>,
                             Sum<Var<"w">, Var<"w", 0>, Var<"w", 0, 1>, Var<"w", 1>, Var<"w", 10>>>);
static_assert(std::is_same_v<Add<Var<"w12">, Var<"w", 1, 2>>, Sum<Var<"w", 1, 2>, Var<"w12">>>);  // "w" < "w12"
// like terms are collected only for the same indices
static_assert(std::is_same_v<Add<Var<"w", 1>, Var<"w", 1>>, Mul<Int<2>, Var<"w", 1>>>);
static_assert(std::is_same_v<D<Mul<Var<"w", 0>, Var<"w", 1>>, Var<"w", 1>>, Var<"w", 0>>);
static_assert(std::is_same_v<D<Mul<Var<"w", 0>, Var<"w", 1>>, Var<"w", 2>>, Int<0>>);

// The names as text, as diagnostics and printing show them.
static_assert(detail::text_of(Var<"w", 1, 2>::name).size == 7);
static_assert(std::string_view(detail::text_of(Var<"w", 1, 20>::name).c_str()) == "w[1][20]");
static_assert(std::is_same_v<detail::spelled_name_of<Var<"b", 3>>, detail::variable_named<'b', '[', '3', ']'>>);

// ----------------------------------------------------------------- families

using W = Vars<"w", 2, 3>;
using B = Vars<"b", 2>;
static_assert(W::size == 6 && W::rank == 2 && B::size == 2);
static_assert(std::is_same_v<W::member<0>, Var<"w", 0, 0>>);
static_assert(std::is_same_v<W::member<4>, Var<"w", 1, 1>>);
static_assert(std::is_same_v<W::member<5>, Var<"w", 1, 2>>);
static_assert(std::is_same_v<detail::flatten_variables<B, X>, detail::type_list<Var<"b", 0>, Var<"b", 1>, X>>);

// A 2-3 layer with a bias and a weighted output: L = c * sum_j b_j sum_i w_ji x_i.
template <std::size_t J>
using row = Add<Mul<Var<"w", J, 0>, Var<"x", 0>>, Mul<Var<"w", J, 1>, Var<"x", 1>>, Mul<Var<"w", J, 2>, Var<"x", 2>>>;
using L = Mul<Var<'c'>, Add<Mul<Var<"b", 0>, row<0>>, Mul<Var<"b", 1>, row<1>>>>;
using Xs = Vars<"x", 3>;

constexpr std::array<double, 6> w{1, 2, 3, 4, 5, 6};
constexpr std::array<double, 2> b{0.5, -1};
constexpr std::array<double, 3> x{1, 10, 100};
// row 0 = 321, row 1 = 654; L = 2 * (0.5 * 321 - 654)
constexpr double value = 2 * (0.5 * 321 - 654);

static_assert(eval<L>(at<W>(w), at<B>(b), at<Xs>(x), at<Var<'c'>>(2.0)) == value);

// Gradient over families, row-major, in the order written.
constexpr auto g = eval<Gradient<L, W, B, Var<'c'>>>(at<W>(w), at<B>(b), at<Xs>(x), at<Var<'c'>>(2.0));
static_assert(std::is_same_v<decltype(g), const std::array<double, 2 * 3 + 2 + 1>>);
static_assert(g == std::array{1.0, 10.0, 100.0, -2.0, -20.0, -200.0, 642.0, 1308.0, value / 2});

// Every way to pass a family's values gives the same.
constexpr double c_flat[6] = {1, 2, 3, 4, 5, 6};
constexpr double c_nested[2][3] = {{1, 2, 3}, {4, 5, 6}};
constexpr std::array<std::array<double, 3>, 2> a_nested{{{1, 2, 3}, {4, 5, 6}}};
static_assert(eval<L>(at<W>(c_flat), at<B>(b), at<Xs>(x), at<Var<'c'>>(2.0)) == value);
static_assert(eval<L>(at<W>(c_nested), at<B>(b), at<Xs>(x), at<Var<'c'>>(2.0)) == value);
static_assert(eval<L>(at<W>(a_nested), at<B>(b), at<Xs>(x), at<Var<'c'>>(2.0)) == value);
static_assert(eval<L>(at<W>(std::span<const double, 6>(w)), at<B>(b), at<Xs>(x), at<Var<'c'>>(2.0)) == value);
static_assert(eval<L>(at<W>(std::span<const double>(w)), at<B>(b), at<Xs>(x), at<Var<'c'>>(2.0)) == value);
constexpr double from_vector() {
    const std::vector<double> v(w.begin(), w.end());
    return eval<L>(at<W>(v), at<B>(b), at<Xs>(x), at<Var<'c'>>(2.0));
}
static_assert(from_vector() == value);

// A point, and Jacobian and Hessian by families.
constexpr auto p = point(at<W>(w), at<B>(b), at<Xs>(x), at<Var<'c'>>(2.0), at<Y>(7.0));
static_assert(eval<L>(p) == value);
static_assert(eval<Gradient<L, B>>(p) == std::array{642.0, 1308.0});
static_assert(eval<Jacobian<Functions<L, row<1>>, B, Var<"w", 1, 0>>>(p) ==
              std::array{std::array{642.0, 1308.0, -2.0}, std::array{0.0, 0.0, 1.0}});
static_assert(eval<Hessian<L, B, Var<'c'>>>(p) ==
              std::array{std::array{0.0, 0.0, 321.0}, std::array{0.0, 0.0, 654.0}, std::array{321.0, 654.0, 0.0}});

// A family bound as a whole may hold members E does not use; E here has
// only w[0][*].
static_assert(eval<row<0>>(at<W>(w), at<Xs>(x)) == 321.0);

// ------------------------------------------------------- value and gradient

constexpr auto vg = eval<ValueAndGradient<L, W, B, Var<'c'>>>(p);
static_assert(vg.value == value && vg.gradient == g);
static_assert(std::is_same_v<decltype(vg), const value_and_gradient_result<double, 9>>);
static_assert(ValueAndGradient<Sigmoid<X>, X>{}(0.0).value == 0.5);
static_assert(ValueAndGradient<Sigmoid<X>, X>{}(0.0).gradient[0] == 0.25);

BOOST_AUTO_TEST_CASE(run_time_matches_compile_time) {
    std::vector<double> wv(w.begin(), w.end());
    const double c = 2.0;
    const auto [v, grad] = eval<ValueAndGradient<L, W, B, Var<'c'>>>(at<W>(wv), at<B>(b), at<Xs>(x), at<Var<'c'>>(c));
    BOOST_TEST(v == value);
    for (std::size_t k = 0; k < grad.size(); ++k) BOOST_TEST(grad[k] == g[k]);
    const auto g2 =
        eval<Gradient<L, W, B, Var<'c'>>>(at<W>(std::span<const double>(wv)), at<B>(b), at<Xs>(x), at<Var<'c'>>(c));
    BOOST_TEST(g2 == g);
    float wf[2][3] = {{1, 2, 3}, {4, 5, 6}};
    BOOST_TEST(eval<row<1>>(at<W>(wf), at<Xs>(std::array{1.0f, 10.0f, 100.0f})) == 654.0f);
}

BOOST_AUTO_TEST_CASE(dynamic_size_mismatch_throws_naming_the_family) {
    const std::vector<double> five{1, 2, 3, 4, 5};
    try {
        (void)at<W>(five);
        BOOST_FAIL("no exception");
    } catch (const std::invalid_argument& e) {
        BOOST_TEST(std::string(e.what()) ==
                   "chainrule::at<Vars<\"w\", 2, 3>>(values): the family has 6 members, but the container holds 5 "
                   "values");
    }
    BOOST_CHECK_THROW((void)at<B>(std::span<const double>(five)), std::invalid_argument);
}

// ------------------------------------------------ families by reference

// at<F>(std::cref(values)) reads the values where they are: the same values
// as a copy, alone, beside copies and single bindings, in a point, and by
// Gradient, ValueAndGradient, Jacobian, Hessian and TaylorPartial.
constexpr double w_row[6] = {1, 2, 3, 4, 5, 6};
static_assert(eval<L>(at<W>(std::cref(w)), at<B>(std::cref(b)), at<Xs>(std::cref(x)), at<Var<'c'>>(2.0)) == value);
static_assert(eval<L>(at<W>(std::cref(w_row)), at<B>(b), at<Xs>(std::cref(x)), at<Var<'c'>>(2.0)) == value);
constexpr auto pv = point(at<Var<'c'>>(2.0), at<W>(std::cref(w)), at<B>(b), at<Xs>(std::cref(x)), at<Y>(7.0));
static_assert(eval<L>(pv) == value);
static_assert(eval<Gradient<L, W, B, Var<'c'>>>(pv) == g);
static_assert(eval<ValueAndGradient<L, W, B, Var<'c'>>>(pv).gradient == g);
static_assert(eval<Jacobian<Functions<L, row<1>>, B, Var<"w", 1, 0>>>(pv) ==
              std::array{std::array{642.0, 1308.0, -2.0}, std::array{0.0, 0.0, 1.0}});
static_assert(eval<Hessian<L, B, Var<'c'>>>(pv) ==
              std::array{std::array{0.0, 0.0, 321.0}, std::array{0.0, 0.0, 654.0}, std::array{321.0, 654.0, 0.0}});
static_assert(eval<TaylorPartial<L, Var<'c'>, Var<"b", 1>>>(pv) == 654.0);
// a binding holds a pointer, whatever the family's size
static_assert(sizeof(decltype(at<W>(std::cref(w)))) == sizeof(const double*));
static_assert(std::is_same_v<decltype(at<W>(std::cref(w))), family_view<W, double>>);
constexpr double by_reference_from_vector() {
    const std::vector<double> v(w.begin(), w.end());
    return eval<L>(at<W>(std::cref(v)), at<B>(b), at<Xs>(x), at<Var<'c'>>(2.0));
}
static_assert(by_reference_from_vector() == value);

BOOST_AUTO_TEST_CASE(by_reference_reads_the_values_at_each_evaluation) {
    std::vector<double> wv(w.begin(), w.end());
    double xs[3] = {1, 10, 100};
    const auto at_p = point(at<W>(std::ref(wv)), at<B>(b), at<Xs>(std::cref(xs)), at<Var<'c'>>(2.0));
    BOOST_TEST(eval<L>(at_p) == value);
    const auto before = eval<Gradient<L, W, B, Var<'c'>>>(at_p);
    BOOST_TEST(before == g);
    // a change to the values is seen by the next evaluation; a copy is not
    const auto copied = point(at<W>(wv), at<B>(b), at<Xs>(xs), at<Var<'c'>>(2.0));
    wv[0] = 2;  // row 0: 321 -> 322
    xs[2] = 0;  // rows: 22 and 54 (with w[0][0] = 2)
    BOOST_TEST(eval<L>(at_p) == 2 * (0.5 * 22 - 54));
    BOOST_TEST(eval<L>(copied) == value);
    const auto grad = eval<Gradient<L, W, B, Var<'c'>>>(at_p);
    const std::array<double, 9> want{1.0, 10.0, 0.0, -2.0, -20.0, 0.0, 44.0, 108.0, 0.5 * 22 - 54};
    BOOST_TEST(grad == want);
    // the same number type as the point's, float here
    const std::array<float, 3> xf{1, 10, 100};
    float wf[6] = {1, 2, 3, 4, 5, 6};
    BOOST_TEST(eval<row<1>>(at<W>(std::cref(wf)), at<Xs>(std::cref(xf))) == 654.0f);
}

BOOST_AUTO_TEST_CASE(by_reference_dynamic_size_mismatch_throws_naming_the_family) {
    const std::vector<double> five{1, 2, 3, 4, 5};
    try {
        (void)at<W>(std::cref(five));
        BOOST_FAIL("no exception");
    } catch (const std::invalid_argument& e) {
        BOOST_TEST(std::string(e.what()) ==
                   "chainrule::at<Vars<\"w\", 2, 3>>(values): the family has 6 members, but the container holds 5 "
                   "values");
    }
    const std::span<const double> s(five);
    BOOST_CHECK_THROW((void)at<B>(std::cref(s)), std::invalid_argument);
}

// ---------------------------------------------- products of many factors

// A product of more factors than Clang lets one fold expression take (256):
// evaluation multiplies them, and reverse mode passes each the product of
// the others, without folds over the factors.
template <class Family, std::size_t... K>
auto product_of_members(std::index_sequence<K...>) -> Mul<typename Family::template member<K>...>;

BOOST_AUTO_TEST_CASE(product_of_260_factors_and_its_gradient) {
    constexpr std::size_t n = 260;
    using P = Vars<"p", n>;
    using F = decltype(product_of_members<P>(std::make_index_sequence<n>{}));
    std::array<double, n> v{};
    for (std::size_t k = 0; k < n; ++k) v[k] = 1.0 + 1.0 / static_cast<double>(k + 1);  // (k + 2) / (k + 1)
    const double product = static_cast<double>(n + 1);                                  // the product telescopes
    const double f = eval<F>(point(at<P>(v)));
    BOOST_TEST(std::abs(f - product) <= 1e-12 * product);
    const auto g = eval<Gradient<F, P>>(point(at<P>(v)));
    for (std::size_t k = 0; k < n; ++k) {
        const double want = product / v[k];
        BOOST_TEST(std::abs(g[k] - want) <= 1e-12 * want, "component " << k);
    }
}

}  // namespace
