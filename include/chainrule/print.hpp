#pragma once

#include "chainrule/detail/names.hpp"
#include "chainrule/expression.hpp"

#include <cstddef>
#include <initializer_list>
#include <iosfwd>
#include <string>
#include <string_view>
#include <type_traits>

// Printing an expression, at compile time, in four notations:
//
//   to_text<E>()    6*(2*x + 1)^2                  parses back in a CAS, ^ is power
//   to_latex<E>()   6 \left(2 x + 1\right)^{2}
//   to_mathml<E>()  <math><mrow><mn>6</mn>...</mrow></math>
//   to_cpp<E>()     6*std::pow(2*x + 1, 2)         a C++ expression of the variables
//
// Each returns a fixed_string, so the printed form can be checked by
// static_assert; std::cout << e prints to_text of an expression value e.
//
// The notation is the conventional one: as few parentheses as precedence and
// associativity allow; a term with a negative coefficient is subtracted
// (x - y); a negative constant power is a division (1/x^2); the constant term
// of a sum comes last (2*x + 1) unless every other term is subtracted
// (1 - sigma(x)).
//
// How a function is printed is up to its tag (functions/function.hpp), through
// optional static members, each a const char*:
//   text     the name in text, to_text: sigmoid_fn::text = "sigma" (default: name)
//   latex    the LaTeX: "\\sin" (an operator name), or a template where # stands
//            for the argument: exp_fn::latex = "e^{#}" (default: \operatorname{name})
//   mathml   the MathML, the same way: "<mi>sin</mi>" or "<msqrt>#</msqrt>"
//            (default: from latex when it is a Greek letter or an operator name)
//   cpp      the C++ function to call: "std::exp" (default, for chainrule's own
//            tags only: chainrule::<name>_fn::eval; a tag of yours without
//            cpp cannot be printed by to_cpp, and says so)

// Whether a tag is one of chainrule's, told by argument-dependent lookup: the
// probe below is called from outside namespace chainrule, where ordinary
// lookup finds only the fallback, so the overload of namespace chainrule is
// seen only for a type of that namespace. (Not by its name or type_info,
// which would be the compiler's choice.)
namespace chainrule {
template <class Fn>
constexpr bool chainrule_namespace_probe(const Fn*) {
    return true;
}
}  // namespace chainrule
namespace chainrule_adl::detail {
constexpr bool chainrule_namespace_probe(const void*) { return false; }
template <class Fn>
inline constexpr bool in_chainrule_namespace = chainrule_namespace_probe(static_cast<const Fn*>(nullptr));
}  // namespace chainrule_adl::detail

namespace chainrule {

namespace detail {
// Not constexpr: reached in a constant expression, it stops the compilation
// there, with this name in the message.
inline void fixed_string_capacity_exceeded() {}
}  // namespace detail

/// A string of at most N characters, usable in constant expressions: what
/// to_text<E>() and the other printers return. It compares with string
/// literals and std::string_view, and converts to std::string_view and
/// std::string.
template <std::size_t N>
struct fixed_string {
    char chars[N + 1]{};
    std::size_t length = 0;

    static constexpr std::size_t capacity() { return N; }
    constexpr std::size_t size() const { return length; }
    constexpr bool empty() const { return length == 0; }
    constexpr const char* data() const { return chars; }
    constexpr const char* c_str() const { return chars; }
    constexpr const char* begin() const { return chars; }
    constexpr const char* end() const { return chars + length; }
    constexpr char operator[](std::size_t i) const { return chars[i]; }

    constexpr std::string_view view() const { return {chars, length}; }
    constexpr operator std::string_view() const { return view(); }
    operator std::string() const { return std::string(chars, length); }

    /// Appends a character or a string. Beyond the capacity nothing is
    /// written, and in a constant expression that is a compile error.
    constexpr void append(char c) {
        if (length < N) chars[length++] = c;
        else if (std::is_constant_evaluated()) detail::fixed_string_capacity_exceeded();
    }
    constexpr void append(std::string_view s) {
        for (char c : s) append(c);
    }

    template <std::size_t M>
    friend constexpr bool operator==(const fixed_string& a, const fixed_string<M>& b) {
        return a.view() == b.view();
    }
    friend constexpr bool operator==(const fixed_string& a, std::string_view b) { return a.view() == b; }
    template <std::size_t M>
    friend constexpr bool operator==(const fixed_string& a, const char (&b)[M]) {
        return a.view() == std::string_view(b, M - 1);
    }

    template <class CharT, class Traits>
    friend std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os, const fixed_string& s) {
        return os.write(s.chars, static_cast<std::streamsize>(s.length));
    }
};

namespace detail {

enum class notation { text, latex, mathml, cpp };

constexpr std::size_t length_of(const char* s) {
    std::size_t n = 0;
    while (s[n] != '\0') ++n;
    return n;
}

// By index, not string_view::find: libstdc++'s find tests the pointer it
// gets for null, which g++ cannot decide during constant evaluation for a
// static object under -fno-delete-null-pointer-checks (as -fsanitize=null
// implies), so the page would not compile there.
constexpr bool contains(std::string_view s, char c) {
    for (char x : s)
        if (x == c) return true;
    return false;
}
constexpr bool contains(std::string_view s, std::string_view t) {
    for (std::size_t i = 0; i + t.size() <= s.size(); ++i)
        if (s.substr(i, t.size()) == t) return true;
    return false;
}

// Where the argument goes in a function's template: the first # that is not
// part of a character reference (&#x3C3;) or an escape (\#); npos for a name.
constexpr std::size_t find_hole(std::string_view form) {
    for (std::size_t i = 0; i < form.size(); ++i)
        if (form[i] == '#' && (i == 0 || (form[i - 1] != '&' && form[i - 1] != '\\'))) return i;
    return std::string_view::npos;
}

// Digits of |n| (n may be LLONG_MIN).
constexpr fixed_string<20> digits_of(long long n) {
    char digits[20]{};
    const std::size_t k = write_decimal(magnitude_of(n), digits);
    fixed_string<20> out;
    for (std::size_t i = 0; i < k; ++i) out.append(digits[i]);
    return out;
}

constexpr long long magnitude(long long n) { return n < 0 ? -n : n; }

// Lower-case Greek letters: the LaTeX command's name and the character as an
// HTML numeric reference (MathML is written in ASCII).
struct greek_letter {
    const char* name;
    const char* entity;
};
inline constexpr greek_letter greek_letters[] = {
    {"alpha", "&#x3B1;"},  {"beta", "&#x3B2;"},  {"gamma", "&#x3B3;"}, {"delta", "&#x3B4;"},   {"epsilon", "&#x3B5;"},
    {"zeta", "&#x3B6;"},   {"eta", "&#x3B7;"},   {"theta", "&#x3B8;"}, {"iota", "&#x3B9;"},    {"kappa", "&#x3BA;"},
    {"lambda", "&#x3BB;"}, {"mu", "&#x3BC;"},    {"nu", "&#x3BD;"},    {"xi", "&#x3BE;"},      {"pi", "&#x3C0;"},
    {"rho", "&#x3C1;"},    {"sigma", "&#x3C3;"}, {"tau", "&#x3C4;"},   {"upsilon", "&#x3C5;"}, {"phi", "&#x3C6;"},
    {"chi", "&#x3C7;"},    {"psi", "&#x3C8;"},   {"omega", "&#x3C9;"},
};
constexpr const char* greek_entity(std::string_view name) {
    for (const auto& g : greek_letters)
        if (name == g.name) return g.entity;
    return nullptr;
}

// Characters that MathML (XML) and LaTeX cannot take as they are.
template <std::size_t N>
constexpr void append_escaped(fixed_string<N>& out, std::string_view s, notation how) {
    for (char c : s) {
        if (how == notation::mathml) {
            if (c == '<') out.append("&lt;");
            else if (c == '>') out.append("&gt;");
            else if (c == '&') out.append("&amp;");
            else out.append(c);
        } else if (how == notation::latex &&
                   (c == '_' || c == '#' || c == '$' || c == '%' || c == '&' || c == '{' || c == '}')) {
            out.append('\\');
            out.append(c);
        } else {
            out.append(c);
        }
    }
}

// The longest printed variable name: 15 characters, escaped and marked up.
inline constexpr std::size_t variable_capacity = 128;

// How a variable is printed, in every notation: the one place that reads a
// variable's name. A name of letters then digits has the digits as a
// subscript in LaTeX and MathML (w1 is w_{1}); a Greek letter's name is the
// letter (theta is \theta).
template <notation How>
constexpr fixed_string<variable_capacity> print_variable(const var_name& name) {
    const std::string_view all(name.c_str());
    std::size_t split = all.size();
    if (name.rank == 0) {  // w1 prints as w_{1}; an indexed w[1][2] keeps its name whole
        while (split > 0 && all[split - 1] >= '0' && all[split - 1] <= '9') --split;
        if (split == 0) split = all.size();  // all digits: no subscript
    }
    const std::string_view letters = all.substr(0, split), index = all.substr(split);
    const bool subscript = !index.empty() || name.rank > 0;
    // the indices of w[1][2]: "1,2" (LaTeX) or <mn>1</mn><mo>,</mo><mn>2</mn> (MathML)
    auto put_indices = [&](fixed_string<variable_capacity>& out) {
        for (std::size_t k = 0; k < name.rank; ++k) {
            if (k > 0) out.append(How == notation::mathml ? "<mo>,</mo>" : ",");
            if (How == notation::mathml) out.append("<mn>");
            out.append(digits_of(static_cast<long long>(name.indices[k])).view());
            if (How == notation::mathml) out.append("</mn>");
        }
    };
    fixed_string<variable_capacity> out;
    if constexpr (How == notation::text || How == notation::cpp) {
        out.append(text_of(name).c_str());  // w, w1, w[1][2]
    } else if constexpr (How == notation::latex) {
        if (greek_entity(letters) != nullptr) {
            out.append('\\');
            out.append(letters);
        } else if (letters.size() > 1) {
            out.append("\\mathit{");
            append_escaped(out, letters, How);
            out.append('}');
        } else {
            append_escaped(out, letters, How);
        }
        if (subscript) {
            out.append("_{");
            out.append(index);
            put_indices(out);
            out.append('}');
        }
    } else {
        if (subscript) out.append("<msub>");
        out.append("<mi>");
        if (const char* entity = greek_entity(letters)) out.append(entity);
        else append_escaped(out, letters, How);
        out.append("</mi>");
        if (!index.empty()) {
            out.append("<mn>");
            out.append(index);
            out.append("</mn></msub>");
        } else if (name.rank > 0) {
            out.append("<mrow>");
            put_indices(out);
            out.append("</mrow></msub>");
        }
    }
    return out;
}

// ------------------------------------------------------------- precedence
// How tightly a printed expression holds together: a parent puts parentheses
// around a child that binds less tightly than the parent's operator needs.
enum precedence : int { sum_level = 1, product_level = 2, power_level = 3, atom_level = 4 };

template <std::size_t N>
struct rendering {
    fixed_string<N> str;
    int level = atom_level;
};

// Room for a node's own symbols (signs, parentheses, digits of constants,
// MathML tags) on top of what its children print.
inline constexpr std::size_t node_overhead = 160;

template <class E, notation How>
struct render;

/// The rendering of E, computed once per type and notation. Each is a
/// constant evaluation of its own, which only concatenates its children's.
template <class E, notation How>
inline constexpr auto rendered = render<E, How>::value();

template <class E, notation How>
inline constexpr std::size_t rendered_size = rendered<E, How>.str.size();

// ------------------------------------------------------- function members

template <class Fn>
constexpr const char* function_text() {
    if constexpr (requires { Fn::text; }) return Fn::text;
    else return Fn::name;
}

template <class Fn>
constexpr bool function_has_latex = requires {
    Fn::latex;
};
template <class Fn>
constexpr bool function_has_mathml = requires {
    Fn::mathml;
};
template <class Fn>
constexpr bool function_has_cpp = requires {
    Fn::cpp;
};

// The template of a function in a notation, # standing for the argument.
// A template without # is a name, followed by the argument in parentheses.
template <class Fn, notation How>
constexpr fixed_string<256> function_template() {
    fixed_string<256> out;
    if constexpr (How == notation::text) {
        out.append(function_text<Fn>());
    } else if constexpr (How == notation::latex) {
        if constexpr (function_has_latex<Fn>) {
            out.append(Fn::latex);
        } else {
            out.append("\\operatorname{");
            append_escaped(out, function_text<Fn>(), How);
            out.append('}');
        }
    } else if constexpr (How == notation::mathml) {
        if constexpr (function_has_mathml<Fn>) {
            out.append(Fn::mathml);
        } else {
            // From the LaTeX: \sigma is the letter, \sin and \operatorname{relu}
            // are names.
            std::string_view latex;
            if constexpr (function_has_latex<Fn>) latex = Fn::latex;
            std::string_view name = function_text<Fn>();
            if (latex.size() > 1 && latex[0] == '\\' && !contains(latex, '#') && !contains(latex, '{')) {
                name = latex.substr(1);
            } else if (latex.starts_with("\\operatorname{") && latex.ends_with('}')) {
                name = latex.substr(14, latex.size() - 15);
            }
            out.append("<mi>");
            if (const char* entity = greek_entity(name)) out.append(entity);
            else append_escaped(out, name, How);
            out.append("</mi>");
        }
    } else {
        if constexpr (function_has_cpp<Fn>) {
            out.append(Fn::cpp);
        } else {
            static_assert(chainrule_adl::detail::in_chainrule_namespace<Fn>,
                          "chainrule::to_cpp: a function tag of yours has no cpp member, so the code cannot name "
                          "the function; give the tag static constexpr const char* cpp = \"...\", the C++ "
                          "function to call with the argument(s), as exp_fn's is \"std::exp\"");
            out.append("chainrule::");
            out.append(Fn::name);
            out.append("_fn::eval");
        }
    }
    return out;
}

template <class Fn, notation How>
inline constexpr fixed_string<256> function_form = function_template<Fn, How>();

// ------------------------------------------------------------- leaf nodes

constexpr std::size_t total(std::initializer_list<std::size_t> sizes) {
    std::size_t n = 0;
    for (std::size_t k : sizes) n += k;
    return n;
}

template <std::size_t N, class Source>
constexpr void append_all(fixed_string<N>& out, const Source& s) {
    out.append(s.view());
}

template <std::size_t N, class Source>
constexpr void append_parenthesized(fixed_string<N>& out, const Source& s, notation how) {
    if (how == notation::latex) out.append("\\left(");
    else if (how == notation::mathml) out.append("<mrow><mo>(</mo>");
    else out.append('(');
    out.append(s.view());
    if (how == notation::latex) out.append("\\right)");
    else if (how == notation::mathml) out.append("<mo>)</mo></mrow>");
    else out.append(')');
}

template <std::size_t N>
constexpr void append_minus(fixed_string<N>& out, notation how) {
    if (how == notation::mathml) out.append("<mo>-</mo>");
    else out.append('-');
}

template <std::size_t N>
constexpr void append_number(fixed_string<N>& out, long long magnitude_value, notation how) {
    if (how == notation::mathml) out.append("<mn>");
    out.append(digits_of(magnitude_value).view());
    if (how == notation::mathml) out.append("</mn>");
}

// ---------------------------------------------------------------- products
// A product coefficient * factors, the coefficient P/Q given apart so that a
// sum can print a term's magnitude after its minus sign. Factors that are
// powers with a negative constant exponent go below the fraction bar.

template <class F>
struct denominator_factor : std::false_type {};
template <class B, class C>
    requires Constant<C>
struct denominator_factor<Power<B, C>> : std::bool_constant<(C::numerator < 0)> {
};

template <notation How, long long P, long long Q, class... Fs>
struct render_product;

// An exponent's printed form; 1/2 is a square root, written by the parent.
template <class E, notation How>
constexpr bool is_one_half = std::is_same<E, Ratio<1, 2>>::value;

// base^E for a constant or symbolic exponent E (E is not 0 or 1, nor negative
// constant: those are quotients).
template <class B, class E, notation How>
struct render_power {
    static constexpr std::size_t capacity = rendered_size<B, How> + rendered_size<E, How> + node_overhead;
    static constexpr rendering<capacity> value() {
        rendering<capacity> r;
        const auto& base = rendered<B, How>;
        const auto& exponent = rendered<E, How>;
        if constexpr (How == notation::cpp) {
            if constexpr (is_one_half<E, How>) {
                r.str.append("std::sqrt(");
                r.str.append(base.str.view());
                r.str.append(')');
            } else {
                r.str.append("std::pow(");
                r.str.append(base.str.view());
                r.str.append(", ");
                r.str.append(exponent.str.view());
                r.str.append(')');
            }
            r.level = atom_level;
        } else if constexpr (is_one_half<E, How>) {
            if constexpr (How == notation::text) {
                r.str.append("sqrt(");
                r.str.append(base.str.view());
                r.str.append(')');
            } else if constexpr (How == notation::latex) {
                r.str.append("\\sqrt{");
                r.str.append(base.str.view());
                r.str.append('}');
            } else {
                r.str.append("<msqrt>");
                r.str.append(base.str.view());
                r.str.append("</msqrt>");
            }
            r.level = atom_level;
        } else {
            const bool base_atomic = base.level >= atom_level;
            if constexpr (How == notation::mathml) r.str.append("<msup>");
            if (base_atomic) {
                if constexpr (How == notation::mathml) r.str.append("<mrow>");
                r.str.append(base.str.view());
                if constexpr (How == notation::mathml) r.str.append("</mrow>");
            } else {
                append_parenthesized(r.str, base.str, How);
            }
            if constexpr (How == notation::text) {
                r.str.append('^');
                // Integers and variables need no parentheses: x^2, 2^x.
                if (exponent.level >= atom_level && (Variable<E> || Constant<E>)) r.str.append(exponent.str.view());
                else append_parenthesized(r.str, exponent.str, How);
            } else if constexpr (How == notation::latex) {
                r.str.append("^{");
                r.str.append(exponent.str.view());
                r.str.append('}');
            } else {
                r.str.append("<mrow>");
                r.str.append(exponent.str.view());
                r.str.append("</mrow></msup>");
            }
            r.level = power_level;
        }
        return r;
    }
};

// The magnitude of a negative constant exponent C, for the denominator.
template <class C>
using negated_constant = constant_t<rational{-C::numerator, C::denominator}>;

// A factor's form in a product, with parentheses if it is a sum; bare() is
// the form without them, for a factor alone above or below a fraction bar.
template <class F, notation How>
struct factor_form {  // a factor above the bar
    static constexpr std::size_t capacity = rendered_size<F, How> + node_overhead;
    static constexpr fixed_string<capacity> value() {
        fixed_string<capacity> out;
        const auto& f = rendered<F, How>;
        if (f.level <= sum_level) append_parenthesized(out, f.str, How);
        else out.append(f.str.view());
        return out;
    }
};
template <class B, class C, notation How>
    requires Constant<C> &&
        (C::numerator < 0) struct factor_form<Power<B, C>, How> {  // a factor below the bar, as B^|C|
        using magnitude = negated_constant<C>;
        static constexpr std::size_t capacity =
            rendered_size<B, How> + rendered_size<magnitude, How> + 2 * node_overhead;
        static constexpr fixed_string<capacity> value() {
            fixed_string<capacity> out;
            if constexpr (std::is_same<magnitude, Int<1>>::value) {
                const auto& b = rendered<B, How>;
                if (b.level <= sum_level) append_parenthesized(out, b.str, How);
                else out.append(b.str.view());
            } else {
                const auto r = render_power<B, magnitude, How>::value();
                out.append(r.str.view());
            }
            return out;
        }
    };

    template <class F, notation How>
    inline constexpr auto factor_string = factor_form<F, How>::value();

    template <class F, notation How>
    constexpr std::string_view bare_factor() {
        if constexpr (!denominator_factor<F>::value) return rendered<F, How>.str.view();
        else if constexpr (std::is_same<typename factor_form<F, How>::magnitude, Int<1>>::value)
            return rendered<typename F::base, How>.str.view();
        else return factor_string<F, How>.view();
    }

    // Joins the items of one side of a fraction: 2*x*y, 2 x y, <mn>2</mn><mo>&#x2062;</mo>...
    template <std::size_t N>
    constexpr void append_times(fixed_string<N>& out, std::string_view next, notation how) {
        const bool digit_follows = !next.empty() && ((next[0] >= '0' && next[0] <= '9') || next.starts_with("<mn>"));
        if (how == notation::text || how == notation::cpp) out.append('*');
        else if (how == notation::latex) out.append(digit_follows ? " \\cdot " : " ");
        else out.append(digit_follows ? "<mo>&#xB7;</mo>" : "<mo>&#x2062;</mo>");
    }

    template <notation How, long long P, long long Q, class... Fs>
    struct render_product {
        static_assert(Q > 0, "chainrule::to_text<E>(): a product's coefficient has a positive denominator");
        // (sums over arrays, not folds: Clang refuses folds over 256 operands)
        static constexpr std::size_t capacity =
            total({std::size_t{0}, factor_string<Fs, How>.size()...}) + (sizeof...(Fs) + 2) * node_overhead;
        static constexpr std::size_t below = total({std::size_t{0}, std::size_t(denominator_factor<Fs>::value)...});
        static constexpr std::size_t above = sizeof...(Fs) - below;

        static constexpr rendering<capacity> value() {
            rendering<capacity> r;
            // Above the bar: |P| unless it is a 1 with factors after it; then the factors.
            fixed_string<capacity> top, bottom;
            std::size_t top_items = 0, bottom_items = 0;
            if (magnitude(P) != 1 || above == 0) {
                append_number(top, magnitude(P), How);
                if (How == notation::cpp && above == 0 && below == 0 && Q != 1) top.append(".0");
                ++top_items;
            }
            if (Q != 1) {
                append_number(bottom, Q, How);
                ++bottom_items;
            }
            int top_level = atom_level;  // the level of a lone item above the bar
            // In LaTeX and MathML the bar groups its sides: a lone sum above or
            // below it needs no parentheses.
            std::string_view top_bare, bottom_bare;
            auto place = [&](bool is_below, std::string_view s, std::string_view bare, int level) {
                fixed_string<capacity>& side = is_below ? bottom : top;
                std::size_t& count = is_below ? bottom_items : top_items;
                if (count > 0) append_times(side, s, How);
                side.append(s);
                ++count;
                if (is_below) bottom_bare = bare;
                else top_bare = bare, top_level = level;
            };
            (place(denominator_factor<Fs>::value, factor_string<Fs, How>.view(), bare_factor<Fs, How>(),
                   factor_level<Fs>()),
             ...);
            (void)place;  // no factors: a constant
            if constexpr (How == notation::latex || How == notation::mathml) {
                if (top_items == 1 && !top_bare.empty()) top = {}, top.append(top_bare);
                if (bottom_items == 1 && !bottom_bare.empty()) bottom = {}, bottom.append(bottom_bare);
            }

            if (P < 0) append_minus(r.str, How);
            if (bottom_items == 0) {
                r.str.append(top.view());
                r.level = (P < 0 || top_items > 1) ? product_level : top_level;
            } else if constexpr (How == notation::latex) {
                r.str.append("\\frac{");
                r.str.append(top.view());
                r.str.append("}{");
                r.str.append(bottom.view());
                r.str.append('}');
                r.level = product_level;
            } else if constexpr (How == notation::mathml) {
                r.str.append("<mfrac><mrow>");
                r.str.append(top.view());
                r.str.append("</mrow><mrow>");
                r.str.append(bottom.view());
                r.str.append("</mrow></mfrac>");
                r.level = product_level;
            } else {
                r.str.append(top.view());
                r.str.append('/');
                if (bottom_items > 1) append_parenthesized(r.str, bottom, How);
                else r.str.append(bottom.view());
                r.level = product_level;
            }
            return r;
        }
        // A factor above the bar keeps its level (a sum is in parentheses).
        template <class F>
        static constexpr int factor_level() {
            if constexpr (denominator_factor<F>::value) return atom_level;
            else return rendered<F, How>.level <= sum_level ? atom_level : rendered<F, How>.level;
        }
    };

    // ------------------------------------------------------------------- sums
    // Terms print in the canonical order with the constant moved last (2*x + 1),
    // except that the first term added comes first when the sum would otherwise
    // open with a minus (y - x, 1 - sigma(x)).

    template <class T>
    struct term_sign {  // the coefficient's sign, the term seen as coefficient * rest
        static constexpr bool negative = false;
    };
    template <long long N>
    struct term_sign<Int<N>> {
        static constexpr bool negative = N < 0;
    };
    template <long long P, long long Q>
    struct term_sign<Ratio<P, Q>> {
        static constexpr bool negative = P < 0;
    };
    template <class C, class... Fs>
        requires Constant<C>
    struct term_sign<Product<C, Fs...>> {
        static constexpr bool negative = C::numerator < 0;
    };

    // A term's magnitude, printed.
    template <class T, notation How>
    struct term_magnitude {
        static constexpr auto value() { return rendered<T, How>; }
    };
    template <long long N, notation How>
        requires(N < 0)
    struct term_magnitude<Int<N>, How> {
        static constexpr auto value() { return render_product<How, -N, 1>::value(); }
    };
    template <long long P, long long Q, notation How>
        requires(P < 0)
    struct term_magnitude<Ratio<P, Q>, How> {
        static constexpr auto value() { return render_product<How, -P, Q>::value(); }
    };
    template <class C, class... Fs, notation How>
        requires Constant<C> &&(C::numerator < 0) struct term_magnitude<Product<C, Fs...>, How> {
            static constexpr auto value() { return render_product<How, -C::numerator, C::denominator, Fs...>::value(); }
        };

        template <class T, notation How>
        inline constexpr auto term_string = term_magnitude<T, How>::value();

        template <notation How, class... Ts>
        struct render_sum {
            static constexpr std::size_t capacity =
                total({std::size_t{0}, term_string<Ts, How>.str.size()...}) + (sizeof...(Ts) + 1) * node_overhead;

            static constexpr rendering<capacity> value() {
                rendering<capacity> r;
                constexpr std::size_t n = sizeof...(Ts);
                const std::string_view terms[] = {term_string<Ts, How>.str.view()...};
                constexpr bool negative[] = {term_sign<Ts>::negative...};
                constexpr bool constant[] = {Constant<Ts>...};
                // The order: the terms that are not constants, then the constant.
                std::size_t order[n]{};
                std::size_t k = 0;
                for (std::size_t i = 0; i < n; ++i)
                    if (!constant[i]) order[k++] = i;
                for (std::size_t i = 0; i < n; ++i)
                    if (constant[i]) order[k++] = i;
                // A sum does not open with a minus if it has a term to add.
                std::size_t lead = 0;
                while (lead < n && negative[order[lead]]) ++lead;
                if (lead == n) lead = 0;
                bool first = true;
                auto put = [&](std::size_t i) {
                    if (first) {
                        if (negative[i]) append_minus(r.str, How);
                    } else if constexpr (How == notation::mathml) {
                        r.str.append(negative[i] ? "<mo>-</mo>" : "<mo>+</mo>");
                    } else {
                        r.str.append(negative[i] ? " - " : " + ");
                    }
                    r.str.append(terms[i]);
                    first = false;
                };
                put(order[lead]);
                for (std::size_t j = 0; j < n; ++j)
                    if (j != lead) put(order[j]);
                r.level = sum_level;
                return r;
            }
        };

        // -------------------------------------------------------------- the nodes
        // One specialisation per node kind of expression.hpp; anything else stops
        // at the static_assert of the primary template.

        template <class E, notation How>
        struct render {
            static_assert(
                sizeof(E) == 0,
                "chainrule::to_text<E>() (and to_latex, to_mathml, to_cpp): E is a node kind the printer does "
                "not handle; it prints Int, Ratio, Var, Sum, Product, Power and Call");
            static constexpr rendering<1> value() { return {}; }
        };

        template <long long N, notation How>
        struct render<Int<N>, How> {
            static constexpr rendering<64> value() {
                rendering<64> r;
                if (N < 0) append_minus(r.str, How);
                append_number(r.str, N, How);
                r.level = N < 0 ? product_level : atom_level;
                return r;
            }
        };

        template <long long P, long long Q, notation How>
        struct render<Ratio<P, Q>, How> {
            static constexpr auto value() { return render_product<How, P, Q>::value(); }
        };

        template <var_name Name, std::size_t... I, notation How>
        struct render<Var<Name, I...>, How> {
            static constexpr rendering<variable_capacity> value() {
                return {print_variable<How>(Var<Name, I...>::name), atom_level};
            }
        };

        template <class... Ts, notation How>
        struct render<Sum<Ts...>, How> {
            static constexpr auto value() { return render_sum<How, Ts...>::value(); }
        };

        template <class... Fs, notation How>
        struct render<Product<Fs...>, How> {
            static constexpr auto value() { return render_product<How, 1, 1, Fs...>::value(); }
        };
        template <class C, class... Fs, notation How>
            requires Constant<C>
        struct render<Product<C, Fs...>, How> {
            static constexpr auto value() { return render_product<How, C::numerator, C::denominator, Fs...>::value(); }
        };

        template <class B, class E, notation How>
        struct render<Power<B, E>, How> {
            static constexpr auto value() {
                if constexpr (denominator_factor<Power<B, E>>::value)
                    return render_product<How, 1, 1, Power<B, E>>::value();
                else return render_power<B, E, How>::value();
            }
        };

        // A named constant (a function of no arguments, Pi): its name.
        template <class Fn, notation How>
        struct render<Call<Fn>, How> {
            static constexpr rendering<256> value() {
                rendering<256> r;
                r.str.append(function_form<Fn, How>.view());
                if constexpr (How == notation::cpp && !function_has_cpp<Fn>) r.str.append("<double>()");
                r.level = atom_level;
                return r;
            }
        };

        // A function of two arguments: atan2(y, x).
        template <class Fn, class A, class B, notation How>
        struct render<Call<Fn, A, B>, How> {
            static constexpr std::size_t capacity = rendered_size<A, How> + rendered_size<B, How> + 256 + node_overhead;
            template <class C>
            static constexpr void argument(fixed_string<capacity>& out) {
                if constexpr (How == notation::cpp && Constant<C>) {  // in double, as for one argument
                    out.append('(');
                    if (C::numerator < 0) out.append('-');
                    out.append(digits_of(C::numerator).view());
                    out.append(".0");
                    if (C::denominator != 1) {
                        out.append('/');
                        out.append(digits_of(C::denominator).view());
                    }
                    out.append(')');
                } else {
                    out.append(rendered<C, How>.str.view());
                }
            }
            static constexpr rendering<capacity> value() {
                rendering<capacity> r;
                r.str.append(function_form<Fn, How>.view());
                if constexpr (How == notation::mathml) r.str.append("<mo>&#x2061;</mo><mrow><mo>(</mo>");
                else if constexpr (How == notation::latex) r.str.append("\\left(");
                else r.str.append('(');
                argument<A>(r.str);
                r.str.append(How == notation::mathml ? "<mo>,</mo>" : ", ");
                argument<B>(r.str);
                if constexpr (How == notation::mathml) r.str.append("<mo>)</mo></mrow>");
                else if constexpr (How == notation::latex) r.str.append("\\right)");
                else r.str.append(')');
                r.level = atom_level;
                return r;
            }
        };

        template <class Fn, class A, notation How>
        struct render<Call<Fn, A>, How> {
            static constexpr std::size_t capacity = rendered_size<A, How> + 256 + node_overhead;
            static constexpr rendering<capacity> value() {
                rendering<capacity> r;
                const std::string_view form = function_form<Fn, How>.view();
                const auto& argument = rendered<A, How>;
                const std::size_t hole = find_hole(form);
                if (hole != std::string_view::npos) {  // a template: e^{#}, \sqrt{#}
                    r.str.append(form.substr(0, hole));
                    r.str.append(argument.str.view());
                    r.str.append(form.substr(hole + 1));
                    // e^{x} as a base needs parentheses; \sqrt{x} does not.
                    r.level =
                        contains(form, '^') || contains(form, std::string_view("msup")) ? power_level : atom_level;
                    return r;
                }
                r.str.append(form);
                if constexpr (How == notation::mathml) r.str.append("<mo>&#x2061;</mo>");
                if constexpr (How == notation::cpp && Constant<A>) {
                    // A constant argument is written as a double, so that the call
                    // computes in double: chainrule::sigmoid_fn::eval(2.0).
                    r.str.append('(');
                    if (A::numerator < 0) r.str.append('-');
                    r.str.append(digits_of(A::numerator).view());
                    r.str.append(".0");
                    if (A::denominator != 1) {
                        r.str.append('/');
                        r.str.append(digits_of(A::denominator).view());
                    }
                    r.str.append(')');
                } else {
                    append_parenthesized(r.str, argument.str, How);
                }
                r.level = atom_level;
                return r;
            }
        };

        // The exact-size string of a rendering.
        template <class E, notation How>
        constexpr auto exact() {
            constexpr auto& r = rendered<E, How>;
            fixed_string<r.str.size()> out;
            out.append(r.str.view());
            return out;
        }

}  // namespace detail

/// E in plain text, parsable by a computer algebra system: "6*(2*x + 1)^2".
template <Expression E>
constexpr auto to_text() {
    return detail::exact<E, detail::notation::text>();
}

/// E in LaTeX: "6 \left(2 x + 1\right)^{2}".
template <Expression E>
constexpr auto to_latex() {
    return detail::exact<E, detail::notation::latex>();
}

/// E in MathML, a complete <math> element.
template <Expression E>
constexpr auto to_mathml() {
    constexpr auto& r = detail::rendered<E, detail::notation::mathml>;
    constexpr std::string_view open = "<math><mrow>", close = "</mrow></math>";
    fixed_string<r.str.size() + open.size() + close.size()> out;
    out.append(open);
    out.append(r.str.view());
    out.append(close);
    return out;
}

/// E as a C++ expression of its variables (in scope as double variables of
/// the same names) that computes E's value: "6*std::pow(2*x + 1, 2)". It uses
/// <cmath> and, for functions without a standard counterpart, chainrule.
template <Expression E>
constexpr auto to_cpp() {
    return detail::exact<E, detail::notation::cpp>();
}

/// Prints an expression value as to_text does: std::cout << D<Sigmoid<X>>{}.
template <class CharT, class Traits, Expression E>
std::basic_ostream<CharT, Traits>& operator<<(std::basic_ostream<CharT, Traits>& os, const E&) {
    constexpr auto text = to_text<E>();
    return os.write(text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace chainrule
