// Defines egret::backend::bind_convenience, the bind overloads every backend's statement has the same way, written
// once: std::optional<T> (its value, or NULL), std::nullopt (NULL), std::string and char const* (text; a null pointer
// binds NULL). A backend's statement derives from it (CRTP), brings them in with `using bind_convenience::bind;`
// and gives what only its engine knows:
//
//   void bind(int index, T v);                 // for each value type it binds (1-based index)
//   void bind(int index, std::string_view v);  // text
//   void bind_null(int index);                 // NULL
//
// Each overload calls the statement's own directly (inline, no virtual call).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace egret::backend {

template <class Derived>
class bind_convenience {
 public:
  void bind(int index, std::string const& v) { self().bind(index, std::string_view(v)); }
  /// A null pointer binds NULL.
  void bind(int index, char const* v) {
    if (v == nullptr)
      self().bind_null(index);
    else
      self().bind(index, std::string_view(v));
  }
  void bind(int index, std::nullopt_t) { self().bind_null(index); }
  template <class T>
  void bind(int index, std::optional<T> const& v) {
    if (v)
      self().bind(index, *v);
    else
      self().bind_null(index);
  }

 protected:
  bind_convenience() = default;

 private:
  Derived& self() { return static_cast<Derived&>(*this); }
};

}  // namespace egret::backend
