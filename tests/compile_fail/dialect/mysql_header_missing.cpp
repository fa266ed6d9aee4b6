// expect: egret: dialect::mysql / dialect::mariadb needs #include <egret/dialect/mysql.hpp>
// Naming a dialect whose header the program did not include says which header to include.
#ifndef EGRET_CONTROL
// <egret/dialect/mysql.hpp> is not included
#else
#include <egret/dialect/mysql.hpp>
#endif

#include "../schema.hpp"
int main() {
  [[maybe_unused]] orders o;
  return egret::to_sql<egret::dialect::mysql>(o.select(o.order_id)).empty();
}
