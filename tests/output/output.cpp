// egret/output: print_table, write_csv / to_csv, for_each_field, and the fmt formatters, on real SQLite rows.
#include <catch2/catch.hpp>

#include <boost/hana/define_struct.hpp>

#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <egret/output.hpp>
#include <egret/output/fmt.hpp>
#include <egret/sqlite.hpp>

namespace {
EGRET_TABLE(sale, (id, std::int64_t), (label, std::string), (amount, double), (day, egret::date), (flag, bool),
            (note, std::optional<std::string>), (qty, std::optional<std::int32_t>));

void fill(egret::sqlite::connection& db) {
  db.create_table<sale>();
  db.insert<sale>(1, "plain", 0.1 + 0.2, egret::date{1998, 9, 2}, true, std::optional<std::string>("x"),
                  std::optional<std::int32_t>(7));
  db.insert<sale>(2, "a, \"quoted\"\nline", 380456.0, egret::date{1992, 1, 1}, false, std::nullopt, std::nullopt);
  db.insert<sale>(3, "", -0.05, egret::date{2000, 2, 29}, false, std::optional<std::string>(""),
                  std::optional<std::int32_t>(-12));
}

struct sale_struct {
  BOOST_HANA_DEFINE_STRUCT(sale_struct, (std::int64_t, id), (std::string, label), (std::optional<std::string>, note));
};
}  // namespace

TEST_CASE("write_csv: header, RFC 4180 quoting, NULL as empty, \"\" for empty text, shortest doubles", "[output]") {
  egret::sqlite::connection db(":memory:");
  fill(db);
  sale s;
  std::ostringstream out;
  auto const n = egret::write_csv(out, db.execute(s.select(s.id, s.label.as<"label, text">(), s.amount, s.day, s.flag,
                                                           s.note, s.qty)
                                                      .order_by(s.id)));
  CHECK(n == 3);
  CHECK(out.str() ==
        "id,\"label, text\",amount,day,flag,note,qty\n"
        "1,plain,0.30000000000000004,1998-09-02,true,x,7\n"
        "2,\"a, \"\"quoted\"\"\nline\",380456,1992-01-01,false,,\n"
        "3,\"\",-0.05,2000-02-29,false,\"\",-12\n");
}

TEST_CASE("write_csv: delimiter, CRLF, no header, an empty result is its header", "[output]") {
  egret::sqlite::connection db(":memory:");
  fill(db);
  sale s;
  CHECK(egret::to_csv(db.execute(s.select(s.id, s.label).order_by(s.id)),
                      {.delimiter = ';', .header = false, .newline = "\r\n"}) ==
        "1;plain\r\n2;\"a, \"\"quoted\"\"\nline\"\r\n3;\"\"\r\n");
  CHECK(egret::to_csv(db.execute(s.filter(s.id > 100).select(s.id, s.label))) == "id,label\n");
}

TEST_CASE("write_csv: owning rows and Hana structs", "[output]") {
  egret::sqlite::connection db(":memory:");
  fill(db);
  sale s;
  auto const q = s.select(s.id, s.label, s.note).order_by(s.id);
  auto const rows = db.execute(q).to_vector();
  std::string const expected = "id,label,note\n1,plain,x\n2,\"a, \"\"quoted\"\"\nline\",\n3,\"\",\"\"\n";
  CHECK(egret::to_csv(rows) == expected);
  CHECK(egret::to_csv(db.fetch_as<sale_struct>(q)) == expected);
}

TEST_CASE("print_table: names, SQL types, numbers right-aligned, NULL, row count", "[output]") {
  egret::sqlite::connection db(":memory:");
  fill(db);
  sale s;
  std::string const t = egret::format_table(db.execute(s.select(s.id, s.amount, s.note, s.qty).order_by(s.id)));
  CHECK(t ==
        "┌────────┬─────────────────────┬──────┬─────────┐\n"
        "│   id   │       amount        │ note │   qty   │\n"
        "│ BIGINT │       DOUBLE        │ TEXT │ INTEGER │\n"
        "├────────┼─────────────────────┼──────┼─────────┤\n"
        "│      1 │ 0.30000000000000004 │ x    │       7 │\n"
        "│      2 │            380456.0 │ NULL │    NULL │\n"
        "│      3 │               -0.05 │      │     -12 │\n"
        "└────────┴─────────────────────┴──────┴─────────┘\n"
        "3 rows\n");
}

TEST_CASE("print_table: long values cut with an ellipsis, line breaks shown, middle rows elided", "[output]") {
  egret::sqlite::connection db(":memory:");
  fill(db);
  sale s;
  std::string const t =
      egret::format_table(db.execute(s.select(s.label).order_by(s.id)), {.max_width = 8, .types = false});
  CHECK(t ==
        "┌──────────┐\n"
        "│  label   │\n"
        "├──────────┤\n"
        "│ plain    │\n"
        "│ a, \"quo… │\n"
        "│          │\n"
        "└──────────┘\n"
        "3 rows\n");

  db.exec("WITH RECURSIVE n(i) AS (SELECT 4 UNION ALL SELECT i + 1 FROM n WHERE i < 100) "
          "INSERT INTO sale SELECT i, 'r' || i, i, '2020-01-01', 0, NULL, NULL FROM n");
  std::string const many = egret::format_table(db.execute(s.select(s.id).order_by(s.id)), {.max_rows = 4});
  CHECK(many ==
        "┌────────┐\n"
        "│   id   │\n"
        "│ BIGINT │\n"
        "├────────┤\n"
        "│      1 │\n"
        "│      2 │\n"
        "│   ·    │\n"
        "│     99 │\n"
        "│    100 │\n"
        "└────────┘\n"
        "100 rows (4 shown)\n");
  std::string const odd = egret::format_table(db.execute(s.select(s.id).order_by(s.id)), {.max_rows = 3, .types = false});
  CHECK(odd.find("│   1 │\n│   2 │\n│  ·  │\n│ 100 │\n") != std::string::npos);
  CHECK(odd.ends_with("100 rows (3 shown)\n"));
}

TEST_CASE("for_each_field: names and typed values, NULL as an empty optional", "[output]") {
  egret::sqlite::connection db(":memory:");
  fill(db);
  sale s;
  std::string seen;
  for (auto const& r : db.execute(s.filter(s.id == 2).select(s.id, s.label, s.note))) {
    egret::for_each_field(r, [&](std::string_view name, auto const& v) {
      using V = std::remove_cvref_t<decltype(v)>;
      seen += std::string(name) + "=";
      if constexpr (std::is_same_v<V, std::int64_t>)
        seen += std::to_string(v);
      else if constexpr (std::is_same_v<V, std::string_view>)
        seen += std::string(v.substr(0, 1));
      else if constexpr (std::is_same_v<V, std::optional<std::string_view>>)
        seen += v ? "value" : "null";
      seen += ";";
    });
  }
  CHECK(seen == "id=2;label=a;note=null;");
  using shape = egret::row_shape<egret::row_t<decltype(s.select(s.id, s.note))>>;
  STATIC_REQUIRE(shape::names[1] == "note");
  STATIC_REQUIRE(shape::types[0] == "BIGINT");
  STATIC_REQUIRE(shape::nullable[1]);
  STATIC_REQUIRE(!shape::nullable[0]);
}

TEST_CASE("fmt: rows print as {name: value}, optionals as the value or NULL", "[output]") {
  egret::sqlite::connection db(":memory:");
  fill(db);
  sale s;
  std::vector<std::string> lines;
  for (auto const& r : db.execute(s.select(s.id, s.label, s.amount, s.day, s.note).order_by(s.id)))
    lines.push_back(fmt::format("{}", r));
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == R"({id: 1, label: "plain", amount: 0.30000000000000004, day: 1998-09-02, note: "x"})");
  CHECK(lines[1] == R"({id: 2, label: "a, \"quoted\")" "\n" R"(line", amount: 380456, day: 1992-01-01, note: NULL})");
  auto const first = db.execute(s.filter(s.id == 1).select(s.note, s.qty)).first();
  REQUIRE(first);
  CHECK(fmt::format("{}|{:>4}", first->get<"note">(), first->get<"qty">()) == "x|   7");
  std::optional<double> none;
  CHECK(fmt::format("{:.2f}/{}", std::optional<double>(2.5), none) == "2.50/NULL");
}
