// A project outside egret's tree, built against the installed package: find_package(egret CONFIG REQUIRED).
#include <egret/egret.hpp>
#include <egret/pipeline/cli.hpp>
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>

#include <cstdio>

EGRET_TABLE(point, (id, std::int64_t), (x, double));

int main() {
  egret::sqlite::connection db(":memory:");
  db.create_table<point>();
  db.insert<point>(1, 2.5);
  db.insert<point>(2, 4.0);
  constexpr point p{};
  constexpr auto q = p.aggregate(p.x.sum().as<"total">());
  static_assert(egret::to_sql<egret::dialect::sqlite>(q) == R"(SELECT SUM("point"."x") AS "total" FROM "point")");
  auto row = db.execute(q).first();
  if (!row || row->get<"total">() != 6.5) {
    std::puts("consumer: wrong total");
    return 1;
  }
  // egret::pipeline: a one-node pipeline's command line lists it
  using shop = egret::pipeline::pipeline<egret::pipeline::seed<point, "point.csv">>;
  char const* args[] = {"consumer", "ls"};
  if (egret::pipeline::main<shop, egret::sqlite::connection>(2, args) != 0) {
    std::puts("consumer: pipeline ls failed");
    return 1;
  }
  std::puts("consumer: ok");
  return 0;
}
