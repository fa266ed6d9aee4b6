// Defines column lineage: for each output column of a query, the table columns whose values feed it, read from
// the query's type at compile time (no SQL is parsed back).
//
//   constexpr auto& l = egret::column_lineage_v<decltype(q)>;
//   for (egret::column_origin o : l.of("customer_lifetime_value")) ...  // {"stg_payments", "amount"}
//
// An output column's origins are the columns its select item reads (through operators, functions, aggregates
// with their FILTER, CASE branches, window partitions and orders), followed through derived tables, joins,
// named subqueries, CTEs, UNION / INTERSECT / EXCEPT (both sides, by position) and scalar subqueries, down to
// the tables they are read from. Conditions (WHERE, ON, HAVING) select rows and feed no column: they are not
// origins, as in dbt's and sqlglot's column lineage. Literals, parameters, VALUES rows and the columns of a raw
// SQL relation have no origin. A recursive CTE declared with cte<T>(...) stops at T.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string_view>

#include <egret/relation/columns.hpp>
#include <egret/relation/cte.hpp>
#include <egret/relation/project.hpp>
#include <egret/relation/set_op.hpp>
#include <egret/relation/subquery.hpp>
#include <egret/relation/values.hpp>

namespace egret {

/// A table column that feeds an output column.
struct column_origin {
  std::string_view table;
  std::string_view column;
  friend constexpr bool operator==(column_origin, column_origin) = default;
};

/// Each output column of a query (in order) and its origins: those of column i are
/// origins[first[i], first[i + 1]), each once, in the order the query reads them.
template <std::size_t NColumns, std::size_t Capacity>
struct lineage_table {
  std::array<std::string_view, NColumns> columns{};
  std::array<std::size_t, NColumns + 1> first{};
  std::array<column_origin, Capacity == 0 ? 1 : Capacity> origins{};

  static constexpr std::size_t size() { return NColumns; }
  constexpr std::span<column_origin const> of(std::size_t i) const {
    return {origins.data() + first[i], first[i + 1] - first[i]};
  }
  /// The origins of the column named `column`; empty when the query has no such column.
  constexpr std::span<column_origin const> of(std::string_view column) const {
    for (std::size_t i = 0; i != NColumns; ++i)
      if (columns[i] == column) return of(i);
    return {};
  }
};

namespace detail::lineage {

// --- the nodes of a query that define columns: projections and compound queries, found by source id ---

template <class R>
struct nodes_in {
  using type = type_list<>;  // a table, a raw SQL relation
};
template <class R>
using nodes_in_t = typename nodes_in<R>::type;

template <class R>
  requires requires { R::is_join; }
struct nodes_in<R> {
  using type = concat_t<nodes_in_t<typename R::left>, nodes_in_t<typename R::right>>;
};
// a subquery in FROM: its relation too (a named one's columns carry the relation's id, alias_source)
template <class R>
  requires requires { R::is_derived; }
struct nodes_in<R> {
  using type = concat_t<type_list<typename R::relation>, nodes_in_t<typename R::relation>>;
};
template <class R>
  requires requires { typename R::definition; R::is_cte; }
struct nodes_in<R> : nodes_in<typename R::definition> {};
template <class R>
  requires(R::stage > 0 && R::stage < stage::compound && requires { typename R::input; })
struct nodes_in<R> {
  using below = nodes_in_t<typename R::input>;
  using type = std::conditional_t<requires { typename R::item_types; }, concat_t<type_list<R>, below>, below>;
};
template <class R>
  requires(requires { R::is_compound; } && requires { typename R::left; })
struct nodes_in<R> {
  using type = concat_t<type_list<R>, nodes_in_t<typename R::left>, nodes_in_t<typename R::right>>;
};
template <bool Recursive, class Q, class... Cs>
struct nodes_in<with_t<Recursive, Q, Cs...>> {
  using type = concat_t<type_list<with_t<Recursive, Q, Cs...>>, nodes_in_t<Q>, nodes_in_t<Cs>...>;
};
template <class T, class... Rows>
struct nodes_in<values_t<T, Rows...>> {
  using type = type_list<values_t<T, Rows...>>;
};
template <class T, class R>
struct nodes_in<cte_decl<T, R>> : nodes_in<R> {};

/// The index in Ns of the node whose source id is Id (sizeof...(Ns) when none is).
template <std::uint64_t Id, class... Ns>
constexpr std::size_t node_with_id(type_list<Ns...>) {
  constexpr bool hits[] = {(type_hash<Ns>() == Id)..., true};
  std::size_t i = 0;
  while (!hits[i]) ++i;
  return i;
}

/// The index of the first item of a projection named Name (the item count when none is).
template <fixed_string Name, class... Items>
constexpr std::size_t item_named(type_list<Items...>) {
  constexpr bool hits[] = {(output_name<Items>::value == Name)..., true};
  std::size_t i = 0;
  while (!hits[i]) ++i;
  return i;
}

/// The query of a scalar subquery expression (void for any other expression).
template <class E>
struct scalar_query {
  using type = void;
};
template <class Q>
struct scalar_query<scalar_subquery<Q>> {
  using type = Q;
};

/// A table's own name, also when the query reads it under an alias (`p.as<"p2">()`).
template <class T>
constexpr std::string_view table_name() {
  if constexpr (requires { typename T::aliased_table; })
    return T::egret_table_name.view();
  else
    return T::egret_name.view();
}

template <class Q>
inline constexpr bool is_with = false;
template <bool Rec, class Q, class... Cs>
inline constexpr bool is_with<with_t<Rec, Q, Cs...>> = true;

template <class Q>
inline constexpr bool is_project_v = requires { typename Q::item_types; Q::key_count; };

/// Where a walk writes the origins it meets: counted only (out == nullptr), or written too. One type for
/// both passes, so that the walk's templates are instantiated once per query.
struct origin_sink {
  column_origin* out = nullptr;
  std::size_t size = 0;
  constexpr void operator()(std::string_view table, std::string_view column) {
    if (out != nullptr) out[size] = column_origin{table, column};
    ++size;
  }
};

/// The walk of query Root: calls emit(table, column) for each table column an expression or an output
/// column reads. Root's nodes resolve the derived sources its expressions name.
template <class Root>
struct walker {
  using nodes = nodes_in_t<Root>;
  origin_sink& emit;

  template <class E>
  constexpr void expr() const {
    if constexpr (is_column_v<E>) {
      leaf<typename E::source, E::name>();
    } else {
      using Sub = typename scalar_query<E>::type;
      if constexpr (!std::is_void_v<Sub>) {
        // a scalar subquery feeds its one column; its outer references only correlate, like a condition
        walker<Sub>{emit}.template column_at<Sub, 0>();
      } else if constexpr (requires { typename E::subquery_args; }) {
        // EXISTS feeds a boolean from no column; `x IN (subquery)` from x
        operands(typename E::subquery_args{});
      } else {
        operands(typename E::operands{});
      }
    }
  }

  template <class... Es>
  constexpr void operands(type_list<Es...>) const {
    (expr<Es>(), ...);
  }

  /// The column named Name of relation Q.
  template <class Q, fixed_string Name>
  constexpr void column() const {
    if constexpr (requires { typename Q::definition; Q::is_cte; }) {
      if constexpr (requires { Q::egret_name; })
        walker<typename Q::definition>{emit}.template column<typename Q::definition, Name>();
    } else if constexpr (is_table_v<Q>) {
      emit(table_name<Q>(), Name.view());
    } else if constexpr (requires { Q::is_derived; }) {
      column<typename Q::relation, Name>();
    } else if constexpr (requires { Q::is_join; }) {
      if constexpr (find_by_name<Name>(columns_of_t<typename Q::left>{}).count != 0) column<typename Q::left, Name>();
      if constexpr (find_by_name<Name>(columns_of_t<typename Q::right>{}).count != 0) column<typename Q::right, Name>();
    } else if constexpr (is_project_v<Q>) {
      using Items = typename Q::item_types;
      constexpr std::size_t i = item_named<Name>(Items{});
      if constexpr (i < Items::size) expr<at_t<i, Items>>();
    } else if constexpr (requires { Q::is_compound; }) {
      constexpr auto m = find_by_name<Name>(columns_of_t<Q>{});
      if constexpr (m.count != 0) column_at<Q, m.index>();
    } else if constexpr (requires { typename Q::input; }) {
      if constexpr (std::is_same_v<projection_of_t<Q>, no_node>)
        column<from_of_t<Q>, Name>();
      else
        column<projection_of_t<Q>, Name>();
    }  // else a raw SQL relation: no origin
  }

  /// The I-th output column of relation Q (UNION's sides are matched by position).
  template <class Q, std::size_t I>
  constexpr void column_at() const {
    if constexpr (requires { typename Q::left; } && requires { Q::is_compound; }) {
      column_at<typename Q::left, I>();
      column_at<typename Q::right, I>();
    } else if constexpr (is_with<Q>) {
      with_column<I>(static_cast<Q const*>(nullptr));
    } else if constexpr (requires { Q::is_compound; } && requires { Q::flat_kind; }) {
      // VALUES: literal rows
    } else {
      using Cols = columns_of_t<Q>;
      if constexpr (I < Cols::size) column<Q, at_t<I, Cols>::name>();
    }
  }

 private:
  template <class Src, fixed_string Name>
  constexpr void leaf() const {
    if constexpr (requires { typename Src::definition; Src::is_cte; }) {
      column<Src, Name>();
    } else if constexpr (is_table_v<Src>) {
      emit(table_name<Src>(), Name.view());
    } else if constexpr (requires { Src::id; }) {  // derived_source<Id>: a projection or compound query of Root
      constexpr std::size_t i = node_with_id<Src::id>(nodes{});
      if constexpr (i < nodes::size) column<at_t<i, nodes>, Name>();
    } else if constexpr (requires { Src::alias; }) {
      alias_leaf<Name>(static_cast<Src const*>(nullptr));
    }  // else a failed lookup (already an error), or a level's own output
  }

  template <fixed_string Name, fixed_string Alias, class Id>
  constexpr void alias_leaf(alias_source<Alias, Id> const*) const {
    leaf<Id, Name>();
  }

  template <std::size_t I, bool Rec, class Q2, class... Cs>
  constexpr void with_column(with_t<Rec, Q2, Cs...> const*) const {
    walker<with_t<Rec, Q2, Cs...>>{emit}.template column_at<Q2, I>();
  }
};

/// The origins of the columns of Q, each once per column, in a table of Capacity entries (with Capacity 0: only
/// their count, before each is kept once).
template <class Q, std::size_t Capacity>
constexpr auto build_table() {
  using Cols = columns_of_t<Q>;
  lineage_table<Cols::size, Capacity> t{};
  origin_sink sink{Capacity == 0 ? nullptr : t.origins.data(), 0};
  walker<Q> const w{sink};
  [&]<std::size_t... I>(std::index_sequence<I...>) {
    ((t.columns[I] = at_t<I, Cols>::name.view(), t.first[I] = sink.size, w.template column_at<Q, I>()), ...);
  }(std::make_index_sequence<Cols::size>{});
  t.first[Cols::size] = sink.size;
  if constexpr (Capacity == 0) {
    return std::pair{t, sink.size};
  } else {
    // each origin once per column, keeping the first
    std::size_t out = 0;
    for (std::size_t c = 0; c != Cols::size; ++c) {
      std::size_t const begin = t.first[c], end = t.first[c + 1];
      t.first[c] = out;
      for (std::size_t k = begin; k != end; ++k) {
        bool seen = false;
        for (std::size_t j = t.first[c]; j != out; ++j) seen = seen || t.origins[j] == t.origins[k];
        if (!seen) t.origins[out++] = t.origins[k];
      }
    }
    t.first[Cols::size] = out;
    return std::pair{t, out};
  }
}

}  // namespace detail::lineage

/// The column lineage of query Q (a relation or a WITH / UNION statement), computed at compile time.
template <class Q>
inline constexpr auto column_lineage_v =
    detail::lineage::build_table<std::remove_cvref_t<Q>,
                                 detail::lineage::build_table<std::remove_cvref_t<Q>, 0>().second>()
        .first;

}  // namespace egret
