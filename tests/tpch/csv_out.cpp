// tpch::write_csv, the CSV form of the tpch program's answers: header, RFC 4180 quoting, NULL, dates, doubles.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>

#include <egret/sqlite.hpp>

#include "../../examples/tpch/csv_out.hpp"

namespace {
EGRET_TABLE(answers, (id, std::int64_t), (label, std::string), (amount, double), (day, egret::date),
            (flag, bool), (note, std::optional<std::string>));
}  // namespace

TEST_CASE("tpch csv: header, quoting, NULL, dates and shortest doubles", "[tpch]") {
  egret::sqlite::connection db(":memory:");
  db.create_table<answers>();
  db.insert<answers>(1, "plain", 0.1 + 0.2, egret::date{1998, 9, 2}, true, std::optional<std::string>("x"));
  db.insert<answers>(2, "a, \"quoted\"\nline", 380456.0, egret::date{1992, 1, 1}, false, std::nullopt);
  db.insert<answers>(3, "", -0.05, egret::date{2000, 2, 29}, false, std::optional<std::string>(""));
  answers a;
  std::ostringstream out;
  auto const n = tpch::write_csv(
      out, db.execute(a.select(a.id, a.label.as<"label, text">(), a.amount, a.day, a.flag, a.note).order_by(a.id)));
  CHECK(n == 3);
  CHECK(out.str() ==
        "id,\"label, text\",amount,day,flag,note\n"
        "1,plain,0.30000000000000004,1998-09-02,true,x\n"
        "2,\"a, \"\"quoted\"\"\nline\",380456,1992-01-01,false,\n"
        "3,\"\",-0.05,2000-02-29,false,\"\"\n");
}

TEST_CASE("tpch csv: an empty result is its header alone", "[tpch]") {
  egret::sqlite::connection db(":memory:");
  db.create_table<answers>();
  answers a;
  std::ostringstream out;
  CHECK(tpch::write_csv(out, db.execute(a.select(a.id, a.label))) == 0);
  CHECK(out.str() == "id,label\n");
}
