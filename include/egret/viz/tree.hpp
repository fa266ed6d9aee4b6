// Defines to_tree: a query or expression as a plain tree of labelled nodes, the common input of the
// Ibis-like text repr and of Graphviz DOT. Values captured at run time appear with their values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include <egret/expr/methods.hpp>
#include <egret/relation/methods.hpp>

namespace egret::viz {

struct tree {
  std::string label;
  std::vector<tree> children;
  bool relation = false;
};

namespace detail {

template <class Op>
constexpr std::string_view op_name() {
  if constexpr (std::is_same_v<Op, op::add>) return "Add";
  else if constexpr (std::is_same_v<Op, op::sub>) return "Subtract";
  else if constexpr (std::is_same_v<Op, op::mul>) return "Multiply";
  else if constexpr (std::is_same_v<Op, op::div>) return "Divide";
  else if constexpr (std::is_same_v<Op, op::mod>) return "Modulus";
  else if constexpr (std::is_same_v<Op, op::concat>) return "StringConcat";
  else if constexpr (std::is_same_v<Op, op::eq>) return "Equals";
  else if constexpr (std::is_same_v<Op, op::ne>) return "NotEquals";
  else if constexpr (std::is_same_v<Op, op::lt>) return "Less";
  else if constexpr (std::is_same_v<Op, op::le>) return "LessEqual";
  else if constexpr (std::is_same_v<Op, op::gt>) return "Greater";
  else if constexpr (std::is_same_v<Op, op::ge>) return "GreaterEqual";
  else if constexpr (std::is_same_v<Op, op::land>) return "And";
  else return "Or";
}

template <class Fn, bool Distinct, bool Star>
constexpr std::string_view agg_name() {
  if constexpr (std::is_same_v<Fn, agg::count>) return Star ? "CountStar" : Distinct ? "CountDistinct" : "Count";
  else if constexpr (std::is_same_v<Fn, agg::sum>) return "Sum";
  else if constexpr (std::is_same_v<Fn, agg::mean>) return "Mean";
  else if constexpr (std::is_same_v<Fn, agg::min>) return "Min";
  else if constexpr (std::is_same_v<Fn, agg::any>) return "Any";
  else if constexpr (std::is_same_v<Fn, agg::all>) return "All";
  else if constexpr (std::is_same_v<Fn, agg::group_concat>) return "GroupConcat";
  else if constexpr (std::is_same_v<Fn, agg::var_samp>) return "Variance[sample]";
  else if constexpr (std::is_same_v<Fn, agg::var_pop>) return "Variance[pop]";
  else if constexpr (std::is_same_v<Fn, agg::stddev_samp>) return "StandardDev[sample]";
  else if constexpr (std::is_same_v<Fn, agg::stddev_pop>) return "StandardDev[pop]";
  else return "Max";
}

template <class T>
std::string value_text(T const& v) {
  if constexpr (requires { v.has_value(); })
    return v ? value_text(*v) : std::string("NULL");
  else if constexpr (std::is_same_v<T, bool>)
    return v ? "True" : "False";
  else if constexpr (std::is_arithmetic_v<T> || std::is_same_v<T, date> || std::is_same_v<T, timestamp>)
    return fmt::format("{}", v);
  else
    return fmt::format("'{}'", std::string_view(v));
}

template <class... Es, std::size_t... Is>
void add_pack(tree& t, egret::detail::pack<Es...> const& p, std::index_sequence<Is...>);

}  // namespace detail
}  // namespace egret::viz

// The overloads live in namespace egret so that argument-dependent lookup finds each one from the others.
namespace egret {

// ---- expressions ----

template <class S, fixed_string N, class T, bool B>
viz::tree to_tree(column_ref<S, N, T, B> const&) {
  if constexpr (requires { S::egret_name; })
    return {fmt::format("{}.{}", S::egret_name.view(), N.view()), {}};
  else
    return {std::string(N.view()), {}};
}
template <class T>
viz::tree to_tree(value<T> const& v) {
  return {viz::detail::value_text(v.v), {}};
}
template <auto V>
viz::tree to_tree(lit_t<V> const&) {
  if constexpr (requires { V.view(); })
    return {viz::detail::value_text(V.view()), {}};
  else
    return {viz::detail::value_text(V), {}};
}
template <fixed_string N, class T>
viz::tree to_tree(param_t<N, T> const&) {
  return {fmt::format("${}:{}", N.view(), sql_type<typename param_t<N, T>::value_type>::name), {}};
}
template <class T>
viz::tree to_tree(null_t<T> const&) {
  return {"NULL", {}};
}
inline viz::tree to_tree(star_t const&) { return {"*", {}}; }
template <class Op, class T, class L, class R>
viz::tree to_tree(binary<Op, T, L, R> const& b) {
  return {std::string(viz::detail::op_name<Op>()), {to_tree(b.lhs), to_tree(b.rhs)}};
}
template <bool Not, class E>
viz::tree to_tree(unary<Not, E> const& u) {
  return {Not ? "Not" : "Negate", {to_tree(u.arg)}};
}
template <bool Not, class E>
viz::tree to_tree(is_null_t<Not, E> const& n) {
  return {Not ? "NotNull" : "IsNull", {to_tree(n.arg)}};
}
template <class T, class... Es>
viz::tree to_tree(coalesce_t<T, Es...> const& c) {
  viz::tree t{"Coalesce", {}};
  viz::detail::add_pack(t, c.args, std::index_sequence_for<Es...>{});
  return t;
}
template <class C, class E>
viz::tree to_tree(when_t<C, E> const& w) {
  return {"When", {to_tree(w.cond), to_tree(w.then)}};
}
template <class T, class Else, class... Ws>
viz::tree to_tree(case_t<T, Else, Ws...> const& c) {
  viz::tree t{"Case", {}};
  viz::detail::add_pack(t, c.branches, std::index_sequence_for<Ws...>{});
  if constexpr (!std::is_same_v<Else, null_t<T>>) t.children.push_back({"Else", {to_tree(c.otherwise)}});
  return t;
}
template <class E, class... Vs>
viz::tree to_tree(in_list_t<E, Vs...> const& in) {
  viz::tree list{"Values", {}};
  viz::detail::add_pack(list, in.list, std::index_sequence_for<Vs...>{});
  return {"IsIn", {to_tree(in.arg), std::move(list)}};
}
template <class E, class Lo, class Hi>
viz::tree to_tree(between_t<E, Lo, Hi> const& b) {
  return {"Between", {to_tree(b.arg), to_tree(b.lo), to_tree(b.hi)}};
}
template <class E, class P>
viz::tree to_tree(like_t<E, P> const& l) {
  return {"Like", {to_tree(l.arg), to_tree(l.pattern)}};
}
template <class T, class E>
viz::tree to_tree(cast_t<T, E> const& c) {
  return {fmt::format("Cast[{}]", sql_type<T>::name), {to_tree(c.arg)}};
}
template <class Fn, class T, class E, class F, bool Distinct>
viz::tree to_tree(aggregate_t<Fn, T, E, F, Distinct> const& a) {
  viz::tree t{std::string(viz::detail::agg_name<Fn, Distinct, std::is_same_v<E, star_t>>()), {}};
  if constexpr (requires { E::is_separated; }) {
    t.children.push_back(to_tree(a.arg.arg));
    t.children.push_back({"sep", {to_tree(a.arg.sep)}});
  } else if constexpr (!std::is_same_v<E, star_t>) {
    t.children.push_back(to_tree(a.arg));
  }
  if constexpr (!std::is_same_v<F, no_filter>) t.children.push_back({"where", {to_tree(a.filter.pred)}});
  return t;
}
template <class T, class X, class Else, class... Ws>
viz::tree to_tree(simple_case_t<T, X, Else, Ws...> const& c) {
  viz::tree t{"SimpleCase", {to_tree(c.subject)}};
  viz::detail::add_pack(t, c.branches, std::index_sequence_for<Ws...>{});
  if constexpr (!std::is_same_v<Else, null_t<T>>) t.children.push_back({"Else", {to_tree(c.otherwise)}});
  return t;
}
template <class A, class B>
viz::tree to_tree(identical_t<A, B> const& i) {
  return {"IdenticalTo", {to_tree(i.lhs), to_tree(i.rhs)}};
}
template <class E, fixed_string N>
viz::tree to_tree(aliased<E, N> const& a) {
  return {fmt::format("{}:", N.view()), {to_tree(a.expr)}};
}
template <class E, bool Desc, nulls_order N>
viz::tree to_tree(sort_key<E, Desc, N> const& k) {
  return {Desc ? "desc" : "asc", {to_tree(k.expr)}};
}

/// A function call: its Ibis operation name when the function gives one, else its SQL name.
template <class Fn, class T, class... Args>
viz::tree to_tree(call_t<Fn, T, Args...> const& c) {
  viz::tree t{[] {
    if constexpr (requires { Fn::name; })
      return std::string(Fn::name);
    else if constexpr (requires { Fn::sql; })
      return std::string(Fn::sql);
    else
      return std::string("Function");
  }(), {}};
  viz::detail::add_pack(t, c.args, std::index_sequence_for<Args...>{});
  return t;
}

template <class F, class... Args>
viz::tree to_tree(udf_call_t<F, Args...> const& c) {
  viz::tree t{std::string(F::name.view()), {}};
  viz::detail::add_pack(t, c.args, std::index_sequence_for<Args...>{});
  return t;
}
template <class Fn, class T>
viz::tree to_tree(niladic_call_t<Fn, T> const&) {
  if constexpr (requires { Fn::name; })
    return {std::string(Fn::name), {}};
  else
    return {"Function", {}};
}

template <class C>
viz::tree to_tree(outer_ref<C> const&) {
  return {"Outer", {to_tree(C{})}};
}
template <class Q>
viz::tree to_tree(scalar_subquery<Q> const& s) {
  return {"ScalarSubquery", {to_tree(s.query)}};
}
template <class Q>
viz::tree to_tree(exists_t<Q> const& e) {
  return {"ExistsSubquery", {to_tree(e.query)}};
}
template <class E, class Q>
viz::tree to_tree(in_subquery_t<E, Q> const& i) {
  return {"InSubquery", {to_tree(i.arg), to_tree(i.query)}};
}
template <bool Anti, class RF, class P>
viz::tree to_tree(egret::detail::exists_join<Anti, RF, P> const& e) {
  return {Anti ? "AntiJoin" : "SemiJoin", {to_tree(e.rel), {"on", {to_tree(e.on)}}}};
}

// ---- window functions (expr/window.hpp) ----

template <class Fn, class T, class... Args>
viz::tree to_tree(window_call<Fn, T, Args...> const& w) {
  viz::tree t{std::string(Fn::viz), {}};
  viz::detail::add_pack(t, w.args, std::index_sequence_for<Args...>{});
  return t;
}
template <bound_kind K, class E>
viz::tree to_tree(frame_bound<K, E> const& b) {
  constexpr char const* names[] = {"UnboundedPreceding", "Preceding", "CurrentRow", "Following", "UnboundedFollowing"};
  viz::tree t{names[static_cast<int>(K)], {}};
  if constexpr (!std::is_void_v<E>) t.children.push_back(to_tree(b.offset));
  return t;
}
template <frame_unit U, class S, class E, frame_exclude X>
viz::tree to_tree(frame_t<U, S, E, X> const& f) {
  constexpr char const* units[] = {"rows", "range", "groups"};
  constexpr char const* excludes[] = {"", "ExcludeCurrentRow", "ExcludeGroup", "ExcludeTies"};
  viz::tree t{units[static_cast<int>(U)], {to_tree(f.start), to_tree(f.end)}};
  if constexpr (X != frame_exclude::none) t.children.push_back({excludes[static_cast<int>(X)], {}});
  return t;
}
/// `WindowFunction(f, group_by(...), order_by(...), rows(...))`, the parts of the window that are given.
template <class F, class... Ps, class... Ks, class Fr>
viz::tree to_tree(over_t<F, window_spec<type_list<Ps...>, type_list<Ks...>, Fr>> const& o) {
  viz::tree t{"WindowFunction", {to_tree(o.fn)}};
  if constexpr (sizeof...(Ps) > 0) {
    viz::tree g{"group_by", {}};
    viz::detail::add_pack(g, o.window.partition, std::index_sequence_for<Ps...>{});
    t.children.push_back(std::move(g));
  }
  if constexpr (sizeof...(Ks) > 0) {
    viz::tree k{"order_by", {}};
    viz::detail::add_pack(k, o.window.order, std::index_sequence_for<Ks...>{});
    t.children.push_back(std::move(k));
  }
  if constexpr (!std::is_same_v<Fr, no_frame>) t.children.push_back(to_tree(o.window.frame));
  return t;
}

// ---- relations ----

template <class T>
  requires requires { T::egret_name; }
viz::tree to_tree(T const&) {
  viz::tree t{fmt::format("Table: {}", T::egret_name.view()), {}, true};
  return t;
}
template <class R, fixed_string N>
viz::tree to_tree(derived<R, N> const& d) {
  return {N.size() ? fmt::format("Subquery: {}", N.view()) : std::string("Subquery"), {to_tree(d.rel)}, true};
}
template <join_kind K, class L, class R, class P>
viz::tree to_tree(join_t<K, L, R, P> const& j) {
  constexpr char const* names[] = {"InnerJoin", "LeftJoin", "RightJoin", "OuterJoin", "CrossJoin"};
  if constexpr (K == join_kind::cross)
    return {names[static_cast<int>(K)], {to_tree(j.l), to_tree(j.r)}, true};
  else
    return {names[static_cast<int>(K)], {to_tree(j.l), to_tree(j.r), {"on", {to_tree(j.on)}}}, true};
}
template <set_kind K, class L, class R>
viz::tree to_tree(set_op_t<K, L, R> const& u) {
  constexpr char const* names[] = {"UnionAll", "Union", "Intersection", "Difference"};
  return {names[static_cast<int>(K)], {to_tree(u.l), to_tree(u.r)}, true};
}
template <class T, class... Rows>
viz::tree to_tree(values_t<T, Rows...> const&) {
  return {fmt::format("InMemoryTable: {} ({} rows)", T::egret_name.view(), sizeof...(Rows)), {}, true};
}
template <bool Recursive, class Q, class... Cs>
viz::tree to_tree(with_t<Recursive, Q, Cs...> const& w) {
  viz::tree t{Recursive ? "WithRecursive" : "With", {}, true};
  add_ctes(t, w.ctes, std::index_sequence_for<Cs...>{});
  t.children.push_back(to_tree(w.q));
  return t;
}
template <class... Cs, std::size_t... Is>
void add_ctes(viz::tree& t, egret::detail::pack<Cs...> const& p, std::index_sequence<Is...>) {
  (t.children.push_back({"cte", {to_tree(static_cast<egret::detail::slot<Is, Cs> const&>(p).v.rel)}}), ...);
}

template <class In, class P>
viz::tree to_tree(filter_t<In, P> const& f) {
  return {"Filter", {to_tree(f.in), {"where", {to_tree(f.pred)}}}, true};
}
template <class In, class P>
viz::tree to_tree(having_t<In, P> const& f) {
  return {"Having", {to_tree(f.in), {"where", {to_tree(f.pred)}}}, true};
}
template <class In>
viz::tree to_tree(distinct_t<In> const& d) {
  return {"Distinct", {to_tree(d.in)}, true};
}
template <class In, class... Ks>
viz::tree to_tree(order_t<In, Ks...> const& o) {
  viz::tree keys{"by", {}};
  viz::detail::add_pack(keys, o.keys, std::index_sequence_for<Ks...>{});
  return {"Sort", {to_tree(o.in), std::move(keys)}, true};
}
template <class In, class C, class O>
viz::tree to_tree(limit_t<In, C, O> const& l) {
  viz::tree t{"Limit", {to_tree(l.in)}, true};
  if constexpr (limit_t<In, C, O>::has_limit) t.children.push_back({"n", {to_tree(l.count)}});
  if constexpr (limit_t<In, C, O>::has_offset) t.children.push_back({"offset", {to_tree(l.offset)}});
  return t;
}
template <class In, std::size_t NKeys, bool Grouped, class... Items>
viz::tree to_tree(project_t<In, NKeys, Grouped, Items...> const& p) {
  viz::tree items{Grouped ? "metrics" : "selections", {}};
  viz::detail::add_pack(items, p.items, std::index_sequence_for<Items...>{});
  if constexpr (Grouped && NKeys > 0) {
    viz::tree keys{"groups", {}};
    for (std::size_t i = 0; i < NKeys; ++i) keys.children.push_back(items.children[i]);
    items.children.erase(items.children.begin(), items.children.begin() + NKeys);
    return {"Aggregate", {to_tree(p.in), std::move(keys), std::move(items)}, true};
  } else {
    return {Grouped ? "Aggregate" : "Project", {to_tree(p.in), std::move(items)}, true};
  }
}

}  // namespace egret

namespace egret::viz {
template <class... Es, std::size_t... Is>
void detail::add_pack(tree& t, egret::detail::pack<Es...> const& p, std::index_sequence<Is...>) {
  (t.children.push_back(to_tree(static_cast<egret::detail::slot<Is, Es> const&>(p).v)), ...);
}

}  // namespace egret::viz
