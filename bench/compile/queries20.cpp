// Compile-time benchmark: a translation unit of 20 varied, realistic statements over a five-table shop schema,
// what an application's data-access file looks like. Each statement's SQL is taken for the SQLite dialect
// (`to_sql<dialect::sqlite>`, a compile-time constant) and the statement is run on an
// egret::sqlite::connection; query rows are read as typed values (`get<"name">()` or structured bindings).
//
//   q01 filter on a param, order_by, limit          q11 window: LAG and a running SUM (cumsum)
//   q02 inner join, date comparison                 q12 CASE (cases, simple case_) and CAST
//   q03 left join to a grouped subquery, coalesce   q13 UNION ALL of two projections, ordered
//   q04 group_by, aggregates with FILTER (WHERE)    q14 CTE joined to a table
//   q05 group_by ... having, order_by an aggregate  q15 DISTINCT
//   q06 three-table join, group_by, SUM of product  q16 text and date functions (upper, like, year, strftime)
//   q07 scalar subquery                             q17 semi join and anti join
//   q08 IN (subquery)                               q18 INSERT ... VALUES with a param
//   q09 correlated EXISTS with outer()              q19 UPDATE ... SET ... WHERE
//   q10 window: ROW_NUMBER() OVER (PARTITION BY ... ORDER BY ...), then a filter on it
//                                                   q20 DELETE ... WHERE with a NOT EXISTS subquery
//
// bench/compile/run.sh measures compiling it (-c); CMake builds it as an object (bench preset). Running it
// (main() below, with a database path) executes every statement on an empty schema it creates.
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

#include <egret/sqlite.hpp>

namespace shop {

using egret::date;
using std::int32_t;
using std::int64_t;
using std::optional;
using std::string;

EGRET_TABLE(customers, (customer_id, int64_t), (name, string), (email, optional<string>), (country, string),
            (signup, date));
EGRET_TABLE(products, (product_id, int64_t), (name, string), (category, string), (price, double));
EGRET_TABLE(orders, (order_id, int64_t), (customer_id, int64_t), (order_date, date), (status, string),
            (note, optional<string>));
EGRET_TABLE(order_items, (order_id, int64_t), (product_id, int64_t), (qty, int32_t), (unit_price, double));
EGRET_TABLE(payments, (payment_id, int64_t), (order_id, int64_t), (method, string), (amount, double));

}  // namespace shop

namespace {

using namespace egret::literals;
using D = egret::dialect::sqlite;
using egret::lit;
using egret::str;

constexpr shop::customers c{};
constexpr shop::products p{};
constexpr shop::orders o{};
constexpr shop::order_items i{};
constexpr shop::payments pay{};

/// What the TU does with every statement: its SQL (a compile-time constant) and its rows, read typed.
struct totals {
  std::size_t sql_bytes = 0;
  std::int64_t rows = 0;
  double sum = 0;
};

template <class Q>
void sql_of(totals& t, Q const& q) {
  t.sql_bytes += egret::to_sql<D>(q).size();
}

void q01(egret::sqlite::connection& db, totals& t) {
  auto const q = c.filter(c.country == egret::param<"country", std::string>)
                     .select(c.customer_id, c.name, c.email)
                     .order_by(c.signup.desc(), c.customer_id)
                     .limit(10);
  sql_of(t, q);
  for (auto const& r : db.execute(q, std::string("NL"))) {
    t.rows += r.get<"customer_id">();
    t.sum += static_cast<double>(r.get<"name">().size() + r.get<"email">().value_or("").size());
  }
}

void q02(egret::sqlite::connection& db, totals& t) {
  auto const q = o.join(c, o.customer_id == c.customer_id)
                     .filter(o.order_date >= egret::date{2024, 1, 1} && o.status != "cancelled")
                     .select(o.order_id, c.name, o.order_date, o.status);
  sql_of(t, q);
  for (auto const& [id, name, day, status] : db.execute(q)) {
    t.rows += id + day.year;
    t.sum += static_cast<double>(name.size() + status.size());
  }
}

void q03(egret::sqlite::connection& db, totals& t) {
  auto const per_customer = o.group_by(o.customer_id).aggregate(egret::count().as<"n_orders">());
  auto const q = c.left_join(per_customer, c.customer_id == per_customer["customer_id"_c])
                     .select(c.customer_id, c.name, egret::coalesce(per_customer["n_orders"_c], 0).as<"n">())
                     .order_by(c.customer_id);
  sql_of(t, q);
  for (auto const& r : db.execute(q)) t.rows += r.get<"n">() + r.get<"customer_id">();
}

void q04(egret::sqlite::connection& db, totals& t) {
  auto const q = pay.group_by(pay.method)
                     .aggregate(egret::count().as<"n">(), pay.amount.sum().as<"total">(),
                                pay.amount.sum(egret::where(pay.amount > 100.0)).as<"big_total">(),
                                egret::count(egret::where(pay.amount < 10.0)).as<"n_small">(),
                                pay.amount.mean().as<"avg">());
  sql_of(t, q);
  for (auto const& [method, n, total, big, small, avg] : db.execute(q)) {
    t.rows += n + small + static_cast<std::int64_t>(method.size());
    t.sum += total.value_or(0) + big.value_or(0) + avg.value_or(0);
  }
}

void q05(egret::sqlite::connection& db, totals& t) {
  auto const q = o.group_by(o.customer_id)
                     .aggregate(egret::count().as<"n">(), o.order_date.max().as<"last_order">())
                     .having(egret::count() >= 2)
                     .order_by(egret::count().desc());
  sql_of(t, q);
  for (auto const& r : db.execute(q)) t.rows += r.get<"n">() + (r.get<"last_order">() ? 1 : 0);
}

void q06(egret::sqlite::connection& db, totals& t) {
  auto const q = o.join(i, i.order_id == o.order_id)
                     .join(p, p.product_id == i.product_id)
                     .filter(o.status == str<"shipped">)
                     .group_by(p.category)
                     .aggregate((i.unit_price * i.qty).sum().as<"revenue">(), i.qty.sum().as<"units">())
                     .order_by(p.category);
  sql_of(t, q);
  for (auto const& [category, revenue, units] : db.execute(q)) {
    t.sum += revenue.value_or(0);
    t.rows += units.value_or(0) + static_cast<std::int64_t>(category.size());
  }
}

void q07(egret::sqlite::connection& db, totals& t) {
  constexpr auto p2 = shop::payments{}.as<"p2">();
  auto const q = pay.filter(pay.amount > egret::scalar(p2.aggregate(p2.amount.mean().as<"m">())))
                     .select(pay.payment_id, pay.amount);
  sql_of(t, q);
  for (auto const& [id, amount] : db.execute(q)) {
    t.rows += id;
    t.sum += amount;
  }
}

void q08(egret::sqlite::connection& db, totals& t) {
  auto const q = c.filter(c.customer_id.isin(o.filter(o.status == "returned").select(o.customer_id)))
                     .select(c.customer_id, c.name);
  sql_of(t, q);
  for (auto const& r : db.execute(q)) t.rows += r.get<"customer_id">();
}

void q09(egret::sqlite::connection& db, totals& t) {
  auto const q =
      o.filter(egret::exists(pay.filter(pay.order_id == egret::outer(o.order_id) && pay.method == "card")))
          .select(o.order_id, o.note);
  sql_of(t, q);
  for (auto const& [id, note] : db.execute(q)) t.rows += id + (note ? 1 : 0);
}

void q10(egret::sqlite::connection& db, totals& t) {
  auto const ranked = o.mutate(egret::row_number()
                                   .over(egret::partition_by(o.customer_id).order_by(o.order_date.desc()))
                                   .as<"rn">());
  auto const q = ranked.filter(ranked["rn"_c] <= 2).select(ranked["customer_id"_c], ranked["order_id"_c]);
  sql_of(t, q);
  for (auto const& [customer, order] : db.execute(q)) t.rows += customer + order;
}

void q11(egret::sqlite::connection& db, totals& t) {
  auto const q = pay.select(pay.payment_id,
                            pay.amount.lag().over(egret::partition_by(pay.order_id).order_by(pay.payment_id)).as<"prev">(),
                            pay.amount.cumsum(egret::partition_by(pay.order_id).order_by(pay.payment_id)).as<"running">());
  sql_of(t, q);
  for (auto const& [id, prev, running] : db.execute(q)) {
    t.rows += id;
    t.sum += prev.value_or(0) + running;
  }
}

void q12(egret::sqlite::connection& db, totals& t) {
  auto const q = p.select(p.product_id,
                          egret::cases(egret::when(p.price < 10.0, str<"cheap">), egret::when(p.price < 100.0, str<"mid">),
                                       egret::otherwise(str<"premium">))
                              .as<"band">(),
                          egret::case_(p.category).when(str<"books">, lit<1>).when(str<"music">, lit<2>).otherwise(lit<0>).as<"code">(),
                          p.price.cast<std::int64_t>().as<"whole">());
  sql_of(t, q);
  for (auto const& [id, band, code, whole] : db.execute(q)) t.rows += id + code + whole + static_cast<std::int64_t>(band.size());
}

void q13(egret::sqlite::connection& db, totals& t) {
  auto const u = o.select(o.customer_id.as<"who">(), o.order_date.as<"day">())
                     .union_all(c.select(c.customer_id.as<"who">(), c.signup.as<"day">()));
  auto const q = u.order_by(u["day"_c]).limit(50);
  sql_of(t, q);
  for (auto const& r : db.execute(q)) t.rows += r.get<"who">() + r.get<"day">().day;
}

void q14(egret::sqlite::connection& db, totals& t) {
  auto const big = egret::cte<"big">(pay.filter(pay.amount > 50.0).select(pay.order_id, pay.amount));
  auto const q = egret::with(big).query(
      o.join(big, big["order_id"_c] == o.order_id).select(o.order_id, o.status, big["amount"_c]));
  sql_of(t, q);
  for (auto const& [id, status, amount] : db.execute(q)) {
    t.rows += id + static_cast<std::int64_t>(status.size());
    t.sum += amount;
  }
}

void q15(egret::sqlite::connection& db, totals& t) {
  auto const q = c.distinct(c.country);
  sql_of(t, q);
  for (auto const& [country] : db.execute(q)) t.rows += static_cast<std::int64_t>(country.size());
}

void q16(egret::sqlite::connection& db, totals& t) {
  auto const q = c.filter(c.name.like("A%") && egret::year(c.signup) == 2024)
                     .select(c.name.upper().as<"shout">(), c.name.length().as<"len">(),
                             c.signup.strftime<"%Y-%m">().as<"ym">());
  sql_of(t, q);
  for (auto const& [shout, len, ym] : db.execute(q)) t.rows += len + static_cast<std::int64_t>(shout.size() + ym.size());
}

void q17(egret::sqlite::connection& db, totals& t) {
  auto const buyers = c.semi_join(o, o.customer_id == c.customer_id).select(c.customer_id);
  auto const idle = c.anti_join(o, o.customer_id == c.customer_id).select(c.customer_id);
  sql_of(t, buyers);
  sql_of(t, idle);
  for (auto const& [id] : db.execute(buyers)) t.rows += id;
  for (auto const& [id] : db.execute(idle)) t.rows -= id;
}

void q18(egret::sqlite::connection& db, totals& t) {
  auto const s = egret::insert_into(pay).values(egret::param<"id", std::int64_t>, 1, "card", 12.5);
  sql_of(t, s);
  t.rows += db.run(s, std::int64_t{1});
}

void q19(egret::sqlite::connection& db, totals& t) {
  auto const s = egret::update(p).set(p.price, p.price * 1.1).where(p.category == "books" && p.price < 20.0);
  sql_of(t, s);
  t.rows += db.run(s);
}

void q20(egret::sqlite::connection& db, totals& t) {
  auto const s = egret::delete_from(o).where(o.status == "cancelled" &&
                                             !egret::exists(pay.filter(pay.order_id == egret::outer(o.order_id))));
  sql_of(t, s);
  t.rows += db.run(s);
}

}  // namespace

int main(int argc, char** argv) {
  egret::sqlite::connection db(argc > 1 ? argv[1] : ":memory:");
  db.create_table<shop::customers>();
  db.create_table<shop::products>();
  db.create_table<shop::orders>();
  db.create_table<shop::order_items>();
  db.create_table<shop::payments>();
  totals t;
  q01(db, t), q02(db, t), q03(db, t), q04(db, t), q05(db, t), q06(db, t), q07(db, t), q08(db, t), q09(db, t), q10(db, t);
  q11(db, t), q12(db, t), q13(db, t), q14(db, t), q15(db, t), q16(db, t), q17(db, t), q18(db, t), q19(db, t), q20(db, t);
  std::printf("sql bytes %zu, rows %lld, sum %.2f\n", t.sql_bytes, static_cast<long long>(t.rows), t.sum);
  return 0;
}
