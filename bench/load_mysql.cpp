// Bulk load into MariaDB: egret's db.load_csv<T>() of a generated CSV (1M rows, 5 columns by default) against
// `LOAD DATA LOCAL INFILE` of the same file into the same table (sent with mysql_real_query from C on a connection
// of its own, as the mariadb CLI with --local-infile=1 does), alternated, medians of the wall times. The server is
// the one in EGRET_BENCH_MYSQL_CONNINFO (egret's `key=value` connection string; `LOAD=1 bench/run_servers.sh`
// starts a private one and runs this); the tables go to its database egret_bench.
//
//   bench_load_mysql [rows] [runs]
//
// Both load into a freshly created InnoDB table (egret's DDL for T, no index), in one transaction (LOAD DATA is one
// statement), and both check every value's type: the server's LOAD DATA (strict mode, as egret's sessions run),
// egret by parsing each field as its declared C++ type first (what makes a bad field a file:line:column error).
// Each timing covers connecting and the load.
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

#include <egret/mysql.hpp>
#include <egret/mysql/load_csv.hpp>

namespace {

EGRET_TABLE(events, (id, std::int64_t), (user_id, std::int64_t), (day, egret::date), (kind, std::string),
            (amount, double));

using clock_type = std::chrono::steady_clock;

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// The reference: LOAD DATA LOCAL INFILE from C, on a connection of its own (local infile allowed).
double load_data_ms(egret::mysql::conninfo const& ci, std::string const& sql) {
  auto const t0 = clock_type::now();
  MYSQL* m = mysql_init(nullptr);
  unsigned int const local_infile = 1;
  mysql_options(m, MYSQL_OPT_LOCAL_INFILE, &local_infile);
  mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
  auto const opt = [](std::string const& s) { return s.empty() ? nullptr : s.c_str(); };
  if (mysql_real_connect(m, opt(ci.host), opt(ci.user), opt(ci.password), opt(ci.database), ci.port, opt(ci.socket),
                         0) == nullptr ||
      mysql_real_query(m, sql.data(), sql.size()) != 0) {
    std::string const msg = mysql_error(m);
    mysql_close(m);
    throw egret::error("LOAD DATA LOCAL INFILE failed: " + msg);
  }
  mysql_close(m);
  return std::chrono::duration<double, std::milli>(clock_type::now() - t0).count();
}

struct table_sum {
  std::int64_t n = 0, ids = 0, users = 0, kinds = 0;
  double amount = 0;
  std::string days;
  bool operator==(table_sum const&) const = default;
};

// What was loaded, summed up, so that both loaders are seen to load the same rows.
table_sum summary(egret::mysql::connection& db) {
  table_sum s;
  for (auto const& r : db.execute(
           egret::raw_query<"SELECT count(*), CAST(sum(id) AS SIGNED), CAST(sum(user_id) AS SIGNED), "
                            "CAST(sum(length(kind)) AS SIGNED), sum(amount), CONCAT(min(day), max(day)) FROM events",
                            egret::out<"n", std::int64_t>, egret::out<"ids", std::int64_t>,
                            egret::out<"users", std::int64_t>, egret::out<"kinds", std::int64_t>,
                            egret::out<"amount", double>, egret::out<"days", std::string>>{}))
    s = {r.get<"n">(), r.get<"ids">(), r.get<"users">(), r.get<"kinds">(), r.get<"amount">(),
         std::string(r.get<"days">())};
  return s;
}

}  // namespace

int main(int argc, char** argv) try {
  char const* conninfo = std::getenv("EGRET_BENCH_MYSQL_CONNINFO");
  if (conninfo == nullptr || *conninfo == '\0') {
    std::printf("bench_load_mysql: no server given; skipped. Start a private one and pass its connection string:\n"
                "  tests/servers/mariadb.sh start /tmp/egret-bench-mariadb\n"
                "  EGRET_BENCH_MYSQL_CONNINFO=\"$(cat /tmp/egret-bench-mariadb/conninfo)\" %s [rows] [runs]\n"
                "  tests/servers/mariadb.sh stop /tmp/egret-bench-mariadb\n"
                "(LOAD=1 bench/run_servers.sh does all of it for both load benchmarks.)\n",
                argv[0]);
    return 0;
  }
  long const rows = argc > 1 ? std::max(1L, std::atol(argv[1])) : 1'000'000L;
  int const runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  namespace fs = std::filesystem;
  fs::path const dir = fs::temp_directory_path() / ("egret-bench-load-mysql-" + std::to_string(::getpid()));
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
  std::string const target = std::string(conninfo) + " database=egret_bench";
  {
    egret::mysql::connection setup(conninfo);
    setup.exec("CREATE DATABASE IF NOT EXISTS egret_bench CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin");
  }
  egret::mysql::connection admin(target);
  auto const fresh_table = [&] {
    admin.exec("DROP TABLE IF EXISTS events");
    admin.create_table<events>();
  };
  std::string const load_sql = "LOAD DATA LOCAL INFILE '" + csv.string() +
                               "' INTO TABLE events CHARACTER SET utf8mb4 FIELDS TERMINATED BY ',' OPTIONALLY "
                               "ENCLOSED BY '\"' ESCAPED BY '' LINES TERMINATED BY '\\n' IGNORE 1 LINES "
                               "(id, user_id, day, kind, amount)";
  auto const ci = egret::mysql::conninfo::parse(target);
  std::vector<double> egret_ms, ref_ms;
  table_sum egret_sum, ref_sum;
  for (int i = 0; i < runs; ++i) {
    fresh_table();
    {
      auto const t0 = clock_type::now();
      egret::mysql::connection db(target);
      if (db.load_csv<events>(csv.string()) != static_cast<std::size_t>(rows))
        throw egret::error("egret loaded a wrong count");
      egret_ms.push_back(std::chrono::duration<double, std::milli>(clock_type::now() - t0).count());
    }
    if (i == 0) egret_sum = summary(admin);
    fresh_table();
    {
      ref_ms.push_back(load_data_ms(ci, load_sql));
    }
    if (i == 0) ref_sum = summary(admin);
  }
  if (!(egret_sum == ref_sum) || egret_sum.n != rows) throw egret::error("egret and LOAD DATA loaded different rows");
  admin.exec("DROP TABLE IF EXISTS events");
  double const e = median(egret_ms), s = median(ref_ms);
  fmt::print("load of {} rows x 5 columns ({:.1f} MB) into MariaDB, median of {} alternated runs\n", rows,
             static_cast<double>(fs::file_size(csv)) / 1e6, runs);
  fmt::print("  egret runs (ms):     {:.0f}\n  LOAD DATA runs (ms): {:.0f}\n", fmt::join(egret_ms, " "), fmt::join(ref_ms, " "));
  fmt::print("| loader | ms | rows/s | time / LOAD DATA LOCAL INFILE |\n| --- | ---: | ---: | ---: |\n");
  fmt::print("| egret load_csv<T> | {:.0f} | {:.0f} | {:.3f} |\n", e, static_cast<double>(rows) / e * 1000, e / s);
  fmt::print("| LOAD DATA LOCAL INFILE | {:.0f} | {:.0f} | 1.000 |\n", s, static_cast<double>(rows) / s * 1000);
  fs::remove_all(dir);
  return 0;
} catch (std::exception const& e) {
  std::fprintf(stderr, "bench_load_mysql: %s\n", e.what());
  return 1;
}
