// Install-test consumer: built against an INSTALLED egret via find_package(egret CONFIG REQUIRED).
// Placeholder until the real API lands; to be rewritten to use it.
#include <egret/egret.hpp>
#include <egret/sqlite.hpp>

#include <sqlite3.h>

#include <cstdio>
#include <string>

int main() {
  sqlite3* db = nullptr;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
    std::fprintf(stderr, "consumer: cannot open in-memory database\n");
    sqlite3_close(db);
    return 1;
  }
  sqlite3_close(db);

  try {
    throw egret::error("consumer: egret::error works");
  } catch (egret::error const& e) {
    if (std::string(e.what()) != "consumer: egret::error works") return 1;
    std::printf("consumer OK: %s\n", e.what());
    return 0;
  }
  return 1;
}
