// Defines raw_query, the escape hatch: SQL text written by hand (a compile-time string), with its result
// columns and its `?` parameters declared with C++ types. It runs as it is (`db.execute(r, args...)` gives
// typed rows) and is a relation like any other: `r.filter(...)`, `r.select(...)` and joins use it as a
// subquery in FROM, `(<text>) AS "t0"`.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <egret/core/hash.hpp>
#include <egret/relation/methods.hpp>

namespace egret {

/// A result column of a raw_query: its name and C++ type (`std::optional<T>` when it can be NULL).
template <fixed_string Name, class T>
struct out {
  static constexpr auto name = Name;
  using cpp_type = T;
  static_assert(is_sql_type_v<typename declared<T>::type>,
                "egret: out<> needs a SQL value type (std::int32_t, std::int64_t, double, bool, std::string, "
                "egret::date, egret::timestamp, or std::optional of one)");
};

/// A `?` parameter of a raw_query, in text order: the C++ type execute() must be given for it.
template <class T>
struct raw_param {
  using cpp_type = T;
  static_assert(is_sql_type_v<typename declared<T>::type>,
                "egret: raw_param<> needs a SQL value type (std::int32_t, std::int64_t, double, bool, "
                "std::string, egret::date, egret::timestamp, or std::optional of one)");
};

namespace detail {

/// What the scan of raw SQL text found.
struct raw_scan {
  std::size_t questions = 0;  ///< `?` placeholders outside quotes and comments
  bool numbered = false;      ///< `?1` or `$1`: placeholders egret does not number itself
  bool semicolon = false;     ///< a `;` outside quotes and comments
  bool unterminated = false;  ///< a quote or block comment left open
  bool ends_in_comment = false;  ///< a -- comment runs to the end: what follows the text needs a new line
};

/// Walks SQL text, skipping '...' strings, "..." and `...` identifiers, -- and /* */ comments; calls
/// at(i) for the offset of each `?`.
template <class F>
constexpr raw_scan scan_raw(std::string_view s, F&& at) {
  raw_scan r;
  std::size_t i = 0;
  auto const digit = [&](std::size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '9'; };
  while (i < s.size()) {
    char const c = s[i];
    if (c == '\'' || c == '"' || c == '`') {
      std::size_t j = i + 1;
      while (true) {
        if (j >= s.size()) {
          r.unterminated = true;
          return r;
        }
        if (s[j] == c) {
          if (j + 1 < s.size() && s[j + 1] == c) {
            j += 2;  // a doubled quote stands for itself
            continue;
          }
          break;
        }
        ++j;
      }
      i = j + 1;
    } else if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      while (i < s.size() && s[i] != '\n') ++i;
      r.ends_in_comment = i == s.size();
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      std::size_t const end = s.find("*/", i + 2);
      if (end == std::string_view::npos) {
        r.unterminated = true;
        return r;
      }
      i = end + 2;
    } else {
      if (c == '?') {
        if (digit(i + 1)) r.numbered = true;
        at(i);
        ++r.questions;
      } else if (c == '$' && digit(i + 1)) {
        r.numbered = true;
      } else if (c == ';') {
        r.semicolon = true;
      }
      ++i;
    }
  }
  return r;
}

template <fixed_string Text>
inline constexpr raw_scan raw_scan_of = scan_raw(Text.view(), [](std::size_t) {});

/// The offsets of the `?` of Text.
template <fixed_string Text>
inline constexpr auto raw_marks = [] {
  std::array<std::size_t, raw_scan_of<Text>.questions> marks{};
  std::size_t n = 0;
  scan_raw(Text.view(), [&](std::size_t i) { marks[n++] = i; });
  return marks;
}();

/// A name no user param<> can have: `?<hash of the raw relation>.<index>`, so that two raw relations in
/// one query bind their own values.
template <std::uint64_t Id, std::size_t I>
inline constexpr auto raw_param_name = [] {
  fixed_string<1 + 16 + 1 + 6> s;
  s.data[0] = '?';
  for (int k = 0; k < 16; ++k) s.data[1 + k] = "0123456789abcdef"[(Id >> (60 - 4 * k)) & 0xf];
  s.data[17] = '.';
  std::size_t x = I;
  for (int k = 5; k >= 0; --k, x /= 10) s.data[18 + k] = static_cast<char>('0' + x % 10);
  return s;
}();

/// The placeholder of the I-th `?` of raw relation Raw: bound from execute()'s arguments like a param<>.
template <class Raw, std::size_t I, class T>
struct raw_param_slot {
  static constexpr auto name = raw_param_name<type_hash<Raw>(), I>;
  using cpp_type = T;
};

template <class Self, class Decl>
struct raw_decl {
  static_assert(dependent_false<Decl>,
                "egret: raw_query<text, ...> takes out<\"name\", T> (result columns) and raw_param<T> (the ? "
                "parameters, in order)");
  using columns = type_list<>;
  using params = type_list<>;
};
template <class Self, fixed_string Name, class T>
struct raw_decl<Self, out<Name, T>> {
  using columns = type_list<column_ref<Self, Name, typename declared<T>::type, declared<T>::nullable>>;
  using params = type_list<>;
};
template <class Self, class T>
struct raw_decl<Self, raw_param<T>> {
  using columns = type_list<>;
  using params = type_list<T>;
};

template <class Cols>
struct unique_names;
template <class... Cs>
struct unique_names<type_list<Cs...>> {
  static constexpr bool value = ((find_by_name<Cs::name>(type_list<Cs...>{}).count == 1) && ...);
};

}  // namespace detail

/// SQL text used as is, named Alias when it is a FROM item (`t<i>` when empty). Decls are out<"name", T>
/// (its result columns, in order) and raw_param<T> (its `?` placeholders, in text order). Prefer the
/// alias raw_query; `.as<"name">()` names it.
template <fixed_string Text, fixed_string Alias, class... Decls>
struct raw_relation : relation_methods<raw_relation<Text, Alias, Decls...>> {
  static constexpr int stage = stage::from;
  static constexpr bool is_statement = true;
  static constexpr auto alias = Alias;
  static constexpr auto text = Text;

  /// The declared result columns, whose source is this relation.
  using result_columns = concat_t<typename detail::raw_decl<raw_relation, Decls>::columns...>;
  /// The declared C++ types of the `?` parameters, in text order.
  using param_types = concat_t<typename detail::raw_decl<raw_relation, Decls>::params...>;

  static constexpr detail::raw_scan scan = detail::raw_scan_of<Text>;
  static_assert(!scan.unterminated, "egret: raw_query text leaves a quote or a /* comment open");
  static_assert(!scan.semicolon, "egret: raw_query text holds one statement, without ';'");
  static_assert(!scan.numbered,
                "egret: raw_query placeholders are plain ? (egret numbers them itself, $1, $2... for PostgreSQL)");
  static_assert(scan.questions == param_types::size,
                "egret: raw_query text has a different number of ? placeholders than raw_param<> declarations; "
                "declare one raw_param<T> per ?, in text order");
  static_assert(detail::unique_names<result_columns>::value, "egret: two out<> columns of a raw_query have the same name");

  /// The text, alone: what `db.execute(r, args...)` runs.
  template <class D, class V>
  static constexpr void render_statement(V& v, raw_relation const*) {
    write_text<D>(v, std::make_index_sequence<scan.questions>{});
  }

  /// As a FROM item: `(<text>) AS "alias"`.
  template <class D, class S, class V>
  static constexpr void render_from(V& v, raw_relation const*) {
    v.ch('(');
    write_text<D>(v, std::make_index_sequence<scan.questions>{});
    v.ch(')');
    v.text(D::table_alias_keyword);
    S::template write_alias<D, raw_relation>(v);
  }

  /// The same text named `name` in FROM: `(<text>) AS "name"`. Its columns are the new relation's.
  template <fixed_string Name>
  constexpr raw_relation<Text, Name, Decls...> as() const {
    return {};
  }

 private:
  template <class D, class V, std::size_t... Is>
  static constexpr void write_text(V& v, std::index_sequence<Is...>) {
    if constexpr (sizeof...(Is) == param_types::size) {  // else the count rule fired
      constexpr std::string_view t = Text.view();
      std::size_t prev = 0;
      ((v.text(t.substr(prev, detail::raw_marks<Text>[Is] - prev)),
        D::template placeholder<D>(
            v, v.template named_param<detail::raw_param_slot<raw_relation, Is, at_t<Is, param_types>>>()),
        prev = detail::raw_marks<Text>[Is] + 1),
       ...);
      v.text(t.substr(prev));
      if constexpr (scan.ends_in_comment) v.ch('\n');  // so that `) AS ...` or ` RETURNING` is not commented out
    }
  }
};

/// SQL written by hand, with its result columns and parameters declared:
///
///     egret::raw_query<"SELECT id, name FROM t WHERE id > ?", egret::out<"id", std::int64_t>,
///                      egret::out<"name", std::optional<std::string>>, egret::raw_param<std::int64_t>> r;
///     for (auto const& row : db.execute(r, 10)) row.get<"name">();
///
/// The text is used as is (it is written in the target engine's SQL); each `?` is bound from execute()'s
/// arguments in text order (spelled $1, $2... for PostgreSQL). The number of `?` must match the
/// raw_param<> declarations (a compile error otherwise). Use it as a relation: `r.filter(r["id"_c] > 5)`
/// makes it a subquery. The declared columns are trusted: a NULL in a column declared NOT NULL throws
/// egret::type_error when read.
template <fixed_string Text, class... Decls>
using raw_query = raw_relation<Text, fixed_string<0>{}, Decls...>;

}  // namespace egret
