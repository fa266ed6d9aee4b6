// expect: egret: egret::pipeline::main takes connections that name their --target scheme
// A pipeline program given a connection class that does not say which --target scheme chooses it (its
// target); the control twin gives one.
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>
#include <egret/pipeline/cli.hpp>
#include "schema.hpp"
struct my_connection : egret::sqlite::connection {
  using egret::sqlite::connection::connection;
};
#ifndef EGRET_CONTROL
struct no_scheme {
  using dialect_type = egret::dialect::sqlite;
  explicit no_scheme(std::string const&) {}
};
#else
using no_scheme = my_connection;
#endif
struct clean_node : pl::model<pl::table, clean> {
  static constexpr auto build(raw r) { return r.select(r.id, r.label); }
};
int main(int argc, char** argv) { return pl::main<pl::pipeline<raw_seed, clean_node>, no_scheme>(argc, argv); }
