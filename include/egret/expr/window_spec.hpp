// Defines window specifications, the `OVER (...)` of a window function:
// `egret::window().partition_by(a, b).order_by(c.desc(), d).rows(egret::preceding<2>(), egret::current_row())`,
// and the frame bounds it is built from (unbounded_preceding, preceding, current_row, following,
// unbounded_following).
//
// A frame offset is part of the query's meaning: `preceding<2>()` inlines `2` in the SQL text;
// `preceding(n)` binds n as a parameter (the text stays fixed, the value travels with the query).
// A window specification is not an expression; window functions take it in `.over(w)` (expr/window.hpp),
// which checks the rules that need the whole specification (RANGE offsets against the ORDER BY key...).
#pragma once

#include <string_view>

#include <egret/expr/alias.hpp>
#include <egret/expr/pack.hpp>
#include <egret/expr/value.hpp>

namespace egret {

/// Where a frame bound sits, relative to the current row, in SQL order.
enum class bound_kind { unbounded_preceding, preceding, current_row, following, unbounded_following };

/// A frame bound of kind K without an offset (`UNBOUNDED PRECEDING`, `CURRENT ROW`, `UNBOUNDED FOLLOWING`),
/// or with offset expression E (`2 PRECEDING`, `? FOLLOWING`).
template <bound_kind K, class E = void>
struct frame_bound {
  E offset;

  using offset_type = E;
  using operands = type_list<E>;
  static constexpr bound_kind kind = K;
  static constexpr bool is_frame_bound = true;
  static constexpr bool has_offset = true;

  template <class D, class S, class V>
  static constexpr void render(V& v, frame_bound const* b) {
    detail::render_operand<D, S>(v, detail::member(b, &frame_bound::offset), prec::atom);
    v.text(K == bound_kind::preceding ? " PRECEDING" : " FOLLOWING");
  }
};
template <bound_kind K>
struct frame_bound<K, void> {
  using operands = type_list<>;
  static constexpr bound_kind kind = K;
  static constexpr bool is_frame_bound = true;
  static constexpr bool has_offset = false;

  template <class D, class S, class V>
  static constexpr void render(V& v, frame_bound const*) {
    v.text(K == bound_kind::unbounded_preceding ? "UNBOUNDED PRECEDING"
           : K == bound_kind::current_row       ? "CURRENT ROW"
                                                : "UNBOUNDED FOLLOWING");
  }
};

namespace detail {
template <class E>
constexpr bool has_column();
template <class... Es>
constexpr bool has_column_all(type_list<Es...>) {
  return (has_column<Es>() || ...);
}
/// Whether a column reference is anywhere inside E.
template <class E>
constexpr bool has_column() {
  if constexpr (is_column_v<E>)
    return true;
  else
    return has_column_all(typename E::operands{});
}

template <bound_kind K, class N>
constexpr auto make_offset_bound(N const& n) {
  using E = as_expr_t<N>;
  static_assert(is_numeric_v<value_type_t<E>>,
                "egret: a frame offset must be a number of rows (or, in range(), of ORDER BY units)");
  static_assert(!has_column<E>() && !is_aggregate_v<E>,
                "egret: a frame offset must be a constant (preceding<2>(), a C++ value, or a param<>), not a column");
  return frame_bound<K, E>{as_expr(n)};
}
template <bound_kind K, auto N>
constexpr auto make_literal_bound() {
  static_assert(std::is_integral_v<decltype(N)> && !std::is_same_v<decltype(N), bool>,
                "egret: preceding<N>() and following<N>() take an integer; use preceding(x) for other numbers");
  static_assert(N >= 0, "egret: a frame offset cannot be negative; use preceding<N>() or following<N>()");
  return frame_bound<K, lit_t<N>>{};
}
}  // namespace detail

/// `UNBOUNDED PRECEDING`: the frame starts at the partition's first row.
constexpr frame_bound<bound_kind::unbounded_preceding> unbounded_preceding() { return {}; }
/// `CURRENT ROW` (in range() and groups(): the current row's first or last peer).
constexpr frame_bound<bound_kind::current_row> current_row() { return {}; }
/// `UNBOUNDED FOLLOWING`: the frame ends at the partition's last row.
constexpr frame_bound<bound_kind::unbounded_following> unbounded_following() { return {}; }

/// `N PRECEDING`, N inlined in the SQL text: `preceding<2>()`.
template <auto N>
constexpr auto preceding() {
  return detail::make_literal_bound<bound_kind::preceding, N>();
}
/// `? PRECEDING`, the offset bound as a parameter (a C++ number, lit<>, or param<>).
template <class N>
constexpr auto preceding(N const& n) {
  return detail::make_offset_bound<bound_kind::preceding>(n);
}
/// `N FOLLOWING`, N inlined in the SQL text: `following<2>()`.
template <auto N>
constexpr auto following() {
  return detail::make_literal_bound<bound_kind::following, N>();
}
/// `? FOLLOWING`, the offset bound as a parameter.
template <class N>
constexpr auto following(N const& n) {
  return detail::make_offset_bound<bound_kind::following>(n);
}

/// The unit a frame counts in: physical rows, ORDER BY values, or peer groups.
enum class frame_unit { rows, range, groups };
/// Rows left out of a frame: `EXCLUDE CURRENT ROW`, `EXCLUDE GROUP` (the current row and its peers),
/// `EXCLUDE TIES` (its peers but not itself).
enum class frame_exclude { none, current_row, group, ties };

/// No frame clause: the SQL default (the partition up to the current row's last peer with an ORDER BY,
/// the whole partition without).
struct no_frame {
  using operands = type_list<>;
  static constexpr bool contains_current_row = true;
};

/// `ROWS|RANGE|GROUPS BETWEEN start AND end [EXCLUDE ...]`.
template <frame_unit U, class Start, class End, frame_exclude X = frame_exclude::none>
struct frame_t {
  Start start;
  End end;

  using start_type = Start;
  using end_type = End;
  using operands = concat_t<typename Start::operands, typename End::operands>;
  static constexpr frame_unit unit = U;
  static constexpr frame_exclude exclude = X;
  static constexpr bool has_offset = Start::has_offset || End::has_offset;
  /// Whether the current row is always in its own frame (then the frame is never empty). Conservative:
  /// `following<0>()` as the start counts as "may not contain".
  static constexpr bool contains_current_row = Start::kind <= bound_kind::current_row &&
                                               End::kind >= bound_kind::current_row &&
                                               (X == frame_exclude::none || X == frame_exclude::ties);

  template <class D, class S, class V>
  static constexpr void render(V& v, frame_t const* f) {
    D::template require_frame<D, frame_t>();
    v.text(U == frame_unit::rows ? "ROWS BETWEEN " : U == frame_unit::range ? "RANGE BETWEEN " : "GROUPS BETWEEN ");
    Start::template render<D, S>(v, detail::member(f, &frame_t::start));
    v.text(" AND ");
    End::template render<D, S>(v, detail::member(f, &frame_t::end));
    if constexpr (X == frame_exclude::current_row)
      v.text(" EXCLUDE CURRENT ROW");
    else if constexpr (X == frame_exclude::group)
      v.text(" EXCLUDE GROUP");
    else if constexpr (X == frame_exclude::ties)
      v.text(" EXCLUDE TIES");
  }
};

template <class Partition, class Order, class Frame>
struct window_spec;

namespace detail {
template <class W>
inline constexpr bool is_window_spec_v = requires { std::remove_cvref_t<W>::is_window_spec; };

template <class B>
constexpr void require_frame_bound() {
  static_assert(requires { B::is_frame_bound; },
                "egret: a frame bound is unbounded_preceding(), preceding<N>(), current_row(), following<N>() or "
                "unbounded_following()");
}

template <frame_unit U, class Start, class End>
constexpr void check_frame() {
  require_frame_bound<Start>();
  require_frame_bound<End>();
  if constexpr (requires { Start::is_frame_bound; } && requires { End::is_frame_bound; }) {
    static_assert(Start::kind != bound_kind::unbounded_following,
                  "egret: a frame cannot start at unbounded_following(); start it earlier");
    static_assert(End::kind != bound_kind::unbounded_preceding,
                  "egret: a frame cannot end at unbounded_preceding(); end it later");
    static_assert(Start::kind <= End::kind,
                  "egret: a frame must start before it ends (preceding < current_row < following)");
    if constexpr (U != frame_unit::range) {
      constexpr bool integral = [] {
        bool ok = true;
        if constexpr (Start::has_offset) ok = ok && is_integer_v<value_type_t<typename Start::offset_type>>;
        if constexpr (End::has_offset) ok = ok && is_integer_v<value_type_t<typename End::offset_type>>;
        return ok;
      }();
      static_assert(integral, "egret: rows() and groups() count whole rows or peer groups; give an integer offset");
    }
  }
}
}  // namespace detail

/// A window: `PARTITION BY ps... ORDER BY ks... <frame>`, each part optional. Build it with egret::window()
/// (or the shortcuts egret::partition_by(...), egret::order_by(...)) and give it to `.over(w)`.
template <class... Ps, class... Ks, class Frame>
struct window_spec<type_list<Ps...>, type_list<Ks...>, Frame> {
  detail::pack<Ps...> partition;
  detail::pack<Ks...> order;
  Frame frame;

  using partition_keys = type_list<Ps...>;
  using order_keys = type_list<Ks...>;
  using frame_type = Frame;
  /// Every expression inside, in rendering order (for scope, grouping and nesting checks).
  using operands = concat_t<type_list<Ps..., typename Ks::inner...>, typename Frame::operands>;
  static constexpr bool is_window_spec = true;
  static constexpr bool has_frame = !std::is_same_v<Frame, no_frame>;
  /// Whether every row is in its own frame (so an aggregate over it sees at least that row).
  static constexpr bool contains_current_row = Frame::contains_current_row;

  /// `PARTITION BY es...`: the function restarts for each distinct combination of the keys.
  template <class... Es>
  constexpr auto partition_by(Es const&... es) const {
    static_assert(sizeof...(Ps) == 0, "egret: partition_by() is already given; pass all keys to one partition_by()");
    static_assert(sizeof...(Es) >= 1, "egret: partition_by() needs at least one key");
    static_assert((expression<Es> && ...), "egret: partition_by() takes expressions (columns...), not C++ values");
    return window_spec<type_list<Es...>, type_list<Ks...>, Frame>{detail::make_pack(es...), order, frame};
  }

  /// `ORDER BY keys...`: expressions (ascending), `asc(e)`, `desc(e)` or `e.desc()`, optionally
  /// `.nulls_first()` / `.nulls_last()`.
  template <class... Keys>
  constexpr auto order_by(Keys const&... keys) const {
    static_assert(sizeof...(Ks) == 0, "egret: the window's order_by() is already given; pass all sort keys to one order_by()");
    static_assert(sizeof...(Keys) >= 1, "egret: order_by() needs at least one sort key");
    static_assert((expression<typename detail::as_sort_key<Keys>::type::inner> && ...),
                  "egret: a window's order_by() takes expressions (columns...), asc(e) or desc(e), not C++ values");
    return window_spec<type_list<Ps...>, type_list<typename detail::as_sort_key<Keys>::type...>, Frame>{
        partition, detail::make_pack(detail::as_sort_key<Keys>::make(keys)...), frame};
  }

  /// `ROWS BETWEEN start AND end`: the frame counts physical rows around the current one.
  template <class Start, class End>
  constexpr auto rows(Start const& start, End const& end) const {
    return with_frame<frame_unit::rows>(start, end);
  }
  /// `RANGE BETWEEN start AND end`: rows whose ORDER BY value is within the offsets of the current row's
  /// (with an offset, the window needs exactly one numeric ORDER BY key).
  template <class Start, class End>
  constexpr auto range(Start const& start, End const& end) const {
    return with_frame<frame_unit::range>(start, end);
  }
  /// `GROUPS BETWEEN start AND end`: the frame counts peer groups (rows with equal ORDER BY values).
  template <class Start, class End>
  constexpr auto groups(Start const& start, End const& end) const {
    return with_frame<frame_unit::groups>(start, end);
  }

  /// `EXCLUDE CURRENT ROW`.
  constexpr auto exclude_current_row() const { return with_exclude<frame_exclude::current_row>(); }
  /// `EXCLUDE GROUP`: the current row and its peers.
  constexpr auto exclude_group() const { return with_exclude<frame_exclude::group>(); }
  /// `EXCLUDE TIES`: the current row's peers, not the row itself.
  constexpr auto exclude_ties() const { return with_exclude<frame_exclude::ties>(); }

  template <class D, class S, class V>
  static constexpr void render(V& v, window_spec const* w) {
    constexpr bool P = sizeof...(Ps) > 0, O = sizeof...(Ks) > 0;
    if constexpr (P) {
      v.text("PARTITION BY ");
      detail::pack<Ps...>::template render<D, S>(v, detail::member(w, &window_spec::partition));
    }
    if constexpr (O) {
      if constexpr (P) v.ch(' ');
      v.text("ORDER BY ");
      render_order<D, S>(v, detail::member(w, &window_spec::order), std::index_sequence_for<Ks...>{});
    }
    if constexpr (has_frame) {
      if constexpr (P || O) v.ch(' ');
      Frame::template render<D, S>(v, detail::member(w, &window_spec::frame));
    }
  }

 private:
  template <frame_unit U, class Start, class End>
  constexpr auto with_frame(Start const& start, End const& end) const {
    static_assert(!has_frame, "egret: the window frame is already given; use one of rows(), range(), groups()");
    detail::check_frame<U, Start, End>();
    if constexpr (requires { Start::is_frame_bound; } && requires { End::is_frame_bound; })
      return window_spec<type_list<Ps...>, type_list<Ks...>, frame_t<U, Start, End>>{partition, order, {start, end}};
    else
      return *this;
  }

  template <frame_exclude X>
  constexpr auto with_exclude() const {
    if constexpr (!has_frame) {
      static_assert(has_frame, "egret: exclude_...() belongs to a frame; give .rows(), .range() or .groups() first");
      return *this;
    } else {
      static_assert(Frame::exclude == frame_exclude::none, "egret: the frame's exclusion is already given");
      using F = frame_t<Frame::unit, typename Frame::start_type, typename Frame::end_type, X>;
      return window_spec<type_list<Ps...>, type_list<Ks...>, F>{partition, order, F{frame.start, frame.end}};
    }
  }

  template <class D, class S, class V, std::size_t... Is>
  static constexpr void render_order(V& v, detail::pack<Ks...> const* p, std::index_sequence<Is...>) {
    bool first = true;
    ((first ? void(first = false) : v.text(", "),
      detail::render_sort_key<D, S>(v, detail::pack<Ks...>::at(static_cast<detail::slot<Is, Ks> const*>(p)))),
     ...);
  }
};

/// An empty window, `OVER ()`: the whole result is one partition. Add partition_by(), order_by(), a frame.
constexpr window_spec<type_list<>, type_list<>, no_frame> window() { return {}; }

/// Shortcut for `window().partition_by(es...)`.
template <class... Es>
constexpr auto partition_by(Es const&... es) {
  return window().partition_by(es...);
}
/// Shortcut for `window().order_by(keys...)`: `o.amount.cumsum(egret::order_by(o.order_date))`.
template <class... Keys>
constexpr auto order_by(Keys const&... keys) {
  return window().order_by(keys...);
}

}  // namespace egret
