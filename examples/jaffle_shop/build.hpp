// Builds the jaffle shop into a SQLite database: seeds, staging views, customers and orders tables.
#pragma once

#include <filesystem>

#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>

#include "models.hpp"

namespace jaffle {

/// Loads the seeds from `seeds` and materializes every model; rebuilds from scratch.
inline void build(egret::sqlite::connection& db, std::filesystem::path const& seeds) {
  for (auto v : {"stg_customers", "stg_orders", "stg_payments"}) db.drop_view(v);
  for (auto t : {"customers", "orders", "raw_customers", "raw_orders", "raw_payments"}) db.drop_table(t);

  auto tx = db.transaction();
  db.create_table<raw_customers>();
  db.create_table<raw_orders>();
  db.create_table<raw_payments>();
  db.load_csv<raw_customers>(seeds / "raw_customers.csv");
  db.load_csv<raw_orders>(seeds / "raw_orders.csv");
  db.load_csv<raw_payments>(seeds / "raw_payments.csv");

  db.create_view<stg_customers>(stg_customers_model({}));
  db.create_view<stg_orders>(stg_orders_model({}));
  db.create_view<stg_payments>(stg_payments_model({}));

  db.create_table_from<customers>(customers_model({}, {}, {}));
  db.create_table_from<orders>(orders_model({}, {}));
  tx.commit();
}

}  // namespace jaffle
