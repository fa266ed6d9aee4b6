// expect: egret: NULL, or a value that can be NULL, for a NOT NULL column; coalesce\(\) it
#include "../schema.hpp"
EGRET_TABLE(notes, (id, std::int64_t), (title, std::string), (body, std::optional<std::string>));
int main() {
  notes n;
#ifndef EGRET_CONTROL
  auto s = egret::update(n).set(n.title, n.body).all();
#else
  auto s = egret::update(n).set(n.title, egret::coalesce(n.body, egret::str<"">)).all();
#endif
  return egret::to_sql<egret::dialect::sqlite>(s).empty();
}
