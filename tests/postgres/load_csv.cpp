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
