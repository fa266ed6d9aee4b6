// expect: egret: raw_query text has a different number of \? placeholders than raw_param<> declarations
#include "../schema.hpp"
int main() {
#ifndef EGRET_CONTROL
  egret::raw_query<"SELECT order_id FROM orders WHERE order_id > ? AND status <> ?", egret::out<"order_id", std::int64_t>,
                   egret::raw_param<std::int64_t>> r;
#else
  egret::raw_query<"SELECT order_id FROM orders WHERE order_id > ? AND status <> ?", egret::out<"order_id", std::int64_t>,
                   egret::raw_param<std::int64_t>, egret::raw_param<std::string>> r;
#endif
  return egret::to_sql<egret::dialect::sqlite>(r).empty();
}
