// Defines user-defined functions on the DSL side: a typed descriptor, declared once,
//   constexpr auto slugify = egret::udf<"slugify", std::string(std::string)>;
//   constexpr auto median = egret::udaf<"median", std::optional<double>(double)>;
// and the call node its operator() builds: `slugify(t.name)` renders `slugify("t"."name")`, typed TEXT.
// The signature is in C++ types: each parameter and the result is std::int32_t, std::int64_t, double, bool,
// std::string (std::string_view also for parameters), egret::date, egret::timestamp, or std::optional of one.
//
// NULL: a NULL argument for a non-optional parameter makes the result NULL without calling the C++ code
// (an aggregate skips that row, as SQL aggregates skip NULLs); an std::optional parameter receives it.
// So a call is nullable when its result type is std::optional, or when a nullable argument meets a
// non-optional parameter. An aggregate is nullable only when its result type is std::optional (its final
// step sees a default-constructed state on an empty group).
// The backend registers the C++ code: egret::sqlite::connection::create_function / create_aggregate
// (sqlite/functions.hpp). Nothing here depends on a backend.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <type_traits>

#include <egret/expr/pack.hpp>
#include <egret/expr/value.hpp>

namespace egret {

namespace detail {

template <class T>
inline constexpr bool is_std_optional_v = false;
template <class T>
inline constexpr bool is_std_optional_v<std::optional<T>> = true;

/// A type allowed in a udf signature as a parameter (Param = true) or as the result.
template <class T, bool Param>
inline constexpr bool udf_value_type_v = [] {
  using B = typename declared<T>::type;
  if constexpr (!std::is_same_v<B, std::remove_cvref_t<B>> || is_std_optional_v<B>)
    return false;
  else if constexpr (Param && std::is_same_v<B, std::string_view>)
    return true;
  else
    return std::is_same_v<B, std::int32_t> || std::is_same_v<B, std::int64_t> || std::is_same_v<B, double> ||
           std::is_same_v<B, bool> || std::is_same_v<B, std::string> || std::is_same_v<B, date> ||
           std::is_same_v<B, timestamp>;
}();

/// Whether an argument of SQL type A may be passed to a parameter of SQL type P: the same type, a narrower
/// integer, or an integer to a DOUBLE.
template <class A, class P>
inline constexpr bool udf_accepts_v =
    std::is_same_v<A, P> || (is_integer_v<A> && is_integer_v<P> && sizeof(A) <= sizeof(P)) ||
    (is_integer_v<A> && std::is_same_v<P, double>);

constexpr bool is_sql_identifier(std::string_view s) {
  if (s.empty() || (s[0] >= '0' && s[0] <= '9')) return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

/// The argument at position I (0-based, named in the compiler's note) does not fit its parameter.
template <std::size_t I, class Argument, class Parameter>
constexpr void udf_argument_type_mismatch() {
  static_assert(dependent_false<Argument>,
                "egret: a udf argument has the wrong SQL type; pass the type the udf's signature declares for "
                "that parameter, or cast<>() it");
}

template <class Args, class Params, std::size_t... Is>
constexpr void check_udf_arguments(std::index_sequence<Is...>) {
  (
      [] {
        using A = value_type_t<at_t<Is, Args>>;
        using P = identity_of_t<at_t<Is, Params>>;
        if constexpr (!udf_accepts_v<A, P>) udf_argument_type_mismatch<Is, A, P>();
      }(),
      ...);
}

/// Whether a nullable argument meets a non-optional parameter (the call then yields NULL).
template <class Ctx, class Args, class Params, std::size_t... Is>
constexpr bool null_propagates(std::index_sequence<Is...>) {
  return ((nullable_in_v<at_t<Is, Args>, Ctx> && !is_std_optional_v<std::remove_cvref_t<at_t<Is, Params>>>) ||
          ...);
}

template <bool Aggregate>
struct udf_kind {};
/// Marks an aggregate call for the GROUP BY rules (relation/checks.hpp).
template <>
struct udf_kind<true> {
  static constexpr bool is_aggregate_call = true;
};

}  // namespace detail

/// A call of the user-defined function F (a function_ref) on Args: `name(arg, ...)`.
template <class F, class... Args>
struct udf_call_t : expr_methods<udf_call_t<F, Args...>>, detail::udf_kind<F::is_aggregate> {
  detail::pack<Args...> args;

  using value_type = typename F::result_type;
  using function = F;
  using operands = type_list<Args...>;
  static constexpr bool is_aggregate = F::is_aggregate || detail::any_aggregate<Args...>;
  static constexpr int precedence = prec::atom;
  template <class Ctx>
  static constexpr bool nullable_in =
      F::result_nullable || (!F::is_aggregate && detail::null_propagates<Ctx, type_list<Args...>,
                                                                          typename F::parameters>(
                                                     std::index_sequence_for<Args...>{}));

  template <class D, class S, class V>
  static constexpr void render(V& v, udf_call_t const* n) {
    v.text(F::name.view());
    v.ch('(');
    if constexpr (sizeof...(Args) > 0)
      detail::pack<Args...>::template render<D, S>(v, detail::member(n, &udf_call_t::args));
    v.ch(')');
  }
};

/// The descriptor of a user-defined function: its SQL name, its C++ signature, scalar or aggregate.
/// Use the variables egret::udf and egret::udaf rather than naming this type.
template <fixed_string Name, class Signature, bool Aggregate>
struct function_ref;

template <fixed_string Name, class R, class... Ps, bool Aggregate>
struct function_ref<Name, R(Ps...), Aggregate> {
  static_assert(detail::is_sql_identifier(Name.view()),
                "egret: a udf's name must be a plain SQL identifier (letters, digits, _; not starting with a digit)");
  static_assert((detail::udf_value_type_v<Ps, true> && ...),
                "egret: a udf parameter must be std::int32_t, std::int64_t, double, bool, std::string, "
                "std::string_view, egret::date, egret::timestamp, or std::optional of one");
  static_assert(detail::udf_value_type_v<R, false>,
                "egret: a udf result must be std::int32_t, std::int64_t, double, bool, std::string, egret::date, "
                "egret::timestamp, or std::optional of one");

  static constexpr auto name = Name;
  static constexpr bool is_aggregate = Aggregate;
  /// The C++ types the registered code receives and returns.
  using signature = R(Ps...);
  using result = R;
  using parameters = type_list<Ps...>;
  /// The SQL type of a call.
  using result_type = identity_of_t<R>;
  static constexpr bool result_nullable = detail::is_std_optional_v<R>;

  /// The call `name(args...)`: each argument an expression or a C++ value (bound) of its parameter's SQL
  /// type (an integer also fits a wider integer or a DOUBLE parameter).
  template <class... Xs>
    requires(is_operand_v<Xs> && ...)
  constexpr auto operator()(Xs const&... xs) const {
    using Args = type_list<as_expr_t<Xs>...>;
    static_assert(sizeof...(Xs) == sizeof...(Ps),
                  "egret: a udf call needs exactly as many arguments as its signature has parameters");
    if constexpr (sizeof...(Xs) == sizeof...(Ps))
      detail::check_udf_arguments<Args, parameters>(std::index_sequence_for<Xs...>{});
    if constexpr (Aggregate)
      static_assert(!(is_aggregate_v<as_expr_t<Xs>> || ...),
                    "egret: an aggregate cannot contain another aggregate; aggregate in a subquery first");
    return udf_call_t<function_ref, as_expr_t<Xs>...>{{}, {}, detail::make_pack(as_expr(xs)...)};
  }
};

/// A scalar user-defined function: `constexpr auto slugify = egret::udf<"slugify", std::string(std::string)>;`
/// then `slugify(t.name)` in queries; register its C++ code with the connection (`db.create_function`).
template <fixed_string Name, class Signature>
inline constexpr function_ref<Name, Signature, false> udf{};

/// A user-defined aggregate: `egret::udaf<"median", std::optional<double>(double)>`; register it with
/// `db.create_aggregate<State>(median, step, final)`.
template <fixed_string Name, class Signature>
inline constexpr function_ref<Name, Signature, true> udaf{};

}  // namespace egret
