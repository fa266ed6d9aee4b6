// egret vs hand-written sqlite3 C code, side by side in one binary, on one SQLite file:
//  - point: 100k point queries by primary key with a bound parameter, each row read into a struct;
//    egret through db.execute(q, id) (the statement cache) and through prepare(q), C with a reused statement.
//  - scan: 1M rows read into a std::vector of structs.
// Google Benchmark times them; `bench_sqlite_rows --callgrind VARIANT` runs one variant once so that
// `valgrind --tool=callgrind --toggle-collect='run_*'` counts its instructions (docs/performance.md).
#include <benchmark/benchmark.h>

#include <boost/hana/define_struct.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include <egret/sqlite.hpp>

namespace {

EGRET_TABLE(item, (id, std::int64_t), (qty, std::int64_t), (price, double), (name, std::string));

struct item_row {
  BOOST_HANA_DEFINE_STRUCT(item_row, (std::int64_t, id), (std::int64_t, qty), (double, price), (std::string, name));
};

constexpr std::int64_t point_rows = 100'000;
constexpr std::int64_t scan_rows = 1'000'000;
constexpr int point_queries = 100'000;

std::string db_path() { return (std::filesystem::temp_directory_path() / "egret_bench_rows.db").string(); }

void create(egret::sqlite::connection& db) {
  db.exec("DROP TABLE IF EXISTS item");
  db.exec(R"(CREATE TABLE "item" ("id" INTEGER PRIMARY KEY, "qty" INTEGER NOT NULL, "price" REAL NOT NULL, "name" TEXT NOT NULL))");
  auto tx = db.transaction();
  for (std::int64_t i = 1; i <= scan_rows; ++i)
    db.insert<item>(i, i % 97, static_cast<double>(i) * 0.25, "item-" + std::to_string(i));
  tx.commit();
}

constexpr item t{};
constexpr auto by_id = t.filter(t.id == egret::param<"id", std::int64_t>).select(t.id, t.qty, t.price, t.name);
constexpr auto all_rows = t.select(t.id, t.qty, t.price, t.name);
constexpr char const* c_point_sql = R"(SELECT "id", "qty", "price", "name" FROM "item" WHERE "id" = ?)";
constexpr char const* c_scan_sql = R"(SELECT "id", "qty", "price", "name" FROM "item")";

__attribute__((noinline)) double run_point_egret_execute(egret::sqlite::connection& db, int n) {
  item_row r;
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    auto c = db.execute(by_id, std::int64_t{i % point_rows + 1});
    if (c.read(r)) sum += r.price + static_cast<double>(r.name.size());
  }
  return sum;
}

__attribute__((noinline)) double run_point_egret_prepared(egret::sqlite::connection& db, int n) {
  static auto st = db.prepare(by_id);
  item_row r;
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    auto c = st.execute(std::int64_t{i % point_rows + 1});
    if (c.read(r)) sum += r.price + static_cast<double>(r.name.size());
  }
  return sum;
}

// Tag: one prepared statement per connection (0: egret's own, opened without SQLite's mutex; 1: a connection
// opened with sqlite3_open_v2's defaults, SQLite's serialized mode, which takes a mutex in every call).
template <int Tag>
__attribute__((noinline)) double run_point_c(sqlite3* db, int n) {
  static sqlite3_stmt* st = [db] {
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v3(db, c_point_sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr);
    return s;
  }();
  item_row r;
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    sqlite3_bind_int64(st, 1, i % point_rows + 1);
    if (sqlite3_step(st) == SQLITE_ROW) {
      r.id = sqlite3_column_int64(st, 0);
      r.qty = sqlite3_column_int64(st, 1);
      r.price = sqlite3_column_double(st, 2);
      r.name.assign(reinterpret_cast<char const*>(sqlite3_column_text(st, 3)),
                    static_cast<std::size_t>(sqlite3_column_bytes(st, 3)));
      sum += r.price + static_cast<double>(r.name.size());
    }
    sqlite3_reset(st);
  }
  return sum;
}

__attribute__((noinline)) std::size_t run_scan_egret(egret::sqlite::connection& db) {
  std::vector<item_row> out;
  item_row r;
  auto c = db.execute(all_rows);
  while (c.read(r)) out.push_back(r);
  return out.size();
}

template <int Tag>
__attribute__((noinline)) std::size_t run_scan_c(sqlite3* db) {
  static sqlite3_stmt* st = [db] {
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v3(db, c_scan_sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr);
    return s;
  }();
  std::vector<item_row> out;
  item_row r;
  while (sqlite3_step(st) == SQLITE_ROW) {
    r.id = sqlite3_column_int64(st, 0);
    r.qty = sqlite3_column_int64(st, 1);
    r.price = sqlite3_column_double(st, 2);
    r.name.assign(reinterpret_cast<char const*>(sqlite3_column_text(st, 3)),
                  static_cast<std::size_t>(sqlite3_column_bytes(st, 3)));
    out.push_back(r);
  }
  sqlite3_reset(st);
  return out.size();
}

/// The benchmark file opened by hand with sqlite3_open_v2's default threading mode (serialized: a mutex per call).
sqlite3* serialized_db() {
  static sqlite3* db = [] {
    sqlite3* d = nullptr;
    if (sqlite3_open_v2(db_path().c_str(), &d, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) std::abort();
    return d;
  }();
  return db;
}

egret::sqlite::connection& shared_db() {
  static egret::sqlite::connection db = [] {
    egret::sqlite::connection d(db_path());
    create(d);
    return d;
  }();
  return db;
}

void point_egret_execute(benchmark::State& s) {
  for (auto _ : s) benchmark::DoNotOptimize(run_point_egret_execute(shared_db(), point_queries));
}
void point_egret_prepared(benchmark::State& s) {
  for (auto _ : s) benchmark::DoNotOptimize(run_point_egret_prepared(shared_db(), point_queries));
}
void point_c(benchmark::State& s) {
  for (auto _ : s) benchmark::DoNotOptimize(run_point_c<0>(shared_db().native_handle(), point_queries));
}
void point_c_serialized(benchmark::State& s) {
  shared_db();
  for (auto _ : s) benchmark::DoNotOptimize(run_point_c<1>(serialized_db(), point_queries));
}
void scan_egret(benchmark::State& s) {
  for (auto _ : s) benchmark::DoNotOptimize(run_scan_egret(shared_db()));
}
void scan_c_serialized(benchmark::State& s) {
  shared_db();
  for (auto _ : s) benchmark::DoNotOptimize(run_scan_c<1>(serialized_db()));
}
void scan_c(benchmark::State& s) {
  for (auto _ : s) benchmark::DoNotOptimize(run_scan_c<0>(shared_db().native_handle()));
}
// Interleaved, so that machine noise hits every variant alike.
BENCHMARK(point_c)->Unit(benchmark::kMillisecond);
BENCHMARK(point_c_serialized)->Unit(benchmark::kMillisecond);
BENCHMARK(point_egret_execute)->Unit(benchmark::kMillisecond);
BENCHMARK(point_egret_prepared)->Unit(benchmark::kMillisecond);
BENCHMARK(scan_c)->Unit(benchmark::kMillisecond);
BENCHMARK(scan_c_serialized)->Unit(benchmark::kMillisecond);
BENCHMARK(scan_egret)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[1], "--callgrind") == 0) {
    egret::sqlite::connection db(db_path());
    if (!std::filesystem::exists(db_path()) || std::filesystem::file_size(db_path()) < 1024) create(db);
    std::string const v = argv[2];
    double x = 0;
    // Warm-up outside the measured function: prepares the statements and fills the page cache.
    if (v.starts_with("point")) run_point_c<0>(db.native_handle(), 1000), x += run_point_egret_execute(db, 1000);
    if (v == "point_c_serialized") run_point_c<1>(serialized_db(), 1000);
    if (v == "point_c") x += run_point_c<0>(db.native_handle(), point_queries);
    else if (v == "point_c_serialized") x += run_point_c<1>(serialized_db(), point_queries);
    else if (v == "point_egret_execute") x += run_point_egret_execute(db, point_queries);
    else if (v == "point_egret_prepared") x += run_point_egret_prepared(db, point_queries);
    else if (v == "scan_c") x += static_cast<double>(run_scan_c<0>(db.native_handle()));
    else if (v == "scan_c_serialized") x += static_cast<double>(run_scan_c<1>(serialized_db()));
    else if (v == "scan_egret") x += static_cast<double>(run_scan_egret(db));
    std::printf("%s %.0f\n", v.c_str(), x);
    return 0;
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
