// expect: egret: this column belongs to a query that is in this FROM more than once; take it from the name
#include "../schema.hpp"
int main() {
  orders o;
  auto e = o.filter(o.status == "shipped").select(o.order_id, o.customer_id);
  auto a = e.as<"a">();
  auto b = e.as<"b">();
  auto j = a.join(b, a["customer_id"_c] == b["customer_id"_c]);
#ifndef EGRET_CONTROL
  auto q = j.select(e["order_id"_c]);
#else
  auto q = j.select(b["order_id"_c]);
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
