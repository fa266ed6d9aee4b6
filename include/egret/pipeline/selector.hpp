// Defines egret::pipeline's node selection: dbt's selector grammar over a pipeline's nodes, resolved at run time
// against the graph the compiler computed.
//
//   name           the node                         tag:nightly     every node with that tag
//   +name          it and everything upstream       name+           it and everything downstream
//   @name          it, everything downstream, and everything upstream of that (what a rebuild of it needs)
//   state:modified the nodes whose SQL, schema or seed file differ from the target's state table (or whose
//                  relation is missing); with + / @ as any other method: state:modified+
//   a b            (separate arguments or words) the union       a,b   the intersection
//
// A name no node has, a tag no node carries, or an unknown method is an error (std::invalid_argument), so that a
// typo never silently selects nothing. Written once, as ordinary functions over the graph's arrays: a pipeline
// program pays no template for it.
#pragma once

#include <cstddef>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace egret::pipeline {

/// What a selection is resolved against: the nodes' names and tags, the transitive upstream relation
/// (`upstream[i * n + j]`: node i reads node j, directly or not), and the nodes state:modified picks (empty
/// when no state was read: a state: selector is then an error).
struct selection_graph {
  std::span<std::string_view const> names;
  std::span<std::span<std::string_view const> const> tags;
  std::span<bool const> upstream;
  std::vector<bool> const* modified = nullptr;
};

namespace detail {

inline std::vector<std::string> split_words(std::vector<std::string> const& specs, char sep) {
  std::vector<std::string> out;
  for (auto const& s : specs) {
    std::size_t at = 0;
    while (at <= s.size()) {
      std::size_t const end = std::min(s.find(sep, at), s.size());
      if (end > at) out.push_back(s.substr(at, end - at));
      at = end + 1;
    }
  }
  return out;
}

/// The nodes one selector atom (`+tag:x+`, `@name`, `state:modified`) picks.
inline std::vector<bool> select_atom(selection_graph const& g, std::string atom) {
  std::size_t const n = g.names.size();
  std::string const written = atom;
  bool const at = !atom.empty() && atom.front() == '@';
  if (at) atom.erase(0, 1);
  bool const up = !at && !atom.empty() && atom.front() == '+';
  if (up) atom.erase(0, 1);
  bool const down = !at && !atom.empty() && atom.back() == '+';
  if (down) atom.pop_back();
  if (atom.empty()) throw std::invalid_argument("egret: the selector \"" + written + "\" names no node");

  std::vector<bool> base(n, false);
  std::size_t const colon = atom.find(':');
  if (colon == std::string::npos) {
    bool found = false;
    for (std::size_t i = 0; i != n; ++i)
      if (g.names[i] == atom) base[i] = found = true;
    if (!found) throw std::invalid_argument("egret: the pipeline has no node named \"" + atom + "\"");
  } else {
    std::string_view const method = std::string_view(atom).substr(0, colon);
    std::string_view const value = std::string_view(atom).substr(colon + 1);
    if (method == "tag") {
      bool found = false;
      for (std::size_t i = 0; i != n; ++i)
        for (std::string_view t : g.tags[i])
          if (t == value) base[i] = found = true;
      if (!found) throw std::invalid_argument("egret: no node of the pipeline has the tag \"" + std::string(value) + "\"");
    } else if (method == "state") {
      if (value != "modified")
        throw std::invalid_argument("egret: the selector \"" + written + "\": the state method knows state:modified");
      if (g.modified == nullptr)
        throw std::invalid_argument("egret: the selector \"" + written + "\" needs the target's state (a database to compare with)");
      base = *g.modified;
    } else {
      throw std::invalid_argument("egret: the selector \"" + written + "\": unknown method \"" + std::string(method) +
                                  ":\" (tag:, state:)");
    }
  }
  std::vector<bool> out = base;
  for (std::size_t i = 0; i != n; ++i) {
    if (!base[i]) continue;
    for (std::size_t j = 0; j != n; ++j) {
      if (up && g.upstream[i * n + j]) out[j] = true;             // j is upstream of i
      if ((down || at) && g.upstream[j * n + i]) out[j] = true;   // j is downstream of i
    }
  }
  if (at) {  // and what the downstream nodes read
    std::vector<bool> const below = out;
    for (std::size_t k = 0; k != n; ++k)
      if (below[k])
        for (std::size_t j = 0; j != n; ++j)
          if (g.upstream[k * n + j]) out[j] = true;
  }
  return out;
}

/// The union of the specs' intersections.
inline std::vector<bool> select_union(selection_graph const& g, std::vector<std::string> const& specs) {
  std::size_t const n = g.names.size();
  std::vector<bool> out(n, false);
  for (std::string const& element : split_words(specs, ' ')) {
    std::vector<bool> meet(n, true);
    for (std::string const& atom : split_words({element}, ',')) {
      std::vector<bool> const one = select_atom(g, atom);
      for (std::size_t i = 0; i != n; ++i) meet[i] = meet[i] && one[i];
    }
    for (std::size_t i = 0; i != n; ++i) out[i] = out[i] || meet[i];
  }
  return out;
}

}  // namespace detail

/// The nodes `select` picks (every node when it is empty) less those `exclude` picks.
inline std::vector<bool> select_nodes(selection_graph const& g, std::vector<std::string> const& select,
                                      std::vector<std::string> const& exclude) {
  std::size_t const n = g.names.size();
  std::vector<bool> chosen = select.empty() ? std::vector<bool>(n, true) : detail::select_union(g, select);
  std::vector<bool> const dropped = detail::select_union(g, exclude);
  for (std::size_t i = 0; i != n; ++i) chosen[i] = chosen[i] && !dropped[i];
  return chosen;
}

/// Whether a selector list reads the target's state (state:modified).
inline bool uses_state(std::vector<std::string> const& specs) {
  for (auto const& s : specs)
    if (s.find("state:") != std::string::npos) return true;
  return false;
}

}  // namespace egret::pipeline
