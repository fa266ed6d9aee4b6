// egret vs hand-written libpq code, side by side in one binary, on one connection to one PostgreSQL server:
//  - point: 2,000 point queries by primary key with a bound parameter, each row read into a struct; egret
//    through db.execute(q, id) (the connection's statement cache), libpq with PQexecPrepared on a statement
//    prepared once.
//  - scan: 10k rows of (BIGINT, DOUBLE PRECISION, TEXT, DATE) read into a std::vector of structs; egret through
//    execute(q).as<S>(), libpq with PQexecPrepared.
// Both sides send the parameter as text (as egret does) and receive results in the binary format (egret's
// default), and both convert every value to the same C++ type (DATE to egret::date). The server is the one in
// EGRET_BENCH_PG_CONNINFO (a libpq connection string; bench/run_servers.sh starts a private one).
// `bench_postgres_rows --callgrind VARIANT` runs one variant once so that
// `valgrind --tool=callgrind --toggle-collect='*run_*'` counts its (client-side) instructions.
#include <benchmark/benchmark.h>

#include <boost/hana/define_struct.hpp>

#include <bit>
#include <charconv>
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

#include <egret/postgres.hpp>

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
// The same text egret renders (checked at start-up), prepared under names of their own.
#define EGRET_BENCH_SELECT \
  R"(SELECT "bench_item"."id", "bench_item"."price", "bench_item"."name", "bench_item"."day" FROM "bench_item")"
constexpr char const* c_point_sql = EGRET_BENCH_SELECT R"( WHERE "bench_item"."id" = $1)";
constexpr char const* c_scan_sql = EGRET_BENCH_SELECT;

char const* conninfo() {
  char const* c = std::getenv("EGRET_BENCH_PG_CONNINFO");
  return c && *c ? c : nullptr;
}

void create(egret::postgres::connection& db) {
  db.exec("DROP TABLE IF EXISTS bench_item");
  db.exec(R"(CREATE TABLE "bench_item" ("id" BIGINT PRIMARY KEY, "price" DOUBLE PRECISION NOT NULL, )"
          R"("name" TEXT NOT NULL, "day" DATE NOT NULL))");
  db.exec("INSERT INTO bench_item SELECT g, g * 0.25::float8, 'label number ' || g, DATE '2000-01-01' + (g % 9000) "
          "FROM generate_series(1, " + std::to_string(table_rows) + ") g");
  db.exec("VACUUM ANALYZE bench_item");
}

// ---- hand-written libpq ----

void check(PGresult* r, ExecStatusType want, PGconn* c) {
  if (r == nullptr || PQresultStatus(r) != want) {
    std::string const msg = PQerrorMessage(c);
    PQclear(r);
    throw std::runtime_error("libpq: " + msg);
  }
}

void prepare_once(PGconn* c, char const* name, char const* sql, int nparams, Oid const* types) {
  check(PQprepare(c, name, sql, nparams, types), PGRES_COMMAND_OK, c);
}

// Binary-format fields: big-endian integers, IEEE doubles, DATE as days since 2000-01-01.
std::int64_t be64(char const* p) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);
  return static_cast<std::int64_t>(__builtin_bswap64(v));
}
std::int32_t be32(char const* p) {
  std::uint32_t v;
  std::memcpy(&v, p, 4);
  return static_cast<std::int32_t>(__builtin_bswap32(v));
}
constexpr std::int64_t pg_epoch_days = 10957;  // 1970-01-01 .. 2000-01-01

void read_row_c(PGresult* r, int i, item_row& out) {
  out.id = be64(PQgetvalue(r, i, 0));
  out.price = std::bit_cast<double>(be64(PQgetvalue(r, i, 1)));
  out.name.assign(PQgetvalue(r, i, 2), static_cast<std::size_t>(PQgetlength(r, i, 2)));
  out.day = egret::civil_from_days(be32(PQgetvalue(r, i, 3)) + pg_epoch_days);
}

__attribute__((noinline)) double run_point_c(PGconn* c, int n) {
  static bool const prepared = [c] {
    Oid const types[1] = {20};  // int8, the type egret declares for an std::int64_t parameter
    prepare_once(c, "hand_point", c_point_sql, 1, types);
    return true;
  }();
  (void)prepared;
  item_row r;
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    char id[24];
    *std::to_chars(id, id + sizeof id - 1, std::int64_t{i % table_rows + 1}).ptr = '\0';
    char const* values[1] = {id};
    PGresult* res = PQexecPrepared(c, "hand_point", 1, values, nullptr, nullptr, 1);
    check(res, PGRES_TUPLES_OK, c);
    if (PQntuples(res) == 1) {
      read_row_c(res, 0, r);
      sum += r.price + static_cast<double>(r.name.size());
    }
    PQclear(res);
  }
  return sum;
}

__attribute__((noinline)) std::vector<item_row> run_scan_c(PGconn* c) {
  static bool const prepared = [c] {
    prepare_once(c, "hand_scan", c_scan_sql, 0, nullptr);
    return true;
  }();
  (void)prepared;
  PGresult* res = PQexecPrepared(c, "hand_scan", 0, nullptr, nullptr, nullptr, 1);
  check(res, PGRES_TUPLES_OK, c);
  int const n = PQntuples(res);
  std::vector<item_row> out;
  out.reserve(static_cast<std::size_t>(n));
  item_row r;
  for (int i = 0; i < n; ++i) {
    read_row_c(res, i, r);
    out.push_back(r);
  }
  PQclear(res);
  return out;
}

// ---- egret ----

__attribute__((noinline)) double run_point_egret(egret::postgres::connection& db, int n) {
  item_row r;
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    auto c = db.execute(by_id, std::int64_t{i % table_rows + 1});
    if (c.read(r)) sum += r.price + static_cast<double>(r.name.size());
  }
  return sum;
}

__attribute__((noinline)) std::vector<item_row> run_scan_egret(egret::postgres::connection& db) {
  return db.execute(all_rows).as<item_row>();
}

// Both sides must read the same values, else the comparison means nothing.
void verify(egret::postgres::connection& db) {
  if (egret::to_sql<egret::postgres::dialect_type>(by_id) != std::string_view(c_point_sql) ||
      egret::to_sql<egret::postgres::dialect_type>(all_rows) != std::string_view(c_scan_sql))
    throw std::runtime_error("the hand-written SQL differs from egret's");
  auto const a = run_scan_c(db.native_handle());
  auto const b = run_scan_egret(db);
  if (a.size() != static_cast<std::size_t>(table_rows) || a != b)
    throw std::runtime_error("egret and libpq read different rows");
  if (run_point_c(db.native_handle(), 100) != run_point_egret(db, 100))
    throw std::runtime_error("egret and libpq read different point rows");
}

egret::postgres::connection& shared_db() {
  static egret::postgres::connection db = [] {
    egret::postgres::connection d(conninfo());
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
    std::printf("bench_postgres_rows: no server given; skipped. Start a private one and pass its conninfo:\n"
                "  tests/servers/postgres.sh start /tmp/egret-bench-pg\n"
                "  EGRET_BENCH_PG_CONNINFO=\"$(cat /tmp/egret-bench-pg/conninfo)\" %s\n"
                "  tests/servers/postgres.sh stop /tmp/egret-bench-pg\n"
                "(bench/run_servers.sh does all of it for both server benchmarks.)\n",
                argv[0]);
    return 0;
  }
  if (argc == 3 && std::strcmp(argv[1], "--callgrind") == 0) {
    auto& db = shared_db();  // creates the table, prepares both sides' statements, checks they agree
    // verify() and the warm-up's scans free 10k-row vectors: consolidate the allocator's free chunks after each,
    // or the next measured function to allocate pays for it (~1.1 M instructions, whichever side it is).
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
