// expect: egret: values\(\): a value's SQL type differs from its column's
#include "../schema.hpp"
int main() {
#ifndef EGRET_CONTROL
  auto q = egret::values<customers>(std::tuple{1, "ann"}, std::tuple{"two", "bo"});
#else
  auto q = egret::values<customers>(std::tuple{1, "ann"}, std::tuple{2, "bo"});
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
