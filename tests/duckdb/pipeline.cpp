// The pipeline layer on DuckDB (issue 17): the jaffle shop built on a DuckDB file gives the same tables as on
// SQLite, its 20 data tests pass, a second run with state:modified+ builds nothing, and a model that fails at run
// time leaves its previous table and rows as they were, with what reads it skipped.
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "../../examples/jaffle_shop/pipeline.hpp"
#include "test_db.hpp"

#include <egret/duckdb/load_csv.hpp>
#include <egret/sqlite.hpp>
#include <egret/sqlite/load_csv.hpp>

namespace {
namespace pl = egret::pipeline;

std::size_t tests_with(pl::run_report const& r, pl::status s) {
  std::size_t n = 0;
  for (auto const& step : r.steps) n += step.what == "test" && step.result == s;
  return n;
}

template <class Db>
std::vector<std::tuple<std::int64_t, std::string, std::optional<std::int64_t>, std::optional<double>>> customers_of(Db& db) {
  jaffle::customers c;
  std::vector<std::tuple<std::int64_t, std::string, std::optional<std::int64_t>, std::optional<double>>> out;
  for (auto const& r : db.execute(c.select(c.customer_id, c.first_name, c.number_of_orders, c.customer_lifetime_value)
                                      .order_by(c.customer_id)))
    out.emplace_back(r.template get<0>(), std::string(r.template get<1>()), r.template get<2>(), r.template get<3>());
  return out;
}

EGRET_TABLE(raw_codes, (id, std::int64_t), (code, std::string));
EGRET_TABLE(codes, (id, std::int64_t), (n, std::int64_t));
EGRET_TABLE(doubled, (id, std::int64_t), (n2, std::int64_t));
struct codes_node : pl::model<pl::table, codes> {
  static constexpr auto build(raw_codes r) { return r.select(r.id, r.code.cast<std::int64_t>().as<"n">()); }
};
struct doubled_node : pl::model<pl::view, doubled> {
  static constexpr auto build(codes c) { return c.select(c.id, (c.n * 2).as<"n2">()); }
};
using coded = pl::pipeline<doubled_node, codes_node, pl::seed<raw_codes, "raw_codes.csv">>;

EGRET_TABLE(copied, (id, std::int64_t), (n, std::optional<std::int64_t>));
// codes written to a Parquet file (an external model), read downstream through its view.
struct codes_file_node : pl::model<pl::external, codes> {
  static constexpr auto build(raw_codes r) { return r.select(r.id, r.code.cast<std::int64_t>().as<"n">()); }
  static constexpr auto tests(codes t) { return pl::tests(pl::unique(t.id), pl::not_null(t.n)); }
};
using coded_file = pl::pipeline<doubled_node, codes_file_node, pl::seed<raw_codes, "raw_codes.csv">>;

// The jaffle shop with its three seeds read from Parquet files instead of CSV.
using parquet_shop = pl::pipeline<jaffle::orders_node, jaffle::customers_node, jaffle::stg_payments_node,
                                  jaffle::stg_orders_node, jaffle::stg_customers_node,
                                  pl::seed<jaffle::raw_payments, "raw_payments.parquet">,
                                  pl::seed<jaffle::raw_orders, "raw_orders.parquet">,
                                  pl::seed<jaffle::raw_customers, "raw_customers.parquet">>;

/// Writes the jaffle shop's CSV seeds as Parquet files into dir, with DuckDB's COPY; `orders_select` chooses
/// raw_orders' columns (to write a file whose schema is wrong).
void write_parquet_seeds(std::filesystem::path const& dir, std::string const& orders_select) {
  egret::duckdb::connection w(":memory:");
  std::string const seeds = EGRET_TEST_DATA_DIR;
  auto copy = [&](std::string const& select, std::string const& csv, std::string const& columns, std::string const& out) {
    w.exec("COPY (SELECT " + select + " FROM read_csv('" + seeds + "/" + csv + "', header = true, columns = {" +
           columns + "})) TO '" + (dir / out).string() + "' (FORMAT PARQUET)");
  };
  copy("*", "raw_customers.csv", "'id': 'BIGINT', 'first_name': 'VARCHAR', 'last_name': 'VARCHAR'", "raw_customers.parquet");
  copy(orders_select, "raw_orders.csv", "'id': 'BIGINT', 'user_id': 'BIGINT', 'order_date': 'DATE', 'status': 'VARCHAR'",
       "raw_orders.parquet");
  copy("*", "raw_payments.csv", "'id': 'BIGINT', 'order_id': 'BIGINT', 'payment_method': 'VARCHAR', 'amount': 'BIGINT'",
       "raw_payments.parquet");
}
}  // namespace

TEST_CASE("duckdb pipeline: the jaffle shop builds with the same tables as on SQLite, its 20 tests pass",
          "[duckdb][pipeline]") {
  egret::duckdb::connection db(egret_test::duckdb_file("pipeline_jaffle"));
  pl::run_report const r = jaffle::project::build(db, {.seeds = EGRET_TEST_DATA_DIR, .out = nullptr});
  for (auto const& s : r.steps) INFO(s.name << " " << s.what << ": " << s.message);
  REQUIRE(r.ok());
  CHECK(r.steps.size() == 28);
  CHECK(tests_with(r, pl::status::pass) == 20);
  CHECK(r.find("customers")->rows == 100);
  CHECK(r.find("orders")->rows == 99);

  auto const sqlite_path = std::filesystem::path(EGRET_DUCKDB_TEST_DIR) / "pipeline_jaffle.sqlite";
  std::filesystem::remove(sqlite_path);
  egret::sqlite::connection lite(sqlite_path.string());
  REQUIRE(jaffle::project::build(lite, {.seeds = EGRET_TEST_DATA_DIR, .out = nullptr}).ok());
  auto const expected = customers_of(lite);
  REQUIRE(expected.size() == 100);
  CHECK(customers_of(db) == expected);

  // nothing changed: a state-based run builds nothing; --threads 4 runs on the one connection, as sequentially
  CHECK(jaffle::project::build(db, {.seeds = EGRET_TEST_DATA_DIR, .out = nullptr, .select = {"state:modified+"}})
            .steps.empty());
  pl::run_report const again = jaffle::project::build(db, {.seeds = EGRET_TEST_DATA_DIR, .out = nullptr, .threads = 4});
  CHECK(again.ok());
  CHECK(again.steps.size() == 28);
  CHECK(customers_of(db) == expected);
}

TEST_CASE("duckdb pipeline: a model that fails at run time keeps its previous table, what reads it is skipped",
          "[duckdb][pipeline]") {
  auto const dir = std::filesystem::path(EGRET_DUCKDB_TEST_DIR) / "pipeline_codes";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  egret::duckdb::connection db(egret_test::duckdb_file("pipeline_codes"));
  std::ofstream(dir / "raw_codes.csv") << "id,code\n1,10\n2,20\n";
  REQUIRE(coded::build(db, {.seeds = dir, .out = nullptr}).ok());
  codes c;
  doubled d;
  CHECK(db.execute(d.select(d.n2).order_by(d.id)).to_vector().size() == 2);

  std::ofstream(dir / "raw_codes.csv", std::ios::trunc) << "id,code\n1,10\n2,20\n3,thirty\n";  // no BIGINT
  pl::run_report const r = coded::build(db, {.seeds = dir, .out = nullptr});
  CHECK_FALSE(r.ok());
  CHECK(r.find("codes")->result == pl::status::error);
  CHECK_THAT(r.find("codes")->message, Catch::Contains("thirty"));
  CHECK(r.find("doubled")->result == pl::status::skipped);
  std::vector<std::int64_t> ns;
  for (auto const& row : db.execute(c.select(c.n).order_by(c.id))) ns.push_back(row.get<0>());
  CHECK(ns == std::vector<std::int64_t>{10, 20});  // the previous rows, whole
}

TEST_CASE("duckdb pipeline: seeds read from Parquet files give the same tables, a file whose schema differs is refused",
          "[duckdb][pipeline][parquet]") {
  auto const dir = std::filesystem::path(EGRET_DUCKDB_TEST_DIR) / "pipeline_parquet";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  write_parquet_seeds(dir, "*");
  egret::duckdb::connection db(egret_test::duckdb_file("pipeline_parquet"));
  pl::run_report const r = parquet_shop::build(db, {.seeds = dir, .out = nullptr});
  for (auto const& s : r.steps) INFO(s.name << " " << s.what << ": " << s.message);
  REQUIRE(r.ok());
  CHECK(r.find("raw_orders")->rows == 99);
  CHECK(tests_with(r, pl::status::pass) == 20);

  auto const sqlite_path = dir / "reference.sqlite";
  egret::sqlite::connection lite(sqlite_path.string());
  REQUIRE(jaffle::project::build(lite, {.seeds = EGRET_TEST_DATA_DIR, .out = nullptr}).ok());
  CHECK(customers_of(db) == customers_of(lite));

  // user_id written as text: the seed is refused, naming the file and the column; its table keeps its rows
  write_parquet_seeds(dir, "id, CAST(user_id AS VARCHAR) AS user_id, order_date, status");
  pl::run_report const bad = parquet_shop::build(db, {.seeds = dir, .out = nullptr});
  CHECK_FALSE(bad.ok());
  REQUIRE(bad.find("raw_orders") != nullptr);
  CHECK(bad.find("raw_orders")->result == pl::status::error);
  CHECK_THAT(bad.find("raw_orders")->message,
             Catch::Contains("raw_orders.parquet:0:2: column \"user_id\" is VARCHAR in the file, BIGINT in raw_orders"));
  CHECK(bad.find("stg_orders")->result == pl::status::skipped);
  jaffle::raw_orders o;
  CHECK(db.execute(o.aggregate(egret::count().as<"n">())).first()->get<0>() == 99);

  // a NULL for the NOT NULL id: the table's constraint refuses it, the error names the file
  write_parquet_seeds(dir, "CASE WHEN id = 5 THEN NULL ELSE id END AS id, user_id, order_date, status");
  std::string const null_message = parquet_shop::build(db, {.seeds = dir, .out = nullptr}).find("raw_orders")->message;
  CHECK_THAT(null_message, Catch::Contains("raw_orders.parquet:0:0: the table refused a row"));
  CHECK_THAT(null_message, Catch::Contains("NOT NULL"));
  CHECK(db.execute(o.aggregate(egret::count().as<"n">())).first()->get<0>() == 99);

  // columns in another order, and a missing file
  write_parquet_seeds(dir, "user_id, id, order_date, status");
  CHECK_THAT(parquet_shop::build(db, {.seeds = dir, .out = nullptr}).find("raw_orders")->message,
             Catch::Contains("column 1 is \"user_id\" in the file, \"id\" in raw_orders"));
  std::filesystem::remove(dir / "raw_orders.parquet");
  CHECK_THAT(parquet_shop::build(db, {.seeds = dir, .out = nullptr}).find("raw_orders")->message,
             Catch::Contains("raw_orders.parquet:0:0: cannot open the file"));
}

TEST_CASE("duckdb pipeline: an external model is a Parquet file and a view over it, a failed run keeps the old file",
          "[duckdb][pipeline][parquet]") {
  auto const dir = std::filesystem::path(EGRET_DUCKDB_TEST_DIR) / "pipeline_external";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  egret::duckdb::connection db(egret_test::duckdb_file("pipeline_external"));
  std::ofstream(dir / "raw_codes.csv") << "id,code\n1,10\n2,20\n3,30\n";
  pl::run_options const opts{.seeds = dir, .out = nullptr, .external_dir = dir / "out"};
  pl::run_report const r = coded_file::build(db, opts);
  for (auto const& s : r.steps) INFO(s.name << " " << s.what << ": " << s.message);
  REQUIRE(r.ok());
  CHECK(r.find("codes")->rows == 3);
  CHECK(r.find("codes")->what == "external model");
  auto const file = dir / "out" / "codes.parquet";
  REQUIRE(std::filesystem::is_regular_file(file));
  doubled d;
  std::vector<std::int64_t> twice;
  for (auto const& row : db.execute(d.select(d.n2).order_by(d.id))) twice.push_back(row.get<0>());
  CHECK(twice == std::vector<std::int64_t>{20, 40, 60});
  // the file is Parquet that any reader of it sees: another database reads it with read_parquet
  egret::duckdb::connection other(":memory:");
  other.exec("CREATE TABLE copied AS SELECT * FROM read_parquet('" + file.string() + "')");
  copied ct;
  CHECK(other.execute(ct.aggregate(ct.n.sum().as<"s">())).first()->get<0>() == 60);

  // a value that is no BIGINT: the model fails, the file and what reads it are as they were
  auto const bytes = [&] {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  std::string const before = bytes();
  std::ofstream(dir / "raw_codes.csv", std::ios::trunc) << "id,code\n1,10\n2,twenty\n";
  pl::run_report const failed = coded_file::build(db, opts);
  CHECK_FALSE(failed.ok());
  CHECK(failed.find("codes")->result == pl::status::error);
  CHECK(failed.find("doubled")->result == pl::status::skipped);
  CHECK(bytes() == before);
  CHECK_FALSE(std::filesystem::exists(dir / "out" / "codes.parquet.egret-tmp"));
  CHECK(db.execute(d.select(d.n2)).to_vector().size() == 3);
}

TEST_CASE("duckdb pipeline: a unit test of the customers model on given rows, with a failing expectation's diff",
          "[duckdb][pipeline][unit_test]") {
  using egret::date;
  egret::duckdb::connection db(egret_test::duckdb_file("pipeline_unit_test"));
  auto given = [&] {
    return pl::unit_test<jaffle::customers_node>(db)
        .given<jaffle::stg_customers>({{1, "Michael", "P."}, {2, "Shawn", "M."}})
        .given<jaffle::stg_orders>({{1, 1, date{2018, 1, 1}, "returned"}, {3, 1, date{2018, 1, 4}, "completed"}})
        .given<jaffle::stg_payments>({{1, 1, "credit_card", 10.0}, {3, 3, "coupon", 1.0}});
  };
  auto const r = given().expect({
      {1, "Michael", "P.", date{2018, 1, 1}, date{2018, 1, 4}, 2, 11.0},
      {2, "Shawn", "M.", std::nullopt, std::nullopt, std::nullopt, std::nullopt},
  });
  INFO(r.diff());
  CHECK(r.ok());
  auto const wrong = given().expect({{1, "Michael", "P.", date{2018, 1, 1}, date{2018, 1, 4}, 2, 12.0},
                                     {2, "Shawn", "M.", std::nullopt, std::nullopt, std::nullopt, std::nullopt}});
  CHECK_FALSE(wrong.ok());
  CHECK(wrong.missing() == 1);
  CHECK(wrong.unexpected() == 1);
  // the given tables were temporary and are gone: the real tables of those names were never touched
  jaffle::stg_customers c;
  CHECK_THROWS(db.execute(c.select(c.customer_id)).to_vector());
}

namespace duckdb_source_test {
EGRET_TABLE(rates, (category, std::string), (factor, double));
EGRET_TABLE(rated, (category, std::string), (twice, double));
struct rated_node : pl::model<pl::view, rated> {
  static constexpr auto build(rates r) { return r.select(r.category, (r.factor * 2.0).as<"twice">()); }
};
using with_source = pl::pipeline<rated_node, pl::source<rates>>;
}  // namespace duckdb_source_test

TEST_CASE("duckdb pipeline: a source is checked against DuckDB's catalog before anything reads it",
          "[duckdb][pipeline][source]") {
  namespace t = duckdb_source_test;
  egret::duckdb::connection db(egret_test::duckdb_file("pipeline_source"));
  // missing: the run stops at the source, naming it
  pl::run_report const missing = t::with_source::build(db, {.out = nullptr});
  CHECK_FALSE(missing.ok());
  CHECK_THAT(missing.find("rates")->message, Catch::Contains("there is no table or view \"rates\""));
  // the wrong type, then a nullable column for a NOT NULL one
  db.exec("CREATE TABLE rates (category VARCHAR NOT NULL, factor VARCHAR NOT NULL)");
  CHECK_THROWS_WITH(pl::verify_source<t::rates>(db),
                    Catch::Contains("column \"factor\" is VARCHAR in the database, but the pipeline declares it DOUBLE"));
  db.exec("DROP TABLE rates");
  db.exec("CREATE TABLE rates (category VARCHAR, factor FLOAT NOT NULL)");
  CHECK_THROWS_WITH(pl::verify_source<t::rates>(db), Catch::Contains("column \"category\" can be NULL in the database"));
  db.exec("DROP TABLE rates");
  // a narrower float and another case of a name are fine, as DuckDB reads them
  db.exec("CREATE TABLE rates (Category VARCHAR NOT NULL, factor FLOAT NOT NULL)");
  db.exec("INSERT INTO rates VALUES ('tools', 1.5)");
  CHECK_NOTHROW(pl::verify_source<t::rates>(db));
  pl::run_report const r = t::with_source::build(db, {.out = nullptr});
  for (auto const& s : r.steps) INFO(s.name << " " << s.what << ": " << s.message);
  CHECK(r.ok());
  t::rated rd;
  CHECK(db.execute(rd.select(rd.twice)).first()->get<0>() == 3.0);
}

namespace duckdb_source_test {
using with_parquet_source = pl::pipeline<rated_node, pl::source<rates, "rates.parquet">>;
}  // namespace duckdb_source_test

TEST_CASE("duckdb pipeline: a Parquet source is read where it is, through a view, after its schema is checked",
          "[duckdb][pipeline][source][parquet]") {
  namespace t = duckdb_source_test;
  auto const dir = std::filesystem::path(EGRET_DUCKDB_TEST_DIR) / "pipeline_parquet_source";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  egret::duckdb::connection db(egret_test::duckdb_file("pipeline_parquet_source"));
  auto write = [&](std::string const& select) {
    egret::duckdb::connection w(":memory:");
    w.exec("COPY (" + select + ") TO '" + (dir / "rates.parquet").string() + "' (FORMAT PARQUET)");
  };
  write("SELECT 'tools' AS category, 1.5::DOUBLE AS factor UNION ALL SELECT 'toys', 2.0");
  pl::run_report const r = t::with_parquet_source::build(db, {.seeds = dir, .out = nullptr});
  for (auto const& s : r.steps) INFO(s.name << " " << s.what << ": " << s.message);
  REQUIRE(r.ok());
  t::rated rd;
  std::vector<double> twice;
  for (auto const& row : db.execute(rd.select(rd.twice).order_by(rd.category))) twice.push_back(row.get<0>());
  CHECK(twice == std::vector<double>{3.0, 4.0});
  // the file is read where it is: a new file is what the view reads, with no run in between
  write("SELECT 'tools' AS category, 5.0::DOUBLE AS factor");
  CHECK(db.execute(rd.select(rd.twice)).first()->get<0>() == 10.0);
  // a file of another schema stops the run at the source, naming the file and the column
  write("SELECT 'tools' AS category, 'x' AS factor");
  pl::run_report const bad = t::with_parquet_source::build(db, {.seeds = dir, .out = nullptr});
  CHECK_FALSE(bad.ok());
  CHECK_THAT(bad.find("rates")->message, Catch::Contains("rates.parquet:0:2: column \"factor\" is VARCHAR in the file, DOUBLE in rates"));
  CHECK(bad.find("rated")->result == pl::status::skipped);
}
