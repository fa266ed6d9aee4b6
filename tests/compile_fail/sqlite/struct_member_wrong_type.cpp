// expect: egret: a member of the struct has a C\+\+ type that cannot hold its column's SQL type
#include <boost/hana/define_struct.hpp>
#include <egret/sqlite.hpp>
#include "../schema.hpp"
struct order_view {
#ifndef EGRET_CONTROL
  BOOST_HANA_DEFINE_STRUCT(order_view, (std::int64_t, order_id), (double, status));
#else
  BOOST_HANA_DEFINE_STRUCT(order_view, (std::int64_t, order_id), (std::string, status));
#endif
};
int main() {
  egret::sqlite::connection db(":memory:");
  orders o;
  (void)db.fetch_as<order_view>(o.select(o.order_id, o.status));
}
