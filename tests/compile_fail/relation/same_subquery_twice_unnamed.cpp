// expect: egret: this query is already in the join \(both sides would read the same columns\); name each use
#include "../schema.hpp"
int main() {
  orders o;
  auto e1 = o.filter(o.status == "shipped").select(o.order_id, o.customer_id);
  auto e2 = o.filter(o.status == "returned").select(o.order_id, o.customer_id);
#ifndef EGRET_CONTROL
  auto q = e1.join(e2, e1["order_id"_c] == e2["order_id"_c]);
#else
  auto a = e1.as<"a">();
  auto b = e2.as<"b">();
  auto q = a.join(b, a["order_id"_c] == b["order_id"_c]);
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
