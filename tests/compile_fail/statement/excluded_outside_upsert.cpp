// expect: egret: excluded\(\) is the row proposed for insertion
#include "../schema.hpp"
int main() {
  customers c;
#ifndef EGRET_CONTROL
  auto s = egret::update(c).set(c.name, egret::excluded(c.name)).all();
#else
  auto s = egret::insert_into(c).values(1, "Ann").on_conflict(c.customer_id).do_update(egret::set(c.name, egret::excluded(c.name)));
#endif
  return egret::to_sql<egret::dialect::sqlite>(s).empty();
}
