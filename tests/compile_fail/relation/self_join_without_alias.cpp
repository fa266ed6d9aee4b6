// expect: egret: this table is already in the join; join it with itself through an alias
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.join(o, o.customer_id == o.customer_id);
#else
  auto o2 = o.as<"o2">();
  auto q = o.join(o2, o.customer_id == o2.customer_id);
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
