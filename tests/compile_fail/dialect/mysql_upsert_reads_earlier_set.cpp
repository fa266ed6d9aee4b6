// expect: egret: ON DUPLICATE KEY UPDATE assigns left to right, so a value reading a column that an earlier set\(\)
// The second value reads customer_id, which the first set() changes: MySQL would read the new value, ON CONFLICT
// the old one. The other order (read first, then set) renders.
#include <egret/dialect/mysql.hpp>

#include "../schema.hpp"
int main() {
  [[maybe_unused]] orders o;
  auto const ins = egret::insert_into(o).values(1, 2, "new", egret::date{2024, 1, 2}).on_conflict(o.order_id);
#ifndef EGRET_CONTROL
  return egret::to_sql<egret::dialect::mysql>(ins.do_update(egret::set(o.customer_id, egret::excluded(o.customer_id)),
                                                            egret::set(o.status, o.customer_id.cast<std::string>())))
      .empty();
#else
  return egret::to_sql<egret::dialect::mysql>(ins.do_update(egret::set(o.status, o.customer_id.cast<std::string>()),
                                                            egret::set(o.customer_id, egret::excluded(o.customer_id))))
      .empty();
#endif
}
