// Defines egret::mysql::statement, the move-only owner of a server-side prepared statement (MYSQL_STMT*):
// typed parameters (MYSQL_BIND, `?` 1-based), execution, and typed reads of the current result row.
//
// Results are stored on the client at execute() (mysql_stmt_store_result), so that other statements may run
// on the connection while a cursor is open. Each result column is fetched in the form its server type suggests
// (integers as BIGINT, DOUBLE, dates as MYSQL_TIME, everything else, DECIMAL included, as text) and converted
// to the C++ type the query declares when read: SUM of a BIGINT arrives as DECIMAL and is read as std::int64_t.
//
// Parameters are given to the statement again only when one changes its type or buffer, results are bound once
// per prepare: executed again with values of the same types, a statement costs the server round trip and little
// more. A table changed under a cached statement: with as many columns, the client library updates the column
// types at each execution (MYSQL_STMT::fields), which execute() compares with those its buffers were bound for
// (a few instructions a column) and binds again when one differs; with another column count the library reports
// CR_NEW_STMT_METADATA (or the server ER_NEED_REPREPARE), and the statement is prepared again: a query is run
// again (its first rows were discarded), any other statement throws (it ran: it may have changed rows) and its
// next execution runs on the new statement.
#pragma once

#include <errmsg.h>
#include <mysql.h>
#include <mysqld_error.h>

#include <charconv>
#include <climits>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <egret/backend/bind_convenience.hpp>
#include <egret/backend/column_error.hpp>
#include <egret/backend/type_traits.hpp>
#include <egret/core/error.hpp>
#include <egret/core/type_list.hpp>
#include <egret/mysql/error.hpp>
#include <egret/types/temporal.hpp>

namespace egret::mysql {

namespace detail {
using backend::is_optional_v;  // backend/type_traits.hpp
using backend::other_integer;
using egret::dependent_false;  // core/type_list.hpp

inline MYSQL_TIME to_mysql_time(egret::date d) {
  MYSQL_TIME t{};
  t.year = static_cast<unsigned>(d.year);
  t.month = d.month;
  t.day = d.day;
  t.time_type = MYSQL_TIMESTAMP_DATE;
  return t;
}
inline MYSQL_TIME to_mysql_time(egret::timestamp const& x) {
  MYSQL_TIME t = to_mysql_time(x.date);
  t.hour = x.hour;
  t.minute = x.minute;
  t.second = x.second;
  t.second_part = x.microsecond;
  t.time_type = MYSQL_TIMESTAMP_DATETIME;
  return t;
}
}  // namespace detail

class statement : public backend::bind_convenience<statement> {
 public:
  statement() noexcept = default;

  /// Prepares `sql` on the server (one statement, `?` placeholders); throws egret::mysql::error.
  statement(MYSQL* db, std::string_view sql) : sql_(sql) {
    stmt_ = mysql_stmt_init(db);
    if (stmt_ == nullptr) detail::throw_error(db, sql);
    if (mysql_stmt_prepare(stmt_, sql_.data(), sql_.size()) != 0) {
      error e(mysql_stmt_errno(stmt_), mysql_stmt_sqlstate(stmt_), mysql_stmt_error(stmt_), sql_);
      mysql_stmt_close(stmt_);
      stmt_ = nullptr;
      throw e;
    }
    params_.resize(mysql_stmt_param_count(stmt_));
    param_binds_.resize(params_.size());
    if (mysql_stmt_field_count(stmt_) != 0) bind_results();
  }

  statement(statement&& o) noexcept { swap(o); }
  statement& operator=(statement&& o) noexcept {
    if (this != &o) {
      close();
      swap(o);
    }
    return *this;
  }
  statement(statement const&) = delete;
  statement& operator=(statement const&) = delete;
  ~statement() { close(); }

  MYSQL_STMT* get() const noexcept { return stmt_; }
  std::string_view sql() const noexcept { return sql_; }

  /// Counts the cursors reading this statement's rows: a statement cache closes no statement while one does.
  void pin() noexcept { ++pins_; }
  void unpin() noexcept { --pins_; }
  bool pinned() const noexcept { return pins_ > 0; }
  int parameter_count() const noexcept { return static_cast<int>(params_.size()); }

  // ---- binding (1-based parameter index) ---------------------------------------------------------------

  // std::string, char const* (a null pointer binds NULL), std::nullopt and std::optional<T>.
  using backend::bind_convenience<statement>::bind;
  void bind(int index, std::int64_t v) { set_int(index, v); }
  void bind(int index, std::int32_t v) { set_int(index, v); }
  void bind(int index, bool v) { set_int(index, v ? 1 : 0); }
  template <detail::other_integer T>
  void bind(int index, T v) {
    set_int(index, static_cast<std::int64_t>(v));
  }
  void bind(int index, double v) {
    param& p = slot(index);
    p.d = v;
    point(index, MYSQL_TYPE_DOUBLE, &p.d, 0);
  }
  void bind(int index, std::string_view v) {
    param& p = slot(index);
    p.text.assign(v.data() != nullptr ? v.data() : "", v.size());
    p.length = static_cast<unsigned long>(p.text.size());
    point(index, MYSQL_TYPE_STRING, p.text.data(), p.length);
  }
  void bind(int index, egret::date v) {
    egret::require_valid(v);
    param& p = slot(index);
    p.time = detail::to_mysql_time(v);
    point(index, MYSQL_TYPE_DATE, &p.time, sizeof(MYSQL_TIME));
  }
  void bind(int index, egret::timestamp const& v) {
    egret::require_valid(v);
    param& p = slot(index);
    p.time = detail::to_mysql_time(v);
    point(index, MYSQL_TYPE_DATETIME, &p.time, sizeof(MYSQL_TIME));
  }
  void bind_null(int index) {
    slot(index);
    point(index, MYSQL_TYPE_NULL, nullptr, 0);
  }

  // ---- execution ---------------------------------------------------------------------------------------

  /// Runs the statement with the bound parameters. A statement with a result set stores it; step() then reads
  /// the rows. Throws egret::mysql::error.
  void execute() {
    free_result();
    if (!params_bound_) bind_params();
    if (mysql_stmt_execute(stmt_) != 0) [[unlikely]]
      execute_after_change();
    affected_ = mysql_stmt_affected_rows(stmt_);
    unsigned const n = mysql_stmt_field_count(stmt_);
    if (n == 0) return;
    if (!same_columns(n)) [[unlikely]]
      bind_results();
    if (mysql_stmt_store_result(stmt_) != 0) fail();
    has_result_ = true;
  }

  /// Fetches the next row: true when there is one.
  bool step() {
    if (!has_result_) [[unlikely]]
      return false;
    int const rc = mysql_stmt_fetch(stmt_);
    if (rc == 0) [[likely]]
      return true;
    return step_rare(rc);
  }

  /// Ends the current result (frees the stored rows); the statement may be bound and executed again.
  void free_result() noexcept {
    if (has_result_) mysql_stmt_free_result(stmt_);
    has_result_ = false;
  }
  /// Whether a result set is open (executed, rows not all read).
  bool has_result() const noexcept { return has_result_; }

  /// Rows inserted, updated (matched) or deleted by the last execute().
  std::int64_t affected_rows() const noexcept { return static_cast<std::int64_t>(affected_); }

  // ---- result columns (0-based) ------------------------------------------------------------------------

  int column_count() const noexcept { return static_cast<int>(cols_.size()); }
  std::string_view column_name(int col) const noexcept {
    return col >= 0 && static_cast<std::size_t>(col) < cols_.size() ? std::string_view(cols_[col].name) : std::string_view();
  }
  bool is_null(int col) const { return at(col).is_null != 0; }

  /// Reads column `col` of the current row as T: std::int32_t, std::int64_t, double, bool, std::string_view
  /// (valid until the next step), std::string, egret::date, egret::timestamp, or std::optional of these.
  /// Converts from what the server sent (DECIMAL text to an integer or a double...). NULL into a non-optional
  /// T, an int32 overflow or text that does not parse throws egret::type_error naming the column and the SQL.
  template <class T>
  T read(int col) const {
    column const& c = at(col);
    if constexpr (detail::is_optional_v<T>) {
      if (c.is_null) return std::nullopt;
      return T(std::in_place, read<typename T::value_type>(col));
    } else {
      if (c.is_null) [[unlikely]]
        column_error(col, "is NULL but the query's type says NOT NULL");
      // the form each column is fetched in is fixed when it is bound: the usual one inline, the others out of line
      if constexpr (std::is_same_v<T, std::int64_t>) {
        if (c.form == kind::integer) [[likely]]
          return c.i;
        return read_int(col, c);
      } else if constexpr (std::is_same_v<T, std::int32_t>) {
        std::int64_t const v = c.form == kind::integer ? c.i : read_int(col, c);
        if (v < INT32_MIN || v > INT32_MAX) [[unlikely]]
          column_error(col, "holds " + std::to_string(v) + ", which does not fit a 32-bit INTEGER");
        return static_cast<std::int32_t>(v);
      } else if constexpr (detail::other_integer<T>) {
        return static_cast<T>(c.form == kind::integer ? c.i : read_int(col, c));
      } else if constexpr (std::is_same_v<T, double>) {
        if (c.form == kind::real) [[likely]]
          return c.d;
        return read_double(col, c);
      } else if constexpr (std::is_same_v<T, bool>) {
        if (c.form == kind::integer) [[likely]]
          return c.i != 0;
        if (c.form == kind::real) return c.d != 0.0;
        return read_int(col, c) != 0;
      } else if constexpr (std::is_same_v<T, std::string_view>) {
        if (c.form == kind::text) [[likely]]
          return std::string_view(c.text.data(), c.length);
        return read_text(c);
      } else if constexpr (std::is_same_v<T, std::string>) {
        if (c.form == kind::text) [[likely]]
          return std::string(c.text.data(), c.length);
        return std::string(read_text(c));
      } else if constexpr (std::is_same_v<T, egret::date>) {
        if (c.form == kind::time) [[likely]]
          return egret::date{static_cast<std::int32_t>(c.time.year), c.time.month, c.time.day};
        return read_date(col, c);
      } else if constexpr (std::is_same_v<T, egret::timestamp>) {
        if (c.form == kind::time) [[likely]]
          return egret::timestamp{{static_cast<std::int32_t>(c.time.year), c.time.month, c.time.day},
                                  c.time.hour, c.time.minute, c.time.second, static_cast<std::uint32_t>(c.time.second_part)};
        return read_timestamp(col, c);
      } else {
        static_assert(detail::dependent_false<T>, "egret::mysql::statement::read: unsupported type");
      }
    }
  }

  /// Throws egret::type_error as `column <col> "<name>" <problem>; in SQL: <sql>`.
  [[noreturn, gnu::cold, gnu::noinline]] void column_error(int col, std::string_view problem) const {
    backend::throw_column_error(*this, col, problem);
  }

 private:
  struct param {
    std::int64_t i = 0;
    double d = 0;
    MYSQL_TIME time{};
    std::string text;
    unsigned long length = 0;
  };
  enum class kind : unsigned char { integer, real, time, text };  // how a column is fetched
  struct column {  // what a row reads first
    statement::kind form = kind::text;
    my_bool is_null = 0;
    my_bool error = 0;
    bool is_unsigned = false;
    enum_field_types type = MYSQL_TYPE_NULL;  // the server type its buffer was bound for
    unsigned long length = 0;
    std::int64_t i = 0;
    double d = 0;
    std::string text;
    MYSQL_TIME time{};
    std::string name;
    mutable std::string formatted;  // a number or a date read as text
  };

  void swap(statement& o) noexcept {
    std::swap(stmt_, o.stmt_);
    sql_.swap(o.sql_);
    params_.swap(o.params_);
    param_binds_.swap(o.param_binds_);
    cols_.swap(o.cols_);
    result_binds_.swap(o.result_binds_);
    std::swap(has_result_, o.has_result_);
    std::swap(params_bound_, o.params_bound_);
    std::swap(affected_, o.affected_);
    std::swap(pins_, o.pins_);
  }
  void close() noexcept {
    if (stmt_ != nullptr) {
      free_result();
      mysql_stmt_close(stmt_);
    }
    stmt_ = nullptr;
  }

  param& slot(int index) {
    if (index < 1 || static_cast<std::size_t>(index) > params_.size())
      throw egret::error("egret::mysql: parameter " + std::to_string(index) + " out of range (the statement has " +
                         std::to_string(params_.size()) + "); in SQL: " + sql_);
    return params_[static_cast<std::size_t>(index - 1)];
  }
  // Points parameter `index` at its buffer. The statement reads the values (and a text's length) at each
  // execution: the bindings are given to it again only when a parameter's type or buffer changed.
  void point(int index, enum_field_types type, void* buffer, unsigned long size) {
    MYSQL_BIND& b = param_binds_[static_cast<std::size_t>(index - 1)];
    param& p = params_[static_cast<std::size_t>(index - 1)];
    unsigned long* const length = type == MYSQL_TYPE_STRING ? &p.length : nullptr;
    if (type == MYSQL_TYPE_STRING) size = 0;  // the length is read through `length`
    if (b.buffer_type == type && b.buffer == buffer && b.buffer_length == size && b.length == length) [[likely]]
      return;
    b = MYSQL_BIND{};
    b.buffer_type = type;
    b.buffer = buffer;
    b.buffer_length = size;
    b.length = length;
    params_bound_ = false;
  }
  void set_int(int index, std::int64_t v) {
    param& p = slot(index);
    p.i = v;
    point(index, MYSQL_TYPE_LONGLONG, &p.i, 0);
  }
  void bind_params() {
    if (!param_binds_.empty() && mysql_stmt_bind_param(stmt_, param_binds_.data()) != 0) fail();
    params_bound_ = true;
  }

  // mysql_stmt_execute failed. When the result's columns changed under the statement (a table altered: the
  // client library reports a new column count, or the server asks for a new prepare), prepares the statement
  // again and binds its new columns; then runs a query again (executed already when the client library noticed:
  // its rows are discarded), throws for any other statement (it may have changed rows). Otherwise throws.
  [[gnu::cold, gnu::noinline]] void execute_after_change() {
    unsigned const code = mysql_stmt_errno(stmt_);
    if (code != CR_NEW_STMT_METADATA && code != ER_NEED_REPREPARE) fail();
    error const first(code, mysql_stmt_sqlstate(stmt_), mysql_stmt_error(stmt_), sql_);
    if (mysql_stmt_prepare(stmt_, sql_.data(), sql_.size()) != 0) fail();
    bind_params();  // the same text: the same parameters
    cols_.clear();
    result_binds_.clear();
    if (mysql_stmt_field_count(stmt_) != 0) bind_results();
    if (code == CR_NEW_STMT_METADATA && !is_query()) throw first;
    if (mysql_stmt_execute(stmt_) != 0) fail();
  }

  // Whether the text is a query (SELECT, WITH ... SELECT, VALUES, a parenthesized query), which may run twice.
  bool is_query() const noexcept {
    std::size_t i = 0;
    while (i < sql_.size() && (sql_[i] == ' ' || sql_[i] == '\n' || sql_[i] == '\t' || sql_[i] == '(')) ++i;
    auto const starts = [&](std::string_view w) {
      if (sql_.size() - i < w.size()) return false;
      for (std::size_t k = 0; k < w.size(); ++k)
        if ((sql_[i + k] & ~0x20) != w[k]) return false;
      return true;
    };
    return starts("SELECT") || starts("WITH") || starts("VALUES");
  }

  // A row that mysql_stmt_fetch did not return plainly: the end, an error, or MYSQL_DATA_TRUNCATED.
  [[gnu::noinline]] bool step_rare(int rc) {
    if (rc == MYSQL_NO_DATA) {
      free_result();
      return false;
    }
    if (rc != MYSQL_DATA_TRUNCATED) fail();
    refetch_truncated();
    return true;
  }

  // MYSQL_DATA_TRUNCATED: a text longer than its buffer; fetch it again into a larger one.
  [[gnu::cold, gnu::noinline]] void refetch_truncated() {
    bool rebind = false;
    for (std::size_t i = 0; i < cols_.size(); ++i) {
      column& c = cols_[i];
      if (c.form != kind::text || c.is_null || c.length <= c.text.size()) continue;
      c.text.resize(c.length);
      result_binds_[i].buffer = c.text.data();
      result_binds_[i].buffer_length = static_cast<unsigned long>(c.text.size());
      fetch_column(i);
      rebind = true;
    }
    if (rebind && mysql_stmt_bind_result(stmt_, result_binds_.data()) != 0) fail();
  }
  void fetch_column(std::size_t i) {
    if (mysql_stmt_fetch_column(stmt_, &result_binds_[i], static_cast<unsigned>(i), 0) != 0) fail();
  }

  static kind kind_of(enum_field_types t) {
    switch (t) {
      case MYSQL_TYPE_TINY:
      case MYSQL_TYPE_SHORT:
      case MYSQL_TYPE_LONG:
      case MYSQL_TYPE_INT24:
      case MYSQL_TYPE_LONGLONG:
      case MYSQL_TYPE_YEAR:
        return kind::integer;
      case MYSQL_TYPE_FLOAT:
      case MYSQL_TYPE_DOUBLE:
        return kind::real;
      case MYSQL_TYPE_DATE:
      case MYSQL_TYPE_NEWDATE:
      case MYSQL_TYPE_DATETIME:
      case MYSQL_TYPE_TIMESTAMP:
        return kind::time;
      default:
        return kind::text;
    }
  }

  // The statement's result metadata (its columns as of the last prepare or execution), freed by its destructor.
  struct metadata {
    MYSQL_RES* res;
    explicit metadata(statement const& s) : res(mysql_stmt_result_metadata(s.stmt_)) {
      if (res == nullptr) s.fail();
    }
    ~metadata() { mysql_free_result(res); }
    metadata(metadata const&) = delete;
    metadata& operator=(metadata const&) = delete;
    unsigned size() const { return mysql_num_fields(res); }
    MYSQL_FIELD const* fields() const { return mysql_fetch_fields(res); }
  };

  // Binds a buffer per result column, in the form of its server type: once per prepare, and again when
  // execute() finds the column types changed.
  void bind_results() {
    metadata const meta(*this);
    MYSQL_FIELD const* fields = meta.fields();
    cols_.resize(meta.size());
    for (std::size_t i = 0; i < cols_.size(); ++i) {
      column& c = cols_[i];
      c.name.assign(fields[i].name, fields[i].name_length);
      c.type = fields[i].type;
      c.form = kind_of(c.type);
      c.is_unsigned = (fields[i].flags & UNSIGNED_FLAG) != 0;
    }
    make_result_binds();
    if (mysql_stmt_bind_result(stmt_, result_binds_.data()) != 0) fail();
  }

  // Whether the n columns of the result just executed have the types the buffers were bound for (the client
  // library keeps the types of the last execution in MYSQL_STMT::fields).
  bool same_columns(unsigned n) const noexcept {
    if (n != cols_.size()) [[unlikely]]
      return false;
    MYSQL_FIELD const* fields = stmt_->fields;
    for (unsigned i = 0; i < n; ++i)
      if (fields[i].type != cols_[i].type || ((fields[i].flags & UNSIGNED_FLAG) != 0) != cols_[i].is_unsigned) [[unlikely]]
        return false;
    return true;
  }

  // result_binds_ for cols_ in their forms (the caller gives them to the statement).
  void make_result_binds() {
    result_binds_.assign(cols_.size(), MYSQL_BIND{});
    for (std::size_t i = 0; i < cols_.size(); ++i) {
      column& c = cols_[i];
      MYSQL_BIND& b = result_binds_[i];
      b.is_null = &c.is_null;
      b.length = &c.length;
      b.error = &c.error;
      switch (c.form) {
        case kind::integer:
          b.buffer_type = MYSQL_TYPE_LONGLONG;
          b.buffer = &c.i;
          b.is_unsigned = c.is_unsigned;
          break;
        case kind::real:
          b.buffer_type = MYSQL_TYPE_DOUBLE;
          b.buffer = &c.d;
          break;
        case kind::time:
          b.buffer_type = MYSQL_TYPE_DATETIME;
          b.buffer = &c.time;
          b.buffer_length = sizeof(MYSQL_TIME);
          break;
        case kind::text:
          if (c.text.size() < 64) c.text.resize(64);
          b.buffer_type = MYSQL_TYPE_STRING;
          b.buffer = c.text.data();
          b.buffer_length = static_cast<unsigned long>(c.text.size());
          break;
      }
    }
  }

  column const& at(int col) const {
    if (col < 0 || static_cast<std::size_t>(col) >= cols_.size()) [[unlikely]]
      column_error(col, "");
    return cols_[static_cast<std::size_t>(col)];
  }

  // The readers of the less usual forms (read() handles the usual one of each type inline).
  [[gnu::noinline]] std::string_view read_text(column const& c) const {
    switch (c.form) {
      case kind::text:
        return std::string_view(c.text.data(), c.length);
      case kind::integer:
        c.formatted = c.is_unsigned ? std::to_string(static_cast<std::uint64_t>(c.i)) : std::to_string(c.i);
        return c.formatted;
      case kind::real: {
        char buf[32];
        auto const r = std::to_chars(buf, buf + sizeof buf, c.d);
        c.formatted.assign(buf, r.ptr);
        return c.formatted;
      }
      case kind::time: {
        char buf[egret::timestamp_max_chars];
        egret::date const d{static_cast<std::int32_t>(c.time.year), c.time.month, c.time.day};
        std::size_t n;
        if (c.time.time_type == MYSQL_TIMESTAMP_DATE)
          n = egret::format_to_chars(buf, d);
        else
          n = egret::format_to_chars(buf, egret::timestamp{d, c.time.hour, c.time.minute, c.time.second,
                                                           static_cast<std::uint32_t>(c.time.second_part)});
        c.formatted.assign(buf, n);
        return c.formatted;
      }
    }
    return {};
  }

  [[gnu::noinline]] std::int64_t read_int(int col, column const& c) const {
    switch (c.form) {
      case kind::integer:
        return c.i;
      case kind::real:
        return static_cast<std::int64_t>(c.d);  // truncated, as SQLite reads a REAL as an integer
      case kind::time:
        column_error(col, "is a date, not an integer");
      case kind::text:
        break;
    }
    std::string_view const s = read_text(c);
    std::int64_t v = 0;
    auto const r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec == std::errc{} && (r.ptr == s.data() + s.size() || *r.ptr == '.')) {
      // DECIMAL text: the whole part (SUM of a BIGINT has no fraction; others are truncated toward zero)
      bool digits = true;
      for (char const* p = r.ptr == s.data() + s.size() ? r.ptr : r.ptr + 1; p != s.data() + s.size(); ++p)
        digits = digits && *p >= '0' && *p <= '9';
      if (digits) return v;
    }
    column_error(col, "holds \"" + std::string(s) + "\", which is not an integer");
  }

  [[gnu::noinline]] double read_double(int col, column const& c) const {
    switch (c.form) {
      case kind::integer:
        return c.is_unsigned ? static_cast<double>(static_cast<std::uint64_t>(c.i)) : static_cast<double>(c.i);
      case kind::real:
        return c.d;
      case kind::time:
        column_error(col, "is a date, not a number");
      case kind::text:
        break;
    }
    std::string const s(read_text(c));
    char* end = nullptr;
    double const v = std::strtod(s.c_str(), &end);
    if (s.empty() || end != s.c_str() + s.size()) column_error(col, "holds \"" + s + "\", which is not a number");
    return v;
  }

  [[gnu::noinline]] egret::date read_date(int col, column const& c) const {
    if (c.form == kind::time) return egret::date{static_cast<std::int32_t>(c.time.year), c.time.month, c.time.day};
    std::string_view const text = read_text(c);
    if (auto d = egret::parse_date(text)) return *d;
    column_error(col, "holds \"" + std::string(text) + "\", which is not a DATE (YYYY-MM-DD)");
  }

  [[gnu::noinline]] egret::timestamp read_timestamp(int col, column const& c) const {
    if (c.form == kind::time)
      return egret::timestamp{{static_cast<std::int32_t>(c.time.year), c.time.month, c.time.day},
                              c.time.hour, c.time.minute, c.time.second, static_cast<std::uint32_t>(c.time.second_part)};
    std::string_view const text = read_text(c);
    if (auto t = egret::parse_timestamp(text)) return *t;
    column_error(col, "holds \"" + std::string(text) + "\", which is not a TIMESTAMP (YYYY-MM-DD HH:MM:SS[.ffffff])");
  }

  [[noreturn, gnu::cold, gnu::noinline]] void fail() const { detail::throw_error(stmt_, sql_); }

  MYSQL_STMT* stmt_ = nullptr;
  std::string sql_;
  std::vector<param> params_;
  std::vector<MYSQL_BIND> param_binds_;
  std::vector<column> cols_;
  std::vector<MYSQL_BIND> result_binds_;
  bool has_result_ = false;
  bool params_bound_ = false;  // param_binds_ are given to the statement as they are (see point)
  my_ulonglong affected_ = 0;
  int pins_ = 0;  // live cursors (pin())
};

}  // namespace egret::mysql
