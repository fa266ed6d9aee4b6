// The TPC-H queries in egret, one function per query (tpch::q01() ...), each returning the query object,
// written as close to the specification's text (clause 2.4) as the DSL allows, with its validation parameters.
//
// Differences from the specification's text, none changing a result:
//  - `FROM a, b WHERE a.x = b.y AND ...` is written as joins with the join conditions in ON;
//  - `date 'x' + interval ...` bounds are computed in C++ (tpch::plus_days, plus_months, plus_years);
//  - decimal bounds computed from parameters are written as the decimals they mean (Q6: 0.05 and 0.07, not
//    0.06 - 0.01 and 0.06 + 0.01, which are not those numbers in binary floating point);
//  - group_by().aggregate() lists the keys first: where the specification selects an aggregate between keys
//    (Q3, Q10), a select() on the grouped query puts the columns in the specification's order.
//
// Parameters are C++ values, bound at run time; the numbers of the query text (`1 - l_discount`) too.
//
// Every query is in the DSL; none needs the raw SQL escape hatch. Correlated subqueries name the enclosing
// query's columns with egret::outer(); the specification's self-joins (nation n1, n2; lineitem l1, l2, l3) are
// table aliases; Q15's view revenue0 is a CTE.
#pragma once

#include <egret/egret.hpp>

#include "dates.hpp"
#include "schema.hpp"

namespace tpch {

using namespace egret::literals;

/// Q1, pricing summary report. DELTA = 90.
constexpr auto q01() {
  lineitem l;
  return l.filter(l.l_shipdate <= plus_days({1998, 12, 1}, -90))
      .group_by(l.l_returnflag, l.l_linestatus)
      .aggregate(l.l_quantity.sum().as<"sum_qty">(),
                 l.l_extendedprice.sum().as<"sum_base_price">(),
                 (l.l_extendedprice * (1 - l.l_discount)).sum().as<"sum_disc_price">(),
                 (l.l_extendedprice * (1 - l.l_discount) * (1 + l.l_tax)).sum().as<"sum_charge">(),
                 l.l_quantity.mean().as<"avg_qty">(),
                 l.l_extendedprice.mean().as<"avg_price">(),
                 l.l_discount.mean().as<"avg_disc">(),
                 egret::count().as<"count_order">())
      .order_by(l.l_returnflag, l.l_linestatus);
}

/// Q2, minimum cost supplier. SIZE = 15, TYPE = BRASS, REGION = EUROPE.
constexpr auto q02() {
  part p;
  supplier s;
  partsupp ps;
  nation n;
  region r;
  // The subquery's tables shadow the outer ones, as in the specification's text; outer() names the part.
  auto const min_cost = ps.join(s, s.s_suppkey == ps.ps_suppkey)
                            .join(n, s.s_nationkey == n.n_nationkey)
                            .join(r, n.n_regionkey == r.r_regionkey)
                            .filter(egret::outer(p.p_partkey) == ps.ps_partkey && r.r_name == "EUROPE")
                            .aggregate(ps.ps_supplycost.min().as<"min_cost">());
  return p.join(ps, p.p_partkey == ps.ps_partkey)
      .join(s, s.s_suppkey == ps.ps_suppkey)
      .join(n, s.s_nationkey == n.n_nationkey)
      .join(r, n.n_regionkey == r.r_regionkey)
      .filter(p.p_size == 15 && p.p_type.like("%BRASS") && r.r_name == "EUROPE" &&
              ps.ps_supplycost == egret::scalar(min_cost))
      .select(s.s_acctbal, s.s_name, n.n_name, p.p_partkey, p.p_mfgr, s.s_address, s.s_phone, s.s_comment)
      .order_by(s.s_acctbal.desc(), n.n_name, s.s_name, p.p_partkey)
      .limit(100);
}

/// Q3, shipping priority. SEGMENT = BUILDING, DATE = 1995-03-15.
constexpr auto q03() {
  customer c;
  orders o;
  lineitem l;
  constexpr egret::date day{1995, 3, 15};
  auto const revenue = c.join(o, c.c_custkey == o.o_custkey)
                           .join(l, l.l_orderkey == o.o_orderkey)
                           .filter(c.c_mktsegment == "BUILDING" && o.o_orderdate < day && l.l_shipdate > day)
                           .group_by(l.l_orderkey, o.o_orderdate, o.o_shippriority)
                           .aggregate((l.l_extendedprice * (1 - l.l_discount)).sum().as<"revenue">());
  return revenue
      .select(revenue["l_orderkey"_c], revenue["revenue"_c], revenue["o_orderdate"_c], revenue["o_shippriority"_c])
      .order_by(revenue["revenue"_c].desc(), revenue["o_orderdate"_c])
      .limit(10);
}

/// Q4, order priority checking. DATE = 1993-07-01.
constexpr auto q04() {
  orders o;
  lineitem l;
  constexpr egret::date day{1993, 7, 1};
  return o
      .filter(o.o_orderdate >= day && o.o_orderdate < plus_months(day, 3) &&
              egret::exists(l.filter(l.l_orderkey == egret::outer(o.o_orderkey) && l.l_commitdate < l.l_receiptdate)))
      .group_by(o.o_orderpriority)
      .aggregate(egret::count().as<"order_count">())
      .order_by(o.o_orderpriority);
}

/// Q5, local supplier volume. REGION = ASIA, DATE = 1994-01-01.
constexpr auto q05() {
  customer c;
  orders o;
  lineitem l;
  supplier s;
  nation n;
  region r;
  constexpr egret::date day{1994, 1, 1};
  auto const revenue = c.join(o, c.c_custkey == o.o_custkey)
                           .join(l, l.l_orderkey == o.o_orderkey)
                           .join(s, l.l_suppkey == s.s_suppkey && c.c_nationkey == s.s_nationkey)
                           .join(n, s.s_nationkey == n.n_nationkey)
                           .join(r, n.n_regionkey == r.r_regionkey)
                           .filter(r.r_name == "ASIA" && o.o_orderdate >= day && o.o_orderdate < plus_years(day, 1))
                           .group_by(n.n_name)
                           .aggregate((l.l_extendedprice * (1 - l.l_discount)).sum().as<"revenue">());
  return revenue.order_by(revenue["revenue"_c].desc());
}

/// Q6, forecasting revenue change. DATE = 1994-01-01, DISCOUNT = 0.06, QUANTITY = 24.
constexpr auto q06() {
  lineitem l;
  constexpr egret::date day{1994, 1, 1};
  return l
      .filter(l.l_shipdate >= day && l.l_shipdate < plus_years(day, 1) &&
              l.l_discount.between(0.05, 0.07)  // DISCOUNT - 0.01, DISCOUNT + 0.01
              && l.l_quantity < 24)
      .aggregate((l.l_extendedprice * l.l_discount).sum().as<"revenue">());
}

/// Q7, volume shipping. NATION1 = FRANCE, NATION2 = GERMANY.
constexpr auto q07() {
  supplier s;
  lineitem l;
  orders o;
  customer c;
  constexpr auto n1 = nation{}.as<"n1">();
  constexpr auto n2 = nation{}.as<"n2">();
  auto const shipping = s.join(l, s.s_suppkey == l.l_suppkey)
                            .join(o, o.o_orderkey == l.l_orderkey)
                            .join(c, c.c_custkey == o.o_custkey)
                            .join(n1, s.s_nationkey == n1.n_nationkey)
                            .join(n2, c.c_nationkey == n2.n_nationkey)
                            .filter(((n1.n_name == "FRANCE" && n2.n_name == "GERMANY") ||
                                     (n1.n_name == "GERMANY" && n2.n_name == "FRANCE")) &&
                                    l.l_shipdate.between(egret::date{1995, 1, 1}, egret::date{1996, 12, 31}))
                            .select(n1.n_name.as<"supp_nation">(), n2.n_name.as<"cust_nation">(),
                                    egret::year(l.l_shipdate).as<"l_year">(),
                                    (l.l_extendedprice * (1 - l.l_discount)).as<"volume">())
                            .as<"shipping">();
  return shipping
      .group_by(shipping["supp_nation"_c], shipping["cust_nation"_c], shipping["l_year"_c])
      .aggregate(shipping["volume"_c].sum().as<"revenue">())
      .order_by(shipping["supp_nation"_c], shipping["cust_nation"_c], shipping["l_year"_c]);
}

/// Q8, national market share. NATION = BRAZIL, REGION = AMERICA, TYPE = ECONOMY ANODIZED STEEL.
constexpr auto q08() {
  part p;
  supplier s;
  lineitem l;
  orders o;
  customer c;
  region r;
  constexpr auto n1 = nation{}.as<"n1">();
  constexpr auto n2 = nation{}.as<"n2">();
  auto const all_nations = p.join(l, p.p_partkey == l.l_partkey)
                               .join(s, s.s_suppkey == l.l_suppkey)
                               .join(o, l.l_orderkey == o.o_orderkey)
                               .join(c, o.o_custkey == c.c_custkey)
                               .join(n1, c.c_nationkey == n1.n_nationkey)
                               .join(r, n1.n_regionkey == r.r_regionkey)
                               .join(n2, s.s_nationkey == n2.n_nationkey)
                               .filter(r.r_name == "AMERICA" &&
                                       o.o_orderdate.between(egret::date{1995, 1, 1}, egret::date{1996, 12, 31}) &&
                                       p.p_type == "ECONOMY ANODIZED STEEL")
                               .select(egret::year(o.o_orderdate).as<"o_year">(),
                                       (l.l_extendedprice * (1 - l.l_discount)).as<"volume">(),
                                       n2.n_name.as<"nation">())
                               .as<"all_nations">();
  auto const volume = all_nations["volume"_c];
  return all_nations.group_by(all_nations["o_year"_c])
      .aggregate((egret::if_else(all_nations["nation"_c] == "BRAZIL", volume, 0.0).sum() / volume.sum()).as<"mkt_share">())
      .order_by(all_nations["o_year"_c]);
}

/// Q9, product type profit measure. COLOR = green.
constexpr auto q09() {
  part p;
  supplier s;
  lineitem l;
  partsupp ps;
  orders o;
  nation n;
  auto const profit = p.join(l, p.p_partkey == l.l_partkey)
                          .join(s, s.s_suppkey == l.l_suppkey)
                          .join(ps, ps.ps_suppkey == l.l_suppkey && ps.ps_partkey == l.l_partkey)
                          .join(o, o.o_orderkey == l.l_orderkey)
                          .join(n, s.s_nationkey == n.n_nationkey)
                          .filter(p.p_name.like("%green%"))
                          .select(n.n_name.as<"nation">(), egret::year(o.o_orderdate).as<"o_year">(),
                                  (l.l_extendedprice * (1 - l.l_discount) - ps.ps_supplycost * l.l_quantity).as<"amount">())
                          .as<"profit">();
  return profit.group_by(profit["nation"_c], profit["o_year"_c])
      .aggregate(profit["amount"_c].sum().as<"sum_profit">())
      .order_by(profit["nation"_c], profit["o_year"_c].desc());
}

/// Q10, returned item reporting. DATE = 1993-10-01.
constexpr auto q10() {
  customer c;
  orders o;
  lineitem l;
  nation n;
  constexpr egret::date day{1993, 10, 1};
  auto const revenue = c.join(o, c.c_custkey == o.o_custkey)
                           .join(l, l.l_orderkey == o.o_orderkey)
                           .join(n, c.c_nationkey == n.n_nationkey)
                           .filter(o.o_orderdate >= day && o.o_orderdate < plus_months(day, 3) &&
                                   l.l_returnflag == "R")
                           .group_by(c.c_custkey, c.c_name, c.c_acctbal, c.c_phone, n.n_name, c.c_address,
                                     c.c_comment)
                           .aggregate((l.l_extendedprice * (1 - l.l_discount)).sum().as<"revenue">());
  return revenue
      .select(revenue["c_custkey"_c], revenue["c_name"_c], revenue["revenue"_c], revenue["c_acctbal"_c],
              revenue["n_name"_c], revenue["c_address"_c], revenue["c_phone"_c], revenue["c_comment"_c])
      .order_by(revenue["revenue"_c].desc())
      .limit(20);
}

/// FRACTION of Q11 at a scale factor: the specification's substitution rule (2.4.11.3) is 0.0001 / SF.
constexpr double q11_fraction(double scale_factor) { return 0.0001 / scale_factor; }

/// Q11, important stock identification. NATION = GERMANY, FRACTION = 0.0001 / SF, a bound parameter (so one
/// statement serves every scale factor): the specification scales it with the data, and a fixed SF 1 value
/// returns 359 rows at SF 0.01 where the specified query returns 1.
constexpr auto q11(double scale_factor) {
  double const fraction = q11_fraction(scale_factor);
  partsupp ps;
  supplier s;
  nation n;
  auto const german = ps.join(s, ps.ps_suppkey == s.s_suppkey)
                          .join(n, s.s_nationkey == n.n_nationkey)
                          .filter(n.n_name == "GERMANY");
  auto const value = (ps.ps_supplycost * ps.ps_availqty).sum();
  auto const total = german.aggregate((value * fraction).as<"threshold">());
  return german.group_by(ps.ps_partkey)
      .aggregate(value.as<"value">())
      .having(value > egret::scalar(total))
      .order_by(egret::desc(value));
}

/// Q12, shipping modes and order priority. SHIPMODE1 = MAIL, SHIPMODE2 = SHIP, DATE = 1994-01-01.
constexpr auto q12() {
  orders o;
  lineitem l;
  constexpr egret::date day{1994, 1, 1};
  auto const high = o.o_orderpriority == "1-URGENT" || o.o_orderpriority == "2-HIGH";
  auto const low = o.o_orderpriority != "1-URGENT" && o.o_orderpriority != "2-HIGH";
  return o.join(l, o.o_orderkey == l.l_orderkey)
      .filter(l.l_shipmode.isin("MAIL", "SHIP") && l.l_commitdate < l.l_receiptdate &&
              l.l_shipdate < l.l_commitdate && l.l_receiptdate >= day && l.l_receiptdate < plus_years(day, 1))
      .group_by(l.l_shipmode)
      .aggregate(egret::if_else(high, 1, 0).sum().as<"high_line_count">(),
                 egret::if_else(low, 1, 0).sum().as<"low_line_count">())
      .order_by(l.l_shipmode);
}

/// Q13, customer distribution. WORD1 = special, WORD2 = requests. The pattern is a constant of the query, so it is
/// written into the SQL (egret::str<>): SQLite evaluates a LIKE against a literal pattern about 6 % faster than
/// against a bound one, here over every order.
constexpr auto q13() {
  customer c;
  orders o;
  auto const c_orders = c.left_join(o, c.c_custkey == o.o_custkey && !o.o_comment.like(egret::str<"%special%requests%">))
                            .group_by(c.c_custkey)
                            .aggregate(o.o_orderkey.count().as<"c_count">());
  auto const dist = c_orders.group_by(c_orders["c_count"_c]).aggregate(egret::count().as<"custdist">());
  return dist.order_by(dist["custdist"_c].desc(), dist["c_count"_c].desc());
}

/// Q14, promotion effect. DATE = 1995-09-01.
constexpr auto q14() {
  lineitem l;
  part p;
  constexpr egret::date day{1995, 9, 1};
  auto const volume = l.l_extendedprice * (1 - l.l_discount);
  return l.join(p, l.l_partkey == p.p_partkey)
      .filter(l.l_shipdate >= day && l.l_shipdate < plus_months(day, 1))
      .aggregate((100.00 * egret::if_else(p.p_type.like("PROMO%"), volume, 0).sum() / volume.sum())
                     .as<"promo_revenue">());
}

/// Q15, top supplier. DATE = 1996-01-01. The specification's view revenue0 is a CTE.
constexpr auto q15() {
  lineitem l;
  supplier s;
  constexpr egret::date day{1996, 1, 1};
  auto const revenue0 = egret::cte<"revenue0">(
      l.filter(l.l_shipdate >= day && l.l_shipdate < plus_months(day, 3))
          .group_by(l.l_suppkey.as<"supplier_no">())
          .aggregate((l.l_extendedprice * (1 - l.l_discount)).sum().as<"total_revenue">()));
  auto const total_revenue = revenue0["total_revenue"_c];
  return egret::with(revenue0).query(
      s.join(revenue0, s.s_suppkey == revenue0["supplier_no"_c])
          .filter(total_revenue == egret::scalar(revenue0.aggregate(total_revenue.max().as<"m">())))
          .select(s.s_suppkey, s.s_name, s.s_address, s.s_phone, total_revenue)
          .order_by(s.s_suppkey));
}

/// Q16, parts/supplier relationship. BRAND = Brand#45, TYPE = MEDIUM POLISHED, SIZEs 49 14 23 45 19 3 36 9.
constexpr auto q16() {
  partsupp ps;
  part p;
  supplier s;
  auto const complaints = s.filter(s.s_comment.like("%Customer%Complaints%")).select(s.s_suppkey);
  auto const counts = ps.join(p, p.p_partkey == ps.ps_partkey)
                          .filter(p.p_brand != "Brand#45" && !p.p_type.like("MEDIUM POLISHED%") &&
                                  p.p_size.isin(49, 14, 23, 45, 19, 3, 36, 9) && !ps.ps_suppkey.isin(complaints))
                          .group_by(p.p_brand, p.p_type, p.p_size)
                          .aggregate(ps.ps_suppkey.count_distinct().as<"supplier_cnt">());
  return counts.order_by(counts["supplier_cnt"_c].desc(), p.p_brand, p.p_type, p.p_size);
}

/// Q17, small-quantity-order revenue. BRAND = Brand#23, CONTAINER = MED BOX.
constexpr auto q17() {
  lineitem l;
  part p;
  auto const small = l.filter(l.l_partkey == egret::outer(p.p_partkey)).aggregate((0.2 * l.l_quantity.mean()).as<"q">());
  return l.join(p, p.p_partkey == l.l_partkey)
      .filter(p.p_brand == "Brand#23" && p.p_container == "MED BOX" && l.l_quantity < egret::scalar(small))
      .aggregate((l.l_extendedprice.sum() / 7.0).as<"avg_yearly">());
}

/// Q18, large volume customer. QUANTITY = 300.
constexpr auto q18() {
  customer c;
  orders o;
  lineitem l;
  auto const large = l.group_by(l.l_orderkey).aggregate().having(l.l_quantity.sum() > 300);
  auto const q = c.join(o, c.c_custkey == o.o_custkey)
                     .join(l, o.o_orderkey == l.l_orderkey)
                     .filter(o.o_orderkey.isin(large))
                     .group_by(c.c_name, c.c_custkey, o.o_orderkey, o.o_orderdate, o.o_totalprice)
                     .aggregate(l.l_quantity.sum().as<"sum_qty">());
  return q.order_by(o.o_totalprice.desc(), o.o_orderdate).limit(100);
}

/// Q19, discounted revenue. QUANTITY1 = 1, QUANTITY2 = 10, QUANTITY3 = 20, BRAND1 = Brand#12, BRAND2 = Brand#23,
/// BRAND3 = Brand#34. Spelled as the specification spells it, `p_partkey = l_partkey` inside each branch of the
/// OR (the join condition is the whole OR): SQLite then checks each branch's part-only terms before it looks up
/// the part's lineitems (MULTI-INDEX OR). With the key equality as the join's own condition and the OR as a
/// filter, SQLite fetches every lineitem of every part first: 15 times slower at SF 0.1 (docs/tpch.md).
constexpr auto q19() {
  lineitem l;
  part p;
  auto const shipped = l.l_shipmode.isin("AIR", "AIR REG") && l.l_shipinstruct == "DELIVER IN PERSON";
  auto const key = p.p_partkey == l.l_partkey;
  return l.join(p, (key && p.p_brand == "Brand#12" && p.p_container.isin("SM CASE", "SM BOX", "SM PACK", "SM PKG") &&
                    l.l_quantity >= 1 && l.l_quantity <= 1 + 10 && p.p_size.between(1, 5) && shipped) ||
                       (key && p.p_brand == "Brand#23" &&
                        p.p_container.isin("MED BAG", "MED BOX", "MED PKG", "MED PACK") && l.l_quantity >= 10 &&
                        l.l_quantity <= 10 + 10 && p.p_size.between(1, 10) && shipped) ||
                       (key && p.p_brand == "Brand#34" && p.p_container.isin("LG CASE", "LG BOX", "LG PACK", "LG PKG") &&
                        l.l_quantity >= 20 && l.l_quantity <= 20 + 10 && p.p_size.between(1, 15) && shipped))
      .aggregate((l.l_extendedprice * (1 - l.l_discount)).sum().as<"revenue">());
}

/// Q20, potential part promotion. COLOR = forest, DATE = 1994-01-01, NATION = CANADA.
constexpr auto q20() {
  supplier s;
  nation n;
  partsupp ps;
  part p;
  lineitem l;
  constexpr egret::date day{1994, 1, 1};
  auto const shipped = l.filter(l.l_partkey == egret::outer(ps.ps_partkey) && l.l_suppkey == egret::outer(ps.ps_suppkey) &&
                                l.l_shipdate >= day && l.l_shipdate < plus_years(day, 1))
                           .aggregate((0.5 * l.l_quantity.sum()).as<"half">());
  auto const candidates = ps.filter(ps.ps_partkey.isin(p.filter(p.p_name.like("forest%")).select(p.p_partkey)) &&
                                    ps.ps_availqty > egret::scalar(shipped))
                              .select(ps.ps_suppkey);
  return s.join(n, s.s_nationkey == n.n_nationkey)
      .filter(s.s_suppkey.isin(candidates) && n.n_name == "CANADA")
      .select(s.s_name, s.s_address)
      .order_by(s.s_name);
}

/// Q21, suppliers who kept orders waiting. NATION = SAUDI ARABIA.
constexpr auto q21() {
  supplier s;
  orders o;
  nation n;
  constexpr auto l1 = lineitem{}.as<"l1">();
  constexpr auto l2 = lineitem{}.as<"l2">();
  constexpr auto l3 = lineitem{}.as<"l3">();
  return s.join(l1, s.s_suppkey == l1.l_suppkey)
      .join(o, o.o_orderkey == l1.l_orderkey)
      .join(n, s.s_nationkey == n.n_nationkey)
      .filter(o.o_orderstatus == "F" && l1.l_receiptdate > l1.l_commitdate &&
              egret::exists(l2.filter(l2.l_orderkey == egret::outer(l1.l_orderkey) && l2.l_suppkey != egret::outer(l1.l_suppkey))) &&
              !egret::exists(l3.filter(l3.l_orderkey == egret::outer(l1.l_orderkey) && l3.l_suppkey != egret::outer(l1.l_suppkey) &&
                                       l3.l_receiptdate > l3.l_commitdate)) &&
              n.n_name == "SAUDI ARABIA")
      .group_by(s.s_name)
      .aggregate(egret::count().as<"numwait">())
      .order_by(egret::count().desc(), s.s_name)
      .limit(100);
}

/// Q22, global sales opportunity. I1..I7 = 13, 31, 23, 29, 30, 18, 17.
constexpr auto q22() {
  customer c;
  orders o;
  auto const code = egret::substr(c.c_phone, 1, 2);
  auto const in_codes = code.isin("13", "31", "23", "29", "30", "18", "17");
  auto const avg_balance = c.filter(c.c_acctbal > 0.00 && in_codes).aggregate(c.c_acctbal.mean().as<"avg">());
  auto const custsale = c.filter(in_codes && c.c_acctbal > egret::scalar(avg_balance) &&
                                 !egret::exists(o.filter(o.o_custkey == egret::outer(c.c_custkey))))
                            .select(code.as<"cntrycode">(), c.c_acctbal)
                            .as<"custsale">();
  return custsale.group_by(custsale["cntrycode"_c])
      .aggregate(egret::count().as<"numcust">(), custsale["c_acctbal"_c].sum().as<"totacctbal">())
      .order_by(custsale["cntrycode"_c]);
}

}  // namespace tpch
