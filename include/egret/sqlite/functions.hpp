// Defines the SQLite side of user-defined functions: registering typed C++ scalar functions and aggregates
// (sqlite3_create_function_v2) for the descriptors of expr/udf.hpp. egret's own functions behind
// re_search(), re_extract(), re_replace() and reverse() are in sqlite/regex.hpp.
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
#include <new>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

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
namespace detail {
/// Deletes its object unless released: what std::unique_ptr would do here, without <memory> (costly to include).
template <class T>
class owner {
 public:
  explicit owner(T* p) noexcept : p_(p) {}
  owner(owner const&) = delete;
  owner& operator=(owner const&) = delete;
  ~owner() { delete p_; }
  T& operator*() const noexcept { return *p_; }
  explicit operator bool() const noexcept { return p_ != nullptr; }
  void reset(T* p) noexcept { delete std::exchange(p_, p); }
  T* release() noexcept { return std::exchange(p_, nullptr); }

 private:
  T* p_;
};
}  // namespace detail

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
    detail::owner<T> owned(new T(std::forward<Make>(make)()));
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
    owner<State> state(slot != nullptr ? std::exchange(*slot, nullptr) : nullptr);
    try {
      if (!state) state.reset(new State());  // no row: the final step sees a fresh state
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

namespace detail {
/// What every connection runs when it opens (sqlite/regex.hpp adds egret's regex functions here).
inline std::vector<void (*)(sqlite3*)>& open_hooks() {
  static std::vector<void (*)(sqlite3*)> hooks;
  return hooks;
}
}  // namespace detail

}  // namespace egret::sqlite
