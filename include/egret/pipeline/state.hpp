// Defines the state a pipeline keeps in its target database: one row per node built (egret_state: the node, a
// fingerprint of what built it, its kind, when, how many rows), written after each successful build, so that
// `--select state:modified+` rebuilds only what changed since, and everything downstream of it. No manifest
// file to keep beside the program: the target itself says what it holds.
//
// A fingerprint is the FNV-1a hash of what makes a node's relation what it is: a model's SQL in the target's
// dialect (fixed at compile time when the model captures no run-time value, so its hash is a constant of the
// program) with its materialization and its contract's CREATE TABLE; a seed's CREATE TABLE and its file's bytes;
// a source's declared columns. A node is modified when its fingerprint differs from the state's, when the state
// has no row for it, or when its relation is missing from the database. Comparing can only err towards
// rebuilding: the state row is written after the build it describes has committed.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <egret/core/hash.hpp>
#include <egret/egret.hpp>

namespace egret::pipeline {

/// The state table's rows (`egret_state`).
EGRET_TABLE(egret_state, (node, std::string), (fingerprint, std::string), (kind, std::string), (built_at, std::string),
            (row_count, std::int64_t), (column_names, std::string));

namespace detail {

inline std::string hex64(std::uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

/// A hash of a file's bytes, continuing from h, eight bytes at a step (a multiply and a shift each: a seed file
/// is hashed at every build, and byte-wise FNV-1a cost 5 instructions a byte); a file that cannot be read
/// hashes as its absence. Change detection only, not cryptographic.
inline std::uint64_t hash_file(std::filesystem::path const& p, std::uint64_t h) {
  std::FILE* f = std::fopen(p.c_str(), "rb");
  if (f == nullptr) return fnv1a("<missing file>", h);
  unsigned char buf[1 << 16];
  std::size_t n = 0;
  std::uint64_t total = 0;
  while ((n = std::fread(buf, 1, sizeof buf, f)) != 0) {
    total += n;
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) {
      std::uint64_t w;
      std::memcpy(&w, buf + i, 8);
      h = (h ^ w) * 0x9e3779b97f4a7c15ull;
      h ^= h >> 29;
    }
    for (; i != n; ++i) h = (h ^ buf[i]) * 1099511628211ull;
  }
  std::fclose(f);
  return (h ^ total) * 0x9e3779b97f4a7c15ull;
}

inline std::string utc_now() {
  std::time_t const t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

}  // namespace detail

/// The state table, read and written on connection db (any backend).
template <class Db>
class state_store {
 public:
  explicit state_store(Db& db) : db_(db) {}

  /// Creates egret_state when the database has none, or replaces one of an earlier egret whose columns differ
  /// (the state only ever makes a run build less: without it every node counts as modified, which is safe).
  void ensure() {
    using D = typename Db::dialect_type;
    std::string create(create_table_sql<D, egret_state>());
    constexpr std::string_view head = "CREATE TABLE ";
    if (create.compare(0, head.size(), head) == 0) create.insert(head.size(), "IF NOT EXISTS ");
    db_.exec(create);
    try {  // the newest column, unquoted: SQLite takes an unknown "quoted" name for a string
      using probe = egret::raw_query<"SELECT COUNT(column_names) AS n FROM egret_state", egret::out<"n", std::int64_t>>;
      for ([[maybe_unused]] auto const& row : db_.execute(probe{})) {
      }
    } catch (std::exception const&) {  // an egret_state of another layout
      db_.drop_table("egret_state");
      db_.exec(create);
    }
  }

  /// Every node's fingerprint, as the state holds them (none when there is no state table yet).
  std::vector<std::pair<std::string, std::string>> read() {
    std::vector<std::pair<std::string, std::string>> out;
    ensure();
    constexpr egret_state s{};
    for (auto const& [node, fp] : db_.execute(s.select(s.node, s.fingerprint))) out.emplace_back(node, fp);
    return out;
  }

  /// Records that node `name` was built from `fingerprint`, with `rows` rows. In the caller's transaction (the
  /// one that builds the node, where DDL is transactional), so that the state says what the database holds.
  /// `columns`: the relation's column names, comma-separated, as built (an incremental run compares them).
  void record(std::string_view name, std::string const& fingerprint, std::string_view kind, std::size_t rows,
              std::string_view columns) {
    constexpr egret_state s{};
    db_.run(egret::delete_from(s).where(s.node == egret::param<"node", std::string>), std::string(name));
    db_.run(egret::insert_into(s).values(egret::param<"n", std::string>, egret::param<"f", std::string>,
                                         egret::param<"k", std::string>, egret::param<"t", std::string>,
                                         egret::param<"r", std::int64_t>, egret::param<"c", std::string>),
            std::string(name), fingerprint, std::string(kind), detail::utc_now(), static_cast<std::int64_t>(rows),
            std::string(columns));
  }

  /// The columns node `name` was last built with (comma-separated), or nullopt when the state has no row for it.
  std::optional<std::string> columns_of(std::string_view name) {
    constexpr egret_state s{};
    std::optional<std::string> out;
    for (auto const& [c] : db_.execute(s.filter(s.node == egret::param<"node", std::string>).select(s.column_names), std::string(name)))
      out = std::string(c);
    return out;
  }

 private:
  Db& db_;
};

}  // namespace egret::pipeline
