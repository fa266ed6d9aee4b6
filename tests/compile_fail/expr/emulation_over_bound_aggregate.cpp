// expect: egret: this engine emulates the function with a subquery that binds each run-time value once
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  auto q = o.group_by(o.customer_id).aggregate(o.status.max().lpad(10, "*").as<"p">());
#else
  auto q = o.group_by(o.customer_id).aggregate(o.status.max().lpad(egret::lit<10>, egret::str<"*">).as<"p">());
#endif
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
