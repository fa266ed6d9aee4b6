// expect: egret: SQL Server's FORMAT\(\) has no day of the year \(%j\)
// FORMAT() takes .NET patterns, which have no day of the year; the same pattern without %j compiles.
#include <egret/dialect/mssql.hpp>

#include "../schema.hpp"
EGRET_TABLE(days, (d, egret::date));
int main() {
  days t;
#ifndef EGRET_CONTROL
  return egret::to_sql<egret::dialect::mssql>(t.select(t.d.strftime<"%Y-%j">().as<"s">())).empty();
#else
  return egret::to_sql<egret::dialect::mssql>(t.select(t.d.strftime<"%Y-%m">().as<"s">())).empty();
#endif
}
