// egret on DuckDB vs hand-written DuckDB C API code, side by side in one binary, on one DuckDB file and one
// connection (the hand-written side runs on db.native_handle()):
//  - point: 10k point queries by primary key with a bound parameter, each row read into a struct; egret through
//    db.execute(q, id) (the statement cache) and through prepare(q), C with one reused prepared statement.
//  - scan: 1M rows read into a std::vector of structs.
//  - jaffle: the jaffle shop's orders model (examples/jaffle_shop/models.hpp: per-order payment sums, one FILTERed
//    SUM per payment method, grouped by order and LEFT JOINed to the orders) on 100k orders and 113k payments,
//    its 100k rows read into structs; the C side runs the same SQL text with the same four bound values.
// The C side reads results as egret does, through the data-chunk API: duckdb_fetch_chunk, duckdb_vector_get_data,
// duckdb_vector_get_validity (a NULL in a NOT NULL column is an error on both sides, an optional column is
// std::nullopt), duckdb_string_t read through its documented inlined / pointer layout.
// Google Benchmark times them; `bench_duckdb_rows --callgrind VARIANT` runs one variant once with DuckDB on one
// thread (SET threads = 1: the query's work is then on the calling thread) after a warm-up of both sides, so that
// `valgrind --tool=callgrind --toggle-collect='*measured_variant*'` counts its instructions (docs/performance.md).
#include <benchmark/benchmark.h>

#include <boost/hana/define_struct.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <duckdb.h>
#include <unistd.h>

#include <egret/duckdb.hpp>

#include "jaffle_shop/models.hpp"

namespace {

EGRET_TABLE(item, (id, std::int64_t), (qty, std::int64_t), (price, double), (name, std::string));
EGRET_PRIMARY_KEY(item, id)

struct item_row {
  BOOST_HANA_DEFINE_STRUCT(item_row, (std::int64_t, id), (std::int64_t, qty), (double, price), (std::string, name));
};

/// A row of the jaffle shop's orders model.
struct order_row {
  BOOST_HANA_DEFINE_STRUCT(order_row, (std::int64_t, order_id), (std::int64_t, customer_id), (egret::date, order_date),
                           (std::string, status), (std::optional<double>, credit_card_amount),
                           (std::optional<double>, coupon_amount), (std::optional<double>, bank_transfer_amount),
                           (std::optional<double>, gift_card_amount), (std::optional<double>, amount));
};

constexpr std::int64_t scan_rows = 1'000'000;
constexpr int point_queries = 10'000;
constexpr int callgrind_point_queries = 2'000;  // under callgrind: 2k of them (DuckDB's ~1.1 M instructions each)
constexpr std::int64_t jaffle_orders = 100'000;   // the seeds' 99 orders, 113 payments, scaled ~1000x
constexpr std::int64_t jaffle_payments = 113'000;

/// A file of this process's own (created at start, removed at exit), so that two runs may measure side by side.
std::string db_path() {
  static std::string const p =
      (std::filesystem::temp_directory_path() / ("egret_bench_rows." + std::to_string(::getpid()) + ".duckdb")).string();
  return p;
}

void create(egret::duckdb::connection& db) {
  // Filled on one thread, so that the row groups are written in one order. (DuckDB's part of the scan's instruction
  // count still moves by ~1 % between runs, in its string decompression: compare the reading loops, see
  // docs/performance.md.)
  db.exec("SET threads = 1");
  db.exec("DROP TABLE IF EXISTS item; DROP TABLE IF EXISTS stg_orders; DROP TABLE IF EXISTS stg_payments");
  db.create_table<item>();
  db.exec("INSERT INTO item SELECT i, i % 97, i * 0.25, 'item-' || i FROM range(1, " + std::to_string(scan_rows + 1) +
          ") t(i)");
  db.create_table<jaffle::stg_orders>();
  db.create_table<jaffle::stg_payments>();
  db.exec("INSERT INTO stg_orders SELECT i, 1 + i % 10000, DATE '2018-01-01' + CAST(i % 365 AS INTEGER), "
          "['placed', 'shipped', 'completed', 'return_pending', 'returned'][1 + i % 5] FROM range(1, " +
          std::to_string(jaffle_orders + 1) + ") t(i)");
  // Every order but the last 1 % has a payment (those read NULL sums: the optional columns are exercised).
  db.exec("INSERT INTO stg_payments SELECT i, 1 + (i * 7919) % " + std::to_string(jaffle_orders * 99 / 100) +
          ", ['credit_card', 'coupon', 'bank_transfer', 'gift_card'][1 + i % 4], (i % 3000) / 100.0 FROM range(1, " +
          std::to_string(jaffle_payments + 1) + ") t(i)");
  db.exec("CHECKPOINT");
  db.exec("RESET threads");
}

constexpr item t{};
constexpr auto by_id = t.filter(t.id == egret::param<"id", std::int64_t>).select(t.id, t.qty, t.price, t.name);
constexpr auto all_rows = t.select(t.id, t.qty, t.price, t.name);
constexpr auto orders_q = jaffle::orders_model({}, {});
constexpr char const* c_point_sql = R"(SELECT "id", "qty", "price", "name" FROM "item" WHERE "id" = ?)";
constexpr char const* c_scan_sql = R"(SELECT "id", "qty", "price", "name" FROM "item")";
/// The orders model's SQL as egret renders it for DuckDB (four `?`: the 0.0 of each COALESCE).
std::string const& c_jaffle_sql() {
  static std::string const s(egret::to_sql<egret::dialect::duckdb>(orders_q));
  return s;
}

// ---- hand-written C API helpers: what a careful C programmer writes once -------------------------------------

[[noreturn]] void fail(char const* what) {
  std::fprintf(stderr, "bench_duckdb_rows: %s\n", what);
  std::abort();
}

duckdb_prepared_statement c_prepare(duckdb_connection con, char const* sql) {
  duckdb_prepared_statement s = nullptr;
  if (duckdb_prepare(con, sql, &s) != DuckDBSuccess) fail(duckdb_prepare_error(s));
  return s;
}

inline bool c_valid(std::uint64_t const* validity, idx_t row) {
  return validity == nullptr || ((validity[row >> 6] >> (row & 63)) & 1) != 0;
}
inline std::string_view c_text(duckdb_string_t const& s) {
  std::uint32_t const n = s.value.inlined.length;
  return n <= 12 ? std::string_view(s.value.inlined.inlined, n) : std::string_view(s.value.pointer.ptr, n);
}

/// Reads row i of an item chunk into r (a NULL in a NOT NULL column is an error, as in egret).
inline void c_read_item(duckdb_data_chunk chunk, idx_t i, item_row& r) {
  duckdb_vector v[4];
  std::uint64_t const* valid[4];
  for (idx_t c = 0; c < 4; ++c) {
    v[c] = duckdb_data_chunk_get_vector(chunk, c);
    valid[c] = duckdb_vector_get_validity(v[c]);
  }
  if (!c_valid(valid[0], i) || !c_valid(valid[1], i) || !c_valid(valid[2], i) || !c_valid(valid[3], i))
    fail("NULL in a NOT NULL column");
  r.id = static_cast<std::int64_t const*>(duckdb_vector_get_data(v[0]))[i];
  r.qty = static_cast<std::int64_t const*>(duckdb_vector_get_data(v[1]))[i];
  r.price = static_cast<double const*>(duckdb_vector_get_data(v[2]))[i];
  std::string_view const s = c_text(static_cast<duckdb_string_t const*>(duckdb_vector_get_data(v[3]))[i]);
  r.name.assign(s.data(), s.size());
}

/// Reads every row of an item result into one item_row, calling each(row) after each.
template <class F>
void c_read_items(duckdb_result& res, F&& each) {
  item_row r;
  while (duckdb_data_chunk chunk = duckdb_fetch_chunk(res)) {
    idx_t const n = duckdb_data_chunk_get_size(chunk);
    duckdb_vector v[4];
    for (idx_t c = 0; c < 4; ++c) v[c] = duckdb_data_chunk_get_vector(chunk, c);
    auto const* id = static_cast<std::int64_t const*>(duckdb_vector_get_data(v[0]));
    auto const* qty = static_cast<std::int64_t const*>(duckdb_vector_get_data(v[1]));
    auto const* price = static_cast<double const*>(duckdb_vector_get_data(v[2]));
    auto const* name = static_cast<duckdb_string_t const*>(duckdb_vector_get_data(v[3]));
    std::uint64_t const* valid[4];
    for (idx_t c = 0; c < 4; ++c) valid[c] = duckdb_vector_get_validity(v[c]);
    for (idx_t i = 0; i < n; ++i) {
      if (!c_valid(valid[0], i) || !c_valid(valid[1], i) || !c_valid(valid[2], i) || !c_valid(valid[3], i))
        fail("NULL in a NOT NULL column");
      r.id = id[i];
      r.qty = qty[i];
      r.price = price[i];
      std::string_view const s = c_text(name[i]);
      r.name.assign(s.data(), s.size());
      each(r);
    }
    duckdb_destroy_data_chunk(&chunk);
  }
}

// ---- point ------------------------------------------------------------------------------------------------------

__attribute__((noinline)) double run_point_egret_execute(egret::duckdb::connection& db, int n) {
  item_row r;
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    auto c = db.execute(by_id, std::int64_t{(i * 7919) % scan_rows + 1});
    if (c.read(r)) sum += r.price + static_cast<double>(r.name.size());
  }
  return sum;
}

__attribute__((noinline)) double run_point_egret_prepared(egret::duckdb::connection& db, int n) {
  static auto st = db.prepare(by_id);
  item_row r;
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    auto c = st.execute(std::int64_t{(i * 7919) % scan_rows + 1});
    if (c.read(r)) sum += r.price + static_cast<double>(r.name.size());
  }
  return sum;
}

__attribute__((noinline)) double run_point_c(duckdb_connection con, int n) {
  static duckdb_prepared_statement st = c_prepare(con, c_point_sql);
  item_row r;
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    if (duckdb_bind_int64(st, 1, (i * 7919) % scan_rows + 1) != DuckDBSuccess) fail("bind");
    duckdb_result res;
    if (duckdb_execute_prepared(st, &res) != DuckDBSuccess) fail(duckdb_result_error(&res));
    // The first chunk holds the row (a key matches one row): read it, as egret's c.read(r) does, and stop.
    if (duckdb_data_chunk chunk = duckdb_fetch_chunk(res)) {
      if (duckdb_data_chunk_get_size(chunk) > 0) {
        c_read_item(chunk, 0, r);
        sum += r.price + static_cast<double>(r.name.size());
      }
      duckdb_destroy_data_chunk(&chunk);
    }
    duckdb_destroy_result(&res);
  }
  return sum;
}

// ---- scan -------------------------------------------------------------------------------------------------------

__attribute__((noinline)) std::size_t run_scan_egret(egret::duckdb::connection& db) {
  std::vector<item_row> out;
  item_row r;
  auto c = db.execute(all_rows);
  while (c.read(r)) out.push_back(r);
  return out.size();
}

__attribute__((noinline)) std::size_t run_scan_egret_fetch_as(egret::duckdb::connection& db) {
  return db.fetch_as<item_row>(all_rows).size();
}

__attribute__((noinline)) std::size_t run_scan_c(duckdb_connection con) {
  static duckdb_prepared_statement st = c_prepare(con, c_scan_sql);
  std::vector<item_row> out;
  duckdb_result res;
  if (duckdb_execute_prepared(st, &res) != DuckDBSuccess) fail(duckdb_result_error(&res));
  c_read_items(res, [&](item_row const& r) { out.push_back(r); });
  duckdb_destroy_result(&res);
  return out.size();
}

// ---- the jaffle shop's orders model -------------------------------------------------------------------------------

std::vector<order_row> jaffle_egret_rows(egret::duckdb::connection& db) { return db.fetch_as<order_row>(orders_q); }

__attribute__((noinline)) std::size_t run_jaffle_egret(egret::duckdb::connection& db) {
  return jaffle_egret_rows(db).size();
}

std::vector<order_row> jaffle_c_rows(duckdb_connection con) {
  static duckdb_prepared_statement st = c_prepare(con, c_jaffle_sql().c_str());
  for (idx_t p = 1; p <= 4; ++p)
    if (duckdb_bind_double(st, p, 0.0) != DuckDBSuccess) fail("bind");
  duckdb_result res;
  if (duckdb_execute_prepared(st, &res) != DuckDBSuccess) fail(duckdb_result_error(&res));
  std::vector<order_row> out;
  order_row r;
  while (duckdb_data_chunk chunk = duckdb_fetch_chunk(res)) {
    idx_t const n = duckdb_data_chunk_get_size(chunk);
    void const* data[9];
    std::uint64_t const* valid[9];
    for (idx_t c = 0; c < 9; ++c) {
      duckdb_vector v = duckdb_data_chunk_get_vector(chunk, c);
      data[c] = duckdb_vector_get_data(v);
      valid[c] = duckdb_vector_get_validity(v);
    }
    auto const* order_id = static_cast<std::int64_t const*>(data[0]);
    auto const* customer_id = static_cast<std::int64_t const*>(data[1]);
    auto const* order_date = static_cast<duckdb_date const*>(data[2]);
    auto const* status = static_cast<duckdb_string_t const*>(data[3]);
    for (idx_t i = 0; i < n; ++i) {
      if (!c_valid(valid[0], i) || !c_valid(valid[1], i) || !c_valid(valid[2], i) || !c_valid(valid[3], i))
        fail("NULL in a NOT NULL column");
      r.order_id = order_id[i];
      r.customer_id = customer_id[i];
      r.order_date = egret::civil_from_days(order_date[i].days);
      std::string_view const s = c_text(status[i]);
      r.status.assign(s.data(), s.size());
      std::optional<double>* opt[5] = {&r.credit_card_amount, &r.coupon_amount, &r.bank_transfer_amount,
                                       &r.gift_card_amount, &r.amount};
      for (int c = 0; c < 5; ++c) {
        if (c_valid(valid[4 + c], i))
          *opt[c] = static_cast<double const*>(data[4 + c])[i];
        else
          opt[c]->reset();
      }
      out.push_back(r);
    }
    duckdb_destroy_data_chunk(&chunk);
  }
  duckdb_destroy_result(&res);
  return out;
}

__attribute__((noinline)) std::size_t run_jaffle_c(duckdb_connection con) { return jaffle_c_rows(con).size(); }

/// Both sides of the jaffle query read the same rows (the check `--check` makes before anything is measured).
bool same_jaffle_rows(egret::duckdb::connection& db) {
  auto const a = jaffle_egret_rows(db), b = jaffle_c_rows(db.native_handle());
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].order_id != b[i].order_id || a[i].customer_id != b[i].customer_id || a[i].order_date != b[i].order_date ||
        a[i].status != b[i].status || a[i].credit_card_amount != b[i].credit_card_amount ||
        a[i].coupon_amount != b[i].coupon_amount || a[i].bank_transfer_amount != b[i].bank_transfer_amount ||
        a[i].gift_card_amount != b[i].gift_card_amount || a[i].amount != b[i].amount)
      return false;
  return true;
}

// ---- Google Benchmark -----------------------------------------------------------------------------------------

egret::duckdb::connection& shared_db() {
  static egret::duckdb::connection db = [] {
    std::filesystem::remove(db_path());
    std::filesystem::remove(db_path() + ".wal");
    egret::duckdb::connection d(db_path());
    create(d);
    std::atexit([] {
      std::filesystem::remove(db_path());
      std::filesystem::remove(db_path() + ".wal");
    });
    return d;
  }();
  return db;
}

void point_c(benchmark::State& s) {
  for (auto _ : s) benchmark::DoNotOptimize(run_point_c(shared_db().native_handle(), point_queries));
}
void point_egret_execute(benchmark::State& s) {
  for (auto _ : s) benchmark::DoNotOptimize(run_point_egret_execute(shared_db(), point_queries));
}
void point_egret_prepared(benchmark::State& s) {
  for (auto _ : s) benchmark::DoNotOptimize(run_point_egret_prepared(shared_db(), point_queries));
}
void scan_c(benchmark::State& s) {
  for (auto _ : s) benchmark::DoNotOptimize(run_scan_c(shared_db().native_handle()));
}
void scan_egret(benchmark::State& s) {
  for (auto _ : s) benchmark::DoNotOptimize(run_scan_egret(shared_db()));
}
void scan_egret_fetch_as(benchmark::State& s) {
  for (auto _ : s) benchmark::DoNotOptimize(run_scan_egret_fetch_as(shared_db()));
}
void jaffle_c(benchmark::State& s) {
  for (auto _ : s) benchmark::DoNotOptimize(run_jaffle_c(shared_db().native_handle()));
}
void jaffle_egret(benchmark::State& s) {
  for (auto _ : s) benchmark::DoNotOptimize(run_jaffle_egret(shared_db()));
}
// Interleaved, so that machine noise hits every variant alike.
BENCHMARK(point_c)->Unit(benchmark::kMillisecond);
BENCHMARK(point_egret_execute)->Unit(benchmark::kMillisecond);
BENCHMARK(point_egret_prepared)->Unit(benchmark::kMillisecond);
BENCHMARK(scan_c)->Unit(benchmark::kMillisecond);
BENCHMARK(scan_egret)->Unit(benchmark::kMillisecond);
BENCHMARK(scan_egret_fetch_as)->Unit(benchmark::kMillisecond);
BENCHMARK(jaffle_c)->Unit(benchmark::kMillisecond);
BENCHMARK(jaffle_egret)->Unit(benchmark::kMillisecond);

/// The variant measured under callgrind (`--toggle-collect='*measured_variant*'`: the warm-up is not counted).
__attribute__((noinline)) double measured_variant(egret::duckdb::connection& db, std::string const& v) {
  duckdb_connection const con = db.native_handle();
  if (v == "point_c") return run_point_c(con, callgrind_point_queries);
  if (v == "point_egret_execute") return run_point_egret_execute(db, callgrind_point_queries);
  if (v == "point_egret_prepared") return run_point_egret_prepared(db, callgrind_point_queries);
  if (v == "scan_c") return static_cast<double>(run_scan_c(con));
  if (v == "scan_egret") return static_cast<double>(run_scan_egret(db));
  if (v == "scan_egret_fetch_as") return static_cast<double>(run_scan_egret_fetch_as(db));
  if (v == "jaffle_c") return static_cast<double>(run_jaffle_c(con));
  if (v == "jaffle_egret") return static_cast<double>(run_jaffle_egret(db));
  fail("unknown variant");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 3 && std::strcmp(argv[1], "--callgrind") == 0) {
    egret::duckdb::connection& db = shared_db();
    db.exec("SET threads = 1");
    duckdb_connection const con = db.native_handle();
    std::string const v = argv[2];
    double x = 0;
    // Warm-up outside the measured call: prepares the statements, loads the blocks into DuckDB's buffers.
    if (v.starts_with("point")) x += run_point_c(con, 100) + run_point_egret_execute(db, 100);
    if (v == "point_egret_prepared") x += run_point_egret_prepared(db, 100);
    if (v.starts_with("scan")) x += static_cast<double>(run_scan_c(con) + run_scan_egret(db));
    if (v.starts_with("jaffle")) x += static_cast<double>(run_jaffle_c(con) + run_jaffle_egret(db));
    x += measured_variant(db, v);
    std::printf("%s %.0f\n", v.c_str(), x);
    return 0;
  }
  if (argc == 2 && std::strcmp(argv[1], "--check") == 0) {
    egret::duckdb::connection& db = shared_db();
    db.exec("SET threads = 1");  // one thread: the same row order on both sides (the query has no ORDER BY)
    bool const ok = same_jaffle_rows(db) && run_scan_c(db.native_handle()) == run_scan_egret(db) &&
                    run_point_c(db.native_handle(), 1000) == run_point_egret_execute(db, 1000);
    std::printf("%s\n", ok ? "same rows on both sides" : "the two sides differ");
    return ok ? 0 : 1;
  }
  if (argc == 2 && std::strcmp(argv[1], "--sql") == 0) {
    std::printf("%s\n", c_jaffle_sql().c_str());
    return 0;
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
