// The oracle's chainrule side: each generated expression, its first
// derivatives by x and y, its mixed second derivative and its second
// derivative by x, at four points, computed once in constant evaluation and
// once at run time. The generated parts (generate.cpp) fill records; the
// test (oracle_test.cpp) compares them with GiNaC. GiNaC is not included
// here, so the parts compile with chainrule alone.
#pragma once

#include "record.hpp"

#include <chainrule.hpp>

#include <array>
#include <cstddef>

namespace oracle {

inline points at_run_time(const points& p) {
    points q = p;
    for (auto& row : q)
        for (auto& c : row) c *= run_time_one;
    return q;
}

template <class P>
constexpr chainrule::point_t<chainrule::binding<chainrule::X, double>, chainrule::binding<chainrule::Y, double>,
                             chainrule::binding<chainrule::Z, double>>
point_at(const P& p) {
    using namespace chainrule;
    return point(at<X>(p[0]), at<Y>(p[1]), at<Z>(p[2]));
}

/// The type-level spelling: eval of D<E, X>, D<D<E, X>, Y>, D<E, X, 2>.
template <class E>
constexpr values type_form(const points& ps) {
    using namespace chainrule;
    values v{};
    for (std::size_t i = 0; i < point_count; ++i) {
        const auto p = point_at(ps[i]);
        v[i] = {eval<E>(p), eval<D<E, X>>(p), eval<D<E, Y>>(p), eval<D<D<E, X>, Y>>(p), eval<D<E, X, 2>>(p)};
    }
    return v;
}

/// The value-level spelling: f(p), d(f, x)(p), d(d(f, x), y)(p), d<2>(f, x)(p).
template <class F>
constexpr values value_form(F f, const points& ps) {
    using namespace chainrule;
    constexpr X x{};
    constexpr Y y{};
    values v{};
    for (std::size_t i = 0; i < point_count; ++i) {
        const auto p = point_at(ps[i]);
        v[i] = {f(p), d(f, x)(p), d(f, y)(p), d(d(f, x), y)(p), d<2>(f, x)(p)};
    }
    return v;
}

}  // namespace oracle
