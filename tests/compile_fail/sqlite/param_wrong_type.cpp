// expect: egret: execute\(\) gives a param<> a value of the wrong C\+\+ type
#include <egret/sqlite.hpp>
#include "../schema.hpp"
int main() {
  egret::sqlite::connection db(":memory:");
  orders o;
  auto q = o.filter(o.status == egret::param<"status", std::string>);
#ifndef EGRET_CONTROL
  (void)db.execute(q, 42);
#else
  (void)db.execute(q, std::string("shipped"));
#endif
}
