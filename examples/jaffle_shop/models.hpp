// The jaffle shop (dbt-labs' reference project) in egret: raw seed tables, staging views and the
// customers / orders models, each a typed query over the tables declared before it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <egret/egret.hpp>

namespace jaffle {

using namespace egret::literals;
using egret::date;
using std::int64_t;
using std::optional;
using std::string;

// Seeds, as in the CSV files.
EGRET_TABLE(raw_customers, (id, int64_t), (first_name, string), (last_name, string));
EGRET_TABLE(raw_orders, (id, int64_t), (user_id, int64_t), (order_date, date), (status, string));
EGRET_TABLE(raw_payments, (id, int64_t), (order_id, int64_t), (payment_method, string), (amount, int64_t));

// Staging models (views). Their declared columns are a contract the queries below are checked against.
EGRET_TABLE(stg_customers, (customer_id, int64_t), (first_name, string), (last_name, string));
EGRET_TABLE(stg_orders, (order_id, int64_t), (customer_id, int64_t), (order_date, date), (status, string));
EGRET_TABLE(stg_payments, (payment_id, int64_t), (order_id, int64_t), (payment_method, string), (amount, double));

// Marts (tables).
EGRET_TABLE(customers, (customer_id, int64_t), (first_name, string), (last_name, string),
            (first_order, optional<date>), (most_recent_order, optional<date>),
            (number_of_orders, optional<int64_t>), (customer_lifetime_value, optional<double>));
EGRET_TABLE(orders, (order_id, int64_t), (customer_id, int64_t), (order_date, date), (status, string),
            (credit_card_amount, optional<double>), (coupon_amount, optional<double>),
            (bank_transfer_amount, optional<double>), (gift_card_amount, optional<double>),
            (amount, optional<double>));

constexpr auto stg_customers_model(raw_customers c) {
  return c.select(c.id.as<"customer_id">(), c.first_name, c.last_name);
}

constexpr auto stg_orders_model(raw_orders o) {
  return o.select(o.id.as<"order_id">(), o.user_id.as<"customer_id">(), o.order_date, o.status);
}

// Amounts are stored in cents; the model speaks dollars.
constexpr auto stg_payments_model(raw_payments p) {
  return p.select(p.id.as<"payment_id">(), p.order_id, p.payment_method, (p.amount / 100.0).as<"amount">());
}

// One aggregate per payment method; M is a compile-time string, so the SQL stays fixed at compile time.
template <egret::fixed_string M>
constexpr auto amount_by(stg_payments p) {
  return egret::coalesce(p.amount.sum(egret::where(p.payment_method == egret::str<M>)), 0.0)
      .template as<M + "_amount">();
}

constexpr auto orders_model(stg_orders o, stg_payments p) {
  auto op = p.group_by(p.order_id)
                .aggregate(amount_by<"credit_card">(p), amount_by<"coupon">(p), amount_by<"bank_transfer">(p),
                           amount_by<"gift_card">(p), p.amount.sum().as<"total_amount">());
  return o.left_join(op, o.order_id == op["order_id"_c])
      .select(o.order_id, o.customer_id, o.order_date, o.status, op["credit_card_amount"_c], op["coupon_amount"_c],
              op["bank_transfer_amount"_c], op["gift_card_amount"_c], op["total_amount"_c].as<"amount">());
}

constexpr auto customers_model(stg_customers c, stg_orders o, stg_payments p) {
  auto customer_orders = o.group_by(o.customer_id)
                             .aggregate(o.order_date.min().as<"first_order">(),
                                        o.order_date.max().as<"most_recent_order">(),
                                        o.order_id.count().as<"number_of_orders">());
  auto customer_payments = p.left_join(o, p.order_id == o.order_id)
                               .group_by(o.customer_id)
                               .aggregate(p.amount.sum().as<"total_amount">());
  return c.left_join(customer_orders, c.customer_id == customer_orders["customer_id"_c])
      .left_join(customer_payments, c.customer_id == customer_payments["customer_id"_c])
      .select(c.customer_id, c.first_name, c.last_name, customer_orders["first_order"_c],
              customer_orders["most_recent_order"_c], customer_orders["number_of_orders"_c],
              customer_payments["total_amount"_c].as<"customer_lifetime_value">());
}

// The SQL of every model exists at compile time.
static_assert(egret::to_sql<egret::dialect::sqlite>(orders_model({}, {})).starts_with("SELECT "));

}  // namespace jaffle
