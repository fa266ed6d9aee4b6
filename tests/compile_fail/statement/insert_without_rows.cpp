// expect: egret: this INSERT has no rows
#include "../schema.hpp"
int main() {
  customers c;
#ifndef EGRET_CONTROL
  auto s = egret::insert_into(c);
#else
  auto s = egret::insert_into(c).values(1, "Ann");
#endif
  return egret::to_sql<egret::dialect::sqlite>(s).empty();
}
