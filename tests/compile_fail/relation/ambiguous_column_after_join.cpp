// expect: egret: ambiguous column name
#include "../schema.hpp"
int main() {
  orders o;
  customers c;
  auto j = o.join(c, o.customer_id == c.customer_id);
#ifndef EGRET_CONTROL
  auto q = j.select(j["customer_id"_c]);
#else
  auto q = j.select(j["status"_c]);
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
