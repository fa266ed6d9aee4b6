// expect: egret: db\.load_csv\(\) needs #include <egret/sqlite/load_csv\.hpp>
#include <egret/sqlite.hpp>
#include "../schema.hpp"
// The CSV loader is opt-in: without its header, load_csv() says which header to include.
#ifndef EGRET_CONTROL
// the mistake: no #include <egret/sqlite/load_csv.hpp>
#else
#include <egret/sqlite/load_csv.hpp>
#endif
int main() {
  egret::sqlite::connection db(":memory:");
  db.load_csv<customers>("customers.csv");
}
