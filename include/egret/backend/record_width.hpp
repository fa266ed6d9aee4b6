// Defines egret::backend::require_record_width, the check every backend's CSV loader makes of each record before
// it parses one field, written once: a record of the wrong number of fields is an egret::load_error at its last
// field ("expected N fields, found M"), or at the record's line for an empty one. Only the comparison is inline;
// the message is built on a cold path.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <egret/core/error.hpp>
#include <egret/csv/reader.hpp>

namespace egret::backend {

namespace detail {
[[noreturn, gnu::cold, gnu::noinline]] inline void record_width_error(csv::reader const& r,
                                                                      std::vector<csv::field> const& fields,
                                                                      std::size_t width) {
  auto const& last = fields.empty() ? csv::field{} : fields.back();
  throw load_error(r.file_name(), fields.empty() ? r.record_line() : last.line, fields.empty() ? 1 : last.column,
                   "expected " + std::to_string(width) + " fields, found " + std::to_string(fields.size()));
}
}  // namespace detail

/// Throws egret::load_error unless the record r just read (`fields`) has `width` fields.
inline void require_record_width(csv::reader const& r, std::vector<csv::field> const& fields, std::size_t width) {
  if (fields.size() != width) [[unlikely]]
    detail::record_width_error(r, fields, width);
}

}  // namespace egret::backend
