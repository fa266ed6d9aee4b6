// Defines how the MySQL / MariaDB backend runs dynamic queries (egret::dyn): binding their collected values,
// dyn_cursor (rows of a run-time select list, as dyn::row), and the functions behind connection::execute,
// insert_from and create_table_from for dynamic queries. Statements are cached by their SQL text. Opt-in.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <egret/dynamic.hpp>
#include <egret/dynamic/datum_io.hpp>
#include <egret/mysql/connection.hpp>

namespace egret::mysql {

namespace detail {
using dyn::bind_datums;  // dynamic/datum_io.hpp
using dyn::read_datum;

/// A name chosen at run time (dyn::as, a derived alias) cannot hold a NUL byte: MariaDB and MySQL identifiers
/// may not, and the server would answer with a syntax error pointing at a cut name. The values of a dynamic
/// query are bound, so a NUL in its text is in a name. Names the column when it is a result column's.
inline void require_no_nul(std::vector<dyn::column_info> const& cols, std::string_view sql) {
  auto const at = sql.find('\0');
  if (at == std::string_view::npos) [[likely]]
    return;
  std::string what = "a name at offset " + std::to_string(at);
  for (std::size_t i = 0; i < cols.size(); ++i)
    if (cols[i].name.find('\0') != std::string::npos) {
      what = "the name of result column " + std::to_string(i) + " (dyn::as)";
      break;
    }
  throw error(ER_WRONG_COLUMN_NAME, "42000",
              "egret::mysql: " + what + " holds a NUL byte: identifiers cannot contain NUL; nothing was sent",
              std::string(sql.substr(0, at)));
}
}  // namespace detail

/// The rows of a dynamic query with a run-time select list; each row is a dyn::row owning its fields. The
/// result is freed when the cursor is destroyed.
class dyn_cursor {
 public:
  dyn_cursor(statement& s, std::vector<dyn::column_info> cols)
      : s_(&s), cols_(std::make_shared<std::vector<dyn::column_info> const>(std::move(cols))) {
    s.pin();
  }
  dyn_cursor(dyn_cursor&& o) noexcept : s_(std::exchange(o.s_, nullptr)), cols_(std::move(o.cols_)), done_(o.done_) {}
  dyn_cursor& operator=(dyn_cursor&&) = delete;
  ~dyn_cursor() {
    if (s_) {
      s_->free_result();
      s_->unpin();
    }
  }

  /// The result columns: names, SQL types, nullability.
  std::vector<dyn::column_info> const& columns() const { return *cols_; }

  /// The next row, or nullopt at the end.
  std::optional<dyn::row> next() {
    if (done_ || !s_->step()) {
      done_ = true;
      return std::nullopt;
    }
    std::vector<dyn::datum> fields;
    fields.reserve(cols_->size());
    for (std::size_t i = 0; i < cols_->size(); ++i)
      fields.push_back(detail::read_datum(*s_, static_cast<int>(i), (*cols_)[i].type));
    return dyn::row(cols_, std::move(fields));
  }

  struct sentinel {};
  class iterator {
   public:
    using value_type = dyn::row;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    explicit iterator(dyn_cursor* c) : c_(c), row_(c->next()) {}
    dyn::row const& operator*() const { return *row_; }
    dyn::row const* operator->() const { return &*row_; }
    iterator& operator++() {
      row_ = c_->next();
      return *this;
    }
    void operator++(int) { ++*this; }
    friend bool operator==(iterator const& i, sentinel) { return !i.row_; }

   private:
    dyn_cursor* c_ = nullptr;
    std::optional<dyn::row> row_;
  };
  iterator begin() { return iterator{this}; }
  sentinel end() const { return {}; }

  /// All remaining rows.
  std::vector<dyn::row> to_vector() {
    std::vector<dyn::row> out;
    while (auto r = next()) out.push_back(std::move(*r));
    return out;
  }
  /// The first row, or nullopt.
  std::optional<dyn::row> first() { return next(); }

 private:
  statement* s_;
  std::shared_ptr<std::vector<dyn::column_info> const> cols_;
  bool done_ = false;
};

/// connection::execute(q) for a dynamic query: renders it (dialect_type), finds its statement by text, binds
/// its values, runs it. A static select list gives typed rows (egret::mysql::cursor); a run-time one a
/// dyn_cursor.
template <class Q>
auto execute_dynamic(connection& db, Q const& q) {
  auto r = dyn::render<dialect_type>(q);
  detail::require_no_nul(r.columns, r.sql);
  statement& s = db.dynamic_statement(r.sql);
  detail::bind_datums(s, r.values);
  s.execute();
  if constexpr (std::is_same_v<typename Q::cols_param, dyn::runtime_columns>)
    return dyn_cursor(s, std::move(r.columns));
  else
    return cursor<typename dyn::detail::result_columns<typename Q::from_type, typename Q::cols_param>::type>(s);
}

/// connection::insert_from<T>(q) for a dynamic query: `INSERT INTO T (columns...) <q>`, q's result columns
/// checked against T's at run time (names, types, nullability: egret::error before anything runs).
template <class T, class Q>
void insert_dynamic(connection& db, Q const& q) {
  auto r = dyn::render<dialect_type>(q);
  dyn::require_contract<T>(r.columns);
  dyn::writer w(dyn::dialect_index<dialect_type>);
  w.text("INSERT INTO ");
  w.quoted(T::egret_name.view());
  w.text(" (");
  for (std::size_t i = 0; i < r.columns.size(); ++i) {
    if (i) w.text(", ");
    w.quoted(r.columns[i].name);
  }
  w.text(") ");
  w.text(r.sql);
  detail::require_no_nul(r.columns, w.sql());
  statement& s = db.dynamic_statement(w.sql());
  detail::bind_datums(s, r.values);
  s.execute();
}

}  // namespace egret::mysql
