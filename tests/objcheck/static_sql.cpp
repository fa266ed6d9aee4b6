// The runtime cost of static SQL (docs/dialects.md, "Static SQL is a constant"): this file is compiled
// at -O2 to an object file, never linked, and objcheck.cmake inspects it. Each iteration of the loop
// builds a join + aggregate query (with a run-time value in it) and hands its SQL, for SQLite and for
// PostgreSQL, to an opaque sink. The object must hold each text below as a constant, and its code must
// call nothing but the sink: no rendering, no allocation.
//
// With -DEGRET_OBJCHECK_RUNTIME the same loop renders at run time (render_sql); objcheck.cmake compiles
// that variant too and requires both checks to FAIL on it, so the checks are known to catch rendering.
#include <cstddef>

#include <egret/egret.hpp>

namespace objcheck {
EGRET_TABLE(orders, (order_id, std::int64_t), (customer_id, std::int64_t), (status, std::string));
EGRET_TABLE(customers, (customer_id, std::int64_t), (name, std::string));

constexpr orders o{};
constexpr customers c{};

/// The query, with a value known only at run time (bound as a placeholder, not part of the text).
constexpr auto per_customer(std::int64_t min_orders) {
  return o.join(c, o.customer_id == c.customer_id)
      .group_by(c.name)
      .aggregate(egret::count(egret::where(o.status == egret::str<"shipped">)).as<"shipped">(),
                 egret::count().as<"n">())
      .having(egret::count() > min_orders)
      .order_by(c.name)
      .limit(10);
}
using query = decltype(per_customer(0));

// The texts the object file must contain (objcheck.cmake reads the raw strings of these two lines).
static_assert(egret::to_sql<egret::dialect::sqlite>(per_customer(0)) ==
              R"(SELECT "customers"."name", COUNT(*) FILTER (WHERE "orders"."status" = 'shipped') AS "shipped", COUNT(*) AS "n" FROM "orders" INNER JOIN "customers" ON "orders"."customer_id" = "customers"."customer_id" GROUP BY "customers"."name" HAVING COUNT(*) > ? ORDER BY "customers"."name" LIMIT ?)");
static_assert(egret::to_sql<egret::dialect::postgres>(per_customer(0)) ==
              R"(SELECT "customers"."name", COUNT(*) FILTER (WHERE "orders"."status" = 'shipped') AS "shipped", COUNT(*) AS "n" FROM "orders" INNER JOIN "customers" ON "orders"."customer_id" = "customers"."customer_id" GROUP BY "customers"."name" HAVING COUNT(*) > $1 ORDER BY "customers"."name" LIMIT $2)");
}  // namespace objcheck

/// Defined nowhere: the object is only inspected, and the compiler cannot see through the call.
extern "C" void egret_objcheck_sink(char const* sql, std::size_t size);

extern "C" void egret_objcheck_loop(int n) {
  for (int i = 0; i < n; ++i) {
    auto const q = objcheck::per_customer(i);
#ifndef EGRET_OBJCHECK_RUNTIME
    std::string_view const sqlite = egret::to_sql<egret::dialect::sqlite>(q);
    std::string_view const postgres = egret::to_sql<egret::dialect::postgres>(q);
#else
    std::string const sqlite = egret::render_sql<egret::dialect::sqlite>(q);
    std::string const postgres = egret::render_sql<egret::dialect::postgres>(q);
#endif
    egret_objcheck_sink(sqlite.data(), sqlite.size());
    egret_objcheck_sink(postgres.data(), postgres.size());
  }
}
