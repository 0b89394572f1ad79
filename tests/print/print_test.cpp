// The printed forms, checked by the compiler, and operator<<.
#include <boost/test/unit_test.hpp>

#include <chainrule.hpp>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>

using namespace chainrule;

// The example: the chain rule's result, printed at compile time.
static_assert(to_text<D<Pow<Add<Mul<Int<2>, X>, Int<1>>, Int<3>>>>() == "6*(2*x + 1)^2");
static_assert(to_latex<D<Pow<Add<Mul<Int<2>, X>, Int<1>>, Int<3>>>>() == "6 \\left(2 x + 1\\right)^{2}");
static_assert(to_cpp<D<Pow<Add<Mul<Int<2>, X>, Int<1>>, Int<3>>>>() == "6*std::pow(2*x + 1, 2)");

// Subtraction, division, rationals.
static_assert(to_text<Sub<X, Y>>() == "x - y");
static_assert(to_text<Sub<Y, X>>() == "y - x");
static_assert(to_text<Neg<X>>() == "-x");
static_assert(to_text<Sub<Neg<X>, Int<1>>>() == "-x - 1");
static_assert(to_text<Pow<X, Int<-2>>>() == "1/x^2");
static_assert(to_text<Div<X, Mul<Int<2>, Y>>>() == "x/(2*y)");
static_assert(to_text<Rational<4, 5>>() == "4/5");
static_assert(to_text<Rational<-4, 5>>() == "-4/5");
static_assert(to_text<Mul<Rational<3, 2>, X>>() == "3*x/2");
static_assert(to_text<Sub<X, Rational<4, 5>>>() == "x - 4/5");
static_assert(to_latex<Rational<4, 5>>() == "\\frac{4}{5}");
static_assert(to_latex<Div<Int<2>, Add<X, Int<1>>>>() == "\\frac{2}{x + 1}");
static_assert(to_cpp<Rational<4, 5>>() == "4.0/5");

// Precedence and associativity: parentheses only where needed.
static_assert(to_text<Mul<X, Add<X, Y>>>() == "x*(x + y)");
static_assert(to_text<Pow<Add<X, Int<1>>, Int<2>>>() == "(x + 1)^2");
static_assert(to_text<Pow<X, Y>>() == "x^y");
static_assert(to_text<Pow<X, Add<Y, Int<1>>>>() == "x^(y + 1)");
static_assert(to_text<Pow<Int<-2>, X>>() == "(-2)^x");
static_assert(to_text<Pow<X, Rational<3, 2>>>() == "x^(3/2)");
static_assert(to_text<Pow<X, Rational<1, 2>>>() == "sqrt(x)");
static_assert(to_text<Pow<Pow<X, Int<2>>, Y>>() == "(x^2)^y");
static_assert(to_text<Add<Pow<X, Int<2>>, Int<5>>>() == "x^2 + 5");

// Functions through their tags: sigma, exp, relu, \sin, \operatorname{relu}.
static_assert(to_text<Sigmoid<X>>() == "sigma(x)");
static_assert(to_text<D<Sigmoid<X>>>() == "sigma(x)*(1 - sigma(x))");
static_assert(to_text<Exp<Pow<X, Int<2>>>>() == "exp(x^2)");
static_assert(to_text<Relu<X>>() == "relu(x)");
static_assert(to_latex<Exp<Pow<X, Int<2>>>>() == "e^{x^{2}}");
static_assert(to_latex<Sigmoid<X>>() == "\\sigma\\left(x\\right)");
static_assert(to_latex<Sin<X>>() == "\\sin\\left(x\\right)");
static_assert(to_latex<Relu<X>>() == "\\operatorname{relu}\\left(x\\right)");
static_assert(to_latex<Sqrt<X>>() == "\\sqrt{x}");
static_assert(to_latex<Pow<Exp<X>, Int<2>>>() == "\\left(e^{x}\\right)^{2}");
static_assert(to_latex<Log<X>>() == "\\ln\\left(x\\right)");
static_assert(to_cpp<Sigmoid<X>>() == "chainrule::sigmoid_fn::eval(x)");
static_assert(to_cpp<Exp<Int<2>>>() == "std::exp(2.0)");

// Variables: w1 is w_{1}, Greek names are letters.
static_assert(to_text<Var<"w1">>() == "w1");
static_assert(to_latex<Var<"w1">>() == "w_{1}");
static_assert(to_latex<Var<"theta">>() == "\\theta");
static_assert(to_latex<Var<"lr">>() == "\\mathit{lr}");
static_assert(to_mathml<Var<"w1">>() == "<math><mrow><msub><mi>w</mi><mn>1</mn></msub></mrow></math>");
static_assert(to_mathml<Sigmoid<X>>() ==
              "<math><mrow><mi>&#x3C3;</mi><mo>&#x2061;</mo><mrow><mo>(</mo><mi>x</mi><mo>)</mo></mrow></mrow></math>");
static_assert(to_mathml<Div<X, Int<2>>>() ==
              "<math><mrow><mfrac><mrow><mi>x</mi></mrow><mrow><mn>2</mn></mrow></mfrac></mrow></math>");

// Indexed variables (issue 9): w[1][2] in text and C++, w_{1,2} in LaTeX.
static_assert(to_text<Var<"w", 1, 2>>() == "w[1][2]");
static_assert(to_cpp<Var<"w", 1, 2>>() == "w[1][2]");
static_assert(to_latex<Var<"w", 1, 2>>() == "w_{1,2}");
static_assert(to_latex<Var<"theta", 3>>() == "\\theta_{3}");
static_assert(to_mathml<Var<"w", 1, 2>>() ==
              "<math><mrow><msub><mi>w</mi><mrow><mn>1</mn><mo>,</mo><mn>2</mn></mrow></msub></mrow></math>");
static_assert(to_text<Add<Mul<Var<"w", 0>, Var<"x", 0>>, Mul<Var<"w", 1>, Var<"x", 1>>>>() == "w[0]*x[0] + w[1]*x[1]");

// Functions of no and of two arguments (issue 11).
static_assert(to_text<Mul<Int<2>, Pi>>() == "2*pi");
static_assert(to_latex<Mul<Int<2>, Pi>>() == "2 \\pi");
static_assert(to_text<Atan2<Y, X>>() == "atan2(y, x)");
static_assert(to_latex<Atan2<Y, X>>() == "\\operatorname{atan2}\\left(y, x\\right)");
static_assert(to_cpp<Atan2<Y, Int<2>>>() == "chainrule::atan2_fn::eval(y, (2.0))");

// A sum of more than 256 terms prints on both compilers (no fold over the terms).
template <std::size_t... I>
auto weighted_sum(std::index_sequence<I...>) -> Add<Mul<Var<"w", I>, Var<"x", I>>...>;
static_assert(to_text<decltype(weighted_sum(std::make_index_sequence<300>{}))>().size() ==
              4577);  // 3,680 characters of terms, 299 " + "

// The string type: exact size, comparisons both ways.
static_assert(to_text<X>().size() == 1 && decltype(to_text<X>())::capacity() == 1);
static_assert("x - y" == to_text<Sub<X, Y>>());
static_assert(to_text<X>() != "y");
static_assert(to_text<X>() == std::string_view("x"));

BOOST_AUTO_TEST_CASE(operator_shift_prints_text) {
    std::ostringstream out;
    out << D<Sigmoid<X>>{} << " | " << d(pow<3>(X{} * int_c<2> + int_c<1>), X{});
    BOOST_TEST(out.str() == "sigma(x)*(1 - sigma(x)) | 6*(2*x + 1)^2");
}

BOOST_AUTO_TEST_CASE(converts_to_standard_strings) {
    const std::string s = to_text<Sub<X, Y>>();
    const auto latex = to_latex<Var<"w1">>();
    const std::string_view v = latex;
    BOOST_TEST(s == "x - y");
    BOOST_TEST(v == "w_{1}");
    std::ostringstream out;
    out << to_text<Pow<X, Int<-2>>>();
    BOOST_TEST(out.str() == "1/x^2");
}
