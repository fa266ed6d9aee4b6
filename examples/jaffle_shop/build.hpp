// Builds the jaffle shop into a database: seeds, staging views, customers and orders tables. Written once for any
// egret backend's connection (SQLite in main.cpp; PostgreSQL and MariaDB in tests/conformance/jaffle_shop.cpp).
#pragma once

#include <filesystem>

#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>

#include "models.hpp"

namespace jaffle {

/// Loads the seeds from `seeds` and materializes every model; rebuilds from scratch.
template <class Db>
void build(Db& db, std::filesystem::path const& seeds) {
  for (auto v : {"stg_customers", "stg_orders", "stg_payments"}) db.drop_view(v);
  for (auto t : {"customers", "orders", "raw_customers", "raw_orders", "raw_payments"}) db.drop_table(t);

  auto tx = db.transaction();
  db.template create_table<raw_customers>();
  db.template create_table<raw_orders>();
  db.template create_table<raw_payments>();
  db.template load_csv<raw_customers>(seeds / "raw_customers.csv");
  db.template load_csv<raw_orders>(seeds / "raw_orders.csv");
  db.template load_csv<raw_payments>(seeds / "raw_payments.csv");

  db.template create_view<stg_customers>(stg_customers_model({}));
  db.template create_view<stg_orders>(stg_orders_model({}));
  db.template create_view<stg_payments>(stg_payments_model({}));

  db.template create_table_from<customers>(customers_model({}, {}, {}));
  db.template create_table_from<orders>(orders_model({}, {}));
  tx.commit();
}

}  // namespace jaffle
