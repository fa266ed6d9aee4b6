// Defines window functions: over_t (`f OVER (window)`, for an aggregate or a window function), the
// window functions themselves (row_number, rank, dense_rank, percent_rank, cume_dist, ntile, lag, lead,
// first_value, last_value, nth_value), cumulative aggregates (cumsum, cummean, cummin, cummax), and the
// traits the relational checks use to keep windows out of WHERE, HAVING and aggregates.
//
// Types: row_number, rank, dense_rank and ntile give BIGINT; percent_rank and cume_dist DOUBLE; none of
// them is NULL. lag/lead keep x's type (or the common type with their default) and are nullable unless a
// non-NULL default is given for a non-NULL x. first_value/last_value keep x's type and are NULL only when x
// can be, or when the frame may not contain the current row (a frame may then be empty); nth_value is
// always nullable (the frame may have fewer than n rows). A windowed SUM/AVG/MIN/MAX is NULL-free when its
// argument is, it has no where() filter, and its frame contains the current row.
//
// A window function is not an aggregate: `o.amount.sum().over(w)` sits in select()/mutate() of an
// ungrouped relation. Its arguments and window may use aggregates after group_by (`rank().over(
// window().order_by(sum(x).desc()))` in aggregate()); then they follow the GROUP BY rules.
#pragma once

#include <cstdint>
#include <string_view>

#include <egret/dialect/capability.hpp>
#include <egret/expr/aggregate.hpp>
#include <egret/expr/pack.hpp>
#include <egret/expr/value.hpp>
#include <egret/expr/window_spec.hpp>

namespace egret {

namespace win {
// Each window function: SQL name, name in the repr, whether a frame changes its result, and
// `nullable<Ctx, W, Args...>`: may it be NULL, over window W, with these arguments, in context Ctx.
struct row_number {
  static constexpr std::string_view sql = "ROW_NUMBER", viz = "RowNumber";
  static constexpr bool uses_frame = false;
  template <class Ctx, class W, class... A>
  static constexpr bool nullable = false;
};
struct rank {
  static constexpr std::string_view sql = "RANK", viz = "Rank";
  static constexpr bool uses_frame = false;
  template <class Ctx, class W, class... A>
  static constexpr bool nullable = false;
};
struct dense_rank {
  static constexpr std::string_view sql = "DENSE_RANK", viz = "DenseRank";
  static constexpr bool uses_frame = false;
  template <class Ctx, class W, class... A>
  static constexpr bool nullable = false;
};
struct percent_rank {
  static constexpr std::string_view sql = "PERCENT_RANK", viz = "PercentRank";
  static constexpr bool uses_frame = false;
  template <class Ctx, class W, class... A>
  static constexpr bool nullable = false;
};
struct cume_dist {
  static constexpr std::string_view sql = "CUME_DIST", viz = "CumeDist";
  static constexpr bool uses_frame = false;
  template <class Ctx, class W, class... A>
  static constexpr bool nullable = false;
};
struct ntile {
  static constexpr std::string_view sql = "NTILE", viz = "NTile";
  static constexpr bool uses_frame = false;
  template <class Ctx, class W, class... A>
  static constexpr bool nullable = detail::any_nullable<Ctx, A...>;
};
/// LAG(x [, offset [, default]]): NULL past the partition's edge unless a default is given.
struct lag {
  static constexpr std::string_view sql = "LAG", viz = "Lag";
  static constexpr bool uses_frame = false;
  template <class Ctx, class W, class... A>
  static constexpr bool nullable = sizeof...(A) < 3 || detail::any_nullable<Ctx, A...>;
};
struct lead {
  static constexpr std::string_view sql = "LEAD", viz = "Lead";
  static constexpr bool uses_frame = false;
  template <class Ctx, class W, class... A>
  static constexpr bool nullable = sizeof...(A) < 3 || detail::any_nullable<Ctx, A...>;
};
struct first_value {
  static constexpr std::string_view sql = "FIRST_VALUE", viz = "FirstValue";
  static constexpr bool uses_frame = true;
  template <class Ctx, class W, class... A>
  static constexpr bool nullable = detail::any_nullable<Ctx, A...> || !W::contains_current_row;
};
struct last_value {
  static constexpr std::string_view sql = "LAST_VALUE", viz = "LastValue";
  static constexpr bool uses_frame = true;
  template <class Ctx, class W, class... A>
  static constexpr bool nullable = detail::any_nullable<Ctx, A...> || !W::contains_current_row;
};
struct nth_value {
  static constexpr std::string_view sql = "NTH_VALUE", viz = "NthValue";
  static constexpr bool uses_frame = true;
  template <class Ctx, class W, class... A>
  static constexpr bool nullable = true;
};
}  // namespace win

// ---- traits: where windows are ----

namespace detail {

template <class E>
constexpr bool has_window();
template <class... Es>
constexpr bool has_window_all(type_list<Es...>) {
  return (has_window<Es>() || ...);
}
template <class E>
constexpr bool has_window() {
  if constexpr (requires { E::is_window; } || requires { E::is_window_call; })
    return true;
  else
    return has_window_all(typename E::operands{});
}
/// Whether E is or contains a window function (with or without its OVER clause).
template <class E>
inline constexpr bool has_window_v = has_window<std::remove_cvref_t<E>>();

template <class E>
constexpr bool has_bare_window_call();
template <class... Es>
constexpr bool has_bare_window_call_all(type_list<Es...>) {
  return (has_bare_window_call<Es>() || ...);
}
/// Whether E contains a window function not given its `.over(w)` (over_t's operands skip its function).
template <class E>
constexpr bool has_bare_window_call() {
  if constexpr (requires { E::is_window_call; })
    return true;
  else
    return has_bare_window_call_all(typename E::operands{});
}

template <class E>
constexpr bool window_in_aggregate();
template <class... Es>
constexpr bool window_in_aggregate_all(type_list<Es...>) {
  return (window_in_aggregate<Es>() || ...);
}
/// Whether an aggregate call inside E has a window function in its argument or filter.
template <class E>
constexpr bool window_in_aggregate() {
  if constexpr (requires { E::is_aggregate_call; })
    return has_window_all(typename E::operands{});
  else
    return window_in_aggregate_all(typename E::operands{});
}

template <class E>
constexpr void window_call_without_over() {
  static_assert(dependent_false<E>,
                "egret: a window function (row_number(), rank(), lag()...) needs .over(w): "
                "egret::rank().over(egret::window().order_by(x))");
}

template <class L>
struct first_bare_window_call;
/// The first window function inside E not given its `.over(w)`, or void (over_t's operands skip its function).
template <class E>
struct bare_window_call : first_bare_window_call<typename E::operands> {};
template <class E>
  requires requires { E::is_window_call; }
struct bare_window_call<E> {
  using type = E;
};
template <>
struct first_bare_window_call<type_list<>> {
  using type = void;
};
template <class E, class... Es>
struct first_bare_window_call<type_list<E, Es...>> {
  using type = std::conditional_t<has_bare_window_call<E>(), typename bare_window_call<E>::type,
                                  typename first_bare_window_call<type_list<Es...>>::type>;
};

/// A select item's window rules: every window function has its OVER; no aggregate contains a window.
template <class E>
constexpr void require_window_placement() {
  if constexpr (expression<E>) {
    // the first one, found as a type: one message (shared with as<>() and render, so given once)
    using Bare = typename bare_window_call<E>::type;
    if constexpr (!std::is_void_v<Bare>)
      window_call_without_over<Bare>();
    else if constexpr (window_in_aggregate<E>())
      static_assert(dependent_false<E>,
                    "egret: an aggregate cannot contain a window function; compute the window in select()/mutate(), "
                    "then aggregate the result");
  }
}

/// Aggregates that are NULL only when they see no non-NULL input (not the sample variances: NULL for one row).
template <class Fn>
inline constexpr bool value_of_any_row = std::is_same_v<Fn, agg::sum> || std::is_same_v<Fn, agg::mean> ||
                                         std::is_same_v<Fn, agg::min> || std::is_same_v<Fn, agg::max>;

/// A RANGE offset needs one ORDER BY term; NULLS FIRST/LAST emulated with a second term (`x IS NULL`) breaks it.
template <class W>
inline constexpr bool range_offset_with_nulls_order = [] {
  if constexpr (W::has_frame && W::order_keys::size == 1) {
    using Fr = typename W::frame_type;
    if constexpr (Fr::unit == frame_unit::range && Fr::has_offset)
      return at_t<0, typename W::order_keys>::nulls != nulls_order::unspecified;
  }
  return false;
}();

template <class L>
inline constexpr bool any_aggregate_in = false;
template <class... Es>
inline constexpr bool any_aggregate_in<type_list<Es...>> = any_aggregate<Es...>;

}  // namespace detail

// ---- f OVER (w) ----

/// `f OVER (w)`: an aggregate call or a window function F evaluated over window W. Its type is F's.
/// Its operands are F's arguments and W's expressions, so the scope and GROUP BY checks of the level it
/// is used in see every column inside; it is an aggregate only when one of those contains one.
template <class F, class W>
struct over_t : expr_methods<over_t<F, W>> {
  F fn;
  W window;

  using value_type = value_type_t<F>;
  using function = F;
  using window_type = W;
  using operands = concat_t<typename F::operands, typename W::operands>;
  static constexpr bool is_window = true;
  static constexpr bool is_aggregate = detail::any_aggregate_in<operands>;
  static constexpr int precedence = prec::atom;
  template <class Ctx>
  static constexpr bool nullable_in = [] {
    if constexpr (requires { F::is_window_call; }) {
      return F::template nullable_over<Ctx, W>;
    } else if constexpr (requires { F::is_aggregate_call; }) {
      constexpr bool filtered = !std::is_same_v<typename F::filter_type, no_filter>;
      return F::fn::nullable && (!detail::value_of_any_row<typename F::fn> || filtered ||
                                 nullable_in_v<typename F::argument, Ctx> || !W::contains_current_row);
    } else {
      return true;
    }
  }();

  template <class D, class S, class V>
  static constexpr void render(V& v, over_t const* n) {
    dialect::use<D, dialect::feature::window_functions>(v);
    if constexpr (requires { F::is_aggregate_call; })
      if constexpr (requires { aggregate_spelling<typename D::family, typename F::fn>::emulated; })
        dialect::reject<D, dialect::rejection::emulated_aggregate_over>(v);
    if constexpr (!D::has_nulls_order && detail::range_offset_with_nulls_order<W>)
      dialect::reject<D, dialect::rejection::range_offset_nulls_order>(v);
    if constexpr (requires { F::is_window_call; })
      F::template render_call<D, S>(v, detail::member(n, &over_t::fn));
    else if constexpr (requires { F::is_aggregate_call; })
      D::template render_window_aggregate<D, F, S>(v, detail::member(n, &over_t::fn));
    else
      F::template render<D, S>(v, detail::member(n, &over_t::fn));
    v.text(" OVER (");
    W::template render<D, S>(v, detail::member(n, &over_t::window));
    v.ch(')');
  }
};

namespace detail {

template <class Fn>
constexpr void frame_ignored() {
  static_assert(dependent_false<Fn>,
                "egret: ranking functions and lag()/lead() ignore the window frame; drop .rows()/.range()/.groups()");
}

/// The rules that need both the function and its whole window.
template <class F, class W>
constexpr bool check_over() {
  constexpr bool callable = requires { F::is_aggregate_call; } || requires { F::is_window_call; };
  static_assert(callable,
                "egret: over() applies to an aggregate (sum(), count()...) or a window function (row_number(), "
                "lag()...)");
  static_assert(is_window_spec_v<W>, "egret: over() takes a window: egret::window().partition_by(...).order_by(...)");
  if constexpr (callable && is_window_spec_v<W>) {
    static_assert(!has_window_all(concat_t<typename F::operands, typename W::operands>{}),
                  "egret: a window function cannot contain another one; compute the inner one in select()/mutate() "
                  "first");
    if constexpr (requires { F::is_aggregate_call; })
      static_assert(!F::distinct, "egret: count_distinct() cannot take over(); SQL has no DISTINCT in window aggregates");
    if constexpr (requires { F::is_window_call; })
      if constexpr (!F::function::uses_frame && W::has_frame) frame_ignored<typename F::function>();
    if constexpr (W::has_frame) {
      using Fr = typename W::frame_type;
      if constexpr (Fr::unit == frame_unit::range && Fr::has_offset) {
        using Keys = typename W::order_keys;
        static_assert(Keys::size == 1,
                      "egret: a range() frame with an offset needs exactly one order_by() key; use rows() otherwise");
        if constexpr (Keys::size == 1) {
          using K = value_type_t<typename at_t<0, Keys>::inner>;
          static_assert(is_numeric_v<K>,
                        "egret: a range() frame with an offset needs a numeric order_by() key; use rows() or groups()");
        }
      }
    }
    return true;
  } else {
    return false;
  }
}

template <class F, class W>
constexpr auto make_over(F const& f, W const& w) {
  if constexpr (check_over<F, W>())
    return over_t<F, W>{{}, f, w};
  else
    return f;
}

}  // namespace detail

/// `f OVER (w)`: `egret::over(egret::sum(o.amount), egret::window().partition_by(o.customer_id))`.
template <expression F, class W>
constexpr auto over(F const& f, W const& w) {
  return detail::make_over(f, w);
}
/// `f OVER ()`: over the whole result.
template <expression F>
constexpr auto over(F const& f) {
  return detail::make_over(f, window());
}

// ---- window functions ----

/// A window function call, `RANK()` or `LAG(x, 1)`, before its OVER clause. It becomes a value only with
/// `.over(w)`; used anywhere else it is a compile error.
template <class Fn, class T, class... Args>
struct window_call : expr_tag {
  detail::pack<Args...> args;

  using value_type = T;
  using function = Fn;
  using operands = type_list<Args...>;
  static constexpr bool is_window_call = true;
  static constexpr bool is_aggregate = detail::any_aggregate<Args...>;
  static constexpr int precedence = prec::atom;
  template <class Ctx>
  static constexpr bool nullable_in = true;
  /// Nullability once evaluated over window W, in context Ctx.
  template <class Ctx, class W>
  static constexpr bool nullable_over = Fn::template nullable<Ctx, W, Args...>;

  /// `f OVER (w)`, or `f OVER ()` without a window.
  template <class W>
  constexpr auto over(W const& w) const {
    return detail::make_over(*this, w);
  }
  constexpr auto over() const { return detail::make_over(*this, window()); }

  /// Not without over(): `egret::rank().over(w).as<"rank">()`.
  template <fixed_string Name>
  constexpr aliased<window_call, Name> as() const {
    detail::window_call_without_over<window_call>();
    return {{}, *this};
  }

  /// Used without over(): a compile error when rendered.
  template <class D, class S, class V>
  static constexpr void render(V&, window_call const*) {
    detail::window_call_without_over<window_call>();
  }

  /// `FN(args...)`, the part before OVER.
  template <class D, class S, class V>
  static constexpr void render_call(V& v, window_call const* n) {
    D::template require_window_function<D, Fn>();  // SQL Server has no NTH_VALUE
    v.text(Fn::sql);
    v.ch('(');
    if constexpr (sizeof...(Args) > 0)
      detail::pack<Args...>::template render<D, S>(v, detail::member(n, &window_call::args));
    v.ch(')');
  }
};

namespace detail {
template <class Fn, class T, class... Args>
constexpr auto make_window_call(Args const&... args) {
  return window_call<Fn, T, Args...>{{}, make_pack(args...)};
}

template <class E>
constexpr void require_integer_argument() {
  static_assert(is_integer_v<value_type_t<E>>, "egret: this window function argument is a count; give an integer");
}

/// lag(x [, offset [, default]]) and lead(...).
template <class Fn, class X>
constexpr auto make_shift(X const& x) {
  return make_window_call<Fn, value_type_t<X>>(x);
}
template <class Fn, class X, class O>
constexpr auto make_shift(X const& x, O const& offset) {
  require_integer_argument<as_expr_t<O>>();
  return make_window_call<Fn, value_type_t<X>>(x, as_expr(offset));
}
template <class Fn, class X, class O, class Def>
constexpr auto make_shift(X const& x, O const& offset, Def const& def) {
  require_integer_argument<as_expr_t<O>>();
  using TX = value_type_t<X>;
  using TD = value_type_t<as_expr_t<Def>>;
  static_assert(comparable_v<TX, TD>, "egret: the default of lag()/lead() must have the SQL type of x");
  using T = std::conditional_t<comparable_v<TX, TD>, common_t<TX, TD>, TX>;
  return make_window_call<Fn, T>(x, as_expr(offset), as_expr(def));
}
template <class Fn, class X, class... A>
constexpr auto shift(X const& x, A const&... a) {
  if constexpr (sizeof...(A) <= 2) {
    return make_shift<Fn>(x, a...);
  } else {
    static_assert(sizeof...(A) <= 2, "egret: lag() and lead() take x, then optionally an offset and a default");
    return make_shift<Fn>(x);
  }
}
}  // namespace detail

/// `ROW_NUMBER()`: 1, 2, 3... in the window's order (BIGINT, never NULL).
constexpr window_call<win::row_number, std::int64_t> row_number() { return {}; }
/// `RANK()`: 1 + the number of rows before the row's peer group; ties share a rank, gaps follow.
constexpr window_call<win::rank, std::int64_t> rank() { return {}; }
/// `DENSE_RANK()`: ranks without gaps.
constexpr window_call<win::dense_rank, std::int64_t> dense_rank() { return {}; }
/// `PERCENT_RANK()`: (rank - 1) / (partition rows - 1), a DOUBLE in [0, 1].
constexpr window_call<win::percent_rank, double> percent_rank() { return {}; }
/// `CUME_DIST()`: the fraction of partition rows up to the row's last peer, a DOUBLE in (0, 1].
constexpr window_call<win::cume_dist, double> cume_dist() { return {}; }

/// `NTILE(n)`: the bucket 1..n of the row, buckets as equal as possible (BIGINT).
template <class N>
constexpr auto ntile(N const& n) {
  detail::require_integer_argument<as_expr_t<N>>();
  return detail::make_window_call<win::ntile, std::int64_t>(as_expr(n));
}

/// `LAG(x [, offset [, default]])`: x from `offset` rows before (1 by default); NULL, or the default,
/// past the partition's first row. Values are bound; write `egret::lit<2>` to inline an offset.
template <expression X, class... A>
constexpr auto lag(X const& x, A const&... a) {
  return detail::shift<win::lag>(x, a...);
}
/// `LEAD(x [, offset [, default]])`: x from `offset` rows after.
template <expression X, class... A>
constexpr auto lead(X const& x, A const&... a) {
  return detail::shift<win::lead>(x, a...);
}

/// `FIRST_VALUE(x)`: x at the frame's first row.
template <expression X>
constexpr auto first_value(X const& x) {
  return detail::make_window_call<win::first_value, value_type_t<X>>(x);
}
/// `LAST_VALUE(x)`: x at the frame's last row. The default frame ends at the current row's last peer;
/// for the partition's last row give `.rows(unbounded_preceding(), unbounded_following())`.
template <expression X>
constexpr auto last_value(X const& x) {
  return detail::make_window_call<win::last_value, value_type_t<X>>(x);
}
/// `NTH_VALUE(x, n)`: x at the frame's n-th row (1-based), NULL when the frame is shorter.
template <expression X, class N>
constexpr auto nth_value(X const& x, N const& n) {
  detail::require_integer_argument<as_expr_t<N>>();
  return detail::make_window_call<win::nth_value, value_type_t<X>>(x, as_expr(n));
}

// ---- cumulative aggregates (Ibis's cumsum & co.) ----

namespace detail {
/// W with the frame `ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW`.
template <class W>
constexpr auto cumulative(W const& w) {
  static_assert(is_window_spec_v<W>, "egret: a cumulative aggregate takes a window: x.cumsum(egret::order_by(...))");
  if constexpr (is_window_spec_v<W>) {
    static_assert(W::order_keys::size > 0,
                  "egret: a cumulative aggregate needs an ordering: x.cumsum(egret::order_by(...))");
    static_assert(!W::has_frame,
                  "egret: a cumulative aggregate sets its own frame (rows from the partition's start to the current "
                  "row); give a window without rows()/range()/groups()");
    if constexpr (W::has_frame)
      return w;
    else
      return w.rows(unbounded_preceding(), current_row());
  } else {
    return window().rows(unbounded_preceding(), current_row());
  }
}
}  // namespace detail

/// Running total: `SUM(x) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`;
/// w gives the order and optionally the partition: `o.amount.cumsum(egret::order_by(o.order_date))`.
template <expression X, class W>
constexpr auto cumsum(X const& x, W const& w) {
  return over(sum(x), detail::cumulative(w));
}
/// Running mean (AVG).
template <expression X, class W>
constexpr auto cummean(X const& x, W const& w) {
  return over(mean(x), detail::cumulative(w));
}
/// Running minimum.
template <expression X, class W>
constexpr auto cummin(X const& x, W const& w) {
  return over(min(x), detail::cumulative(w));
}
/// Running maximum.
template <expression X, class W>
constexpr auto cummax(X const& x, W const& w) {
  return over(max(x), detail::cumulative(w));
}

}  // namespace egret
