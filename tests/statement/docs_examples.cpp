// The examples of docs/statements.md, compiled and run on a real SQLite file.
#include <catch2/catch.hpp>

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <tuple>

#include <egret/relation/subquery.hpp>
#include <egret/sqlite.hpp>

namespace {
using namespace egret::literals;

EGRET_TABLE(items, (id, std::int64_t), (name, std::string), (price, double), (qty, std::int32_t),
            (tag, std::optional<std::string>));
EGRET_TABLE(archive, (id, std::int64_t), (name, std::string));
EGRET_TABLE(restock, (item_id, std::int64_t), (amount, std::int32_t));
}  // namespace

TEST_CASE("statement: the examples of docs/statements.md", "[statement][sqlite][docs]") {
  auto const path = std::filesystem::path(EGRET_TEST_TMP_DIR) / "statement_docs.db";
  std::filesystem::remove(path);
  egret::sqlite::connection db(path.string());
  db.exec(R"(CREATE TABLE "items" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL, "price" REAL NOT NULL,
             "qty" INTEGER NOT NULL, "tag" TEXT))");
  db.create_table<archive>();
  db.create_table<restock>();
  items t;

  using egret::insert_into;
  CHECK(db.run(insert_into(t).values(1, "pen", 1.5, 10, std::nullopt)) == 1);
  CHECK(db.run(insert_into(t).values(2, "ink", 7.25, 0, "blue").values(3, "pad", 3.0, 4, std::nullopt)) == 2);
  CHECK(db.run(insert_into(t, t.id, t.name, t.price, t.qty)
                   .rows(std::tuple{4, "cap", 0.5, 1}, std::tuple{5, "box", 2.0, 2})) == 2);
  std::array<std::tuple<std::int64_t, std::string, double, int>, 100> batch;
  for (std::size_t i = 0; i < batch.size(); ++i)
    batch[i] = {100 + static_cast<std::int64_t>(i), "bulk" + std::to_string(i), 1.0, 200};
  CHECK(db.run(insert_into(t, t.id, t.name, t.price, t.qty).rows(batch)) == 100);

  archive a;
  CHECK(db.run(insert_into(a).from(t.filter(t.qty == 0).select(t.id, t.name))) == 1);

  CHECK(db.run(egret::update(t).set(t.price, t.price * 1.1).set(t.tag, "sale").where(t.qty > 100)) == 100);
  CHECK(db.run(egret::update(t).set(egret::set(t.qty, 0), egret::set(t.tag, std::nullopt)).where(t.id == 3)) == 1);
  CHECK(db.run(egret::update(t).set(t.qty, t.qty + 1).all()) == 105);

  restock r;
  db.run(insert_into(r).values(1, 5).values(1, 2));
  auto per_item = r.group_by(r.item_id).aggregate(r.amount.sum().as<"total">());
  CHECK(db.run(egret::update(t)
                   .set(t.qty, t.qty + egret::coalesce(per_item["total"_c], 0).cast<std::int32_t>())
                   .from(per_item)
                   .where(t.id == per_item["item_id"_c])) == 1);

  CHECK(db.run(egret::delete_from(t).where(t.id > 100).where(!egret::exists(r.filter(r.item_id == egret::outer(t.id))))) == 99);
  CHECK(db.run(egret::delete_from(t).where(t.qty == 0)) == 0);

  using egret::excluded;
  using egret::set;
  CHECK(db.run(insert_into(t).values(1, "pen", 1.5, 5, std::nullopt).on_conflict(t.id).do_nothing()) == 0);
  CHECK(db.run(insert_into(t).values(1, "pen", 1.5, 5, std::nullopt)
                   .on_conflict(t.id)
                   .do_update(set(t.qty, excluded(t.qty) + t.qty), set(t.tag, egret::str<"restocked">))
                   .where(excluded(t.qty) > 0)) == 1);

  auto ins = insert_into(t).values(6, "mug", 4.0, 2, std::nullopt).returning(t.id, (t.price * 2).as<"p2">());
  for (auto const& row : db.execute(ins)) {
    CHECK(row.get<"id">() == 6);
    CHECK(row.get<"p2">() == 8.0);
  }
  auto upd = egret::update(t).set(t.qty, t.qty - 1).where(t.id == egret::param<"id", std::int64_t>).returning(t.qty.as<"left">());
  std::optional<std::int32_t> left;
  if (auto row = db.execute(upd, std::int64_t{6}).first()) left = row->get<"left">();
  CHECK(left == 1);

  using top_tags = egret::raw_query<R"(SELECT "tag", COUNT(*) AS "n" FROM "items" WHERE "price" > ? GROUP BY "tag")",
                                    egret::out<"tag", std::optional<std::string>>, egret::out<"n", std::int64_t>,
                                    egret::raw_param<double>>;
  top_tags q;
  std::int64_t total = 0;
  for (auto const& row : db.execute(q, 2.0)) total += row.get<"n">();
  CHECK(total == 3);  // ink (blue), pad and mug (no tag)
  auto busy = q.filter(q["n"_c] > egret::param<"min", std::int64_t>).select(q["tag"_c]);
  auto const busy_rows = db.execute(busy, 2.0, std::int64_t{1}).to_vector();
  REQUIRE(busy_rows.size() == 1);
  CHECK(!busy_rows[0].get<"tag">().has_value());
}
