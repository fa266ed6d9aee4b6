// The jaffle shop as an egret pipeline: three seeds, three staging views, the customers and orders tables, and
// the dbt project's twenty data tests. The library orders, builds and tests it (egret/pipeline.hpp); each model
// reads the tables of the nodes upstream by type, so a renamed or retyped column breaks the build of every model
// that reads it.
#pragma once

#include <egret/pipeline.hpp>

#include "models.hpp"

namespace jaffle {

namespace pl = egret::pipeline;

using raw_customers_seed = pl::seed<raw_customers, "raw_customers.csv">;
using raw_orders_seed = pl::seed<raw_orders, "raw_orders.csv">;
using raw_payments_seed = pl::seed<raw_payments, "raw_payments.csv">;

struct stg_customers_node : pl::model<pl::view, stg_customers> {
  static constexpr auto build(raw_customers c) { return stg_customers_model(c); }
  static constexpr auto tests(stg_customers t) { return pl::tests(pl::unique(t.customer_id), pl::not_null(t.customer_id)); }
};

struct stg_orders_node : pl::model<pl::view, stg_orders> {
  static constexpr auto build(raw_orders o) { return stg_orders_model(o); }
  static constexpr auto tests(stg_orders t) {
    return pl::tests(pl::unique(t.order_id), pl::not_null(t.order_id),
                     pl::accepted_values<"placed", "shipped", "completed", "return_pending", "returned">(t.status));
  }
};

struct stg_payments_node : pl::model<pl::view, stg_payments> {
  static constexpr auto build(raw_payments p) { return stg_payments_model(p); }
  static constexpr auto tests(stg_payments t) {
    return pl::tests(pl::unique(t.payment_id), pl::not_null(t.payment_id),
                     pl::accepted_values<"credit_card", "coupon", "bank_transfer", "gift_card">(t.payment_method));
  }
};

struct customers_node : pl::model<pl::table, customers> {
  static constexpr auto build(stg_customers c, stg_orders o, stg_payments p) { return customers_model(c, o, p); }
  static constexpr auto tests(customers t) { return pl::tests(pl::unique(t.customer_id), pl::not_null(t.customer_id)); }
};

struct orders_node : pl::model<pl::table, orders> {
  static constexpr auto build(stg_orders o, stg_payments p) { return orders_model(o, p); }
  static constexpr auto tests(orders t) {
    return pl::tests(pl::unique(t.order_id), pl::not_null(t.order_id), pl::not_null(t.customer_id),
                     pl::relationships(t.customer_id, customers{}.customer_id),
                     pl::accepted_values<"placed", "shipped", "completed", "return_pending", "returned">(t.status),
                     pl::not_null(t.amount), pl::not_null(t.credit_card_amount), pl::not_null(t.coupon_amount),
                     pl::not_null(t.bank_transfer_amount), pl::not_null(t.gift_card_amount));
  }
};

/// The whole project, in any order: the library sorts it.
using project = pl::pipeline<orders_node, customers_node, stg_payments_node, stg_orders_node, stg_customers_node,
                             raw_payments_seed, raw_orders_seed, raw_customers_seed>;

}  // namespace jaffle
