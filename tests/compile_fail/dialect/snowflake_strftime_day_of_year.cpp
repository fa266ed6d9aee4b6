// expect: egret: Snowflake's TO_CHAR has no day-of-year field \(%j\)
// TO_CHAR has no day-of-year element; the pattern without %j renders.
#include <egret/dialect/snowflake.hpp>

#include "../schema.hpp"
int main() {
  [[maybe_unused]] orders o;
  [[maybe_unused]] customers c;
#ifndef EGRET_CONTROL
  return egret::to_sql<egret::dialect::snowflake>(o.select(o.order_date.strftime<"%Y-%j">().as<"f">())).empty();
#else
  return egret::to_sql<egret::dialect::snowflake>(o.select(o.order_date.strftime<"%Y-%m">().as<"f">())).empty();
#endif
}
