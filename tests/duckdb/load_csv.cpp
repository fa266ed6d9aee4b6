// db.load_csv<T>() on DuckDB (egret's CSV reader, DuckDB's appender) into real database files: the jaffle shop's
// seeds with known answers, every type and NULL, a file and a stream, bad input at its line and column, a record
// the table refuses, all in one transaction (nothing stays of a failed load).
#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include <egret/duckdb/load_csv.hpp>

#include "test_db.hpp"

namespace {
EGRET_TABLE(raw_orders, (id, std::int64_t), (user_id, std::int64_t), (order_date, egret::date), (status, std::string));
EGRET_TABLE(raw_payments, (id, std::int64_t), (order_id, std::int64_t), (payment_method, std::string),
            (amount, std::int64_t));
EGRET_TABLE(typed, (i, std::int32_t), (big, std::int64_t), (d, double), (b, bool), (s, std::optional<std::string>),
            (day, std::optional<egret::date>), (at, egret::timestamp));
EGRET_TABLE(narrow_orders, (id, std::int64_t), (user_id, std::int64_t), (order_date, egret::date),
            (status, std::string));
EGRET_TABLE(many, (n, std::int64_t), (half, std::optional<double>), (label, std::optional<std::string>));
EGRET_TABLE(keyed, (n, std::int64_t), (half, std::optional<double>), (label, std::optional<std::string>));
EGRET_TABLE(keyed_orders, (id, std::int64_t), (user_id, std::int64_t), (order_date, egret::date), (status, std::string));

std::string data(char const* name) { return std::string(EGRET_TEST_DATA_DIR) + "/" + name; }

std::int64_t rows_of_typed(egret::duckdb::connection& db) {
  typed t;
  return db.execute(t.aggregate(egret::count().as<"n">())).first()->get<"n">();
}
}  // namespace

TEST_CASE("duckdb: load_csv loads the jaffle shop's seeds, with the known answers", "[duckdb]") {
  egret::duckdb::connection db(egret_test::duckdb_file("load_jaffle"));
  db.create_table<raw_orders>();
  db.create_table<raw_payments>();
  CHECK(db.load_csv<raw_orders>(data("raw_orders.csv")) == 99);
  CHECK(db.load_csv<raw_payments>(data("raw_payments.csv")) == 113);
  raw_orders o;
  raw_payments p;
  auto const first = db.execute(o.filter(o.id == 1).select(o.user_id, o.order_date, o.status)).first();
  REQUIRE(first);
  CHECK(first->get<"order_date">() == egret::date{2018, 1, 1});
  CHECK(first->get<"status">() == "returned");
  auto by_method = db.execute(p.group_by(p.payment_method)
                                  .aggregate(p.amount.sum().as<"total">(), egret::count().as<"n">())
                                  .order_by(p.payment_method))
                       .to_vector();
  REQUIRE(by_method.size() == 4);
  std::int64_t total = 0, n = 0;
  for (auto const& r : by_method) {
    total += r.get<"total">().value_or(0);
    n += r.get<"n">();
  }
  CHECK(n == 113);
  // the same sum computed by DuckDB over the file itself
  auto check = db.execute(p.aggregate(p.amount.sum().as<"total">())).first();
  CHECK(check->get<"total">() == std::optional<std::int64_t>(total));
}

TEST_CASE("duckdb: load_csv types every field, from a file or a stream, and fails at the line", "[duckdb]") {
  egret::duckdb::connection db(egret_test::duckdb_file("load_typed"));
  db.create_table<typed>();
  std::string const good =
      "i,big,d,b,s,day,at\n"
      "1,9223372036854775807,2.5,true,\"quoted, with \"\"quotes\"\"\",2024-02-29,2024-02-29 12:00:00.5\n"
      "-2147483648,-1,-0.25,false,,,1969-12-31 23:59:59\n"
      "3,0,1e300,1,\"\",1900-01-01,2000-01-01\n";
  std::istringstream in(good);
  CHECK(db.load_csv<typed>(in, "good.csv") == 3);
  typed t;
  auto rows = db.execute(t.select(t.i, t.big, t.d, t.b, t.s, t.day, t.at).order_by(t.i)).to_vector();
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].get<"i">() == -2147483647 - 1);
  CHECK(!rows[0].get<"s">().has_value());  // empty unquoted: NULL
  CHECK(!rows[0].get<"day">().has_value());
  CHECK(rows[0].get<"at">() == egret::timestamp{egret::date{1969, 12, 31}, 23, 59, 59});
  CHECK(rows[1].get<"big">() == 9223372036854775807);
  CHECK(rows[1].get<"s">() == std::optional<std::string>("quoted, with \"quotes\""));
  CHECK(rows[1].get<"at">() == egret::timestamp{egret::date{2024, 2, 29}, 12, 0, 0, 500000});
  CHECK(rows[2].get<"s">() == std::optional<std::string>(""));  // empty quoted: ''
  CHECK(rows[2].get<"b">() == true);

  // a field that does not parse: nothing of the file stays
  std::string const path = std::string(EGRET_DUCKDB_TEST_DIR) + "/bad.csv";
  std::ofstream(path) << "i,big,d,b,s,day,at\n4,4,4,true,x,2024-01-01,2024-01-01\n5,five,5,true,y,,2024-01-01\n";
  try {
    db.load_csv<typed>(path);
    FAIL("no error");
  } catch (egret::load_error const& e) {
    CHECK(e.line() == 3);
    CHECK(e.column() == 3);
    CHECK(e.file() == path);
  }
  CHECK(rows_of_typed(db) == 3);
  // a header that is not T's columns
  std::istringstream wrong("i,big,d,b,s,at,day\n");
  CHECK_THROWS_AS(db.load_csv<typed>(wrong, "wrong.csv"), egret::load_error);
  // a record the table refuses (a duplicate key), found when the appender flushes: nothing stays
  db.exec("CREATE TABLE keyed_orders (id BIGINT PRIMARY KEY, user_id BIGINT NOT NULL, order_date DATE NOT NULL, "
          "status VARCHAR NOT NULL)");
  std::istringstream dup("id,user_id,order_date,status\n1,1,2024-01-01,a\n2,1,2024-01-01,b\n1,2,2024-01-02,c\n");
  CHECK_THROWS_WITH(db.load_csv<keyed_orders>(dup, "dup.csv"),
                    Catch::Contains("dup.csv:") && Catch::Contains("refused by the database"));
  keyed_orders k;
  CHECK(db.execute(k.aggregate(egret::count().as<"n">())).first()->get<"n">() == 0);
  CHECK(!db.in_transaction());
  // inside the caller's transaction: rolled back with it
  {
    auto tx = db.transaction();
    std::istringstream more("i,big,d,b,s,day,at\n7,7,7,true,z,,2024-01-01\n");
    CHECK(db.load_csv<typed>(more, "more.csv") == 1);
    CHECK(rows_of_typed(db) == 4);
  }
  CHECK(rows_of_typed(db) == 3);
}

TEST_CASE("duckdb: load_csv writes data chunks (NULLs across chunk boundaries), or appends value by value", "[duckdb]") {
  egret::duckdb::connection db(egret_test::duckdb_file("load_chunks"));
  db.create_table<many>();  // egret's column types: written straight into data chunks
  std::string text = "n,half,label\n";
  constexpr int rows = 5000;  // 2 full chunks of 2048 and a partial one
  for (int i = 0; i < rows; ++i)
    text += std::to_string(i) + "," + (i % 3 == 0 ? std::string() : std::to_string(i) + ".5") + "," +
            (i % 5 == 0 ? std::string() : "label " + std::to_string(i)) + "\n";
  std::istringstream in(text);
  CHECK(db.load_csv<many>(in, "many.csv") == rows);
  many m;
  int seen = 0;
  bool ok = true;
  for (auto const& r : db.execute(m.select(m.n, m.half, m.label).order_by(m.n))) {
    auto const i = r.get<"n">();
    ok = ok && i == seen;
    ok = ok && (i % 3 == 0 ? !r.get<"half">() : r.get<"half">() == static_cast<double>(i) + 0.5);
    ok = ok && (i % 5 == 0 ? !r.get<"label">() : r.get<"label">() == "label " + std::to_string(i));
    ++seen;
  }
  CHECK(seen == rows);
  CHECK(ok);

  // a table of other column types (INTEGER and VARCHAR(20) where egret would write BIGINT, DATE as TIMESTAMP):
  // DuckDB's appender converts each value
  db.exec("CREATE TABLE narrow_orders (id INTEGER, user_id SMALLINT, order_date TIMESTAMP, status VARCHAR(20))");
  CHECK(db.load_csv<narrow_orders>(data("raw_orders.csv")) == 99);
  narrow_orders o;
  auto const last = db.execute(o.filter(o.id == 99).select(o.user_id, o.status)).first();
  REQUIRE(last);
  CHECK(last->get<"user_id">() == 85);
  CHECK(last->get<"status">() == "placed");
}

TEST_CASE("duckdb: load_csv, a failure after many appended chunks leaves nothing", "[duckdb]") {
  egret::duckdb::connection db(egret_test::duckdb_file("load_pipe"));
  db.create_table<many>();
  db.exec("CREATE TABLE keyed (n BIGINT PRIMARY KEY, half DOUBLE, label VARCHAR)");
  constexpr int rows = 20000;  // 10 chunks: several appended before the failure
  auto file = [&](int bad_at, std::string const& bad) {
    std::string text = "n,half,label\n";
    for (int i = 0; i < rows; ++i) text += (i == bad_at ? bad : std::to_string(i) + ",0.5,x") + "\n";
    return text;
  };
  many m;
  auto count = [&] { return db.execute(m.aggregate(egret::count().as<"n">())).first()->get<"n">(); };
  // a field that does not parse, at line 18002, after 8 chunks were appended
  std::istringstream bad_field(file(18000, "18000,half,x"));
  CHECK_THROWS_WITH(db.load_csv<many>(bad_field, "bad.csv"), Catch::Contains("bad.csv:18002:"));
  CHECK(count() == 0);
  CHECK(!db.in_transaction());
  // a record the table refuses, found by DuckDB when the appender flushes
  std::istringstream dup(file(19000, "7,0.5,x"));
  CHECK_THROWS_WITH(db.load_csv<keyed>(dup, "dup.csv"), Catch::Contains("refused by the database"));
  keyed k;
  CHECK(db.execute(k.aggregate(egret::count().as<"n">())).first()->get<"n">() == 0);
  CHECK(!db.in_transaction());
  // and a whole load, every row in its place
  std::istringstream good(file(-1, ""));
  CHECK(db.load_csv<many>(good, "good.csv") == rows);
  CHECK(count() == rows);
  auto const sum = db.execute(m.aggregate(egret::sum(m.n).as<"s">())).first()->get<"s">();
  CHECK(sum == std::int64_t{rows} * (rows - 1) / 2);
}
