// Defines the RETURNING clause of INSERT, UPDATE and DELETE: returning_t<Items...>, whose items become the
// statement's typed result columns (so `db.execute(stmt)` gives rows with `r.get<"id">()`), and
// no_returning (no result columns: run the statement with `db.run(stmt)`).
#pragma once

#include <egret/relation/project.hpp>
#include <egret/statement/where.hpp>

namespace egret {

/// No RETURNING: the statement has no result columns.
struct no_returning {
  using columns = type_list<>;
  static constexpr bool given = false;
  template <class S>
  static constexpr bool in_scope_of = true;

  template <class D, class S, class V>
  static constexpr void render(V&, no_returning const*) {}
};

namespace detail {
/// The output name of a RETURNING item (an unnamed item is refused by require_returning first).
template <class E>
inline constexpr auto returning_name = [] {
  if constexpr (output_name<E>::has)
    return output_name<E>::value;
  else
    return fixed_string<0>{};
}();
}  // namespace detail

/// `RETURNING item, ...`: columns of the changed rows, or expressions named with `.as<"name">()`, read
/// after the change (UPDATE returns the new values; DELETE the deleted rows).
template <class... Items>
struct returning_t {
  detail::pack<Items...> items;

  /// One result column per item, named by its alias or column name, typed and nullable as the item.
  using columns = type_list<column_ref<returning_t, detail::returning_name<Items>, value_type_t<Items>, nullable_v<Items>>...>;
  static constexpr bool given = true;
  template <class S>
  static constexpr bool in_scope_of = (detail::in_scope<S, Items>() && ...);

  template <class D, class S, class V>
  static constexpr void render(V& v, returning_t const* n) {
    detail::require_returning_support<D>(v);
    v.text(" RETURNING ");
    render_each<D, S>(v, detail::member(n, &returning_t::items), std::index_sequence_for<Items...>{});
  }

 private:
  template <class D, class S, class V, std::size_t... Is>
  static constexpr void render_each(V& v, detail::pack<Items...> const* p, std::index_sequence<Is...>) {
    bool first = true;
    ((first ? void(first = false) : v.text(", "),
      render_item<D, S>(v, detail::pack<Items...>::at(static_cast<detail::slot<Is, Items> const*>(p)))),
     ...);
  }
  template <class D, class S, class V, class E>
  static constexpr void render_item(V& v, E const* e) {
    E::template render<D, S>(v, e);
    if constexpr (requires { E::is_aliased; }) {
      if constexpr (!detail::alias_is_own_name<E>) {
        v.text(" AS ");
        D::template quote_identifier<D>(v, E::name.view());
      }
    }
  }
};

namespace detail {

template <class T, class E>
constexpr void require_returning_item() {
  require_expression<E>();
  if constexpr (expression<E>) {
    require_named<E>();
    static_assert(!is_aggregate_v<E>, "egret: returning() items cannot contain an aggregate");
    require_no_excluded<E>();
    require_statement_scope<target_scope<T>, E, true>();
  }
}

template <class T, class... Cs>
constexpr returning_t<Cs...> returning_all(type_list<Cs...>) {
  return {make_pack(Cs{}...)};
}

/// The RETURNING clause of a statement changing table T: `returning(t)` is every column of T, in
/// declaration order; otherwise each item is a named expression over T's columns.
template <class T, class... Items>
constexpr auto make_returning(Items const&... items) {
  static_assert(sizeof...(Items) >= 1, "egret: returning() needs at least one item (or the table, for all columns)");
  if constexpr (sizeof...(Items) == 1 && (std::is_same_v<Items, T> && ...)) {
    return returning_all<T>(typename T::egret_columns{});
  } else {
    (require_returning_item<T, Items>(), ...);
    return returning_t<Items...>{make_pack(items...)};
  }
}

}  // namespace detail
}  // namespace egret
