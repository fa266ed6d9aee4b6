// The README's vocabulary section, compiled and run as written (keeps the README true).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <egret/egret.hpp>
#include <egret/sqlite.hpp>

namespace readme {
using namespace egret::literals;
EGRET_TABLE(orders, (order_id, std::int64_t), (customer_id, std::int64_t),
                    (order_date, egret::date), (status, std::string));
EGRET_TABLE(payments, (payment_id, std::int64_t), (order_id, std::int64_t),
                      (payment_method, std::string), (amount, double));
}  // namespace readme

TEST_CASE("docs: the README's vocabulary examples run", "[docs]") {
  using namespace readme;
  auto const path = std::filesystem::path(EGRET_TEST_TMP_DIR) / "readme_vocabulary.db";
  std::filesystem::remove(path);
  egret::sqlite::connection db{path.string()};
  db.create_table<orders>();
  db.create_table<payments>();
  db.insert<orders>(7, 1, egret::date{2024, 1, 1}, "placed");
  db.insert<payments>(1, 7, "coupon", 150.0);
  db.insert<payments>(2, 7, "credit_card", 50.0);
  // --- README: begin ---
constexpr orders o{};
constexpr payments p{};
// functions: numbers, text, dates, NULLs, conditionals (docs/functions.md, docs/dates.md)
auto f = o.select(egret::upper(egret::substr(o.status, 1, 3)).as<"code">(), egret::year(o.order_date).as<"y">(),
                  egret::nullif(o.status, "placed").fill_null("-").as<"s">());
auto r = p.select(egret::round(p.amount * 1.2, 2).as<"gross">());
// aggregates with filters; windows (docs/windows.md)
auto a = p.group_by(p.order_id).aggregate(p.amount.sum(egret::where(p.payment_method == "coupon")).as<"coupon">(),
                                          p.payment_method.group_concat(", ").as<"methods">(), p.amount.std().as<"sd">());
auto w = p.mutate(egret::row_number().over(egret::window().partition_by(p.order_id).order_by(p.amount.desc())).as<"rank">());
// joins of every kind, self-joins, subqueries, set operations, CTEs (docs/relations.md)
auto o2 = o.as<"o2">();
auto e = o.filter(egret::exists(p.filter(p.order_id == egret::outer(o.order_id))));
auto u = o.anti_join(p, p.order_id == o.order_id).select(o.order_id).union_all(o2.select(o2.order_id));
auto big = egret::cte<"big">(p.filter(p.amount > 100.0));
auto c = egret::with(big).query(o.join(big, big["order_id"_c] == o.order_id));
// statements, checked against the target table (docs/statements.md)
db.run(egret::update(o).set(o.status, "shipped").where(o.order_id == 7));
auto added = db.execute(egret::insert_into(o).values(8, 1, egret::date{2024, 1, 2}, "placed").returning(o.order_id));
  // --- README: end ---
  CHECK(added.to_vector().at(0).get<"order_id">() == 8);
  auto fr = db.execute(f.filter(f["y"_c] == 2024)).to_vector();
  REQUIRE(fr.size() == 2);
  std::vector<std::string> codes{std::string(fr[0].get<"code">()), std::string(fr[1].get<"code">())};
  std::sort(codes.begin(), codes.end());
  CHECK(codes == std::vector<std::string>{"PLA", "SHI"});
  CHECK(db.execute(r).to_vector().at(0).get<"gross">() == 180.0);
  auto ar = db.execute(a).to_vector();
  REQUIRE(ar.size() == 1);
  CHECK(ar[0].get<"coupon">() == 150.0);
  CHECK(db.execute(w.order_by(w["rank"_c])).to_vector().at(0).get<"payment_id">() == 1);
  CHECK(db.execute(e).to_vector().size() == 1);
  CHECK(db.execute(u).to_vector().size() == 3);
  CHECK(db.execute(c).to_vector().size() == 1);
}
