// Defines egret's own SQLite functions, registered on every connection the program opens once this header
// is included in one of its files: regexp (so `s REGEXP p` works), egret_regexp_extract,
// egret_regexp_replace and egret_reverse, behind re_search(), re_extract(), re_replace() and reverse()
// (expr/regex.hpp). Kept out of <egret/sqlite.hpp> because std::regex costs every file that includes it
// about 3 s of compile time.
#pragma once

#include <sqlite3.h>

#include <climits>
#include <cstddef>
#include <optional>
#include <regex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#if __has_include(<pthread.h>)
#include <pthread.h>
#define EGRET_SQLITE_REGEX_THREAD 1
#endif

#include <egret/expr/regex.hpp>
#include <egret/sqlite/functions.hpp>

namespace egret::sqlite {

// ---- the functions egret registers on every connection ----

namespace detail {

/// The length of the UTF-8 sequence at s[i], or 1 for a byte that does not start a valid one.
inline std::size_t utf8_length(std::string_view s, std::size_t i) noexcept {
  auto const b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  auto const cont = [&](std::size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
    return k < s.size() && b(k) >= lo && b(k) <= hi;
  };
  unsigned const c = b(i);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(i + 1) ? 2 : 1;
  if (c >= 0xE0 && c <= 0xEF) {
    unsigned const lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;  // no overlong, no surrogate
    return cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 1;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    unsigned const lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;  // up to U+10FFFF
    return cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 1;
  }
  return 1;
}

/// UTF-8 to code points in wchar_t (UTF-16 where wchar_t has 16 bits); an invalid byte becomes U+FFFD.
inline std::wstring widen(std::string_view s) {
  std::wstring out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    std::size_t const n = utf8_length(s, i);
    auto const b = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k])); };
    char32_t cp = 0xFFFD;
    if (n == 1 && b(0) < 0x80) cp = b(0);
    if (n == 2) cp = ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
    if (n == 3) cp = ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
    if (n == 4) cp = ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    if constexpr (sizeof(wchar_t) == 2) {
      if (cp > 0xFFFF) {
        out.push_back(static_cast<wchar_t>(0xD800 + ((cp - 0x10000) >> 10)));
        cp = 0xDC00 + ((cp - 0x10000) & 0x3FF);
      }
    }
    out.push_back(static_cast<wchar_t>(cp));
    i += n;
  }
  return out;
}

/// Appends the code points [first, last) as UTF-8.
template <class It>
void append_utf8(std::string& out, It first, It last) {
  for (; first != last; ++first) {
    auto cp = static_cast<char32_t>(*first);
    if constexpr (sizeof(wchar_t) == 2) {
      if (cp >= 0xD800 && cp <= 0xDBFF && first + 1 != last) {
        auto const low = static_cast<char32_t>(*(first + 1));
        if (low >= 0xDC00 && low <= 0xDFFF) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          ++first;
        }
      }
    }
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
}

/// libstdc++'s std::regex matches by recursion, using up to about 1 KiB of stack per character of the
/// subject: a few thousand characters overflow an ordinary thread's stack and crash the process. So
/// subjects up to regex_inline_chars code points are matched on the caller's stack, longer ones on a
/// helper thread with a regex_stack_bytes stack (reserved, touched only as deep as the match goes), and
/// subjects over regex_max_chars are refused with an error.
inline constexpr std::size_t regex_inline_chars = 256;
inline constexpr std::size_t regex_max_chars = 100'000;
inline constexpr std::size_t regex_stack_bytes = std::size_t{256} << 20;

/// Runs match() (a regex search over a subject of `chars` code points) where its recursion fits.
template <class Match>
auto run_regex(std::size_t chars, Match&& match) {
  if (chars > regex_max_chars)
    throw std::length_error("the string has " + std::to_string(chars) + " characters; egret's regular expressions "
                            "on SQLite (std::regex) take at most " + std::to_string(regex_max_chars));
#ifdef EGRET_SQLITE_REGEX_THREAD
  if (chars > regex_inline_chars) {
    using R = decltype(match());
    struct job {
      std::remove_reference_t<Match>* match;
      std::optional<R> result;
      std::exception_ptr error;
    } j{&match, std::nullopt, nullptr};
    pthread_attr_t attr;
    if (int const rc = pthread_attr_init(&attr); rc != 0) throw std::system_error(rc, std::generic_category());
    struct attr_guard {
      pthread_attr_t* a;
      ~attr_guard() { pthread_attr_destroy(a); }
    } const guard{&attr};
    if (int const rc = pthread_attr_setstacksize(&attr, regex_stack_bytes); rc != 0)
      throw std::system_error(rc, std::generic_category(), "regex helper thread stack");
    pthread_t thread;
    auto const body = [](void* p) -> void* {
      auto& work = *static_cast<job*>(p);
      try {
        work.result.emplace((*work.match)());
      } catch (...) {
        work.error = std::current_exception();
      }
      return nullptr;
    };
    if (int const rc = pthread_create(&thread, &attr, body, &j); rc != 0)
      throw std::system_error(rc, std::generic_category(), "cannot start the regex helper thread");
    pthread_join(thread, nullptr);
    if (j.error) std::rethrow_exception(j.error);
    return std::move(*j.result);
  }
#endif
  return match();
}

/// Compiles a pattern (ECMAScript grammar, on code points); a bad one throws with the pattern in the message.
inline std::wregex compile_regex(std::string_view pattern) {
  try {
    return std::wregex(widen(pattern), std::regex_constants::ECMAScript);
  } catch (std::regex_error const& e) {
    throw std::invalid_argument("invalid regular expression \"" + std::string(pattern) + "\": " + e.what());
  }
}

/// The regex for argument `arg`, compiled once per statement when the pattern is a constant.
template <class Use>
auto with_regex(function_context& c, int arg, std::string_view pattern, Use&& use) {
  return c.cached<std::wregex>(arg, [&] { return compile_regex(pattern); }, std::forward<Use>(use));
}

/// PostgreSQL's replacement syntax: \1 ... \9 a group (nothing when it did not take part), \& the match,
/// \\ a backslash; any other backslash is literal.
inline void append_replacement(std::string& out, std::string_view r, std::wsmatch const& m) {
  for (std::size_t i = 0; i < r.size(); ++i) {
    char const c = r[i];
    if (c != '\\' || i + 1 == r.size()) {
      out.push_back(c);
      continue;
    }
    char const n = r[i + 1];
    if (n >= '1' && n <= '9') {
      auto const g = static_cast<std::size_t>(n - '0');
      if (g < m.size() && m[g].matched) append_utf8(out, m[g].first, m[g].second);
      ++i;
    } else if (n == '&') {
      append_utf8(out, m[0].first, m[0].second);
      ++i;
    } else if (n == '\\') {
      out.push_back('\\');
      ++i;
    } else {
      out.push_back('\\');
    }
  }
}

inline bool regexp_search(function_context& c, std::string_view pattern, std::string_view s) {
  return with_regex(c, 0, pattern, [&](std::wregex const& re) {
    std::wstring const w = widen(s);
    return run_regex(w.size(), [&] { return std::regex_search(w, re); });
  });
}

inline std::optional<std::string> regexp_extract(function_context& c, std::string_view s, std::string_view pattern,
                                                 std::int64_t group) {
  return with_regex(c, 1, pattern, [&](std::wregex const& re) -> std::optional<std::string> {
    std::wstring const w = widen(s);
    std::wsmatch m;
    if (!run_regex(w.size(), [&] { return std::regex_search(w, m, re); }) || group < 0 ||
        static_cast<std::uint64_t>(group) >= m.size())
      return std::nullopt;
    auto const& sub = m[static_cast<std::size_t>(group)];
    if (!sub.matched) return std::nullopt;
    std::string out;
    append_utf8(out, sub.first, sub.second);
    return out;
  });
}

inline std::string regexp_replace(function_context& c, std::string_view s, std::string_view pattern,
                                  std::string_view replacement) {
  return with_regex(c, 1, pattern, [&](std::wregex const& re) {
    std::wstring const w = widen(s);
    return run_regex(w.size(), [&] {
      std::string out;
      out.reserve(s.size());
      auto last = w.cbegin();
      for (std::wsregex_iterator it(w.cbegin(), w.cend(), re), end; it != end; ++it) {
        append_utf8(out, last, (*it)[0].first);
        append_replacement(out, replacement, *it);
        last = (*it)[0].second;
      }
      append_utf8(out, last, w.cend());
      return out;
    });
  });
}

/// s with its code points reversed; a byte that is not valid UTF-8 moves as a unit of its own.
inline std::string reverse_utf8(std::string_view s) {
  std::string out(s.size(), '\0');
  std::size_t end = s.size();
  for (std::size_t i = 0; i < s.size();) {
    std::size_t const n = utf8_length(s, i);
    end -= n;
    s.copy(out.data() + end, n, i);
    i += n;
  }
  return out;
}

}  // namespace detail

/// Registers egret's own functions on db: regexp(pattern, s) (so that `s REGEXP pattern` works),
/// egret_regexp_extract, egret_regexp_replace and egret_reverse. The connection calls it when it opens.
inline void register_builtin_functions(sqlite3* db) {
  namespace u = egret::detail::sqlite_udf;
  create_function(db, u::regexp, &detail::regexp_search);
  create_function(db, u::regexp_extract, &detail::regexp_extract);
  create_function(db, u::regexp_replace, &detail::regexp_replace);
  create_function(db, u::reverse, &detail::reverse_utf8);
}


namespace detail {
/// Registers the functions above on every connection opened from now on.
inline bool const builtin_functions_registered = [] {
  open_hooks().push_back(&register_builtin_functions);
  return true;
}();
}  // namespace detail

}  // namespace egret::sqlite
