// The program every consumer project of tests/consumers/ builds (and CTest runs): a project outside egret's tree,
// using egret through the CMake target(s) its project links. What it links is said by the macros its
// CMakeLists.txt defines (common/consumer.cmake): EGRET_CONSUMER_SQLITE, _POSTGRES, _MYSQL; with none, only
// egret::egret (rendering, no database library).
#include <egret/egret.hpp>
#include <egret/dialect/mysql.hpp>
#include <egret/dialect/postgres.hpp>

#ifdef EGRET_CONSUMER_SQLITE
#include <egret/sqlite.hpp>
#endif
#ifdef EGRET_CONSUMER_POSTGRES
#include <egret/postgres.hpp>
#endif
#ifdef EGRET_CONSUMER_MYSQL
#include <egret/mysql.hpp>
#endif

#include <cstdio>
#include <string_view>

EGRET_TABLE(point, (id, std::int64_t), (x, double));

namespace {
constexpr point p{};
constexpr auto total = p.aggregate(p.x.sum().as<"total">());

// The SQL is a compile-time constant in every dialect, backend or not.
static_assert(egret::to_sql<egret::dialect::sqlite>(total) == R"(SELECT SUM("point"."x") AS "total" FROM "point")");
static_assert(egret::to_sql<egret::dialect::postgres>(total) == R"(SELECT SUM("point"."x") AS "total" FROM "point")");
static_assert(egret::to_sql<egret::dialect::mysql>(total) == "SELECT SUM(`point`.`x`) AS `total` FROM `point`");

int fail(char const* what) {
  std::printf("consumer: %s\n", what);
  return 1;
}
}  // namespace

int main() {
  if (std::string_view{egret::to_sql<egret::dialect::postgres>(total)}.find("SUM(") == std::string_view::npos) {
    return fail("wrong SQL at run time");
  }
  std::printf("consumer: egret %d.%d.%d, SQL renders\n", EGRET_VERSION_MAJOR, EGRET_VERSION_MINOR,
              EGRET_VERSION_PATCH);
#ifdef EGRET_CONSUMER_SQLITE
  egret::sqlite::connection db(":memory:");
  db.create_table<point>();
  db.insert<point>(1, 2.5);
  db.insert<point>(2, 4.0);
  auto row = db.execute(total).first();
  if (!row || row->get<"total">() != 6.5) {
    return fail("wrong total from SQLite");
  }
  std::printf("consumer: egret::sqlite ran a query on SQLite %s\n", sqlite3_libversion());
#endif
#ifdef EGRET_CONSUMER_POSTGRES
  // No server here: calling into libpq proves the headers and the library came through egret::postgres.
  std::printf("consumer: egret::postgres links libpq %d\n", PQlibVersion());
#endif
#ifdef EGRET_CONSUMER_MYSQL
  std::printf("consumer: egret::mysql links the client library %s\n", mysql_get_client_info());
#endif
  std::puts("consumer: ok");
  return 0;
}
