// Defines dyn::query, a SELECT whose shape is chosen at run time over a static FROM item, and dyn::from(r),
// which starts one from a static relation. The FROM item keeps its compile-time SQL (a table, a static join, a
// static query as a subquery: spliced as the constant egret::to_sql gives); filters, sort keys, the select
// list, GROUP BY items, LIMIT and joins with dynamic subqueries are added at run time. dyn::render<D>(q)
// builds the text with fmt in one walk that also collects the bound values in text order.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <egret/dynamic/column.hpp>
#include <egret/dynamic/level.hpp>
#include <egret/dynamic/sort_key.hpp>
#include <egret/dynamic/subquery.hpp>
#include <egret/relation/methods.hpp>
#include <egret/render/to_sql.hpp>

namespace egret::dyn {

/// A SELECT over the static FROM item F whose other clauses are chosen at run time. Cols is the typed
/// result (a type_list of columns: rows are egret::row, read with `r.get<"name">()`), void for `SELECT *`
/// (F's columns), or runtime_columns when the select list was chosen at run time (rows are dyn::row).
/// Static arguments are checked at compile time against F (scope, BOOLEAN conditions, names); clauses
/// accumulate: `q.where(a); q.where(b);` is `WHERE a AND b`.
template <class F, class Cols = void>
class query {
 public:
  static constexpr bool is_dynamic_query = true;
  using from_type = F;
  using cols_param = Cols;

  explicit query(F f, detail::clauses c = {}) : f_(std::move(f)), c_(std::move(c)) {}

  // ---- filters, keys, limits (in place) ----

  /// `WHERE p`, ANDed with the filters given before; an empty dyn::expr adds nothing.
  template <class P>
  query& where(P const& p) {
    egret::detail::require_condition<detail::scope_of<F>, as_expr_t<P>, false>();
    add(c_.where, p);
    return *this;
  }
  /// `HAVING p` (conditions on aggregates, after group_by), ANDed likewise.
  template <class P>
  query& having(P const& p) {
    egret::detail::require_condition<detail::scope_of<F>, as_expr_t<P>, true>();
    add(c_.having, p);
    return *this;
  }
  /// `ORDER BY keys`: expressions (ascending), egret::asc/desc keys, dyn::asc/desc/order keys, dyn::columns.
  /// Appends to the keys given before.
  template <class... Ks>
  query& order_by(Ks const&... keys) {
    (detail::check_sort_key<detail::scope_of<F>, Ks>(), ...);
    (c_.order.push_back(sort_key(keys)), ...);
    return *this;
  }
  query& order_by(std::vector<sort_key> const& keys) {
    c_.order.insert(c_.order.end(), keys.begin(), keys.end());
    return *this;
  }
  /// `LIMIT n` (bound).
  query& limit(std::int64_t n) {
    c_.limit = n;
    c_.offset.reset();
    return *this;
  }
  /// `LIMIT n OFFSET m` (bound).
  query& limit(std::int64_t n, std::int64_t offset) {
    c_.limit = n;
    c_.offset = offset;
    return *this;
  }
  /// `SELECT DISTINCT`.
  query& distinct() {
    c_.distinct = true;
    return *this;
  }

  // ---- the select list ----

  /// A select list of static items (columns, `.as<"name">()` expressions): the rows stay typed.
  /// With any dyn::column among them, the list is a run-time one (rows are dyn::row).
  template <class... Items>
  auto select(Items const&... items) const {
    if constexpr ((expression<Items> && ...)) {
      using S = detail::scope_of<F>;
      egret::detail::require_items<S, type_list<>, false, Items...>();
      using Nullables = typename S::nullables;
      using Out = type_list<column_ref<runtime_columns, output_name<Items>::value, value_type_t<Items>,
                                       nullable_in_v<Items, Nullables>>...>;
      detail::clauses c = c_;
      c.items = {static_item<Nullables>(items)...};
      return query<F, Out>(f_, std::move(c));
    } else {
      return select(std::vector<column>{column(items)...});
    }
  }
  /// A select list chosen at run time: rows are dyn::row.
  query<F, runtime_columns> select(std::vector<column> items) const {
    detail::clauses c = c_;
    c.items = std::move(items);
    return query<F, runtime_columns>(f_, std::move(c));
  }

  /// `GROUP BY keys` (named: columns, `.as<"name">()` items, dyn::columns); finish with aggregate().
  template <class... Ks>
  query& group_by(Ks const&... keys) {
    (c_.keys.push_back(column(keys)), ...);
    return *this;
  }
  query& group_by(std::vector<column> const& keys) {
    c_.keys.insert(c_.keys.end(), keys.begin(), keys.end());
    return *this;
  }
  /// `SELECT keys..., items... GROUP BY keys...`: the select list is the keys, then the items.
  template <class... Items>
  query<F, runtime_columns> aggregate(Items const&... items) const {
    return aggregate(std::vector<column>{column(items)...});
  }
  query<F, runtime_columns> aggregate(std::vector<column> const& items) const {
    std::vector<column> all = c_.keys;
    all.insert(all.end(), items.begin(), items.end());
    return select(std::move(all));
  }

  // ---- joins (a new FROM item: the result is another query type) ----

  /// `INNER JOIN r ON p`: r is a static relation (a table, `t.as<"t2">()`, a static query) or a
  /// dyn::subquery. The condition may mix static and dynamic parts.
  template <class R, class P>
  auto join(R const& r, P const& on) const {
    return make_join<join_kind::inner>(r, on);
  }
  /// `LEFT JOIN r ON p`: r's columns become nullable.
  template <class R, class P>
  auto left_join(R const& r, P const& on) const {
    return make_join<join_kind::left>(r, on);
  }

  /// This query as a FROM item named `alias` (quoted by the dialect), for a join or dyn::from.
  subquery as(std::string alias) const {
    return subquery(std::make_shared<detail::level_impl<F> const>(f_, c_, declared_columns()), std::move(alias));
  }

  // ---- inspection ----

  /// The compile-time SQL spliced for the FROM item: a static subquery's to_sql<D> text (the same
  /// object), or a table's / static join's text; empty when the FROM item has run-time parts.
  template <class D>
  static constexpr std::string_view from_sql() {
    return detail::from_constant<D, F>();
  }
  /// The result columns as far as known before rendering (nullability by the items' own rules).
  std::vector<column_info> declared_columns() const {
    auto const& items = c_.items.empty() ? c_.keys : c_.items;
    if (!items.empty()) {
      std::vector<column_info> out;
      for (auto const& i : items) out.push_back({i.name(), i.type(), i.nullable()});
      return out;
    }
    if constexpr (!detail::has_dyn_v<F>)
      return detail::infos_of(columns_of_t<F>{});
    else
      return {};
  }

  /// Renders for the writer's dialect; result columns to `cols` when given.
  void render(writer& w, std::vector<column_info>* cols) const {
    visit_dialect(w.dialect(), [&]<class D>() { render_as<D>(w, cols); });
  }
  template <class D>
  void render_as(writer& w, std::vector<column_info>* cols) const {
    detail::render_level<D>(w, f_, c_, cols);
    if (cols != nullptr && c_.items.empty() && c_.keys.empty()) {
      if constexpr (!detail::has_dyn_v<F>) *cols = detail::infos_of(columns_of_t<F>{});
    }
  }

  F const& from_item() const { return f_; }
  detail::clauses const& parts() const { return c_; }

 private:
  /// p as a condition; empty when p is not BOOLEAN (require_condition has reported it: nothing cascades).
  template <class P>
  static expr<bool> condition(P const& p) {
    if constexpr (std::is_same_v<value_type_t<as_expr_t<P>>, bool>)
      return expr<bool>(p);
    else
      return {};
  }
  template <class P>
  static void add(std::vector<expr<bool>>& to, P const& p) {
    expr<bool> e = condition(p);
    if (!e.empty()) to.push_back(std::move(e));
  }

  template <class Nullables, class E>
  static column static_item(E const& e) {
    bool nullable = nullable_in_v<E, Nullables>;
    if constexpr (requires { E::is_dyn_expr; }) nullable = e.nullable();
    column c(e);
    return column(c.ptr(), c.name(), c.needs_alias() ? std::string() : c.name(), c.type(), nullable);
  }

  template <join_kind K, class R, class P>
  auto make_join(R const& r, P const& on) const {
    auto const rhs = [&] {
      if constexpr (std::is_same_v<R, subquery>) {
        return r;
      } else {
        static_assert(relation<R>, "egret: join() needs a relation (a table, a static query) or a dyn::subquery");
        if constexpr (R::stage == stage::from)
          return r;
        else
          return derived<R>{{}, r};
      }
    }();
    using RF = std::remove_cvref_t<decltype(rhs)>;
    static_assert(!(egret::detail::is_table_v<RF> && contains_v<RF, egret::detail::entries_of_t<F>>),
                  "egret: this table is already in the query; join it with itself through an alias: t.as<\"t2\">()");
    using J = join_t<K, F, RF, detail::on_condition>;
    egret::detail::require_condition<detail::scope_of<J>, as_expr_t<P>, false>();
    return query<J, Cols>(J{{}, f_, rhs, detail::on_condition(condition(on))}, c_);
  }

  F f_;
  detail::clauses c_;
};

/// Starts a dynamic query from a static relation: a table (`FROM "orders"`), a static join, or any static
/// query, which becomes a subquery whose text is its compile-time SQL (`FROM (SELECT ...) AS "t0"`; its
/// columns are `q["name"_c]` as usual).
template <class R>
auto from(R const& r) {
  static_assert(relation<R>, "egret: dyn::from() starts from a relation (a table or a static query)");
  if constexpr (R::stage == stage::from)
    return query<R>(r);
  else
    return query<derived<R>>(derived<R>{{}, r});
}
/// Starts a dynamic query from a dynamic subquery (give it a select list).
inline query<subquery> from(subquery const& s) { return query<subquery>(s); }

/// The SQL of a dynamic query, its values in text order, and its result columns.
struct rendered {
  std::string sql;
  std::vector<datum> values;
  std::vector<column_info> columns;
};

/// Renders q (a dyn::query, dyn::expr or dyn::column) for dialect D at run time.
template <class D, class Q>
rendered render(Q const& q) {
  writer w(dialect_index<D>);
  rendered out;
  if constexpr (requires { Q::is_dynamic_query; })
    q.render(w, &out.columns);
  else
    render_node(w, q.get());
  out.sql = w.str();
  out.values = std::move(w.values());
  return out;
}

/// The SQL text of q for dialect D, built at run time: `dyn::to_sql<dialect::sqlite>(q)`.
template <class D, class Q>
std::string to_sql(Q const& q) {
  return render<D>(q).sql;
}

}  // namespace egret::dyn
