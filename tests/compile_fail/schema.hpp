// The schema every compile-fail snippet uses.
#pragma once
#include <egret/egret.hpp>
using namespace egret::literals;
EGRET_TABLE(orders, (order_id, std::int64_t), (customer_id, std::int64_t), (status, std::string),
            (order_date, egret::date));
EGRET_TABLE(customers, (customer_id, std::int64_t), (name, std::string));
