// expect: egret: insert\(\) gives a column a value of the wrong type
#include <egret/sqlite.hpp>
#include "../schema.hpp"
int main() {
  egret::sqlite::connection db(":memory:");
#ifndef EGRET_CONTROL
  db.insert<customers>(1, 2);
#else
  db.insert<customers>(1, "Ann");
#endif
}
