// Defines call_t, the node of a scalar function call (`ABS(x)`, `SUBSTR(s, 1, 3)`), and `spelling`, the
// per-dialect-family hook that lets an engine spell a function its own way.
//
// A function is a tag type Fn in namespace egret::fn, providing either
//   static constexpr std::string_view sql = "ABS";          rendered `ABS(arg, arg, ...)`, or
//   template <class D, class S, class V, class... A> static constexpr void render(V&, A const*...);
// and optionally `static constexpr bool nullable = true;` when the call can be NULL on non-NULL input
// (NULLIF, a failed regex extract); by default a call is nullable when one of its arguments is.
// A dialect family spells Fn differently by specializing `spelling<Family, Fn>` (dialect/<name>.hpp).
#pragma once

#include <string_view>
#include <utility>

#include <egret/expr/pack.hpp>
#include <egret/expr/value.hpp>

namespace egret {

namespace detail {
/// Renders `a, b, c` (each child through its own render).
template <class D, class S, class V, class... A>
constexpr void render_args(V& v, A const*... a) {
  bool first = true;
  ((first ? void(first = false) : v.text(", "), A::template render<D, S>(v, a)), ...);
}
}  // namespace detail

/// How dialect family Family spells function Fn. The primary template is the standard spelling.
template <class Family, class Fn>
struct spelling {
  template <class D, class S, class V, class... A>
  static constexpr void render(V& v, A const*... a) {
    if constexpr (requires { Fn::sql; }) {
      v.text(Fn::sql);
      v.ch('(');
      detail::render_args<D, S>(v, a...);
      v.ch(')');
    } else {
      Fn::template render<D, S>(v, a...);
    }
  }
};

/// `Fn(args...)` of SQL type T.
template <class Fn, class T, class... Args>
struct call_t : expr_methods<call_t<Fn, T, Args...>> {
  detail::pack<Args...> args;

  using value_type = T;
  using function = Fn;
  using operands = type_list<Args...>;
  static constexpr bool is_aggregate = detail::any_aggregate<Args...>;
  static constexpr int precedence = [] {
    if constexpr (requires { Fn::precedence; })
      return Fn::precedence;
    else
      return prec::atom;
  }();
  template <class Ctx>
  static constexpr bool nullable_in = [] {
    if constexpr (requires { Fn::nullable; })
      return Fn::nullable || detail::any_nullable<Ctx, Args...>;
    else
      return detail::any_nullable<Ctx, Args...>;
  }();

  template <class D, class S, class V>
  static constexpr void render(V& v, call_t const* n) {
    render_impl<D, S>(v, detail::member(n, &call_t::args), std::index_sequence_for<Args...>{});
  }

 private:
  template <class D, class S, class V, std::size_t... Is>
  static constexpr void render_impl(V& v, [[maybe_unused]] detail::pack<Args...> const* p, std::index_sequence<Is...>) {
    using L = type_list<Args...>;
    spelling<typename D::family, Fn>::template render<D, S>(
        v, detail::pack<Args...>::at(static_cast<detail::slot<Is, at_t<Is, L>> const*>(p))...);
  }
};

/// Builds `Fn(args...)` of type T from expressions or C++ values (values are bound).
template <class Fn, class T, class... Args>
constexpr auto make_call(Args const&... args) {
  return call_t<Fn, T, as_expr_t<Args>...>{{}, detail::make_pack(as_expr(args)...)};
}

}  // namespace egret
