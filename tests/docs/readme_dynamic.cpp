// The README's "Queries shaped at run time" block, compiled and run as written: tests/CMakeLists.txt extracts
// it from README.md into readme/dynamic.inc at configure time (keeps the README true).
#include <catch2/catch.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <fmt/core.h>

#include <egret/dynamic.hpp>
#include <egret/sqlite.hpp>
#include <egret/sqlite/dynamic.hpp>

namespace readme_dyn {
EGRET_TABLE(orders, (order_id, std::int64_t), (customer_id, std::int64_t),
                    (order_date, egret::date), (status, std::string));
}  // namespace readme_dyn

TEST_CASE("docs: the README's dynamic query example runs", "[docs][dynamic]") {
  using namespace readme_dyn;
  auto const path = std::filesystem::path(EGRET_TEST_TMP_DIR) / "readme_dynamic.db";
  std::filesystem::remove(path);
  egret::sqlite::connection db{path.string()};
  db.create_table<orders>();
  db.insert<orders>(1, 1, egret::date{2024, 1, 1}, "placed");
  db.insert<orders>(2, 2, egret::date{2024, 1, 3}, "placed");
  db.insert<orders>(3, 2, egret::date{2024, 1, 2}, "shipped");
  db.insert<orders>(4, 3, egret::date{2024, 1, 4}, "placed");
#include "dynamic.inc"
// (unindented, as the block is: the block ends in an unbraced for)
// The block's query, run again and checked: orders of customers 1 and 2 that are placed, newest first.
std::vector<std::int64_t> ids;
for (auto const& row : db.execute(find_orders({"placed", {1, 2}, true}))) ids.push_back(row.get<"order_id">());
CHECK(ids == std::vector<std::int64_t>{2, 1});
ids.clear();
for (auto const& row : db.execute(find_orders({std::nullopt, {}, false}))) ids.push_back(row.get<"order_id">());
CHECK(ids == std::vector<std::int64_t>{1, 3, 2, 4});
CHECK(egret::dyn::to_sql<egret::dialect::sqlite>(find_orders({std::nullopt, {}, false})).find("WHERE") ==
      std::string::npos);
}
