// expect: egret: group_concat\(\) needs a TEXT argument
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.group_by(o.customer_id).aggregate(o.order_id.group_concat(", ").as<"ids">());
#else
  auto q = o.group_by(o.customer_id).aggregate(o.order_id.cast<std::string>().group_concat(", ").as<"ids">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
