// CSV and TPC-H .tbl loading into MariaDB tables: the jaffle shop seeds, quoted fields and NULLs, batches larger
// than one INSERT, bad input that leaves the table as it was, dbgen .tbl files (plain and gzip-compressed).
#include <catch2/catch.hpp>

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include <egret/mysql/load_csv.hpp>

#include "examples/tpch/gzip_streambuf.hpp"
#include "examples/tpch/schema.hpp"
#include "../support/plain_tbl.hpp"
#include "test_db.hpp"

namespace {
EGRET_TABLE(raw_customers, (id, std::int64_t), (first_name, std::string), (last_name, std::string));
EGRET_TABLE(raw_orders, (id, std::int64_t), (user_id, std::int64_t), (order_date, egret::date), (status, std::string));
EGRET_TABLE(raw_payments, (id, std::int64_t), (order_id, std::int64_t), (payment_method, std::string),
            (amount, std::int64_t));
EGRET_TABLE(people, (id, std::int64_t), (name, std::string), (born, egret::date), (score, std::optional<double>));
EGRET_PRIMARY_KEY(people, id);

constexpr egret::csv::options tbl{.delimiter = '|', .trailing_delimiter = true, .has_header = false};

std::filesystem::path tmp_file(std::string const& name, std::string const& text) {
  auto dir = std::filesystem::path(EGRET_TEST_TMP_DIR) / ("mysql_csv_" + egret_test::mysql_database());
  std::filesystem::create_directories(dir);
  std::ofstream(dir / name, std::ios::binary) << text;
  return dir / name;
}

template <class T>
std::int64_t count(egret::mysql::connection& db) {
  T t;
  return db.execute(t.aggregate(egret::count().as<"n">())).first()->template get<"n">();
}
}  // namespace

TEST_CASE("mysql load_csv: the jaffle shop seeds", "[mysql][csv]") {
  auto& db = egret_test::mysql_db();
  std::string const dir = EGRET_TEST_DATA_DIR;
  db.drop_table("raw_customers");
  db.drop_table("raw_orders");
  db.drop_table("raw_payments");
  db.create_table<raw_customers>();
  db.create_table<raw_orders>();
  db.create_table<raw_payments>();
  CHECK(db.load_csv<raw_customers>(dir + "/raw_customers.csv") == 100);
  CHECK(db.load_csv<raw_orders>(dir + "/raw_orders.csv") == 99);
  CHECK(db.load_csv<raw_payments>(dir + "/raw_payments.csv") == 113);
  raw_payments p;
  auto total = db.execute(p.aggregate(p.amount.sum().as<"total">())).first();
  CHECK(total->get<"total">() == std::optional<std::int64_t>(167200));
  raw_orders o;
  auto first = db.execute(o.filter(o.id == 1).select(o.order_date, o.status)).first();
  CHECK(first->get<"order_date">() == egret::date{2018, 1, 1});
  CHECK(first->get<"status">() == "returned");
}

TEST_CASE("mysql load_csv: quoted fields, NULLs, many batches, bad input leaves the table unchanged", "[mysql][csv]") {
  auto& db = egret_test::mysql_db();
  db.drop_table("people");
  db.create_table<people>();
  CHECK(db.load_csv<people>(tmp_file("good.csv", "id,name,born,score\r\n1,\"Smith, \"\"Ann\"\"\",1990-01-31,2.5\r\n"
                                                 "2,Bob \\ Ö,1985-12-01,\r\n")) == 2);
  people t;
  auto rows = db.execute(t.select(t.name, t.score).order_by(t.id)).to_vector();
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].get<"name">() == "Smith, \"Ann\"");
  CHECK(rows[0].get<"score">() == 2.5);
  CHECK(rows[1].get<"name">() == "Bob \\ Ö");
  CHECK(!rows[1].get<"score">().has_value());

  // 2500 rows: two full batches of 1000 and one of 500
  std::string many = "id,name,born,score\n";
  for (int i = 100; i < 2600; ++i) many += std::to_string(i) + ",p" + std::to_string(i) + ",2000-01-01," + std::to_string(i) + ".5\n";
  CHECK(db.load_csv<people>(tmp_file("many.csv", many)) == 2500);
  CHECK(count<people>(db) == 2502);

  auto expect_error = [&](std::string const& name, std::string const& text, std::size_t line, std::size_t column,
                          std::string const& reason) {
    auto f = tmp_file(name, text);
    try {
      db.load_csv<people>(f.string());
      FAIL("expected a load_error");
    } catch (egret::load_error const& e) {
      CHECK(e.file() == f.string());
      CHECK(e.line() == line);
      CHECK(e.column() == column);
      CHECK_THAT(e.reason(), Catch::Contains(reason));
    }
    CHECK(count<people>(db) == 2502);  // nothing of the bad file was loaded
  };
  expect_error("bad_date.csv", "id,name,born,score\n5000,a,2000-01-01,1\n5001,b,2000-02-30,1\n", 3, 8, "date");
  expect_error("bad_count.csv", "id,name,born,score\n5000,a,2000-01-01,1\n5001,b\n", 3, 6, "expected 4 fields");
  // bad input after a full batch was inserted: rolled back too
  std::string late = "id,name,born,score\n";
  for (int i = 5000; i < 6500; ++i) late += std::to_string(i) + ",x,2000-01-01,1\n";
  late += "7000,y,2000-01-01,oops\n";
  expect_error("bad_late.csv", late, 1502, 19, "");
  // a server error (a duplicate key) rolls back the whole load
  try {
    db.load_csv<people>(tmp_file("dup.csv", "id,name,born,score\n9000,a,2000-01-01,1\n1,dup,2000-01-01,1\n"));
    FAIL("expected a duplicate key error");
  } catch (egret::load_error const& e) {  // at the refused row's line
    CHECK(e.line() == 3);
    CHECK_THAT(e.reason(), Catch::Contains("Duplicate entry") && Catch::Contains("error 1062"));
  }
  CHECK(count<people>(db) == 2502);
}

TEST_CASE("mysql load_csv: TPC-H .tbl files, plain and gzip-compressed", "[mysql][csv][tpch]") {
  auto& db = egret_test::mysql_db();
  std::filesystem::path const dir = EGRET_TPCH_DIR;
  std::filesystem::path const scratch = tmp_file("tbl.probe", "").parent_path() / "plain_tbl";
  db.drop_table("orders");
  db.create_table<tpch::orders>();
  CHECK(db.load_csv<tpch::orders>(egret_test::plain_tbl(dir, "orders", scratch).string(), tbl) == 15000);
  tpch::orders o;
  auto r = db.execute(o.aggregate(o.o_totalprice.sum().as<"total">(), o.o_orderdate.max().as<"last">())).first();
  CHECK(r->get<"total">() == Approx(2127396830.39));
  CHECK(r->get<"last">() == egret::date{1998, 8, 2});

  // nation.tbl compressed here, read back through the decompressing streambuf
  std::ifstream plain(egret_test::plain_tbl(dir, "nation", scratch), std::ios::binary);
  std::string const text{std::istreambuf_iterator<char>(plain), std::istreambuf_iterator<char>()};
  auto gz = tmp_file("nation.tbl.gz", "");
  gzFile out = gzopen(gz.string().c_str(), "wb");
  REQUIRE(out != nullptr);
  gzwrite(out, text.data(), static_cast<unsigned>(text.size()));
  gzclose(out);
  db.drop_table("nation");
  db.create_table<tpch::nation>();
  tpch::gzip_streambuf buf(gz);
  std::istream in(&buf);
  CHECK(db.load_csv<tpch::nation>(in, gz.string(), tbl) == 25);
  tpch::nation n;
  CHECK(db.execute(n.filter(n.n_nationkey == 7).select(n.n_name)).first()->get<"n_name">() == "GERMANY");
}

namespace {
// How many statements of a kind this session ran (SHOW SESSION STATUS: Com_load, Com_insert).
std::int64_t session_count(egret::mysql::connection& db, std::string const& name) {
  std::int64_t n = -1;
  for (auto const& r : db.execute(egret::raw_query<"SELECT CAST(VARIABLE_VALUE AS SIGNED) FROM "
                                                   "information_schema.SESSION_STATUS WHERE VARIABLE_NAME = ?",
                                                   egret::out<"n", std::int64_t>, egret::raw_param<std::string>>{},
                                  name))
    n = r.get<"n">();
  return n;
}
}  // namespace

TEST_CASE("mysql load_csv: LOAD DATA LOCAL of many buffers, escapes, a bad or refused last row, the fallback",
          "[mysql][csv]") {
  auto& db = egret_test::mysql_db();
  db.drop_table("people");
  db.create_table<people>();
  // 60,000 records of text LOAD DATA must escape (tab, backslash, CR LF, NUL, a quoted comma): ~3 MB, about 50
  // of the loader's 64 KB buffers
  std::string many = "id,name,born,score\n";
  for (int i = 1; i <= 60'000; ++i)
    many += std::to_string(i) + ",\"n\t" + std::to_string(i) + " \\N\\\r\n" + std::string(1, '\0') + ", x\",2001-01-01," +
            (i % 3 == 0 ? std::string() : std::to_string(i) + ".25") + "\n";
  // bad input in the last record: nothing loaded
  auto const bad = tmp_file("many_bad.csv", many + "60001,bad,2001-01-01,1.5.5\n");
  try {
    db.load_csv<people>(bad.string());
    FAIL("expected a load_error");
  } catch (egret::load_error const& e) {
    CHECK(e.line() == 120'002);  // each record spans two lines
    CHECK(e.column() == 22);
    CHECK_THAT(e.reason(), Catch::Contains("DOUBLE"));
  }
  CHECK(count<people>(db) == 0);
  // the server refuses the last record (a duplicate key): a warning to LOAD DATA LOCAL, so the load is rolled back
  // and made again through INSERTs, which name the row
  std::int64_t const loads = session_count(db, "COM_LOAD"), inserts = session_count(db, "COM_INSERT");
  try {
    db.load_csv<people>(tmp_file("many_dup.csv", many + "7,again,2001-01-01,1\n").string());
    FAIL("expected a duplicate key error");
  } catch (egret::load_error const& e) {
    CHECK(e.line() == 120'002);
    CHECK_THAT(e.reason(), Catch::Contains("Duplicate entry '7'"));
  }
  CHECK(count<people>(db) == 0);
  CHECK(session_count(db, "COM_LOAD") == loads + 1);
  CHECK(session_count(db, "COM_INSERT") > inserts + 50);
  // the same records from a stream (read twice if need be: an istringstream can seek back) load whole, through
  // one LOAD DATA
  std::istringstream good(many);
  CHECK(db.load_csv<people>(good, "many.csv") == 60'000);
  CHECK(session_count(db, "COM_LOAD") == loads + 2);
  CHECK(count<people>(db) == 60'000);
  people p;
  auto rows = db.execute(p.filter(p.id == std::int64_t{59'999} || p.id == std::int64_t{60'000})
                             .select(p.name, p.born, p.score)
                             .order_by(p.id))
                  .to_vector();
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].get<"name">() == std::string("n\t59999 \\N\\\r\n") + std::string(1, '\0') + ", x");
  CHECK(rows[0].get<"born">() == egret::date{2001, 1, 1});
  CHECK(rows[0].get<"score">() == 59999.25);
  CHECK(!rows[1].get<"score">().has_value());
  // a NULL where the table says NOT NULL: LOAD DATA LOCAL would store 0 with a warning; the INSERTs refuse it
  db.drop_table("people");
  db.exec("CREATE TABLE `people` (`id` BIGINT NOT NULL PRIMARY KEY, `name` LONGTEXT NOT NULL, `born` DATE NOT NULL, "
          "`score` DOUBLE NOT NULL) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin");
  std::istringstream nulls("id,name,born,score\n1,a,2001-01-01,1\n2,b,2001-01-01,\n");
  try {
    db.load_csv<people>(nulls, "nulls.csv");
    FAIL("expected a NOT NULL error");
  } catch (egret::load_error const& e) {
    CHECK(e.line() == 3);
    CHECK_THAT(e.reason(), Catch::Contains("cannot be null"));
  }
  CHECK(count<people>(db) == 0);
  // the connection's own LOAD DATA LOCAL reads files again (egret's handler is gone)
  auto const plain = tmp_file("plain.tsv", "5\tfive\t2005-05-05\t5.5\n");
  db.exec("LOAD DATA LOCAL INFILE '" + plain.string() + "' INTO TABLE `people`");
  CHECK(count<people>(db) == 1);
}
