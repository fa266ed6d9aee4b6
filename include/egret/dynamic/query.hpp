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
#include <egret/dynamic/sort_key.hpp>
#include <egret/dynamic/subquery.hpp>
#include <egret/relation/methods.hpp>
#include <egret/render/to_sql.hpp>

namespace egret::dyn {

/// The Cols of a dyn::query whose select list is chosen at run time: its rows are dyn::row.
struct runtime_columns {};

namespace detail {

/// Whether FROM item F holds run-time parts (a dynamic subquery, a join condition built at run time): its
/// text is then rendered at run time, through the same code.
template <class F>
inline constexpr bool has_dyn_v = requires { F::is_dyn_from; };
template <join_kind K, class L, class R, class P>
inline constexpr bool has_dyn_v<join_t<K, L, R, P>> = has_dyn_v<L> || has_dyn_v<R> || requires { P::is_dyn_expr; };

template <class F>
using scope_of = level_scope<F, egret::detail::no_node>;

template <class D, class F, class Src>
void qualify_source(writer& w) {
  if constexpr (!has_dyn_v<Src>) scope_of<F>::template qualify<D, Src>(w);  // a dynamic subquery's refs qualify themselves
}

/// Qualifies a column of `src` as FROM item F does (run-time face of level_scope<F>).
template <class D, class F, class... Srcs>
int qualify_in(writer& w, source_info const* src, type_list<Srcs...>) {
  int r = 0;
  (void)((!has_dyn_v<Srcs> && src == &source_info_v<Srcs>
              ? (qualify_source<D, F, Srcs>(w), r = contains_v<Srcs, typename scope_of<F>::nullables> ? 2 : 1,
                 true)
              : false) ||
         ...);
  return r;
}
template <class D, class F>
int qualify_from(writer& w, source_info const* src) {
  return qualify_in<D, F>(w, src, typename scope_of<F>::sources{});
}

/// The compile-time text of FROM item F (no run-time parts).
template <class F>
struct from_text {
  template <class D, class V>
  static constexpr void write(V& v) {
    F::template render_from<D, scope_of<F>>(v, static_cast<F const*>(nullptr));
  }
};

template <class F>
inline constexpr bool is_derived_v = requires { F::is_derived; };

/// The constant spliced for FROM item F: for a subquery, the query's own to_sql text (the same object);
/// else the FROM item's text. Empty when F has run-time parts.
template <class D, class F>
constexpr std::string_view from_constant() {
  if constexpr (has_dyn_v<F>)
    return {};
  else if constexpr (is_derived_v<F>)
    return egret::detail::sql_text<D, typename F::relation>.view();
  else
    return egret::detail::static_text<D, from_text<F>>.view();
}
template <class D, class F>
constexpr int from_constant_params() {
  if constexpr (has_dyn_v<F>)
    return 0;
  else if constexpr (is_derived_v<F>)
    return egret::detail::sql_measure<D, typename F::relation>.params;
  else
    return egret::detail::text_measure<D, from_text<F>>.params;
}

/// Writes FROM item F: its compile-time text spliced whole, then its values collected by walking it with
/// the text dropped. Where the constant's `$n` numbering would be wrong (values before it, PostgreSQL) or
/// F has run-time parts, the same render code writes it at run time.
template <class D, class F>
void render_from_item(writer& w, F const& f) {
  using S = scope_of<F>;
  constexpr bool numbered = D::placeholders == dialect::placeholder_style::dollar_number;
  bool const splice = !has_dyn_v<F> && !(numbered && w.params() > 0 && from_constant_params<D, F>() > 0);
  if constexpr (is_derived_v<F>) {
    w.ch('(');
    if (splice) {
      w.text(from_constant<D, F>());
      value_sink sink{w};
      egret::detail::render_select<D>(sink, &f.rel);
    } else {
      egret::detail::render_select<D>(w, &f.rel);
    }
    w.text(") AS ");
    S::template write_alias<D, F>(w);
  } else if constexpr (has_dyn_v<F>) {
    F::template render_from<D, S>(w, &f);
  } else if (splice) {
    w.text(from_constant<D, F>());
    value_sink sink{w};
    F::template render_from<D, S>(sink, &f);
  } else {
    F::template render_from<D, S>(w, &f);
  }
}

/// A join condition built at run time: an expr<bool> rendered whole, with no parentheses around it.
struct on_condition : expr<bool> {
  static constexpr int precedence = prec::lor;
  explicit on_condition(expr<bool> e) : expr<bool>(std::move(e)) {}
  template <class D, class S, class V>
  static constexpr void render(V& v, on_condition const* n) {
    static_assert(std::is_same_v<V, writer>, "egret: a join built at run time renders only in a dynamic query");
    if constexpr (std::is_same_v<V, writer>) render_node(v, n->get());
  }
};

/// `LIMIT n [OFFSET m]` in the shape dialect::render_limit takes.
template <bool Offset>
struct limit_clause {
  value<std::int64_t> count;
  value<std::int64_t> offset;
  static constexpr bool has_limit = true;
  static constexpr bool has_offset = Offset;
  template <class D, class S, class V>
  static void render_count(V& v, limit_clause const* l) {
    value<std::int64_t>::render<D, S>(v, &l->count);
  }
  template <class D, class S, class V>
  static void render_offset(V& v, limit_clause const* l) {
    value<std::int64_t>::render<D, S>(v, &l->offset);
  }
};

/// The run-time clauses of a dynamic SELECT.
struct clauses {
  std::vector<column> items;  ///< empty: `*` (or the GROUP BY keys)
  bool distinct = false;
  std::vector<expr<bool>> where;
  std::vector<column> keys;
  std::vector<expr<bool>> having;
  std::vector<sort_key> order;
  std::optional<std::int64_t> limit;
  std::optional<std::int64_t> offset;
};

inline void render_conditions(writer& w, std::vector<expr<bool>> const& ps) {
  int const min = ps.size() > 1 ? prec::land : 0;  // a lone condition needs no parentheses
  bool first = true;
  for (auto const& p : ps) {
    if (!first) w.text(" AND ");
    first = false;
    render_node(w, p.get(), min);
  }
}

/// One dynamic SELECT, in SQL clause order (as render_level does for static levels). The result columns go
/// to `cols` when given.
template <class D, class F>
void render_level(writer& w, F const& f, clauses const& c, std::vector<column_info>* cols) {
  qualify_fn const outer = w.enter_scope(&qualify_from<D, F>);
  w.text("SELECT ");
  if (c.distinct) w.text("DISTINCT ");
  auto const& items = c.items.empty() ? c.keys : c.items;
  if (items.empty()) {
    if constexpr (has_dyn_v<F>)
      throw egret::error("egret: a dynamic query joined with a dynamic subquery needs a select list: call select()");
    w.ch('*');
  }
  bool first = true;
  for (auto const& item : items) {
    if (!first) w.text(", ");
    first = false;
    (void)w.take_touched_nullable();
    render_node(w, item.get());
    bool const nullable = item.nullable() || w.take_touched_nullable();
    if (item.needs_alias()) {
      w.text(" AS ");
      D::template quote_identifier<D>(w, item.name());
    }
    if (cols != nullptr) cols->push_back({item.name(), item.type(), nullable});
  }
  w.text(" FROM ");
  render_from_item<D>(w, f);
  if (!c.where.empty()) {
    w.text(" WHERE ");
    render_conditions(w, c.where);
  }
  if (!c.keys.empty()) {
    w.text(" GROUP BY ");
    first = true;
    for (auto const& k : c.keys) {
      if (!first) w.text(", ");
      first = false;
      render_node(w, k.get());
    }
  }
  if (!c.having.empty()) {
    w.text(" HAVING ");
    render_conditions(w, c.having);
  }
  if (!c.order.empty()) {
    w.text(" ORDER BY ");
    first = true;
    for (auto const& k : c.order) {
      if (!first) w.text(", ");
      first = false;
      render_node(w, k.get());
    }
  }
  if (c.limit) {
    if (c.offset) {
      limit_clause<true> l{{{}, *c.limit}, {{}, *c.offset}};
      D::template render_limit<D, runtime_scope>(w, &l);
    } else {
      limit_clause<false> l{{{}, *c.limit}, {}};
      D::template render_limit<D, runtime_scope>(w, &l);
    }
  }
  w.enter_scope(outer);
}

template <class... Cs>
std::vector<column_info> infos_of(type_list<Cs...>) {
  return {column_info{std::string(Cs::name.view()), type_id_of<typename Cs::value_type>, nullable_v<Cs>}...};
}

/// The result columns of a query: static Cols, or the FROM item's (`SELECT *`).
template <class F, class Cols>
struct result_columns {
  using type = Cols;
};
template <class F>
struct result_columns<F, void> {
  static_assert(!has_dyn_v<F>, "egret: a dynamic query joined with a dynamic subquery needs a select list: call "
                               "select()");
  using type = columns_of_t<F>;
};

/// A dynamic level, erased: what a subquery holds.
template <class F>
class level_impl final : public level_base {
 public:
  level_impl(F f, clauses c, std::vector<column_info> declared)
      : f_(std::move(f)), c_(std::move(c)), declared_(std::move(declared)) {}
  void render(writer& w, std::vector<column_info>* cols) const override {
    dyn::visit_dialect(w.dialect(), [&]<class D>() { render_level<D>(w, f_, c_, cols); });
  }
  std::vector<column_info> declared_columns() const override { return declared_; }

 private:
  F f_;
  clauses c_;
  std::vector<column_info> declared_;
};

/// Compile-time checks on a static sort key (scope); run-time pieces are checked when rendered.
template <class S, class K>
constexpr void check_sort_key() {
  if constexpr (requires { K::is_sort_key; })
    egret::detail::require_in_scope<S, typename K::inner>();
  else if constexpr (expression<K>)
    egret::detail::require_in_scope<S, K>();
}

}  // namespace detail

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
