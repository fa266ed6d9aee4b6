// expect: egret: create_aggregate\(\): the step callable must take \(State&, then one parameter per parameter
#include <egret/sqlite.hpp>
#include "../schema.hpp"
constexpr auto total = egret::udaf<"total", double(double)>;
int main() {
  egret::sqlite::connection db(":memory:");
#ifndef EGRET_CONTROL
  db.create_aggregate<double>(total, [](double& acc, std::string const& x) { acc += double(x.size()); },
                              [](double acc) { return acc; });
#else
  db.create_aggregate<double>(total, [](double& acc, double x) { acc += x; }, [](double acc) { return acc; });
#endif
}
