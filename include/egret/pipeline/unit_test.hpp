// Defines unit tests of pipeline models, as dbt 1.8's `given` / `expect`: typed rows stand for a model's inputs,
// the model's query runs on them, and its rows are compared with the rows expected:
//
//   auto r = egret::pipeline::unit_test<jaffle::customers_node>(db)
//                .given<jaffle::stg_customers>({{1, "Michael", "P."}})
//                .given<jaffle::stg_orders>({{1, 1, egret::date{2018, 1, 1}, "returned"}})
//                .expect({{1, "Michael", "P.", egret::date{2018, 1, 1}, egret::date{2018, 1, 1}, 1, std::nullopt}});
//   CHECK(r);  // on failure, Catch2 prints r.diff(): the rows missing and the rows unexpected
//
// The inputs are the model's build() parameters (dbt's direct inputs): an ephemeral model it reads is given rows
// like any other input, which stand for its CTE. Each input is a TEMPORARY table of its type in the connection
// (it hides a table or view of that name for this connection only), filled, read by the model's query, and
// dropped, all in a transaction (a savepoint on SQLite) that is rolled back: nothing stays in the database.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <egret/egret.hpp>
#include <egret/output/cell.hpp>
#include <egret/output/table_printer.hpp>
#include <egret/pipeline/incremental.hpp>
#include <egret/pipeline/node.hpp>

namespace egret::pipeline {

namespace detail {
template <class Cols>
struct owning_fields;
template <class... Cs>
struct owning_fields<type_list<Cs...>> {
  using type = type_list<field_type_t<typename Cs::value_type, nullable_v<Cs>, true>...>;
};
template <class T>
using owning_fields_t = typename owning_fields<columns_of_t<T>>::type;
/// A row of table T given N values, not one per column (named in the compiler's note).
template <class T, std::size_t N>
struct value_count {};
}  // namespace detail

/// A row of table T, built from one value per column in declaration order: `row_of<stg_orders>{1, 7,
/// egret::date{2018, 1, 1}, "placed"}` (a nullable column takes std::nullopt). It is T's owning result row
/// (`egret::owning_row_t<T>`: `r.get<"order_id">()`, structured bindings), with a constructor.
template <class T, class Fields = detail::owning_fields_t<T>>
struct row_of;
template <class T, class... Fs>
struct row_of<T, type_list<Fs...>> : egret::owning_row_t<T> {
  using base_type = egret::owning_row_t<T>;
  row_of() = default;
  row_of(Fs... values) {  // implicit: a braced list of values is a row
    std::tuple<Fs&...> const in{values...};
    [&]<std::size_t... Is>(std::index_sequence<Is...>) { ((this->template get<Is>() = std::move(std::get<Is>(in))), ...); }(
        std::index_sequence_for<Fs...>{});
  }
  row_of(base_type const& r) : base_type(r) {}  // implicit: a row a query returned
  /// Any other number of values: refused, saying so (rather than listing the constructors).
  template <class... Vs>
    requires(sizeof...(Vs) != 0 && sizeof...(Vs) != sizeof...(Fs) &&
             !(sizeof...(Vs) == 1 && (std::is_base_of_v<base_type, std::remove_cvref_t<Vs>> && ...)))
  row_of(Vs&&...) {
    static_assert(dependent_false<detail::value_count<T, sizeof...(Vs)>>,
                  "egret: row_of<T>: give one value per column of T, in declaration order (std::nullopt for NULL; "
                  "see the note: value_count<table, values given>)");
  }
  base_type const& base() const noexcept { return *this; }
};

/// How expect() compares the rows.
struct unit_test_options {
  /// Compare row by row in order (the model's query should then order its rows); by default the rows are a
  /// multiset: the same rows, each as many times, in any order.
  bool ordered = false;
  /// DOUBLE values within this distance of each other are equal; 0: exactly equal. NULL equals NULL.
  double tolerance = 0;
};

namespace detail {

/// The rows of one side of a comparison, as cells (text viewing the rows, which outlive them).
struct cell_rows {
  std::size_t columns = 0;
  std::vector<cell> cells;
  std::size_t size() const { return columns == 0 ? 0 : cells.size() / columns; }
  std::span<cell const> row(std::size_t i) const { return {cells.data() + i * columns, columns}; }
};

template <class Row>
cell_rows cells_of_rows(std::vector<Row> const& rows) {
  using shape = row_shape<typename Row::base_type>;
  cell_rows out;
  out.columns = shape::size;
  out.cells.resize(rows.size() * shape::size);
  for (std::size_t i = 0; i != rows.size(); ++i) cells_of(rows[i].base(), out.cells.data() + i * shape::size);
  return out;
}

inline bool same_cell(cell const& a, cell const& b, double tolerance) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case cell_kind::null: return true;
    case cell_kind::boolean: return a.b == b.b;
    case cell_kind::integer: return a.i == b.i;
    case cell_kind::real:
      if (std::isnan(a.d) || std::isnan(b.d)) return std::isnan(a.d) && std::isnan(b.d);
      return a.d == b.d || (tolerance > 0 && std::fabs(a.d - b.d) <= tolerance);
    case cell_kind::text: return a.s == b.s;
    case cell_kind::date: return a.dt == b.dt;
    default: return a.ts == b.ts;
  }
}

inline bool same_row(std::span<cell const> a, std::span<cell const> b, double tolerance) {
  for (std::size_t i = 0; i != a.size(); ++i)
    if (!same_cell(a[i], b[i], tolerance)) return false;
  return true;
}

/// A value as the diff shows it: NULL, text quoted as an SQL literal ('it''s', line breaks as \n), a DOUBLE
/// in its shortest round-trip form with a decimal point, a date YYYY-MM-DD.
inline std::string diff_text(cell const& c) {
  if (c.kind == cell_kind::null) return "NULL";
  std::string s;
  if (c.kind == cell_kind::text) {
    s += '\'';
    for (char const ch : egret::detail::table_text(c.s, 0)) {
      if (ch == '\'') s += '\'';
      s += ch;
    }
    s += '\'';
    return s;
  }
  append_value(s, c);
  if (c.kind == cell_kind::real && s.find_first_of(".en") == std::string::npos) s += ".0";
  return s;
}

/// One line of the diff: its marker ("-", "+", " " for the header), its position (ordered comparisons), its
/// values.
struct diff_line {
  char mark;
  std::size_t position;
  std::vector<std::string> values;
};

/// Compares `actual` with `expected` (rows of one table's columns) and writes the diff: empty when they are
/// the same. One function for every model (the typed parts only turn rows into cells).
inline std::string compare_rows(std::string_view title, std::span<std::string_view const> names,
                                cell_rows const& expected, cell_rows const& actual, unit_test_options const& opts,
                                std::size_t& missing, std::size_t& unexpected) {
  std::size_t const ne = expected.size(), na = actual.size();
  std::vector<diff_line> lines;
  auto line = [&](char mark, std::size_t position, std::span<cell const> row) {
    diff_line l{mark, position, {}};
    for (cell const& c : row) l.values.push_back(diff_text(c));
    lines.push_back(std::move(l));
  };
  missing = unexpected = 0;
  std::vector<std::size_t> differing;  // ordered: the positions that differ (1-based)
  if (opts.ordered) {
    for (std::size_t i = 0; i < ne || i < na; ++i) {
      bool const e = i < ne, a = i < na;
      if (e && a && same_row(expected.row(i), actual.row(i), opts.tolerance)) continue;
      differing.push_back(i + 1);
      if (e) {
        line('-', i + 1, expected.row(i));
        ++missing;
      }
      if (a) {
        line('+', i + 1, actual.row(i));
        ++unexpected;
      }
    }
  } else {
    std::vector<bool> used(na, false);
    std::vector<std::size_t> lost;
    for (std::size_t i = 0; i != ne; ++i) {
      std::size_t j = 0;
      while (j != na && (used[j] || !same_row(expected.row(i), actual.row(j), opts.tolerance))) ++j;
      if (j == na)
        lost.push_back(i);
      else
        used[j] = true;
    }
    for (std::size_t i : lost) line('-', 0, expected.row(i));
    for (std::size_t j = 0; j != na; ++j)
      if (!used[j]) line('+', 0, actual.row(j));
    missing = lost.size();
    unexpected = lines.size() - missing;
  }
  if (lines.empty()) return {};

  auto rows_word = [](std::size_t n) { return std::to_string(n) + (n == 1 ? " row" : " rows"); };
  std::string out(title);
  out += ": " + rows_word(ne) + " expected, " + std::to_string(na) + " returned; ";
  if (opts.ordered) {
    out += differing.size() == 1 ? "row " : "rows ";
    for (std::size_t k = 0; k != differing.size(); ++k) out += (k ? ", " : "") + std::to_string(differing[k]);
    out += differing.size() == 1 ? " differs" : " differ";
    out += " (- expected, + returned)\n";
  } else {
    if (missing != 0) out += std::to_string(missing) + " missing (-)";
    if (missing != 0 && unexpected != 0) out += ", ";
    if (unexpected != 0) out += std::to_string(unexpected) + " unexpected (+)";
    out += '\n';
  }

  // the table: a header of the column names, a line per row, the columns aligned
  std::size_t const cols = names.size() + (opts.ordered ? 1 : 0);
  std::vector<std::string> header;
  if (opts.ordered) header.emplace_back("#");
  for (auto n : names) header.emplace_back(n);
  std::vector<std::size_t> width(cols, 0);
  auto widen = [&](std::vector<std::string> const& v) {
    for (std::size_t i = 0; i != cols; ++i) width[i] = std::max(width[i], egret::detail::display_width(v[i]));
  };
  widen(header);
  for (auto& l : lines) {
    if (opts.ordered) l.values.insert(l.values.begin(), std::to_string(l.position));
    widen(l.values);
  }
  auto write = [&](char mark, std::vector<std::string> const& v) {
    std::string text;
    text += ' ';
    text += mark;
    text += ' ';
    for (std::size_t i = 0; i != cols; ++i) {
      if (i != 0) text += " | ";
      text += v[i];
      if (i + 1 != cols) text.append(width[i] - egret::detail::display_width(v[i]), ' ');
    }
    out += text;
    out += '\n';
  };
  write(' ', header);
  for (auto const& l : lines) write(l.mark, l.values);
  return out;
}

/// The SQL that drops temporary table `name` (quoted) in dialect D: only the temporary one, whatever else has
/// that name.
template <class D>
std::string drop_temporary_sql(std::string const& name) {
  return std::string(D::drop_temporary_table_keyword) + std::string(D::temporary_schema) + name;
}

template <class Db>
std::string quoted_name(std::string_view name) {
  using D = typename Db::dialect_type;
  std::string out;
  render::string_writer w{out};
  D::template quote_identifier<D>(w, name);
  return out;
}

/// The inputs a unit test gives rows for: build()'s parameters, or incremental()'s (the model's own table,
/// dbt's `this`, among them).
template <class M, bool Incremental>
struct unit_inputs {
  using type = inputs_t<M>;
};
template <class M>
struct unit_inputs<M, true> {
  static_assert(has_incremental_query<M>,
                "egret: incremental_unit_test<M>: M has no `static constexpr auto incremental(contract self, inputs...)`; "
                "test its build() with unit_test<M>");
  using type = typename build_inputs<decltype(&M::incremental)>::type;
};

template <class T, class... Ts>
constexpr std::size_t index_in(type_list<Ts...>) {
  constexpr bool same[] = {std::is_same_v<T, Ts>..., false};
  for (std::size_t i = 0; i != sizeof...(Ts); ++i)
    if (same[i]) return i;
  return sizeof...(Ts);
}

/// The model and the table a unit test was given rows of that its query does not read (named in the
/// compiler's note).
template <class Model, class Table>
struct given_not_an_input {};

}  // namespace detail

/// What a unit test found: the model's rows, and how they differ from the rows expected.
template <class T>
class unit_test_result {
 public:
  unit_test_result(std::string title, std::vector<row_of<T>> rows, std::string diff, std::size_t missing,
                   std::size_t unexpected)
      : title_(std::move(title)), rows_(std::move(rows)), diff_(std::move(diff)), missing_(missing),
        unexpected_(unexpected) {}

  /// The model returned the rows expected.
  bool ok() const noexcept { return diff_.empty(); }
  explicit operator bool() const noexcept { return ok(); }
  /// Empty when ok(); else a line saying what differs, then the rows missing (-: expected, not returned) and
  /// unexpected (+: returned, not expected) under the column names, one per line.
  std::string const& diff() const noexcept { return diff_; }
  /// Rows expected that the model did not return (ordered: expected rows at a position that differs).
  std::size_t missing() const noexcept { return missing_; }
  /// Rows the model returned that were not expected.
  std::size_t unexpected() const noexcept { return unexpected_; }
  /// The rows the model returned, in the order it returned them.
  std::vector<row_of<T>> const& rows() const noexcept { return rows_; }

  /// The diff, or `model m: the 3 rows expected` when ok (what Catch2 prints of CHECK(r)).
  friend std::ostream& operator<<(std::ostream& os, unit_test_result const& r) {
    if (!r.ok()) return os << r.diff_;
    return os << r.title_ << ": the " << r.rows_.size() << (r.rows_.size() == 1 ? " row" : " rows") << " expected";
  }

 private:
  std::string title_;
  std::vector<row_of<T>> rows_;
  std::string diff_;
  std::size_t missing_ = 0, unexpected_ = 0;
};

/// A unit test of model M on connection `db` (any egret backend), built with given() and run by expect() or
/// rows(). `Incremental`: of M's incremental() query rather than its build().
template <class M, class Db, bool Incremental = false>
class model_unit_test {
  static_assert(M::kind == node_kind::model,
                "egret: unit_test<M>: M is not a model; a seed or a source has no query to test");
  static_assert(detail::require_pipeline_dialect<typename Db::dialect_type>());

 public:
  using contract = typename M::relation_type;
  using inputs = typename detail::unit_inputs<M, Incremental>::type;

  explicit model_unit_test(Db& db) : db_(&db) {}

  /// Rows of input T (a table the model's build() takes), in its columns' order:
  /// `.given<stg_orders>({{1, 7, egret::date{2018, 1, 1}, "placed"}, ...})`. An input given no rows is an
  /// empty table; a second given<T> adds to the first's rows.
  template <class T>
  model_unit_test& given(std::vector<row_of<T>> rows) {
    constexpr std::size_t i = detail::index_in<T>(inputs{});
    if constexpr (i == inputs::size) {
      if constexpr (Incremental)
        static_assert(dependent_false<detail::given_not_an_input<M, T>>,
                      "egret: given<T>: T is not an input of this model's incremental(); give rows of the tables "
                      "its parameters name (see the note: given_not_an_input<model, table>)");
      else
        static_assert(dependent_false<detail::given_not_an_input<M, T>>,
                      "egret: given<T>: T is not an input of this model's build(); give rows of the tables its "
                      "parameters name (an ephemeral model it reads is one, not that model's own inputs; see the "
                      "note: given_not_an_input<model, table>)");
    } else {
      auto& to = std::get<i>(given_);
      if (to.empty())
        to = std::move(rows);
      else
        to.insert(to.end(), std::make_move_iterator(rows.begin()), std::make_move_iterator(rows.end()));
    }
    return *this;
  }

  /// Runs the model's query on the rows given and returns its rows, in the order it returned them.
  std::vector<row_of<contract>> rows() const {
    using D = typename Db::dialect_type;
    auto const q = query();
    using Q = std::remove_const_t<decltype(q)>;
    egret::detail::require_contract<Q, contract>();
    static_assert(egret::detail::sql_measure<D, Q>.named == 0,
                  "egret: unit_test<M>: the model's query has param<>s (--var values), which a unit test cannot "
                  "give yet; test a model without them");
    forget_statements after(*db_);  // last: after the rollback
    scope guard(*db_);
    std::size_t created = 0;
    try {
      [&]<std::size_t... Is>(std::index_sequence<Is...>) {
        (create<Is>(created), ...);
        if constexpr (requires { db_->clear_statement_cache(); })
          db_->clear_statement_cache();  // statements cached before read the tables the temporary ones now hide
        (fill<Is>(), ...);
      }(std::make_index_sequence<inputs::size>{});
      std::vector<row_of<contract>> out;
      {
        auto cursor = db_->execute(q);
        for (auto const& r : cursor) out.push_back(from_query_row(r));
      }
      drop(created, false);
      return out;
    } catch (...) {
      drop(created, true);
      throw;
    }
  }

  /// Runs the model's query on the rows given and compares its rows with `rows` (as a multiset unless
  /// opts.ordered; DOUBLEs exactly unless opts.tolerance).
  unit_test_result<contract> expect(std::vector<row_of<contract>> rows, unit_test_options const& opts = {}) const {
    std::vector<row_of<contract>> got = this->rows();
    using shape = row_shape<typename row_of<contract>::base_type>;
    std::string title = "model " + std::string(M::name);
    if constexpr (Incremental) title += " (incremental)";
    if (opts.ordered) title += ", in order";
    std::size_t missing = 0, unexpected = 0;
    std::string diff = detail::compare_rows(title, shape::names, detail::cells_of_rows(rows),
                                            detail::cells_of_rows(got), opts, missing, unexpected);
    return unit_test_result<contract>(std::move(title), std::move(got), std::move(diff), missing, unexpected);
  }

 private:
  template <class L>
  struct rows_of_each;
  template <class... Ts>
  struct rows_of_each<type_list<Ts...>> {
    using type = std::tuple<std::vector<row_of<Ts>>...>;
  };

  static constexpr auto query() {
    if constexpr (Incremental)
      return []<class... Ts>(type_list<Ts...>) { return M::incremental(Ts{}...); }(inputs{});
    else
      return []<class... Ts>(type_list<Ts...>) { return M::build(Ts{}...); }(inputs{});
  }

  /// The transaction the test runs in, rolled back when it ends: the connection's savepoint() where it has one
  /// (SQLite, whose BEGIN does not nest: so that a test can run inside the caller's transaction), else its
  /// transaction() (which nests as a savepoint on PostgreSQL and MariaDB).
  class scope {
   public:
    explicit scope(Db& db) : tx_(db) {}
    scope(scope const&) = delete;
    scope& operator=(scope const&) = delete;

   private:
    static auto begin(Db& db) {
      if constexpr (requires { db.savepoint(); })
        return db.savepoint();
      else
        return db.transaction();
    }
    struct begun {  // built in place: a backend's transaction or savepoint need not be movable
      decltype(begin(std::declval<Db&>())) tx;
      explicit begun(Db& db) : tx(begin(db)) {}
    };
    begun tx_;
  };

  /// Clears the connection's statement cache when it ends, quietly (a destructor does not throw). A statement
  /// prepared while a name meant another table keeps reading that table on PostgreSQL (a plan is bound to the
  /// table, not to its name), so none is kept across the creation or the drop of the temporary tables.
  struct forget_statements {
    Db& db;
    explicit forget_statements(Db& d) : db(d) {}
    forget_statements(forget_statements const&) = delete;
    forget_statements& operator=(forget_statements const&) = delete;
    ~forget_statements() {
      if constexpr (requires { db.clear_statement_cache(); }) {
        try {
          db.clear_statement_cache();
        } catch (...) {
        }
      }
    }
  };

  /// Input I's temporary table (once per table: a table the model takes twice is one).
  template <std::size_t I>
  void create(std::size_t& created) const {
    using T = at_t<I, inputs>;
    if constexpr (detail::index_in<T>(inputs{}) == I) {
      using D = typename Db::dialect_type;
      std::string sql(create_table_sql<D, T>());
      constexpr std::string_view head = "CREATE ";
      if (sql.compare(0, head.size(), head) == 0) sql.insert(head.size(), "TEMPORARY ");
      db_->exec(sql);
      ++created;
    }
  }
  /// Input I's given rows into its temporary table, by the backend's typed insert<T>.
  template <std::size_t I>
  void fill() const {
    using T = at_t<I, inputs>;
    if constexpr (detail::index_in<T>(inputs{}) == I) {
      for (auto const& r : std::get<I>(given_))
        [&]<std::size_t... Fs>(std::index_sequence<Fs...>) { db_->template insert<T>(r.template get<Fs>()...); }(
            std::make_index_sequence<T::egret_columns::size>{});
    }
  }

  /// Drops the first `created` inputs' temporary tables (quietly after an error: an engine that aborted the
  /// transaction refuses, and its rollback drops them).
  void drop(std::size_t created, bool quietly) const {
    using D = typename Db::dialect_type;
    [&]<class... Ts>(type_list<Ts...>) {
      std::size_t i = 0, k = 0;
      (
          [&] {
            if (detail::index_in<Ts>(inputs{}) != i++ || k == created) return;
            ++k;
            std::string const sql = detail::drop_temporary_sql<D>(detail::quoted_name<Db>(Ts::egret_name.view()));
            if (!quietly) {
              db_->exec(sql);
              return;
            }
            try {
              db_->exec(sql);
            } catch (...) {
            }
          }(),
          ...);
    }(inputs{});
  }

  template <class Row>
  static row_of<contract> from_query_row(Row const& r) {
    row_of<contract> out;
    [&]<std::size_t... Is>(std::index_sequence<Is...>) {
      ((out.template get<Is>() = typename row_of<contract>::base_type::template field_t<Is>(r.template get<Is>())), ...);
    }(std::make_index_sequence<contract::egret_columns::size>{});
    return out;
  }

  Db* db_;
  typename rows_of_each<inputs>::type given_{};
};

/// A unit test of model M's build() query on connection `db`: `unit_test<M>(db).given<T>({...}).expect({...})`.
template <class M, class Db>
model_unit_test<M, Db> unit_test(Db& db) {
  return model_unit_test<M, Db>(db);
}

/// A unit test of incremental model M's incremental() query (the new rows of a run): its contract, the table as
/// it is (dbt's `this`), is given rows like its other inputs.
template <class M, class Db>
model_unit_test<M, Db, true> incremental_unit_test(Db& db) {
  return model_unit_test<M, Db, true>(db);
}

}  // namespace egret::pipeline
