// expect: invalid_time_of_day_hour_0_to_23_minute_second_0_to_59_microsecond_below_1000000
#include "../schema.hpp"
int main() {
#ifndef EGRET_CONTROL
  constexpr egret::timestamp t{{2024, 1, 1}, 24, 0, 0};
#else
  constexpr egret::timestamp t{{2024, 1, 1}, 23, 59, 59};
#endif
  return static_cast<int>(t.hour) - 23;
}
