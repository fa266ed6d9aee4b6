// Tests egret::sqlite::statement_cache: identity by SQL address, dynamic SQL by text, reset semantics, lifetime.
#include <catch2/catch.hpp>

#include <egret/core/error.hpp>
#include <egret/sqlite/error.hpp>
#include <egret/sqlite/handle.hpp>
#include <egret/sqlite/statement.hpp>
#include <egret/sqlite/statement_cache.hpp>

#include <cstdint>
#include <cstdio>
#include <algorithm>
#include <filesystem>
#include <list>
#include <set>
#include <random>
#include <string>
#include <string_view>
#include <vector>

using egret::sqlite::handle;
using egret::sqlite::statement;
using egret::sqlite::statement_cache;

namespace {

struct temp_dir {
  std::filesystem::path path;
  temp_dir() {
#ifdef EGRET_TEST_TMP_DIR
    std::filesystem::path const base = EGRET_TEST_TMP_DIR;
#else
    std::filesystem::path const base = std::filesystem::temp_directory_path();
#endif
    std::random_device rd;
    path = base / ("egret_raw_cache_" + std::to_string(rd()) + "_" + std::to_string(rd()));
    std::filesystem::create_directories(path);
  }
  temp_dir(temp_dir const&) = delete;
  temp_dir& operator=(temp_dir const&) = delete;
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string file(char const* name) const { return (path / name).string(); }
};

// Two distinct objects with equal text: the cache must treat them as two queries.
constexpr char q_plus_one[] = "SELECT ?1 + 1";
constexpr char q_plus_one_twin[] = "SELECT ?1 + 1";
constexpr char q_values[] = "SELECT v FROM t ORDER BY v";

handle make_db(temp_dir const& dir) {
  auto db = handle::open(dir.file("cache.sqlite"));
  db.exec("CREATE TABLE t(v INTEGER); INSERT INTO t VALUES (1), (2), (3)");
  return db;
}

}  // namespace

TEST_CASE("the cache returns the same statement for the same SQL address", "[sqlite][raw][cache]") {
  temp_dir dir;
  auto db = make_db(dir);
  statement_cache cache;

  statement& a = cache.get(db.get(), q_plus_one);
  a.bind(1, 41);
  REQUIRE(a.step());
  CHECK(a.read<std::int32_t>(0) == 42);

  statement& again = cache.get(db.get(), q_plus_one);
  CHECK(&again == &a);
  CHECK(again.get() == a.get());
  CHECK(cache.static_size() == 1);

  statement& twin = cache.get(db.get(), q_plus_one_twin);
  CHECK(&twin != &a);
  CHECK(twin.get() != a.get());
  CHECK(twin.sql() == a.sql());
  CHECK(cache.static_size() == 2);

  // Same address but shorter view: a different query.
  statement& prefix = cache.get(db.get(), std::string_view(q_plus_one, 8));  // "SELECT ?"
  CHECK(&prefix != &a);
  CHECK(cache.static_size() == 3);

  // Alternating between entries goes through the table, not just the one-entry fast path.
  for (int i = 0; i < 5; ++i) {
    CHECK(&cache.get(db.get(), q_plus_one) == &a);
    CHECK(&cache.get(db.get(), q_plus_one_twin) == &twin);
  }
  CHECK(cache.static_size() == 3);
}

TEST_CASE("the cache keeps every statement at its address while it grows", "[sqlite][raw][cache]") {
  temp_dir dir;
  auto db = make_db(dir);
  statement_cache cache;

  // 200 distinct texts with static storage: enough to grow the open-addressing table several times.
  static char texts[200][32];
  std::vector<statement*> first;
  for (int i = 0; i < 200; ++i) {
    std::snprintf(texts[i], sizeof(texts[i]), "SELECT %d", i);
    first.push_back(&cache.get(db.get(), texts[i]));
  }
  CHECK(cache.static_size() == 200);
  for (int i = 199; i >= 0; --i) {
    statement& s = cache.get(db.get(), texts[i]);
    CHECK(&s == first[static_cast<std::size_t>(i)]);
    REQUIRE(s.step());
    CHECK(s.read<std::int32_t>(0) == i);
  }
  CHECK(cache.static_size() == 200);
}

TEST_CASE("a half-stepped statement comes back reset", "[sqlite][raw][cache]") {
  temp_dir dir;
  auto db = make_db(dir);
  statement_cache cache;

  statement& s = cache.get(db.get(), q_values);
  REQUIRE(s.step());
  CHECK(s.read<std::int64_t>(0) == 1);
  REQUIRE(s.step());
  CHECK(s.read<std::int64_t>(0) == 2);
  CHECK(sqlite3_stmt_busy(s.get()) != 0);  // mid-iteration: holds a read transaction

  statement& again = cache.get(db.get(), q_values);
  CHECK(&again == &s);
  CHECK(sqlite3_stmt_busy(again.get()) == 0);
  std::vector<std::int64_t> values;
  while (again.step()) values.push_back(again.read<std::int64_t>(0));
  CHECK(values == std::vector<std::int64_t>{1, 2, 3});

  // A statement that ran to completion can be bound again straight away (bindings need a reset state).
  statement& p = cache.get(db.get(), q_plus_one);
  p.bind(1, 1);
  REQUIRE(p.step());
  CHECK_FALSE(p.step());
  statement& p2 = cache.get(db.get(), q_plus_one);
  p2.bind(1, 10);
  REQUIRE(p2.step());
  CHECK(p2.read<std::int32_t>(0) == 11);

  // Bindings survive the reset; the caller rebinds what changes.
  statement& p3 = cache.get(db.get(), q_plus_one);
  REQUIRE(p3.step());
  CHECK(p3.read<std::int32_t>(0) == 11);
}

TEST_CASE("reset_guard ends an execution once, so the next fetch needs no reset", "[sqlite][raw][cache]") {
  temp_dir dir;
  auto db = make_db(dir);
  statement_cache cache;
  statement& s = cache.get(db.get(), q_values);
  CHECK_FALSE(s.stepped());
  {
    egret::sqlite::reset_guard guard{s};
    REQUIRE(s.step());  // a point query: stop at the first row
    CHECK(s.stepped());
    CHECK(sqlite3_stmt_busy(s.get()) != 0);
  }
  CHECK_FALSE(s.stepped());
  CHECK(sqlite3_stmt_busy(s.get()) == 0);  // read transaction released at once, not at the next fetch

  // A statement whose step failed comes back usable too.
  db.exec("CREATE TABLE u(v INTEGER UNIQUE); INSERT INTO u VALUES (1)");
  static constexpr char ins[] = "INSERT INTO u VALUES (?)";
  statement& i = cache.get(db.get(), ins);
  i.bind(1, 1);
  CHECK_THROWS_AS(i.step(), egret::sqlite::constraint_error);
  statement& again = cache.get(db.get(), ins);
  again.bind(1, 2);
  CHECK_FALSE(again.step());
  CHECK(db.changes() == 1);
}

TEST_CASE("dynamic SQL is cached by text", "[sqlite][raw][cache]") {
  temp_dir dir;
  auto db = make_db(dir);
  statement_cache cache;

  std::string const built = "SELECT count(*) FROM t WHERE v > " + std::to_string(1);
  std::string const same_text = built;  // another buffer, same content
  statement& a = cache.get_dynamic(db.get(), built);
  REQUIRE(a.step());
  CHECK(a.read<std::int64_t>(0) == 2);
  statement& b = cache.get_dynamic(db.get(), same_text);
  CHECK(&b == &a);
  CHECK(sqlite3_stmt_busy(b.get()) == 0);  // reset on fetch, like get()

  statement& c = cache.get_dynamic(db.get(), "SELECT count(*) FROM t WHERE v > 2");
  CHECK(&c != &a);
  CHECK(cache.dynamic_size() == 2);

  // The same text as a static key is a separate entry.
  statement& s = cache.get(db.get(), q_plus_one);
  statement& d = cache.get_dynamic(db.get(), std::string(q_plus_one));
  CHECK(&s != &d);
  CHECK(cache.size() == 4);

  // A failed prepare leaves nothing behind.
  CHECK_THROWS_AS(cache.get_dynamic(db.get(), "SELECT * FROM nowhere"), egret::sqlite::error);
  static constexpr char bad[] = "SELEC nothing";
  CHECK_THROWS_AS(cache.get(db.get(), bad), egret::sqlite::error);
  CHECK(cache.size() == 4);
}

TEST_CASE("clear and destruction finalize every statement before the connection closes", "[sqlite][raw][cache]") {
  temp_dir dir;
  auto db = make_db(dir);
  {
    statement_cache cache;
    cache.get(db.get(), q_plus_one);
    cache.get(db.get(), q_values).step();  // left mid-iteration
    cache.get_dynamic(db.get(), "SELECT 1");
    CHECK(sqlite3_next_stmt(db.get(), nullptr) != nullptr);
    cache.clear();
    CHECK(cache.size() == 0);
    CHECK(sqlite3_next_stmt(db.get(), nullptr) == nullptr);

    // Still usable after clear(), and the destructor finalizes what it holds.
    statement& s = cache.get(db.get(), q_plus_one);
    s.bind(1, 1);
    REQUIRE(s.step());
    CHECK(s.read<std::int32_t>(0) == 2);
    cache.get_dynamic(db.get(), "SELECT 2");
  }
  CHECK(sqlite3_next_stmt(db.get(), nullptr) == nullptr);
  // sqlite3_close (unlike close_v2) refuses while statements are alive: this proves none are.
  CHECK(sqlite3_close(db.release()) == SQLITE_OK);
}

TEST_CASE("a cache belongs to one connection and moves without invalidating statements", "[sqlite][raw][cache]") {
  temp_dir dir;
  auto db = make_db(dir);
  auto other = handle::open(dir.file("other.sqlite"));
  statement_cache cache;
  statement& s = cache.get(db.get(), q_plus_one);
  CHECK_THROWS_AS(cache.get(other.get(), q_plus_one), egret::error);
  CHECK_THROWS_AS(cache.get_dynamic(other.get(), "SELECT 1"), egret::error);

  statement_cache moved = std::move(cache);
  CHECK(cache.size() == 0);
  CHECK(&moved.get(db.get(), q_plus_one) == &s);
  // The emptied source is free to serve another connection.
  statement& t = cache.get(other.get(), q_plus_one);
  CHECK(&t != &s);
  CHECK(t.db() == other.get());
}

namespace {
// The texts of the statements alive on the connection (SQLite's own list, not the cache's bookkeeping).
std::multiset<std::string> live_texts(handle const& db) {
  std::multiset<std::string> out;
  for (sqlite3_stmt* s = sqlite3_next_stmt(db.get(), nullptr); s != nullptr; s = sqlite3_next_stmt(db.get(), s))
    out.insert(sqlite3_sql(s));
  return out;
}
}  // namespace

TEST_CASE("dynamic statements are evicted least recently used first, checked against a model", "[sqlite][raw][cache]") {
  temp_dir dir;
  auto db = make_db(dir);
  statement_cache cache;
  CHECK(cache.dynamic_capacity() == statement_cache::default_dynamic_capacity);
  cache.set_dynamic_capacity(16);
  std::list<std::string> model;  // most recent first, at most 16
  std::mt19937 rng(12345);       // fixed seed: the same sequence on every run
  bool all_right = true;
  for (int op = 0; op < 5000 && all_right; ++op) {
    int const k = static_cast<int>(rng() % 64);  // 64 texts through 16 places: many evictions, long probe chains
    std::string const sql = "SELECT " + std::to_string(k) + " + ?1";
    statement& s = cache.get_dynamic(db.get(), sql);
    s.bind(1, op);
    all_right = s.step() && s.read<std::int64_t>(0) == k + op && s.sql() == sql;
    s.reset();
    model.remove(sql);
    model.push_front(sql);
    if (model.size() > 16) model.pop_back();
    all_right = all_right && cache.dynamic_size() == model.size();
    if (op % 97 == 0) all_right = all_right && live_texts(db) == std::multiset<std::string>(model.begin(), model.end());
  }
  CHECK(all_right);
  CHECK(live_texts(db) == std::multiset<std::string>(model.begin(), model.end()));

  cache.set_dynamic_capacity(4);  // shrinking keeps the four most recent
  CHECK(cache.dynamic_size() == 4);
  model.resize(4);
  CHECK(live_texts(db) == std::multiset<std::string>(model.begin(), model.end()));
}

TEST_CASE("a pinned statement outlives eviction and clear_idle, then goes", "[sqlite][raw][cache]") {
  temp_dir dir;
  auto db = make_db(dir);
  statement_cache cache;
  cache.set_dynamic_capacity(2);
  statement& held = cache.get_dynamic(db.get(), "SELECT v FROM t");
  held.pin();  // what a cursor does
  REQUIRE(held.step());
  for (int i = 0; i < 10; ++i) cache.get_dynamic(db.get(), "SELECT " + std::to_string(i));
  CHECK(cache.dynamic_size() == 2);
  CHECK(live_texts(db).count("SELECT v FROM t") == 1);
  cache.get(db.get(), q_plus_one);
  cache.clear_idle();
  CHECK(cache.size() == 1);
  CHECK(live_texts(db) == std::multiset<std::string>{"SELECT v FROM t"});
  REQUIRE(held.step());  // still mid-iteration, intact
  CHECK(held.read<std::int64_t>(0) == 2);
  held.reset();
  held.unpin();
  cache.get_dynamic(db.get(), "SELECT 100");
  cache.get_dynamic(db.get(), "SELECT 101");
  CHECK(live_texts(db).count("SELECT v FROM t") == 0);  // evicted once nobody reads it
  cache.clear_idle();
  CHECK(cache.size() == 0);
  CHECK(sqlite3_next_stmt(db.get(), nullptr) == nullptr);
}
