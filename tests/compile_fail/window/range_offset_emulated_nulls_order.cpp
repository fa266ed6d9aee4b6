// expect: egret: this engine has no NULLS FIRST/LAST, and its emulation adds an ORDER BY term
#include "../schema.hpp"
int main() {
  orders o;
  auto q = o.select(egret::count()
                        .over(egret::order_by(o.order_id.asc().nulls_last()).range(egret::preceding<1>(), egret::current_row()))
                        .as<"n">());
#ifndef EGRET_CONTROL
  return egret::to_sql<egret::dialect::sqlite_v<3'029'000>>(q).empty();
#else
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
#endif
}
