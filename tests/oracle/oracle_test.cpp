// An independent oracle: GiNaC. Every generated expression (generate.cpp)
// is read by GiNaC's parser, differentiated by GiNaC (diff), evaluated at
// the same four points with 50 significant digits (CLN), rounded to double,
// and compared with what chainrule computed -- f, df/dx, df/dy, d2f/dxdy and
// d2f/dx2, once in constant evaluation and once at run time.
//
// GiNaC's side never sees chainrule's rules: each built-in is written there
// by its definition in GiNaC's functions (sigma u = 1/(1 + e^-u), log2 u =
// log u / log 2, ...), the kinked ones by formulas that agree with them away
// from the kink (|u| = sqrt(u^2)), and erf, which GiNaC lacks, as a function
// whose value is its Taylor series and whose derivative is 2/sqrt(pi) e^(-u^2).
//
// The measure of a difference: |chainrule - GiNaC| / max(|GiNaC|, 1e-3 m,
// 1e-4 M, 1e-20), m the largest |GiNaC| of the same quantity of the same
// expression over its four points, M the largest of all five quantities
// there: relative, floored at a thousandth of the quantity's size (the floor
// of issue 12's accuracy table) and at a ten-thousandth of the expression's,
// so that a value that is a cancellation of much larger terms (a derivative
// that vanishes everywhere, as that of cbrt(u^3) = u) is not asked for
// digits that double cannot hold; and at 1e-20, far above GiNaC's own
// rounding at 50 digits (step u, written (1 + u/sqrt(u^2))/2, is 5e-59 at
// u < 0, where chainrule's is 0) and below any value the generator's ranges
// make. The bound is `tolerance` below; docs/testing.md says why it is what
// it is and the worst difference seen.
#include "record.hpp"

#include <ginac/ginac.h>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <sstream>
#include <string>

double oracle::run_time_one = 1.0;

namespace GiNaC {
namespace {
// erf u = 2/sqrt(pi) sum_n (-1)^n u^(2n+1) / (n! (2n+1)), in CLN's floats at
// the current Digits; the generator keeps |u| < 5, where the largest term is
// below 1e10, so the sum keeps more than 35 of the 50 digits.
numeric erf_series(const numeric& u) {
    const numeric a = ex_to<numeric>(u.evalf());
    const numeric a2 = a * a;
    const numeric small = ex_to<numeric>(pow(numeric(10), -static_cast<long>(Digits) - 10).evalf());
    numeric power = a, sum = a, factorial = 1;
    for (long n = 1; n < 1000; ++n) {
        power = -power * a2;
        factorial = factorial * n;
        const numeric term = power / (factorial * (2 * n + 1));
        sum = sum + term;
        if (abs(term) < small) break;
    }
    return ex_to<numeric>((2 / sqrt(Pi)).evalf()) * sum;
}
}  // namespace
}  // namespace GiNaC

// Declared outside the anonymous namespace: the macros define the function's
// serial number and its registration.
namespace GiNaC {
DECLARE_FUNCTION_1P(oracle_erf)
}

namespace GiNaC {
namespace {
ex oracle_erf_evalf_checked(const ex& u) {
    if (is_exactly_a<numeric>(u) && ex_to<numeric>(u).is_real()) return erf_series(ex_to<numeric>(u));
    return oracle_erf(u).hold();
}
ex oracle_erf_derivative(const ex& u, unsigned) { return 2 / sqrt(Pi) * exp(-pow(u, 2)); }
}  // namespace
REGISTER_FUNCTION(oracle_erf, evalf_func(oracle_erf_evalf_checked).derivative_func(oracle_erf_derivative))
}  // namespace GiNaC

namespace {

constexpr double tolerance = 1e-9;

const char* const quantity_names[oracle::quantity_count] = {"f", "df/dx", "df/dy", "d2f/dxdy", "d2f/dx2"};

const GiNaC::symbol gx("x"), gy("y"), gz("z");

GiNaC::ex parse(const std::string& text) {
    GiNaC::symtab table;
    table["x"] = gx;
    table["y"] = gy;
    table["z"] = gz;
    table["Pi"] = GiNaC::Pi;
    GiNaC::parser reader(table, true);  // strict: an unknown name is an error
    return reader(text);
}

// The exact rational a double is (the points are on a grid of 1/16).
GiNaC::ex exact(double v) {
    int e = 0;
    const double m = std::frexp(v, &e);                          // v = m 2^e, 0.5 <= |m| < 1
    const auto mantissa = static_cast<long>(std::ldexp(m, 53));  // exact
    return GiNaC::numeric(mantissa) * GiNaC::pow(GiNaC::numeric(2), e - 53);
}

bool to_double(const GiNaC::ex& e, double& out) {
    const GiNaC::ex v = e.evalf();
    if (!GiNaC::is_exactly_a<GiNaC::numeric>(v)) return false;
    const GiNaC::numeric n = GiNaC::ex_to<GiNaC::numeric>(v);
    if (!n.is_real()) return false;
    out = n.to_double();
    return true;
}

struct worst {
    double difference = 0;
    std::string where;
};

std::string describe(const oracle::record& r, std::size_t i) {
    std::ostringstream s;
    s.precision(17);
    s << "seed " << oracle::seed << ", expression " << r.index << " (oracle_generate --show " << oracle::seed << " "
      << r.index << "): " << r.spelling << "\n  GiNaC: " << r.ginac << "\n  at (x, y, z) = (" << r.at[i][0] << ", "
      << r.at[i][1] << ", " << r.at[i][2] << ")";
    return s.str();
}

}  // namespace

BOOST_AUTO_TEST_CASE(erf_series_is_erf) {
    GiNaC::Digits = 50;
    for (double u : {-4.5, -1.0, -0.1, 0.0, 0.3, 2.0, 4.9}) {
        double v = 0;
        BOOST_REQUIRE(to_double(GiNaC::oracle_erf(exact(u)), v));
        BOOST_TEST(std::fabs(v - std::erf(u)) <= 4e-16, "erf(" << u << "): " << v << " vs " << std::erf(u));
    }
    double d = 0;
    BOOST_REQUIRE(to_double(GiNaC::oracle_erf(gx).diff(gx).subs(gx == 1), d));
    BOOST_TEST(std::fabs(d - 2 / std::sqrt(M_PI) * std::exp(-1.0)) <= 1e-15);
}

BOOST_AUTO_TEST_CASE(every_expression_agrees_with_ginac) {
    GiNaC::Digits = 50;
    const auto start = std::chrono::steady_clock::now();
    const std::vector<oracle::record> records = oracle::all_records();
    BOOST_TEST(records.size() == oracle::count);
    BOOST_TEST(records.size() >= std::size_t{ORACLE_MINIMUM});  // 500 in the suite, 64 under the sanitizers
    worst worst_compile, worst_run;
    std::size_t compared = 0, failures = 0;
    for (const oracle::record& r : records) {
        GiNaC::ex f;
        try {
            f = parse(r.ginac);
        } catch (const std::exception& e) {
            BOOST_ERROR("GiNaC cannot parse expression " << r.index << ": " << r.ginac << ": " << e.what());
            continue;
        }
        const GiNaC::ex fx = f.diff(gx);
        const GiNaC::ex forms[oracle::quantity_count] = {f, fx, f.diff(gy), fx.diff(gy), fx.diff(gx)};
        double reference[oracle::point_count][oracle::quantity_count];
        bool ok = true;
        for (std::size_t i = 0; i < oracle::point_count && ok; ++i) {
            const GiNaC::lst at{gx == exact(r.at[i][0]), gy == exact(r.at[i][1]), gz == exact(r.at[i][2])};
            for (std::size_t q = 0; q < oracle::quantity_count && ok; ++q) {
                if (!to_double(forms[q].subs(at), reference[i][q])) {
                    BOOST_ERROR("GiNaC gives no real number for " << quantity_names[q] << " of " << describe(r, i));
                    ok = false;
                }
            }
        }
        if (!ok) continue;
        double largest_of_all = 0;
        for (const auto& row : reference)
            for (double g : row) largest_of_all = std::max(largest_of_all, std::fabs(g));
        for (std::size_t q = 0; q < oracle::quantity_count; ++q) {
            double largest = 0;
            for (std::size_t i = 0; i < oracle::point_count; ++i)
                largest = std::max(largest, std::fabs(reference[i][q]));
            // (An expression that vanishes with its derivatives at all four
            // points is 0 in disguise, -y + log2(2^y): its terms, at most 10^3
            // as the generator draws them, cancel in double to about 1e-17, and
            // the floor is 10^-3, so that up to 10^-12 counts as 0.)
            const double floor =
                largest_of_all < 1e-30 ? 1e-3 : std::max({1e-3 * largest, 1e-4 * largest_of_all, 1e-20});
            for (std::size_t i = 0; i < oracle::point_count; ++i) {
                const double g = reference[i][q];
                const double scale = std::max(std::fabs(g), floor);
                for (int mode = 0; mode < 2; ++mode) {
                    const double c = mode == 0 ? r.at_compile_time[i][q] : r.at_run_time[i][q];
                    const double difference = std::isfinite(c) ? std::fabs(c - g) / scale : HUGE_VAL;
                    ++compared;
                    worst& w = mode == 0 ? worst_compile : worst_run;
                    std::ostringstream where;
                    where.precision(17);
                    where << quantity_names[q] << " of " << describe(r, i) << "\n  chainrule "
                          << (mode == 0 ? "in constant evaluation " : "at run time ") << c << ", GiNaC " << g;
                    if (difference > w.difference) w = {difference, where.str()};
                    if (!(difference <= tolerance)) {
                        ++failures;
                        BOOST_ERROR("chainrule and GiNaC differ by " << difference
                                                                     << " (relative, floored): " << where.str());
                    }
                }
            }
        }
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "oracle: seed " << oracle::seed << ", " << records.size() << " expressions, " << compared
              << " comparisons (" << oracle::point_count << " points, " << oracle::quantity_count
              << " quantities, constant evaluation and run time), " << failures << " beyond " << tolerance << ", "
              << seconds << " s\n  worst in constant evaluation " << worst_compile.difference << ": "
              << worst_compile.where << "\n  worst at run time " << worst_run.difference << ": " << worst_run.where
              << "\n";
}
