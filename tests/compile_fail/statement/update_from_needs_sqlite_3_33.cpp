// expect: egret: SQLite before 3.33 has no UPDATE \.\.\. FROM; target sqlite_v<3033000> or newer
#include "../schema.hpp"
int main() {
  orders o;
  customers c;
  auto s = egret::update(o).set(o.status, c.name).from(c).where(o.customer_id == c.customer_id);
#ifndef EGRET_CONTROL
  return egret::to_sql<egret::dialect::sqlite_v<3'032'000>>(s).empty();
#else
  return egret::to_sql<egret::dialect::sqlite_v<3'033'000>>(s).empty();
#endif
}
