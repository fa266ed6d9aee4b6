// The relational vocabulary run on real SQLite files: every join kind, self-joins, semi/anti joins,
// subqueries (scalar, IN, EXISTS, correlated), set operations, CTEs (recursive too), VALUES, reshaping.
#include <catch2/catch.hpp>

#include <filesystem>
#include <array>
#include <optional>
#include <string>
#include <vector>

#include <egret/sqlite.hpp>

namespace {
using namespace egret::literals;

EGRET_TABLE(emp, (id, std::int64_t), (name, std::string), (boss, std::optional<std::int64_t>), (dept, std::optional<std::int64_t>));
EGRET_TABLE(dept, (dept_id, std::int64_t), (title, std::string));
EGRET_TABLE(sale, (emp_id, std::int64_t), (amount, double));
EGRET_TABLE(seq, (n, std::int64_t));
EGRET_TABLE(grade, (code, std::string), (label, std::optional<std::string>));

constexpr emp e{};
constexpr dept d{};
constexpr sale s{};

std::string fresh_db(std::string const& name) {
  auto p = std::filesystem::path(EGRET_TEST_TMP_DIR) / (name + ".db");
  std::filesystem::remove(p);
  return p.string();
}

void fill(egret::sqlite::connection& db) {
  db.create_table<emp>();
  db.create_table<dept>();
  db.create_table<sale>();
  db.insert<emp>(1, "ada", std::nullopt, 10);
  db.insert<emp>(2, "bob", 1, 10);
  db.insert<emp>(3, "cy", 1, 20);
  db.insert<emp>(4, "dee", 2, std::nullopt);
  db.insert<dept>(10, "eng");
  db.insert<dept>(20, "ops");
  db.insert<dept>(30, "law");
  db.insert<sale>(1, 10.0);
  db.insert<sale>(1, 30.0);
  db.insert<sale>(2, 5.0);
  db.insert<sale>(3, 100.0);
}

template <class Cursor>
std::vector<std::int64_t> ids(Cursor&& cur) {
  std::vector<std::int64_t> out;
  for (auto const& r : cur) out.push_back(r.template get<0>());
  return out;
}
}  // namespace

TEST_CASE("sqlite: right, full outer and cross joins make the optional side nullable", "[sqlite][relation]") {
  egret::sqlite::connection db(fresh_db("rel_joins"));
  fill(db);
  // RIGHT JOIN: every department, with its employees if any
  std::vector<std::pair<std::optional<std::string>, std::string>> rows;
  for (auto const& r : db.execute(e.right_join(d, e.dept == d.dept_id).select(e.name, d.title).order_by(d.dept_id, e.id)))
    rows.emplace_back(r.get<"name">(), r.get<"title">());
  using P = std::pair<std::optional<std::string>, std::string>;
  CHECK(rows == std::vector<P>{{"ada", "eng"}, {"bob", "eng"}, {"cy", "ops"}, {std::nullopt, "law"}});
  // FULL OUTER JOIN: both sides kept
  auto full = db.execute(e.outer_join(d, e.dept == d.dept_id).select(e.id, d.dept_id).order_by(e.id, d.dept_id)).to_vector();
  REQUIRE(full.size() == 5);
  CHECK(!full[0].get<"id">().has_value());
  CHECK(full[0].get<"dept_id">() == 30);
  CHECK(full[4].get<"id">() == 4);
  CHECK(!full[4].get<"dept_id">().has_value());
  // CROSS JOIN
  auto n = db.execute(e.cross_join(d).aggregate(egret::count().as<"n">())).first();
  CHECK(n->get<"n">() == 12);
}

TEST_CASE("sqlite: a self-join through an alias", "[sqlite][relation]") {
  egret::sqlite::connection db(fresh_db("rel_self"));
  fill(db);
  constexpr auto b = e.as<"b">();
  std::vector<std::pair<std::string, std::optional<std::string>>> rows;
  for (auto const& r : db.execute(e.left_join(b, e.boss == b.id).select(e.name, b.name.as<"boss_name">()).order_by(e.id)))
    rows.emplace_back(r.get<"name">(), r.get<"boss_name">());
  using P = std::pair<std::string, std::optional<std::string>>;
  CHECK(rows == std::vector<P>{{"ada", std::nullopt}, {"bob", "ada"}, {"cy", "ada"}, {"dee", "bob"}});
}

TEST_CASE("sqlite: semi and anti joins keep each left row once", "[sqlite][relation]") {
  egret::sqlite::connection db(fresh_db("rel_semi"));
  fill(db);
  // employee 1 has two sales: a semi join still yields it once
  CHECK(ids(db.execute(e.semi_join(s, s.emp_id == e.id).select(e.id).order_by(e.id))) == std::vector<std::int64_t>{1, 2, 3});
  CHECK(ids(db.execute(e.anti_join(s, s.emp_id == e.id).select(e.id))) == std::vector<std::int64_t>{4});
  CHECK(ids(db.execute(e.semi_join(s, s.emp_id == e.id && s.amount > 20.0).select(e.id).order_by(e.id))) ==
        std::vector<std::int64_t>{1, 3});
}

TEST_CASE("sqlite: scalar, IN, EXISTS and correlated subqueries", "[sqlite][relation]") {
  egret::sqlite::connection db(fresh_db("rel_subq"));
  fill(db);
  // employees with a sale above the average sale (36.25)
  constexpr auto s2 = s.as<"s2">();
  auto above = e.filter(e.id.isin(s.filter(s.amount > egret::scalar(s2.aggregate(s2.amount.mean().as<"m">()))).select(s.emp_id)));
  CHECK(ids(db.execute(above.select(e.id).order_by(e.id))) == std::vector<std::int64_t>{3});
  // correlated EXISTS / NOT EXISTS: bosses, and employees nobody reports to
  constexpr auto r = e.as<"r">();
  CHECK(ids(db.execute(e.filter(egret::exists(r.filter(r.boss == egret::outer(e.id)))).select(e.id).order_by(e.id))) ==
        std::vector<std::int64_t>{1, 2});
  CHECK(ids(db.execute(e.filter(!egret::exists(r.filter(r.boss == egret::outer(e.id)))).select(e.id).order_by(e.id))) ==
        std::vector<std::int64_t>{3, 4});
  // correlated scalar subquery in the select list: each employee's total (NULL without sales)
  auto totals = db.execute(e.select(e.id, egret::scalar(s.filter(s.emp_id == egret::outer(e.id)).aggregate(s.amount.sum().as<"t">()))
                                              .as<"total">())
                               .order_by(e.id))
                    .to_vector();
  REQUIRE(totals.size() == 4);
  CHECK(totals[0].get<"total">() == 40.0);
  CHECK(totals[2].get<"total">() == 100.0);
  CHECK(!totals[3].get<"total">().has_value());
  // a bound value inside the subquery binds in text order with the outer ones
  auto q = e.filter(e.id > 1 && e.id.isin(s.filter(s.amount < 50.0).select(s.emp_id))).select(e.id);
  CHECK(ids(db.execute(q)) == std::vector<std::int64_t>{2});
}

TEST_CASE("sqlite: union, intersect and difference", "[sqlite][relation]") {
  egret::sqlite::connection db(fresh_db("rel_setops"));
  fill(db);
  auto bosses = e.filter(e.boss.is_not_null()).select(egret::coalesce(e.boss, 0).as<"id">());
  auto sellers = s.select(s.emp_id.as<"id">());
  CHECK(db.execute(sellers.union_all(sellers).aggregate(egret::count().as<"n">())).first()->get<"n">() == 8);
  auto u = sellers.union_distinct(bosses);
  CHECK(ids(db.execute(u.order_by(u["id"_c]))) == std::vector<std::int64_t>{1, 2, 3});
  auto i = sellers.intersect(bosses);
  CHECK(ids(db.execute(i.order_by(i["id"_c]))) == std::vector<std::int64_t>{1, 2});
  auto x = sellers.difference(bosses);
  CHECK(ids(db.execute(x)) == std::vector<std::int64_t>{3});
  // an operand with ORDER BY / LIMIT, and a nested operation of another kind
  auto top = sellers.union_all(e.select(e.id).order_by(e.id.desc()).limit(1)).difference(bosses);
  CHECK(ids(db.execute(top.order_by(top["id"_c]))) == std::vector<std::int64_t>{3, 4});
}

TEST_CASE("sqlite: CTEs, a recursive CTE and VALUES", "[sqlite][relation]") {
  egret::sqlite::connection db(fresh_db("rel_cte"));
  fill(db);
  auto totals = egret::cte<"totals">(s.group_by(s.emp_id).aggregate(s.amount.sum().as<"total">()));
  auto q = egret::with(totals).query(
      e.join(totals, totals["emp_id"_c] == e.id).select(e.name, totals["total"_c]).order_by(totals["total"_c].desc()));
  auto rows = db.execute(q).to_vector();
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].get<"name">() == "cy");
  CHECK(rows[0].get<"total">() == 100.0);
  // the same CTE used twice is defined once
  auto both = egret::with(totals).query(totals.filter(totals["total"_c] > egret::scalar(totals.aggregate(totals["total"_c].mean().as<"m">()))));
  CHECK(ids(db.execute(both)) == std::vector<std::int64_t>{3});
  // WITH RECURSIVE: 1..10
  constexpr seq k{};
  auto count_up = egret::with_recursive(
      egret::cte<seq>(egret::values<seq>(std::tuple{1}).union_all(k.filter(k.n < 10).select((k.n + 1).as<"n">()))));
  CHECK(db.execute(count_up.query(k.aggregate(k.n.sum().as<"s">()))).first()->get<"s">() == 55);
  // VALUES as a lookup table in a join
  auto grades = egret::values<grade>(std::tuple{"eng", std::optional<std::string>("Engineering")},
                                     std::tuple{"ops", std::optional<std::string>()});
  auto labelled = d.left_join(grades, grades["code"_c] == d.title).select(d.title, grades["label"_c]).order_by(d.dept_id);
  auto lr = db.execute(labelled).to_vector();
  REQUIRE(lr.size() == 3);
  CHECK(lr[0].get<"label">() == "Engineering");
  CHECK(!lr[1].get<"label">().has_value());
  CHECK(!lr[2].get<"label">().has_value());
}

TEST_CASE("sqlite: drop, rename, relocate, distinct on columns, NULLS LAST", "[sqlite][relation]") {
  egret::sqlite::connection db(fresh_db("rel_reshape"));
  fill(db);
  auto shaped = e.drop(e.boss).rename(e.name.as<"who">()).relocate(e.dept);
  auto cur = db.execute(shaped.order_by(shaped["id"_c]));
  auto rows = cur.to_vector();
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].names() == std::array<std::string_view, 3>{"dept", "id", "who"});
  CHECK(rows[3].get<"who">() == "dee");
  CHECK(db.execute(e.distinct(e.dept).aggregate(egret::count().as<"n">())).first()->get<"n">() == 3);
  // NULL department last, though SQLite sorts NULLs first ascending by default
  auto depts = db.execute(e.select(e.id, e.dept).order_by(e.dept.asc().nulls_last(), e.id)).to_vector();
  CHECK(depts.back().get<"id">() == 4);
  auto depts2 = db.execute(e.select(e.id, e.dept).order_by(e.dept.asc(), e.id)).to_vector();
  CHECK(depts2.front().get<"id">() == 4);
}

TEST_CASE("sqlite: order_by a grouped result by its output names, \"n\"_c and desc(\"n\"_c)", "[sqlite][relation]") {
  egret::sqlite::connection db(fresh_db("order_by_names"));
  fill(db);
  auto const g = s.group_by(s.emp_id).aggregate(egret::count().as<"n">(), s.amount.sum().as<"total">());
  auto const by_n = g.order_by(egret::desc("n"_c), "total"_c);
  STATIC_REQUIRE(egret::to_sql<egret::dialect::postgres>(by_n) ==
                 R"(SELECT "sale"."emp_id", COUNT(*) AS "n", SUM("sale"."amount") AS "total" FROM "sale" GROUP BY "sale"."emp_id" ORDER BY "n" DESC, "total")");
  CHECK(ids(db.execute(by_n)) == std::vector<std::int64_t>{1, 2, 3});
  CHECK(ids(db.execute(g.order_by(egret::asc("total"_c)))) == std::vector<std::int64_t>{2, 1, 3});
  CHECK(ids(db.execute(g.order_by(egret::desc("total"_c).nulls_last()))) == std::vector<std::int64_t>{3, 1, 2});
  // after a limit, the names are the wrapped query's
  CHECK(ids(db.execute(g.order_by("total"_c).limit(2).order_by(egret::desc("total"_c)))) == std::vector<std::int64_t>{1, 2});
}
