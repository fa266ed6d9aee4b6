// Defines the visitors the renderer writes through: count, then write into a fixed buffer (compile time,
// one visitor for both passes), and append to a std::string (run time). The same render code drives all.
//
// A visitor provides: text(string_view), ch(char), number(integer), param(T const*) -> placeholder index,
// named_param<P>() -> placeholder index. Backends add a binder visitor whose text() does nothing.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <egret/dialect/capability.hpp>

namespace egret::render {

namespace detail {
constexpr int digits(long long x) {
  int n = x < 0 ? 2 : 1;
  for (x = x < 0 ? -x : x; x >= 10; x /= 10) ++n;
  return n;
}
template <class F>
constexpr void write_number(long long x, F&& put) {
  char buf[24]{};
  int n = 0;
  bool neg = x < 0;
  unsigned long long u = neg ? 0ull - static_cast<unsigned long long>(x) : static_cast<unsigned long long>(x);
  do {
    buf[n++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u);
  if (neg) put('-');
  while (n) put(buf[--n]);
}
}  // namespace detail

/// The compile-time visitor: counts the characters, the placeholders (`named` of them param<>s) and the gated
/// features (dialect/capability.hpp) with `out` null (first pass), and with `out` set also writes the text
/// into the buffer the first pass sized (second pass). One type for both passes, so that every render
/// function of a query is instantiated once for compile-time SQL, not once per pass.
struct counter {
  char* out = nullptr;
  std::size_t size = 0;
  int params = 0;
  int named = 0;
  dialect::feature_set features = 0;
  constexpr void use_feature(dialect::feature f) { features |= dialect::bit(f); }
  constexpr void text(std::string_view s) {
    if (out)
      for (char c : s) *out++ = c;
    size += s.size();
  }
  constexpr void ch(char c) {
    if (out) *out++ = c;
    ++size;
  }
  constexpr void number(long long x) {
    if (out) detail::write_number(x, [this](char c) { *out++ = c; });
    size += static_cast<std::size_t>(detail::digits(x));
  }
  template <class T>
  constexpr int param(T const*) {
    return ++params;
  }
  template <class P>
  constexpr int named_param() {
    ++named;
    return ++params;
  }
};

/// Run-time rendering (the dynamic layer, diagnostics): appends to a string.
struct string_writer {
  std::string& out;
  int params = 0;
  void text(std::string_view s) { out.append(s); }
  void ch(char c) { out.push_back(c); }
  void number(long long x) {
    detail::write_number(x, [this](char c) { out.push_back(c); });
  }
  template <class T>
  int param(T const*) {
    return ++params;
  }
  template <class P>
  int named_param() {
    return ++params;
  }
};

/// Run-time rendering with values written as escaped literals: for statements that cannot take
/// parameters (CREATE VIEW, CREATE TABLE AS). param<> placeholders are refused.
struct inline_writer : string_writer {
  static constexpr bool inline_values = true;
  template <class P>
  int named_param() {
    static_assert(sizeof(P) == 0, "egret: a view or CREATE TABLE AS cannot take param<>; use a C++ value instead");
    return 0;
  }
};

}  // namespace egret::render
