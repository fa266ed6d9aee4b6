// Defines the output columns of a relation (what `r["name"_c]` finds and what a result row holds)
// and the lookup of a column by name.
#pragma once

#include <egret/relation/relation.hpp>

namespace egret {

namespace detail {

/// A column as seen from outside a level, with the level's LEFT JOIN nullability applied.
template <class C, class Nullables>
using widen_t = column_ref<typename C::source, C::name, typename C::value_type, nullable_in_v<C, Nullables>>;

template <class Cols, class Nullables>
struct widen_all;
template <class... Cs, class Nullables>
struct widen_all<type_list<Cs...>, Nullables> {
  using type = type_list<widen_t<Cs, Nullables>...>;
};

/// Columns Cs as provided by Source (a compound query's own columns, a CTE's).
template <class Source, class Cols>
struct retag;
template <class Source, class... Cs>
struct retag<Source, type_list<Cs...>> {
  using type = type_list<column_ref<Source, Cs::name, typename Cs::value_type, Cs::template nullable_in<type_list<>>>...>;
};
template <class Source, class Cols>
using retag_t = typename retag<Source, Cols>::type;

template <class R>
struct columns_of;

template <class R>
  requires requires { typename R::egret_columns; }
struct columns_of<R> {
  using type = typename R::egret_columns;
};
template <class R>
  requires(requires { R::is_derived; } && R::alias.size() == 0)
struct columns_of<R> : columns_of<typename R::relation> {};
// A named subquery's columns are read through its name: their source is the FROM item (see alias_source).
template <class R>
  requires(requires { R::is_derived; } && R::alias.size() > 0)
struct columns_of<R> {
  using type = typename retag<named_source_t<R>, typename columns_of<typename R::relation>::type>::type;
};
template <class R>
  requires requires { R::is_join; }
struct columns_of<R> {
  using type = typename widen_all<concat_t<typename columns_of<typename R::left>::type,
                                           typename columns_of<typename R::right>::type>,
                                  nullable_sources_t<R>>::type;
};
template <class R>
  requires(R::stage > 0 && requires { typename R::input; })
struct columns_of<R> {
  template <class P, class = void>
  struct pick : columns_of<from_of_t<R>> {};
  template <class P>
  struct pick<P, std::void_t<typename P::output>> {
    using type = typename P::output;
  };
  using type = typename pick<projection_of_t<R>>::type;
};

template <class R>
  requires requires { typename R::result_columns; }
struct columns_of<R> {
  using type = typename R::result_columns;
};

struct name_match {
  std::size_t count;
  std::size_t index;
};
template <fixed_string Name, class... Cs>
constexpr name_match find_by_name(type_list<Cs...>) {
  constexpr bool hits[] = {(Cs::name == Name)..., false};
  name_match m{0, sizeof...(Cs)};
  for (std::size_t i = 0; i < sizeof...(Cs); ++i)
    if (hits[i] && m.count++ == 0) m.index = i;
  return m;
}

}  // namespace detail

/// The columns a relation exposes, as column_refs (type_list).
template <class R>
using columns_of_t = typename detail::columns_of<std::remove_cvref_t<R>>::type;

/// The column named Name of relation R. Ill-formed names are a compile error naming the rule.
template <class R, fixed_string Name>
constexpr auto lookup_column() {
  using Cols = columns_of_t<R>;
  constexpr auto F = detail::find_by_name<Name>(Cols{});
  if constexpr (F.count == 1) {
    return at_t<F.index, Cols>{};
  } else {
    if constexpr (F.count == 0)
      static_assert(dependent_false<name_tag<Name>>, "egret: no column of this name in the relation; check the select list or the name's spelling");
    else
      static_assert(dependent_false<name_tag<Name>>, "egret: ambiguous column name: several inputs of this join have it; use the table's member (o.order_id) instead");
    return column_ref<detail::lookup_failed, Name, std::int64_t, false>{};
  }
}

}  // namespace egret
