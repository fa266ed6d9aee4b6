// expect: egret: a udf argument has the wrong SQL type
#include "../schema.hpp"
constexpr auto slugify = egret::udf<"slugify", std::string(std::string)>;
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.select(slugify(o.order_id).as<"s">());
#else
  auto q = o.select(slugify(o.status).as<"s">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
