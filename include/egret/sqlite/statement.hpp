// Defines egret::sqlite::statement, the move-only RAII owner of a prepared sqlite3_stmt*, with typed bind/read.
#pragma once

#include <sqlite3.h>

#include <egret/backend/bind_convenience.hpp>
#include <egret/backend/column_error.hpp>
#include <egret/backend/type_traits.hpp>
#include <egret/core/error.hpp>
#include <egret/core/type_list.hpp>
#include <egret/sqlite/error.hpp>
#include <egret/types/temporal.hpp>

#include <climits>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace egret::sqlite {

class statement;

/// Customization point for types the statement does not know: specialize with
///   static void bind(statement&, int index, T const&);  static T read(statement const&, int col);
/// read() is only called for non-NULL columns (statement::read handles NULL and std::optional).
template <class T>
struct value_traits {};

namespace detail {
using backend::is_optional_v;  // backend/type_traits.hpp
using backend::other_integer;
using egret::dependent_false;  // core/type_list.hpp

template <class T>
concept has_value_traits = requires(statement& s, statement const& cs, T const& v) {
  value_traits<T>::bind(s, 1, v);
  { value_traits<T>::read(cs, 0) } -> std::same_as<T>;
};
}  // namespace detail

class statement : public backend::bind_convenience<statement> {
 public:
  statement() noexcept = default;

  /// Prepares exactly one statement. Throws egret::sqlite::error carrying the SQL when SQLite rejects it,
  /// and when anything but whitespace, ';' or comments follows the first statement.
  statement(sqlite3* db, std::string_view sql) {
    if (sql.size() > static_cast<std::size_t>(INT_MAX)) throw_message(SQLITE_TOOBIG, "SQL text too long", {});
    if (db == nullptr) throw_message(SQLITE_MISUSE, "no connection to prepare on", sql);
    if (sql.empty()) throw_message(SQLITE_MISUSE, "the SQL text holds no statement", sql);
    sqlite3_stmt* raw = nullptr;
    char const* tail = nullptr;
    // PERSISTENT: these statements are meant to be cached and reused, so keep them out of the lookaside pool.
    int const rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                                      &raw, &tail);
    if (rc != SQLITE_OK) throw_error(db, rc, sql);
    if (raw == nullptr) throw_message(SQLITE_MISUSE, "the SQL text holds no statement (only whitespace/comments)", sql);
    try {
      reject_trailing(db, sql, static_cast<std::size_t>(tail - sql.data()));
    } catch (...) {
      sqlite3_finalize(raw);
      throw;
    }
    stmt_ = raw;
  }

  statement(statement&& other) noexcept
      : stmt_(std::exchange(other.stmt_, nullptr)), stepped_(std::exchange(other.stepped_, false)),
        users_(std::exchange(other.users_, 0)) {}
  statement& operator=(statement&& other) noexcept {
    if (this != &other) {
      if (stmt_ != nullptr) sqlite3_finalize(stmt_);
      stmt_ = std::exchange(other.stmt_, nullptr);
      stepped_ = std::exchange(other.stepped_, false);
      users_ = std::exchange(other.users_, 0);
    }
    return *this;
  }
  statement(statement const&) = delete;
  statement& operator=(statement const&) = delete;
  ~statement() {
    if (stmt_ != nullptr) sqlite3_finalize(stmt_);
  }

  sqlite3_stmt* get() const noexcept { return stmt_; }
  sqlite3* db() const noexcept { return sqlite3_db_handle(stmt_); }
  explicit operator bool() const noexcept { return stmt_ != nullptr; }

  /// The SQL text as prepared (the caller's text up to the end of the statement).
  std::string_view sql() const noexcept {
    char const* s = stmt_ != nullptr ? sqlite3_sql(stmt_) : nullptr;
    return s != nullptr ? std::string_view(s) : std::string_view();
  }

  // ---- binding (1-based parameter index) ---------------------------------------------------------------

  // std::string, char const* (a null pointer binds NULL), std::nullopt and std::optional<T>.
  using backend::bind_convenience<statement>::bind;
  void bind(int index, std::int32_t v) { check_bind(sqlite3_bind_int(stmt_, index, v)); }
  void bind(int index, std::int64_t v) { check_bind(sqlite3_bind_int64(stmt_, index, v)); }
  /// NaN is refused: SQLite would store NULL in its place, a value changed without an error.
  void bind(int index, double v) {
    if (v != v) [[unlikely]]
      throw egret::type_error("egret: parameter " + std::to_string(index) + " is NaN, which SQLite stores as NULL");
    check_bind(sqlite3_bind_double(stmt_, index, v));
  }
  void bind(int index, bool v) { check_bind(sqlite3_bind_int(stmt_, index, v ? 1 : 0)); }
  template <detail::other_integer T>
  void bind(int index, T v) {
    check_bind(sqlite3_bind_int64(stmt_, index, static_cast<std::int64_t>(v)));
  }

  /// Text is copied (SQLITE_TRANSIENT): SQLite reuses the parameter's buffer, so rebinding short text on a
  /// reused statement does not allocate once the buffer has grown to fit.
  void bind(int index, std::string_view v) { bind_text(index, v, SQLITE_TRANSIENT); }
  /// No copy: `v` must stay valid and unchanged until the parameter is rebound or the statement finalized
  /// (string literals, static storage).
  void bind_static_text(int index, std::string_view v) { bind_text(index, v, SQLITE_STATIC); }

  /// ISO-8601 text: "YYYY-MM-DD".
  void bind(int index, egret::date v) {
    egret::require_valid(v);
    char buf[egret::date_max_chars];
    bind_text(index, std::string_view(buf, egret::format_to_chars(buf, v)), SQLITE_TRANSIENT);
  }
  /// ISO-8601 text: "YYYY-MM-DD HH:MM:SS[.ffffff]", the shape SQLite's own datetime() functions use.
  void bind(int index, egret::timestamp const& v) {
    egret::require_valid(v);
    char buf[egret::timestamp_max_chars];
    bind_text(index, std::string_view(buf, egret::format_to_chars(buf, v)), SQLITE_TRANSIENT);
  }

  void bind_null(int index) { check_bind(sqlite3_bind_null(stmt_, index)); }
  template <detail::has_value_traits T>
  void bind(int index, T const& v) {
    value_traits<T>::bind(*this, index, v);
  }

  /// Sets every parameter back to NULL.
  void clear_bindings() noexcept { sqlite3_clear_bindings(stmt_); }
  int parameter_count() const noexcept { return sqlite3_bind_parameter_count(stmt_); }

  // ---- execution ---------------------------------------------------------------------------------------

  /// true: a row is available; false: done. On error the statement is reset and egret::sqlite::error
  /// (constraint_error for constraint violations) is thrown with the SQL.
  bool step() {
    stepped_ = true;
    int const rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) [[likely]]
      return true;
    if (rc == SQLITE_DONE) [[likely]]
      return false;
    step_failed(rc);
  }

  /// Back to the start, keeping bindings; ends the statement's read transaction. The error code of a
  /// failed step is not re-reported here (step() already threw it).
  void reset() noexcept {
    sqlite3_reset(stmt_);
    stepped_ = false;
  }

  /// Whether step() ran since the last reset(): binding again needs a reset first, and exactly one.
  /// Only step()/reset() maintain it: do not call sqlite3_step/sqlite3_reset on get() directly.
  bool stepped() const noexcept { return stepped_; }

  /// Cursors reading this statement now (each pins it for its lifetime): a statement cache evicts or clears
  /// only statements nobody reads, so a live cursor's statement is never finalized under it.
  void pin() noexcept { ++users_; }
  void unpin() noexcept { --users_; }
  bool in_use() const noexcept { return users_ != 0; }

  // ---- result columns (0-based) ------------------------------------------------------------------------

  int column_count() const noexcept { return sqlite3_column_count(stmt_); }
  std::string_view column_name(int col) const noexcept {
    char const* n = sqlite3_column_name(stmt_, col);
    return n != nullptr ? std::string_view(n) : std::string_view();
  }
  /// SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL, for the current row.
  int column_type(int col) const noexcept { return sqlite3_column_type(stmt_, col); }
  bool is_null(int col) const noexcept { return column_type(col) == SQLITE_NULL; }

  /// Reads column `col` of the current row as T: std::int32_t, std::int64_t, double, bool, std::string_view
  /// (valid until the next step/reset), std::string, egret::date, egret::timestamp, a value_traits type, or
  /// std::optional of any of these. NULL into a non-optional T, an int32 overflow, or unparsable date text
  /// throws egret::type_error naming the column and the SQL.
  template <class T>
  T read(int col) const {
    if constexpr (detail::is_optional_v<T>) {
      if (is_null(col)) return std::nullopt;
      return T(std::in_place, read<typename T::value_type>(col));
    } else if constexpr (std::is_same_v<T, std::int64_t>) {
      std::int64_t const v = sqlite3_column_int64(stmt_, col);
      // NULL reads as 0, so only a 0 needs the extra type lookup.
      if (v == 0 && is_null(col)) [[unlikely]]
        null_column(col);
      return v;
    } else if constexpr (std::is_same_v<T, std::int32_t>) {
      std::int64_t const v = read<std::int64_t>(col);
      if (v < INT32_MIN || v > INT32_MAX) [[unlikely]]
        column_error(col, "holds " + std::to_string(v) + ", which does not fit a 32-bit INTEGER");
      return static_cast<std::int32_t>(v);
    } else if constexpr (std::is_same_v<T, double>) {
      double const v = sqlite3_column_double(stmt_, col);
      if (v == 0.0 && is_null(col)) [[unlikely]]
        null_column(col);
      return v;
    } else if constexpr (std::is_same_v<T, bool>) {
      return read<std::int64_t>(col) != 0;
    } else if constexpr (std::is_same_v<T, std::string_view>) {
      // Text first, then bytes: the documented order that avoids a second conversion.
      auto const* p = reinterpret_cast<char const*>(sqlite3_column_text(stmt_, col));
      if (p == nullptr) [[unlikely]]
        return empty_or_null_text(col);
      return std::string_view(p, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, col)));
    } else if constexpr (std::is_same_v<T, std::string>) {
      return std::string(read<std::string_view>(col));
    } else if constexpr (std::is_same_v<T, egret::date>) {
      std::string_view const text = read<std::string_view>(col);
      if (auto d = egret::parse_date(text)) [[likely]]
        return *d;
      column_error(col, "holds \"" + std::string(text) + "\", which is not a DATE (YYYY-MM-DD)");
    } else if constexpr (std::is_same_v<T, egret::timestamp>) {
      std::string_view const text = read<std::string_view>(col);
      if (auto t = egret::parse_timestamp(text)) [[likely]]
        return *t;
      column_error(col, "holds \"" + std::string(text) + "\", which is not a TIMESTAMP (YYYY-MM-DD HH:MM:SS[.ffffff])");
    } else if constexpr (detail::has_value_traits<T>) {
      if (is_null(col)) [[unlikely]]
        null_column(col);
      return value_traits<T>::read(*this, col);
    } else {
      static_assert(detail::dependent_false<T>, "statement::read: unsupported type (specialize value_traits)");
    }
  }

  /// Throws egret::type_error as `column <col> "<name>" <problem>; in SQL: <sql>` (for value_traits too).
  [[noreturn, gnu::cold, gnu::noinline]] void column_error(int col, std::string_view problem) const {
    backend::throw_column_error(*this, col, problem);
  }

 private:
  void bind_text(int index, std::string_view v, sqlite3_destructor_type lifetime) {
    // An empty view may have a null data(), which SQLite would bind as NULL instead of ''.
    char const* p = v.data() != nullptr ? v.data() : "";
    check_bind(sqlite3_bind_text64(stmt_, index, p, v.size(), lifetime, SQLITE_UTF8));
  }

  // Only the branch is inline; fetching the db handle and SQL text happens on the cold path.
  void check_bind(int rc) const {
    if (rc != SQLITE_OK) [[unlikely]]
      fail(rc);
  }
  [[noreturn, gnu::cold, gnu::noinline]] void fail(int rc) const { throw_error(db(), rc, sql()); }

  [[noreturn, gnu::cold, gnu::noinline]] void step_failed(int rc) {
    // Reset once the exception holds the message (during unwinding), so the statement is reusable and
    // releases its locks.
    struct resetter {
      sqlite3_stmt* s;
      ~resetter() { sqlite3_reset(s); }
    } const guard{stmt_};
    throw_error(db(), rc, sql());
  }

  [[noreturn, gnu::cold, gnu::noinline]] void null_column(int col) const {
    column_error(col, "is NULL but the query's type says NOT NULL");
  }

  [[gnu::cold, gnu::noinline]] std::string_view empty_or_null_text(int col) const {
    int const type = column_type(col);
    if (type == SQLITE_NULL) null_column(col);
    // Not NULL but no pointer: out of memory during the conversion to text, or an empty blob.
    if (sqlite3_errcode(db()) == SQLITE_NOMEM) throw_error(db(), SQLITE_NOMEM, sql());
    return std::string_view();
  }

  static bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

  static void reject_trailing(sqlite3* db, std::string_view sql, std::size_t end_of_first) {
    std::string_view rest = sql.substr(end_of_first);
    while (!rest.empty() && (is_space(rest.front()) || rest.front() == ';')) rest.remove_prefix(1);
    if (rest.empty()) return;
    // Something is left: fine if it is only comments, which preparing it reveals (no statement, no error).
    sqlite3_stmt* extra = nullptr;
    int const rc = sqlite3_prepare_v2(db, rest.data(), static_cast<int>(rest.size()), &extra, nullptr);
    if (rc == SQLITE_OK && extra == nullptr) return;
    sqlite3_finalize(extra);
    throw_message(SQLITE_MISUSE,
                  "a statement holds exactly one SQL statement, but text follows the first: \"" +
                      std::string(rest) + "\" (run multi-statement scripts with handle::exec)",
                  sql);
  }

  sqlite3_stmt* stmt_ = nullptr;
  bool stepped_ = false;
  unsigned users_ = 0;
};

/// Resets a statement when leaving scope, so a statement read only partly (e.g. a point query stopping at
/// its first row) does not keep its read transaction open.
class reset_guard {
 public:
  explicit reset_guard(statement& s) noexcept : s_(s) {}
  reset_guard(reset_guard const&) = delete;
  reset_guard& operator=(reset_guard const&) = delete;
  ~reset_guard() { s_.reset(); }

 private:
  statement& s_;
};

}  // namespace egret::sqlite
