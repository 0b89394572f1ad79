// Gradient agrees with D (issue 12, item 2): a differential test between
// reverse mode, eval<Gradient<E, X, Y>>, and the symbolic partials,
// eval<D<E, X>> and eval<D<E, Y>>, over expressions generated from fixed
// seeds at points that include the tails (+-800, +-40) and the zeros of bases.
//
// Wherever D's value is finite, the gradient's must be finite and within the
// tolerance below; a failure prints the expression, the point and both values.
// Where D is NaN or infinite the gradient may differ (it is then a different
// computation of a value that does not exist); those points are counted and
// printed, not checked (docs/gradients.md, "Gradient and D").
#include <boost/test/unit_test.hpp>

#include "support/gradient_agreement.hpp"

#include <cstdio>

// 200 expressions, 169 points each, from the seeds 1000..1099 and 2000..2099
// (a third batch, 3000..3099, was dropped to keep the suite within its
// time: 33 s of g++ and 30 s of clang++ for 100 more expressions).
// The points where D is finite and the gradient is not, as listed by the
// test: none since reverse mode joins ln(b^e) and f(w)^e to their operands
// (13 before, 32 before the steps' flat sides passed nothing, 91 before
// repeated arguments took one canonical partial).
constexpr std::size_t cancelled_points = 0;

BOOST_AUTO_TEST_CASE(gradient_agrees_with_d_where_d_is_finite) {
    agreement::tally t;
    agreement::batch_1(t);
    agreement::batch_2(t);
    std::printf(
        "%zu expressions, %zu points (%zu where E is NaN), %zu partials compared (D finite), worst "
        "relative difference %.3g\n  (%s)\n"
        "%zu partials where D is finite and the gradient NaN or infinite (D cancelled a 0 * inf):\n%s"
        "%zu partials where D is NaN or infinite, the gradient different there at %zu\n",
        t.expressions, t.points, t.undefined, t.compared, t.worst, t.worst_where.c_str(), t.cancelled,
        t.cancelled_list.c_str(), t.d_not_finite, t.gradient_differs_there);
    // Where D is finite the gradient is never a different finite number (the
    // check above), nor NaN or infinite (here): one would be a 0 * inf or
    // 0 * NaN that D's canonical form cancels and reverse mode multiplies out
    // (docs/gradients.md, "Gradient and D"); the list above names each.
    BOOST_TEST(t.cancelled == cancelled_points);
}
