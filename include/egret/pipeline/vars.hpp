// Defines the run-time parameters of a pipeline's models (dbt's `var()`): a model's query names one with
// egret::param<"since", egret::date>, and a run gives its value as text (`--var since=2018-03-01` on the command
// line, run_options::vars in code). The text is parsed into the parameter's declared type (the CSV loader's
// parser: whole field, locale independent, range checked); a value that does not parse, a name no model
// declares, a parameter declared with two types, or a model run without its value is an error naming the
// parameter, its type and the model.
//
// A view and CREATE TABLE AS cannot take bound parameters, so a model's parameters are written into its SQL as
// literals of their declared type (escaped by the dialect, as the captured values of every model already are):
// the value was parsed into an int64_t, a double, a date..., never spliced as text, so no text of the user's
// becomes SQL.
#pragma once

#include <array>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <egret/core/error.hpp>
#include <egret/csv/parse_value.hpp>
#include <egret/render/writer.hpp>
#include <egret/types/temporal.hpp>

namespace egret::pipeline {

namespace detail {

/// The name of a parameter's type in messages: its SQL type and, for the types with a text form, that form.
template <class T>
constexpr std::string_view var_type_name() {
  if constexpr (egret::csv::detail::is_optional<T>)
    return var_type_name<typename T::value_type>();
  else if constexpr (std::is_same_v<T, std::int32_t>)
    return "INTEGER (int32_t)";
  else if constexpr (std::is_same_v<T, std::int64_t>)
    return "BIGINT (int64_t)";
  else if constexpr (std::is_same_v<T, double>)
    return "DOUBLE (double)";
  else if constexpr (std::is_same_v<T, bool>)
    return "BOOLEAN (true/false)";
  else if constexpr (std::is_same_v<T, std::string>)
    return "TEXT";
  else if constexpr (std::is_same_v<T, egret::date>)
    return "DATE (YYYY-MM-DD)";
  else
    return "TIMESTAMP (YYYY-MM-DD HH:MM:SS)";
}

/// Parses a --var text into T: an empty text is NULL for an optional type, the empty string for TEXT.
template <class T>
T parse_var(std::string_view name, std::string const& text) {
  egret::csv::field f{text, 1, 1, !egret::csv::detail::is_optional<T>};
  try {
    return egret::csv::parse_field<T>(f, std::string(name));
  } catch (egret::load_error const& e) {
    throw std::invalid_argument("egret: --var " + std::string(name) + "=" + text + ": " + e.reason() + " (the parameter is " +
                                std::string(var_type_name<T>()) + ")");
  }
}

template <class T>
void check_var(std::string_view name, std::string const& text) {
  (void)parse_var<T>(name, text);
}

/// One param<> of a model, as the compile-time walk of its query finds it.
struct var_info {
  std::string_view name;
  std::string_view type;
  void (*check)(std::string_view, std::string const&) = nullptr;
};

/// Collects the param<>s a query's text names (a render visitor that writes nothing).
template <std::size_t N>
struct var_collector {
  std::array<var_info, N + 1> vars{};
  std::size_t size = 0;
  int params = 0;
  constexpr void text(std::string_view) {}
  constexpr void ch(char) {}
  constexpr void number(long long) {}
  template <class T>
  constexpr int param(T const*) {
    return ++params;
  }
  template <class P>
  constexpr int named_param() {
    bool seen = false;
    for (std::size_t i = 0; i != size; ++i) seen = seen || vars[i].name == P::name.view();
    if (!seen) vars[size++] = {P::name.view(), var_type_name<typename P::cpp_type>(), &check_var<typename P::cpp_type>};
    return ++params;
  }
};

}  // namespace detail

/// The --var values of a run, NAME=VALUE texts; a later value of a name replaces an earlier one (so a program's
/// defaults can come first and the command line's after them).
class var_values {
 public:
  var_values() = default;
  explicit var_values(std::vector<std::string> const& specs) {
    for (auto const& s : specs) {
      std::size_t const eq = s.find('=');
      if (eq == std::string::npos || eq == 0)
        throw std::invalid_argument("egret: --var \"" + s + "\": write NAME=VALUE");
      set(s.substr(0, eq), s.substr(eq + 1));
    }
  }
  void set(std::string name, std::string value) {
    for (auto& [n, v] : values_)
      if (n == name) {
        v = std::move(value);
        return;
      }
    values_.emplace_back(std::move(name), std::move(value));
  }
  std::string const* find(std::string_view name) const {
    for (auto const& [n, v] : values_)
      if (n == name) return &v;
    return nullptr;
  }
  std::vector<std::pair<std::string, std::string>> const& all() const { return values_; }

 private:
  std::vector<std::pair<std::string, std::string>> values_;
};

namespace detail {

/// Renders a model's query with its captured values and its param<>s (from the run's --var values) written as
/// literals of dialect D.
template <class D>
struct var_inline_writer : render::string_writer {
  static constexpr bool inline_values = true;
  var_values const* vars = nullptr;
  std::string_view model;
  template <class P>
  int named_param() {
    using T = typename P::cpp_type;
    std::string const* text = vars != nullptr ? vars->find(P::name.view()) : nullptr;
    if (text == nullptr)
      throw std::invalid_argument("egret: model \"" + std::string(model) + "\" needs --var " +
                                  std::string(P::name.view()) + "=VALUE, a " + std::string(var_type_name<T>()));
    D::template inline_literal<D>(*this, parse_var<T>(P::name.view(), *text));
    return 0;
  }
};

}  // namespace detail

}  // namespace egret::pipeline
