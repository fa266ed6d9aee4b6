// The schemas the golden SQL tests use.
#pragma once

#include <egret/egret.hpp>

namespace golden {
EGRET_TABLE(orders, (order_id, std::int64_t), (customer_id, std::int64_t), (order_date, egret::date),
            (status, std::string), (note, std::optional<std::string>));
EGRET_TABLE(payments, (payment_id, std::int64_t), (order_id, std::int64_t), (payment_method, std::string),
            (amount, double));
EGRET_TABLE(customers, (customer_id, std::int64_t), (name, std::string), (age, std::optional<std::int32_t>));
}  // namespace golden
