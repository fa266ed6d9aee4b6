// expect: egret: a query column's SQL type differs from the table column of the same name
#include "../schema.hpp"
EGRET_TABLE(order_ids, (order_id, std::int64_t), (status, std::string));
int main() {
  orders o;
#ifndef EGRET_CONTROL
  egret::detail::require_contract<decltype(o.select(o.order_id, o.order_date.as<"status">())), order_ids>();
#else
  egret::detail::require_contract<decltype(o.select(o.order_id, o.status)), order_ids>();
#endif
}
