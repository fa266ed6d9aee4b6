// The statement cache of run-time SQL (egret::dyn queries) is bounded: least recently used statements are
// finalized beyond a settable capacity, never one a live cursor reads, and results stay right after eviction.
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <egret/sqlite.hpp>
#include <egret/sqlite/dynamic.hpp>

namespace {

namespace dyn = egret::dyn;

EGRET_TABLE(cached, (id, std::int64_t), (v, std::int64_t));

struct fixture {
  egret::sqlite::connection db;
  explicit fixture(std::string const& name) : db(fresh(name)) {
    db.create_table<cached>();
    auto tx = db.transaction();
    for (std::int64_t i = 1; i <= 400; ++i) db.insert<cached>(i, i * 10);
    tx.commit();
  }
  static std::string fresh(std::string const& name) {
    auto p = std::filesystem::path(EGRET_TEST_TMP_DIR) / ("cache_" + name + ".db");
    std::filesystem::remove(p);
    return p.string();
  }
};

// `id IN (1, ..., n)`: one SQL text per n.
dyn::query<cached, dyn::runtime_columns> first_n(std::int64_t n) {
  cached t;
  std::vector<std::int64_t> ids;
  for (std::int64_t i = 1; i <= n; ++i) ids.push_back(i);
  auto q = dyn::from(t).select(std::vector<dyn::column>{dyn::column_named<cached>("v")});
  q.where(dyn::isin(t.id, ids)).order_by(t.id);
  return q;
}

// Checks the rows of first_n(n): v = 10, 20, ..., 10 n.
bool right_rows(egret::sqlite::connection& db, std::int64_t n) {
  auto rows = db.execute(first_n(n)).to_vector();
  if (rows.size() != static_cast<std::size_t>(n)) return false;
  for (std::int64_t i = 0; i < n; ++i)
    if (rows[static_cast<std::size_t>(i)].get<std::int64_t>("v") != (i + 1) * 10) return false;
  return true;
}

// Whether the connection has a live (not finalized) statement of this text, and whether one of them is busy
// (stepped, not reset): SQLite's own list, independent of the cache's bookkeeping.
struct live_statement {
  bool exists = false;
  bool busy = false;
};
live_statement find_live(egret::sqlite::connection& db, std::string_view sql) {
  live_statement out;
  for (sqlite3_stmt* s = sqlite3_next_stmt(db.native_handle(), nullptr); s != nullptr;
       s = sqlite3_next_stmt(db.native_handle(), s)) {
    if (std::string_view(sqlite3_sql(s)) != sql) continue;
    out.exists = true;
    out.busy = out.busy || sqlite3_stmt_busy(s) != 0;
  }
  return out;
}

int runs(egret::sqlite::statement const& s) { return sqlite3_stmt_status(s.get(), SQLITE_STMTSTATUS_RUN, 0); }

}  // namespace

TEST_CASE("statement cache: distinct run-time queries keep it at its capacity", "[sqlite][cache]") {
  fixture f("capacity");
  CHECK(f.db.statement_cache_size() == 0);
  bool all_right = true;
  std::size_t largest = 0;
  for (std::int64_t n = 1; n <= 300; ++n) {  // more distinct texts than the default capacity
    all_right = all_right && right_rows(f.db, n);
    largest = std::max(largest, f.db.statement_cache_size());
  }
  CHECK(all_right);
  CHECK(largest == 256);  // the default
  CHECK(f.db.statement_cache_size() == 256);

  f.db.set_statement_cache_capacity(8);  // shrinks at once
  CHECK(f.db.statement_cache_size() == 8);
  for (std::int64_t n = 1; n <= 100; ++n) {
    all_right = all_right && right_rows(f.db, n);
    largest = std::max(largest, f.db.statement_cache_size());
    CHECK(f.db.statement_cache_size() <= 8);
  }
  // evicted texts are prepared again, with the right results; the newest stay
  CHECK(right_rows(f.db, 3));
  CHECK(right_rows(f.db, 100));
  CHECK(all_right);
  CHECK(f.db.statement_cache_size() == 8);

  // compile-time queries are not bounded by it, and work throughout
  cached t;
  CHECK(f.db.execute(t.aggregate(egret::count().as<"n">())).first()->get<"n">() == 400);
  CHECK(f.db.statement_cache_size() == 8);
}

TEST_CASE("statement cache: the least recently used statement goes first", "[sqlite][cache]") {
  fixture f("lru");
  f.db.set_statement_cache_capacity(3);
  auto const a = dyn::to_sql<egret::dialect::sqlite>(first_n(1));
  auto const b = dyn::to_sql<egret::dialect::sqlite>(first_n(2));
  auto const c = dyn::to_sql<egret::dialect::sqlite>(first_n(3));
  auto const d = dyn::to_sql<egret::dialect::sqlite>(first_n(4));
  auto use = [&](std::string const& sql) {
    auto& s = f.db.dynamic_statement(sql);
    for (int i = 1; i <= s.parameter_count(); ++i) s.bind(i, std::int64_t{i});
    while (s.step()) {
    }
    s.reset();
    return runs(s);  // how often this prepared statement ran: 1 when it was just prepared
  };
  CHECK(use(a) == 1);
  CHECK(use(b) == 1);
  CHECK(use(c) == 1);
  CHECK(use(a) == 2);  // a is now the most recent; b the least
  CHECK(use(d) == 1);  // evicts b
  CHECK(f.db.statement_cache_size() == 3);
  CHECK_FALSE(find_live(f.db, b).exists);
  CHECK(find_live(f.db, a).exists);
  CHECK(use(a) == 3);  // never evicted: the same prepared statement
  CHECK(use(c) == 2);
  CHECK(use(b) == 1);  // prepared again; evicts d
  CHECK_FALSE(find_live(f.db, d).exists);
}

TEST_CASE("statement cache: clear_statement_cache empties it, and queries run again", "[sqlite][cache]") {
  fixture f("clear");
  for (std::int64_t n = 1; n <= 20; ++n) REQUIRE(right_rows(f.db, n));
  cached t;
  auto const count = t.aggregate(egret::count().as<"n">());
  CHECK(f.db.execute(count).first()->get<"n">() == 400);
  CHECK(f.db.statement_cache_size() == 20);
  f.db.clear_statement_cache();
  CHECK(f.db.statement_cache_size() == 0);
  sqlite3_stmt* left = sqlite3_next_stmt(f.db.native_handle(), nullptr);
  CHECK((left == nullptr ? std::string("none") : std::string(sqlite3_sql(left))) == "none");  // static ones too
  CHECK(f.db.execute(count).first()->get<"n">() == 400);  // the compile-time query is prepared again
  CHECK(f.db.execute(count).first()->get<"n">() == 400);
  CHECK(right_rows(f.db, 7));
  CHECK(f.db.statement_cache_size() == 1);
}

TEST_CASE("statement cache: a live cursor's statement is never finalized under it", "[sqlite][cache]") {
  fixture f("cursor");
  f.db.set_statement_cache_capacity(4);
  auto const sql_started = dyn::to_sql<egret::dialect::sqlite>(first_n(50));
  auto const sql_fresh = dyn::to_sql<egret::dialect::sqlite>(first_n(60));
  cached t;
  auto const statics = t.select(t.v).order_by(t.id);

  auto started = f.db.execute(first_n(50));  // read one row, then left open
  auto first = started.next();
  REQUIRE(first);
  CHECK(first->get<std::int64_t>("v") == 10);
  auto fresh = f.db.execute(first_n(60));  // not read yet
  auto typed = f.db.execute(statics);      // a compile-time query's cursor
  auto typed_it = typed.begin();
  REQUIRE(typed_it != typed.end());

  bool all_right = true;
  for (std::int64_t n = 1; n <= 40; ++n) all_right = all_right && right_rows(f.db, n);  // would evict both
  CHECK(all_right);
  CHECK(f.db.statement_cache_size() <= 4);
  CHECK(find_live(f.db, sql_started).busy);
  CHECK(find_live(f.db, sql_fresh).exists);

  f.db.clear_statement_cache();  // keeps what cursors read
  CHECK(f.db.statement_cache_size() == 2);
  CHECK(find_live(f.db, sql_started).busy);
  CHECK(find_live(f.db, sql_fresh).exists);

  // both cursors carry on with the right rows
  std::vector<std::int64_t> rest;
  while (auto r = started.next()) rest.push_back(r->get<std::int64_t>("v"));
  REQUIRE(rest.size() == 49);
  CHECK(rest.front() == 20);
  CHECK(rest.back() == 500);
  auto all = fresh.to_vector();
  REQUIRE(all.size() == 60);
  CHECK(all.back().get<std::int64_t>("v") == 600);
  std::int64_t sum = 0;
  for (; typed_it != typed.end(); ++typed_it) sum += typed_it->get<"v">();
  CHECK(sum == 10 * 400 * 401 / 2);
}

TEST_CASE("statement cache: once their cursors end, kept statements are evicted again", "[sqlite][cache]") {
  fixture f("after_cursor");
  f.db.set_statement_cache_capacity(2);
  {
    auto a = f.db.execute(first_n(5));
    auto b = f.db.execute(first_n(6));
    auto c = f.db.execute(first_n(7));
    CHECK(f.db.statement_cache_size() == 3);  // above the capacity while three cursors read
    CHECK(right_rows(f.db, 8));
    CHECK(f.db.statement_cache_size() == 4);
    CHECK(a.to_vector().size() == 5);
    CHECK(b.to_vector().size() == 6);
    CHECK(c.to_vector().size() == 7);
  }
  CHECK(right_rows(f.db, 9));
  CHECK(f.db.statement_cache_size() == 2);
  f.db.set_statement_cache_capacity(0);  // taken as 1: the statement just handed out must live
  CHECK(f.db.statement_cache_size() == 1);
  CHECK(right_rows(f.db, 10));
  CHECK(right_rows(f.db, 11));
  CHECK(f.db.statement_cache_size() == 1);
}
