// Loading TPC-H .tbl and .tbl.gz files: the SF 0.01 row counts, plain and gzip input alike, indexes, and
// located errors for broken input.
#include <catch2/catch.hpp>

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tpch/compare.hpp"

namespace {

std::filesystem::path fresh_dir(std::string const& name) {
  auto const dir = std::filesystem::path(EGRET_TEST_TMP_DIR) / ("tpch_" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

void write_plain(std::filesystem::path const& file, std::string const& text) {
  std::ofstream(file, std::ios::binary) << text;
}

void write_gzip(std::filesystem::path const& file, std::string const& text) {
  gzFile f = gzopen(file.string().c_str(), "wb9");
  REQUIRE(f != nullptr);
  REQUIRE(gzwrite(f, text.data(), static_cast<unsigned>(text.size())) == static_cast<int>(text.size()));
  REQUIRE(gzclose(f) == Z_OK);
}

std::string const regions =
    "0|AFRICA|lar deposits. blithely final packages cajole. |\n"
    "1|AMERICA|hs use ironic, even requests. s|\n"
    "2|ASIA|ges. thinly even pinto beans ca|\n";

std::int64_t count(egret::sqlite::connection& db, std::string const& table) {
  return std::get<std::int64_t>(tpch_test::run_sql(db, "SELECT count(*) FROM " + table).rows.at(0).at(0));
}

}  // namespace

TEST_CASE("tpch load: SF 0.01 has the specification's row counts and the key indexes", "[tpch]") {
  auto& db = tpch_test::database();
  CHECK(count(db, "region") == 5);
  CHECK(count(db, "nation") == 25);
  CHECK(count(db, "supplier") == 100);
  CHECK(count(db, "customer") == 1500);
  CHECK(count(db, "part") == 2000);
  CHECK(count(db, "partsupp") == 8000);
  CHECK(count(db, "orders") == 15000);
  CHECK(count(db, "lineitem") == 60175);
  CHECK(count(db, "sqlite_master WHERE type = 'index'") == static_cast<std::int64_t>(tpch::index_ddl.size()));
  // Typed columns: dates are ISO text, decimals REAL, keys INTEGER; comments keep their edge spaces.
  auto const r = tpch_test::run_sql(
      db, "SELECT l_orderkey, l_extendedprice, l_shipdate, l_comment FROM lineitem "
          "WHERE l_orderkey = 1 AND l_linenumber = 2");
  REQUIRE(r.rows.size() == 1);
  CHECK(r.rows[0] == std::vector<tpch_test::cell>{std::int64_t{1}, 56688.12, std::string("1996-04-12"),
                                                  std::string("ly final dependencies: slyly bold ")});
}

TEST_CASE("tpch load: .tbl and .tbl.gz give the same table, plain wins when both exist", "[tpch]") {
  auto const dir = fresh_dir("plain_gz");
  egret::sqlite::connection db(":memory:");
  write_gzip(dir / "region.tbl.gz", regions);
  auto const gz = tpch::load_table<tpch::region>(db, dir);
  CHECK(gz.rows == 3);
  CHECK(gz.file == dir / "region.tbl.gz");
  auto const from_gz = tpch_test::run_sql(db, "SELECT * FROM region ORDER BY r_regionkey");

  write_plain(dir / "region.tbl", regions.substr(0, regions.find('\n') + 1));
  auto const plain = tpch::load_table<tpch::region>(db, dir);
  CHECK(plain.file == dir / "region.tbl");
  CHECK(plain.rows == 1);  // reloading replaces the table

  write_plain(dir / "region.tbl", regions);
  tpch::load_table<tpch::region>(db, dir);
  CHECK(tpch_test::compare(tpch_test::run_sql(db, "SELECT * FROM region ORDER BY r_regionkey"), from_gz,
                           {"r_regionkey"}) == "");
  REQUIRE(from_gz.rows.size() == 3);
  CHECK(from_gz.rows[0][2] == tpch_test::cell{std::string("lar deposits. blithely final packages cajole. ")});
}

TEST_CASE("tpch load: broken input is reported with file, line and column, and loads nothing", "[tpch]") {
  auto const dir = fresh_dir("errors");
  egret::sqlite::connection db(":memory:");
  auto const expect_error = [&](std::string const& file, std::size_t line, std::size_t column,
                                std::string const& reason) {
    try {
      tpch::load_table<tpch::region>(db, dir);
      FAIL("expected a load_error");
    } catch (egret::load_error const& e) {
      CHECK(e.file() == (dir / file).string());
      CHECK(e.line() == line);
      CHECK(e.column() == column);
      CHECK_THAT(e.reason(), Catch::Contains(reason));
    }
  };

  expect_error("region.tbl", 0, 0, "cannot open: no such file (nor region.tbl.gz)");

  // A bad value inside a compressed file: located like a plain one; the table stays empty.
  write_gzip(dir / "region.tbl.gz", regions + "x3|EUROPE|c|\n");
  expect_error("region.tbl.gz", 4, 1, "x3");
  CHECK(count(db, "region") == 0);

  // A record without dbgen's trailing '|'.
  write_gzip(dir / "region.tbl.gz", "0|AFRICA|c\n");
  expect_error("region.tbl.gz", 1, 11, "does not end with the delimiter '|'");

  // A truncated gzip file: zlib's reason, at the point where the input broke off.
  std::string big;
  for (int i = 0; i < 20000; ++i) big += std::to_string(i) + "|R" + std::to_string(i * 7919 % 10007) + "|c|\n";
  write_gzip(dir / "region.tbl.gz", big);
  std::filesystem::resize_file(dir / "region.tbl.gz", std::filesystem::file_size(dir / "region.tbl.gz") / 2);
  try {
    tpch::load_table<tpch::region>(db, dir);
    FAIL("expected a load_error");
  } catch (egret::load_error const& e) {
    CHECK(e.file() == (dir / "region.tbl.gz").string());
    CHECK(e.line() > 1);
    CHECK_THAT(e.reason(), Catch::Contains("read error") && Catch::Contains("unexpected end of file"));
  }
  CHECK(count(db, "region") == 0);
}
