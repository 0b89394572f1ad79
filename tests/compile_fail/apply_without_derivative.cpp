// A tag without a derivative rule is rejected by Apply, naming the tag.
// expected: chainrule::Apply<Fn, A...>: the tag Fn has no derivative rule
// expected: function_tag_check<no_rule_fn, 1
// (The message, and the tag it is about in the instantiation the compiler reports.)
#include <chainrule.hpp>
using namespace chainrule;
struct no_rule_fn {
    static constexpr const char* name = "no_rule";
    template <class T>
    static constexpr T eval(T u) {
        return u;
    }
};
using T = Apply<no_rule_fn, X>;
T* unused = nullptr;
