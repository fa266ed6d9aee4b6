// expect: egret: SQL Server 2019 has no regular expressions \(re_search, re_extract, re_replace\)
// T-SQL has LIKE, not regular expressions; like() compiles.
#include <egret/dialect/mssql.hpp>

#include "../schema.hpp"
int main() {
  orders o;
#ifndef EGRET_CONTROL
  return egret::to_sql<egret::dialect::mssql>(o.filter(egret::re_search(o.status, "^s[a-z]+$"))).empty();
#else
  return egret::to_sql<egret::dialect::mssql>(o.filter(o.status.like("s%"))).empty();
#endif
}
