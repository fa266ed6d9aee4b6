// Defines the visitor dynamic queries render through: dyn::writer appends SQL text to a fmt buffer and
// collects the bound values in text order, in one walk of the same render code the compile-time SQL uses.
// Also: the dialects the dynamic layer renders for, and runtime_scope, the scope type erased expressions
// are rendered in (it asks the writer, at run time, how the query being rendered qualifies a column).
#pragma once

#include <cstddef>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include <egret/core/error.hpp>
#include <egret/core/type_list.hpp>
#include <egret/dialect/duckdb.hpp>
#include <egret/dialect/mysql.hpp>
#include <egret/dialect/postgres.hpp>
#include <egret/dialect/sqlite.hpp>
#include <egret/dynamic/datum.hpp>
#include <egret/relation/relation.hpp>

namespace egret::dyn {

/// The dialects an erased expression keeps a renderer for. Each captured expression instantiates its
/// render code once per dialect listed here; add a dialect to this list to render dynamic queries for it.
using dialects = type_list<dialect::sqlite, dialect::postgres, dialect::mariadb, dialect::duckdb>;

/// Position of D in `dialects` (what the writer carries at run time).
template <class D>
inline constexpr int dialect_index = [] {
  static_assert(contains_v<D, dialects>,
                "egret: dynamic queries render for the dialects in egret::dyn::dialects (dialect::sqlite, "
                "dialect::postgres, dialect::mariadb, dialect::duckdb); add yours to that list");
  return static_cast<int>(index_of_v<D, dialects>);
}();

namespace detail {
template <class F, class... Ds>
void visit_dialect(int i, F& f, type_list<Ds...>) {
  int k = 0;
  (void)((k++ == i ? (f.template operator()<Ds>(), true) : false) || ...);
}
}  // namespace detail

/// Calls `f.template operator()<D>()` for the dialect D at index i of `dialects`.
template <class F>
void visit_dialect(int i, F&& f) {
  detail::visit_dialect(i, f, dialects{});
}

/// What the run-time scope knows of a column's source: the table's name (or alias), empty for the
/// columns of a subquery. One constant per source type; its address identifies the source.
struct source_info {
  std::string_view table;
};
template <class Source>
inline constexpr source_info source_info_v{[] {
  if constexpr (egret::detail::is_table_v<Source>)
    return Source::egret_name.view();
  else
    return std::string_view{};
}()};

class writer;

/// How the level being rendered qualifies a source: writes `"alias".` and returns 1 (2 when the source is
/// on the optional side of an outer join), or returns 0 when the source is not in its FROM.
using qualify_fn = int (*)(writer&, source_info const*);

/// Renders SQL text for one dialect (chosen at run time) and collects the values to bind, in text order.
/// Text goes to a fmt::memory_buffer; the static nodes' own render code writes it (visitor protocol of
/// render/writer.hpp).
class writer {
 public:
  explicit writer(int dialect) : dialect_(dialect) {}

  // ---- the visitor protocol ----
  void text(std::string_view s) { out_.append(s.data(), s.data() + s.size()); }
  void ch(char c) { out_.push_back(c); }
  void number(long long x) { fmt::format_to(std::back_inserter(out_), "{}", x); }
  /// A value the query captured: collected for binding; returns its placeholder's number.
  template <class T>
  int param(T const* v) {
    values_.push_back(to_datum(*v));
    return ++params_;
  }
  int param(datum const* d) {
    values_.push_back(*d);
    return ++params_;
  }
  template <class P>
  int named_param() {
    static_assert(dependent_false<P>, "egret: a dynamic query takes no param<>: its values are known when it is "
                                      "built; use the C++ value itself");
    return 0;
  }

  // ---- the run-time scope ----
  /// Writes the qualifier of a column of `src` as the level being rendered spells it.
  void qualify(source_info const* src) {
    int const r = scope_ != nullptr ? scope_(*this, src) : unscoped(src);
    if (r == 0) not_in_scope(src);
    if (r == 2) touched_nullable_ = true;
  }
  /// Installs the scope of the level about to be rendered; returns the previous one.
  qualify_fn enter_scope(qualify_fn s) { return std::exchange(scope_, s); }
  /// Whether a column of an outer join's optional side was written since the last call.
  bool take_touched_nullable() { return std::exchange(touched_nullable_, false); }

  // ---- results ----
  int dialect() const { return dialect_; }
  int params() const { return params_; }
  std::string_view sql() const { return {out_.data(), out_.size()}; }
  std::string str() const { return std::string(sql()); }
  std::vector<datum>& values() { return values_; }

  /// `"name"` quoted for the writer's dialect.
  void quoted(std::string_view name) {
    visit_dialect(dialect_, [&]<class D>() { D::template quote_identifier<D>(*this, name); });
  }
  /// The placeholder of the next bound value, binding d.
  void placeholder(datum const& d) {
    visit_dialect(dialect_, [&]<class D>() { D::template placeholder<D>(*this, param(&d)); });
  }

 private:
  int unscoped(source_info const* src) {
    if (!src->table.empty()) {
      quoted(src->table);
      ch('.');
    }
    return 1;
  }
  [[noreturn]] static void not_in_scope(source_info const* src) {
    throw egret::error(fmt::format(
        "egret: dynamic query: a column of {} is used, but it is not in the query's FROM; join it first",
        src->table.empty() ? std::string("a subquery") : fmt::format("table \"{}\"", src->table)));
  }

  fmt::memory_buffer out_;
  std::vector<datum> values_;
  int params_ = 0;
  int dialect_;
  qualify_fn scope_ = nullptr;
  bool touched_nullable_ = false;
};

/// The scope type erased expressions are rendered in: a column asks the writer how the query being
/// rendered qualifies its source.
struct runtime_scope {
  static constexpr int depth = 0;
  template <class D, class Source, class V>
  static void qualify(V& v) {
    v.qualify(&source_info_v<Source>);
  }
};

/// Visitor that forwards bound values to a writer and drops the text: used where the text is a
/// compile-time constant spliced whole, to collect that part's values in order.
struct value_sink {
  writer& w;
  constexpr void text(std::string_view) {}
  constexpr void ch(char) {}
  constexpr void number(long long) {}
  template <class T>
  int param(T const* v) {
    return w.param(v);
  }
  template <class P>
  int named_param() {
    return w.template named_param<P>();
  }
};

}  // namespace egret::dyn
