// Loading CSV and TPC-H .tbl files through COPY: the jaffle shop seeds, dbgen's .tbl (plain and gzip), typed
// parsing with located errors, and a failed load (bad input, or a row the server refuses) leaving the table as
// it was.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <egret/postgres/load_csv.hpp>

#include "test_db.hpp"
#include "../../examples/tpch/schema.hpp"
#if defined(EGRET_PG_TPCH_DIR) && EGRET_HAVE_ZLIB
#include <zlib.h>

#include "../../examples/tpch/gzip_streambuf.hpp"
#include "../support/plain_tbl.hpp"
#endif

namespace {
EGRET_TABLE(raw_customers, (id, std::int64_t), (first_name, std::string), (last_name, std::string));
EGRET_TABLE(raw_orders, (id, std::int64_t), (user_id, std::int64_t), (order_date, egret::date), (status, std::string));
EGRET_TABLE(raw_payments, (id, std::int64_t), (order_id, std::int64_t), (payment_method, std::string),
            (amount, std::int64_t));
EGRET_TABLE(people, (id, std::int64_t), (name, std::string), (born, egret::date), (score, std::optional<double>));
EGRET_PRIMARY_KEY(people, id);
EGRET_TABLE(typed_row, (id, std::int32_t), (flag, std::optional<bool>), (at, std::optional<egret::timestamp>),
            (day, std::optional<egret::date>), (note, std::optional<std::string>), (big, std::int64_t));

[[maybe_unused]] constexpr egret::csv::options tbl{.delimiter = '|', .trailing_delimiter = true, .has_header = false};

std::filesystem::path tmp_dir() {
  auto d = std::filesystem::temp_directory_path() / ("egret_pg_csv_" + std::to_string(::getpid()));
  std::filesystem::create_directories(d);
  return d;
}

template <class T>
std::int64_t count(egret::postgres::connection& db) {
  T t;
  return db.execute(t.aggregate(egret::count().template as<"n">())).first()->template get<"n">();
}

egret::postgres::connection& people_db() {
  auto& db = egret_test::postgres_db();
  db.drop_table("people");
  db.create_table<people>();
  std::istringstream good("id,name,born,score\r\n1,\"Smith, Ann\",1990-01-31,2.5\r\n2,Bob,1985-12-01,\r\n");
  REQUIRE(db.load_csv<people>(good, "good.csv") == 2);
  return db;
}

void expect_error(egret::postgres::connection& db, std::string const& text, std::size_t line, std::size_t column,
                  std::string const& reason_part) {
  auto const file = tmp_dir() / "bad.csv";
  std::ofstream(file, std::ios::binary) << text;
  try {
    db.load_csv<people>(file.string());
    FAIL("expected a load_error");
  } catch (egret::load_error const& e) {
    CHECK(e.file() == file.string());
    CHECK(e.line() == line);
    CHECK(e.column() == column);
    CHECK_THAT(e.reason(), Catch::Contains(reason_part));
  }
  CHECK(count<people>(db) == 2);  // nothing of the bad file was loaded
}
}  // namespace

TEST_CASE("postgres load_csv: the jaffle shop seeds", "[postgres][csv]") {
  auto& db = egret_test::postgres_db();
  std::string const dir = EGRET_TEST_DATA_DIR;
  db.create_table<raw_customers>();
  db.create_table<raw_orders>();
  db.create_table<raw_payments>();
  CHECK(db.load_csv<raw_customers>(dir + "/raw_customers.csv") == 100);
  CHECK(db.load_csv<raw_orders>(dir + "/raw_orders.csv") == 99);
  CHECK(db.load_csv<raw_payments>(dir + "/raw_payments.csv") == 113);
  CHECK(db.changes() == 113);
  raw_orders o;
  auto first = db.execute(o.order_by(o.id)).first();
  REQUIRE(first);
  CHECK(first->get<"order_date">() == egret::date{2018, 1, 1});
  CHECK(first->get<"status">() == "returned");
  raw_payments p;
  CHECK(db.execute(p.aggregate(p.amount.sum().as<"total">())).first()->get<"total">() == 167200);
}

TEST_CASE("postgres load_csv: quoted fields, CRLF, NULLs, text COPY must escape", "[postgres][csv]") {
  auto& db = people_db();
  std::istringstream tricky("id,name,born,score\n3,\"tab\there, back\\slash\nnewline\",2000-02-29,-1e-3\n");
  CHECK(db.load_csv<people>(tricky, "tricky.csv") == 1);
  people p;
  auto rows = db.execute(p.select(p.name, p.score).order_by(p.id)).to_vector();
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].get<"name">() == "Smith, Ann");
  CHECK(rows[0].get<"score">() == 2.5);
  CHECK(!rows[1].get<"score">().has_value());
  CHECK(rows[2].get<"name">() == "tab\there, back\\slash\nnewline");
  CHECK(rows[2].get<"score">() == -1e-3);
}

TEST_CASE("postgres load_csv: bad input names file, line, column and leaves the table unchanged", "[postgres][csv]") {
  auto& db = people_db();
  expect_error(db, "id,name,born,score\n5,Eve,2001-01-01,1\n6,Dan,2001-02-30,1\n", 3, 7, "expected a date");
  expect_error(db, "id,name,born,score\n5,Eve,2001-01-01,1\nx7,Dan,2001-02-03,1\n", 3, 1, "BIGINT");
  expect_error(db, "id,name,born,score\n5,Eve,2001-01-01,1\n7,Dan,2001-02-03\n", 3, 7, "expected 4 fields, found 3");
  expect_error(db, "id,nom,born,score\n5,Eve,2001-01-01,1\n", 1, 4, "header has column \"nom\"");
  // many good rows (several COPY chunks sent) before the bad one: still nothing loaded
  std::string many = "id,name,born,score\n";
  for (int i = 10; i < 5000; ++i) many += std::to_string(i) + ",name " + std::to_string(i) + ",2001-01-01," + std::to_string(i) + ".5\n";
  expect_error(db, many + "9999,bad,2001-01-01,1.5.5\n", 4992, 21, "DOUBLE");

  // inside a transaction: a savepoint, the enclosing transaction goes on
  {
    auto tx = db.transaction();
    std::istringstream bad("id,name,born,score\n8,Fay,yesterday,1\n");
    CHECK_THROWS_AS(db.load_csv<people>(bad, "bad.csv"), egret::load_error);
    std::istringstream good("id,name,born,score\n8,Fay,2002-03-04,1\n");
    CHECK(db.load_csv<people>(good, "good.csv") == 1);
    tx.commit();
  }
  CHECK(count<people>(db) == 3);
}

TEST_CASE("postgres load_csv: a row the server refuses rolls the whole load back", "[postgres][csv]") {
  auto& db = people_db();
  std::istringstream dup("id,name,born,score\n3,Cy,2000-01-01,\n1,Again,2000-01-01,\n");
  try {
    db.load_csv<people>(dup, "dup.csv");
    FAIL("a duplicate key must throw");
  } catch (egret::load_error const& e) {  // COPY's "line 2" (of the rows sent) is the file's line 3
    CHECK(e.file() == "dup.csv");
    CHECK(e.line() == 3);
    CHECK_THAT(e.reason(), Catch::Contains("duplicate key value") && Catch::Contains("SQLSTATE 23505"));
  }
  CHECK(count<people>(db) == 2);
  db.exec("SELECT 1");  // the connection is usable again
}

TEST_CASE("postgres load_csv: a load of many COPY chunks, bad in its last one, leaves the table unchanged",
          "[postgres][csv]") {
  auto& db = people_db();  // 2 rows
  // ~1.9 MB of binary COPY data: about 15 chunks of 128 KB before the bad record, the last of the file
  std::string many = "id,name,born,score\n";
  for (int i = 10; i < 60'010; ++i)
    many += std::to_string(i) + ",\"name, number " + std::to_string(i) + "\",2001-01-01," + std::to_string(i) + ".25\n";
  expect_error(db, many + "99999,bad,2001-13-01,1\n", 60'002, 11, "expected a date");
  expect_error(db, many + "99999,bad,2001-01-01\n", 60'002, 11, "expected 4 fields, found 3");
  // the server refuses the very last row (a duplicate key): the file line of the COPY's row
  auto const file = tmp_dir() / "dup_last.csv";
  std::ofstream(file, std::ios::binary) << many << "1,again,2001-01-01,\n";
  try {
    db.load_csv<people>(file.string());
    FAIL("a duplicate key must throw");
  } catch (egret::load_error const& e) {
    CHECK(e.line() == 60'002);
    CHECK_THAT(e.reason(), Catch::Contains("duplicate key value"));
  }
  CHECK(count<people>(db) == 2);
  // and the same file without the bad record loads whole
  std::istringstream good(many);
  CHECK(db.load_csv<people>(good, "many.csv") == 60'000);
  CHECK(count<people>(db) == 60'002);
  people p;
  auto last = db.execute(p.filter(p.id == std::int64_t{60'009}).select(p.name, p.born, p.score)).first();
  REQUIRE(last);
  CHECK(last->get<"name">() == "name, number 60009");
  CHECK(last->get<"born">() == egret::date{2001, 1, 1});
  CHECK(last->get<"score">() == 60009.25);
}

TEST_CASE("postgres load_csv: every type through the binary COPY, NULLs, the edges of each", "[postgres][csv]") {
  auto& db = egret_test::postgres_db();
  db.drop_table("typed_row");
  db.create_table<typed_row>();
  std::istringstream in("id,flag,at,day,note,big\n"
                        "-2147483648,TRUE,2024-02-29 23:59:59.999999,0001-01-01,\"\",-9223372036854775808\n"
                        "2147483647,f,1999-12-31T00:00:00,9999-12-31,\"tab\there\\\",9223372036854775807\n"
                        "0,,,,,0\n"
                        "7,1,1970-01-01,2000-01-01,\"line\r\nbreak, \"\"quoted\"\"\",+7\n");
  CHECK(db.load_csv<typed_row>(in, "typed.csv") == 4);
  typed_row t;
  auto rows = db.execute(t.order_by(t.id)).to_vector();
  REQUIRE(rows.size() == 4);
  CHECK(rows[0].get<"id">() == INT32_MIN);
  CHECK(rows[0].get<"flag">() == true);
  CHECK(rows[0].get<"at">() == egret::timestamp{egret::date{2024, 2, 29}, 23, 59, 59, 999'999});
  CHECK(rows[0].get<"day">() == egret::date{1, 1, 1});
  CHECK(rows[0].get<"note">() == std::optional<std::string_view>(""));
  CHECK(rows[0].get<"big">() == INT64_MIN);
  CHECK(rows[1].get<"id">() == 0);
  CHECK(!rows[1].get<"flag">());
  CHECK(!rows[1].get<"at">());
  CHECK(!rows[1].get<"day">());
  CHECK(!rows[1].get<"note">());
  CHECK(rows[2].get<"flag">() == true);
  CHECK(rows[2].get<"at">() == egret::timestamp{egret::date{1970, 1, 1}});
  CHECK(rows[2].get<"day">() == egret::date{2000, 1, 1});
  CHECK(rows[2].get<"note">() == std::optional<std::string_view>("line\r\nbreak, \"quoted\""));
  CHECK(rows[2].get<"big">() == 7);
  CHECK(rows[3].get<"flag">() == false);
  CHECK(rows[3].get<"at">() == egret::timestamp{egret::date{1999, 12, 31}});
  CHECK(rows[3].get<"day">() == egret::date{9999, 12, 31});
  CHECK(rows[3].get<"note">() == std::optional<std::string_view>("tab\there\\"));
  CHECK(rows[3].get<"big">() == INT64_MAX);
  // the server's own text of what arrived: the same as its text input would have made
  CHECK(db.execute(egret::raw_query<"SELECT string_agg(at::text || '/' || day::text, ';' ORDER BY id) FROM typed_row",
                                    egret::out<"s", std::string>>{})
            .first()
            ->get<"s">() == "2024-02-29 23:59:59.999999/0001-01-01;1970-01-01 00:00:00/2000-01-01;"
                            "1999-12-31 00:00:00/9999-12-31");
  // PostgreSQL has no year 0: refused at the field, nothing loaded
  std::istringstream zero("id,flag,at,day,note,big\n9,t,,2000-01-01,x,1\n10,t,,0000-01-01,x,1\n");
  try {
    db.load_csv<typed_row>(zero, "zero.csv");
    FAIL("year 0 must throw");
  } catch (egret::load_error const& e) {
    CHECK(e.line() == 3);
    CHECK(e.column() == 7);
    CHECK_THAT(e.reason(), Catch::Contains("no year 0"));
  }
  CHECK(count<typed_row>(db) == 4);
}

TEST_CASE("postgres load_csv: columns of other types than egret's get the text COPY, converted by the server",
          "[postgres][csv]") {
  auto& db = egret_test::postgres_db();
  db.drop_table("typed_row");
  // INTEGER for the std::int64_t, NUMERIC for nothing egret writes, TIMESTAMPTZ, VARCHAR(20), a dropped column
  db.exec(R"(CREATE TABLE "typed_row" ("gone" INT, "id" INTEGER NOT NULL, "flag" BOOLEAN, "at" TIMESTAMPTZ, )"
          R"("day" DATE, "note" VARCHAR(20), "big" NUMERIC(30, 0) NOT NULL))");
  db.exec(R"(ALTER TABLE "typed_row" DROP COLUMN "gone")");
  std::istringstream in("id,flag,at,day,note,big\n1,t,2024-01-02 03:04:05,2024-01-02,\"a\\b\tc\",12\n2,,,,,-3\n");
  CHECK(db.load_csv<typed_row>(in, "text.csv") == 2);
  CHECK(db.execute(egret::raw_query<"SELECT string_agg(concat_ws('/', id, flag, at, day, note, big), ';' ORDER BY id) "
                                    "FROM typed_row",
                                    egret::out<"s", std::string>>{})
            .first()
            ->get<"s">() == "1/t/2024-01-02 03:04:05+00/2024-01-02/a\\b\tc/12;2/-3");
  // the server's conversion refuses a value for the column's type: at the record's line
  std::istringstream bad("id,flag,at,day,note,big\n3,t,,,a note that is too long for it,1\n");
  try {
    db.load_csv<typed_row>(bad, "bad.csv");
    FAIL("a too long VARCHAR must throw");
  } catch (egret::load_error const& e) {
    CHECK(e.line() == 2);
    CHECK_THAT(e.reason(), Catch::Contains("too long"));
  }
  CHECK(count<typed_row>(db) == 2);
  // a table that does not exist: the COPY's own error
  db.drop_table("typed_row");
  std::istringstream none("id,flag,at,day,note,big\n1,t,,,,1\n");
  CHECK_THROWS_WITH(db.load_csv<typed_row>(none, "none.csv"), Catch::Contains("does not exist"));
  db.exec("SELECT 1");
}

#if defined(EGRET_PG_TPCH_DIR) && EGRET_HAVE_ZLIB
TEST_CASE("postgres load_csv: TPC-H .tbl files (dbgen format)", "[postgres][csv][tpch]") {
  auto& db = egret_test::postgres_db();
  std::filesystem::path const dir = EGRET_PG_TPCH_DIR;
  std::filesystem::path const scratch = tmp_dir() / "tbl";
  db.create_table<tpch::nation>();
  db.create_table<tpch::region>();
  db.create_table<tpch::lineitem>();
  CHECK(db.load_csv<tpch::nation>(egret_test::plain_tbl(dir, "nation", scratch).string(), tbl) == 25);
  CHECK(db.load_csv<tpch::region>(egret_test::plain_tbl(dir, "region", scratch).string(), tbl) == 5);
  CHECK(db.load_csv<tpch::lineitem>(egret_test::plain_tbl(dir, "lineitem", scratch).string(), tbl) == 60175);
  tpch::lineitem l;
  auto r = db.execute(l.filter(l.l_orderkey == 1 && l.l_linenumber == 1)
                          .select(l.l_partkey, l.l_extendedprice, l.l_shipdate, l.l_comment))
               .first();
  REQUIRE(r);
  CHECK(r->get<"l_partkey">() == 1552);
  CHECK(r->get<"l_extendedprice">() == 24710.35);
  CHECK(r->get<"l_shipdate">() == egret::date{1996, 3, 13});
  CHECK(r->get<"l_comment">() == "egular courts above the");
  tpch::nation n;
  tpch::region g;
  auto per_region = n.join(g, n.n_regionkey == g.r_regionkey)
                        .group_by(g.r_name)
                        .aggregate(egret::count().as<"nations">())
                        .order_by(g.r_name);
  auto rows = db.execute(per_region).to_vector();
  REQUIRE(rows.size() == 5);
  CHECK(rows[0].get<"r_name">() == "AFRICA");
  CHECK(rows[0].get<"nations">() == 5);
}

#if EGRET_HAVE_ZLIB
TEST_CASE("postgres load_csv: a gzip-compressed .tbl read through a stream", "[postgres][csv][tpch]") {
  auto& db = egret_test::postgres_db();
  std::filesystem::path const src = egret_test::plain_tbl(EGRET_PG_TPCH_DIR, "orders", tmp_dir() / "tbl");
  auto const gz = tmp_dir() / "orders.tbl.gz";
  {
    std::ifstream in(src, std::ios::binary);
    std::stringstream all;
    all << in.rdbuf();
    std::string const text = all.str();
    gzFile out = gzopen(gz.c_str(), "wb");
    REQUIRE(out != nullptr);
    REQUIRE(gzwrite(out, text.data(), static_cast<unsigned>(text.size())) == static_cast<int>(text.size()));
    gzclose(out);
  }
  db.create_table<tpch::orders>();
  tpch::gzip_streambuf buf(gz);
  std::istream in(&buf);
  CHECK(db.load_csv<tpch::orders>(in, gz.string(), tbl) == 15000);
  tpch::orders o;
  CHECK(db.execute(o.aggregate(o.o_totalprice.max().as<"m">())).first()->get<"m">() > 0.0);
  std::filesystem::remove_all(tmp_dir());
}
#endif
#endif
