// expect: egret: run\(\) is for statements without result rows
#include <egret/sqlite.hpp>
#include "../schema.hpp"
int main() {
  egret::sqlite::connection db(":memory:");
  orders o;
  auto const s = egret::delete_from(o).where(o.order_id == 1).returning(o.order_id);
#ifndef EGRET_CONTROL
  return static_cast<int>(db.run(s));
#else
  return static_cast<int>(db.execute(s).to_vector().size());
#endif
}
