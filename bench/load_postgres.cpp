// Bulk load into PostgreSQL: egret's db.load_csv<T>() of a generated CSV (1M rows, 5 columns by default) against
// psql's `\copy events FROM file CSV HEADER` of the same file into the same table, alternated, medians of the
// wall times. The server is the one in EGRET_BENCH_PG_CONNINFO (a libpq connection string; `LOAD=1
// bench/run_servers.sh` starts a private one and runs this).
//
//   bench_load_postgres [rows] [runs]          (needs psql on PATH: apt-get install postgresql-client)
//
// Both load into a freshly created table (egret's DDL for T, no index), in one transaction (\copy is one COPY,
// one statement), and both check every value's type: psql's COPY on the server, egret by parsing each field as
// its declared C++ type first (what makes a bad field a file:line:column error). Each timing covers connecting
// and the load (psql's: the whole process).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <egret/postgres.hpp>
#include <egret/postgres/load_csv.hpp>

namespace {

EGRET_TABLE(events, (id, std::int64_t), (user_id, std::int64_t), (day, egret::date), (kind, std::string),
            (amount, double));

using clock_type = std::chrono::steady_clock;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// The text inside single quotes for a POSIX shell.
std::string shell_quote(std::string const& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct table_sum {
  std::int64_t n = 0, ids = 0, users = 0, kinds = 0;
  double amount = 0;
  std::string days;
  bool operator==(table_sum const&) const = default;
};

// What was loaded, summed up, so that both loaders are seen to load the same rows.
table_sum summary(egret::postgres::connection& db) {
  table_sum s;
  for (auto const& r : db.execute(
           egret::raw_query<"SELECT count(*), sum(id)::bigint, sum(user_id)::bigint, sum(length(kind))::bigint, "
                            "sum(amount), min(day)::text || max(day)::text FROM events",
                            egret::out<"n", std::int64_t>, egret::out<"ids", std::int64_t>,
                            egret::out<"users", std::int64_t>, egret::out<"kinds", std::int64_t>,
                            egret::out<"amount", double>, egret::out<"days", std::string>>{}))
    s = {r.get<"n">(), r.get<"ids">(), r.get<"users">(), r.get<"kinds">(), r.get<"amount">(),
         std::string(r.get<"days">())};
  return s;
}

}  // namespace

int main(int argc, char** argv) try {
  char const* conninfo = std::getenv("EGRET_BENCH_PG_CONNINFO");
  if (conninfo == nullptr || *conninfo == '\0') {
    std::printf("bench_load_postgres: no server given; skipped. Start a private one and pass its conninfo:\n"
                "  tests/servers/postgres.sh start /tmp/egret-bench-pg\n"
                "  EGRET_BENCH_PG_CONNINFO=\"$(cat /tmp/egret-bench-pg/conninfo)\" %s [rows] [runs]\n"
                "  tests/servers/postgres.sh stop /tmp/egret-bench-pg\n"
                "(LOAD=1 bench/run_servers.sh does all of it for both load benchmarks.)\n",
                argv[0]);
    return 0;
  }
  long const rows = argc > 1 ? std::max(1L, std::atol(argv[1])) : 1'000'000L;
  int const runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  namespace fs = std::filesystem;
  fs::path const dir = fs::temp_directory_path() / ("egret-bench-load-pg-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  fs::path const csv = dir / "events.csv";
  {
    std::ofstream out(csv, std::ios::binary);
    out << "id,user_id,day,kind,amount\n";
    char const* kinds[] = {"view", "click", "purchase, with comma", "refund"};
    for (long i = 1; i <= rows; ++i)
      out << i << ',' << (i * 7919) % 100000 << ",2024-" << fmt::format("{:02}-{:02}", 1 + i % 12, 1 + i % 28) << ','
          << (i % 4 == 2 ? "\"purchase, with comma\"" : kinds[i % 4]) << ',' << (i % 1000) / 8.0 << '\n';
  }
  egret::postgres::connection admin(conninfo);
  auto const fresh_table = [&] {
    admin.exec("DROP TABLE IF EXISTS events");
    admin.create_table<events>();
  };
  std::string const psql_cmd = fmt::format("psql -X -q -v ON_ERROR_STOP=1 {} -c {} >/dev/null", shell_quote(conninfo),
                                           shell_quote("\\copy events FROM " + shell_quote(csv.string()) +
                                                       " WITH (FORMAT csv, HEADER true)"));
  std::vector<double> egret_ms, psql_ms;
  table_sum egret_sum, psql_sum;
  for (int i = 0; i < runs; ++i) {
    fresh_table();
    {
      auto const t0 = clock_type::now();
      egret::postgres::connection db(conninfo);
      if (db.load_csv<events>(csv.string()) != static_cast<std::size_t>(rows))
        throw egret::error("egret loaded a wrong count");
      egret_ms.push_back(std::chrono::duration<double, std::milli>(clock_type::now() - t0).count());
    }
    if (i == 0) egret_sum = summary(admin);
    fresh_table();
    {
      auto const t0 = clock_type::now();
      if (std::system(psql_cmd.c_str()) != 0) throw egret::error("psql failed (apt-get install postgresql-client)");
      psql_ms.push_back(std::chrono::duration<double, std::milli>(clock_type::now() - t0).count());
    }
    if (i == 0) psql_sum = summary(admin);
  }
  if (!(egret_sum == psql_sum) || egret_sum.n != rows) throw egret::error("egret and psql loaded different rows");
  admin.exec("DROP TABLE IF EXISTS events");
  double const e = median(egret_ms), s = median(psql_ms);
  fmt::print("load of {} rows x 5 columns ({:.1f} MB) into PostgreSQL, median of {} alternated runs\n", rows,
             static_cast<double>(fs::file_size(csv)) / 1e6, runs);
  fmt::print("  egret runs (ms): {:.0f}\n  psql runs (ms):  {:.0f}\n", fmt::join(egret_ms, " "), fmt::join(psql_ms, " "));
  fmt::print("| loader | ms | rows/s | time / psql \\copy |\n| --- | ---: | ---: | ---: |\n");
  fmt::print("| egret load_csv<T> | {:.0f} | {:.0f} | {:.3f} |\n", e, static_cast<double>(rows) / e * 1000, e / s);
  fmt::print("| psql \\copy (CSV) | {:.0f} | {:.0f} | 1.000 |\n", s, static_cast<double>(rows) / s * 1000);
  fs::remove_all(dir);
  return 0;
} catch (std::exception const& e) {
  std::fprintf(stderr, "bench_load_postgres: %s\n", e.what());
  return 1;
}
