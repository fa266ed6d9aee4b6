// Defines how one dynamic SELECT level renders (egret::dyn::detail): its FROM item spliced as compile-time
// text where it can be (else written by the same render code at run time), qualification of columns as the
// FROM item does it, and the run-time clauses (WHERE, GROUP BY, HAVING, ORDER BY, LIMIT) in SQL clause order.
// dyn::query (dynamic/query.hpp) holds the clauses; this header writes them.
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
    w.ch(')');
    w.text(D::table_alias_keyword);
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

}  // namespace egret::dyn
