// libFuzzer harness: the dynamic layer (include/egret/dynamic/*, include/egret/sqlite/dynamic.hpp).
//
// The input is decoded (FuzzedDataProvider) into a dynamic query over a small table with known rows: 0-3
// where() calls of predicate trees (comparisons, IS NULL, IN lists of 0-6 elements, arithmetic, text
// concatenation, COALESCE, AND / OR / NOT, empty dyn::expr<bool>), a select list (SELECT *, a static one, or
// one chosen at run time: column_named() with fuzzed names, dyn::as() with fuzzed aliases -- quotes, NULs,
// invalid UTF-8, placeholders, SQL), ORDER BY keys with run-time directions, LIMIT / OFFSET, DISTINCT. The same
// query is evaluated by a C++ model over the same rows (three-valued logic, SQLite's NULL ordering and BINARY
// collation). Checked, for every input:
//  * the SQL's shape, for SQLite and PostgreSQL: one placeholder per run-time value (counted in the text outside
//    quotes, by sqlite3_bind_parameter_count, and by the harness as it built the query), the bound values those
//    the harness used in text order, $1..$n numbered in order; no string literal; outside double quotes only SQL
//    keywords, punctuation and numbers; every double-quoted identifier a column of the table or an alias the
//    harness gave (so no user text is ever spliced unquoted);
//  * the rows SQLite returns are the model's, in order (as a set for DISTINCT), with the result columns named by
//    the aliases and typed as the model says;
//  * a fuzzed name column_named() does not know is an egret::error naming it; nothing else throws.
#include <fuzzer/FuzzedDataProvider.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <egret/dynamic.hpp>
#include <egret/sqlite.hpp>
#include <egret/sqlite/dynamic.hpp>

#include "fuzz/check.hpp"

#ifndef EGRET_FUZZ_STRICT
#define EGRET_FUZZ_STRICT 0  // 1: known findings fail too (cmake -DEGRET_FUZZ_STRICT=ON)
#endif

namespace {

namespace dyn = egret::dyn;
using dyn::datum;

EGRET_TABLE(fz_items, (id, std::int64_t), (name, std::string), (price, double), (tag, std::optional<std::string>),
            (qty, std::optional<std::int64_t>));
constexpr fz_items t{};
constexpr std::string_view column_names[] = {"id", "name", "price", "tag", "qty"};

struct model_row {
  std::int64_t id;
  std::string name;
  double price;
  std::optional<std::string> tag;
  std::optional<std::int64_t> qty;
};

// Text that a careless renderer would break on: quotes of every dialect, placeholders, comments, NUL,
// invalid UTF-8, an injection attempt, the empty string.
std::vector<model_row> const rows = {
    {1, "apple", 1.5, "fruit", 3},
    {2, "", 0.0, std::nullopt, std::nullopt},
    {3, "o'brien \"q\" `b` [s]", -2.25, "it's", 0},
    {4, "x' OR '1'='1", 1e300, "?", -7},
    {5, std::string("nul\0byte", 8), 7.0, std::string("\0", 1), 12},
    {6, "\xC3\xA9t\xC3\xA9 \xFF\xFE", 7.0, "$1", std::nullopt},
    {7, "apple", -0.0, "fruit", 3},
    {8, "-- comment /* c */ ;", 123456.789, "", 9},
};

egret::sqlite::connection& database() {
  static egret::sqlite::connection db(":memory:");
  static bool const filled = [] {
    db.create_table<fz_items>();
    for (auto const& r : rows) db.insert<fz_items>(r.id, r.name, r.price, r.tag, r.qty);
    return true;
  }();
  (void)filled;
  return db;
}

// ---- the model: three-valued logic ----
using tv = std::optional<bool>;  // nullopt is UNKNOWN
tv tv_and(tv a, tv b) {
  if (a == false || b == false) return false;
  if (!a || !b) return std::nullopt;
  return true;
}
tv tv_or(tv a, tv b) {
  if (a == true || b == true) return true;
  if (!a || !b) return std::nullopt;
  return false;
}
tv tv_not(tv a) { return a ? tv(!*a) : std::nullopt; }

enum class cmp { eq, ne, lt, le, gt, ge };
template <class T>
bool compare(cmp op, T const& a, T const& b) {
  switch (op) {
    case cmp::eq: return a == b;
    case cmp::ne: return a != b;
    case cmp::lt: return a < b;
    case cmp::le: return a <= b;
    case cmp::gt: return a > b;
    default: return a >= b;
  }
}
template <class X, class V>
dyn::expr<bool> make_cmp(cmp op, X const& x, V const& v) {
  switch (op) {
    case cmp::eq: return x == v;
    case cmp::ne: return x != v;
    case cmp::lt: return x < v;
    case cmp::le: return x <= v;
    case cmp::gt: return x > v;
    default: return x >= v;
  }
}

// A predicate: the query's piece, the model's, and the values it binds in text order.
struct pred {
  dyn::expr<bool> e;  // empty: no condition
  std::function<tv(model_row const&)> eval;
  std::vector<datum> values;
  bool empty() const { return e.empty(); }
};

struct decoder {
  FuzzedDataProvider& in;

  cmp op() { return static_cast<cmp>(in.ConsumeIntegralInRange<int>(0, 5)); }
  std::int64_t small_int() {
    if (in.ConsumeIntegralInRange<int>(0, 15) == 0) return in.ConsumeIntegral<std::int64_t>();
    return in.ConsumeIntegralInRange<std::int64_t>(-3, 13);
  }
  double some_double() {
    switch (in.ConsumeIntegralInRange<int>(0, 7)) {
      case 0: return std::numeric_limits<double>::infinity();
      case 1: return -std::numeric_limits<double>::max();
      case 2: return in.ConsumeFloatingPointInRange<double>(-1e301, 1e301);
      default: return static_cast<double>(in.ConsumeIntegralInRange<int>(-40, 40)) / 4.0;
    }
  }
  std::string some_text() {
    if (in.ConsumeBool()) return rows[in.ConsumeIntegralInRange<std::size_t>(0, rows.size() - 1)].name;
    return in.ConsumeRandomLengthString(16);
  }
  std::string some_tag() {
    if (in.ConsumeBool()) {
      auto const& r = rows[in.ConsumeIntegralInRange<std::size_t>(0, rows.size() - 1)];
      if (r.tag) return *r.tag;
    }
    return in.ConsumeRandomLengthString(8);
  }
  // A run-time name: a hostile one from the list, or fuzzed bytes.
  std::string name() {
    static std::vector<std::string> const hostile = {
        "\"", "\"\"", "a\"b", "x\" FROM fz_items; --", "'", "?", "?1", "$1", ":p", "@p", "`", "]", "\\",
        "id", "name", "select", "\xC3\xA9", "\xFF\xFE", " ", "", "a\nb", std::string("n\0l", 3), "\"id\"", "fz_items"};
    if (in.ConsumeBool()) return hostile[in.ConsumeIntegralInRange<std::size_t>(0, hostile.size() - 1)];
    return in.ConsumeRandomLengthString(12);
  }

  pred atom() {
    switch (in.ConsumeIntegralInRange<int>(0, 15)) {
      case 0: {
        auto const o = op();
        auto const v = small_int();
        return {make_cmp(o, t.id, v), [=](model_row const& r) -> tv { return compare(o, r.id, v); }, {datum{v}}};
      }
      case 1: {
        auto const o = op();
        auto const v = some_double();
        return {make_cmp(o, t.price, v), [=](model_row const& r) -> tv { return compare(o, r.price, v); },
                {datum{v}}};
      }
      case 2: {
        auto const o = op();
        auto const v = some_text();
        return {make_cmp(o, t.name, v), [=](model_row const& r) -> tv { return compare(o, r.name, v); }, {datum{v}}};
      }
      case 3: {
        auto const o = op();
        auto const v = some_tag();
        return {make_cmp(o, t.tag, v),
                [=](model_row const& r) -> tv { return r.tag ? tv(compare(o, *r.tag, v)) : std::nullopt; },
                {datum{v}}};
      }
      case 4: return {t.tag.is_null(), [](model_row const& r) -> tv { return !r.tag; }, {}};
      case 5: return {t.qty.is_not_null(), [](model_row const& r) -> tv { return r.qty.has_value(); }, {}};
      case 6: {
        auto const o = op();
        auto const v = small_int();
        return {make_cmp(o, t.qty, v),
                [=](model_row const& r) -> tv { return r.qty ? tv(compare(o, *r.qty, v)) : std::nullopt; },
                {datum{v}}};
      }
      case 7: {
        std::vector<std::int64_t> list(in.ConsumeIntegralInRange<std::size_t>(0, 6));
        for (auto& x : list) x = small_int();
        std::vector<datum> vals(list.begin(), list.end());
        return {dyn::isin(t.id, list),
                [=](model_row const& r) -> tv { return std::find(list.begin(), list.end(), r.id) != list.end(); },
                vals};
      }
      case 8: {
        std::vector<std::string> list(in.ConsumeIntegralInRange<std::size_t>(0, 6));
        for (auto& x : list) x = some_text();
        std::vector<datum> vals(list.begin(), list.end());
        return {dyn::isin(t.name, list),
                [=](model_row const& r) -> tv { return std::find(list.begin(), list.end(), r.name) != list.end(); },
                vals};
      }
      case 9: {
        std::vector<std::string> list(in.ConsumeIntegralInRange<std::size_t>(0, 6));
        for (auto& x : list) x = some_tag();
        std::vector<datum> vals(list.begin(), list.end());
        return {dyn::isin(t.tag, list),
                [=](model_row const& r) -> tv {
                  if (list.empty()) return false;  // rendered 1 = 0: FALSE even for a NULL tag
                  if (!r.tag) return std::nullopt;
                  return std::find(list.begin(), list.end(), *r.tag) != list.end();
                },
                vals};
      }
      case 10: {  // (id + k) op v
        auto const k = in.ConsumeIntegralInRange<std::int64_t>(-1000, 1000);
        auto const o = op();
        auto const v = in.ConsumeIntegralInRange<std::int64_t>(-1000, 1000);
        return {make_cmp(o, t.id + k, v), [=](model_row const& r) -> tv { return compare(o, r.id + k, v); },
                {datum{k}, datum{v}}};
      }
      case 11: {  // price * k op v
        auto const k = static_cast<double>(in.ConsumeIntegralInRange<int>(-8, 8)) / 2.0;
        auto const o = op();
        auto const v = some_double();
        return {make_cmp(o, t.price * k, v), [=](model_row const& r) -> tv { return compare(o, r.price * k, v); },
                {datum{k}, datum{v}}};
      }
      case 12: {  // name || s op v
        auto const s = in.ConsumeRandomLengthString(6);
        auto const o = op();
        auto const v = some_text();
        return {make_cmp(o, t.name + s, v), [=](model_row const& r) -> tv { return compare(o, r.name + s, v); },
                {datum{s}, datum{v}}};
      }
      case 14: {  // dyn::column_named<fz_items, std::int64_t>(name) op v: the typed, checked lookup
        std::string const n = in.ConsumeBool() ? std::string(column_names[in.ConsumeIntegralInRange<int>(0, 4)])
                                               : name();
        auto const o = op();
        auto const v = small_int();
        if (n != "id" && n != "qty") {
          try {
            (void)dyn::column_named<fz_items, std::int64_t>(n);
          } catch (egret::error const& e) {
            std::string const what = e.what();
            bool const known = std::find(std::begin(column_names), std::end(column_names), n) != std::end(column_names);
            EGRET_FUZZ_CHECK(what.find(known ? "is " : "no column") != std::string::npos,
                             "column_named<T>'s error says neither the type nor the name: " + what);
            return {};
          }
          EGRET_FUZZ_FAIL("column_named<fz_items, std::int64_t>(\"" + n + "\") did not throw");
        }
        bool const is_id = n == "id";
        return {make_cmp(o, dyn::column_named<fz_items, std::int64_t>(n), v),
                [=](model_row const& r) -> tv {
                  if (is_id) return compare(o, r.id, v);
                  return r.qty ? tv(compare(o, *r.qty, v)) : std::nullopt;
                },
                {datum{v}}};
      }
      default: {  // coalesce(qty, k) op v
        auto const k = small_int();
        auto const o = op();
        auto const v = small_int();
        return {make_cmp(o, egret::coalesce(t.qty, k), v),
                [=](model_row const& r) -> tv { return compare(o, r.qty.value_or(k), v); }, {datum{k}, datum{v}}};
      }
    }
  }

  pred tree(int depth) {
    int const kind = depth <= 0 ? 0 : in.ConsumeIntegralInRange<int>(0, 4);
    switch (kind) {
      case 1:
      case 2: {
        pred a = tree(depth - 1);
        pred b = tree(depth - 1);
        bool const is_or = kind == 2;
        pred out;
        out.e = is_or ? (a.e || b.e) : (a.e && b.e);
        if (a.empty())
          out.eval = b.eval;
        else if (b.empty())
          out.eval = a.eval;
        else
          out.eval = [is_or, fa = a.eval, fb = b.eval](model_row const& r) {
            return is_or ? tv_or(fa(r), fb(r)) : tv_and(fa(r), fb(r));
          };
        out.values = a.values;
        out.values.insert(out.values.end(), b.values.begin(), b.values.end());
        return out;
      }
      case 3: {
        pred a = tree(depth - 1);
        if (a.empty()) return a;
        return {dyn::expr<bool>(!a.e), [f = a.eval](model_row const& r) { return tv_not(f(r)); }, a.values};
      }
      case 4:
        if (in.ConsumeIntegralInRange<int>(0, 3) == 0) return {};  // an empty dyn::expr<bool>
        [[fallthrough]];
      default: return atom();
    }
  }
};

// ---- select items ----
struct item {
  dyn::column col;
  std::string name;  // the result column's name
  dyn::sql_type_id type;
  std::function<datum(model_row const&)> eval;
  std::vector<datum> values;
  std::optional<std::string> alias;  // a name the harness chose (must appear quoted in the SQL)
};

datum opt_datum(std::optional<std::string> const& x) { return x ? datum{*x} : datum{}; }
datum opt_datum(std::optional<std::int64_t> const& x) { return x ? datum{*x} : datum{}; }

datum column_value(model_row const& r, std::size_t i) {
  switch (i) {
    case 0: return r.id;
    case 1: return r.name;
    case 2: return r.price;
    case 3: return opt_datum(r.tag);
    default: return opt_datum(r.qty);
  }
}
constexpr dyn::sql_type_id column_types[] = {dyn::sql_type_id::bigint, dyn::sql_type_id::text,
                                             dyn::sql_type_id::double_precision, dyn::sql_type_id::text,
                                             dyn::sql_type_id::bigint};

// One select item, or nullopt when the decoder asked column_named() for a name the table lacks (checked: an
// egret::error naming it).
std::optional<item> select_item(decoder& d) {
  auto& in = d.in;
  switch (in.ConsumeIntegralInRange<int>(0, 7)) {
    case 0: {
      std::string const n = in.ConsumeBool() ? std::string(column_names[in.ConsumeIntegralInRange<int>(0, 4)])
                                             : d.name();
      auto const at = std::find(std::begin(column_names), std::end(column_names), n);
      if (at == std::end(column_names)) {
        try {
          (void)dyn::column_named<fz_items>(n);
        } catch (egret::error const& e) {
          std::string const what = e.what();
          // what() is a C string: a name with a NUL is shown up to it (the message does not escape names).
          std::string const shown = n.substr(0, n.find('\0'));
          EGRET_FUZZ_CHECK(what.find("no column \"" + shown) != std::string::npos,
                           "column_named's error does not name the column: " + what);
          return std::nullopt;
        }
        EGRET_FUZZ_FAIL("column_named found a column the table does not have");
      }
      auto const i = static_cast<std::size_t>(at - std::begin(column_names));
      return item{dyn::column_named<fz_items>(n), n, column_types[i],
                  [i](model_row const& r) { return column_value(r, i); }, {}, std::nullopt};
    }
    case 1: {
      auto const k = in.ConsumeIntegralInRange<std::int64_t>(-1000, 1000);
      auto const a = d.name();
      return item{dyn::as(t.id * k, a), a, dyn::sql_type_id::bigint,
                  [k](model_row const& r) { return datum{r.id * k}; }, {datum{k}}, a};
    }
    case 2: {
      auto const k = static_cast<double>(in.ConsumeIntegralInRange<int>(-100, 100)) / 8.0;
      auto const a = d.name();
      return item{dyn::as(t.price + k, a), a, dyn::sql_type_id::double_precision,
                  [k](model_row const& r) { return datum{r.price + k}; }, {datum{k}}, a};
    }
    case 3: {
      auto const s = in.ConsumeRandomLengthString(6);
      auto const a = d.name();
      return item{dyn::as(t.name + s, a), a, dyn::sql_type_id::text,
                  [s](model_row const& r) { return datum{r.name + s}; }, {datum{s}}, a};
    }
    case 4: {
      auto const s = d.some_tag();
      auto const a = d.name();
      return item{dyn::as(egret::coalesce(t.tag, s), a), a, dyn::sql_type_id::text,
                  [s](model_row const& r) { return datum{r.tag.value_or(s)}; }, {datum{s}}, a};
    }
    case 5: {
      auto const a = d.name();
      return item{dyn::as(t.qty, a), a, dyn::sql_type_id::bigint, [](model_row const& r) { return opt_datum(r.qty); },
                  {}, a};
    }
    case 6: {  // a looked-up column under a run-time name (renamed: AS "<name>" unless it keeps its own)
      auto const i = in.ConsumeIntegralInRange<std::size_t>(0, 4);
      auto const a = d.name();
      return item{dyn::column_named<fz_items>(column_names[i]).renamed(a), a, column_types[i],
                  [i](model_row const& r) { return column_value(r, i); }, {}, a};
    }
    default:
      return item{dyn::column(t.name), "name", dyn::sql_type_id::text, [](model_row const& r) { return datum{r.name}; },
                  {}, std::nullopt};
  }
}

// ---- sort keys: SQLite's order (NULLs first ascending; BINARY collation is memcmp, as std::string's) ----
struct key {
  std::size_t column;
  bool descending;
};
int compare_datum(datum const& a, datum const& b) {
  bool const an = a.index() == 0, bn = b.index() == 0;
  if (an || bn) return an == bn ? 0 : an ? -1 : 1;
  if (a < b) return -1;
  if (b < a) return 1;
  return 0;
}

// ---- the SQL's shape ----
// Splits the text into what lies outside quotes (checked against a vocabulary) and the double-quoted
// identifiers (decoded); a '...' literal, an unterminated quote or an unknown word is a finding.
struct shape {
  std::size_t question_marks = 0;
  std::vector<std::size_t> dollar_numbers;
  std::vector<std::string> identifiers;
};
shape scan(std::string const& sql) {
  static std::set<std::string, std::less<>> const words = {
      "SELECT", "DISTINCT", "FROM", "WHERE", "AND", "OR", "NOT", "IN", "IS", "NULL", "ORDER", "BY", "ASC", "DESC",
      "LIMIT", "OFFSET", "AS", "COALESCE"};
  shape out;
  std::size_t i = 0;
  while (i < sql.size()) {
    char const c = sql[i];
    if (c == '"') {
      std::string id;
      ++i;
      for (;;) {
        EGRET_FUZZ_CHECK(i < sql.size(), "unterminated quoted identifier in: " + sql);
        if (sql[i] == '"') {
          if (i + 1 < sql.size() && sql[i + 1] == '"') {
            id += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        id += sql[i++];
      }
      out.identifiers.push_back(std::move(id));
    } else if (c == '\'') {
      EGRET_FUZZ_FAIL("a string literal in the SQL of a query whose values are all bound: " + sql);
    } else if (c == '?') {
      ++out.question_marks;
      ++i;
      EGRET_FUZZ_CHECK(i == sql.size() || !std::isdigit(static_cast<unsigned char>(sql[i])), "?NNN in " + sql);
    } else if (c == '$') {
      std::size_t j = ++i;
      while (j < sql.size() && std::isdigit(static_cast<unsigned char>(sql[j]))) ++j;
      EGRET_FUZZ_CHECK(j > i, "a lone $ in " + sql);
      out.dollar_numbers.push_back(std::stoul(sql.substr(i, j - i)));
      i = j;
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      std::size_t j = i;
      while (j < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[j])) || sql[j] == '_')) ++j;
      std::string const w = sql.substr(i, j - i);
      EGRET_FUZZ_CHECK(words.count(w) != 0, "unquoted word \"" + w + "\" in: " + sql);
      i = j;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      while (i < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i]))) ++i;
    } else {
      EGRET_FUZZ_CHECK(std::string_view(" ,()=<>!+-*/|.").find(c) != std::string_view::npos,
                       std::string("unexpected character '") + c + "' outside quotes in: " + sql);
      ++i;
    }
  }
  return out;
}

void check_shape(dyn::rendered const& r, std::vector<datum> const& expect_values,
                 std::vector<std::string> const& aliases, bool postgres) {
  shape const s = scan(r.sql);
  EGRET_FUZZ_CHECK(r.values.size() == expect_values.size(),
                   "the query binds " + std::to_string(r.values.size()) + " values, the harness gave " +
                       std::to_string(expect_values.size()) + ": " + r.sql);
  for (std::size_t i = 0; i < r.values.size(); ++i)
    EGRET_FUZZ_CHECK(r.values[i] == expect_values[i] ||
                         (std::holds_alternative<double>(r.values[i]) &&
                          std::holds_alternative<double>(expect_values[i]) &&
                          std::isnan(std::get<double>(r.values[i])) && std::isnan(std::get<double>(expect_values[i]))),
                     "bound value " + std::to_string(i + 1) + " is not the one the harness gave, in: " + r.sql);
  if (postgres) {
    EGRET_FUZZ_CHECK(s.question_marks == 0, "? in PostgreSQL SQL: " + r.sql);
    EGRET_FUZZ_CHECK(s.dollar_numbers.size() == expect_values.size(), "$n count differs from the values: " + r.sql);
    for (std::size_t i = 0; i < s.dollar_numbers.size(); ++i)
      EGRET_FUZZ_CHECK(s.dollar_numbers[i] == i + 1, "placeholders not numbered $1..$n in order: " + r.sql);
  } else {
    EGRET_FUZZ_CHECK(s.dollar_numbers.empty(), "$n in SQLite SQL: " + r.sql);
    EGRET_FUZZ_CHECK(s.question_marks == expect_values.size(),
                     std::to_string(s.question_marks) + " placeholders for " + std::to_string(expect_values.size()) +
                         " values: " + r.sql);
  }
  std::multiset<std::string> unused(aliases.begin(), aliases.end());
  for (auto const& id : s.identifiers) {
    if (auto const it = unused.find(id); it != unused.end()) {
      unused.erase(it);
      continue;
    }
    bool const known = id == "fz_items" || std::find(std::begin(column_names), std::end(column_names), id) !=
                                               std::end(column_names);
    bool const alias = std::find(aliases.begin(), aliases.end(), id) != aliases.end();
    EGRET_FUZZ_CHECK(known || alias, "quoted identifier \"" + id + "\" is neither a column nor an alias: " + r.sql);
  }
  EGRET_FUZZ_CHECK(unused.empty(), "alias \"" + *unused.begin() + "\" does not appear quoted in: " + r.sql);
}

std::string show(datum const& d) {
  return std::visit(
      [](auto const& x) -> std::string {
        using X = std::remove_cvref_t<decltype(x)>;
        if constexpr (std::is_same_v<X, std::monostate>)
          return "NULL";
        else if constexpr (std::is_same_v<X, std::string>)
          return "'" + x + "'";
        else if constexpr (std::is_arithmetic_v<X>)
          return std::to_string(x);
        else
          return "?";
      },
      d);
}
std::string show(std::vector<std::vector<datum>> const& rs) {
  std::string out;
  for (auto const& r : rs) {
    out += "\n  (";
    for (auto const& d : r) out += show(d) + ", ";
    out += ")";
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  FuzzedDataProvider in(data, size);
  decoder d{in};
  auto& db = database();

  // The select list: 0 SELECT *, 1 a static one (typed rows), 2 one chosen at run time.
  int const mode = in.ConsumeIntegralInRange<int>(0, 2);
  std::vector<item> items;
  if (mode == 2) {
    std::size_t const n = in.ConsumeIntegralInRange<std::size_t>(1, 6);
    for (std::size_t i = 0; i < n; ++i) {
      try {
        if (auto it = select_item(d)) items.push_back(std::move(*it));
      } catch (egret::error const& e) {
        // dyn::as() / renamed() refuse an empty name and one holding a NUL (regressions/dynamic/
        // empty_alias_dropped, alias_with_nul): nothing else may throw while the list is built.
        std::string const what = e.what();
        EGRET_FUZZ_CHECK(what.find("a column name cannot") != std::string::npos, "a select item threw: " + what);
      }
    }
    if (items.empty()) return 0;
  }
  std::vector<pred> filters(in.ConsumeIntegralInRange<std::size_t>(0, 3));
  for (auto& f : filters) f = d.tree(in.ConsumeIntegralInRange<int>(0, 4));
  std::vector<key> keys(in.ConsumeIntegralInRange<std::size_t>(0, 3));
  for (auto& k : keys) k = {in.ConsumeIntegralInRange<std::size_t>(0, 4), in.ConsumeBool()};
  bool const distinct = mode == 2 && in.ConsumeIntegralInRange<int>(0, 3) == 0;
  std::optional<std::int64_t> limit, offset;
  if (!distinct && in.ConsumeBool()) {
    limit = in.ConsumeIntegralInRange<std::int64_t>(0, 10);
    if (in.ConsumeBool()) offset = in.ConsumeIntegralInRange<std::int64_t>(0, 10);
  }

  // The model: filter, sort (the keys, then id: a total order), slice, project.
  std::vector<model_row const*> kept;
  for (auto const& r : rows) {
    tv ok = true;
    for (auto const& f : filters)
      if (!f.empty()) ok = tv_and(ok, f.eval(r));
    if (ok == true) kept.push_back(&r);
  }
  std::stable_sort(kept.begin(), kept.end(), [&](model_row const* a, model_row const* b) {
    for (auto const& k : keys) {
      int const c = compare_datum(column_value(*a, k.column), column_value(*b, k.column));
      if (c != 0) return k.descending ? c > 0 : c < 0;
    }
    return a->id < b->id;
  });
  if (limit) {
    std::size_t const from = std::min<std::size_t>(kept.size(), static_cast<std::size_t>(offset.value_or(0)));
    std::size_t const to = std::min<std::size_t>(kept.size(), from + static_cast<std::size_t>(*limit));
    kept = std::vector<model_row const*>(kept.begin() + static_cast<std::ptrdiff_t>(from),
                                         kept.begin() + static_cast<std::ptrdiff_t>(to));
  }

  // The query, and the values it must bind in text order: select items, filters, LIMIT / OFFSET.
  auto q = dyn::from(t);
  std::vector<datum> values;
  std::vector<std::string> aliases;
  std::vector<dyn::column> cols;
  for (auto const& it : items) {
    cols.push_back(it.col);
    values.insert(values.end(), it.values.begin(), it.values.end());
    if (it.alias) aliases.push_back(*it.alias);
  }
  for (auto const& f : filters) {
    q.where(f.e);
    values.insert(values.end(), f.values.begin(), f.values.end());
  }
  auto const key_expr = [&](key const& k) -> dyn::sort_key {
    switch (k.column) {
      case 0: return dyn::order(t.id, k.descending);
      case 1: return dyn::order(t.name, k.descending);
      case 2: return dyn::order(t.price, k.descending);
      case 3: return dyn::order(t.tag, k.descending);
      default: return dyn::order(t.qty, k.descending);
    }
  };
  for (auto const& k : keys) q.order_by(key_expr(k));
  q.order_by(t.id);
  if (limit) {
    values.push_back(*limit);
    if (offset) {
      q.limit(*limit, *offset);
      values.push_back(*offset);
    } else {
      q.limit(*limit);
    }
  }
  if (distinct) q.distinct();

  std::vector<std::vector<datum>> expect;
  for (auto const* r : kept) {
    std::vector<datum> out;
    if (mode == 0) {
      for (std::size_t i = 0; i < 5; ++i) out.push_back(column_value(*r, i));
    } else if (mode == 1) {
      out = {r->id, r->name, opt_datum(r->tag)};
    } else {
      for (auto const& it : items) out.push_back(it.eval(*r));
    }
    expect.push_back(std::move(out));
  }

  std::vector<std::vector<datum>> got;
  auto const run = [&](auto const& query) {
    check_shape(dyn::render<egret::dialect::sqlite>(query), values, aliases, false);
    check_shape(dyn::render<egret::dialect::postgres>(query), values, aliases, true);
    auto const sql = dyn::to_sql<egret::dialect::sqlite>(query);
    EGRET_FUZZ_CHECK(db.dynamic_statement(sql).parameter_count() == static_cast<int>(values.size()),
                     "sqlite3_bind_parameter_count differs from the values: " + sql);
    return sql;
  };
  std::string sql;
  try {
    if (mode == 0) {
      sql = run(q);
      for (auto const& r : db.execute(q))
        got.push_back({r.get<"id">(), std::string(r.get<"name">()), r.get<"price">(),
                       r.get<"tag">() ? datum{std::string(*r.get<"tag">())} : datum{}, opt_datum(r.get<"qty">())});
    } else if (mode == 1) {
      auto const s = q.select(t.id, t.name, t.tag);
      sql = run(s);
      for (auto const& r : db.execute(s))
        got.push_back({r.get<"id">(), std::string(r.get<"name">()),
                       r.get<"tag">() ? datum{std::string(*r.get<"tag">())} : datum{}});
    } else {
      auto const s = q.select(cols);
      sql = run(s);
      auto cur = db.execute(s);
      auto const& info = cur.columns();
      EGRET_FUZZ_CHECK(info.size() == items.size(), "the cursor has another number of columns: " + sql);
      for (std::size_t i = 0; i < items.size(); ++i) {
        EGRET_FUZZ_CHECK(info[i].name == items[i].name, "result column " + std::to_string(i + 1) + " is named \"" +
                                                            info[i].name + "\", not \"" + items[i].name + "\"");
        EGRET_FUZZ_CHECK(info[i].type == items[i].type, "result column " + std::to_string(i + 1) + " has another type");
      }
      for (auto const& r : cur) {
        std::vector<datum> row;
        for (std::size_t i = 0; i < r.size(); ++i) row.push_back(r[i]);
        got.push_back(std::move(row));
      }
    }
  } catch (egret::error const& e) {
    // A NUL cannot be written in SQL text: SQLite (and libpq, and MariaDB) end the statement there, inside
    // the quoted alias, so the statement is refused (an unterminated identifier), never run as another one.
    // Pinned by tests/fuzz/regressions/dynamic/alias_with_nul; docs/reliability.md "Sanitizers and fuzzing".
    bool const nul_alias =
        std::any_of(aliases.begin(), aliases.end(), [](std::string const& a) { return a.find('\0') != a.npos; });
    if (nul_alias) return 0;
    EGRET_FUZZ_FAIL(std::string("a well-formed dynamic query threw: ") + e.what() + "\n  SQL: " + sql);
  } catch (std::exception const& e) {
    EGRET_FUZZ_FAIL(std::string("a well-formed dynamic query threw: ") + e.what() + "\n  SQL: " + sql);
  }

  if (distinct) {
    std::sort(expect.begin(), expect.end());
    expect.erase(std::unique(expect.begin(), expect.end()), expect.end());
    std::sort(got.begin(), got.end());
  }
  EGRET_FUZZ_CHECK(got == expect, "SQLite's rows differ from the model's\n  SQL: " + sql + "\n  SQLite:" + show(got) +
                                      "\n  model:" + show(expect));
  return 0;
}
