// expect: egret: insert_into\(t, columns...\) leaves out a NOT NULL column
#include "../schema.hpp"
EGRET_TABLE(notes, (id, std::int64_t), (title, std::string), (body, std::optional<std::string>));
int main() {
  notes n;
#ifndef EGRET_CONTROL
  auto s = egret::insert_into(n, n.id, n.body).values(1, "text");
#else
  auto s = egret::insert_into(n, n.id, n.title).values(1, "title");  // body, nullable, left out
#endif
  return egret::to_sql<egret::dialect::sqlite>(s).empty();
}
