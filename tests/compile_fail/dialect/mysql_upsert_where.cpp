// expect: egret: this engine's upsert \(ON DUPLICATE KEY UPDATE\) takes no WHERE
// ON DUPLICATE KEY UPDATE has no WHERE: do_update(...).where(p) is rejected; without where() it renders.
#include <egret/dialect/mysql.hpp>

#include "../schema.hpp"
int main() {
  [[maybe_unused]] customers c;
  auto const up = egret::insert_into(c).values(1, "Ann").on_conflict(c.customer_id).do_update(
      egret::set(c.name, egret::excluded(c.name)));
#ifndef EGRET_CONTROL
  return egret::to_sql<egret::dialect::mariadb>(up.where(c.name != egret::excluded(c.name))).empty();
#else
  return egret::to_sql<egret::dialect::mariadb>(up).empty();
#endif
}
