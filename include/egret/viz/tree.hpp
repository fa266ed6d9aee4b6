// Defines to_tree: a query or expression as a plain tree of labelled nodes, the common input of the
// Ibis-like text repr and of Graphviz DOT. Values captured at run time appear with their values; expression
// nodes carry their SQL type, relation nodes their output columns; make_tree() also names the subqueries.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

#include <egret/expr/methods.hpp>
#include <egret/relation/methods.hpp>

namespace egret::viz {

/// A node: its label and inputs. Expression nodes carry their SQL type (`BIGINT`, `TEXT?` when nullable),
/// relation nodes their output columns (`name: TYPE`).
struct tree {
  std::string label;
  std::vector<tree> children;
  bool relation = false;
  std::string type = {};                  ///< an expression's SQL type and nullability, else empty
  std::vector<std::string> columns = {};  ///< a relation's output columns, `name: TYPE`
  bool keyword = false;                   ///< an argument written `label=child` (`where=`, `unit=`)
  bool typed_leaf = false;                ///< a column or param<>: the text form writes `label: TYPE`
  // How resolve_names qualifies a column read through a subquery (`r0.amount`, not `payments.amount`):
  std::string source = {};                  ///< a column: what provides it (a table's name, `#<id>` of a query)
  std::string column = {};                  ///< a column: its bare name
  bool subquery = false;                    ///< a subquery (a FROM item) ...
  std::vector<std::string> provides = {};   ///< ... and the sources whose columns it makes visible
  std::string alias = {};                   ///< ... and its name (given or generated)
  bool compound = false;                    ///< a set operation, WITH, VALUES: each input is a query of its own
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

/// A double as its shortest round-trip form, still reading as a double: `100.0`, `0.1`, `1e+20`, `inf`.
inline std::string double_text(double d) {
  std::string s = fmt::format("{}", d);
  if (s.find_first_of(".eni") == std::string::npos) s += ".0";
  return s;
}
/// Text in single quotes, a quote doubled (SQL): `'it''s'`.
inline std::string quoted(std::string_view v) {
  std::string s = "'";
  for (char c : v) {
    if (c == '\'') s += '\'';
    s += c;
  }
  s += '\'';
  return s;
}

/// A literal as the text form writes it: `42`, `100.0`, `'text'`, `True`, `DATE '2024-05-01'`, `NULL`.
template <class T>
std::string value_text(T const& v) {
  if constexpr (requires { v.has_value(); })
    return v ? value_text(*v) : std::string("NULL");
  else if constexpr (std::is_same_v<T, bool>)
    return v ? "True" : "False";
  else if constexpr (std::is_floating_point_v<T>)
    return double_text(static_cast<double>(v));
  else if constexpr (std::is_integral_v<T>)
    return fmt::format("{}", static_cast<long long>(v));
  else if constexpr (std::is_same_v<T, date>)
    return fmt::format("DATE '{}'", v);
  else if constexpr (std::is_same_v<T, timestamp>)
    return fmt::format("TIMESTAMP '{}'", v);
  else
    return quoted(std::string_view(v));
}

/// The SQL type of expression E outside any join, `?` marking a nullable one: `BIGINT`, `TEXT?`.
template <class E>
std::string type_text() {
  using T = value_type_t<E>;
  if constexpr (is_sql_type_v<T>)
    return std::string(sql_type<T>::name) + (nullable_v<E> ? "?" : "");
  else
    return {};
}
/// `name: TYPE` for each column of Cs.
template <class... Cs>
std::vector<std::string> column_texts(type_list<Cs...>) {
  return {fmt::format("{}: {}", Cs::name.view(), type_text<Cs>())...};
}
/// The type of each column of Cs.
template <class... Cs>
std::vector<std::string> column_types(type_list<Cs...>) {
  return {type_text<Cs>()...};
}

/// The sources of Ss as columns name them (tree::source): a table's name, `#<id>` of a query's columns.
template <class S>
void add_source_key(std::vector<std::string>& out) {
  if constexpr (requires { S::egret_name; })
    out.emplace_back(S::egret_name.view());
  else if constexpr (requires { S::id; })
    out.push_back(fmt::format("#{}", S::id));
}
template <class... Ss>
std::vector<std::string> source_keys(type_list<Ss...>) {
  std::vector<std::string> out;
  (add_source_key<Ss>(out), ...);
  return out;
}

/// An argument that is not an expression, written `name=value`.
inline tree keyword(std::string name, tree value) {
  tree t{std::move(name), {std::move(value)}};
  t.keyword = true;
  return t;
}

/// The tree of x with its type (an expression) or its columns (a relation); every child is built by it.
template <class X>
tree node(X const& x);

template <class... Es, std::size_t... Is>
void add_pack(tree& t, egret::detail::pack<Es...> const& p, std::index_sequence<Is...>);

}  // namespace detail
}  // namespace egret::viz

// The overloads live in namespace egret so that argument-dependent lookup finds each one from the others.
namespace egret {

// ---- expressions ----

/// A column, qualified as SQL qualifies it: by its table's name, by its subquery's alias (a subquery without
/// one is named `r0`, `r1`... by resolve_names), bare when it is an output name of the same level.
template <class S, fixed_string N, class T, bool B>
viz::tree to_tree(column_ref<S, N, T, B> const&) {
  viz::tree t;
  t.column = std::string(N.view());
  if constexpr (requires { S::egret_name; })
    t.source = std::string(S::egret_name.view());
  else if constexpr (requires { S::alias; })
    t.label = fmt::format("{}.{}", S::alias.view(), N.view());
  else if constexpr (requires { S::id; })
    t.source = fmt::format("#{}", S::id);
  if (t.label.empty()) t.label = t.source.empty() || t.source[0] == '#' ? t.column : t.source + "." + t.column;
  t.typed_leaf = true;
  return t;
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
  viz::tree t{fmt::format("${}", N.view()), {}};
  t.typed_leaf = true;
  return t;
}
template <class T>
viz::tree to_tree(null_t<T> const&) {
  return {"NULL", {}};
}
inline viz::tree to_tree(star_t const&) { return {"*", {}}; }
template <class Op, class T, class L, class R>
viz::tree to_tree(binary<Op, T, L, R> const& b) {
  return {std::string(viz::detail::op_name<Op>()), {viz::detail::node(b.lhs), viz::detail::node(b.rhs)}};
}
template <bool Not, class E>
viz::tree to_tree(unary<Not, E> const& u) {
  return {Not ? "Not" : "Negate", {viz::detail::node(u.arg)}};
}
template <bool Not, class E>
viz::tree to_tree(is_null_t<Not, E> const& n) {
  return {Not ? "NotNull" : "IsNull", {viz::detail::node(n.arg)}};
}
template <class T, class... Es>
viz::tree to_tree(coalesce_t<T, Es...> const& c) {
  viz::tree t{"Coalesce", {}};
  viz::detail::add_pack(t, c.args, std::index_sequence_for<Es...>{});
  return t;
}
template <class C, class E>
viz::tree to_tree(when_t<C, E> const& w) {
  return {"When", {viz::detail::node(w.cond), viz::detail::node(w.then)}};
}
template <class T, class Else, class... Ws>
viz::tree to_tree(case_t<T, Else, Ws...> const& c) {
  viz::tree t{"Case", {}};
  viz::detail::add_pack(t, c.branches, std::index_sequence_for<Ws...>{});
  if constexpr (!std::is_same_v<Else, null_t<T>>) t.children.push_back({"Else", {viz::detail::node(c.otherwise)}});
  return t;
}
template <class E, class... Vs>
viz::tree to_tree(in_list_t<E, Vs...> const& in) {
  viz::tree list{"Values", {}};
  viz::detail::add_pack(list, in.list, std::index_sequence_for<Vs...>{});
  return {"IsIn", {viz::detail::node(in.arg), std::move(list)}};
}
template <class E, class Lo, class Hi>
viz::tree to_tree(between_t<E, Lo, Hi> const& b) {
  return {"Between", {viz::detail::node(b.arg), viz::detail::node(b.lo), viz::detail::node(b.hi)}};
}
template <class E, class P>
viz::tree to_tree(like_t<E, P> const& l) {
  return {"Like", {viz::detail::node(l.arg), viz::detail::node(l.pattern)}};
}
template <class T, class E>
viz::tree to_tree(cast_t<T, E> const& c) {
  return {fmt::format("Cast[{}]", sql_type<T>::name), {viz::detail::node(c.arg)}};
}
template <class Fn, class T, class E, class F, bool Distinct>
viz::tree to_tree(aggregate_t<Fn, T, E, F, Distinct> const& a) {
  viz::tree t{std::string(viz::detail::agg_name<Fn, Distinct, std::is_same_v<E, star_t>>()), {}};
  if constexpr (requires { E::is_separated; }) {
    t.children.push_back(viz::detail::node(a.arg.arg));
    t.children.push_back(viz::detail::keyword("sep", viz::detail::node(a.arg.sep)));
  } else if constexpr (!std::is_same_v<E, star_t>) {
    t.children.push_back(viz::detail::node(a.arg));
  }
  if constexpr (Distinct && !std::is_same_v<Fn, agg::count>)
    t.children.push_back(viz::detail::keyword("distinct", {"True", {}}));
  if constexpr (!std::is_same_v<F, no_filter>)
    t.children.push_back(viz::detail::keyword("where", viz::detail::node(a.filter.pred)));
  return t;
}
template <class T, class X, class Else, class... Ws>
viz::tree to_tree(simple_case_t<T, X, Else, Ws...> const& c) {
  viz::tree t{"SimpleCase", {viz::detail::node(c.subject)}};
  viz::detail::add_pack(t, c.branches, std::index_sequence_for<Ws...>{});
  if constexpr (!std::is_same_v<Else, null_t<T>>) t.children.push_back({"Else", {viz::detail::node(c.otherwise)}});
  return t;
}
template <class A, class B>
viz::tree to_tree(identical_t<A, B> const& i) {
  return {"IdenticalTo", {viz::detail::node(i.lhs), viz::detail::node(i.rhs)}};
}
template <class E, fixed_string N>
viz::tree to_tree(aliased<E, N> const& a) {
  return {fmt::format("{}:", N.view()), {viz::detail::node(a.expr)}};
}
template <class E, bool Desc, nulls_order N>
viz::tree to_tree(sort_key<E, Desc, N> const& k) {
  viz::tree t{Desc ? "desc" : "asc", {viz::detail::node(k.expr)}};
  if constexpr (N != nulls_order::unspecified)
    t.children.push_back(viz::detail::keyword("nulls", {N == nulls_order::first ? "first" : "last", {}}));
  return t;
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
  // what the function's type holds rather than its arguments: strftime's pattern, a truncation or
  // interval's unit
  if constexpr (requires { Fn::format.view(); })
    t.children.push_back(viz::detail::keyword("format", {viz::detail::quoted(Fn::format.view()), {}}));
  if constexpr (requires { Fn::unit; })
    t.children.push_back(viz::detail::keyword("unit", {std::string(egret::detail::unit_name(Fn::unit)), {}}));
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
  return {"Outer", {viz::detail::node(C{})}};
}
template <class Q>
viz::tree to_tree(scalar_subquery<Q> const& s) {
  return {"ScalarSubquery", {viz::detail::node(s.query)}};
}
template <class Q>
viz::tree to_tree(exists_t<Q> const& e) {
  return {"ExistsSubquery", {viz::detail::node(e.query)}};
}
template <class E, class Q>
viz::tree to_tree(in_subquery_t<E, Q> const& i) {
  return {"InSubquery", {viz::detail::node(i.arg), viz::detail::node(i.query)}};
}
template <bool Anti, class RF, class P>
viz::tree to_tree(egret::detail::exists_join<Anti, RF, P> const& e) {
  return {Anti ? "AntiJoin" : "SemiJoin", {viz::detail::node(e.rel), {"on", {viz::detail::node(e.on)}}}};
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
  if constexpr (!std::is_void_v<E>) t.children.push_back(viz::detail::node(b.offset));
  return t;
}
template <frame_unit U, class S, class E, frame_exclude X>
viz::tree to_tree(frame_t<U, S, E, X> const& f) {
  constexpr char const* units[] = {"rows", "range", "groups"};
  constexpr char const* excludes[] = {"", "ExcludeCurrentRow", "ExcludeGroup", "ExcludeTies"};
  viz::tree t{units[static_cast<int>(U)], {viz::detail::node(f.start), viz::detail::node(f.end)}};
  if constexpr (X != frame_exclude::none) t.children.push_back({excludes[static_cast<int>(X)], {}});
  return t;
}
/// `WindowFunction(f, group_by(...), order_by(...), rows(...))`, the parts of the window that are given.
template <class F, class... Ps, class... Ks, class Fr>
viz::tree to_tree(over_t<F, window_spec<type_list<Ps...>, type_list<Ks...>, Fr>> const& o) {
  viz::tree t{"WindowFunction", {viz::detail::node(o.fn)}};
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
  if constexpr (!std::is_same_v<Fr, no_frame>) t.children.push_back(viz::detail::node(o.window.frame));
  return t;
}

// ---- relations ----

template <class T>
  requires requires { T::egret_name; }
viz::tree to_tree(T const&) {
  if constexpr (requires { T::egret_table_name; })  // `orders.as<"o2">()`
    return {fmt::format("Table: {} AS {}", T::egret_table_name.view(), T::egret_name.view()), {}, true};
  else
    return {fmt::format("Table: {}", T::egret_name.view()), {}, true};
}
/// `Subquery: name`; one without a name is named by resolve_names, so that its columns can say whose they are.
template <class R, fixed_string N>
viz::tree to_tree(derived<R, N> const& d) {
  viz::tree t{"Subquery", {viz::detail::node(d.rel)}, true};
  t.subquery = true;
  t.provides = viz::detail::source_keys(typename egret::detail::query_sources<R>::type{});
  if constexpr (N.size() > 0) {
    t.alias = std::string(N.view());
    t.label = "Subquery: " + t.alias;
  }
  return t;
}
template <join_kind K, class L, class R, class P>
viz::tree to_tree(join_t<K, L, R, P> const& j) {
  constexpr char const* names[] = {"InnerJoin", "LeftJoin", "RightJoin", "OuterJoin", "CrossJoin"};
  if constexpr (K == join_kind::cross)
    return {names[static_cast<int>(K)], {viz::detail::node(j.l), viz::detail::node(j.r)}, true};
  else
    return {names[static_cast<int>(K)], {viz::detail::node(j.l), viz::detail::node(j.r), {"on", {viz::detail::node(j.on)}}}, true};
}
template <set_kind K, class L, class R>
viz::tree to_tree(set_op_t<K, L, R> const& u) {
  constexpr char const* names[] = {"UnionAll", "Union", "Intersection", "Difference"};
  viz::tree t{names[static_cast<int>(K)], {viz::detail::node(u.l), viz::detail::node(u.r)}, true};
  t.compound = true;
  return t;
}
template <class... Rows, std::size_t... Is>
void add_rows(viz::tree& t, egret::detail::pack<Rows...> const& p, std::index_sequence<Is...>);
template <class... Es>
void add_row(viz::tree& t, egret::detail::value_row<Es...> const& r);
template <class... Cs, std::size_t... Is>
void add_ctes(viz::tree& t, egret::detail::pack<Cs...> const& p, std::index_sequence<Is...>);
template <class T, class R>
void add_cte(viz::tree& t, cte_decl<T, R> const& c);
template <fixed_string N, class R>
void add_cte(viz::tree& t, cte_t<N, R> const& c);

/// `InMemoryTable: name (n rows)`, then each row's values.
template <class T, class... Rows>
viz::tree to_tree(values_t<T, Rows...> const& v) {
  viz::tree t{fmt::format("InMemoryTable: {} ({} rows)", T::egret_name.view(), sizeof...(Rows)), {}, true};
  t.compound = true;
  add_rows(t, v.rows, std::index_sequence_for<Rows...>{});
  return t;
}
template <class... Rows, std::size_t... Is>
void add_rows(viz::tree& t, egret::detail::pack<Rows...> const& p, std::index_sequence<Is...>) {
  (add_row(t, static_cast<egret::detail::slot<Is, Rows> const&>(p).v), ...);
}
template <class... Es>
void add_row(viz::tree& t, egret::detail::value_row<Es...> const& r) {
  viz::tree row{"row", {}};
  viz::detail::add_pack(row, static_cast<egret::detail::pack<Es...> const&>(r), std::index_sequence_for<Es...>{});
  t.children.push_back(std::move(row));
}
template <bool Recursive, class Q, class... Cs>
viz::tree to_tree(with_t<Recursive, Q, Cs...> const& w) {
  viz::tree t{Recursive ? "WithRecursive" : "With", {}, true};
  t.compound = true;
  add_ctes(t, w.ctes, std::index_sequence_for<Cs...>{});
  t.children.push_back(viz::detail::node(w.q));
  return t;
}
template <class... Cs, std::size_t... Is>
void add_ctes(viz::tree& t, egret::detail::pack<Cs...> const& p, std::index_sequence<Is...>) {
  (add_cte(t, static_cast<egret::detail::slot<Is, Cs> const&>(p).v), ...);
}
template <class T, class R>
void add_cte(viz::tree& t, cte_decl<T, R> const& c) {
  viz::tree n{fmt::format("CTE: {}", T::egret_name.view()), {viz::detail::node(c.rel)}, true};
  n.columns = viz::detail::column_texts(typename T::egret_columns{});
  t.children.push_back(std::move(n));
}
template <fixed_string N, class R>
void add_cte(viz::tree& t, cte_t<N, R> const& c) {
  viz::tree n{fmt::format("CTE: {}", N.view()), {viz::detail::node(c.rel)}, true};
  n.columns = viz::detail::column_texts(typename cte_t<N, R>::egret_columns{});
  t.children.push_back(std::move(n));
}

template <class In, class P>
viz::tree to_tree(filter_t<In, P> const& f) {
  return {"Filter", {viz::detail::node(f.in), {"where", {viz::detail::node(f.pred)}}}, true};
}
template <class In, class P>
viz::tree to_tree(having_t<In, P> const& f) {
  return {"Having", {viz::detail::node(f.in), {"where", {viz::detail::node(f.pred)}}}, true};
}
template <class In>
viz::tree to_tree(distinct_t<In> const& d) {
  return {"Distinct", {viz::detail::node(d.in)}, true};
}
template <class In, class... Ks>
viz::tree to_tree(order_t<In, Ks...> const& o) {
  viz::tree keys{"by", {}};
  viz::detail::add_pack(keys, o.keys, std::index_sequence_for<Ks...>{});
  return {"Sort", {viz::detail::node(o.in), std::move(keys)}, true};
}
template <class In, class C, class O>
viz::tree to_tree(limit_t<In, C, O> const& l) {
  viz::tree t{"Limit", {viz::detail::node(l.in)}, true};
  if constexpr (limit_t<In, C, O>::has_limit) t.children.push_back({"n", {viz::detail::node(l.count)}});
  if constexpr (limit_t<In, C, O>::has_offset) t.children.push_back({"offset", {viz::detail::node(l.offset)}});
  return t;
}
template <class In, std::size_t NKeys, bool Grouped, class... Items>
viz::tree to_tree(project_t<In, NKeys, Grouped, Items...> const& p) {
  viz::tree items{Grouped ? "metrics" : "selections", {}};
  viz::detail::add_pack(items, p.items, std::index_sequence_for<Items...>{});
  // each item typed as its output column: nullable on the outer side of a LEFT JOIN
  std::vector<std::string> const types = viz::detail::column_types(typename project_t<In, NKeys, Grouped, Items...>::output{});
  for (std::size_t i = 0; i < types.size(); ++i) items.children[i].type = types[i];
  if constexpr (Grouped && NKeys > 0) {
    viz::tree keys{"groups", {}};
    for (std::size_t i = 0; i < NKeys; ++i) keys.children.push_back(items.children[i]);
    items.children.erase(items.children.begin(), items.children.begin() + NKeys);
    return {"Aggregate", {viz::detail::node(p.in), std::move(keys), std::move(items)}, true};
  } else {
    return {Grouped ? "Aggregate" : "Project", {viz::detail::node(p.in), std::move(items)}, true};
  }
}

}  // namespace egret

namespace egret::viz {
template <class... Es, std::size_t... Is>
void detail::add_pack(tree& t, egret::detail::pack<Es...> const& p, std::index_sequence<Is...>) {
  (t.children.push_back(node(static_cast<egret::detail::slot<Is, Es> const&>(p).v)), ...);
}

template <class X>
tree detail::node(X const& x) {
  tree t = to_tree(x);  // found in namespace egret
  if constexpr (requires { X::is_window_call; }) {
    // typed by the WindowFunction around it: its nullability depends on the window
  } else if constexpr (expression<X>) {
    t.type = type_text<X>();
  } else if constexpr (relation<X>) {
    if constexpr (requires { typename columns_of_t<X>; }) t.columns = column_texts(columns_of_t<X>{});
  }
  return t;
}

namespace detail {
struct named_source {
  std::string source;  ///< tree::source
  std::string name;    ///< the subquery's name
};
using scope = std::vector<named_source>;

inline void name_subqueries(tree& t, int& next) {
  if (t.subquery && t.alias.empty() && !t.provides.empty()) {
    t.alias = fmt::format("r{}", next++);
    t.label += ": " + t.alias;
  }
  for (auto& c : t.children) name_subqueries(c, next);
}

scope resolve_level(tree& t, scope const& outer);

/// Qualifies the columns of an expression (a clause) by the subqueries visible there.
inline void resolve_expr(tree& t, scope const& visible) {
  if (t.relation) {  // a subquery in an expression (EXISTS, IN, scalar): a level of its own, correlated
    resolve_level(t, visible);
    return;
  }
  if (!t.source.empty()) {
    for (auto it = visible.rbegin(); it != visible.rend(); ++it)  // the innermost level first
      if (it->source == t.source) {
        t.label = it->name + "." + t.column;
        break;
      }
  }
  for (auto& c : t.children) resolve_expr(c, visible);
}

/// Resolves relation t, one SELECT level with the levels it holds, seeing the enclosing levels' names
/// `outer`; returns the names t's FROM items make visible to the rest of the level.
inline scope resolve_level(tree& t, scope const& outer) {
  if (t.subquery) {
    for (auto& c : t.children) resolve_level(c, outer);  // the query inside is a level of its own
    scope here;
    for (auto const& s : t.provides) here.push_back({s, t.alias});
    return here;
  }
  if (t.compound) {
    for (auto& c : t.children)
      if (c.relation) resolve_level(c, outer);
      else resolve_expr(c, outer);
    return {};
  }
  scope visible = outer;
  scope here;
  for (auto& c : t.children)
    if (c.relation) {
      scope const s = resolve_level(c, outer);
      here.insert(here.end(), s.begin(), s.end());
    }
  visible.insert(visible.end(), here.begin(), here.end());
  for (auto& c : t.children)
    if (!c.relation) resolve_expr(c, visible);
  return here;
}
}  // namespace detail

/// Names the subqueries that have none (`r0`, `r1`... in the order they appear) and qualifies each column
/// read through a subquery by the subquery's name, as the SQL does (`r0.amount`, not `payments.amount`).
/// A column of a level's own select list (ORDER BY an output name) stays bare, as in the SQL.
inline void resolve_names(tree& t) {
  int next = 0;
  detail::name_subqueries(t, next);
  if (t.relation)
    detail::resolve_level(t, {});
  else
    detail::resolve_expr(t, {});
}

/// The tree of an expression or a query, typed, its subqueries named: what repr() and to_dot() draw.
template <class Q>
  requires(expression<Q> || relation<Q>)
tree make_tree(Q const& q) {
  tree t = detail::node(q);
  resolve_names(t);
  return t;
}

}  // namespace egret::viz
