// expect: egret: case_\(x\)\.when\(v, r\) needs v of x's SQL type
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.select(egret::case_(o.status).when(1, egret::str<"one">).otherwise(egret::str<"other">).as<"c">());
#else
  auto q = o.select(egret::case_(o.status).when("1", egret::str<"one">).otherwise(egret::str<"other">).as<"c">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
