// INSERT, UPDATE, DELETE, upsert, RETURNING and raw_query run on real SQLite database files: the values
// written, the counts of changed rows, the returned rows, and a failing statement.
#include <catch2/catch.hpp>

#include <boost/hana/define_struct.hpp>

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <egret/relation/subquery.hpp>
#include <egret/sqlite.hpp>

namespace {
using namespace egret::literals;
using egret::excluded;
using egret::insert_into;
using egret::set;

EGRET_TABLE(items, (id, std::int64_t), (name, std::string), (price, double), (qty, std::int32_t),
            (tag, std::optional<std::string>));
EGRET_TABLE(restock, (item_id, std::int64_t), (amount, std::int32_t));
EGRET_TABLE(archive, (id, std::int64_t), (name, std::string));

std::filesystem::path fresh_db(std::string const& name) {
  auto p = std::filesystem::path(EGRET_TEST_TMP_DIR) / ("statement_" + name + ".db");
  std::filesystem::remove(p);
  return p;
}

// The tables with the keys and constraints an upsert needs (egret's create_table knows no keys).
void create(egret::sqlite::connection& db) {
  db.exec(R"(CREATE TABLE "items" ("id" INTEGER NOT NULL PRIMARY KEY, "name" TEXT NOT NULL UNIQUE,
             "price" REAL NOT NULL, "qty" INTEGER NOT NULL CHECK ("qty" >= 0), "tag" TEXT))");
  db.create_table<restock>();
  db.create_table<archive>();
}

struct item {
  std::int64_t id;
  std::string name;
  double price;
  std::int32_t qty;
  std::optional<std::string> tag;
  bool operator==(item const&) const = default;
};

std::vector<item> all_items(egret::sqlite::connection& db) {
  items t;
  std::vector<item> out;
  for (auto const& r : db.execute(t.select(t.id, t.name, t.price, t.qty, t.tag).order_by(t.id)))
    out.push_back({r.get<"id">(), std::string(r.get<"name">()), r.get<"price">(), r.get<"qty">(),
                   r.get<"tag">() ? std::optional<std::string>(*r.get<"tag">()) : std::nullopt});
  return out;
}

void fill(egret::sqlite::connection& db) {
  items t;
  db.run(insert_into(t).values(1, "pen", 1.5, 10, std::optional<std::string>("office"))
             .values(2, "ink", 7.25, 0, std::nullopt)
             .values(3, "pad", 3.0, 4, std::optional<std::string>("office")));
}
}  // namespace

TEST_CASE("statement: INSERT writes typed values and counts its rows", "[statement][sqlite]") {
  egret::sqlite::connection db(fresh_db("insert").string());
  create(db);
  items t;
  CHECK(db.run(insert_into(t).values(1, "pen", 1.5, 10, std::optional<std::string>("office"))) == 1);
  // several rows in one statement: chained values(), rows() of tuples, rows() of a std::array
  CHECK(db.run(insert_into(t).values(2, "ink", 7.25, 0, std::nullopt).values(3, "pad", 3, 4, "office")) == 2);
  CHECK(db.run(insert_into(t, t.id, t.name, t.price, t.qty).rows(std::tuple{4, "cap", 0.5, 1}, std::tuple{5, "box", 2.0, 2})) == 2);
  std::array<std::tuple<std::int64_t, std::string, double, int>, 3> const batch{
      {{6, "a", 1.0, 1}, {7, "b", 2.0, 2}, {8, "c", 3.0, 3}}};
  CHECK(db.run(insert_into(t, t.id, t.name, t.price, t.qty).rows(batch)) == 3);
  // param<> values, bound at run time; the same statement reused
  auto const by_param = insert_into(t, t.qty, t.price, t.name, t.id)
                            .values(egret::param<"qty", std::int32_t>, egret::param<"price", double>,
                                    egret::param<"name", std::string>, egret::param<"id", std::int64_t>);
  CHECK(db.run(by_param, 9, 9.5, std::string("p9"), std::int64_t{9}) == 1);
  CHECK(db.run(by_param, 10, 10.5, std::string("p10"), std::int64_t{10}) == 1);

  auto const rows = all_items(db);
  REQUIRE(rows.size() == 10);
  CHECK(rows[0] == item{1, "pen", 1.5, 10, "office"});
  CHECK(rows[1] == item{2, "ink", 7.25, 0, std::nullopt});
  CHECK(rows[2] == item{3, "pad", 3.0, 4, "office"});  // integer 3 into a REAL column
  CHECK(rows[4] == item{5, "box", 2.0, 2, std::nullopt});  // a column left out is NULL
  CHECK(rows[7] == item{8, "c", 3.0, 3, std::nullopt});
  CHECK(rows[9] == item{10, "p10", 10.5, 10, std::nullopt});
}

TEST_CASE("statement: INSERT ... SELECT checks the query's columns", "[statement][sqlite]") {
  egret::sqlite::connection db(fresh_db("insert_select").string());
  create(db);
  fill(db);
  items t;
  archive a;
  CHECK(db.run(insert_into(a).from(t.filter(t.tag.is_not_null()).select(t.id, t.name))) == 2);
  std::vector<std::int64_t> ids;
  for (auto const& r : db.execute(a.select(a.id).order_by(a.id))) ids.push_back(r.get<"id">());
  CHECK(ids == std::vector<std::int64_t>{1, 3});
}

TEST_CASE("statement: UPDATE changes the rows where() selects", "[statement][sqlite]") {
  egret::sqlite::connection db(fresh_db("update").string());
  create(db);
  fill(db);
  items t;
  CHECK(db.run(egret::update(t).set(t.price, t.price * 2).set(t.tag, std::nullopt).where(t.id == 1)) == 1);
  CHECK(db.run(egret::update(t).set(t.qty, t.qty + egret::param<"n", std::int32_t>).where(t.tag == "office"), 5) == 1);
  CHECK(db.run(egret::update(t).set(t.name, egret::str<"none">).where(t.id > 99)) == 0);
  CHECK(db.run(egret::update(t).set(set(t.tag, "all"), set(t.qty, t.qty * 10)).all()) == 3);
  auto const rows = all_items(db);
  CHECK(rows[0] == item{1, "pen", 3.0, 100, "all"});
  CHECK(rows[1] == item{2, "ink", 7.25, 0, "all"});
  CHECK(rows[2] == item{3, "pad", 3.0, 90, "all"});

  // UPDATE ... FROM another table, and from an aggregate query
  restock r;
  db.run(insert_into(r).values(2, 5).values(2, 7).values(3, 1));
  auto const per_item = r.group_by(r.item_id).aggregate(r.amount.sum().as<"total">());
  CHECK(db.run(egret::update(t)
                   .set(t.qty, t.qty + egret::coalesce(per_item["total"_c], 0).cast<std::int32_t>())
                   .from(per_item)
                   .where(t.id == per_item["item_id"_c])) == 2);
  CHECK(db.run(egret::update(t).set(t.name, t.name + egret::str<"+">).from(r).where(t.id == r.item_id && r.amount > 6)) == 1);
  auto const after = all_items(db);
  CHECK(after[1] == item{2, "ink+", 7.25, 12, "all"});
  CHECK(after[2] == item{3, "pad", 3.0, 91, "all"});
}

TEST_CASE("statement: DELETE counts its rows, all() empties the table", "[statement][sqlite]") {
  egret::sqlite::connection db(fresh_db("delete").string());
  create(db);
  fill(db);
  items t;
  CHECK(db.run(egret::delete_from(t).where(t.qty == 0)) == 1);
  CHECK(db.run(egret::delete_from(t).where(t.id == egret::param<"id", std::int64_t>), std::int64_t{42}) == 0);
  CHECK(all_items(db).size() == 2);
  // a correlated subquery: the items never restocked
  restock r;
  db.run(insert_into(r).values(3, 1));
  auto const never = egret::delete_from(t).where(!egret::exists(r.filter(r.item_id == egret::outer(t.id)))).returning(t.id);
  auto const deleted = db.execute(never).to_vector();
  REQUIRE(deleted.size() == 1);
  CHECK(deleted[0].get<"id">() == 1);
  CHECK(db.run(egret::delete_from(t).all()) == 1);
  CHECK(all_items(db).empty());
}

TEST_CASE("statement: RETURNING gives typed rows", "[statement][sqlite]") {
  egret::sqlite::connection db(fresh_db("returning").string());
  create(db);
  items t;
  auto const ins = insert_into(t).values(1, "pen", 1.5, 10, std::nullopt).values(2, "ink", 7.25, 0, "blue")
                       .returning(t.id, (t.price * 2).as<"p2">(), t.tag);
  std::vector<std::string> seen;
  for (auto const& row : db.execute(ins))
    seen.push_back(std::to_string(row.get<"id">()) + ":" + std::to_string(row.get<"p2">()) + ":" +
                   std::string(row.get<"tag">().value_or("-")));
  CHECK(seen == std::vector<std::string>{"1:3.000000:-", "2:14.500000:blue"});

  // UPDATE ... RETURNING the new values
  auto const upd = egret::update(t).set(t.qty, t.qty + 1).where(t.id == egret::param<"id", std::int64_t>)
                       .returning(t.qty.as<"new_qty">());
  auto const first = db.execute(upd, std::int64_t{1}).first();
  REQUIRE(first.has_value());
  CHECK(first->get<"new_qty">() == 11);
  // structured bindings, a prepared statement run twice
  auto prepared = db.prepare(upd);
  for (auto const& [q] : prepared.execute(std::int64_t{2})) CHECK(q == 1);
  CHECK(prepared.execute(std::int64_t{2}).to_vector().at(0).get<0>() == 2);

  // DELETE ... RETURNING: the change is made at the first step, all of it, even if only one row is read
  CHECK(db.run(insert_into(t).values(3, "pad", 3.0, 4, std::nullopt)) == 1);
  auto const del = egret::delete_from(t).where(t.id != 2).returning(t);
  CHECK(db.execute(del).first().has_value());
  CHECK(all_items(db).size() == 1);
  // rows read into a struct
  struct id_only {
    BOOST_HANA_DEFINE_STRUCT(id_only, (std::int64_t, id));
  };
  auto const ids = db.fetch_as<id_only>(insert_into(t).values(4, "a", 1.0, 1, std::nullopt).values(5, "b", 1.0, 1, std::nullopt)
                                          .returning(t.id));
  REQUIRE(ids.size() == 2);
  CHECK(ids[1].id == 5);
  CHECK(db.run(egret::delete_from(t).where(t.id > 3)) == 2);
  auto const gone = db.execute(egret::delete_from(t).all().returning(t)).to_vector();
  REQUIRE(gone.size() == 1);
  CHECK(gone[0].get<"name">() == "ink");
  CHECK(gone[0].get<"qty">() == 2);
  CHECK(gone[0].get<"tag">() == std::optional<std::string>("blue"));
}

TEST_CASE("statement: upsert inserts, skips or updates", "[statement][sqlite]") {
  egret::sqlite::connection db(fresh_db("upsert").string());
  create(db);
  fill(db);
  items t;
  // DO NOTHING: the conflicting row is skipped, the new one inserted
  CHECK(db.run(insert_into(t).values(1, "pen2", 9.0, 1, std::nullopt).values(4, "cap", 0.5, 1, std::nullopt)
                   .on_conflict(t.id).do_nothing()) == 1);
  CHECK(db.run(insert_into(t).values(5, "pen", 9.0, 1, std::nullopt).on_conflict().do_nothing()) == 0);  // UNIQUE name
  // DO UPDATE: excluded() is the proposed row, the table's columns the existing one
  auto const add_stock = insert_into(t)
                             .values(egret::param<"id", std::int64_t>, egret::param<"name", std::string>, 1.0,
                                     egret::param<"qty", std::int32_t>, std::nullopt)
                             .on_conflict(t.id)
                             .do_update(set(t.qty, excluded(t.qty) + t.qty), set(t.tag, egret::str<"restocked">))
                             .where(excluded(t.qty) > 0)
                             .returning(t.id, t.qty, t.tag);
  auto updated = db.execute(add_stock, std::int64_t{1}, std::string("pen"), 5).to_vector();
  REQUIRE(updated.size() == 1);
  CHECK(updated[0].get<"qty">() == 15);
  CHECK(updated[0].get<"tag">() == std::optional<std::string>("restocked"));
  auto inserted = db.execute(add_stock, std::int64_t{6}, std::string("mug"), 2).to_vector();
  REQUIRE(inserted.size() == 1);
  CHECK(inserted[0].get<"qty">() == 2);
  CHECK(!inserted[0].get<"tag">().has_value());
  // the DO UPDATE's WHERE is false: nothing changes, nothing returned
  CHECK(db.execute(add_stock, std::int64_t{1}, std::string("pen"), 0).to_vector().empty());
  auto const rows = all_items(db);
  REQUIRE(rows.size() == 5);
  CHECK(rows[0] == item{1, "pen", 1.5, 15, "restocked"});
  CHECK(rows[3] == item{4, "cap", 0.5, 1, std::nullopt});
  CHECK(rows[4] == item{6, "mug", 1.0, 2, std::nullopt});
  // INSERT ... SELECT ... ON CONFLICT
  archive a;
  db.run(insert_into(a).values(1, "old"));
  CHECK(db.run(insert_into(t, t.id, t.name, t.price, t.qty)
                   .from(a.select(a.id, (a.name + egret::str<"!">).as<"name">(), egret::lit<0>.cast<double>().as<"price">(),
                                  egret::lit<0>.as<"qty">()))
                   .on_conflict(t.id)
                   .do_update(set(t.name, excluded(t.name)))) == 1);
  CHECK(all_items(db)[0].name == "old!");
}

TEST_CASE("statement: a failing statement throws database_error and changes nothing", "[statement][sqlite]") {
  egret::sqlite::connection db(fresh_db("failure").string());
  create(db);
  fill(db);
  items t;
  auto const before = all_items(db);
  // the second row violates the primary key: the whole statement is undone
  auto const dup = insert_into(t).values(7, "new", 1.0, 1, std::nullopt).values(2, "again", 1.0, 1, std::nullopt);
  try {
    db.run(dup);
    FAIL("expected a constraint violation");
  } catch (egret::database_error const& e) {
    CHECK(e.sql() == egret::to_sql<egret::sqlite::dialect_type>(dup));
    CHECK(e.message().find("UNIQUE") != std::string::npos);
  }
  CHECK(all_items(db) == before);
  // a CHECK constraint on UPDATE ... RETURNING, raised by execute() itself
  auto const negative = egret::update(t).set(t.qty, t.qty - 100).all().returning(t.id);
  CHECK_THROWS_AS(db.execute(negative), egret::sqlite::constraint_error);
  CHECK(all_items(db) == before);
  // the cached statements still work afterwards
  CHECK(db.run(dup.on_conflict().do_nothing()) == 1);
}

struct returned_id {
  BOOST_HANA_DEFINE_STRUCT(returned_id, (std::int64_t, id));
};

TEST_CASE("statement: execute() makes a RETURNING statement's changes even when its rows are not read", "[statement][sqlite]") {
  egret::sqlite::connection db(fresh_db("returning_unread").string());
  create(db);
  fill(db);
  items t;
  auto const before = all_items(db).size();
  (void)db.execute(insert_into(t).values(40, "unread", 1.0, 1, std::nullopt).returning(t.id));
  CHECK(all_items(db).size() == before + 1);
  // read afterwards, the rows are all there: the first is not skipped
  auto const gone = db.execute(egret::delete_from(t).where(t.id >= 40).returning(t.id)).to_vector();
  REQUIRE(gone.size() == 1);
  CHECK(gone[0].get<"id">() == 40);
  auto const added = db.execute(insert_into(t).values(41, "a", 1.0, 1, std::nullopt).values(42, "b", 1.0, 1, std::nullopt).returning(t.id))
                         .as<returned_id>();
  REQUIRE(added.size() == 2);
  CHECK(added[0].id == 41);
  CHECK(added[1].id == 42);
}

TEST_CASE("statement: raw_query runs as is and as a relation", "[statement][sqlite]") {
  egret::sqlite::connection db(fresh_db("raw").string());
  create(db);
  fill(db);
  using by_price = egret::raw_query<R"(SELECT "id", "name", "tag" FROM "items" WHERE "price" > ? ORDER BY "id")",
                                    egret::out<"id", std::int64_t>, egret::out<"name", std::string>,
                                    egret::out<"tag", std::optional<std::string>>, egret::raw_param<double>>;
  by_price r;
  std::vector<std::string> names;
  for (auto const& row : db.execute(r, 2.0)) names.push_back(std::string(row.get<"name">()));
  CHECK(names == std::vector<std::string>{"ink", "pad"});

  // as a subquery: filter, select, join, with its own ? and a param<> after it
  auto const q = r.filter(r["tag"_c].is_not_null() && r["id"_c] < egret::param<"max", std::int64_t>).select(r["name"_c]);
  auto const got = db.execute(q, 0.0, std::int64_t{3}).to_vector();
  REQUIRE(got.size() == 1);
  CHECK(got[0].get<"name">() == "pen");
  items t;
  auto const rr = r.as<"cheap">();
  auto const joined = t.join(rr, t.id == rr["id"_c]).select(t.qty, rr["name"_c]).order_by(t.qty);
  std::vector<std::int32_t> qtys;
  for (auto const& row : db.execute(joined, 1.0)) qtys.push_back(row.get<"qty">());
  CHECK(qtys == std::vector<std::int32_t>{0, 4, 10});

  // a raw statement without result columns: run() counts its rows
  egret::raw_query<R"(UPDATE "items" SET "qty" = "qty" + ? WHERE "id" = ?)", egret::raw_param<std::int32_t>,
                   egret::raw_param<std::int64_t>>
      bump;
  CHECK(db.run(bump, 5, std::int64_t{2}) == 1);
  CHECK(all_items(db)[1].qty == 5);
  // insert_into(t).from(raw): columns checked against the declared ones
  archive a;
  using names_q = egret::raw_query<R"(SELECT "id", "name" FROM "items" WHERE "qty" > 5)", egret::out<"id", std::int64_t>,
                                   egret::out<"name", std::string>>;
  CHECK(db.run(insert_into(a).from(names_q{})) == 1);
}
