// Defines the compile-time rules on relational operations: columns in scope, GROUP BY consistency,
// named select items, distinct output names, BOOLEAN conditions. Detection is constexpr; each rule finds the
// offending column (or name) as a type and asserts dependent_false<offender>, so the compiler names it
// beside the message.
#pragma once

#include <egret/expr/alias.hpp>
#include <egret/expr/window.hpp>
#include <egret/relation/relation.hpp>

namespace egret::detail {

// --- scope: every column an expression uses comes from a FROM item of its level ---

template <class Scope, class... Es>
constexpr bool in_scope_all(type_list<Es...>);

template <class Scope, class E>
constexpr bool in_scope() {
  if constexpr (is_column_v<E>)
    return Scope::template provides<typename E::source> || std::is_same_v<typename E::source, lookup_failed>;
  else
    return in_scope_all<Scope>(typename E::operands{});
}
template <class Scope, class... Es>
constexpr bool in_scope_all(type_list<Es...>) {
  return (in_scope<Scope, Es>() && ...);
}

/// The first type of Ts that is not void; void when all are (an indexed lookup, no recursion over Ts).
template <class... Ts>
constexpr std::size_t first_non_void_index() {
  constexpr bool found[] = {!std::is_void_v<Ts>..., true};
  std::size_t i = 0;
  while (!found[i]) ++i;
  return i;
}
template <class... Ts>
using first_non_void_t = at_t<first_non_void_index<Ts...>(), type_list<Ts..., void>>;

/// The first column of E whose table is not in Scope (void when there is none): the rule names it.
template <class Scope, class... Es>
constexpr auto out_of_scope_in(type_list<Es...>);
template <class Scope, class E>
constexpr auto out_of_scope_column() {
  if constexpr (in_scope<Scope, E>())
    return std::type_identity<void>{};
  else if constexpr (is_column_v<E>)
    return std::type_identity<E>{};
  else
    return out_of_scope_in<Scope>(typename E::operands{});
}
template <class Scope, class... Es>
constexpr auto out_of_scope_in(type_list<Es...>) {
  return std::type_identity<first_non_void_t<typename decltype(out_of_scope_column<Scope, Es>())::type...>>{};
}
template <class Scope, class E>
using out_of_scope_t = typename decltype(out_of_scope_column<Scope, E>())::type;

// --- grouping: beside an aggregate, a column must be a GROUP BY key or inside an aggregate ---

template <class A, class B>
inline constexpr bool same_expr_v = std::is_same_v<A, B>;
template <class S1, fixed_string N1, class T1, bool B1, class S2, fixed_string N2, class T2, bool B2>
inline constexpr bool same_expr_v<column_ref<S1, N1, T1, B1>, column_ref<S2, N2, T2, B2>> =
    std::is_same_v<S1, S2> && N1 == N2;

template <class E, class Keys>
inline constexpr bool is_key_v = false;
template <class E, class... Ks>
inline constexpr bool is_key_v<E, type_list<Ks...>> = (same_expr_v<E, Ks> || ...);

template <class Keys, class... Es>
constexpr bool grouped_all(type_list<Es...>);

template <class Keys, class E>
constexpr bool grouped_ok() {
  if constexpr (is_key_v<E, Keys>)
    return true;
  else if constexpr (requires { E::is_aggregate_call; })
    return true;
  else if constexpr (is_column_v<E>)
    return std::is_same_v<typename E::source, lookup_failed>;
  else
    return grouped_all<Keys>(typename E::operands{});
}
template <class Keys, class... Es>
constexpr bool grouped_all(type_list<Es...>) {
  return (grouped_ok<Keys, Es>() && ...);
}

/// The first column of E that is neither a key of Keys nor inside an aggregate (void when there is none).
template <class Keys, class... Es>
constexpr auto ungrouped_in(type_list<Es...>);
template <class Keys, class E>
constexpr auto ungrouped_column() {
  if constexpr (grouped_ok<Keys, E>())
    return std::type_identity<void>{};
  else if constexpr (is_column_v<E>)
    return std::type_identity<E>{};
  else
    return ungrouped_in<Keys>(typename E::operands{});
}
template <class Keys, class... Es>
constexpr auto ungrouped_in(type_list<Es...>) {
  return std::type_identity<first_non_void_t<typename decltype(ungrouped_column<Keys, Es>())::type...>>{};
}
template <class Keys, class E>
using ungrouped_t = typename decltype(ungrouped_column<Keys, E>())::type;

// --- output names: the items of one SELECT have distinct names ---

/// A named item in the duplicate search: the hash of its name and its position.
struct name_key {
  std::uint64_t hash;
  std::size_t index;
};

constexpr bool name_key_less(name_key a, name_key b) {
  return a.hash < b.hash || (a.hash == b.hash && a.index < b.index);
}

/// Heap sort of keys[0, n) by (hash, index): no recursion and no <algorithm>, O(n log n) constexpr steps.
constexpr void sort_name_keys(name_key* keys, std::size_t n) {
  auto sift_down = [keys](std::size_t root, std::size_t end) {
    for (std::size_t child = 2 * root + 1; child < end; root = child, child = 2 * root + 1) {
      if (child + 1 < end && name_key_less(keys[child], keys[child + 1])) ++child;
      if (!name_key_less(keys[root], keys[child])) return;
      name_key const t = keys[root];
      keys[root] = keys[child];
      keys[child] = t;
    }
  };
  for (std::size_t i = n / 2; i-- > 0;) sift_down(i, n);
  for (std::size_t end = n; end-- > 1;) {
    name_key const t = keys[0];
    keys[0] = keys[end];
    keys[end] = t;
    sift_down(0, end);
  }
}

/// Index of the first name (among those `has` marks) that an earlier one repeats; n when there is none.
/// The names are hashed (FNV-1a) and the (hash, index) pairs sorted, so a repeated name's earliest two
/// occurrences are neighbours: O(n log n), where comparing every pair was quadratic (at 400 select items,
/// g++ +2.3 s and +326 MiB, and beyond clang's constexpr step limit). Equal hashes are confirmed as text;
/// on a hash collision between different names it falls back to comparing every pair.
constexpr std::size_t first_duplicate_of(std::string_view const* names, bool const* has, name_key* keys, std::size_t n) {
  std::size_t m = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (has[i]) keys[m++] = {fnv1a(names[i]), i};
  sort_name_keys(keys, m);
  std::size_t first = n;
  for (std::size_t k = 1; k < m; ++k) {
    if (keys[k].hash != keys[k - 1].hash) continue;
    if (names[keys[k].index] != names[keys[k - 1].index]) {  // a collision: compare every pair
      for (std::size_t i = 1; i < n; ++i)
        for (std::size_t j = 0; j < i; ++j)
          if (has[i] && has[j] && names[i] == names[j]) return i;
      return n;
    }
    if (keys[k].index < first) first = keys[k].index;
  }
  return first;
}

/// Index of the first item whose output name an earlier item has; the item count when there is none.
template <class... Items>
constexpr std::size_t first_duplicate_name() {
  if constexpr (sizeof...(Items) < 2) {
    return sizeof...(Items);
  } else {
    constexpr bool has[] = {output_name<Items>::has...};
    std::string_view const names[] = {output_name<Items>::value.view()...};
    name_key keys[sizeof...(Items)]{};
    return first_duplicate_of(names, has, keys, sizeof...(Items));
  }
}

/// The items of one SELECT (GROUP BY keys and aggregates included) name distinct output columns.
template <class... Items>
constexpr void require_unique_names() {
  constexpr std::size_t i = first_duplicate_name<Items...>();
  if constexpr (i < sizeof...(Items))
    static_assert(dependent_false<name_tag<output_name<at_t<i, type_list<Items...>>>::value>>,
                  "egret: two select items have the same output name; rename one with .as<\"other_name\">()");
}

// --- the checks each operation runs ---

template <class E>
constexpr void require_expression() {
  static_assert(expression<E>, "egret: a select item must be an expression (a column, or a value wrapped with lit<>)");
}

template <class E>
constexpr void require_named() {
  if constexpr (!output_name<E>::has)
    static_assert(dependent_false<E>, "egret: name this select item with .as<\"name\">()");
}

// The rules below assert in the function the operation calls, not in one more function of their own (each
// nested call is one more line in g++'s trace); the offender is the argument of dependent_false<...>,
// which g++ prints in the note under the message and clang in the message itself.

/// Whether column C is out of Scope only because several of its FROM entries provide it (see level_scope_of).
template <class Scope, class C>
inline constexpr bool ambiguous_in = [] {
  if constexpr (requires { Scope::template ambiguous<typename C::source>; })
    return Scope::template ambiguous<typename C::source>;
  else
    return false;
}();

template <class Scope, class E>
constexpr void require_in_scope() {
  using C = out_of_scope_t<Scope, E>;
  if constexpr (std::is_void_v<C>) {
  } else if constexpr (ambiguous_in<Scope, C>)
    static_assert(dependent_false<C>, "egret: this column belongs to a query that is in this FROM more than once; "
                                      "take it from the name of the use you mean: a[\"name\"_c]");
  else
    static_assert(dependent_false<C>, "egret: this column's table is not in the query's FROM; join the table first, "
                                      "or use the derived relation's column (rel[\"name\"_c])");
}

template <class Keys, class E>
constexpr void require_grouped() {
  using C = ungrouped_t<Keys, E>;
  if constexpr (!std::is_void_v<C>)
    static_assert(dependent_false<C>,
                  "egret: a column beside an aggregate must be in group_by() or inside an aggregate (sum, max...)");
}

/// A WHERE / HAVING / ON condition: BOOLEAN, in scope; WHERE and ON take no aggregate.
template <class Scope, class E, bool AllowAggregate>
constexpr void require_condition() {
  static_assert(std::is_same_v<value_type_t<E>, bool>,
                "egret: a filter / having / join condition must be BOOLEAN; compare the value first (x > 0)");
  if constexpr (!AllowAggregate)
    static_assert(!is_aggregate_v<E>,
                  "egret: an aggregate cannot appear in filter() (SQL WHERE); use having() after group_by().aggregate()");
  static_assert(!has_window_v<E>, "egret: a window function cannot be used in filter(), having() or a join "
                                  "condition; compute it in select()/mutate() and filter the result");
  require_in_scope<Scope, E>();
}

/// Select items: expressions with names, in scope; beside an aggregate, grouped by Keys. Braced lists, not
/// folds: clang refuses a fold expression of more than 256 operands (a 400-item SELECT).
/// The naming, scope and grouping rules are written out here rather than called (see above).
template <class Scope, class Keys, bool Grouped, class... Items>
constexpr void require_items() {
  [[maybe_unused]] int const checked[] = {0, (require_expression<Items>(), 0)...};
  // every item an expression: the two sequences are equal only when every flag is true (no fold)
  if constexpr (std::is_same_v<std::integer_sequence<bool, true, expression<Items>...>,
                               std::integer_sequence<bool, expression<Items>..., true>>) {
    using Unnamed = first_non_void_t<std::conditional_t<output_name<Items>::has, void, Items>...>;
    if constexpr (!std::is_void_v<Unnamed>)
      static_assert(dependent_false<Unnamed>, "egret: name this select item with .as<\"name\">()");
    using Unscoped = first_non_void_t<out_of_scope_t<Scope, Items>...>;
    if constexpr (std::is_void_v<Unscoped>) {
    } else if constexpr (ambiguous_in<Scope, Unscoped>)
      static_assert(dependent_false<Unscoped>, "egret: this column belongs to a query that is in this FROM more than "
                                               "once; take it from the name of the use you mean: a[\"name\"_c]");
    else
      static_assert(dependent_false<Unscoped>, "egret: this column's table is not in the query's FROM; join the table "
                                               "first, or use the derived relation's column (rel[\"name\"_c])");
    [[maybe_unused]] int const windows[] = {0, (require_window_placement<Items>(), 0)...};
    // any item an aggregate: the two sequences differ unless every flag is false (no fold)
    constexpr bool any_aggregate = !std::is_same_v<std::integer_sequence<bool, false, is_aggregate_v<Items>...>,
                                                   std::integer_sequence<bool, is_aggregate_v<Items>..., false>>;
    if constexpr (Grouped || any_aggregate) {
      using Ungrouped = first_non_void_t<ungrouped_t<Keys, Items>...>;
      if constexpr (!std::is_void_v<Ungrouped>)
        static_assert(dependent_false<Ungrouped>,
                      "egret: a column beside an aggregate must be in group_by() or inside an aggregate (sum, max...)");
    }
  }
}

}  // namespace egret::detail
