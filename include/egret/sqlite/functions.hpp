// Defines the SQLite side of user-defined functions: registering typed C++ scalar functions and aggregates
// (sqlite3_create_function_v2) for the descriptors of expr/udf.hpp, and the functions egret itself
// registers on every connection: regexp (the REGEXP operator), egret_regexp_extract, egret_regexp_replace
// and egret_reverse, behind re_search(), re_extract(), re_replace() and reverse() (expr/regex.hpp).
//
// Calling convention of the C++ code: arguments arrive as the signature's C++ types, read from SQLite's
// values as sqlite3_value_* converts them (TEXT is valid UTF-8 as SQLite gives it; a DATE or TIMESTAMP
// argument must be ISO-8601 text, else the call fails). A NULL argument for a non-optional parameter
// makes a scalar call NULL without running the code, and makes an aggregate skip the row. An exception
// thrown by the code fails the statement: SQLite gets "<name>(): <what()>" (sqlite3_result_error) and
// egret raises it as egret::sqlite::error, an egret::database_error carrying the SQL.
#pragma once

#include <sqlite3.h>

#include <climits>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <new>
#include <optional>
#include <regex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <type_traits>
#include <utility>
#include <vector>

#if __has_include(<pthread.h>)
#include <pthread.h>
#define EGRET_SQLITE_REGEX_THREAD 1
#endif

#include <egret/expr/regex.hpp>
#include <egret/expr/udf.hpp>
#include <egret/sqlite/error.hpp>
#include <egret/types/temporal.hpp>

namespace egret::sqlite {

/// How SQLite may use a registered function.
struct function_options {
  /// Same arguments give the same result and nothing else happens (SQLITE_DETERMINISTIC): SQLite may
  /// evaluate the call once for constant arguments and allow it in indexes, CHECK constraints and generated
  /// columns. Set false for functions reading a clock, a random source or outside state.
  bool deterministic = true;
  /// Callable only from top-level SQL, not from views, triggers or the schema (SQLITE_DIRECTONLY): for
  /// functions with side effects.
  bool direct_only = false;
};

/// What a scalar function's C++ code may take as its first parameter to reach SQLite's call context,
/// e.g. to keep a value computed from a constant argument for the whole statement.
class function_context {
 public:
  explicit function_context(sqlite3_context* c) noexcept : c_(c) {}

  sqlite3_context* native_handle() const noexcept { return c_; }

  /// Returns use(T&) where the T comes from make() the first time, and is then kept by SQLite for argument
  /// `arg` (0-based) while that argument stays the same constant (a literal or a bound parameter) during
  /// the statement (sqlite3_set_auxdata). For an argument that varies per row, make() runs per call.
  template <class T, class Make, class Use>
  auto cached(int arg, Make&& make, Use&& use) {
    if (void* p = sqlite3_get_auxdata(c_, arg)) return std::forward<Use>(use)(*static_cast<T*>(p));
    auto owned = std::make_unique<T>(std::forward<Make>(make)());
    auto result = std::forward<Use>(use)(*owned);
    // SQLite may destroy the value at once: the result is taken before handing it over.
    sqlite3_set_auxdata(c_, arg, owned.release(), [](void* p) { delete static_cast<T*>(p); });
    return result;
  }

 private:
  sqlite3_context* c_;
};

namespace detail {

template <class T>
inline constexpr bool optional_param_v = egret::detail::is_std_optional_v<std::remove_cvref_t<T>>;

inline std::string_view value_text(sqlite3_value* v) {
  auto const* p = reinterpret_cast<char const*>(sqlite3_value_text(v));
  if (p == nullptr) {
    // Not NULL (callers check) but no text: out of memory during the conversion, or an empty blob.
    if (sqlite3_value_bytes(v) > 0) throw std::bad_alloc();
    return {};
  }
  return {p, static_cast<std::size_t>(sqlite3_value_bytes(v))};
}

[[noreturn, gnu::cold]] inline void bad_argument(int index, std::string const& problem) {
  throw std::invalid_argument("argument " + std::to_string(index + 1) + " " + problem);
}

/// Argument `index` (0-based, for messages) as the C++ parameter type P.
template <class P>
std::remove_cvref_t<P> read_argument(sqlite3_value* v, int index) {
  using T = std::remove_cvref_t<P>;
  if constexpr (optional_param_v<T>) {
    if (sqlite3_value_type(v) == SQLITE_NULL) return std::nullopt;
    return T(std::in_place, read_argument<typename T::value_type>(v, index));
  } else if constexpr (std::is_same_v<T, std::int64_t>) {
    return sqlite3_value_int64(v);
  } else if constexpr (std::is_same_v<T, std::int32_t>) {
    std::int64_t const x = sqlite3_value_int64(v);
    if (x < INT32_MIN || x > INT32_MAX)
      bad_argument(index, "(" + std::to_string(x) + ") does not fit a 32-bit INTEGER");
    return static_cast<std::int32_t>(x);
  } else if constexpr (std::is_same_v<T, double>) {
    return sqlite3_value_double(v);
  } else if constexpr (std::is_same_v<T, bool>) {
    return sqlite3_value_int64(v) != 0;
  } else if constexpr (std::is_same_v<T, std::string_view>) {
    return value_text(v);
  } else if constexpr (std::is_same_v<T, std::string>) {
    return std::string(value_text(v));
  } else if constexpr (std::is_same_v<T, egret::date>) {
    std::string_view const text = value_text(v);
    if (auto d = egret::parse_date(text)) return *d;
    bad_argument(index, "(\"" + std::string(text) + "\") is not a DATE (YYYY-MM-DD)");
  } else {
    static_assert(std::is_same_v<T, egret::timestamp>);
    std::string_view const text = value_text(v);
    if (auto t = egret::parse_timestamp(text)) return *t;
    bad_argument(index, "(\"" + std::string(text) + "\") is not a TIMESTAMP (YYYY-MM-DD HH:MM:SS[.ffffff])");
  }
}

inline void result_text(sqlite3_context* c, std::string_view s) {
  sqlite3_result_text64(c, s.data() != nullptr ? s.data() : "", s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

/// Hands r, of the signature's result type R, to SQLite.
template <class R>
void set_result(sqlite3_context* c, R const& r) {
  if constexpr (optional_param_v<R>) {
    if (r)
      set_result(c, *r);
    else
      sqlite3_result_null(c);
  } else if constexpr (std::is_same_v<R, bool>) {
    sqlite3_result_int(c, r ? 1 : 0);
  } else if constexpr (std::is_integral_v<R>) {
    sqlite3_result_int64(c, r);
  } else if constexpr (std::is_same_v<R, double>) {
    sqlite3_result_double(c, r);
  } else if constexpr (std::is_same_v<R, std::string>) {
    result_text(c, r);
  } else if constexpr (std::is_same_v<R, egret::date>) {
    char buf[egret::date_max_chars];
    result_text(c, std::string_view(buf, egret::format_to_chars(buf, r)));
  } else {
    static_assert(std::is_same_v<R, egret::timestamp>);
    char buf[egret::timestamp_max_chars];
    result_text(c, std::string_view(buf, egret::format_to_chars(buf, r)));
  }
}

inline void set_error(sqlite3_context* c, std::string_view function, char const* what) noexcept {
  try {
    std::string m;
    m.append(function).append("(): ").append(what);
    sqlite3_result_error(c, m.data(), static_cast<int>(m.size()));
  } catch (...) {
    sqlite3_result_error_nomem(c);
  }
}

/// Reports the exception being handled as the call's error. Call only inside a catch block.
inline void report_exception(sqlite3_context* c, std::string_view function) noexcept {
  try {
    throw;
  } catch (std::bad_alloc const&) {
    sqlite3_result_error_nomem(c);
  } catch (std::exception const& e) {
    set_error(c, function, e.what());
  } catch (...) {
    set_error(c, function, "unknown C++ exception");
  }
}

/// Whether a NULL argument meets a non-optional parameter (the call is then NULL, or the row skipped).
template <class... Ps, std::size_t... Is>
bool null_blocks(sqlite3_value** argv, std::index_sequence<Is...>) noexcept {
  (void)argv;
  return ((!optional_param_v<Ps> && sqlite3_value_type(argv[Is]) == SQLITE_NULL) || ...);
}

inline int function_flags(function_options o) {
  int flags = SQLITE_UTF8;
  if (o.deterministic) flags |= SQLITE_DETERMINISTIC;
#ifdef SQLITE_DIRECTONLY
  if (o.direct_only) flags |= SQLITE_DIRECTONLY;
#endif
  return flags;
}

template <class F, class... Ps>
inline constexpr bool takes_context_v = std::is_invocable_v<F&, function_context&, Ps...>;

template <class F, class... Ps>
constexpr auto scalar_result_type() {
  if constexpr (takes_context_v<F, Ps...>)
    return std::type_identity<std::invoke_result_t<F&, function_context&, Ps...>>{};
  else if constexpr (std::is_invocable_v<F&, Ps...>)
    return std::type_identity<std::invoke_result_t<F&, Ps...>>{};
  else
    return std::type_identity<void>{};
}

/// The C callbacks of a scalar function: the user data is the callable F.
template <class Ref, class F>
struct scalar_function;
template <fixed_string Name, class R, class... Ps, class F>
struct scalar_function<egret::function_ref<Name, R(Ps...), false>, F> {
  static void call(sqlite3_context* c, int, sqlite3_value** argv) noexcept {
    call_with(c, argv, std::index_sequence_for<Ps...>{});
  }
  static void destroy(void* p) noexcept { delete static_cast<F*>(p); }

 private:
  template <std::size_t... Is>
  static void call_with(sqlite3_context* c, sqlite3_value** argv, std::index_sequence<Is...> seq) noexcept {
    if (null_blocks<Ps...>(argv, seq)) {
      sqlite3_result_null(c);
      return;
    }
    try {
      F& f = *static_cast<F*>(sqlite3_user_data(c));
      if constexpr (takes_context_v<F, Ps...>) {
        function_context ctx(c);
        R const r = f(ctx, read_argument<Ps>(argv[Is], static_cast<int>(Is))...);
        set_result(c, r);
      } else {
        R const r = f(read_argument<Ps>(argv[Is], static_cast<int>(Is))...);
        set_result(c, r);
      }
    } catch (...) {
      report_exception(c, Name.view());
    }
  }
};

/// The user data of an aggregate: its step and final callables. Each group's State lives on the heap,
/// its pointer in SQLite's aggregate context; xFinal (which SQLite always runs, also after an error)
/// deletes it.
template <class Ref, class State, class Step, class Final>
struct aggregate_function;
template <fixed_string Name, class R, class... Ps, class State, class Step, class Final>
struct aggregate_function<egret::function_ref<Name, R(Ps...), true>, State, Step, Final> {
  Step step_fn;
  Final final_fn;

  static void step_call(sqlite3_context* c, int, sqlite3_value** argv) noexcept {
    step_with(c, argv, std::index_sequence_for<Ps...>{});
  }

  static void final_call(sqlite3_context* c) noexcept {
    auto* const slot = static_cast<State**>(sqlite3_aggregate_context(c, 0));
    std::unique_ptr<State> state(slot != nullptr ? std::exchange(*slot, nullptr) : nullptr);
    try {
      if (!state) state = std::make_unique<State>();  // no row: the final step sees a fresh state
      auto& self = *static_cast<aggregate_function*>(sqlite3_user_data(c));
      if constexpr (std::is_invocable_v<Final&, State&>) {
        R const r = self.final_fn(*state);
        set_result(c, r);
      } else {
        R const r = self.final_fn(std::move(*state));
        set_result(c, r);
      }
    } catch (...) {
      report_exception(c, Name.view());
    }
  }

  static void destroy(void* p) noexcept { delete static_cast<aggregate_function*>(p); }

 private:
  template <std::size_t... Is>
  static void step_with(sqlite3_context* c, sqlite3_value** argv, std::index_sequence<Is...> seq) noexcept {
    if (null_blocks<Ps...>(argv, seq)) return;  // as SQL aggregates skip NULL
    auto* const slot = static_cast<State**>(sqlite3_aggregate_context(c, sizeof(State*)));
    if (slot == nullptr) {
      sqlite3_result_error_nomem(c);
      return;
    }
    try {
      if (*slot == nullptr) *slot = new State();
      auto& self = *static_cast<aggregate_function*>(sqlite3_user_data(c));
      self.step_fn(**slot, read_argument<Ps>(argv[Is], static_cast<int>(Is))...);
    } catch (...) {
      report_exception(c, Name.view());
    }
  }
};

// ---- the rules, each in a function templated on what is wrong ----

template <class F, class R, class... Ps>
inline constexpr bool scalar_callable_ok_v = [] {
  using Result = typename decltype(scalar_result_type<F, Ps...>())::type;
  if constexpr (std::is_void_v<Result>)
    return false;
  else
    return std::is_convertible_v<Result, R>;
}();

template <class F, class R, class... Ps>
constexpr void check_scalar_callable() {
  using Result = typename decltype(scalar_result_type<F, Ps...>())::type;
  if constexpr (std::is_void_v<Result>)
    static_assert(dependent_false<F>,
                  "egret: create_function(): the C++ callable cannot take the udf's parameter types; give it one "
                  "parameter per parameter of the signature (std::optional<T> to receive NULL), optionally "
                  "after a function_context&");
  else
    static_assert(std::is_convertible_v<Result, R>,
                  "egret: create_function(): the C++ callable's result does not convert to the udf's result type");
}

template <class State, class Step, class Final, class R, class... Ps>
inline constexpr bool aggregate_callables_ok_v = [] {
  if constexpr (!std::is_default_constructible_v<State> || !std::is_invocable_v<Step&, State&, Ps...>)
    return false;
  else if constexpr (std::is_invocable_v<Final&, State&>)
    return std::is_convertible_v<std::invoke_result_t<Final&, State&>, R>;
  else if constexpr (std::is_invocable_v<Final&, State&&>)
    return std::is_convertible_v<std::invoke_result_t<Final&, State&&>, R>;
  else
    return false;
}();

template <class State, class Step, class Final, class R, class... Ps>
constexpr void check_aggregate_callables() {
  if constexpr (!std::is_default_constructible_v<State>)
    static_assert(dependent_false<State>, "egret: create_aggregate<State>(): State must be default-constructible");
  else if constexpr (!std::is_invocable_v<Step&, State&, Ps...>)
    static_assert(dependent_false<Step>,
                  "egret: create_aggregate(): the step callable must take (State&, then one parameter per parameter "
                  "of the udaf's signature)");
  else if constexpr (std::is_invocable_v<Final&, State&>)
    static_assert(std::is_convertible_v<std::invoke_result_t<Final&, State&>, R>,
                  "egret: create_aggregate(): the final callable's result does not convert to the udaf's result type");
  else if constexpr (std::is_invocable_v<Final&, State&&>)
    static_assert(std::is_convertible_v<std::invoke_result_t<Final&, State&&>, R>,
                  "egret: create_aggregate(): the final callable's result does not convert to the udaf's result type");
  else
    static_assert(dependent_false<Final>, "egret: create_aggregate(): the final callable must take the State");
}

}  // namespace detail

/// Registers f as the C++ code of the scalar function u on connection db (see connection::create_function).
template <fixed_string Name, class R, class... Ps, class F>
void create_function(sqlite3* db, egret::function_ref<Name, R(Ps...), false> const&, F&& f,
                     function_options options = {}) {
  using Fn = std::decay_t<F>;
  if constexpr (!detail::scalar_callable_ok_v<Fn, R, Ps...>) {
    detail::check_scalar_callable<Fn, R, Ps...>();
  } else {
    using thunk = detail::scalar_function<egret::function_ref<Name, R(Ps...), false>, Fn>;
    auto* data = new Fn(std::forward<F>(f));
    // On failure SQLite has already run xDestroy on data.
    int const rc = sqlite3_create_function_v2(db, Name.c_str(), static_cast<int>(sizeof...(Ps)),
                                              detail::function_flags(options), data, &thunk::call, nullptr,
                                              nullptr, &thunk::destroy);
    check(rc, db, {});
  }
}

/// Registers the aggregate u on db: per group a value-initialized State, `step(state, args...)` per row
/// (rows with NULL for a non-optional parameter skipped), and `final(state)` (State& or State&&) giving the
/// result. An empty group calls final on a fresh State.
template <class State, fixed_string Name, class R, class... Ps, class Step, class Final>
void create_aggregate(sqlite3* db, egret::function_ref<Name, R(Ps...), true> const&, Step&& step, Final&& finish,
                      function_options options = {}) {
  using S = std::decay_t<Step>;
  using F = std::decay_t<Final>;
  if constexpr (!detail::aggregate_callables_ok_v<State, S, F, R, Ps...>) {
    detail::check_aggregate_callables<State, S, F, R, Ps...>();
  } else {
    using impl = detail::aggregate_function<egret::function_ref<Name, R(Ps...), true>, State, S, F>;
    auto* data = new impl{std::forward<Step>(step), std::forward<Final>(finish)};
    int const rc = sqlite3_create_function_v2(db, Name.c_str(), static_cast<int>(sizeof...(Ps)),
                                              detail::function_flags(options), data, nullptr, &impl::step_call,
                                              &impl::final_call, &impl::destroy);
    check(rc, db, {});
  }
}

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

}  // namespace egret::sqlite
