// expect: egret: returning\(\) reads a column of another table
#include "../schema.hpp"
int main() {
  orders o;
  customers c;
#ifndef EGRET_CONTROL
  auto s = egret::update(o).set(o.status, c.name).from(c).where(o.customer_id == c.customer_id).returning(c.name);
#else
  auto s = egret::update(o).set(o.status, c.name).from(c).where(o.customer_id == c.customer_id).returning(o.status);
#endif
  return egret::to_sql<egret::dialect::sqlite>(s).empty();
}
