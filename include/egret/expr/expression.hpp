// Defines the expression concept: what every value-expression node provides, and the helpers nodes share.
//
// Description: an expression is a node of the typed tree (`o.amount * 2`, `sum(x)`). Its SQL text is a
// function of its *type* alone; values captured at run time are bound parameters held in the object.
// Minimal complete definition, for a node type E:
//   using value_type             the SQL type identity (see types/sql_type.hpp) of its non-null values
//   using operands               type_list of child expression types, in rendering order
//   static constexpr bool is_aggregate   true when an aggregate call is inside
//   static constexpr int precedence      binding strength, for parentheses (see `prec`)
//   template <class Ctx> static constexpr bool nullable_in   may it be NULL, when the sources in Ctx
//                                        (a type_list) are on the outer side of a LEFT JOIN
//   template <class D, class S, class V> static constexpr void render(V& v, E const* e)
//                                        writes SQL through visitor v, for dialect D in scope S; `e` is
//                                        null when only the text is wanted (compile time)
// Laws: rendering never reads `e` except to hand bound values to `v.param`; operands render in the
// order `operands` lists them. Models: column_ref, value, lit, param, binary, compare, aggregate, ...
#pragma once

#include <cstdint>
#include <type_traits>

#include <egret/core/fixed_string.hpp>
#include <egret/core/type_list.hpp>
#include <egret/render/writer.hpp>
#include <egret/types/sql_type.hpp>

namespace egret {

struct expr_tag {};

/// Every egret value expression derives from expr_tag (through expr_methods).
template <class E>
concept expression = std::is_base_of_v<expr_tag, std::remove_cvref_t<E>>;

/// The user-facing member functions of every expression (`.as<"x">()`, `.sum()`, `.isin(...)`).
/// Declared here, defined in expr/methods.hpp, which the umbrella header includes.
template <class Self>
struct expr_methods;

/// Binding strength of SQL operators, loosest first; operands that bind looser get parentheses.
namespace prec {
inline constexpr int lor = 1, land = 2, lnot = 3, compare = 4, concat = 5, additive = 6, multiplicative = 7,
                     unary = 8, atom = 10;
}

template <class E, class Ctx>
inline constexpr bool nullable_in_v = std::remove_cvref_t<E>::template nullable_in<Ctx>;

/// Nullability outside any join: what the expression's own rules say.
template <class E>
inline constexpr bool nullable_v = nullable_in_v<E, type_list<>>;

template <class E>
using value_type_t = typename std::remove_cvref_t<E>::value_type;

template <class E>
inline constexpr bool is_aggregate_v = std::remove_cvref_t<E>::is_aggregate;

namespace detail {

/// `e IN (SELECT ...)`, defined with the subquery nodes (relation/subquery.hpp).
template <class E, class Q>
constexpr auto make_in_subquery(E const& e, Q const& q);

/// `&(n->*m)`, or null when rendering from the type alone.
template <class N, class M>
constexpr M const* member(N const* n, M N::*m) {
  return n ? &(n->*m) : nullptr;
}

template <class Ctx, class... Es>
inline constexpr bool any_nullable = (nullable_in_v<Es, Ctx> || ...);

template <class... Es>
inline constexpr bool any_aggregate = (is_aggregate_v<Es> || ...);

/// Whether E, rendered in scope S for dialect D, writes no placeholder: found by the compile-time counting
/// pass, whose instantiations to_sql has already made.
template <class D, class S, class E>
inline constexpr bool without_placeholders_v = [] {
  render::counter c;
  E::template render<D, S>(c, static_cast<E const*>(nullptr));
  return c.params == 0;
}();

/// Whether a visitor that only binds values (`V::binds_only`: the backends' binders) may skip E: E has no
/// placeholder. The run-time binding walk thus instantiates and compiles only the paths to the placeholders,
/// not every render function of the query once more (queries20: 200 fewer functions, -0.1 s). Other visitors
/// get the constant false of the primary template, without a per-node evaluation.
template <bool BindsOnly>
struct binding_filter {
  template <class D, class S, class E>
  static constexpr bool skips = false;
};
template <>
struct binding_filter<true> {
  template <class D, class S, class E>
  static constexpr bool skips = without_placeholders_v<D, S, E>;
};
template <class V>
inline constexpr bool binds_only_v = requires { V::binds_only; };

/// Render a child, in parentheses when it binds looser than `min` (or as loose, when `strict`).
template <class D, class S, class V, class E>
constexpr void render_operand(V& v, E const* e, int min, bool strict = false) {
  if constexpr (!binding_filter<binds_only_v<V>>::template skips<D, S, E>) {
    constexpr int p = E::precedence;
    bool const paren = strict ? p <= min : p < min;
    if (paren) v.text("(");
    E::template render<D, S>(v, e);
    if (paren) v.text(")");
  }
}

}  // namespace detail
}  // namespace egret
