// A tag without a derivative rule is rejected by Apply, naming the tag.
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
