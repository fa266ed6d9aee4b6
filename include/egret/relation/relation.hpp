// Defines the relation concept: what tables and relational nodes provide, and the scope machinery
// (which columns an expression may use at one SELECT level, and how they are qualified).
//
// Description: a relation is a table or a node built from one (`t.filter(p).select(...)`). Nodes of one
// SELECT level are chained through their `in` member; an operation that cannot join the current level
// (a filter after a select) wraps it as a derived table (a subquery in FROM).
// Minimal complete definition, for a relation R:
//   static constexpr int stage       0 for FROM items (table, join, derived), else the clause it adds
//   using input                      the node below (stage > 0)
//   using columns                    type_list of the column_refs `r["name"_c]` finds
// Models: tables (EGRET_TABLE), derived, join_t, filter_t, project_t, having_t, distinct_t, order_t, limit_t.
#pragma once

#include <egret/core/hash.hpp>
#include <egret/core/type_list.hpp>
#include <egret/expr/alias.hpp>
#include <egret/expr/column.hpp>

namespace egret {

/// The relational member functions (`filter`, `select`, `group_by`, `left_join`...), defined in
/// relation/methods.hpp.
template <class Self>
struct relation_methods;

struct relation_tag {};

/// The source of the columns of a derived relation (a subquery): identified by a hash of its
/// projection's type, so messages show `derived_source<N>` rather than the whole query.
template <std::uint64_t Id>
struct derived_source {
  static constexpr std::uint64_t id = Id;
};
template <class P>
using source_id_t = derived_source<type_hash<P>()>;

/// The source of the columns read through a named subquery `q.as<"a">()`: the FROM item's own identity,
/// so that two names for one query (`q.as<"a">()`, `q.as<"b">()`, a self-join) are two sources, each
/// qualified by its own alias. Id tells apart equal aliases of different queries at different levels.
template <fixed_string Alias, class Id>
struct alias_source {
  static constexpr auto alias = Alias;
};
/// The alias_source of the named subquery F (a derived<R, Name> with a non-empty Name).
template <class F>
using named_source_t = alias_source<F::alias, source_id_t<typename F::relation>>;

template <class R>
concept relation = std::is_base_of_v<relation_tag, std::remove_cvref_t<R>>;

/// A whole statement that renders itself (set operations, WITH, INSERT/UPDATE/DELETE): it provides
/// `static constexpr bool is_statement` and `template <class D, class Outer, int Depth, class V> static
/// constexpr void render_statement(V&, Q const*)` (Outer: the enclosing scope when used as a subquery,
/// else void; Depth: nesting, for generated aliases), and `using result_columns = type_list<...>`.
template <class Q>
concept statement_node = requires { std::remove_cvref_t<Q>::is_statement; };

/// What execute() accepts: a relation (a SELECT) or a statement node.
template <class Q>
concept query = relation<Q> || statement_node<Q>;

/// The stages of one SELECT, in SQL clause order.
namespace stage {
inline constexpr int from = 0, filter = 1, project = 2, having = 3, distinct = 4, order = 5, limit = 6;
/// A whole query that no clause can extend (UNION, WITH, VALUES): every clause wraps it as a subquery.
inline constexpr int compound = 7;
}

namespace detail {

template <class N>
inline constexpr bool is_table_v = requires { N::egret_name; };

/// The bottom of a level's chain: its FROM item.
template <class N>
struct from_of {
  using type = N;
};
template <class N>
  requires(N::stage > 0 && requires { typename N::input; })
struct from_of<N> : from_of<typename N::input> {};
template <class N>
using from_of_t = typename from_of<N>::type;

struct no_node {
  static constexpr int stage = -1;
};

/// The projection (select / aggregate) node of a level, or no_node.
template <class N>
struct projection_of {
  using type = no_node;
};
template <class N>
  requires(N::stage > stage::project && requires { typename N::input; })
struct projection_of<N> : projection_of<typename N::input> {};
template <class N>
  requires(N::stage == stage::project)
struct projection_of<N> {
  using type = N;
};
template <class N>
using projection_of_t = typename projection_of<N>::type;

/// The leaf FROM items (tables and derived tables) of a FROM item, left to right.
template <class F>
struct entries_of {
  using type = type_list<F>;
};
template <class F>
  requires requires { F::is_join; }
struct entries_of<F> {
  using type = concat_t<typename entries_of<typename F::left>::type, typename entries_of<typename F::right>::type>;
};
template <class F>
using entries_of_t = typename entries_of<F>::type;

/// The column sources (tables, projection nodes) a FROM item makes visible.
template <class F>
struct sources_of {
  using type = type_list<F>;  // a table
};
template <class F>
  requires requires { F::is_join; }
struct sources_of<F> {
  using type = concat_t<typename sources_of<typename F::left>::type, typename sources_of<typename F::right>::type>;
};
/// The sources of a subquery's columns as the query itself gives them (`q["name"_c]`).
template <class R, bool Compound = requires { R::is_compound; }>
struct query_sources {
  using type = std::conditional_t<std::is_same_v<projection_of_t<R>, no_node>,
                                  typename sources_of<from_of_t<R>>::type, type_list<source_id_t<projection_of_t<R>>>>;
};
template <class R>
struct query_sources<R, true> {
  using type = type_list<source_id_t<R>>;  // a compound query: its columns are its own
};
template <class F>
  requires(requires { F::is_derived; } && F::alias.size() == 0)
struct sources_of<F> : query_sources<typename F::relation> {};
/// A named subquery provides its own columns (`a["name"_c]`), and the query's (`q["name"_c]`) as long as it
/// is the only FROM item that does (level_scope_of::provides).
template <class F>
  requires(requires { F::is_derived; } && F::alias.size() > 0)
struct sources_of<F> {
  using type = concat_t<type_list<named_source_t<F>>,
                        typename query_sources<typename F::relation>::type>;
};
template <class F>
using sources_of_t = typename sources_of<F>::type;

/// The sources that make a FROM item what it is: its sources, except that a named subquery is its name.
/// Two FROM items of one join never share one (methods.hpp, make_join).
template <class F>
struct identity_sources : sources_of<F> {};
template <class F>
  requires requires { F::is_join; }
struct identity_sources<F> {
  using type = concat_t<typename identity_sources<typename F::left>::type, typename identity_sources<typename F::right>::type>;
};
template <class F>
  requires(requires { F::is_derived; } && F::alias.size() > 0)
struct identity_sources<F> {
  using type = type_list<named_source_t<F>>;
};
template <class F>
using identity_sources_t = typename identity_sources<F>::type;

/// Which FROM entry of Es provides Source: the only one whose identity it is (a table, a named
/// subquery's own columns), else the only one that provides it at all (a named subquery read through the
/// query's columns); sizeof...(Es) when none does, sizeof...(Es) + 1 when that is ambiguous.
template <class Source, class... Es>
constexpr std::size_t find_provider(type_list<Es...>) {
  constexpr bool direct[] = {contains_v<Source, identity_sources_t<Es>>..., false};
  constexpr bool any[] = {contains_v<Source, sources_of_t<Es>>..., false};
  constexpr std::size_t n = sizeof...(Es);
  std::size_t nd = 0, na = 0, id = n, ia = n;
  for (std::size_t i = 0; i < n; ++i) {
    if (direct[i] && nd++ == 0) id = i;
    if (any[i] && na++ == 0) ia = i;
  }
  if (nd == 1) return id;
  if (nd == 0 && na == 1) return ia;
  return na == 0 ? n : n + 1;
}

/// Whether a FROM item providing sources As and one providing B have a source in common.
template <class... As, class B>
constexpr bool shares_source(type_list<As...>, B) {
  return (contains_v<As, B> || ...);
}

/// Sources that may be NULL at this level: the optional sides of outer joins.
template <class F>
struct nullable_sources {
  using type = type_list<>;
};
template <class F>
  requires requires { F::is_join; }
struct nullable_sources<F> {
  using L = typename nullable_sources<typename F::left>::type;
  using R = typename nullable_sources<typename F::right>::type;
  using LS = std::conditional_t<F::left_nullable, sources_of_t<typename F::left>, type_list<>>;
  using RS = std::conditional_t<F::right_nullable, sources_of_t<typename F::right>, type_list<>>;
  using type = concat_t<LS, L, RS, R>;
};
template <class F>
using nullable_sources_t = typename nullable_sources<F>::type;

/// The source of the placeholder column a failed name lookup returns (`r["typo"_c]`): after the lookup's
/// rule has fired, the scope and grouping rules accept it, so one mistake gives one error.
struct lookup_failed {};

/// Index of the FROM entry that provides Source (see find_provider; the first one when ambiguous, after
/// the scope rule has reported it).
template <class Source, class... Es>
constexpr std::size_t find_entry(type_list<Es...>) {
  constexpr std::size_t i = find_provider<Source>(type_list<Es...>{});
  if constexpr (i <= sizeof...(Es)) {
    return i;
  } else {
    constexpr bool hits[] = {contains_v<Source, sources_of_t<Es>>..., false};
    std::size_t j = 0;
    while (j < sizeof...(Es) && !hits[j]) ++j;
    return j;
  }
}

/// The source of a level's output columns: its projection node's source id, or no_node when it has none.
template <class P>
struct own_source {
  using type = source_id_t<P>;
};
template <>
struct own_source<no_node> {
  using type = no_node;
};

}  // namespace detail

/// The scope of one SELECT level (see level_scope): the FROM item F, and Own, the source of the level's
/// output columns (`source_id_t` of its projection node, or no_node), which ORDER BY may use unqualified.
/// It holds the projection's source id, not the projection node: every render function of the level is
/// instantiated with the scope, and a type holding the whole select list made each of a SELECT's N item
/// instantiations O(N) long (quadratic compile time in the number of select items).
template <class F, class Own, class Outer, int Depth>
struct level_scope_of {
  using from = F;
  using entries = detail::entries_of_t<F>;
  using sources = detail::sources_of_t<F>;
  using nullables = detail::nullable_sources_t<F>;
  using own_source = Own;
  using outer = Outer;
  static constexpr int depth = Depth;

  /// Whether several FROM entries of this level provide Source alike (one query joined twice under two
  /// names): its columns are then ambiguous, and only the names' own columns are in scope.
  template <class Source>
  static constexpr bool ambiguous = detail::find_provider<Source>(entries{}) > entries::size;
  template <class Source>
  static constexpr bool provides = (contains_v<Source, sources> && !ambiguous<Source>) || std::is_same_v<Source, Own>;

  template <class D, class Entry, class V>
  static constexpr void write_alias(V& v) {
    if constexpr (detail::is_table_v<Entry>) {
      D::template quote_identifier<D>(v, Entry::egret_name.view());
    } else if constexpr (Entry::alias.size() > 0) {
      D::template quote_identifier<D>(v, Entry::alias.view());
    } else {
      v.ch(D::quote_open);
      v.ch('t');
      if constexpr (Depth > 0) {
        v.number(Depth);
        v.ch('_');
      }
      v.number(static_cast<long long>(index_of_v<Entry, entries>));
      v.ch(D::quote_close);
    }
  }

  template <class D, class Source, class V>
  static constexpr void qualify(V& v) {
    if constexpr (std::is_same_v<Source, Own>) {
    } else if constexpr (contains_v<Source, sources>) {
      write_alias<D, entry_for<Source>>(v);
      v.ch('.');
    } else if constexpr (!std::is_void_v<Outer>) {
      Outer::template qualify<D, Source>(v);
    }  // else: not in scope, a rule already reported (checks.hpp); left unqualified so nothing cascades
  }

 public:
  template <class Source>
  using entry_for = at_t<detail::find_entry<Source>(entries{}), entries>;
};

/// The scope of one SELECT level: the FROM item F and the level's projection node P (whose output
/// names ORDER BY may use unqualified), or no_node. A subquery's scope has the enclosing scope as Outer: a
/// column whose source this level lacks is qualified as the enclosing level qualifies it (a correlated
/// reference). Depth numbers nested levels, so that generated aliases never shadow an outer one.
template <class F, class P, class Outer = void, int Depth = 0>
using level_scope = level_scope_of<F, typename detail::own_source<P>::type, Outer, Depth>;

/// Scope of an expression rendered on its own: columns qualified by their table's name.
struct unscoped {
  static constexpr int depth = 0;
  template <class D, class Source, class V>
  static constexpr void qualify(V& v) {
    if constexpr (detail::is_table_v<Source>) {
      D::template quote_identifier<D>(v, Source::egret_name.view());
      v.ch('.');
    }
  }
};

}  // namespace egret
