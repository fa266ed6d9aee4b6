// Defines the regular-expression functions re_search(), re_extract(), re_replace(), and reverse(): text
// functions PostgreSQL has built in and SQLite lacks. On SQLite egret registers C++ implementations on
// every connection (sqlite/functions.hpp) under the names of the descriptors below; the dialects spell
// the calls (dialect/sqlite.hpp, dialect/postgres.hpp).
//
// Patterns: on SQLite, std::regex with the ECMAScript grammar, matching code points (not bytes); on
// PostgreSQL, its advanced regular expressions. Their common ground (literals, . [] [^] * + ? {m,n} ()
// | ^ $ \d \w \s) behaves alike; see docs/user_functions.md for the differences. Replacements use
// PostgreSQL's syntax on both: \1 ... \9 for a group, \& for the whole match, \\ for a backslash.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <egret/expr/call.hpp>
#include <egret/expr/udf.hpp>

namespace egret {

namespace detail::sqlite_udf {
/// `s REGEXP p` calls regexp(p, s): true when p matches somewhere in s.
inline constexpr auto regexp = udf<"regexp", bool(std::string_view, std::string_view)>;
/// egret_regexp_extract(s, p, group): group `group` of p's first match in s (0: the whole match), or NULL.
inline constexpr auto regexp_extract =
    udf<"egret_regexp_extract", std::optional<std::string>(std::string_view, std::string_view, std::int64_t)>;
/// egret_regexp_replace(s, p, r): every match of p in s replaced by r (\1 ... \9, \&, \\).
inline constexpr auto regexp_replace =
    udf<"egret_regexp_replace", std::string(std::string_view, std::string_view, std::string_view)>;
/// egret_reverse(s): s with its code points in reverse order.
inline constexpr auto reverse = udf<"egret_reverse", std::string(std::string_view)>;
}  // namespace detail::sqlite_udf

namespace detail {
/// Regex functions have no standard SQL spelling.
template <class D>
constexpr void no_regex_spelling() {
  static_assert(dependent_false<D>,
                "egret: regular expressions and reverse() have no standard SQL spelling; render them for "
                "dialect::sqlite or dialect::postgres");
}
}  // namespace detail

namespace fn {
struct re_search {
  static constexpr std::string_view name = "RegexSearch";
  static constexpr int precedence = prec::compare;
  template <class D, class S, class V, class... A>
  static constexpr void render(V&, A const*...) {
    egret::detail::no_regex_spelling<D>();
  }
};
struct re_extract {
  static constexpr std::string_view name = "RegexExtract";
  static constexpr bool nullable = true;  // no match, or the group did not take part
  template <class D, class S, class V, class... A>
  static constexpr void render(V&, A const*...) {
    egret::detail::no_regex_spelling<D>();
  }
};
struct re_replace {
  static constexpr std::string_view name = "RegexReplace";
  template <class D, class S, class V, class... A>
  static constexpr void render(V&, A const*...) {
    egret::detail::no_regex_spelling<D>();
  }
};
struct reverse {
  static constexpr std::string_view name = "Reverse";
  template <class D, class S, class V, class... A>
  static constexpr void render(V&, A const*...) {
    egret::detail::no_regex_spelling<D>();
  }
};
}  // namespace fn

namespace detail {
template <class E>
inline constexpr bool is_text_operand_v = is_text_v<value_type_t<as_expr_t<E>>>;
}

/// Whether the regular expression p matches somewhere in s (BOOLEAN): `re_search(t.name, "^a[0-9]+$")`.
/// Anchor with ^ and $ to match the whole string.
template <class S, class P>
  requires(is_operand_v<S> && is_operand_v<P>)
constexpr auto re_search(S const& s, P const& p) {
  static_assert(detail::is_text_operand_v<S> && detail::is_text_operand_v<P>,
                "egret: re_search() needs TEXT arguments (the string, the pattern)");
  return make_call<fn::re_search, bool>(s, p);
}

/// Group `group` of p's first match in s (TEXT), 0 meaning the whole match: `re_extract(t.code, "([a-z]+)-",
/// 1)`. NULL when p does not match, when the group does not exist or did not take part in the match.
template <class S, class P, class G>
  requires(is_operand_v<S> && is_operand_v<P> && is_operand_v<G>)
constexpr auto re_extract(S const& s, P const& p, G const& group) {
  static_assert(detail::is_text_operand_v<S> && detail::is_text_operand_v<P>,
                "egret: re_extract() needs TEXT for the string and the pattern");
  static_assert(is_integer_v<value_type_t<as_expr_t<G>>>, "egret: re_extract()'s group index must be an INTEGER");
  return make_call<fn::re_extract, std::string>(s, p, group);
}

/// s with every match of p replaced by r (TEXT). In r, \1 ... \9 stand for a group, \& for the whole match,
/// \\ for a backslash (PostgreSQL's syntax, on every dialect).
template <class S, class P, class R>
  requires(is_operand_v<S> && is_operand_v<P> && is_operand_v<R>)
constexpr auto re_replace(S const& s, P const& p, R const& r) {
  static_assert(detail::is_text_operand_v<S> && detail::is_text_operand_v<P> && detail::is_text_operand_v<R>,
                "egret: re_replace() needs TEXT arguments (the string, the pattern, the replacement)");
  return make_call<fn::re_replace, std::string>(s, p, r);
}

/// s with its characters (code points) in reverse order.
template <class S>
  requires is_operand_v<S>
constexpr auto reverse(S const& s) {
  static_assert(detail::is_text_operand_v<S>, "egret: reverse() needs a TEXT argument");
  return make_call<fn::reverse, std::string>(s);
}

}  // namespace egret
