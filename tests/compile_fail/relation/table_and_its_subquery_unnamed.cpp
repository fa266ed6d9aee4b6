// expect: egret: this query is already in the join \(both sides would read the same columns\); name each use
#include "../schema.hpp"
int main() {
  orders o;
  auto recent = o.order_by(o.order_date.desc()).limit(3).filter(o.status == "shipped");
#ifndef EGRET_CONTROL
  auto q = o.join(recent, o.customer_id == o.customer_id);
#else
  auto r = recent.as<"r">();
  auto q = o.join(r, o.customer_id == r["customer_id"_c]);
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
