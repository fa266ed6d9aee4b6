// Defines egret::detail::format_pattern and format_text: a strftime pattern (expr/datetime.hpp: %Y %m %d
// %H %M %S %f %j %%, already checked there) translated at compile time into an engine's own formatting
// syntax, described by a small struct (the dialect headers bigquery, snowflake, trino and clickhouse each
// declare one).
#pragma once

#include <cstddef>
#include <string_view>

#include <egret/core/fixed_string.hpp>
#include <egret/expr/datetime.hpp>

namespace egret::detail {

/// Translates f with Syntax, which declares
///   `static constexpr std::string_view field(char c)`: the spelling of specifier %c;
///   `static constexpr std::string_view percent`: the spelling of a literal % (from %%);
///   `static constexpr char quote`: the character quoting a run of text holding letters or digits (the
///   engine would read them as fields), 0 to copy text as it is; a quote character in the text is doubled.
/// Writes to `out` when it is not null; returns the length either way.
template <class Syntax>
constexpr std::size_t format_pattern(std::string_view f, char* out) {
  std::size_t n = 0;
  auto const put = [&](char c) {
    if (out != nullptr) out[n] = c;
    ++n;
  };
  auto const is_specifier = [&](std::size_t i) { return f[i] == '%' && i + 1 < f.size() && f[i + 1] != '%'; };
  std::size_t i = 0;
  while (i < f.size()) {
    if (is_specifier(i)) {
      for (char c : Syntax::field(f[i + 1])) put(c);
      i += 2;
      continue;
    }
    std::size_t j = i;  // the text run [i, j); "%%" is a literal '%'
    bool quote = false;
    while (j < f.size() && !is_specifier(j)) {
      quote = quote || (Syntax::quote != 0 && is_alnum(f[j]));
      j += f[j] == '%' ? 2 : 1;
    }
    if (quote) put(Syntax::quote);
    for (std::size_t k = i; k < j; k += f[k] == '%' ? 2 : 1) {
      if (f[k] == '%') {
        for (char c : Syntax::percent) put(c);
      } else {
        if (Syntax::quote != 0 && f[k] == Syntax::quote) put(f[k]);
        put(f[k]);
      }
    }
    if (quote) put(Syntax::quote);
    i = j;
  }
  return n;
}

/// Pattern F in Syntax, as a constant.
template <fixed_string F, class Syntax>
inline constexpr auto format_text = [] {
  fixed_string<format_pattern<Syntax>(F.view(), nullptr)> s;
  format_pattern<Syntax>(F.view(), s.data);
  return s;
}();

/// Whether pattern f uses specifier %c.
constexpr bool uses_specifier(std::string_view f, char c) {
  for (std::size_t i = 0; i + 1 < f.size(); ++i) {
    if (f[i] != '%') continue;
    if (f[i + 1] == c) return true;
    ++i;  // skip the specifier (or the second % of %%)
  }
  return false;
}

}  // namespace egret::detail
