// Defines the reflection of users' BOOST_HANA_DEFINE_STRUCT types egret relies on: member count, names
// (as string_views and as fixed_strings) and types. Hana is used here, at the edge, and nowhere in the core.
#pragma once

#include <cstddef>
#include <string_view>
#include <type_traits>
#include <utility>

#include <boost/hana/accessors.hpp>
#include <boost/hana/at.hpp>
#include <boost/hana/first.hpp>
#include <boost/hana/length.hpp>
#include <boost/hana/second.hpp>
#include <boost/hana/string.hpp>

#include <egret/core/fixed_string.hpp>

namespace egret::detail {

template <class S, std::size_t I>
using accessor_pair_t = std::remove_cvref_t<decltype(boost::hana::at_c<I>(boost::hana::accessors<S>()))>;

template <class S, std::size_t I>
using member_name_t = std::remove_cvref_t<decltype(boost::hana::first(std::declval<accessor_pair_t<S, I>>()))>;

template <class S, std::size_t I>
inline constexpr std::string_view member_name_v = boost::hana::to<char const*>(member_name_t<S, I>{});

template <char... Cs>
constexpr fixed_string<sizeof...(Cs)> to_fixed_string(boost::hana::string<Cs...>) {
  fixed_string<sizeof...(Cs)> f;
  std::size_t i = 0;
  ((f.data[i++] = Cs), ...);
  return f;
}

/// Member I's name as a fixed_string, usable as a template argument.
template <class S, std::size_t I>
inline constexpr auto member_fixed_name_v = to_fixed_string(member_name_t<S, I>{});

template <class S, std::size_t I>
using member_type_t = std::remove_cvref_t<decltype(boost::hana::second(std::declval<accessor_pair_t<S, I>>())(
    std::declval<S&>()))>;

template <class S>
inline constexpr std::size_t member_count_v = decltype(boost::hana::length(boost::hana::accessors<S>()))::value;

}  // namespace egret::detail
