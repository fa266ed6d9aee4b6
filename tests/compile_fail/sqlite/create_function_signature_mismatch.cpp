// expect: egret: create_function\(\): the C\+\+ callable cannot take the udf
#include <egret/sqlite.hpp>
#include "../schema.hpp"
constexpr auto slugify = egret::udf<"slugify", std::string(std::string)>;
int main() {
  egret::sqlite::connection db(":memory:");
#ifndef EGRET_CONTROL
  db.create_function(slugify, [](std::int64_t n) { return std::to_string(n); });
#else
  db.create_function(slugify, [](std::string const& s) { return s; });
#endif
}
