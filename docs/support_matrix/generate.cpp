// Writes docs/support-matrix.md: what each dialect in egret::dialect::all (and dialect::ansi, the reference)
// does with each capability, piece of syntax, type and function, derived from the dialect traits alone.
// No cell is written by hand: a new dialect appended to dialect::all gets its column on the next run.
//
//   egret_support_matrix [output.md]          (stdout without an argument)
//   cmake --build --preset gcc --target support_matrix      (writes docs/support-matrix.md)
//
// How each kind of row is decided (the same text is the legend of the generated file):
//
//  * capabilities: one row per `dialect::feature` (feature_count, feature_description): `has<D>(f)` ->
//    native; otherwise emulated_when_missing(f) -> emulated, else unsupported.
//  * syntax and types: the dialect's own hooks run on a sample (quote_identifier, placeholder,
//    bool_literal, string_literal, temporal_literal, type_name; LIMIT/OFFSET is a query rendered with
//    to_sql's visitor); the cell shows what they write. Boolean literals: `has_boolean_literals` -> native,
//    else emulated (1/0).
//  * functions and aggregates: a probe call over columns is rendered at compile time twice: through D, and
//    through D with `family = ansi_family` (the default spellings, every other hook D's). Then
//      unsupported: the dialect renders nothing for it (a function with no standard SQL spelling that the
//        family does not spell: its static_assert depends on the dialect and is switched off for the
//        probe), or rendering it records a feature D lacks or a rejection (dialect::use / dialect::reject);
//      else the spelling in force S is the family's (spelling<D::family, Fn>, aggregate_spelling<...>) when
//        the two texts differ, else the default (Fn itself);
//      emulated: S declares `static constexpr bool emulated = true`, or S is a sql_template<Body> (found by
//        deduction from its base) whose Body is more than one call of a function over the arguments in
//        order, `NAME($1, ..., $n)`, or one operator between them, `$1 OP $2` (OP: keywords or symbols,
//        no parentheses, quotes or commas: `$1 ILIKE $2`, `$1 STARTING WITH $2`) (and S has no
//        `emulated = false`);
//      standard: S is the default spelling; native: S is the family's own.
#include <egret/dialect/all.hpp>
#include <egret/egret.hpp>

// A project's own dialects as extra columns (docs/adding-a-dialect.md):
//   -DEGRET_SUPPORT_MATRIX_INCLUDE='"my/dialect.hpp"' -DEGRET_SUPPORT_MATRIX_EXTRA=my::dialect[,my::other]
#ifdef EGRET_SUPPORT_MATRIX_INCLUDE
#include EGRET_SUPPORT_MATRIX_INCLUDE
#endif
#ifndef EGRET_SUPPORT_MATRIX_EXTRA
#define EGRET_SUPPORT_MATRIX_EXTRA
#endif

#include <array>
#include <cstddef>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace sm {

EGRET_TABLE(t, (i, std::int64_t), (n, std::int32_t), (x, double), (y, double), (s, std::string),
            (u, std::string), (w, std::string), (b, bool), (d, egret::date), (e, egret::date),
            (ts, egret::timestamp));

/// D itself, renamed so that the "no standard spelling" assertions can be switched off for it (below).
template <class D>
struct probe : D {};
/// D with the default (ANSI) function spellings: every hook and flag D's, the family ansi's.
template <class D>
struct ansi_probe : D {
  using family = egret::dialect::ansi_family;
};

}  // namespace sm

namespace egret {
// The fallback spellings of functions without standard SQL assert dependent_false<D>: for the probes
// they render nothing instead, which the matrix reads as "unsupported".
template <class D>
inline constexpr bool dependent_false<sm::probe<D>> = true;
template <class D>
inline constexpr bool dependent_false<sm::ansi_probe<D>> = true;
}  // namespace egret

namespace sm {

namespace dl = egret::dialect;

// ---- rendering a probe at compile time ---------------------------------------------------------------

inline constexpr std::size_t text_capacity = 2048;

struct rendered {
  std::array<char, text_capacity> text{};
  std::size_t size = 0;
  dl::feature_set features = 0;
  bool fits = true;
  constexpr std::string_view view() const { return {text.data(), size}; }
};

/// Q rendered for D with the visitor to_sql uses (render::counter), text and recorded features.
template <class D, class Q>
constexpr rendered render_probe() {
  rendered r;
  egret::render::counter count;
  egret::detail::render_query<D>(count, static_cast<Q const*>(nullptr));
  r.features = count.features;
  if (count.size > text_capacity) {
    r.fits = false;
    return r;
  }
  egret::render::counter write;
  write.out = r.text.data();
  egret::detail::render_query<D>(write, static_cast<Q const*>(nullptr));
  r.size = write.size;
  return r;
}

template <class D, class Q>
inline constexpr rendered probe_text = render_probe<D, Q>();

// ---- classifying a spelling --------------------------------------------------------------------------

enum class support { standard, native, emulated, unsupported };

constexpr std::string_view word(support s) {
  switch (s) {
    case support::standard: return "standard";
    case support::native: return "native";
    case support::emulated: return "emulated";
    case support::unsupported: return "unsupported";
  }
  return {};
}

/// The body of a sql_template spelling (deduced from S's base class).
template <egret::fixed_string Body>
constexpr std::string_view template_body(egret::sql_template<Body> const*) {
  return Body.view();
}
template <class S>
concept is_sql_template = requires(S const* s) { sm::template_body(s); };

constexpr bool is_name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
}

/// `NAME($1, $2, ..., $n)` or `$1 OP $2`: the engine's own function or operator, each argument once.
constexpr bool is_direct_template(std::string_view b) {
  // $1 OP $2
  if (b.size() > 6 && b.substr(0, 3) == "$1 " && b.substr(b.size() - 3) == " $2") {
    std::string_view const op = b.substr(3, b.size() - 6);
    bool plain = !op.empty();
    for (char c : op)
      if (c == '$' || c == '(' || c == ')' || c == '\'' || c == '"' || c == ',') plain = false;
    if (plain) return true;
  }
  // NAME($1, ..., $n)
  std::size_t i = 0;
  while (i < b.size() && is_name_char(b[i])) ++i;
  if (i == 0 || i >= b.size() || b[i] != '(' || b.back() != ')') return false;
  std::string_view args = b.substr(i + 1, b.size() - i - 2);
  char k = '1';
  while (!args.empty()) {
    if (args.size() < 2 || args[0] != '$' || args[1] != k) return false;
    args.remove_prefix(2);
    if (!args.empty()) {
      if (args.substr(0, 2) != ", ") return false;
      args.remove_prefix(2);
      if (args.empty()) return false;
    }
    ++k;
  }
  return k > '1';
}

/// Whether spelling S is an emulation: its `emulated` marker, else whether it is a sql_template that is
/// more than the engine's function or operator.
template <class S>
constexpr bool is_emulation() {
  if constexpr (requires { S::emulated; })
    return static_cast<bool>(S::emulated);
  else if constexpr (is_sql_template<S>)
    return !is_direct_template(sm::template_body(static_cast<S const*>(nullptr)));
  else
    return false;
}

/// The spelling of Fn for family F: spelling<F, Fn>, or aggregate_spelling<F, Fn> for an aggregate.
template <class F, class Fn, bool Aggregate>
using spelling_of = std::conditional_t<Aggregate, egret::aggregate_spelling<F, Fn>, egret::spelling<F, Fn>>;

template <class D, class Fn, bool Aggregate, class Q>
constexpr support classify() {
  constexpr rendered const& own = probe_text<probe<D>, Q>;
  constexpr rendered const& deflt = probe_text<ansi_probe<D>, Q>;
  static_assert(own.fits && deflt.fits, "support matrix: a probe's SQL is longer than text_capacity");
  if (own.size == 0 || (own.features & (dl::missing<D> | dl::rejections)) != 0) return support::unsupported;
  if (own.view() == deflt.view()) return is_emulation<Fn>() ? support::emulated : support::standard;
  return is_emulation<spelling_of<typename D::family, Fn, Aggregate>>() ? support::emulated : support::native;
}

// ---- the table -------------------------------------------------------------------------------------

struct row {
  std::string label;
  std::vector<std::string> cells;
};
struct section {
  std::string title;
  std::string first;  ///< the heading of the first column
  std::string note;
  std::vector<row> rows;
};

template <class L, class D>
inline constexpr bool contains = false;
template <class... Ds, class D>
inline constexpr bool contains<egret::type_list<Ds...>, D> = (std::is_same_v<Ds, D> || ...);

/// The columns: dialect::ansi (the reference) unless dialect::all has it, then dialect::all in its order,
/// then EGRET_SUPPORT_MATRIX_EXTRA.
template <class L, class Extra>
struct with_reference;
template <class... Ds, class... Extra>
struct with_reference<egret::type_list<Ds...>, egret::type_list<Extra...>> {
  using type = std::conditional_t<contains<egret::type_list<Ds...>, dl::ansi>, egret::type_list<Ds..., Extra...>,
                                  egret::type_list<dl::ansi, Ds..., Extra...>>;
};
using columns = typename with_reference<dl::all, egret::type_list<EGRET_SUPPORT_MATRIX_EXTRA>>::type;

template <class F, class... Ds>
std::vector<std::string> each_dialect(egret::type_list<Ds...>, F f) {
  return {f(static_cast<Ds const*>(nullptr))...};
}
template <class F>
std::vector<std::string> each_dialect(F f) {
  return each_dialect(columns{}, f);
}

/// s as Markdown inline code: between `` `` `` when it holds a backquote, `|` escaped (a table cell).
std::string code(std::string_view s) {
  bool const ticks = s.find('`') != std::string_view::npos;
  std::string r = ticks ? "`` " : "`";
  for (char c : s) {
    if (c == '|')
      r += "\\|";
    else
      r += c;
  }
  return r + (ticks ? " ``" : "`");
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

/// A visitor for the hooks run at run time (temporal_literal is not constexpr).
struct text_visitor {
  std::string out;
  void text(std::string_view s) { out += s; }
  void ch(char c) { out += c; }
  void number(long long x) { out += std::to_string(x); }
};

template <class Fn, bool Aggregate, class Q>
row function_row(std::string label, Q const&) {
  return {code(label), each_dialect([](auto const* d) {
            using Dl = std::remove_cvref_t<decltype(*d)>;
            constexpr support s = classify<Dl, Fn, Aggregate, Q>();
            return std::string(word(s));
          })};
}

template <class Fn, class Q>
row fn_row(std::string label, Q const& q) {
  return function_row<Fn, false>(std::move(label), q);
}
template <class Fn, class Q>
row agg_row(std::string label, Q const& q) {
  return function_row<Fn, true>(std::move(label), q);
}

section capabilities() {
  section s{"Capabilities", "feature",
            "One row per `egret::dialect::feature` (dialect/capability.hpp), read from the dialect's "
            "`has_<feature>` flag.",
            {}};
  for (unsigned i = 0; i < dl::feature_count; ++i) {
    auto const f = static_cast<dl::feature>(i);
    s.rows.push_back({std::string(dl::feature_description(f)), each_dialect([f](auto const* d) {
                        using D = std::remove_cvref_t<decltype(*d)>;
                        return std::string(dl::has<D>(f)                  ? "native"
                                           : dl::emulated_when_missing(f) ? "emulated"
                                                                          : "unsupported");
                      })});
  }
  return s;
}

constexpr t c{};

section syntax() {
  section s{"Syntax", "construct", "What the dialect's hooks write for a sample.", {}};
  s.rows.push_back({"identifier quoting", each_dialect([](auto const* d) {
                      using D = std::remove_cvref_t<decltype(*d)>;
                      text_visitor v;
                      D::template quote_identifier<D>(v, "order");
                      return code(v.out);
                    })});
  s.rows.push_back({"placeholders", each_dialect([](auto const* d) {
                      using D = std::remove_cvref_t<decltype(*d)>;
                      text_visitor v;
                      D::template placeholder<D>(v, 1);
                      v.text(", ");
                      D::template placeholder<D>(v, 2);
                      return code(v.out);
                    })});
  s.rows.push_back({"boolean literals", each_dialect([](auto const* d) {
                      using D = std::remove_cvref_t<decltype(*d)>;
                      text_visitor v;
                      D::template bool_literal<D>(v, true);
                      v.text(" / ");
                      D::template bool_literal<D>(v, false);
                      return std::string(D::has_boolean_literals ? "native " : "emulated ") + code(v.out);
                    })});
  s.rows.push_back({"string literal", each_dialect([](auto const* d) {
                      using D = std::remove_cvref_t<decltype(*d)>;
                      text_visitor v;
                      D::template string_literal<D>(v, "it's");
                      return code(v.out);
                    })});
  s.rows.push_back({"date literal", each_dialect([](auto const* d) {
                      using D = std::remove_cvref_t<decltype(*d)>;
                      text_visitor v;
                      D::template temporal_literal<D>(v, egret::date{2024, 2, 29});
                      return code(v.out);
                    })});
  s.rows.push_back({"timestamp literal", each_dialect([](auto const* d) {
                      using D = std::remove_cvref_t<decltype(*d)>;
                      text_visitor v;
                      D::template temporal_literal<D>(v, egret::timestamp{egret::date{2024, 2, 29}, 13, 5, 9});
                      return code(v.out);
                    })});
  // Traits that not every version of dialect::ansi has: a row only where ansi declares them.
  if constexpr (requires { dl::ansi::has_boolean_expressions; })
    s.rows.push_back({"BOOLEAN value as a condition, condition as a value", each_dialect([](auto const* d) {
                        using D = std::remove_cvref_t<decltype(*d)>;
                        return std::string(D::has_boolean_expressions ? "native" : "emulated (`x = 1`, `CASE WHEN`)");
                      })});
  if constexpr (requires { dl::ansi::table_alias_keyword; })
    s.rows.push_back({"table alias", each_dialect([](auto const* d) {
                        using D = std::remove_cvref_t<decltype(*d)>;
                        text_visitor v;
                        D::template quote_identifier<D>(v, "orders");
                        v.text(D::table_alias_keyword);
                        D::template quote_identifier<D>(v, "o");
                        return code(v.out);
                      })});
  if constexpr (requires { dl::ansi::select_without_from; })
    s.rows.push_back({"SELECT without a table", each_dialect([](auto const* d) {
                        using D = std::remove_cvref_t<decltype(*d)>;
                        return code(std::string("SELECT 1") + std::string(D::select_without_from));
                      })});
  if constexpr (requires { dl::ansi::except_keyword; })
    s.rows.push_back({"set difference", each_dialect([](auto const* d) {
                        using D = std::remove_cvref_t<decltype(*d)>;
                        return code(trimmed(D::except_keyword));
                      })});
  if constexpr (requires { dl::ansi::with_recursive_keyword; })
    s.rows.push_back({"recursive WITH", each_dialect([](auto const* d) {
                        using D = std::remove_cvref_t<decltype(*d)>;
                        return code(trimmed(D::with_recursive_keyword));
                      })});
  if constexpr (requires { dl::ansi::has_cte_column_list; })
    s.rows.push_back({"CTE column list `WITH t(a, b) AS`", each_dialect([](auto const* d) {
                        using D = std::remove_cvref_t<decltype(*d)>;
                        return std::string(D::has_cte_column_list ? "native" : "emulated (names from the select list)");
                      })});
  s.rows.push_back({"LIMIT n OFFSET m, after ORDER BY", each_dialect([](auto const* d) {
                      using D = std::remove_cvref_t<decltype(*d)>;
                      using Q = decltype(c.order_by(c.i).limit(10, 5));
                      using P = decltype(c.order_by(c.i));
                      constexpr rendered const& q = probe_text<probe<D>, Q>;
                      constexpr rendered const& p = probe_text<probe<D>, P>;
                      if ((q.features & (dl::missing<D> | dl::rejections)) != 0) return std::string("unsupported");
                      std::string_view text = q.view();
                      if (text.substr(0, p.size) == p.view()) return "… " + code(text.substr(p.size));
                      return code(text);
                    })});
  return s;
}

template <class T>
row type_row(std::string label) {
  return {std::move(label), each_dialect([](auto const* d) {
            using D = std::remove_cvref_t<decltype(*d)>;
            std::string_view const column = D::template type_name<D, T>();
            std::string_view const cast = D::template cast_type_name<D, T>();
            return column == cast ? code(column) : code(column) + " (CAST: " + code(cast) + ")";
          })};
}

section types() {
  section s{"Types", "C++ type", "`type_name<D, T>()`: the column type in `create_table_sql`, also the target of `cast<T>()` unless the cell names `cast_type_name<D, T>()`'s.", {}};
  s.rows.push_back(type_row<std::int32_t>("`std::int32_t`"));
  s.rows.push_back(type_row<std::int64_t>("`std::int64_t`"));
  s.rows.push_back(type_row<double>("`double`"));
  s.rows.push_back(type_row<bool>("`bool`"));
  s.rows.push_back(type_row<std::string>("`std::string`"));
  s.rows.push_back(type_row<egret::date>("`egret::date`"));
  s.rows.push_back(type_row<egret::timestamp>("`egret::timestamp`"));
  return s;
}

namespace fn = egret::fn;
namespace agg = egret::agg;
using egret::date_part;
using egret::time_unit;

section numeric() {
  section s{"Numeric functions", "function", "x, y: DOUBLE; i: BIGINT.", {}};
  s.rows.push_back(fn_row<fn::abs>("abs(x)", egret::abs(c.x)));
  s.rows.push_back(fn_row<fn::ceil>("ceil(x)", egret::ceil(c.x)));
  s.rows.push_back(fn_row<fn::floor>("floor(x)", egret::floor(c.x)));
  s.rows.push_back(fn_row<fn::round>("round(x)", egret::round(c.x)));
  s.rows.push_back(fn_row<fn::round>("round(i)", egret::round(c.i)));
  s.rows.push_back(fn_row<fn::sign>("sign(x)", egret::sign(c.x)));
  s.rows.push_back(fn_row<fn::sqrt>("sqrt(x)", egret::sqrt(c.x)));
  s.rows.push_back(fn_row<fn::exp>("exp(x)", egret::exp(c.x)));
  s.rows.push_back(fn_row<fn::ln>("ln(x)", egret::ln(c.x)));
  s.rows.push_back(fn_row<fn::log10>("log10(x)", egret::log10(c.x)));
  s.rows.push_back(fn_row<fn::log>("log(x, y)", egret::log(c.x, c.y)));
  s.rows.push_back(fn_row<fn::power>("power(x, y)", egret::power(c.x, c.y)));
  s.rows.push_back(fn_row<fn::mod>("mod(i, i)", egret::mod(c.i, c.i)));
  s.rows.push_back(fn_row<fn::mod>("mod(x, y)", egret::mod(c.x, c.y)));
  s.rows.push_back(fn_row<fn::greatest>("greatest(x, y)", egret::greatest(c.x, c.y)));
  s.rows.push_back(fn_row<fn::least>("least(x, y)", egret::least(c.x, c.y)));
  return s;
}

section text() {
  section s{"Text functions", "function", "s, u, w: TEXT; n: INTEGER.", {}};
  s.rows.push_back(fn_row<fn::length>("length(s)", egret::length(c.s)));
  s.rows.push_back(fn_row<fn::lower>("lower(s)", egret::lower(c.s)));
  s.rows.push_back(fn_row<fn::upper>("upper(s)", egret::upper(c.s)));
  s.rows.push_back(fn_row<fn::trim>("trim(s)", egret::trim(c.s)));
  s.rows.push_back(fn_row<fn::ltrim>("ltrim(s)", egret::ltrim(c.s)));
  s.rows.push_back(fn_row<fn::rtrim>("rtrim(s)", egret::rtrim(c.s)));
  s.rows.push_back(fn_row<fn::lpad>("lpad(s, n, u)", egret::lpad(c.s, c.n, c.u)));
  s.rows.push_back(fn_row<fn::rpad>("rpad(s, n, u)", egret::rpad(c.s, c.n, c.u)));
  s.rows.push_back(fn_row<fn::substr>("substr(s, n, n)", egret::substr(c.s, c.n, c.n)));
  s.rows.push_back(fn_row<fn::left>("left(s, n)", egret::left(c.s, c.n)));
  s.rows.push_back(fn_row<fn::right>("right(s, n)", egret::right(c.s, c.n)));
  s.rows.push_back(fn_row<fn::replace>("replace(s, u, w)", egret::replace(c.s, c.u, c.w)));
  s.rows.push_back(fn_row<fn::repeat>("repeat(s, n)", egret::repeat(c.s, c.n)));
  s.rows.push_back(fn_row<fn::contains>("contains(s, u)", egret::contains(c.s, c.u)));
  s.rows.push_back(fn_row<fn::startswith>("startswith(s, u)", egret::startswith(c.s, c.u)));
  s.rows.push_back(fn_row<fn::endswith>("endswith(s, u)", egret::endswith(c.s, c.u)));
  s.rows.push_back(fn_row<fn::find>("find(s, u)", egret::find(c.s, c.u)));
  s.rows.push_back(fn_row<fn::ilike>("ilike(s, u)", egret::ilike(c.s, c.u)));
  s.rows.push_back(fn_row<fn::concat>("concat(s, u)", egret::concat(c.s, c.u)));
  s.rows.push_back(fn_row<fn::reverse>("reverse(s)", egret::reverse(c.s)));
  s.rows.push_back(fn_row<fn::re_search>("re_search(s, u)", egret::re_search(c.s, c.u)));
  s.rows.push_back(fn_row<fn::re_extract>("re_extract(s, u, n)", egret::re_extract(c.s, c.u, c.n)));
  s.rows.push_back(fn_row<fn::re_replace>("re_replace(s, u, w)", egret::re_replace(c.s, c.u, c.w)));
  return s;
}

template <date_part P>
row extract_row(std::string label) {
  return fn_row<fn::extract<P>>(std::move(label), egret::extract<P>(c.ts));
}
template <time_unit U, class E>
row truncate_row(std::string label, E const& e) {
  return fn_row<fn::truncate<U>>(std::move(label), egret::truncate<U>(e));
}

section datetime() {
  section s{"Date and time functions", "function", "d, e: DATE; ts: TIMESTAMP; n: INTEGER.", {}};
  s.rows.push_back(extract_row<date_part::year>("year(ts)"));
  s.rows.push_back(extract_row<date_part::quarter>("quarter(ts)"));
  s.rows.push_back(extract_row<date_part::month>("month(ts)"));
  s.rows.push_back(extract_row<date_part::day>("day(ts)"));
  s.rows.push_back(extract_row<date_part::day_of_week>("day_of_week(ts)"));
  s.rows.push_back(extract_row<date_part::day_of_year>("day_of_year(ts)"));
  s.rows.push_back(extract_row<date_part::hour>("hour(ts)"));
  s.rows.push_back(extract_row<date_part::minute>("minute(ts)"));
  s.rows.push_back(extract_row<date_part::second>("second(ts)"));
  s.rows.push_back(truncate_row<time_unit::year>("truncate<year>(d)", c.d));
  s.rows.push_back(truncate_row<time_unit::quarter>("truncate<quarter>(d)", c.d));
  s.rows.push_back(truncate_row<time_unit::month>("truncate<month>(d)", c.d));
  s.rows.push_back(truncate_row<time_unit::week>("truncate<week>(d)", c.d));
  s.rows.push_back(truncate_row<time_unit::day>("truncate<day>(ts)", c.ts));
  s.rows.push_back(truncate_row<time_unit::hour>("truncate<hour>(ts)", c.ts));
  s.rows.push_back(truncate_row<time_unit::minute>("truncate<minute>(ts)", c.ts));
  s.rows.push_back(fn_row<fn::shift<time_unit::day, false>>("d + days(n)", c.d + egret::days(c.n)));
  s.rows.push_back(fn_row<fn::shift<time_unit::day, true>>("d - days(n)", c.d - egret::days(c.n)));
  s.rows.push_back(fn_row<fn::shift<time_unit::week, false>>("d + weeks(n)", c.d + egret::weeks(c.n)));
  s.rows.push_back(fn_row<fn::shift<time_unit::month, false>>("d + months(n)", c.d + egret::months(c.n)));
  s.rows.push_back(fn_row<fn::shift<time_unit::year, false>>("d + years(n)", c.d + egret::years(c.n)));
  s.rows.push_back(fn_row<fn::shift<time_unit::hour, false>>("ts + hours(n)", c.ts + egret::hours(c.n)));
  s.rows.push_back(fn_row<fn::shift<time_unit::minute, false>>("ts + minutes(n)", c.ts + egret::minutes(c.n)));
  s.rows.push_back(fn_row<fn::shift<time_unit::second, false>>("ts + seconds(n)", c.ts + egret::seconds(c.n)));
  s.rows.push_back(fn_row<fn::days_between>("days_between(d, e)", egret::days_between(c.d, c.e)));
  s.rows.push_back(fn_row<fn::strftime<"%Y-%m-%d %H:%M">>("strftime<\"%Y-%m-%d %H:%M\">(ts)",
                                                          egret::strftime<"%Y-%m-%d %H:%M">(c.ts)));
  s.rows.push_back(fn_row<fn::current_date>("current_date()", egret::current_date()));
  s.rows.push_back(fn_row<fn::current_timestamp>("current_timestamp()", egret::current_timestamp()));
  return s;
}

section nulls() {
  section s{"NULL functions", "function", "", {}};
  s.rows.push_back(fn_row<fn::nullif>("nullif(x, y)", egret::nullif(c.x, c.y)));
  s.rows.push_back(fn_row<fn::identical_to>("identical_to(x, y)", egret::identical_to(c.x, c.y)));
  return s;
}

section aggregates() {
  section s{"Aggregates", "aggregate", "Spelled by `aggregate_spelling<family, agg::X>` (expr/aggregate.hpp).", {}};
  s.rows.push_back(agg_row<agg::count>("count()", egret::count()));
  s.rows.push_back(agg_row<agg::count>("count_distinct(s)", egret::count_distinct(c.s)));
  s.rows.push_back(agg_row<agg::sum>("sum(x)", egret::sum(c.x)));
  s.rows.push_back(agg_row<agg::mean>("mean(x)", egret::mean(c.x)));
  s.rows.push_back(agg_row<agg::min>("min(x)", egret::min(c.x)));
  s.rows.push_back(agg_row<agg::max>("max(x)", egret::max(c.x)));
  s.rows.push_back(agg_row<agg::any>("any(b)", egret::any(c.b)));
  s.rows.push_back(agg_row<agg::all>("all(b)", egret::all(c.b)));
  s.rows.push_back(agg_row<agg::group_concat>("group_concat(s, str<\",\">)",
                                              egret::group_concat(c.s, egret::str<",">)));
  s.rows.push_back(agg_row<agg::var_samp>("var_samp(x)", egret::var_samp(c.x)));
  s.rows.push_back(agg_row<agg::var_pop>("var_pop(x)", egret::var_pop(c.x)));
  s.rows.push_back(agg_row<agg::stddev_samp>("stddev_samp(x)", egret::stddev_samp(c.x)));
  s.rows.push_back(agg_row<agg::stddev_pop>("stddev_pop(x)", egret::stddev_pop(c.x)));
  return s;
}

std::string cell(std::string const& s) {
  std::string r;
  for (char ch : s) r += ch == '\n' ? ' ' : ch;
  return r;
}

void write_table(std::ostream& out, std::vector<std::string> const& dialects, section const& s) {
  out << "## " << s.title << "\n\n";
  if (!s.note.empty()) out << s.note << "\n\n";
  out << "| " << s.first << " |";
  for (auto const& h : dialects) out << ' ' << h << " |";
  out << "\n| --- |";
  for (std::size_t i = 0; i < dialects.size(); ++i) out << " --- |";
  out << '\n';
  for (auto const& r : s.rows) {
    out << "| " << r.label << " |";
    for (auto const& v : r.cells) out << ' ' << cell(v) << " |";
    out << '\n';
  }
  out << '\n';
}

void write(std::ostream& out) {
  std::vector<std::string> const header = each_dialect([](auto const* d) {
    using D = std::remove_cvref_t<decltype(*d)>;
    return std::string(D::name);
  });

  out << "# Dialect support matrix\n\n"
         "<!-- Generated by docs/support_matrix/generate.cpp; do not edit. Regenerate with\n"
         "     cmake --build --preset gcc --target support_matrix\n"
         "     (CTest docs.support_matrix_current fails when this file is out of date.) -->\n\n"
         "Generated from the dialect traits by `cmake --build --preset gcc --target support_matrix` "
         "(docs/support_matrix/generate.cpp): every cell is computed at compile time from the dialects in "
         "`egret::dialect::all`, with `egret::dialect::ansi` as the reference column. Nothing here is written "
         "by hand; to change a cell, change the dialect. See [dialects.md](dialects.md) and "
         "[adding-a-dialect.md](adding-a-dialect.md).\n\n"
         "Executed: the SQLite, PostgreSQL, MariaDB and DuckDB columns are run by egret's backends "
         "(`egret::sqlite`, `egret::postgres`, `egret::mysql`, `egret::duckdb`) in the conformance suite, on every "
         "CI run: each case on each of them, the 22 TPC-H queries, the jaffle shop pipeline, 10,000 random "
         "differential queries compared with SQLite. Where an engine answers otherwise, the case carries a mark "
         "with its reason, listed per backend in [conformance.md](conformance.md) (DuckDB: "
         "[duckdb.md](duckdb.md#conformance)). MySQL shares MariaDB's backend but is not run in CI; the other "
         "columns are rendered only, checked by golden tests (tests/golden/).\n\n"
         "Legend:\n\n"
         "- `native`: the engine does it itself. For a capability, the dialect's `has_<feature>` flag is true; "
         "for a function or aggregate, the dialect family spells it its own way (`spelling<family, fn::X>`, "
         "`aggregate_spelling<family, agg::X>`) with the engine's own function or operator.\n"
         "- `standard`: a function or aggregate spelled as egret's default (what `dialect::ansi` writes): "
         "the family has no spelling of its own for it.\n"
         "- `emulated`: egret writes an equivalent construct. For a capability, the flag is false and "
         "egret rewrites the clause (FILTER as CASE, NULLS FIRST/LAST as an extra sort key). For a function, "
         "the spelling in force declares `static constexpr bool emulated = true`, or is a `sql_template` "
         "that is more than one call `NAME($1, ..., $n)` or one operator `$1 OP $2` over the arguments.\n"
         "- `unsupported`: using it is a compile-time error for this dialect (a capability flag that is "
         "false and not emulated, a function with no spelling for the dialect, or a spelling that needs a "
         "feature the dialect lacks).\n"
         "- Syntax and type rows show what the dialect's hooks write.\n\n";
  for (auto const& s : {capabilities(), syntax(), types(), numeric(), text(), datetime(), nulls(), aggregates()})
    write_table(out, header, s);
}

}  // namespace sm

int main(int argc, char** argv) {
  std::ostringstream text;
  sm::write(text);
  if (argc < 2) {
    std::cout << text.str();
    return 0;
  }
  std::ofstream out(argv[1], std::ios::binary);
  out << text.str();
  out.close();
  if (!out) {
    std::cerr << "egret_support_matrix: cannot write " << argv[1] << '\n';
    return 1;
  }
  return 0;
}
