// Defines the graph of a pipeline, computed at compile time from its nodes' types: which node provides each table
// a model reads, the topological order the pipeline runs in, and the rules a graph must keep (every table a model
// reads is provided by exactly one node, names are unique, no model reads itself through others), each a
// compile error in the user's terms.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <type_traits>
#include <utility>

#include <egret/core/type_list.hpp>
#include <egret/pipeline/node.hpp>

namespace egret::pipeline {

namespace detail {

inline constexpr std::size_t none = static_cast<std::size_t>(-1);

/// The index of the node among Ns whose relation is T, `none` if none, `none - 1` if several.
template <class T, class... Ns>
constexpr std::size_t provider_index() {
  constexpr bool match[] = {std::is_same_v<typename Ns::relation_type, T>..., false};
  std::size_t found = none;
  for (std::size_t i = 0; i != sizeof...(Ns); ++i) {
    if (!match[i]) continue;
    if (found != none) return none - 1;
    found = i;
  }
  return found;
}

/// The model reading a table that nothing in the pipeline provides (named in the compiler's note).
template <class Model, class Table>
struct reads_unprovided {};
template <class Model, class Table>
struct reads_twice_provided {};
template <class Node>
struct in_a_cycle {};
template <class Node>
struct has_a_duplicate_name {};

template <class Model, class... Ns>
struct dependencies;
template <class Model, class... Ns>
  requires(Model::kind != node_kind::model)
struct dependencies<Model, Ns...> {
  static constexpr std::array<std::size_t, 0> value{};
};
template <class Model, class... Ns>
  requires(Model::kind == node_kind::model)
struct dependencies<Model, Ns...> {
  template <class L>
  struct of;
  template <class... Ts>
  struct of<type_list<Ts...>> {
    static constexpr std::array<std::size_t, sizeof...(Ts)> value{provider_index<Ts, Ns...>()...};
  };
  static constexpr auto value = of<inputs_t<Model>>::value;
};

template <class Model, class T, class... Ns>
constexpr bool require_input_provided() {
  constexpr std::size_t i = provider_index<T, Ns...>();
  if constexpr (i == none) {
    static_assert(dependent_false<reads_unprovided<Model, T>>,
                  "egret: a model reads a table that no seed, source or model of the pipeline provides; add the "
                  "node that provides it to the pipeline (see the note: reads_unprovided<model, table>)");
    return false;
  } else if constexpr (i == none - 1) {
    static_assert(dependent_false<reads_twice_provided<Model, T>>,
                  "egret: a model reads a table that several nodes of the pipeline provide; give each its own "
                  "table type");
    return false;
  } else {
    return true;
  }
}

template <class Model, class... Ns>
constexpr bool require_inputs_provided() {
  if constexpr (Model::kind == node_kind::model) {
    return []<class... Ts>(type_list<Ts...>) {
      return (require_input_provided<Model, Ts, Ns...>() && ...);
    }(inputs_t<Model>{});
  } else {
    return true;
  }
}

/// Kahn's algorithm over the dependency lists: the run order, or `none` entries when there is a cycle.
template <class... Ns>
constexpr auto topological_order() {
  constexpr std::size_t n = sizeof...(Ns);
  std::array<std::size_t, n> order{};
  std::array<bool, n> done{};
  std::size_t placed = 0;
  bool progress = true;
  while (placed != n && progress) {
    progress = false;
    std::size_t k = 0;
    (
        [&] {
          std::size_t const i = k++;
          if (done[i]) return;
          for (std::size_t d : dependencies<Ns, Ns...>::value)
            if (d >= n || !done[d]) return;
          done[i] = true;
          order[placed++] = i;
          progress = true;
        }(),
        ...);
  }
  for (std::size_t i = placed; i != n; ++i) order[i] = none;
  return order;
}

template <class... Ns>
constexpr std::size_t first_duplicate_name() {
  constexpr std::string_view names[] = {Ns::name..., {}};
  for (std::size_t i = 0; i != sizeof...(Ns); ++i)
    for (std::size_t j = 0; j != i; ++j)
      if (names[i] == names[j]) return i;
  return none;
}

}  // namespace detail

/// A pipeline: its nodes (seeds, sources, models) in any order. The graph is checked when the type is used:
/// every table a model reads has exactly one provider, names are unique, and there is no cycle.
template <class... Ns>
struct graph {
  using nodes = type_list<Ns...>;
  static constexpr std::size_t size = sizeof...(Ns);

  static constexpr bool inputs_ok = (detail::require_inputs_provided<Ns, Ns...>() && ...);

  static constexpr std::size_t duplicate = detail::first_duplicate_name<Ns...>();
  static constexpr bool names_ok = [] {
    if constexpr (duplicate != detail::none) {
      static_assert(dependent_false<detail::has_a_duplicate_name<at_t<duplicate, nodes>>>,
                    "egret: two nodes of the pipeline have the same name (their tables' names); rename one");
      return false;
    } else {
      return true;
    }
  }();

  /// The order the nodes run in: each after every node it reads.
  static constexpr auto order = [] {
    if constexpr (inputs_ok)
      return detail::topological_order<Ns...>();
    else
      return std::array<std::size_t, sizeof...(Ns)>{};
  }();

  static constexpr bool acyclic = [] {
    if constexpr (inputs_ok && size != 0) {
      constexpr std::size_t last = order[size - 1];
      if constexpr (last == detail::none) {
        constexpr std::size_t stuck = [] {  // a node never placed: in a cycle, or downstream of one
          std::array<bool, size> placed{};
          for (std::size_t i : order)
            if (i != detail::none) placed[i] = true;
          for (std::size_t i = 0; i != size; ++i)
            if (!placed[i]) return i;
          return std::size_t{0};
        }();
        static_assert(dependent_false<detail::in_a_cycle<at_t<stuck, nodes>>>,
                      "egret: the pipeline's models read each other in a cycle; a model cannot read its own "
                      "output, directly or through other models (see the note: in_a_cycle<model>)");
        return false;
      } else {
        return true;
      }
    } else {
      return inputs_ok;
    }
  }();

  static constexpr bool valid = inputs_ok && names_ok && acyclic;

  /// The index (in Ns) of the node that provides table T.
  template <class T>
  static constexpr std::size_t provider_of = detail::provider_index<T, Ns...>();

  /// Whether node i reads node j itself (one of its build() inputs is j's table).
  static constexpr auto direct = [] {
    std::array<std::array<bool, size>, size> up{};
    std::size_t k = 0;
    (
        [&] {
          std::size_t const i = k++;
          for (std::size_t d : detail::dependencies<Ns, Ns...>::value)
            if (d < size) up[i][d] = true;
        }(),
        ...);
    return up;
  }();

  /// Whether node j is upstream of node i (reads it directly or through others).
  static constexpr auto upstream = [] {
    // Warshall's transitive closure over rows of 64-bit words (n^2 n/64 word operations: a 200-node pipeline
    // stays far under clang's default -fconstexpr-steps, where a closure over bools, n^3, did not)
    // (builtin arrays and row pointers: each std::array::operator[] is a call that clang's evaluator counts)
    constexpr std::size_t words = (size + 63) / 64;
    std::uint64_t rows[size + 1][words + 1]{};
    for (std::size_t i = 0; i != size; ++i) {
      bool const* d = direct[i].data();
      for (std::size_t j = 0; j != size; ++j)
        if (d[j]) rows[i][j / 64] |= std::uint64_t{1} << (j % 64);
    }
    for (std::size_t via = 0; via != size; ++via) {
      std::uint64_t const* from = rows[via];
      for (std::size_t i = 0; i != size; ++i) {
        std::uint64_t* to = rows[i];
        if ((to[via / 64] >> (via % 64)) & 1u)
          for (std::size_t w = 0; w != words; ++w) to[w] |= from[w];
      }
    }
    std::array<std::array<bool, size>, size> up{};
    for (std::size_t i = 0; i != size; ++i) {
      bool* row = up[i].data();
      std::uint64_t const* bits = rows[i];
      for (std::size_t j = 0; j != size; ++j) row[j] = (bits[j / 64] >> (j % 64)) & 1u;
    }
    return up;
  }();
};

}  // namespace egret::pipeline
