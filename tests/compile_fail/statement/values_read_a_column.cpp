// expect: egret: a VALUES row cannot read columns
#include "../schema.hpp"
int main() {
  customers c;
  orders o;
#ifndef EGRET_CONTROL
  auto s = egret::insert_into(c).values(o.customer_id, "Ann");
#else
  auto s = egret::insert_into(c).from(o.select(o.customer_id, o.status.as<"name">()));
#endif
  return egret::to_sql<egret::dialect::sqlite>(s).empty();
}
