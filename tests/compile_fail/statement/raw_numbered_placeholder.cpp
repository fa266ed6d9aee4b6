// expect: egret: raw_query placeholders are plain \?
#include "../schema.hpp"
int main() {
#ifndef EGRET_CONTROL
  egret::raw_query<"SELECT order_id FROM orders WHERE order_id > $1", egret::out<"order_id", std::int64_t>,
                   egret::raw_param<std::int64_t>> r;
#else
  egret::raw_query<"SELECT order_id FROM orders WHERE order_id > ?", egret::out<"order_id", std::int64_t>,
                   egret::raw_param<std::int64_t>> r;
#endif
  return egret::to_sql<egret::dialect::sqlite>(r).empty();
}
