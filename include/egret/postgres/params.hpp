// Defines egret::postgres::params, the parameter sink of the binder (render/bind.hpp): it collects a
// statement's values as text, with the type OID each C++ type declares, ready for PQexecPrepared.
#pragma once

#include <libpq-fe.h>

#include <egret/postgres/result.hpp>
#include <egret/types/temporal.hpp>

#include <charconv>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace egret::postgres {

namespace detail {
// Integers other than the exact int32/int64 overloads (uint64 does not fit BIGINT).
template <class T>
concept other_integer = std::integral<T> && !std::same_as<T, bool> && !std::same_as<T, std::int32_t> &&
                        !std::same_as<T, std::int64_t> && (sizeof(T) < 8 || std::is_signed_v<T>);
}  // namespace detail

/// The values of one execution, in placeholder order ($1, $2, ...). Each value is sent as text (the server
/// parses it as the parameter's type) and declares the type of its C++ value when the statement is prepared:
/// INTEGER for std::int32_t, BIGINT for std::int64_t, DOUBLE PRECISION, BOOLEAN, TEXT, DATE, TIMESTAMP;
/// std::nullopt declares nothing (the server infers the type from the context).
class params {
 public:
  /// Forgets the values (the storage stays, for the next execution of the statement).
  void clear() noexcept {
    buf_.clear();
    n_ = 0;
    nul_index_ = 0;
  }
  /// The first parameter (1-based) whose text holds a NUL byte, or 0. PostgreSQL text cannot hold NUL and
  /// libpq sends C strings: such a value would reach the server cut at the NUL (`'admin\0 OR x'` as `'admin'`),
  /// so statement_cache::run refuses to send it.
  int nul_parameter() const noexcept { return nul_index_; }
  /// The offset of that NUL byte in the parameter's value.
  std::size_t nul_offset() const noexcept { return nul_offset_; }
  int size() const noexcept { return static_cast<int>(n_); }
  std::vector<Oid> const& types() const noexcept {
    trim();
    return types_;
  }

  /// The values as PQexecPrepared takes them (null for SQL NULL); valid until the next bind or clear.
  char const* const* values() {
    trim();
    if (ptrs_.size() != n_) ptrs_.resize(n_);
    for (std::size_t i = 0; i < n_; ++i)
      ptrs_[i] = offsets_[i] == null_offset ? nullptr : buf_.data() + offsets_[i];
    return ptrs_.data();
  }

  void bind(int index, std::int32_t v) { number(index, v, oid::int4); }
  void bind(int index, std::int64_t v) { number(index, v, oid::int8); }
  template <detail::other_integer T>
  void bind(int index, T v) {
    if constexpr (sizeof(T) < 4 || (sizeof(T) == 4 && std::is_signed_v<T>))
      number(index, static_cast<std::int32_t>(v), oid::int4);
    else
      number(index, static_cast<std::int64_t>(v), oid::int8);
  }
  void bind(int index, double v) { number(index, v, oid::float8); }
  void bind(int index, bool v) { put(index, v ? "t" : "f", oid::bool_); }
  void bind(int index, std::string_view v) { put(index, v, oid::text); }
  void bind(int index, std::string const& v) { put(index, v, oid::text); }
  /// A null pointer binds NULL.
  void bind(int index, char const* v) {
    if (v)
      put(index, v, oid::text);
    else
      null(index, oid::text);
  }
  void bind(int index, egret::date v) {
    egret::require_valid(v);
    char b[egret::date_max_chars];
    put(index, std::string_view(b, egret::format_to_chars(b, v)), oid::date);
  }
  void bind(int index, egret::timestamp const& v) {
    egret::require_valid(v);
    char b[egret::timestamp_max_chars];
    put(index, std::string_view(b, egret::format_to_chars(b, v)), oid::timestamp);
  }
  void bind(int index, std::nullopt_t) { null(index, 0); }
  template <class T>
  void bind(int index, std::optional<T> const& v) {
    if (v)
      bind(index, *v);
    else
      null(index, type_of<T>());
  }
  /// NULL declaring the type of T.
  void bind_null(int index, Oid type = 0) { null(index, type); }

 private:
  static constexpr std::size_t null_offset = static_cast<std::size_t>(-1);

  template <class T>
  static constexpr Oid type_of() {
    using U = std::remove_cvref_t<T>;
    if constexpr (std::is_same_v<U, bool>)
      return oid::bool_;
    else if constexpr (std::is_same_v<U, std::int32_t> || (std::is_integral_v<U> && sizeof(U) < 4))
      return oid::int4;
    else if constexpr (std::is_integral_v<U>)
      return oid::int8;
    else if constexpr (std::is_floating_point_v<U>)
      return oid::float8;
    else if constexpr (std::is_same_v<U, egret::date>)
      return oid::date;
    else if constexpr (std::is_same_v<U, egret::timestamp>)
      return oid::timestamp;
    else
      return oid::text;
  }

  // Sets parameter `index` (1-based); parameters skipped over are NULLs of no declared type. The vectors
  // keep their size from one execution to the next (clear() only resets n_): types() and values() drop
  // the entries past n_ that an execution with more parameters left.
  void slot(int index, Oid type, std::size_t offset) {
    auto const i = static_cast<std::size_t>(index - 1);
    if (i >= n_) [[likely]] {
      if (offsets_.size() <= i) {
        offsets_.resize(i + 1, null_offset);
        types_.resize(i + 1, 0);
      }
      for (std::size_t k = n_; k < i; ++k) offsets_[k] = null_offset, types_[k] = 0;
      n_ = i + 1;
    }
    offsets_[i] = offset;
    types_[i] = type;
  }
  void trim() const noexcept {
    if (types_.size() != n_) [[unlikely]] {
      types_.erase(types_.begin() + static_cast<std::ptrdiff_t>(n_), types_.end());
      offsets_.erase(offsets_.begin() + static_cast<std::ptrdiff_t>(n_), offsets_.end());
    }
  }
  void put(int index, std::string_view text, Oid type) {
    if (auto const at = text.find('\0'); at != std::string_view::npos) [[unlikely]] {
      if (nul_index_ == 0 || index < nul_index_) nul_index_ = index, nul_offset_ = at;
    } else if (index == nul_index_) [[unlikely]] {
      nul_index_ = 0;  // bound again without it
    }
    slot(index, type, buf_.size());
    buf_.append(text);
    buf_.push_back('\0');  // text-format values are C strings
  }
  template <class N>
  void number(int index, N v, Oid type) {
    char b[32];
    auto const r = std::to_chars(b, b + sizeof b, v);  // doubles: shortest text that reads back exactly
    put(index, std::string_view(b, static_cast<std::size_t>(r.ptr - b)), type);
  }
  void null(int index, Oid type) { slot(index, type, null_offset); }

  std::string buf_;
  mutable std::vector<std::size_t> offsets_;  // mutable for trim()
  mutable std::vector<Oid> types_;
  std::vector<char const*> ptrs_;
  std::size_t n_ = 0;  // the number of parameters bound since clear()
  int nul_index_ = 0;   // see nul_parameter()
  std::size_t nul_offset_ = 0;
};

}  // namespace egret::postgres
