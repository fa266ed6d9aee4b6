// egret vs hand-written MariaDB Connector/C code, side by side in one binary, on one connection to one MariaDB
// server:
//  - point: 2,000 point queries by primary key with a bound parameter, each row read into a struct; egret
//    through db.execute(q, id) (the connection's statement cache), C with mysql_stmt_execute on a statement
//    prepared once, its parameter and result buffers bound once.
//  - scan: 10k rows of (BIGINT, DOUBLE, TEXT, DATE) read into a std::vector of structs; egret through
//    execute(q).as<S>(), C with the same kind of prepared statement.
// Both sides use server-side prepared statements (binary protocol) with bound result buffers, store the result
// on the client (mysql_stmt_store_result: egret does, so that other statements may run while a cursor is open),
// and convert every value to the same C++ type (DATE to egret::date). The server is the one in
// EGRET_BENCH_MYSQL_CONNINFO (egret's connection string, `host=... port=... user=...`; bench/run_servers.sh
// starts a private one). `bench_mysql_rows --callgrind VARIANT` runs one variant once so that
// `valgrind --tool=callgrind --toggle-collect='*run_<VARIANT>*'` counts its (client-side) instructions.
#include <benchmark/benchmark.h>

#include <boost/hana/define_struct.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <egret/mysql.hpp>

namespace {

EGRET_TABLE(bench_item, (id, std::int64_t), (price, double), (name, std::string), (day, egret::date));

struct item_row {
  BOOST_HANA_DEFINE_STRUCT(item_row, (std::int64_t, id), (double, price), (std::string, name), (egret::date, day));
  friend bool operator==(item_row const&, item_row const&) = default;
};

constexpr std::int64_t table_rows = 10'000;
constexpr int point_queries = 2'000;

constexpr bench_item t{};
constexpr auto by_id = t.filter(t.id == egret::param<"id", std::int64_t>).select(t.id, t.price, t.name, t.day);
constexpr auto all_rows = t.select(t.id, t.price, t.name, t.day);
// The same text egret renders (checked at start-up), prepared as statements of their own.
#define EGRET_BENCH_SELECT "SELECT `bench_item`.`id`, `bench_item`.`price`, `bench_item`.`name`, `bench_item`.`day` FROM `bench_item`"
constexpr char const* c_point_sql = EGRET_BENCH_SELECT " WHERE `bench_item`.`id` = ?";
constexpr char const* c_scan_sql = EGRET_BENCH_SELECT;

char const* conninfo() {
  char const* c = std::getenv("EGRET_BENCH_MYSQL_CONNINFO");
  return c && *c ? c : nullptr;
}

void create(egret::mysql::connection& db) {
  db.exec("CREATE DATABASE IF NOT EXISTS egret_bench CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin; USE egret_bench");
  db.exec("DROP TABLE IF EXISTS bench_item");
  db.exec("CREATE TABLE `bench_item` (`id` BIGINT NOT NULL PRIMARY KEY, `price` DOUBLE NOT NULL, "
          "`name` TEXT NOT NULL, `day` DATE NOT NULL) ENGINE=InnoDB");
  db.exec("SET SESSION max_recursive_iterations = " + std::to_string(table_rows + 1));
  db.exec("INSERT INTO bench_item WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < " +
          std::to_string(table_rows) +
          ") SELECT n, n * 0.25e0, CONCAT('label number ', n), DATE '2000-01-01' + INTERVAL (n % 9000) DAY FROM g");
  db.exec("ANALYZE TABLE bench_item");
}

// ---- hand-written MariaDB Connector/C ----

[[noreturn]] void fail(MYSQL_STMT* s) { throw std::runtime_error(std::string("mysql: ") + mysql_stmt_error(s)); }

// A prepared statement whose result columns (id, price, name, day) are bound once to these buffers.
struct c_statement {
  MYSQL_STMT* stmt = nullptr;
  std::int64_t param_id = 0;
  MYSQL_BIND param{};
  std::int64_t id = 0;
  double price = 0;
  std::string name = std::string(64, '\0');
  unsigned long name_length = 0;
  MYSQL_TIME day{};
  MYSQL_BIND result[4]{};

  c_statement(MYSQL* db, char const* sql, bool with_param) {
    stmt = mysql_stmt_init(db);
    if (stmt == nullptr || mysql_stmt_prepare(stmt, sql, std::strlen(sql)) != 0) fail(stmt);
    if (with_param) {
      param.buffer_type = MYSQL_TYPE_LONGLONG;
      param.buffer = &param_id;
      if (mysql_stmt_bind_param(stmt, &param) != 0) fail(stmt);
    }
    result[0].buffer_type = MYSQL_TYPE_LONGLONG;
    result[0].buffer = &id;
    result[1].buffer_type = MYSQL_TYPE_DOUBLE;
    result[1].buffer = &price;
    result[2].buffer_type = MYSQL_TYPE_STRING;
    result[2].buffer = name.data();
    result[2].buffer_length = static_cast<unsigned long>(name.size());
    result[2].length = &name_length;
    result[3].buffer_type = MYSQL_TYPE_DATE;
    result[3].buffer = &day;
    result[3].buffer_length = sizeof day;
    if (mysql_stmt_bind_result(stmt, result) != 0) fail(stmt);
  }

  void execute() {
    if (mysql_stmt_execute(stmt) != 0 || mysql_stmt_store_result(stmt) != 0) fail(stmt);
  }

  // The next row into `out`; false at the end.
  bool fetch(item_row& out) {
    int const rc = mysql_stmt_fetch(stmt);
    if (rc == MYSQL_NO_DATA) return false;
    if (rc == 1) fail(stmt);
    if (rc == MYSQL_DATA_TRUNCATED && name_length > name.size()) {  // a name longer than the buffer: fetch it again
      name.resize(name_length);
      result[2].buffer = name.data();
      result[2].buffer_length = static_cast<unsigned long>(name.size());
      if (mysql_stmt_fetch_column(stmt, &result[2], 2, 0) != 0 || mysql_stmt_bind_result(stmt, result) != 0)
        fail(stmt);
    }
    out.id = id;
    out.price = price;
    out.name.assign(name.data(), name_length);
    out.day = egret::date{static_cast<std::int32_t>(day.year), day.month, day.day};
    return true;
  }
};

__attribute__((noinline)) double run_point_c(MYSQL* db, int n) {
  static c_statement st(db, c_point_sql, true);
  item_row r;
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    st.param_id = i % table_rows + 1;
    st.execute();
    if (st.fetch(r)) sum += r.price + static_cast<double>(r.name.size());
    mysql_stmt_free_result(st.stmt);
  }
  return sum;
}

__attribute__((noinline)) std::vector<item_row> run_scan_c(MYSQL* db) {
  static c_statement st(db, c_scan_sql, false);
  st.execute();
  std::vector<item_row> out;
  out.reserve(static_cast<std::size_t>(mysql_stmt_num_rows(st.stmt)));
  item_row r;
  while (st.fetch(r)) out.push_back(r);
  mysql_stmt_free_result(st.stmt);
  return out;
}

// ---- egret ----

__attribute__((noinline)) double run_point_egret(egret::mysql::connection& db, int n) {
  item_row r;
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    auto c = db.execute(by_id, std::int64_t{i % table_rows + 1});
    if (c.read(r)) sum += r.price + static_cast<double>(r.name.size());
  }
  return sum;
}

__attribute__((noinline)) std::vector<item_row> run_scan_egret(egret::mysql::connection& db) {
  return db.execute(all_rows).as<item_row>();
}

// Both sides must read the same values, else the comparison means nothing.
void verify(egret::mysql::connection& db) {
  if (egret::to_sql<egret::mysql::dialect_type>(by_id) != std::string_view(c_point_sql) ||
      egret::to_sql<egret::mysql::dialect_type>(all_rows) != std::string_view(c_scan_sql))
    throw std::runtime_error("the hand-written SQL differs from egret's");
  auto const a = run_scan_c(db.native_handle());
  auto const b = run_scan_egret(db);
  if (a.size() != static_cast<std::size_t>(table_rows) || a != b)
    throw std::runtime_error("egret and the C API read different rows");
  if (run_point_c(db.native_handle(), 100) != run_point_egret(db, 100))
    throw std::runtime_error("egret and the C API read different point rows");
}

egret::mysql::connection& shared_db() {
  static egret::mysql::connection db = [] {
    egret::mysql::connection d(conninfo());
    create(d);
    verify(d);
    return d;
  }();
  return db;
}

void point_c(benchmark::State& s) {
  for (auto _ : s) benchmark::DoNotOptimize(run_point_c(shared_db().native_handle(), point_queries));
  s.SetItemsProcessed(s.iterations() * point_queries);
}
void point_egret(benchmark::State& s) {
  for (auto _ : s) benchmark::DoNotOptimize(run_point_egret(shared_db(), point_queries));
  s.SetItemsProcessed(s.iterations() * point_queries);
}
void scan_c(benchmark::State& s) {
  for (auto _ : s) benchmark::DoNotOptimize(run_scan_c(shared_db().native_handle()));
  s.SetItemsProcessed(s.iterations() * table_rows);
}
void scan_egret(benchmark::State& s) {
  for (auto _ : s) benchmark::DoNotOptimize(run_scan_egret(shared_db()));
  s.SetItemsProcessed(s.iterations() * table_rows);
}
// Wall time: most of a query is spent waiting for the server.
BENCHMARK(point_c)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(point_egret)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(scan_c)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(scan_egret)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  if (conninfo() == nullptr) {
    std::printf("bench_mysql_rows: no server given; skipped. Start a private one and pass its connection string:\n"
                "  tests/servers/mariadb.sh start /tmp/egret-bench-mariadb\n"
                "  EGRET_BENCH_MYSQL_CONNINFO=\"$(cat /tmp/egret-bench-mariadb/conninfo)\" %s\n"
                "  tests/servers/mariadb.sh stop /tmp/egret-bench-mariadb\n"
                "(bench/run_servers.sh does all of it for both server benchmarks.)\n",
                argv[0]);
    return 0;
  }
  if (argc == 3 && std::strcmp(argv[1], "--callgrind") == 0) {
    auto& db = shared_db();  // creates the table, prepares both sides' statements, checks they agree
    // verify() and the warm-up's scans free 10k-row vectors: consolidate the allocator's free chunks after each,
    // or the next measured function to allocate pays for it (~1.5 M instructions, whichever side it is).
    auto const settle = [] {
#ifdef __GLIBC__
      malloc_trim(0);
#endif
    };
    settle();
    std::string const v = argv[2];
    double x = 0;
    // Warm-up outside the measured functions (the same for every variant).
    x += run_point_c(db.native_handle(), 100) + run_point_egret(db, 100);
    x += static_cast<double>(run_scan_c(db.native_handle()).size() + run_scan_egret(db).size());
    settle();
    if (v == "point_c") x += run_point_c(db.native_handle(), point_queries);
    else if (v == "point_egret") x += run_point_egret(db, point_queries);
    else if (v == "scan_c") x += static_cast<double>(run_scan_c(db.native_handle()).size());
    else if (v == "scan_egret") x += static_cast<double>(run_scan_egret(db).size());
    else return std::fprintf(stderr, "unknown variant %s\n", v.c_str()), 2;
    std::printf("%s %.0f\n", v.c_str(), x);
    return 0;
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
