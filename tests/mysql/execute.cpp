// Running typed queries on a MariaDB server: rows, params, joins and aggregates, prepared statements, structs,
// DDL and DML (insert_into / update / delete_from, RETURNING), transactions and savepoints, errors.
#include <catch2/catch.hpp>

#include <boost/hana/define_struct.hpp>

#include <string>

#include "test_db.hpp"

namespace {
using namespace egret::literals;

EGRET_TABLE(items, (id, std::int64_t), (name, std::string), (price, double), (tag, std::optional<std::string>),
            (added, egret::date), (active, bool));
EGRET_PRIMARY_KEY(items, id);
EGRET_TABLE(sales, (item_id, std::int64_t), (qty, std::int32_t));
EGRET_TABLE(cheap, (id, std::int64_t), (name, std::string));
EGRET_TABLE(coded, (code, std::string), (n, std::int64_t));
EGRET_PRIMARY_KEY(coded, code);
EGRET_TABLE(missing, (id, std::int64_t));

struct item_view {
  BOOST_HANA_DEFINE_STRUCT(item_view, (std::int64_t, id), (std::string, name), (std::optional<std::string>, tag));
};

egret::mysql::connection& fresh() {
  auto& db = egret_test::mysql_db();
  for (char const* t : {"items", "sales", "cheap", "coded", "points"}) db.drop_table(t);
  db.drop_view("cheap_v");
  db.create_table<items>();
  db.create_table<sales>();
  db.insert<items>(1, "pen", 1.5, std::optional<std::string>("office"), egret::date{2024, 1, 2}, true);
  db.insert<items>(2, "ink \"blue\"", 7.25, std::nullopt, egret::date{2024, 2, 29}, false);
  db.insert<items>(3, "pad", 3.0, std::optional<std::string>("office"), egret::date{2023, 12, 31}, true);
  db.insert<sales>(1, 10);
  db.insert<sales>(1, 5);
  db.insert<sales>(3, 2);
  return db;
}
}  // namespace

TEST_CASE("mysql: execute returns typed rows with bound params", "[mysql]") {
  auto& db = fresh();
  items t;
  auto q = t.filter(t.price > egret::param<"min", double>).select(t.id, t.name, t.tag, t.added).order_by(t.id);
  std::vector<std::int64_t> ids;
  for (auto const& r : db.execute(q, 2.0)) {
    ids.push_back(r.get<"id">());
    if (r.get<"id">() == 2) {
      CHECK(r["name"_c] == "ink \"blue\"");
      CHECK(!r.get<"tag">().has_value());
      CHECK(r.get<"added">() == egret::date{2024, 2, 29});
    }
  }
  CHECK(ids == std::vector<std::int64_t>{2, 3});
  auto all = db.execute(q, 0.0).to_vector();  // the same cached statement, another value
  REQUIRE(all.size() == 3);
  CHECK(all[0].get<"name">() == "pen");
  CHECK(all[0].get<"tag">() == std::optional<std::string>("office"));
  // booleans, LIMIT / OFFSET
  CHECK(db.execute(t.filter(t.active).select(t.id).order_by(t.id).limit(1, 1)).first()->get<"id">() == 3);
}

TEST_CASE("mysql: aggregates, joins and emulated clauses", "[mysql]") {
  auto& db = fresh();
  items t;
  sales s;
  auto per_item = s.group_by(s.item_id).aggregate(s.qty.sum().as<"qty">(), egret::count().as<"n">());
  auto q = t.left_join(per_item, t.id == per_item["item_id"_c])
               .select(t.name, egret::coalesce(per_item["qty"_c], 0).as<"sold">(), per_item["n"_c])
               .order_by(t.id);
  std::vector<std::string> seen;
  for (auto const& [name, sold, n] : db.execute(q)) {  // SUM of an INTEGER arrives as DECIMAL: read as BIGINT
    seen.push_back(std::string(name) + ":" + std::to_string(sold) + ":" + std::to_string(n.value_or(-1)));
  }
  CHECK(seen == std::vector<std::string>{"pen:15:2", "ink \"blue\":0:-1", "pad:2:1"});

  // FILTER emulated with CASE; NULLS FIRST emulated; AVG of integers as DOUBLE
  auto by_tag = t.group_by(t.tag)
                    .aggregate(t.price.sum(egret::where(t.active)).as<"active_total">(), egret::count().as<"n">())
                    .order_by(egret::desc(t.tag).nulls_first());
  auto rows = db.execute(by_tag).to_vector();
  REQUIRE(rows.size() == 2);
  CHECK(!rows[0].get<"tag">().has_value());
  CHECK(!rows[0].get<"active_total">().has_value());
  CHECK(rows[1].get<"active_total">() == 4.5);
  CHECK(rows[1].get<"n">() == 2);
  auto avg = db.execute(s.aggregate(s.qty.mean().as<"m">(), s.qty.sum().as<"total">())).first();
  CHECK(avg->get<"m">() == Approx(17.0 / 3));
  CHECK(avg->get<"m">() == 17.0 / 3);
  CHECK(avg->get<"total">() == 17);
  // integer division truncates (DIV), DOUBLE division does not
  auto div = db.execute(t.filter(t.id == 3).select((t.id / 2).as<"i">(), (t.price / 2).as<"d">(),
                                                   (-t.id / 2).as<"neg">()))
                 .first();
  CHECK(div->get<"i">() == 1);
  CHECK(div->get<"d">() == 1.5);
  CHECK(div->get<"neg">() == -1);
  // text concatenation (CONCAT, not OR)
  auto cat = db.execute(t.filter(t.id == 1).select((t.name + "-" + t.name).as<"s">())).first();
  CHECK(cat->get<"s">() == "pen-pen");
  // window functions
  auto w = db.execute(t.select(t.id, egret::row_number().over(egret::window().order_by(t.price.desc())).as<"rk">())
                          .order_by(t.id))
               .to_vector();
  REQUIRE(w.size() == 3);
  CHECK(w[0].get<"rk">() == 3);
  CHECK(w[1].get<"rk">() == 1);
}

TEST_CASE("mysql: prepare binds typed values and re-executes", "[mysql]") {
  auto& db = fresh();
  items t;
  auto st = db.prepare(t.filter(t.id == egret::param<"id", std::int64_t>).select(t.name));
  CHECK(st.execute(std::int64_t{3}).first()->get<"name">() == "pad");
  CHECK(st.execute(std::int64_t{1}).first()->get<"name">() == "pen");
  CHECK(!st.execute(std::int64_t{99}).first().has_value());
}

TEST_CASE("mysql: rows read into a BOOST_HANA_DEFINE_STRUCT", "[mysql]") {
  auto& db = fresh();
  items t;
  auto v = db.fetch_as<item_view>(t.select(t.name, t.tag, t.id).order_by(t.id.desc()));
  REQUIRE(v.size() == 3);
  CHECK(v[0].id == 3);
  CHECK(v[0].name == "pad");
  CHECK(v[1].tag == std::nullopt);
}

TEST_CASE("mysql: views, create_table_from, insert_from", "[mysql]") {
  auto& db = fresh();
  items t;
  db.create_view("cheap_v", t.filter(t.price < 5.0 && t.name != "it's \\ odd").select(t.id, t.name));
  db.create_table_from<cheap>(t.filter(t.price < 5.0).select(t.id, t.name));
  cheap c;
  CHECK(db.execute(c.aggregate(egret::count().as<"n">())).first()->get<"n">() == 2);
  db.insert_from<cheap>(t.filter(t.price > 5.0).select(t.id, t.name));
  CHECK(db.execute(c.aggregate(egret::count().as<"n">())).first()->get<"n">() == 3);
  db.drop_table("cheap");
  // a failed create_table_from (a duplicate key) leaves no table behind
  CHECK_THROWS_AS(db.create_table_from<coded>(t.select(egret::coalesce(t.tag, "none").as<"code">(), t.id.as<"n">())),
                  egret::mysql::error);
  db.create_table<coded>();  // not there any more
  db.drop_view("cheap_v");
  db.drop_view("cheap_v");  // IF EXISTS
}

TEST_CASE("mysql: insert, update, delete statements and changes()", "[mysql]") {
  auto& db = fresh();
  items t;
  using egret::insert_into;
  CHECK(db.run(insert_into(t).values(4, "cup", 2.0, std::nullopt, egret::date{2024, 3, 1}, true)
                   .values(5, "mug", 2.5, "kitchen", egret::date{2024, 3, 2}, false)) == 2);
  CHECK(db.changes() == 2);
  CHECK(db.run(egret::update(t).set(t.price, t.price * 2.0).where(t.price < 3.0)) == 3);
  // a row whose value does not change still counts (CLIENT_FOUND_ROWS), as on SQLite
  CHECK(db.run(egret::update(t).set(t.active, t.active).where(t.id == 1)) == 1);
  CHECK(db.run(egret::delete_from(t).where(t.id > 3)) == 2);
  CHECK(db.execute(t.aggregate(egret::count().as<"n">())).first()->get<"n">() == 3);
  // MariaDB: INSERT ... RETURNING and DELETE ... RETURNING
  auto ins = db.execute(insert_into(t).values(6, "box", 9.0, std::nullopt, egret::date{2024, 4, 1}, true)
                            .returning(t.id, t.name))
                 .to_vector();
  REQUIRE(ins.size() == 1);
  CHECK(ins[0].get<"name">() == "box");
  auto del = db.execute(egret::delete_from(t).where(t.id == 6).returning(t.id)).to_vector();
  REQUIRE(del.size() == 1);
  CHECK(del[0].get<"id">() == 6);
}

TEST_CASE("mysql: transactions roll back unless committed, nested ones are savepoints", "[mysql]") {
  auto& db = fresh();
  items t;
  auto count = [&] { return db.execute(t.aggregate(egret::count().as<"n">())).first()->get<"n">(); };
  try {
    auto tx = db.transaction();
    db.insert<items>(4, "cup", 2.0, std::nullopt, egret::date{2024, 3, 1}, true);
    CHECK(count() == 4);
    throw std::runtime_error("boom");
  } catch (std::runtime_error const&) {
  }
  CHECK(count() == 3);
  {
    auto tx = db.transaction();
    db.insert<items>(5, "mug", 2.0, std::nullopt, egret::date{2024, 3, 1}, true);
    {
      auto inner = db.transaction();  // a savepoint
      CHECK(inner.level() == 1);
      db.insert<items>(6, "lid", 2.0, std::nullopt, egret::date{2024, 3, 1}, true);
    }  // rolled back alone
    {
      auto inner = db.transaction();
      db.insert<items>(7, "bag", 2.0, std::nullopt, egret::date{2024, 3, 1}, true);
      inner.commit();
    }
    tx.commit();
  }
  auto other = egret_test::mysql_connect();  // another session sees the committed rows
  auto ids = other.execute(t.select(t.id).order_by(t.id)).to_vector();
  REQUIRE(ids.size() == 5);
  CHECK(ids[3].get<"id">() == 5);
  CHECK(ids[4].get<"id">() == 7);
}

TEST_CASE("mysql: server errors carry the error number, SQLSTATE, message and SQL", "[mysql]") {
  auto& db = fresh();
  try {
    db.insert<items>(1, "again", 1.0, std::nullopt, egret::date{2024, 1, 1}, true);
    FAIL("expected a duplicate key error");
  } catch (egret::mysql::error const& e) {
    CHECK(e.code() == 1062);
    CHECK(e.error_number() == 1062u);
    CHECK(e.sqlstate() == "23000");
    CHECK(e.is_constraint_violation());
    CHECK(e.message().find("Duplicate entry") != std::string::npos);
    CHECK(e.sql().starts_with("INSERT INTO `items`"));
  }
  try {
    db.exec("SELEC 1");
    FAIL("expected a syntax error");
  } catch (egret::database_error const& e) {
    CHECK(e.code() == 1064);
    CHECK(dynamic_cast<egret::mysql::error const&>(e).sqlstate() == "42000");
    CHECK(e.sql() == "SELEC 1");
  }
  missing m;
  try {
    (void)db.execute(m.select(m.id));
    FAIL("expected an error");
  } catch (egret::mysql::error const& e) {
    CHECK(e.code() == 1146);  // ER_NO_SUCH_TABLE
    CHECK(e.sql() == "SELECT `missing`.`id` FROM `missing`");
  }
  // NULL read into a NOT NULL type names the column
  CHECK_THROWS_AS(db.execute(egret::raw_query<"SELECT NULL AS x", egret::out<"x", std::int64_t>>{}).to_vector(),
                  egret::type_error);
  // a text primary key is VARCHAR(255)
  db.create_table<coded>();
  db.insert<coded>("a", 1);
  CHECK_THROWS_AS(db.insert<coded>("a", 2), egret::mysql::error);
  db.insert<coded>("A", 2);  // the binary collation: case matters
}

namespace {
struct point {
  BOOST_HANA_DEFINE_STRUCT(point, (std::int64_t, id), (double, x), (std::optional<std::string>, label));
};
using points = egret::adopt_table<point, "points">;
}  // namespace

TEST_CASE("mysql: an existing struct adopted as a table schema", "[mysql]") {
  CHECK(egret::create_table_sql<egret::dialect::mariadb, points>() ==
        "CREATE TABLE `points` (`id` BIGINT NOT NULL, `x` DOUBLE NOT NULL, `label` LONGTEXT)");
  auto& db = fresh();
  db.create_table<points>();
  db.insert_struct<points>(point{1, 2.5, std::nullopt});
  db.insert_struct<points>(point{2, -1.0, std::string("b")});
  points t;
  auto v = db.fetch_as<point>(t.filter(t["x"_c] > 0.0).select(t["id"_c], t["x"_c], t["label"_c]));
  REQUIRE(v.size() == 1);
  CHECK(v[0].id == 1);
  CHECK(v[0].x == 2.5);
  CHECK(!v[0].label);
}

TEST_CASE("mysql: upsert is INSERT ... ON DUPLICATE KEY UPDATE", "[mysql]") {
  auto& db = fresh();
  items t;
  using egret::excluded;
  using egret::insert_into;
  using egret::set;
  auto row = [&](std::int64_t id) {
    return db.execute(t.filter(t.id == id).select(t.name, t.price, t.tag)).first();
  };
  // a conflict updates the row already there: the table's columns are its values, excluded() the proposed ones
  auto const restock = insert_into(t)
                           .values(egret::param<"id", std::int64_t>, "new pen", egret::param<"price", double>,
                                   std::nullopt, egret::date{2024, 5, 1}, true)
                           .on_conflict(t.id)
                           .do_update(set(t.price, excluded(t.price) + t.price), set(t.tag, egret::str<"restocked">));
  CHECK(db.run(restock, std::int64_t{1}, 2.0) == 2);  // the server counts an updated row twice
  auto r1 = row(1);
  REQUIRE(r1);
  CHECK(r1->get<"name">() == "pen");
  CHECK(r1->get<"price">() == 3.5);
  CHECK(r1->get<"tag">() == std::optional<std::string>("restocked"));
  // no conflict: the row is inserted
  CHECK(db.run(restock, std::int64_t{7}, 4.0) == 1);
  auto r7 = row(7);
  REQUIRE(r7);
  CHECK(r7->get<"name">() == "new pen");
  CHECK(r7->get<"price">() == 4.0);
  CHECK(!r7->get<"tag">().has_value());
  // do_nothing(): the conflicting row is left as it was (a no-op assignment), the others are inserted
  db.run(insert_into(t)
             .values(2, "other", 0.5, "x", egret::date{2024, 5, 2}, true)
             .values(8, "lid", 0.25, std::nullopt, egret::date{2024, 5, 3}, false)
             .on_conflict(t.id)
             .do_nothing());
  auto r2 = row(2);
  REQUIRE(r2);
  CHECK(r2->get<"name">() == "ink \"blue\"");
  CHECK(r2->get<"price">() == 7.25);
  CHECK(row(8));
  CHECK(db.execute(t.aggregate(egret::count().as<"n">())).first()->get<"n">() == 5);
}

TEST_CASE("mysql: ON DUPLICATE KEY UPDATE fires on any unique key, not only the on_conflict() target", "[mysql]") {
  auto& db = fresh();
  db.create_table<coded>();
  db.exec("ALTER TABLE `coded` ADD UNIQUE (`n`)");
  db.insert<coded>("a", 1);
  coded k;
  // the target is `code`, but the conflict is on `n`: MySQL and MariaDB update the row holding n = 1 (ON CONFLICT
  // ("code") would raise the unique violation on "n" instead)
  db.run(egret::insert_into(k).values("b", 1).on_conflict(k.code).do_update(egret::set(k.code, egret::excluded(k.code))));
  auto all = db.execute(k.select(k.code, k.n)).to_vector();
  REQUIRE(all.size() == 1);
  CHECK(all[0].get<"code">() == "b");
  CHECK(all[0].get<"n">() == 1);
  // do_nothing() skips only the duplicate: any other error still fails the statement (INSERT IGNORE would
  // truncate this key to VARCHAR(255) with a warning)
  CHECK_THROWS_AS(db.run(egret::insert_into(k).values(std::string(300, 'x'), 2).on_conflict(k.code).do_nothing()),
                  egret::mysql::error);
  CHECK(db.execute(k.aggregate(egret::count().as<"n">())).first()->get<"n">() == 1);
}

namespace {
EGRET_TABLE(shifting, (id, std::int64_t), (v, std::int64_t));
}  // namespace

TEST_CASE("mysql: a cached statement reads its table's new columns after ALTER TABLE", "[mysql]") {
  auto& db = egret_test::mysql_db();
  db.drop_table("shifting");
  db.exec("CREATE TABLE `shifting` (`id` BIGINT NOT NULL, `v` BIGINT NOT NULL)");
  db.exec("INSERT INTO `shifting` VALUES (1, 7)");
  // the same statement each time (cached by its text), its columns bound once when prepared
  egret::mysql::statement& s = db.dynamic_statement("SELECT `v` FROM `shifting` ORDER BY `id`");
  auto first = [&s](auto type) {
    s.execute();
    REQUIRE(s.step());
    return s.read<decltype(type)>(0);
  };
  CHECK(first(std::int64_t{}) == 7);
  CHECK(first(std::string{}) == "7");

  // the same column count, another type: the buffers are bound again for the new type
  db.exec("ALTER TABLE `shifting` MODIFY `v` DOUBLE NOT NULL");
  db.exec("UPDATE `shifting` SET `v` = 2.5");
  CHECK(first(double{}) == 2.5);
  CHECK(first(std::int64_t{}) == 2);  // truncated, as before the change
  db.exec("ALTER TABLE `shifting` MODIFY `v` TEXT NOT NULL");
  std::string const long_text = std::string(97, 'x') + "abc";  // longer than a text buffer's first 64 bytes
  db.exec("UPDATE `shifting` SET `v` = '" + long_text + "'");
  CHECK(first(std::string{}) == long_text);
  CHECK_THROWS_AS(first(std::int64_t{}), egret::type_error);
  CHECK_THROWS_AS(first(double{}), egret::type_error);
  db.exec("UPDATE `shifting` SET `v` = '2024-02-29'");
  CHECK(first(egret::date{}) == egret::date{2024, 2, 29});  // parsed from the text
  db.exec("ALTER TABLE `shifting` MODIFY `v` DATE NOT NULL");
  CHECK(first(egret::date{}) == egret::date{2024, 2, 29});
  CHECK(first(std::string{}) == "2024-02-29");

  // a typed query, cached by its compile-time text, keeps working after its column's type changed back
  shifting t;
  auto q = t.select(t.id, t.v).order_by(t.id);
  db.exec("ALTER TABLE `shifting` MODIFY `v` BIGINT NOT NULL");
  db.exec("UPDATE `shifting` SET `v` = 20240229");
  CHECK(db.execute(q).to_vector().at(0).get<"v">() == 20240229);
  db.exec("ALTER TABLE `shifting` MODIFY `v` VARCHAR(20) NOT NULL");
  db.exec("UPDATE `shifting` SET `v` = '41'");
  CHECK(db.execute(q).to_vector().at(0).get<"v">() == 41);

  // another column count: the statement is prepared again; a query runs again
  egret::mysql::statement& star = db.dynamic_statement("SELECT * FROM `shifting`");
  star.execute();
  CHECK(star.column_count() == 2);
  star.free_result();
  db.exec("ALTER TABLE `shifting` ADD `w` BIGINT NOT NULL DEFAULT 5");
  star.execute();
  REQUIRE(star.column_count() == 3);
  CHECK(star.column_name(2) == "w");
  REQUIRE(star.step());
  CHECK(star.read<std::int64_t>(2) == 5);
  CHECK(star.read<std::string>(1) == "41");
  CHECK(!star.step());

  // ... a statement that changes rows is not run twice: it throws once, its next execution works
  egret::mysql::statement& ins = db.dynamic_statement("INSERT INTO `shifting` (`id`, `v`) VALUES (?, '0') RETURNING *");
  ins.bind(1, std::int64_t{2});
  ins.execute();
  CHECK(ins.column_count() == 3);
  ins.free_result();
  db.exec("ALTER TABLE `shifting` DROP `w`");
  ins.bind(1, std::int64_t{3});
  try {
    ins.execute();
    FAIL("an INSERT whose RETURNING columns changed ran without an error");
  } catch (egret::mysql::error const& x) {
    CHECK(x.error_number() == CR_NEW_STMT_METADATA);  // from the client library, which the statement ran
  }
  CHECK(db.execute(egret::raw_query<"SELECT COUNT(*) FROM `shifting`", egret::out<"n", std::int64_t>>()).first()->get<"n">() == 3);
  ins.bind(1, std::int64_t{4});
  ins.execute();
  CHECK(ins.column_count() == 2);
  REQUIRE(ins.step());
  CHECK(ins.read<std::int64_t>(0) == 4);
  ins.free_result();
  db.drop_table("shifting");
}
