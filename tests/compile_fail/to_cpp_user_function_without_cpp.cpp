// to_cpp of an expression with a user's function tag that has no cpp member:
// the generated code could not name the function, so it is refused, naming
// the member to add (chainrule's own tags print as chainrule::<name>_fn::eval).
// expected: chainrule::to_cpp: a function tag of yours has no cpp member
#include <chainrule.hpp>
using namespace chainrule;
namespace mine {
struct softsign_fn {
    static constexpr const char* name = "softsign";
    template <class U>
    using derivative = Pow<Add<Abs<U>, Int<1>>, Int<-2>>;
    template <class T>
    static constexpr T eval(T u) {
        return u / (1 + (u < 0 ? -u : u));
    }
};
}  // namespace mine
auto code = to_cpp<Apply<mine::softsign_fn, X>>();
