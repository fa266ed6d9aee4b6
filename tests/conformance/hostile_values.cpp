// Hostile values on every executing backend, through each way a value reaches an engine: bound parameters
// (insert, an equality filter), CSV loads, and the dynamic layer. Each value either round-trips exactly (read
// back byte for byte, and found again by equality, alone) or is refused with an egret error that leaves the table
// as it was. Never a changed value, and never a value that changes what a query means (issue 12: PostgreSQL once
// cut a text at its NUL byte, so `v == "admin\0 OR anything"` matched the "admin" row).
#include <catch2/catch.hpp>

#include <boost/hana/define_struct.hpp>

#include <egret/sqlite/dynamic.hpp>
#include <egret/sqlite/load_csv.hpp>
#ifdef EGRET_CONFORMANCE_POSTGRES
#include <egret/postgres/dynamic.hpp>
#include <egret/postgres/load_csv.hpp>
#endif
#ifdef EGRET_CONFORMANCE_MYSQL
#include <egret/mysql/dynamic.hpp>
#include <egret/mysql/load_csv.hpp>
#endif
#ifdef EGRET_CONFORMANCE_DUCKDB
#include <egret/duckdb/dynamic.hpp>
#endif

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

#include "backends.hpp"
#include "expect.hpp"

namespace {

using namespace conformance;
using namespace egret::literals;

struct entry {
  BOOST_HANA_DEFINE_STRUCT(entry, (std::int64_t, id), (std::string, body));
};
using vault = egret::adopt_table<entry, "vault">;

struct hostile_value {
  std::string label;
  std::string text;
};

std::string big_text() {
  std::string s;
  std::string const unit = "10 MB of 'quotes', \"doubles\", \\backslashes\\, ; -- /* and\r\nlines\t";
  while (s.size() < 10u * 1024u * 1024u) s += unit;
  return s;
}

std::vector<hostile_value> const& values() {
  static std::vector<hostile_value> const v = {
      {"NUL first", std::string("\0admin", 6)},
      {"NUL inside", std::string("admin\0 OR anything", 18)},
      {"NUL alone", std::string("\0", 1)},
      {"invalid UTF-8 (lone 0xFF 0xFE)", "\xFF\xFE not UTF-8"},
      {"invalid UTF-8 (truncated sequence)", "caf\xC3"},
      {"invalid UTF-8 (encoded surrogate)", "\xED\xA0\x80"},
      {"quotes and backslashes", "it's \"quoted\" `back` \\ \\' \\\\"},
      {"SQL text", "x'); DROP TABLE vault; --"},
      {"CR, LF, tab", "line\r\nnext\nlast\r\ttab"},
      {"10 MB", big_text()},
  };
  return v;
}

/// The row 0 ("admin") each test starts from: a value that changed meaning would find it.
template <class Db>
void fresh(Db& db) {
  db.drop_table("vault");
  db.template create_table<vault>();
  db.template insert_struct<vault>(entry{0, "admin"});
}

/// Row ids, in order, of the rows whose body equals `v` (a bound value).
template <class Db>
std::vector<std::int64_t> ids_with(Db& db, std::string const& v) {
  vault const t{};
  std::vector<std::int64_t> out;
  for (auto const& r : db.execute(t.filter(t["body"_c] == v).select(t["id"_c]).order_by(t["id"_c].asc())))
    out.push_back(r.template get<"id">());
  return out;
}

template <class Db>
std::size_t row_count(Db& db) {
  vault const t{};
  return static_cast<std::size_t>(db.execute(t.aggregate(egret::count().as<"n">())).first().value().template get<"n">());
}

/// Checks that value i (stored under id) reads back exactly and is found alone; returns "" or what was wrong.
template <class Db>
std::string round_trip(Db& db, std::int64_t id, std::string const& v) {
  vault const t{};
  auto const back = db.execute(t.filter(t["id"_c] == id).select(t["body"_c])).to_vector();
  if (back.size() != 1) return "the row is not there after a write that succeeded";
  std::string const got(back[0].template get<"body">());
  if (got != v)
    return "read back changed: " + std::to_string(got.size()) + " bytes, written " + std::to_string(v.size());
  if (ids_with(db, v) != std::vector<std::int64_t>{id}) return "an equality filter on the value finds other rows";
  return "";
}

std::string csv_quoted(std::string const& v) {
  std::string out = "\"";
  for (char ch : v) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

}  // namespace

#define HOSTILE_CASE(name) TEMPLATE_TEST_CASE("hostile values: " name, "[hostile]", CONFORMANCE_BACKENDS)

HOSTILE_CASE("bound parameters: exact or refused, never changed") {
  run<TestType>({}, [](auto& db, context& c) {
    int exact = 0, refused = 0;
    std::string refused_list;
    for (std::size_t i = 0; i < values().size(); ++i) {
      auto const& [label, v] = values()[i];
      fresh(db);
      auto const id = static_cast<std::int64_t>(i + 1);
      bool wrote = false;
      try {
        db.template insert_struct<vault>(entry{id, v});
        wrote = true;
      } catch (egret::error const&) {
        ++refused;
        refused_list += (refused_list.empty() ? "" : "; ") + label;
      }
      if (wrote) {
        std::string const why = round_trip(db, id, v);
        c.check(why.empty(), label + ": " + why);
        exact += why.empty() ? 1 : 0;
      } else {
        c.check(row_count(db) == 1, label + ": a refused insert left rows behind");
      }
      // a filter on the value never matches the "admin" row, whether or not the engine stores such text
      try {
        auto const found = ids_with(db, v);
        c.check(found.empty() || found == std::vector<std::int64_t>{id}, label + ": the filter matched another row");
      } catch (egret::error const&) {
      }
    }
    std::printf("hostile values on %s (bound): %d exact, %d refused with an error (%s), of %zu\n",
                std::string(TestType::name).c_str(), exact, refused, refused_list.c_str(), values().size());
  });
}

HOSTILE_CASE("CSV loads: exact or refused with file:line, table unchanged") {
  run<TestType>({}, [](auto& db, context& c) {
    namespace fs = std::filesystem;
    fs::path const file = fs::path(EGRET_TEST_TMP_DIR) /
                          ("hostile." + std::string(TestType::name) + "." + std::to_string(::getpid()) + ".csv");
    int exact = 0, refused = 0;
    std::string refused_list;
    for (std::size_t i = 0; i < values().size(); ++i) {
      auto const& [label, v] = values()[i];
      fresh(db);
      auto const id = static_cast<std::int64_t>(i + 1);
      {
        std::ofstream out(file, std::ios::binary);
        out << "id,body\n" << id << "," << csv_quoted(v) << "\n";
      }
      bool loaded = false;
      try {
        loaded = db.template load_csv<vault>(file.string()) == 1;
      } catch (egret::load_error const& e) {
        ++refused;
        refused_list += (refused_list.empty() ? "" : "; ") + label;
        c.check(e.line() >= 2 && e.file() == file.string(), label + ": the error names no line: " + e.what());
      } catch (egret::error const& e) {
        ++refused;
        c.check(false, label + ": refused without a file:line: " + e.what());
      }
      if (loaded) {
        std::string const why = round_trip(db, id, v);
        c.check(why.empty(), label + ": " + why);
        exact += why.empty() ? 1 : 0;
      } else {
        c.check(row_count(db) == 1, label + ": a failed load left rows behind");
      }
    }
    std::error_code ec;
    fs::remove(file, ec);
    std::printf("hostile values on %s (CSV): %d exact, %d refused with file:line (%s), of %zu\n",
                std::string(TestType::name).c_str(), exact, refused, refused_list.c_str(), values().size());
  });
}

HOSTILE_CASE("dynamic layer: values bound, aliases quoted or refused") {
  run<TestType>({}, [](auto& db, context& c) {
    namespace dyn = egret::dyn;
    vault const t{};
    fresh(db);
    for (std::size_t i = 0; i < values().size(); ++i) {
      auto const& [label, v] = values()[i];
      // a dynamic filter on the value finds nothing (only "admin" is stored), or is refused
      try {
        auto const q = dyn::from(t).where(t["body"_c] == v).select({dyn::column(t["id"_c])});
        std::size_t n = 0;
        for (auto const& r : db.execute(q)) n += r.size() > 0 ? 1 : 0;
        c.check(n == 0, label + ": a dynamic filter on the value matched a row");
      } catch (egret::error const&) {
      }
      // the value as a column alias: read back under exactly that name, or refused
      if (v.size() > 1000) continue;
      try {
        auto const q = dyn::from(t).select({dyn::as(t["id"_c], v)});
        auto const r = db.execute(q).to_vector();
        c.check(r.size() == 1, label + ": the aliased query returned " + std::to_string(r.size()) + " rows");
      } catch (egret::error const&) {
      }
    }
    c.check(row_count(db) == 1, "the table changed");
  });
}

namespace {
struct dated {
  BOOST_HANA_DEFINE_STRUCT(dated, (std::int64_t, id), (egret::date, day), (egret::timestamp, at));
};
using diary = egret::adopt_table<dated, "diary">;
}  // namespace

// Issue 12, failure 4: an impossible date was bound unchecked (SQLite stored "2024-13-45", MariaDB 0000-00-00).
// A date is valid when made; one whose members were changed afterwards is refused when bound, on every backend.
HOSTILE_CASE("an impossible date or time is refused when bound, and nothing is written") {
  run<TestType>({}, [](auto& db, context& c) {
    db.drop_table("diary");
    db.template create_table<diary>();
    diary const t{};
    egret::timestamp const noon{{2024, 1, 2}, 12};
    db.template insert_struct<diary>(dated{1, egret::date{2024, 1, 2}, noon});
    egret::date bad_day{2024, 1, 31};
    bad_day.month = 2;  // 2024-02-31
    egret::timestamp bad_time = noon;
    bad_time.minute = 61;
    int refused = 0;
    for (int i = 0; i < 2; ++i) {
      try {
        if (i == 0)
          db.template insert_struct<diary>(dated{2, bad_day, noon});
        else
          db.template insert_struct<diary>(dated{3, egret::date{2024, 1, 3}, bad_time});
      } catch (egret::type_error const& e) {
        ++refused;
        c.check(std::string(e.what()).find("invalid") != std::string::npos, std::string("message: ") + e.what());
      }
    }
    c.check(refused == 2, "both impossible values were refused");
    try {  // and as a bound filter value
      (void)db.execute(t.filter(t["day"_c] == bad_day).select(t["id"_c])).to_vector();
      c.check(false, "a filter on an impossible date ran");
    } catch (egret::type_error const&) {
    }
    expect(c, fetch(db, t.select(t["id"_c])), want({{1}}));
  });
}
