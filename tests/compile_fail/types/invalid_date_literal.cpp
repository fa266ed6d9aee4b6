// expect: invalid_date_month_must_be_1_to_12_and_day_within_the_month
#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  constexpr egret::date day{2023, 2, 29};  // 2023 is no leap year
#else
  constexpr egret::date day{2024, 2, 29};
#endif
  auto q = o.filter(o.order_date == day).select(o.order_id);
  return egret::to_sql<egret::dialect::sqlite>(q).empty();
}
