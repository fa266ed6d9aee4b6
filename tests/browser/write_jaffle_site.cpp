// Writes the jaffle shop's docs site for the browser test (tests/browser/CMakeLists.txt): DIR/index.html, and
// beside it what the check expects to find in the page once a browser ran it: the nodes' names (names.txt, one a
// line) and the orders model's SQLite SQL (orders.sqlite.sql).
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>

#include <egret/pipeline/docs_site.hpp>

#include "../../examples/jaffle_shop/pipeline.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s DIR\n", argv[0]);
    return 2;
  }
  try {
    std::filesystem::path const dir = argv[1];
    egret::pipeline::write_docs_site<jaffle::project>(dir, {.title = "The jaffle shop"});
    std::ofstream names(dir / "names.txt", std::ios::binary | std::ios::trunc);
    for (auto name : jaffle::project::names_in_order()) names << name << '\n';
    std::ofstream sql(dir / "orders.sqlite.sql", std::ios::binary | std::ios::trunc);
    sql << jaffle::project::model_sql<egret::dialect::sqlite, jaffle::orders_node>();
    names.close();
    sql.close();
    return names && sql ? 0 : 1;
  } catch (std::exception const& e) {
    std::fprintf(stderr, "write_jaffle_site: %s\n", e.what());
    return 1;
  }
}
