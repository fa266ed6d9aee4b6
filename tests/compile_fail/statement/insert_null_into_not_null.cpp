// expect: egret: NULL, or a value that can be NULL, for a NOT NULL column
#include "../schema.hpp"
int main() {
  customers c;
#ifndef EGRET_CONTROL
  auto s = egret::insert_into(c).values(1, std::nullopt);
#else
  auto s = egret::insert_into(c).values(1, "Ann");
#endif
  return egret::to_sql<egret::dialect::sqlite>(s).empty();
}
